/* jhk-test-util.h: shared set-up for the test suites. */
#pragma once

#include "jhk-accounts.h"
#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* The suites run on SQLite, or on PostgreSQL with
 * JHK_TEST_BACKEND=postgresql (meson test --setup postgresql), on the server
 * jhk-test-pg.h provides. */
gboolean    jhk_test_backend_is_pg (void);
/* g_test_run(), then removes the process's private temporary folder. On
 * PostgreSQL without a server, skips every test with a clear message (fails
 * with JHK_TEST_REQUIRE_PG=1). */
int         jhk_test_run        (void);
/* A new database: on SQLite a path for a file in the test's private
 * temporary folder, on PostgreSQL the URI of a new, empty database. */
char       *jhk_test_new_path   (const char *name);
/* A path for a new file in the test's private temporary folder, whatever
 * the backend (backups, reports, checkpoints). */
char       *jhk_test_new_file   (const char *name);
/* A fresh copy of the demo database (built once per process). */
JhkDb      *jhk_test_demo_db    (void);
/* The path or URI of the last database jhk_test_demo_db() returned. */
const char *jhk_test_last_path  (void);
/* Every table's rows in a stable order, as text: "database unchanged"
 * compares two of these on either backend. */
char       *jhk_test_dump_tables (JhkDb *db);
/* The first column of the first row of sql, an integer; the parameters
 * (JHK_I(), JHK_T()…) end with JHK_DB_END. Asserts the query gives a row. */
gint64      jhk_test_query_int  (JhkDb      *db,
                                 const char *sql,
                                 ...);
/* SELECT COUNT(*) FROM table: the rows the connection's role sees. */
gint64      jhk_test_count_rows (JhkDb      *db,
                                 const char *table);
/* Logs in a demo account (password jhk-demo); asserts success. */
JhkSession *jhk_test_login      (JhkDb      *db,
                                 const char *login);

G_END_DECLS
