/* test-ledger-page.c: the 入出力資料台帳 workspace (issue 4, UI), driven as
 * a person would: the list and its filters and sorting, the detail pane's
 * steps with their reasons, and the dialogs writing through the services. */
#include "app-test-util.h"
#include "jhk-attention.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-ledger-page.h"
#include "jhk-lists.h"
#include "jhk-retention.h"

static GListModel *
page_list (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static GtkWidget *
open_ledger (JhkWindow  *window,
             const char *login)
{
  GtkWidget *page;

  app_test_log_in (window, login, "jhk-demo");
  page = app_test_show_workspace (window, "ledger");
  g_assert_true (JHK_IS_LEDGER_PAGE (page));
  app_test_wait (100);
  return page;
}

/* R15-1: the office's ledger, filtered and sorted by the database. */
static void
test_list (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_ledger (window, "chuo-kanri");
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  GListModel *list = page_list (page);
  GtkDropDown *status = NULL;
  g_autoptr(JhkRow) first = NULL;
  g_autoptr(JhkRow) second = NULL;
  gint64 office_total = app_test_count (window, "SELECT COUNT(*) FROM materials m JOIN org_units o"
                                       " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'");
  gint64 closed = app_test_count (window, "SELECT COUNT(*) FROM materials m JOIN org_units o"
                                 " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                                 " AND m.status = 'closed'");

  g_assert_cmpint (g_list_model_get_n_items (list), ==, office_total);
  g_assert_cmpint (office_total, >, 100);

  /* The status filter: 最終処理済. */
  for (GtkWidget *w = app_test_find_descendant (page, GTK_TYPE_DROP_DOWN); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_DROP_DOWN (w) &&
        g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (w))) == 6)
      status = GTK_DROP_DOWN (w);
  g_assert_nonnull (status);
  gtk_drop_down_set_selected (status, 3);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, closed);
  gtk_drop_down_set_selected (status, 0);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, office_total);

  /* Sorting by 資料名 through the column header's sorter. */
  {
    g_autoptr(GtkColumnViewColumn) name_column =
      g_list_model_get_item (gtk_column_view_get_columns (view), 1);

    gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);
    app_test_wait (50);
    first = g_list_model_get_item (list, 0);
    second = g_list_model_get_item (list, g_list_model_get_n_items (list) - 1);
    g_assert_cmpint (strcmp (jhk_row_get_by_name (first, "name"),
                             jhk_row_get_by_name (second, "name")), <=, 0);
    gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
    app_test_wait (50);
    g_clear_object (&first);
    first = g_list_model_get_item (list, 0);
    g_assert_cmpstr (jhk_row_get_by_name (first, "name"), ==,
                     jhk_row_get_by_name (second, "name"));
  }
  app_test_save_png (GTK_WIDGET (window), "ledger-list");
  app_test_destroy_window (window);
}

/* The steps of a stored material: 返却 is offered only when something is
 * lent out, and says why not; 貸出 through its dialog is one audited write. */
static void
test_lend (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_ledger (window, "chuo-kanri");
  gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                             " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                             " AND m.status = 'stored' AND m.quantity_on_hand > 1");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_events"
                                          " WHERE material_id = %" G_GINT64_FORMAT
                                          " AND kind = 'lend'", id);
  gint64 lends = app_test_count (window, sql);
  gint64 audited = app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.event'");
  GtkWidget *lend, *give_back, *final;
  JhkFormDialog *dialog;

  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
  app_test_wait (100);
  give_back = app_test_find_button (page, "Return…");
  lend = app_test_find_button (page, "Lend…");
  g_assert_nonnull (give_back);
  g_assert_nonnull (lend);
  g_assert_false (gtk_widget_get_sensitive (give_back));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (give_back), ==,
                   "Nothing of this material is lent out.");
  g_assert_true (gtk_widget_get_sensitive (lend));
  app_test_save_png (GTK_WIDGET (window), "ledger-detail");

  /* RF1: its 様式第1号 from the detail pane. */
  {
    JhkFormPreview *preview;

    g_assert_true (gtk_widget_activate_action (page, "ledger.form1", NULL));
    app_test_wait (200);
    preview = JHK_FORM_PREVIEW (app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW));
    g_assert_nonnull (preview);
    g_assert_cmpuint (jhk_form_preview_get_n_pages (preview), >=, 1);
    gtk_window_destroy (GTK_WINDOW (preview));
    app_test_wait (50);
  }

  g_signal_emit_by_name (lend, "clicked");
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);

  /* A quantity that is not a number is refused in the dialog; nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")), "一");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "The quantity must be a whole number.");
  g_assert_cmpint (app_test_count (window, sql), ==, lends);

  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")), "1");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "counterpart_row")),
                         "刑事課 捜査係");
  app_test_save_png (GTK_WIDGET (dialog), "ledger-lend-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, lends + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.event'"),
                   ==, audited + 1);

  /* Now something is lent out: 返却 is offered, the final disposition not. */
  give_back = app_test_find_button (page, "Return…");
  g_assert_true (gtk_widget_get_sensitive (give_back));
  final = app_test_find_button (page, "Final Disposition…");
  g_assert_false (gtk_widget_get_sensitive (final));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (final), ==,
                   "Part of this material is lent out: record its return first.");
  app_test_destroy_window (window);
}

