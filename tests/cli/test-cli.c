/* test-cli.c: jhkctl, run as an operator runs it.
 *
 * Every test runs the jhkctl just built on its own copy of the demo
 * database and checks what an operator or a script sees: the exit status
 * (0 success, 1 a rule or input error, 2 a usage error), the messages, the
 * --json output, and the database afterwards.
 *
 * Exit status 1 promises that nothing changed. A refused command is checked
 * against a dump of every table taken before it: the dumps must be equal
 * apart from what the attempt itself is recorded with by design (R13-5: a
 * login and logout, or a failed login, in the audit log, and the user's
 * last-login time or failure count). Where no login takes place on the
 * database at all, the file itself must be byte for byte the same (on
 * PostgreSQL: every row of every table).
 *
 * With JHK_TEST_BACKEND=postgresql the fixture's database is on the tests'
 * PostgreSQL server and jhkctl gets its URI; files named "@name" stay files
 * (a pg_dump archive, a copy made by migrate, reports).
 */
#include <libpq-fe.h>
#include <locale.h>
#include <sqlite3.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define WRONG_PASSWORD "wrong-password"
#define NEW_PASSWORD   "Shinki-pass-2026"
#define TEMP_PASSWORD  "Kari-pass-2026"
#define OTHER_PASSWORD "Betsu-pass-2026"

static const char *jhkctl_path;
/* PostgreSQL mode, and the backend backs up itself (pg_dump) rather than
 * pointing to pg_dump: found out once at the start. */
static gboolean pg_backup;

typedef struct
{
  char       *db;            /* a private copy of the demo database */
  char       *dir;           /* a private folder for other files ("@name" in arguments) */
  const char *password;      /* JHK_PASSWORD of the next run; NULL unsets it */
  const char *new_password;  /* JHK_NEW_PASSWORD of the next run; NULL unsets it */
  int         status;
  char       *out;
  char       *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autofree char *dir = jhk_test_new_file ("files");

  f->db = g_strdup (jhk_test_last_path ());
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  f->dir = g_steal_pointer (&dir);
  f->password = JHK_DEMO_PASSWORD;
  f->new_password = NEW_PASSWORD;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->db);
  g_free (f->dir);
  g_free (f->out);
  g_free (f->err);
}

static char *
file_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Running jhkctl */

/* Runs `jhkctl --database DATABASE ARGS…` (no --database when DATABASE is
 * NULL); an argument "@name" stands for a file in the fixture's folder.
 * Returns the exit status; the output is in f->out and f->err. */
static int
run_argv (Fixture            *f,
          const char         *database,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  g_ptr_array_add (argv, g_strdup (jhkctl_path));
  if (database != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--database"));
      g_ptr_array_add (argv, g_strdup (database));
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i][0] == '@' ? file_in (f, args[i] + 1) : g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  /* Standard input is a closed pipe: a command that prompts gets no answer
   * instead of hanging the test. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "JHK_USER");
  g_subprocess_launcher_unsetenv (launcher, "JHK_DATABASE");
  if (f->password != NULL)
    g_subprocess_launcher_setenv (launcher, "JHK_PASSWORD", f->password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "JHK_PASSWORD");
  if (f->new_password != NULL)
    g_subprocess_launcher_setenv (launcher, "JHK_NEW_PASSWORD", f->new_password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "JHK_NEW_PASSWORD");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);

  command = g_strjoinv (" ", (char **) argv->pdata + 1);
  g_test_message ("$ jhkctl %s\n%s%s", command, f->out, f->err);
  /* Never a crash, nor an abort on a critical (G_DEBUG=fatal-criticals). */
  g_assert_true (g_subprocess_get_if_exited (process));
  f->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit status %d", f->status);
  return f->status;
}

static int
run_valist (Fixture    *f,
            const char *database,
            const char *first_arg,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return run_argv (f, database, (const char * const *) argv->pdata);
}

/* jhkctl on the fixture's database. */
G_GNUC_NULL_TERMINATED static int
jhkctl (Fixture    *f,
        const char *first_arg,
        ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_valist (f, f->db, first_arg, args);
  va_end (args);
  return status;
}

/* jhkctl on another database (NULL: no --database at all). */
G_GNUC_NULL_TERMINATED static int
jhkctl_on (Fixture    *f,
           const char *database,
           const char *first_arg,
           ...)
{
  va_list args;
  int status;

  va_start (args, first_arg);
  status = run_valist (f, database, first_arg, args);
  va_end (args);
  return status;
}

static void
assert_success (Fixture *f)
{
  g_assert_cmpint (f->status, ==, 0);
  g_assert_cmpstr (f->err, ==, "");
}

static void
assert_in (const char *haystack,
           const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* Status 1, and a message on standard error only. */
static void
assert_rule_error (Fixture    *f,
                   const char *message)
{
  g_assert_cmpint (f->status, ==, 1);
  g_assert_true (g_str_has_prefix (f->err, "jhkctl: "));
  assert_in (f->err, message);
  g_assert_cmpstr (f->out, ==, "");
}

/* Status 2, the problem and a pointer to --help on standard error. */
static void
assert_usage_error (Fixture    *f,
                    const char *message)
{
  g_assert_cmpint (f->status, ==, 2);
  g_assert_true (g_str_has_prefix (f->err, "jhkctl: "));
  assert_in (f->err, message);
  assert_in (f->err, "jhkctl --help");
  g_assert_cmpstr (f->out, ==, "");
}

/* The database, read directly: an SQLite file through SQLite, a server's
 * database (a postgresql: URI) through libpq, as its superuser. */

static gboolean
is_server (const char *path)
{
  return jhk_db_uri_is_server (path);
}

static PGconn *
pg_connect (const char *uri)
{
  PGconn *pg = PQconnectdb (uri);

  if (PQstatus (pg) != CONNECTION_OK)
    g_error ("%s: %s", uri, PQerrorMessage (pg));
  return pg;
}

static PGresult *
pg_exec_on (PGconn     *pg,
            const char *sql)
{
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_TUPLES_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  return res;
}

/* Runs SQL on a new connection; the result outlives the connection. */
static PGresult *
pg_exec (const char *uri,
         const char *sql)
{
  PGconn *pg = pg_connect (uri);
  PGresult *res = pg_exec_on (pg, sql);

  PQfinish (pg);
  return res;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &raw, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (raw, 5000);
  return raw;
}

/* The first column of the first row of a query, as text (NULL for SQL NULL
 * or no row). The format takes sqlite3_mprintf()'s %q and %lld (quoting
 * that PostgreSQL reads the same). */
static char *
sql_text (const char *path,
          const char *format,
          ...)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  char *sql;
  char *value = NULL;
  va_list args;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  if (is_server (path))
    {
      PGresult *res = pg_exec (path, sql);

      if (PQntuples (res) > 0 && !PQgetisnull (res, 0, 0))
        value = g_strdup (PQgetvalue (res, 0, 0));
      PQclear (res);
      sqlite3_free (sql);
      return value;
    }
  raw = raw_open (path);
  if (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (raw));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_free (sql);
  sqlite3_close (raw);
  return value;
}

static gint64
sql_int (const char *path,
         const char *format,
         ...)
{
  g_autofree char *value = NULL;
  char *sql;
  va_list args;

  va_start (args, format);
  sql = sqlite3_vmprintf (format, args);
  va_end (args);
  value = sql_text (path, "%s", sql);
  sqlite3_free (sql);
  g_assert_nonnull (value);
  return g_ascii_strtoll (value, NULL, 10);
}

/* Runs SQL as an attacker with access to the file would: on a raw
 * connection, with the triggers that guard the audit table dropped. On
 * PostgreSQL, as the server's superuser: the triggers off for the change
 * and on again after. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  if (is_server (path))
    {
      g_autofree char *all =
        g_strconcat ("BEGIN;"
                     " ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;"
                     " ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete;",
                     sql,
                     "; ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update;"
                     " ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_delete;"
                     " COMMIT", NULL);

      PQclear (pg_exec (path, all));
      return;
    }
  raw = raw_open (path);

  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TRIGGER audit_log_no_update;"
                                 "DROP TRIGGER audit_log_no_delete;",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (raw);
}

static char *pg_dump_rows (const char *uri,
                           gboolean    everything);

/* The SHA-256 of the database file with its WAL folded in; on PostgreSQL,
 * of every row of every table. */
