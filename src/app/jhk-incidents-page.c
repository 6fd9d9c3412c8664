/* jhk-incidents-page.c: the 事故対処 workspace (第19, R19-2..5).
 *
 * On the left the incidents of one scope (all the user may see, the open
 * ones, the recovery requests to the user, the reports of serious ones),
 * filtered in SQL (jhk_incidents_list_model_set_filter); on the right the
 * selected incident: its facts, the checklist of its playbook with a
 * button for each step's action, its attachments, the recovery request
 * (R19-3, R19-4), the seriousness and the report to the 総括責任者 and
 * 主管部長 (R19-5), the 再発防止策 and the timeline. Every action goes
 * through the dialogs of jhk-incident-dialogs.h and is insensitive with
 * the services' own reason (jhk_incidents_refusal,
 * jhk_incidents_step_refusal) when the user may not take it; a closed
 * incident is read-only. 事故報告書 opens in the form preview. */
#include <string.h>

#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-preview.h"
#include "jhk-incident-dialogs.h"
#include "jhk-incident-report.h"
#include "jhk-incidents-page.h"
#include "jhk-incidents.h"
#include "jhk-lists.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-settings.h"
#include "jhk-util.h"

/* The scopes, in the drop-down's order. */
enum
{
  SCOPE_VISIBLE,
  SCOPE_OPEN,
  SCOPE_RECOVERY,
  SCOPE_REPORTS,
  N_SCOPES,
};

static const JhkIncidentsScope scope_values[N_SCOPES] = {
  JHK_INCIDENTS_VISIBLE,
  JHK_INCIDENTS_OPEN,
  JHK_INCIDENTS_RECOVERY,
  JHK_INCIDENTS_REPORTS,
};

/* The state filter's entries, in order. */
static const char *const status_values[] = { NULL, "open", "closed" };

struct _JhkIncidentsPage
{
  JhkPage             parent_instance;

  GtkDropDown        *scope_dropdown;
  GtkStringList      *scope_list;
  GtkWidget          *new_button;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkStringList      *status_list;
  GtkDropDown        *office_dropdown;
  GtkStringList      *office_list;
  GtkToggleButton    *serious_toggle;
  GtkStack           *list_stack;
  GtkColumnView      *incidents_view;
  AdwStatusPage      *empty_page;
  GtkStack           *detail_stack;
  GtkScrolledWindow  *detail_scroll;
  GtkLabel           *heading_label;
  GtkLabel           *status_label;
  GtkLabel           *serious_label;
  GtkWidget          *actions_box;
  GtkBox             *detail_box;       /* 復旧依頼, 報告, facts, attachments, closing */
  GtkBox             *checklist_box;
  GtkBox             *timeline_box;
  GtkStack           *section_stack;
  char               *section;          /* the section the user chose, NULL: by role */

  guint               scope;            /* SCOPE_* shown */
  guint               shown[N_SCOPES];  /* the drop-down's scopes, in its order */
  guint               n_shown;
  gboolean            filling;          /* the widgets are being set */
  gboolean            quiet;            /* the list is being read again */
  JhkQueryModel      *models[N_SCOPES]; /* of the scopes the user has, else NULL */
  GArray             *office_ids;       /* gint64, the office filter's entries */
  GtkSingleSelection *selection;
  JhkIncident        *current;          /* the selected one, read whole */
  GPtrArray          *step_rows;        /* the checklist's rows, by position */
  int                 focus_position;   /* the step row to focus after a reload, 0 none */
  double              scroll_to;        /* the detail's position to restore */
  guint               scroll_idle;
};

G_DEFINE_FINAL_TYPE (JhkIncidentsPage, jhk_incidents_page, JHK_TYPE_PAGE)

static void reload (JhkIncidentsPage *self,
                    gint64            select_id);

static JhkDb *
page_db (JhkIncidentsPage *self)
{
  return jhk_page_get_db (JHK_PAGE (self));
}

static JhkSession *
page_session (JhkIncidentsPage *self)
{
  return jhk_page_get_session (JHK_PAGE (self));
}

/* The 管理者等 (R19-3, R19-4): they take the recovery requests and see
 * every office's incidents. */
static gboolean
is_manager (JhkIncidentsPage *self)
{
  JhkSession *session = page_session (self);

  return jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
         jhk_session_has_role (session, JHK_ROLE_BIZ_OWNER) ||
         jhk_session_has_role (session, JHK_ROLE_EGOV_OWNER) ||
         jhk_session_has_role (session, JHK_ROLE_LEAD_OWNER);
}

/* Those the reports of serious incidents go to, or come from (R19-5). */
static gboolean
takes_reports (JhkIncidentsPage *self)
{
  JhkSession *session = page_session (self);

  return jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
         jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ||
         jhk_session_has_role (session, JHK_ROLE_DEPT_HEAD);
}

static gboolean
has_scope (JhkIncidentsPage *self,
           guint             scope)
{
  switch (scope)
    {
    case SCOPE_RECOVERY:
      return is_manager (self);
    case SCOPE_REPORTS:
      return takes_reports (self);
    case SCOPE_VISIBLE:
    case SCOPE_OPEN:
    default:
      return TRUE;
    }
}

static const char *
scope_label (guint scope)
{
  switch (scope)
    {
    case SCOPE_OPEN:
      return C_("incidents", "Open");
    case SCOPE_RECOVERY:
      return _("Recovery Requests");
    case SCOPE_REPORTS:
      return _("Reports");
    case SCOPE_VISIBLE:
    default:
      return C_("incidents", "All");
    }
}

static char *
time_text (gint64 us)
{
  return us != 0 ? jhk_format_time (us) : NULL;
}

/* ---- the list ---- */

/* "11-27 15:47" this year, "2025-11-27" before: the list stays narrow. */
static char *
discovered_text (JhkRow *row)
{
  gint64 at = jhk_row_int64 (row, "discovered_at");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (at == 0)
    return g_strdup ("—");
  when = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
  now = g_date_time_new_now_local ();
  if (when == NULL || now == NULL)
    return jhk_format_time (at);
  return g_date_time_format (when, g_date_time_get_year (when) == g_date_time_get_year (now)
                                     ? "%m-%d %H:%M" : "%Y-%m-%d");
}

static char *
office_text (JhkRow *row)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, "office")));
}

static char *
title_text (JhkRow *row)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, "title")));
}

static char *
progress_text (JhkRow *row)
{
  return g_strdup_printf ("%lld/%lld", (long long) jhk_row_int64 (row, "steps_resolved"),
                          (long long) jhk_row_int64 (row, "steps_total"));
}

static char *
status_text (JhkRow *row)
{
  return g_strdup (jhk_incident_status_label (jhk_row_get_by_name (row, "status")));
}

static char *
recovery_text (JhkRow *row)
{
  const char *state = jhk_row_get_by_name (row, "recovery_state");

  return g_strdup (jhk_is_blank (state) ? "—" : jhk_incident_recovery_state_label (state));
}

/* The report of a serious incident is overdue while not reported past its
 * due time (as jhk_incident_report_is_overdue, from the list's columns). */
static gboolean
row_report_overdue (JhkRow *row)
{
  const char *state = jhk_row_get_by_name (row, "report_state");
  gint64 due = jhk_row_int64 (row, "report_due_at");

  return jhk_row_int64 (row, "serious") != 0 && due != 0 &&
         (jhk_is_blank (state) || g_strcmp0 (state, "draft") == 0) &&
         due < g_get_real_time ();
}

