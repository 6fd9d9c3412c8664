/* jhk-window.c: the main window, its views and the idle lock. */
#include <string.h>

#include <glib/gi18n.h>

#include "jhk-accounts.h"
#include "jhk-app-util.h"
#include "jhk-approvals-page.h"
#include "jhk-audit-page.h"
#include "jhk-business-page.h"
#include "jhk-ledger-page.h"
#include "jhk-transfers-page.h"
#include "jhk-dashboard-page.h"
#include "jhk-db-password-dialog.h"
#include "jhk-db-secret.h"
#include "jhk-incidents-page.h"
#include "jhk-inquiries-page.h"
#include "jhk-org-page.h"
#include "jhk-page.h"
#include "jhk-playbooks-page.h"
#include "jhk-policy.h"
#include "jhk-requests-page.h"
#include "jhk-staff-page.h"
#include "jhk-trails-page.h"
#include "jhk-window-private.h"

G_DEFINE_FINAL_TYPE (JhkWindow, jhk_window, ADW_TYPE_APPLICATION_WINDOW)

/* How often the idle state is looked at; the lock comes at most this late. */
#define IDLE_POLL_SECONDS 5

typedef GtkWidget *(*PageNewFunc) (JhkDb      *db,
                                   JhkSession *session);

static const struct
{
  JhkWorkspace  workspace;
  const char   *name;
  const char   *title;
  const char   *icon;
  PageNewFunc   new_page;
} workspaces[] = {
  { JHK_WORKSPACE_DASHBOARD, "dashboard", N_("Dashboard"), "go-home-symbolic",
    jhk_dashboard_page_new },
  { JHK_WORKSPACE_LEDGER, "ledger", N_("Materials Ledger"), "folder-open-symbolic",
    jhk_ledger_page_new },
  { JHK_WORKSPACE_TRANSFERS, "transfers", N_("Transfers"), "document-send-symbolic",
    jhk_transfers_page_new },
  { JHK_WORKSPACE_REQUESTS, "requests", N_("Work Requests"), "mail-send-receive-symbolic",
    jhk_requests_page_new },
  { JHK_WORKSPACE_APPROVALS, "approvals", N_("Approvals"), "emblem-ok-symbolic",
    jhk_approvals_page_new },
  { JHK_WORKSPACE_INQUIRIES, "inquiries", N_("Inquiry Checks"), "system-search-symbolic",
    jhk_inquiries_page_new },
  { JHK_WORKSPACE_INCIDENTS, "incidents", N_("Incidents"), "dialog-warning-symbolic",
    jhk_incidents_page_new },
  { JHK_WORKSPACE_PLAYBOOKS, "playbooks", N_("Response Playbooks"), "view-list-bullet-symbolic",
    jhk_playbooks_page_new },
  { JHK_WORKSPACE_TRAILS, "trails", N_("Access Trails"), "document-open-recent-symbolic",
    jhk_trails_page_new },
  { JHK_WORKSPACE_STAFF, "staff", N_("Staff and Roles"), "system-users-symbolic",
    jhk_staff_page_new },
  { JHK_WORKSPACE_ORGANISATION, "organisation", N_("Organisation"),
    "network-workgroup-symbolic", jhk_org_page_new },
  { JHK_WORKSPACE_BUSINESSES, "businesses", N_("Businesses"), "folder-documents-symbolic",
    jhk_business_page_new },
  { JHK_WORKSPACE_AUDIT, "audit", N_("Audit Log"), "security-high-symbolic",
    jhk_audit_page_new },
};

/* Views. */

