/* test-attention-incidents.c: issue 7, the dashboard's 事故対処 items
 * (第19, R19-2..5), jhk_attention_incidents().
 *
 * The demo's incidents (jhk-demo-incidents.c): four open at 中央警察署 (a
 * terminal failure with step 4 waiting for its confirmation, a server
 * failure whose recovery the システム管理者 investigates, a serious loss
 * reported and acknowledged by the 総括責任者 only, a serious misdelivery
 * whose report is a draft past its due time), two closed, one open at
 * 東警察署 asking the システム管理者 for recovery. Each test reads the demo's counts first and checks what its
 * own writes add or take away, so that other demo data does not matter.
 */
#include <string.h>

#include "jhk-attention.h"
#include "jhk-incidents.h"
#include "jhk-org.h"
#include "jhk-playbooks.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;     /* システム管理者 */
  JhkSession *soukatsu;  /* 総括責任者 */
  JhkSession *bucho;     /* 主管部長 (刑事部長) */
  JhkSession *gyomu;     /* 対象業務管理者, 指紋照合業務 B101 */
  JhkSession *unyo;      /* 運用管理者, 中央警察署 */
  JhkSession *sekinin;   /* 情報管理責任者, 中央警察署 */
  JhkSession *shokuin;   /* staff, 中央警察署 */
  JhkSession *higashi;   /* 運用管理者, 東警察署 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->soukatsu, "soukatsu",
                       &f->bucho, "keiji-bucho", &f->gyomu, "gyomu", &f->unyo, "chuo-unyo",
                       &f->sekinin, "chuo-sekinin", &f->shokuin, "chuo-shokuin",
                       &f->higashi, "higashi-unyo", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_set_clock_override (0);
  jhk_test_clear_sessions (&f->admin, &f->soukatsu, &f->bucho, &f->gyomu, &f->unyo,
                           &f->sekinin, &f->shokuin, &f->higashi, NULL);
  g_clear_object (&f->db);
}

/* The count of the item key for the session, 0 when it is not listed. */
static guint
item_count (Fixture    *f,
            JhkSession *session,
            const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_incidents (f->db, session);

  g_assert_nonnull (items);
  jhk_test_assert_attention_items (items, "incidents");
  return jhk_test_attention_count (items, key);
}

/* The subtitle of the item key for the session, NULL when not listed. */
static char *
item_subtitle (Fixture    *f,
               JhkSession *session,
               const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_incidents (f->db, session);
  const JhkAttentionItem *item = jhk_test_attention_item (items, key);

  return item != NULL ? g_strdup (item->subtitle) : NULL;
}

/* Opens an incident of 中央警察署 with the playbook of code, discovered
 * an hour ago, as actor; leak makes it serious where the playbook says so. */
static gint64
open_incident (Fixture    *f,
               JhkSession *actor,
               const char *code,
               gboolean    leak)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (f->db, code, &error);
  const gint64 businesses[] = { jhk_org_find_business (f->db, "B101") };
  JhkIncidentFacts facts = {
    .title = "試験用の事故",
    .description = "ダッシュボードの試験",
    .occurred_at = jhk_now_us () - 2 * G_TIME_SPAN_HOUR,
    .discovered_at = jhk_now_us () - G_TIME_SPAN_HOUR,
    .business_ids = businesses,
    .n_business_ids = 1,
    .leak = leak,
  };
  gint64 id;

  g_assert_no_error (error);
  id = jhk_incidents_open (f->db, actor, jhk_org_find_unit (f->db, "910"), playbook->id, &facts,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}


/* The steps of the incident in state. */
static guint
steps_in (Fixture    *f,
          gint64      incident_id,
          const char *state,
          const char *role)
{
  return (guint) jhk_test_query_int (f->db, "SELECT COUNT(*) FROM incident_steps"
                                     " WHERE incident_id = ? AND state = ?"
                                     " AND (? = '' OR role = ?)",
                                     JHK_I (incident_id), JHK_T (state), JHK_T (role),
                                     JHK_T (role), JHK_DB_END);
}

