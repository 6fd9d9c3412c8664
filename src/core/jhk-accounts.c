/* jhk-accounts.c: user IDs and authentication. */
#include <sodium.h>

#include <glib/gi18n-lib.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-settings.h"
#include "jhk-util.h"

G_DEFINE_QUARK (jhk-auth-error-quark, jhk_auth_error)

/* A lockout with no delay lasts until the システム管理者 lifts it. */
#define LOCKED_FOR_EVER G_MAXINT64

static void
ensure_sodium (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialised, 1);
    }
}

static const char *restriction_keys[] = { "none", "no_login", "read_only" };

const char *
jhk_restriction_to_key (JhkRestriction restriction)
{
  g_return_val_if_fail (restriction <= JHK_RESTRICTION_READ_ONLY, NULL);
  return restriction_keys[restriction];
}

JhkRestriction
jhk_restriction_from_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (restriction_keys); i++)
    if (g_strcmp0 (key, restriction_keys[i]) == 0)
      return i;
  return (JhkRestriction) -1;
}

const char *
jhk_restriction_get_label (JhkRestriction restriction)
{
  switch (restriction)
    {
    case JHK_RESTRICTION_NONE:
      return _("No restriction");
    case JHK_RESTRICTION_NO_LOGIN:
      return _("No login");
    case JHK_RESTRICTION_READ_ONLY:
      return _("Read only");
    default:
      return "";
    }
}

static void
get_hash_params (JhkDb              *db,
                 unsigned long long *opslimit,
                 size_t             *memlimit)
{
  *opslimit = jhk_settings_get_int (db, JHK_SETTING_PWHASH_OPSLIMIT);
  *memlimit = (size_t) jhk_settings_get_int (db, JHK_SETTING_PWHASH_MEMLIMIT_KIB) * 1024;
}

char *
jhk_accounts_hash_password (JhkDb       *db,
                            const char  *password,
                            GError     **error)
{
  char out[crypto_pwhash_STRBYTES];
  unsigned long long opslimit;
  size_t memlimit;

  ensure_sodium ();
  get_hash_params (db, &opslimit, &memlimit);
  if (crypto_pwhash_str_alg (out, password, strlen (password), opslimit, memlimit,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD,
                           _("Not enough memory to hash the password."));
      return NULL;
    }
  return g_strdup (out);
}

static gboolean
verify_hash (const char *hash,
             const char *password)
{
  ensure_sodium ();
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/* R13-8: length, not the login, not one of the last N. */
static gboolean
check_new_password (JhkDb       *db,
                    gint64       user_id,
                    const char  *login,
                    const char  *password,
                    GError     **error)
{
  gint64 min_length = jhk_settings_get_int (db, JHK_SETTING_PASSWORD_MIN_LENGTH);
  gint64 history = jhk_settings_get_int (db, JHK_SETTING_PASSWORD_HISTORY);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  if (password == NULL || !g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < min_length)
    {
      g_set_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD,
                   _("The password must have at least %d characters."), (int) min_length);
      return FALSE;
    }
  if (login != NULL && g_ascii_strcasecmp (password, login) == 0)
    {
      g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_WEAK_PASSWORD,
                           _("The password must not be the user ID."));
      return FALSE;
    }
  if (user_id == 0 || history == 0)
    return TRUE;

  stmt = jhk_db_query (db, error,
                       "SELECT password_hash FROM password_history WHERE user_id = ?"
                       " ORDER BY changed_at DESC, id DESC LIMIT ?",
                       JHK_I (user_id), JHK_I (history), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      if (verify_hash (jhk_db_stmt_get_text (stmt, 0), password))
        {
          g_set_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_REUSED_PASSWORD,
                       _("This password was used recently; choose one not among your last %d."),
                       (int) history);
          return FALSE;
        }
    }
  return step == JHK_DB_DONE;
}

static gboolean
store_password (JhkDb       *db,
                gint64       user_id,
                const char  *hash,
                gboolean     must_change,
                GError     **error)
{
  gint64 now = jhk_now_us ();

  return jhk_db_run (db, error,
                     "UPDATE users SET password_hash = ?, password_changed_at = ?,"
                     " must_change = ? WHERE id = ?",
                     JHK_T (hash), JHK_I (now), JHK_I (must_change ? 1 : 0), JHK_I (user_id),
                     JHK_DB_END) &&
         jhk_db_run (db, error,
                     "INSERT INTO password_history (user_id, password_hash, changed_at)"
                     " VALUES (?, ?, ?)",
                     JHK_I (user_id), JHK_T (hash), JHK_I (now), JHK_DB_END);
}

