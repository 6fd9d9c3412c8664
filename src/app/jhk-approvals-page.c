/* jhk-approvals-page.c: the 総括責任者's requests for approval (R15-2,
 * R16-2): the pending ones first, each with 承認… and 却下… (a dialog to
 * confirm, with a comment that declining needs), and the decided and
 * withdrawn ones below, behind a switch. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-approvals.h"
#include "jhk-approvals-page.h"
#include "jhk-form-dialog.h"
#include "jhk-policy.h"
#include "jhk-util.h"

struct _JhkApprovalsPage
{
  JhkPage               parent_instance;

  AdwPreferencesGroup  *pending_group;
  AdwPreferencesGroup  *decided_group;
  GtkSwitch            *decided_switch;

  GPtrArray            *rows;   /* the rows added, to take away on reload */
};

G_DEFINE_FINAL_TYPE (JhkApprovalsPage, jhk_approvals_page, JHK_TYPE_PAGE)

static void fill (JhkApprovalsPage *self);

static char *
approval_title (const JhkApproval *a)
{
  return g_strdup_printf (_("%s (%s)"), a->material_name != NULL ? a->material_name : "",
                          a->office_name != NULL ? a->office_name : "");
}

static char *
approval_subtitle (const JhkApproval *a,
                   gboolean           with_decision)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *asked = jhk_format_date (a->requested_at);

  g_ptr_array_add (parts, g_strdup (jhk_approval_kind_label (a->kind)));
  if (a->for_name != NULL && *a->for_name != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("For %s"), a->for_name));
  g_ptr_array_add (parts, g_strdup (a->reason));
  g_ptr_array_add (parts, g_strdup_printf (_("asked by %s on %s"),
                                           a->requester_name != NULL ? a->requester_name : "",
                                           asked));
  if (with_decision)
    {
      g_ptr_array_add (parts, g_strdup (jhk_approval_status_label (a->status)));
      if (a->decided_at != 0)
        {
          g_autofree char *decided = jhk_format_date (a->decided_at);

          g_ptr_array_add (parts, g_strdup_printf (_("decided by %s on %s"),
                                                   a->decider_name != NULL ? a->decider_name : "",
                                                   decided));
        }
      if (a->comment != NULL && *a->comment != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), a->comment));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Deciding: a dialog that shows the request and takes the comment. */

typedef struct
{
  JhkApprovalsPage *page;
  gint64            approval_id;
  gboolean          approve;
} DecideData;

static void
decide_data_free (gpointer data)
{
  DecideData *d = data;

  g_clear_object (&d->page);
  g_free (d);
}

static gboolean
decide_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  DecideData *d = user_data;
  g_autofree char *comment = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                "comment_row"));

  if (!d->approve && jhk_is_blank (comment))
    {
      /* The service's own message. */
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Give the reason for declining."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
decide_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  DecideData *d = user_data;
  JhkDb *db = jhk_page_get_db (JHK_PAGE (d->page));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (d->page));
  g_autofree char *comment = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                "comment_row"));

  if (d->approve ? !jhk_approvals_approve (db, session, d->approval_id, comment, error)
                 : !jhk_approvals_decline (db, session, d->approval_id, comment, error))
    {
      /* Decided meanwhile elsewhere: show it as it is now. */
      fill (d->page);
      return FALSE;
    }
  fill (d->page);
  jhk_widget_show_toast (GTK_WIDGET (d->page),
                         d->approve ? _("The request was approved.")
                                    : _("The request was declined."));
  return TRUE;
}

