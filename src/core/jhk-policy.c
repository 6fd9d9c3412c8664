/* jhk-policy.c: who may do what. */
#include <glib/gi18n-lib.h>

#include "jhk-policy.h"

G_DEFINE_QUARK (jhk-policy-error-quark, jhk_policy_error)

gboolean
jhk_policy_can_open_workspace (JhkSession   *actor,
                               JhkWorkspace  workspace)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  switch (workspace)
    {
    case JHK_WORKSPACE_DASHBOARD:
      return TRUE;
    case JHK_WORKSPACE_STAFF:
      /* R12-1, R13-10: the 総括責任者 issues IDs and restricts users; the
       * システム管理者 runs accounts; R6-1, R13-2: 運用管理者 designate
       * their office's holders. */
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER);
    case JHK_WORKSPACE_ORGANISATION:
      /* R11-1: the code tables (所属, 係) belong to the システム管理者. */
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
    case JHK_WORKSPACE_BUSINESSES:
      /* R8-1, R9-1, R8-2: registered by the システム管理者, approved by the
       * 総括責任者, read by the managers of businesses. */
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_BIZ_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_EGOV_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_LEAD_OWNER);
    case JHK_WORKSPACE_AUDIT:
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
    case JHK_WORKSPACE_LEDGER:
      /* R15-1, R17-11: the office role holders keep their office's ledger;
       * the 総括責任者 and the システム管理者 read every office's. */
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_LEAD) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_ASSISTANT);
    case JHK_WORKSPACE_TRANSFERS:
      /* R17-4, R17-5, R17-8, R17-9: the office role holders record, confirm
       * and receive transfers and keep the registers; the 交付等担当者
       * confirms the deletion of what they sent. */
      return jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_LEAD) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_ASSISTANT) ||
             jhk_session_has_role (actor, JHK_ROLE_TRANSFER_OFFICER);
    case JHK_WORKSPACE_APPROVALS:
      /* R15-2, R16-2: the 総括責任者 decides the requests for approval. */
      return jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR);
    case JHK_WORKSPACE_REQUESTS:
      /* R15-4: the 運用管理者 and 情報管理者 of an office file 作業依頼書;
       * the システム管理者 and the 対象業務管理者等 consent and process
       * them; the 総括責任者 reads them. */
      return jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_INFO_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_BIZ_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_EGOV_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_LEAD_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR);
    case JHK_WORKSPACE_INQUIRIES:
      /* R14-6: the 照会者 confirm their inquiries, the 担当幹部 check them
       * and the 運用管理者 confirms the office's; the システム管理者
       * imports them (R14-5); the 総括責任者 and 主管部長 keep the
       * register of 照会者 (R14-1) and read. */
      return jhk_session_has_role (actor, JHK_ROLE_STAFF) ||
             jhk_session_has_role (actor, JHK_ROLE_INQUIRY_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER) ||
             jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
             jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD);
    case JHK_WORKSPACE_TRAILS:
      /* R13-3, R13-4: the 管理者等 search the access trails; the システム
       * 管理者 imports and outputs them. */
      return jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
             jhk_session_has_role (actor, JHK_ROLE_BIZ_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_EGOV_OWNER) ||
             jhk_session_has_role (actor, JHK_ROLE_LEAD_OWNER);
    case JHK_WORKSPACE_INCIDENTS:
    case JHK_WORKSPACE_PLAYBOOKS:
      /* R19-1..5: every user may report an incident of their office to its
       * 運用管理者, who runs it; the 管理者等 write the playbooks and take
       * recovery requests; the 総括責任者 and 主管部長 take the reports of
       * serious ones. Everyone reads the playbooks (対処要領); the 管理者等
       * write them. */
      return TRUE;
    case JHK_N_WORKSPACES:
    default:
      return FALSE;
    }
}

gboolean
jhk_policy_require_role (JhkSession  *actor,
                         JhkRole      role,
                         GError     **error)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (jhk_session_is_system (actor) || jhk_session_has_role (actor, role))
    return TRUE;
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
               _("Only the %s may do this."), jhk_role_get_label (role));
  return FALSE;
}

