/* test-pages.c: the workspaces, their dialogs and the audit verification,
 * driven through their actions. */
#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-form-dialog.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-preferences-window.h"
#include "jhk-settings.h"
#include "jhk-staff-page.h"

/* Selects the row whose column has value in the page's column view. */
static void
select_row (GtkWidget  *page,
            const char *column,
            const char *value)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (g_strcmp0 (jhk_row_get_by_name (row, column), value) == 0)
        {
          g_assert_true (gtk_selection_model_select_item (model, i, TRUE));
          return;
        }
    }
  g_assert_not_reached ();
}

static guint
count_audit (JhkWindow  *window,
             const char *action)
{
  g_autoptr(JhkQueryModel) log = jhk_lists_audit (jhk_window_get_database (window));

  jhk_lists_audit_filter (log, NULL, NULL, action, 0, 0);
  return g_list_model_get_n_items (G_LIST_MODEL (log));
}

/* Every workspace of the システム管理者 opens and is drawn. */
static void
test_admin_pages (void)
{
  JhkWindow *window = app_test_new_window ();
  const char *names[] = { "dashboard", "staff", "organisation", "businesses", "audit" };

  app_test_log_in (window, "admin", "jhk-demo");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *png = g_strdup_printf ("page-%s", names[i]);
      GtkWidget *page = app_test_show_workspace (window, names[i]);

      g_assert_true (gtk_widget_get_mapped (page));
      app_test_save_png (GTK_WIDGET (window), png);
    }
  app_test_destroy_window (window);
}

/* Ctrl+F searches the visible list; a search that finds nothing shows the
 * empty state; Escape clears it. */
static void
test_staff_search (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;
  GtkWidget *focus;
  GtkWidget *entry;
  GtkWidget *stack;

  app_test_log_in (window, "admin", "jhk-demo");
  page = app_test_show_workspace (window, "staff");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  entry = gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (entry, page));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such person");
  app_test_wait (400);
  stack = app_test_find_descendant (page, GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  app_test_save_png (GTK_WIDGET (window), "staff-search-empty");

  gtk_editable_set_text (GTK_EDITABLE (entry), "タカハシ");
  app_test_wait (400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                      GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW))))),
                    ==, 2);
  app_test_destroy_window (window);
}

static JhkFormDialog *
open_form (GtkWidget  *page,
           const char *action)
{
  JhkFormDialog *dialog;

  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* R12-1: the 総括責任者 issues a user ID, with a reason; a mistake keeps
 * the dialog open with the message. */
static void
test_staff_issue_user (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  JhkFormDialog *dialog;
  GtkWidget *page;
  gint64 staff_id = jhk_org_find_staff (db, "A1102");

  app_test_log_in (window, "soukatsu", "jhk-demo");
  page = app_test_show_workspace (window, "staff");
  g_assert_true (jhk_staff_page_select_staff (JHK_STAFF_PAGE (page), staff_id));
  app_test_save_png (GTK_WIDGET (window), "staff-details");

  dialog = open_form (page, "staff.issue-user");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "login_row")),
                         "nakamura");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "password_row")),
                         "first-password");
  /* The 総括責任者 names no approver. */
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (jhk_form_dialog_get_object (dialog, "approver_row"))));

  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==,
                   "Give the reason for issuing the user ID.");
  g_assert_cmpint (jhk_accounts_lookup (db, "nakamura"), ==, 0);
  app_test_save_png (GTK_WIDGET (dialog), "staff-issue-user-dialog");

  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "reason_row")),
                         "New member of the system section");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_cmpint (jhk_accounts_lookup (db, "nakamura"), !=, 0);
  app_test_save_png (GTK_WIDGET (window), "staff-issued");
  app_test_destroy_window (window);
}

/* R13-10: the 総括責任者 restricts a user with a reason, after confirming;
 * the restriction holds at once. */
