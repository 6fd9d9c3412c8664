/* jhk-demo-incidents.c: the demo's 事故対処 (第19, R19-1..5), through the
 * services as the offices and the 管理者等 would use them, each write under
 * the login of the one whose step it is and at its own time in the past
 * (the clock overridden, as jhk-demo-inquiries.c does for its imports).
 *
 * The playbook library is the one migration 0020 ships. The incidents,
 * one in every state:
 *
 *   中央 端末装置の故障      open, reported by an officer with the screen's
 *                            record attached, steps 1-4 done, step 4 waiting
 *                            for its confirmation; the rest pending
 *   中央 サーバ等の障害      open, recovery requested of the システム管理者,
 *                            investigating, staff dispatched
 *   中央 個人情報出力資料の紛失  serious (leak, a real personal-data output of
 *                            the office's ledger), report reported and
 *                            acknowledged by the 総括責任者 only: the
 *                            主管部長 has it to acknowledge
 *   中央 FAX の誤送信        serious, report still a draft and overdue
 *   中央 ネットワーク断      closed: recovery asked of the システム管理者 and
 *                            finished, a step skipped, with prevention
 *   中央 マルウェア感染の疑い  closed, serious, report acknowledged by both
 *   東   停電・災害          open at another office, recovery requested of
 *                            the システム管理者 and not yet taken up
 */

#include "jhk-accounts.h"
#include "jhk-demo-private.h"
#include "jhk-incidents.h"
#include "jhk-org.h"
#include "jhk-playbooks.h"
#include "jhk-session.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

typedef struct
{
  JhkDb      *db;
  gint64      now;        /* the demo's present */
  JhkSession *admin;      /* システム管理者 */
  JhkSession *supervisor; /* 総括責任者 */
  JhkSession *dept_head;  /* 主管部長 */
  JhkSession *unyo;       /* 運用管理者 中央 */
  JhkSession *sekinin;    /* 情報管理責任者 中央 */
  JhkSession *shokuin;    /* staff of 中央 */
  JhkSession *higashi;    /* 運用管理者 東 */
} Demo;

static JhkSession *
login (JhkDb       *db,
       const char  *name,
       GError     **error)
{
  return jhk_session_load (db, jhk_accounts_lookup (db, name), NULL, error);
}

/* The services' clock, ago before the demo's present. */
static void
at (Demo   *d,
    gint64  ago)
{
  jhk_set_clock_override (d->now - ago);
}

/* Opens an incident of office with the playbook of code, discovered
 * discovered_ago before the present and opened five minutes later. */
static gint64
open_incident (Demo              *d,
               JhkSession        *actor,
               const char        *office,
               const char        *code,
               JhkIncidentFacts  *facts,
               gint64             occurred_ago,
               gint64             discovered_ago,
               GError           **error)
{
  g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (d->db, code, error);

  if (playbook == NULL)
    return 0;
  facts->occurred_at = d->now - occurred_ago;
  facts->discovered_at = d->now - discovered_ago;
  at (d, discovered_ago - 5 * MINUTE);
  return jhk_incidents_open (d->db, actor, jhk_org_find_unit (d->db, office), playbook->id, facts,
                             error);
}

/* The step at position (from 1) of the incident. */
static gint64
step_id (Demo     *d,
         gint64    incident_id,
         int       position,
         GError  **error)
{
  g_autoptr(JhkIncident) incident = jhk_incidents_get (d->db, d->admin, incident_id, error);

  if (incident == NULL)
    return 0;
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      if (step->position == position)
        return step->id;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "demo: incident %lld has no step %d",
               (long long) incident_id, position);
  return 0;
}

/* Does steps first..last (each note NULL) as actor, one every ten
 * minutes from ago on. */
