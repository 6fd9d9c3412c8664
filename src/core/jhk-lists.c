/* jhk-lists.c: list models with their filters. */
#include "jhk-lists.h"

#include "jhk-retention.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"

/* Builds "cond AND cond ..." and the parameter tuple together. */
typedef struct
{
  GString         *where;
  GVariantBuilder  params;
} Filter;

static void
filter_init (Filter *filter)
{
  filter->where = g_string_new (NULL);
  g_variant_builder_init (&filter->params, G_VARIANT_TYPE_TUPLE);
}

static void
filter_add (Filter     *filter,
            const char *condition)
{
  if (filter->where->len > 0)
    g_string_append (filter->where, " AND ");
  g_string_append_printf (filter->where, "(%s)", condition);
}

static void
filter_apply (Filter        *filter,
              JhkQueryModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) where = filter->where;

  if (!jhk_service_set_filter (model, where->str, &filter->params, &error))
    g_critical ("Could not read the list: %s", error->message);
}

JhkQueryModel *
jhk_lists_staff (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "s.staff_no, s.name, s.kana, s.rank, s.title, s.org_unit_id,"
                         " o.code AS org_code, o.name AS org_name, s.extension, u.id AS user_id,"
                         " u.login, u.status, u.restriction, u.restriction_reason,"
                         " u.locked_until, u.password_changed_at, u.must_change,"
                         " u.last_login_at, s.id AS id",
                         "staff s JOIN org_units o ON o.id = s.org_unit_id"
                         " LEFT JOIN users u ON u.staff_id = s.id",
                         "s.id");
  jhk_query_model_set_order (model, "o.code, s.staff_no");
  jhk_lists_staff_filter (model, NULL, 0);
  return model;
}

void
jhk_lists_staff_filter (JhkQueryModel *model,
                        const char    *search,
                        gint64         org_unit_id)
{
  Filter filter;

  filter_init (&filter);
  if (search != NULL && *search != '\0')
    {
      g_autofree char *pattern = jhk_service_like_pattern (search);

      filter_add (&filter, "s.staff_no LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\'"
                           " OR s.kana LIKE ? ESCAPE '\\' OR u.login LIKE ? ESCAPE '\\'");
      for (int i = 0; i < 4; i++)
        g_variant_builder_add (&filter.params, "s", pattern);
    }
  if (org_unit_id != 0)
    {
      filter_add (&filter, "s.org_unit_id = ? OR o.parent_id = ?");
      g_variant_builder_add (&filter.params, "x", org_unit_id);
      g_variant_builder_add (&filter.params, "x", org_unit_id);
    }
  filter_apply (&filter, model);
}

JhkQueryModel *
jhk_lists_roles (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "r.staff_id, s.staff_no, s.name AS staff_name, r.role, r.org_unit_id,"
                         " o.name AS org_name, r.business_id, b.name AS business_name,"
                         " r.valid_from, r.valid_to, r.note, r.granted_by, r.ended_by, r.id AS id",
                         "role_assignments r JOIN staff s ON s.id = r.staff_id"
                         " LEFT JOIN org_units o ON o.id = r.org_unit_id"
                         " LEFT JOIN businesses b ON b.id = r.business_id",
                         "r.id");
  jhk_query_model_set_order (model, "s.staff_no, r.valid_from");
  jhk_lists_roles_filter (model, 0, TRUE);
  return model;
}

void
jhk_lists_roles_filter (JhkQueryModel *model,
                        gint64         staff_id,
                        gboolean       current_only)
{
  Filter filter;

  filter_init (&filter);
  if (staff_id != 0)
    {
      filter_add (&filter, "r.staff_id = ?");
      g_variant_builder_add (&filter.params, "x", staff_id);
    }
  if (current_only)
    {
      g_autofree char *today = jhk_today ();

      /* Not run out: an ended assignment holds until its last day, and one
       * that starts later is shown so that it can be checked in advance. */
      filter_add (&filter, "r.valid_to IS NULL OR r.valid_to >= ?");
      g_variant_builder_add (&filter.params, "s", today);
    }
  filter_apply (&filter, model);
}

void
jhk_lists_roles_filter_role (JhkQueryModel *model,
                             JhkRole        role)
{
  g_autofree char *today = jhk_today ();
  Filter filter;

  filter_init (&filter);
  filter_add (&filter, "r.role = ? AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?)");
  g_variant_builder_add (&filter.params, "s", jhk_role_to_key (role));
  g_variant_builder_add (&filter.params, "s", today);
  g_variant_builder_add (&filter.params, "s", today);
  filter_apply (&filter, model);
}

