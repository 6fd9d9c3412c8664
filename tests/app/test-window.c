/* test-window.c: login, lockout, idle lock, password change and the
 * sidebar of each role, driven through the window's actions. */
#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-lists.h"

static const char *
visible_text (GtkLabel *label)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

static void
test_login_success (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_login = NULL;

  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  app_test_log_in (window, "admin", "jhk-demo");

  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  g_assert_nonnull (jhk_window_get_session (window));
  g_assert_cmpstr (jhk_session_get_login (jhk_window_get_session (window)), ==, "admin");
  g_assert_cmpstr (jhk_window_get_workspace (window), ==, "dashboard");
  /* The password never stays in the entry. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->password_entry)), ==, "");
  last_login = g_settings_get_string (settings, "last-login");
  g_assert_cmpstr (last_login, ==, "admin");
  app_test_save_png (GTK_WIDGET (window), "login-success");
  app_test_destroy_window (window);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* R13-6/7: what one user was told is not shown to the next: logging out
 * takes the toasts away. */
static void
test_log_out_dismisses_toasts (void)
{
  JhkWindow *window = app_test_new_window ();
  AdwToast *toast = adw_toast_new ("A message for admin");
  gboolean dismissed = FALSE;

  app_test_log_in (window, "admin", "jhk-demo");
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_swapped (toast, "dismissed", G_CALLBACK (set_flag), &dismissed);
  jhk_window_add_toast (window, toast);
  g_assert_false (dismissed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL));
  g_assert_true (dismissed);
  app_test_destroy_window (window);
}

static void
test_login_wrong_password (void)
{
  JhkWindow *window = app_test_new_window ();

  app_test_log_in (window, "admin", "wrong password");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  g_assert_null (jhk_window_get_session (window));
  g_assert_cmpstr (visible_text (window->login_error), ==,
                   "The user ID or the password is wrong.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->password_entry)), ==, "");

  /* An unknown user ID gets the same answer (R13-5). */
  app_test_log_in (window, "nobody", "jhk-demo");
  g_assert_cmpstr (visible_text (window->login_error), ==,
                   "The user ID or the password is wrong.");

  /* No user ID at all is caught before asking the database. */
  app_test_log_in (window, "  ", "jhk-demo");
  g_assert_cmpstr (visible_text (window->login_error), ==, "Enter your user ID.");
  app_test_save_png (GTK_WIDGET (window), "login-wrong-password");
  app_test_destroy_window (window);
}

/* R13-5: lockout after the configured number of failures (5 in the demo). */
static void
test_login_lockout (void)
{
  JhkWindow *window = app_test_new_window ();
  const char *message;

  for (int i = 0; i < 4; i++)
    {
      app_test_log_in (window, "chuo-shokuin", "wrong password");
      g_assert_cmpstr (visible_text (window->login_error), ==,
                       "The user ID or the password is wrong.");
    }
  app_test_log_in (window, "chuo-shokuin", "wrong password");
  message = visible_text (window->login_error);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "This user ID is locked after too many failed "
                                            "attempts until "));
  g_assert_true (jhk_accounts_is_locked_out (jhk_window_get_database (window), "chuo-shokuin"));

  /* Even the right password does not open a locked user ID. */
  app_test_log_in (window, "chuo-shokuin", "jhk-demo");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  g_assert_true (g_str_has_prefix (visible_text (window->login_error), "This user ID is locked"));
  app_test_save_png (GTK_WIDGET (window), "login-lockout");
  app_test_destroy_window (window);
}

static gint64 fake_now;

static gint64
fake_clock (void)
{
  return fake_now;
}

static guint
count_audit (JhkWindow  *window,
             const char *action)
{
  g_autoptr(JhkQueryModel) log = jhk_lists_audit (jhk_window_get_database (window));

  jhk_lists_audit_filter (log, "admin", NULL, action, 0, 0);
  return g_list_model_get_n_items (G_LIST_MODEL (log));
}

/* R13-9: the idle lock hides every page; only the same user's password
 * opens it; lock and unlock are audited. */
