/* jhk-staff-page.h: the Staff and Roles workspace (R5-1, R12-1, R13-5, R13-10). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_STAFF_PAGE (jhk_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkStaffPage, jhk_staff_page, JHK, STAFF_PAGE, JhkPage)

GtkWidget *jhk_staff_page_new          (JhkDb        *db,
                                        JhkSession   *session);
/* Selects a staff member (by staff id) and shows their details. */
gboolean   jhk_staff_page_select_staff (JhkStaffPage *self,
                                        gint64        staff_id);

G_END_DECLS
