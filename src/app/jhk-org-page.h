/* jhk-org-page.h: the Organisation workspace: org units (R11-1). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_ORG_PAGE (jhk_org_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkOrgPage, jhk_org_page, JHK, ORG_PAGE, JhkPage)

GtkWidget *jhk_org_page_new (JhkDb      *db,
                             JhkSession *session);

G_END_DECLS
