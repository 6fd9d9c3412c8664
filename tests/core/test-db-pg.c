/* test-db-pg.c: the PostgreSQL backend, on a private throwaway cluster.
 *
 * With JHK_TEST_PG_URI unset, the test makes its own cluster: initdb into a
 * temporary folder, the server listening only on a Unix socket in that
 * folder, as the `postgres` user when the test runs as root. A watchdog
 * process stops the server and removes the folder when the test process
 * ends in any way (a failed assertion aborts, so atexit alone would not do).
 * With JHK_TEST_PG_URI set, that server is used: the role must be allowed
 * to create databases. Each test gets a new database.
 */
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-db-private.h"
#include "jhk-db-watch.h"
#include "jhk-demo.h"
#include "jhk-test-util.h"

static char *bin_dir;       /* PostgreSQL's programs */
static char *cluster_dir;   /* the private cluster, NULL with JHK_TEST_PG_URI */
static char *admin_uri;     /* a maintenance connection (libpq URI) */
static GPtrArray *databases;
static guint n_databases;
static uid_t server_uid;
static gid_t server_gid;
static gboolean as_postgres;

#define PORT "5439"

/* Server set-up ----------------------------------------------------------- */

static char *
find_bin_dir (void)
{
  g_autofree char *initdb = g_find_program_in_path ("initdb");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  const char *name;
  int best_version = 0;

  /* Debian keeps the server programs out of PATH, one folder per version. */
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *candidate = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *program = g_build_filename (candidate, "initdb", NULL);

      if (atoi (name) > best_version && g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
        {
          best_version = atoi (name);
          g_free (best);
          best = g_steal_pointer (&candidate);
        }
    }
  if (best != NULL)
    return g_steal_pointer (&best);
  if (initdb != NULL)
    {
      g_autofree char *real = realpath (initdb, NULL);
      return g_path_get_dirname (real != NULL ? real : initdb);
    }
  return NULL;
}

/* Runs one of the server's programs, as the postgres user when we are root
 * (the server refuses to run as root). */
static gboolean
run_tool (const char * const *args,
          GError            **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (bin_dir, args[0], NULL));
  for (guint i = 1; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (cluster_dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s%s", args[0], out, err);
      return FALSE;
    }
  return TRUE;
}

static void
chown_to_server (const char *path)
{
  if (as_postgres && chown (path, server_uid, server_gid) != 0)
    g_error ("chown %s: %s", path, g_strerror (errno));
}

static void
setsid_cb (gpointer data)
{
  setsid ();
}

/* Stops the server and removes the folder once this process has gone,
 * however it went. */
static void
start_watchdog (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pg_ctl = g_build_filename (bin_dir, "pg_ctl", NULL);
  g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
  g_autofree char *q_ctl = g_shell_quote (pg_ctl);
  g_autofree char *q_data = g_shell_quote (data);
  g_autofree char *q_dir = g_shell_quote (cluster_dir);
  g_autofree char *script =
    g_strdup_printf ("while kill -0 %d 2>/dev/null; do sleep 1; done; "
                     "%s %s stop -D %s -m immediate >/dev/null 2>&1; rm -rf %s",
                     (int) getpid (), as_postgres ? "runuser -u postgres --" : "", q_ctl, q_data,
                     q_dir);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };

  if (!g_spawn_async ("/", (char **) argv, NULL,
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL |
                        G_SPAWN_STDIN_FROM_DEV_NULL,
                      setsid_cb, NULL, NULL, &error))
    g_error ("Cannot start the watchdog: %s", error->message);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
quiet_notice_cb (void       *user_data,
                 const char *message)
{
}

static PGconn *
admin_connect (void)
{
  PGconn *pg = PQconnectdb (admin_uri);

  if (PQstatus (pg) != CONNECTION_OK)
    g_error ("Cannot connect to the test server: %s", PQerrorMessage (pg));
  PQsetNoticeProcessor (pg, quiet_notice_cb, NULL);
  return pg;
}

static void
admin_exec (const char *sql)
{
  PGconn *pg = admin_connect ();
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (pg);
}

static void
stop_server (void)
{
  if (databases != NULL && cluster_dir == NULL)
    for (guint i = 0; i < databases->len; i++)
      {
        g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s",
                                                (char *) g_ptr_array_index (databases, i));
        PGconn *pg = PQconnectdb (admin_uri);
        PQclear (PQexec (pg, sql));
        PQfinish (pg);
      }
  if (cluster_dir != NULL)
    {
      g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
      const char *stop[] = { "pg_ctl", "stop", "-D", data, "-m", "fast", "-w", NULL };

      run_tool (stop, NULL);
      remove_tree (cluster_dir);
      g_clear_pointer (&cluster_dir, g_free);
    }
}

