/* test-incidents.c: issue 7, 事故発生時の措置 (R19-2): incidents opened
 * from a playbook, their checklist, attachments, closing, timeline, lists
 * and JSON.
 *
 * 中央警察署 (910) runs incidents with a playbook of three steps written
 * here by SQL (so that the tests do not hang on the library's wording):
 * one for anybody of the office, one for its 情報管理者 that a second
 * person confirms, one for its 運用管理者. Every write adds one audit
 * entry and one timeline event; every refusal leaves every table as it
 * was. Runs on SQLite and, with `meson test --setup postgresql`, on
 * PostgreSQL.
 */
#include <stdlib.h>
#include <string.h>

#include "jhk-incidents.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-row.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;       /* 運用管理者, 中央警察署 */
  JhkSession *kanri;      /* 情報管理者, 中央警察署 (911) */
  JhkSession *shokuin;    /* staff of 刑事課 (913) */
  JhkSession *higashi;    /* 運用管理者, 東警察署 */
  JhkSession *admin;      /* システム管理者 */
  JhkSession *bucho;      /* 主管部長 */
  gint64      office;
  gint64      higashi_office;
  gint64      playbook;
  gint64      version;
  gint64      now;
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static gint64
insert_id (JhkDb      *db,
           const char *sql,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;
  gint64 id;

  stmt = jhk_db_prepare (db, sql, &error);
  g_assert_no_error (error);
  va_start (args, sql);
  g_assert_true (jhk_db_stmt_bind_valist (stmt, args));
  va_end (args);
  g_assert_cmpint (jhk_db_stmt_step (stmt, &error), ==, JHK_DB_ROW);
  id = jhk_db_stmt_get_int64 (stmt, 0);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A version of the playbook with steps "text|role|confirm" ... */
static gint64
add_version (Fixture    *f,
             int         version,
             const char *const *steps)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = insert_id (f->db,
                  "INSERT INTO playbook_versions (playbook_id, version, title, serious_damage,"
                  " serious_stop_minutes, serious_leak, report_hours, created_at)"
                  " VALUES (?, ?, '試験用 端末装置の故障', 1, 120, 1, 24, ?) RETURNING id",
                  JHK_I (f->playbook), JHK_I (version), JHK_I (f->now), JHK_DB_END);
  for (int i = 0; steps[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (steps[i], "|", 3);

      g_assert_true (jhk_db_run (f->db, &error,
                                 "INSERT INTO playbook_steps (version_id, position, text, role,"
                                 " minutes, needs_confirmation, evidence)"
                                 " VALUES (?, ?, ?, ?, 10, ?, '')",
                                 JHK_I (id), JHK_I (i + 1), JHK_T (parts[0]), JHK_T (parts[1]),
                                 JHK_I (atoi (parts[2])), JHK_DB_END));
      g_assert_no_error (error);
    }
  g_assert_true (jhk_db_run (f->db, &error,
                             "UPDATE playbooks SET current_version_id = ? WHERE id = ?",
                             JHK_I (id), JHK_I (f->playbook), JHK_DB_END));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *const steps[] = {
    "端末の状況を確認する||0",
    "被害の範囲を調べる|info_manager|1",
    "運用管理者が対処を決める|ops_manager|0",
    NULL
  };

  f->db = jhk_test_demo_db ();
  f->now = g_get_real_time () / G_USEC_PER_SEC * G_USEC_PER_SEC;
  jhk_set_clock_override (f->now);
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri",
                       &f->shokuin, "chuo-shokuin", &f->higashi, "higashi-unyo",
                       &f->admin, "admin", &f->bucho, "keiji-bucho", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->higashi_office = jhk_org_find_unit (f->db, "920");
  f->playbook = insert_id (f->db,
                           "INSERT INTO playbooks (code, builtin, retired, created_at, updated_at)"
                           " VALUES ('test-incidents', 0, 0, ?, ?) RETURNING id",
                           JHK_I (f->now), JHK_I (f->now), JHK_DB_END);
  f->version = add_version (f, 1, steps);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->shokuin, &f->higashi, &f->admin,
                           &f->bucho, NULL);
  g_clear_object (&f->db);
  jhk_set_clock_override (0);
}

/* Facts that meet no criterion of the playbook. */
static JhkIncidentFacts
facts_of (Fixture    *f,
          const char *title)
{
  JhkIncidentFacts facts = {
    .title = title,
    .description = "照会端末の画面が表示されない",
    .occurred_at = f->now - 2 * G_TIME_SPAN_HOUR,
    .discovered_at = f->now - G_TIME_SPAN_HOUR,
    .systems = "指紋照合システム",
    .terminals = "照会端末 3 号機",
  };

  return facts;
}

static gint64
open_incident (Fixture    *f,
               JhkSession *actor,
               const char *title)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentFacts facts = facts_of (f, title);
  gint64 id = jhk_incidents_open (f->db, actor, f->office, f->playbook, &facts, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}


