/* test-work-requests.c: issue 5, 作業依頼書 (R15-4, RF2; R15-1, R17-1 for
 * the output they produce).
 *
 * 中央警察署's 情報管理者 files requests for 指紋照合業務 (B101): to the
 * システム管理者 through the consent of its 対象業務管理者 (R15-4), or to
 * that manager directly. Every write adds one audit entry; every refusal
 * leaves every table as it was and words it as jhk_work_requests_refusal()
 * does. Runs on SQLite and, with `meson test --setup postgresql`, on
 * PostgreSQL; the last test goes through the users' own server roles
 * (0013-work-requests.pg.sql).
 */
#include <string.h>

#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"
#include "jhk-work-requests.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *kanri;      /* 情報管理者, 中央警察署 (requester) */
  JhkSession *unyo;       /* 運用管理者, 中央警察署 (requester) */
  JhkSession *hojo;       /* 情報管理補助者, 中央警察署: no requester */
  JhkSession *admin;      /* システム管理者 */
  JhkSession *gyomu;      /* 対象業務管理者 of B101 */
  JhkSession *denshi;     /* manager of E201, not of B101 */
  JhkSession *higashi;    /* 運用管理者, 東警察署 */
  gint64      office;
  gint64      business;
  gint64      now;
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  /* A still clock, on a whole minute: the form's times are minutes. */
  f->now = g_get_real_time () / G_TIME_SPAN_MINUTE * G_TIME_SPAN_MINUTE;
  jhk_set_clock_override (f->now);
  jhk_test_login_many (f->db, &f->kanri, "chuo-kanri", &f->unyo, "chuo-unyo",
                       &f->hojo, "chuo-hojo", &f->admin, "admin", &f->gyomu, "gyomu",
                       &f->denshi, "denshi", &f->higashi, "higashi-unyo", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->business = jhk_org_find_business (f->db, "B101");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->kanri, &f->unyo, &f->hojo, &f->admin, &f->gyomu, &f->denshi,
                           &f->higashi, NULL);
  g_clear_object (&f->db);
  jhk_set_clock_override (0);
}

/* "YYYY-MM-DD HH:MM", minutes from the fixture's now. */
static char *
local_at (Fixture *f,
          gint64   minutes)
{
  return jhk_format_time (jhk_now_us () + minutes * G_TIME_SPAN_MINUTE);
}

static void
advance (Fixture *f,
         gint64   minutes)
{
  jhk_set_clock_override (jhk_now_us () + minutes * G_TIME_SPAN_MINUTE);
}

static void
add_item (JhkWorkRequest *r,
          const char     *kind,
          const char     *content,
          gboolean        personal)
{
  JhkWorkRequestItem *item = jhk_work_request_item_new (kind, content, 2, "紙", "");

  item->personal_data = personal;
  g_ptr_array_add (r->items, item);
}

static void
replace (char      **member,
         const char *value)
{
  g_free (*member);
  *member = g_strdup (value);
}

/* A complete draft of 中央警察署 for B101, to recipient, with an input and
 * a personal-data output row. */
static JhkWorkRequest *
new_request (Fixture    *f,
             const char *recipient)
{
  g_autoptr(GError) error = NULL;
  JhkWorkRequest *r = jhk_work_requests_new_draft (f->db, f->kanri, &error);
  g_autofree char *wanted = local_at (f, 7 * 24 * 60);
  g_autofree char *to = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  replace (&r->recipient, recipient);
  r->business_id = f->business;
  to = jhk_work_requests_recipient_title (f->db, recipient, f->business);
  g_assert_nonnull (to);
  replace (&r->to_title, to);
  replace (&r->summary, "指紋照合結果の出力");
  replace (&r->purpose, "被疑者の特定");
  replace (&r->wanted_at, wanted);
  add_item (r, "input", "指紋照会依頼書", FALSE);
  add_item (r, "output", "指紋照合結果一覧表", TRUE);
  g_assert_cmpint (r->storage_place_id, ==,
                   jhk_test_query_int (f->db, "SELECT MIN(id) FROM storage_places"
                                       " WHERE org_unit_id = ? AND locked = 1",
                                       JHK_I (f->office), JHK_DB_END));
  return r;
}

static gint64
save_ok (Fixture        *f,
         JhkSession     *actor,
         JhkWorkRequest *r)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_work_requests_save_draft (f->db, actor, r, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "work_request.save");
  r->id = id;
  return id;
}

static char *
status_of (Fixture *f,
           gint64   id)
{
  return jhk_test_query_text (f->db, "SELECT status FROM work_requests WHERE id = ?", JHK_I (id),
                              JHK_DB_END);
}

static void
assert_status (Fixture    *f,
               gint64      id,
               const char *status)
{
  g_autofree char *now = status_of (f, id);

  g_assert_cmpstr (now, ==, status);
}

/* The action is refused with the database unchanged, with exactly the
 * text jhk_work_requests_refusal() gives for the request as it is. */
#define ASSERT_REFUSED_AS(f, actor, id, action, call)                          \
  G_STMT_START {                                                               \
    g_autoptr(JhkWorkRequest) seen_ = jhk_work_requests_get ((f)->db, (f)->admin, (id), NULL); \
    const char *reason_ = jhk_work_requests_refusal ((f)->db, (actor), seen_, (action)); \
    g_assert_nonnull (reason_);                                                \
    JHK_TEST_ASSERT_REFUSED_WITH ((f)->db, call,                               \
                                  g_assert_cmpstr (error_->message, ==, reason_)); \
  } G_STMT_END

static JhkWorkRequestStep
step_at (const char *at)
{
  return (JhkWorkRequestStep) { .at = at, .to_office = "中央警察署 警務課",
                                .to_name = "山田 太郎" };
}

static void
do_ok (Fixture    *f,
       gboolean    ok,
       GError     *error,
       gint64      before,
       const char *action)
{
  g_assert_no_error (error);
  g_assert_true (ok);
  jhk_test_assert_last_action (f->db, before, action);
}

#define OK(f, action, call)                                                    \
  G_STMT_START {                                                               \
    g_autoptr(GError) e_ = NULL;                                               \
    GError **ok_error = &e_;                                                   \
    gint64 before_ = jhk_test_audit_count ((f)->db);                           \
    gboolean ok_ = (call);                                                     \
    do_ok ((f), ok_, e_, before_, (action));                                   \
  } G_STMT_END

/* Receives, processes, returns the input, hands over the output, notes the
 * paper and completes, as actor. */
static void
process_through (Fixture    *f,
                 JhkSession *actor,
                 gint64      id)
{
  g_autofree char *at = local_at (f, 0);
  JhkWorkRequestStep step = step_at (at);
  JhkWorkRequestPaper paper = { .a4 = 12, .other = 1, .other_text = "CD-R",
                                .remarks = "至急分を先行処理" };

  OK (f, "work_request.receive", jhk_work_requests_receive (f->db, actor, id, &step, ok_error));
  assert_status (f, id, "in_progress");
  OK (f, "work_request.process", jhk_work_requests_process (f->db, actor, id, &step, ok_error));
  OK (f, "work_request.return_input",
      jhk_work_requests_return_input (f->db, actor, id, &step, ok_error));
  OK (f, "work_request.deliver_output",
      jhk_work_requests_deliver_output (f->db, actor, id, &step, ok_error));
  OK (f, "work_request.paper", jhk_work_requests_set_paper (f->db, actor, id, &paper, ok_error));
  OK (f, "work_request.complete", jhk_work_requests_complete (f->db, actor, id, ok_error));
  assert_status (f, id, "completed");
}

