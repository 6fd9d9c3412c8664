/* test-incident-dialogs.c: the dialogs of the 事故対処 workspace (issue 7,
 * 第19), each driven as its user would through the form's own widgets
 * (jhk_form_dialog_get_object) and its apply button
 * (jhk_form_dialog_apply), the database checked after: reporting an
 * incident and changing its facts (R19-2), the checklist's steps, the
 * recovery request and the receiving side (R19-3, R19-4), seriousness, the
 * report and its acknowledgement (R19-5), closing. A refused input keeps
 * the dialog open with the message and the database unchanged. */
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-demo.h"
#include "jhk-form-dialog.h"
#include "jhk-incident-dialogs.h"
#include "jhk-incidents.h"
#include "jhk-playbooks.h"
#include "jhk-row.h"
#include "jhk-session.h"
#include "tests/jhk-test-util.h"

/* JHK_TEST_LANG=1: the pictures in Japanese; the English texts are not
 * compared. */
static gboolean translated;

/* part, or NULL when the UI is translated. */
static const char *
english (const char *part)
{
  return translated ? NULL : part;
}

static void
done_cb (gint64   incident_id,
         gpointer user_data)
{
  *(gint64 *) user_data = incident_id;
}

static void
set_view (JhkFormDialog *dialog,
          const char    *id,
          const char    *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (jhk_form_dialog_get_object (dialog, id));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_view (JhkFormDialog *dialog,
          const char    *id)
{
  GtkTextBuffer *buffer =
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (jhk_form_dialog_get_object (dialog, id)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
widget_of (JhkFormDialog *dialog,
           const char    *id)
{
  return GTK_WIDGET (jhk_form_dialog_get_object (dialog, id));
}

static const char *
row_subtitle (JhkFormDialog *dialog,
              const char    *id)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (jhk_form_dialog_get_object (dialog, id)));
}

/* Apply refused: the dialog stays with a message holding part, and the
 * database is as it was. */
static void
assert_apply_refused (JhkWindow     *window,
                      JhkFormDialog *dialog,
                      const char    *part)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;

  g_object_ref (dialog);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  g_test_message ("refused: %s", jhk_form_dialog_get_error (dialog));
  if (english (part) != NULL)
    g_assert_nonnull (strstr (jhk_form_dialog_get_error (dialog), part));
  g_object_unref (dialog);
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
}

/* Apply succeeds: the dialog closes. */
static void
apply_ok (JhkFormDialog *dialog)
{
  g_object_ref (dialog);
  if (!jhk_form_dialog_apply (dialog))
    g_error ("refused: %s", jhk_form_dialog_get_error (dialog));
  g_object_unref (dialog);
  app_test_wait (50);
}

/* The date of a day before today, local time, as the entries take it. */
static char *
day_before (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gint64
local_us (const char *day,
          int         hour,
          int         minute)
{
  int y, m, d;
  g_autoptr(GDateTime) t = NULL;

  g_assert_cmpint (sscanf (day, "%d-%d-%d", &y, &m, &d), ==, 3);
  t = g_date_time_new_local (y, m, d, hour, minute, 0);
  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

static void
select_playbook (JhkFormDialog *dialog,
                 JhkDb         *db,
                 const char    *code)
{
  AdwComboRow *row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "playbook_row"));
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (db, code, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JhkRow) item = g_list_model_get_item (model, i);

      if (jhk_row_get_id (item) == playbook->id)
        {
          adw_combo_row_set_selected (row, i);
          app_test_wait (50);
          return;
        }
    }
  g_assert_not_reached ();
}

static gint64
office_id (JhkWindow  *window,
           const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM org_units WHERE code = '%s'", code);

  return app_test_count (window, sql);
}

static gint64
business_id (JhkWindow  *window,
             const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM businesses WHERE code = '%s'", code);

  return app_test_count (window, sql);
}

/* An incident of 中央警察署 under the playbook code, opened through the
 * service as its 運用管理者, with B101 affected. */
