/* jhk-bench-incidents.h: jhkctl bench --incidents N, the speed of the
 * incident lists, dashboard, writes and report (issue 7, 第19). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Generates n_incidents incidents (about five steps each, copied from the
 * playbooks' first steps, one timeline event each) spread over the demo's
 * offices and ten years, some open, some serious, some asking for
 * recovery, with plain INSERTs in one transaction into a fresh SQLite demo
 * database, and one big open serious incident of 中央警察署 with 60 steps
 * and 200 events. Then reports (median of 5, ms) for the office's
 * 運用管理者 and for admin the first page of each list scope, with a text
 * filter and serious only; jhk_incidents_get and the timeline of the big
 * incident; the open incidents as structs (jhk_incidents_list) and the
 * dashboard's incident items per role; a step done; the
 * 事故報告書 loaded and written to PDF; the playbook list and an export and
 * import of the library. uri is unused: the figures are SQLite's. */
gboolean jhk_bench_run_incidents (const char  *uri,
                                  gint64       n_incidents,
                                  gboolean     json,
                                  GError     **error);

G_END_DECLS
