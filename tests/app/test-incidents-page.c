/* test-incidents-page.c: the 事故対処 workspace (issue 7, 第19), driven as
 * the people concerned would: the 運用管理者 of 中央警察署 sees the incident
 * opened through the services with its playbook's checklist and records a
 * step done through the page's own action and its dialog (R19-2); the
 * システム管理者 sees the recovery request and the serious incident's
 * report blocks with their buttons (R19-3..5) and prints the 事故報告書;
 * a closed incident is read-only. The database is checked after each
 * write. */
#include <string.h>
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-incidents-page.h"
#include "jhk-incidents.h"
#include "jhk-page.h"
#include "jhk-playbooks.h"
#include "jhk-row.h"
#include "jhk-session.h"
#include "tests/jhk-test-util.h"

static GtkWidget *
open_page (JhkWindow  *window,
           const char *login)
{
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  page = app_test_open_workspace (window, login, "incidents");
  g_assert_true (JHK_IS_INCIDENTS_PAGE (page));
  app_test_wait (100);
  return page;
}

/* Opens an incident of 中央警察署 as chuo-unyo with the playbook of code;
 * damage makes it serious by the playbook's criteria. */
static gint64
open_incident_ago (JhkWindow  *window,
                   const char *code,
                   const char *title,
                   gboolean    damage,
                   GTimeSpan   ago)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (db, code, &error);
  gint64 office = app_test_count (window, "SELECT id FROM org_units WHERE code = '910'");
  gint64 now = g_get_real_time ();
  JhkIncidentFacts facts = {
    .title = title,
    .description = "刑事課の端末装置が起動しない。",
    .occurred_at = now - ago - 10 * G_TIME_SPAN_MINUTE,
    .discovered_at = now - ago,
    .systems = "ネットワーク端末装置",
    .terminals = "T-913-01",
    .damage = damage,
  };
  gint64 id;

  g_assert_no_error (error);
  g_assert_nonnull (playbook);
  id = jhk_incidents_open (db, unyo, office, playbook->id, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
open_incident (JhkWindow  *window,
               const char *code,
               const char *title,
               gboolean    damage)
{
  return open_incident_ago (window, code, title, damage, 30 * G_TIME_SPAN_MINUTE);
}

static GListModel *
incident_list (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static gint64
selected_id (GtkWidget *page)
{
  JhkRow *row = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (incident_list (page)));

  return row != NULL ? jhk_row_get_id (row) : 0;
}

/* Others changed the data: the page reads it again, then selects id. */
static void
select_incident (GtkWidget *page,
                 gint64     id)
{
  jhk_page_data_changed (JHK_PAGE (page));
  app_test_wait (50);
  app_test_select_id (incident_list (page), id);
}

static gboolean
is_step_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "jhk-step") != NULL;
}

/* The checklist's rows, in order. */
static GPtrArray *
step_rows (GtkWidget *page)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *first = app_test_find_widget (page, is_step_row, NULL);

  for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
    if (is_step_row (row, NULL))
      g_ptr_array_add (rows, row);
  return rows;
}

static char *
step_state (JhkWindow *window,
            gint64     incident_id,
            int        position)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) admin = app_test_session (window, "admin");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = jhk_incidents_get (db, admin, incident_id, &error);
  const JhkIncidentStep *step;

  g_assert_no_error (error);
  step = g_ptr_array_index (incident->steps, position - 1);
  return g_strdup (step->state);
}

/* A button of the page's action, shown or not. */
static GtkWidget *
action_button (GtkWidget  *page,
               const char *action)
{
  return app_test_find_action_button (page, action);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

/* The detail's row of an overdue due time, and a list cell in red. */
static gboolean
is_error_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_is_drawable (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_drawn_row_with (GtkWidget     *widget,
                   gconstpointer  part)
{
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return subtitle != NULL && strstr (subtitle, part) != NULL &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "·") != NULL;
}

/* The detail's sections: checklist, recovery and report, timeline. */
static gboolean
is_section_stack (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget),
                                                               "timeline") != NULL;
}

