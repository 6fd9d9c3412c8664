/* test-db-pg-ops.c: issue 3, the PostgreSQL backend in operation: live
 * updates over LISTEN/NOTIFY, and backup and restore with pg_dump and
 * pg_restore. Always on PostgreSQL (the private cluster of jhk-test-pg.h,
 * or JHK_TEST_PG_URI), whatever the suite's backend. */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "jhk-audit.h"
#include "jhk-db-watch.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

/* The timeouts only end a test that would otherwise hang; the figures go
 * to the test's messages. */
#define WAIT_LIMIT_MS 1000

typedef struct
{
  guint      n_changed;
  GStrv      tables;
  gboolean   tables_known;
  gint64     at;
  GMainLoop *loop;
} Changes;

static void
changed_cb (JhkDbWatch *watch,
            Changes    *changes)
{
  const char * const *tables = jhk_db_watch_get_tables (watch);

  changes->n_changed++;
  changes->at = g_get_monotonic_time ();
  changes->tables_known = tables != NULL;
  if (tables != NULL)
    {
      /* The union of what every emission said. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (changes->tables != NULL)
        g_strv_builder_addv (builder, (const char **) changes->tables);
      for (guint i = 0; tables[i] != NULL; i++)
        if (changes->tables == NULL || !g_strv_contains ((const char * const *) changes->tables,
                                                         tables[i]))
          g_strv_builder_add (builder, tables[i]);
      g_strfreev (changes->tables);
      changes->tables = g_strv_builder_end (builder);
    }
  if (changes->loop != NULL)
    g_main_loop_quit (changes->loop);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until "changed" or the limit; FALSE at the limit. */
static gboolean
wait_for_change (Changes *changes,
                 guint    limit_ms)
{
  gboolean timed_out = FALSE;
  guint before = changes->n_changed;
  guint timeout_id = g_timeout_add (limit_ms, timeout_cb, &timed_out);

  while (changes->n_changed == before && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  return changes->n_changed > before;
}

/* Runs the main loop for ms, whatever happens. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
changes_clear (Changes *changes)
{
  g_clear_pointer (&changes->tables, g_strfreev);
  changes->n_changed = 0;
  changes->tables_known = FALSE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Issue 3, live updates: a write on one connection makes the other's watch
 * fire, over LISTEN/NOTIFY (no polling), with the table's name. Measures
 * the time from the write's start to the signal. */
static void
test_watch_other_connection (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  Changes changes = { 0 };
  const guint rounds = 50;

  g_assert_no_error (error);
  /* A poll interval that would never come within the test. */
  watch = jhk_db_watch_new (a, 60 * 1000);
  g_assert_true (jhk_db_watch_is_listening (watch));
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), &changes);

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *key = g_strdup_printf ("live-%u", i);
      gint64 start;
      gint64 latency;

      /* Apart by more than the watch's 100 ms, so each round is heard
       * on its own. */
      spin (110);
      changes_clear (&changes);
      start = g_get_monotonic_time ();
      g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES (?, 'x')",
                                 JHK_T (key), JHK_DB_END));
      g_assert_no_error (error);
      g_assert_true (wait_for_change (&changes, WAIT_LIMIT_MS));
      g_assert_true (changes.tables_known);
      g_assert_true (jhk_db_watch_tables_include ((const char * const *) changes.tables,
                                                  "settings"));
      g_assert_false (jhk_db_watch_tables_include ((const char * const *) changes.tables,
                                                   "audit_log"));
      latency = changes.at - start;
      g_array_append_val (latencies, latency);
    }
  g_array_sort (latencies, compare_gint64);
  g_test_message ("write → changed over LISTEN/NOTIFY, %u rounds on a local socket: median "
                  "%.2f ms, 90th percentile %.2f ms, max %.2f ms",
                  rounds, g_array_index (latencies, gint64, rounds / 2) / 1000.0,
                  g_array_index (latencies, gint64, rounds * 9 / 10) / 1000.0,
                  g_array_index (latencies, gint64, rounds - 1) / 1000.0);
  changes_clear (&changes);
}

