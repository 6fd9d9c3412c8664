/* test-approvals.c: issue 4, the 総括責任者's approvals (R15-2, R16-2).
 *
 * A keeper of the office asks, the 総括責任者 decides once, the requester
 * may withdraw; a copy or hand-over of personal-data input material uses
 * one approved request. Every successful write adds one audit entry; every
 * refusal leaves every table as it was. Runs on SQLite and, with
 * `meson test --setup postgresql`, on PostgreSQL; the last test checks the
 * row-level security of 0007-approvals.pg.sql on a private cluster.
 */
#include "jhk-approvals.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *kanri;      /* 情報管理者, 中央警察署 */
  JhkSession *hojo;       /* 情報管理補助者, 中央警察署 */
  JhkSession *soukatsu;   /* 総括責任者 */
  JhkSession *higashi;    /* 運用管理者, 東警察署 */
  gint64      office;
  gint64      input;      /* personal-data input material of 中央警察署 */
  gint64      output;     /* output material without personal data */
  gint64      handler;
  char       *today;
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->kanri, "chuo-kanri", &f->hojo, "chuo-hojo",
                       &f->soukatsu, "soukatsu", &f->higashi, "higashi-unyo", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->handler = jhk_org_find_staff (f->db, "C9113");
  f->today = jhk_today ();
  f->input = jhk_test_register_material (f->db, f->kanri, f->office, "input", TRUE, 3);
  f->output = jhk_test_register_material (f->db, f->kanri, f->office, "output", FALSE, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->kanri, &f->hojo, &f->soukatsu, &f->higashi, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
}

static gint64
request_ok (Fixture    *f,
            gint64      material,
            const char *kind,
            const char *for_name)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_approvals_request (f->db, f->kanri, material, kind, "送致のため", for_name,
                                     &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "approval.request");
  return id;
}

static void
approve_ok (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);

  g_assert_true (jhk_approvals_approve (f->db, f->soukatsu, id, "了承", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "approval.approve");
}

static JhkMaterialEvent
event_of (Fixture    *f,
          const char *kind)
{
  JhkMaterialEvent ev = {
    .kind = kind, .happened_on = f->today, .quantity = 1, .handler_staff_id = f->handler,
    .counterpart = "検察庁", .copy_basis = g_str_equal (kind, "copy") ? "maintenance_test" : NULL,
  };

  return ev;
}

static char *
approval_status (Fixture *f,
                 gint64   id)
{
  return jhk_test_query_text (f->db, "SELECT status FROM material_approvals WHERE id = ?",
                              JHK_I (id), JHK_DB_END);
}

/* R16-2: an approved request allows one copy, and the copy uses it up. */
static void
test_copy_with_approval (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkApproval) a = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  JhkMaterialEvent ev = event_of (f, "copy");
  gint64 id = request_ok (f, f->input, "copy", NULL);
  gint64 event, used = 0, before;

  pending = jhk_approvals_list_pending_for (f->db, f->soukatsu, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, >=, 1);
  g_assert_cmpint (((JhkApproval *) g_ptr_array_index (pending, 0))->id, ==, id);

  approve_ok (f, id);
  a = jhk_approvals_get (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->status, ==, "approved");
  g_assert_cmpstr (a->comment, ==, "了承");
  g_assert_cmpint (a->decided_by, ==, jhk_session_get_staff_id (f->soukatsu));
  g_assert_nonnull (a->decider_name);

  ev.approval_id = id;
  before = jhk_test_audit_count (f->db);
  event = jhk_ledger_record_event (f->db, f->kanri, f->input, &ev, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event, >, 0);
  jhk_test_assert_last_action (f->db, before, "material.event");
  g_assert_true (jhk_db_query_int64 (f->db, &used, NULL,
                                     "SELECT used_by_event_id FROM material_approvals"
                                     " WHERE id = ?", JHK_I (id), JHK_DB_END));
  g_assert_cmpint (used, ==, event);

  /* Used once. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &ev, NULL, refusal));
}

/* R16-2: no copy or hand-over of personal-data input without an approved,
 * unused request of that kind for that material. */
