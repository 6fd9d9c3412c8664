/* test-cli-retention.c: jhkctl material expired, purge and viewers, and the
 * categories of material list and add (issue 4, R15-3, R18-1..5), run as an
 * operator runs them.
 *
 * Each test works on its own copy of the demo database. A refusal must
 * exit 1 and leave the database as it was: every table is compared, apart
 * from the audit log and the users' login columns, which record the login
 * itself by design (R13-5); the audit entries after the refusal must be
 * exactly that login and logout.
 */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-retention.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

static const char *jhkctl_path;

typedef struct
{
  JhkDb      *db;
  char       *path;       /* the database as jhkctl gets it */
  char       *dir;        /* a private folder for files */
  gint64      office;     /* 中央警察署 */
  gint64      locked;     /* a locked storage place of the office */
  gint64      expired;    /* closed, last entry six years ago */
  gint64      young;      /* closed, last entry four years ago */
  char       *today;
  int         status;
  char       *out;
  char       *err;
} Fixture;

static char *
years_ago (int years)
{
  g_autofree char *today = jhk_today ();
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, today);
  g_date_subtract_years (&d, years);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

static gint64
closed_material (JhkDb      *db,
                 JhkSession *actor,
                 gint64      office,
                 const char *on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "試験用 保存期間 CLI",
      .quantity = 1, .business_id = jhk_org_find_business (db, "B101"),
      .handler_staff_id = jhk_org_find_staff (db, "C9113"), .purpose = "試験",
      .acquired_on = on, .acquisition_method = "printed",
      .measure = "dispose_without_storing", .disposed_on = on, .disposal_method = "shred" },
    &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) unyo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *six = years_ago (6);
  g_autofree char *four = years_ago (4);

  f->db = jhk_test_demo_db ();
  f->path = g_strdup (jhk_test_last_path ());
  f->dir = jhk_test_new_file ("files");
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  f->today = jhk_today ();
  f->office = jhk_org_find_unit (f->db, "910");
  unyo = jhk_test_login (f->db, "chuo-unyo");
  f->locked = jhk_ledger_add_storage_place (f->db, unyo, f->office, "試験用 文書庫 CLI",
                                            TRUE, &error);
  g_assert_no_error (error);
  f->expired = closed_material (f->db, unyo, f->office, six);
  f->young = closed_material (f->db, unyo, f->office, four);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->today);
  g_free (f->out);
  g_free (f->err);
}

/* Runs `jhkctl --database PATH ARGS…` with the demo password; an argument
 * "@name" stands for a file in the fixture's folder. */
G_GNUC_NULL_TERMINATED static int
jhkctl (Fixture    *f,
        const char *first_arg,
        ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  va_list args;

  g_ptr_array_add (argv, g_strdup (jhkctl_path));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (f->path));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, arg[0] == '@' ? g_build_filename (f->dir, arg + 1, NULL)
                                         : g_strdup (arg));
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

  command = g_strjoinv (" ", (char **) argv->pdata + 3);
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

static void
assert_success (Fixture *f)
{
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->err, ==, "");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* "Nothing changed" (see the top of the file). */

static gint64
last_seq (Fixture *f)
{
  gint64 seq = 0;

  g_assert_true (jhk_db_query_int64 (f->db, &seq, NULL,
                                     "SELECT COALESCE(MAX(seq), 0) FROM audit_log", JHK_DB_END));
  return seq;
}

/* Every table but audit_log, and users without its login columns. */
static char *
dump (Fixture *f)
{
  g_autofree char *all = jhk_test_dump_tables (f->db);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  GString *out = g_string_new (NULL);
  gboolean skip = FALSE;
  g_autoptr(JhkDbStmt) stmt = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '[')
        skip = g_str_equal (lines[i], "[audit_log]") || g_str_equal (lines[i], "[users]");
      if (!skip)
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  stmt = jhk_db_query (f->db, NULL,
                       "SELECT id, login, status, restriction, password_hash FROM users ORDER BY id",
                       JHK_DB_END);
  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    for (int c = 0; c < 5; c++)
      g_string_append_printf (out, "%s%c", jhk_db_stmt_is_null (stmt, c) ? "NULL"
                                           : jhk_db_stmt_get_text (stmt, c), c < 4 ? '|' : '\n');
  return g_string_free (out, FALSE);
}

static char *
actions_since (Fixture *f,
               gint64   seq)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (f->db, NULL,
                                            "SELECT action FROM audit_log WHERE seq > ? ORDER BY seq",
                                            JHK_I (seq), JHK_DB_END);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    g_ptr_array_add (actions, jhk_db_stmt_dup_text (stmt, 0));
  g_ptr_array_add (actions, NULL);
  return g_strjoinv (",", (char **) actions->pdata);
}

/* Exit 1 with the message on standard error, and nothing changed but the
 * login's own record. */
static void
assert_refused_unchanged (Fixture    *f,
                          const char *before,
                          gint64      seq,
                          const char *message)
{
  g_autofree char *after = dump (f);
  g_autofree char *actions = actions_since (f, seq);

  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_true (g_str_has_prefix (f->err, "jhkctl: "));
  assert_in (f->err, message);
  g_assert_cmpstr (actions, ==, "session.login,session.logout");
  g_assert_cmpstr (after, ==, before);
}

static gboolean
array_has_id (JsonArray *array,
              gint64     id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_object_get_int_member (json_array_get_object_element (array, i), "id") == id)
      return TRUE;
  return FALSE;
}

/* R15-3: material expired lists the closed materials five years past their
 * last entry; material purge leaves the tombstone that show and list give. */
