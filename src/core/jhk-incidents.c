/* jhk-incidents.c: 事故発生時の措置, incidents and their checklist
 * (第19, R19-2), their lists and JSON; the escalation (R19-3..5) is in
 * jhk-incident-escalation.c.
 *
 * Every write is one transaction: the incident is read again inside it
 * (jhk_incidents_load, the row locked on PostgreSQL), the refusal of
 * jhk_incidents_refusal() or jhk_incidents_step_refusal() decides whether
 * the actor may take the action now, and the write goes with its audit
 * entry and its timeline event.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jhk-incidents-private.h"
#include "jhk-ledger-private.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

/* Memory ------------------------------------------------------------------ */

void
jhk_incident_step_free (JhkIncidentStep *step)
{
  if (step == NULL)
    return;
  g_free (step->text);
  g_free (step->role);
  g_free (step->evidence);
  g_free (step->state);
  g_free (step->reason);
  g_free (step->note);
  g_free (step->done_by_name);
  g_free (step->confirmed_by_name);
  g_free (step);
}

gboolean
jhk_incident_step_is_resolved (const JhkIncidentStep *step)
{
  g_return_val_if_fail (step != NULL, FALSE);

  if (g_strcmp0 (step->state, "skipped") == 0)
    return TRUE;
  if (g_strcmp0 (step->state, "done") == 0)
    return !step->needs_confirmation || step->confirmed_at != 0;
  return FALSE;
}

void
jhk_incident_attachment_free (JhkIncidentAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->filename);
  g_free (attachment->mime_type);
  g_free (attachment->sha256);
  g_free (attachment->added_by_name);
  g_free (attachment);
}

void
jhk_incident_event_free (JhkIncidentEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->actor_name);
  g_free (event->kind);
  g_free (event->text);
  g_free (event);
}

void
jhk_incident_free (JhkIncident *incident)
{
  if (incident == NULL)
    return;
  g_free (incident->office_name);
  g_free (incident->status);
  g_free (incident->title);
  g_free (incident->description);
  g_free (incident->systems);
  g_free (incident->terminals);
  g_clear_pointer (&incident->business_ids, g_array_unref);
  g_clear_pointer (&incident->business_names, g_ptr_array_unref);
  g_clear_pointer (&incident->material_ids, g_array_unref);
  g_clear_pointer (&incident->material_names, g_ptr_array_unref);
  g_free (incident->playbook_title);
  g_clear_pointer (&incident->steps, g_ptr_array_unref);
  g_clear_pointer (&incident->attachments, g_ptr_array_unref);
  g_free (incident->recovery_state);
  g_free (incident->recovery_to);
  g_free (incident->recovery_business_name);
  g_free (incident->recovery_request);
  g_free (incident->recovery_requested_by_name);
  g_free (incident->investigation);
  g_free (incident->investigated_by_name);
  g_free (incident->dispatched_staff);
  g_free (incident->recovery_result);
  g_free (incident->serious_reason);
  g_free (incident->serious_by_name);
  jhk_incident_report_clear (&incident->report);
  g_free (incident->prevention);
  g_free (incident->reported_by_name);
  g_free (incident->closed_by_name);
  g_free (incident);
}

/* Labels ------------------------------------------------------------------ */

const char *
jhk_incident_event_kind_label (const char *kind)
{
  static const JhkServiceLabel labels[] = {
    { "opened", N_("Opened") },
    { "facts", N_("Facts changed") },
    { "note", N_("Note") },
    { "step_done", N_("Step done") },
    { "step_skipped", N_("Step skipped") },
    { "step_confirmed", N_("Step confirmed") },
    { "attachment", N_("Attachment") },
    { "recovery_requested", N_("Recovery requested") },
    { "investigation", N_("Investigation") },
    { "dispatch", N_("Staff sent") },
    { "recovery_finished", N_("Recovery finished") },
    { "serious", N_("Serious incident") },
    { "report_edited", N_("Report edited") },
    { "reported", N_("Reported") },
    { "acknowledged", N_("Acknowledged") },
    { "closed", N_("Closed") },
    { NULL }
  };

  return jhk_service_label (labels, kind);
}

const char *
jhk_incident_status_label (const char *status)
{
  static const JhkServiceLabel labels[] = {
    { "open", N_("Open") },
    { "closed", N_("Closed") },
    { NULL }
  };

  return jhk_service_label (labels, status);
}

const char *
jhk_incident_step_state_label (const char *state)
{
  static const JhkServiceLabel labels[] = {
    { "pending", N_("Not done") },
    { "done", N_("Done") },
    { "skipped", N_("Skipped") },
    { NULL }
  };

  return jhk_service_label (labels, state);
}

/* Facts --------------------------------------------------------------------- */

static gboolean
long_text_fits (const char  *value,
                const char **out_field,
                const char  *field,
                GError     **error)
{
  if (value == NULL || jhk_service_text_fits (value, JHK_INCIDENT_TEXT_MAX))
    return TRUE;
  return jhk_service_refuse_field (error, out_field, field,
                                   _("The text is too long (%d characters at most)."),
                                   JHK_INCIDENT_TEXT_MAX);
}

gboolean
jhk_incident_facts_check (const JhkIncidentFacts  *facts,
                          const char             **out_field,
                          GError                 **error)
{
  g_return_val_if_fail (facts != NULL, FALSE);

  if (out_field != NULL)
    *out_field = NULL;
  if (jhk_is_blank (facts->title))
    return jhk_service_refuse_field (error, out_field, "title",
                                     _("Say in a line what happened."));
  if (!jhk_service_text_fits (facts->title, JHK_INCIDENT_TITLE_MAX))
    return jhk_service_refuse_field (error, out_field, "title",
                                     _("The title is too long (%d characters at most)."),
                                     JHK_INCIDENT_TITLE_MAX);
  if (!long_text_fits (facts->description, out_field, "description", error) ||
      !long_text_fits (facts->systems, out_field, "systems", error) ||
      !long_text_fits (facts->terminals, out_field, "terminals", error))
    return FALSE;
  if (facts->discovered_at <= 0)
    return jhk_service_refuse_field (error, out_field, "discovered_at",
                                     _("Give when the incident was discovered."));
  if (facts->occurred_at <= 0)
    return jhk_service_refuse_field (error, out_field, "occurred_at",
                                     _("Give when the incident happened."));
  if (facts->discovered_at > jhk_now_us ())
    return jhk_service_refuse_field (error, out_field, "discovered_at",
                                     _("The discovery lies in the future."));
  if (facts->occurred_at > facts->discovered_at)
    return jhk_service_refuse_field (error, out_field, "occurred_at",
                                     _("The incident cannot have happened after it was "
                                       "discovered."));
  if (facts->stop_minutes < 0)
    return jhk_service_refuse_field (error, out_field, "stop_minutes",
                                     _("The minutes a business stopped cannot be negative."));
  if ((facts->n_business_ids > 0 && facts->business_ids == NULL) ||
      (facts->n_material_ids > 0 && facts->material_ids == NULL))
    return jhk_service_invalid (error, _("The list of businesses or materials is missing."));
  return TRUE;
}

/* Roles --------------------------------------------------------------------- */

gboolean
jhk_incidents_is_office_manager (JhkDb      *db,
                                 JhkSession *actor,
                                 gint64      office_id)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  return office_id != 0 && jhk_session_get_staff_id (actor) != 0 &&
         jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_OPS_MANAGER, office_id);
}

gboolean
jhk_incidents_is_manager (JhkSession *actor)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  return jhk_session_get_staff_id (actor) != 0 &&
         (jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
          jhk_session_has_role (actor, JHK_ROLE_BIZ_OWNER) ||
          jhk_session_has_role (actor, JHK_ROLE_EGOV_OWNER) ||
          jhk_session_has_role (actor, JHK_ROLE_LEAD_OWNER));
}

gboolean
jhk_incidents_is_sysadmin (JhkSession *actor)
{
  return jhk_session_get_staff_id (actor) != 0 &&
         jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

/* Sees every incident: the システム管理者, the 総括責任者, the 主管部長 and
 * the managers of businesses. */
static gboolean
sees_all (JhkSession *actor)
{
  if (jhk_session_is_system (actor))
    return TRUE;
  return jhk_incidents_is_manager (actor) ||
         (jhk_session_get_staff_id (actor) != 0 &&
          (jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
           jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD)));
}

/* Works in the office (or below it). */
static gboolean
is_office_staff (JhkDb      *db,
                 JhkSession *actor,
                 gint64      office_id)
{
  gint64 unit = jhk_session_get_org_unit_id (actor);

  return jhk_session_get_staff_id (actor) != 0 && unit != 0 &&
         jhk_policy_org_is_within (db, unit, office_id);
}

static gboolean
may_see (JhkDb      *db,
         JhkSession *actor,
         gint64      office_id)
{
  return sees_all (actor) || jhk_service_sees_office (db, actor, office_id);
}

/* Takes part (notes, attachments): a staff member who sees it. */
static gboolean
takes_part (JhkDb             *db,
            JhkSession        *actor,
            const JhkIncident *incident)
{
  return jhk_session_get_staff_id (actor) != 0 && may_see (db, actor, incident->office_id);
}

/* Manages one of the incident's businesses as role (any business when
 * the incident names none). */
static gboolean
holds_business_role (JhkSession        *actor,
                     const JhkIncident *incident,
                     JhkRole            role)
{
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (grant->role != role)
        continue;
      if (incident->business_ids == NULL || incident->business_ids->len == 0)
        return TRUE;
      for (guint n = 0; n < incident->business_ids->len; n++)
        if (grant->business_id == g_array_index (incident->business_ids, gint64, n))
          return TRUE;
    }
  return FALSE;
}

