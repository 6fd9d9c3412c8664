/* jhk-ledger-transfer.c: the ledger page's part for sending a material
 * (交付・送付) by one of the methods of 第17-4 and 第17-5.
 *
 * The dialog shows per method only the rows it needs, and checks as the
 * user types with jhk_delivery_check_transfer(). jhk_delivery_send()
 * encrypts with qpdf and stores the password with libsecret, both
 * blocking: it runs in a GTask thread on its own connection
 * (jhk_db_open_again(), which a worker thread may call while the page's
 * connection is in use), the dialog showing a spinner meanwhile. The
 * one-time password is shown once, in a dialog of its own. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-delivery.h"
#include "jhk-form-dialog.h"
#include "jhk-ledger-page-private.h"
#include "jhk-ledger-transfer.h"
#include "jhk-lists.h"
#include "jhk-page.h"
#include "jhk-pdf-encrypt.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-util.h"

#define DB(page)      jhk_page_get_db (JHK_PAGE (page))
#define SESSION(page) jhk_page_get_session (JHK_PAGE (page))

static const char *const fax_reasons[] = { "inquiry_record", "urgent_serious_crime", NULL };

static const char *
fax_reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "inquiry_record") == 0)
    return _("Personal data inquiry record");
  if (g_strcmp0 (reason, "urgent_serious_crime") == 0)
    return _("Urgently needed for a serious crime or an arrest");
  return reason;
}

typedef struct
{
  JhkLedgerPage *page;
  JhkFormDialog *dialog;       /* weak */
  gint64         material_id;
  char          *material_name;
  GArray        *officers;     /* gint64 staff ids, in the combo's order */
  GArray        *offices;      /* gint64, 0 first: a recipient outside */
  GArray        *approvers;    /* gint64 staff ids */
  GPtrArray     *register_;    /* JhkDeliveryEntry of the office */
  GPtrArray     *channels;     /* JhkDeliveryEntry (borrowed), in the channel combo */
  GPtrArray     *terminals;    /* the same for the terminal combo */
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *d = data;

  if (d->dialog != NULL)
    g_object_set_data (G_OBJECT (d->dialog), "jhk-send-data", NULL);
  g_clear_weak_pointer (&d->dialog);
  g_clear_object (&d->page);
  g_free (d->material_name);
  g_clear_pointer (&d->officers, g_array_unref);
  g_clear_pointer (&d->offices, g_array_unref);
  g_clear_pointer (&d->approvers, g_array_unref);
  g_clear_pointer (&d->channels, g_ptr_array_unref);
  g_clear_pointer (&d->terminals, g_ptr_array_unref);
  g_clear_pointer (&d->register_, g_ptr_array_unref);
  g_free (d);
}

#define OBJ(dialog, id) jhk_form_dialog_get_object ((dialog), (id))

static guint
selected (JhkFormDialog *dialog,
          const char    *id)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (OBJ (dialog, id)));
}

