/* test-delivery-send-refusal.c: why the ledger page's 送付… is not offered
 * (jhk_delivery_send_refusal) and the form's checks as the user types
 * (jhk_delivery_check_transfer), each agreeing with jhk_delivery_send():
 * what the helper refuses the service refuses too, leaving the database
 * unchanged (issue 4, R17-4, R17-5). */
#include <glib/gi18n-lib.h>

#include "jhk-accounts.h"
#include "jhk-delivery.h"
#include "jhk-ledger-query.h"
#include "jhk-org.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *kanri;    /* 中央署の情報管理者 */
  JhkSession *unyo;     /* 中央署の運用管理者 */
  JhkSession *higashi;  /* 東署の運用管理者 */
  gint64      dest;     /* 刑事総務課 */
  gint64      koufu;    /* the designated 交付等担当者 of B101 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->kanri, "chuo-kanri", &f->unyo, "chuo-unyo",
                       &f->higashi, "higashi-unyo", NULL);
  f->dest = jhk_org_find_unit (f->db, "310");
  f->koufu = jhk_org_find_staff (f->db, "C9113");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->kanri, &f->unyo, &f->higashi, NULL);
  g_clear_object (&f->db);
}

static JhkLedgerMaterial *
find_material (Fixture    *f,
               JhkSession *actor,
               const char *where)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_test_demo_chuo_material (f->db, where);
  JhkLedgerMaterial *material;

  material = jhk_ledger_query_material (f->db, actor, id, &error);
  g_assert_no_error (error);
  return material;
}

static JhkTransferSpec
courier (Fixture                 *f,
         const JhkLedgerMaterial *m)
{
  return (JhkTransferSpec) {
    .material_id = m->id, .method = "courier", .sent_on = m->last_entry_on, .quantity = 1,
    .officer_staff_id = f->koufu, .to_office_id = f->dest,
  };
}

/* Refused by the helper: the service refuses as well and changes nothing. */
static void
assert_send_refused (Fixture               *f,
                     JhkSession            *actor,
                     const JhkTransferSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;

  g_assert_cmpint (jhk_delivery_send (f->db, actor, spec, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (before, ==, after);
}

/* R17-4: the ledger keeper may send personal-data output with a
 * designated officer; the service agrees. */
static void
test_allowed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, f->kanri,
                                                  "m.name = '指紋照合結果一覧表（交付用）'");
  g_autoptr(GError) error = NULL;
  JhkTransferSpec spec = courier (f, m);

  g_assert_null (jhk_delivery_send_refusal (f->db, f->kanri, m));
  g_assert_cmpint (jhk_delivery_send (f->db, f->kanri, &spec, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* 第17-3: only personal-data or especially important output is sent as a
 * transfer; the reason is the service's own. */
static void
test_not_personal_output (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, f->kanri,
                                                  "m.direction = 'input' AND m.status = 'stored'"
                                                  " AND m.quantity_on_hand > 0");
  g_autoptr(GError) error = NULL;
  JhkTransferSpec spec = courier (f, m);
  const char *why = jhk_delivery_send_refusal (f->db, f->kanri, m);

  g_assert_nonnull (why);
  assert_send_refused (f, f->kanri, &spec);
  g_assert_cmpint (jhk_delivery_send (f->db, f->kanri, &spec, NULL, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, why);
}

/* R17-5: without a designated 交付等担当者 of the business there is no one
 * to send it. */
static void
test_no_officer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, f->kanri,
                                                  "m.name = '指紋照合結果一覧表（交付用）'");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) officers = jhk_delivery_list_register (f->db, f->unyo, m->office_id,
                                                              "officer", FALSE, &error);
  JhkTransferSpec spec = courier (f, m);

  g_assert_no_error (error);
  for (guint i = 0; i < officers->len; i++)
    {
      const JhkDeliveryEntry *e = g_ptr_array_index (officers, i);

      g_assert_true (jhk_delivery_retire_officer (f->db, f->unyo, e->id, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (jhk_delivery_send_refusal (f->db, f->kanri, m), ==,
                   "No transfer officer is designated for the material's business in this "
                   "office: the office's operations manager designates one.");
  assert_send_refused (f, f->kanri, &spec);
}

/* R17-4: only the office's ledger keepers record its transfers. */
static void
test_not_keeper (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, f->kanri,
                                                  "m.name = '指紋照合結果一覧表（交付用）'");
  JhkTransferSpec spec = courier (f, m);

  g_assert_nonnull (jhk_delivery_send_refusal (f->db, f->higashi, m));
  assert_send_refused (f, f->higashi, &spec);
}

/* R17-4(4), R17-5(2)(3): the checks the dialog runs as the user types
 * are the service's, with its messages. */
static void
test_checks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JhkLedgerMaterial) m = find_material (f, f->kanri,
                                                  "m.name = '指紋照合結果一覧表（交付用）'");
  struct
  {
    JhkTransferSpec spec;
    const char     *message;
  } cases[] = {
    { { .method = "registered_mail", .quantity = 1, .officer_staff_id = 1, .recipient = "x" },
      "Registered mail and a contracted carrier need the general supervisor's special "
      "approval: name who approved it." },
    { { .method = "fax", .quantity = 1, .officer_staff_id = 1, .recipient = "x",
        .channel_id = 1, .fax_reason = "urgent_serious_crime" },
      "Say why the material is urgently needed for a serious crime or an arrest." },
    { { .method = "email", .quantity = 1, .officer_staff_id = 1, .to_office_id = 1,
        .channel_id = 1 },
      "Choose the designated terminal the file is sent from." },
    { { .method = "file_server", .quantity = 1, .officer_staff_id = 1, .to_office_id = 1,
        .channel_id = 1, .terminal_id = 1, .file = "/tmp/a.pdf", .out_file = "/tmp/a.pdf" },
      "Write the encrypted file to another path than the PDF it encrypts." },
    { { .method = "courier", .quantity = 0, .officer_staff_id = 1, .to_office_id = 1 },
      "The quantity must be at least one." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      JhkTransferSpec spec = cases[i].spec;

      spec.material_id = m->id;
      spec.sent_on = m->last_entry_on;
      g_assert_false (jhk_delivery_check_transfer (&spec, &error));
      g_assert_cmpstr (error->message, ==, cases[i].message);
      assert_send_refused (f, f->kanri, &spec);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/delivery/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("R17-4/send-refusal/allowed", test_allowed);
  ADD ("R17-4/send-refusal/not-personal-output", test_not_personal_output);
  ADD ("R17-5/send-refusal/no-officer", test_no_officer);
  ADD ("R17-4/send-refusal/not-keeper", test_not_keeper);
  ADD ("R17-4/R17-5/check-transfer", test_checks);
#undef ADD
  return jhk_test_run ();
}
