/* test-transfers-page.c: the 交付等 workspace (issue 4, UI), driven as a
 * person would: the dashboard's items lead to their transfers, 確認
 * (R17-9), 削除確認 (R17-5) and 受入 (R17-8) through their dialogs, and
 * the registers (R17-5) added to, tested and retired; the database is
 * checked after each, and a refused input leaves it unchanged. */
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-delivery.h"
#include "jhk-form-dialog.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-row.h"
#include "jhk-settings.h"
#include "jhk-transfers-page.h"

/* The column view of the visible view of the page. */
static GListModel *
visible_list (GtkWidget *page)
{
  GtkStack *stack = GTK_STACK (app_test_find_descendant (page, GTK_TYPE_STACK));
  GtkWidget *child = gtk_stack_get_visible_child (stack);
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (child,
                                                                   GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static GtkWidget *
open_page (JhkWindow  *window,
           const char *login)
{
  GtkWidget *page;

  app_test_log_in (window, login, "jhk-demo");
  page = app_test_show_workspace (window, "transfers");
  g_assert_true (JHK_IS_TRANSFERS_PAGE (page));
  app_test_wait (100);
  return page;
}

/* R17-9, R17-5: the 運用管理者 of 中央警察署 confirms a transfer and the
 * deletion of a sent file, led there by the dashboard's items; 受入 is
 * not theirs, and says why. */
static void
test_confirm_and_deleted (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "chuo-unyo");
  gint64 confirmed = app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE confirmed_on IS NOT NULL");
  gint64 deleted = app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE deleted_on IS NOT NULL");
  GtkWidget *confirm = app_test_find_action_button (page, "transfers.confirm");
  GtkWidget *receive = app_test_find_action_button (page, "transfers.receive");
  JhkFormDialog *dialog;

  g_assert_cmpint (g_list_model_get_n_items (visible_list (page)), ==,
                   app_test_count (window, "SELECT COUNT(*) FROM transfers"));
  app_test_save_png (GTK_WIDGET (window), "transfers-list");

  /* The dashboard's item: the two transfers still to confirm. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "transfers", "transfers.confirm"));
  app_test_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 2);
  g_assert_true (gtk_widget_get_sensitive (confirm));
  g_assert_false (gtk_widget_get_sensitive (receive));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (receive), ==,
                   "Only the office's operations manager, information management lead, "
                   "information manager or assistant keep its materials ledger.");
  app_test_save_png (GTK_WIDGET (window), "transfers-to-confirm");

  /* Cancelled, nothing is written; confirmed, one transfer is. */
  g_signal_emit_by_name (confirm, "clicked");
  app_test_wait (100);
  app_test_answer ("cancel");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE confirmed_on IS NOT NULL"),
                   ==, confirmed);
  g_signal_emit_by_name (confirm, "clicked");
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                     "transfers-confirm-dialog");
  app_test_answer ("confirm");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE confirmed_on IS NOT NULL"),
                   ==, confirmed + 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 1);

  /* R17-5: the file left in the shared folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "transfers", "transfers.deleted"));
  app_test_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 1);
  g_assert_true (gtk_widget_activate_action (page, "transfers.deleted", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "deleted_on_row", "2999-01-01");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "The date cannot be in the future.");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE deleted_on IS NOT NULL"),
                   ==, deleted);
  {
    g_autofree char *today = jhk_today ();

    app_test_set_row (dialog, "deleted_on_row", today);
  }
  app_test_save_png (GTK_WIDGET (dialog), "transfers-deleted-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM transfers WHERE deleted_on IS NOT NULL"),
                   ==, deleted + 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 0);
  app_test_destroy_window (window);
}

/* R17-8: 西警察署's 運用管理者 receives a transfer from 中央警察署 into
 * a locked place of its ledger; an unlocked one is refused in the dialog. */
