/* jhk-approvals.h: requests for the 総括責任者's approval (R15-2, R16-2).
 *
 * R15-2: viewing a material, or handing it, by staff other than those its
 * business needs ("view", naming the person); R16-2: handing over or
 * copying personal-data input material ("hand_over", "copy"). A keeper of
 * the material's office asks, naming the reason; the 総括責任者 approves or
 * declines with a comment; the requester may withdraw while the request is
 * pending. Each step is one transaction with its audit entry, and the
 * state is read again inside it: a request is decided once.
 *
 * An approved "hand_over" or "copy" request is used once, by the ledger
 * step it allows (JhkMaterialEvent.approval_id, see jhk-ledger.h).
 */
#pragma once

#include "jhk-db.h"
#include "jhk-ledger-query.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  material_id;
  char   *material_name;
  gint64  office_id;
  char   *office_name;
  char   *kind;              /* "view", "hand_over", "copy" */
  char   *reason;
  char   *for_name;          /* R15-2: to whom; "" for the others */
  gint64  requested_by;      /* staff id */
  char   *requester_name;
  gint64  requested_at;      /* µs since the epoch */
  char   *status;            /* "pending", "approved", "declined", "withdrawn" */
  gint64  decided_by;        /* staff id, 0 while undecided */
  char   *decider_name;      /* NULL while undecided */
  gint64  decided_at;        /* 0 while undecided */
  char   *comment;
  gint64  used_by_event_id;  /* the ledger step that used the approval, 0 for none */
} JhkApproval;

void jhk_approval_free (JhkApproval *approval);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkApproval, jhk_approval_free)

/* The kinds ("view", "hand_over", "copy", NULL-terminated) and their
 * translated labels. */
const char *const *jhk_approval_kinds       (void);
const char        *jhk_approval_kind_label  (const char *kind);
const char        *jhk_approval_status_label (const char *status);

/* Asks the 総括責任者. for_name is required for "view" (R15-2: who is to
 * see or receive it), optional otherwise; "hand_over" and "copy" are of
 * personal-data input material (R16-2). Returns the request's id. */
gint64    jhk_approvals_request    (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       material_id,
                                    const char  *kind,
                                    const char  *reason,
                                    const char  *for_name,
                                    GError     **error);
/* The 総括責任者's decision; a comment is required to decline. */
gboolean  jhk_approvals_approve    (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       approval_id,
                                    const char  *comment,
                                    GError     **error);
gboolean  jhk_approvals_decline    (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       approval_id,
                                    const char  *comment,
                                    GError     **error);
/* The requester takes back a pending request. */
gboolean  jhk_approvals_withdraw   (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       approval_id,
                                    GError     **error);

/* One request, as the actor may see it (JHK_POLICY_ERROR_NOT_FOUND else). */
JhkApproval *jhk_approvals_get     (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       approval_id,
                                    GError     **error);

/* Lists, GPtrArray of JhkApproval, newest first. */
/* For the dashboard: the pending requests the actor may decide (none
 * unless they are the 総括責任者). */
GPtrArray *jhk_approvals_list_pending_for (JhkDb       *db,
                                           JhkSession  *actor,
                                           GError     **error);
/* Every request about a material. */
GPtrArray *jhk_approvals_list_material    (JhkDb       *db,
                                           JhkSession  *actor,
                                           gint64       material_id,
                                           GError     **error);
/* The requests of an office's materials; status NULL for all. */
GPtrArray *jhk_approvals_list_office      (JhkDb       *db,
                                           JhkSession  *actor,
                                           gint64       office_id,
                                           const char  *status,
                                           GError     **error);
/* What the actor may see: everything for the 総括責任者, else the requests
 * of the offices whose ledgers they keep and their own; pending only when
 * asked. */
GPtrArray *jhk_approvals_list_visible     (JhkDb       *db,
                                           JhkSession  *actor,
                                           gboolean     pending_only,
                                           GError     **error);

/* What the ledger page offers (the services check again when called). */
/* NULL when the actor may ask for approval of kind for the material now;
 * otherwise the reason, translated, as jhk_approvals_request would refuse
 * it. kind NULL: of any kind. */
const char *jhk_approvals_request_refusal  (JhkDb                   *db,
                                            JhkSession              *actor,
                                            const JhkLedgerMaterial *material,
                                            const char              *kind);
/* NULL when the actor may withdraw the request now; otherwise the reason. */
const char *jhk_approvals_withdraw_refusal (JhkSession              *actor,
                                            const JhkApproval       *approval);

G_END_DECLS