static gint64
open_incident (JhkWindow  *window,
               const char *code,
               gboolean    leak)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (db, code, &error);
  g_autofree char *day = day_before (1);
  gint64 businesses[] = { business_id (window, "B101") };
  JhkIncidentFacts facts = {
    .title = "照会結果の帳票が見当たらない",
    .description = "刑事課の保管庫にあるはずの照会結果の帳票1部が見当たらない。",
    .occurred_at = local_us (day, 9, 0),
    .discovered_at = local_us (day, 10, 30),
    .systems = "照会端末",
    .terminals = "刑事課 1 号機",
    .business_ids = businesses,
    .n_business_ids = 1,
    .leak = leak,
  };
  gint64 id;

  g_assert_no_error (error);
  id = jhk_incidents_open (db, unyo, office_id (window, "910"), playbook->id, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static JhkIncident *
get_incident (JhkWindow  *window,
              const char *login,
              gint64      id)
{
  g_autoptr(JhkSession) session = app_test_session (window, login);

  return jhk_test_incident (jhk_window_get_database (window), session, id);
}

/* R19-2: the 運用管理者 reports an incident of their office with the
 * playbook to follow, as the facts are known; the playbook's trigger and
 * criteria are shown, and whether the facts meet them as they are typed
 * (R19-5); wrong input stays in the dialog, nothing written. */
static void
test_open (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(JhkIncident) incident = NULL;
  g_autofree char *day = day_before (1);
  g_autofree char *material_sql = g_strdup_printf (
    "SELECT MIN(id) FROM materials WHERE org_unit_id = %lld",
    (long long) office_id (window, "910"));
  gint64 material = app_test_count (window, material_sql);
  gint64 before = app_test_count (window, "SELECT COUNT(*) FROM incidents");
  gint64 done_id = 0;
  JhkFormDialog *dialog;
  AdwComboRow *office_row;
  GtkWidget *widget;

  dialog = JHK_FORM_DIALOG (jhk_incident_open_dialog_new (GTK_WIDGET (window), db, unyo, 0,
                                                          done_cb, &done_id));
  g_assert_nonnull (dialog);
  app_test_wait (100);

  /* The actor's office first, the times now. */
  office_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row"));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (office_row)),
                   ==, "中央警察署");
  g_assert_cmpuint (strlen (gtk_editable_get_text (
                      GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "occurred_date")))),
                    ==, 10);

  /* The playbook's trigger and criteria. */
  select_playbook (dialog, db, "output-loss");
  g_test_message ("playbook: %s", row_subtitle (dialog, "playbook_info_row"));
  g_assert_nonnull (strstr (row_subtitle (dialog, "playbook_info_row"), "保管場所にない"));
  if (!translated)
    g_assert_nonnull (strstr (row_subtitle (dialog, "playbook_info_row"), "personal data leaks"));

  /* Keyboard: the mnemonics take the focus to their fields. */
  {
    const char *rows[] = { "title_row", "occurred_row", "systems_row", "damage_switch" };
    const char *focused[] = { "title_row", "occurred_date", "systems_row", "damage_switch" };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        GtkWidget *row = GTK_WIDGET (jhk_form_dialog_get_object (dialog, rows[i]));
        GtkWidget *target = GTK_WIDGET (jhk_form_dialog_get_object (dialog, focused[i]));
        GtkWidget *focus;

        if (GTK_IS_SWITCH (row))
          row = gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW);
        g_assert_true (gtk_widget_mnemonic_activate (row, FALSE));
        app_test_wait (20);
        focus = gtk_window_get_focus (GTK_WINDOW (dialog));
        if (GTK_IS_SWITCH (target))
          {
            /* A switch's row takes the focus, and Space switches it. */
            g_assert_true (focus == row);
            g_signal_emit_by_name (gtk_widget_get_parent (row), "activate-cursor-row");
            /* The switch moves, then turns on (within 3 s on a loaded
             * machine). */
            for (int tries = 0; tries < 60 && !gtk_switch_get_active (GTK_SWITCH (target));
                 tries++)
              app_test_wait (50);
            g_assert_true (gtk_switch_get_active (GTK_SWITCH (target)));
            gtk_switch_set_active (GTK_SWITCH (target), FALSE);
          }
        else
          g_assert_true (focus == target || gtk_widget_is_ancestor (focus, target));
      }
  }

  /* No title: refused, nothing written. */
  assert_apply_refused (window, dialog, NULL);

  app_test_set_row (dialog, "title_row", "照会結果の帳票が見当たらない");
  set_view (dialog, "description_view", "刑事課の保管庫にあるはずの照会結果の帳票1部が見当たらない。");
  app_test_set_row (dialog, "systems_row", "照会端末");
  app_test_set_row (dialog, "terminals_row", "刑事課 1 号機");
  widget = app_test_find_named (GTK_WIDGET (dialog), "business-B101");
  g_assert_nonnull (widget);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (
                              ADW_EXPANDER_ROW (jhk_form_dialog_get_object (dialog,
                                                                            "businesses_row"))),
                            "B101"));

  /* A related material found by its number and chosen. */
  if (material > 0)
    {
      g_autofree char *number = g_strdup_printf ("%lld", (long long) material);
      g_autofree char *result = g_strdup_printf ("material-%lld", (long long) material);
      g_autofree char *chip = g_strdup_printf ("chip-%lld", (long long) material);

      app_test_set_row (dialog, "material_search_row", number);
      app_test_wait (50);
      widget = app_test_find_named (GTK_WIDGET (dialog), result);
      g_assert_nonnull (widget);
      g_signal_emit_by_name (widget, "activated");
      app_test_wait (50);
      g_assert_nonnull (app_test_find_named (GTK_WIDGET (dialog), chip));
      g_assert_null (app_test_find_named (GTK_WIDGET (dialog), result));
      /* The chip takes it away; Enter on a search with one match takes it
       * again. */
      g_signal_emit_by_name (app_test_find_named (GTK_WIDGET (dialog), chip), "clicked");
      app_test_wait (50);
      g_assert_null (app_test_find_named (GTK_WIDGET (dialog), chip));
      app_test_set_row (dialog, "material_search_row", number);
      app_test_wait (50);
      g_signal_emit_by_name (jhk_form_dialog_get_object (dialog, "material_search_row"),
                             "entry-activated");
      app_test_wait (50);
      g_assert_nonnull (app_test_find_named (GTK_WIDGET (dialog), chip));
    }

  /* Discovered before it occurred: refused. */
  app_test_set_row (dialog, "occurred_date", day);
  app_test_set_row (dialog, "occurred_time", "10:00");
  app_test_set_row (dialog, "discovered_date", day);
  app_test_set_row (dialog, "discovered_time", "09:00");
  assert_apply_refused (window, dialog, NULL);
  /* A time that is none. */
  app_test_set_row (dialog, "discovered_time", "25:00");
  assert_apply_refused (window, dialog, "HH:MM");
  /* As an IME types them: full-width digits, slashes. */
  {
    g_autofree char *slashed = g_strdelimit (g_strdup (day), "-", '/');

    app_test_set_row (dialog, "occurred_date", slashed);
  }
  app_test_set_row (dialog, "occurred_time", "０９：００");
  app_test_set_row (dialog, "discovered_time", "10:30");

  /* The leak meets the playbook's criterion, as it is switched on. */
  g_assert_false (gtk_widget_get_visible (widget_of (dialog, "criteria_label")));
  gtk_switch_set_active (GTK_SWITCH (jhk_form_dialog_get_object (dialog, "leak_switch")), TRUE);
  /* The check runs once the main loop is idle. */
  for (int tries = 0; tries < 60 && !gtk_widget_get_visible (widget_of (dialog, "criteria_label"));
       tries++)
    app_test_wait (50);
  g_assert_true (gtk_widget_get_visible (widget_of (dialog, "criteria_label")));
  if (!translated)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (jhk_form_dialog_get_object (
                                dialog, "criteria_label"))),
                              "Meets the criteria of a serious incident"));
  g_assert_null (jhk_form_dialog_get_error (dialog));
  {
    GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (jhk_form_dialog_get_object (dialog, "form")));

    gtk_adjustment_set_value (scroll, 0);
    app_test_save_png (GTK_WIDGET (dialog), "incident-open-dialog");
    gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
    app_test_save_png (GTK_WIDGET (dialog), "incident-open-dialog-severity");
  }

  apply_ok (dialog);
  app_test_wait (50);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM incidents"), ==, before + 1);
  g_assert_cmpint (done_id, >, 0);
  incident = get_incident (window, "chuo-unyo", done_id);
  g_assert_cmpstr (incident->title, ==, "照会結果の帳票が見当たらない");
  g_assert_cmpint (incident->office_id, ==, office_id (window, "910"));
  g_assert_cmpint (incident->occurred_at, ==, local_us (day, 9, 0));
  g_assert_cmpint (incident->discovered_at, ==, local_us (day, 10, 30));
  g_assert_cmpstr (incident->terminals, ==, "刑事課 1 号機");
  g_assert_cmpuint (incident->business_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (incident->business_ids, gint64, 0), ==,
                   business_id (window, "B101"));
  if (material > 0)
    {
      g_assert_cmpuint (incident->material_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (incident->material_ids, gint64, 0), ==, material);
    }
  g_assert_true (incident->leak);
  /* The criteria made it serious at once (R19-5). */
  g_assert_true (incident->serious);
  g_assert_cmpuint (incident->steps->len, >, 0);
  app_test_destroy_window (window);
}

