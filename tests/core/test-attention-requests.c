/* test-attention-requests.c: issue 5, the dashboard's 作業依頼書 items
 * (R15-4).
 *
 * The demo's requests (jhk-demo.c): 中央警察署's request to the
 * システム管理者 for 指紋照合業務 waits for the consent of its
 * 対象業務管理者 (gyomu); another, consented, waits for the
 * システム管理者's 受付; 西警察署's request to 運転免許電子申請業務 waits for
 * the 受付 of its manager (denshi); one request addressed to each side is
 * in progress, 西警察署's to the システム管理者 past its 完成希望日時; one
 * request of each office was sent back. Each item counts what the service
 * lets the user act on, and goes when it is done.
 */
#include "jhk-attention.h"
#include "jhk-work-requests.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;     /* システム管理者 */
  JhkSession *gyomu;     /* 対象業務管理者, 指紋照合業務 B101 */
  JhkSession *denshi;    /* 電子化業務の主管業務管理者, E201 */
  JhkSession *kanri;     /* 情報管理者, 中央警察署 */
  JhkSession *unyo;      /* 運用管理者, 中央警察署 */
  JhkSession *nishi;     /* 運用管理者, 西警察署 */
  JhkSession *soukatsu;  /* 総括責任者 */
  JhkSession *hojo;      /* 情報管理補助者, 中央警察署 */
  JhkSession *shokuin;   /* アクセス権者, 中央警察署 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->gyomu, "gyomu", &f->denshi, "denshi",
                       &f->kanri, "chuo-kanri", &f->unyo, "chuo-unyo", &f->nishi, "nishi-unyo",
                       &f->soukatsu, "soukatsu", &f->hojo, "chuo-hojo",
                       &f->shokuin, "chuo-shokuin", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_set_clock_override (0);
  jhk_test_clear_sessions (&f->admin, &f->gyomu, &f->denshi, &f->kanri, &f->unyo, &f->nishi,
                           &f->soukatsu, &f->hojo, &f->shokuin, NULL);
  g_clear_object (&f->db);
}

/* The count of the item key for the session, 0 when it is not listed. */
static guint
item_count (Fixture    *f,
            JhkSession *session,
            const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_requests (f->db, session);

  jhk_test_assert_attention_items (items, "requests");
  return jhk_test_attention_count (items, key);
}

/* The requests of the scope in status that the actor may take the action
 * on now, as the service says: what the item must count. */
static guint
count_actionable (Fixture              *f,
                  JhkSession           *actor,
                  JhkWorkRequestsScope  scope,
                  const char           *status,
                  JhkWorkRequestAction  action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_work_requests_list (f->db, actor, scope, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      JhkWorkRequest *r = g_ptr_array_index (list, i);

      if (g_str_equal (r->status, status) &&
          jhk_work_requests_refusal (f->db, actor, r, action) == NULL)
        n++;
    }
  return n;
}