/* R15-5 through the register dialog: personal data refused in an unlocked
 * place, the row marked, the database unchanged; then registered. */
static void
test_register (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_ledger (window, "chuo-kanri");
  gint64 before = app_test_count (window, "SELECT COUNT(*) FROM materials");
  JhkFormDialog *dialog;
  GtkWidget *place_row;
  GArray *place_ids;
  gint64 unlocked = app_test_count (window, "SELECT MIN(p.id) FROM storage_places p JOIN org_units o"
                                   " ON o.id = p.org_unit_id WHERE o.name = '中央警察署'"
                                   " AND p.locked = 0");
  gint64 locked = app_test_count (window, "SELECT MIN(p.id) FROM storage_places p JOIN org_units o"
                                 " ON o.id = p.org_unit_id WHERE o.name = '中央警察署'"
                                 " AND p.locked = 1");

  g_assert_true (gtk_widget_activate_action (page, "ledger.register", NULL));
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "name_row")),
                         "運転者照会結果一覧表");
  /* Checked as the user types: nothing shows before they type; a
   * quantity that is no number is told and marked at once. */
  g_assert_null (jhk_form_dialog_get_error (dialog));
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")), "三");
  app_test_wait (50);
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "The quantity must be a whole number.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                   "quantity_row")),
                                           "error"));
  app_test_save_png (GTK_WIDGET (dialog), "ledger-register-as-you-type");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")), "1");
  app_test_wait (50);
  /* Now the purpose of use is what is missing. */
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                    "quantity_row")),
                                            "error"));
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "purpose_row")),
                         "交通事故捜査");
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                         "direction_row")), 1);
  gtk_switch_set_active (GTK_SWITCH (jhk_form_dialog_get_object (dialog, "personal_switch")),
                         TRUE);
  place_row = GTK_WIDGET (jhk_form_dialog_get_object (dialog, "place_row"));
  place_ids = g_object_get_data (G_OBJECT (place_row), "jhk-choice-ids");
  g_assert_nonnull (place_ids);
  for (guint i = 0; i < place_ids->len; i++)
    if (g_array_index (place_ids, gint64, i) == unlocked)
      adw_combo_row_set_selected (ADW_COMBO_ROW (place_row), i);

  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (place_row, "error"));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, before);
  app_test_save_png (GTK_WIDGET (dialog), "ledger-register-refused");

  for (guint i = 0; i < place_ids->len; i++)
    if (g_array_index (place_ids, gint64, i) == locked)
      adw_combo_row_set_selected (ADW_COMBO_ROW (place_row), i);
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, before + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials WHERE name = '運転者照会結果一覧表'"
                                  " AND personal_data = 1 AND creation_reason = 'law'"),
                   ==, 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-registered");
  app_test_destroy_window (window);
}

