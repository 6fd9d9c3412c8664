/* jhk-inquiries.c: the check of 個人情報照会記録 (R14-6).
 *
 * Every write is one transaction: each record is read again inside it,
 * jhk_inquiries_refusal() decides whether the actor may take the step
 * now, the conditional UPDATE changes it only from the state read, and
 * one audit entry names every record of the call. A call over many
 * records is all or none.
 *
 * The done column is kept by these services (stored and indexed, so that
 * lists and the summary count it without reading the states): a record
 * is done when it is confirmed or disputed and checked 適正, or settled by
 * the 運用管理者.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jhk-inquiries.h"
#include "jhk-inquiries-private.h"
#include "jhk-ledger-private.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

#define MAX_COMMENT 500

static gboolean
is_pg (JhkDb *db)
{
  return g_strcmp0 (jhk_db_get_backend_name (db), "postgresql") == 0;
}

/* No 担当幹部 but the officer themself holds the record's 係 (or the
 * office or department above it) today: nobody checks it, since no
 * 担当幹部 checks their own (R14-6). On a server the role rows may lie
 * outside the user's, and 0017-inquiries.pg.sql's function answers. */
static char *
nobody_checks_sql (JhkDb *db)
{
  g_autofree char *today = NULL;

  if (is_pg (db))
    return g_strdup ("jhk_nobody_checks (r.section_id, r.staff_id)");
  today = jhk_today ();
  return g_strdup_printf ("NOT EXISTS (SELECT 1 FROM role_assignments ra"
                          " WHERE ra.role = 'inquiry_supervisor'"
                          " AND ra.staff_id IS NOT r.staff_id"
                          " AND ra.valid_from <= '%s'"
                          " AND (ra.valid_to IS NULL OR ra.valid_to >= '%s')"
                          " AND ra.org_unit_id IN (SELECT r.section_id"
                          " UNION ALL SELECT o1.parent_id FROM org_units o1 WHERE o1.id = r.section_id"
                          " UNION ALL SELECT o2.parent_id FROM org_units o1"
                          " JOIN org_units o2 ON o2.id = o1.parent_id WHERE o1.id = r.section_id))",
                          today, today);
}

/* The records nobody but the 運用管理者 can take: 要確認, or the officer
 * unknown or without an active user, or, once confirmed, a record nobody
 * checks (above). */
char *
jhk_inquiries_to_resolve_sql (JhkDb *db)
{
  g_autofree char *nobody_checks = nobody_checks_sql (db);

  if (is_pg (db))
    return g_strdup_printf ("(r.done = 0 AND r.resolution = '' AND (r.check_state = 'query'"
                            " OR r.staff_id IS NULL OR NOT jhk_staff_has_login (r.staff_id)"
                            " OR (r.confirm_state <> 'pending' AND r.check_state = 'pending'"
                            " AND %s)))", nobody_checks);
  return g_strdup_printf ("(r.done = 0 AND r.resolution = '' AND (r.check_state = 'query'"
                          " OR r.staff_id IS NULL"
                          " OR NOT EXISTS (SELECT 1 FROM users u WHERE u.staff_id = r.staff_id"
                          " AND u.status = 'active')"
                          " OR (r.confirm_state <> 'pending' AND r.check_state = 'pending'"
                          " AND %s)))", nobody_checks);
}

/* Labels ------------------------------------------------------------------ */

const char *
jhk_inquiry_confirm_state_label (const char *state)
{
  static const JhkServiceLabel labels[] = {
    { "pending", N_("To confirm") },
    { "confirmed", N_("Confirmed") },
    { "disputed", N_("Disputed") },
    { NULL }
  };

  return jhk_service_label (labels, state);
}

const char *
jhk_inquiry_check_state_label (const char *state)
{
  static const JhkServiceLabel labels[] = {
    { "pending", N_("To check") },
    { "proper", N_("Proper") },
    { "query", N_("To be examined") },
    { NULL }
  };

  return jhk_service_label (labels, state);
}

const char *
jhk_inquiry_resolution_label (const char *resolution)
{
  static const JhkServiceLabel labels[] = {
    { "", N_("Not settled") },
    { "proper", N_("Proper") },
    { "improper", N_("Improper") },
    { NULL }
  };

  if (resolution == NULL || resolution[0] == '\0')
    return _("Not settled");
  return jhk_service_label (labels, resolution);
}

/* Memory ------------------------------------------------------------------ */

void
jhk_inquiry_record_free (JhkInquiryRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->source_no);
  g_free (r->period);
  g_free (r->office_code);
  g_free (r->office_name);
  g_free (r->staff_no);
  g_free (r->inquirer_name);
  g_free (r->section_name);
  g_free (r->kind);
  g_free (r->reason);
  g_free (r->case_no);
  g_free (r->content);
  g_free (r->terminal);
  g_free (r->flag_data);
  g_free (r->confirm_state);
  g_free (r->confirmed_by_name);
  g_free (r->confirm_comment);
  g_free (r->check_state);
  g_free (r->checked_by_name);
  g_free (r->check_comment);
  g_free (r->resolution);
  g_free (r->resolved_by_name);
  g_free (r->resolution_comment);
  g_free (r);
}

static void
progress_free (JhkInquiryProgress *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->staff_no);
  g_free (p);
}

void
jhk_inquiry_summary_free (JhkInquirySummary *s)
{
  if (s == NULL)
    return;
  g_free (s->office_name);
  g_free (s->period);
  g_free (s->total.name);
  g_free (s->total.staff_no);
  g_clear_pointer (&s->sections, g_ptr_array_unref);
  g_clear_pointer (&s->officers, g_ptr_array_unref);
  g_free (s->daily);
  g_free (s->daily_flagged);
  g_free (s->signed_off_by_name);
  g_free (s->sign_off_comment);
  g_free (s);
}

/* Who ------------------------------------------------------------------------ */

static gboolean
is_admin (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
         jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

/* The office's 運用管理者 (a grant of the office or above it). */
static gboolean
is_ops_manager (JhkDb      *db,
                JhkSession *actor,
                gint64      office_id)
{
  return office_id != 0 && jhk_session_get_staff_id (actor) != 0 &&
         jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, office_id);
}