/* The open requests of the scope whose 完成希望日時 has passed. */
static guint
count_overdue (Fixture              *f,
               JhkSession           *actor,
               JhkWorkRequestsScope  scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_work_requests_list (f->db, actor, scope, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (jhk_work_request_is_overdue (g_ptr_array_index (list, i), NULL))
      n++;
  return n;
}

static gint64
request_id (Fixture    *f,
            const char *summary)
{
  return jhk_test_query_int (f->db, "SELECT id FROM work_requests WHERE summary = ?",
                             JHK_T (summary), JHK_DB_END);
}

static JhkWorkRequestStep *
now_step (void)
{
  static JhkWorkRequestStep step;
  static char at[32];
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d %H:%M");

  g_strlcpy (at, text, sizeof at);
  step = (JhkWorkRequestStep) { .at = at };
  return &step;
}

/* R15-4: a request to the システム管理者 waits for the consent of the
 * business's 対象業務管理者等, and only theirs; consented, it waits for the
 * システム管理者's 受付. */
static void
test_consent_waits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = request_id (f, "指紋照会データの一括入力");

  g_assert_cmpuint (item_count (f, f->gyomu, "requests.consent"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->gyomu, JHK_WORK_REQUESTS_TO_CONSENT,
                                      "consent_pending", JHK_WORK_REQUEST_CONSENT), ==, 1);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.consent"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.consent"), ==, 0);
  g_assert_cmpuint (item_count (f, f->kanri, "requests.consent"), ==, 0);
  g_assert_cmpuint (item_count (f, f->soukatsu, "requests.consent"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.receive"), ==, 1);

  g_assert_true (jhk_work_requests_consent (f->db, f->gyomu, id, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.consent"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.receive"), ==, 2);
  g_assert_cmpuint (count_actionable (f, f->admin, JHK_WORK_REQUESTS_TO_PROCESS, "submitted",
                                      JHK_WORK_REQUEST_RECEIVE), ==, 2);
}

/* R15-4: 受付 by the side the request is addressed to: the システム管理者,
 * or the business's manager directly. */
static void
test_receive_waits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = request_id (f, "照合端末の利用者データの修正");

  g_assert_cmpuint (item_count (f, f->admin, "requests.receive"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->admin, JHK_WORK_REQUESTS_TO_PROCESS, "submitted",
                                      JHK_WORK_REQUEST_RECEIVE), ==, 1);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.receive"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->denshi, JHK_WORK_REQUESTS_TO_PROCESS, "submitted",
                                      JHK_WORK_REQUEST_RECEIVE), ==, 1);
  /* gyomu consented to the request to the システム管理者: not theirs to
   * receive. */
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.receive"), ==, 0);
  g_assert_cmpuint (item_count (f, f->unyo, "requests.receive"), ==, 0);
  g_assert_cmpuint (item_count (f, f->nishi, "requests.receive"), ==, 0);

  g_assert_true (jhk_work_requests_receive (f->db, f->admin, id, now_step (), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "requests.receive"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.in_progress"), ==, 2);
}

/* R15-4: the receiving side's requests in progress, until complete. */
static void
test_in_progress (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = request_id (f, "運転免許電子申請の件数統計の出力");
  JhkWorkRequestStep *step;

  g_assert_cmpuint (item_count (f, f->admin, "requests.in_progress"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->admin, JHK_WORK_REQUESTS_TO_PROCESS, "in_progress",
                                      JHK_WORK_REQUEST_SET_PAPER), ==, 1);
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.in_progress"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->gyomu, JHK_WORK_REQUESTS_TO_PROCESS, "in_progress",
                                      JHK_WORK_REQUEST_SET_PAPER), ==, 1);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.in_progress"), ==, 0);
  g_assert_cmpuint (item_count (f, f->kanri, "requests.in_progress"), ==, 0);

  /* 処理, 出力資料交付 and completion. */
  step = now_step ();
  step->to_office = "西警察署";
  step->to_name = "清水 聡";
  g_assert_true (jhk_work_requests_process (f->db, f->admin, id, step, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_work_requests_deliver_output (f->db, f->admin, id, step, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_work_requests_complete (f->db, f->admin, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "requests.in_progress"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.overdue"), ==, 0);
}

/* R15-4: a request declined or sent back waits for its office to revise
 * or withdraw it. */
static void
test_returned (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = request_id (f, "照合履歴データの修正");

  g_assert_cmpuint (item_count (f, f->kanri, "requests.returned"), ==, 1);
  g_assert_cmpuint (item_count (f, f->unyo, "requests.returned"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->kanri, JHK_WORK_REQUESTS_OFFICE, "returned",
                                      JHK_WORK_REQUEST_REVISE), ==, 1);
  g_assert_cmpuint (item_count (f, f->nishi, "requests.returned"), ==, 1);
  g_assert_cmpuint (count_actionable (f, f->nishi, JHK_WORK_REQUESTS_OFFICE, "returned",
                                      JHK_WORK_REQUEST_REVISE), ==, 1);
  /* Neither the side that sent it back nor the office's other staff. */
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.returned"), ==, 0);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.returned"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "requests.returned"), ==, 0);
  g_assert_cmpuint (item_count (f, f->hojo, "requests.returned"), ==, 0);

  g_assert_true (jhk_work_requests_revise (f->db, f->kanri, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->kanri, "requests.returned"), ==, 0);
  g_assert_cmpuint (item_count (f, f->nishi, "requests.returned"), ==, 1);
}

/* The open requests past their 完成希望日時, for the office that filed them
 * and the side that has them, as jhk_work_request_is_overdue() says. */
static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpuint (item_count (f, f->admin, "requests.overdue"), ==, 1);
  g_assert_cmpuint (count_overdue (f, f->admin, JHK_WORK_REQUESTS_TO_PROCESS), ==, 1);
  g_assert_cmpuint (item_count (f, f->nishi, "requests.overdue"), ==, 1);
  g_assert_cmpuint (count_overdue (f, f->nishi, JHK_WORK_REQUESTS_OFFICE), ==, 1);
  g_assert_cmpuint (item_count (f, f->kanri, "requests.overdue"), ==, 0);
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.overdue"), ==, 0);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.overdue"), ==, 0);

  /* Two months on, every open request is late: 中央's three (waiting for
   * consent, for 受付, in progress), 西's two; gyomu's consent and the
   * request in progress addressed to them; the システム管理者's two. */
  jhk_set_clock_override (jhk_now_us () + 60 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (item_count (f, f->kanri, "requests.overdue"), ==, 3);
  g_assert_cmpuint (item_count (f, f->unyo, "requests.overdue"), ==, 3);
  g_assert_cmpuint (count_overdue (f, f->kanri, JHK_WORK_REQUESTS_OFFICE), ==, 3);
  g_assert_cmpuint (item_count (f, f->nishi, "requests.overdue"), ==, 2);
  g_assert_cmpuint (count_overdue (f, f->nishi, JHK_WORK_REQUESTS_OFFICE), ==, 2);
  g_assert_cmpuint (item_count (f, f->gyomu, "requests.overdue"), ==, 2);
  g_assert_cmpuint (count_overdue (f, f->gyomu, JHK_WORK_REQUESTS_TO_CONSENT) +
                    count_overdue (f, f->gyomu, JHK_WORK_REQUESTS_TO_PROCESS), ==, 2);
  g_assert_cmpuint (item_count (f, f->admin, "requests.overdue"), ==, 2);
  g_assert_cmpuint (count_overdue (f, f->admin, JHK_WORK_REQUESTS_TO_PROCESS), ==, 2);
  g_assert_cmpuint (item_count (f, f->denshi, "requests.overdue"), ==, 1);
  g_assert_cmpuint (item_count (f, f->soukatsu, "requests.overdue"), ==, 0);
}

