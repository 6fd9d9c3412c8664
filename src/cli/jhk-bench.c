/* jhk-bench.c: measured figures, never assertions. */
#include <cairo-pdf.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-accounts.h"
#include "jhk-attention.h"
#include "jhk-audit.h"
#include "jhk-bench.h"
#include "jhk-bench-private.h"
#include "jhk-demo.h"
#include "jhk-form1.h"
#include "jhk-ledger-query.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-work-requests.h"

void
jhk_bench_report (JhkBenchReport *r,
                  const char     *name,
                  double          value,
                  const char     *unit)
{
  if (r->json)
    {
      json_builder_set_member_name (r->builder, name);
      json_builder_add_double_value (r->builder, value);
    }
  else
    g_print ("%-40s %12.3f %s\n", name, value, unit);
}

void
jhk_bench_report_text (JhkBenchReport *r,
                       const char     *name,
                       const char     *value)
{
  if (r->json)
    {
      json_builder_set_member_name (r->builder, name);
      json_builder_add_string_value (r->builder, value);
    }
  else
    g_print ("%-40s %12s\n", name, value);
}

int
jhk_bench_compare_double (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
jhk_bench_median (GArray *samples)
{
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, jhk_bench_compare_double);
  return g_array_index (samples, double, samples->len / 2);
}

void
jhk_bench_remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

double
jhk_bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Grows the audit log quickly: batches of appends, each batch one
 * transaction, through the normal append path. */
static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

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

/* 別記様式第1号: one filled sheet drawn to a PDF surface, as print and
 * export do, and the size of its file with the fonts embedded. */
static gboolean
bench_form1 (JhkBenchReport  *r,
             GError         **error)
{
  static const JhkForm1Row rows[] = {
    { "2026-04-10", JHK_FORM1_EVENT_LEND, NULL, "1冊", { "捜査第一係", "佐藤 次郎" }, "鈴木 花子",
      "会議用に貸出" },
    { "2026-04-12", JHK_FORM1_EVENT_RETURN, NULL, "1冊", { "捜査第一係", "佐藤 次郎" },
      "鈴木 花子", NULL },
    { "2026-05-20", JHK_FORM1_EVENT_OTHER, "複写", "2部", { "庶務係", "高橋 三郎" }, "鈴木 花子",
      "運用管理者承認済" },
    { "2026-06-01", JHK_FORM1_EVENT_PARTIAL_DISPOSAL, NULL, "1部", { "庶務係", "高橋 三郎" },
      "鈴木 花子", "裁断" },
  };
  JhkForm1 form = {
    .created_stamps = { { "田中", "2026-04-01" }, { NULL, NULL }, { "鈴木", "2026-04-01" } },
    .direction = JHK_FORM1_DIRECTION_OUTPUT,
    .name = "運転免許保有者一覧表",
    .quantity = "3冊（本編2冊、索引1冊）",
    .summary = "令和8年3月末現在の管内運転免許保有者の氏名、住所及び免許の種類",
    .handler = { "交通企画係", "山本 和子" },
    .purpose = "免許更新案内の発送準備",
    .acquired_date = "2026-04-01",
    .acquisition = JHK_FORM1_ACQUISITION_PRINTED,
    .acquired_handler = { "交通企画係", "山本 和子" },
    .measure = JHK_FORM1_MEASURE_STORED,
    .storage_place = "第2書庫 施錠キャビネットA",
    .rows = rows,
    .n_rows = G_N_ELEMENTS (rows),
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;

  {
    /* One document of 21 sheets, as a print job of many forms is. */
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 595.276, 841.89);
    cairo_t *cr = cairo_create (surface);

    for (int i = 0; i < 21; i++)
      {
        gint64 start = g_get_monotonic_time ();

        jhk_form1_draw (&form, cr, 0);
        cairo_show_page (cr);
        /* The first sheet loads the fonts: not a page's cost. */
        if (i > 0)
          g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
      }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  jhk_bench_report (r, "form1_page_draw_ms_median", jhk_bench_median (samples), "ms");

  dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "form1.pdf", NULL);
  if (!jhk_form1_write_pdf (&form, path, error))
    return FALSE;
  if (g_stat (path, &st) == 0)
    jhk_bench_report (r, "form1_page_pdf_kb", st.st_size / 1024.0, "KB");
  g_unlink (path);
  g_rmdir (dir);
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
  JhkBenchReport r = { builder, json };
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
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  jhk_bench_report (&r, "open_ms_median", jhk_bench_median (samples), "ms");

  if (audit_entries > 0)
    {
      if (!grow_audit (db, audit_entries, &per_entry, error))
        return FALSE;
      if (per_entry > 0)
        jhk_bench_report (&r, "audit_append_us_per_entry", per_entry, "µs");
    }
  jhk_db_query_int64 (db, &n_entries, NULL, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  jhk_bench_report (&r, "audit_entries", n_entries, "");

  /* Login: Argon2id at the policy's parameters dominates. */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(JhkSession) session = NULL;

      start = g_get_monotonic_time ();
      session = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", NULL);
      if (session != NULL)
        g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  if (samples->len > 0)
    jhk_bench_report (&r, "login_ms_median", jhk_bench_median (samples), "ms");

  /* The audit list as the 監査ログ page opens it, then positional access
   * at random places, as a scrollbar drag does. */
  {
    g_autoptr(JhkQueryModel) model = NULL;
    GRand *rand = g_rand_new_with_seed (42);
    guint n;

    start = g_get_monotonic_time ();
    model = jhk_lists_audit (db);
    n = g_list_model_get_n_items (G_LIST_MODEL (model));
    jhk_bench_report (&r, "audit_list_open_ms", jhk_bench_ms_since (start), "ms");

    g_array_set_size (samples, 0);
    for (int i = 0; i < 200 && n > 0; i++)
      {
        guint position = g_rand_int_range (rand, 0, n);
        g_autoptr(JhkRow) row = NULL;

        start = g_get_monotonic_time ();
        row = g_list_model_get_item (G_LIST_MODEL (model), position);
        g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
      }
    if (samples->len > 0)
      jhk_bench_report (&r, "audit_list_random_item_ms_median", jhk_bench_median (samples), "ms");

    /* A live update: another workstation's entry arrives and the open list
     * takes it in (it reads only the new ids). */
    if (jhk_db_begin (db, error) &&
        jhk_audit_append_raw (db, "bench", "", "", "bench", "bench.tick", "", "", NULL, error) &&
        jhk_db_commit (db, error))
      {
        start = g_get_monotonic_time ();
        if (!jhk_query_model_refresh (model, error))
          return FALSE;
        jhk_bench_report (&r, "audit_list_live_update_ms", jhk_bench_ms_since (start), "ms");
      }
    else
      {
        if (jhk_db_in_transaction (db))
          jhk_db_rollback (db);
        return FALSE;
      }

    start = g_get_monotonic_time ();
    jhk_lists_audit_filter (model, "admin", NULL, NULL, 0, 0);
    jhk_bench_report (&r, "audit_list_filter_actor_ms", jhk_bench_ms_since (start), "ms");
    jhk_bench_report (&r, "audit_list_filter_actor_rows", g_list_model_get_n_items (G_LIST_MODEL (model)),
            "");
    g_rand_free (rand);
  }

  /* Verify: the whole chain plus integrity_check. */
  {
    JhkAuditReport result = { 0 };

    start = g_get_monotonic_time ();
    if (!jhk_audit_verify (db, NULL, NULL, NULL, NULL, &result, error))
      return FALSE;
    jhk_bench_report (&r, "verify_ms", jhk_bench_ms_since (start), "ms");
    jhk_audit_report_clear (&result);
  }

  if (!bench_form1 (&r, error))
    return FALSE;

  json_builder_end_object (builder);
  if (json)
    print_json (builder);

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

/* Write throughput ---------------------------------------------------------
 *
 * N writers, each a thread with its own connection as a workstation has,
 * log in as the システム管理者 and then, all at once, make audited writes
 * for the given time: each write is one service call (a staff member
 * added: the row and its audit entry in one transaction), timed from the
 * call to its return. A write refused because another writer held the
 * write lock for longer than the busy timeout is counted, not retried. */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  int      n_ready;
  gboolean go;
  gint64   deadline;
} Start;

typedef struct
{
  const char *uri;
  int         index;
  Start      *start;
  GArray     *latencies_ms;
  gint64      writes;
  /* Writes refused because the write lock stayed taken longer than the
   * busy timeout: counted, and the writer goes on. */
  gint64      busy;
  char       *busy_message;
  gint64      finished;  /* monotonic µs */
  GError     *error;
} Writer;

static void
writer_ready (Writer *w)
{
  g_mutex_lock (&w->start->lock);
  w->start->n_ready++;
  g_cond_broadcast (&w->start->cond);
  while (!w->start->go)
    g_cond_wait (&w->start->cond, &w->start->lock);
  g_mutex_unlock (&w->start->lock);
}

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autofree char *workstation = g_strdup_printf ("bench-%d", w->index);
  gint64 unit = 0;

  db = jhk_db_open (w->uri, JHK_DB_OPEN_DEFAULT, &w->error);
  if (db != NULL)
    session = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, workstation,
                                         &w->error);
  if (session != NULL)
    unit = jhk_org_find_unit (db, "911");
  /* Ready even when it failed, so that nobody waits for it. */
  writer_ready (w);
  if (session == NULL)
    return NULL;

  while (g_get_monotonic_time () < w->start->deadline)
    {
      g_autofree char *staff_no = g_strdup_printf ("W%02d%07" G_GINT64_FORMAT, w->index,
                                                   w->writes + 1);
      gint64 start = g_get_monotonic_time ();

      if (jhk_org_add_staff (db, session, staff_no, "計測 職員", "ケイソク ショクイン", "巡査",
                             "警務課", unit, "", &w->error) == 0)
        {
          if (!g_error_matches (w->error, JHK_DB_ERROR, JHK_DB_ERROR_BUSY))
            break;
          if (w->busy++ == 0)
            w->busy_message = g_strdup (w->error->message);
          g_clear_error (&w->error);
          continue;
        }
      g_array_append_vals (w->latencies_ms, (double[]) { jhk_bench_ms_since (start) }, 1);
      w->writes++;
    }
  w->finished = g_get_monotonic_time ();
  if (w->error == NULL)
    jhk_accounts_record_logout (db, session, &w->error);
  return NULL;
}