static void
start_private_cluster (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *hba = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *log = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *host = NULL;
  gint64 start = g_get_monotonic_time ();

  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        g_error ("Running as root, and there is no postgres user to run the server as.");
      as_postgres = TRUE;
      server_uid = pw->pw_uid;
      server_gid = pw->pw_gid;
    }

  /* A short path: the socket's must fit in 107 bytes. */
  cluster_dir = g_dir_make_tmp ("jhk-pg-XXXXXX", &error);
  g_assert_no_error (error);
  chown_to_server (cluster_dir);
  start_watchdog ();
  atexit (stop_server);

  data = g_build_filename (cluster_dir, "data", NULL);
  {
    const char *initdb[] = { "initdb", "-D", data, "-U", "postgres", "-A", "trust",
                             "-E", "UTF8", "--locale=C", "--no-sync", NULL };
    if (!run_tool (initdb, &error))
      g_error ("%s", error->message);
  }

  /* One role must give a password: the test of JHK_DB_ERROR_AUTH. */
  hba = g_build_filename (data, "pg_hba.conf", NULL);
  g_file_set_contents (hba,
                       "local all jhk_pw scram-sha-256\n"
                       "local all all trust\n", -1, &error);
  g_assert_no_error (error);
  chown_to_server (hba);
  conf = g_build_filename (data, "postgresql.conf", NULL);
  settings = g_strdup_printf ("\nlisten_addresses = ''\n"
                              "unix_socket_directories = '%s'\n"
                              "port = " PORT "\n"
                              "fsync = off\n"
                              "synchronous_commit = off\n"
                              "full_page_writes = off\n"
                              "max_connections = 40\n",
                              cluster_dir);
  {
    g_autofree char *contents = NULL;
    g_autofree char *all = NULL;

    g_file_get_contents (conf, &contents, NULL, &error);
    g_assert_no_error (error);
    all = g_strconcat (contents, settings, NULL);
    g_file_set_contents (conf, all, -1, &error);
    g_assert_no_error (error);
    chown_to_server (conf);
  }

  log = g_build_filename (cluster_dir, "server.log", NULL);
  {
    const char *pg_ctl[] = { "pg_ctl", "start", "-D", data, "-l", log, "-w", "-t", "60", NULL };
    if (!run_tool (pg_ctl, &error))
      {
        g_autofree char *server_log = NULL;
        g_file_get_contents (log, &server_log, NULL, NULL);
        g_error ("%s\n%s", error->message, server_log);
      }
  }

  host = g_uri_escape_string (cluster_dir, NULL, FALSE);
  admin_uri = g_strdup_printf ("postgresql:///postgres?host=%s&port=" PORT "&user=postgres",
                               host);
  admin_exec ("CREATE ROLE jhk_pw LOGIN PASSWORD 'secret'");
  g_test_message ("Private PostgreSQL cluster in %s, started in %.1f s", cluster_dir,
                  (g_get_monotonic_time () - start) / 1e6);
}

/* The URI of the server with another database. */
static char *
uri_for_database (const char *name)
{
  g_autoptr(GString) uri = g_string_new ("postgresql:///");
  PQconninfoOption *options = PQconninfoParse (admin_uri, NULL);
  char sep = '?';

  g_assert_nonnull (options);
  g_string_append (uri, name);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      g_autofree char *value = NULL;

      if (o->val == NULL || g_str_equal (o->keyword, "dbname"))
        continue;
      value = g_uri_escape_string (o->val, NULL, FALSE);
      g_string_append_printf (uri, "%c%s=%s", sep, o->keyword, value);
      sep = '&';
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* A new, empty database, collated as SQLite compares (by code point). */
static char *
new_database (void)
{
  g_autofree char *name = g_strdup_printf ("jhk_test_%d_%u", (int) getpid (), ++n_databases);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                                          " LC_COLLATE 'C' LC_CTYPE 'C'", name);

  admin_exec (sql);
  g_ptr_array_add (databases, g_strdup (name));
  return uri_for_database (name);
}

static gboolean
need_server (void)
{
  if (admin_uri == NULL)
    {
      g_test_skip ("No PostgreSQL server programs (initdb, pg_ctl) are installed and "
                   "JHK_TEST_PG_URI is unset: install postgresql to run these tests.");
      return FALSE;
    }
  return TRUE;
}

static JhkDb *
open_new (char **out_uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = new_database ();
  JhkDb *db = jhk_db_open (uri, JHK_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  if (out_uri != NULL)
    *out_uri = g_steal_pointer (&uri);
  return db;
}

static gint64
count (JhkDb      *db,
       const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);
  gint64 n = -1;

  jhk_db_query_int64 (db, &n, &error, sql, JHK_DB_END);
  g_assert_no_error (error);
  return n;
}

