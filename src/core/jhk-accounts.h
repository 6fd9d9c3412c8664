/* jhk-accounts.h: user IDs, passwords, lockout and restrictions
 * (R12-1, R13-5..10). */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_AUTH_ERROR (jhk_auth_error_quark ())

typedef enum
{
  JHK_AUTH_ERROR_BAD_CREDENTIALS,
  JHK_AUTH_ERROR_LOCKED_OUT,
  JHK_AUTH_ERROR_NO_LOGIN,
  JHK_AUTH_ERROR_INACTIVE,
  JHK_AUTH_ERROR_WEAK_PASSWORD,
  JHK_AUTH_ERROR_REUSED_PASSWORD,
} JhkAuthError;

GQuark jhk_auth_error_quark (void);

typedef enum
{
  JHK_RESTRICTION_NONE,
  JHK_RESTRICTION_NO_LOGIN,
  JHK_RESTRICTION_READ_ONLY,
} JhkRestriction;

const char    *jhk_restriction_to_key   (JhkRestriction  restriction);
JhkRestriction jhk_restriction_from_key (const char     *key);
const char    *jhk_restriction_get_label(JhkRestriction  restriction);

/* Hashes with the database's Argon2id parameters. */
char       *jhk_accounts_hash_password     (JhkDb        *db,
                                            const char   *password,
                                            GError      **error);

/* Creates the first 総括責任者 of a new, empty database. */
gboolean    jhk_accounts_bootstrap         (JhkDb        *db,
                                            const char   *org_code,
                                            const char   *org_name,
                                            const char   *staff_no,
                                            const char   *name,
                                            const char   *login,
                                            const char   *password,
                                            GError      **error);

/* R13-5: checks the password, counts failures and locks out; audited
 * either way. The returned session may need a password change first
 * (jhk_session_get_must_change_password()). */
JhkSession *jhk_accounts_authenticate      (JhkDb        *db,
                                            const char   *login,
                                            const char   *password,
                                            const char   *workstation,
                                            GError      **error);
/* R13-9: the idle lock. Unlocking needs the same user's password. */
gboolean    jhk_accounts_record_lock       (JhkDb        *db,
                                            JhkSession   *session,
                                            GError      **error);
gboolean    jhk_accounts_unlock_session    (JhkDb        *db,
                                            JhkSession   *session,
                                            const char   *password,
                                            GError      **error);
gboolean    jhk_accounts_record_logout     (JhkDb        *db,
                                            JhkSession   *session,
                                            GError      **error);

/* R12-1: issued by the 総括責任者, or by the システム管理者 naming the
 * 総括責任者 who approved it (approved_by_staff_id). */
gint64      jhk_accounts_issue             (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *login,
                                            gint64        staff_id,
                                            const char   *password,
                                            const char   *reason,
                                            gint64        approved_by_staff_id,
                                            GError      **error);
/* R13-8: one's own password; the old one is required. */
gboolean    jhk_accounts_change_password   (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *old_password,
                                            const char   *new_password,
                                            GError      **error);
/* システム管理者: sets a temporary password that must be changed at login. */
gboolean    jhk_accounts_reset_password    (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *login,
                                            const char   *new_password,
                                            GError      **error);
/* R13-10: 総括責任者 only, with a reason. */
gboolean    jhk_accounts_restrict          (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *login,
                                            JhkRestriction restriction,
                                            const char   *reason,
                                            GError      **error);
/* Lifts a lockout; システム管理者 only. */
gboolean    jhk_accounts_unlock            (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *login,
                                            GError      **error);
/* R12-1: suspended and retired IDs are kept, never reused. */
gboolean    jhk_accounts_set_status        (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *login,
                                            const char   *status,
                                            const char   *reason,
                                            GError      **error);
gint64      jhk_accounts_lookup            (JhkDb        *db,
                                            const char   *login);
/* TRUE when the user is locked out now. */
gboolean    jhk_accounts_is_locked_out     (JhkDb        *db,
                                            const char   *login);

/* On a shared server, creates the server role of every user ID that lacks
 * one (after a copy from another database) and sets which may log in; their
 * passwords are set when each is next changed or reset. Inside a write
 * transaction. */
gboolean    jhk_accounts_sync_server_roles (JhkDb       *db,
                                            GError     **error);

G_END_DECLS