/* R19-2: the demo's dashboards, per account: what waits in the demo. */
static void
test_demo_accounts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *overdue = NULL;
  gint64 open_chuo = jhk_test_query_int (f->db, "SELECT COUNT(*) FROM incidents i"
                                         " JOIN org_units o ON o.id = i.org_unit_id"
                                         " WHERE o.code = '910' AND i.status = 'open'",
                                         JHK_DB_END);

  /* The 運用管理者 runs the office's open incidents and may do their
   * pending steps. */
  g_assert_cmpint (open_chuo, >=, 4);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.open"), ==, open_chuo);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.steps"), >, 0);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.report"), ==, 0);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.acknowledge"), ==, 0);
  g_assert_cmpuint (item_count (f, f->higashi, "incidents.open"), ==, 1);

  /* The システム管理者: a recovery under investigation, a draft report
   * past its due time, the terminal's step 4 to confirm. */
  g_assert_cmpuint (item_count (f, f->admin, "incidents.recovery"), ==,
                    jhk_test_query_int (f->db, "SELECT COUNT(*) FROM incidents"
                                        " WHERE recovery_to = 'sysadmin'"
                                        " AND recovery_state IN ('requested', 'investigating')",
                                        JHK_DB_END));
  g_assert_cmpuint (item_count (f, f->admin, "incidents.recovery"), >=, 2);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.report"), ==, 1);
  overdue = item_subtitle (f, f->admin, "incidents.report");
  g_assert_nonnull (strstr (overdue, "1 is overdue"));
  g_assert_cmpuint (item_count (f, f->admin, "incidents.steps"), >=, 1);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.open"), ==, 0);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.acknowledge"), ==, 0);

  /* The 総括責任者 acknowledged the reported one; the 主管部長 has not. */
  g_assert_cmpuint (item_count (f, f->soukatsu, "incidents.acknowledge"), ==, 0);
  g_assert_cmpuint (item_count (f, f->bucho, "incidents.acknowledge"), ==, 1);
  g_assert_cmpuint (item_count (f, f->bucho, "incidents.report"), ==, 0);

  /* A business manager runs no office and was asked for nothing. */
  g_assert_cmpuint (item_count (f, f->gyomu, "incidents.open"), ==, 0);
  g_assert_cmpuint (item_count (f, f->gyomu, "incidents.recovery"), ==, 0);
  g_assert_cmpuint (item_count (f, f->gyomu, "incidents.report"), ==, 0);

  /* An officer runs no incident and reports to no one. */
  g_assert_cmpuint (item_count (f, f->shokuin, "incidents.open"), ==, 0);
  g_assert_cmpuint (item_count (f, f->shokuin, "incidents.recovery"), ==, 0);
  g_assert_cmpuint (item_count (f, f->shokuin, "incidents.acknowledge"), ==, 0);
}

/* R19-2: a new incident's open steps count for the 運用管理者 (who answers
 * for all of them) and for the holders of their role; a step that needs
 * confirmation waits for a second person, not for who did it. */
