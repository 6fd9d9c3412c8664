/* jhk-org.c: org units, staff, roles and businesses. */
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-settings.h"
#include "jhk-util.h"

static gboolean
require_text (const char  *value,
              const char  *what,
              GError     **error)
{
  if (value == NULL || !g_utf8_validate (value, -1, NULL) || jhk_is_blank (value))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID, _("Enter the %s."), what);
      return FALSE;
    }
  if (g_utf8_strlen (value, -1) > 200)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The %s is too long (200 characters at most)."), what);
      return FALSE;
    }
  return TRUE;
}

/* The org unit exists; a clear answer otherwise, not a foreign key error. */
static gboolean
require_unit (JhkDb       *db,
              gint64       org_unit_id,
              GError     **error)
{
  if (jhk_db_query_int64 (db, NULL, NULL, "SELECT id FROM org_units WHERE id = ?",
                          JHK_I (org_unit_id), JHK_DB_END))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                       _("There is no such org unit."));
  return FALSE;
}

static gboolean
code_is_valid (const char  *code,
               GError     **error)
{
  gsize len = code ? strlen (code) : 0;

  if (len == 0 || len > 16)
    goto bad;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      goto bad;
  return TRUE;

bad:
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("A code has 1 to 16 letters, digits or “-”."));
  return FALSE;
}

gboolean
jhk_date_is_valid (const char *text)
{
  /* Only the canonical YYYY-MM-DD: dates are stored and compared as text. */
  static const char pattern[] = "dddd-dd-dd";
  int y, m, d;

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  y = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
      g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  m = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  d = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  return y >= 1 && g_date_valid_dmy (d, m, y);
}

static void
set_conflict_if_constraint (GError     **error,
                            const char  *message)
{
  if (error != NULL && *error != NULL &&
      g_error_matches (*error, JHK_DB_ERROR, JHK_DB_ERROR_UNIQUE))
    {
      g_clear_error (error);
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT, message);
    }
}

gint64
jhk_org_add_unit (JhkDb       *db,
                  JhkSession  *actor,
                  const char  *code,
                  const char  *name,
                  const char  *kind,
                  gint64       parent_id,
                  const char  *head_title,
                  GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *today = jhk_today ();
  g_autofree char *parent_kind = NULL;
  const char *want_parent = NULL;
  gint64 id;

  /* R11-1: the code tables belong to the システム管理者. */
  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error) ||
      !code_is_valid (code, error) || !require_text (name, _("name"), error))
    return 0;

  if (g_strcmp0 (kind, "department") == 0)
    want_parent = NULL;
  else if (g_strcmp0 (kind, "office") == 0)
    want_parent = "department";
  else if (g_strcmp0 (kind, "section") == 0)
    want_parent = "office";
  else
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("An org unit is a department, an office or a section."));
      return 0;
    }
  if (want_parent == NULL && parent_id != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("A department has no parent unit."));
      return 0;
    }
  if (want_parent != NULL &&
      (!jhk_db_query_text (db, &parent_kind, NULL, "SELECT kind FROM org_units WHERE id = ?",
                           JHK_I (parent_id), JHK_DB_END) ||
       g_strcmp0 (parent_kind, want_parent) != 0))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           g_strcmp0 (kind, "office") == 0
                             ? _("An office belongs to a department.")
                             : _("A section belongs to an office."));
      return 0;
    }

  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_service_insert (db, error,
                           "INSERT INTO org_units (code, name, kind, parent_id, head_title,"
                           " valid_from, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_T (code), JHK_T (name), JHK_T (kind),
                           JHK_IZ (parent_id),
                           JHK_T (head_title ? head_title : ""), JHK_T (today),
                           JHK_I (jhk_now_us ()), JHK_DB_END);
  if (id == 0)
    {
      set_conflict_if_constraint (error, _("That code is in use or was used before; codes "
                                           "are never reused."));
      jhk_service_abort (db);
      return 0;
    }
  json_object_set_string_member (details, "code", code);
  json_object_set_string_member (details, "name", name);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_int_member (details, "parent_id", parent_id);
  return jhk_service_commit_new (db, actor, id, "org.add", "org_unit", details, error);
}