/* Holds the step's role for the office: a role of the whole organisation
 * at all, a business's for one of the incident's businesses, an office's
 * or section's for the office. "" is anyone of the office, and so is
 * "staff" (アクセス権者: the playbooks give it the steps of whoever is at
 * the terminal), besides the holders of that role for the office. */
static gboolean
holds_step_role (JhkDb             *db,
                 JhkSession        *actor,
                 const JhkIncident *incident,
                 const char        *role_key)
{
  JhkRole role;

  if (jhk_session_get_staff_id (actor) == 0)
    return FALSE;
  if (role_key == NULL || role_key[0] == '\0')
    return is_office_staff (db, actor, incident->office_id);
  role = jhk_role_from_key (role_key);
  if (role == JHK_ROLE_INVALID)
    return FALSE;
  if (role == JHK_ROLE_STAFF && is_office_staff (db, actor, incident->office_id))
    return TRUE;
  switch (jhk_role_get_scope (role))
    {
    case JHK_SCOPE_ORGANISATION:
      return jhk_session_has_role (actor, role);
    case JHK_SCOPE_BUSINESS:
      return holds_business_role (actor, incident, role);
    default:
      return jhk_ledger_holds_role_for_office (db, actor, role, incident->office_id);
    }
}

/* The office's 運用管理者, 情報管理責任者 or 情報管理者, or one of the
 * 管理者等. */
static gboolean
may_confirm (JhkDb             *db,
             JhkSession        *actor,
             const JhkIncident *incident)
{
  if (jhk_session_get_staff_id (actor) == 0)
    return FALSE;
  return jhk_incidents_is_manager (actor) ||
         jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_OPS_MANAGER, incident->office_id) ||
         jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_LEAD, incident->office_id) ||
         jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_MANAGER, incident->office_id);
}

/* Reading ------------------------------------------------------------------- */

#define INCIDENT_COLUMNS \
  "i.id, i.org_unit_id, o.name, i.status, i.title, i.description, i.occurred_at," \
  " i.discovered_at, i.systems, i.terminals, i.damage, i.stop_minutes, i.leak," \
  " v.playbook_id, i.playbook_version_id, v.version, v.title," \
  " i.recovery_state, i.recovery_to, i.recovery_business_id, rb.name, i.recovery_request," \
  " i.recovery_requested_by, s1.name, i.recovery_requested_at, i.investigation," \
  " i.investigated_by, s2.name, i.investigated_at, i.dispatched_staff, i.dispatched_at," \
  " i.recovery_result, i.recovery_finished_at," \
  " i.serious, i.serious_reason, i.serious_by, s3.name, i.serious_at," \
  " i.report_state, i.report_summary, i.report_leaked_items, i.report_persons," \
  " i.report_cause, i.report_secondary_risk, i.report_response, i.report_publication," \
  " i.report_prevention, i.report_due_at, i.reported_by, s4.name, i.reported_at," \
  " i.supervisor_ack_by, s5.name, i.supervisor_ack_at, i.dept_head_ack_by, s6.name," \
  " i.dept_head_ack_at, i.prevention, i.opened_by, s7.name, i.created_at, i.updated_at," \
  " i.closed_by, s8.name, i.closed_at" \
  " FROM incidents i" \
  " LEFT JOIN org_units o ON o.id = i.org_unit_id" \
  " LEFT JOIN playbook_versions v ON v.id = i.playbook_version_id" \
  " LEFT JOIN businesses rb ON rb.id = i.recovery_business_id" \
  " LEFT JOIN staff s1 ON s1.id = i.recovery_requested_by" \
  " LEFT JOIN staff s2 ON s2.id = i.investigated_by" \
  " LEFT JOIN staff s3 ON s3.id = i.serious_by" \
  " LEFT JOIN staff s4 ON s4.id = i.reported_by" \
  " LEFT JOIN staff s5 ON s5.id = i.supervisor_ack_by" \
  " LEFT JOIN staff s6 ON s6.id = i.dept_head_ack_by" \
  " LEFT JOIN staff s7 ON s7.id = i.opened_by" \
  " LEFT JOIN staff s8 ON s8.id = i.closed_by"

static JhkIncident *
incident_from_row (JhkDbStmt *stmt)
{
  JhkIncident *i = g_new0 (JhkIncident, 1);
  JhkIncidentReport *r = &i->report;
  int c = 0;

  i->id = jhk_db_stmt_get_int64 (stmt, c++);
  i->office_id = jhk_db_stmt_get_int64 (stmt, c++);
  i->office_name = jhk_service_dup_text (stmt, c++);
  i->status = jhk_service_dup_text (stmt, c++);
  i->title = jhk_service_dup_text (stmt, c++);
  i->description = jhk_service_dup_text (stmt, c++);
  i->occurred_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->discovered_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->systems = jhk_service_dup_text (stmt, c++);
  i->terminals = jhk_service_dup_text (stmt, c++);
  i->damage = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  i->stop_minutes = jhk_db_stmt_get_int64 (stmt, c++);
  i->leak = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  i->playbook_id = jhk_db_stmt_get_int64 (stmt, c++);
  i->playbook_version_id = jhk_db_stmt_get_int64 (stmt, c++);
  i->playbook_version = jhk_db_stmt_get_int64 (stmt, c++);
  i->playbook_title = jhk_service_dup_text (stmt, c++);
  i->recovery_state = jhk_service_dup_text (stmt, c++);
  i->recovery_to = jhk_service_dup_text (stmt, c++);
  i->recovery_business_id = jhk_db_stmt_get_int64 (stmt, c++);
  i->recovery_business_name = jhk_service_dup_text (stmt, c++);
  i->recovery_request = jhk_service_dup_text (stmt, c++);
  i->recovery_requested_by = jhk_db_stmt_get_int64 (stmt, c++);
  i->recovery_requested_by_name = jhk_service_dup_text (stmt, c++);
  i->recovery_requested_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->investigation = jhk_service_dup_text (stmt, c++);
  i->investigated_by = jhk_db_stmt_get_int64 (stmt, c++);
  i->investigated_by_name = jhk_service_dup_text (stmt, c++);
  i->investigated_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->dispatched_staff = jhk_service_dup_text (stmt, c++);
  i->dispatched_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->recovery_result = jhk_service_dup_text (stmt, c++);
  i->recovery_finished_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->serious = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  i->serious_reason = jhk_service_dup_text (stmt, c++);
  i->serious_by = jhk_db_stmt_get_int64 (stmt, c++);
  i->serious_by_name = jhk_service_dup_text (stmt, c++);
  i->serious_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->state = jhk_service_dup_text (stmt, c++);
  r->summary = jhk_service_dup_text (stmt, c++);
  r->leaked_items = jhk_service_dup_text (stmt, c++);
  r->persons = jhk_db_stmt_get_int64 (stmt, c++);
  r->cause = jhk_service_dup_text (stmt, c++);
  r->secondary_risk = jhk_service_dup_text (stmt, c++);
  r->response_to_persons = jhk_service_dup_text (stmt, c++);
  r->publication = jhk_service_dup_text (stmt, c++);
  r->prevention = jhk_service_dup_text (stmt, c++);
  r->due_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->reported_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->reported_by_name = jhk_service_dup_text (stmt, c++);
  r->reported_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->supervisor_ack_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->supervisor_ack_name = jhk_service_dup_text (stmt, c++);
  r->supervisor_ack_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->dept_head_ack_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->dept_head_ack_name = jhk_service_dup_text (stmt, c++);
  r->dept_head_ack_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->prevention = jhk_service_dup_text (stmt, c++);
  i->reported_by = jhk_db_stmt_get_int64 (stmt, c++);
  i->reported_by_name = jhk_service_dup_text (stmt, c++);
  i->created_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->updated_at = jhk_db_stmt_get_int64 (stmt, c++);
  i->closed_by = jhk_db_stmt_get_int64 (stmt, c++);
  i->closed_by_name = jhk_service_dup_text (stmt, c++);
  i->closed_at = jhk_db_stmt_get_int64 (stmt, c++);
  return i;
}

#define STEP_COLUMNS \
  "t.id, t.position, t.text, t.role, t.minutes, t.needs_confirmation, t.evidence, t.state," \
  " t.reason, t.note, t.done_by, d.name, t.done_at, t.confirmed_by, c.name, t.confirmed_at" \
  " FROM incident_steps t" \
  " LEFT JOIN staff d ON d.id = t.done_by" \
  " LEFT JOIN staff c ON c.id = t.confirmed_by"

static JhkIncidentStep *
step_from_row (JhkDbStmt *stmt)
{
  JhkIncidentStep *s = g_new0 (JhkIncidentStep, 1);
  int c = 0;

  s->id = jhk_db_stmt_get_int64 (stmt, c++);
  s->position = jhk_db_stmt_get_int64 (stmt, c++);
  s->text = jhk_service_dup_text (stmt, c++);
  s->role = jhk_service_dup_text (stmt, c++);
  s->minutes = jhk_db_stmt_get_int64 (stmt, c++);
  s->needs_confirmation = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  s->evidence = jhk_service_dup_text (stmt, c++);
  s->state = jhk_service_dup_text (stmt, c++);
  s->reason = jhk_service_dup_text (stmt, c++);
  s->note = jhk_service_dup_text (stmt, c++);
  s->done_by = jhk_db_stmt_get_int64 (stmt, c++);
  s->done_by_name = jhk_service_dup_text (stmt, c++);
  s->done_at = jhk_db_stmt_get_int64 (stmt, c++);
  s->confirmed_by = jhk_db_stmt_get_int64 (stmt, c++);
  s->confirmed_by_name = jhk_service_dup_text (stmt, c++);
  s->confirmed_at = jhk_db_stmt_get_int64 (stmt, c++);
  return s;
}

