/* test-inquiries-page.c: the 照会点検 workspace (issue 6, R14-6, R14-7),
 * driven as the people concerned would, one after the other on one
 * database: the 照会者 confirms a record by its key, a selected range in
 * bulk and disputes one with a comment; the 担当幹部 checks proper and
 * queries; the 運用管理者 cannot sign off before every record is done,
 * settles the queried record, signs the month off, opens the check sheet
 * and registers it in the ledger. The database is checked after each
 * step, a refused input leaves it unchanged, and a PNG of each view is
 * saved. */
#include <string.h>

#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-form-preview.h"
#include "jhk-inquiries-page.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-chart.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-row.h"
#include "jhk-session.h"
#include "tests/jhk-test-util.h"

#define PERIOD "2026-10"

/* Japan time, 2026-10-day hh:00. */
static gint64
at_jst (int day,
        int hour)
{
  return jhk_test_jst (2026, 10, day, hour, 0);
}

static char *
staff_no_of (JhkDb      *db,
             const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = jhk_session_load (db, jhk_accounts_lookup (db, login), NULL,
                                                    &error);
  char *no = NULL;

  g_assert_no_error (error);
  g_assert_true (jhk_db_query_text (db, &no, &error, "SELECT staff_no FROM staff WHERE id = ?",
                                    JHK_I (jhk_session_get_staff_id (session)), JHK_DB_END));
  g_assert_nonnull (no);
  return no;
}

/* Only this test's records: n of chuo-shokuin in 中央警察署, PERIOD, the
 * last with no 事件番号 and its flag. */
static void
add_records (JhkDb *db,
             guint  n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *staff_no = staff_no_of (db, "chuo-shokuin");
  gint64 staff = jhk_test_staff_id (db, staff_no);
  gint64 section = jhk_test_query_int (db, "SELECT org_unit_id FROM staff WHERE id = ?",
                                       JHK_I (staff), JHK_DB_END);
  gint64 office = jhk_test_query_int (db, "SELECT id FROM org_units WHERE code = '910'",
                                      JHK_DB_END);
  gint64 import_id;

  g_assert_true (jhk_db_run (db, &error, "DELETE FROM inquiry_periods", JHK_DB_END));
  g_assert_true (jhk_db_run (db, &error, "DELETE FROM inquiry_records", JHK_DB_END));
  g_assert_true (jhk_db_run (db, &error,
                             "INSERT INTO inquiry_imports (kind, file_name, encoding, n_read,"
                             " n_imported, n_present, n_flagged, imported_by, imported_at)"
                             " VALUES ('inquiries', 'test.csv', 'utf-8', 0, 0, 0, 0, 'admin', ?)",
                             JHK_I (jhk_now_us ()), JHK_DB_END));
  g_assert_no_error (error);
  import_id = jhk_test_query_int (db, "SELECT MAX(id) FROM inquiry_imports", JHK_DB_END);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *no = g_strdup_printf ("Q-%04u", i + 1);
      gboolean flagged = i == n - 1;

      g_assert_true (jhk_db_run (db, &error,
                                 "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                                 " office_id, staff_no, staff_id, section_id, inquirer_name, kind,"
                                 " reason, case_no, content, subject, terminal, import_id,"
                                 " imported_at, flags)"
                                 " VALUES (?, ?, ?, '910', ?, ?, ?, ?, '照会 花子', '運転免許',"
                                 " '捜査', ?, '山田 一郎 昭和50年1月1日', '山田一郎', 'T01',"
                                 " ?, ?, ?)",
                                 JHK_T (no), JHK_I (at_jst (5 + i, 10)), JHK_T (PERIOD),
                                 JHK_I (office), JHK_T (staff_no), JHK_I (staff), JHK_I (section),
                                 JHK_T (flagged ? "" : "第12号"), JHK_I (import_id),
                                 JHK_I (jhk_now_us ()),
                                 JHK_I (flagged ? JHK_INQUIRY_FLAG_NO_CASE : 0), JHK_DB_END));
      g_assert_no_error (error);
    }
}