static void
test_staff_restrict (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) restricted = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *page;

  app_test_log_in (window, "soukatsu", "jhk-demo");
  page = app_test_show_workspace (window, "staff");
  g_assert_true (jhk_staff_page_select_staff (JHK_STAFF_PAGE (page),
                                              jhk_org_find_staff (db, "C9132")));
  g_assert_true (gtk_widget_activate_action (page, "staff.restrict", NULL));
  app_test_wait (100);
  dialog = ADW_MESSAGE_DIALOG (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);

  /* No reason, no restriction. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "restrict"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reason"), "Under investigation");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "restrict"));
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "kind"), 1);
  app_test_save_png (GTK_WIDGET (dialog), "staff-restrict-dialog");
  adw_message_dialog_response (dialog, "restrict");
  app_test_wait (100);

  restricted = jhk_accounts_authenticate (db, "chuo-shokuin", "jhk-demo", "test", &error);
  g_assert_no_error (error);
  g_assert_false (jhk_policy_check_can_write (db, restricted, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  app_test_save_png (GTK_WIDGET (window), "staff-restricted");
  app_test_destroy_window (window);
}

/* R13-5: the システム管理者 sees the lockout on the dashboard and lifts
 * it in the staff workspace. */
static void
test_staff_unlock (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  GtkWidget *page;

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkSession) session =
        jhk_accounts_authenticate (db, "chuo-kanbu", "wrong password", "test", &error);

      g_assert_null (session);
    }
  g_assert_true (jhk_accounts_is_locked_out (db, "chuo-kanbu"));

  app_test_log_in (window, "admin", "jhk-demo");
  app_test_save_png (GTK_WIDGET (window), "dashboard-lockout");
  page = app_test_show_workspace (window, "staff");
  g_assert_true (jhk_staff_page_select_staff (JHK_STAFF_PAGE (page),
                                              jhk_org_find_staff (db, "C9131")));
  app_test_save_png (GTK_WIDGET (window), "staff-locked-out");
  g_assert_true (gtk_widget_activate_action (page, "staff.unlock", NULL));
  g_assert_false (jhk_accounts_is_locked_out (db, "chuo-kanbu"));
  app_test_destroy_window (window);
}

/* R5-1: a role is assigned with a scope of the kind the role needs; the
 * dialog offers the person's own unit. */
static void
test_staff_assign_role (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkQueryModel) roles = jhk_lists_roles (db);
  gint64 staff_id = jhk_org_find_staff (db, "C9141");
  JhkFormDialog *dialog;
  GtkWidget *page;
  guint before;

  jhk_lists_roles_filter (roles, staff_id, TRUE);
  before = g_list_model_get_n_items (G_LIST_MODEL (roles));

  app_test_log_in (window, "admin", "jhk-demo");
  page = app_test_show_workspace (window, "staff");
  g_assert_true (jhk_staff_page_select_staff (JHK_STAFF_PAGE (page), staff_id));
  dialog = open_form (page, "staff.assign-role");
  /* The システム管理者 may assign every role, offered in their order. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "role_row")),
                              JHK_ROLE_INFO_MANAGER);
  app_test_save_png (GTK_WIDGET (dialog), "staff-assign-role-dialog");

  /* A bad date is refused by core, and nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "to_row")), "2020-13-01");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "Dates are written YYYY-MM-DD.");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "to_row")), "");
  g_assert_true (jhk_form_dialog_apply (dialog));

  jhk_lists_roles_filter (roles, staff_id, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (roles)), ==, before + 1);
  app_test_save_png (GTK_WIDGET (window), "staff-role-assigned");
  app_test_destroy_window (window);
}

/* Every form opens, draws, and closes without writing. */
static void
test_forms (void)
{
  JhkWindow *window = app_test_new_window ();
  const struct
  {
    const char *workspace;
    const char *action;
    const char *png;
  } forms[] = {
    { "staff", "staff.add-staff", "form-add-staff" },
    { "organisation", "org.add-unit", "form-add-unit" },
    { "businesses", "business.register", "form-register-business" },
  };
  guint entries;

  app_test_log_in (window, "admin", "jhk-demo");
  entries = count_audit (window, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      GtkWidget *page = app_test_show_workspace (window, forms[i].workspace);
      JhkFormDialog *dialog = open_form (page, forms[i].action);

      app_test_save_png (GTK_WIDGET (dialog), forms[i].png);
      gtk_window_close (GTK_WINDOW (dialog));
      app_test_wait (50);
      g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
    }
  g_assert_cmpuint (count_audit (window, NULL), ==, entries);
  app_test_destroy_window (window);
}

