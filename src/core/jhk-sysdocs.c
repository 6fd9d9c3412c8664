/* jhk-sysdocs.c: the system documents ledger (第18). */
#include <glib/gi18n-lib.h>

#include "jhk-ledger-private.h"
#include "jhk-ledger-query.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-sysdocs.h"

void
jhk_sysdoc_viewer_free (JhkSysdocViewer *viewer)
{
  if (viewer == NULL)
    return;
  g_free (viewer->staff_no);
  g_free (viewer->name);
  g_free (viewer->unit);
  g_free (viewer);
}

gboolean
jhk_sysdocs_is_restricted (const char *category)
{
  return g_strcmp0 (category, "system_document") == 0 || g_strcmp0 (category, "program") == 0;
}

gboolean
jhk_sysdocs_is_ops_manager (JhkDb      *db,
                            JhkSession *actor,
                            gint64      office_id)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (jhk_session_is_system (actor))
    return TRUE;
  return jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_OPS_MANAGER, office_id);
}

/* Inside the transaction: the material is a restricted one of an office
 * whose 運用管理者 the actor is, and not purged. */
static gboolean
require_viewers_keeper (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       material_id,
                        GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *category = NULL;
  gint64 office_id, purged_at;

  stmt = jhk_service_query_row (db, _("There is no such material."), error,
                                "SELECT org_unit_id, category, COALESCE(purged_at, 0) FROM materials"
                                " WHERE id = ?",
                                JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  office_id = jhk_db_stmt_get_int64 (stmt, 0);
  category = jhk_db_stmt_dup_text (stmt, 1);
  purged_at = jhk_db_stmt_get_int64 (stmt, 2);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (!jhk_sysdocs_is_ops_manager (db, actor, office_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager names who may view its "
                             "system documents and programs."));
      return FALSE;
    }
  if (!jhk_sysdocs_is_restricted (category))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Only system documents and programs have a list of staff "
                             "allowed to view them."));
      return FALSE;
    }
  if (purged_at != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This material has been purged."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
change_viewer (JhkDb       *db,
               JhkSession  *actor,
               gint64       material_id,
               gint64       staff_id,
               gboolean     add,
               GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gboolean named;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!require_viewers_keeper (db, actor, material_id, error))
    goto fail;
  if (!jhk_db_query_int64 (db, NULL, NULL, "SELECT id FROM staff WHERE id = ?",
                           JHK_I (staff_id), JHK_DB_END))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such member of staff."));
      goto fail;
    }
  named = jhk_db_query_int64 (db, NULL, NULL,
                              "SELECT staff_id FROM material_viewers"
                              " WHERE material_id = ? AND staff_id = ?",
                              JHK_I (material_id), JHK_I (staff_id), JHK_DB_END);
  if (add && named)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("That member of staff may view this material already."));
      goto fail;
    }
  if (!add && !named)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("That member of staff is not among the material's viewers."));
      goto fail;
    }
  if (add ? !jhk_db_run (db, error,
                         "INSERT INTO material_viewers (material_id, staff_id, created_at,"
                         " created_by) VALUES (?, ?, ?, ?)",
                         JHK_I (material_id), JHK_I (staff_id), JHK_I (jhk_now_us ()),
                         JHK_T (jhk_session_get_login (actor)), JHK_DB_END)
          : !jhk_db_run (db, error,
                         "DELETE FROM material_viewers WHERE material_id = ? AND staff_id = ?",
                         JHK_I (material_id), JHK_I (staff_id), JHK_DB_END))
    goto fail;
  json_object_set_int_member (details, "staff_id", staff_id);
  return jhk_service_commit_id (db, actor, add ? "material.viewer_add" : "material.viewer_remove",
                                "material", material_id, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_sysdocs_add_viewer (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       material_id,
                        gint64       staff_id,
                        GError     **error)
{
  return change_viewer (db, actor, material_id, staff_id, TRUE, error);
}

gboolean
jhk_sysdocs_remove_viewer (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       material_id,
                           gint64       staff_id,
                           GError     **error)
{
  return change_viewer (db, actor, material_id, staff_id, FALSE, error);
}

GPtrArray *
jhk_sysdocs_list_viewers (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       material_id,
                          GError     **error)
{
  g_autoptr(JhkLedgerMaterial) material = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_sysdoc_viewer_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  material = jhk_ledger_query_material (db, actor, material_id, error);
  if (material == NULL)
    return NULL;
  stmt = jhk_db_query (db, error,
                       "SELECT s.id, s.staff_no, s.name, u.name FROM material_viewers v"
                       " JOIN staff s ON s.id = v.staff_id"
                       " LEFT JOIN org_units u ON u.id = s.org_unit_id"
                       " WHERE v.material_id = ? ORDER BY s.staff_no",
                       JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkSysdocViewer *v = g_new0 (JhkSysdocViewer, 1);

      v->staff_id = jhk_db_stmt_get_int64 (stmt, 0);
      v->staff_no = jhk_db_stmt_dup_text (stmt, 1);
      v->name = jhk_db_stmt_dup_text (stmt, 2);
      v->unit = jhk_db_stmt_dup_text (stmt, 3);
      g_ptr_array_add (list, v);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}
