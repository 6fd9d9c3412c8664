/* jhk-playbooks-page.h: the 対処要領 workspace: the response playbooks
 * (R19-1), read by everyone, written by the 管理者等; their versions,
 * shared steps, export and import. */
#pragma once

#include "jhk-page.h"

G_BEGIN_DECLS

#define JHK_TYPE_PLAYBOOKS_PAGE (jhk_playbooks_page_get_type ())
G_DECLARE_FINAL_TYPE (JhkPlaybooksPage, jhk_playbooks_page, JHK, PLAYBOOKS_PAGE, JhkPage)

GtkWidget *jhk_playbooks_page_new (JhkDb      *db,
                                   JhkSession *session);

/* Selects the playbook id in the list (showing the retired ones too when
 * it is retired); FALSE when it is not there. */
gboolean   jhk_playbooks_page_select (JhkPlaybooksPage *self,
                                      gint64            playbook_id);

G_END_DECLS
