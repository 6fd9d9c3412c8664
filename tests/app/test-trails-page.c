/* test-trails-page.c: issue 6, the アクセス証跡 workspace (R13-3, R13-4),
 * driven as the people concerned would: the システム管理者 imports a
 * file of trails through the page, searches it by each field (each search
 * giving what a plain query of the database gives), writes a search to a
 * CSV file; a 対象業務管理者 searches the trails of their business and
 * asks for an output, which the システム管理者 produces, and a second one
 * that is declined; a request without a period is refused with the
 * service's words and writes nothing. */
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "jhk-inquiry-import-dialog.h"
#include "jhk-trails-page.h"
#include "tests/jhk-test-pg.h"
#include "tests/jhk-test-util.h"

static const char trails_csv[] =
  "日時,所属コード,職員番号,氏名,端末番号,業務,操作内容\r\n"
  "2026-11-02 09:00,910,C9132,井上 翔太,T-01,B101,指紋照会 事件A\r\n"
  "2026-11-02 23:30,910,C9132,井上 翔太,T-02,B101,\"指紋照会, 再\"\r\n"
  "2026-11-03 00:30,920,C9201,林 英明,T-09,B103,免許照会\r\n"
  "2026-11-03 10:00,910,C9141,木村 彩,T-01,B101,照合結果閲覧\r\n"
  "2026-11-04 11:00,999,X0001,不明 職員,T-99,未登録業務,閲覧\r\n"
  "2026-11-05 08:00,410,A4101,山本 裕子,T-50,E201,電子申請確認\r\n";

static GtkWidget *
open_page (JhkWindow  *window,
           const char *login)
{
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  page = app_test_open_workspace (window, login, "trails");
  g_assert_true (JHK_IS_TRAILS_PAGE (page));
  return page;
}

static GtkColumnView *
view_named (GtkWidget  *page,
            const char *name)
{
  GtkWidget *view = app_test_find_named (page, name);

  g_assert_true (GTK_IS_COLUMN_VIEW (view));
  return GTK_COLUMN_VIEW (view);
}

static guint
n_trails (GtkWidget *page)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (view_named (page, "trails_view"));

  return g_list_model_get_n_items (G_LIST_MODEL (selection));
}

static void
set_field (GtkWidget  *page,
           const char *name,
           const char *text)
{
  GtkWidget *entry = app_test_find_named (page, name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The search entries search after their delay. */
  app_test_wait (450);
}

static void
assert_visible (GtkWidget  *page,
                const char *action,
                gboolean    visible)
{
  GtkWidget *button = app_test_find_action_button (page, action);

  g_assert_nonnull (button);
  g_assert_cmpint (gtk_widget_get_visible (button), ==, visible);
}

/* The number of trails a condition selects, in the database. */
static guint
count_where (JhkWindow  *window,
             const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM access_trails t WHERE %s", where);

  return (guint) app_test_count (window, sql);
}

/* The システム管理者 imports the file through the page's 取り込む…. */
static void
import_trails (JhkWindow *window,
               GtkWidget *page)
{
  g_autofree char *path = app_test_write_file ("trails.csv", trails_csv, -1);
  JhkInquiryImportDialog *dialog;
  const JhkInquiryImportReport *report;

  g_assert_true (gtk_widget_activate_action (page, "trails.import", NULL));
  app_test_wait (100);
  dialog = JHK_INQUIRY_IMPORT_DIALOG (app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (app_test_find_named (GTK_WIDGET (dialog), "file_row")),
                         path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  while (g_strcmp0 (jhk_inquiry_import_dialog_get_state (dialog), "running") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (jhk_inquiry_import_dialog_get_state (dialog), ==, "summary");
  report = jhk_inquiry_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_imported, ==, 6);
  app_test_save_png (GTK_WIDGET (dialog), "trails-import-summary");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  app_test_wait (200);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_INQUIRY_IMPORT_DIALOG));
}

