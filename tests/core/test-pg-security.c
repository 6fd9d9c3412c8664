/* test-pg-security.c: issue 3, security in the server, not only in the app.
 *
 * A user who connects to the PostgreSQL server directly with their own
 * credentials, bypassing Jhk, reads and changes no more than Jhk lets them.
 * Each test sets up a demo database through Jhk (as the owner, the way
 * `jhkctl init` and `jhkctl demo` do) and then connects with libpq as one
 * of the demo users' own server roles.
 */
#include <libpq-fe.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define DENIED "42501"  /* insufficient_privilege, and row-level security refusals */

typedef struct
{
  char  *dbname;
  JhkDb *owner;  /* the administrator's connection: owns the tables */
} Fixture;

static gboolean
need_server (void)
{
  if (jhk_test_pg_admin_uri () == NULL)
    {
      g_test_skip (JHK_TEST_PG_SKIP_MESSAGE);
      return FALSE;
    }
  return TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!need_server ())
    return;
  f->dbname = jhk_test_pg_new_database (NULL);
  uri = jhk_test_pg_uri (f->dbname, NULL, NULL);
  f->owner = jhk_db_open (uri, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jhk_demo_populate (f->owner, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->owner);
  g_clear_pointer (&f->dbname, g_free);
}

static void
quiet_notice_cb (void       *user_data,
                 const char *message)
{
}

/* A direct connection as a user's own server role, bypassing Jhk. */
static PGconn *
connect_as (Fixture    *f,
            const char *login)
{
  g_autofree char *uri = jhk_test_pg_uri (f->dbname, login, JHK_DEMO_PASSWORD);
  PGconn *pg = PQconnectdb (uri);

  if (PQstatus (pg) != CONNECTION_OK)
    g_error ("Cannot connect as %s: %s", login, PQerrorMessage (pg));
  PQsetNoticeProcessor (pg, quiet_notice_cb, NULL);
  return pg;
}

static gboolean
can_connect_as (Fixture    *f,
                const char *login)
{
  g_autofree char *uri = jhk_test_pg_uri (f->dbname, login, JHK_DEMO_PASSWORD);
  PGconn *pg = PQconnectdb (uri);
  gboolean ok = PQstatus (pg) == CONNECTION_OK;

  PQfinish (pg);
  return ok;
}

/* Runs a statement that must fail with the SQLSTATE given. */
static void
assert_refused (PGconn     *pg,
                const char *sql,
                const char *sqlstate)
{
  PGresult *res = PQexec (pg, sql);
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);

  if (PQresultStatus (res) != PGRES_FATAL_ERROR || g_strcmp0 (state, sqlstate) != 0)
    g_error ("As %s, “%s” should fail with %s; it gave %s %s", PQuser (pg), sql, sqlstate,
             PQresStatus (PQresultStatus (res)), state ? state : "");
  PQclear (res);
}

/* Runs a statement that must succeed; returns the number of rows it
 * returned or changed. */
static gint64
run_ok (PGconn     *pg,
        const char *sql)
{
  PGresult *res = PQexec (pg, sql);
  gint64 n;

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("As %s, “%s” failed: %s", PQuser (pg), sql, PQresultErrorMessage (res));
  n = PQresultStatus (res) == PGRES_TUPLES_OK ? PQntuples (res)
                                               : g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  PQclear (res);
  return n;
}

static gint64
query_int (PGconn     *pg,
           const char *sql)
{
  PGresult *res = PQexec (pg, sql);
  gint64 n;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    g_error ("As %s, “%s” failed: %s", PQuser (pg), sql, PQresultErrorMessage (res));
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return n;
}

static char *
query_list (PGconn     *pg,
            const char *sql)
{
  PGresult *res = PQexec (pg, sql);
  g_autoptr(GString) list = g_string_new (NULL);

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("As %s, “%s” failed: %s", PQuser (pg), sql, PQresultErrorMessage (res));
  for (int i = 0; i < PQntuples (res); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? " " : "", PQgetvalue (res, i, 0));
  PQclear (res);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gint64
owner_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  jhk_db_query_int64 (f->owner, &n, &error, sql, JHK_DB_END);
  g_assert_no_error (error);
  return n;
}

