/* jhk-query-model.c: lazy GListModel over SQL. */
#include "jhk-query-model.h"

#define PAGE_SIZE 64
#define MAX_CACHED_PAGES 16

struct _JhkQueryModel
{
  GObject     parent_instance;
  JhkDb      *db;
  char       *columns_sql;
  char       *from;
  char       *id_from;       /* from for the id scan, or NULL */
  char       *id_column;
  char       *where;
  GVariant   *params;
  char       *order;
  char      **column_names;  /* g_atomic_rc_box, shared with the rows */
  GArray     *ids;           /* gint64, in order */
  GHashTable *alive;         /* id → JhkRow (weak) */
  GQueue      pages;         /* of Page, most recently fetched first */
  guint       n_fetches;
  gboolean    append_only;   /* see jhk_query_model_set_append_only() */
  gboolean    ids_current;   /* ids came from the current filter and order */
};

typedef struct
{
  guint      number;
  GPtrArray *rows;
} Page;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->rows);
  g_free (page);
}

static void list_model_iface_init (GListModelInterface *iface);
static void reread_held_rows (JhkQueryModel *self);
static void bind_params (JhkQueryModel *self, JhkDbStmt *stmt);

G_DEFINE_FINAL_TYPE_WITH_CODE (JhkQueryModel, jhk_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  JhkQueryModel *self = data;
  gint64 id = jhk_row_get_id ((JhkRow *) where_the_object_was);

  /* The row may have been replaced in the table already. */
  if (g_hash_table_lookup (self->alive, &id) == where_the_object_was)
    g_hash_table_remove (self->alive, &id);
}

static void
forget_row (gpointer key,
            gpointer value,
            gpointer user_data)
{
  g_object_weak_unref (value, row_finalized_cb, user_data);
}

static void
clear_pages (JhkQueryModel *self)
{
  Page *page;

  while ((page = g_queue_pop_head (&self->pages)) != NULL)
    page_free (page);
}

static void
columns_clear (gpointer data)
{
  char **columns = data;

  for (guint i = 0; columns[i] != NULL; i++)
    g_free (columns[i]);
}

static void
jhk_query_model_finalize (GObject *object)
{
  JhkQueryModel *self = JHK_QUERY_MODEL (object);

  clear_pages (self);
  g_hash_table_foreach (self->alive, forget_row, self);
  g_hash_table_unref (self->alive);
  g_array_unref (self->ids);
  g_atomic_rc_box_release_full (self->column_names, columns_clear);
  g_clear_pointer (&self->params, g_variant_unref);
  g_free (self->columns_sql);
  g_free (self->from);
  g_free (self->id_from);
  g_free (self->id_column);
  g_free (self->where);
  g_free (self->order);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (jhk_query_model_parent_class)->finalize (object);
}

static void
jhk_query_model_class_init (JhkQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jhk_query_model_finalize;
}

static void
jhk_query_model_init (JhkQueryModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->pages);
}

/* Splits "a.x, b.y AS z, f(q) AS w" into result column names x, z, w. */
static char **
parse_column_names (const char *columns)
{
  g_auto(GStrv) items = g_strsplit (columns, ",", 0);
  guint n = g_strv_length (items);
  char **names = g_atomic_rc_box_alloc0 (sizeof (char *) * (n + 1));
  guint out = 0;
  int depth = 0;
  GString *current = g_string_new (NULL);

  /* Commas inside parentheses belong to the item. */
  for (guint i = 0; i < n; i++)
    {
      const char *alias;
      g_autofree char *item = NULL;

      if (current->len > 0)
        g_string_append_c (current, ',');
      g_string_append (current, items[i]);
      for (const char *p = items[i]; *p; p++)
        depth += (*p == '(') - (*p == ')');
      if (depth > 0)
        continue;

      item = g_strstrip (g_string_free (current, FALSE));
      current = g_string_new (NULL);
      alias = g_strrstr (item, " AS ");
      if (alias != NULL)
        alias += 4;
      else if ((alias = strrchr (item, '.')) != NULL)
        alias++;
      else
        alias = item;
      names[out++] = g_strstrip (g_strdup (alias));
    }
  g_string_free (current, TRUE);
  return names;
}