static char *
query_text (JhkDb      *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  jhk_db_query_text (db, &value, &error, sql, JHK_DB_END);
  g_assert_no_error (error);
  return value;
}

/* Tests --------------------------------------------------------------------- */

static void
test_placeholders (void)
{
  struct
  {
    const char *sql;
    const char *expected;
    int         n;
  } cases[] = {
    { "SELECT ?", "SELECT $1", 1 },
    { "INSERT INTO t VALUES (?,?, ?)", "INSERT INTO t VALUES ($1,$2, $3)", 3 },
    { "SELECT '?', 'it''s ?', ? FROM t", "SELECT '?', 'it''s ?', $1 FROM t", 1 },
    { "SELECT \"odd?name\", ? FROM \"t\"\"?\"", "SELECT \"odd?name\", $1 FROM \"t\"\"?\"", 1 },
    { "SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2 },
    { "SELECT /* a ? /* nested ? */ still ? */ ?", "SELECT /* a ? /* nested ? */ still ? */ $1",
      1 },
    { "SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1 },
    { "SELECT $$ ? $$, $x$ '? $x$, ?", "SELECT $$ ? $$, $x$ '? $x$, $1", 1 },
    { "x LIKE ? ESCAPE '\\' OR y not like ? ESCAPE '\\' OR 'LIKE' = likes",
      "x ILIKE $1 ESCAPE '\\' OR y not ILIKE $2 ESCAPE '\\' OR 'LIKE' = likes", 2 },
    { "SELECT '?", "SELECT '?", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *out = jhk_db_pg_rewrite_placeholders (cases[i].sql, &n);

      g_assert_cmpstr (out, ==, cases[i].expected);
      g_assert_cmpint (n, ==, cases[i].n);
    }

  if (need_server ())
    {
      g_autoptr(JhkDb) db = open_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      /* On the server: the literal's `?` stays a question mark. */
      jhk_db_query_text (db, &value, &error, "SELECT '?' || ? || 'it''s ?'", JHK_T ("y"),
                         JHK_DB_END);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "?yit's ?");
      g_clear_pointer (&value, g_free);

      /* LIKE ignores the case of ASCII letters only, as in SQLite. */
      jhk_db_query_text (db, &value, &error,
                         "SELECT CASE WHEN 'Admin-Ａ' LIKE ? ESCAPE '\\' THEN 'yes' ELSE 'no' END",
                         JHK_T ("%admin-ａ%"), JHK_DB_END);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "no");
      g_clear_pointer (&value, g_free);
      jhk_db_query_text (db, &value, &error,
                         "SELECT CASE WHEN 'Admin_1' LIKE ? ESCAPE '\\' THEN 'yes' ELSE 'no' END",
                         JHK_T ("%admin\\_1%"), JHK_DB_END);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "yes");
    }
}

static void
test_translate_ddl (void)
{
  g_autofree char *out =
    jhk_db_pg_translate_ddl ("-- INTEGER PRIMARY KEY in a comment stays\n"
                             "CREATE TABLE t (\n"
                             "  id   INTEGER  PRIMARY\n KEY,\n"
                             "  n    INTEGER NOT NULL DEFAULT 0,\n"
                             "  note TEXT NOT NULL DEFAULT 'INTEGER',\n"
                             "  big  BIGINT\n);\n");

  g_assert_nonnull (strstr (out, "-- INTEGER PRIMARY KEY in a comment stays\n"));
  g_assert_nonnull (strstr (out, "id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"));
  g_assert_nonnull (strstr (out, "n    BIGINT NOT NULL"));
  g_assert_nonnull (strstr (out, "DEFAULT 'INTEGER'"));
  g_assert_nonnull (strstr (out, "big  BIGINT\n"));
}

/* The shared parts of the bundled migrations (numbers may have gaps). */
static int
n_bundled_migrations (void)
{
  g_auto(GStrv) children = g_resources_enumerate_children ("/org/example/Jhk/sql/", 0, NULL);
  int n = 0;

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_ascii_isdigit (children[i][0]) && g_str_has_suffix (children[i], ".sql") &&
        strchr (children[i], '.') == strrchr (children[i], '.'))
      n++;
  return n;
}