static char *
file_digest (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  sqlite3 *raw = NULL;
  gsize length;

  if (is_server (path))
    {
      g_autofree char *rows = pg_dump_rows (path, TRUE);
      return g_compute_checksum_for_string (G_CHECKSUM_SHA256, rows, -1);
    }
  raw = raw_open (path);

  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
audit_last_seq (const char *path)
{
  return sql_int (path, "SELECT COALESCE(MAX(seq), 0) FROM audit_log");
}

/* The actions of the audit entries after seq, comma-separated. */
static char *
audit_actions_since (const char *path,
                     gint64      seq)
{
  char *actions = is_server (path)
                  ? sql_text (path,
                              "SELECT string_agg(action, ',' ORDER BY seq) FROM audit_log"
                              " WHERE seq > %lld", (long long) seq)
                  : sql_text (path,
                              "SELECT group_concat(action, ',') FROM (SELECT action FROM audit_log"
                              " WHERE seq > %lld ORDER BY seq)",
                              (long long) seq);

  return actions != NULL ? actions : g_strdup ("");
}

/* Audit entries that record a login attempt itself (R13-5). */
static gboolean
is_attempt_action (const char *action)
{
  const char *actions[] = { "session.login", "session.logout", "session.login_failed",
                            "user.lockout" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (action, actions[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Columns a login attempt updates by design (R13-5). */
static gboolean
is_attempt_column (const char *table,
                   const char *column)
{
  return g_strcmp0 (table, "users") == 0 &&
         (g_strcmp0 (column, "last_login_at") == 0 || g_strcmp0 (column, "failed_attempts") == 0 ||
          g_strcmp0 (column, "locked_until") == 0);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* db_dump() on PostgreSQL, each table's rows sorted as text (the server's
 * row order is not stable across updates); with `everything`, the rows and
 * columns of login attempts too. */
static char *
pg_dump_rows (const char *uri,
              gboolean    everything)
{
  GString *dump = g_string_new (NULL);
  PGconn *pg = pg_connect (uri);
  PGresult *tables = pg_exec_on (pg,
                                 "SELECT table_name FROM information_schema.tables"
                                 " WHERE table_schema = current_schema ()"
                                 " AND table_type = 'BASE TABLE' ORDER BY 1");

  for (int t = 0; t < PQntuples (tables); t++)
    {
      const char *table = PQgetvalue (tables, t, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      PGresult *rows = pg_exec_on (pg, sql);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      int action_column = -1;

      if (!everything && g_str_equal (table, "audit_log"))
        action_column = PQfnumber (rows, "action");
      for (int r = 0; r < PQntuples (rows); r++)
        {
          GString *line;

          if (action_column >= 0 && is_attempt_action (PQgetvalue (rows, r, action_column)))
            continue;
          line = g_string_new (table);
          for (int c = 0; c < PQnfields (rows); c++)
            if (everything || !is_attempt_column (table, PQfname (rows, c)))
              g_string_append_printf (line, "|%s=%s", PQfname (rows, c),
                                      PQgetisnull (rows, r, c) ? "NULL"
                                                               : PQgetvalue (rows, r, c));
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      PQclear (rows);
      g_ptr_array_sort (lines, compare_lines);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (dump, "%s\n", (char *) g_ptr_array_index (lines, i));
    }
  PQclear (tables);
  PQfinish (pg);
  return g_string_free (dump, FALSE);
}

/* Every row of every table, one line each, less what a login attempt
 * records. Tables added later are included without changing this test. */
static char *
db_dump (const char *path)
{
  GString *dump = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *tables = NULL;

  if (is_server (path))
    return pg_dump_rows (path, FALSE);
  dump = g_string_new (NULL);
  raw = raw_open (path);

  g_assert_cmpint (sqlite3_prepare_v2 (raw,
                                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                                       " ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY 1", table);
      sqlite3_stmt *rows = NULL;
      int action_column = -1;

      g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &rows, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      for (int c = 0; c < sqlite3_column_count (rows); c++)
        if (g_strcmp0 (table, "audit_log") == 0 &&
            g_strcmp0 (sqlite3_column_name (rows, c), "action") == 0)
          action_column = c;
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          if (action_column >= 0 &&
              is_attempt_action ((const char *) sqlite3_column_text (rows, action_column)))
            continue;
          g_string_append (dump, table);
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const char *name = sqlite3_column_name (rows, c);
              const char *value = (const char *) sqlite3_column_text (rows, c);

              if (!is_attempt_column (table, name))
                g_string_append_printf (dump, "|%s=%s", name, value ? value : "NULL");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (raw);
  return g_string_free (dump, FALSE);
}

typedef struct
{
  char  *dump;
  gint64 last_seq;
  char  *digest;
} Snapshot;

static void
snapshot_take (Snapshot   *snapshot,
               const char *path)
{
  snapshot->dump = db_dump (path);
  snapshot->last_seq = audit_last_seq (path);
  snapshot->digest = file_digest (path);
}

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->dump, g_free);
  g_clear_pointer (&snapshot->digest, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

/* Nothing changed but the record of the attempt: its audit entries are
 * exactly `attempt` (comma-separated actions). With no attempt recorded,
 * the file itself is unchanged. */
static void
assert_unchanged (const Snapshot *before,
                  const char     *path,
                  const char     *attempt)
{
  g_autofree char *actions = audit_actions_since (path, before->last_seq);
  g_autofree char *dump = db_dump (path);

  g_assert_cmpstr (actions, ==, attempt);
  if (g_strcmp0 (dump, before->dump) != 0)
    {
      g_auto(GStrv) old_lines = g_strsplit (before->dump, "\n", -1);
      g_auto(GStrv) new_lines = g_strsplit (dump, "\n", -1);
      guint i = 0;

      while (old_lines[i] != NULL && new_lines[i] != NULL &&
             g_strcmp0 (old_lines[i], new_lines[i]) == 0)
        i++;
      g_assert_cmpstr (new_lines[i], ==, old_lines[i]);
    }
  if (*attempt == '\0')
    {
      g_autofree char *digest = file_digest (path);
      g_assert_cmpstr (digest, ==, before->digest);
    }
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

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Help, version, usage errors (exit 2) */

static void
test_help_and_version (Fixture       *f,
                       gconstpointer  data)
{
  const char *commands[] = { "init", "demo", "user", "verify", "checkpoint", "backup",
                             "restore", "bench" };

  jhkctl_on (f, NULL, "--help", NULL);
  assert_success (f);
  assert_in (f->out, "Usage: jhkctl");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);
      assert_in (f->out, line);
    }
  assert_in (f->out, "Exit status: 0 success, 1 a rule or input error");

  jhkctl_on (f, NULL, "--version", NULL);
  assert_success (f);
  g_assert_cmpstr (f->out, ==, "jhkctl " PACKAGE_VERSION "\n");

  /* No command at all is a usage error, with the help to say why. */
  run_argv (f, f->db, (const char *[]) { NULL });
  g_assert_cmpint (f->status, ==, 2);
  assert_in (f->out, "Usage: jhkctl");
}

typedef struct
{
  const char *path;
  const char *argv[16];
  const char *message;
} UsageCase;

static const UsageCase usage_cases[] = {
  { "/cli/usage/unknown-command", { "frobnicate" }, "Unknown command “frobnicate”" },
  { "/cli/usage/user-without-subcommand", { "--user", "admin", "user" }, "needs a subcommand" },
  { "/cli/usage/unknown-user-subcommand", { "--user", "admin", "user", "remove", "x" },
    "Unknown user subcommand “remove”" },
  { "/cli/usage/database-without-value", { "verify", "--database" }, "--database needs a value" },
  { "/cli/usage/user-without-value", { "user", "list", "--user" }, "--user needs a value" },
  { "/cli/usage/bad-option", { "--user", "soukatsu", "user", "add", "newid", "--staff-no", "A1102",
                               "--reason", "r", "--bogus" }, "Unknown option --bogus" },
  { "/cli/usage/option-without-value", { "--user", "soukatsu", "user", "add", "newid", "--reason",
                                         "r", "--staff-no" }, "--staff-no" },
  { "/cli/usage/add-without-user-id", { "--user", "soukatsu", "user", "add", "--staff-no", "A1102",
                                        "--reason", "r" }, "Usage: jhkctl user add" },
  { "/cli/usage/add-without-reason", { "--user", "soukatsu", "user", "add", "newid", "--staff-no",
                                       "A1102" }, "Usage: jhkctl user add" },
  { "/cli/usage/add-without-login", { "user", "add", "newid", "--staff-no", "A1102", "--reason",
                                      "r" }, "needs --user" },
  { "/cli/usage/passwd-too-many", { "--user", "admin", "user", "passwd", "a", "b" },
    "Usage: jhkctl user passwd" },
  { "/cli/usage/restrict-without-mode", { "--user", "soukatsu", "user", "restrict", "chuo-kanri",
                                          "--reason", "r" }, "Usage: jhkctl user restrict" },
  { "/cli/usage/restrict-bad-mode", { "--user", "soukatsu", "user", "restrict", "chuo-kanri",
                                      "--mode", "banned", "--reason", "r" },
    "--mode is none, no-login or read-only" },
  { "/cli/usage/unlock-without-user-id", { "--user", "admin", "user", "unlock" },
    "Usage: jhkctl user unlock" },
  { "/cli/usage/status-without-status", { "--user", "soukatsu", "user", "status", "chuo-kanri" },
    "Usage: jhkctl user status" },
  { "/cli/usage/list-with-argument", { "--user", "admin", "user", "list", "all" },
    "takes no arguments" },
  { "/cli/usage/verify-with-argument", { "verify", "now" }, "verify takes no arguments" },
  { "/cli/usage/checkpoint-without-output", { "checkpoint" }, "Usage: jhkctl checkpoint -o FILE" },
  { "/cli/usage/backup-without-dest", { "--user", "admin", "backup" }, "Usage: jhkctl backup DEST" },
  { "/cli/usage/restore-without-src", { "--user", "admin", "restore" },
    "Usage: jhkctl restore SRC" },
  { "/cli/usage/restore-without-login", { "restore", "@backup.db" }, "needs --user" },
  { "/cli/usage/init-without-login", { "init", "--staff-no", "S1", "--name", "鈴木" },
    "init needs --staff-no, --name and --login" },
  { "/cli/usage/init-with-argument", { "init", "extra" }, "init takes no arguments" },
};

/* A usage error is found before the database is touched: the file stays
 * byte for byte the same and no audit entry is written. */
static void
test_usage_error (Fixture       *f,
                  gconstpointer  data)
{
  const UsageCase *c = data;
  g_auto(Snapshot) before = { 0 };

  snapshot_take (&before, f->db);
  run_argv (f, f->db, c->argv);
  assert_usage_error (f, c->message);
  assert_unchanged (&before, f->db, "");
}

/* Refused commands (exit 1) */

static void
prepare_retire_shokuin (Fixture *f)
{
  jhkctl (f, "--user", "soukatsu", "user", "status", "chuo-shokuin", "--status", "retired",
          "--reason", "退職", NULL);
  assert_success (f);
}

static void
prepare_reset_shokuin (Fixture *f)
{
  f->new_password = TEMP_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "passwd", "chuo-shokuin", NULL);
  assert_success (f);
}

static void
prepare_bar_kanri (Fixture *f)
{
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "chuo-kanri", "--mode", "no-login",
          "--reason", "調査中", NULL);
  assert_success (f);
}

/* A backup file. On PostgreSQL, where backup points to pg_dump, an SQLite
 * copy made by migrate: the file that restore is given either way. */
static void
prepare_backup (Fixture *f)
{
  if (jhk_test_backend_is_pg () && !pg_backup)
    jhkctl (f, "--user", "admin", "migrate", f->db, "@backup.db", NULL);
  else
    jhkctl (f, "--user", "admin", "backup", "@backup.db", NULL);
  assert_success (f);
}

static void
prepare_corrupt_file (Fixture *f)
{
  g_autofree char *path = file_in (f, "corrupt.db");
  g_autofree char *garbage = g_strnfill (8192, 'x');

  write_file (path, garbage, -1);
}

/* A backup cut off half way, as after a full disk or an interrupted copy. */
static void
prepare_truncated_backup (Fixture *f)
{
  g_autofree char *path = file_in (f, "backup.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  prepare_backup (f);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  write_file (path, contents, length / 2);
}

static void
prepare_bad_checkpoint (Fixture *f)
{
  g_autofree char *path = file_in (f, "checkpoint.txt");

  write_file (path, "jhk-audit-checkpoint 1\nsize many\nhead none\n", -1);
}

typedef struct
{
  const char *path;
  void      (*prepare) (Fixture *f);
  const char *password;      /* NULL: the demo password */
  const char *new_password;  /* NULL: NEW_PASSWORD */
  const char *argv[16];
  const char *message;
  const char *attempt;       /* the audit entries the attempt itself leaves */
} RefusalCase;

#define LOGGED_IN "session.login,session.logout"
#define LOGIN_FAILED "session.login_failed"

static const RefusalCase refusal_cases[] = {
  /* R13-2: only the システム管理者 and the 総括責任者 record a verification;
   * a verification that cannot be recorded is not done. */
  { "/cli/R13-2/verify-recorded-by-other-role", NULL, NULL, NULL,
    { "--user", "chuo-shokuin", "verify" }, "Only the System administrator or the General",
    LOGGED_IN },
  /* R13-5: authentication; a failed login is recorded and counted. */
  { "/cli/R13-5/wrong-password", NULL, WRONG_PASSWORD, NULL,
    { "--user", "admin", "user", "list" }, "The user ID or the password is wrong", LOGIN_FAILED },
  { "/cli/R13-5/unknown-user", NULL, NULL, NULL,
    { "--user", "nobody", "user", "list" }, "The user ID or the password is wrong", LOGIN_FAILED },

  /* R12-1: user IDs are issued only by the 総括責任者, or by the システム管理者
   * on their approval, and are never reused. */
  { "/cli/R12-1/add-by-other-role", NULL, NULL, NULL,
    { "--user", "chuo-unyo", "user", "add", "newid", "--staff-no", "A1102", "--reason", "配属" },
    "User IDs are issued only by the general supervisor", LOGGED_IN },
  { "/cli/R12-1/add-by-sysadmin-without-approval", NULL, NULL, NULL,
    { "--user", "admin", "user", "add", "newid", "--staff-no", "A1102", "--reason", "配属" },
    "Name the general supervisor who approved", LOGGED_IN },
  { "/cli/R12-1/add-approved-by-non-supervisor", NULL, NULL, NULL,
    { "--user", "admin", "user", "add", "newid", "--staff-no", "A1102", "--reason", "配属",
      "--approved-by", "C9101" },
    "Name the general supervisor who approved", LOGGED_IN },
  { "/cli/R12-1/add-approved-by-unknown-staff", NULL, NULL, NULL,
    { "--user", "admin", "user", "add", "newid", "--staff-no", "A1102", "--reason", "配属",
      "--approved-by", "Z9999" },
    "There is no staff member with the number Z9999", LOGGED_IN },
  { "/cli/R12-1/add-duplicate-id", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "add", "admin", "--staff-no", "A1102", "--reason", "配属" },
    "The user ID “admin” has been issued before", LOGGED_IN },
  { "/cli/R12-1/add-reused-retired-id", prepare_retire_shokuin, NULL, NULL,
    { "--user", "soukatsu", "user", "add", "chuo-shokuin", "--staff-no", "C9141", "--reason",
      "配属" },
    "IDs are never reused", LOGGED_IN },
  { "/cli/R12-1/add-bad-staff-no", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "add", "newid", "--staff-no", "Z9999", "--reason", "配属" },
    "There is no staff member with the number Z9999", LOGGED_IN },
  { "/cli/R12-1/add-invalid-id", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "add", "new id!", "--staff-no", "A1102", "--reason", "配属" },
    "A user ID has 2 to 32 letters", LOGGED_IN },
  { "/cli/R12-1/add-blank-reason", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "add", "newid", "--staff-no", "A1102", "--reason", "  " },
    "Give the reason for issuing the user ID", LOGGED_IN },
  { "/cli/R13-8/add-weak-initial-password", NULL, NULL, "short",
    { "--user", "soukatsu", "user", "add", "newid", "--staff-no", "A1102", "--reason", "配属" },
    "at least 8 characters", LOGGED_IN },
  { "/cli/R12-1/status-by-sysadmin", NULL, NULL, NULL,
    { "--user", "admin", "user", "status", "chuo-shokuin", "--status", "retired", "--reason",
      "退職" },
    "Only the General supervisor may do this", LOGGED_IN },
  { "/cli/R12-1/status-unknown-value", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "status", "chuo-shokuin", "--status", "deleted", "--reason",
      "退職" },
    "active, suspended or retired", LOGGED_IN },
  { "/cli/R12-1/status-without-reason", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "status", "chuo-shokuin", "--status", "suspended" },
    "Give the reason for the change", LOGGED_IN },
  { "/cli/R12-1/retired-user-cannot-log-in", prepare_retire_shokuin, NULL, NULL,
    { "--user", "chuo-shokuin", "user", "passwd" }, "suspended or retired", LOGIN_FAILED },

  /* R13-8: passwords. */
  { "/cli/R13-8/passwd-too-short", NULL, NULL, "short",
    { "--user", "admin", "user", "passwd" }, "at least 8 characters", LOGGED_IN },
  { "/cli/R13-8/passwd-reused", NULL, NULL, JHK_DEMO_PASSWORD,
    { "--user", "admin", "user", "passwd" }, "This password was used recently", LOGGED_IN },
  { "/cli/R13-8/passwd-is-user-id", NULL, NULL, "chuo-shokuin",
    { "--user", "chuo-shokuin", "user", "passwd" }, "must not be the user ID", LOGGED_IN },
  { "/cli/R13-8/reset-by-non-sysadmin", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "passwd", "chuo-shokuin" },
    "Only the System administrator may do this", LOGGED_IN },
  { "/cli/R13-8/reset-unknown-user", NULL, NULL, NULL,
    { "--user", "admin", "user", "passwd", "ghost" }, "There is no user ID “ghost”", LOGGED_IN },
  { "/cli/R13-8/temporary-password-must-be-changed", prepare_reset_shokuin, TEMP_PASSWORD, NULL,
    { "--user", "chuo-shokuin", "user", "restrict", "chuo-kanri", "--mode", "none" },
    "Change it first with “jhkctl --user chuo-shokuin user passwd”", LOGGED_IN },

  /* R13-10: the 総括責任者 restricts users, with a reason. */
  { "/cli/R13-10/restrict-by-sysadmin", NULL, NULL, NULL,
    { "--user", "admin", "user", "restrict", "chuo-kanri", "--mode", "no-login", "--reason",
      "調査中" },
    "Only the General supervisor may do this", LOGGED_IN },
  { "/cli/R13-10/restrict-without-reason", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "restrict", "chuo-kanri", "--mode", "read-only" },
    "Give the reason for the restriction", LOGGED_IN },
  { "/cli/R13-10/restrict-self", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "restrict", "soukatsu", "--mode", "read-only", "--reason",
      "試験" },
    "You cannot restrict your own user ID", LOGGED_IN },
  { "/cli/R13-10/restrict-unknown-user", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "restrict", "ghost", "--mode", "read-only", "--reason",
      "試験" },
    "There is no user ID “ghost”", LOGGED_IN },
  { "/cli/R13-10/barred-user-cannot-log-in", prepare_bar_kanri, NULL, NULL,
    { "--user", "chuo-kanri", "user", "passwd" }, "barred this user ID from logging in: 調査中",
    LOGIN_FAILED },

  /* R13-5: only the システム管理者 lifts a lockout. */
  { "/cli/R13-5/unlock-by-non-sysadmin", NULL, NULL, NULL,
    { "--user", "soukatsu", "user", "unlock", "chuo-unyo" },
    "Only the System administrator may do this", LOGGED_IN },
  { "/cli/R13-5/unlock-unknown-user", NULL, NULL, NULL,
    { "--user", "admin", "user", "unlock", "ghost" }, "There is no user ID “ghost”", LOGGED_IN },

  /* Listing the staff is for those whose roles open the staff workspace. */
  { "/cli/list/by-staff-role", NULL, NULL, NULL,
    { "--user", "chuo-shokuin", "user", "list" }, "Your roles do not allow you to list the staff",
    LOGGED_IN },

  /* Backup and restore: システム管理者 (backup also 総括責任者). */
  { "/cli/backup/by-other-role", NULL, NULL, NULL,
    { "--user", "chuo-kanri", "backup", "@backup.db" },
    "Only the System administrator or the General supervisor may do this", LOGGED_IN },
  { "/cli/backup/dest-exists", prepare_backup, NULL, NULL,
    { "--user", "admin", "backup", "@backup.db" }, "exists already", LOGGED_IN },
  { "/cli/restore/corrupt-file", prepare_corrupt_file, NULL, NULL,
    { "--user", "admin", "restore", "@corrupt.db" }, "file is not a database", "" },
  { "/cli/restore/truncated-backup", prepare_truncated_backup, NULL, NULL,
    { "--user", "admin", "restore", "@backup.db" }, "malformed", "" },
  { "/cli/restore/missing-file", NULL, NULL, NULL,
    { "--user", "admin", "restore", "@no-such-backup.db" }, "There is no backup at", "" },
  { "/cli/restore/by-non-sysadmin", prepare_backup, NULL, NULL,
    { "--user", "soukatsu", "restore", "@backup.db" }, "Only the System administrator may do this",
    "" },
  { "/cli/restore/wrong-password", prepare_backup, WRONG_PASSWORD, NULL,
    { "--user", "admin", "restore", "@backup.db" }, "The user ID or the password is wrong", "" },

  /* Other input errors. */
  { "/cli/verify/bad-checkpoint-file", prepare_bad_checkpoint, NULL, NULL,
    { "verify", "--checkpoint", "@checkpoint.txt" }, "checkpoint", "" },
  { "/cli/verify/missing-checkpoint-file", NULL, NULL, NULL,
    { "verify", "--checkpoint", "@no-such-checkpoint" }, "no-such-checkpoint", "" },
  { "/cli/init/existing-database", NULL, "Init-pass-2026", NULL,
    { "init", "--staff-no", "S0001", "--name", "鈴木 一郎", "--login", "suzuki" },
    "This database already has users", "" },
  { "/cli/demo/existing-database", NULL, NULL, NULL,
    { "demo" }, "This database already has users", "" },
};

