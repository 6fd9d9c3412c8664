/* jhk-retention.c: the end of retention and the purge (R15-3). */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-ledger-query.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-sysdocs.h"
#include "jhk-util.h"

static char *
shift_years (const char *date,
             int         years)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  if (!g_date_valid (&d))
    return NULL;
  /* GLib keeps the day of the month where it can, else the last day. */
  if (years < 0)
    g_date_subtract_years (&d, -years);
  else
    g_date_add_years (&d, years);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

char *
jhk_retention_cutoff (void)
{
  g_autofree char *today = jhk_today ();

  return shift_years (today, -JHK_RETENTION_YEARS);
}

char *
jhk_retention_ends_on (const char *last_entry_on)
{
  return shift_years (last_entry_on, JHK_RETENTION_YEARS);
}

static int
by_last_entry (gconstpointer a,
               gconstpointer b)
{
  const JhkLedgerMaterial *ma = *(JhkLedgerMaterial **) a;
  const JhkLedgerMaterial *mb = *(JhkLedgerMaterial **) b;
  int c = strcmp (ma->last_entry_on, mb->last_entry_on);

  return c != 0 ? c : (ma->id > mb->id) - (ma->id < mb->id);
}

GPtrArray *
jhk_retention_list_expired (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       office_id,
                            GError     **error)
{
  g_autofree char *cutoff = jhk_retention_cutoff ();
  JhkLedgerFilter filter = {
    .office_id = office_id,
    .status = "closed",       /* not purged, final disposition made */
    .last_entry_by = cutoff,
  };
  GPtrArray *list = jhk_ledger_query_list_full (db, actor, &filter, error);

  if (list != NULL)
    g_ptr_array_sort (list, by_last_entry);
  return list;
}

gboolean
jhk_retention_may_purge (JhkDb      *db,
                         JhkSession *actor,
                         gint64      office_id)
{
  return jhk_sysdocs_is_ops_manager (db, actor, office_id);
}

/* Rows of the material in a table, for the audit entry. */
static gint64
count_rows (JhkDb      *db,
            const char *sql,
            gint64      material_id)
{
  gint64 n = 0;

  jhk_db_query_int64 (db, &n, NULL, sql, JHK_I (material_id), JHK_DB_END);
  return n;
}

/* The material's rows that a purge deletes, those that refer to others
 * first: approvals (0007) refer to the events they were used for,
 * transfers (0008) to their hand-over event. The same list is in
 * jhk_purge_material_history() of 0009-system-documents.pg.sql. */
static const char *const history_tables[] = {
  "material_approvals", "material_signoffs", "material_signoff_requests", "transfers",
  "material_events", "material_dispositions", NULL
};

/* On a server users cannot delete history (0005): a function of
 * 0009-system-documents.pg.sql deletes that of a purged material. */
static gboolean
delete_history (JhkDb   *db,
                gint64   material_id,
                GError **error)
{
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql"))
    return jhk_db_query_int64 (db, NULL, error, "SELECT 1 FROM jhk_purge_material_history (?)",
                               JHK_I (material_id), JHK_DB_END);
  for (guint i = 0; history_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE material_id = ?",
                                              history_tables[i]);

      if (!jhk_db_run (db, error, sql, JHK_I (material_id), JHK_DB_END))
        return FALSE;
    }
  return TRUE;
}

gboolean
jhk_retention_purge (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       material_id,
                     GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *status = NULL;
  g_autofree char *last_entry_on = NULL;
  g_autofree char *category = NULL;
  g_autofree char *cutoff = jhk_retention_cutoff ();
  g_autofree char *ends_on = NULL;
  gint64 office_id, purged_at, n_events, n_viewers;
  gboolean has_disposition;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Read again under the write lock: what is purged is what was checked. */
  stmt = jhk_service_query_row (db, _("There is no such material."), error,
                                "SELECT org_unit_id, status, last_entry_on, COALESCE(purged_at, 0),"
                                " category FROM materials WHERE id = ?",
                                JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    goto fail;
  office_id = jhk_db_stmt_get_int64 (stmt, 0);
  status = jhk_db_stmt_dup_text (stmt, 1);
  last_entry_on = jhk_db_stmt_dup_text (stmt, 2);
  purged_at = jhk_db_stmt_get_int64 (stmt, 3);
  category = jhk_db_stmt_dup_text (stmt, 4);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (!jhk_retention_may_purge (db, actor, office_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager purges materials whose "
                             "retention has ended."));
      goto fail;
    }
  if (purged_at != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This material has been purged already."));
      goto fail;
    }
  if (!g_str_equal (status, "closed"))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("An open material is kept: only a material after its final "
                             "disposition comes to the end of its retention."));
      goto fail;
    }
  if (strcmp (last_entry_on, cutoff) > 0)
    {
      ends_on = jhk_retention_ends_on (last_entry_on);
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The retention of this material ends on %s, five years after its last "
                     "entry."), ends_on);
      goto fail;
    }

  n_events = count_rows (db, "SELECT COUNT(*) FROM material_events WHERE material_id = ?",
                         material_id);
  for (guint i = 0; history_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE material_id = ?",
                                              history_tables[i]);

      json_object_set_int_member (details, history_tables[i], count_rows (db, sql, material_id));
    }
  n_viewers = count_rows (db, "SELECT COUNT(*) FROM material_viewers WHERE material_id = ?",
                          material_id);
  has_disposition = count_rows (db, "SELECT COUNT(*) FROM material_dispositions"
                                " WHERE material_id = ?", material_id) > 0;

  /* The tombstone first: on a server, only the history of a purged
   * material may be deleted (0009-system-documents.pg.sql). The
   * conditions again, so that nothing else is ever emptied. */
  if (!jhk_db_run (db, error,
                   "UPDATE materials SET name = '', breakdown = '', summary = '', purpose = '',"
                   " acquisition_text = '', measure_text = '', purged_at = ?, purged_by = ?"
                   " WHERE id = ? AND status = 'closed' AND purged_at IS NULL"
                   " AND last_entry_on <= ?",
                   JHK_I (jhk_now_us ()), JHK_T (jhk_session_get_login (actor)),
                   JHK_I (material_id), JHK_T (cutoff), JHK_DB_END) ||
      !delete_history (db, material_id, error) ||
      !jhk_db_run (db, error, "DELETE FROM material_viewers WHERE material_id = ?",
                   JHK_I (material_id), JHK_DB_END))
    goto fail;

  json_object_set_int_member (details, "org_unit_id", office_id);
  json_object_set_string_member (details, "category", category);
  json_object_set_string_member (details, "last_entry_on", last_entry_on);
  json_object_set_string_member (details, "retention_ended_on",
                                 ends_on = jhk_retention_ends_on (last_entry_on));
  json_object_set_string_member (details, "purged",
                                 "name, summary, breakdown, purpose, acquisition and measure "
                                 "texts, history, final disposition, approvals, sign-offs, "
                                 "transfers, viewers");
  json_object_set_int_member (details, "events", n_events);
  json_object_set_boolean_member (details, "disposition", has_disposition);
  json_object_set_int_member (details, "viewers", n_viewers);
  return jhk_service_commit_id (db, actor, "material.purge", "material", material_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}
