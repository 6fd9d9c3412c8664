/* jhk-ledger.c: the materials ledger's services and rules (第15-第17). */
#include <glib/gi18n-lib.h>

#include "jhk-ledger-private.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

static const char *const disposal_methods[] = {
  "shred", "incinerate", "dissolve", "erase", "destroy", NULL
};

const char *const *
jhk_ledger_disposal_methods (void)
{
  return disposal_methods;
}

const char *
jhk_ledger_disposal_method_label (const char *method)
{
  static const JhkServiceLabel labels[] = {
    { "shred", N_("Shredding") },
    { "incinerate", N_("Incineration") },
    { "dissolve", N_("Pulping") },
    { "erase", N_("Erasure") },
    { "destroy", N_("Physical destruction") },
    { NULL }
  };

  return jhk_service_label (labels, method);
}

static const char *const categories[] = {
  "io", "system_document", "program", "manual", NULL
};

const char *const *
jhk_ledger_categories (void)
{
  return categories;
}

const char *
jhk_ledger_category_label (const char *category)
{
  static const JhkServiceLabel labels[] = {
    { "io", N_("Input/output material") },
    { "system_document", N_("System document") },
    { "program", N_("Program") },
    { "manual", N_("Manual") },
    { NULL }
  };

  return jhk_service_label (labels, category);
}

const char *
jhk_ledger_spec_category (const JhkMaterialSpec *spec)
{
  return spec->category != NULL ? spec->category : "io";
}

/* Passes on a check's verdict; a refusal names the member. */
static gboolean
about (gboolean      ok,
       const char  **out_field,
       const char   *member)
{
  if (!ok && out_field != NULL)
    *out_field = member;
  return ok;
}

static gboolean
check_text (const char  *value,
            gboolean     required,
            int          max_chars,
            const char  *what,
            GError     **error)
{
  if (value == NULL || jhk_is_blank (value))
    {
      if (!required)
        return TRUE;
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID, _("Enter the %s."), what);
      return FALSE;
    }
  if (!jhk_service_text_fits (value, max_chars))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The %s is too long (%d characters at most)."), what, max_chars);
      return FALSE;
    }
  return TRUE;
}

/* The status of an open material (materials.status): 'lent' while any of
 * it is lent out, else 'stored'; 'closed' comes only with the final
 * disposition. The one place that says so. */
static const char *
open_status (gint64 lent)
{
  return lent > 0 ? "lent" : "stored";
}

/* Either unit lies within the other: a role over a 係 of the office, or
 * over the department above it, both concern the office. */
static gboolean
orgs_overlap (JhkDb  *db,
              gint64  a,
              gint64  b)
{
  return jhk_policy_org_is_within (db, a, b) || jhk_policy_org_is_within (db, b, a);
}

gboolean
jhk_ledger_may_keep_office (JhkDb      *db,
                            JhkSession *actor,
                            gint64      office_id)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (jhk_session_is_system (actor))
    return TRUE;
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if ((grant->role == JHK_ROLE_OPS_MANAGER || grant->role == JHK_ROLE_INFO_LEAD ||
           grant->role == JHK_ROLE_INFO_MANAGER || grant->role == JHK_ROLE_INFO_ASSISTANT) &&
          grant->org_unit_id != 0 && orgs_overlap (db, office_id, grant->org_unit_id))
        return TRUE;
    }
  return FALSE;
}

gboolean
jhk_ledger_holds_role_for_office (JhkDb      *db,
                                  JhkSession *actor,
                                  JhkRole     role,
                                  gint64      office_id)
{
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (grant->role == role && grant->org_unit_id != 0 &&
          orgs_overlap (db, office_id, grant->org_unit_id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
require_office_role (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       office_id,
                     GError     **error)
{
  if (jhk_ledger_may_keep_office (db, actor, office_id))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       _("Only the office's operations manager, information management lead, "
                         "information manager or assistant keep its materials ledger."));
  return FALSE;
}

static gboolean
require_office (JhkDb       *db,
                gint64       office_id,
                GError     **error)
{
  g_autofree char *today = jhk_today ();

  if (jhk_db_query_int64 (db, NULL, NULL,
                          "SELECT id FROM org_units WHERE id = ? AND kind = 'office'"
                          " AND (valid_to IS NULL OR valid_to >= ?)",
                          JHK_I (office_id), JHK_T (today), JHK_DB_END))
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                       _("A materials ledger belongs to a current office."));
  return FALSE;
}

/* The staff member exists and works in the office; their unit in *out_unit. */
static gboolean
require_staff_in_office (JhkDb       *db,
                         gint64       staff_id,
                         gint64       office_id,
                         const char  *what,
                         gint64      *out_unit,
                         GError     **error)
{
  gint64 unit = 0;

  if (!jhk_db_query_int64 (db, &unit, NULL, "SELECT org_unit_id FROM staff WHERE id = ?",
                           JHK_I (staff_id), JHK_DB_END) ||
      !jhk_policy_org_is_within (db, unit, office_id))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The %s must be a member of the office's staff."), what);
      return FALSE;
    }
  if (out_unit != NULL)
    *out_unit = unit;
  return TRUE;
}

/* The staff member holds the role today for a unit that concerns the
 * office (role = 'info_manager'), or for the business (a manager role). */
static gboolean
staff_holds_for_office (JhkDb      *db,
                        gint64      staff_id,
                        const char *role,
                        gint64      office_id)
{
  g_autofree char *today = jhk_today ();
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_db_query (db, NULL,
                       "SELECT org_unit_id FROM role_assignments"
                       " WHERE staff_id = ? AND role = ? AND org_unit_id IS NOT NULL"
                       " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)",
                       JHK_I (staff_id), JHK_T (role), JHK_T (today), JHK_T (today), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 unit = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (units, unit);
    }
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  for (guint i = 0; i < units->len; i++)
    if (orgs_overlap (db, office_id, g_array_index (units, gint64, i)))
      return TRUE;
  return FALSE;
}

