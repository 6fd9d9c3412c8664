/* jhk-requests-page.c: the 作業依頼 workspace (R15-4, 別記様式第2号 RF2).
 *
 * On the left the requests of one scope (the office's own, those waiting
 * for the user's consent, those to receive and process, or all the user
 * may see), the overdue ones marked; on the right the selected request
 * with every field of its form and a button for each step its state
 * allows, insensitive with the service's reason when the user may not
 * take it (jhk_work_requests_refusal). New requests and drafts go to the
 * request wizard; 様式第2号 opens in the form preview. */
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-form2-request.h"
#include "jhk-request-wizard.h"
#include "jhk-requests-page.h"
#include "jhk-roles.h"
#include "jhk-settings.h"
#include "jhk-util.h"
#include "jhk-work-requests.h"

/* The scope buttons, in their order. */
enum
{
  SCOPE_OFFICE,
  SCOPE_CONSENT,
  SCOPE_PROCESS,
  SCOPE_ALL,
  N_SCOPES,
};

static const JhkWorkRequestsScope scope_values[N_SCOPES] = {
  JHK_WORK_REQUESTS_OFFICE,
  JHK_WORK_REQUESTS_TO_CONSENT,
  JHK_WORK_REQUESTS_TO_PROCESS,
  JHK_WORK_REQUESTS_VISIBLE,
};

struct _JhkRequestsPage
{
  JhkPage             parent_instance;

  GtkDropDown        *scope_dropdown;
  GtkStringList      *scope_list;
  GtkWidget          *new_button;
  GtkStack           *list_stack;
  GtkColumnView      *requests_view;
  AdwStatusPage      *empty_page;
  GtkStack           *detail_stack;
  GtkLabel           *heading_label;
  GtkLabel           *status_label;
  GtkWidget          *edit_button;
  GtkWidget          *submit_button;
  GtkWidget          *consent_action_button;
  GtkWidget          *receive_button;
  GtkWidget          *process_action_button;
  GtkWidget          *return_button;
  GtkWidget          *deliver_button;
  GtkWidget          *paper_button;
  GtkWidget          *complete_button;
  GtkWidget          *revise_button;
  GtkWidget          *send_back_button;
  GtkWidget          *withdraw_button;
  GtkWidget          *actions_box;
  GtkBox             *detail_box;

  guint               scope;        /* SCOPE_* shown */
  guint               shown[N_SCOPES]; /* the drop-down's scopes, in its order */
  guint               n_shown;
  gboolean            filling;      /* the drop-down is being set */
  gboolean            quiet;        /* the list is being read again: no detail yet */
  /* The lazy list of each scope the user has (NULL else), refreshed on
   * every reload for its count; the shown one in the selection. */
  JhkQueryModel      *models[N_SCOPES];
  JhkWorkRequestsSort model_sort[N_SCOPES]; /* the order each model is in */
  gboolean            model_descending[N_SCOPES];
  JhkWorkRequestsSort sort;         /* the order the column headers ask */
  gboolean            descending;
  GtkColumnViewColumn *sort_columns[3]; /* 番号, 完成希望日時, 状態 */
  GtkSingleSelection *selection;
  JhkWorkRequest     *current;      /* the selected one, with its rows */
};

G_DEFINE_FINAL_TYPE (JhkRequestsPage, jhk_requests_page, JHK_TYPE_PAGE)

static void reload (JhkRequestsPage *self,
                    gint64           select_id);

/* Helpers. */

static char *
now_local (void)
{
  return jhk_format_time (jhk_now_us ());
}

/* Which scopes the user has, from their roles: the requesters of an
 * office, the business managers who consent, the receiving side. */
static gboolean
has_scope (JhkRequestsPage *self,
           guint            scope)
{
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean business = jhk_session_has_role (session, JHK_ROLE_BIZ_OWNER) ||
                      jhk_session_has_role (session, JHK_ROLE_EGOV_OWNER) ||
                      jhk_session_has_role (session, JHK_ROLE_LEAD_OWNER);

  switch (scope)
    {
    case SCOPE_OFFICE:
      return jhk_session_has_role (session, JHK_ROLE_OPS_MANAGER) ||
             jhk_session_has_role (session, JHK_ROLE_INFO_MANAGER);
    case SCOPE_CONSENT:
      return business;
    case SCOPE_PROCESS:
      return business || jhk_session_has_role (session, JHK_ROLE_SYSADMIN);
    case SCOPE_ALL:
    default:
      return TRUE;
    }
}

static const char *
scope_label (guint scope)
{
  switch (scope)
    {
    case SCOPE_OFFICE:
      return _("My Office's Requests");
    case SCOPE_CONSENT:
      return _("To Consent");
    case SCOPE_PROCESS:
      return _("To Receive and Process");
    case SCOPE_ALL:
    default:
      return _("All");
    }
}

/* ---- the list ---- */

static char *
business_text (JhkRow *row)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, "business")));
}

static char *
summary_text (JhkRow *row)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, "summary")));
}

static char *
recipient_text (JhkRow *row)
{
  const char *recipient = jhk_row_get_by_name (row, "recipient");

  return g_strdup (recipient != NULL && *recipient != '\0'
                     ? jhk_work_request_recipient_label (recipient) : "—");
}

static char *
wanted_text (JhkRow *row)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, "wanted_at")));
}

static gboolean
row_is_overdue (JhkRow     *row,
                const char *now)
{
  return jhk_work_request_is_overdue_row (jhk_row_get_by_name (row, "status"),
                                          jhk_row_get_by_name (row, "wanted_at"), now);
}

/* The state column: the state, and for an overdue request an icon and the
 * error colour, with a tooltip that says why. */

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_add_css_class (icon, "error");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
state_update (GtkListItem *item)
{
  JhkRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  g_autofree char *now = now_local ();
  gboolean overdue = row != NULL && row_is_overdue (row, now);

  gtk_label_set_text (GTK_LABEL (label),
                      row != NULL ? jhk_work_request_status_label (jhk_row_get_by_name (row,
                                                                                        "status"))
                                  : "");
  gtk_widget_set_visible (icon, overdue);
  if (overdue)
    {
      g_autofree char *tip = g_strdup_printf (_("Overdue: the completion was wanted by %s."),
                                              jhk_row_get_by_name (row, "wanted_at"));

      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_tooltip_text (box, tip);
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_set_tooltip_text (box, NULL);
    }
}

