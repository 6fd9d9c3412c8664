/* jhk-test-util.c: shared set-up for the test suites. */
#include <glib/gstdio.h>

#include <stdio.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

static char *template_path; /* SQLite: a file; PostgreSQL: a database name */
static char *last_path;
static char *private_path;
static guint counter;

/* One private folder per test process: parallel tests never share files. */
static const char *
private_dir (void)
{
  if (private_path == NULL)
    private_path = g_dir_make_tmp ("jhk-test-XXXXXX", NULL);
  g_assert_nonnull (private_path);
  return private_path;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

gboolean
jhk_test_backend_is_pg (void)
{
  return g_strcmp0 (g_getenv ("JHK_TEST_BACKEND"), "postgresql") == 0;
}

int
jhk_test_run (void)
{
  int status;

  /* Starts the server before the first test (JHK_TEST_REQUIRE_PG=1: fails
   * when there is none). */
  if (jhk_test_backend_is_pg () && jhk_test_pg_admin_uri () == NULL)
    {
      if (g_test_verbose () || !g_test_quiet ())
        g_print ("1..0 # SKIP %s\n", JHK_TEST_PG_SKIP_MESSAGE);
      return 0;
    }
  if (jhk_test_backend_is_pg ())
    g_test_message ("Backend: PostgreSQL at %s", jhk_test_pg_admin_uri ());

  status = g_test_run ();

  if (private_path != NULL)
    remove_tree (private_path);
  g_clear_pointer (&private_path, g_free);
  g_clear_pointer (&template_path, g_free);
  return status;
}

char *
jhk_test_new_file (const char *name)
{
  return g_strdup_printf ("%s/%s-%u", private_dir (), name, ++counter);
}

char *
jhk_test_new_path (const char *name)
{
  if (jhk_test_backend_is_pg ())
    {
      g_autofree char *dbname = jhk_test_pg_new_database (NULL);
      return jhk_test_pg_uri (dbname, NULL, NULL);
    }
  return g_strdup_printf ("%s/%s-%u.db", private_dir (), name, ++counter);
}

/* PostgreSQL: the demo is populated once into a database that every later
 * copy takes as its template (a file copy, as fast as SQLite's). */
static JhkDb *
pg_demo_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *uri = NULL;
  JhkDb *db;

  if (template_path == NULL)
    {
      g_autofree char *template_uri = NULL;
      g_autoptr(JhkDb) template_db = NULL;

      template_path = jhk_test_pg_new_database (NULL);
      template_uri = jhk_test_pg_uri (template_path, NULL, NULL);
      template_db = jhk_db_open (template_uri, JHK_DB_OPEN_CREATE, &error);
      g_assert_no_error (error);
      jhk_demo_populate (template_db, &error);
      g_assert_no_error (error);
      /* CREATE DATABASE … TEMPLATE needs it without connections. */
    }

  dbname = jhk_test_pg_new_database (template_path);
  uri = jhk_test_pg_uri (dbname, NULL, NULL);
  g_free (last_path);
  last_path = g_strdup (uri);
  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  return db;
}

JhkDb *
jhk_test_demo_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (jhk_test_backend_is_pg ())
    return pg_demo_db ();

  if (template_path == NULL)
    {
      g_autoptr(JhkDb) db = NULL;

      template_path = g_build_filename (private_dir (), "demo-template.db", NULL);
      db = jhk_db_open (template_path, JHK_DB_OPEN_CREATE, &error);
      g_assert_no_error (error);
      jhk_demo_populate (db, &error);
      g_assert_no_error (error);
      /* Fold the WAL back so the file alone is the whole database. */
      jhk_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
      g_assert_no_error (error);
    }

  path = jhk_test_new_path ("demo");
  g_file_get_contents (template_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_free (last_path);
  last_path = g_strdup (path);
  {
    JhkDb *db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    return db;
  }
}

const char *
jhk_test_last_path (void)
{
  return last_path;
}

