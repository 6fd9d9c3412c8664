/* test-ledger-actions.c: the steps the ledger page offers for a material,
 * and why a step is not offered (issue 4, UI: "every allowed action as a
 * button that is insensitive with a tooltip saying why"). The reasons must
 * agree with what the services do when asked anyway. */
#include <glib/gi18n-lib.h>

#include "jhk-approvals.h"
#include "jhk-attention.h"
#include "jhk-ledger.h"
#include "jhk-ledger-actions.h"
#include "jhk-policy.h"
#include "jhk-test-util.h"

#define query_int(db, sql) jhk_test_query_int ((db), (sql), JHK_DB_END)

typedef struct
{
  JhkDb      *db;
  JhkSession *kanri;    /* 中央署の情報管理者 */
  JhkSession *higashi;  /* 東署の運用管理者 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->kanri, "chuo-kanri", &f->higashi, "higashi-unyo", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->kanri, &f->higashi, NULL);
  g_clear_object (&f->db);
}

/* A material of 中央署 in the given state, read as its 情報管理者 sees it. */
static JhkLedgerMaterial *
find_material (Fixture    *f,
               const char *where)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_test_demo_chuo_material (f->db, where);
  JhkLedgerMaterial *material;

  material = jhk_ledger_query_material (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  return material;
}

static JhkMaterialEvent
event_for (JhkLedgerAction    action,
           JhkLedgerMaterial *material,
           JhkSession        *actor)
{
  JhkMaterialEvent event = { 0 };

  event.kind = jhk_ledger_action_kind (action);
  event.happened_on = material->last_entry_on;
  event.quantity = 1;
  event.handler_staff_id = jhk_session_get_staff_id (actor);
  return event;
}

/* R15-1: a stored material with nothing lent may be lent, handed over or
 * partly disposed of, and has nothing to return. */
static void
test_stored (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, "m.status = 'stored' AND m.quantity_lent = 0"
                                                     " AND m.quantity_on_hand > 0");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  JhkMaterialEvent event = event_for (JHK_LEDGER_ACTION_RETURN, m, f->kanri);

  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_LEND));
  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER));
  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_FINAL));
  g_assert_cmpstr (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_RETURN), ==,
                   _("Nothing of this material is lent out."));

  /* The service refuses the return with the same words. */
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, m->id, &event, NULL, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, _("Nothing of this material is lent out."));
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* A material partly lent out can be returned, and has its final
 * disposition only after the return. */
static void
test_lent (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, "m.status = 'lent'");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  JhkMaterialDisposition disposition = { 0 };

  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_RETURN));
  g_assert_cmpstr (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_FINAL), ==,
                   _("Part of this material is lent out: record its return first."));

  disposition.kind = "return";
  disposition.happened_on = m->last_entry_on;
  disposition.handler_staff_id = jhk_session_get_staff_id (f->kanri);
  g_assert_false (jhk_ledger_final_disposition (f->db, f->kanri, m->id, &disposition, &error));
  g_assert_cmpstr (error->message, ==,
                   _("Part of this material is lent out: record its return first."));
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* After the final disposition nothing but viewing: every step says so. */
static void
test_closed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, "m.status = 'closed'");
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent event = event_for (JHK_LEDGER_ACTION_OTHER, m, f->kanri);

  for (JhkLedgerAction a = 0; a < JHK_LEDGER_N_ACTIONS; a++)
    g_assert_cmpstr (jhk_ledger_action_refusal (f->db, f->kanri, m, a), ==,
                     _("This material has had its final disposition: it can only be viewed now."));
  event.quantity = 0;
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, m->id, &event, NULL, &error), ==, 0);
  g_assert_cmpstr (error->message, ==,
                   _("This material has had its final disposition: it can only be viewed now."));
}

/* Only the office's own role holders keep its ledger; another office's
 * 運用管理者 is offered nothing. */
static void
test_other_office (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, "m.status = 'stored'");

  for (JhkLedgerAction a = 0; a < JHK_LEDGER_N_ACTIONS; a++)
    g_assert_cmpstr (jhk_ledger_action_refusal (f->db, f->higashi, m, a), ==,
                     _("Only the office's operations manager, information management lead, "
                       "information manager or assistant keep its materials ledger."));
  g_assert_cmpstr (jhk_ledger_action_kind (JHK_LEDGER_ACTION_FINAL), ==, "final");
  g_assert_cmpstr (jhk_ledger_action_kind (JHK_LEDGER_ACTION_PARTIAL_DISPOSE), ==,
                   "partial_dispose");
}

#define CONFIRMED "SELECT COUNT(*) FROM audit_log WHERE action = 'material.confirm'"

static guint
attention_count (JhkDb      *db,
                 JhkSession *actor,
                 const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_ledger (db, actor);

  for (guint i = 0; i < items->len; i++)
    {
      JhkAttentionItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->key, key))
        return item->count;
    }
  return 0;
}

/* RF1 (保管後の経過欄 情報管理者確認): a step recorded without the
 * confirmation is confirmed afterwards by the office's 情報管理者, once;
 * the dashboard counts what still waits. */
