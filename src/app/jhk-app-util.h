/* jhk-app-util.h: small helpers the pages share. */
#pragma once

#include <adwaita.h>

#include "jhk-row.h"

G_BEGIN_DECLS

/* Shows a toast in the window (or preferences window) widget is in. */
void                 jhk_widget_show_toast   (GtkWidget    *widget,
                                              const char   *message);
/* Shows an error a core service returned; its message is translated. */
void                 jhk_widget_show_error   (GtkWidget    *widget,
                                              const GError *error);
/* Makes dialog modal for the window of parent, counts input to it against
 * the idle lock, and presents it. */
void                 jhk_present_dialog      (GtkWidget    *parent,
                                              GtkWindow    *dialog);

/* The text a cell shows for a row; returns a new string or NULL. */
typedef char *(*JhkRowTextFunc) (JhkRow *row);

/* A column of a GtkColumnView over rows: one label per cell, updated when
 * the row is re-read. Either column or text_func is set. */
typedef struct
{
  const char     *title;      /* marked with N_(), translated when added */
  const char     *column;     /* the row's column, shown as it is */
  JhkRowTextFunc  text_func;  /* or the text made from the row */
  int             width;      /* in pixels */
  gboolean        expand;     /* also takes the room that is left */
} JhkColumnEntry;

/* For the "bind" and "unbind" of a list item factory over rows: update
 * shows the item's row, now and again whenever the row is re-read. */
typedef void (*JhkListItemFunc) (GtkListItem *item);
void                 jhk_list_item_bind_row   (GtkListItem     *item,
                                               JhkListItemFunc  update);
void                 jhk_list_item_unbind_row (GtkListItem     *item,
                                               JhkListItemFunc  update);

/* Appends a resizable column to view for each entry, in their order. */
void                 jhk_column_view_add_columns (GtkColumnView        *view,
                                                  const JhkColumnEntry *entries,
                                                  gsize                 n_entries);
/* Sorting by the column headers in SQL: the columns of view at positions
 * get a sorter each that, asked to compare, notes its column and says
 * "smaller"; columns[i] is set to the column at positions[i]. */
void                 jhk_column_view_set_sort_probes (GtkColumnView        *view,
                                                      const guint          *positions,
                                                      guint                 n_positions,
                                                      GtkColumnViewColumn **columns);
/* Asks the view's sorter to compare two items: that tells its primary
 * column (the only one it asks), as the index into the positions given
 * above, and by the sign the direction (GTK 4.8 has no getter for
 * either). FALSE when the view is not sorted by such a column. */
gboolean             jhk_column_view_probe_sort      (GtkSorter            *view_sorter,
                                                      guint                *index,
                                                      gboolean             *descending);
/* An expression for AdwComboRow and GtkDropDown over rows. */
GtkExpression       *jhk_row_expression_new  (JhkRowTextFunc  func);

/* Labels of rows of jhk_lists_org_units() ("911 警務課 (中央警察署)") and
 * jhk_lists_businesses() ("B101 指紋照合業務"), for combo rows. */
char                *jhk_org_unit_row_label  (JhkRow       *row);
char                *jhk_business_row_label  (JhkRow       *row);

/* A column of a row as a number; 0 for NULL. */
gint64               jhk_row_int64           (JhkRow       *row,
                                              const char   *column);
/* TRUE when the column is SQL NULL or empty. */
gboolean             jhk_row_is_empty        (JhkRow       *row,
                                              const char   *column);
/* 'YYYY-MM-DD' to the local midnight in µs; FALSE when invalid. */
gboolean             jhk_parse_date          (const char   *text,
                                              gint64       *out_us);
/* µs since the epoch to a local 'YYYY-MM-DD'. */
char                *jhk_format_date         (gint64        us);
/* Text of an editable, stripped; a new string. */
char                *jhk_editable_dup_text   (gpointer      editable);
/* The date typed in a filter's entry: its text in out_text (a new string,
 * NULL when the entry is empty) and that day's local midnight in out_us (0
 * when empty); either may be NULL. FALSE when the text is no date: the
 * entry is then marked in error, its tooltip saying how dates are written. */
gboolean             jhk_date_entry_read     (GtkEntry     *entry,
                                              char        **out_text,
                                              gint64       *out_us);
/* TRUE when the date typed in a filter's entry is complete or cleared, the
 * moment to filter again rather than at every digit; while it is not, the
 * entry is not marked in error. */
gboolean             jhk_date_entry_settled  (GtkEntry     *entry);

/* A detail pane of property rows (the 作業依頼 and 照会点検 pages): text
 * or "—" when NULL or empty; a titled group appended to box; a row of
 * title and value (value wrapping, no markup) in group; and every child of
 * a box or grid removed. */
const char          *jhk_or_dash             (const char   *text);
AdwPreferencesGroup *jhk_detail_add_group    (GtkBox       *box,
                                              const char   *title);
GtkWidget           *jhk_detail_add_field    (AdwPreferencesGroup *group,
                                              const char   *title,
                                              const char   *value);
void                 jhk_widget_remove_children (GtkWidget *container);

/* For a list page's GtkWidget.focus: when the focus comes in from outside
 * page going forward and list_stack shows its "list" child, it goes to list
 * first (Shift+Tab then reaches the filters above); TRUE when it did, else
 * the caller chains up. */
/* A native chooser, modal over parent, for the path typed in entry (a
 * GtkEditable): titled title, to write a file when save (else to open one),
 * showing the files of filter_name (mime_type, *.suffix). It opens in the
 * folder of the path already typed and, when save, with that path's name
 * (default_name when nothing is typed, if not NULL); the path chosen
 * replaces the entry's text. */
void                 jhk_path_entry_choose   (GtkEditable  *entry,
                                              GtkWindow    *parent,
                                              const char   *title,
                                              gboolean      save,
                                              const char   *filter_name,
                                              const char   *mime_type,
                                              const char   *suffix,
                                              const char   *default_name);

gboolean             jhk_page_focus_list_first  (GtkWidget        *page,
                                                 GtkDirectionType  direction,
                                                 GtkStack         *list_stack,
                                                 GtkWidget        *list);

G_END_DECLS