static gint64
n_events (Fixture *f,
          gint64   incident_id)
{
  return jhk_test_query_int (f->db, "SELECT COUNT(*) FROM incident_events WHERE incident_id = ?",
                             JHK_I (incident_id), JHK_DB_END);
}

/* R19-2: the 運用管理者 opens an incident; the playbook's current
 * version's steps become its checklist, the office's businesses and
 * materials are linked. */
static void
test_open_copies_steps (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 business = jhk_org_find_business (f->db, "B101");
  gint64 material = jhk_test_demo_chuo_material (f->db, "1 = 1");
  gint64 before = jhk_test_audit_count (f->db);
  JhkIncidentFacts facts = facts_of (f, "照会端末の故障");
  gint64 id;

  facts.business_ids = &business;
  facts.n_business_ids = 1;
  facts.material_ids = &material;
  facts.n_material_ids = 1;
  id = jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "incident.open");

  incident = jhk_incidents_get (f->db, f->unyo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (incident->status, ==, "open");
  g_assert_cmpstr (incident->title, ==, "照会端末の故障");
  g_assert_cmpint (incident->office_id, ==, f->office);
  g_assert_cmpint (incident->playbook_id, ==, f->playbook);
  g_assert_cmpint (incident->playbook_version_id, ==, f->version);
  g_assert_cmpint (incident->playbook_version, ==, 1);
  g_assert_cmpstr (incident->playbook_title, ==, "試験用 端末装置の故障");
  g_assert_cmpuint (incident->steps->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      g_assert_cmpint (step->position, ==, i + 1);
      g_assert_cmpstr (step->state, ==, "pending");
      g_assert_false (jhk_incident_step_is_resolved (step));
    }
  g_assert_cmpstr (((JhkIncidentStep *) g_ptr_array_index (incident->steps, 1))->role, ==,
                   "info_manager");
  g_assert_true (((JhkIncidentStep *) g_ptr_array_index (incident->steps, 1))->needs_confirmation);
  g_assert_cmpuint (incident->business_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (incident->business_ids, gint64, 0), ==, business);
  g_assert_cmpuint (incident->material_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (incident->material_ids, gint64, 0), ==, material);
  g_assert_false (incident->serious);
  g_assert_cmpint (incident->reported_by, ==, jhk_session_get_staff_id (f->unyo));

  timeline = jhk_incidents_timeline (f->db, f->unyo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
  g_assert_cmpstr (((JhkIncidentEvent *) g_ptr_array_index (timeline, 0))->kind, ==, "opened");
}

/* R19-2: any staff member of the office reports an incident by opening
 * it; staff of another office cannot, nor see it. */
static void
test_open_by_staff (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  JhkIncidentFacts facts = facts_of (f, "プリンタの故障");
  gint64 id = open_incident (f, f->shokuin, "プリンタの故障");

  incident = jhk_incidents_get (f->db, f->shokuin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (incident->reported_by, ==, jhk_session_get_staff_id (f->shokuin));

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_open (f->db, f->higashi, f->office, f->playbook, &facts,
                                      refusal));
  g_assert_null (jhk_incidents_get (f->db, f->higashi, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
}

/* R19-2: the facts' rules and the playbook's state. */
static void
test_open_refusals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentFacts facts = facts_of (f, "停電");
  const char *field = NULL;
  gint64 material = 0;

  facts.title = "  ";
  g_assert_false (jhk_incident_facts_check (&facts, &field, &error));
  g_assert_cmpstr (field, ==, "title");
  g_clear_error (&error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts, refusal));

  facts = facts_of (f, "停電");
  facts.discovered_at = f->now + G_TIME_SPAN_MINUTE;
  g_assert_false (jhk_incident_facts_check (&facts, &field, NULL));
  g_assert_cmpstr (field, ==, "discovered_at");
  facts = facts_of (f, "停電");
  facts.occurred_at = facts.discovered_at + 1;
  g_assert_false (jhk_incident_facts_check (&facts, &field, NULL));
  g_assert_cmpstr (field, ==, "occurred_at");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts, refusal));
  facts = facts_of (f, "停電");
  facts.stop_minutes = -1;
  g_assert_false (jhk_incident_facts_check (&facts, &field, NULL));
  g_assert_cmpstr (field, ==, "stop_minutes");

  /* A material of another office's ledger. */
  facts = facts_of (f, "停電");
  material = jhk_test_query_int (f->db, "SELECT COALESCE (MIN (id), 0) FROM materials"
                                        " WHERE org_unit_id <> ?",
                                 JHK_I (f->office), JHK_DB_END);
  if (material != 0)
    {
      facts.material_ids = &material;
      facts.n_material_ids = 1;
      ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                      jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts,
                                          refusal));
      facts = facts_of (f, "停電");
    }

  /* An office only, and no retired playbook. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_incidents_open (f->db, f->unyo, f->office, f->playbook + 1000, &facts,
                                      refusal));
  g_assert_true (jhk_db_run (f->db, &error, "UPDATE playbooks SET retired = 1 WHERE id = ?",
                             JHK_I (f->playbook), JHK_DB_END));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts, refusal));
}

/* R19-2: who does, skips and confirms a step. */
static void
test_step_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = open_incident (f, f->unyo, "照会端末の故障");
  gint64 s1 = jhk_test_incident_step (f->db, f->admin, id, 1);
  gint64 s2 = jhk_test_incident_step (f->db, f->admin, id, 2);
  gint64 s3 = jhk_test_incident_step (f->db, f->admin, id, 3);
  gint64 before;

  /* Step 1, for anybody of the office. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_incidents_step_done (f->db, f->higashi, s1, NULL, refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_step_done (f->db, f->shokuin, s1, "電源を入れ直した", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "incident.step_done");
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_done (f->db, f->shokuin, s1, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_skip (f->db, f->unyo, s1, "不要", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_confirm (f->db, f->unyo, s1, refusal));

  /* Step 2: its role (the 情報管理者) or the 運用管理者; confirmed by
   * someone else. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_done (f->db, f->shokuin, s2, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_confirm (f->db, f->unyo, s2, refusal));
  g_assert_true (jhk_incidents_step_done (f->db, f->kanri, s2, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JhkIncident) incident = jhk_test_incident (f->db, f->admin, id);
    JhkIncidentStep *step = g_ptr_array_index (incident->steps, 1);

    g_assert_cmpstr (step->state, ==, "done");
    g_assert_false (jhk_incident_step_is_resolved (step));
    g_assert_cmpint (step->done_by, ==, jhk_session_get_staff_id (f->kanri));
    g_assert_cmpstr (jhk_incidents_step_refusal (f->db, f->kanri, incident, step,
                                                 JHK_INCIDENT_STEP_ACTION_CONFIRM), !=, NULL);
    g_assert_null (jhk_incidents_step_refusal (f->db, f->unyo, incident, step,
                                               JHK_INCIDENT_STEP_ACTION_CONFIRM));
  }
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_confirm (f->db, f->kanri, s2, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_confirm (f->db, f->shokuin, s2, refusal));
  g_assert_true (jhk_incidents_step_confirm (f->db, f->unyo, s2, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_confirm (f->db, f->admin, s2, refusal));

  /* Step 3: the 運用管理者's; skipped with a reason. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_skip (f->db, f->shokuin, s3, "不要", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_step_skip (f->db, f->unyo, s3, " ", refusal));
  g_assert_true (jhk_incidents_step_skip (f->db, f->unyo, s3, "復旧したため不要", &error));
  g_assert_no_error (error);

  /* A note on any step, while open. */
  g_assert_true (jhk_incidents_step_add_note (f->db, f->shokuin, s1, "再発なし", &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_incidents_step_add_note (f->db, f->higashi, s1, "x", refusal));
  {
    g_autoptr(JhkIncident) incident = jhk_test_incident (f->db, f->admin, id);
    JhkIncidentStep *step1 = g_ptr_array_index (incident->steps, 0);
    JhkIncidentStep *step3 = g_ptr_array_index (incident->steps, 2);

    g_assert_cmpstr (step1->note, ==, "電源を入れ直した\n再発なし");
    g_assert_cmpstr (step3->state, ==, "skipped");
    g_assert_cmpstr (step3->reason, ==, "復旧したため不要");
    for (guint i = 0; i < incident->steps->len; i++)
      g_assert_true (jhk_incident_step_is_resolved (g_ptr_array_index (incident->steps, i)));
    g_assert_cmpstr (jhk_incidents_refusal (f->db, f->unyo, incident, JHK_INCIDENT_STEP_DONE),
                     !=, NULL);
  }
}

