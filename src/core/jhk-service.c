/* jhk-service.c: transaction + audit for every write. */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jhk-audit.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"

gboolean
jhk_service_begin (JhkDb       *db,
                   JhkSession  *actor,
                   GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!jhk_policy_check_can_write (db, actor, error))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
jhk_service_commit (JhkDb       *db,
                    JhkSession  *actor,
                    const char  *action,
                    const char  *object_type,
                    const char  *object_id,
                    JsonObject  *details,
                    GError     **error)
{
  if (!jhk_audit_append (db, actor, action, object_type, object_id, details, error))
    {
      jhk_db_rollback (db);
      return FALSE;
    }
  return jhk_db_commit (db, error);
}

void
jhk_service_abort (JhkDb *db)
{
  jhk_db_rollback (db);
}

gint64
jhk_service_insert (JhkDb       *db,
                    GError     **error,
                    const char  *sql,
                    ...)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, error);
  va_list args;

  if (stmt == NULL)
    return 0;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  if (jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
    return 0;
  return jhk_db_stmt_get_int64 (stmt, 0);
}

gboolean
jhk_service_commit_id (JhkDb       *db,
                       JhkSession  *actor,
                       const char  *action,
                       const char  *object_type,
                       gint64       object_id,
                       JsonObject  *details,
                       GError     **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, object_id);

  return jhk_service_commit (db, actor, action, object_type, id_text, details, error);
}

gint64
jhk_service_commit_new (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       id,
                        const char  *action,
                        const char  *object_type,
                        JsonObject  *details,
                        GError     **error)
{
  if (!jhk_service_commit_id (db, actor, action, object_type, id, details, error))
    return 0;
  return id;
}

gboolean
jhk_service_invalid (GError     **error,
                     const char  *message)
{
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID, message);
  return FALSE;
}

gboolean
jhk_service_refuse_field (GError      **error,
                          const char  **out_field,
                          const char   *field,
                          const char   *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (out_field != NULL)
    *out_field = field;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return jhk_service_invalid (error, message);
}

gboolean
jhk_service_is_one_of (const char        *value,
                       const char *const *keys)
{
  return value != NULL && g_strv_contains (keys, value);
}

const char *
jhk_service_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

gboolean
jhk_service_text_fits (const char *value,
                       int         max_chars)
{
  return g_utf8_validate (value, -1, NULL) && g_utf8_strlen (value, -1) <= max_chars;
}

gboolean
jhk_service_check_date (const char  *date,
                        const char  *not_before,
                        const char  *before_message,
                        GError     **error)
{
  g_autofree char *today = jhk_today ();

  if (date == NULL || !jhk_date_is_valid (date))
    return jhk_service_invalid (error, _("Enter the date as YYYY-MM-DD."));
  if (strcmp (date, today) > 0)
    return jhk_service_invalid (error, _("The date cannot be in the future."));
  if (not_before != NULL && strcmp (date, not_before) < 0)
    return jhk_service_invalid (error, before_message);
  return TRUE;
}

JhkDbStmt *
jhk_service_query_row (JhkDb       *db,
                       const char  *not_found_message,
                       GError     **error,
                       const char  *sql,
                       ...)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, error);
  JhkDbStep step;
  va_list args;

  if (stmt == NULL)
    return NULL;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return NULL;
  if (step != JHK_DB_ROW)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           not_found_message);
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

gboolean
jhk_service_sees_office (JhkDb      *db,
                         JhkSession *actor,
                         gint64      office_id)
{
  gint64 unit = jhk_session_get_org_unit_id (actor);

  if (unit != 0 && jhk_policy_org_is_within (db, unit, office_id))
    return TRUE;
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (grant->org_unit_id != 0 && jhk_policy_org_is_within (db, office_id,
                                                              grant->org_unit_id))
        return TRUE;
    }
  return FALSE;
}

