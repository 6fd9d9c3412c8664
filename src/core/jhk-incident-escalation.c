/* jhk-incident-escalation.c: the recovery request, the seriousness and the
 * report of an incident (第19-3..5, R19-3..5), see jhk-incidents.h.
 *
 * Every write is one transaction: the incident is read again inside it
 * (jhk_incidents_load), jhk_incidents_escalation_refusal() decides whether
 * the actor may take the action now, the conditional UPDATE changes it
 * only from the state read, a timeline event and one audit entry go with
 * it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jhk-incidents-private.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

/* Labels ------------------------------------------------------------------ */

const char *
jhk_incident_recovery_state_label (const char *state)
{
  static const JhkServiceLabel labels[] = {
    { "", N_("Not requested") },
    { "requested", N_("Recovery requested") },
    { "investigating", N_("Under investigation") },
    { "finished", N_("Recovery finished") },
    { NULL }
  };

  return jhk_service_label (labels, state != NULL ? state : "");
}

const char *
jhk_incident_report_state_label (const char *state)
{
  static const JhkServiceLabel labels[] = {
    { "", N_("No report") },
    { "draft", N_("Report in draft") },
    { "reported", N_("Reported") },
    { "acknowledged", N_("Acknowledged") },
    { NULL }
  };

  return jhk_service_label (labels, state != NULL ? state : "");
}

/* Seriousness ------------------------------------------------------------- */

char *
jhk_incidents_criteria_met (JhkDb                  *db,
                            gint64                  playbook_version_id,
                            const JhkIncidentFacts *facts)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean damage, leak;
  gint64 stop_limit;
  char *sentence;
  gunichar first;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (facts != NULL, NULL);

  stmt = jhk_db_query (db, &error,
                       "SELECT serious_damage, serious_stop_minutes, serious_leak"
                       " FROM playbook_versions WHERE id = ?",
                       JHK_I (playbook_version_id), JHK_DB_END);
  if (stmt == NULL)
    {
      g_warning ("Could not read the criteria of playbook version %lld: %s",
                 (long long) playbook_version_id, error->message);
      return NULL;
    }
  if (jhk_db_stmt_step (stmt, &error) != JHK_DB_ROW)
    return NULL;
  damage = jhk_db_stmt_get_int64 (stmt, 0) != 0;
  stop_limit = jhk_db_stmt_get_int64 (stmt, 1);
  leak = jhk_db_stmt_get_int64 (stmt, 2) != 0;

  if (damage && facts->damage)
    g_ptr_array_add (parts, g_strdup (_("damage to the system")));
  if (stop_limit > 0 && facts->stop_minutes > stop_limit)
    /* Translators: a business stopped this many minutes, over the playbook's limit. */
    g_ptr_array_add (parts, g_strdup_printf (_("a business stopped %d minutes (limit %lld "
                                               "minutes)"),
                                             facts->stop_minutes, (long long) stop_limit));
  if (leak && facts->leak)
    g_ptr_array_add (parts, g_strdup (_("a leak of personal data")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator of the criteria met, as in "A; B". */
  sentence = g_strjoinv (_("; "), (char **) parts->pdata);
  /* A sentence: its first letter upper case (for the languages that have one). */
  first = g_utf8_get_char (sentence);
  if (g_unichar_islower (first) && g_unichar_toupper (first) < 0x80 && first < 0x80)
    sentence[0] = (char) g_unichar_toupper (first);
  return sentence;
}

/* The hours after discovery the report of an incident of the playbook
 * version is due. */
static gint64
report_hours (JhkDb  *db,
              gint64  playbook_version_id)
{
  gint64 hours = 0;

  if (!jhk_db_query_int64 (db, &hours, NULL,
                           "SELECT report_hours FROM playbook_versions WHERE id = ?",
                           JHK_I (playbook_version_id), JHK_DB_END) || hours <= 0)
    hours = jhk_settings_get_int (db, JHK_SETTING_INCIDENT_REPORT_HOURS);
  return hours;
}

static gint64
report_due (JhkDb  *db,
            gint64  playbook_version_id,
            gint64  discovered_at)
{
  return discovered_at + report_hours (db, playbook_version_id) * G_TIME_SPAN_HOUR;
}

gboolean
jhk_incidents_apply_criteria (JhkDb   *db,
                              gint64   incident_id,
                              GError **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *reason = NULL;
  JhkIncidentFacts facts = { 0 };
  gint64 version_id, discovered_at;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);

  stmt = jhk_service_query_row (db, _("There is no such incident."), error,
                                "SELECT serious, playbook_version_id, discovered_at, damage,"
                                " stop_minutes, leak FROM incidents WHERE id = ?",
                                JHK_I (incident_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  if (jhk_db_stmt_get_int64 (stmt, 0) != 0)
    return TRUE;                /* never un-serious, never twice */
  version_id = jhk_db_stmt_get_int64 (stmt, 1);
  discovered_at = jhk_db_stmt_get_int64 (stmt, 2);
  facts.damage = jhk_db_stmt_get_int64 (stmt, 3) != 0;
  facts.stop_minutes = (int) jhk_db_stmt_get_int64 (stmt, 4);
  facts.leak = jhk_db_stmt_get_int64 (stmt, 5) != 0;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  reason = jhk_incidents_criteria_met (db, version_id, &facts);
  if (reason == NULL)
    return TRUE;
  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET serious = 1, serious_reason = ?, serious_by = NULL,"
                   " serious_at = ?, report_state = 'draft', report_due_at = ?, updated_at = ?"
                   " WHERE id = ? AND serious = 0",
                   JHK_T (reason), JHK_I (jhk_now_us ()),
                   JHK_I (report_due (db, version_id, discovered_at)), JHK_I (jhk_now_us ()),
                   JHK_I (incident_id), JHK_DB_END))
    return FALSE;
  if (jhk_db_changes (db) != 1)
    return TRUE;
  return jhk_incidents_add_event (db, NULL, incident_id, "serious", reason, error);
}