/* R19-2: a step's role, for the office or the incident's businesses; the
 * playbooks' "staff" steps are anyone's of the office. */
static void
test_step_roles (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const steps[] = {
    "端末の使用を中止する|staff|0",
    "業務への影響を判断する|biz_owner|0",
    "証跡を調査する|sysadmin|0",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) gyomu = jhk_test_login (f->db, "gyomu");
  g_autoptr(JhkSession) denshi = jhk_test_login (f->db, "denshi");
  gint64 business = jhk_org_find_business (f->db, "B101");
  JhkIncidentFacts facts = facts_of (f, "照会端末の故障");
  gint64 id, s1, s2, s3;

  add_version (f, 2, steps);
  facts.business_ids = &business;
  facts.n_business_ids = 1;
  id = jhk_incidents_open (f->db, f->unyo, f->office, f->playbook, &facts, &error);
  g_assert_no_error (error);
  s1 = jhk_test_incident_step (f->db, f->admin, id, 1);
  s2 = jhk_test_incident_step (f->db, f->admin, id, 2);
  s3 = jhk_test_incident_step (f->db, f->admin, id, 3);

  /* 情報管理者 of the office, not an アクセス権者: still of the office. */
  g_assert_true (jhk_incidents_step_done (f->db, f->kanri, s1, NULL, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_done (f->db, denshi, s2, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_done (f->db, f->kanri, s2, NULL, refusal));
  g_assert_true (jhk_incidents_step_done (f->db, gyomu, s2, NULL, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_step_done (f->db, gyomu, s3, NULL, refusal));
  g_assert_true (jhk_incidents_step_done (f->db, f->admin, s3, NULL, &error));
  g_assert_no_error (error);
}

/* R19-1, R19-2: the incident keeps the version it was opened with. */
static void
test_version_kept (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const steps[] = { "新しい手順||0", NULL };
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(JhkIncident) later = NULL;
  gint64 id = open_incident (f, f->unyo, "照会端末の故障");
  gint64 version2 = add_version (f, 2, steps);
  gint64 id2 = open_incident (f, f->unyo, "照会端末の再故障");

  incident = jhk_test_incident (f->db, f->admin, id);
  g_assert_cmpint (incident->playbook_version_id, ==, f->version);
  g_assert_cmpint (incident->playbook_version, ==, 1);
  g_assert_cmpuint (incident->steps->len, ==, 3);
  g_assert_cmpstr (((JhkIncidentStep *) g_ptr_array_index (incident->steps, 0))->text, ==,
                   "端末の状況を確認する");
  later = jhk_test_incident (f->db, f->admin, id2);
  g_assert_cmpint (later->playbook_version_id, ==, version2);
  g_assert_cmpuint (later->steps->len, ==, 1);
}

/* R19-2: attachments of the incident and of a step. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data_in = g_bytes_new_static ("写真のかわり", strlen ("写真のかわり"));
  g_autoptr(GBytes) data_out = NULL;
  g_autoptr(GBytes) too_big = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data_in);
  JhkIncidentAttachment *info = NULL;
  gint64 id = open_incident (f, f->unyo, "照会端末の故障");
  gint64 s1 = jhk_test_incident_step (f->db, f->admin, id, 1);
  gint64 before = jhk_test_audit_count (f->db);
  gint64 a1, a2;

  a1 = jhk_incidents_attach (f->db, f->shokuin, id, 0, "screen.txt", "text/plain", data_in,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (a1, >, 0);
  jhk_test_assert_last_action (f->db, before, "incident.attach");
  a2 = jhk_incidents_attach (f->db, f->unyo, id, s1, "画面.txt", NULL, data_in, &error);
  g_assert_no_error (error);

  data_out = jhk_incidents_get_attachment (f->db, f->kanri, a1, &info, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data_in, data_out));
  g_assert_cmpstr (info->filename, ==, "screen.txt");
  g_assert_cmpstr (info->mime_type, ==, "text/plain");
  g_assert_cmpstr (info->sha256, ==, sha256);
  g_assert_cmpint (info->size, ==, g_bytes_get_size (data_in));
  jhk_incident_attachment_free (info);
  g_assert_null (jhk_incidents_get_attachment (f->db, f->higashi, a1, NULL, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  incident = jhk_test_incident (f->db, f->admin, id);
  g_assert_cmpuint (incident->attachments->len, ==, 2);
  {
    JhkIncidentAttachment *second = g_ptr_array_index (incident->attachments, 1);

    g_assert_cmpint (second->step_id, ==, s1);
    g_assert_cmpint (second->id, ==, a2);
    g_assert_cmpstr (second->mime_type, ==, "application/octet-stream");
  }

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_attach (f->db, f->unyo, id, 0, "../etc/passwd", NULL, data_in,
                                        refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_attach (f->db, f->unyo, id, 0, "C:\\x.txt", NULL, data_in,
                                        refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_attach (f->db, f->unyo, id, 0, "", NULL, data_in, refusal));
  too_big = g_bytes_new_take (g_malloc0 (JHK_INCIDENT_ATTACHMENT_MAX + 1),
                              JHK_INCIDENT_ATTACHMENT_MAX + 1);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_attach (f->db, f->unyo, id, 0, "big.bin", NULL, too_big,
                                        refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_incidents_attach (f->db, f->higashi, id, 0, "x.txt", NULL, data_in,
                                        refusal));
}

/* R19-2: closing needs every step resolved and the prevention note; a
 * closed incident is read-only. */
static void
test_close_read_only (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  gint64 id = open_incident (f, f->shokuin, "照会端末の故障");
  gint64 s1 = jhk_test_incident_step (f->db, f->admin, id, 1);
  gint64 s2 = jhk_test_incident_step (f->db, f->admin, id, 2);
  gint64 s3 = jhk_test_incident_step (f->db, f->admin, id, 3);
  JhkIncidentFacts facts = facts_of (f, "照会端末の故障（訂正）");
  gint64 before;

  {
    g_autoptr(JhkIncident) incident = jhk_test_incident (f->db, f->admin, id);
    const char *why = jhk_incidents_refusal (f->db, f->unyo, incident, JHK_INCIDENT_CLOSE);

    g_assert_nonnull (why);
    JHK_TEST_ASSERT_REFUSED_WITH (f->db, jhk_incidents_close (f->db, f->unyo, id, "点検を強化",
                                                               refusal),
                                  g_assert_cmpstr (error_->message, ==, why));
  }
  g_assert_true (jhk_incidents_step_done (f->db, f->shokuin, s1, NULL, &error));
  g_assert_true (jhk_incidents_step_done (f->db, f->kanri, s2, NULL, &error));
  g_assert_true (jhk_incidents_step_done (f->db, f->unyo, s3, NULL, &error));
  g_assert_no_error (error);
  /* Step 2 is not confirmed yet. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_close (f->db, f->unyo, id, "点検を強化", refusal));
  g_assert_true (jhk_incidents_step_confirm (f->db, f->unyo, s2, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_update_facts (f->db, f->unyo, id, &facts, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_update_facts (f->db, f->shokuin, id, &facts, refusal));

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_incidents_close (f->db, f->unyo, id, "", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_incidents_close (f->db, f->shokuin, id, "点検を強化", refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_incidents_close (f->db, f->unyo, id, "端末の定期点検を強化する", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "incident.close");
  {
    g_autoptr(JhkIncident) incident = jhk_test_incident (f->db, f->admin, id);

    g_assert_cmpstr (incident->status, ==, "closed");
    g_assert_cmpstr (incident->title, ==, "照会端末の故障（訂正）");
    g_assert_cmpstr (incident->prevention, ==, "端末の定期点検を強化する");
    g_assert_cmpint (incident->closed_by, ==, jhk_session_get_staff_id (f->unyo));
    g_assert_cmpint (incident->closed_at, ==, f->now);
    g_assert_nonnull (jhk_incidents_refusal (f->db, f->unyo, incident,
                                             JHK_INCIDENT_ADD_NOTE));
  }

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_close (f->db, f->unyo, id, "再度", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_add_note (f->db, f->unyo, id, "追記", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_update_facts (f->db, f->unyo, id, &facts, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_step_add_note (f->db, f->unyo, s1, "追記", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_incidents_attach (f->db, f->unyo, id, 0, "x.txt", NULL, bytes, refusal));
}

/* R19-2: one timeline event and one audit entry per write. */
static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  gint64 id = open_incident (f, f->unyo, "照会端末の故障");
  gint64 s1 = jhk_test_incident_step (f->db, f->admin, id, 1);
  gint64 before = jhk_test_audit_count (f->db);
  static const char *const kinds[] = {
    "opened", "note", "step_done", "note", "attachment", "step_skipped", NULL
  };

  g_assert_cmpint (n_events (f, id), ==, 1);
  g_assert_true (jhk_incidents_add_note (f->db, f->shokuin, id, "署内に周知した", &error));
  g_assert_true (jhk_incidents_step_done (f->db, f->shokuin, s1, NULL, &error));
  g_assert_true (jhk_incidents_step_add_note (f->db, f->shokuin, s1, "補足", &error));
  g_assert_cmpint (jhk_incidents_attach (f->db, f->shokuin, id, s1, "a.txt", NULL, bytes,
                                         &error), >, 0);
  g_assert_true (jhk_incidents_step_skip (f->db, f->unyo,
                                          jhk_test_incident_step (f->db, f->admin, id, 3), "不要",
                                          &error));
  g_assert_no_error (error);
  jhk_test_assert_last_actions (f->db, before, 5, "incident.step_skip");

  timeline = jhk_incidents_timeline (f->db, f->kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, g_strv_length ((char **) kinds));
  for (guint i = 0; i < timeline->len; i++)
    {
      JhkIncidentEvent *e = g_ptr_array_index (timeline, i);

      g_assert_cmpstr (e->kind, ==, kinds[i]);
      g_assert_nonnull (jhk_incident_event_kind_label (e->kind));
    }
  g_assert_cmpstr (((JhkIncidentEvent *) g_ptr_array_index (timeline, 1))->text, ==,
                   "署内に周知した");
  g_assert_cmpint (((JhkIncidentEvent *) g_ptr_array_index (timeline, 1))->staff_id, ==,
                   jhk_session_get_staff_id (f->shokuin));
  g_assert_null (jhk_incidents_timeline (f->db, f->higashi, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
}

static guint
n_rows (JhkQueryModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* Whether the model holds the row. */
static gboolean
has_row (JhkQueryModel *model,
         gint64         id)
{
  return jhk_query_model_find (model, id) != G_MAXUINT;
}

/* Every row's column is value. */
static void
assert_all_rows (JhkQueryModel *model,
                 const char    *column,
                 const char    *value)
{
  for (guint r = 0; r < n_rows (model); r++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), r);

      g_assert_cmpstr (jhk_row_get_by_name (row, column), ==, value);
    }
}

/* R19-2: the lists, as the header says who sees what (the demo's own
 * incidents around those of the test). */
static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkIncidentFacts facts = facts_of (f, "試験 東署の停電");
  gint64 chuo = open_incident (f, f->unyo, "試験 照会端末の故障");
  gint64 higashi;
  struct { JhkSession *actor; gboolean chuo, higashi; } visible[] = {
    { f->unyo, TRUE, FALSE }, { f->shokuin, TRUE, FALSE }, { f->higashi, FALSE, TRUE },
    { f->admin, TRUE, TRUE }, { f->bucho, TRUE, TRUE },
  };

  higashi = jhk_incidents_open (f->db, f->higashi, f->higashi_office, f->playbook, &facts,
                                &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (visible); i++)
    {
      g_autoptr(JhkQueryModel) model = jhk_incidents_list_model (f->db, visible[i].actor,
                                                                 JHK_INCIDENTS_VISIBLE);
      g_autoptr(GPtrArray) list = jhk_incidents_list (f->db, visible[i].actor,
                                                      JHK_INCIDENTS_VISIBLE, &error);

      g_assert_no_error (error);
      g_assert_cmpint (has_row (model, chuo), ==, visible[i].chuo);
      g_assert_cmpint (has_row (model, higashi), ==, visible[i].higashi);
      g_assert_cmpuint (n_rows (model), ==, list->len);
      for (guint r = 0; r < list->len; r++)
        {
          g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), r);
          JhkIncident *incident = g_ptr_array_index (list, r);
          g_autoptr(GError) not_seen = NULL;
          g_autoptr(JhkIncident) by_higashi = NULL;

          g_assert_cmpint (jhk_row_get_id (row), ==, incident->id);
          g_assert_cmpint (jhk_row_get_int64 (row, jhk_query_model_column (model,
                                                                           "steps_total")),
                           ==, incident->steps->len);
          /* One rule for the lists and for jhk_incidents_get. */
          by_higashi = jhk_incidents_get (f->db, f->higashi, incident->id, &not_seen);
          g_assert_cmpint (by_higashi != NULL, ==,
                           incident->office_id == f->higashi_office);
        }
      g_test_message ("%s sees %u incidents", jhk_session_get_login (visible[i].actor),
                      list->len);
    }
  {
    g_autoptr(JhkQueryModel) model = jhk_incidents_list_model (f->db, f->admin,
                                                               JHK_INCIDENTS_VISIBLE);
    g_autoptr(JhkRow) row = NULL;
    g_autofree char *office_id = g_strdup_printf ("%lld", (long long) f->office);

    jhk_incidents_list_model_set_filter (model, NULL, f->office, "試験", FALSE);
    g_assert_cmpuint (n_rows (model), ==, 1);
    row = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (jhk_row_get_id (row), ==, chuo);
    g_assert_cmpstr (jhk_row_get_by_name (row, "office"), ==, "中央警察署");
    g_assert_cmpstr (jhk_row_get_by_name (row, "playbook"), ==, "試験用 端末装置の故障");
    g_assert_cmpint (jhk_row_get_int64 (row, jhk_query_model_column (model, "steps_resolved")),
                     ==, 0);
    jhk_incidents_list_model_set_filter (model, NULL, f->office, NULL, FALSE);
    g_assert_true (has_row (model, chuo));
    g_assert_false (has_row (model, higashi));
    assert_all_rows (model, "office_id", office_id);
    jhk_incidents_list_model_set_filter (model, NULL, 0, "試験 東署", FALSE);
    g_assert_cmpuint (n_rows (model), ==, 1);
    jhk_incidents_list_model_set_filter (model, NULL, 0, "試験%", FALSE);
    g_assert_cmpuint (n_rows (model), ==, 0);
    jhk_incidents_list_model_set_filter (model, "closed", 0, NULL, FALSE);
    g_assert_false (has_row (model, chuo));
    assert_all_rows (model, "status", "closed");
    jhk_incidents_list_model_set_filter (model, "open", 0, NULL, FALSE);
    g_assert_true (has_row (model, chuo) && has_row (model, higashi));
    assert_all_rows (model, "status", "open");
    jhk_incidents_list_model_set_filter (model, NULL, 0, NULL, TRUE);
    g_assert_false (has_row (model, chuo));
    assert_all_rows (model, "serious", "1");
  }
  {
    g_autoptr(JhkQueryModel) open = jhk_incidents_list_model (f->db, f->higashi,
                                                              JHK_INCIDENTS_OPEN);
    g_autoptr(JhkQueryModel) recovery = jhk_incidents_list_model (f->db, f->admin,
                                                                  JHK_INCIDENTS_RECOVERY);
    g_autoptr(JhkQueryModel) reports = jhk_incidents_list_model (f->db, f->admin,
                                                                 JHK_INCIDENTS_REPORTS);

    g_assert_true (has_row (open, higashi));
    g_assert_false (has_row (open, chuo));
    assert_all_rows (open, "status", "open");
    g_assert_false (has_row (recovery, chuo));
    for (guint r = 0; r < n_rows (recovery); r++)
      {
        g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (recovery), r);
        const char *state = jhk_row_get_by_name (row, "recovery_state");

        g_assert_true (g_str_equal (state, "requested") || g_str_equal (state, "investigating"));
      }
    g_assert_false (has_row (reports, chuo));
    assert_all_rows (reports, "serious", "1");
  }
}

