/* test-delivery.c: issue 4, transfers of personal-data output material
 * (R17-4, R17-5, R17-8, R17-9) with their registers, the encrypted PDF of
 * an electronic transfer, its deletion task and 受入 at the receiving
 * office.
 *
 * Every successful write adds one audit entry; every refusal leaves every
 * table as it was (jhk_test_dump_tables). Runs on SQLite and, with
 * `meson test --setup postgresql`, on PostgreSQL. meson runs it inside
 * dbus-run-session, where the Secret Service (gnome-keyring) starts on
 * demand; passwords go to its in-memory session collection.
 */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <libsecret/secret.h>
#include <qpdf/qpdf-c.h>

#include "jhk-delivery.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-pdf-encrypt.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;        /* 運用管理者, 中央警察署 */
  JhkSession *kanri;       /* 情報管理者, 中央警察署 (keeps the ledger) */
  JhkSession *koufu;       /* 交付等担当者 C9113 */
  JhkSession *nishi;       /* 運用管理者, 西警察署 */
  gint64      chuo, nishi_office, higashi_office;
  gint64      b101, b102;
  gint64      koufu_staff, hojo_staff, kanri_staff, supervisor_staff, nishi_staff;
  gint64      locked, nishi_locked, nishi_shelf;
  gint64      officer, terminal, folder, email, untested_email, fax;
  gint64      material;
  char       *today;
  char       *week_ago;
} Fixture;

/* A transfer writes two entries: the hand-over's material.event, then
 * transfer.send. */
static void
assert_sent (JhkDb  *db,
             gint64  before)
{
  g_autofree char *first = NULL;

  jhk_test_assert_last_actions (db, before, 2, "transfer.send");
  g_assert_true (jhk_db_query_text (db, &first, NULL,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1",
                                    JHK_DB_END));
  g_assert_cmpstr (first, ==, "material.event");
}

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static gint64
add_channel (Fixture    *f,
             const char *kind,
             gint64      business,
             const char *name,
             const char *address,
             const char *tested_on)
{
  g_autoptr(GError) error = NULL;
  gint64 officers[] = { f->koufu_staff, 0 };
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_delivery_add_channel (f->db, f->unyo, &(JhkDeliveryChannelSpec) {
      .org_unit_id = f->chuo, .kind = kind, .business_id = business, .name = name,
      .address = address, .tested_on = tested_on,
      .officers = g_str_equal (kind, "folder") ? officers : NULL }, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "delivery.channel.add");
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -7);

  jhk_delivery_set_secret_collection (SECRET_COLLECTION_SESSION);
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri",
                       &f->koufu, "chuo-koufu", &f->nishi, "nishi-unyo", NULL);
  f->chuo = jhk_org_find_unit (f->db, "910");
  f->nishi_office = jhk_org_find_unit (f->db, "930");
  f->higashi_office = jhk_org_find_unit (f->db, "920");
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->b102 = jhk_org_find_business (f->db, "B102");
  f->koufu_staff = jhk_org_find_staff (f->db, "C9113");
  f->hojo_staff = jhk_org_find_staff (f->db, "C9112");
  f->kanri_staff = jhk_org_find_staff (f->db, "C9111");
  f->supervisor_staff = jhk_org_find_staff (f->db, "A1001");
  f->nishi_staff = jhk_org_find_staff (f->db, "C9301");
  f->today = jhk_today ();
  f->week_ago = g_date_time_format (then, "%Y-%m-%d");

  f->locked = jhk_ledger_add_storage_place (f->db, f->unyo, f->chuo, "試験用 施錠保管庫", TRUE,
                                            &error);
  g_assert_no_error (error);
  f->nishi_locked = jhk_ledger_add_storage_place (f->db, f->nishi, f->nishi_office,
                                                  "試験用 施錠保管庫", TRUE, &error);
  g_assert_no_error (error);
  f->nishi_shelf = jhk_ledger_add_storage_place (f->db, f->nishi, f->nishi_office, "試験用 書棚",
                                                 FALSE, &error);
  g_assert_no_error (error);

  /* R17-5: the registers of 中央警察署, kept by its 運用管理者; the demo
   * designates C9113 for B101 already. */
  g_assert_true (jhk_db_query_int64 (f->db, &f->officer, NULL,
                                     "SELECT id FROM delivery_officers WHERE org_unit_id = ?"
                                     " AND business_id = ? AND staff_id = ?",
                                     JHK_I (f->chuo), JHK_I (f->b101), JHK_I (f->koufu_staff),
                                     JHK_DB_END));
  f->terminal = add_channel (f, "terminal", 0, "警務課 交付用端末", "", f->week_ago);
  f->folder = add_channel (f, "folder", f->b101, "指紋照合業務 共有フォルダ",
                           "\\\\fs01\\koufu\\B101", f->week_ago);
  f->email = add_channel (f, "email", 0, "西警察署 警務課", "keimu@nishi.police.example",
                          f->week_ago);
  f->untested_email = add_channel (f, "email", 0, "東警察署 警務課",
                                   "keimu@higashi.police.example", NULL);
  f->fax = add_channel (f, "fax", 0, "本部 鑑識課", "03-1234-5678", f->week_ago);

  f->material = jhk_ledger_register_material (f->db, f->kanri, &(JhkMaterialSpec) {
      .org_unit_id = f->chuo, .direction = "output", .name = "指紋照合結果一覧表",
      .quantity = 5, .summary = "遺留指紋の照合結果", .business_id = f->b101,
      .handler_staff_id = f->koufu_staff, .purpose = "捜査資料", .personal_data = TRUE,
      .creation_reason = "procedure", .acquired_on = f->week_ago,
      .acquisition_method = "printed", .measure = "store", .storage_place_id = f->locked },
      &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->koufu, &f->nishi, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
  g_clear_pointer (&f->week_ago, g_free);
}

