/* test-transfer.c: copying a whole database (jhkctl migrate, issue 3). */
#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-policy.h"
#include "jhk-transfer.h"
#include "jhk-test-util.h"

static JhkDb *
new_empty (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_path (name);
  JhkDb *db = jhk_db_open (path, JHK_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return db;
}

/* Every table of the schema is in the copy list, so a table a later
 * migration adds cannot be left behind silently. */
static void
test_tables_cover_schema (void)
{
  g_autoptr(JhkDb) db = new_empty ("schema");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt =
    jhk_test_backend_is_pg ()
    ? jhk_db_query (db, &error,
                    "SELECT table_name FROM information_schema.tables"
                    " WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'"
                    " AND table_name <> 'schema_migrations'", JHK_DB_END)
    : jhk_db_query (db, &error,
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'", JHK_DB_END);
  const char * const *tables = jhk_transfer_tables ();
  guint n = 0;

  g_assert_no_error (error);
  while (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
    {
      const char *name = jhk_db_stmt_get_text (stmt, 0);

      g_test_message ("table %s", name);
      g_assert_true (g_strv_contains (tables, name));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) tables));
}

/* Everything arrives, exactly: counts per table, the chain and its head. */
static void
test_copy_demo (void)
{
  g_autoptr(JhkDb) src = jhk_test_demo_db ();
  g_autoptr(JhkDb) dest = new_empty ("copy");
  g_autoptr(JhkSession) admin = jhk_test_login (src, "admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) again = NULL;
  JhkTransferReport report = { 0 };
  JhkAuditReport verified = { 0 };
  const char * const *tables = jhk_transfer_tables ();
  gint64 entries;

  g_assert_true (jhk_transfer_migrate (src, admin, dest, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (jhk_test_count_rows (dest, tables[i]), ==,
                     jhk_test_count_rows (src, tables[i]));
  entries = jhk_test_count_rows (src, "audit_log");
  g_assert_cmpint (report.n_audit, ==, entries);
  g_assert_true (jhk_audit_verify (dest, NULL, NULL, NULL, NULL, &verified, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verified.head, ==, report.head);
  jhk_audit_report_clear (&verified);
  jhk_transfer_report_clear (&report);

  /* The move itself is in both chains. */
  {
    g_autofree char *action = NULL;

    g_assert_true (jhk_db_query_text (dest, &action, &error,
                                      "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                      JHK_DB_END));
    g_assert_cmpstr (action, ==, "db.migrate");
  }
  /* People log in to the copy as before, and it takes new ids. */
  again = jhk_test_login (dest, "soukatsu");
  g_assert_nonnull (again);
  g_assert_cmpint (jhk_test_count_rows (dest, "audit_log"), ==, entries + 1);
}

/* Copies `src` into `dest` as the システム管理者 and checks that every
 * table arrived whole and the chain verifies with the same head. */
static void
assert_copied (JhkDb *src,
               JhkDb *dest)
{
  g_autoptr(JhkSession) admin = jhk_test_login (src, "admin");
  g_autoptr(GError) error = NULL;
  JhkTransferReport report = { 0 };
  JhkAuditReport verified = { 0 };
  const char * const *tables = jhk_transfer_tables ();

  g_assert_true (jhk_transfer_migrate (src, admin, dest, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (jhk_test_count_rows (dest, tables[i]), ==,
                     jhk_test_count_rows (src, tables[i]));
  g_assert_true (jhk_audit_verify (dest, NULL, NULL, NULL, NULL, &verified, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verified.head, ==, report.head);
  g_assert_cmpint (verified.n_entries, ==, report.n_audit);
  jhk_audit_report_clear (&verified);
  jhk_transfer_report_clear (&report);
}

/* Issue 3: jhkctl migrate copies a server's database into an SQLite file
 * and a file into a server, and the chain verifies after each move. */
static void
test_copy_across_backends (void)
{
  g_autoptr(JhkDb) server = jhk_test_demo_db ();
  g_autofree char *file = jhk_test_new_file ("copy.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) sqlite = jhk_db_open (file, JHK_DB_OPEN_CREATE, &error);
  g_autofree char *back_uri = jhk_test_new_path ("back");
  g_autoptr(JhkDb) back = NULL;
  g_autoptr(JhkSession) session = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (jhk_db_get_backend_name (server), ==, "postgresql");
  g_assert_cmpstr (jhk_db_get_backend_name (sqlite), ==, "sqlite");
  assert_copied (server, sqlite);
  back = jhk_db_open (back_uri, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  assert_copied (sqlite, back);
  session = jhk_test_login (back, "soukatsu");
  g_assert_nonnull (session);
}

/* Only the システム管理者; never into a database with data; nothing
 * written to the destination on refusal. */
static void
test_refusals (void)
{
  g_autoptr(JhkDb) src = jhk_test_demo_db ();
  g_autoptr(JhkDb) full = jhk_test_demo_db ();
  g_autoptr(JhkDb) dest = new_empty ("refused");
  g_autoptr(JhkSession) supervisor = jhk_test_login (src, "soukatsu");
  g_autoptr(JhkSession) admin = jhk_test_login (src, "admin");
  g_autoptr(GError) error = NULL;
  JhkTransferReport report = { 0 };
  gint64 src_entries = jhk_test_count_rows (src, "audit_log");
  gint64 full_entries = jhk_test_count_rows (full, "audit_log");

  g_assert_false (jhk_transfer_migrate (src, supervisor, dest, NULL, NULL, &report, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (jhk_test_count_rows (dest, "audit_log"), ==, 0);

  g_assert_false (jhk_transfer_migrate (src, admin, full, NULL, NULL, &report, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (jhk_test_count_rows (full, "audit_log"), ==, full_entries);
  g_assert_cmpint (jhk_test_count_rows (src, "audit_log"), ==, src_entries);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/transfer/tables-cover-schema", test_tables_cover_schema);
  g_test_add_func ("/transfer/copy-demo", test_copy_demo);
  g_test_add_func ("/transfer/refusals", test_refusals);
  if (jhk_test_backend_is_pg ())
    g_test_add_func ("/transfer/copy-across-backends", test_copy_across_backends);

  return jhk_test_run ();
}