/* The q-quantile of sorted samples (nearest rank). */
static double
quantile (GArray *sorted,
          double  q)
{
  double exact = q * sorted->len;
  guint rank = (guint) exact;

  if (rank < exact)
    rank++;
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static gboolean
measure_writers (const char      *uri,
                 int              n_writers,
                 int              seconds,
                 JhkBenchReport  *r,
                 GError         **error)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree Writer *writers = g_new0 (Writer, n_writers);
  g_autoptr(JhkDb) db = NULL;
  JhkAuditReport audit = { 0 };
  Start start = { 0 };
  gint64 began, ended = 0, total = 0, busy = 0, seq_before = 0, seq_after = 0;
  double min_rate = G_MAXDOUBLE, max_rate = 0, elapsed;
  GError *first_error = NULL;

  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, error);
  if (db == NULL ||
      !jhk_db_query_int64 (db, &seq_before, error,
                           "SELECT COALESCE(MAX(seq), 0) FROM audit_log", JHK_DB_END))
    return FALSE;
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql"))
    {
      /* What the figures depend on: whether a commit waits for the disk. */
      static const struct
      {
        const char *setting;
        const char *name;
      } settings[] = {
        { "server_version", "server_version" },
        { "fsync", "server_fsync" },
        { "synchronous_commit", "server_synchronous_commit" },
        { "wal_sync_method", "server_wal_sync_method" },
        { "full_page_writes", "server_full_page_writes" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
        {
          g_autofree char *value = NULL;

          if (jhk_db_query_text (db, &value, NULL, "SELECT current_setting (?)",
                                 JHK_T (settings[i].setting), JHK_DB_END))
            jhk_bench_report_text (r, settings[i].name, value);
        }
    }
  jhk_bench_report_text (r, "backend", jhk_db_get_backend_name (db));
  jhk_bench_report (r, "writers", n_writers, "");

  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  for (int i = 0; i < n_writers; i++)
    {
      writers[i].uri = uri;
      writers[i].index = i + 1;
      writers[i].start = &start;
      writers[i].latencies_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (threads, g_thread_new ("bench-writer", writer_thread, &writers[i]));
    }

  /* Everyone has connected and logged in (Argon2id): start together. */
  g_mutex_lock (&start.lock);
  while (start.n_ready < n_writers)
    g_cond_wait (&start.cond, &start.lock);
  began = g_get_monotonic_time ();
  start.deadline = began + seconds * G_USEC_PER_SEC;
  start.go = TRUE;
  g_cond_broadcast (&start.cond);
  g_mutex_unlock (&start.lock);

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);

  for (int i = 0; i < n_writers; i++)
    {
      Writer *w = &writers[i];

      if (w->error != NULL && first_error == NULL)
        first_error = g_steal_pointer (&w->error);
      g_clear_error (&w->error);
      if (w->busy_message != NULL && busy == 0)
        g_printerr (_("Some writes were refused: %s\n"), w->busy_message);
      g_free (w->busy_message);
      ended = MAX (ended, w->finished);
      total += w->writes;
      busy += w->busy;
      g_array_append_vals (all, w->latencies_ms->data, w->latencies_ms->len);
    }
  elapsed = ended > began ? (ended - began) / (double) G_USEC_PER_SEC : seconds;
  for (int i = 0; i < n_writers; i++)
    {
      double rate = writers[i].writes / elapsed;

      min_rate = MIN (min_rate, rate);
      max_rate = MAX (max_rate, rate);
      g_array_unref (writers[i].latencies_ms);
    }
  if (first_error != NULL)
    {
      g_propagate_prefixed_error (error, first_error,
                                  _("A writer failed after %lld writes in all: "),
                                  (long long) total);
      return FALSE;
    }

  g_array_sort (all, jhk_bench_compare_double);
  jhk_bench_report (r, "seconds", elapsed, "s");
  jhk_bench_report (r, "writes_total", total, "");
  jhk_bench_report (r, "writes_per_s", total / elapsed, "/s");
  jhk_bench_report (r, "writes_per_s_per_writer_mean", total / elapsed / n_writers, "/s");
  jhk_bench_report (r, "writes_per_s_per_writer_min", min_rate, "/s");
  jhk_bench_report (r, "writes_per_s_per_writer_max", max_rate, "/s");
  jhk_bench_report (r, "write_latency_ms_p50", quantile (all, 0.50), "ms");
  jhk_bench_report (r, "write_latency_ms_p99", quantile (all, 0.99), "ms");
  jhk_bench_report (r, "write_latency_ms_max", quantile (all, 1.0), "ms");
  jhk_bench_report (r, "writes_refused_busy", busy, "");

  /* Every write is in the one chain, which still verifies. */
  if (!jhk_db_query_int64 (db, &seq_after, error,
                           "SELECT COALESCE(MAX(seq), 0) FROM audit_log", JHK_DB_END) ||
      !jhk_audit_verify (db, NULL, NULL, NULL, NULL, &audit, error))
    return FALSE;
  jhk_audit_report_clear (&audit);
  /* Each writer's login and logout are audited too. */
  if (seq_after - seq_before != total + 2 * n_writers)
    {
      g_set_error (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_BROKEN,
                   _("The writers made %lld writes but the audit log grew by %lld entries."),
                   (long long) (total + 2 * n_writers), (long long) (seq_after - seq_before));
      return FALSE;
    }
  jhk_bench_report (r, "audit_entries_added", seq_after - seq_before, "");
  return TRUE;
}