static gint64
selected_id (JhkFormDialog *dialog,
             const char    *id,
             GArray        *ids)
{
  guint i = selected (dialog, id);

  return ids != NULL && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static gint64
selected_entry (JhkFormDialog *dialog,
                const char    *id,
                GPtrArray     *entries)
{
  guint i = selected (dialog, id);

  if (entries == NULL || i >= entries->len)
    return 0;
  return ((JhkDeliveryEntry *) g_ptr_array_index (entries, i))->id;
}

static const char *
selected_method (JhkFormDialog *dialog)
{
  const char *const *methods = jhk_delivery_methods ();
  guint i = selected (dialog, "method_row");

  return i < g_strv_length ((char **) methods) ? methods[i] : NULL;
}

/* The texts of the spec, owned. */
typedef struct
{
  char *method, *sent_on, *recipient, *purpose, *fax_reason, *fax_text, *note, *file, *out;
} SpecTexts;

static void
spec_texts_clear (SpecTexts *t)
{
  g_free (t->method);
  g_free (t->sent_on);
  g_free (t->recipient);
  g_free (t->purpose);
  g_free (t->fax_reason);
  g_free (t->fax_text);
  g_free (t->note);
  g_free (t->file);
  g_free (t->out);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SpecTexts, spec_texts_clear)

static char *
entry_text (JhkFormDialog *dialog,
            const char    *id)
{
  char *text = jhk_editable_dup_text (OBJ (dialog, id));

  if (text != NULL && jhk_is_blank (text))
    g_clear_pointer (&text, g_free);
  return text;
}

/* The spec as the form has it; the rows a method does not use give
 * nothing. */
static void
read_spec (JhkFormDialog   *dialog,
           SendData        *d,
           JhkTransferSpec *spec,
           SpecTexts       *t)
{
  const char *method = selected_method (dialog);
  gboolean electronic = g_strcmp0 (method, "file_server") == 0 || g_strcmp0 (method, "email") == 0;
  gboolean fax = g_strcmp0 (method, "fax") == 0;
  g_autofree char *quantity = entry_text (dialog, "quantity_row");
  char *end = NULL;

  t->method = g_strdup (method);
  t->sent_on = entry_text (dialog, "date_row");
  t->recipient = entry_text (dialog, "recipient_row");
  t->purpose = entry_text (dialog, "purpose_row");
  t->note = entry_text (dialog, "note_row");
  *spec = (JhkTransferSpec) {
    .material_id = d->material_id,
    .method = t->method,
    .sent_on = t->sent_on,
    .officer_staff_id = selected_id (dialog, "officer_row", d->officers),
    .to_office_id = selected_id (dialog, "office_row", d->offices),
    .recipient = t->recipient,
    .purpose = t->purpose,
    .note = t->note,
  };
  if (quantity != NULL)
    {
      gint64 n = g_ascii_strtoll (g_strstrip (quantity), &end, 10);

      spec->quantity = end != NULL && *end == '\0' && n > 0 && n <= G_MAXINT ? (int) n : 0;
    }
  if (electronic || fax)
    spec->channel_id = selected_entry (dialog, "channel_row", d->channels);
  if (electronic)
    {
      spec->terminal_id = selected_entry (dialog, "terminal_row", d->terminals);
      spec->file = t->file = entry_text (dialog, "file_row");
      spec->out_file = t->out = entry_text (dialog, "out_row");
    }
  if (fax)
    {
      guint i = selected (dialog, "fax_reason_row");

      t->fax_reason = g_strdup (i < G_N_ELEMENTS (fax_reasons) - 1 ? fax_reasons[i] : NULL);
      spec->fax_reason = t->fax_reason;
      spec->fax_reason_text = t->fax_text = entry_text (dialog, "fax_text_row");
    }
  if (g_strcmp0 (method, "registered_mail") == 0 || g_strcmp0 (method, "contractor") == 0)
    spec->approved_by = selected_id (dialog, "approver_row", d->approvers);
}

static gboolean
send_check (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  SendData *d = user_data;
  g_auto(SpecTexts) t = { 0 };
  JhkTransferSpec spec;

  read_spec (dialog, d, &spec, &t);
  if (spec.sent_on == NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Enter the date as YYYY-MM-DD."));
      return FALSE;
    }
  return jhk_delivery_check_transfer (&spec, error);
}

/* The channels of the register for the method, with their test dates. */
static void
fill_channels (JhkFormDialog *dialog,
               SendData      *d)
{
  const char *method = selected_method (dialog);
  const char *kind = g_strcmp0 (method, "file_server") == 0 ? "folder" : method;
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  g_ptr_array_set_size (d->channels, 0);
  for (guint i = 0; d->register_ != NULL && i < d->register_->len; i++)
    {
      JhkDeliveryEntry *e = g_ptr_array_index (d->register_, i);
      g_autofree char *label = NULL;

      if (g_strcmp0 (e->kind, kind) != 0)
        continue;
      label = e->tested_on != NULL
                ? g_strdup_printf (_("%s, %s (tested %s)"), e->name, e->address, e->tested_on)
                : g_strdup_printf (_("%s, %s (not tested)"), e->name, e->address);
      g_ptr_array_add (d->channels, e);
      gtk_string_list_append (channels, label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "channel_row")), G_LIST_MODEL (channels));
}

static void
method_changed_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   JhkFormDialog *dialog)
{
  SendData *d = g_object_get_data (G_OBJECT (dialog), "jhk-send-data");
  const char *method = selected_method (dialog);
  gboolean electronic = g_strcmp0 (method, "file_server") == 0 || g_strcmp0 (method, "email") == 0;
  gboolean fax = g_strcmp0 (method, "fax") == 0;
  gboolean approval = g_strcmp0 (method, "registered_mail") == 0 ||
                      g_strcmp0 (method, "contractor") == 0;
  const char *channel_title = g_strcmp0 (method, "file_server") == 0 ? _("Shared Folder")
                              : g_strcmp0 (method, "email") == 0 ? _("E-mail Address")
                              : _("Fax Number");

  if (d == NULL)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (OBJ (dialog, "channel_row")), channel_title);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "channel_row")), electronic || fax);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "terminal_row")), electronic);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "file_row")), electronic);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "out_row")), electronic);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "fax_reason_row")), fax);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "fax_text_row")), fax);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "approver_row")), approval);
  if (electronic || fax)
    fill_channels (dialog, d);
}

