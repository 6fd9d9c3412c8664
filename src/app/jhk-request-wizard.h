/* jhk-request-wizard.h: the wizard that files a 作業依頼書 (R15-4, 別記様式第2号
 * RF2), in five steps: 1 宛先, 2 作業内容, 3 資料, 4 依頼所属, 5 確認.
 *
 * Each step is checked with jhk_work_requests_check_step() before moving
 * on; the draft is saved with jhk_work_requests_save_draft() on every step
 * change, on close and shortly after typing stops, so that it can be
 * resumed. The last step shows the filled 様式第2号 as it will print and
 * submits it.
 */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_REQUEST_WIZARD (jhk_request_wizard_get_type ())
G_DECLARE_FINAL_TYPE (JhkRequestWizard, jhk_request_wizard, JHK, REQUEST_WIZARD, AdwWindow)

/* A new request (@draft_id 0) or the draft @draft_id resumed; transient for
 * @parent's window, modal. NULL with @error when the draft cannot be read
 * or the actor may not file requests. The window is not shown: call
 * gtk_window_present(). */
JhkRequestWizard *jhk_request_wizard_new            (GtkWidget   *parent,
                                                     JhkDb       *db,
                                                     JhkSession  *session,
                                                     gint64       draft_id,
                                                     GError     **error);

/* The request's id, 0 until it is first saved. */
gint64            jhk_request_wizard_get_request_id (JhkRequestWizard *self);

/* Signal "finished" (gint64 request_id, gboolean submitted): emitted when
 * the window closes after anything was saved. */

G_END_DECLS