/* Every user ID is a server role of the same name, a member of jhk_staff,
 * with the Jhk password's SCRAM verifier; it logs in only while the ID may
 * (R12-1, R13-10). */
static void
test_ids_are_server_roles (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  PGconn *admin;

  if (f->owner == NULL)
    return;

  g_assert_true (jhk_db_has_server_roles (f->owner));
  g_assert_cmpint (owner_int (f, "SELECT COUNT(*) FROM users u JOIN pg_roles r"
                                 " ON r.rolname = u.login WHERE r.rolcanlogin"
                                 " AND pg_has_role (r.oid, 'jhk_staff', 'MEMBER')"),
                   ==, owner_int (f, "SELECT COUNT(*) FROM users"));
  g_assert_cmpint (owner_int (f, "SELECT COUNT(*) FROM users u JOIN pg_authid a"
                                 " ON a.rolname = u.login"
                                 " WHERE a.rolpassword LIKE 'SCRAM-SHA-256$4096:%'"),
                   ==, owner_int (f, "SELECT COUNT(*) FROM users"));
  g_assert_cmpint (owner_int (f, "SELECT COUNT(*) FROM pg_roles WHERE rolname = 'jhk_staff'"
                                 " AND NOT rolcanlogin AND NOT rolsuper AND NOT rolcreaterole"),
                   ==, 1);
  g_assert_true (can_connect_as (f, "chuo-shokuin"));

  /* R13-10: barred from logging in, the role cannot connect either. */
  supervisor = jhk_test_login (f->owner, "soukatsu");
  jhk_accounts_restrict (f->owner, supervisor, "chuo-shokuin", JHK_RESTRICTION_NO_LOGIN,
                         "test", &error);
  g_assert_no_error (error);
  g_assert_false (can_connect_as (f, "chuo-shokuin"));
  jhk_accounts_restrict (f->owner, supervisor, "chuo-shokuin", JHK_RESTRICTION_NONE, "", &error);
  g_assert_no_error (error);
  g_assert_true (can_connect_as (f, "chuo-shokuin"));
  jhk_accounts_set_status (f->owner, supervisor, "chuo-koufu", "retired", "test", &error);
  g_assert_no_error (error);
  g_assert_false (can_connect_as (f, "chuo-koufu"));

  /* The server's own roles are never taken over by a user ID. */
  admin = connect_as (f, "soukatsu");
  assert_refused (admin, "SELECT jhk_sync_server_role ('postgres', NULL)", "P0002");
  PQfinish (admin);
}

/* No role may change, delete or empty the audit log, not even the
 * 総括責任者 or the システム管理者. */
static void
test_audit_unchangeable (Fixture       *f,
                         gconstpointer  data)
{
  const char *logins[] = { "soukatsu", "admin", "chuo-unyo", "chuo-shokuin" };

  if (f->owner == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      PGconn *pg = connect_as (f, logins[i]);

      assert_refused (pg, "UPDATE audit_log SET actor = 'someone' WHERE seq = 1", DENIED);
      assert_refused (pg, "DELETE FROM audit_log", DENIED);
      assert_refused (pg, "TRUNCATE audit_log", DENIED);
      assert_refused (pg, "ALTER TABLE audit_log DISABLE TRIGGER ALL", DENIED);
      assert_refused (pg, "DROP TABLE audit_log", DENIED);
      assert_refused (pg, "DELETE FROM password_history", DENIED);
      PQfinish (pg);
    }
}

/* Audit entries: the 総括責任者 and the システム管理者 read them all; every
 * other user reads their own and appends only in their own name. */
