/* test-requests-page.c: the 作業依頼 workspace (issue 5), driven as the
 * people concerned would: the requester submits, the business's manager
 * consents (R15-4), the システム管理者 receives, processes, returns the
 * input, hands over the output (R15-1: a ledger material), records the
 * paper and completes, each through the page's buttons and dialogs. The
 * buttons of a wrong role are insensitive with the service's own reason,
 * the database is checked after each step, and a refused input leaves it
 * unchanged. */
#include <string.h>
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-request-wizard.h"
#include "jhk-requests-page.h"
#include "jhk-row.h"
#include "jhk-session.h"
#include "jhk-work-requests.h"
#include "tests/jhk-test-util.h"

static char *
local_time (GTimeSpan offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add (now, offset);

  return g_date_time_format (then, "%Y-%m-%d %H:%M");
}

/* A step's button is shown (its state allows it) and sensitive or not. */
static GtkWidget *
shown_button (GtkWidget  *page,
              const char *action)
{
  GtkWidget *button = app_test_find_action_button (page, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (button));
  return button;
}

static void
assert_hidden (GtkWidget  *page,
               const char *action)
{
  GtkWidget *button = app_test_find_action_button (page, action);

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_visible (button));
}

static GListModel *
request_list (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

/* Selects request id in the list, which must hold it. */
static void
select_request (GtkWidget *page,
                gint64     id)
{
  app_test_select_id (request_list (page), id);
}

/* A drawn label in the error style whose text holds part. */
static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_is_drawable (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part);
}

/* Shows the last scope, all the requests the user may see. */
static void
show_all (GtkWidget *page)
{
  GtkDropDown *scopes = GTK_DROP_DOWN (app_test_find_descendant (page, GTK_TYPE_DROP_DOWN));
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (scopes));

  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (scopes)),
                                               n - 1), !=, NULL);
  gtk_drop_down_set_selected (scopes, n - 1);
  app_test_wait (100);
}

/* The request selected in the list, 0 for none. */
static gint64
selected_id (GtkWidget *page)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (request_list (page));
  JhkRow *row = gtk_single_selection_get_selected_item (selection);

  return row != NULL ? jhk_row_get_id (row) : 0;
}

static GtkWidget *
open_page (JhkWindow  *window,
           const char *login)
{
  GtkWidget *page;

  /* The window's own default width, for the list and the detail side by
   * side. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  if (jhk_window_get_session (window) != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL));
  app_test_log_in (window, login, "jhk-demo");
  page = app_test_show_workspace (window, "requests");
  g_assert_true (JHK_IS_REQUESTS_PAGE (page));
  app_test_wait (100);
  return page;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  app_test_wait (100);
}

static gboolean
has_status (JhkWindow  *window,
            gint64      id,
            const char *status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %"
                                          G_GINT64_FORMAT " AND status = '%s'", id, status);

  return app_test_count (window, sql) == 1;
}

/* The service's reason for refusing action to login, on the request as it
 * is now. */
static char *
refusal (JhkWindow            *window,
         const char           *login,
         gint64                id,
         JhkWorkRequestAction  action)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) session = app_test_session (window, login);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkWorkRequest) r = jhk_work_requests_get (db, session, id, &error);
  const char *why;

  g_assert_no_error (error);
  why = jhk_work_requests_refusal (db, session, r, action);
  g_assert_nonnull (why);
  return g_strdup (why);
}

static void
assert_refused_button (JhkWindow            *window,
                       GtkWidget            *page,
                       const char           *login,
                       gint64                id,
                       const char           *action_name,
                       JhkWorkRequestAction  action)
{
  GtkWidget *button = shown_button (page, action_name);
  g_autofree char *why = refusal (window, login, id, action);

  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, why);
  g_test_message ("%s refused to %s: %s", action_name, login, why);
}

/* A dialog's input refused as typed: the apply fails with message and the
 * database is as it was. */
static void
assert_dialog_refuses (JhkWindow     *window,
                       JhkFormDialog *dialog,
                       const char    *message)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;

  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, message);
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
}