void
jhk_window_set_view (JhkWindow  *self,
                     const char *view)
{
  GtkWidget *main_view = gtk_stack_get_child_by_name (self->view_stack, "main");
  gboolean show_main = g_strcmp0 (view, "main") == 0;

  /* R13-9: outside the main view the workspaces are not only covered but
   * unmapped, so that nothing of them is drawn, even during a transition. */
  if (!show_main)
    gtk_stack_set_visible_child_name (self->view_stack, view);
  gtk_widget_set_visible (main_view, show_main);
  if (show_main)
    gtk_stack_set_visible_child_name (self->view_stack, view);

  if (g_strcmp0 (view, "login") == 0)
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->login_button));
      if (*gtk_editable_get_text (GTK_EDITABLE (self->login_entry)) == '\0')
        gtk_widget_grab_focus (GTK_WIDGET (self->login_entry));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
    }
  else
    gtk_window_set_default_widget (GTK_WINDOW (self), NULL);

  if (g_strcmp0 (view, "lock") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->unlock_entry));
  else if (g_strcmp0 (view, "change-password") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->old_password_entry));

  jhk_window_actions_update (self);
}

const char *
jhk_window_get_view (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

static void
show_database_error (JhkWindow    *self,
                     const char   *uri,
                     const GError *error)
{
  g_autofree char *hint = NULL;
  g_autofree char *shown = jhk_db_uri_strip_password (uri);

  gtk_spinner_stop (self->connecting_spinner);
  adw_status_page_set_description (self->error_page, error->message);
  if (g_error_matches (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH))
    hint = g_strdup (_("Choose “Try Again” to enter the password of the database server."));
  else
    hint = g_strdup_printf (_("To create a new database there, run “jhkctl --database %s init”; "
                              "for a demo organisation, run “jhkctl --database %s demo”."),
                            shown, shown);
  gtk_label_set_text (self->error_hint, hint);
  jhk_window_set_view (self, "error");
}

/* Opening a database server: the password kept in the keyring first, then
 * the user's, asked when the server wants one. */

typedef struct
{
  char     *uri;
  /* NULL: none but what libpq finds itself (the URI, ~/.pgpass). */
  char     *password;
  gboolean  from_keyring;
  gboolean  remember;
} ConnectJob;

static void
connect_job_free (ConnectJob *job)
{
  g_free (job->uri);
  if (job->password != NULL)
    {
      explicit_bzero (job->password, strlen (job->password));
      g_free (job->password);
    }
  g_free (job);
}

static void ask_password (JhkWindow  *self,
                          const char *notice);

GtkWidget *
jhk_window_get_password_dialog (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);
  return self->password_dialog;
}

void
jhk_window_set_secret_collection (JhkWindow  *self,
                                  const char *collection)
{
  g_return_if_fail (JHK_IS_WINDOW (self));

  g_free (self->secret_collection);
  self->secret_collection = g_strdup (collection);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConnectJob *job = task_data;
  GError *error = NULL;
  JhkDb *db;

  /* Never create the database here: an empty one would have no users, and
   * nobody could log in to it. jhkctl init creates the first one. */
  db = jhk_db_open_with_password (job->uri, job->password, JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JhkWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (jhk_db_secret_store_finish (result, &error) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  jhk_window_add_toast (self, adw_toast_new_format (_("The password could not be kept in the "
                                                      "keyring: %s"), error->message));
}

static void
secret_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!jhk_db_secret_clear_finish (result, &error))
    g_debug ("Could not remove a refused password from the keyring: %s", error->message);
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JhkWindow *self = JHK_WINDOW (source);
  ConnectJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  const char *notice = NULL;

  db = g_task_propagate_pointer (G_TASK (result), &error);
  /* Another open started, or the window went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (db != NULL)
    {
      gtk_spinner_stop (self->connecting_spinner);
      if (job->remember && job->password != NULL)
        jhk_db_secret_store_async (job->uri, job->password, self->secret_collection, NULL,
                                   secret_stored_cb, g_object_ref (self));
      self->db = g_steal_pointer (&db);
      jhk_window_set_view (self, "login");
      return;
    }

  if (!g_error_matches (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH))
    {
      show_database_error (self, job->uri, error);
      return;
    }
  /* The server wants a password, or refused the one it was given. */
  if (job->from_keyring)
    {
      jhk_db_secret_clear_async (job->uri, NULL, secret_cleared_cb, NULL);
      notice = _("The server refused the password kept in the keyring, so it was removed "
                 "from the keyring. Enter the current password.");
    }
  else if (job->password != NULL || jhk_db_uri_has_password (job->uri))
    notice = _("The server refused this password. Check it and try again.");
  ask_password (self, notice);
}