/* 重大: an icon with the tooltip; 報告: the report's state, the due time
 * red when overdue. Both in one factory, told apart by the column. */

static void
serious_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *icon = gtk_image_new ();

  gtk_widget_add_css_class (icon, "error");
  gtk_list_item_set_child (item, icon);
}

static void
serious_update (GtkListItem *item)
{
  JhkRow *row = gtk_list_item_get_item (item);
  GtkWidget *icon = gtk_list_item_get_child (item);
  gboolean serious = row != NULL && jhk_row_int64 (row, "serious") != 0;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), serious ? "dialog-warning-symbolic" : NULL);
  gtk_widget_set_tooltip_text (icon, serious ? _("Serious incident (R19-5)") : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  serious ? _("Serious") : "", -1);
}

static void
report_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
report_update (GtkListItem *item)
{
  JhkRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  gboolean overdue = row != NULL && row_report_overdue (row);
  g_autofree char *text = NULL;

  if (row == NULL || jhk_row_int64 (row, "serious") == 0)
    text = g_strdup ("—");
  else
    {
      const char *state = jhk_row_get_by_name (row, "report_state");
      gint64 due = jhk_row_int64 (row, "report_due_at");
      g_autofree char *due_text = due != 0 ? jhk_format_time (due) : NULL;

      if ((jhk_is_blank (state) || g_strcmp0 (state, "draft") == 0) && due_text != NULL)
        text = g_strdup_printf (_("%s, due %s"),
                                jhk_incident_report_state_label (jhk_is_blank (state) ? "draft"
                                                                                      : state),
                                due_text);
      else
        text = g_strdup (jhk_incident_report_state_label (state));
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  if (overdue)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, _("Overdue: the report was due and is not reported "
                                            "yet (R19-5)."));
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_set_tooltip_text (label, text);
    }
}

static void
serious_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  jhk_list_item_bind_row (item, serious_update);
}

static void
serious_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  jhk_list_item_unbind_row (item, serious_update);
}

static void
report_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  jhk_list_item_bind_row (item, report_update);
}

static void
report_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  jhk_list_item_unbind_row (item, report_update);
}

static void
add_custom_column (JhkIncidentsPage *self,
                   const char       *title,
                   int               width,
                   GCallback         setup,
                   GCallback         bind,
                   GCallback         unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  g_signal_connect (factory, "unbind", unbind, NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->incidents_view, column);
}

static void
add_columns (JhkIncidentsPage *self)
{
  static const JhkColumnEntry first[] = {
    { N_("No."), "id", NULL, 36, FALSE },
    { N_("Discovered"), NULL, discovered_text, 90, FALSE },
    { N_("Office"), NULL, office_text, 84, FALSE },
    { N_("Subject"), NULL, title_text, 140, TRUE },
    { N_("Progress"), NULL, progress_text, 56, FALSE },
    { N_("State"), NULL, status_text, 64, FALSE },
  };
  static const JhkColumnEntry recovery[] = {
    { N_("Recovery"), NULL, recovery_text, 80, FALSE },
  };

  jhk_column_view_add_columns (self->incidents_view, first, G_N_ELEMENTS (first));
  add_custom_column (self, _("Serious"), 52, G_CALLBACK (serious_setup_cb),
                     G_CALLBACK (serious_bind_cb), G_CALLBACK (serious_unbind_cb));
  jhk_column_view_add_columns (self->incidents_view, recovery, G_N_ELEMENTS (recovery));
  add_custom_column (self, _("Report"), 150, G_CALLBACK (report_setup_cb),
                     G_CALLBACK (report_bind_cb), G_CALLBACK (report_unbind_cb));
}

static gint64
selected_id (JhkIncidentsPage *self)
{
  JhkRow *row = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection)
                                        : NULL;

  return row != NULL ? jhk_row_get_id (row) : 0;
}

/* ---- the actions on the incident ---- */

typedef struct
{
  JhkIncidentAction  action;
  const char        *name;      /* the page's action */
  const char        *label;
  const char        *what;      /* the tooltip when allowed */
} ActionEntry;

static const ActionEntry actions[] = {
  { JHK_INCIDENT_UPDATE_FACTS, "incidents.facts", N_("Change _Facts…"),
    N_("Correct or complete what happened, when, and what it affected") },
  { JHK_INCIDENT_ADD_NOTE, "incidents.note", N_("Add _Note…"),
    N_("Add a note to the incident's record") },
  { JHK_INCIDENT_ATTACH, "incidents.attach", N_("_Attach File…"),
    N_("Attach a file (a photo, a log, a scanned paper) to the incident") },
  { JHK_INCIDENT_DECLARE_SERIOUS, "incidents.serious", N_("Declare _Serious…"),
    N_("Declare the incident serious, with the reason: a report to the general supervisor and "
       "the department head follows (R19-5)") },
  { JHK_INCIDENT_CLOSE, "incidents.close", N_("C_lose…"),
    N_("Close the incident with the measures against recurrence; it is read-only then") },
  { JHK_INCIDENT_REQUEST_RECOVERY, "incidents.request-recovery", N_("_Request Recovery…"),
    N_("Ask the system administrator or a business's manager for recovery when the office "
       "cannot recover alone (R19-3)") },
  { JHK_INCIDENT_INVESTIGATE, "incidents.investigate", N_("_Investigation…"),
    N_("Record the investigation of the cause (R19-4)") },
  { JHK_INCIDENT_DISPATCH, "incidents.dispatch", N_("_Dispatch…"),
    N_("Record the staff sent to the office and when (R19-4)") },
  { JHK_INCIDENT_FINISH_RECOVERY, "incidents.finish-recovery", N_("_Finish Recovery…"),
    N_("Record how the recovery ended (R19-4)") },
  { JHK_INCIDENT_EDIT_REPORT, "incidents.edit-report", N_("_Edit Report…"),
    N_("Edit the report to the general supervisor and the department head (R19-5)") },
  { JHK_INCIDENT_SUBMIT_REPORT, "incidents.submit-report", N_("Sub_mit Report…"),
    N_("Report the serious incident to the general supervisor and the department head "
       "(R19-5)") },
  { JHK_INCIDENT_ACKNOWLEDGE, "incidents.acknowledge", N_("Ac_knowledge Report…"),
    N_("Acknowledge that you received the report (R19-5)") },
};

static gboolean
is_open (const JhkIncident *incident)
{
  return g_strcmp0 (incident->status, "closed") != 0;
}

static gboolean
report_pending (const JhkIncident *incident)
{
  return jhk_is_blank (incident->report.state) || g_strcmp0 (incident->report.state, "draft") == 0;
}

/* Whether an action belongs to the incident's state at all: those that do
 * not are hidden, the others insensitive with the reason when refused. A
 * closed incident offers only the acknowledgement of its report. */
