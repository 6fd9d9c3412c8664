/* jhk-inquirers.c: the register of 照会者 and their 照会種別 (R14-1), the
 * 照会種別 known, and the purge of records and trails (R13-3, R14-5).
 *
 * Who keeps the register (第14-1): the 総括責任者 and the システム管理者 for
 * every member of staff; the 主管部長 for the staff of the units within
 * their department (the scope of their role), as the other registers of
 * a department are kept. The 運用管理者 reads the register of their
 * office. Rows are ended, never deleted: a staff member has at most one
 * current (not ended) row for a 照会種別.
 *
 * The purge: the システム管理者 deletes the 個人情報照会記録 and access
 * trails of one 所属 (or of each, and those of an unknown 所属) that are
 * older than five years (JHK_RETENTION_YEARS before today in Japan time,
 * from the start of that day): one transaction, one audit entry
 * "inquiry.purge" per 所属 naming the numbers and the range of times
 * purged. Nothing to purge writes nothing.
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-inquiries.h"
#include "jhk-audit.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

#define KIND_MAX_CHARS 40

void
jhk_inquirer_scope_free (JhkInquirerScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->staff_no);
  g_free (scope->staff_name);
  g_free (scope->office_name);
  g_free (scope->kind);
  g_free (scope->valid_from);
  g_free (scope->valid_to);
  g_free (scope);
}

static gboolean
is_keeper_everywhere (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
         jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

/* The actor keeps the register of a staff member of that unit. */
static gboolean
keeps_register_of (JhkDb      *db,
                   JhkSession *actor,
                   gint64      staff_org_id)
{
  return is_keeper_everywhere (actor) ||
         jhk_policy_has_role_for_org (db, actor, JHK_ROLE_DEPT_HEAD, staff_org_id);
}

static gboolean
may_read_register_of (JhkDb      *db,
                      JhkSession *actor,
                      gint64      staff_org_id)
{
  return keeps_register_of (db, actor, staff_org_id) ||
         jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, staff_org_id);
}

/* The units, to find the 所属 above a staff member's unit. */
typedef struct
{
  gint64  parent_id;
  char   *kind;
  char   *name;
} Unit;

static void
unit_free (Unit *unit)
{
  g_free (unit->kind);
  g_free (unit->name);
  g_free (unit);
}

static GHashTable *
load_units (JhkDb   *db,
            GError **error)
{
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) unit_free);
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, error,
                                            "SELECT id, COALESCE(parent_id, 0), kind, name"
                                            " FROM org_units", JHK_DB_END);
  JhkDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      Unit *unit = g_new0 (Unit, 1);

      unit->parent_id = jhk_db_stmt_get_int64 (stmt, 1);
      unit->kind = jhk_db_stmt_dup_text (stmt, 2);
      unit->name = jhk_db_stmt_dup_text (stmt, 3);
      g_hash_table_insert (units, g_memdup2 (&(gint64) { jhk_db_stmt_get_int64 (stmt, 0) },
                                             sizeof (gint64)), unit);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&units);
}

/* The 所属 (office) of a unit: the unit itself or the nearest above. */
static gint64
office_of (GHashTable *units,
           gint64      unit_id,
           const char **out_name)
{
  gint64 id = unit_id;

  *out_name = "";
  for (int depth = 0; id != 0 && depth < 16; depth++)
    {
      Unit *unit = g_hash_table_lookup (units, &id);

      if (unit == NULL)
        break;
      if (g_strcmp0 (unit->kind, "office") == 0)
        {
          *out_name = unit->name;
          return id;
        }
      id = unit->parent_id;
    }
  return 0;
}

