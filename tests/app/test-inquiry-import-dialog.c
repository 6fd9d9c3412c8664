/* test-inquiry-import-dialog.c: issue 6, the import dialog of the システム
 * 管理者 (R14-5, R13-3), driven as a person would: a UTF-8 and a CP932
 * file imported with the progress shown to the end and the summary's
 * figures those of the database; the same file again only present; a
 * malformed file listing its bad lines and importing nothing; a cancelled
 * import, by its button and by Escape, writing nothing. The register of
 * 照会者 (R14-1): a registration added with the name shown for the staff
 * number, refusals in the services' words writing nothing, one ended. */
#include <string.h>
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-inquirer-register-dialog.h"
#include "jhk-inquiry-import-dialog.h"
#include "jhk-settings.h"
#include "tests/jhk-test-pg.h"
#include "tests/jhk-test-util.h"

#define HEADER "照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,事由,事件番号," \
               "照会内容,端末番号\r\n"

/* Three records: a known officer, an unknown one (flagged), and a subject
 * with CP932's extension characters and a quoted comma. */
static const char utf8_rows[] =
  HEADER
  "UI-0001,2026-11-02 10:15,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R8-301,山田 花子,T910-01\r\n"
  "UI-0002,2026/11/02 10:20:30,910,Z9999,不明 職員,犯歴照会,窃盗事件捜査,R8-301,鈴木 一郎,T910-02\r\n"
  "UI-0003,2026-11-03 11:00,910,C9132,井上 翔太,車両照会,交通事故捜査,R8-302,\"髙橋 ①, 﨑\",T910-01\r\n";

static const char cp932_rows[] =
  HEADER
  "UI-0101,2026-11-04 09:00,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R8-310,髙橋 修,T910-01\r\n"
  "UI-0102,2026-11-04 09:30,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R8-310,山﨑 ①子,T910-01\r\n";

/* Line 3: a bad date; line 4: no 照会者職員番号. */
static const char bad_rows[] =
  HEADER
  "UI-0201,2026-11-05 09:00,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R8-320,佐藤 次郎,T910-01\r\n"
  "UI-0202,2026-13-45 09:00,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R8-320,佐藤 三郎,T910-01\r\n"
  "UI-0203,2026-11-05 10:00,910,,井上 翔太,運転免許照会,窃盗事件捜査,R8-320,佐藤 四郎,T910-01\r\n";

static JhkWindow *
admin_window (void)
{
  JhkWindow *window = app_test_new_window ();

  app_test_log_in (window, "admin", "jhk-demo");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  return window;
}

static JhkInquiryImportDialog *
open_dialog (JhkWindow            *window,
             JhkInquiryImportKind  kind)
{
  GtkWindow *dialog;

  jhk_inquiry_import_dialog_present (GTK_WIDGET (window), jhk_window_get_database (window),
                                     jhk_window_get_session (window), kind);
  app_test_wait (100);
  dialog = app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (JHK_INQUIRY_IMPORT_DIALOG (dialog)), ==,
                   "form");
  return JHK_INQUIRY_IMPORT_DIALOG (dialog);
}

/* encoding: the row's position (0 detect, 1 UTF-8, 2 CP932). */
static void
set_file (JhkInquiryImportDialog *dialog,
          const char             *path,
          guint                   encoding,
          gboolean                dry_run)
{
  GtkWidget *row = app_test_find_named (GTK_WIDGET (dialog), "file_row");

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), path);
  adw_combo_row_set_selected (ADW_COMBO_ROW (app_test_find_named (GTK_WIDGET (dialog),
                                                                  "encoding_row")),
                              encoding);
  gtk_switch_set_active (GTK_SWITCH (app_test_find_named (GTK_WIDGET (dialog), "dry_run_switch")),
                         dry_run);
}

