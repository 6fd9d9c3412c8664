/* jhk-transfers-page.c: the 交付等 workspace: the office's transfers sent
 * and received, with 確認 (R17-9), 削除確認 (R17-5(1)エ, (2)) and 受入
 * (R17-8), and the transfer registers (R17-5). What the rules forbid is
 * insensitive with the reason as tooltip (jhk-delivery-actions.h). */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-delivery-actions.h"
#include "jhk-form-dialog.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-query-model.h"
#include "jhk-settings.h"
#include "jhk-transfers-page.h"

struct _JhkTransfersPage
{
  JhkPage             parent_instance;

  GtkStack           *view_stack;
  GtkDropDown        *filter_dropdown;
  GtkStack           *transfers_stack;
  GtkColumnView      *transfers_view;
  AdwStatusPage      *transfers_empty;
  GtkWidget          *confirm_button;
  GtkWidget          *deleted_button;
  GtkWidget          *receive_button;
  GtkDropDown        *kind_dropdown;
  GtkColumnView      *register_view;
  GtkWidget          *add_officer_button;
  GtkWidget          *add_channel_button;
  GtkWidget          *test_button;
  GtkWidget          *retire_button;

  GPtrArray          *transfers;   /* JhkTransferRecord, as listed */
  GListStore         *transfer_rows;
  GtkSingleSelection *transfer_selection;
  GPtrArray          *entries;     /* JhkDeliveryEntry, as listed */
  GListStore         *entry_rows;
  GtkSingleSelection *entry_selection;
  GArray             *offices;     /* gint64: the registers the session keeps */
};

G_DEFINE_FINAL_TYPE (JhkTransfersPage, jhk_transfers_page, JHK_TYPE_PAGE)

/* The filter drop-down, in its order. */
enum
{
  FILTER_ALL,
  FILTER_MINE,
  FILTER_CONFIRM,
  FILTER_DELETED,
  FILTER_RECEIVE,
};

/* The kind drop-down, in its order (NULL: all). */
static const char *const register_kinds[] = { NULL, "officer", "terminal", "folder", "email",
                                              "fax" };
/* The channel kinds of the add dialog, in its order. */
static const char *const channel_kinds[] = { "terminal", "folder", "email", "fax" };

static const char *
register_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "officer") == 0)
    return _("Transfer officer");
  if (g_strcmp0 (kind, "terminal") == 0)
    return _("Terminal");
  if (g_strcmp0 (kind, "folder") == 0)
    return _("Shared folder");
  if (g_strcmp0 (kind, "email") == 0)
    return _("E-mail address");
  if (g_strcmp0 (kind, "fax") == 0)
    return _("Fax number");
  return kind;
}

static char *
or_dash (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? text : "—");
}

/* The column names of the rows this page makes: a reference-counted
 * GStrv as jhk_row_new() shares it; the page keeps one reference for good. */
static GStrv
columns_new (const char *const *names)
{
  guint n = g_strv_length ((char **) names);
  char **columns = g_atomic_rc_box_alloc0 (sizeof (char *) * (n + 1));

  for (guint i = 0; i < n; i++)
    columns[i] = g_strdup (names[i]);
  return columns;
}

/* ---- transfers ---- */

static char *
transfer_state_text (const JhkTransferRecord *r)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (r->waits_confirmation)
    g_ptr_array_add (parts, (gpointer) _("To confirm"));
  if (r->waits_deletion)
    g_ptr_array_add (parts, (gpointer) _("File to delete"));
  if (r->waits_receipt)
    g_ptr_array_add (parts, (gpointer) _("To receive"));
  if (parts->len == 0)
    return g_strdup (_("Done"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static JhkRow *
transfer_row_new (const JhkTransferRecord *r)
{
  static GStrv columns;
  g_autofree char *to = NULL;
  g_autofree char *officer = NULL;
  g_autofree char *state = transfer_state_text (r);

  if (columns == NULL)
    {
      const char *names[] = { "sent_on", "material", "method", "from", "to", "officer", "state",
                              NULL };
      columns = columns_new (names);
    }
  if (r->to_office_name != NULL && r->recipient != NULL && *r->recipient != '\0')
    to = g_strdup_printf ("%s (%s)", r->to_office_name, r->recipient);
  else
    to = or_dash (r->to_office_name != NULL ? r->to_office_name : r->recipient);
  officer = g_strdup_printf ("%s %s", r->officer_staff_no, r->officer_name);
  {
    const char *values[] = { r->sent_on, r->material_name, jhk_delivery_method_label (r->method),
                             r->from_office_name, to, officer, state };

    return jhk_row_new (r->id, columns, values);
  }
}

static const JhkTransferRecord *
selected_transfer (JhkTransfersPage *self)
{
  guint position = gtk_single_selection_get_selected (self->transfer_selection);

  if (self->transfers == NULL || position >= self->transfers->len)
    return NULL;
  return g_ptr_array_index (self->transfers, position);
}

/* An action's button: enabled, or insensitive with the reason why not. */
static void
set_action (JhkTransfersPage *self,
            GtkWidget        *button,
            const char       *action,
            const char       *why_not,
            const char       *what)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, why_not == NULL);
  gtk_widget_set_tooltip_text (button, why_not != NULL ? why_not : what);
}

