/* jhk-window-actions.c: the win.* actions of the main window. */
#include <glib/gi18n.h>

#include "jhk-accounts.h"
#include "jhk-app-util.h"
#include "jhk-preferences-window.h"
#include "jhk-window-private.h"

static void
show_inline_error (GtkLabel   *label,
                   const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
log_in_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autofree char *login = NULL;
  const char *password;

  login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_entry))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  if (*login == '\0')
    {
      show_inline_error (self->login_error, _("Enter your user ID."));
      gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
      return;
    }

  /* Hashing takes a few tens of milliseconds; the database connection
   * belongs to this thread, so it is done here. */
  session = jhk_accounts_authenticate (self->db, login, password, g_get_host_name (), &error);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  if (session == NULL)
    {
      show_inline_error (self->login_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }
  jhk_window_begin_session (self, session);
}

static void
show_change_password_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);

  jhk_window_close_dialogs (self);
  adw_status_page_set_description (self->change_password_page,
                                   _("Enter your current password and the new one twice."));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_change_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->change_logout_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->change_password_error), FALSE);
  jhk_window_set_view (self, "change-password");
}

static void
clear_change_fields (JhkWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->old_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_password_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_password_error), FALSE);
}

static void
change_password_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *old_password = gtk_editable_get_text (GTK_EDITABLE (self->old_password_entry));
  const char *new_password = gtk_editable_get_text (GTK_EDITABLE (self->new_password_entry));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_password_entry));
  gboolean forced = self->must_change_password;

  if (g_strcmp0 (new_password, repeat) != 0)
    {
      show_inline_error (self->change_password_error, _("The new passwords do not match."));
      gtk_editable_set_text (GTK_EDITABLE (self->repeat_password_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_password_entry));
      return;
    }
  if (!jhk_accounts_change_password (self->db, self->session, old_password, new_password,
                                     &error))
    {
      show_inline_error (self->change_password_error, error->message);
      return;
    }
  clear_change_fields (self);
  /* R13-8: the new password's expiry comes from the database. */
  jhk_window_reload_session (self);
  jhk_window_enter_main (self);
  if (!forced)
    jhk_widget_show_toast (GTK_WIDGET (self), _("Your password was changed."));
}

static void
cancel_change_password_activated (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);

  clear_change_fields (self);
  jhk_window_enter_main (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jhk_window_lock (JHK_WINDOW (widget));
}

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unlock_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->unlock_entry), "");

  /* R13-6/7, R13-9: only the same user's password opens the lock. */
  if (!jhk_accounts_unlock_session (self->db, self->session, password, &error))
    {
      show_inline_error (self->unlock_error, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_entry));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
  /* R13-8: a forced password change is still due after the lock. */
  if (self->must_change_password)
    jhk_window_set_view (self, "change-password");
  else
    jhk_window_enter_main (self);
  jhk_window_note_input (self);
}

static void
log_out_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  jhk_window_end_session (JHK_WINDOW (widget));
}

static void
workspace_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  if (!jhk_window_show_workspace (JHK_WINDOW (widget), g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
  else
    jhk_window_focus_page (JHK_WINDOW (widget));
}

static GtkWidget *
visible_page (JhkWindow *self)
{
  return adw_view_stack_get_visible_child (self->page_stack);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWidget *page = visible_page (JHK_WINDOW (widget));

  /* Pages with a search entry install page.search. */
  if (page == NULL || !gtk_widget_activate_action (page, "page.search", NULL))
    gtk_widget_error_bell (widget);
}

static void
verify_audit_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);

  if (!jhk_window_show_workspace (self, "audit"))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gtk_widget_activate_action (visible_page (self), "audit.verify", NULL);
}

/* A dashboard item: its workspace, told what the item was (for a ledger
 * item, the page shows those materials). */
static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  const char *workspace = NULL;
  const char *key = NULL;

  g_variant_get (parameter, "(&s&s)", &workspace, &key);
  if (!jhk_window_show_workspace (self, workspace))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  jhk_window_focus_page (self);
  gtk_widget_activate_action (visible_page (self), "page.attention", "s", key);
}

static void
show_preferences_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  GtkWindow *preferences;

  preferences = GTK_WINDOW (jhk_preferences_window_new (self->db, self->session));
  jhk_present_dialog (widget, preferences);
}

static void
reopen_database_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JhkWindow *self = JHK_WINDOW (widget);
  g_autofree char *uri = g_strdup (self->database_uri);

  if (uri != NULL)
    jhk_window_open_database (self, uri);
}

void
jhk_window_actions_update (JhkWindow *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);
  gboolean main_view = g_strcmp0 (view, "main") == 0;
  gboolean changing = g_strcmp0 (view, "change-password") == 0;
  gboolean locked = g_strcmp0 (view, "lock") == 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.reopen-database",
                                 g_strcmp0 (view, "error") == 0 && self->database_uri != NULL);
  gtk_widget_action_set_enabled (widget, "win.log-in",
                                 g_strcmp0 (view, "login") == 0 && self->db != NULL);
  gtk_widget_action_set_enabled (widget, "win.change-password", changing);
  gtk_widget_action_set_enabled (widget, "win.cancel-change-password",
                                 changing && !self->must_change_password);
  gtk_widget_action_set_enabled (widget, "win.unlock", locked);
  gtk_widget_action_set_enabled (widget, "win.log-out", main_view || changing || locked);
  gtk_widget_action_set_enabled (widget, "win.lock", jhk_window_can_lock (self));
  gtk_widget_action_set_enabled (widget, "win.show-change-password", main_view);
  gtk_widget_action_set_enabled (widget, "win.workspace", main_view);
  gtk_widget_action_set_enabled (widget, "win.attention", main_view);
  gtk_widget_action_set_enabled (widget, "win.search", main_view);
  gtk_widget_action_set_enabled (widget, "win.verify-audit", main_view);
  gtk_widget_action_set_enabled (widget, "win.show-preferences", main_view);
}

void
jhk_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reopen-database", NULL,
                                   reopen_database_activated);
  gtk_widget_class_install_action (widget_class, "win.log-in", NULL, log_in_activated);
  gtk_widget_class_install_action (widget_class, "win.show-change-password", NULL,
                                   show_change_password_activated);
  gtk_widget_class_install_action (widget_class, "win.change-password", NULL,
                                   change_password_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-change-password", NULL,
                                   cancel_change_password_activated);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "win.log-out", NULL, log_out_activated);
  gtk_widget_class_install_action (widget_class, "win.workspace", "s", workspace_activated);
  gtk_widget_class_install_action (widget_class, "win.attention", "(ss)", attention_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.verify-audit", NULL,
                                   verify_audit_activated);
  gtk_widget_class_install_action (widget_class, "win.show-preferences", NULL,
                                   show_preferences_activated);
}
