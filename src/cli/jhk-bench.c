/* jhk-bench.c: measured figures, never assertions. */
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-bench.h"
#include "jhk-demo.h"
#include "jhk-lists.h"

typedef struct
{
  JsonBuilder *builder;
  gboolean     json;
} Report;

static void
report (Report     *r,
        const char *name,
        double      value,
        const char *unit)
{
  if (r->json)
    {
      json_builder_set_member_name (r->builder, name);
      json_builder_add_double_value (r->builder, value);
    }
  else
    g_print ("%-40s %12.3f %s\n", name, value, unit);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_double);
  return g_array_index (samples, double, samples->len / 2);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Grows the audit log quickly: batches of appends, each batch one
 * transaction, through the normal append path. */
static gboolean
grow_audit (JhkDb    *db,
            gint64    target,
            double   *per_entry_us,
            GError  **error)
{
  gint64 count = 0;
  gint64 start, added = 0;

  if (!jhk_db_query_int64 (db, &count, error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END))
    return FALSE;
  start = g_get_monotonic_time ();
  while (count < target)
    {
      gint64 batch = MIN (10000, target - count);

      if (!jhk_db_begin (db, error))
        return FALSE;
      for (gint64 i = 0; i < batch; i++)
        {
          g_autoptr(JsonObject) details = json_object_new ();
          g_autofree char *object_id = g_strdup_printf ("%" G_GINT64_FORMAT, count + i);

          json_object_set_int_member (details, "n", count + i);
          json_object_set_string_member (details, "note", "bench");
          if (!jhk_audit_append_raw (db, (count + i) % 7 ? "chuo-shokuin" : "admin", "staff",
                                     (count + i) % 3 ? "910" : "920", "bench", "session.login",
                                     "user", object_id, details, error))
            {
              jhk_db_rollback (db);
              return FALSE;
            }
        }
      if (!jhk_db_commit (db, error))
        return FALSE;
      count += batch;
      added += batch;
    }
  *per_entry_us = added > 0 ? (double) (g_get_monotonic_time () - start) / added : 0;
  return TRUE;
}

gboolean
jhk_bench_run (const char  *uri,
               gint64       audit_entries,
               const char  *keep_path,
               gboolean     json,
               GError     **error)
{
  g_autofree char *tmp_dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  g_autofree char *scratch = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Report r = { builder, json };
  gint64 n_entries = 0;
  double per_entry = 0;
  gint64 start;

  if (tmp_dir == NULL)
    return FALSE;
  if (keep_path != NULL && g_file_test (keep_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s exists already; the benchmark keeps its copy only in a new file."),
                   keep_path);
      g_rmdir (tmp_dir);
      return FALSE;
    }
  scratch = g_build_filename (tmp_dir, "bench.db", NULL);

  /* Work on a copy: the bench writes audit entries and logins. */
  if (g_file_test (uri, G_FILE_TEST_EXISTS))
    {
      g_autoptr(JhkDb) source = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, error);
      if (source == NULL || !jhk_db_backup (source, scratch, NULL, NULL, NULL, error))
        return FALSE;
    }
  else
    {
      g_autoptr(JhkDb) fresh = jhk_db_open (scratch, JHK_DB_OPEN_CREATE, error);
      if (fresh == NULL || !jhk_demo_populate (fresh, error))
        return FALSE;
    }

  json_builder_begin_object (builder);
  if (!json)
    g_print (_("Benchmark on a scratch copy: %s\n"), scratch);

  /* Open (with the migration check). */
  for (int i = 0; i < 5; i++)
    {
      start = g_get_monotonic_time ();
      g_clear_object (&db);
      db = jhk_db_open (scratch, JHK_DB_OPEN_DEFAULT, error);
      if (db == NULL)
        return FALSE;
      g_array_append_vals (samples, (double[]) { ms_since (start) }, 1);
    }
  report (&r, "open_ms_median", median (samples), "ms");

  if (audit_entries > 0)
    {
      if (!grow_audit (db, audit_entries, &per_entry, error))
        return FALSE;
      if (per_entry > 0)
        report (&r, "audit_append_us_per_entry", per_entry, "µs");
    }
  jhk_db_query_int64 (db, &n_entries, NULL, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  report (&r, "audit_entries", n_entries, "");

  /* Login: Argon2id at the policy's parameters dominates. */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(JhkSession) session = NULL;

      start = g_get_monotonic_time ();
      session = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", NULL);
      if (session != NULL)
        g_array_append_vals (samples, (double[]) { ms_since (start) }, 1);
    }
  if (samples->len > 0)
    report (&r, "login_ms_median", median (samples), "ms");

  /* The audit list as the 監査ログ page opens it, then positional access
   * at random places, as a scrollbar drag does. */
  {
    g_autoptr(JhkQueryModel) model = NULL;
    GRand *rand = g_rand_new_with_seed (42);
    guint n;

    start = g_get_monotonic_time ();
    model = jhk_lists_audit (db);
    n = g_list_model_get_n_items (G_LIST_MODEL (model));
    report (&r, "audit_list_open_ms", ms_since (start), "ms");

    g_array_set_size (samples, 0);
    for (int i = 0; i < 200 && n > 0; i++)
      {
        guint position = g_rand_int_range (rand, 0, n);
        g_autoptr(JhkRow) row = NULL;

        start = g_get_monotonic_time ();
        row = g_list_model_get_item (G_LIST_MODEL (model), position);
        g_array_append_vals (samples, (double[]) { ms_since (start) }, 1);
      }
    if (samples->len > 0)
      report (&r, "audit_list_random_item_ms_median", median (samples), "ms");

    start = g_get_monotonic_time ();
    jhk_lists_audit_filter (model, "admin", NULL, NULL, 0, 0);
    report (&r, "audit_list_filter_actor_ms", ms_since (start), "ms");
    report (&r, "audit_list_filter_actor_rows", g_list_model_get_n_items (G_LIST_MODEL (model)),
            "");
    g_rand_free (rand);
  }

  /* Verify: the whole chain plus integrity_check. */
  {
    JhkAuditReport result = { 0 };

    start = g_get_monotonic_time ();
    if (!jhk_audit_verify (db, NULL, NULL, NULL, NULL, &result, error))
      return FALSE;
    report (&r, "verify_ms", ms_since (start), "ms");
    jhk_audit_report_clear (&result);
  }

  json_builder_end_object (builder);
  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  g_clear_object (&db);
  if (keep_path != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (scratch);
      g_autoptr(GFile) to = g_file_new_for_path (keep_path);

      /* The connection is closed: the WAL is folded back into the file. */
      if (!g_file_move (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return FALSE;
      if (!json)
        g_print (_("Kept the benchmark database as %s\n"), keep_path);
    }
  for (const char *suffix = ""; suffix != NULL;
       suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (scratch, suffix, NULL);
      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  return TRUE;
}