static gint64
insert_user (JhkDb       *db,
             const char  *login,
             gint64       staff_id,
             const char  *hash,
             gboolean     must_change,
             const char  *issued_by,
             const char  *reason,
             gint64       approved_by,
             GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  gint64 now = jhk_now_us ();
  gint64 id;

  stmt = jhk_db_query (db, error,
                       "INSERT INTO users (login, staff_id, password_hash, password_changed_at,"
                       " must_change, issued_at, issued_by, issue_reason, approved_by)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                       JHK_T (login), JHK_I (staff_id), JHK_T (hash), JHK_I (now),
                       JHK_I (must_change ? 1 : 0), JHK_I (now), JHK_T (issued_by),
                       JHK_T (reason), JHK_IZ (MAX (approved_by, 0)), JHK_DB_END);
  if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
    return 0;
  id = jhk_db_stmt_get_int64 (stmt, 0);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (!jhk_db_run (db, error,
                   "INSERT INTO password_history (user_id, password_hash, changed_at)"
                   " VALUES (?, ?, ?)",
                   JHK_I (id), JHK_T (hash), JHK_I (now), JHK_DB_END))
    return 0;
  return id;
}

/* On a shared server every user ID is also a server role of the same name
 * (sql/0004-server-security.pg.sql): created when the ID is issued, able to
 * log in only while the ID may, and with the Jhk password as its password
 * when one is given. Runs inside the caller's transaction. */
static gboolean
sync_server_role (JhkDb       *db,
                  const char  *login,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *verifier = NULL;

  if (!jhk_db_has_server_roles (db))
    return TRUE;
  if (password != NULL)
    {
      verifier = jhk_db_password_verifier (db, login, password, error);
      if (verifier == NULL)
        return FALSE;
    }
  stmt = jhk_db_query (db, error, "SELECT jhk_sync_server_role (?, ?)", JHK_T (login),
                       JHK_TN (verifier), JHK_DB_END);
  return stmt != NULL && jhk_db_stmt_step (stmt, error) == JHK_DB_ROW;
}