static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *staff, *supervisor;
  gint64 total, own;

  if (f->owner == NULL)
    return;

  /* Give the user entries of their own: a login through Jhk. */
  session = jhk_test_login (f->owner, "chuo-shokuin");
  total = owner_int (f, "SELECT COUNT(*) FROM audit_log");
  own = owner_int (f, "SELECT COUNT(*) FROM audit_log WHERE actor = 'chuo-shokuin'");
  g_assert_cmpint (own, >, 0);
  g_assert_cmpint (own, <, total);

  staff = connect_as (f, "chuo-shokuin");
  g_assert_cmpint (query_int (staff, "SELECT COUNT(*) FROM audit_log"), ==, own);
  /* The head of the chain is readable, so that appends chain on. */
  g_assert_cmpint (query_int (staff, "SELECT seq FROM audit_chain_head"), ==, total);
  assert_refused (staff,
                  "INSERT INTO audit_log (seq, at, actor, role, org, workstation, action,"
                  " object_type, object_id, details, prev_hash, hash)"
                  " SELECT seq + 1, 0, 'soukatsu', '', '', '', 'forged', '', '', '{}', hash, 'x'"
                  " FROM audit_chain_head", DENIED);
  PQfinish (staff);

  supervisor = connect_as (f, "soukatsu");
  g_assert_cmpint (query_int (supervisor, "SELECT COUNT(*) FROM audit_log"), ==, total);
  PQfinish (supervisor);
}

/* Personnel rows stop at the user's 所属 and their roles' scopes; every
 * user sees the holders of organisation-wide roles. */
static void
test_personnel_rows (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *seen = NULL;
  PGconn *pg;

  if (f->owner == NULL)
    return;

  /* A 中央警察署 officer (刑事課, 913): their office is 910; A3101, the
   * 刑事総務課長, consented to the office's demo 作業依頼書 (R15-4) and is
   * named on them; A3001, the 刑事部長, acknowledged the report of the
   * office's demo serious incident (R19-5). */
  pg = connect_as (f, "chuo-shokuin");
  seen = query_list (pg, "SELECT staff_no FROM staff ORDER BY staff_no");
  g_assert_cmpstr (seen, ==, "A1001 A1101 A3001 A3101 C9101 C9102 C9111 C9112 C9113 C9121 C9131 C9132"
                             " C9133 C9134 C9141 C9145 C9146");
  g_clear_pointer (&seen, g_free);
  seen = query_list (pg, "SELECT login FROM users ORDER BY login");
  g_assert_cmpstr (seen, ==, "chuo-shokuin");
  g_assert_cmpint (run_ok (pg, "SELECT * FROM password_history"), ==, 1);
  g_assert_cmpint (query_int (pg, "SELECT COUNT(*) FROM role_assignments r JOIN staff s"
                                  " ON s.id = r.staff_id WHERE s.staff_no LIKE 'C92%'"), ==, 0);
  /* Code tables are for everybody. */
  g_assert_cmpint (query_int (pg, "SELECT COUNT(*) FROM org_units"), ==,
                   owner_int (f, "SELECT COUNT(*) FROM org_units"));
  PQfinish (pg);

  /* The 東警察署's 運用管理者 sees their office, not 中央's. */
  pg = connect_as (f, "higashi-unyo");
  seen = query_list (pg, "SELECT staff_no FROM staff ORDER BY staff_no");
  g_assert_cmpstr (seen, ==, "A1001 A1101 C9201 C9211 C9221 C9222");
  PQfinish (pg);

  /* The 総括責任者 sees everybody. */
  pg = connect_as (f, "soukatsu");
  g_assert_cmpint (query_int (pg, "SELECT COUNT(*) FROM staff"), ==,
                   owner_int (f, "SELECT COUNT(*) FROM staff"));
  g_assert_cmpint (query_int (pg, "SELECT COUNT(*) FROM users"), ==,
                   owner_int (f, "SELECT COUNT(*) FROM users"));
  PQfinish (pg);
}