JhkQueryModel *
jhk_lists_org_units (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "u.code, u.name, u.kind, u.parent_id, p.name AS parent_name,"
                         " u.head_title, u.valid_from, u.valid_to, u.id AS id",
                         "org_units u LEFT JOIN org_units p ON p.id = u.parent_id", "u.id");
  jhk_query_model_set_order (model, "u.code");
  jhk_lists_org_units_filter (model, NULL);
  return model;
}

void
jhk_lists_org_units_filter (JhkQueryModel *model,
                            const char    *kind)
{
  Filter filter;

  filter_init (&filter);
  if (kind != NULL)
    {
      filter_add (&filter, "u.kind = ?");
      g_variant_builder_add (&filter.params, "s", kind);
    }
  filter_apply (&filter, model);
}

JhkQueryModel *
jhk_lists_businesses (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "b.code, b.name, b.kind, b.category, b.basis, b.owner_org_id,"
                         " o.name AS owner_name, b.description, b.approved_at, b.approved_by,"
                         " (SELECT COUNT(*) FROM alt_structures a"
                         "   WHERE a.business_id = b.id AND a.ended_at IS NULL) AS alt_structures,"
                         " b.id AS id",
                         "businesses b JOIN org_units o ON o.id = b.owner_org_id", "b.id");
  jhk_query_model_set_order (model, "b.kind, b.code");
  jhk_lists_businesses_filter (model, NULL, NULL);
  return model;
}

void
jhk_lists_businesses_filter (JhkQueryModel *model,
                             const char    *kind,
                             const char    *search)
{
  Filter filter;

  filter_init (&filter);
  if (kind != NULL)
    {
      filter_add (&filter, "b.kind = ?");
      g_variant_builder_add (&filter.params, "s", kind);
    }
  if (search != NULL && *search != '\0')
    {
      g_autofree char *pattern = jhk_service_like_pattern (search);

      filter_add (&filter, "b.code LIKE ? ESCAPE '\\' OR b.name LIKE ? ESCAPE '\\'");
      g_variant_builder_add (&filter.params, "s", pattern);
      g_variant_builder_add (&filter.params, "s", pattern);
    }
  filter_apply (&filter, model);
}

JhkQueryModel *
jhk_lists_audit (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "a.at, a.actor, a.role, a.org, a.workstation, a.action, a.object_type,"
                         " a.object_id, a.details, a.seq AS seq",
                         "audit_log a", "a.seq");
  /* The id column is the tie-breaker; seq alone orders the log. Entries
   * are only appended, in seq order (one writer at a time holds the write
   * lock), so a refresh reads just the new ones. */
  jhk_query_model_set_order (model, "a.seq DESC");
  jhk_query_model_set_append_only (model, TRUE);
  jhk_lists_audit_filter (model, NULL, NULL, NULL, 0, 0);
  return model;
}

void
jhk_lists_audit_filter (JhkQueryModel *model,
                        const char    *actor,
                        const char    *org,
                        const char    *action,
                        gint64         from_us,
                        gint64         to_us)
{
  Filter filter;

  filter_init (&filter);
  if (actor != NULL && *actor != '\0')
    {
      filter_add (&filter, "a.actor = ?");
      g_variant_builder_add (&filter.params, "s", actor);
    }
  if (org != NULL && *org != '\0')
    {
      filter_add (&filter, "a.org = ?");
      g_variant_builder_add (&filter.params, "s", org);
    }
  if (action != NULL && *action != '\0')
    {
      filter_add (&filter, "a.action = ?");
      g_variant_builder_add (&filter.params, "s", action);
    }
  if (from_us != 0)
    {
      filter_add (&filter, "a.at >= ?");
      g_variant_builder_add (&filter.params, "x", from_us);
    }
  if (to_us != 0)
    {
      filter_add (&filter, "a.at < ?");
      g_variant_builder_add (&filter.params, "x", to_us);
    }
  filter_apply (&filter, model);
}

JhkQueryModel *
jhk_lists_alt_structures (JhkDb *db)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "a.business_id, b.code AS business_code, b.name AS business_name,"
                         " a.org_unit_id, o.name AS org_name, a.structure, a.reason,"
                         " s.name AS agreed_by_name, a.agreed_on, a.valid_from, a.designated_by,"
                         " a.ended_at, a.id AS id",
                         "alt_structures a JOIN businesses b ON b.id = a.business_id"
                         " JOIN staff s ON s.id = a.agreed_by"
                         " LEFT JOIN org_units o ON o.id = a.org_unit_id",
                         "a.id");
  jhk_query_model_set_order (model, "b.code, a.valid_from");
  jhk_lists_alt_structures_filter (model, 0, TRUE);
  return model;
}

