/* jhk-app-util.c: small helpers the pages share. */
#include <string.h>
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-org.h"
#include "jhk-window-private.h"

static JhkWindow *
find_main_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  for (; window != NULL; window = gtk_window_get_transient_for (window))
    if (JHK_IS_WINDOW (window))
      return JHK_WINDOW (window);
  return NULL;
}

static void
add_toast (GtkWidget *widget,
           AdwToast  *toast)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  JhkWindow *window;

  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
      return;
    }
  window = find_main_window (widget);
  if (window != NULL)
    jhk_window_add_toast (window, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
jhk_widget_show_toast (GtkWidget  *widget,
                       const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  add_toast (widget, adw_toast_new (message));
}

void
jhk_widget_show_error (GtkWidget    *widget,
                       const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  /* Errors stay until dismissed: the user must be able to read them. */
  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (widget, toast);
}

void
jhk_present_dialog (GtkWidget *parent,
                    GtkWindow *dialog)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  JhkWindow *window = find_main_window (parent);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));
  gtk_window_set_modal (dialog, TRUE);
  /* R13-9: typing into a dialog is activity in the window; the lock closes
   * the dialog, so what it shows is hidden as well. */
  if (window != NULL)
    jhk_window_track_input (window, GTK_WIDGET (dialog));
  gtk_window_present (dialog);
}

/* Columns. */

void
jhk_list_item_bind_row (GtkListItem     *item,
                        JhkListItemFunc  update)
{
  JhkRow *row = gtk_list_item_get_item (item);

  update (item);
  /* A row re-read in place (a refresh of the list) shows its new values. */
  if (row != NULL)
    g_signal_connect_object (row, "notify::values", G_CALLBACK (update), item,
                             G_CONNECT_SWAPPED);
}

void
jhk_list_item_unbind_row (GtkListItem     *item,
                          JhkListItemFunc  update)
{
  JhkRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update, item);
}

/* What the cells of a column show: a column of the row as it is, or what
 * func makes of the row. */
typedef struct
{
  char           *column;
  JhkRowTextFunc  func;
} CellSource;

static void
cell_source_free (gpointer data)
{
  CellSource *source = data;

  g_free (source->column);
  g_free (source);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
cell_update (GtkListItem *item)
{
  CellSource *source = g_object_get_data (G_OBJECT (item), "jhk-cell-source");
  JhkRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (row != NULL)
    text = source->func != NULL ? source->func (row)
                                : g_strdup (jhk_row_get_by_name (row, source->column));
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  /* Long values are cut in the cell; the tooltip shows them whole. */
  gtk_widget_set_tooltip_text (label, text != NULL && g_utf8_strlen (text, -1) > 24 ? text : NULL);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellSource               *source)
{
  g_object_set_data (G_OBJECT (item), "jhk-cell-source", source);
  jhk_list_item_bind_row (item, cell_update);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  jhk_list_item_unbind_row (item, cell_update);
}

void
jhk_column_view_add_columns (GtkColumnView        *view,
                             const JhkColumnEntry *entries,
                             gsize                 n_entries)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (entries != NULL || n_entries == 0);

  for (gsize i = 0; i < n_entries; i++)
    {
      const JhkColumnEntry *entry = &entries[i];
      GtkListItemFactory *factory;
      CellSource *source;
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_return_if_fail ((entry->column != NULL) != (entry->text_func != NULL));

      source = g_new0 (CellSource, 1);
      source->column = g_strdup (entry->column);
      source->func = entry->text_func;
      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data_full (G_OBJECT (factory), "jhk-cell-source", source, cell_source_free);
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), source);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), NULL);

      /* The title is marked for translation where the table is written. */
      column = gtk_column_view_column_new (gettext (entry->title), factory);
      /* Cells ellipsize, so they ask for little room: the width is set. */
      gtk_column_view_column_set_fixed_width (column, entry->width);
      gtk_column_view_column_set_expand (column, entry->expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (view, column);
    }
}

/* Sorting by the column headers. */

static int
sort_probe_compare (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  int *probed = g_object_get_data (G_OBJECT (a), "jhk-sort-probe");

  if (probed != NULL)
    *probed = GPOINTER_TO_INT (data);
  return -1;
}

void
jhk_column_view_set_sort_probes (GtkColumnView        *view,
                                 const guint          *positions,
                                 guint                 n_positions,
                                 GtkColumnViewColumn **columns)
{
  GListModel *view_columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < n_positions; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, positions[i]);
      g_autoptr(GtkCustomSorter) sorter = gtk_custom_sorter_new (sort_probe_compare,
                                                                 GINT_TO_POINTER (i), NULL);

      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      /* The view holds its columns. */
      columns[i] = column;
    }
}

