/* jhk-approvals.c: requests for the 総括責任者's approval (R15-2, R16-2). */
#include <glib/gi18n-lib.h>

#include "jhk-approvals.h"
#include "jhk-ledger.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

static const char *const kinds[] = { "view", "hand_over", "copy", NULL };

const char *const *
jhk_approval_kinds (void)
{
  return kinds;
}

const char *
jhk_approval_kind_label (const char *kind)
{
  static const JhkServiceLabel labels[] = {
    { "view", N_("Viewing or handing to other staff") },
    { "hand_over", N_("Handing over personal-data input") },
    { "copy", N_("Copying personal-data input") },
    { NULL }
  };

  return jhk_service_label (labels, kind);
}

const char *
jhk_approval_status_label (const char *status)
{
  static const JhkServiceLabel labels[] = {
    { "pending", N_("Pending") },
    { "approved", N_("Approved") },
    { "declined", N_("Declined") },
    { "withdrawn", N_("Withdrawn") },
    { NULL }
  };

  return jhk_service_label (labels, status);
}

void
jhk_approval_free (JhkApproval *a)
{
  if (a == NULL)
    return;
  g_free (a->material_name);
  g_free (a->office_name);
  g_free (a->kind);
  g_free (a->reason);
  g_free (a->for_name);
  g_free (a->requester_name);
  g_free (a->status);
  g_free (a->decider_name);
  g_free (a->comment);
  g_free (a);
}

static gboolean
check_text (const char  *value,
            gboolean     required,
            int          max_chars,
            const char  *message_missing,
            GError     **error)
{
  if (value == NULL || jhk_is_blank (value))
    return required ? jhk_service_invalid (error, message_missing) : TRUE;
  if (!jhk_service_text_fits (value, max_chars))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The text is too long (%d characters at most)."), max_chars);
      return FALSE;
    }
  return TRUE;
}

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

gint64
jhk_approvals_request (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       material_id,
                       const char  *kind,
                       const char  *reason,
                       const char  *for_name,
                       GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *office_status = NULL;
  g_autofree char *direction = NULL;
  g_autofree char *reason_text = strip_dup (reason);
  g_autofree char *for_text = strip_dup (for_name);
  gint64 office_id, id;
  gboolean personal_data;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (kind == NULL || !g_strv_contains (kinds, kind))
    return jhk_service_invalid (error, _("Choose what the approval is for: viewing, handing over or "
                                         "copying."));
  if (!check_text (reason, TRUE, 500, _("Give the reason for the request."), error) ||
      !check_text (for_name, g_str_equal (kind, "view"), 200,
                   _("Name the person or staff who are to see or receive the material."),
                   error))
    return 0;
  if (jhk_session_get_staff_id (actor) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("A request for approval is made by a member of staff."));
      return 0;
    }

  if (!jhk_service_begin (db, actor, error))
    return 0;
  stmt = jhk_db_query (db, error,
                       "SELECT org_unit_id, status, direction, personal_data FROM materials"
                       " WHERE id = ?", JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    goto fail;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    goto fail;
  if (step != JHK_DB_ROW || !jhk_ledger_may_keep_office (db, actor,
                                                         jhk_db_stmt_get_int64 (stmt, 0)))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no material %lld in the ledgers you keep."),
                   (long long) material_id);
      goto fail;
    }
  office_id = jhk_db_stmt_get_int64 (stmt, 0);
  office_status = jhk_db_stmt_dup_text (stmt, 1);
  direction = jhk_db_stmt_dup_text (stmt, 2);
  personal_data = jhk_db_stmt_get_int64 (stmt, 3) != 0;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (g_str_equal (office_status, "closed"))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This material has had its final disposition: it can only be "
                             "viewed now."));
      goto fail;
    }
  /* R16-2 is about personal-data input material; other copies follow
   * R17-6/7 and need no request. */
  if (!g_str_equal (kind, "view") && (!personal_data || !g_str_equal (direction, "input")))
    {
      jhk_service_invalid (error, _("Handing over or copying needs the general supervisor's approval only "
                                    "for personal-data input material."));
      goto fail;
    }

  id = jhk_service_insert (db, error,
                           "INSERT INTO material_approvals (material_id, org_unit_id, kind, reason,"
                           " for_name, requested_by, requested_at, status, comment, created_by)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', '', ?) RETURNING id",
                           JHK_I (material_id), JHK_I (office_id), JHK_T (kind),
                           JHK_T (reason_text), JHK_T (for_text),
                           JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_DB_END);
  if (id == 0)
    goto fail;
  json_object_set_int_member (details, "material_id", material_id);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_string_member (details, "reason", reason_text);
  if (for_text[0] != '\0')
    json_object_set_string_member (details, "for", for_text);
  return jhk_service_commit_new (db, actor, id, "approval.request", "material_approval",
                                 details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

/* The request's status and requester, read inside the transaction. */
static gboolean
load_request (JhkDb       *db,
              gint64       approval_id,
              char       **out_status,
              gint64      *out_requester,
              gint64      *out_material,
              GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  stmt = jhk_db_query (db, error,
                       "SELECT status, requested_by, material_id FROM material_approvals"
                       " WHERE id = ?", JHK_I (approval_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step != JHK_DB_ROW)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no request for approval %lld."), (long long) approval_id);
      return FALSE;
    }
  *out_status = jhk_db_stmt_dup_text (stmt, 0);
  *out_requester = jhk_db_stmt_get_int64 (stmt, 1);
  *out_material = jhk_db_stmt_get_int64 (stmt, 2);
  return TRUE;
}

static gboolean
require_pending (const char  *status,
                 GError     **error)
{
  if (g_str_equal (status, "pending"))
    return TRUE;
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
               _("This request is no longer pending: it is %s."),
               jhk_approval_status_label (status));
  return FALSE;
}

