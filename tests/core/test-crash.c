/* test-crash.c: a writer killed with SIGKILL at random moments loses no
 * acknowledged commit and leaves no half-written transaction.
 *
 * Each cycle starts crash-writer (its path is the argument --crash-writer=PATH,
 * which meson passes; by default the one next to this program) on the same
 * database, reads the ids it acknowledges from its stdout as they come,
 * kills it with SIGKILL at a random moment, waits for it, then reopens the
 * database through JhkDb and checks it. JHK_CRASH_KILLS sets the number of
 * cycles (200 by default); `--seed` replays a run.
 *
 * Nothing here waits without a deadline: a writer that hangs, never says
 * "ready" or keeps its stdout open fails the test, naming the cycle.
 *
 * On PostgreSQL (JHK_TEST_BACKEND=postgresql) the same cycles kill a client
 * of the server: the server must keep what it acknowledged and roll back
 * what the client left half done.
 *
 * Every check runs PRAGMA integrity_check over the whole file, which grows
 * with each cycle, so the time grows with the square of the kills: 200 take
 * about 10 s, 1000 about 2.5 min (use --timeout-multiplier with meson). */
#include <errno.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>

#include "jhk-audit.h"
#include "jhk-test-util.h"

#define CRASH_TXN_STRIDE G_GINT64_CONSTANT (1000000)
#define READY_TIMEOUT_US (60 * G_USEC_PER_SEC)  /* generous: sanitizer builds start slowly */
#define EXIT_TIMEOUT_US  (20 * G_USEC_PER_SEC)

typedef struct
{
  int     cycle;
  int     fd;
  GString *pending;     /* bytes after the last newline */
  gboolean ready;
  gboolean eof;
  gint64  n_acks;
  char   *problem;
} Reader;

static gboolean
reader_line (Reader     *r,
             const char *line)
{
  gint64 expected = r->cycle * CRASH_TXN_STRIDE + r->n_acks + 1;
  char *end = NULL;
  gint64 id;

  if (!r->ready)
    {
      if (g_strcmp0 (line, "ready") != 0)
        {
          r->problem = g_strdup_printf ("writer said “%s” before “ready”", line);
          return FALSE;
        }
      r->ready = TRUE;
      return TRUE;
    }
  id = g_ascii_strtoll (line, &end, 10);
  if (*line == '\0' || *end != '\0' || id != expected)
    {
      r->problem = g_strdup_printf ("writer acknowledged “%s”, expected %" G_GINT64_FORMAT,
                                    line, expected);
      return FALSE;
    }
  r->n_acks++;
  return TRUE;
}

/* Reads what the writer says until `until` (monotonic µs), end of file, or
 * with stop_at_ready, its "ready" line. FALSE on a protocol problem. */
