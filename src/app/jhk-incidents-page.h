/* jhk-incidents-page.h: the 事故対処 workspace: the incidents of the
 * offices, each with its checklist, recovery request, report and timeline
 * (第19, R19-2..5). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_INCIDENTS_PAGE (jhk_incidents_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkIncidentsPage, jhk_incidents_page, JHK, INCIDENTS_PAGE, JhkPage)

GtkWidget *jhk_incidents_page_new (JhkDb      *db,
                                   JhkSession *session);

G_END_DECLS