/* A transfer by 文書集配便 to 西警察署 of two of the material. */
static JhkTransferSpec
courier (Fixture *f)
{
  JhkTransferSpec spec = {
    .material_id = f->material,
    .method = "courier",
    .sent_on = f->today,
    .quantity = 2,
    .officer_staff_id = f->koufu_staff,
    .to_office_id = f->nishi_office,
    .purpose = "合同捜査のため",
  };

  return spec;
}

static gint64
send_ok (Fixture               *f,
         const JhkTransferSpec *spec)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_delivery_send (f->db, f->kanri, spec, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_sent (f->db, before);
  return id;
}

static gint64
db_int (Fixture    *f,
        const char *sql,
        gint64      id)
{
  gint64 value = -1;

  g_assert_true (jhk_db_query_int64 (f->db, &value, NULL, sql, JHK_I (id), JHK_DB_END));
  return value;
}

static char *
db_text (Fixture    *f,
         const char *sql,
         gint64      id)
{
  char *value = NULL;

  g_assert_true (jhk_db_query_text (f->db, &value, NULL, sql, JHK_I (id), JHK_DB_END));
  return value;
}

/* R17-5: only the office's 運用管理者 keeps the registers; an officer is
 * a member of the office's staff, designated once per business; a folder
 * opens only to designated officers; entries are listed and retired. */
