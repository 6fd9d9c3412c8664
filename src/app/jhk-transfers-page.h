/* jhk-transfers-page.h: the 交付等 workspace (issue 4): the office's
 * transfers of personal-data output sent and received (R17-4, R17-8,
 * R17-9) and its transfer registers (R17-5). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_TRANSFERS_PAGE (jhk_transfers_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkTransfersPage, jhk_transfers_page, JHK, TRANSFERS_PAGE, JhkPage)

GtkWidget *jhk_transfers_page_new (JhkDb      *db,
                                   JhkSession *session);

G_END_DECLS
