/* jhk-incident-dialogs.h: the dialogs of the 事故対処 page (第19): opening
 * an incident and changing its facts, each action on the incident and on
 * a step, and the report editor. Each checks its input with the core's
 * rules as the user types and calls one service; on an error it stays
 * open with the service's message, nothing typed lost. done runs after a
 * write that succeeded, with the incident's id. */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-incidents.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef void (*JhkIncidentDialogDone) (gint64   incident_id,
                                       gpointer user_data);

/* 事故の報告・発生 (incident_id 0: jhk_incidents_open, office and playbook
 * chosen in the dialog, the actor's office first) or 事実の変更 of an open
 * incident (jhk_incidents_update_facts). Times of occurrence and discovery,
 * what happened, systems, terminals, businesses, the office's ledger
 * materials (searched by number or name), 損壊 / 停止 (分) / 漏えい; the
 * playbook's severity criteria are shown, and whether the facts meet them
 * (jhk_incidents_criteria_met) as the user types. */
GtkWindow *jhk_incident_open_dialog_new   (GtkWidget              *parent,
                                           JhkDb                  *db,
                                           JhkSession             *session,
                                           gint64                  incident_id,
                                           JhkIncidentDialogDone   done,
                                           gpointer                user_data);

/* One action on the incident: ADD_NOTE, ATTACH (a file chooser, then the
 * upload), REQUEST_RECOVERY (recipient and request), INVESTIGATE,
 * DISPATCH (staff and time), FINISH_RECOVERY, DECLARE_SERIOUS (reason),
 * SUBMIT_REPORT and ACKNOWLEDGE (a confirmation that says what it
 * means), CLOSE (再発防止策, with what is missing first). UPDATE_FACTS
 * and EDIT_REPORT open the dialogs below. */
void       jhk_incident_action_dialog_run (GtkWidget              *parent,
                                           JhkDb                  *db,
                                           JhkSession             *session,
                                           const JhkIncident      *incident,
                                           JhkIncidentAction       action,
                                           JhkIncidentDialogDone   done,
                                           gpointer                user_data);

/* One action on a step: DONE (with a note, the step's evidence named),
 * SKIP (reason), CONFIRM (a confirmation), NOTE. */
void       jhk_incident_step_dialog_run   (GtkWidget              *parent,
                                           JhkDb                  *db,
                                           JhkSession             *session,
                                           const JhkIncident      *incident,
                                           const JhkIncidentStep  *step,
                                           JhkIncidentStepAction   action,
                                           JhkIncidentDialogDone   done,
                                           gpointer                user_data);

/* The report to the 総括責任者 and 主管部長 (R19-5): its eight fields,
 * started from jhk_incidents_draft_report when they are empty, the due
 * time (red when overdue); Save (jhk_incidents_save_report). */
GtkWindow *jhk_incident_report_dialog_new (GtkWidget              *parent,
                                           JhkDb                  *db,
                                           JhkSession             *session,
                                           gint64                  incident_id,
                                           JhkIncidentDialogDone   done,
                                           gpointer                user_data);

/* What 添付 does once a file is chosen, for the dialogs and their tests:
 * the file's size is checked against JHK_INCIDENT_ATTACHMENT_MAX before
 * anything is read, then it is read and attached to the incident (step_id
 * 0) or to its step (jhk_incidents_attach). Returns the attachment's id,
 * 0 with error set. */
gint64     jhk_incident_dialogs_attach_file (JhkDb       *db,
                                             JhkSession  *session,
                                             gint64       incident_id,
                                             gint64       step_id,
                                             GFile       *file,
                                             GError     **error);

G_END_DECLS