static void
decide_clicked_cb (GtkButton        *button,
                   JhkApprovalsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-approval"));
  gboolean approve = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jhk-approve"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkApproval) a = jhk_approvals_get (jhk_page_get_db (JHK_PAGE (self)),
                                                jhk_page_get_session (JHK_PAGE (self)), id,
                                                &error);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  JhkFormDialog *dialog;
  DecideData *d;
  GObject *request_row;

  if (a == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  dialog = jhk_form_dialog_new (approve ? _("Approve Request") : _("Decline Request"),
                                approve ? _("_Approve") : _("_Decline"),
                                "/org/example/Jhk/ui/jhk-approval-decide-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  title = approval_title (a);
  subtitle = approval_subtitle (a, FALSE);
  jhk_form_dialog_set_subtitle (dialog, title);
  request_row = jhk_form_dialog_get_object (dialog, "request_row");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (request_row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (jhk_form_dialog_get_object (dialog,
                                                                                  "comment_row")),
                                 approve ? _("Comment (optional)")
                                         : _("Reason for Declining"));
  d = g_new0 (DecideData, 1);
  d->page = g_object_ref (self);
  d->approval_id = id;
  d->approve = approve;
  jhk_form_dialog_set_apply_func (dialog, decide_apply, d, decide_data_free);
  jhk_form_dialog_set_check_func (dialog, decide_check);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static GtkWidget *
decide_button (JhkApprovalsPage  *self,
               const JhkApproval *a,
               gboolean           approve)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (approve ? _("_Approve…") : _("_Decline…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, approve ? "suggested-action" : "destructive-action");
  g_object_set_data (G_OBJECT (button), "jhk-approval", GSIZE_TO_POINTER (a->id));
  g_object_set_data (G_OBJECT (button), "jhk-approve", GINT_TO_POINTER (approve));
  g_signal_connect_object (button, "clicked", G_CALLBACK (decide_clicked_cb), self, 0);
  return button;
}

static void
add_row (JhkApprovalsPage    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
fill (JhkApprovalsPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean show_decided = gtk_switch_get_active (self->decided_switch);
  guint n_pending = 0, n_decided = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  list = jhk_approvals_list_visible (db, session, FALSE, &error);
  if (list == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkApproval *a = g_ptr_array_index (list, i);
      gboolean pending = g_strcmp0 (a->status, "pending") == 0;
      g_autofree char *title = approval_title (a);
      g_autofree char *subtitle = approval_subtitle (a, !pending);
      GtkWidget *row;

      if (pending)
        n_pending++;
      else
        n_decided++;
      if (!pending && !show_decided)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (pending)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), decide_button (self, a, TRUE));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), decide_button (self, a, FALSE));
        }
      add_row (self, pending ? self->pending_group : self->decided_group, row);
    }
  if (n_pending == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No request is waiting for a decision."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, self->pending_group, row);
    }
  {
    g_autofree char *decided = g_strdup_printf (ngettext ("%u request", "%u requests",
                                                          n_decided), n_decided);

    adw_preferences_group_set_description (self->decided_group, decided);
  }
}

static void
decided_toggled_cb (JhkApprovalsPage *self)
{
  fill (self);
}

static void
jhk_approvals_page_constructed (GObject *object)
{
  JhkApprovalsPage *self = JHK_APPROVALS_PAGE (object);

  G_OBJECT_CLASS (jhk_approvals_page_parent_class)->constructed (object);
  fill (self);
}

static void
jhk_approvals_page_dispose (GObject *object)
{
  JhkApprovalsPage *self = JHK_APPROVALS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_APPROVALS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jhk_approvals_page_parent_class)->dispose (object);
}

static void
jhk_approvals_page_reload (JhkPage *page)
{
  fill (JHK_APPROVALS_PAGE (page));
}

static void
jhk_approvals_page_class_init (JhkApprovalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_approvals_page_reload;
  object_class->constructed = jhk_approvals_page_constructed;
  object_class->dispose = jhk_approvals_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-approvals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkApprovalsPage, pending_group);
  gtk_widget_class_bind_template_child (widget_class, JhkApprovalsPage, decided_group);
  gtk_widget_class_bind_template_child (widget_class, JhkApprovalsPage, decided_switch);
  gtk_widget_class_bind_template_callback (widget_class, decided_toggled_cb);
}

static void
jhk_approvals_page_init (JhkApprovalsPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_approvals_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_APPROVALS_PAGE, db, session);
}
