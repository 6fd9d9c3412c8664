/* test-ledger-pg.c: issue 4 on a shared PostgreSQL server. The ledger's
 * services work through a user's own server role under row-level security
 * (rules of 0004, applied to the ledger's tables by 0005-ledger.pg.sql),
 * and a user of another office neither sees nor writes the office's
 * materials, through Jhk or around it.
 */
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

static void
test_ledger_as_staff_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *today = jhk_today ();
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL;
  g_autoptr(JhkDb) higashi = NULL;
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) higashi_unyo = NULL;
  gint64 office, place, material, copy = 0, n_events;
  JhkMaterialSpec spec = { 0 };
  JhkMaterialEvent ev = { 0 };
  JhkMaterialDisposition d = { 0 };

  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;

  /* The 情報管理者 of 中央警察署, on their own server role. */
  chuo = jhk_test_pg_open_as (dbname, "chuo-kanri");
  kanri = jhk_test_login (chuo, "chuo-kanri");
  office = jhk_org_find_unit (chuo, "910");
  place = jhk_ledger_add_storage_place (chuo, kanri, office, "試験用 施錠保管庫", TRUE, &error);
  g_assert_no_error (error);

  spec = (JhkMaterialSpec) {
    .org_unit_id = office, .direction = "output", .name = "指紋照合結果一覧表", .quantity = 2,
    .business_id = jhk_org_find_business (chuo, "B101"),
    .handler_staff_id = jhk_org_find_staff (chuo, "C9113"), .purpose = "捜査資料",
    /* R15-3: designated by the 対象業務管理者 of B101, of another office,
     * whose role rows this user does not see. */
    .designated = TRUE, .designated_by = jhk_org_find_staff (owner, "A3101"),
    .personal_data = TRUE, .creation_reason = "law", .acquired_on = today,
    .acquisition_method = "printed", .measure = "store", .storage_place_id = place,
  };
  material = jhk_ledger_register_material (chuo, kanri, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (material, >, 0);

  ev = (JhkMaterialEvent) {
    .kind = "lend", .happened_on = today, .quantity = 1,
    .handler_staff_id = spec.handler_staff_id,
  };
  g_assert_cmpint (jhk_ledger_record_event (chuo, kanri, material, &ev, NULL, &error), >, 0);
  g_assert_no_error (error);
  ev.kind = "return";
  g_assert_cmpint (jhk_ledger_record_event (chuo, kanri, material, &ev, NULL, &error), >, 0);
  g_assert_no_error (error);
  ev.kind = "copy";
  ev.copy_basis = "manager_approval";
  ev.approved_by = spec.designated_by;
  g_assert_cmpint (jhk_ledger_record_event (chuo, kanri, material, &ev, &copy, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, material);

  /* Around Jhk: the history is never changed. */
  g_assert_false (jhk_db_run (chuo, &error, "DELETE FROM material_events", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (chuo, &error, "UPDATE material_events SET quantity = 9", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
  g_clear_error (&error);

  /* Another office's 運用管理者 sees none of it and writes none of it. */
  higashi = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi_unyo = jhk_test_login (higashi, "higashi-unyo");
  g_assert_cmpint (jhk_test_count_rows (higashi, "materials"), ==, 0);
  g_assert_cmpint (jhk_test_count_rows (higashi, "material_events"), ==, 0);
  g_assert_cmpint (jhk_test_count_rows (higashi, "storage_places"), ==, 0);
  n_events = jhk_test_count_rows (owner, "material_events");
  g_assert_false (jhk_ledger_record_event (higashi, higashi_unyo, material, &(JhkMaterialEvent) {
                                             .kind = "other", .happened_on = today,
                                             .handler_staff_id = jhk_org_find_staff (higashi, "C9201") },
                                           NULL, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO material_events (material_id, happened_on,"
                                            " kind, quantity, handler_staff_id, created_at, created_by)"
                                            " VALUES (%" G_GINT64_FORMAT ", '%s', 'other', 0, 1, 0,"
                                            " 'higashi-unyo')", material, today);

    g_assert_false (jhk_db_run (higashi, &error, sql, JHK_DB_END));
    g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
    g_clear_error (&error);
  }
  g_assert_cmpint (jhk_test_count_rows (owner, "material_events"), ==, n_events);

  /* R16-3, R17-3: disposed of before the 情報管理者 (here the user). */
  d = (JhkMaterialDisposition) {
    .kind = "dispose", .happened_on = today, .method = "shred",
    .handler_staff_id = spec.handler_staff_id,
    .witness_staff_id = jhk_org_find_staff (chuo, "C9111"),
  };
  g_assert_true (jhk_ledger_final_disposition (chuo, kanri, material, &d, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_dispositions"
                                            " WHERE material_id = %" G_GINT64_FORMAT, material);

    g_assert_cmpint (jhk_test_query_int (owner, sql, JHK_DB_END), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jhk_test_pg_keep_private_cluster ();
  g_test_add_func ("/ledger-pg/works-as-staff-roles", test_ledger_as_staff_roles);
  return jhk_test_run ();
}