/* Runs the main loop until the worker has reported its end. */
static const char *
wait_done (JhkInquiryImportDialog *dialog)
{
  while (g_strcmp0 (jhk_inquiry_import_dialog_get_state (dialog), "running") == 0)
    g_main_context_iteration (NULL, TRUE);
  app_test_wait (50);
  if (g_strcmp0 (jhk_inquiry_import_dialog_get_state (dialog), "failed") == 0)
    g_test_message ("failed: %s",
                    adw_status_page_get_description (ADW_STATUS_PAGE (
                      app_test_find_named (GTK_WIDGET (dialog), "failed_page"))));
  return jhk_inquiry_import_dialog_get_state (dialog);
}

static const char *
run_import (JhkInquiryImportDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "running");
  return wait_done (dialog);
}

static gint64
count_records (JhkWindow  *window,
               const char *like)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM inquiry_records WHERE source_no "
                                          "LIKE '%s'", like);

  return app_test_count (window, sql);
}

static void
close_dialog (JhkInquiryImportDialog *dialog)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG));
}

/* R14-5: a UTF-8 file: progress to the end, the summary's figures, the
 * rows in the database with the unknown officer flagged; a check only
 * writes nothing; the same file again is only present. */
static void
test_import_utf8 (void)
{
  JhkWindow *window = admin_window ();
  g_autofree char *path = app_test_write_file ("records.csv", utf8_rows, -1);
  g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
  g_autofree char *after = NULL;
  JhkInquiryImportDialog *dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  const JhkInquiryImportReport *report;
  GtkProgressBar *progress;

  /* Checked only: the figures, nothing written. */
  set_file (dialog, path, 0, TRUE);
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_read, ==, 3);
  g_assert_false (report->committed);
  after = jhk_test_dump_tables (jhk_window_get_database (window));
  g_assert_cmpstr (after, ==, before);
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-checked");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "form");
  set_file (dialog, path, 0, FALSE);
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-form");
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_test_message ("read %u, imported %u, present %u, flagged %u, %s", report->n_read,
                  report->n_imported, report->n_present, report->n_flagged, report->encoding);
  g_assert_true (report->committed);
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpuint (report->n_read, ==, 3);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->n_present, ==, 0);
  g_assert_cmpuint (report->n_flagged, >=, 1);
  g_assert_cmpint (count_records (window, "UI-000%"), ==, 3);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records WHERE "
                                           "source_no LIKE 'UI-000%' AND flags <> 0"),
                   ==, report->n_flagged);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records WHERE "
                                           "source_no = 'UI-0003' AND content = '髙橋 ①, 﨑'"),
                   ==, 1);
  progress = GTK_PROGRESS_BAR (app_test_find_named (GTK_WIDGET (dialog), "progress_bar"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress), >=, 0.0);
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-summary");

  /* Again: every record present, none added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpuint (report->n_present, ==, 3);
  g_assert_cmpint (count_records (window, "UI-000%"), ==, 3);

  close_dialog (dialog);
  app_test_destroy_window (window);
}

/* R14-5: a CP932 file, detected and named, its extension characters kept. */
static void
test_import_cp932 (void)
{
  JhkWindow *window = admin_window ();
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *cp932 = g_convert (cp932_rows, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_autofree char *path = NULL;
  JhkInquiryImportDialog *dialog;
  const JhkInquiryImportReport *report;

  g_assert_no_error (error);
  path = app_test_write_file ("records-cp932.csv", cp932, length);
  dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  set_file (dialog, path, 0, FALSE);
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_cmpstr (report->encoding, ==, "CP932");
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpint (count_records (window, "UI-010%"), ==, 2);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records WHERE "
                                           "source_no = 'UI-0102' AND content = '山﨑 ①子'"),
                   ==, 1);
  close_dialog (dialog);

  /* Named rather than detected: the same, all present now. */
  dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  set_file (dialog, path, 2, FALSE);
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_cmpstr (report->encoding, ==, "CP932");
  g_assert_cmpuint (report->n_present, ==, 2);
  close_dialog (dialog);
  app_test_destroy_window (window);
}

