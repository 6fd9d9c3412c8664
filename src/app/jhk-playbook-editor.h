/* jhk-playbook-editor.h: the editor of a response playbook (対処要領,
 * R19-1): every field, the steps as a list to add to, remove from and
 * reorder (buttons and Alt+Up / Alt+Down), shared steps inserted, the
 * contacts and the reason for the change, checked as the user types by
 * jhk_playbook_check(); saving makes a new version. */
#pragma once

#include "jhk-form-dialog.h"
#include "jhk-playbooks.h"

G_BEGIN_DECLS

/* Called after a save with the playbook's id. */
typedef void (*JhkPlaybookSavedFunc) (gpointer user_data,
                                      gint64   playbook_id);

/* Opens the editor of a copy of playbook (NULL: a new playbook) over
 * parent; saved (may be NULL) runs after each save, user_data is held
 * (a GObject) while the editor is open. */
JhkFormDialog *jhk_playbook_editor_present (GtkWidget           *parent,
                                            JhkDb               *db,
                                            JhkSession          *session,
                                            const JhkPlaybook   *playbook,
                                            JhkPlaybookSavedFunc saved,
                                            GObject             *user_data);

/* For tests and the keyboard: moves the step at index by delta (-1 up,
 * +1 down); FALSE when it cannot move. */
gboolean       jhk_playbook_editor_move_step (JhkFormDialog *editor,
                                              guint          index,
                                              int            delta);
/* The playbook as the editor holds it now (owned by the editor). */
const JhkPlaybook *jhk_playbook_editor_get_playbook (JhkFormDialog *editor);

G_END_DECLS
