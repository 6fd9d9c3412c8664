/* jhk-audit-page.c: the audit log, its filters and its verification. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-audit.h"
#include "jhk-audit-page.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-settings.h"

struct _JhkAuditPage
{
  JhkPage         parent_instance;

  GtkSearchEntry *actor_entry;
  GtkSearchEntry *org_entry;
  GtkDropDown    *action_dropdown;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkStack       *list_stack;
  GtkColumnView  *column_view;
  GtkLabel       *count_label;
  GtkWidget      *verify_button;
  GtkWidget      *cancel_button;
  GtkProgressBar *progress_bar;

  JhkQueryModel  *model;

  /* The verification running in a thread, if any. */
  GCancellable   *cancellable;
  GTask          *task;
  guint           progress_source;
};

G_DEFINE_FINAL_TYPE (JhkAuditPage, jhk_audit_page, JHK_TYPE_PAGE)

/* Cells. */

static char *
time_text (JhkRow *row)
{
  return jhk_format_time (jhk_row_int64 (row, "at"));
}

static char *
action_text (JhkRow *row)
{
  const char *action = jhk_row_get_by_name (row, "action");
  const char *label = jhk_audit_action_label (action);

  return g_strdup (label != NULL ? label : action);
}

static char *
object_text (JhkRow *row)
{
  const char *type = jhk_row_get_by_name (row, "object_type");
  const char *id = jhk_row_get_by_name (row, "object_id");

  if (id == NULL || *id == '\0')
    return g_strdup (type);
  return g_strdup_printf ("%s %s", type, id);
}

/* Filters. */

static gboolean
read_date (GtkEntry *entry,
           gint64   *out_us,
           gboolean  end_of_day)
{
  g_autofree char *text = NULL;

  if (!jhk_date_entry_read (entry, &text, out_us))
    return FALSE;
  /* The day given as "until" is included. */
  if (end_of_day && text != NULL)
    *out_us += G_TIME_SPAN_DAY;
  return TRUE;
}

static void
update_count (JhkAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "empty" : "list");
}

static void
apply_filter (JhkAuditPage *self)
{
  const char *const *actions = jhk_audit_list_actions ();
  guint selected = gtk_drop_down_get_selected (self->action_dropdown);
  const char *action = NULL;
  g_autofree char *actor = jhk_editable_dup_text (self->actor_entry);
  g_autofree char *org = jhk_editable_dup_text (self->org_entry);
  gint64 from_us, to_us;
  gboolean from_ok = read_date (self->from_entry, &from_us, FALSE);
  gboolean to_ok = read_date (self->to_entry, &to_us, TRUE);

  /* An unfinished date leaves the list as it was until it is valid. */
  if (!from_ok || !to_ok)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected <= g_strv_length ((char **) actions))
    action = actions[selected - 1];
  jhk_lists_audit_filter (self->model, actor, org, action, from_us, to_us);
  update_count (self);
}

static void
filter_changed_cb (JhkAuditPage *self)
{
  /* The template sets the drop-down before the model exists. */
  if (self->model != NULL)
    apply_filter (self);
}

static void
date_changed_cb (JhkAuditPage *self,
                 GtkEntry     *entry)
{
  /* Filter when the date is complete or cleared, not at every digit. */
  if (jhk_date_entry_settled (entry) && self->model != NULL)
    apply_filter (self);
}

static void
stop_search_cb (JhkAuditPage   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JhkAuditPage *self = JHK_AUDIT_PAGE (widget);
  JhkQueryModel *model = g_steal_pointer (&self->model);

  /* Filter once, not once per cleared field. */
  gtk_editable_set_text (GTK_EDITABLE (self->actor_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->org_entry), "");
  gtk_drop_down_set_selected (self->action_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  self->model = model;
  apply_filter (self);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JHK_AUDIT_PAGE (widget)->actor_entry));
}

/* Verification, in a thread with its own connection: a JhkDb belongs to
 * the thread that opened it. The thread opens it again from the page's,
 * with the same credentials (a server's password is in no URI). */

typedef struct
{
  JhkDb  *source;
  gint    permille;   /* atomic */
  gboolean ok;
  gint64  n_entries;
  gint64  first_bad_seq;
  char   *problem;
} VerifyJob;

static void
verify_job_free (gpointer data)
{
  VerifyJob *job = data;

  g_clear_object (&job->source);
  g_free (job->problem);
  g_free (job);
}

