/* cli-test-util.c: running jhkctl as an operator runs it, for tests/cli. */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli-test-util.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"

static const char *jhkctl_path;

void
cli_test_init (int    *argc,
               char ***argv)
{
  for (int i = 1; i + 1 < *argc; i++)
    if (g_strcmp0 ((*argv)[i], "--jhkctl") == 0)
      {
        jhkctl_path = (*argv)[i + 1];
        memmove (&(*argv)[i], &(*argv)[i + 2], (*argc - i - 1) * sizeof (char *));
        *argc -= 2;
        break;
      }
  if (jhkctl_path == NULL)
    jhkctl_path = g_getenv ("JHKCTL");

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (jhkctl_path == NULL || !g_file_test (jhkctl_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("Run with --jhkctl PATH (or JHKCTL=PATH) naming the jhkctl to test");
}

void
cli_test_set_up (CliTest *t)
{
  t->db = jhk_test_demo_db ();
  t->path = g_strdup (jhk_test_last_path ());
  t->dir = jhk_test_new_file ("files");
  g_assert_cmpint (g_mkdir (t->dir, 0700), ==, 0);
}

void
cli_test_tear_down (CliTest *t)
{
  g_clear_object (&t->db);
  g_clear_pointer (&t->path, g_free);
  g_clear_pointer (&t->dir, g_free);
  g_clear_pointer (&t->out, g_free);
  g_clear_pointer (&t->err, g_free);
}

gint64
cli_test_add_locked_place (CliTest    *t,
                           JhkSession *actor,
                           gint64      office,
                           const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_ledger_add_storage_place (t->db, actor, office, name, TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
cli_test_register_output (CliTest    *t,
                          JhkSession *keeper,
                          gint64      office,
                          gint64      place,
                          const char *acquired)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_ledger_register_material (t->db, keeper, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "試験用 照合結果一覧表",
      .quantity = 3, .business_id = jhk_org_find_business (t->db, "B101"),
      .handler_staff_id = jhk_org_find_staff (t->db, "C9113"), .purpose = "捜査",
      .personal_data = TRUE, .creation_reason = "procedure", .acquired_on = acquired,
      .acquisition_method = "printed", .measure = "store", .storage_place_id = place },
    &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
cli_test_fixture_set_up (gpointer      fixture,
                         gconstpointer data)
{
  cli_test_set_up (fixture);
}

void
cli_test_fixture_tear_down (gpointer      fixture,
                            gconstpointer data)
{
  cli_test_tear_down (fixture);
}

int
cli_test_jhkctl_argv (CliTest            *t,
                      const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  g_ptr_array_add (argv, g_strdup (jhkctl_path));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (t->path));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i][0] == '@' ? g_build_filename (t->dir, args[i] + 1, NULL)
                                             : g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "JHK_USER");
  g_subprocess_launcher_unsetenv (launcher, "JHK_DATABASE");
  if (t->no_bus)
    g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "JHK_PASSWORD", JHK_DEMO_PASSWORD, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&t->out, g_free);
  g_clear_pointer (&t->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &t->out, &t->err, &error);
  g_assert_no_error (error);

  command = g_strjoinv (" ", (char **) argv->pdata + 3);
  g_test_message ("$ jhkctl %s\n%s%s", command, t->out, t->err);
  g_assert_true (g_subprocess_get_if_exited (process));
  t->status = g_subprocess_get_exit_status (process);
  return t->status;
}

int
cli_test_jhkctl (CliTest    *t,
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
  return cli_test_jhkctl_argv (t, (const char * const *) args->pdata);
}

void
cli_test_assert_in (const char *haystack,
                    const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

void
cli_test_assert_success (CliTest *t)
{
  g_assert_cmpint (t->status, ==, 0);
  g_assert_cmpstr (t->err, ==, "");
}

JsonNode *
cli_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

gint64
cli_test_json_id (const char *text)
{
  g_autoptr(JsonNode) node = cli_test_parse_json (text);

  return json_object_get_int_member (json_node_get_object (node), "id");
}

char *
cli_test_id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

char *
cli_test_local_date (int days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);

  return g_date_time_format (then, "%Y-%m-%d");
}

gint64
cli_test_last_seq (CliTest *t)
{
  gint64 seq = 0;

  g_assert_true (jhk_db_query_int64 (t->db, &seq, NULL,
                                     "SELECT COALESCE(MAX(seq), 0) FROM audit_log", JHK_DB_END));
  return seq;
}

char *
cli_test_dump (CliTest *t)
{
  /* The audit log grows with every login; users only as below (the last
   * login's time changes). One pass, no splitting: a dump is megabytes. */
  static const char * const skip[] = { "audit_log", "users", NULL };
  g_autofree char *tables = jhk_test_dump_tables_except (t->db, skip);
  GString *out = g_string_new (tables);
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_db_query (t->db, NULL,
                       "SELECT id, login, status, restriction, password_hash"
                       " FROM users ORDER BY id", JHK_DB_END);
  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    for (int c = 0; c < 5; c++)
      g_string_append_printf (out, "%s%c", jhk_db_stmt_is_null (stmt, c) ? "NULL"
                                           : jhk_db_stmt_get_text (stmt, c), c < 4 ? '|' : '\n');
  return g_string_free (out, FALSE);
}

char *
cli_test_actions_since (CliTest *t,
                        gint64   seq)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (t->db, NULL,
                                            "SELECT action FROM audit_log"
                                            " WHERE seq > ? ORDER BY seq", JHK_I (seq), JHK_DB_END);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    g_ptr_array_add (actions, jhk_db_stmt_dup_text (stmt, 0));
  g_ptr_array_add (actions, NULL);
  return g_strjoinv (",", (char **) actions->pdata);
}

void
cli_test_assert_unchanged (CliTest    *t,
                           const char *before,
                           gint64      seq,
                           const char *message)
{
  g_autofree char *after = cli_test_dump (t);
  g_autofree char *actions = cli_test_actions_since (t, seq);

  g_assert_cmpint (t->status, ==, 1);
  g_assert_cmpstr (t->out, ==, "");
  cli_test_assert_in (t->err, message);
  g_assert_cmpstr (actions, ==, "session.login,session.logout");
  g_assert_cmpstr (after, ==, before);
}

void
cli_test_assert_refused_unchanged (CliTest    *t,
                                   const char *before,
                                   gint64      seq,
                                   const char *message)
{
  g_assert_true (g_str_has_prefix (t->err, "jhkctl: "));
  cli_test_assert_unchanged (t, before, seq, message);
}
