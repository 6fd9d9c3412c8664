/* test-playbooks-page.c: the 対処要領 workspace (issue 7, R19-1): the
 * library of eight playbooks read by everyone; a playbook edited through
 * the editor (a step added, checked as typed, moved, saved) becomes a new
 * version in the database; the 照会者 reads only; a broken import file
 * shows its errors and writes nothing, a good one is checked and
 * imported; a shared step saved gives its playbooks a new version. */
#include <stdio.h>
#include <string.h>

#include "app-test-util.h"
#include "jhk-playbook-editor.h"
#include "jhk-playbooks-page.h"

#define OBJ(dialog, id) jhk_form_dialog_get_object ((dialog), (id))

static GtkSelectionModel *
list_of (GtkWidget *page)
{
  GtkWidget *view = app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
}

/* Selects the playbook with that code in the list. */
static gint64
select_code (JhkWindow  *window,
             GtkWidget  *page,
             const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM playbooks WHERE code = '%s'", code);
  gint64 id = app_test_count (window, sql);

  g_assert_cmpint (id, >, 0);
  g_assert_true (jhk_playbooks_page_select (JHK_PLAYBOOKS_PAGE (page), id));
  app_test_wait (50);
  return id;
}

/* Scrolls a scrolled window to the widget named name in it, for a PNG. */
static void
scroll_to (GtkWidget  *scrolled,
           const char *name)
{
  GtkWidget *target = app_test_find_named (scrolled, name);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  g_assert_nonnull (target);
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  app_test_wait (50);
  g_assert_true (gtk_widget_compute_point (target, content, &GRAPHENE_POINT_INIT (0, 0),
                                           &point));
  gtk_adjustment_set_value (adjustment, point.y - 48);
  app_test_wait (50);
}

/* Runs the shortcut of window's own shortcut controllers that keyval with
 * mods triggers, as the key would; FALSE when there is none. */
static gboolean
press_shortcut (GtkWidget       *window,
                guint            keyval,
                GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean done = FALSE;

  for (guint i = 0; !done && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !done && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, window,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return done;
}

/* Sets the file of the import dialog and waits for its check (on idle). */
static void
set_import_file (JhkFormDialog *dialog,
                 const char    *path)
{
  GtkLabel *summary = GTK_LABEL (OBJ (dialog, "summary_label"));

  gtk_label_set_text (summary, "");
  app_test_set_row (dialog, "path_row", path);
  for (guint i = 0; i < 100 && *gtk_label_get_text (summary) == '\0'; i++)
    app_test_wait (50);
  g_assert_cmpstr (gtk_label_get_text (summary), !=, "");
}

static const char *
action_tooltip (GtkWidget  *page,
                const char *action)
{
  return gtk_widget_get_tooltip_text (app_test_find_action_button (page, action));
}

static gint64
current_version (JhkWindow *window,
                 gint64     id)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT MAX(version) FROM playbook_versions WHERE playbook_id = %lld",
                     (long long) id);

  return app_test_count (window, sql);
}

static gint64
audit_count (JhkWindow *window)
{
  return app_test_count (window, "SELECT COUNT(*) FROM audit_log");
}

/* R19-1: the library shows eight playbooks to the システム管理者; one is
 * edited through the editor: an empty step added is refused as typed and
 * marked, then written, moved up by its button and saved with a reason:
 * version 2, the step in its new place; the page then shows version 2
 * and version 1 read-only. */
