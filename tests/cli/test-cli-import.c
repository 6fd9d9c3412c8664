/* test-cli-import.c: issue 4, `jhkctl import materials FILE.csv`: an
 * existing spreadsheet ledger migrated into the materials ledger (R15-1),
 * UTF-8 with a BOM or CP932, all or nothing with line-numbered errors.
 *
 * jhkctl runs as an operator runs it, on a copy of the demo database, on
 * SQLite or (meson test --setup postgresql) PostgreSQL. A refused import
 * and a dry run leave every table as it was, apart from what the login
 * itself is recorded with by design (R13-5: the login and logout in the
 * audit log, the user's last-login time): the import adds no audit entry.
 */
#include <locale.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-test-util.h"

static const char *jhkctl_path;

typedef struct
{
  char *db;
  int   status;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) unyo = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  gint64 office = jhk_org_find_unit (db, "910");

  /* The storage places the spreadsheets name (R15-5: one locked). */
  g_assert_cmpint (jhk_ledger_add_storage_place (db, unyo, office, "移行試験 施錠書庫", TRUE,
                                                 &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_ledger_add_storage_place (db, unyo, office, "移行試験 書棚", FALSE,
                                                 &error), >, 0);
  g_assert_no_error (error);
  f->db = g_strdup (jhk_test_last_path ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->db);
  g_free (f->out);
  g_free (f->err);
}

/* Runs `jhkctl --database DB --user LOGIN ARGS…` with the demo password. */
G_GNUC_NULL_TERMINATED static int
jhkctl (Fixture    *f,
        const char *login,
        ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) jhkctl_path);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, f->db);
  g_ptr_array_add (argv, (gpointer) "--user");
  g_ptr_array_add (argv, (gpointer) login);
  va_start (args, login);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "JHK_USER");
  g_subprocess_launcher_unsetenv (launcher, "JHK_DATABASE");
  g_subprocess_launcher_setenv (launcher, "JHK_PASSWORD", JHK_DEMO_PASSWORD, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  command = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_test_message ("$ jhkctl %s\n%s%s", command, f->out, f->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  f->status = g_subprocess_get_exit_status (process);
  return f->status;
}

static void
assert_in (const char *haystack,
           const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static JhkDb *
open_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JhkDb *db = jhk_db_open (f->db, JHK_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return db;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(JhkDb) db = open_db (f);
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, NULL, sql, JHK_DB_END));
  return n;
}

/* Every table but the two a login writes to by design (users, audit_log). */
static char *
dump (Fixture *f)
{
  g_autoptr(JhkDb) db = open_db (f);
  g_autofree char *all = jhk_test_dump_tables (db);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean skip = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '[')
        skip = g_str_equal (lines[i], "[users]") || g_str_equal (lines[i], "[audit_log]");
      if (!skip)
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* The ledger's audit entries (the demo has some already). */
#define MATERIAL_ENTRIES(f) \
  count ((f), "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'material.%'")

static const char *const fingerprint_summary = "遺留指紋の照合結果\n①～③の3件‐再照合分";

static void
assert_imported (Fixture *f,
                 gint64   entries_before)
{
  g_autoptr(JhkDb) db = open_db (f);
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  gint64 n = 0;

  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  assert_in (f->out, "3");
  g_assert_true (jhk_db_query_int64 (db, &n, NULL,
                                     "SELECT COUNT(*) FROM audit_log WHERE action = 'material.register'",
                                     JHK_DB_END));
  g_assert_cmpint (n, ==, entries_before + 3);
  /* A quoted line break inside 資料概要 survives, odd characters too. */
  g_assert_true (jhk_db_query_text (db, &summary, NULL,
                                    "SELECT summary FROM materials WHERE name = ?",
                                    JHK_T ("指紋照合結果一覧表（髙﨑班）"), JHK_DB_END));
  g_assert_cmpstr (summary, ==, fingerprint_summary);
  g_assert_true (jhk_db_query_int64 (db, &n, NULL,
                                     "SELECT COUNT(*) FROM materials m JOIN storage_places p"
                                     " ON p.id = m.storage_place_id WHERE m.personal_data = 1"
                                     " AND m.creation_reason = 'procedure' AND m.acquired_on = ?"
                                     " AND p.locked = 1",
                                     JHK_T ("2026-04-01"), JHK_DB_END));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (jhk_db_query_text (db, &text, NULL,
                                    "SELECT acquisition_text FROM materials WHERE name = ?",
                                    JHK_T ("照会回答書 \"至急\""), JHK_DB_END));
  g_assert_cmpstr (text, ==, "東警察署 刑事課");
  g_clear_pointer (&text, g_free);
  g_assert_true (jhk_db_query_text (db, &text, NULL,
                                    "SELECT acquisition_method || '/' || acquisition_text || '/'"
                                    " || quantity FROM materials WHERE name = ?",
                                    JHK_T ("業務連絡文書"), JHK_DB_END));
  g_assert_cmpstr (text, ==, "other/庁内便/2");
  /* 保管せず廃棄: registered closed, with its disposal (R15-6). */
  g_clear_pointer (&text, g_free);
  g_assert_true (jhk_db_query_text (db, &text, NULL,
                                    "SELECT m.status || '/' || d.kind || '/' || d.method || '/'"
                                    " || d.happened_on FROM materials m JOIN material_dispositions d"
                                    " ON d.material_id = m.id WHERE m.name = ?",
                                    JHK_T ("照会回答書 \"至急\""), JHK_DB_END));
  g_assert_cmpstr (text, ==, "closed/dispose/shred/2026-04-02");
}