/* A 担当幹部 whose 係 covers the section. */
static gboolean
is_supervisor_of (JhkDb      *db,
                  JhkSession *actor,
                  gint64      section_id)
{
  return section_id != 0 && jhk_session_get_staff_id (actor) != 0 &&
         jhk_policy_has_role_for_org (db, actor, JHK_ROLE_INQUIRY_SUPERVISOR, section_id);
}

static gboolean
may_see (JhkDb                  *db,
         JhkSession             *actor,
         const JhkInquiryRecord *r)
{
  gint64 staff = jhk_session_get_staff_id (actor);

  return is_admin (actor) || (staff != 0 && r->staff_id == staff) ||
         is_supervisor_of (db, actor, r->section_id) || is_ops_manager (db, actor, r->office_id);
}

/* The record's officer has no active user, or is unknown. */
static gboolean
nobody_else (JhkDb                  *db,
             const JhkInquiryRecord *r)
{
  gint64 n = 0;

  if (r->staff_id == 0)
    return TRUE;
  return !jhk_db_query_int64 (db, &n, NULL,
                              is_pg (db) ? "SELECT CASE WHEN jhk_staff_has_login (?) THEN 1"
                                           " ELSE 0 END"
                                         : "SELECT COUNT(*) FROM users WHERE staff_id = ?"
                                           " AND status = 'active'",
                              JHK_I (r->staff_id), JHK_DB_END) ||
         n == 0;
}

/* Nobody checks the record (nobody_checks_sql). */
static gboolean
nobody_checks (JhkDb                  *db,
               const JhkInquiryRecord *r)
{
  g_autofree char *condition = nobody_checks_sql (db);
  g_autofree char *sql = g_strdup_printf ("SELECT CASE WHEN %s THEN 1 ELSE 0 END"
                                          " FROM inquiry_records r WHERE r.id = ?", condition);
  gint64 n = 0;

  return jhk_db_query_int64 (db, &n, NULL, sql, JHK_I (r->id), JHK_DB_END) && n == 1;
}

static gboolean
is_pending (const char *state)
{
  return g_strcmp0 (state, "pending") == 0;
}

/* Refusals ------------------------------------------------------------------ */

static const char *
refusal (JhkDb                  *db,
         JhkSession             *actor,
         const JhkInquiryRecord *r,
         JhkInquiryAction        action,
         int                    *out_code)
{
  int unused_code;
  int *code = out_code != NULL ? out_code : &unused_code;
  gint64 staff = jhk_session_get_staff_id (actor);

  *code = JHK_POLICY_ERROR_DENIED;
  switch (action)
    {
    case JHK_INQUIRY_CONFIRM:
      if (staff == 0 || r->staff_id != staff)
        return _("Only the officer who made an inquiry confirms it.");
      break;
    case JHK_INQUIRY_CHECK:
      if (!is_supervisor_of (db, actor, r->section_id))
        return _("Only a supervisor of the officer's section checks an inquiry.");
      if (r->staff_id == staff)
        return _("A supervisor does not check their own inquiries: the operations manager "
                 "settles them.");
      break;
    case JHK_INQUIRY_RESOLVE:
      if (!is_ops_manager (db, actor, r->office_id))
        return _("Only the office's operations manager settles an inquiry.");
      break;
    default:
      *code = JHK_POLICY_ERROR_INVALID;
      return _("This step of the inquiry check is unknown.");
    }

  *code = JHK_POLICY_ERROR_CONFLICT;
  if (r->signed_off)
    return _("The office's month of this inquiry is signed off: nothing of it changes.");
  if (r->done || (r->resolution != NULL && r->resolution[0] != '\0'))
    return _("This inquiry is checked already.");
  switch (action)
    {
    case JHK_INQUIRY_CONFIRM:
      if (!is_pending (r->confirm_state))
        return _("This inquiry is confirmed already.");
      return NULL;
    case JHK_INQUIRY_CHECK:
      if (is_pending (r->confirm_state))
        return _("The officer confirms the inquiry before it is checked.");
      if (!is_pending (r->check_state))
        return _("This inquiry is checked already.");
      return NULL;
    case JHK_INQUIRY_RESOLVE:
    default:
      if (g_strcmp0 (r->check_state, "query") == 0 || nobody_else (db, r))
        return NULL;
      if (nobody_checks (db, r))
        {
          if (is_pending (r->confirm_state))
            return _("The officer confirms the inquiry before it is settled.");
          return NULL;
        }
      return _("The operations manager settles only an inquiry to be examined, or one "
               "whose officer is unknown or has no login, or that no other supervisor of "
               "the section can check.");
    }
}

const char *
jhk_inquiries_refusal (JhkDb                  *db,
                       JhkSession             *actor,
                       const JhkInquiryRecord *record,
                       JhkInquiryAction        action)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return refusal (db, actor, record, action, NULL);
}

/* Reading ------------------------------------------------------------------- */

#define RECORD_COLUMNS \
  "r.id, r.source_no, r.at, r.period, r.office_code, r.office_id, o.name, r.staff_no," \
  " r.staff_id, r.inquirer_name, r.section_id, sec.name, r.kind, r.reason, r.case_no," \
  " r.content, r.terminal, r.imported_at, r.flags, r.flag_data," \
  " r.confirm_state, r.confirmed_by, cs.name, r.confirmed_at, r.confirm_comment," \
  " r.check_state, r.checked_by, ks.name, r.checked_at, r.check_comment," \
  " r.resolution, r.resolved_by, rs.name, r.resolved_at, r.resolution_comment," \
  " r.done, p.id" \
  " FROM inquiry_records r" \
  " LEFT JOIN org_units o ON o.id = r.office_id" \
  " LEFT JOIN org_units sec ON sec.id = r.section_id" \
  " LEFT JOIN staff cs ON cs.id = r.confirmed_by" \
  " LEFT JOIN staff ks ON ks.id = r.checked_by" \
  " LEFT JOIN staff rs ON rs.id = r.resolved_by" \
  " LEFT JOIN inquiry_periods p ON p.office_id = r.office_id AND p.period = r.period"

