/* jhk-ledger-page.h: the 入出力資料台帳 workspace (第15-第17, R17-11): an
 * office's materials, the history of each, and every step of 様式第1号. */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_LEDGER_PAGE (jhk_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkLedgerPage, jhk_ledger_page, JHK, LEDGER_PAGE, JhkPage)

GtkWidget *jhk_ledger_page_new             (JhkDb         *db,
                                            JhkSession    *session);

/* For tests: selects the material when it is in the list shown. */
gboolean   jhk_ledger_page_select_material (JhkLedgerPage *self,
                                            gint64         material_id);

G_END_DECLS