static void
test_library_and_edit (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "admin", "playbooks");
  JhkFormDialog *dialog;
  const JhkPlaybook *edited;
  GtkWidget *entry;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  gint64 id;
  gint64 audited;
  guint n;

  g_assert_true (JHK_IS_PLAYBOOKS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_of (page))), ==, 8);
  id = select_code (window, page, "terminal-failure");
  g_assert_cmpint (current_version (window, id), ==, 1);
  g_assert_true (app_test_action_enabled (page, "playbooks.edit"));
  g_assert_true (app_test_action_enabled (page, "playbooks.new"));
  g_assert_true (app_test_action_enabled (page, "playbooks.shared-steps"));
  app_test_save_png (GTK_WIDGET (window), "playbooks-page");

  audited = audit_count (window);
  g_assert_true (gtk_widget_activate_action (page, "playbooks.edit", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  edited = jhk_playbook_editor_get_playbook (dialog);
  n = edited->steps->len;
  g_assert_cmpuint (n, >=, 2);

  /* An empty step: refused, and its text marked. */
  g_signal_emit_by_name (OBJ (dialog, "add_step_button"), "clicked");
  app_test_wait (50);
  g_assert_cmpuint (jhk_playbook_editor_get_playbook (dialog)->steps->len, ==, n + 1);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  g_test_message ("empty step: %s", jhk_form_dialog_get_error (dialog));
  g_assert_true (g_str_has_prefix (jhk_form_dialog_get_error (dialog), "Step "));
  name = g_strdup_printf ("steps.%u.text", n);
  entry = app_test_find_named (GTK_WIDGET (dialog), name);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (current_version (window, id), ==, 1);

  /* Written, then moved up one by its button. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "保守業者の到着時刻を記録する");
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("steps.%u.up", n);
  g_signal_emit_by_name (app_test_find_named (GTK_WIDGET (dialog), name), "clicked");
  app_test_wait (50);
  edited = jhk_playbook_editor_get_playbook (dialog);
  g_assert_cmpstr (((JhkPlaybookStep *) edited->steps->pdata[n - 1])->text, ==,
                   "保守業者の到着時刻を記録する");
  /* And down and up again from the keyboard, the focus in its text:
   * Alt+Down, Alt+Up; the last step moves no further down. */
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("steps.%u.text", n - 1);
  gtk_widget_grab_focus (app_test_find_named (GTK_WIDGET (dialog), name));
  g_assert_true (press_shortcut (GTK_WIDGET (dialog), GDK_KEY_Down, GDK_ALT_MASK));
  edited = jhk_playbook_editor_get_playbook (dialog);
  g_assert_cmpstr (((JhkPlaybookStep *) edited->steps->pdata[n])->text, ==,
                   "保守業者の到着時刻を記録する");
  g_assert_false (jhk_playbook_editor_move_step (dialog, n, +1));
  g_assert_true (press_shortcut (GTK_WIDGET (dialog), GDK_KEY_Up, GDK_ALT_MASK));
  edited = jhk_playbook_editor_get_playbook (dialog);
  g_assert_cmpstr (((JhkPlaybookStep *) edited->steps->pdata[n - 1])->text, ==,
                   "保守業者の到着時刻を記録する");
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "note_row")), "保守業者の記録を追加");
  app_test_wait (50);
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("steps.%u", n - 2);
  scroll_to (GTK_WIDGET (OBJ (dialog, "form")), name);
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-editor");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);

  g_assert_cmpint (current_version (window, id), ==, 2);
  sql = g_strdup_printf ("SELECT s.position FROM playbook_steps s"
                         " JOIN playbook_versions v ON v.id = s.version_id"
                         " WHERE v.playbook_id = %lld AND v.version = 2"
                         " AND s.text = '保守業者の到着時刻を記録する'",
                         (long long) id);
  g_assert_cmpint (app_test_count (window, sql), ==, n);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM playbook_steps s"
                         " JOIN playbook_versions v ON v.id = s.version_id"
                         " WHERE v.playbook_id = %lld AND v.version = 1",
                         (long long) id);
  g_assert_cmpint (app_test_count (window, sql), ==, n);
  g_assert_cmpint (audit_count (window), ==, audited + 1);

  /* The page shows version 2, and version 1 on request, read-only. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_of (page))), ==, 8);
  scroll_to (app_test_find_named (page, "detail-scroll"), "steps");
  app_test_save_png (GTK_WIDGET (window), "playbooks-page-version-2");
  g_assert_true (gtk_widget_activate_action (page, "playbooks.show-version", "i", 1));
  app_test_wait (50);
  g_assert_false (gtk_widget_is_visible (app_test_find_action_button (page, "playbooks.edit")));
  scroll_to (app_test_find_named (page, "detail-scroll"), "version");
  app_test_save_png (GTK_WIDGET (window), "playbooks-page-version-1");
  g_assert_true (gtk_widget_activate_action (page, "playbooks.show-current", NULL));
  app_test_wait (50);
  g_assert_true (gtk_widget_is_visible (app_test_find_action_button (page, "playbooks.edit")));

  /* Saving again without a change is refused; nothing written. */
  g_assert_true (gtk_widget_activate_action (page, "playbooks.edit", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_test_message ("unchanged: %s", jhk_form_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (current_version (window, id), ==, 2);
  g_assert_cmpint (audit_count (window), ==, audited + 1);
  app_test_destroy_window (window);
}

/* R19-1: a new playbook written in the editor, then retired behind a
 * confirmation and restored. */
static void
test_new_and_retire (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "admin", "playbooks");
  JhkFormDialog *dialog;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (page, "playbooks.new", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (OBJ (dialog, "code_row")), "error"));
  app_test_set_row (dialog, "code_row", "printer-jam");
  app_test_set_row (dialog, "title_row", "プリンタの紙詰まり");
  gtk_editable_set_text (GTK_EDITABLE (app_test_find_named (GTK_WIDGET (dialog),
                                                            "steps.0.text")),
                         "紙詰まりを取り除き、出力資料の枚数を確認する");
  g_signal_emit_by_name (OBJ (dialog, "add_contact_button"), "clicked");
  gtk_editable_set_text (GTK_EDITABLE (app_test_find_named (GTK_WIDGET (dialog),
                                                            "contacts.0.role")),
                         "保守業者");
  gtk_editable_set_text (GTK_EDITABLE (app_test_find_named (GTK_WIDGET (dialog),
                                                            "contacts.0.extension")),
                         "1234");
  app_test_wait (50);
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-editor-new");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  id = app_test_count (window, "SELECT id FROM playbooks WHERE code = 'printer-jam'");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (current_version (window, id), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_of (page))), ==, 9);

  select_code (window, page, "printer-jam");
  g_assert_true (gtk_widget_activate_action (page, "playbooks.retire", NULL));
  app_test_wait (100);
  app_test_answer ("retire");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT retired FROM playbooks"
                                   " WHERE code = 'printer-jam'"), ==, 1);
  /* Shown with the retired ones; restored. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_of (page))), ==, 9);
  app_test_save_png (GTK_WIDGET (window), "playbooks-page-retired");
  g_assert_true (gtk_widget_activate_action (page, "playbooks.retire", NULL));
  app_test_wait (100);
  app_test_answer ("restore");
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT retired FROM playbooks"
                                   " WHERE code = 'printer-jam'"), ==, 0);
  app_test_destroy_window (window);
}

/* R19-1: everyone reads the playbooks; the 照会者 writes none: every
 * writing button is insensitive and says why. */
