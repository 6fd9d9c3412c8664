/* test-incident-escalation.c: issue 7, the escalation of an incident
 * (第19-3..5): the recovery request of 中央警察署's 運用管理者 (R19-3), its
 * investigation and the staff sent by the システム管理者 or the manager of
 * 指紋照合業務 (B101) (R19-4), and serious incidents: the criteria of the
 * playbook, a manager's declaration, the report to the 総括責任者 and
 * 主管部長, its due time and acknowledgements (R19-5).
 *
 * Every write adds one audit entry and one timeline event; every refusal
 * leaves every table as it was. Runs on SQLite and, with `meson test
 * --setup postgresql`, on PostgreSQL; the last test goes through the
 * users' own server roles (0019-incidents.pg.sql).
 */
#include <string.h>

#include "jhk-incidents-private.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;       /* 運用管理者, 中央警察署 */
  JhkSession *kanbu;      /* 担当幹部 of 刑事課, staff of 中央警察署 */
  JhkSession *admin;      /* システム管理者 */
  JhkSession *gyomu;      /* 対象業務管理者 of B101 */
  JhkSession *denshi;     /* manager of E201, not of B101 */
  JhkSession *soukatsu;   /* 総括責任者 */
  JhkSession *bucho;      /* 主管部長 (刑事部長) */
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
  f->now = g_get_real_time () / G_TIME_SPAN_MINUTE * G_TIME_SPAN_MINUTE;
  jhk_set_clock_override (f->now);
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanbu, "chuo-kanbu",
                       &f->admin, "admin", &f->gyomu, "gyomu", &f->denshi, "denshi",
                       &f->soukatsu, "soukatsu", &f->bucho, "keiji-bucho", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->business = jhk_org_find_business (f->db, "B101");
  g_assert_cmpint (f->office, >, 0);
  g_assert_cmpint (f->business, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanbu, &f->admin, &f->gyomu, &f->denshi,
                           &f->soukatsu, &f->bucho, NULL);
  g_clear_object (&f->db);
  jhk_set_clock_override (0);
}

static void
advance (gint64 minutes)
{
  jhk_set_clock_override (jhk_now_us () + minutes * G_TIME_SPAN_MINUTE);
}

/* A playbook of one step with these criteria (stop_minutes 0: none;
 * report_hours 0: the setting); returns its playbook's id, its version's
 * in *out_version. */
static gint64
add_playbook (JhkDb  *db,
              gboolean damage,
              int     stop_minutes,
              gboolean leak,
              int     report_hours,
              gint64 *out_version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  static int n;
  gint64 playbook, version;

  code = g_strdup_printf ("test-escalation-%d", ++n);
  g_assert_true (jhk_db_run (db, &error,
                             "INSERT INTO playbooks (code, created_at, updated_at)"
                             " VALUES (?, ?, ?)",
                             JHK_T (code), JHK_I (jhk_now_us ()), JHK_I (jhk_now_us ()),
                             JHK_DB_END));
  g_assert_no_error (error);
  playbook = jhk_test_query_int (db, "SELECT id FROM playbooks WHERE code = ?", JHK_T (code),
                                 JHK_DB_END);
  g_assert_true (jhk_db_run (db, &error,
                             "INSERT INTO playbook_versions (playbook_id, version, title,"
                             " serious_damage, serious_stop_minutes, serious_leak, report_hours,"
                             " created_at) VALUES (?, 1, 'サーバ等の障害', ?, ?, ?, ?, ?)",
                             JHK_I (playbook), JHK_I (damage), JHK_I (stop_minutes),
                             JHK_I (leak), JHK_I (report_hours), JHK_I (jhk_now_us ()),
                             JHK_DB_END));
  g_assert_no_error (error);
  version = jhk_test_query_int (db, "SELECT id FROM playbook_versions WHERE playbook_id = ?",
                                JHK_I (playbook), JHK_DB_END);
  g_assert_true (jhk_db_run (db, &error,
                             "INSERT INTO playbook_steps (version_id, position, text)"
                             " VALUES (?, 1, '状況を確認する')",
                             JHK_I (version), JHK_DB_END) &&
                 jhk_db_run (db, &error,
                             "UPDATE playbooks SET current_version_id = ? WHERE id = ?",
                             JHK_I (version), JHK_I (playbook), JHK_DB_END));
  g_assert_no_error (error);
  if (out_version != NULL)
    *out_version = version;
  return playbook;
}

