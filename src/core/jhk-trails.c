/* jhk-trails.c: access trails, their search, output and requests (R13-3, R13-4).
 *
 * Who searches: the システム管理者 every trail; a 対象業務管理者,
 * 電子化業務の主管業務管理者 or 主管業務管理者 the trails whose business
 * (access_trails.business_id, set by the import from the trail's 業務) is
 * one they manage today. On a server the policies of 0018-trails.pg.sql
 * say the same, so a manager's own server role sees no more.
 *
 * An output (a CSV file) is written by the システム管理者 only: of any
 * search (jhk_trails_export), or of what a manager asked for in a trail
 * request (jhk_trail_requests_produce), restricted to the request's
 * business. The file is UTF-8 with a BOM, the columns of the import
 * (日時 所属コード 職員番号 氏名 端末番号 業務 操作内容, the time in Japan
 * time), RFC 4180 quoting, CRLF, mode 0600, written to a temporary file
 * beside it and renamed into place; its SHA-256 goes into the audit entry.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-trails.h"
#include "jhk-util.h"

/* Japan time ----------------------------------------------------------------- */

static GTimeZone *
japan_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

  /* Japan keeps no summer time: without the zone data, +09:00 is right. */
  return tz != NULL ? tz : g_time_zone_new_offset (9 * 3600);
}

/* The instant (µs) a Japan-time day begins, days_after that date. */
static gint64
japan_day_start (const char *date,
                 int         days_after)
{
  g_autoptr(GTimeZone) tz = japan_time_zone ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) start = NULL;
  int y = atoi (date), m = atoi (date + 5), d = atoi (date + 8);

  day = g_date_time_new (tz, y, m, d, 0, 0, 0);
  start = g_date_time_add_days (day, days_after);
  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

/* "YYYY-MM-DD HH:MM:SS" in Japan time, into buf: the zone's offset at
 * that instant, then plain arithmetic (an output writes one a row). */
