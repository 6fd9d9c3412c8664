/* jhk-test-util.h: shared set-up for the test suites. */
#pragma once

#include "jhk-accounts.h"
#include "jhk-attention.h"
#include "jhk-db.h"
#include "jhk-incidents.h"
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
/* The same without the tables named in skip (NULL-terminated). */
char       *jhk_test_dump_tables_except (JhkDb              *db,
                                         const char * const *skip);
/* The first column of the first row of sql, an integer; the parameters
 * (JHK_I(), JHK_T()…) end with JHK_DB_END. Asserts the query gives a row. */
gint64      jhk_test_query_int  (JhkDb      *db,
                                 const char *sql,
                                 ...);
/* The same for text: a new string, NULL for an SQL NULL. */
char       *jhk_test_query_text (JhkDb      *db,
                                 const char *sql,
                                 ...);
/* The dashboard item of key among items, NULL when there is none. */
const JhkAttentionItem *jhk_test_attention_item (GPtrArray  *items,
                                                 const char *key);
/* Every one of items is of workspace, keyed "WORKSPACE.…", with a count. */
void        jhk_test_assert_attention_items (GPtrArray  *items,
                                             const char *workspace);
/* The count of the item of key among items, 0 when there is none; logs
 * its title and subtitle. */
guint       jhk_test_attention_count (GPtrArray  *items,
                                      const char *key);
/* SELECT COUNT(*) FROM table: the rows the connection's role sees. */
gint64      jhk_test_count_rows (JhkDb      *db,
                                 const char *table);
/* The number of entries in the audit log. */
gint64      jhk_test_audit_count (JhkDb *db);
/* Exactly n entries were added to the audit log since it held `before`,
 * the last of them `action`. */
void        jhk_test_assert_last_actions (JhkDb      *db,
                                          gint64      before,
                                          gint64      n,
                                          const char *action);
void        jhk_test_assert_last_action  (JhkDb      *db,
                                          gint64      before,
                                          const char *action);
/* The id of the staff member with that staff number; asserts one exists. */
gint64      jhk_test_staff_id   (JhkDb      *db,
                                 const char *staff_no);
/* The incident as actor sees it (jhk_incidents_get); asserts it is
 * there. */
JhkIncident *jhk_test_incident  (JhkDb      *db,
                                 JhkSession *actor,
                                 gint64      incident_id);
/* The id of the step at position (from 1) of the incident, as actor
 * sees it; asserts there is one. */
gint64      jhk_test_incident_step (JhkDb      *db,
                                    JhkSession *actor,
                                    gint64      incident_id,
                                    int         position);
/* The first demo material of 中央警察署 (office 910) for which the SQL
 * condition `where` holds (m is materials, o its org_units row); asserts
 * there is one. */
gint64      jhk_test_demo_chuo_material (JhkDb      *db,
                                         const char *where);
/* Registers "試験用 照会回答書", `quantity` of it, for office as keeper,
 * acquired today (received if input, printed if output; made for a
 * procedure when personal-data output), handled by C9113 for B101 and
 * stored in the office's first locked storage place; returns its id. */
gint64      jhk_test_register_material (JhkDb      *db,
                                        JhkSession *keeper,
                                        gint64      office,
                                        const char *direction,
                                        gboolean    personal,
                                        int         quantity);
/* µs since the epoch of a minute of Japan time (Asia/Tokyo). */
gint64      jhk_test_jst                (int         year,
                                         int         month,
                                         int         day,
                                         int         hour,
                                         int         minute);
/* Adds an inquiry_imports row of kind ("inquiries" or "trails") with no
 * rows, as admin imported "test.csv" at imported_at; returns its id. */
gint64      jhk_test_add_inquiry_import (JhkDb      *db,
                                         const char *kind,
                                         gint64      imported_at);
/* Adds an inquiry record source_no of import_id at `at` in period for the
 * office of office_code: C9132 井上 翔太's 運転免許照会 of 山田 花子 from
 * T-01; returns its id. */
gint64      jhk_test_add_inquiry_record (JhkDb      *db,
                                         gint64      import_id,
                                         const char *source_no,
                                         gint64      at,
                                         const char *period,
                                         const char *office_code);
/* Logs in a demo account (password jhk-demo); asserts success. */
JhkSession *jhk_test_login      (JhkDb      *db,
                                 const char *login);
/* Logs in demo accounts (as jhk_test_login) into sessions: pairs of a
 * JhkSession ** and a login, ending with NULL. */
void        jhk_test_login_many (JhkDb *db,
                                 ...) G_GNUC_NULL_TERMINATED;
/* g_clear_object()s each JhkSession ** of the list, which ends with NULL. */
void        jhk_test_clear_sessions (JhkSession **first,
                                     ...) G_GNUC_NULL_TERMINATED;

/* A refusal leaves the database unchanged: `call` must fail (return FALSE,
 * 0 or NULL), setting the GError the name `refusal` points to (it passes
 * `refusal` as its GError **), `check` then tests that error (error_), and
 * every table of db, the audit log included, is as it was before. */
#define JHK_TEST_ASSERT_REFUSED_WITH(db, call, check)                         \
  G_STMT_START {                                                              \
    g_autofree char *before_ = jhk_test_dump_tables (db);                     \
    g_autofree char *after_ = NULL;                                           \
    g_autoptr(GError) error_ = NULL;                                          \
    GError **refusal = &error_;                                               \
    g_assert_false ((call) != 0);                                             \
    check;                                                                    \
    g_test_message ("refused: %s", error_->message);                          \
    after_ = jhk_test_dump_tables (db);                                       \
    g_assert_cmpstr (after_, ==, before_);                                    \
  } G_STMT_END
/* The same, refused with that JHK_POLICY_ERROR code (jhk-policy.h). */
#define JHK_TEST_ASSERT_REFUSED(db, code, call)                               \
  JHK_TEST_ASSERT_REFUSED_WITH (db, call,                                     \
                                g_assert_error (error_, JHK_POLICY_ERROR, (code)))

G_END_DECLS