/* Takes password. */
static void
start_connect (JhkWindow *self,
               char      *password,
               gboolean   from_keyring,
               gboolean   remember)
{
  g_autoptr(GTask) task = NULL;
  ConnectJob *job = g_new0 (ConnectJob, 1);
  g_autofree char *shown = jhk_db_uri_strip_password (self->database_uri);

  job->uri = g_strdup (self->database_uri);
  job->password = password;
  job->from_keyring = from_keyring;
  job->remember = remember;

  {
    /* The description is markup. */
    g_autofree char *escaped = g_markup_escape_text (shown, -1);

    adw_status_page_set_description (self->connecting_page, escaped);
  }
  gtk_spinner_start (self->connecting_spinner);
  jhk_window_set_view (self, "connecting");

  task = g_task_new (self, self->open_cancellable, connect_done_cb, NULL);
  g_task_set_source_tag (task, start_connect);
  g_task_set_task_data (task, job, (GDestroyNotify) connect_job_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
password_response_cb (JhkDbPasswordDialog *dialog,
                      const char          *response,
                      JhkWindow           *self)
{
  g_autoptr(GError) error = NULL;

  /* A closing dialog may answer "cancel" once more: only the first
   * answer of the dialog on show counts. */
  if (self->password_dialog != GTK_WIDGET (dialog))
    return;
  self->password_dialog = NULL;

  if (g_strcmp0 (response, "connect") == 0 &&
      *jhk_db_password_dialog_get_password (dialog) != '\0')
    start_connect (self, g_strdup (jhk_db_password_dialog_get_password (dialog)), FALSE,
                   jhk_db_password_dialog_get_remember (dialog));
  else
    {
      g_set_error_literal (&error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH,
                           _("No database is open: the database server needs a password, "
                             "and none was given."));
      show_database_error (self, self->database_uri, error);
    }
  /* Answered through its buttons, it has closed itself already. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
}

static void
ask_password (JhkWindow  *self,
              const char *notice)
{
  GtkWidget *dialog;

  gtk_spinner_stop (self->connecting_spinner);
  dialog = jhk_db_password_dialog_new (GTK_WINDOW (self), self->database_uri, notice);
  self->password_dialog = dialog;
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
secret_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JhkWindow *self;
  g_autoptr(GError) error = NULL;
  char *password;

  password = jhk_db_secret_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = JHK_WINDOW (user_data);
  /* Without a keyring, the user is asked, as when it holds nothing. */
  if (error != NULL)
    g_debug ("No password from the keyring: %s", error->message);
  start_connect (self, password != NULL ? g_strdup (password) : NULL, password != NULL, FALSE);
  secret_password_free (password);
}

gboolean
jhk_window_open_database (JhkWindow  *self,
                          const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;

  g_return_val_if_fail (JHK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  if (self->session != NULL)
    jhk_window_end_session (self);
  if (self->database_uri != uri)
    {
      g_free (self->database_uri);
      self->database_uri = g_strdup (uri);
    }
  g_clear_object (&self->db);
  /* What an earlier open was still doing is no longer wanted. */
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->password_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->password_dialog)));

  if (jhk_db_uri_is_server (uri))
    {
      self->open_cancellable = g_cancellable_new ();
      adw_status_page_set_description (self->connecting_page, NULL);
      gtk_spinner_start (self->connecting_spinner);
      jhk_window_set_view (self, "connecting");
      /* A password written into the URI is the user's choice; else the
       * keyring may hold one, kept when the user asked for it. */
      if (jhk_db_uri_has_password (uri))
        start_connect (self, NULL, FALSE, FALSE);
      else
        jhk_db_secret_lookup_async (uri, self->open_cancellable, secret_found_cb, self);
      return TRUE;
    }

  /* Never create the database here: an empty file would have no users, and
   * nobody could log in to it. jhkctl init creates the first one. */
  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      show_database_error (self, uri, error);
      return FALSE;
    }
  self->db = g_steal_pointer (&db);
  jhk_window_set_view (self, "login");
  return TRUE;
}

