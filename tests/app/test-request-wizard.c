/* test-request-wizard.c: filing a 作業依頼書 through the wizard (issue 5,
 * R15-4, RF2), driven through its widgets and actions as a person at the
 * keyboard would: each step's refusal keeps the step and leaves the
 * database unchanged, the draft is saved on the way and resumed, and
 * submitting files it. A PNG of each step is written into the build
 * folder. */
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-policy.h"
#include "jhk-request-wizard.h"
#include "jhk-work-requests.h"
#include "tests/jhk-test-util.h"

static gboolean english = TRUE;

static gpointer
child (JhkRequestWizard *wizard,
       const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (wizard),
                                                   JHK_TYPE_REQUEST_WIZARD, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
visible_step (JhkRequestWizard *wizard)
{
  return gtk_stack_get_visible_child_name (child (wizard, "stack"));
}

static const char *
banner (JhkRequestWizard *wizard)
{
  if (!gtk_revealer_get_reveal_child (child (wizard, "banner_revealer")))
    return NULL;
  return gtk_label_get_text (child (wizard, "banner_label"));
}

static void
activate (JhkRequestWizard *wizard,
          const char       *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), action, NULL));
  app_test_wait (100);
}

/* Enter in a field: the default widget, Next. */
static void
press_enter (JhkRequestWizard *wizard)
{
  GtkWidget *next = gtk_window_get_default_widget (GTK_WINDOW (wizard));

  g_assert_true (next == child (wizard, "next_button"));
  g_assert_true (gtk_widget_activate (next));
  /* A button activated by the keyboard shows itself pressed for a moment
   * before it is clicked. */
  app_test_wait (400);
}

static guint
n_rows (JhkRequestWizard *wizard)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (child (wizard, "items_list")); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += GTK_IS_LIST_BOX_ROW (c);
  return n;
}

/* A widget of row @index (from 0) of step 3: "kind", "content",
 * "quantity", "form", "note", "personal". */
static GtkWidget *
row_widget (JhkRequestWizard *wizard,
            int               index,
            const char       *name)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (child (wizard, "items_list"), index);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = app_test_find_named (GTK_WIDGET (row), name);
  g_assert_nonnull (widget);
  return widget;
}

static void
select_business (JhkRequestWizard *wizard,
                 const char       *code)
{
  GtkDropDown *dropdown = child (wizard, "business_dropdown");
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), code))
      {
        gtk_drop_down_set_selected (dropdown, i);
        app_test_wait (50);
        return;
      }
  g_error ("No business %s in the wizard", code);
}

static void
set_text (JhkRequestWizard *wizard,
          const char       *name,
          const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (wizard, name)), text);
}

static void
set_summary (JhkRequestWizard *wizard,
             const char       *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child (wizard, "summary_view")), text, -1);
}

/* A day @days from today, "YYYY-MM-DD". */
static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static JhkRequestWizard *
new_wizard (JhkWindow *window,
            gint64     draft_id)
{
  g_autoptr(GError) error = NULL;
  JhkRequestWizard *wizard;

  wizard = jhk_request_wizard_new (GTK_WIDGET (window), window->db, window->session, draft_id,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (wizard), 860, 760);
  gtk_window_present (GTK_WINDOW (wizard));
  app_test_wait (200);
  return wizard;
}

/* Next (through Enter or the action) is refused: the step stays, the
 * banner says why, the database is as it was. */
static void
assert_next_refused (JhkWindow        *window,
                     JhkRequestWizard *wizard,
                     gboolean          by_enter,
                     const char       *step,
                     const char       *message)
{
  g_autofree char *before = jhk_test_dump_tables (window->db);
  g_autofree char *after = NULL;

  if (by_enter)
    press_enter (wizard);
  else
    activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, step);
  g_assert_nonnull (banner (wizard));
  g_test_message ("%s: %s", step, banner (wizard));
  if (english && message != NULL)
    g_assert_nonnull (strstr (banner (wizard), message));
  after = jhk_test_dump_tables (window->db);
  g_assert_cmpstr (before, ==, after);
}

/* 提出: the wizard closes once the request is filed. */
static void
submit_and_close (JhkRequestWizard *wizard)
{
  JhkRequestWizard *weak = wizard;

  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *) &weak);
  activate (wizard, "wizard.submit");
  for (int i = 0; i < 50 && weak != NULL && gtk_widget_get_visible (GTK_WIDGET (weak)); i++)
    app_test_wait (50);
  if (weak != NULL && banner (weak) != NULL)
    g_error ("Submitting was refused: %s", banner (weak));
  if (weak != NULL)
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (weak)));
      g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
    }
}