static void
test_expired_and_purge (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = id_text (f->expired);
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) purged = NULL;
  JsonObject *m;

  jhkctl (f, "--user", "chuo-unyo", "--json", "material", "expired", "--office", "910", NULL);
  assert_success (f);
  expired = parse_json (f->out);
  g_assert_true (array_has_id (json_node_get_array (expired), f->expired));
  g_assert_false (array_has_id (json_node_get_array (expired), f->young));
  g_test_message ("%u materials of 中央警察署 past their retention",
                  json_array_get_length (json_node_get_array (expired)));

  jhkctl (f, "--user", "chuo-unyo", "material", "purge", id, NULL);
  assert_success (f);
  assert_in (f->out, "purged");

  jhkctl (f, "--user", "chuo-unyo", "--json", "material", "show", id, NULL);
  assert_success (f);
  shown = parse_json (f->out);
  m = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "purged");
  g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (m, "purged_by"), ==, "chuo-unyo");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (m, "events")), ==, 0);
  g_assert_true (json_object_get_null_member (m, "disposition"));

  jhkctl (f, "--user", "chuo-unyo", "material", "show", id, NULL);
  assert_success (f);
  assert_in (f->out, "chuo-unyo");

  jhkctl (f, "--user", "chuo-unyo", "--json", "material", "list", "--office", "910",
          "--status", "purged", NULL);
  assert_success (f);
  purged = parse_json (f->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (purged)), ==, 1);
  g_assert_true (array_has_id (json_node_get_array (purged), f->expired));
}

/* R15-3: refused, database unchanged: retention not ended, not the
 * office's 運用管理者, purged already. */
static void
test_purge_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *young = id_text (f->young);
  g_autofree char *old = id_text (f->expired);
  g_autofree char *before = NULL;
  gint64 seq;

  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-unyo", "material", "purge", young, NULL);
  assert_refused_unchanged (f, before, seq, "five years after its last entry");

  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-kanri", "material", "purge", old, NULL);
  assert_refused_unchanged (f, before, seq, "operations manager");

  jhkctl (f, "--user", "chuo-unyo", "material", "purge", old, NULL);
  assert_success (f);
  g_clear_pointer (&before, g_free);
  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-unyo", "material", "purge", old, NULL);
  assert_refused_unchanged (f, before, seq, "purged already");

  jhkctl (f, "--user", "chuo-unyo", "material", "purge", NULL);
  g_assert_cmpint (f->status, ==, 2);
  jhkctl (f, "--user", "chuo-unyo", "material", "expired", "extra", NULL);
  g_assert_cmpint (f->status, ==, 2);
}

/* R18-1, R18-2: material add --category and list --category; a system
 * document on an unlocked shelf or with personal data is refused. */
static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *place = id_text (f->locked);
  g_autofree char *before = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonArray *list;
  gint64 seq, id;

  jhkctl (f, "--user", "chuo-unyo", "material", "add", "--office", "910", "--direction",
          "input", "--name", "照合システム 運用手順書 CLI", "--quantity", "1", "--business",
          "B101", "--handler", "C9113", "--purpose", "運用", "--method", "received",
          "--method-text", "情報管理課", "--store", place, "--category", "system_document",
          NULL);
  assert_success (f);
  id = g_ascii_strtoll (f->out, NULL, 10);

  jhkctl (f, "--user", "chuo-unyo", "--json", "material", "list", "--office", "910",
          "--category", "system_document", NULL);
  assert_success (f);
  listed = parse_json (f->out);
  list = json_node_get_array (listed);
  g_assert_true (array_has_id (list, id));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i),
                                                    "category"), ==, "system_document");

  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-unyo", "material", "add", "--office", "910", "--direction",
          "input", "--name", "照合プログラム CLI", "--quantity", "1", "--business", "B101",
          "--handler", "C9113", "--purpose", "運用", "--personal-data", "--store", place,
          "--category", "program", NULL);
  assert_refused_unchanged (f, before, seq, "not personal-data");

  jhkctl (f, "--user", "chuo-unyo", "material", "list", "--category", "blueprint", NULL);
  g_assert_cmpint (f->status, ==, 2);
}

/* R18-3: the office's 運用管理者 names the staff who may view a system
 * document; they then see it, and the 情報管理者 cannot name anyone. */
static void
test_viewers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *place = id_text (f->locked);
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  gint64 seq;

  jhkctl (f, "--user", "chuo-unyo", "material", "add", "--office", "910", "--direction",
          "input", "--name", "照合システム 設計書 CLI", "--quantity", "1", "--business",
          "B101", "--handler", "C9113", "--purpose", "保守", "--method", "received",
          "--method-text", "情報管理課", "--store", place, "--category", "system_document",
          NULL);
  assert_success (f);
  id = id_text (g_ascii_strtoll (f->out, NULL, 10));

  jhkctl (f, "--user", "chuo-shokuin", "material", "show", id, NULL);
  g_assert_cmpint (f->status, ==, 1);

  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-kanri", "material", "viewers", id, "--add", "C9132", NULL);
  assert_refused_unchanged (f, before, seq, "operations manager");

  jhkctl (f, "--user", "chuo-unyo", "material", "viewers", id, "--add", "C9132", NULL);
  assert_success (f);
  assert_in (f->out, "C9132");
  jhkctl (f, "--user", "chuo-shokuin", "material", "show", id, NULL);
  assert_success (f);
  assert_in (f->out, "設計書 CLI");
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

  ADD_TEST ("/cli/retention/R15-3/expired-and-purge", test_expired_and_purge);
  ADD_TEST ("/cli/retention/R15-3/purge-refused", test_purge_refused);
  ADD_TEST ("/cli/sysdocs/R18-1/add-and-list-by-category", test_categories);
  ADD_TEST ("/cli/sysdocs/R18-3/viewers", test_viewers);
  return jhk_test_run ();
}