static gboolean
staff_manages_business (JhkDb  *db,
                        gint64  staff_id,
                        gint64  business_id)
{
  g_autofree char *today = jhk_today ();
  gint64 yes = 0;

  /* On a server the manager's role assignments lie outside the user's
   * rows (row-level security): a function of 0005-ledger.pg.sql answers. */
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql"))
    return jhk_db_query_int64 (db, &yes, NULL,
                               "SELECT CASE WHEN jhk_staff_manages_business (?, ?) THEN 1 ELSE 0 END",
                               JHK_I (staff_id), JHK_I (business_id), JHK_DB_END) && yes != 0;
  return jhk_db_query_int64 (db, NULL, NULL,
                             "SELECT id FROM role_assignments WHERE staff_id = ? AND business_id = ?"
                             " AND role IN ('biz_owner', 'egov_owner', 'lead_owner')"
                             " AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)"
                             " LIMIT 1",
                             JHK_I (staff_id), JHK_I (business_id), JHK_T (today), JHK_T (today),
                             JHK_DB_END);
}

/* R15-6: an irrecoverable method; R16-3, R17-3: personal data before the
 * office's 情報管理者, who is not the handler. */
static gboolean
check_disposal (JhkDb       *db,
                const char  *method,
                gboolean     personal_data,
                gint64       office_id,
                gint64       handler_id,
                gint64       witness_id,
                const char **out_which,
                GError     **error)
{
  if (out_which != NULL)
    *out_which = "witness";
  if (!jhk_service_is_one_of (method, disposal_methods))
    return jhk_service_refuse_field (
      error, out_which, "method",
      _("Dispose of a material only by an irrecoverable method: "
        "shredding, incineration, pulping, erasure or physical destruction."));
  if (!personal_data)
    return TRUE;
  if (witness_id == 0)
    return jhk_service_invalid (error, _("Personal data is disposed of before the office's information "
                                         "manager as witness."));
  if (witness_id == handler_id)
    return jhk_service_invalid (error, _("The witness of a disposal must be someone other than its handler."));
  if (!staff_holds_for_office (db, witness_id, "info_manager", office_id))
    return jhk_service_invalid (error, _("The witness must be the office's information manager."));
  return TRUE;
}

static gboolean
check_date (const char  *date,
            const char  *not_before,
            GError     **error)
{
  return jhk_service_check_date (date, not_before,
                                 _("The date cannot be before the material was acquired."),
                                 error);
}