static gboolean
reader_read (Reader   *r,
             gint64    until,
             gboolean  stop_at_ready)
{
  while (!r->eof && !(stop_at_ready && r->ready))
    {
      gint64 now = g_get_monotonic_time ();
      struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
      char chunk[4096];
      gssize n;
      int rc;

      if (now >= until)
        return TRUE;
      rc = poll (&pfd, 1, (int) MAX (1, (until - now + 999) / 1000));
      if (rc < 0 && errno != EINTR)
        {
          r->problem = g_strdup_printf ("poll: %s", g_strerror (errno));
          return FALSE;
        }
      if (rc <= 0)
        continue;

      n = read (r->fd, chunk, sizeof chunk);
      if (n < 0)
        {
          if (errno == EINTR || errno == EAGAIN)
            continue;
          r->problem = g_strdup_printf ("read: %s", g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        {
          /* A line cut short is no acknowledgement; it cannot happen with
           * one short write(2) per line, so say so. */
          if (r->pending->len > 0)
            g_test_message ("cycle %d: ignoring the unfinished line “%s”", r->cycle,
                            r->pending->str);
          r->eof = TRUE;
          break;
        }
      g_string_append_len (r->pending, chunk, n);
      for (char *nl; (nl = memchr (r->pending->str, '\n', r->pending->len)) != NULL;)
        {
          gsize len = nl - r->pending->str;
          g_autofree char *line = g_strndup (r->pending->str, len);

          g_string_erase (r->pending, 0, len + 1);
          if (!reader_line (r, line))
            return FALSE;
        }
    }
  return TRUE;
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
on_timeout (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* g_subprocess_wait() with a deadline. */
static gboolean
wait_with_deadline (GSubprocess *child,
                    gint64       timeout_us)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new (timeout_us / 1000);
  gboolean done = FALSE;

  g_main_context_push_thread_default (context);
  g_source_set_callback (timeout, on_timeout, cancellable, NULL);
  g_source_attach (timeout, context);
  g_subprocess_wait_async (child, cancellable, on_waited, &done);
  /* Cancelled or not, the callback runs: `done` outlives the operation. */
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);

  return !g_cancellable_is_cancelled (cancellable) &&
         g_subprocess_wait (child, NULL, NULL);
}

typedef struct
{
  const char *path;
  const char *writer;
  GArray     *committed;   /* gint64 per finished cycle: its transactions in the file */
  gint64      n_txn;       /* transactions, parts and audit entries in the file */
  gint64      n_parts;
  gint64      n_audit;
  gint64      audit_seq;   /* the last audit entry checked */
  int         kills_after_ack;
  int         kills_in_flight;  /* a commit in the file that was not acknowledged yet */
  gint64      check_us;    /* time spent checking */
} Crash;

#define CHECK(db, out, error, ...)                                              \
  G_STMT_START {                                                                \
    if (!jhk_db_query_int64 ((db), (out), (error), __VA_ARGS__, JHK_DB_END))    \
      return g_strdup ((*(error))->message);                                    \
  } G_STMT_END

/* Reopens the file as the application would and checks it after a cycle
 * whose writer acknowledged `acks` transactions. This cycle's transactions
 * are checked one by one, earlier ones by their counts (and one by one at
 * the end, by check_everything()), so that a check stays cheap as the file
 * grows. NULL when all is well. */
static char *
check_database (Crash  *c,
                int     cycle,
                gint64  acks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (c->path, JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *report = NULL;
  gint64 lo = cycle * CRASH_TXN_STRIDE + 1, hi = lo + CRASH_TXN_STRIDE - 2;
  gint64 n = -1, min = -1, max = -1, bad = -1, parts = -1, n_parts = -1;
  gint64 total_txn = -1, total_parts = -1, total_audit = -1, seq = -1;
  gint64 expected = lo;
  JhkDbStep step;

  if (db == NULL)
    return g_strdup_printf ("reopening: %s", error->message);
  if (!jhk_db_integrity_check (db, &report, &error))
    return g_strdup_printf ("integrity_check: %s", error->message);
  if (g_strcmp0 (report, "ok") != 0)
    return g_strdup_printf ("integrity_check says “%s”", report);

  /* This cycle's transactions are ids lo..lo+n-1: every acknowledged one,
   * and at most one more (committed, killed before it could say so). */
  CHECK (db, &n, &error, "SELECT COUNT(*) FROM crash_txn WHERE txn BETWEEN ? AND ?",
         JHK_I (lo), JHK_I (hi));
  CHECK (db, &min, &error, "SELECT COALESCE(MIN(txn), ?) FROM crash_txn WHERE txn BETWEEN ? AND ?",
         JHK_I (lo), JHK_I (lo), JHK_I (hi));
  CHECK (db, &max, &error, "SELECT COALESCE(MAX(txn), ?) FROM crash_txn WHERE txn BETWEEN ? AND ?",
         JHK_I (lo - 1), JHK_I (lo), JHK_I (hi));
  if (min != lo || max != lo + n - 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT " transactions numbered %" G_GINT64_FORMAT
                            " to %" G_GINT64_FORMAT ": some are missing", n, min - lo + 1,
                            max - lo + 1);
  if (n < acks)
    return g_strdup_printf ("%" G_GINT64_FORMAT " commits acknowledged, only %" G_GINT64_FORMAT
                            " in the file", acks, n);
  if (n > acks + 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT " commits acknowledged, %" G_GINT64_FORMAT
                            " in the file: more than one in flight", acks, n);

  /* None is half there: each has all the parts it announces, and there is
   * no part without its transaction... */
  CHECK (db, &bad, &error,
         "SELECT COUNT(*) FROM crash_txn t WHERE t.txn BETWEEN ? AND ? AND t.parts !="
         " (SELECT COUNT(*) FROM crash_part p WHERE p.txn = t.txn)", JHK_I (lo), JHK_I (hi));
  if (bad != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " transactions lack some of their parts", bad);
  CHECK (db, &parts, &error,
         "SELECT COALESCE(SUM(parts), 0) FROM crash_txn WHERE txn BETWEEN ? AND ?",
         JHK_I (lo), JHK_I (hi));
  CHECK (db, &n_parts, &error, "SELECT COUNT(*) FROM crash_part WHERE txn BETWEEN ? AND ?",
         JHK_I (lo), JHK_I (hi));
  if (n_parts != parts)
    return g_strdup_printf ("%" G_GINT64_FORMAT " parts, %" G_GINT64_FORMAT
                            " of them without their transaction", n_parts, n_parts - parts);

  /* ...and its audit entries are exactly these transactions, in order. */
  stmt = jhk_db_query (db, &error,
                       "SELECT seq, actor, object_id FROM audit_log WHERE seq > ? ORDER BY seq",
                       JHK_I (c->audit_seq), JHK_DB_END);
  if (stmt == NULL)
    return g_strdup (error->message);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, expected++);

      seq = jhk_db_stmt_get_int64 (stmt, 0);
      if (g_strcmp0 (jhk_db_stmt_get_text (stmt, 1), "crash") != 0 ||
          g_strcmp0 (jhk_db_stmt_get_text (stmt, 2), want) != 0)
        return g_strdup_printf ("audit entry %" G_GINT64_FORMAT " is “%s” by “%s”, not %s",
                                seq, jhk_db_stmt_get_text (stmt, 2),
                                jhk_db_stmt_get_text (stmt, 1), want);
    }
  if (step == JHK_DB_FAILED)
    return g_strdup (error->message);
  if (expected != lo + n)
    return g_strdup_printf ("%" G_GINT64_FORMAT " transactions, %" G_GINT64_FORMAT
                            " audit entries", n, expected - lo);

  /* Earlier cycles keep all they had. */
  CHECK (db, &total_txn, &error, "SELECT COUNT(*) FROM crash_txn");
  CHECK (db, &total_parts, &error, "SELECT COUNT(*) FROM crash_part");
  CHECK (db, &total_audit, &error, "SELECT COUNT(*) FROM audit_log");
  if (total_txn != c->n_txn + n || total_parts != c->n_parts + n_parts ||
      total_audit != c->n_audit + n)
    return g_strdup_printf ("the file has %" G_GINT64_FORMAT " transactions, %" G_GINT64_FORMAT
                            " parts, %" G_GINT64_FORMAT " audit entries; expected %"
                            G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT,
                            total_txn, total_parts, total_audit, c->n_txn + n,
                            c->n_parts + n_parts, c->n_audit + n);

  g_array_append_val (c->committed, n);
  c->n_txn += n;
  c->n_parts += n_parts;
  c->n_audit += n;
  if (n > 0)
    c->audit_seq = seq;
  c->kills_in_flight += n == acks + 1;
  return NULL;
}

/* After the last cycle: every transaction of every cycle, one by one, and
 * the whole audit chain. */
static void
check_everything (Crash *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (c->path, JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkAuditReport report = { 0 };
  gint64 bad = -1, joined = -1;
  guint cycles = 0;

  g_assert_no_error (error);

  stmt = jhk_db_query (db, &error,
                       "SELECT txn / ?, COUNT(*), MIN(txn) % ?, MAX(txn) % ? FROM crash_txn"
                       " GROUP BY 1 ORDER BY 1", JHK_I (CRASH_TXN_STRIDE),
                       JHK_I (CRASH_TXN_STRIDE), JHK_I (CRASH_TXN_STRIDE), JHK_DB_END);
  g_assert_no_error (error);
  while (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
    {
      gint64 cycle = jhk_db_stmt_get_int64 (stmt, 0);
      gint64 n = jhk_db_stmt_get_int64 (stmt, 1);

      g_assert_cmpint (cycle, >=, 0);
      g_assert_cmpint (cycle, <, c->committed->len);
      g_assert_cmpint (n, ==, g_array_index (c->committed, gint64, cycle));
      g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 2), ==, 1);
      g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 3), ==, n);
      cycles++;
    }
  g_assert_no_error (error);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  for (guint i = 0; i < c->committed->len; i++)
    cycles -= g_array_index (c->committed, gint64, i) > 0;
  g_assert_cmpuint (cycles, ==, 0);

  jhk_db_query_int64 (db, &bad, &error,
                      "SELECT COUNT(*) FROM crash_txn t WHERE t.parts !="
                      " (SELECT COUNT(*) FROM crash_part p WHERE p.txn = t.txn)", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  jhk_db_query_int64 (db, &bad, &error,
                      "SELECT COUNT(*) FROM crash_part p WHERE NOT EXISTS"
                      " (SELECT 1 FROM crash_txn t WHERE t.txn = p.txn)", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  jhk_db_query_int64 (db, &joined, &error,
                      "SELECT COUNT(DISTINCT t.txn) FROM audit_log a JOIN crash_txn t"
                      " ON t.txn = CAST(a.object_id AS INTEGER) WHERE a.actor = 'crash'",
                      JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (joined, ==, c->n_txn);

  /* All those writers wrote one intact audit chain. */
  jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, ==, c->n_audit);
  jhk_audit_report_clear (&report);
}

/* One writer, one SIGKILL, one check. NULL when all is well. */
static char *
run_cycle (Crash *c,
           int    cycle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *cycle_arg = g_strdup_printf ("%d", cycle);
  g_autofree char *seed_arg = g_strdup_printf ("%u", (guint) g_test_rand_int ());
  /* Mostly 2 to 50 ms into the transactions, about log-uniform (2-4, 4-8,
   * 8-16, 16-32 or 32-50 ms): short runs are as likely as long ones, and the
   * file, which every check reads whole, grows more slowly. One cycle in
   * eight is timed from the start, to hit the writer while it opens the
   * file. */
  gboolean from_start = g_test_rand_int_range (0, 8) == 0;
  int octave = g_test_rand_int_range (0, 5);
  gint64 delay = from_start ? g_test_rand_int_range (0, 50000)
                            : g_test_rand_int_range (2000 << octave, MIN (4000 << octave, 50000));
  Reader r = { .cycle = cycle };
  gint64 kill_at;
  char *problem = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, c->writer, c->path,
                            cycle_arg, seed_arg, NULL);
  if (child == NULL)
    return g_strdup_printf ("starting %s: %s", c->writer, error->message);
  r.fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (child)));
  r.pending = g_string_new (NULL);
  if (!g_unix_set_fd_nonblocking (r.fd, TRUE, &error))
    {
      problem = g_strdup (error->message);
      goto out;
    }

  if (from_start)
    {
      kill_at = g_get_monotonic_time () + delay;
    }
  else
    {
      if (!reader_read (&r, g_get_monotonic_time () + READY_TIMEOUT_US, TRUE))
        goto out;
      if (!r.ready)
        {
          problem = g_strdup_printf (r.eof ? "the writer ended before it was ready"
                                           : "the writer was not ready within %d s",
                                     (int) (READY_TIMEOUT_US / G_USEC_PER_SEC));
          goto out;
        }
      kill_at = g_get_monotonic_time () + delay;
    }

  /* Take in acknowledgements as they come, until the moment to kill. */
  if (!reader_read (&r, kill_at, FALSE))
    goto out;
  if (r.eof)
    {
      problem = g_strdup ("the writer stopped before it was killed (its stderr says why)");
      goto out;
    }
  g_subprocess_send_signal (child, SIGKILL);

  /* Whatever it wrote before it died is still in the pipe: read to the end. */
  if (!reader_read (&r, g_get_monotonic_time () + EXIT_TIMEOUT_US, FALSE))
    goto out;
  if (!r.eof)
    {
      problem = g_strdup_printf ("the writer's stdout was still open %d s after SIGKILL",
                                 (int) (EXIT_TIMEOUT_US / G_USEC_PER_SEC));
      goto out;
    }
  if (!wait_with_deadline (child, EXIT_TIMEOUT_US))
    {
      problem = g_strdup_printf ("the writer had not exited %d s after SIGKILL",
                                 (int) (EXIT_TIMEOUT_US / G_USEC_PER_SEC));
      goto out;
    }
  if (!g_subprocess_get_if_signaled (child) || g_subprocess_get_term_sig (child) != SIGKILL)
    {
      problem = g_subprocess_get_if_exited (child)
                  ? g_strdup_printf ("the writer exited with status %d instead of being killed",
                                     g_subprocess_get_exit_status (child))
                  : g_strdup_printf ("the writer died of signal %d, not SIGKILL",
                                     g_subprocess_get_term_sig (child));
      goto out;
    }
  g_clear_object (&child);

  c->kills_after_ack += r.n_acks > 0;
  c->check_us -= g_get_monotonic_time ();
  problem = check_database (c, cycle, r.n_acks);
  c->check_us += g_get_monotonic_time ();
  if (problem != NULL)
    {
      char *full = g_strdup_printf ("%s (killed %.1f ms after %s, after %" G_GINT64_FORMAT
                                    " acknowledged commits)", problem, delay / 1000.0,
                                    from_start ? "start" : "ready", r.n_acks);
      g_free (problem);
      problem = full;
    }