/* R13-3: imported through the page, and each field searches as a plain
 * query of the database says. */
static void
test_import_and_search (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "admin");
  g_autofree char *nov3 = NULL;
  GtkWidget *from;

  assert_visible (page, "trails.import", TRUE);
  assert_visible (page, "trails.export", TRUE);
  assert_visible (page, "trails.request", FALSE);
  assert_visible (page, "trails.produce", TRUE);

  import_trails (window, page);
  /* The page read the new rows when the dialog said they were written. */
  g_assert_cmpuint (n_trails (page), ==, count_where (window, "1 = 1"));
  g_assert_cmpuint (n_trails (page), >=, 6);

  set_field (page, "staff_no_entry", "C9132");
  g_assert_cmpuint (n_trails (page), ==, count_where (window, "staff_no = 'C9132'"));
  g_assert_cmpuint (n_trails (page), >=, 2);
  set_field (page, "office_entry", "910");
  set_field (page, "terminal_entry", "T-02");
  g_assert_cmpuint (n_trails (page),
                    ==, count_where (window, "staff_no = 'C9132' AND office_code = '910' "
                                             "AND terminal = 'T-02'"));
  g_assert_cmpuint (n_trails (page), >=, 1);
  app_test_save_png (GTK_WIDGET (window), "trails-search");

  g_assert_true (gtk_widget_activate_action (page, "trails.clear-filters", NULL));
  g_assert_cmpuint (n_trails (page), ==, count_where (window, "1 = 1"));

  /* A period in Japan time, both days included. */
  from = app_test_find_named (page, "from_entry");
  set_field (page, "from_entry", "2026-11-03");
  set_field (page, "to_entry", "2026-11-04");
  nov3 = g_strdup_printf ("at >= %" G_GINT64_FORMAT " AND at < %" G_GINT64_FORMAT,
                          jhk_test_jst (2026, 11, 3, 0, 0), jhk_test_jst (2026, 11, 5, 0, 0));
  g_assert_cmpuint (n_trails (page), ==, count_where (window, nov3));
  g_assert_cmpuint (n_trails (page), >=, 3);

  /* A malformed date is marked and leaves the list as it was. */
  {
    guint before;
    int position = 0;

    set_field (page, "from_entry", "");
    before = n_trails (page);
    gtk_editable_insert_text (GTK_EDITABLE (from), "2026-19-03", -1, &position);
    app_test_wait (100);
    g_assert_true (gtk_widget_has_css_class (from, "error"));
    g_assert_cmpuint (n_trails (page), ==, before);
    set_field (page, "from_entry", "");
    g_assert_false (gtk_widget_has_css_class (from, "error"));
  }

  g_assert_true (gtk_widget_activate_action (page, "trails.clear-filters", NULL));
  set_field (page, "text_entry", "照会");
  g_assert_cmpuint (n_trails (page),
                    ==, count_where (window, "(staff_name LIKE '%照会%' OR business LIKE "
                                             "'%照会%' OR operation LIKE '%照会%')"));
  g_assert_cmpuint (n_trails (page), >=, 3);

  /* Nothing found: the empty state. */
  set_field (page, "text_entry", "該当なしの文字列");
  g_assert_cmpuint (n_trails (page), ==, 0);
  app_test_save_png (GTK_WIDGET (window), "trails-empty");
  app_test_destroy_window (window);
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  for (const char *s = contents; *s != '\0'; s++)
    n += *s == '\n';
  return n;
}

/* R13-4: the システム管理者 writes the trails of a search to a file: its
 * rows, read-only for its owner, and an audit entry. */