/* jhkctl's JSON: every member, times in ISO 8601. */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) discovered = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  JsonObject *o, *step;
  gint64 id = open_incident (f, f->unyo, "照会端末の故障");

  g_assert_true (jhk_incidents_step_done (f->db, f->shokuin,
                                          jhk_test_incident_step (f->db, f->admin, id, 1), "済",
                                          &error));
  g_assert_no_error (error);
  incident = jhk_test_incident (f->db, f->admin, id);
  timeline = jhk_incidents_timeline (f->db, f->admin, id, &error);
  g_assert_no_error (error);
  node = jhk_incident_to_json (incident, timeline);
  o = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (o, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "照会端末の故障");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "open");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "steps")), ==, 3);
  step = json_array_get_object_element (json_object_get_array_member (o, "steps"), 0);
  g_assert_cmpstr (json_object_get_string_member (step, "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (step, "note"), ==, "済");
  g_assert_true (json_object_get_null_member (step, "confirmed_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "timeline")), ==, 2);
  g_assert_true (json_object_has_member (o, "report"));
  g_assert_true (json_object_has_member (o, "attachments"));
  parsed = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "discovered_at"),
                                         NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, incident->discovered_at / G_USEC_PER_SEC);
  (void) discovered;
  g_clear_pointer (&node, json_node_unref);
  node = jhk_incident_to_json (incident, NULL);
  g_assert_false (json_object_has_member (json_node_get_object (node), "timeline"));
}

/* R19-2 on PostgreSQL, through the users' own server roles
 * (0019-incidents.pg.sql): the office's incidents are its own, the
 * managers see all, the rows are written in the user's name, and a closed
 * incident changes no more. */
static void
test_pg_row_security (void)
{
  static const char *const steps[] = {
    "端末の状況を確認する||0",
    "被害の範囲を調べる|info_manager|1",
    NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) chuo = NULL, kanri_db = NULL, higashi_db = NULL, admin_db = NULL;
  g_autoptr(JhkDb) bucho_db = NULL, unyo_db = NULL;
  g_autoptr(JhkSession) shokuin = NULL, unyo = NULL, kanri = NULL, higashi = NULL;
  g_autoptr(JhkSession) admin = NULL, bucho = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);
  Fixture f = { 0 };
  JhkIncidentFacts facts;
  gint64 id, s1, s2;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  f.db = owner;
  f.now = jhk_now_us ();
  f.office = jhk_org_find_unit (owner, "910");
  f.playbook = insert_id (owner,
                          "INSERT INTO playbooks (code, builtin, retired, created_at, updated_at)"
                          " VALUES ('test-incidents', 0, 0, ?, ?) RETURNING id",
                          JHK_I (f.now), JHK_I (f.now), JHK_DB_END);
  f.version = add_version (&f, 1, steps);

  chuo = jhk_test_pg_open_as (dbname, "chuo-shokuin");
  shokuin = jhk_test_login (chuo, "chuo-shokuin");
  unyo_db = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (unyo_db, "chuo-unyo");
  kanri_db = jhk_test_pg_open_as (dbname, "chuo-kanri");
  kanri = jhk_test_login (kanri_db, "chuo-kanri");
  higashi_db = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi = jhk_test_login (higashi_db, "higashi-unyo");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  bucho_db = jhk_test_pg_open_as (dbname, "keiji-bucho");
  bucho = jhk_test_login (bucho_db, "keiji-bucho");

  /* Staff of the office open its incidents, in their own name. */
  facts = facts_of (&f, "照会端末の故障");
  id = jhk_incidents_open (chuo, shokuin, f.office, f.playbook, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (jhk_db_run (higashi_db, &error,
                              "INSERT INTO incidents (org_unit_id, title, occurred_at,"
                              " discovered_at, playbook_version_id, opened_by, opened_login,"
                              " created_at, updated_at) VALUES (?, 'x', 0, 0, ?, ?, 'x', 0, 0)",
                              JHK_I (f.office), JHK_I (f.version),
                              JHK_I (jhk_session_get_staff_id (higashi)), JHK_DB_END));
  g_clear_error (&error);

  /* Who sees it. */
  g_assert_null (jhk_incidents_get (higashi_db, higashi, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (jhk_test_query_int (higashi_db, "SELECT COUNT(*) FROM incident_steps"
                                                   " WHERE incident_id = ?",
                                       JHK_I (id), JHK_DB_END), ==, 0);
  g_assert_cmpint (jhk_test_query_int (higashi_db, "SELECT COUNT(*) FROM incidents"
                                                   " WHERE org_unit_id <> ?",
                                       JHK_I (jhk_org_find_unit (owner, "920")), JHK_DB_END),
                   ==, 0);
  {
    g_autoptr(JhkQueryModel) seen = jhk_incidents_list_model (bucho_db, bucho,
                                                              JHK_INCIDENTS_VISIBLE);
    g_autoptr(JhkIncident) by_admin = jhk_incidents_get (admin_db, admin, id, &error);

    g_assert_no_error (error);
    g_assert_true (has_row (seen, id));
    g_assert_cmpuint (by_admin->steps->len, ==, 2);
  }

  /* The checklist, in the users' names. */
  incident = jhk_incidents_get (chuo, shokuin, id, &error);
  g_assert_no_error (error);
  s1 = ((JhkIncidentStep *) g_ptr_array_index (incident->steps, 0))->id;
  s2 = ((JhkIncidentStep *) g_ptr_array_index (incident->steps, 1))->id;
  g_assert_true (jhk_incidents_step_done (chuo, shokuin, s1, "確認した", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_incidents_step_done (kanri_db, kanri, s2, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (kanri_db, &error,
                              "UPDATE incident_steps SET confirmed_by = done_by,"
                              " confirmed_at = 1 WHERE id = ?", JHK_I (s2), JHK_DB_END));
  g_clear_error (&error);
  g_assert_true (jhk_incidents_step_confirm (unyo_db, unyo, s2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_incidents_attach (chuo, shokuin, id, s1, "a.txt", NULL, bytes, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (higashi_db, &error,
                              "INSERT INTO incident_events (incident_id, at, kind)"
                              " VALUES (?, 0, 'note')", JHK_I (id), JHK_DB_END));
  g_clear_error (&error);
  g_assert_true (jhk_incidents_add_note (admin_db, admin, id, "本部で把握", &error));
  g_assert_no_error (error);
  /* Whoever wrote on the timeline is named to those who see it. */
  {
    g_autofree char *name = jhk_test_query_text (chuo, "SELECT name FROM staff WHERE id = ?",
                                                 JHK_I (jhk_session_get_staff_id (admin)),
                                                 JHK_DB_END);

    g_assert_cmpstr (name, ==, "佐藤 浩二");
  }
  {
    g_autoptr(JhkIncident) seen = jhk_incidents_get (unyo_db, unyo, id, &error);
    JhkIncidentStep *step = g_ptr_array_index (seen->steps, 1);

    g_assert_no_error (error);
    g_assert_cmpstr (step->done_by_name, ==, "山田 太郎");
  }

  /* The 運用管理者 corrects the facts: the links are replaced. */
  {
    gint64 business = jhk_org_find_business (owner, "B101");
    gint64 material = jhk_test_demo_chuo_material (owner, "1 = 1");
    g_autoptr(JhkIncident) seen = NULL;

    facts = facts_of (&f, "照会端末の故障（訂正）");
    facts.business_ids = &business;
    facts.n_business_ids = 1;
    facts.material_ids = &material;
    facts.n_material_ids = 1;
    g_assert_true (jhk_incidents_update_facts (unyo_db, unyo, id, &facts, &error));
    g_assert_no_error (error);
    g_assert_true (jhk_incidents_update_facts (unyo_db, unyo, id, &facts, &error));
    g_assert_no_error (error);
    seen = jhk_incidents_get (unyo_db, unyo, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (seen->business_ids->len, ==, 1);
    g_assert_cmpuint (seen->material_ids->len, ==, 1);
    g_assert_cmpstr (seen->title, ==, "照会端末の故障（訂正）");
  }

  /* Closed, it changes no more. */
  g_assert_true (jhk_incidents_close (unyo_db, unyo, id, "端末の定期点検を強化する", &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (admin_db, &error, "UPDATE incidents SET title = 'x' WHERE id = ?",
                              JHK_I (id), JHK_DB_END));
  g_clear_error (&error);
  g_assert_false (jhk_incidents_add_note (admin_db, admin, id, "追記", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM incident_steps"
                                              " WHERE incident_id = ? AND state = 'done'",
                                       JHK_I (id), JHK_DB_END), ==, 2);
  g_assert_false (jhk_db_run (chuo, &error,
                              "UPDATE incident_steps SET note = 'x' WHERE id = ?",
                              JHK_I (s1), JHK_DB_END) && jhk_db_changes (chuo) == 1);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/incidents/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("R19-2/open-copies-steps", test_open_copies_steps);
  ADD ("R19-2/open-by-staff", test_open_by_staff);
  ADD ("R19-2/open-refusals", test_open_refusals);
  ADD ("R19-2/step-rules", test_step_rules);
  ADD ("R19-2/step-roles", test_step_roles);
  ADD ("R19-2/version-kept", test_version_kept);
  ADD ("R19-2/attachments", test_attachments);
  ADD ("R19-2/close-then-read-only", test_close_read_only);
  ADD ("R19-2/timeline-one-event-per-write", test_timeline);
  ADD ("R19-2/lists", test_lists);
  ADD ("R19-2/json", test_json);
  /* The users' server roles: with `meson test --setup postgresql` only,
   * so that the default run stays without a cluster of its own. */
  if (jhk_test_backend_is_pg ())
    g_test_add_func ("/incidents/R19-2/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
