/* jhk-incidents.h: 事故発生時の措置, incidents and their response (第19,
 * R19-2..5).
 *
 * An incident (事故: a fault, breakdown or anything else that affects the
 * upkeep of the information management system) belongs to the 所属 where
 * it happened. Its 運用管理者 opens it, or any staff member of the office
 * reports it to them by opening it (R19-2); either way the 運用管理者
 * runs it. The chosen playbook's current version (jhk-playbooks.h)
 * becomes the incident's checklist: its steps are copied into the
 * incident, each to be
 *
 *   pending ──done──▶ done (──confirm──▶ confirmed, when the step needs it)
 *   pending ──skip (with a reason)──▶ skipped
 *
 * A step is done by a holder of its role for the office, or by the
 * office's 運用管理者 (who answers for all of them); a step that needs
 * confirmation is confirmed by someone other than who did it: the
 * office's 運用管理者, 情報管理責任者 or 情報管理者, or one of the 管理者等.
 * Done, skipped and confirmed steps are resolved; a step is not undone,
 * but a note can always be added.
 *
 * Recovery (R19-3, R19-4): when the office cannot recover alone its
 * 運用管理者 asks, once per incident, the システム管理者 or the manager
 * (対象業務管理者等 or 主管業務管理者) of one of the incident's businesses:
 *
 *   "" ──request──▶ requested ──investigate──▶ investigating ──finish──▶ finished
 *
 * The receiving side records the investigation (findings, free text) and
 * whether and whom it sent (dispatch: names and time), then finishes.
 *
 * Serious incidents (R19-5): an incident is serious when its facts meet
 * a criterion of its playbook (損壊; a business stopped longer than the
 * playbook's minutes; a personal-data leak) — the services mark it the
 * moment the facts do, with the criteria met as the reason — or when the
 * システム管理者, one of the 管理者等 or the office's 運用管理者 says so,
 * with a reason. A serious incident gets a report to the 総括責任者 and
 * 主管部長, drafted from the record (jhk_incidents_draft_report) with the
 * fields of a personal-data breach report, due report_hours after
 * discovery:
 *
 *   draft ──report (システム管理者)──▶ reported ──both acknowledge──▶ acknowledged
 *
 * The 総括責任者 and a 主管部長 each acknowledge it once; it is
 * acknowledged when both have. The draft is edited by the システム管理者
 * or the office's 運用管理者 until reported; a reported report does not
 * change. A report past its due time and not reported is overdue.
 *
 * Closing (the office's 運用管理者 or the システム管理者) needs every step
 * resolved, a 再発防止策 (prevention note), no recovery requested or
 * under investigation, and, for a serious incident, its report reported.
 * A closed incident is read-only, but for the acknowledgement of its
 * report.
 *
 * Who sees: the office's incidents its staff (the units the actor sees,
 * jhk_visible_orgs on PostgreSQL); all incidents the システム管理者, the
 * 総括責任者, the 主管部長 and the managers of businesses (管理者等).
 *
 * Times: instants are µs since the epoch. Every write is one transaction
 * with its audit entry and its timeline event (incident_events); each
 * refusal is one of the jhk_incidents_refusal() texts.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_INCIDENT_TEXT_MAX        4000    /* characters of a long text */
#define JHK_INCIDENT_TITLE_MAX       100
#define JHK_INCIDENT_ATTACHMENT_MAX  (5 * 1024 * 1024)  /* bytes of one attachment */

/* One step of an incident's checklist, copied from the playbook.
 * state "pending", "done", "skipped". */
typedef struct
{
  gint64    id;
  int       position;             /* 1, 2, ... */
  char     *text;
  char     *role;                 /* role key, "" anyone */
  int       minutes;
  gboolean  needs_confirmation;
  char     *evidence;
  char     *state;
  char     *reason;               /* why skipped, "" */
  char     *note;                 /* notes, "" */
  gint64    done_by;              /* staff id of who did or skipped it, 0 */
  char     *done_by_name;
  gint64    done_at;              /* µs, 0 */
  gint64    confirmed_by;         /* 0 */
  char     *confirmed_by_name;
  gint64    confirmed_at;         /* 0 */
} JhkIncidentStep;

void     jhk_incident_step_free        (JhkIncidentStep *step);
/* Done and confirmed if it needs it, or skipped. */
gboolean jhk_incident_step_is_resolved (const JhkIncidentStep *step);

/* The personal-data breach report of a serious incident (R19-5).
 * state "", "draft", "reported", "acknowledged". */