static void
test_copy_needs_approval (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent copy = event_of (f, "copy");
  JhkMaterialEvent hand = event_of (f, "hand_over");
  gint64 pending = request_ok (f, f->input, "copy", NULL);
  gint64 hand_id = request_ok (f, f->input, "hand_over", NULL);
  gint64 other = jhk_test_register_material (f->db, f->kanri, f->office, "input", TRUE, 3);
  gint64 of_other = request_ok (f, other, "copy", NULL);
  gint64 declined = request_ok (f, f->input, "copy", NULL);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &hand, NULL, refusal));
  copy.approval_id = pending;  /* not approved yet */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  approve_ok (f, hand_id);
  copy.approval_id = hand_id;  /* approved, but for a hand-over */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  approve_ok (f, of_other);
  copy.approval_id = of_other;  /* approved, but for another material */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  g_assert_true (jhk_approvals_decline (f->db, f->soukatsu, declined, "必要性なし", &error));
  g_assert_no_error (error);
  copy.approval_id = declined;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  copy.approval_id = 999999;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, f->input, &copy, NULL, refusal));
  /* A lend uses no approval. */
  {
    JhkMaterialEvent lend = event_of (f, "lend");

    lend.approval_id = hand_id;
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_ledger_record_event (f->db, f->kanri, f->input, &lend, NULL, refusal));
  }

  /* The approved hand-over goes through. */
  hand.approval_id = hand_id;
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, f->input, &hand, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* R16-2 is of personal-data input: output, or input without personal
 * data, is handed over without a request, and no request is taken. */
static void
test_only_personal_input (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent hand = event_of (f, "hand_over");

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_approvals_request (f->db, f->kanri, f->output, "hand_over", "交付のため",
                                         NULL, refusal));
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, f->output, &hand, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* R15-2: viewing or handing to other staff names the person and the
 * reason; the 総括責任者 decides once, declining with a comment. */
