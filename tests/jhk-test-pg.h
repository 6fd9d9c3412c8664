/* jhk-test-pg.h: a PostgreSQL server for the tests. */
#pragma once

#include <glib.h>

#include "jhk-db.h"

G_BEGIN_DECLS

/* The server the tests use: JHK_TEST_PG_URI when set, else a private cluster
 * started for this process (stopped and removed when the process ends,
 * however it ends). Returns NULL when no server programs are installed;
 * then callers g_test_skip() with a clear message (JHK_TEST_PG_SKIP_MESSAGE),
 * except when JHK_TEST_REQUIRE_PG=1 (CI), where this fails instead. */
const char *jhk_test_pg_admin_uri      (void);
/* Runs SQL as the server's admin (superuser); g_error on failure. */
void        jhk_test_pg_admin_exec     (const char *sql);
/* A new database (UTF8, LC_COLLATE/LC_CTYPE 'C', TEMPLATE template_db or
 * template0); returns its name. Dropped at exit when on an outside server. */
char       *jhk_test_pg_new_database   (const char *template_db);
/* URI for database `dbname` on that server as `user` (NULL: the admin),
 * with `password` (NULL: none); the password goes in the URI, for tests
 * only. */
char       *jhk_test_pg_uri            (const char *dbname,
                                        const char *user,
                                        const char *password);
/* Whether the server is this process's private cluster, whose pg_hba.conf
 * lets every role connect by local trust, except roles whose name starts
 * with "jhk_pw", which need a password (scram-sha-256). FALSE on an outside
 * server (JHK_TEST_PG_URI), whose rules the tests do not know. */
gboolean    jhk_test_pg_is_private     (void);
/* Server roles belong to the whole cluster, and the suites change the demo
 * users' roles in their own databases: a test working through those roles
 * calls this first, to keep a private cluster of its own even when
 * JHK_TEST_PG_URI names a shared server (which it then uses only when no
 * server programs are installed here). */
void        jhk_test_pg_keep_private_cluster (void);
/* A new database (as jhk_test_pg_new_database (NULL)) holding the demo
 * data, made through the admin's connection, returned in *owner; returns
 * its name. With no server, g_test_skip()s with JHK_TEST_PG_SKIP_MESSAGE
 * and returns NULL: the test then returns at once. */
char       *jhk_test_pg_new_demo_database (JhkDb **owner);
/* The database `dbname` opened as the demo user `login` through their own
 * server role (demo password), or as the admin (NULL), creating the schema
 * then; asserts it opens. */
JhkDb      *jhk_test_pg_open_as        (const char *dbname,
                                        const char *login);

#define JHK_TEST_PG_SKIP_MESSAGE \
  "No PostgreSQL server programs (initdb, pg_ctl) are installed and JHK_TEST_PG_URI is " \
  "unset: install postgresql to run these tests (JHK_TEST_REQUIRE_PG=1 makes this an error)."

G_END_DECLS