/* Privileged operations only through the roles entitled to them (R5-1,
 * R6-1, R11-1, R12-1, R13-2, R13-10). */
static void
test_privileged_writes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JhkSession) supervisor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grant_in_office = NULL;
  g_autofree char *grant_elsewhere = NULL;
  gint64 before;
  PGconn *pg;

  if (f->owner == NULL)
    return;
  grant_in_office = g_strdup_printf (
    "INSERT INTO role_assignments (staff_id, role, org_unit_id, valid_from, granted_by,"
    " granted_at) SELECT s.id, 'info_assistant', s.org_unit_id, '2020-01-01', 'direct', 0"
    " FROM staff s WHERE s.staff_no = 'C9141'");
  /* By ids: the staff row itself is out of their sight. */
  grant_elsewhere = g_strdup_printf (
    "INSERT INTO role_assignments (staff_id, role, org_unit_id, valid_from, granted_by,"
    " granted_at) VALUES (%" G_GINT64_FORMAT ", 'staff', %" G_GINT64_FORMAT ", '2020-01-01',"
    " 'direct', 0)",
    owner_int (f, "SELECT id FROM staff WHERE staff_no = 'C9201'"),
    owner_int (f, "SELECT org_unit_id FROM staff WHERE staff_no = 'C9201'"));

  /* An access right holder. */
  pg = connect_as (f, "chuo-shokuin");
  assert_refused (pg, "INSERT INTO users (login, staff_id, password_hash, password_changed_at,"
                      " issued_at, issued_by, issue_reason) SELECT 'x-new', staff_id, 'h', 0, 0,"
                      " 'direct', 'direct' FROM users WHERE login = session_user", DENIED);
  assert_refused (pg, "UPDATE users SET login = 'someone' WHERE login = session_user", DENIED);
  assert_refused (pg, "UPDATE users SET issue_reason = 'x' WHERE login = session_user", DENIED);
  g_assert_cmpint (run_ok (pg, "UPDATE users SET failed_attempts = 0 WHERE login = 'soukatsu'"),
                   ==, 0);
  assert_refused (pg, "INSERT INTO role_assignments (staff_id, role, valid_from, granted_by,"
                      " granted_at) SELECT staff_id, 'supervisor', '2020-01-01', 'direct', 0"
                      " FROM users WHERE login = session_user", DENIED);
  assert_refused (pg, grant_in_office, DENIED);
  assert_refused (pg, "INSERT INTO org_units (code, name, kind, valid_from, created_at)"
                      " VALUES ('999', 'x', 'office', '2020-01-01', 0)", DENIED);
  g_assert_cmpint (run_ok (pg, "UPDATE settings SET value = '1'"), ==, 0);
  g_assert_cmpint (run_ok (pg, "UPDATE org_units SET name = 'x'"), ==, 0);
  assert_refused (pg, "SELECT jhk_sync_server_role ('soukatsu', NULL)", DENIED);
  assert_refused (pg, "CREATE ROLE intruder LOGIN", DENIED);
  assert_refused (pg, "CREATE TABLE intruder (id int)", DENIED);
  /* Their own password and login bookkeeping stay theirs. */
  g_assert_cmpint (run_ok (pg, "UPDATE users SET last_login_at = 1 WHERE login = session_user"),
                   ==, 1);
  PQfinish (pg);

  /* The 中央警察署's 運用管理者 designates holders in their office only. */
  pg = connect_as (f, "chuo-unyo");
  before = owner_int (f, "SELECT COUNT(*) FROM role_assignments");
  g_assert_cmpint (run_ok (pg, grant_in_office), ==, 1);
  assert_refused (pg, grant_elsewhere, DENIED);
  g_assert_cmpint (run_ok (pg, "UPDATE users SET restriction = 'read_only'"
                               " WHERE login = 'chuo-shokuin'"), ==, 0);
  PQfinish (pg);
  g_assert_cmpint (owner_int (f, "SELECT COUNT(*) FROM role_assignments"), ==, before + 1);

  /* Restricted to reading (R13-10), they write nothing more. */
  supervisor = jhk_test_login (f->owner, "soukatsu");
  jhk_accounts_restrict (f->owner, supervisor, "chuo-unyo", JHK_RESTRICTION_READ_ONLY, "test",
                         &error);
  g_assert_no_error (error);
  pg = connect_as (f, "chuo-unyo");
  assert_refused (pg, grant_in_office, DENIED);
  assert_refused (pg, "UPDATE users SET restriction = 'none' WHERE login = session_user", DENIED);
  PQfinish (pg);

  /* The 総括責任者 restricts users directly as in Jhk. */
  pg = connect_as (f, "soukatsu");
  g_assert_cmpint (run_ok (pg, "UPDATE users SET restriction = 'read_only', restriction_reason"
                               " = 'direct' WHERE login = 'chuo-shokuin'"), ==, 1);
  PQfinish (pg);
}