/* The page's search entry, not the drop-downs' hidden ones. */
static gboolean
is_drawn_search (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_is_drawable (widget);
}

static gboolean
is_drawn (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_drawable (widget);
}

/* R19-2: the office's 運用管理者 runs the checklist: the incident opened
 * through the services is listed with its progress, its steps are rows
 * with their buttons, and 完了 through the page's action and its dialog
 * records the step done. */
static void
test_checklist (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = open_page (window, "chuo-unyo");
  gint64 id = open_incident (window, "terminal-failure", "刑事課の端末装置が起動しない", FALSE);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *state = NULL;
  gint64 step_id;
  JhkFormDialog *dialog;
  GtkWidget *done;

  /* 事故の発生を報告… opens the dialog that records a new one. */
  g_assert_true (gtk_widget_is_sensitive (app_test_find_action_button (page, "incidents.new")));
  g_assert_true (gtk_widget_activate_action (page, "incidents.new", NULL));
  app_test_wait (100);
  gtk_window_destroy (GTK_WINDOW (app_test_form_dialog ()));
  app_test_wait (50);

  /* From the dashboard: the open incidents with steps waiting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "incidents", "incidents.steps"));
  app_test_wait (100);
  g_assert_cmpint (selected_id (page), !=, 0);

  select_incident (page, id);
  g_assert_cmpint (selected_id (page), ==, id);
  rows = step_rows (page);
  g_assert_cmpuint (rows->len, ==,
                    app_test_count (window, "SELECT COUNT(*) FROM incident_steps WHERE "
                                            "incident_id = (SELECT MAX(id) FROM incidents)"));
  g_assert_cmpuint (rows->len, >, 2);
  g_test_message ("%u steps in the checklist", rows->len);
  /* Enter on the first step: 完了 of the step the user may do. */
  g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 0)));
  done = app_test_find_button (page, "_Done…");
  g_assert_true (is_drawn (done));
  g_assert_true (gtk_widget_is_sensitive (done));
  app_test_save_png (GTK_WIDGET (window), "incidents-checklist");

  /* The first step done through the page's action and its dialog. */
  step_id = GPOINTER_TO_SIZE (g_object_get_data (g_ptr_array_index (rows, 0), "jhk-step"));
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activate");
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (150);
  state = step_state (window, id, 1);
  g_assert_cmpstr (state, ==, "done");
  g_test_message ("step %" G_GINT64_FORMAT " is %s", step_id, state);
  /* The page read it again, with the same incident selected. */
  g_assert_cmpint (selected_id (page), ==, id);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = step_rows (page);
  g_assert_false (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 0)));
  g_assert_true (gtk_list_box_row_get_activatable (g_ptr_array_index (rows, 1)));
  app_test_save_png (GTK_WIDGET (window), "incidents-step-done");

  /* A file attached to the step: named in the step's row, listed among
   * the attachments with its button to save it. */
  {
    JhkDb *db = jhk_window_get_database (window);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = g_bytes_new_static ("screen", 6);
    gint64 attachment = jhk_incidents_attach (db, jhk_window_get_session (window), id, step_id,
                                              "screen.png", "image/png", bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpint (attachment, >, 0);
    select_incident (page, id);
    g_assert_nonnull (app_test_find_widget (page, is_label_with, "Attached: screen.png"));
    g_assert_nonnull (app_test_find_widget (page, is_row_titled, "screen.png"));
  }

  app_test_destroy_window (window);
}

/* R19-3..5: the recovery request and the serious incident's report, as
 * the システム管理者 sees them: in the scope of recovery requests from
 * the dashboard, the buttons of their steps, the report's; and the
 * 事故報告書 opens in the form preview. */