static void
update_transfer_actions (JhkTransfersPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  const JhkTransferRecord *r = selected_transfer (self);
  const char *none = _("Select a transfer first.");

  set_action (self, self->confirm_button, "transfers.confirm",
              r != NULL ? jhk_delivery_confirm_refusal (db, session, r) : none,
              _("Confirm the selected transfer as the office's operations manager"));
  set_action (self, self->deleted_button, "transfers.deleted",
              r != NULL ? jhk_delivery_deleted_refusal (db, session, r) : none,
              _("Confirm that the sent file is deleted from the shared folder or mail server"));
  set_action (self, self->receive_button, "transfers.receive",
              r != NULL ? jhk_delivery_receive_refusal (db, session, r) : none,
              _("Receive the selected transfer into your office's ledger"));
}

static gboolean
waits_for_me (JhkTransfersPage        *self,
              const JhkTransferRecord *r,
              guint                    filter)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean confirm = r->waits_confirmation && jhk_delivery_confirm_refusal (db, session, r) == NULL;
  gboolean deleted = r->waits_deletion && jhk_delivery_deleted_refusal (db, session, r) == NULL;
  gboolean receive = r->waits_receipt && jhk_delivery_receive_refusal (db, session, r) == NULL;

  switch (filter)
    {
    case FILTER_MINE:
      return confirm || deleted || receive;
    case FILTER_CONFIRM:
      return confirm;
    case FILTER_DELETED:
      return deleted;
    case FILTER_RECEIVE:
      return receive;
    case FILTER_ALL:
    default:
      return TRUE;
    }
}

static void
reload_transfers (JhkTransfersPage *self,
                  gint64            select_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint filter = gtk_drop_down_get_selected (self->filter_dropdown);
  guint select = GTK_INVALID_LIST_POSITION;

  all = jhk_delivery_list_transfers (jhk_page_get_db (JHK_PAGE (self)),
                                     jhk_page_get_session (JHK_PAGE (self)), 0,
                                     JHK_TRANSFER_LIST_ALL, &error);
  g_clear_pointer (&self->transfers, g_ptr_array_unref);
  self->transfers = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_transfer_record_free);
  if (all == NULL)
    jhk_widget_show_error (GTK_WIDGET (self), error);
  for (guint i = 0; all != NULL && i < all->len; i++)
    if (waits_for_me (self, g_ptr_array_index (all, i), filter))
      g_ptr_array_add (self->transfers, g_ptr_array_steal_index (all, i--));

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < self->transfers->len; i++)
      {
        JhkTransferRecord *r = g_ptr_array_index (self->transfers, i);

        g_ptr_array_add (rows, transfer_row_new (r));
        if (r->id == select_id)
          select = i;
      }
    g_list_store_splice (self->transfer_rows, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->transfer_rows)),
                         rows->pdata, rows->len);
  }
  gtk_single_selection_set_selected (self->transfer_selection, select);
  adw_status_page_set_description (self->transfers_empty,
                                   filter == FILTER_ALL
                                     ? _("Your office has sent or received no personal-data material.")
                                     : _("Nothing of this kind waits for you."));
  gtk_stack_set_visible_child_name (self->transfers_stack,
                                    self->transfers->len == 0 ? "empty" : "list");
  update_transfer_actions (self);
}

static void
filter_changed_cb (JhkTransfersPage *self)
{
  if (self->transfer_rows != NULL)
    reload_transfers (self, 0);
}

static void
transfer_written (JhkTransfersPage *self,
                  gint64            id,
                  const char       *message)
{
  reload_transfers (self, id);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

/* R17-9: 確認, with a confirmation. */

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JhkTransfersPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "transfer"));

  if (g_strcmp0 (response, "confirm") != 0)
    return;
  if (!jhk_delivery_confirm (jhk_page_get_db (JHK_PAGE (self)),
                             jhk_page_get_session (JHK_PAGE (self)), id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      reload_transfers (self, id);
      return;
    }
  transfer_written (self, id, _("The transfer was confirmed."));
}

static void
confirm_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const JhkTransferRecord *r = selected_transfer (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (r == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Confirm Transfer?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s: %s by %s on %s. The confirmation is recorded in your "
                                    "name and cannot be undone."),
                                  r->material_name, jhk_delivery_method_label (r->method),
                                  r->officer_name, r->sent_on);
  g_object_set_data (G_OBJECT (dialog), "transfer", GSIZE_TO_POINTER (r->id));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", _("_Confirm"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "confirm");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