static void
japan_time_text (GTimeZone *tz,
                 gint64     us,
                 char       buf[32])
{
  gint64 secs = us >= 0 ? us / G_USEC_PER_SEC : -((-us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, secs);
  time_t local = (time_t) (secs + g_time_zone_get_offset (tz, MAX (interval, 0)));
  struct tm tm;

  gmtime_r (&local, &tm);
  strftime (buf, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

/* Who may do what ------------------------------------------------------------- */

static gboolean
is_sysadmin (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

static gboolean
is_owner_role (JhkRole role)
{
  return role == JHK_ROLE_BIZ_OWNER || role == JHK_ROLE_EGOV_OWNER ||
         role == JHK_ROLE_LEAD_OWNER;
}

gboolean
jhk_trails_may_search (JhkSession *actor)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (is_sysadmin (actor))
    return TRUE;
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    if (is_owner_role (jhk_session_get_grant (actor, i)->role))
      return TRUE;
  return FALSE;
}

/* The businesses the actor manages today, as a list for SQL "IN (…)". */
static GArray *
managed_businesses (JhkSession *actor)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (is_owner_role (grant->role) && grant->business_id != 0)
        g_array_append_val (ids, grant->business_id);
    }
  return ids;
}

/* The query in SQL --------------------------------------------------------------- */

typedef struct
{
  GString   *where;
  GPtrArray *params;   /* floating-free GVariant, x or s */
} Condition;

static void
condition_clear (Condition *c)
{
  if (c->where != NULL)
    g_string_free (c->where, TRUE);
  g_clear_pointer (&c->params, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Condition, condition_clear)

static void
condition_add (Condition  *c,
               const char *sql)
{
  if (c->where->len > 0)
    g_string_append (c->where, " AND ");
  g_string_append (c->where, sql);
}

static void
param_int (Condition *c,
           gint64     value)
{
  g_ptr_array_add (c->params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
param_text (Condition  *c,
            const char *value)
{
  g_ptr_array_add (c->params, g_variant_ref_sink (g_variant_new_string (value)));
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
check_dates (const char  *date_from,
             const char  *date_to,
             gboolean     required,
             GError     **error)
{
  if (required && (!is_set (date_from) || !is_set (date_to)))
    return jhk_service_invalid (error, _("Enter the range of dates, from and to."));
  if (is_set (date_from) && !jhk_date_is_valid (date_from))
    return jhk_service_invalid (error, _("Enter the first day of the trails as YYYY-MM-DD."));
  if (is_set (date_to) && !jhk_date_is_valid (date_to))
    return jhk_service_invalid (error, _("Enter the last day of the trails as YYYY-MM-DD."));
  if (is_set (date_from) && is_set (date_to) && strcmp (date_from, date_to) > 0)
    return jhk_service_invalid (error, _("The first day of the trails comes after the last."));
  return TRUE;
}

/* The condition of a query as the actor may search it; FALSE (error set)
 * when the actor may not, or the query is malformed. */
static gboolean
build_condition (JhkDb               *db,
                 JhkSession          *actor,
                 const JhkTrailQuery *query,
                 Condition           *c,
                 GError             **error)
{
  static const JhkTrailQuery none = { 0 };

  if (query == NULL)
    query = &none;
  c->where = g_string_new ("");
  c->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (!jhk_trails_may_search (actor))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the system administrator and the managers of a business "
                             "search access trails."));
      return FALSE;
    }
  if (!check_dates (query->date_from, query->date_to, FALSE, error))
    return FALSE;

  /* R13-4: a manager searches the trails of their own businesses. */
  if (!is_sysadmin (actor))
    {
      g_autoptr(GArray) ids = managed_businesses (actor);
      gboolean found = query->business_id == 0;

      for (guint i = 0; i < ids->len && !found; i++)
        found = g_array_index (ids, gint64, i) == query->business_id;
      if (!found)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                               _("You search only the trails of the businesses you manage."));
          return FALSE;
        }
      if (query->business_id == 0)
        {
          g_autoptr(GString) in = g_string_new ("t.business_id IN (");

          if (ids->len == 0)
            condition_add (c, "0 = 1");
          else
            {
              for (guint i = 0; i < ids->len; i++)
                {
                  g_string_append (in, i == 0 ? "?" : ", ?");
                  param_int (c, g_array_index (ids, gint64, i));
                }
              g_string_append_c (in, ')');
              condition_add (c, in->str);
            }
        }
    }
  if (query->business_id != 0)
    {
      condition_add (c, "t.business_id = ?");
      param_int (c, query->business_id);
    }
  if (is_set (query->staff_no))
    {
      condition_add (c, "t.staff_no = ?");
      param_text (c, query->staff_no);
    }
  if (is_set (query->office_code))
    {
      condition_add (c, "t.office_code = ?");
      param_text (c, query->office_code);
    }
  if (is_set (query->terminal))
    {
      condition_add (c, "t.terminal = ?");
      param_text (c, query->terminal);
    }
  if (is_set (query->date_from))
    {
      condition_add (c, "t.at >= ?");
      param_int (c, japan_day_start (query->date_from, 0));
    }
  if (is_set (query->date_to))
    {
      condition_add (c, "t.at < ?");
      param_int (c, japan_day_start (query->date_to, 1));
    }
  /* The text as it is, case and all, on either backend (LIKE folds
   * ASCII case on SQLite only, and reads its own % and _). */
  if (is_set (query->text))
    {
      condition_add (c, g_str_equal (jhk_db_get_backend_name (db), "postgresql")
                          ? "(strpos (t.staff_name, ?) > 0 OR strpos (t.business, ?) > 0"
                            " OR strpos (t.operation, ?) > 0)"
                          : "(instr (t.staff_name, ?) > 0 OR instr (t.business, ?) > 0"
                            " OR instr (t.operation, ?) > 0)");
      for (int i = 0; i < 3; i++)
        param_text (c, query->text);
    }
  return TRUE;
}