static void
state_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  jhk_list_item_bind_row (item, state_update);
}

static void
state_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  jhk_list_item_unbind_row (item, state_update);
}

static void
add_state_column (JhkRequestsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (state_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (state_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (state_unbind_cb), NULL);
  column = gtk_column_view_column_new (_("State"), factory);
  gtk_column_view_column_set_fixed_width (column, 120);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->requests_view, column);
}

/* The id of the request selected in the list, 0 for none. */
static gint64
selected_id (JhkRequestsPage *self)
{
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? jhk_row_get_id (row) : 0;
}

/* ---- the detail pane ---- */

/* "2026-11-27 14:30 · 山田 太郎 · note", or "" when not recorded. */
static char *
step_text (const char *at,
           const char *handler,
           const char *to_office,
           const char *to_name,
           const char *note)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (at == NULL || *at == '\0')
    return g_strdup (_("Not yet"));
  g_ptr_array_add (parts, g_strdup (at));
  if (handler != NULL && *handler != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("by %s"), handler));
  if ((to_office != NULL && *to_office != '\0') || (to_name != NULL && *to_name != '\0'))
    g_ptr_array_add (parts, g_strdup_printf (_("received by %s %s"), jhk_or_dash (to_office),
                                             to_name != NULL ? to_name : ""));
  if (note != NULL && *note != '\0')
    g_ptr_array_add (parts, g_strdup (note));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
add_step_field (AdwPreferencesGroup *group,
                const char          *title,
                const char          *at,
                const char          *handler,
                const char          *to_office,
                const char          *to_name,
                const char          *note)
{
  g_autofree char *text = step_text (at, handler, to_office, to_name, note);

  jhk_detail_add_field (group, title, text);
}

static char *
person_text (const char *title,
             const char *name,
             const char *phone)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (title != NULL && *title != '\0')
    g_ptr_array_add (parts, (gpointer) title);
  if (name != NULL && *name != '\0')
    g_ptr_array_add (parts, (gpointer) name);
  if (phone != NULL && *phone != '\0')
    g_ptr_array_add (parts, (gpointer) phone);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}