static void
test_admin_blocks (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = open_incident (window, "server-failure", "サーバの記憶装置が損壊した", TRUE);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *button;
  GtkWindow *preview;
  gint64 overdue;

  g_assert_cmpint (app_test_count (window, "SELECT serious FROM incidents WHERE id = "
                                           "(SELECT MAX(id) FROM incidents)"), ==, 1);
  g_assert_true (jhk_incidents_request_recovery (db, unyo, id, "sysadmin", 0,
                                                 "サーバの交換を依頼する。", &error));
  g_assert_no_error (error);

  page = open_page (window, "admin");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "incidents", "incidents.recovery"));
  app_test_wait (150);
  g_assert_cmpint (selected_id (page), ==, id);

  button = action_button (page, "incidents.investigate");
  g_assert_true (is_drawn (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (is_drawn (action_button (page, "incidents.request-recovery")));
  button = action_button (page, "incidents.edit-report");
  g_assert_true (is_drawn (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  button = action_button (page, "incidents.submit-report");
  g_assert_true (is_drawn (button));
  /* Not filled in yet: insensitive with the service's own reason. */
  {
    g_autoptr(JhkIncident) incident = jhk_incidents_get (db, jhk_window_get_session (window), id,
                                                         &error);
    const char *why = jhk_incidents_refusal (db, jhk_window_get_session (window), incident,
                                             JHK_INCIDENT_SUBMIT_REPORT);

    g_assert_no_error (error);
    g_assert_cmpint (gtk_widget_is_sensitive (button), ==, why == NULL);
    if (why != NULL)
      {
        g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, why);
        g_test_message ("submit refused: %s", why);
      }
  }
  app_test_save_png (GTK_WIDGET (window), "incidents-admin");
  /* The recovery and report blocks, scrolled to. */
  gtk_widget_grab_focus (action_button (page, "incidents.investigate"));
  app_test_wait (200);
  app_test_save_png (GTK_WIDGET (window), "incidents-admin-recovery");
  /* The timeline: opened, serious, recovery requested, oldest first. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (
                                      action_button (page, "incidents.investigate"),
                                      GTK_TYPE_STACK)),
                                    "timeline");
  app_test_wait (100);
  g_assert_nonnull (app_test_find_widget (page, is_drawn_row_with, "サーバの交換を依頼する。"));
  app_test_save_png (GTK_WIDGET (window), "incidents-timeline");
  /* The section chosen stays for the next incident: back to the report. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (
                                      action_button (page, "incidents.investigate"),
                                      GTK_TYPE_STACK)),
                                    "record");

  /* 事故報告書. */
  g_assert_true (gtk_widget_activate_action (page, "incidents.print", NULL));
  app_test_wait (300);
  preview = app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW);
  g_assert_nonnull (preview);
  g_assert_cmpuint (jhk_form_preview_get_n_pages (JHK_FORM_PREVIEW (preview)), >, 0);
  g_test_message ("the incident report has %u pages",
                  jhk_form_preview_get_n_pages (JHK_FORM_PREVIEW (preview)));
  app_test_save_png (GTK_WIDGET (preview), "incidents-report-preview");
  gtk_window_destroy (preview);
  app_test_wait (50);

  /* A serious incident found three days ago: its report is overdue, red in
   * the list and in the detail (R19-5). */
  overdue = open_incident_ago (window, "server-failure", "記憶装置の損壊（報告遅延）", TRUE,
                               3 * G_TIME_SPAN_DAY);
  {
    g_autoptr(JhkIncident) incident = jhk_incidents_get (db, jhk_window_get_session (window),
                                                         overdue, &error);

    g_assert_no_error (error);
    g_assert_true (jhk_incident_report_is_overdue (incident, 0));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.attention", "(ss)",
                                             "incidents", "incidents.report"));
  app_test_wait (150);
  select_incident (page, overdue);
  g_assert_nonnull (app_test_find_widget (page, is_error_row, NULL));
  g_assert_nonnull (app_test_find_widget (page, is_error_label, NULL));
  app_test_save_png (GTK_WIDGET (window), "incidents-overdue");

  app_test_destroy_window (window);
}

