/* test-db.c: the connection layer, migrations, transactions, backup. */
#include <sqlite3.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-db.h"
#include "jhk-db-watch.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

static JhkDb *
new_db (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_path (name);
  JhkDb *db = jhk_db_open (path, JHK_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return db;
}

static char *
pragma_text (JhkDb      *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  jhk_db_query_text (db, &value, &error, sql, JHK_DB_END);
  g_assert_no_error (error);
  return value;
}

static void
test_open_settings (void)
{
  g_autoptr(JhkDb) db = new_db ("settings");
  g_autofree char *journal = pragma_text (db, "PRAGMA journal_mode");
  g_autofree char *sync = pragma_text (db, "PRAGMA synchronous");
  g_autofree char *fk = pragma_text (db, "PRAGMA foreign_keys");
  struct stat st;

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (sync, ==, "2"); /* FULL */
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpint (g_stat (jhk_db_get_uri (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (jhk_db_get_schema_version (db), ==, jhk_db_get_latest_schema_version ());
  g_assert_cmpint (jhk_db_get_latest_schema_version (), >=, 1);
}

/* PostgreSQL: a new database gets every migration and is the server's. */
static void
test_open_settings_pg (void)
{
  g_autoptr(JhkDb) db = new_db ("settings");
  g_autofree char *encoding = pragma_text (db, "SHOW server_encoding");

  g_assert_cmpstr (jhk_db_get_backend_name (db), ==, "postgresql");
  g_assert_cmpstr (encoding, ==, "UTF8");
  g_assert_cmpint (jhk_db_get_schema_version (db), ==, jhk_db_get_latest_schema_version ());
  g_assert_cmpint (jhk_db_get_latest_schema_version (), >=, 1);
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_path ("missing");
  g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);

  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_assert_null (db);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* PostgreSQL: a database that is not on the server is not made by a plain
 * open either. */
static void
test_open_missing_pg (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("jhk_missing_%d", (int) getpid ());
  g_autofree char *uri = jhk_test_pg_uri (name, NULL, NULL);
  g_autofree char *admin = jhk_test_pg_uri ("postgres", NULL, NULL);
  g_autoptr(JhkDb) db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDb) server = NULL;
  gint64 n = -1;

  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_null (db);
  g_clear_error (&error);
  server = jhk_db_open (admin, JHK_DB_OPEN_NO_MIGRATE, &error);
  g_assert_no_error (error);
  jhk_db_query_int64 (server, &n, &error, "SELECT COUNT(*) FROM pg_database WHERE datname = ?",
                      JHK_T (name), JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
}

static void
test_open_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_path ("garbage");
  g_autoptr(JhkDb) db = NULL;

  g_file_set_contents (path, "this is not a database file, it is a CSV,1,2,3\n", -1, &error);
  g_assert_no_error (error);
  db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT);
}

/* A postgresql: URI goes to the PostgreSQL backend (test-db-pg tests it on
 * a server); with no server there, opening fails as for a missing file. */
static void
test_postgres_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open ("postgresql:///jhk?host=/nonexistent-jhk-socket-dir",
                                     JHK_DB_OPEN_DEFAULT, &error);

  g_assert_null (db);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
}

static void
test_network_filesystems (void)
{
  g_assert_true (jhk_db_fs_type_is_network (0x6969));      /* NFS */
  g_assert_true (jhk_db_fs_type_is_network (0xFF534D42));  /* CIFS */
  g_assert_true (jhk_db_fs_type_is_network (0xFE534D42));  /* SMB2 */
  g_assert_false (jhk_db_fs_type_is_network (0xEF53));     /* ext4 */
  g_assert_false (jhk_db_fs_type_is_network (0x01021994)); /* tmpfs */
}

static void
test_too_new_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JhkDb) again = NULL;

  {
    g_autoptr(JhkDb) db = new_db ("too-new");
    path = g_strdup (jhk_db_get_uri (db));
    jhk_db_run (db, &error, "INSERT INTO schema_migrations (version, name, applied_at)"
                            " VALUES (999, '0999-future', 0)", JHK_DB_END);
    g_assert_no_error (error);
  }
  again = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_null (again);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "999"));
}

static gint64
count (JhkDb *db, const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);
  gint64 n = -1;

  jhk_db_query_int64 (db, &n, &error, sql, JHK_DB_END);
  g_assert_no_error (error);
  return n;
}

static void
test_transactions_nest (void)
{
  g_autoptr(JhkDb) db = new_db ("txn");
  g_autoptr(GError) error = NULL;

  jhk_db_exec (db, "CREATE TABLE t (v TEXT)", &error);
  g_assert_no_error (error);

  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?)", JHK_T ("outer"), JHK_DB_END);
  g_assert_true (jhk_db_begin (db, &error));
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?)", JHK_T ("inner"), JHK_DB_END);
  jhk_db_rollback (db); /* the savepoint only */
  g_assert_true (jhk_db_in_transaction (db));
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
}

