/* jhk-business-page.h: the Businesses workspace: the register of businesses (R8-1, R8-2, R9-1). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_BUSINESS_PAGE (jhk_business_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkBusinessPage, jhk_business_page, JHK, BUSINESS_PAGE, JhkPage)

GtkWidget *jhk_business_page_new (JhkDb      *db,
                                  JhkSession *session);

G_END_DECLS