static gboolean
action_applies (const JhkIncident *incident,
                JhkIncidentAction  action)
{
  const char *recovery = incident->recovery_state;

  if (!is_open (incident) && action != JHK_INCIDENT_ACKNOWLEDGE)
    return FALSE;
  switch (action)
    {
    case JHK_INCIDENT_DECLARE_SERIOUS:
      return !incident->serious;
    case JHK_INCIDENT_REQUEST_RECOVERY:
      return jhk_is_blank (recovery);
    case JHK_INCIDENT_INVESTIGATE:
      return g_strcmp0 (recovery, "requested") == 0 || g_strcmp0 (recovery, "investigating") == 0;
    case JHK_INCIDENT_DISPATCH:
    case JHK_INCIDENT_FINISH_RECOVERY:
      return g_strcmp0 (recovery, "investigating") == 0;
    case JHK_INCIDENT_EDIT_REPORT:
    case JHK_INCIDENT_SUBMIT_REPORT:
      return incident->serious && report_pending (incident);
    case JHK_INCIDENT_ACKNOWLEDGE:
      return incident->serious && g_strcmp0 (incident->report.state, "reported") == 0;
    case JHK_INCIDENT_UPDATE_FACTS:
    case JHK_INCIDENT_ADD_NOTE:
    case JHK_INCIDENT_ATTACH:
    case JHK_INCIDENT_CLOSE:
    case JHK_INCIDENT_STEP_DONE:
    default:
      return TRUE;
    }
}

static const ActionEntry *
find_action (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].name, name) == 0)
      return &actions[i];
  return NULL;
}

static const char *
action_refusal (JhkIncidentsPage  *self,
                const ActionEntry *entry)
{
  return jhk_incidents_refusal (page_db (self), page_session (self), self->current,
                                entry->action);
}

/* A button for the action, shown when it applies to the incident, its
 * tooltip the reason it is refused or what it does. */
static GtkWidget *
action_button (JhkIncidentsPage  *self,
               JhkIncidentAction  action)
{
  const ActionEntry *entry = NULL;
  const char *why_not;
  GtkWidget *button;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (actions[i].action == action)
      entry = &actions[i];
  g_assert (entry != NULL);
  button = gtk_button_new_with_mnemonic (_(entry->label));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), entry->name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (button, action_applies (self->current, action));
  why_not = action_applies (self->current, action) ? action_refusal (self, entry) : NULL;
  gtk_widget_set_tooltip_text (button, why_not != NULL ? why_not : _(entry->what));
  return button;
}

static void
update_actions (JhkIncidentsPage *self)
{
  const JhkIncident *incident = self->current;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gboolean enabled = incident != NULL && action_applies (incident, actions[i].action) &&
                         action_refusal (self, &actions[i]) == NULL;

      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i].name, enabled);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.print", incident != NULL);
}

/* ---- the detail pane ---- */

/* "山田 太郎 · 2026-11-27 14:30", or NULL when nobody. */
static char *
who_when (const char *name,
          gint64      at)
{
  g_autofree char *when = time_text (at);

  if (at == 0)
    return NULL;
  return g_strdup_printf ("%s · %s", jhk_or_dash (name), when);
}

static char *
joined_names (GPtrArray *names)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; names != NULL && i < names->len; i++)
    g_ptr_array_add (parts, g_ptr_array_index (names, i));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
fill_facts (JhkIncidentsPage  *self,
            const JhkIncident *incident)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->detail_box, _("Facts"));
  g_autofree char *businesses = joined_names (incident->business_names);
  g_autofree char *materials = joined_names (incident->material_names);
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *marks_text = NULL;
  g_autofree char *playbook = NULL;
  g_autofree char *opened = who_when (incident->reported_by_name, incident->created_at);

  g_autofree char *occurred = time_text (incident->occurred_at);
  g_autofree char *discovered = time_text (incident->discovered_at);
  g_autofree char *times = g_strdup_printf (_("Occurred %s, discovered %s"), jhk_or_dash (occurred),
                                            jhk_or_dash (discovered));
  g_autofree char *affected = NULL;

  if (!jhk_is_blank (incident->systems) && !jhk_is_blank (incident->terminals))
    affected = g_strdup_printf ("%s · %s", incident->systems, incident->terminals);
  else
    affected = g_strdup (!jhk_is_blank (incident->systems) ? incident->systems
                                                             : incident->terminals);
  jhk_detail_add_field (group, _("What Happened"), incident->description);
  jhk_detail_add_field (group, _("When"), times);
  jhk_detail_add_field (group, _("Affected Systems and Terminals"), affected);
  if (businesses != NULL)
    jhk_detail_add_field (group, _("Businesses"), businesses);
  if (materials != NULL)
    jhk_detail_add_field (group, _("Materials"), materials);
  if (incident->damage)
    g_ptr_array_add (marks, g_strdup (_("System damaged")));
  if (incident->stop_minutes > 0)
    g_ptr_array_add (marks, g_strdup_printf (_("Business stopped for %d min"),
                                             incident->stop_minutes));
  if (incident->leak)
    g_ptr_array_add (marks, g_strdup (_("Personal data leaked or may have")));
  if (marks->len > 0)
    {
      g_ptr_array_add (marks, NULL);
      marks_text = g_strjoinv (" · ", (char **) marks->pdata);
    }
  if (marks_text != NULL)
    jhk_detail_add_field (group, _("Damage, Stop, Leak"), marks_text);
  playbook = g_strdup_printf (_("%s (version %d)"), jhk_or_dash (incident->playbook_title),
                              incident->playbook_version);
  jhk_detail_add_field (group, _("Playbook"), playbook);
  jhk_detail_add_field (group, _("Opened"), opened);
}

/* ---- the checklist ---- */

static const char *
role_label (const char *key)
{
  JhkRole role;

  if (jhk_is_blank (key))
    return _("Anyone");
  role = jhk_role_from_key (key);
  return role != JHK_ROLE_INVALID ? jhk_role_get_label (role) : key;
}

static const JhkIncidentStep *
find_step (JhkIncidentsPage *self,
           gint64            step_id)
{
  for (guint i = 0; self->current != NULL && i < self->current->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (self->current->steps, i);

      if (step->id == step_id)
        return step;
    }
  return NULL;
}

static const char *
step_refusal (JhkIncidentsPage      *self,
              const JhkIncidentStep *step,
              JhkIncidentStepAction  action)
{
  return jhk_incidents_step_refusal (page_db (self), page_session (self), self->current, step,
                                     action);
}

static void
step_button_clicked_cb (GtkButton        *button,
                        JhkIncidentsPage *self)
{
  gint64 step_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-step"));
  int action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jhk-step-action"));

  gtk_widget_activate_action (GTK_WIDGET (self), "incidents.step", "(ix)", action,
                              (gint64) step_id);
}

static void
step_row_activated_cb (GtkListBox       *list,
                       GtkListBoxRow    *row,
                       JhkIncidentsPage *self)
{
  gint64 step_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "jhk-step"));

  if (step_id == 0 || !gtk_list_box_row_get_activatable (row))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "incidents.step", "(ix)",
                              (int) JHK_INCIDENT_STEP_ACTION_DONE, (gint64) step_id);
}

static void
add_step_button (JhkIncidentsPage      *self,
                 GtkWidget             *box,
                 const JhkIncidentStep *step,
                 JhkIncidentStepAction  action,
                 const char            *label,
                 const char            *what)
{
  const char *why_not = step_refusal (self, step, action);
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "jhk-step", GSIZE_TO_POINTER (step->id));
  g_object_set_data (G_OBJECT (button), "jhk-step-action", GINT_TO_POINTER (action));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "small");
  gtk_widget_set_sensitive (button, why_not == NULL);
  gtk_widget_set_tooltip_text (button, why_not != NULL ? why_not : what);
  g_signal_connect_object (button, "clicked", G_CALLBACK (step_button_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);
}

