/* jhk-window-private.h: what jhk-window.c and jhk-window-actions.c share. */
#pragma once

#include "jhk-db-watch.h"
#include "jhk-window.h"

G_BEGIN_DECLS

struct _JhkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children. */
  GtkStack             *view_stack;
  AdwStatusPage        *error_page;
  GtkLabel             *error_hint;
  AdwStatusPage        *connecting_page;
  GtkSpinner           *connecting_spinner;
  AdwStatusPage        *login_page;
  AdwEntryRow          *login_entry;
  AdwPasswordEntryRow  *password_entry;
  GtkLabel             *login_error;
  GtkButton            *login_button;
  AdwStatusPage        *change_password_page;
  AdwPasswordEntryRow  *old_password_entry;
  AdwPasswordEntryRow  *new_password_entry;
  AdwPasswordEntryRow  *repeat_password_entry;
  GtkLabel             *change_password_error;
  GtkButton            *cancel_change_button;
  GtkButton            *change_logout_button;
  AdwStatusPage        *lock_page;
  AdwPasswordEntryRow  *unlock_entry;
  GtkLabel             *unlock_error;
  AdwToastOverlay      *toast_overlay;
  GPtrArray            *toasts;   /* AdwToast shown and not yet dismissed */
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkListBox           *sidebar_list;
  GtkLabel             *user_name_label;
  GtkLabel             *user_org_label;
  GtkLabel             *user_roles_label;
  AdwWindowTitle       *page_title;
  GtkMenuButton        *user_menu_button;
  AdwViewStack         *page_stack;

  GSettings            *settings;
  char                 *database_uri;
  JhkDb                *db;
  /* Opening a database server: the keyring, the connection, the password
   * dialog (NULL unless shown). Cancelled when another open starts. */
  GCancellable         *open_cancellable;
  GtkWidget            *password_dialog;
  /* Where passwords are kept on request: NULL, the default keyring; tests
   * use the session collection, which lives in memory only. */
  char                 *secret_collection;
  JhkSession           *session;
  /* TRUE while the password change is forced (R13-8). */
  gboolean              must_change_password;

  JhkIdleClock          idle_clock;
  gint64                last_input;
  guint                 idle_source;
  /* Another window or workstation changed the data: the pages follow. */
  JhkDbWatch           *watch;
};

/* The dialog asking for the database server's password while it is
 * shown, or NULL. */
GtkWidget  *jhk_window_get_password_dialog   (JhkWindow      *self);
void        jhk_window_set_secret_collection (JhkWindow      *self,
                                              const char     *collection);

void        jhk_window_class_install_actions (GtkWidgetClass *widget_class);
/* Enables exactly the actions that make sense in the current view. */
void        jhk_window_actions_update        (JhkWindow      *self);

void        jhk_window_set_view              (JhkWindow      *self,
                                              const char     *view);
/* After a successful authentication: the forced password change (R13-8) or
 * the workspaces. Takes over the session. */
void        jhk_window_begin_session         (JhkWindow      *self,
                                              JhkSession     *session);
/* Shows the workspaces of the session (after login or a password change). */
void        jhk_window_enter_main            (JhkWindow      *self);
/* Reads the session again (roles, password expiry) after the user changed
 * it; the pages are made anew at the next jhk_window_enter_main(). */
void        jhk_window_reload_session        (JhkWindow      *self);
/* Forgets the session and every page; back to the login view. */
void        jhk_window_end_session           (JhkWindow      *self);
gboolean    jhk_window_show_workspace        (JhkWindow      *self,
                                              const char     *workspace);
void        jhk_window_focus_page            (JhkWindow      *self);
/* Checks for changes by others now (the watch also does it twice a
 * second); TRUE when the pages were told. */
gboolean    jhk_window_check_for_changes     (JhkWindow      *self);
/* Closes the dialogs of this window: they may show data (R13-9). */
void        jhk_window_close_dialogs         (JhkWindow      *self);
gboolean    jhk_window_can_lock              (JhkWindow      *self);
void        jhk_window_note_input            (JhkWindow      *self);
/* Counts input to widget (a dialog of this window) as activity too. */
void        jhk_window_track_input           (JhkWindow      *self,
                                              GtkWidget      *widget);

G_END_DECLS
