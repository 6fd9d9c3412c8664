/* jhk-settings.c: organisation-wide policy values. */
#include <glib/gi18n-lib.h>

#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-service.h"

static const struct
{
  const char *key;
  gint64      def;
  gint64      min;
  gint64      max;
} settings[JHK_N_SETTINGS] = {
  [JHK_SETTING_PASSWORD_MIN_LENGTH] = { "password.min_length", 8, 8, 128 },
  [JHK_SETTING_PASSWORD_MAX_AGE_DAYS] = { "password.max_age_days", 90, 0, 3650 },
  [JHK_SETTING_PASSWORD_HISTORY] = { "password.history", 5, 0, 24 },
  [JHK_SETTING_LOCKOUT_THRESHOLD] = { "lockout.threshold", 5, 1, 100 },
  [JHK_SETTING_LOCKOUT_MINUTES] = { "lockout.minutes", 30, 0, 10080 },
  /* OWASP's minimum for Argon2id is m=19 MiB, t=2, p=1; never go below it. */
  [JHK_SETTING_PWHASH_OPSLIMIT] = { "pwhash.opslimit", 2, 2, 10 },
  [JHK_SETTING_PWHASH_MEMLIMIT_KIB] = { "pwhash.memlimit_kib", 19456, 19456, 1048576 },
  [JHK_SETTING_INQUIRY_DUTY_START] = { "inquiry.duty_start", 510, 0, 1439 },
  [JHK_SETTING_INQUIRY_DUTY_END] = { "inquiry.duty_end", 1035, 1, 1440 },
  [JHK_SETTING_INQUIRY_REPEAT_DAYS] = { "inquiry.repeat_days", 7, 1, 366 },
  [JHK_SETTING_INQUIRY_REPEAT_SELF] = { "inquiry.repeat_self", 3, 2, 1000 },
  [JHK_SETTING_INQUIRY_REPEAT_MANY] = { "inquiry.repeat_many", 3, 2, 1000 },
  [JHK_SETTING_INQUIRY_VOLUME_MIN] = { "inquiry.volume_min", 20, 1, 100000 },
  [JHK_SETTING_INQUIRY_VOLUME_PERCENT] = { "inquiry.volume_percent", 300, 101, 100000 },
  [JHK_SETTING_INQUIRY_DUE_DAYS] = { "inquiry.due_days", 14, 1, 366 },
  [JHK_SETTING_INQUIRY_BUSINESS] = { "inquiry.business", 0, 0, G_MAXINT64 },
  [JHK_SETTING_INCIDENT_REPORT_HOURS] = { "incident.report_hours", 24, 1, 720 },
};

const char *
jhk_setting_get_key (JhkSetting setting)
{
  g_return_val_if_fail (setting < JHK_N_SETTINGS, NULL);
  return settings[setting].key;
}

JhkSetting
jhk_setting_from_key (const char *key)
{
  for (int i = 0; i < JHK_N_SETTINGS; i++)
    if (g_strcmp0 (settings[i].key, key) == 0)
      return i;
  return JHK_N_SETTINGS;
}

gint64
jhk_setting_get_default (JhkSetting setting)
{
  return settings[setting].def;
}

gint64
jhk_setting_get_minimum (JhkSetting setting)
{
  return settings[setting].min;
}

gint64
jhk_setting_get_maximum (JhkSetting setting)
{
  return settings[setting].max;
}

gint64
jhk_settings_get_int (JhkDb      *db,
                      JhkSetting  setting)
{
  g_autofree char *value = NULL;
  gint64 parsed;

  g_return_val_if_fail (setting < JHK_N_SETTINGS, 0);

  if (!jhk_db_query_text (db, &value, NULL, "SELECT value FROM settings WHERE key = ?",
                          JHK_T (settings[setting].key), JHK_DB_END) ||
      value == NULL)
    return settings[setting].def;
  parsed = g_ascii_strtoll (value, NULL, 10);
  return CLAMP (parsed, settings[setting].min, settings[setting].max);
}

/* R14-7: the check sheets become materials of an approved business. */
static gboolean
check_sheet_business (JhkDb   *db,
                      gint64   business_id,
                      GError **error)
{
  g_autoptr(JhkDbStmt) stmt =
    jhk_db_query (db, error, "SELECT code, approved_at IS NOT NULL FROM businesses WHERE id = ?",
                  JHK_I (business_id), JHK_DB_END);
  JhkDbStep step;

  if (stmt == NULL || (step = jhk_db_stmt_step (stmt, error)) == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_DONE)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no business %lld."), (long long) business_id);
      return FALSE;
    }
  if (jhk_db_stmt_get_int64 (stmt, 1) == 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The business %s is not approved: the check sheets are registered to an "
                     "approved business only."), jhk_db_stmt_get_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

gboolean
jhk_settings_set_int (JhkDb       *db,
                      JhkSession  *actor,
                      JhkSetting   setting,
                      gint64       value,
                      GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) details = NULL;

  g_return_val_if_fail (setting < JHK_N_SETTINGS, FALSE);

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (value < settings[setting].min || value > settings[setting].max)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The value must be between %lld and %lld."),
                   (long long) settings[setting].min, (long long) settings[setting].max);
      return FALSE;
    }

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (setting == JHK_SETTING_INQUIRY_BUSINESS && value != 0 &&
      !check_sheet_business (db, value, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  details = json_object_new ();
  json_object_set_string_member (details, "key", settings[setting].key);
  json_object_set_int_member (details, "value", value);
  json_object_set_int_member (details, "previous", jhk_settings_get_int (db, setting));
  /* An upsert: the server grants the システム管理者 INSERT and UPDATE on
   * settings, not DELETE. */
  if (!jhk_db_run (db, error,
                   "INSERT INTO settings (key, value) VALUES (?, ?)"
                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   JHK_T (settings[setting].key), JHK_T (text), JHK_DB_END))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  return jhk_service_commit (db, actor, "settings.set", "setting", settings[setting].key,
                             details, error);
}

char *
jhk_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
jhk_format_time (gint64 us)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return g_date_time_format (t, "%Y-%m-%d %H:%M");
}

char *
jhk_format_japan_time (gint64 us)
{
  /* Looked up once: a list asks for every row. */
  static gsize zone;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) at = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

      g_once_init_leave (&zone, (gsize) (tz != NULL ? tz : g_time_zone_new_offset (9 * 3600)));
    }
  if (utc == NULL)
    return jhk_format_time (us);
  at = g_date_time_to_timezone (utc, (GTimeZone *) zone);
  return g_date_time_format (at, "%Y-%m-%d %H:%M");
}
