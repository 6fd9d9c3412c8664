/* jhk-signoffs.c: the confirmations of 様式第1号. */
#include <glib/gi18n-lib.h>

#include "jhk-ledger-private.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-signoffs.h"

const JhkRole jhk_signoff_roles[4] = {
  JHK_ROLE_OPS_MANAGER, JHK_ROLE_INFO_LEAD, JHK_ROLE_INFO_MANAGER, JHK_ROLE_INFO_ASSISTANT,
};

void
jhk_signoff_free (JhkSignoff *s)
{
  if (s == NULL)
    return;
  g_free (s->stage);
  g_free (s->role);
  g_free (s->staff_name);
  g_free (s->signed_on);
  g_free (s);
}

void
jhk_signoff_task_free (JhkSignoffTask *t)
{
  if (t == NULL)
    return;
  g_free (t->material_name);
  g_free (t->stage);
  g_free (t->role);
  g_free (t->requester_name);
  g_free (t);
}

static gboolean
is_signoff_role (JhkRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (jhk_signoff_roles); i++)
    if (jhk_signoff_roles[i] == role)
      return TRUE;
  return FALSE;
}

static gboolean
load_material (JhkDb       *db,
               JhkSession  *actor,
               gint64       material_id,
               gint64      *out_office,
               char       **out_status,
               GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  stmt = jhk_db_query (db, error, "SELECT org_unit_id, status FROM materials WHERE id = ?",
                       JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step != JHK_DB_ROW || !jhk_ledger_may_keep_office (db, actor,
                                                         jhk_db_stmt_get_int64 (stmt, 0)))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no material %lld in the ledgers you keep."),
                   (long long) material_id);
      return FALSE;
    }
  *out_office = jhk_db_stmt_get_int64 (stmt, 0);
  *out_status = jhk_db_stmt_dup_text (stmt, 1);
  return TRUE;
}