gint64
jhk_ledger_add_storage_place (JhkDb       *db,
                              JhkSession  *actor,
                              gint64       org_unit_id,
                              const char  *name,
                              gboolean     locked,
                              GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *today = jhk_today ();
  gint64 id;

  if (!check_text (name, TRUE, 100, _("name of the storage place"), error))
    return 0;
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!require_office (db, org_unit_id, error) ||
      !require_office_role (db, actor, org_unit_id, error))
    goto fail;
  if (jhk_db_query_int64 (db, NULL, NULL,
                          "SELECT id FROM storage_places WHERE org_unit_id = ? AND name = ?",
                          JHK_I (org_unit_id), JHK_T (name), JHK_DB_END))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("The office has a storage place of that name already."));
      goto fail;
    }
  id = jhk_service_insert (db, error,
                           "INSERT INTO storage_places (org_unit_id, name, locked, valid_from,"
                           " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (org_unit_id), JHK_T (name), JHK_I (locked ? 1 : 0),
                           JHK_T (today), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_DB_END);
  if (id == 0)
    goto fail;
  json_object_set_int_member (details, "org_unit_id", org_unit_id);
  json_object_set_string_member (details, "name", name);
  json_object_set_boolean_member (details, "locked", locked);
  return jhk_service_commit_new (db, actor, id,
                                 "storage_place.add", "storage_place", details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

/* 第18: what differs for the system documents ledger. */
static gboolean
check_category (const JhkMaterialSpec  *spec,
                const char            **field,
                GError                **error)
{
  const char *category = jhk_ledger_spec_category (spec);

  if (!jhk_service_is_one_of (category, jhk_ledger_categories ()))
    return jhk_service_refuse_field (
      error, field, "category",
      _("A material is an input or output material, a system document, a "
        "program or a manual."));
  if (spec->printed_manual &&
      (!g_str_equal (category, "manual") || !g_str_equal (spec->acquisition_method, "printed")))
    return jhk_service_refuse_field (
      error, field, "printed_manual",
      _("Only a manual acquired by printing is a manual printed from an "
        "electronic one."));
  if (g_str_equal (category, "io"))
    return TRUE;
  /* 第16 and 第17 are of input and output materials. */
  if (spec->personal_data)
    return jhk_service_refuse_field (
      error, field, "personal_data",
      _("System documents, programs and manuals are not personal-data "
        "materials: record those as input or output materials."));
  if (spec->creation_reason != NULL)
    return jhk_service_refuse_field (error, field, "creation_reason",
                                     _("The creation reason is of personal-data output only."));
  /* R18-4: a manual is kept in its department's set place; a printed one
   * may also be shredded at once (R18-5). */
  if (g_str_equal (category, "manual") && !g_str_equal (spec->measure, "store") &&
      !(spec->printed_manual && g_str_equal (spec->measure, "dispose_without_storing")))
    return jhk_service_refuse_field (error, field, "measure",
                                     _("A manual is stored in its department's set place."));
  if (spec->printed_manual && spec->disposal_method != NULL &&
      !g_str_equal (spec->disposal_method, "shred"))
    return jhk_service_refuse_field (error, field, "disposal_method",
                                     _("A printed manual is disposed of by shredding."));
  return TRUE;
}

/* What can be checked without the database. */
static gboolean
check_spec (const JhkMaterialSpec  *spec,
            const char            **field,
            GError                **error)
{
  static const char *const directions[] = { "input", "output", NULL };
  static const char *const reasons[] = { "law", "procedure", "maintenance_test", NULL };
  static const char *const methods[] = { "received", "printed", "other", NULL };
  static const char *const measures[] = { "store", "dispose_without_storing", "other", NULL };

  if (!jhk_service_is_one_of (spec->direction, directions))
    return jhk_service_refuse_field (error, field, "direction",
                                     _("A material is an input or an output material."));
  if (!about (check_text (spec->name, TRUE, 200, _("name of the material"), error),
              field, "name") ||
      !about (check_text (spec->breakdown, FALSE, 500, _("breakdown"), error),
              field, "breakdown") ||
      !about (check_text (spec->summary, FALSE, 1000, _("summary"), error), field, "summary") ||
      !about (check_text (spec->purpose, TRUE, 500, _("purpose of use"), error),
              field, "purpose") ||
      !about (check_text (spec->acquisition_text, FALSE, 200, _("acquisition details"), error),
              field, "acquisition_text") ||
      !about (check_text (spec->measure_text, FALSE, 200, _("measure after acquisition"), error),
              field, "measure_text"))
    return FALSE;
  if (spec->quantity <= 0)
    return jhk_service_refuse_field (error, field, "quantity",
                                     _("The quantity must be at least one."));
  /* R17-1: personal-data output only for the law, a set procedure, or
   * maintenance and testing; the reason is required. */
  if (spec->personal_data && g_str_equal (spec->direction, "output"))
    {
      if (!jhk_service_is_one_of (spec->creation_reason, reasons))
        return jhk_service_refuse_field (
          error, field, "creation_reason",
          _("Personal-data output is created only under a law, a set "
            "procedure, or for maintenance and testing: choose the reason."));
    }
  else if (spec->creation_reason != NULL && !jhk_service_is_one_of (spec->creation_reason, reasons))
    return jhk_service_refuse_field (error, field, "creation_reason",
                                     _("Choose the reason the material was created."));
  if (!about (check_date (spec->acquired_on, NULL, error), field, "acquired_on"))
    return FALSE;
  if (!jhk_service_is_one_of (spec->acquisition_method, methods))
    return jhk_service_refuse_field (error, field, "acquisition_method",
                                     _("Choose how the material was acquired."));
  if (g_str_equal (spec->acquisition_method, "received") && jhk_is_blank (spec->acquisition_text))
    return jhk_service_refuse_field (error, field, "acquisition_text",
                                     _("Enter from whom the material was received."));
  if (g_str_equal (spec->acquisition_method, "other") && jhk_is_blank (spec->acquisition_text))
    return jhk_service_refuse_field (error, field, "acquisition_text",
                                     _("Enter how the material was acquired."));
  if (!jhk_service_is_one_of (spec->measure, measures))
    return jhk_service_refuse_field (
      error, field, "measure", _("Choose what was done with the material after acquisition."));
  if (g_str_equal (spec->measure, "store") != (spec->storage_place_id != 0))
    return jhk_service_refuse_field (
      error, field, "storage_place_id",
      _("A stored material needs its storage place, and only a stored one."));
  if (g_str_equal (spec->measure, "other") && jhk_is_blank (spec->measure_text))
    return jhk_service_refuse_field (
      error, field, "measure_text",
      _("Describe what was done with the material after acquisition."));
  /* 保管せず廃棄: destroyed at once, so registered with its disposal. */
  if (g_str_equal (spec->measure, "dispose_without_storing"))
    {
      if (spec->disposed_on == NULL)
        return jhk_service_refuse_field (
          error, field, "disposed_on",
          _("A material disposed of without storing needs the date of its "
            "disposal."));
      if (!about (check_date (spec->disposed_on, spec->acquired_on, error), field, "disposed_on"))
        return FALSE;
    }
  else if (spec->disposed_on != NULL || spec->disposal_method != NULL ||
           spec->disposal_witness_id != 0)
    return jhk_service_refuse_field (
      error, field, "measure",
      _("Only a material disposed of without storing has a disposal date, "
        "method and witness."));
  if (spec->designated != (spec->designated_by != 0))
    return jhk_service_refuse_field (error, field,
                                     spec->designated ? "designated_by" : "designated",
                                     _("A material designated as especially important names who "
                                       "designated it."));
  return check_category (spec, field, error);
}

gint64
jhk_ledger_register_material (JhkDb                  *db,
                              JhkSession             *actor,
                              const JhkMaterialSpec  *spec,
                              GError                **error)
{
  return jhk_ledger_register_material_full (db, actor, spec, NULL, error);
}

/* The registration inside the caller's transaction, the spec checked:
 * the checks against the database, the rows, and what the audit entry
 * says in details. keeper: the actor must keep the office's ledger. */
static gint64
register_locked (JhkDb                  *db,
                 JhkSession             *actor,
                 const JhkMaterialSpec  *spec,
                 gboolean                keeper,
                 gint64                  work_request_id,
                 JsonObject             *details,
                 const char            **out_field,
                 GError                **error)
{
  g_autofree char *today = jhk_today ();
  gint64 handler_unit = 0, section = spec->handler_section_id;
  gint64 acquired_by = spec->acquired_by != 0 ? spec->acquired_by : spec->handler_staff_id;
  const char *disposal_field = NULL;
  const char *category = jhk_ledger_spec_category (spec);
  gboolean personal_output, disposed;
  gint64 id;

  personal_output = spec->personal_data && g_str_equal (spec->direction, "output");
  disposed = g_str_equal (spec->measure, "dispose_without_storing");

  if (!about (require_office (db, spec->org_unit_id, error), out_field, "org_unit_id") ||
      (keeper && !require_office_role (db, actor, spec->org_unit_id, error)) ||
      !about (require_staff_in_office (db, spec->handler_staff_id, spec->org_unit_id,
                                       _("handler"), &handler_unit, error),
              out_field, "handler_staff_id") ||
      !about (require_staff_in_office (db, acquired_by, spec->org_unit_id,
                                       _("person who acquired the material"), NULL, error),
              out_field, spec->acquired_by != 0 ? "acquired_by" : "handler_staff_id"))
    return 0;
  if (section == 0)
    section = handler_unit;
  else if (!jhk_policy_org_is_within (db, section, spec->org_unit_id))
    {
      jhk_service_refuse_field (error, out_field, "handler_section_id",
                                _("The handler's section must be one of the office's."));
      return 0;
    }

  /* R8-1, R9-1: only approved businesses (主管業務 need none). */
  if (!jhk_org_business_is_usable (db, spec->business_id))
    {
      jhk_service_refuse_field (error, out_field, "business_id",
                                _("Materials are kept for an approved business only."));
      return 0;
    }
  /* R15-3: designated by the 対象業務管理者等 or 主管業務管理者 of its business. */
  if (spec->designated && !staff_manages_business (db, spec->designated_by, spec->business_id))
    {
      jhk_service_refuse_field (error, out_field, "designated_by",
                                _("Only the manager of the material's business designates it as "
                                  "especially important."));
      return 0;
    }
  if (spec->storage_place_id != 0)
    {
      gint64 locked = -1;

      if (!jhk_db_query_int64 (db, &locked, NULL,
                               "SELECT locked FROM storage_places WHERE id = ? AND org_unit_id = ?"
                               " AND (valid_to IS NULL OR valid_to >= ?)",
                               JHK_I (spec->storage_place_id), JHK_I (spec->org_unit_id),
                               JHK_T (today), JHK_DB_END))
        {
          jhk_service_refuse_field (error, out_field, "storage_place_id",
                                    _("The storage place must be a current one of the office."));
          return 0;
        }
      /* R15-5: personal data and designated materials under lock. */
      if ((spec->personal_data || spec->designated) && locked == 0)
        {
          jhk_service_refuse_field (
            error, out_field, "storage_place_id",
            _("Personal-data and especially important materials are stored "
              "only in a locked place."));
          return 0;
        }
      /* R18-2: system documents and programs on paper or media under
       * lock (R18-4: designated manuals too, the rule above). */
      if ((g_str_equal (category, "system_document") || g_str_equal (category, "program")) &&
          locked == 0)
        {
          jhk_service_refuse_field (
            error, out_field, "storage_place_id",
            _("System documents and programs are stored only in a locked place."));
          return 0;
        }
    }
  /* R15-6: an irrecoverable method; R16-3, R17-3: personal data before
   * the office's 情報管理者, who is not the handler. */
  if (disposed &&
      !check_disposal (db, spec->disposal_method, spec->personal_data, spec->org_unit_id,
                       spec->handler_staff_id, spec->disposal_witness_id, &disposal_field,
                       error))
    {
      if (out_field != NULL)
        *out_field = g_str_equal (disposal_field, "method") ? "disposal_method"
                                                            : "disposal_witness_id";
      return 0;
    }

  id = jhk_service_insert (db, error,
                           "INSERT INTO materials (org_unit_id, direction, name, quantity, breakdown,"
                           " summary, business_id, handler_staff_id, handler_section_id, purpose,"
                           " designated, designated_by, personal_data, creation_reason, acquired_on,"
                           " acquisition_method, acquisition_text, acquired_by, measure, measure_text,"
                           " storage_place_id, quantity_on_hand, quantity_lent, status,"
                           " last_entry_on, created_at, created_by, category, printed_manual,"
                           " work_request_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, 0, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (spec->org_unit_id), JHK_T (spec->direction), JHK_T (spec->name),
                           JHK_I (spec->quantity), JHK_T (jhk_service_or_empty (spec->breakdown)),
                           JHK_T (jhk_service_or_empty (spec->summary)), JHK_I (spec->business_id),
                           JHK_I (spec->handler_staff_id), JHK_I (section), JHK_T (spec->purpose),
                           JHK_I (spec->designated ? 1 : 0), JHK_IZ (spec->designated_by),
                           JHK_I (spec->personal_data ? 1 : 0),
                           JHK_TN (spec->creation_reason),
                           JHK_T (spec->acquired_on), JHK_T (spec->acquisition_method),
                           JHK_T (jhk_service_or_empty (spec->acquisition_text)), JHK_I (acquired_by),
                           JHK_T (spec->measure), JHK_T (jhk_service_or_empty (spec->measure_text)),
                           JHK_IZ (spec->storage_place_id),
                           JHK_I (disposed ? 0 : spec->quantity),
                           JHK_T (disposed ? "closed" : open_status (0)),
                           JHK_T (disposed ? spec->disposed_on : spec->acquired_on),
                           JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_T (category),
                           JHK_I (spec->printed_manual ? 1 : 0), JHK_IZ (work_request_id),
                           JHK_DB_END);
  if (id == 0)
    return 0;
  /* The final disposition in the same transaction: the material is
   * closed from the start, its whole quantity destroyed by the handler. */
  if (disposed &&
      !jhk_db_run (db, error,
                   "INSERT INTO material_dispositions (material_id, happened_on, kind, method,"
                   " quantity, handler_staff_id, witness_staff_id, counterpart, note, created_at,"
                   " created_by) VALUES (?, ?, 'dispose', ?, ?, ?, ?, '', '', ?, ?)",
                   JHK_I (id), JHK_T (spec->disposed_on), JHK_T (spec->disposal_method),
                   JHK_I (spec->quantity), JHK_I (spec->handler_staff_id),
                   JHK_IZ (spec->disposal_witness_id), JHK_I (jhk_now_us ()),
                   JHK_T (jhk_session_get_login (actor)), JHK_DB_END))
    return 0;
  json_object_set_int_member (details, "org_unit_id", spec->org_unit_id);
  json_object_set_string_member (details, "direction", spec->direction);
  json_object_set_string_member (details, "name", spec->name);
  json_object_set_int_member (details, "quantity", spec->quantity);
  json_object_set_int_member (details, "business_id", spec->business_id);
  json_object_set_boolean_member (details, "personal_data", spec->personal_data);
  json_object_set_boolean_member (details, "designated", spec->designated);
  if (!g_str_equal (category, "io"))
    json_object_set_string_member (details, "category", category);
  if (spec->printed_manual)
    json_object_set_boolean_member (details, "printed_manual", TRUE);
  if (personal_output)
    json_object_set_string_member (details, "creation_reason", spec->creation_reason);
  if (disposed)
    {
      json_object_set_string_member (details, "disposed_on", spec->disposed_on);
      json_object_set_string_member (details, "method", spec->disposal_method);
      if (spec->disposal_witness_id != 0)
        json_object_set_int_member (details, "witness_staff_id", spec->disposal_witness_id);
    }
  if (work_request_id != 0)
    json_object_set_int_member (details, "work_request_id", work_request_id);
  return id;
}

gint64
jhk_ledger_register_material_locked (JhkDb                  *db,
                                     JhkSession             *actor,
                                     const JhkMaterialSpec  *spec,
                                     gint64                  work_request_id,
                                     JsonObject             *details,
                                     const char            **out_field,
                                     GError                **error)
{
  g_return_val_if_fail (spec != NULL, 0);

  if (out_field != NULL)
    *out_field = NULL;
  if (!check_spec (spec, out_field, error))
    return 0;
  return register_locked (db, actor, spec, FALSE, work_request_id, details, out_field, error);
}

gint64
jhk_ledger_register_material_full (JhkDb                  *db,
                                   JhkSession             *actor,
                                   const JhkMaterialSpec  *spec,
                                   const char            **out_field,
                                   GError                **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 id;

  g_return_val_if_fail (spec != NULL, 0);

  if (out_field != NULL)
    *out_field = NULL;
  if (!check_spec (spec, out_field, error))
    return 0;
  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = register_locked (db, actor, spec, TRUE, 0, details, out_field, error);
  if (id == 0)
    {
      jhk_service_abort (db);
      return 0;
    }
  return jhk_service_commit_new (db, actor, id, "material.register", "material", details, error);
}

/* The material as it is inside the write transaction. */
typedef struct
{
  gint64  office_id;
  gint64  business_id;
  char   *status;
  gint64  on_hand;
  gint64  lent;
  gboolean personal_data;
  char   *acquired_on;
  char   *last_entry_on;
} MaterialState;

static void
material_state_clear (MaterialState *state)
{
  g_clear_pointer (&state->status, g_free);
  g_clear_pointer (&state->acquired_on, g_free);
  g_clear_pointer (&state->last_entry_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MaterialState, material_state_clear)

static gboolean
load_open_material (JhkDb          *db,
                    JhkSession     *actor,
                    gint64          material_id,
                    MaterialState  *state,
                    GError        **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_service_query_row (db, _("There is no such material."), error,
                                "SELECT org_unit_id, business_id, status, quantity_on_hand, quantity_lent,"
                                " personal_data, acquired_on, last_entry_on FROM materials WHERE id = ?",
                                JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  state->office_id = jhk_db_stmt_get_int64 (stmt, 0);
  state->business_id = jhk_db_stmt_get_int64 (stmt, 1);
  state->status = jhk_db_stmt_dup_text (stmt, 2);
  state->on_hand = jhk_db_stmt_get_int64 (stmt, 3);
  state->lent = jhk_db_stmt_get_int64 (stmt, 4);
  state->personal_data = jhk_db_stmt_get_int64 (stmt, 5) != 0;
  state->acquired_on = jhk_db_stmt_dup_text (stmt, 6);
  state->last_entry_on = jhk_db_stmt_dup_text (stmt, 7);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (!require_office_role (db, actor, state->office_id, error))
    return FALSE;
  if (g_str_equal (state->status, "closed"))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This material has had its final disposition: it can only be "
                             "viewed now."));
      return FALSE;
    }
  return TRUE;
}

