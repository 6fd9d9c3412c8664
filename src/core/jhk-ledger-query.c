/* jhk-ledger-query.c: the materials ledger, read (第15-第17). */
#include <glib/gi18n-lib.h>

#include "jhk-ledger.h"
#include "jhk-ledger-query.h"
#include "jhk-policy.h"
#include "jhk-service-private.h"
#include "jhk-signoffs.h"
#include "jhk-sysdocs.h"

static void
event_free (JhkLedgerEvent *event)
{
  g_free (event->happened_on);
  g_free (event->kind);
  g_free (event->handler_staff_no);
  g_free (event->handler_name);
  g_free (event->handler_section);
  g_free (event->confirmer_name);
  g_free (event->counterpart);
  g_free (event->method);
  g_free (event->witness_name);
  g_free (event->copy_basis);
  g_free (event->note);
  g_free (event);
}

static void
disposition_free (JhkLedgerDisposition *disposition)
{
  g_free (disposition->happened_on);
  g_free (disposition->kind);
  g_free (disposition->method);
  g_free (disposition->handler_staff_no);
  g_free (disposition->handler_name);
  g_free (disposition->handler_section);
  g_free (disposition->witness_name);
  g_free (disposition->counterpart);
  g_free (disposition->note);
  g_free (disposition);
}

void
jhk_ledger_material_free (JhkLedgerMaterial *m)
{
  if (m == NULL)
    return;
  g_free (m->office_code);
  g_free (m->office_name);
  g_free (m->direction);
  g_free (m->name);
  g_free (m->breakdown);
  g_free (m->summary);
  g_free (m->business_code);
  g_free (m->business_name);
  g_free (m->handler_staff_no);
  g_free (m->handler_name);
  g_free (m->handler_section);
  g_free (m->purpose);
  g_free (m->creation_reason);
  g_free (m->acquired_on);
  g_free (m->acquisition_method);
  g_free (m->acquisition_text);
  g_free (m->acquired_by_name);
  g_free (m->acquired_by_section);
  g_free (m->measure);
  g_free (m->measure_text);
  g_free (m->storage_place);
  g_free (m->status);
  g_free (m->last_entry_on);
  g_free (m->category);
  g_free (m->purged_by);
  g_clear_pointer (&m->events, g_ptr_array_unref);
  g_clear_pointer (&m->disposition, disposition_free);
  g_clear_pointer (&m->signoffs, g_ptr_array_unref);
  g_free (m);
}

/* The ledger's writers' rule (jhk_ledger_may_keep_office), and for reading
 * also the 総括責任者 and the システム管理者. */
static gboolean
may_view_office (JhkDb      *db,
                 JhkSession *actor,
                 gint64      office_id)
{
  return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
         jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
         jhk_ledger_may_keep_office (db, actor, office_id);
}

static gboolean
is_viewer (JhkDb      *db,
           JhkSession *actor,
           gint64      material_id)
{
  return jhk_session_get_staff_id (actor) != 0 &&
         jhk_db_query_int64 (db, NULL, NULL,
                             "SELECT staff_id FROM material_viewers"
                             " WHERE material_id = ? AND staff_id = ?",
                             JHK_I (material_id), JHK_I (jhk_session_get_staff_id (actor)),
                             JHK_DB_END);
}

gboolean
jhk_ledger_may_view (JhkDb      *db,
                     JhkSession *actor,
                     gint64      material_id,
                     gint64      office_id,
                     const char *category)
{
  if (may_view_office (db, actor, office_id))
    return TRUE;
  return jhk_sysdocs_is_restricted (category) && is_viewer (db, actor, material_id);
}

