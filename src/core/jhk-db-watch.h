/* jhk-db-watch.h: tells when the data changed, whoever changed it.
 *
 * Several workstations (or two windows on one SQLite file) work on one
 * database; a watch lets each keep its lists and dashboard current without
 * reloading them whole: on "changed" the front end refreshes its
 * JhkQueryModels, which report exact items-changed.  The watch polls the
 * backend's data version, cheaply, at the interval given.
 */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

#define JHK_TYPE_DB_WATCH (jhk_db_watch_get_type ())
G_DECLARE_FINAL_TYPE (JhkDbWatch, jhk_db_watch, JHK, DB_WATCH, GObject)

/* Starts watching db every interval_ms (0: only when checked). */
JhkDbWatch *jhk_db_watch_new   (JhkDb      *db,
                                guint       interval_ms);
/* Checks now; emits "changed" and returns TRUE when the data changed since
 * the last check. */
gboolean    jhk_db_watch_check (JhkDbWatch *self);

G_END_DECLS