gboolean
jhk_column_view_probe_sort (GtkSorter *view_sorter,
                            guint     *index,
                            gboolean  *descending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  int probed = -1;
  GtkOrdering order;

  /* A descending column may be asked with the items swapped. */
  g_object_set_data (a, "jhk-sort-probe", &probed);
  g_object_set_data (b, "jhk-sort-probe", &probed);
  order = gtk_sorter_compare (view_sorter, a, b);
  if (probed < 0 || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *index = probed;
  *descending = order == GTK_ORDERING_LARGER;
  return TRUE;
}

static char *
expression_cb (JhkRow         *row,
               JhkRowTextFunc  func)
{
  return row != NULL ? func (row) : NULL;
}

GtkExpression *
jhk_row_expression_new (JhkRowTextFunc func)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (expression_cb),
                                      func, NULL);
}

/* Values. */

char *
jhk_org_unit_row_label (JhkRow *row)
{
  const char *parent = jhk_row_get_by_name (row, "parent_name");

  /* Sections of different offices share names (警務課); the office tells
   * them apart. */
  if (parent != NULL && *parent != '\0')
    return g_strdup_printf ("%s %s (%s)", jhk_row_get_by_name (row, "code"),
                            jhk_row_get_by_name (row, "name"), parent);
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "code"),
                          jhk_row_get_by_name (row, "name"));
}

char *
jhk_business_row_label (JhkRow *row)
{
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "code"),
                          jhk_row_get_by_name (row, "name"));
}

gint64
jhk_row_int64 (JhkRow     *row,
               const char *column)
{
  const char *text = jhk_row_get_by_name (row, column);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

gboolean
jhk_row_is_empty (JhkRow     *row,
                  const char *column)
{
  const char *text = jhk_row_get_by_name (row, column);

  return text == NULL || *text == '\0';
}

gboolean
jhk_parse_date (const char *text,
                gint64     *out_us)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (!jhk_date_is_valid (text) || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  date = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (date == NULL)
    return FALSE;
  *out_us = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  return TRUE;
}

char *
jhk_format_date (gint64 us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

  return t != NULL ? g_date_time_format (t, "%Y-%m-%d") : g_strdup ("");
}

char *
jhk_editable_dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

gboolean
jhk_date_entry_read (GtkEntry  *entry,
                     char     **out_text,
                     gint64    *out_us)
{
  g_autofree char *text = jhk_editable_dup_text (entry);
  gint64 us = 0;

  if (out_text != NULL)
    *out_text = NULL;
  if (out_us != NULL)
    *out_us = 0;
  if (*text != '\0' && !jhk_parse_date (text, &us))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), _("Dates are written YYYY-MM-DD."));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
  if (out_us != NULL)
    *out_us = us;
  if (out_text != NULL && *text != '\0')
    *out_text = g_steal_pointer (&text);
  return TRUE;
}

gboolean
jhk_date_entry_settled (GtkEntry *entry)
{
  g_autofree char *text = jhk_editable_dup_text (entry);

  if (*text == '\0' || strlen (text) == 10)
    return TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  return FALSE;
}

const char *
jhk_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

AdwPreferencesGroup *
jhk_detail_add_group (GtkBox     *box,
                      const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

GtkWidget *
jhk_detail_add_field (AdwPreferencesGroup *group,
                      const char          *title,
                      const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), jhk_or_dash (value));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  return row;
}

void
jhk_widget_remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_widget_unparent (child);
    }
}

gboolean
jhk_page_focus_list_first (GtkWidget        *page,
                           GtkDirectionType  direction,
                           GtkStack         *list_stack,
                           GtkWidget        *list)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return direction == GTK_DIR_TAB_FORWARD &&
         (focus == NULL || !gtk_widget_is_ancestor (focus, page)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (list_stack), "list") == 0 &&
         gtk_widget_child_focus (list, direction);
}

static void
path_chosen_cb (GtkNativeDialog *native,
                int              response,
                gpointer         user_data)
{
  GtkEditable *entry = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (entry, path);
    }
  g_object_unref (entry);
  g_object_unref (native);
}

void
jhk_path_entry_choose (GtkEditable *entry,
                       GtkWindow   *parent,
                       const char  *title,
                       gboolean     save,
                       const char  *filter_name,
                       const char  *mime_type,
                       const char  *suffix,
                       const char  *default_name)
{
  g_autofree char *current = jhk_editable_dup_text (entry);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent,
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                             : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        save ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (*current != '\0')
    {
      g_autofree char *dir = g_path_get_dirname (current);
      g_autofree char *base = g_path_get_basename (current);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
      if (save)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), base);
    }
  else if (save && default_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), default_name);
  g_signal_connect (native, "response", G_CALLBACK (path_chosen_cb), g_object_ref (entry));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
