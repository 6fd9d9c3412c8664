/* jhk-cli-approval.c: jhkctl approval … and the sign-offs of 様式第1号.
 *
 * Every write goes through the services of jhk-approvals.h and
 * jhk-signoffs.h, so each rule and audit entry applies.
 */
#include <glib/gi18n.h>

#include "jhk-approvals.h"
#include "jhk-cli.h"
#include "jhk-cli-approval.h"
#include "jhk-cli-util.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"

static void
add_approval (JsonBuilder       *builder,
              const JhkApproval *a)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", a->id);
  jhk_cli_json_add_int (builder, "material_id", a->material_id);
  jhk_cli_json_add_string (builder, "material_name", a->material_name);
  jhk_cli_json_add_int (builder, "office_id", a->office_id);
  jhk_cli_json_add_string (builder, "office_name", a->office_name);
  jhk_cli_json_add_string (builder, "kind", a->kind);
  jhk_cli_json_add_string (builder, "reason", a->reason);
  jhk_cli_json_add_string (builder, "for", a->for_name);
  jhk_cli_json_add_string (builder, "requested_by", a->requester_name);
  jhk_cli_json_add_time (builder, "requested_at", a->requested_at);
  jhk_cli_json_add_string (builder, "status", a->status);
  jhk_cli_json_add_string (builder, "decided_by", a->decider_name);
  jhk_cli_json_add_time (builder, "decided_at", a->decided_at);
  jhk_cli_json_add_string (builder, "comment", a->comment);
  jhk_cli_json_add_id (builder, "used_by_event", a->used_by_event_id);
  json_builder_end_object (builder);
}