/* Refusals ---------------------------------------------------------------- */

static gboolean
is_staff (JhkSession *actor)
{
  return jhk_session_get_staff_id (actor) != 0;
}

/* The recovery's addressee: the システム管理者, or the manager of the
 * business it was addressed to. */
static gboolean
is_addressee (JhkSession        *actor,
              const JhkIncident *incident)
{
  if (!is_staff (actor))
    return FALSE;
  if (g_strcmp0 (incident->recovery_to, "sysadmin") == 0)
    return jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
  if (g_strcmp0 (incident->recovery_to, "business") == 0)
    return incident->recovery_business_id != 0 &&
           jhk_org_manages_business (actor, incident->recovery_business_id);
  return FALSE;
}

static const char *
not_addressee (const JhkIncident *incident)
{
  if (g_strcmp0 (incident->recovery_to, "sysadmin") == 0)
    return _("Only the system administrator investigates a recovery request addressed to "
             "them.");
  return _("Only the manager of the business the recovery request is addressed to "
           "investigates it.");
}

static gboolean
state_is (const char *state,
          const char *expected)
{
  return g_strcmp0 (state != NULL ? state : "", expected) == 0;
}

/* What the report still lacks to be reported, or NULL. */
static const char *
report_missing (const JhkIncidentReport *report)
{
  if (jhk_is_blank (report->summary) || jhk_is_blank (report->cause) ||
      jhk_is_blank (report->prevention))
    return _("A report is reported with its summary, cause and prevention filled in.");
  return NULL;
}