static JhkInquiryRecord *
record_from_row (JhkDbStmt *stmt)
{
  JhkInquiryRecord *r = g_new0 (JhkInquiryRecord, 1);
  int c = 0;

  r->id = jhk_db_stmt_get_int64 (stmt, c++);
  r->source_no = jhk_service_dup_text (stmt, c++);
  r->at = jhk_db_stmt_get_int64 (stmt, c++);
  r->period = jhk_service_dup_text (stmt, c++);
  r->office_code = jhk_service_dup_text (stmt, c++);
  r->office_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->office_name = jhk_service_dup_text (stmt, c++);
  r->staff_no = jhk_service_dup_text (stmt, c++);
  r->staff_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->inquirer_name = jhk_service_dup_text (stmt, c++);
  r->section_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->section_name = jhk_service_dup_text (stmt, c++);
  r->kind = jhk_service_dup_text (stmt, c++);
  r->reason = jhk_service_dup_text (stmt, c++);
  r->case_no = jhk_service_dup_text (stmt, c++);
  r->content = jhk_service_dup_text (stmt, c++);
  r->terminal = jhk_service_dup_text (stmt, c++);
  r->imported_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->flags = (guint) jhk_db_stmt_get_int64 (stmt, c++);
  r->flag_data = jhk_service_dup_text (stmt, c++);
  r->confirm_state = jhk_service_dup_text (stmt, c++);
  r->confirmed_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->confirmed_by_name = jhk_service_dup_text (stmt, c++);
  r->confirmed_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->confirm_comment = jhk_service_dup_text (stmt, c++);
  r->check_state = jhk_service_dup_text (stmt, c++);
  r->checked_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->checked_by_name = jhk_service_dup_text (stmt, c++);
  r->checked_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->check_comment = jhk_service_dup_text (stmt, c++);
  r->resolution = jhk_service_dup_text (stmt, c++);
  r->resolved_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->resolved_by_name = jhk_service_dup_text (stmt, c++);
  r->resolved_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->resolution_comment = jhk_service_dup_text (stmt, c++);
  r->done = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  r->signed_off = !jhk_db_stmt_is_null (stmt, c);
  return r;
}

static void
set_not_found (GError **error,
               gint64   id)
{
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
               _("There is no inquiry record %lld."), (long long) id);
}

static JhkInquiryRecord *
load_record (JhkDb       *db,
             JhkSession  *actor,
             gint64       id,
             GError     **error)
{
  g_autoptr(JhkInquiryRecord) r = NULL;

  if (!jhk_service_query_object (db, (JhkServiceFromRow) record_from_row, (gpointer *) &r, error,
                                 "SELECT " RECORD_COLUMNS " WHERE r.id = ?",
                                 JHK_I (id), JHK_DB_END))
    return NULL;
  if (r == NULL || !may_see (db, actor, r))
    {
      set_not_found (error, id);
      return NULL;
    }
  return g_steal_pointer (&r);
}

JhkInquiryRecord *
jhk_inquiries_get (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       id,
                   GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  return load_record (db, actor, id, error);
}

/* The steps ------------------------------------------------------------------- */

static gboolean
check_comment (const char  *comment,
               gboolean     required,
               GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (jhk_service_or_empty (comment)));

  if (!jhk_service_text_fits (jhk_service_or_empty (comment), MAX_COMMENT))
    return jhk_service_invalid (error, _("The comment is too long (at most 500 characters)."));
  if (required && stripped[0] == '\0')
    return jhk_service_invalid (error, _("Give a comment: what was found, or why."));
  return TRUE;
}

/* The UPDATE of one step, its parameters after the values of the step:
 * the id, then the state read. */
static gboolean
apply_step (JhkDb                  *db,
            const JhkInquiryRecord *r,
            JhkInquiryAction        action,
            gboolean                second,
            gint64                  staff,
            const char             *comment,
            GError                **error)
{
  gint64 now = jhk_now_us ();

  switch (action)
    {
    case JHK_INQUIRY_CONFIRM:
      if (!jhk_db_run (db, error,
                       "UPDATE inquiry_records SET confirm_state = ?, confirmed_by = ?,"
                       " confirmed_at = ?, confirm_comment = ?"
                       " WHERE id = ? AND confirm_state = 'pending' AND done = 0",
                       JHK_T (second ? "disputed" : "confirmed"), JHK_I (staff), JHK_I (now),
                       JHK_T (comment), JHK_I (r->id), JHK_DB_END))
        return FALSE;
      break;
    case JHK_INQUIRY_CHECK:
      if (!jhk_db_run (db, error,
                       "UPDATE inquiry_records SET check_state = ?, checked_by = ?,"
                       " checked_at = ?, check_comment = ?, done = ?"
                       " WHERE id = ? AND check_state = 'pending' AND confirm_state <> 'pending'"
                       " AND done = 0",
                       JHK_T (second ? "query" : "proper"), JHK_I (staff), JHK_I (now),
                       JHK_T (comment), JHK_I (second ? 0 : 1), JHK_I (r->id), JHK_DB_END))
        return FALSE;
      break;
    case JHK_INQUIRY_RESOLVE:
    default:
      if (!jhk_db_run (db, error,
                       "UPDATE inquiry_records SET resolution = ?, resolved_by = ?,"
                       " resolved_at = ?, resolution_comment = ?, done = 1"
                       " WHERE id = ? AND resolution = '' AND done = 0",
                       JHK_T (second ? "improper" : "proper"), JHK_I (staff), JHK_I (now),
                       JHK_T (comment), JHK_I (r->id), JHK_DB_END))
        return FALSE;
      break;
    }
  if (jhk_db_changes (db) != 1)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                   _("Inquiry %s was changed meanwhile; try again."), r->source_no);
      return FALSE;
    }
  return TRUE;
}

/* The session's roles were read at login: inside the transaction, the
 * role of the step must still be held today (ended meanwhile at another
 * workstation, it no longer is). JHK_ROLE_INVALID: none needed. */
