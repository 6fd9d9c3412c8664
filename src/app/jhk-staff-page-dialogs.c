/* jhk-staff-page-dialogs.c: the dialogs of the staff workspace: staff,
 * user IDs (R12-1), passwords and lockouts (R13-5), restrictions (R13-10)
 * and role assignments (R5-1). */
#include <glib/gi18n.h>

#include "jhk-accounts.h"
#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-staff-page-private.h"

/* Dialogs share the page and the person they were opened for. */

typedef struct
{
  JhkStaffPage  *page;
  gint64         staff_id;
  gint64         staff_org_ids[3];
  char          *staff_name;
  char          *login;
  JhkQueryModel *units;
  JhkQueryModel *businesses;
  GArray        *roles;
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *d = data;

  g_clear_object (&d->page);
  g_free (d->staff_name);
  g_free (d->login);
  g_clear_object (&d->units);
  g_clear_object (&d->businesses);
  g_clear_pointer (&d->roles, g_array_unref);
  g_free (d);
}

static DialogData *
dialog_data_new (JhkStaffPage *self)
{
  DialogData *d = g_new0 (DialogData, 1);

  d->page = g_object_ref (self);
  if (self->selected != NULL)
    {
      d->staff_id = jhk_row_get_id (self->selected);
      d->staff_name = g_strdup (jhk_row_get_by_name (self->selected, "name"));
      d->login = g_strdup (jhk_row_get_by_name (self->selected, "login"));
    }
  return d;
}

static void
staff_changed (JhkStaffPage *self,
               gint64        staff_id)
{
  jhk_query_model_row_changed (self->staff_model, staff_id);
}

static GObject *
form_object (JhkFormDialog *dialog,
             const char    *id)
{
  return jhk_form_dialog_get_object (dialog, id);
}

static gint64
combo_selected_id (AdwComboRow *row)
{
  JhkRow *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? jhk_row_get_id (item) : 0;
}

/* Add a staff member. */

