/* jhk-cli-incident.c: 事故対処 on the command line (第19, R19-1..5),
 * issue 7:
 *
 *   jhkctl incident list [--open|--serious|--office CODE]
 *   jhkctl incident show ID                 (with its timeline)
 *   jhkctl incident report ID --pdf FILE    (事故報告書)
 *   jhkctl playbook list
 *   jhkctl playbook export [CODE…] [-o FILE]
 *   jhkctl playbook import FILE [--dry-run]
 *
 * Every rule, refusal and audit entry is the services' (jhk-incidents.h,
 * jhk-playbooks.h, jhk-incident-report.h); this file parses, calls them
 * and prints. Exit status 0, 1 for a refusal or bad input (nothing
 * changed), 2 for usage.
 */
#include <errno.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-incident.h"
#include "jhk-cli-util.h"
#include "jhk-incident-report.h"
#include "jhk-incidents.h"
#include "jhk-playbooks.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-row.h"
#include "jhk-settings.h"

/* A translated label, or the key itself while there is none. */
static const char *
label_or (const char *label,
          const char *key)
{
  return label != NULL && *label != '\0' ? label : jhk_cli_or_dash (key);
}

/* incident list ----------------------------------------------------------------- */

static const JhkCliColumn incident_columns[] = {
  { "office_id", 'i' }, { "office", 's' }, { "status", 's' }, { "title", 's' },
  { "discovered_at", 't' }, { "playbook", 's' }, { "serious", 'b' },
  { "recovery_state", 's' }, { "report_state", 's' }, { "report_due_at", 't' },
  { "steps_total", 'i' }, { "steps_resolved", 'i' },
  { NULL, 0 }
};

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  gboolean open = FALSE, serious = FALSE;
  gint64 office_id = 0;
  guint n;
  int status;
  GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, N_("Only open incidents"), NULL },
    { "serious", 0, 0, G_OPTION_ARG_NONE, &serious, N_("Only serious incidents"), NULL },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Only this office’s incidents"),
      "CODE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("incident list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (
      _("Usage: jhkctl incident list [--open] [--serious] [--office CODE]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);

  model = jhk_incidents_list_model (run->db, run->session, JHK_INCIDENTS_VISIBLE);
  if (model == NULL)
    {
      g_printerr (_("jhkctl: The incidents could not be listed.\n"));
      return JHK_CLI_RULE_ERROR;
    }
  jhk_incidents_list_model_set_filter (model, open ? "open" : NULL, office_id, NULL, serious);
  if (run->context->json)
    {
      jhk_cli_print_model_json (model, incident_columns, 0);
      return JHK_CLI_OK;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *discovered = jhk_cli_format_us_text (
        jhk_row_get_by_name (row, "discovered_at"));
      g_autofree char *office_name = jhk_cli_pad (jhk_row_get_by_name (row, "office"), 12);
      const char *state = jhk_row_get_by_name (row, "status");
      g_autofree char *state_text = jhk_cli_pad (label_or (jhk_incident_status_label (state),
                                                           state), 6);
      const char *report = jhk_row_get_by_name (row, "report_state");
      gboolean is_serious = g_strcmp0 (jhk_row_get_by_name (row, "serious"), "1") == 0;

      g_print ("%-5s %s %s %s %s/%s", jhk_cli_or_dash (jhk_row_get_by_name (row, "id")),
               state_text, discovered, office_name,
               jhk_cli_or_dash (jhk_row_get_by_name (row, "steps_resolved")),
               jhk_cli_or_dash (jhk_row_get_by_name (row, "steps_total")));
      if (is_serious)
        g_print (_(" [serious: %s]"), label_or (jhk_incident_report_state_label (report), report));
      g_print ("\n");
      g_print ("      %s\n", jhk_cli_or_dash (jhk_row_get_by_name (row, "title")));
    }
  return JHK_CLI_OK;
}

/* incident show ----------------------------------------------------------------- */

static void
print_names (const char *label,
             GPtrArray  *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? _(", ") : "",
                            (const char *) g_ptr_array_index (names, i));
  g_print ("%s: %s\n", label, text->len > 0 ? text->str : "-");
}