gint64
jhk_org_add_staff (JhkDb       *db,
                   JhkSession  *actor,
                   const char  *staff_no,
                   const char  *name,
                   const char  *kana,
                   const char  *rank,
                   const char  *title,
                   gint64       org_unit_id,
                   const char  *extension,
                   GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 id;

  if (!jhk_session_is_system (actor) && !jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) &&
      !jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, org_unit_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the system administrator, or the operations manager of "
                             "the office, may add staff."));
      return 0;
    }
  if (!code_is_valid (staff_no, error) || !require_text (name, _("name"), error))
    return 0;
  if (!require_unit (db, org_unit_id, error))
    return 0;
  if (jhk_org_find_staff (db, staff_no) != 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                   _("Staff number %s is registered already."), staff_no);
      return 0;
    }

  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_service_insert (db, error,
                           "INSERT INTO staff (staff_no, name, kana, rank, title, org_unit_id,"
                           " extension, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_T (staff_no), JHK_T (name), JHK_T (kana ? kana : ""),
                           JHK_T (rank ? rank : ""), JHK_T (title ? title : ""),
                           JHK_I (org_unit_id), JHK_T (extension ? extension : ""),
                           JHK_I (jhk_now_us ()), JHK_DB_END);
  if (id == 0)
    {
      set_conflict_if_constraint (error, _("That staff number is registered already."));
      jhk_service_abort (db);
      return 0;
    }
  json_object_set_string_member (details, "staff_no", staff_no);
  json_object_set_string_member (details, "name", name);
  json_object_set_int_member (details, "org_unit_id", org_unit_id);
  return jhk_service_commit_new (db, actor, id, "staff.add", "staff", details, error);
}

/* Checks that the scope given for a role is the kind the role needs. */
static gboolean
check_scope (JhkDb       *db,
             JhkRole      role,
             gint64       org_unit_id,
             gint64       business_id,
             GError     **error)
{
  JhkScopeKind scope = jhk_role_get_scope (role);
  g_autofree char *kind = NULL;
  const char *want = NULL;

  switch (scope)
    {
    case JHK_SCOPE_ORGANISATION:
      if (org_unit_id == 0 && business_id == 0)
        return TRUE;
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The %s acts for the whole organisation; give no scope."),
                   jhk_role_get_label (role));
      return FALSE;
    case JHK_SCOPE_BUSINESS:
      {
        const char *want_kind = role == JHK_ROLE_BIZ_OWNER    ? "target"
                                : role == JHK_ROLE_EGOV_OWNER ? "egov"
                                : role == JHK_ROLE_LEAD_OWNER ? "lead"
                                                              : NULL;
        if (business_id != 0 && org_unit_id == 0 &&
            jhk_db_query_text (db, &kind, NULL, "SELECT kind FROM businesses WHERE id = ?",
                               JHK_I (business_id), JHK_DB_END) &&
            (want_kind == NULL || g_strcmp0 (kind, want_kind) == 0))
          return TRUE;
        g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                     _("The %s is assigned for one business of the matching kind."),
                     jhk_role_get_label (role));
        return FALSE;
      }
    case JHK_SCOPE_DEPARTMENT:
      want = "department";
      break;
    case JHK_SCOPE_OFFICE:
      want = "office";
      break;
    case JHK_SCOPE_SECTION:
      want = "section";
      break;
    default:
      g_assert_not_reached ();
    }

  if (business_id == 0 && org_unit_id != 0 &&
      jhk_db_query_text (db, &kind, NULL, "SELECT kind FROM org_units WHERE id = ?",
                         JHK_I (org_unit_id), JHK_DB_END) &&
      g_strcmp0 (kind, want) == 0)
    return TRUE;
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
               _("The %s is assigned for one %s."), jhk_role_get_label (role),
               jhk_org_kind_label (want));
  return FALSE;
}

