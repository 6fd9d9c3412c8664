/* test-ledger-signoffs.c: the ledger page's confirmations of 様式第1号
 * (R17-11: 作成時確認欄, 最終処理確認欄) and requests for the 総括責任者's
 * approval (R15-2, R16-2), driven through the detail pane's buttons and
 * dialogs; the database checked after each step. */
#include "app-test-util.h"
#include "jhk-form-dialog.h"
#include "jhk-accounts.h"
#include "jhk-ledger-page.h"
#include "jhk-org.h"
#include "jhk-settings.h"

/* The drawn button whose label starts with label, sensitive or not as
 * asked (-1: either). */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label,
             int         sensitive)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (widget)), label) &&
      gtk_widget_is_drawable (widget) &&
      (sensitive < 0 || gtk_widget_get_sensitive (widget) == sensitive))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label, sensitive);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_buttons (GtkWidget  *widget,
               const char *label,
               gboolean    sensitive)
{
  guint n = GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
            g_str_equal (gtk_button_get_label (GTK_BUTTON (widget)), label) &&
            gtk_widget_is_drawable (widget) && gtk_widget_get_sensitive (widget) == sensitive;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_buttons (child, label, sensitive);
  return n;
}

static GtkWidget *
open_material (JhkWindow  *window,
               const char *login,
               gint64      id)
{
  GtkWidget *page;

  app_test_log_in (window, login, "jhk-demo");
  page = app_test_show_workspace (window, "ledger");
  g_assert_true (JHK_IS_LEDGER_PAGE (page));
  app_test_wait (100);
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
  app_test_wait (100);
  return page;
}

/* R17-11: the 情報管理者 signs their box of the 作成時確認欄; the other
 * boxes' buttons are insensitive with the reason. */
static void
test_sign (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                             " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                             " AND m.status = 'stored' AND NOT EXISTS (SELECT 1 FROM"
                             " material_signoffs s WHERE s.material_id = m.id)");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_signoffs"
                                          " WHERE material_id = %" G_GINT64_FORMAT
                                          " AND stage = 'created' AND role = 'info_manager'",
                                          id);
  gint64 audited = app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                  " WHERE action = 'material.signoff'");
  GtkWidget *page = open_material (window, "chuo-kanri", id);
  GtkWidget *confirm, *other;

  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (count_buttons (page, "Confirm", TRUE), ==, 1);
  g_assert_cmpuint (count_buttons (page, "Confirm", FALSE), ==, 3);
  other = find_button (page, "Confirm", FALSE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (other), ==,
                   "Only the holder of this role for the material's office signs this box.");
  confirm = find_button (page, "Confirm", TRUE);
  app_test_save_png (GTK_WIDGET (window), "ledger-signoffs-before");
  g_signal_emit_by_name (confirm, "clicked");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                  " WHERE action = 'material.signoff'"), ==, audited + 1);
  /* Signed: no button of the user's left, four boxes' rows remain. */
  g_assert_cmpuint (count_buttons (page, "Confirm", TRUE), ==, 0);
  g_assert_cmpuint (count_buttons (page, "Confirm", FALSE), ==, 3);
  app_test_save_png (GTK_WIDGET (window), "ledger-signoffs-signed");
  app_test_destroy_window (window);
}

/* R17-11: one who holds two of the office's roles has a 確認 button on
 * each of their boxes, and so chooses the role by the box. */
static void
test_choose_role (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) soukatsu = jhk_session_load (db, jhk_accounts_lookup (db, "soukatsu"),
                                                     NULL, &error);
  g_autofree char *today = jhk_today ();
  gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                             " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                             " AND m.status = 'stored' AND NOT EXISTS (SELECT 1 FROM"
                             " material_signoffs s WHERE s.material_id = m.id)");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_signoffs"
                                          " WHERE material_id = %" G_GINT64_FORMAT
                                          " AND stage = 'created' AND role = 'info_lead'", id);
  GtkWidget *page, *lead = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (jhk_org_grant_role (db, soukatsu, jhk_org_find_staff (db, "C9112"),
                                       JHK_ROLE_INFO_LEAD, jhk_org_find_unit (db, "910"), 0,
                                       today, NULL, "試験", &error), >, 0);
  g_assert_no_error (error);
  page = open_material (window, "chuo-hojo", id);
  g_assert_cmpuint (count_buttons (page, "Confirm", TRUE), ==, 2);
  for (GtkWidget *w = find_button (page, "Confirm", TRUE); w != NULL && lead == NULL;
       w = find_button (page, "Confirm", TRUE))
    {
      if (g_strcmp0 (gtk_widget_get_tooltip_text (w),
                     "Confirm as Information management lead") == 0)
        lead = w;
      else
        gtk_widget_set_sensitive (w, FALSE);  /* look past the other box */
    }
  g_assert_nonnull (lead);
  g_signal_emit_by_name (lead, "clicked");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  /* The assistant's box is still theirs to sign. */
  g_assert_cmpuint (count_buttons (page, "Confirm", TRUE), ==, 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-signoffs-two-roles");
  app_test_destroy_window (window);
}

