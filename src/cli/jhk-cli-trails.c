/* jhk-cli-trails.c: the access trails on the command line (R13-3, R13-4),
 * issue 6:
 *
 *   jhkctl trails search [FILTERS] [--limit N];  jhkctl trails export [FILTERS] -o FILE
 *   jhkctl trail-request create --business CODE --from D --to D --reason TEXT [FILTERS]
 *   jhkctl trail-request list | show ID | produce ID -o FILE | decline ID --comment TEXT
 *
 * FILTERS: --staff NO --office CODE --terminal T --from D --to D --text T
 * (--business CODE for search and export). Every rule is jhk-trails.h's.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-trails.h"
#include "jhk-cli-util.h"
#include "jhk-org.h"
#include "jhk-row.h"
#include "jhk-settings.h"
#include "jhk-trails.h"

/* The filters every trails command takes. */
typedef struct
{
  char *staff_no;
  char *office_code;
  char *terminal;
  char *date_from;
  char *date_to;
  char *text;
  char *business;
} Filters;

static void
filters_clear (Filters *f)
{
  g_free (f->staff_no);
  g_free (f->office_code);
  g_free (f->terminal);
  g_free (f->date_from);
  g_free (f->date_to);
  g_free (f->text);
  g_free (f->business);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filters, filters_clear)

#define FILTER_ENTRIES(f)                                                                        \
  { "staff", 0, 0, G_OPTION_ARG_STRING, &(f).staff_no, N_("Staff number"), "NO" },               \
  { "office", 0, 0, G_OPTION_ARG_STRING, &(f).office_code, N_("Office code"), "CODE" },          \
  { "terminal", 0, 0, G_OPTION_ARG_STRING, &(f).terminal, N_("Terminal number"), "T" },          \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(f).date_from, N_("From this day (Japan time)"),          \
    "YYYY-MM-DD" },                                                                              \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(f).date_to, N_("To this day, inclusive"), "YYYY-MM-DD" }, \
  { "text", 0, 0, G_OPTION_ARG_STRING, &(f).text, N_("Text in the name, business or operation"), \
    "TEXT" },                                                                                    \
  { "business", 0, 0, G_OPTION_ARG_STRING, &(f).business, N_("The business’s code"), "CODE" }

/* Checks the dates (usage, 2), logs in, then fills query; the business's
 * code is looked up (an unknown one: 1). */