/* R15-4: to the システム管理者, consent first, then processed to the end. */
static void
test_sysadmin_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autoptr(JhkWorkRequest) done = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpstr (r->from_title, ==, "中央警察署長");
  g_assert_cmpstr (r->to_title, ==, "情報管理課長");
  g_assert_cmpstr (r->manager_name, ==, "山田 太郎");
  g_assert_cmpint (r->storage_place_id, >, 0);
  id = save_ok (f, f->kanri, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  assert_status (f, id, "consent_pending");
  OK (f, "work_request.consent",
      jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, ok_error));
  assert_status (f, id, "submitted");
  process_through (f, f->admin, id);

  done = jhk_work_requests_get (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done->consent_name, ==, "渡辺 誠");
  g_assert_cmpstr (done->consent_title, ==, "刑事総務課長");
  g_assert_cmpstr (done->received_handler, ==, "佐藤 浩二");
  g_assert_cmpint (done->paper_a4, ==, 12);
  g_assert_cmpstr (done->paper_other_text, ==, "CD-R");
  g_assert_cmpint (done->items->len, ==, 2);
  g_assert_cmpint (done->submitted_at, >, 0);
  g_assert_cmpint (done->completed_at, >, 0);
  g_assert_false (jhk_work_request_is_overdue (done, NULL));
}

/* RF2: to the 対象業務管理者等 directly, without consent. */
static void
test_business_path (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_cmpstr (r->to_title, ==, "刑事総務課長");
  id = save_ok (f, f->unyo, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->unyo, id, ok_error));
  assert_status (f, id, "submitted");
  queue = jhk_work_requests_list (f->db, f->gyomu, JHK_WORK_REQUESTS_TO_PROCESS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, >=, 1);
  g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (queue, 0))->id, ==, id);
  g_assert_null (((JhkWorkRequest *) g_ptr_array_index (queue, 0))->items);
  g_clear_pointer (&queue, g_ptr_array_unref);
  /* Nothing waits for the システム管理者 or for consent. */
  queue = jhk_work_requests_list (f->db, f->admin, JHK_WORK_REQUESTS_TO_PROCESS, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queue->len; i++)
    g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (queue, i))->id, !=, id);
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = jhk_work_requests_list (f->db, f->gyomu, JHK_WORK_REQUESTS_TO_CONSENT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queue->len; i++)
    g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (queue, i))->id, !=, id);
  process_through (f, f->gyomu, id);
}

/* R15-1, R17-1: the personal-data output handed over is a ledger material
 * of the requesting office, made for a set procedure, linked both ways. */
static void
test_output_becomes_material (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(JhkWorkRequest) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at = local_at (f, 0);
  g_autofree char *today = jhk_today ();
  g_autofree char *reason = NULL, *text = NULL, *name = NULL, *expected = NULL;
  JhkWorkRequestStep step = step_at (at);
  gint64 id, material, before_materials, linked, office, place, handler, personal;

  add_item (r, "output", "照合統計表", FALSE);
  id = save_ok (f, f->kanri, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  OK (f, "work_request.receive", jhk_work_requests_receive (f->db, f->gyomu, id, &step, ok_error));
  OK (f, "work_request.process", jhk_work_requests_process (f->db, f->gyomu, id, &step, ok_error));
  before_materials = jhk_test_count_rows (f->db, "materials");
  /* One audit entry for the hand-over and its registrations. */
  OK (f, "work_request.deliver_output",
      jhk_work_requests_deliver_output (f->db, f->gyomu, id, &step, ok_error));
  g_assert_cmpint (jhk_test_count_rows (f->db, "materials"), ==, before_materials + 1);

  done = jhk_work_requests_get (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  material = ((JhkWorkRequestItem *) g_ptr_array_index (done->items, 1))->material_id;
  g_assert_cmpint (material, >, 0);
  g_assert_cmpint (((JhkWorkRequestItem *) g_ptr_array_index (done->items, 0))->material_id,
                   ==, 0);
  g_assert_cmpint (((JhkWorkRequestItem *) g_ptr_array_index (done->items, 2))->material_id,
                   ==, 0);
  linked = jhk_test_query_int (f->db, "SELECT work_request_id FROM materials WHERE id = ?",
                               JHK_I (material), JHK_DB_END);
  g_assert_cmpint (linked, ==, id);
  office = jhk_test_query_int (f->db, "SELECT org_unit_id FROM materials WHERE id = ?",
                               JHK_I (material), JHK_DB_END);
  g_assert_cmpint (office, ==, f->office);
  place = jhk_test_query_int (f->db, "SELECT storage_place_id FROM materials WHERE id = ?",
                              JHK_I (material), JHK_DB_END);
  g_assert_cmpint (place, ==, r->storage_place_id);
  handler = jhk_test_query_int (f->db, "SELECT handler_staff_id FROM materials WHERE id = ?",
                                JHK_I (material), JHK_DB_END);
  g_assert_cmpint (handler, ==, jhk_session_get_staff_id (f->kanri));
  personal = jhk_test_query_int (f->db, "SELECT personal_data FROM materials WHERE id = ?",
                                 JHK_I (material), JHK_DB_END);
  g_assert_cmpint (personal, ==, 1);
  reason = jhk_test_query_text (f->db, "SELECT creation_reason FROM materials WHERE id = ?",
                                JHK_I (material), JHK_DB_END);
  g_assert_cmpstr (reason, ==, "procedure");
  text = jhk_test_query_text (f->db, "SELECT acquisition_text FROM materials WHERE id = ?",
                              JHK_I (material), JHK_DB_END);
  expected = g_strdup_printf ("%s 作業依頼書 第%lld号", jhk_session_get_org_name (f->gyomu),
                              (long long) id);
  g_assert_cmpstr (text, ==, expected);
  name = jhk_test_query_text (f->db, "SELECT acquired_on FROM materials WHERE id = ?",
                              JHK_I (material), JHK_DB_END);
  g_assert_cmpstr (name, ==, today);
}

/* R15-4: a request to the システム管理者 cannot be received before the
 * business's manager consented, nor consented by anybody else. */
static void
test_sysadmin_needs_consent (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autofree char *at = local_at (f, 0);
  JhkWorkRequestStep step = step_at (at);
  gint64 id = save_ok (f, f->kanri, r);

  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_RECEIVE,
                     jhk_work_requests_receive (f->db, f->admin, id, &step, refusal));
  ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_CONSENT,
                     jhk_work_requests_consent (f->db, f->admin, id, NULL, NULL, NULL, refusal));
  /* Another business's manager does not even see it. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_work_requests_consent (f->db, f->denshi, id, NULL, NULL, NULL, refusal));
  ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_CONSENT,
                     jhk_work_requests_consent (f->db, f->kanri, id, NULL, NULL, NULL, refusal));
  /* The manager of the business processes only what is addressed to them. */
  OK (f, "work_request.consent",
      jhk_work_requests_consent (f->db, f->gyomu, id, "刑事総務課長", "渡辺 誠", "3101", ok_error));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_RECEIVE,
                     jhk_work_requests_receive (f->db, f->gyomu, id, &step, refusal));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_CONSENT,
                     jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, refusal));
  OK (f, "work_request.receive", jhk_work_requests_receive (f->db, f->admin, id, &step, ok_error));
}