static char *
instant_text (gint64 us)
{
  g_autoptr(GDateTime) dt = NULL;

  if (us == 0)
    return NULL;
  dt = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static gboolean
has_item_kind (const JhkWorkRequest *r,
               const char           *kind,
               const char           *or_kind)
{
  for (guint i = 0; r->items != NULL && i < r->items->len; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

      if (g_strcmp0 (item->kind, kind) == 0 || (or_kind && g_strcmp0 (item->kind, or_kind) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
material_clicked_cb (GtkButton       *button,
                     JhkRequestsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-material"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;

  if (jhk_form_preview_show_material (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      jhk_page_get_db (JHK_PAGE (self)),
                                      jhk_page_get_session (JHK_PAGE (self)), id,
                                      &error) == NULL)
    jhk_widget_show_error (GTK_WIDGET (self), error);
}

static void
fill_items (JhkRequestsPage      *self,
            const JhkWorkRequest *r)
{
  AdwPreferencesGroup *group = jhk_detail_add_group (self->detail_box, _("Materials"));

  if (r->items == NULL || r->items->len == 0)
    {
      jhk_detail_add_field (group, _("No rows yet"), NULL);
      return;
    }
  for (guint i = 0; i < r->items->len; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = g_strdup_printf ("%s: %s", jhk_work_request_item_kind_label (item->kind),
                                                jhk_or_dash (item->content));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      g_ptr_array_add (parts, g_strdup_printf (_("Quantity %d"), item->quantity));
      if (item->form != NULL && *item->form != '\0')
        g_ptr_array_add (parts, g_strdup (item->form));
      if (item->note != NULL && *item->note != '\0')
        g_ptr_array_add (parts, g_strdup (item->note));
      if (item->personal_data)
        g_ptr_array_add (parts, g_strdup (_("Holds personal data")));
      if (item->material_id != 0)
        g_ptr_array_add (parts, g_strdup_printf (_("In the ledger as material %lld"),
                                                 (long long) item->material_id));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      row = jhk_detail_add_field (group, title, subtitle);
      if (item->material_id != 0)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Materials Sheet…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button,
                                       _("Show the materials management sheet of the output "
                                         "registered in the ledger (R15-1)"));
          g_object_set_data (G_OBJECT (button), "jhk-material",
                             GSIZE_TO_POINTER (item->material_id));
          g_signal_connect_object (button, "clicked", G_CALLBACK (material_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
}

static void
fill_detail (JhkRequestsPage *self)
{
  const JhkWorkRequest *r = self->current;
  AdwPreferencesGroup *group;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  g_autofree char *now = now_local ();

  jhk_widget_remove_children (GTK_WIDGET (self->detail_box));
  if (r == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  heading = g_strdup_printf (_("Work Request No. %lld"), (long long) r->id);
  gtk_label_set_text (self->heading_label, heading);
  if (jhk_work_request_is_overdue (r, now))
    {
      text = g_strdup_printf (_("%s — overdue: the completion was wanted by %s."),
                              jhk_work_request_status_label (r->status), r->wanted_at);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      text = g_strdup (jhk_work_request_status_label (r->status));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
    }
  gtk_label_set_text (self->status_label, text);

  /* Why it came back, first. */
  if (r->return_comment != NULL && *r->return_comment != '\0')
    {
      GtkWidget *row;

      group = jhk_detail_add_group (self->detail_box, _("Sent Back"));
      row = jhk_detail_add_field (group, _("Reason"), r->return_comment);
      gtk_widget_add_css_class (row, "warning");
    }

  group = jhk_detail_add_group (self->detail_box, _("Addressee and Sender"));
  jhk_detail_add_field (group, _("Addressee"), r->to_title);
  jhk_detail_add_field (group, _("Sender"), r->from_title);
  jhk_detail_add_field (group, _("Requesting Office"), r->office_name);
  jhk_detail_add_field (group, _("Addressed To"),
             r->recipient != NULL && *r->recipient != '\0'
               ? jhk_work_request_recipient_label (r->recipient) : NULL);
  jhk_detail_add_field (group, C_("work request", "Business"), r->business_name);

  group = jhk_detail_add_group (self->detail_box, _("Filled In by the Requesting Office"));
  jhk_detail_add_field (group, _("Work Summary"), r->summary);
  jhk_detail_add_field (group, _("Purpose"), r->purpose);
  jhk_detail_add_field (group, _("Completion Wanted By"), r->wanted_at);
  {
    g_autofree char *manager = person_text (r->manager_title, r->manager_name, NULL);
    g_autofree char *contact = person_text (NULL, r->contact_name, r->contact_phone);

    jhk_detail_add_field (group, _("Information Manager"), manager);
    jhk_detail_add_field (group, _("Contact"), contact);
  }

  fill_items (self, r);

  if (g_strcmp0 (r->recipient, "sysadmin") == 0)
    {
      g_autofree char *who = person_text (r->consent_title, r->consent_name, r->consent_phone);
      g_autofree char *at = instant_text (r->consent_at);
      g_autofree char *consent = r->consent_at != 0 ? g_strdup_printf ("%s · %s", who, at)
                                                    : g_strdup (_("Not yet"));

      group = jhk_detail_add_group (self->detail_box, _("Business Manager's Consent (R15-4)"));
      jhk_detail_add_field (group, _("Consent"), consent);
    }

  group = jhk_detail_add_group (self->detail_box, _("Filled In by the Receiving Office"));
  add_step_field (group, C_("work request", "Received"), r->received_at, r->received_handler, NULL, NULL,
                  r->received_note);
  add_step_field (group, _("Processed"), r->processed_at, r->processed_handler, NULL, NULL,
                  r->processed_note);
  add_step_field (group, _("Input Material Returned"), r->input_returned_at,
                  r->input_returned_handler, r->input_returned_to_office,
                  r->input_returned_to_name, NULL);
  add_step_field (group, _("Output Material Delivered"), r->output_delivered_at,
                  r->output_delivered_handler, r->output_delivered_to_office,
                  r->output_delivered_to_name, NULL);
  g_free (text);
  text = g_strdup_printf (_("Continuous %d · standard %d · A4 %d · other %d%s%s"),
                          r->paper_continuous, r->paper_standard, r->paper_a4, r->paper_other,
                          r->paper_other_text != NULL && *r->paper_other_text != '\0' ? " " : "",
                          r->paper_other_text != NULL ? r->paper_other_text : "");
  jhk_detail_add_field (group, _("Paper (Sheets)"), text);
  jhk_detail_add_field (group, _("Remarks"), r->remarks);

  group = jhk_detail_add_group (self->detail_box, _("History"));
  {
    g_autofree char *created = instant_text (r->created_at);
    g_autofree char *submitted = instant_text (r->submitted_at);
    g_autofree char *completed = instant_text (r->completed_at);
    g_autofree char *by = g_strdup_printf (_("%s by %s"), jhk_or_dash (created),
                                           jhk_or_dash (r->creator_name));

    jhk_detail_add_field (group, _("Created"), by);
    jhk_detail_add_field (group, _("Submitted"), submitted);
    jhk_detail_add_field (group, _("Completed"), completed);
  }
}

/* ---- the steps' buttons ---- */

typedef struct
{
  JhkWorkRequestAction  action;
  const char           *name;      /* the page's action */
  const char           *states;    /* where it applies, ",state," */
  const char           *what;      /* the tooltip when allowed */
} StepEntry;

static const StepEntry steps[] = {
  { JHK_WORK_REQUEST_EDIT, "requests.edit", ",draft,",
    N_("Continue the draft in the request wizard") },
  { JHK_WORK_REQUEST_SUBMIT, "requests.submit", ",draft,",
    N_("Submit the request to its addressee (a request to the system administrator first "
       "goes to the business's manager for consent)") },
  { JHK_WORK_REQUEST_CONSENT, "requests.consent", ",consent_pending,",
    N_("Consent to the request as the business's manager (R15-4)") },
  { JHK_WORK_REQUEST_RECEIVE, "requests.receive", ",submitted,",
    N_("Record the reception of the request") },
  { JHK_WORK_REQUEST_PROCESS, "requests.process", ",in_progress,",
    N_("Record that the work was done") },
  { JHK_WORK_REQUEST_RETURN_INPUT, "requests.return-input", ",in_progress,",
    N_("Record the return of the input material to the requesting office") },
  { JHK_WORK_REQUEST_DELIVER_OUTPUT, "requests.deliver-output", ",in_progress,",
    N_("Record the hand-over of the output material; personal-data output is registered in "
       "the requesting office's ledger (R15-1)") },
  { JHK_WORK_REQUEST_SET_PAPER, "requests.paper", ",in_progress,",
    N_("Record the paper used and the remarks") },
  { JHK_WORK_REQUEST_COMPLETE, "requests.complete", ",in_progress,",
    N_("Complete the request") },
  { JHK_WORK_REQUEST_REVISE, "requests.revise", ",returned,",
    N_("Make the request a draft again, to change it and submit it again") },
  { JHK_WORK_REQUEST_SEND_BACK, "requests.send-back", ",consent_pending,submitted,",
    N_("Send the request back to the requesting office with the reason") },
  { JHK_WORK_REQUEST_WITHDRAW, "requests.withdraw", ",draft,consent_pending,submitted,returned,",
    N_("Take the request back; it can no longer be processed") },
};

static GtkWidget *
step_button (JhkRequestsPage *self,
             guint            i)
{
  GtkWidget *buttons[] = { self->edit_button, self->submit_button, self->consent_action_button,
                           self->receive_button, self->process_action_button,
                           self->return_button, self->deliver_button, self->paper_button,
                           self->complete_button, self->revise_button, self->send_back_button,
                           self->withdraw_button };

  G_STATIC_ASSERT (G_N_ELEMENTS (buttons) == G_N_ELEMENTS (steps));
  return buttons[i];
}

static gboolean
step_applies (const StepEntry      *step,
              const JhkWorkRequest *r)
{
  g_autofree char *state = g_strdup_printf (",%s,", r->status);

  if (strstr (step->states, state) == NULL)
    return FALSE;
  if (step->action == JHK_WORK_REQUEST_RETURN_INPUT)
    return has_item_kind (r, "input", "correction");
  if (step->action == JHK_WORK_REQUEST_DELIVER_OUTPUT)
    return has_item_kind (r, "output", NULL);
  return TRUE;
}

static void
update_actions (JhkRequestsPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  const JhkWorkRequest *r = self->current;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkWidget *button = step_button (self, i);
      gboolean applies = r != NULL && step_applies (&steps[i], r);
      const char *why_not = applies ? jhk_work_requests_refusal (db, session, r, steps[i].action)
                                    : NULL;
      g_autoptr(GError) incomplete = NULL;

      /* A draft not filled in yet cannot be submitted: what is missing,
       * as the wizard's checks say it. */
      if (applies && why_not == NULL && steps[i].action == JHK_WORK_REQUEST_SUBMIT &&
          !jhk_work_requests_check_step (r, 0, NULL, &incomplete))
        why_not = incomplete->message;

      gtk_widget_set_visible (gtk_widget_get_parent (button), applies);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), steps[i].name, applies && why_not == NULL);
      gtk_widget_set_tooltip_text (button, why_not != NULL ? why_not : _(steps[i].what));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requests.form2", r != NULL);
}

static void
selection_changed_cb (JhkRequestsPage *self)
{
  gint64 listed = selected_id (self);
  g_autoptr(GError) error = NULL;

  if (self->quiet)
    return;
  g_clear_pointer (&self->current, jhk_work_request_free);
  if (listed != 0)
    {
      self->current = jhk_work_requests_get (jhk_page_get_db (JHK_PAGE (self)),
                                             jhk_page_get_session (JHK_PAGE (self)), listed,
                                             &error);
      if (self->current == NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
    }
  fill_detail (self);
  update_actions (self);
}

/* ---- loading ---- */

static void
update_new_button (JhkRequestsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkWorkRequest) draft = jhk_work_requests_new_draft (jhk_page_get_db (JHK_PAGE (self)),
                                                                 jhk_page_get_session (JHK_PAGE (self)),
                                                                 &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requests.new", draft != NULL);
  gtk_widget_set_tooltip_text (self->new_button,
                               draft != NULL
                                 ? _("File a new work request for your office (Ctrl+N)")
                                 : error->message);
}

static const char *
empty_text (JhkRequestsPage *self)
{
  switch (self->scope)
    {
    case SCOPE_OFFICE:
      return _("Your office has no work requests. Use “New Request…” (Ctrl+N) to ask the "
               "system administrator or a business's manager for input, output or correction "
               "work.");
    case SCOPE_CONSENT:
      return _("No request waits for your consent. Requests to the system administrator for "
               "a business you manage come here first.");
    case SCOPE_PROCESS:
      return _("No request waits for you to receive or process it.");
    case SCOPE_ALL:
    default:
      return gtk_widget_is_sensitive (self->new_button) &&
             gtk_widget_get_visible (self->new_button)
               ? _("There are no work requests yet. Use “New Request…” (Ctrl+N) to file one.")
               : _("There are no work requests you may see yet.");
    }
}

/* Reads a scope's list again, in the order asked when it is the one
 * shown; a database error is shown and leaves the list as it was. */
static void
refresh_scope (JhkRequestsPage *self,
               guint            s)
{
  g_autoptr(GError) error = NULL;

  if (self->models[s] == NULL)
    {
      /* Made newest first, read. */
      self->models[s] = jhk_work_requests_list_model (jhk_page_get_db (JHK_PAGE (self)),
                                                      jhk_page_get_session (JHK_PAGE (self)),
                                                      scope_values[s]);
      self->model_sort[s] = JHK_WORK_REQUESTS_SORT_NUMBER;
      self->model_descending[s] = TRUE;
      if (s != self->scope || (self->sort == self->model_sort[s] &&
                               self->descending == self->model_descending[s]))
        return;
    }
  if (s == self->scope && (self->sort != self->model_sort[s] ||
                           self->descending != self->model_descending[s]))
    {
      jhk_work_requests_list_model_sort (self->models[s], self->sort, self->descending);
      self->model_sort[s] = self->sort;
      self->model_descending[s] = self->descending;
    }
  else if (!jhk_query_model_refresh (self->models[s], &error))
    jhk_widget_show_error (GTK_WIDGET (self), error);
}

/* Selects the request, when listed, without reading it yet. */
static void
select_quietly (JhkRequestsPage *self,
                gint64           id)
{
  JhkQueryModel *model = self->models[self->scope];
  guint position = model != NULL && id != 0 ? jhk_query_model_find (model, id) : G_MAXUINT;

  self->quiet = TRUE;
  gtk_single_selection_set_selected (self->selection, position != G_MAXUINT
                                                        ? position : GTK_INVALID_LIST_POSITION);
  self->quiet = FALSE;
}

static void
reload (JhkRequestsPage *self,
        gint64           select_id)
{
  JhkQueryModel *shown;

  /* The scopes the user has, each with its count. */
  self->filling = TRUE;
  self->quiet = TRUE;
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    guint selected = 0;

    self->n_shown = 0;
    for (guint s = 0; s < N_SCOPES; s++)
      {
        if (!has_scope (self, s))
          continue;
        refresh_scope (self, s);
        if (s == self->scope)
          selected = self->n_shown;
        self->shown[self->n_shown++] = s;
        g_ptr_array_add (labels, g_strdup_printf (_("%s (%u)"), scope_label (s),
                                                  g_list_model_get_n_items (
                                                    G_LIST_MODEL (self->models[s]))));
      }
    g_ptr_array_add (labels, NULL);
    gtk_string_list_splice (self->scope_list, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->scope_list)),
                            (const char *const *) labels->pdata);
    gtk_drop_down_set_selected (self->scope_dropdown, selected);
  }
  shown = self->models[self->scope];
  if (gtk_single_selection_get_model (self->selection) != G_LIST_MODEL (shown))
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (shown));
  self->quiet = FALSE;
  self->filling = FALSE;

  select_quietly (self, select_id);
  /* The selection may not have changed while the request did. */
  selection_changed_cb (self);

  update_new_button (self);
  adw_status_page_set_description (self->empty_page, empty_text (self));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (shown)) == 0
                                      ? "empty" : "list");
}

static void
set_scope (JhkRequestsPage *self,
           guint            scope,
           gint64           select_id)
{
  if (!has_scope (self, scope))
    scope = SCOPE_ALL;
  self->scope = scope;
  reload (self, select_id);
}

static void
scope_changed_cb (JhkRequestsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  if (self->filling || self->models[self->scope] == NULL || selected >= self->n_shown ||
      self->shown[selected] == self->scope)
    return;
  set_scope (self, self->shown[selected], 0);
}

static void
written (JhkRequestsPage *self,
         gint64           id,
         const char      *message)
{
  reload (self, id);
  if (message != NULL)
    jhk_widget_show_toast (GTK_WIDGET (self), message);
}

/* ---- new request, editing a draft ---- */

static void
wizard_finished_cb (JhkRequestWizard *wizard,
                    gint64            request_id,
                    gboolean          submitted,
                    JhkRequestsPage  *self)
{
  /* A submitted request leaves the office's drafts for its queue: show it
   * where it now is, among the office's own. */
  if (has_scope (self, SCOPE_OFFICE) && self->scope != SCOPE_OFFICE)
    self->scope = SCOPE_OFFICE;
  written (self, request_id, submitted ? _("The request was submitted.")
                                       : _("The draft was saved."));
}

static void
open_wizard (JhkRequestsPage *self,
             gint64           draft_id)
{
  g_autoptr(GError) error = NULL;
  JhkRequestWizard *wizard = jhk_request_wizard_new (GTK_WIDGET (self),
                                                     jhk_page_get_db (JHK_PAGE (self)),
                                                     jhk_page_get_session (JHK_PAGE (self)),
                                                     draft_id, &error);

  if (wizard == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_connect_object (wizard, "finished", G_CALLBACK (wizard_finished_cb), self, 0);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (wizard));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_wizard (JHK_REQUESTS_PAGE (widget), 0);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);

  if (self->current != NULL)
    open_wizard (self, self->current->id);
}

