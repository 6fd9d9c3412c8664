/* test-cli-transfer.c: jhkctl delivery … and jhkctl transfer … (issue 4,
 * R17-4, R17-5, R17-8, R17-9), run as an operator runs them.
 *
 * Each test works on its own copy of the demo database. A refusal must
 * exit 1 and leave the database as it was: every table is compared, apart
 * from the audit log and the users' login columns, which record the login
 * itself by design (R13-5). The encrypted sending itself is proved in
 * tests/core/test-delivery.c, with a keyring; here only its refusal
 * without one.
 */
#include <locale.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-delivery.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-test-util.h"

static const char *jhkctl_path;

typedef struct
{
  JhkDb      *db;
  char       *path;       /* the database as jhkctl gets it */
  char       *dir;        /* a private folder for files */
  gint64      office;     /* 中央警察署 */
  gint64      locked;     /* a locked storage place of the office */
  gint64      nishi_locked; /* a locked storage place of 西警察署 */
  gint64      material;   /* a stored personal-data output material, 3 of it */
  char       *acquired;   /* its acquisition date, ten days ago */
  char       *today;
  gboolean    no_bus;     /* run jhkctl without a session bus */
  int         status;
  char       *out;
  char       *err;
} Fixture;

static char *
local_date (int days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) nishi = NULL;
  g_autoptr(GError) error = NULL;

  f->db = jhk_test_demo_db ();
  f->path = g_strdup (jhk_test_last_path ());
  f->dir = jhk_test_new_file ("files");
  g_assert_cmpint (g_mkdir (f->dir, 0700), ==, 0);
  f->acquired = local_date (10);
  f->today = local_date (0);
  f->office = jhk_org_find_unit (f->db, "910");
  kanri = jhk_test_login (f->db, "chuo-kanri");
  f->locked = jhk_ledger_add_storage_place (f->db, kanri, f->office, "試験用 施錠保管庫 CLI",
                                            TRUE, &error);
  g_assert_no_error (error);
  f->material = jhk_ledger_register_material (f->db, kanri, &(JhkMaterialSpec) {
      .org_unit_id = f->office, .direction = "output", .name = "試験用 照合結果一覧表",
      .quantity = 3, .business_id = jhk_org_find_business (f->db, "B101"),
      .handler_staff_id = jhk_org_find_staff (f->db, "C9113"), .purpose = "捜査",
      .personal_data = TRUE, .creation_reason = "procedure", .acquired_on = f->acquired,
      .acquisition_method = "printed", .measure = "store", .storage_place_id = f->locked },
    &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->material, >, 0);
  nishi = jhk_test_login (f->db, "nishi-unyo");
  f->nishi_locked = jhk_ledger_add_storage_place (f->db, nishi, jhk_org_find_unit (f->db, "930"),
                                                  "試験用 施錠保管庫 CLI", TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->acquired);
  g_free (f->today);
  g_free (f->out);
  g_free (f->err);
}

/* Runs `jhkctl --database PATH ARGS…` with the demo password; an argument
 * "@name" stands for a file in the fixture's folder. */
static int
jhkctl_argv (Fixture            *f,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  g_ptr_array_add (argv, g_strdup (jhkctl_path));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (f->path));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i][0] == '@' ? g_build_filename (f->dir, args[i] + 1, NULL)
                                             : g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "JHK_USER");
  g_subprocess_launcher_unsetenv (launcher, "JHK_DATABASE");
  if (f->no_bus)
    g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
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

G_GNUC_NULL_TERMINATED static int
jhkctl (Fixture    *f,
        const char *first_arg,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return jhkctl_argv (f, (const char * const *) args->pdata);
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


static gint64
output_id (Fixture *f)
{
  gint64 id = g_ascii_strtoll (f->out, NULL, 10);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* R17-5, R17-4, R17-8, R17-9: the registers by the 運用管理者, a transfer
 * by document courier, its confirmation, and 受入 at 西警察署; each
 * waiting list shows and empties. */
static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *material = id_text (f->material);
  g_autofree char *transfer = NULL;
  g_autofree char *place = id_text (f->nishi_locked);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *object;

  /* The demo designates C9113 for B101 already; a second officer. */
  jhkctl (f, "--user", "chuo-unyo", "delivery", "officer", "add", "--office", "910",
          "--business", "B101", "--staff", "C9112", NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-unyo", "delivery", "folder", "add", "--office", "910",
          "--business", "B101", "--name", "指紋照合業務 共有フォルダ", "--address",
          "\\\\fs01\\B101", "--officer", "C9113", "--tested", f->today, NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-unyo", "--json", "delivery", "officer", "list", "--office", "910",
          NULL);
  assert_success (f);
  list = parse_json (f->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  g_clear_pointer (&list, json_node_unref);

  jhkctl (f, "--user", "chuo-kanri", "transfer", "send", material, "--method", "courier",
          "--officer", "C9113", "--to", "930", "--quantity", "2", "--purpose", "合同捜査", NULL);
  assert_success (f);
  transfer = id_text (output_id (f));

  jhkctl (f, "--user", "chuo-unyo", "--json", "transfer", "list", "--waiting", "confirmation",
          NULL);
  assert_success (f);
  list = parse_json (f->out);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_node_get_array (list), 0), "id"), ==, g_ascii_strtoll (transfer, NULL, 10));
  g_clear_pointer (&list, json_node_unref);
  jhkctl (f, "--user", "chuo-unyo", "transfer", "confirm", transfer, NULL);
  assert_success (f);

  jhkctl (f, "--user", "nishi-unyo", "transfer", "receive", transfer, "--handler", "C9301",
          "--place", place, NULL);
  assert_success (f);
  output_id (f);

  jhkctl (f, "--user", "chuo-kanri", "--json", "transfer", "show", transfer, NULL);
  assert_success (f);
  shown = parse_json (f->out);
  object = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "courier");
  g_assert_cmpstr (json_object_get_string_member (object, "purpose"), ==, "合同捜査");
  g_assert_cmpstr (json_object_get_string_member (object, "officer"), ==, "C9113");
  g_assert_cmpint (json_object_get_int_member (object, "quantity"), ==, 2);
  g_assert_false (json_object_get_boolean_member (object, "waits_confirmation"));
  g_assert_false (json_object_get_boolean_member (object, "waits_receipt"));
  g_assert_true (json_object_has_member (object, "received_material_id"));
}

