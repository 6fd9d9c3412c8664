/* jhk-inquiry-import-dialog.c: importing 個人情報照会記録 (R14-5) and
 * access trails (R13-3) from CSV, in a worker thread.
 *
 * A JhkDb belongs to the thread that opened it: the worker opens the same
 * database again (jhk_db_open_again(), with the same credentials) and
 * imports with the dialog's session on that connection, all or nothing.
 * The service reports progress from the worker; the dialog keeps the
 * latest figures in atomics and shows them from an idle callback in the
 * main context, one pending at a time. Cancelling cancels the service,
 * which then writes nothing. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-inquiry-import-dialog.h"
#include "jhk-window-private.h"

struct _JhkInquiryImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkWidget            *close_button;
  GtkWidget            *start_button;
  GtkWidget            *cancel_button;
  GtkWidget            *back_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *file_group;
  AdwEntryRow          *file_row;
  AdwComboRow          *encoding_row;
  GtkSwitch            *dry_run_switch;
  GtkLabel             *form_error_label;
  GtkLabel             *running_label;
  GtkProgressBar       *progress_bar;
  GtkLabel             *rows_label;
  GtkLabel             *summary_title;
  GtkLabel             *summary_label;
  GtkLabel             *read_label;
  GtkLabel             *imported_label;
  GtkLabel             *present_label;
  GtkLabel             *flagged_label;
  GtkLabel             *encoding_label;
  GtkLabel             *errors_title;
  GtkColumnView        *errors_view;
  AdwStatusPage        *failed_page;

  JhkDb                *db;
  JhkSession           *session;
  JhkInquiryImportKind  kind;

  GtkFileChooserNative *chooser;
  GtkStringList        *errors;     /* "line\tcolumn\tmessage" */
  JhkInquiryImportReport *report;

  /* The import running, if any. */
  GCancellable         *cancellable;
  gboolean              running;
  gboolean              close_when_done;
  gboolean              closed;
  gint                  permille;          /* atomic */
  gint                  n_read;            /* atomic */
  gint                  progress_pending;  /* atomic */
};

G_DEFINE_FINAL_TYPE (JhkInquiryImportDialog, jhk_inquiry_import_dialog, ADW_TYPE_WINDOW)

/* In the order of the encoding row's items. */
static const char *const encodings[] = { NULL, "UTF-8", "CP932" };

static void
set_state (JhkInquiryImportDialog *self,
           const char             *state)
{
  gboolean form = g_strcmp0 (state, "form") == 0;
  gboolean running = g_strcmp0 (state, "running") == 0;

  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_visible (self->start_button, form);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (self->back_button, !form && !running);
  gtk_widget_set_visible (self->close_button, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", !form && !running);
  gtk_window_set_default_widget (GTK_WINDOW (self), form ? self->start_button : NULL);
  if (form)
    gtk_widget_grab_focus (GTK_WIDGET (self->file_row));
  else if (running)
    gtk_widget_grab_focus (self->cancel_button);
  else
    gtk_widget_grab_focus (self->close_button);
}

static void
dry_run_changed_cb (JhkInquiryImportDialog *self)
{
  gtk_button_set_label (GTK_BUTTON (self->start_button),
                        gtk_switch_get_active (self->dry_run_switch) ? _("_Check")
                                                                     : _("_Import"));
}

static void
show_form_error (JhkInquiryImportDialog *self,
                 const char             *message)
{
  gtk_label_set_text (self->form_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error_label), message != NULL);
}

/* The file. */

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     JhkInquiryImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        show_form_error (self, _("Choose a file of this computer."));
      else
        {
          gtk_editable_set_text (GTK_EDITABLE (self->file_row), path);
          show_form_error (self, NULL);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (JhkInquiryImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "CSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Progress, from the worker to the main context. */

static gboolean
show_progress_cb (gpointer user_data)
{
  JhkInquiryImportDialog *self = user_data;
  guint n_read;
  g_autofree char *text = NULL;

  g_atomic_int_set (&self->progress_pending, 0);
  if (!self->running || self->closed)
    return G_SOURCE_REMOVE;
  n_read = (guint) g_atomic_int_get (&self->n_read);
  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->permille) / 1000.0);
  text = g_strdup_printf (ngettext ("%u row read", "%u rows read", n_read), n_read);
  gtk_label_set_text (self->rows_label, text);
  return G_SOURCE_REMOVE;
}