/* ---- steps without a form ---- */

/* A service's step on one request. */
typedef gboolean (*RequestFunc) (JhkDb       *db,
                                 JhkSession  *actor,
                                 gint64       request_id,
                                 GError     **error);

/* Takes a step on request id: the message once written, or the
 * service's refusal with the request read again. */
static void
run_step (JhkRequestsPage *self,
          gint64           id,
          RequestFunc      func,
          const char      *message)
{
  g_autoptr(GError) error = NULL;

  if (!func (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)), id,
             &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      reload (self, id);
      return;
    }
  written (self, id, message);
}

static void
submit_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  gboolean to_consent;

  if (self->current == NULL)
    return;
  to_consent = g_strcmp0 (self->current->recipient, "sysadmin") == 0;
  run_step (self, self->current->id, jhk_work_requests_submit,
            to_consent ? _("The request was submitted; it waits for the business "
                           "manager's consent.")
                       : _("The request was submitted."));
}

static void
revise_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);

  if (self->current == NULL)
    return;
  run_step (self, self->current->id, jhk_work_requests_revise,
            _("The request is a draft again: continue editing it, then submit it."));
}

/* 取下げ and 完了: confirmed first. */

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JhkRequestsPage  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "jhk-request"));

  if (g_strcmp0 (response, "withdraw") == 0)
    run_step (self, id, jhk_work_requests_withdraw, _("The request was withdrawn."));
  else if (g_strcmp0 (response, "complete") == 0)
    run_step (self, id, jhk_work_requests_complete, _("The request was completed."));
}