static void
test_view_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 id, before;

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_approvals_request (f->db, f->kanri, f->output, "view", "照合のため", NULL,
                                         refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_approvals_request (f->db, f->kanri, f->output, "view", "  ",
                                         "地域課 木村 彩", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_approvals_request (f->db, f->kanri, f->output, "read", "照合のため",
                                         "地域課 木村 彩", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_approvals_request (f->db, f->higashi, f->output, "view", "照合のため",
                                         "地域課 木村 彩", refusal));
  id = request_ok (f, f->output, "view", "地域課 木村 彩");

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_approvals_decline (f->db, f->soukatsu, id, "", refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_approvals_decline (f->db, f->soukatsu, id, "業務外の閲覧は不可", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "approval.decline");
  status = approval_status (f, id);
  g_assert_cmpstr (status, ==, "declined");

  /* Decided once. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_approvals_approve (f->db, f->soukatsu, id, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_approvals_decline (f->db, f->soukatsu, id, "再度", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_approvals_withdraw (f->db, f->kanri, id, refusal));
}

/* R15-2, R16-2: only the 総括責任者 decides. */
static void
test_only_supervisor_decides (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JhkSession) unyo = jhk_test_login (f->db, "chuo-unyo");
  g_autoptr(JhkSession) admin = jhk_test_login (f->db, "admin");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = request_ok (f, f->input, "copy", NULL);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_approvals_approve (f->db, f->kanri, id, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_approvals_approve (f->db, unyo, id, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_approvals_decline (f->db, admin, id, "不可", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_approvals_approve (f->db, f->soukatsu, 999999, NULL, refusal));
  none = jhk_approvals_list_pending_for (f->db, f->kanri, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The requester withdraws a pending request; nobody else does. */
static void
test_withdraw (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 id = request_ok (f, f->input, "hand_over", NULL);
  gint64 before;

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_approvals_withdraw (f->db, f->hojo, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_approvals_withdraw (f->db, f->soukatsu, id, refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_approvals_withdraw (f->db, f->kanri, id, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "approval.withdraw");
  status = approval_status (f, id);
  g_assert_cmpstr (status, ==, "withdrawn");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_approvals_approve (f->db, f->soukatsu, id, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_approvals_withdraw (f->db, f->kanri, id, refusal));
}

/* The lists: of a material, of an office, what the user may see. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) of_material = NULL;
  g_autoptr(GPtrArray) of_office = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) elsewhere = NULL;
  g_autoptr(GPtrArray) visible = NULL;
  g_autoptr(JhkApproval) hidden = NULL;
  gint64 a = request_ok (f, f->input, "copy", NULL);
  gint64 b = request_ok (f, f->output, "view", "地域課 木村 彩");

  approve_ok (f, a);
  of_material = jhk_approvals_list_material (f->db, f->hojo, f->input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_material->len, ==, 1);
  g_assert_cmpint (((JhkApproval *) g_ptr_array_index (of_material, 0))->id, ==, a);

  of_office = jhk_approvals_list_office (f->db, f->kanri, f->office, "pending", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_office->len, >=, 1);
  for (guint i = 0; i < of_office->len; i++)
    g_assert_cmpstr (((JhkApproval *) g_ptr_array_index (of_office, i))->status, ==, "pending");

  pending = jhk_approvals_list_visible (f->db, f->soukatsu, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((JhkApproval *) g_ptr_array_index (pending, 0))->id, ==, b);

  /* Another office's keeper sees none of it. */
  elsewhere = jhk_approvals_list_office (f->db, f->higashi, f->office, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (elsewhere->len, ==, 0);
  visible = jhk_approvals_list_visible (f->db, f->higashi, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < visible->len; i++)
    g_assert_cmpint (((JhkApproval *) g_ptr_array_index (visible, i))->office_id, !=, f->office);
  hidden = jhk_approvals_get (f->db, f->higashi, a, &error);
  g_assert_null (hidden);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
}

/* On a server each user works through their own role: the office's
 * keepers see and ask, the 総括責任者 sees and decides, another office
 * sees nothing, not even by querying the table. */
static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *today = jhk_today ();
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL;
  g_autoptr(JhkDb) unyo_db = NULL;
  g_autoptr(JhkDb) top = NULL;
  g_autoptr(JhkDb) higashi = NULL;
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) unyo = NULL;
  g_autoptr(JhkSession) soukatsu = NULL;
  g_autoptr(JhkSession) higashi_unyo = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) of_office = NULL;
  gint64 office, place, material, id, event;
  JhkMaterialEvent ev = { 0 };

  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;

  chuo = jhk_test_pg_open_as (dbname, "chuo-kanri");
  kanri = jhk_test_login (chuo, "chuo-kanri");
  office = jhk_org_find_unit (chuo, "910");
  place = jhk_ledger_add_storage_place (chuo, kanri, office, "試験用 施錠保管庫", TRUE, &error);
  g_assert_no_error (error);
  material = jhk_ledger_register_material (chuo, kanri, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "input", .name = "照会回答書", .quantity = 2,
      .business_id = jhk_org_find_business (chuo, "B101"),
      .handler_staff_id = jhk_org_find_staff (chuo, "C9113"), .purpose = "捜査資料",
      .personal_data = TRUE, .acquired_on = today, .acquisition_method = "received",
      .acquisition_text = "交通課", .measure = "store", .storage_place_id = place }, &error);
  g_assert_no_error (error);
  id = jhk_approvals_request (chuo, kanri, material, "copy", "送致のため", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The 総括責任者, through their own role, sees it pending and decides. */
  top = jhk_test_pg_open_as (dbname, "soukatsu");
  soukatsu = jhk_test_login (top, "soukatsu");
  pending = jhk_approvals_list_pending_for (top, soukatsu, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, >=, 1);
  g_assert_cmpint (((JhkApproval *) g_ptr_array_index (pending, 0))->id, ==, id);
  g_assert_cmpstr (((JhkApproval *) g_ptr_array_index (pending, 0))->material_name, ==,
                   "照会回答書");
  g_assert_true (jhk_approvals_approve (top, soukatsu, id, "了承", &error));
  g_assert_no_error (error);

  /* The office's 運用管理者 sees it decided. */
  unyo_db = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (unyo_db, "chuo-unyo");
  of_office = jhk_approvals_list_material (unyo_db, unyo, material, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_office->len, ==, 1);
  g_assert_cmpstr (((JhkApproval *) g_ptr_array_index (of_office, 0))->status, ==, "approved");
  g_assert_nonnull (((JhkApproval *) g_ptr_array_index (of_office, 0))->decider_name);

  /* The copy uses it, through the keeper's role. */
  ev = (JhkMaterialEvent) {
    .kind = "copy", .happened_on = today, .quantity = 1,
    .handler_staff_id = jhk_org_find_staff (chuo, "C9113"), .copy_basis = "maintenance_test",
    .approval_id = id,
  };
  event = jhk_ledger_record_event (chuo, kanri, material, &ev, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event, >, 0);

  /* Another office sees no row, and cannot decide around Jhk either. */
  higashi = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi_unyo = jhk_test_login (higashi, "higashi-unyo");
  g_assert_cmpint (jhk_test_count_rows (higashi, "material_approvals"), ==, 0);
  g_assert_false (jhk_db_run (higashi, NULL,
                              "UPDATE material_approvals SET status = 'declined'", JHK_DB_END) &&
                  jhk_db_changes (higashi) > 0);
  g_assert_cmpint (jhk_test_count_rows (chuo, "material_approvals"), >, 1);
  /* Sign-offs: signed through the signer's own role, seen by the office,
   * not by another office. */
  g_assert_true (jhk_signoffs_sign (chuo, kanri, material, "created", JHK_ROLE_INVALID, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_signoffs_sign (unyo_db, unyo, material, "created", JHK_ROLE_INVALID,
                                    &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) boxes = jhk_signoffs_list (unyo_db, material, &error);
    gint64 n = -1;

    g_assert_no_error (error);
    g_assert_cmpuint (boxes->len, ==, 2);
    g_assert_cmpstr (((JhkSignoff *) g_ptr_array_index (boxes, 0))->role, ==, "ops_manager");
    g_assert_nonnull (((JhkSignoff *) g_ptr_array_index (boxes, 1))->staff_name);
    g_assert_true (jhk_db_query_int64 (higashi, &n, NULL,
                                       "SELECT COUNT(*) FROM material_signoffs", JHK_DB_END));
    g_assert_cmpint (n, ==, 0);
    /* Nobody signs in another's name around Jhk. */
    g_assert_false (jhk_db_run (chuo, NULL,
                                "INSERT INTO material_signoffs (material_id, stage, role,"
                                " staff_id, signed_at, signed_by) SELECT ?, 'created',"
                                " 'info_lead', id, 0, 'x' FROM staff WHERE staff_no = 'C9102'",
                                JHK_I (material), JHK_DB_END));
  }
  /* Nor ask around Jhk about a material of another office they keep too
   * under the wrong office (migration 0014). */
  {
    g_autoptr(GError) refused = NULL;
    gint64 other_material = 0, other_office = 0;

    g_assert_true (jhk_db_query_int64 (owner, &other_material, NULL,
                                       "SELECT MIN(m.id) FROM materials m"
                                       " JOIN org_units o ON o.id = m.org_unit_id"
                                       " WHERE o.code <> '910'", JHK_DB_END));
    g_assert_true (jhk_db_query_int64 (owner, &other_office, NULL,
                                       "SELECT org_unit_id FROM materials WHERE id = ?",
                                       JHK_I (other_material), JHK_DB_END));
    g_assert_true (jhk_db_run (owner, NULL,
                               "INSERT INTO role_assignments (staff_id, role, org_unit_id,"
                               " valid_from, granted_by, granted_at)"
                               " SELECT staff_id, 'info_manager', ?, '2000-01-01', 'test', 0"
                               " FROM users WHERE login = 'chuo-kanri'",
                               JHK_I (other_office), JHK_DB_END));
    g_assert_false (jhk_db_run (chuo, &refused,
                                "INSERT INTO material_approvals (material_id, org_unit_id,"
                                " kind, reason, for_name, requested_by, requested_at, created_by)"
                                " VALUES (?, ?, 'view', '閲覧', '交通課',"
                                " (SELECT jhk_my_staff_id ()), 0, 'chuo-kanri')",
                                JHK_I (other_material), JHK_I (office), JHK_DB_END));
    g_assert_nonnull (strstr (refused->message, "row-level security"));
  }
  /* The keeper cannot decide by writing the row. */
  g_assert_false (jhk_db_run (chuo, NULL,
                              "UPDATE material_approvals SET status = 'declined',"
                              " decided_by = used_by_event_id WHERE id = ?",
                              JHK_I (id), JHK_DB_END) && jhk_db_changes (chuo) > 0);
}

/* The demo ledger: requests pending on the 総括責任者's dashboard, one
 * declined, and final confirmations waiting for the 運用管理者. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = jhk_approvals_list_pending_for (f->db, f->soukatsu, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JhkSession) unyo = jhk_test_login (f->db, "chuo-unyo");
  guint declined = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, >=, 2);
  all = jhk_approvals_list_office (f->db, f->kanri, f->office, "declined", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    declined += ((JhkApproval *) g_ptr_array_index (all, i))->comment[0] != '\0';
  g_assert_cmpuint (declined, >=, 1);
  waiting = jhk_signoffs_waiting_for (f->db, unyo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, >=, 1);
  g_test_message ("demo: %u pending, %u declined, %u boxes waiting for the 運用管理者",
                  pending->len, declined, waiting->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/approvals/R16-2/copy-with-approval", test_copy_with_approval);
  ADD ("/approvals/R16-2/copy-needs-approval", test_copy_needs_approval);
  ADD ("/approvals/R16-2/only-personal-input", test_only_personal_input);
  ADD ("/approvals/R15-2/view-request", test_view_request);
  ADD ("/approvals/R15-2/only-supervisor-decides", test_only_supervisor_decides);
  ADD ("/approvals/R15-2/withdraw", test_withdraw);
  ADD ("/approvals/R15-2/lists", test_lists);
  ADD ("/approvals/R15-2/demo", test_demo);
#undef ADD
  g_test_add_func ("/approvals/R15-2/pg-row-security", test_pg_row_security);

  return jhk_test_run ();
}