/* In the worker thread. */
static void
import_progress_cb (double   fraction,
                    guint    n_read,
                    gpointer user_data)
{
  JhkInquiryImportDialog *self = user_data;

  g_atomic_int_set (&self->permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000));
  g_atomic_int_set (&self->n_read, (gint) n_read);
  if (g_atomic_int_compare_and_exchange (&self->progress_pending, 0, 1))
    g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb,
                                g_object_ref (self), g_object_unref);
}

/* The import, in a thread with its own connection. */

typedef struct
{
  JhkDb                *source;
  JhkSession           *session;
  JhkInquiryImportKind  kind;
  char                 *path;
  char                 *encoding;
  gboolean              dry_run;
  JhkInquiryImportDialog *dialog;      /* for the progress; alive until the task's callback */
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->source);
  g_clear_object (&job->session);
  g_free (job->path);
  g_free (job->encoding);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  JhkInquiryImportReport *report;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  db = jhk_db_open_again (job->source, JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = jhk_inquiry_import_file (db, job->session, job->kind, job->path, job->encoding,
                                    job->dry_run, import_progress_cb, job->dialog,
                                    cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) jhk_inquiry_import_report_free);
}

static char *
count_text (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
show_summary (JhkInquiryImportDialog *self,
              gboolean                dry_run)
{
  JhkInquiryImportReport *r = self->report;
  g_autofree char *read = count_text (r->n_read);
  g_autofree char *imported = count_text (r->n_imported);
  g_autofree char *present = count_text (r->n_present);
  g_autofree char *flagged = count_text (r->n_flagged);

  gtk_label_set_text (self->read_label, read);
  gtk_label_set_text (self->imported_label, imported);
  gtk_label_set_text (self->present_label, present);
  gtk_label_set_text (self->flagged_label, flagged);
  gtk_label_set_text (self->encoding_label, r->encoding != NULL ? r->encoding : "");
  if (dry_run)
    {
      gtk_label_set_text (self->summary_title, _("The File Is Correct"));
      gtk_label_set_text (self->summary_label,
                          _("Every line can be imported. Nothing was written: this was a "
                            "check only. Turn “Check only” off to import the file."));
    }
  else
    {
      gtk_label_set_text (self->summary_title, _("The File Was Imported"));
      gtk_label_set_text (self->summary_label,
                          self->kind == JHK_INQUIRY_IMPORT_TRAILS
                            ? _("The trails are stored and can be searched now.")
                            : _("The records are stored and screened; each office can "
                                "confirm them now."));
    }
  set_state (self, "summary");
}

static void
show_errors (JhkInquiryImportDialog *self)
{
  GPtrArray *errors = self->report->errors;
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < errors->len; i++)
    {
      JhkImportError *e = g_ptr_array_index (errors, i);

      g_ptr_array_add (lines, g_strdup_printf ("%u\t%s\t%s", e->line,
                                               e->column != NULL ? e->column : "",
                                               e->message != NULL ? e->message : ""));
    }
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (self->errors, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->errors)),
                          (const char *const *) lines->pdata);
  title = g_strdup_printf (ngettext ("The file has %u bad line.", "The file has %u bad lines.",
                                     errors->len),
                           errors->len);
  gtk_label_set_text (self->errors_title, title);
  set_state (self, "errors");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* The dialog is the callback's, not the task's: a task is finalised where
   * its last reference goes, which may be the worker thread, and a widget
   * must be finalised in the main thread. */
  g_autoptr(JhkInquiryImportDialog) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  JhkInquiryImportReport *report;

  self->running = FALSE;
  g_clear_object (&self->cancellable);
  report = g_task_propagate_pointer (G_TASK (result), &error);
  /* Closed meanwhile (the idle lock destroys the dialogs), which
   * cancelled the import: nothing to show. */
  if (self->closed)
    {
      g_clear_pointer (&report, jhk_inquiry_import_report_free);
      return;
    }
  if (self->close_when_done)
    {
      g_clear_pointer (&report, jhk_inquiry_import_report_free);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  g_clear_pointer (&self->report, jhk_inquiry_import_report_free);
  self->report = report;

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_state (self, "cancelled");
      else
        {
          g_autofree char *text = g_strdup_printf (_("%s\n\nNothing was written to the "
                                                     "database."),
                                                   error->message);

          adw_status_page_set_description (self->failed_page, text);
          set_state (self, "failed");
        }
      return;
    }
  if (report->errors != NULL && report->errors->len > 0)
    show_errors (self);
  else
    show_summary (self, job->dry_run);

  /* The lists of the window read the new rows now rather than at the
   * watch's next look. */
  if (report->committed)
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (JHK_IS_WINDOW (parent))
        jhk_window_check_for_changes (JHK_WINDOW (parent));
    }
}

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (widget);
  g_autofree char *path = jhk_editable_dup_text (self->file_row);
  g_autofree char *base = NULL;
  g_autofree char *running = NULL;
  guint encoding = adw_combo_row_get_selected (self->encoding_row);
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  if (self->running)
    return;
  if (*path == '\0')
    {
      show_form_error (self, _("Choose the file to import."));
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("There is no file %s."), path);

      show_form_error (self, message);
      return;
    }
  show_form_error (self, NULL);

  job = g_new0 (ImportJob, 1);
  job->source = g_object_ref (self->db);
  job->session = g_object_ref (self->session);
  job->kind = self->kind;
  job->path = g_strdup (path);
  job->encoding = g_strdup (encoding < G_N_ELEMENTS (encodings) ? encodings[encoding] : NULL);
  job->dry_run = gtk_switch_get_active (self->dry_run_switch);

  base = g_path_get_basename (path);
  running = g_strdup_printf (job->dry_run ? _("Checking %s…") : _("Importing %s…"), base);
  gtk_label_set_text (self->running_label, running);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->rows_label, "");
  g_atomic_int_set (&self->permille, 0);
  g_atomic_int_set (&self->n_read, 0);

  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->close_when_done = FALSE;
  /* The callback holds the dialog until the worker is done. */
  job->dialog = self;
  task = g_task_new (NULL, self->cancellable, import_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_activated);
  g_task_set_task_data (task, job, import_job_free);
  set_state (self, "running");
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->rows_label, _("Cancelling…"));
  gtk_widget_action_set_enabled (widget, "import.cancel", FALSE);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (widget);

  if (!self->running)
    set_state (self, "form");
}

