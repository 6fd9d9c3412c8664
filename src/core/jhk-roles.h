/* jhk-roles.h: the roles of 第5 and 第6 and their scopes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JHK_ROLE_SUPERVISOR,          /* 総括責任者, 第5-2 */
  JHK_ROLE_SYSADMIN,            /* システム管理者, 第5-3 */
  JHK_ROLE_BIZ_OWNER,           /* 対象業務管理者, 第5-4 */
  JHK_ROLE_EGOV_OWNER,          /* 電子化業務の主管業務管理者, 第10-1 */
  JHK_ROLE_LEAD_OWNER,          /* 主管業務管理者, 第5-5 */
  JHK_ROLE_DEPT_HEAD,           /* 主管部長, 第14-1, 第19-5 */
  JHK_ROLE_OPS_MANAGER,         /* 運用管理者, 第6 */
  JHK_ROLE_INFO_LEAD,           /* 情報管理責任者, 第6 */
  JHK_ROLE_INFO_MANAGER,        /* 情報管理者, 第6 */
  JHK_ROLE_INFO_ASSISTANT,      /* 情報管理補助者, 第6 */
  JHK_ROLE_INQUIRY_SUPERVISOR,  /* 担当幹部, 第14-6 */
  JHK_ROLE_TRANSFER_OFFICER,    /* 交付等担当者, 第17-5 */
  JHK_ROLE_STAFF,               /* アクセス権者 / 照会者, 第13, 第14 */
  JHK_N_ROLES,
  JHK_ROLE_INVALID = -1,
} JhkRole;

/* What a role assignment's scope refers to. */
typedef enum
{
  JHK_SCOPE_ORGANISATION,  /* the whole organisation: no scope column */
  JHK_SCOPE_BUSINESS,      /* one business */
  JHK_SCOPE_DEPARTMENT,    /* one 部 */
  JHK_SCOPE_OFFICE,        /* one 所属 */
  JHK_SCOPE_SECTION,       /* one 部署 or 係 of a 所属 */
} JhkScopeKind;

const char   *jhk_role_to_key      (JhkRole     role);
JhkRole       jhk_role_from_key    (const char *key);
/* Translated UI label, e.g. 総括責任者 under a Japanese locale. */
const char   *jhk_role_get_label   (JhkRole     role);
/* Translated one-line duty, as 第6 describes it. */
const char   *jhk_role_get_duty    (JhkRole     role);
JhkScopeKind  jhk_role_get_scope   (JhkRole     role);
/* 管理者等 (第13-1): sysadmin, 対象業務管理者等 and 主管業務管理者. */
gboolean      jhk_role_is_manager  (JhkRole     role);

G_END_DECLS