/* R5-1, R15-4: a manager whose role ended since they logged in neither
 * consents nor processes. */
static void
test_role_ended (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autoptr(JhkWorkRequest) b = new_request (f, "business");
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) d1 = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) d2 = g_date_time_add_days (now, -2);
  g_autofree char *yesterday = g_date_time_format (d1, "%Y-%m-%d");
  g_autofree char *before = g_date_time_format (d2, "%Y-%m-%d");
  g_autofree char *at = local_at (f, 0);
  JhkWorkRequestStep step = step_at (at);
  gint64 id = save_ok (f, f->kanri, r), idb = save_ok (f, f->kanri, b);

  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, idb, ok_error));
  g_assert_true (jhk_db_run (f->db, NULL,
                             "UPDATE role_assignments SET valid_from = ?, valid_to = ?"
                             " WHERE staff_id = ? AND role = 'biz_owner'",
                             JHK_T (before), JHK_T (yesterday),
                             JHK_I (jhk_session_get_staff_id (f->gyomu)), JHK_DB_END));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_send_back (f->db, f->gyomu, id, "不要", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_receive (f->db, f->gyomu, idb, &step, refusal));
}

/* R15-4: a request to the business's manager has no consent step. */
static void
test_business_no_consent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(JhkWorkRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* Without personal-data output the request keeps no storage place. */
  ((JhkWorkRequestItem *) g_ptr_array_index (r->items, 1))->personal_data = FALSE;
  id = save_ok (f, f->kanri, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_CONSENT,
                     jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, refusal));
  sent = jhk_work_requests_get (f->db, f->gyomu, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent->storage_place_id, ==, 0);
  g_assert_cmpint (sent->consent_by, ==, 0);
}

/* R15-4: declined with a comment, revised (consent cleared) and submitted
 * again; withdrawn at the end. */
static void
test_send_back_revise_withdraw (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autoptr(JhkWorkRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at = local_at (f, 0);
  JhkWorkRequestStep step = step_at (at);
  gint64 id = save_ok (f, f->kanri, r);

  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_send_back (f->db, f->gyomu, id, "  ", refusal));
  ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_SEND_BACK,
                     jhk_work_requests_send_back (f->db, f->admin, id, "不要", refusal));
  OK (f, "work_request.send_back",
      jhk_work_requests_send_back (f->db, f->gyomu, id, "目的を具体的に", ok_error));
  assert_status (f, id, "returned");
  ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_SUBMIT,
                     jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  ASSERT_REFUSED_AS (f, f->hojo, id, JHK_WORK_REQUEST_REVISE,
                     jhk_work_requests_revise (f->db, f->hojo, id, refusal));
  OK (f, "work_request.revise", jhk_work_requests_revise (f->db, f->unyo, id, ok_error));
  back = jhk_work_requests_get (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->status, ==, "draft");
  g_assert_cmpstr (back->return_comment, ==, "目的を具体的に");
  g_assert_cmpint (back->submitted_at, ==, 0);
  replace (&back->purpose, "被疑者の特定（〇〇事件）");
  save_ok (f, f->kanri, back);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  OK (f, "work_request.consent",
      jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, ok_error));
  /* The receiving side sends it back too, before receiving it. */
  OK (f, "work_request.send_back",
      jhk_work_requests_send_back (f->db, f->admin, id, "期日に間に合わない", ok_error));
  OK (f, "work_request.withdraw", jhk_work_requests_withdraw (f->db, f->kanri, id, ok_error));
  assert_status (f, id, "withdrawn");
  ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_WITHDRAW,
                     jhk_work_requests_withdraw (f->db, f->kanri, id, refusal));
  ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_RECEIVE,
                     jhk_work_requests_receive (f->db, f->admin, id, &step, refusal));
}

/* R15-4: only the office's 運用管理者 or 情報管理者 file, change, submit,
 * withdraw; a request received can no longer be withdrawn. */
static void
test_requester_roles (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(GError) error = NULL;
  g_autofree char *at = local_at (f, 0);
  JhkWorkRequestStep step = step_at (at);
  JhkWorkRequest *none;
  gint64 id;

  /* Neither a 情報管理補助者 nor another office files for 中央警察署. */
  none = jhk_work_requests_new_draft (f->db, f->hojo, &error);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_assert_null (none);
  g_clear_error (&error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_save_draft (f->db, f->hojo, r, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_save_draft (f->db, f->higashi, r, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_work_requests_save_draft (f->db, f->admin, r, refusal));
  id = save_ok (f, f->kanri, r);
  /* A draft is seen by its office only. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_work_requests_submit (f->db, f->higashi, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_work_requests_get (f->db, f->gyomu, id, refusal) != NULL);
  ASSERT_REFUSED_AS (f, f->hojo, id, JHK_WORK_REQUEST_SUBMIT,
                     jhk_work_requests_submit (f->db, f->hojo, id, refusal));
  ASSERT_REFUSED_AS (f, f->hojo, id, JHK_WORK_REQUEST_WITHDRAW,
                     jhk_work_requests_withdraw (f->db, f->hojo, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_work_requests_receive (f->db, f->gyomu, id, &step, refusal));
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->unyo, id, ok_error));
  /* Past the draft, the business's manager sees it; a draft changes no more. */
  {
    g_autoptr(JhkWorkRequest) seen = jhk_work_requests_get (f->db, f->gyomu, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (seen->status, ==, "submitted");
    ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_EDIT,
                       jhk_work_requests_save_draft (f->db, f->kanri, seen, refusal));
    ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_SUBMIT,
                       jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  }
  ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_RECEIVE,
                     jhk_work_requests_receive (f->db, f->admin, id, &step, refusal));
  OK (f, "work_request.receive", jhk_work_requests_receive (f->db, f->gyomu, id, &step, ok_error));
  ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_WITHDRAW,
                     jhk_work_requests_withdraw (f->db, f->kanri, id, refusal));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_SEND_BACK,
                     jhk_work_requests_send_back (f->db, f->gyomu, id, "不要", refusal));
  ASSERT_REFUSED_AS (f, f->kanri, id, JHK_WORK_REQUEST_PROCESS,
                     jhk_work_requests_process (f->db, f->kanri, id, &step, refusal));
}

/* RF2: the wizard's checks, by step and field, and the services refuse the
 * same on submission. */