static void
test_read_only (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "chuo-shokuin", "playbooks");
  const char *actions[] = { "playbooks.new", "playbooks.edit", "playbooks.retire",
                            "playbooks.shared-steps", "playbooks.import" };

  g_assert_true (JHK_IS_PLAYBOOKS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_of (page))), ==, 8);
  select_code (window, page, "server-failure");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_test_message ("%s: %s", actions[i], action_tooltip (page, actions[i]));
      g_assert_false (app_test_action_enabled (page, actions[i]));
      g_assert_nonnull (action_tooltip (page, actions[i]));
    }
  g_assert_true (app_test_action_enabled (page, "playbooks.export"));
  app_test_save_png (GTK_WIDGET (window), "playbooks-page-read-only");
  app_test_destroy_window (window);
}

static gboolean
is_business_row (GtkWidget     *widget,
                 gconstpointer  code)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), code);
}

/* R19-1: a 対象業務管理者 writes playbooks of their own businesses only:
 * the built-in ones (no business) are not theirs to edit, and a new one is
 * refused as they fill it in until it covers their business (nothing
 * written), then saved; the shared steps are the システム管理者's. */
static void
test_business_manager (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "gyomu", "playbooks");
  gint64 playbooks = app_test_count (window, "SELECT COUNT(*) FROM playbooks");
  gint64 audited = audit_count (window);
  JhkFormDialog *dialog;
  GtkWidget *row;
  gint64 id;

  select_code (window, page, "terminal-failure");
  g_test_message ("edit: %s", action_tooltip (page, "playbooks.edit"));
  g_assert_false (app_test_action_enabled (page, "playbooks.edit"));
  g_assert_false (app_test_action_enabled (page, "playbooks.retire"));
  g_assert_false (app_test_action_enabled (page, "playbooks.shared-steps"));
  g_assert_true (app_test_action_enabled (page, "playbooks.new"));
  g_assert_true (app_test_action_enabled (page, "playbooks.import"));

  g_assert_true (gtk_widget_activate_action (page, "playbooks.new", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  app_test_set_row (dialog, "code_row", "b101-terminal");
  app_test_set_row (dialog, "title_row", "指紋照合端末の故障");
  gtk_editable_set_text (GTK_EDITABLE (app_test_find_named (GTK_WIDGET (dialog),
                                                            "steps.0.text")),
                         "指紋照合端末の電源を切り、運用管理者へ報告する");
  app_test_wait (50);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_test_message ("no business: %s", jhk_form_dialog_get_error (dialog));
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (OBJ (dialog, "businesses_row")), "error"));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM playbooks"), ==, playbooks);
  g_assert_cmpint (audit_count (window), ==, audited);

  row = app_test_find_widget (GTK_WIDGET (OBJ (dialog, "businesses_row")), is_business_row,
                              "B101 ");
  g_assert_nonnull (row);
  gtk_check_button_set_active (
    GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (OBJ (dialog, "businesses_row")), TRUE);
  app_test_wait (50);
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-editor-business-manager");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  id = app_test_count (window, "SELECT id FROM playbooks WHERE code = 'b101-terminal'");
  g_assert_cmpint (id, >, 0);
  select_code (window, page, "b101-terminal");
  g_assert_true (app_test_action_enabled (page, "playbooks.edit"));
  app_test_save_png (GTK_WIDGET (window), "playbooks-page-business-manager");
  app_test_destroy_window (window);
}