JhkQueryModel *
jhk_query_model_new (JhkDb      *db,
                     const char *columns,
                     const char *from,
                     const char *id_column)
{
  JhkQueryModel *self;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (columns != NULL && from != NULL && id_column != NULL, NULL);

  self = g_object_new (JHK_TYPE_QUERY_MODEL, NULL);
  self->db = g_object_ref (db);
  self->columns_sql = g_strdup (columns);
  self->from = g_strdup (from);
  self->id_column = g_strdup (id_column);
  self->column_names = parse_column_names (columns);
  return self;
}

void
jhk_query_model_set_filter (JhkQueryModel *self,
                            const char    *where,
                            GVariant      *params)
{
  g_return_if_fail (JHK_IS_QUERY_MODEL (self));
  g_return_if_fail (params == NULL || g_variant_is_of_type (params, G_VARIANT_TYPE_TUPLE));

  self->ids_current = FALSE;
  g_free (self->where);
  self->where = g_strdup (where);
  g_clear_pointer (&self->params, g_variant_unref);
  if (params != NULL)
    self->params = g_variant_ref_sink (params);
}

void
jhk_query_model_set_order (JhkQueryModel *self,
                           const char    *order)
{
  g_return_if_fail (JHK_IS_QUERY_MODEL (self));

  self->ids_current = FALSE;
  g_free (self->order);
  self->order = g_strdup (order);
}

void
jhk_query_model_set_id_from (JhkQueryModel *self,
                             const char    *from)
{
  g_return_if_fail (JHK_IS_QUERY_MODEL (self));

  self->ids_current = FALSE;
  g_free (self->id_from);
  self->id_from = g_strdup (from);
}

static const char *
id_from (JhkQueryModel *self)
{
  return self->id_from != NULL ? self->id_from : self->from;
}

void
jhk_query_model_set_append_only (JhkQueryModel *self,
                                 gboolean       append_only)
{
  g_return_if_fail (JHK_IS_QUERY_MODEL (self));
  self->append_only = append_only;
}

/* The ordering is by the id alone, newest first or last. */
static gboolean
ordered_by_id (JhkQueryModel *self,
               gboolean      *descending)
{
  g_autofree char *desc = g_strdup_printf ("%s DESC", self->id_column);
  g_autofree char *asc = g_strdup_printf ("%s ASC", self->id_column);

  *descending = g_strcmp0 (self->order, desc) == 0;
  return self->order == NULL || *descending || g_str_equal (self->order, self->id_column) ||
         g_str_equal (self->order, asc);
}

/* Reads only the ids above the highest one held and adds them at the end
 * the order puts them: at a million rows this reads a handful of ids where a
 * full refresh reads them all. */
static gboolean
refresh_appended (JhkQueryModel  *self,
                  gboolean        descending,
                  GError        **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GArray) added = NULL;
  g_autofree char *sql = NULL;
  guint n_params = self->params != NULL ? g_variant_n_children (self->params) : 0;
  gint64 highest = descending ? g_array_index (self->ids, gint64, 0)
                              : g_array_index (self->ids, gint64, self->ids->len - 1);
  guint old_n = self->ids->len;
  JhkDbStep step;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s%s%s%s > ? ORDER BY %s%s", self->id_column,
                         id_from (self), self->where ? "(" : "", self->where ? self->where : "",
                         self->where ? ") AND " : "", self->id_column, self->id_column,
                         descending ? " DESC" : "");
  stmt = jhk_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_params (self, stmt);
  jhk_db_stmt_bind_int64 (stmt, n_params + 1, highest);

  added = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      g_array_append_val (added, id);
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (added->len == 0)
    return TRUE;

  if (descending)
    g_array_prepend_vals (self->ids, added->data, added->len);
  else
    g_array_append_vals (self->ids, added->data, added->len);
  /* Pages hold the rows of fixed positions: those moved, or the last page
   * is no longer the last. The rows themselves never change. */
  clear_pages (self);
  g_list_model_items_changed (G_LIST_MODEL (self), descending ? 0 : old_n, 0, added->len);
  return TRUE;
}

static void
bind_params (JhkQueryModel *self,
             JhkDbStmt     *stmt)
{
  if (self->params == NULL)
    return;
  for (gsize i = 0; i < g_variant_n_children (self->params); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (self->params, i);

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_INT64))
        jhk_db_stmt_bind_int64 (stmt, i + 1, g_variant_get_int64 (child));
      else if (g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
        jhk_db_stmt_bind_text (stmt, i + 1, g_variant_get_string (child, NULL));
      else
        jhk_db_stmt_bind_null (stmt, i + 1);
    }
}