/* What only an SQLite database can do: on PostgreSQL backup and restore
 * are pg_dump's and pg_restore's (refusal_cases_pg), or the backup is not
 * an SQLite file. */
static gboolean
is_sqlite_only_case (const char *path)
{
  if (!pg_backup)
    return g_str_equal (path, "/cli/backup/dest-exists");
  /* A server's database is restored into a new, empty one:
   * test_restore_refusals_pg. */
  return g_str_has_prefix (path, "/cli/restore/") &&
         !g_str_equal (path, "/cli/restore/missing-file");
}

/* PostgreSQL, when the backend leaves backups to pg_dump. */
static const RefusalCase refusal_cases_pg[] = {
  /* Issue 3: a server's database is backed up and restored on the server,
   * and jhkctl says how. */
  { "/cli/backup/postgresql-points-to-pg-dump", NULL, NULL, NULL,
    { "--user", "admin", "backup", "@backup.db" }, "pg_dump -Fc", LOGGED_IN },
  { "/cli/restore/postgresql-points-to-pg-restore", prepare_backup, NULL, NULL,
    { "--user", "admin", "restore", "@backup.db" }, "pg_restore", "" },
};

/* PostgreSQL, when jhkctl backup runs pg_dump: a restore goes only into a
 * new, empty database, never over the live one. */
