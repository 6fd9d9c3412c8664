/* jhk-bench.h: jhkctl bench, the speed figures of the core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the benchmarks on a scratch copy of the database at uri (or of a
 * fresh demo database when uri does not exist), growing its audit log to
 * audit_entries first when that is larger than it is.  With keep_path, the
 * scratch copy is kept there afterwards (it must not exist yet), e.g. for
 * measuring the app's start-up on a big database. */
gboolean jhk_bench_run (const char  *uri,
                        gint64       audit_entries,
                        const char  *keep_path,
                        gboolean     json,
                        GError     **error);

/* Write throughput: n_writers concurrent connections (threads, each one
 * workstation) make audited writes for `seconds` on a scratch database:
 * a copy of the SQLite file at uri (or a fresh demo database), or a new
 * demo database on the server a postgresql:// uri leads to, dropped
 * afterwards. Prints writes per second in all and per writer, and the
 * latency of a write (p50, p99). */
gboolean jhk_bench_run_writers (const char  *uri,
                                int          n_writers,
                                int          seconds,
                                gboolean     json,
                                GError     **error);

/* The 入出力資料台帳 page's list (issue 4): a scratch database (a new SQLite
 * file, or a new database on the server a postgresql:// uri leads to,
 * dropped afterwards) with the demo organisation, n_materials materials in
 * offices of 50 000 and n_events events made by generated SQL; then one
 * office's list opened, filtered and sorted, each timed to its first page
 * (median of 5). */
gboolean jhk_bench_run_materials (const char  *uri,
                                  gint64       n_materials,
                                  gint64       n_events,
                                  gboolean     json,
                                  GError     **error);

/* The 作業依頼 page's lists (issue 5): a scratch database as for the
 * materials with the demo organisation and n_requests requests made by
 * generated SQL; then each scope's lazy model opened to its first 50 rows
 * for the システム管理者, an office's 情報管理者 and a business's manager,
 * the sorts of the page's column headers, one request and the dashboard's
 * items (median of 5). */
gboolean jhk_bench_run_work_requests (const char  *uri,
                                      gint64       n_requests,
                                      gboolean     json,
                                      GError     **error);

G_END_DECLS