static void
test_registers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) officers = NULL;
  gint64 hojo_only[] = { f->hojo_staff, 0 };
  gint64 before;
  gint64 id;

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_add_officer (f->db, f->kanri, f->chuo, f->b101, f->hojo_staff,
                                            refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_add_officer (f->db, f->nishi, f->chuo, f->b101, f->hojo_staff,
                                            refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_add_officer (f->db, f->unyo, f->chuo, f->b101, f->nishi_staff,
                                            refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_delivery_add_officer (f->db, f->unyo, f->chuo, f->b101, f->koufu_staff,
                                            refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_add_channel (f->db, f->unyo, &(JhkDeliveryChannelSpec) {
                      .org_unit_id = f->chuo, .kind = "folder", .business_id = f->b101,
                      .name = "別フォルダ", .address = "\\\\fs01\\x", .officers = hojo_only },
                      refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_add_channel (f->db, f->unyo, &(JhkDeliveryChannelSpec) {
                      .org_unit_id = f->chuo, .kind = "email", .name = "宛先",
                      .address = "not-an-address" }, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_add_channel (f->db, f->unyo, &(JhkDeliveryChannelSpec) {
                      .org_unit_id = f->chuo, .kind = "fax", .name = "宛先",
                      .address = "03-1234-ABCD" }, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_add_channel (f->db, f->kanri, &(JhkDeliveryChannelSpec) {
                      .org_unit_id = f->chuo, .kind = "terminal", .name = "端末" }, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_add_channel (f->db, f->unyo, &(JhkDeliveryChannelSpec) {
                      .org_unit_id = f->chuo, .kind = "terminal", .name = "端末",
                      .tested_on = "2999-01-01" }, refusal));

  all = jhk_delivery_list_register (f->db, f->unyo, f->chuo, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==,
                    db_int (f, "SELECT COUNT(*) FROM delivery_officers WHERE org_unit_id = ?",
                            f->chuo) +
                    db_int (f, "SELECT COUNT(*) FROM delivery_channels WHERE org_unit_id = ?",
                            f->chuo));
  officers = jhk_delivery_list_register (f->db, f->kanri, f->chuo, "officer", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (officers->len, ==, 1);
  g_assert_cmpint (((JhkDeliveryEntry *) officers->pdata[0])->staff_id, ==, f->koufu_staff);
  g_clear_pointer (&officers, g_ptr_array_unref);
  /* Another office's registers are not its 運用管理者's to read. */
  officers = jhk_delivery_list_register (f->db, f->nishi, f->chuo, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (officers->len, ==, 0);

  /* A second officer, retired again. */
  id = jhk_delivery_add_officer (f->db, f->unyo, f->chuo, f->b101, f->hojo_staff, &error);
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_retire_officer (f->db, f->kanri, id, refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_delivery_retire_officer (f->db, f->unyo, id, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "delivery.officer.retire");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_delivery_retire_officer (f->db, f->unyo, id, refusal));
}

/* R17-4, R17-8: a transfer by courier is a hand_over of the material in
 * the same write, and records purpose, handler, summary and quantity. */
static void
test_courier (Fixture       *f,
              gconstpointer  data)
{
  JhkTransferSpec spec = courier (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTransferRecord) record = NULL;
  g_autofree char *kind = NULL;
  gint64 id;

  id = send_ok (f, &spec);
  g_assert_cmpint (db_int (f, "SELECT quantity_on_hand FROM materials WHERE id = ?", f->material),
                   ==, 3);
  kind = db_text (f, "SELECT e.kind FROM transfers t JOIN material_events e ON e.id = t.event_id"
                     " WHERE t.id = ?", id);
  g_assert_cmpstr (kind, ==, "hand_over");
  g_assert_cmpint (db_int (f, "SELECT e.handler_staff_id FROM transfers t JOIN material_events e"
                              " ON e.id = t.event_id WHERE t.id = ?", id), ==, f->koufu_staff);

  record = jhk_delivery_get_transfer (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->purpose, ==, "合同捜査のため");
  g_assert_cmpstr (record->summary, ==, "遺留指紋の照合結果");
  g_assert_cmpstr (record->officer_staff_no, ==, "C9113");
  g_assert_cmpint (record->quantity, ==, 2);
  g_assert_cmpstr (record->method, ==, "courier");
  g_assert_true (record->waits_confirmation);
  g_assert_false (record->waits_deletion);
  g_assert_true (record->waits_receipt);

  /* More than is at hand, and nothing for a recipient outside unnamed. */
  spec.quantity = 4;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec = courier (f);
  spec.to_office_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  /* Someone who does not keep the ledger records nothing. */
  spec = courier (f);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_send (f->db, f->nishi, &spec, NULL, refusal));
}

/* R17-4(4): registered mail and contracted carriers only with the special
 * approval of the 総括責任者, who is named. */
static void
test_special_approval (Fixture       *f,
                       gconstpointer  data)
{
  JhkTransferSpec spec = courier (f);
  gint64 id;

  spec.method = "registered_mail";
  spec.to_office_id = 0;
  spec.recipient = "地方検察庁";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.approved_by = f->kanri_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.method = "contractor";
  spec.approved_by = f->supervisor_staff;
  id = send_ok (f, &spec);
  g_assert_cmpint (db_int (f, "SELECT approved_by FROM transfers WHERE id = ?", id), ==,
                   f->supervisor_staff);
}

/* R17-5: refused with the reason when a precondition is not recorded: the
 * officer not designated, the channel not registered, not tested. */
static void
test_preconditions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkTransferSpec spec = courier (f);
  gint64 before;

  spec.officer_staff_id = f->hojo_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));

  /* The fax with an e-mail address's id: not a registered fax number. */
  spec = courier (f);
  spec.method = "fax";
  spec.fax_reason = "inquiry_record";
  spec.channel_id = f->email;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.channel_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));

  /* An address with no test transmission, until one is recorded. */
  spec = courier (f);
  spec.method = "email";
  spec.channel_id = f->untested_email;
  spec.terminal_id = f->terminal;
  spec.file = "/nonexistent.pdf";
  spec.out_file = "/nonexistent-out.pdf";
  {
    g_autofree char *password = NULL;

    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_delivery_send (f->db, f->kanri, &spec, &password, refusal));
    g_assert_null (password);
  }
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_record_test (f->db, f->kanri, f->untested_email, f->today,
                                            refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_delivery_record_test (f->db, f->unyo, f->untested_email, f->today, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "delivery.channel.test");

  /* A retired officer sends nothing any more. */
  g_assert_true (jhk_delivery_retire_officer (f->db, f->unyo, f->officer, &error));
  g_assert_no_error (error);
  spec = courier (f);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
}

/* R17-5(3): fax only for inquiry records or urgent serious-crime / arrest
 * material, with the reason. */
static void
test_fax (Fixture       *f,
          gconstpointer  data)
{
  JhkTransferSpec spec = courier (f);
  g_autofree char *reason = NULL;
  gint64 id;

  spec.method = "fax";
  spec.channel_id = f->fax;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.fax_reason = "convenience";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.fax_reason = "urgent_serious_crime";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
  spec.fax_reason_text = "強盗殺人事件の被疑者逮捕に緊急に必要";
  id = send_ok (f, &spec);
  reason = db_text (f, "SELECT fax_reason FROM transfers WHERE id = ?", id);
  g_assert_cmpstr (reason, ==, "urgent_serious_crime");
}

/* R17-9: the sending office's 運用管理者 confirms each transfer, once;
 * until then it waits on their list. */
static void
test_confirm (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  JhkTransferSpec spec = courier (f);
  gint64 id, before;
  guint n;

  /* The demo has some waiting already. */
  waiting = jhk_delivery_list_transfers (f->db, f->unyo, 0, JHK_TRANSFER_LIST_TO_CONFIRM, &error);
  g_assert_no_error (error);
  n = waiting->len;
  g_clear_pointer (&waiting, g_ptr_array_unref);
  id = send_ok (f, &spec);
  waiting = jhk_delivery_list_transfers (f->db, f->unyo, 0, JHK_TRANSFER_LIST_TO_CONFIRM, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, n + 1);
  g_assert_cmpint (((JhkTransferRecord *) waiting->pdata[0])->id, ==, id);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = jhk_delivery_list_transfers (f->db, f->kanri, 0, JHK_TRANSFER_LIST_TO_CONFIRM, &error);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED, jhk_delivery_confirm (f->db, f->kanri, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED, jhk_delivery_confirm (f->db, f->nishi, id, refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_delivery_confirm (f->db, f->unyo, id, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "transfer.confirm");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT, jhk_delivery_confirm (f->db, f->unyo, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_delivery_confirm (f->db, f->unyo, id + 1000, refusal));

  waiting = jhk_delivery_list_transfers (f->db, f->unyo, 0, JHK_TRANSFER_LIST_TO_CONFIRM, &error);
  g_assert_cmpuint (waiting->len, ==, n);
}

/* 受入: the receiving office records the same transfer as a new material
 * of its ledger, once, so both ledgers agree. */
static void
test_receive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) to_receive = NULL;
  g_autofree char *name = NULL;
  g_autofree char *how = NULL;
  g_autofree char *from = NULL;
  JhkTransferSpec spec = courier (f);
  gint64 id = send_ok (f, &spec), before, received;

  to_receive = jhk_delivery_list_transfers (f->db, f->nishi, 0, JHK_TRANSFER_LIST_TO_RECEIVE,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (to_receive->len, ==, 1);
  g_clear_pointer (&to_receive, g_ptr_array_unref);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_receive (f->db, f->kanri, id, f->today, f->nishi_staff,
                                        f->nishi_locked, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_receive (f->db, f->nishi, id, f->today, f->nishi_staff,
                                        f->nishi_shelf, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_receive (f->db, f->nishi, id, f->today, f->koufu_staff,
                                        f->nishi_locked, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_receive (f->db, f->nishi, id, f->week_ago, f->nishi_staff,
                                        f->nishi_locked, refusal));
  before = jhk_test_audit_count (f->db);
  received = jhk_delivery_receive (f->db, f->nishi, id, f->today, f->nishi_staff,
                                   f->nishi_locked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (received, >, 0);
  jhk_test_assert_last_action (f->db, before, "material.register");

  g_assert_cmpint (db_int (f, "SELECT org_unit_id FROM materials WHERE id = ?", received), ==,
                   f->nishi_office);
  g_assert_cmpint (db_int (f, "SELECT quantity_on_hand FROM materials WHERE id = ?", received),
                   ==, 2);
  g_assert_cmpint (db_int (f, "SELECT personal_data FROM materials WHERE id = ?", received), ==,
                   1);
  name = db_text (f, "SELECT name FROM materials WHERE id = ?", received);
  g_assert_cmpstr (name, ==, "指紋照合結果一覧表");
  how = db_text (f, "SELECT acquisition_method FROM materials WHERE id = ?", received);
  g_assert_cmpstr (how, ==, "received");
  from = db_text (f, "SELECT acquisition_text FROM materials WHERE id = ?", received);
  g_assert_nonnull (strstr (from, "中央警察署"));
  g_assert_cmpint (db_int (f, "SELECT received_material_id FROM transfers WHERE id = ?", id), ==,
                   received);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_delivery_receive (f->db, f->nishi, id, f->today, f->nishi_staff,
                                        f->nishi_locked, refusal));
  /* Outside the organisation nobody receives. */
  spec = courier (f);
  spec.to_office_id = 0;
  spec.recipient = "地方検察庁";
  id = send_ok (f, &spec);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_receive (f->db, f->nishi, id, f->today, f->nishi_staff,
                                        f->nishi_locked, refusal));
}

/* Output that is neither personal data nor designated is handed over as a
 * plain step, not as a transfer of 第17. */
static void
test_not_personal (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkTransferSpec spec = courier (f);
  gint64 shelf = jhk_ledger_add_storage_place (f->db, f->unyo, f->chuo, "試験用 書棚", FALSE,
                                               &error);
  gint64 plain;

  g_assert_no_error (error);
  plain = jhk_ledger_register_material (f->db, f->kanri, &(JhkMaterialSpec) {
      .org_unit_id = f->chuo, .direction = "output", .name = "犯罪統計月報", .quantity = 2,
      .business_id = f->b101, .handler_staff_id = f->koufu_staff, .purpose = "分析",
      .acquired_on = f->week_ago, .acquisition_method = "printed", .measure = "store",
      .storage_place_id = shelf }, &error);
  g_assert_no_error (error);
  spec.material_id = plain;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, NULL, refusal));
}

/* A small PDF of one empty page, written by hand. */
static char *
write_pdf (void)
{
  static const char pdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n"
    "%%EOF\n";
  char *path = jhk_test_new_file ("material.pdf");

  g_assert_true (g_file_set_contents (path, pdf, -1, NULL));
  return path;
}

/* Opens the file with libqpdf: TRUE when the password (NULL: none) opens it. */
static gboolean
pdf_opens (const char *path,
           const char *password)
{
  qpdf_data q = qpdf_init ();
  gboolean ok;

  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_read (q, path, password);
  ok = !qpdf_has_error (q) && qpdf_is_encrypted (q);
  if (qpdf_has_error (q))
    qpdf_get_error (q);
  qpdf_cleanup (&q);
  return ok;
}

static gboolean
keyring_works (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  return service != NULL;
}

/* R17-5(1)ウ-エ, (2): the file is written encrypted with AES-256 (R6), its
 * password random, at least 20 characters, only in the keyring and given
 * to the caller; the transfer records the file's SHA-256; the deletion
 * waits on the officer until confirmed. */
static void
test_electronic (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = write_pdf ();
  g_autofree char *out = jhk_test_new_file ("sent.pdf");
  g_autofree char *password = NULL;
  g_autofree char *found = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *show = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  JhkTransferSpec spec = courier (f);
  gint64 before, id;
  guint n;

  if (!keyring_works ())
    {
      g_test_skip ("No Secret Service in this session (meson runs this test under "
                   "dbus-run-session with gnome-keyring)");
      return;
    }
  pending = jhk_delivery_list_transfers (f->db, f->koufu, 0, JHK_TRANSFER_LIST_DELETION_PENDING,
                                         &error);
  g_assert_no_error (error);
  n = pending->len;
  g_clear_pointer (&pending, g_ptr_array_unref);
  spec.method = "file_server";
  spec.channel_id = f->folder;
  spec.terminal_id = f->terminal;
  spec.file = in;
  spec.out_file = out;

  before = jhk_test_audit_count (f->db);
  {
    gint64 start = g_get_monotonic_time ();
    struct stat st_in, st_out;

    id = jhk_delivery_send (f->db, f->kanri, &spec, &password, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    /* A figure for the report, not an assertion. */
    g_assert_cmpint (g_stat (in, &st_in), ==, 0);
    g_assert_cmpint (g_stat (out, &st_out), ==, 0);
    g_test_message ("send with encryption and keyring: %.1f ms; %lld bytes in, %lld out",
                    (g_get_monotonic_time () - start) / 1000.0, (long long) st_in.st_size,
                    (long long) st_out.st_size);
  }
  assert_sent (f->db, before);

  g_assert_nonnull (password);
  g_assert_cmpint (strlen (password), >=, 20);
  g_test_message ("password of %d characters", (int) strlen (password));
  g_assert_false (pdf_opens (out, NULL));
  g_assert_false (pdf_opens (out, "wrong password of twenty"));
  g_assert_true (pdf_opens (out, password));
  g_assert_false (pdf_opens (in, NULL));
  {
    g_autofree char *arg = g_strdup_printf ("--password=%s", password);
    const char *argv[] = { "qpdf", arg, "--show-encryption", out, NULL };
    g_autoptr(GError) spawn_error = NULL;
    int status = 0;

    if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &show, NULL, &status, &spawn_error))
      {
        /* Not the whole output: it shows the password. */
        g_test_message ("qpdf --show-encryption: R = 6 and AESv3 found");
        g_assert_nonnull (strstr (show, "R = 6"));
        g_assert_nonnull (strstr (show, "AESv3"));
      }
  }

  sha = jhk_pdf_file_sha256 (out, &error);
  g_assert_no_error (error);
  recorded = db_text (f, "SELECT file_sha256 FROM transfers WHERE id = ?", id);
  g_assert_cmpstr (recorded, ==, sha);

  /* The password is in the keyring and nowhere in the database. */
  found = jhk_delivery_lookup_password (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, password);
  dump = jhk_test_dump_tables (f->db);
  g_assert_null (strstr (dump, password));

  /* The deletion waits on the officer's list until confirmed. */
  pending = jhk_delivery_list_transfers (f->db, f->koufu, 0, JHK_TRANSFER_LIST_DELETION_PENDING,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, n + 1);
  g_clear_pointer (&pending, g_ptr_array_unref);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_delivery_confirm_deleted (f->db, f->nishi, id, f->today, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_confirm_deleted (f->db, f->koufu, id, f->week_ago, refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_delivery_confirm_deleted (f->db, f->koufu, id, f->today, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "transfer.deleted");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_delivery_confirm_deleted (f->db, f->koufu, id, f->today, refusal));
  pending = jhk_delivery_list_transfers (f->db, f->koufu, 0, JHK_TRANSFER_LIST_DELETION_PENDING,
                                         &error);
  g_assert_cmpuint (pending->len, ==, n);

  /* A courier transfer sent no file. */
  spec = courier (f);
  id = send_ok (f, &spec);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_confirm_deleted (f->db, f->koufu, id, f->today, refusal));

  /* The encrypted file never overwrites the PDF it encrypts. */
  spec = courier (f);
  spec.quantity = 1;
  spec.method = "email";
  spec.channel_id = f->email;
  spec.terminal_id = f->terminal;
  spec.file = in;
  spec.out_file = in;
  g_clear_pointer (&password, jhk_pdf_password_free);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, &password, refusal));
  g_assert_null (password);

  /* A file that is no PDF: nothing written, nothing kept. */
  spec = courier (f);
  spec.quantity = 1;
  spec.method = "email";
  spec.channel_id = f->email;
  spec.terminal_id = f->terminal;
  g_clear_pointer (&password, jhk_pdf_password_free);
  {
    g_autofree char *not_pdf = jhk_test_new_file ("not.pdf");
    g_autofree char *out2 = jhk_test_new_file ("sent2.pdf");

    g_assert_true (g_file_set_contents (not_pdf, "hello", -1, NULL));
    spec.file = not_pdf;
    spec.out_file = out2;
    {
      g_autofree char *before_ = jhk_test_dump_tables (f->db);
      g_autofree char *after_ = NULL;

      g_assert_cmpint (jhk_delivery_send (f->db, f->kanri, &spec, &password, &error), ==, 0);
      g_assert_error (error, JHK_PDF_ENCRYPT_ERROR, JHK_PDF_ENCRYPT_ERROR_READ);
      g_clear_error (&error);
      g_assert_null (password);
      g_assert_false (g_file_test (out2, G_FILE_TEST_EXISTS));
      after_ = jhk_test_dump_tables (f->db);
      g_assert_cmpstr (after_, ==, before_);
    }
  }
}

