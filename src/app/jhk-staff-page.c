/* jhk-staff-page.c: staff, their user IDs and their roles. */
#include <glib/gi18n.h>

#include "jhk-accounts.h"
#include "jhk-app-util.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-staff-page-private.h"

G_DEFINE_FINAL_TYPE (JhkStaffPage, jhk_staff_page, JHK_TYPE_PAGE)

/* What the rows say. */

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return _("Active");
  if (g_strcmp0 (status, "suspended") == 0)
    return _("Suspended");
  if (g_strcmp0 (status, "retired") == 0)
    return _("Retired");
  return status != NULL ? status : "";
}

static gboolean
row_is_locked_out (JhkRow *row)
{
  return jhk_row_int64 (row, "locked_until") > jhk_now_us ();
}

static char *
staff_status_text (JhkRow *row)
{
  GString *text;
  JhkRestriction restriction;

  if (jhk_row_is_empty (row, "login"))
    return g_strdup (_("No user ID"));

  text = g_string_new (status_label (jhk_row_get_by_name (row, "status")));
  restriction = jhk_restriction_from_key (jhk_row_get_by_name (row, "restriction"));
  /* Translators: appends a further state to the status of a user ID,
   * as in "Active, Read only". */
  if (restriction == JHK_RESTRICTION_NO_LOGIN || restriction == JHK_RESTRICTION_READ_ONLY)
    g_string_append_printf (text, _(", %s"), jhk_restriction_get_label (restriction));
  if (row_is_locked_out (row))
    g_string_append_printf (text, _(", %s"), _("Locked out"));
  return g_string_free (text, FALSE);
}

static char *
role_row_scope_text (JhkRow *row)
{
  const char *business = jhk_row_get_by_name (row, "business_name");
  const char *org = jhk_row_get_by_name (row, "org_name");
  const char *from = jhk_row_get_by_name (row, "valid_from");
  const char *to = jhk_row_get_by_name (row, "valid_to");
  const char *scope;
  g_autofree char *period = NULL;

  if (business != NULL && *business != '\0')
    scope = business;
  else if (org != NULL && *org != '\0')
    scope = org;
  else
    scope = _("Whole organisation");
  if (to != NULL && *to != '\0')
    /* Translators: a period of dates, "2024-04-01 – 2025-03-31". */
    period = g_strdup_printf (_("%s – %s"), from, to);
  else
    period = g_strdup_printf (_("from %s"), from);
  return g_strdup_printf ("%s · %s", scope, period);
}

/* Details. */

gboolean
jhk_staff_page_has_role (JhkStaffPage *self,
                         JhkRole       role)
{
  return jhk_session_has_role (jhk_page_get_session (JHK_PAGE (self)), role);
}