static gboolean
role_still_held (JhkDb       *db,
                 JhkSession  *actor,
                 JhkRole      role,
                 GError     **error)
{
  g_autofree char *today = NULL;

  if (role == JHK_ROLE_INVALID)
    return TRUE;
  today = jhk_today ();
  if (jhk_policy_staff_held_role (db, jhk_session_get_staff_id (actor), role, today))
    return TRUE;
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
               _("You no longer hold the role “%s”."), jhk_role_get_label (role));
  return FALSE;
}

static gboolean
step (JhkDb             *db,
      JhkSession        *actor,
      const gint64      *ids,
      guint              n_ids,
      JhkInquiryAction   action,
      gboolean           second,
      const char        *comment,
      gboolean           comment_required,
      const char        *audit_action,
      const char        *state,
      GError           **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *text = g_strstrip (g_strdup (jhk_service_or_empty (comment)));
  gint64 staff = jhk_session_get_staff_id (actor);

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (ids == NULL || n_ids == 0)
    return jhk_service_invalid (error, _("Select the inquiries first."));
  if (!check_comment (comment, comment_required, error))
    return FALSE;
  if (staff == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only a staff member takes a step of the inquiry check."));
      return FALSE;
    }
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!role_still_held (db, actor, action == JHK_INQUIRY_CHECK ? JHK_ROLE_INQUIRY_SUPERVISOR
                                   : action == JHK_INQUIRY_RESOLVE ? JHK_ROLE_OPS_MANAGER
                                   : JHK_ROLE_INVALID, error))
    goto fail;
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(JhkInquiryRecord) r = NULL;
      const char *message;
      int code = 0;

      if (g_hash_table_contains (seen, &ids[i]))
        continue;
      g_hash_table_add (seen, g_memdup2 (&ids[i], sizeof (gint64)));
      r = load_record (db, actor, ids[i], error);
      if (r == NULL)
        goto fail;
      message = refusal (db, actor, r, action, &code);
      if (message != NULL)
        {
          g_set_error (error, JHK_POLICY_ERROR, code, _("Inquiry %s: %s"), r->source_no,
                       message);
          goto fail;
        }
      if (!apply_step (db, r, action, second, staff, text, error))
        goto fail;
      json_array_add_int_element (list, r->id);
    }
  json_object_set_string_member (details, "state", state);
  json_object_set_string_member (details, "comment", text);
  json_object_set_int_member (details, "count", json_array_get_length (list));
  json_object_set_array_member (details, "ids", g_steal_pointer (&list));
  return jhk_service_commit_id (db, actor, audit_action, "inquiry_record", ids[0], details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_inquiries_confirm (JhkDb         *db,
                       JhkSession    *actor,
                       const gint64  *ids,
                       guint          n_ids,
                       gboolean       disputed,
                       const char    *comment,
                       GError       **error)
{
  return step (db, actor, ids, n_ids, JHK_INQUIRY_CONFIRM, disputed, comment, disputed,
               "inquiry.confirm", disputed ? "disputed" : "confirmed", error);
}

gboolean
jhk_inquiries_check (JhkDb         *db,
                     JhkSession    *actor,
                     const gint64  *ids,
                     guint          n_ids,
                     gboolean       query,
                     const char    *comment,
                     GError       **error)
{
  return step (db, actor, ids, n_ids, JHK_INQUIRY_CHECK, query, comment, query,
               "inquiry.check", query ? "query" : "proper", error);
}

gboolean
jhk_inquiries_resolve (JhkDb         *db,
                       JhkSession    *actor,
                       const gint64  *ids,
                       guint          n_ids,
                       gboolean       improper,
                       const char    *comment,
                       GError       **error)
{
  return step (db, actor, ids, n_ids, JHK_INQUIRY_RESOLVE, improper, comment, TRUE,
               "inquiry.resolve", improper ? "improper" : "proper", error);
}

/* Lists ------------------------------------------------------------------------ */

gboolean
jhk_inquiries_may_view_scope (JhkSession        *actor,
                              JhkInquiriesScope  scope)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  switch (scope)
    {
    case JHK_INQUIRIES_MINE:
      return jhk_session_get_staff_id (actor) != 0 &&
             jhk_session_has_role (actor, JHK_ROLE_STAFF);
    case JHK_INQUIRIES_TO_CHECK:
      return jhk_session_get_staff_id (actor) != 0 &&
             jhk_session_has_role (actor, JHK_ROLE_INQUIRY_SUPERVISOR);
    case JHK_INQUIRIES_OFFICE:
      return jhk_session_get_staff_id (actor) != 0 &&
             jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER);
    case JHK_INQUIRIES_ALL:
      return is_admin (actor);
    default:
      return FALSE;
    }
}

