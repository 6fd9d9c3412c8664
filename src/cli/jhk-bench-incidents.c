/* jhk-bench-incidents.c: measured figures of the incidents (第19,
 * issue 7), never assertions. */
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-accounts.h"
#include "jhk-attention.h"
#include "jhk-bench-incidents.h"
#include "jhk-bench-private.h"
#include "jhk-demo.h"
#include "jhk-incident-report.h"
#include "jhk-incidents.h"
#include "jhk-playbooks.h"

#define FIRST_ROWS 50
#define SAMPLES 5
#define BIG_STEPS 60
#define BIG_EVENTS 200
#define TEN_YEARS_US (G_GINT64_CONSTANT (3652) * 86400 * G_USEC_PER_SEC)
#define HOUR_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static void
add_sample (GArray *samples,
            gint64  start)
{
  double ms = jhk_bench_ms_since (start);

  g_array_append_val (samples, ms);
}

/* n incidents discovered in id order over the last ten years, each office
 * of the demo taking them by a hash of the number: the last 1 % and one in
 * a thousand older ones open, one in fifty serious (a draft report when
 * open, acknowledged when closed), one in seven of the open ones asking
 * the システム管理者 for recovery and one in seven under a business
 * manager's investigation; their steps the first five of the playbook
 * version's (two done when open, all when closed), one "opened" event
 * each. */