const char *
jhk_service_business_managed (JhkDb    *db,
                              gboolean *out_takes_today)
{
  *out_takes_today = !g_str_equal (jhk_db_get_backend_name (db), "postgresql");
  if (!*out_takes_today)
    return "jhk_business_has_manager (b.id)";
  return "EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.business_id = b.id"
         " AND ra.role IN ('biz_owner', 'egov_owner', 'lead_owner')"
         " AND ra.valid_from <= ? AND (ra.valid_to IS NULL OR ra.valid_to >= ?))";
}

gboolean
jhk_service_business_has_manager (JhkDb  *db,
                                  gint64  business_id)
{
  g_autofree char *today = jhk_today ();
  g_autofree char *sql = NULL;
  gboolean takes_today;
  gint64 found = 0;
  gboolean ok;

  sql = g_strdup_printf ("SELECT 1 FROM businesses b WHERE b.id = ? AND %s",
                         jhk_service_business_managed (db, &takes_today));
  if (takes_today)
    ok = jhk_db_query_int64 (db, &found, NULL, sql, JHK_I (business_id), JHK_T (today),
                             JHK_T (today), JHK_DB_END);
  else
    ok = jhk_db_query_int64 (db, &found, NULL, sql, JHK_I (business_id), JHK_DB_END);
  return ok && found == 1;
}

gboolean
jhk_service_changed_once (JhkDb       *db,
                          const char  *conflict_message,
                          GError     **error)
{
  if (jhk_db_changes (db) == 1)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT, conflict_message);
  return FALSE;
}

gboolean
jhk_service_query_object (JhkDb              *db,
                          JhkServiceFromRow   from_row,
                          gpointer           *out_object,
                          GError            **error,
                          const char         *sql,
                          ...)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, error);
  JhkDbStep step;
  va_list args;

  *out_object = NULL;
  if (stmt == NULL)
    return FALSE;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_ROW)
    *out_object = from_row (stmt);
  return TRUE;
}

const char *
jhk_service_label (const JhkServiceLabel *labels,
                   const char            *key)
{
  for (guint i = 0; labels[i].key != NULL; i++)
    if (g_strcmp0 (key, labels[i].key) == 0)
      return _(labels[i].label);
  return key;
}

char *
jhk_service_dup_text (JhkDbStmt *stmt,
                      int        column)
{
  char *text = jhk_db_stmt_dup_text (stmt, column);

  return text != NULL ? text : g_strdup ("");
}

GArray *
jhk_service_query_ids (JhkDb       *db,
                       GError     **error,
                       const char  *sql,
                       ...)
{
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JhkDbStep step;
  va_list args;

  if (stmt == NULL)
    return NULL;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&ids);
}

gboolean
jhk_service_set_filter (JhkQueryModel    *model,
                        const char       *where,
                        GVariantBuilder  *params,
                        GError          **error)
{
  GVariant *tuple = g_variant_builder_end (params);

  if (g_variant_n_children (tuple) == 0)
    {
      g_variant_unref (g_variant_ref_sink (tuple));
      tuple = NULL;
    }
  jhk_query_model_set_filter (model, where[0] != '\0' ? where : NULL, tuple);
  return jhk_query_model_refresh (model, error);
}

char *
jhk_service_like_pattern (const char *search)
{
  GString *out = g_string_new ("%");

  for (const char *p = search; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

char *
jhk_service_role_units (JhkDb      *db,
                        JhkSession *actor,
                        JhkRole     role,
                        GArray     *out)
{
  g_autoptr(GArray) units = NULL;
  GString *list = g_string_new ("");

  if (!jhk_session_has_role (actor, role) || jhk_session_get_staff_id (actor) == 0)
    return g_string_free (list, FALSE);
  units = jhk_service_query_ids (db, NULL, "SELECT id FROM org_units ORDER BY id", JHK_DB_END);
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      gint64 unit = g_array_index (units, gint64, i);

      if (jhk_policy_has_role_for_org (db, actor, role, unit))
        {
          g_string_append_printf (list, ", %" G_GINT64_FORMAT, unit);
          if (out != NULL)
            g_array_append_val (out, unit);
        }
    }
  return g_string_free (list, FALSE);
}
