/* app-test-util.c: a demo database, a window on it, and PNGs of it. */
#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-demo.h"
#include "jhk-row.h"

static char *template_dir;
static char *template_path;

void
app_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");
  g_auto(GStrv) system_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) icon_dirs = g_ptr_array_new_with_free_func (g_free);

  /* The isolated folders of the tests hide the system's data folders, which
   * hold the icon theme and the MIME database (with which the image
   * loaders recognise SVG icons): keep those. */
  system_dirs = g_strsplit (data_dirs != NULL && *data_dirs != '\0' ? data_dirs
                                                                   : "/usr/local/share:/usr/share",
                            ":", 0);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
      g_ptr_array_add (icon_dirs, g_build_filename (system_dirs[i], "icons", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);
  g_ptr_array_add (icon_dirs, NULL);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GTK warns about the virtual display (no accessibility bus, no portal);
   * criticals still fail the test. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_content_type_set_mime_dirs ((const char *const *) mime_dirs->pdata);
  adw_init ();
  gtk_icon_theme_set_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  (const char *const *) icon_dirs->pdata);

  template_dir = g_dir_make_tmp ("jhk-app-test-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (template_dir, "demo.db", NULL);
  db = jhk_db_open (template_path, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jhk_demo_populate (db, &error);
  g_assert_no_error (error);
}

gboolean
app_test_set_test_lang (void)
{
  if (g_getenv ("JHK_TEST_LANG") == NULL)
    return FALSE;
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JHK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

int
app_test_run (void)
{
  int status = g_test_run ();
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (template_path, suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (template_dir);
  return status;
}

char *
app_test_new_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (template_path);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "jhk", NULL);
  char *path = g_build_filename (dir, "jhk.db", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* The template's connection was closed, so its main file is complete. */
  g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
wait_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
app_test_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

JhkWindow *
app_test_new_window (void)
{
  g_autofree char *path = app_test_new_database ();
  JhkWindow *window = jhk_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_assert_true (jhk_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  app_test_wait (200);
  return window;
}

void
app_test_destroy_window (JhkWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_wait (50);
}

JhkWindow *
app_test_open_uri (const char *uri)
{
  JhkWindow *window = jhk_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_assert_true (jhk_window_open_database (window, uri));
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 600 && g_strcmp0 (jhk_window_get_view (window), "connecting") == 0; i++)
    app_test_wait (50);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  return window;
}

void
app_test_log_in (JhkWindow  *window,
                 const char *login,
                 const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (window->login_entry), login);
  gtk_editable_set_text (GTK_EDITABLE (window->password_entry), password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-in", NULL));
  app_test_wait (100);
}

GtkWidget *
app_test_open_workspace (JhkWindow  *window,
                         const char *login,
                         const char *name)
{
  if (jhk_window_get_session (window) != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL));
  app_test_log_in (window, login, JHK_DEMO_PASSWORD);
  return app_test_show_workspace (window, name);
}

char *
app_test_write_file (const char *name,
                     const char *data,
                     gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

void
app_test_save_png (GtkWidget  *widget,
                   const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  /* Let pending layout and drawing happen first. */
  app_test_wait (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  /* A loaded machine may not have drawn the window yet (an empty snapshot
   * has no node): give it up to three seconds more. */
  for (int tries = 0; node == NULL && tries < 30; tries++)
    {
      if (tries > 0)
        app_test_wait (100);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

GtkWidget *
app_test_find_widget (GtkWidget        *widget,
                      AppTestMatchFunc  match,
                      gconstpointer     data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) data);
}

GtkWidget *
app_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  return app_test_find_widget (widget, is_of_type, &type);
}

GtkWindow *
app_test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

GtkWidget *
app_test_show_workspace (JhkWindow  *window,
                         const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s", name));
  g_assert_cmpstr (jhk_window_get_workspace (window), ==, name);
  app_test_wait (100);
  return jhk_window_get_page (window, name);
}

gint64
app_test_count (JhkWindow  *window,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (jhk_window_get_database (window), &n, &error, sql,
                                     JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

JhkSession *
app_test_session (JhkWindow  *window,
                  const char *login)
{
  JhkDb *db = jhk_window_get_database (window);
  g_autoptr(GError) error = NULL;
  JhkSession *session = jhk_session_load (db, jhk_accounts_lookup (db, login), NULL, &error);

  g_assert_no_error (error);
  return session;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
         g_str_equal (gtk_button_get_label (GTK_BUTTON (widget)), label) &&
         gtk_widget_is_drawable (widget);
}

GtkWidget *
app_test_find_button (GtkWidget  *widget,
                      const char *label)
{
  return app_test_find_widget (widget, is_button_labelled, label);
}

static gboolean
is_action_button (GtkWidget     *widget,
                  gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

GtkWidget *
app_test_find_action_button (GtkWidget  *widget,
                             const char *action)
{
  return app_test_find_widget (widget, is_action_button, action);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

gboolean
app_test_action_enabled (GtkWidget  *widget,
                         const char *action)
{
  GtkWidget *button = app_test_find_action_button (widget, action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

void
app_test_select_id (GListModel *list,
                    gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (list, i);

      if (jhk_row_get_id (row) == id)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (list), i);
          app_test_wait (100);
          return;
        }
    }
  g_assert_not_reached ();
}

GtkWidget *
app_test_find_named (GtkWidget  *widget,
                     const char *name)
{
  return app_test_find_widget (widget, is_named, name);
}

JhkFormDialog *
app_test_form_dialog (void)
{
  JhkFormDialog *dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));

  g_assert_nonnull (dialog);
  return dialog;
}

void
app_test_set_row (JhkFormDialog *dialog,
                  const char    *id,
                  const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, id)), text);
}

void
app_test_answer (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  app_test_wait (100);
}