static char *
step_subtitle (const JhkIncident     *incident,
               const JhkIncidentStep *step)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  g_ptr_array_add (parts, g_strdup (role_label (step->role)));
  if (step->minutes > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("%d min"), step->minutes));
  if (!jhk_is_blank (step->evidence))
    g_ptr_array_add (parts, g_strdup_printf (_("Evidence: %s"), step->evidence));
  if (step->needs_confirmation)
    g_ptr_array_add (parts, g_strdup (_("Needs confirmation")));
  g_ptr_array_add (parts, g_strdup (jhk_incident_step_state_label (step->state)));
  if (step->done_at != 0)
    {
      g_autofree char *when = jhk_format_time (step->done_at);

      g_ptr_array_add (parts, g_strdup_printf (_("by %s, %s"), jhk_or_dash (step->done_by_name),
                                               when));
    }
  if (step->confirmed_at != 0)
    {
      g_autofree char *when = jhk_format_time (step->confirmed_at);

      g_ptr_array_add (parts, g_strdup_printf (_("confirmed by %s, %s"),
                                               jhk_or_dash (step->confirmed_by_name), when));
    }
  else if (g_strcmp0 (step->state, "done") == 0 && step->needs_confirmation)
    g_ptr_array_add (parts, g_strdup (_("waiting for confirmation")));
  if (!jhk_is_blank (step->reason))
    g_ptr_array_add (parts, g_strdup_printf (_("Skipped because: %s"), step->reason));
  if (!jhk_is_blank (step->note))
    g_ptr_array_add (parts, g_strdup_printf (_("Note: %s"), step->note));
  /* The evidence attached to the step (saved from the attachments). */
  for (guint i = 0; incident->attachments != NULL && i < incident->attachments->len; i++)
    {
      const JhkIncidentAttachment *a = g_ptr_array_index (incident->attachments, i);

      if (a->step_id == step->id)
        g_ptr_array_add (files, a->filename);
    }
  if (files->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (files, NULL);
      names = g_strjoinv (_(", "), (char **) files->pdata);
      g_ptr_array_add (parts, g_strdup_printf (_("Attached: %s"), names));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
fill_checklist (JhkIncidentsPage  *self,
                const JhkIncident *incident)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->checklist_box, _("Checklist"));
  guint resolved = 0;
  g_autofree char *description = NULL;
  GtkWidget *link;

  g_ptr_array_set_size (self->step_rows, 0);
  for (guint i = 0; incident->steps != NULL && i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);
      g_autofree char *title = g_strdup_printf ("%d. %s", step->position, step->text);
      g_autofree char *subtitle = step_subtitle (incident, step);
      GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "title", title,
                                     "use-markup", FALSE, NULL);
      GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *label;
      GtkWidget *icon;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gboolean is_resolved = jhk_incident_step_is_resolved (step);
      gboolean pending = g_strcmp0 (step->state, "pending") == 0;
      gboolean can_do = pending && step_refusal (self, step, JHK_INCIDENT_STEP_ACTION_DONE) == NULL;

      resolved += is_resolved;
      gtk_widget_set_margin_start (outer, 12);
      gtk_widget_set_margin_end (outer, 12);
      gtk_widget_set_margin_top (outer, 8);
      gtk_widget_set_margin_bottom (outer, 8);
      icon = gtk_image_new_from_icon_name (pending ? "checkbox-symbolic"
                                           : g_strcmp0 (step->state, "skipped") == 0
                                             ? "checkbox-mixed-symbolic"
                                             : "checkbox-checked-symbolic");
      gtk_widget_add_css_class (icon, is_resolved ? "success" : pending ? "dim-label" : "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (icon, jhk_incident_step_state_label (step->state));
      gtk_box_append (GTK_BOX (outer), icon);
      gtk_widget_set_hexpand (inner, TRUE);
      gtk_box_append (GTK_BOX (outer), inner);
      label = gtk_label_new (title);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (inner), label);
      label = gtk_label_new (subtitle);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (inner), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
      g_object_set_data (G_OBJECT (row), "jhk-step", GSIZE_TO_POINTER (step->id));

      if (is_open (incident))
        {
          if (pending)
            {
              add_step_button (self, box, step, JHK_INCIDENT_STEP_ACTION_DONE, _("_Done…"),
                               _("Record that the step is done, with a note (Enter)"));
              add_step_button (self, box, step, JHK_INCIDENT_STEP_ACTION_SKIP, _("S_kip…"),
                               _("Skip the step, with the reason"));
            }
          else if (g_strcmp0 (step->state, "done") == 0 && step->needs_confirmation &&
                   step->confirmed_at == 0)
            add_step_button (self, box, step, JHK_INCIDENT_STEP_ACTION_CONFIRM, _("C_onfirm…"),
                             _("Confirm the step as a second person"));
          add_step_button (self, box, step, JHK_INCIDENT_STEP_ACTION_NOTE, _("No_te…"),
                           _("Add a note to the step"));
          gtk_box_append (GTK_BOX (inner), box);
        }
      /* Enter on a step the user may do: 完了 through its dialog. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), can_do);
      adw_preferences_group_add (group, row);
      if (i == 0)
        g_signal_connect_object (gtk_widget_get_parent (row), "row-activated",
                                 G_CALLBACK (step_row_activated_cb), self, 0);
      g_ptr_array_add (self->step_rows, row);
    }
  description = g_strdup_printf (_("%u of %u steps resolved. Arrow keys move through the steps; "
                                   "Enter records the step done."),
                                 resolved, incident->steps != NULL ? incident->steps->len : 0);
  adw_preferences_group_set_description (group, description);

  /* The playbooks, where the steps come from. */
  link = gtk_button_new_with_mnemonic (_("See the _Playbooks"));
  gtk_widget_add_css_class (link, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "win.workspace");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (link), "s", "playbooks");
  gtk_widget_set_tooltip_text (link, _("Open the playbooks workspace"));
  adw_preferences_group_set_header_suffix (group, link);
}

/* ---- attachments ---- */

typedef struct
{
  JhkIncidentsPage *self;
  gint64            attachment_id;
} SaveData;

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SaveData        *data)
{
  JhkIncidentsPage *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = jhk_incidents_get_attachment (page_db (self), page_session (self),
                                                              data->attachment_id, NULL, &error);

      if (bytes == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        jhk_widget_show_error (GTK_WIDGET (self), error);
      else
        jhk_widget_show_toast (GTK_WIDGET (self), _("The attachment was saved."));
    }
  g_object_unref (self);
  g_free (data);
  g_object_unref (chooser);
}

static void
save_attachment_clicked_cb (GtkButton        *button,
                            JhkIncidentsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *filename = g_object_get_data (G_OBJECT (button), "jhk-filename");
  GtkFileChooserNative *chooser;
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->attachment_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                             "jhk-attachment"));
  chooser = gtk_file_chooser_native_new (_("Save Attachment"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), filename);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