/* A new, empty database on the server that uri leads to, created through
 * the connection uri names (which needs the right to create databases);
 * returns its name, and its URI in out_uri. */
static char *
create_scratch_pg (const char  *uri,
                   char       **out_uri,
                   GError     **error)
{
  PGconn *pg = PQconnectdb (uri);
  g_autofree char *name = g_strdup_printf ("jhk_bench_%d_%08x", (int) getpid (),
                                           g_random_int ());
  g_autofree char *sql = NULL;
  PGresult *res;
  gboolean ok;

  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("Cannot connect to the server for a scratch database: %s"),
                   PQerrorMessage (pg));
      PQfinish (pg);
      return NULL;
    }
  /* UTF-8 and the C collation, as Jhk's databases are made. */
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                         " LC_COLLATE 'C' LC_CTYPE 'C'", name);
  res = PQexec (pg, sql);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED,
                 _("Cannot create a scratch database on the server: %s"),
                 PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (pg);
  if (!ok)
    return NULL;
  *out_uri = g_strdup_printf ("%s%cdbname=%s", uri, strchr (uri, '?') != NULL ? '&' : '?',
                              name);
  return g_steal_pointer (&name);
}

static void
drop_scratch_pg (const char *uri,
                 const char *name)
{
  PGconn *pg = PQconnectdb (uri);
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQresultErrorMessage (res)));
      g_printerr (_("Could not drop the scratch database %s: %s\n"), name, message);
    }
  PQclear (res);
  PQfinish (pg);
}

/* Where a measurement writes: a new database on the server the URI names,
 * or a file in a new temporary folder; removed afterwards. */
typedef struct
{
  const char *server_uri;  /* NULL for a file */
  char       *pg_name;
  char       *tmp_dir;
  char       *location;    /* what to open */
} Scratch;

static gboolean
scratch_create (Scratch     *scratch,
                const char  *uri,
                GError     **error)
{
  if (jhk_db_uri_is_server (uri))
    {
      scratch->server_uri = uri;
      scratch->pg_name = create_scratch_pg (uri, &scratch->location, error);
      return scratch->pg_name != NULL;
    }
  scratch->tmp_dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  if (scratch->tmp_dir == NULL)
    return FALSE;
  scratch->location = g_build_filename (scratch->tmp_dir, "bench.db", NULL);
  return TRUE;
}

