/* jhk-requests-page.h: the 作業依頼 workspace: the 作業依頼書 of the
 * offices, the consents and the receiving queue (R15-4, 別記様式第2号
 * RF2). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_REQUESTS_PAGE (jhk_requests_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkRequestsPage, jhk_requests_page, JHK, REQUESTS_PAGE, JhkPage)

GtkWidget *jhk_requests_page_new (JhkDb      *db,
                                  JhkSession *session);

G_END_DECLS
