/* jhk-dashboard-page.h: the Dashboard: what needs the user now. */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_DASHBOARD_PAGE (jhk_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkDashboardPage, jhk_dashboard_page, JHK, DASHBOARD_PAGE, JhkPage)

GtkWidget *jhk_dashboard_page_new (JhkDb      *db,
                                   JhkSession *session);

G_END_DECLS