static GVariant *
condition_params (Condition *c)
{
  return g_variant_new_tuple ((GVariant **) c->params->pdata, c->params->len);
}

static void
condition_bind (Condition *c,
                JhkDbStmt *stmt)
{
  for (guint i = 0; i < c->params->len; i++)
    {
      GVariant *v = g_ptr_array_index (c->params, i);

      if (g_variant_is_of_type (v, G_VARIANT_TYPE_INT64))
        jhk_db_stmt_bind_int64 (stmt, i + 1, g_variant_get_int64 (v));
      else
        jhk_db_stmt_bind_text (stmt, i + 1, g_variant_get_string (v, NULL));
    }
}

JhkQueryModel *
jhk_trails_search (JhkDb               *db,
                   JhkSession          *actor,
                   const JhkTrailQuery *query,
                   GError             **error)
{
  g_auto(Condition) c = { 0 };
  g_autoptr(JhkQueryModel) model = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (!build_condition (db, actor, query, &c, error))
    return NULL;
  model = jhk_query_model_new (db,
                               "t.id AS id, t.at, t.office_code, o.name AS office, t.staff_no,"
                               " t.staff_name, t.terminal, t.business, t.operation, t.flags",
                               "access_trails t LEFT JOIN org_units o ON o.id = t.office_id",
                               "t.id");
  jhk_query_model_set_id_from (model, "access_trails t");
  jhk_query_model_set_filter (model, c.where->len > 0 ? c.where->str : NULL,
                              c.params->len > 0 ? condition_params (&c) : NULL);
  /* Both terms one way: a backward scan of an index of 0017/0018 gives
   * the order without sorting (the model appends the id once more). */
  jhk_query_model_set_order (model, "t.at DESC, t.id DESC");
  if (!jhk_query_model_refresh (model, error))
    return NULL;
  return g_steal_pointer (&model);
}

/* The output file ----------------------------------------------------------------- */

static void
csv_field (GString    *line,
           const char *value,
           gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (line, '"');
      for (const char *s = value; *s != '\0'; s++)
        {
          if (*s == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *s);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, value);
  g_string_append (line, last ? "\r\n" : ",");
}

typedef struct
{
  FILE      *file;
  GChecksum *sha;
} Output;

static gboolean
output_write (Output      *out,
              const char  *data,
              gsize        len,
              GError     **error)
{
  if (len > 0 && fwrite (data, 1, len, out->file) != len)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the trails file: %s"), g_strerror (saved));
      return FALSE;
    }
  g_checksum_update (out->sha, (const guchar *) data, len);
  return TRUE;
}

/* Writes the trails of the condition to a new temporary file beside path;
 * on success *out_tmp names it (the caller renames it into place). */