static gboolean
fill_incidents (JhkDb   *db,
                gint64   n,
                gint64   now,
                GError **error)
{
  g_autofree char *incidents = NULL;
  gint64 start = now - TEN_YEARS_US;
  gint64 step = MAX (TEN_YEARS_US / n, 1);
  static const char steps[] =
    "INSERT INTO incident_steps (incident_id, position, text, role, minutes,"
    " needs_confirmation, evidence, state, done_by, done_at, confirmed_by, confirmed_at)"
    " SELECT i.id, ps.position, ps.text, ps.role, ps.minutes, ps.needs_confirmation,"
    "  ps.evidence,"
    "  CASE WHEN i.status = 'closed' OR ps.position <= 2 THEN 'done' ELSE 'pending' END,"
    "  CASE WHEN i.status = 'closed' OR ps.position <= 2 THEN i.opened_by END,"
    "  CASE WHEN i.status = 'closed' OR ps.position <= 2"
    "   THEN i.discovered_at + ps.position * 600000000 END,"
    "  CASE WHEN i.status = 'closed' AND ps.needs_confirmation = 1 THEN i.closed_by END,"
    "  CASE WHEN i.status = 'closed' AND ps.needs_confirmation = 1"
    "   THEN i.discovered_at + 3600000000 END"
    " FROM incidents i JOIN playbook_steps ps ON ps.version_id = i.playbook_version_id"
    "  AND ps.position <= 5"
    " WHERE i.opened_login = 'bench'";
  static const char events[] =
    "INSERT INTO incident_events (incident_id, at, staff_id, actor_name, kind, text)"
    " SELECT id, discovered_at, opened_by, 'ベンチ 太郎', 'opened', title FROM incidents"
    " WHERE opened_login = 'bench'";

  /* opened_by: the first staff member; closed_by (who confirmed): the
   * last, so that they differ. */
  incidents = g_strdup_printf (
    "INSERT INTO incidents (org_unit_id, status, title, description, occurred_at,"
    " discovered_at, systems, terminals, damage, stop_minutes, leak, playbook_version_id,"
    " recovery_state, recovery_to, recovery_business_id, recovery_request,"
    " recovery_requested_by, recovery_requested_at, investigation, investigated_by,"
    " investigated_at, recovery_result, recovery_finished_at, serious, serious_reason,"
    " serious_at, report_state, report_summary, report_due_at, reported_by, reported_at,"
    " supervisor_ack_by, supervisor_ack_at, dept_head_ack_by, dept_head_ack_at, prevention,"
    " opened_by, opened_login, created_at, updated_at, closed_by, closed_at)"
    " WITH RECURSIVE n(i) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT i + 1 FROM n"
    "   WHERE i + 1 < %" G_GINT64_FORMAT "),"
    " o(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM org_units"
    "   WHERE kind = 'office'),"
    " v(id, k) AS (SELECT current_version_id, ROW_NUMBER() OVER (ORDER BY id) - 1"
    "   FROM playbooks WHERE retired = 0 AND current_version_id IS NOT NULL),"
    " b(id) AS (SELECT MIN(id) FROM businesses WHERE approved_at IS NOT NULL),"
    " s(a, z) AS (SELECT MIN(id), MAX(id) FROM staff),"
    " h(i, x, at, op, se, rc) AS (SELECT i, (i * 7919) %% 1000003,"
    "   %" G_GINT64_FORMAT " + i * %" G_GINT64_FORMAT ","
    "   CASE WHEN i >= %" G_GINT64_FORMAT " OR i %% 1000 = 0 THEN 1 ELSE 0 END,"
    "   CASE WHEN i %% 50 = 3 THEN 1 ELSE 0 END, i %% 7 FROM n),"
    " r(i, x, at, op, se, st, rt) AS (SELECT i, x, at, op, se,"
    "   CASE WHEN op = 1 AND rc = 0 THEN 'requested' WHEN op = 1 AND rc = 1 THEN 'investigating'"
    "     WHEN op = 0 AND rc = 0 THEN 'finished' ELSE '' END,"
    "   CASE WHEN rc = 0 THEN 'sysadmin' WHEN op = 1 AND rc = 1 THEN 'business' ELSE '' END"
    "   FROM h)"
    " SELECT o.id, CASE r.op WHEN 1 THEN 'open' ELSE 'closed' END,"
    "  CASE r.x %% 4 WHEN 0 THEN '端末装置の故障 ' WHEN 1 THEN 'ネットワークの障害 '"
    "   WHEN 2 THEN '資料の紛失 ' ELSE '停電による停止 ' END || CAST(r.i AS TEXT),"
    "  '当直員が発見し、運用管理者に報告した。画面の表示を記録し、端末装置の使用を中止した。',"
    "  r.at - %" G_GINT64_FORMAT ", r.at, '情報管理システム', 'T-' || CAST(r.x %% 40 AS TEXT),"
    "  r.se * (r.x %% 2), CASE WHEN r.se = 1 THEN 180 ELSE r.x %% 60 END, 0, v.id,"
    "  r.st, r.rt, CASE WHEN r.rt = 'business' THEN b.id END,"
    "  CASE WHEN r.st <> '' THEN '復旧の支援を求める' ELSE '' END,"
    "  CASE WHEN r.st <> '' THEN s.a END, CASE WHEN r.st <> '' THEN r.at + %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.st IN ('investigating', 'finished') THEN '調査の結果' ELSE '' END,"
    "  CASE WHEN r.st IN ('investigating', 'finished') THEN s.z END,"
    "  CASE WHEN r.st IN ('investigating', 'finished') THEN r.at + 2 * %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.st = 'finished' THEN '復旧した' ELSE '' END,"
    "  CASE WHEN r.st = 'finished' THEN r.at + 3 * %" G_GINT64_FORMAT " END,"
    "  r.se, CASE WHEN r.se = 1 THEN '対象業務の停止 180 分' ELSE '' END,"
    "  CASE WHEN r.se = 1 THEN r.at END,"
    "  CASE WHEN r.se = 0 THEN '' WHEN r.op = 1 THEN 'draft' ELSE 'acknowledged' END,"
    "  CASE WHEN r.se = 1 THEN '概要' ELSE '' END,"
    "  CASE WHEN r.se = 1 THEN r.at + 72 * %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN s.z END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN r.at + 24 * %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN s.a END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN r.at + 48 * %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN s.z END,"
    "  CASE WHEN r.se = 1 AND r.op = 0 THEN r.at + 48 * %" G_GINT64_FORMAT " END,"
    "  CASE WHEN r.op = 0 THEN '手順書を見直し、点検を毎月とした' ELSE '' END,"
    "  s.a, 'bench', r.at, r.at, CASE WHEN r.op = 0 THEN s.z END,"
    "  CASE WHEN r.op = 0 THEN r.at + 120 * %" G_GINT64_FORMAT " END"
    " FROM r JOIN o ON o.k = r.x %% (SELECT COUNT(*) FROM o)"
    " JOIN v ON v.k = (r.x / 3) %% (SELECT COUNT(*) FROM v) CROSS JOIN b CROSS JOIN s",
    n, start, step, n - n / 100, HOUR_US, HOUR_US, HOUR_US, HOUR_US, HOUR_US, HOUR_US,
    HOUR_US, HOUR_US, HOUR_US);

  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!jhk_db_exec (db, incidents, error) || !jhk_db_exec (db, steps, error) ||
      !jhk_db_exec (db, events, error))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  return jhk_db_commit (db, error);
}