GPtrArray *
jhk_inquirers_list (JhkDb       *db,
                    JhkSession  *actor,
                    gint64       office_id,
                    gboolean     history,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jhk_inquirer_scope_free);
  g_autoptr(GHashTable) units = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (!is_keeper_everywhere (actor) && !jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD) &&
      !jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the general supervisor, a department head and the system "
                             "administrator keep the register of inquirers."));
      return NULL;
    }
  units = load_units (db, error);
  if (units == NULL)
    return NULL;
  stmt = jhk_db_query (db, error,
                       history
                         ? "SELECT i.id, i.staff_id, s.staff_no, s.name, s.org_unit_id, i.kind,"
                           " i.valid_from, i.valid_to FROM inquirer_scopes i"
                           " JOIN staff s ON s.id = i.staff_id"
                           " ORDER BY s.staff_no, i.kind, i.valid_from, i.id"
                         : "SELECT i.id, i.staff_id, s.staff_no, s.name, s.org_unit_id, i.kind,"
                           " i.valid_from, i.valid_to FROM inquirer_scopes i"
                           " JOIN staff s ON s.id = i.staff_id WHERE i.valid_to IS NULL"
                           " ORDER BY s.staff_no, i.kind, i.valid_from, i.id",
                       JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 org = jhk_db_stmt_get_int64 (stmt, 4);
      const char *office_name;
      JhkInquirerScope *scope;

      if (office_id != 0 && !jhk_policy_org_is_within (db, org, office_id))
        continue;
      if (!may_read_register_of (db, actor, org))
        continue;
      office_of (units, org, &office_name);
      scope = g_new0 (JhkInquirerScope, 1);
      scope->id = jhk_db_stmt_get_int64 (stmt, 0);
      scope->staff_id = jhk_db_stmt_get_int64 (stmt, 1);
      scope->staff_no = jhk_db_stmt_dup_text (stmt, 2);
      scope->staff_name = jhk_db_stmt_dup_text (stmt, 3);
      scope->office_name = g_strdup (office_name);
      scope->kind = jhk_db_stmt_dup_text (stmt, 5);
      scope->valid_from = jhk_db_stmt_dup_text (stmt, 6);
      scope->valid_to = jhk_db_stmt_is_null (stmt, 7) ? NULL : jhk_db_stmt_dup_text (stmt, 7);
      g_ptr_array_add (list, scope);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
require_keeper_role (JhkSession  *actor,
                     GError     **error)
{
  if (is_keeper_everywhere (actor) || jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       _("Only the general supervisor, a department head and the system "
                         "administrator keep the register of inquirers."));
  return FALSE;
}

static gboolean
require_keeper_of (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       staff_org_id,
                   GError     **error)
{
  if (keeps_register_of (db, actor, staff_org_id))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       _("A department head keeps the register of inquirers of their own "
                         "department's staff only."));
  return FALSE;
}

gint64
jhk_inquirers_grant (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       staff_id,
                     const char  *kind,
                     const char  *valid_from,
                     GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *staff_no = NULL;
  gint64 staff_org, existing = 0, id;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (!require_keeper_role (actor, error))
    return 0;
  kind_text = g_strstrip (g_strdup (jhk_service_or_empty (kind)));
  if (jhk_is_blank (kind_text))
    {
      jhk_service_invalid (error, _("Enter the inquiry type."));
      return 0;
    }
  if (!jhk_service_text_fits (kind_text, KIND_MAX_CHARS))
    {
      jhk_service_invalid (error, _("The inquiry type is too long: at most 40 characters."));
      return 0;
    }
  if (!jhk_date_is_valid (valid_from))
    {
      jhk_service_invalid (error, _("Enter the first day of the inquiry scope as YYYY-MM-DD."));
      return 0;
    }

  if (!jhk_service_begin (db, actor, error))
    return 0;
  stmt = jhk_service_query_row (db, _("There is no such member of staff."), error,
                                "SELECT org_unit_id, staff_no FROM staff WHERE id = ?",
                                JHK_I (staff_id), JHK_DB_END);
  if (stmt == NULL)
    goto fail;
  staff_org = jhk_db_stmt_get_int64 (stmt, 0);
  staff_no = jhk_db_stmt_dup_text (stmt, 1);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (!require_keeper_of (db, actor, staff_org, error))
    goto fail;
  if (!jhk_db_query_int64 (db, &existing, error,
                           "SELECT COUNT(*) FROM inquirer_scopes"
                           " WHERE staff_id = ? AND kind = ? AND valid_to IS NULL",
                           JHK_I (staff_id), JHK_T (kind_text), JHK_DB_END))
    goto fail;
  if (existing > 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                   _("%s may make inquiries of the type “%s” already."), staff_no, kind_text);
      goto fail;
    }
  id = jhk_service_insert (db, error,
                           "INSERT INTO inquirer_scopes (staff_id, kind, valid_from, granted_by,"
                           " granted_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (staff_id), JHK_T (kind_text), JHK_T (valid_from),
                           JHK_T (jhk_session_get_login (actor)), JHK_I (jhk_now_us ()),
                           JHK_DB_END);
  if (id == 0)
    goto fail;
  json_object_set_int_member (details, "staff_id", staff_id);
  json_object_set_string_member (details, "staff_no", staff_no);
  json_object_set_string_member (details, "kind", kind_text);
  json_object_set_string_member (details, "valid_from", valid_from);
  return jhk_service_commit_new (db, actor, id, "inquirer.grant", "inquirer_scope", details,
                                 error);