gboolean
jhk_policy_require_either (JhkSession  *actor,
                           JhkRole      role1,
                           JhkRole      role2,
                           GError     **error)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (jhk_session_is_system (actor) || jhk_session_has_role (actor, role1) ||
      jhk_session_has_role (actor, role2))
    return TRUE;
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
               _("Only the %s or the %s may do this."), jhk_role_get_label (role1),
               jhk_role_get_label (role2));
  return FALSE;
}

gboolean
jhk_policy_check_can_write (JhkDb       *db,
                            JhkSession  *actor,
                            GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  const char *status;
  const char *restriction;
  JhkDbStep step;

  if (jhk_session_is_system (actor))
    return TRUE;

  stmt = jhk_db_query (db, error, "SELECT status, restriction, restriction_reason"
                                  " FROM users WHERE id = ?",
                       JHK_I (jhk_session_get_user_id (actor)), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_DONE)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                   _("Your user ID no longer exists."));
      return FALSE;
    }
  status = jhk_db_stmt_get_text (stmt, 0);
  restriction = jhk_db_stmt_get_text (stmt, 1);
  if (g_strcmp0 (status, "active") != 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED,
                   _("Your user ID is suspended or retired; you cannot change anything."));
      return FALSE;
    }
  if (g_strcmp0 (restriction, "none") != 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_RESTRICTED,
                   _("The general supervisor has restricted your user ID to reading (%s)."),
                   jhk_db_stmt_get_text (stmt, 2));
      return FALSE;
    }
  return TRUE;
}

gboolean
jhk_policy_org_is_within (JhkDb  *db,
                          gint64  org_id,
                          gint64  ancestor_id)
{
  gint64 current = org_id;

  /* Org trees are three levels deep; the bound guards against cycles. */
  for (int depth = 0; depth < 16 && current != 0; depth++)
    {
      gint64 parent = 0;

      if (current == ancestor_id)
        return TRUE;
      if (!jhk_db_query_int64 (db, &parent, NULL,
                               "SELECT COALESCE(parent_id, 0) FROM org_units WHERE id = ?",
                               JHK_I (current), JHK_DB_END))
        return FALSE;
      current = parent;
    }
  return FALSE;
}

gboolean
jhk_policy_has_role_for_org (JhkDb      *db,
                             JhkSession *actor,
                             JhkRole     role,
                             gint64      org_id)
{
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (grant->role != role)
        continue;
      if (jhk_role_get_scope (role) == JHK_SCOPE_ORGANISATION)
        return TRUE;
      if (grant->org_unit_id != 0 && jhk_policy_org_is_within (db, org_id, grant->org_unit_id))
        return TRUE;
    }
  return FALSE;
}

gboolean
jhk_policy_staff_held_role (JhkDb      *db,
                            gint64      staff_id,
                            JhkRole     role,
                            const char *day)
{
  gint64 n = 0;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  return staff_id > 0 &&
         jhk_db_query_int64 (db, &n, NULL,
                             "SELECT COUNT(*) FROM role_assignments WHERE staff_id = ?"
                             " AND role = ? AND valid_from <= ?"
                             " AND (valid_to IS NULL OR valid_to >= ?)",
                             JHK_I (staff_id), JHK_T (jhk_role_to_key (role)), JHK_T (day),
                             JHK_T (day), JHK_DB_END) &&
         n > 0;
}

gboolean
jhk_policy_can_grant_role (JhkDb       *db,
                           JhkSession  *actor,
                           JhkRole      role,
                           gint64       org_unit_id,
                           GError     **error)
{
  if (jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
      jhk_session_has_role (actor, JHK_ROLE_SYSADMIN))
    return TRUE;

  /* R6-1, R13-2: the 運用管理者 has the office's own roles carried out and
   * designates its access right holders; organisation-wide and business
   * roles stay with the 総括責任者 and the システム管理者. */
  switch (role)
    {
    case JHK_ROLE_INFO_LEAD:
    case JHK_ROLE_INFO_MANAGER:
    case JHK_ROLE_INFO_ASSISTANT:
    case JHK_ROLE_INQUIRY_SUPERVISOR:
    case JHK_ROLE_STAFF:
      if (org_unit_id != 0 &&
          jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, org_unit_id))
        return TRUE;
      break;
    default:
      break;
    }
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
               _("You may not assign the role “%s” in this scope."), jhk_role_get_label (role));
  return FALSE;
}