/* Escape or the close button while the import runs: asked first, then
 * cancelled, and the dialog closes when the worker has stopped. */

static void
close_response_cb (AdwMessageDialog       *dialog,
                   const char             *response,
                   JhkInquiryImportDialog *self)
{
  if (g_strcmp0 (response, "cancel-import") != 0 || !self->running)
    return;
  self->close_when_done = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static gboolean
jhk_inquiry_import_dialog_close_request (GtkWindow *window)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (window);
  AdwMessageDialog *dialog;

  if (!self->running)
    return GTK_WINDOW_CLASS (jhk_inquiry_import_dialog_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Cancel the Import?"),
                                                       _("Nothing of the file will be "
                                                         "written.")));
  adw_message_dialog_add_responses (dialog, "continue", _("_Continue Importing"),
                                    "cancel-import", _("Cancel _Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-import",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "continue");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The list of bad lines: each item is "line\tcolumn\tmessage". */

static void
error_cell_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
error_cell_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "field"));
  GtkStringObject *object = gtk_list_item_get_item (item);
  g_auto(GStrv) fields = g_strsplit (gtk_string_object_get_string (object), "\t", 3);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      field < g_strv_length (fields) ? fields[field] : "");
}

static void
add_error_column (JhkInquiryImportDialog *self,
                  const char             *title,
                  guint                   field,
                  int                     width,
                  gboolean                expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "field", GUINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (error_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (error_cell_bind_cb), NULL);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->errors_view, column);
  g_object_unref (column);
}