typedef struct
{
  char   *state;
  char   *summary;                /* 概要 */
  char   *leaked_items;           /* 漏えい等した項目 */
  int     persons;                /* 本人の数, -1 unknown */
  char   *cause;                  /* 原因 */
  char   *secondary_risk;         /* 二次被害のおそれ */
  char   *response_to_persons;    /* 本人への対応 */
  char   *publication;            /* 公表 */
  char   *prevention;             /* 再発防止策 */
  gint64  due_at;                 /* µs */
  gint64  reported_by;
  char   *reported_by_name;
  gint64  reported_at;
  gint64  supervisor_ack_by;      /* 総括責任者 */
  char   *supervisor_ack_name;
  gint64  supervisor_ack_at;
  gint64  dept_head_ack_by;       /* 主管部長 */
  char   *dept_head_ack_name;
  gint64  dept_head_ack_at;
} JhkIncidentReport;

/* An attachment (data not loaded; jhk_incidents_get_attachment). */
typedef struct
{
  gint64  id;
  gint64  step_id;                /* 0: of the incident */
  char   *filename;
  char   *mime_type;
  gint64  size;
  char   *sha256;                 /* hex */
  gint64  added_by;
  char   *added_by_name;
  gint64  added_at;
} JhkIncidentAttachment;

void jhk_incident_attachment_free (JhkIncidentAttachment *attachment);

/* One timeline event (incident_events). kind: "opened", "facts", "note",
 * "step_done", "step_skipped", "step_confirmed", "attachment",
 * "recovery_requested", "investigation", "dispatch", "recovery_finished",
 * "serious", "report_edited", "reported", "acknowledged", "closed". */
typedef struct
{
  gint64  id;
  gint64  at;
  gint64  staff_id;
  char   *actor_name;
  char   *kind;
  char   *text;                   /* what happened, in the words of the record */
} JhkIncidentEvent;

void        jhk_incident_event_free       (JhkIncidentEvent *event);
const char *jhk_incident_event_kind_label (const char *kind);   /* translated */

/* The facts of an incident, as opened and as updated later. */
typedef struct
{
  const char   *title;            /* what happened, in a line */
  const char   *description;      /* what happened */
  gint64        occurred_at;      /* µs, not after discovered_at */
  gint64        discovered_at;    /* µs, not in the future */
  const char   *systems;          /* affected systems, free text */
  const char   *terminals;        /* affected terminals, free text */
  const gint64 *business_ids;     /* affected businesses */
  guint         n_business_ids;
  const gint64 *material_ids;     /* ledger materials of the office (lost, leaked) */
  guint         n_material_ids;
  gboolean      damage;           /* the system is damaged (損壊) */
  int           stop_minutes;     /* how long a business stopped, 0 none */
  gboolean      leak;             /* personal data leaked or may have */
} JhkIncidentFacts;

typedef struct
{
  gint64     id;
  gint64     office_id;
  char      *office_name;
  char      *status;              /* "open", "closed" */
  char      *title;
  char      *description;
  gint64     occurred_at;
  gint64     discovered_at;
  char      *systems;
  char      *terminals;
  GArray    *business_ids;        /* gint64 */
  GPtrArray *business_names;      /* char *, same order */
  GArray    *material_ids;        /* gint64 */
  GPtrArray *material_names;      /* char *, "番号 資料名", same order */
  gboolean   damage;
  int        stop_minutes;
  gboolean   leak;

  gint64     playbook_id;
  gint64     playbook_version_id;
  int        playbook_version;
  char      *playbook_title;
  GPtrArray *steps;               /* JhkIncidentStep, in order */
  GPtrArray *attachments;         /* JhkIncidentAttachment */

  /* Recovery (R19-3, R19-4): recovery_state "", "requested",
   * "investigating", "finished"; recovery_to "sysadmin", "business". */
  char      *recovery_state;
  char      *recovery_to;
  gint64     recovery_business_id;
  char      *recovery_business_name;
  char      *recovery_request;    /* what the office asks for */
  gint64     recovery_requested_by;
  char      *recovery_requested_by_name;
  gint64     recovery_requested_at;
  char      *investigation;       /* findings, "" */
  gint64     investigated_by;
  char      *investigated_by_name;
  gint64     investigated_at;
  char      *dispatched_staff;    /* whom was sent, "" none */
  gint64     dispatched_at;       /* 0: nobody sent */
  char      *recovery_result;     /* how it ended, "" */
  gint64     recovery_finished_at;

  /* Seriousness (R19-5). */
  gboolean   serious;
  char      *serious_reason;
  gint64     serious_by;          /* 0: the criteria marked it */
  char      *serious_by_name;
  gint64     serious_at;
  JhkIncidentReport report;

  char      *prevention;          /* 再発防止策 */
  gint64     reported_by;         /* who opened it */
  char      *reported_by_name;
  gint64     created_at;
  gint64     updated_at;
  gint64     closed_by;
  char      *closed_by_name;
  gint64     closed_at;
} JhkIncident;

