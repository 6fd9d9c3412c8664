/* test-demo-requests.c: the demo's 作業依頼書 (issue 5, "Done when": the
 * demo database holds requests in every state), made through the services
 * under the logins whose step each is (R15-4), the personal-data output of
 * the completed one in 中央警察署's ledger (R15-1, R17-1). */
#include "jhk-demo.h"
#include "jhk-work-requests.h"
#include "jhk-test-util.h"

#define count(db, ...) jhk_test_query_int ((db), __VA_ARGS__, JHK_DB_END)

/* Every state of the request, for both recipients where the state is
 * past the draft. */
static void
test_every_state (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  const char *const *statuses = jhk_work_request_statuses ();

  for (guint i = 0; statuses[i] != NULL; i++)
    {
      gint64 n = count (db, "SELECT COUNT(*) FROM work_requests WHERE status = ?",
                        JHK_T (statuses[i]));

      g_test_message ("%s (%s): %" G_GINT64_FORMAT, statuses[i],
                      jhk_work_request_status_label (statuses[i]), n);
      g_assert_cmpint (n, >=, 1);
    }
  g_assert_cmpint (count (db, "SELECT COUNT(DISTINCT recipient) FROM work_requests"
                              " WHERE status <> 'draft'"), ==, 2);
  g_assert_cmpint (count (db, "SELECT COUNT(DISTINCT org_unit_id) FROM work_requests"), >=, 2);
  /* Past 受付 and completed, for each recipient. */
  g_assert_cmpint (count (db, "SELECT COUNT(DISTINCT recipient) FROM work_requests"
                              " WHERE status = 'in_progress'"), ==, 2);
  g_assert_cmpint (count (db, "SELECT COUNT(DISTINCT recipient) FROM work_requests"
                              " WHERE status = 'completed'"), ==, 2);
}

/* R15-4: a request to the システム管理者 went through the consent of the
 * business's manager, recorded under their login; the other steps under
 * the logins of the requester and the receiving side. */
static void
test_consent_first (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests WHERE recipient = 'sysadmin'"
                              " AND status IN ('submitted', 'in_progress', 'completed')"
                              " AND consent_by IS NULL"), ==, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests WHERE recipient = 'sysadmin'"
                              " AND status IN ('submitted', 'in_progress', 'completed')"), >=, 3);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests WHERE recipient = 'business'"
                              " AND consent_by IS NOT NULL"), ==, 0);
  /* Made by the offices' own 運用管理者 and 情報管理者. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests"
                              " WHERE created_login NOT IN ('chuo-kanri', 'chuo-unyo',"
                              " 'nishi-unyo')"), ==, 0);
  /* Every request's story is in the audit log, under demo logins only. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM audit_log WHERE object_type LIKE 'work%'"),
                   >=, count (db, "SELECT COUNT(*) FROM work_requests"));
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM audit_log WHERE object_type LIKE 'work%'"
                              " AND actor NOT IN ('chuo-kanri', 'chuo-unyo', 'nishi-unyo',"
                              " 'gyomu', 'denshi', 'admin')"), ==, 0);
}

/* R15-1, R17-1: the personal-data output handed over by the completed
 * request is a material of the requesting office, made for a set
 * procedure, in a locked place, linked to the request. */
static void
test_output_in_ledger (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  gint64 request = count (db, "SELECT MIN(w.id) FROM work_requests w"
                              " JOIN work_request_items i ON i.request_id = w.id"
                              " WHERE w.status = 'completed' AND i.personal_data = 1");
  gint64 material;

  g_assert_cmpint (request, >, 0);
  material = count (db, "SELECT i.material_id FROM work_request_items i"
                        " WHERE i.request_id = ? AND i.personal_data = 1", JHK_I (request));
  g_assert_cmpint (material, >, 0);
  g_assert_cmpint (count (db, "SELECT work_request_id FROM materials WHERE id = ?",
                          JHK_I (material)), ==, request);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials m"
                              " JOIN work_requests w ON w.id = m.work_request_id"
                              " JOIN storage_places p ON p.id = m.storage_place_id"
                              " WHERE m.id = ? AND m.org_unit_id = w.org_unit_id"
                              " AND m.direction = 'output' AND m.personal_data = 1"
                              " AND m.creation_reason = 'procedure' AND p.locked = 1",
                          JHK_I (material)), ==, 1);
}

/* R15-4: the requests sent back carry the reason. */
static void
test_returned_with_comment (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests WHERE status = 'returned'"),
                   ==, 2);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM work_requests WHERE status = 'returned'"
                              " AND return_comment <> ''"), ==, 2);
}

/* One open request is past its 完成希望日時, as the service reads it. */
static void
test_one_overdue (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_work_requests_list (db, admin, JHK_WORK_REQUESTS_VISIBLE,
                                                      &error);
  guint overdue = 0;

  g_assert_no_error (error);
  /* The システム管理者 sees every request, drafts too. */
  g_assert_cmpuint (list->len, ==, count (db, "SELECT COUNT(*) FROM work_requests"));
  for (guint i = 0; i < list->len; i++)
    {
      JhkWorkRequest *r = g_ptr_array_index (list, i);

      if (jhk_work_request_is_overdue (r, NULL))
        {
          g_test_message ("overdue: %s, wanted %s", r->summary, r->wanted_at);
          overdue++;
        }
    }
  g_assert_cmpuint (overdue, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo/R15-4/every-state", test_every_state);
  g_test_add_func ("/demo/R15-4/consent-first", test_consent_first);
  g_test_add_func ("/demo/R15-1/request-output-in-ledger", test_output_in_ledger);
  g_test_add_func ("/demo/R15-4/returned-with-comment", test_returned_with_comment);
  g_test_add_func ("/demo/R15-4/one-overdue", test_one_overdue);

  return jhk_test_run ();
}