static void
set_sheet_business (JhkDb      *db,
                    const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = jhk_session_load (db, jhk_accounts_lookup (db, "admin"), NULL,
                                                  &error);

  g_assert_no_error (error);
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_INQUIRY_BUSINESS,
                                       code != NULL ? jhk_org_find_business (db, code) : 0,
                                       &error));
  g_assert_no_error (error);
}

static gint64
count (JhkWindow  *window,
       const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM inquiry_records WHERE %s", where);

  return app_test_count (window, sql);
}

static GtkWidget *
open_page (JhkWindow  *window,
           const char *login)
{
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 820);
  page = app_test_open_workspace (window, login, "inquiries");
  g_assert_true (JHK_IS_INQUIRIES_PAGE (page));
  app_test_wait (100);
  return page;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The page's search entry, not the drop-downs' hidden ones. */
static gboolean
is_drawn_search (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_is_drawable (widget);
}

static GtkColumnView *
list_view (GtkWidget *page)
{
  return GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
}

static GtkSelectionModel *
list_of (GtkWidget *page)
{
  return gtk_column_view_get_model (list_view (page));
}

static guint
n_listed (GtkWidget *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list_of (page)));
}

static gint64
id_at (GtkWidget *page,
       guint      position)
{
  g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (list_of (page)), position);

  g_assert_nonnull (row);
  return jhk_row_get_id (row);
}

/* The first selected record, 0 for none. */
static gint64
selected_id (GtkWidget *page)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (list_of (page));

  return gtk_bitset_is_empty (set) ? 0 : id_at (page, gtk_bitset_get_minimum (set));
}

static void
select_range (GtkWidget *page,
              guint      position,
              guint      n)
{
  g_assert_true (gtk_selection_model_select_range (list_of (page), position, n, TRUE));
  app_test_wait (50);
}

/* The drop-down whose list holds label: chooses it. */
static void
choose (GtkWidget  *page,
        const char *label)
{
  GtkWidget *child = page;

  /* Depth first over the drop-downs of the page. */
  for (GtkWidget *w = gtk_widget_get_first_child (child); w != NULL;)
    {
      if (GTK_IS_DROP_DOWN (w) && gtk_widget_get_visible (w))
        {
          GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (w));

          for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
            if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
              {
                gtk_drop_down_set_selected (GTK_DROP_DOWN (w), i);
                app_test_wait (100);
                return;
              }
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == page ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_error ("no drop-down offers “%s”", label);
}

static void
activate (GtkWidget  *page,
          const char *action)
{
  g_assert_true (app_test_action_enabled (page, action));
  g_assert_true (gtk_widget_activate_action (page, action, NULL));
  app_test_wait (100);
}

/* Enter on the selected row, as the list view emits it. */
static void
press_enter (GtkWidget *page)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (list_of (page));

  g_signal_emit_by_name (list_view (page), "activate", gtk_bitset_get_minimum (set));
  app_test_wait (100);
}

/* The comment dialog: refused without a comment (nothing written), then
 * applied with one. */
static void
answer_comment (JhkWindow  *window,
                const char *comment)
{
  JhkFormDialog *dialog = app_test_form_dialog ();
  g_autofree char *before = jhk_test_dump_tables (jhk_window_get_database (window));
  g_autofree char *after = NULL;

  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  after = jhk_test_dump_tables (jhk_window_get_database (window));
  g_assert_cmpstr (before, ==, after);
  app_test_set_row (dialog, "comment_row", comment);
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
}