void jhk_incident_free (JhkIncident *incident);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkIncident, jhk_incident_free)

/* Labels, translated. */
const char *jhk_incident_status_label          (const char *status);
const char *jhk_incident_step_state_label      (const char *state);
const char *jhk_incident_recovery_state_label  (const char *state);
const char *jhk_incident_report_state_label    (const char *state);

/* The input rules of the facts, without the database: title, lengths,
 * times (occurred ≤ discovered ≤ now), stop_minutes ≥ 0. *out_field gets
 * the member on a refusal. */
gboolean jhk_incident_facts_check (const JhkIncidentFacts  *facts,
                                   const char             **out_field,
                                   GError                 **error);

/* The severity criteria of the playbook version that the facts meet, as
 * one translated sentence ("システムの損壊; 対象業務の停止 180 分 (基準 120 分)"),
 * or NULL when none. */
char *jhk_incidents_criteria_met (JhkDb                  *db,
                                  gint64                  playbook_version_id,
                                  const JhkIncidentFacts *facts);

/* Opens an incident of office_id with the current version of playbook_id
 * and copies its steps. The actor is the office's 運用管理者 or one of its
 * staff. Marks it serious at once when the facts meet a criterion.
 * Returns the incident's id, 0 on error. */
gint64   jhk_incidents_open            (JhkDb                  *db,
                                        JhkSession             *actor,
                                        gint64                  office_id,
                                        gint64                  playbook_id,
                                        const JhkIncidentFacts *facts,
                                        GError                **error);
/* Changes the facts while open (the office's 運用管理者 or the
 * システム管理者); may make it serious, never un-serious. */
gboolean jhk_incidents_update_facts    (JhkDb                  *db,
                                        JhkSession             *actor,
                                        gint64                  incident_id,
                                        const JhkIncidentFacts *facts,
                                        GError                **error);
gboolean jhk_incidents_add_note        (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *text,
                                        GError     **error);

/* The checklist. note may be NULL. */
gboolean jhk_incidents_step_done       (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       step_id,
                                        const char  *note,
                                        GError     **error);
gboolean jhk_incidents_step_skip       (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       step_id,
                                        const char  *reason,
                                        GError     **error);
gboolean jhk_incidents_step_confirm    (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       step_id,
                                        GError     **error);
/* Appends a note to a step, in any state while the incident is open. */
gboolean jhk_incidents_step_add_note   (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       step_id,
                                        const char  *note,
                                        GError     **error);

/* Attachments (of the incident, or of a step when step_id is not 0):
 * at most JHK_INCIDENT_ATTACHMENT_MAX bytes, a file name without a
 * directory. Returns the attachment's id, 0 on error. */
gint64   jhk_incidents_attach          (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        gint64       step_id,
                                        const char  *filename,
                                        const char  *mime_type,
                                        GBytes      *data,
                                        GError     **error);
GBytes  *jhk_incidents_get_attachment  (JhkDb                  *db,
                                        JhkSession             *actor,
                                        gint64                  attachment_id,
                                        JhkIncidentAttachment **out_info,
                                        GError                **error);

/* Recovery (R19-3, R19-4). recipient "sysadmin" or "business" (then
 * business_id, one of the incident's businesses with a manager today). */
gboolean jhk_incidents_request_recovery (JhkDb       *db,
                                         JhkSession  *actor,
                                         gint64       incident_id,
                                         const char  *recipient,
                                         gint64       business_id,
                                         const char  *request,
                                         GError     **error);
/* The receiving side records its investigation (requested → investigating;
 * again while investigating: the findings are replaced, the timeline
 * keeps each). */
gboolean jhk_incidents_investigate     (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *findings,
                                        GError     **error);
/* Records the staff sent (names, free text) and when, while investigating. */
gboolean jhk_incidents_dispatch        (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *staff,
                                        gint64       at,
                                        GError     **error);
gboolean jhk_incidents_finish_recovery (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *result,
                                        GError     **error);

/* R19-5. declare_serious: a manager says so, with a reason. */
gboolean jhk_incidents_declare_serious (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *reason,
                                        GError     **error);
/* The report's fields drafted from the record (description, materials,
 * businesses, steps, investigation...), for the editor to start from;
 * state and times untouched. Pure but for reading the incident. */
JhkIncidentReport *jhk_incidents_draft_report (JhkDb              *db,
                                               const JhkIncident  *incident);
void               jhk_incident_report_clear  (JhkIncidentReport  *report);
void               jhk_incident_report_free   (JhkIncidentReport  *report);
/* Saves the draft's fields (state "draft"). */
gboolean jhk_incidents_save_report     (JhkDb                   *db,
                                        JhkSession              *actor,
                                        gint64                   incident_id,
                                        const JhkIncidentReport *report,
                                        GError                 **error);
