/* jhk-transfer.h: copying a whole Jhk database to another backend.
 *
 * jhkctl migrate uses it to move an office's SQLite file into the shared
 * PostgreSQL database (and back).  Every table is copied row by row in key
 * order, in one transaction on the destination; afterwards the row counts
 * must agree and the destination's audit chain must verify and end in the
 * same head hash as the source's.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  n_rows;         /* all tables */
  gint64  n_audit;        /* audit entries, the chain's length */
  char   *head;           /* the head hash both chains end in */
} JhkTransferReport;

/* The tables of the schema in the order their references allow. */
const char * const *jhk_transfer_tables (void);

/* dest must hold the current schema and no data.  On failure dest is left
 * as it was (the transaction is rolled back). */
gboolean jhk_transfer_copy          (JhkDb              *src,
                                     JhkDb              *dest,
                                     JhkDbProgressFunc   progress,
                                     gpointer            user_data,
                                     GCancellable       *cancellable,
                                     JhkTransferReport  *report,
                                     GError            **error);
void     jhk_transfer_report_clear  (JhkTransferReport  *report);

/* jhkctl migrate: the システム管理者 (actor, logged in on src) copies src
 * into dest; the move is recorded in src's chain first, so the copy
 * carries it too. */
gboolean jhk_transfer_migrate       (JhkDb              *src,
                                     JhkSession         *actor,
                                     JhkDb              *dest,
                                     JhkDbProgressFunc   progress,
                                     gpointer            user_data,
                                     JhkTransferReport  *report,
                                     GError            **error);

G_END_DECLS
