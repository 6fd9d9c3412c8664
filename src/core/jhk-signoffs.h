/* jhk-signoffs.h: the confirmations of 様式第1号 (作成時確認欄 and
 * 最終処理確認欄).
 *
 * Each material has two stages, "created" and "final" (the latter only
 * after its final disposition), of four boxes each, in the form's order:
 * 運用管理者, 情報管理責任者, 情報管理者, 情報管理補助者. A box is signed
 * electronically (who and when) by a holder of that role for the
 * material's office, once. Per the note of 様式第1号 the one who made the
 * final disposition collects the final confirmations up to the 運用管理者:
 * they request the final stage, which then waits on the signers'
 * dashboards until its four boxes are signed.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-ledger-query.h"
#include "jhk-roles.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* The four roles of a stage, in the form's order. */
extern const JhkRole jhk_signoff_roles[4];

typedef struct
{
  char   *stage;        /* "created" or "final" */
  char   *role;         /* role key: "ops_manager", "info_lead", ... */
  gint64  staff_id;
  char   *staff_name;
  gint64  signed_at;    /* µs since the epoch */
  char   *signed_on;    /* YYYY-MM-DD, local time */
} JhkSignoff;

void jhk_signoff_free (JhkSignoff *signoff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkSignoff, jhk_signoff_free)

/* A box waiting for a user (the dashboard). */
typedef struct
{
  gint64  material_id;
  char   *material_name;
  gint64  office_id;
  char   *stage;         /* "final" */
  char   *role;          /* the box's role key, one the user holds */
  char   *requester_name;
  gint64  requested_at;  /* µs since the epoch */
} JhkSignoffTask;

void jhk_signoff_task_free (JhkSignoffTask *task);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkSignoffTask, jhk_signoff_task_free)

/* Signs the box of stage for role. role JHK_ROLE_INVALID: the one of the
 * four roles the actor holds for the office (refused, asking to choose,
 * when they hold several). Refused: a role the actor does not hold for the
 * material's office, a box signed already, the final stage before the
 * final disposition. */
gboolean   jhk_signoffs_sign            (JhkDb       *db,
                                         JhkSession  *actor,
                                         gint64       material_id,
                                         const char  *stage,
                                         JhkRole      role,
                                         GError     **error);
/* The one who made the final disposition (its handler, or who recorded
 * it) asks for the final confirmations; once. */
gboolean   jhk_signoffs_request_final   (JhkDb       *db,
                                         JhkSession  *actor,
                                         gint64       material_id,
                                         GError     **error);
/* The boxes signed, GPtrArray of JhkSignoff, created first and in the
 * form's order. The caller has checked that the actor may see the
 * material. */
GPtrArray *jhk_signoffs_list            (JhkDb       *db,
                                         gint64       material_id,
                                         GError     **error);
/* For the dashboard: the boxes of requested final stages that the actor
 * may sign and nobody has signed yet, GPtrArray of JhkSignoffTask, oldest
 * request first. */
GPtrArray *jhk_signoffs_waiting_for     (JhkDb       *db,
                                         JhkSession  *actor,
                                         GError     **error);
/* Whether the final stage of the material has been requested. */
gboolean   jhk_signoffs_final_requested (JhkDb       *db,
                                         gint64       material_id);

/* What the ledger page offers (the services check again when called). */
/* The four roles the actor holds for the office, in the form's order;
 * returns how many were written to roles. */
guint       jhk_signoffs_roles_held            (JhkDb                   *db,
                                                JhkSession              *actor,
                                                gint64                   office_id,
                                                JhkRole                  roles[4]);
/* NULL when the actor may sign the box of stage for role now (role
 * JHK_ROLE_INVALID: for any one of the roles they hold); otherwise the
 * reason, translated, as jhk_signoffs_sign would refuse. */
const char *jhk_signoffs_sign_refusal          (JhkDb                   *db,
                                                JhkSession              *actor,
                                                const JhkLedgerMaterial *material,
                                                const char              *stage,
                                                JhkRole                  role);
/* NULL when the actor may ask for the final confirmations now; otherwise
 * the reason, as jhk_signoffs_request_final would refuse. */
const char *jhk_signoffs_request_final_refusal (JhkDb                   *db,
                                                JhkSession              *actor,
                                                const JhkLedgerMaterial *material);

G_END_DECLS