/* The 総括責任者 reads every office's ledger and writes in none. */
static void
test_supervisor (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_ledger (window, "soukatsu");
  gint64 total = app_test_count (window, "SELECT COUNT(*) FROM materials");
  gint64 id = app_test_count (window, "SELECT MIN(id) FROM materials WHERE status = 'stored'");
  GtkWidget *lend;

  gint64 first_office = app_test_count (window, "SELECT COUNT(*) FROM materials WHERE org_unit_id ="
                                       " (SELECT MIN(id) FROM org_units WHERE kind = 'office'"
                                       " AND code = (SELECT MIN(code) FROM org_units"
                                       " WHERE kind = 'office'))");
  GtkDropDown *offices = GTK_DROP_DOWN (app_test_find_descendant (page, GTK_TYPE_DROP_DOWN));
  g_autoptr(GtkStringObject) all = g_list_model_get_item (gtk_drop_down_get_model (offices), 0);

  /* The first office's list first (one office reads fast at any size),
   * every office's on request. */
  g_assert_cmpint (g_list_model_get_n_items (page_list (page)), ==, first_office);
  g_assert_cmpstr (gtk_string_object_get_string (all), ==, "All Offices");
  gtk_drop_down_set_selected (offices, 0);
  app_test_wait (50);
  g_assert_cmpint (g_list_model_get_n_items (page_list (page)), ==, total);
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
  app_test_wait (100);
  lend = app_test_find_button (page, "Lend…");
  g_assert_false (gtk_widget_get_sensitive (lend));
  g_assert_nonnull (gtk_widget_get_tooltip_text (lend));
  app_test_destroy_window (window);
}

/* The dashboard's ledger item leads to the materials it counts: here the
 * steps waiting for the 情報管理者確認 (RF1), confirmed from the page. */
static void
test_attention (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;
  GListModel *list;
  g_autoptr(JhkRow) first = NULL;
  gint64 waiting = 0;
  const char *unconfirmed_sql =
    "SELECT COUNT(DISTINCT m.id) FROM materials m JOIN org_units o ON o.id = m.org_unit_id"
    " JOIN material_events e ON e.material_id = m.id"
    " WHERE o.name = '中央警察署' AND e.confirmed_by IS NULL";
  GtkWidget *confirm;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  app_test_wait (100);
  waiting = app_test_count (window, unconfirmed_sql);
  g_assert_cmpint (waiting, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "ledger", "ledger.unconfirmed"));
  app_test_wait (100);
  g_assert_cmpstr (jhk_window_get_workspace (window), ==, "ledger");
  page = jhk_window_get_page (window, "ledger");
  list = page_list (page);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, waiting);

  /* Confirming the steps of the first one takes it off the list. */
  first = g_list_model_get_item (list, 0);
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), jhk_row_get_id (first)));
  app_test_wait (100);
  while ((confirm = app_test_find_button (page, "_Confirm")) != NULL)
    {
      g_signal_emit_by_name (confirm, "clicked");
      app_test_wait (50);
    }
  g_assert_cmpint (app_test_count (window, unconfirmed_sql), ==, waiting - 1);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, waiting - 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-attention");
  app_test_destroy_window (window);
}

/* The final confirmations waiting for the 運用管理者 (様式第1号's note):
 * the dashboard's item shows exactly those materials. */
static void
test_attention_signoffs (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;
  gint64 waiting;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  app_test_wait (100);
  {
    g_autoptr(GArray) ids = jhk_attention_material_ids (jhk_window_get_database (window),
                                                        jhk_window_get_session (window),
                                                        "ledger.signoffs");
    g_autoptr(GHashTable) distinct = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < ids->len; i++)
      g_hash_table_add (distinct, &g_array_index (ids, gint64, i));
    waiting = g_hash_table_size (distinct);
  }
  g_assert_cmpint (waiting, >=, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "ledger", "ledger.signoffs"));
  app_test_wait (100);
  page = jhk_window_get_page (window, "ledger");
  g_assert_cmpint (g_list_model_get_n_items (page_list (page)), ==, waiting);
  /* Clear Filters brings the whole ledger back. */
  g_assert_true (gtk_widget_activate_action (page, "ledger.clear-filters", NULL));
  g_assert_cmpint (g_list_model_get_n_items (page_list (page)), >, waiting);
  app_test_destroy_window (window);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* R15-3: the dashboard's "past their retention" leads to them; the
 * office's 運用管理者 purges one after a confirmation, leaving a
 * tombstone; a 情報管理者 is told why not. */