#define MATERIAL_COLUMNS \
  "m.id, m.org_unit_id, o.code, o.name, m.direction, m.name, m.quantity, m.breakdown," \
  " m.summary, b.code, b.name, hs.staff_no, hs.name, sec.name, m.purpose, m.designated," \
  " m.personal_data, m.creation_reason, m.acquired_on, m.acquisition_method," \
  " m.acquisition_text, ab.name, absec.name, m.measure, m.measure_text, sp.name," \
  " m.original_id, m.quantity_on_hand, m.quantity_lent, m.status, m.last_entry_on," \
  " m.category, m.printed_manual, m.purged_at, m.purged_by" \
  " FROM materials m" \
  " LEFT JOIN org_units o ON o.id = m.org_unit_id" \
  " LEFT JOIN businesses b ON b.id = m.business_id" \
  " LEFT JOIN staff hs ON hs.id = m.handler_staff_id" \
  " LEFT JOIN org_units sec ON sec.id = m.handler_section_id" \
  " LEFT JOIN staff ab ON ab.id = m.acquired_by" \
  " LEFT JOIN org_units absec ON absec.id = ab.org_unit_id" \
  " LEFT JOIN storage_places sp ON sp.id = m.storage_place_id"

static JhkLedgerMaterial *
material_from_row (JhkDbStmt *stmt)
{
  JhkLedgerMaterial *m = g_new0 (JhkLedgerMaterial, 1);
  int c = 0;

  m->id = jhk_db_stmt_get_int64 (stmt, c++);
  m->office_id = jhk_db_stmt_get_int64 (stmt, c++);
  m->office_code = jhk_db_stmt_dup_text (stmt, c++);
  m->office_name = jhk_db_stmt_dup_text (stmt, c++);
  m->direction = jhk_db_stmt_dup_text (stmt, c++);
  m->name = jhk_db_stmt_dup_text (stmt, c++);
  m->quantity = jhk_db_stmt_get_int64 (stmt, c++);
  m->breakdown = jhk_db_stmt_dup_text (stmt, c++);
  m->summary = jhk_db_stmt_dup_text (stmt, c++);
  m->business_code = jhk_db_stmt_dup_text (stmt, c++);
  m->business_name = jhk_db_stmt_dup_text (stmt, c++);
  m->handler_staff_no = jhk_db_stmt_dup_text (stmt, c++);
  m->handler_name = jhk_db_stmt_dup_text (stmt, c++);
  m->handler_section = jhk_db_stmt_dup_text (stmt, c++);
  m->purpose = jhk_db_stmt_dup_text (stmt, c++);
  m->designated = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  m->personal_data = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  m->creation_reason = jhk_db_stmt_dup_text (stmt, c++);
  m->acquired_on = jhk_db_stmt_dup_text (stmt, c++);
  m->acquisition_method = jhk_db_stmt_dup_text (stmt, c++);
  m->acquisition_text = jhk_db_stmt_dup_text (stmt, c++);
  m->acquired_by_name = jhk_db_stmt_dup_text (stmt, c++);
  m->acquired_by_section = jhk_db_stmt_dup_text (stmt, c++);
  m->measure = jhk_db_stmt_dup_text (stmt, c++);
  m->measure_text = jhk_db_stmt_dup_text (stmt, c++);
  m->storage_place = jhk_db_stmt_dup_text (stmt, c++);
  m->original_id = jhk_db_stmt_get_int64 (stmt, c++);
  m->quantity_on_hand = jhk_db_stmt_get_int64 (stmt, c++);
  m->quantity_lent = jhk_db_stmt_get_int64 (stmt, c++);
  m->status = jhk_db_stmt_dup_text (stmt, c++);
  m->last_entry_on = jhk_db_stmt_dup_text (stmt, c++);
  m->category = jhk_db_stmt_dup_text (stmt, c++);
  m->printed_manual = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  m->purged_at = jhk_db_stmt_get_int64 (stmt, c++);
  m->purged_by = jhk_db_stmt_dup_text (stmt, c++);
  /* R15-3: the tombstone shows what is left, and nothing of whom. */
  if (m->purged_at != 0)
    {
      g_free (m->status);
      m->status = g_strdup ("purged");
      g_clear_pointer (&m->business_code, g_free);
      g_clear_pointer (&m->business_name, g_free);
      g_clear_pointer (&m->handler_staff_no, g_free);
      g_clear_pointer (&m->handler_name, g_free);
      g_clear_pointer (&m->handler_section, g_free);
      g_clear_pointer (&m->acquired_by_name, g_free);
      g_clear_pointer (&m->acquired_by_section, g_free);
      g_clear_pointer (&m->storage_place, g_free);
    }
  return m;
}