#define ATTACHMENT_FIELDS \
  "a.id, a.step_id, a.filename, a.mime_type, a.size, a.sha256, a.added_by, s.name, a.added_at"
#define ATTACHMENT_FROM \
  " FROM incident_attachments a LEFT JOIN staff s ON s.id = a.added_by"
#define ATTACHMENT_COLUMNS ATTACHMENT_FIELDS ATTACHMENT_FROM

static JhkIncidentAttachment *
attachment_from_row (JhkDbStmt *stmt)
{
  JhkIncidentAttachment *a = g_new0 (JhkIncidentAttachment, 1);
  int c = 0;

  a->id = jhk_db_stmt_get_int64 (stmt, c++);
  a->step_id = jhk_db_stmt_get_int64 (stmt, c++);
  a->filename = jhk_service_dup_text (stmt, c++);
  a->mime_type = jhk_service_dup_text (stmt, c++);
  a->size = jhk_db_stmt_get_int64 (stmt, c++);
  a->sha256 = jhk_service_dup_text (stmt, c++);
  a->added_by = jhk_db_stmt_get_int64 (stmt, c++);
  a->added_by_name = jhk_service_dup_text (stmt, c++);
  a->added_at = jhk_db_stmt_get_int64 (stmt, c++);
  return a;
}

/* Every row of sql (one int64 parameter) as from_row makes it. */
static GPtrArray *
query_objects (JhkDb             *db,
               JhkServiceFromRow  from_row,
               GDestroyNotify     free_func,
               gint64             id,
               const char        *sql,
               GError           **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, error, sql, JHK_I (id), JHK_DB_END);
  JhkDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (list, from_row (stmt));
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