fail:
  jhk_service_abort (db);
  return 0;
}

gboolean
jhk_inquirers_end (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       scope_id,
                   const char  *valid_to,
                   GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *valid_from = NULL;
  g_autofree char *staff_no = NULL;
  gint64 staff_org;
  gboolean ended;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!require_keeper_role (actor, error))
    return FALSE;
  if (!jhk_date_is_valid (valid_to))
    return jhk_service_invalid (error, _("Enter the last day of the inquiry scope as "
                                         "YYYY-MM-DD."));
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  stmt = jhk_service_query_row (db, _("There is no such entry in the register of inquirers."),
                                error,
                                "SELECT s.org_unit_id, s.staff_no, i.kind, i.valid_from,"
                                " i.valid_to IS NOT NULL FROM inquirer_scopes i"
                                " JOIN staff s ON s.id = i.staff_id WHERE i.id = ?",
                                JHK_I (scope_id), JHK_DB_END);
  if (stmt == NULL)
    goto fail;
  staff_org = jhk_db_stmt_get_int64 (stmt, 0);
  staff_no = jhk_db_stmt_dup_text (stmt, 1);
  kind = jhk_db_stmt_dup_text (stmt, 2);
  valid_from = jhk_db_stmt_dup_text (stmt, 3);
  ended = jhk_db_stmt_get_int64 (stmt, 4) != 0;
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (!require_keeper_of (db, actor, staff_org, error))
    goto fail;
  if (ended)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This inquiry scope has ended already."));
      goto fail;
    }
  if (strcmp (valid_to, valid_from) < 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The inquiry scope began on %s: it cannot end before."), valid_from);
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE inquirer_scopes SET valid_to = ?, ended_by = ?, ended_at = ?"
                   " WHERE id = ? AND valid_to IS NULL",
                   JHK_T (valid_to), JHK_T (jhk_session_get_login (actor)),
                   JHK_I (jhk_now_us ()), JHK_I (scope_id), JHK_DB_END))
    goto fail;
  json_object_set_string_member (details, "staff_no", staff_no);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_string_member (details, "valid_from", valid_from);
  json_object_set_string_member (details, "valid_to", valid_to);
  return jhk_service_commit_id (db, actor, "inquirer.end", "inquirer_scope", scope_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

GStrv
jhk_inquiry_kinds (JhkDb   *db,
                   GError **error)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  stmt = jhk_db_query (db, error,
                       "SELECT kind FROM inquirer_scopes UNION SELECT kind FROM inquiry_records",
                       JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    if (!jhk_is_blank (jhk_db_stmt_get_text (stmt, 0)))
      g_ptr_array_add (kinds, jhk_db_stmt_dup_text (stmt, 0));
  if (step == JHK_DB_FAILED)
    return NULL;
  g_ptr_array_sort (kinds, compare_strings);
  g_ptr_array_add (kinds, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&kinds), FALSE);
}

/* The purge (R13-3, R14-5) ----------------------------------------------------- */

static GTimeZone *
japan_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

  return tz != NULL ? tz : g_time_zone_new_offset (9 * 3600);
}

/* The start of today in Japan time, JHK_RETENTION_YEARS back (29 February
 * going to the 28th, as jhk_retention_cutoff()): what is older is purged. */
static gint64
purge_cutoff (void)
{
  g_autoptr(GTimeZone) tz = japan_time_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (jhk_now_us () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) now = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (now) - JHK_RETENTION_YEARS,
                                              g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(GDateTime) start = NULL;
  int last_day = g_date_get_days_in_month (g_date_time_get_month (now),
                                           g_date_time_get_year (now) - JHK_RETENTION_YEARS);

  start = g_date_time_add_days (day, MIN (g_date_time_get_day_of_month (now), last_day) - 1);
  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

static char *
japan_time_text (gint64 us)
{
  g_autoptr(GTimeZone) tz = japan_time_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) t = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (t, "%Y-%m-%d %H:%M:%S");
}

typedef struct
{
  gint64 n;
  gint64 oldest;
  gint64 newest;
} PurgeCount;

/* Every office: the preview's selection for office_id 0 (the purge goes
 * through them one by one, offices_to_purge()). */
#define ALL_OFFICES (-1)

