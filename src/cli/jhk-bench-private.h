/* jhk-bench-private.h: what the benchmarks of jhkctl bench share. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where figures go: a JSON object being built, or lines on stdout. */
typedef struct
{
  JsonBuilder *builder;
  gboolean     json;
} JhkBenchReport;

/* A figure with its unit ("ms", "s", "MiB"...), and a text. */
void   jhk_bench_report         (JhkBenchReport *r,
                                 const char     *name,
                                 double          value,
                                 const char     *unit);
void   jhk_bench_report_text    (JhkBenchReport *r,
                                 const char     *name,
                                 const char     *value);
/* For g_array_sort of doubles. */
int    jhk_bench_compare_double (gconstpointer   a,
                                 gconstpointer   b);
/* Milliseconds since a g_get_monotonic_time (). */
double jhk_bench_ms_since       (gint64          start);
/* The median of a GArray of doubles (sorted in place); 0 when empty. */
double jhk_bench_median         (GArray         *samples);
/* Removes a scratch SQLite database with its -wal, -shm and -journal. */
void   jhk_bench_remove_db      (const char     *path);

G_END_DECLS