/* Jhk itself works under these limits: a user connected as their own
 * server role logs in, changes their password (the server role's changes
 * with it) and cannot log in as anybody else on that connection. */
static void
test_jhk_as_staff_role (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(JhkSession) other = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *verifier_after = NULL;
  JhkAuditReport report = { 0 };
  gint64 n_audit;

  if (f->owner == NULL)
    return;

  uri = jhk_test_pg_uri (f->dbname, "chuo-shokuin", JHK_DEMO_PASSWORD);
  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  session = jhk_test_login (db, "chuo-shokuin");

  jhk_db_query_text (f->owner, &verifier, &error,
                     "SELECT rolpassword FROM pg_authid WHERE rolname = 'chuo-shokuin'", JHK_DB_END);
  g_assert_no_error (error);
  jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD, "Another-pass-2026", &error);
  g_assert_no_error (error);
  jhk_db_query_text (f->owner, &verifier_after, &error,
                     "SELECT rolpassword FROM pg_authid WHERE rolname = 'chuo-shokuin'", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpstr (verifier, !=, verifier_after);
  g_assert_true (g_str_has_prefix (verifier_after, "SCRAM-SHA-256$"));

  /* Another user's login on this connection is refused before anything is
   * read or written. */
  n_audit = owner_int (f, "SELECT COUNT(*) FROM audit_log");
  other = jhk_accounts_authenticate (db, "soukatsu", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (other);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "chuo-shokuin"));
  g_clear_error (&error);
  g_assert_cmpint (owner_int (f, "SELECT COUNT(*) FROM audit_log"), ==, n_audit);

  /* What the server refuses comes back as JHK_DB_ERROR_DENIED, in words
   * a user can act on. */
  g_assert_false (jhk_db_run (db, &error, "DELETE FROM audit_log", JHK_DB_END));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED);
  g_clear_error (&error);

  /* Everything it wrote chains on. */
  jhk_audit_verify (f->owner, NULL, NULL, NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report.first_bad_seq, ==, 0);
  jhk_audit_report_clear (&report);
}

/* The roles' everyday work through Jhk passes the server's limits: the
 * 運用管理者 adds staff to their office and designates holders (R6-1,
 * R13-2); a business manager designates another structure with the
 * システム管理者's agreement (R6-2); lists show what the server lets them
 * see. */