static void
test_receive (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) system = jhk_session_new_system ("test");
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  gint64 nishi = jhk_org_find_unit (db, "930");
  gint64 material = app_test_count (window, "SELECT id FROM materials WHERE name = '被疑者指紋照会結果'");
  gint64 transfer, materials;
  GtkWidget *page;
  JhkFormDialog *dialog;
  AdwComboRow *place_row;

  kanri = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-kanri"), NULL, &error);
  g_assert_no_error (error);
  transfer = jhk_delivery_send (db, kanri, &(JhkTransferSpec) {
      .material_id = material, .method = "courier", .sent_on = today, .quantity = 1,
      .officer_staff_id = jhk_org_find_staff (db, "C9113"), .to_office_id = nishi },
      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_ledger_add_storage_place (db, system, nishi, "書棚", FALSE, &error), >, 0);
  g_assert_cmpint (jhk_ledger_add_storage_place (db, system, nishi, "施錠保管庫", TRUE, &error),
                   >, 0);
  g_assert_no_error (error);
  materials = app_test_count (window, "SELECT COUNT(*) FROM materials");

  page = open_page (window, "nishi-unyo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "transfers", "transfers.receive"));
  app_test_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                        "transfers.receive")));
  g_assert_false (gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                         "transfers.confirm")));
  g_assert_true (gtk_widget_activate_action (page, "transfers.receive", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();

  /* 書棚 is not locked: refused as typed, nothing written. */
  place_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "place_row"));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (place_row)); i++)
    {
      g_autoptr(JhkRow) place = g_list_model_get_item (adw_combo_row_get_model (place_row), i);

      if (g_strcmp0 (jhk_row_get_by_name (place, "name"), "書棚") == 0)
        adw_combo_row_set_selected (place_row, i);
    }
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==,
                   "Personal-data and especially important materials are stored only in a "
                   "locked place.");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, materials);
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (place_row)); i++)
    {
      g_autoptr(JhkRow) place = g_list_model_get_item (adw_combo_row_get_model (place_row), i);

      if (g_strcmp0 (jhk_row_get_by_name (place, "name"), "施錠保管庫") == 0)
        adw_combo_row_set_selected (place_row, i);
    }
  app_test_save_png (GTK_WIDGET (dialog), "transfers-receive-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, materials + 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM transfers WHERE id = %"
                                            G_GINT64_FORMAT " AND received_material_id IS NOT NULL",
                                            transfer);

    g_assert_cmpint (app_test_count (window, sql), ==, 1);
  }
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 0);
  app_test_destroy_window (window);
}

/* R17-5, 第17-5: the 運用管理者 adds a fax number (a bad one refused as
 * typed), records its test and retires it, and designates a 交付等担当者
 * and retires them; the 情報管理者 only reads. */
static void
test_registers (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "chuo-unyo");
  GtkStack *stack = GTK_STACK (app_test_find_descendant (page, GTK_TYPE_STACK));
  gint64 channels = app_test_count (window, "SELECT COUNT(*) FROM delivery_channels");
  JhkFormDialog *dialog;
  GListModel *list;

  gtk_stack_set_visible_child_name (stack, "registers");
  app_test_wait (100);
  list = visible_list (page);
  g_assert_cmpint (g_list_model_get_n_items (list), ==,
                   app_test_count (window, "SELECT COUNT(*) FROM delivery_channels WHERE valid_to IS NULL") +
                   app_test_count (window, "SELECT COUNT(*) FROM delivery_officers WHERE valid_to IS NULL"));
  g_assert_false (gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                         "registers.retire")));
  app_test_save_png (GTK_WIDGET (window), "transfers-registers");

  g_assert_true (gtk_widget_activate_action (page, "registers.add-channel", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row")), 3);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "name_row")),
                         "東警察署 警務課");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "address_row")),
                         "〇三-1234");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==,
                   "Enter the fax number with digits and hyphens only.");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_channels"), ==, channels);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "address_row")),
                         "03-1234-5678");
  app_test_save_png (GTK_WIDGET (dialog), "transfers-add-channel-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_channels"), ==, channels + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_channels WHERE tested_on IS NULL"
                                  " AND address = '03-1234-5678'"), ==, 1);

  /* The new entry is selected: its test, then its retirement. */
  g_assert_true (gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                        "registers.record-test")));
  g_assert_true (gtk_widget_activate_action (page, "registers.record-test", NULL));
  app_test_wait (100);
  g_assert_true (jhk_form_dialog_apply (app_test_form_dialog ()));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_channels WHERE tested_on IS NOT NULL"
                                  " AND address = '03-1234-5678'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (page, "registers.retire", NULL));
  app_test_wait (100);
  app_test_answer ("retire");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_channels WHERE valid_to IS NOT NULL"
                                  " AND address = '03-1234-5678'"), ==, 1);

  /* A 交付等担当者 of B101 designated and retired again. */
  {
    gint64 officers = app_test_count (window, "SELECT COUNT(*) FROM delivery_officers");
    AdwComboRow *row;

    g_assert_true (gtk_widget_activate_action (page, "registers.add-officer", NULL));
    app_test_wait (100);
    dialog = app_test_form_dialog ();
    row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "business_row"));
    for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (row)); i++)
      {
        g_autoptr(JhkRow) business = g_list_model_get_item (adw_combo_row_get_model (row), i);

        if (g_strcmp0 (jhk_row_get_by_name (business, "code"), "B101") == 0)
          adw_combo_row_set_selected (row, i);
      }
    row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "staff_row"));
    for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (row)); i++)
      {
        g_autoptr(JhkRow) staff = g_list_model_get_item (adw_combo_row_get_model (row), i);

        if (g_strcmp0 (jhk_row_get_by_name (staff, "staff_no"), "C9112") == 0)
          adw_combo_row_set_selected (row, i);
      }
    app_test_save_png (GTK_WIDGET (dialog), "transfers-add-officer-dialog");
    g_assert_true (jhk_form_dialog_apply (dialog));
    app_test_wait (100);
    g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_officers"), ==, officers + 1);
    g_assert_false (
      gtk_widget_get_sensitive (app_test_find_action_button (page, "registers.record-test")));
    g_assert_true (gtk_widget_activate_action (page, "registers.retire", NULL));
    app_test_wait (100);
    app_test_answer ("retire");
    g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM delivery_officers o JOIN staff s"
                                    " ON s.id = o.staff_id WHERE s.staff_no = 'C9112'"
                                    " AND o.valid_to IS NOT NULL"), ==, 1);
  }
  app_test_destroy_window (window);

  /* The 情報管理者 reads the registers and changes nothing. */
  window = app_test_new_window ();
  page = open_page (window, "chuo-kanri");
  g_assert_false (gtk_widget_get_visible (app_test_find_action_button (page,
                                                                       "registers.add-channel")));
  g_assert_false (gtk_widget_get_visible (app_test_find_action_button (page, "registers.retire")));
  app_test_destroy_window (window);
}

