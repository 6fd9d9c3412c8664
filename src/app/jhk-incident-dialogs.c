/* jhk-incident-dialogs.c: see jhk-incident-dialogs.h. SCAFFOLD. */
#include "config.h"

#include "jhk-incident-dialogs.h"

GtkWindow *
jhk_incident_open_dialog_new (GtkWidget *parent, JhkDb *db, JhkSession *session, gint64 incident_id, JhkIncidentDialogDone done, gpointer user_data)
{
  (void) parent;
  (void) db;
  (void) session;
  (void) incident_id;
  (void) done;
  (void) user_data;
  return NULL;
}

void
jhk_incident_action_dialog_run (GtkWidget *parent, JhkDb *db, JhkSession *session, const JhkIncident *incident, JhkIncidentAction action, JhkIncidentDialogDone done, gpointer user_data)
{
  (void) parent;
  (void) db;
  (void) session;
  (void) incident;
  (void) action;
  (void) done;
  (void) user_data;
}

void
jhk_incident_step_dialog_run (GtkWidget *parent, JhkDb *db, JhkSession *session, const JhkIncident *incident, const JhkIncidentStep *step, JhkIncidentStepAction action, JhkIncidentDialogDone done, gpointer user_data)
{
  (void) parent;
  (void) db;
  (void) session;
  (void) incident;
  (void) step;
  (void) action;
  (void) done;
  (void) user_data;
}

GtkWindow *
jhk_incident_report_dialog_new (GtkWidget *parent, JhkDb *db, JhkSession *session, gint64 incident_id, JhkIncidentDialogDone done, gpointer user_data)
{
  (void) parent;
  (void) db;
  (void) session;
  (void) incident_id;
  (void) done;
  (void) user_data;
  return NULL;
}