static gboolean
write_trails (JhkDb       *db,
              Condition   *c,
              const char  *path,
              char       **out_tmp,
              guint       *out_rows,
              char       **out_sha256,
              GError     **error)
{
  static const char header[] = "\xEF\xBB\xBF" "日時,所属コード,職員番号,氏名,端末番号,業務,操作内容\r\n";
  g_autoptr(GString) sql = g_string_new ("SELECT t.at, t.office_code, t.staff_no, t.staff_name,"
                                         " t.terminal, t.business, t.operation"
                                         " FROM access_trails t");
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *tmp = NULL;
  Output out = { NULL, g_checksum_new (G_CHECKSUM_SHA256) };
  g_autoptr(GTimeZone) tz = japan_time_zone ();
  guint rows = 0;
  JhkDbStep step;
  int fd;

  if (c->where->len > 0)
    g_string_append_printf (sql, " WHERE %s", c->where->str);
  g_string_append (sql, " ORDER BY t.at DESC, t.id DESC");
  stmt = jhk_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    goto fail;
  condition_bind (c, stmt);

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 || (out.file = fdopen (fd, "wb")) == NULL)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp);
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the trails file beside “%s”: %s"), path,
                   g_strerror (saved));
      g_clear_pointer (&tmp, g_free);
      goto fail;
    }
  if (!output_write (&out, header, strlen (header), error))
    goto fail;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      char at[32];

      japan_time_text (tz, jhk_db_stmt_get_int64 (stmt, 0), at);

      g_string_truncate (line, 0);
      csv_field (line, at, FALSE);
      for (int i = 1; i <= 6; i++)
        csv_field (line, jhk_db_stmt_get_text (stmt, i), i == 6);
      if (!output_write (&out, line->str, line->len, error))
        goto fail;
      rows++;
    }
  if (step == JHK_DB_FAILED)
    goto fail;
  if (fflush (out.file) != 0 || fsync (fileno (out.file)) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the trails file: %s"), g_strerror (saved));
      goto fail;
    }
  fclose (out.file);
  *out_tmp = g_steal_pointer (&tmp);
  *out_rows = rows;
  *out_sha256 = g_strdup (g_checksum_get_string (out.sha));
  g_checksum_free (out.sha);
  return TRUE;

fail:
  if (out.file != NULL)
    fclose (out.file);
  if (tmp != NULL)
    g_unlink (tmp);
  g_checksum_free (out.sha);
  return FALSE;
}

static gboolean
rename_into_place (const char  *tmp,
                   const char  *path,
                   GError     **error)
{
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the trails file “%s”: %s"), path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

static void
query_to_json (JsonObject          *details,
               const JhkTrailQuery *query)
{
  g_autoptr(JsonObject) q = json_object_new ();

  json_object_set_string_member (q, "staff_no", jhk_service_or_empty (query->staff_no));
  json_object_set_string_member (q, "office_code", jhk_service_or_empty (query->office_code));
  json_object_set_string_member (q, "terminal", jhk_service_or_empty (query->terminal));
  json_object_set_string_member (q, "date_from", jhk_service_or_empty (query->date_from));
  json_object_set_string_member (q, "date_to", jhk_service_or_empty (query->date_to));
  json_object_set_string_member (q, "text", jhk_service_or_empty (query->text));
  json_object_set_int_member (q, "business_id", query->business_id);
  json_object_set_object_member (details, "query", g_steal_pointer (&q));
}

static gboolean
require_sysadmin (JhkSession  *actor,
                  const char  *message,
                  GError     **error)
{
  if (is_sysadmin (actor))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED, message);
  return FALSE;
}

static gboolean
require_path (const char  *path,
              GError     **error)
{
  if (path == NULL || *path == '\0')
    return jhk_service_invalid (error, _("Choose the file to write the trails to."));
  return TRUE;
}

