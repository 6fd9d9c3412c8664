/* jhk-attention-transfers.c: the transfers that wait for the logged-in
 * user (R17-5, R17-8, R17-9), for the dashboard. */
#include <glib/gi18n-lib.h>

#include "jhk-attention-private.h"
#include "jhk-delivery-actions.h"

typedef const char *(*RefusalFunc) (JhkDb                   *db,
                                    JhkSession              *actor,
                                    const JhkTransferRecord *transfer);

/* The transfers of the list that the actor may act on now. */
static guint
count_actionable (JhkDb             *db,
                  JhkSession        *actor,
                  JhkTransferFilter  filter,
                  RefusalFunc        refusal)
{
  g_autoptr(GPtrArray) list = jhk_delivery_list_transfers (db, actor, 0, filter, NULL);
  guint n = 0;

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (refusal (db, actor, g_ptr_array_index (list, i)) == NULL)
      n++;
  return n;
}

GPtrArray *
jhk_attention_transfers (JhkDb      *db,
                         JhkSession *actor)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_attention_item_free);
  guint n;

  g_return_val_if_fail (JHK_IS_SESSION (actor), items);

  /* R17-9: the sending office's 運用管理者 confirms each transfer. */
  n = count_actionable (db, actor, JHK_TRANSFER_LIST_TO_CONFIRM, jhk_delivery_confirm_refusal);
  jhk_attention_add_item (items, "transfers", "transfers.confirm", n,
                          _("Transfers Waiting for Your Confirmation"),
                          g_strdup_printf (ngettext ("%u transfer of your office has no operations manager's "
                                                     "confirmation yet",
                                                     "%u transfers of your office have no operations "
                                                     "manager's confirmation yet", n), n),
                          "object-select-symbolic");

  /* R17-5(1)エ, (2): the sent file is to be deleted from the folder or
   * the mail server. */
  n = count_actionable (db, actor, JHK_TRANSFER_LIST_DELETION_PENDING,
                        jhk_delivery_deleted_refusal);
  jhk_attention_add_item (items, "transfers", "transfers.deleted", n,
                          _("Sent Files Still to Be Deleted"),
                          g_strdup_printf (ngettext ("%u sent file is not confirmed deleted from the shared "
                                                     "folder or mail server",
                                                     "%u sent files are not confirmed deleted from the shared "
                                                     "folder or mail server", n), n),
                          "user-trash-symbolic");

  /* R17-8: 受入 at the receiving office. */
  n = count_actionable (db, actor, JHK_TRANSFER_LIST_TO_RECEIVE, jhk_delivery_receive_refusal);
  jhk_attention_add_item (items, "transfers", "transfers.receive", n, _("Transfers to Receive"),
                          g_strdup_printf (ngettext ("%u transfer to your office is not received into its "
                                                     "ledger yet",
                                                     "%u transfers to your office are not received into its "
                                                     "ledger yet", n), n),
                          "mail-unread-symbolic");
  return items;
}
