/* jhk-org.h: org units, staff, role assignments and the business register
 * (R5-1, R6-1, R8-1, R8-2, R9-1, R11-1). */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

gint64   jhk_org_add_unit          (JhkDb       *db,
                                    JhkSession  *actor,
                                    const char  *code,
                                    const char  *name,
                                    const char  *kind,
                                    gint64       parent_id,
                                    const char  *head_title,
                                    GError     **error);
gint64   jhk_org_add_staff         (JhkDb       *db,
                                    JhkSession  *actor,
                                    const char  *staff_no,
                                    const char  *name,
                                    const char  *kana,
                                    const char  *rank,
                                    const char  *title,
                                    gint64       org_unit_id,
                                    const char  *extension,
                                    GError     **error);
/* valid_to may be NULL (open-ended); dates are 'YYYY-MM-DD'. */
gint64   jhk_org_grant_role        (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       staff_id,
                                    JhkRole      role,
                                    gint64       org_unit_id,
                                    gint64       business_id,
                                    const char  *valid_from,
                                    const char  *valid_to,
                                    const char  *note,
                                    GError     **error);
/* Ends an assignment on valid_to; the row stays as history (R5-1). */
gboolean jhk_org_end_role          (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       assignment_id,
                                    const char  *valid_to,
                                    GError     **error);
/* kind "target" needs category 1..4, "egov" basis 1..2, "lead" neither. */
gint64   jhk_org_add_business      (JhkDb       *db,
                                    JhkSession  *actor,
                                    const char  *code,
                                    const char  *name,
                                    const char  *kind,
                                    int          category,
                                    int          basis,
                                    gint64       owner_org_id,
                                    const char  *description,
                                    GError     **error);
/* R8-1, R9-1: approval by the 総括責任者. */
gboolean jhk_org_approve_business  (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       business_id,
                                    GError     **error);
/* R6-2 (第6 ただし書き): the manager of a business (対象業務管理者等 or
 * 主管業務管理者, in the scope of that business) designates another structure
 * in place of the 所属's 情報管理責任者/情報管理者/情報管理補助者, after
 * consulting the システム管理者: agreed_by_staff_id must hold that role on
 * agreed_on, which is not in the future.  org_unit_id 0 = every 所属.
 * Returns the record's id, or 0. */
gint64   jhk_org_designate_alt_structure (JhkDb       *db,
                                          JhkSession  *actor,
                                          gint64       business_id,
                                          gint64       org_unit_id,
                                          const char  *structure,
                                          const char  *reason,
                                          gint64       agreed_by_staff_id,
                                          const char  *agreed_on,
                                          const char  *valid_from,
                                          GError     **error);
/* The actor may designate another structure for this business. */
gboolean jhk_org_manages_business        (JhkSession  *actor,
                                          gint64       business_id);
/* Ends a designation (by the same managers); the record stays. */
gboolean jhk_org_end_alt_structure       (JhkDb       *db,
                                          JhkSession  *actor,
                                          gint64       alt_structure_id,
                                          GError     **error);

/* R8-1: an unapproved business cannot be used by ledgers or requests. */
gboolean jhk_org_business_is_usable(JhkDb       *db,
                                    gint64       business_id);

gint64   jhk_org_find_unit         (JhkDb       *db,
                                    const char  *code);
gint64   jhk_org_find_staff        (JhkDb       *db,
                                    const char  *staff_no);
gint64   jhk_org_find_business     (JhkDb       *db,
                                    const char  *code);

/* Translated labels of the kinds stored in the database. */
const char *jhk_org_kind_label      (const char *kind);
const char *jhk_business_kind_label (const char *kind);
const char *jhk_business_category_label (int category);
const char *jhk_business_basis_label (int basis);

/* TRUE when text is a valid 'YYYY-MM-DD' date. */
gboolean jhk_date_is_valid         (const char  *text);

G_END_DECLS