/* A draft of 中央警察署 警務課 by its 情報管理者, to the システム管理者 for
 * 指紋照合業務: an input row and a personal-data output row, stored in a
 * locked place. */
static gint64
file_draft (JhkWindow *window,
            const char *recipient)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) kanri = app_test_session (window, "chuo-kanri");
  g_autoptr(JhkSession) system = jhk_session_new_system ("test");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkWorkRequest) draft = jhk_work_requests_new_draft (db, kanri, &error);
  JhkWorkRequestItem *output;
  static guint n_places;
  g_autofree char *place = NULL;
  gint64 id;

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  draft->recipient = (g_free (draft->recipient), g_strdup (recipient));
  draft->business_id = jhk_org_find_business (db, "B101");
  draft->to_title = (g_free (draft->to_title),
                     jhk_work_requests_recipient_title (db, recipient, draft->business_id));
  draft->summary = (g_free (draft->summary), g_strdup ("指紋照会結果の出力"));
  draft->purpose = (g_free (draft->purpose), g_strdup ("捜査資料とするため"));
  draft->wanted_at = (g_free (draft->wanted_at), local_time (7 * G_TIME_SPAN_DAY));
  g_ptr_array_add (draft->items, jhk_work_request_item_new ("input", "照会対象者一覧", 1, "紙",
                                                            ""));
  output = jhk_work_request_item_new ("output", "照会結果一覧", 2, "紙", "");
  output->personal_data = TRUE;
  g_ptr_array_add (draft->items, output);
  place = g_strdup_printf ("施錠保管庫（作業依頼%u）", ++n_places);
  draft->storage_place_id = jhk_ledger_add_storage_place (db, system, draft->office_id, place,
                                                          TRUE, &error);
  g_assert_no_error (error);
  id = jhk_work_requests_save_draft (db, kanri, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* R15-4, RF2: from the draft to 完了 under the right accounts. */
static void
test_to_completion (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = file_draft (window, "sysadmin");
  g_autofree char *future = local_time (G_TIME_SPAN_DAY);
  g_autofree char *sql = NULL;
  gint64 materials;
  GtkWidget *page;
  JhkFormDialog *dialog;

  /* The requester: the draft in the office's list, submitted. */
  page = open_page (window, "chuo-kanri");
  g_assert_true (gtk_widget_is_sensitive (app_test_find_action_button (page, "requests.new")));
  select_request (page, id);
  shown_button (page, "requests.edit");
  shown_button (page, "requests.withdraw");
  assert_hidden (page, "requests.consent");
  assert_hidden (page, "requests.receive");
  app_test_save_png (GTK_WIDGET (window), "requests-draft");
  click (shown_button (page, "requests.submit"));
  g_assert_true (has_status (window, id, "consent_pending"));

  /* R15-4: consent is the business manager's, not the requester's. */
  assert_refused_button (window, page, "chuo-kanri", id, "requests.consent",
                         JHK_WORK_REQUEST_CONSENT);
  app_test_save_png (GTK_WIDGET (window), "requests-consent-pending");

  /* The 対象業務管理者 of 指紋照合業務, led there by the dashboard. */
  page = open_page (window, "gyomu");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "requests", "requests.consent"));
  app_test_wait (100);
  g_assert_cmpint (selected_id (page), !=, 0);
  select_request (page, id);
  g_assert_false (gtk_widget_is_sensitive (app_test_find_action_button (page, "requests.new")));
  click (shown_button (page, "requests.consent"));
  dialog = app_test_form_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog,
                                                                                 "title_row"))),
                   ==, "刑事総務課長");
  app_test_set_row (dialog, "phone_row", "3199");
  app_test_save_png (GTK_WIDGET (dialog), "requests-consent-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_true (has_status (window, id, "submitted"));
  sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                         " AND consent_by = %" G_GINT64_FORMAT " AND consent_phone = '3199'",
                         id, jhk_org_find_staff (db, "A3101"));
  g_assert_cmpint (app_test_count (window, sql), ==, 1);

  /* The システム管理者: receives, after a time in the future is refused. */
  page = open_page (window, "admin");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "requests", "requests.receive"));
  app_test_wait (100);
  g_assert_cmpint (selected_id (page), !=, 0);
  select_request (page, id);
  click (shown_button (page, "requests.receive"));
  dialog = app_test_form_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog,
                                                                                 "handler_row"))),
                   ==, "佐藤 浩二");
  app_test_set_row (dialog, "at_row", future);
  assert_dialog_refuses (window, dialog, "The time of a step cannot lie in the future.");
  g_assert_true (has_status (window, id, "submitted"));
  {
    g_autofree char *now = local_time (0);

    app_test_set_row (dialog, "at_row", now);
  }
  app_test_set_row (dialog, "note_row", "至急処理");
  app_test_save_png (GTK_WIDGET (dialog), "requests-receive-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_true (has_status (window, id, "in_progress"));

  /* 完了 needs 処理 and the rest first: the service's reason. */
  assert_refused_button (window, page, "admin", id, "requests.complete",
                         JHK_WORK_REQUEST_COMPLETE);

  /* 処理. */
  click (shown_button (page, "requests.process"));
  dialog = app_test_form_dialog ();
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                         " AND processed_at <> '' AND processed_handler = '佐藤 浩二'", id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);

  /* 入力資料返却: the receiver is required. */
  click (shown_button (page, "requests.return-input"));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "to_name_row", "");
  assert_dialog_refuses (window, dialog,
                         "Name the office and the person who received the material.");
  app_test_set_row (dialog, "to_name_row", "山田 太郎");
  app_test_save_png (GTK_WIDGET (dialog), "requests-return-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                         " AND input_returned_to_name = '山田 太郎'", id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);

  /* 出力資料交付: R15-1, the personal-data output becomes a material of the
   * requesting office's ledger, linked to the request. */
  materials = app_test_count (window, "SELECT COUNT(*) FROM materials");
  click (shown_button (page, "requests.deliver-output"));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "to_name_row", "山田 太郎");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM materials"), ==, materials + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM materials WHERE work_request_id = %"
                         G_GINT64_FORMAT, id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);

  /* The output row links to its material's 様式第1号. */
  {
    GtkWidget *sheet = app_test_find_button (page, "Materials Sheet…");
    GtkWindow *preview;

    g_assert_nonnull (sheet);
    click (sheet);
    preview = app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW);
    g_assert_nonnull (preview);
    gtk_window_destroy (preview);
    app_test_wait (100);
  }

  /* 用紙 and 記事欄: a negative count is refused as typed. */
  click (shown_button (page, "requests.paper"));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "a4_row", "-1");
  assert_dialog_refuses (window, dialog, "The paper counts cannot be negative.");
  app_test_set_row (dialog, "a4_row", "12");
  app_test_set_row (dialog, "remarks_row", "両面印刷");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                         " AND paper_a4 = 12 AND remarks = '両面印刷'", id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);

  /* 完了, after a confirmation; cancelled, nothing changes. */
  click (shown_button (page, "requests.complete"));
  app_test_answer ("cancel");
  g_assert_true (has_status (window, id, "in_progress"));
  click (shown_button (page, "requests.complete"));
  app_test_save_png (GTK_WIDGET (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                     "requests-complete-dialog");
  app_test_answer ("complete");
  g_assert_true (has_status (window, id, "completed"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'work_request.%%'"
                         " AND object_id = '%" G_GINT64_FORMAT "'", id);
  g_assert_cmpint (app_test_count (window, sql), >=, 8);

  /* Done, it leaves the queue; among all, no step is left but the form. */
  g_assert_cmpint (selected_id (page), ==, 0);
  show_all (page);
  select_request (page, id);
  assert_hidden (page, "requests.complete");
  assert_hidden (page, "requests.withdraw");
  app_test_save_png (GTK_WIDGET (window), "requests-completed");

  /* 様式第2号: the preview of the completed form. */
  g_assert_true (gtk_widget_activate_action (page, "requests.form2", NULL));
  app_test_wait (300);
  {
    JhkFormPreview *preview = JHK_FORM_PREVIEW (app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW));

    g_assert_nonnull (preview);
    g_assert_cmpuint (jhk_form_preview_get_n_pages (preview), ==, 1);
    for (int i = 0; i < 50 && jhk_form_preview_is_rendering (preview); i++)
      app_test_wait (100);
    app_test_save_png (GTK_WIDGET (preview), "requests-form2-preview");
    gtk_window_destroy (GTK_WINDOW (preview));
  }
  app_test_destroy_window (window);
}