gboolean
jhk_query_model_refresh (JhkQueryModel  *self,
                         GError        **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sql = NULL;
  guint old_n, new_n, prefix, suffix;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_QUERY_MODEL (self), FALSE);

  {
    gboolean descending = FALSE;

    if (self->append_only && self->ids_current && self->ids->len > 0 &&
        ordered_by_id (self, &descending))
      return refresh_appended (self, descending, error);
  }

  sql = g_strdup_printf ("SELECT %s FROM %s%s%s ORDER BY %s%s%s", self->id_column, id_from (self),
                         self->where ? " WHERE " : "", self->where ? self->where : "",
                         self->order ? self->order : "", self->order ? ", " : "",
                         self->id_column);
  stmt = jhk_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_params (self, stmt);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MAX (self->ids->len, 64));
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step == JHK_DB_FAILED)
    return FALSE;

  /* Exact change: the common prefix and suffix stay, the middle changes. */
  old_n = self->ids->len;
  new_n = ids->len;
  for (prefix = 0; prefix < MIN (old_n, new_n); prefix++)
    if (g_array_index (self->ids, gint64, prefix) != g_array_index (ids, gint64, prefix))
      break;
  for (suffix = 0; suffix < MIN (old_n, new_n) - prefix; suffix++)
    if (g_array_index (self->ids, gint64, old_n - 1 - suffix) !=
        g_array_index (ids, gint64, new_n - 1 - suffix))
      break;

  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  self->ids_current = TRUE;
  /* Rows may have changed content too: fetch pages anew, and re-read the
   * rows that callers still hold now. */
  clear_pages (self);
  reread_held_rows (self);

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                new_n - prefix - suffix);
  return TRUE;
}

/* The statement that reads the rows of up to PAGE_SIZE ids.  Always
 * PAGE_SIZE parameters, padded with the last id, so that one cached
 * statement serves every page. */
static JhkDbStmt *
prepare_by_ids (JhkQueryModel  *self,
                const gint64   *ids,
                guint           n,
                GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  JhkDbStmt *stmt;

  g_assert (n > 0 && n <= PAGE_SIZE);
  g_string_append_printf (sql, "SELECT %s, %s FROM %s WHERE %s IN (", self->id_column,
                          self->columns_sql, self->from, self->id_column);
  for (guint i = 0; i < PAGE_SIZE; i++)
    g_string_append (sql, i == 0 ? "?" : ",?");
  g_string_append_c (sql, ')');

  stmt = jhk_db_prepare (self->db, sql->str, error);
  for (guint i = 0; stmt != NULL && i < PAGE_SIZE; i++)
    jhk_db_stmt_bind_int64 (stmt, i + 1, ids[MIN (i, n - 1)]);
  return stmt;
}

/* Rows that callers still hold (on screen, say) get the values of now;
 * each row notifies only if something changed. */
static void
reread_held_rows (JhkQueryModel *self)
{
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_columns = g_strv_length (self->column_names);
  const char **values = g_newa (const char *, n_columns + 1);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (held, *(gint64 *) key);

  for (guint start = 0; start < held->len; start += PAGE_SIZE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkDbStmt) stmt = NULL;
      guint n = MIN (PAGE_SIZE, held->len - start);
      JhkDbStep step;

      stmt = prepare_by_ids (self, &g_array_index (held, gint64, start), n, &error);
      if (stmt == NULL)
        {
          g_critical ("JhkQueryModel: %s", error->message);
          return;
        }
      while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
        {
          gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
          JhkRow *row = g_hash_table_lookup (self->alive, &id);

          if (row == NULL)
            continue;
          for (guint c = 0; c < n_columns; c++)
            values[c] = jhk_db_stmt_get_text (stmt, c + 1);
          values[n_columns] = NULL;
          /* Notify handlers may drop the last reference. */
          g_object_ref (row);
          jhk_row_update (row, values);
          g_object_unref (row);
        }
      if (step == JHK_DB_FAILED)
        g_critical ("JhkQueryModel: %s", error->message);
    }
}