/* The scope's condition on inquiry_records r, NULL for every record. */
static char *
scope_condition (JhkDb             *db,
                 JhkSession        *actor,
                 JhkInquiriesScope  scope)
{
  g_autoptr(GString) sql = g_string_new ("(");
  g_autofree char *units = NULL;

  switch (scope)
    {
    case JHK_INQUIRIES_MINE:
      g_string_append_printf (sql, "r.staff_id = %" G_GINT64_FORMAT,
                              jhk_session_get_staff_id (actor) != 0
                              ? jhk_session_get_staff_id (actor) : -1);
      break;
    case JHK_INQUIRIES_TO_CHECK:
      units = jhk_service_role_units (db, actor, JHK_ROLE_INQUIRY_SUPERVISOR, NULL);
      g_string_append_printf (sql, "r.section_id IN (0%s)", units);
      break;
    case JHK_INQUIRIES_OFFICE:
      units = jhk_service_role_units (db, actor, JHK_ROLE_OPS_MANAGER, NULL);
      g_string_append_printf (sql, "r.office_id IN (0%s)", units);
      break;
    case JHK_INQUIRIES_ALL:
    default:
      if (is_admin (actor))
        return NULL;
      g_string_append (sql, "1 = 0");
      break;
    }
  g_string_append_c (sql, ')');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The instant before which an open record is overdue. */
static gint64
overdue_cutoff (JhkDb *db)
{
  return jhk_now_us () - jhk_settings_get_int (db, JHK_SETTING_INQUIRY_DUE_DAYS) * G_TIME_SPAN_DAY;
}

/* The filter as a condition on r, its parameters added to params;
 * appended to where after " AND " (where starts with the scope's). */
static void
filter_condition (const JhkInquiryFilter *f,
                  const char             *to_resolve,
                  gint64                  cutoff,
                  GString                *where,
                  GVariantBuilder        *params)
{
#define AND(cond) g_string_append_printf (where, "%s%s", where->len > 0 ? " AND " : "", cond)
  if (f == NULL)
    return;
  if (f->office_id != 0)
    {
      AND ("r.office_id = ?");
      g_variant_builder_add (params, "x", f->office_id);
    }
  if (f->period != NULL && f->period[0] != '\0')
    {
      AND ("r.period = ?");
      g_variant_builder_add (params, "s", f->period);
    }
  if (f->section_id != 0)
    {
      AND ("r.section_id = ?");
      g_variant_builder_add (params, "x", f->section_id);
    }
  if (f->staff_id != 0)
    {
      AND ("r.staff_id = ?");
      g_variant_builder_add (params, "x", f->staff_id);
    }
  switch (f->stage)
    {
    case JHK_INQUIRY_STAGE_TO_CONFIRM:
      AND ("r.done = 0 AND r.confirm_state = 'pending' AND r.resolution = ''");
      break;
    case JHK_INQUIRY_STAGE_TO_CHECK:
      AND ("r.done = 0 AND r.confirm_state <> 'pending' AND r.check_state = 'pending'"
           " AND r.resolution = ''");
      break;
    case JHK_INQUIRY_STAGE_TO_RESOLVE:
      AND (to_resolve);
      break;
    case JHK_INQUIRY_STAGE_OPEN:
      AND ("r.done = 0");
      break;
    case JHK_INQUIRY_STAGE_DONE:
      AND ("r.done = 1");
      break;
    case JHK_INQUIRY_STAGE_ANY:
    default:
      break;
    }
  if (f->disputed)
    AND ("r.confirm_state = 'disputed'");
  if (f->flags != 0)
    {
      AND ("(r.flags & ?) <> 0");
      g_variant_builder_add (params, "x", (gint64) f->flags);
    }
  if (f->overdue)
    {
      AND ("r.done = 0 AND r.imported_at < ?");
      g_variant_builder_add (params, "x", cutoff);
    }
  if (f->text != NULL && f->text[0] != '\0')
    {
      g_autofree char *pattern = jhk_service_like_pattern (f->text);

      AND ("(r.source_no LIKE ? ESCAPE '\\' OR r.inquirer_name LIKE ? ESCAPE '\\'"
           " OR r.content LIKE ? ESCAPE '\\' OR r.reason LIKE ? ESCAPE '\\'"
           " OR r.case_no LIKE ? ESCAPE '\\' OR r.terminal LIKE ? ESCAPE '\\')");
      for (int i = 0; i < 6; i++)
        g_variant_builder_add (params, "s", pattern);
    }
#undef AND
}

#define SCOPE_KEY "jhk-inquiries-scope"
#define CUTOFF_KEY "jhk-inquiries-cutoff"
#define TO_RESOLVE_KEY "jhk-inquiries-to-resolve"

static void
apply_filter (JhkQueryModel          *model,
              const JhkInquiryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  const char *scope = g_object_get_data (G_OBJECT (model), SCOPE_KEY);
  gint64 *cutoff = g_object_get_data (G_OBJECT (model), CUTOFF_KEY);
  g_autoptr(GString) where = g_string_new (scope != NULL ? scope : "");
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE_TUPLE);
  filter_condition (filter, g_object_get_data (G_OBJECT (model), TO_RESOLVE_KEY),
                    cutoff != NULL ? *cutoff : 0, where, &params);
  if (!jhk_service_set_filter (model, where->str, &params, &error))
    g_warning ("Could not read the inquiry records: %s", error->message);
}

JhkQueryModel *
jhk_inquiries_list_model (JhkDb                  *db,
                          JhkSession             *actor,
                          JhkInquiriesScope       scope,
                          const JhkInquiryFilter *filter)
{
  g_autofree char *columns = NULL;
  gint64 cutoff;
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  cutoff = overdue_cutoff (db);
  columns = g_strdup_printf ("r.id AS id, r.source_no, r.at, r.period, r.office_id,"
                             " o.name AS office, r.staff_id, r.staff_no, r.inquirer_name,"
                             " sec.name AS section, r.kind, r.reason, r.case_no, r.content,"
                             " r.terminal, r.flags, r.confirm_state, r.check_state,"
                             " r.resolution, r.done,"
                             " (CASE WHEN r.done = 0 AND r.imported_at < %" G_GINT64_FORMAT
                             " THEN 1 ELSE 0 END) AS overdue",
                             cutoff);
  model = jhk_query_model_new (db, columns,
                               "inquiry_records r"
                               " LEFT JOIN org_units o ON o.id = r.office_id"
                               " LEFT JOIN org_units sec ON sec.id = r.section_id",
                               "r.id");
  jhk_query_model_set_id_from (model, "inquiry_records r");
  g_object_set_data_full (G_OBJECT (model), SCOPE_KEY, scope_condition (db, actor, scope),
                          g_free);
  g_object_set_data_full (G_OBJECT (model), CUTOFF_KEY, g_memdup2 (&cutoff, sizeof cutoff),
                          g_free);
  g_object_set_data_full (G_OBJECT (model), TO_RESOLVE_KEY, jhk_inquiries_to_resolve_sql (db),
                          g_free);
  if (scope == JHK_INQUIRIES_TO_CHECK)
    /* Those needing the check first: disputed, then flagged. */
    jhk_query_model_set_order (model, "(CASE WHEN r.confirm_state = 'disputed' THEN 0"
                                      " WHEN r.flags <> 0 THEN 1 ELSE 2 END), r.at");
  else
    jhk_query_model_set_order (model, "r.at");
  apply_filter (model, filter);
  return model;
}

void
jhk_inquiries_list_model_set_filter (JhkQueryModel          *model,
                                     const JhkInquiryFilter *filter)
{
  g_return_if_fail (JHK_IS_QUERY_MODEL (model));

  apply_filter (model, filter);
}

