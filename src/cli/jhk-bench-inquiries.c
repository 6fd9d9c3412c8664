/* jhk-bench-inquiries.c: measured figures of the 照会点検 import, never
 * assertions. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-accounts.h"
#include "jhk-bench-inquiries.h"
#include "jhk-bench-private.h"
#include "jhk-demo.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-import.h"

#define N_OFFICERS 600
#define ROWS_PER_CHUNK 10000
#define MEDIAN_MAX_ROWS 200000
#define FIRST_ROWS 50

/* CPU seconds (user and system) of this process or of its waited-for
 * children: figures the machine's other load does not change. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* The process's peak resident memory (VmHWM), in MiB. */
static double
peak_memory_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static const char *const family_names[] = {
  "佐藤", "鈴木", "髙橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤",
  "吉田", "山田", "佐々木", "山﨑", "松本", "井上", "木村", "林", "清水", "﨑山",
};
static const char *const given_names[] = {
  "太郎", "次郎", "花子", "一郎", "修", "翔太", "彩", "恵", "誠", "剛", "真理", "健",
};
static const char *const kinds[] = {
  "運転免許照会", "犯歴照会", "車両照会", "所在照会", "指名手配照会",
};
static const char *const reasons[] = {
  "窃盗事件捜査", "交通事故処理", "職務質問", "家出人捜索", "免許確認", "傷害事件捜査",
};
/* The demo's sections and their offices. */
static const struct { const char *section, *office; } sections[] = {
  { "911", "910" }, { "912", "910" }, { "913", "910" }, { "914", "910" },
  { "921", "920" }, { "922", "920" }, { "931", "930" }, { "932", "930" },
  { "111", "110" }, { "112", "110" }, { "311", "310" }, { "411", "410" },
};

/* Hundreds of officers in the demo's sections. */
static gboolean
add_officers (JhkDb   *db,
              GError **error)
{
  if (!jhk_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < N_OFFICERS; i++)
    {
      g_autofree char *staff_no = g_strdup_printf ("Q%04u", i);
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               family_names[i % G_N_ELEMENTS (family_names)],
                                               given_names[i / G_N_ELEMENTS (family_names)
                                                           % G_N_ELEMENTS (given_names)]);

      if (!jhk_db_run (db, error,
                       "INSERT INTO staff (staff_no, name, org_unit_id, created_at)"
                       " SELECT ?, ?, id, ? FROM org_units WHERE code = ?",
                       JHK_T (staff_no), JHK_T (name), JHK_I (jhk_now_us ()),
                       JHK_T (sections[i % G_N_ELEMENTS (sections)].section), JHK_DB_END))
        {
          jhk_db_rollback (db);
          return FALSE;
        }
    }
  /* Registered for every kind but 指名手配照会 (R14-1), so that only that
   * kind is out of scope. */
  if (!jhk_db_run (db, error,
                   "INSERT INTO inquirer_scopes (staff_id, kind, valid_from, granted_by,"
                   " granted_at) SELECT s.id, k.kind, '2025-01-01', 'admin', ? FROM staff s,"
                   " (SELECT '運転免許照会' AS kind UNION ALL SELECT '犯歴照会'"
                   "  UNION ALL SELECT '車両照会' UNION ALL SELECT '所在照会') k"
                   " WHERE s.staff_no LIKE 'Q%'", JHK_I (jhk_now_us ()), JHK_DB_END))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  return jhk_db_commit (db, error);
}

/* The CP932 file and its UTF-8 copy, written a chunk at a time. Records
 * run from 2025-04-01 over twelve months in time order, mostly in duty
 * hours, weekends too; the demo's offices take them by their sections
 * (中央 four of twelve: some 28,000 records a month of 1,000,000, the
 * "tens of thousands of records a month" of issue 6). */
