/* jhk-incidents.c: see jhk-incidents.h. SCAFFOLD: every function returns "not written yet" until its owner writes it. */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "jhk-incidents-private.h"

void
jhk_incident_step_free (JhkIncidentStep *step)
{
  (void) step;
}

gboolean
jhk_incident_step_is_resolved (const JhkIncidentStep *step)
{
  (void) step;
  return FALSE;
}

void
jhk_incident_attachment_free (JhkIncidentAttachment *attachment)
{
  (void) attachment;
}

void
jhk_incident_event_free (JhkIncidentEvent *event)
{
  (void) event;
}

const char *
jhk_incident_event_kind_label (const char *kind)
{
  (void) kind;
  return NULL;
}

void
jhk_incident_free (JhkIncident *incident)
{
  (void) incident;
}

const char *
jhk_incident_status_label (const char *status)
{
  (void) status;
  return NULL;
}

const char *
jhk_incident_step_state_label (const char *state)
{
  (void) state;
  return NULL;
}

gboolean
jhk_incident_facts_check (const JhkIncidentFacts *facts, const char **out_field, GError **error)
{
  (void) facts;
  (void) out_field;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incident_facts_check: not written yet");
  return FALSE;
}

gint64
jhk_incidents_open (JhkDb *db, JhkSession *actor, gint64 office_id, gint64 playbook_id, const JhkIncidentFacts *facts, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) playbook_id;
  (void) facts;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_open: not written yet");
  return 0;
}

gboolean
jhk_incidents_update_facts (JhkDb *db, JhkSession *actor, gint64 incident_id, const JhkIncidentFacts *facts, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) facts;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_update_facts: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_add_note (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *text, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) text;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_add_note: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_step_done (JhkDb *db, JhkSession *actor, gint64 step_id, const char *note, GError **error)
{
  (void) db;
  (void) actor;
  (void) step_id;
  (void) note;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_step_done: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_step_skip (JhkDb *db, JhkSession *actor, gint64 step_id, const char *reason, GError **error)
{
  (void) db;
  (void) actor;
  (void) step_id;
  (void) reason;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_step_skip: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_step_confirm (JhkDb *db, JhkSession *actor, gint64 step_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) step_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_step_confirm: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_step_add_note (JhkDb *db, JhkSession *actor, gint64 step_id, const char *note, GError **error)
{
  (void) db;
  (void) actor;
  (void) step_id;
  (void) note;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_step_add_note: not written yet");
  return FALSE;
}

gint64
jhk_incidents_attach (JhkDb *db, JhkSession *actor, gint64 incident_id, gint64 step_id, const char *filename, const char *mime_type, GBytes *data, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) step_id;
  (void) filename;
  (void) mime_type;
  (void) data;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_attach: not written yet");
  return 0;
}

GBytes *
jhk_incidents_get_attachment (JhkDb *db, JhkSession *actor, gint64 attachment_id, JhkIncidentAttachment **out_info, GError **error)
{
  (void) db;
  (void) actor;
  (void) attachment_id;
  (void) out_info;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_get_attachment: not written yet");
  return NULL;
}

gboolean
jhk_incidents_close (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *prevention, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) prevention;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_close: not written yet");
  return FALSE;
}

JhkIncident *
jhk_incidents_get (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_get: not written yet");
  return NULL;
}

GPtrArray *
jhk_incidents_timeline (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_timeline: not written yet");
  return NULL;
}

const char *
jhk_incidents_refusal (JhkDb *db, JhkSession *actor, const JhkIncident *incident, JhkIncidentAction action)
{
  (void) db;
  (void) actor;
  (void) incident;
  (void) action;
  return NULL;
}

const char *
jhk_incidents_step_refusal (JhkDb *db, JhkSession *actor, const JhkIncident *incident, const JhkIncidentStep *step, JhkIncidentStepAction action)
{
  (void) db;
  (void) actor;
  (void) incident;
  (void) step;
  (void) action;
  return NULL;
}

JhkQueryModel *
jhk_incidents_list_model (JhkDb *db, JhkSession *actor, JhkIncidentsScope scope)
{
  (void) db;
  (void) actor;
  (void) scope;
  return NULL;
}

void
jhk_incidents_list_model_set_filter (JhkQueryModel *model, const char *status, gint64 office_id, const char *text, gboolean serious_only)
{
  (void) model;
  (void) status;
  (void) office_id;
  (void) text;
  (void) serious_only;
}

GPtrArray *
jhk_incidents_list (JhkDb *db, JhkSession *actor, JhkIncidentsScope scope, GError **error)
{
  (void) db;
  (void) actor;
  (void) scope;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_list: not written yet");
  return NULL;
}

JsonNode *
jhk_incident_to_json (const JhkIncident *incident, GPtrArray *timeline)
{
  (void) incident;
  (void) timeline;
  return NULL;
}
JhkIncident *
jhk_incidents_load (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_load: not written yet");
  return NULL;
}

gboolean
jhk_incidents_add_event (JhkDb *db, JhkSession *actor, gint64 incident_id, const char *kind, const char *text, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) kind;
  (void) text;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incidents_add_event: not written yet");
  return FALSE;
}

gboolean
jhk_incidents_is_office_manager (JhkDb *db, JhkSession *actor, gint64 office_id)
{
  (void) db;
  (void) actor;
  (void) office_id;
  return FALSE;
}

gboolean
jhk_incidents_is_manager (JhkSession *actor)
{
  (void) actor;
  return FALSE;
}