gboolean
jhk_accounts_sync_server_roles (JhkDb   *db,
                                GError **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  g_return_val_if_fail (jhk_db_in_transaction (db), FALSE);

  if (!jhk_db_has_server_roles (db))
    return TRUE;
  stmt = jhk_db_query (db, error, "SELECT jhk_sync_server_role (login, NULL) FROM users"
                                  " ORDER BY id", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    ;
  return step == JHK_DB_DONE;
}

static gboolean
login_is_valid (const char  *login,
                GError     **error)
{
  gsize len = login != NULL ? strlen (login) : 0;

  if (len < 2 || len > 32)
    goto bad;
  for (const char *p = login; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      goto bad;
  return TRUE;

bad:
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("A user ID has 2 to 32 letters, digits, “-”, “_” or “.”."));
  return FALSE;
}

gboolean
jhk_accounts_bootstrap (JhkDb       *db,
                        const char  *org_code,
                        const char  *org_name,
                        const char  *staff_no,
                        const char  *name,
                        const char  *login,
                        const char  *password,
                        GError     **error)
{
  g_autoptr(JhkSession) system = jhk_session_new_system ("init");
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *hash = NULL;
  g_autofree char *today = jhk_today ();
  g_autofree char *user_id_text = NULL;
  gint64 n_users = 0;
  gint64 org_id;
  gint64 staff_id;
  gint64 user_id;

  if (!login_is_valid (login, error) || !check_new_password (db, 0, login, password, error))
    return FALSE;
  if (staff_no == NULL || *staff_no == '\0' || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The first general supervisor needs a staff number and a name."));
      return FALSE;
    }
  hash = jhk_accounts_hash_password (db, password, error);
  if (hash == NULL)
    return FALSE;

  if (!jhk_service_begin (db, system, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &n_users, error, "SELECT COUNT(*) FROM users", JHK_DB_END))
    goto fail;
  if (n_users > 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This database already has users; it was set up before."));
      goto fail;
    }

  org_id = jhk_org_find_unit (db, org_code);
  if (org_id == 0)
    {
      g_autoptr(JhkDbStmt) stmt =
        jhk_db_query (db, error,
                      "INSERT INTO org_units (code, name, kind, head_title, valid_from, created_at)"
                      " VALUES (?, ?, 'department', ?, ?, ?) RETURNING id",
                      JHK_T (org_code), JHK_T (org_name), JHK_T (""), JHK_T (today),
                      JHK_I (jhk_now_us ()), JHK_DB_END);
      if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
        goto fail;
      org_id = jhk_db_stmt_get_int64 (stmt, 0);
    }
  {
    g_autoptr(JhkDbStmt) stmt =
      jhk_db_query (db, error,
                    "INSERT INTO staff (staff_no, name, org_unit_id, created_at)"
                    " VALUES (?, ?, ?, ?) RETURNING id",
                    JHK_T (staff_no), JHK_T (name), JHK_I (org_id), JHK_I (jhk_now_us ()),
                    JHK_DB_END);
    if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
      goto fail;
    staff_id = jhk_db_stmt_get_int64 (stmt, 0);
  }
  user_id = insert_user (db, login, staff_id, hash, FALSE, "system:init",
                         "initial general supervisor", 0, error);
  if (user_id == 0 || !sync_server_role (db, login, password, error))
    goto fail;
  if (!jhk_db_run (db, error,
                   "INSERT INTO role_assignments (staff_id, role, valid_from, granted_by,"
                   " granted_at) VALUES (?, 'supervisor', ?, 'system:init', ?)",
                   JHK_I (staff_id), JHK_T (today), JHK_I (jhk_now_us ()), JHK_DB_END))
    goto fail;

  json_object_set_string_member (details, "login", login);
  json_object_set_string_member (details, "staff_no", staff_no);
  json_object_set_string_member (details, "role", "supervisor");
  user_id_text = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  return jhk_service_commit (db, system, "db.init", "user", user_id_text, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

typedef struct
{
  gint64 id;
  char  *hash;
  char  *status;
  char  *restriction;
  char  *reason;
  gint64 failed;
  gint64 locked_until;
  char  *org_code;
  char  *role_keys;
} UserRow;

static void
user_row_clear (UserRow *row)
{
  g_free (row->hash);
  g_free (row->status);
  g_free (row->restriction);
  g_free (row->reason);
  g_free (row->org_code);
  g_free (row->role_keys);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserRow, user_row_clear)

static gboolean
load_user_row (JhkDb       *db,
               const char  *login,
               UserRow     *row,
               GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  memset (row, 0, sizeof *row);
  stmt = jhk_db_query (db, error,
                       "SELECT u.id, u.password_hash, u.status, u.restriction,"
                       " u.restriction_reason, u.failed_attempts, COALESCE(u.locked_until, 0),"
                       " o.code FROM users u JOIN staff s ON s.id = u.staff_id"
                       " JOIN org_units o ON o.id = s.org_unit_id WHERE u.login = ?",
                       JHK_T (login), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step != JHK_DB_ROW)
    {
      if (step == JHK_DB_DONE)
        g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                     _("There is no user ID “%s”."), login);
      return FALSE;
    }
  row->id = jhk_db_stmt_get_int64 (stmt, 0);
  row->hash = jhk_db_stmt_dup_text (stmt, 1);
  row->status = jhk_db_stmt_dup_text (stmt, 2);
  row->restriction = jhk_db_stmt_dup_text (stmt, 3);
  row->reason = jhk_db_stmt_dup_text (stmt, 4);
  row->failed = jhk_db_stmt_get_int64 (stmt, 5);
  row->locked_until = jhk_db_stmt_get_int64 (stmt, 6);
  row->org_code = jhk_db_stmt_dup_text (stmt, 7);
  return TRUE;
}

static void
set_locked_out_error (GError **error,
                      gint64   locked_until)
{
  if (locked_until == LOCKED_FOR_EVER)
    g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT,
                         _("This user ID is locked after too many failed attempts. "
                           "Ask the system administrator to lift the lockout."));
  else
    {
      g_autofree char *until = jhk_format_time (locked_until);
      g_set_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT,
                   _("This user ID is locked after too many failed attempts until %s, "
                     "or until the system administrator lifts the lockout."),
                   until);
    }
}