JhkDb *
jhk_window_get_database (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);
  return self->db;
}

JhkSession *
jhk_window_get_session (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);
  return self->session;
}

static void
toast_dismissed (JhkWindow *self,
                 AdwToast  *toast)
{
  g_ptr_array_remove (self->toasts, toast);
}

void
jhk_window_add_toast (JhkWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (JHK_IS_WINDOW (self));
  /* Kept until dismissed, so that logging out takes them all away. */
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A toast is one user's business: the next user at this workstation does
 * not see it (R13-6/7). */
static void
dismiss_toasts (JhkWindow *self)
{
  g_autoptr(GPtrArray) toasts = g_steal_pointer (&self->toasts);

  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < toasts->len; i++)
    {
      AdwToast *toast = g_ptr_array_index (toasts, i);

      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }
}

/* Sessions. */

static char *
describe_roles (JhkSession *session)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean seen[JHK_N_ROLES] = { FALSE, };

  for (guint i = 0; i < jhk_session_get_n_grants (session); i++)
    {
      JhkRole role = jhk_session_get_grant (session, i)->role;

      if (seen[role])
        continue;
      seen[role] = TRUE;
      if (text->len > 0)
        /* Translators: separates the role labels of one person. */
        g_string_append (text, _(", "));
      g_string_append (text, jhk_role_get_label (role));
    }
  if (text->len == 0)
    g_string_append (text, _("No current role"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_user_menu (JhkWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *heading = NULL;

  heading = g_strdup_printf ("%s (%s)", jhk_session_get_name (self->session),
                             jhk_session_get_login (self->session));
  g_menu_append (section, _("_Change Password…"), "win.show-change-password");
  g_menu_append (section, _("_Lock"), "win.lock");
  g_menu_append (section, _("Log _Out"), "win.log-out");
  g_menu_append_section (menu, heading, G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->user_menu_button, G_MENU_MODEL (menu));
}

static GtkWidget *
sidebar_row_new (const char *name,
                 const char *title,
                 const char *icon)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "workspace", (gpointer) name);
  return row;
}

static void
clear_workspaces (JhkWindow *self)
{
  GtkWidget *child;

  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    adw_view_stack_remove (self->page_stack, child);
}

static void
data_changed_cb (JhkWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (JHK_IS_PAGE (child))
      jhk_page_data_changed (JHK_PAGE (child));
}

gboolean
jhk_window_check_for_changes (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), FALSE);

  return self->watch != NULL && jhk_db_watch_check (self->watch);
}

/* The sidebar lists only what the session may open; the pages of the other
 * workspaces are never created. */