fill_attachments (JhkIncidentsPage  *self,
                  const JhkIncident *incident)
{
  AdwPreferencesGroup *group;

  group = jhk_detail_add_group (self->detail_box, _("Attachments"));
  adw_preferences_group_set_header_suffix (group, action_button (self, JHK_INCIDENT_ATTACH));
  if (incident->attachments == NULL || incident->attachments->len == 0)
    {
      jhk_detail_add_field (group, _("No attachments"), NULL);
      return;
    }
  for (guint i = 0; i < incident->attachments->len; i++)
    {
      const JhkIncidentAttachment *a = g_ptr_array_index (incident->attachments, i);
      g_autofree char *size = g_format_size (a->size);
      g_autofree char *when = jhk_format_time (a->added_at);
      g_autofree char *subtitle = NULL;
      const JhkIncidentStep *step = a->step_id != 0 ? find_step (self, a->step_id) : NULL;
      g_autofree char *of_step = step != NULL ? g_strdup_printf (_(" · step %d"), step->position)
                                              : g_strdup ("");
      GtkWidget *row;
      GtkWidget *button;

      subtitle = g_strdup_printf ("%s · %s · %s%s", size, jhk_or_dash (a->added_by_name), when,
                                  of_step);
      row = jhk_detail_add_field (group, a->filename, subtitle);
      button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Save the attachment as a file…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Save the attachment as a file…"), -1);
      g_object_set_data (G_OBJECT (button), "jhk-attachment", GSIZE_TO_POINTER (a->id));
      g_object_set_data_full (G_OBJECT (button), "jhk-filename", g_strdup (a->filename), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (save_attachment_clicked_cb), self,
                               0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

/* ---- recovery, seriousness and report, closing ---- */

static GtkWidget *
buttons_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static void
fill_recovery (JhkIncidentsPage  *self,
               const JhkIncident *incident)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->detail_box,
                                                     _("Recovery (R19-3, R19-4)"));
  GtkWidget *box = buttons_box ();
  static const JhkIncidentAction recovery_actions[] = {
    JHK_INCIDENT_REQUEST_RECOVERY, JHK_INCIDENT_INVESTIGATE, JHK_INCIDENT_DISPATCH,
    JHK_INCIDENT_FINISH_RECOVERY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (recovery_actions); i++)
    gtk_box_append (GTK_BOX (box), action_button (self, recovery_actions[i]));
  adw_preferences_group_set_header_suffix (group, box);

  if (jhk_is_blank (incident->recovery_state))
    {
      jhk_detail_add_field (group, _("Not requested"),
                            is_open (incident)
                              ? _("When the office cannot recover alone, its operations manager "
                                  "asks the system administrator or a business's manager.")
                              : NULL);
      return;
    }
  {
    g_autofree char *to = NULL;
    g_autofree char *requested = who_when (incident->recovery_requested_by_name,
                                           incident->recovery_requested_at);
    g_autofree char *investigated = who_when (incident->investigated_by_name,
                                              incident->investigated_at);
    g_autofree char *dispatched = NULL;
    g_autofree char *finished = time_text (incident->recovery_finished_at);

    if (g_strcmp0 (incident->recovery_to, "business") == 0)
      to = g_strdup_printf (_("The manager of %s"), jhk_or_dash (incident->recovery_business_name));
    else
      to = g_strdup (_("The system administrator"));
    if (incident->dispatched_at != 0)
      {
        g_autofree char *when = jhk_format_time (incident->dispatched_at);

        dispatched = g_strdup_printf ("%s · %s", jhk_or_dash (incident->dispatched_staff), when);
      }
    jhk_detail_add_field (group, _("State"),
                          jhk_incident_recovery_state_label (incident->recovery_state));
    jhk_detail_add_field (group, _("Asked Of"), to);
    jhk_detail_add_field (group, C_("recovery", "Request"), incident->recovery_request);
    jhk_detail_add_field (group, _("Requested"), requested);
    /* What the receiving side recorded so far. */
    if (!jhk_is_blank (incident->investigation))
      jhk_detail_add_field (group, _("Investigation"), incident->investigation);
    if (investigated != NULL)
      jhk_detail_add_field (group, _("Investigated"), investigated);
    if (dispatched != NULL)
      jhk_detail_add_field (group, _("Staff Dispatched"), dispatched);
    if (!jhk_is_blank (incident->recovery_result))
      jhk_detail_add_field (group, _("Result"), incident->recovery_result);
    if (finished != NULL)
      jhk_detail_add_field (group, _("Finished"), finished);
  }
}

static void
fill_report (JhkIncidentsPage  *self,
             const JhkIncident *incident)
{
  const JhkIncidentReport *report = &incident->report;
  AdwPreferencesGroup *group = jhk_detail_add_group (self->detail_box,
                                                     _("Report (R19-5)"));
  GtkWidget *box = buttons_box ();
  static const JhkIncidentAction report_actions[] = {
    JHK_INCIDENT_DECLARE_SERIOUS, JHK_INCIDENT_EDIT_REPORT, JHK_INCIDENT_SUBMIT_REPORT,
    JHK_INCIDENT_ACKNOWLEDGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (report_actions); i++)
    gtk_box_append (GTK_BOX (box), action_button (self, report_actions[i]));
  adw_preferences_group_set_header_suffix (group, box);

  if (!incident->serious)
    {
      jhk_detail_add_field (group, _("Not serious"),
                            _("An incident is serious when its facts meet a criterion of its "
                              "playbook, or when a manager declares it so; then it is reported "
                              "to the general supervisor and the department head."));
      return;
    }
  {
    g_autofree char *marked = NULL;
    g_autofree char *due = time_text (report->due_at);
    g_autofree char *persons = report->persons >= 0 ? g_strdup_printf ("%d", report->persons)
                                                    : g_strdup (_("Unknown"));
    g_autofree char *reported = who_when (report->reported_by_name, report->reported_at);
    g_autofree char *supervisor = who_when (report->supervisor_ack_name,
                                            report->supervisor_ack_at);
    g_autofree char *dept_head = who_when (report->dept_head_ack_name, report->dept_head_ack_at);
    GtkWidget *row;

    if (incident->serious_by != 0)
      marked = g_strdup_printf (_("Declared by %s, %s"), jhk_or_dash (incident->serious_by_name),
                                jhk_or_dash (incident->serious_reason));
    else
      marked = g_strdup_printf (_("The playbook's criteria: %s"),
                                jhk_or_dash (incident->serious_reason));
    jhk_detail_add_field (group, _("Why Serious"), marked);
    jhk_detail_add_field (group, _("Report"),
                          jhk_incident_report_state_label (jhk_is_blank (report->state)
                                                             ? "draft" : report->state));
    row = jhk_detail_add_field (group, _("Due"), due);
    if (jhk_incident_report_is_overdue (incident, 0))
      {
        g_autofree char *text = g_strdup_printf (_("%s — overdue"), jhk_or_dash (due));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        gtk_widget_add_css_class (row, "error");
      }
    jhk_detail_add_field (group, C_("incident report", "Summary"), report->summary);
    jhk_detail_add_field (group, _("Items Leaked"), report->leaked_items);
    jhk_detail_add_field (group, _("Persons Concerned"), persons);
    jhk_detail_add_field (group, _("Cause"), report->cause);
    jhk_detail_add_field (group, _("Risk of Secondary Harm"), report->secondary_risk);
    jhk_detail_add_field (group, _("Response to the Persons"), report->response_to_persons);
    jhk_detail_add_field (group, _("Publication"), report->publication);
    jhk_detail_add_field (group, _("Prevention of Recurrence"), report->prevention);
    jhk_detail_add_field (group, _("Reported"), reported);
    jhk_detail_add_field (group, _("Acknowledged by the General Supervisor"), supervisor);
    jhk_detail_add_field (group, _("Acknowledged by the Department Head"), dept_head);
  }
}

static void
fill_closing (JhkIncidentsPage  *self,
              const JhkIncident *incident)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->detail_box, _("Closing"));
  g_autofree char *closed = who_when (incident->closed_by_name, incident->closed_at);

  adw_preferences_group_set_header_suffix (group, action_button (self, JHK_INCIDENT_CLOSE));
  jhk_detail_add_field (group, _("Prevention of Recurrence"), incident->prevention);
  jhk_detail_add_field (group, _("Closed"), closed != NULL ? closed : _("Not yet"));
}