static const char *
refusal (JhkDb              *db,
         JhkSession         *actor,
         const JhkIncident  *incident,
         JhkIncidentAction   action,
         int                *out_code)
{
  int unused_code;
  int *code = out_code != NULL ? out_code : &unused_code;
  gboolean closed = state_is (incident->status, "closed");
  gint64 staff = jhk_session_get_staff_id (actor);

  *code = JHK_POLICY_ERROR_DENIED;
  switch (action)
    {
    case JHK_INCIDENT_REQUEST_RECOVERY:
      if (!is_staff (actor) || !jhk_incidents_is_office_manager (db, actor, incident->office_id))
        return _("Only the office's operations manager requests recovery of its incidents.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (closed)
        return _("The incident is closed: it is kept as it was closed.");
      if (!state_is (incident->recovery_state, ""))
        return _("Recovery was requested for this incident already.");
      return NULL;

    case JHK_INCIDENT_INVESTIGATE:
    case JHK_INCIDENT_DISPATCH:
    case JHK_INCIDENT_FINISH_RECOVERY:
      if (state_is (incident->recovery_state, ""))
        {
          *code = JHK_POLICY_ERROR_CONFLICT;
          return closed ? _("The incident is closed: it is kept as it was closed.")
                        : _("No recovery was requested for this incident.");
        }
      if (!is_addressee (actor, incident))
        return not_addressee (incident);
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (closed)
        return _("The incident is closed: it is kept as it was closed.");
      if (state_is (incident->recovery_state, "finished"))
        return _("The recovery of this incident is finished.");
      if (action == JHK_INCIDENT_INVESTIGATE)
        return NULL;
      if (!state_is (incident->recovery_state, "investigating"))
        return action == JHK_INCIDENT_DISPATCH
               ? _("Record the investigation before the staff sent.")
               : _("Record the investigation before finishing the recovery.");
      return NULL;

    case JHK_INCIDENT_DECLARE_SERIOUS:
      if (!is_staff (actor) ||
          (!jhk_incidents_is_manager (actor) &&
           !jhk_incidents_is_office_manager (db, actor, incident->office_id)))
        return _("Only the system administrator, the managers of businesses and the office's "
                 "operations manager declare an incident serious.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (closed)
        return _("The incident is closed: it is kept as it was closed.");
      if (incident->serious)
        return _("This incident is serious already.");
      return NULL;

    case JHK_INCIDENT_EDIT_REPORT:
    case JHK_INCIDENT_SUBMIT_REPORT:
      if (action == JHK_INCIDENT_EDIT_REPORT &&
          !jhk_incidents_is_sysadmin (actor) &&
          !(is_staff (actor) && jhk_incidents_is_office_manager (db, actor, incident->office_id)))
        return _("Only the system administrator or the office's operations manager edits the "
                 "report of an incident.");
      if (action == JHK_INCIDENT_SUBMIT_REPORT && !jhk_incidents_is_sysadmin (actor))
        return _("Only the system administrator reports a serious incident to the general "
                 "supervisor and the department head.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!incident->serious || state_is (incident->report.state, ""))
        return _("This incident is not serious and has no report.");
      if (!state_is (incident->report.state, "draft"))
        return _("The report was reported already and no longer changes.");
      if (closed)
        return _("The incident is closed: it is kept as it was closed.");
      if (action == JHK_INCIDENT_SUBMIT_REPORT && report_missing (&incident->report) != NULL)
        {
          *code = JHK_POLICY_ERROR_INVALID;
          return report_missing (&incident->report);
        }
      return NULL;

    case JHK_INCIDENT_ACKNOWLEDGE:
      {
        gboolean supervisor = is_staff (actor) &&
                              jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR);
        gboolean dept_head = is_staff (actor) && jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD);

        if (!supervisor && !dept_head)
          return _("Only the general supervisor and a department head acknowledge the report "
                   "of a serious incident.");
        *code = JHK_POLICY_ERROR_CONFLICT;
        if (!incident->serious || state_is (incident->report.state, ""))
          return _("This incident is not serious and has no report.");
        if (state_is (incident->report.state, "draft"))
          return _("The report is acknowledged once it is reported.");
        if (state_is (incident->report.state, "acknowledged"))
          return _("The report is acknowledged already.");
        if (incident->report.supervisor_ack_by == staff ||
            incident->report.dept_head_ack_by == staff)
          return _("You acknowledged this report already.");
        if ((supervisor && incident->report.supervisor_ack_at == 0) ||
            (dept_head && incident->report.dept_head_ack_at == 0))
          return NULL;
        return supervisor ? _("The general supervisor acknowledged this report already.")
                          : _("A department head acknowledged this report already.");
      }

    default:
      break;
    }
  *code = JHK_POLICY_ERROR_INVALID;
  return _("This action is not one of the escalation of an incident.");
}

const char *
jhk_incidents_escalation_refusal (JhkDb              *db,
                                  JhkSession         *actor,
                                  const JhkIncident  *incident,
                                  JhkIncidentAction   action)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (incident != NULL, NULL);

  return refusal (db, actor, incident, action, NULL);
}