static void
test_open_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *seq_type = NULL;
  g_autofree char *identity = NULL;
  int latest = jhk_db_get_latest_schema_version ();
  gint64 applied;

  if (!need_server ())
    return;

  {
    g_autoptr(JhkDb) db = open_new (&uri);

    g_assert_cmpstr (jhk_db_get_backend_name (db), ==, "postgresql");
    g_assert_cmpstr (jhk_db_get_uri (db), ==, uri);
    g_assert_cmpint (jhk_db_get_schema_version (db), ==, latest);
    applied = count (db, "schema_migrations");
    g_assert_cmpint (applied, ==, n_bundled_migrations ());
    /* Ids and µs timestamps are 64-bit; ids are identities. */
    seq_type = query_text (db, "SELECT data_type FROM information_schema.columns"
                               " WHERE table_name = 'audit_log' AND column_name = 'seq'");
    g_assert_cmpstr (seq_type, ==, "bigint");
    identity = query_text (db, "SELECT is_identity FROM information_schema.columns"
                               " WHERE table_name = 'staff' AND column_name = 'id'");
    g_assert_cmpstr (identity, ==, "YES");
    g_clear_pointer (&seq_type, g_free);
    seq_type = query_text (db, "SELECT data_type FROM information_schema.columns"
                               " WHERE table_name = 'users' AND column_name = 'failed_attempts'");
    g_assert_cmpstr (seq_type, ==, "bigint");
  }

  /* Opening again applies nothing. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(JhkDb) again = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);

      g_assert_no_error (error);
      g_assert_cmpint (jhk_db_get_schema_version (again), ==, latest);
      g_assert_cmpint (count (again, "schema_migrations"), ==, applied);
    }
}

typedef struct
{
  const char *uri;
  GError     *error;
  int         version;
} OpenJob;

static gpointer
open_thread (gpointer data)
{
  OpenJob *job = data;
  JhkDb *db = jhk_db_open (job->uri, JHK_DB_OPEN_CREATE, &job->error);

  if (db != NULL)
    job->version = jhk_db_get_schema_version (db);
  g_clear_object (&db);
  return NULL;
}

/* Four workstations opening one new database at the same moment: one
 * creates the schema, the others wait for it and find it done. */
static void
test_open_concurrent (void)
{
  g_autofree char *uri = NULL;
  OpenJob jobs[4] = { { 0 } };
  GThread *threads[4];

  if (!need_server ())
    return;
  uri = new_database ();
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i].uri = uri;
      threads[i] = g_thread_new ("open", open_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (jobs[i].error);
      g_assert_cmpint (jobs[i].version, ==, jhk_db_get_latest_schema_version ());
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JhkDb) db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (count (db, "schema_migrations"), ==, n_bundled_migrations ());
  }
}

static void
test_open_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autofree char *missing = NULL;

  /* No server there. */
  db = jhk_db_open ("postgresql:///jhk?host=/nonexistent-jhk-socket-dir&connect_timeout=2",
                    JHK_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_clear_error (&error);

  if (!need_server ())
    return;

  /* No such database. */
  missing = uri_for_database ("jhk_no_such_database");
  db = jhk_db_open (missing, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "jhk_no_such_database"));
  g_clear_error (&error);

  if (cluster_dir == NULL)
    return;

  /* The server asks for a password the URI does not hold: the app asks the
   * user. A wrong one is refused the same way; the right one opens. */
  {
    g_autofree char *host = g_uri_escape_string (cluster_dir, NULL, FALSE);
    g_autofree char *no_password =
      g_strdup_printf ("postgresql://jhk_pw@/postgres?host=%s&port=" PORT, host);
    g_autofree char *wrong =
      g_strdup_printf ("postgresql://jhk_pw:wrong@/postgres?host=%s&port=" PORT, host);
    g_autofree char *right = NULL;
    g_autofree char *dbname = new_database ();
    PQconninfoOption *options = PQconninfoParse (dbname, NULL);

    for (PQconninfoOption *o = options; o->keyword != NULL; o++)
      if (g_str_equal (o->keyword, "dbname"))
        right = g_strdup_printf ("postgresql://jhk_pw:secret@/%s?host=%s&port=" PORT, o->val,
                                 host);
    PQconninfoFree (options);

    g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
    db = jhk_db_open (no_password, JHK_DB_OPEN_DEFAULT, &error);
    g_assert_null (db);
    g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH);
    g_clear_error (&error);

    db = jhk_db_open (wrong, JHK_DB_OPEN_DEFAULT, &error);
    g_assert_null (db);
    g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH);
    g_clear_error (&error);

    admin_exec ("GRANT CREATE ON DATABASE postgres TO jhk_pw");
    {
      g_autofree char *sql = NULL;
      PQconninfoOption *parsed = PQconninfoParse (right, NULL);

      for (PQconninfoOption *o = parsed; o->keyword != NULL; o++)
        if (g_str_equal (o->keyword, "dbname"))
          sql = g_strdup_printf ("ALTER DATABASE %s OWNER TO jhk_pw", o->val);
      PQconninfoFree (parsed);
      admin_exec (sql);
    }
    db = jhk_db_open (right, JHK_DB_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (db);
    g_assert_cmpint (jhk_db_get_schema_version (db), ==, jhk_db_get_latest_schema_version ());
    g_clear_object (&db);
  }
}