typedef struct
{
  JhkTransfersPage *page;
  gint64            transfer_id;
  gint64            office_id;
  char             *sent_on;
  JhkQueryModel    *staff;
  JhkQueryModel    *places;
  GPtrArray        *officers;   /* JhkDeliveryEntry of the office, for a folder */
  GPtrArray        *checks;     /* their GtkCheckButton, in the same order */
  gint64            entry_id;
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *d = data;

  g_clear_object (&d->page);
  g_free (d->sent_on);
  g_clear_object (&d->staff);
  g_clear_object (&d->places);
  g_clear_pointer (&d->officers, g_ptr_array_unref);
  g_clear_pointer (&d->checks, g_ptr_array_unref);
  g_free (d);
}

static DialogData *
dialog_data_new (JhkTransfersPage *self)
{
  DialogData *d = g_new0 (DialogData, 1);

  d->page = g_object_ref (self);
  return d;
}

/* As the user types: a date, not in the future, not before not_before. */
static gboolean
check_date (const char  *date,
            const char  *not_before,
            gboolean     optional,
            GError     **error)
{
  g_autofree char *today = jhk_today ();
  gint64 us;

  if (optional && (date == NULL || *date == '\0'))
    return TRUE;
  if (date == NULL || strlen (date) != 10 || !jhk_parse_date (date, &us))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the date as YYYY-MM-DD."));
      return FALSE;
    }
  if (strcmp (date, today) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date cannot be in the future."));
      return FALSE;
    }
  if (not_before != NULL && strcmp (date, not_before) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The date cannot be before the transfer."));
      return FALSE;
    }
  return TRUE;
}

/* R17-5(1)エ, (2): 削除確認. */

static gboolean
deleted_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "deleted_on_row"));

  return check_date (date, d->sent_on, FALSE, error);
}

static gboolean
deleted_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "deleted_on_row"));

  if (!jhk_delivery_confirm_deleted (jhk_page_get_db (JHK_PAGE (d->page)),
                                     jhk_page_get_session (JHK_PAGE (d->page)), d->transfer_id,
                                     date, error))
    return FALSE;
  transfer_written (d->page, d->transfer_id, _("The deletion of the sent file was confirmed."));
  return TRUE;
}

static char *
transfer_subtitle (const JhkTransferRecord *r)
{
  return g_strdup_printf ("%s — %s, %s", r->material_name, jhk_delivery_method_label (r->method),
                          r->sent_on);
}

static void
deleted_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const JhkTransferRecord *r = selected_transfer (self);
  g_autofree char *today = jhk_today ();
  g_autofree char *subtitle = NULL;
  JhkFormDialog *dialog;
  DialogData *d;

  if (r == NULL)
    return;
  d = dialog_data_new (self);
  d->transfer_id = r->id;
  d->sent_on = g_strdup (r->sent_on);
  dialog = jhk_form_dialog_new (_("Confirm Deletion of Sent File"), _("_Confirm Deletion"),
                                "/org/example/Jhk/ui/jhk-transfer-deleted-form.ui");
  subtitle = transfer_subtitle (r);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "deleted_on_row")),
                         today);
  jhk_form_dialog_set_apply_func (dialog, deleted_apply, d, dialog_data_free);
  jhk_form_dialog_set_check_func (dialog, deleted_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R17-8: 受入. */

static char *
staff_label (JhkRow *row)
{
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "staff_no"),
                          jhk_row_get_by_name (row, "name"));
}

static char *
place_label (JhkRow *row)
{
  if (jhk_row_int64 (row, "locked") != 0)
    return g_strdup_printf (_("%s (locked)"), jhk_row_get_by_name (row, "name"));
  return g_strdup (jhk_row_get_by_name (row, "name"));
}

static gboolean
receive_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "received_on_row"));
  JhkRow *place = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "place_row")));

  if (!check_date (date, d->sent_on, FALSE, error))
    return FALSE;
  if (adw_combo_row_get_selected_item (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                  "handler_row")))
      == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The handler must be a member of the receiving office's staff."));
      return FALSE;
    }
  if (place == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The storage place must be a current one of the receiving office."));
      return FALSE;
    }
  if (jhk_row_int64 (place, "locked") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Personal-data and especially important materials are stored only "
                             "in a locked place."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
receive_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "received_on_row"));
  JhkRow *handler = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "handler_row")));
  JhkRow *place = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "place_row")));

  if (jhk_delivery_receive (jhk_page_get_db (JHK_PAGE (d->page)),
                            jhk_page_get_session (JHK_PAGE (d->page)), d->transfer_id, date,
                            handler != NULL ? jhk_row_get_id (handler) : 0,
                            place != NULL ? jhk_row_get_id (place) : 0, error) == 0)
    return FALSE;
  transfer_written (d->page, d->transfer_id,
                    _("The material was received into your office's ledger."));
  return TRUE;
}