static void
test_confirm (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m =
    find_material (f, "m.status = 'stored' AND m.quantity_on_hand > 0");
  g_autoptr(JhkLedgerMaterial) after_read = NULL;
  g_autoptr(JhkSession) unyo = jhk_test_login (f->db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent event = event_for (JHK_LEDGER_ACTION_OTHER, m, f->kanri);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkLedgerEvent *recorded = NULL;
  gint64 audited = query_int (f->db, CONFIRMED);
  guint waiting;
  gint64 id;

  event.quantity = 0;
  event.note = "棚卸し";
  id = jhk_ledger_record_event (f->db, f->kanri, m->id, &event, NULL, &error);
  g_assert_no_error (error);
  waiting = attention_count (f->db, f->kanri, "ledger.unconfirmed");
  g_assert_cmpuint (waiting, >=, 1);
  /* Only a 情報管理者 is asked. */
  g_assert_cmpuint (attention_count (f->db, unyo, "ledger.unconfirmed"), ==, 0);

  after_read = jhk_ledger_query_material (f->db, f->kanri, m->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < after_read->events->len; i++)
    if (((JhkLedgerEvent *) g_ptr_array_index (after_read->events, i))->id == id)
      recorded = g_ptr_array_index (after_read->events, i);
  g_assert_nonnull (recorded);
  g_assert_null (jhk_ledger_confirm_refusal (f->db, f->kanri, after_read, recorded));
  g_assert_cmpstr (jhk_ledger_confirm_refusal (f->db, unyo, after_read, recorded), ==,
                   _("The confirmation is the office's information manager's."));

  /* The 運用管理者 is not the 情報管理者: refused, nothing written. */
  before = jhk_test_dump_tables (f->db);
  g_assert_false (jhk_ledger_confirm_event (f->db, unyo, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (before, ==, after);

  g_assert_true (jhk_ledger_confirm_event (f->db, f->kanri, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, CONFIRMED),
                   ==, audited + 1);
  g_assert_cmpuint (attention_count (f->db, f->kanri, "ledger.unconfirmed"), ==, waiting - 1);

  /* Once only. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = jhk_test_dump_tables (f->db);
  g_assert_false (jhk_ledger_confirm_event (f->db, f->kanri, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (jhk_ledger_confirm_event (f->db, f->kanri, id + 100000, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* Lent out with no entry for JHK_ATTENTION_LENT_DAYS: on the dashboard of
 * those who keep the ledger, not of another office. */
static void
test_lent_long (Fixture       *f,
                gconstpointer  data)
{
  gint64 old = query_int (f->db, "SELECT COUNT(*) FROM materials m JOIN org_units o"
                                 " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                                 " AND m.status = 'lent' AND m.last_entry_on < '2026-10-01'");

  g_test_message ("中央署 materials lent since before October: %" G_GINT64_FORMAT, old);
  g_assert_cmpuint (attention_count (f->db, f->kanri, "ledger.lent"), >=, old);
  g_assert_cmpuint (attention_count (f->db, f->higashi, "ledger.lent"), ==,
                    query_int (f->db, "SELECT COUNT(*) FROM materials m JOIN org_units o"
                                      " ON o.id = m.org_unit_id WHERE o.name = '東警察署'"
                                      " AND m.status = 'lent'"));
}

/* R16-2: handing over (or copying) personal-data input material is
 * offered once the 総括責任者 approved a request for it, and the step
 * uses the approval up. */
static void
test_r16_2_approval (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m =
    find_material (f, "m.status = 'stored' AND m.quantity_lent = 0 AND m.quantity_on_hand > 0"
                      " AND m.personal_data = 1 AND m.direction = 'input'");
  g_autoptr(JhkLedgerMaterial) output =
    find_material (f, "m.status = 'stored' AND m.quantity_lent = 0 AND m.quantity_on_hand > 0"
                      " AND m.personal_data = 1 AND m.direction = 'output'");
  g_autoptr(JhkSession) soukatsu = jhk_test_login (f->db, "soukatsu");
  g_autoptr(GPtrArray) usable = NULL;
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent event = event_for (JHK_LEDGER_ACTION_HAND_OVER, m, f->kanri);
  gint64 request;

  /* Output material needs none (R16-2 is of input material). */
  g_assert_null (jhk_ledger_action_approvals (f->db, f->kanri, output,
                                              JHK_LEDGER_ACTION_HAND_OVER));
  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, output,
                                            JHK_LEDGER_ACTION_HAND_OVER));

  usable = jhk_ledger_action_approvals (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER);
  g_assert_nonnull (usable);
  if (usable->len == 0)
    g_assert_cmpstr (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER),
                     ==, _("Handing over personal-data input material needs the general "
                           "supervisor's approval: ask for it first (R16-2)."));
  g_clear_pointer (&usable, g_ptr_array_unref);

  request = jhk_approvals_request (f->db, f->kanri, m->id, "hand_over", "本部照会のため",
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jhk_approvals_approve (f->db, soukatsu, request, "了", &error));
  g_assert_no_error (error);
  g_assert_null (jhk_ledger_action_refusal (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER));
  usable = jhk_ledger_action_approvals (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER);
  g_assert_cmpuint (usable->len, >=, 1);
  g_clear_pointer (&usable, g_ptr_array_unref);

  event.approval_id = request;
  event.counterpart = "本部 刑事総務課";
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, m->id, &event, NULL, &error), >, 0);
  g_assert_no_error (error);
  usable = jhk_ledger_action_approvals (f->db, f->kanri, m, JHK_LEDGER_ACTION_HAND_OVER);
  for (guint i = 0; i < usable->len; i++)
    g_assert_cmpint (((JhkApproval *) g_ptr_array_index (usable, i))->id, !=, request);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ledger/R15-1/actions/stored", test_stored);
  ADD ("/ledger/R15-1/actions/lent", test_lent);
  ADD ("/ledger/R17-11/actions/closed", test_closed);
  ADD ("/ledger/R15-5/actions/other-office", test_other_office);
  ADD ("/ledger/RF1/confirm-event", test_confirm);
  ADD ("/ledger/R16-2/actions/approval", test_r16_2_approval);
  ADD ("/ledger/R15-1/attention/lent-long", test_lent_long);
#undef ADD

  return jhk_test_run ();
}