/* An open incident of 中央警察署 affecting B101, discovered an hour ago,
 * written with SQL as the checklist's service would (not serious). */
static gint64
add_incident (Fixture *f,
              gint64   version,
              int      stop_minutes)
{
  g_autoptr(GError) error = NULL;
  gint64 discovered = jhk_now_us () - G_TIME_SPAN_HOUR;
  gint64 id;

  g_assert_true (jhk_db_run (f->db, &error,
                             "INSERT INTO incidents (org_unit_id, title, description,"
                             " occurred_at, discovered_at, systems, stop_minutes,"
                             " playbook_version_id, opened_by, opened_login, created_at,"
                             " updated_at) VALUES (?, '指紋照合端末の停止',"
                             " '照合サーバに接続できない', ?, ?, '指紋照合システム', ?, ?, ?,"
                             " 'chuo-unyo', ?, ?)",
                             JHK_I (f->office), JHK_I (discovered - 10 * G_TIME_SPAN_MINUTE),
                             JHK_I (discovered), JHK_I (stop_minutes), JHK_I (version),
                             JHK_I (jhk_session_get_staff_id (f->unyo)), JHK_I (jhk_now_us ()),
                             JHK_I (jhk_now_us ()), JHK_DB_END));
  g_assert_no_error (error);
  id = jhk_test_query_int (f->db, "SELECT MAX(id) FROM incidents", JHK_DB_END);
  g_assert_true (jhk_db_run (f->db, &error,
                             "INSERT INTO incident_businesses (incident_id, business_id)"
                             " VALUES (?, ?)",
                             JHK_I (id), JHK_I (f->business), JHK_DB_END) &&
                 jhk_db_run (f->db, &error,
                             "INSERT INTO incident_steps (incident_id, position, text)"
                             " VALUES (?, 1, '状況を確認する')",
                             JHK_I (id), JHK_DB_END));
  g_assert_no_error (error);
  return id;
}

static gint64
new_incident (Fixture *f)
{
  gint64 version;

  add_playbook (f->db, TRUE, 120, TRUE, 0, &version);
  return add_incident (f, version, 0);
}

static char *
column (Fixture    *f,
        gint64      id,
        const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM incidents WHERE id = ?", name);

  return jhk_test_query_text (f->db, sql, JHK_I (id), JHK_DB_END);
}

static gint64
column_int (Fixture    *f,
            gint64      id,
            const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(%s, 0) FROM incidents WHERE id = ?",
                                          name);

  return jhk_test_query_int (f->db, sql, JHK_I (id), JHK_DB_END);
}

static void
assert_column (Fixture    *f,
               gint64      id,
               const char *name,
               const char *expected)
{
  g_autofree char *value = column (f, id, name);

  g_assert_cmpstr (value, ==, expected);
}

static gint64
count_events (Fixture    *f,
              gint64      id,
              const char *kind)
{
  return jhk_test_query_int (f->db,
                             "SELECT COUNT(*) FROM incident_events WHERE incident_id = ?"
                             " AND kind = ?",
                             JHK_I (id), JHK_T (kind), JHK_DB_END);
}


/* R19-3 --------------------------------------------------------------------- */

