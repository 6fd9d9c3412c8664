/* jhk-preferences-window.h: the database and the idle lock of this
 * workstation, and the organisation's password policy. */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_PREFERENCES_WINDOW (jhk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (JhkPreferencesWindow, jhk_preferences_window, JHK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The password policy is shown to everyone and changed by the
 * システム管理者 only. */
GtkWidget *jhk_preferences_window_new         (JhkDb                *db,
                                               JhkSession           *session);
/* Saves the policy values that differ from the database's; FALSE with the
 * first error. Also what the Apply button does. */
gboolean   jhk_preferences_window_apply_policy (JhkPreferencesWindow *self,
                                                GError              **error);
/* Saves the database row into the settings, for the next start; refuses
 * a URI that holds a password (it belongs in the keyring). Also what the
 * row's apply button does. */
gboolean   jhk_preferences_window_apply_database (JhkPreferencesWindow *self,
                                                  GError              **error);

G_END_DECLS