static void
test_flow (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  GtkWidget *page;
  gint64 first, next, disputed, queried;
  g_autofree char *refusal = NULL;
  g_autofree char *done_where = NULL;

  add_records (db, 6);

  /* 照会者: their records to confirm, one keystroke a record. */
  page = open_page (window, "chuo-shokuin");
  g_assert_cmpuint (n_listed (page), ==, 6);
  /* 照会日時 in Japan time, whatever the local zone. */
  g_assert_nonnull (app_test_find_widget (page, is_label, "2026-10-05 10:00"));
  /* The first is selected at once and the list has the keys, for Enter. */
  g_assert_cmpint (selected_id (page), ==, id_at (page, 0));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (list_view (page))));
  app_test_save_png (GTK_WIDGET (window), "inquiries-mine");
  select_range (page, 0, 1);
  first = selected_id (page);
  press_enter (page);
  g_assert_cmpint (count (window, "confirm_state = 'confirmed'"), ==, 1);
  done_where = g_strdup_printf ("id = %lld AND confirm_state = 'confirmed' AND confirmed_by > 0",
                                (long long) first);
  g_assert_cmpint (count (window, done_where), ==, 1);
  /* On to the next, which Enter confirms in turn. */
  g_assert_cmpuint (n_listed (page), ==, 5);
  next = selected_id (page);
  g_assert_cmpint (next, !=, 0);
  g_assert_cmpint (next, !=, first);
  press_enter (page);
  g_assert_cmpint (count (window, "confirm_state = 'confirmed'"), ==, 2);

  /* A range in bulk, asked first. */
  select_range (page, 0, 2);
  activate (page, "inquiries.positive");
  g_assert_cmpint (count (window, "confirm_state = 'confirmed'"), ==, 2);
  app_test_answer ("apply");
  g_assert_cmpint (count (window, "confirm_state = 'confirmed'"), ==, 4);
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* 相違あり needs a comment. */
  select_range (page, 0, 1);
  disputed = selected_id (page);
  activate (page, "inquiries.negative");
  answer_comment (window, "この照会はしていない");
  g_assert_cmpint (count (window, "confirm_state = 'disputed'"
                                  " AND confirm_comment = 'この照会はしていない'"), ==, 1);

  /* Ctrl+F searches, in SQL: by the inquiry number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  {
    GtkWidget *entry = app_test_find_widget (page, is_drawn_search, NULL);


    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry) ||
                   gtk_root_get_focus (GTK_ROOT (window)) == entry);
    g_assert_cmpuint (n_listed (page), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Q-0001");
    app_test_wait (400);
    g_assert_cmpuint (n_listed (page), ==, 0);
    /* Escape: the search cleared, the list in focus. */
    g_signal_emit_by_name (entry, "stop-search");
    app_test_wait (100);
    g_assert_cmpuint (n_listed (page), ==, 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  }

  /* A record already confirmed: the step is refused with the reason. */
  choose (page, "Any step");
  g_assert_cmpuint (n_listed (page), ==, 6);
  for (guint i = 0; i < n_listed (page); i++)
    if (id_at (page, i) == first)
      select_range (page, i, 1);
  g_assert_cmpint (selected_id (page), ==, first);
  g_assert_false (app_test_action_enabled (page, "inquiries.positive"));
  {
    g_autoptr(JhkInquiryRecord) record = jhk_inquiries_get (db, jhk_window_get_session (window),
                                                            first, NULL);
    const char *why = jhk_inquiries_refusal (db, jhk_window_get_session (window), record,
                                             JHK_INQUIRY_CONFIRM);

    g_assert_nonnull (why);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (app_test_find_action_button (page,
                                                                               "inquiries.positive")),
                     ==, why);
  }
  /* The last one, so that every record has its step 1. */
  choose (page, "To confirm");
  g_assert_cmpuint (n_listed (page), ==, 1);
  select_range (page, 0, 1);
  activate (page, "inquiries.positive");
  g_assert_cmpint (count (window, "confirm_state = 'pending'"), ==, 0);
  app_test_save_png (GTK_WIDGET (window), "inquiries-mine-done");

  /* 担当幹部: disputed and flagged first; 適正 by Enter, 要確認 with a
   * comment. */
  page = open_page (window, "chuo-kanbu");
  choose (page, "To Check");
  g_assert_cmpuint (n_listed (page), ==, 6);
  g_assert_cmpint (id_at (page, 0), ==, disputed);
  select_range (page, 0, 1);
  app_test_save_png (GTK_WIDGET (window), "inquiries-to-check");
  activate (page, "inquiries.negative");
  answer_comment (window, "目的を確認されたい");
  queried = disputed;
  g_assert_cmpint (count (window, "check_state = 'query' AND check_comment <> ''"), ==, 1);
  g_assert_cmpuint (n_listed (page), ==, 5);
  select_range (page, 0, 1);
  press_enter (page);
  g_assert_cmpint (count (window, "check_state = 'proper'"), ==, 1);
  select_range (page, 0, 4);
  activate (page, "inquiries.positive");
  app_test_answer ("apply");
  g_assert_cmpint (count (window, "check_state = 'proper'"), ==, 5);
  g_assert_cmpuint (n_listed (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (
                     app_test_find_descendant (page, ADW_TYPE_STATUS_PAGE), GTK_TYPE_STACK))),
                   ==, "empty");
  app_test_save_png (GTK_WIDGET (window), "inquiries-to-check-empty");

  /* 運用管理者: the month cannot be signed off while a record is open. */
  page = open_page (window, "chuo-unyo");
  g_assert_cmpuint (n_listed (page), ==, 6);
  g_assert_false (app_test_action_enabled (page, "inquiries.sign-off"));
  refusal = jhk_inquiries_sign_off_refusal (db, jhk_window_get_session (window),
                                            jhk_test_query_int (db, "SELECT id FROM org_units"
                                                                " WHERE code = '910'", JHK_DB_END),
                                            PERIOD);
  g_assert_nonnull (refusal);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (app_test_find_action_button (page,
                                                                             "inquiries.sign-off")),
                   ==, refusal);
  {
    JhkInquiryChart *chart = JHK_INQUIRY_CHART (app_test_find_descendant (page,
                                                                          JHK_TYPE_INQUIRY_CHART));
    g_autofree char *day5 = jhk_inquiry_chart_day_text (chart, 5);
    g_autofree char *day10 = jhk_inquiry_chart_day_text (chart, 10);

    g_assert_nonnull (strstr (jhk_inquiry_chart_get_summary (chart), "6 in all, 1 of them flagged"));
    g_assert_nonnull (strstr (day5, "1 inquiry, 0 flagged"));
    g_assert_nonnull (strstr (day10, "1 inquiry, 1 flagged"));
    g_assert_null (jhk_inquiry_chart_day_text (chart, 32));
  }
  app_test_save_png (GTK_WIDGET (window), "inquiries-office");

  /* The queried record, settled with a comment. */
  choose (page, "To settle");
  g_assert_cmpuint (n_listed (page), ==, 1);
  g_assert_cmpint (id_at (page, 0), ==, queried);
  select_range (page, 0, 1);
  activate (page, "inquiries.positive");
  answer_comment (window, "本人に確認、業務上の照会");
  g_assert_cmpint (count (window, "resolution = 'proper' AND resolution_comment <> ''"), ==, 1);
  g_assert_cmpint (count (window, "done = 0"), ==, 0);

  /* Now the month is signed off. */
  g_assert_true (app_test_action_enabled (page, "inquiries.sign-off"));
  activate (page, "inquiries.sign-off");
  app_test_set_row (app_test_form_dialog (), "comment_row", "適正と認める");
  g_assert_true (jhk_form_dialog_apply (app_test_form_dialog ()));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_periods WHERE period = '"
                                   PERIOD "' AND signed_off_at > 0"), ==, 1);
  g_assert_false (app_test_action_enabled (page, "inquiries.sign-off"));
  choose (page, "Any step");
  app_test_save_png (GTK_WIDGET (window), "inquiries-signed-off");

  /* The check sheet, and the printed sheet in the ledger (R14-7). */
  activate (page, "inquiries.sheet");
  {
    GtkWindow *preview = app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW);

    g_assert_nonnull (preview);
    g_assert_cmpuint (jhk_form_preview_get_n_pages (JHK_FORM_PREVIEW (preview)), >=, 1);
    app_test_wait (300);
    app_test_save_png (GTK_WIDGET (preview), "inquiries-sheet");
    gtk_window_close (preview);
    app_test_wait (100);
  }
  {
    gint64 materials = app_test_count (window, "SELECT COUNT(*) FROM materials");
    AdwToast *toast;
    JhkFormDialog *dialog;

    /* Only once the settings name the sheets' business. */
    set_sheet_business (db, NULL);
    jhk_page_data_changed (JHK_PAGE (page));
    app_test_wait (100);
    g_assert_false (app_test_action_enabled (page, "inquiries.register-sheet"));
    set_sheet_business (db, "B101");
    jhk_page_data_changed (JHK_PAGE (page));
    app_test_wait (100);
    g_assert_true (app_test_action_enabled (page, "inquiries.register-sheet"));
    /* Closing the preview offers the registration in a toast. */
    activate (page, "inquiries.sheet");
    gtk_window_close (app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW));
    app_test_wait (100);
    toast = g_object_get_data (G_OBJECT (page), "jhk-last-toast");
    g_assert_nonnull (toast);
    g_signal_emit_by_name (toast, "button-clicked");
    app_test_wait (100);
    dialog = app_test_form_dialog ();
    app_test_set_row (dialog, "copies_row", "0");
    g_assert_false (jhk_form_dialog_apply (dialog));
    g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, materials);
    app_test_set_row (dialog, "copies_row", "1");
    g_assert_true (jhk_form_dialog_apply (dialog));
    app_test_wait (100);
    g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==,
                     materials + 1);
    /* The toast's button shows its 入出力資料管理票. */
    {
      GtkWindow *sheet;

      toast = g_object_get_data (G_OBJECT (page), "jhk-last-toast");
      g_assert_nonnull (toast);
      g_signal_emit_by_name (toast, "button-clicked");
      app_test_wait (200);
      sheet = app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW);
      g_assert_nonnull (sheet);
      app_test_save_png (GTK_WIDGET (sheet), "inquiries-sheet-material");
      gtk_window_destroy (sheet);
    }
  }

  /* システム管理者: every record, read only, the import at hand. */
  page = open_page (window, "admin");
  g_assert_cmpuint (n_listed (page), ==, 6);
  g_assert_false (gtk_widget_get_visible (app_test_find_action_button (page,
                                                                       "inquiries.positive")));
  g_assert_true (gtk_widget_get_visible (app_test_find_action_button (page, "inquiries.import")));
  app_test_save_png (GTK_WIDGET (window), "inquiries-all");

  app_test_destroy_window (window);
}