gboolean
jhk_trails_export (JhkDb               *db,
                   JhkSession          *actor,
                   const JhkTrailQuery *query,
                   const char          *path,
                   guint               *out_rows,
                   char               **out_sha256,
                   GError             **error)
{
  static const JhkTrailQuery none = { 0 };
  g_auto(Condition) c = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *tmp = NULL;
  g_autofree char *sha = NULL;
  guint rows = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (query == NULL)
    query = &none;
  if (!require_sysadmin (actor, _("Only the system administrator outputs access trails; a "
                                  "manager of a business asks for them with a trail request."),
                         error) ||
      !require_path (path, error) ||
      !build_condition (db, actor, query, &c, error))
    return FALSE;
  /* The file is written before the write transaction, which then only
   * puts it in place with its audit entry: other users' writes do not
   * wait for an output of a million rows. */
  if (!write_trails (db, &c, path, &tmp, &rows, &sha, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (!rename_into_place (tmp, path, error))
    goto fail;

  query_to_json (details, query);
  json_object_set_string_member (details, "file", path);
  json_object_set_int_member (details, "rows", rows);
  json_object_set_string_member (details, "sha256", sha);
  if (!jhk_service_commit (db, actor, "trail.export", "access_trails", "", details, error))
    {
      g_unlink (path);
      return FALSE;
    }
  if (out_rows != NULL)
    *out_rows = rows;
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&sha);
  return TRUE;

fail:
  jhk_service_abort (db);
  return FALSE;
}

/* Trail requests ------------------------------------------------------------------ */

static const JhkServiceLabel status_labels[] = {
  { "requested", N_("Awaiting Output") },
  { "produced", N_("Produced") },
  { "declined", N_("Refused") },
  { NULL, NULL },
};

const char *
jhk_trail_request_status_label (const char *status)
{
  return jhk_service_label (status_labels, status);
}

void
jhk_trail_request_free (JhkTrailRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->requester_name);
  g_free (request->business_name);
  g_free (request->reason);
  g_free (request->staff_no);
  g_free (request->office_code);
  g_free (request->terminal);
  g_free (request->date_from);
  g_free (request->date_to);
  g_free (request->text);
  g_free (request->status);
  g_free (request->handler_name);
  g_free (request->sha256);
  g_free (request->comment);
  g_free (request);
}

#define REQUEST_COLUMNS \
  "r.id, r.requested_by, COALESCE(s.name, ''), r.business_id, COALESCE(b.name, ''), r.reason," \
  " r.staff_no, r.office_code, r.terminal, r.date_from, r.date_to, r.text, r.status," \
  " r.requested_at, COALESCE(r.handled_by, 0), COALESCE(h.name, ''), COALESCE(r.handled_at, 0)," \
  " COALESCE(r.n_rows, 0), r.sha256, r.comment" \
  " FROM trail_requests r" \
  " LEFT JOIN staff s ON s.id = r.requested_by" \
  " LEFT JOIN businesses b ON b.id = r.business_id" \
  " LEFT JOIN staff h ON h.id = r.handled_by"

static gpointer
request_from_row (JhkDbStmt *stmt)
{
  JhkTrailRequest *r = g_new0 (JhkTrailRequest, 1);

  r->id = jhk_db_stmt_get_int64 (stmt, 0);
  r->requested_by = jhk_db_stmt_get_int64 (stmt, 1);
  r->requester_name = jhk_db_stmt_dup_text (stmt, 2);
  r->business_id = jhk_db_stmt_get_int64 (stmt, 3);
  r->business_name = jhk_db_stmt_dup_text (stmt, 4);
  r->reason = jhk_db_stmt_dup_text (stmt, 5);
  r->staff_no = jhk_db_stmt_dup_text (stmt, 6);
  r->office_code = jhk_db_stmt_dup_text (stmt, 7);
  r->terminal = jhk_db_stmt_dup_text (stmt, 8);
  r->date_from = jhk_db_stmt_dup_text (stmt, 9);
  r->date_to = jhk_db_stmt_dup_text (stmt, 10);
  r->text = jhk_db_stmt_dup_text (stmt, 11);
  r->status = jhk_db_stmt_dup_text (stmt, 12);
  r->requested_at = jhk_db_stmt_get_int64 (stmt, 13);
  r->handled_by = jhk_db_stmt_get_int64 (stmt, 14);
  r->handler_name = jhk_db_stmt_dup_text (stmt, 15);
  r->handled_at = jhk_db_stmt_get_int64 (stmt, 16);
  r->n_rows = (guint) jhk_db_stmt_get_int64 (stmt, 17);
  r->sha256 = jhk_db_stmt_dup_text (stmt, 18);
  r->comment = jhk_db_stmt_dup_text (stmt, 19);
  return r;
}