static void
office_changed_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   JhkFormDialog *dialog)
{
  /* A recipient outside must be named; inside, it is optional. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (OBJ (dialog, "recipient_row")),
                                 adw_combo_row_get_selected (row) == 0
                                   ? _("Recipient (required outside)")
                                   : _("Recipient (optional)"));
}

/* Files. */

static void
file_chosen_cb (GtkNativeDialog *native,
                int              response,
                gpointer         row)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (row), path);
    }
  g_object_unref (native);
}

static void
choose_file (JhkFormDialog *dialog,
             const char    *row_id,
             gboolean       save)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkWidget *row = GTK_WIDGET (OBJ (dialog, row_id));

  native = gtk_file_chooser_native_new (save ? _("Write the Encrypted Copy To")
                                             : _("PDF to Send"),
                                        GTK_WINDOW (dialog),
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                             : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (save)
    {
      g_autofree char *in = jhk_editable_dup_text (OBJ (dialog, "file_row"));

      if (!jhk_is_blank (in))
        {
          g_autofree char *dir = g_path_get_dirname (in);
          g_autofree char *base = g_path_get_basename (in);
          g_autofree char *stem = g_str_has_suffix (base, ".pdf")
                                    ? g_strndup (base, strlen (base) - 4) : g_strdup (base);
          g_autofree char *name = g_strdup_printf (_("%s-encrypted.pdf"), stem);
          g_autoptr(GFile) folder = g_file_new_for_path (dir);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
        }
    }
  g_signal_connect (native, "response", G_CALLBACK (file_chosen_cb), row);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
file_clicked_cb (GtkButton     *button,
                 JhkFormDialog *dialog)
{
  choose_file (dialog, "file_row", FALSE);
}

static void
out_clicked_cb (GtkButton     *button,
                JhkFormDialog *dialog)
{
  choose_file (dialog, "out_row", TRUE);
}

/* The one-time password. */

static void
copy_clicked_cb (GtkButton *button,
                 GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
  gtk_button_set_label (button, _("Copied"));
}

static void
show_password (GtkWidget  *parent,
               gint64      id,
               const char *password,
               const char *method)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro = gtk_label_new (_("The file was encrypted with this password. It is shown "
                                      "only now: give it to the recipient by another route "
                                      "than the file, such as by telephone."));
  GtkWidget *label = gtk_label_new (password);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_Copy"));
  GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));
  g_autofree char *kept = g_strdup_printf (_("The keyring of this desktop keeps it for the "
                                             "transfer officer, as “Jhk: password of transfer "
                                             "%lld”, should it be lost."), (long long) id);
  GtkWidget *keyring = gtk_label_new (kept);
  GtkWidget *delete = gtk_label_new (g_strcmp0 (method, "file_server") == 0
                                       ? _("Once the recipient has the file, delete it from the "
                                           "shared folder and confirm the deletion in the "
                                           "Transfers workspace (R17-5).")
                                       : _("Once the recipient has the file, have it deleted "
                                           "from the mail server and confirm the deletion in "
                                           "the Transfers workspace (R17-5)."));

  gtk_widget_set_name (window, "jhk-transfer-password");
  gtk_window_set_title (GTK_WINDOW (window), _("Password of the Encrypted File"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, -1);
  if (GTK_IS_WINDOW (gtk_widget_get_root (parent)))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (parent)));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Password of the Encrypted File"),
                                                         NULL));
  gtk_box_append (GTK_BOX (box), header);

  for (GtkWidget *l = intro; l != NULL; l = l == intro ? keyring : l == keyring ? delete : NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_xalign (GTK_LABEL (l), 0);
    }
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_name (label, "jhk-transfer-password-label");
  gtk_widget_add_css_class (label, "title-1");
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("One-time password"), -1);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), label);
  g_signal_connect_swapped (done, "clicked", G_CALLBACK (gtk_window_destroy), window);
  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (buttons), done);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), intro);
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), keyring);
  gtk_box_append (GTK_BOX (content), delete);
  gtk_box_append (GTK_BOX (content), buttons);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), done);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (done);
}