gint64
jhk_org_grant_role (JhkDb       *db,
                    JhkSession  *actor,
                    gint64       staff_id,
                    JhkRole      role,
                    gint64       org_unit_id,
                    gint64       business_id,
                    const char  *valid_from,
                    const char  *valid_to,
                    const char  *note,
                    GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 exists = 0;
  gint64 id;

  if (role < 0 || role >= JHK_N_ROLES)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID, _("Unknown role."));
      return 0;
    }
  /* R5-1: every assignment has a period. */
  if (!jhk_date_is_valid (valid_from) || (valid_to != NULL && !jhk_date_is_valid (valid_to)))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Dates are written YYYY-MM-DD."));
      return 0;
    }
  if (valid_to != NULL && strcmp (valid_to, valid_from) < 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The period ends before it starts."));
      return 0;
    }
  if (!check_scope (db, role, org_unit_id, business_id, error) ||
      !jhk_policy_can_grant_role (db, actor, role, org_unit_id, error))
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!jhk_db_query_int64 (db, &exists, error, "SELECT COUNT(*) FROM staff WHERE id = ?",
                           JHK_I (staff_id), JHK_DB_END))
    goto fail;
  if (exists == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such staff member."));
      goto fail;
    }
  id = jhk_service_insert (db, error,
                           "INSERT INTO role_assignments (staff_id, role, org_unit_id,"
                           " business_id, valid_from, valid_to, note, granted_by, granted_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (staff_id), JHK_T (jhk_role_to_key (role)),
                           JHK_IZ (org_unit_id),
                           JHK_IZ (business_id),
                           JHK_T (valid_from), JHK_TN (valid_to), JHK_T (note ? note : ""),
                           JHK_T (jhk_session_get_login (actor)), JHK_I (jhk_now_us ()),
                           JHK_DB_END);
  if (id == 0)
    goto fail;
  json_object_set_int_member (details, "staff_id", staff_id);
  json_object_set_string_member (details, "role", jhk_role_to_key (role));
  json_object_set_int_member (details, "org_unit_id", org_unit_id);
  json_object_set_int_member (details, "business_id", business_id);
  json_object_set_string_member (details, "valid_from", valid_from);
  if (valid_to != NULL)
    json_object_set_string_member (details, "valid_to", valid_to);
  return jhk_service_commit_new (db, actor, id, "role.grant", "role_assignment", details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

gboolean
jhk_org_end_role (JhkDb       *db,
                  JhkSession  *actor,
                  gint64       assignment_id,
                  const char  *valid_to,
                  GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *from = NULL;
  g_autofree char *id_text = NULL;
  JhkRole role;
  gint64 org_unit_id;

  if (!jhk_date_is_valid (valid_to))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Dates are written YYYY-MM-DD."));
      return FALSE;
    }
  stmt = jhk_db_query (db, error,
                       "SELECT role, COALESCE(org_unit_id, 0), valid_from FROM role_assignments"
                       " WHERE id = ? AND ended_at IS NULL",
                       JHK_I (assignment_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  if (jhk_db_stmt_step (stmt, NULL) != JHK_DB_ROW)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such current role assignment."));
      return FALSE;
    }
  role = jhk_role_from_key (jhk_db_stmt_get_text (stmt, 0));
  org_unit_id = jhk_db_stmt_get_int64 (stmt, 1);
  from = jhk_db_stmt_dup_text (stmt, 2);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (role == JHK_ROLE_INVALID || !jhk_policy_can_grant_role (db, actor, role, org_unit_id, error))
    return FALSE;
  if (strcmp (valid_to, from) < 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The period ends before it starts."));
      return FALSE;
    }

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Ended meanwhile by someone else (who read it current too): refuse,
   * rather than overwrite who ended it and when. */
  if (!jhk_db_run (db, error,
                   "UPDATE role_assignments SET valid_to = ?, ended_by = ?, ended_at = ?"
                   " WHERE id = ? AND ended_at IS NULL",
                   JHK_T (valid_to), JHK_T (jhk_session_get_login (actor)), JHK_I (jhk_now_us ()),
                   JHK_I (assignment_id), JHK_DB_END))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  if (jhk_db_changes (db) == 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such current role assignment."));
      jhk_service_abort (db);
      return FALSE;
    }
  json_object_set_string_member (details, "valid_to", valid_to);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, assignment_id);
  return jhk_service_commit (db, actor, "role.end", "role_assignment", id_text, details, error);
}

