/* test-crash.c: a writer killed with SIGKILL at random moments loses no
 * acknowledged commit and leaves no half-written transaction. */
#include <signal.h>

#include "jhk-audit.h"
#include "jhk-test-util.h"

static void
check_database (const char *path,
                GHashTable *acknowledged,
                gint64     *out_committed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *report = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 committed = 0, partial = 1, entries = 0;

  g_assert_no_error (error);
  g_assert_true (jhk_db_integrity_check (db, &report, &error));
  g_assert_cmpstr (report, ==, "ok");

  /* No transaction is half there: every txn has its three parts. */
  jhk_db_query_int64 (db, &partial, &error,
                      "SELECT COUNT(*) FROM (SELECT txn FROM crash_test GROUP BY txn"
                      " HAVING COUNT(*) != 3)", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (partial, ==, 0);

  /* The audit entry committed with each transaction, and none without. */
  jhk_db_query_int64 (db, &committed, &error, "SELECT COUNT(DISTINCT txn) FROM crash_test",
                      JHK_DB_END);
  jhk_db_query_int64 (db, &entries, &error,
                      "SELECT COUNT(*) FROM audit_log WHERE actor = 'crash'", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (entries, ==, committed);

  /* Every acknowledged commit is there. */
  g_hash_table_iter_init (&iter, acknowledged);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 parts = 0;

      jhk_db_query_int64 (db, &parts, &error, "SELECT COUNT(*) FROM crash_test WHERE txn = ?",
                          JHK_I (*(gint64 *) key), JHK_DB_END);
      g_assert_no_error (error);
      g_assert_cmpint (parts, ==, 3);
    }
  *out_committed = committed;
}

static void
test_sigkill (void)
{
  g_autofree char *path = jhk_test_new_path ("crash");
  g_autoptr(GHashTable) acknowledged = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
  const char *env = g_getenv ("JHK_CRASH_ITERATIONS");
  int iterations = env != NULL ? atoi (env) : 200;
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  gint64 committed = 0;
  int killed_mid_run = 0;

  for (int i = 0; i < iterations; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *seed = g_strdup_printf ("%d", i);
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GBytes) out = NULL;
      g_auto(GStrv) lines = NULL;
      gsize size;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, CRASH_WRITER, path, seed,
                                NULL);
      g_assert_no_error (error);
      /* Kill at a random moment: during start-up, mid-transaction, mid-fsync. */
      g_usleep (g_rand_int_range (rand, 0, 60000));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_communicate (child, NULL, NULL, &out, NULL, &error);
      g_assert_no_error (error);
      g_subprocess_wait (child, NULL, &error);
      if (g_subprocess_get_if_signaled (child))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
          killed_mid_run++;
        }

      /* Only complete lines are acknowledgements. */
      lines = g_strsplit (g_bytes_get_data (out, &size) ? g_bytes_get_data (out, NULL) : "", "\n", -1);
      for (guint l = 0; lines[l] != NULL && lines[l + 1] != NULL; l++)
        {
          gint64 *txn = g_new (gint64, 1);
          *txn = g_ascii_strtoll (lines[l], NULL, 10);
          g_hash_table_add (acknowledged, txn);
        }

      check_database (path, acknowledged, &committed);
    }

  g_test_message ("%d kills (%d while running), %" G_GINT64_FORMAT " commits, %u acknowledged",
                  iterations, killed_mid_run, committed, g_hash_table_size (acknowledged));
  g_assert_cmpint (committed, >=, g_hash_table_size (acknowledged));
  g_assert_cmpint (killed_mid_run, >, iterations / 2);

  /* The chain written by all those runs is one intact chain. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    JhkAuditReport report = { 0 };

    g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpint (report.n_entries, ==, committed);
    jhk_audit_report_clear (&report);
  }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/crash/sigkill/acknowledged-commits-survive", test_sigkill);
  return g_test_run ();
}
