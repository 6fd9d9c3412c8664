/* test-accounts.c: user IDs, authentication, lockout, password policy and
 * restrictions (R12-1, R13-5, R13-8, R13-9, R13-10).
 *
 * Every refused write is checked twice: for its error domain and code, and
 * for leaving the tables concerned and the audit chain exactly as they were.
 */
#include <stdlib.h>

#include <glib/gstdio.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-demo.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

#define WRONG_PASSWORD "not-the-password"

/* Helpers */

static gint64
count_rows (JhkDb      *db,
            const char *table,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s%s%s", table,
                                          where ? " WHERE " : "", where ? where : "");
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, &error, sql, JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

static gint64
audit_count (JhkDb *db)
{
  return count_rows (db, "audit_log", NULL);
}

/* Entries of one action by one actor. */
static gint64
audit_count_of (JhkDb      *db,
                const char *actor,
                const char *action)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, &error,
                                     "SELECT COUNT(*) FROM audit_log"
                                     " WHERE actor = ? AND action = ?",
                                     JHK_T (actor), JHK_T (action), JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

/* Asserts that exactly one entry was added since `before`, with this action
 * and actor. */
static void
assert_audited_once (JhkDb      *db,
                     gint64      before,
                     const char *action,
                     const char *actor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last_action = NULL;
  g_autofree char *last_actor = NULL;

  g_assert_cmpint (audit_count (db), ==, before + 1);
  g_assert_true (jhk_db_query_text (db, &last_action, &error,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &last_actor, &error,
                                    "SELECT actor FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpstr (last_action, ==, action);
  g_assert_cmpstr (last_actor, ==, actor);
}

/* The whole table as text, to prove that a refused write changed nothing. */
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

/* What a refused write must leave alone. */
typedef struct
{
  char  *users;
  char  *history;
  char  *settings;
  char  *staff;
  gint64 audit;
} State;

static void
state_take (State *state,
            JhkDb *db)
{
  state->users = snapshot (db, "users");
  state->history = snapshot (db, "password_history");
  state->settings = snapshot (db, "settings");
  state->staff = snapshot (db, "staff");
  state->audit = audit_count (db);
}

static void
state_assert_unchanged (State *state,
                        JhkDb *db)
{
  g_autofree char *users = snapshot (db, "users");
  g_autofree char *history = snapshot (db, "password_history");
  g_autofree char *settings = snapshot (db, "settings");
  g_autofree char *staff = snapshot (db, "staff");

  g_assert_cmpstr (users, ==, state->users);
  g_assert_cmpstr (history, ==, state->history);
  g_assert_cmpstr (settings, ==, state->settings);
  g_assert_cmpstr (staff, ==, state->staff);
  g_assert_cmpint (audit_count (db), ==, state->audit);
}

static void
state_clear (State *state)
{
  g_clear_pointer (&state->users, g_free);
  g_clear_pointer (&state->history, g_free);
  g_clear_pointer (&state->settings, g_free);
  g_clear_pointer (&state->staff, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (State, state_clear)

static char *
user_text (JhkDb      *db,
           const char *column,
           const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM users WHERE login = ?", column);
  char *value = NULL;

  g_assert_true (jhk_db_query_text (db, &value, &error, sql, JHK_T (login), JHK_DB_END));
  g_assert_no_error (error);
  return value;
}

static gint64
user_int (JhkDb      *db,
          const char *column,
          const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(%s, 0) FROM users WHERE login = ?",
                                          column);
  gint64 value = -1;

  g_assert_true (jhk_db_query_int64 (db, &value, &error, sql, JHK_T (login), JHK_DB_END));
  g_assert_no_error (error);
  return value;
}

static JhkSession *
login_as (JhkDb      *db,
          const char *login,
          const char *password)
{
  g_autoptr(GError) error = NULL;
  JhkSession *session = jhk_accounts_authenticate (db, login, password, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
set_setting (JhkDb      *db,
             JhkSetting  setting,
             gint64      value)
{
  g_autoptr(JhkSession) admin = jhk_session_load (db, jhk_accounts_lookup (db, "admin"), "test",
                                                  NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (admin);
  g_assert_true (jhk_settings_set_int (db, admin, setting, value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_settings_get_int (db, setting), ==, value);
}

/* Fails authentication with a wrong password and returns the error code. */
static int
fail_login (JhkDb      *db,
            const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = jhk_accounts_authenticate (db, login, WRONG_PASSWORD, "test",
                                                             &error);

  g_assert_null (session);
  g_assert_nonnull (error);
  g_assert_true (error->domain == JHK_AUTH_ERROR);
  return error->code;
}

/* R13-5 authentication */

static void
test_r13_5_login_success (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  gint64 before = audit_count (db);

  admin = jhk_accounts_authenticate (db, "admin", JHK_DEMO_PASSWORD, "ws-7", &error);
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  g_assert_cmpstr (jhk_session_get_login (admin), ==, "admin");
  g_assert_cmpstr (jhk_session_get_workstation (admin), ==, "ws-7");
  g_assert_cmpstr (jhk_session_get_staff_no (admin), ==, "A1101");
  g_assert_cmpstr (jhk_session_get_org_code (admin), ==, "110");
  g_assert_true (jhk_session_has_role (admin, JHK_ROLE_SYSADMIN));
  g_assert_false (jhk_session_has_role (admin, JHK_ROLE_SUPERVISOR));
  g_assert_cmpstr (jhk_session_get_role_keys (admin), ==, "sysadmin");
  g_assert_false (jhk_session_is_system (admin));
  g_assert_false (jhk_session_get_must_change_password (admin));
  assert_audited_once (db, before, "session.login", "admin");
  g_assert_cmpint (user_int (db, "last_login_at", "admin"), >, 0);
  g_assert_cmpint (user_int (db, "failed_attempts", "admin"), ==, 0);

  supervisor = jhk_test_login (db, "soukatsu");
  g_assert_true (jhk_session_has_role (supervisor, JHK_ROLE_SUPERVISOR));
  g_assert_false (jhk_session_has_role (supervisor, JHK_ROLE_SYSADMIN));
}

static void
test_r13_5_bad_credentials (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) wrong = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) empty = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autofree char *users = NULL;
  g_autofree char *users_after = NULL;
  gint64 before = audit_count (db);

  session = jhk_accounts_authenticate (db, "admin", WRONG_PASSWORD, "test", &wrong);
  g_assert_null (session);
  g_assert_error (wrong, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_cmpint (user_int (db, "failed_attempts", "admin"), ==, 1);
  assert_audited_once (db, before, "session.login_failed", "admin");

  /* An unknown user ID gets the very same answer, so that the error does not
   * tell which IDs exist; it is audited too, and changes no user. */
  users = snapshot (db, "users");
  before = audit_count (db);
  session = jhk_accounts_authenticate (db, "nobody", WRONG_PASSWORD, "test", &unknown);
  g_assert_null (session);
  g_assert_error (unknown, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_cmpstr (unknown->message, ==, wrong->message);
  assert_audited_once (db, before, "session.login_failed", "nobody");
  users_after = snapshot (db, "users");
  g_assert_cmpstr (users_after, ==, users);

  /* The right password of an unknown ID is no better. */
  before = audit_count (db);
  session = jhk_accounts_authenticate (db, "nobody", JHK_DEMO_PASSWORD, "test", &empty);
  g_assert_null (session);
  g_assert_error (empty, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_cmpstr (empty->message, ==, wrong->message);
  assert_audited_once (db, before, "session.login_failed", "nobody");

  /* A success clears the failure count. */
  before = audit_count (db);
  session = jhk_test_login (db, "admin");
  g_assert_cmpint (user_int (db, "failed_attempts", "admin"), ==, 0);
  assert_audited_once (db, before, "session.login", "admin");
  g_clear_object (&session);
}

static void
test_r13_5_lockout_after_failures (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autofree char *users = NULL;
  g_autofree char *users_after = NULL;
  gint64 threshold = jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD);
  gint64 minutes = jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_MINUTES);
  gint64 base = g_get_real_time ();
  gint64 failed_before = audit_count_of (db, "chuo-shokuin", "session.login_failed");
  gint64 lockouts_before = audit_count_of (db, "chuo-shokuin", "user.lockout");
  guint locked_before;

  g_assert_cmpint (threshold, ==, 5);
  g_assert_cmpint (minutes, ==, 30);
  jhk_set_clock_override (base);
  locked_before = jhk_lists_count_locked_out (db);

  for (gint64 i = 1; i < threshold; i++)
    {
      g_assert_cmpint (fail_login (db, "chuo-shokuin"), ==, JHK_AUTH_ERROR_BAD_CREDENTIALS);
      g_assert_cmpint (user_int (db, "failed_attempts", "chuo-shokuin"), ==, i);
      g_assert_false (jhk_accounts_is_locked_out (db, "chuo-shokuin"));
    }
  /* The threshold-th failure locks the ID out, and says so. */
  g_assert_cmpint (fail_login (db, "chuo-shokuin"), ==, JHK_AUTH_ERROR_LOCKED_OUT);
  g_assert_true (jhk_accounts_is_locked_out (db, "chuo-shokuin"));
  g_assert_cmpint (user_int (db, "locked_until", "chuo-shokuin"), ==,
                   base + minutes * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (audit_count_of (db, "chuo-shokuin", "session.login_failed"), ==,
                   failed_before + threshold);
  g_assert_cmpint (audit_count_of (db, "chuo-shokuin", "user.lockout"), ==, lockouts_before + 1);
  /* The システム管理者's dashboard counts it. */
  g_assert_cmpuint (jhk_lists_count_locked_out (db), ==, locked_before + 1);

  /* Even the right password is refused while the lockout lasts, and the
   * attempt changes no counter. */
  users = snapshot (db, "users");
  session = jhk_accounts_authenticate (db, "chuo-shokuin", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT);
  g_clear_error (&error);
  users_after = snapshot (db, "users");
  g_assert_cmpstr (users_after, ==, users);

  /* One minute before the end it still holds. */
  jhk_set_clock_override (base + (minutes - 1) * G_TIME_SPAN_MINUTE);
  session = jhk_accounts_authenticate (db, "chuo-shokuin", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT);
  g_clear_error (&error);

  /* After JHK_SETTING_LOCKOUT_MINUTES it is lifted by itself. */
  jhk_set_clock_override (base + (minutes + 1) * G_TIME_SPAN_MINUTE);
  g_assert_false (jhk_accounts_is_locked_out (db, "chuo-shokuin"));
  g_assert_cmpuint (jhk_lists_count_locked_out (db), ==, locked_before);
  session = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  g_assert_cmpint (user_int (db, "failed_attempts", "chuo-shokuin"), ==, 0);
  g_assert_cmpint (user_int (db, "locked_until", "chuo-shokuin"), ==, 0);

  jhk_set_clock_override (0);
}

static void
test_r13_5_lockout_threshold_setting (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  /* The threshold is the database's policy, not a constant. */
  set_setting (db, JHK_SETTING_LOCKOUT_THRESHOLD, 2);
  g_assert_cmpint (fail_login (db, "chuo-kanri"), ==, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_cmpint (fail_login (db, "chuo-kanri"), ==, JHK_AUTH_ERROR_LOCKED_OUT);
  g_assert_true (jhk_accounts_is_locked_out (db, "chuo-kanri"));
}

static void
test_r13_5_unlock_by_sysadmin (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) session = NULL;
  g_auto(State) state = { 0 };
  gint64 base = g_get_real_time ();
  gint64 before;

  /* With no delay, only the システム管理者 lifts a lockout. */
  set_setting (db, JHK_SETTING_LOCKOUT_MINUTES, 0);
  jhk_set_clock_override (base);
  for (int i = 1; i < 5; i++)
    g_assert_cmpint (fail_login (db, "chuo-shokuin"), ==, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_assert_cmpint (fail_login (db, "chuo-shokuin"), ==, JHK_AUTH_ERROR_LOCKED_OUT);
  jhk_set_clock_override (base + 7 * G_TIME_SPAN_DAY);
  g_assert_true (jhk_accounts_is_locked_out (db, "chuo-shokuin"));

  /* Not the 総括責任者, not a 運用管理者: nothing changes. */
  state_take (&state, db);
  g_assert_false (jhk_accounts_unlock (db, supervisor, "chuo-shokuin", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_unlock (db, ops, "chuo-shokuin", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
  g_assert_true (jhk_accounts_is_locked_out (db, "chuo-shokuin"));

  /* An unknown user ID is not found. */
  g_assert_false (jhk_accounts_unlock (db, admin, "nobody", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  g_assert_true (jhk_accounts_unlock (db, admin, "chuo-shokuin", &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.unlock", "admin");
  g_assert_false (jhk_accounts_is_locked_out (db, "chuo-shokuin"));
  g_assert_cmpint (user_int (db, "failed_attempts", "chuo-shokuin"), ==, 0);
  session = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);

  jhk_set_clock_override (0);
}

/* Header of jhk_accounts_authenticate(): "audited either way". A refused
 * login of a locked-out, suspended or barred ID is a failed login too. */
static void
test_r13_5_refused_login_audited (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) session = NULL;
  gint64 before;

  set_setting (db, JHK_SETTING_LOCKOUT_THRESHOLD, 1);
  g_assert_cmpint (fail_login (db, "chuo-shokuin"), ==, JHK_AUTH_ERROR_LOCKED_OUT);

  before = audit_count (db);
  session = jhk_accounts_authenticate (db, "chuo-shokuin", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT);
  assert_audited_once (db, before, "session.login_failed", "chuo-shokuin");
}

/* R13-8 password age, history and strength */

static void
test_r13_8_password_expiry (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) fresh = NULL;
  g_autoptr(JhkSession) old = NULL;
  g_autoptr(JhkSession) renewed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 max_age = jhk_settings_get_int (db, JHK_SETTING_PASSWORD_MAX_AGE_DAYS);
  gint64 changed_at = user_int (db, "password_changed_at", "chuo-shokuin");

  g_assert_cmpint (max_age, ==, 90);

  /* A day before the age, no change is asked. */
  jhk_set_clock_override (changed_at + (max_age - 1) * G_TIME_SPAN_DAY);
  fresh = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  g_assert_false (jhk_session_get_must_change_password (fresh));
  g_assert_cmpint (jhk_session_get_password_expires_at (fresh), ==,
                   changed_at + max_age * G_TIME_SPAN_DAY);

  /* Past it, the change is forced; the login still works so it can be made. */
  jhk_set_clock_override (changed_at + (max_age + 1) * G_TIME_SPAN_DAY);
  g_assert_true (jhk_session_get_must_change_password (fresh));
  old = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  g_assert_true (jhk_session_get_must_change_password (old));

  g_assert_true (jhk_accounts_change_password (db, old, JHK_DEMO_PASSWORD, "Renewed-pass-1",
                                               &error));
  g_assert_no_error (error);
  g_assert_false (jhk_session_get_must_change_password (old));
  /* The session that made the change knows when the new password expires,
   * as a new login does. */
  g_assert_cmpint (jhk_session_get_password_expires_at (old), ==,
                   changed_at + (max_age + 1 + max_age) * G_TIME_SPAN_DAY);
  renewed = login_as (db, "chuo-shokuin", "Renewed-pass-1");
  g_assert_false (jhk_session_get_must_change_password (renewed));
  g_assert_cmpint (jhk_session_get_password_expires_at (renewed), ==,
                   jhk_session_get_password_expires_at (old));

  /* A maximum age of 0 means passwords never expire. */
  set_setting (db, JHK_SETTING_PASSWORD_MAX_AGE_DAYS, 0);
  jhk_set_clock_override (changed_at + 3000 * G_TIME_SPAN_DAY);
  g_clear_object (&renewed);
  renewed = login_as (db, "chuo-shokuin", "Renewed-pass-1");
  g_assert_false (jhk_session_get_must_change_password (renewed));
  g_assert_cmpint (jhk_session_get_password_expires_at (renewed), ==, 0);

  jhk_set_clock_override (0);
}

static void
test_r13_8_change_password (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(JhkSession) again = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 before;

  /* A short history keeps the test fast and shows N is the setting's. */
  set_setting (db, JHK_SETTING_PASSWORD_HISTORY, 2);
  session = jhk_test_login (db, "chuo-shokuin");
  state_take (&state, db);

  g_assert_false (jhk_accounts_change_password (db, session, WRONG_PASSWORD, "Brand-new-pass-1",
                                                &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  /* Too short: fewer than JHK_SETTING_PASSWORD_MIN_LENGTH (8) characters. */
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_PASSWORD_MIN_LENGTH), ==, 8);
  g_assert_false (jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD, "short-7",
                                                &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  /* Characters, not bytes: seven kanji are 21 bytes but still too short. */
  g_assert_false (jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD,
                                                "情報管理課長殿", &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  /* Not the user ID itself. */
  g_assert_false (jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD, "CHUO-SHOKUIN",
                                                &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  /* Not the current one, which is the newest of the history. */
  g_assert_false (jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD,
                                                JHK_DEMO_PASSWORD, &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_REUSED_PASSWORD);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  g_assert_true (jhk_accounts_change_password (db, session, JHK_DEMO_PASSWORD, "Brand-new-pass-1",
                                               &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.password", "chuo-shokuin");
  g_assert_false (jhk_session_get_must_change_password (session));
  g_assert_cmpint (user_int (db, "must_change", "chuo-shokuin"), ==, 0);

  g_assert_true (jhk_accounts_change_password (db, session, "Brand-new-pass-1",
                                               "Brand-new-pass-2", &error));
  g_assert_no_error (error);

  /* One of the last two is refused... */
  state_clear (&state);
  state_take (&state, db);
  g_assert_false (jhk_accounts_change_password (db, session, "Brand-new-pass-2",
                                                "Brand-new-pass-1", &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_REUSED_PASSWORD);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  /* ...the third back is allowed again. */
  g_assert_true (jhk_accounts_change_password (db, session, "Brand-new-pass-2",
                                               JHK_DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  again = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  g_assert_false (jhk_session_get_must_change_password (again));
}

static void
test_r13_8_reset_password (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 before;

  state_take (&state, db);
  g_assert_false (jhk_accounts_reset_password (db, supervisor, "chuo-shokuin", "Temporary-1",
                                               &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_reset_password (db, admin, "chuo-shokuin", "short", &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_reset_password (db, admin, "nobody", "Temporary-1", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  g_assert_true (jhk_accounts_reset_password (db, admin, "chuo-shokuin", "Temporary-1", &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.password_reset", "admin");
  g_assert_cmpint (user_int (db, "must_change", "chuo-shokuin"), ==, 1);

  /* The old password no longer opens the account. */
  session = jhk_accounts_authenticate (db, "chuo-shokuin", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);

  session = login_as (db, "chuo-shokuin", "Temporary-1");
  g_assert_true (jhk_session_get_must_change_password (session));
  g_assert_true (jhk_accounts_change_password (db, session, "Temporary-1", "Chosen-by-me-1",
                                               &error));
  g_assert_no_error (error);
  g_assert_false (jhk_session_get_must_change_password (session));
  g_assert_cmpint (user_int (db, "must_change", "chuo-shokuin"), ==, 0);
}

/* R12-1 user IDs */

static void
test_r12_1_issue_by_supervisor (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issued_by = NULL;
  g_autofree char *reason = NULL;
  gint64 staff = jhk_org_find_staff (db, "A1102");
  gint64 users = count_rows (db, "users", NULL);
  gint64 before = audit_count (db);
  gint64 id;

  g_assert_cmpint (staff, >, 0);
  id = jhk_accounts_issue (db, supervisor, "nakamura", staff, "Temporary-1", "システム係に配属",
                           0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (jhk_accounts_lookup (db, "nakamura"), ==, id);
  g_assert_cmpint (count_rows (db, "users", NULL), ==, users + 1);
  assert_audited_once (db, before, "user.issue", "soukatsu");

  /* R12-1: who issued it, when and why are kept with the ID. */
  issued_by = user_text (db, "issued_by", "nakamura");
  reason = user_text (db, "issue_reason", "nakamura");
  g_assert_cmpstr (issued_by, ==, "soukatsu");
  g_assert_cmpstr (reason, ==, "システム係に配属");
  g_assert_cmpint (user_int (db, "issued_at", "nakamura"), >, 0);
  g_assert_cmpint (user_int (db, "approved_by", "nakamura"), ==, 0);
  g_assert_cmpint (user_int (db, "staff_id", "nakamura"), ==, staff);

  /* The first password is a temporary one. */
  session = login_as (db, "nakamura", "Temporary-1");
  g_assert_true (jhk_session_get_must_change_password (session));
  g_assert_cmpint (jhk_session_get_staff_id (session), ==, staff);
  g_assert_cmpint (jhk_session_get_n_grants (session), ==, 1);  /* staff of 110 */
}

static void
test_r12_1_issue_by_sysadmin_needs_approval (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9141");
  gint64 supervisor_staff = jhk_org_find_staff (db, "A1001");
  gint64 before;
  gint64 id;

  g_assert_cmpint (staff, >, 0);
  g_assert_cmpint (supervisor_staff, >, 0);
  state_take (&state, db);

  /* Without the 総括責任者's approval. */
  g_assert_cmpint (jhk_accounts_issue (db, admin, "kimura", staff, "Temporary-1", "配属", 0,
                                       &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  /* Naming someone who is not a 総括責任者 (the admin themself). */
  g_assert_cmpint (jhk_accounts_issue (db, admin, "kimura", staff, "Temporary-1", "配属",
                                       jhk_session_get_staff_id (admin), &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  /* A 運用管理者 never issues IDs, approval or not. */
  g_assert_cmpint (jhk_accounts_issue (db, ops, "kimura", staff, "Temporary-1", "配属",
                                       supervisor_staff, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  id = jhk_accounts_issue (db, admin, "kimura", staff, "Temporary-1", "地域課に配属",
                           supervisor_staff, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_audited_once (db, before, "user.issue", "admin");
  g_assert_cmpint (user_int (db, "approved_by", "kimura"), ==, supervisor_staff);
  g_assert_cmpint (user_int (db, "must_change", "kimura"), ==, 1);
}

static void
test_r12_1_ids_never_reused (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9141");
  gint64 before;

  state_take (&state, db);
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "admin", staff, "Temporary-1", "重複",
                                       0, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "Temporary-1", "配属",
                                       0, &error), >, 0);
  g_assert_no_error (error);

  /* Only the 総括責任者 retires an ID, with a reason. */
  state_clear (&state);
  state_take (&state, db);
  g_assert_false (jhk_accounts_set_status (db, admin, "kimura", "retired", "退職", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_set_status (db, supervisor, "kimura", "retired", "", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_set_status (db, supervisor, "kimura", "deleted", "退職", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  before = audit_count (db);
  g_assert_true (jhk_accounts_set_status (db, supervisor, "kimura", "retired", "退職", &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.status", "soukatsu");

  /* The retired ID is kept, cannot log in, and is never issued again. */
  g_assert_cmpint (jhk_accounts_lookup (db, "kimura"), >, 0);
  session = jhk_accounts_authenticate (db, "kimura", "Temporary-1", "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_INACTIVE);
  g_clear_error (&error);

  state_clear (&state);
  state_take (&state, db);
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "Temporary-2", "再採用",
                                       0, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
}

static void
test_r12_1_issue_invalid (void)
{
  static const char *bad_logins[] = {
    "bad login!", "a", "", "x123456789012345678901234567890yz", "高橋", "a/b", "a;b",
  };
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 staff = jhk_org_find_staff (db, "C9141");

  state_take (&state, db);
  for (guint i = 0; i < G_N_ELEMENTS (bad_logins); i++)
    {
      g_test_message ("login “%s”", bad_logins[i]);
      g_assert_cmpint (jhk_accounts_issue (db, supervisor, bad_logins[i], staff, "Temporary-1",
                                           "配属", 0, &error), ==, 0);
      g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* R12-1: a reason is required; blank (ASCII or ideographic space) is none. */
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "Temporary-1", "", 0,
                                       &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "Temporary-1", " \t　",
                                       0, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "Temporary-1", NULL, 0,
                                       &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  /* A weak first password. */
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", staff, "short", "配属", 0,
                                       &error), ==, 0);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);
  /* A staff member who does not exist. */
  g_assert_cmpint (jhk_accounts_issue (db, supervisor, "kimura", 999999, "Temporary-1", "配属",
                                       0, &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
}

/* R13-10 restrictions */

static void
test_r13_10_restrict_supervisor_only (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };

  state_take (&state, db);
  g_assert_false (jhk_accounts_restrict (db, admin, "chuo-shokuin", JHK_RESTRICTION_READ_ONLY,
                                         "調査中", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_restrict (db, ops, "chuo-shokuin", JHK_RESTRICTION_NO_LOGIN,
                                         "調査中", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  /* R13-10: always with a reason. */
  g_assert_false (jhk_accounts_restrict (db, supervisor, "chuo-shokuin",
                                         JHK_RESTRICTION_READ_ONLY, "", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_restrict (db, supervisor, "chuo-shokuin",
                                         JHK_RESTRICTION_NO_LOGIN, NULL, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  /* Not oneself, and not an ID that does not exist. */
  g_assert_false (jhk_accounts_restrict (db, supervisor, "soukatsu", JHK_RESTRICTION_READ_ONLY,
                                         "誤操作", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_restrict (db, supervisor, "nobody", JHK_RESTRICTION_READ_ONLY,
                                         "調査中", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
}

static void
test_r13_10_read_only_existing_session (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  /* Logged in before the restriction is made. */
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restriction = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *restricted_by = NULL;
  g_auto(State) state = { 0 };
  gint64 office = jhk_org_find_unit (db, "110");
  gint64 before;

  /* Before: the admin writes. */
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 6, &error));
  g_assert_no_error (error);

  before = audit_count (db);
  g_assert_true (jhk_accounts_restrict (db, supervisor, "admin", JHK_RESTRICTION_READ_ONLY,
                                        "監査のため", &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.restrict", "soukatsu");
  restriction = user_text (db, "restriction", "admin");
  reason = user_text (db, "restriction_reason", "admin");
  restricted_by = user_text (db, "restricted_by", "admin");
  g_assert_cmpstr (restriction, ==, "read_only");
  g_assert_cmpstr (reason, ==, "監査のため");
  g_assert_cmpstr (restricted_by, ==, "soukatsu");

  /* The session opened before the restriction is refused on every write:
   * the check reads the database, not the session. */
  state_take (&state, db);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 7, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  g_clear_error (&error);
  g_assert_cmpint (jhk_org_add_staff (db, admin, "A1199", "新人 一人", "", "巡査", "", office,
                                      "", &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  g_clear_error (&error);
  g_assert_false (jhk_accounts_unlock (db, admin, "chuo-shokuin", &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==, 6);

  /* Read-only still logs in, and that session is read-only too. */
  later = jhk_test_login (db, "admin");
  state_clear (&state);
  state_take (&state, db);
  g_assert_false (jhk_settings_set_int (db, later, JHK_SETTING_LOCKOUT_THRESHOLD, 7, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  /* Lifting restores the old session's writes. */
  before = audit_count (db);
  g_assert_true (jhk_accounts_restrict (db, supervisor, "admin", JHK_RESTRICTION_NONE, NULL,
                                        &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "user.restrict", "soukatsu");
  before = audit_count (db);
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 7, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "settings.set", "admin");
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==, 7);
}

static void
test_r13_10_no_login (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 section = jhk_org_find_unit (db, "911");

  g_assert_true (jhk_accounts_restrict (db, supervisor, "chuo-unyo", JHK_RESTRICTION_NO_LOGIN,
                                        "不正アクセスの疑い", &error));
  g_assert_no_error (error);

  session = jhk_accounts_authenticate (db, "chuo-unyo", JHK_DEMO_PASSWORD, "test", &error);
  g_assert_null (session);
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_NO_LOGIN);
  g_assert_nonnull (strstr (error->message, "不正アクセスの疑い"));
  g_clear_error (&error);

  /* A wrong password is still just a wrong password. */
  g_assert_cmpint (fail_login (db, "chuo-unyo"), ==, JHK_AUTH_ERROR_BAD_CREDENTIALS);

  /* The session opened before is barred from writing as well. */
  state_take (&state, db);
  g_assert_cmpint (jhk_org_add_staff (db, ops, "C9199", "新人 二人", "", "巡査", "", section, "",
                                      &error), ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);

  g_assert_true (jhk_accounts_restrict (db, supervisor, "chuo-unyo", JHK_RESTRICTION_NONE, "",
                                        &error));
  g_assert_no_error (error);
  session = login_as (db, "chuo-unyo", JHK_DEMO_PASSWORD);
  g_assert_cmpint (jhk_org_add_staff (db, session, "C9199", "新人 二人", "", "巡査", "", section,
                                      "", &error), >, 0);
  g_assert_no_error (error);
}

/* R13-9 idle lock */

static void
test_r13_9_lock_and_unlock (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) session = jhk_test_login (db, "chuo-kanri");
  g_autoptr(GError) error = NULL;
  gint64 before = audit_count (db);
  gint64 unlock_failed;

  g_assert_true (jhk_accounts_record_lock (db, session, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "session.lock", "chuo-kanri");

  g_assert_false (jhk_accounts_unlock_session (db, session, WRONG_PASSWORD, &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);
  unlock_failed = audit_count_of (db, "chuo-kanri", "session.unlock_failed");
  g_assert_cmpint (unlock_failed, ==, 1);
  /* A wrong password at the lock screen counts towards the lockout. */
  g_assert_cmpint (user_int (db, "failed_attempts", "chuo-kanri"), ==, 1);

  g_assert_false (jhk_accounts_unlock_session (db, session, NULL, &error));
  g_assert_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS);
  g_clear_error (&error);
  g_assert_cmpint (audit_count_of (db, "chuo-kanri", "session.unlock_failed"), ==, 2);

  before = audit_count (db);
  g_assert_true (jhk_accounts_unlock_session (db, session, JHK_DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "session.unlock", "chuo-kanri");

  before = audit_count (db);
  g_assert_true (jhk_accounts_record_logout (db, session, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "session.logout", "chuo-kanri");
}

/* R13-5: rehash on login when the Argon2id parameters are raised */

static void
test_r13_5_rehash_on_login (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(JhkSession) again = NULL;
  g_autofree char *before_hash = user_text (db, "password_hash", "chuo-shokuin");
  g_autofree char *after_hash = NULL;
  g_autofree char *third_hash = NULL;

  g_assert_true (g_str_has_prefix (before_hash, "$argon2id$"));
  g_assert_nonnull (strstr (before_hash, "t=2"));

  set_setting (db, JHK_SETTING_PWHASH_OPSLIMIT, 3);
  session = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  after_hash = user_text (db, "password_hash", "chuo-shokuin");
  g_assert_cmpstr (after_hash, !=, before_hash);
  g_assert_true (g_str_has_prefix (after_hash, "$argon2id$"));
  g_assert_nonnull (strstr (after_hash, "t=3"));
  g_assert_nonnull (strstr (after_hash, "m=19456"));

  /* The new hash verifies, and is not redone at the next login. */
  again = login_as (db, "chuo-shokuin", JHK_DEMO_PASSWORD);
  third_hash = user_text (db, "password_hash", "chuo-shokuin");
  g_assert_cmpstr (third_hash, ==, after_hash);
}

/* R13-5, R13-8: the policy values themselves */

static void
test_r13_8_settings_range_and_role (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) supervisor = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) ops = jhk_test_login (db, "chuo-unyo");
  g_autoptr(GError) error = NULL;
  g_auto(State) state = { 0 };
  gint64 before;

  state_take (&state, db);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 0, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 101, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_PASSWORD_MIN_LENGTH, 7, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  /* Never below OWASP's Argon2id minimum. */
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_PWHASH_OPSLIMIT, 1, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_PWHASH_MEMLIMIT_KIB, 1024,
                                        &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jhk_settings_set_int (db, admin, JHK_SETTING_PASSWORD_MAX_AGE_DAYS, -1,
                                        &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_clear_error (&error);
  /* Only the システム管理者. */
  g_assert_false (jhk_settings_set_int (db, supervisor, JHK_SETTING_LOCKOUT_THRESHOLD, 3,
                                        &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (jhk_settings_set_int (db, ops, JHK_SETTING_LOCKOUT_THRESHOLD, 3, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  state_assert_unchanged (&state, db);
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==,
                   jhk_setting_get_default (JHK_SETTING_LOCKOUT_THRESHOLD));

  /* The bounds themselves are allowed, and each change is audited. */
  before = audit_count (db);
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 100, &error));
  g_assert_no_error (error);
  assert_audited_once (db, before, "settings.set", "admin");
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==, 100);
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_THRESHOLD, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD), ==, 1);
  g_assert_cmpint (count_rows (db, "settings", "key = 'lockout.threshold'"), ==, 1);
}

static void
test_audit_chain_verifies (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(GError) error = NULL;
  JhkAuditReport report = { 0 };

  /* Failed logins are appended outside any session; the chain stays whole. */
  fail_login (db, "admin");
  fail_login (db, "nobody");
  g_assert_true (jhk_accounts_record_lock (db, admin, &error));
  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, ==, audit_count (db));
  jhk_audit_report_clear (&report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/accounts/R13-5/login-success", test_r13_5_login_success);
  g_test_add_func ("/accounts/R13-5/bad-credentials", test_r13_5_bad_credentials);
  g_test_add_func ("/accounts/R13-5/lockout-after-failures", test_r13_5_lockout_after_failures);
  g_test_add_func ("/accounts/R13-5/lockout-threshold-setting",
                   test_r13_5_lockout_threshold_setting);
  g_test_add_func ("/accounts/R13-5/unlock-by-sysadmin", test_r13_5_unlock_by_sysadmin);
  g_test_add_func ("/accounts/R13-5/refused-login-audited", test_r13_5_refused_login_audited);
  g_test_add_func ("/accounts/R13-5/rehash-on-login", test_r13_5_rehash_on_login);
  g_test_add_func ("/accounts/R13-8/password-expiry", test_r13_8_password_expiry);
  g_test_add_func ("/accounts/R13-8/change-password", test_r13_8_change_password);
  g_test_add_func ("/accounts/R13-8/reset-password", test_r13_8_reset_password);
  g_test_add_func ("/accounts/R13-8/settings-range-and-role", test_r13_8_settings_range_and_role);
  g_test_add_func ("/accounts/R12-1/issue-by-supervisor", test_r12_1_issue_by_supervisor);
  g_test_add_func ("/accounts/R12-1/issue-by-sysadmin-needs-approval",
                   test_r12_1_issue_by_sysadmin_needs_approval);
  g_test_add_func ("/accounts/R12-1/ids-never-reused", test_r12_1_ids_never_reused);
  g_test_add_func ("/accounts/R12-1/issue-invalid", test_r12_1_issue_invalid);
  g_test_add_func ("/accounts/R13-10/restrict-supervisor-only",
                   test_r13_10_restrict_supervisor_only);
  g_test_add_func ("/accounts/R13-10/read-only-existing-session",
                   test_r13_10_read_only_existing_session);
  g_test_add_func ("/accounts/R13-10/no-login", test_r13_10_no_login);
  g_test_add_func ("/accounts/R13-9/lock-and-unlock", test_r13_9_lock_and_unlock);
  g_test_add_func ("/accounts/R13-5/audit-chain-verifies", test_audit_chain_verifies);

  return jhk_test_run ();
}