/* Sending, in a thread. */

typedef struct
{
  JhkDb      *source;
  JhkSession *session;
  SpecTexts   t;
  JhkTransferSpec spec;
  char       *password;
  gint64      id;
} SendJob;

static void
send_job_free (gpointer data)
{
  SendJob *job = data;

  g_clear_object (&job->source);
  g_clear_object (&job->session);
  spec_texts_clear (&job->t);
  g_clear_pointer (&job->password, jhk_pdf_password_free);
  g_free (job);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open_again (job->source, JHK_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->id = jhk_delivery_send (db, job->session, &job->spec, &job->password, &error);
  if (job->id == 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_sending (JhkFormDialog *dialog,
             gboolean       sending)
{
  GtkWidget *content = adw_window_get_content (ADW_WINDOW (dialog));

  gtk_widget_set_sensitive (content, !sending);
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "progress_row")), sending);
  gtk_spinner_set_spinning (GTK_SPINNER (OBJ (dialog, "spinner")), sending);
  gtk_window_set_deletable (GTK_WINDOW (dialog), !sending);
  /* On the dialog, which outlives its apply data while the thread runs. */
  g_object_set_data (G_OBJECT (dialog), "jhk-sending", GINT_TO_POINTER (sending));
}

static gboolean
is_sending (JhkFormDialog *dialog)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "jhk-sending"));
}

/* Not closed (Escape) while the send runs: its result shows here. */
static gboolean
close_request_cb (GtkWindow *window,
                  gpointer   user_data)
{
  return is_sending (JHK_FORM_DIALOG (window));
}

static void
send_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JhkLedgerPage *page = JHK_LEDGER_PAGE (object);
  GTask *task = G_TASK (result);
  SendJob *job = g_task_get_task_data (task);
  JhkFormDialog *dialog = user_data;   /* a reference */
  g_autoptr(GError) error = NULL;

  set_sending (dialog, FALSE);
  if (!g_task_propagate_boolean (task, &error))
    {
      GtkLabel *label = GTK_LABEL (OBJ (dialog, "send_error"));

      gtk_label_set_text (label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      g_object_unref (dialog);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  jhk_ledger_page_material_changed (page, job->spec.material_id,
                                    job->password != NULL
                                      ? _("Sent encrypted: the operations manager confirms the "
                                          "transfer, and the file's deletion is to be confirmed.")
                                      : _("Sent: the operations manager confirms the transfer."));
  if (job->password != NULL)
    show_password (GTK_WIDGET (page), job->id, job->password, job->spec.method);
}

static gboolean
send_apply (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  SendData *d = user_data;
  SendJob *job;
  g_autoptr(GTask) task = NULL;

  if (is_sending (dialog))
    return FALSE;
  job = g_new0 (SendJob, 1);
  read_spec (dialog, d, &job->spec, &job->t);
  if (!jhk_delivery_check_transfer (&job->spec, error))
    {
      send_job_free (job);
      return FALSE;
    }
  job->source = g_object_ref (DB (d->page));
  job->session = g_object_ref (SESSION (d->page));
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "send_error")), FALSE);
  set_sending (dialog, TRUE);
  task = g_task_new (d->page, NULL, send_done_cb, g_object_ref (dialog));
  g_task_set_source_tag (task, send_apply);
  g_task_set_task_data (task, job, send_job_free);
  g_task_run_in_thread (task, send_thread);
  /* Not applied yet: the dialog stays, without a message, until done. */
  return FALSE;
}

/* The dialog's choices. */

static void
fill_offices (SendData         *d,
              JhkLedgerPage    *page,
              gint64            own_office,
              GtkStringList    *labels)
{
  g_autoptr(JhkQueryModel) offices = jhk_lists_org_units (DB (page));
  g_autofree char *today = jhk_today ();
  gint64 outside = 0;

  g_array_append_val (d->offices, outside);
  gtk_string_list_append (labels, _("A recipient outside"));
  jhk_lists_org_units_filter (offices, "office");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (offices)); i++)
    {
      g_autoptr(JhkRow) office = g_list_model_get_item (G_LIST_MODEL (offices), i);
      const char *valid_to = jhk_row_get_by_name (office, "valid_to");
      gint64 id = jhk_row_get_id (office);
      g_autofree char *label = NULL;

      if (id == own_office || (valid_to != NULL && *valid_to != '\0' &&
                               strcmp (valid_to, today) < 0))
        continue;
      label = g_strdup_printf ("%s %s", jhk_row_get_by_name (office, "code"),
                               jhk_row_get_by_name (office, "name"));
      g_array_append_val (d->offices, id);
      gtk_string_list_append (labels, label);
    }
}