/* One open serious incident of 中央警察署 (910) found a day ago, with
 * BIG_STEPS steps (the first third done) and BIG_EVENTS events. Returns
 * its id, 0 on error. */
static gint64
add_big_incident (JhkDb   *db,
                  gint64   now,
                  GError **error)
{
  g_autofree char *steps = NULL;
  g_autofree char *events = NULL;
  gint64 id = 0;
  gint64 at = now - 24 * HOUR_US;

  steps = g_strdup_printf (
    "INSERT INTO incident_steps (incident_id, position, text, role, minutes,"
    " needs_confirmation, evidence, state, done_by, done_at)"
    " WITH RECURSIVE n(p) AS (SELECT 1 UNION ALL SELECT p + 1 FROM n WHERE p < %d)"
    " SELECT i.id, n.p, '手順 ' || CAST(n.p AS TEXT) || ': 状況を確認し、記録する',"
    "  CASE n.p %% 3 WHEN 0 THEN 'staff' WHEN 1 THEN 'ops_manager' ELSE '' END, 10,"
    "  CASE WHEN n.p %% 5 = 0 THEN 1 ELSE 0 END, '',"
    "  CASE WHEN n.p <= %d THEN 'done' ELSE 'pending' END,"
    "  CASE WHEN n.p <= %d THEN i.opened_by END,"
    "  CASE WHEN n.p <= %d THEN i.discovered_at + n.p * 60000000 END"
    " FROM incidents i CROSS JOIN n WHERE i.opened_login = 'bench-big'",
    BIG_STEPS, BIG_STEPS / 3, BIG_STEPS / 3, BIG_STEPS / 3);
  events = g_strdup_printf (
    "INSERT INTO incident_events (incident_id, at, staff_id, actor_name, kind, text)"
    " WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < %d)"
    " SELECT i.id, i.discovered_at + n.k * 30000000, i.opened_by, 'ベンチ 太郎',"
    "  CASE n.k %% 3 WHEN 0 THEN 'note' WHEN 1 THEN 'step_done' ELSE 'facts' END,"
    "  '経過 ' || CAST(n.k AS TEXT) || ': 端末装置の状態を確認し、保守業者に連絡した'"
    " FROM incidents i CROSS JOIN n WHERE i.opened_login = 'bench-big'",
    BIG_EVENTS);

  if (!jhk_db_begin (db, error))
    return 0;
  if (!jhk_db_run (db, error,
                   "INSERT INTO incidents (org_unit_id, status, title, description, occurred_at,"
                   " discovered_at, systems, terminals, stop_minutes, playbook_version_id,"
                   " serious, serious_reason, serious_at, report_state, report_summary,"
                   " report_due_at, opened_by, opened_login, created_at, updated_at)"
                   " SELECT o.id, 'open', '基幹系サーバの停止（ベンチ）',"
                   "  'サーバ室の空調停止により基幹系サーバが停止した。', ?, ?,"
                   "  '情報管理システム', '全端末', 240,"
                   "  (SELECT MIN(current_version_id) FROM playbooks WHERE retired = 0),"
                   "  1, '対象業務の停止 240 分', ?, 'draft', '概要', ?,"
                   "  (SELECT MIN(id) FROM staff), 'bench-big', ?, ?"
                   " FROM org_units o WHERE o.code = '910'",
                   JHK_I (at - HOUR_US), JHK_I (at), JHK_I (at), JHK_I (at + 72 * HOUR_US),
                   JHK_I (at), JHK_I (at), JHK_DB_END) ||
      !jhk_db_exec (db, steps, error) || !jhk_db_exec (db, events, error) ||
      !jhk_db_query_int64 (db, &id, error,
                           "SELECT id FROM incidents WHERE opened_login = 'bench-big'",
                           JHK_DB_END))
    {
      jhk_db_rollback (db);
      return 0;
    }
  if (!jhk_db_commit (db, error))
    return 0;
  return id;
}