/* The connection's own writes count too (the lists on it follow a write
 * made through it anywhere, as test-two-desks needs). A rolled-back
 * transaction tells nothing; a commit tells once, whatever the number of
 * statements. */
static void
test_watch_own_and_rolled_back (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  Changes changes = { 0 };

  g_assert_no_error (error);
  watch = jhk_db_watch_new (a, 0);
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), &changes);

  g_assert_true (jhk_db_run (a, &error, "INSERT INTO settings (key, value) VALUES ('own', 'x')",
                             JHK_DB_END));
  g_assert_no_error (error);
  g_assert_true (jhk_db_watch_check (watch));
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_false (jhk_db_watch_check (watch));
  changes_clear (&changes);

  g_assert_true (jhk_db_begin (b, &error));
  g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES ('rb', 'x')",
                             JHK_DB_END));
  g_assert_no_error (error);
  g_assert_false (jhk_db_watch_check (watch));
  jhk_db_rollback (b);
  g_assert_false (jhk_db_watch_check (watch));

  g_assert_true (jhk_db_begin (b, &error));
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("many-%d", i);

      g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES (?, 'x')",
                                 JHK_T (key), JHK_DB_END));
      g_assert_no_error (error);
    }
  g_assert_true (jhk_db_run (b, &error, "UPDATE org_units SET name = name", JHK_DB_END));
  g_assert_true (jhk_db_commit (b, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_watch_check (watch));
  g_assert_cmpuint (changes.n_changed, ==, 1);
  g_assert_cmpuint (g_strv_length (changes.tables), ==, 2);
  g_assert_cmpstr (changes.tables[0], ==, "org_units");
  g_assert_cmpstr (changes.tables[1], ==, "settings");
  g_assert_false (jhk_db_watch_check (watch));
  changes_clear (&changes);
}

/* A notification that arrives while the listening connection runs a
 * statement is read off the socket with the statement's result; it is not
 * lost: the watch still fires, though the socket has nothing more. */
static void
test_watch_heard_during_statement (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  Changes changes = { 0 };
  gint64 n = 0;

  g_assert_no_error (error);
  watch = jhk_db_watch_new (a, 0);
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), &changes);

  /* No main loop between the write and a's statement: the notification
   * reaches a's socket before or during the statement, and libpq reads it
   * with the result. */
  g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES ('busy', 'x')",
                             JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (a, &n, &error, "SELECT COUNT(*) FROM users", JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  g_assert_true (wait_for_change (&changes, WAIT_LIMIT_MS));
  g_assert_true (jhk_db_watch_tables_include ((const char * const *) changes.tables,
                                              "settings"));

  /* Inside a transaction of a's own, the signal waits for its end. */
  changes_clear (&changes);
  g_assert_true (jhk_db_begin (a, &error));
  g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES ('txn', 'x')",
                             JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (a, &n, &error, "SELECT COUNT(*) FROM users", JHK_DB_END));
  g_assert_no_error (error);
  spin (300);
  g_assert_cmpuint (changes.n_changed, ==, 0);
  g_assert_true (jhk_db_commit (a, &error));
  g_assert_true (wait_for_change (&changes, WAIT_LIMIT_MS));
  changes_clear (&changes);
}

/* A burst of writes elsewhere is told in few emissions (one per 100 ms at
 * most), together naming every table written. */