static void
test_check_steps (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autoptr(GError) error = NULL;
  g_autofree char *past = local_at (f, -1);
  const char *field = NULL;

  g_assert_true (jhk_work_requests_check_step (r, 0, &field, &error));
  g_assert_no_error (error);
  g_assert_null (field);

#define STEP_REFUSED(n, expect)                                               \
  G_STMT_START {                                                              \
    g_assert_false (jhk_work_requests_check_step (r, (n), &field, &error));   \
    g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);       \
    g_assert_cmpstr (field, ==, (expect));                                    \
    g_test_message ("step %d: %s", (n), error->message);                      \
    g_clear_error (&error);                                                   \
  } G_STMT_END

  replace (&r->recipient, "");
  STEP_REFUSED (1, "recipient");
  STEP_REFUSED (0, "recipient");
  replace (&r->recipient, "sysadmin");
  r->business_id = 0;
  STEP_REFUSED (1, "business_id");
  r->business_id = f->business;

  replace (&r->summary, "　");
  STEP_REFUSED (2, "summary");
  replace (&r->summary, "指紋照合結果の出力");
  replace (&r->wanted_at, "2026-13-01 10:00");
  STEP_REFUSED (2, "wanted_at");
  replace (&r->wanted_at, "2026-02-30 10:00");
  STEP_REFUSED (2, "wanted_at");
  replace (&r->wanted_at, "明日");
  STEP_REFUSED (2, "wanted_at");
  replace (&r->wanted_at, past);
  STEP_REFUSED (2, "wanted_at");
  g_assert_true (jhk_work_requests_check_step (r, 3, &field, &error));
  g_assert_true (jhk_work_requests_check_step (r, 4, &field, &error));

  /* Rows: the incomplete one is named. */
  replace (&((JhkWorkRequestItem *) g_ptr_array_index (r->items, 1))->content, "");
  STEP_REFUSED (3, "items.1.content");
  replace (&((JhkWorkRequestItem *) g_ptr_array_index (r->items, 1))->content, "一覧表");
  ((JhkWorkRequestItem *) g_ptr_array_index (r->items, 0))->quantity = 0;
  STEP_REFUSED (3, "items.0.quantity");
  ((JhkWorkRequestItem *) g_ptr_array_index (r->items, 0))->quantity = 1;
  replace (&((JhkWorkRequestItem *) g_ptr_array_index (r->items, 0))->kind, "copy");
  STEP_REFUSED (3, "items.0.kind");
  replace (&((JhkWorkRequestItem *) g_ptr_array_index (r->items, 0))->kind, "input");
  r->storage_place_id = 0;
  STEP_REFUSED (3, "storage_place_id");
  ((JhkWorkRequestItem *) g_ptr_array_index (r->items, 1))->personal_data = FALSE;
  g_assert_true (jhk_work_requests_check_step (r, 3, &field, &error));
  g_ptr_array_set_size (r->items, 0);
  STEP_REFUSED (3, "items");
  for (int i = 0; i <= JHK_WORK_REQUEST_MAX_ITEMS; i++)
    add_item (r, "input", "照会書", FALSE);
  STEP_REFUSED (3, "items");

  replace (&r->contact_phone, "");
  STEP_REFUSED (4, "contact_phone");
  replace (&r->to_title, "");
  STEP_REFUSED (4, "to_title");
#undef STEP_REFUSED
}

/* R15-4, RF2: a submission is refused with the database unchanged when
 * the draft is incomplete: no rows, a past wanted time, no locked place
 * for personal-data output, an unapproved business. */
static void
test_submit_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "sysadmin");
  g_autoptr(GError) error = NULL;
  gint64 id, open_place = 0;

  id = save_ok (f, f->kanri, r);

  /* Empty rows. */
  g_ptr_array_set_size (r->items, 0);
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  add_item (r, "output", "", FALSE);
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  g_ptr_array_set_size (r->items, 0);
  add_item (r, "output", "指紋照合結果一覧表", TRUE);

  /* A past deadline: saved in the draft, refused at submission. */
  {
    g_autofree char *wanted = g_strdup (r->wanted_at);

    advance (f, 8 * 24 * 60);
    save_ok (f, f->kanri, r);
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_submit (f->db, f->kanri, id, refusal));
    advance (f, -8 * 24 * 60);
  }

  /* An unlocked place, or none, for personal-data output. */
  open_place = jhk_ledger_add_storage_place (f->db, f->kanri, f->office, "試験用 書架", FALSE,
                                             &error);
  g_assert_no_error (error);
  r->storage_place_id = open_place;
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  r->storage_place_id = 0;
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  /* Another office's place is refused on saving. */
  r->storage_place_id = jhk_ledger_add_storage_place (f->db, f->higashi,
                                                      jhk_org_find_unit (f->db, "920"),
                                                      "試験用 東 保管庫", TRUE, &error);
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_save_draft (f->db, f->kanri, r, refusal));
  r->storage_place_id = 0;
  ((JhkWorkRequestItem *) g_ptr_array_index (r->items, 0))->personal_data = FALSE;

  /* R8-1: an unapproved business (B104). */
  r->business_id = jhk_org_find_business (f->db, "B104");
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  /* Nor a 主管業務, which is no 対象業務等 and has no approval (L301). */
  r->business_id = jhk_org_find_business (f->db, "L301");
  save_ok (f, f->kanri, r);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_submit (f->db, f->kanri, id, refusal));
  /* Nor a business that does not exist, nor bad rows in a draft. */
  r->business_id = 999999;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_work_requests_save_draft (f->db, f->kanri, r, refusal));
  r->business_id = f->business;
  add_item (r, "copy", "複写", FALSE);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_save_draft (f->db, f->kanri, r, refusal));
  g_ptr_array_set_size (r->items, 1);
  for (int i = 0; i < JHK_WORK_REQUEST_MAX_ITEMS; i++)
    add_item (r, "input", "照会書", FALSE);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_save_draft (f->db, f->kanri, r, refusal));
  g_ptr_array_set_size (r->items, 1);

  /* Texts beyond their length, in the draft and in the steps. */
  {
    g_autofree char *summary = g_strdup (r->summary);
    g_autofree char *long_text = NULL;
    GString *text = g_string_new (NULL);

    for (int i = 0; i < 1001; i++)
      g_string_append (text, "字");
    long_text = g_string_free (text, FALSE);
    replace (&r->summary, long_text);
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_save_draft (f->db, f->kanri, r, refusal));
    replace (&r->summary, summary);
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_consent (f->db, f->gyomu, id, long_text, NULL, NULL,
                                               refusal));
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_send_back (f->db, f->gyomu, id, long_text, refusal));
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_set_paper (f->db, f->gyomu, id,
                                                 &(JhkWorkRequestPaper) { .remarks = long_text,
                                                                          .a4 = 1 },
                                                 refusal));
  }

  /* Complete again: submitted. */
  save_ok (f, f->kanri, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  assert_status (f, id, "consent_pending");
}