static void
test_request_sysadmin (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_incident (f);
  gint64 audit = jhk_test_audit_count (f->db);

  /* Not the office's 運用管理者: its staff, the システム管理者, a manager. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_request_recovery (f->db, f->kanbu, id, "sysadmin", 0,
                                                  "復旧を依頼します", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_request_recovery (f->db, f->admin, id, "sysadmin", 0,
                                                  "復旧を依頼します", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_request_recovery (f->db, f->gyomu, id, "business", f->business,
                                                  "復旧を依頼します", refusal));
  /* Bad input. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_request_recovery (f->db, f->unyo, id, "office", 0,
                                                  "復旧を依頼します", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_request_recovery (f->db, f->unyo, id, "sysadmin", 0, "  ",
                                                  refusal));
  /* E201 is not one of the incident's businesses. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_request_recovery (f->db, f->unyo, id, "business",
                                                  jhk_org_find_business (f->db, "E201"),
                                                  "復旧を依頼します", refusal));

  g_assert_true (jhk_incidents_request_recovery (f->db, f->unyo, id, "sysadmin", 0,
                                                 "照合サーバの再起動を依頼します", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.request_recovery");
  assert_column (f, id, "recovery_state", "requested");
  assert_column (f, id, "recovery_to", "sysadmin");
  assert_column (f, id, "recovery_request", "照合サーバの再起動を依頼します");
  g_assert_cmpint (column_int (f, id, "recovery_requested_by"), ==,
                   jhk_session_get_staff_id (f->unyo));
  g_assert_cmpint (column_int (f, id, "recovery_requested_at"), ==, jhk_now_us ());
  g_assert_cmpint (count_events (f, id, "recovery_requested"), ==, 1);

  /* Once per incident. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_request_recovery (f->db, f->unyo, id, "business", f->business,
                                                  "もう一度", refusal));
}

static void
test_request_business (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_incident (f);

  g_assert_true (jhk_incidents_request_recovery (f->db, f->unyo, id, "business", f->business,
                                                 "照合業務の復旧を依頼します", &error));
  g_assert_no_error (error);
  assert_column (f, id, "recovery_to", "business");
  g_assert_cmpint (column_int (f, id, "recovery_business_id"), ==, f->business);

  /* Addressed to B101's manager: not the システム管理者, not another
   * business's manager, not the office. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_investigate (f->db, f->admin, id, "調査", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_investigate (f->db, f->denshi, id, "調査", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_investigate (f->db, f->unyo, id, "調査", refusal));
  g_assert_true (jhk_incidents_investigate (f->db, f->gyomu, id, "照合サーバのディスク障害",
                                            &error));
  g_assert_no_error (error);
  assert_column (f, id, "recovery_state", "investigating");
  g_assert_cmpint (column_int (f, id, "investigated_by"), ==,
                   jhk_session_get_staff_id (f->gyomu));
}

/* R19-4 --------------------------------------------------------------------- */

static void
test_investigate_dispatch_finish (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  gint64 id = new_incident (f);
  gint64 audit, sent_at;

  /* Nothing asked yet. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_investigate (f->db, f->admin, id, "調査", refusal));
  g_assert_true (jhk_incidents_request_recovery (f->db, f->unyo, id, "sysadmin", 0,
                                                 "照合サーバの再起動を依頼します", &error));
  g_assert_no_error (error);
  advance (10);

  /* Before the investigation, neither staff sent nor finished. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_dispatch (f->db, f->admin, id, "情報管理課 佐藤", 0, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_finish_recovery (f->db, f->admin, id, "復旧", refusal));
  /* Addressed to the システム管理者: not B101's manager. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_investigate (f->db, f->gyomu, id, "調査", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_investigate (f->db, f->admin, id, "", refusal));

  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_investigate (f->db, f->admin, id, "電源装置の故障の疑い",
                                            &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.investigate");
  advance (5);
  /* Again: the findings are replaced, the timeline keeps each. */
  g_assert_true (jhk_incidents_investigate (f->db, f->admin, id, "電源装置の故障を確認",
                                            &error));
  g_assert_no_error (error);
  assert_column (f, id, "investigation", "電源装置の故障を確認");
  assert_column (f, id, "recovery_state", "investigating");
  g_assert_cmpint (count_events (f, id, "investigation"), ==, 2);
  g_assert_cmpint (jhk_test_query_int (f->db,
                                       "SELECT COUNT(*) FROM incident_events WHERE"
                                       " incident_id = ? AND kind = 'investigation' AND"
                                       " text = '電源装置の故障の疑い'",
                                       JHK_I (id), JHK_DB_END), ==, 1);

  /* The staff sent: named, not in the future, not before the request. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_dispatch (f->db, f->admin, id, "", 0, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_dispatch (f->db, f->admin, id, "情報管理課 佐藤",
                                          jhk_now_us () + G_TIME_SPAN_HOUR, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_dispatch (f->db, f->admin, id, "情報管理課 佐藤",
                                          jhk_now_us () - G_TIME_SPAN_DAY, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_dispatch (f->db, f->unyo, id, "情報管理課 佐藤", 0, refusal));
  sent_at = jhk_now_us () - 2 * G_TIME_SPAN_MINUTE;
  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_dispatch (f->db, f->admin, id, "情報管理課 佐藤、鈴木", sent_at,
                                         &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.dispatch");
  assert_column (f, id, "dispatched_staff", "情報管理課 佐藤、鈴木");
  g_assert_cmpint (column_int (f, id, "dispatched_at"), ==, sent_at);
  g_assert_cmpint (count_events (f, id, "dispatch"), ==, 1);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_finish_recovery (f->db, f->admin, id, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_finish_recovery (f->db, f->gyomu, id, "復旧", refusal));
  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_finish_recovery (f->db, f->admin, id, "電源装置を交換して復旧",
                                                &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.finish_recovery");
  assert_column (f, id, "recovery_state", "finished");
  assert_column (f, id, "recovery_result", "電源装置を交換して復旧");
  g_assert_cmpint (column_int (f, id, "recovery_finished_at"), ==, jhk_now_us ());
  g_assert_cmpint (count_events (f, id, "recovery_finished"), ==, 1);

  /* Finished: nothing more. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_investigate (f->db, f->admin, id, "追加調査", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_dispatch (f->db, f->admin, id, "佐藤", 0, refusal));

  /* The refusal the UI shows is the service's. */
  incident = jhk_test_incident (f->db, f->unyo, id);
  g_assert_cmpstr (incident->recovery_state, ==, "finished");
  g_assert_nonnull (jhk_incidents_escalation_refusal (f->db, f->admin, incident,
                                                      JHK_INCIDENT_INVESTIGATE));
  g_assert_nonnull (jhk_incidents_escalation_refusal (f->db, f->unyo, incident,
                                                      JHK_INCIDENT_REQUEST_RECOVERY));
}

/* R19-5 --------------------------------------------------------------------- */

static void
test_criteria_met (Fixture       *f,
                   gconstpointer  data)
{
  JhkIncidentFacts facts = { .title = "停止", .stop_minutes = 120 };
  g_autofree char *none = NULL;
  g_autofree char *stop = NULL;
  g_autofree char *all = NULL;
  gint64 version;

  add_playbook (f->db, TRUE, 120, TRUE, 0, &version);
  /* At the limit is not over it. */
  none = jhk_incidents_criteria_met (f->db, version, &facts);
  g_assert_null (none);
  facts.stop_minutes = 180;
  stop = jhk_incidents_criteria_met (f->db, version, &facts);
  g_test_message ("criteria met: %s", stop);
  g_assert_nonnull (stop);
  g_assert_nonnull (strstr (stop, "180"));
  g_assert_nonnull (strstr (stop, "120"));
  facts.damage = TRUE;
  facts.leak = TRUE;
  all = jhk_incidents_criteria_met (f->db, version, &facts);
  g_test_message ("criteria met: %s", all);
  g_assert_cmpuint (strlen (all), >, strlen (stop));

  /* A playbook without criteria: none met, whatever the facts. */
  add_playbook (f->db, FALSE, 0, FALSE, 0, &version);
  g_assert_null (jhk_incidents_criteria_met (f->db, version, &facts));
}

static void
assert_serious_by_criteria (Fixture *f,
                            gint64   id,
                            gint64   hours)
{
  g_autofree char *reason = column (f, id, "serious_reason");

  g_assert_cmpint (column_int (f, id, "serious"), ==, 1);
  g_assert_cmpint (column_int (f, id, "serious_by"), ==, 0);
  g_assert_nonnull (strstr (reason, "180"));
  assert_column (f, id, "report_state", "draft");
  g_assert_cmpint (column_int (f, id, "report_due_at"), ==,
                   column_int (f, id, "discovered_at") + hours * G_TIME_SPAN_HOUR);
  g_assert_cmpint (jhk_test_query_int (f->db,
                                       "SELECT COUNT(*) FROM incident_events WHERE"
                                       " incident_id = ? AND kind = 'serious' AND"
                                       " staff_id IS NULL",
                                       JHK_I (id), JHK_DB_END), ==, 1);
}

/* jhk_incidents_apply_criteria as open and update_facts call it. */
static void
test_apply_criteria (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 version, below, over;

  add_playbook (f->db, FALSE, 120, FALSE, 6, &version);
  below = add_incident (f, version, 60);
  over = add_incident (f, version, 180);
  g_assert_true (jhk_db_begin (f->db, &error) &&
                 jhk_incidents_apply_criteria (f->db, below, &error) &&
                 jhk_incidents_apply_criteria (f->db, over, &error) &&
                 jhk_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (column_int (f, below, "serious"), ==, 0);
  assert_column (f, below, "report_state", "");
  assert_serious_by_criteria (f, over, 6);

  /* Never twice. */
  g_assert_true (jhk_db_begin (f->db, &error) &&
                 jhk_incidents_apply_criteria (f->db, over, &error) &&
                 jhk_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, over, "serious"), ==, 1);
}

static void
fill_facts (JhkIncidentFacts *facts,
            Fixture          *f,
            int               stop_minutes)
{
  memset (facts, 0, sizeof *facts);
  facts->title = "指紋照合端末の停止";
  facts->description = "照合サーバに接続できない";
  facts->discovered_at = jhk_now_us () - G_TIME_SPAN_HOUR;
  facts->occurred_at = facts->discovered_at - 10 * G_TIME_SPAN_MINUTE;
  facts->systems = "指紋照合システム";
  facts->business_ids = &f->business;
  facts->n_business_ids = 1;
  facts->stop_minutes = stop_minutes;
}

static void
test_serious_at_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentFacts facts;
  gint64 playbook, id;

  playbook = add_playbook (f->db, FALSE, 120, FALSE, 0, NULL);
  fill_facts (&facts, f, 180);
  id = jhk_incidents_open (f->db, f->unyo, f->office, playbook, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Due the setting's hours (24) after discovery: the playbook says 0. */
  assert_serious_by_criteria (f, id, jhk_settings_get_int (f->db,
                                                           JHK_SETTING_INCIDENT_REPORT_HOURS));
}

static void
test_serious_by_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentFacts facts;
  gint64 playbook, id;

  playbook = add_playbook (f->db, FALSE, 120, FALSE, 8, NULL);
  fill_facts (&facts, f, 60);
  id = jhk_incidents_open (f->db, f->unyo, f->office, playbook, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (column_int (f, id, "serious"), ==, 0);
  assert_column (f, id, "report_state", "");

  /* The business stays down: 180 minutes, over the playbook's 120. */
  advance (120);
  facts.stop_minutes = 180;
  g_assert_true (jhk_incidents_update_facts (f->db, f->unyo, id, &facts, &error));
  g_assert_no_error (error);
  assert_serious_by_criteria (f, id, 8);
}

static void
test_declare_serious (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 version, id, other, audit;

  add_playbook (f->db, TRUE, 120, TRUE, 4, &version);
  id = add_incident (f, version, 30);
  other = add_incident (f, version, 30);

  /* Not a manager nor the office's 運用管理者; no reason. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_declare_serious (f->db, f->kanbu, id, "重大", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_declare_serious (f->db, f->soukatsu, id, "重大", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_declare_serious (f->db, f->gyomu, id, " ", refusal));

  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_declare_serious (f->db, f->gyomu, id,
                                                "照合業務への影響が大きい", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.declare_serious");
  g_assert_cmpint (column_int (f, id, "serious"), ==, 1);
  assert_column (f, id, "serious_reason", "照合業務への影響が大きい");
  g_assert_cmpint (column_int (f, id, "serious_by"), ==, jhk_session_get_staff_id (f->gyomu));
  assert_column (f, id, "report_state", "draft");
  /* R19-5: due 4 hours (the playbook's) after discovery. */
  g_assert_cmpint (column_int (f, id, "report_due_at"), ==,
                   column_int (f, id, "discovered_at") + 4 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (count_events (f, id, "serious"), ==, 1);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_declare_serious (f->db, f->admin, id, "重大", refusal));

  /* The office's 運用管理者 and the システム管理者 may too. */
  g_assert_true (jhk_incidents_declare_serious (f->db, f->unyo, other, "個人情報の漏えいの疑い",
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (column_int (f, other, "serious_by"), ==, jhk_session_get_staff_id (f->unyo));
}

static gint64
serious_incident (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 version, id;

  add_playbook (f->db, TRUE, 120, TRUE, 0, &version);
  id = add_incident (f, version, 30);
  g_assert_true (jhk_incidents_declare_serious (f->db, f->admin, id, "重大な影響", &error));
  g_assert_no_error (error);
  return id;
}

static void
test_draft_report (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *name = g_strdup ("001 指紋照合結果一覧表");
  JhkIncidentReport *report;
  gint64 id = serious_incident (f);

  incident = jhk_test_incident (f->db, f->unyo, id);
  g_free (incident->investigation);
  incident->investigation = g_strdup ("電源装置の故障");
  incident->leak = TRUE;
  if (incident->material_names == NULL)
    incident->material_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (incident->material_names, g_steal_pointer (&name));

  report = jhk_incidents_draft_report (f->db, incident);
  g_assert_nonnull (report);
  g_test_message ("概要: %s", report->summary);
  g_assert_nonnull (strstr (report->summary, "照合サーバに接続できない"));
  g_assert_nonnull (strstr (report->leaked_items, "指紋照合結果一覧表"));
  g_assert_cmpstr (report->cause, ==, "電源装置の故障");
  g_assert_cmpint (report->persons, ==, -1);
  g_assert_cmpstr (report->state, ==, "draft");
  g_assert_cmpint (report->due_at, ==, incident->report.due_at);
  jhk_incident_report_free (report);

  /* The number of persons, once the report says it, is kept. */
  incident->report.persons = 3;
  report = jhk_incidents_draft_report (f->db, incident);
  g_assert_cmpint (report->persons, ==, 3);
  jhk_incident_report_free (report);
}

static void
test_report_submit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentReport report = { .persons = -1 };
  gint64 plain = new_incident (f);
  gint64 id = serious_incident (f);
  gint64 audit;

  report.summary = (char *) "指紋照合サーバの停止";
  report.leaked_items = (char *) "";
  report.persons = 0;

  /* No report for an incident that is not serious; not by its staff. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_save_report (f->db, f->unyo, plain, &report, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_save_report (f->db, f->kanbu, id, &report, refusal));
  report.persons = -2;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_save_report (f->db, f->unyo, id, &report, refusal));
  report.persons = 0;

  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_save_report (f->db, f->unyo, id, &report, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.save_report");
  assert_column (f, id, "report_summary", "指紋照合サーバの停止");
  g_assert_cmpint (column_int (f, id, "report_persons"), ==, 0);

  /* Only the システム管理者 reports, with 概要, 原因 and 再発防止策. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_submit_report (f->db, f->unyo, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_submit_report (f->db, f->admin, id, refusal));
  report.cause = (char *) "電源装置の故障";
  g_assert_true (jhk_incidents_save_report (f->db, f->admin, id, &report, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_submit_report (f->db, f->admin, id, refusal));
  report.prevention = (char *) "電源装置の定期点検";
  g_assert_true (jhk_incidents_save_report (f->db, f->admin, id, &report, &error));
  g_assert_no_error (error);

  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_submit_report (f->db, f->admin, id, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.submit_report");
  assert_column (f, id, "report_state", "reported");
  g_assert_cmpint (column_int (f, id, "reported_by"), ==, jhk_session_get_staff_id (f->admin));
  g_assert_cmpint (column_int (f, id, "reported_at"), ==, jhk_now_us ());
  g_assert_cmpint (count_events (f, id, "reported"), ==, 1);
  g_assert_cmpint (count_events (f, id, "report_edited"), ==, 3);

  /* A reported report does not change. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_save_report (f->db, f->admin, id, &report, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_submit_report (f->db, f->admin, id, refusal));
}

static void
report (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentReport r = {
    .summary = (char *) "指紋照合サーバの停止", .cause = (char *) "電源装置の故障",
    .prevention = (char *) "電源装置の定期点検", .persons = -1,
  };

  g_assert_true (jhk_incidents_save_report (f->db, f->admin, id, &r, &error) &&
                 jhk_incidents_submit_report (f->db, f->admin, id, &error));
  g_assert_no_error (error);
}

static void
test_acknowledge (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = serious_incident (f);
  gint64 audit;

  /* Not before it is reported. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_acknowledge_report (f->db, f->soukatsu, id, refusal));
  report (f, id);
  /* Only the 総括責任者 and a 主管部長. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_acknowledge_report (f->db, f->admin, id, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_acknowledge_report (f->db, f->unyo, id, refusal));

  audit = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_acknowledge_report (f->db, f->soukatsu, id, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "incident.acknowledge_report");
  assert_column (f, id, "report_state", "reported");
  g_assert_cmpint (column_int (f, id, "supervisor_ack_by"), ==,
                   jhk_session_get_staff_id (f->soukatsu));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_acknowledge_report (f->db, f->soukatsu, id, refusal));

  /* The incident is closed meanwhile: the report is still acknowledged. */
  g_assert_true (jhk_db_run (f->db, &error,
                             "UPDATE incidents SET status = 'closed', prevention = '点検',"
                             " closed_by = ?, closed_at = ? WHERE id = ?",
                             JHK_I (jhk_session_get_staff_id (f->unyo)), JHK_I (jhk_now_us ()),
                             JHK_I (id), JHK_DB_END));
  g_assert_no_error (error);
  advance (30);
  g_assert_true (jhk_incidents_acknowledge_report (f->db, f->bucho, id, &error));
  g_assert_no_error (error);
  assert_column (f, id, "report_state", "acknowledged");
  g_assert_cmpint (column_int (f, id, "dept_head_ack_by"), ==,
                   jhk_session_get_staff_id (f->bucho));
  g_assert_cmpint (column_int (f, id, "dept_head_ack_at"), ==, jhk_now_us ());
  g_assert_cmpint (count_events (f, id, "acknowledged"), ==, 2);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_acknowledge_report (f->db, f->bucho, id, refusal));
}

static void
test_overdue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(JhkIncident) reported = NULL;
  gint64 id = serious_incident (f);
  gint64 due, hours = jhk_settings_get_int (f->db, JHK_SETTING_INCIDENT_REPORT_HOURS);

  incident = jhk_test_incident (f->db, f->unyo, id);
  due = incident->discovered_at + hours * G_TIME_SPAN_HOUR;
  g_assert_cmpint (incident->report.due_at, ==, due);
  g_assert_false (jhk_incident_report_is_overdue (incident, due));
  g_assert_true (jhk_incident_report_is_overdue (incident, due + 1));
  /* now 0: the present, as the clock says. */
  jhk_set_clock_override (due - G_TIME_SPAN_MINUTE);
  g_assert_false (jhk_incident_report_is_overdue (incident, 0));
  jhk_set_clock_override (due + G_TIME_SPAN_MINUTE);
  g_assert_true (jhk_incident_report_is_overdue (incident, 0));

  /* Reported late, it is no longer overdue. */
  report (f, id);
  reported = jhk_test_incident (f->db, f->unyo, id);
  g_assert_false (jhk_incident_report_is_overdue (reported, 0));
}