/* The 交付等担当者 sees the transfers they sent: the deletion of their
 * file waits for them; 確認 is the 運用管理者's, and the registers are
 * only read. */
static void
test_officer (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "chuo-koufu");
  GtkDropDown *filter = GTK_DROP_DOWN (app_test_find_descendant (page, GTK_TYPE_DROP_DOWN));
  GtkWidget *confirm = app_test_find_action_button (page, "transfers.confirm");

  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==,
                    app_test_count (window, "SELECT COUNT(*) FROM transfers"));
  gtk_drop_down_set_selected (filter, 1);  /* Waiting for Me */
  app_test_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 1);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (visible_list (page)), 0);
  app_test_wait (50);
  g_assert_true (gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                        "transfers.deleted")));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (confirm), ==,
                   "Only the office's operations manager keeps its transfer registers and "
                   "confirms its transfers.");
  g_assert_false (gtk_widget_get_visible (app_test_find_action_button (page,
                                                                       "registers.add-officer")));
  app_test_save_png (GTK_WIDGET (window), "transfers-officer");
  app_test_destroy_window (window);
}

/* A shown action row titled title. */
static gboolean
is_row (GtkWidget     *widget,
        gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The dashboard's transfer items lead to the page, filtered. */
static void
test_dashboard (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *dashboard, *row, *page;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  dashboard = app_test_show_workspace (window, "dashboard");
  app_test_wait (100);
  row = app_test_find_widget (dashboard, is_row, "Transfers Waiting for Your Confirmation");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "2 transfers of your office have no operations manager's confirmation yet");
  g_assert_nonnull (app_test_find_widget (dashboard, is_row, "Sent Files Still to Be Deleted"));
  g_assert_null (app_test_find_widget (dashboard, is_row, "Transfers to Receive"));
  app_test_save_png (GTK_WIDGET (window), "transfers-dashboard");
  gtk_widget_activate (row);
  app_test_wait (100);
  page = app_test_find_descendant (GTK_WIDGET (window), JHK_TYPE_TRANSFERS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpuint (g_list_model_get_n_items (visible_list (page)), ==, 2);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_set_test_lang ();
  app_test_init (&argc, &argv);

  g_test_add_func ("/transfers-page/R17-9/confirm-and-R17-5-deleted", test_confirm_and_deleted);
  g_test_add_func ("/transfers-page/R17-8/receive", test_receive);
  g_test_add_func ("/transfers-page/R17-5/registers", test_registers);
  g_test_add_func ("/transfers-page/R17-5/officer", test_officer);
  g_test_add_func ("/transfers-page/R17-9/dashboard", test_dashboard);
  return app_test_run ();
}