/* A login refused before or after the password check (locked out,
 * suspended, barred) leaves the same trail as a wrong password, with the
 * reason; the failure count is not touched. */
static void
record_refusal (JhkDb       *db,
                const char  *login,
                UserRow     *row,
                const char  *workstation,
                const char  *reason)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GError) local_error = NULL;

  json_object_set_string_member (details, "refused", reason);
  if (!jhk_db_begin (db, &local_error))
    goto out;
  if (!jhk_audit_append_raw (db, login, "", row->org_code ? row->org_code : "", workstation,
                             "session.login_failed", "user", login, details, &local_error))
    {
      jhk_db_rollback (db);
      goto out;
    }
  jhk_db_commit (db, &local_error);

out:
  if (local_error != NULL)
    g_warning ("Could not record a refused login: %s", local_error->message);
}

/* Records a failed attempt in its own transaction and returns the error the
 * caller reports. */
static void
record_failure (JhkDb       *db,
                const char  *login,
                UserRow     *row,
                const char  *workstation,
                GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 threshold = jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD);
  gint64 minutes = jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_MINUTES);
  gint64 now = jhk_now_us ();
  gboolean locks = FALSE;

  if (!jhk_db_begin (db, &local_error))
    goto out;

  if (row->id != 0)
    {
      gint64 failed;
      gint64 locked_until = 0;

      /* R13-5: count from the row as it is now, inside the write
       * transaction, not as it was read before the password check: other
       * workstations fail on the same user ID meanwhile, and counting from
       * the old value would lose their attempts (or count after a lockout). */
      {
        g_autoptr(JhkDbStmt) stmt =
          jhk_db_query (db, &local_error,
                        "SELECT failed_attempts, COALESCE(locked_until, 0) FROM users"
                        " WHERE id = ?", JHK_I (row->id), JHK_DB_END);

        if (stmt == NULL || jhk_db_stmt_step (stmt, &local_error) != JHK_DB_ROW)
          {
            jhk_db_rollback (db);
            goto out;
          }
        row->failed = jhk_db_stmt_get_int64 (stmt, 0);
        row->locked_until = jhk_db_stmt_get_int64 (stmt, 1);
      }
      if (row->locked_until != 0 && row->locked_until > now)
        {
          /* Locked out by another workstation meanwhile: refused, not
           * counted, as if the lockout had been seen at the start. */
          jhk_db_rollback (db);
          record_refusal (db, login, row, workstation, "locked_out");
          set_locked_out_error (error, row->locked_until);
          return;
        }

      /* A lockout that has run out starts the count again. */
      failed = (row->locked_until != 0 && row->locked_until <= now) ? 1 : row->failed + 1;

      locks = failed >= threshold;
      if (locks)
        locked_until = minutes > 0 ? now + minutes * G_TIME_SPAN_MINUTE : LOCKED_FOR_EVER;
      if (!jhk_db_run (db, &local_error,
                       "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                       JHK_I (failed), JHK_IZ (locked_until), JHK_I (row->id), JHK_DB_END))
        {
          jhk_db_rollback (db);
          goto out;
        }
      json_object_set_int_member (details, "failed_attempts", failed);
      row->locked_until = locked_until;
    }
  else
    {
      json_object_set_boolean_member (details, "unknown_user", TRUE);
    }

  if (!jhk_audit_append_raw (db, login, "", row->org_code ? row->org_code : "", workstation,
                             "session.login_failed", "user", login, details, &local_error) ||
      (locks && !jhk_audit_append_raw (db, login, "", row->org_code ? row->org_code : "",
                                       workstation, "user.lockout", "user", login, NULL,
                                       &local_error)))
    {
      jhk_db_rollback (db);
      goto out;
    }
  jhk_db_commit (db, &local_error);

out:
  if (local_error != NULL)
    g_warning ("Could not record a failed login: %s", local_error->message);
  if (locks)
    set_locked_out_error (error, row->locked_until);
  else
    g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS,
                         _("The user ID or the password is wrong."));
}

