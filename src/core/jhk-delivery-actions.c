/* jhk-delivery-actions.c: what may be done to a transfer or a register
 * now, and why not. */
#include <glib/gi18n-lib.h>

#include "jhk-delivery-actions.h"
#include "jhk-ledger.h"
#include "jhk-policy.h"
#include "jhk-settings.h"

static gboolean
is_ops_manager (JhkDb      *db,
                JhkSession *actor,
                gint64      office_id)
{
  return jhk_session_is_system (actor) ||
         (office_id != 0 &&
          jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, office_id));
}

const char *
jhk_delivery_confirm_refusal (JhkDb                   *db,
                              JhkSession              *actor,
                              const JhkTransferRecord *transfer)
{
  g_return_val_if_fail (transfer != NULL, NULL);

  if (!is_ops_manager (db, actor, transfer->from_office_id))
    return _("Only the office's operations manager keeps its transfer registers "
             "and confirms its transfers.");
  if (transfer->confirmed_on != NULL)
    return _("This transfer has been confirmed already.");
  return NULL;
}

const char *
jhk_delivery_deleted_refusal (JhkDb                   *db,
                              JhkSession              *actor,
                              const JhkTransferRecord *transfer)
{
  gint64 officer = 0;

  g_return_val_if_fail (transfer != NULL, NULL);

  jhk_db_query_int64 (db, &officer, NULL, "SELECT officer_staff_id FROM transfers WHERE id = ?",
                      JHK_I (transfer->id), JHK_DB_END);
  if (!jhk_session_is_system (actor) &&
      (officer == 0 || jhk_session_get_staff_id (actor) != officer) &&
      !jhk_ledger_may_keep_office (db, actor, transfer->from_office_id))
    return _("Only the transfer's officer or a keeper of the office's ledger confirms the "
             "deletion of the sent file.");
  if (!transfer->deletion_required)
    return _("This transfer sent no file that must be deleted.");
  if (transfer->deleted_on != NULL)
    return _("The deletion of this transfer's file has been confirmed already.");
  return NULL;
}

const char *
jhk_delivery_receive_refusal (JhkDb                   *db,
                              JhkSession              *actor,
                              const JhkTransferRecord *transfer)
{
  g_return_val_if_fail (transfer != NULL, NULL);

  if (transfer->to_office_id == 0)
    return _("This transfer went outside the organisation: no office receives it.");
  if (!jhk_ledger_may_keep_office (db, actor, transfer->to_office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  if (transfer->received_material_id != 0)
    return _("This transfer has been received already.");
  return NULL;
}

const char *
jhk_delivery_register_refusal (JhkDb      *db,
                               JhkSession *actor,
                               gint64      office_id)
{
  if (!is_ops_manager (db, actor, office_id))
    return _("Only the office's operations manager keeps its transfer registers "
             "and confirms its transfers.");
  return NULL;
}

GArray *
jhk_delivery_register_offices (JhkDb      *db,
                               JhkSession *actor)
{
  GArray *offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = jhk_today ();
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_db_query (db, NULL, "SELECT id FROM org_units WHERE kind = 'office'"
                                 " AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id",
                       JHK_T (today), JHK_DB_END);
  while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 office = jhk_db_stmt_get_int64 (stmt, 0);

      if (is_ops_manager (db, actor, office))
        g_array_append_val (offices, office);
    }
  return offices;
}