static void
build_workspaces (JhkWindow *self)
{
  g_autofree char *roles = describe_roles (self->session);
  g_autofree char *subtitle = NULL;

  clear_workspaces (self);
  for (guint i = 0; i < G_N_ELEMENTS (workspaces); i++)
    {
      GtkWidget *page;
      AdwViewStackPage *stack_page;

      if (!jhk_policy_can_open_workspace (self->session, workspaces[i].workspace))
        continue;
      page = workspaces[i].new_page (self->db, self->session);
      stack_page = adw_view_stack_add_titled (self->page_stack, page, workspaces[i].name,
                                              _(workspaces[i].title));
      adw_view_stack_page_set_icon_name (stack_page, workspaces[i].icon);
      gtk_list_box_append (self->sidebar_list,
                           sidebar_row_new (workspaces[i].name, _(workspaces[i].title),
                                            workspaces[i].icon));
    }

  /* Twice a second: what others change shows within a second. */
  self->watch = jhk_db_watch_new (self->db, 500);
  g_signal_connect_object (self->watch, "changed", G_CALLBACK (data_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_label_set_text (self->user_name_label, jhk_session_get_name (self->session));
  gtk_label_set_text (self->user_org_label, jhk_session_get_org_name (self->session));
  gtk_label_set_text (self->user_roles_label, roles);
  subtitle = g_strdup_printf ("%s · %s", jhk_session_get_name (self->session),
                              jhk_session_get_org_name (self->session));
  adw_window_title_set_subtitle (self->page_title, subtitle);
  build_user_menu (self);
}

void
jhk_window_enter_main (JhkWindow *self)
{
  g_return_if_fail (self->session != NULL);

  self->must_change_password = FALSE;
  if (gtk_widget_get_first_child (GTK_WIDGET (self->page_stack)) == NULL)
    {
      build_workspaces (self);
      jhk_window_set_view (self, "main");
      jhk_window_show_workspace (self, "dashboard");
    }
  else
    jhk_window_set_view (self, "main");
  jhk_window_note_input (self);
}

static void
clear_password_fields (JhkWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->old_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->unlock_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_password_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
}

void
jhk_window_begin_session (JhkWindow  *self,
                          JhkSession *session)
{
  g_autofree char *who = NULL;

  g_return_if_fail (JHK_IS_SESSION (session));

  g_set_object (&self->session, session);
  g_settings_set_string (self->settings, "last-login", jhk_session_get_login (session));
  clear_password_fields (self);
  gtk_widget_set_visible (GTK_WIDGET (self->login_error), FALSE);

  who = g_strdup_printf (_("%s is logged in. Enter the password to unlock."),
                         jhk_session_get_name (session));
  adw_status_page_set_description (self->lock_page, who);

  /* R13-8: an expired or temporary password is changed before anything
   * else can be done. */
  if (jhk_session_get_must_change_password (session))
    {
      self->must_change_password = TRUE;
      adw_status_page_set_description (
        self->change_password_page,
        _("Your password is temporary or has expired. Choose a new one to continue."));
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_change_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->change_logout_button), TRUE);
      jhk_window_set_view (self, "change-password");
      return;
    }
  jhk_window_enter_main (self);
}

void
jhk_window_reload_session (JhkWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) fresh = NULL;

  fresh = jhk_session_load (self->db, jhk_session_get_user_id (self->session),
                            jhk_session_get_workstation (self->session), &error);
  if (fresh == NULL)
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  /* The pages keep the session they were made with: make them anew. */
  g_set_object (&self->session, fresh);
  clear_workspaces (self);
}

void
jhk_window_end_session (JhkWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  jhk_window_close_dialogs (self);
  dismiss_toasts (self);
  if (!jhk_accounts_record_logout (self->db, self->session, &error))
    {
      gtk_label_set_text (self->login_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->login_error), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->login_error), FALSE);

  g_clear_object (&self->session);
  self->must_change_password = FALSE;
  clear_workspaces (self);
  gtk_menu_button_set_menu_model (self->user_menu_button, NULL);
  gtk_label_set_text (self->user_name_label, "");
  gtk_label_set_text (self->user_org_label, "");
  gtk_label_set_text (self->user_roles_label, "");
  adw_window_title_set_subtitle (self->page_title, "");
  clear_password_fields (self);
  jhk_window_set_view (self, "login");
}

/* Workspaces. */

gboolean
jhk_window_show_workspace (JhkWindow  *self,
                           const char *workspace)
{
  GtkWidget *page;
  GtkWidget *row;

  page = adw_view_stack_get_child_by_name (self->page_stack, workspace);
  if (page == NULL || g_strcmp0 (jhk_window_get_view (self), "main") != 0)
    return FALSE;

  adw_view_stack_set_visible_child (self->page_stack, page);
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "workspace"), workspace) == 0)
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  return TRUE;
}

/* Moves the keyboard focus into the visible workspace (its first control),
 * unless it is already there: a workspace opened by its shortcut or by
 * Enter in the sidebar takes the keys next, its own shortcuts included. */
