/* jhk-session.h: the logged-in user, their roles and their workstation.
 *
 * Every service call takes the session of the person acting; nothing is
 * written without one (R13-6/7).
 */
#pragma once

#include "jhk-db.h"
#include "jhk-roles.h"

G_BEGIN_DECLS

typedef struct
{
  JhkRole role;
  gint64  org_unit_id;   /* 0 when the scope is not an org unit */
  gint64  business_id;   /* 0 when the scope is not a business */
} JhkRoleGrant;

#define JHK_TYPE_SESSION (jhk_session_get_type ())
G_DECLARE_FINAL_TYPE (JhkSession, jhk_session, JHK, SESSION, GObject)

/* Loads the user with the roles valid today. */
JhkSession *jhk_session_load               (JhkDb       *db,
                                            gint64       user_id,
                                            const char  *workstation,
                                            GError     **error);
/* A session for work that no person does (init, migrations, demo set-up). */
JhkSession *jhk_session_new_system         (const char  *label);

gboolean    jhk_session_is_system          (JhkSession  *self);
gint64      jhk_session_get_user_id        (JhkSession  *self);
const char *jhk_session_get_login          (JhkSession  *self);
gint64      jhk_session_get_staff_id       (JhkSession  *self);
const char *jhk_session_get_staff_no       (JhkSession  *self);
const char *jhk_session_get_name           (JhkSession  *self);
gint64      jhk_session_get_org_unit_id    (JhkSession  *self);
const char *jhk_session_get_org_code       (JhkSession  *self);
const char *jhk_session_get_org_name       (JhkSession  *self);
const char *jhk_session_get_workstation    (JhkSession  *self);
gboolean    jhk_session_get_must_change_password (JhkSession *self);
/* After the user changed their own password: no change is due, and the new
 * one expires at expires_at (µs since the epoch, 0 for never). */
void        jhk_session_password_changed         (JhkSession *self,
                                                  gint64      expires_at);
/* When the password expires (µs since the epoch), 0 for never. */
gint64      jhk_session_get_password_expires_at (JhkSession *self);

guint               jhk_session_get_n_grants (JhkSession *self);
const JhkRoleGrant *jhk_session_get_grant    (JhkSession *self,
                                              guint       index);
gboolean    jhk_session_has_role           (JhkSession  *self,
                                            JhkRole      role);
/* Comma-separated role keys, as written to the audit log. */
const char *jhk_session_get_role_keys      (JhkSession  *self);

G_END_DECLS