static const RefusalCase refusal_cases_pg_backup[] = {
  { "/cli/restore/postgresql-into-database-with-data", prepare_backup, NULL, NULL,
    { "--user", "admin", "restore", "@backup.db" }, "holds tables already", "" },
};

static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const RefusalCase *c = data;
  g_auto(Snapshot) before = { 0 };

  if (c->prepare != NULL)
    c->prepare (f);
  snapshot_take (&before, f->db);

  f->password = c->password != NULL ? c->password : JHK_DEMO_PASSWORD;
  f->new_password = c->new_password != NULL ? c->new_password : NEW_PASSWORD;
  run_argv (f, f->db, c->argv);
  assert_rule_error (f, c->message);
  assert_unchanged (&before, f->db, c->attempt);
}

/* R13-5: the failed login is counted against the user (and nothing else). */
static void
test_r13_5_failed_login_counted (Fixture       *f,
                                 gconstpointer  data)
{
  g_assert_cmpint (sql_int (f->db, "SELECT failed_attempts FROM users WHERE login = 'admin'"), ==,
                   0);
  f->password = WRONG_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_rule_error (f, "The user ID or the password is wrong");
  g_assert_cmpint (sql_int (f->db, "SELECT failed_attempts FROM users WHERE login = 'admin'"), ==,
                   1);

  /* A successful login starts the count again. */
  f->password = JHK_DEMO_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db, "SELECT failed_attempts FROM users WHERE login = 'admin'"), ==,
                   0);
}

/* init must not leave a new, empty database behind when it refuses: exit
 * status 1 promises that nothing changed. */
static void
test_init_refused_leaves_no_file (Fixture       *f,
                                  gconstpointer  data)
{
  if (jhk_test_backend_is_pg ())
    {
      /* A server's database is made by its administrator before init;
       * a refused init leaves it as empty as it was: the schema and the
       * first user are made in one transaction. */
      g_autofree char *empty = jhk_test_new_path ("init-refused");
      PGconn *pg;
      PGresult *res;

      f->password = "short";
      jhkctl_on (f, empty, "init", "--staff-no", "S0001", "--name", "鈴木 一郎", "--login",
                 "suzuki", NULL);
      assert_rule_error (f, "at least 8 characters");
      f->password = "Init-pass-2026";
      jhkctl_on (f, empty, "init", "--staff-no", "S0001", "--name", "鈴木 一郎", "--login", "鈴木",
                 NULL);
      assert_rule_error (f, "A user ID has 2 to 32 letters");
      pg = PQconnectdb (empty);
      g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
      res = PQexec (pg, "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
      g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
      g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "0");
      PQclear (res);
      PQfinish (pg);
      return;
    }

  g_autofree char *weak = file_in (f, "weak.db");
  g_autofree char *bad_id = file_in (f, "bad-id.db");

  f->password = "short";
  jhkctl_on (f, weak, "init", "--staff-no", "S0001", "--name", "鈴木 一郎", "--login", "suzuki",
             NULL);
  assert_rule_error (f, "at least 8 characters");
  g_assert_false (g_file_test (weak, G_FILE_TEST_EXISTS));

  f->password = "Init-pass-2026";
  jhkctl_on (f, bad_id, "init", "--staff-no", "S0001", "--name", "鈴木 一郎", "--login", "鈴木",
             NULL);
  assert_rule_error (f, "A user ID has 2 to 32 letters");
  g_assert_false (g_file_test (bad_id, G_FILE_TEST_EXISTS));
}