typedef struct
{
  const char *path;
  const char *user;
  gboolean    no_bus;
  const char *args[24];
} Refusal;

/* Run with the officer C9113 designated for B101 at 中央警察署 (by the
 * demo) and a tested e-mail address and terminal added by the test. */
static const Refusal refusals[] = {
  { "/cli/transfer/R17-5/officer-not-designated", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "courier", "--officer", "C9112",
      "--to", "930", NULL } },
  { "/cli/transfer/R17-4/registered-mail-without-approval", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "registered_mail", "--officer", "C9113",
      "--recipient", "地方検察庁", NULL } },
  { "/cli/transfer/R17-5/fax-without-reason", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "fax", "--officer", "C9113",
      "--recipient", "本部", NULL } },
  { "/cli/transfer/R17-5/registers-by-operations-manager-only", "chuo-kanri", FALSE,
    { "delivery", "terminal", "add", "--office", "910", "--name", "端末", NULL } },
  { "/cli/transfer/R17-9/confirm-by-operations-manager-only", "chuo-kanri", FALSE,
    { "transfer", "confirm", "@transfer", NULL } },
  { "/cli/transfer/R17-5/electronic-without-keyring", "chuo-kanri", TRUE,
    { "transfer", "send", "@material", "--method", "email", "--officer", "C9113",
      "--recipient", "西警察署", "--channel", "@email", "--terminal", "@terminal",
      "--file", "@in.pdf", "-o", "@out.pdf", NULL } },
};

static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const Refusal *r = data;
  g_autoptr(JhkSession) unyo = jhk_test_login (f->db, "chuo-unyo");
  g_autoptr(JhkSession) kanri = jhk_test_login (f->db, "chuo-kanri");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *in = g_build_filename (f->dir, "in.pdf", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.pdf", NULL);
  gint64 office = jhk_org_find_unit (f->db, "910");
  gint64 koufu = jhk_org_find_staff (f->db, "C9113");
  gint64 terminal, email, transfer;

  terminal = jhk_delivery_add_channel (f->db, unyo, &(JhkDeliveryChannelSpec) {
      .org_unit_id = office, .kind = "terminal", .name = "交付用端末", .tested_on = f->today },
      &error);
  g_assert_no_error (error);
  email = jhk_delivery_add_channel (f->db, unyo, &(JhkDeliveryChannelSpec) {
      .org_unit_id = office, .kind = "email", .name = "西警察署", .address = "k@nishi.example",
      .tested_on = f->today }, &error);
  g_assert_no_error (error);
  transfer = jhk_delivery_send (f->db, kanri, &(JhkTransferSpec) {
      .material_id = f->material, .method = "carried", .sent_on = f->today, .quantity = 1,
      .officer_staff_id = koufu, .to_office_id = jhk_org_find_unit (f->db, "930") }, NULL,
      &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (in, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> "
                                      "endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
                                      "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", -1, NULL));

  g_ptr_array_add (argv, g_strdup ("--user"));
  g_ptr_array_add (argv, g_strdup (r->user));
  for (guint i = 0; r->args[i] != NULL; i++)
    {
      const char *arg = r->args[i];

      if (g_str_equal (arg, "@material"))
        g_ptr_array_add (argv, id_text (f->material));
      else if (g_str_equal (arg, "@transfer"))
        g_ptr_array_add (argv, id_text (transfer));
      else if (g_str_equal (arg, "@email"))
        g_ptr_array_add (argv, id_text (email));
      else if (g_str_equal (arg, "@terminal"))
        g_ptr_array_add (argv, id_text (terminal));
      else
        g_ptr_array_add (argv, g_strdup (arg));
    }
  g_ptr_array_add (argv, NULL);

  f->no_bus = r->no_bus;
  before = dump (f);
  jhkctl_argv (f, (const char * const *) argv->pdata);
  g_assert_cmpint (f->status, ==, 1);
  g_assert_cmpstr (f->err, !=, "");
  if (r->no_bus)
    assert_in (f->err, "keyring");
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  jhkctl (f, "transfer", NULL);
  g_assert_cmpint (f->status, ==, 2);
  jhkctl (f, "transfer", "send", "1", NULL);
  g_assert_cmpint (f->status, ==, 2);
  jhkctl (f, "delivery", "printer", "list", NULL);
  g_assert_cmpint (f->status, ==, 2);
  jhkctl (f, "transfer", "list", "--waiting", "nothing", NULL);
  g_assert_cmpint (f->status, ==, 2);
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

  ADD_TEST ("/cli/transfer/R17-4-R17-9/registers-send-confirm-receive", test_flow);
  ADD_TEST ("/cli/transfer/usage-errors", test_usage);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    g_test_add (refusals[i].path, Fixture, &refusals[i], fixture_set_up, test_refusal,
                fixture_tear_down);
  return jhk_test_run ();
}
