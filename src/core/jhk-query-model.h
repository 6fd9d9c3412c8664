/* jhk-query-model.h: a lazy GListModel over a query.
 *
 * The model keeps the ordered list of row ids of its query (so the count
 * and any position are known without OFFSET scans) and fetches the rows
 * themselves a page at a time, by id. Sorting and filtering happen in SQL.
 * While a caller holds a row, the same object is returned for its id.
 */
#pragma once

#include <gio/gio.h>

#include "jhk-db.h"
#include "jhk-row.h"

G_BEGIN_DECLS

#define JHK_TYPE_QUERY_MODEL (jhk_query_model_get_type ())
G_DECLARE_FINAL_TYPE (JhkQueryModel, jhk_query_model, JHK, QUERY_MODEL, GObject)

/* columns: comma-separated select list, each item aliased with AS when it
 * is an expression; from: the FROM clause (joins allowed); id_column: the
 * unique key that identifies a row, e.g. "a.seq". */
JhkQueryModel *jhk_query_model_new        (JhkDb         *db,
                                           const char    *columns,
                                           const char    *from,
                                           const char    *id_column);
/* where: SQL condition with `?` parameters; params: a tuple of int64 (x)
 * and string (s) GVariants, or NULL. Takes a floating reference. */
void           jhk_query_model_set_filter (JhkQueryModel *self,
                                           const char    *where,
                                           GVariant      *params);
/* order: an ORDER BY list; the id column is appended as a tie-breaker. */
void           jhk_query_model_set_order  (JhkQueryModel *self,
                                           const char    *order);
/* from for reading the ids alone, NULL for the model's own: the tables
 * the filter and the order need, without the joins only the columns need.
 * At a million rows, each join dropped from the id scan saves a lookup a
 * row. */
void           jhk_query_model_set_id_from (JhkQueryModel *self,
                                            const char    *from);
/* Declares that rows are only ever added, each with an id above every id
 * before it, and never change (the audit log): when the order is by the id
 * alone, refresh then reads only the new ids. */
void           jhk_query_model_set_append_only (JhkQueryModel *self,
                                                gboolean       append_only);
/* Re-runs the query and emits items-changed for exactly the range that
 * differs. Returns FALSE (and keeps the old contents) on a database error. */
gboolean       jhk_query_model_refresh    (JhkQueryModel *self,
                                           GError       **error);
/* Re-reads one row after it was changed and emits items-changed for it. */
void           jhk_query_model_row_changed (JhkQueryModel *self,
                                            gint64         id);
/* Position of a row id, or G_MAXUINT. */
guint          jhk_query_model_find       (JhkQueryModel *self,
                                           gint64         id);
/* Index of a column by name in the rows' values. */
int            jhk_query_model_column     (JhkQueryModel *self,
                                           const char    *name);
/* Number of pages fetched so far, for tests and benchmarks. */
guint          jhk_query_model_get_n_fetches (JhkQueryModel *self);

G_END_DECLS