static gboolean
do_steps (Demo        *d,
          JhkSession  *actor,
          gint64       incident_id,
          int          first,
          int          last,
          gint64       ago,
          GError     **error)
{
  for (int position = first; position <= last; position++)
    {
      gint64 id = step_id (d, incident_id, position, error);

      if (id == 0)
        return FALSE;
      at (d, ago - (position - first) * 10 * MINUTE);
      if (!jhk_incidents_step_done (d->db, actor, id, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Resolves every pending step as actor from ago on, one every ten
 * minutes; skips the step at skip (0: none) with reason; confirmer
 * confirms what needs it. */
static gboolean
resolve_all (Demo        *d,
             JhkSession  *actor,
             JhkSession  *confirmer,
             gint64       incident_id,
             int          skip,
             const char  *reason,
             gint64       ago,
             GError     **error)
{
  g_autoptr(JhkIncident) incident = jhk_incidents_get (d->db, d->admin, incident_id, error);

  if (incident == NULL)
    return FALSE;
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      if (g_strcmp0 (step->state, "pending") != 0)
        continue;
      at (d, ago);
      ago -= 10 * MINUTE;
      if (step->position == skip)
        {
          if (!jhk_incidents_step_skip (d->db, actor, step->id, reason, error))
            return FALSE;
          continue;
        }
      if (!jhk_incidents_step_done (d->db, actor, step->id, NULL, error))
        return FALSE;
      if (step->needs_confirmation)
        {
          at (d, ago + 5 * MINUTE);
          if (!jhk_incidents_step_confirm (d->db, confirmer, step->id, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Saves the report drafted from the record with the demo's words over it,
 * as actor, at ago. */
static gboolean
save_report (Demo        *d,
             JhkSession  *actor,
             gint64       incident_id,
             const char  *leaked_items,
             int          persons,
             const char  *cause,
             const char  *secondary_risk,
             const char  *response,
             const char  *publication,
             const char  *prevention,
             gint64       ago,
             GError     **error)
{
  g_autoptr(JhkIncident) incident = jhk_incidents_get (d->db, d->admin, incident_id, error);
  JhkIncidentReport *report;
  gboolean ok;

  if (incident == NULL)
    return FALSE;
  report = jhk_incidents_draft_report (d->db, incident);
  if (report == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "demo: no report drafted for %lld",
                   (long long) incident_id);
      return FALSE;
    }
#define SET(field, value) \
  G_STMT_START { if ((value) != NULL) { g_free (report->field); report->field = g_strdup (value); } } G_STMT_END
  SET (leaked_items, leaked_items);
  SET (cause, cause);
  SET (secondary_risk, secondary_risk);
  SET (response_to_persons, response);
  SET (publication, publication);
  SET (prevention, prevention);
#undef SET
  report->persons = persons;
  at (d, ago);
  ok = jhk_incidents_save_report (d->db, actor, incident_id, report, error);
  jhk_incident_report_free (report);
  return ok;
}

/* 中央 端末装置の故障: reported by the staff, who do the first steps; the
 * 運用管理者 secured the materials (step 4), waiting for a second person. */
static gboolean
demo_terminal (Demo    *d,
               GError **error)
{
  const gint64 businesses[] = { jhk_org_find_business (d->db, "B101") };
  JhkIncidentFacts facts = {
    .title = "刑事課の照合端末が起動しない",
    .description = "始業時に刑事課の指紋照合端末（端末番号 T-0913-02）の電源を入れたところ、"
                   "起動途中で停止し、エラー表示のまま操作を受け付けない。異音・発煙はない。",
    .systems = "指紋照合システム",
    .terminals = "T-0913-02",
    .business_ids = businesses,
    .n_business_ids = G_N_ELEMENTS (businesses),
  };
  gint64 id = open_incident (d, d->shokuin, "910", "terminal-failure", &facts,
                             3 * HOUR, 3 * HOUR - 5 * MINUTE, error);

  static const char screen[] = "2026 年 起動時の画面表示\n"
                               "BOOT ERROR 0x0000007B: 記憶装置を認識できません。\n"
                               "操作: 電源の再投入 1 回（改善なし）\n";
  g_autoptr(GBytes) evidence = g_bytes_new_static (screen, sizeof screen - 1);
  gint64 step;

  if (id == 0 || !do_steps (d, d->shokuin, id, 1, 3, 2 * HOUR + 45 * MINUTE, error) ||
      (step = step_id (d, id, 1, error)) == 0)
    return FALSE;
  at (d, 2 * HOUR + 20 * MINUTE);
  return jhk_incidents_attach (d->db, d->shokuin, id, step, "画面表示の記録.txt",
                               "text/plain", evidence, error) != 0 &&
         do_steps (d, d->unyo, id, 4, 4, 2 * HOUR, error);
}

/* 中央 サーバ等の障害: the office asked the システム管理者, who is
 * investigating and sent a member of the システム係. */
static gboolean
demo_server (Demo    *d,
             GError **error)
{
  const gint64 businesses[] = { jhk_org_find_business (d->db, "B101") };
  JhkIncidentFacts facts = {
    .title = "指紋照合システムにログインできない",
    .description = "署内の全ての照合端末で指紋照合システムへのログインが失敗し、"
                   "「サーバに接続できません」と表示される。端末・ネットワークに異常は見られない。",
    .systems = "指紋照合システム（照合サーバ）",
    .terminals = "T-0913-01, T-0913-02, T-0913-03",
    .business_ids = businesses,
    .n_business_ids = G_N_ELEMENTS (businesses),
    .stop_minutes = 45,
  };
  gint64 id = open_incident (d, d->unyo, "910", "server-failure", &facts,
                             27 * HOUR, 26 * HOUR + 50 * MINUTE, error);

  if (id == 0 || !do_steps (d, d->unyo, id, 1, 2, 26 * HOUR + 30 * MINUTE, error))
    return FALSE;
  at (d, 26 * HOUR);
  if (!jhk_incidents_request_recovery (d->db, d->unyo, id, "sysadmin", 0,
                                       "署内で再起動等を試みたが復旧しない。照合サーバの確認と復旧作業を"
                                       "依頼する。", error))
    return FALSE;
  at (d, 25 * HOUR);
  if (!jhk_incidents_investigate (d->db, d->admin, id,
                                  "照合サーバの認証サービスが停止している。記憶装置の警告を確認中。",
                                  error))
    return FALSE;
  at (d, 24 * HOUR);
  return jhk_incidents_dispatch (d->db, d->admin, id, "中村 真理（情報管理課 システム係長）",
                                 d->now - 24 * HOUR - 30 * MINUTE, error);
}

/* 中央 個人情報出力資料の紛失: serious at once (leak), reported in time,
 * acknowledged by the 総括責任者; the 主管部長 has not yet. */
static gboolean
demo_output_loss (Demo    *d,
                  GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 material = 0;
  gint64 id;
  JhkIncidentFacts facts = {
    .title = "個人情報を含む出力資料の所在不明",
    .description = "保管庫の点検で、指紋照合結果一覧表 1 部の所在が確認できない。"
                   "前日の交付後、返却の記録がない。",
    .systems = "指紋照合システム",
    .leak = TRUE,
  };
  gint64 businesses[] = { jhk_org_find_business (d->db, "B101") };

  if (!jhk_db_query_int64 (d->db, &material, &local,
                           "SELECT COALESCE (MIN(m.id), 0) FROM materials m"
                           " JOIN org_units o ON o.id = m.org_unit_id"
                           " WHERE o.code = '910' AND m.personal_data = 1"
                           " AND m.direction = 'output' AND m.status = 'stored'", JHK_DB_END))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  facts.business_ids = businesses;
  facts.n_business_ids = G_N_ELEMENTS (businesses);
  facts.material_ids = material != 0 ? &material : NULL;
  facts.n_material_ids = material != 0 ? 1 : 0;
  id = open_incident (d, d->unyo, "910", "output-loss", &facts,
                      4 * DAY + 6 * HOUR, 4 * DAY, error);
  return id != 0 &&
         do_steps (d, d->unyo, id, 1, 2, 4 * DAY - 30 * MINUTE, error) &&
         save_report (d, d->unyo, id, "氏名、生年月日、指紋照合の結果", 12,
                      "交付後の返却確認を怠り、保管庫への返却を記録しなかった。",
                      "署外への持出しは確認されていないが、否定できない。",
                      "対象者への通知を準備中。", "公表しない（捜査上の支障）。",
                      "交付時と返却時の照合を二人で行い、日ごとに残数を確認する。",
                      4 * DAY - 2 * HOUR, error) &&
         (at (d, 4 * DAY - 3 * HOUR), jhk_incidents_submit_report (d->db, d->admin, id, error)) &&
         (at (d, 3 * DAY + 20 * HOUR),
          jhk_incidents_acknowledge_report (d->db, d->supervisor, id, error));
}

/* 中央 FAX の誤送信: serious, the report still a draft past its due time. */
static gboolean
demo_misdelivery (Demo    *d,
                  GError **error)
{
  JhkIncidentFacts facts = {
    .title = "照会回答書の FAX 誤送信",
    .description = "運転免許照会の回答書 1 枚を、短縮ダイヤルの誤りにより関係のない事業者へ"
                   "送信した。相手方に連絡し、廃棄を依頼した。",
    .systems = "FAX",
    .leak = TRUE,
  };
  gint64 id = open_incident (d, d->unyo, "910", "misdelivery", &facts,
                             2 * DAY + 3 * HOUR, 2 * DAY + 2 * HOUR, error);

  return id != 0 &&
         do_steps (d, d->unyo, id, 1, 1, 2 * DAY + HOUR, error) &&
         save_report (d, d->unyo, id, "氏名、運転免許証番号", 1, NULL, NULL, NULL, NULL, NULL,
                      2 * DAY, error);
}

/* 中央 ネットワーク断: closed a month ago, one step skipped. */
static gboolean
demo_network (Demo    *d,
              GError **error)
{
  const gint64 businesses[] = { jhk_org_find_business (d->db, "B101") };
  JhkIncidentFacts facts = {
    .title = "署内ネットワークの一時断",
    .business_ids = businesses,
    .n_business_ids = G_N_ELEMENTS (businesses),
    .description = "2 階の通信機器室の HUB の電源アダプタが外れ、刑事課と地域課の端末が"
                   "約 40 分通信できなかった。",
    .systems = "署内 LAN",
    .terminals = "刑事課・地域課の端末",
    .stop_minutes = 40,
  };
  gint64 id = open_incident (d, d->unyo, "910", "network-down", &facts,
                             35 * DAY + HOUR, 35 * DAY, error);

  if (id == 0)
    return FALSE;
  at (d, 35 * DAY - 5 * MINUTE);
  if (!jhk_incidents_request_recovery (d->db, d->unyo, id, "sysadmin", 0,
                                       "指紋照合の端末が照合サーバに接続できない。確認を依頼する。",
                                       error))
    return FALSE;
  at (d, 35 * DAY - 3 * MINUTE);
  if (!jhk_incidents_investigate (d->db, d->admin, id,
                                  "照合サーバ側に異常はない。署内の通信機器の確認を求めた。", error))
    return FALSE;
  at (d, 35 * DAY - 2 * MINUTE);
  if (!jhk_incidents_finish_recovery (d->db, d->admin, id,
                                      "署で HUB の電源を復旧し、接続を確認した。", error))
    return FALSE;
  if (!resolve_all (d, d->unyo, d->sekinin, id, 3, "署内で復旧したため、管理者等への連絡は不要と判断した。",
                    35 * DAY - 1 * MINUTE, error))
    return FALSE;
  at (d, 34 * DAY);
  return jhk_incidents_close (d->db, d->unyo, id,
                              "HUB の電源アダプタを固定し、通信機器室の点検項目に加えた。", error);
}

/* 中央 マルウェア感染の疑い: serious, reported, acknowledged by both,
 * closed two months ago. */
static gboolean
demo_malware (Demo    *d,
              GError **error)
{
  const gint64 businesses[] = { jhk_org_find_business (d->db, "B102") };
  JhkIncidentFacts facts = {
    .title = "端末でのマルウェア検知",
    .description = "警務課の端末でウイルス対策ソフトが不審なファイルを検知した。"
                   "外部記録媒体から持ち込まれたものとみられる。",
    .systems = "犯罪統計システム",
    .terminals = "T-0911-04",
    .business_ids = businesses,
    .n_business_ids = G_N_ELEMENTS (businesses),
    .leak = TRUE,
  };
  gint64 id = open_incident (d, d->unyo, "910", "malware", &facts,
                             62 * DAY + HOUR, 62 * DAY, error);

  if (id == 0 ||
      !resolve_all (d, d->unyo, d->admin, id, 0, NULL, 62 * DAY - 10 * MINUTE, error) ||
      !save_report (d, d->admin, id, "なし（外部への送信は確認されなかった）", 0,
                    "許可のない外部記録媒体を端末に接続した。",
                    "通信記録を確認し、外部への送信はなかった。", "不要（漏えいなし）。",
                    "公表しない。", "外部記録媒体の接続を技術的に制限し、所属員に教養を行う。",
                    61 * DAY, error))
    return FALSE;
  at (d, 61 * DAY - HOUR);
  if (!jhk_incidents_submit_report (d->db, d->admin, id, error))
    return FALSE;
  at (d, 60 * DAY);
  if (!jhk_incidents_acknowledge_report (d->db, d->supervisor, id, error))
    return FALSE;
  at (d, 60 * DAY - 2 * HOUR);
  if (!jhk_incidents_acknowledge_report (d->db, d->dept_head, id, error))
    return FALSE;
  at (d, 59 * DAY);
  return jhk_incidents_close (d->db, d->unyo, id,
                              "外部記録媒体の接続を制限する設定を全端末に適用し、持込みの手続を周知した。",
                              error);
}

/* 東 停電・災害: open at another office. */
static gboolean
demo_power (Demo    *d,
            GError **error)
{
  JhkIncidentFacts facts = {
    .title = "落雷による停電",
    .description = "落雷により庁舎が約 20 分停電した。無停電電源装置で端末は正常に終了した。",
    .systems = "庁舎電源",
    .stop_minutes = 20,
  };
  gint64 id = open_incident (d, d->higashi, "920", "power-disaster", &facts,
                             5 * HOUR, 5 * HOUR - 5 * MINUTE, error);

  if (id == 0 || !do_steps (d, d->higashi, id, 1, 1, 4 * HOUR, error))
    return FALSE;
  at (d, 3 * HOUR);
  return jhk_incidents_request_recovery (d->db, d->higashi, id, "sysadmin", 0,
                                         "停電の復旧後、2 台の端末装置が起動しない。点検を依頼する。",
                                         error);
}

gboolean
jhk_demo_incidents (JhkDb   *db,
                    GError **error)
{
  Demo d = { db, 0 };
  gint64 saved = jhk_now_us ();
  gboolean overridden = ABS (saved - g_get_real_time ()) > 10 * G_USEC_PER_SEC;
  gboolean ok = FALSE;

  d.now = saved;
  if ((d.admin = login (db, "admin", error)) == NULL ||
      (d.supervisor = login (db, "soukatsu", error)) == NULL ||
      (d.dept_head = login (db, "keiji-bucho", error)) == NULL ||
      (d.unyo = login (db, "chuo-unyo", error)) == NULL ||
      (d.sekinin = login (db, "chuo-sekinin", error)) == NULL ||
      (d.shokuin = login (db, "chuo-shokuin", error)) == NULL ||
      (d.higashi = login (db, "higashi-unyo", error)) == NULL)
    goto out;

  ok = demo_malware (&d, error) &&
       demo_network (&d, error) &&
       demo_output_loss (&d, error) &&
       demo_misdelivery (&d, error) &&
       demo_server (&d, error) &&
       demo_power (&d, error) &&
       demo_terminal (&d, error);
  if (!ok)
    g_prefix_error (error, "demo incidents: ");

out:
  jhk_set_clock_override (overridden ? saved : 0);
  g_clear_object (&d.admin);
  g_clear_object (&d.supervisor);
  g_clear_object (&d.dept_head);
  g_clear_object (&d.unyo);
  g_clear_object (&d.sekinin);
  g_clear_object (&d.shokuin);
  g_clear_object (&d.higashi);
  return ok;
}