static void
test_typed_binds (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  const char *text = "髙﨑①'\"; DROP TABLE t; -- 情報管理 ? $1 \\";
  gint64 n = -1;

  if (!need_server ())
    return;
  db = open_new (NULL);

  jhk_db_exec (db, "CREATE TABLE t (i BIGINT, s TEXT, d DOUBLE PRECISION, z BIGINT)", &error);
  g_assert_no_error (error);
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?, ?, ?, ?)", JHK_I (G_MAXINT64), JHK_T (text),
              JHK_D (0.5), JHK_IZ (0), JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_db_changes (db), ==, 1);
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?, ?, ?, ?)", JHK_I (G_MININT64), JHK_TN (NULL),
              JHK_D (-1.0e300), JHK_IZ (7), JHK_DB_END);
  g_assert_no_error (error);

  stmt = jhk_db_query (db, &error, "SELECT i, s, d, z FROM t ORDER BY i DESC", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_db_stmt_get_n_columns (stmt), ==, 4);
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_ROW);
  g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 0), ==, G_MAXINT64);
  g_assert_cmpstr (jhk_db_stmt_get_text (stmt, 1), ==, text);
  g_assert_cmpfloat (jhk_db_stmt_get_double (stmt, 2), ==, 0.5);
  g_assert_true (jhk_db_stmt_is_null (stmt, 3));
  g_assert_null (jhk_db_stmt_get_text (stmt, 3));
  g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 3), ==, 0);
  g_assert_cmpstr (jhk_db_stmt_get_column_name (stmt, 1), ==, "s");
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_ROW);
  g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 0), ==, G_MININT64);
  g_assert_true (jhk_db_stmt_is_null (stmt, 1));
  g_assert_cmpfloat (jhk_db_stmt_get_double (stmt, 2), ==, -1.0e300);
  g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 3), ==, 7);
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_DONE);
  g_assert_no_error (error);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  /* Texts compare as text, numbers as numbers, from a cached statement. */
  for (int i = 0; i < 3; i++)
    {
      jhk_db_query_int64 (db, &n, &error, "SELECT COUNT(*) FROM t WHERE s = ?", JHK_T (text),
                          JHK_DB_END);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, 1);
    }
  jhk_db_query_int64 (db, &n, &error, "SELECT z FROM t WHERE i < ?", JHK_I (0), JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 7);

  /* Parameters whose type the text does not tell. */
  jhk_db_query_int64 (db, &n, &error, "SELECT ? IS NULL", JHK_N, JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  jhk_db_query_int64 (db, &n, &error, "SELECT ? + 1", JHK_I (41), JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 42);

  /* Column names before the first step, as in SQLite. */
  stmt = jhk_db_prepare (db, "SELECT i AS first, s AS second FROM t WHERE i = ?", &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_db_stmt_get_n_columns (stmt), ==, 2);
  g_assert_cmpstr (jhk_db_stmt_get_column_name (stmt, 1), ==, "second");
}