/* On a shared server, a workstation connected as a user's own server role
 * logs in to Jhk only as that user: the server shows it nobody else's row,
 * and it may write audit entries only in that user's name. */
static gboolean
check_connected_as (JhkDb       *db,
                    const char  *login,
                    GError     **error)
{
  g_autofree char *role = NULL;

  if (!jhk_db_has_server_roles (db))
    return TRUE;
  if (!jhk_db_query_text (db, &role, error,
                          "SELECT CASE WHEN jhk_is_staff_role (session_user)"
                          " THEN session_user::text ELSE '' END", JHK_DB_END))
    return FALSE;
  if (role == NULL || *role == '\0' || g_strcmp0 (role, login) == 0)
    return TRUE;
  g_set_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS,
               _("This workstation is connected to the database server as “%s”. Log in as "
                 "“%s”, or connect to the server as “%s”."), role, role, login);
  return FALSE;
}

static JhkSession *authenticate (JhkDb       *db,
                                 const char  *login,
                                 const char  *password,
                                 const char  *workstation,
                                 guint        attempt,
                                 GError     **error);

JhkSession *
jhk_accounts_authenticate (JhkDb       *db,
                           const char  *login,
                           const char  *password,
                           const char  *workstation,
                           GError     **error)
{
  return authenticate (db, login, password, workstation, 0, error);
}

static JhkSession *
authenticate (JhkDb       *db,
              const char  *login,
              const char  *password,
              const char  *workstation,
              guint        attempt,
              GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autoptr(GError) lookup_error = NULL;
  g_autoptr(JhkSession) session = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *new_hash = NULL;
  g_autofree char *id_text = NULL;
  unsigned long long opslimit;
  size_t memlimit;
  gint64 now = jhk_now_us ();

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (workstation == NULL)
    workstation = g_get_host_name ();
  if (login == NULL)
    login = "";
  if (password == NULL)
    password = "";

  if (!check_connected_as (db, login, error))
    return NULL;
  if (!load_user_row (db, login, &row, &lookup_error))
    {
      if (!g_error_matches (lookup_error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&lookup_error));
          return NULL;
        }
      /* Spend the same time as for a real user, so that timing does not
       * tell which user IDs exist. */
      g_free (jhk_accounts_hash_password (db, password, NULL));
      record_failure (db, login, &row, workstation, error);
      return NULL;
    }

  if (row.locked_until != 0 && row.locked_until > now)
    {
      record_refusal (db, login, &row, workstation, "locked_out");
      set_locked_out_error (error, row.locked_until);
      return NULL;
    }
  if (!verify_hash (row.hash, password))
    {
      record_failure (db, login, &row, workstation, error);
      return NULL;
    }
  if (g_strcmp0 (row.status, "active") != 0)
    {
      record_refusal (db, login, &row, workstation, "inactive");
      g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_INACTIVE,
                           _("This user ID is suspended or retired."));
      return NULL;
    }
  /* R13-10: the 総括責任者 can forbid logging in altogether. */
  if (g_strcmp0 (row.restriction, "no_login") == 0)
    {
      record_refusal (db, login, &row, workstation, "no_login");
      g_set_error (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_NO_LOGIN,
                   _("The general supervisor has barred this user ID from logging in: %s"),
                   row.reason);
      return NULL;
    }

  /* Rehash when the policy's Argon2id parameters have changed. */
  get_hash_params (db, &opslimit, &memlimit);
  if (crypto_pwhash_str_needs_rehash (row.hash, opslimit, memlimit) != 0)
    new_hash = jhk_accounts_hash_password (db, password, NULL);

  session = jhk_session_load (db, row.id, workstation, error);
  if (session == NULL)
    return NULL;

  /* The login itself is recorded even for a read-only user. */
  if (!jhk_db_begin (db, error))
    return NULL;
  /* What was checked before the write transaction may have changed since
   * at another workstation (a lockout, a restriction, a new password):
   * then check again from the start, rather than undo it. */
  {
    gint64 unchanged = 0;

    if (!jhk_db_query_int64 (db, &unchanged, error,
                             "SELECT COUNT(*) FROM users WHERE id = ? AND password_hash = ?"
                             " AND status = 'active' AND restriction <> 'no_login'"
                             " AND COALESCE(locked_until, 0) <= ?",
                             JHK_I (row.id), JHK_T (row.hash), JHK_I (now), JHK_DB_END))
      {
        jhk_db_rollback (db);
        return NULL;
      }
    if (unchanged == 0)
      {
        jhk_db_rollback (db);
        if (attempt < 3)
          return authenticate (db, login, password, workstation, attempt + 1, error);
        g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_BUSY,
                             _("This user ID is being changed at another workstation. Try "
                               "again in a moment."));
        return NULL;
      }
  }
  if (!jhk_db_run (db, error,
                   "UPDATE users SET failed_attempts = 0, locked_until = NULL,"
                   " last_login_at = ? WHERE id = ?",
                   JHK_I (now), JHK_I (row.id), JHK_DB_END) ||
      (new_hash != NULL &&
       !jhk_db_run (db, error, "UPDATE users SET password_hash = ? WHERE id = ?",
                    JHK_T (new_hash), JHK_I (row.id), JHK_DB_END)))
    {
      jhk_db_rollback (db);
      return NULL;
    }
  if (new_hash != NULL)
    json_object_set_boolean_member (details, "rehashed", TRUE);
  if (jhk_session_get_must_change_password (session))
    json_object_set_boolean_member (details, "must_change_password", TRUE);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row.id);
  if (!jhk_service_commit (db, session, "session.login", "user", id_text, details, error))
    return NULL;

  return g_steal_pointer (&session);
}