JhkSession *
jhk_test_login (JhkDb      *db,
                const char *login)
{
  g_autoptr(GError) error = NULL;
  JhkSession *session = jhk_accounts_authenticate (db, login, JHK_DEMO_PASSWORD, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* The tables of the database, but not the migrations' own bookkeeping. */
static GPtrArray *
list_tables (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  JhkDbStep step;

  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql"))
    stmt = jhk_db_query (db, &error,
                         "SELECT table_name FROM information_schema.tables"
                         " WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'"
                         " ORDER BY 1", JHK_DB_END);
  else
    stmt = jhk_db_query (db, &error,
                         "SELECT name FROM sqlite_master WHERE type = 'table'"
                         " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1", JHK_DB_END);
  g_assert_no_error (error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    g_ptr_array_add (tables, jhk_db_stmt_dup_text (stmt, 0));
  g_assert_no_error (error);
  return tables;
}

char *
jhk_test_dump_tables (JhkDb *db)
{
  return jhk_test_dump_tables_except (db, NULL);
}

char *
jhk_test_dump_tables_except (JhkDb              *db,
                             const char * const *skip)
{
  g_autoptr(GPtrArray) tables = list_tables (db);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkDbStmt) stmt = NULL;
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autofree char *probe = g_strdup_printf ("SELECT * FROM \"%s\" WHERE 1 = 0", table);
      int n_columns;
      JhkDbStep step;

      if (skip != NULL && g_strv_contains (skip, table))
        continue;

      stmt = jhk_db_query (db, &error, probe, JHK_DB_END);
      g_assert_no_error (error);
      jhk_db_stmt_step (stmt, &error);
      g_assert_no_error (error);
      n_columns = jhk_db_stmt_get_n_columns (stmt);
      g_clear_pointer (&stmt, jhk_db_stmt_release);

      /* Every column in the order: rows compare whatever their physical order. */
      g_string_printf (sql, "SELECT * FROM \"%s\" ORDER BY ", table);
      for (int c = 1; c <= n_columns; c++)
        g_string_append_printf (sql, c > 1 ? ", %d" : "%d", c);
      stmt = jhk_db_query (db, &error, sql->str, JHK_DB_END);
      g_assert_no_error (error);
      g_string_append_printf (out, "[%s]\n", table);
      while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
        {
          for (int c = 0; c < n_columns; c++)
            {
              if (c > 0)
                g_string_append_c (out, '|');
              if (jhk_db_stmt_is_null (stmt, c))
                g_string_append (out, "NULL");
              else
                g_string_append (out, jhk_db_stmt_get_text (stmt, c));
            }
          g_string_append_c (out, '\n');
        }
      g_assert_no_error (error);
    }
  return g_string_free (out, FALSE);
}

/* The statement of sql on its first row; asserts there is one. */
static JhkDbStmt *
query_first_row (JhkDb      *db,
                 const char *sql,
                 va_list     args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, &error);
  JhkDbStep step;

  g_assert_no_error (error);
  g_assert_true (jhk_db_stmt_bind_valist (stmt, args));
  step = jhk_db_stmt_step (stmt, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, JHK_DB_ROW);
  return g_steal_pointer (&stmt);
}

gint64
jhk_test_query_int (JhkDb      *db,
                    const char *sql,
                    ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = query_first_row (db, sql, args);
  va_end (args);
  return jhk_db_stmt_get_int64 (stmt, 0);
}

char *
jhk_test_query_text (JhkDb      *db,
                     const char *sql,
                     ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = query_first_row (db, sql, args);
  va_end (args);
  return jhk_db_stmt_dup_text (stmt, 0);
}

const JhkAttentionItem *
jhk_test_attention_item (GPtrArray  *items,
                         const char *key)
{
  for (guint i = 0; i < items->len; i++)
    {
      const JhkAttentionItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->key, key))
        return item;
    }
  return NULL;
}

void
jhk_test_assert_attention_items (GPtrArray  *items,
                                 const char *workspace)
{
  g_autofree char *prefix = g_strconcat (workspace, ".", NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const JhkAttentionItem *item = g_ptr_array_index (items, i);

      g_assert_cmpstr (item->workspace, ==, workspace);
      g_assert_true (g_str_has_prefix (item->key, prefix));
      g_assert_cmpuint (item->count, >, 0);
    }
}

guint
jhk_test_attention_count (GPtrArray  *items,
                          const char *key)
{
  const JhkAttentionItem *item = jhk_test_attention_item (items, key);

  if (item == NULL)
    return 0;
  g_test_message ("%s: %s", item->title, item->subtitle);
  return item->count;
}

gint64
jhk_test_count_rows (JhkDb      *db,
                     const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);

  return jhk_test_query_int (db, sql, JHK_DB_END);
}

gint64
jhk_test_audit_count (JhkDb *db)
{
  return jhk_test_count_rows (db, "audit_log");
}

