/* jhk-attention.h: what waits for the logged-in user in the ledgers.
 *
 * The dashboard lists these items; each says what is waiting, how much of
 * it, and which workspace deals with it. Only items with something waiting
 * are returned.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* A material lent out with no entry for this many days is shown as
 * waiting for its return. */
#define JHK_ATTENTION_LENT_DAYS 30

typedef struct
{
  const char *key;        /* "ledger.unconfirmed", "ledger.lent"... */
  guint       count;
  char       *title;      /* translated */
  char       *subtitle;   /* translated, with the count */
  const char *icon;       /* symbolic icon name */
  const char *workspace;  /* where it is dealt with, e.g. "ledger" */
} JhkAttentionItem;

void       jhk_attention_item_free (JhkAttentionItem *item);

/* GPtrArray of JhkAttentionItem, owned by the caller. */
GPtrArray *jhk_attention_ledger    (JhkDb       *db,
                                    JhkSession  *actor);
/* The transfers waiting for the actor (workspace "transfers"): keys
 * "transfers.confirm" (R17-9), "transfers.deleted" (R17-5) and
 * "transfers.receive" (R17-8); jhk-attention-transfers.c. */
GPtrArray *jhk_attention_transfers (JhkDb       *db,
                                    JhkSession  *actor);
/* The 作業依頼書 waiting for the actor (workspace "requests", R15-4):
 * keys "requests.consent" (the business manager's consent),
 * "requests.receive" and "requests.in_progress" (addressed to the actor),
 * "requests.returned" (of the actor's offices, sent back) and
 * "requests.overdue" (open, past the 完成希望日時); one count each,
 * jhk-attention-requests.c. */
GPtrArray *jhk_attention_requests  (JhkDb       *db,
                                    JhkSession  *actor);

/* The 個人情報照会記録 waiting for the actor (workspace "inquiries",
 * R14-6): keys "inquiries.confirm" (the actor's own, step 1),
 * "inquiries.check" (of the actor's 係, step 2), "inquiries.resolve"
 * (要確認 or nobody else can take them, of the actor's office),
 * "inquiries.overdue" (of those, not done in time) and
 * "inquiries.sign_off" (months of the actor's office with every record
 * done, not signed off); an office's records are looked for in its last
 * 13 months; jhk-attention-inquiries.c. */
GPtrArray *jhk_attention_inquiries (JhkDb       *db,
                                    JhkSession  *actor);

/* The incidents waiting for the actor (workspace "incidents", 第19):
 * keys "incidents.open" (open incidents of the actor's offices, for the
 * 運用管理者), "incidents.steps" (pending steps the actor may do and steps
 * waiting for the actor's confirmation), "incidents.recovery" (recovery
 * requested of the actor or under their investigation, R19-4),
 * "incidents.report" (serious, report not reported, for the システム管理者;
 * the subtitle says how many are overdue) and "incidents.acknowledge"
 * (reported, waiting for the actor's acknowledgement as 総括責任者 or
 * 主管部長, R19-5); jhk-attention-incidents.c. */
GPtrArray *jhk_attention_incidents (JhkDb       *db,
                                    JhkSession  *actor);

/* The materials an item is about, for the ledger page to show them: a
 * GArray of gint64, or NULL for an item that is no list of materials
 * (those the ledger page filters by itself: "ledger.unconfirmed",
 * "ledger.lent", "ledger.expired"). */
GArray    *jhk_attention_material_ids (JhkDb       *db,
                                       JhkSession  *actor,
                                       const char  *key);

G_END_DECLS