static void
receive_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const JhkTransferRecord *r = selected_transfer (self);
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  g_autofree char *today = jhk_today ();
  g_autofree char *subtitle = NULL;
  JhkFormDialog *dialog;
  AdwComboRow *combo;
  DialogData *d;

  if (r == NULL)
    return;
  d = dialog_data_new (self);
  d->transfer_id = r->id;
  d->office_id = r->to_office_id;
  d->sent_on = g_strdup (r->sent_on);
  dialog = jhk_form_dialog_new (_("Receive Transfer"), _("_Receive"),
                                "/org/example/Jhk/ui/jhk-transfer-receive-form.ui");
  subtitle = g_strdup_printf (_("%s from %s"), r->material_name, r->from_office_name);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "received_on_row")),
                         today);

  d->staff = jhk_lists_staff (db);
  jhk_lists_staff_filter (d->staff, NULL, r->to_office_id);
  combo = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "handler_row"));
  adw_combo_row_set_expression (combo, jhk_row_expression_new (staff_label));
  adw_combo_row_set_model (combo, G_LIST_MODEL (d->staff));
  {
    guint mine = jhk_query_model_find (d->staff,
                                       jhk_session_get_staff_id (jhk_page_get_session (
                                         JHK_PAGE (self))));
    if (mine != G_MAXUINT)
      adw_combo_row_set_selected (combo, mine);
  }

  d->places = jhk_lists_storage_places (db, r->to_office_id);
  combo = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "place_row"));
  adw_combo_row_set_expression (combo, jhk_row_expression_new (place_label));
  adw_combo_row_set_model (combo, G_LIST_MODEL (d->places));
  /* The first locked place: personal data is kept under lock (R15-5). */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (d->places)); i++)
    {
      g_autoptr(JhkRow) place = g_list_model_get_item (G_LIST_MODEL (d->places), i);

      if (jhk_row_int64 (place, "locked") != 0)
        {
          adw_combo_row_set_selected (combo, i);
          break;
        }
    }
  jhk_form_dialog_set_apply_func (dialog, receive_apply, d, dialog_data_free);
  jhk_form_dialog_set_check_func (dialog, receive_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* ---- registers ---- */

static char *
entry_officers_text (JhkTransfersPage       *self,
                     const JhkDeliveryEntry *e)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; e->officers != NULL && i < e->officers->len; i++)
    {
      gint64 staff = g_array_index (e->officers, gint64, i);
      g_autofree char *name = NULL;

      jhk_db_query_text (jhk_page_get_db (JHK_PAGE (self)), &name, NULL,
                         "SELECT staff_no || ' ' || name FROM staff WHERE id = ?",
                         JHK_I (staff), JHK_DB_END);
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, name != NULL ? name : "?");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JhkRow *
entry_row_new (JhkTransfersPage       *self,
               const JhkDeliveryEntry *e)
{
  static GStrv columns;
  gboolean officer = g_strcmp0 (e->kind, "officer") == 0;
  g_autofree char *business = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tested = NULL;
  g_autofree char *allowed = entry_officers_text (self, e);

  if (columns == NULL)
    {
      const char *names[] = { "office", "kind", "business", "name", "address", "tested_on",
                              "officers", "valid_from", NULL };
      columns = columns_new (names);
    }
  if (e->business_code != NULL)
    business = g_strdup_printf ("%s %s", e->business_code, e->business_name);
  name = officer ? g_strdup_printf ("%s %s", e->staff_no, e->staff_name) : g_strdup (e->name);
  tested = officer ? g_strdup ("") : e->tested_on != NULL ? g_strdup (e->tested_on)
                                                          : g_strdup (_("Not tested"));
  {
    const char *values[] = { e->office_name, register_kind_label (e->kind), business, name,
                             e->address, tested, allowed, e->valid_from };

    return jhk_row_new (e->id, columns, values);
  }
}

static const JhkDeliveryEntry *
selected_entry (JhkTransfersPage *self)
{
  guint position = gtk_single_selection_get_selected (self->entry_selection);

  if (self->entries == NULL || position >= self->entries->len)
    return NULL;
  return g_ptr_array_index (self->entries, position);
}

static void
update_register_actions (JhkTransfersPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  const JhkDeliveryEntry *e = selected_entry (self);
  const char *add_why = self->offices->len > 0
                          ? NULL
                          : jhk_delivery_register_refusal (db, session, 0);
  const char *entry_why = e != NULL ? jhk_delivery_register_refusal (db, session, e->office_id)
                                    : _("Select a register entry first.");

  set_action (self, self->add_officer_button, "registers.add-officer", add_why,
              _("Designate a transfer officer of a business"));
  set_action (self, self->add_channel_button, "registers.add-channel", add_why,
              _("Register a terminal, shared folder, e-mail address or fax number"));
  set_action (self, self->retire_button, "registers.retire", entry_why,
              _("Retire the selected register entry"));
  if (entry_why == NULL && g_strcmp0 (e->kind, "officer") == 0)
    entry_why = _("A transfer officer has no test transmission.");
  set_action (self, self->test_button, "registers.record-test", entry_why,
              _("Record the date of the selected channel's test transmission"));
}

/* Officers and channels are numbered apart: an entry is its kind and id. */
static gboolean
is_entry (const JhkDeliveryEntry *e,
          const char             *kind,
          gint64                  id)
{
  gboolean officer = g_strcmp0 (e->kind, "officer") == 0;

  return e->id == id && officer == (g_strcmp0 (kind, "officer") == 0);
}