/* Writes ------------------------------------------------------------------ */

typedef gboolean (*ApplyFunc) (JhkDb        *db,
                               JhkSession   *actor,
                               JhkIncident  *incident,
                               gpointer      data,
                               JsonObject   *details,
                               GError      **error);

/* Reads the incident, checks the action, applies it and commits with the
 * audit entry audit_action. */
static gboolean
escalate (JhkDb             *db,
          JhkSession        *actor,
          gint64             incident_id,
          JhkIncidentAction  action,
          const char        *audit_action,
          ApplyFunc          apply,
          gpointer           data,
          GError           **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkIncident) incident = NULL;
  const char *message;
  int code = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  incident = jhk_incidents_load (db, actor, incident_id, error);
  if (incident == NULL)
    {
      jhk_service_abort (db);
      return FALSE;
    }
  message = refusal (db, actor, incident, action, &code);
  if (message != NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
      jhk_service_abort (db);
      return FALSE;
    }
  if (!apply (db, actor, incident, data, details, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  return jhk_service_commit_id (db, actor, audit_action, "incident", incident_id, details,
                                error);
}

static gboolean
check_text (const char  *text,
            gboolean     required,
            const char  *required_message,
            GError     **error)
{
  if (required && jhk_is_blank (text))
    return jhk_service_invalid (error, required_message);
  if (text != NULL && !jhk_service_text_fits (text, JHK_INCIDENT_TEXT_MAX))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("A text of an incident is at most %d characters of valid text."),
                   JHK_INCIDENT_TEXT_MAX);
      return FALSE;
    }
  return TRUE;
}

/* Recovery (R19-3, R19-4) */

typedef struct
{
  const char *recipient;
  gint64      business_id;
  const char *request;
} RecoveryRequest;

static gboolean
apply_request (JhkDb        *db,
               JhkSession   *actor,
               JhkIncident  *incident,
               gpointer      data,
               JsonObject   *details,
               GError      **error)
{
  const RecoveryRequest *r = data;
  g_autofree char *text = NULL;
  const char *to_name = NULL;
  gint64 now = jhk_now_us ();
  gboolean business = g_str_equal (r->recipient, "business");

  if (business)
    {
      for (guint i = 0; incident->business_ids != NULL && i < incident->business_ids->len; i++)
        if (g_array_index (incident->business_ids, gint64, i) == r->business_id)
          {
            to_name = incident->business_names != NULL && i < incident->business_names->len
                      ? g_ptr_array_index (incident->business_names, i) : NULL;
            break;
          }
      if (r->business_id == 0 || to_name == NULL)
        return jhk_service_invalid (error, _("Recovery is requested of the manager of one of "
                                             "the incident's businesses."));
      if (!jhk_service_business_has_manager (db, r->business_id))
        return jhk_service_invalid (error, _("The business has no manager today to ask for "
                                             "recovery."));
      /* Translators: the timeline's recovery request: to whom, what. */
      text = g_strdup_printf (_("To the manager of %s: %s"), to_name, r->request);
    }
  else
    text = g_strdup_printf (_("To the system administrator: %s"), r->request);

  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET recovery_state = 'requested', recovery_to = ?,"
                   " recovery_business_id = ?, recovery_request = ?, recovery_requested_by = ?,"
                   " recovery_requested_at = ?, updated_at = ?"
                   " WHERE id = ? AND status = 'open' AND recovery_state = ''",
                   JHK_T (r->recipient), JHK_IZ (business ? r->business_id : 0),
                   JHK_T (r->request), JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now),
                   JHK_I (now), JHK_I (incident->id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident->id, "recovery_requested", text, error))
    return FALSE;
  json_object_set_string_member (details, "recipient", r->recipient);
  if (business)
    json_object_set_int_member (details, "business_id", r->business_id);
  return TRUE;
}