/* The 総括責任者 in office today, each once. */
static void
fill_approvers (SendData      *d,
                JhkLedgerPage *page,
                GtkStringList *labels)
{
  g_autoptr(JhkQueryModel) holders = jhk_lists_roles (DB (page));

  jhk_lists_roles_filter_role (holders, JHK_ROLE_SUPERVISOR);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (holders)); i++)
    {
      g_autoptr(JhkRow) holder = g_list_model_get_item (G_LIST_MODEL (holders), i);
      gint64 id = g_ascii_strtoll (jhk_row_get_by_name (holder, "staff_id"), NULL, 10);
      g_autofree char *label = NULL;
      gboolean seen = FALSE;

      for (guint j = 0; j < d->approvers->len; j++)
        seen |= g_array_index (d->approvers, gint64, j) == id;
      if (seen)
        continue;
      label = g_strdup_printf ("%s %s", jhk_row_get_by_name (holder, "staff_no"),
                               jhk_row_get_by_name (holder, "staff_name"));
      g_array_append_val (d->approvers, id);
      gtk_string_list_append (labels, label);
    }
}

static void
send_clicked_cb (GtkButton     *button,
                 JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) officers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) offices = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) terminals = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) approvers = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  g_autofree char *quantity = NULL;
  JhkFormDialog *dialog;
  SendData *d;

  if (m == NULL)
    return;
  d = g_new0 (SendData, 1);
  d->page = g_object_ref (page);
  d->material_id = m->id;
  d->material_name = g_strdup (m->name);
  d->officers = g_array_new (FALSE, FALSE, sizeof (gint64));
  d->offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  d->approvers = g_array_new (FALSE, FALSE, sizeof (gint64));
  d->channels = g_ptr_array_new ();
  d->terminals = g_ptr_array_new ();
  d->register_ = jhk_delivery_list_register (DB (page), SESSION (page), m->office_id, NULL, FALSE,
                                             &error);
  if (d->register_ == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (page), error);
      send_data_free (d);
      return;
    }
  for (guint i = 0; i < d->register_->len; i++)
    {
      JhkDeliveryEntry *e = g_ptr_array_index (d->register_, i);

      /* The designated 交付等担当者 of the material's business. */
      if (g_str_equal (e->kind, "officer") && g_strcmp0 (e->business_code, m->business_code) == 0)
        {
          g_autofree char *label = g_strdup_printf ("%s %s", e->staff_no, e->staff_name);

          g_array_append_val (d->officers, e->staff_id);
          gtk_string_list_append (officers, label);
        }
      else if (g_str_equal (e->kind, "terminal"))
        {
          g_autofree char *label = e->tested_on != NULL
                                     ? g_strdup_printf (_("%s (tested %s)"), e->name, e->tested_on)
                                     : g_strdup_printf (_("%s (not tested)"), e->name);

          g_ptr_array_add (d->terminals, e);
          gtk_string_list_append (terminals, label);
        }
    }
  for (const char *const *k = jhk_delivery_methods (); *k != NULL; k++)
    gtk_string_list_append (methods, jhk_delivery_method_label (*k));
  for (guint i = 0; fax_reasons[i] != NULL; i++)
    gtk_string_list_append (reasons, fax_reason_label (fax_reasons[i]));
  fill_offices (d, page, m->office_id, offices);
  fill_approvers (d, page, approvers);

  dialog = jhk_form_dialog_new (_("Send Material"), _("_Send"),
                                "/org/example/Jhk/ui/jhk-transfer-form.ui");
  g_set_weak_pointer (&d->dialog, dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  jhk_form_dialog_set_subtitle (dialog, m->name);
  g_object_set_data (G_OBJECT (dialog), "jhk-send-data", d);
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "method_row")), G_LIST_MODEL (methods));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "officer_row")), G_LIST_MODEL (officers));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "office_row")), G_LIST_MODEL (offices));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "terminal_row")), G_LIST_MODEL (terminals));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "fax_reason_row")), G_LIST_MODEL (reasons));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "approver_row")), G_LIST_MODEL (approvers));
  /* Another office first, when there is one. */
  if (d->offices->len > 1)
    adw_combo_row_set_selected (ADW_COMBO_ROW (OBJ (dialog, "office_row")), 1);
  office_changed_cb (ADW_COMBO_ROW (OBJ (dialog, "office_row")), NULL, dialog);
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "date_row")), today);
  quantity = g_strdup_printf ("%lld", (long long) MAX (m->quantity_on_hand, 1));
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "quantity_row")), quantity);
  if (m->purpose != NULL)
    gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "purpose_row")), m->purpose);
  g_signal_connect_object (OBJ (dialog, "method_row"), "notify::selected",
                           G_CALLBACK (method_changed_cb), dialog, 0);
  g_signal_connect_object (OBJ (dialog, "office_row"), "notify::selected",
                           G_CALLBACK (office_changed_cb), dialog, 0);
  g_signal_connect_object (OBJ (dialog, "file_button"), "clicked",
                           G_CALLBACK (file_clicked_cb), dialog, 0);
  g_signal_connect_object (OBJ (dialog, "out_button"), "clicked",
                           G_CALLBACK (out_clicked_cb), dialog, 0);
  g_signal_connect (dialog, "close-request", G_CALLBACK (close_request_cb), NULL);
  jhk_form_dialog_set_apply_func (dialog, send_apply, d, send_data_free);
  jhk_form_dialog_set_check_func (dialog, send_check);
  method_changed_cb (ADW_COMBO_ROW (OBJ (dialog, "method_row")), NULL, dialog);
  jhk_present_dialog (GTK_WIDGET (page), GTK_WINDOW (dialog));
}