/* R15-4: the wrong roles and the send-back: the receiving side's buttons
 * are insensitive for the requester with the service's reason; a send-back
 * needs its reason; the requester sees it, revises and withdraws. */
static void
test_send_back_and_roles (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) kanri = app_test_session (window, "chuo-kanri");
  g_autoptr(GError) error = NULL;
  gint64 id = file_draft (window, "business");
  GtkWidget *page;
  JhkFormDialog *dialog;

  /* Straight to the business's manager: no consent. */
  g_assert_true (jhk_work_requests_submit (db, kanri, id, &error));
  g_assert_no_error (error);
  g_assert_true (has_status (window, id, "submitted"));

  /* The requester may not receive it, nor may the システム管理者. */
  page = open_page (window, "chuo-kanri");
  select_request (page, id);
  assert_refused_button (window, page, "chuo-kanri", id, "requests.receive",
                         JHK_WORK_REQUEST_RECEIVE);
  assert_refused_button (window, page, "chuo-kanri", id, "requests.send-back",
                         JHK_WORK_REQUEST_SEND_BACK);
  app_test_save_png (GTK_WIDGET (window), "requests-submitted-requester");

  page = open_page (window, "admin");
  g_assert_false (gtk_widget_is_sensitive (app_test_find_action_button (page, "requests.new")));
  {
    g_autoptr(JhkSession) admin = app_test_session (window, "admin");
    g_autoptr(GError) why = NULL;
    g_autoptr(JhkWorkRequest) none = jhk_work_requests_new_draft (db, admin, &why);

    g_assert_null (none);
    g_assert_cmpstr (
      gtk_widget_get_tooltip_text (app_test_find_action_button (page, "requests.new")), ==,
      why->message);
  }

  /* The business's manager sends it back; the reason is required. */
  page = open_page (window, "gyomu");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "requests", "requests.receive"));
  app_test_wait (100);
  select_request (page, id);
  shown_button (page, "requests.receive");
  click (shown_button (page, "requests.send-back"));
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "comment_row", "  ");
  assert_dialog_refuses (window, dialog, "Give the reason for sending the request back.");
  app_test_set_row (dialog, "comment_row", "数量を確認してください");
  app_test_save_png (GTK_WIDGET (dialog), "requests-send-back-dialog");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_true (has_status (window, id, "returned"));

  /* The requester sees why, revises, and withdraws after a confirmation. */
  page = open_page (window, "chuo-kanri");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "requests", "requests.returned"));
  app_test_wait (100);
  g_assert_cmpint (selected_id (page), !=, 0);
  select_request (page, id);
  app_test_save_png (GTK_WIDGET (window), "requests-returned");
  click (shown_button (page, "requests.revise"));
  g_assert_true (has_status (window, id, "draft"));
  click (shown_button (page, "requests.withdraw"));
  app_test_answer ("cancel");
  g_assert_true (has_status (window, id, "draft"));
  click (shown_button (page, "requests.withdraw"));
  app_test_answer ("withdraw");
  g_assert_true (has_status (window, id, "withdrawn"));
  assert_hidden (page, "requests.withdraw");
  assert_hidden (page, "requests.submit");
  app_test_destroy_window (window);
}