static const char *
later_date (const char *a,
            const char *b)
{
  return strcmp (a, b) >= 0 ? a : b;
}

static gboolean
check_event (const JhkMaterialEvent  *event,
             GError                 **error)
{
  static const char *const kinds[] = { "lend", "return", "copy", "hand_over", "receive",
                                       "partial_dispose", "other", NULL };
  static const char *const bases[] = { "manager_approval", "maintenance_test", NULL };
  const char *kind = event->kind;
  gboolean is_dispose, is_copy;

  if (!jhk_service_is_one_of (kind, kinds))
    return jhk_service_invalid (error, _("Choose what happened to the material."));
  is_dispose = g_str_equal (kind, "partial_dispose");
  is_copy = g_str_equal (kind, "copy");
  if (!check_text (event->counterpart, FALSE, 200, _("counterpart"), error) ||
      !check_text (event->note, FALSE, 500, _("note"), error))
    return FALSE;
  if (event->quantity < 0 || (event->quantity == 0 && !g_str_equal (kind, "other")))
    return jhk_service_invalid (error, _("The quantity must be at least one."));
  if (is_copy && !jhk_service_is_one_of (event->copy_basis, bases))
    return jhk_service_invalid (error, _("A copy is made only with the approval of the business's manager "
                                         "or for maintenance and testing."));
  if (is_copy && g_str_equal (event->copy_basis, "manager_approval") && event->approved_by == 0)
    return jhk_service_invalid (error, _("Name the business's manager who approved the copy."));
  if (!is_dispose && (event->method != NULL || event->witness_staff_id != 0))
    return jhk_service_invalid (error, _("Only a disposal has a method and a witness."));
  if (event->approval_id != 0 && !is_copy && !g_str_equal (kind, "hand_over"))
    return jhk_service_invalid (error, _("Only a copy or a hand-over uses an approval."));
  return TRUE;
}