/* The conditional UPDATE changed the request: another workstation did not
 * decide or withdraw it in between (on a server, between the read and the
 * write). */
static gboolean
changed_once (JhkDb   *db,
              GError **error)
{
  return jhk_service_changed_once (db, _("This request was decided or withdrawn meanwhile."),
                                   error);
}

static gboolean
decide (JhkDb       *db,
        JhkSession  *actor,
        gint64       approval_id,
        gboolean     approve,
        const char  *comment,
        GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *status = NULL;
  g_autofree char *comment_text = strip_dup (comment);
  g_autofree char *today = NULL;
  gint64 requester = 0, material = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!check_text (comment, !approve, 500, _("Give the reason for declining."), error))
    return FALSE;
  /* R15-2, R16-2: the 総括責任者 decides, in person. */
  if (!jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
      jhk_session_get_staff_id (actor) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the general supervisor approves or declines these "
                             "requests."));
      return FALSE;
    }
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Read again under the write lock: two decisions at once decide once. */
  if (!load_request (db, approval_id, &status, &requester, &material, error) ||
      !require_pending (status, error))
    goto fail;
  if (requester == jhk_session_get_staff_id (actor))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("A request is decided by someone other than the one who made it."));
      goto fail;
    }
  /* The role as the register says now, not as it was at login (R5-1). */
  today = jhk_today ();
  if (!jhk_policy_staff_held_role (db, jhk_session_get_staff_id (actor), JHK_ROLE_SUPERVISOR,
                                   today))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the general supervisor approves or declines these "
                             "requests."));
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE material_approvals SET status = ?, decided_by = ?, decided_at = ?,"
                   " comment = ? WHERE id = ? AND status = 'pending'",
                   JHK_T (approve ? "approved" : "declined"),
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_T (comment_text), JHK_I (approval_id), JHK_DB_END) ||
      !changed_once (db, error))
    goto fail;
  json_object_set_int_member (details, "material_id", material);
  if (comment_text[0] != '\0')
    json_object_set_string_member (details, "comment", comment_text);
  return jhk_service_commit_id (db, actor, approve ? "approval.approve" : "approval.decline",
                                "material_approval", approval_id, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_approvals_approve (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       approval_id,
                       const char  *comment,
                       GError     **error)
{
  return decide (db, actor, approval_id, TRUE, comment, error);
}

gboolean
jhk_approvals_decline (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       approval_id,
                       const char  *comment,
                       GError     **error)
{
  return decide (db, actor, approval_id, FALSE, comment, error);
}

gboolean
jhk_approvals_withdraw (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       approval_id,
                        GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *status = NULL;
  gint64 requester = 0, material = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!load_request (db, approval_id, &status, &requester, &material, error))
    goto fail;
  if (requester != jhk_session_get_staff_id (actor))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the one who made a request withdraws it."));
      goto fail;
    }
  if (!require_pending (status, error) ||
      !jhk_db_run (db, error,
                   "UPDATE material_approvals SET status = 'withdrawn'"
                   " WHERE id = ? AND status = 'pending'",
                   JHK_I (approval_id), JHK_DB_END) ||
      !changed_once (db, error))
    goto fail;
  json_object_set_int_member (details, "material_id", material);
  return jhk_service_commit_id (db, actor, "approval.withdraw", "material_approval", approval_id,
                                details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

/* Reading --------------------------------------------------------------- */

#define APPROVAL_COLUMNS \
  "a.id, a.material_id, m.name, a.org_unit_id, o.name, a.kind, a.reason, a.for_name," \
  " a.requested_by, rs.name, a.requested_at, a.status, a.decided_by, ds.name, a.decided_at," \
  " a.comment, a.used_by_event_id" \
  " FROM material_approvals a" \
  " LEFT JOIN materials m ON m.id = a.material_id" \
  " LEFT JOIN org_units o ON o.id = a.org_unit_id" \
  " LEFT JOIN staff rs ON rs.id = a.requested_by" \
  " LEFT JOIN staff ds ON ds.id = a.decided_by"

static JhkApproval *
approval_from_row (JhkDbStmt *stmt)
{
  JhkApproval *a = g_new0 (JhkApproval, 1);
  int c = 0;

  a->id = jhk_db_stmt_get_int64 (stmt, c++);
  a->material_id = jhk_db_stmt_get_int64 (stmt, c++);
  a->material_name = jhk_db_stmt_dup_text (stmt, c++);
  a->office_id = jhk_db_stmt_get_int64 (stmt, c++);
  a->office_name = jhk_db_stmt_dup_text (stmt, c++);
  a->kind = jhk_db_stmt_dup_text (stmt, c++);
  a->reason = jhk_db_stmt_dup_text (stmt, c++);
  a->for_name = jhk_db_stmt_dup_text (stmt, c++);
  a->requested_by = jhk_db_stmt_get_int64 (stmt, c++);
  a->requester_name = jhk_db_stmt_dup_text (stmt, c++);
  a->requested_at = jhk_db_stmt_get_int64 (stmt, c++);
  a->status = jhk_db_stmt_dup_text (stmt, c++);
  a->decided_by = jhk_db_stmt_get_int64 (stmt, c++);
  a->decider_name = jhk_db_stmt_dup_text (stmt, c++);
  a->decided_at = jhk_db_stmt_get_int64 (stmt, c++);
  a->comment = jhk_db_stmt_dup_text (stmt, c++);
  a->used_by_event_id = jhk_db_stmt_get_int64 (stmt, c++);
  return a;
}

static gboolean
is_supervisor (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR);
}