out:
  if (r.problem != NULL)
    {
      g_free (problem);
      problem = g_steal_pointer (&r.problem);
    }
  if (child != NULL)
    {
      /* Failing: do not leave it running. */
      g_subprocess_force_exit (child);
      wait_with_deadline (child, EXIT_TIMEOUT_US);
    }
  g_string_free (r.pending, TRUE);
  return problem;
}

static char *writer_path;

static void
test_sigkill (void)
{
  g_autofree char *path = jhk_test_new_path ("crash");
  const char *kills_env = g_getenv ("JHK_CRASH_KILLS");
  /* On PostgreSQL the server, not a file format, keeps transactions whole:
   * fewer kills show it (each cycle connects anew, which costs more). */
  int kills = kills_env != NULL && *kills_env != '\0' ? atoi (kills_env)
              : jhk_test_backend_is_pg ()                 ? 100
                                                          : 200;
  g_autoptr(GArray) committed = g_array_new (FALSE, FALSE, sizeof (gint64));
  Crash c = { .path = path, .writer = writer_path, .committed = committed };
  gint64 started = g_get_monotonic_time ();

  if (!g_file_test (c.writer, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_fail_printf ("no crash writer at %s", c.writer);
      return;
    }
  g_assert_cmpint (kills, >, 0);

  /* The schema, made once, so that a writer killed early leaves a database
   * that can be checked. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_autofree char *schema =
      g_strconcat ("CREATE TABLE crash_txn (txn INTEGER PRIMARY KEY, parts INTEGER NOT NULL);"
                   "CREATE TABLE crash_part (txn INTEGER NOT NULL, part INTEGER NOT NULL,"
                   " payload TEXT NOT NULL, PRIMARY KEY (txn, part))",
                   /* PostgreSQL's tables have no rowid to do without. */
                   jhk_test_backend_is_pg () ? "" : " WITHOUT ROWID", ";", NULL);

    jhk_db_exec (db, schema, &error);
    g_assert_no_error (error);
    jhk_db_query_int64 (db, &c.n_audit, &error, "SELECT COUNT(*) FROM audit_log",
                        JHK_DB_END);
    g_assert_no_error (error);
    jhk_db_query_int64 (db, &c.audit_seq, &error, "SELECT COALESCE(MAX(seq), 0) FROM audit_log",
                        JHK_DB_END);
    g_assert_no_error (error);
  }

  int cycle;

  /* On a loaded machine the writer is slower, and more kills land before
   * its first acknowledgement: then run more cycles (three times as many at
   * most) until half of the planned number landed after one. */
  for (cycle = 0; cycle < kills || (c.kills_after_ack < kills / 2 && cycle < 3 * kills);
       cycle++)
    {
      g_autofree char *problem = run_cycle (&c, cycle);

      if (problem != NULL)
        {
          g_test_fail_printf ("cycle %d of %d: %s", cycle + 1, kills, problem);
          return;
        }
    }

  g_test_message ("%d kills in %.1f s (%.1f s checking): %d after the first acknowledgement, "
                  "%d with a commit in flight; %" G_GINT64_FORMAT " transactions", cycle,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  c.check_us / (double) G_USEC_PER_SEC, c.kills_after_ack, c.kills_in_flight,
                  c.n_txn);
  /* Most kills must land while transactions are running, or the test tests
   * nothing. */
  g_assert_cmpint (c.kills_after_ack, >=, kills / 2);
  check_everything (&c);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--crash-writer="))
      writer_path = g_strdup (argv[i] + strlen ("--crash-writer="));
  if (writer_path == NULL)
    writer_path = g_test_build_filename (G_TEST_BUILT, "crash-writer", NULL);
  g_test_add_func ("/crash/sigkill/acknowledged-commits-survive", test_sigkill);
  status = jhk_test_run ();
  g_free (writer_path);
  return status;
}
