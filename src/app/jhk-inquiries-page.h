/* jhk-inquiries-page.h: the 照会点検 workspace (issue 6, R14-6): the
 * 照会者 confirm their inquiries, the 担当幹部 check them, the 運用管理者
 * settles the office's month and signs it off. */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_INQUIRIES_PAGE (jhk_inquiries_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkInquiriesPage, jhk_inquiries_page, JHK, INQUIRIES_PAGE, JhkPage)

GtkWidget *jhk_inquiries_page_new (JhkDb      *db,
                                   JhkSession *session);

G_END_DECLS
