/* jhk-session.c: the logged-in user. */
#include <glib/gi18n-lib.h>

#include "jhk-session.h"
#include "jhk-settings.h"

struct _JhkSession
{
  GObject  parent_instance;
  gboolean system;
  gint64   user_id;
  char    *login;
  gint64   staff_id;
  char    *staff_no;
  char    *name;
  gint64   org_unit_id;
  char    *org_code;
  char    *org_name;
  char    *workstation;
  char    *role_keys;
  gboolean must_change;
  gint64   password_expires_at;
  GArray  *grants;
};

G_DEFINE_FINAL_TYPE (JhkSession, jhk_session, G_TYPE_OBJECT)

static void
jhk_session_finalize (GObject *object)
{
  JhkSession *self = JHK_SESSION (object);

  g_free (self->login);
  g_free (self->staff_no);
  g_free (self->name);
  g_free (self->org_code);
  g_free (self->org_name);
  g_free (self->workstation);
  g_free (self->role_keys);
  g_clear_pointer (&self->grants, g_array_unref);

  G_OBJECT_CLASS (jhk_session_parent_class)->finalize (object);
}

static void
jhk_session_class_init (JhkSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jhk_session_finalize;
}

static void
jhk_session_init (JhkSession *self)
{
  self->grants = g_array_new (FALSE, TRUE, sizeof (JhkRoleGrant));
}

JhkSession *
jhk_session_new_system (const char *label)
{
  JhkSession *self = g_object_new (JHK_TYPE_SESSION, NULL);

  self->system = TRUE;
  self->login = g_strdup_printf ("system:%s", label);
  self->staff_no = g_strdup ("");
  self->name = g_strdup (label);
  self->org_code = g_strdup ("");
  self->org_name = g_strdup ("");
  self->workstation = g_strdup (g_get_host_name ());
  self->role_keys = g_strdup ("system");
  return self;
}

JhkSession *
jhk_session_load (JhkDb       *db,
                  gint64       user_id,
                  const char  *workstation,
                  GError     **error)
{
  g_autoptr(JhkSession) self = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autofree char *today = NULL;
  gint64 changed_at;
  gint64 max_age_days;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  stmt = jhk_db_query (db, error,
                       "SELECT u.login, s.id, s.staff_no, s.name, o.id, o.code, o.name,"
                       " u.must_change, u.password_changed_at"
                       " FROM users u JOIN staff s ON s.id = u.staff_id"
                       " JOIN org_units o ON o.id = s.org_unit_id WHERE u.id = ?",
                       JHK_I (user_id), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return NULL;
  if (step == JHK_DB_DONE)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND, _("No such user."));
      return NULL;
    }

  self = g_object_new (JHK_TYPE_SESSION, NULL);
  self->user_id = user_id;
  self->login = jhk_db_stmt_dup_text (stmt, 0);
  self->staff_id = jhk_db_stmt_get_int64 (stmt, 1);
  self->staff_no = jhk_db_stmt_dup_text (stmt, 2);
  self->name = jhk_db_stmt_dup_text (stmt, 3);
  self->org_unit_id = jhk_db_stmt_get_int64 (stmt, 4);
  self->org_code = jhk_db_stmt_dup_text (stmt, 5);
  self->org_name = jhk_db_stmt_dup_text (stmt, 6);
  self->must_change = jhk_db_stmt_get_int64 (stmt, 7) != 0;
  changed_at = jhk_db_stmt_get_int64 (stmt, 8);
  self->workstation = g_strdup (workstation != NULL ? workstation : g_get_host_name ());
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  /* R13-8: passwords expire after the configured age. */
  max_age_days = jhk_settings_get_int (db, JHK_SETTING_PASSWORD_MAX_AGE_DAYS);
  self->password_expires_at = max_age_days > 0 ? changed_at + max_age_days * G_TIME_SPAN_DAY : 0;

  today = jhk_today ();
  stmt = jhk_db_query (db, error,
                       "SELECT role, COALESCE(org_unit_id, 0), COALESCE(business_id, 0)"
                       " FROM role_assignments WHERE staff_id = ? AND valid_from <= ?"
                       " AND (valid_to IS NULL OR valid_to >= ?) ORDER BY role, id",
                       JHK_I (self->staff_id), JHK_T (today), JHK_T (today), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkRoleGrant grant;

      grant.role = jhk_role_from_key (jhk_db_stmt_get_text (stmt, 0));
      if (grant.role == JHK_ROLE_INVALID)
        continue;
      grant.org_unit_id = jhk_db_stmt_get_int64 (stmt, 1);
      grant.business_id = jhk_db_stmt_get_int64 (stmt, 2);
      g_array_append_val (self->grants, grant);
      if (strstr (keys->str, jhk_role_to_key (grant.role)) == NULL)
        {
          if (keys->len > 0)
            g_string_append_c (keys, ',');
          g_string_append (keys, jhk_role_to_key (grant.role));
        }
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  self->role_keys = g_string_free (g_steal_pointer (&keys), FALSE);

  return g_steal_pointer (&self);
}

gboolean
jhk_session_is_system (JhkSession *self)
{
  return self->system;
}

gint64
jhk_session_get_user_id (JhkSession *self)
{
  return self->user_id;
}

const char *
jhk_session_get_login (JhkSession *self)
{
  return self->login;
}

gint64
jhk_session_get_staff_id (JhkSession *self)
{
  return self->staff_id;
}

const char *
jhk_session_get_staff_no (JhkSession *self)
{
  return self->staff_no;
}

const char *
jhk_session_get_name (JhkSession *self)
{
  return self->name;
}

gint64
jhk_session_get_org_unit_id (JhkSession *self)
{
  return self->org_unit_id;
}

const char *
jhk_session_get_org_code (JhkSession *self)
{
  return self->org_code;
}

const char *
jhk_session_get_org_name (JhkSession *self)
{
  return self->org_name;
}

const char *
jhk_session_get_workstation (JhkSession *self)
{
  return self->workstation;
}

gboolean
jhk_session_get_must_change_password (JhkSession *self)
{
  return self->must_change ||
         (self->password_expires_at != 0 && self->password_expires_at <= jhk_now_us ());
}

void
jhk_session_password_changed (JhkSession *self,
                              gint64      expires_at)
{
  g_return_if_fail (JHK_IS_SESSION (self));

  self->must_change = FALSE;
  self->password_expires_at = expires_at;
}

gint64
jhk_session_get_password_expires_at (JhkSession *self)
{
  return self->password_expires_at;
}

guint
jhk_session_get_n_grants (JhkSession *self)
{
  return self->grants->len;
}

const JhkRoleGrant *
jhk_session_get_grant (JhkSession *self,
                       guint       index)
{
  g_return_val_if_fail (index < self->grants->len, NULL);
  return &g_array_index (self->grants, JhkRoleGrant, index);
}

gboolean
jhk_session_has_role (JhkSession *self,
                      JhkRole     role)
{
  for (guint i = 0; i < self->grants->len; i++)
    if (g_array_index (self->grants, JhkRoleGrant, i).role == role)
      return TRUE;
  return FALSE;
}

const char *
jhk_session_get_role_keys (JhkSession *self)
{
  return self->role_keys;
}