static void
verify_progress_cb (double   fraction,
                    gpointer user_data)
{
  VerifyJob *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  JhkAuditReport report = { 0 };

  db = jhk_db_open_again (job->source, JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->ok = jhk_audit_verify (db, NULL, verify_progress_cb, job, cancellable, &report, &error);
  job->n_entries = report.n_entries;
  job->first_bad_seq = report.first_bad_seq;
  jhk_audit_report_clear (&report);
  if (!job->ok)
    {
      /* A broken chain or a damaged file is a result; anything else, such
       * as a cancellation, is an error. */
      if (!g_error_matches (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_BROKEN) &&
          !g_error_matches (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->problem = g_strdup (error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_verifying (JhkAuditPage *self,
               gboolean      verifying)
{
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean may_verify = jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
                        jhk_session_has_role (session, JHK_ROLE_SUPERVISOR);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), verifying);
  gtk_widget_set_visible (self->cancel_button, verifying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", may_verify && !verifying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.cancel-verify", verifying);
  if (!verifying)
    g_clear_handle_id (&self->progress_source, g_source_remove);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  JhkAuditPage *self = user_data;
  VerifyJob *job = g_task_get_task_data (self->task);

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
show_broken_chain (JhkAuditPage *self,
                   VerifyJob    *job)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("The Audit Log Is Broken"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s\n\nDo not change the database file; report this to "
                                    "the general supervisor."),
                                  job->problem);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(JhkAuditPage) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) record_error = NULL;
  VerifyJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *message = NULL;

  g_weak_ref_clear (weak);
  g_free (weak);
  /* The page is gone when its session ended meanwhile. */
  if (self == NULL)
    return;

  g_clear_object (&self->task);
  g_clear_object (&self->cancellable);
  set_verifying (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jhk_widget_show_toast (GTK_WIDGET (self), _("The verification was cancelled."));
      else
        jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* The dashboard reads the last verification from the chain itself. */
  if (!jhk_audit_record_verification (jhk_page_get_db (JHK_PAGE (self)),
                                      jhk_page_get_session (JHK_PAGE (self)), job->ok,
                                      job->n_entries, job->first_bad_seq, &record_error))
    jhk_widget_show_error (GTK_WIDGET (self), record_error);
  apply_filter (self);

  if (job->ok)
    {
      message = g_strdup_printf (ngettext ("The audit log is intact: %lld entry verified.",
                                           "The audit log is intact: %lld entries verified.",
                                           (gulong) job->n_entries),
                                 (long long) job->n_entries);
      jhk_widget_show_toast (GTK_WIDGET (self), message);
    }
  else
    show_broken_chain (self, job);
}

static void
verify_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkAuditPage *self = JHK_AUDIT_PAGE (widget);
  VerifyJob *job;
  GWeakRef *weak;

  if (self->task != NULL)
    return;

  job = g_new0 (VerifyJob, 1);
  job->source = g_object_ref (jhk_page_get_db (JHK_PAGE (self)));
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->cancellable = g_cancellable_new ();
  self->task = g_task_new (NULL, self->cancellable, verify_done_cb, weak);
  g_task_set_source_tag (self->task, verify_activated);
  g_task_set_task_data (self->task, job, verify_job_free);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_verifying (self, TRUE);
  self->progress_source = g_timeout_add (100, progress_tick_cb, self);
  g_task_run_in_thread (self->task, verify_thread);
}

static void
cancel_verify_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JhkAuditPage *self = JHK_AUDIT_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

/* GObject. */

static void
jhk_audit_page_constructed (GObject *object)
{
  JhkAuditPage *self = JHK_AUDIT_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("No."), "seq", NULL, 70, FALSE },
    { N_("Time"), NULL, time_text, 140, FALSE },
    { N_("User"), "actor", NULL, 100, FALSE },
    { N_("Org Unit"), "org", NULL, 80, FALSE },
    { N_("Workstation"), "workstation", NULL, 110, FALSE },
    { N_("Action"), NULL, action_text, 170, FALSE },
    { N_("Object"), NULL, object_text, 160, FALSE },
    { N_("Details"), "details", NULL, 240, TRUE },
  };
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *const *actions = jhk_audit_list_actions ();
  GtkNoSelection *selection;

  G_OBJECT_CLASS (jhk_audit_page_parent_class)->constructed (object);

  gtk_string_list_append (labels, _("All Actions"));
  for (guint i = 0; actions[i] != NULL; i++)
    gtk_string_list_append (labels, jhk_audit_action_label (actions[i]));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (labels));

  self->model = jhk_lists_audit (jhk_page_get_db (JHK_PAGE (self)));
  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
  /* The list stays lazy: the view asks only for the rows it shows. */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  set_verifying (self, FALSE);
  gtk_widget_set_visible (self->verify_button,
                          jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
                            jhk_session_has_role (session, JHK_ROLE_SUPERVISOR));
  update_count (self);
}

static void
jhk_audit_page_dispose (GObject *object)
{
  JhkAuditPage *self = JHK_AUDIT_PAGE (object);

  /* The thread notices and stops; its result finds no page. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_AUDIT_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jhk_audit_page_parent_class)->dispose (object);
}

static void
jhk_audit_page_reload (JhkPage *page)
{
  apply_filter (JHK_AUDIT_PAGE (page));
}

static void
jhk_audit_page_class_init (JhkAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_audit_page_reload;

  object_class->constructed = jhk_audit_page_constructed;
  object_class->dispose = jhk_audit_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, actor_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, org_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, verify_button);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JhkAuditPage, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "audit.clear-filters", NULL,
                                   clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_activated);
  gtk_widget_class_install_action (widget_class, "audit.cancel-verify", NULL,
                                   cancel_verify_activated);
}

static void
jhk_audit_page_init (JhkAuditPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_audit_page_new (JhkDb      *db,
                    JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_AUDIT_PAGE, db, session);
}