void
jhk_cli_add_signoffs_json (JsonBuilder *builder,
                           GPtrArray   *signoffs)
{
  json_builder_set_member_name (builder, "signoffs");
  json_builder_begin_array (builder);
  for (guint i = 0; signoffs != NULL && i < signoffs->len; i++)
    {
      const JhkSignoff *s = g_ptr_array_index (signoffs, i);

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "stage", s->stage);
      jhk_cli_json_add_string (builder, "role", s->role);
      jhk_cli_json_add_string (builder, "name", s->staff_name);
      jhk_cli_json_add_string (builder, "date", s->signed_on);
      jhk_cli_json_add_time (builder, "signed_at", s->signed_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

gboolean
jhk_cli_add_approvals_json (JsonBuilder  *builder,
                            JhkDb        *db,
                            JhkSession   *session,
                            gint64        material_id,
                            GError      **error)
{
  g_autoptr(GPtrArray) list = jhk_approvals_list_material (db, session, material_id, error);

  if (list == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "approvals");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    add_approval (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
  return TRUE;
}

static void
print_approval (const JhkApproval *a)
{
  g_autofree char *when = jhk_format_time (a->requested_at);

  g_print ("%-5" G_GINT64_FORMAT " %-9s %-9s %s %s (%" G_GINT64_FORMAT ") %s: %s%s%s\n",
           a->id, a->status, a->kind, when, a->material_name ? a->material_name : "-",
           a->material_id, a->requester_name ? a->requester_name : "-", a->reason,
           a->for_name && *a->for_name ? " → " : "", a->for_name ? a->for_name : "");
}

/* Commands ------------------------------------------------------------------ */

static int
cmd_request (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *kind = NULL, *reason = NULL, *for_name = NULL;
  g_autoptr(GError) error = NULL;
  gint64 material, id;
  int status;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("view, hand_over or copy"), "KIND" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the approval is needed"), "TEXT" },
    { "for", 0, 0, G_OPTION_ARG_STRING, &for_name,
      N_("Who is to see or receive the material (with view)"), "NAME" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("approval request", N_("MATERIAL"), entries, &argc, &argv,
                              &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &material) || kind == NULL || reason == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl approval request MATERIAL --kind view|hand_over|copy "
        "--reason TEXT [--for NAME]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  id = jhk_approvals_request (run->db, run->session, material, kind, reason, for_name, &error);
  if (id == 0)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"pending\"\n}\n", id);
  else
    g_print (_("Asked for the general supervisor's approval: request %lld.\n"), (long long) id);
  return JHK_CLI_OK;
}

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean pending = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "pending", 0, 0, G_OPTION_ARG_NONE, &pending, N_("Only the requests still pending"),
      NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("approval list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl approval list [--pending]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  list = jhk_approvals_list_visible (run->db, run->session, pending, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_approval);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    print_approval (g_ptr_array_index (list, i));
  return JHK_CLI_OK;
}

/* approve, decline: the 総括責任者's decision. */
static int
decide (JhkCliRun  *run,
        int         argc,
        char      **argv,
        gboolean    approve)
{
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  gboolean ok;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Comment on the decision"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options (approve ? "approval approve" : "approval decline", N_("ID"),
                              entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || (!approve && comment == NULL))
    return jhk_cli_usage_error (approve ? _("Usage: jhkctl approval approve ID [--comment TEXT]")
                                        : _("Usage: jhkctl approval decline ID --comment TEXT"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  ok = approve ? jhk_approvals_approve (run->db, run->session, id, comment, &error)
               : jhk_approvals_decline (run->db, run->session, id, comment, &error);
  if (!ok)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"%s\"\n}\n", id,
             approve ? "approved" : "declined");
  else if (approve)
    g_print (_("Approved request %lld.\n"), (long long) id);
  else
    g_print (_("Declined request %lld.\n"), (long long) id);
  return JHK_CLI_OK;
}

static int
cmd_approve (JhkCliRun *run, int argc, char **argv)
{
  return decide (run, argc, argv, TRUE);
}

static int
cmd_decline (JhkCliRun *run, int argc, char **argv)
{
  return decide (run, argc, argv, FALSE);
}

static int
cmd_withdraw (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, "approval withdraw", NULL,
                                   _("Usage: jhkctl approval withdraw ID"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_approvals_withdraw (run->db, run->session, id, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"withdrawn\"\n}\n", id);
  else
    g_print (_("Withdrew request %lld.\n"), (long long) id);
  return JHK_CLI_OK;
}

int
jhk_cli_approval (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "request", cmd_request },
    { "list", cmd_list },
    { "approve", cmd_approve },
    { "decline", cmd_decline },
    { "withdraw", cmd_withdraw },
  };

  return jhk_cli_dispatch (
    context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
    _("approval needs a subcommand: request, list, approve, decline or withdraw."),
    _("Unknown approval subcommand “%s”."));
}

/* material signoff ---------------------------------------------------------- */

int
jhk_cli_material_signoff (JhkCliContext *context,
                          int            argc,
                          char         **argv)
{
  g_autofree char *stage = NULL, *role_key = NULL;
  g_autoptr(GError) error = NULL;
  JhkCliRun run = { context, NULL, NULL };
  JhkRole role = JHK_ROLE_INVALID;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("created or final"), "STAGE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_key,
      N_("ops_manager, info_lead, info_manager or info_assistant, when you hold several"),
      "ROLE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material signoff", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || stage == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl material signoff ID --stage created|final [--role ROLE]"));
  if (role_key != NULL && (role = jhk_role_from_key (role_key)) == JHK_ROLE_INVALID)
    return jhk_cli_usage_error (_("Unknown role “%s”."), role_key);
  if ((status = jhk_cli_run_login (&run)) != JHK_CLI_OK)
    return status;
  if (!jhk_signoffs_sign (run.db, run.session, id, stage, role, &error))
    return jhk_cli_rule_error (error);
  if (context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"stage\" : \"%s\"\n}\n", id, stage);
  else
    g_print (_("Signed the %s confirmation of material %lld.\n"), stage, (long long) id);
  return JHK_CLI_OK;
}

int
jhk_cli_material_request_signoffs (JhkCliContext *context,
                                   int            argc,
                                   char         **argv)
{
  g_autoptr(GError) error = NULL;
  JhkCliRun run = { context, NULL, NULL };
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (&run, "material request-signoffs", NULL,
                                   _("Usage: jhkctl material request-signoffs ID"), argc, argv,
                                   &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_signoffs_request_final (run.db, run.session, id, &error))
    return jhk_cli_rule_error (error);
  if (context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"requested\" : true\n}\n", id);
  else
    g_print (_("Asked for the final confirmations of material %lld.\n"), (long long) id);
  return JHK_CLI_OK;
}