/* The businesses or materials of the incident: ids and names. */
static gboolean
load_links (JhkDb       *db,
            JhkIncident *incident,
            GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  incident->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  incident->business_names = g_ptr_array_new_with_free_func (g_free);
  incident->material_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  incident->material_names = g_ptr_array_new_with_free_func (g_free);

  stmt = jhk_db_query (db, error,
                       "SELECT x.business_id, b.name FROM incident_businesses x"
                       " LEFT JOIN businesses b ON b.id = x.business_id"
                       " WHERE x.incident_id = ? ORDER BY b.code, x.business_id",
                       JHK_I (incident->id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (incident->business_ids, id);
      g_ptr_array_add (incident->business_names, jhk_service_dup_text (stmt, 1));
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  /* A material hidden from the actor (a server's rows) keeps its id. */
  stmt = jhk_db_query (db, error,
                       "SELECT x.material_id, m.name, m.id FROM incident_materials x"
                       " LEFT JOIN materials m ON m.id = x.material_id"
                       " WHERE x.incident_id = ? ORDER BY x.material_id",
                       JHK_I (incident->id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      g_autofree char *name = jhk_service_dup_text (stmt, 1);

      g_array_append_val (incident->material_ids, id);
      g_ptr_array_add (incident->material_names,
                       g_strdup_printf ("%lld %s", (long long) id, name));
    }
  return step != JHK_DB_FAILED;
}

static void
set_not_found (GError **error,
               gint64   incident_id)
{
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
               _("There is no incident %lld."), (long long) incident_id);
}

static gboolean
is_pg (JhkDb *db)
{
  return g_str_equal (jhk_db_get_backend_name (db), "postgresql");
}

JhkIncident *
jhk_incidents_load (JhkDb       *db,
                    JhkSession  *actor,
                    gint64       incident_id,
                    GError     **error)
{
  g_autoptr(JhkIncident) incident = NULL;
  const char *sql;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (is_pg (db) && jhk_db_in_transaction (db))
    sql = "SELECT " INCIDENT_COLUMNS " WHERE i.id = ? FOR UPDATE OF i";
  else
    sql = "SELECT " INCIDENT_COLUMNS " WHERE i.id = ?";
  if (!jhk_service_query_object (db, (JhkServiceFromRow) incident_from_row,
                                 (gpointer *) &incident, error, sql,
                                 JHK_I (incident_id), JHK_DB_END))
    return NULL;
  if (incident == NULL || !may_see (db, actor, incident->office_id))
    {
      set_not_found (error, incident_id);
      return NULL;
    }
  if (!load_links (db, incident, error))
    return NULL;
  incident->steps = query_objects (db, (JhkServiceFromRow) step_from_row,
                                   (GDestroyNotify) jhk_incident_step_free, incident->id,
                                   "SELECT " STEP_COLUMNS " WHERE t.incident_id = ?"
                                   " ORDER BY t.position",
                                   error);
  if (incident->steps == NULL)
    return NULL;
  incident->attachments = query_objects (db, (JhkServiceFromRow) attachment_from_row,
                                         (GDestroyNotify) jhk_incident_attachment_free,
                                         incident->id,
                                         "SELECT " ATTACHMENT_COLUMNS " WHERE a.incident_id = ?"
                                         " ORDER BY a.id",
                                         error);
  if (incident->attachments == NULL)
    return NULL;
  return g_steal_pointer (&incident);
}

JhkIncident *
jhk_incidents_get (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       incident_id,
                   GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  return jhk_incidents_load (db, actor, incident_id, error);
}

static JhkIncidentEvent *
event_from_row (JhkDbStmt *stmt)
{
  JhkIncidentEvent *e = g_new0 (JhkIncidentEvent, 1);

  e->id = jhk_db_stmt_get_int64 (stmt, 0);
  e->at = jhk_db_stmt_get_int64 (stmt, 1);
  e->staff_id = jhk_db_stmt_get_int64 (stmt, 2);
  e->actor_name = jhk_service_dup_text (stmt, 3);
  e->kind = jhk_service_dup_text (stmt, 4);
  e->text = jhk_service_dup_text (stmt, 5);
  return e;
}

GPtrArray *
jhk_incidents_timeline (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       incident_id,
                        GError     **error)
{
  gint64 office = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (!jhk_db_query_int64 (db, &office, NULL, "SELECT org_unit_id FROM incidents WHERE id = ?",
                           JHK_I (incident_id), JHK_DB_END) ||
      !may_see (db, actor, office))
    {
      set_not_found (error, incident_id);
      return NULL;
    }
  return query_objects (db, (JhkServiceFromRow) event_from_row,
                        (GDestroyNotify) jhk_incident_event_free, incident_id,
                        "SELECT id, at, staff_id, actor_name, kind, text FROM incident_events"
                        " WHERE incident_id = ? ORDER BY at, id",
                        error);
}

/* Writing ------------------------------------------------------------------- */

gboolean
jhk_incidents_add_event (JhkDb       *db,
                         JhkSession  *actor,
                         gint64       incident_id,
                         const char  *kind,
                         const char  *text,
                         GError     **error)
{
  gint64 staff = actor != NULL ? jhk_session_get_staff_id (actor) : 0;
  const char *name = actor != NULL ? jhk_session_get_name (actor) : NULL;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  return jhk_db_run (db, error,
                     "INSERT INTO incident_events (incident_id, at, staff_id, actor_name, kind,"
                     " text) VALUES (?, ?, ?, ?, ?, ?)",
                     JHK_I (incident_id), JHK_I (jhk_now_us ()), JHK_IZ (staff),
                     JHK_T (name != NULL ? name : "Jhk"), JHK_T (kind),
                     JHK_T (jhk_service_or_empty (text)), JHK_DB_END);
}

/* The businesses exist and the materials are of the office. */
static gboolean
check_links (JhkDb                  *db,
             gint64                  office_id,
             const JhkIncidentFacts *facts,
             GError                **error)
{
  for (guint n = 0; n < facts->n_business_ids; n++)
    if (!jhk_db_query_int64 (db, NULL, NULL, "SELECT id FROM businesses WHERE id = ?",
                             JHK_I (facts->business_ids[n]), JHK_DB_END))
      {
        g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                     _("There is no business %lld."), (long long) facts->business_ids[n]);
        return FALSE;
      }
  for (guint n = 0; n < facts->n_material_ids; n++)
    {
      gint64 unit = 0;

      if (!jhk_db_query_int64 (db, &unit, NULL, "SELECT org_unit_id FROM materials WHERE id = ?",
                               JHK_I (facts->material_ids[n]), JHK_DB_END) ||
          !jhk_policy_org_is_within (db, unit, office_id))
        return jhk_service_invalid (error, _("The materials must be of the office's ledger."));
    }
  return TRUE;
}

static gboolean
write_links (JhkDb                  *db,
             gint64                  incident_id,
             const JhkIncidentFacts *facts,
             GError                **error)
{
  if (!jhk_db_run (db, error, "DELETE FROM incident_businesses WHERE incident_id = ?",
                   JHK_I (incident_id), JHK_DB_END) ||
      !jhk_db_run (db, error, "DELETE FROM incident_materials WHERE incident_id = ?",
                   JHK_I (incident_id), JHK_DB_END))
    return FALSE;
  for (guint n = 0; n < facts->n_business_ids; n++)
    {
      gint64 found = 0;

      /* The same business twice is once. */
      if (jhk_db_query_int64 (db, &found, NULL,
                              "SELECT 1 FROM incident_businesses WHERE incident_id = ?"
                              " AND business_id = ?",
                              JHK_I (incident_id), JHK_I (facts->business_ids[n]), JHK_DB_END))
        continue;
      if (!jhk_db_run (db, error,
                       "INSERT INTO incident_businesses (incident_id, business_id) VALUES (?, ?)",
                       JHK_I (incident_id), JHK_I (facts->business_ids[n]), JHK_DB_END))
        return FALSE;
    }
  for (guint n = 0; n < facts->n_material_ids; n++)
    {
      gint64 found = 0;

      if (jhk_db_query_int64 (db, &found, NULL,
                              "SELECT 1 FROM incident_materials WHERE incident_id = ?"
                              " AND material_id = ?",
                              JHK_I (incident_id), JHK_I (facts->material_ids[n]), JHK_DB_END))
        continue;
      if (!jhk_db_run (db, error,
                       "INSERT INTO incident_materials (incident_id, material_id) VALUES (?, ?)",
                       JHK_I (incident_id), JHK_I (facts->material_ids[n]), JHK_DB_END))
        return FALSE;
    }
  return TRUE;
}

static void
facts_details (JsonObject             *details,
               const JhkIncidentFacts *facts)
{
  json_object_set_string_member (details, "title", facts->title);
  json_object_set_int_member (details, "businesses", facts->n_business_ids);
  json_object_set_int_member (details, "materials", facts->n_material_ids);
  json_object_set_boolean_member (details, "damage", facts->damage);
  json_object_set_int_member (details, "stop_minutes", facts->stop_minutes);
  json_object_set_boolean_member (details, "leak", facts->leak);
}

gint64
jhk_incidents_open (JhkDb                  *db,
                    JhkSession             *actor,
                    gint64                  office_id,
                    gint64                  playbook_id,
                    const JhkIncidentFacts *facts,
                    GError                **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;
  gint64 version = 0, retired = 0, id, now = jhk_now_us ();

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);
  g_return_val_if_fail (facts != NULL, 0);

  if (!jhk_incident_facts_check (facts, NULL, error))
    return 0;
  title = g_strstrip (g_strdup (facts->title));
  if (!jhk_incidents_is_office_manager (db, actor, office_id) &&
      !is_office_staff (db, actor, office_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager or one of its staff opens "
                             "an incident of the office."));
      return 0;
    }
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!jhk_db_query_text (db, &kind, NULL, "SELECT kind FROM org_units WHERE id = ?",
                          JHK_I (office_id), JHK_DB_END) ||
      g_strcmp0 (kind, "office") != 0)
    {
      jhk_service_invalid (error, _("An incident is opened for an office."));
      goto fail;
    }
  if (!jhk_db_query_int64 (db, &version, NULL,
                           "SELECT COALESCE (current_version_id, 0) FROM playbooks WHERE id = ?",
                           JHK_I (playbook_id), JHK_DB_END) ||
      version == 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no playbook %lld."), (long long) playbook_id);
      goto fail;
    }
  jhk_db_query_int64 (db, &retired, NULL, "SELECT retired FROM playbooks WHERE id = ?",
                      JHK_I (playbook_id), JHK_DB_END);
  if (retired != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("The playbook is retired: choose a current one."));
      goto fail;
    }
  if (!check_links (db, office_id, facts, error))
    goto fail;

  id = jhk_service_insert (db, error,
                           "INSERT INTO incidents (org_unit_id, status, title, description,"
                           " occurred_at, discovered_at, systems, terminals, damage,"
                           " stop_minutes, leak, playbook_version_id, opened_by, opened_login,"
                           " created_at, updated_at) VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (office_id), JHK_T (title),
                           JHK_T (jhk_service_or_empty (facts->description)),
                           JHK_I (facts->occurred_at), JHK_I (facts->discovered_at),
                           JHK_T (jhk_service_or_empty (facts->systems)),
                           JHK_T (jhk_service_or_empty (facts->terminals)),
                           JHK_I (facts->damage ? 1 : 0), JHK_I (facts->stop_minutes),
                           JHK_I (facts->leak ? 1 : 0), JHK_I (version),
                           JHK_I (jhk_session_get_staff_id (actor)),
                           JHK_T (jhk_session_get_login (actor)), JHK_I (now), JHK_I (now),
                           JHK_DB_END);
  if (id == 0)
    goto fail;
  /* The checklist: the version's steps as they are now. */
  if (!jhk_db_run (db, error,
                   "INSERT INTO incident_steps (incident_id, position, text, role, minutes,"
                   " needs_confirmation, evidence)"
                   " SELECT ?, position, text, role, minutes, needs_confirmation, evidence"
                   " FROM playbook_steps WHERE version_id = ? ORDER BY position",
                   JHK_I (id), JHK_I (version), JHK_DB_END) ||
      !write_links (db, id, facts, error) ||
      !jhk_incidents_add_event (db, actor, id, "opened", title, error) ||
      !jhk_incidents_apply_criteria (db, id, error))
    goto fail;
  json_object_set_int_member (details, "office_id", office_id);
  json_object_set_int_member (details, "playbook_id", playbook_id);
  json_object_set_int_member (details, "playbook_version_id", version);
  facts_details (details, facts);
  return jhk_service_commit_new (db, actor, id, "incident.open", "incident", details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

/* Refusals ------------------------------------------------------------------ */

static const char *
closed_refusal (void)
{
  return _("The incident is closed: it is kept as it was closed.");
}

static gboolean
is_open (const JhkIncident *incident)
{
  return g_strcmp0 (incident->status, "open") == 0;
}

static const char *
step_refusal (JhkDb                 *db,
              JhkSession            *actor,
              const JhkIncident     *incident,
              const JhkIncidentStep *step,
              JhkIncidentStepAction  action,
              int                   *code)
{
  *code = JHK_POLICY_ERROR_DENIED;
  switch (action)
    {
    case JHK_INCIDENT_STEP_ACTION_DONE:
    case JHK_INCIDENT_STEP_ACTION_SKIP:
      if (!holds_step_role (db, actor, incident, step->role) &&
          !jhk_incidents_is_office_manager (db, actor, incident->office_id))
        return _("A step is done or skipped by a holder of its role in the office, or by the "
                 "office's operations manager.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!is_open (incident))
        return closed_refusal ();
      if (g_strcmp0 (step->state, "pending") != 0)
        return _("This step is done or skipped already.");
      return NULL;

    case JHK_INCIDENT_STEP_ACTION_CONFIRM:
      if (!may_confirm (db, actor, incident))
        return _("A step is confirmed by the office's operations manager, information "
                 "management lead or information manager, or by one of the managers.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!is_open (incident))
        return closed_refusal ();
      if (!step->needs_confirmation)
        return _("This step needs no confirmation.");
      if (g_strcmp0 (step->state, "done") != 0)
        return _("A step is confirmed once it is done.");
      if (step->confirmed_at != 0)
        return _("This step is confirmed already.");
      if (step->done_by == jhk_session_get_staff_id (actor))
        {
          *code = JHK_POLICY_ERROR_DENIED;
          return _("A step is confirmed by someone other than who did it.");
        }
      return NULL;

    case JHK_INCIDENT_STEP_ACTION_NOTE:
      if (!takes_part (db, actor, incident))
        return _("Only a staff member who sees the incident adds notes and attachments to it.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!is_open (incident))
        return closed_refusal ();
      return NULL;
    }
  *code = JHK_POLICY_ERROR_INVALID;
  return _("This action on a step is unknown.");
}

const char *
jhk_incidents_step_refusal (JhkDb                 *db,
                            JhkSession            *actor,
                            const JhkIncident     *incident,
                            const JhkIncidentStep *step,
                            JhkIncidentStepAction  action)
{
  int code;

  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (incident != NULL && step != NULL, NULL);

  return step_refusal (db, actor, incident, step, action, &code);
}

/* Appends ", id" (or the first "id") to ids. */
static void
append_id (GString *ids,
           gint64   id)
{
  g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? ", " : "", id);
}

/* Appends " OR (<what> AND i.org_unit_id IN (<offices>))" when offices
 * names any. */
static void
append_in_offices (GString    *sql,
                   const char *what,
                   GString    *offices)
{
  if (offices->len == 0)
    return;
  g_string_append_printf (sql, " OR (%s%si.org_unit_id IN (%s))",
                          what != NULL ? what : "", what != NULL ? " AND " : "", offices->str);
}

/* step_refusal() for DONE and CONFIRM in SQL, over the pending (DONE) or
 * done and unconfirmed (CONFIRM) steps of the open incidents the actor
 * sees: the offices are decided here, once each, by the same functions
 * (holds_step_role, jhk_incidents_is_office_manager, may_confirm, may_see)
 * rather than once per step. Keep the two in step. */
char *
jhk_incidents_steps_waiting_sql (JhkDb                 *db,
                                 JhkSession            *actor,
                                 JhkIncidentStepAction  action)
{
  g_autoptr(GString) sql = g_string_new ("");
  g_autoptr(GString) visible = g_string_new ("");
  g_autoptr(GString) managed = g_string_new ("");
  g_autoptr(GString) staff = g_string_new ("");
  g_autoptr(GString) confirms = g_string_new ("");
  GString *held[JHK_N_ROLES] = { NULL, };
  g_autoptr(GArray) offices = NULL;
  gint64 me;
  gboolean all, manager;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (action == JHK_INCIDENT_STEP_ACTION_DONE ||
                        action == JHK_INCIDENT_STEP_ACTION_CONFIRM, NULL);

  me = jhk_session_get_staff_id (actor);
  if (me == 0)
    return NULL;
  all = sees_all (actor);
  manager = jhk_incidents_is_manager (actor);
  offices = jhk_service_query_ids (db, NULL,
                                   "SELECT id FROM org_units WHERE kind = 'office' ORDER BY id",
                                   JHK_DB_END);
  for (guint n = 0; n < jhk_session_get_n_grants (actor); n++)
    {
      JhkRole role = jhk_session_get_grant (actor, n)->role;

      if (role >= 0 && role < JHK_N_ROLES && held[role] == NULL)
        held[role] = g_string_new ("");
    }
  if (held[JHK_ROLE_STAFF] == NULL)
    held[JHK_ROLE_STAFF] = g_string_new ("");

  for (guint n = 0; offices != NULL && n < offices->len; n++)
    {
      gint64 office = g_array_index (offices, gint64, n);
      JhkIncident probe = { .office_id = office };

      if (!all && !may_see (db, actor, office))
        continue;
      append_id (visible, office);
      if (action == JHK_INCIDENT_STEP_ACTION_CONFIRM)
        {
          if (!manager && may_confirm (db, actor, &probe))
            append_id (confirms, office);
          continue;
        }
      if (jhk_incidents_is_office_manager (db, actor, office))
        append_id (managed, office);
      if (is_office_staff (db, actor, office))
        append_id (staff, office);
      for (int role = 0; role < JHK_N_ROLES; role++)
        {
          JhkScopeKind scope = jhk_role_get_scope (role);

          if (held[role] != NULL && scope != JHK_SCOPE_ORGANISATION &&
              scope != JHK_SCOPE_BUSINESS &&
              (role == JHK_ROLE_STAFF ? is_office_staff (db, actor, office) ||
                                        jhk_ledger_holds_role_for_office (db, actor, role, office)
                                      : jhk_ledger_holds_role_for_office (db, actor, role, office)))
            append_id (held[role], office);
        }
    }

  if (action == JHK_INCIDENT_STEP_ACTION_CONFIRM)
    {
      if (manager)
        g_string_append (sql, " OR 1 = 1");
      else
        append_in_offices (sql, NULL, confirms);
      if (sql->len > 0)
        {
          g_autofree char *any = g_strdup (sql->str + strlen (" OR "));

          g_string_printf (sql, "t.state = 'done' AND t.needs_confirmation = 1"
                                " AND t.confirmed_at IS NULL"
                                " AND (t.done_by IS NULL OR t.done_by <> %" G_GINT64_FORMAT ")"
                                " AND (%s)",
                           me, any);
        }
    }
  else
    {
      append_in_offices (sql, NULL, managed);
      append_in_offices (sql, "t.role = ''", staff);
      for (int role = 0; role < JHK_N_ROLES; role++)
        {
          g_autofree char *is_role = NULL;

          if (held[role] == NULL)
            continue;
          is_role = g_strdup_printf ("t.role = '%s'", jhk_role_to_key (role));
          switch (jhk_role_get_scope (role))
            {
            case JHK_SCOPE_ORGANISATION:
              if (jhk_session_has_role (actor, role))
                g_string_append_printf (sql, " OR %s", is_role);
              break;
            case JHK_SCOPE_BUSINESS:
              g_string_append_printf (sql, " OR (%s AND (NOT EXISTS (SELECT 1 FROM"
                                           " incident_businesses x WHERE x.incident_id = i.id)"
                                           " OR EXISTS (SELECT 1 FROM incident_businesses x"
                                           " WHERE x.incident_id = i.id AND x.business_id IN (0",
                                      is_role);
              for (guint n = 0; n < jhk_session_get_n_grants (actor); n++)
                {
                  const JhkRoleGrant *grant = jhk_session_get_grant (actor, n);

                  if ((int) grant->role == role)
                    g_string_append_printf (sql, ", %" G_GINT64_FORMAT, grant->business_id);
                }
              g_string_append (sql, "))))");
              break;
            default:
              append_in_offices (sql, is_role, held[role]);
              break;
            }
        }
      if (sql->len > 0)
        {
          g_autofree char *any = g_strdup (sql->str + strlen (" OR "));
          g_autoptr(GString) keys = g_string_new (staff->len > 0 ? "''" : "");

          /* Outside the offices the actor manages, only the roles above:
           * the index (state, role) reads their steps alone. */
          for (int role = 0; managed->len == 0 && role < JHK_N_ROLES; role++)
            if (held[role] != NULL)
              g_string_append_printf (keys, "%s'%s'", keys->len > 0 ? ", " : "",
                                      jhk_role_to_key (role));
          g_string_printf (sql, "t.state = 'pending' AND (%s)", any);
          if (managed->len == 0)
            g_string_append_printf (sql, " AND t.role IN (%s)", keys->str);
        }
    }
  for (int role = 0; role < JHK_N_ROLES; role++)
    if (held[role] != NULL)
      g_string_free (held[role], TRUE);

  if (sql->len == 0 || (!all && visible->len == 0))
    return NULL;
  g_string_prepend (sql, "i.status = 'open' AND ");
  if (!all)
    g_string_append_printf (sql, " AND i.org_unit_id IN (%s)", visible->str);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static const char *
refusal (JhkDb             *db,
         JhkSession        *actor,
         const JhkIncident *incident,
         JhkIncidentAction  action,
         int               *code)
{
  gboolean manages = jhk_incidents_is_office_manager (db, actor, incident->office_id) ||
                     jhk_incidents_is_sysadmin (actor);

  *code = JHK_POLICY_ERROR_DENIED;
  switch (action)
    {
    case JHK_INCIDENT_UPDATE_FACTS:
      if (!manages)
        return _("Only the office's operations manager or the system administrator changes "
                 "the facts of an incident.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      return is_open (incident) ? NULL : closed_refusal ();

    case JHK_INCIDENT_ADD_NOTE:
    case JHK_INCIDENT_ATTACH:
      if (!takes_part (db, actor, incident))
        return _("Only a staff member who sees the incident adds notes and attachments to it.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      return is_open (incident) ? NULL : closed_refusal ();

    case JHK_INCIDENT_STEP_DONE:
      {
        const JhkIncidentStep *first = NULL;

        for (guint n = 0; incident->steps != NULL && n < incident->steps->len; n++)
          {
            const JhkIncidentStep *step = g_ptr_array_index (incident->steps, n);

            if (g_strcmp0 (step->state, "pending") != 0)
              continue;
            if (step_refusal (db, actor, incident, step, JHK_INCIDENT_STEP_ACTION_DONE,
                              code) == NULL)
              return NULL;
            if (first == NULL)
              first = step;
          }
        if (first != NULL)
          return step_refusal (db, actor, incident, first, JHK_INCIDENT_STEP_ACTION_DONE, code);
        *code = JHK_POLICY_ERROR_CONFLICT;
        if (!is_open (incident))
          return closed_refusal ();
        return _("No step of the checklist is pending.");
      }

    case JHK_INCIDENT_CLOSE:
      if (!manages)
        return _("Only the office's operations manager or the system administrator closes an "
                 "incident.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!is_open (incident))
        return closed_refusal ();
      for (guint n = 0; incident->steps != NULL && n < incident->steps->len; n++)
        if (!jhk_incident_step_is_resolved (g_ptr_array_index (incident->steps, n)))
          return _("Every step of the checklist is done (and confirmed where it needs it) or "
                   "skipped before the incident is closed.");
      if (g_strcmp0 (incident->recovery_state, "requested") == 0 ||
          g_strcmp0 (incident->recovery_state, "investigating") == 0)
        return _("The recovery requested is finished before the incident is closed.");
      if (incident->serious && g_strcmp0 (incident->report.state, "reported") != 0 &&
          g_strcmp0 (incident->report.state, "acknowledged") != 0)
        return _("A serious incident is closed once its report is reported.");
      return NULL;

    case JHK_INCIDENT_REQUEST_RECOVERY:
    case JHK_INCIDENT_INVESTIGATE:
    case JHK_INCIDENT_DISPATCH:
    case JHK_INCIDENT_FINISH_RECOVERY:
    case JHK_INCIDENT_DECLARE_SERIOUS:
    case JHK_INCIDENT_EDIT_REPORT:
    case JHK_INCIDENT_SUBMIT_REPORT:
    case JHK_INCIDENT_ACKNOWLEDGE:
      {
        const char *message = jhk_incidents_escalation_refusal (db, actor, incident, action);

        if (message == NULL && action != JHK_INCIDENT_ACKNOWLEDGE && !is_open (incident))
          message = closed_refusal ();
        *code = JHK_POLICY_ERROR_CONFLICT;
        return message;
      }
    }
  *code = JHK_POLICY_ERROR_INVALID;
  return _("This action on an incident is unknown.");
}

const char *
jhk_incidents_refusal (JhkDb             *db,
                       JhkSession        *actor,
                       const JhkIncident *incident,
                       JhkIncidentAction  action)
{
  int code;

  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (incident != NULL, NULL);

  return refusal (db, actor, incident, action, &code);
}

static gboolean
set_refused (GError     **error,
             int          code,
             const char  *message)
{
  if (message == NULL)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
  return FALSE;
}

/* Starts the write of action: the transaction, the incident read again in
 * it, the refusal. NULL (rolled back) on error. */
static JhkIncident *
begin_write (JhkDb              *db,
             JhkSession         *actor,
             gint64              incident_id,
             JhkIncidentAction   action,
             GError            **error)
{
  g_autoptr(JhkIncident) incident = NULL;
  int code = 0;

  if (!jhk_service_begin (db, actor, error))
    return NULL;
  incident = jhk_incidents_load (db, actor, incident_id, error);
  if (incident == NULL ||
      !set_refused (error, code, refusal (db, actor, incident, action, &code)))
    {
      jhk_service_abort (db);
      return NULL;
    }
  return g_steal_pointer (&incident);
}

/* The same for a step: *out_step points into the incident returned. */
static JhkIncident *
begin_step_write (JhkDb                  *db,
                  JhkSession             *actor,
                  gint64                  step_id,
                  JhkIncidentStepAction   action,
                  JhkIncidentStep       **out_step,
                  GError                **error)
{
  g_autoptr(JhkIncident) incident = NULL;
  gint64 incident_id = 0;
  int code = 0;

  *out_step = NULL;
  if (!jhk_service_begin (db, actor, error))
    return NULL;
  if (!jhk_db_query_int64 (db, &incident_id, NULL,
                           "SELECT incident_id FROM incident_steps WHERE id = ?",
                           JHK_I (step_id), JHK_DB_END) ||
      (incident = jhk_incidents_load (db, actor, incident_id, NULL)) == NULL)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no step %lld."), (long long) step_id);
      goto fail;
    }
  for (guint n = 0; n < incident->steps->len; n++)
    {
      JhkIncidentStep *step = g_ptr_array_index (incident->steps, n);

      if (step->id == step_id)
        *out_step = step;
    }
  g_assert (*out_step != NULL);
  if (!set_refused (error, code, step_refusal (db, actor, incident, *out_step, action, &code)))
    goto fail;
  return g_steal_pointer (&incident);

fail:
  *out_step = NULL;
  jhk_service_abort (db);
  return NULL;
}

/* Ends a write: the incident's updated_at, the timeline event, the audit
 * entry, the commit; rolled back on error. */
static gboolean
finish_write (JhkDb       *db,
              JhkSession  *actor,
              gint64       incident_id,
              const char  *kind,
              const char  *text,
              const char  *audit_action,
              JsonObject  *details,
              GError     **error)
{
  if (!jhk_db_run (db, error, "UPDATE incidents SET updated_at = ? WHERE id = ?",
                   JHK_I (jhk_now_us ()), JHK_I (incident_id), JHK_DB_END) ||
      !jhk_incidents_add_event (db, actor, incident_id, kind, text, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  return jhk_service_commit_id (db, actor, audit_action, "incident", incident_id, details,
                                error);
}

static gboolean
fail_write (JhkDb *db)
{
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_incidents_changed_once (JhkDb   *db,
                            GError **error)
{
  return jhk_service_changed_once (db, _("This incident was changed meanwhile."), error);
}

/* A note's text: given, at most JHK_INCIDENT_TEXT_MAX characters. */
static gboolean
check_note (const char  *text,
            const char  *blank_message,
            GError     **error)
{
  if (jhk_is_blank (text))
    return jhk_service_invalid (error, blank_message);
  if (!jhk_service_text_fits (text, JHK_INCIDENT_TEXT_MAX))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The text is too long (%d characters at most)."), JHK_INCIDENT_TEXT_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
jhk_incidents_update_facts (JhkDb                  *db,
                            JhkSession             *actor,
                            gint64                  incident_id,
                            const JhkIncidentFacts *facts,
                            GError                **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  if (!jhk_incident_facts_check (facts, NULL, error))
    return FALSE;
  title = g_strstrip (g_strdup (facts->title));
  incident = begin_write (db, actor, incident_id, JHK_INCIDENT_UPDATE_FACTS, error);
  if (incident == NULL)
    return FALSE;
  if (!check_links (db, incident->office_id, facts, error) ||
      !jhk_db_run (db, error,
                   "UPDATE incidents SET title = ?, description = ?, occurred_at = ?,"
                   " discovered_at = ?, systems = ?, terminals = ?, damage = ?,"
                   " stop_minutes = ?, leak = ? WHERE id = ? AND status = 'open'",
                   JHK_T (title), JHK_T (jhk_service_or_empty (facts->description)),
                   JHK_I (facts->occurred_at), JHK_I (facts->discovered_at),
                   JHK_T (jhk_service_or_empty (facts->systems)),
                   JHK_T (jhk_service_or_empty (facts->terminals)),
                   JHK_I (facts->damage ? 1 : 0), JHK_I (facts->stop_minutes),
                   JHK_I (facts->leak ? 1 : 0), JHK_I (incident_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !write_links (db, incident_id, facts, error) ||
      !jhk_incidents_apply_criteria (db, incident_id, error))
    return fail_write (db);
  facts_details (details, facts);
  return finish_write (db, actor, incident_id, "facts", title, "incident.update_facts", details,
                       error);
}

gboolean
jhk_incidents_add_note (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       incident_id,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_note (text, _("Write the note."), error))
    return FALSE;
  incident = begin_write (db, actor, incident_id, JHK_INCIDENT_ADD_NOTE, error);
  if (incident == NULL)
    return FALSE;
  return finish_write (db, actor, incident_id, "note", text, "incident.note", details, error);
}

/* "3. text", and ": more" when more is given. */
static char *
step_event_text (const JhkIncidentStep *step,
                 const char            *more)
{
  if (jhk_is_blank (more))
    return g_strdup_printf ("%d. %s", step->position, step->text);
  return g_strdup_printf ("%d. %s: %s", step->position, step->text, more);
}

static char *
appended_note (const JhkIncidentStep *step,
               const char            *note)
{
  if (jhk_is_blank (note))
    return g_strdup (step->note);
  if (jhk_is_blank (step->note))
    return g_strdup (note);
  return g_strconcat (step->note, "\n", note, NULL);
}

static void
step_details (JsonObject            *details,
              const JhkIncidentStep *step)
{
  json_object_set_int_member (details, "step_id", step->id);
  json_object_set_int_member (details, "position", step->position);
}

gboolean
jhk_incidents_step_done (JhkDb       *db,
                         JhkSession  *actor,
                         gint64       step_id,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *text = NULL;
  g_autofree char *notes = NULL;
  JhkIncidentStep *step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (note != NULL && !jhk_service_text_fits (note, JHK_INCIDENT_TEXT_MAX))
    return check_note (note, NULL, error);
  incident = begin_step_write (db, actor, step_id, JHK_INCIDENT_STEP_ACTION_DONE, &step, error);
  if (incident == NULL)
    return FALSE;
  notes = appended_note (step, note);
  if (!jhk_db_run (db, error,
                   "UPDATE incident_steps SET state = 'done', note = ?, done_by = ?, done_at = ?"
                   " WHERE id = ? AND state = 'pending'",
                   JHK_T (notes), JHK_I (jhk_session_get_staff_id (actor)),
                   JHK_I (jhk_now_us ()), JHK_I (step_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error))
    return fail_write (db);
  text = step_event_text (step, note);
  step_details (details, step);
  return finish_write (db, actor, incident->id, "step_done", text, "incident.step_done", details,
                       error);
}

gboolean
jhk_incidents_step_skip (JhkDb       *db,
                         JhkSession  *actor,
                         gint64       step_id,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *text = NULL;
  JhkIncidentStep *step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_note (reason, _("Give the reason for skipping the step."), error))
    return FALSE;
  incident = begin_step_write (db, actor, step_id, JHK_INCIDENT_STEP_ACTION_SKIP, &step, error);
  if (incident == NULL)
    return FALSE;
  if (!jhk_db_run (db, error,
                   "UPDATE incident_steps SET state = 'skipped', reason = ?, done_by = ?,"
                   " done_at = ? WHERE id = ? AND state = 'pending'",
                   JHK_T (reason), JHK_I (jhk_session_get_staff_id (actor)),
                   JHK_I (jhk_now_us ()), JHK_I (step_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error))
    return fail_write (db);
  text = step_event_text (step, reason);
  step_details (details, step);
  json_object_set_string_member (details, "reason", reason);
  return finish_write (db, actor, incident->id, "step_skipped", text, "incident.step_skip",
                       details, error);
}

gboolean
jhk_incidents_step_confirm (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       step_id,
                            GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *text = NULL;
  JhkIncidentStep *step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  incident = begin_step_write (db, actor, step_id, JHK_INCIDENT_STEP_ACTION_CONFIRM, &step,
                               error);
  if (incident == NULL)
    return FALSE;
  if (!jhk_db_run (db, error,
                   "UPDATE incident_steps SET confirmed_by = ?, confirmed_at = ?"
                   " WHERE id = ? AND state = 'done' AND confirmed_at IS NULL",
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_I (step_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error))
    return fail_write (db);
  text = step_event_text (step, NULL);
  step_details (details, step);
  return finish_write (db, actor, incident->id, "step_confirmed", text, "incident.step_confirm",
                       details, error);
}

gboolean
jhk_incidents_step_add_note (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       step_id,
                             const char  *note,
                             GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *text = NULL;
  g_autofree char *notes = NULL;
  JhkIncidentStep *step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_note (note, _("Write the note."), error))
    return FALSE;
  incident = begin_step_write (db, actor, step_id, JHK_INCIDENT_STEP_ACTION_NOTE, &step, error);
  if (incident == NULL)
    return FALSE;
  notes = appended_note (step, note);
  if (!jhk_db_run (db, error, "UPDATE incident_steps SET note = ? WHERE id = ?",
                   JHK_T (notes), JHK_I (step_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error))
    return fail_write (db);
  text = step_event_text (step, note);
  step_details (details, step);
  return finish_write (db, actor, incident->id, "note", text, "incident.step_note", details,
                       error);
}

/* Attachments --------------------------------------------------------------- */

/* A file name without a directory: no separator, not "." or "..". */
static gboolean
filename_is_plain (const char *filename)
{
  return !jhk_is_blank (filename) && g_utf8_validate (filename, -1, NULL) &&
         strchr (filename, '/') == NULL && strchr (filename, '\\') == NULL &&
         strcmp (filename, ".") != 0 && strcmp (filename, "..") != 0 &&
         jhk_service_text_fits (filename, 255);
}

gint64
jhk_incidents_attach (JhkDb       *db,
                      JhkSession  *actor,
                      gint64       incident_id,
                      gint64       step_id,
                      const char  *filename,
                      const char  *mime_type,
                      GBytes      *data,
                      GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *base64 = NULL;
  gsize size;
  gint64 id;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (!filename_is_plain (filename))
    {
      jhk_service_invalid (error, _("Give the attachment a file name without a folder."));
      return 0;
    }
  if (jhk_is_blank (mime_type))
    mime_type = "application/octet-stream";
  else if (!jhk_service_text_fits (mime_type, 255))
    {
      jhk_service_invalid (error, _("The attachment's type is too long."));
      return 0;
    }
  size = g_bytes_get_size (data);
  if (size > JHK_INCIDENT_ATTACHMENT_MAX)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("An attachment is at most %d MiB."),
                   JHK_INCIDENT_ATTACHMENT_MAX / (1024 * 1024));
      return 0;
    }
  incident = begin_write (db, actor, incident_id, JHK_INCIDENT_ATTACH, error);
  if (incident == NULL)
    return 0;
  if (step_id != 0)
    {
      gboolean found = FALSE;

      for (guint n = 0; n < incident->steps->len; n++)
        if (((JhkIncidentStep *) g_ptr_array_index (incident->steps, n))->id == step_id)
          found = TRUE;
      if (!found)
        {
          g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                       _("There is no step %lld."), (long long) step_id);
          fail_write (db);
          return 0;
        }
    }
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  base64 = g_base64_encode (g_bytes_get_data (data, NULL), size);
  id = jhk_service_insert (db, error,
                           "INSERT INTO incident_attachments (incident_id, step_id, filename,"
                           " mime_type, size, sha256, data, added_by, added_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (incident_id), JHK_IZ (step_id), JHK_T (filename),
                           JHK_T (mime_type), JHK_I (size), JHK_T (sha256), JHK_T (base64),
                           JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                           JHK_DB_END);
  if (id == 0)
    {
      fail_write (db);
      return 0;
    }
  json_object_set_int_member (details, "attachment_id", id);
  if (step_id != 0)
    json_object_set_int_member (details, "step_id", step_id);
  json_object_set_string_member (details, "filename", filename);
  json_object_set_int_member (details, "size", size);
  json_object_set_string_member (details, "sha256", sha256);
  if (!finish_write (db, actor, incident_id, "attachment", filename, "incident.attach", details,
                     error))
    return 0;
  return id;
}

GBytes *
jhk_incidents_get_attachment (JhkDb                  *db,
                              JhkSession             *actor,
                              gint64                  attachment_id,
                              JhkIncidentAttachment **out_info,
                              GError                **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *base64 = NULL;
  JhkIncidentAttachment *info;
  gint64 incident_id = 0;
  guchar *bytes;
  gsize size = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (out_info != NULL)
    *out_info = NULL;
  if (!jhk_db_query_int64 (db, &incident_id, NULL,
                           "SELECT incident_id FROM incident_attachments WHERE id = ?",
                           JHK_I (attachment_id), JHK_DB_END) ||
      (incident = jhk_incidents_load (db, actor, incident_id, NULL)) == NULL)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no attachment %lld."), (long long) attachment_id);
      return NULL;
    }
  stmt = jhk_db_query (db, error, "SELECT " ATTACHMENT_FIELDS ", a.data" ATTACHMENT_FROM
                       " WHERE a.id = ?",
                       JHK_I (attachment_id), JHK_DB_END);
  if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                     _("There is no attachment %lld."), (long long) attachment_id);
      return NULL;
    }
  info = attachment_from_row (stmt);
  base64 = jhk_service_dup_text (stmt, 9);
  bytes = g_base64_decode (base64, &size);
  if (out_info != NULL)
    *out_info = info;
  else
    jhk_incident_attachment_free (info);
  return g_bytes_new_take (bytes, size);
}

/* Closing ------------------------------------------------------------------- */

gboolean
jhk_incidents_close (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       incident_id,
                     const char  *prevention,
                     GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  gint64 now = jhk_now_us ();

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_note (prevention, _("Write the measures against a recurrence."), error))
    return FALSE;
  incident = begin_write (db, actor, incident_id, JHK_INCIDENT_CLOSE, error);
  if (incident == NULL)
    return FALSE;
  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET status = 'closed', prevention = ?, closed_by = ?,"
                   " closed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
                   JHK_T (prevention), JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now),
                   JHK_I (now), JHK_I (incident_id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident_id, "closed", prevention, error))
    return fail_write (db);
  return jhk_service_commit_id (db, actor, "incident.close", "incident", incident_id, details,
                                error);
}

/* Lists --------------------------------------------------------------------- */

/* The condition of a scope, for jhk_incidents_list() and its model alike:
 * "" for every incident. Filtered in SQL by the offices and businesses
 * the actor's roles give, as the server's policies do. */
static char *
scope_condition (JhkDb             *db,
                 JhkSession        *actor,
                 JhkIncidentsScope  scope)
{
  g_autoptr(GString) sql = g_string_new ("");
  g_autoptr(GString) visible = g_string_new ("");

  if (!sees_all (actor))
    {
      g_autoptr(GArray) offices =
        jhk_service_query_ids (db, NULL,
                               "SELECT id FROM org_units WHERE kind = 'office' ORDER BY id",
                               JHK_DB_END);

      /* No placeholder beside the offices: "IN (one)" is an equality, so
       * that an office's list reads its index (org_unit_id, discovered_at,
       * id) in order instead of sorting them. */
      for (guint n = 0; offices != NULL && n < offices->len; n++)
        {
          gint64 office = g_array_index (offices, gint64, n);

          if (jhk_service_sees_office (db, actor, office))
            g_string_append_printf (visible, "%s%" G_GINT64_FORMAT,
                                    visible->len > 0 ? ", " : "", office);
        }
      g_string_prepend (visible, "i.org_unit_id IN (");
      g_string_append (visible, visible->len > strlen ("i.org_unit_id IN (") ? ")" : "0)");
    }

  switch (scope)
    {
    case JHK_INCIDENTS_OPEN:
      g_string_append (sql, "i.status = 'open'");
      break;
    case JHK_INCIDENTS_RECOVERY:
      /* Open: a closed incident has no recovery requested or under
       * investigation; the indexes on status (incidents_open,
       * incidents_office_status) find them instead of every incident
       * being read. */
      g_string_append (sql, "i.status = 'open' AND i.recovery_state IN ('requested',"
                            " 'investigating') AND (");
      if (jhk_incidents_is_sysadmin (actor))
        g_string_append (sql, "i.recovery_to = 'sysadmin' OR ");
      g_string_append (sql, "(i.recovery_to = 'business' AND i.recovery_business_id IN (0");
      for (guint n = 0; jhk_session_get_staff_id (actor) != 0 &&
                        n < jhk_session_get_n_grants (actor); n++)
        {
          const JhkRoleGrant *grant = jhk_session_get_grant (actor, n);

          if ((grant->role == JHK_ROLE_BIZ_OWNER || grant->role == JHK_ROLE_EGOV_OWNER ||
               grant->role == JHK_ROLE_LEAD_OWNER) && grant->business_id != 0)
            g_string_append_printf (sql, ", %" G_GINT64_FORMAT, grant->business_id);
        }
      g_string_append (sql, ")))");
      break;
    case JHK_INCIDENTS_REPORTS:
      g_string_append (sql, "i.serious = 1 AND i.report_state IN ('draft', 'reported')");
      break;
    case JHK_INCIDENTS_VISIBLE:
    default:
      break;
    }
  if (visible->len > 0)
    {
      if (sql->len > 0)
        g_string_append (sql, " AND ");
      g_string_append (sql, visible->str);
    }
  if (sql->len > 0)
    {
      g_string_prepend_c (sql, '(');
      g_string_append_c (sql, ')');
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

GPtrArray *
jhk_incidents_list (JhkDb              *db,
                    JhkSession         *actor,
                    JhkIncidentsScope   scope,
                    GError            **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_incident_free);
  g_autofree char *condition = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  condition = scope_condition (db, actor, scope);
  sql = g_strdup_printf ("SELECT i.id FROM incidents i%s%s ORDER BY i.discovered_at DESC,"
                         " i.id DESC",
                         condition[0] != '\0' ? " WHERE " : "", condition);
  ids = jhk_service_query_ids (db, error, sql, JHK_DB_END);
  if (ids == NULL)
    return NULL;
  for (guint n = 0; n < ids->len; n++)
    {
      JhkIncident *incident = jhk_incidents_load (db, actor, g_array_index (ids, gint64, n),
                                                  error);

      if (incident == NULL)
        return NULL;
      g_ptr_array_add (list, incident);
    }
  return g_steal_pointer (&list);
}

#define SCOPE_KEY "jhk-incidents-scope"

JhkQueryModel *
jhk_incidents_list_model (JhkDb             *db,
                          JhkSession        *actor,
                          JhkIncidentsScope  scope)
{
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  model = jhk_query_model_new (db,
                               "i.id AS id, i.org_unit_id AS office_id, o.name AS office,"
                               " i.status, i.title, i.discovered_at, v.title AS playbook,"
                               " i.serious, i.recovery_state, i.report_state,"
                               " i.report_due_at,"
                               " (SELECT COUNT(*) FROM incident_steps t"
                               "   WHERE t.incident_id = i.id) AS steps_total,"
                               " (SELECT COUNT(*) FROM incident_steps t"
                               "   WHERE t.incident_id = i.id AND (t.state = 'skipped'"
                               "     OR (t.state = 'done' AND (t.needs_confirmation = 0"
                               "         OR t.confirmed_at IS NOT NULL)))) AS steps_resolved",
                               "incidents i"
                               " LEFT JOIN org_units o ON o.id = i.org_unit_id"
                               " LEFT JOIN playbook_versions v ON v.id = i.playbook_version_id",
                               "i.id");
  jhk_query_model_set_id_from (model, "incidents i");
  g_object_set_data_full (G_OBJECT (model), SCOPE_KEY, scope_condition (db, actor, scope),
                          g_free);
  jhk_query_model_set_order (model, "i.discovered_at DESC, i.id DESC");
  jhk_incidents_list_model_set_filter (model, NULL, 0, NULL, FALSE);
  return model;
}

void
jhk_incidents_list_model_set_filter (JhkQueryModel *model,
                                     const char    *status,
                                     gint64         office_id,
                                     const char    *text,
                                     gboolean       serious_only)
{
  g_autoptr(GError) error = NULL;
  const char *scope;
  g_autoptr(GString) where = NULL;
  GVariantBuilder params;

  g_return_if_fail (JHK_IS_QUERY_MODEL (model));

  scope = g_object_get_data (G_OBJECT (model), SCOPE_KEY);
  where = g_string_new (scope != NULL ? scope : "");
  g_variant_builder_init (&params, G_VARIANT_TYPE_TUPLE);
#define AND(cond) g_string_append_printf (where, "%s%s", where->len > 0 ? " AND " : "", cond)
  if (status != NULL && status[0] != '\0')
    {
      AND ("i.status = ?");
      g_variant_builder_add (&params, "s", status);
    }
  if (office_id != 0)
    {
      AND ("i.org_unit_id = ?");
      g_variant_builder_add (&params, "x", office_id);
    }
  if (text != NULL && text[0] != '\0')
    {
      g_autofree char *pattern = jhk_service_like_pattern (text);

      AND ("(i.title LIKE ? ESCAPE '\\' OR i.description LIKE ? ESCAPE '\\')");
      g_variant_builder_add (&params, "s", pattern);
      g_variant_builder_add (&params, "s", pattern);
    }
  if (serious_only)
    AND ("i.serious = 1");
#undef AND
  if (!jhk_service_set_filter (model, where->str, &params, &error))
    g_warning ("Could not read the incidents: %s", error->message);
}

/* JSON ---------------------------------------------------------------------- */

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       us)
{
  g_autoptr(GDateTime) t = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (b, member);
  if (us == 0 || (t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC)) == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  text = g_date_time_format_iso8601 (t);
  json_builder_add_string_value (b, text);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

/* A staff id and name, or null. */
static void
add_staff (JsonBuilder *b,
           const char  *id_member,
           gint64       id,
           const char  *name_member,
           const char  *name)
{
  json_builder_set_member_name (b, id_member);
  if (id == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, id);
  add_string (b, name_member, name);
}

static void
add_ids (JsonBuilder *b,
         const char  *member,
         GArray      *ids,
         const char  *names_member,
         GPtrArray   *names)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint n = 0; ids != NULL && n < ids->len; n++)
    json_builder_add_int_value (b, g_array_index (ids, gint64, n));
  json_builder_end_array (b);
  json_builder_set_member_name (b, names_member);
  json_builder_begin_array (b);
  for (guint n = 0; names != NULL && n < names->len; n++)
    json_builder_add_string_value (b, g_ptr_array_index (names, n));
  json_builder_end_array (b);
}

static void
add_report (JsonBuilder             *b,
            const JhkIncidentReport *r)
{
  json_builder_set_member_name (b, "report");
  json_builder_begin_object (b);
  add_string (b, "state", r->state);
  add_string (b, "summary", r->summary);
  add_string (b, "leaked_items", r->leaked_items);
  add_int (b, "persons", r->persons);
  add_string (b, "cause", r->cause);
  add_string (b, "secondary_risk", r->secondary_risk);
  add_string (b, "response_to_persons", r->response_to_persons);
  add_string (b, "publication", r->publication);
  add_string (b, "prevention", r->prevention);
  add_time (b, "due_at", r->due_at);
  add_staff (b, "reported_by", r->reported_by, "reported_by_name", r->reported_by_name);
  add_time (b, "reported_at", r->reported_at);
  add_staff (b, "supervisor_ack_by", r->supervisor_ack_by, "supervisor_ack_name",
             r->supervisor_ack_name);
  add_time (b, "supervisor_ack_at", r->supervisor_ack_at);
  add_staff (b, "dept_head_ack_by", r->dept_head_ack_by, "dept_head_ack_name",
             r->dept_head_ack_name);
  add_time (b, "dept_head_ack_at", r->dept_head_ack_at);
  json_builder_end_object (b);
}

JsonNode *
jhk_incident_to_json (const JhkIncident *i,
                      GPtrArray         *timeline)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (i != NULL, NULL);

  json_builder_begin_object (b);
  add_int (b, "id", i->id);
  add_int (b, "office_id", i->office_id);
  add_string (b, "office_name", i->office_name);
  add_string (b, "status", i->status);
  add_string (b, "title", i->title);
  add_string (b, "description", i->description);
  add_time (b, "occurred_at", i->occurred_at);
  add_time (b, "discovered_at", i->discovered_at);
  add_string (b, "systems", i->systems);
  add_string (b, "terminals", i->terminals);
  add_ids (b, "business_ids", i->business_ids, "business_names", i->business_names);
  add_ids (b, "material_ids", i->material_ids, "material_names", i->material_names);
  add_bool (b, "damage", i->damage);
  add_int (b, "stop_minutes", i->stop_minutes);
  add_bool (b, "leak", i->leak);
  add_int (b, "playbook_id", i->playbook_id);
  add_int (b, "playbook_version_id", i->playbook_version_id);
  add_int (b, "playbook_version", i->playbook_version);
  add_string (b, "playbook_title", i->playbook_title);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint n = 0; i->steps != NULL && n < i->steps->len; n++)
    {
      const JhkIncidentStep *s = g_ptr_array_index (i->steps, n);

      json_builder_begin_object (b);
      add_int (b, "id", s->id);
      add_int (b, "position", s->position);
      add_string (b, "text", s->text);
      add_string (b, "role", s->role);
      add_int (b, "minutes", s->minutes);
      add_bool (b, "needs_confirmation", s->needs_confirmation);
      add_string (b, "evidence", s->evidence);
      add_string (b, "state", s->state);
      add_bool (b, "resolved", jhk_incident_step_is_resolved (s));
      add_string (b, "reason", s->reason);
      add_string (b, "note", s->note);
      add_staff (b, "done_by", s->done_by, "done_by_name", s->done_by_name);
      add_time (b, "done_at", s->done_at);
      add_staff (b, "confirmed_by", s->confirmed_by, "confirmed_by_name", s->confirmed_by_name);
      add_time (b, "confirmed_at", s->confirmed_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "attachments");
  json_builder_begin_array (b);
  for (guint n = 0; i->attachments != NULL && n < i->attachments->len; n++)
    {
      const JhkIncidentAttachment *a = g_ptr_array_index (i->attachments, n);

      json_builder_begin_object (b);
      add_int (b, "id", a->id);
      json_builder_set_member_name (b, "step_id");
      if (a->step_id == 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, a->step_id);
      add_string (b, "filename", a->filename);
      add_string (b, "mime_type", a->mime_type);
      add_int (b, "size", a->size);
      add_string (b, "sha256", a->sha256);
      add_staff (b, "added_by", a->added_by, "added_by_name", a->added_by_name);
      add_time (b, "added_at", a->added_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_string (b, "recovery_state", i->recovery_state);
  add_string (b, "recovery_to", i->recovery_to);
  json_builder_set_member_name (b, "recovery_business_id");
  if (i->recovery_business_id == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, i->recovery_business_id);
  add_string (b, "recovery_business_name", i->recovery_business_name);
  add_string (b, "recovery_request", i->recovery_request);
  add_staff (b, "recovery_requested_by", i->recovery_requested_by,
             "recovery_requested_by_name", i->recovery_requested_by_name);
  add_time (b, "recovery_requested_at", i->recovery_requested_at);
  add_string (b, "investigation", i->investigation);
  add_staff (b, "investigated_by", i->investigated_by, "investigated_by_name",
             i->investigated_by_name);
  add_time (b, "investigated_at", i->investigated_at);
  add_string (b, "dispatched_staff", i->dispatched_staff);
  add_time (b, "dispatched_at", i->dispatched_at);
  add_string (b, "recovery_result", i->recovery_result);
  add_time (b, "recovery_finished_at", i->recovery_finished_at);

  add_bool (b, "serious", i->serious);
  add_string (b, "serious_reason", i->serious_reason);
  add_staff (b, "serious_by", i->serious_by, "serious_by_name", i->serious_by_name);
  add_time (b, "serious_at", i->serious_at);
  add_report (b, &i->report);

  add_string (b, "prevention", i->prevention);
  add_staff (b, "reported_by", i->reported_by, "reported_by_name", i->reported_by_name);
  add_time (b, "created_at", i->created_at);
  add_time (b, "updated_at", i->updated_at);
  add_staff (b, "closed_by", i->closed_by, "closed_by_name", i->closed_by_name);
  add_time (b, "closed_at", i->closed_at);

  if (timeline != NULL)
    {
      json_builder_set_member_name (b, "timeline");
      json_builder_begin_array (b);
      for (guint n = 0; n < timeline->len; n++)
        {
          const JhkIncidentEvent *e = g_ptr_array_index (timeline, n);

          json_builder_begin_object (b);
          add_int (b, "id", e->id);
          add_time (b, "at", e->at);
          add_staff (b, "staff_id", e->staff_id, "actor_name", e->actor_name);
          add_string (b, "kind", e->kind);
          add_string (b, "text", e->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
