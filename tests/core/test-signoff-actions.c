/* test-signoff-actions.c: issue 4, what the ledger page offers for the
 * confirmations of 様式第1号 (R17-11) and the requests for the 総括責任者's
 * approval (R15-2, R16-2), and why not: each "why not" refuses exactly
 * when the service refuses, and the service then leaves every table as it
 * was. Runs on SQLite and, with `meson test --setup postgresql`, on
 * PostgreSQL.
 */
#include "jhk-approvals.h"
#include "jhk-audit.h"
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
  JhkSession *unyo, *kanri, *hojo, *higashi;
  gint64      office;
  char       *today;
} Fixture;

/* The service refuses (error set) and leaves the tables as they were. */
#define ASSERT_REFUSED(f, call) \
  JHK_TEST_ASSERT_REFUSED_WITH ((f)->db, call, g_assert_nonnull (error_))

static JhkLedgerMaterial *
material (Fixture    *f,
          JhkSession *who,
          gint64      id)
{
  g_autoptr(GError) error = NULL;
  JhkLedgerMaterial *m = jhk_ledger_query_material (f->db, who, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri", &f->hojo, "chuo-hojo",
                       &f->higashi, "higashi-unyo", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->today = jhk_today ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->hojo, &f->higashi, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
}

/* R17-11: a 確認 button for a box the user may sign now, and the reason
 * for the others; the service refuses the same boxes. */
static void
test_sign (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_test_register_material (f->db, f->kanri, f->office, "output", FALSE, 2);
  g_autoptr(JhkLedgerMaterial) m = material (f, f->kanri, id);
  g_autoptr(JhkLedgerMaterial) signed_m = NULL;
  g_autoptr(JhkLedgerMaterial) closed = NULL;
  JhkRole held[4];

  g_assert_cmpuint (jhk_signoffs_roles_held (f->db, f->kanri, f->office, held), ==, 1);
  g_assert_cmpint (held[0], ==, JHK_ROLE_INFO_MANAGER);
  g_assert_null (jhk_signoffs_sign_refusal (f->db, f->kanri, m, "created", JHK_ROLE_INVALID));
  g_assert_null (jhk_signoffs_sign_refusal (f->db, f->kanri, m, "created",
                                            JHK_ROLE_INFO_MANAGER));

  /* Another role's box. */
  g_assert_nonnull (jhk_signoffs_sign_refusal (f->db, f->kanri, m, "created",
                                               JHK_ROLE_OPS_MANAGER));
  ASSERT_REFUSED (f, jhk_signoffs_sign (f->db, f->kanri, id, "created", JHK_ROLE_OPS_MANAGER,
                                        refusal));
  /* Another office's manager. */
  g_assert_nonnull (jhk_signoffs_sign_refusal (f->db, f->higashi, m, "created",
                                               JHK_ROLE_OPS_MANAGER));
  ASSERT_REFUSED (f, jhk_signoffs_sign (f->db, f->higashi, id, "created", JHK_ROLE_OPS_MANAGER,
                                        refusal));
  /* The final box before the final disposition. */
  g_assert_cmpstr (jhk_signoffs_sign_refusal (f->db, f->kanri, m, "final", JHK_ROLE_INVALID), ==,
                   "The final confirmation comes after the material's final disposition.");
  ASSERT_REFUSED (f, jhk_signoffs_sign (f->db, f->kanri, id, "final", JHK_ROLE_INVALID,
                                        refusal));
  g_assert_nonnull (jhk_signoffs_request_final_refusal (f->db, f->kanri, m));
  ASSERT_REFUSED (f, jhk_signoffs_request_final (f->db, f->kanri, id, refusal));

  /* Signed once. */
  g_assert_true (jhk_signoffs_sign (f->db, f->kanri, id, "created", JHK_ROLE_INVALID, &error));
  g_assert_no_error (error);
  signed_m = material (f, f->kanri, id);
  g_assert_cmpstr (jhk_signoffs_sign_refusal (f->db, f->kanri, signed_m, "created",
                                              JHK_ROLE_INFO_MANAGER), ==,
                   "This box has been signed already.");
  g_assert_nonnull (jhk_signoffs_sign_refusal (f->db, f->kanri, signed_m, "created",
                                               JHK_ROLE_INVALID));
  ASSERT_REFUSED (f, jhk_signoffs_sign (f->db, f->kanri, id, "created", JHK_ROLE_INVALID,
                                        refusal));
  g_assert_null (jhk_signoffs_sign_refusal (f->db, f->unyo, signed_m, "created",
                                            JHK_ROLE_OPS_MANAGER));

  /* After the final disposition: its maker asks for the final stage, once. */
  g_assert_true (jhk_ledger_final_disposition (f->db, f->kanri, id, &(JhkMaterialDisposition) {
                                                 .kind = "dispose", .happened_on = f->today,
                                                 .method = "shred",
                                                 .handler_staff_id = jhk_org_find_staff (f->db, "C9113") },
                                               &error));
  g_assert_no_error (error);
  closed = material (f, f->kanri, id);
  g_assert_null (jhk_signoffs_sign_refusal (f->db, f->kanri, closed, "final", JHK_ROLE_INVALID));
  g_assert_cmpstr (jhk_signoffs_request_final_refusal (f->db, f->hojo, closed), ==,
                   "The one who made the final disposition collects its confirmations.");
  ASSERT_REFUSED (f, jhk_signoffs_request_final (f->db, f->hojo, id, refusal));
  g_assert_null (jhk_signoffs_request_final_refusal (f->db, f->kanri, closed));
  g_assert_true (jhk_signoffs_request_final (f->db, f->kanri, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&closed, jhk_ledger_material_free);
  closed = material (f, f->kanri, id);
  g_assert_cmpstr (jhk_signoffs_request_final_refusal (f->db, f->kanri, closed), ==,
                   "The final confirmations of this material have been asked for already.");
  ASSERT_REFUSED (f, jhk_signoffs_request_final (f->db, f->kanri, id, refusal));
}

/* R15-2 and R16-2: the kinds offered are the ones the service takes for
 * the material; withdrawing is the requester's, while pending. */
static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 input = jhk_test_register_material (f->db, f->kanri, f->office, "input", TRUE, 2);
  gint64 output = jhk_test_register_material (f->db, f->kanri, f->office, "output", TRUE, 2);
  g_autoptr(JhkLedgerMaterial) in_m = material (f, f->kanri, input);
  g_autoptr(JhkLedgerMaterial) out_m = material (f, f->kanri, output);
  g_autoptr(JhkApproval) approval = NULL;
  gint64 id;

  g_assert_null (jhk_approvals_request_refusal (f->db, f->kanri, in_m, NULL));
  for (const char *const *k = jhk_approval_kinds (); *k != NULL; k++)
    g_assert_null (jhk_approvals_request_refusal (f->db, f->kanri, in_m, *k));
  /* R16-2 is about personal-data input material only. */
  g_assert_null (jhk_approvals_request_refusal (f->db, f->kanri, out_m, "view"));
  g_assert_nonnull (jhk_approvals_request_refusal (f->db, f->kanri, out_m, "copy"));
  ASSERT_REFUSED (f, jhk_approvals_request (f->db, f->kanri, output, "copy", "複写のため", NULL,
                                            refusal));
  /* Not a keeper of the office's ledger. */
  g_assert_nonnull (jhk_approvals_request_refusal (f->db, f->higashi, in_m, "view"));
  ASSERT_REFUSED (f, jhk_approvals_request (f->db, f->higashi, input, "view", "閲覧のため",
                                            "西署 刑事課", refusal));

  id = jhk_approvals_request (f->db, f->kanri, input, "copy", "公判準備のため", NULL, &error);
  g_assert_no_error (error);
  approval = jhk_approvals_get (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_null (jhk_approvals_withdraw_refusal (f->kanri, approval));
  g_assert_cmpstr (jhk_approvals_withdraw_refusal (f->hojo, approval), ==,
                   "Only the one who made a request withdraws it.");
  ASSERT_REFUSED (f, jhk_approvals_withdraw (f->db, f->hojo, id, refusal));
  g_assert_true (jhk_approvals_withdraw (f->db, f->kanri, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&approval, jhk_approval_free);
  approval = jhk_approvals_get (f->db, f->kanri, id, &error);
  g_assert_nonnull (jhk_approvals_withdraw_refusal (f->kanri, approval));
  ASSERT_REFUSED (f, jhk_approvals_withdraw (f->db, f->kanri, id, refusal));
}

/* The audit log says what these entries are, in words. */
static void
test_audit_labels (void)
{
  static const char *const actions[] = { "approval.request", "approval.approve",
                                         "approval.decline", "approval.withdraw",
                                         "material.signoff", "material.signoff_request" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_assert_cmpstr (jhk_audit_action_label (actions[i]), !=, actions[i]);
      g_assert_true (g_strv_contains (jhk_audit_list_actions (), actions[i]));
    }
  g_assert_cmpstr (jhk_audit_action_label ("approval.decline"), ==, "Request declined");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/signoff-actions/R17-11/sign-why-not", test_sign);
  ADD ("/signoff-actions/R15-2/R16-2/request-why-not", test_request);
#undef ADD
  g_test_add_func ("/signoff-actions/R17-11/audit-labels", test_audit_labels);

  return jhk_test_run ();
}