static void
test_errors_mapped (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  db = open_new (NULL);

  g_assert_false (jhk_db_exec (db, "SELEC nonsense", &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (jhk_db_prepare (db, "SELECT nothing FROM nowhere WHERE x = ?", &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED);
  g_clear_error (&error);

  jhk_db_exec (db, "CREATE TABLE p (id BIGINT PRIMARY KEY);"
                   "CREATE TABLE u (k TEXT UNIQUE NOT NULL, n BIGINT CHECK (n > 0),"
                   " p BIGINT REFERENCES p (id))", &error);
  g_assert_no_error (error);
  jhk_db_run (db, &error, "INSERT INTO u (k) VALUES ('a')", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO u (k) VALUES (?)", JHK_T ("a"),
                              JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNIQUE);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO u (k) VALUES (?)", JHK_TN (NULL),
                              JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO u (k, n) VALUES ('b', ?)", JHK_I (0),
                              JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO u (k, p) VALUES ('c', ?)", JHK_I (99),
                              JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_false (jhk_db_query_int64 (db, NULL, &error, "SELECT 1 FROM u WHERE k = 'zz'",
                                      JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* changes() counts the rows of the last write only. */
  jhk_db_run (db, &error, "INSERT INTO u (k) VALUES ('x'), ('y'), ('z')", JHK_DB_END);
  g_assert_cmpint (jhk_db_changes (db), ==, 3);
  jhk_db_run (db, &error, "UPDATE u SET n = 5 WHERE k IN ('x', 'y')", JHK_DB_END);
  g_assert_cmpint (jhk_db_changes (db), ==, 2);
  count (db, "u");
  g_assert_cmpint (jhk_db_changes (db), ==, 2);
  g_assert_no_error (error);

  /* Backups are pg_dump's job. */
  g_assert_false (jhk_db_backup (db, "/tmp/never-written.db", NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "pg_dump"));
  g_clear_error (&error);
  g_assert_false (jhk_db_restore (db, "/tmp/never-read.db", NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "pg_restore"));
}

static void
test_transactions_nest (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  db = open_new (NULL);

  jhk_db_exec (db, "CREATE TABLE t (v TEXT UNIQUE)", &error);
  g_assert_no_error (error);

  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?)", JHK_T ("outer"), JHK_DB_END);
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?)", JHK_T ("inner"), JHK_DB_END);
  jhk_db_rollback (db); /* the savepoint only */
  g_assert_true (jhk_db_in_transaction (db));
  /* A failed statement in a savepoint: rolling the savepoint back keeps
   * the outer transaction usable. */
  g_assert_true (jhk_db_begin (db, &error));
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO t VALUES ('outer')", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNIQUE);
  g_clear_error (&error);
  jhk_db_rollback (db);
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?)", JHK_TN (NULL), JHK_DB_END);
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_in_transaction (db));
  g_assert_cmpint (count (db, "t"), ==, 2);
  g_assert_cmpint (count (db, "t WHERE v = 'inner'"), ==, 0);
  g_assert_cmpint (count (db, "t WHERE v IS NULL"), ==, 1);

  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES ('gone')", JHK_DB_END);
  jhk_db_rollback (db);
  g_assert_cmpint (count (db, "t"), ==, 2);

  /* A failed statement spoils the whole transaction; after the rollback
   * the connection works again. */
  g_assert_true (jhk_db_begin (db, &error));
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO t VALUES ('outer')", JHK_DB_END));
  g_clear_error (&error);
  jhk_db_rollback (db);
  g_assert_cmpint (count (db, "t"), ==, 2);
}

static void
append (JhkDb      *db,
        const char *actor,
        int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%d", n);

  json_object_set_int_member (details, "n", n);
  json_object_set_string_member (details, "note", "監査テスト");
  jhk_audit_append_raw (db, actor, "sysadmin", "910", "ws-pg", "staff.add", "staff", id, details,
                        &error);
  g_assert_no_error (error);
}

static void
assert_chain (JhkDb  *db,
              gint64  expected)
{
  g_autoptr(GError) error = NULL;
  JhkAuditReport report = { 0 };

  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, ==, expected);
  g_assert_cmpstr (report.integrity, ==, "ok");
  jhk_audit_report_clear (&report);
  g_assert_cmpint (count (db, "audit_log"), ==, expected);
  /* No gap: seq runs 1..n. */
  g_assert_cmpint (count (db, "audit_log a WHERE a.seq > 1 AND NOT EXISTS"
                              " (SELECT 1 FROM audit_log b WHERE b.seq = a.seq - 1)"), ==, 0);
}