static int
filters_login (JhkCliRun     *run,
               const Filters *f,
               JhkTrailQuery *query)
{
  g_autoptr(GError) error = NULL;
  int status;

  if ((f->date_from != NULL && !jhk_date_is_valid (f->date_from)) ||
      (f->date_to != NULL && !jhk_date_is_valid (f->date_to)))
    return jhk_cli_usage_error (_("--from and --to are dates, YYYY-MM-DD."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  query->staff_no = f->staff_no;
  query->office_code = f->office_code;
  query->terminal = f->terminal;
  query->date_from = f->date_from;
  query->date_to = f->date_to;
  query->text = f->text;
  if (f->business != NULL &&
      (query->business_id = jhk_cli_find_business (run->db, f->business, &error)) == 0)
    return jhk_cli_rule_error (error);
  return JHK_CLI_OK;
}

static const JhkCliColumn trail_columns[] = {
  { "at", 'j' }, { "office_code", 's' }, { "office", 's' }, { "staff_no", 's' },
  { "staff_name", 's' }, { "terminal", 's' }, { "business", 's' }, { "operation", 's' },
  { "flags", 'i' }, { NULL, 0 }
};

static int
cmd_search (JhkCliRun *run, int argc, char **argv)
{
  g_auto(Filters) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  JhkTrailQuery query = { 0 };
  int limit = 0;
  guint n;
  int status;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (f),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print at most N trails"), "N" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("trails search", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || limit < 0)
    return jhk_cli_usage_error (
      _("Usage: jhkctl trails search [--staff NO] [--office CODE] [--terminal T] "
        "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--text TEXT] [--business CODE] [--limit N]"));
  if ((status = filters_login (run, &f, &query)) != JHK_CLI_OK)
    return status;
  model = jhk_trails_search (run->db, run->session, &query, &error);
  if (model == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_model_json (model, trail_columns, (guint) limit);
      return JHK_CLI_OK;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n && (limit == 0 || i < (guint) limit); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *at = jhk_cli_format_japan_text (jhk_row_get_by_name (row, "at"));

      g_autofree char *office = jhk_cli_pad (jhk_row_get_by_name (row, "office_code"), 6);
      g_autofree char *staff_no = jhk_cli_pad (jhk_row_get_by_name (row, "staff_no"), 8);
      g_autofree char *name = jhk_cli_pad (jhk_row_get_by_name (row, "staff_name"), 12);
      g_autofree char *terminal = jhk_cli_pad (jhk_row_get_by_name (row, "terminal"), 8);
      g_autofree char *business = jhk_cli_pad (jhk_row_get_by_name (row, "business"), 14);

      g_print ("%s %s %s %s %s %s %s\n", at, office, staff_no, name, terminal, business,
               jhk_cli_or_dash (jhk_row_get_by_name (row, "operation")));
    }
  if (limit > 0 && n > (guint) limit)
    g_print (_("… %u trails in all.\n"), n);
  return JHK_CLI_OK;
}

static int
cmd_export (JhkCliRun *run, int argc, char **argv)
{
  g_auto(Filters) f = { 0 };
  g_autofree char *output = NULL, *sha256 = NULL;
  g_autoptr(GError) error = NULL;
  JhkTrailQuery query = { 0 };
  guint rows = 0;
  int status;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (f),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("CSV file to write"), "FILE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("trails export", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || output == NULL)
    return jhk_cli_usage_error (_("Usage: jhkctl trails export [FILTERS] -o FILE.csv"));
  if ((status = filters_login (run, &f, &query)) != JHK_CLI_OK)
    return status;
  if (!jhk_trails_export (run->db, run->session, &query, output, &rows, &sha256, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "file", output);
      jhk_cli_json_add_int (builder, "rows", rows);
      jhk_cli_json_add_string (builder, "sha256", sha256);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (_("Wrote %u trails to %s (SHA-256 %s).\n"), rows, output, jhk_cli_or_dash (sha256));
  return JHK_CLI_OK;
}

int
jhk_cli_trails (JhkCliContext *context,
                int            argc,
                char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "search", cmd_search },
    { "export", cmd_export },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("trails needs a subcommand: search or export."),
                           _("Unknown trails subcommand “%s”."));
}

/* trail-request (R13-4) ------------------------------------------------------------ */

static void
add_request (JsonBuilder           *builder,
             const JhkTrailRequest *r)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", r->id);
  jhk_cli_json_add_string (builder, "status", r->status);
  jhk_cli_json_add_int (builder, "requested_by", r->requested_by);
  jhk_cli_json_add_string (builder, "requester_name", r->requester_name);
  jhk_cli_json_add_int (builder, "business_id", r->business_id);
  jhk_cli_json_add_string (builder, "business_name", r->business_name);
  jhk_cli_json_add_string (builder, "reason", r->reason);
  jhk_cli_json_add_string (builder, "staff_no", r->staff_no);
  jhk_cli_json_add_string (builder, "office_code", r->office_code);
  jhk_cli_json_add_string (builder, "terminal", r->terminal);
  jhk_cli_json_add_string (builder, "date_from", r->date_from);
  jhk_cli_json_add_string (builder, "date_to", r->date_to);
  jhk_cli_json_add_string (builder, "text", r->text);
  jhk_cli_json_add_time (builder, "requested_at", r->requested_at);
  jhk_cli_json_add_string (builder, "handler_name", r->handler_name);
  jhk_cli_json_add_time (builder, "handled_at", r->handled_at);
  jhk_cli_json_add_int (builder, "rows", r->n_rows);
  jhk_cli_json_add_string (builder, "sha256", r->sha256);
  jhk_cli_json_add_string (builder, "comment", r->comment);
  json_builder_end_object (builder);
}

static const char *
status_label (const char *status)
{
  const char *label = jhk_trail_request_status_label (status);

  return label != NULL ? label : jhk_cli_or_dash (status);
}

static void
print_request (const JhkTrailRequest *r)
{
  g_autofree char *requested = r->requested_at != 0 ? jhk_format_time (r->requested_at)
                                                    : g_strdup ("-");

  g_print (_("Trail request %lld: %s (%s)\n"), (long long) r->id, status_label (r->status),
           jhk_cli_or_dash (r->status));
  g_print (_("Requested by %s at %s for %s\n"), jhk_cli_or_dash (r->requester_name), requested,
           jhk_cli_or_dash (r->business_name));
  g_print (_("Reason: %s\n"), jhk_cli_or_dash (r->reason));
  g_print (_("Trails from %s to %s; staff %s, office %s, terminal %s, text %s\n"),
           jhk_cli_or_dash (r->date_from), jhk_cli_or_dash (r->date_to),
           jhk_cli_or_dash (r->staff_no), jhk_cli_or_dash (r->office_code),
           jhk_cli_or_dash (r->terminal), jhk_cli_or_dash (r->text));
  if (r->handled_at != 0)
    {
      g_autofree char *handled = jhk_format_time (r->handled_at);

      g_print (_("Handled by %s at %s"), jhk_cli_or_dash (r->handler_name), handled);
      if (g_strcmp0 (r->status, "produced") == 0)
        g_print (_(": %u rows, SHA-256 %s"), r->n_rows, jhk_cli_or_dash (r->sha256));
      if (r->comment != NULL && *r->comment != '\0')
        g_print (" (%s)", r->comment);
      g_print ("\n");
    }
}

