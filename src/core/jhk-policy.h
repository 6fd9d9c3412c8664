/* jhk-policy.h: the rules of the 要綱 about who may do what, as plain
 * functions. Each cites the requirement it enforces. */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_POLICY_ERROR (jhk_policy_error_quark ())

typedef enum
{
  JHK_POLICY_ERROR_DENIED,      /* the actor's roles do not allow it */
  JHK_POLICY_ERROR_RESTRICTED,  /* R13-10: the actor is restricted */
  JHK_POLICY_ERROR_INVALID,     /* the input breaks a rule */
  JHK_POLICY_ERROR_NOT_FOUND,   /* what the input refers to does not exist */
  JHK_POLICY_ERROR_CONFLICT,    /* it exists already, or was changed meanwhile */
} JhkPolicyError;

GQuark   jhk_policy_error_quark          (void);

/* The workspaces of the app; which ones a session may open is a rule. */
typedef enum
{
  JHK_WORKSPACE_DASHBOARD,
  JHK_WORKSPACE_STAFF,
  JHK_WORKSPACE_ORGANISATION,
  JHK_WORKSPACE_BUSINESSES,
  JHK_WORKSPACE_AUDIT,
  JHK_WORKSPACE_LEDGER,
  JHK_WORKSPACE_TRANSFERS,
  JHK_WORKSPACE_APPROVALS,
  JHK_WORKSPACE_REQUESTS,
  JHK_WORKSPACE_INQUIRIES,
  JHK_WORKSPACE_TRAILS,
  JHK_WORKSPACE_INCIDENTS,
  JHK_WORKSPACE_PLAYBOOKS,
  JHK_N_WORKSPACES,
} JhkWorkspace;

gboolean jhk_policy_can_open_workspace   (JhkSession   *actor,
                                          JhkWorkspace  workspace);

gboolean jhk_policy_require_role         (JhkSession   *actor,
                                          JhkRole       role,
                                          GError      **error);
/* Either of two roles. */
gboolean jhk_policy_require_either       (JhkSession   *actor,
                                          JhkRole       role1,
                                          JhkRole       role2,
                                          GError      **error);
/* R13-10: a restricted, suspended or retired user writes nothing; read from
 * the database inside the write transaction, so a restriction made at
 * another workstation takes effect at once. */
gboolean jhk_policy_check_can_write      (JhkDb        *db,
                                          JhkSession   *actor,
                                          GError      **error);
/* TRUE when org_id is ancestor_id or lies below it. */
gboolean jhk_policy_org_is_within        (JhkDb        *db,
                                          gint64        org_id,
                                          gint64        ancestor_id);
/* The actor holds role with a scope that covers org_id. */
gboolean jhk_policy_has_role_for_org     (JhkDb        *db,
                                          JhkSession   *actor,
                                          JhkRole       role,
                                          gint64        org_id);
/* R5-1: the staff member held the role (in any scope) on day, a
 * 'YYYY-MM-DD' date: a named approver or consultee must have. */
gboolean jhk_policy_staff_held_role      (JhkDb        *db,
                                          gint64        staff_id,
                                          JhkRole       role,
                                          const char   *day);
/* R5-1, R6-1, R13-2: who may assign a role in a scope. */
gboolean jhk_policy_can_grant_role       (JhkDb        *db,
                                          JhkSession   *actor,
                                          JhkRole       role,
                                          gint64        org_unit_id,
                                          GError      **error);

G_END_DECLS
