/* test-query-model.c: the lazy GListModel over SQL: counts and positions
 * without scans, one object per held row, exact items-changed ranges, and
 * the audit list built on it (R13-4).
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "jhk-lists.h"
#include "jhk-query-model.h"
#include "jhk-test-util.h"

/* Helpers */

/* A new database with `n` items whose ids are step, 2 * step, ...; names
 * sort like ids ("item-0000002"), and n is the item's ordinal. The SQL is
 * what both backends understand (ids below 10,000,000). */
static JhkDb *
new_items_db (gint64 n,
              gint64 step)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_path ("qm");
  g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (jhk_db_exec (db, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT,"
                                  " n INTEGER)", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_run (db, &error,
                             "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                             " WHERE x < ?) INSERT INTO items (id, name, n)"
                             " SELECT x * ?, 'item-' || substr (CAST(10000000 + x * ? AS TEXT), 2), x"
                             " FROM c",
                             JHK_I (n), JHK_I (step), JHK_I (step), JHK_DB_END));
  g_assert_no_error (error);
  return g_steal_pointer (&db);
}

static JhkQueryModel *
new_items_model (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model = jhk_query_model_new (db, "name, n, id", "items", "id");

  g_assert_true (jhk_query_model_refresh (model, &error));
  g_assert_no_error (error);
  return model;
}

static char *
expected_name (gint64 id)
{
  return g_strdup_printf ("item-%07" G_GINT64_FORMAT, id);
}

static void
assert_row_is_item (JhkRow *row,
                    gint64  id)
{
  g_autofree char *name = expected_name (id);

  g_assert_nonnull (row);
  g_assert_cmpint (jhk_row_get_id (row), ==, id);
  g_assert_cmpstr (jhk_row_get_by_name (row, "name"), ==, name);
  g_assert_cmpint (g_ascii_strtoll (jhk_row_get_by_name (row, "id"), NULL, 10), ==, id);
}

/* The ids the model lists, read back through GListModel. */
static GArray *
model_ids (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (model, i);
      gint64 id = jhk_row_get_id (row);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* The oracle: a plain SELECT of the same query, no model involved. */
static GArray *
oracle_ids (JhkDb      *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, &error, sql, JHK_DB_END);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JhkDbStep step;

  g_assert_no_error (error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, JHK_DB_DONE);
  return ids;
}

static void
assert_same_ids (GArray *got,
                 GArray *want)
{
  g_assert_cmpint (got->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    if (g_array_index (got, gint64, i) != g_array_index (want, gint64, i))
      g_error ("position %u: model has id %" G_GINT64_FORMAT ", SELECT has %" G_GINT64_FORMAT, i,
               g_array_index (got, gint64, i), g_array_index (want, gint64, i));
}

/* Every row of the model, values included, equals the SELECT's row. */
static void
assert_model_matches (JhkQueryModel *model,
                      JhkDb         *db,
                      const char    *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, &error, sql, JHK_DB_END);
  guint position = 0;
  JhkDbStep step;

  g_assert_no_error (error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);

      g_assert_nonnull (row);
      g_assert_cmpint (jhk_row_get_id (row), ==, jhk_db_stmt_get_int64 (stmt, 0));
      g_assert_cmpstr (jhk_row_get_by_name (row, "name"), ==, jhk_db_stmt_get_text (stmt, 1));
      g_assert_cmpstr (jhk_row_get_by_name (row, "n"), ==, jhk_db_stmt_get_text (stmt, 2));
      position++;
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, JHK_DB_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, position);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), position));
}

/* Records items-changed, and keeps a mirror of the ids that it updates from
 * the signals alone, as a list view would. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  GArray *changes;
  GArray *mirror;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *recorder)
{
  Change change = { position, removed, added };

  g_array_append_val (recorder->changes, change);
  g_assert_cmpuint (position + removed, <=, recorder->mirror->len);
  g_array_remove_range (recorder->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (model, position + i);
      gint64 id = jhk_row_get_id (row);

      g_array_insert_val (recorder->mirror, position + i, id);
    }
  g_assert_cmpuint (recorder->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
recorder_init (Recorder      *recorder,
               JhkQueryModel *model)
{
  recorder->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  recorder->mirror = model_ids (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), recorder);
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->changes, g_array_unref);
  g_clear_pointer (&recorder->mirror, g_array_unref);
}

/* Asserts exactly one change was recorded since the last call, and forgets
 * it. */