/* R14-5: a malformed file lists each bad line with its column and reason
 * and imports nothing, not even its good line. */
static void
test_import_malformed (void)
{
  JhkWindow *window = admin_window ();
  g_autofree char *path = app_test_write_file ("bad.csv", bad_rows, -1);
  g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
  g_autofree char *after = NULL;
  JhkInquiryImportDialog *dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  const JhkInquiryImportReport *report;
  GtkColumnView *view;
  GListModel *lines;

  set_file (dialog, path, 1, FALSE);
  g_assert_cmpstr (run_import (dialog), ==, "errors");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->errors->len, ==, 2);
  view = GTK_COLUMN_VIEW (app_test_find_named (GTK_WIDGET (dialog), "errors_view"));
  lines = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (lines, i);

      g_test_message ("%s", gtk_string_object_get_string (line));
      g_assert_true (g_str_has_prefix (gtk_string_object_get_string (line), i == 0 ? "3\t" : "4\t"));
    }
  after = jhk_test_dump_tables (jhk_window_get_database (window));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_records (window, "UI-02%"), ==, 0);
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-errors");

  /* No file, or one that is not there: said under the form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  set_file (dialog, "/nonexistent/records.csv", 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "form");
  close_dialog (dialog);
  app_test_destroy_window (window);
}

/* Many rows, so that the import is still running when it is cancelled. */
static char *
write_large_file (guint n_rows)
{
  g_autoptr(GString) csv = g_string_new (HEADER);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "UI-L%06u,2026-11-%02u %02u:%02u,910,C9132,井上 翔太,運転免許照会,"
                            "窃盗事件捜査,R8-400,照会対象 %u,T910-01\r\n",
                            i, 1 + i % 20, 8 + i % 9, i % 60, i);
  return app_test_write_file ("large.csv", csv->str, csv->len);
}

/* Cancelled by its button: says that nothing was written, and nothing was. */
static void
test_import_cancel (void)
{
  JhkWindow *window = admin_window ();
  g_autofree char *path = write_large_file (100000);
  g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
  g_autofree char *after = NULL;
  JhkInquiryImportDialog *dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  gint64 start;

  set_file (dialog, path, 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "running");
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-running");
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_cmpstr (wait_done (dialog), ==, "cancelled");
  g_test_message ("The import stopped %.0f ms after its cancel (50 ms of that waiting)",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_null (jhk_inquiry_import_dialog_get_report (dialog));
  after = jhk_test_dump_tables (jhk_window_get_database (window));
  g_assert_cmpstr (after, ==, before);
  app_test_save_png (GTK_WIDGET (dialog), "import-dialog-cancelled");
  close_dialog (dialog);
  app_test_destroy_window (window);
}

/* Escape while the import runs asks first; going on keeps it running, and
 * cancelling closes the dialog once the worker stopped, nothing written. */
static void
test_import_escape (void)
{
  JhkWindow *window = admin_window ();
  g_autofree char *path = write_large_file (100000);
  g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
  g_autofree char *after = NULL;
  JhkInquiryImportDialog *dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);

  set_file (dialog, path, 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_nonnull (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  app_test_save_png (GTK_WIDGET (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                     "import-dialog-escape");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  app_test_answer ("cancel-import");
  g_assert_null (app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG));
  /* Gone once the worker has stopped. */
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  app_test_wait (100);
  after = jhk_test_dump_tables (jhk_window_get_database (window));
  g_assert_cmpstr (after, ==, before);
  app_test_destroy_window (window);
}

/* R13-9: the idle lock closes the dialog while the import runs: it is
 * cancelled, nothing is written, and its end finds no dialog to show. */
static void
test_import_lock (void)
{
  JhkWindow *window = admin_window ();
  g_autofree char *path = write_large_file (100000);
  gint64 n_records = app_test_count (window, "SELECT COUNT(*) FROM inquiry_records");
  gint64 n_imports = app_test_count (window, "SELECT COUNT(*) FROM inquiry_imports");
  JhkInquiryImportDialog *dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);

  set_file (dialog, path, 0, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  jhk_window_lock (window);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "lock");
  g_assert_null (app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG));
  while (dialog != NULL)
    g_main_context_iteration (NULL, TRUE);
  app_test_wait (100);
  /* The lock itself is audited: the inquiry tables are as they were. */
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records"), ==, n_records);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_imports"), ==, n_imports);
  app_test_destroy_window (window);
}