static void
scratch_remove (Scratch *scratch)
{
  if (scratch->pg_name != NULL)
    drop_scratch_pg (scratch->server_uri, scratch->pg_name);
  else if (scratch->tmp_dir != NULL)
    {
      for (const char *suffix = ""; suffix != NULL;
           suffix = *suffix == '\0' ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
        {
          g_autofree char *path = g_strconcat (scratch->location, suffix, NULL);
          g_unlink (path);
        }
      g_rmdir (scratch->tmp_dir);
    }
  g_clear_pointer (&scratch->pg_name, g_free);
  g_clear_pointer (&scratch->tmp_dir, g_free);
  g_clear_pointer (&scratch->location, g_free);
}

gboolean
jhk_bench_run_writers (const char  *uri,
                       int          n_writers,
                       int          seconds,
                       gboolean     json,
                       GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Scratch scratch = { 0 };
  JhkBenchReport r = { builder, json };
  gboolean ok;

  g_return_val_if_fail (n_writers > 0 && seconds > 0, FALSE);

  if (!scratch_create (&scratch, uri, error))
    return FALSE;
  if (!json && scratch.pg_name != NULL)
    g_print (_("Write throughput on a scratch database on the server: %s\n"), scratch.pg_name);
  else if (!json)
    g_print (_("Write throughput on a scratch copy: %s\n"), scratch.location);

  /* A copy of the file when there is one, else the demo organisation. */
  {
    g_autoptr(JhkDb) db = NULL;

    if (scratch.pg_name == NULL && g_file_test (uri, G_FILE_TEST_EXISTS))
      {
        g_autoptr(JhkDb) source = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, error);
        ok = source != NULL && jhk_db_backup (source, scratch.location, NULL, NULL, NULL, error);
      }
    else
      {
        db = jhk_db_open (scratch.location, JHK_DB_OPEN_CREATE, error);
        ok = db != NULL && jhk_demo_populate (db, error);
      }
  }

  json_builder_begin_object (builder);
  if (ok)
    ok = measure_writers (scratch.location, n_writers, seconds, &r, error);
  json_builder_end_object (builder);
  if (ok && json)
    print_json (builder);

  scratch_remove (&scratch);
  return ok;
}

/* The ledger page's list ----------------------------------------------------
 *
 * Issue 4's benchmark: materials and events made by generated SQL (one
 * statement each, portable: a recursive counter), spread over offices of
 * 50 000 materials each, then the list of one office opened, filtered and
 * sorted as the 入出力資料台帳 page does, each timed to its first page. */

#define BENCH_PER_OFFICE 50000

static gboolean
fill_materials (JhkDb   *db,
                gint64   n_materials,
                gint64   n_events,
                GError **error)
{
  gint64 n_offices = MAX (1, n_materials / BENCH_PER_OFFICE);
  gint64 first = 0;
  g_autofree char *offices = NULL;
  g_autofree char *materials = NULL;
  g_autofree char *events = NULL;

  offices = g_strdup_printf (
    "INSERT INTO org_units (code, name, kind, valid_from, created_at)"
    " WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT ")"
    " SELECT 'BENCH' || CAST(i AS TEXT), 'ベンチ署' || CAST(i AS TEXT), 'office', '2000-01-01', 0"
    " FROM n", n_offices);
  /* Dates spread over 2000-2025; about 1 in 10 names holds 名簿, 1 in 5
   * materials is personal data, 1 in 20 designated, 1 in 8 lent, 1 in 3
   * closed. */
  materials = g_strdup_printf (
    "INSERT INTO materials (org_unit_id, direction, name, quantity, summary, business_id,"
    " handler_staff_id, handler_section_id, purpose, designated, designated_by, personal_data,"
    " creation_reason, acquired_on, acquisition_method, acquired_by, measure, quantity_on_hand,"
    " quantity_lent, status, last_entry_on, created_at, created_by)"
    " WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT "),"
    " o(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM org_units"
    "              WHERE code LIKE 'BENCH%%'),"
    " b(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM businesses),"
    " s(id, org) AS (SELECT id, org_unit_id FROM staff ORDER BY id LIMIT 1),"
    " h(i, x) AS (SELECT i, (i * 7919) %% 1000003 FROM n),"
    " d(i, x, day) AS (SELECT i, x, CAST(2000 + x %% 26 AS TEXT)"
    "   || '-' || substr(CAST(101 + (x / 26) %% 12 AS TEXT), 2)"
    "   || '-' || substr(CAST(101 + (x / 312) %% 28 AS TEXT), 2) FROM h)"
    " SELECT o.id, CASE WHEN d.x %% 2 = 0 THEN 'input' ELSE 'output' END,"
    "  CASE WHEN d.i %% 10 = 0 THEN '住民名簿 ' ELSE '業務資料 ' END || CAST(d.i AS TEXT), 3,"
    "  '概要 ' || CAST(d.x %% 1000 AS TEXT), b.id, s.id, s.org, '業務', "
    "  CASE WHEN d.x %% 20 = 0 THEN 1 ELSE 0 END, s.id, CASE WHEN d.x %% 5 = 0 THEN 1 ELSE 0 END,"
    "  'law', d.day, 'printed', s.id, 'other', 3, CASE WHEN d.x %% 8 = 1 THEN 1 ELSE 0 END,"
    "  CASE WHEN d.x %% 3 = 2 THEN 'closed' WHEN d.x %% 8 = 1 THEN 'lent' ELSE 'stored' END,"
    "  d.day, 0, 'bench'"
    " FROM d JOIN o ON o.k = d.i %% %" G_GINT64_FORMAT
    " JOIN b ON b.k = d.i %% (SELECT COUNT(*) FROM businesses) CROSS JOIN s",
    n_materials, n_offices);

  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &first, error, "SELECT COALESCE(MAX(id), 0) FROM materials",
                           JHK_DB_END) ||
      !jhk_db_exec (db, offices, error) || !jhk_db_exec (db, materials, error))
    goto fail;
  if (n_events > 0)
    {
      events = g_strdup_printf (
        "INSERT INTO material_events (material_id, happened_on, kind, quantity,"
        " handler_staff_id, confirmed_by, note, created_at, created_by)"
        " WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT "),"
        " s(id) AS (SELECT id FROM staff ORDER BY id LIMIT 1)"
        " SELECT %" G_GINT64_FORMAT " + 1 + n.i %% %" G_GINT64_FORMAT ", '2025-12-01', 'other', 1,"
        " s.id, CASE WHEN n.i %% 100 = 0 THEN NULL ELSE s.id END, 'bench', 0, 'bench'"
        " FROM n CROSS JOIN s",
        n_events, first, n_materials);
      if (!jhk_db_exec (db, events, error))
        goto fail;
    }
  if (!jhk_db_commit (db, error))
    return FALSE;
  /* On the server, what autovacuum soon does after a bulk load: the
   * statistics, and the visibility map that lets the lists read their ids
   * from the indexes alone. */
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql") &&
      !jhk_db_exec (db, "VACUUM ANALYZE materials, material_events", error))
    return FALSE;
  return TRUE;