/* R17-5: without a keyring the electronic transfer fails with a message,
 * and nothing is written: no row, no file, no password anywhere. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *in = write_pdf ();
  g_autofree char *out = jhk_test_new_file ("nokeyring.pdf");
  g_autofree char *bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autofree char *password = NULL;
  JhkTransferSpec spec = courier (f);

  spec.method = "email";
  spec.channel_id = f->email;
  spec.terminal_id = f->terminal;
  spec.file = in;
  spec.out_file = out;
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_delivery_send (f->db, f->kanri, &spec, &password, refusal));
  if (bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  g_assert_null (password);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* The password: long enough, from the unambiguous alphabet, never twice. */
static void
test_password (void)
{
  g_autofree char *a = jhk_pdf_password_new ();
  g_autofree char *b = jhk_pdf_password_new ();

  g_assert_cmpint (strlen (a), >=, 20);
  g_assert_cmpstr (a, !=, b);
  for (const char *p = a; *p != '\0'; p++)
    g_assert_null (strchr ("0O1lIo", *p));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/delivery/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("R17-5/registers", test_registers);
  ADD ("R17-4-R17-8/courier-is-a-hand-over", test_courier);
  ADD ("R17-4/registered-mail-needs-special-approval", test_special_approval);
  ADD ("R17-5/refused-without-preconditions", test_preconditions);
  ADD ("R17-5/fax-only-with-reason", test_fax);
  ADD ("R17-9/operations-manager-confirms", test_confirm);
  ADD ("issue-4/receive-once", test_receive);
  ADD ("R17-4/only-personal-or-designated-output", test_not_personal);
  ADD ("R17-5/electronic-encrypted-and-deleted", test_electronic);
  ADD ("R17-5/electronic-without-keyring", test_no_keyring);
#undef ADD
  g_test_add_func ("/delivery/R17-5/password", test_password);
  return jhk_test_run ();
}