static void
confirm (JhkRequestsPage *self,
         const char      *heading,
         const char      *body,
         const char      *response,
         const char      *label,
         AdwResponseAppearance appearance)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  g_object_set_data (G_OBJECT (dialog), "jhk-request", GSIZE_TO_POINTER (self->current->id));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                     ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static char *
request_subtitle (const JhkWorkRequest *r)
{
  return g_strdup_printf (_("No. %lld — %s (%s)"), (long long) r->id, jhk_or_dash (r->summary),
                          jhk_or_dash (r->office_name));
}

static void
withdraw_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;

  if (self->current == NULL)
    return;
  what = request_subtitle (self->current);
  body = g_strdup_printf (_("%s. A withdrawn request cannot be submitted or processed again."),
                          what);
  confirm (self, _("Withdraw Request?"), body, "withdraw", _("_Withdraw"),
           ADW_RESPONSE_DESTRUCTIVE);
}

static void
complete_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  g_autofree char *what = NULL;
  g_autofree char *body = NULL;

  if (self->current == NULL)
    return;
  what = request_subtitle (self->current);
  body = g_strdup_printf (_("%s. Its records are final once it is completed."), what);
  confirm (self, _("Complete Request?"), body, "complete", _("C_omplete"),
           ADW_RESPONSE_SUGGESTED);
}

/* ---- steps with a form ---- */

typedef struct
{
  JhkRequestsPage      *page;
  gint64                request_id;
  JhkWorkRequestAction  action;
} StepData;

static void
step_data_free (gpointer data)
{
  StepData *d = data;

  g_clear_object (&d->page);
  g_free (d);
}

static char *
dialog_text (JhkFormDialog *dialog,
             const char    *id)
{
  return jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, id));
}

static gboolean
step_takes_receiver (JhkWorkRequestAction action)
{
  return action == JHK_WORK_REQUEST_RETURN_INPUT || action == JHK_WORK_REQUEST_DELIVER_OUTPUT;
}

/* The step as the dialog holds it; its texts belong to the caller. */
static JhkWorkRequestStep
step_from_dialog (JhkFormDialog         *dialog,
                  JhkWorkRequestAction   action,
                  char                 **texts)
{
  JhkWorkRequestStep step = { 0 };

  step.at = texts[0] = dialog_text (dialog, "at_row");
  step.handler = texts[1] = dialog_text (dialog, "handler_row");
  if (step_takes_receiver (action))
    {
      step.to_office = texts[2] = dialog_text (dialog, "to_office_row");
      step.to_name = texts[3] = dialog_text (dialog, "to_name_row");
    }
  else
    step.note = texts[2] = dialog_text (dialog, "note_row");
  return step;
}

static gboolean
step_check (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  StepData *d = user_data;
  g_auto(GStrv) texts = g_new0 (char *, 5);
  JhkWorkRequestStep step = step_from_dialog (dialog, d->action, texts);

  /* The service's own checks; an empty 担当者 is the actor's name. */
  return jhk_work_requests_check_step_input (&step, d->action, error);
}