fail:
  jhk_db_rollback (db);
  return FALSE;
}

/* Median of 5 of: step (filter or sort) applied, then the first page. */
typedef void (*ListStep) (JhkQueryModel *model, gpointer data);

static void
measure_list (JhkBenchReport *r,
              JhkQueryModel  *model,
              const char     *name,
              ListStep        reset,
              ListStep        step,
              gpointer        data)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *ms_name = g_strdup_printf ("materials_list_%s_ms", name);
  g_autofree char *rows_name = g_strdup_printf ("materials_list_%s_rows", name);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GObject) first = NULL;
      gint64 start;

      reset (model, NULL);
      start = g_get_monotonic_time ();
      step (model, data);
      if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
        first = g_list_model_get_item (G_LIST_MODEL (model), 0);
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
  jhk_bench_report (r, rows_name, g_list_model_get_n_items (G_LIST_MODEL (model)), "");
}

static void
step_filter (JhkQueryModel *model,
             gpointer       data)
{
  jhk_lists_materials_filter (model, data);
}

static void
step_default_order (JhkQueryModel *model,
                    gpointer       data)
{
  jhk_lists_materials_filter (model, NULL);
  jhk_lists_materials_sort (model, JHK_MATERIALS_SORT_DATE, TRUE);
}

static void
step_sort (JhkQueryModel *model,
           gpointer       data)
{
  int code = GPOINTER_TO_INT (data);

  jhk_lists_materials_sort (model, code / 2, code % 2);
}

/* Beyond one office's list: every office's list (what the 総括責任者 may
 * choose), one material with its history as the detail pane reads it, and
 * the ledger's items of the dashboard for the office's 情報管理者, here
 * the demo's, made 情報管理者 of the benchmark office too. */
static gboolean
measure_ledger_more (JhkDb           *db,
                     JhkBenchReport  *r,
                     gint64           office,
                     GError         **error)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *today = jhk_today ();
  gint64 staff = 0, material = 0, n_events = 0;
  guint n_items = 0;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(JhkQueryModel) all = NULL;
      g_autoptr(GObject) first = NULL;
      gint64 start = g_get_monotonic_time ();

      all = jhk_lists_materials (db, 0);
      if (g_list_model_get_n_items (G_LIST_MODEL (all)) > 0)
        first = g_list_model_get_item (G_LIST_MODEL (all), 0);
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  jhk_bench_report (r, "materials_list_open_all_offices_ms", jhk_bench_median (samples), "ms");

  /* Straight into the table: the benchmark's office has no 係 to hold
   * the role through. */
  if (!jhk_db_query_int64 (db, &staff, error,
                           "SELECT s.id FROM staff s JOIN users u ON u.staff_id = s.id"
                           " WHERE u.login = 'chuo-kanri'", JHK_DB_END) ||
      !jhk_db_run (db, error,
                   "INSERT INTO role_assignments (staff_id, role, org_unit_id, valid_from,"
                   " granted_by, granted_at) VALUES (?, 'info_manager', ?, ?, 'bench', 0)",
                   JHK_I (staff), JHK_I (office), JHK_T (today), JHK_DB_END))
    return FALSE;
  kanri = jhk_accounts_authenticate (db, "chuo-kanri", JHK_DEMO_PASSWORD, "bench", error);
  if (kanri == NULL ||
      !jhk_db_query_int64 (db, &material, error,
                           "SELECT MAX(id) FROM materials WHERE org_unit_id = ?", JHK_I (office),
                           JHK_DB_END))
    return FALSE;

  g_array_set_size (samples, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(JhkLedgerMaterial) m = NULL;
      gint64 start = g_get_monotonic_time ();

      m = jhk_ledger_query_material (db, kanri, material, error);
      if (m == NULL)
        return FALSE;
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
      n_events = m->events != NULL ? m->events->len : 0;
    }
  jhk_bench_report (r, "material_detail_ms", jhk_bench_median (samples), "ms");
  jhk_bench_report (r, "material_detail_events", n_events, "");

  g_array_set_size (samples, 0);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) items = NULL;
      gint64 start = g_get_monotonic_time ();

      items = jhk_attention_ledger (db, kanri);
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
      n_items = items->len;
    }
  jhk_bench_report (r, "dashboard_ledger_items_ms", jhk_bench_median (samples), "ms");
  jhk_bench_report (r, "dashboard_ledger_items", n_items, "");
  return TRUE;
}