void
jhk_window_focus_page (JhkWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->page_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (page == NULL || (focus != NULL && gtk_widget_is_ancestor (focus, page)))
    return;
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

const char *
jhk_window_get_workspace (JhkWindow *self)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);

  if (g_strcmp0 (jhk_window_get_view (self), "main") != 0)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->page_stack);
}

GtkWidget *
jhk_window_get_page (JhkWindow  *self,
                     const char *workspace)
{
  g_return_val_if_fail (JHK_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->page_stack, workspace);
}

static void
sidebar_row_activated_cb (JhkWindow     *self,
                          GtkListBoxRow *row)
{
  if (jhk_window_show_workspace (self, g_object_get_data (G_OBJECT (row), "workspace")))
    jhk_window_focus_page (self);
}

/* Moving through the sidebar with the arrow keys shows each workspace at
 * once, as long as both panes are visible; folded, Enter opens it. */
static void
sidebar_row_selected_cb (JhkWindow     *self,
                         GtkListBoxRow *row)
{
  const char *workspace;

  if (row == NULL || adw_leaflet_get_folded (self->leaflet))
    return;
  workspace = g_object_get_data (G_OBJECT (row), "workspace");
  if (g_strcmp0 (workspace, adw_view_stack_get_visible_child_name (self->page_stack)) != 0)
    jhk_window_show_workspace (self, workspace);
}

static void
page_stack_visible_child_cb (JhkWindow *self)
{
  GtkWidget *child = adw_view_stack_get_visible_child (self->page_stack);

  if (child == NULL)
    {
      adw_window_title_set_title (self->page_title, "");
      return;
    }
  adw_window_title_set_title (self->page_title,
                              adw_view_stack_page_get_title (
                                adw_view_stack_get_page (self->page_stack, child)));
}

static void
back_clicked_cb (JhkWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Dialogs. */

void
jhk_window_close_dialogs (JhkWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;
      GtkWindow *parent;

      if (window == GTK_WINDOW (self) || GTK_IS_SHORTCUTS_WINDOW (window))
        continue;
      for (parent = gtk_window_get_transient_for (window); parent != NULL;
           parent = gtk_window_get_transient_for (parent))
        if (parent == GTK_WINDOW (self))
          {
            gtk_window_destroy (window);
            break;
          }
    }
}

/* The idle lock (R13-9). */

void
jhk_window_note_input (JhkWindow *self)
{
  self->last_input = self->idle_clock ();
}

void
jhk_window_set_idle_clock (JhkWindow    *self,
                           JhkIdleClock  clock)
{
  g_return_if_fail (JHK_IS_WINDOW (self));

  self->idle_clock = clock != NULL ? clock : g_get_monotonic_time;
  jhk_window_note_input (self);
}

/* A session is open and visible: the workspaces, or the password change
 * (whose forced form must survive a lock, R13-8). */
gboolean
jhk_window_can_lock (JhkWindow *self)
{
  const char *view = jhk_window_get_view (self);

  return self->session != NULL &&
         (g_strcmp0 (view, "main") == 0 || g_strcmp0 (view, "change-password") == 0);
}

gboolean
jhk_window_check_idle (JhkWindow *self)
{
  gint64 limit;

  g_return_val_if_fail (JHK_IS_WINDOW (self), FALSE);

  if (!jhk_window_can_lock (self))
    return FALSE;
  limit = (gint64) g_settings_get_uint (self->settings, "idle-lock-minutes") * G_TIME_SPAN_MINUTE;
  if (self->idle_clock () - self->last_input < limit)
    return FALSE;
  jhk_window_lock (self);
  return TRUE;
}

