/* jhk-test-pg.c: a PostgreSQL server for the tests.
 *
 * With JHK_TEST_PG_URI unset, the first call makes a private cluster for
 * this process: initdb into a temporary folder, the server listening only on
 * a Unix socket in that folder, as the `postgres` user when the test runs as
 * root (the server refuses to run as root). A watchdog process stops the
 * server and removes the folder when the test process ends in any way (a
 * failed assertion aborts, so atexit alone would not do). The cluster's URI
 * is exported as JHK_TEST_PG_URI, so subprocesses of the test use the same
 * server.
 *
 * With JHK_TEST_PG_URI set, that server is used: the role must be a
 * superuser. JHK_TEST_PG_CLUSTER_DIR, when set too, names the folder of that
 * server's socket and data ("data" in it), whose pg_hba.conf the tests may
 * extend (build-aux/test starts one such cluster for a whole run).
 */
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jhk-demo.h"
#include "jhk-test-pg.h"

#define PORT "5439"
/* Roles whose name starts with this need a password on our clusters. */
#define PW_PREFIX "jhk_pw"
/* Those names, one a line, included from pg_hba.conf. */
#define PW_ROLES_FILE "jhk_pw_roles"

static GMutex lock;
static gboolean initialised;
static char *bin_dir;       /* PostgreSQL's programs */
static char *cluster_dir;   /* a cluster we may configure, or NULL */
static gboolean own_cluster; /* started by this process */
static char *admin_uri;     /* the admin's connection (libpq URI) */
static GPtrArray *databases; /* to drop at exit, on an outside server */
static GHashTable *pw_roles; /* names already in PW_ROLES_FILE */
static guint n_databases;
static gboolean as_postgres;
static uid_t server_uid;
static gid_t server_gid;

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

/* Runs one of the server's programs, as the postgres user when we are root. */
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
admin_exec_unlocked (const char *sql)
{
  PGconn *pg = admin_connect ();
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (pg);
}

/* At exit: the databases made on an outside server, or our own cluster. */
static void
stop_server (void)
{
  g_mutex_lock (&lock);
  if (databases != NULL && !own_cluster)
    for (guint i = 0; i < databases->len; i++)
      {
        g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                                (char *) g_ptr_array_index (databases, i));
        PGconn *pg = PQconnectdb (admin_uri);
        PQclear (PQexec (pg, sql));
        PQfinish (pg);
      }
  if (own_cluster && cluster_dir != NULL)
    {
      g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
      const char *stop[] = { "pg_ctl", "stop", "-D", data, "-m", "fast", "-w", NULL };

      run_tool (stop, NULL);
      remove_tree (cluster_dir);
      g_clear_pointer (&cluster_dir, g_free);
    }
  g_mutex_unlock (&lock);
}

static void
write_server_file (const char *path,
                   const char *contents)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("%s", error->message);
  chown_to_server (path);
}