static gboolean
measure_materials (JhkDb           *db,
                   JhkBenchReport  *r,
                   GError         **error)
{
  static const struct
  {
    const char *name;
    int         sort;
  } sorts[] = {
    { "sort_date_ascending", JHK_MATERIALS_SORT_DATE * 2 },
    { "sort_name", JHK_MATERIALS_SORT_NAME * 2 },
    { "sort_name_descending", JHK_MATERIALS_SORT_NAME * 2 + 1 },
    { "sort_business", JHK_MATERIALS_SORT_BUSINESS * 2 },
    { "sort_business_descending", JHK_MATERIALS_SORT_BUSINESS * 2 + 1 },
    { "sort_status", JHK_MATERIALS_SORT_STATUS * 2 },
    { "sort_status_descending", JHK_MATERIALS_SORT_STATUS * 2 + 1 },
  };
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 office = 0, business = 0;
  JhkMaterialsFilter filter;

  if (!jhk_db_query_int64 (db, &office, error,
                           "SELECT id FROM org_units WHERE code = 'BENCH0'", JHK_DB_END) ||
      !jhk_db_query_int64 (db, &business, error,
                           "SELECT MIN(id) FROM businesses", JHK_DB_END))
    return FALSE;

  /* Open: the list made and its first page read, as the page shows it. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GObject) first = NULL;
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&model);
      model = jhk_lists_materials (db, office);
      if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
        first = g_list_model_get_item (G_LIST_MODEL (model), 0);
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  jhk_bench_report (r, "materials_list_open_ms", jhk_bench_median (samples), "ms");
  jhk_bench_report (r, "materials_list_open_rows", g_list_model_get_n_items (G_LIST_MODEL (model)), "");

  filter = JHK_MATERIALS_FILTER_ANY;
  filter.direction = "output";
  measure_list (r, model, "filter_direction", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.business_id = business;
  measure_list (r, model, "filter_business", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.status = "stored";
  measure_list (r, model, "filter_status_stored", step_default_order, step_filter, &filter);
  filter.status = "lent";
  measure_list (r, model, "filter_status_lent", step_default_order, step_filter, &filter);
  filter.status = "closed";
  measure_list (r, model, "filter_status_closed", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.personal_data = 1;
  measure_list (r, model, "filter_personal_data", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.designated = 1;
  measure_list (r, model, "filter_designated", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.from = "2024-01-01";
  filter.to = "2024-12-31";
  measure_list (r, model, "filter_date_range", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.text = "名簿";
  measure_list (r, model, "filter_text", step_default_order, step_filter, &filter);
  filter = JHK_MATERIALS_FILTER_ANY;
  filter.text = "概要 42";
  measure_list (r, model, "filter_text_summary", step_default_order, step_filter, &filter);

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    measure_list (r, model, sorts[i].name, step_default_order, step_sort,
                  GINT_TO_POINTER (sorts[i].sort));
  return measure_ledger_more (db, r, office, error);
}

/* 作業依頼書 (issue 5) ------------------------------------------------------
 *
 * After the ledger's list (--materials), on the same scratch database:
 * BENCH_REQUESTS requests of three rows each made by generated SQL in one
 * transaction across every office, in every state, about half of them to
 * the システム管理者; then the lists of jhk_work_requests_list() in each
 * scope (up to BENCH_REQUESTS_FULL_LISTS requests: past that a list of
 * every request no longer fits the house's "a million rows" rule, and only
 * the models are timed), the page's lazy models of each scope opened and
 * their first BENCH_FIRST_ROWS rows read, the model sorted by 番号,
 * 完成希望日時 and 状態 each way, one request with its rows, and the
 * dashboard's request items for the システム管理者, a business's manager and
 * an office's 情報管理者, each the median of 5. jhkctl bench --requests N
 * runs this alone on N requests. */

#define BENCH_REQUESTS 100000
#define BENCH_REQUESTS_FULL_LISTS 200000
#define BENCH_FIRST_ROWS 50

static gboolean
fill_work_requests (JhkDb   *db,
                    gint64   n_requests,
                    GError **error)
{
  g_autofree char *requests = NULL;
  static const char items[] =
    "INSERT INTO work_request_items (request_id, position, kind, content, quantity, form, note,"
    " personal_data)"
    " SELECT w.id, p.i, CASE p.i WHEN 0 THEN 'input' WHEN 1 THEN 'output' ELSE 'correction' END,"
    "  '資料 ' || CAST(w.id AS TEXT) || '-' || CAST(p.i AS TEXT), 1 + p.i, '紙', '', 0"
    " FROM work_requests w"
    " CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2) p"
    " WHERE w.created_login = 'bench'";

  /* status by i % 7; recipient, office and business from a hash of i,
   * so that every office has requests of every state to both; 完成希望日時
   * spread over 2024-2027, so that some open ones are overdue. */
  requests = g_strdup_printf (
    "INSERT INTO work_requests (org_unit_id, status, recipient, business_id, to_title, from_title,"
    " summary, purpose, wanted_at, manager_title, manager_name, contact_name, contact_phone,"
    " consent_by, consent_title, consent_name, consent_at, received_at, received_handler,"
    " processed_at, processed_handler, return_comment, created_by, created_login, created_at,"
    " updated_at, submitted_at, completed_at)"
    " WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %" G_GINT64_FORMAT "),"
    " o(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM org_units"
    "              WHERE kind = 'office'),"
    " b(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM businesses"
    "              WHERE approved_at IS NOT NULL),"
    " s(id) AS (SELECT id FROM staff ORDER BY id LIMIT 1),"
    " h(i, x) AS (SELECT i, (i * 7919) %% 1000003 FROM n),"
    " v(i, x, st, rc, day) AS (SELECT i, x,"
    "   CASE i %% 7 WHEN 0 THEN 'draft' WHEN 1 THEN 'consent_pending' WHEN 2 THEN 'submitted'"
    "     WHEN 3 THEN 'in_progress' WHEN 4 THEN 'completed' WHEN 5 THEN 'returned'"
    "     ELSE 'withdrawn' END,"
    "   CASE WHEN x %% 2 = 0 THEN 'sysadmin' ELSE 'business' END,"
    "   CAST(2024 + (x / 26) %% 4 AS TEXT) || '-' || substr(CAST(101 + (x / 104) %% 12 AS TEXT), 2)"
    "   || '-' || substr(CAST(101 + (x / 1248) %% 28 AS TEXT), 2) || ' 17:00' FROM h),"
    " w(i, x, st, rc, day) AS (SELECT i, x, CASE WHEN st = 'consent_pending' AND rc = 'business'"
    "   THEN 'submitted' ELSE st END, rc, day FROM v)"
    " SELECT o.id, w.st, w.rc, b.id, '情報管理課長', 'ベンチ署長', '作業 ' || CAST(w.i AS TEXT),"
    "  '目的', w.day, '警務課長', '情報 太郎', '担当 花子', '1234',"
    "  CASE WHEN w.rc = 'sysadmin' AND w.st IN ('submitted', 'in_progress', 'completed')"
    "   THEN s.id END, '', '',"
    "  CASE WHEN w.rc = 'sysadmin' AND w.st IN ('submitted', 'in_progress', 'completed')"
    "   THEN 1 END,"
    "  CASE WHEN w.st IN ('in_progress', 'completed') THEN w.day ELSE '' END, '',"
    "  CASE WHEN w.st = 'completed' THEN w.day ELSE '' END, '',"
    "  CASE WHEN w.st = 'returned' THEN '差戻し' ELSE '' END,"
    "  s.id, 'bench', 1, 1, CASE WHEN w.st = 'draft' THEN NULL ELSE 1 END,"
    "  CASE WHEN w.st = 'completed' THEN 2 END"
    " FROM w JOIN o ON o.k = (w.x / 2) %% (SELECT COUNT(*) FROM o)"
    " JOIN b ON b.k = (w.x / 3) %% (SELECT COUNT(*) FROM b) CROSS JOIN s",
    n_requests);

  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!jhk_db_exec (db, requests, error) || !jhk_db_exec (db, items, error))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  if (!jhk_db_commit (db, error))
    return FALSE;
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql") &&
      !jhk_db_exec (db, "VACUUM ANALYZE work_requests, work_request_items", error))
    return FALSE;
  return TRUE;
}

