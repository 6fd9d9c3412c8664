/* jhk-retention.h: the end of a material's retention and its purge (R15-3).
 *
 * The ledger of a material is kept five years from its last entry
 * (materials.last_entry_on, 最終の記載がされた日): a closed material (final
 * disposition made) whose last entry is five years old or more has come to
 * the end of its retention. An open material never does, however old.
 *
 * Purge turns such a material into a tombstone: the row keeps its id,
 * office, direction, category, dates, quantities and status, and says
 * when and by whom it was purged; its name, summary, breakdown, purpose
 * and texts are emptied, and its history, final disposition and viewers
 * are deleted. One audit entry ("material.purge") says what went.
 *
 * Who purges: the office's 運用管理者 (or the system). 第15-1 makes the
 * 運用管理者 answerable for the office's input and output materials and
 * their ledger; the 情報管理者 and assistants keep it day to day but do
 * not destroy records, and the 総括責任者 and システム管理者 keep no
 * office's ledger (jhk_ledger_may_keep_office), so they do not purge it.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_RETENTION_YEARS 5

/* The latest last entry whose retention has ended today (today five years
 * back, 29 February going to the 28th): YYYY-MM-DD. */
char      *jhk_retention_cutoff       (void);
/* The day the retention of a material last entered on that day ends. */
char      *jhk_retention_ends_on      (const char  *last_entry_on);

/* The closed, unpurged materials whose retention has ended, of one office
 * or (0) of every office the actor may view, oldest last entry first: a
 * GPtrArray of JhkLedgerMaterial (jhk-ledger-query.h) without events. */
GPtrArray *jhk_retention_list_expired (JhkDb       *db,
                                       JhkSession  *actor,
                                       gint64       office_id,
                                       GError     **error);

/* Whether the actor purges the office's expired materials. */
gboolean   jhk_retention_may_purge    (JhkDb       *db,
                                       JhkSession  *actor,
                                       gint64       office_id);

/* Purges one material, checked again inside the transaction: refused
 * (database unchanged) unless it exists, is the actor's to purge, is
 * closed, unpurged and its retention has ended. */
gboolean   jhk_retention_purge        (JhkDb       *db,
                                       JhkSession  *actor,
                                       gint64       material_id,
                                       GError     **error);

G_END_DECLS