/* RF2: the receiving side's steps, in order and in time. */
static void
test_step_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(JhkWorkRequest) input_only = new_request (f, "business");
  g_autofree char *now = local_at (f, 0);
  g_autofree char *future = local_at (f, 1);
  g_autofree char *before = local_at (f, -1);
  JhkWorkRequestStep step = step_at (now);
  JhkWorkRequestStep later = step_at (future);
  JhkWorkRequestStep earlier = step_at (before);
  JhkWorkRequestStep nobody = { .at = now };
  JhkWorkRequestStep bad = step_at ("2026-01-01 25:00");
  JhkWorkRequestPaper negative = { .a4 = -1 };
  gint64 id, other;

  id = save_ok (f, f->kanri, r);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_PROCESS,
                     jhk_work_requests_process (f->db, f->gyomu, id, &step, refusal));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_COMPLETE,
                     jhk_work_requests_complete (f->db, f->gyomu, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_receive (f->db, f->gyomu, id, &later, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_receive (f->db, f->gyomu, id, &earlier, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_receive (f->db, f->gyomu, id, &bad, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_work_requests_receive (f->db, f->gyomu, id, NULL, refusal));
  OK (f, "work_request.receive", jhk_work_requests_receive (f->db, f->gyomu, id, &step, ok_error));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_RECEIVE,
                     jhk_work_requests_receive (f->db, f->gyomu, id, &step, refusal));

  /* Hand-over and completion wait for 処理; the receiver is named. */
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_DELIVER_OUTPUT,
                     jhk_work_requests_deliver_output (f->db, f->gyomu, id, &step, refusal));
  ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_COMPLETE,
                     jhk_work_requests_complete (f->db, f->gyomu, id, refusal));
  advance (f, 10);
  {
    g_autofree char *t = local_at (f, 0);
    JhkWorkRequestStep p = step_at (t);

    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_process (f->db, f->gyomu, id, &earlier, refusal));
    OK (f, "work_request.process", jhk_work_requests_process (f->db, f->gyomu, id, &p, ok_error));
    ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_PROCESS,
                       jhk_work_requests_process (f->db, f->gyomu, id, &p, refusal));
    /* Before 処理: refused. */
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_deliver_output (f->db, f->gyomu, id, &step, refusal));
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_return_input (f->db, f->gyomu, id, &nobody, refusal));
    ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_COMPLETE,
                       jhk_work_requests_complete (f->db, f->gyomu, id, refusal));
    OK (f, "work_request.return_input",
        jhk_work_requests_return_input (f->db, f->gyomu, id, &p, ok_error));
    ASSERT_REFUSED_AS (f, f->gyomu, id, JHK_WORK_REQUEST_COMPLETE,
                       jhk_work_requests_complete (f->db, f->gyomu, id, refusal));
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_work_requests_set_paper (f->db, f->gyomu, id, &negative, refusal));
    ASSERT_REFUSED_AS (f, f->admin, id, JHK_WORK_REQUEST_SET_PAPER,
                       jhk_work_requests_set_paper (f->db, f->admin, id,
                                                    &(JhkWorkRequestPaper) { .a4 = 1 },
                                                    refusal));
  }

  /* Only output rows: no input to return. */
  {
    g_autoptr(JhkWorkRequest) output_only = new_request (f, "business");
    g_autofree char *t = local_at (f, 0);
    JhkWorkRequestStep p = step_at (t);
    gint64 out;

    g_ptr_array_remove_index (output_only->items, 0);
    out = save_ok (f, f->kanri, output_only);
    OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, out, ok_error));
    OK (f, "work_request.receive",
        jhk_work_requests_receive (f->db, f->gyomu, out, &p, ok_error));
    ASSERT_REFUSED_AS (f, f->gyomu, out, JHK_WORK_REQUEST_RETURN_INPUT,
                       jhk_work_requests_return_input (f->db, f->gyomu, out, &p, refusal));
  }

  /* Only input rows: nothing to hand over. */
  g_ptr_array_remove_index (input_only->items, 1);
  other = save_ok (f, f->kanri, input_only);
  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, other, ok_error));
  {
    g_autofree char *t = local_at (f, 0);
    JhkWorkRequestStep p = step_at (t);

    OK (f, "work_request.receive",
        jhk_work_requests_receive (f->db, f->gyomu, other, &p, ok_error));

    OK (f, "work_request.process",
        jhk_work_requests_process (f->db, f->gyomu, other, &p, ok_error));
    ASSERT_REFUSED_AS (f, f->gyomu, other, JHK_WORK_REQUEST_DELIVER_OUTPUT,
                       jhk_work_requests_deliver_output (f->db, f->gyomu, other, &p, refusal));
    OK (f, "work_request.return_input",
        jhk_work_requests_return_input (f->db, f->gyomu, other, &p, ok_error));
    OK (f, "work_request.complete", jhk_work_requests_complete (f->db, f->gyomu, other, ok_error));
  }
}

/* RF2: overdue when the completion wanted passed while still open. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");

  replace (&r->wanted_at, "2030-04-01 10:00");
  replace (&r->status, "submitted");
  g_assert_false (jhk_work_request_is_overdue (r, "2030-04-01 10:00"));
  g_assert_true (jhk_work_request_is_overdue (r, "2030-04-01 10:01"));
  replace (&r->status, "completed");
  g_assert_false (jhk_work_request_is_overdue (r, "2030-04-01 10:01"));
  replace (&r->status, "draft");
  g_assert_false (jhk_work_request_is_overdue (r, "2030-04-01 10:01"));
  /* The same rule for a list's row, from its status and wanted_at. */
  g_assert_true (jhk_work_request_is_overdue_row ("consent_pending", "2030-04-01 10:00",
                                                  "2030-04-01 10:01"));
  g_assert_true (jhk_work_request_is_overdue_row ("in_progress", "2030-04-01 10:00",
                                                  "2030-04-02 00:00"));
  g_assert_false (jhk_work_request_is_overdue_row ("submitted", "2030-04-01 10:00",
                                                   "2030-04-01 10:00"));
  g_assert_false (jhk_work_request_is_overdue_row ("returned", "2030-04-01 10:00",
                                                   "2030-04-01 10:01"));
  g_assert_false (jhk_work_request_is_overdue_row ("submitted", "", "2030-04-01 10:01"));
  g_assert_false (jhk_work_request_is_overdue_row ("submitted", NULL, NULL));
  g_assert_true (jhk_work_request_is_overdue_row ("submitted", "2000-01-01 00:00", NULL));
}

/* RF2: the lead time of the receiving side: three days under five
 * completed requests, then their median. */
static void
test_lead_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autofree char *warning = NULL;
  g_autofree char *in_two_days = local_at (f, 2 * 24 * 60);
  g_autofree char *in_four_days = local_at (f, 4 * 24 * 60);
  g_autofree char *in_six_days = local_at (f, 6 * 24 * 60);
  gint64 start = jhk_now_us ();

  replace (&r->wanted_at, in_two_days);
  warning = jhk_work_requests_lead_time_warning (f->db, r);
  g_assert_nonnull (warning);
  g_test_message ("%s", warning);
  g_assert_nonnull (strstr (warning, in_two_days));
  g_clear_pointer (&warning, g_free);
  replace (&r->wanted_at, in_four_days);
  g_assert_null (jhk_work_requests_lead_time_warning (f->db, r));
  /* A time passed is refused, not warned about. */
  {
    g_autofree char *past = local_at (f, -1);

    replace (&r->wanted_at, past);
    g_assert_null (jhk_work_requests_lead_time_warning (f->db, r));
    replace (&r->wanted_at, in_four_days);
  }

  /* Five requests completed in five days each. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(JhkWorkRequest) done = new_request (f, "business");
      gint64 id = save_ok (f, f->kanri, done);

      OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, id, ok_error));
      advance (f, 5 * 24 * 60);
      process_through (f, f->gyomu, id);
      jhk_set_clock_override (start);
    }
  warning = jhk_work_requests_lead_time_warning (f->db, r);
  g_assert_nonnull (warning);
  g_test_message ("%s", warning);
  g_clear_pointer (&warning, g_free);
  replace (&r->wanted_at, in_six_days);
  g_assert_null (jhk_work_requests_lead_time_warning (f->db, r));
  /* Another receiving side keeps its own: the システム管理者 has none. */
  replace (&r->recipient, "sysadmin");
  replace (&r->wanted_at, in_four_days);
  g_assert_null (jhk_work_requests_lead_time_warning (f->db, r));
}