static void
test_jhk_roles_at_work (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(JhkDb) db2 = NULL;
  g_autoptr(JhkSession) manager = NULL;
  g_autoptr(JhkSession) owner = NULL;
  g_autoptr(JhkQueryModel) staff = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *today = NULL;
  gint64 staff_id, grant_id, alt_id;

  if (f->owner == NULL)
    return;

  uri = jhk_test_pg_uri (f->dbname, "chuo-unyo", JHK_DEMO_PASSWORD);
  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  manager = jhk_test_login (db, "chuo-unyo");

  staff_id = jhk_org_add_staff (db, manager, "C9142", "新人 一郎", "シンジン イチロウ", "巡査",
                                "地域課", jhk_org_find_unit (db, "914"), "9142", &error);
  g_assert_no_error (error);
  g_assert_cmpint (staff_id, >, 0);
  grant_id = jhk_org_grant_role (db, manager, staff_id, JHK_ROLE_STAFF,
                                 jhk_org_find_unit (db, "910"), 0, "2026-01-01", NULL, "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (grant_id, >, 0);

  /* Their list: the office and the officers (the demo's 17 seen by a
   * 中央警察署 officer above), and the newcomer. */
  staff = jhk_lists_staff (db);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (staff)), ==, 18);
  g_clear_object (&staff);
  g_clear_object (&manager);
  g_clear_object (&db);

  /* R6-2 by the 対象業務管理者 of B101. */
  g_clear_pointer (&uri, g_free);
  uri = jhk_test_pg_uri (f->dbname, "gyomu", JHK_DEMO_PASSWORD);
  db2 = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  owner = jhk_test_login (db2, "gyomu");
  today = jhk_today ();
  alt_id = jhk_org_designate_alt_structure (db2, owner, jhk_org_find_business (db2, "B101"), 0,
                                            "鑑識係が一括して管理する", "照合端末が鑑識係にのみある",
                                            jhk_org_find_staff (db2, "A1101"), today, today,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (alt_id, >, 0);
}

/* RF1 情報管理者確認 afterwards (0010): a step's empty confirmation is
 * filled once, within the office; nothing else of a step can be changed,
 * and another office's steps are out of reach. */
static void
test_ledger_confirm (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(JhkSession) kanri = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *sql = NULL;
  PGconn *pg;
  gint64 event;

  if (f->owner == NULL)
    return;
  event = owner_int (f, "SELECT MIN(e.id) FROM material_events e"
                        " JOIN materials m ON m.id = e.material_id"
                        " JOIN org_units o ON o.id = m.org_unit_id"
                        " WHERE o.code = '910' AND e.confirmed_by IS NULL");
  g_assert_cmpint (event, >, 0);

  pg = connect_as (f, "chuo-kanri");
  sql = g_strdup_printf ("UPDATE material_events SET note = 'changed' WHERE id = %"
                         G_GINT64_FORMAT, event);
  assert_refused (pg, sql, DENIED);
  PQfinish (pg);

  pg = connect_as (f, "higashi-unyo");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE material_events SET confirmed_by = 1 WHERE id = %"
                         G_GINT64_FORMAT, event);
  g_assert_cmpint (run_ok (pg, sql), ==, 0);
  PQfinish (pg);

  uri = jhk_test_pg_uri (f->dbname, "chuo-kanri", JHK_DEMO_PASSWORD);
  db = jhk_db_open (uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  kanri = jhk_test_login (db, "chuo-kanri");
  g_assert_true (jhk_ledger_confirm_event (db, kanri, event, &error));
  g_assert_no_error (error);

  /* Once filled, not again, not even directly. */
  pg = connect_as (f, "chuo-kanri");
  g_assert_cmpint (run_ok (pg, sql), ==, 0);
  PQfinish (pg);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jhk_test_pg_keep_private_cluster ();

#define ADD(path, func) \
  g_test_add ("/pg-security/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("roles/ids-are-server-roles", test_ids_are_server_roles);
  ADD ("audit/unchangeable-by-any-role", test_audit_unchangeable);
  ADD ("audit/rows-by-role", test_audit_rows);
  ADD ("personnel/rows-by-office-and-scope", test_personnel_rows);
  ADD ("privileged/only-entitled-roles", test_privileged_writes);
  ADD ("jhk/works-as-staff-role", test_jhk_as_staff_role);
  ADD ("jhk/roles-at-work", test_jhk_roles_at_work);
  ADD ("ledger/confirm-once-in-office", test_ledger_confirm);
#undef ADD

  return jhk_test_run ();
}