/* User IDs (R12-1) and passwords (R13-8) */

/* The 総括責任者 issues an ID; its holder must change the initial password
 * at the first login before doing anything else. */
static void
test_r12_1_add_by_supervisor (Fixture       *f,
                              gconstpointer  data)
{
  gint64 seq = audit_last_seq (f->db);
  g_autofree char *actions = NULL;
  g_autofree char *issued_by = NULL;

  jhkctl (f, "--user", "soukatsu", "user", "add", "kimura.a", "--staff-no", "C9141", "--reason",
          "刑事課配属", NULL);
  assert_success (f);
  assert_in (f->out, "Issued the user ID “kimura.a”");

  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users u JOIN staff s ON s.id = u.staff_id"
                            " WHERE u.login = 'kimura.a' AND s.staff_no = 'C9141'"
                            " AND u.issue_reason = '刑事課配属' AND u.must_change = 1"
                            " AND u.status = 'active' AND u.approved_by IS NULL"),
                   ==, 1);
  issued_by = sql_text (f->db, "SELECT issued_by FROM users WHERE login = 'kimura.a'");
  g_assert_cmpstr (issued_by, ==, "soukatsu");
  actions = audit_actions_since (f->db, seq);
  g_assert_cmpstr (actions, ==, "session.login,user.issue,session.logout");

  /* R13-8: the initial password works only to change it. */
  f->password = NEW_PASSWORD;
  jhkctl (f, "--user", "kimura.a", "user", "restrict", "chuo-kanri", "--mode", "none", NULL);
  assert_rule_error (f, "Change it first");
  f->new_password = OTHER_PASSWORD;
  jhkctl (f, "--user", "kimura.a", "user", "passwd", NULL);
  assert_success (f);
  assert_in (f->out, "Your password has been changed.");
  g_assert_cmpint (sql_int (f->db, "SELECT must_change FROM users WHERE login = 'kimura.a'"), ==,
                   0);

  /* The initial password is gone; the new one logs in. */
  jhkctl (f, "--user", "kimura.a", "user", "list", NULL);
  assert_rule_error (f, "The user ID or the password is wrong");
  f->password = OTHER_PASSWORD;
  jhkctl (f, "--user", "kimura.a", "user", "list", NULL);
  assert_rule_error (f, "Your roles do not allow you to list the staff");
}

/* The システム管理者 issues an ID naming the 総括責任者 who approved it. */
static void
test_r12_1_add_by_sysadmin_with_approval (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *issued_by = NULL;

  jhkctl (f, "--user", "admin", "user", "add", "nakamura.m", "--staff-no", "A1102", "--reason",
          "情報管理課配属", "--approved-by", "A1001", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users u JOIN staff a ON a.id = u.approved_by"
                            " WHERE u.login = 'nakamura.m' AND a.staff_no = 'A1001'"),
                   ==, 1);
  issued_by = sql_text (f->db, "SELECT issued_by FROM users WHERE login = 'nakamura.m'");
  g_assert_cmpstr (issued_by, ==, "admin");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.issue'"
                            " AND actor = 'admin' AND details LIKE '%%\"approved_by\"%%'"),
                   ==, 1);
}

/* R12-1: suspending and retiring keep the ID; only an active ID logs in. */
static void
test_r12_1_status (Fixture       *f,
                   gconstpointer  data)
{
  gint64 users = sql_int (f->db, "SELECT COUNT(*) FROM users");

  jhkctl (f, "--user", "soukatsu", "user", "status", "chuo-hojo", "--status", "suspended",
          "--reason", "休職", NULL);
  assert_success (f);
  assert_in (f->out, "“chuo-hojo” is now suspended");
  jhkctl (f, "--user", "chuo-hojo", "user", "passwd", NULL);
  assert_rule_error (f, "This user ID is suspended or retired");

  jhkctl (f, "--user", "soukatsu", "user", "status", "chuo-hojo", "--status", "active",
          "--reason", "復職", NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-hojo", "user", "passwd", NULL);
  assert_success (f);

  jhkctl (f, "--user", "soukatsu", "user", "status", "chuo-hojo", "--status", "retired",
          "--reason", "退職", NULL);
  assert_success (f);
  f->password = NEW_PASSWORD;
  jhkctl (f, "--user", "chuo-hojo", "user", "list", NULL);
  assert_rule_error (f, "This user ID is suspended or retired");

  /* Kept, never deleted. */
  g_assert_cmpint (sql_int (f->db, "SELECT COUNT(*) FROM users"), ==, users);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users WHERE login = 'chuo-hojo'"
                            " AND status = 'retired'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.status'"),
                   ==, 3);
}

/* R13-8: one's own password, the old one required; reuse refused. */
static void
test_r13_8_passwd_own (Fixture       *f,
                       gconstpointer  data)
{
  gint64 history = sql_int (f->db,
                            "SELECT COUNT(*) FROM password_history h JOIN users u"
                            " ON u.id = h.user_id WHERE u.login = 'admin'");
  gint64 seq = audit_last_seq (f->db);
  g_autofree char *actions = NULL;

  jhkctl (f, "--user", "admin", "user", "passwd", NULL);
  assert_success (f);
  assert_in (f->out, "Your password has been changed.");
  actions = audit_actions_since (f->db, seq);
  g_assert_cmpstr (actions, ==, "session.login,user.password,session.logout");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM password_history h JOIN users u"
                            " ON u.id = h.user_id WHERE u.login = 'admin'"),
                   ==, history + 1);

  /* The old password no longer logs in, the new one does. */
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_rule_error (f, "The user ID or the password is wrong");
  f->password = NEW_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_success (f);

  /* Changing back to a recent password is refused. */
  f->new_password = JHK_DEMO_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "passwd", NULL);
  assert_rule_error (f, "This password was used recently");
}

/* The システム管理者 resets a password to a temporary one that must be
 * changed at the next login. */
static void
test_r13_8_passwd_reset (Fixture       *f,
                         gconstpointer  data)
{
  f->new_password = TEMP_PASSWORD;
  jhkctl (f, "--user", "admin", "user", "passwd", "chuo-shokuin", NULL);
  assert_success (f);
  assert_in (f->out, "The password of “chuo-shokuin” has been reset");
  g_assert_cmpint (sql_int (f->db, "SELECT must_change FROM users WHERE login = 'chuo-shokuin'"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'"
                            " AND actor = 'admin'"),
                   ==, 1);

  /* The demo password is gone; the holder changes the temporary one. */
  jhkctl (f, "--user", "chuo-shokuin", "user", "passwd", NULL);
  assert_rule_error (f, "The user ID or the password is wrong");
  f->password = TEMP_PASSWORD;
  f->new_password = OTHER_PASSWORD;
  jhkctl (f, "--user", "chuo-shokuin", "user", "passwd", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db, "SELECT must_change FROM users WHERE login = 'chuo-shokuin'"),
                   ==, 0);
}

/* R13-10 restrictions */

static void
test_r13_10_restrict (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *restricted_by = NULL;

  /* No login: refused at login, with the reason. */
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "chuo-kanri", "--mode", "no-login",
          "--reason", "調査中", NULL);
  assert_success (f);
  assert_in (f->out, "“chuo-kanri”: No login.");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users WHERE login = 'chuo-kanri'"
                            " AND restriction = 'no_login' AND restriction_reason = '調査中'"
                            " AND restricted_at IS NOT NULL"),
                   ==, 1);
  restricted_by = sql_text (f->db, "SELECT restricted_by FROM users WHERE login = 'chuo-kanri'");
  g_assert_cmpstr (restricted_by, ==, "soukatsu");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.restrict'"
                            " AND actor = 'soukatsu' AND details LIKE '%%調査中%%'"),
                   ==, 1);
  jhkctl (f, "--user", "chuo-kanri", "user", "passwd", NULL);
  assert_rule_error (f, "barred this user ID from logging in: 調査中");

  /* Read only: the システム管理者 still logs in and reads, but may not write. */
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "admin", "--mode", "read-only", "--reason",
          "監査対応", NULL);
  assert_success (f);
  assert_in (f->out, "“admin”: Read only.");
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_success (f);
  jhkctl (f, "--user", "admin", "user", "unlock", "chuo-unyo", NULL);
  assert_rule_error (f, "restricted your user ID to reading");

  /* Lifted: both are back to normal. */
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "admin", "--mode", "none", NULL);
  assert_success (f);
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "chuo-kanri", "--mode", "none", NULL);
  assert_success (f);
  assert_in (f->out, "“chuo-kanri”: No restriction.");
  jhkctl (f, "--user", "admin", "user", "unlock", "chuo-unyo", NULL);
  assert_success (f);
  jhkctl (f, "--user", "chuo-kanri", "user", "passwd", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users WHERE restriction <> 'none'"),
                   ==, 0);
}