void
jhk_lists_alt_structures_filter (JhkQueryModel *model,
                                 gint64         business_id,
                                 gboolean       current_only)
{
  Filter filter;

  filter_init (&filter);
  if (business_id != 0)
    {
      filter_add (&filter, "a.business_id = ?");
      g_variant_builder_add (&filter.params, "x", business_id);
    }
  if (current_only)
    filter_add (&filter, "a.ended_at IS NULL");
  filter_apply (&filter, model);
}

/* The ledger page -------------------------------------------------------- */

#define MATERIALS_OFFICE_KEY "jhk-lists-materials-office"
#define MATERIALS_IDS_FROM "materials m"

JhkQueryModel *
jhk_lists_materials (JhkDb  *db,
                     gint64  org_unit_id)
{
  JhkQueryModel *model =
    jhk_query_model_new (db,
                         "m.direction, m.name, m.quantity_on_hand, m.business_id,"
                         " b.code AS business_code, hs.name AS handler_name, m.acquired_on,"
                         " CASE WHEN m.purged_at IS NULL THEN m.status ELSE 'purged' END"
                         " AS status, m.id AS id, m.category",
                         "materials m JOIN businesses b ON b.id = m.business_id"
                         " JOIN staff hs ON hs.id = m.handler_staff_id",
                         "m.id");
  gint64 *office = g_new (gint64, 1);

  *office = org_unit_id;
  g_object_set_data_full (G_OBJECT (model), MATERIALS_OFFICE_KEY, office, g_free);
  /* The filters and orders need the materials alone (but see the sort by
   * business): their ids come out of an index without a join. */
  jhk_query_model_set_id_from (model, MATERIALS_IDS_FROM);
  jhk_query_model_set_order (model, "m.acquired_on DESC, m.id DESC");
  jhk_lists_materials_filter (model, NULL);
  return model;
}

void
jhk_lists_materials_filter (JhkQueryModel            *model,
                            const JhkMaterialsFilter *filter)
{
  const gint64 *office = g_object_get_data (G_OBJECT (model), MATERIALS_OFFICE_KEY);
  JhkMaterialsFilter any = JHK_MATERIALS_FILTER_ANY;
  Filter f;

  g_return_if_fail (office != NULL);
  if (filter == NULL)
    filter = &any;

  filter_init (&f);
  if (*office != 0)
    {
      filter_add (&f, "m.org_unit_id = ?");
      g_variant_builder_add (&f.params, "x", *office);
    }
  if (filter->direction != NULL && *filter->direction != '\0')
    {
      filter_add (&f, "m.direction = ?");
      g_variant_builder_add (&f.params, "s", filter->direction);
    }
  if (filter->business_id != 0)
    {
      filter_add (&f, "m.business_id = ?");
      g_variant_builder_add (&f.params, "x", filter->business_id);
    }
  /* R15-3: a purged material keeps its status 'closed' under its
   * tombstone; 'expired' is closed, not purged, past its retention. */
  if (g_strcmp0 (filter->status, "purged") == 0)
    filter_add (&f, "m.purged_at IS NOT NULL");
  else if (g_strcmp0 (filter->status, "expired") == 0)
    {
      g_autofree char *cutoff = jhk_retention_cutoff ();

      filter_add (&f, "m.status = 'closed' AND m.purged_at IS NULL AND m.last_entry_on <= ?");
      g_variant_builder_add (&f.params, "s", cutoff);
    }
  else if (filter->status != NULL && *filter->status != '\0')
    {
      filter_add (&f, "m.status = ?");
      g_variant_builder_add (&f.params, "s", filter->status);
      if (g_str_equal (filter->status, "closed"))
        filter_add (&f, "m.purged_at IS NULL");
    }
  if (filter->personal_data >= 0)
    {
      filter_add (&f, "m.personal_data = ?");
      g_variant_builder_add (&f.params, "x", (gint64) (filter->personal_data != 0));
    }
  if (filter->designated >= 0)
    {
      filter_add (&f, "m.designated = ?");
      g_variant_builder_add (&f.params, "x", (gint64) (filter->designated != 0));
    }
  if (filter->from != NULL && *filter->from != '\0')
    {
      filter_add (&f, "m.acquired_on >= ?");
      g_variant_builder_add (&f.params, "s", filter->from);
    }
  if (filter->to != NULL && *filter->to != '\0')
    {
      filter_add (&f, "m.acquired_on <= ?");
      g_variant_builder_add (&f.params, "s", filter->to);
    }
  if (filter->text != NULL && *filter->text != '\0')
    {
      g_autofree char *pattern = jhk_service_like_pattern (filter->text);

      filter_add (&f, "m.name LIKE ? ESCAPE '\\' OR m.summary LIKE ? ESCAPE '\\'");
      g_variant_builder_add (&f.params, "s", pattern);
      g_variant_builder_add (&f.params, "s", pattern);
    }
  /* R18-1: one ledger of the office's, input and output materials or
   * system documents, programs, manuals (materials_office_category). */
  if (filter->category != NULL && *filter->category != '\0')
    {
      filter_add (&f, "m.category = ?");
      g_variant_builder_add (&f.params, "s", filter->category);
    }
  /* The materials of a dashboard item: a handful, by their ids. */
  if (filter->ids != NULL)
    {
      GString *in = g_string_new ("m.id IN (0");

      for (guint i = 0; i < MIN (filter->ids->len, 1000); i++)
        {
          g_string_append (in, ", ?");
          g_variant_builder_add (&f.params, "x", g_array_index (filter->ids, gint64, i));
        }
      g_string_append_c (in, ')');
      filter_add (&f, in->str);
      g_string_free (in, TRUE);
    }
  /* The dashboard's "steps waiting for confirmation": few, found through
   * material_events_unconfirmed. */
  if (filter->unconfirmed)
    filter_add (&f, "m.id IN (SELECT e.material_id FROM material_events e"
                    " WHERE e.confirmed_by IS NULL)");
  filter_apply (&f, model);
}