static gboolean
add_staff_apply (JhkFormDialog  *dialog,
                 gpointer        user_data,
                 GError        **error)
{
  DialogData *d = user_data;
  JhkStaffPage *self = d->page;
  g_autofree char *staff_no = jhk_editable_dup_text (form_object (dialog, "staff_no_row"));
  g_autofree char *name = jhk_editable_dup_text (form_object (dialog, "name_row"));
  g_autofree char *kana = jhk_editable_dup_text (form_object (dialog, "kana_row"));
  g_autofree char *rank = jhk_editable_dup_text (form_object (dialog, "rank_row"));
  g_autofree char *title = jhk_editable_dup_text (form_object (dialog, "title_row"));
  g_autofree char *extension = jhk_editable_dup_text (form_object (dialog, "extension_row"));
  g_autofree char *message = NULL;
  gint64 id;

  id = jhk_org_add_staff (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)),
                          staff_no, name, kana, rank, title,
                          combo_selected_id (ADW_COMBO_ROW (form_object (dialog, "org_row"))),
                          extension, error);
  if (id == 0)
    return FALSE;
  jhk_staff_page_refresh (self);
  jhk_staff_page_select_staff (self, id);
  message = g_strdup_printf (_("%s was added."), name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
add_staff_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  JhkFormDialog *dialog;
  DialogData *d = dialog_data_new (self);
  AdwComboRow *org_row;
  guint position;

  dialog = jhk_form_dialog_new (_("Add Staff Member"), _("_Add"),
                                "/org/example/Jhk/ui/jhk-add-staff-form.ui");
  d->units = jhk_lists_org_units (jhk_page_get_db (JHK_PAGE (self)));
  org_row = ADW_COMBO_ROW (form_object (dialog, "org_row"));
  adw_combo_row_set_expression (org_row, jhk_row_expression_new (jhk_org_unit_row_label));
  adw_combo_row_set_model (org_row, G_LIST_MODEL (d->units));
  position = jhk_query_model_find (
    d->units, jhk_session_get_org_unit_id (jhk_page_get_session (JHK_PAGE (self))));
  if (position != G_MAXUINT)
    adw_combo_row_set_selected (org_row, position);
  jhk_form_dialog_set_apply_func (dialog, add_staff_apply, d, dialog_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R12-1: issue a user ID. */

static gboolean
supervisor_filter_cb (gpointer item,
                      gpointer user_data)
{
  return g_strcmp0 (jhk_row_get_by_name (item, "role"), "supervisor") == 0;
}

static char *
role_row_staff_label (JhkRow *row)
{
  return g_strdup_printf ("%s (%s)", jhk_row_get_by_name (row, "staff_name"),
                          jhk_row_get_by_name (row, "staff_no"));
}

static gboolean
issue_user_apply (JhkFormDialog  *dialog,
                  gpointer        user_data,
                  GError        **error)
{
  DialogData *d = user_data;
  JhkStaffPage *self = d->page;
  g_autofree char *login = jhk_editable_dup_text (form_object (dialog, "login_row"));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (form_object (dialog,
                                                                            "password_row")));
  g_autofree char *reason = jhk_editable_dup_text (form_object (dialog, "reason_row"));
  GtkWidget *approver_row = GTK_WIDGET (form_object (dialog, "approver_row"));
  g_autofree char *message = NULL;
  gint64 approver = 0;

  if (gtk_widget_get_visible (approver_row))
    {
      JhkRow *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (approver_row));

      if (item != NULL)
        approver = jhk_row_int64 (item, "staff_id");
    }
  if (jhk_accounts_issue (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)),
                          login, d->staff_id, password, reason, approver, error) == 0)
    return FALSE;
  staff_changed (self, d->staff_id);
  message = g_strdup_printf (_("The user ID “%s” was issued to %s."), login, d->staff_name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
issue_user_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  JhkFormDialog *dialog;
  DialogData *d = dialog_data_new (self);
  AdwComboRow *approver_row;

  dialog = jhk_form_dialog_new (_("Issue User ID"), _("_Issue"),
                                "/org/example/Jhk/ui/jhk-issue-user-form.ui");
  jhk_form_dialog_set_subtitle (dialog, d->staff_name);
  approver_row = ADW_COMBO_ROW (form_object (dialog, "approver_row"));

  /* R12-1: the システム管理者 names the 総括責任者 who approved the ID. */
  if (!jhk_staff_page_has_role (self, JHK_ROLE_SUPERVISOR))
    {
      JhkQueryModel *roles = jhk_lists_roles (jhk_page_get_db (JHK_PAGE (self)));
      GtkCustomFilter *filter = gtk_custom_filter_new (supervisor_filter_cb, NULL, NULL);
      GtkFilterListModel *supervisors =
        gtk_filter_list_model_new (G_LIST_MODEL (roles), GTK_FILTER (filter));

      adw_combo_row_set_expression (approver_row, jhk_row_expression_new (role_row_staff_label));
      adw_combo_row_set_model (approver_row, G_LIST_MODEL (supervisors));
      g_object_unref (supervisors);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (approver_row), FALSE);

  jhk_form_dialog_set_apply_func (dialog, issue_user_apply, d, dialog_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Reset a password (システム管理者). */

static gboolean
reset_password_apply (JhkFormDialog  *dialog,
                      gpointer        user_data,
                      GError        **error)
{
  DialogData *d = user_data;
  JhkStaffPage *self = d->page;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (form_object (dialog,
                                                                            "password_row")));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (form_object (dialog, "repeat_row")));
  g_autofree char *message = NULL;

  if (g_strcmp0 (password, repeat) != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The two passwords do not match."));
      return FALSE;
    }
  if (!jhk_accounts_reset_password (jhk_page_get_db (JHK_PAGE (self)),
                                    jhk_page_get_session (JHK_PAGE (self)), d->login, password,
                                    error))
    return FALSE;
  staff_changed (self, d->staff_id);
  message = g_strdup_printf (_("The password of %s was reset. They must change it at their "
                               "next login."), d->staff_name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
reset_password_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  JhkFormDialog *dialog;
  DialogData *d = dialog_data_new (self);
  g_autofree char *subtitle = g_strdup_printf ("%s (%s)", d->staff_name, d->login);

  dialog = jhk_form_dialog_new (_("Reset Password"), _("_Reset"),
                                "/org/example/Jhk/ui/jhk-reset-password-form.ui");
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  jhk_form_dialog_set_apply_func (dialog, reset_password_apply, d, dialog_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Lift a lockout (システム管理者). */

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 staff_id = jhk_row_get_id (self->selected);
  const char *login = jhk_row_get_by_name (self->selected, "login");

  if (!jhk_accounts_unlock (jhk_page_get_db (JHK_PAGE (self)),
                            jhk_page_get_session (JHK_PAGE (self)), login, &error))
    {
      jhk_widget_show_error (widget, error);
      return;
    }
  message = g_strdup_printf (_("The lockout of %s was lifted."), login);
  staff_changed (self, staff_id);
  jhk_widget_show_toast (widget, message);
}

/* R13-10: restrict a user, or lift the restriction (総括責任者). */

static AdwMessageDialog *
message_dialog_new (JhkStaffPage *self,
                    const char   *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL,
                                                     heading, NULL));
}