/* The dashboard's item takes the 照会者 to their records to confirm. */
static void
test_attention (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;

  add_records (jhk_window_get_database (window), 3);
  page = open_page (window, "chuo-shokuin");
  choose (page, "Any step");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "inquiries", "inquiries.confirm"));
  app_test_wait (100);
  g_assert_cmpuint (n_listed (page), ==, 3);
  g_assert_cmpint (selected_id (page), ==, id_at (page, 0));

  /* Another's change shows at once: one confirmed elsewhere leaves the
   * list. */
  g_assert_true (jhk_db_run (jhk_window_get_database (window), NULL,
                             "UPDATE inquiry_records SET confirm_state = 'confirmed',"
                             " confirmed_by = staff_id, confirmed_at = 1"
                             " WHERE source_no = 'Q-0001'", JHK_DB_END));
  jhk_page_data_changed (JHK_PAGE (page));
  app_test_wait (100);
  g_assert_cmpuint (n_listed (page), ==, 2);

  /* The 運用管理者's item for the sign-off: the office's month, the
   * button in focus. */
  page = open_page (window, "chuo-unyo");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "inquiries", "inquiries.sign_off"));
  app_test_wait (100);
  g_assert_true (gtk_widget_has_focus (app_test_find_action_button (page, "inquiries.sign-off")) ||
                 !gtk_widget_get_sensitive (app_test_find_action_button (page,
                                                                         "inquiries.sign-off")));
  /* The overdue item: the list filtered to the overdue records. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "inquiries", "inquiries.overdue"));
  app_test_wait (100);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (app_test_find_button (page,
                                                                                        "O_verdue"))));
  g_assert_cmpuint (n_listed (page), ==, 0);
  app_test_destroy_window (window);
}

/* The demo's months as the 運用管理者 and the 担当幹部 see them: the
 * summary, the chart and the lists, to look at. */
