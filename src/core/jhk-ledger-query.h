/* jhk-ledger-query.h: the read side of the materials ledger (第15-第18).
 *
 * One material with its history and final disposition, and the list of an
 * office's materials, as plain records for jhkctl, 様式第1号 and the UI.
 * Who may read: the holders of the office roles for the material's office
 * (運用管理者, 情報管理責任者, 情報管理者, 情報管理補助者), the 総括責任者
 * and the システム管理者. On a server row-level security says the same.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* One step of 保管後の経過. Names are of the staff at the time of reading. */
typedef struct
{
  gint64  id;
  char   *happened_on;
  char   *kind;              /* lend return copy hand_over receive partial_dispose other */
  gint64  quantity;
  char   *handler_staff_no;
  char   *handler_name;
  char   *handler_section;   /* the handler's unit (係) */
  char   *confirmer_name;    /* 情報管理者確認, NULL for none yet */
  char   *counterpart;
  char   *method;            /* partial_dispose */
  char   *witness_name;
  char   *copy_basis;
  gint64  copy_material_id;
  char   *note;
} JhkLedgerEvent;

/* 最終処理. */
typedef struct
{
  char   *happened_on;
  char   *kind;              /* dispose return hand_over other */
  char   *method;
  gint64  quantity;
  char   *handler_staff_no;
  char   *handler_name;
  char   *handler_section;
  char   *witness_name;
  char   *counterpart;
  char   *note;
} JhkLedgerDisposition;

typedef struct
{
  gint64                id;
  gint64                office_id;
  char                 *office_code;
  char                 *office_name;
  char                 *direction;          /* input output */
  char                 *name;
  gint64                quantity;
  char                 *breakdown;
  char                 *summary;
  char                 *business_code;
  char                 *business_name;
  char                 *handler_staff_no;
  char                 *handler_name;
  char                 *handler_section;    /* 取扱者の係 */
  char                 *purpose;
  gboolean              designated;
  gboolean              personal_data;
  char                 *creation_reason;    /* NULL unless given */
  char                 *acquired_on;
  char                 *acquisition_method; /* received printed other */
  char                 *acquisition_text;
  char                 *acquired_by_name;
  char                 *acquired_by_section;
  char                 *measure;            /* store dispose_without_storing other */
  char                 *measure_text;
  char                 *storage_place;      /* NULL unless stored */
  gint64                original_id;        /* a copy's original, 0 otherwise */
  gint64                quantity_on_hand;
  gint64                quantity_lent;
  char                 *status;             /* stored lent closed, or purged (R15-3) */
  char                 *last_entry_on;
  char                 *category;           /* io system_document program manual (R18-1) */
  gboolean              printed_manual;     /* R18-5 */
  /* R15-3: a purged material is a tombstone: status "purged", its id,
   * office, direction, category, dates and quantities stay; name, summary,
   * breakdown, purpose, texts, business, handler and storage place are
   * empty (NULL or ""), it has no events and no disposition. */
  gint64                purged_at;          /* µs, 0 unless purged */
  char                 *purged_by;          /* login */

  /* Filled by jhk_ledger_query_material() only. */
  GPtrArray            *events;             /* of JhkLedgerEvent, oldest first */
  JhkLedgerDisposition *disposition;        /* NULL while open */
  /* 作成時確認欄 and 最終処理確認欄: of JhkSignoff (jhk-signoffs.h),
   * "created" first, each stage in the form's order; only the signed
   * boxes. */
  GPtrArray            *signoffs;
  gboolean              final_signoff_requested;
} JhkLedgerMaterial;

void jhk_ledger_material_free (JhkLedgerMaterial *material);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkLedgerMaterial, jhk_ledger_material_free)

/* One material with its events and disposition; JHK_POLICY_ERROR_NOT_FOUND
 * when it does not exist or is not the actor's to see. */
JhkLedgerMaterial *jhk_ledger_query_material (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       material_id,
                                              GError     **error);

/* The materials the actor may see, newest acquisition first: of one office
 * (0 for every office) and one status (NULL for any). A GPtrArray of
 * JhkLedgerMaterial without events. */
GPtrArray         *jhk_ledger_query_list     (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       office_id,
                                              const char  *status,
                                              GError     **error);

/* The same with more filters; zero members filter nothing. */
typedef struct
{
  gint64      office_id;
  const char *status;         /* stored lent closed purged */
  const char *category;       /* R18-1 */
  const char *last_entry_by;  /* R15-3: last entry on or before this date */
} JhkLedgerFilter;

GPtrArray         *jhk_ledger_query_list_full (JhkDb                 *db,
                                               JhkSession            *actor,
                                               const JhkLedgerFilter *filter,
                                               GError               **error);

/* R18-3: whether the actor may view the material of this office and
 * category: the office's ledger keepers (jhk_ledger_may_keep_office), the
 * 総括責任者 and the システム管理者; for a system document or program
 * (jhk_sysdocs_is_restricted) also the staff named as its viewers, and
 * for no other category anyone else. */
gboolean           jhk_ledger_may_view       (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       material_id,
                                              gint64       office_id,
                                              const char  *category);

G_END_DECLS