static void
test_watch_coalesces (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  Changes changes = { 0 };
  const int n_writes = 200;
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  watch = jhk_db_watch_new (a, 0);
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), &changes);

  start = g_get_monotonic_time ();
  for (int i = 0; i < n_writes; i++)
    {
      g_autofree char *key = g_strdup_printf ("burst-%d", i);

      g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES (?, 'x')",
                                 JHK_T (key), JHK_DB_END));
      if (i % 50 == 0)
        g_assert_true (jhk_db_run (b, &error, "UPDATE businesses SET name = name", JHK_DB_END));
      g_assert_no_error (error);
      /* The watch hears while the writes go on. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  /* The last of them. */
  while (!jhk_db_watch_tables_include ((const char * const *) changes.tables, "businesses") ||
         !jhk_db_watch_tables_include ((const char * const *) changes.tables, "settings"))
    g_assert_true (wait_for_change (&changes, WAIT_LIMIT_MS));
  g_assert_true (changes.tables_known);
  g_assert_cmpuint (changes.n_changed, <, n_writes);
  g_test_message ("%d commits in %.2f s elsewhere: %u emissions of \"changed\"", n_writes + 4,
                  seconds, changes.n_changed);
  changes_clear (&changes);
}

/* The listening session ends (the server restarted, the network went): the
 * watch finds the server again by itself, says that anything may have
 * changed, and goes on listening on the new session. */
static void
test_watch_session_lost (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  g_autofree char *sql = NULL;
  Changes changes = { 0 };
  gint64 a_pid = 0;

  g_assert_no_error (error);
  watch = jhk_db_watch_new (a, 0);
  g_signal_connect (watch, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_true (jhk_db_query_int64 (a, &a_pid, &error, "SELECT pg_backend_pid ()",
                                     JHK_DB_END));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")", a_pid);
  jhk_test_pg_admin_exec (sql);

  /* Back within the watch's retry (2 s), with "anything may have
   * changed". */
  g_assert_true (wait_for_change (&changes, 5 * WAIT_LIMIT_MS));
  g_assert_false (changes.tables_known);

  changes_clear (&changes);
  g_assert_true (jhk_db_run (b, &error, "INSERT INTO settings (key, value) VALUES ('back', 'x')",
                             JHK_DB_END));
  g_assert_no_error (error);
  g_assert_true (wait_for_change (&changes, WAIT_LIMIT_MS));
  g_assert_true (jhk_db_watch_tables_include ((const char * const *) changes.tables,
                                              "settings"));
  changes_clear (&changes);
}

/* A second watch on the same connection polls (one listener each). */
static void
test_watch_second_polls (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(JhkDbWatch) first = jhk_db_watch_new (a, 0);
  g_autoptr(JhkDbWatch) second = jhk_db_watch_new (a, 0);
  g_autoptr(JhkDbWatch) third = NULL;

  g_assert_true (jhk_db_watch_is_listening (first));
  g_assert_false (jhk_db_watch_is_listening (second));
  g_clear_object (&first);
  third = jhk_db_watch_new (a, 0);
  g_assert_true (jhk_db_watch_is_listening (third));
}

/* Backup and restore ------------------------------------------------------ */