static void
update_actions (JhkStaffPage *self)
{
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  JhkRow *row = self->selected;
  gboolean has_login = row != NULL && !jhk_row_is_empty (row, "login");
  gboolean supervisor = jhk_staff_page_has_role (self, JHK_ROLE_SUPERVISOR);
  gboolean sysadmin = jhk_staff_page_has_role (self, JHK_ROLE_SYSADMIN);
  gboolean restricted = has_login && g_strcmp0 (jhk_row_get_by_name (row, "restriction"), "none") != 0;
  gboolean is_self = has_login && g_strcmp0 (jhk_row_get_by_name (row, "login"),
                                             jhk_session_get_login (session)) == 0;
  gboolean can_assign;
  struct
  {
    const char *action;
    GtkWidget  *button;
    gboolean    enabled;
  } user_actions[] = {
    /* R12-1: the 総括責任者 issues IDs, the システム管理者 on their approval. */
    { "staff.issue-user", self->issue_button,
      row != NULL && !has_login && (supervisor || sysadmin) },
    { "staff.reset-password", self->reset_button, has_login && sysadmin },
    { "staff.unlock", self->unlock_button, has_login && sysadmin && row_is_locked_out (row) },
    /* R13-10: restrictions are the 総括責任者's. */
    { "staff.restrict", self->restrict_button, has_login && supervisor && !restricted && !is_self },
    { "staff.lift-restriction", self->lift_button, has_login && supervisor && restricted },
  };
  gboolean any = FALSE;

  /* R6-1, R13-2: a 運用管理者 assigns roles within their own office. */
  can_assign = row != NULL &&
               (supervisor || sysadmin ||
                jhk_policy_has_role_for_org (jhk_page_get_db (JHK_PAGE (self)), session,
                                             JHK_ROLE_OPS_MANAGER,
                                             jhk_row_int64 (row, "org_unit_id")));

  for (guint i = 0; i < G_N_ELEMENTS (user_actions); i++)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), user_actions[i].action,
                                     user_actions[i].enabled);
      /* The flow box wraps each button in a child of its own. */
      gtk_widget_set_visible (gtk_widget_get_parent (user_actions[i].button),
                              user_actions[i].enabled);
      any |= user_actions[i].enabled;
    }
  gtk_widget_set_visible (self->user_actions, any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.assign-role", can_assign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.end-role", row != NULL);
  /* Staff are added by the システム管理者 and, for their office, the
   * 運用管理者. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff.add-staff",
                                 sysadmin || jhk_staff_page_has_role (self, JHK_ROLE_OPS_MANAGER));
  gtk_widget_set_visible (self->add_button,
                          sysadmin || jhk_staff_page_has_role (self, JHK_ROLE_OPS_MANAGER));
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("None"));
}

static void
update_details (JhkStaffPage *self)
{
  JhkRow *row = self->selected;
  g_autofree char *description = NULL;
  g_autofree char *org = NULL;
  g_autofree char *rank = NULL;
  gboolean has_login;

  update_actions (self);
  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->details_stack, "details");

  adw_preferences_group_set_title (self->staff_group, jhk_row_get_by_name (row, "name"));
  description = g_strdup_printf ("%s · %s", jhk_row_get_by_name (row, "staff_no"),
                                 jhk_row_get_by_name (row, "kana"));
  adw_preferences_group_set_description (self->staff_group, description);
  org = g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "org_code"),
                         jhk_row_get_by_name (row, "org_name"));
  set_subtitle (self->org_row, org);
  rank = g_strstrip (g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "rank"),
                                      jhk_row_get_by_name (row, "title")));
  set_subtitle (self->rank_row, rank);
  set_subtitle (self->extension_row, jhk_row_get_by_name (row, "extension"));

  has_login = !jhk_row_is_empty (row, "login");
  set_subtitle (self->login_row, has_login ? jhk_row_get_by_name (row, "login")
                                           : _("None issued"));
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), has_login);
  gtk_widget_set_visible (GTK_WIDGET (self->restriction_row), has_login);
  gtk_widget_set_visible (GTK_WIDGET (self->last_login_row), has_login);
  gtk_widget_set_visible (GTK_WIDGET (self->lockout_row), has_login && row_is_locked_out (row));
  if (has_login)
    {
      JhkRestriction restriction =
        jhk_restriction_from_key (jhk_row_get_by_name (row, "restriction"));
      g_autofree char *restriction_text = NULL;
      gint64 last_login = jhk_row_int64 (row, "last_login_at");
      gint64 locked_until = jhk_row_int64 (row, "locked_until");
      g_autofree char *last_login_text = NULL;
      g_autofree char *lockout_text = NULL;

      set_subtitle (self->status_row, status_label (jhk_row_get_by_name (row, "status")));
      if (restriction == JHK_RESTRICTION_NO_LOGIN || restriction == JHK_RESTRICTION_READ_ONLY)
        restriction_text = g_strdup_printf ("%s: %s", jhk_restriction_get_label (restriction),
                                            jhk_row_get_by_name (row, "restriction_reason"));
      else
        restriction_text = g_strdup (jhk_restriction_get_label (JHK_RESTRICTION_NONE));
      set_subtitle (self->restriction_row, restriction_text);
      last_login_text = last_login != 0 ? jhk_format_time (last_login) : g_strdup (_("Never"));
      set_subtitle (self->last_login_row, last_login_text);
      if (locked_until == G_MAXINT64)
        lockout_text = g_strdup (_("Locked until the system administrator lifts it"));
      else if (locked_until != 0)
        {
          g_autofree char *until = jhk_format_time (locked_until);
          lockout_text = g_strdup_printf (_("Locked until %s"), until);
        }
      set_subtitle (self->lockout_row, lockout_text);
    }
}

static void
selected_values_changed_cb (JhkStaffPage *self)
{
  update_details (self);
}

static void
set_selected (JhkStaffPage *self,
              JhkRow       *row)
{
  gint64 old_id = self->selected != NULL ? jhk_row_get_id (self->selected) : 0;

  if (self->selected != NULL)
    g_signal_handlers_disconnect_by_func (self->selected, selected_values_changed_cb, self);
  g_set_object (&self->selected, row);
  if (row != NULL)
    g_signal_connect_object (row, "notify::values", G_CALLBACK (selected_values_changed_cb),
                             self, G_CONNECT_SWAPPED);
  if (row != NULL && jhk_row_get_id (row) != old_id)
    jhk_lists_roles_filter (self->roles_model, jhk_row_get_id (row), TRUE);
  update_details (self);
}

static void
selection_changed_cb (JhkStaffPage *self)
{
  set_selected (self, gtk_single_selection_get_selected_item (self->selection));
}

gboolean
jhk_staff_page_select_staff (JhkStaffPage *self,
                             gint64        staff_id)
{
  guint position;

  g_return_val_if_fail (JHK_IS_STAFF_PAGE (self), FALSE);

  position = jhk_query_model_find (self->staff_model, staff_id);
  if (position == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

/* The roles of the selected person. */