/* R8-1: the 総括責任者 approves a business after confirming. */
static void
test_business_approve (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 business = jhk_org_find_business (db, "B104");
  AdwMessageDialog *dialog;
  GtkWidget *page;

  app_test_log_in (window, "soukatsu", "jhk-demo");
  page = app_test_show_workspace (window, "businesses");
  g_assert_false (jhk_org_business_is_usable (db, business));
  select_row (page, "code", "B104");
  g_assert_true (gtk_widget_activate_action (page, "business.approve", NULL));
  app_test_wait (100);
  dialog = ADW_MESSAGE_DIALOG (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  app_test_save_png (GTK_WIDGET (dialog), "business-approve-dialog");
  adw_message_dialog_response (dialog, "approve");
  app_test_wait (100);
  g_assert_true (jhk_org_business_is_usable (db, business));
  app_test_save_png (GTK_WIDGET (window), "business-approved");
  app_test_destroy_window (window);
}

/* The verification runs in a thread with its own connection, reports its
 * result and is recorded in the chain, where the dashboard finds it. */
/* R6-2: the manager of a business designates another structure with the
 * システム管理者's agreement, and ends it; others cannot. */
static void
test_business_alt_structure (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkQueryModel) designations = jhk_lists_alt_structures (db);
  JhkFormDialog *dialog;
  GtkWidget *page;
  guint designated = count_audit (window, "structure.designate");

  app_test_log_in (window, "gyomu", "jhk-demo");
  page = app_test_show_workspace (window, "businesses");
  /* Not the manager of 犯罪統計業務. */
  select_row (page, "code", "B102");
  g_assert_false (gtk_widget_activate_action (page, "business.designate-structure", NULL) &&
                  app_test_find_toplevel (JHK_TYPE_FORM_DIALOG) != NULL);
  select_row (page, "code", "B101");
  dialog = open_form (page, "business.designate-structure");
  /* The only システム管理者 is offered; today is the default date. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      jhk_form_dialog_get_object (dialog, "agreed_by_row"))), ==, 0);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "Enter the structure.");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "structure_row")),
                         "鑑識課長を情報管理者とする");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "reason_row")),
                         "夜間の照合体制");
  app_test_save_png (GTK_WIDGET (dialog), "business-structure-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpuint (count_audit (window, "structure.designate"), ==, designated + 1);
  jhk_lists_alt_structures_filter (designations, jhk_org_find_business (db, "B101"), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (designations)), ==, 1);
  app_test_save_png (GTK_WIDGET (window), "business-structure-designated");

  dialog = open_form (page, "business.end-structure");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  jhk_lists_alt_structures_filter (designations, jhk_org_find_business (db, "B101"), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (designations)), ==, 0);
  app_test_destroy_window (window);
}

/* Issue 3: what another workstation writes shows within a second, in the
 * page on screen and, when shown, in the others; no reload by hand. */
static void
test_live_updates (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) other = jhk_db_open (jhk_db_get_uri (db), JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkSession) admin = NULL;
  GtkWidget *page;
  GListModel *staff;
  GListModel *units;
  guint n_staff, n_units;

  g_assert_no_error (error);
  admin = jhk_accounts_authenticate (other, "admin", "jhk-demo", "other", &error);
  g_assert_no_error (error);

  app_test_log_in (window, "admin", "jhk-demo");
  units = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (
    app_test_find_descendant (app_test_show_workspace (window, "organisation"), GTK_TYPE_COLUMN_VIEW))));
  n_units = g_list_model_get_n_items (units);
  page = app_test_show_workspace (window, "staff");
  staff = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (
    app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW))));
  n_staff = g_list_model_get_n_items (staff);

  g_assert_cmpint (jhk_org_add_staff (other, admin, "C9142", "石井 亮", "イシイ リョウ", "巡査",
                                      "地域課", jhk_org_find_unit (other, "914"), "9142",
                                      &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_org_add_unit (other, admin, "915", "交通課", "section",
                                     jhk_org_find_unit (other, "910"), "交通課長", &error), >, 0);
  g_assert_no_error (error);

  /* The watch looks twice a second. */
  app_test_wait (1000);
  g_assert_cmpuint (g_list_model_get_n_items (staff), ==, n_staff + 1);
  app_test_save_png (GTK_WIDGET (window), "live-update-staff");
  /* The hidden page catches up when shown. */
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  app_test_show_workspace (window, "organisation");
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units + 1);
  app_test_destroy_window (window);
}