gint64
jhk_org_add_business (JhkDb       *db,
                      JhkSession  *actor,
                      const char  *code,
                      const char  *name,
                      const char  *kind,
                      int          category,
                      int          basis,
                      gint64       owner_org_id,
                      const char  *description,
                      GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 id;

  if (!jhk_policy_require_either (actor, JHK_ROLE_SYSADMIN, JHK_ROLE_SUPERVISOR, error) ||
      !code_is_valid (code, error) || !require_text (name, _("name"), error))
    return 0;

  /* R8-1: 対象業務 are of one of four categories; R9-1: 電子化業務 have a basis. */
  if (g_strcmp0 (kind, "target") == 0)
    {
      if (category < 1 || category > 4)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                               _("Choose the category of the target business."));
          return 0;
        }
      basis = 0;
    }
  else if (g_strcmp0 (kind, "egov") == 0)
    {
      if (basis < 1 || basis > 2)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                               _("Choose the basis of the digitised business."));
          return 0;
        }
      category = 0;
    }
  else if (g_strcmp0 (kind, "lead") == 0)
    {
      category = basis = 0;
    }
  else
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("A business is a target, digitised or lead business."));
      return 0;
    }

  if (!require_unit (db, owner_org_id, error))
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_service_insert (db, error,
                           "INSERT INTO businesses (code, name, kind, category, basis,"
                           " owner_org_id, description, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_T (code), JHK_T (name), JHK_T (kind),
                           JHK_IZ (category),
                           JHK_IZ (basis),
                           JHK_I (owner_org_id), JHK_T (description ? description : ""),
                           JHK_I (jhk_now_us ()), JHK_DB_END);
  if (id == 0)
    {
      set_conflict_if_constraint (error, _("That business code is in use, or the owning "
                                           "office does not exist."));
      jhk_service_abort (db);
      return 0;
    }
  json_object_set_string_member (details, "code", code);
  json_object_set_string_member (details, "name", name);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_int_member (details, "category", category);
  json_object_set_int_member (details, "basis", basis);
  json_object_set_int_member (details, "owner_org_id", owner_org_id);
  return jhk_service_commit_new (db, actor, id, "business.add", "business", details, error);
}

gboolean
jhk_org_approve_business (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       business_id,
                          GError     **error)
{
  g_autofree char *id_text = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 approved = 0;

  /* R8-1, R9-1: approval is the 総括責任者's. */
  if (!jhk_policy_require_role (actor, JHK_ROLE_SUPERVISOR, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &approved, &local_error,
                           "SELECT COALESCE(approved_at, 0) FROM businesses WHERE id = ?",
                           JHK_I (business_id), JHK_DB_END))
    {
      if (g_error_matches (local_error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND))
        g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                             _("There is no such business."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (approved != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This business is approved already."));
      goto fail;
    }
  if (!jhk_db_run (db, error, "UPDATE businesses SET approved_at = ?, approved_by = ? WHERE id = ?",
                   JHK_I (jhk_now_us ()), JHK_T (jhk_session_get_login (actor)),
                   JHK_I (business_id), JHK_DB_END))
    goto fail;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, business_id);
  return jhk_service_commit (db, actor, "business.approve", "business", id_text, NULL, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_org_business_is_usable (JhkDb  *db,
                            gint64  business_id)
{
  gint64 approved = 0;

  /* 主管業務 need no approval; 対象業務 and 電子化業務 do (R8-1, R9-1). */
  jhk_db_query_int64 (db, &approved, NULL,
                      "SELECT CASE WHEN kind = 'lead' OR approved_at IS NOT NULL THEN 1 ELSE 0 END"
                      " FROM businesses WHERE id = ?",
                      JHK_I (business_id), JHK_DB_END);
  return approved != 0;
}

static gint64
find_id (JhkDb      *db,
         const char *sql,
         const char *key)
{
  gint64 id = 0;

  if (key == NULL)
    return 0;
  jhk_db_query_int64 (db, &id, NULL, sql, JHK_T (key), JHK_DB_END);
  return id;
}

gint64
jhk_org_find_unit (JhkDb *db, const char *code)
{
  return find_id (db, "SELECT id FROM org_units WHERE code = ?", code);
}

gint64
jhk_org_find_staff (JhkDb *db, const char *staff_no)
{
  return find_id (db, "SELECT id FROM staff WHERE staff_no = ?", staff_no);
}

gint64
jhk_org_find_business (JhkDb *db, const char *code)
{
  return find_id (db, "SELECT id FROM businesses WHERE code = ?", code);
}

const char *
jhk_org_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "department") == 0)
    return _("Department");
  if (g_strcmp0 (kind, "office") == 0)
    return _("Office");
  if (g_strcmp0 (kind, "section") == 0)
    return _("Section");
  return kind;
}

const char *
jhk_business_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "target") == 0)
    return _("Target business");
  if (g_strcmp0 (kind, "egov") == 0)
    return _("Digitised business");
  if (g_strcmp0 (kind, "lead") == 0)
    return _("Lead business");
  return kind;
}

const char *
jhk_business_category_label (int category)
{
  switch (category)
    {
    case 1:
      return _("Matching of materials");
    case 2:
      return _("Uniform surveys and statistics");
    case 3:
      return _("Analysis");
    case 4:
      return _("Other efficiency work");
    default:
      return "";
    }
}

