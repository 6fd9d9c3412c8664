/* jhk-roles.c: role keys, labels and scopes. */
#include <glib/gi18n-lib.h>

#include "jhk-roles.h"

static const struct
{
  const char   *key;
  const char   *label;
  const char   *duty;
  JhkScopeKind  scope;
} roles[JHK_N_ROLES] = {
  [JHK_ROLE_SUPERVISOR] = { "supervisor", N_("General supervisor"),
                            N_("Oversees the operation of the whole system."),
                            JHK_SCOPE_ORGANISATION },
  [JHK_ROLE_SYSADMIN] = { "sysadmin", N_("System administrator"),
                          N_("Assists the general supervisor and runs the system."),
                          JHK_SCOPE_ORGANISATION },
  [JHK_ROLE_BIZ_OWNER] = { "biz_owner", N_("Target business manager"),
                           N_("Manages the information of one target business."),
                           JHK_SCOPE_BUSINESS },
  [JHK_ROLE_EGOV_OWNER] = { "egov_owner", N_("Digitised business manager"),
                            N_("Manages the information of one digitised business."),
                            JHK_SCOPE_BUSINESS },
  [JHK_ROLE_LEAD_OWNER] = { "lead_owner", N_("Lead business manager"),
                            N_("Manages the information of one lead business."),
                            JHK_SCOPE_BUSINESS },
  [JHK_ROLE_DEPT_HEAD] = { "dept_head", N_("Department head"),
                           N_("Receives the reports of serious incidents for one department."),
                           JHK_SCOPE_DEPARTMENT },
  [JHK_ROLE_OPS_MANAGER] = { "ops_manager", N_("Operations manager"),
                             N_("Answers for the operation of the system in one office."),
                             JHK_SCOPE_OFFICE },
  [JHK_ROLE_INFO_LEAD] = { "info_lead", N_("Information management lead"),
                           N_("Guides and coordinates the operation of the system in the office."),
                           JHK_SCOPE_OFFICE },
  [JHK_ROLE_INFO_MANAGER] = { "info_manager", N_("Information manager"),
                              N_("Manages access, inquiries, input and output materials, "
                                 "media and terminals of one section."),
                              JHK_SCOPE_SECTION },
  [JHK_ROLE_INFO_ASSISTANT] = { "info_assistant", N_("Information management assistant"),
                                N_("Assists the information manager."),
                                JHK_SCOPE_SECTION },
  [JHK_ROLE_INQUIRY_SUPERVISOR] = { "inquiry_supervisor", N_("Inquiry supervisor"),
                                    N_("Checks the inquiries of the staff under them."),
                                    JHK_SCOPE_SECTION },
  [JHK_ROLE_TRANSFER_OFFICER] = { "transfer_officer", N_("Transfer officer"),
                                  N_("Sends and receives personal-data output of one business."),
                                  JHK_SCOPE_BUSINESS },
  [JHK_ROLE_STAFF] = { "staff", N_("Access right holder"),
                       N_("Uses terminals and makes or requests inquiries."),
                       JHK_SCOPE_OFFICE },
};

const char *
jhk_role_to_key (JhkRole role)
{
  g_return_val_if_fail (role >= 0 && role < JHK_N_ROLES, NULL);
  return roles[role].key;
}

JhkRole
jhk_role_from_key (const char *key)
{
  for (int i = 0; i < JHK_N_ROLES; i++)
    if (g_strcmp0 (roles[i].key, key) == 0)
      return i;
  return JHK_ROLE_INVALID;
}

const char *
jhk_role_get_label (JhkRole role)
{
  g_return_val_if_fail (role >= 0 && role < JHK_N_ROLES, NULL);
  return _(roles[role].label);
}

const char *
jhk_role_get_duty (JhkRole role)
{
  g_return_val_if_fail (role >= 0 && role < JHK_N_ROLES, NULL);
  return _(roles[role].duty);
}

JhkScopeKind
jhk_role_get_scope (JhkRole role)
{
  g_return_val_if_fail (role >= 0 && role < JHK_N_ROLES, JHK_SCOPE_ORGANISATION);
  return roles[role].scope;
}

gboolean
jhk_role_is_manager (JhkRole role)
{
  return role == JHK_ROLE_SYSADMIN || role == JHK_ROLE_BIZ_OWNER ||
         role == JHK_ROLE_EGOV_OWNER || role == JHK_ROLE_LEAD_OWNER;
}