/* The 総括責任者 sees every request; the keepers of an office its own; a
 * requester theirs. */
static gboolean
may_see (JhkDb             *db,
         JhkSession        *actor,
         const JhkApproval *a)
{
  return is_supervisor (actor) ||
         (a->requested_by != 0 && a->requested_by == jhk_session_get_staff_id (actor)) ||
         jhk_ledger_may_keep_office (db, actor, a->office_id);
}

/* The rows of a query of APPROVAL_COLUMNS the actor may see; NULL when
 * the query failed. */
static GPtrArray *
collect (JhkDb       *db,
         JhkSession  *actor,
         JhkDbStmt   *stmt,
         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_approval_free);
  JhkDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkApproval *a = approval_from_row (stmt);

      if (may_see (db, actor, a))
        g_ptr_array_add (list, a);
      else
        jhk_approval_free (a);
    }
  jhk_db_stmt_release (stmt);
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

#define ORDER " ORDER BY a.requested_at DESC, a.id DESC"

JhkApproval *
jhk_approvals_get (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       approval_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  list = collect (db, actor,
                  jhk_db_query (db, error, "SELECT " APPROVAL_COLUMNS " WHERE a.id = ?",
                                JHK_I (approval_id), JHK_DB_END),
                  error);

  if (list == NULL)
    return NULL;
  if (list->len == 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no request for approval %lld."), (long long) approval_id);
      return NULL;
    }
  return g_ptr_array_steal_index (list, 0);
}