/* Nothing waits for those who neither file, consent nor process; reading
 * the items writes nothing. */
static void
test_nothing_for_others (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  JhkSession *others[] = { f->soukatsu, f->hojo, f->shokuin };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GPtrArray) items = jhk_attention_requests (f->db, others[i]);

      g_assert_cmpuint (items->len, ==, 0);
    }
  {
    g_autoptr(GPtrArray) items = jhk_attention_requests (f->db, f->admin);

    g_assert_cmpuint (items->len, >, 0);
  }
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* The count of the item key for the demo login, read through the login's
 * own server role on db (row-level security of 0013). */
static guint
pg_item_count (const char *dbname,
               const char *login,
               const char *key)
{
  g_autoptr(JhkDb) db = jhk_test_pg_open_as (dbname, login);
  g_autoptr(JhkSession) session = jhk_test_login (db, login);
  g_autoptr(GPtrArray) items = jhk_attention_requests (db, session);

  return jhk_test_attention_count (items, key);
}

/* On a server each user counts through their own role, seeing only the
 * requests the policies of 0013 let them see: the counts are the same. */
static void
test_pg_server_roles (void)
{
  g_autoptr(JhkDb) owner = NULL;
  g_autofree char *dbname = NULL;
  static const struct
  {
    const char *login;
    const char *key;
    guint       count;
  } cases[] = {
    { "gyomu", "requests.consent", 1 },
    { "gyomu", "requests.in_progress", 1 },
    { "denshi", "requests.receive", 1 },
    { "admin", "requests.receive", 1 },
    { "admin", "requests.in_progress", 1 },
    { "admin", "requests.overdue", 1 },
    { "chuo-kanri", "requests.returned", 1 },
    { "chuo-unyo", "requests.returned", 1 },
    { "nishi-unyo", "requests.returned", 1 },
    { "nishi-unyo", "requests.overdue", 1 },
    { "higashi-unyo", "requests.returned", 0 },
    { "soukatsu", "requests.overdue", 0 },
  };

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s: %s", cases[i].login, cases[i].key);
      g_assert_cmpuint (pg_item_count (dbname, cases[i].login, cases[i].key), ==,
                        cases[i].count);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/attention/R15-4/consent-waits", test_consent_waits);
  ADD ("/attention/R15-4/receive-waits", test_receive_waits);
  ADD ("/attention/R15-4/in-progress", test_in_progress);
  ADD ("/attention/R15-4/returned", test_returned);
  ADD ("/attention/R15-4/overdue", test_overdue);
  ADD ("/attention/R15-4/nothing-for-others", test_nothing_for_others);
#undef ADD
  g_test_add_func ("/attention/R15-4/pg-server-roles", test_pg_server_roles);

  return jhk_test_run ();
}