static void
test_steps_waiting (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint unyo = item_count (f, f->unyo, "incidents.steps");
  guint admin = item_count (f, f->admin, "incidents.steps");
  guint sekinin = item_count (f, f->sekinin, "incidents.steps");
  guint shokuin = item_count (f, f->shokuin, "incidents.steps");
  guint open = item_count (f, f->unyo, "incidents.open");
  gint64 id = open_incident (f, f->shokuin, "terminal-failure", FALSE);
  guint pending = steps_in (f, id, "pending", "");
  guint staff_steps = steps_in (f, id, "pending", "staff");
  gint64 step4;

  g_assert_cmpuint (pending, >, 4);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.open"), ==, open + 1);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.steps"), ==, unyo + pending);
  g_assert_cmpuint (item_count (f, f->shokuin, "incidents.steps"), ==, shokuin + staff_steps);
  /* The managers do no office's steps. */
  g_assert_cmpuint (item_count (f, f->admin, "incidents.steps"), ==, admin);

  /* Step 4 (資料の回収, confirmed by a second person), done by the
   * 運用管理者: it leaves their count and waits for a confirmer's. */
  step4 = jhk_test_incident_step (f->db, f->admin, id, 4);
  g_assert_true (jhk_incidents_step_done (f->db, f->unyo, step4, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.steps"), ==, unyo + pending - 1);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.steps"), ==, admin + 1);
  g_assert_cmpuint (item_count (f, f->sekinin, "incidents.steps"), >=, sekinin + 1);

  /* Confirmed: it waits for no one. */
  g_assert_true (jhk_incidents_step_confirm (f->db, f->admin, step4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.steps"), ==, admin);
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.steps"), ==, unyo + pending - 1);
}

/* The steps of every incident the session sees that
 * jhk_incidents_step_refusal() lets it do or confirm now. */
static guint
steps_by_refusal (Fixture    *f,
                  JhkSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = jhk_incidents_list (f->db, session, JHK_INCIDENTS_VISIBLE,
                                                       &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < incidents->len; i++)
    {
      const JhkIncident *incident = g_ptr_array_index (incidents, i);

      for (guint s = 0; incident->steps != NULL && s < incident->steps->len; s++)
        {
          const JhkIncidentStep *step = g_ptr_array_index (incident->steps, s);

          if (jhk_incidents_step_refusal (f->db, session, incident, step,
                                          JHK_INCIDENT_STEP_ACTION_DONE) == NULL)
            n++;
          if (jhk_incidents_step_refusal (f->db, session, incident, step,
                                          JHK_INCIDENT_STEP_ACTION_CONFIRM) == NULL)
            n++;
        }
    }
  return n;
}

/* R19-2: the dashboard counts the steps in SQL by the same rule as the
 * services' refusal: per demo account, its count equals asking
 * jhk_incidents_step_refusal() of every step of every incident it sees,
 * with a new incident's steps pending and one done waiting for its
 * confirmation besides the demo's. */
static void
test_steps_as_refusal (Fixture       *f,
                       gconstpointer  data)
{
  const char *logins[] = { "chuo-unyo", "chuo-shokuin", "chuo-kanbu", "admin", "gyomu",
                           "soukatsu", "keiji-bucho", "chuo-sekinin", "higashi-unyo" };
  g_autoptr(GError) error = NULL;
  gint64 id = open_incident (f, f->shokuin, "terminal-failure", FALSE);

  g_assert_true (jhk_incidents_step_done (f->db, f->unyo,
                                          jhk_test_incident_step (f->db, f->admin, id, 4),
                                          NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(JhkSession) session = jhk_test_login (f->db, logins[i]);
      guint by_refusal = steps_by_refusal (f, session);
      guint counted = item_count (f, session, "incidents.steps");

      g_test_message ("%s: %u steps wait (refusal %u)", logins[i], counted, by_refusal);
      g_assert_cmpuint (counted, ==, by_refusal);
    }
}

/* R19-3, R19-4: a recovery request counts for whom it asks, while it is
 * requested or investigated, and goes when it is finished. */
static void
test_recovery (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint admin = item_count (f, f->admin, "incidents.recovery");
  guint gyomu = item_count (f, f->gyomu, "incidents.recovery");
  gint64 to_admin = open_incident (f, f->unyo, "server-failure", FALSE);
  gint64 to_gyomu = open_incident (f, f->unyo, "server-failure", FALSE);

  g_assert_true (jhk_incidents_request_recovery (f->db, f->unyo, to_admin, "sysadmin", 0,
                                                 "復旧を依頼する", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.recovery"), ==, admin + 1);
  g_assert_cmpuint (item_count (f, f->gyomu, "incidents.recovery"), ==, gyomu);

  g_assert_true (jhk_incidents_request_recovery (f->db, f->unyo, to_gyomu, "business",
                                                 jhk_org_find_business (f->db, "B101"),
                                                 "業務側の確認を依頼する", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->gyomu, "incidents.recovery"), ==, gyomu + 1);
  /* The office asks; it is not asked. */
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.recovery"), ==, 0);

  g_assert_true (jhk_incidents_investigate (f->db, f->admin, to_admin, "調査中", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.recovery"), ==, admin + 1);
  g_assert_true (jhk_incidents_finish_recovery (f->db, f->admin, to_admin, "復旧した", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.recovery"), ==, admin);
}

/* R19-5: a serious incident's draft report waits for the システム管理者,
 * overdue ones said in the subtitle; reported, it waits for the 総括責任者
 * and the 主管部長, each until they acknowledge it. */
static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *subtitle = NULL;
  JhkIncidentReport *report;
  guint drafts = item_count (f, f->admin, "incidents.report");
  guint soukatsu = item_count (f, f->soukatsu, "incidents.acknowledge");
  guint bucho = item_count (f, f->bucho, "incidents.acknowledge");
  gint64 id = open_incident (f, f->unyo, "misdelivery", TRUE);

  /* Serious at once (leak), its report due in the playbook's hours: not
   * overdue yet. */
  g_assert_cmpuint (item_count (f, f->admin, "incidents.report"), ==, drafts + 1);
  subtitle = item_subtitle (f, f->admin, "incidents.report");
  g_assert_nonnull (strstr (subtitle, "1 is overdue"));
  g_assert_cmpuint (item_count (f, f->unyo, "incidents.report"), ==, 0);

  incident = jhk_incidents_get (f->db, f->admin, id, &error);
  g_assert_no_error (error);
  g_assert_true (incident->serious);
  report = jhk_incidents_draft_report (f->db, incident);
  g_free (report->cause);
  report->cause = g_strdup ("短縮ダイヤルの誤り");
  g_free (report->prevention);
  report->prevention = g_strdup ("送信前の読み合わせ");
  g_assert_true (jhk_incidents_save_report (f->db, f->admin, id, report, &error));
  g_assert_no_error (error);
  jhk_incident_report_free (report);
  g_assert_true (jhk_incidents_submit_report (f->db, f->admin, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->admin, "incidents.report"), ==, drafts);
  g_assert_cmpuint (item_count (f, f->soukatsu, "incidents.acknowledge"), ==, soukatsu + 1);
  g_assert_cmpuint (item_count (f, f->bucho, "incidents.acknowledge"), ==, bucho + 1);

  g_assert_true (jhk_incidents_acknowledge_report (f->db, f->bucho, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->bucho, "incidents.acknowledge"), ==, bucho);
  g_assert_cmpuint (item_count (f, f->soukatsu, "incidents.acknowledge"), ==, soukatsu + 1);
  g_assert_true (jhk_incidents_acknowledge_report (f->db, f->soukatsu, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item_count (f, f->soukatsu, "incidents.acknowledge"), ==, soukatsu);
}

/* R19-5: a draft report counts as overdue once its due time has passed. */
static void
test_report_overdue (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = open_incident (f, f->unyo, "misdelivery", TRUE);
  gint64 due = jhk_test_query_int (f->db, "SELECT report_due_at FROM incidents WHERE id = ?",
                                   JHK_I (id), JHK_DB_END);

  before = item_subtitle (f, f->admin, "incidents.report");
  g_assert_nonnull (strstr (before, "1 is overdue"));
  jhk_set_clock_override (due + G_TIME_SPAN_MINUTE);
  after = item_subtitle (f, f->admin, "incidents.report");
  g_test_message ("%s → %s", before, after);
  g_assert_nonnull (strstr (after, "2 are overdue"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/attention/R19-2/demo-accounts", test_demo_accounts);
  ADD ("/attention/R19-2/steps-waiting", test_steps_waiting);
  ADD ("/attention/R19-2/steps-as-refusal", test_steps_as_refusal);
  ADD ("/attention/R19-4/recovery", test_recovery);
  ADD ("/attention/R19-5/reports", test_reports);
  ADD ("/attention/R19-5/report-overdue", test_report_overdue);
#undef ADD

  return jhk_test_run ();
}
