/* test-delivery-pg.c: issue 4's transfers on a shared PostgreSQL server
 * (R17-4, R17-5, R17-9): the services work through the users' own server
 * roles under row-level security (0008-transfers.pg.sql): the sending
 * office records and confirms, the receiving office sees the transfer and
 * records 受入, a third office sees none of it.
 */
#include "jhk-delivery.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

static void
test_transfers_as_staff_roles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *today = jhk_today ();
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL;
  g_autoptr(JhkDb) chuo_ops = NULL;
  g_autoptr(JhkDb) higashi = NULL;
  g_autoptr(JhkDb) nishi = NULL;
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) unyo = NULL;
  g_autoptr(JhkSession) higashi_unyo = NULL;
  g_autoptr(JhkSession) nishi_unyo = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 office, east, place, east_place, material, transfer, received, n_transfers;

  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  n_transfers = jhk_test_count_rows (owner, "transfers");

  chuo = jhk_test_pg_open_as (dbname, "chuo-kanri");
  kanri = jhk_test_login (chuo, "chuo-kanri");
  office = jhk_org_find_unit (chuo, "910");
  east = jhk_org_find_unit (chuo, "920");
  place = jhk_ledger_add_storage_place (chuo, kanri, office, "試験用 施錠保管庫", TRUE, &error);
  g_assert_no_error (error);
  material = jhk_ledger_register_material (chuo, kanri, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "指紋照合結果一覧表", .quantity = 3,
      .business_id = jhk_org_find_business (chuo, "B101"),
      .handler_staff_id = jhk_org_find_staff (chuo, "C9113"), .purpose = "捜査資料",
      .personal_data = TRUE, .creation_reason = "procedure", .acquired_on = today,
      .acquisition_method = "printed", .measure = "store", .storage_place_id = place }, &error);
  g_assert_no_error (error);

  /* R17-4: by courier to 東警察署, the officer designated by the demo. */
  transfer = jhk_delivery_send (chuo, kanri, &(JhkTransferSpec) {
      .material_id = material, .method = "courier", .sent_on = today, .quantity = 1,
      .officer_staff_id = jhk_org_find_staff (chuo, "C9113"), .to_office_id = east }, NULL,
      &error);
  g_assert_no_error (error);
  g_assert_cmpint (transfer, >, 0);
  /* R17-4(4): the 総括責任者's approval, whose role rows this user does
   * not see. */
  g_assert_cmpint (jhk_delivery_send (chuo, kanri, &(JhkTransferSpec) {
      .material_id = material, .method = "registered_mail", .sent_on = today, .quantity = 1,
      .officer_staff_id = jhk_org_find_staff (chuo, "C9113"), .recipient = "地方検察庁",
      .approved_by = jhk_org_find_staff (owner, "A1001") }, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* R17-9: the 運用管理者 of 中央警察署 confirms, on their own role. */
  chuo_ops = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (chuo_ops, "chuo-unyo");
  g_assert_true (jhk_delivery_confirm (chuo_ops, unyo, transfer, &error));
  g_assert_no_error (error);

  /* 受入 at 東警察署: it sees the transfer, not 中央's materials. */
  higashi = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi_unyo = jhk_test_login (higashi, "higashi-unyo");
  list = jhk_delivery_list_transfers (higashi, higashi_unyo, 0, JHK_TRANSFER_LIST_TO_RECEIVE,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  east_place = jhk_ledger_add_storage_place (higashi, higashi_unyo, east, "試験用 施錠保管庫",
                                             TRUE, &error);
  g_assert_no_error (error);
  received = jhk_delivery_receive (higashi, higashi_unyo, transfer, today,
                                   jhk_org_find_staff (higashi, "C9201"), east_place, &error);
  g_assert_no_error (error);
  g_assert_cmpint (received, >, 0);

  /* 西警察署 sees none of 中央's transfers and writes none. */
  nishi = jhk_test_pg_open_as (dbname, "nishi-unyo");
  nishi_unyo = jhk_test_login (nishi, "nishi-unyo");
  g_assert_cmpint (jhk_test_count_rows (nishi, "transfers"), ==, 0);
  g_assert_cmpint (jhk_test_count_rows (nishi, "delivery_channels"), ==, 0);
  g_assert_false (jhk_delivery_confirm (nishi, nishi_unyo, transfer, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (nishi, &error, "UPDATE transfers SET confirmed_on = NULL",
                              JHK_DB_END) && jhk_db_changes (nishi) > 0);
  g_clear_error (&error);
  g_assert_cmpint (jhk_test_count_rows (owner, "transfers"), ==, n_transfers + 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM transfers WHERE id = %"
                                            G_GINT64_FORMAT " AND confirmed_on IS NOT NULL"
                                            " AND received_material_id = %" G_GINT64_FORMAT,
                                            transfer, received);

    g_assert_cmpint (jhk_test_query_int (owner, sql, JHK_DB_END), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jhk_test_pg_keep_private_cluster ();
  g_test_add_func ("/delivery-pg/R17-4-R17-9/works-as-staff-roles", test_transfers_as_staff_roles);
  return jhk_test_run ();
}