static void
fill_timeline (JhkIncidentsPage  *self,
               const JhkIncident *incident)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->timeline_box, _("Timeline"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = jhk_incidents_timeline (page_db (self), page_session (self),
                                                        incident->id, &error);

  if (events == NULL)
    {
      jhk_detail_add_field (group, _("The timeline could not be read"),
                            error != NULL ? error->message : NULL);
      return;
    }
  g_ptr_array_set_free_func (events, (GDestroyNotify) jhk_incident_event_free);
  if (events->len == 0)
    jhk_detail_add_field (group, _("Nothing recorded yet"), NULL);
  for (guint i = 0; i < events->len; i++)
    {
      const JhkIncidentEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = jhk_format_time (event->at);
      g_autofree char *title = g_strdup_printf ("%s · %s · %s", when,
                                                jhk_incident_event_kind_label (event->kind),
                                                jhk_or_dash (event->actor_name));

      jhk_detail_add_field (group, title, event->text);
    }
}

static void
focus_step_row (JhkIncidentsPage *self)
{
  GtkWidget *target = NULL;

  if (self->focus_position <= 0 || self->current == NULL)
    return;
  /* The same step, or the next one still pending. */
  for (guint i = 0; i < self->step_rows->len && target == NULL; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (self->current->steps, i);

      if (step->position >= self->focus_position && g_strcmp0 (step->state, "pending") == 0)
        target = g_ptr_array_index (self->step_rows, i);
    }
  if (target == NULL && (guint) self->focus_position <= self->step_rows->len)
    target = g_ptr_array_index (self->step_rows, self->focus_position - 1);
  self->focus_position = 0;
  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* The section the user chose last, or the one their role works in: the
 * 管理者等 and the report's side see the recovery and the report while
 * something waits there for them; everyone else the checklist. */
static void
show_section (JhkIncidentsPage  *self,
              const JhkIncident *incident)
{
  const char *name = self->section;

  if (name == NULL)
    {
      gboolean waiting = (is_manager (self) && !jhk_is_blank (incident->recovery_state) &&
                          g_strcmp0 (incident->recovery_state, "finished") != 0) ||
                         (takes_reports (self) && incident->serious &&
                          g_strcmp0 (incident->report.state, "acknowledged") != 0);

      name = waiting || !is_open (incident) ? "record" : "checklist";
    }
  self->filling = TRUE;
  gtk_stack_set_visible_child_name (self->section_stack, name);
  self->filling = FALSE;
}

static void
section_changed_cb (JhkIncidentsPage *self)
{
  if (self->filling || self->current == NULL)
    return;
  g_free (self->section);
  self->section = g_strdup (gtk_stack_get_visible_child_name (self->section_stack));
}

static void
fill_detail (JhkIncidentsPage *self)
{
  const JhkIncident *incident = self->current;
  g_autofree char *heading = NULL;
  g_autofree char *status = NULL;

  jhk_widget_remove_children (GTK_WIDGET (self->detail_box));
  jhk_widget_remove_children (GTK_WIDGET (self->checklist_box));
  jhk_widget_remove_children (GTK_WIDGET (self->timeline_box));
  for (GtkWidget *child; (child = gtk_widget_get_first_child (self->actions_box)) != NULL;)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->actions_box), child);
  g_ptr_array_set_size (self->step_rows, 0);
  if (incident == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  heading = g_strdup_printf (_("No. %lld — %s"), (long long) incident->id,
                             jhk_or_dash (incident->title));
  gtk_label_set_text (self->heading_label, heading);
  status = g_strdup_printf (_("%s · %s"), jhk_or_dash (incident->office_name),
                            jhk_incident_status_label (incident->status));
  if (!is_open (incident))
    {
      g_autofree char *closed = g_strdup_printf (_("%s (read-only)"), status);

      g_free (g_steal_pointer (&status));
      status = g_steal_pointer (&closed);
    }
  gtk_label_set_text (self->status_label, status);
  if (incident->serious)
    {
      g_autofree char *badge = g_strdup_printf (_("Serious incident: %s"),
                                                jhk_or_dash (incident->serious_reason));

      gtk_label_set_text (self->serious_label, badge);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->serious_label), incident->serious);

  /* The actions on the whole incident, then 事故報告書. */
  {
    static const JhkIncidentAction top[] = {
      JHK_INCIDENT_UPDATE_FACTS, JHK_INCIDENT_ADD_NOTE, JHK_INCIDENT_DECLARE_SERIOUS,
      JHK_INCIDENT_CLOSE,
    };
    GtkWidget *print;

    for (guint i = 0; i < G_N_ELEMENTS (top); i++)
      {
        GtkWidget *button = action_button (self, top[i]);

        if (gtk_widget_get_visible (button))
          gtk_flow_box_append (GTK_FLOW_BOX (self->actions_box), button);
        else
          g_object_unref (g_object_ref_sink (button));
      }
    print = gtk_button_new_with_mnemonic (_("_Print Incident Report…"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "incidents.print");
    gtk_widget_set_tooltip_text (print, _("Preview, print or save the incident report as PDF"));
    gtk_flow_box_append (GTK_FLOW_BOX (self->actions_box), print);
    for (GtkWidget *child = gtk_widget_get_first_child (self->actions_box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      gtk_widget_set_focusable (child, FALSE);
  }

  fill_checklist (self, incident);
  fill_recovery (self, incident);
  fill_report (self, incident);
  fill_facts (self, incident);
  fill_attachments (self, incident);
  fill_closing (self, incident);
  fill_timeline (self, incident);
  show_section (self, incident);
  focus_step_row (self);
}

static void
selection_changed_cb (JhkIncidentsPage *self)
{
  gint64 listed = selected_id (self);
  g_autoptr(GError) error = NULL;

  if (self->quiet)
    return;
  g_clear_pointer (&self->current, jhk_incident_free);
  if (listed != 0)
    {
      self->current = jhk_incidents_get (page_db (self), page_session (self), listed, &error);
      if (self->current == NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
    }
  update_actions (self);
  fill_detail (self);
}

/* ---- loading ---- */

static void
update_new_button (JhkIncidentsPage *self)
{
  /* Everyone with a login reports an incident of their office to its
   * 運用管理者 (R19-2); the services say who may not (restricted). */
  g_autoptr(GError) error = NULL;
  gboolean may = jhk_policy_check_can_write (page_db (self), page_session (self), &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.new", may);
  gtk_widget_set_tooltip_text (self->new_button,
                               may ? _("Record an incident of your office and start its "
                                       "playbook's checklist (R19-2) (Ctrl+N)")
                                   : error->message);
}

static gboolean
filtered (JhkIncidentsPage *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->office_dropdown) != 0 ||
         gtk_toggle_button_get_active (self->serious_toggle) ||
         !jhk_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static const char *
empty_text (JhkIncidentsPage *self)
{
  if (filtered (self))
    return _("No incident matches the filters. Choose “Any state” and “All offices”, turn off "
             "“Serious” and clear the search to see them all.");
  switch (self->scope)
    {
    case SCOPE_OPEN:
      return _("No incident is open. When an incident happens, record it with “Report an "
               "Incident…” to start its playbook's checklist.");
    case SCOPE_RECOVERY:
      return _("No recovery request waits for you. Offices that cannot recover alone ask "
               "here (R19-3).");
    case SCOPE_REPORTS:
      return _("No report of a serious incident waits (R19-5).");
    case SCOPE_VISIBLE:
    default:
      return _("No incident is recorded. When an incident happens, record it with “Report an "
               "Incident…” to start its playbook's checklist.");
    }
}

static void
apply_filter (JhkIncidentsPage *self,
              guint             s)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint office = gtk_drop_down_get_selected (self->office_dropdown);
  g_autofree char *text = jhk_editable_dup_text (self->search_entry);

  jhk_incidents_list_model_set_filter (self->models[s],
                                       status < G_N_ELEMENTS (status_values)
                                         ? status_values[status] : NULL,
                                       office < self->office_ids->len
                                         ? g_array_index (self->office_ids, gint64, office) : 0,
                                       jhk_is_blank (text) ? NULL : text,
                                       gtk_toggle_button_get_active (self->serious_toggle));
}

/* Reads a scope's list again (made with the filter the first time); a
 * database error is shown and leaves the list as it was. */
static void
refresh_scope (JhkIncidentsPage *self,
               guint             s,
               gboolean          filter_changed)
{
  g_autoptr(GError) error = NULL;

  if (self->models[s] == NULL)
    {
      self->models[s] = jhk_incidents_list_model (page_db (self), page_session (self),
                                                  scope_values[s]);
      if (self->models[s] != NULL && filtered (self))
        apply_filter (self, s);
      return;
    }
  if (filter_changed)
    apply_filter (self, s);
  else if (!jhk_query_model_refresh (self->models[s], &error))
    jhk_widget_show_error (GTK_WIDGET (self), error);
}

static guint
model_n_items (JhkQueryModel *model)
{
  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static void
select_quietly (JhkIncidentsPage *self,
                gint64            id)
{
  JhkQueryModel *model = self->models[self->scope];
  guint position = model != NULL && id != 0 ? jhk_query_model_find (model, id) : G_MAXUINT;

  self->quiet = TRUE;
  gtk_single_selection_set_selected (self->selection, position != G_MAXUINT
                                                        ? position : GTK_INVALID_LIST_POSITION);
  self->quiet = FALSE;
}

static gboolean
restore_scroll_cb (gpointer user_data)
{
  JhkIncidentsPage *self = user_data;

  self->scroll_idle = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroll),
                            self->scroll_to);
  return G_SOURCE_REMOVE;
}

static void
reload_full (JhkIncidentsPage *self,
             gint64            select_id,
             gboolean          filter_changed)
{
  JhkQueryModel *shown;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  double scrolled = gtk_adjustment_get_value (
    gtk_scrolled_window_get_vadjustment (self->detail_scroll));
  gboolean same = self->current != NULL && self->current->id == select_id;

  self->filling = TRUE;
  self->quiet = TRUE;
  self->n_shown = 0;
  for (guint s = 0; s < N_SCOPES; s++)
    {
      if (!has_scope (self, s))
        continue;
      refresh_scope (self, s, filter_changed);
      if (s == self->scope)
        selected = self->n_shown;
      self->shown[self->n_shown++] = s;
      g_ptr_array_add (labels, g_strdup_printf (_("%s (%u)"), scope_label (s),
                                                model_n_items (self->models[s])));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->scope_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->scope_list)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->scope_dropdown, selected);
  shown = self->models[self->scope];
  if (gtk_single_selection_get_model (self->selection) != G_LIST_MODEL (shown))
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (shown));
  self->quiet = FALSE;
  self->filling = FALSE;

  select_quietly (self, select_id);
  /* The selection may not have changed while the incident did. */
  selection_changed_cb (self);
  /* The same incident read again: where the reader was, once the new
   * rows have their size. */
  if (same && scrolled > 0)
    {
      self->scroll_to = scrolled;
      if (self->scroll_idle == 0)
        self->scroll_idle = g_idle_add_full (G_PRIORITY_LOW, restore_scroll_cb, self, NULL);
    }

  update_new_button (self);
  adw_status_page_set_description (self->empty_page, empty_text (self));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    model_n_items (shown) == 0 ? "empty" : "list");
}