static void
reload_registers (JhkTransfersPage *self,
                  const char       *select_kind,
                  gint64            select_id)
{
  g_autoptr(GError) error = NULL;
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint select = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = jhk_delivery_list_register (jhk_page_get_db (JHK_PAGE (self)),
                                              jhk_page_get_session (JHK_PAGE (self)), 0,
                                              kind < G_N_ELEMENTS (register_kinds)
                                                ? register_kinds[kind]
                                                : NULL,
                                              FALSE, &error);
  if (self->entries == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      self->entries = g_ptr_array_new ();
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      JhkDeliveryEntry *e = g_ptr_array_index (self->entries, i);

      g_ptr_array_add (rows, entry_row_new (self, e));
      if (select_id != 0 && is_entry (e, select_kind, select_id))
        select = i;
    }
  g_list_store_splice (self->entry_rows, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->entry_rows)), rows->pdata,
                       rows->len);
  gtk_single_selection_set_selected (self->entry_selection, select);
  update_register_actions (self);
}

static void
kind_changed_cb (JhkTransfersPage *self)
{
  if (self->entry_rows != NULL)
    reload_registers (self, NULL, 0);
}

static void
register_written (JhkTransfersPage *self,
                  const char       *kind,
                  gint64            id,
                  const char       *message)
{
  reload_registers (self, kind, id);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

/* The offices whose registers the session keeps, for a combo row. */
static void
set_office_choices (JhkTransfersPage *self,
                    AdwComboRow      *combo)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->offices->len; i++)
    {
      g_autofree char *name = NULL;

      jhk_db_query_text (jhk_page_get_db (JHK_PAGE (self)), &name, NULL,
                         "SELECT code || ' ' || name FROM org_units WHERE id = ?",
                         JHK_I (g_array_index (self->offices, gint64, i)), JHK_DB_END);
      gtk_string_list_append (labels, name != NULL ? name : "?");
    }
  adw_combo_row_set_model (combo, G_LIST_MODEL (labels));
}

static gint64
chosen_office (JhkTransfersPage *self,
               JhkFormDialog    *dialog)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                 "office_row")));

  return i < self->offices->len ? g_array_index (self->offices, gint64, i) : 0;
}

static void
set_business_choices (JhkTransfersPage *self,
                      AdwComboRow      *combo)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  g_autoptr(JhkQueryModel) businesses = jhk_lists_businesses (db);
  g_autoptr(GListStore) usable = g_list_store_new (JHK_TYPE_ROW);

  /* Officers and folders are for businesses that may be used now. */
  jhk_lists_businesses_filter (businesses, NULL, "");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (businesses)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);

      if (jhk_org_business_is_usable (db, jhk_row_get_id (row)))
        g_list_store_append (usable, row);
    }
  adw_combo_row_set_expression (combo, jhk_row_expression_new (jhk_business_row_label));
  adw_combo_row_set_model (combo, G_LIST_MODEL (usable));
}

/* Add a 交付等担当者. */

static void
officer_office_changed_cb (AdwComboRow   *office_row,
                           GParamSpec    *pspec,
                           JhkFormDialog *dialog)
{
  DialogData *d = g_object_get_data (G_OBJECT (dialog), "data");
  AdwComboRow *combo = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "staff_row"));

  g_clear_object (&d->staff);
  d->staff = jhk_lists_staff (jhk_page_get_db (JHK_PAGE (d->page)));
  jhk_lists_staff_filter (d->staff, NULL, chosen_office (d->page, dialog));
  adw_combo_row_set_expression (combo, jhk_row_expression_new (staff_label));
  adw_combo_row_set_model (combo, G_LIST_MODEL (d->staff));
}

static gboolean
officer_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  if (adw_combo_row_get_selected_item (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                  "business_row")))
      == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Officers are designated for an approved business."));
      return FALSE;
    }
  if (adw_combo_row_get_selected_item (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                  "staff_row")))
      == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The transfer officer must be a member of the office's staff."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
officer_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  JhkRow *business = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "business_row")));
  JhkRow *staff = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "staff_row")));
  gint64 id;

  id = jhk_delivery_add_officer (jhk_page_get_db (JHK_PAGE (d->page)),
                                 jhk_page_get_session (JHK_PAGE (d->page)),
                                 chosen_office (d->page, dialog),
                                 business != NULL ? jhk_row_get_id (business) : 0,
                                 staff != NULL ? jhk_row_get_id (staff) : 0, error);
  if (id == 0)
    return FALSE;
  register_written (d->page, "officer", id, _("The transfer officer was designated."));
  return TRUE;
}