static void
test_audit_refuses_changes (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const char *refused[] = {
    "UPDATE audit_log SET actor = 'someone else'",
    "DELETE FROM audit_log WHERE seq = 1",
    "TRUNCATE audit_log",
  };

  if (!need_server ())
    return;
  db = open_new (NULL);

  g_assert_true (jhk_db_begin (db, &error));
  append (db, "admin", 1);
  append (db, "admin", 2);
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (jhk_db_exec (db, refused[i], &error));
      g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
      g_clear_error (&error);
      /* Also in a transaction, and also as a replica session would. */
      g_assert_true (jhk_db_exec (db, "SET session_replication_role = replica", &error));
      g_assert_false (jhk_db_run (db, &error, refused[i], JHK_DB_END));
      g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
      g_clear_error (&error);
      g_assert_true (jhk_db_exec (db, "RESET session_replication_role", &error));
    }
  assert_chain (db, 2);

  g_assert_true (jhk_db_integrity_check (db, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
  g_clear_pointer (&report, g_free);

  /* An owner who switches a trigger off is found out. */
  g_assert_true (jhk_db_exec (db, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete",
                              &error));
  g_assert_false (jhk_db_integrity_check (db, &report, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (report, "audit_log_no_delete"));
  g_clear_error (&error);
  g_assert_true (jhk_db_exec (db, "ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_delete",
                              &error));
  g_assert_true (jhk_db_integrity_check (db, NULL, &error));
}

/* Rows copied with their ids (jhkctl migrate from SQLite) leave the
 * identity ready for the next id once the database is opened again. */
static void
test_identity_follows_copies (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 id = 0;

  if (!need_server ())
    return;
  db = open_new (&uri);

  jhk_db_run (db, &error, "INSERT INTO org_units (id, code, name, kind, valid_from, created_at)"
                          " VALUES (?, '1', '本部', 'department', '2024-04-01', 0)",
              JHK_T ("41"), JHK_DB_END);
  g_assert_no_error (error);
  g_clear_object (&db);

  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  jhk_db_query_int64 (db, &id, &error,
                      "INSERT INTO org_units (code, name, kind, valid_from, created_at)"
                      " VALUES ('2', '支部', 'office', '2024-04-01', 0) RETURNING id",
                      JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 42);
}

static void
test_demo_verifies (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = NULL;
  gint64 entries;
  gint64 start;

  if (!need_server ())
    return;
  db = open_new (NULL);

  start = g_get_monotonic_time ();
  g_assert_true (jhk_demo_populate (db, &error));
  g_assert_no_error (error);
  g_test_message ("Demo organisation on PostgreSQL in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  entries = count (db, "audit_log");
  g_assert_cmpint (entries, >, 0);
  g_assert_cmpint (count (db, "users"), >, 0);
  assert_chain (db, entries);

  /* The demo accounts log in as they do on SQLite. */
  session = jhk_test_login (db, jhk_demo_accounts ()[0].login);
  g_assert_nonnull (session);
  /* A second populate is refused and changes nothing. */
  g_assert_false (jhk_demo_populate (db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (jhk_db_in_transaction (db));
  assert_chain (db, count (db, "audit_log"));
}

/* Two workstations appending in turn, each in its own transactions: one
 * chain, no gap, verifying from either side. */
static void
test_two_writers_alternate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JhkDb) a = NULL;
  g_autoptr(JhkDb) b = NULL;

  if (!need_server ())
    return;
  a = open_new (&uri);
  b = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 20; i++)
    {
      JhkDb *writer = i % 2 ? b : a;

      g_assert_true (jhk_db_begin (writer, &error));
      append (writer, i % 2 ? "b" : "a", i);
      if (i % 5 == 4)
        {
          /* A nested part that is undone leaves no trace in the chain. */
          g_assert_true (jhk_db_begin (writer, &error));
          append (writer, "undone", i);
          jhk_db_rollback (writer);
        }
      g_assert_true (jhk_db_commit (writer, &error));
      g_assert_no_error (error);
    }
  assert_chain (a, 20);
  assert_chain (b, 20);
  g_assert_cmpint (count (a, "audit_log WHERE actor = 'undone'"), ==, 0);
}

typedef struct
{
  const char *uri;
  const char *actor;
  int         n;
  GError     *error;
} WriterJob;

static gpointer
writer_thread (gpointer data)
{
  WriterJob *job = data;
  g_autoptr(JhkDb) db = jhk_db_open (job->uri, JHK_DB_OPEN_DEFAULT, &job->error);

  for (int i = 0; db != NULL && i < job->n && job->error == NULL; i++)
    {
      g_autoptr(JsonObject) details = json_object_new ();

      json_object_set_int_member (details, "n", i);
      if (!jhk_db_begin (db, &job->error))
        break;
      if (!jhk_audit_append_raw (db, job->actor, "sysadmin", "910", "ws", "staff.add", "staff",
                                 "1", details, &job->error) ||
          !jhk_db_commit (db, &job->error))
        {
          if (jhk_db_in_transaction (db))
            jhk_db_rollback (db);
          break;
        }
    }
  return NULL;
}

/* Four workstations appending at the same time: the write lock serialises
 * them into one gap-free chain, nobody fails. */
static void
test_concurrent_writers (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(JhkDb) db = NULL;
  WriterJob jobs[4];
  GThread *threads[4];
  const char *actors[] = { "w1", "w2", "w3", "w4" };
  gint64 start;

  if (!need_server ())
    return;
  db = open_new (&uri);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (WriterJob) { uri, actors[i], 100, NULL };
      threads[i] = g_thread_new ("writer", writer_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (jobs[i].error);
    }
  g_test_message ("400 audited transactions from 4 connections in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  assert_chain (db, 400);
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autofree char *where = g_strdup_printf ("audit_log WHERE actor = '%s'", actors[i]);
      g_assert_cmpint (count (db, where), ==, 100);
    }
}

/* The server ends the session (a restart, a fail-over, a network cut). */
static void
terminate_session (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 pid = 0;

  jhk_db_query_int64 (db, &pid, &error, "SELECT pg_backend_pid ()", JHK_DB_END);
  g_assert_no_error (error);
  /* Waits up to 5 s for the session to be gone. */
  sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ", 5000)", pid);
  admin_exec (sql);
}

/* Between transactions a lost session is replaced without the caller
 * noticing; a transaction it was in is reported, rolled back by the caller,
 * and the next one runs on a new session. */
static void
test_session_lost (void)
{
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  db = open_new (NULL);

  g_assert_cmpint (count (db, "settings"), ==, 0);
  terminate_session (db);
  /* A read, from a statement prepared in the old session. */
  g_assert_cmpint (count (db, "settings"), ==, 0);
  terminate_session (db);
  /* A transaction's start. */
  g_assert_true (jhk_db_begin (db, &error));
  g_assert_no_error (error);
  jhk_db_run (db, &error, "INSERT INTO settings VALUES ('a', '1')", JHK_DB_END);
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_no_error (error);

  /* Lost in the middle of a change: the change is gone, the error says so,
   * and after the rollback all works again. */
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO settings VALUES ('b', '2')", JHK_DB_END);
  g_assert_no_error (error);
  terminate_session (db);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO settings VALUES ('c', '3')", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (db, &error, "SELECT 1", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_clear_error (&error);
  jhk_db_rollback (db);
  g_assert_false (jhk_db_in_transaction (db));
  g_assert_cmpint (count (db, "settings"), ==, 1);

  /* Lost just before the commit. */
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO settings VALUES ('d', '4')", JHK_DB_END);
  terminate_session (db);
  g_assert_false (jhk_db_commit (db, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (jhk_db_in_transaction (db));
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO settings VALUES ('e', '5')", JHK_DB_END);
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db, "settings"), ==, 2);
  g_assert_cmpint (jhk_db_get_data_version (db), >, 0);
}

static void
test_data_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JhkDb) writer = NULL;
  g_autoptr(JhkDb) reader = NULL;
  g_autoptr(JhkDbWatch) watch = NULL;
  gint64 before;

  if (!need_server ())
    return;
  writer = open_new (&uri);
  reader = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  before = jhk_db_get_data_version (reader);
  g_assert_cmpint (before, >, 0);
  g_assert_cmpint (jhk_db_get_data_version (reader), ==, before);
  jhk_db_run (writer, &error, "INSERT INTO settings VALUES ('k', 'v')", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_db_get_data_version (reader), !=, before);

  watch = jhk_db_watch_new (reader, 0);
  g_assert_false (jhk_db_watch_check (watch));
  /* Committed transactions only. */
  g_assert_true (jhk_db_begin (writer, &error));
  jhk_db_run (writer, &error, "INSERT INTO settings VALUES ('k2', 'v')", JHK_DB_END);
  g_assert_no_error (error);
  /* The writer's transaction has begun writing; what the reader can see
   * has not changed yet, but the version may: only its end must tell. */
  jhk_db_watch_check (watch);
  g_assert_true (jhk_db_commit (writer, &error));
  g_assert_true (jhk_db_watch_check (watch));
  g_assert_false (jhk_db_watch_check (watch));
}