static void
test_idle_lock (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *main_view = gtk_stack_get_child_by_name (window->view_stack, "main");
  GtkWidget *dashboard;

  g_settings_set_uint (settings, "idle-lock-minutes", 5);
  fake_now = 1000 * G_TIME_SPAN_HOUR;
  jhk_window_set_idle_clock (window, fake_clock);
  app_test_log_in (window, "admin", "jhk-demo");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  dashboard = jhk_window_get_page (window, "dashboard");
  g_assert_true (gtk_widget_get_mapped (dashboard));

  /* Not yet. */
  fake_now += 4 * G_TIME_SPAN_MINUTE;
  g_assert_false (jhk_window_check_idle (window));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");

  fake_now += 1 * G_TIME_SPAN_MINUTE;
  g_assert_true (jhk_window_check_idle (window));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "lock");
  app_test_wait (100);
  /* Nothing of the workspaces is drawn. */
  g_assert_false (gtk_widget_get_visible (main_view));
  g_assert_false (gtk_widget_get_mapped (dashboard));
  g_assert_null (jhk_window_get_workspace (window));
  g_assert_cmpuint (count_audit (window, "session.lock"), ==, 1);
  app_test_save_png (GTK_WIDGET (window), "idle-lock");

  /* A lock does not lock again. */
  fake_now += 10 * G_TIME_SPAN_MINUTE;
  g_assert_false (jhk_window_check_idle (window));

  gtk_editable_set_text (GTK_EDITABLE (window->unlock_entry), "not the password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "lock");
  g_assert_cmpstr (visible_text (window->unlock_error), ==,
                   "The user ID or the password is wrong.");
  g_assert_cmpuint (count_audit (window, "session.unlock_failed"), ==, 1);
  app_test_save_png (GTK_WIDGET (window), "idle-lock-wrong-password");

  gtk_editable_set_text (GTK_EDITABLE (window->unlock_entry), "jhk-demo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unlock", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  g_assert_true (gtk_widget_get_visible (main_view));
  g_assert_cmpuint (count_audit (window, "session.unlock"), ==, 1);
  app_test_wait (100);
  g_assert_true (gtk_widget_get_mapped (dashboard));

  /* The idle time counts again from the unlock. */
  fake_now += 4 * G_TIME_SPAN_MINUTE;
  g_assert_false (jhk_window_check_idle (window));

  /* <Ctrl>l locks at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "lock");

  /* R13-6/7: switching user is logging out. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  g_assert_null (jhk_window_get_session (window));
  g_assert_null (jhk_window_get_page (window, "dashboard"));
  g_assert_cmpuint (count_audit (window, "session.logout"), ==, 1);

  jhk_window_set_idle_clock (window, NULL);
  g_settings_reset (settings, "idle-lock-minutes");
  app_test_destroy_window (window);
}

/* R13-8: a temporary password must be changed before anything else. */
static void
test_forced_password_change (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = NULL;

  admin = jhk_accounts_authenticate (db, "admin", "jhk-demo", "test", &error);
  g_assert_no_error (error);
  jhk_accounts_reset_password (db, admin, "chuo-kanri", "temporary-1", &error);
  g_assert_no_error (error);

  app_test_log_in (window, "chuo-kanri", "temporary-1");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "change-password");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (window->cancel_change_button)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-change-password", NULL);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "change-password");
  g_assert_null (jhk_window_get_page (window, "dashboard"));
  app_test_save_png (GTK_WIDGET (window), "password-change-forced");

  /* The two new passwords must match. */
  gtk_editable_set_text (GTK_EDITABLE (window->old_password_entry), "temporary-1");
  gtk_editable_set_text (GTK_EDITABLE (window->new_password_entry), "a-new-password");
  gtk_editable_set_text (GTK_EDITABLE (window->repeat_password_entry), "another-password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "change-password");
  g_assert_cmpstr (visible_text (window->change_password_error), ==,
                   "The new passwords do not match.");

  /* Core's rules apply: the temporary password cannot be kept. */
  gtk_editable_set_text (GTK_EDITABLE (window->new_password_entry), "temporary-1");
  gtk_editable_set_text (GTK_EDITABLE (window->repeat_password_entry), "temporary-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "change-password");
  g_assert_nonnull (visible_text (window->change_password_error));

  gtk_editable_set_text (GTK_EDITABLE (window->new_password_entry), "a-new-password");
  gtk_editable_set_text (GTK_EDITABLE (window->repeat_password_entry), "a-new-password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  g_assert_nonnull (jhk_window_get_page (window, "dashboard"));
  app_test_save_png (GTK_WIDGET (window), "password-change-done");
  app_test_destroy_window (window);
}

static char *
sidebar_names (JhkWindow *window)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->sidebar_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, g_object_get_data (G_OBJECT (row), "workspace"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  const char *login;
  const char *workspaces;
} SidebarCase;

static const SidebarCase sidebar_cases[] = {
  { "admin",
    "dashboard,ledger,requests,inquiries,incidents,playbooks,trails,staff,organisation,businesses,audit" },
  { "soukatsu",
    "dashboard,ledger,requests,approvals,inquiries,incidents,playbooks,staff,organisation,businesses,audit" },
  { "gyomu", "dashboard,requests,incidents,playbooks,trails,businesses" },
  { "chuo-unyo", "dashboard,ledger,transfers,requests,inquiries,incidents,playbooks,staff" },
  { "chuo-kanri", "dashboard,ledger,transfers,requests,incidents,playbooks" },
  { "chuo-koufu", "dashboard,transfers,inquiries,incidents,playbooks" },
  { "chuo-shokuin", "dashboard,inquiries,incidents,playbooks" },
};

/* The sidebar shows only the workspaces the session's roles allow, and
 * the others cannot be reached by their shortcut either. */
static void
test_sidebar (gconstpointer data)
{
  const SidebarCase *c = data;
  JhkWindow *window = app_test_new_window ();
  g_autofree char *names = NULL;
  g_autofree char *png = g_strdup_printf ("sidebar-%s", c->login);
  const char *all[] = { "dashboard", "staff", "organisation", "businesses", "audit", "trails",
                        "inquiries", "incidents", "playbooks" };

  app_test_log_in (window, c->login, "jhk-demo");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  names = sidebar_names (window);
  g_assert_cmpstr (names, ==, c->workspaces);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      gboolean allowed = strstr (c->workspaces, all[i]) != NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s",
                                                 all[i]));
      g_assert_cmpint (g_strcmp0 (jhk_window_get_workspace (window), all[i]) == 0, ==, allowed);
      g_assert_cmpint (jhk_window_get_page (window, all[i]) != NULL, ==, allowed);
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s",
                                             "dashboard"));
  app_test_save_png (GTK_WIDGET (window), png);
  app_test_destroy_window (window);
}