/* The one selection of the purge and of its preview: "<head> FROM table
 * WHERE ..." for the rows of the office (0: of an unknown office;
 * ALL_OFFICES: of any) older than the cutoff, whose parameters are the
 * office's id (unless 0 or ALL_OFFICES) and then the cutoff. */
static char *
old_rows_sql (const char *head,
              const char *table,
              gint64      office_id)
{
  return g_strdup_printf ("%s FROM %s WHERE %s at < ?", head, table,
                          office_id == ALL_OFFICES ? ""
                          : office_id != 0 ? "office_id = ? AND" : "office_id IS NULL AND");
}

/* The rows of table selected by old_rows_sql(). */
static gboolean
count_old (JhkDb       *db,
           const char  *table,
           gint64       office_id,
           gint64       cutoff,
           PurgeCount  *out,
           GError     **error)
{
  g_autofree char *sql = old_rows_sql ("SELECT COUNT(*), COALESCE(MIN(at), 0),"
                                       " COALESCE(MAX(at), 0)", table, office_id);
  g_autoptr(JhkDbStmt) stmt = office_id > 0
    ? jhk_db_query (db, error, sql, JHK_I (office_id), JHK_I (cutoff), JHK_DB_END)
    : jhk_db_query (db, error, sql, JHK_I (cutoff), JHK_DB_END);

  if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
    return FALSE;
  out->n = jhk_db_stmt_get_int64 (stmt, 0);
  out->oldest = jhk_db_stmt_get_int64 (stmt, 1);
  out->newest = jhk_db_stmt_get_int64 (stmt, 2);
  return TRUE;
}

static gboolean
delete_old (JhkDb       *db,
            const char  *table,
            gint64       office_id,
            gint64       cutoff,
            GError     **error)
{
  g_autofree char *sql = old_rows_sql ("DELETE", table, office_id);

  return office_id > 0
    ? jhk_db_run (db, error, sql, JHK_I (office_id), JHK_I (cutoff), JHK_DB_END)
    : jhk_db_run (db, error, sql, JHK_I (cutoff), JHK_DB_END);
}

/* The oldest and newest of two counts. */
static void
purge_range (const PurgeCount *records,
             const PurgeCount *trails,
             gint64           *oldest,
             gint64           *newest)
{
  *oldest = records->n == 0 ? trails->oldest
          : trails->n == 0 ? records->oldest : MIN (records->oldest, trails->oldest);
  *newest = MAX (records->newest, trails->newest);
}

/* The refusals of the purge and of its preview: only the システム管理者,
 * and an office that exists. */
static gboolean
purge_allowed (JhkDb       *db,
               JhkSession  *actor,
               gint64       office_id,
               GError     **error)
{
  gint64 n = 0;

  if (!jhk_session_is_system (actor) && !jhk_session_has_role (actor, JHK_ROLE_SYSADMIN))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the system administrator purges inquiry records and access "
                             "trails."));
      return FALSE;
    }
  if (office_id == 0)
    return TRUE;
  if (!jhk_db_query_int64 (db, &n, error, "SELECT COUNT(*) FROM org_units WHERE id = ?",
                           JHK_I (office_id), JHK_DB_END))
    return FALSE;
  if (n == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such office."));
      return FALSE;
    }
  return TRUE;
}

/* Purges one office (0: the rows of an unknown office); adds its audit
 * entry when it purged anything. */
static gboolean
purge_office (JhkDb       *db,
              JhkSession  *actor,
              gint64       office_id,
              gint64       cutoff,
              guint       *n_records,
              guint       *n_trails,
              GError     **error)
{
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *code = NULL;
  g_autofree char *cutoff_text = NULL;
  g_autofree char *oldest_text = NULL;
  g_autofree char *newest_text = NULL;
  PurgeCount records = { 0 }, trails = { 0 };
  gint64 oldest, newest;

  if (!count_old (db, "inquiry_records", office_id, cutoff, &records, error) ||
      !count_old (db, "access_trails", office_id, cutoff, &trails, error))
    return FALSE;
  if (records.n == 0 && trails.n == 0)
    return TRUE;
  if (!delete_old (db, "inquiry_records", office_id, cutoff, error) ||
      !delete_old (db, "access_trails", office_id, cutoff, error))
    return FALSE;

  purge_range (&records, &trails, &oldest, &newest);
  details = json_object_new ();
  if (office_id != 0)
    jhk_db_query_text (db, &code, NULL, "SELECT code FROM org_units WHERE id = ?",
                       JHK_I (office_id), JHK_DB_END);
  json_object_set_int_member (details, "office_id", office_id);
  json_object_set_string_member (details, "office_code", office_id != 0
                                                           ? jhk_service_or_empty (code)
                                                           : "unknown");
  json_object_set_string_member (details, "older_than",
                                 cutoff_text = japan_time_text (cutoff));
  json_object_set_string_member (details, "oldest", oldest_text = japan_time_text (oldest));
  json_object_set_string_member (details, "newest", newest_text = japan_time_text (newest));
  json_object_set_int_member (details, "oldest_us", oldest);
  json_object_set_int_member (details, "newest_us", newest);
  json_object_set_int_member (details, "records", records.n);
  json_object_set_int_member (details, "trails", trails.n);
  id_text = office_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, office_id) : g_strdup ("");
  if (!jhk_audit_append (db, actor, "inquiry.purge", "org_unit", id_text, details, error))
    return FALSE;
  *n_records += (guint) records.n;
  *n_trails += (guint) trails.n;
  return TRUE;
}