static int
print_request_done (JhkCliRun *run,
                    gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTrailRequest) r = jhk_trail_requests_get (run->db, run->session, id, &error);

  if (run->context->json)
    {
      if (r != NULL)
        jhk_cli_print_json_item (r, (JhkCliJsonAdd) add_request);
      else
        jhk_cli_print_json_ints ("id", id, NULL);
    }
  else if (r != NULL)
    g_print (_("Trail request %lld: %s.\n"), (long long) id, status_label (r->status));
  else
    g_print (_("Trail request %lld.\n"), (long long) id);
  return JHK_CLI_OK;
}

static int
cmd_request_create (JhkCliRun *run, int argc, char **argv)
{
  g_auto(Filters) f = { 0 };
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  JhkTrailQuery query = { 0 };
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    FILTER_ENTRIES (f),
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the trails are needed"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("trail-request create", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || f.business == NULL || f.date_from == NULL || f.date_to == NULL ||
      reason == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl trail-request create --business CODE --from YYYY-MM-DD --to YYYY-MM-DD "
        "--reason TEXT [--staff NO] [--office CODE] [--terminal T] [--text TEXT]"));
  if ((status = filters_login (run, &f, &query)) != JHK_CLI_OK)
    return status;
  id = jhk_trail_requests_create (run->db, run->session, query.business_id, &query, reason,
                                  &error);
  if (id == 0)
    return jhk_cli_rule_error (error);
  return print_request_done (run, id);
}

static const JhkCliColumn request_columns[] = {
  { "requester", 's' }, { "business", 's' }, { "reason", 's' }, { "date_from", 's' },
  { "date_to", 's' }, { "status", 's' }, { "requested_at", 't' }, { "n_rows", 'i' },
  { NULL, 0 }
};

static int
cmd_request_list (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(JhkQueryModel) model = NULL;
  guint n;
  int status;

  if (!jhk_cli_parse_options ("trail-request list", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl trail-request list"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  model = jhk_trail_requests_list_model (run->db, run->session);
  if (model == NULL)
    {
      g_printerr (_("jhkctl: The trail requests could not be listed.\n"));
      return JHK_CLI_RULE_ERROR;
    }
  if (run->context->json)
    {
      jhk_cli_print_model_json (model, request_columns, 0);
      return JHK_CLI_OK;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *at = jhk_cli_format_us_text (jhk_row_get_by_name (row, "requested_at"));

      g_autofree char *state = jhk_cli_pad (status_label (jhk_row_get_by_name (row, "status")),
                                            10);
      g_autofree char *requester = jhk_cli_pad (jhk_row_get_by_name (row, "requester"), 12);
      g_autofree char *business = jhk_cli_pad (jhk_row_get_by_name (row, "business"), 14);

      g_print ("%-5" G_GINT64_FORMAT " %s %s %s %s %s – %s %s\n", jhk_row_get_id (row), state,
               at, requester, business,
               jhk_cli_or_dash (jhk_row_get_by_name (row, "date_from")),
               jhk_cli_or_dash (jhk_row_get_by_name (row, "date_to")),
               jhk_cli_or_dash (jhk_row_get_by_name (row, "reason")));
    }
  return JHK_CLI_OK;
}

static int
cmd_request_show (JhkCliRun *run, int argc, char **argv)
{
  return jhk_cli_show_command (run, "trail-request show", _("Usage: jhkctl trail-request show ID"),
                               argc, argv, (JhkCliGetFunc) jhk_trail_requests_get,
                               (GDestroyNotify) jhk_trail_request_free,
                               (JhkCliJsonAdd) add_request, (JhkCliPrintFunc) print_request);
}

static int
cmd_request_produce (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("CSV file to write"), "FILE" },
    { NULL }
  };

  status = jhk_cli_run_id_command_requiring (
    run, "trail-request produce", entries, &output,
    _("Usage: jhkctl trail-request produce ID -o FILE.csv"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_trail_requests_produce (run->db, run->session, id, output, &error))
    return jhk_cli_rule_error (error);
  return print_request_done (run, id);
}

static int
cmd_request_decline (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Why it is declined"), "TEXT" },
    { NULL }
  };

  status = jhk_cli_run_id_command_requiring (
    run, "trail-request decline", entries, &comment,
    _("Usage: jhkctl trail-request decline ID --comment TEXT"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_trail_requests_decline (run->db, run->session, id, comment, &error))
    return jhk_cli_rule_error (error);
  return print_request_done (run, id);
}

int
jhk_cli_trail_request (JhkCliContext *context,
                       int            argc,
                       char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "create", cmd_request_create },
    { "list", cmd_request_list },
    { "show", cmd_request_show },
    { "produce", cmd_request_produce },
    { "decline", cmd_request_decline },
  };

  return jhk_cli_dispatch (
    context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
    _("trail-request needs a subcommand: create, list, show, produce or decline."),
    _("Unknown trail-request subcommand “%s”."));
}