/* A workspace opened by its shortcut takes the keyboard focus, so that its
 * own shortcuts (Ctrl+N: a new request) work at once; the wizard opens. */
static void
test_workspace_takes_focus (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;
  GtkWidget *focus;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  gtk_widget_grab_focus (GTK_WIDGET (window->sidebar_list));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s",
                                             "requests"));
  page = jhk_window_get_page (window, "requests");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  app_test_destroy_window (window);
}

static void
test_no_database (void)
{
  JhkWindow *window = jhk_window_new (NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "missing.db", NULL);

  g_assert_false (jhk_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "error");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (gtk_label_get_text (window->error_hint), "jhkctl"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window->error_page)));
  app_test_save_png (GTK_WIDGET (window), "no-database");
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/window/login/success", test_login_success);
  g_test_add_func ("/app/window/login/wrong-password", test_login_wrong_password);
  g_test_add_func ("/app/window/R13-6-log-out-dismisses-toasts", test_log_out_dismisses_toasts);
  g_test_add_func ("/app/window/login/R13-5-lockout", test_login_lockout);
  g_test_add_func ("/app/window/R13-9-idle-lock", test_idle_lock);
  g_test_add_func ("/app/window/R13-8-forced-password-change", test_forced_password_change);
  for (guint i = 0; i < G_N_ELEMENTS (sidebar_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/app/window/sidebar/%s", sidebar_cases[i].login);
      g_test_add_data_func (path, &sidebar_cases[i], test_sidebar);
    }
  g_test_add_func ("/app/window/workspace-takes-focus", test_workspace_takes_focus);
  g_test_add_func ("/app/window/no-database", test_no_database);

  return app_test_run ();
}