static void
assert_one_change (Recorder *recorder,
                   guint     position,
                   guint     removed,
                   guint     added)
{
  g_assert_cmpuint (recorder->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (recorder->changes, Change, 0).position, ==, position);
  g_assert_cmpuint (g_array_index (recorder->changes, Change, 0).removed, ==, removed);
  g_assert_cmpuint (g_array_index (recorder->changes, Change, 0).added, ==, added);
  g_array_set_size (recorder->changes, 0);
}

/* The smallest range that differs between two id lists, as (position,
 * removed, added); FALSE when they are the same. */
static gboolean
diff_range (GArray *before,
            GArray *after,
            guint  *position,
            guint  *removed,
            guint  *added)
{
  guint common = MIN (before->len, after->len);
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < common &&
         g_array_index (before, gint64, prefix) == g_array_index (after, gint64, prefix))
    prefix++;
  while (suffix < common - prefix &&
         g_array_index (before, gint64, before->len - 1 - suffix) ==
           g_array_index (after, gint64, after->len - 1 - suffix))
    suffix++;
  *position = prefix;
  *removed = before->len - prefix - suffix;
  *added = after->len - prefix - suffix;
  return *removed != 0 || *added != 0;
}

static void
refresh (JhkQueryModel *model)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jhk_query_model_refresh (model, &error));
  g_assert_no_error (error);
}

