/* jhk-inquirer-register-dialog.c: the register of 照会者 (R14-1).
 *
 * One row per registration: the member of staff, the 照会種別, from when
 * (and until when, in the history). Adding checks the staff number as the
 * user types and shows the name it belongs to; the 照会種別 is free text,
 * with the types known (jhk_inquiry_kinds) offered in a menu. Ending asks
 * first and ends today. Refusals are shown as the services word them. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-inquirer-register-dialog.h"
#include "jhk-inquiries.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-util.h"

struct _JhkInquirerRegisterDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toasts;
  GtkWidget       *add_button;
  GtkCheckButton  *history_check;
  GtkLabel        *error_label;
  GtkListBox      *list_box;

  JhkDb           *db;
  JhkSession      *session;
  gboolean         may_keep;
};

G_DEFINE_FINAL_TYPE (JhkInquirerRegisterDialog, jhk_inquirer_register_dialog, ADW_TYPE_WINDOW)

#define OBJ(dialog, id) jhk_form_dialog_get_object (JHK_FORM_DIALOG (dialog), id)

static void
show_toast (JhkInquirerRegisterDialog *self,
            const char                *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

/* The list. */

static GtkWidget *
scope_row_new (JhkInquirerScope *scope,
               gboolean          may_end)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s %s", scope->staff_no != NULL ? scope->staff_no : "",
                                            scope->staff_name != NULL ? scope->staff_name : "");
  g_autofree char *subtitle = NULL;

  if (scope->valid_to != NULL)
    subtitle = g_strdup_printf (_("%s · %s · from %s until %s"), scope->kind,
                                scope->office_name != NULL ? scope->office_name : "",
                                scope->valid_from, scope->valid_to);
  else
    subtitle = g_strdup_printf (_("%s · %s · from %s"), scope->kind,
                                scope->office_name != NULL ? scope->office_name : "",
                                scope->valid_from);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "scope-id", GSIZE_TO_POINTER ((gsize) scope->id));

  if (scope->valid_to == NULL && may_end)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_End…"));
      g_autofree char *tooltip = g_strdup_printf (_("End the registration of %s for %s"),
                                                  scope->staff_name, scope->kind);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "register.end");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) scope->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else if (scope->valid_to != NULL)
    {
      GtkWidget *label = gtk_label_new (_("Ended"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
reload (JhkInquirerRegisterDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  GtkListBoxRow *child;

  /* The rows, not the placeholder. */
  while ((child = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (child));

  scopes = jhk_inquirers_list (self->db, self->session, 0,
                               gtk_check_button_get_active (self->history_check), &error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), scopes == NULL);
  if (scopes == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->list_box), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), TRUE);
  for (guint i = 0; i < scopes->len; i++)
    gtk_list_box_append (self->list_box, scope_row_new (g_ptr_array_index (scopes, i),
                                                        self->may_keep));
}

static void
history_toggled_cb (JhkInquirerRegisterDialog *self)
{
  reload (self);
}

/* Adding. */

typedef struct
{
  JhkInquirerRegisterDialog *self;
  gint64                     staff_id;
} AddData;

static void
add_data_free (gpointer data)
{
  AddData *d = data;

  g_clear_object (&d->self);
  g_free (d);
}

/* The staff number typed: the name it belongs to, or why not. */
static gboolean
add_check (JhkFormDialog  *dialog,
           gpointer        user_data,
           GError        **error)
{
  AddData *d = user_data;
  g_autofree char *staff_no = jhk_editable_dup_text (OBJ (dialog, "staff_no_row"));
  g_autofree char *kind = jhk_editable_dup_text (OBJ (dialog, "kind_row"));
  g_autofree char *name = NULL;
  AdwActionRow *name_row = ADW_ACTION_ROW (OBJ (dialog, "name_row"));

  d->staff_id = *staff_no != '\0' ? jhk_org_find_staff (d->self->db, staff_no) : 0;
  if (d->staff_id != 0)
    jhk_db_query_text (d->self->db, &name, NULL, "SELECT name FROM staff WHERE id = ?",
                       JHK_I (d->staff_id), JHK_DB_END);
  adw_action_row_set_subtitle (name_row, name != NULL ? name : "");
  if (*staff_no == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the staff number."));
      return FALSE;
    }
  if (d->staff_id == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No member of staff has the number %s."), staff_no);
      return FALSE;
    }
  if (*kind == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the inquiry type."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_apply (JhkFormDialog  *dialog,
           gpointer        user_data,
           GError        **error)
{
  AddData *d = user_data;
  g_autofree char *kind = jhk_editable_dup_text (OBJ (dialog, "kind_row"));
  g_autofree char *valid_from = jhk_editable_dup_text (OBJ (dialog, "valid_from_row"));
  g_autofree char *message = NULL;
  const char *name;

  if (!add_check (dialog, user_data, error))
    return FALSE;
  if (jhk_inquirers_grant (d->self->db, d->self->session, d->staff_id, kind, valid_from,
                           error) == 0)
    return FALSE;
  name = adw_action_row_get_subtitle (ADW_ACTION_ROW (OBJ (dialog, "name_row")));
  message = g_strdup_printf (_("%s was registered for %s."), name, kind);
  reload (d->self);
  show_toast (d->self, message);
  return TRUE;
}

static void
kind_chosen_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JhkFormDialog *dialog = user_data;

  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "kind_row")),
                         g_variant_get_string (parameter, NULL));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JhkInquirerRegisterDialog *self = JHK_INQUIRER_REGISTER_DIALOG (widget);
  JhkFormDialog *dialog;
  AddData *d = g_new0 (AddData, 1);
  g_auto(GStrv) kinds = jhk_inquiry_kinds (self->db, NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) choose = g_simple_action_new ("choose", G_VARIANT_TYPE_STRING);
  g_autofree char *today = jhk_today ();
  GtkWidget *menu_button;

  dialog = jhk_form_dialog_new (_("Register an Inquirer"), _("_Register"),
                                "/org/example/Jhk/ui/jhk-inquirer-grant-form.ui");
  d->self = g_object_ref (self);

  /* The types known, as suggestions: the row stays free text. */
  g_signal_connect_object (choose, "activate", G_CALLBACK (kind_chosen_cb), dialog, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (choose));
  gtk_widget_insert_action_group (GTK_WIDGET (dialog), "kind", G_ACTION_GROUP (group));
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (kinds[i], NULL);

      g_menu_item_set_action_and_target_value (item, "kind.choose",
                                               g_variant_new_string (kinds[i]));
      g_menu_append_item (menu, item);
    }
  menu_button = GTK_WIDGET (OBJ (dialog, "kind_menu_button"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (menu_button, kinds != NULL && kinds[0] != NULL);

  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "valid_from_row")), today);
  jhk_form_dialog_set_apply_func (dialog, add_apply, d, add_data_free);
  jhk_form_dialog_set_check_func (dialog, add_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Ending. */

static void
end_response_cb (AdwMessageDialog          *dialog,
                 const char                *response,
                 JhkInquirerRegisterDialog *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "scope-id"));
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;

  if (g_strcmp0 (response, "end") != 0)
    return;
  today = jhk_today ();
  if (!jhk_inquirers_end (self->db, self->session, id, today, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  reload (self);
  show_toast (self, _("The registration was ended."));
}

static void
end_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JhkInquirerRegisterDialog *self = JHK_INQUIRER_REGISTER_DIALOG (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AdwMessageDialog *dialog;
  const char *title = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "scope-id")) == id)
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("End the Registration?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("From today %s may no longer make inquiries of this type "
                                    "without a flag. The registration stays on record."),
                                  title != NULL ? title : "");
  g_object_set_data (G_OBJECT (dialog), "scope-id", GSIZE_TO_POINTER ((gsize) id));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "end", _("_End"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (end_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject. */

static void
jhk_inquirer_register_dialog_dispose (GObject *object)
{
  JhkInquirerRegisterDialog *self = JHK_INQUIRER_REGISTER_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_INQUIRER_REGISTER_DIALOG);
  g_clear_object (&self->db);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (jhk_inquirer_register_dialog_parent_class)->dispose (object);
}

static void
jhk_inquirer_register_dialog_class_init (JhkInquirerRegisterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jhk_inquirer_register_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/Jhk/ui/jhk-inquirer-register-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkInquirerRegisterDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, JhkInquirerRegisterDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquirerRegisterDialog, history_check);
  gtk_widget_class_bind_template_child (widget_class, JhkInquirerRegisterDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquirerRegisterDialog, list_box);
  gtk_widget_class_bind_template_callback (widget_class, history_toggled_cb);

  gtk_widget_class_install_action (widget_class, "register.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "register.end", "x", end_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jhk_inquirer_register_dialog_init (JhkInquirerRegisterDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  placeholder = gtk_label_new (_("No one is registered. Add the officers who may make "
                                 "inquiries, each with the types they may make."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);
}

JhkInquirerRegisterDialog *
jhk_inquirer_register_dialog_new (JhkDb      *db,
                                  JhkSession *session)
{
  JhkInquirerRegisterDialog *self;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (JHK_IS_SESSION (session), NULL);

  self = g_object_new (JHK_TYPE_INQUIRER_REGISTER_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->session = g_object_ref (session);
  /* The 運用管理者 reads the register of the office; the keepers change it. */
  self->may_keep = jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ||
                   jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
                   jhk_session_has_role (session, JHK_ROLE_DEPT_HEAD);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.add", self->may_keep);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.end", self->may_keep);
  if (!self->may_keep)
    gtk_widget_set_tooltip_text (self->add_button,
                                 _("Only the general supervisor, a department head and the "
                                   "system administrator keep the register of inquirers."));
  reload (self);
  return self;
}

void
jhk_inquirer_register_dialog_present (GtkWidget  *parent,
                                      JhkDb      *db,
                                      JhkSession *session)
{
  JhkInquirerRegisterDialog *self = jhk_inquirer_register_dialog_new (db, session);

  jhk_present_dialog (parent, GTK_WINDOW (self));
}
