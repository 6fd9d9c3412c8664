/* test-signoffs.c: issue 4, the confirmations of 様式第1号 (作成時確認欄
 * and 最終処理確認欄, R17-11: the electronic ledger in place of paper).
 *
 * Four boxes per stage, each signed once by a holder of its role for the
 * material's office; the final stage only after the final disposition,
 * asked for by the one who made it and waiting on the signers' dashboards
 * until done. Every refusal leaves every table as it was. Runs on SQLite
 * and, with `meson test --setup postgresql`, on PostgreSQL.
 */
#include "jhk-ledger.h"
#include "jhk-ledger-query.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo, *sekinin, *kanri, *hojo, *higashi, *shokuin;
  gint64      office;
  gint64      material;
  char       *today;
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 place = 0;

  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->sekinin, "chuo-sekinin",
                       &f->kanri, "chuo-kanri", &f->hojo, "chuo-hojo",
                       &f->higashi, "higashi-unyo", &f->shokuin, "chuo-shokuin", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->today = jhk_today ();
  g_assert_true (jhk_db_query_int64 (f->db, &place, NULL,
                                     "SELECT id FROM storage_places WHERE org_unit_id = ?"
                                     " ORDER BY id LIMIT 1", JHK_I (f->office), JHK_DB_END));
  f->material = jhk_ledger_register_material (f->db, f->kanri, &(JhkMaterialSpec) {
      .org_unit_id = f->office, .direction = "output", .name = "犯罪統計 試験出力",
      .quantity = 2, .business_id = jhk_org_find_business (f->db, "B102"),
      .handler_staff_id = jhk_org_find_staff (f->db, "C9113"), .purpose = "情勢分析",
      .acquired_on = f->today, .acquisition_method = "printed", .measure = "store",
      .storage_place_id = place }, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->material, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->sekinin, &f->kanri, &f->hojo, &f->higashi, &f->shokuin,
                           NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
}

