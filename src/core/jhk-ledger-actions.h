/* jhk-ledger-actions.h: what may be done to a material now, and why not.
 *
 * The ledger page shows every step of 様式第1号 as a button; a step the
 * rules forbid stays insensitive with the reason as its tooltip. The
 * reasons are the ones the services give when they refuse the same step,
 * so the page and jhkctl say the same thing.
 */
#pragma once

#include "jhk-ledger-query.h"

G_BEGIN_DECLS

typedef enum
{
  JHK_LEDGER_ACTION_LEND,             /* 貸出 */
  JHK_LEDGER_ACTION_RETURN,           /* 返却 */
  JHK_LEDGER_ACTION_COPY,             /* 複写 (R17-6/7) */
  JHK_LEDGER_ACTION_HAND_OVER,        /* 交付 */
  JHK_LEDGER_ACTION_RECEIVE,          /* 受入 */
  JHK_LEDGER_ACTION_PARTIAL_DISPOSE,  /* 一部廃棄 (R15-6) */
  JHK_LEDGER_ACTION_OTHER,            /* その他 */
  JHK_LEDGER_ACTION_FINAL,            /* 最終処理 */
  JHK_LEDGER_N_ACTIONS,
} JhkLedgerAction;

/* The event kind of JhkMaterialEvent ("lend"...), or "final". */
const char *jhk_ledger_action_kind    (JhkLedgerAction          action);
/* The step's name as the form and the page say it (貸出...). */
const char *jhk_ledger_action_label   (JhkLedgerAction          action);

/* NULL when the actor may take the step on the material as read;
 * otherwise the reason, translated (a static string). The service checks
 * again when the step is taken. */
const char *jhk_ledger_action_refusal (JhkDb                   *db,
                                       JhkSession              *actor,
                                       const JhkLedgerMaterial *material,
                                       JhkLedgerAction          action);

/* R16-2: the approved requests not used yet that allow a copy or a
 * hand-over (action) of personal-data input material: a GPtrArray of
 * JhkApproval (jhk-approvals.h), empty when none is needed or none is
 * there; NULL when the step needs no approval at all. */
GPtrArray  *jhk_ledger_action_approvals (JhkDb                   *db,
                                         JhkSession              *actor,
                                         const JhkLedgerMaterial *material,
                                         JhkLedgerAction          action);

/* R15-3: NULL when the actor may purge the material now (its retention
 * ended); otherwise the reason, as jhk_retention_purge() gives it (a new
 * string). */
char       *jhk_ledger_purge_refusal   (JhkDb                   *db,
                                        JhkSession              *actor,
                                        const JhkLedgerMaterial *material);

/* The same for the 情報管理者確認 of a step (jhk_ledger_confirm_event):
 * NULL when the actor may confirm it now. */
const char *jhk_ledger_confirm_refusal (JhkDb                   *db,
                                        JhkSession              *actor,
                                        const JhkLedgerMaterial *material,
                                        const JhkLedgerEvent    *event);

G_END_DECLS
