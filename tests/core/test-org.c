/* test-org.c: org units, staff, role assignments, the business register and
 * the workspaces each role may open (R5-1, R6-1, R8-1, R9-1, R11-1, R13-2).
 *
 * Every successful write must add exactly one audit entry with its action;
 * every refused one must leave the tables concerned and the chain as they
 * were.
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

/* Helpers */

static gint64
count_rows (JhkDb      *db,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, &error, sql, JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

static gint64
audit_count (JhkDb *db)
{
  return count_rows (db, "audit_log");
}

static void
assert_audited_once (JhkDb      *db,
                     gint64      before,
                     const char *action,
                     const char *actor,
                     gint64      object_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_action = NULL;
  g_autofree char *last_actor = NULL;
  g_autofree char *last_object = NULL;
  g_autofree char *want_object = g_strdup_printf ("%" G_GINT64_FORMAT, object_id);

  g_assert_cmpint (audit_count (db), ==, before + 1);
  g_assert_true (jhk_db_query_text (db, &last_action, &error,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &last_actor, &error,
                                    "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &last_object, &error,
                                    "SELECT object_id FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpstr (last_action, ==, action);
  g_assert_cmpstr (last_actor, ==, actor);
  g_assert_cmpstr (last_object, ==, want_object);
}

static void
assert_chain_verifies (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  JhkAuditReport report = { 0 };

  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.first_bad_seq, ==, 0);
  g_assert_cmpint (report.n_entries, ==, audit_count (db));
  jhk_audit_report_clear (&report);
}

static char *
snapshot (JhkDb      *db,
          const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", table);
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, &error, sql, JHK_DB_END);
  GString *out = g_string_new (NULL);
  JhkDbStep step;

  g_assert_no_error (error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      for (int c = 0; c < jhk_db_stmt_get_n_columns (stmt); c++)
        {
          const char *value = jhk_db_stmt_get_text (stmt, c);

          g_string_append (out, value != NULL ? value : "<NULL>");
          g_string_append_c (out, '|');
        }
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, JHK_DB_DONE);
  return g_string_free (out, FALSE);
}

/* The registers a refused write must leave alone, and the chain length. */
typedef struct
{
  char  *tables;
  gint64 audit;
} State;

static char *
snapshot_all (JhkDb *db)
{
  static const char *tables[] = { "org_units", "staff", "role_assignments", "businesses",
                                  "users", "alt_structures" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *text = snapshot (db, tables[i]);

      g_string_append_printf (out, "[%s]\n%s", tables[i], text);
    }
  return g_string_free (out, FALSE);
}

static void
state_take (State *state,
            JhkDb *db)
{
  g_free (state->tables);
  state->tables = snapshot_all (db);
  state->audit = audit_count (db);
}

static void
state_assert_unchanged (State *state,
                        JhkDb *db)
{
  g_autofree char *tables = snapshot_all (db);

  g_assert_cmpstr (tables, ==, state->tables);
  g_assert_cmpint (audit_count (db), ==, state->audit);
}

static void
state_clear (State *state)
{
  g_clear_pointer (&state->tables, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (State, state_clear)

/* Today's local noon: whole days from it stay on the same hour even across
 * a daylight-saving change, so base + N days is always N dates later. */
static gint64
local_noon_us (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 12, 0, 0);

  return g_date_time_to_unix (noon) * G_USEC_PER_SEC;
}

/* A date `days` from the instant `base_us`, the way jhk_today() writes it. */
static char *
date_in_days (gint64 base_us,
              int    days)
{
  g_autoptr(GDateTime) base = g_date_time_new_from_unix_local (base_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) then = g_date_time_add_days (base, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static JhkSession *
load_session (JhkDb      *db,
              const char *login)
{
  g_autoptr(GError) error = NULL;
  JhkSession *session = jhk_session_load (db, jhk_accounts_lookup (db, login), "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static gboolean
session_has_role (JhkDb      *db,
                  const char *login,
                  JhkRole     role)
{
  g_autoptr(JhkSession) session = load_session (db, login);

  return jhk_session_has_role (session, role);
}

#define assert_refused(call, domain, code) \
  G_STMT_START {                            \
    g_assert_false ((call) != 0);           \
    g_assert_error (error, domain, code);   \
    g_clear_error (&error);                 \
  } G_STMT_END

/* R5-1: the register of roles with their periods */

static gboolean
current_roles_include (JhkDb  *db,
                       gint64  staff_id,
                       gint64  assignment_id)
{
  g_autoptr(JhkQueryModel) roles = jhk_lists_roles (db);

  jhk_lists_roles_filter (roles, staff_id, TRUE);
  return jhk_query_model_find (roles, assignment_id) != G_MAXUINT;
}

static void
test_r5_1_role_period (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_to = NULL;
  g_autofree char *ended_by = NULL;
  gint64 base = local_noon_us ();
  g_autofree char *from = date_in_days (base, 10);
  g_autofree char *until = date_in_days (base, 12);
  gint64 staff = jhk_org_find_staff (db, "C9132");  /* chuo-shokuin */
  gint64 section = jhk_org_find_unit (db, "913");
  gint64 rows;
  gint64 before;
  gint64 id;

  jhk_set_clock_override (base);

  before = audit_count (db);
  id = jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section, 0, from,
                           NULL, "異動予定", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "role.grant", "soukatsu", id);
  rows = count_rows (db, "role_assignments");

  /* Not before valid_from... */
  g_assert_false (session_has_role (db, "chuo-shokuin", JHK_ROLE_INFO_ASSISTANT));
  jhk_set_clock_override (base + 9 * G_TIME_SPAN_DAY);
  g_assert_false (session_has_role (db, "chuo-shokuin", JHK_ROLE_INFO_ASSISTANT));
  /* ...from it on. */
  jhk_set_clock_override (base + 10 * G_TIME_SPAN_DAY);
  g_assert_true (session_has_role (db, "chuo-shokuin", JHK_ROLE_INFO_ASSISTANT));
  /* The other role stays. */
  g_assert_true (session_has_role (db, "chuo-shokuin", JHK_ROLE_STAFF));

  jhk_set_clock_override (base + 11 * G_TIME_SPAN_DAY);
  before = audit_count (db);
  g_assert_true (jhk_org_end_role (db, supervisor, id, until, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "role.end", "soukatsu", id);

  /* R5-1: the row stays as history, with its end. */
  g_assert_cmpint (count_rows (db, "role_assignments"), ==, rows);
  g_assert_true (jhk_db_query_text (db, &valid_to, &error,
                                    "SELECT valid_to FROM role_assignments WHERE id = ?",
                                    JHK_I (id), JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &ended_by, &error,
                                    "SELECT ended_by FROM role_assignments WHERE id = ?",
                                    JHK_I (id), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpstr (valid_to, ==, until);
  g_assert_cmpstr (ended_by, ==, "soukatsu");

  /* The end date is the last day of the role, in the register's
   * "current" list as well. */
  jhk_set_clock_override (base + 12 * G_TIME_SPAN_DAY);
  g_assert_true (session_has_role (db, "chuo-shokuin", JHK_ROLE_INFO_ASSISTANT));
  g_assert_true (current_roles_include (db, staff, id));
  jhk_set_clock_override (base + 13 * G_TIME_SPAN_DAY);
  g_assert_false (session_has_role (db, "chuo-shokuin", JHK_ROLE_INFO_ASSISTANT));
  g_assert_true (session_has_role (db, "chuo-shokuin", JHK_ROLE_STAFF));
  g_assert_false (current_roles_include (db, staff, id));

  /* An ended assignment cannot be ended again. */
  g_assert_false (jhk_org_end_role (db, supervisor, id, until, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  assert_chain_verifies (db);
  jhk_set_clock_override (0);
}

static void
test_r5_1_period_validation (void)
{
  static const char *bad_dates[] = {
    "", "tomorrow", "2024/01/01", "2024-1-01", "2024-01-1", "2024-13-01", "2024-02-30",
    "2023-02-29", "24-01-01", "2024-01-01T00", "2024-01-01 ",
  };
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9132");
  gint64 section = jhk_org_find_unit (db, "913");
  gint64 base = local_noon_us ();
  g_autofree char *from = date_in_days (base, 10);
  g_autofree char *earlier = date_in_days (base, 5);
  gint64 id;

  state_take (&state, db);
  /* The period ends before it starts. */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section, 0,
                                      from, earlier, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* No start. */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section, 0,
                                      NULL, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_test_message ("date “%s”", bad_dates[i]);
      assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section,
                                          0, bad_dates[i], NULL, "", &error),
                      JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
      assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section,
                                          0, from, bad_dates[i], "", &error),
                      JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
    }
  /* A staff member who does not exist; a role that does not exist. */
  assert_refused (jhk_org_grant_role (db, supervisor, 999999, JHK_ROLE_INFO_ASSISTANT, section, 0,
                                      from, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_N_ROLES, section, 0, from, NULL,
                                      "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  state_assert_unchanged (&state, db);

  id = jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_ASSISTANT, section, 0, from, NULL,
                           "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Ending: before the start, or with a bad date, is refused. */
  state_take (&state, db);
  assert_refused (jhk_org_end_role (db, supervisor, id, earlier, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_end_role (db, supervisor, id, "2024-02-30", &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_end_role (db, supervisor, id, NULL, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_end_role (db, supervisor, 999999, from, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_NOT_FOUND);
  state_assert_unchanged (&state, db);
  /* A one-day role is a period. */
  g_assert_true (jhk_org_end_role (db, supervisor, id, from, &error));
  g_assert_no_error (error);
}

/* Dates are compared as text in SQL (valid_from <= today), so only the
 * canonical 'YYYY-MM-DD' form may be stored. */
static void
test_r5_1_date_canonical (void)
{
  static const char *odd_dates[] = { "2024-+1-01", "2024- 1-01", "2024-01-+1", "+999-01-01" };

  for (guint i = 0; i < G_N_ELEMENTS (odd_dates); i++)
    {
      g_test_message ("date “%s”", odd_dates[i]);
      g_assert_false (jhk_date_is_valid (odd_dates[i]));
    }
  g_assert_true (jhk_date_is_valid ("2024-02-29"));
  g_assert_true (jhk_date_is_valid ("2025-12-31"));
}

static void
test_r5_1_scope_checks (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9141");
  gint64 department = jhk_org_find_unit (db, "100");
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 section = jhk_org_find_unit (db, "912");
  gint64 egov = jhk_org_find_business (db, "E201");
  gint64 target = jhk_org_find_business (db, "B101");
  gint64 before;
  gint64 id;

  state_take (&state, db);
  /* Organisation-wide roles take no scope. */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_SUPERVISOR, department, 0,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_SYSADMIN, 0, target, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* The 情報管理者 is per 部署 (section), not per office (R6-1). */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_MANAGER, office, 0,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_MANAGER, 0, 0, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_MANAGER, 999999, 0,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* The 運用管理者 is per office, not per section or department. */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_OPS_MANAGER, section, 0,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_DEPT_HEAD, office, 0, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* A 対象業務管理者 manages a 対象業務, not a 電子化業務, and vice versa. */
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_BIZ_OWNER, 0, egov, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_EGOV_OWNER, 0, target, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_BIZ_OWNER, office, target,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_BIZ_OWNER, 0, 999999, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  id = jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_INFO_MANAGER, section, 0, today, NULL,
                           "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "role.grant", "soukatsu", id);

  before = audit_count (db);
  id = jhk_org_grant_role (db, supervisor, staff, JHK_ROLE_EGOV_OWNER, 0, egov, today, NULL, "",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "role.grant", "soukatsu", id);
  assert_chain_verifies (db);
}

/* R6-1, R13-2: the 運用管理者 designates within their own office */

static void
test_r6_1_ops_manager_grants (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) shokuin = jhk_test_login (db, "chuo-shokuin");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9141");
  gint64 own_office = jhk_org_find_unit (db, "910");
  gint64 own_section = jhk_org_find_unit (db, "911");
  gint64 other_office = jhk_org_find_unit (db, "920");
  gint64 other_section = jhk_org_find_unit (db, "921");
  gint64 higashi_assignment = 0;
  gint64 before;
  gint64 id;

  state_take (&state, db);
  /* Another office's section. */
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_INFO_ASSISTANT, other_section, 0,
                                      today, NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_STAFF, other_office, 0, today, NULL,
                                      "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  /* Organisation-wide, business and office-head roles are not theirs. */
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_SYSADMIN, 0, 0, today, NULL, "",
                                      &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_SUPERVISOR, 0, 0, today, NULL, "",
                                      &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_OPS_MANAGER, own_office, 0, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_grant_role (db, ops, staff, JHK_ROLE_TRANSFER_OFFICER, 0,
                                      jhk_org_find_business (db, "B101"), today, NULL, "",
                                      &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  /* A plain アクセス権者 grants nothing, even in their own office. */
  assert_refused (jhk_org_grant_role (db, shokuin, staff, JHK_ROLE_STAFF, own_office, 0, today,
                                      NULL, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  id = jhk_org_grant_role (db, ops, staff, JHK_ROLE_INFO_ASSISTANT, own_section, 0, today, NULL,
                           "警務課の補助", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "role.grant", "chuo-unyo", id);

  before = audit_count (db);
  g_assert_true (jhk_org_end_role (db, ops, id, today, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "role.end", "chuo-unyo", id);

  /* Nor may they end another office's assignments. */
  g_assert_true (jhk_db_query_int64 (db, &higashi_assignment, &error,
                                     "SELECT id FROM role_assignments WHERE org_unit_id = ?"
                                     " AND role = 'ops_manager'",
                                     JHK_I (other_office), JHK_DB_END));
  g_assert_no_error (error);
  state_take (&state, db);
  assert_refused (jhk_org_end_role (db, ops, higashi_assignment, today, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_DENIED);
  state_assert_unchanged (&state, db);
  assert_chain_verifies (db);
}

/* R8-1, R9-1, R8-2: the business register */

static void
test_r8_1_business_register (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autofree char *approved_by = NULL;
  g_auto(State) state = { 0 };
  gint64 owner = jhk_org_find_unit (db, "310");
  gint64 approved_at = 0;
  gint64 category = 0;
  gint64 basis_null = 0;
  gint64 before;
  gint64 target;
  gint64 egov;
  gint64 lead;

  state_take (&state, db);
  /* R8-1: a 対象業務 is of category 1 to 4. */
  assert_refused (jhk_org_add_business (db, admin, "B105", "鑑識資料業務", "target", 0, 0, owner,
                                        "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_business (db, admin, "B105", "鑑識資料業務", "target", 5, 0, owner,
                                        "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* R9-1: a 電子化業務 has its basis, 1 or 2. */
  assert_refused (jhk_org_add_business (db, admin, "E203", "電子届出業務", "egov", 0, 0, owner, "",
                                        &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_business (db, admin, "E203", "電子届出業務", "egov", 0, 3, owner, "",
                                        &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_business (db, admin, "X1", "謎の業務", "other", 1, 1, owner, "",
                                        &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_business (db, admin, "B 105", "鑑識資料業務", "target", 1, 0, owner,
                                        "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_business (db, admin, "B105", "　", "target", 1, 0, owner, "",
                                        &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* Codes are unique. */
  assert_refused (jhk_org_add_business (db, admin, "B101", "二重登録", "target", 1, 0, owner, "",
                                        &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  /* Registered by the システム管理者 (or the 総括責任者) only. */
  assert_refused (jhk_org_add_business (db, ops, "B105", "鑑識資料業務", "target", 1, 0, owner,
                                        "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  target = jhk_org_add_business (db, admin, "B105", "鑑識資料業務", "target", 3, 2, owner,
                                 "鑑識資料の解析", &error);
  g_assert_no_error (error);
  g_assert_cmpint (target, >, 0);
  assert_audited_once (db, before, "business.add", "admin", target);
  /* A 対象業務 keeps its category and has no basis. */
  g_assert_true (jhk_db_query_int64 (db, &category, &error,
                                     "SELECT category FROM businesses WHERE id = ?",
                                     JHK_I (target), JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &basis_null, &error,
                                     "SELECT basis IS NULL FROM businesses WHERE id = ?",
                                     JHK_I (target), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (category, ==, 3);
  g_assert_cmpint (basis_null, ==, 1);

  /* R8-1: unusable until the 総括責任者 approves it. */
  g_assert_false (jhk_org_business_is_usable (db, target));
  state_take (&state, db);
  assert_refused (jhk_org_approve_business (db, admin, target, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_approve_business (db, ops, target, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_approve_business (db, supervisor, 999999, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_NOT_FOUND);
  state_assert_unchanged (&state, db);
  g_assert_false (jhk_org_business_is_usable (db, target));

  before = audit_count (db);
  g_assert_true (jhk_org_approve_business (db, supervisor, target, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "business.approve", "soukatsu", target);
  g_assert_true (jhk_org_business_is_usable (db, target));
  g_assert_true (jhk_db_query_int64 (db, &approved_at, &error,
                                     "SELECT approved_at FROM businesses WHERE id = ?",
                                     JHK_I (target), JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &approved_by, &error,
                                    "SELECT approved_by FROM businesses WHERE id = ?",
                                    JHK_I (target), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (approved_at, >, 0);
  g_assert_cmpstr (approved_by, ==, "soukatsu");

  /* Approving twice is a conflict, and changes nothing. */
  state_take (&state, db);
  assert_refused (jhk_org_approve_business (db, supervisor, target, &error), JHK_POLICY_ERROR,
                  JHK_POLICY_ERROR_CONFLICT);
  state_assert_unchanged (&state, db);

  /* R9-1: 電子化業務 are approved likewise. */
  egov = jhk_org_add_business (db, admin, "E203", "電子届出業務", "egov", 0, 2, owner, "", &error);
  g_assert_no_error (error);
  g_assert_false (jhk_org_business_is_usable (db, egov));
  g_assert_true (jhk_org_approve_business (db, supervisor, egov, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_org_business_is_usable (db, egov));

  /* R8-2: 主管業務 need no approval. */
  before = audit_count (db);
  lead = jhk_org_add_business (db, supervisor, "L302", "庁内掲示業務", "lead", 0, 0, owner, "",
                               &error);
  g_assert_no_error (error);
  assert_audited_once (db, before, "business.add", "soukatsu", lead);
  g_assert_true (jhk_org_business_is_usable (db, lead));

  /* The demo's register: approved, waiting and lead businesses. */
  g_assert_true (jhk_org_business_is_usable (db, jhk_org_find_business (db, "B101")));
  g_assert_true (jhk_org_business_is_usable (db, jhk_org_find_business (db, "E201")));
  g_assert_false (jhk_org_business_is_usable (db, jhk_org_find_business (db, "B104")));
  g_assert_false (jhk_org_business_is_usable (db, jhk_org_find_business (db, "E202")));
  g_assert_true (jhk_org_business_is_usable (db, jhk_org_find_business (db, "L301")));
  g_assert_false (jhk_org_business_is_usable (db, 999999));
  assert_chain_verifies (db);
}

/* R8-1: the owning office must exist; the answer is one a person can act
 * on, like jhk_org_add_staff()'s for an unknown org unit. */
/* R6-2: the manager of a business designates another structure, after
 * consulting the システム管理者; refused input changes nothing. */
static void
test_r6_2_alt_structure (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) manager = jhk_test_login (db, "gyomu");       /* B101 */
  g_autoptr(JhkSession) other = jhk_test_login (db, "denshi");        /* E201 */
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkQueryModel) current = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 base = local_noon_us ();
  g_autofree char *today = date_in_days (base, 0);
  g_autofree char *yesterday = date_in_days (base, -1);
  g_autofree char *tomorrow = date_in_days (base, 1);
  gint64 business = jhk_org_find_business (db, "B101");
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 sysadmin = jhk_org_find_staff (db, "A1101");
  gint64 not_sysadmin = jhk_org_find_staff (db, "A1102");
  const char *structure = "鑑識課長を情報管理者とし、指紋係長を補助者とする";
  gint64 before, id;

  jhk_set_clock_override (base);
  state_take (&state, db);

  /* Only the manager of that business; not the システム管理者 alone, not the
   * manager of another business. */
  assert_refused (jhk_org_designate_alt_structure (db, other, business, office, structure,
                                                   "夜間の照合体制", sysadmin, today, today,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_designate_alt_structure (db, admin, business, office, structure,
                                                   "夜間の照合体制", sysadmin, today, today,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  /* The person agreeing must be a システム管理者; the agreement is made
   * before, and the structure does not apply before it. */
  assert_refused (jhk_org_designate_alt_structure (db, manager, business, office, structure,
                                                   "夜間の照合体制", not_sysadmin, today, today,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_designate_alt_structure (db, manager, business, office, structure,
                                                   "夜間の照合体制", sysadmin, tomorrow,
                                                   tomorrow, &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_designate_alt_structure (db, manager, business, office, structure,
                                                   "夜間の照合体制", sysadmin, today, yesterday,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_designate_alt_structure (db, manager, business, office, "  ",
                                                   "夜間の照合体制", sysadmin, today, today,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_designate_alt_structure (db, manager, business, 999999, structure,
                                                   "夜間の照合体制", sysadmin, today, today,
                                                   &error), JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  id = jhk_org_designate_alt_structure (db, manager, business, office, structure,
                                        "夜間の照合体制", sysadmin, today, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "structure.designate", "gyomu", id);

  current = jhk_lists_alt_structures (db);
  jhk_lists_alt_structures_filter (current, business, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (current)), ==, 1);
  {
    g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (current), 0);

    g_assert_cmpstr (jhk_row_get_by_name (row, "structure"), ==, structure);
    g_assert_cmpstr (jhk_row_get_by_name (row, "agreed_by_name"), ==, "佐藤 浩二");
    g_assert_cmpstr (jhk_row_get_by_name (row, "agreed_on"), ==, today);
  }

  /* Ending it keeps the record, by the same manager only. */
  g_assert_false (jhk_org_end_alt_structure (db, other, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  before = audit_count (db);
  g_assert_true (jhk_org_end_alt_structure (db, manager, id, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "structure.end", "gyomu", id);
  g_assert_false (jhk_org_end_alt_structure (db, manager, id, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  jhk_lists_alt_structures_filter (current, business, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (current)), ==, 0);
  jhk_lists_alt_structures_filter (current, business, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (current)), ==, 1);

  assert_chain_verifies (db);
  jhk_set_clock_override (0);
}

/* R8-1, R9-1: the dashboard's count of businesses waiting for approval. */
static void
test_r8_1_unapproved_count (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  guint before = jhk_lists_count_unapproved_businesses (db);
  gint64 owner = jhk_org_find_unit (db, "910");
  gint64 target, lead;

  g_assert_cmpuint (before, ==, count_rows (db, "businesses WHERE kind IN ('target', 'egov')"
                                                " AND approved_at IS NULL"));
  target = jhk_org_add_business (db, admin, "B190", "遺失物業務", "target", 1, 0, owner, "",
                                 &error);
  g_assert_no_error (error);
  lead = jhk_org_add_business (db, admin, "L190", "遺失物主管業務", "lead", 0, 0, owner, "",
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (lead, >, 0);
  /* A 主管業務 needs no approval. */
  g_assert_cmpuint (jhk_lists_count_unapproved_businesses (db), ==, before + 1);
  g_assert_true (jhk_org_approve_business (db, supervisor, target, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jhk_lists_count_unapproved_businesses (db), ==, before);
}

static void
test_r8_1_business_unknown_owner (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };

  state_take (&state, db);
  g_assert_cmpint (jhk_org_add_business (db, admin, "B109", "所属不明業務", "target", 1, 0, 999999,
                                         "", &error), ==, 0);
  g_assert_nonnull (error);
  state_assert_unchanged (&state, db);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
}

/* Approving a business that does not exist, with no GError wanted. */
static void
test_r8_1_approve_unknown_without_error (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(JhkDb) db = jhk_test_demo_db ();
      g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");

      g_assert_false (jhk_org_approve_business (db, supervisor, 999999, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* R11-1: the code table of org units, and staff */

static void
test_r11_1_add_unit (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *today = jhk_today ();
  g_auto(State) state = { 0 };
  gint64 department = jhk_org_find_unit (db, "900");
  gint64 office = jhk_org_find_unit (db, "910");
  gint64 section = jhk_org_find_unit (db, "911");
  gint64 before;
  gint64 new_office;
  gint64 new_section;
  gint64 new_department;

  state_take (&state, db);
  /* R11-1: the code tables are the システム管理者's. */
  assert_refused (jhk_org_add_unit (db, supervisor, "940", "南警察署", "office", department,
                                    "南警察署長", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_add_unit (db, ops, "915", "交通課", "section", office, "交通課長",
                                    &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  /* R11-1: codes are never reused. */
  assert_refused (jhk_org_add_unit (db, admin, "910", "新中央警察署", "office", department, "",
                                    &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  /* The tree is department > office > section. */
  assert_refused (jhk_org_add_unit (db, admin, "940", "南警察署", "office", office, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "940", "南警察署", "office", 0, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "940", "南警察署", "office", 999999, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "915", "交通課", "section", department, "",
                                    &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "915", "交通課", "section", section, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "500", "警備部", "department", department, "",
                                    &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "500", "警備部", "bureau", 0, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* Code and name. */
  assert_refused (jhk_org_add_unit (db, admin, "", "警備部", "department", 0, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "5 0", "警備部", "department", 0, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "12345678901234567", "警備部", "department", 0, "",
                                    &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_unit (db, admin, "500", " ", "department", 0, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  new_department = jhk_org_add_unit (db, admin, "500", "警備部", "department", 0, "警備部長",
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_department, >, 0);
  assert_audited_once (db, before, "org.add", "admin", new_department);

  before = audit_count (db);
  new_office = jhk_org_add_unit (db, admin, "940", "南警察署", "office", department, "南警察署長",
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_office, >, 0);
  assert_audited_once (db, before, "org.add", "admin", new_office);
  g_assert_cmpint (jhk_org_find_unit (db, "940"), ==, new_office);
  g_assert_true (jhk_db_query_text (db, &valid_from, &error,
                                    "SELECT valid_from FROM org_units WHERE id = ?",
                                    JHK_I (new_office), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpstr (valid_from, ==, today);

  before = audit_count (db);
  new_section = jhk_org_add_unit (db, admin, "941", "警務課", "section", new_office, "警務課長",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_section, >, 0);
  assert_audited_once (db, before, "org.add", "admin", new_section);
  g_assert_true (jhk_policy_org_is_within (db, new_section, department));
  g_assert_false (jhk_policy_org_is_within (db, new_section, office));
  assert_chain_verifies (db);
}

static void
test_r11_1_add_staff (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) shokuin = jhk_test_login (db, "chuo-shokuin");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto(State) state = { 0 };
  gint64 own_section = jhk_org_find_unit (db, "911");
  gint64 other_section = jhk_org_find_unit (db, "921");
  gint64 before;
  gint64 id;

  state_take (&state, db);
  assert_refused (jhk_org_add_staff (db, admin, "A1199", "新人 一人", "", "巡査", "", 999999, "",
                                     &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  assert_refused (jhk_org_add_staff (db, admin, "A1001", "二重 登録", "", "巡査", "", own_section,
                                     "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  assert_refused (jhk_org_add_staff (db, admin, "A 1199", "新人 一人", "", "", "", own_section, "",
                                     &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  assert_refused (jhk_org_add_staff (db, admin, "A1199", "", "", "", "", own_section, "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  /* The 運用管理者 adds staff to their own office only; others not at all. */
  assert_refused (jhk_org_add_staff (db, ops, "C9299", "東 新人", "", "巡査", "", other_section, "",
                                     &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  assert_refused (jhk_org_add_staff (db, shokuin, "C9199", "中央 新人", "", "巡査", "", own_section,
                                     "", &error),
                  JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  id = jhk_org_add_staff (db, ops, "C9199", "中央 新人", "チュウオウ シンジン", "巡査", "警務係",
                          own_section, "9119", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "staff.add", "chuo-unyo", id);
  g_assert_cmpint (jhk_org_find_staff (db, "C9199"), ==, id);
  g_assert_true (jhk_db_query_text (db, &name, &error, "SELECT name FROM staff WHERE id = ?",
                                    JHK_I (id), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "中央 新人");

  before = audit_count (db);
  id = jhk_org_add_staff (db, admin, "C9299", "東 新人", "", "巡査", "", other_section, "",
                          &error);
  g_assert_no_error (error);
  assert_audited_once (db, before, "staff.add", "admin", id);
  assert_chain_verifies (db);
}

/* Which workspaces each role may open. */

typedef struct
{
  const char *login;
  gboolean    open[JHK_N_WORKSPACES];
} WorkspaceCase;

static void
test_r13_2_workspaces_per_role (void)
{
  /* DASHBOARD, STAFF, ORGANISATION, BUSINESSES, AUDIT, LEDGER, TRANSFERS, APPROVALS,
   * REQUESTS (R15-4), INQUIRIES (R14-6), TRAILS (R13-4), INCIDENTS and PLAYBOOKS (R19-1..5:
   * everyone) */
  static const WorkspaceCase cases[] = {
    { "admin", { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, TRUE } },
    { "soukatsu", { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, FALSE, TRUE, TRUE } },
    { "chuo-shokuin", { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE } },
    { "chuo-unyo", { TRUE, TRUE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, TRUE, FALSE, TRUE, TRUE } },
    { "gyomu", { TRUE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE } },
    { "denshi", { TRUE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE } },
    { "shukan", { TRUE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, TRUE } },
    { "keiji-bucho", { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE } },
    { "chuo-kanri", { TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, TRUE } },
    { "chuo-hojo", { TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE } },
    { "chuo-koufu", { TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE } },
  };
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JhkSession) session = load_session (db, cases[i].login);

      for (int w = 0; w < JHK_N_WORKSPACES; w++)
        {
          g_test_message ("%s, workspace %d", cases[i].login, w);
          g_assert_cmpint (jhk_policy_can_open_workspace (session, w), ==, cases[i].open[w]);
        }
      g_assert_false (jhk_policy_can_open_workspace (session, JHK_N_WORKSPACES));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/org/R5-1/role-period", test_r5_1_role_period);
  g_test_add_func ("/org/R5-1/period-validation", test_r5_1_period_validation);
  g_test_add_func ("/org/R5-1/date-canonical", test_r5_1_date_canonical);
  g_test_add_func ("/org/R5-1/scope-checks", test_r5_1_scope_checks);
  g_test_add_func ("/org/R6-1/ops-manager-grants", test_r6_1_ops_manager_grants);
  g_test_add_func ("/org/R6-2/alt-structure", test_r6_2_alt_structure);
  g_test_add_func ("/org/R8-1/business-register", test_r8_1_business_register);
  g_test_add_func ("/org/R8-1/unapproved-count", test_r8_1_unapproved_count);
  g_test_add_func ("/org/R8-1/business-unknown-owner", test_r8_1_business_unknown_owner);
  g_test_add_func ("/org/R8-1/approve-unknown-without-error",
                   test_r8_1_approve_unknown_without_error);
  g_test_add_func ("/org/R11-1/add-unit", test_r11_1_add_unit);
  g_test_add_func ("/org/R11-1/add-staff", test_r11_1_add_staff);
  g_test_add_func ("/org/R13-2/workspaces-per-role", test_r13_2_workspaces_per_role);

  return jhk_test_run ();
}