static gboolean
record_session_event (JhkDb       *db,
                      JhkSession  *session,
                      const char  *action,
                      GError     **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              jhk_session_get_user_id (session));

  /* Session events are recorded for restricted users as well. */
  if (!jhk_db_begin (db, error))
    return FALSE;
  return jhk_service_commit (db, session, action, "user", id_text, NULL, error);
}

gboolean
jhk_accounts_record_lock (JhkDb       *db,
                          JhkSession  *session,
                          GError     **error)
{
  return record_session_event (db, session, "session.lock", error);
}

gboolean
jhk_accounts_record_logout (JhkDb       *db,
                            JhkSession  *session,
                            GError     **error)
{
  return record_session_event (db, session, "session.logout", error);
}

gboolean
jhk_accounts_unlock_session (JhkDb       *db,
                             JhkSession  *session,
                             const char  *password,
                             GError     **error)
{
  g_auto(UserRow) row = { 0 };

  if (!load_user_row (db, jhk_session_get_login (session), &row, error))
    return FALSE;
  if (row.locked_until != 0 && row.locked_until > jhk_now_us ())
    {
      set_locked_out_error (error, row.locked_until);
      return FALSE;
    }
  if (!verify_hash (row.hash, password != NULL ? password : ""))
    {
      g_autoptr(GError) audit_error = NULL;

      record_failure (db, jhk_session_get_login (session), &row,
                      jhk_session_get_workstation (session), error);
      if (!record_session_event (db, session, "session.unlock_failed", &audit_error))
        g_warning ("Could not record a failed unlock: %s", audit_error->message);
      return FALSE;
    }
  if (g_strcmp0 (row.status, "active") != 0 || g_strcmp0 (row.restriction, "no_login") == 0)
    {
      g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_NO_LOGIN,
                           _("This user ID may no longer log in."));
      return FALSE;
    }
  return record_session_event (db, session, "session.unlock", error);
}

