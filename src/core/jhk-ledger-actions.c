/* jhk-ledger-actions.c: what may be done to a material now, and why not. */
#include <glib/gi18n-lib.h>

#include "jhk-approvals.h"
#include "jhk-ledger-private.h"
#include "jhk-ledger-actions.h"
#include "jhk-retention.h"

static const struct
{
  const char *kind;
  const char *label;
} actions[JHK_LEDGER_N_ACTIONS] = {
  [JHK_LEDGER_ACTION_LEND] = { "lend", N_("Lend") },
  [JHK_LEDGER_ACTION_RETURN] = { "return", N_("Return") },
  [JHK_LEDGER_ACTION_COPY] = { "copy", N_("Copy") },
  [JHK_LEDGER_ACTION_HAND_OVER] = { "hand_over", N_("Hand Over") },
  [JHK_LEDGER_ACTION_RECEIVE] = { "receive", N_("Receive") },
  [JHK_LEDGER_ACTION_PARTIAL_DISPOSE] = { "partial_dispose", N_("Partial Disposal") },
  [JHK_LEDGER_ACTION_OTHER] = { "other", N_("Other") },
  [JHK_LEDGER_ACTION_FINAL] = { "final", N_("Final Disposition") },
};

const char *
jhk_ledger_action_kind (JhkLedgerAction action)
{
  g_return_val_if_fail (action < JHK_LEDGER_N_ACTIONS, NULL);
  return actions[action].kind;
}

const char *
jhk_ledger_action_label (JhkLedgerAction action)
{
  g_return_val_if_fail (action < JHK_LEDGER_N_ACTIONS, NULL);
  return _(actions[action].label);
}

const char *
jhk_ledger_action_refusal (JhkDb                   *db,
                           JhkSession              *actor,
                           const JhkLedgerMaterial *material,
                           JhkLedgerAction          action)
{
  gint64 available;

  g_return_val_if_fail (material != NULL, NULL);
  g_return_val_if_fail (action < JHK_LEDGER_N_ACTIONS, NULL);

  /* The same order as the services check in. */
  if (!jhk_ledger_may_keep_office (db, actor, material->office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  if (g_strcmp0 (material->status, "stored") != 0 && g_strcmp0 (material->status, "lent") != 0)
    return _("This material has had its final disposition: it can only be viewed now.");

  available = material->quantity_on_hand - material->quantity_lent;
  switch (action)
    {
    case JHK_LEDGER_ACTION_HAND_OVER:
      if (available <= 0)
        return _("None of this material is at hand.");
      {
        g_autoptr(GPtrArray) approvals = jhk_ledger_action_approvals (db, actor, material, action);

        if (approvals != NULL && approvals->len == 0)
          return _("Handing over personal-data input material needs the general supervisor's "
                   "approval: ask for it first (R16-2).");
      }
      return NULL;
    case JHK_LEDGER_ACTION_LEND:
    case JHK_LEDGER_ACTION_PARTIAL_DISPOSE:
      if (available <= 0)
        return _("None of this material is at hand.");
      return NULL;
    case JHK_LEDGER_ACTION_RETURN:
      if (material->quantity_lent <= 0)
        return _("Nothing of this material is lent out.");
      return NULL;
    case JHK_LEDGER_ACTION_FINAL:
      if (material->quantity_lent > 0)
        return _("Part of this material is lent out: record its return first.");
      return NULL;
    case JHK_LEDGER_ACTION_COPY:
      {
        g_autoptr(GPtrArray) approvals = jhk_ledger_action_approvals (db, actor, material, action);

        if (approvals != NULL && approvals->len == 0)
          return _("Copying personal-data input material needs the general supervisor's "
                   "approval: ask for it first (R16-2).");
      }
      return NULL;
    case JHK_LEDGER_ACTION_RECEIVE:
    case JHK_LEDGER_ACTION_OTHER:
    case JHK_LEDGER_N_ACTIONS:
    default:
      return NULL;
    }
}

GPtrArray *
jhk_ledger_action_approvals (JhkDb                   *db,
                             JhkSession              *actor,
                             const JhkLedgerMaterial *material,
                             JhkLedgerAction          action)
{
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *usable;
  const char *kind;

  g_return_val_if_fail (material != NULL, NULL);

  if ((action != JHK_LEDGER_ACTION_COPY && action != JHK_LEDGER_ACTION_HAND_OVER) ||
      !material->personal_data || g_strcmp0 (material->direction, "input") != 0 ||
      jhk_session_is_system (actor))
    return NULL;
  kind = jhk_ledger_action_kind (action);
  usable = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_approval_free);
  all = jhk_approvals_list_material (db, actor, material->id, NULL);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      JhkApproval *approval = g_ptr_array_index (all, i);

      if (g_strcmp0 (approval->kind, kind) == 0 &&
          g_strcmp0 (approval->status, "approved") == 0 && approval->used_by_event_id == 0)
        g_ptr_array_add (usable, g_ptr_array_steal_index (all, i--));
    }
  return usable;
}

char *
jhk_ledger_purge_refusal (JhkDb                   *db,
                          JhkSession              *actor,
                          const JhkLedgerMaterial *material)
{
  g_autofree char *cutoff = jhk_retention_cutoff ();
  g_autofree char *ends_on = NULL;

  g_return_val_if_fail (material != NULL, NULL);

  /* In the order jhk_retention_purge() checks. */
  if (!jhk_retention_may_purge (db, actor, material->office_id))
    return g_strdup (_("Only the office's operations manager purges materials whose "
                       "retention has ended."));
  if (material->purged_at != 0)
    return g_strdup (_("This material has been purged already."));
  if (g_strcmp0 (material->status, "closed") != 0)
    return g_strdup (_("An open material is kept: only a material after its final "
                       "disposition comes to the end of its retention."));
  if (material->last_entry_on != NULL && strcmp (material->last_entry_on, cutoff) > 0)
    {
      ends_on = jhk_retention_ends_on (material->last_entry_on);
      return g_strdup_printf (_("The retention of this material ends on %s, five years after "
                                "its last entry."), ends_on);
    }
  return NULL;
}

const char *
jhk_ledger_confirm_refusal (JhkDb                   *db,
                            JhkSession              *actor,
                            const JhkLedgerMaterial *material,
                            const JhkLedgerEvent    *event)
{
  g_return_val_if_fail (material != NULL && event != NULL, NULL);

  if (event->confirmer_name != NULL)
    return _("This step has been confirmed already.");
  if (jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_MANAGER, material->office_id))
    return NULL;
  return _("The confirmation is the office's information manager's.");
}