gboolean
jhk_signoffs_sign (JhkDb       *db,
                   JhkSession  *actor,
                   gint64       material_id,
                   const char  *stage,
                   JhkRole      role,
                   GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *status = NULL;
  gint64 office_id = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (g_strcmp0 (stage, "created") != 0 && g_strcmp0 (stage, "final") != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Choose the confirmation: at creation or at the final "
                             "disposition."));
      return FALSE;
    }
  if (role != JHK_ROLE_INVALID && !is_signoff_role (role))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The confirmations are the operations manager's, the information "
                             "management lead's, the information manager's and the "
                             "assistant's."));
      return FALSE;
    }
  if (jhk_session_get_staff_id (actor) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("A confirmation is signed by a member of staff in person."));
      return FALSE;
    }

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!load_material (db, actor, material_id, &office_id, &status, error))
    goto fail;

  if (role == JHK_ROLE_INVALID)
    {
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (jhk_signoff_roles); i++)
        if (jhk_ledger_holds_role_for_office (db, actor, jhk_signoff_roles[i], office_id))
          {
            role = jhk_signoff_roles[i];
            n++;
          }
      if (n > 1)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                               _("You hold more than one of the office's roles: choose the "
                                 "one you sign for."));
          goto fail;
        }
    }
  if (role == JHK_ROLE_INVALID || !jhk_ledger_holds_role_for_office (db, actor, role, office_id))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                   _("Only the office's %s signs this confirmation."),
                   role == JHK_ROLE_INVALID ? _("operations manager, information management "
                                                "lead, information manager or assistant")
                                            : jhk_role_get_label (role));
      goto fail;
    }
  if (g_str_equal (stage, "final") && !g_str_equal (status, "closed"))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("The final confirmation comes after the material's final "
                             "disposition."));
      goto fail;
    }
  /* Read under the write lock: a box is signed once. */
  if (jhk_db_query_int64 (db, NULL, NULL,
                          "SELECT id FROM material_signoffs"
                          " WHERE material_id = ? AND stage = ? AND role = ?",
                          JHK_I (material_id), JHK_T (stage), JHK_T (jhk_role_to_key (role)),
                          JHK_DB_END))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                   _("The %s's box of this confirmation has been signed already."),
                   jhk_role_get_label (role));
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "INSERT INTO material_signoffs (material_id, stage, role, staff_id, signed_at,"
                   " signed_by) VALUES (?, ?, ?, ?, ?, ?)",
                   JHK_I (material_id), JHK_T (stage), JHK_T (jhk_role_to_key (role)),
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_T (jhk_session_get_login (actor)), JHK_DB_END))
    goto fail;

  json_object_set_string_member (details, "stage", stage);
  json_object_set_string_member (details, "role", jhk_role_to_key (role));
  return jhk_service_commit_id (db, actor, "material.signoff", "material", material_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_signoffs_request_final (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       material_id,
                            GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *status = NULL;
  g_autofree char *recorded_by = NULL;
  gint64 office_id = 0, handler = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (jhk_session_get_staff_id (actor) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("The final confirmations are collected by a member of staff."));
      return FALSE;
    }
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!load_material (db, actor, material_id, &office_id, &status, error))
    goto fail;
  if (!g_str_equal (status, "closed") ||
      !jhk_db_query_int64 (db, &handler, NULL,
                           "SELECT handler_staff_id FROM material_dispositions"
                           " WHERE material_id = ?", JHK_I (material_id), JHK_DB_END) ||
      !jhk_db_query_text (db, &recorded_by, NULL,
                          "SELECT created_by FROM material_dispositions WHERE material_id = ?",
                          JHK_I (material_id), JHK_DB_END))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("The final confirmation comes after the material's final "
                             "disposition."));
      goto fail;
    }
  if (handler != jhk_session_get_staff_id (actor) &&
      g_strcmp0 (recorded_by, jhk_session_get_login (actor)) != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("The one who made the final disposition collects its "
                             "confirmations."));
      goto fail;
    }
  if (jhk_signoffs_final_requested (db, material_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("The final confirmations of this material have been asked "
                             "for already."));
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "INSERT INTO material_signoff_requests (material_id, org_unit_id, requested_by,"
                   " requested_at, created_by) VALUES (?, ?, ?, ?, ?)",
                   JHK_I (material_id), JHK_I (office_id),
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (jhk_now_us ()),
                   JHK_T (jhk_session_get_login (actor)), JHK_DB_END))
    goto fail;
  return jhk_service_commit_id (db, actor, "material.signoff_request", "material", material_id,
                                details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_signoffs_final_requested (JhkDb  *db,
                              gint64  material_id)
{
  return jhk_db_query_int64 (db, NULL, NULL,
                             "SELECT material_id FROM material_signoff_requests"
                             " WHERE material_id = ?", JHK_I (material_id), JHK_DB_END);
}

static int
role_rank (const char *key)
{
  JhkRole role = jhk_role_from_key (key);

  for (guint i = 0; i < G_N_ELEMENTS (jhk_signoff_roles); i++)
    if (jhk_signoff_roles[i] == role)
      return i;
  return G_N_ELEMENTS (jhk_signoff_roles);
}

static int
compare_signoffs (gconstpointer a,
                  gconstpointer b)
{
  const JhkSignoff *x = *(JhkSignoff * const *) a;
  const JhkSignoff *y = *(JhkSignoff * const *) b;
  int by_stage = g_strcmp0 (x->stage, y->stage);  /* "created" < "final" */

  return by_stage != 0 ? by_stage : role_rank (x->role) - role_rank (y->role);
}

GPtrArray *
jhk_signoffs_list (JhkDb       *db,
                   gint64       material_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_signoff_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  stmt = jhk_db_query (db, error,
                       "SELECT s.stage, s.role, s.staff_id, st.name, s.signed_at"
                       " FROM material_signoffs s LEFT JOIN staff st ON st.id = s.staff_id"
                       " WHERE s.material_id = ?", JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkSignoff *s = g_new0 (JhkSignoff, 1);
      g_autoptr(GDateTime) when = NULL;

      s->stage = jhk_db_stmt_dup_text (stmt, 0);
      s->role = jhk_db_stmt_dup_text (stmt, 1);
      s->staff_id = jhk_db_stmt_get_int64 (stmt, 2);
      s->staff_name = jhk_db_stmt_dup_text (stmt, 3);
      s->signed_at = jhk_db_stmt_get_int64 (stmt, 4);
      when = g_date_time_new_from_unix_local (s->signed_at / G_USEC_PER_SEC);
      s->signed_on = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("");
      g_ptr_array_add (list, s);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  g_ptr_array_sort (list, compare_signoffs);
  return g_steal_pointer (&list);
}

GPtrArray *
jhk_signoffs_waiting_for (JhkDb       *db,
                          JhkSession  *actor,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_signoff_task_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_signoff_task_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  if (jhk_session_get_staff_id (actor) == 0)
    return g_steal_pointer (&list);
  /* The requested final stages that still lack a box. */
  stmt = jhk_db_query (db, error,
                       "SELECT r.material_id, m.name, r.org_unit_id, rs.name, r.requested_at"
                       " FROM material_signoff_requests r"
                       " JOIN materials m ON m.id = r.material_id"
                       " LEFT JOIN staff rs ON rs.id = r.requested_by"
                       " WHERE (SELECT COUNT(*) FROM material_signoffs s"
                       "        WHERE s.material_id = r.material_id AND s.stage = 'final') < 4"
                       " ORDER BY r.requested_at, r.material_id", JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkSignoffTask *t = g_new0 (JhkSignoffTask, 1);

      t->material_id = jhk_db_stmt_get_int64 (stmt, 0);
      t->material_name = jhk_db_stmt_dup_text (stmt, 1);
      t->office_id = jhk_db_stmt_get_int64 (stmt, 2);
      t->requester_name = jhk_db_stmt_dup_text (stmt, 3);
      t->requested_at = jhk_db_stmt_get_int64 (stmt, 4);
      t->stage = g_strdup ("final");
      g_ptr_array_add (open, t);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  for (guint i = 0; i < open->len; i++)
    {
      JhkSignoffTask *t = g_ptr_array_index (open, i);

      for (guint r = 0; r < G_N_ELEMENTS (jhk_signoff_roles); r++)
        {
          const char *key = jhk_role_to_key (jhk_signoff_roles[r]);
          JhkSignoffTask *box;

          if (!jhk_ledger_holds_role_for_office (db, actor, jhk_signoff_roles[r], t->office_id) ||
              jhk_db_query_int64 (db, NULL, NULL,
                                  "SELECT id FROM material_signoffs WHERE material_id = ?"
                                  " AND stage = 'final' AND role = ?",
                                  JHK_I (t->material_id), JHK_T (key), JHK_DB_END))
            continue;
          box = g_new0 (JhkSignoffTask, 1);
          box->material_id = t->material_id;
          box->material_name = g_strdup (t->material_name);
          box->office_id = t->office_id;
          box->stage = g_strdup (t->stage);
          box->role = g_strdup (key);
          box->requester_name = g_strdup (t->requester_name);
          box->requested_at = t->requested_at;
          g_ptr_array_add (list, box);
        }
    }
  return g_steal_pointer (&list);
}

/* What the ledger page offers. */

guint
jhk_signoffs_roles_held (JhkDb      *db,
                         JhkSession *actor,
                         gint64      office_id,
                         JhkRole     roles[4])
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (jhk_signoff_roles); i++)
    if (jhk_ledger_holds_role_for_office (db, actor, jhk_signoff_roles[i], office_id))
      roles[n++] = jhk_signoff_roles[i];
  return n;
}

static gboolean
box_signed (const JhkLedgerMaterial *material,
            const char              *stage,
            JhkRole                  role)
{
  for (guint i = 0; material->signoffs != NULL && i < material->signoffs->len; i++)
    {
      const JhkSignoff *s = g_ptr_array_index (material->signoffs, i);

      if (g_strcmp0 (s->stage, stage) == 0 && jhk_role_from_key (s->role) == role)
        return TRUE;
    }
  return FALSE;
}

const char *
jhk_signoffs_sign_refusal (JhkDb                   *db,
                           JhkSession              *actor,
                           const JhkLedgerMaterial *material,
                           const char              *stage,
                           JhkRole                  role)
{
  JhkRole held[4];
  guint n_held;
  gboolean open_box = FALSE;

  g_return_val_if_fail (material != NULL, NULL);

  /* The same order as jhk_signoffs_sign checks in. */
  if (jhk_session_get_staff_id (actor) == 0)
    return _("A confirmation is signed by a member of staff in person.");
  if (!jhk_ledger_may_keep_office (db, actor, material->office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  n_held = jhk_signoffs_roles_held (db, actor, material->office_id, held);
  if (role != JHK_ROLE_INVALID)
    {
      gboolean holds = FALSE;

      for (guint i = 0; i < n_held; i++)
        holds |= held[i] == role;
      if (!holds)
        return _("Only the holder of this role for the material's office signs this box.");
    }
  else if (n_held == 0)
    return _("Only the holder of this role for the material's office signs this box.");
  if (g_strcmp0 (stage, "final") == 0 && g_strcmp0 (material->status, "closed") != 0)
    return _("The final confirmation comes after the material's final disposition.");
  if (role != JHK_ROLE_INVALID)
    return box_signed (material, stage, role)
             ? _("This box has been signed already.")
             : NULL;
  for (guint i = 0; i < n_held; i++)
    open_box |= !box_signed (material, stage, held[i]);
  return open_box ? NULL : _("This box has been signed already.");
}

const char *
jhk_signoffs_request_final_refusal (JhkDb                   *db,
                                    JhkSession              *actor,
                                    const JhkLedgerMaterial *material)
{
  g_autofree char *recorded_by = NULL;
  gint64 handler = 0;

  g_return_val_if_fail (material != NULL, NULL);

  if (jhk_session_get_staff_id (actor) == 0)
    return _("The final confirmations are collected by a member of staff.");
  if (!jhk_ledger_may_keep_office (db, actor, material->office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  if (g_strcmp0 (material->status, "closed") != 0 ||
      !jhk_db_query_int64 (db, &handler, NULL,
                           "SELECT handler_staff_id FROM material_dispositions"
                           " WHERE material_id = ?", JHK_I (material->id), JHK_DB_END) ||
      !jhk_db_query_text (db, &recorded_by, NULL,
                          "SELECT created_by FROM material_dispositions WHERE material_id = ?",
                          JHK_I (material->id), JHK_DB_END))
    return _("The final confirmation comes after the material's final disposition.");
  if (handler != jhk_session_get_staff_id (actor) &&
      g_strcmp0 (recorded_by, jhk_session_get_login (actor)) != 0)
    return _("The one who made the final disposition collects its confirmations.");
  if (material->final_signoff_requested)
    return _("The final confirmations of this material have been asked for already.");
  return NULL;
}
