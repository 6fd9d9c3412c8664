/* jhk-db-watch.h: tells when the data changed, whoever changed it.
 *
 * Several workstations (or two windows on one SQLite file) work on one
 * database; a watch lets each keep its lists and dashboard current without
 * reloading them whole: on "changed" the front end refreshes its
 * JhkQueryModels, which report exact items-changed.
 *
 * On PostgreSQL the watch listens (LISTEN/NOTIFY): every write of another
 * connection tells which tables it changed, and the watch wakes on the
 * connection's socket, with no polling. "changed" then comes at most every
 * 100 ms, the changes of that time in one emission. Where the server cannot
 * tell (SQLite, a read-only standby), the watch polls the backend's data
 * version at the interval given.
 *
 * On PostgreSQL the connection's own writes count too (a list follows a
 * write made through its connection anywhere); on SQLite they do not (its
 * data_version leaves them out). A watch belongs to the thread that uses its
 * connection (the thread-default main context when it was made); only one
 * watch of a connection listens, any other polls.
 */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

#define JHK_TYPE_DB_WATCH (jhk_db_watch_get_type ())
G_DECLARE_FINAL_TYPE (JhkDbWatch, jhk_db_watch, JHK, DB_WATCH, GObject)

/* Starts watching db: listening where the backend can tell, else polling
 * every interval_ms (0: only when checked). */
JhkDbWatch *jhk_db_watch_new          (JhkDb      *db,
                                       guint       interval_ms);
/* Checks now; emits "changed" and returns TRUE when the data changed since
 * the last check (on PostgreSQL, every commit that ended before
 * the call counts). */
gboolean    jhk_db_watch_check        (JhkDbWatch *self);
/* TRUE when the watch listens rather than polls. */
gboolean    jhk_db_watch_is_listening (JhkDbWatch *self);

/* In a "changed" handler: the names of the tables that changed, sorted;
 * NULL when they are not known (polling, or after a lost session), when
 * anything may have changed. */
const char * const *jhk_db_watch_get_tables (JhkDbWatch *self);
/* TRUE when `table` may be among `tables` (always when they are NULL):
 * jhk_db_watch_tables_include (jhk_db_watch_get_tables (watch), "users"). */
gboolean    jhk_db_watch_tables_include (const char * const *tables,
                                         const char         *table);

G_END_DECLS