static gboolean
generate_files (const char  *cp932_path,
                const char  *utf8_path,
                gint64       n_rows,
                GError     **error)
{
  static const char header[] = "照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,"
                               "事由,事件番号,照会内容,端末番号\r\n";
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autoptr(GString) chunk = g_string_sized_new (ROWS_PER_CHUNK * 200);
  FILE *cp932 = NULL, *utf8 = NULL;
  gboolean ok = TRUE;
  /* 365 days. */
  gint64 rows_per_day = MAX (n_rows / 365, 1);
  GDateTime *start = g_date_time_new_local (2025, 4, 1, 0, 0, 0);

  cp932 = g_fopen (cp932_path, "wb");
  utf8 = g_fopen (utf8_path, "wb");
  if (cp932 == NULL || utf8 == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s"), cp932_path);
      ok = FALSE;
    }
  g_string_append (chunk, header);
  for (gint64 i = 0; ok && i < n_rows; i++)
    {
      g_autoptr(GDateTime) day = NULL;
      guint officer = g_rand_int_range (rand, 0, N_OFFICERS);
      const char *office = sections[officer % G_N_ELEMENTS (sections)].office;
      gboolean no_reason = g_rand_int_range (rand, 0, 100) < 3;
      /* Some 8 million people: few looked up twice. */
      guint subject = g_rand_int_range (rand, 0, 8000000);
      gint64 d = i / rows_per_day;
      /* 08:30 to 18:30, and one in twenty twelve hours later. */
      int second = 30600 + (int) ((double) (i % rows_per_day) / rows_per_day * 36000);

      if (g_rand_int_range (rand, 0, 20) == 0)
        second = (second + 43200) % 86400;
      day = g_date_time_add_days (start, d);
      g_string_append_printf (chunk,
                              "Q%08" G_GINT64_FORMAT ",%04d-%02d-%02d %02d:%02d:%02d,%s,Q%04u,%s %s,%s,"
                              "%s,%s%s,%s %s 昭和%d年%d月%d日生 東京都千代田区霞が関%u丁目%u番,T%s-%02u\r\n",
                              i + 1, g_date_time_get_year (day), g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day),
                              second / 3600, second / 60 % 60, second % 60,
                              office, officer,
                              family_names[officer % G_N_ELEMENTS (family_names)],
                              given_names[officer / G_N_ELEMENTS (family_names)
                                          % G_N_ELEMENTS (given_names)],
                              kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))],
                              no_reason ? "" : reasons[subject % G_N_ELEMENTS (reasons)],
                              no_reason ? "" : "R8-",
                              no_reason ? "" : "12345",
                              family_names[subject % 20], given_names[subject / 20 % 12],
                              30 + subject / 240 % 34, 1 + subject / 8160 % 12,
                              1 + subject / 97920 % 28, 1 + subject / 2741760 % 3,
                              1 + subject / 7 % 20, office, officer % 20);
      if (chunk->len >= ROWS_PER_CHUNK * 150 || i == n_rows - 1)
        {
          g_autofree char *converted = NULL;
          gsize written = 0;

          converted = g_convert (chunk->str, chunk->len, "CP932", "UTF-8", NULL, &written, error);
          ok = converted != NULL
               && fwrite (converted, 1, written, cp932) == written
               && fwrite (chunk->str, 1, chunk->len, utf8) == chunk->len;
          g_string_truncate (chunk, 0);
        }
    }
  g_date_time_unref (start);
  if (cp932 != NULL && fclose (cp932) != 0)
    ok = FALSE;
  if (utf8 != NULL && fclose (utf8) != 0)
    ok = FALSE;
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write %s"), cp932_path);
  return ok;
}

/* The indexes of both tables, as the output says. */
#define JHK_INDEXES "source_no UNIQUE; (office_id, period, done, at); (staff_id, at);" \
                    " (section_id, done, at); (at)"
#define SQLITE3_INDEXES "照会番号 UNIQUE; (所属コード, 照会日時); (照会者職員番号, 照会日時);" \
                        " (端末番号, 照会日時); (照会日時)"

/* sqlite3's own .import of the UTF-8 copy into a table of the file's
 * columns with a unique 照会番号 and four indexes as inquiry_records has
 * (SQLITE3_INDEXES against JHK_INDEXES). */