/* gtk_window_destroy(), as the idle lock closes the dialogs (R13-9),
 * unrealizes the dialog but does not dispose it while the worker holds
 * it: the import is cancelled then, so that nothing runs on unseen. */
static void
jhk_inquiry_import_dialog_unrealize (GtkWidget *widget)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (widget);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  GTK_WIDGET_CLASS (jhk_inquiry_import_dialog_parent_class)->unrealize (widget);
}

/* GObject. */

static void
jhk_inquiry_import_dialog_dispose (GObject *object)
{
  JhkInquiryImportDialog *self = JHK_INQUIRY_IMPORT_DIALOG (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_INQUIRY_IMPORT_DIALOG);
  g_clear_object (&self->errors);
  g_clear_pointer (&self->report, jhk_inquiry_import_report_free);
  g_clear_object (&self->db);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jhk_inquiry_import_dialog_parent_class)->dispose (object);
}

static void
jhk_inquiry_import_dialog_class_init (JhkInquiryImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jhk_inquiry_import_dialog_dispose;
  window_class->close_request = jhk_inquiry_import_dialog_close_request;
  widget_class->unrealize = jhk_inquiry_import_dialog_unrealize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-inquiry-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, dry_run_switch);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, form_error_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, running_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, rows_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, read_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, imported_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, present_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, flagged_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, errors_title);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, errors_view);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiryImportDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dry_run_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jhk_inquiry_import_dialog_init (JhkInquiryImportDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors = gtk_string_list_new (NULL);
  add_error_column (self, _("Line"), 0, 70, FALSE);
  add_error_column (self, _("Column"), 1, 130, FALSE);
  add_error_column (self, _("Problem"), 2, 320, TRUE);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->errors)));
  gtk_column_view_set_model (self->errors_view, GTK_SELECTION_MODEL (selection));
  dry_run_changed_cb (self);
}

JhkInquiryImportDialog *
jhk_inquiry_import_dialog_new (JhkDb                *db,
                               JhkSession           *session,
                               JhkInquiryImportKind  kind)
{
  JhkInquiryImportDialog *self;
  const char *title;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (JHK_IS_SESSION (session), NULL);

  title = kind == JHK_INQUIRY_IMPORT_TRAILS ? _("Import Access Trails")
                                            : _("Import Inquiry Records");
  self = g_object_new (JHK_TYPE_INQUIRY_IMPORT_DIALOG, "title", title, NULL);
  self->db = g_object_ref (db);
  self->session = g_object_ref (session);
  self->kind = kind;
  adw_window_title_set_title (self->window_title, title);
  adw_preferences_group_set_description (
    self->file_group,
    kind == JHK_INQUIRY_IMPORT_TRAILS
      ? _("A CSV file of the access trails, with the header row 日時, 所属コード, 職員番号, "
          "氏名, 端末番号, 業務, 操作内容. A file with any bad line imports nothing.")
      : _("A CSV file of the inquiry system, with the header row 照会番号, 照会日時, "
          "所属コード, 照会者職員番号, 照会者氏名, 照会種別, 事由, 事件番号, 照会内容, "
          "端末番号. A file with any bad line imports nothing; records already stored are "
          "not imported again."));
  set_state (self, "form");
  return self;
}

void
jhk_inquiry_import_dialog_present (GtkWidget            *parent,
                                   JhkDb                *db,
                                   JhkSession           *session,
                                   JhkInquiryImportKind  kind)
{
  JhkInquiryImportDialog *self = jhk_inquiry_import_dialog_new (db, session, kind);

  jhk_present_dialog (parent, GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->file_row));
}

const char *
jhk_inquiry_import_dialog_get_state (JhkInquiryImportDialog *self)
{
  g_return_val_if_fail (JHK_IS_INQUIRY_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const JhkInquiryImportReport *
jhk_inquiry_import_dialog_get_report (JhkInquiryImportDialog *self)
{
  g_return_val_if_fail (JHK_IS_INQUIRY_IMPORT_DIALOG (self), NULL);
  return self->report;
}