gint64
jhk_accounts_issue (JhkDb       *db,
                    JhkSession  *actor,
                    const char  *login,
                    gint64       staff_id,
                    const char  *password,
                    const char  *reason,
                    gint64       approved_by_staff_id,
                    GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *hash = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *today = jhk_today ();
  gint64 exists = 0;
  gint64 user_id;

  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  /* R12-1: the 総括責任者 issues IDs; the システム管理者 only on the
   * approval of a serving 総括責任者, named in the record. */
  if (!jhk_session_is_system (actor) && !jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR))
    {
      if (!jhk_session_has_role (actor, JHK_ROLE_SYSADMIN))
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                               _("User IDs are issued only by the general supervisor, or by "
                                 "the system administrator on their approval."));
          return 0;
        }
      if (!jhk_policy_staff_held_role (db, approved_by_staff_id, JHK_ROLE_SUPERVISOR, today))
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                               _("Name the general supervisor who approved this user ID."));
          return 0;
        }
    }
  if (!login_is_valid (login, error))
    return 0;
  if (jhk_is_blank (reason))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Give the reason for issuing the user ID."));
      return 0;
    }
  if (!check_new_password (db, 0, login, password, error))
    return 0;
  hash = jhk_accounts_hash_password (db, password, error);
  if (hash == NULL)
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  /* R12-1: retired IDs stay in the table, so this also refuses reuse. */
  if (!jhk_db_query_int64 (db, &exists, error, "SELECT COUNT(*) FROM users WHERE login = ?",
                           JHK_T (login), JHK_DB_END))
    goto fail;
  if (exists > 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                   _("The user ID “%s” has been issued before; IDs are never reused."), login);
      goto fail;
    }
  if (!jhk_db_query_int64 (db, &exists, error, "SELECT COUNT(*) FROM staff WHERE id = ?",
                           JHK_I (staff_id), JHK_DB_END))
    goto fail;
  if (exists == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such staff member."));
      goto fail;
    }

  /* A new ID starts with a temporary password that must be changed. */
  user_id = insert_user (db, login, staff_id, hash, !jhk_session_is_system (actor),
                         jhk_session_get_login (actor), reason, approved_by_staff_id, error);
  if (user_id == 0 || !sync_server_role (db, login, password, error))
    goto fail;

  json_object_set_string_member (details, "login", login);
  json_object_set_int_member (details, "staff_id", staff_id);
  json_object_set_string_member (details, "reason", reason);
  if (approved_by_staff_id > 0)
    json_object_set_int_member (details, "approved_by", approved_by_staff_id);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, user_id);
  if (!jhk_service_commit (db, actor, "user.issue", "user", id_text, details, error))
    return 0;
  return user_id;

fail:
  jhk_service_abort (db);
  return 0;
}

gboolean
jhk_accounts_change_password (JhkDb       *db,
                              JhkSession  *actor,
                              const char  *old_password,
                              const char  *new_password,
                              GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *hash = NULL;
  g_autofree char *id_text = NULL;
  gint64 max_age_days;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!load_user_row (db, jhk_session_get_login (actor), &row, error))
    return FALSE;
  if (!verify_hash (row.hash, old_password != NULL ? old_password : ""))
    {
      g_set_error_literal (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS,
                           _("The current password is wrong."));
      return FALSE;
    }
  if (!check_new_password (db, row.id, jhk_session_get_login (actor), new_password, error))
    return FALSE;
  hash = jhk_accounts_hash_password (db, new_password, error);
  if (hash == NULL)
    return FALSE;

  /* A forced change (R13-8) is allowed even for a read-only user, or they
   * could never log in again; everything else goes through the policy. */
  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!store_password (db, row.id, hash, FALSE, error) ||
      !sync_server_role (db, jhk_session_get_login (actor), new_password, error))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row.id);
  if (!jhk_service_commit (db, actor, "user.password", "user", id_text, NULL, error))
    return FALSE;
  max_age_days = jhk_settings_get_int (db, JHK_SETTING_PASSWORD_MAX_AGE_DAYS);
  jhk_session_password_changed (actor, max_age_days > 0 ?
                                         jhk_now_us () + max_age_days * G_TIME_SPAN_DAY : 0);
  return TRUE;
}

gboolean
jhk_accounts_reset_password (JhkDb       *db,
                             JhkSession  *actor,
                             const char  *login,
                             const char  *new_password,
                             GError     **error)
{
  g_auto(UserRow) row = { 0 };
  g_autofree char *hash = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (!load_user_row (db, login, &row, error))
    return FALSE;
  if (!check_new_password (db, row.id, login, new_password, error))
    return FALSE;
  hash = jhk_accounts_hash_password (db, new_password, error);
  if (hash == NULL)
    return FALSE;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!store_password (db, row.id, hash, TRUE, error) ||
      !sync_server_role (db, login, new_password, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  json_object_set_string_member (details, "login", login);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row.id);
  return jhk_service_commit (db, actor, "user.password_reset", "user", id_text, details, error);
}