/* R16-2: a copy or hand_over of personal-data input material needs the
 * 総括責任者's approval of that kind for the material, approved and not
 * used yet (read under the write lock, so it is used once). Work that no
 * person does (the system session: the demo's history) is not asked. */
static gboolean
check_approval (JhkDb                   *db,
                JhkSession              *actor,
                gint64                   material_id,
                const JhkMaterialEvent  *event,
                GError                 **error)
{
  g_autofree char *direction = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  gboolean needed = FALSE;
  gint64 personal = 0, of_material = 0, used = 0;

  if ((g_str_equal (event->kind, "copy") || g_str_equal (event->kind, "hand_over")) &&
      jhk_db_query_text (db, &direction, NULL, "SELECT direction FROM materials WHERE id = ?",
                         JHK_I (material_id), JHK_DB_END) &&
      jhk_db_query_int64 (db, &personal, NULL,
                          "SELECT personal_data FROM materials WHERE id = ?",
                          JHK_I (material_id), JHK_DB_END))
    needed = personal != 0 && g_strcmp0 (direction, "input") == 0;
  if (event->approval_id == 0)
    {
      if (!needed || jhk_session_is_system (actor))
        return TRUE;
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           g_str_equal (event->kind, "copy")
                           ? _("Copying personal-data input material needs the general "
                               "supervisor's approval: name the approved request.")
                           : _("Handing over personal-data input material needs the general "
                               "supervisor's approval: name the approved request."));
      return FALSE;
    }
  if (!jhk_db_query_int64 (db, &of_material, NULL,
                           "SELECT material_id FROM material_approvals WHERE id = ?",
                           JHK_I (event->approval_id), JHK_DB_END) ||
      of_material != material_id ||
      !jhk_db_query_text (db, &kind, NULL, "SELECT kind FROM material_approvals WHERE id = ?",
                          JHK_I (event->approval_id), JHK_DB_END) ||
      !jhk_db_query_text (db, &status, NULL,
                          "SELECT status FROM material_approvals WHERE id = ?",
                          JHK_I (event->approval_id), JHK_DB_END))
    return jhk_service_invalid (error, _("The approval named is not one for this material."));
  if (!g_str_equal (kind, event->kind))
    return jhk_service_invalid (error, _("The approval named is for another kind of step."));
  if (!g_str_equal (status, "approved"))
    return jhk_service_invalid (error, _("The request named has not been approved."));
  if (jhk_db_query_int64 (db, &used, NULL,
                          "SELECT used_by_event_id FROM material_approvals WHERE id = ?"
                          " AND used_by_event_id IS NOT NULL",
                          JHK_I (event->approval_id), JHK_DB_END) && used != 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This approval has been used already: ask again."));
      return FALSE;
    }
  return TRUE;
}