/* The material's transfers. */

static void
show_transfers (JhkLedgerPage           *page,
                const JhkLedgerMaterial *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_delivery_list_transfers (DB (page), SESSION (page), m->office_id,
                                                           JHK_TRANSFER_LIST_ALL, &error);
  AdwPreferencesGroup *group = NULL;

  if (list == NULL)
    {
      g_warning ("The material's transfers: %s", error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkTransferRecord *r = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) waits = g_ptr_array_new ();
      g_autofree char *title = NULL;
      g_autofree char *to = NULL;
      g_autofree char *state = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (r->material_id != m->id)
        continue;
      if (group == NULL)
        group = jhk_ledger_page_add_group (page, _("Transfers"));
      title = g_strdup_printf (_("%s · %s · %lld"), r->sent_on, jhk_delivery_method_label (r->method),
                               (long long) r->quantity);
      if (r->to_office_name != NULL)
        to = jhk_is_blank (r->recipient) ? g_strdup (r->to_office_name)
                                         : g_strdup_printf ("%s %s", r->to_office_name,
                                                            r->recipient);
      else
        to = g_strdup (r->recipient);
      if (r->waits_confirmation)
        g_ptr_array_add (waits, (gpointer) _("confirmation"));
      if (r->waits_deletion)
        g_ptr_array_add (waits, (gpointer) _("deletion of the file"));
      if (r->waits_receipt)
        g_ptr_array_add (waits, (gpointer) _("receipt"));
      g_ptr_array_add (waits, NULL);
      if (waits->len > 1)
        {
          g_autofree char *joined = g_strjoinv (_(", "), (char **) waits->pdata);

          state = g_strdup_printf (_("waiting for %s"), joined);
        }
      else
        state = g_strdup (_("done"));
      subtitle = g_strdup_printf (_("To %s · by %s · %s"), to, r->officer_name != NULL
                                                                 ? r->officer_name : "",
                                  state);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (group, row);
    }
}

void
jhk_ledger_transfer_show (JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);

  g_return_if_fail (JHK_IS_LEDGER_PAGE (page));

  if (m == NULL || g_strcmp0 (m->status, "purged") == 0)
    return;
  /* Only personal-data or especially important output is sent here; the
   * other hand-overs are a step of the material. */
  if (g_strcmp0 (m->direction, "output") == 0 && (m->personal_data || m->designated))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Sen_d…"));

      g_signal_connect_object (button, "clicked", G_CALLBACK (send_clicked_cb), page, 0);
      jhk_ledger_page_add_action (page, button, jhk_delivery_send_refusal (DB (page),
                                                                          SESSION (page), m));
    }
  show_transfers (page, m);
}
