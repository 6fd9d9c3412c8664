/* jhk-audit-page.h: the Audit Log workspace: the chain, its filters and its verification. */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_AUDIT_PAGE (jhk_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkAuditPage, jhk_audit_page, JHK, AUDIT_PAGE, JhkPage)

GtkWidget *jhk_audit_page_new (JhkDb      *db,
                               JhkSession *session);

G_END_DECLS
