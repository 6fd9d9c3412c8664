/* jhk-form1-material.h: 様式第1号 of one material of the ledger.
 *
 * Fills a JhkForm1 from a material read through jhk-ledger-query: the
 * ledger's 複写, 交付 and 受入 print as その他 with their name, the
 * counterpart and the disposal method go to 備考, and the sign-off boxes
 * stay empty until the ledger records sign-offs.
 */
#pragma once

#include "jhk-form1.h"
#include "jhk-ledger-query.h"

G_BEGIN_DECLS

typedef struct _JhkForm1Material JhkForm1Material;

/* The form and the strings it borrows; @material may go afterwards. */
JhkForm1Material *jhk_form1_material_new       (const JhkLedgerMaterial *material);
void              jhk_form1_material_free      (JhkForm1Material        *self);
const JhkForm1   *jhk_form1_material_get_form  (JhkForm1Material        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkForm1Material, jhk_form1_material_free)

/* Reads material @material_id as @actor may see it and writes its 様式第1号
 * to @path (mode 0600). */
gboolean          jhk_form1_material_write_pdf (JhkDb       *db,
                                                JhkSession  *actor,
                                                gint64       material_id,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