static void
read_first_rows (JhkQueryModel *model)
{
  guint n = MIN (FIRST_ROWS, g_list_model_get_n_items (G_LIST_MODEL (model)));

  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
}

/* The lists as the incidents page opens them, for one actor: each scope's
 * first page, then the VISIBLE list filtered by a word and to serious
 * incidents. */
static void
measure_lists (JhkDb          *db,
               JhkSession     *actor,
               const char     *who,
               JhkBenchReport *r)
{
  static const struct
  {
    JhkIncidentsScope  scope;
    const char        *name;
  } scopes[] = {
    { JHK_INCIDENTS_VISIBLE, "visible" },
    { JHK_INCIDENTS_OPEN, "open" },
    { JHK_INCIDENTS_RECOVERY, "recovery" },
    { JHK_INCIDENTS_REPORTS, "reports" },
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(JhkQueryModel) visible = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autofree char *ms_name = g_strdup_printf ("incidents_list_%s_%s_ms", who,
                                                  scopes[i].name);
      g_autofree char *rows_name = g_strdup_printf ("incidents_list_%s_%s_rows", who,
                                                    scopes[i].name);
      guint n_rows = 0;

      g_array_set_size (samples, 0);
      for (int k = 0; k < SAMPLES; k++)
        {
          g_autoptr(JhkQueryModel) model = NULL;
          gint64 start = g_get_monotonic_time ();

          model = jhk_incidents_list_model (db, actor, scopes[i].scope);
          read_first_rows (model);
          add_sample (samples, start);
          n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, rows_name, n_rows, "");
    }

  /* The search field and the serious switch on the open page: from the
   * unfiltered list each time. */
  visible = jhk_incidents_list_model (db, actor, JHK_INCIDENTS_VISIBLE);
  for (int f = 0; f < 2; f++)
    {
      g_autofree char *ms_name = g_strdup_printf ("incidents_list_%s_%s_ms", who,
                                                  f == 0 ? "text" : "serious");
      g_autofree char *rows_name = g_strdup_printf ("incidents_list_%s_%s_rows", who,
                                                    f == 0 ? "text" : "serious");

      g_array_set_size (samples, 0);
      for (int k = 0; k < SAMPLES; k++)
        {
          gint64 start;

          jhk_incidents_list_model_set_filter (visible, NULL, 0, NULL, FALSE);
          start = g_get_monotonic_time ();
          if (f == 0)
            jhk_incidents_list_model_set_filter (visible, NULL, 0, "ネットワーク", FALSE);
          else
            jhk_incidents_list_model_set_filter (visible, NULL, 0, NULL, TRUE);
          read_first_rows (visible);
          add_sample (samples, start);
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, rows_name, g_list_model_get_n_items (G_LIST_MODEL (visible)), "");
    }
}

