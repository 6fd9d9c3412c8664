/* jhk-cli.c: jhkctl commands.
 *
 * jhkctl [--database URI] [--user LOGIN] [--json] COMMAND ...
 * Every rule is core's; this file only parses, authenticates and prints.
 */
#include <errno.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-bench.h"
#include "jhk-bench-incidents.h"
#include "jhk-bench-inquiries.h"
#include "jhk-cli.h"
#include "jhk-cli-util.h"
#include "jhk-cli-import.h"
#include "jhk-cli-incident.h"
#include "jhk-cli-inquiry.h"
#include "jhk-cli-material.h"
#include "jhk-cli-approval.h"
#include "jhk-cli-request.h"
#include "jhk-cli-setting.h"
#include "jhk-cli-trails.h"
#include "jhk-cli-transfer.h"
#include "jhk-db.h"
#include "jhk-demo.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-transfer.h"
#include "jhk-forms.h"

typedef struct
{
  char       *database;
  char       *user;
  gboolean    json;
  JhkDb      *db;
  JhkSession *session;
} Cli;

static void
cli_clear (Cli *cli)
{
  if (cli->session != NULL && cli->db != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!jhk_accounts_record_logout (cli->db, cli->session, &error))
        g_printerr ("jhkctl: %s\n", error->message);
    }
  g_clear_object (&cli->session);
  g_clear_object (&cli->db);
  g_free (cli->database);
  g_free (cli->user);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

static char *
default_database (void)
{
  const char *env = g_getenv ("JHK_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "jhk", "jhk.db", NULL);
}

/* Reads a secret from the environment, else from the terminal without
 * echo, else one line of standard input. */
static char *
read_secret (const char *env_name,
             const char *prompt)
{
  const char *env = g_getenv (env_name);
  struct termios old_term, new_term;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1024];

  if (env != NULL)
    return g_strdup (env);

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &old_term);
      new_term = old_term;
      new_term.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &new_term);
    }
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    buffer[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &old_term);
      g_printerr ("\n");
    }
  buffer[strcspn (buffer, "\r\n")] = '\0';
  return g_strdup (buffer);
}

/* A new password: from env_name, or asked twice. */
static char *
read_new_secret (const char  *env_name,
                 const char  *prompt,
                 GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (g_getenv (env_name) != NULL)
    return g_strdup (g_getenv (env_name));
  first = read_secret (env_name, prompt);
  if (!isatty (STDIN_FILENO))
    return g_steal_pointer (&first);
  second = read_secret (env_name, _("Repeat the password: "));
  if (g_strcmp0 (first, second) != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The two passwords differ."));
      return NULL;
    }
  return g_steal_pointer (&first);
}

/* Opens a database; when the server wants a password that libpq found
 * nowhere (the URI, $PGPASSWORD, ~/.pgpass), asks for it once at a
 * terminal, without echo, and tries again. Without a terminal, says where
 * libpq looks for it. The password stays in memory only. */
static JhkDb *
open_asking_password (const char      *uri,
                      JhkDbOpenFlags   flags,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *prompt = NULL;
  char *password;
  JhkDb *db;

  db = jhk_db_open (uri, flags, &local_error);
  if (db != NULL)
    return db;
  if (!g_error_matches (local_error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!isatty (STDIN_FILENO) || g_getenv ("PGPASSWORD") != NULL)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH,
                   _("%s\nGive the server’s password in the environment variable PGPASSWORD "
                     "or in ~/.pgpass (lines host:port:database:user:password, readable by "
                     "you only); jhkctl asks for it only at a terminal."),
                   local_error->message);
      return NULL;
    }

  if (jhk_db_uri_get_server (uri, &host, NULL, &dbname, &user, NULL))
    prompt = g_strdup_printf (_("Password of %s for the database %s on the server %s: "), user,
                              dbname, *host != '\0' && *host != '/' ? host : "localhost");
  else
    prompt = g_strdup (_("Password for the database server: "));
  password = read_secret ("PGPASSWORD", prompt);
  db = jhk_db_open_with_password (uri, password, flags, error);
  explicit_bzero (password, strlen (password));
  g_free (password);
  return db;
}

static int
open_db (Cli            *cli,
         JhkDbOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;

  if (flags & JHK_DB_OPEN_CREATE)
    {
      g_autofree char *dir = g_path_get_dirname (cli->database);
      if (!g_str_has_prefix (cli->database, "postgres") && g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_printerr ("jhkctl: %s: %s\n", dir, g_strerror (errno));
          return JHK_CLI_RULE_ERROR;
        }
    }
  cli->db = open_asking_password (cli->database, flags, &error);
  if (cli->db == NULL)
    return jhk_cli_rule_error (error);
  return JHK_CLI_OK;
}

/* Opens the database and logs in as --user. */
static int
login (Cli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  int status;

  if (cli->user == NULL)
    return jhk_cli_usage_error (_("This command needs --user USER_ID (or JHK_USER)."));
  if ((status = open_db (cli, JHK_DB_OPEN_DEFAULT)) != JHK_CLI_OK)
    return status;

  password = read_secret ("JHK_PASSWORD", _("Password: "));
  cli->session = jhk_accounts_authenticate (cli->db, cli->user, password, NULL, &error);
  if (cli->session == NULL)
    return jhk_cli_rule_error (error);
  return JHK_CLI_OK;
}

