/* jhk-ledger-signoffs.h: the ledger page's part for the confirmations of
 * 様式第1号 (作成時確認欄, 最終処理確認欄) and the requests for the 総括責任者's
 * approval (R15-2, R16-2). */
#pragma once

#include "jhk-ledger-page.h"

G_BEGIN_DECLS

/* Adds the part to the detail pane of the material shown (from
 * show_material()). */
void jhk_ledger_signoffs_show (JhkLedgerPage *page);

G_END_DECLS