const char *
jhk_business_basis_label (int basis)
{
  switch (basis)
    {
    case 1:
      return _("Laws and cabinet orders");
    case 2:
      return _("Tokyo Metropolitan Public Safety Commission");
    default:
      return "";
    }
}

/* R6-2: the actor manages this business (対象業務管理者, 電子化業務の
 * 主管業務管理者 or 主管業務管理者 with the business as scope). */
gboolean
jhk_org_manages_business (JhkSession *actor,
                          gint64      business_id)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if ((grant->role == JHK_ROLE_BIZ_OWNER || grant->role == JHK_ROLE_EGOV_OWNER ||
           grant->role == JHK_ROLE_LEAD_OWNER) && grant->business_id == business_id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
require_business_manager (JhkSession  *actor,
                          gint64       business_id,
                          GError     **error)
{
  if (jhk_org_manages_business (actor, business_id))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       _("Only the manager of this business may designate or end another "
                         "structure for it."));
  return FALSE;
}

gint64
jhk_org_designate_alt_structure (JhkDb       *db,
                                 JhkSession  *actor,
                                 gint64       business_id,
                                 gint64       org_unit_id,
                                 const char  *structure,
                                 const char  *reason,
                                 gint64       agreed_by_staff_id,
                                 const char  *agreed_on,
                                 const char  *valid_from,
                                 GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *today = jhk_today ();
  gint64 id;

  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (!require_business_manager (actor, business_id, error) ||
      !require_text (structure, _("structure"), error) ||
      !require_text (reason, _("reason"), error))
    return 0;
  if (!jhk_date_is_valid (agreed_on) || !jhk_date_is_valid (valid_from))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Dates are written YYYY-MM-DD."));
      return 0;
    }
  if (strcmp (agreed_on, today) > 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The consultation with the system administrator must have taken "
                             "place already."));
      return 0;
    }
  if (strcmp (valid_from, agreed_on) < 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The structure cannot apply before the system administrator "
                             "agreed to it."));
      return 0;
    }
  if (!jhk_policy_staff_held_role (db, agreed_by_staff_id, JHK_ROLE_SYSADMIN, agreed_on))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Name the system administrator who agreed; they must have held "
                             "that role on the day of the agreement."));
      return 0;
    }
  if (org_unit_id != 0 && !require_unit (db, org_unit_id, error))
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_service_insert (db, error,
                           "INSERT INTO alt_structures (business_id, org_unit_id, structure,"
                           " reason, agreed_by, agreed_on, valid_from, designated_by,"
                           " designated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (business_id), JHK_IZ (org_unit_id), JHK_T (structure),
                           JHK_T (reason), JHK_I (agreed_by_staff_id), JHK_T (agreed_on),
                           JHK_T (valid_from), JHK_T (jhk_session_get_login (actor)),
                           JHK_I (jhk_now_us ()), JHK_DB_END);
  if (id == 0)
    {
      jhk_service_abort (db);
      return 0;
    }
  json_object_set_int_member (details, "business_id", business_id);
  json_object_set_int_member (details, "org_unit_id", org_unit_id);
  json_object_set_string_member (details, "structure", structure);
  json_object_set_string_member (details, "reason", reason);
  json_object_set_int_member (details, "agreed_by", agreed_by_staff_id);
  json_object_set_string_member (details, "agreed_on", agreed_on);
  json_object_set_string_member (details, "valid_from", valid_from);
  return jhk_service_commit_new (db, actor, id,
                                 "structure.designate", "alt_structure", details, error);
}

gboolean
jhk_org_end_alt_structure (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       alt_structure_id,
                           GError     **error)
{
  g_autofree char *id_text = NULL;
  gint64 business_id = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_db_query_int64 (db, &business_id, NULL,
                           "SELECT business_id FROM alt_structures"
                           " WHERE id = ? AND ended_at IS NULL",
                           JHK_I (alt_structure_id), JHK_DB_END))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("There is no such designation in force."));
      return FALSE;
    }
  if (!require_business_manager (actor, business_id, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_run (db, error,
                   "UPDATE alt_structures SET ended_by = ?, ended_at = ? WHERE id = ?",
                   JHK_T (jhk_session_get_login (actor)), JHK_I (jhk_now_us ()),
                   JHK_I (alt_structure_id), JHK_DB_END))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, alt_structure_id);
  return jhk_service_commit (db, actor, "structure.end", "alt_structure", id_text, NULL, error);
}