gboolean
jhk_incidents_request_recovery (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       incident_id,
                                const char  *recipient,
                                gint64       business_id,
                                const char  *request,
                                GError     **error)
{
  static const char *const recipients[] = { "sysadmin", "business", NULL };
  RecoveryRequest r = { recipient, business_id, request };

  if (!jhk_service_is_one_of (recipient, recipients))
    return jhk_service_invalid (error, _("Recovery is requested of the system administrator "
                                         "or of the manager of a business."));
  if (!check_text (request, TRUE, _("Say what the office asks for in the recovery request."),
                   error))
    return FALSE;
  return escalate (db, actor, incident_id, JHK_INCIDENT_REQUEST_RECOVERY,
                   "incident.request_recovery", apply_request, &r, error);
}

static gboolean
apply_investigate (JhkDb        *db,
                   JhkSession   *actor,
                   JhkIncident  *incident,
                   gpointer      data,
                   JsonObject   *details,
                   GError      **error)
{
  const char *findings = data;
  gint64 now = jhk_now_us ();

  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET recovery_state = 'investigating', investigation = ?,"
                   " investigated_by = ?, investigated_at = ?, updated_at = ?"
                   " WHERE id = ? AND status = 'open' AND recovery_state = ?",
                   JHK_T (findings), JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now),
                   JHK_I (now), JHK_I (incident->id), JHK_T (incident->recovery_state),
                   JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident->id, "investigation", findings, error))
    return FALSE;
  json_object_set_string_member (details, "from", incident->recovery_state);
  return TRUE;
}

gboolean
jhk_incidents_investigate (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       incident_id,
                           const char  *findings,
                           GError     **error)
{
  if (!check_text (findings, TRUE, _("Write down the findings of the investigation."), error))
    return FALSE;
  return escalate (db, actor, incident_id, JHK_INCIDENT_INVESTIGATE, "incident.investigate",
                   apply_investigate, (gpointer) findings, error);
}

typedef struct
{
  const char *staff;
  gint64      at;
} Dispatch;

static gboolean
apply_dispatch (JhkDb        *db,
                JhkSession   *actor,
                JhkIncident  *incident,
                gpointer      data,
                JsonObject   *details,
                GError      **error)
{
  const Dispatch *d = data;
  g_autofree char *when = jhk_format_time (d->at);
  g_autofree char *text = NULL;

  if (d->at < incident->recovery_requested_at)
    return jhk_service_invalid (error, _("Staff are sent after the recovery was requested."));
  /* Translators: the timeline's dispatch: whom, at what time. */
  text = g_strdup_printf (_("%s, sent at %s"), d->staff, when);
  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET dispatched_staff = ?, dispatched_at = ?, updated_at = ?"
                   " WHERE id = ? AND status = 'open' AND recovery_state = 'investigating'",
                   JHK_T (d->staff), JHK_I (d->at), JHK_I (jhk_now_us ()), JHK_I (incident->id),
                   JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident->id, "dispatch", text, error))
    return FALSE;
  json_object_set_int_member (details, "dispatched_at", d->at);
  return TRUE;
}

gboolean
jhk_incidents_dispatch (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       incident_id,
                        const char  *staff,
                        gint64       at,
                        GError     **error)
{
  Dispatch d = { staff, at != 0 ? at : jhk_now_us () };

  if (!check_text (staff, TRUE, _("Name the staff sent."), error))
    return FALSE;
  if (d.at < 0 || d.at > jhk_now_us ())
    return jhk_service_invalid (error, _("The time the staff were sent cannot be in the "
                                         "future."));
  return escalate (db, actor, incident_id, JHK_INCIDENT_DISPATCH, "incident.dispatch",
                   apply_dispatch, &d, error);
}

