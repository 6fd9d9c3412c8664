/* jhk-incident-report.c: see jhk-incident-report.h. SCAFFOLD. */
#include "config.h"

#include <gio/gio.h>

#include "jhk-incident-report.h"

JhkIncidentReportForm *
jhk_incident_report_form_load (JhkDb *db, JhkSession *actor, gint64 incident_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) incident_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incident_report_form_load: not written yet");
  return NULL;
}

JhkIncidentReportForm *
jhk_incident_report_form_new (const JhkIncident *incident, GPtrArray *timeline)
{
  (void) incident;
  (void) timeline;
  return NULL;
}

void
jhk_incident_report_form_free (JhkIncidentReportForm *form)
{
  (void) form;
}

guint
jhk_incident_report_form_get_n_pages (JhkIncidentReportForm *form)
{
  (void) form;
  return 0;
}

void
jhk_incident_report_form_draw_page (JhkIncidentReportForm *form, cairo_t *cr, guint page)
{
  (void) form;
  (void) cr;
  (void) page;
}

gboolean
jhk_incident_report_form_write_pdf (JhkIncidentReportForm *form, const char *path, GError **error)
{
  (void) form;
  (void) path;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_incident_report_form_write_pdf: not written yet");
  return FALSE;
}

char *
jhk_incident_report_form_get_title (JhkIncidentReportForm *form)
{
  (void) form;
  return NULL;
}