static void
reload (JhkIncidentsPage *self,
        gint64            select_id)
{
  reload_full (self, select_id, FALSE);
}

static void
set_scope (JhkIncidentsPage *self,
           guint             scope,
           gint64            select_id)
{
  if (!has_scope (self, scope))
    scope = SCOPE_VISIBLE;
  self->scope = scope;
  reload (self, select_id);
}

static void
scope_changed_cb (JhkIncidentsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  if (self->filling || self->selection == NULL || selected >= self->n_shown ||
      self->shown[selected] == self->scope)
    return;
  set_scope (self, self->shown[selected], 0);
}

static void
filter_changed_cb (JhkIncidentsPage *self)
{
  if (!self->filling && self->selection != NULL)
    reload_full (self, selected_id (self), TRUE);
}

static void
stop_search_cb (JhkIncidentsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->incidents_view));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JHK_INCIDENTS_PAGE (widget)->search_entry));
}

/* The offices to filter by, for those who see every office's incidents;
 * the others see their own office's only, and no drop-down. */
static void
fill_offices (JhkIncidentsPage *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 none = 0;
  gboolean all = is_manager (self) || takes_reports (self);

  g_array_set_size (self->office_ids, 0);
  g_array_append_val (self->office_ids, none);
  g_ptr_array_add (labels, g_strdup (_("All offices")));
  if (all)
    {
      g_autoptr(JhkQueryModel) units = jhk_lists_org_units (page_db (self));

      jhk_lists_org_units_filter (units, "office");
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (units)); i++)
        {
          g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (units), i);
          gint64 id = jhk_row_get_id (row);

          g_array_append_val (self->office_ids, id);
          g_ptr_array_add (labels, jhk_org_unit_row_label (row));
        }
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->office_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->office_list)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->office_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->office_dropdown), all);
  /* One office's list leaves its name out: the room goes to the report. */
  {
    GListModel *columns = gtk_column_view_get_columns (self->incidents_view);

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (gtk_column_view_column_get_title (column), _("Office")) == 0)
          gtk_column_view_column_set_visible (column, all);
      }
  }
}

/* ---- the dialogs ---- */

static void
dialog_done_cb (gint64   incident_id,
                gpointer user_data)
{
  JhkIncidentsPage *self = user_data;

  reload (self, incident_id);
  /* An incident that left the scope shown (a new one, a recovery
   * finished, a report acknowledged, one closed): shown among all. */
  if (incident_id != 0 && selected_id (self) != incident_id && self->scope != SCOPE_VISIBLE)
    {
      self->scope = SCOPE_VISIBLE;
      reload (self, incident_id);
    }
}

static void
present_window (JhkIncidentsPage *self,
                GtkWindow        *dialog)
{
  if (dialog != NULL && !gtk_widget_get_visible (GTK_WIDGET (dialog)))
    jhk_present_dialog (GTK_WIDGET (self), dialog);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);

  present_window (self, jhk_incident_open_dialog_new (widget, page_db (self), page_session (self),
                                                      0, dialog_done_cb, self));
}

