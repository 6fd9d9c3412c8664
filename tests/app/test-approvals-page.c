/* test-approvals-page.c: the 承認 workspace (issue 4, UI): the 総括責任者
 * approves and declines the requests for approval (R15-2, R16-2) through
 * the confirmation dialogs; declining needs a comment; the database is
 * checked after each step. */
#include "app-test-util.h"
#include "jhk-approvals-page.h"
#include "jhk-form-dialog.h"

static JhkFormDialog *
open_dialog (GtkWidget *button)
{
  JhkFormDialog *dialog;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* R15-2, R16-2: approve one pending request, decline another (refused
 * without a comment, nothing written), each one audited write. */
static void
test_decide (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 pending = app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                  " WHERE status = 'pending'");
  gint64 approved = app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                   " WHERE status = 'approved'");
  gint64 declined = app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                   " WHERE status = 'declined'");
  gint64 audited = app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                  " WHERE action LIKE 'approval.%'");
  GtkWidget *page;
  JhkFormDialog *dialog;

  g_assert_cmpint (pending, >=, 2);
  app_test_log_in (window, "soukatsu", "jhk-demo");
  page = app_test_show_workspace (window, "approvals");
  g_assert_true (JHK_IS_APPROVALS_PAGE (page));
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (window), "approvals-page");

  dialog = open_dialog (app_test_find_button (page, "_Approve…"));
  app_test_save_png (GTK_WIDGET (dialog), "approvals-approve-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                  " WHERE status = 'approved'"), ==, approved + 1);

  dialog = open_dialog (app_test_find_button (page, "_Decline…"));
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "Give the reason for declining.");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                  " WHERE status = 'declined'"), ==, declined);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "comment_row")),
                         "閲覧で足りる。");
  app_test_save_png (GTK_WIDGET (dialog), "approvals-decline-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                  " WHERE status = 'declined'"), ==, declined + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_approvals"
                                  " WHERE status = 'pending'"), ==, pending - 2);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                  " WHERE action LIKE 'approval.%'"), ==, audited + 2);

  /* The decided ones behind the switch. */
  gtk_switch_set_active (GTK_SWITCH (app_test_find_descendant (page, GTK_TYPE_SWITCH)), TRUE);
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (window), "approvals-page-decided");
  app_test_destroy_window (window);
}

/* The dashboard's item leads the 総括責任者 to the Approvals workspace. */
static void
test_dashboard_item (void)
{
  JhkWindow *window = app_test_new_window ();

  app_test_log_in (window, "soukatsu", "jhk-demo");
  app_test_wait (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "approvals", "approvals.pending"));
  app_test_wait (100);
  g_assert_cmpstr (jhk_window_get_workspace (window), ==, "approvals");
  g_assert_true (JHK_IS_APPROVALS_PAGE (jhk_window_get_page (window, "approvals")));
  app_test_destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/approvals/R15-2/R16-2/approve-and-decline", test_decide);
  g_test_add_func ("/app/approvals/R15-2/dashboard-item", test_dashboard_item);
  return app_test_run ();
}
