/* jhk-incident-escalation.c: recovery requests, seriousness and the report of an incident (R19-3..5), see jhk-incidents.h. SCAFFOLD. */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "jhk-incidents-private.h"

const char *
jhk_incident_recovery_state_label (const char *state)
{
  (void) state;
  return NULL;
}

const char *
jhk_incident_report_state_label (const char *state)
{
  (void) state;
  return NULL;
}

char *
jhk_incidents_criteria_met (JhkDb *db, gint64 playbook_version_id, const JhkIncidentFacts *facts)
{
  (void) db;
  (void) playbook_version_id;
  (void) facts;
  return NULL;
}

gboolean
jhk_incidents_request_recovery (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *recipient, gint64 business_id, const char *request, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) recipient;
  (void) business_id;
  (void) request;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_request_recovery: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_investigate (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *findings, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) findings;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_investigate: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_dispatch (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *staff, gint64 at, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) staff;
  (void) at;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_dispatch: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_finish_recovery (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *result, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) result;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_finish_recovery: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_declare_serious (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *reason, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) reason;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_declare_serious: not written yet");
  return FALSE;
}

JhkIncidentReport *
jhk_incidents_draft_report (JhkDb *db, const JhkIncident *incident)
{
  (void) db;
  (void) incident;
  return NULL;
}

void
jhk_incident_report_clear (JhkIncidentReport *report)
{
  (void) report;
}

void
jhk_incident_report_free (JhkIncidentReport *report)
{
  (void) report;
}

gboolean
jhk_incidents_save_report (JhkDb *db, JhkSession *actor, gint64 incident_id, const JhkIncidentReport *report, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) report;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_save_report: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_submit_report (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_submit_report: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_acknowledge_report (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_acknowledge_report: not written yet");
  return FALSE;
}

gboolean
jhk_incident_report_is_overdue (const JhkIncident *incident, gint64 now)
{
  (void) incident;
  (void) now;
  return FALSE;
}

const char *
jhk_incidents_escalation_refusal (JhkDb *db, JhkSession *actor, const JhkIncident *incident, JhkIncidentAction action)
{
  (void) db;
  (void) actor;
  (void) incident;
  (void) action;
  return NULL;
}

gboolean
jhk_incidents_apply_criteria (JhkDb *db, gint64 incident_id, GError **error)
{
  (void) db;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_apply_criteria: not written yet");
  return FALSE;
}
