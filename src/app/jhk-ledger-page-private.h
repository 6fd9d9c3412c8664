/* jhk-ledger-page-private.h: for the parts of the ledger page that live in
 * files of their own (sign-offs, approvals, transfers...): the material
 * shown, the detail pane to add to, and the one way to say it changed.
 *
 * A part adds itself in show_material() of jhk-ledger-page.c: buttons with
 * jhk_ledger_page_add_action(), groups with jhk_ledger_page_add_group().
 * After a write it calls jhk_ledger_page_material_changed(), which reads
 * the list and the material again and shows the toast.
 */
#pragma once

#include "jhk-ledger-page.h"
#include "jhk-ledger-query.h"

G_BEGIN_DECLS

/* The selected material with its history, NULL when none is. */
const JhkLedgerMaterial *jhk_ledger_page_get_material      (JhkLedgerPage *self);
/* A button among the steps; insensitive with tooltip when why is not
 * NULL (the rule that forbids it now). */
void                     jhk_ledger_page_add_action        (JhkLedgerPage *self,
                                                            GtkWidget     *button,
                                                            const char    *why);
/* A group at the end of the detail pane. */
AdwPreferencesGroup     *jhk_ledger_page_add_group         (JhkLedgerPage *self,
                                                            const char    *title);
/* A row "title: value" of a group; nothing for an empty value. */
void                     jhk_ledger_page_add_field         (AdwPreferencesGroup *group,
                                                            const char          *title,
                                                            const char          *value);
/* After a write: the list and the material read again, the material
 * (material_id, 0 for the one shown) selected, message as a toast. */
void                     jhk_ledger_page_material_changed  (JhkLedgerPage *self,
                                                            gint64         material_id,
                                                            const char    *message);

G_END_DECLS