/* An office and month ------------------------------------------------------------- */

static gboolean
period_is_valid (const char *period)
{
  return period != NULL && strlen (period) == 7 && g_ascii_isdigit (period[0]) &&
         g_ascii_isdigit (period[1]) && g_ascii_isdigit (period[2]) &&
         g_ascii_isdigit (period[3]) && period[4] == '-' && g_ascii_isdigit (period[5]) &&
         g_ascii_isdigit (period[6]) && atoi (period + 5) >= 1 && atoi (period + 5) <= 12;
}

/* The office's 運用管理者 or an ALL viewer reads its months. */
static gboolean
require_office_view (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       office_id,
                     const char  *period,
                     GError     **error)
{
  if (period != NULL && !period_is_valid (period))
    return jhk_service_invalid (error, _("A month is written YYYY-MM."));
  if (is_admin (actor) || is_ops_manager (db, actor, office_id))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       _("Only the office's operations manager, the system administrator and "
                         "the chief supervisor read an office's inquiries by month."));
  return FALSE;
}

/* The Japan-time start of the month and its number of days. */
static gint64
month_start (const char *period,
             guint      *out_days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) start = NULL;
  int y = atoi (period), m = atoi (period + 5);

  if (tz == NULL)
    tz = g_time_zone_new_offset (9 * 3600);
  start = g_date_time_new (tz, y, m, 1, 0, 0, 0);
  *out_days = g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
  return g_date_time_to_unix (start) * G_USEC_PER_SEC;
}

/* Counts one record: the columns from first are its 0/1 confirmed,
 * checked, done, disputed, queried, flagged and overdue. */
static void
progress_add (JhkInquiryProgress *p,
              JhkDbStmt          *stmt,
              int                 first)
{
  p->total++;
  p->confirmed += jhk_db_stmt_get_int64 (stmt, first) != 0;
  p->checked += jhk_db_stmt_get_int64 (stmt, first + 1) != 0;
  p->done += jhk_db_stmt_get_int64 (stmt, first + 2) != 0;
  p->disputed += jhk_db_stmt_get_int64 (stmt, first + 3) != 0;
  p->queried += jhk_db_stmt_get_int64 (stmt, first + 4) != 0;
  p->flagged += jhk_db_stmt_get_int64 (stmt, first + 5) != 0;
  p->overdue += jhk_db_stmt_get_int64 (stmt, first + 6) != 0;
}

/* By code (sections, kept in staff_no while sorting) or staff number. */
static int
compare_progress (gconstpointer a,
                  gconstpointer b)
{
  const JhkInquiryProgress *pa = *(JhkInquiryProgress *const *) a;
  const JhkInquiryProgress *pb = *(JhkInquiryProgress *const *) b;
  int c = g_strcmp0 (pa->staff_no, pb->staff_no);

  return c != 0 ? c : (pa->id > pb->id) - (pa->id < pb->id);
}

