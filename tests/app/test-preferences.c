/* test-preferences.c: issue 6, the 照会点検's settings in the preferences:
 * the business the check sheets are registered to (R14-7, among the
 * approved businesses or none) and the holidays register of this year and
 * the next (R14-9), both kept by the システム管理者 only; a day typed is
 * checked as the service checks it, and a refused one writes nothing.
 */
#include <stdlib.h>

#include "app-test-util.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-preferences-window.h"
#include "jhk-settings.h"

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The row of the preferences titled title, or NULL. */
static GtkWidget *
find_row (JhkPreferencesWindow *prefs,
          const char           *title)
{
  return app_test_find_widget (GTK_WIDGET (prefs), match_row_title, title);
}

static JhkPreferencesWindow *
open_preferences (JhkWindow *window)
{
  JhkPreferencesWindow *prefs;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL));
  app_test_wait (100);
  prefs = JHK_PREFERENCES_WINDOW (app_test_find_toplevel (JHK_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  return prefs;
}

/* The item of the combo row's model whose text starts with prefix. */
static guint
find_item (AdwComboRow *row,
           const char  *prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* R14-7: the check sheets' business, chosen among the approved ones. */
static void
test_sheet_business (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  JhkPreferencesWindow *prefs;
  AdwComboRow *row;
  g_autoptr(GError) error = NULL;
  gint64 b101 = jhk_org_find_business (db, "B101");
  gint64 sets = app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                        " WHERE action = 'settings.set'");

  app_test_log_in (window, "admin", "jhk-demo");
  prefs = open_preferences (window);
  row = ADW_COMBO_ROW (app_test_find_named (GTK_WIDGET (prefs), "business_row"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                               0), ==, "None");
  g_assert_cmpuint (find_item (row, "B103 運転免許照会業務"), !=, GTK_INVALID_LIST_POSITION);
  /* B104 waits for its approval. */
  g_assert_cmpuint (find_item (row, "B104"), ==, GTK_INVALID_LIST_POSITION);
  /* Opened and applied as it is, nothing is written. */
  g_assert_true (jhk_preferences_window_apply_policy (prefs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'settings.set'"), ==, sets);

  adw_combo_row_set_selected (row, find_item (row, "B101"));
  g_assert_true (jhk_preferences_window_apply_policy (prefs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_INQUIRY_BUSINESS), ==, b101);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'settings.set'"), ==, sets + 1);
  /* Unchanged, nothing written. */
  g_assert_true (jhk_preferences_window_apply_policy (prefs, &error));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'settings.set'"), ==, sets + 1);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Opened again, the business chosen is shown. */
  prefs = open_preferences (window);
  row = ADW_COMBO_ROW (app_test_find_named (GTK_WIDGET (prefs), "business_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, find_item (row, "B101 "));
  adw_combo_row_set_selected (row, 0);
  g_assert_true (jhk_preferences_window_apply_policy (prefs, &error));
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_INQUIRY_BUSINESS), ==, 0);
  gtk_window_destroy (GTK_WINDOW (prefs));
  app_test_destroy_window (window);
}

/* R14-9: the holidays of this year and the next, added (checked as
 * typed) and removed (after a confirmation). */
static void
test_holidays (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkPreferencesWindow *prefs;
  JhkFormDialog *dialog;
  g_autofree char *today = jhk_today ();
  g_autofree char *next_year = g_strdup_printf ("%d-01-04", atoi (today) + 1);
  g_autofree char *year_like = g_strdup_printf ("%.5s%%", today);
  g_autofree char *first = NULL;
  g_autofree char *sql = NULL;
  gint64 n_holidays = app_test_count (window, "SELECT COUNT(*) FROM holidays");
  gint64 n_added = app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'holidays.add'");

  app_test_log_in (window, "admin", "jhk-demo");
  prefs = open_preferences (window);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "inquiry_page");

  /* The demo's holidays of this year are listed. */
  jhk_db_query_text (jhk_window_get_database (window), &first, NULL,
                     "SELECT MIN(day) FROM holidays WHERE day LIKE ?",
                     JHK_T (year_like), JHK_DB_END);
  if (first != NULL)
    g_assert_nonnull (find_row (prefs, first));
  g_assert_null (find_row (prefs, next_year));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-holiday", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "day_row", "2027-13-01");
  app_test_set_row (dialog, "name_row", "試験休日");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (g_strstr_len (jhk_form_dialog_get_error (dialog), -1, "YYYY-MM-DD"));
  if (first != NULL)
    {
      app_test_set_row (dialog, "day_row", first);
      g_assert_false (jhk_form_dialog_apply (dialog));
      g_assert_nonnull (g_strstr_len (jhk_form_dialog_get_error (dialog), -1, "already"));
    }
  app_test_set_row (dialog, "day_row", next_year);
  app_test_set_row (dialog, "name_row", "  ");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (g_strstr_len (jhk_form_dialog_get_error (dialog), -1, "needs a name"));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM holidays"), ==, n_holidays);

  app_test_set_row (dialog, "name_row", "試験休日");
  app_test_save_png (GTK_WIDGET (dialog), "preferences-holiday-add");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM holidays WHERE day = '%s' AND name = '試験休日'",
                         next_year);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  g_assert_nonnull (find_row (prefs, next_year));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'holidays.add'"), ==, n_added + 1);
  app_test_save_png (GTK_WIDGET (prefs), "preferences-holidays");

  /* Removing asks first; cancelled, the day stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-holiday", "s",
                                             next_year));
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                     "preferences-holiday-remove");
  app_test_answer ("cancel");
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-holiday", "s",
                                             next_year));
  app_test_wait (100);
  app_test_answer ("remove");
  g_assert_cmpint (app_test_count (window, sql), ==, 0);
  g_assert_null (find_row (prefs, next_year));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM holidays"), ==, n_holidays);
  gtk_window_destroy (GTK_WINDOW (prefs));
  app_test_destroy_window (window);
}

/* Anyone else sees the settings and may change none of them. */
static void
test_others_read_only (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkPreferencesWindow *prefs;
  GtkWidget *row;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  prefs = open_preferences (window);
  row = app_test_find_named (GTK_WIDGET (prefs), "business_row");
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_null (app_test_find_button (GTK_WIDGET (prefs), "_Add…"));
  /* The action is disabled: nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.add-holiday", NULL);
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  gtk_window_destroy (GTK_WINDOW (prefs));
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/preferences/R14-7/sheet-business", test_sheet_business);
  g_test_add_func ("/app/preferences/R14-9/holidays", test_holidays);
  g_test_add_func ("/app/preferences/R14-9/others-read-only", test_others_read_only);

  return app_test_run ();
}