/* The wizard from the page: a new request (Ctrl+N's action) and a draft
 * resumed; overdue requests stand out; an office without requests is told
 * what to do. */
static void
test_wizard_overdue_empty (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autofree char *sql = NULL;
  gint64 draft;
  GtkWidget *page;
  GtkWindow *wizard;
  GtkStack *stack;

  page = open_page (window, "chuo-kanri");
  g_assert_true (gtk_widget_activate_action (page, "requests.new", NULL));
  app_test_wait (200);
  wizard = app_test_find_toplevel (JHK_TYPE_REQUEST_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpint (jhk_request_wizard_get_request_id (JHK_REQUEST_WIZARD (wizard)), ==, 0);
  gtk_window_destroy (wizard);
  app_test_wait (100);

  /* The demo's draft of the office, resumed. */
  draft = app_test_count (window, "SELECT MIN(w.id) FROM work_requests w"
                                  " JOIN org_units u ON u.id = w.org_unit_id"
                                  " WHERE w.status = 'draft' AND u.code = '910'");
  g_assert_cmpint (draft, >, 0);
  select_request (page, draft);
  click (shown_button (page, "requests.edit"));
  app_test_wait (100);
  wizard = app_test_find_toplevel (JHK_TYPE_REQUEST_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpint (jhk_request_wizard_get_request_id (JHK_REQUEST_WIZARD (wizard)), ==, draft);
  /* A draft saved in the wizard: the page shows it, selected. */
  {
    gint64 other = file_draft (window, "business");

    g_signal_emit_by_name (wizard, "finished", other, FALSE);
    app_test_wait (100);
    g_assert_cmpint (selected_id (page), ==, other);
  }
  gtk_window_destroy (wizard);
  app_test_wait (100);

  /* Another desk's change: the page reads the list again. */
  {
    guint before = g_list_model_get_n_items (request_list (page));

    file_draft (window, "sysadmin");
    jhk_page_data_changed (JHK_PAGE (page));
    app_test_wait (100);
    g_assert_cmpuint (g_list_model_get_n_items (request_list (page)), ==, before + 1);
  }

  /* The dashboard's overdue item: the first overdue request addressed to
   * the システム管理者, marked. */
  page = open_page (window, "admin");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "requests", "requests.overdue"));
  app_test_wait (100);
  g_assert_cmpint (selected_id (page), >, 0);
  {
    g_autofree char *now = local_time (0);

    sql = g_strdup_printf ("SELECT COUNT(*) FROM work_requests WHERE id = %" G_GINT64_FORMAT
                           " AND status IN ('consent_pending', 'submitted', 'in_progress')"
                           " AND wanted_at <> '' AND wanted_at < '%s'", selected_id (page), now);
  }
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  /* The status under the heading says so in the error colour, and the
   * list's state cell has its icon. */
  g_assert_nonnull (app_test_find_widget (page, is_error_label, "overdue"));
  app_test_save_png (GTK_WIDGET (window), "requests-overdue");

  /* 東警察署 has filed nothing: the empty list says how to file. */
  page = open_page (window, "higashi-unyo");
  stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (app_test_find_descendant (page, ADW_TYPE_STATUS_PAGE)),
                                              GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (gtk_widget_is_sensitive (app_test_find_action_button (page, "requests.new")));
  app_test_save_png (GTK_WIDGET (window), "requests-empty");
  app_test_destroy_window (window);
}