static const char broken_file[] =
  "{ \"format\": \"jhk-playbooks\", \"version\": 1,\n"
  "  \"playbooks\": [\n"
  "    { \"code\": \"fax-jam\", \"title\": \"\", \"systems\": \"\", \"businesses\": [\"B999\"],\n"
  "      \"trigger\": \"\", \"severity\": { \"damage\": false, \"stop_minutes\": 0,\n"
  "      \"leak\": false, \"other\": \"\", \"report_hours\": 0 },\n"
  "      \"steps\": [ { \"text\": \"紙を取り除く\", \"role\": \"no-such-role\", \"minutes\": 5,\n"
  "                     \"needs_confirmation\": false, \"evidence\": \"\", \"shared\": null } ],\n"
  "      \"contacts\": [] } ],\n"
  "  \"shared_steps\": [] }\n";

/* R19-1: a file with errors is checked first: its errors are listed, the
 * import is refused, nothing is written; the export of the library,
 * imported again, is checked as all unchanged and imported. */
static void
test_import (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "admin", "playbooks");
  g_autofree char *broken = app_test_write_file ("broken.json", broken_file, -1);
  g_autofree char *exported = g_build_filename (g_get_user_data_dir (), "library.json", NULL);
  g_autofree char *summary = NULL;
  JhkFormDialog *dialog;
  GtkWidget *errors;
  gint64 playbooks = app_test_count (window, "SELECT COUNT(*) FROM playbooks");
  gint64 versions = app_test_count (window, "SELECT COUNT(*) FROM playbook_versions");
  gint64 audited = audit_count (window);
  guint n_errors = 0;

  g_assert_true (gtk_widget_activate_action (page, "playbooks.import", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  set_import_file (dialog, broken);
  errors = GTK_WIDGET (OBJ (dialog, "errors_list"));
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (errors), n_errors) != NULL)
    n_errors++;
  g_test_message ("%u errors: %s", n_errors, jhk_form_dialog_get_error (dialog));
  g_assert_cmpuint (n_errors, >=, 1);
  g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-import-errors");
  g_assert_false (jhk_form_dialog_apply (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM playbooks"), ==, playbooks);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM playbook_versions"), ==,
                   versions);
  g_assert_cmpint (audit_count (window), ==, audited);

  /* The whole library out and in again: unchanged. */
  g_assert_true (gtk_widget_activate_action (page, "playbooks.export", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (OBJ (dialog, "scope_row")), 0);
  app_test_set_row (dialog, "path_row", exported);
  g_assert_true (jhk_form_dialog_apply (dialog));
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));

  g_assert_true (gtk_widget_activate_action (page, "playbooks.import", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  set_import_file (dialog, exported);
  summary = g_strdup (gtk_label_get_text (GTK_LABEL (OBJ (dialog, "summary_label"))));
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "Unchanged: 8"));
  g_assert_null (jhk_form_dialog_get_error (dialog));
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-import-checked");
  g_assert_true (jhk_form_dialog_apply (dialog));
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM playbook_versions"), ==,
                   versions);
  app_test_destroy_window (window);
}

/* R19-1: a shared step changed by the システム管理者 gives each playbook
 * that uses it a new version, as the dialog says. */
static void
test_shared_step (void)
{
  JhkWindow *window = app_test_new_window ();
  GtkWidget *page = app_test_open_workspace (window, "admin", "playbooks");
  gint64 versions = app_test_count (window, "SELECT COUNT(*) FROM playbook_versions");
  JhkFormDialog *dialog;
  const char *uses;
  guint n = 0;

  g_assert_true (gtk_widget_activate_action (page, "playbooks.shared-steps", NULL));
  app_test_wait (100);
  dialog = app_test_form_dialog ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (OBJ (dialog, "shared_row")), 0);
  uses = gtk_label_get_text (GTK_LABEL (OBJ (dialog, "uses_label")));
  g_test_message ("%s", uses);
  g_assert_true (sscanf (uses, "Used by %u playbook", &n) == 1);
  app_test_set_row (dialog, "evidence_row", "報告した時刻と相手の記録");
  app_test_save_png (GTK_WIDGET (dialog), "playbooks-shared-step");
  g_assert_true (jhk_form_dialog_apply (dialog));
  app_test_wait (100);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM playbook_versions"), ==,
                   versions + n);
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/playbooks/R19-1/library-and-edit", test_library_and_edit);
  g_test_add_func ("/app/playbooks/R19-1/new-and-retire", test_new_and_retire);
  g_test_add_func ("/app/playbooks/R19-1/read-only", test_read_only);
  g_test_add_func ("/app/playbooks/R19-1/business-manager", test_business_manager);
  g_test_add_func ("/app/playbooks/R19-1/import", test_import);
  g_test_add_func ("/app/playbooks/R19-1/shared-step", test_shared_step);

  return app_test_run ();
}
