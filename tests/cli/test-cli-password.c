/* test-cli-password.c: issue 3, jhkctl and the database server's password:
 * asked once without echo at a terminal, else libpq's own ways
 * ($PGPASSWORD, ~/.pgpass) named in a clear message. */
/* posix_openpt() and friends. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "jhk-db.h"
#include "jhk-test-pg.h"

static const char *jhkctl_path;

typedef struct
{
  char *role;
  char *dbname;
  /* The role's URI, without its password. */
  char *uri;
  char *dir;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autofree char *admin_uri = NULL;
  g_autofree char *create = NULL;

  f->dir = g_dir_make_tmp ("jhk-cli-password-XXXXXX", &error);
  g_assert_no_error (error);
  if (jhk_test_pg_admin_uri () == NULL || !jhk_test_pg_is_private ())
    return;

  f->role = g_strdup_printf ("jhk_pw_cli_%d", (int) getpid ());
  /* A superuser: what is tested is the password, not the server's limits. */
  create = g_strdup_printf ("DO $$ BEGIN"
                            "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN"
                            "    CREATE ROLE %s LOGIN SUPERUSER PASSWORD 'secret';"
                            "  END IF;"
                            " END $$",
                            f->role, f->role);
  jhk_test_pg_admin_exec (create);
  f->dbname = jhk_test_pg_new_database (NULL);
  admin_uri = jhk_test_pg_uri (f->dbname, NULL, NULL);
  db = jhk_db_open (admin_uri, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->uri = jhk_test_pg_uri (f->dbname, f->role, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pgpass = g_build_filename (f->dir, "pgpass", NULL);

  g_unlink (pgpass);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->role);
  g_free (f->dbname);
  g_free (f->uri);
  g_free (f->out);
  g_free (f->err);
}

static gboolean
need_server (Fixture *f)
{
  if (jhk_test_pg_admin_uri () == NULL)
    {
      g_test_skip (JHK_TEST_PG_SKIP_MESSAGE);
      return FALSE;
    }
  if (f->uri == NULL)
    {
      g_test_skip ("The PostgreSQL server's pg_hba.conf is not the tests' own: no role of it "
                   "is known to need a password.");
      return FALSE;
    }
  return TRUE;
}

static GSubprocessLauncher *
launcher_new (GSubprocessFlags  flags,
              const char       *pgpassword,
              const char       *pgpassfile)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "JHK_USER");
  g_subprocess_launcher_unsetenv (launcher, "JHK_PASSWORD");
  g_subprocess_launcher_unsetenv (launcher, "JHK_DATABASE");
  if (pgpassword != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", pgpassword, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PGPASSWORD");
  /* Never the user's own ~/.pgpass. */
  g_subprocess_launcher_setenv (launcher, "PGPASSFILE",
                                pgpassfile != NULL ? pgpassfile : "/nonexistent", TRUE);
  return launcher;
}

static int
wait_status (GSubprocess *process)
{
  /* Never a crash, nor an abort on a critical. */
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* `jhkctl --database URI verify` with standard input a closed pipe. */
static int
run_verify (Fixture    *f,
            const char *pgpassword,
            const char *pgpassfile)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, pgpassword, pgpassfile);
  process = g_subprocess_launcher_spawn (launcher, &error, jhkctl_path, "--database", f->uri,
                                         "verify", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  status = wait_status (process);
  g_test_message ("$ jhkctl verify → %d\n%s%s", status, f->out, f->err);
  return status;
}

/* Not at a terminal: no question, but where libpq looks for a password. */
static void
test_no_terminal (Fixture       *f,
                  gconstpointer  data)
{
  if (!need_server (f))
    return;

  g_assert_cmpint (run_verify (f, NULL, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "PGPASSWORD"));
  g_assert_nonnull (strstr (f->err, ".pgpass"));
  g_assert_null (strstr (f->err, "Password of"));

  /* A wrong $PGPASSWORD is not asked for again: it is the user's choice. */
  g_assert_cmpint (run_verify (f, "wrong", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "PGPASSWORD"));
}