static void
test_demo (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page;

  if (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records") == 0)
    {
      g_test_skip ("The demo has no inquiry records.");
      app_test_destroy_window (window);
      return;
    }
  {
    gint64 start = g_get_monotonic_time ();
    GtkToggleButton *flagged;
    guint all;

    page = open_page (window, "chuo-unyo");
    /* Figures, not assertions: the view with its summary and chart read,
     * and a filter pushed to the list (the wait of open_page included). */
    g_test_message ("office view opened in %.1f ms (login and 100 ms wait included)",
                    (g_get_monotonic_time () - start) / 1000.0);
    all = n_listed (page);
    g_assert_cmpuint (all, >, 0);
    flagged = GTK_TOGGLE_BUTTON (app_test_find_button (page, "_Flagged"));
    start = g_get_monotonic_time ();
    gtk_toggle_button_set_active (flagged, TRUE);
    g_test_message ("flagged filter: %u of %u inquiries in %.1f ms", n_listed (page), all,
                    (g_get_monotonic_time () - start) / 1000.0);
    g_assert_cmpuint (n_listed (page), <=, all);
    gtk_toggle_button_set_active (flagged, FALSE);
  }
  app_test_wait (200);
  app_test_save_png (GTK_WIDGET (window), "inquiries-demo-office");
  page = open_page (window, "chuo-kanbu");
  choose (page, "To Check");
  app_test_save_png (GTK_WIDGET (window), "inquiries-demo-to-check");
  app_test_destroy_window (window);
}

/* R13-3, R14-5: the システム管理者 purges what is past its retention from
 * the page: the dialog previews, per office or for all, what is deleted;
 * the destructive button deletes it; nothing due, the button is off. */
static void
add_old (JhkDb      *db,
         gint64      import_id,
         gboolean    trail,
         gint64      at,
         const char *office_code)
{
  static int n;
  g_autofree char *key = g_strdup_printf ("PURGE-UI-%04d", ++n);
  g_autoptr(GError) error = NULL;

  if (trail)
    jhk_db_run (db, &error, "INSERT INTO access_trails (at, office_code, office_id, staff_no,"
                " staff_name, terminal, business, operation, row_key, import_id)"
                " VALUES (?, ?, ?, 'C9132', '井上 翔太', 'T-01', 'B101', '古い照会', ?, ?)",
                JHK_I (at), JHK_T (office_code), JHK_IZ (jhk_org_find_unit (db, office_code)),
                JHK_T (key), JHK_I (import_id), JHK_DB_END);
  else
    jhk_db_run (db, &error, "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                " office_id, staff_no, inquirer_name, kind, content, subject, terminal,"
                " import_id, imported_at) VALUES (?, ?, '2020-01', ?, ?, 'C9132', '井上 翔太',"
                " '運転免許照会', '山田 花子', '山田 花子', 'T-01', ?, 0)",
                JHK_T (key), JHK_I (at), JHK_T (office_code),
                JHK_IZ (jhk_org_find_unit (db, office_code)), JHK_I (import_id), JHK_DB_END);
  g_assert_no_error (error);
}

static AdwComboRow *
purge_dialog_office_row (AdwMessageDialog **dialog)
{
  *dialog = ADW_MESSAGE_DIALOG (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (*dialog);
  return ADW_COMBO_ROW (app_test_find_named (GTK_WIDGET (*dialog), "purge_office_row"));
}

static void
choose_office (AdwComboRow *row,
               const char  *prefix)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      {
        adw_combo_row_set_selected (row, i);
        app_test_wait (50);
        return;
      }
  g_error ("no office %s in the purge dialog", prefix);
}

static void
test_purge (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = jhk_session_load (db, jhk_accounts_lookup (db, "admin"), NULL,
                                                  &error);
  gint64 year = 365 * G_TIME_SPAN_DAY, six = jhk_now_us () - 6 * year;
  gint64 import_id, purges;
  guint all_records = 0, all_trails = 0;
  g_autofree char *all_body = NULL;
  AdwMessageDialog *dialog;
  AdwComboRow *row;
  GtkWidget *page;

  g_assert_no_error (error);
  import_id = jhk_test_query_int (db, "INSERT INTO inquiry_imports (kind, file_name, encoding,"
                                  " n_read, n_imported, n_present, n_flagged, imported_by,"
                                  " imported_at) VALUES ('inquiries', 'old.csv', 'utf-8', 0, 0,"
                                  " 0, 0, 'admin', 0) RETURNING id", JHK_DB_END);
  add_old (db, import_id, FALSE, six, "910");
  add_old (db, import_id, FALSE, six + G_TIME_SPAN_DAY, "910");
  add_old (db, import_id, TRUE, six - G_TIME_SPAN_DAY, "910");
  add_old (db, import_id, FALSE, six, "920");
  g_assert_true (jhk_inquiries_purge_preview (db, admin, 0, &all_records, &all_trails, NULL,
                                              NULL, &error));
  purges = app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                   " WHERE action = 'inquiry.purge'");

  /* Only the システム管理者 has the button. */
  page = open_page (window, "chuo-unyo");
  g_assert_false (gtk_widget_get_visible (app_test_find_action_button (page, "inquiries.purge")));

  page = open_page (window, "admin");
  g_assert_true (gtk_widget_get_visible (app_test_find_action_button (page, "inquiries.purge")));
  g_assert_true (gtk_widget_activate_action (page, "inquiries.purge", NULL));
  app_test_wait (100);
  row = purge_dialog_office_row (&dialog);
  choose_office (row, "All offices");
  all_body = g_strdup_printf ("%u inquiry records and %u access trails from ", all_records,
                              all_trails);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), all_body));
  choose_office (row, "910 ");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "2 inquiry records and 1 access trails from "));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "purge"));
  app_test_save_png (GTK_WIDGET (dialog), "inquiries-purge");
  app_test_answer ("purge");

  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM inquiry_records"
                                           " WHERE source_no LIKE 'PURGE-UI-%'"), ==, 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM access_trails"
                                           " WHERE row_key LIKE 'PURGE-UI-%'"), ==, 0);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'inquiry.purge'"), ==, purges + 1);

  /* Nothing due any more for 中央警察署: said so, the button is off. */
  g_assert_true (gtk_widget_activate_action (page, "inquiries.purge", NULL));
  app_test_wait (100);
  row = purge_dialog_office_row (&dialog);
  choose_office (row, "910 ");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Nothing is due"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "purge"));
  app_test_save_png (GTK_WIDGET (dialog), "inquiries-purge-nothing");
  app_test_answer ("cancel");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log"
                                           " WHERE action = 'inquiry.purge'"), ==, purges + 1);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_set_test_lang ();
  app_test_init (&argc, &argv);

  g_test_add_func ("/inquiries-page/R14-6/confirm-check-sign-off", test_flow);
  g_test_add_func ("/inquiries-page/R14-6/attention", test_attention);
  g_test_add_func ("/inquiries-page/R14-6/demo", test_demo);
  g_test_add_func ("/inquiries-page/R14-5/purge", test_purge);
  return app_test_run ();
}