/* RF2: the lists of each side. */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) a = new_request (f, "sysadmin");
  g_autoptr(JhkWorkRequest) b = new_request (f, "business");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ida = save_ok (f, f->kanri, a), idb = save_ok (f, f->kanri, b);

  list = jhk_work_requests_list (f->db, f->kanri, JHK_WORK_REQUESTS_OFFICE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 2);
  g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, 0))->id, ==, idb);
  g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, 1))->id, ==, ida);
  g_assert_cmpstr (((JhkWorkRequest *) g_ptr_array_index (list, 0))->business_name, ==,
                   "指紋照合業務");
  g_assert_cmpstr (((JhkWorkRequest *) g_ptr_array_index (list, 0))->office_name, ==,
                   "中央警察署");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = jhk_work_requests_list (f->db, f->higashi, JHK_WORK_REQUESTS_VISIBLE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, i))->office_id, !=,
                     f->office);
  g_clear_pointer (&list, g_ptr_array_unref);

  OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, ida, ok_error));
  list = jhk_work_requests_list (f->db, f->gyomu, JHK_WORK_REQUESTS_TO_CONSENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 1);
  g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, 0))->id, ==, ida);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = jhk_work_requests_list (f->db, f->denshi, JHK_WORK_REQUESTS_TO_CONSENT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, i))->id, !=, ida);
  g_clear_pointer (&list, g_ptr_array_unref);
  OK (f, "work_request.consent",
      jhk_work_requests_consent (f->db, f->gyomu, ida, NULL, NULL, NULL, ok_error));
  list = jhk_work_requests_list (f->db, f->admin, JHK_WORK_REQUESTS_TO_PROCESS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 1);
  g_assert_cmpint (((JhkWorkRequest *) g_ptr_array_index (list, 0))->id, ==, ida);
  g_assert_cmpstr (jhk_work_request_status_label ("consent_pending"), !=, "consent_pending");
  g_assert_cmpstr (jhk_work_request_item_kind_label ("output"), !=, "output");
  g_assert_cmpstr (jhk_work_request_recipient_label ("sysadmin"), !=, "sysadmin");
  g_assert_cmpuint (g_strv_length ((char **) jhk_work_request_statuses ()), ==, 7);
  g_assert_cmpuint (g_strv_length ((char **) jhk_work_request_item_kinds ()), ==, 3);
  /* An action it does not know is refused, never allowed. */
  g_assert_nonnull (jhk_work_requests_refusal (f->db, f->kanri, a, (JhkWorkRequestAction) 99));
}

/* The model's row and the list's request say the same. */
static void
assert_row_is (JhkRow               *row,
               const JhkWorkRequest *r,
               const char           *now)
{
  const char *business = jhk_row_get_by_name (row, "business");

  g_assert_cmpint (jhk_row_get_id (row), ==, r->id);
  g_assert_cmpint (g_ascii_strtoll (jhk_row_get_by_name (row, "office_id"), NULL, 10), ==,
                   r->office_id);
  g_assert_cmpstr (jhk_row_get_by_name (row, "office"), ==, r->office_name);
  g_assert_cmpstr (jhk_row_get_by_name (row, "status"), ==, r->status);
  g_assert_cmpstr (jhk_row_get_by_name (row, "recipient"), ==, r->recipient);
  g_assert_cmpstr (business != NULL ? business : "", ==, r->business_name);
  g_assert_cmpstr (jhk_row_get_by_name (row, "summary"), ==, r->summary);
  g_assert_cmpstr (jhk_row_get_by_name (row, "wanted_at"), ==, r->wanted_at);
  g_assert_cmpint (g_ascii_strtoll (jhk_row_get_by_name (row, "created_at"), NULL, 10), ==,
                   r->created_at);
  g_assert_cmpint (jhk_work_request_is_overdue_row (jhk_row_get_by_name (row, "status"),
                                                    jhk_row_get_by_name (row, "wanted_at"),
                                                    now),
                   ==, jhk_work_request_is_overdue (r, now));
}

/* Every scope's model holds the rows of its list, in its order. */
static guint
assert_models_are_lists (JhkDb      *db,
                         JhkSession *actor,
                         const char *now)
{
  static const JhkWorkRequestsScope scopes[] = {
    JHK_WORK_REQUESTS_VISIBLE, JHK_WORK_REQUESTS_OFFICE, JHK_WORK_REQUESTS_TO_CONSENT,
    JHK_WORK_REQUESTS_TO_PROCESS,
  };
  guint n_rows = 0;

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = jhk_work_requests_list (db, actor, scopes[s], &error);
      g_autoptr(JhkQueryModel) model = jhk_work_requests_list_model (db, actor, scopes[s]);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, list->len);
      for (guint i = 0; i < list->len; i++)
        {
          g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

          assert_row_is (row, g_ptr_array_index (list, i), now);
        }
      g_test_message ("%s, scope %u: %u rows", jhk_session_get_login (actor), s, list->len);
      n_rows += list->len;
    }
  return n_rows;
}

/* The ids of a model, in order. */
static GArray *
model_ids (JhkQueryModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = jhk_row_get_id (row);

      g_array_append_val (ids, id);
    }
  return ids;
}

static int
flow_rank (const char *status)
{
  static const char *const flow[] = { "draft", "consent_pending", "submitted", "in_progress",
                                      "returned", "completed", "withdrawn" };

  for (int i = 0; i < (int) G_N_ELEMENTS (flow); i++)
    if (g_strcmp0 (status, flow[i]) == 0)
      return i;
  return 6;
}

static void
assert_sorts (JhkDb      *db,
              JhkSession *actor,
              guint       at_least)
{
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(GArray) before = NULL;

  model = jhk_work_requests_list_model (db, actor, JHK_WORK_REQUESTS_VISIBLE);
  before = model_ids (model);
  g_assert_cmpuint (before->len, >=, at_least);
  for (guint i = 1; i < before->len; i++)
    g_assert_cmpint (g_array_index (before, gint64, i - 1), >, g_array_index (before, gint64, i));
  for (int sort = JHK_WORK_REQUESTS_SORT_NUMBER; sort <= JHK_WORK_REQUESTS_SORT_STATUS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        guint n;

        jhk_work_requests_list_model_sort (model, sort, descending);
        n = g_list_model_get_n_items (G_LIST_MODEL (model));
        g_assert_cmpuint (n, ==, before->len);
        for (guint i = 1; i < n; i++)
          {
            g_autoptr(JhkRow) a = g_list_model_get_item (G_LIST_MODEL (model), i - 1);
            g_autoptr(JhkRow) b = g_list_model_get_item (G_LIST_MODEL (model), i);
            int cmp = 0;

            if (sort == JHK_WORK_REQUESTS_SORT_WANTED_AT)
              cmp = strcmp (jhk_row_get_by_name (a, "wanted_at"),
                            jhk_row_get_by_name (b, "wanted_at"));
            else if (sort == JHK_WORK_REQUESTS_SORT_STATUS)
              cmp = flow_rank (jhk_row_get_by_name (a, "status")) -
                    flow_rank (jhk_row_get_by_name (b, "status"));
            if (cmp == 0)
              cmp = jhk_row_get_id (a) < jhk_row_get_id (b) ? -1 : 1;
            g_assert_cmpint (descending ? -cmp : cmp, <, 0);
          }
      }
  /* Back to newest first: the rows as they were. */
  jhk_work_requests_list_model_sort (model, JHK_WORK_REQUESTS_SORT_NUMBER, TRUE);
  {
    g_autoptr(GArray) after = model_ids (model);

    g_assert_cmpmem (after->data, after->len * sizeof (gint64),
                     before->data, before->len * sizeof (gint64));
  }
}

