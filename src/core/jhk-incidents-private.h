/* jhk-incidents-private.h: what jhk-incidents.c (incidents, checklist,
 * lists, closing) and jhk-incident-escalation.c (recovery, seriousness,
 * report: R19-3..5) share. */
#pragma once

#include "jhk-incidents.h"

G_BEGIN_DECLS

/* jhk-incidents.c */

/* The incident as the actor may see it, read in the current transaction
 * (the row locked on PostgreSQL): NULL with JHK_POLICY_ERROR_NOT_FOUND. */
JhkIncident *jhk_incidents_load             (JhkDb        *db,
                                             JhkSession   *actor,
                                             gint64        incident_id,
                                             GError      **error);
/* Appends a timeline event (incident_events) in the current transaction,
 * in the actor's name (NULL: Jhk itself, e.g. the criteria). */
gboolean     jhk_incidents_add_event        (JhkDb        *db,
                                             JhkSession   *actor,
                                             gint64        incident_id,
                                             const char   *kind,
                                             const char   *text,
                                             GError      **error);
/* Whether the last statement changed the one incident row: FALSE with
 * JHK_POLICY_ERROR_CONFLICT when it changed meanwhile. */
gboolean     jhk_incidents_changed_once     (JhkDb        *db,
                                             GError      **error);
/* The actor is the 運用管理者 of the office (or of a unit above it). */
gboolean     jhk_incidents_is_office_manager (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       office_id);
/* The actor is the システム管理者 (with a staff record). */
gboolean     jhk_incidents_is_sysadmin      (JhkSession   *actor);
/* The actor is one of the 管理者等 (sysadmin, biz_owner, egov_owner,
 * lead_owner). */
gboolean     jhk_incidents_is_manager       (JhkSession   *actor);
/* The condition, on incident_steps t JOIN incidents i, of the steps the
 * actor may take action on now as jhk_incidents_step_refusal() decides
 * it, action DONE (pending steps) or CONFIRM (done, unconfirmed), of the
 * open incidents the actor sees (R19-2, the dashboard); NULL when the
 * actor may take it on none. Free with g_free(). */
char        *jhk_incidents_steps_waiting_sql (JhkDb                 *db,
                                              JhkSession            *actor,
                                              JhkIncidentStepAction  action);

/* jhk-incident-escalation.c */

/* jhk_incidents_refusal() for REQUEST_RECOVERY, INVESTIGATE, DISPATCH,
 * FINISH_RECOVERY, DECLARE_SERIOUS, EDIT_REPORT, SUBMIT_REPORT and
 * ACKNOWLEDGE. */
const char  *jhk_incidents_escalation_refusal (JhkDb              *db,
                                               JhkSession         *actor,
                                               const JhkIncident  *incident,
                                               JhkIncidentAction   action);
/* In the current transaction of open / update_facts, after the facts are
 * written: when the incident is not serious and the facts meet a
 * criterion of its playbook version, marks it serious (serious_by NULL,
 * the criteria as the reason), drafts the report (state "draft", due
 * report_hours after discovery) and adds the "serious" event. */
gboolean     jhk_incidents_apply_criteria   (JhkDb                  *db,
                                             gint64                  incident_id,
                                             GError                **error);

G_END_DECLS