static void
finished_cb (JhkRequestWizard *wizard,
             gint64            request_id,
             gboolean          submitted,
             gint64           *out)
{
  out[0] = request_id;
  out[1] = submitted;
  out[2]++;
}

static gint64 count (JhkWindow  *window,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

/* A number the database answers, the query made with printf. */
static gint64
count (JhkWindow  *window,
       const char *format,
       ...)
{
  g_autofree char *query = NULL;
  va_list args;

  va_start (args, format);
  query = g_strdup_vprintf (format, args);
  va_end (args);
  return app_test_count (window, query);
}

/* Issue 5 "Wizard", R15-4: 中央警察署's 情報管理者 files a request to the
 * 対象業務管理者等 of 指紋照合業務 through the five steps, by Enter and
 * the actions only; each step's refusal (nothing chosen, empty, a time
 * past, an empty row, no rows) keeps the step and the database; the
 * draft exists once step 1 is passed; submitting files it. */
static void
test_file_request (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autofree char *future = day_from_today (30);
  g_autofree char *tomorrow = day_from_today (1);
  gint64 finished[3] = { 0, 0, 0 };
  gint64 drafts, id;
  JhkRequestWizard *wizard;
  GtkWidget *focus;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  drafts = app_test_count (window, "SELECT COUNT(*) FROM work_requests");
  wizard = new_wizard (window, 0);
  g_signal_connect (wizard, "finished", G_CALLBACK (finished_cb), finished);
  g_assert_cmpstr (visible_step (wizard), ==, "recipient");
  g_assert_cmpint (jhk_request_wizard_get_request_id (wizard), ==, 0);
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-1-empty");

  /* 1 宛先: neither recipient nor business. */
  assert_next_refused (window, wizard, TRUE, "recipient", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (wizard));
  g_assert_nonnull (focus);
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-1-refused");
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM work_requests"), ==, drafts);

  gtk_check_button_set_active (child (wizard, "business_check"), TRUE);
  select_business (wizard, "B101");
  /* The addressee is the head of the business's owner, 刑事総務課. */
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "to_title_entry")), !=, "");
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-1");
  press_enter (wizard);
  g_assert_cmpstr (visible_step (wizard), ==, "work");
  g_assert_null (banner (wizard));
  /* The draft is saved on the step change. */
  id = jhk_request_wizard_get_request_id (wizard);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND status = 'draft' AND recipient = 'business'", id), ==, 1);

  /* 2 作業内容: empty, then a time past. */
  assert_next_refused (window, wizard, TRUE, "work", NULL);
  set_summary (wizard, "指紋照合結果一覧表の出力及び照会依頼書の入力");
  set_text (wizard, "purpose_row", "強行犯事件の捜査のため");
  set_text (wizard, "wanted_date_entry", "2020-04-01");
  assert_next_refused (window, wizard, FALSE, "work", NULL);
  /* The time is the field marked and focused. */
  g_assert_true (gtk_widget_has_css_class (child (wizard, "wanted_date_entry"), "error"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (wizard)),
                                         child (wizard, "wanted_date_entry")) ||
                 gtk_root_get_focus (GTK_ROOT (wizard)) == child (wizard, "wanted_date_entry"));
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-2-past");
  /* Sooner than the receiving side usually needs: a warning, no refusal. */
  set_text (wizard, "wanted_date_entry", tomorrow);
  app_test_wait (50);
  g_assert_true (gtk_widget_is_visible (child (wizard, "lead_time_label")));
  g_test_message ("lead time: %s", gtk_label_get_text (child (wizard, "lead_time_label")));
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-2-lead-time");
  set_text (wizard, "wanted_date_entry", future);
  g_assert_false (gtk_widget_is_visible (child (wizard, "lead_time_label")));
  gtk_spin_button_set_value (child (wizard, "hour_spin"), 10);
  gtk_spin_button_set_value (child (wizard, "minute_spin"), 30);
  app_test_wait (50);
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-2");
  press_enter (wizard);
  g_assert_cmpstr (visible_step (wizard), ==, "items");

  /* 3 資料: the empty first row, then no row at all. */
  g_assert_cmpuint (n_rows (wizard), ==, 1);
  assert_next_refused (window, wizard, TRUE, "items", NULL);
  g_assert_true (gtk_widget_has_css_class (row_widget (wizard, 0, "content"), "error"));
  /* The remove button of the only row. */
  g_signal_emit_by_name (row_widget (wizard, 0, "remove"), "clicked");
  app_test_wait (50);
  g_assert_cmpuint (n_rows (wizard), ==, 0);
  assert_next_refused (window, wizard, FALSE, "items", NULL);
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-3-no-rows");

  /* Two rows: 入力 照会依頼書, then 出力 結果一覧表 holding personal data,
   * moved to the top. */
  activate (wizard, "wizard.add-row");
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 0, "content")), "指紋照会依頼書");
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 0, "form")), "紙");
  activate (wizard, "wizard.add-row");
  g_assert_cmpuint (n_rows (wizard), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row_widget (wizard, 1, "kind")), 1);
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 1, "content")), "指紋照合結果一覧表");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (wizard, 1, "quantity")), 3);
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 1, "form")), "紙（A4）");
  g_assert_true (gtk_widget_get_visible (row_widget (wizard, 1, "personal")));
  g_assert_false (gtk_widget_get_visible (row_widget (wizard, 0, "personal")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_widget (wizard, 1, "personal")), TRUE);
  app_test_wait (50);
  /* The locked storage place shows for personal-data output. */
  g_assert_true (gtk_widget_get_visible (child (wizard, "place_group")));
  /* Ctrl+Up on the second row moves it to the top. */
  gtk_widget_grab_focus (row_widget (wizard, 1, "content"));
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (child (wizard, "items_list"), 1);
    GtkEventController *shortcuts = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (row));

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (c))
          shortcuts = c;
      }
    g_assert_nonnull (shortcuts);
    /* The first shortcut is Ctrl+Up. */
    {
      g_autoptr(GtkShortcut) up = g_list_model_get_item (G_LIST_MODEL (shortcuts), 0);

      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (up), 0,
                                                   GTK_WIDGET (row),
                                                   gtk_shortcut_get_arguments (up)));
    }
  }
  app_test_wait (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_widget (wizard, 0, "content"))), ==,
                   "指紋照合結果一覧表");
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-3");
  press_enter (wizard);
  g_assert_cmpstr (visible_step (wizard), ==, "office");
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_request_items"
                                  " WHERE request_id = %" G_GINT64_FORMAT, id), ==, 2);
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_request_items"
                                  " WHERE request_id = %" G_GINT64_FORMAT
                                  " AND position = 0 AND kind = 'output' AND personal_data = 1"
                                  " AND quantity = 3", id), ==, 1);
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND storage_place_id IS NOT NULL", id), ==, 1);

  /* 4 依頼所属: filled from the logged-in 情報管理者. */
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "manager_name_entry")), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "from_title_entry")), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "contact_name_entry")), !=, "");
  set_text (wizard, "contact_phone_entry", "");
  assert_next_refused (window, wizard, TRUE, "office", NULL);
  set_text (wizard, "contact_phone_entry", "9111");
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-4");
  press_enter (wizard);
  g_assert_cmpstr (visible_step (wizard), ==, "review");

  /* 5 確認: the PDF's pages; Enter submits nothing. */
  g_assert_nonnull (gtk_widget_get_first_child (child (wizard, "review_pages")));
  g_assert_true (GTK_IS_PICTURE (gtk_widget_get_first_child (child (wizard, "review_pages"))));
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (wizard)));
  g_assert_true (gtk_widget_get_visible (child (wizard, "submit_button")));
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-5");

  /* Back keeps what was typed. */
  activate (wizard, "wizard.back");
  g_assert_cmpstr (visible_step (wizard), ==, "office");
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "contact_phone_entry")), ==, "9111");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, "review");

  submit_and_close (wizard);
  g_assert_cmpint (finished[2], ==, 1);
  g_assert_cmpint (finished[0], ==, id);
  g_assert_cmpint (finished[1], ==, TRUE);
  /* To the business's manager: no consent step. */
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND status = 'submitted'", id), ==, 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM work_requests"), ==, drafts + 1);
  app_test_destroy_window (window);
}

