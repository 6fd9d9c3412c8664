/* jhk-trails-page.h: the Access Trails workspace: the search of the trails,
 * their import and output, and the requests for an output (R13-3, R13-4). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_TRAILS_PAGE (jhk_trails_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkTrailsPage, jhk_trails_page, JHK, TRAILS_PAGE, JhkPage)

GtkWidget *jhk_trails_page_new (JhkDb      *db,
                                JhkSession *session);

G_END_DECLS