/* A closed incident is read-only: no action on it or its steps but the
 * report preview. */
static void
test_closed_read_only (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = open_incident (window, "terminal-failure", "プリンタが動作しない", FALSE);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = jhk_incidents_get (db, unyo, id, &error);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *page;
  GtkLabel *status;

  g_assert_no_error (error);
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      g_assert_true (jhk_incidents_step_skip (db, unyo, step->id, "試験のため", &error));
      g_assert_no_error (error);
    }
  g_assert_true (jhk_incidents_close (db, unyo, id, "予備の端末装置を備える。", &error));
  g_assert_no_error (error);

  page = open_page (window, "chuo-unyo");
  select_incident (page, id);
  g_assert_cmpint (selected_id (page), ==, id);
  rows = step_rows (page);
  g_assert_cmpuint (rows->len, ==, incident->steps->len);
  g_assert_null (app_test_find_button (page, "_Done…"));
  g_assert_null (app_test_find_button (page, "No_te…"));
  for (const char *const *name = (const char *const[]) { "incidents.facts", "incidents.note",
                                                         "incidents.attach", "incidents.close",
                                                         "incidents.serious",
                                                         "incidents.request-recovery", NULL };
       *name != NULL; name++)
    g_assert_false (is_drawn (action_button (page, *name)));
  g_assert_true (is_drawn (action_button (page, "incidents.print")));
  status = GTK_LABEL (app_test_find_widget (page, is_label_with, "read-only"));
  g_assert_nonnull (status);
  app_test_save_png (GTK_WIDGET (window), "incidents-closed");

  app_test_destroy_window (window);
}

/* R19-2: a step is done by a holder of its role or the office's 運用管理者:
 * to a 照会者 of the office, the 運用管理者's step has its 完了 insensitive
 * with the service's own reason, and the page's action refuses it too,
 * leaving the database unchanged; the filters narrow the list. */
static void
test_step_refusal_and_filters (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = open_incident (window, "server-failure", "業務アプリケーションが停止した", FALSE);
  g_autoptr(JhkSession) shokuin = app_test_session (window, "chuo-shokuin");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = jhk_incidents_get (db, shokuin, id, &error);
  g_autoptr(GPtrArray) rows = NULL;
  const JhkIncidentStep *step = NULL;
  GtkWidget *page;
  GtkWidget *row = NULL;
  GtkWidget *done;
  GtkWidget *search;
  const char *why;
  guint all;

  g_assert_no_error (error);
  for (guint i = 0; i < incident->steps->len && step == NULL; i++)
    {
      const JhkIncidentStep *s = g_ptr_array_index (incident->steps, i);

      if (g_strcmp0 (s->role, "ops_manager") == 0)
        step = s;
    }
  g_assert_nonnull (step);
  why = jhk_incidents_step_refusal (db, shokuin, incident, step, JHK_INCIDENT_STEP_ACTION_DONE);
  g_assert_nonnull (why);
  g_test_message ("step %d refused to chuo-shokuin: %s", step->position, why);

  page = open_page (window, "chuo-shokuin");
  select_incident (page, id);
  rows = step_rows (page);
  for (guint i = 0; i < rows->len; i++)
    if (GPOINTER_TO_SIZE (g_object_get_data (g_ptr_array_index (rows, i), "jhk-step")) ==
        (gsize) step->id)
      row = g_ptr_array_index (rows, i);
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  done = app_test_find_button (row, "_Done…");
  g_assert_nonnull (done);
  g_assert_false (gtk_widget_is_sensitive (done));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (done), ==, why);
  g_assert_true (gtk_widget_activate_action (page, "incidents.step", "(ix)",
                                             (int) JHK_INCIDENT_STEP_ACTION_DONE,
                                             (gint64) step->id));
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM incident_steps WHERE "
                                           "state <> 'pending' AND incident_id = "
                                           "(SELECT MAX(id) FROM incidents)"), ==, 0);
  app_test_save_png (GTK_WIDGET (window), "incidents-step-refused");

  /* The search and the state filter narrow the list in SQL. */
  all = g_list_model_get_n_items (incident_list (page));
  g_assert_cmpuint (all, >, 1);
  search = app_test_find_widget (page, is_drawn_search, NULL);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "業務アプリケーション");
  app_test_wait (400);
  g_assert_cmpuint (g_list_model_get_n_items (incident_list (page)), ==, 1);
  g_assert_cmpint (selected_id (page), ==, id);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  app_test_wait (400);
  g_assert_cmpuint (g_list_model_get_n_items (incident_list (page)), ==, all);

  app_test_destroy_window (window);
}