/* Issue 5 "Wizard": the draft is saved on close (Escape) and resumed with
 * its fields; a request to the システム管理者 waits for consent (R15-4). */
static void
test_resume_draft (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autofree char *future = day_from_today (20);
  gint64 finished[3] = { 0, 0, 0 };
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *summary = NULL;
  JhkRequestWizard *wizard;
  gint64 id;

  app_test_log_in (window, "chuo-unyo", "jhk-demo");
  wizard = new_wizard (window, 0);
  g_signal_connect (wizard, "finished", G_CALLBACK (finished_cb), finished);
  gtk_check_button_set_active (child (wizard, "sysadmin_check"), TRUE);
  select_business (wizard, "B101");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, "work");
  set_summary (wizard, "犯罪統計の月報出力");
  set_text (wizard, "purpose_row", "統計");
  set_text (wizard, "wanted_date_entry", future);
  id = jhk_request_wizard_get_request_id (wizard);
  g_assert_cmpint (id, >, 0);
  /* A row of output holding personal data, then back to step 2. */
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, "items");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row_widget (wizard, 0, "kind")), 1);
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 0, "content")), "犯罪統計月報");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (wizard, 0, "quantity")), 2);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_widget (wizard, 0, "personal")), TRUE);
  activate (wizard, "wizard.back");
  g_assert_cmpstr (visible_step (wizard), ==, "work");
  set_text (wizard, "purpose_row", "統計資料の作成");
  /* Escape closes, saving what was typed since. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL));
  app_test_wait (100);
  g_assert_cmpint (finished[2], ==, 1);
  g_assert_cmpint (finished[0], ==, id);
  g_assert_cmpint (finished[1], ==, FALSE);
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND status = 'draft' AND summary = '犯罪統計の月報出力'", id),
                   ==, 1);

  wizard = new_wizard (window, id);
  g_assert_cmpint (jhk_request_wizard_get_request_id (wizard), ==, id);
  g_assert_true (gtk_check_button_get_active (child (wizard, "sysadmin_check")));
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (
      GTK_STRING_LIST (gtk_drop_down_get_model (child (wizard, "business_dropdown"))),
      gtk_drop_down_get_selected (child (wizard, "business_dropdown"))), "B101"));
  buffer = gtk_text_view_get_buffer (child (wizard, "summary_view"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  summary = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (summary, ==, "犯罪統計の月報出力");
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "purpose_row")), ==, "統計資料の作成");
  g_assert_cmpstr (gtk_editable_get_text (child (wizard, "wanted_date_entry")), ==, future);
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-resumed");

  /* The row, as it was left. */
  g_assert_cmpuint (n_rows (wizard), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (row_widget (wizard, 0, "kind"))),
                    ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_widget (wizard, 0, "content"))), ==,
                   "犯罪統計月報");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row_widget (wizard, 0,
                                                                                  "quantity"))),
                   ==, 2);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (row_widget (wizard, 0,
                                                                            "personal"))));
  g_assert_true (gtk_widget_get_visible (child (wizard, "place_group")));

  /* On to the end; to the システム管理者 it waits for consent. */
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, "items");
  /* The row's 資料の形態 is missing: it is marked. */
  assert_next_refused (window, wizard, FALSE, "items", NULL);
  g_assert_true (gtk_widget_has_css_class (row_widget (wizard, 0, "form"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (row_widget (wizard, 0, "form")), "紙");
  activate (wizard, "wizard.next");
  activate (wizard, "wizard.next");
  g_assert_cmpstr (visible_step (wizard), ==, "review");
  submit_and_close (wizard);
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND status = 'consent_pending'", id), ==, 1);
  app_test_destroy_window (window);
}

/* The draft is saved a moment after typing stops, with no step change. */
static void
test_autosave (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkRequestWizard *wizard;
  gint64 id = 0;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  wizard = new_wizard (window, 0);
  gtk_check_button_set_active (child (wizard, "business_check"), TRUE);
  for (int i = 0; i < 100 && id == 0; i++)
    {
      app_test_wait (100);
      id = jhk_request_wizard_get_request_id (wizard);
    }
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (visible_step (wizard), ==, "recipient");
  g_assert_cmpint (count (window, "SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                                  " AND recipient = 'business'", id), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (child (wizard, "status_label")), !=, "");
  gtk_window_destroy (GTK_WINDOW (wizard));
  app_test_destroy_window (window);
}

/* Opening the wizard and closing it with nothing typed saves nothing: no
 * empty draft is left in the office's list. */
static void
test_nothing_typed (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 finished[3] = { 0, 0, 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkRequestWizard *wizard;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  before = jhk_test_dump_tables (window->db);
  wizard = new_wizard (window, 0);
  g_signal_connect (wizard, "finished", G_CALLBACK (finished_cb), finished);
  /* Longer than the draft waits after typing stops. */
  app_test_wait (2500);
  /* The step indicator's 3 資料 goes through step 1's check first. */
  {
    GtkWidget *steps = child (wizard, "steps_box");
    GtkWidget *third = NULL;
    int n = 0;

    for (GtkWidget *c = gtk_widget_get_first_child (steps); c != NULL;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BUTTON (c) && ++n == 3)
        third = c;
    g_assert_nonnull (third);
    g_signal_emit_by_name (third, "clicked");
    app_test_wait (50);
    g_assert_cmpstr (visible_step (wizard), ==, "recipient");
    g_assert_nonnull (banner (wizard));
  }
  g_assert_cmpint (jhk_request_wizard_get_request_id (wizard), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "window.close", NULL));
  app_test_wait (100);
  g_assert_cmpint (finished[2], ==, 0);
  after = jhk_test_dump_tables (window->db);
  g_assert_cmpstr (before, ==, after);
  app_test_destroy_window (window);
}

/* R15-4: only the 運用管理者 and 情報管理者 of an office file requests; the
 * wizard does not open for anyone else, and the database is unchanged. */
static void
test_not_a_requester (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkRequestWizard *wizard;

  app_test_log_in (window, "chuo-shokuin", "jhk-demo");
  before = jhk_test_dump_tables (window->db);
  wizard = jhk_request_wizard_new (GTK_WIDGET (window), window->db, window->session, 0, &error);
  g_assert_null (wizard);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  after = jhk_test_dump_tables (window->db);
  g_assert_cmpstr (before, ==, after);
  app_test_destroy_window (window);
}

/* Whether the business dropdown offers the business of code. */
static gboolean
offers (JhkRequestWizard *wizard,
        const char       *code)
{
  GListModel *model = gtk_drop_down_get_model (child (wizard, "business_dropdown"));
  g_autofree char *prefix = g_strdup_printf ("%s ", code);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      return TRUE;
  return FALSE;
}

/* RF2 (R8-1, R9-1): step 1 offers only the businesses a request can be
 * addressed to, approved with a manager today, as submit checks; one that
 * loses its manager while the wizard is open is refused at Next, the
 * database unchanged, and is no longer offered. */
static void
test_addressable_businesses (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(JhkQueryModel) addressable = NULL;
  JhkRequestWizard *wizard;
  GtkDropDown *dropdown;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  addressable = jhk_work_requests_addressable_businesses (window->db);
  wizard = new_wizard (window, 0);
  dropdown = child (wizard, "business_dropdown");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (addressable)));
  g_assert_true (offers (wizard, "B101"));
  /* Not approved (B104), or a 主管業務, never approved (L301). */
  g_assert_false (offers (wizard, "B104"));
  g_assert_false (offers (wizard, "L301"));

  /* B101's manager leaves while the wizard is open. */
  gtk_check_button_set_active (child (wizard, "business_check"), TRUE);
  select_business (wizard, "B101");
  g_assert_true (jhk_db_run (window->db, NULL,
                             "UPDATE role_assignments SET valid_to = '2000-01-01'"
                             " WHERE business_id = (SELECT id FROM businesses"
                             " WHERE code = 'B101')", JHK_DB_END));
  assert_next_refused (window, wizard, FALSE, "recipient",
                       "The business has no manager to consent to or process the request.");
  gtk_window_destroy (GTK_WINDOW (wizard));
  app_test_wait (100);

  wizard = new_wizard (window, 0);
  g_assert_false (offers (wizard, "B101"));
  app_test_save_png (GTK_WIDGET (wizard), "request-wizard-1-addressable");
  gtk_window_destroy (GTK_WINDOW (wizard));
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* In Japanese (JHK_TEST_LANG) the messages are checked only for being there. */
  english = !app_test_set_test_lang ();
  app_test_init (&argc, &argv);
  g_test_add_func ("/request-wizard/R15-4/file-request", test_file_request);
  g_test_add_func ("/request-wizard/R15-4/resume-draft", test_resume_draft);
  g_test_add_func ("/request-wizard/R15-4/autosave", test_autosave);
  g_test_add_func ("/request-wizard/R15-4/nothing-typed", test_nothing_typed);
  g_test_add_func ("/request-wizard/R15-4/not-a-requester", test_not_a_requester);
  g_test_add_func ("/request-wizard/RF2/addressable-businesses", test_addressable_businesses);
  return app_test_run ();
}