static gboolean
apply_finish (JhkDb        *db,
              JhkSession   *actor,
              JhkIncident  *incident,
              gpointer      data,
              JsonObject   *details,
              GError      **error)
{
  const char *result = data;
  gint64 now = jhk_now_us ();

  (void) details;
  return jhk_db_run (db, error,
                     "UPDATE incidents SET recovery_state = 'finished', recovery_result = ?,"
                     " recovery_finished_at = ?, updated_at = ?"
                     " WHERE id = ? AND status = 'open' AND recovery_state = 'investigating'",
                     JHK_T (result), JHK_I (now), JHK_I (now), JHK_I (incident->id),
                     JHK_DB_END) &&
         jhk_incidents_changed_once (db, error) &&
         jhk_incidents_add_event (db, actor, incident->id, "recovery_finished", result, error);
}

gboolean
jhk_incidents_finish_recovery (JhkDb       *db,
                               JhkSession  *actor,
                               gint64       incident_id,
                               const char  *result,
                               GError     **error)
{
  if (!check_text (result, TRUE, _("Say how the recovery ended."), error))
    return FALSE;
  return escalate (db, actor, incident_id, JHK_INCIDENT_FINISH_RECOVERY,
                   "incident.finish_recovery", apply_finish, (gpointer) result, error);
}

/* Seriousness and the report (R19-5) */

static gboolean
apply_serious (JhkDb        *db,
               JhkSession   *actor,
               JhkIncident  *incident,
               gpointer      data,
               JsonObject   *details,
               GError      **error)
{
  const char *reason = data;
  gint64 now = jhk_now_us ();
  gint64 due = report_due (db, incident->playbook_version_id, incident->discovered_at);

  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET serious = 1, serious_reason = ?, serious_by = ?,"
                   " serious_at = ?, report_state = 'draft', report_due_at = ?, updated_at = ?"
                   " WHERE id = ? AND status = 'open' AND serious = 0",
                   JHK_T (reason), JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now),
                   JHK_I (due), JHK_I (now), JHK_I (incident->id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident->id, "serious", reason, error))
    return FALSE;
  json_object_set_int_member (details, "report_due_at", due);
  return TRUE;
}