/* R19-2: a step that needs confirmation is confirmed by someone other than
 * who did it: its 確認 is insensitive with the reason to the 運用管理者 who
 * did it, and the システム管理者 confirms it through the page. */
static void
test_confirmation (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = open_incident (window, "terminal-failure", "端末装置の画面が表示されない", FALSE);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = jhk_incidents_get (db, unyo, id, &error);
  g_autoptr(JhkIncident) done = NULL;
  const JhkIncidentStep *step = NULL;
  GtkWidget *page;
  GtkWidget *confirm;
  const char *why;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < incident->steps->len && step == NULL; i++)
    {
      const JhkIncidentStep *s = g_ptr_array_index (incident->steps, i);

      if (s->needs_confirmation)
        step = s;
    }
  g_assert_nonnull (step);
  if (step == NULL)
    return;
  g_assert_true (jhk_incidents_step_done (db, unyo, step->id, "確認済み", &error));
  g_assert_no_error (error);
  done = jhk_incidents_get (db, unyo, id, &error);
  g_assert_no_error (error);
  why = jhk_incidents_step_refusal (db, unyo, done, g_ptr_array_index (done->steps,
                                                                       step->position - 1),
                                    JHK_INCIDENT_STEP_ACTION_CONFIRM);
  g_assert_nonnull (why);
  g_test_message ("confirmation refused to who did it: %s", why);

  page = open_page (window, "chuo-unyo");
  select_incident (page, id);
  confirm = app_test_find_button (page, "C_onfirm…");
  g_assert_nonnull (confirm);
  g_assert_false (gtk_widget_is_sensitive (confirm));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (confirm), ==, why);

  page = open_page (window, "admin");
  select_incident (page, id);
  gtk_stack_set_visible_child_name (GTK_STACK (app_test_find_widget (page, is_section_stack,
                                                                     NULL)),
                                    "checklist");
  app_test_wait (100);
  confirm = app_test_find_button (page, "C_onfirm…");
  g_assert_nonnull (confirm);
  g_assert_true (gtk_widget_is_sensitive (confirm));
  app_test_save_png (GTK_WIDGET (window), "incidents-confirm");
  g_signal_emit_by_name (confirm, "clicked");
  app_test_wait (100);
  app_test_answer ("confirm");
  app_test_wait (150);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM incident_steps WHERE id = %" G_GINT64_FORMAT
                         " AND confirmed_at IS NOT NULL", step->id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  g_assert_null (app_test_find_button (page, "C_onfirm…"));

  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/incidents-page/R19-2/checklist", test_checklist);
  g_test_add_func ("/incidents-page/R19-3/R19-5/admin-blocks", test_admin_blocks);
  g_test_add_func ("/incidents-page/R19-2/closed-read-only", test_closed_read_only);
  g_test_add_func ("/incidents-page/R19-2/confirmation", test_confirmation);
  g_test_add_func ("/incidents-page/R19-2/step-refusal-and-filters",
                   test_step_refusal_and_filters);
  return app_test_run ();
}
