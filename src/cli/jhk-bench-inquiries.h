/* jhk-bench-inquiries.h: jhkctl bench --inquiries N, the speed of the
 * 照会点検 import and lists (issue 6). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Generates a CP932 file of n_rows inquiry records (offices of the demo
 * organisation, hundreds of officers, several kinds, some empty 事由,
 * names with 髙 and 﨑) and a UTF-8 copy in a scratch directory; times
 * jhk_inquiry_import_file() into a fresh SQLite demo database (the median
 * of 3 runs up to 200 000 rows, else one run), and, in the same run,
 * sqlite3's own .import of the UTF-8 copy into an equivalent table with
 * the same number of indexes; reports their ratio, in wall-clock time and
 * in CPU time (user and system, which other load on the machine does not
 * change), the peak memory
 * (VmHWM), the 運用管理者's summary of one office and month and the first
 * page of the list filtered by office and month and by officer. uri is
 * unused: the figures are SQLite's. */
gboolean jhk_bench_run_inquiries (const char  *uri,
                                  gint64       n_rows,
                                  gboolean     json,
                                  GError     **error);

G_END_DECLS