/* draft → reported: the システム管理者, with 概要, 原因 and 再発防止策 given. */
gboolean jhk_incidents_submit_report   (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        GError     **error);
/* The 総括責任者 or a 主管部長 acknowledges a reported report (one of each). */
gboolean jhk_incidents_acknowledge_report (JhkDb       *db,
                                           JhkSession  *actor,
                                           gint64       incident_id,
                                           GError     **error);
/* Whether the report is due and not reported at now (µs, 0: the present). */
gboolean jhk_incident_report_is_overdue (const JhkIncident *incident,
                                         gint64             now);

/* Closing, with the 再発防止策. */
gboolean jhk_incidents_close           (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        const char  *prevention,
                                        GError     **error);

/* The incident with steps, attachments (no data) and report, as the actor
 * may see it (JHK_POLICY_ERROR_NOT_FOUND else). */
JhkIncident *jhk_incidents_get         (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        GError     **error);
/* Its timeline, oldest first: GPtrArray of JhkIncidentEvent. */
GPtrArray   *jhk_incidents_timeline    (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       incident_id,
                                        GError     **error);

typedef enum
{
  JHK_INCIDENT_UPDATE_FACTS,
  JHK_INCIDENT_ADD_NOTE,
  JHK_INCIDENT_STEP_DONE,        /* the refusal's step: the first pending one the
                                  * actor may do, or see jhk_incidents_step_refusal */
  JHK_INCIDENT_ATTACH,
  JHK_INCIDENT_REQUEST_RECOVERY,
  JHK_INCIDENT_INVESTIGATE,
  JHK_INCIDENT_DISPATCH,
  JHK_INCIDENT_FINISH_RECOVERY,
  JHK_INCIDENT_DECLARE_SERIOUS,
  JHK_INCIDENT_EDIT_REPORT,
  JHK_INCIDENT_SUBMIT_REPORT,
  JHK_INCIDENT_ACKNOWLEDGE,
  JHK_INCIDENT_CLOSE,
} JhkIncidentAction;

/* NULL when the actor may take the action on the incident now; otherwise
 * the reason, translated, exactly as the service refuses it. For CLOSE
 * the first thing missing (a step not resolved, the recovery, the report)
 * but for the prevention note, which is the service's input. */
const char *jhk_incidents_refusal      (JhkDb              *db,
                                        JhkSession         *actor,
                                        const JhkIncident  *incident,
                                        JhkIncidentAction   action);

typedef enum
{
  JHK_INCIDENT_STEP_ACTION_DONE,
  JHK_INCIDENT_STEP_ACTION_SKIP,
  JHK_INCIDENT_STEP_ACTION_CONFIRM,
  JHK_INCIDENT_STEP_ACTION_NOTE,
} JhkIncidentStepAction;

/* The same for one step. */
const char *jhk_incidents_step_refusal (JhkDb                  *db,
                                        JhkSession             *actor,
                                        const JhkIncident      *incident,
                                        const JhkIncidentStep  *step,
                                        JhkIncidentStepAction   action);

typedef enum
{
  JHK_INCIDENTS_VISIBLE,          /* all the actor may see */
  JHK_INCIDENTS_OPEN,             /* of those, open */
  JHK_INCIDENTS_RECOVERY,         /* recovery requested of the actor, or investigating */
  JHK_INCIDENTS_REPORTS,          /* serious, report not yet acknowledged */
} JhkIncidentsScope;

/* The incidents as a lazy list, newest discovery first. Columns: id,
 * office_id, office, status, title, discovered_at (µs), playbook,
 * serious (0/1), recovery_state, report_state, report_due_at (µs or NULL),
 * steps_total, steps_resolved. */
JhkQueryModel *jhk_incidents_list_model (JhkDb             *db,
                                         JhkSession        *actor,
                                         JhkIncidentsScope  scope);
/* Narrows it (NULL or "" for any; refreshes): status "open"/"closed",
 * office_id 0 any, text in title or description, only serious. */
void           jhk_incidents_list_model_set_filter (JhkQueryModel *model,
                                                    const char    *status,
                                                    gint64         office_id,
                                                    const char    *text,
                                                    gboolean       serious_only);

/* The same as plain structs (steps, attachments and report loaded). */
GPtrArray   *jhk_incidents_list        (JhkDb             *db,
                                        JhkSession        *actor,
                                        JhkIncidentsScope  scope,
                                        GError           **error);

/* As JSON for jhkctl (incident list --json, incident show --json): an
 * object of every member above, times as ISO 8601 in local time, with
 * "steps", "attachments" (no data), "report" and, when with_timeline,
 * "timeline". */
JsonNode    *jhk_incident_to_json      (const JhkIncident *incident,
                                        GPtrArray         *timeline);

G_END_DECLS