static gboolean
time_sqlite3_import (const char  *dir,
                     const char  *utf8_path,
                     double      *out_s,
                     double      *out_cpu_s,
                     GError     **error)
{
  g_autofree char *db_path = g_build_filename (dir, "sqlite3-import.db", NULL);
  g_autofree char *script_path = g_build_filename (dir, "import.sql", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/usr/bin/sqlite3", db_path, NULL, NULL };
  g_autofree char *init = NULL;
  int status = 0;
  gint64 start;
  double cpu;

  script = g_strdup_printf (
    "CREATE TABLE inquiries (照会番号 TEXT NOT NULL UNIQUE, 照会日時 TEXT NOT NULL,"
    " 所属コード TEXT NOT NULL, 照会者職員番号 TEXT NOT NULL, 照会者氏名 TEXT NOT NULL,"
    " 照会種別 TEXT NOT NULL, 事由 TEXT NOT NULL, 事件番号 TEXT NOT NULL,"
    " 照会内容 TEXT NOT NULL, 端末番号 TEXT NOT NULL);\n"
    "CREATE INDEX inquiries_office ON inquiries (所属コード, 照会日時);\n"
    "CREATE INDEX inquiries_staff ON inquiries (照会者職員番号, 照会日時);\n"
    "CREATE INDEX inquiries_section ON inquiries (端末番号, 照会日時);\n"
    "CREATE INDEX inquiries_at ON inquiries (照会日時);\n"
    ".mode csv\n"
    ".import --skip 1 '%s' inquiries\n"
    "SELECT COUNT(*) FROM inquiries;\n", utf8_path);
  if (!g_file_set_contents (script_path, script, -1, error))
    return FALSE;
  init = g_strconcat (".read ", script_path, NULL);
  argv[2] = init;
  start = g_get_monotonic_time ();
  cpu = cpu_seconds (RUSAGE_CHILDREN);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                     error))
    return FALSE;
  *out_s = jhk_bench_ms_since (start) / 1000.0;
  *out_cpu_s = cpu_seconds (RUSAGE_CHILDREN) - cpu;
  if (!g_spawn_check_wait_status (status, error))
    return FALSE;
  g_unlink (db_path);
  g_unlink (script_path);
  return TRUE;
}

/* The import's phases from its debug log ("inquiry import: rows read at
 * 3.703 s (cpu 3.606 s)"), kept while phases is set; other messages go
 * to the default writer, debug ones as G_MESSAGES_DEBUG says. */
static GPtrArray *phases;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  static const char prefix[] = "inquiry import: ";

  if (phases != NULL && (log_level & G_LOG_LEVEL_DEBUG))
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0
          && g_str_has_prefix (fields[i].value, prefix)
          && strstr (fields[i].value, "(cpu") != NULL)
        {
          g_ptr_array_add (phases, g_strdup ((const char *) fields[i].value + strlen (prefix)));
          return G_LOG_WRITER_HANDLED;
        }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
read_first_rows (JhkQueryModel *model)
{
  guint n = MIN (FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (model)));

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
}

/* The 運用管理者's view of 中央警察署 in May 2025: the summary, the list
 * filtered by office and month, and by one officer. */