static gboolean
step_apply (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  StepData *d = user_data;
  JhkDb *db = jhk_page_get_db (JHK_PAGE (d->page));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (d->page));
  g_auto(GStrv) texts = g_new0 (char *, 5);
  JhkWorkRequestStep step = step_from_dialog (dialog, d->action, texts);
  gboolean ok = FALSE;
  const char *message = NULL;

  switch (d->action)
    {
    case JHK_WORK_REQUEST_RECEIVE:
      ok = jhk_work_requests_receive (db, session, d->request_id, &step, error);
      message = _("The reception was recorded.");
      break;
    case JHK_WORK_REQUEST_PROCESS:
      ok = jhk_work_requests_process (db, session, d->request_id, &step, error);
      message = _("The processing was recorded.");
      break;
    case JHK_WORK_REQUEST_RETURN_INPUT:
      ok = jhk_work_requests_return_input (db, session, d->request_id, &step, error);
      message = _("The return of the input material was recorded.");
      break;
    case JHK_WORK_REQUEST_DELIVER_OUTPUT:
      ok = jhk_work_requests_deliver_output (db, session, d->request_id, &step, error);
      message = _("The hand-over of the output material was recorded.");
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return FALSE;
  written (d->page, d->request_id, message);
  return TRUE;
}

static JhkFormDialog *
step_dialog_new (JhkRequestsPage      *self,
                 JhkWorkRequestAction  action,
                 const char           *title,
                 const char           *apply_label,
                 const char           *resource,
                 JhkFormApplyFunc      apply,
                 JhkFormApplyFunc      check)
{
  JhkFormDialog *dialog = jhk_form_dialog_new (title, apply_label, resource);
  StepData *d = g_new0 (StepData, 1);
  g_autofree char *subtitle = request_subtitle (self->current);
  GObject *request_row;

  d->page = g_object_ref (self);
  d->request_id = self->current->id;
  d->action = action;
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  request_row = jhk_form_dialog_get_object (dialog, "request_row");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (request_row), subtitle);
  jhk_form_dialog_set_apply_func (dialog, apply, d, step_data_free);
  if (check != NULL)
    jhk_form_dialog_set_check_func (dialog, check);
  return dialog;
}

static void
open_step (JhkRequestsPage      *self,
           JhkWorkRequestAction  action)
{
  const char *title = NULL, *apply = NULL;
  g_autofree char *now = now_local ();
  JhkFormDialog *dialog;
  gboolean receiver = step_takes_receiver (action);

  if (self->current == NULL)
    return;
  switch (action)
    {
    case JHK_WORK_REQUEST_RECEIVE:
      title = _("Receive Request");
      apply = C_("work request", "_Receive");
      break;
    case JHK_WORK_REQUEST_PROCESS:
      title = _("Record Processing");
      apply = _("_Record");
      break;
    case JHK_WORK_REQUEST_RETURN_INPUT:
      title = _("Return Input Material");
      apply = _("_Record");
      break;
    case JHK_WORK_REQUEST_DELIVER_OUTPUT:
      title = _("Deliver Output Material");
      apply = _("_Record");
      break;
    default:
      g_assert_not_reached ();
    }
  dialog = step_dialog_new (self, action, title, apply,
                            "/org/example/Jhk/ui/jhk-request-step-form.ui", step_apply, NULL);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "at_row")), now);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "handler_row")),
                         jhk_session_get_name (jhk_page_get_session (JHK_PAGE (self))));
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "to_office_row")),
                          receiver);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "to_name_row")),
                          receiver);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "note_row")),
                          !receiver);
  if (receiver && self->current->office_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "to_office_row")),
                           self->current->office_name);
  jhk_form_dialog_set_check_func (dialog, step_check);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

/* 受付, 処理, 入力資料返却 and 出力資料引渡: the step of the action's
 * entry in steps. */
static void
step_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i].name, action_name) == 0)
      {
        open_step (JHK_REQUESTS_PAGE (widget), steps[i].action);
        return;
      }
  g_assert_not_reached ();
}

/* R15-4: consent, printed in the 対象業務管理者 row. */

static gboolean
consent_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  StepData *d = user_data;
  g_autofree char *title = dialog_text (dialog, "title_row");
  g_autofree char *name = dialog_text (dialog, "name_row");
  g_autofree char *phone = dialog_text (dialog, "phone_row");

  if (!jhk_work_requests_consent (jhk_page_get_db (JHK_PAGE (d->page)),
                                  jhk_page_get_session (JHK_PAGE (d->page)), d->request_id,
                                  jhk_is_blank (title) ? NULL : title,
                                  jhk_is_blank (name) ? NULL : name,
                                  jhk_is_blank (phone) ? NULL : phone, error))
    return FALSE;
  written (d->page, d->request_id,
           _("You consented; the request now waits for the system administrator."));
  return TRUE;
}

static void
consent_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  JhkFormDialog *dialog;

  if (self->current == NULL)
    return;
  dialog = step_dialog_new (self, JHK_WORK_REQUEST_CONSENT, _("Consent to Request"),
                            _("C_onsent"), "/org/example/Jhk/ui/jhk-request-consent-form.ui",
                            consent_apply, NULL);
  {
    /* As the service would print them: from the actor's staff record. */
    JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
    const char *columns[] = { "title", "name", "extension" };
    const char *rows[] = { "title_row", "name_row", "phone_row" };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT %s FROM staff WHERE id = ?", columns[i]);
        g_autofree char *value = NULL;

        jhk_db_query_text (jhk_page_get_db (JHK_PAGE (self)), &value, NULL, sql,
                           JHK_I (jhk_session_get_staff_id (session)), JHK_DB_END);
        if (value == NULL && i == 1)
          value = g_strdup (jhk_session_get_name (session));
        gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, rows[i])),
                               value != NULL ? value : "");
      }
  }
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Declining consent or sending back: the reason is required. */

static gboolean
send_back_check (JhkFormDialog  *dialog,
                 gpointer        user_data,
                 GError        **error)
{
  g_autofree char *comment = dialog_text (dialog, "comment_row");

  if (jhk_is_blank (comment))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Give the reason for sending the request back."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_back_apply (JhkFormDialog  *dialog,
                 gpointer        user_data,
                 GError        **error)
{
  StepData *d = user_data;
  g_autofree char *comment = dialog_text (dialog, "comment_row");

  if (!jhk_work_requests_send_back (jhk_page_get_db (JHK_PAGE (d->page)),
                                    jhk_page_get_session (JHK_PAGE (d->page)), d->request_id,
                                    comment, error))
    return FALSE;
  written (d->page, d->request_id, _("The request was sent back to the requesting office."));
  return TRUE;
}

