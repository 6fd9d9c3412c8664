/* jhk-window.h: the main window: login, lock, and the user's workspaces. */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_WINDOW (jhk_window_get_type ())
G_DECLARE_FINAL_TYPE (JhkWindow, jhk_window, JHK, WINDOW, AdwApplicationWindow)

/* A monotonic clock in microseconds, like g_get_monotonic_time(). */
typedef gint64 (*JhkIdleClock) (void);

/* application may be NULL (tests). */
JhkWindow  *jhk_window_new               (GtkApplication *application);
/* Opens the database; on failure the window shows why and how to create
 * one, and returns FALSE. A database server is opened in the background:
 * the window shows "connecting", looks for the password in the keyring,
 * asks for it when the server wants one, and ends on "login" or "error";
 * the return value is then TRUE. */
gboolean    jhk_window_open_database     (JhkWindow      *self,
                                          const char     *uri);
JhkDb      *jhk_window_get_database      (JhkWindow      *self);
/* The logged-in user, or NULL. */
JhkSession *jhk_window_get_session       (JhkWindow      *self);
/* "error", "connecting", "login", "change-password", "main" or "lock". */
const char *jhk_window_get_view          (JhkWindow      *self);
/* Name of the visible workspace ("dashboard", "staff", "organisation",
 * "businesses", "audit"), or NULL outside the main view. */
const char *jhk_window_get_workspace     (JhkWindow      *self);
/* The page of a workspace, or NULL when the session may not open it. */
GtkWidget  *jhk_window_get_page          (JhkWindow      *self,
                                          const char     *workspace);
void        jhk_window_add_toast         (JhkWindow      *self,
                                          AdwToast       *toast);

/* R13-9: the idle lock. The clock is injectable for tests; check_idle is
 * what the periodic timer calls, and returns TRUE when it locked. */
void        jhk_window_set_idle_clock    (JhkWindow      *self,
                                          JhkIdleClock    clock);
gboolean    jhk_window_check_idle        (JhkWindow      *self);
void        jhk_window_lock              (JhkWindow      *self);

G_END_DECLS