/* The one who made the final disposition asks for the final
 * confirmations, once; then the 最終処理確認 boxes wait. */
static void
test_request_final (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 id = app_test_count (window, "SELECT MIN(d.material_id) FROM material_dispositions d"
                             " JOIN materials m ON m.id = d.material_id"
                             " JOIN org_units o ON o.id = m.org_unit_id"
                             " WHERE o.name = '中央警察署' AND d.created_by = 'chuo-kanri'"
                             " AND d.material_id NOT IN"
                             " (SELECT material_id FROM material_signoff_requests)");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_signoff_requests"
                                          " WHERE material_id = %" G_GINT64_FORMAT, id);
  GtkWidget *page, *request;

  g_assert_cmpint (id, >, 0);
  page = open_material (window, "chuo-kanri", id);
  request = find_button (page, "Request Final Confirmations", -1);
  g_assert_nonnull (request);
  g_assert_true (gtk_widget_get_sensitive (request));
  g_signal_emit_by_name (request, "clicked");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  request = find_button (page, "Request Final Confirmations", -1);
  g_assert_false (gtk_widget_get_sensitive (request));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (request), ==,
                   "The final confirmations of this material have been asked for already.");
  /* The 情報管理者's final box can be signed now. */
  g_assert_cmpuint (count_buttons (page, "Confirm", TRUE), >=, 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-signoffs-final");
  app_test_destroy_window (window);
}

/* R15-2, R16-2: a request through the dialog (refused without a reason,
 * nothing written), listed with its status, then withdrawn. */
static void
test_request_and_withdraw (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                             " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                             " AND m.status = 'stored' AND m.direction = 'input'"
                             " AND m.personal_data = 1");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_approvals"
                                          " WHERE material_id = %" G_GINT64_FORMAT
                                          " AND kind = 'copy' AND status = 'pending'", id);
  g_autofree char *withdrawn = g_strdup_printf ("SELECT COUNT(*) FROM material_approvals"
                                                " WHERE material_id = %" G_GINT64_FORMAT
                                                " AND status = 'withdrawn'", id);
  gint64 before = app_test_count (window, sql);
  gint64 all = app_test_count (window, "SELECT COUNT(*) FROM material_approvals");
  GtkWidget *page, *request;
  JhkFormDialog *dialog;
  GListModel *kinds;

  g_assert_cmpint (id, >, 0);
  page = open_material (window, "chuo-kanri", id);
  request = find_button (page, "Request _Approval", TRUE);
  g_assert_nonnull (request);
  g_signal_emit_by_name (request, "clicked");
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  /* Personal-data input material: all three kinds are offered. */
  kinds = adw_combo_row_get_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                              "kind_row")));
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row")), 2);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "Give the reason for the request.");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_approvals"), ==, all);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "reason_row")),
                         "公判準備のため写しを要する");
  app_test_save_png (GTK_WIDGET (dialog), "ledger-approval-request-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, before + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                  " WHERE action = 'approval.request'"), >=, 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-approval-requested");

  /* Withdrawn by the requester from the list of the material's requests. */
  g_signal_emit_by_name (find_button (page, "_Withdraw", TRUE), "clicked");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, before);
  g_assert_cmpint (app_test_count (window, withdrawn), >=, 1);
  app_test_destroy_window (window);
}

/* An output material: only 閲覧・交付 (R15-2) is offered; R16-2 is about
 * personal-data input material. */
static void
test_kinds_offered (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                             " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                             " AND m.status = 'stored' AND m.direction = 'output'");
  GtkWidget *page = open_material (window, "chuo-kanri", id);
  JhkFormDialog *dialog;
  GListModel *kinds;

  g_signal_emit_by_name (find_button (page, "Request _Approval", TRUE), "clicked");
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  kinds = adw_combo_row_get_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                              "kind_row")));
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/ledger/R17-11/sign-created-box", test_sign);
  g_test_add_func ("/app/ledger/R17-11/choose-role", test_choose_role);
  g_test_add_func ("/app/ledger/R17-11/request-final", test_request_final);
  g_test_add_func ("/app/ledger/R15-2/R16-2/request-and-withdraw", test_request_and_withdraw);
  g_test_add_func ("/app/ledger/R16-2/kinds-offered", test_kinds_offered);
  return app_test_run ();
}