static gboolean
load_events (JhkDb              *db,
             JhkLedgerMaterial  *m,
             GError            **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  m->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  stmt = jhk_db_query (db, error,
                       "SELECT e.id, e.happened_on, e.kind, e.quantity, hs.staff_no, hs.name,"
                       " sec.name, cs.name, e.counterpart, e.method, ws.name, e.copy_basis,"
                       " e.copy_material_id, e.note"
                       " FROM material_events e"
                       " LEFT JOIN staff hs ON hs.id = e.handler_staff_id"
                       " LEFT JOIN org_units sec ON sec.id = hs.org_unit_id"
                       " LEFT JOIN staff cs ON cs.id = e.confirmed_by"
                       " LEFT JOIN staff ws ON ws.id = e.witness_staff_id"
                       " WHERE e.material_id = ? ORDER BY e.happened_on, e.id",
                       JHK_I (m->id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkLedgerEvent *e = g_new0 (JhkLedgerEvent, 1);

      e->id = jhk_db_stmt_get_int64 (stmt, 0);
      e->happened_on = jhk_db_stmt_dup_text (stmt, 1);
      e->kind = jhk_db_stmt_dup_text (stmt, 2);
      e->quantity = jhk_db_stmt_get_int64 (stmt, 3);
      e->handler_staff_no = jhk_db_stmt_dup_text (stmt, 4);
      e->handler_name = jhk_db_stmt_dup_text (stmt, 5);
      e->handler_section = jhk_db_stmt_dup_text (stmt, 6);
      e->confirmer_name = jhk_db_stmt_dup_text (stmt, 7);
      e->counterpart = jhk_db_stmt_dup_text (stmt, 8);
      e->method = jhk_db_stmt_dup_text (stmt, 9);
      e->witness_name = jhk_db_stmt_dup_text (stmt, 10);
      e->copy_basis = jhk_db_stmt_dup_text (stmt, 11);
      e->copy_material_id = jhk_db_stmt_get_int64 (stmt, 12);
      e->note = jhk_db_stmt_dup_text (stmt, 13);
      g_ptr_array_add (m->events, e);
    }
  return step != JHK_DB_FAILED;
}

static gboolean
load_disposition (JhkDb              *db,
                  JhkLedgerMaterial  *m,
                  GError            **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkLedgerDisposition *d;
  JhkDbStep step;

  stmt = jhk_db_query (db, error,
                       "SELECT d.happened_on, d.kind, d.method, d.quantity, hs.staff_no, hs.name,"
                       " sec.name, ws.name, d.counterpart, d.note"
                       " FROM material_dispositions d"
                       " LEFT JOIN staff hs ON hs.id = d.handler_staff_id"
                       " LEFT JOIN org_units sec ON sec.id = hs.org_unit_id"
                       " LEFT JOIN staff ws ON ws.id = d.witness_staff_id"
                       " WHERE d.material_id = ?",
                       JHK_I (m->id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step != JHK_DB_ROW)
    return TRUE;
  d = g_new0 (JhkLedgerDisposition, 1);
  d->happened_on = jhk_db_stmt_dup_text (stmt, 0);
  d->kind = jhk_db_stmt_dup_text (stmt, 1);
  d->method = jhk_db_stmt_dup_text (stmt, 2);
  d->quantity = jhk_db_stmt_get_int64 (stmt, 3);
  d->handler_staff_no = jhk_db_stmt_dup_text (stmt, 4);
  d->handler_name = jhk_db_stmt_dup_text (stmt, 5);
  d->handler_section = jhk_db_stmt_dup_text (stmt, 6);
  d->witness_name = jhk_db_stmt_dup_text (stmt, 7);
  d->counterpart = jhk_db_stmt_dup_text (stmt, 8);
  d->note = jhk_db_stmt_dup_text (stmt, 9);
  m->disposition = d;
  return TRUE;
}

JhkLedgerMaterial *
jhk_ledger_query_material (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       material_id,
                           GError     **error)
{
  g_autoptr(JhkLedgerMaterial) m = NULL;

  if (!jhk_service_query_object (db, (JhkServiceFromRow) material_from_row, (gpointer *) &m,
                                 error, "SELECT " MATERIAL_COLUMNS " WHERE m.id = ?",
                                 JHK_I (material_id), JHK_DB_END))
    return NULL;
  /* One answer for "none" and "not yours": the ledger of another office is
   * not even confirmed to exist. */
  if (m == NULL || !jhk_ledger_may_view (db, actor, m->id, m->office_id, m->category))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no material %lld in the ledgers you keep."),
                   (long long) material_id);
      return NULL;
    }
  if (!load_events (db, m, error) || !load_disposition (db, m, error) ||
      (m->signoffs = jhk_signoffs_list (db, m->id, error)) == NULL)
    return NULL;
  m->final_signoff_requested = jhk_signoffs_final_requested (db, m->id);
  return g_steal_pointer (&m);
}