static void
send_back_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  JhkFormDialog *dialog;
  gboolean declining;

  if (self->current == NULL)
    return;
  declining = g_strcmp0 (self->current->status, "consent_pending") == 0;
  dialog = step_dialog_new (self, JHK_WORK_REQUEST_SEND_BACK,
                            declining ? _("Decline Consent") : _("Send Request Back"),
                            declining ? C_("work request", "_Decline") : _("Send _Back"),
                            "/org/example/Jhk/ui/jhk-request-send-back-form.ui",
                            send_back_apply, send_back_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* 用紙 and 記事欄. */

/* An empty count is 0. */
static gboolean
parse_count (const char *text,
             int        *out)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || *text == '\0')
    {
      *out = 0;
      return TRUE;
    }
  value = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || end == text || *end != '\0' || value > 99999 || value < -99999)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static const char *const paper_rows[] = { "continuous_row", "standard_row", "a4_row",
                                          "other_row" };

static gboolean
paper_read (JhkFormDialog  *dialog,
            int             counts[4],
            GError        **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (paper_rows); i++)
    {
      g_autofree char *text = dialog_text (dialog, paper_rows[i]);

      if (!parse_count (text, &counts[i]))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Enter the sheets of paper as whole numbers."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
paper_check (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  g_autofree char *other_text = dialog_text (dialog, "other_text_row");
  g_autofree char *remarks = dialog_text (dialog, "remarks_row");
  int counts[4];

  /* The service's own checks, once the counts are numbers. */
  return paper_read (dialog, counts, error) &&
         jhk_work_requests_check_paper (&(JhkWorkRequestPaper) {
             .continuous = counts[0], .standard = counts[1], .a4 = counts[2],
             .other = counts[3], .other_text = other_text, .remarks = remarks }, error);
}

static gboolean
paper_apply (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  StepData *d = user_data;
  g_autofree char *other_text = dialog_text (dialog, "other_text_row");
  g_autofree char *remarks = dialog_text (dialog, "remarks_row");
  int counts[4];
  JhkWorkRequestPaper paper;

  if (!paper_read (dialog, counts, error))
    return FALSE;
  paper = (JhkWorkRequestPaper) { .continuous = counts[0], .standard = counts[1],
                                  .a4 = counts[2], .other = counts[3],
                                  .other_text = other_text, .remarks = remarks };
  if (!jhk_work_requests_set_paper (jhk_page_get_db (JHK_PAGE (d->page)),
                                    jhk_page_get_session (JHK_PAGE (d->page)), d->request_id,
                                    &paper, error))
    return FALSE;
  written (d->page, d->request_id, _("The paper and remarks were recorded."));
  return TRUE;
}

static void
paper_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  const JhkWorkRequest *r = self->current;
  JhkFormDialog *dialog;

  if (r == NULL)
    return;
  dialog = step_dialog_new (self, JHK_WORK_REQUEST_SET_PAPER, _("Paper and Remarks"),
                            _("_Record"), "/org/example/Jhk/ui/jhk-request-paper-form.ui",
                            paper_apply, paper_check);
  {
    int counts[] = { r->paper_continuous, r->paper_standard, r->paper_a4, r->paper_other };

    for (guint i = 0; i < G_N_ELEMENTS (paper_rows); i++)
      {
        g_autofree char *text = g_strdup_printf ("%d", counts[i]);

        gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, paper_rows[i])),
                               text);
      }
  }
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "other_text_row")),
                         r->paper_other_text != NULL ? r->paper_other_text : "");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "remarks_row")),
                         r->remarks != NULL ? r->remarks : "");
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* 様式第2号: the preview, with 印刷… and PDFとして保存…. */

static void
draw_form2_cb (cairo_t  *cr,
               guint     page,
               gpointer  user_data)
{
  jhk_form2_draw (jhk_form2_request_get_form (user_data), cr, page);
}

static void
form2_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  JhkForm2Request *form;
  JhkFormPreview *preview;

  if (self->current == NULL)
    return;
  form = jhk_form2_request_new (self->current);
  title = g_strdup_printf (_("Work Request — No. %lld"), (long long) self->current->id);
  file_name = g_strdup_printf (_("work-request-%lld.pdf"), (long long) self->current->id);
  preview = jhk_form_preview_new (title, file_name,
                                  jhk_form2_n_pages (jhk_form2_request_get_form (form)),
                                  draw_form2_cb, form, (GDestroyNotify) jhk_form2_request_free);
  jhk_form_preview_present (preview, widget);
}

/* From the dashboard: the scope an item counted, its first request
 * selected. */

static gboolean
matches_key (JhkRow     *row,
             const char *key,
             const char *now)
{
  const char *status = jhk_row_get_by_name (row, "status");

  if (g_strcmp0 (key, "requests.consent") == 0)
    return g_strcmp0 (status, "consent_pending") == 0;
  if (g_strcmp0 (key, "requests.receive") == 0)
    return g_strcmp0 (status, "submitted") == 0;
  if (g_strcmp0 (key, "requests.in_progress") == 0)
    return g_strcmp0 (status, "in_progress") == 0;
  if (g_strcmp0 (key, "requests.returned") == 0)
    return g_strcmp0 (status, "returned") == 0;
  if (g_strcmp0 (key, "requests.overdue") == 0)
    return row_is_overdue (row, now);
  return TRUE;
}

/* The position of the first row of the list that matches key, or
 * G_MAXUINT; reads the list a page at a time, only as far as that row. */
static guint
find_first (JhkQueryModel *model,
            const char    *key,
            const char    *now)
{
  guint n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (matches_key (row, key, now))
        return i;
    }
  return G_MAXUINT;
}

static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autofree char *now = now_local ();
  guint scope = SCOPE_ALL;
  guint position;

  if (g_strcmp0 (key, "requests.consent") == 0)
    scope = SCOPE_CONSENT;
  else if (g_strcmp0 (key, "requests.receive") == 0 ||
           g_strcmp0 (key, "requests.in_progress") == 0)
    scope = SCOPE_PROCESS;
  else if (g_strcmp0 (key, "requests.returned") == 0)
    scope = SCOPE_OFFICE;
  else if (g_strcmp0 (key, "requests.overdue") == 0)
    {
      /* The item counts the overdue requests waiting for the user's
       * processing, consent, or of their offices: the first scope that
       * holds one. The models follow every change (reload), and
       * set_scope() reads the chosen one again before it is searched. */
      static const guint order[] = { SCOPE_PROCESS, SCOPE_CONSENT, SCOPE_OFFICE };

      for (guint i = 0; i < G_N_ELEMENTS (order) && scope == SCOPE_ALL; i++)
        if (has_scope (self, order[i]) &&
            find_first (self->models[order[i]], key, now) != G_MAXUINT)
          scope = order[i];
    }
  set_scope (self, scope, 0);
  position = find_first (self->models[self->scope], key, now);
  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_grab_focus (GTK_WIDGET (self->requests_view));
    }
}