/* Applies one UPDATE to a user and records it, for the small admin actions;
 * the SQL ends with "WHERE id = ?" after n_params other parameters. */
static gboolean
update_user (JhkDb       *db,
             JhkSession  *actor,
             const char  *login,
             const char  *action,
             JsonObject  *details,
             int          n_params,
             GError     **error,
             const char  *sql,
             ...)
{
  g_auto(UserRow) row = { 0 };
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *id_text = NULL;
  va_list args;
  JhkDbStep step;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!load_user_row (db, login, &row, error))
    goto fail;

  stmt = jhk_db_prepare (db, sql, error);
  if (stmt == NULL)
    goto fail;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  /* The user row id is always the last parameter. */
  jhk_db_stmt_bind_int64 (stmt, n_params + 1, row.id);
  step = jhk_db_stmt_step (stmt, error);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (step != JHK_DB_DONE || !sync_server_role (db, login, NULL, error))
    goto fail;

  json_object_set_string_member (details, "login", login);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row.id);
  return jhk_service_commit (db, actor, action, "user", id_text, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_accounts_restrict (JhkDb           *db,
                       JhkSession      *actor,
                       const char      *login,
                       JhkRestriction   restriction,
                       const char      *reason,
                       GError         **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  /* R13-10: only the 総括責任者 restricts users, and always says why. */
  if (!jhk_policy_require_role (actor, JHK_ROLE_SUPERVISOR, error))
    return FALSE;
  if (restriction > JHK_RESTRICTION_READ_ONLY)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Unknown restriction."));
      return FALSE;
    }
  if (restriction != JHK_RESTRICTION_NONE &&
      (jhk_is_blank (reason)))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Give the reason for the restriction."));
      return FALSE;
    }
  if (g_strcmp0 (login, jhk_session_get_login (actor)) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("You cannot restrict your own user ID."));
      return FALSE;
    }

  json_object_set_string_member (details, "restriction", jhk_restriction_to_key (restriction));
  json_object_set_string_member (details, "reason", reason ? reason : "");
  return update_user (db, actor, login, "user.restrict", details, 4, error,
                      "UPDATE users SET restriction = ?, restriction_reason = ?,"
                      " restricted_by = ?, restricted_at = ? WHERE id = ?",
                      JHK_T (jhk_restriction_to_key (restriction)), JHK_T (reason ? reason : ""),
                      JHK_T (jhk_session_get_login (actor)), JHK_I (jhk_now_us ()), JHK_DB_END);
}

gboolean
jhk_accounts_unlock (JhkDb       *db,
                     JhkSession  *actor,
                     const char  *login,
                     GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  return update_user (db, actor, login, "user.unlock", details, 0, error,
                      "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                      JHK_DB_END);
}

gboolean
jhk_accounts_set_status (JhkDb       *db,
                         JhkSession  *actor,
                         const char  *login,
                         const char  *status,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  if (!jhk_policy_require_role (actor, JHK_ROLE_SUPERVISOR, error))
    return FALSE;
  if (g_strcmp0 (status, "active") != 0 && g_strcmp0 (status, "suspended") != 0 &&
      g_strcmp0 (status, "retired") != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("A user ID is active, suspended or retired."));
      return FALSE;
    }
  if (jhk_is_blank (reason))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Give the reason for the change."));
      return FALSE;
    }
  json_object_set_string_member (details, "status", status);
  json_object_set_string_member (details, "reason", reason);
  return update_user (db, actor, login, "user.status", details, 1, error,
                      "UPDATE users SET status = ? WHERE id = ?", JHK_T (status), JHK_DB_END);
}

gint64
jhk_accounts_lookup (JhkDb      *db,
                     const char *login)
{
  gint64 id = 0;

  jhk_db_query_int64 (db, &id, NULL, "SELECT id FROM users WHERE login = ?", JHK_T (login),
                      JHK_DB_END);
  return id;
}

gboolean
jhk_accounts_is_locked_out (JhkDb      *db,
                            const char *login)
{
  gint64 until = 0;

  jhk_db_query_int64 (db, &until, NULL,
                      "SELECT COALESCE(locked_until, 0) FROM users WHERE login = ?",
                      JHK_T (login), JHK_DB_END);
  return until > jhk_now_us ();
}