/* A drawn label whose text is text. */
static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The list's column titled title. */
static GtkColumnViewColumn *
find_column (GtkWidget  *page,
             const char *title)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static int
flow_rank (const char *status)
{
  static const char *const flow[] = { "draft", "consent_pending", "submitted", "in_progress",
                                      "returned", "completed", "withdrawn" };

  for (int i = 0; i < (int) G_N_ELEMENTS (flow); i++)
    if (g_strcmp0 (status, flow[i]) == 0)
      return i;
  return 6;
}

/* The rows are in the order of the sort: -1 for 完成希望日時, 1 for 状態,
 * 0 for 番号 alone; the number breaks ties, the same way. */
static void
assert_sorted (GtkWidget *page,
               int        key,
               gboolean   descending)
{
  GListModel *list = request_list (page);
  guint n = g_list_model_get_n_items (list);

  g_assert_cmpuint (n, >, 1);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(JhkRow) a = g_list_model_get_item (list, i - 1);
      g_autoptr(JhkRow) b = g_list_model_get_item (list, i);
      int cmp = 0;

      if (key < 0)
        cmp = strcmp (jhk_row_get_by_name (a, "wanted_at"), jhk_row_get_by_name (b, "wanted_at"));
      else if (key > 0)
        cmp = flow_rank (jhk_row_get_by_name (a, "status")) -
              flow_rank (jhk_row_get_by_name (b, "status"));
      if (cmp == 0)
        cmp = jhk_row_get_id (a) < jhk_row_get_id (b) ? -1 : 1;
      g_assert_cmpint (descending ? -cmp : cmp, <, 0);
    }
}