/* Sorting by the column headers, in SQL: the view's sorter tells the
 * primary column and the direction (jhk_column_view_probe_sort), as on
 * the ledger page. The selected request stays selected. */

static const JhkWorkRequestsSort sort_keys[] = {
  JHK_WORK_REQUESTS_SORT_NUMBER, JHK_WORK_REQUESTS_SORT_WANTED_AT, JHK_WORK_REQUESTS_SORT_STATUS,
};

static void
sort_changed_cb (GtkSorter       *sorter,
                 GtkSorterChange  change,
                 JhkRequestsPage *self)
{
  JhkQueryModel *model = self->models[self->scope];
  gint64 selected;
  guint column;

  /* The columns go as the page is disposed. */
  if (self->selection == NULL)
    return;
  selected = selected_id (self);
  if (jhk_column_view_probe_sort (sorter, &column, &self->descending))
    self->sort = sort_keys[column];
  else
    {
      self->sort = JHK_WORK_REQUESTS_SORT_NUMBER;
      self->descending = TRUE;
    }
  if (model == NULL || (self->sort == self->model_sort[self->scope] &&
                        self->descending == self->model_descending[self->scope]))
    return;
  self->quiet = TRUE;
  jhk_work_requests_list_model_sort (model, self->sort, self->descending);
  self->quiet = FALSE;
  self->model_sort[self->scope] = self->sort;
  self->model_descending[self->scope] = self->descending;
  /* The same request, where the order puts it; the detail stays. */
  select_quietly (self, selected);
}

static void
setup_sorting (JhkRequestsPage *self)
{
  /* 番号, 完成希望日時 and 状態, in the order of sort_keys. */
  static const guint positions[] = { 0, 4, 5 };

  G_STATIC_ASSERT (G_N_ELEMENTS (positions) == G_N_ELEMENTS (sort_keys));
  jhk_column_view_set_sort_probes (self->requests_view, positions, G_N_ELEMENTS (positions),
                                   self->sort_columns);
  g_signal_connect_object (gtk_column_view_get_sorter (self->requests_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, 0);
  /* Newest first, as the lists start. */
  gtk_column_view_sort_by_column (self->requests_view, self->sort_columns[0],
                                  GTK_SORT_DESCENDING);
}

/* GObject. */

static void
jhk_requests_page_constructed (GObject *object)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("No."), "id", NULL, 40, FALSE },
    { N_("Business"), NULL, business_text, 100, FALSE },
    { N_("Work Summary"), NULL, summary_text, 140, TRUE },
    { N_("Addressed To"), NULL, recipient_text, 100, FALSE },
    { N_("Wanted By"), NULL, wanted_text, 130, FALSE },
  };

  G_OBJECT_CLASS (jhk_requests_page_parent_class)->constructed (object);

  jhk_column_view_add_columns (self->requests_view, columns, G_N_ELEMENTS (columns));
  add_state_column (self);
  self->sort = JHK_WORK_REQUESTS_SORT_NUMBER;
  self->descending = TRUE;
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->requests_view, GTK_SELECTION_MODEL (self->selection));

  /* The first scope the user has: their office's, what waits for their
   * consent, what waits for them to process, or all. */
  self->scope = SCOPE_ALL;
  for (guint s = 0; s < N_SCOPES; s++)
    if (has_scope (self, s))
      {
        self->scope = s;
        break;
      }
  reload (self, 0);
  setup_sorting (self);
}

static void
jhk_requests_page_dispose (GObject *object)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_REQUESTS_PAGE);
  g_clear_object (&self->selection);
  for (guint s = 0; s < N_SCOPES; s++)
    g_clear_object (&self->models[s]);
  g_clear_pointer (&self->current, jhk_work_request_free);

  G_OBJECT_CLASS (jhk_requests_page_parent_class)->dispose (object);
}

static void
jhk_requests_page_reload (JhkPage *page)
{
  JhkRequestsPage *self = JHK_REQUESTS_PAGE (page);

  reload (self, selected_id (self));
}

static void
jhk_requests_page_class_init (JhkRequestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_requests_page_reload;

  object_class->constructed = jhk_requests_page_constructed;
  object_class->dispose = jhk_requests_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-requests-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, scope_list);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, requests_view);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, consent_action_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, receive_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, process_action_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, return_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, deliver_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, paper_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, complete_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, revise_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, send_back_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, JhkRequestsPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);

  gtk_widget_class_install_action (widget_class, "requests.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "requests.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "requests.submit", NULL, submit_activated);
  gtk_widget_class_install_action (widget_class, "requests.consent", NULL, consent_activated);
  gtk_widget_class_install_action (widget_class, "requests.send-back", NULL,
                                   send_back_activated);
  gtk_widget_class_install_action (widget_class, "requests.withdraw", NULL, withdraw_activated);
  gtk_widget_class_install_action (widget_class, "requests.revise", NULL, revise_activated);
  gtk_widget_class_install_action (widget_class, "requests.receive", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "requests.process", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "requests.return-input", NULL, step_activated);
  gtk_widget_class_install_action (widget_class, "requests.deliver-output", NULL,
                                   step_activated);
  gtk_widget_class_install_action (widget_class, "requests.paper", NULL, paper_activated);
  gtk_widget_class_install_action (widget_class, "requests.complete", NULL, complete_activated);
  gtk_widget_class_install_action (widget_class, "requests.form2", NULL, form2_activated);
  gtk_widget_class_install_action (widget_class, "page.attention", "s", attention_activated);

  /* Ctrl+N on the page: a new request. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "requests.new", NULL);
}

static void
jhk_requests_page_init (JhkRequestsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tab goes from button to button, not to the flow box's cells. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->actions_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

GtkWidget *
jhk_requests_page_new (JhkDb      *db,
                       JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_REQUESTS_PAGE, db, session);
}