static const JhkIncidentStep *
step_at (const JhkIncident *incident,
         int                position)
{
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      if (step->position == position)
        return step;
    }
  g_assert_not_reached ();
}

/* R19-2: staff report incidents of their own office, whatever section
 * they are in; the 運用管理者 of the office too. */
static void
test_office (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  const char *logins[] = { "chuo-shokuin", "chuo-unyo", "admin" };
  const char *offices[] = { "中央警察署", "中央警察署", "情報管理課" };

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(JhkSession) session = app_test_session (window, logins[i]);
      JhkFormDialog *dialog = JHK_FORM_DIALOG (
        jhk_incident_open_dialog_new (GTK_WIDGET (window), db, session, 0, NULL, NULL));
      AdwComboRow *row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row"));

      app_test_wait (50);
      g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                       offices[i]);
      /* Retired playbooks are not offered; the library's eight are. */
      g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (
                          ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "playbook_row")))),
                        >=, 8);
      gtk_window_destroy (GTK_WINDOW (dialog));
      app_test_wait (50);
    }
  app_test_destroy_window (window);
}

/* R19-2: 事実の変更 starts from the incident as recorded and writes the
 * change. */
static void
test_update_facts (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(JhkIncident) incident = NULL;
  gint64 id = open_incident (window, "terminal-failure", FALSE);
  gint64 done_id = 0;
  JhkFormDialog *dialog;

  incident = get_incident (window, "chuo-unyo", id);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident,
                                  JHK_INCIDENT_UPDATE_FACTS, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog,
                                                                                    "title_row"))),
                   ==, incident->title);
  g_assert_true (gtk_check_button_get_active (
    GTK_CHECK_BUTTON (app_test_find_named (GTK_WIDGET (dialog), "business-B101"))));
  g_assert_false (gtk_widget_get_sensitive (widget_of (dialog, "playbook_row")));

  /* An empty title is refused. */
  app_test_set_row (dialog, "title_row", "");
  assert_apply_refused (window, dialog, NULL);

  app_test_set_row (dialog, "title_row", "刑事課 1 号機が起動しない");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (jhk_form_dialog_get_object (dialog, "stop_spin")),
                             45);
  apply_ok (dialog);
  g_assert_cmpint (done_id, ==, id);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  g_assert_cmpstr (incident->title, ==, "刑事課 1 号機が起動しない");
  g_assert_cmpint (incident->stop_minutes, ==, 45);

  /* A note on the incident: required text, then on the timeline. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident, JHK_INCIDENT_ADD_NOTE,
                                  done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  assert_apply_refused (window, dialog, "note");
  set_view (dialog, "text_view", "保守業者へ連絡した");
  apply_ok (dialog);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM incident_events WHERE "
                                            "incident_id = %lld AND kind = 'note'",
                                            (long long) id);

    g_assert_cmpint (app_test_count (window, sql), ==, 1);
  }

  /* 手順を実施: the first step waiting for the actor. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident, JHK_INCIDENT_STEP_DONE,
                                  done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  if (!translated)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                       jhk_form_dialog_get_object (dialog, "info_row"))), ==, "Step 1");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  g_assert_cmpstr (step_at (incident, 1)->state, ==, "done");
  app_test_destroy_window (window);
}

/* R19-2: the checklist's steps: done with a note and the step's evidence
 * attached from the dialog, skipped only with a reason, a note, and the
 * confirmation by a second person. */
