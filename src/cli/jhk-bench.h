/* jhk-bench.h: jhkctl bench, the speed figures of the core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the benchmarks on a scratch copy of the database at uri (or of a
 * fresh demo database when uri does not exist), growing its audit log to
 * audit_entries first when that is larger than it is. */
gboolean jhk_bench_run (const char  *uri,
                        gint64       audit_entries,
                        gboolean     json,
                        GError     **error);

G_END_DECLS