/* The offices (and 0 for an unknown one) that have rows older than cutoff. */
static GArray *
offices_to_purge (JhkDb   *db,
                  gint64   cutoff,
                  GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, error,
                                            "SELECT DISTINCT COALESCE(office_id, 0) FROM"
                                            " (SELECT office_id FROM inquiry_records WHERE at < ?"
                                            "  UNION SELECT office_id FROM access_trails"
                                            "  WHERE at < ?) AS old ORDER BY 1",
                                            JHK_I (cutoff), JHK_I (cutoff), JHK_DB_END);
  JhkDbStep step;

  if (stmt == NULL)
    return NULL;
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
jhk_inquiries_purge (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       office_id,
                     guint       *out_records,
                     guint       *out_trails,
                     GError     **error)
{
  g_autoptr(GArray) offices = NULL;
  gint64 cutoff = purge_cutoff ();
  guint n_records = 0, n_trails = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (out_records != NULL)
    *out_records = 0;
  if (out_trails != NULL)
    *out_trails = 0;
  if (!purge_allowed (db, actor, office_id, error) || !jhk_service_begin (db, actor, error))
    return FALSE;
  if (office_id != 0)
    {
      if (!purge_office (db, actor, office_id, cutoff, &n_records, &n_trails, error))
        goto fail;
    }
  else
    {
      offices = offices_to_purge (db, cutoff, error);
      if (offices == NULL)
        goto fail;
      for (guint i = 0; i < offices->len; i++)
        if (!purge_office (db, actor, g_array_index (offices, gint64, i), cutoff, &n_records,
                           &n_trails, error))
          goto fail;
    }
  /* Nothing to purge writes nothing, not even an audit entry. */
  if (n_records == 0 && n_trails == 0)
    jhk_service_abort (db);
  else if (!jhk_db_commit (db, error))
    goto fail;
  if (out_records != NULL)
    *out_records = n_records;
  if (out_trails != NULL)
    *out_trails = n_trails;
  return TRUE;

fail:
  if (jhk_db_in_transaction (db))
    jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_inquiries_purge_preview (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       office_id,
                             guint       *out_records,
                             guint       *out_trails,
                             gint64      *out_oldest,
                             gint64      *out_newest,
                             GError     **error)
{
  PurgeCount records = { 0 }, trails = { 0 };
  gint64 cutoff = purge_cutoff ();
  gint64 oldest = 0, newest = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (out_records != NULL)
    *out_records = 0;
  if (out_trails != NULL)
    *out_trails = 0;
  if (out_oldest != NULL)
    *out_oldest = 0;
  if (out_newest != NULL)
    *out_newest = 0;
  if (!purge_allowed (db, actor, office_id, error))
    return FALSE;
  if (office_id == 0)
    office_id = ALL_OFFICES;
  if (!count_old (db, "inquiry_records", office_id, cutoff, &records, error) ||
      !count_old (db, "access_trails", office_id, cutoff, &trails, error))
    return FALSE;
  if (records.n != 0 || trails.n != 0)
    purge_range (&records, &trails, &oldest, &newest);
  if (out_records != NULL)
    *out_records = (guint) records.n;
  if (out_trails != NULL)
    *out_trails = (guint) trails.n;
  if (out_oldest != NULL)
    *out_oldest = oldest;
  if (out_newest != NULL)
    *out_newest = newest;
  return TRUE;
}