static void
test_steps (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(JhkSession) sekinin = app_test_session (window, "chuo-sekinin");
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id = open_incident (window, "output-loss", FALSE);
  gint64 done_id = 0;
  const JhkIncidentStep *step;
  JhkFormDialog *dialog;
  g_autofree char *sql = NULL;

  incident = get_incident (window, "chuo-unyo", id);

  /* Done, with the step's text and evidence shown and a note. */
  step = step_at (incident, 1);
  jhk_incident_step_dialog_run (GTK_WIDGET (window), db, unyo, incident, step,
                                JHK_INCIDENT_STEP_ACTION_DONE, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_nonnull (strstr (row_subtitle (dialog, "info_row"), step->text));
  g_assert_nonnull (strstr (row_subtitle (dialog, "evidence_row"), step->evidence));
  g_assert_true (gtk_widget_get_visible (widget_of (dialog, "attach_button")));
  /* What its button does once the file is chosen: attached to the step. */
  path = app_test_write_file ("kanrihyo.txt", "入出力資料管理票の写し", -1);
  file = g_file_new_for_path (path);
  g_assert_cmpint (jhk_incident_dialogs_attach_file (db, unyo, id, step->id, file, &error), >, 0);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM incident_attachments WHERE step_id = %lld",
                         (long long) step->id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  set_view (dialog, "text_view", "管理票で 1 部の所在不明を確認");
  app_test_save_png (GTK_WIDGET (dialog), "incident-step-done-dialog");
  apply_ok (dialog);
  g_assert_cmpint (done_id, ==, id);

  /* Skipped: the reason is required. */
  step = step_at (incident, 4);
  jhk_incident_step_dialog_run (GTK_WIDGET (window), db, unyo, incident, step,
                                JHK_INCIDENT_STEP_ACTION_SKIP, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  assert_apply_refused (window, dialog, "reason");
  set_view (dialog, "text_view", "盗難の疑いはない");
  apply_ok (dialog);

  /* A note on a step. */
  step = step_at (incident, 2);
  jhk_incident_step_dialog_run (GTK_WIDGET (window), db, unyo, incident, step,
                                JHK_INCIDENT_STEP_ACTION_NOTE, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  assert_apply_refused (window, dialog, NULL);
  set_view (dialog, "text_view", "署長へ口頭で報告済み");
  apply_ok (dialog);

  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  g_assert_cmpstr (step_at (incident, 1)->state, ==, "done");
  g_assert_nonnull (strstr (step_at (incident, 1)->note, "所在不明"));
  g_assert_cmpstr (step_at (incident, 4)->state, ==, "skipped");
  g_assert_cmpstr (step_at (incident, 4)->reason, ==, "盗難の疑いはない");
  g_assert_nonnull (strstr (step_at (incident, 2)->note, "口頭で報告"));

  /* Step 3 needs a second person: done by the 運用管理者, confirmed by
   * the 情報管理責任者 through the confirmation. */
  g_assert_true (jhk_incidents_step_done (db, unyo, step_at (incident, 3)->id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-sekinin", id);
  jhk_incident_step_dialog_run (GTK_WIDGET (window), db, sekinin, incident, step_at (incident, 3),
                                JHK_INCIDENT_STEP_ACTION_CONFIRM, done_cb, &done_id);
  app_test_wait (100);
  app_test_answer ("confirm");
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  g_assert_cmpint (step_at (incident, 3)->confirmed_by, ==,
                   jhk_session_get_staff_id (sekinin));
  app_test_destroy_window (window);
}

/* Attachments: a file over the limit is refused before anything is read
 * or written. */
static void
test_attach_limit (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  gint64 id = open_incident (window, "terminal-failure", FALSE);
  g_autofree char *big = g_malloc0 (JHK_INCIDENT_ATTACHMENT_MAX + 1);
  g_autofree char *path = app_test_write_file ("big.bin", big, JHK_INCIDENT_ATTACHMENT_MAX + 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jhk_incident_dialogs_attach_file (db, unyo, id, 0, file, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  if (!translated)
    g_assert_nonnull (strstr (error->message, "at most"));
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
  app_test_destroy_window (window);
}

/* An action the actor may not take opens no form: the service's reason
 * is shown and nothing is written. */
static void
test_refused (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) shokuin = app_test_session (window, "chuo-shokuin");
  g_autoptr(JhkIncident) incident = NULL;
  gint64 id = open_incident (window, "terminal-failure", FALSE);
  g_autofree char *before = jhk_test_dump_tables (db);
  g_autofree char *after = NULL;
  const char *why;
  gint64 done_id = 0;

  incident = get_incident (window, "chuo-shokuin", id);
  why = jhk_incidents_refusal (db, shokuin, incident, JHK_INCIDENT_REQUEST_RECOVERY);
  g_assert_nonnull (why);
  g_test_message ("refused: %s", why);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, shokuin, incident,
                                  JHK_INCIDENT_REQUEST_RECOVERY, done_cb, &done_id);
  app_test_wait (100);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_cmpint (done_id, ==, 0);
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
  app_test_destroy_window (window);
}

/* R19-3, R19-4: the office asks the システム管理者 for recovery; the
 * システム管理者 records the investigation, the staff sent and the end. */
static void
test_recovery (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(JhkSession) admin = app_test_session (window, "admin");
  g_autoptr(JhkIncident) incident = NULL;
  gint64 id = open_incident (window, "terminal-failure", FALSE);
  gint64 done_id = 0;
  JhkFormDialog *dialog;
  AdwComboRow *recipients;
  g_autofree char *day = day_before (0);
  g_autofree char *sent = NULL;

  incident = get_incident (window, "chuo-unyo", id);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident,
                                  JHK_INCIDENT_REQUEST_RECOVERY, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  recipients = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "recipient_row"));
  /* The システム管理者 or the manager of the incident's business. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (recipients)), ==, 2);
  assert_apply_refused (window, dialog, "ask");
  set_view (dialog, "text_view", "端末の交換をお願いします。");
  app_test_save_png (GTK_WIDGET (dialog), "incident-request-recovery-dialog");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->recovery_state, ==, "requested");
  g_assert_cmpstr (incident->recovery_to, ==, "sysadmin");

  /* The receiving side. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_INVESTIGATE, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_nonnull (strstr (row_subtitle (dialog, "info_row"), "端末の交換"));
  assert_apply_refused (window, dialog, NULL);
  set_view (dialog, "text_view", "電源装置の故障。交換が必要。");
  apply_ok (dialog);

  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_DISPATCH, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  assert_apply_refused (window, dialog, NULL);
  app_test_set_row (dialog, "line_row", "システム係 中村");
  /* A time that is none; then the default, now. */
  sent = g_strdup (gtk_editable_get_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog,
                                                                                   "at_time"))));
  app_test_set_row (dialog, "at_time", "9:75");
  assert_apply_refused (window, dialog, "HH:MM");
  app_test_set_row (dialog, "at_time", sent);
  apply_ok (dialog);

  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->dispatched_staff, ==, "システム係 中村");
  /* The minute shown, at the instant the dialog opened. */
  g_assert_cmpint (incident->dispatched_at / (60 * G_USEC_PER_SEC), ==,
                   local_us (day, atoi (sent), atoi (sent + 3)) / (60 * G_USEC_PER_SEC));
  g_assert_cmpint (incident->dispatched_at, >=, incident->recovery_requested_at);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_FINISH_RECOVERY, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  set_view (dialog, "text_view", "端末を交換し、復旧した。");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->recovery_state, ==, "finished");
  g_assert_cmpstr (incident->recovery_result, ==, "端末を交換し、復旧した。");
  app_test_destroy_window (window);
}