static int
require_password_current (Cli *cli)
{
  if (jhk_session_get_must_change_password (cli->session))
    {
      g_printerr (_("jhkctl: Your password has expired or is temporary. Change it first "
                    "with “jhkctl --user %s user passwd”.\n"),
                  jhk_session_get_login (cli->session));
      return JHK_CLI_RULE_ERROR;
    }
  return JHK_CLI_OK;
}

static int
login_current (Cli *cli)
{
  int status = login (cli);
  return status != JHK_CLI_OK ? status : require_password_current (cli);
}

/* Commands --------------------------------------------------------------- */

/* Removes an SQLite file this run created and could not fill, with its
 * companions: exit status 1 means nothing changed. */
static void
remove_new_database (const char *file)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (file, suffixes[i], NULL);
      g_unlink (path);
    }
}

static int
cmd_init (Cli *cli, int argc, char **argv)
{
  g_autofree char *org_code = g_strdup ("100");
  g_autofree char *org_name = g_strdup ("総務部");
  g_autofree char *staff_no = NULL;
  g_autofree char *name = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  const char *file;
  gboolean created;
  int status;
  GOptionEntry entries[] = {
    { "org-code", 0, 0, G_OPTION_ARG_STRING, &org_code, N_("Code of the first department"), "CODE" },
    { "org-name", 0, 0, G_OPTION_ARG_STRING, &org_name, N_("Name of the first department"), "NAME" },
    { "staff-no", 0, 0, G_OPTION_ARG_STRING, &staff_no, N_("Staff number of the general supervisor"), "NO" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the general supervisor"), "NAME" },
    { "login", 0, 0, G_OPTION_ARG_STRING, &user_id, N_("User ID of the general supervisor"), "ID" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("init", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("init takes no arguments."));
  if (staff_no == NULL || name == NULL || user_id == NULL)
    return jhk_cli_usage_error (
      _("init needs --staff-no, --name and --login for the first general "
        "supervisor."));

  password = read_new_secret ("JHK_PASSWORD", _("Password of the general supervisor: "), &error);
  if (password == NULL)
    return jhk_cli_rule_error (error);
  file = g_str_has_prefix (cli->database, "sqlite:") ? cli->database + strlen ("sqlite:")
                                                     : cli->database;
  created = !g_str_has_prefix (cli->database, "postgres") &&
            !g_file_test (file, G_FILE_TEST_EXISTS);
  if ((status = open_db (cli, JHK_DB_OPEN_CREATE | JHK_DB_OPEN_NO_MIGRATE)) != JHK_CLI_OK)
    return status;
  /* Exit status 1 means nothing changed: the password and the user ID are
   * checked only once the database is open, so the schema and the first
   * user are made in one transaction, and a file this attempt created is
   * removed. */
  if (!jhk_db_begin (cli->db, &error) || !jhk_db_migrate (cli->db, &error) ||
      !jhk_accounts_bootstrap (cli->db, org_code, org_name, staff_no, name, user_id, password,
                               &error) ||
      !jhk_db_commit (cli->db, &error))
    {
      if (jhk_db_in_transaction (cli->db))
        jhk_db_rollback (cli->db);
      if (created)
        {
          g_clear_object (&cli->db);
          remove_new_database (file);
        }
      return jhk_cli_rule_error (error);
    }
  g_print (_("Created %s with the general supervisor “%s”.\n"), cli->database, user_id);
  return JHK_CLI_OK;
}

static int
cmd_demo (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("demo", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("demo takes no arguments."));
  if ((status = open_db (cli, JHK_DB_OPEN_CREATE)) != JHK_CLI_OK)
    return status;
  if (!jhk_demo_populate (cli->db, &error))
    return jhk_cli_rule_error (error);

  g_print (_("Created the demo organisation in %s.\n"), cli->database);
  g_print (_("Every demo account has the password “%s”:\n"), JHK_DEMO_PASSWORD);
  for (const JhkDemoAccount *a = jhk_demo_accounts (); a->login != NULL; a++)
    g_print ("  %-14s %s\n", a->login, a->describe);
  return JHK_CLI_OK;
}

static int
cmd_user_add (Cli *cli, int argc, char **argv)
{
  g_autofree char *staff_no = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id, approver = 0;
  int status;
  GOptionEntry entries[] = {
    { "staff-no", 0, 0, G_OPTION_ARG_STRING, &staff_no, N_("Staff number of the holder"), "NO" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for issuing the ID"), "TEXT" },
    { "approved-by", 0, 0, G_OPTION_ARG_STRING, &approved_by,
      N_("Staff number of the general supervisor who approved it"), "NO" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("user add", N_("USER_ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || staff_no == NULL || reason == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl user add USER_ID --staff-no NO --reason TEXT "
        "[--approved-by NO]"));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;

  staff_id = jhk_org_find_staff (cli->db, staff_no);
  if (staff_id == 0)
    {
      g_printerr (_("jhkctl: There is no staff member with the number %s.\n"), staff_no);
      return JHK_CLI_RULE_ERROR;
    }
  if (approved_by != NULL && (approver = jhk_org_find_staff (cli->db, approved_by)) == 0)
    {
      g_printerr (_("jhkctl: There is no staff member with the number %s.\n"), approved_by);
      return JHK_CLI_RULE_ERROR;
    }
  password = read_new_secret ("JHK_NEW_PASSWORD", _("Initial password: "), &error);
  if (password == NULL)
    return jhk_cli_rule_error (error);
  if (jhk_accounts_issue (cli->db, cli->session, argv[1], staff_id, password, reason, approver,
                          &error) == 0)
    return jhk_cli_rule_error (error);
  g_print (_("Issued the user ID “%s”. The holder must change the password at the first "
             "login.\n"),
           argv[1]);
  return JHK_CLI_OK;
}

static int
cmd_user_passwd (Cli *cli, int argc, char **argv)
{
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("user passwd", N_("[USER_ID]"), NULL, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return jhk_cli_usage_error (_("Usage: jhkctl user passwd [USER_ID]"));
  if ((status = login (cli)) != JHK_CLI_OK)
    return status;

  password = read_new_secret ("JHK_NEW_PASSWORD", _("New password: "), &error);
  if (password == NULL)
    return jhk_cli_rule_error (error);

  if (argc == 1 || g_strcmp0 (argv[1], jhk_session_get_login (cli->session)) == 0)
    {
      g_autofree char *old = read_secret ("JHK_PASSWORD", _("Current password: "));
      if (!jhk_accounts_change_password (cli->db, cli->session, old, password, &error))
        return jhk_cli_rule_error (error);
      g_print (_("Your password has been changed.\n"));
    }
  else
    {
      if ((status = require_password_current (cli)) != JHK_CLI_OK)
        return status;
      if (!jhk_accounts_reset_password (cli->db, cli->session, argv[1], password, &error))
        return jhk_cli_rule_error (error);
      g_print (_("The password of “%s” has been reset; it must be changed at the next "
                 "login.\n"),
               argv[1]);
    }
  return JHK_CLI_OK;
}

static int
cmd_user_restrict (Cli *cli, int argc, char **argv)
{
  g_autofree char *mode = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  JhkRestriction restriction;
  int status;
  GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, N_("none, no-login or read-only"), "MODE" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for the restriction"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("user restrict", N_("USER_ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || mode == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl user restrict USER_ID --mode none|no-login|read-only "
        "--reason TEXT"));
  g_strdelimit (mode, "-", '_');
  restriction = jhk_restriction_from_key (mode);
  if ((int) restriction < 0)
    return jhk_cli_usage_error (_("--mode is none, no-login or read-only."));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_accounts_restrict (cli->db, cli->session, argv[1], restriction, reason, &error))
    return jhk_cli_rule_error (error);
  g_print (_("“%s”: %s.\n"), argv[1], jhk_restriction_get_label (restriction));
  return JHK_CLI_OK;
}

static int
cmd_user_unlock (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("user unlock", N_("USER_ID"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return jhk_cli_usage_error (_("Usage: jhkctl user unlock USER_ID"));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_accounts_unlock (cli->db, cli->session, argv[1], &error))
    return jhk_cli_rule_error (error);
  g_print (_("The lockout of “%s” has been lifted.\n"), argv[1]);
  return JHK_CLI_OK;
}

static int
cmd_user_status (Cli *cli, int argc, char **argv)
{
  g_autofree char *state = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &state, N_("active, suspended or retired"), "STATUS" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason for the change"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("user status", N_("USER_ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || state == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl user status USER_ID --status active|suspended|retired "
        "--reason TEXT"));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_accounts_set_status (cli->db, cli->session, argv[1], state, reason, &error))
    return jhk_cli_rule_error (error);
  g_print (_("“%s” is now %s.\n"), argv[1], state);
  return JHK_CLI_OK;
}

static int
cmd_user_list (Cli *cli, int argc, char **argv)
{
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!jhk_cli_parse_options ("user list", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("user list takes no arguments."));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_policy_can_open_workspace (cli->session, JHK_WORKSPACE_STAFF))
    {
      g_printerr (_("jhkctl: Your roles do not allow you to list the staff.\n"));
      return JHK_CLI_RULE_ERROR;
    }

  model = jhk_lists_staff (cli->db);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *user = jhk_row_get_by_name (row, "login");
      const char *locked = jhk_row_get_by_name (row, "locked_until");
      gboolean is_locked = locked != NULL && g_ascii_strtoll (locked, NULL, 10) > jhk_now_us ();

      if (user == NULL)
        continue;
      if (cli->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "login");
          json_builder_add_string_value (builder, user);
          json_builder_set_member_name (builder, "staff_no");
          json_builder_add_string_value (builder, jhk_row_get_by_name (row, "staff_no"));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, jhk_row_get_by_name (row, "name"));
          json_builder_set_member_name (builder, "org");
          json_builder_add_string_value (builder, jhk_row_get_by_name (row, "org_name"));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, jhk_row_get_by_name (row, "status"));
          json_builder_set_member_name (builder, "restriction");
          json_builder_add_string_value (builder, jhk_row_get_by_name (row, "restriction"));
          json_builder_set_member_name (builder, "locked");
          json_builder_add_boolean_value (builder, is_locked);
          json_builder_end_object (builder);
        }
      else
        {
          g_print ("%-14s %-6s %-12s %-14s %s%s%s\n", user, jhk_row_get_by_name (row, "staff_no"),
                   jhk_row_get_by_name (row, "name"), jhk_row_get_by_name (row, "org_name"),
                   jhk_row_get_by_name (row, "status"),
                   g_strcmp0 (jhk_row_get_by_name (row, "restriction"), "none") != 0
                     ? " restricted:" : "",
                   g_strcmp0 (jhk_row_get_by_name (row, "restriction"), "none") != 0
                     ? jhk_row_get_by_name (row, "restriction") : "");
          if (is_locked)
            g_print (_("%-14s (locked out)\n"), "");
        }
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      jhk_cli_print_json (root);
    }
  return JHK_CLI_OK;
}