static void
sign_ok (Fixture    *f,
         JhkSession *who,
         const char *stage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  gint64 before = jhk_test_audit_count (f->db);

  g_assert_true (jhk_signoffs_sign (f->db, who, f->material, stage, JHK_ROLE_INVALID, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_test_audit_count (f->db), ==, before + 1);
  g_assert_true (jhk_db_query_text (f->db, &last, NULL,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_cmpstr (last, ==, "material.signoff");
}

static void
dispose (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jhk_ledger_final_disposition (f->db, f->kanri, f->material,
                                               &(JhkMaterialDisposition) {
                                                 .kind = "dispose", .happened_on = f->today,
                                                 .method = "shred",
                                                 .handler_staff_id = jhk_org_find_staff (f->db, "C9113") },
                                               &error));
  g_assert_no_error (error);
}

/* 作成時確認欄: the four boxes in the form's order, each signed once by the
 * holder of its role, shown with name and date. */
static void
test_created (Fixture       *f,
              gconstpointer  data)
{
  static const char *const order[] = { "ops_manager", "info_lead", "info_manager",
                                       "info_assistant" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) boxes = NULL;
  g_autoptr(JhkLedgerMaterial) m = NULL;

  /* Signed in any order; listed in the form's. */
  sign_ok (f, f->hojo, "created");
  sign_ok (f, f->kanri, "created");
  sign_ok (f, f->unyo, "created");
  sign_ok (f, f->sekinin, "created");
  boxes = jhk_signoffs_list (f->db, f->material, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boxes->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JhkSignoff *s = g_ptr_array_index (boxes, i);

      g_assert_cmpstr (s->stage, ==, "created");
      g_assert_cmpstr (s->role, ==, order[i]);
      g_assert_nonnull (s->staff_name);
      g_assert_cmpstr (s->signed_on, ==, f->today);
    }

  /* The read side carries them for the form. */
  m = jhk_ledger_query_material (f->db, f->kanri, f->material, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m->signoffs);
  g_assert_cmpuint (m->signoffs->len, ==, 4);

  /* Once. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_sign (f->db, f->kanri, f->material, "created", JHK_ROLE_INVALID,
                                     refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_sign (f->db, f->unyo, f->material, "created",
                                     JHK_ROLE_OPS_MANAGER, refusal));
}

/* A box is the holder's of its role for the material's office. */
static void
test_role_not_held (Fixture       *f,
                    gconstpointer  data)
{
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_signoffs_sign (f->db, f->hojo, f->material, "created",
                                     JHK_ROLE_OPS_MANAGER, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_signoffs_sign (f->db, f->kanri, f->material, "created",
                                     JHK_ROLE_INFO_LEAD, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_signoffs_sign (f->db, f->kanri, f->material, "created",
                                     JHK_ROLE_SUPERVISOR, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_signoffs_sign (f->db, f->kanri, f->material, "made", JHK_ROLE_INVALID,
                                     refusal));
  /* Another office's 運用管理者, and staff without an office role. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_signoffs_sign (f->db, f->higashi, f->material, "created",
                                     JHK_ROLE_OPS_MANAGER, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_signoffs_sign (f->db, f->shokuin, f->material, "created",
                                     JHK_ROLE_INVALID, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_signoffs_sign (f->db, f->kanri, 999999, "created", JHK_ROLE_INVALID,
                                     refusal));
}

static gboolean
waits_for (Fixture    *f,
           JhkSession *who,
           const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = jhk_signoffs_waiting_for (f->db, who, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < tasks->len; i++)
    {
      JhkSignoffTask *t = g_ptr_array_index (tasks, i);

      if (t->material_id == f->material && g_str_equal (t->role, role))
        {
          g_assert_cmpstr (t->stage, ==, "final");
          g_assert_nonnull (t->requester_name);
          return TRUE;
        }
    }
  return FALSE;
}

/* 最終処理確認欄: only after the final disposition; the disposer asks, the
 * boxes wait on the signers' dashboards until signed. */
static void
test_final (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_sign (f->db, f->unyo, f->material, "final", JHK_ROLE_INVALID,
                                     refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_request_final (f->db, f->kanri, f->material, refusal));
  dispose (f);
  g_assert_false (jhk_signoffs_final_requested (f->db, f->material));
  g_assert_false (waits_for (f, f->unyo, "ops_manager"));

  /* Asked for by the one who made the disposition (recorded it), once. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_signoffs_request_final (f->db, f->hojo, f->material, refusal));
  g_assert_true (jhk_signoffs_request_final (f->db, f->kanri, f->material, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_signoffs_final_requested (f->db, f->material));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_request_final (f->db, f->kanri, f->material, refusal));

  g_assert_true (waits_for (f, f->hojo, "info_assistant"));
  g_assert_true (waits_for (f, f->unyo, "ops_manager"));
  g_assert_false (waits_for (f, f->unyo, "info_assistant"));
  g_assert_false (waits_for (f, f->higashi, "ops_manager"));
  sign_ok (f, f->hojo, "final");
  g_assert_false (waits_for (f, f->hojo, "info_assistant"));
  sign_ok (f, f->kanri, "final");
  sign_ok (f, f->sekinin, "final");
  g_assert_true (waits_for (f, f->unyo, "ops_manager"));
  sign_ok (f, f->unyo, "final");
  g_assert_false (waits_for (f, f->unyo, "ops_manager"));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_signoffs_sign (f->db, f->unyo, f->material, "final", JHK_ROLE_INVALID,
                                     refusal));
  /* The creation stage can still be signed after the disposition. */
  sign_ok (f, f->unyo, "created");
}

/* One who holds two of the office's roles chooses the box they sign. */
static void
test_several_roles (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) soukatsu = jhk_test_login (f->db, "soukatsu");
  g_autoptr(JhkSession) hojo = NULL;
  g_autoptr(GPtrArray) boxes = NULL;

  g_assert_cmpint (jhk_org_grant_role (f->db, soukatsu, jhk_org_find_staff (f->db, "C9112"),
                                       JHK_ROLE_INFO_LEAD, f->office, 0, f->today, NULL,
                                       "試験", &error), >, 0);
  g_assert_no_error (error);
  hojo = jhk_test_login (f->db, "chuo-hojo");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_signoffs_sign (f->db, hojo, f->material, "created", JHK_ROLE_INVALID,
                                     refusal));
  g_assert_true (jhk_signoffs_sign (f->db, hojo, f->material, "created", JHK_ROLE_INFO_LEAD,
                                    &error));
  g_assert_no_error (error);
  g_assert_true (jhk_signoffs_sign (f->db, hojo, f->material, "created",
                                    JHK_ROLE_INFO_ASSISTANT, &error));
  g_assert_no_error (error);
  boxes = jhk_signoffs_list (f->db, f->material, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (boxes->len, ==, 2);
  g_assert_cmpstr (((JhkSignoff *) g_ptr_array_index (boxes, 0))->role, ==, "info_lead");
  g_assert_cmpstr (((JhkSignoff *) g_ptr_array_index (boxes, 1))->role, ==, "info_assistant");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/signoffs/R17-11/created-four-boxes", test_created);
  ADD ("/signoffs/R17-11/role-not-held", test_role_not_held);
  ADD ("/signoffs/R17-11/final-after-disposition", test_final);
  ADD ("/signoffs/R17-11/several-roles-choose", test_several_roles);
#undef ADD

  return jhk_test_run ();
}