static void
print_step (const JhkIncidentStep *step)
{
  g_autofree char *done_at = jhk_cli_format_us (step->done_at);
  JhkRole role = step->role != NULL && *step->role != '\0'
                 ? jhk_role_from_key (step->role) : JHK_ROLE_INVALID;

  g_print ("  %2d [%s] %s", step->position,
           label_or (jhk_incident_step_state_label (step->state), step->state),
           jhk_cli_or_dash (step->text));
  if (role != JHK_ROLE_INVALID)
    g_print (" (%s)", jhk_role_get_label (role));
  g_print ("\n");
  if (step->done_at != 0)
    g_print (_("       by %s at %s\n"), jhk_cli_or_dash (step->done_by_name), done_at);
  if (step->needs_confirmation)
    {
      if (step->confirmed_at != 0)
        {
          g_autofree char *confirmed_at = jhk_cli_format_us (step->confirmed_at);

          g_print (_("       confirmed by %s at %s\n"),
                   jhk_cli_or_dash (step->confirmed_by_name), confirmed_at);
        }
      else
        g_print (_("       needs confirmation\n"));
    }
  if (step->reason != NULL && *step->reason != '\0')
    g_print (_("       reason: %s\n"), step->reason);
  if (step->note != NULL && *step->note != '\0')
    g_print (_("       note: %s\n"), step->note);
}

static void
print_incident (const JhkIncident *incident,
                GPtrArray         *timeline)
{
  g_autofree char *occurred = jhk_cli_format_us (incident->occurred_at);
  g_autofree char *discovered = jhk_cli_format_us (incident->discovered_at);

  g_print (_("Incident %lld: %s (%s)%s\n"), (long long) incident->id,
           jhk_cli_or_dash (incident->title),
           label_or (jhk_incident_status_label (incident->status), incident->status),
           incident->serious ? _(", serious") : "");
  g_print (_("Office: %s; opened by %s\n"), jhk_cli_or_dash (incident->office_name),
           jhk_cli_or_dash (incident->reported_by_name));
  g_print (_("Occurred: %s; discovered: %s\n"), occurred, discovered);
  g_print (_("Playbook: %s (version %d)\n"), jhk_cli_or_dash (incident->playbook_title),
           incident->playbook_version);
  if (incident->description != NULL && *incident->description != '\0')
    g_print (_("What happened: %s\n"), incident->description);
  g_print (_("Systems: %s; terminals: %s\n"), jhk_cli_or_dash (incident->systems),
           jhk_cli_or_dash (incident->terminals));
  print_names (_("Businesses"), incident->business_names);
  print_names (_("Materials"), incident->material_names);
  if (incident->damage || incident->stop_minutes > 0 || incident->leak)
    g_print (_("Damage: %s; business stopped: %d min; personal data leaked: %s\n"),
             incident->damage ? _("yes") : _("no"), incident->stop_minutes,
             incident->leak ? _("yes") : _("no"));

  g_print (_("Steps:\n"));
  for (guint i = 0; incident->steps != NULL && i < incident->steps->len; i++)
    print_step (g_ptr_array_index (incident->steps, i));
  for (guint i = 0; incident->attachments != NULL && i < incident->attachments->len; i++)
    {
      const JhkIncidentAttachment *a = g_ptr_array_index (incident->attachments, i);

      g_print (_("Attachment %lld: %s (%lld bytes)\n"), (long long) a->id,
               jhk_cli_or_dash (a->filename), (long long) a->size);
    }

  if (incident->recovery_state != NULL && *incident->recovery_state != '\0')
    {
      g_autofree char *requested = jhk_cli_format_us (incident->recovery_requested_at);

      g_print (_("Recovery: %s, requested by %s at %s: %s\n"),
               label_or (jhk_incident_recovery_state_label (incident->recovery_state),
                         incident->recovery_state),
               jhk_cli_or_dash (incident->recovery_requested_by_name), requested,
               jhk_cli_or_dash (incident->recovery_request));
      if (incident->investigation != NULL && *incident->investigation != '\0')
        g_print (_("Investigation (%s): %s\n"),
                 jhk_cli_or_dash (incident->investigated_by_name), incident->investigation);
      if (incident->dispatched_at != 0)
        {
          g_autofree char *dispatched = jhk_cli_format_us (incident->dispatched_at);

          g_print (_("Dispatched at %s: %s\n"), dispatched,
                   jhk_cli_or_dash (incident->dispatched_staff));
        }
      if (incident->recovery_result != NULL && *incident->recovery_result != '\0')
        g_print (_("Result: %s\n"), incident->recovery_result);
    }

  if (incident->serious)
    {
      const JhkIncidentReport *report = &incident->report;
      g_autofree char *due = jhk_cli_format_us (report->due_at);

      g_print (_("Serious: %s\n"), jhk_cli_or_dash (incident->serious_reason));
      g_print (_("Report: %s, due %s%s\n"),
               label_or (jhk_incident_report_state_label (report->state), report->state), due,
               jhk_incident_report_is_overdue (incident, 0) ? _(", overdue") : "");
      if (report->summary != NULL && *report->summary != '\0')
        g_print (_("  Summary: %s\n"), report->summary);
      if (report->supervisor_ack_at != 0)
        {
          g_autofree char *at = jhk_cli_format_us (report->supervisor_ack_at);

          g_print (_("  Acknowledged by the general supervisor %s at %s\n"),
                   jhk_cli_or_dash (report->supervisor_ack_name), at);
        }
      if (report->dept_head_ack_at != 0)
        {
          g_autofree char *at = jhk_cli_format_us (report->dept_head_ack_at);

          g_print (_("  Acknowledged by the department head %s at %s\n"),
                   jhk_cli_or_dash (report->dept_head_ack_name), at);
        }
    }
  if (incident->prevention != NULL && *incident->prevention != '\0')
    g_print (_("Prevention: %s\n"), incident->prevention);
  if (incident->closed_at != 0)
    {
      g_autofree char *closed = jhk_cli_format_us (incident->closed_at);

      g_print (_("Closed by %s at %s\n"), jhk_cli_or_dash (incident->closed_by_name), closed);
    }

  if (timeline != NULL && timeline->len > 0)
    {
      g_print (_("Timeline:\n"));
      for (guint i = 0; i < timeline->len; i++)
        {
          const JhkIncidentEvent *event = g_ptr_array_index (timeline, i);
          g_autofree char *at = jhk_cli_format_us (event->at);

          g_print ("  %s %s %s: %s\n", at, jhk_cli_or_dash (event->actor_name),
                   label_or (jhk_incident_event_kind_label (event->kind), event->kind),
                   jhk_cli_or_dash (event->text));
        }
    }
}