/* R13-5 lockout and unlock */

static void
test_r13_5_lockout_and_unlock (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *setting = sql_text (f->db,
                                       "SELECT value FROM settings"
                                       " WHERE key = 'lockout.threshold'");
  gint64 threshold = setting != NULL ? g_ascii_strtoll (setting, NULL, 10) : 5;
  g_autoptr(JsonNode) root = NULL;
  gboolean found = FALSE;

  f->password = WRONG_PASSWORD;
  for (gint64 i = 1; i < threshold; i++)
    {
      jhkctl (f, "--user", "chuo-unyo", "user", "list", NULL);
      assert_rule_error (f, "The user ID or the password is wrong");
    }
  jhkctl (f, "--user", "chuo-unyo", "user", "list", NULL);
  assert_rule_error (f, "locked after too many failed attempts");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.lockout'"
                            " AND object_id = 'chuo-unyo'"),
                   ==, 1);

  /* Locked: even the right password is refused. */
  f->password = JHK_DEMO_PASSWORD;
  jhkctl (f, "--user", "chuo-unyo", "user", "list", NULL);
  assert_rule_error (f, "locked after too many failed attempts");

  /* The list shows the lockout. */
  jhkctl (f, "--user", "admin", "--json", "user", "list", NULL);
  assert_success (f);
  root = parse_json (f->out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonObject *user = json_array_get_object_element (json_node_get_array (root), i);
      const char *login = json_object_get_string_member (user, "login");

      g_assert_cmpint (json_object_get_boolean_member (user, "locked"), ==,
                       g_strcmp0 (login, "chuo-unyo") == 0);
      found |= g_strcmp0 (login, "chuo-unyo") == 0;
    }
  g_assert_true (found);

  jhkctl (f, "--user", "admin", "user", "unlock", "chuo-unyo", NULL);
  assert_success (f);
  assert_in (f->out, "The lockout of “chuo-unyo” has been lifted.");
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM users WHERE login = 'chuo-unyo'"
                            " AND failed_attempts = 0 AND locked_until IS NULL"),
                   ==, 1);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.unlock'"
                            " AND actor = 'admin'"),
                   ==, 1);
  jhkctl (f, "--user", "chuo-unyo", "user", "list", NULL);
  assert_success (f);
}

/* user list, plain and --json */

static void
test_list_json (Fixture       *f,
                gconstpointer  data)
{
  const char *members[] = { "login", "staff_no", "name", "org", "status", "restriction",
                            "locked" };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  gboolean found_soukatsu = FALSE;

  jhkctl (f, "--user", "admin", "--json", "user", "list", NULL);
  assert_success (f);
  root = parse_json (f->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpint (json_array_get_length (array), ==,
                   sql_int (f->db, "SELECT COUNT(*) FROM users"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *user = json_array_get_object_element (array, i);
      const char *login;
      g_autofree char *staff_no = NULL;
      g_autofree char *name = NULL;
      g_autofree char *org = NULL;

      g_assert_nonnull (user);
      g_assert_cmpuint (json_object_get_size (user), ==, G_N_ELEMENTS (members));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (user, members[m]));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (user, "locked")), ==,
                       G_TYPE_BOOLEAN);

      /* Each row says what the database says. */
      login = json_object_get_string_member (user, "login");
      staff_no = sql_text (f->db,
                           "SELECT s.staff_no FROM users u JOIN staff s ON s.id = u.staff_id"
                           " WHERE u.login = '%q'", login);
      name = sql_text (f->db,
                       "SELECT s.name FROM users u JOIN staff s ON s.id = u.staff_id"
                       " WHERE u.login = '%q'", login);
      org = sql_text (f->db,
                      "SELECT o.name FROM users u JOIN staff s ON s.id = u.staff_id"
                      " JOIN org_units o ON o.id = s.org_unit_id WHERE u.login = '%q'", login);
      g_assert_cmpstr (json_object_get_string_member (user, "staff_no"), ==, staff_no);
      g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, name);
      g_assert_cmpstr (json_object_get_string_member (user, "org"), ==, org);
      g_assert_cmpstr (json_object_get_string_member (user, "status"), ==, "active");
      g_assert_cmpstr (json_object_get_string_member (user, "restriction"), ==, "none");
      g_assert_false (json_object_get_boolean_member (user, "locked"));

      if (g_strcmp0 (login, "soukatsu") == 0)
        {
          found_soukatsu = TRUE;
          g_assert_cmpstr (staff_no, ==, "A1001");
          g_assert_cmpstr (org, ==, "総務部");
        }
    }
  g_assert_true (found_soukatsu);

  /* Every demo account is listed in the plain output too. */
  jhkctl (f, "--user", "admin", "user", "list", NULL);
  assert_success (f);
  for (const JhkDemoAccount *a = jhk_demo_accounts (); a->login != NULL; a++)
    {
      g_autofree char *line_start = g_strdup_printf ("%s ", a->login);
      g_autofree char *in_text = g_strdup_printf ("\n%s ", a->login);

      g_assert_true (g_str_has_prefix (f->out, line_start) || strstr (f->out, in_text) != NULL);
    }
}

/* --json and --user may stand after the command; status and restriction
 * changes show in the list. */
static void
test_list_json_changes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint checked = 0;

  jhkctl (f, "--user", "soukatsu", "user", "status", "chuo-hojo", "--status", "retired",
          "--reason", "退職", NULL);
  assert_success (f);
  jhkctl (f, "--user", "soukatsu", "user", "restrict", "chuo-kanri", "--mode", "read-only",
          "--reason", "調査中", NULL);
  assert_success (f);

  jhkctl (f, "user", "list", "--json", "--user", "soukatsu", NULL);
  assert_success (f);
  root = parse_json (f->out);
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *user = json_array_get_object_element (array, i);
      const char *login = json_object_get_string_member (user, "login");

      if (g_strcmp0 (login, "chuo-hojo") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (user, "status"), ==, "retired");
          checked++;
        }
      else if (g_strcmp0 (login, "chuo-kanri") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (user, "restriction"), ==, "read_only");
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 2);
}

/* verify and checkpoint */

