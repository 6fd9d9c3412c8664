/* jhk-lists.h: the lists the front ends show, as JhkQueryModels.
 *
 * The UI never writes SQL: it asks for a list here and changes its filter
 * with the matching *_filter() call, which refreshes the same model (exact
 * items-changed). Column names are documented per list; read them with
 * jhk_row_get_by_name() or by index via jhk_query_model_column().
 */
#pragma once

#include "jhk-query-model.h"
#include "jhk-roles.h"

G_BEGIN_DECLS

/* Staff with their user ID. Columns: id, staff_no, name, kana, rank, title,
 * org_unit_id, org_code, org_name, extension, user_id, login, status,
 * restriction, restriction_reason, locked_until, password_changed_at,
 * must_change, last_login_at. */
JhkQueryModel *jhk_lists_staff        (JhkDb         *db);
/* search matches staff number, name, kana or user ID; org_unit_id 0 = all,
 * otherwise that unit and the units below it are not expanded: exact unit
 * or its sections (parent). */
void           jhk_lists_staff_filter (JhkQueryModel *model,
                                       const char    *search,
                                       gint64         org_unit_id);

/* Role assignments. Columns: id, staff_id, staff_no, staff_name, role,
 * org_unit_id, org_name, business_id, business_name, valid_from, valid_to,
 * note, granted_by, ended_by. */
JhkQueryModel *jhk_lists_roles        (JhkDb         *db);
/* staff_id 0 = everyone; current_only hides ended and run-out assignments. */
void           jhk_lists_roles_filter (JhkQueryModel *model,
                                       gint64         staff_id,
                                       gboolean       current_only);

/* Only the assignments of role in force today (who holds it now). */
void           jhk_lists_roles_filter_role (JhkQueryModel *model,
                                            JhkRole        role);

/* Org units, in code order. Columns: id, code, name, kind, parent_id,
 * parent_name, head_title, valid_from, valid_to. */
JhkQueryModel *jhk_lists_org_units    (JhkDb         *db);
/* kind NULL = all kinds. */
void           jhk_lists_org_units_filter (JhkQueryModel *model,
                                           const char    *kind);

/* Businesses. Columns: id, code, name, kind, category, basis, owner_org_id,
 * owner_name, description, approved_at, approved_by, alt_structures (the
 * number of R6-2 designations in force). */
JhkQueryModel *jhk_lists_businesses   (JhkDb         *db);
/* kind NULL = all kinds; search matches code or name. */
void           jhk_lists_businesses_filter (JhkQueryModel *model,
                                            const char    *kind,
                                            const char    *search);

/* Audit entries, newest first. Columns: seq, at, actor, role, org,
 * workstation, action, object_type, object_id, details. */
JhkQueryModel *jhk_lists_audit        (JhkDb         *db);
/* Any argument may be NULL/0 for "any". Times are µs since the epoch. */
void           jhk_lists_audit_filter (JhkQueryModel *model,
                                       const char    *actor,
                                       const char    *org,
                                       const char    *action,
                                       gint64         from_us,
                                       gint64         to_us);

/* R6-2 designations of another structure. Columns: id, business_id,
 * business_code, business_name, org_unit_id, org_name, structure, reason,
 * agreed_by_name, agreed_on, valid_from, designated_by, ended_at. */
JhkQueryModel *jhk_lists_alt_structures        (JhkDb         *db);
/* business_id 0 = all; current_only hides ended designations. */
void           jhk_lists_alt_structures_filter (JhkQueryModel *model,
                                                gint64         business_id,
                                                gboolean       current_only);

/* The 入出力資料台帳 page (issue 4): the materials of one office (0 = every
 * office), newest first. Columns: id, direction ('input'/'output'), name,
 * quantity_on_hand, business_id, business_code, handler_name, acquired_on,
 * status ('stored', 'lent', 'closed': the ledger's own status column, as
 * jhk-ledger-query.c reads it, or 'purged' for the tombstone of R15-3),
 * category ('io', 'system_document', 'program', 'manual': R18-1). */
JhkQueryModel *jhk_lists_materials    (JhkDb         *db,
                                       gint64         org_unit_id);

/* What the ledger page filters on; every field has an "any" value. */
typedef struct
{
  const char *direction;      /* 'input', 'output' or NULL */
  gint64      business_id;    /* 0 = any */
  const char *status;         /* 'stored', 'lent', 'closed' (not purged), 'expired'
                               * (closed, retention ended, R15-3), 'purged' or NULL */
  int         personal_data;  /* -1 = any, 0 or 1 */
  int         designated;     /* -1 = any, 0 or 1 */
  const char *from;           /* acquired on or after, 'YYYY-MM-DD', or NULL */
  const char *to;             /* acquired on or before, or NULL */
  const char *text;           /* found in 資料名 or 資料概要, or NULL */
  gboolean    unconfirmed;    /* only those with a step without 情報管理者確認 */
  const char *category;       /* R18-1: 'io', 'system_document', 'program',
                               * 'manual' or NULL */
  GArray     *ids;            /* gint64: only these materials (a dashboard item's),
                               * or NULL */
} JhkMaterialsFilter;

#define JHK_MATERIALS_FILTER_ANY \
  ((JhkMaterialsFilter) { NULL, 0, NULL, -1, -1, NULL, NULL, NULL, FALSE })

/* filter NULL = no filter; the office stays the one the list was made for. */
void           jhk_lists_materials_filter (JhkQueryModel            *model,
                                           const JhkMaterialsFilter *filter);

typedef enum
{
  JHK_MATERIALS_SORT_DATE,      /* 取得日 (the default, descending) */
  JHK_MATERIALS_SORT_NAME,      /* 資料名 */
  JHK_MATERIALS_SORT_BUSINESS,  /* business code, then 取得日 */
  JHK_MATERIALS_SORT_STATUS,    /* status, then 取得日 */
} JhkMaterialsSort;

/* Changes the order and refreshes the list (exact items-changed). Each
 * order reads an office's ids from an index, in either direction. */
void           jhk_lists_materials_sort   (JhkQueryModel            *model,
                                           JhkMaterialsSort          sort,
                                           gboolean                  descending);

/* For the dashboard: active user IDs locked out now (R13-5), and target
 * and digitised businesses waiting for approval (R8-1, R9-1). */
guint          jhk_lists_count_locked_out            (JhkDb *db);
guint          jhk_lists_count_unapproved_businesses (JhkDb *db);

/* The register of storage places of one office (R15-5), in force today,
 * by name. Columns: id, name, locked. */
JhkQueryModel *jhk_lists_storage_places (JhkDb         *db,
                                         gint64         org_unit_id);

G_END_DECLS
