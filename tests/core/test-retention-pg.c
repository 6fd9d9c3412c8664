/* test-retention-pg.c: issue 4, R15-3 and R18-3 on a shared PostgreSQL
 * server, through the users' own server roles under row-level security
 * (0009-system-documents.pg.sql): the office's 運用管理者 purges an expired
 * material and its history goes with it; nobody deletes history around
 * Jhk, not even through the purge's own function; another office sees
 * nothing to purge; a named viewer sees the system document.
 */
#include "jhk-demo.h"
#include "jhk-ledger-query.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define EVENTS_OF "SELECT COUNT(*) FROM material_events WHERE material_id = ?"

static void
test_purge_as_staff_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL;
  g_autoptr(JhkDb) higashi = NULL;
  g_autoptr(JhkDb) shokuin_db = NULL;
  g_autoptr(JhkSession) unyo = NULL;
  g_autoptr(JhkSession) higashi_unyo = NULL;
  g_autoptr(JhkSession) shokuin = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(JhkLedgerMaterial) tomb = NULL;
  gint64 office, purged, kept;

  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;

  chuo = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (chuo, "chuo-unyo");
  office = jhk_org_find_unit (chuo, "910");
  expired = jhk_retention_list_expired (chuo, unyo, office, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expired->len, >=, 2);
  purged = ((JhkLedgerMaterial *) g_ptr_array_index (expired, 0))->id;
  kept = ((JhkLedgerMaterial *) g_ptr_array_index (expired, 1))->id;
  g_assert_cmpint (jhk_test_query_int (owner, EVENTS_OF, JHK_I (purged), JHK_DB_END), >, 0);

  /* Around Jhk: the purge's function refuses a material not purged, and
   * history is not deleted directly. */
  g_assert_false (jhk_db_query_int64 (chuo, NULL, &error,
                                      "SELECT 1 FROM jhk_purge_material_history (?)",
                                      JHK_I (kept), JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (chuo, &error, "DELETE FROM material_dispositions", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
  g_clear_error (&error);

  /* Another office's 運用管理者 does not even see it. */
  higashi = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi_unyo = jhk_test_login (higashi, "higashi-unyo");
  g_assert_false (jhk_retention_purge (higashi, higashi_unyo, purged, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The office's 運用管理者, through Jhk. */
  g_assert_true (jhk_retention_purge (chuo, unyo, purged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_test_query_int (owner, EVENTS_OF, JHK_I (purged), JHK_DB_END), ==, 0);
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM material_dispositions"
                                       " WHERE material_id = ?", JHK_I (purged), JHK_DB_END),
                   ==, 0);
  g_assert_cmpint (jhk_test_query_int (owner, EVENTS_OF, JHK_I (kept), JHK_DB_END), >, 0);
  tomb = jhk_ledger_query_material (chuo, unyo, purged, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tomb->status, ==, "purged");

  /* R18-3: the demo names 刑事課's C9132 for a system document. */
  shokuin_db = jhk_test_pg_open_as (dbname, "chuo-shokuin");
  shokuin = jhk_test_login (shokuin_db, "chuo-shokuin");
  seen = jhk_ledger_query_list (shokuin_db, shokuin, office, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (((JhkLedgerMaterial *) g_ptr_array_index (seen, 0))->category, ==,
                   "system_document");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/retention-pg/R15-3/purge-as-staff-roles", test_purge_as_staff_roles);
  return jhk_test_run ();
}