static int
cmd_user (Cli *cli, int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*func) (Cli *, int, char **);
  } subcommands[] = {
    { "add", cmd_user_add },
    { "passwd", cmd_user_passwd },
    { "restrict", cmd_user_restrict },
    { "unlock", cmd_user_unlock },
    { "status", cmd_user_status },
    { "list", cmd_user_list },
  };

  if (argc < 2)
    return jhk_cli_usage_error (
      _("user needs a subcommand: add, passwd, restrict, unlock, status or "
        "list."));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_strcmp0 (argv[1], subcommands[i].name) == 0)
      return subcommands[i].func (cli, argc - 1, argv + 1);
  return jhk_cli_usage_error (_("Unknown user subcommand “%s”."), argv[1]);
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%3d %%", (int) (fraction * 100));
}

static int
cmd_verify (Cli *cli, int argc, char **argv)
{
  g_autofree char *checkpoint_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autoptr(GError) error = NULL;
  JhkAuditCheckpoint checkpoint;
  JhkAuditReport report = { 0 };
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "checkpoint", 0, 0, G_OPTION_ARG_FILENAME, &checkpoint_path,
      N_("Also check against a checkpoint written earlier"), "FILE" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the result as a PDF report"),
      "FILE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("verify", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("verify takes no arguments."));
  if (checkpoint_path != NULL && !jhk_audit_checkpoint_load (checkpoint_path, &checkpoint, &error))
    return jhk_cli_rule_error (error);

  /* Verifying reads only; with --user the result is also recorded. */
  if (cli->user != NULL)
    status = login_current (cli);
  else
    status = open_db (cli, JHK_DB_OPEN_DEFAULT);
  if (status != JHK_CLI_OK)
    return status;
  /* Who may record the result is known before the long walk. */
  if (cli->session != NULL &&
      !jhk_policy_require_either (cli->session, JHK_ROLE_SYSADMIN, JHK_ROLE_SUPERVISOR, &error))
    return jhk_cli_rule_error (error);

  ok = jhk_audit_verify (cli->db, checkpoint_path ? &checkpoint : NULL, print_progress, NULL,
                         NULL, &report, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "entries");
      json_builder_add_int_value (builder, report.n_entries);
      json_builder_set_member_name (builder, "first_bad_seq");
      json_builder_add_int_value (builder, report.first_bad_seq);
      json_builder_set_member_name (builder, "head");
      json_builder_add_string_value (builder, report.head);
      json_builder_set_member_name (builder, "integrity");
      json_builder_add_string_value (builder, report.integrity ? report.integrity : "");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, ok ? "" : error->message);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      jhk_cli_print_json (root);
    }
  else if (ok)
    {
      g_print (_("The audit chain is intact: %lld entries, head %s.\n"),
               (long long) report.n_entries, report.head);
      g_print (_("Database integrity check: %s\n"), report.integrity);
    }

  if (pdf_path != NULL)
    {
      g_autoptr(GError) pdf_error = NULL;
      if (!jhk_forms_audit_report_pdf (pdf_path, jhk_db_get_uri (cli->db), ok,
                                       report.n_entries, report.first_bad_seq, report.head,
                                       ok ? NULL : error->message, &pdf_error))
        {
          g_printerr ("jhkctl: %s\n", pdf_error->message);
          status = JHK_CLI_RULE_ERROR;
        }
    }

  /* A verification that cannot be recorded or reported is not done. */
  if (cli->session != NULL)
    {
      g_autoptr(GError) record_error = NULL;
      if (!jhk_audit_record_verification (cli->db, cli->session, ok, report.n_entries,
                                          report.first_bad_seq, &record_error))
        {
          g_printerr ("jhkctl: %s\n", record_error->message);
          status = JHK_CLI_RULE_ERROR;
        }
    }
  jhk_audit_report_clear (&report);

  if (!ok)
    {
      if (!cli->json)
        g_printerr ("jhkctl: %s\n", error->message);
      return JHK_CLI_RULE_ERROR;
    }
  return status;
}