/* R14-1: the register of 照会者. */

static JhkInquirerRegisterDialog *
open_register (JhkWindow *window)
{
  GtkWindow *dialog;

  jhk_inquirer_register_dialog_present (GTK_WIDGET (window), jhk_window_get_database (window),
                                        jhk_window_get_session (window));
  app_test_wait (100);
  dialog = app_test_find_toplevel (JHK_TYPE_INQUIRER_REGISTER_DIALOG);
  g_assert_nonnull (dialog);
  return JHK_INQUIRER_REGISTER_DIALOG (dialog);
}

static guint
n_register_rows (JhkInquirerRegisterDialog *dialog)
{
  GtkWidget *list = app_test_find_named (GTK_WIDGET (dialog), "list_box");
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row);
  return n;
}

static JhkFormDialog *
open_add (JhkInquirerRegisterDialog *dialog,
          const char                *staff_no,
          const char                *kind)
{
  JhkFormDialog *form;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.add", NULL));
  app_test_wait (100);
  form = app_test_form_dialog ();
  app_test_set_row (form, "staff_no_row", staff_no);
  app_test_set_row (form, "kind_row", kind);
  app_test_wait (50);
  return form;
}

static void
test_register_add_end (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db;
  JhkInquirerRegisterDialog *dialog;
  JhkFormDialog *form;
  guint n_before;
  gint64 id = 0;
  g_autofree char *today = jhk_today ();
  g_autofree char *sql = NULL;

  app_test_log_in (window, "soukatsu", "jhk-demo");
  db = jhk_window_get_database (window);
  dialog = open_register (window);
  n_before = n_register_rows (dialog);
  app_test_save_png (GTK_WIDGET (dialog), "register-start");

  /* The name of the staff number shows as it is typed. */
  form = open_add (dialog, "C9132", "指紋照会（試験）");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (jhk_form_dialog_get_object (form,
                                                                                          "name_row"))),
                   ==, "井上 翔太");
  app_test_save_png (GTK_WIDGET (form), "register-add");
  g_assert_true (jhk_form_dialog_apply (form));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquirer_scopes i JOIN staff s "
                                           "ON s.id = i.staff_id WHERE s.staff_no = 'C9132' AND "
                                           "i.kind = '指紋照会（試験）' AND i.valid_to IS NULL"),
                   ==, 1);
  g_assert_cmpuint (n_register_rows (dialog), ==, n_before + 1);
  app_test_save_png (GTK_WIDGET (dialog), "register-list");

  /* An unknown staff number, and the same registration again: refused,
   * the database as it was. */
  {
    g_autofree char *before = jhk_test_dump_tables (db);
    g_autofree char *after = NULL;

    form = open_add (dialog, "Z9999", "運転免許照会");
    g_assert_false (jhk_form_dialog_apply (form));
    g_assert_cmpstr (jhk_form_dialog_get_error (form), ==, "No member of staff has the number Z9999.");
    gtk_window_destroy (GTK_WINDOW (form));
    /* The type chosen from the known ones. */
    form = open_add (dialog, "C9132", "");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "kind.choose", "s",
                                               "指紋照会（試験）"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jhk_form_dialog_get_object (form,
                                                                                    "kind_row"))),
                     ==, "指紋照会（試験）");
    g_assert_false (jhk_form_dialog_apply (form));
    g_test_message ("refused: %s", jhk_form_dialog_get_error (form));
    g_assert_nonnull (strstr (jhk_form_dialog_get_error (form), "already"));
    gtk_window_destroy (GTK_WINDOW (form));
    app_test_wait (50);
    after = jhk_test_dump_tables (db);
    g_assert_cmpstr (after, ==, before);
  }

  /* Ended today, after a confirmation; shown again with the history. */
  g_assert_true (jhk_db_query_int64 (db, &id, NULL, "SELECT i.id FROM inquirer_scopes i JOIN "
                                     "staff s ON s.id = i.staff_id WHERE s.staff_no = 'C9132' "
                                     "AND i.kind = '指紋照会（試験）'", JHK_DB_END));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "register.end", "x", id));
  app_test_wait (100);
  app_test_answer ("end");
  sql = g_strdup_printf ("SELECT COUNT(*) FROM inquirer_scopes WHERE id = %" G_GINT64_FORMAT
                         " AND valid_to = '%s'", id, today);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  g_assert_cmpuint (n_register_rows (dialog), ==, n_before);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (app_test_find_named (GTK_WIDGET (dialog),
                                                                      "history_check")),
                               TRUE);
  g_assert_cmpuint (n_register_rows (dialog), >, n_before);
  app_test_save_png (GTK_WIDGET (dialog), "register-history");
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (window);
}