typedef struct
{
  guint         n_calls;
  double        last;
  gboolean      monotonic;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (fraction < progress->last)
    progress->monotonic = FALSE;
  progress->last = fraction;
  progress->n_calls++;
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static JhkDb *
open_empty (char **out_uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = jhk_test_pg_new_database (NULL);
  g_autofree char *uri = jhk_test_pg_uri (dbname, NULL, NULL);
  JhkDb *db = jhk_db_open (uri, JHK_DB_OPEN_NO_MIGRATE, &error);

  g_assert_no_error (error);
  if (out_uri != NULL)
    *out_uri = g_steal_pointer (&uri);
  return db;
}

static gint64
count_relations (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, &error,
                                     "SELECT COUNT(*) FROM pg_class c"
                                     " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                     " WHERE n.nspname = 'public'", JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

/* Issue 3: jhkctl backup on PostgreSQL. A demo database backed up (pg_dump
 * -Fc) and restored into a new, empty database has the same rows, and the
 * audit chain verifies there to the same head. */
static void
test_backup_restore_round_trip (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkDb) target = open_empty (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = jhk_test_new_file ("jhk.dump");
  g_autofree char *part = g_strconcat (backup, ".part", NULL);
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;
  JhkAuditReport source_report = { 0 };
  JhkAuditReport target_report = { 0 };
  Progress progress = { 0, 0.0, TRUE, NULL };
  struct stat st;
  gint64 start;

  start = g_get_monotonic_time ();
  g_assert_true (jhk_db_backup (db, backup, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("pg_dump of the demo database: %.0f ms, %u progress reports",
                  (g_get_monotonic_time () - start) / 1000.0, progress.n_calls);
  g_assert_true (progress.monotonic);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  progress = (Progress) { 0, 0.0, TRUE, NULL };
  start = g_get_monotonic_time ();
  g_assert_true (jhk_db_restore (target, backup, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("pg_restore into an empty database: %.0f ms, %u progress reports",
                  (g_get_monotonic_time () - start) / 1000.0, progress.n_calls);
  g_assert_true (progress.monotonic);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpint (jhk_db_get_schema_version (target), ==, jhk_db_get_latest_schema_version ());

  after = jhk_test_dump_tables (target);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &source_report, &error));
  g_assert_true (jhk_audit_verify (target, NULL, NULL, NULL, NULL, &target_report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (target_report.n_entries, >, 0);
  g_assert_cmpint (target_report.n_entries, ==, source_report.n_entries);
  g_assert_cmpstr (target_report.head, ==, source_report.head);
  jhk_audit_report_clear (&source_report);
  jhk_audit_report_clear (&target_report);

  /* The restored database notifies as the original did (its triggers came
   * with it), and goes on writing where the ids left off. */
  {
    g_autoptr(JhkDb) other = jhk_db_open_again (target, JHK_DB_OPEN_DEFAULT, &error);
    g_autoptr(JhkDbWatch) watch = jhk_db_watch_new (target, 0);
    g_autoptr(JhkSession) admin = jhk_test_login (other, "admin");

    g_assert_no_error (error);
    g_assert_true (jhk_db_begin (other, &error));
    g_assert_true (jhk_audit_append (other, admin, "db.restore", "database", "", NULL, &error));
    g_assert_true (jhk_db_commit (other, &error));
    g_assert_no_error (error);
    g_assert_true (jhk_db_watch_check (watch));
  }
}

/* Restore refuses a database that holds tables, and leaves it as it was. */
static void
test_restore_refuses_non_empty (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkDb) target = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = jhk_test_new_file ("jhk.dump");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (jhk_db_run (target, &error,
                             "INSERT INTO settings (key, value) VALUES ('mine', 'x')",
                             JHK_DB_END));
  g_assert_no_error (error);
  before = jhk_test_dump_tables (target);
  g_assert_true (jhk_db_backup (db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (jhk_db_restore (target, backup, NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_EMPTY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  after = jhk_test_dump_tables (target);
  g_assert_cmpstr (after, ==, before);

  /* Nothing to undo there. */
  g_assert_false (jhk_db_undo_restore (target, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_free (after);
  after = jhk_test_dump_tables (target);
  g_assert_cmpstr (after, ==, before);
}

/* A file that is not a pg_dump archive, or one cut short, is refused before
 * the database is touched (pg_restore --list reads it whole first). */
static void
test_restore_refuses_bad_archive (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkDb) target = open_empty (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = jhk_test_new_file ("garbage.dump");
  g_autofree char *backup = jhk_test_new_file ("jhk.dump");
  g_autofree char *cut = jhk_test_new_file ("cut.dump");
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (garbage, "PGDMP but not really", -1, &error));
  g_assert_false (jhk_db_restore (target, garbage, NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (count_relations (target), ==, 0);

  g_assert_true (jhk_db_backup (db, backup, NULL, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (backup, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (cut, contents, length * 3 / 4, &error));
  g_assert_false (jhk_db_restore (target, cut, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (count_relations (target), ==, 0);
}

/* Issue 3: after a restore the audit chain must verify, or the restore is
 * undone. A backup of a tampered database restores, fails verification,
 * and undo_restore() leaves the database empty again (a good backup then
 * restores into it). */
static void
test_restore_undone_when_chain_broken (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkDb) target = open_empty (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = jhk_test_new_file ("good.dump");
  g_autofree char *bad = jhk_test_new_file ("bad.dump");
  g_autofree char *dbname = NULL;
  JhkAuditReport report = { 0 };

  g_assert_true (jhk_db_backup (db, good, NULL, NULL, NULL, &error));
  g_assert_true (jhk_db_query_text (db, &dbname, &error, "SELECT current_database ()",
                                    JHK_DB_END));
  g_assert_no_error (error);
  g_clear_object (&db);
  /* Tampering, as a superuser could. */
  {
    g_autofree char *uri = jhk_test_pg_uri (dbname, NULL, NULL);
    g_autoptr(JhkDb) admin = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (jhk_db_exec (admin,
                                "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;"
                                " UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;"
                                " ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update",
                                &error));
    g_assert_no_error (error);
    g_assert_true (jhk_db_backup (admin, bad, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (jhk_db_restore (target, bad, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (jhk_audit_verify (target, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (report.first_bad_seq, ==, 2);
  jhk_audit_report_clear (&report);
  g_assert_cmpint (count_relations (target), >, 0);

  g_assert_true (jhk_db_undo_restore (target, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_relations (target), ==, 0);
  {
    gint64 n = -1;

    g_assert_true (jhk_db_query_int64 (target, &n, &error,
                                       "SELECT COUNT(*) FROM pg_proc p"
                                       " JOIN pg_namespace n ON n.oid = p.pronamespace"
                                       " WHERE n.nspname = 'public'", JHK_DB_END));
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, 0);
  }

  g_assert_true (jhk_db_restore (target, good, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_audit_verify (target, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  jhk_audit_report_clear (&report);
}

/* Cancelling a backup kills pg_dump and leaves no file. */
static void
test_backup_cancel (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *backup = jhk_test_new_file ("cancelled.dump");
  g_autofree char *part = g_strconcat (backup, ".part", NULL);
  Progress progress = { 0, 0.0, TRUE, cancellable };

  g_assert_false (jhk_db_backup (db, backup, progress_cb, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.n_calls, ==, 1);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* These tests are PostgreSQL's whatever the suite's backend. */
  g_setenv ("JHK_TEST_BACKEND", "postgresql", TRUE);

  g_test_add_func ("/db-pg-ops/watch/other-connection-live", test_watch_other_connection);
  g_test_add_func ("/db-pg-ops/watch/own-counts-rolled-back-silent", test_watch_own_and_rolled_back);
  g_test_add_func ("/db-pg-ops/watch/heard-during-statement", test_watch_heard_during_statement);
  g_test_add_func ("/db-pg-ops/watch/coalesces-bursts", test_watch_coalesces);
  g_test_add_func ("/db-pg-ops/watch/session-lost", test_watch_session_lost);
  g_test_add_func ("/db-pg-ops/watch/one-listener-per-connection", test_watch_second_polls);
  g_test_add_func ("/db-pg-ops/backup/restore-round-trip", test_backup_restore_round_trip);
  g_test_add_func ("/db-pg-ops/backup/restore-refuses-non-empty", test_restore_refuses_non_empty);
  g_test_add_func ("/db-pg-ops/backup/restore-refuses-bad-archive",
                   test_restore_refuses_bad_archive);
  g_test_add_func ("/db-pg-ops/backup/restore-undone-when-chain-broken",
                   test_restore_undone_when_chain_broken);
  g_test_add_func ("/db-pg-ops/backup/cancel", test_backup_cancel);

  return jhk_test_run ();
}