static GtkWidget *
create_role_row (gpointer item,
                 gpointer user_data)
{
  JhkStaffPage *self = user_data;
  JhkRow *row = item;
  JhkRole role = jhk_role_from_key (jhk_row_get_by_name (row, "role"));
  g_autofree char *subtitle = role_row_scope_text (row);
  GtkWidget *widget = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget),
                                 role != JHK_ROLE_INVALID ? jhk_role_get_label (role)
                                                          : jhk_row_get_by_name (row, "role"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
  if (role != JHK_ROLE_INVALID)
    gtk_widget_set_tooltip_text (widget, jhk_role_get_duty (role));

  /* Core checks again; the button is only offered to who may end it. */
  if (role != JHK_ROLE_INVALID &&
      jhk_policy_can_grant_role (jhk_page_get_db (JHK_PAGE (self)),
                                 jhk_page_get_session (JHK_PAGE (self)), role,
                                 jhk_row_int64 (row, "org_unit_id"), NULL))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_End…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "staff.end-role");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", jhk_row_get_id (row));
      gtk_widget_set_tooltip_text (button, _("End this role assignment"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), button);
    }
  return widget;
}

/* Searching. */

static void
update_empty_state (JhkStaffPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->staff_model)) == 0;
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';

  if (searching)
    {
      adw_status_page_set_title (self->empty_page, _("No Staff Found"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try a different staff number, name, kana or user ID."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Staff"));
      adw_status_page_set_description (self->empty_page, _("No staff are registered yet."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

void
jhk_staff_page_refresh (JhkStaffPage *self)
{
  jhk_lists_staff_filter (self->staff_model,
                          gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), 0);
  update_empty_state (self);
}

static void
search_changed_cb (JhkStaffPage *self)
{
  jhk_staff_page_refresh (self);
}

/* Enter in the search entry moves on to the results. */
static void
search_activate_cb (JhkStaffPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
stop_search_cb (JhkStaffPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject. */

static void
add_columns (JhkStaffPage *self)
{
  static const JhkColumnEntry columns[] = {
    { N_("Staff No."), "staff_no", NULL, 80, FALSE },
    { N_("Name"), "name", NULL, 110, TRUE },
    { N_("Kana"), "kana", NULL, 150, FALSE },
    { N_("Rank"), "rank", NULL, 70, FALSE },
    { N_("Org Unit"), "org_name", NULL, 120, FALSE },
    { N_("Extension"), "extension", NULL, 80, FALSE },
    { N_("User ID"), "login", NULL, 110, FALSE },
    { N_("Status"), NULL, staff_status_text, 160, FALSE },
  };

  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
}

static void
jhk_staff_page_constructed (GObject *object)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (object);
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  GtkWidget *no_roles;

  G_OBJECT_CLASS (jhk_staff_page_parent_class)->constructed (object);

  g_assert (db != NULL && jhk_page_get_session (JHK_PAGE (self)) != NULL);

  self->staff_model = jhk_lists_staff (db);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->staff_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  add_columns (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->roles_model = jhk_lists_roles (db);
  gtk_list_box_bind_model (self->roles_list, G_LIST_MODEL (self->roles_model), create_role_row,
                           self, NULL);
  no_roles = gtk_label_new (_("No current roles"));
  gtk_widget_add_css_class (no_roles, "dim-label");
  gtk_widget_set_margin_top (no_roles, 12);
  gtk_widget_set_margin_bottom (no_roles, 12);
  gtk_list_box_set_placeholder (self->roles_list, no_roles);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_empty_state (self);
  update_details (self);
}

static void
jhk_staff_page_dispose (GObject *object)
{
  JhkStaffPage *self = JHK_STAFF_PAGE (object);

  if (self->selected != NULL)
    g_signal_handlers_disconnect_by_func (self->selected, selected_values_changed_cb, self);
  g_clear_object (&self->selected);
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_STAFF_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->staff_model);
  g_clear_object (&self->roles_model);

  G_OBJECT_CLASS (jhk_staff_page_parent_class)->dispose (object);
}

/* The list, and the roles of the person selected. */
static void
staff_page_reload (JhkStaffPage *self)
{
  jhk_staff_page_refresh (self);
  if (self->selected != NULL)
    jhk_lists_roles_filter (self->roles_model, jhk_row_get_id (self->selected), TRUE);
}

static void
jhk_staff_page_reload (JhkPage *page)
{
  staff_page_reload (JHK_STAFF_PAGE (page));
}

static void
jhk_staff_page_class_init (JhkStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_staff_page_reload;

  object_class->constructed = jhk_staff_page_constructed;
  object_class->dispose = jhk_staff_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, staff_group);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, org_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, rank_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, extension_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, login_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, restriction_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, lockout_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, last_login_row);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, user_actions);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, issue_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, restrict_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, lift_button);
  gtk_widget_class_bind_template_child (widget_class, JhkStaffPage, roles_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  jhk_staff_page_class_install_dialogs (widget_class);
}

static void
jhk_staff_page_init (JhkStaffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_staff_page_new (JhkDb      *db,
                    JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_STAFF_PAGE, db, session);
}