/* The big incident read as its page reads it. */
static gboolean
measure_get (JhkDb           *db,
             JhkSession      *actor,
             const char      *who,
             gint64           incident_id,
             JhkBenchReport  *r,
             GError         **error)
{
  g_autoptr(GArray) get_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) timeline_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *get_name = g_strdup_printf ("incident_get_%s_ms", who);
  g_autofree char *timeline_name = g_strdup_printf ("incident_timeline_%s_ms", who);
  guint n_steps = 0, n_events = 0;

  for (int k = 0; k < SAMPLES; k++)
    {
      g_autoptr(JhkIncident) incident = NULL;
      g_autoptr(GPtrArray) timeline = NULL;
      gint64 start = g_get_monotonic_time ();

      incident = jhk_incidents_get (db, actor, incident_id, error);
      if (incident == NULL)
        return FALSE;
      add_sample (get_samples, start);
      start = g_get_monotonic_time ();
      timeline = jhk_incidents_timeline (db, actor, incident_id, error);
      if (timeline == NULL)
        return FALSE;
      add_sample (timeline_samples, start);
      n_steps = incident->steps->len;
      n_events = timeline->len;
    }
  jhk_bench_report (r, get_name, jhk_bench_median (get_samples), "ms");
  jhk_bench_report (r, timeline_name, jhk_bench_median (timeline_samples), "ms");
  if (g_str_equal (who, "office"))
    {
      jhk_bench_report (r, "incident_big_steps", n_steps, "");
      jhk_bench_report (r, "incident_big_events", n_events, "");
    }
  return TRUE;
}

/* The open incidents as plain structs (steps, attachments and report
 * loaded), as the dashboard reads them to find the steps waiting. */
static gboolean
measure_open_structs (JhkDb           *db,
                      JhkSession      *actor,
                      const char      *who,
                      JhkBenchReport  *r,
                      GError         **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *ms_name = g_strdup_printf ("incidents_list_structs_%s_open_ms", who);
  g_autofree char *rows_name = g_strdup_printf ("incidents_list_structs_%s_open_rows", who);
  guint n_rows = 0;

  for (int k = 0; k < SAMPLES; k++)
    {
      g_autoptr(GPtrArray) list = NULL;
      gint64 start = g_get_monotonic_time ();

      list = jhk_incidents_list (db, actor, JHK_INCIDENTS_OPEN, error);
      if (list == NULL)
        return FALSE;
      add_sample (samples, start);
      n_rows = list->len;
    }
  jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
  jhk_bench_report (r, rows_name, n_rows, "");
  return TRUE;
}

static gboolean
measure_attention (JhkDb           *db,
                   JhkBenchReport  *r,
                   GError         **error)
{
  static const char *const logins[] = { "chuo-unyo", "admin", "soukatsu", "keiji-bucho" };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(JhkSession) actor = jhk_accounts_authenticate (db, logins[i], JHK_DEMO_PASSWORD,
                                                               "bench", error);
      g_autofree char *ms_name = g_strdup_printf ("dashboard_incidents_%s_ms", logins[i]);
      g_autofree char *n_name = g_strdup_printf ("dashboard_incidents_%s_count", logins[i]);
      guint total = 0;

      if (actor == NULL)
        return FALSE;
      g_array_set_size (samples, 0);
      for (int k = 0; k < SAMPLES; k++)
        {
          g_autoptr(GPtrArray) items = NULL;
          gint64 start = g_get_monotonic_time ();

          items = jhk_attention_incidents (db, actor);
          add_sample (samples, start);
          total = 0;
          for (guint j = 0; j < items->len; j++)
            total += ((JhkAttentionItem *) g_ptr_array_index (items, j))->count;
        }
      jhk_bench_report (r, ms_name, jhk_bench_median (samples), "ms");
      jhk_bench_report (r, n_name, total, "");
    }
  return TRUE;
}

/* A step done by the 運用管理者: the write, its audit entry and its event
 * in one transaction. */