static void
incident_action_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);
  const ActionEntry *entry = find_action (action_name);
  const char *why_not;

  if (self->current == NULL || entry == NULL)
    return;
  why_not = action_refusal (self, entry);
  if (why_not != NULL)
    {
      jhk_widget_show_toast (widget, why_not);
      return;
    }
  switch (entry->action)
    {
    case JHK_INCIDENT_UPDATE_FACTS:
      present_window (self, jhk_incident_open_dialog_new (widget, page_db (self),
                                                          page_session (self), self->current->id,
                                                          dialog_done_cb, self));
      break;
    case JHK_INCIDENT_EDIT_REPORT:
      present_window (self, jhk_incident_report_dialog_new (widget, page_db (self),
                                                            page_session (self),
                                                            self->current->id, dialog_done_cb,
                                                            self));
      break;
    default:
      jhk_incident_action_dialog_run (widget, page_db (self), page_session (self), self->current,
                                      entry->action, dialog_done_cb, self);
      break;
    }
}

static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);
  int action = 0;
  gint64 step_id = 0;
  const JhkIncidentStep *step;
  const char *why_not;

  g_variant_get (parameter, "(ix)", &action, &step_id);
  step = find_step (self, step_id);
  if (step == NULL || action < JHK_INCIDENT_STEP_ACTION_DONE ||
      action > JHK_INCIDENT_STEP_ACTION_NOTE)
    return;
  why_not = step_refusal (self, step, action);
  if (why_not != NULL)
    {
      jhk_widget_show_toast (widget, why_not);
      return;
    }
  self->focus_position = step->position;
  jhk_incident_step_dialog_run (widget, page_db (self), page_session (self), self->current, step,
                                action, dialog_done_cb, self);
}

/* 事故報告書: the preview, with 印刷… and PDFとして保存…. */

static void
draw_report_cb (cairo_t  *cr,
                guint     page,
                gpointer  user_data)
{
  jhk_incident_report_form_draw_page (user_data, cr, page);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  JhkIncidentReportForm *form;
  g_autofree char *title = NULL;
  JhkFormPreview *preview;

  if (self->current == NULL)
    return;
  form = jhk_incident_report_form_load (page_db (self), page_session (self), self->current->id,
                                        &error);
  if (form == NULL)
    {
      jhk_widget_show_error (widget, error);
      return;
    }
  title = jhk_incident_report_form_get_title (form);
  if (title == NULL)
    title = g_strdup_printf (_("Incident Report No. %lld"), (long long) self->current->id);
  preview = jhk_form_preview_new (title, title, jhk_incident_report_form_get_n_pages (form),
                                  draw_report_cb, form,
                                  (GDestroyNotify) jhk_incident_report_form_free);
  jhk_form_preview_present (preview, widget);
}

/* ---- from the dashboard ---- */

static gboolean
matches_key (JhkRow     *row,
             const char *key)
{
  const char *report = jhk_row_get_by_name (row, "report_state");

  if (g_strcmp0 (key, "incidents.steps") == 0)
    return jhk_row_int64 (row, "steps_resolved") < jhk_row_int64 (row, "steps_total");
  if (g_strcmp0 (key, "incidents.report") == 0)
    return jhk_is_blank (report) || g_strcmp0 (report, "draft") == 0;
  if (g_strcmp0 (key, "incidents.acknowledge") == 0)
    return g_strcmp0 (report, "reported") == 0;
  return TRUE;
}

static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  guint scope = SCOPE_OPEN;
  JhkQueryModel *model;
  guint n;

  if (g_strcmp0 (key, "incidents.recovery") == 0)
    scope = SCOPE_RECOVERY;
  else if (g_strcmp0 (key, "incidents.report") == 0 ||
           g_strcmp0 (key, "incidents.acknowledge") == 0)
    scope = SCOPE_REPORTS;
  /* The whole list of the scope, whatever was filtered. */
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->office_dropdown, 0);
  gtk_toggle_button_set_active (self->serious_toggle, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->filling = FALSE;
  if (!has_scope (self, scope))
    scope = SCOPE_OPEN;
  self->scope = scope;
  reload_full (self, 0, TRUE);
  model = self->models[self->scope];
  n = model_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (matches_key (row, key))
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_grab_focus (GTK_WIDGET (self->incidents_view));
          break;
        }
    }
}

/* GObject. */

static void
jhk_incidents_page_constructed (GObject *object)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (object);
  const char *statuses[] = { _("Any state"), C_("incidents", "Open"), _("Closed"), NULL };

  G_OBJECT_CLASS (jhk_incidents_page_parent_class)->constructed (object);

  add_columns (self);
  self->filling = TRUE;
  gtk_string_list_splice (self->status_list, 0, 0, statuses);
  fill_offices (self);
  self->filling = FALSE;
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->incidents_view, GTK_SELECTION_MODEL (self->selection));
  self->scope = SCOPE_VISIBLE;
  reload (self, 0);
}

static void
jhk_incidents_page_dispose (GObject *object)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (object);

  g_clear_handle_id (&self->scroll_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_INCIDENTS_PAGE);
  g_clear_object (&self->selection);
  for (guint s = 0; s < N_SCOPES; s++)
    g_clear_object (&self->models[s]);
  g_clear_pointer (&self->current, jhk_incident_free);

  G_OBJECT_CLASS (jhk_incidents_page_parent_class)->dispose (object);
}

static void
jhk_incidents_page_finalize (GObject *object)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (object);

  g_array_unref (self->office_ids);
  g_free (self->section);
  g_ptr_array_unref (self->step_rows);
  G_OBJECT_CLASS (jhk_incidents_page_parent_class)->finalize (object);
}

static void
jhk_incidents_page_reload (JhkPage *page)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (page);

  reload (self, selected_id (self));
}

/* The keys go to the list first when the focus comes in (the workspace
 * opened from the sidebar or the dashboard); Shift+Tab reaches the
 * filters above. */
static gboolean
jhk_incidents_page_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  JhkIncidentsPage *self = JHK_INCIDENTS_PAGE (widget);

  if (jhk_page_focus_list_first (widget, direction, self->list_stack,
                                 GTK_WIDGET (self->incidents_view)))
    return TRUE;
  return GTK_WIDGET_CLASS (jhk_incidents_page_parent_class)->focus (widget, direction);
}

static void
jhk_incidents_page_class_init (JhkIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_incidents_page_reload;
  object_class->constructed = jhk_incidents_page_constructed;
  object_class->dispose = jhk_incidents_page_dispose;
  object_class->finalize = jhk_incidents_page_finalize;
  widget_class->focus = jhk_incidents_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, scope_list);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, status_list);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, office_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, office_list);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, serious_toggle);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, incidents_view);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, detail_scroll);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, serious_label);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, JhkIncidentsPage, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "incidents.new", NULL, new_activated);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL,
                                     incident_action_activated);
  gtk_widget_class_install_action (widget_class, "incidents.step", "(ix)", step_activated);
  gtk_widget_class_install_action (widget_class, "incidents.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "page.attention", "s", attention_activated);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);

  /* Ctrl+N on the page: report an incident. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "incidents.new", NULL);
}

static void
jhk_incidents_page_init (JhkIncidentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->office_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->step_rows = g_ptr_array_new ();
}

GtkWidget *
jhk_incidents_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_INCIDENTS_PAGE, db, session);
}