static int
cmd_checkpoint (Cli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  JhkAuditCheckpoint checkpoint;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("checkpoint", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || output == NULL)
    return jhk_cli_usage_error (_("Usage: jhkctl checkpoint -o FILE"));
  if ((status = open_db (cli, JHK_DB_OPEN_DEFAULT)) != JHK_CLI_OK)
    return status;
  if (!jhk_audit_get_head (cli->db, &checkpoint, &error) ||
      !jhk_audit_checkpoint_save (&checkpoint, output, &error))
    return jhk_cli_rule_error (error);
  g_print (_("Checkpoint: %lld entries, head %s.\n"), (long long) checkpoint.size,
           checkpoint.head);
  return JHK_CLI_OK;
}

static int
cmd_backup (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("backup", N_("DEST"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return jhk_cli_usage_error (_("Usage: jhkctl backup DEST"));
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_policy_require_either (cli->session, JHK_ROLE_SYSADMIN, JHK_ROLE_SUPERVISOR, &error))
    return jhk_cli_rule_error (error);
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("jhkctl: %s exists already; choose a new file.\n"), argv[1]);
      return JHK_CLI_RULE_ERROR;
    }
  if (!jhk_db_backup (cli->db, argv[1], print_progress, NULL, NULL, &error))
    return jhk_cli_rule_error (error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");
  g_print (_("Backed up %s to %s.\n"), jhk_db_get_uri (cli->db), argv[1]);
  return JHK_CLI_OK;
}