void
jhk_test_assert_last_actions (JhkDb      *db,
                              gint64      before,
                              gint64      n,
                              const char *action)
{
  g_autofree char *last = NULL;

  g_assert_cmpint (jhk_test_audit_count (db), ==, before + n);
  g_assert_true (jhk_db_query_text (db, &last, NULL,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_cmpstr (last, ==, action);
}

void
jhk_test_assert_last_action (JhkDb      *db,
                             gint64      before,
                             const char *action)
{
  jhk_test_assert_last_actions (db, before, 1, action);
}

gint64
jhk_test_staff_id (JhkDb      *db,
                   const char *staff_no)
{
  return jhk_test_query_int (db, "SELECT id FROM staff WHERE staff_no = ?", JHK_T (staff_no),
                             JHK_DB_END);
}

JhkIncident *
jhk_test_incident (JhkDb      *db,
                   JhkSession *actor,
                   gint64      incident_id)
{
  g_autoptr(GError) error = NULL;
  JhkIncident *incident = jhk_incidents_get (db, actor, incident_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (incident);
  return incident;
}

gint64
jhk_test_incident_step (JhkDb      *db,
                        JhkSession *actor,
                        gint64      incident_id,
                        int         position)
{
  g_autoptr(JhkIncident) incident = jhk_test_incident (db, actor, incident_id);

  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

      if (step->position == position)
        return step->id;
    }
  g_assert_not_reached ();
  return 0;
}

gint64
jhk_test_demo_chuo_material (JhkDb      *db,
                             const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT MIN(m.id) FROM materials m"
                                          " JOIN org_units o ON o.id = m.org_unit_id"
                                          " WHERE o.code = '910' AND %s", where);
  gint64 id = jhk_test_query_int (db, sql, JHK_DB_END);

  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
jhk_test_register_material (JhkDb      *db,
                            JhkSession *keeper,
                            gint64      office,
                            const char *direction,
                            gboolean    personal,
                            int         quantity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  gint64 place = jhk_test_query_int (db, "SELECT id FROM storage_places WHERE locked = 1"
                                     " AND org_unit_id = ? ORDER BY id LIMIT 1",
                                     JHK_I (office), JHK_DB_END);
  gint64 id = jhk_ledger_register_material (db, keeper, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = direction, .name = "試験用 照会回答書",
      .quantity = quantity, .business_id = jhk_org_find_business (db, "B101"),
      .handler_staff_id = jhk_org_find_staff (db, "C9113"), .purpose = "捜査資料",
      .personal_data = personal,
      .creation_reason = personal && g_str_equal (direction, "output") ? "procedure" : NULL,
      .acquired_on = today,
      .acquisition_method = g_str_equal (direction, "input") ? "received" : "printed",
      .acquisition_text = "交通課", .measure = "store", .storage_place_id = place }, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
jhk_test_jst (int year,
              int month,
              int day,
              int hour,
              int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) t = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (t) * G_USEC_PER_SEC;
}

gint64
jhk_test_add_inquiry_import (JhkDb      *db,
                             const char *kind,
                             gint64      imported_at)
{
  return jhk_test_query_int (db, "INSERT INTO inquiry_imports (kind, file_name, encoding, n_read,"
                             " n_imported, n_present, n_flagged, imported_by, imported_at)"
                             " VALUES (?, 'test.csv', 'utf-8', 0, 0, 0, 0, 'admin', ?)"
                             " RETURNING id", JHK_T (kind), JHK_I (imported_at), JHK_DB_END);
}

gint64
jhk_test_add_inquiry_record (JhkDb      *db,
                             gint64      import_id,
                             const char *source_no,
                             gint64      at,
                             const char *period,
                             const char *office_code)
{
  return jhk_test_query_int (db, "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                             " office_id, staff_no, inquirer_name, kind, content, subject,"
                             " terminal, import_id, imported_at) VALUES (?, ?, ?, ?, ?, 'C9132',"
                             " '井上 翔太', '運転免許照会', '山田 花子', '山田 花子', 'T-01', ?, 0)"
                             " RETURNING id",
                             JHK_T (source_no), JHK_I (at), JHK_T (period), JHK_T (office_code),
                             JHK_IZ (jhk_org_find_unit (db, office_code)), JHK_I (import_id),
                             JHK_DB_END);
}

void
jhk_test_login_many (JhkDb *db,
                     ...)
{
  JhkSession **session;
  va_list args;

  va_start (args, db);
  while ((session = va_arg (args, JhkSession **)) != NULL)
    *session = jhk_test_login (db, va_arg (args, const char *));
  va_end (args);
}

void
jhk_test_clear_sessions (JhkSession **first,
                         ...)
{
  va_list args;

  va_start (args, first);
  for (JhkSession **session = first; session != NULL; session = va_arg (args, JhkSession **))
    g_clear_object (session);
  va_end (args);
}
