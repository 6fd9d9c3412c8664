/* jhk-delivery-actions.h: what may be done to a transfer or a register
 * now, and why not (R17-5, R17-8, R17-9).
 *
 * The 交付等 page shows 確認, 削除確認, 受入 and the register's buttons
 * insensitive with the reason as tooltip; the reasons are the ones the
 * services of jhk-delivery.h give when they refuse the same thing.
 */
#pragma once

#include "jhk-delivery.h"

G_BEGIN_DECLS

/* NULL when the actor may do it now; otherwise the reason, translated (a
 * static string). The service checks again when it is done. */

/* R17-9: the sending office's 運用管理者 confirms, once. */
const char *jhk_delivery_confirm_refusal  (JhkDb                   *db,
                                           JhkSession              *actor,
                                           const JhkTransferRecord *transfer);
/* R17-5(1)エ, (2): the transfer's officer, or a keeper of the sending
 * office, confirms that the sent file is deleted, once. */
const char *jhk_delivery_deleted_refusal  (JhkDb                   *db,
                                           JhkSession              *actor,
                                           const JhkTransferRecord *transfer);
/* R17-8: a keeper of the receiving office records the 受入, once. */
const char *jhk_delivery_receive_refusal  (JhkDb                   *db,
                                           JhkSession              *actor,
                                           const JhkTransferRecord *transfer);
/* R17-5, 第17-5: only the office's 運用管理者 adds to, tests and retires
 * the entries of its registers. */
const char *jhk_delivery_register_refusal (JhkDb                   *db,
                                           JhkSession              *actor,
                                           gint64                   office_id);

/* The offices whose registers the actor keeps (the 運用管理者's), in id
 * order: a GArray of gint64. */
GArray     *jhk_delivery_register_offices (JhkDb                   *db,
                                           JhkSession              *actor);

G_END_DECLS
