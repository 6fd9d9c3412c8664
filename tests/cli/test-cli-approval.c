/* test-cli-approval.c: jhkctl approval … (R15-2, R16-2) and jhkctl
 * material signoff / request-signoffs (様式第1号, R17-11), run as an
 * operator runs them, on a copy of the demo database.
 *
 * A refusal must exit 1 and leave the database as it was (every table but
 * the audit log and the users' login columns, which record the login
 * itself by design, R13-5; the audit entries after it are exactly that
 * login and logout).
 */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

static const char *jhkctl_path;

typedef struct
{
  JhkDb      *db;
  char       *path;       /* the database as jhkctl gets it */
  char       *dir;        /* a private folder for files */
  gint64      material;   /* personal-data input of 中央警察署 */
  char       *today;
  int         status;
  char       *out;
  char       *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(GError) error = NULL;
  gint64 office, place;

  f->db = jhk_test_demo_db ();
  f->path = g_strdup (jhk_test_last_path ());
  f->dir = jhk_test_new_file ("files");
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  f->today = jhk_today ();
  office = jhk_org_find_unit (f->db, "910");
  kanri = jhk_test_login (f->db, "chuo-kanri");
  place = jhk_ledger_add_storage_place (f->db, kanri, office, "試験用 施錠保管庫 CLI", TRUE,
                                        &error);
  g_assert_no_error (error);
  f->material = jhk_ledger_register_material (f->db, kanri, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "input", .name = "試験用 照会回答書",
      .quantity = 3, .business_id = jhk_org_find_business (f->db, "B101"),
      .handler_staff_id = jhk_org_find_staff (f->db, "C9113"), .purpose = "捜査",
      .personal_data = TRUE, .acquired_on = f->today, .acquisition_method = "received",
      .acquisition_text = "交通課", .measure = "store", .storage_place_id = place }, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->material, >, 0);
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

/* Tests */

static gint64
id_of (const char *json)
{
  g_autoptr(JsonNode) node = parse_json (json);

  return json_object_get_int_member (json_node_get_object (node), "id");
}

/* R16-2 end to end: ask, list pending as the 総括責任者, approve, copy with
 * the approval, see it used in material show --json. */
static void
test_request_approve_copy (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *material = id_text (f->material);
  g_autofree char *approval = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *array, *approvals;
  JsonObject *a;
  gboolean found = FALSE;
  gint64 id;

  jhkctl (f, "--user", "chuo-kanri", "--json", "approval", "request", material, "--kind", "copy",
          "--reason", "送致のため", NULL);
  assert_success (f);
  id = id_of (f->out);
  g_assert_cmpint (id, >, 0);
  approval = id_text (id);

  jhkctl (f, "--user", "soukatsu", "--json", "approval", "list", "--pending", NULL);
  assert_success (f);
  list = parse_json (f->out);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      a = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "pending");
      if (json_object_get_int_member (a, "id") == id)
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (a, "kind"), ==, "copy");
          g_assert_cmpstr (json_object_get_string_member (a, "reason"), ==, "送致のため");
        }
    }
  g_assert_true (found);

  jhkctl (f, "--user", "soukatsu", "approval", "approve", approval, "--comment", "了承", NULL);
  assert_success (f);
  assert_in (f->out, approval);

  jhkctl (f, "--user", "chuo-kanri", "material", "event", material, "--kind", "copy", "--date",
          f->today, "--quantity", "1", "--handler", "C9113", "--copy-basis", "maintenance_test",
          "--approval", approval, NULL);
  assert_success (f);

  jhkctl (f, "--user", "chuo-kanri", "--json", "material", "show", material, NULL);
  assert_success (f);
  shown = parse_json (f->out);
  approvals = json_object_get_array_member (json_node_get_object (shown), "approvals");
  g_assert_cmpuint (json_array_get_length (approvals), ==, 1);
  a = json_array_get_object_element (approvals, 0);
  g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (a, "comment"), ==, "了承");
  g_assert_false (json_object_get_null_member (a, "used_by_event"));
  g_assert_nonnull (json_object_get_array_member (json_node_get_object (shown), "signoffs"));
}

/* R15-2: a view request names the person; declined with a comment; the
 * requester withdraws another. */
static void
test_view_decline_withdraw (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *material = id_text (f->material);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  gint64 seq;

  jhkctl (f, "--user", "chuo-kanri", "--json", "approval", "request", material, "--kind", "view",
          "--reason", "照合のため", "--for", "地域課 木村 彩", NULL);
  assert_success (f);
  first = id_text (id_of (f->out));
  jhkctl (f, "--user", "soukatsu", "approval", "decline", first, "--comment", "業務外", NULL);
  assert_success (f);

  /* Decided once. */
  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "soukatsu", "approval", "approve", first, NULL);
  assert_refused_unchanged (f, before, seq, "no longer pending");

  jhkctl (f, "--user", "chuo-kanri", "--json", "approval", "request", material, "--kind",
          "hand_over", "--reason", "送致のため", NULL);
  assert_success (f);
  second = id_text (id_of (f->out));
  jhkctl (f, "--user", "chuo-kanri", "approval", "withdraw", second, NULL);
  assert_success (f);
}