static void
run_sql (JhkDb      *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jhk_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Count and position */

static void
test_count_and_position (void)
{
  g_autoptr(JhkDb) db = new_items_db (100000, 1);
  JhkQueryModel *model = new_items_model (db);
  GListModel *list = G_LIST_MODEL (model);
  guint fetches;

  g_assert_true (g_list_model_get_item_type (list) == JHK_TYPE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 100000);
  /* Counting fetches no row. */
  g_assert_cmpuint (jhk_query_model_get_n_fetches (model), ==, 0);

  {
    g_autoptr(JhkRow) row = g_list_model_get_item (list, 50000);

    assert_row_is_item (row, 50001);
    g_assert_cmpstr (jhk_row_get_by_name (row, "n"), ==, "50001");
    g_assert_cmpint (jhk_row_get_int64 (row, jhk_query_model_column (model, "n")), ==, 50001);
    g_assert_cmpuint (jhk_query_model_get_n_fetches (model), <=, 1);
  }

  fetches = jhk_query_model_get_n_fetches (model);
  for (int i = 0; i < 200; i++)
    {
      guint position = g_test_rand_int_range (0, 100000);
      g_autoptr(JhkRow) row = g_list_model_get_item (list, position);

      assert_row_is_item (row, position + 1);
    }
  g_assert_cmpuint (jhk_query_model_get_n_fetches (model) - fetches, <=, 200);

  /* Neighbours come from the same page. */
  fetches = jhk_query_model_get_n_fetches (model);
  for (guint position = 640; position < 704; position++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (list, position);

      assert_row_is_item (row, position + 1);
    }
  g_assert_cmpuint (jhk_query_model_get_n_fetches (model) - fetches, <=, 1);

  /* The ends. */
  {
    g_autoptr(JhkRow) first = g_list_model_get_item (list, 0);
    g_autoptr(JhkRow) last = g_list_model_get_item (list, 99999);

    assert_row_is_item (first, 1);
    assert_row_is_item (last, 100000);
    g_assert_null (g_list_model_get_item (list, 100000));
  }
  g_assert_cmpuint (jhk_query_model_find (model, 77777), ==, 77776);
  g_assert_cmpuint (jhk_query_model_find (model, 100001), ==, G_MAXUINT);
  g_assert_cmpint (jhk_query_model_column (model, "name"), ==, 0);
  g_assert_cmpint (jhk_query_model_column (model, "nothing"), ==, -1);

  g_assert_finalize_object (model);
}

static void
test_same_object_while_held (void)
{
  g_autoptr(JhkDb) db = new_items_db (5000, 1);
  JhkQueryModel *model = new_items_model (db);
  GListModel *list = G_LIST_MODEL (model);
  JhkRow *held = g_list_model_get_item (list, 10);
  JhkRow *again = g_list_model_get_item (list, 10);
  guint fetches;

  g_assert_true (held == again);
  g_object_unref (again);

  /* Push its page out of the cache: the held row is still the one given. */
  for (guint page = 2; page < 40; page++)
    g_object_unref (g_list_model_get_item (list, page * 64));
  fetches = jhk_query_model_get_n_fetches (model);
  again = g_list_model_get_item (list, 10);
  g_assert_true (again == held);
  g_assert_cmpuint (jhk_query_model_get_n_fetches (model), ==, fetches);
  assert_row_is_item (again, 11);
  g_object_unref (again);

  /* Released: the row goes, and a new fetch gives a good one. */
  g_assert_finalize_object (held);
  fetches = jhk_query_model_get_n_fetches (model);
  again = g_list_model_get_item (list, 10);
  g_assert_cmpuint (jhk_query_model_get_n_fetches (model), ==, fetches + 1);
  assert_row_is_item (again, 11);
  g_object_unref (again);  /* its page, cached again, still has it */

  /* The row outliving its model is fine too. */
  held = g_list_model_get_item (list, 20);
  g_assert_finalize_object (model);
  assert_row_is_item (held, 21);
  g_assert_finalize_object (held);
}

/* items-changed */

static void
test_exact_items_changed (void)
{
  g_autoptr(JhkDb) db = new_items_db (1000, 2);  /* ids 2, 4, ..., 2000 */
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model = new_items_model (db);
  GListModel *list = G_LIST_MODEL (model);
  Recorder recorder = { 0 };

  recorder_init (&recorder, model);

  /* One row in the middle: ids 2..500 are 250 rows before it. */
  run_sql (db, "INSERT INTO items (id, name, n) VALUES (501, 'item-0000501', 7)");
  refresh (model);
  assert_one_change (&recorder, 250, 0, 1);
  {
    g_autoptr(JhkRow) row = g_list_model_get_item (list, 250);

    assert_row_is_item (row, 501);
  }

  /* Two adjacent rows go: 600 is at 300 now, 602 at 301. */
  run_sql (db, "DELETE FROM items WHERE id IN (600, 602)");
  refresh (model);
  assert_one_change (&recorder, 300, 2, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 999);

  /* Nothing changed: no signal at all. */
  refresh (model);
  g_assert_cmpuint (recorder.changes->len, ==, 0);

  /* At the very start and the very end. */
  run_sql (db, "INSERT INTO items (id, name, n) VALUES (1, 'item-0000001', 1)");
  refresh (model);
  assert_one_change (&recorder, 0, 0, 1);
  run_sql (db, "INSERT INTO items (id, name, n) VALUES (9999, 'item-0009999', 9)");
  refresh (model);
  assert_one_change (&recorder, 1000, 0, 1);
  run_sql (db, "DELETE FROM items WHERE id = 9999");
  refresh (model);
  assert_one_change (&recorder, 1000, 1, 0);

  /* A filter: one signal for exactly the range that differs. */
  {
    g_autoptr(GArray) before = model_ids (list);
    g_autoptr(GArray) after = oracle_ids (db, "SELECT id FROM items WHERE n % 2 = 0 ORDER BY id");
    guint position, removed, added;

    jhk_query_model_set_filter (model, "n % 2 = ?", g_variant_new ("(x)", (gint64) 0));
    g_assert_cmpuint (recorder.changes->len, ==, 0);  /* not before the refresh */
    refresh (model);
    g_assert_true (diff_range (before, after, &position, &removed, &added));
    assert_one_change (&recorder, position, removed, added);
    assert_same_ids (recorder.mirror, after);
    assert_model_matches (model, db,
                          "SELECT id, name, n FROM items WHERE n % 2 = 0 ORDER BY id");
  }

  /* A filter that keeps the first and last rows gives a range inside. */
  {
    g_autoptr(GArray) before = model_ids (list);
    g_autoptr(GArray) after = NULL;
    guint position, removed, added;

    run_sql (db, "UPDATE items SET n = 2 WHERE id IN (4, 2000)");
    jhk_query_model_set_filter (model, "n % 2 = ? AND (n = 2 OR id < 100)",
                                g_variant_new ("(x)", (gint64) 0));
    refresh (model);
    after = oracle_ids (db, "SELECT id FROM items WHERE n % 2 = 0 AND (n = 2 OR id < 100)"
                            " ORDER BY id");
    g_assert_true (diff_range (before, after, &position, &removed, &added));
    g_assert_cmpuint (position, >, 0);
    assert_one_change (&recorder, position, removed, added);
    assert_same_ids (recorder.mirror, after);
  }

  /* An order: everything moves. */
  {
    g_autoptr(GArray) after = NULL;
    guint n;

    jhk_query_model_set_filter (model, NULL, NULL);
    refresh (model);
    g_array_set_size (recorder.changes, 0);
    n = g_list_model_get_n_items (list);

    jhk_query_model_set_order (model, "name DESC");
    refresh (model);
    assert_one_change (&recorder, 0, n, n);
    after = oracle_ids (db, "SELECT id FROM items ORDER BY name DESC, id");
    assert_same_ids (recorder.mirror, after);
    assert_model_matches (model, db, "SELECT id, name, n FROM items ORDER BY name DESC, id");
  }

  /* An order with ties is made total by the id. */
  {
    g_autoptr(GArray) after = NULL;

    jhk_query_model_set_order (model, "n % 3");
    refresh (model);
    g_assert_cmpuint (recorder.changes->len, ==, 1);
    g_array_set_size (recorder.changes, 0);
    after = oracle_ids (db, "SELECT id FROM items ORDER BY n % 3, id");
    assert_same_ids (recorder.mirror, after);
  }

  /* A broken query keeps the old contents and emits nothing. */
  {
    g_autoptr(GArray) before = model_ids (list);
    g_autoptr(GArray) after = NULL;

    jhk_query_model_set_filter (model, "no_such_column = 1", NULL);
    g_assert_false (jhk_query_model_refresh (model, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (recorder.changes->len, ==, 0);
    after = model_ids (list);
    assert_same_ids (after, before);
  }

  g_signal_handlers_disconnect_by_data (model, &recorder);
  recorder_clear (&recorder);
  g_assert_finalize_object (model);
}

static void
values_notified_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

static void
test_row_changed (void)
{
  g_autoptr(JhkDb) db = new_items_db (1000, 2);
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model = new_items_model (db);
  GListModel *list = G_LIST_MODEL (model);
  Recorder recorder = { 0 };
  JhkRow *row = g_list_model_get_item (list, 100);  /* id 202 */
  guint notified = 0;

  assert_row_is_item (row, 202);
  recorder_init (&recorder, model);
  g_signal_connect (row, "notify::values", G_CALLBACK (values_notified_cb), &notified);

  g_assert_true (jhk_db_run (db, &error, "UPDATE items SET name = 'renamed' WHERE id = 202",
                             JHK_DB_END));
  g_assert_no_error (error);
  jhk_query_model_row_changed (model, 202);

  g_assert_cmpstr (jhk_row_get_by_name (row, "name"), ==, "renamed");
  g_assert_cmpuint (notified, ==, 1);
  assert_one_change (&recorder, 100, 1, 1);
  {
    JhkRow *again = g_list_model_get_item (list, 100);

    g_assert_true (again == row);
    g_object_unref (again);
  }

  /* A row that is not in the list: nothing happens. */
  jhk_query_model_row_changed (model, 99999);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  g_assert_cmpuint (notified, ==, 1);

  /* A row no one holds is re-read when asked for. */
  g_assert_true (jhk_db_run (db, &error, "UPDATE items SET n = -5 WHERE id = 1000", JHK_DB_END));
  jhk_query_model_row_changed (model, 1000);
  assert_one_change (&recorder, 499, 1, 1);
  {
    g_autoptr(JhkRow) other = g_list_model_get_item (list, 499);

    g_assert_cmpstr (jhk_row_get_by_name (other, "n"), ==, "-5");
  }
  g_assert_cmpuint (notified, ==, 1);

  g_signal_handlers_disconnect_by_data (row, &notified);
  g_signal_handlers_disconnect_by_data (model, &recorder);
  recorder_clear (&recorder);
  g_object_unref (row);
  g_assert_finalize_object (model);
}

/* A list view holds the rows on screen; when another workstation changes
 * one, the refresh must bring the new values to the held object. */
static void
test_refresh_rereads_held_rows (void)
{
  g_autoptr(JhkDb) db = new_items_db (1000, 2);
  JhkQueryModel *model = new_items_model (db);
  GListModel *list = G_LIST_MODEL (model);
  JhkRow *row = g_list_model_get_item (list, 5);  /* id 12 */
  JhkRow *again;
  guint notified = 0;

  g_signal_connect (row, "notify::values", G_CALLBACK (values_notified_cb), &notified);
  run_sql (db, "UPDATE items SET name = 'elsewhere' WHERE id = 12");
  refresh (model);
  again = g_list_model_get_item (list, 5);
  g_assert_true (again == row);
  g_object_unref (again);

  g_assert_cmpstr (jhk_row_get_by_name (row, "name"), ==, "elsewhere");
  g_assert_cmpuint (notified, ==, 1);

  g_signal_handlers_disconnect_by_data (row, &notified);
  g_object_unref (row);
  g_assert_finalize_object (model);
}

static void
test_filter_against_oracle (void)
{
  g_autoptr(JhkDb) db = new_items_db (3000, 1);
  JhkQueryModel *model = NULL;

  /* Scatter n so that filters pick rows from everywhere. */
  run_sql (db, "UPDATE items SET n = (id * 7919) % 1000");
  model = new_items_model (db);
  assert_model_matches (model, db, "SELECT id, name, n FROM items ORDER BY id");

  jhk_query_model_set_filter (model, "n % 3 = ?", g_variant_new ("(x)", (gint64) 1));
  refresh (model);
  assert_model_matches (model, db, "SELECT id, name, n FROM items WHERE n % 3 = 1 ORDER BY id");

  jhk_query_model_set_filter (model, "name LIKE ? AND n < ?",
                              g_variant_new ("(sx)", "item-00001%", (gint64) 500));
  refresh (model);
  assert_model_matches (model, db,
                        "SELECT id, name, n FROM items WHERE name LIKE 'item-00001%' AND n < 500"
                        " ORDER BY id");

  jhk_query_model_set_order (model, "n DESC");
  jhk_query_model_set_filter (model, "n BETWEEN ? AND ?",
                              g_variant_new ("(xx)", (gint64) 100, (gint64) 199));
  refresh (model);
  assert_model_matches (model, db,
                        "SELECT id, name, n FROM items WHERE n BETWEEN 100 AND 199"
                        " ORDER BY n DESC, id");

  /* A filter that matches nothing. */
  jhk_query_model_set_filter (model, "n < ?", g_variant_new ("(x)", (gint64) -1));
  refresh (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  g_assert_finalize_object (model);
}

/* R13-4: the audit trail, searched */

static void
assert_audit_list (JhkQueryModel *model,
                   JhkDb         *db,
                   const char    *actor,
                   const char    *action)
{
  g_autofree char *sql = NULL;
  g_autoptr(GArray) want = NULL;
  g_autoptr(GArray) got = NULL;
  GListModel *list = G_LIST_MODEL (model);
  gint64 previous = G_MAXINT64;

  /* Demo actors and actions need no quoting. */
  sql = g_strdup_printf ("SELECT seq FROM audit_log WHERE actor = COALESCE(%s%s%s, actor)"
                         " AND action = COALESCE(%s%s%s, action) ORDER BY seq DESC",
                         actor ? "'" : "", actor ? actor : "NULL", actor ? "'" : "",
                         action ? "'" : "", action ? action : "NULL", action ? "'" : "");
  want = oracle_ids (db, sql);
  g_assert_cmpuint (want->len, >, 0);
  got = model_ids (list);
  assert_same_ids (got, want);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (list, i);
      gint64 seq = g_ascii_strtoll (jhk_row_get_by_name (row, "seq"), NULL, 10);

      /* Newest first. */
      g_assert_cmpint (seq, <, previous);
      g_assert_cmpint (seq, ==, jhk_row_get_id (row));
      previous = seq;
      if (actor != NULL)
        g_assert_cmpstr (jhk_row_get_by_name (row, "actor"), ==, actor);
      if (action != NULL)
        g_assert_cmpstr (jhk_row_get_by_name (row, "action"), ==, action);
    }
}

static void
test_r13_4_audit_list (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) session = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model = jhk_lists_audit (db);
  gint64 total = 0;
  gint64 mid_at = 0;

  g_assert_true (jhk_db_query_int64 (db, &total, &error, "SELECT COUNT(*) FROM audit_log",
                                     JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  assert_audit_list (model, db, NULL, NULL);

  jhk_lists_audit_filter (model, "soukatsu", NULL, NULL, 0, 0);
  assert_audit_list (model, db, "soukatsu", NULL);

  jhk_lists_audit_filter (model, NULL, NULL, "role.grant", 0, 0);
  assert_audit_list (model, db, NULL, "role.grant");

  jhk_lists_audit_filter (model, "soukatsu", NULL, "session.login", 0, 0);
  assert_audit_list (model, db, "soukatsu", "session.login");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* No match is an empty list, not an error. */
  jhk_lists_audit_filter (model, "nobody", NULL, NULL, 0, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* A time window [from, to). */
  g_assert_true (jhk_db_query_int64 (db, &mid_at, &error,
                                     "SELECT at FROM audit_log WHERE action = 'session.login'",
                                     JHK_DB_END));
  g_assert_no_error (error);
  jhk_lists_audit_filter (model, NULL, NULL, NULL, mid_at, 0);
  {
    g_autoptr(GArray) want = NULL;
    g_autoptr(GArray) got = model_ids (G_LIST_MODEL (model));
    g_autofree char *sql = g_strdup_printf ("SELECT seq FROM audit_log WHERE at >= %"
                                            G_GINT64_FORMAT " ORDER BY seq DESC", mid_at);

    want = oracle_ids (db, sql);
    g_assert_cmpuint (want->len, >=, 1);
    assert_same_ids (got, want);
  }
  jhk_lists_audit_filter (model, NULL, NULL, NULL, 0, mid_at);
  {
    g_autoptr(GArray) want = NULL;
    g_autoptr(GArray) got = model_ids (G_LIST_MODEL (model));
    g_autofree char *sql = g_strdup_printf ("SELECT seq FROM audit_log WHERE at < %"
                                            G_GINT64_FORMAT " ORDER BY seq DESC", mid_at);

    want = oracle_ids (db, sql);
    assert_same_ids (got, want);
  }

  g_assert_finalize_object (model);
}

/* An append-only list (the audit log) reads only the new ids when it is
 * ordered by its id, at either end, and ends up as a full refresh would. */
static void
test_append_only (void)
{
  g_autoptr(JhkDb) db = new_items_db (1000, 1);
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model = jhk_query_model_new (db, "name, n, id", "items", "id");
  GListModel *list = G_LIST_MODEL (model);
  Recorder recorder = { 0 };

  jhk_query_model_set_append_only (model, TRUE);
  jhk_query_model_set_filter (model, "n % 2 = ?", g_variant_new ("(x)", (gint64) 0));
  jhk_query_model_set_order (model, "id DESC");
  refresh (model);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 500);
  {
    g_autoptr(JhkRow) first = g_list_model_get_item (list, 0);
    assert_row_is_item (first, 1000);
  }
  recorder_init (&recorder, model);

  /* Newest first: the new rows that pass the filter come in at the top. */
  run_sql (db, "INSERT INTO items (id, name, n) VALUES (1001, 'item-0001001', 1001),"
               " (1002, 'item-0001002', 1002), (1004, 'item-0001004', 1004)");
  refresh (model);
  assert_one_change (&recorder, 0, 0, 2);
  {
    g_autoptr(JhkRow) first = g_list_model_get_item (list, 0);
    g_autoptr(JhkRow) second = g_list_model_get_item (list, 1);
    g_autoptr(JhkRow) third = g_list_model_get_item (list, 2);

    assert_row_is_item (first, 1004);
    assert_row_is_item (second, 1002);
    assert_row_is_item (third, 1000);
  }
  refresh (model);
  g_assert_cmpuint (recorder.changes->len, ==, 0);
  {
    g_autoptr(GArray) got = model_ids (list);
    g_autoptr(GArray) want = oracle_ids (db, "SELECT id FROM items WHERE n % 2 = 0"
                                             " ORDER BY id DESC");
    assert_same_ids (got, want);
  }

  /* Oldest first: at the bottom. */
  g_signal_handlers_disconnect_by_data (model, &recorder);
  recorder_clear (&recorder);
  jhk_query_model_set_order (model, "id");
  refresh (model);
  recorder_init (&recorder, model);
  run_sql (db, "INSERT INTO items (id, name, n) VALUES (1006, 'item-0001006', 1006)");
  refresh (model);
  assert_one_change (&recorder, 502, 0, 1);
  {
    g_autoptr(GArray) got = model_ids (list);
    g_autoptr(GArray) want = oracle_ids (db, "SELECT id FROM items WHERE n % 2 = 0 ORDER BY id");
    assert_same_ids (got, want);
  }

  g_signal_handlers_disconnect_by_data (model, &recorder);
  recorder_clear (&recorder);
  g_assert_finalize_object (model);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/query-model/count-and-position", test_count_and_position);
  g_test_add_func ("/query-model/same-object-while-held", test_same_object_while_held);
  g_test_add_func ("/query-model/exact-items-changed", test_exact_items_changed);
  g_test_add_func ("/query-model/row-changed", test_row_changed);
  g_test_add_func ("/query-model/refresh-rereads-held-rows", test_refresh_rereads_held_rows);
  g_test_add_func ("/query-model/filter-against-oracle", test_filter_against_oracle);
  g_test_add_func ("/query-model/append-only", test_append_only);
  g_test_add_func ("/query-model/R13-4/audit-list", test_r13_4_audit_list);

  return jhk_test_run ();
}