/* Opens the model of a scope (or sorts it) and reads its first rows, as
 * the page shows them. */
static void
read_first_rows (JhkQueryModel *model)
{
  guint n = MIN (BENCH_FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (model)));

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
}

static gboolean
measure_work_request_models (JhkDb           *db,
                             JhkBenchReport  *r,
                             GError         **error)
{
  static const struct
  {
    const char           *login;
    JhkWorkRequestsScope  scope;
    const char           *name;
  } models[] = {
    { "admin", JHK_WORK_REQUESTS_VISIBLE, "visible_sysadmin" },
    { "admin", JHK_WORK_REQUESTS_TO_PROCESS, "to_process_sysadmin" },
    { "chuo-kanri", JHK_WORK_REQUESTS_VISIBLE, "visible_office" },
    { "chuo-kanri", JHK_WORK_REQUESTS_OFFICE, "office" },
    { "gyomu", JHK_WORK_REQUESTS_TO_CONSENT, "to_consent" },
    { "gyomu", JHK_WORK_REQUESTS_TO_PROCESS, "to_process_business" },
  };
  static const struct
  {
    JhkWorkRequestsSort  sort;
    gboolean             descending;
    const char          *name;
  } sorts[] = {
    { JHK_WORK_REQUESTS_SORT_NUMBER, FALSE, "number_asc" },
    { JHK_WORK_REQUESTS_SORT_WANTED_AT, FALSE, "wanted_asc" },
    { JHK_WORK_REQUESTS_SORT_WANTED_AT, TRUE, "wanted_desc" },
    { JHK_WORK_REQUESTS_SORT_STATUS, FALSE, "status_asc" },
    { JHK_WORK_REQUESTS_SORT_STATUS, TRUE, "status_desc" },
    { JHK_WORK_REQUESTS_SORT_NUMBER, TRUE, "number_desc" },
  };
  static const char *const sorters[] = { "admin", "chuo-kanri" };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(JhkSession) actor = jhk_accounts_authenticate (db, models[i].login,
                                                               JHK_DEMO_PASSWORD, "bench",
                                                               error);
      g_autofree char *ms_name = g_strdup_printf ("work_requests_model_%s_ms", models[i].name);
      g_autofree char *rows_name = g_strdup_printf ("work_requests_model_%s_rows",
                                                    models[i].name);
      guint n_rows = 0;

      if (actor == NULL)
        return FALSE;
      g_array_set_size (samples, 0);
      for (int k = 0; k < 5; k++)
        {
          g_autoptr(JhkQueryModel) model = NULL;
          gint64 start = g_get_monotonic_time ();

          model = jhk_work_requests_list_model (db, actor, models[i].scope);
          read_first_rows (model);
          g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
          n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, rows_name, n_rows, "");
    }

  /* The page's column headers: each sort of the VISIBLE list, to its
   * first rows. */
  for (guint a = 0; a < G_N_ELEMENTS (sorters); a++)
    {
      g_autoptr(JhkSession) actor = jhk_accounts_authenticate (db, sorters[a], JHK_DEMO_PASSWORD,
                                                               "bench", error);
      g_autoptr(JhkQueryModel) model = NULL;

      if (actor == NULL)
        return FALSE;
      model = jhk_work_requests_list_model (db, actor, JHK_WORK_REQUESTS_VISIBLE);
      for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
        {
          g_autofree char *ms_name = g_strdup_printf ("work_requests_sort_%s_%s_ms",
                                                      a == 0 ? "sysadmin" : "office",
                                                      sorts[i].name);

          g_array_set_size (samples, 0);
          for (int k = 0; k < 5; k++)
            {
              gint64 start;

              /* From the default order each time, as a click on a header. */
              jhk_work_requests_list_model_sort (model, JHK_WORK_REQUESTS_SORT_NUMBER, TRUE);
              start = g_get_monotonic_time ();
              jhk_work_requests_list_model_sort (model, sorts[i].sort, sorts[i].descending);
              read_first_rows (model);
              g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
            }
          jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
        }
    }
  return TRUE;
}