void
jhk_lists_materials_sort (JhkQueryModel    *model,
                          JhkMaterialsSort  sort,
                          gboolean          descending)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  const char *dir = descending ? " DESC" : "";
  const char *from = MATERIALS_IDS_FROM;

  /* Every term runs the same way, id last: an index on (office, key...,
   * id) then gives the order read forwards or backwards, with no sort. */
  switch (sort)
    {
    case JHK_MATERIALS_SORT_NAME:
      order = g_strdup_printf ("m.name%s, m.id%s", dir, dir);
      break;
    case JHK_MATERIALS_SORT_BUSINESS:
      order = g_strdup_printf ("b.code%s, m.acquired_on%s, m.id%s", dir, dir, dir);
      from = MATERIALS_IDS_FROM " JOIN businesses b ON b.id = m.business_id";
      break;
    case JHK_MATERIALS_SORT_STATUS:
      order = g_strdup_printf ("m.status%s, m.acquired_on%s, m.id%s", dir, dir, dir);
      break;
    case JHK_MATERIALS_SORT_DATE:
    default:
      order = g_strdup_printf ("m.acquired_on%s, m.id%s", dir, dir);
      break;
    }
  jhk_query_model_set_id_from (model, from);
  jhk_query_model_set_order (model, order);
  if (!jhk_query_model_refresh (model, &error))
    g_critical ("Could not read the list: %s", error->message);
}

static guint
count (JhkDb      *db,
       const char *sql,
       ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, &error);
  va_list args;
  gint64 n = 0;

  if (stmt == NULL)
    goto fail;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  if (jhk_db_stmt_step (stmt, &error) != JHK_DB_ROW)
    goto fail;
  n = jhk_db_stmt_get_int64 (stmt, 0);
  return (guint) CLAMP (n, 0, G_MAXUINT);

fail:
  g_critical ("Could not count: %s", error != NULL ? error->message : sql);
  return 0;
}

guint
jhk_lists_count_locked_out (JhkDb *db)
{
  return count (db, "SELECT count(*) FROM users WHERE locked_until > ? AND status = 'active'",
                JHK_I (jhk_now_us ()), JHK_DB_END);
}

guint
jhk_lists_count_unapproved_businesses (JhkDb *db)
{
  return count (db, "SELECT count(*) FROM businesses"
                    " WHERE kind IN ('target', 'egov') AND approved_at IS NULL", JHK_DB_END);
}

JhkQueryModel *
jhk_lists_storage_places (JhkDb  *db,
                          gint64  org_unit_id)
{
  JhkQueryModel *model = jhk_query_model_new (db, "p.name, p.locked, p.id AS id",
                                              "storage_places p", "p.id");
  g_autofree char *today = jhk_today ();
  Filter filter;

  jhk_query_model_set_order (model, "p.name, p.id");
  filter_init (&filter);
  filter_add (&filter, "p.org_unit_id = ?");
  g_variant_builder_add (&filter.params, "x", org_unit_id);
  filter_add (&filter, "p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to >= ?)");
  g_variant_builder_add (&filter.params, "s", today);
  g_variant_builder_add (&filter.params, "s", today);
  filter_apply (&filter, model);
  return model;
}