static gboolean
measure_step_done (JhkDb           *db,
                   JhkSession      *actor,
                   gint64           incident_id,
                   JhkBenchReport  *r,
                   GError         **error)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int k = 0; k < SAMPLES; k++)
    {
      gint64 step_id = 0, start;

      if (!jhk_db_query_int64 (db, &step_id, error,
                               "SELECT MIN(id) FROM incident_steps"
                               " WHERE incident_id = ? AND state = 'pending'",
                               JHK_I (incident_id), JHK_DB_END))
        return FALSE;
      start = g_get_monotonic_time ();
      if (!jhk_incidents_step_done (db, actor, step_id, "ベンチ", error))
        return FALSE;
      add_sample (samples, start);
    }
  jhk_bench_report (r, "incident_step_done_ms", jhk_bench_median (samples), "ms");
  return TRUE;
}

/* The 事故報告書 of the big incident: read, then written as PDF. */
static gboolean
measure_report_form (JhkDb           *db,
                     JhkSession      *actor,
                     gint64           incident_id,
                     JhkBenchReport  *r,
                     GError         **error)
{
  g_autoptr(GArray) load_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  g_autofree char *path = NULL;
  guint n_pages = 0;
  GStatBuf st;
  double kb = 0;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "report.pdf", NULL);
  for (int k = 0; k < SAMPLES; k++)
    {
      g_autoptr(JhkIncidentReportForm) form = NULL;
      gint64 start = g_get_monotonic_time ();

      form = jhk_incident_report_form_load (db, actor, incident_id, error);
      if (form == NULL)
        break;
      add_sample (load_samples, start);
      start = g_get_monotonic_time ();
      if (!jhk_incident_report_form_write_pdf (form, path, error))
        break;
      add_sample (pdf_samples, start);
      n_pages = jhk_incident_report_form_get_n_pages (form);
      if (g_stat (path, &st) == 0)
        kb = st.st_size / 1024.0;
      g_unlink (path);
    }
  g_rmdir (dir);
  if (pdf_samples->len < SAMPLES)
    return FALSE;
  jhk_bench_report (r, "incident_report_form_load_ms", jhk_bench_median (load_samples), "ms");
  jhk_bench_report (r, "incident_report_pdf_ms", jhk_bench_median (pdf_samples), "ms");
  jhk_bench_report (r, "incident_report_pdf_pages", n_pages, "");
  jhk_bench_report (r, "incident_report_pdf_kb", kb, "KB");
  return TRUE;
}

/* The playbook library: its list, and an export imported back (every
 * playbook unchanged). */
static gboolean
measure_playbooks (JhkDb           *db,
                   JhkSession      *admin,
                   JhkBenchReport  *r,
                   GError         **error)
{
  g_autoptr(GArray) list_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_rows = 0, unchanged = 0;
  gsize length = 0;

  for (int k = 0; k < SAMPLES; k++)
    {
      g_autoptr(JhkQueryModel) model = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JhkPlaybookImport) result = NULL;
      g_autofree char *text = NULL;
      gint64 start = g_get_monotonic_time ();

      model = jhk_playbooks_list_model (db, TRUE);
      read_first_rows (model);
      add_sample (list_samples, start);
      n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));

      start = g_get_monotonic_time ();
      node = jhk_playbooks_export (db, NULL, 0, error);
      if (node == NULL)
        return FALSE;
      text = json_to_string (node, FALSE);
      add_sample (export_samples, start);
      length = strlen (text);

      start = g_get_monotonic_time ();
      result = jhk_playbooks_import (db, admin, text, length, FALSE, error);
      if (result == NULL)
        return FALSE;
      add_sample (import_samples, start);
      if (result->errors->len > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The exported playbooks were refused: %s"),
                       (const char *) g_ptr_array_index (result->errors, 0));
          return FALSE;
        }
      unchanged = result->unchanged;
    }
  jhk_bench_report (r, "playbooks_list_ms", jhk_bench_median (list_samples), "ms");
  jhk_bench_report (r, "playbooks_list_rows", n_rows, "");
  jhk_bench_report (r, "playbooks_export_ms", jhk_bench_median (export_samples), "ms");
  jhk_bench_report (r, "playbooks_export_kb", length / 1024.0, "KB");
  jhk_bench_report (r, "playbooks_import_ms", jhk_bench_median (import_samples), "ms");
  jhk_bench_report (r, "playbooks_import_unchanged", unchanged, "");
  return TRUE;
}