static int
cmd_show (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncident) incident = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, "incident show", NULL,
                                   _("Usage: jhkctl incident show ID"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  incident = jhk_incidents_get (run->db, run->session, id, &error);
  if (incident == NULL)
    return jhk_cli_rule_error (error);
  timeline = jhk_incidents_timeline (run->db, run->session, id, &error);
  if (timeline == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonNode) node = jhk_incident_to_json (incident, timeline);

      if (node == NULL)
        {
          g_printerr (_("jhkctl: Incident %lld could not be written as JSON.\n"), (long long) id);
          return JHK_CLI_RULE_ERROR;
        }
      jhk_cli_print_json (node);
      return JHK_CLI_OK;
    }
  print_incident (incident, timeline);
  return JHK_CLI_OK;
}

/* incident report --------------------------------------------------------------- */

static int
cmd_report (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkIncidentReportForm) form = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("PDF file to write"), "FILE" },
    { NULL }
  };

  status = jhk_cli_run_id_command_requiring (run, "incident report", entries, &pdf,
                                             _("Usage: jhkctl incident report ID --pdf FILE"),
                                             argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  form = jhk_incident_report_form_load (run->db, run->session, id, &error);
  if (form == NULL || !jhk_incident_report_form_write_pdf (form, pdf, &error))
    {
      if (error == NULL)
        g_set_error (&error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                     _("The report of incident %lld could not be written."), (long long) id);
      return jhk_cli_rule_error (error);
    }
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "id", id);
      jhk_cli_json_add_string (builder, "file", pdf);
      jhk_cli_json_add_int (builder, "pages", jhk_incident_report_form_get_n_pages (form));
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (_("Wrote the report of incident %lld to %s.\n"), (long long) id, pdf);
  return JHK_CLI_OK;
}

int
jhk_cli_incident (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "show", cmd_show },
    { "report", cmd_report },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("incident needs a subcommand: list, show or report."),
                           _("Unknown incident subcommand “%s”."));
}

/* playbook list ----------------------------------------------------------------- */

static const JhkCliColumn playbook_columns[] = {
  { "code", 's' }, { "version", 'i' }, { "title", 's' }, { "systems", 's' },
  { "builtin", 'b' }, { "retired", 'b' }, { "n_steps", 'i' }, { "updated_at", 't' },
  { NULL, 0 }
};