/* Excel's "CSV UTF-8": a byte order mark, CRLF, empty trailing columns. */
static void
test_utf8_bom (Fixture       *f,
               gconstpointer  data)
{
  gint64 before = count (f, "SELECT COUNT(*) FROM materials");
  gint64 entries = count (f, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.register'");

  jhkctl (f, "chuo-kanri", "import", "materials", TEST_DATA_DIR "/materials-utf8.csv", NULL);
  assert_imported (f, entries);
  assert_in (f->out, "UTF-8");
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM materials"), ==, before + 3);
}

/* Excel's plain "CSV" on a Japanese desktop: CP932, with 髙 﨑 ① ～ ‐. */
static void
test_cp932 (Fixture       *f,
            gconstpointer  data)
{
  gint64 before = count (f, "SELECT COUNT(*) FROM materials");
  gint64 entries = count (f, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.register'");

  jhkctl (f, "chuo-kanri", "import", "materials", TEST_DATA_DIR "/materials-cp932.csv", NULL);
  assert_imported (f, entries);
  assert_in (f->out, "CP932");
  g_assert_cmpint (count (f, "SELECT COUNT(*) FROM materials"), ==, before + 3);
}

/* Bad rows (an unknown business, a bad date, personal-data output without
 * its creation reason R17-1, personal data on an unlocked shelf R15-5,
 * 保管せず廃棄 of personal data without a witness R16-3/R17-3 or without a
 * method R15-6, a disposal method on a stored material) fail the whole
 * import, each named by its line and column, and change nothing; the good
 * row on line 7 is not imported either. */
static void
test_rule_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  gint64 entries = MATERIAL_ENTRIES (f);

  jhkctl (f, "chuo-kanri", "import", "materials", TEST_DATA_DIR "/materials-errors.csv", NULL);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  assert_in (f->err, "line 2, column 業務: ");
  assert_in (f->err, "B999");
  assert_in (f->err, "line 3, column 入手年月日: ");
  /* The ledger's own refusals name their column too (issue 4). */
  assert_in (f->err, "line 4, column 作成理由: Personal-data output");
  assert_in (f->err, "line 6, column 保管先: Personal-data and especially important materials "
                     "are stored only in a locked place");
  assert_in (f->err, "line 8, column 立会者: Personal data is disposed of before the office's "
                     "information manager");
  assert_in (f->err, "line 9, column 廃棄方法: Dispose of a material only by an irrecoverable "
                     "method");
  assert_in (f->err, "line 10, column 入手後の措置: Only a material disposed of without storing");
  g_assert_null (strstr (f->err, "line 5"));
  g_assert_null (strstr (f->err, "line 7"));
  assert_in (f->err, "Nothing was imported: 7 errors.");
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (MATERIAL_ENTRIES (f), ==, entries);

  /* The same errors for a script. */
  jhkctl (f, "chuo-kanri", "--json", "import", "materials",
          TEST_DATA_DIR "/materials-errors.csv", NULL);
  g_assert_cmpint (f->status, ==, 1);
  assert_in (f->out, "\"line\" : 6");
  assert_in (f->out, "\"column\" : \"入手年月日\"");
  assert_in (f->out, "\"column\" : \"立会者\"");
  g_free (after);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

/* Only the office's ledger keepers import into it; nothing changes. */
static void
test_not_a_keeper (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;

  jhkctl (f, "chuo-shokuin", "import", "materials", TEST_DATA_DIR "/materials-utf8.csv", NULL);
  g_assert_cmpint (f->status, ==, 1);
  assert_in (f->err, "line 2: Only the office");
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

/* --dry-run checks everything and writes nothing. */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  gint64 entries = MATERIAL_ENTRIES (f);

  jhkctl (f, "chuo-kanri", "import", "materials", "--dry-run",
          TEST_DATA_DIR "/materials-cp932.csv", NULL);
  g_assert_cmpint (f->status, ==, 0);
  assert_in (f->out, "3 rows checked, no errors");
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (MATERIAL_ENTRIES (f), ==, entries);

  jhkctl (f, "chuo-kanri", "import", "materials", "-n", TEST_DATA_DIR "/materials-errors.csv",
          NULL);
  g_assert_cmpint (f->status, ==, 1);
  assert_in (f->err, "line 6, column 保管先:");
}

/* Exit status 2 for a wrong command line, 1 for a file that cannot be read. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *before = dump (f);
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-ledger.csv", NULL);

  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", NULL), ==, 2);
  assert_in (f->err, "jhkctl --help");
  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", "staff", "x.csv", NULL), ==, 2);
  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", "materials", NULL), ==, 2);
  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", "materials", "a.csv", "b.csv", NULL), ==, 2);
  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", "materials", "--bogus", "a.csv", NULL), ==, 2);
  g_assert_cmpint (jhkctl (f, "chuo-kanri", "import", "materials", missing, NULL), ==, 1);
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_strcmp0 (argv[i], "--jhkctl") == 0)
      {
        jhkctl_path = argv[i + 1];
        memmove (&argv[i], &argv[i + 2], (argc - i - 1) * sizeof (char *));
        argc -= 2;
        break;
      }
  if (jhkctl_path == NULL)
    jhkctl_path = g_getenv ("JHKCTL");

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (jhkctl_path == NULL || !g_file_test (jhkctl_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("Run with --jhkctl PATH (or JHKCTL=PATH) naming the jhkctl to test");

  ADD_TEST ("/cli/import/utf8-bom", test_utf8_bom);
  ADD_TEST ("/cli/import/cp932", test_cp932);
  ADD_TEST ("/cli/import/rule-errors-change-nothing", test_rule_errors);
  ADD_TEST ("/cli/import/only-ledger-keepers", test_not_a_keeper);
  ADD_TEST ("/cli/import/dry-run", test_dry_run);
  ADD_TEST ("/cli/import/usage", test_usage);
  return jhk_test_run ();
}