GPtrArray *
jhk_ledger_query_list (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       office_id,
                       const char  *status,
                       GError     **error)
{
  JhkLedgerFilter filter = { .office_id = office_id, .status = status };

  return jhk_ledger_query_list_full (db, actor, &filter, error);
}

GPtrArray *
jhk_ledger_query_list_full (JhkDb                 *db,
                            JhkSession            *actor,
                            const JhkLedgerFilter *filter,
                            GError               **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_ledger_material_free);
  g_autoptr(GHashTable) allowed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         NULL);
  g_autoptr(JhkDbStmt) stmt = NULL;
  const char *status = filter->status != NULL ? filter->status : "";
  const char *stored_status = g_str_equal (status, "purged") ? "closed" : status;
  gint64 office_id = filter->office_id;
  JhkDbStep step;

  /* The office's ledger is its keepers'; a named viewer of a system
   * document (R18-3) sees only those (filtered below). */
  if (office_id != 0 && !may_view_office (db, actor, office_id) &&
      !jhk_db_query_int64 (db, NULL, NULL,
                           "SELECT v.material_id FROM material_viewers v"
                           " JOIN materials m ON m.id = v.material_id"
                           " WHERE v.staff_id = ? AND m.org_unit_id = ? LIMIT 1",
                           JHK_I (jhk_session_get_staff_id (actor)), JHK_I (office_id),
                           JHK_DB_END))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager, information management "
                             "lead, information manager or assistant keep its materials "
                             "ledger."));
      return NULL;
    }
  stmt = jhk_db_query (db, error,
                       "SELECT " MATERIAL_COLUMNS
                       " WHERE (? = 0 OR m.org_unit_id = ?) AND (? = '' OR m.status = ?)"
                       " AND (? = '' OR (m.purged_at IS NOT NULL) = (? = 'purged'))"
                       " AND (? = '' OR m.category = ?)"
                       " AND (? = '' OR m.last_entry_on <= ?)"
                       " ORDER BY m.acquired_on DESC, m.id DESC",
                       JHK_I (office_id), JHK_I (office_id), JHK_T (stored_status),
                       JHK_T (stored_status), JHK_T (status), JHK_T (status),
                       JHK_T (filter->category ? filter->category : ""),
                       JHK_T (filter->category ? filter->category : ""),
                       JHK_T (filter->last_entry_by ? filter->last_entry_by : ""),
                       JHK_T (filter->last_entry_by ? filter->last_entry_by : ""), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (list, material_from_row (stmt));
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (step == JHK_DB_FAILED)
    return NULL;

  /* Which offices the actor keeps, asked once each, after the statement
   * is done (the checks query too); a restricted system document also by
   * its viewers. */
  for (guint i = list->len; i > 0; i--)
    {
      JhkLedgerMaterial *m = g_ptr_array_index (list, i - 1);
      gpointer known = g_hash_table_lookup (allowed, &m->office_id);

      if (known == NULL)
        {
          known = GINT_TO_POINTER (may_view_office (db, actor, m->office_id) ? 1 : 2);
          g_hash_table_insert (allowed, g_memdup2 (&m->office_id, sizeof m->office_id), known);
        }
      if (GPOINTER_TO_INT (known) == 2 &&
          !(jhk_sysdocs_is_restricted (m->category) && is_viewer (db, actor, m->id)))
        g_ptr_array_remove_index (list, i - 1);
    }
  return g_steal_pointer (&list);
}
