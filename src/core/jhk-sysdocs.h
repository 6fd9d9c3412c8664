/* jhk-sysdocs.h: the system documents ledger (第18, R18-1..5).
 *
 * System documents, programs and 取扱説明書 are materials of the materials
 * ledger with their own category (JhkMaterialSpec.category): they are
 * registered, lent, copied, handed over, received, stored and disposed of
 * by the same services (jhk-ledger.h), listed by the same lists
 * (jhk_ledger_query_list_full, jhk_lists_materials_set_category). What is
 * theirs alone is here.
 *
 * R18-3: the 運用管理者 lets no one but the staff needed view a system
 * document or program. A system document or program is seen by the
 * office's ledger keepers (who record its history), the 総括責任者 and
 * the システム管理者, and by the staff named as its viewers; nobody else
 * (jhk_ledger_may_view). The list of viewers is kept by the office's
 * 運用管理者, whose duty R18-3 is. A copy allows the viewers of its
 * original (a trigger of 0009).
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  staff_id;
  char   *staff_no;
  char   *name;
  char   *unit;
} JhkSysdocViewer;

void jhk_sysdoc_viewer_free (JhkSysdocViewer *viewer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkSysdocViewer, jhk_sysdoc_viewer_free)

/* Whether viewing materials of the category is restricted to named staff
 * (R18-3): system documents and programs. */
gboolean   jhk_sysdocs_is_restricted   (const char  *category);

/* Whether the actor is the office's 運用管理者 (a grant for a unit within
 * the office or above it), or the system. */
gboolean   jhk_sysdocs_is_ops_manager  (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       office_id);

/* The office's 運用管理者 (or the system) names a staff member allowed to
 * view the system document or program, or takes the name back. */
gboolean   jhk_sysdocs_add_viewer      (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       material_id,
                                        gint64       staff_id,
                                        GError     **error);
gboolean   jhk_sysdocs_remove_viewer   (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       material_id,
                                        gint64       staff_id,
                                        GError     **error);
/* The viewers of a material the actor may view, by staff number: a
 * GPtrArray of JhkSysdocViewer. */
GPtrArray *jhk_sysdocs_list_viewers    (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       material_id,
                                        GError     **error);

G_END_DECLS
