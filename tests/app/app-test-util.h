/* app-test-util.h: a demo database, a window on it, and PNGs of it. */
#pragma once

#include <adwaita.h>

#include "jhk-form-dialog.h"
#include "jhk-window-private.h"

G_BEGIN_DECLS

/* Creates the demo organisation once per test program, in a template file
 * that each test copies, since hashing every demo password takes time. */
void        app_test_init            (int         *argc,
                                      char      ***argv);
/* JHK_TEST_LANG=1 with LC_ALL=ja_JP.UTF-8 takes the PNGs in Japanese, to
 * look at: the messages are translated from the build folder's catalogues.
 * Returns TRUE when they are (the English assertions then fail). */
gboolean    app_test_set_test_lang   (void);
/* Runs the tests, then removes the template database. */
int         app_test_run             (void);
/* A fresh copy of the demo database, in this test's own data folder. */
char       *app_test_new_database    (void);
/* A window on a fresh demo database, shown and drawn. */
JhkWindow  *app_test_new_window      (void);
void        app_test_destroy_window  (JhkWindow   *window);
/* Runs the main loop for a while, so that the window is drawn. */
void        app_test_wait            (guint        ms);
/* A window on the database at uri (a server's, as the user of the URI),
 * shown, once it has connected and asks for the login. */
JhkWindow  *app_test_open_uri        (const char  *uri);
/* Logs in through the login view, as a person would. */
void        app_test_log_in          (JhkWindow   *window,
                                      const char  *login,
                                      const char  *password);
/* Logs in as login with the demo password, after logging out whoever is
 * logged in, and shows the workspace name; returns its page. */
GtkWidget  *app_test_open_workspace  (JhkWindow   *window,
                                      const char  *login,
                                      const char  *name);
/* Whether a widget is the one looked for. */
typedef gboolean (*AppTestMatchFunc) (GtkWidget     *widget,
                                      gconstpointer  data);
/* The first widget in a tree that matches, depth first, or NULL. */
GtkWidget  *app_test_find_widget     (GtkWidget        *widget,
                                      AppTestMatchFunc  match,
                                      gconstpointer     data);
/* The first widget of a type in a tree, depth first, or NULL. */
GtkWidget  *app_test_find_descendant (GtkWidget   *widget,
                                      GType        type);
/* The visible toplevel of a type (a dialog), or NULL. */
GtkWindow  *app_test_find_toplevel   (GType        type);
/* Shows a workspace through its action and returns its page. */
GtkWidget  *app_test_show_workspace  (JhkWindow   *window,
                                      const char  *name);
/* A number the database of the window answers (SELECT COUNT(*) …). */
gint64      app_test_count           (JhkWindow   *window,
                                      const char  *sql);
/* A new session of login on the database of the window (not logged in
 * there): for setting up data as that user. */
JhkSession *app_test_session         (JhkWindow   *window,
                                      const char  *login);
/* The drawn button in a tree whose label is label, as written with its
 * mnemonic ("_Confirm", "Lend…"), or NULL. */
GtkWidget  *app_test_find_button     (GtkWidget   *widget,
                                      const char  *label);
/* The button in a tree whose action is action, or NULL. */
GtkWidget  *app_test_find_action_button (GtkWidget  *widget,
                                         const char *action);
/* Whether the button in a tree whose action is action (there must be
 * one) is sensitive. */
gboolean    app_test_action_enabled  (GtkWidget   *widget,
                                      const char  *action);
/* Selects the row of id in list (a GtkSingleSelection over rows, which
 * must hold it) and lets the page show it. */
void        app_test_select_id       (GListModel  *list,
                                      gint64       id);
/* The widget in a tree named name (gtk_widget_set_name), or NULL. */
GtkWidget  *app_test_find_named      (GtkWidget   *widget,
                                      const char  *name);
/* The form dialog shown; there must be one. */
JhkFormDialog *app_test_form_dialog  (void);
/* Sets the text of the editable row id of dialog. */
void        app_test_set_row         (JhkFormDialog *dialog,
                                      const char    *id,
                                      const char    *text);
/* Answers the message dialog shown, which there must be, with response. */
void        app_test_answer          (const char  *response);
/* Writes length bytes of data (up to its NUL when -1) to the file name in
 * this test's data folder; returns its path. */
char       *app_test_write_file      (const char  *name,
                                      const char  *data,
                                      gssize       length);
/* Saves a PNG of a window into the build folder. */
void        app_test_save_png        (GtkWidget   *window,
                                      const char  *name);

G_END_DECLS