/* The request as the actor may see it: its requester, or the システム管理者. */
static JhkTrailRequest *
load_request (JhkDb       *db,
              JhkSession  *actor,
              gint64       request_id,
              GError     **error)
{
  gpointer object = NULL;
  JhkTrailRequest *r;

  if (!jhk_service_query_object (db, request_from_row, &object, error,
                                 "SELECT " REQUEST_COLUMNS " WHERE r.id = ?",
                                 JHK_I (request_id), JHK_DB_END))
    return NULL;
  r = object;
  if (r == NULL || (!is_sysadmin (actor) &&
                    r->requested_by != jhk_session_get_staff_id (actor)))
    {
      jhk_trail_request_free (r);
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such trail request."));
      return NULL;
    }
  return r;
}

JhkTrailRequest *
jhk_trail_requests_get (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       request_id,
                        GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  return load_request (db, actor, request_id, error);
}

gint64
jhk_trail_requests_create (JhkDb               *db,
                           JhkSession          *actor,
                           gint64               business_id,
                           const JhkTrailQuery *query,
                           const char          *reason,
                           GError             **error)
{
  static const JhkTrailQuery none = { 0 };
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *reason_text = NULL;
  gint64 staff_id, id;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (query == NULL)
    query = &none;
  staff_id = jhk_session_get_staff_id (actor);
  if (staff_id == 0 || business_id == 0 || !jhk_org_manages_business (actor, business_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only a manager of the business asks for an output of its "
                             "trails."));
      return 0;
    }
  if (query->business_id != 0 && query->business_id != business_id)
    {
      jhk_service_invalid (error, _("The search names another business than the request."));
      return 0;
    }
  reason_text = g_strstrip (g_strdup (jhk_service_or_empty (reason)));
  if (jhk_is_blank (reason_text))
    {
      jhk_service_invalid (error, _("Say why the trails are needed."));
      return 0;
    }
  if (!jhk_service_text_fits (reason_text, 1000))
    {
      jhk_service_invalid (error, _("The reason is too long: at most 1000 characters."));
      return 0;
    }
  if (!check_dates (query->date_from, query->date_to, TRUE, error))
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_service_insert (db, error,
                           "INSERT INTO trail_requests (requested_by, business_id, reason,"
                           " staff_no, office_code, terminal, date_from, date_to, text, status,"
                           " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?)"
                           " RETURNING id",
                           JHK_I (staff_id), JHK_I (business_id), JHK_T (reason_text),
                           JHK_T (jhk_service_or_empty (query->staff_no)),
                           JHK_T (jhk_service_or_empty (query->office_code)),
                           JHK_T (jhk_service_or_empty (query->terminal)),
                           JHK_T (query->date_from), JHK_T (query->date_to),
                           JHK_T (jhk_service_or_empty (query->text)),
                           JHK_I (jhk_now_us ()), JHK_DB_END);
  if (id == 0)
    {
      jhk_service_abort (db);
      return 0;
    }
  query_to_json (details, query);
  json_object_set_int_member (details, "business_id", business_id);
  json_object_set_string_member (details, "reason", reason_text);
  return jhk_service_commit_new (db, actor, id, "trail_request.create", "trail_request",
                                 details, error);
}

/* The request still waits for the システム管理者, read again under the
 * write lock. */
static JhkTrailRequest *
load_open_request (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       request_id,
                   GError     **error)
{
  JhkTrailRequest *r = load_request (db, actor, request_id, error);

  if (r != NULL && !g_str_equal (r->status, "requested"))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           g_str_equal (r->status, "produced")
                           ? _("This trail request was produced already.")
                           : _("This trail request was refused already."));
      g_clear_pointer (&r, jhk_trail_request_free);
    }
  return r;
}

