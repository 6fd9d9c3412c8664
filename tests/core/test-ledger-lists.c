/* test-ledger-lists.c: issue 4, the 入出力資料台帳 page's list
 * (jhk_lists_materials): every filter (区分, business, status,
 * personal data, designated, date range, text) and every sort, both
 * directions, give exactly the materials and the order that an oracle
 * computed in C from the plain rows gives. Runs on SQLite and, with
 * `meson test --setup postgresql`, on PostgreSQL.
 */
#include <string.h>

#include "jhk-lists.h"
#include "jhk-test-util.h"

typedef struct
{
  gint64  id, office, business;
  char   *direction, *name, *summary, *code, *status, *acquired_on;
  gboolean personal, designated;
} Material;

static void
material_clear (gpointer data)
{
  Material *m = data;

  g_free (m->direction);
  g_free (m->name);
  g_free (m->summary);
  g_free (m->code);
  g_free (m->status);
  g_free (m->acquired_on);
}

/* 240 materials over two offices and every business, with names holding
 * LIKE's wildcards for the text filter's escaping. */
static void
fill (JhkDb *db)
{
  static const char *const names[] = { "住民名簿", "照会記録", "100%保管", "a_b 資料", "名簿控" };
  static const char *const statuses[] = { "stored", "lent", "closed" };
  g_autoptr(GError) error = NULL;
  gint64 staff = 0, section = 0, n_businesses = 0;
  gint64 offices[2] = { 0, 0 };

  g_assert_true (jhk_db_query_int64 (db, &staff, &error, "SELECT MIN(id) FROM staff", JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &section, &error,
                                     "SELECT org_unit_id FROM staff WHERE id = ?", JHK_I (staff),
                                     JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &offices[0], &error,
                                     "SELECT MIN(id) FROM org_units WHERE kind = 'office'",
                                     JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &offices[1], &error,
                                     "SELECT MAX(id) FROM org_units WHERE kind = 'office'",
                                     JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &n_businesses, &error,
                                     "SELECT COUNT(*) FROM businesses", JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (offices[0], !=, offices[1]);
  g_assert_cmpint (n_businesses, >, 1);

  g_assert_true (jhk_db_begin (db, &error));
  for (int i = 0; i < 240; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %d", names[i % G_N_ELEMENTS (names)], i % 37);
      g_autofree char *summary = g_strdup_printf (i % 11 == 0 ? "名簿の写し %d" : "概要 %d", i);
      g_autofree char *day = g_strdup_printf ("20%02d-%02d-%02d", 20 + i % 6, 1 + i % 12,
                                              1 + (i * 7) % 28);
      const char *status = statuses[(i / 2) % 3];
      g_autoptr(JhkDbStmt) stmt = NULL;

      stmt = jhk_db_query (db, &error,
                           "INSERT INTO materials (org_unit_id, direction, name, quantity, summary,"
                           " business_id, handler_staff_id, handler_section_id, purpose,"
                           " designated, designated_by, personal_data, creation_reason,"
                           " acquired_on, acquisition_method, acquired_by, measure,"
                           " quantity_on_hand, quantity_lent, status, last_entry_on, created_at,"
                           " created_by)"
                           " VALUES (?, ?, ?, 2, ?, (SELECT id FROM businesses ORDER BY id"
                           "  LIMIT 1 OFFSET ?), ?, ?, '試験', ?, ?, ?, 'law', ?, 'printed', ?,"
                           " 'other', 2, ?, ?, ?, 0, 'test')",
                           JHK_I (offices[i % 5 == 0]), JHK_T (i % 3 ? "input" : "output"),
                           JHK_T (name), JHK_T (summary), JHK_I (i % n_businesses),
                           JHK_I (staff), JHK_I (section), JHK_I (i % 7 == 0), JHK_I (staff),
                           JHK_I (i % 4 == 0), JHK_T (day), JHK_I (staff),
                           JHK_I (g_str_equal (status, "lent")), JHK_T (status), JHK_T (day),
                           JHK_DB_END);
      g_assert_no_error (error);
      g_assert_nonnull (stmt);
      g_assert_true (jhk_db_stmt_step (stmt, &error) == JHK_DB_DONE);
      g_assert_no_error (error);
    }
  g_assert_true (jhk_db_commit (db, &error));
  g_assert_no_error (error);
}

static GArray *
load (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  GArray *all = g_array_new (FALSE, TRUE, sizeof (Material));

  g_array_set_clear_func (all, material_clear);
  stmt = jhk_db_query (db, &error,
                       "SELECT m.id, m.org_unit_id, m.business_id, m.direction, m.name, m.summary,"
                       " b.code, m.status, m.acquired_on, m.personal_data, m.designated"
                       " FROM materials m, businesses b WHERE b.id = m.business_id", JHK_DB_END);
  g_assert_no_error (error);
  while (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
    {
      Material m = {
        .id = jhk_db_stmt_get_int64 (stmt, 0),
        .office = jhk_db_stmt_get_int64 (stmt, 1),
        .business = jhk_db_stmt_get_int64 (stmt, 2),
        .direction = jhk_db_stmt_dup_text (stmt, 3),
        .name = jhk_db_stmt_dup_text (stmt, 4),
        .summary = jhk_db_stmt_dup_text (stmt, 5),
        .code = jhk_db_stmt_dup_text (stmt, 6),
        .status = jhk_db_stmt_dup_text (stmt, 7),
        .acquired_on = jhk_db_stmt_dup_text (stmt, 8),
        .personal = jhk_db_stmt_get_int64 (stmt, 9) != 0,
        .designated = jhk_db_stmt_get_int64 (stmt, 10) != 0,
      };
      g_array_append_val (all, m);
    }
  g_assert_no_error (error);
  return all;
}

static gboolean
matches (const Material           *m,
         gint64                    office,
         const JhkMaterialsFilter *f)
{
  return (office == 0 || m->office == office) &&
         (f->direction == NULL || g_str_equal (m->direction, f->direction)) &&
         (f->business_id == 0 || m->business == f->business_id) &&
         (f->status == NULL || g_str_equal (m->status, f->status)) &&
         (f->personal_data < 0 || m->personal == (f->personal_data != 0)) &&
         (f->designated < 0 || m->designated == (f->designated != 0)) &&
         (f->from == NULL || strcmp (m->acquired_on, f->from) >= 0) &&
         (f->to == NULL || strcmp (m->acquired_on, f->to) <= 0) &&
         (f->text == NULL || strstr (m->name, f->text) != NULL ||
          strstr (m->summary, f->text) != NULL);
}

static int oracle_sort;
static gboolean oracle_descending;

static int
cmp_int (gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare (gconstpointer pa,
         gconstpointer pb)
{
  const Material *a = *(const Material *const *) pa, *b = *(const Material *const *) pb;
  int c = 0;

  switch (oracle_sort)
    {
    case JHK_MATERIALS_SORT_NAME:
      c = strcmp (a->name, b->name);
      break;
    case JHK_MATERIALS_SORT_BUSINESS:
      c = strcmp (a->code, b->code);
      if (c == 0)
        c = strcmp (a->acquired_on, b->acquired_on);
      break;
    case JHK_MATERIALS_SORT_STATUS:
      c = strcmp (a->status, b->status);
      if (c == 0)
        c = strcmp (a->acquired_on, b->acquired_on);
      break;
    default:
      c = strcmp (a->acquired_on, b->acquired_on);
      break;
    }
  if (c == 0)
    c = cmp_int (a->id, b->id);
  return oracle_descending ? -c : c;
}

static void
check (JhkQueryModel            *model,
       GArray                   *all,
       gint64                    office,
       const JhkMaterialsFilter *filter,
       JhkMaterialsSort          sort,
       gboolean                  descending)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < all->len; i++)
    if (matches (&g_array_index (all, Material, i), office, filter))
      g_ptr_array_add (expected, &g_array_index (all, Material, i));
  oracle_sort = sort;
  oracle_descending = descending;
  g_ptr_array_sort (expected, compare);

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      const Material *m = g_ptr_array_index (expected, i);

      g_assert_cmpint (jhk_row_get_id (row), ==, m->id);
      g_assert_cmpstr (jhk_row_get_by_name (row, "name"), ==, m->name);
      g_assert_cmpstr (jhk_row_get_by_name (row, "status"), ==, m->status);
      g_assert_cmpstr (jhk_row_get_by_name (row, "business_code"), ==, m->code);
      g_assert_cmpstr (jhk_row_get_by_name (row, "acquired_on"), ==, m->acquired_on);
      g_assert_cmpstr (jhk_row_get_by_name (row, "direction"), ==, m->direction);
    }
}

/* Issue 4, UI: the ledger page's filters and sortable columns. */
static void
test_filters_and_sorts_match_oracle (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GArray) all = NULL;
  g_autofree char *before = NULL;
  gint64 office = 0, business = 0;
  guint n_filters = 0;

  fill (db);
  all = load (db);
  before = jhk_test_dump_tables (db);
  g_assert_true (jhk_db_query_int64 (db, &office, NULL,
                                     "SELECT MIN(id) FROM org_units WHERE kind = 'office'",
                                     JHK_DB_END));
  business = g_array_index (all, Material, 3).business;

  for (int o = 0; o < 2; o++)
    {
      gint64 unit = o == 0 ? office : 0;
      g_autoptr(JhkQueryModel) model = jhk_lists_materials (db, unit);
      JhkMaterialsFilter filters[14];
      JhkMaterialsFilter any = JHK_MATERIALS_FILTER_ANY;

      /* Opened: no filter, newest first. */
      check (model, all, unit, &any, JHK_MATERIALS_SORT_DATE, TRUE);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);

      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        filters[i] = any;
      filters[1].direction = "output";
      filters[2].business_id = business;
      filters[3].status = "stored";
      filters[4].status = "lent";
      filters[5].status = "closed";
      filters[6].personal_data = 1;
      filters[7].designated = 1;
      filters[8].designated = 0;
      filters[9].from = "2022-01-01";
      filters[9].to = "2023-06-30";
      filters[10].text = "名簿";
      /* LIKE's wildcards are plain characters in the search. */
      filters[11].text = "0%";
      filters[12].text = "a_b";
      filters[13].direction = "input";
      filters[13].status = "lent";
      filters[13].personal_data = 0;
      filters[13].from = "2021-01-01";
      filters[13].text = "名簿";

      for (int s = JHK_MATERIALS_SORT_DATE; s <= JHK_MATERIALS_SORT_STATUS; s++)
        for (int d = 0; d < 2; d++)
          {
            jhk_lists_materials_sort (model, s, d);
            for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
              {
                jhk_lists_materials_filter (model, &filters[i]);
                check (model, all, unit, &filters[i], s, d);
                n_filters++;
              }
          }
      /* A filter that matches nothing gives an empty list. */
      filters[0].text = "存在しない資料";
      jhk_lists_materials_filter (model, &filters[0]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
    }
  g_test_message ("%u filter and sort combinations matched the oracle", n_filters);
  /* Reading, filtering and sorting wrote nothing. */
  {
    g_autofree char *after = jhk_test_dump_tables (db);

    g_assert_cmpstr (before, ==, after);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ledger-lists/issue-4/filters-and-sorts-match-oracle",
                   test_filters_and_sorts_match_oracle);

  return jhk_test_run ();
}