static void
add_officer_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  JhkFormDialog *dialog;
  AdwComboRow *office_row;
  DialogData *d = dialog_data_new (self);

  dialog = jhk_form_dialog_new (_("Designate Transfer Officer"), _("_Designate"),
                                "/org/example/Jhk/ui/jhk-delivery-officer-form.ui");
  g_object_set_data (G_OBJECT (dialog), "data", d);
  office_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row"));
  set_office_choices (self, office_row);
  set_business_choices (self, ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                         "business_row")));
  g_signal_connect_object (office_row, "notify::selected",
                           G_CALLBACK (officer_office_changed_cb), dialog, 0);
  officer_office_changed_cb (office_row, NULL, dialog);
  jhk_form_dialog_set_apply_func (dialog, officer_apply, d, dialog_data_free);
  jhk_form_dialog_set_check_func (dialog, officer_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Add a terminal, shared folder, e-mail address or fax number. */

static const char *
chosen_kind (JhkFormDialog *dialog)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                 "kind_row")));

  return i < G_N_ELEMENTS (channel_kinds) ? channel_kinds[i] : NULL;
}

static void
channel_update_rows (JhkFormDialog *dialog)
{
  DialogData *d = g_object_get_data (G_OBJECT (dialog), "data");
  const char *kind = chosen_kind (dialog);
  gboolean folder = g_strcmp0 (kind, "folder") == 0;
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (jhk_form_dialog_get_object (dialog,
                                                                               "officers_group"));

  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "address_row")),
                          g_strcmp0 (kind, "terminal") != 0);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "business_row")),
                          folder);
  gtk_widget_set_visible (GTK_WIDGET (group), folder);

  /* The office's designated officers, each with a check button. */
  for (guint i = 0; d->checks != NULL && i < d->checks->len; i++)
    adw_preferences_group_remove (group,
                                  gtk_widget_get_ancestor (g_ptr_array_index (d->checks, i),
                                                           ADW_TYPE_ACTION_ROW));
  g_clear_pointer (&d->checks, g_ptr_array_unref);
  g_clear_pointer (&d->officers, g_ptr_array_unref);
  d->checks = g_ptr_array_new ();
  d->officers = jhk_delivery_list_register (jhk_page_get_db (JHK_PAGE (d->page)),
                                            jhk_page_get_session (JHK_PAGE (d->page)),
                                            chosen_office (d->page, dialog), "officer", FALSE,
                                            NULL);
  if (d->officers == NULL)
    d->officers = g_ptr_array_new ();
  adw_preferences_group_set_description (group, d->officers->len == 0
                                                  ? _("Designate the business's transfer "
                                                      "officers first.")
                                                  : NULL);
  for (guint i = 0; i < d->officers->len; i++)
    {
      JhkDeliveryEntry *e = g_ptr_array_index (d->officers, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf ("%s %s", e->staff_no, e->staff_name);
      g_autofree char *subtitle = g_strdup_printf ("%s %s", e->business_code, e->business_name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (d->checks, check);
    }
}

static gboolean
channel_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  const char *kind = chosen_kind (dialog);
  g_autofree char *name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "name_row"));
  g_autofree char *address =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "address_row"));
  g_autofree char *tested_on =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "tested_on_row"));

  if (*name == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the name of the register entry."));
      return FALSE;
    }
  if (g_strcmp0 (kind, "terminal") != 0 && *address == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the folder's path, the e-mail address or the fax number."));
      return FALSE;
    }
  if (g_strcmp0 (kind, "email") == 0 && (strchr (address, '@') == NULL ||
                                         address[0] == '@' ||
                                         g_str_has_suffix (address, "@")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter the e-mail address as name@domain."));
      return FALSE;
    }
  if (g_strcmp0 (kind, "fax") == 0)
    for (const char *p = address; *p != '\0'; p++)
      if (!g_ascii_isdigit (*p) && *p != '-')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Enter the fax number with digits and hyphens only."));
          return FALSE;
        }
  return check_date (tested_on, NULL, TRUE, error);
}

static gboolean
channel_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  DialogData *d = user_data;
  const char *kind = chosen_kind (dialog);
  gboolean folder = g_strcmp0 (kind, "folder") == 0;
  g_autofree char *name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "name_row"));
  g_autofree char *address =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "address_row"));
  g_autofree char *tested_on =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "tested_on_row"));
  JhkRow *business = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "business_row")));
  g_autoptr(GArray) officers = g_array_new (TRUE, TRUE, sizeof (gint64));
  gint64 id;

  for (guint i = 0; folder && i < d->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (d->checks, i)))
      {
        JhkDeliveryEntry *e = g_ptr_array_index (d->officers, i);

        g_array_append_val (officers, e->staff_id);
      }
  id = jhk_delivery_add_channel (jhk_page_get_db (JHK_PAGE (d->page)),
                                 jhk_page_get_session (JHK_PAGE (d->page)),
                                 &(JhkDeliveryChannelSpec) {
                                   .org_unit_id = chosen_office (d->page, dialog),
                                   .kind = kind,
                                   .business_id = folder && business != NULL
                                                    ? jhk_row_get_id (business) : 0,
                                   .name = name,
                                   .address = g_strcmp0 (kind, "terminal") == 0 ? "" : address,
                                   .tested_on = *tested_on != '\0' ? tested_on : NULL,
                                   .officers = folder ? (const gint64 *) officers->data : NULL },
                                 error);
  if (id == 0)
    return FALSE;
  register_written (d->page, kind, id, _("The register entry was added."));
  return TRUE;
}