gint64
jhk_ledger_record_event (JhkDb                   *db,
                         JhkSession              *actor,
                         gint64                   material_id,
                         const JhkMaterialEvent  *event,
                         gint64                  *out_copy_id,
                         GError                 **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 id;

  if (out_copy_id != NULL)
    *out_copy_id = 0;
  if (!check_event (event, error))
    return 0;
  if (!jhk_service_begin (db, actor, error))
    return 0;
  id = jhk_ledger_record_event_locked (db, actor, material_id, event, details, out_copy_id,
                                       error);
  if (id == 0)
    {
      jhk_service_abort (db);
      return 0;
    }
  if (jhk_service_commit_new (db, actor, id,
                              "material.event", "material_event", details, error) == 0)
    {
      if (out_copy_id != NULL)
        *out_copy_id = 0;
      return 0;
    }
  return id;
}

gint64
jhk_ledger_record_event_locked (JhkDb                   *db,
                                JhkSession              *actor,
                                gint64                   material_id,
                                const JhkMaterialEvent  *event,
                                JsonObject              *details,
                                gint64                  *out_copy_id,
                                GError                 **error)
{
  g_auto(MaterialState) state = { 0 };
  const char *kind = event->kind;
  gint64 on_hand, lent, available, copy_id = 0, id;
  gboolean is_dispose, is_copy;

  if (out_copy_id != NULL)
    *out_copy_id = 0;
  if (!check_event (event, error))
    return 0;
  is_dispose = g_str_equal (kind, "partial_dispose");
  is_copy = g_str_equal (kind, "copy");

  /* Read again under the write lock: what another workstation did just
   * before counts. */
  if (!load_open_material (db, actor, material_id, &state, error) ||
      !check_date (event->happened_on, state.acquired_on, error) ||
      !require_staff_in_office (db, event->handler_staff_id, state.office_id, _("handler"),
                                NULL, error))
    return 0;
  if (event->confirmed_by != 0 &&
      !staff_holds_for_office (db, event->confirmed_by, "info_manager", state.office_id))
    {
      jhk_service_invalid (error, _("The confirmation is the office's information manager's."));
      return 0;
    }

  on_hand = state.on_hand;
  lent = state.lent;
  available = on_hand - lent;
  if (g_str_equal (kind, "lend") || g_str_equal (kind, "hand_over") || is_dispose)
    {
      if (event->quantity > available)
        {
          g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("Only %d of this material are at hand."), (int) available);
          return 0;
        }
      if (g_str_equal (kind, "lend"))
        lent += event->quantity;
      else
        on_hand -= event->quantity;
    }
  else if (g_str_equal (kind, "return"))
    {
      if (lent == 0)
        {
          jhk_service_invalid (error, _("Nothing of this material is lent out."));
          return 0;
        }
      if (event->quantity > lent)
        {
          g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("Only %d of this material are lent out."), (int) lent);
          return 0;
        }
      lent -= event->quantity;
    }
  else if (g_str_equal (kind, "receive"))
    on_hand += event->quantity;

  if (is_dispose &&
      !check_disposal (db, event->method, state.personal_data, state.office_id,
                       event->handler_staff_id, event->witness_staff_id, NULL, error))
    return 0;
  if (!check_approval (db, actor, material_id, event, error))
    return 0;
  /* R17-6/7: with the approval of the business's manager, or for
   * maintenance and testing; the copy is a material of its own. */
  if (is_copy)
    {
      if (g_str_equal (event->copy_basis, "manager_approval") &&
          !staff_manages_business (db, event->approved_by, state.business_id))
        {
          jhk_service_invalid (error, _("Only the manager of the material's business approves a copy."));
          return 0;
        }
      copy_id = jhk_service_insert (db, error,
                                    "INSERT INTO materials (org_unit_id, direction, name, quantity,"
                                    " breakdown, summary, business_id, handler_staff_id,"
                                    " handler_section_id, purpose, designated, designated_by,"
                                    " personal_data, creation_reason, acquired_on,"
                                    " acquisition_method, acquisition_text, acquired_by, measure,"
                                    " measure_text, storage_place_id, original_id, quantity_on_hand,"
                                    " quantity_lent, status, last_entry_on, created_at, created_by)"
                                    " SELECT org_unit_id, direction, name, ?, '', summary,"
                                    " business_id, ?, handler_section_id, purpose, designated,"
                                    " designated_by, personal_data, creation_reason, ?, 'other',"
                                    " '', ?, measure, measure_text, storage_place_id, id, ?, 0,"
                                    " ?, ?, ?, ? FROM materials WHERE id = ? RETURNING id",
                                    JHK_I (event->quantity), JHK_I (event->handler_staff_id),
                                    JHK_T (event->happened_on), JHK_I (event->handler_staff_id),
                                    JHK_I (event->quantity), JHK_T (open_status (0)),
                                    JHK_T (event->happened_on),
                                    JHK_I (jhk_now_us ()), JHK_T (jhk_session_get_login (actor)),
                                    JHK_I (material_id), JHK_DB_END);
      if (copy_id == 0)
        return 0;
    }

  id = jhk_service_insert (db, error,
                           "INSERT INTO material_events (material_id, happened_on, kind, quantity,"
                           " handler_staff_id, confirmed_by, counterpart, method, witness_staff_id,"
                           " copy_basis, approved_by, copy_material_id, note, created_at, created_by)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (material_id), JHK_T (event->happened_on), JHK_T (kind),
                           JHK_I (event->quantity), JHK_I (event->handler_staff_id),
                           JHK_IZ (event->confirmed_by), JHK_T (jhk_service_or_empty (event->counterpart)),
                           JHK_TN (is_dispose ? event->method : NULL),
                           JHK_IZ (event->witness_staff_id),
                           JHK_TN (is_copy ? event->copy_basis : NULL),
                           JHK_IZ (is_copy ? event->approved_by : 0), JHK_IZ (copy_id),
                           JHK_T (jhk_service_or_empty (event->note)), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_DB_END);
  if (id == 0)
    return 0;
  /* R16-2: the approval is used up by this step. */
  if (event->approval_id != 0 &&
      (!jhk_db_run (db, error,
                    "UPDATE material_approvals SET used_by_event_id = ?"
                    " WHERE id = ? AND status = 'approved' AND used_by_event_id IS NULL",
                    JHK_I (id), JHK_I (event->approval_id), JHK_DB_END) ||
       jhk_db_changes (db) != 1))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                             _("This approval has been used already: ask again."));
      return 0;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE materials SET quantity_on_hand = ?, quantity_lent = ?, status = ?,"
                   " last_entry_on = ? WHERE id = ?",
                   JHK_I (on_hand), JHK_I (lent), JHK_T (open_status (lent)),
                   JHK_T (later_date (state.last_entry_on, event->happened_on)),
                   JHK_I (material_id), JHK_DB_END))
    return 0;

  json_object_set_int_member (details, "material_id", material_id);
  json_object_set_string_member (details, "kind", kind);
  json_object_set_string_member (details, "date", event->happened_on);
  json_object_set_int_member (details, "quantity", event->quantity);
  if (is_dispose)
    json_object_set_string_member (details, "method", event->method);
  if (copy_id != 0)
    json_object_set_int_member (details, "copy_id", copy_id);
  if (event->approval_id != 0)
    json_object_set_int_member (details, "approval_id", event->approval_id);
  if (out_copy_id != NULL)
    *out_copy_id = copy_id;
  return id;
}