/* RF2: the list sorts by 番号, 完成希望日時 and 状態 from its column
 * headers (in SQL, the list being lazy), keeps the selected request
 * selected and shown, and keeps its order across a refresh. */
static void
test_sort (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkColumnView *view;
  GtkWidget *page;
  guint n;
  gint64 id;

  page = open_page (window, "admin");
  show_all (page);
  view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  n = g_list_model_get_n_items (request_list (page));
  g_assert_cmpuint (n, >=, 10);
  /* Newest first, as it opens. */
  assert_sorted (page, 0, TRUE);

  /* A request in the middle, selected, stays selected through each sort. */
  {
    g_autoptr(JhkRow) row = g_list_model_get_item (request_list (page), n / 2);

    id = jhk_row_get_id (row);
  }
  select_request (page, id);
  gtk_column_view_sort_by_column (view, find_column (page, "Wanted By"), GTK_SORT_ASCENDING);
  app_test_wait (100);
  assert_sorted (page, -1, FALSE);
  g_assert_cmpint (selected_id (page), ==, id);
  app_test_save_png (GTK_WIDGET (window), "requests-sorted-wanted");
  gtk_column_view_sort_by_column (view, find_column (page, "Wanted By"), GTK_SORT_DESCENDING);
  app_test_wait (100);
  assert_sorted (page, -1, TRUE);
  g_assert_cmpint (selected_id (page), ==, id);
  gtk_column_view_sort_by_column (view, find_column (page, "State"), GTK_SORT_ASCENDING);
  app_test_wait (100);
  assert_sorted (page, 1, FALSE);
  g_assert_cmpint (selected_id (page), ==, id);
  gtk_column_view_sort_by_column (view, find_column (page, "State"), GTK_SORT_DESCENDING);
  app_test_wait (100);
  assert_sorted (page, 1, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (request_list (page)), ==, n);
  g_assert_cmpint (selected_id (page), ==, id);
  {
    g_autofree char *heading = g_strdup_printf ("Work Request No. %" G_GINT64_FORMAT, id);
    GtkWidget *label = app_test_find_widget (page, is_label, heading);

    g_assert_nonnull (label);
  }

  /* Another desk's request: read again in the same order, the selection
   * kept. */
  file_draft (window, "business");
  jhk_page_data_changed (JHK_PAGE (page));
  app_test_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (request_list (page)), ==, n + 1);
  assert_sorted (page, 1, TRUE);
  g_assert_cmpint (selected_id (page), ==, id);

  gtk_column_view_sort_by_column (view, find_column (page, "No."), GTK_SORT_ASCENDING);
  app_test_wait (100);
  assert_sorted (page, 0, FALSE);
  g_assert_cmpint (selected_id (page), ==, id);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_set_test_lang ();
  app_test_init (&argc, &argv);

  g_test_add_func ("/requests-page/R15-4/to-completion", test_to_completion);
  g_test_add_func ("/requests-page/R15-4/send-back-and-roles", test_send_back_and_roles);
  g_test_add_func ("/requests-page/issue-5/wizard-overdue-empty", test_wizard_overdue_empty);
  g_test_add_func ("/requests-page/RF2/sort", test_sort);
  return app_test_run ();
}