static void
restrict_reason_changed_cb (GtkEditable      *reason,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = jhk_editable_dup_text (reason);

  adw_message_dialog_set_response_enabled (dialog, "restrict", *text != '\0');
}

static void
restrict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DialogData       *d)
{
  JhkStaffPage *self = d->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  JhkRestriction restriction = JHK_RESTRICTION_NONE;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "restrict") == 0)
    {
      AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");

      restriction = adw_combo_row_get_selected (kind) == 0 ? JHK_RESTRICTION_NO_LOGIN
                                                           : JHK_RESTRICTION_READ_ONLY;
      reason = jhk_editable_dup_text (g_object_get_data (G_OBJECT (dialog), "reason"));
    }
  else if (g_strcmp0 (response, "lift") != 0)
    return;

  if (!jhk_accounts_restrict (jhk_page_get_db (JHK_PAGE (self)),
                              jhk_page_get_session (JHK_PAGE (self)), d->login, restriction, reason,
                              &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  staff_changed (self, d->staff_id);
  if (restriction == JHK_RESTRICTION_NONE)
    message = g_strdup_printf (_("The restriction of %s was lifted."), d->staff_name);
  else
    message = g_strdup_printf (_("%s was restricted (%s)."), d->staff_name,
                               jhk_restriction_get_label (restriction));
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

static void
restrict_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  DialogData *d = dialog_data_new (self);
  AdwMessageDialog *dialog = message_dialog_new (self, _("Restrict User ID?"));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *kind = adw_combo_row_new ();
  GtkWidget *reason = adw_entry_row_new ();
  const char *kinds[] = { jhk_restriction_get_label (JHK_RESTRICTION_NO_LOGIN),
                          jhk_restriction_get_label (JHK_RESTRICTION_READ_ONLY), NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);

  adw_message_dialog_format_body (dialog,
                                  _("%s (%s) will not be able to log in, or will only read, "
                                    "until the restriction is lifted. The reason is recorded."),
                                  d->staff_name, d->login);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Restriction"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kind_model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), kind);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restrict", _("_Restrict"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restrict", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "restrict", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (restrict_reason_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (restrict_response_cb), d,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
lift_restriction_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  DialogData *d = dialog_data_new (self);
  AdwMessageDialog *dialog = message_dialog_new (self, _("Lift Restriction?"));

  adw_message_dialog_format_body (dialog, _("%s (%s) will be able to log in and make changes "
                                            "again."),
                                  d->staff_name, d->login);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "lift", _("_Lift"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "lift", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (restrict_response_cb), d,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R5-1: assign a role with its scope and period. */

static const char *
business_kind_for_role (JhkRole role)
{
  switch (role)
    {
    case JHK_ROLE_BIZ_OWNER:
      return "target";
    case JHK_ROLE_EGOV_OWNER:
      return "egov";
    case JHK_ROLE_LEAD_OWNER:
      return "lead";
    default:
      return NULL;
    }
}

static const char *
org_kind_for_scope (JhkScopeKind scope)
{
  switch (scope)
    {
    case JHK_SCOPE_DEPARTMENT:
      return "department";
    case JHK_SCOPE_OFFICE:
      return "office";
    case JHK_SCOPE_SECTION:
      return "section";
    case JHK_SCOPE_ORGANISATION:
    case JHK_SCOPE_BUSINESS:
    default:
      return NULL;
    }
}

static JhkRole
dialog_role (DialogData  *d,
             AdwComboRow *role_row)
{
  guint selected = adw_combo_row_get_selected (role_row);

  if (selected >= d->roles->len)
    return JHK_ROLE_INVALID;
  return g_array_index (d->roles, JhkRole, selected);
}

static void
assign_role_changed_cb (AdwComboRow   *role_row,
                        GParamSpec    *pspec,
                        JhkFormDialog *dialog)
{
  DialogData *d = g_object_get_data (G_OBJECT (dialog), "data");
  AdwComboRow *scope_row = ADW_COMBO_ROW (form_object (dialog, "scope_row"));
  JhkRole role = dialog_role (d, role_row);
  JhkScopeKind scope;

  if (role == JHK_ROLE_INVALID)
    return;
  scope = jhk_role_get_scope (role);
  /* The duty of the role, as 第5 and 第6 describe it. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (form_object (dialog, "form")),
                                         jhk_role_get_duty (role));
  gtk_widget_set_visible (GTK_WIDGET (scope_row), scope != JHK_SCOPE_ORGANISATION);

  if (scope == JHK_SCOPE_BUSINESS)
    {
      jhk_lists_businesses_filter (d->businesses, business_kind_for_role (role), NULL);
      adw_combo_row_set_expression (scope_row, jhk_row_expression_new (jhk_business_row_label));
      adw_combo_row_set_model (scope_row, G_LIST_MODEL (d->businesses));
    }
  else if (scope != JHK_SCOPE_ORGANISATION)
    {
      jhk_lists_org_units_filter (d->units, org_kind_for_scope (scope));
      adw_combo_row_set_expression (scope_row, jhk_row_expression_new (jhk_org_unit_row_label));
      adw_combo_row_set_model (scope_row, G_LIST_MODEL (d->units));
      /* Offer the person's own unit, or the office or department above it. */
      for (guint i = 0; i < G_N_ELEMENTS (d->staff_org_ids); i++)
        {
          guint position = jhk_query_model_find (d->units, d->staff_org_ids[i]);

          if (position != G_MAXUINT)
            {
              adw_combo_row_set_selected (scope_row, position);
              break;
            }
        }
    }
}

static gboolean
assign_role_apply (JhkFormDialog  *dialog,
                   gpointer        user_data,
                   GError        **error)
{
  DialogData *d = user_data;
  JhkStaffPage *self = d->page;
  JhkRole role = dialog_role (d, ADW_COMBO_ROW (form_object (dialog, "role_row")));
  AdwComboRow *scope_row = ADW_COMBO_ROW (form_object (dialog, "scope_row"));
  g_autofree char *from = jhk_editable_dup_text (form_object (dialog, "from_row"));
  g_autofree char *to = jhk_editable_dup_text (form_object (dialog, "to_row"));
  g_autofree char *note = jhk_editable_dup_text (form_object (dialog, "note_row"));
  g_autofree char *message = NULL;
  gint64 org_unit_id = 0;
  gint64 business_id = 0;

  switch (role != JHK_ROLE_INVALID ? jhk_role_get_scope (role) : JHK_SCOPE_ORGANISATION)
    {
    case JHK_SCOPE_ORGANISATION:
      break;
    case JHK_SCOPE_BUSINESS:
      business_id = combo_selected_id (scope_row);
      break;
    case JHK_SCOPE_DEPARTMENT:
    case JHK_SCOPE_OFFICE:
    case JHK_SCOPE_SECTION:
    default:
      org_unit_id = combo_selected_id (scope_row);
      break;
    }
  if (jhk_org_grant_role (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)),
                          d->staff_id, role, org_unit_id, business_id, from,
                          *to != '\0' ? to : NULL, note, error) == 0)
    return FALSE;
  jhk_lists_roles_filter (self->roles_model, d->staff_id, TRUE);
  message = g_strdup_printf (_("%s is now %s."), d->staff_name, jhk_role_get_label (role));
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
assign_role_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  JhkFormDialog *dialog;
  DialogData *d = dialog_data_new (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  AdwComboRow *role_row;
  g_autofree char *today = jhk_today ();
  gint64 staff_org = jhk_row_int64 (self->selected, "org_unit_id");

  dialog = jhk_form_dialog_new (_("Assign Role"), _("_Assign"),
                                "/org/example/Jhk/ui/jhk-assign-role-form.ui");
  jhk_form_dialog_set_subtitle (dialog, d->staff_name);
  d->units = jhk_lists_org_units (jhk_page_get_db (JHK_PAGE (self)));
  d->businesses = jhk_lists_businesses (jhk_page_get_db (JHK_PAGE (self)));

  /* The person's unit and the units above it, for the scope offered. */
  d->staff_org_ids[0] = staff_org;
  for (guint i = 1; i < G_N_ELEMENTS (d->staff_org_ids); i++)
    {
      guint position = jhk_query_model_find (d->units, d->staff_org_ids[i - 1]);
      g_autoptr(JhkRow) unit = NULL;

      if (position == G_MAXUINT)
        break;
      unit = g_list_model_get_item (G_LIST_MODEL (d->units), position);
      d->staff_org_ids[i] = jhk_row_int64 (unit, "parent_id");
    }

  /* Offer the roles the session may assign to this person. */
  d->roles = g_array_new (FALSE, FALSE, sizeof (JhkRole));
  for (JhkRole role = 0; role < JHK_N_ROLES; role++)
    if (jhk_policy_can_grant_role (jhk_page_get_db (JHK_PAGE (self)),
                                   jhk_page_get_session (JHK_PAGE (self)), role, staff_org, NULL))
      {
        g_array_append_val (d->roles, role);
        gtk_string_list_append (labels, jhk_role_get_label (role));
      }

  role_row = ADW_COMBO_ROW (form_object (dialog, "role_row"));
  adw_combo_row_set_model (role_row, G_LIST_MODEL (labels));
  gtk_editable_set_text (GTK_EDITABLE (form_object (dialog, "from_row")), today);
  g_object_set_data (G_OBJECT (dialog), "data", d);
  g_signal_connect_object (role_row, "notify::selected", G_CALLBACK (assign_role_changed_cb),
                           dialog, 0);
  assign_role_changed_cb (role_row, NULL, dialog);

  jhk_form_dialog_set_apply_func (dialog, assign_role_apply, d, dialog_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R5-1: end a role; the assignment stays as history. */

static void
end_role_date_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *text = jhk_editable_dup_text (entry);
  gboolean valid = jhk_date_is_valid (text);

  adw_message_dialog_set_response_enabled (dialog, "end", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
end_role_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DialogData       *d)
{
  JhkStaffPage *self = d->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 assignment_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "assignment"));

  if (g_strcmp0 (response, "end") != 0)
    return;
  date = jhk_editable_dup_text (g_object_get_data (G_OBJECT (dialog), "date"));
  if (!jhk_org_end_role (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)),
                         assignment_id, date, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_lists_roles_filter (self->roles_model, d->staff_id, TRUE);
  jhk_widget_show_toast (GTK_WIDGET (self), _("The role was ended."));
}

static void
end_role_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);
  gint64 assignment_id = g_variant_get_int64 (parameter);
  guint position = jhk_query_model_find (self->roles_model, assignment_id);
  g_autoptr(JhkRow) row = NULL;
  g_autofree char *today = jhk_today ();
  DialogData *d;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *date;
  JhkRole role;

  if (position == G_MAXUINT)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->roles_model), position);
  role = jhk_role_from_key (jhk_row_get_by_name (row, "role"));
  if (role == JHK_ROLE_INVALID)
    return;

  d = dialog_data_new (self);
  dialog = message_dialog_new (self, _("End Role?"));
  adw_message_dialog_format_body (dialog,
                                  _("%s will no longer be %s after the given day. The "
                                    "assignment stays in the history."),
                                  jhk_row_get_by_name (row, "staff_name"),
                                  jhk_role_get_label (role));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  date = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (date), _("Last Day (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (date), today);
  gtk_list_box_append (GTK_LIST_BOX (list), date);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "assignment", GSIZE_TO_POINTER (assignment_id));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "end", _("_End Role"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (date, "changed", G_CALLBACK (end_role_date_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (end_role_response_cb), d,
                         (GClosureNotify) (void (*) (void)) dialog_data_free, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

void
jhk_staff_page_class_install_dialogs (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "staff.add-staff", NULL, add_staff_activated);
  gtk_widget_class_install_action (widget_class, "staff.issue-user", NULL, issue_user_activated);
  gtk_widget_class_install_action (widget_class, "staff.reset-password", NULL,
                                   reset_password_activated);
  gtk_widget_class_install_action (widget_class, "staff.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "staff.restrict", NULL, restrict_activated);
  gtk_widget_class_install_action (widget_class, "staff.lift-restriction", NULL,
                                   lift_restriction_activated);
  gtk_widget_class_install_action (widget_class, "staff.assign-role", NULL,
                                   assign_role_activated);
  gtk_widget_class_install_action (widget_class, "staff.end-role", "x", end_role_activated);
}