gboolean
jhk_trail_requests_produce (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       request_id,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(JhkTrailRequest) r = NULL;
  g_autoptr(JhkTrailRequest) again = NULL;   /* under the write lock */
  g_autoptr(JsonObject) details = json_object_new ();
  g_auto(Condition) c = { 0 };
  g_autofree char *tmp = NULL;
  g_autofree char *sha = NULL;
  JhkTrailQuery query = { 0 };
  guint rows = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!require_sysadmin (actor, _("Only the system administrator produces the output of a "
                                  "trail request."), error) ||
      !require_path (path, error))
    return FALSE;
  r = load_open_request (db, actor, request_id, error);
  if (r == NULL)
    return FALSE;
  query.staff_no = r->staff_no;
  query.office_code = r->office_code;
  query.terminal = r->terminal;
  query.date_from = r->date_from;
  query.date_to = r->date_to;
  query.text = r->text;
  query.business_id = r->business_id;
  /* The file first, as jhk_trails_export(); the request is read again
   * under the write lock, and a request handled meanwhile is refused. */
  if (!build_condition (db, actor, &query, &c, error) ||
      !write_trails (db, &c, path, &tmp, &rows, &sha, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  again = load_open_request (db, actor, request_id, error);
  if (again == NULL)
    {
      g_unlink (tmp);
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE trail_requests SET status = 'produced', handled_by = ?, handled_at = ?,"
                   " n_rows = ?, sha256 = ? WHERE id = ? AND status = 'requested'",
                   JHK_IZ (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_I (rows), JHK_T (sha), JHK_I (request_id), JHK_DB_END) ||
      !rename_into_place (tmp, path, error))
    {
      if (tmp != NULL)
        g_unlink (tmp);
      goto fail;
    }
  query_to_json (details, &query);
  json_object_set_string_member (details, "file", path);
  json_object_set_int_member (details, "rows", rows);
  json_object_set_string_member (details, "sha256", sha);
  if (!jhk_service_commit_id (db, actor, "trail_request.produce", "trail_request", request_id,
                              details, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_trail_requests_decline (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       request_id,
                            const char  *comment,
                            GError     **error)
{
  g_autoptr(JhkTrailRequest) r = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!require_sysadmin (actor, _("Only the system administrator declines a trail request."),
                         error))
    return FALSE;
  text = g_strstrip (g_strdup (jhk_service_or_empty (comment)));
  if (jhk_is_blank (text))
    return jhk_service_invalid (error, _("Say why the trail request is declined."));
  if (!jhk_service_text_fits (text, 1000))
    return jhk_service_invalid (error, _("The comment is too long: at most 1000 characters."));
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  r = load_open_request (db, actor, request_id, error);
  if (r == NULL ||
      !jhk_db_run (db, error,
                   "UPDATE trail_requests SET status = 'declined', handled_by = ?, handled_at = ?,"
                   " comment = ? WHERE id = ? AND status = 'requested'",
                   JHK_IZ (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_T (text), JHK_I (request_id), JHK_DB_END))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  json_object_set_string_member (details, "comment", text);
  return jhk_service_commit_id (db, actor, "trail_request.decline", "trail_request", request_id,
                                details, error);
}

JhkQueryModel *
jhk_trail_requests_list_model (JhkDb      *db,
                               JhkSession *actor)
{
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  model = jhk_query_model_new (db,
                               "r.id AS id, s.name AS requester, b.name AS business, r.reason,"
                               " r.date_from, r.date_to, r.status, r.requested_at, r.n_rows",
                               "trail_requests r"
                               " LEFT JOIN staff s ON s.id = r.requested_by"
                               " LEFT JOIN businesses b ON b.id = r.business_id",
                               "r.id");
  jhk_query_model_set_id_from (model, "trail_requests r");
  if (!is_sysadmin (actor))
    jhk_query_model_set_filter (model, "r.requested_by = ?",
                                g_variant_new ("(x)", jhk_session_get_staff_id (actor)));
  jhk_query_model_set_order (model, "r.id DESC");
  if (!jhk_query_model_refresh (model, &error))
    g_warning ("Could not read the trail requests: %s", error->message);
  return model;
}