/* The 運用管理者 reads the register and does not change it. */
static void
test_register_read_only (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkInquirerRegisterDialog *dialog;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  dialog = open_register (window);
  g_assert_false (gtk_widget_is_sensitive (app_test_find_action_button (GTK_WIDGET (dialog),
                                                                        "register.add")));
  g_assert_null (app_test_find_action_button (GTK_WIDGET (dialog), "register.end"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (window);
}

/* On a server: the window connected as the システム管理者's own server
 * role, the worker's connection opened again with the same credentials
 * and role; the records imported, and a malformed file writes nothing. */
static void
test_import_postgresql (void)
{
  g_autoptr(JhkDb) owner = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *path = app_test_write_file ("records.csv", utf8_rows, -1);
  g_autofree char *bad = app_test_write_file ("bad.csv", bad_rows, -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkInquiryImportDialog *dialog;
  const JhkInquiryImportReport *report;
  JhkWindow *window;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  uri = jhk_test_pg_uri (dbname, "admin", NULL);
  window = app_test_open_uri (uri);
  app_test_log_in (window, "admin", "jhk-demo");
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");

  dialog = open_dialog (window, JHK_INQUIRY_IMPORT_INQUIRIES);
  set_file (dialog, path, 0, FALSE);
  g_assert_cmpstr (run_import (dialog), ==, "summary");
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM inquiry_records WHERE "
                                       "source_no LIKE 'UI-000%'", JHK_DB_END),
                   ==, 3);

  before = jhk_test_dump_tables (owner);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  set_file (dialog, bad, 0, FALSE);
  g_assert_cmpstr (run_import (dialog), ==, "errors");
  after = jhk_test_dump_tables (owner);
  g_assert_cmpstr (after, ==, before);
  close_dialog (dialog);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/inquiry-import/R14-5/utf8", test_import_utf8);
  g_test_add_func ("/app/inquiry-import/R14-5/cp932", test_import_cp932);
  g_test_add_func ("/app/inquiry-import/R14-5/malformed-imports-nothing", test_import_malformed);
  g_test_add_func ("/app/inquiry-import/R14-5/cancel", test_import_cancel);
  g_test_add_func ("/app/inquiry-import/R14-5/escape-asks-and-cancels", test_import_escape);
  g_test_add_func ("/app/inquiry-import/R13-9/lock-cancels", test_import_lock);
  g_test_add_func ("/app/inquiry-import/R14-5/postgresql-own-role", test_import_postgresql);
  g_test_add_func ("/app/inquirer-register/R14-1/add-end", test_register_add_end);
  g_test_add_func ("/app/inquirer-register/R14-1/read-only", test_register_read_only);
  return app_test_run ();
}