gboolean
jhk_ledger_final_disposition (JhkDb                         *db,
                              JhkSession                    *actor,
                              gint64                         material_id,
                              const JhkMaterialDisposition  *disposition,
                              GError                       **error)
{
  static const char *const kinds[] = { "dispose", "return", "hand_over", "other", NULL };
  g_autoptr(JsonObject) details = json_object_new ();
  g_auto(MaterialState) state = { 0 };
  gboolean is_dispose;

  if (!jhk_service_is_one_of (disposition->kind, kinds))
    return jhk_service_invalid (error, _("Choose the final disposition of the material."));
  is_dispose = g_str_equal (disposition->kind, "dispose");
  if (!is_dispose && (disposition->method != NULL || disposition->witness_staff_id != 0))
    return jhk_service_invalid (error, _("Only a disposal has a method and a witness."));
  if (!check_text (disposition->counterpart, FALSE, 200, _("counterpart"), error) ||
      !check_text (disposition->note, FALSE, 500, _("note"), error))
    return FALSE;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Read again under the write lock: still open, nothing lent out. */
  if (!load_open_material (db, actor, material_id, &state, error) ||
      !check_date (disposition->happened_on, state.acquired_on, error) ||
      !require_staff_in_office (db, disposition->handler_staff_id, state.office_id,
                                _("handler"), NULL, error))
    goto fail;
  if (state.lent > 0)
    {
      jhk_service_invalid (error, _("Part of this material is lent out: record its return first."));
      goto fail;
    }
  /* R18-5: a manual printed from an electronic one ends shredded. */
  if ((!is_dispose || g_strcmp0 (disposition->method, "shred") != 0) &&
      jhk_db_query_int64 (db, NULL, NULL,
                          "SELECT id FROM materials WHERE id = ? AND printed_manual = 1",
                          JHK_I (material_id), JHK_DB_END))
    {
      jhk_service_invalid (error, _("A printed manual is disposed of by shredding."));
      goto fail;
    }
  if (is_dispose &&
      !check_disposal (db, disposition->method, state.personal_data, state.office_id,
                       disposition->handler_staff_id, disposition->witness_staff_id, NULL,
                       error))
    goto fail;

  if (!jhk_db_run (db, error,
                   "INSERT INTO material_dispositions (material_id, happened_on, kind, method,"
                   " quantity, handler_staff_id, witness_staff_id, counterpart, note, created_at,"
                   " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   JHK_I (material_id), JHK_T (disposition->happened_on),
                   JHK_T (disposition->kind),
                   JHK_TN (is_dispose ? disposition->method : NULL),
                   JHK_I (state.on_hand), JHK_I (disposition->handler_staff_id),
                   JHK_IZ (disposition->witness_staff_id),
                   JHK_T (jhk_service_or_empty (disposition->counterpart)),
                   JHK_T (jhk_service_or_empty (disposition->note)), JHK_I (jhk_now_us ()),
                   JHK_T (jhk_session_get_login (actor)), JHK_DB_END) ||
      !jhk_db_run (db, error,
                   "UPDATE materials SET quantity_on_hand = 0, status = 'closed', last_entry_on = ?"
                   " WHERE id = ? AND status <> 'closed'",
                   JHK_T (later_date (state.last_entry_on, disposition->happened_on)),
                   JHK_I (material_id), JHK_DB_END))
    goto fail;

  json_object_set_string_member (details, "kind", disposition->kind);
  json_object_set_string_member (details, "date", disposition->happened_on);
  json_object_set_int_member (details, "quantity", state.on_hand);
  if (is_dispose)
    json_object_set_string_member (details, "method", disposition->method);
  if (disposition->witness_staff_id != 0)
    json_object_set_int_member (details, "witness_staff_id", disposition->witness_staff_id);
  return jhk_service_commit_id (db, actor, "material.dispose", "material", material_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_ledger_confirm_event (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       event_id,
                          GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkDbStmt) stmt = NULL;
  gint64 material_id, office_id;
  gboolean confirmed;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Read under the write lock: two managers confirming at once confirm once. */
  stmt = jhk_service_query_row (db, _("There is no such step of a material."), error,
                                "SELECT e.material_id, m.org_unit_id, e.confirmed_by IS NOT NULL"
                                " FROM material_events e JOIN materials m ON m.id = e.material_id"
                                " WHERE e.id = ?",
                                JHK_I (event_id), JHK_DB_END);
  if (stmt == NULL)
    goto fail;
  material_id = jhk_db_stmt_get_int64 (stmt, 0);
  office_id = jhk_db_stmt_get_int64 (stmt, 1);
  confirmed = jhk_db_stmt_get_int64 (stmt, 2) != 0;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  if (!require_office_role (db, actor, office_id, error))
    goto fail;
  if (!jhk_session_is_system (actor) &&
      !staff_holds_for_office (db, jhk_session_get_staff_id (actor), "info_manager", office_id))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("The confirmation is the office's information manager's."));
      goto fail;
    }
  if (confirmed)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("This step has been confirmed already."));
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE material_events SET confirmed_by = ? WHERE id = ? AND confirmed_by IS NULL",
                   JHK_I (jhk_session_get_staff_id (actor)), JHK_I (event_id), JHK_DB_END))
    goto fail;

  json_object_set_int_member (details, "material_id", material_id);
  return jhk_service_commit_id (db, actor, "material.confirm", "material_event", event_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_ledger_check_material (const JhkMaterialSpec  *spec,
                           const char            **out_field,
                           GError                **error)
{
  if (out_field != NULL)
    *out_field = NULL;
  return check_spec (spec, out_field, error);
}

gboolean
jhk_ledger_check_event (const JhkMaterialEvent  *event,
                        GError                 **error)
{
  return check_event (event, error);
}