/* Fetches the rows of page `page` by id and keeps the page cached. */
static Page *
fetch_page (JhkQueryModel *self,
            guint          page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  GPtrArray *rows;
  Page *result;
  guint start = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - start);
  guint n_columns = g_strv_length (self->column_names);
  const char **values = g_newa (const char *, n_columns + 1);
  JhkDbStep step = JHK_DB_DONE;

  rows = g_ptr_array_new_full (n, g_object_unref);
  g_ptr_array_set_size (rows, n);
  self->n_fetches++;

  stmt = prepare_by_ids (self, &g_array_index (self->ids, gint64, start), n, &error);
  if (stmt == NULL)
    {
      g_critical ("JhkQueryModel: %s", error->message);
      n = 0;
    }

  while (stmt != NULL && (step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      JhkRow *row;

      for (guint c = 0; c < n_columns; c++)
        values[c] = jhk_db_stmt_get_text (stmt, c + 1);
      values[n_columns] = NULL;

      row = g_hash_table_lookup (self->alive, &id);
      if (row != NULL)
        {
          g_object_ref (row);
          jhk_row_update (row, values);
        }
      else
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          row = jhk_row_new (id, self->column_names, values);
          g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
          g_hash_table_insert (self->alive, key, row);
        }
      for (guint i = 0; i < n; i++)
        if (g_array_index (self->ids, gint64, start + i) == id && rows->pdata[i] == NULL)
          {
            rows->pdata[i] = g_object_ref (row);
            break;
          }
      g_object_unref (row);
    }
  if (stmt != NULL && step == JHK_DB_FAILED)
    g_critical ("JhkQueryModel: %s", error->message);
  n = MIN (PAGE_SIZE, self->ids->len - start);

  /* A row deleted since the last refresh leaves a gap: fill it with an
   * empty row so that positions stay valid until the next refresh. */
  for (guint i = 0; i < n; i++)
    if (rows->pdata[i] == NULL)
      {
        for (guint c = 0; c < n_columns; c++)
          values[c] = NULL;
        rows->pdata[i] = jhk_row_new (g_array_index (self->ids, gint64, start + i),
                                      self->column_names, values);
      }

  result = g_new (Page, 1);
  result->number = page;
  result->rows = rows;
  g_queue_push_head (&self->pages, result);
  while (g_queue_get_length (&self->pages) > MAX_CACHED_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return result;
}

static GType
jhk_query_model_get_item_type (GListModel *model)
{
  return JHK_TYPE_ROW;
}

static guint
jhk_query_model_get_n_items (GListModel *model)
{
  return JHK_QUERY_MODEL (model)->ids->len;
}

static gpointer
jhk_query_model_get_item (GListModel *model,
                          guint       position)
{
  JhkQueryModel *self = JHK_QUERY_MODEL (model);
  guint page = position / PAGE_SIZE;
  gint64 id;
  JhkRow *row;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  row = g_hash_table_lookup (self->alive, &id);
  if (row != NULL)
    return g_object_ref (row);

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *cached = l->data;

      if (cached->number == page)
        return g_object_ref (cached->rows->pdata[position % PAGE_SIZE]);
    }
  return g_object_ref (fetch_page (self, page)->rows->pdata[position % PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = jhk_query_model_get_item_type;
  iface->get_n_items = jhk_query_model_get_n_items;
  iface->get_item = jhk_query_model_get_item;
}

void
jhk_query_model_row_changed (JhkQueryModel *self,
                             gint64         id)
{
  guint position = jhk_query_model_find (self, id);

  if (position == G_MAXUINT)
    return;
  /* Drop the cached page so the row is read again. */
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *cached = l->data;

      if (cached->number == position / PAGE_SIZE)
        {
          g_queue_delete_link (&self->pages, l);
          page_free (cached);
          break;
        }
    }
  fetch_page (self, position / PAGE_SIZE);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

guint
jhk_query_model_find (JhkQueryModel *self,
                      gint64         id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

int
jhk_query_model_column (JhkQueryModel *self,
                        const char    *name)
{
  for (int i = 0; self->column_names[i] != NULL; i++)
    if (g_strcmp0 (self->column_names[i], name) == 0)
      return i;
  return -1;
}

guint
jhk_query_model_get_n_fetches (JhkQueryModel *self)
{
  return self->n_fetches;
}