static void
test_labels (void)
{
  const char *states[] = { "", "requested", "investigating", "finished" };
  const char *reports[] = { "", "draft", "reported", "acknowledged" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_assert_nonnull (jhk_incident_recovery_state_label (states[i]));
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    g_assert_nonnull (jhk_incident_report_state_label (reports[i]));
}

/* On PostgreSQL, through each user's own server role: the office asks
 * B101's manager, who investigates, sends staff, finishes and declares
 * the incident serious; the システム管理者 reports, the 総括責任者 and the
 * 主管部長 acknowledge (0019-incidents.pg.sql). */
static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL, kanbu_db = NULL, gyomu_db = NULL, admin_db = NULL;
  g_autoptr(JhkDb) soukatsu_db = NULL, bucho_db = NULL;
  g_autoptr(JhkSession) kanbu = NULL, gyomu = NULL, admin = NULL, soukatsu = NULL;
  g_autoptr(JhkSession) bucho = NULL, unyo = NULL;
  JhkIncidentReport r = {
    .summary = (char *) "指紋照合サーバの停止", .cause = (char *) "電源装置の故障",
    .prevention = (char *) "電源装置の定期点検", .persons = -1,
  };
  Fixture f = { 0 };
  gint64 version, id;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  chuo = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (chuo, "chuo-unyo");
  kanbu_db = jhk_test_pg_open_as (dbname, "chuo-kanbu");
  kanbu = jhk_test_login (kanbu_db, "chuo-kanbu");
  gyomu_db = jhk_test_pg_open_as (dbname, "gyomu");
  gyomu = jhk_test_login (gyomu_db, "gyomu");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  soukatsu_db = jhk_test_pg_open_as (dbname, "soukatsu");
  soukatsu = jhk_test_login (soukatsu_db, "soukatsu");
  bucho_db = jhk_test_pg_open_as (dbname, "keiji-bucho");
  bucho = jhk_test_login (bucho_db, "keiji-bucho");

  /* The incident, written by the owner as the checklist's service would. */
  f.db = owner;
  f.unyo = unyo;
  f.office = jhk_org_find_unit (owner, "910");
  f.business = jhk_org_find_business (owner, "B101");
  add_playbook (owner, TRUE, 120, TRUE, 0, &version);
  id = add_incident (&f, version, 30);

  g_assert_false (jhk_incidents_request_recovery (kanbu_db, kanbu, id, "business", f.business,
                                                  "復旧を依頼します", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (jhk_incidents_request_recovery (chuo, unyo, id, "business", f.business,
                                                 "照合業務の復旧を依頼します", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_investigate (gyomu_db, gyomu, id, "電源装置の故障", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_dispatch (gyomu_db, gyomu, id, "刑事総務課 田中", 0, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_finish_recovery (gyomu_db, gyomu, id, "電源装置を交換", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_declare_serious (gyomu_db, gyomu, id, "照合業務の長時間停止",
                                                &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_save_report (chuo, unyo, id, &r, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_submit_report (admin_db, admin, id, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_acknowledge_report (soukatsu_db, soukatsu, id, &error));
  g_assert_no_error (error);
  /* Closed meanwhile by its office: the 主管部長 still acknowledges. */
  g_assert_true (jhk_db_run (owner, &error,
                             "UPDATE incidents SET status = 'closed', prevention = '点検',"
                             " closed_by = ?, closed_at = ? WHERE id = ?",
                             JHK_I (jhk_session_get_staff_id (unyo)), JHK_I (jhk_now_us ()),
                             JHK_I (id), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_acknowledge_report (bucho_db, bucho, id, &error));
  g_assert_no_error (error);

  assert_column (&f, id, "recovery_state", "finished");
  assert_column (&f, id, "report_state", "acknowledged");
  g_assert_cmpint (jhk_test_query_int (owner,
                                       "SELECT COUNT(*) FROM incident_events WHERE"
                                       " incident_id = ?",
                                       JHK_I (id), JHK_DB_END), ==, 9);

  /* The criteria, applied in the opener's own transaction. */
  {
    JhkIncidentFacts facts;
    gint64 playbook = add_playbook (owner, FALSE, 120, FALSE, 0, NULL);

    fill_facts (&facts, &f, 180);
    id = jhk_incidents_open (chuo, unyo, f.office, playbook, &facts, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    g_assert_cmpint (column_int (&f, id, "serious"), ==, 1);
    assert_column (&f, id, "report_state", "draft");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/incidents/R19-3/request-sysadmin", test_request_sysadmin);
  ADD ("/incidents/R19-3/request-business", test_request_business);
  ADD ("/incidents/R19-4/investigate-dispatch-finish", test_investigate_dispatch_finish);
  ADD ("/incidents/R19-5/criteria-met", test_criteria_met);
  ADD ("/incidents/R19-5/apply-criteria", test_apply_criteria);
  ADD ("/incidents/R19-5/serious-at-open", test_serious_at_open);
  ADD ("/incidents/R19-5/serious-by-update", test_serious_by_update);
  ADD ("/incidents/R19-5/declare-serious", test_declare_serious);
  ADD ("/incidents/R19-5/draft-report", test_draft_report);
  ADD ("/incidents/R19-5/report-submit", test_report_submit);
  ADD ("/incidents/R19-5/acknowledge", test_acknowledge);
  ADD ("/incidents/R19-5/overdue", test_overdue);
  g_test_add_func ("/incidents/R19-5/labels", test_labels);
  if (jhk_test_backend_is_pg ())
    g_test_add_func ("/incidents/R19-5/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