/* RF2, R15-4: the lazy lists of the 作業依頼 page hold exactly the rows
 * of jhk_work_requests_list() for every scope and role, and sort by 番号,
 * 完成希望日時 and 状態 in SQL. */
static void
test_list_models (Fixture       *f,
                  gconstpointer  data)
{
  JhkSession *actors[] = { f->kanri, f->unyo, f->hojo, f->admin, f->gyomu, f->denshi,
                           f->higashi };
  g_autofree char *now = local_at (f, 0);
  gint64 ids[6];
  guint n_rows = 0;

  /* Requests in several states to both recipients, one overdue. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(JhkWorkRequest) r = new_request (f, i % 2 == 0 ? "sysadmin" : "business");
      g_autofree char *wanted = local_at (f, 30 + (gint64) i * 60);

      replace (&r->wanted_at, wanted);
      ids[i] = save_ok (f, f->kanri, r);
      if (i >= 2)
        OK (f, "work_request.submit", jhk_work_requests_submit (f->db, f->kanri, ids[i],
                                                                ok_error));
    }
  OK (f, "work_request.consent",
      jhk_work_requests_consent (f->db, f->gyomu, ids[4], NULL, NULL, NULL, ok_error));
  advance (f, 45);
  g_free (now);
  now = local_at (f, 0);

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    n_rows += assert_models_are_lists (f->db, actors[i], now);
  g_assert_cmpuint (n_rows, >, 0);

  /* The sorts, of every request (read from the indexes of 0015) and of
   * an office's (sorted after its condition): the same rows, in the order
   * asked, the id breaking ties. */
  for (guint a = 0; a < 2; a++)
    assert_sorts (f->db, a == 0 ? f->admin : f->kanri, G_N_ELEMENTS (ids));
}

/* RF2 (R8-1, R9-1): a request is addressed to an approved business with a
 * manager today: the wizard's choices and submit's refusal are one rule. */
static void
test_addressable_businesses (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JhkWorkRequest) r = new_request (f, "business");
  g_autoptr(JhkQueryModel) model = NULL;
  gint64 unapproved = jhk_org_find_business (f->db, "B104");
  gint64 lead = jhk_org_find_business (f->db, "L301");
  gboolean found = FALSE;
  gint64 id;

  model = jhk_work_requests_addressable_businesses (f->db);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_null (jhk_work_requests_business_refusal (f->db, jhk_row_get_id (row)));
      g_assert_cmpint (jhk_row_get_id (row), !=, unapproved);
      g_assert_cmpint (jhk_row_get_id (row), !=, lead);
      found = found || jhk_row_get_id (row) == f->business;
    }
  g_assert_true (found);
  g_assert_nonnull (jhk_work_requests_business_refusal (f->db, unapproved));
  g_assert_nonnull (jhk_work_requests_business_refusal (f->db, lead));
  g_assert_nonnull (jhk_work_requests_business_refusal (f->db, 0));

  /* B101's manager leaves: no longer offered, and submit refuses it with
   * the same reason, unchanged. */
  id = save_ok (f, f->kanri, r);
  g_assert_true (jhk_db_run (f->db, NULL,
                             "UPDATE role_assignments SET valid_to = '2000-01-01'"
                             " WHERE business_id = ?", JHK_I (f->business), JHK_DB_END));
  g_clear_object (&model);
  model = jhk_work_requests_addressable_businesses (f->db);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (jhk_row_get_id (row), !=, f->business);
    }
  g_assert_nonnull (jhk_work_requests_business_refusal (f->db, f->business));
  JHK_TEST_ASSERT_REFUSED_WITH (f->db, jhk_work_requests_submit (f->db, f->kanri, id, refusal),
                                g_assert_cmpstr (error_->message, ==,
                                                 jhk_work_requests_business_refusal (
                                                   f->db, f->business)));
}

/* R15-4, R15-1 on PostgreSQL: each side works through its own server role
 * (0013-work-requests.pg.sql); another office sees nothing, and nobody
 * consents around Jhk. */