static void
test_verify_clean (Fixture       *f,
                   gconstpointer  data)
{
  gint64 entries = sql_int (f->db, "SELECT COUNT(*) FROM audit_log");
  g_autofree char *head = sql_text (f->db, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_autofree char *line = g_strdup_printf ("The audit chain is intact: %" G_GINT64_FORMAT
                                           " entries, head %s.", entries, head);
  g_autofree char *pdf = file_in (f, "report.pdf");
  g_autofree char *pdf_start = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *report;

  jhkctl (f, "verify", NULL);
  assert_success (f);
  assert_in (f->out, line);
  assert_in (f->out, "Database integrity check: ok");

  jhkctl (f, "--json", "verify", NULL);
  assert_success (f);
  root = parse_json (f->out);
  report = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (report, "ok"));
  g_assert_cmpint (json_object_get_int_member (report, "entries"), ==, entries);
  g_assert_cmpint (json_object_get_int_member (report, "first_bad_seq"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (report, "head"), ==, head);
  g_assert_cmpstr (json_object_get_string_member (report, "integrity"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (report, "message"), ==, "");

  /* Without --user verifying only reads; with it the result is recorded. */
  g_assert_cmpint (audit_last_seq (f->db), ==, entries);
  jhkctl (f, "--user", "admin", "verify", "--pdf", "@report.pdf", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db,
                            "SELECT COUNT(*) FROM audit_log WHERE action = 'audit.verify'"
                            " AND actor = 'admin' AND details LIKE '%%\"ok\":true%%'"),
                   ==, 1);
  g_file_get_contents (pdf, &pdf_start, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf_start, "%PDF-"));
  /* The report is as private as the database. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* A row changed behind Jhk's back is found, and named by its seq. */
static void
test_verify_altered_entry (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *pdf = file_in (f, "report.pdf");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;

  tamper (f->db, "UPDATE audit_log SET details = '{\"note\":\"書換え\"}' WHERE seq = 40");

  jhkctl (f, "verify", NULL);
  assert_rule_error (f, "Audit entry 40 has been altered.");

  jhkctl (f, "--json", "verify", NULL);
  g_assert_cmpint (f->status, ==, 1);
  root = parse_json (f->out);
  report = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (report, "ok"));
  g_assert_cmpint (json_object_get_int_member (report, "first_bad_seq"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (report, "entries"), ==, 39);
  assert_in (json_object_get_string_member (report, "message"), "Audit entry 40");

  /* The report is written even for a broken chain: it is the evidence. */
  jhkctl (f, "verify", "--pdf", "@report.pdf", NULL);
  assert_rule_error (f, "Audit entry 40 has been altered.");
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
}

static void
test_verify_deleted_entry (Fixture       *f,
                           gconstpointer  data)
{
  tamper (f->db, "DELETE FROM audit_log WHERE seq = 20");

  jhkctl (f, "verify", NULL);
  assert_rule_error (f, "Audit entry 20 is missing.");
}

/* Cutting entries off the end leaves a valid chain; only a checkpoint
 * taken earlier shows that entries are gone, and from which seq. */
static void
test_verify_checkpoint_truncation (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *checkpoint = file_in (f, "checkpoint.txt");
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *cut_off = NULL;
  g_autofree char *head = sql_text (f->db, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_autoptr(GError) error = NULL;
  gint64 size = audit_last_seq (f->db);
  g_autofree char *delete = NULL;

  jhkctl (f, "checkpoint", "-o", "@checkpoint.txt", NULL);
  assert_success (f);
  expected = g_strdup_printf ("Checkpoint: %" G_GINT64_FORMAT " entries, head %s.\n", size, head);
  g_assert_cmpstr (f->out, ==, expected);
  g_file_get_contents (checkpoint, &contents, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("jhk-audit-checkpoint 1\nsize %" G_GINT64_FORMAT "\nhead %s\n",
                              size, head);
  g_assert_cmpstr (contents, ==, expected);

  /* A chain that has grown since still matches its checkpoint. */
  jhkctl (f, "--user", "admin", "verify", "--checkpoint", "@checkpoint.txt", NULL);
  assert_success (f);
  g_assert_cmpint (audit_last_seq (f->db), >, size);

  /* Cut back to three entries before the checkpoint. */
  delete = g_strdup_printf ("DELETE FROM audit_log WHERE seq > %" G_GINT64_FORMAT, size - 3);
  tamper (f->db, delete);
  jhkctl (f, "verify", NULL);
  assert_success (f);

  jhkctl (f, "verify", "--checkpoint", "@checkpoint.txt", NULL);
  cut_off = g_strdup_printf ("entries from %" G_GINT64_FORMAT " on were cut off", size - 2);
  assert_rule_error (f, cut_off);

  jhkctl (f, "--json", "verify", "--checkpoint", "@checkpoint.txt", NULL);
  g_assert_cmpint (f->status, ==, 1);
  {
    g_autoptr(JsonNode) root = parse_json (f->out);
    JsonObject *report = json_node_get_object (root);

    g_assert_false (json_object_get_boolean_member (report, "ok"));
    g_assert_cmpint (json_object_get_int_member (report, "first_bad_seq"), ==, size - 2);
  }
}

/* backup, restore, init, demo */

/* A backup restores the database as it was, and the restore itself is the
 * first thing recorded in the restored chain. */
/* Issue 3: migrate copies the whole database, checked; only the
 * システム管理者, only into a new file. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *copy = file_in (f, "copy.db");
  g_autofree char *refused = file_in (f, "refused.db");
  g_autofree char *head = NULL;
  g_autofree char *copied_head = NULL;

  jhkctl (f, "--user", "soukatsu", "migrate", f->db, "@refused.db", NULL);
  assert_rule_error (f, "Only the System administrator may do this.");
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));

  jhkctl (f, "--user", "admin", "migrate", f->db, "@copy.db", NULL);
  assert_success (f);
  assert_in (f->out, "Copied ");
  head = sql_text (f->db, "SELECT hash FROM audit_log WHERE action = 'db.migrate'");
  copied_head = sql_text (copy, "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (copied_head, ==, head);
  g_assert_cmpint (sql_int (copy, "SELECT COUNT(*) FROM users"), ==,
                   sql_int (f->db, "SELECT COUNT(*) FROM users"));
  jhkctl_on (f, copy, "verify", NULL);
  assert_success (f);

  /* Never over an existing file. */
  jhkctl (f, "--user", "admin", "migrate", f->db, "@copy.db", NULL);
  assert_rule_error (f, "exists already");

  jhkctl (f, "--user", "admin", "migrate", f->db, NULL);
  g_assert_cmpint (f->status, ==, 2);

  if (jhk_test_backend_is_pg ())
    {
      /* That was from the server into a file; now from the file into a new
       * database on the server, and never into one that holds data. */
      g_autofree char *back = jhk_test_new_path ("back");
      g_autofree char *back_head = NULL;
      g_autofree char *copy_head = NULL;
      g_auto(Snapshot) before = { 0 };

      jhkctl (f, "--user", "admin", "migrate", copy, back, NULL);
      assert_success (f);
      back_head = sql_text (back, "SELECT hash FROM audit_log WHERE action = 'db.migrate'"
                                  " ORDER BY seq DESC LIMIT 1");
      copy_head = sql_text (copy, "SELECT hash FROM audit_log WHERE action = 'db.migrate'"
                                  " ORDER BY seq DESC LIMIT 1");
      g_assert_cmpstr (back_head, ==, copy_head);
      g_assert_cmpint (sql_int (back, "SELECT COUNT(*) FROM users"), ==,
                       sql_int (copy, "SELECT COUNT(*) FROM users"));
      jhkctl_on (f, back, "verify", NULL);
      assert_success (f);

      snapshot_take (&before, f->db);
      jhkctl (f, "--user", "admin", "migrate", copy, f->db, NULL);
      assert_rule_error (f, "already holds data");
      /* The login was on the source: the destination has not even that. */
      assert_unchanged (&before, f->db, "");
    }
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *backup = file_in (f, "backup.db");
  g_autofree char *source = NULL;
  g_autofree char *last = NULL;
  gint64 backed_up;

  jhkctl (f, "--user", "admin", "backup", "@backup.db", NULL);
  assert_success (f);
  assert_in (f->out, "Backed up ");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  backed_up = audit_last_seq (backup);

  /* The backup is a database of its own that verifies. */
  jhkctl_on (f, backup, "verify", NULL);
  assert_success (f);

  /* A change after the backup... */
  jhkctl (f, "--user", "soukatsu", "user", "add", "after.backup", "--staff-no", "A1102",
          "--reason", "配属", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (f->db, "SELECT COUNT(*) FROM users WHERE login = 'after.backup'"),
                   ==, 1);

  /* ...is gone after the restore. */
  jhkctl (f, "--user", "admin", "restore", "@backup.db", NULL);
  assert_success (f);
  assert_in (f->out, "Restored ");
  g_assert_cmpint (sql_int (f->db, "SELECT COUNT(*) FROM users WHERE login = 'after.backup'"),
                   ==, 0);
  g_assert_cmpint (audit_last_seq (f->db), ==, backed_up + 1);
  last = sql_text (f->db, "SELECT actor || ' ' || action FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (last, ==, "admin db.restore");
  source = sql_text (f->db, "SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1");
  assert_in (source, "backup.db");

  jhkctl (f, "verify", NULL);
  assert_success (f);
  /* The backup itself is untouched by the restore. */
  g_assert_cmpint (audit_last_seq (backup), ==, backed_up);
}

/* PostgreSQL: the number of tables in a server's database. */
static gint64
pg_n_tables (const char *uri)
{
  return sql_int (uri, "SELECT COUNT(*) FROM information_schema.tables"
                       " WHERE table_schema = current_schema ()");
}

/* Issue 3, PostgreSQL: jhkctl backup writes a pg_dump archive; jhkctl
 * restore puts it into a new, empty database, checked and recorded; the
 * live database is never the target. */
static void
test_backup_restore_pg (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *backup = file_in (f, "backup.dump");
  g_autofree char *target = jhk_test_new_path ("restored");
  g_autofree char *last = NULL;
  g_autofree char *source = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 backed_up = audit_last_seq (f->db);
  GStatBuf st;

  jhkctl (f, "--user", "admin", "backup", "@backup.dump", NULL);
  assert_success (f);
  assert_in (f->out, "Backed up ");
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* What the backup holds: the database as it was, without the login and
   * logout of the backup itself. */
  before = db_dump (f->db);

  jhkctl_on (f, target, "--user", "admin", "restore", "@backup.dump", NULL);
  assert_success (f);
  assert_in (f->out, "Restored ");
  after = db_dump (target);
  last = sql_text (target, "SELECT actor || ' ' || action FROM audit_log"
                           " ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (last, ==, "admin db.restore");
  source = sql_text (target, "SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1");
  assert_in (source, "backup.dump");
  g_assert_cmpint (audit_last_seq (target), >, backed_up);
  /* Every row came back (the restore's own entry aside). */
  {
    g_auto(GStrv) lines = g_strsplit (after, "\n", -1);
    g_autoptr(GString) without_restore = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      if (*lines[i] != '\0' && strstr (lines[i], "|action=db.restore|") == NULL)
        g_string_append_printf (without_restore, "%s\n", lines[i]);
    g_assert_cmpstr (without_restore->str, ==, before);
  }
  jhkctl_on (f, target, "verify", NULL);
  assert_success (f);
  g_assert_cmpint (sql_int (target, "SELECT COUNT(*) FROM users"), ==,
                   sql_int (f->db, "SELECT COUNT(*) FROM users"));
}

/* PostgreSQL: a refused restore leaves the new database as empty as it
 * was: no table at all. */
static void
test_restore_refusals_pg (Fixture       *f,
                          gconstpointer  data)
{
  struct
  {
    const char *file;
    const char *user;
    const char *password;
    const char *message;
  } cases[] = {
    { "@corrupt.dump", "admin", JHK_DEMO_PASSWORD, "not a readable PostgreSQL backup" },
    { "@truncated.dump", "admin", JHK_DEMO_PASSWORD, "not a readable PostgreSQL backup" },
    { "@backup.dump", "soukatsu", JHK_DEMO_PASSWORD, "Only the System administrator may do this" },
    { "@backup.dump", "admin", WRONG_PASSWORD, "The user ID or the password is wrong" },
    { "@no-such-backup.dump", "admin", JHK_DEMO_PASSWORD, "There is no backup at" },
  };
  g_autofree char *backup = file_in (f, "backup.dump");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  jhkctl (f, "--user", "admin", "backup", "@backup.dump", NULL);
  assert_success (f);
  g_file_get_contents (backup, &contents, &length, &error);
  g_assert_no_error (error);
  {
    g_autofree char *truncated = file_in (f, "truncated.dump");
    g_autofree char *corrupt = file_in (f, "corrupt.dump");
    g_autofree char *garbage = g_strnfill (8192, 'x');

    write_file (truncated, contents, length / 2);
    write_file (corrupt, garbage, -1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *target = jhk_test_new_path ("refused");

      f->password = cases[i].password;
      jhkctl_on (f, target, "--user", cases[i].user, "restore", cases[i].file, NULL);
      assert_rule_error (f, cases[i].message);
      g_assert_cmpint (pg_n_tables (target), ==, 0);
    }
}

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = jhk_test_backend_is_pg () ? jhk_test_new_path ("init")
                                                    : file_in (f, "new/folder/jhk.db");
  g_autofree char *actions = NULL;
  GStatBuf st;

  f->password = "Init-pass-2026";
  jhkctl_on (f, path, "init", "--org-code", "100", "--org-name", "総務部", "--staff-no", "S0001",
             "--name", "鈴木 一郎", "--login", "suzuki", NULL);
  assert_success (f);
  assert_in (f->out, "with the general supervisor “suzuki”");

  /* A new file only its owner can read. */
  if (!is_server (path))
    {
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_cmpint (sql_int (path, "SELECT COUNT(*) FROM users"), ==, 1);
  g_assert_cmpint (sql_int (path,
                            "SELECT COUNT(*) FROM role_assignments r JOIN staff s"
                            " ON s.id = r.staff_id WHERE s.staff_no = 'S0001'"
                            " AND r.role = 'supervisor'"),
                   ==, 1);
  actions = audit_actions_since (path, 0);
  g_assert_cmpstr (actions, ==, "db.init");

  /* The first 総括責任者 logs in and issues the next ID (R12-1). */
  jhkctl_on (f, path, "--user", "suzuki", "user", "list", NULL);
  assert_success (f);
  assert_in (f->out, "suzuki");
  jhkctl_on (f, path, "verify", NULL);
  assert_success (f);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = jhk_test_backend_is_pg () ? jhk_test_new_path ("demo")
                                                    : file_in (f, "demo.db");

  jhkctl_on (f, path, "demo", NULL);
  assert_success (f);
  for (const JhkDemoAccount *a = jhk_demo_accounts (); a->login != NULL; a++)
    assert_in (f->out, a->login);
  g_assert_cmpint (sql_int (path, "SELECT COUNT(*) FROM users"), >=, 15);
  jhkctl_on (f, path, "--user", "admin", "user", "list", NULL);
  assert_success (f);
}

/* Whether the PostgreSQL backend makes backups itself. */
static gboolean
detect_pg_backup (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!jhk_test_backend_is_pg () || jhk_test_pg_admin_uri () == NULL)
    return FALSE;
  db = jhk_test_demo_db ();
  file = jhk_test_new_file ("probe.backup");
  ok = jhk_db_backup (db, file, NULL, NULL, NULL, &error);
  if (!ok)
    g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED);
  g_unlink (file);
  return ok;
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  /* The build passes the jhkctl it built as "--jhkctl PATH". */
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

  pg_backup = detect_pg_backup ();
  ADD_TEST ("/cli/help-and-version", test_help_and_version);
  for (guint i = 0; i < G_N_ELEMENTS (usage_cases); i++)
    g_test_add (usage_cases[i].path, Fixture, &usage_cases[i], fixture_set_up, test_usage_error,
                fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (refusal_cases); i++)
    if (!jhk_test_backend_is_pg () || !is_sqlite_only_case (refusal_cases[i].path))
      g_test_add (refusal_cases[i].path, Fixture, &refusal_cases[i], fixture_set_up, test_refusal,
                  fixture_tear_down);
  for (guint i = 0; jhk_test_backend_is_pg () && !pg_backup && i < G_N_ELEMENTS (refusal_cases_pg);
       i++)
    g_test_add (refusal_cases_pg[i].path, Fixture, &refusal_cases_pg[i], fixture_set_up,
                test_refusal, fixture_tear_down);
  for (guint i = 0; pg_backup && i < G_N_ELEMENTS (refusal_cases_pg_backup); i++)
    g_test_add (refusal_cases_pg_backup[i].path, Fixture, &refusal_cases_pg_backup[i],
                fixture_set_up, test_refusal, fixture_tear_down);
  ADD_TEST ("/cli/R13-5/failed-login-counted", test_r13_5_failed_login_counted);
  ADD_TEST ("/cli/init/refused-leaves-no-file", test_init_refused_leaves_no_file);

  ADD_TEST ("/cli/R12-1/add-by-supervisor", test_r12_1_add_by_supervisor);
  ADD_TEST ("/cli/R12-1/add-by-sysadmin-with-approval", test_r12_1_add_by_sysadmin_with_approval);
  ADD_TEST ("/cli/R12-1/status", test_r12_1_status);
  ADD_TEST ("/cli/R13-8/passwd-own", test_r13_8_passwd_own);
  ADD_TEST ("/cli/R13-8/passwd-reset", test_r13_8_passwd_reset);
  ADD_TEST ("/cli/R13-10/restrict", test_r13_10_restrict);
  ADD_TEST ("/cli/R13-5/lockout-and-unlock", test_r13_5_lockout_and_unlock);
  ADD_TEST ("/cli/list/json", test_list_json);
  ADD_TEST ("/cli/list/json-after-changes", test_list_json_changes);
  ADD_TEST ("/cli/verify/clean", test_verify_clean);
  ADD_TEST ("/cli/verify/altered-entry", test_verify_altered_entry);
  ADD_TEST ("/cli/verify/deleted-entry", test_verify_deleted_entry);
  ADD_TEST ("/cli/verify/checkpoint-truncation", test_verify_checkpoint_truncation);
  if (!jhk_test_backend_is_pg ())
    {
      ADD_TEST ("/cli/backup-restore/round-trip", test_backup_restore);
      ADD_TEST ("/cli/migrate/sqlite-to-sqlite", test_migrate);
    }
  else
    {
      ADD_TEST ("/cli/migrate/postgresql-to-sqlite-and-back", test_migrate);
      if (pg_backup)
        {
          ADD_TEST ("/cli/backup-restore/postgresql-round-trip", test_backup_restore_pg);
          ADD_TEST ("/cli/restore/postgresql-refusals-leave-it-empty", test_restore_refusals_pg);
        }
    }
  ADD_TEST ("/cli/init/new-path", test_init);
  ADD_TEST ("/cli/demo/new-path", test_demo);

  return jhk_test_run ();
}