static void
test_typed_binds (void)
{
  g_autoptr(JhkDb) db = new_db ("binds");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;

  jhk_db_exec (db, "CREATE TABLE t (i BIGINT, s TEXT, d REAL, z BIGINT)", &error);
  jhk_db_run (db, &error, "INSERT INTO t VALUES (?, ?, ?, ?)", JHK_I (G_MAXINT64),
              JHK_T ("髙﨑①'\"; DROP TABLE t; --"), JHK_D (0.5), JHK_IZ (0), JHK_DB_END);
  g_assert_no_error (error);
  stmt = jhk_db_query (db, &error, "SELECT i, s, d, z FROM t", JHK_DB_END);
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_ROW);
  g_assert_cmpint (jhk_db_stmt_get_int64 (stmt, 0), ==, G_MAXINT64);
  g_assert_cmpstr (jhk_db_stmt_get_text (stmt, 1), ==, "髙﨑①'\"; DROP TABLE t; --");
  g_assert_cmpfloat (jhk_db_stmt_get_double (stmt, 2), ==, 0.5);
  g_assert_true (jhk_db_stmt_is_null (stmt, 3));
  g_assert_cmpstr (jhk_db_stmt_get_column_name (stmt, 1), ==, "s");
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_DONE);
}

static void
test_errors_mapped (void)
{
  g_autoptr(JhkDb) db = new_db ("errors");
  g_autoptr(GError) error = NULL;

  g_assert_false (jhk_db_exec (db, "SELEC nonsense", &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED);
  g_clear_error (&error);

  jhk_db_exec (db, "CREATE TABLE u (k TEXT UNIQUE)", &error);
  jhk_db_run (db, &error, "INSERT INTO u VALUES ('a')", JHK_DB_END);
  g_assert_false (jhk_db_run (db, &error, "INSERT INTO u VALUES ('a')", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNIQUE);
  g_clear_error (&error);

  g_assert_false (jhk_db_query_int64 (db, NULL, &error, "SELECT 1 FROM u WHERE k = 'zz'",
                                      JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND);
}

static void
test_backup_restore (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = jhk_test_new_file ("backup.db");
  g_autofree char *report = NULL;
  gint64 users = count (db, "users");
  gint64 entries = count (db, "audit_log");
  struct stat st;

  g_assert_true (jhk_db_backup (db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Change the live database after the backup... */
  jhk_db_run (db, &error, "UPDATE users SET failed_attempts = 3", JHK_DB_END);
  jhk_db_run (db, &error, "INSERT INTO settings VALUES ('x', 'y')", JHK_DB_END);
  g_assert_no_error (error);

  /* ...and restore: the backup's contents come back whole. */
  g_assert_true (jhk_db_restore (db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (db, "users"), ==, users);
  g_assert_cmpint (count (db, "audit_log"), ==, entries);
  g_assert_cmpint (count (db, "settings WHERE key = 'x'"), ==, 0);
  g_assert_cmpint (count (db, "users WHERE failed_attempts > 0"), ==, 0);
  g_assert_true (jhk_db_integrity_check (db, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

static void
test_restore_refuses_damaged (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = jhk_test_new_file ("damaged.db");
  g_autofree char *contents = NULL;
  gsize length;
  gint64 users = count (db, "users");

  g_assert_true (jhk_db_backup (db, backup, NULL, NULL, NULL, &error));
  g_file_get_contents (backup, &contents, &length, &error);
  g_assert_no_error (error);
  /* Wreck pages in the middle of the file, keeping the header. */
  memset (contents + 4096 * 2, 0xA5, 4096 * 3);
  g_file_set_contents (backup, contents, length, &error);
  g_assert_no_error (error);

  g_assert_false (jhk_db_restore (db, backup, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* The live database is untouched. */
  g_assert_cmpint (count (db, "users"), ==, users);
  g_assert_true (jhk_db_integrity_check (db, NULL, &error));

  g_assert_false (jhk_db_restore (db, "/nonexistent/backup.db", NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN);
}

static void
test_backup_cancel (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *backup = jhk_test_new_file ("cancelled.db");

  g_cancellable_cancel (cancellable);
  g_assert_false (jhk_db_backup (db, backup, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

/* PostgreSQL: jhk_db_backup() runs pg_dump (test-db-pg-ops tests the round
 * trip); what is not a backup, or a database that holds data, is refused
 * and the database stays as it was. */
static void
test_backup_refused_pg (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = jhk_test_new_file ("backup.db");
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;

  g_assert_true (jhk_db_backup (db, backup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_restore (db, backup, NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_EMPTY);
  g_clear_error (&error);

  g_file_set_contents (backup, "not a backup", -1, &error);
  g_assert_no_error (error);
  g_assert_false (jhk_db_restore (db, backup, NULL, NULL, NULL, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "pg_dump"));
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
}

/* Runs one of PostgreSQL's client programs; the URI names the database. */
static void
run_pg_client (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], err);
}

/* Issue 3, PostgreSQL: the documented backup (pg_dump -Fc) restores
 * (pg_restore into a new, empty database) to the same rows, and the audit
 * chain verifies in the copy. */
static void
test_pg_dump_restore (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkDb) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = jhk_test_new_file ("jhk.dump");
  g_autofree char *source_uri = g_strdup (jhk_test_last_path ());
  g_autofree char *target = jhk_test_pg_new_database (NULL);
  g_autofree char *target_uri = jhk_test_pg_uri (target, NULL, NULL);
  g_autofree char *pg_dump = g_find_program_in_path ("pg_dump");
  g_autofree char *pg_restore = g_find_program_in_path ("pg_restore");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkAuditReport report = { 0 };

  if (pg_dump == NULL || pg_restore == NULL)
    {
      g_test_skip ("pg_dump and pg_restore (package postgresql-client) are not installed");
      return;
    }
  {
    const char *argv[] = { pg_dump, "-Fc", "-f", dump, "-d", source_uri, NULL };
    run_pg_client (argv);
  }
  {
    const char *argv[] = { pg_restore, "--exit-on-error", "--no-owner", "-d", target_uri, dump,
                           NULL };
    run_pg_client (argv);
  }

  restored = jhk_db_open (target_uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = jhk_test_dump_tables (db);
  after = jhk_test_dump_tables (restored);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (jhk_audit_verify (restored, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, >, 0);
  g_assert_cmpint (report.first_bad_seq, ==, 0);
  jhk_audit_report_clear (&report);
}

static void
test_data_version (void)
{
  g_autoptr(JhkDb) a = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) b = jhk_db_open (jhk_test_last_path (), JHK_DB_OPEN_DEFAULT, &error);
  gint64 before;

  g_assert_no_error (error);
  count (a, "users");
  before = jhk_db_get_data_version (a);
  jhk_db_run (b, &error, "INSERT INTO settings VALUES ('k', 'v')", JHK_DB_END);
  g_assert_no_error (error);
  count (a, "users");
  g_assert_cmpint (jhk_db_get_data_version (a), !=, before);
}

/* Issue 3: a second connection (another window, another workstation) sees
 * that the data changed, and only then. */
static void
on_changed (JhkDbWatch *watch,
            guint      *count)
{
  (*count)++;
}

static void
test_watch_other_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) writer = new_db ("watch");
  g_autoptr(JhkDb) reader = jhk_db_open (jhk_db_get_uri (writer), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkDbWatch) watch = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  watch = jhk_db_watch_new (reader, 0);
  g_signal_connect (watch, "changed", G_CALLBACK (on_changed), &changes);

  g_assert_false (jhk_db_watch_check (watch));
  g_assert_true (jhk_db_exec (writer, "INSERT INTO settings VALUES ('w1', '1')", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_watch_check (watch));
  g_assert_cmpuint (changes, ==, 1);
  /* Nothing new: no signal. */
  g_assert_false (jhk_db_watch_check (watch));
  /* Committed transactions only. */
  g_assert_true (jhk_db_begin (writer, &error));
  g_assert_true (jhk_db_exec (writer, "INSERT INTO settings VALUES ('w2', '2')", &error));
  g_assert_false (jhk_db_watch_check (watch));
  g_assert_true (jhk_db_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_watch_check (watch));
  g_assert_cmpuint (changes, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!jhk_test_backend_is_pg ())
    {
      g_test_add_func ("/db/open/pragmas-and-mode", test_open_settings);
      g_test_add_func ("/db/open/missing-file", test_open_missing);
      g_test_add_func ("/db/open/not-a-database", test_open_not_a_database);
      g_test_add_func ("/db/open/network-filesystems", test_network_filesystems);
      g_test_add_func ("/db/backup/restore-round-trip", test_backup_restore);
      g_test_add_func ("/db/backup/restore-refuses-damaged", test_restore_refuses_damaged);
      g_test_add_func ("/db/backup/cancel", test_backup_cancel);
    }
  else
    {
      g_test_add_func ("/db/open/server-database", test_open_settings_pg);
      g_test_add_func ("/db/open/missing-database", test_open_missing_pg);
      g_test_add_func ("/db/backup/pg-refuses-bad-restore", test_backup_refused_pg);
      g_test_add_func ("/db/backup/pg-dump-restore", test_pg_dump_restore);
    }
  g_test_add_func ("/db/open/postgresql-unreachable", test_postgres_unreachable);
  g_test_add_func ("/db/migrations/newer-database-refused", test_too_new_refused);
  g_test_add_func ("/db/transactions/nest-as-savepoints", test_transactions_nest);
  g_test_add_func ("/db/statements/typed-binds", test_typed_binds);
  g_test_add_func ("/db/statements/errors-mapped", test_errors_mapped);
  g_test_add_func ("/db/data-version/other-connection", test_data_version);
  g_test_add_func ("/db/watch/other-connection", test_watch_other_connection);

  return jhk_test_run ();
}