static int
cmd_playbook_list (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(JhkQueryModel) model = NULL;
  guint n;
  int status;

  if (!jhk_cli_parse_options ("playbook list", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl playbook list"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  model = jhk_playbooks_list_model (run->db, TRUE);
  if (model == NULL)
    {
      g_printerr (_("jhkctl: The playbooks could not be listed.\n"));
      return JHK_CLI_RULE_ERROR;
    }
  if (run->context->json)
    {
      jhk_cli_print_model_json (model, playbook_columns, 0);
      return JHK_CLI_OK;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *code = jhk_cli_pad (jhk_row_get_by_name (row, "code"), 24);
      gboolean retired = g_strcmp0 (jhk_row_get_by_name (row, "retired"), "1") == 0;

      g_print ("%s v%-3s %s%s\n", code, jhk_cli_or_dash (jhk_row_get_by_name (row, "version")),
               jhk_cli_or_dash (jhk_row_get_by_name (row, "title")),
               retired ? _(" (retired)") : "");
    }
  return JHK_CLI_OK;
}

/* playbook export --------------------------------------------------------------- */

static int
cmd_playbook_export (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("JSON file to write (default: standard output)"), "FILE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("playbook export", N_("[CODE…]"), entries, &argc, &argv, &status))
    return status;
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(JhkPlaybook) playbook = jhk_playbooks_get_by_code (run->db, argv[i], &error);

      if (playbook == NULL)
        {
          if (error == NULL)
            g_set_error (&error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                         _("There is no playbook “%s”."), argv[i]);
          else
            g_prefix_error (&error, "%s: ", argv[i]);
          return jhk_cli_rule_error (error);
        }
      g_array_append_val (ids, playbook->id);
    }
  node = jhk_playbooks_export (run->db, ids->len > 0 ? (const gint64 *) ids->data : NULL,
                               ids->len, &error);
  if (node == NULL)
    {
      if (error == NULL)
        g_set_error (&error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                     _("The playbooks could not be exported."));
      return jhk_cli_rule_error (error);
    }
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  if (output == NULL || g_str_equal (output, "-"))
    {
      g_print ("%s\n", text);
      return JHK_CLI_OK;
    }
  {
    g_autofree char *contents = g_strconcat (text, "\n", NULL);

    if (!g_file_set_contents (output, contents, -1, &error))
      return jhk_cli_rule_error (error);
  }
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      JsonArray *playbooks = json_object_get_array_member (json_node_get_object (node),
                                                           "playbooks");

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "file", output);
      jhk_cli_json_add_int (builder, "playbooks",
                            playbooks != NULL ? json_array_get_length (playbooks) : 0);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (_("Wrote the playbooks to %s.\n"), output);
  return JHK_CLI_OK;
}

/* playbook import --------------------------------------------------------------- */

static int
cmd_playbook_import (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybookImport) result = NULL;
  gboolean dry_run = FALSE;
  gsize length = 0;
  int status;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only check the file and say what it would do"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("playbook import", N_("FILE"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return jhk_cli_usage_error (_("Usage: jhkctl playbook import FILE [--dry-run]"));
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    return jhk_cli_rule_error (error);
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  result = jhk_playbooks_import (run->db, run->session, text, length, dry_run, &error);
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error (&error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                     _("%s could not be imported."), argv[1]);
      else
        g_prefix_error (&error, "%s: ", argv[1]);
      return jhk_cli_rule_error (error);
    }
  if (result->errors != NULL && result->errors->len > 0)
    {
      for (guint i = 0; i < result->errors->len; i++)
        g_printerr ("jhkctl: %s: %s\n", argv[1],
                    (const char *) g_ptr_array_index (result->errors, i));
      g_printerr (ngettext ("jhkctl: %u error: nothing was imported.\n",
                            "jhkctl: %u errors: nothing was imported.\n", result->errors->len),
                  result->errors->len);
      return JHK_CLI_RULE_ERROR;
    }
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_bool (builder, "dry_run", dry_run);
      jhk_cli_json_add_int (builder, "created", result->created);
      jhk_cli_json_add_int (builder, "updated", result->updated);
      jhk_cli_json_add_int (builder, "unchanged", result->unchanged);
      jhk_cli_json_add_int (builder, "shared_created", result->shared_created);
      jhk_cli_json_add_int (builder, "shared_updated", result->shared_updated);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (dry_run
             ? _("Would import: %u new, %u updated, %u unchanged playbooks; %u new, %u updated "
                 "shared steps.\n")
             : _("Imported: %u new, %u updated, %u unchanged playbooks; %u new, %u updated "
                 "shared steps.\n"),
             result->created, result->updated, result->unchanged, result->shared_created,
             result->shared_updated);
  return JHK_CLI_OK;
}

int
jhk_cli_playbook (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_playbook_list },
    { "export", cmd_playbook_export },
    { "import", cmd_playbook_import },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("playbook needs a subcommand: list, export or import."),
                           _("Unknown playbook subcommand “%s”."));
}