static void
add_channel_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  JhkFormDialog *dialog;
  DialogData *d = dialog_data_new (self);
  const char *watched[] = { "office_row", "kind_row" };

  dialog = jhk_form_dialog_new (_("Add Register Entry"), _("_Add"),
                                "/org/example/Jhk/ui/jhk-delivery-channel-form.ui");
  g_object_set_data (G_OBJECT (dialog), "data", d);
  set_office_choices (self, ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row")));
  for (guint i = 0; i < G_N_ELEMENTS (channel_kinds); i++)
    gtk_string_list_append (kinds, register_kind_label (channel_kinds[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row")),
                           G_LIST_MODEL (kinds));
  set_business_choices (self, ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                         "business_row")));
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (jhk_form_dialog_get_object (dialog, watched[i]), "notify::selected",
                             G_CALLBACK (channel_update_rows), dialog, G_CONNECT_SWAPPED);
  jhk_form_dialog_set_apply_func (dialog, channel_apply, d, dialog_data_free);
  channel_update_rows (dialog);
  jhk_form_dialog_set_check_func (dialog, channel_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Record a test transmission. */

static gboolean
test_check (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "tested_on_row"));

  return check_date (date, NULL, FALSE, error);
}

static gboolean
test_apply (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  DialogData *d = user_data;
  g_autofree char *date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                            "tested_on_row"));

  if (!jhk_delivery_record_test (jhk_page_get_db (JHK_PAGE (d->page)),
                                 jhk_page_get_session (JHK_PAGE (d->page)), d->entry_id, date,
                                 error))
    return FALSE;
  register_written (d->page, "channel", d->entry_id, _("The test transmission was recorded."));
  return TRUE;
}

static void
record_test_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const JhkDeliveryEntry *e = selected_entry (self);
  g_autofree char *today = jhk_today ();
  g_autofree char *subtitle = NULL;
  JhkFormDialog *dialog;
  DialogData *d;

  if (e == NULL)
    return;
  d = dialog_data_new (self);
  d->entry_id = e->id;
  dialog = jhk_form_dialog_new (_("Record Test Transmission"), _("_Record"),
                                "/org/example/Jhk/ui/jhk-delivery-test-form.ui");
  subtitle = g_strdup_printf ("%s: %s", register_kind_label (e->kind), e->name);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "tested_on_row")),
                         today);
  jhk_form_dialog_set_apply_func (dialog, test_apply, d, dialog_data_free);
  jhk_form_dialog_set_check_func (dialog, test_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Retire an entry, with a confirmation. */

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JhkTransfersPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "entry"));
  gboolean officer = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "officer"));
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean ok;

  if (g_strcmp0 (response, "retire") != 0)
    return;
  ok = officer ? jhk_delivery_retire_officer (db, session, id, &error)
               : jhk_delivery_retire_channel (db, session, id, &error);
  if (!ok)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  register_written (self, NULL, 0, _("The register entry was retired."));
}

static void
retire_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const JhkDeliveryEntry *e = selected_entry (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean officer;
  AdwMessageDialog *dialog;

  if (e == NULL)
    return;
  officer = g_strcmp0 (e->kind, "officer") == 0;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Retire Register Entry?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s: %s. It can no longer be used for transfers from today; "
                                    "it stays on record with its end."),
                                  register_kind_label (e->kind),
                                  officer ? e->staff_name : e->name);
  g_object_set_data (G_OBJECT (dialog), "entry", GSIZE_TO_POINTER (e->id));
  g_object_set_data (G_OBJECT (dialog), "officer", GINT_TO_POINTER (officer));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* From the dashboard: the transfers an item of jhk_attention_transfers()
 * counted. */
static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  guint filter = FILTER_MINE;

  if (g_strcmp0 (key, "transfers.confirm") == 0)
    filter = FILTER_CONFIRM;
  else if (g_strcmp0 (key, "transfers.deleted") == 0)
    filter = FILTER_DELETED;
  else if (g_strcmp0 (key, "transfers.receive") == 0)
    filter = FILTER_RECEIVE;
  gtk_stack_set_visible_child_name (self->view_stack, "transfers");
  if (gtk_drop_down_get_selected (self->filter_dropdown) != filter)
    gtk_drop_down_set_selected (self->filter_dropdown, filter);
  else
    reload_transfers (self, 0);
  if (self->transfers->len > 0)
    {
      gtk_single_selection_set_selected (self->transfer_selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->transfers_view));
    }
}

/* GObject. */