int
main (int argc, char **argv)
{
  const char *external = g_getenv ("JHK_TEST_PG_URI");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  databases = g_ptr_array_new_with_free_func (g_free);

  if (external != NULL && *external != '\0')
    {
      admin_uri = g_strdup (external);
      atexit (stop_server);
    }
  else if ((bin_dir = find_bin_dir ()) != NULL)
    {
      start_private_cluster ();
    }

  g_test_add_func ("/db-pg/dialect/placeholders", test_placeholders);
  g_test_add_func ("/db-pg/dialect/translate-ddl", test_translate_ddl);
  g_test_add_func ("/db-pg/open/migrations-idempotent", test_open_migrations);
  g_test_add_func ("/db-pg/open/concurrent-first-open", test_open_concurrent);
  g_test_add_func ("/db-pg/open/errors-and-password", test_open_errors);
  g_test_add_func ("/db-pg/statements/typed-binds", test_typed_binds);
  g_test_add_func ("/db-pg/statements/errors-mapped", test_errors_mapped);
  g_test_add_func ("/db-pg/transactions/nest-as-savepoints", test_transactions_nest);
  g_test_add_func ("/db-pg/audit/refuses-changes", test_audit_refuses_changes);
  g_test_add_func ("/db-pg/schema/identity-follows-copies", test_identity_follows_copies);
  g_test_add_func ("/db-pg/demo/populate-and-verify", test_demo_verifies);
  g_test_add_func ("/db-pg/audit/two-writers-alternate", test_two_writers_alternate);
  g_test_add_func ("/db-pg/audit/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/db-pg/data-version/other-connection", test_data_version);
  g_test_add_func ("/db-pg/open/session-lost", test_session_lost);

  return jhk_test_run ();
}