void
jhk_window_lock (JhkWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JHK_IS_WINDOW (self));

  if (!jhk_window_can_lock (self))
    return;

  /* Lock first: a failure to record it must not leave the data visible. */
  jhk_window_close_dialogs (self);
  gtk_editable_set_text (GTK_EDITABLE (self->unlock_entry), "");
  jhk_window_set_view (self, "lock");
  if (!jhk_accounts_record_lock (self->db, self->session, &error))
    {
      gtk_label_set_text (self->unlock_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
}

static gboolean
idle_timeout_cb (gpointer user_data)
{
  jhk_window_check_idle (user_data);
  return G_SOURCE_CONTINUE;
}

static void
input_cb (JhkWindow *self)
{
  jhk_window_note_input (self);
}

static gboolean
key_input_cb (JhkWindow *self)
{
  jhk_window_note_input (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
scroll_input_cb (JhkWindow *self)
{
  jhk_window_note_input (self);
  return GDK_EVENT_PROPAGATE;
}

/* Watches the input to a window (this one or one of its dialogs). */
void
jhk_window_track_input (JhkWindow *self,
                        GtkWidget *widget)
{
  GtkEventController *controller;

  g_return_if_fail (JHK_IS_WINDOW (self));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);
}

/* Entry activation moves on, or does the view's action. */

static void
login_entry_activated_cb (JhkWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
password_entry_activated_cb (JhkWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.log-in", NULL);
}

static void
change_entry_activated_cb (JhkWindow           *self,
                           AdwPasswordEntryRow *entry)
{
  if (entry == self->old_password_entry)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_password_entry));
  else if (entry == self->new_password_entry)
    gtk_widget_grab_focus (GTK_WIDGET (self->repeat_password_entry));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.change-password", NULL);
}

static void
unlock_entry_activated_cb (JhkWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.unlock", NULL);
}

/* GObject. */

static gboolean
jhk_window_close_request (GtkWindow *window)
{
  JhkWindow *self = JHK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* R13-6/7: closing the window ends the session. */
  jhk_window_end_session (self);

  return GTK_WINDOW_CLASS (jhk_window_parent_class)->close_request (window);
}

static void
jhk_window_dispose (GObject *object)
{
  JhkWindow *self = JHK_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->watch);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->password_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->password_dialog)));
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  if (self->toasts != NULL)
    for (guint i = 0; i < self->toasts->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->toasts, i), self);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);

  G_OBJECT_CLASS (jhk_window_parent_class)->dispose (object);
}

static void
jhk_window_finalize (GObject *object)
{
  JhkWindow *self = JHK_WINDOW (object);

  g_clear_pointer (&self->database_uri, g_free);
  g_clear_pointer (&self->secret_collection, g_free);

  G_OBJECT_CLASS (jhk_window_parent_class)->finalize (object);
}

static void
jhk_window_class_init (JhkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jhk_window_dispose;
  object_class->finalize = jhk_window_finalize;
  window_class->close_request = jhk_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Jhk/ui/jhk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, error_hint);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, connecting_page);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, connecting_spinner);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, login_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, login_error);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, change_password_page);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, old_password_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, new_password_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, repeat_password_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, change_password_error);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, cancel_change_button);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, change_logout_button);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, lock_page);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, unlock_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, content);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, user_org_label);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, user_roles_label);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, user_menu_button);
  gtk_widget_class_bind_template_child (widget_class, JhkWindow, page_stack);
  gtk_widget_class_bind_template_callback (widget_class, login_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  jhk_window_class_install_actions (widget_class);
}

static void
jhk_window_init (JhkWindow *self)
{
  g_autofree char *last_login = NULL;
  GtkIconTheme *theme;

  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->idle_clock = g_get_monotonic_time;
  jhk_window_note_input (self);
  jhk_window_track_input (self, GTK_WIDGET (self));
  self->idle_source = g_timeout_add_seconds (IDLE_POLL_SECONDS, idle_timeout_cb, self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_login = g_settings_get_string (self->settings, "last-login");
  gtk_editable_set_text (GTK_EDITABLE (self->login_entry), last_login);

  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  adw_status_page_set_icon_name (self->login_page, gtk_icon_theme_has_icon (theme, APP_ID)
                                                     ? APP_ID
                                                     : "channel-secure-symbolic");

  /* Until a database is open there is nothing to log in to. */
  jhk_window_set_view (self, "error");
}

JhkWindow *
jhk_window_new (GtkApplication *application)
{
  return g_object_new (JHK_TYPE_WINDOW, "application", application, NULL);
}