static void
start_private_cluster (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autofree char *log = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *contents = NULL;
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
  if (cluster_dir == NULL)
    g_error ("%s", error->message);
  own_cluster = TRUE;
  chown_to_server (cluster_dir);
  start_watchdog ();
  atexit (stop_server);

  data = g_build_filename (cluster_dir, "data", NULL);
  {
    const char *initdb[] = { "initdb", "-D", data, "-U", "postgres", "-A", "trust",
                             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions", NULL };
    if (!run_tool (initdb, &error))
      g_error ("%s", error->message);
  }

  /* Everyone by local trust, except the roles that test passwords. */
  path = g_build_filename (data, "pg_hba.conf", NULL);
  write_server_file (path, "local all " PW_PREFIX ",+" PW_PREFIX ",@" PW_ROLES_FILE
                           " scram-sha-256\n"
                           "local all all trust\n");
  g_free (path);
  path = g_build_filename (data, PW_ROLES_FILE, NULL);
  write_server_file (path, "");
  g_free (path);

  path = g_build_filename (data, "postgresql.conf", NULL);
  settings = g_strdup_printf ("\nlisten_addresses = ''\n"
                              "unix_socket_directories = '%s'\n"
                              "port = " PORT "\n"
                              "fsync = off\n"
                              "synchronous_commit = off\n"
                              "full_page_writes = off\n"
                              "max_connections = 60\n",
                              cluster_dir);
  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  {
    g_autofree char *all = g_strconcat (contents, settings, NULL);
    write_server_file (path, all);
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
  /* Subprocesses (g_test_trap_subprocess(), helpers) use this server. */
  g_setenv ("JHK_TEST_PG_URI", admin_uri, TRUE);
  g_setenv ("JHK_TEST_PG_CLUSTER_DIR", cluster_dir, TRUE);
  g_test_message ("Private PostgreSQL cluster in %s, started in %.2f s", cluster_dir,
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
init_unlocked (void)
{
  const char *external = g_getenv ("JHK_TEST_PG_URI");

  if (initialised)
    return;
  initialised = TRUE;
  databases = g_ptr_array_new_with_free_func (g_free);
  pw_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (external != NULL && *external != '\0')
    {
      const char *dir = g_getenv ("JHK_TEST_PG_CLUSTER_DIR");

      admin_uri = g_strdup (external);
      if (dir != NULL && *dir != '\0')
        {
          struct stat st;

          cluster_dir = g_strdup (dir);
          /* Files we add must belong to the server's user. */
          if (geteuid () == 0 && g_stat (dir, &st) == 0 && st.st_uid != 0)
            {
              as_postgres = TRUE;
              server_uid = st.st_uid;
              server_gid = st.st_gid;
            }
        }
      atexit (stop_server);
    }
  else if ((bin_dir = find_bin_dir ()) != NULL)
    {
      start_private_cluster ();
    }
  else if (g_strcmp0 (g_getenv ("JHK_TEST_REQUIRE_PG"), "1") == 0)
    {
      g_error ("JHK_TEST_REQUIRE_PG=1, but no PostgreSQL server programs (initdb, pg_ctl) are "
               "installed and JHK_TEST_PG_URI is unset.");
    }
}

/* API --------------------------------------------------------------------- */

const char *
jhk_test_pg_admin_uri (void)
{
  const char *uri;

  g_mutex_lock (&lock);
  init_unlocked ();
  uri = admin_uri;
  g_mutex_unlock (&lock);
  return uri;
}

gboolean
jhk_test_pg_is_private (void)
{
  return jhk_test_pg_admin_uri () != NULL && cluster_dir != NULL;
}

void
jhk_test_pg_admin_exec (const char *sql)
{
  if (jhk_test_pg_admin_uri () == NULL)
    g_error ("No PostgreSQL server for the tests: %s", JHK_TEST_PG_SKIP_MESSAGE);
  admin_exec_unlocked (sql);
}

char *
jhk_test_pg_new_database (const char *template_db)
{
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;

  if (jhk_test_pg_admin_uri () == NULL)
    g_error ("No PostgreSQL server for the tests: %s", JHK_TEST_PG_SKIP_MESSAGE);

  /* Unique on a server shared by parallel test processes and runs. */
  g_mutex_lock (&lock);
  name = g_strdup_printf ("jhk_test_%d_%08x_%u", (int) getpid (), g_random_int (),
                          ++n_databases);
  g_mutex_unlock (&lock);
  if (template_db != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", template_db);
      g_assert_null (strchr (template_db, '"'));
      /* A file copy: faster than through the WAL for a small database. */
      sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", name, quoted);
    }
  else
    {
      sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'"
                             " LC_COLLATE 'C' LC_CTYPE 'C'", name);
    }
  admin_exec_unlocked (sql);
  g_mutex_lock (&lock);
  g_ptr_array_add (databases, g_strdup (name));
  g_mutex_unlock (&lock);
  return g_steal_pointer (&name);
}

/* Lets `user` in only with a password from now on (roles named jhk_pw…),
 * however the role is made: adds the name to the file pg_hba.conf includes
 * and reloads the server's configuration. */
static void
require_password (const char *user)
{
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;
  gboolean done = FALSE;
  int fd;

  g_mutex_lock (&lock);
  if (cluster_dir == NULL || g_str_equal (user, PW_PREFIX) ||
      g_hash_table_contains (pw_roles, user))
    {
      g_mutex_unlock (&lock);
      return;
    }
  g_hash_table_add (pw_roles, g_strdup (user));
  g_assert_null (strpbrk (user, "\"\n, \t"));

  /* Appends are whole lines: processes sharing a server may add at once. */
  path = g_build_filename (cluster_dir, "data", PW_ROLES_FILE, NULL);
  line = g_strdup_printf ("%s\n", user);
  fd = open (path, O_WRONLY | O_APPEND | O_CREAT, 0644);
  if (fd < 0 || write (fd, line, strlen (line)) != (gssize) strlen (line))
    g_error ("%s: %s", path, g_strerror (errno));
  close (fd);
  chown_to_server (path);
  g_mutex_unlock (&lock);

  admin_exec_unlocked ("SELECT pg_reload_conf ()");

  /* The postmaster rereads its files when the signal arrives: wait until a
   * connection without a password is asked for one. */
  {
    PQconninfoOption *options = PQconninfoParse (admin_uri, NULL);
    g_autoptr(GPtrArray) keys = g_ptr_array_new ();
    g_autoptr(GPtrArray) values = g_ptr_array_new ();

    for (PQconninfoOption *o = options; o->keyword != NULL; o++)
      if (o->val != NULL && !g_str_equal (o->keyword, "user") &&
          !g_str_equal (o->keyword, "password") && !g_str_equal (o->keyword, "passfile"))
        {
          g_ptr_array_add (keys, o->keyword);
          g_ptr_array_add (values, o->val);
        }
    g_ptr_array_add (keys, (char *) "user");
    g_ptr_array_add (values, (char *) user);
    g_ptr_array_add (keys, (char *) "passfile");
    g_ptr_array_add (values, (char *) "/nonexistent");
    g_ptr_array_add (keys, NULL);
    g_ptr_array_add (values, NULL);

    for (guint attempt = 0; attempt < 500 && !done; attempt++)
      {
        PGconn *pg = PQconnectdbParams ((const char * const *) keys->pdata,
                                        (const char * const *) values->pdata, FALSE);

        done = PQconnectionNeedsPassword (pg);
        PQfinish (pg);
        if (!done)
          g_usleep (10000);
      }
    PQconninfoFree (options);
  }
  if (!done)
    g_error ("The test server does not ask %s for a password after a reload.", user);
}

char *
jhk_test_pg_uri (const char *dbname,
                 const char *user,
                 const char *password)
{
  g_autoptr(GString) uri = g_string_new ("postgresql://");
  PQconninfoOption *options = NULL;
  char sep = '?';

  g_return_val_if_fail (dbname != NULL, NULL);
  if (jhk_test_pg_admin_uri () == NULL)
    g_error ("No PostgreSQL server for the tests: %s", JHK_TEST_PG_SKIP_MESSAGE);
  if (user != NULL && g_str_has_prefix (user, PW_PREFIX))
    require_password (user);

  options = PQconninfoParse (admin_uri, NULL);
  g_assert_nonnull (options);
  if (user != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

      g_string_append (uri, escaped);
      if (password != NULL)
        {
          g_autofree char *escaped_pw = g_uri_escape_string (password, NULL, FALSE);
          g_string_append_printf (uri, ":%s", escaped_pw);
        }
      g_string_append_c (uri, '@');
    }
  g_string_append_c (uri, '/');
  {
    g_autofree char *escaped = g_uri_escape_string (dbname, NULL, FALSE);
    g_string_append (uri, escaped);
  }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      g_autofree char *value = NULL;

      if (o->val == NULL || g_str_equal (o->keyword, "dbname"))
        continue;
      /* The admin's own user and password give way to the ones asked for. */
      if (user != NULL && (g_str_equal (o->keyword, "user") || g_str_equal (o->keyword, "password")))
        continue;
      if (user == NULL && password != NULL && g_str_equal (o->keyword, "password"))
        continue;
      value = g_uri_escape_string (o->val, NULL, FALSE);
      g_string_append_printf (uri, "%c%s=%s", sep, o->keyword, value);
      sep = '&';
    }
  if (user == NULL && password != NULL)
    {
      g_autofree char *escaped_pw = g_uri_escape_string (password, NULL, FALSE);
      g_string_append_printf (uri, "%cpassword=%s", sep, escaped_pw);
    }
  PQconninfoFree (options);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

JhkDb *
jhk_test_pg_open_as (const char *dbname,
                     const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = jhk_test_pg_uri (dbname, login, login ? JHK_DEMO_PASSWORD : NULL);
  JhkDb *db = jhk_db_open (uri, login ? JHK_DB_OPEN_DEFAULT : JHK_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return db;
}

char *
jhk_test_pg_new_demo_database (JhkDb **owner)
{
  g_autoptr(GError) error = NULL;
  char *dbname;

  if (jhk_test_pg_admin_uri () == NULL)
    {
      g_test_skip (JHK_TEST_PG_SKIP_MESSAGE);
      *owner = NULL;
      return NULL;
    }
  dbname = jhk_test_pg_new_database (NULL);
  *owner = jhk_test_pg_open_as (dbname, NULL);
  jhk_demo_populate (*owner, &error);
  g_assert_no_error (error);
  return dbname;
}

void
jhk_test_pg_keep_private_cluster (void)
{
  g_autofree char *initdb = g_find_program_in_path ("initdb");

  if (initdb != NULL || g_file_test ("/usr/lib/postgresql", G_FILE_TEST_IS_DIR))
    g_unsetenv ("JHK_TEST_PG_URI");
}