static void
jhk_transfers_page_constructed (GObject *object)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (object);
  static const JhkColumnEntry transfer_columns[] = {
    { N_("Date"), "sent_on", NULL, 90, FALSE },
    { N_("Material"), "material", NULL, 170, TRUE },
    { N_("Method"), "method", NULL, 110, FALSE },
    { N_("From"), "from", NULL, 100, FALSE },
    { N_("To"), "to", NULL, 140, FALSE },
    { N_("Officer"), "officer", NULL, 120, FALSE },
    { N_("State"), "state", NULL, 160, FALSE },
  };
  static const JhkColumnEntry register_columns[] = {
    { N_("Office"), "office", NULL, 100, FALSE },
    { N_("Kind"), "kind", NULL, 110, FALSE },
    { N_("Business"), "business", NULL, 140, FALSE },
    { N_("Name"), "name", NULL, 170, TRUE },
    { N_("Address"), "address", NULL, 160, FALSE },
    { N_("Tested On"), "tested_on", NULL, 95, FALSE },
    { N_("Allowed Officers"), "officers", NULL, 140, FALSE },
    { N_("Since"), "valid_from", NULL, 95, FALSE },
  };
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));

  G_OBJECT_CLASS (jhk_transfers_page_parent_class)->constructed (object);

  self->offices = jhk_delivery_register_offices (db, session);

  self->transfer_rows = g_list_store_new (JHK_TYPE_ROW);
  jhk_column_view_add_columns (self->transfers_view, transfer_columns,
                               G_N_ELEMENTS (transfer_columns));
  self->transfer_selection = gtk_single_selection_new (
    g_object_ref (G_LIST_MODEL (self->transfer_rows)));
  gtk_single_selection_set_autoselect (self->transfer_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->transfer_selection, TRUE);
  g_signal_connect_object (self->transfer_selection, "notify::selected",
                           G_CALLBACK (update_transfer_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->transfers_view,
                             GTK_SELECTION_MODEL (self->transfer_selection));

  self->entry_rows = g_list_store_new (JHK_TYPE_ROW);
  jhk_column_view_add_columns (self->register_view, register_columns,
                               G_N_ELEMENTS (register_columns));
  self->entry_selection = gtk_single_selection_new (
    g_object_ref (G_LIST_MODEL (self->entry_rows)));
  gtk_single_selection_set_autoselect (self->entry_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->entry_selection, TRUE);
  g_signal_connect_object (self->entry_selection, "notify::selected",
                           G_CALLBACK (update_register_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->register_view, GTK_SELECTION_MODEL (self->entry_selection));

  /* Only the 運用管理者 changes the registers (第17-5): the others read. */
  gtk_widget_set_visible (self->add_officer_button, self->offices->len > 0);
  gtk_widget_set_visible (self->add_channel_button, self->offices->len > 0);
  gtk_widget_set_visible (self->test_button, self->offices->len > 0);
  gtk_widget_set_visible (self->retire_button, self->offices->len > 0);

  reload_transfers (self, 0);
  reload_registers (self, NULL, 0);
}

static void
jhk_transfers_page_dispose (GObject *object)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_TRANSFERS_PAGE);
  g_clear_object (&self->transfer_selection);
  g_clear_object (&self->transfer_rows);
  g_clear_object (&self->entry_selection);
  g_clear_object (&self->entry_rows);
  g_clear_pointer (&self->transfers, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->offices, g_array_unref);

  G_OBJECT_CLASS (jhk_transfers_page_parent_class)->dispose (object);
}

static void
jhk_transfers_page_reload (JhkPage *page)
{
  JhkTransfersPage *self = JHK_TRANSFERS_PAGE (page);
  const JhkTransferRecord *r = selected_transfer (self);
  const JhkDeliveryEntry *e = selected_entry (self);
  g_autofree char *kind = e != NULL ? g_strdup (e->kind) : NULL;
  gint64 entry_id = e != NULL ? e->id : 0;

  reload_transfers (self, r != NULL ? r->id : 0);
  reload_registers (self, kind, entry_id);
}

static void
jhk_transfers_page_class_init (JhkTransfersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_transfers_page_reload;

  object_class->constructed = jhk_transfers_page_constructed;
  object_class->dispose = jhk_transfers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-transfers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, transfers_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, transfers_view);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, transfers_empty);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, deleted_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, receive_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, register_view);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, add_officer_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, add_channel_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTransfersPage, retire_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_install_action (widget_class, "transfers.confirm", NULL, confirm_activated);
  gtk_widget_class_install_action (widget_class, "transfers.deleted", NULL, deleted_activated);
  gtk_widget_class_install_action (widget_class, "transfers.receive", NULL, receive_activated);
  gtk_widget_class_install_action (widget_class, "registers.add-officer", NULL,
                                   add_officer_activated);
  gtk_widget_class_install_action (widget_class, "registers.add-channel", NULL,
                                   add_channel_activated);
  gtk_widget_class_install_action (widget_class, "registers.record-test", NULL,
                                   record_test_activated);
  gtk_widget_class_install_action (widget_class, "registers.retire", NULL, retire_activated);
  gtk_widget_class_install_action (widget_class, "page.attention", "s", attention_activated);
}

static void
jhk_transfers_page_init (JhkTransfersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_transfers_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_TRANSFERS_PAGE, db, session);
}