/* R19-5: a manager declares an incident serious; its report starts from
 * the record, is saved, reported and acknowledged by the 総括責任者 and
 * the 主管部長; then the incident is closed once nothing is missing. */
static void
test_report_and_close (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(JhkSession) unyo = app_test_session (window, "chuo-unyo");
  g_autoptr(JhkSession) admin = app_test_session (window, "admin");
  g_autoptr(JhkSession) soukatsu = app_test_session (window, "soukatsu");
  g_autoptr(JhkSession) bucho = app_test_session (window, "keiji-bucho");
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = open_incident (window, "terminal-failure", FALSE);
  gint64 done_id = 0;
  JhkFormDialog *dialog;
  g_autofree char *summary = NULL;

  incident = get_incident (window, "admin", id);
  g_assert_false (incident->serious);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_DECLARE_SERIOUS, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  assert_apply_refused (window, dialog, "reason");
  set_view (dialog, "text_view", "発煙を伴ったため");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_true (incident->serious);

  /* The report, from the record. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_EDIT_REPORT, done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  summary = get_view (dialog, "summary_view");
  g_assert_cmpstr (summary, !=, "");
  g_assert_cmpstr (row_subtitle (dialog, "due_row"), !=, "—");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (jhk_form_dialog_get_object (dialog,
                                                                             "persons_unknown")),
                               FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (jhk_form_dialog_get_object (dialog, "persons_spin")),
                             0);
  /* Too long a field: refused, nothing written. */
  {
    GString *long_text = g_string_new (NULL);

    for (int i = 0; i <= JHK_INCIDENT_TEXT_MAX; i++)
      g_string_append (long_text, "長");
    set_view (dialog, "cause_view", long_text->str);
    g_string_free (long_text, TRUE);
  }
  assert_apply_refused (window, dialog, "at most");
  set_view (dialog, "cause_view", "電源装置の経年劣化");
  set_view (dialog, "prevention_view", "端末の定期点検に電源装置を加える");
  app_test_save_png (GTK_WIDGET (dialog), "incident-report-dialog");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->report.state, ==, "draft");
  g_assert_cmpstr (incident->report.cause, ==, "電源装置の経年劣化");
  g_assert_cmpint (incident->report.persons, ==, 0);
  g_assert_cmpstr (incident->report.summary, ==, summary);

  /* Reported by the システム管理者, after the confirmation. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, admin, incident,
                                  JHK_INCIDENT_SUBMIT_REPORT, done_cb, &done_id);
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                     "incident-submit-report-confirmation");
  app_test_answer ("submit");
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->report.state, ==, "reported");

  /* Closing: what is missing is said first and closing stays off. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident, JHK_INCIDENT_CLOSE,
                                  done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_true (gtk_widget_get_visible (widget_of (dialog, "info_row")));
  g_test_message ("missing: %s", row_subtitle (dialog, "info_row"));
  app_test_save_png (GTK_WIDGET (dialog), "incident-close-dialog-missing");
  g_assert_nonnull (strstr (get_view (dialog, "text_view"), "定期点検"));
  assert_apply_refused (window, dialog, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_wait (50);

  /* Acknowledged by both. */
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, soukatsu, incident,
                                  JHK_INCIDENT_ACKNOWLEDGE, done_cb, &done_id);
  app_test_wait (100);
  app_test_answer ("acknowledge");
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, bucho, incident,
                                  JHK_INCIDENT_ACKNOWLEDGE, done_cb, &done_id);
  app_test_wait (100);
  app_test_answer ("acknowledge");
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "admin", id);
  g_assert_cmpstr (incident->report.state, ==, "acknowledged");

  /* Every step resolved: now it closes, with the prevention note. */
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      if (g_strcmp0 (step->state, "pending") == 0)
        {
          g_assert_true (jhk_incidents_step_skip (db, unyo, step->id, "対象外", &error));
          g_assert_no_error (error);
        }
    }
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  jhk_incident_action_dialog_run (GTK_WIDGET (window), db, unyo, incident, JHK_INCIDENT_CLOSE,
                                  done_cb, &done_id);
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_false (gtk_widget_get_visible (widget_of (dialog, "info_row")));
  set_view (dialog, "text_view", "");
  assert_apply_refused (window, dialog, "prevention");
  set_view (dialog, "text_view", "端末の定期点検に電源装置を加える");
  apply_ok (dialog);
  g_clear_pointer (&incident, jhk_incident_free);
  incident = get_incident (window, "chuo-unyo", id);
  g_assert_cmpstr (incident->status, ==, "closed");
  g_assert_cmpstr (incident->prevention, ==, "端末の定期点検に電源装置を加える");
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  translated = app_test_set_test_lang ();
  app_test_init (&argc, &argv);

  g_test_add_func ("/incident-dialogs/R19-2/open", test_open);
  g_test_add_func ("/incident-dialogs/R19-2/office", test_office);
  g_test_add_func ("/incident-dialogs/R19-2/update-facts", test_update_facts);
  g_test_add_func ("/incident-dialogs/R19-2/steps", test_steps);
  g_test_add_func ("/incident-dialogs/R19-2/attach-limit", test_attach_limit);
  g_test_add_func ("/incident-dialogs/R19-3/refused", test_refused);
  g_test_add_func ("/incident-dialogs/R19-3/recovery", test_recovery);
  g_test_add_func ("/incident-dialogs/R19-5/report-and-close", test_report_and_close);
  return app_test_run ();
}