static gboolean
run (JhkDb           *db,
     JhkBenchReport  *r,
     gint64           n_incidents,
     GError         **error)
{
  g_autoptr(JhkSession) office = NULL;
  g_autoptr(JhkSession) admin = NULL;
  gint64 now = jhk_now_us ();
  gint64 start, big, count = 0;

  start = g_get_monotonic_time ();
  if (!fill_incidents (db, n_incidents, now, error) ||
      (big = add_big_incident (db, now, error)) == 0)
    return FALSE;
  jhk_bench_report (r, "incidents_fill_s", jhk_bench_ms_since (start) / 1000.0, "s");
  if (!jhk_db_query_int64 (db, &count, error, "SELECT COUNT(*) FROM incidents", JHK_DB_END))
    return FALSE;
  jhk_bench_report (r, "incidents", count, "");
  if (!jhk_db_query_int64 (db, &count, error,
                           "SELECT COUNT(*) FROM incidents WHERE status = 'open'", JHK_DB_END))
    return FALSE;
  jhk_bench_report (r, "incidents_open", count, "");
  if (!jhk_db_query_int64 (db, &count, error, "SELECT COUNT(*) FROM incident_steps", JHK_DB_END))
    return FALSE;
  jhk_bench_report (r, "incident_steps", count, "");
  if (!jhk_db_query_int64 (db, &count, error, "SELECT COUNT(*) FROM incident_events",
                           JHK_DB_END))
    return FALSE;
  jhk_bench_report (r, "incident_events", count, "");

  office = jhk_accounts_authenticate (db, "chuo-unyo", JHK_DEMO_PASSWORD, "bench", error);
  if (office == NULL)
    return FALSE;
  admin = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "bench", error);
  if (admin == NULL)
    return FALSE;

  measure_lists (db, office, "office", r);
  measure_lists (db, admin, "admin", r);
  return measure_get (db, office, "office", big, r, error) &&
         measure_get (db, admin, "admin", big, r, error) &&
         measure_open_structs (db, office, "office", r, error) &&
         measure_open_structs (db, admin, "admin", r, error) &&
         measure_attention (db, r, error) &&
         measure_step_done (db, office, big, r, error) &&
         measure_report_form (db, office, big, r, error) &&
         measure_playbooks (db, admin, r, error);
}

gboolean
jhk_bench_run_incidents (const char  *uri,
                         gint64       n_incidents,
                         gboolean     json,
                         GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(JhkDb) db = NULL;
  JhkBenchReport r = { builder, json };
  gboolean ok;

  (void) uri;
  g_return_val_if_fail (n_incidents > 0, FALSE);

  dir = g_dir_make_tmp ("jhk-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  db_path = g_build_filename (dir, "bench.db", NULL);
  if (!json)
    g_print (_("Incidents on a scratch SQLite database: %s\n"), db_path);

  json_builder_begin_object (builder);
  jhk_bench_report_text (&r, "backend", "sqlite");
  db = jhk_db_open (db_path, JHK_DB_OPEN_CREATE, error);
  ok = db != NULL && jhk_demo_populate (db, error) && run (db, &r, n_incidents, error);
  json_builder_end_object (builder);
  if (ok && json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  g_clear_object (&db);
  jhk_bench_remove_db (db_path);
  g_rmdir (dir);
  return ok;
}