/* Refusals: each exits 1 with the reason and changes nothing. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *material = id_text (f->material);
  g_autofree char *pending = NULL;
  struct { const char *user; const char *args[12]; const char *message; } cases[] = {
    { "chuo-kanri", { "approval", "request", material, "--kind", "view", "--reason", "照合",
                      NULL }, "Name the person" },
    { "higashi-unyo", { "approval", "request", material, "--kind", "copy", "--reason", "送致",
                        NULL }, "There is no material" },
    { "chuo-kanri", { "approval", "approve", "@pending", NULL }, "general supervisor" },
    { "chuo-hojo", { "approval", "withdraw", "@pending", NULL }, "made a request" },
    { "chuo-kanri", { "material", "event", material, "--kind", "hand_over", "--date", "@today",
                      "--quantity", "1", "--handler", "C9113", NULL }, "approval" },
    { "chuo-kanri", { "material", "signoff", material, "--stage", "final", NULL },
      "final disposition" },
    { "chuo-hojo", { "material", "signoff", material, "--stage", "created", "--role",
                     "ops_manager", NULL }, "Only the office" },
  };

  jhkctl (f, "--user", "chuo-kanri", "--json", "approval", "request", material, "--kind", "copy",
          "--reason", "送致のため", NULL);
  assert_success (f);
  pending = id_text (id_of (f->out));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = dump (f);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      gint64 seq = last_seq (f);
      const char *const *a = cases[i].args;

      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, (gpointer) cases[i].user);
      for (; *a != NULL; a++)
        g_ptr_array_add (argv, (gpointer) (g_str_equal (*a, "@pending") ? pending
                                           : g_str_equal (*a, "@today") ? f->today : *a));
      while (argv->len < 16)
        g_ptr_array_add (argv, NULL);
      jhkctl (f, g_ptr_array_index (argv, 0), g_ptr_array_index (argv, 1),
              g_ptr_array_index (argv, 2), g_ptr_array_index (argv, 3),
              g_ptr_array_index (argv, 4), g_ptr_array_index (argv, 5),
              g_ptr_array_index (argv, 6), g_ptr_array_index (argv, 7),
              g_ptr_array_index (argv, 8), g_ptr_array_index (argv, 9),
              g_ptr_array_index (argv, 10), g_ptr_array_index (argv, 11),
              g_ptr_array_index (argv, 12), g_ptr_array_index (argv, 13), NULL);
      assert_refused_unchanged (f, before, seq, cases[i].message);
    }
}

/* 様式第1号: the creation boxes signed by each role holder; after the final
 * disposition the disposer asks and the boxes show in material show. */
static void
test_signoffs (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *material = id_text (f->material);
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *signoffs;
  g_autofree char *before = NULL;
  gint64 seq;

  for (const char *const *u = (const char *const[]) { "chuo-unyo", "chuo-sekinin",
                                                      "chuo-kanri", "chuo-hojo", NULL };
       *u != NULL; u++)
    {
      jhkctl (f, "--user", *u, "material", "signoff", material, "--stage", "created", NULL);
      assert_success (f);
    }
  before = dump (f);
  seq = last_seq (f);
  jhkctl (f, "--user", "chuo-kanri", "material", "signoff", material, "--stage", "created", NULL);
  assert_refused_unchanged (f, before, seq, "signed already");

  jhkctl (f, "--user", "chuo-kanri", "material", "dispose", material, "--kind", "return",
          "--date", f->today, "--handler", "C9113", "--counterpart", "交通課", NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-kanri", "material", "request-signoffs", material, NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-unyo", "material", "signoff", material, "--stage", "final", NULL);
  assert_success (f);

  jhkctl (f, "--user", "chuo-kanri", "--json", "material", "show", material, NULL);
  assert_success (f);
  shown = parse_json (f->out);
  signoffs = json_object_get_array_member (json_node_get_object (shown), "signoffs");
  g_assert_cmpuint (json_array_get_length (signoffs), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 0),
                                                  "role"), ==, "ops_manager");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 4),
                                                  "stage"), ==, "final");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 4),
                                                  "date"), ==, f->today);

  /* The printed form carries the stamps (the 運用管理者 is 加藤 正男). */
  jhkctl (f, "--user", "chuo-kanri", "form1", material, "-o", "@form1.pdf", NULL);
  assert_success (f);
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *pdf = g_build_filename (f->dir, "form1.pdf", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    const char *args[] = { "pdftotext", pdf, "-", NULL };
    int wait_status = 0;

    if (pdftotext == NULL)
      {
        g_test_message ("pdftotext is missing: the stamps' text is not checked");
        return;
      }
    args[0] = pdftotext;
    g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &text, NULL, &wait_status, &error));
    g_assert_no_error (error);
    assert_in (text, "加藤");
  }
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

  ADD_TEST ("/cli/approval/R16-2/request-approve-copy", test_request_approve_copy);
  ADD_TEST ("/cli/approval/R15-2/view-decline-withdraw", test_view_decline_withdraw);
  ADD_TEST ("/cli/approval/R15-2/refusals-unchanged", test_refusals);
  ADD_TEST ("/cli/approval/R17-11/signoffs", test_signoffs);
  return jhk_test_run ();
}