static void
test_export (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "admin");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "out.csv", NULL);
  gint64 audits = app_test_count (window, "SELECT COUNT(*) FROM audit_log");
  JhkFormDialog *dialog;
  GStatBuf st;

  import_trails (window, page);
  set_field (page, "office_entry", "910");
  g_assert_true (gtk_widget_activate_action (page, "trails.export", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "path_row", path);
  app_test_save_png (GTK_WIDGET (dialog), "trails-export-form");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The header and one line a trail (none of 910's breaks its line). */
  g_assert_cmpuint (count_lines (path), ==, 1 + count_where (window, "office_code = '910'"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"), >, audits);
  app_test_save_png (GTK_WIDGET (window), "trails-exported");

  /* No folder: the dialog says so and stays. */
  g_assert_true (gtk_widget_activate_action (page, "trails.export", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "path_row", "/nonexistent/out.csv");
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (window);
}

static GtkSingleSelection *
requests_selection (GtkWidget *page)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (view_named (page, "requests_view")));
}

static gint64
request_count (JhkWindow  *window,
               const char *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM trail_requests WHERE status = '%s'",
                                          status);

  return app_test_count (window, sql);
}

/* R13-4: a 対象業務管理者 searches their business's trails and asks for
 * an output; the システム管理者 produces it and declines another. */
static void
test_request_produce (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "admin");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "requested.csv", NULL);
  g_autofree char *november = NULL;
  JhkFormDialog *dialog;
  GtkSingleSelection *selection;

  import_trails (window, page);

  /* The manager of B101: only its trails, and no import or output. */
  page = open_page (window, "gyomu");
  assert_visible (page, "trails.import", FALSE);
  assert_visible (page, "trails.export", FALSE);
  assert_visible (page, "trails.request", TRUE);
  assert_visible (page, "trails.produce", FALSE);
  g_assert_cmpuint (n_trails (page),
                    ==, count_where (window, "business_id = (SELECT id FROM businesses WHERE "
                                             "code = 'B101')"));
  g_assert_cmpuint (n_trails (page), >=, 3);

  /* Without a period the service refuses, in its words; nothing written. */
  {
    g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
    g_autofree char *after = NULL;

    g_assert_true (gtk_widget_activate_action (page, "trails.request", NULL));
    dialog = app_test_form_dialog ();
    app_test_set_row (dialog, "reason_row", "不正閲覧の疑いの確認");
    g_assert_false (jhk_form_dialog_apply (dialog));
    g_test_message ("refused: %s", jhk_form_dialog_get_error (dialog));
    g_assert_nonnull (jhk_form_dialog_get_error (dialog));
    gtk_window_destroy (GTK_WINDOW (dialog));
    app_test_wait (50);
    after = jhk_test_dump_tables (jhk_window_get_database (window));
    g_assert_cmpstr (after, ==, before);
  }

  set_field (page, "staff_no_entry", "C9132");
  set_field (page, "from_entry", "2026-11-01");
  set_field (page, "to_entry", "2026-11-30");
  g_assert_true (gtk_widget_activate_action (page, "trails.request", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "reason_row", "不正閲覧の疑いの確認");
  app_test_save_png (GTK_WIDGET (dialog), "trails-request-form");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (request_count (window, "requested"), ==, 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM trail_requests WHERE "
                                           "staff_no = 'C9132' AND date_from = '2026-11-01' "
                                           "AND date_to = '2026-11-30'"),
                   ==, 1);
  /* A second one, to decline. */
  g_assert_true (gtk_widget_activate_action (page, "trails.request", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "reason_row", "念のための確認");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  selection = requests_selection (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);
  gtk_stack_set_visible_child_name (GTK_STACK (app_test_find_named (page, "view_stack")),
                                    "requests");
  app_test_save_png (GTK_WIDGET (window), "trails-requests-gyomu");

  /* The システム管理者 produces the first (the list is newest first). */
  page = open_page (window, "admin");
  selection = requests_selection (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);
  g_assert_false (gtk_widget_is_sensitive (app_test_find_action_button (page, "trails.produce")));
  gtk_single_selection_set_selected (selection, 1);
  app_test_wait (100);
  g_assert_true (gtk_widget_activate_action (page, "trails.produce", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "path_row", path);
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (request_count (window, "produced"), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  november = g_strdup_printf ("staff_no = 'C9132' AND business_id = (SELECT id FROM businesses "
                              "WHERE code = 'B101') AND at >= %" G_GINT64_FORMAT " AND at < %"
                              G_GINT64_FORMAT,
                              jhk_test_jst (2026, 11, 1, 0, 0), jhk_test_jst (2026, 12, 1, 0, 0));
  g_assert_cmpint (app_test_count (window, "SELECT n_rows FROM trail_requests WHERE "
                                           "status = 'produced'"),
                   ==, count_where (window, november));

  /* Handled: neither produced nor declined again. */
  gtk_single_selection_set_selected (selection, 1);
  app_test_wait (100);
  g_assert_false (gtk_widget_is_sensitive (app_test_find_action_button (page, "trails.decline")));

  gtk_single_selection_set_selected (selection, 0);
  app_test_wait (100);
  g_assert_true (gtk_widget_activate_action (page, "trails.decline", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "comment_row", "理由が具体的でないため");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (request_count (window, "declined"), ==, 1);
  gtk_stack_set_visible_child_name (GTK_STACK (app_test_find_named (page, "view_stack")),
                                    "requests");
  app_test_save_png (GTK_WIDGET (window), "trails-requests-admin");
  app_test_destroy_window (window);
}

/* On a server, each desk connected as its user's own server role: the
 * manager of B101 sees only its trails (row-level security says the same
 * as the service), asks for an output, and the システム管理者 produces it. */
static JhkWindow *
open_desk (const char *dbname,
           const char *login)
{
  g_autofree char *uri = jhk_test_pg_uri (dbname, login, NULL);

  return app_test_open_uri (uri);
}

static void
test_postgresql (void)
{
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(JhkInquiryImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "requested.csv", NULL);
  JhkWindow *window;
  GtkWidget *page;
  JhkFormDialog *dialog;
  GtkSingleSelection *selection;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  admin = jhk_test_login (owner, "admin");
  report = jhk_inquiry_import_data (owner, admin, JHK_INQUIRY_IMPORT_TRAILS, trails_csv,
                                    strlen (trails_csv), NULL, "trails.csv", FALSE, NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);

  window = open_desk (dbname, "gyomu");
  page = open_page (window, "gyomu");
  g_assert_cmpuint (n_trails (page),
                    ==, jhk_test_query_int (owner, "SELECT COUNT(*) FROM access_trails WHERE "
                                            "business_id = (SELECT id FROM businesses WHERE "
                                            "code = 'B101')", JHK_DB_END));
  g_assert_cmpuint (n_trails (page), >=, 3);
  set_field (page, "from_entry", "2026-11-01");
  set_field (page, "to_entry", "2026-11-30");
  g_assert_true (gtk_widget_activate_action (page, "trails.request", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "reason_row", "不正閲覧の疑いの確認");
  if (!jhk_form_dialog_apply (dialog))
    g_error ("The request was refused: %s", jhk_form_dialog_get_error (dialog));
  app_test_wait (100);
  app_test_destroy_window (window);

  window = open_desk (dbname, "admin");
  page = open_page (window, "admin");
  selection = requests_selection (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  gtk_single_selection_set_selected (selection, 0);
  app_test_wait (100);
  g_assert_true (gtk_widget_activate_action (page, "trails.produce", NULL));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "path_row", path);
  if (!jhk_form_dialog_apply (dialog))
    g_error ("The output was refused: %s", jhk_form_dialog_get_error (dialog));
  app_test_wait (100);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM trail_requests WHERE "
                                       "status = 'produced'", JHK_DB_END),
                   ==, 1);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/trails/R13-3/import-and-search", test_import_and_search);
  g_test_add_func ("/app/trails/R13-4/export", test_export);
  g_test_add_func ("/app/trails/R13-4/request-produce-decline", test_request_produce);
  g_test_add_func ("/app/trails/R13-4/postgresql-own-roles", test_postgresql);
  return app_test_run ();
}