static void
test_audit_verify (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;

  app_test_log_in (window, "admin", "jhk-demo");
  g_assert_cmpuint (count_audit (window, "audit.verify"), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify-audit", NULL));
  g_assert_cmpstr (jhk_window_get_workspace (window), ==, "audit");
  page = jhk_window_get_page (window, "audit");
  for (int i = 0; i < 200 && count_audit (window, "audit.verify") == 0; i++)
    app_test_wait (50);
  g_assert_cmpuint (count_audit (window, "audit.verify"), ==, 1);
  g_assert_true (gtk_widget_is_visible (page));
  app_test_save_png (GTK_WIDGET (window), "audit-verified");

  app_test_show_workspace (window, "dashboard");
  app_test_save_png (GTK_WIDGET (window), "dashboard-verified");
  app_test_destroy_window (window);
}

/* Preferences: the password policy is read-only but for the
 * システム管理者, whose changes are audited. */
static void
test_preferences (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  JhkPreferencesWindow *preferences;
  g_autoptr(GError) error = NULL;
  guint settings_set;

  app_test_log_in (window, "admin", "jhk-demo");
  settings_set = count_audit (window, "settings.set");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL));
  app_test_wait (100);
  preferences = JHK_PREFERENCES_WINDOW (app_test_find_toplevel (JHK_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  app_test_save_png (GTK_WIDGET (preferences), "preferences");

  /* Nothing changed, nothing written. */
  g_assert_true (jhk_preferences_window_apply_policy (preferences, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (window, "settings.set"), ==, settings_set);

  /* R13-9: the lock closes the preferences with every other dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==, 5);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/pages/admin", test_admin_pages);
  g_test_add_func ("/app/pages/staff/search", test_staff_search);
  g_test_add_func ("/app/pages/staff/R12-1-issue-user", test_staff_issue_user);
  g_test_add_func ("/app/pages/staff/R13-10-restrict", test_staff_restrict);
  g_test_add_func ("/app/pages/staff/R13-5-unlock", test_staff_unlock);
  g_test_add_func ("/app/pages/staff/R5-1-assign-role", test_staff_assign_role);
  g_test_add_func ("/app/pages/forms", test_forms);
  g_test_add_func ("/app/pages/businesses/R8-1-approve", test_business_approve);
  g_test_add_func ("/app/pages/businesses/R6-2-other-structure", test_business_alt_structure);
  g_test_add_func ("/app/pages/live-updates", test_live_updates);
  g_test_add_func ("/app/pages/audit/verify", test_audit_verify);
  g_test_add_func ("/app/pages/preferences", test_preferences);

  return app_test_run ();
}