static gboolean
measure_views (JhkDb           *db,
               JhkBenchReport  *r,
               GError         **error)
{
  g_autoptr(JhkSession) manager = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JhkInquirySummary) summary = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 office_id = 0, staff_id = 0;

  manager = jhk_accounts_authenticate (db, "chuo-unyo", JHK_DEMO_PASSWORD, "bench", error);
  if (manager == NULL)
    return FALSE;
  if (!jhk_db_query_int64 (db, &office_id, error, "SELECT id FROM org_units WHERE code = '910'",
                           JHK_DB_END)
      || !jhk_db_query_int64 (db, &staff_id, error,
                              "SELECT id FROM staff WHERE staff_no = 'Q0002'", JHK_DB_END))
    return FALSE;

  for (int k = 0; k < 5; k++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&summary, jhk_inquiry_summary_free);
      g_clear_error (&local_error);
      summary = jhk_inquiries_summary (db, manager, office_id, "2025-05", &local_error);
      if (summary == NULL)
        break;
      g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
    }
  if (summary == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    jhk_bench_report_text (r, "inquiry_summary_office_month_ms", _("not available yet"));
  else if (summary == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  else
    {
      g_array_sort (samples, jhk_bench_compare_double);
      jhk_bench_report (r, "inquiry_summary_office_month_ms",
              g_array_index (samples, double, samples->len / 2), "ms");
    }

  for (int f = 0; f < 2; f++)
    {
      JhkInquiryFilter filter = { 0 };
      const char *name = f == 0 ? "inquiry_list_office_month_first_page_ms"
                                : "inquiry_list_staff_first_page_ms";
      const char *rows_name = f == 0 ? "inquiry_list_office_month_rows"
                                     : "inquiry_list_staff_rows";
      JhkInquiriesScope scope = f == 0 ? JHK_INQUIRIES_OFFICE : JHK_INQUIRIES_ALL;
      g_autoptr(JhkSession) admin = NULL;
      JhkSession *actor = manager;
      guint n_rows = 0;

      if (f == 0)
        {
          filter.office_id = office_id;
          filter.period = "2025-05";
        }
      else
        {
          filter.staff_id = staff_id;
          admin = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", error);
          if (admin == NULL)
            return FALSE;
          actor = admin;
        }
      g_array_set_size (samples, 0);
      for (int k = 0; k < 5; k++)
        {
          g_autoptr(JhkQueryModel) model = NULL;
          gint64 start = g_get_monotonic_time ();

          model = jhk_inquiries_list_model (db, actor, scope, &filter);
          if (model == NULL)
            break;
          read_first_rows (model);
          g_array_append_vals (samples, (double[]) { jhk_bench_ms_since (start) }, 1);
          n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
        }
      if (samples->len == 0)
        jhk_bench_report_text (r, name, _("not available yet"));
      else
        {
          g_array_sort (samples, jhk_bench_compare_double);
          jhk_bench_report (r, name, g_array_index (samples, double, samples->len / 2), "ms");
          jhk_bench_report (r, rows_name, n_rows, "");
        }
    }
  return TRUE;
}

gboolean
jhk_bench_run_inquiries (const char  *uri,
                         gint64       n_rows,
                         gboolean     json,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *cp932_path = NULL;
  g_autofree char *utf8_path = NULL;
  g_autoptr(JhkDb) db = NULL;
  JhkBenchReport r = { builder, json };
  gboolean ok = TRUE;
  double sqlite3_s = 0, sqlite3_cpu_s = 0, import_s = 0, import_cpu_s = 0;
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  GStatBuf st;
  int n_runs = n_rows <= MEDIAN_MAX_ROWS ? 3 : 1;
  gint64 start;

  (void) uri;
  g_return_val_if_fail (n_rows > 0, FALSE);

  dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  template_path = g_build_filename (dir, "template.db", NULL);
  db_path = g_build_filename (dir, "bench.db", NULL);
  cp932_path = g_build_filename (dir, "inquiries-cp932.csv", NULL);
  utf8_path = g_build_filename (dir, "inquiries-utf8.csv", NULL);
  if (!json)
    g_print (_("Inquiry import on a scratch SQLite database: %s\n"), dir);

  /* The writer keeps the import's phases. */
  g_log_set_writer_func (log_writer, NULL, NULL);
  json_builder_begin_object (builder);
  jhk_bench_report_text (&r, "backend", "sqlite");
  jhk_bench_report_text (&r, "inquiry_indexes", JHK_INDEXES);
  jhk_bench_report (&r, "inquiry_rows", n_rows, "");
  start = g_get_monotonic_time ();
  ok = generate_files (cp932_path, utf8_path, n_rows, error);
  if (ok)
    {
      jhk_bench_report (&r, "inquiry_generate_s", jhk_bench_ms_since (start) / 1000.0, "s");
      if (g_stat (cp932_path, &st) == 0)
        jhk_bench_report (&r, "inquiry_file_cp932_mib", st.st_size / 1048576.0, "MiB");
    }

  /* The demo organisation and its officers, once. */
  if (ok)
    {
      db = jhk_db_open (template_path, JHK_DB_OPEN_CREATE, error);
      ok = db != NULL && jhk_demo_populate (db, error) && add_officers (db, error);
      g_clear_object (&db);
    }

  for (int run = 0; ok && run < n_runs; run++)
    {
      g_autoptr(GFile) from = g_file_new_for_path (template_path);
      g_autoptr(GFile) to = g_file_new_for_path (db_path);
      g_autoptr(JhkSession) admin = NULL;
      g_autoptr(JhkInquiryImportReport) result = NULL;

      g_clear_object (&db);
      jhk_bench_remove_db (db_path);
      ok = g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
      if (ok)
        db = jhk_db_open (db_path, JHK_DB_OPEN_DEFAULT, error);
      ok = ok && db != NULL;
      if (ok)
        admin = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", error);
      ok = ok && admin != NULL;
      if (!ok)
        break;
      g_clear_pointer (&phases, g_ptr_array_unref);
      phases = g_ptr_array_new_with_free_func (g_free);
      start = g_get_monotonic_time ();
      import_cpu_s = cpu_seconds (RUSAGE_SELF);
      result = jhk_inquiry_import_file (db, admin, JHK_INQUIRY_IMPORT_INQUIRIES, cp932_path, NULL,
                                        FALSE, NULL, NULL, NULL, error);
      import_s = jhk_bench_ms_since (start) / 1000.0;
      import_cpu_s = cpu_seconds (RUSAGE_SELF) - import_cpu_s;
      if (result == NULL)
        ok = FALSE;
      else if (!result->committed)
        {
          const JhkImportError *e = result->errors->len > 0
                                    ? g_ptr_array_index (result->errors, 0) : NULL;

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The generated file was refused: line %u: %s"),
                       e != NULL ? e->line : 0, e != NULL ? e->message : "");
          ok = FALSE;
        }
      if (!ok)
        break;
      g_array_append_val (samples, import_s);
      g_array_append_val (cpu_samples, import_cpu_s);
      if (run == n_runs - 1)
        {
          jhk_bench_report (&r, "inquiry_imported", result->n_imported, "");
          jhk_bench_report (&r, "inquiry_flagged", result->n_flagged, "");
          for (guint i = 0; i < phases->len; i++)
            {
              g_autofree char *name = g_strdup_printf ("inquiry_import_phase_%u", i + 1);

              jhk_bench_report_text (&r, name, g_ptr_array_index (phases, i));
            }
        }
      g_clear_pointer (&phases, g_ptr_array_unref);
    }
  if (ok)
    {
      g_array_sort (samples, jhk_bench_compare_double);
      import_s = g_array_index (samples, double, samples->len / 2);
      jhk_bench_report (&r, "inquiry_import_s", import_s, "s");
      g_array_sort (cpu_samples, jhk_bench_compare_double);
      import_cpu_s = g_array_index (cpu_samples, double, cpu_samples->len / 2);
      jhk_bench_report (&r, "inquiry_import_cpu_s", import_cpu_s, "s");
      jhk_bench_report (&r, "inquiry_import_rows_per_s", n_rows / MAX (import_s, 1e-9), "");
      jhk_bench_report (&r, "inquiry_import_peak_memory_mib", peak_memory_mib (), "MiB");
    }
  if (ok)
    ok = measure_views (db, &r, error);
  g_clear_object (&db);

  if (ok && g_file_test ("/usr/bin/sqlite3", G_FILE_TEST_IS_EXECUTABLE))
    {
      ok = time_sqlite3_import (dir, utf8_path, &sqlite3_s, &sqlite3_cpu_s, error);
      if (ok)
        {
          jhk_bench_report_text (&r, "sqlite3_indexes", SQLITE3_INDEXES);
          jhk_bench_report (&r, "sqlite3_import_s", sqlite3_s, "s");
          jhk_bench_report (&r, "sqlite3_import_cpu_s", sqlite3_cpu_s, "s");
          jhk_bench_report (&r, "inquiry_import_to_sqlite3_ratio", import_s / MAX (sqlite3_s, 1e-9), "");
          jhk_bench_report (&r, "inquiry_import_to_sqlite3_cpu_ratio",
                  import_cpu_s / MAX (sqlite3_cpu_s, 1e-9), "");
        }
    }
  else if (ok)
    jhk_bench_report_text (&r, "sqlite3_import_s", _("no /usr/bin/sqlite3"));
  json_builder_end_object (builder);
  if (ok && json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }

  jhk_bench_remove_db (db_path);
  jhk_bench_remove_db (template_path);
  g_unlink (cp932_path);
  g_unlink (utf8_path);
  g_rmdir (dir);
  return ok;
}