static void
test_purge (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;
  GListModel *list;
  g_autoptr(JhkRow) first = NULL;
  g_autofree char *cutoff = jhk_retention_cutoff ();
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM materials m JOIN org_units o"
                                          " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                                          " AND m.status = 'closed' AND m.purged_at IS NULL"
                                          " AND m.last_entry_on <= '%s'", cutoff);
  gint64 expired, purges;
  AdwMessageDialog *dialog;
  GtkWidget *purge;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  app_test_wait (100);
  expired = app_test_count (window, sql);
  g_assert_cmpint (expired, >, 0);
  purges = app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.purge'");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "ledger", "ledger.expired"));
  app_test_wait (100);
  page = jhk_window_get_page (window, "ledger");
  list = page_list (page);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, expired);

  first = g_list_model_get_item (list, 0);
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), jhk_row_get_id (first)));
  app_test_wait (100);
  purge = app_test_find_button (page, "P_urge…");
  g_assert_nonnull (purge);
  g_assert_true (gtk_widget_get_sensitive (purge));

  /* Cancelled: nothing happens. */
  g_assert_true (gtk_widget_activate_action (page, "ledger.purge", NULL));
  app_test_wait (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  app_test_save_png (GTK_WIDGET (dialog), "ledger-purge-confirm");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_wait (50);
  g_assert_cmpint (app_test_count (window, sql), ==, expired);

  g_assert_true (gtk_widget_activate_action (page, "ledger.purge", NULL));
  app_test_wait (100);
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "purge");
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, sql), ==, expired - 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.purge'"),
                   ==, purges + 1);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, expired - 1);
  app_test_destroy_window (window);

  /* The 情報管理者 keeps the ledger but does not purge it. */
  window = app_test_new_window ();
  page = open_ledger (window, "chuo-kanri");
  {
    gint64 id = app_test_count (window, "SELECT MIN(m.id) FROM materials m JOIN org_units o"
                               " ON o.id = m.org_unit_id WHERE o.name = '中央警察署'"
                               " AND m.status = 'closed' AND m.purged_at IS NULL");

    g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
    app_test_wait (100);
    purge = app_test_find_button (page, "P_urge…");
    g_assert_nonnull (purge);
    g_assert_false (gtk_widget_get_sensitive (purge));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (purge), ==,
                     "Only the office's operations manager purges materials whose retention "
                     "has ended.");
  }
  app_test_destroy_window (window);
}

/* R18-1, R18-3: a system document registered on the same page, and the
 * staff allowed to view it named by the office's 運用管理者. */
static void
test_system_document (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_ledger (window, "chuo-unyo");
  gint64 before = app_test_count (window, "SELECT COUNT(*) FROM materials WHERE category = 'system_document'");
  gint64 viewers = app_test_count (window, "SELECT COUNT(*) FROM material_viewers");
  gint64 locked = app_test_count (window, "SELECT MIN(p.id) FROM storage_places p JOIN org_units o"
                                 " ON o.id = p.org_unit_id WHERE o.name = '中央警察署'"
                                 " AND p.locked = 1");
  JhkFormDialog *dialog;
  GtkWidget *place_row, *staff_row, *add;
  GArray *ids;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (page, "ledger.register", NULL));
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "category_row")),
                              1);
  app_test_wait (50);
  /* Personal data is of input and output materials: not asked. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                  "personal_row"))));
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "name_row")),
                         "照会システム運用手順書");
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "purpose_row")),
                         "システム運用");
  place_row = GTK_WIDGET (jhk_form_dialog_get_object (dialog, "place_row"));
  ids = g_object_get_data (G_OBJECT (place_row), "jhk-choice-ids");
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == locked)
      adw_combo_row_set_selected (ADW_COMBO_ROW (place_row), i);
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials WHERE category = 'system_document'"),
                   ==, before + 1);
  id = app_test_count (window, "SELECT MAX(id) FROM materials WHERE category = 'system_document'");
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
  app_test_wait (100);

  /* R18-3: name a viewer. */
  add = app_test_find_button (page, "_Add");
  g_assert_nonnull (add);
  staff_row = g_object_get_data (G_OBJECT (add), "jhk-staff-row");
  adw_combo_row_set_selected (ADW_COMBO_ROW (staff_row), 1);
  g_signal_emit_by_name (add, "clicked");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM material_viewers"), ==, viewers + 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-system-document");
  app_test_destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/ledger/R15-1/list", test_list);
  g_test_add_func ("/app/ledger/R15-1/lend", test_lend);
  g_test_add_func ("/app/ledger/R15-5/register", test_register);
  g_test_add_func ("/app/ledger/R15-1/supervisor-reads", test_supervisor);
  g_test_add_func ("/app/ledger/RF1/dashboard-to-confirm", test_attention);
  g_test_add_func ("/app/ledger/R15-3/purge", test_purge);
  g_test_add_func ("/app/ledger/RF1/dashboard-to-signoffs", test_attention_signoffs);
  g_test_add_func ("/app/ledger/R18-3/system-document", test_system_document);

  return app_test_run ();
}