gboolean
jhk_incidents_declare_serious (JhkDb       *db,
                               JhkSession  *actor,
                               gint64       incident_id,
                               const char  *reason,
                               GError     **error)
{
  if (!check_text (reason, TRUE, _("Give the reason the incident is serious."), error))
    return FALSE;
  return escalate (db, actor, incident_id, JHK_INCIDENT_DECLARE_SERIOUS,
                   "incident.declare_serious", apply_serious, (gpointer) reason, error);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (jhk_is_blank (line))
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

/* The names of a GPtrArray of char *, joined. */
static char *
join_names (const GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (i > 0)
        /* Translators: between the names of a list, as in "A, B". */
        g_string_append (text, _(", "));
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

JhkIncidentReport *
jhk_incidents_draft_report (JhkDb             *db,
                            const JhkIncident *incident)
{
  JhkIncidentReport *report;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GString) leaked = g_string_new (NULL);
  g_autoptr(GString) cause = g_string_new (NULL);
  g_autofree char *businesses = NULL;
  g_autofree char *materials = NULL;
  g_autofree char *when = NULL;

  (void) db;
  g_return_val_if_fail (incident != NULL, NULL);

  report = g_new0 (JhkIncidentReport, 1);
  report->state = g_strdup (incident->report.state != NULL ? incident->report.state : "");
  report->due_at = incident->report.due_at;
  /* 本人の数: unknown unless the report says it already. */
  report->persons = incident->report.persons >= 0 ? incident->report.persons : -1;

  /* 概要: what happened, when, where, to what. */
  append_line (summary, incident->title);
  append_line (summary, incident->description);
  when = jhk_format_time (incident->occurred_at);
  {
    g_autofree char *line = g_strdup_printf (_("Occurred: %s"), when);

    append_line (summary, line);
  }
  if (!jhk_is_blank (incident->systems))
    {
      g_autofree char *line = g_strdup_printf (_("Systems: %s"), incident->systems);

      append_line (summary, line);
    }
  businesses = join_names (incident->business_names);
  if (!jhk_is_blank (businesses))
    {
      g_autofree char *line = g_strdup_printf (_("Businesses: %s"), businesses);

      append_line (summary, line);
    }
  if (incident->stop_minutes > 0)
    {
      g_autofree char *line = g_strdup_printf (_("The business stopped %d minutes."),
                                               incident->stop_minutes);

      append_line (summary, line);
    }

  /* 漏えい等した項目: the materials lost or leaked. */
  materials = join_names (incident->material_names);
  append_line (leaked, materials);
  if (incident->leak && jhk_is_blank (materials))
    append_line (leaked, _("Personal data (the items are to be confirmed)."));

  /* 原因: what the investigation found, and what the recovery ended with. */
  append_line (cause, incident->investigation);
  append_line (cause, incident->recovery_result);

  report->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  report->leaked_items = g_string_free (g_steal_pointer (&leaked), FALSE);
  report->cause = g_string_free (g_steal_pointer (&cause), FALSE);
  report->secondary_risk = g_strdup ("");
  report->response_to_persons = g_strdup ("");
  report->publication = g_strdup ("");
  report->prevention = g_strdup (incident->prevention != NULL ? incident->prevention : "");
  return report;
}

void
jhk_incident_report_clear (JhkIncidentReport *report)
{
  if (report == NULL)
    return;
  g_free (report->state);
  g_free (report->summary);
  g_free (report->leaked_items);
  g_free (report->cause);
  g_free (report->secondary_risk);
  g_free (report->response_to_persons);
  g_free (report->publication);
  g_free (report->prevention);
  g_free (report->reported_by_name);
  g_free (report->supervisor_ack_name);
  g_free (report->dept_head_ack_name);
  memset (report, 0, sizeof *report);
  report->persons = -1;
}

void
jhk_incident_report_free (JhkIncidentReport *report)
{
  if (report == NULL)
    return;
  jhk_incident_report_clear (report);
  g_free (report);
}

static gboolean
apply_save_report (JhkDb        *db,
                   JhkSession   *actor,
                   JhkIncident  *incident,
                   gpointer      data,
                   JsonObject   *details,
                   GError      **error)
{
  const JhkIncidentReport *r = data;

  (void) details;
  return jhk_db_run (db, error,
                     "UPDATE incidents SET report_summary = ?, report_leaked_items = ?,"
                     " report_persons = ?, report_cause = ?, report_secondary_risk = ?,"
                     " report_response = ?, report_publication = ?, report_prevention = ?,"
                     " updated_at = ?"
                     " WHERE id = ? AND status = 'open' AND report_state = 'draft'",
                     JHK_T (jhk_service_or_empty (r->summary)),
                     JHK_T (jhk_service_or_empty (r->leaked_items)), JHK_I (r->persons),
                     JHK_T (jhk_service_or_empty (r->cause)),
                     JHK_T (jhk_service_or_empty (r->secondary_risk)),
                     JHK_T (jhk_service_or_empty (r->response_to_persons)),
                     JHK_T (jhk_service_or_empty (r->publication)),
                     JHK_T (jhk_service_or_empty (r->prevention)), JHK_I (jhk_now_us ()),
                     JHK_I (incident->id), JHK_DB_END) &&
         jhk_incidents_changed_once (db, error) &&
         jhk_incidents_add_event (db, actor, incident->id, "report_edited", "", error);
}

gboolean
jhk_incidents_save_report (JhkDb                   *db,
                           JhkSession              *actor,
                           gint64                   incident_id,
                           const JhkIncidentReport *report,
                           GError                 **error)
{
  const char *texts[] = {
    report != NULL ? report->summary : NULL, report != NULL ? report->leaked_items : NULL,
    report != NULL ? report->cause : NULL, report != NULL ? report->secondary_risk : NULL,
    report != NULL ? report->response_to_persons : NULL,
    report != NULL ? report->publication : NULL, report != NULL ? report->prevention : NULL,
  };

  if (report == NULL)
    return jhk_service_invalid (error, _("There is no report to save."));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!check_text (texts[i], FALSE, NULL, error))
      return FALSE;
  if (report->persons < -1)
    return jhk_service_invalid (error, _("The number of persons is a count, or unknown."));
  return escalate (db, actor, incident_id, JHK_INCIDENT_EDIT_REPORT, "incident.save_report",
                   apply_save_report, (gpointer) report, error);
}