static gboolean
measure_work_requests (JhkDb           *db,
                       JhkBenchReport  *r,
                       gint64           n_requests,
                       GError         **error)
{
  static const struct
  {
    const char           *login;
    JhkWorkRequestsScope  scope;
    const char           *name;
  } lists[] = {
    { "admin", JHK_WORK_REQUESTS_VISIBLE, "visible_sysadmin" },
    { "chuo-kanri", JHK_WORK_REQUESTS_VISIBLE, "visible_office" },
    { "chuo-kanri", JHK_WORK_REQUESTS_OFFICE, "office" },
    { "gyomu", JHK_WORK_REQUESTS_TO_CONSENT, "to_consent" },
    { "admin", JHK_WORK_REQUESTS_TO_PROCESS, "to_process_sysadmin" },
    { "gyomu", JHK_WORK_REQUESTS_TO_PROCESS, "to_process_business" },
  };
  static const char *const dashboard[] = { "admin", "gyomu", "chuo-kanri" };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JhkSession) admin = NULL;
  gint64 start, request = 0;
  guint n_items = 0;

  start = g_get_monotonic_time ();
  if (!fill_work_requests (db, n_requests, error))
    return FALSE;
  jhk_bench_report (r, "work_requests", n_requests, "");
  jhk_bench_report (r, "work_requests_fill_s", jhk_bench_ms_since (start) / 1000.0, "s");

  for (guint i = 0; n_requests <= BENCH_REQUESTS_FULL_LISTS && i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JhkSession) actor = jhk_accounts_authenticate (db, lists[i].login,
                                                               JHK_DEMO_PASSWORD, "bench",
                                                               error);
      g_autofree char *ms_name = g_strdup_printf ("work_requests_list_%s_ms", lists[i].name);
      g_autofree char *rows_name = g_strdup_printf ("work_requests_list_%s_rows", lists[i].name);
      guint n_rows = 0;

      if (actor == NULL)
        return FALSE;
      g_array_set_size (samples, 0);
      for (int k = 0; k < 5; k++)
        {
          g_autoptr(GPtrArray) list = NULL;

          start = g_get_monotonic_time ();
          list = jhk_work_requests_list (db, actor, lists[i].scope, error);
          if (list == NULL)
            return FALSE;
          g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
          n_rows = list->len;
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, rows_name, n_rows, "");
    }

  if (!measure_work_request_models (db, r, error))
    return FALSE;

  admin = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", error);
  if (admin == NULL ||
      !jhk_db_query_int64 (db, &request, error,
                           "SELECT MAX(id) FROM work_requests WHERE status = 'completed'",
                           JHK_DB_END))
    return FALSE;
  g_array_set_size (samples, 0);
  for (int k = 0; k < 5; k++)
    {
      g_autoptr(JhkWorkRequest) got = NULL;

      start = g_get_monotonic_time ();
      got = jhk_work_requests_get (db, admin, request, error);
      if (got == NULL)
        return FALSE;
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
      n_items = got->items != NULL ? got->items->len : 0;
    }
  jhk_bench_report (r, "work_request_get_ms", jhk_bench_median (samples), "ms");
  jhk_bench_report (r, "work_request_get_rows", n_items, "");

  for (guint i = 0; i < G_N_ELEMENTS (dashboard); i++)
    {
      g_autoptr(JhkSession) actor = jhk_accounts_authenticate (db, dashboard[i],
                                                               JHK_DEMO_PASSWORD, "bench",
                                                               error);
      g_autofree char *ms_name = g_strdup_printf ("dashboard_requests_%s_ms", dashboard[i]);
      g_autofree char *n_name = g_strdup_printf ("dashboard_requests_%s_items", dashboard[i]);

      if (actor == NULL)
        return FALSE;
      g_array_set_size (samples, 0);
      for (int k = 0; k < 5; k++)
        {
          g_autoptr(GPtrArray) items = NULL;

          start = g_get_monotonic_time ();
          items = jhk_attention_requests (db, actor);
          g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
          n_items = items->len;
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, n_name, n_items, "");
    }
  return TRUE;
}

gboolean
jhk_bench_run_materials (const char  *uri,
                         gint64       n_materials,
                         gint64       n_events,
                         gboolean     json,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Scratch scratch = { 0 };
  g_autoptr(JhkDb) db = NULL;
  JhkBenchReport r = { builder, json };
  gboolean ok;
  gint64 start;

  g_return_val_if_fail (n_materials > 0 && n_events >= 0, FALSE);

  if (!scratch_create (&scratch, uri, error))
    return FALSE;
  if (!json && scratch.pg_name != NULL)
    g_print (_("Materials ledger list on a scratch database on the server: %s\n"),
             scratch.pg_name);
  else if (!json)
    g_print (_("Materials ledger list on a scratch database: %s\n"), scratch.location);

  json_builder_begin_object (builder);
  db = jhk_db_open (scratch.location, JHK_DB_OPEN_CREATE, error);
  ok = db != NULL && jhk_demo_populate (db, error);
  if (ok)
    {
      start = g_get_monotonic_time ();
      ok = fill_materials (db, n_materials, n_events, error);
      if (ok)
        {
          jhk_bench_report (&r, "materials", n_materials, "");
          jhk_bench_report (&r, "material_events", n_events, "");
          jhk_bench_report (&r, "fill_s", jhk_bench_ms_since (start) / 1000.0, "s");
        }
    }
  if (ok)
    ok = measure_materials (db, &r, error);
  if (ok)
    ok = measure_work_requests (db, &r, BENCH_REQUESTS, error);
  json_builder_end_object (builder);
  if (ok && json)
    print_json (builder);
  g_clear_object (&db);

  scratch_remove (&scratch);
  return ok;
}

gboolean
jhk_bench_run_work_requests (const char  *uri,
                             gint64       n_requests,
                             gboolean     json,
                             GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Scratch scratch = { 0 };
  g_autoptr(JhkDb) db = NULL;
  JhkBenchReport r = { builder, json };
  gboolean ok;

  g_return_val_if_fail (n_requests > 0, FALSE);

  if (!scratch_create (&scratch, uri, error))
    return FALSE;
  if (!json && scratch.pg_name != NULL)
    g_print (_("Work request lists on a scratch database on the server: %s\n"),
             scratch.pg_name);
  else if (!json)
    g_print (_("Work request lists on a scratch database: %s\n"), scratch.location);

  json_builder_begin_object (builder);
  db = jhk_db_open (scratch.location, JHK_DB_OPEN_CREATE, error);
  ok = db != NULL && jhk_demo_populate (db, error);
  if (ok)
    {
      jhk_bench_report_text (&r, "backend", jhk_db_get_backend_name (db));
      ok = measure_work_requests (db, &r, n_requests, error);
    }
  json_builder_end_object (builder);
  if (ok && json)
    print_json (builder);
  g_clear_object (&db);

  scratch_remove (&scratch);
  return ok;
}