static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL, gyomu_db = NULL, admin_db = NULL, higashi_db = NULL;
  g_autoptr(JhkSession) kanri = NULL, gyomu = NULL, admin = NULL, higashi = NULL;
  g_autoptr(JhkWorkRequest) r = NULL;
  g_autoptr(JhkWorkRequest) done = NULL;
  g_autoptr(JhkWorkRequest) seen = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *at = NULL;
  gint64 id, biz_id, material;
  JhkWorkRequestStep step;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  chuo = jhk_test_pg_open_as (dbname, "chuo-kanri");
  kanri = jhk_test_login (chuo, "chuo-kanri");
  gyomu_db = jhk_test_pg_open_as (dbname, "gyomu");
  gyomu = jhk_test_login (gyomu_db, "gyomu");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  higashi_db = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi = jhk_test_login (higashi_db, "higashi-unyo");

  wanted = jhk_format_time (jhk_now_us () + 7 * G_TIME_SPAN_DAY);
  at = jhk_format_time (jhk_now_us () + G_TIME_SPAN_MINUTE);

  for (int pass = 0; pass < 2; pass++)
    {
      const char *recipient = pass == 0 ? "sysadmin" : "business";
      JhkDb *receiver_db = pass == 0 ? admin_db : gyomu_db;
      JhkSession *receiver = pass == 0 ? admin : gyomu;
      g_autofree char *to = NULL;

      g_clear_pointer (&r, jhk_work_request_free);
      r = jhk_work_requests_new_draft (chuo, kanri, &error);
      g_assert_no_error (error);
      g_assert_cmpint (r->storage_place_id, >, 0);
      g_free (r->recipient);
      r->recipient = g_strdup (recipient);
      r->business_id = jhk_org_find_business (chuo, "B101");
      to = jhk_work_requests_recipient_title (chuo, recipient, r->business_id);
      g_assert_nonnull (to);
      g_free (r->to_title);
      r->to_title = g_steal_pointer (&to);
      g_free (r->summary);
      r->summary = g_strdup ("指紋照合結果の出力");
      g_free (r->purpose);
      r->purpose = g_strdup ("被疑者の特定");
      g_free (r->wanted_at);
      r->wanted_at = g_strdup (wanted);
      add_item (r, "input", "指紋照会依頼書", FALSE);
      add_item (r, "output", "指紋照合結果一覧表", TRUE);
      id = jhk_work_requests_save_draft (chuo, kanri, r, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      /* A draft is the office's own. */
      g_assert_null (jhk_work_requests_get (gyomu_db, gyomu, id, &error));
      g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_true (jhk_work_requests_submit (chuo, kanri, id, &error));
      g_assert_no_error (error);
      if (pass == 0)
        {
          g_assert_true (jhk_work_requests_consent (gyomu_db, gyomu, id, NULL, NULL, NULL,
                                                    &error));
          g_assert_no_error (error);
        }
      /* The receiving side goes through to the end, registering the
       * output in 中央警察署's ledger. */
      g_free (at);
      at = jhk_format_time (jhk_now_us ());
      step = step_at (at);
      g_assert_true (jhk_work_requests_receive (receiver_db, receiver, id, &step, &error));
      g_assert_no_error (error);
      g_assert_true (jhk_work_requests_process (receiver_db, receiver, id, &step, &error));
      g_assert_no_error (error);
      g_assert_true (jhk_work_requests_return_input (receiver_db, receiver, id, &step, &error));
      g_assert_no_error (error);
      g_assert_true (jhk_work_requests_deliver_output (receiver_db, receiver, id, &step,
                                                       &error));
      g_assert_no_error (error);
      g_assert_true (jhk_work_requests_complete (receiver_db, receiver, id, &error));
      g_assert_no_error (error);

      g_clear_pointer (&done, jhk_work_request_free);
      done = jhk_work_requests_get (chuo, kanri, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (done->status, ==, "completed");
      material = ((JhkWorkRequestItem *) g_ptr_array_index (done->items, 1))->material_id;
      g_assert_cmpint (material, >, 0);
      g_assert_cmpint (jhk_test_query_int (chuo, "SELECT work_request_id FROM materials"
                                           " WHERE id = ?", JHK_I (material), JHK_DB_END),
                       ==, id);
      g_clear_pointer (&seen, jhk_work_request_free);
      seen = jhk_work_requests_get (receiver_db, receiver, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (seen->creator_name, ==, "山田 太郎");
    }
  biz_id = id;

  /* Another office sees no request, and changes none around Jhk. */
  g_assert_cmpint (jhk_test_count_rows (higashi_db, "work_requests"), ==, 0);
  g_assert_cmpint (jhk_test_count_rows (higashi_db, "work_request_items"), ==, 0);
  g_assert_false (jhk_db_run (higashi_db, NULL,
                              "UPDATE work_requests SET status = 'withdrawn'", JHK_DB_END) &&
                  jhk_db_changes (higashi_db) > 0);
  /* The requester cannot consent or complete around Jhk. */
  g_clear_pointer (&r, jhk_work_request_free);
  r = jhk_work_requests_new_draft (chuo, kanri, &error);
  g_assert_no_error (error);
  id = jhk_work_requests_save_draft (chuo, kanri, r, &error);
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (chuo, NULL,
                              "UPDATE work_requests SET status = 'completed' WHERE id = ?",
                              JHK_I (biz_id), JHK_DB_END) && jhk_db_changes (chuo) > 0);
  g_assert_false (jhk_db_run (chuo, NULL,
                              "INSERT INTO work_requests (org_unit_id, status, created_by,"
                              " created_login, created_at, updated_at)"
                              " VALUES (?, 'draft', ?, 'x', 0, 0)",
                              JHK_I (jhk_org_find_unit (chuo, "920")),
                              JHK_I (jhk_session_get_staff_id (kanri)), JHK_DB_END));
  g_assert_cmpint (jhk_test_count_rows (admin_db, "work_requests"), >=, 3);

  /* R15-4: the office cannot give the consent itself, even naming the
   * business's manager. */
  g_clear_pointer (&r, jhk_work_request_free);
  r = jhk_work_requests_new_draft (chuo, kanri, &error);
  g_assert_no_error (error);
  g_free (r->recipient);
  r->recipient = g_strdup ("sysadmin");
  r->business_id = jhk_org_find_business (chuo, "B101");
  g_free (r->to_title);
  r->to_title = g_strdup ("情報管理課長");
  g_free (r->summary);
  r->summary = g_strdup ("照合履歴データの修正");
  g_free (r->purpose);
  r->purpose = g_strdup ("誤登録の訂正");
  g_free (r->wanted_at);
  r->wanted_at = g_strdup (wanted);
  add_item (r, "correction", "照合履歴修正票", FALSE);
  id = jhk_work_requests_save_draft (chuo, kanri, r, &error);
  g_assert_no_error (error);
  g_assert_true (jhk_work_requests_submit (chuo, kanri, id, &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (chuo, NULL,
                              "UPDATE work_requests SET status = 'submitted', consent_by = ?,"
                              " consent_at = 1 WHERE id = ?",
                              JHK_I (jhk_session_get_staff_id (gyomu)), JHK_I (id), JHK_DB_END)
                  && jhk_db_changes (chuo) > 0);
  g_clear_pointer (&seen, jhk_work_request_free);
  seen = jhk_work_requests_get (chuo, kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->status, ==, "consent_pending");
  /* What the office wrote is fixed past the draft, for the manager too. */
  g_assert_false (jhk_db_run (chuo, NULL, "UPDATE work_requests SET summary = '改変' WHERE id = ?",
                              JHK_I (id), JHK_DB_END) && jhk_db_changes (chuo) > 0);
  g_assert_false (jhk_db_run (gyomu_db, NULL,
                              "UPDATE work_requests SET wanted_at = '2099-01-01 00:00'"
                              " WHERE id = ?", JHK_I (id), JHK_DB_END) &&
                  jhk_db_changes (gyomu_db) > 0);
  g_clear_pointer (&seen, jhk_work_request_free);
  seen = jhk_work_requests_get (chuo, kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->summary, ==, "照合履歴データの修正");
  g_assert_cmpstr (seen->wanted_at, ==, wanted);
  /* Withdrawing it stays the office's. */
  g_assert_true (jhk_work_requests_withdraw (chuo, kanri, id, &error));
  g_assert_no_error (error);

  /* RF2: through each side's own server role, the page's lazy lists hold
   * the rows of the lists, and the office is offered B101 (its manager's
   * assignment lies outside the office's rows). */
  assert_models_are_lists (chuo, kanri, NULL);
  assert_models_are_lists (gyomu_db, gyomu, NULL);
  assert_models_are_lists (admin_db, admin, NULL);
  g_assert_cmpuint (assert_models_are_lists (higashi_db, higashi, NULL), ==, 0);
  g_assert_null (jhk_work_requests_business_refusal (chuo, jhk_org_find_business (chuo, "B101")));
  {
    g_autoptr(JhkQueryModel) offered = jhk_work_requests_addressable_businesses (chuo);

    g_assert_cmpuint (jhk_query_model_find (offered, jhk_org_find_business (chuo, "B101")), !=,
                      G_MAXUINT);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/work-requests/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("R15-4/sysadmin-path", test_sysadmin_path);
  ADD ("R15-4/business-path", test_business_path);
  ADD ("R15-4/sysadmin-needs-consent", test_sysadmin_needs_consent);
  ADD ("R15-4/business-needs-no-consent", test_business_no_consent);
  ADD ("R15-4/send-back-revise-withdraw", test_send_back_revise_withdraw);
  ADD ("R15-4/role-ended-since-login", test_role_ended);
  ADD ("R15-4/requester-roles", test_requester_roles);
  ADD ("R17-1/output-becomes-material", test_output_becomes_material);
  ADD ("RF2/check-steps", test_check_steps);
  ADD ("RF2/submit-refusals", test_submit_refusals);
  ADD ("RF2/step-refusals", test_step_refusals);
  ADD ("RF2/overdue", test_overdue);
  ADD ("RF2/lead-time", test_lead_time);
  ADD ("RF2/lists", test_lists);
  ADD ("RF2/list-models", test_list_models);
  ADD ("RF2/addressable-businesses", test_addressable_businesses);
  g_test_add_func ("/work-requests/R15-4/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