static gboolean
apply_submit (JhkDb        *db,
              JhkSession   *actor,
              JhkIncident  *incident,
              gpointer      data,
              JsonObject   *details,
              GError      **error)
{
  gint64 now = jhk_now_us ();

  (void) data;
  if (!jhk_db_run (db, error,
                   "UPDATE incidents SET report_state = 'reported', reported_by = ?,"
                   " reported_at = ?, updated_at = ?"
                   " WHERE id = ? AND status = 'open' AND report_state = 'draft'",
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now), JHK_I (now),
                   JHK_I (incident->id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error) ||
      !jhk_incidents_add_event (db, actor, incident->id, "reported", incident->report.summary,
                                error))
    return FALSE;
  json_object_set_boolean_member (details, "overdue",
                                  jhk_incident_report_is_overdue (incident, now));
  return TRUE;
}

gboolean
jhk_incidents_submit_report (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       incident_id,
                             GError     **error)
{
  return escalate (db, actor, incident_id, JHK_INCIDENT_SUBMIT_REPORT, "incident.submit_report",
                   apply_submit, NULL, error);
}

static gboolean
apply_acknowledge (JhkDb        *db,
                   JhkSession   *actor,
                   JhkIncident  *incident,
                   gpointer      data,
                   JsonObject   *details,
                   GError      **error)
{
  gboolean supervisor = jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) &&
                        incident->report.supervisor_ack_at == 0;
  gint64 now = jhk_now_us ();
  const char *text;

  (void) data;
  /* The CASE reads the other acknowledgement as it was: unchanged here. */
  if (!jhk_db_run (db, error,
                   supervisor
                   ? "UPDATE incidents SET supervisor_ack_by = ?, supervisor_ack_at = ?,"
                     " report_state = CASE WHEN dept_head_ack_at IS NULL THEN 'reported'"
                     " ELSE 'acknowledged' END, updated_at = ?"
                     " WHERE id = ? AND report_state = 'reported' AND supervisor_ack_at IS NULL"
                   : "UPDATE incidents SET dept_head_ack_by = ?, dept_head_ack_at = ?,"
                     " report_state = CASE WHEN supervisor_ack_at IS NULL THEN 'reported'"
                     " ELSE 'acknowledged' END, updated_at = ?"
                     " WHERE id = ? AND report_state = 'reported' AND dept_head_ack_at IS NULL",
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (now), JHK_I (now),
                   JHK_I (incident->id), JHK_DB_END) ||
      !jhk_incidents_changed_once (db, error))
    return FALSE;
  text = supervisor ? _("The general supervisor acknowledged the report.")
                    : _("A department head acknowledged the report.");
  if (!jhk_incidents_add_event (db, actor, incident->id, "acknowledged", text, error))
    return FALSE;
  json_object_set_string_member (details, "as", supervisor ? "supervisor" : "dept_head");
  return TRUE;
}

gboolean
jhk_incidents_acknowledge_report (JhkDb       *db,
                                  JhkSession  *actor,
                                  gint64       incident_id,
                                  GError     **error)
{
  return escalate (db, actor, incident_id, JHK_INCIDENT_ACKNOWLEDGE, "incident.acknowledge_report",
                   apply_acknowledge, NULL, error);
}

gboolean
jhk_incident_report_is_overdue (const JhkIncident *incident,
                                gint64             now)
{
  g_return_val_if_fail (incident != NULL, FALSE);

  if (!incident->serious || incident->report.due_at == 0)
    return FALSE;
  if (!state_is (incident->report.state, "draft") && !state_is (incident->report.state, ""))
    return FALSE;
  return (now != 0 ? now : jhk_now_us ()) > incident->report.due_at;
}