GPtrArray *
jhk_approvals_list_pending_for (JhkDb       *db,
                                JhkSession  *actor,
                                GError     **error)
{
  if (!jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_approval_free);
  return collect (db, actor,
                  jhk_db_query (db, error, "SELECT " APPROVAL_COLUMNS
                                " WHERE a.status = 'pending'" ORDER, JHK_DB_END),
                  error);
}

GPtrArray *
jhk_approvals_list_material (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       material_id,
                             GError     **error)
{
  return collect (db, actor,
                  jhk_db_query (db, error, "SELECT " APPROVAL_COLUMNS
                                " WHERE a.material_id = ?" ORDER,
                                JHK_I (material_id), JHK_DB_END),
                  error);
}

GPtrArray *
jhk_approvals_list_office (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       office_id,
                           const char  *status,
                           GError     **error)
{
  return collect (db, actor,
                  jhk_db_query (db, error, "SELECT " APPROVAL_COLUMNS
                                " WHERE a.org_unit_id = ? AND (? = '' OR a.status = ?)" ORDER,
                                JHK_I (office_id), JHK_T (status ? status : ""),
                                JHK_T (status ? status : ""), JHK_DB_END),
                  error);
}

GPtrArray *
jhk_approvals_list_visible (JhkDb       *db,
                            JhkSession  *actor,
                            gboolean     pending_only,
                            GError     **error)
{
  return collect (db, actor,
                  jhk_db_query (db, error, "SELECT " APPROVAL_COLUMNS
                                " WHERE (? = 0 OR a.status = 'pending')" ORDER,
                                JHK_I (pending_only ? 1 : 0), JHK_DB_END),
                  error);
}

/* What the ledger page offers -------------------------------------------- */

const char *
jhk_approvals_request_refusal (JhkDb                   *db,
                               JhkSession              *actor,
                               const JhkLedgerMaterial *material,
                               const char              *kind)
{
  g_return_val_if_fail (material != NULL, NULL);

  /* The same order as jhk_approvals_request checks in. */
  if (kind != NULL && !g_strv_contains (kinds, kind))
    return _("Choose what the approval is for: viewing, handing over or copying.");
  if (jhk_session_get_staff_id (actor) == 0)
    return _("A request for approval is made by a member of staff.");
  if (!jhk_ledger_may_keep_office (db, actor, material->office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  if (g_strcmp0 (material->status, "stored") != 0 && g_strcmp0 (material->status, "lent") != 0)
    return _("This material has had its final disposition: it can only be viewed now.");
  if (kind != NULL && !g_str_equal (kind, "view") &&
      (!material->personal_data || g_strcmp0 (material->direction, "input") != 0))
    return _("Handing over or copying needs the general supervisor's approval only for "
             "personal-data input material.");
  return NULL;
}

const char *
jhk_approvals_withdraw_refusal (JhkSession        *actor,
                                const JhkApproval *approval)
{
  g_return_val_if_fail (approval != NULL, NULL);

  if (approval->requested_by != jhk_session_get_staff_id (actor))
    return _("Only the one who made a request withdraws it.");
  if (g_strcmp0 (approval->status, "pending") != 0)
    return _("This request was decided or withdrawn meanwhile.");
  return NULL;
}
