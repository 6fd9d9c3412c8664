/* jhk-ledger-transfer.h: the ledger page's part for sending a material
 * (交付・送付, R17-4, R17-5, R17-8): the 送付 step and its dialog, the
 * one-time password of an encrypted file, and the material's transfers. */
#pragma once

#include "jhk-ledger-page.h"

G_BEGIN_DECLS

/* Adds the part to the detail pane of the material shown (from
 * show_material()). */
void jhk_ledger_transfer_show (JhkLedgerPage *page);

G_END_DECLS