/* Issue 3: an office's SQLite file into the shared PostgreSQL database, or
 * back; the copy is checked (row counts, the audit chain and its head). */
static int
cmd_migrate (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) dest = NULL;
  JhkTransferReport report = { 0 };
  int status;

  if (!jhk_cli_parse_options ("migrate", N_("SRC DEST"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return jhk_cli_usage_error (_("Usage: jhkctl migrate SRC DEST"));
  if (cli->user == NULL)
    return jhk_cli_usage_error (_("This command needs --user USER_ID (or JHK_USER)."));
  /* A new SQLite file, or an empty PostgreSQL database. */
  if (!g_str_has_prefix (argv[2], "postgres") && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("jhkctl: %s exists already; choose a new file.\n"), argv[2]);
      return JHK_CLI_RULE_ERROR;
    }

  g_free (cli->database);
  cli->database = g_strdup (argv[1]);
  if ((status = login_current (cli)) != JHK_CLI_OK)
    return status;
  if (!jhk_policy_require_role (cli->session, JHK_ROLE_SYSADMIN, &error))
    return jhk_cli_rule_error (error);

  dest = open_asking_password (argv[2], JHK_DB_OPEN_CREATE, &error);
  if (dest == NULL)
    return jhk_cli_rule_error (error);
  if (!jhk_transfer_migrate (cli->db, cli->session, dest, print_progress, NULL, &report, &error))
    {
      g_clear_object (&dest);
      /* A new file that received nothing goes again. */
      if (!g_str_has_prefix (argv[2], "postgres"))
        remove_new_database (argv[2]);
      return jhk_cli_rule_error (error);
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");
  g_print (_("Copied %lld rows (%lld audit entries, head %s) from %s to %s.\n"),
           (long long) report.n_rows, (long long) report.n_audit,
           report.head != NULL ? report.head : "-", argv[1], jhk_db_get_uri (dest));
  jhk_transfer_report_clear (&report);
  return JHK_CLI_OK;
}

/* Undoes a restore into a server's database whose data failed a check;
 * says so beside the error that made it fail. */
static int
undo_server_restore (Cli    *cli,
                     GError *error)
{
  g_autoptr(GError) undo_error = NULL;

  if (!jhk_db_undo_restore (cli->db, &undo_error))
    {
      g_printerr (_("jhkctl: %s\nThe restore could not be undone either (%s): drop the "
                    "database and create it again before the next attempt.\n"),
                  error->message, undo_error->message);
      g_error_free (error);
      return JHK_CLI_RULE_ERROR;
    }
  g_printerr (_("jhkctl: %s\nThe restore was undone; %s is empty again.\n"), error->message,
              jhk_db_get_uri (cli->db));
  g_error_free (error);
  return JHK_CLI_RULE_ERROR;
}

/* Issue 3, PostgreSQL: a pg_dump archive into the empty database that
 * --database names (pg_restore in one transaction). The restored audit
 * chain must verify and the person restoring must be a システム管理者 in
 * the restored register, or the restore is undone. */
static int
restore_server (Cli        *cli,
                const char *src)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *password = NULL;
  JhkAuditReport report = { 0 };
  int status;

  /* Asked first: nothing is restored for someone who cannot answer. */
  password = read_secret ("JHK_PASSWORD", _("Password: "));
  if ((status = open_db (cli, JHK_DB_OPEN_NO_MIGRATE)) != JHK_CLI_OK)
    return status;
  if (!jhk_db_restore (cli->db, src, print_progress, NULL, NULL, &error))
    return jhk_cli_rule_error (error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");

  if (!jhk_audit_verify (cli->db, NULL, NULL, NULL, NULL, &report, &error))
    {
      g_prefix_error (&error, _("The backup’s audit chain does not verify: "));
      jhk_audit_report_clear (&report);
      return undo_server_restore (cli, g_steal_pointer (&error));
    }
  session = jhk_accounts_authenticate (cli->db, cli->user, password, NULL, &error);
  if (session == NULL || !jhk_policy_require_role (session, JHK_ROLE_SYSADMIN, &error))
    {
      jhk_audit_report_clear (&report);
      return undo_server_restore (cli, g_steal_pointer (&error));
    }

  /* Record the restore in the restored chain, as the person who did it. */
  details = json_object_new ();
  json_object_set_string_member (details, "source", src);
  if (!jhk_db_begin (cli->db, &error) ||
      !jhk_audit_append (cli->db, session, "db.restore", "database", "", details, &error) ||
      !jhk_db_commit (cli->db, &error))
    {
      jhk_audit_report_clear (&report);
      return jhk_cli_rule_error (error);
    }
  g_print (_("Restored %s from %s: %lld audit entries, the chain verifies (head %s).\n"),
           jhk_db_get_uri (cli->db), src, (long long) report.n_entries, report.head);
  jhk_audit_report_clear (&report);
  return JHK_CLI_OK;
}

static int
cmd_restore (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) probe = NULL;
  g_autoptr(JhkSession) checker = NULL;
  g_autofree char *password = NULL;
  g_autofree char *probe_path = NULL;
  g_autofree char *tmp_dir = NULL;
  int status;

  if (!jhk_cli_parse_options ("restore", N_("SRC"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return jhk_cli_usage_error (_("Usage: jhkctl restore SRC"));
  if (cli->user == NULL)
    return jhk_cli_usage_error (_("This command needs --user USER_ID (or JHK_USER)."));
  if (jhk_db_uri_is_server (cli->database))
    return restore_server (cli, argv[1]);

  /* The person restoring must be a システム管理者 in the backup itself: the
   * live database may be the damaged thing being replaced. Log in on a
   * scratch copy so the backup stays untouched. */
  tmp_dir = g_dir_make_tmp ("jhk-restore-XXXXXX", &error);
  if (tmp_dir == NULL)
    return jhk_cli_rule_error (error);
  probe_path = g_build_filename (tmp_dir, "probe.db", NULL);
  {
    g_autoptr(JhkDb) empty = jhk_db_open (probe_path, JHK_DB_OPEN_CREATE | JHK_DB_OPEN_NO_MIGRATE,
                                          &error);
    if (empty == NULL || !jhk_db_restore (empty, argv[1], NULL, NULL, NULL, &error))
      goto fail;
  }
  probe = jhk_db_open (probe_path, JHK_DB_OPEN_DEFAULT, &error);
  if (probe == NULL)
    goto fail;
  password = read_secret ("JHK_PASSWORD", _("Password: "));
  checker = jhk_accounts_authenticate (probe, cli->user, password, NULL, &error);
  if (checker == NULL || !jhk_policy_require_role (checker, JHK_ROLE_SYSADMIN, &error))
    goto fail;
  g_clear_object (&probe);

  status = open_db (cli, JHK_DB_OPEN_CREATE | JHK_DB_OPEN_NO_MIGRATE);
  if (status != JHK_CLI_OK)
    {
      /* A live file too damaged to open is moved aside, never deleted. */
      g_autofree char *aside = g_strdup_printf ("%s.damaged-%" G_GINT64_FORMAT, cli->database,
                                                jhk_now_us () / G_USEC_PER_SEC);
      if (g_rename (cli->database, aside) != 0)
        goto cleanup;
      g_printerr (_("jhkctl: The damaged database was moved to %s.\n"), aside);
      if ((status = open_db (cli, JHK_DB_OPEN_CREATE)) != JHK_CLI_OK)
        goto cleanup;
    }
  if (!jhk_db_restore (cli->db, argv[1], print_progress, NULL, NULL, &error))
    goto fail;
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");

  /* Record the restore in the restored chain, as the person who did it. */
  {
    g_autoptr(JhkSession) session = jhk_session_load (cli->db,
                                                      jhk_accounts_lookup (cli->db, cli->user),
                                                      NULL, &error);
    g_autoptr(JsonObject) details = json_object_new ();

    json_object_set_string_member (details, "source", argv[1]);
    if (session == NULL || !jhk_db_begin (cli->db, &error) ||
        !jhk_audit_append (cli->db, session, "db.restore", "database", "", details, &error) ||
        !jhk_db_commit (cli->db, &error))
      goto fail;
  }
  g_print (_("Restored %s from %s; the integrity check passed.\n"), cli->database, argv[1]);
  status = JHK_CLI_OK;
  goto cleanup;

fail:
  status = jhk_cli_rule_error (error);
cleanup:
  g_unlink (probe_path);
  {
    g_autofree char *wal = g_strconcat (probe_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (probe_path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (tmp_dir);
  return status;
}

static int
cmd_bench (Cli *cli, int argc, char **argv)
{
  gint64 audit_entries = 0;
  g_autofree char *keep = NULL;
  g_autoptr(GError) error = NULL;
  gint64 materials = 0;
  gint64 events = -1;
  gint64 requests = 0;
  gint64 inquiries = 0;
  gint64 incidents = 0;
  int writers = 0;
  int seconds = 10;
  int status;
  GOptionEntry entries[] = {
    { "audit-entries", 0, 0, G_OPTION_ARG_INT64, &audit_entries,
      N_("Grow the audit log to this many entries first (on a scratch copy)"), "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep,
      N_("Keep the scratch copy as this new file afterwards"), "FILE" },
    { "writers", 0, 0, G_OPTION_ARG_INT, &writers,
      N_("Measure audited writes per second with N concurrent connections instead"), "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds,
      N_("How long the writers write (default 10)"), "S" },
    { "materials", 0, 0, G_OPTION_ARG_INT64, &materials,
      N_("Measure the materials ledger's list with N generated materials instead"), "N" },
    { "events", 0, 0, G_OPTION_ARG_INT64, &events,
      N_("With --materials: this many generated events (default five per material)"), "M" },
    { "requests", 0, 0, G_OPTION_ARG_INT64, &requests,
      N_("Measure the work request lists with N generated requests instead"), "N" },
    { "inquiries", 0, 0, G_OPTION_ARG_INT64, &inquiries,
      N_("Measure the import of N generated inquiry records and their lists instead"), "N" },
    { "incidents", 0, 0, G_OPTION_ARG_INT64, &incidents,
      N_("Measure the incident lists, dashboard, writes and report with N generated incidents "
         "instead"), "N" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("bench", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("bench takes no arguments."));
  if (writers < 0 || writers > 256 || seconds < 1 || seconds > 86400)
    return jhk_cli_usage_error (_("--writers takes 1 to 256 and --seconds 1 to 86400."));
  if (events >= 0 && materials <= 0)
    return jhk_cli_usage_error (_("--events goes with --materials."));
  if (materials < 0 || materials > 100000000 || events > 1000000000)
    return jhk_cli_usage_error (
      _("--materials takes 1 to 100000000 and --events 0 to 1000000000."));
  if (requests < 0 || requests > 100000000)
    return jhk_cli_usage_error (_("--requests takes 1 to 100000000."));
  if (inquiries < 0 || inquiries > 100000000)
    return jhk_cli_usage_error (_("--inquiries takes 1 to 100000000."));
  if (incidents < 0 || incidents > 100000000)
    return jhk_cli_usage_error (_("--incidents takes 1 to 100000000."));
  if (incidents > 0)
    {
      if (audit_entries > 0 || keep != NULL || writers > 0 || materials > 0 || events >= 0
          || requests > 0 || inquiries > 0)
        return jhk_cli_usage_error (
          _("--incidents measures on its own: leave out the other options."));
      if (!jhk_bench_run_incidents (cli->database, incidents, cli->json, &error))
        return jhk_cli_rule_error (error);
      return JHK_CLI_OK;
    }
  if (inquiries > 0)
    {
      if (audit_entries > 0 || keep != NULL || writers > 0 || materials > 0 || events >= 0
          || requests > 0)
        return jhk_cli_usage_error (
          _("--inquiries measures on its own: leave out the other options."));
      if (!jhk_bench_run_inquiries (cli->database, inquiries, cli->json, &error))
        return jhk_cli_rule_error (error);
      return JHK_CLI_OK;
    }
  if (requests > 0)
    {
      if (audit_entries > 0 || keep != NULL || writers > 0 || materials > 0 || events >= 0)
        return jhk_cli_usage_error (
          _("--requests measures on its own: leave out --audit-entries, --keep, --writers, "
            "--materials and --events."));
      if (!jhk_bench_run_work_requests (cli->database, requests, cli->json, &error))
        return jhk_cli_rule_error (error);
      return JHK_CLI_OK;
    }
  if (materials > 0)
    {
      if (audit_entries > 0 || keep != NULL || writers > 0)
        return jhk_cli_usage_error (
          _("--materials measures on its own: leave out --audit-entries, "
            "--keep and --writers."));
      if (!jhk_bench_run_materials (cli->database, materials, events >= 0 ? events : materials * 5,
                                    cli->json, &error))
        return jhk_cli_rule_error (error);
      return JHK_CLI_OK;
    }
  if (writers > 0)
    {
      if (audit_entries > 0 || keep != NULL)
        return jhk_cli_usage_error (
          _("--writers measures on its own: leave out --audit-entries "
            "and --keep."));
      if (!jhk_bench_run_writers (cli->database, writers, seconds, cli->json, &error))
        return jhk_cli_rule_error (error);
      return JHK_CLI_OK;
    }
  if (!jhk_bench_run (cli->database, audit_entries, keep, cli->json, &error))
    return jhk_cli_rule_error (error);
  return JHK_CLI_OK;
}

/* The materials ledger's commands (jhk-cli-material.c) log in through here. */
static int
material_login (gpointer     data,
                JhkDb      **db,
                JhkSession **session)
{
  Cli *cli = data;
  int status = login_current (cli);

  *db = cli->db;
  *session = cli->session;
  return status;
}

static int
cmd_material (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_material (&context, argc, argv);
}

static int
cmd_form1 (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_form1 (&context, argc, argv);
}

static int
cmd_import (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_import (&context, argc, argv);
}

static int
cmd_delivery (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_delivery (&context, argc, argv);
}

static int
cmd_approval (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_approval (&context, argc, argv);
}

static int
cmd_transfer (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_transfer (&context, argc, argv);
}

static int
cmd_request (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_request (&context, argc, argv);
}

static int
cmd_form2 (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_form2 (&context, argc, argv);
}

/* 照会点検 and the access trails (jhk-cli-inquiry.c, jhk-cli-trails.c). */
static int
cmd_inquiry (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_inquiry (&context, argc, argv);
}

static int
cmd_inquirer (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_inquirer (&context, argc, argv);
}

static int
cmd_holiday (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_holiday (&context, argc, argv);
}

static int
cmd_trails (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_trails (&context, argc, argv);
}

static int
cmd_trail_request (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_trail_request (&context, argc, argv);
}

/* 事故対処: incidents and their playbooks (jhk-cli-incident.c). */
static int
cmd_incident (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_incident (&context, argc, argv);
}

static int
cmd_playbook (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_playbook (&context, argc, argv);
}

/* The organisation-wide settings (jhk-cli-setting.c). */
static int
cmd_setting (Cli *cli, int argc, char **argv)
{
  JhkCliContext context = { cli->json, material_login, cli };

  return jhk_cli_setting (&context, argc, argv);
}

static const struct
{
  const char *name;
  int (*func) (Cli *, int, char **);
  const char *help;
} commands[] = {
  { "init", cmd_init, N_("Create a new database and its first general supervisor") },
  { "demo", cmd_demo, N_("Create a database with the demo organisation") },
  { "user", cmd_user, N_("add | passwd | restrict | unlock | status | list: manage user IDs") },
  { "verify", cmd_verify, N_("Verify the audit chain and the database file") },
  { "checkpoint", cmd_checkpoint, N_("Write the audit chain's size and head hash to a file") },
  { "backup", cmd_backup, N_("Copy the database to a new file while it is in use") },
  { "restore", cmd_restore, N_("Restore a backup: over a file, or into an empty server database") },
  { "migrate", cmd_migrate, N_("Copy the whole database to another file or server") },
  { "bench", cmd_bench, N_("Measure the speed of the core operations") },
  { "import", cmd_import, N_("materials | inquiries | trails FILE.csv: migrate a spreadsheet materials ledger, import inquiry records or access trails") },
  { "material", cmd_material, N_("list | show | add | event | dispose | signoff | request-signoffs: the materials ledger") },
  { "approval", cmd_approval, N_("request | list | approve | decline | withdraw: the general supervisor's approvals") },
  { "form1", cmd_form1, N_("Write a material's form 1 (materials control sheet) as a PDF") },
  { "delivery", cmd_delivery, N_("officer | terminal | folder | email | fax: the transfer registers") },
  { "transfer", cmd_transfer, N_("send | confirm | deleted | receive | list | show: transfers") },
  { "request", cmd_request, N_("list | show | create | submit | consent | receive | process | complete …: work requests (form 2)") },
  { "form2", cmd_form2, N_("Write a work request's form 2 as a PDF") },
  { "inquiry", cmd_inquiry, N_("list | show | confirm | check | resolve | summary | sign-off | sheet | purge | rescreen | periods: 照会点検") },
  { "inquirer", cmd_inquirer, N_("list | grant | end: the register of inquirers and their inquiry kinds") },
  { "holiday", cmd_holiday, N_("list | add | remove: the days off the inquiry screening knows") },
  { "trails", cmd_trails, N_("search | export: the access trails") },
  { "trail-request", cmd_trail_request, N_("create | list | show | produce | decline: requests for an output of access trails") },
  { "incident", cmd_incident, N_("list | show | report: incidents (事故対処), their timeline and report") },
  { "playbook", cmd_playbook, N_("list | export | import: the incident playbooks (対処要領)") },
  { "setting", cmd_setting, N_("list | set: the organisation-wide settings (password policy, inquiry screening, check sheets)") },
};

static void
print_help (void)
{
  g_print (_("Usage: jhkctl [--database URI] [--user USER_ID] [--json] COMMAND [ARGS…]\n\n"));
  g_print (_("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-13s %s\n", commands[i].name, _(commands[i].help));
  g_print (_("\nPasswords are read from JHK_PASSWORD (and JHK_NEW_PASSWORD for a new one) or "
             "asked for without echo.\nThe database defaults to JHK_DATABASE or %s.\n"
             "Exit status: 0 success, 1 a rule or input error (nothing changed), 2 a usage "
             "error.\n"),
           "~/.local/share/jhk/jhk.db");
}

int
jhk_cli_run (int    argc,
             char **argv)
{
  g_auto(Cli) cli = { 0 };
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();

  /* Global options may stand anywhere before or after the command. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char **target = NULL;
      const char *value = NULL;

      if (g_strcmp0 (arg, "--database") == 0 || g_strcmp0 (arg, "--user") == 0)
        {
          if (i + 1 >= argc)
            return jhk_cli_usage_error (_("%s needs a value."), arg);
          value = argv[++i];
        }
      else if (g_str_has_prefix (arg, "--database=") || g_str_has_prefix (arg, "--user="))
        {
          value = strchr (arg, '=') + 1;
        }
      else if (g_strcmp0 (arg, "--json") == 0)
        {
          cli.json = TRUE;
          continue;
        }
      else if (rest->len == 0 && (g_strcmp0 (arg, "--help") == 0 || g_strcmp0 (arg, "-h") == 0))
        {
          print_help ();
          return JHK_CLI_OK;
        }
      else if (g_strcmp0 (arg, "--version") == 0)
        {
          g_print ("jhkctl %s\n", PACKAGE_VERSION);
          return JHK_CLI_OK;
        }
      else
        {
          g_ptr_array_add (rest, (gpointer) arg);
          continue;
        }
      target = g_str_has_prefix (arg, "--database") ? (const char **) &cli.database
                                                    : (const char **) &cli.user;
      g_free ((char *) *target);
      *target = g_strdup (value);
    }

  if (cli.database == NULL)
    cli.database = default_database ();
  if (cli.user == NULL && g_getenv ("JHK_USER") != NULL)
    cli.user = g_strdup (g_getenv ("JHK_USER"));

  if (rest->len == 0)
    {
      print_help ();
      return JHK_CLI_USAGE_ERROR;
    }
  g_ptr_array_add (rest, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (rest->pdata[0], commands[i].name) == 0)
      {
        int n = rest->len - 1;
        char **args = (char **) rest->pdata;
        return commands[i].func (&cli, n, args);
      }
  return jhk_cli_usage_error (_("Unknown command “%s”."), (const char *) rest->pdata[0]);
}
