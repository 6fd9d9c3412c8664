/* jhk-approvals-page.h: the Approvals workspace: the 総括責任者 decides the
 * requests for approval (R15-2, R16-2). */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_APPROVALS_PAGE (jhk_approvals_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkApprovalsPage, jhk_approvals_page, JHK, APPROVALS_PAGE, JhkPage)

GtkWidget *jhk_approvals_page_new (JhkDb      *db,
                                   JhkSession *session);

G_END_DECLS