/* libpq's own ways work unchanged. */
static void
test_libpq_ways (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pgpass = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server (f))
    return;

  g_assert_cmpint (run_verify (f, "secret", NULL), ==, 0);

  pgpass = g_build_filename (f->dir, "pgpass", NULL);
  line = g_strdup_printf ("*:*:%s:%s:secret\n", f->dbname, f->role);
  g_file_set_contents (pgpass, line, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (pgpass, 0600), ==, 0);
  g_assert_cmpint (run_verify (f, NULL, pgpass), ==, 0);
}

/* Runs `jhkctl --database URI verify` with its standard input on a
 * terminal and types `typed` once the password is asked for, without
 * echo. Returns the exit status; what the terminal showed goes to *shown. */
static int
run_at_terminal (Fixture     *f,
                 const char  *typed,
                 char       **shown)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autofree char *line = g_strconcat (typed, "\n", NULL);
  GInputStream *stderr_pipe;
  struct termios term;
  gboolean echo_off = FALSE;
  char buffer[512];
  gssize n;
  int master, slave;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, NULL,
                           NULL);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  process = g_subprocess_launcher_spawn (launcher, &error, jhkctl_path, "--database", f->uri,
                                         "verify", NULL);
  g_assert_no_error (error);

  /* The question comes on standard error. */
  stderr_pipe = g_subprocess_get_stderr_pipe (process);
  while (strstr (err->str, ": ") == NULL &&
         (n = g_input_stream_read (stderr_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (err, buffer, n);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (err->str, f->role));
  g_assert_nonnull (strstr (err->str, f->dbname));
  /* jhkctl turns the echo off, then reads: type only after that, or the
   * input would be flushed. The bound only keeps a broken test finite. */
  for (guint i = 0; i < 5000 && !echo_off; i++)
    {
      g_assert_cmpint (tcgetattr (master, &term), ==, 0);
      echo_off = (term.c_lflag & ECHO) == 0;
      if (!echo_off)
        g_usleep (1000);
    }
  g_assert_true (echo_off);
  g_assert_cmpint (write (master, line, strlen (line)), ==, (gssize) strlen (line));

  while ((n = g_input_stream_read (stderr_pipe, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (err, buffer, n);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  /* What the terminal echoed back, if anything. */
  g_unix_set_fd_nonblocking (master, TRUE, NULL);
  while ((n = read (master, buffer, sizeof buffer)) > 0)
    g_string_append_len (screen, buffer, n);
  close (master);

  g_test_message ("$ jhkctl verify (at a terminal)\n%s", err->str);
  g_clear_pointer (&f->err, g_free);
  f->err = g_strdup (err->str);
  *shown = g_string_free (g_steal_pointer (&screen), FALSE);
  return wait_status (process);
}

/* At a terminal the password is asked once, not echoed, and used. */
static void
test_terminal_prompt (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *shown = NULL;

  if (!need_server (f))
    return;

  g_assert_cmpint (run_at_terminal (f, "secret", &shown), ==, 0);
  g_assert_null (strstr (shown, "secret"));
  g_clear_pointer (&shown, g_free);

  /* A wrong answer is refused; jhkctl asks once only. */
  g_assert_cmpint (run_at_terminal (f, "wrong", &shown), ==, 1);
  g_assert_null (strstr (shown, "wrong"));
  g_assert_nonnull (strstr (f->err, "password"));
}

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

  g_test_add ("/cli/db-password/no-terminal", Fixture, NULL, fixture_set_up, test_no_terminal,
              fixture_tear_down);
  g_test_add ("/cli/db-password/libpq-ways", Fixture, NULL, fixture_set_up, test_libpq_ways,
              fixture_tear_down);
  g_test_add ("/cli/db-password/terminal-prompt", Fixture, NULL, fixture_set_up,
              test_terminal_prompt, fixture_tear_down);

  return g_test_run ();
}