JhkInquirySummary *
jhk_inquiries_summary (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       office_id,
                       const char  *period,
                       GError     **error)
{
  g_autoptr(JhkInquirySummary) s = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *office_name = NULL;
  gint64 start;
  JhkDbStep st;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (!require_office_view (db, actor, office_id, period, error))
    return NULL;
  if (period == NULL)
    {
      jhk_service_invalid (error, _("A month is written YYYY-MM."));
      return NULL;
    }
  if (!jhk_db_query_text (db, &office_name, error,
                          "SELECT name FROM org_units WHERE id = ?", JHK_I (office_id),
                          JHK_DB_END))
    return NULL;
  if (office_name == NULL)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no office %lld."), (long long) office_id);
      return NULL;
    }

  s = g_new0 (JhkInquirySummary, 1);
  s->office_id = office_id;
  s->office_name = g_strdup (office_name);
  s->period = g_strdup (period);
  s->total.name = g_strdup (office_name);
  s->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_free);
  s->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_free);
  start = month_start (period, &s->n_days);
  s->daily = g_new0 (guint, s->n_days);
  s->daily_flagged = g_new0 (guint, s->n_days);

  /* One pass over the month's rows on the (office_id, period) index,
   * counted here by 係, officer and day: no GROUP BY sorts, and one scan
   * of the rows instead of one per grouping. */
  stmt = jhk_db_query (db, error,
                       "SELECT r.section_id, r.staff_id, r.staff_no,"
                       " CASE WHEN r.confirm_state <> 'pending' THEN 1 ELSE 0 END,"
                       " CASE WHEN r.check_state <> 'pending' THEN 1 ELSE 0 END,"
                       " r.done,"
                       " CASE WHEN r.confirm_state = 'disputed' THEN 1 ELSE 0 END,"
                       " CASE WHEN r.check_state = 'query' THEN 1 ELSE 0 END,"
                       " CASE WHEN r.flags <> 0 THEN 1 ELSE 0 END,"
                       " CASE WHEN r.done = 0 AND r.imported_at < ? THEN 1 ELSE 0 END,"
                       " r.at, r.inquirer_name"
                       " FROM inquiry_records r WHERE r.office_id = ? AND r.period = ?",
                       JHK_I (overdue_cutoff (db)), JHK_I (office_id), JHK_T (period), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  {
    g_autoptr(GHashTable) sections = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GHashTable) officers = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GHashTable) unknown = g_hash_table_new (g_str_hash, g_str_equal);

    while ((st = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
      {
        gint64 section = jhk_db_stmt_get_int64 (stmt, 0);
        gint64 staff = jhk_db_stmt_get_int64 (stmt, 1);
        const char *staff_no = jhk_db_stmt_get_text (stmt, 2);
        gint64 day = (jhk_db_stmt_get_int64 (stmt, 10) - start) / G_TIME_SPAN_DAY;
        gboolean flagged = jhk_db_stmt_get_int64 (stmt, 8) != 0;
        JhkInquiryProgress *p;

        progress_add (&s->total, stmt, 3);
        p = g_hash_table_lookup (sections, &section);
        if (p == NULL)
          {
            p = g_new0 (JhkInquiryProgress, 1);
            p->id = section;
            g_ptr_array_add (s->sections, p);
            g_hash_table_insert (sections, &p->id, p);
          }
        progress_add (p, stmt, 3);
        p = staff != 0 ? g_hash_table_lookup (officers, &staff)
                       : g_hash_table_lookup (unknown, staff_no != NULL ? staff_no : "");
        if (p == NULL)
          {
            p = g_new0 (JhkInquiryProgress, 1);
            p->id = staff;
            p->staff_no = g_strdup (staff_no != NULL ? staff_no : "");
            p->name = jhk_service_dup_text (stmt, 11);
            g_ptr_array_add (s->officers, p);
            if (staff != 0)
              g_hash_table_insert (officers, &p->id, p);
            else
              g_hash_table_insert (unknown, p->staff_no, p);
          }
        progress_add (p, stmt, 3);
        day = CLAMP (day, 0, (gint64) s->n_days - 1);
        s->daily[day]++;
        s->daily_flagged[day] += flagged;
      }
  }
  if (st == JHK_DB_FAILED)
    return NULL;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  /* Names and order: 係 by code, officers by staff number. */
  for (guint i = 0; i < s->sections->len; i++)
    {
      JhkInquiryProgress *p = g_ptr_array_index (s->sections, i);
      g_autofree char *code = NULL;

      if (p->id != 0)
        {
          jhk_db_query_text (db, &p->name, NULL, "SELECT name FROM org_units WHERE id = ?",
                             JHK_I (p->id), JHK_DB_END);
          jhk_db_query_text (db, &code, NULL, "SELECT code FROM org_units WHERE id = ?",
                             JHK_I (p->id), JHK_DB_END);
          /* A 係 named in no row of org_units any more. */
        }
      if (p->name == NULL)
        p->name = g_strdup (_("Section unknown"));
      p->staff_no = g_strdup (code != NULL ? code : "\xef\xbf\xbf");
    }
  /* The officers' names in one query (the ids are the summary's own). */
  {
    g_autoptr(GString) sql = g_string_new ("SELECT id, name FROM staff WHERE id IN (0");
    g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

    for (guint i = 0; i < s->officers->len; i++)
      {
        JhkInquiryProgress *p = g_ptr_array_index (s->officers, i);

        if (p->id == 0)
          continue;
        g_hash_table_insert (by_id, &p->id, p);
        g_string_append_printf (sql, ", %" G_GINT64_FORMAT, p->id);
      }
    g_string_append_c (sql, ')');
    stmt = jhk_db_query (db, error, sql->str, JHK_DB_END);
    if (stmt == NULL)
      return NULL;
    while ((st = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
      {
        gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
        JhkInquiryProgress *p = g_hash_table_lookup (by_id, &id);

        if (p != NULL)
          {
            g_free (p->name);
            p->name = jhk_service_dup_text (stmt, 1);
          }
      }
    if (st == JHK_DB_FAILED)
      return NULL;
    g_clear_pointer (&stmt, jhk_db_stmt_release);
  }
  g_ptr_array_sort (s->sections, compare_progress);
  g_ptr_array_sort (s->officers, compare_progress);
  for (guint i = 0; i < s->sections->len; i++)
    g_clear_pointer (&((JhkInquiryProgress *) g_ptr_array_index (s->sections, i))->staff_no,
                     g_free);

  stmt = jhk_db_query (db, error,
                       "SELECT p.signed_off_at, s.name, p.comment FROM inquiry_periods p"
                       " LEFT JOIN staff s ON s.id = p.signed_off_by"
                       " WHERE p.office_id = ? AND p.period = ?",
                       JHK_I (office_id), JHK_T (period), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  st = jhk_db_stmt_step (stmt, error);
  if (st == JHK_DB_FAILED)
    return NULL;
  if (st == JHK_DB_ROW)
    {
      s->signed_off_at = jhk_db_stmt_get_int64 (stmt, 0);
      s->signed_off_by_name = jhk_service_dup_text (stmt, 1);
      s->sign_off_comment = jhk_service_dup_text (stmt, 2);
    }
  else
    {
      s->signed_off_by_name = g_strdup ("");
      s->sign_off_comment = g_strdup ("");
    }
  return g_steal_pointer (&s);
}

GPtrArray *
jhk_inquiries_list_period (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       office_id,
                           const char  *period,
                           GError     **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_inquiry_record_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep st;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (period == NULL)
    {
      jhk_service_invalid (error, _("A month is written YYYY-MM."));
      return NULL;
    }
  if (!require_office_view (db, actor, office_id, period, error))
    return NULL;
  stmt = jhk_db_query (db, error,
                       "SELECT " RECORD_COLUMNS " WHERE r.office_id = ? AND r.period = ?"
                       " ORDER BY sec.code IS NULL, sec.code, r.staff_no, r.at, r.id",
                       JHK_I (office_id), JHK_T (period), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((st = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (list, record_from_row (stmt));
  if (st == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

GStrv
jhk_inquiries_periods (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       office_id,
                       GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep st;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (!require_office_view (db, actor, office_id, NULL, error))
    return NULL;
  stmt = jhk_db_query (db, error,
                       "SELECT DISTINCT period FROM inquiry_records WHERE office_id = ?"
                       " ORDER BY period DESC",
                       JHK_I (office_id), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((st = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_strv_builder_add (builder, jhk_db_stmt_get_text (stmt, 0));
  if (st == JHK_DB_FAILED)
    return NULL;
  return g_strv_builder_end (builder);
}

/* Sign-off ----------------------------------------------------------------------- */

/* The refusal and its code, read from the database as it is now. */
static char *
sign_off_refusal (JhkDb       *db,
                  JhkSession  *actor,
                  gint64       office_id,
                  const char  *period,
                  int         *code)
{
  gint64 n = 0, open = 0, signed_off = 0;

  *code = JHK_POLICY_ERROR_INVALID;
  if (!period_is_valid (period))
    return g_strdup (_("A month is written YYYY-MM."));
  *code = JHK_POLICY_ERROR_DENIED;
  if (!is_ops_manager (db, actor, office_id))
    return g_strdup (_("Only the office's operations manager signs its month off."));
  *code = JHK_POLICY_ERROR_CONFLICT;
  if (!jhk_db_query_int64 (db, &signed_off, NULL,
                           "SELECT COUNT(*) FROM inquiry_periods"
                           " WHERE office_id = ? AND period = ?",
                           JHK_I (office_id), JHK_T (period), JHK_DB_END) ||
      !jhk_db_query_int64 (db, &n, NULL,
                           "SELECT COUNT(*) FROM inquiry_records"
                           " WHERE office_id = ? AND period = ?",
                           JHK_I (office_id), JHK_T (period), JHK_DB_END) ||
      !jhk_db_query_int64 (db, &open, NULL,
                           "SELECT COUNT(*) FROM inquiry_records"
                           " WHERE office_id = ? AND period = ? AND done = 0",
                           JHK_I (office_id), JHK_T (period), JHK_DB_END))
    return g_strdup (_("The office's inquiries could not be read."));
  if (signed_off > 0)
    return g_strdup (_("This month of the office is signed off already."));
  if (n == 0)
    return g_strdup (_("The office has no inquiries in this month."));
  if (open > 0)
    return g_strdup_printf (ngettext ("%lld inquiry of the month is not checked to the end "
                                      "yet.",
                                      "%lld inquiries of the month are not checked to the end "
                                      "yet.",
                                      (gulong) open),
                            (long long) open);
  return NULL;
}

char *
jhk_inquiries_sign_off_refusal (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       office_id,
                                const char  *period)
{
  int code;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  return sign_off_refusal (db, actor, office_id, period, &code);
}

gboolean
jhk_inquiries_sign_off (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       office_id,
                        const char  *period,
                        const char  *comment,
                        GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *message = NULL;
  g_autofree char *text = g_strstrip (g_strdup (jhk_service_or_empty (comment)));
  gint64 id;
  int code = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_comment (comment, FALSE, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  message = sign_off_refusal (db, actor, office_id, period, &code);
  if (message != NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
      jhk_service_abort (db);
      return FALSE;
    }
  if (!role_still_held (db, actor, JHK_ROLE_OPS_MANAGER, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  id = jhk_service_insert (db, error,
                           "INSERT INTO inquiry_periods (office_id, period, signed_off_by,"
                           " signed_off_at, comment) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (office_id), JHK_T (period),
                           JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                           JHK_T (text), JHK_DB_END);
  if (id == 0)
    {
      jhk_service_abort (db);
      return FALSE;
    }
  json_object_set_int_member (details, "office_id", office_id);
  json_object_set_string_member (details, "period", period);
  json_object_set_string_member (details, "comment", text);
  return jhk_service_commit_id (db, actor, "inquiry.sign_off", "inquiry_period", id, details,
                                error);
}

/* R14-7: the check sheet --------------------------------------------------------- */

gint64
jhk_inquiries_register_sheet (JhkDb       *db,
                              JhkSession  *actor,
                              gint64       office_id,
                              const char  *period,
                              gint64       storage_place_id,
                              int          copies,
                              GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *office_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *today = NULL;
  gint64 business, approved = 0, place = 0, material;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (!period_is_valid (period))
    {
      jhk_service_invalid (error, _("A month is written YYYY-MM."));
      return 0;
    }
  if (copies < 1 || copies > 100)
    {
      jhk_service_invalid (error, _("The number of copies is from 1 to 100."));
      return 0;
    }
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!is_ops_manager (db, actor, office_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager registers its check sheet."));
      goto fail;
    }
  if (!role_still_held (db, actor, JHK_ROLE_OPS_MANAGER, error))
    goto fail;
  if (!jhk_db_query_text (db, &office_name, error,
                          "SELECT name FROM org_units WHERE id = ? AND kind = 'office'",
                          JHK_I (office_id), JHK_DB_END))
    goto fail;
  if (office_name == NULL)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no office %lld."), (long long) office_id);
      goto fail;
    }
  business = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_BUSINESS);
  if (business == 0 ||
      !jhk_db_query_int64 (db, &approved, error,
                           "SELECT COUNT(*) FROM businesses WHERE id = ?"
                           " AND approved_at IS NOT NULL",
                           JHK_I (business), JHK_DB_END) ||
      approved == 0)
    {
      g_clear_error (error);
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("No approved business is set for the inquiry check sheets: the "
                             "system administrator sets it in the settings first."));
      goto fail;
    }
  today = jhk_today ();
  if (!jhk_db_query_int64 (db, &place, error,
                           "SELECT COUNT(*) FROM storage_places WHERE id = ? AND org_unit_id = ?"
                           " AND locked = 1 AND valid_from <= ?"
                           " AND (valid_to IS NULL OR valid_to >= ?)",
                           JHK_I (storage_place_id), JHK_I (office_id), JHK_T (today),
                           JHK_T (today), JHK_DB_END))
    goto fail;
  if (place == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The check sheet is stored in a current locked storage place of "
                             "the office."));
      goto fail;
    }
  name = g_strdup_printf ("個人情報照会記録点検表 %s %d年%d月", office_name, atoi (period),
                          atoi (period + 5));
  {
    /* R17-1: made because the 要綱's procedure (第14) requires it. */
    JhkMaterialSpec spec = {
      .org_unit_id = office_id, .direction = "output", .name = name, .quantity = copies,
      .business_id = business, .handler_staff_id = jhk_session_get_staff_id (actor),
      .purpose = "個人情報照会記録の点検（第14）", .personal_data = TRUE,
      .creation_reason = "procedure", .acquired_on = today, .acquisition_method = "printed",
      .measure = "store", .storage_place_id = storage_place_id,
    };

    material = jhk_ledger_register_material_locked (db, actor, &spec, 0, details, NULL, error);
  }
  if (material == 0)
    goto fail;
  json_object_set_int_member (details, "material_id", material);
  json_object_set_int_member (details, "office_id", office_id);
  json_object_set_string_member (details, "period", period);
  json_object_set_int_member (details, "copies", copies);
  if (!jhk_service_commit_id (db, actor, "inquiry.sheet", "material", material, details, error))
    return 0;
  return material;

fail:
  jhk_service_abort (db);
  return 0;
}
