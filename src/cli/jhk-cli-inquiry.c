/* jhk-cli-inquiry.c: 照会点検 on the command line (R14-1, R14-5..7, R14-9,
 * R13-3), issue 6:
 *
 *   jhkctl import inquiries|trails FILE [--encoding utf-8|cp932] [--dry-run] [--progress]
 *   jhkctl inquiry list|show|confirm|check|resolve|summary|sign-off|sheet|purge|rescreen|periods
 *   jhkctl inquirer list|grant|end     (R14-1 register of 照会者)
 *   jhkctl holiday list|add|remove     (the screening's days off)
 *
 * Every rule, refusal and audit entry is the services' (jhk-inquiries.h,
 * jhk-inquiry-import.h, jhk-inquiry-screening.h); this file parses, calls
 * them and prints. Exit status 0, 1 for a refusal or bad input (nothing
 * changed), 2 for usage.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-inquiry.h"
#include "jhk-cli-util.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-import.h"
#include "jhk-inquiry-screening.h"
#include "jhk-inquiry-sheet.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-row.h"
#include "jhk-settings.h"

/* A translated label, or the key itself while there is none. */
static const char *
label_or (const char *label,
          const char *key)
{
  return label != NULL ? label : jhk_cli_or_dash (key);
}

/* "YYYY-MM" with a month 01..12. */
static gboolean
period_is_valid (const char *text)
{
  return text != NULL && strlen (text) == 7 && g_ascii_isdigit (text[0]) &&
         g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3]) &&
         text[4] == '-' && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6]) &&
         ((text[5] == '0' && text[6] != '0') || (text[5] == '1' && text[6] <= '2'));
}

/* The labels of flags, comma-separated; "" without flags. */
static char *
flag_labels (guint flags)
{
  GString *text = g_string_new (NULL);

  for (guint bit = 0; bit < JHK_INQUIRY_N_FLAGS; bit++)
    if (flags & (1u << bit))
      {
        const char *label = jhk_inquiry_flag_label (1u << bit);

        if (text->len > 0)
          g_string_append (text, ", ");
        if (label != NULL)
          g_string_append (text, label);
        else
          g_string_append_printf (text, "#%u", bit);
      }
  return g_string_free (text, FALSE);
}

/* Parses ID… (argv[1..]) into a new array; FALSE if one is not an id. */
static gboolean
parse_ids (int      argc,
           char   **argv,
           GArray **out)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!jhk_cli_parse_id (argv[i], &id))
        return FALSE;
      g_array_append_val (ids, id);
    }
  *out = g_steal_pointer (&ids);
  return TRUE;
}

/* --range A-B: two ids, A ≤ B. */
static gboolean
parse_range (const char *text,
             gint64     *from,
             gint64     *to)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", 2);
  return g_strv_length (parts) == 2 && jhk_cli_parse_id (parts[0], from) &&
         jhk_cli_parse_id (parts[1], to) && *from <= *to;
}

/* --office CODE and --period YYYY-MM, both required: usage when missing or
 * malformed (status 2), a rule error for an unknown office (status 1). */
static int
office_and_period (JhkCliRun   *run,
                   const char  *office_code,
                   const char  *period,
                   const char  *usage,
                   gint64      *office_id)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (office_code == NULL || period == NULL)
    return jhk_cli_usage_error ("%s", usage);
  if (!period_is_valid (period))
    return jhk_cli_usage_error (_("--period is a month, YYYY-MM."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if ((*office_id = jhk_cli_find_office (run->db, office_code, &error)) == 0)
    return jhk_cli_rule_error (error);
  return JHK_CLI_OK;
}

/* import inquiries|trails ------------------------------------------------------- */

gboolean
jhk_cli_import_is_inquiries (int    argc,
                             char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--encoding") == 0 || g_strcmp0 (argv[i], "-e") == 0)
        {
          i++;
          continue;
        }
      if (argv[i][0] == '-')
        continue;
      return g_str_equal (argv[i], "inquiries") || g_str_equal (argv[i], "trails");
    }
  return FALSE;
}

typedef struct
{
  const char *path;
  gboolean    shown;
} Progress;

static void
show_progress (double   fraction,
               guint    n_read,
               gpointer user_data)
{
  Progress *progress = user_data;

  g_printerr (_("\r%s: %u rows read (%d%%)"), progress->path, n_read, (int) (fraction * 100));
  progress->shown = TRUE;
}

static void
print_import_json (const JhkInquiryImportReport *report,
                   const char                   *kind,
                   gboolean                      dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  jhk_cli_json_add_string (builder, "kind", kind);
  jhk_cli_json_add_string (builder, "encoding", report->encoding);
  jhk_cli_json_add_int (builder, "read", report->n_read);
  jhk_cli_json_add_int (builder, "imported", report->n_imported);
  jhk_cli_json_add_int (builder, "present", report->n_present);
  jhk_cli_json_add_int (builder, "flagged", report->n_flagged);
  jhk_cli_json_add_bool (builder, "dry_run", dry_run);
  jhk_cli_json_add_bool (builder, "committed", report->committed);
  jhk_cli_json_add_id (builder, "import_id", report->import_id);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; report->errors != NULL && i < report->errors->len; i++)
    {
      const JhkImportError *e = g_ptr_array_index (report->errors, i);

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "line", e->line);
      jhk_cli_json_add_string (builder, "column", e->column);
      jhk_cli_json_add_string (builder, "message", e->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  jhk_cli_print_json_built (builder);
}

int
jhk_cli_import_inquiries (JhkCliContext *context,
                          int            argc,
                          char         **argv)
{
  g_autofree char *encoding_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquiryImportReport) report = NULL;
  JhkCliRun run = { context, NULL, NULL };
  JhkInquiryImportKind kind;
  gboolean dry_run = FALSE, progress_flag = FALSE;
  Progress progress = { NULL, FALSE };
  const char *encoding = NULL;
  const char *usage = _("Usage: jhkctl import inquiries|trails FILE.csv [--encoding utf-8|cp932] "
                        "[--dry-run] [--progress]");
  int status;
  GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file’s encoding, utf-8 or cp932 (default: detected)"), "ENCODING" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the whole file without writing anything"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_flag,
      N_("Show the progress on standard error even when it is not a terminal"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("import inquiries|trails", N_("inquiries|trails FILE.csv"),
                              entries, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return jhk_cli_usage_error ("%s", usage);
  if (g_str_equal (argv[1], "inquiries"))
    kind = JHK_INQUIRY_IMPORT_INQUIRIES;
  else if (g_str_equal (argv[1], "trails"))
    kind = JHK_INQUIRY_IMPORT_TRAILS;
  else
    return jhk_cli_usage_error ("%s", usage);
  if (encoding_name != NULL)
    {
      if (g_ascii_strcasecmp (encoding_name, "utf-8") == 0 ||
          g_ascii_strcasecmp (encoding_name, "utf8") == 0)
        encoding = "UTF-8";
      else if (g_ascii_strcasecmp (encoding_name, "cp932") == 0 ||
               g_ascii_strcasecmp (encoding_name, "shift_jis") == 0 ||
               g_ascii_strcasecmp (encoding_name, "sjis") == 0)
        encoding = "CP932";
      else
        return jhk_cli_usage_error (_("--encoding is utf-8 or cp932."));
    }
  progress.path = argv[2];
  if ((status = jhk_cli_run_login (&run)) != JHK_CLI_OK)
    return status;

  report = jhk_inquiry_import_file (run.db, run.session, kind, progress.path, encoding, dry_run,
                                    progress_flag || isatty (STDERR_FILENO) ? show_progress : NULL,
                                    &progress, NULL, &error);
  if (progress.shown)
    g_printerr ("\n");
  if (report == NULL)
    {
      g_printerr ("jhkctl: %s: %s\n", progress.path, error->message);
      return JHK_CLI_RULE_ERROR;
    }
  if (context->json)
    print_import_json (report, argv[1], dry_run);
  if (report->errors != NULL && report->errors->len > 0)
    {
      for (guint i = 0; i < report->errors->len; i++)
        {
          const JhkImportError *e = g_ptr_array_index (report->errors, i);

          if (e->column != NULL)
            g_printerr ("%s:%u: %s: %s\n", progress.path, e->line, e->column, e->message);
          else
            g_printerr ("%s:%u: %s\n", progress.path, e->line, e->message);
        }
      g_printerr (ngettext ("jhkctl: Nothing was imported: %u error.\n",
                            "jhkctl: Nothing was imported: %u errors.\n", report->errors->len),
                  report->errors->len);
      return JHK_CLI_RULE_ERROR;
    }
  if (context->json)
    return JHK_CLI_OK;
  g_print (_("%s: read %u, imported %u, already present %u, flagged %u (%s)\n"), progress.path,
           report->n_read, report->n_imported, report->n_present, report->n_flagged,
           jhk_cli_or_dash (report->encoding));
  if (dry_run)
    g_print (_("Nothing was written (--dry-run).\n"));
  return JHK_CLI_OK;
}

/* inquiry list / show ----------------------------------------------------------- */

static const JhkCliColumn record_columns[] = {
  { "source_no", 's' }, { "at", 'j' }, { "period", 's' }, { "office_id", 'i' },
  { "office", 's' }, { "staff_id", 'i' }, { "staff_no", 's' }, { "inquirer_name", 's' },
  { "section", 's' }, { "kind", 's' }, { "reason", 's' }, { "case_no", 's' },
  { "content", 's' }, { "terminal", 's' }, { "flags", 'i' }, { "confirm_state", 's' },
  { "check_state", 's' }, { "resolution", 's' }, { "done", 'b' }, { "overdue", 'b' },
  { NULL, 0 }
};

/* The record's step as one word: where it stands. */
static const char *
record_state (const char *confirm,
              const char *check,
              const char *resolution,
              gboolean    done)
{
  if (resolution != NULL && *resolution != '\0')
    return label_or (jhk_inquiry_resolution_label (resolution), resolution);
  if (check != NULL && g_strcmp0 (check, "pending") != 0)
    return label_or (jhk_inquiry_check_state_label (check), check);
  if (done)
    return _("done");
  return label_or (jhk_inquiry_confirm_state_label (confirm), confirm);
}

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *scope_name = NULL, *office = NULL, *period = NULL, *stage = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  gboolean flagged = FALSE, disputed = FALSE, overdue = FALSE;
  JhkInquiryFilter filter = { 0 };
  JhkInquiriesScope scope = JHK_INQUIRIES_MINE;
  int limit = 0;
  guint n;
  int status;
  GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_name,
      N_("mine (your inquiries), check (your 係’s, to check), office (your offices’) or all "
         "(default: the widest you have)"), "SCOPE" },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Only this office’s records"), "CODE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Only this month’s records"), "YYYY-MM" },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage,
      N_("confirm, check, resolve (waiting for that step), open or done"), "STAGE" },
    { "flagged", 0, 0, G_OPTION_ARG_NONE, &flagged, N_("Only records screening flagged"), NULL },
    { "disputed", 0, 0, G_OPTION_ARG_NONE, &disputed, N_("Only records disputed (相違あり)"),
      NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only overdue records"), NULL },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text,
      N_("Only records with this text (number, name, content, reason, case, terminal)"), "TEXT" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Print at most N records"), "N" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (
      _("Usage: jhkctl inquiry list [--scope mine|check|office|all] [--office CODE] "
        "[--period YYYY-MM] [--stage confirm|check|resolve|open|done] [--flagged] [--disputed] "
        "[--overdue] [--text TEXT] [--limit N]"));
  if (period != NULL && !period_is_valid (period))
    return jhk_cli_usage_error (_("--period is a month, YYYY-MM."));
  if (limit < 0)
    return jhk_cli_usage_error (_("--limit is 0 or more."));
  if (stage == NULL)
    filter.stage = JHK_INQUIRY_STAGE_ANY;
  else if (g_str_equal (stage, "confirm"))
    filter.stage = JHK_INQUIRY_STAGE_TO_CONFIRM;
  else if (g_str_equal (stage, "check"))
    filter.stage = JHK_INQUIRY_STAGE_TO_CHECK;
  else if (g_str_equal (stage, "resolve"))
    filter.stage = JHK_INQUIRY_STAGE_TO_RESOLVE;
  else if (g_str_equal (stage, "open"))
    filter.stage = JHK_INQUIRY_STAGE_OPEN;
  else if (g_str_equal (stage, "done"))
    filter.stage = JHK_INQUIRY_STAGE_DONE;
  else
    return jhk_cli_usage_error (_("--stage is confirm, check, resolve, open or done."));
  if (scope_name != NULL)
    {
      if (g_str_equal (scope_name, "mine"))
        scope = JHK_INQUIRIES_MINE;
      else if (g_str_equal (scope_name, "check"))
        scope = JHK_INQUIRIES_TO_CHECK;
      else if (g_str_equal (scope_name, "office"))
        scope = JHK_INQUIRIES_OFFICE;
      else if (g_str_equal (scope_name, "all"))
        scope = JHK_INQUIRIES_ALL;
      else
        return jhk_cli_usage_error (_("--scope is mine, check, office or all."));
    }
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (scope_name == NULL)
    {
      /* The widest view the actor has: the one a manager opens on. */
      gboolean found = FALSE;

      for (int s = JHK_INQUIRIES_ALL; s >= JHK_INQUIRIES_MINE && !found; s--)
        if (jhk_inquiries_may_view_scope (run->session, s))
          {
            scope = s;
            found = TRUE;
          }
      if (!found)
        scope = JHK_INQUIRIES_MINE;
    }
  else if (!jhk_inquiries_may_view_scope (run->session, scope))
    {
      g_printerr (_("jhkctl: You have no inquiry records to see in the scope “%s”.\n"),
                  scope_name);
      return JHK_CLI_RULE_ERROR;
    }
  if (office != NULL && (filter.office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  filter.period = period;
  filter.disputed = disputed;
  filter.flags = flagged ? (1u << JHK_INQUIRY_N_FLAGS) - 1 : 0;
  filter.overdue = overdue;
  filter.text = text;

  model = jhk_inquiries_list_model (run->db, run->session, scope, &filter);
  if (model == NULL)
    {
      g_printerr (_("jhkctl: The inquiry records could not be listed.\n"));
      return JHK_CLI_RULE_ERROR;
    }
  if (run->context->json)
    {
      jhk_cli_print_model_json (model, record_columns, (guint) limit);
      return JHK_CLI_OK;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n && (limit == 0 || i < (guint) limit); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *at = jhk_cli_format_japan_text (jhk_row_get_by_name (row, "at"));
      g_autofree char *flags = flag_labels (
        (guint) g_ascii_strtoull (jhk_cli_or_dash (jhk_row_get_by_name (row, "flags")), NULL, 10));
      gboolean done = g_strcmp0 (jhk_row_get_by_name (row, "done"), "1") == 0;
      gboolean late = g_strcmp0 (jhk_row_get_by_name (row, "overdue"), "1") == 0;

      g_autofree char *source_no = jhk_cli_pad (jhk_row_get_by_name (row, "source_no"), 14);
      g_autofree char *staff_no = jhk_cli_pad (jhk_row_get_by_name (row, "staff_no"), 8);
      g_autofree char *name = jhk_cli_pad (jhk_row_get_by_name (row, "inquirer_name"), 12);
      g_autofree char *kind = jhk_cli_pad (jhk_row_get_by_name (row, "kind"), 14);

      g_print ("%-7" G_GINT64_FORMAT " %s %s %s %s %s %s%s", jhk_row_get_id (row), source_no, at,
               staff_no, name, kind,
               record_state (jhk_row_get_by_name (row, "confirm_state"),
                             jhk_row_get_by_name (row, "check_state"),
                             jhk_row_get_by_name (row, "resolution"), done),
               late ? _(" (overdue)") : "");
      if (*flags != '\0')
        g_print (" [%s]", flags);
      g_print ("\n");
    }
  if (limit > 0 && n > (guint) limit)
    g_print (_("… %u records in all.\n"), n);
  return JHK_CLI_OK;
}

static void
add_record (JsonBuilder            *builder,
            const JhkInquiryRecord *r)
{
  g_auto(GStrv) explanations = jhk_inquiry_record_explain (r);

  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", r->id);
  jhk_cli_json_add_string (builder, "source_no", r->source_no);
  {
    g_autofree char *at = jhk_cli_format_japan_time (r->at);
    jhk_cli_json_add_string (builder, "at", at);
  }
  jhk_cli_json_add_string (builder, "period", r->period);
  jhk_cli_json_add_string (builder, "office_code", r->office_code);
  jhk_cli_json_add_int (builder, "office_id", r->office_id);
  jhk_cli_json_add_string (builder, "office_name", r->office_name);
  jhk_cli_json_add_string (builder, "staff_no", r->staff_no);
  jhk_cli_json_add_int (builder, "staff_id", r->staff_id);
  jhk_cli_json_add_string (builder, "inquirer_name", r->inquirer_name);
  jhk_cli_json_add_int (builder, "section_id", r->section_id);
  jhk_cli_json_add_string (builder, "section_name", r->section_name);
  jhk_cli_json_add_string (builder, "kind", r->kind);
  jhk_cli_json_add_string (builder, "reason", r->reason);
  jhk_cli_json_add_string (builder, "case_no", r->case_no);
  jhk_cli_json_add_string (builder, "content", r->content);
  jhk_cli_json_add_string (builder, "terminal", r->terminal);
  jhk_cli_json_add_time (builder, "imported_at", r->imported_at);
  jhk_cli_json_add_int (builder, "flags", r->flags);
  json_builder_set_member_name (builder, "flag_labels");
  json_builder_begin_array (builder);
  for (guint bit = 0; bit < JHK_INQUIRY_N_FLAGS; bit++)
    if (r->flags & (1u << bit))
      json_builder_add_string_value (builder,
                                     label_or (jhk_inquiry_flag_label (1u << bit), NULL));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "explanations");
  json_builder_begin_array (builder);
  for (guint i = 0; explanations != NULL && explanations[i] != NULL; i++)
    json_builder_add_string_value (builder, explanations[i]);
  json_builder_end_array (builder);
  jhk_cli_json_add_string (builder, "confirm_state", r->confirm_state);
  jhk_cli_json_add_string (builder, "confirmed_by", r->confirmed_by_name);
  jhk_cli_json_add_time (builder, "confirmed_at", r->confirmed_at);
  jhk_cli_json_add_string (builder, "confirm_comment", r->confirm_comment);
  jhk_cli_json_add_string (builder, "check_state", r->check_state);
  jhk_cli_json_add_string (builder, "checked_by", r->checked_by_name);
  jhk_cli_json_add_time (builder, "checked_at", r->checked_at);
  jhk_cli_json_add_string (builder, "check_comment", r->check_comment);
  jhk_cli_json_add_string (builder, "resolution", r->resolution);
  jhk_cli_json_add_string (builder, "resolved_by", r->resolved_by_name);
  jhk_cli_json_add_time (builder, "resolved_at", r->resolved_at);
  jhk_cli_json_add_string (builder, "resolution_comment", r->resolution_comment);
  jhk_cli_json_add_bool (builder, "done", r->done);
  jhk_cli_json_add_bool (builder, "signed_off", r->signed_off);
  json_builder_end_object (builder);
}

/* One step of the check, when taken. */
static void
print_step (const char *label,
            const char *state,
            const char *who,
            gint64      at,
            const char *comment)
{
  g_autofree char *when = at != 0 ? jhk_format_time (at) : NULL;

  g_print ("%s: %s", label, state);
  if (when != NULL)
    g_print (_(" by %s at %s"), jhk_cli_or_dash (who), when);
  if (comment != NULL && *comment != '\0')
    g_print (" (%s)", comment);
  g_print ("\n");
}

static void
print_record (const JhkInquiryRecord *r)
{
  g_autofree char *at = jhk_cli_format_japan_time (r->at);
  g_autofree char *imported = r->imported_at != 0 ? jhk_format_time (r->imported_at) : NULL;
  g_auto(GStrv) explanations = jhk_inquiry_record_explain (r);

  g_print (_("Inquiry record %lld: %s at %s (%s)%s%s\n"), (long long) r->id,
           jhk_cli_or_dash (r->source_no), at, jhk_cli_or_dash (r->period),
           r->done ? _(", done") : "", r->signed_off ? _(", signed off") : "");
  g_print (_("Office: %s %s\n"), jhk_cli_or_dash (r->office_code),
           r->office_id != 0 ? jhk_cli_or_dash (r->office_name) : _("(unknown office)"));
  g_print (_("Inquirer: %s %s%s%s%s\n"), jhk_cli_or_dash (r->staff_no),
           jhk_cli_or_dash (r->inquirer_name), r->staff_id == 0 ? _(" (unknown staff)") : "",
           r->section_name != NULL && *r->section_name != '\0' ? ", " : "",
           r->section_name != NULL ? r->section_name : "");
  g_print (_("Kind: %s; terminal: %s\n"), jhk_cli_or_dash (r->kind), jhk_cli_or_dash (r->terminal));
  g_print (_("Reason: %s; case number: %s\n"), jhk_cli_or_dash (r->reason),
           jhk_cli_or_dash (r->case_no));
  g_print (_("Content: %s\n"), jhk_cli_or_dash (r->content));
  if (imported != NULL)
    g_print (_("Imported: %s\n"), imported);
  print_step (_("Inquirer’s confirmation"),
              label_or (jhk_inquiry_confirm_state_label (r->confirm_state), r->confirm_state),
              r->confirmed_by_name, r->confirmed_at, r->confirm_comment);
  print_step (_("Supervisor’s check"),
              label_or (jhk_inquiry_check_state_label (r->check_state), r->check_state),
              r->checked_by_name, r->checked_at, r->check_comment);
  if (r->resolution != NULL && *r->resolution != '\0')
    print_step (_("Operations manager"),
                label_or (jhk_inquiry_resolution_label (r->resolution), r->resolution),
                r->resolved_by_name, r->resolved_at, r->resolution_comment);
  if (r->flags != 0)
    {
      g_autofree char *labels = flag_labels (r->flags);

      g_print (_("Flags: %s\n"), labels);
      for (guint i = 0; explanations != NULL && explanations[i] != NULL; i++)
        g_print ("  - %s\n", explanations[i]);
    }
}

static int
cmd_show (JhkCliRun *run, int argc, char **argv)
{
  return jhk_cli_show_command (run, "inquiry show", _("Usage: jhkctl inquiry show ID"), argc, argv,
                               (JhkCliGetFunc) jhk_inquiries_get,
                               (GDestroyNotify) jhk_inquiry_record_free,
                               (JhkCliJsonAdd) add_record, (JhkCliPrintFunc) print_record);
}

/* inquiry confirm / check / resolve ------------------------------------------- */

typedef gboolean (*StepFunc) (JhkDb         *db,
                              JhkSession    *actor,
                              const gint64  *ids,
                              guint          n_ids,
                              gboolean       negative,
                              const char    *comment,
                              GError       **error);

/* The actor's records waiting for step 1 with an id from A to B. */
static GArray *
mine_in_range (JhkCliRun *run,
               gint64     from,
               gint64     to)
{
  JhkInquiryFilter filter = { .stage = JHK_INQUIRY_STAGE_TO_CONFIRM };
  g_autoptr(JhkQueryModel) model = jhk_inquiries_list_model (run->db, run->session,
                                                             JHK_INQUIRIES_MINE, &filter);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = jhk_row_get_id (row);

      if (id >= from && id <= to)
        g_array_append_val (ids, id);
    }
  return ids;
}

static int
step_done (JhkCliRun  *run,
           GArray     *ids,
           const char *state)
{
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "state", state);
      json_builder_set_member_name (builder, "ids");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ids->len; i++)
        json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (ngettext ("%u record: %s.\n", "%u records: %s.\n", ids->len), ids->len, state);
  return JHK_CLI_OK;
}

static int
cmd_confirm (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *range = NULL, *comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean dispute = FALSE;
  gint64 from = 0, to = 0;
  const char *usage = _("Usage: jhkctl inquiry confirm ID…|--range A-B [--dispute --comment TEXT]");
  int status;
  GOptionEntry entries[] = {
    { "range", 0, 0, G_OPTION_ARG_STRING, &range,
      N_("Every record of yours waiting for your confirmation with an ID from A to B"), "A-B" },
    { "dispute", 0, 0, G_OPTION_ARG_NONE, &dispute,
      N_("相違あり: it did not happen as recorded (needs --comment)"), NULL },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("What differs"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry confirm", N_("ID…"), entries, &argc, &argv, &status))
    return status;
  if ((range == NULL) == (argc < 2) || (range != NULL && !parse_range (range, &from, &to)) ||
      (dispute && comment == NULL))
    return jhk_cli_usage_error ("%s", usage);
  if (range == NULL && !parse_ids (argc, argv, &ids))
    return jhk_cli_usage_error ("%s", usage);
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (range != NULL)
    {
      ids = mine_in_range (run, from, to);
      if (ids->len == 0)
        {
          g_printerr (_("jhkctl: No record of yours waits for your confirmation with an ID "
                        "from %lld to %lld.\n"), (long long) from, (long long) to);
          return JHK_CLI_RULE_ERROR;
        }
    }
  if (!jhk_inquiries_confirm (run->db, run->session, (const gint64 *) ids->data, ids->len,
                              dispute, comment, &error))
    return jhk_cli_rule_error (error);
  return step_done (run, ids, dispute ? "disputed" : "confirmed");
}

/* check (--query) and resolve (--improper): IDs, a flag and a comment. */
static int
step_command (JhkCliRun   *run,
              int          argc,
              char       **argv,
              const char  *command,
              const char  *flag_name,
              const char  *flag_help,
              gboolean     comment_required,
              const char  *usage,
              StepFunc     func,
              const char  *positive,
              const char  *negative)
{
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean flag = FALSE;
  int status;
  GOptionEntry entries[] = {
    { flag_name, 0, 0, G_OPTION_ARG_NONE, &flag, flag_help, NULL },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The comment"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options (command, N_("ID…"), entries, &argc, &argv, &status))
    return status;
  if (argc < 2 || !parse_ids (argc, argv, &ids) ||
      ((comment_required || flag) && comment == NULL))
    return jhk_cli_usage_error ("%s", usage);
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (!func (run->db, run->session, (const gint64 *) ids->data, ids->len, flag, comment, &error))
    return jhk_cli_rule_error (error);
  return step_done (run, ids, flag ? negative : positive);
}

static int
cmd_check (JhkCliRun *run, int argc, char **argv)
{
  return step_command (run, argc, argv, "inquiry check", "query",
                       N_("要確認: the fact or purpose needs a closer look (needs --comment)"),
                       FALSE, _("Usage: jhkctl inquiry check ID… [--query --comment TEXT]"),
                       jhk_inquiries_check, "proper", "query");
}

static int
cmd_resolve (JhkCliRun *run, int argc, char **argv)
{
  return step_command (run, argc, argv, "inquiry resolve", "improper",
                       N_("不適正: the inquiry was not proper"), TRUE,
                       _("Usage: jhkctl inquiry resolve ID… [--improper] --comment TEXT"),
                       jhk_inquiries_resolve, "proper", "improper");
}

/* inquiry summary / sign-off / periods ------------------------------------------ */

static void
add_progress (JsonBuilder              *builder,
              const JhkInquiryProgress *p)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", p->id);
  jhk_cli_json_add_string (builder, "name", p->name);
  if (p->staff_no != NULL)
    jhk_cli_json_add_string (builder, "staff_no", p->staff_no);
  jhk_cli_json_add_int (builder, "total", p->total);
  jhk_cli_json_add_int (builder, "confirmed", p->confirmed);
  jhk_cli_json_add_int (builder, "checked", p->checked);
  jhk_cli_json_add_int (builder, "done", p->done);
  jhk_cli_json_add_int (builder, "disputed", p->disputed);
  jhk_cli_json_add_int (builder, "queried", p->queried);
  jhk_cli_json_add_int (builder, "flagged", p->flagged);
  jhk_cli_json_add_int (builder, "overdue", p->overdue);
  json_builder_end_object (builder);
}

static void
add_progress_list (JsonBuilder *builder,
                   const char  *name,
                   GPtrArray   *list)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; list != NULL && i < list->len; i++)
    add_progress (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
}

static void
add_summary (JsonBuilder             *builder,
             const JhkInquirySummary *s)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "office_id", s->office_id);
  jhk_cli_json_add_string (builder, "office_name", s->office_name);
  jhk_cli_json_add_string (builder, "period", s->period);
  json_builder_set_member_name (builder, "total");
  add_progress (builder, &s->total);
  add_progress_list (builder, "sections", s->sections);
  add_progress_list (builder, "officers", s->officers);
  json_builder_set_member_name (builder, "daily");
  json_builder_begin_array (builder);
  for (guint d = 0; s->daily != NULL && d < s->n_days; d++)
    json_builder_add_int_value (builder, s->daily[d]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "daily_flagged");
  json_builder_begin_array (builder);
  for (guint d = 0; s->daily_flagged != NULL && d < s->n_days; d++)
    json_builder_add_int_value (builder, s->daily_flagged[d]);
  json_builder_end_array (builder);
  jhk_cli_json_add_time (builder, "signed_off_at", s->signed_off_at);
  jhk_cli_json_add_string (builder, "signed_off_by", s->signed_off_by_name);
  jhk_cli_json_add_string (builder, "sign_off_comment", s->sign_off_comment);
  json_builder_end_object (builder);
}

static void
print_progress_row (const JhkInquiryProgress *p,
                    gboolean                  officer)
{
  g_autofree char *text = officer ? g_strdup_printf ("%s %s", jhk_cli_or_dash (p->staff_no),
                                                     jhk_cli_or_dash (p->name))
                                  : g_strdup (jhk_cli_or_dash (p->name));
  g_autofree char *name = jhk_cli_pad (text, 24);

  g_print ("  %s %6u %6u %6u %6u %6u %6u %6u %6u\n", name, p->total, p->confirmed, p->checked,
           p->done, p->disputed, p->queried, p->flagged, p->overdue);
}

static void
print_summary (const JhkInquirySummary *s)
{
  g_print (_("%s, %s: %u records, %u done.\n"), jhk_cli_or_dash (s->office_name),
           jhk_cli_or_dash (s->period), s->total.total, s->total.done);
  if (s->signed_off_at != 0)
    {
      g_autofree char *when = jhk_format_time (s->signed_off_at);

      g_print (_("Signed off by %s at %s"), jhk_cli_or_dash (s->signed_off_by_name), when);
      if (s->sign_off_comment != NULL && *s->sign_off_comment != '\0')
        g_print (" (%s)", s->sign_off_comment);
      g_print ("\n");
    }
  else
    g_print (_("Not signed off.\n"));
  g_print ("  %24s %6s %6s %6s %6s %6s %6s %6s %6s\n", "", C_("inquiry summary", "total"),
           C_("inquiry summary", "conf."), C_("inquiry summary", "check."),
           C_("inquiry summary", "done"), C_("inquiry summary", "disp."),
           C_("inquiry summary", "query"), C_("inquiry summary", "flag."),
           C_("inquiry summary", "late"));
  print_progress_row (&s->total, FALSE);
  if (s->sections != NULL && s->sections->len > 0)
    {
      g_print (_("By section:\n"));
      for (guint i = 0; i < s->sections->len; i++)
        print_progress_row (g_ptr_array_index (s->sections, i), FALSE);
    }
  if (s->officers != NULL && s->officers->len > 0)
    {
      g_print (_("By officer:\n"));
      for (guint i = 0; i < s->officers->len; i++)
        print_progress_row (g_ptr_array_index (s->officers, i), TRUE);
    }
  if (s->daily != NULL && s->n_days > 0)
    {
      g_print (_("By day (flagged):"));
      for (guint d = 0; d < s->n_days; d++)
        if (s->daily[d] > 0)
          g_print (" %u:%u(%u)", d + 1, s->daily[d],
                   s->daily_flagged != NULL ? s->daily_flagged[d] : 0);
      g_print ("\n");
    }
}

static int
cmd_summary (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL, *period = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquirySummary) summary = NULL;
  const char *usage = _("Usage: jhkctl inquiry summary --office CODE --period YYYY-MM");
  gint64 office_id;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The office"), "CODE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month"), "YYYY-MM" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry summary", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error ("%s", usage);
  if ((status = office_and_period (run, office, period, usage, &office_id)) != JHK_CLI_OK)
    return status;
  summary = jhk_inquiries_summary (run->db, run->session, office_id, period, &error);
  if (summary == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_item (summary, (JhkCliJsonAdd) add_summary);
  else
    print_summary (summary);
  return JHK_CLI_OK;
}

static int
cmd_sign_off (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL, *period = NULL, *comment = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("Usage: jhkctl inquiry sign-off --office CODE --period YYYY-MM "
                        "[--comment TEXT]");
  gint64 office_id;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The office"), "CODE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month"), "YYYY-MM" },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The 運用管理者’s comment"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry sign-off", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error ("%s", usage);
  if ((status = office_and_period (run, office, period, usage, &office_id)) != JHK_CLI_OK)
    return status;
  if (!jhk_inquiries_sign_off (run->db, run->session, office_id, period,
                               comment != NULL ? comment : "", &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "office_id", office_id);
      jhk_cli_json_add_string (builder, "period", period);
      jhk_cli_json_add_string (builder, "state", "signed_off");
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (_("Signed off %s for %s.\n"), office, period);
  return JHK_CLI_OK;
}

static int
cmd_periods (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) periods = NULL;
  gint64 office_id;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The office"), "CODE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry periods", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || office == NULL)
    return jhk_cli_usage_error (_("Usage: jhkctl inquiry periods --office CODE"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if ((office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  periods = jhk_inquiries_periods (run->db, run->session, office_id, &error);
  if (periods == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; periods[i] != NULL; i++)
        json_builder_add_string_value (builder, periods[i]);
      json_builder_end_array (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    for (guint i = 0; periods[i] != NULL; i++)
      g_print ("%s\n", periods[i]);
  return JHK_CLI_OK;
}

/* inquiry sheet ------------------------------------------------------------------ */

/* --storage: a place's id, or the name of a current place of the office. */
static gint64
find_storage_place (JhkDb      *db,
                    gint64      office_id,
                    const char *text)
{
  gint64 id = 0;

  if (jhk_cli_parse_id (text, &id))
    return id;
  if (!jhk_db_query_int64 (db, &id, NULL,
                           "SELECT id FROM storage_places WHERE org_unit_id = ? AND name = ?",
                           JHK_I (office_id), JHK_T (text), JHK_DB_END))
    id = 0;
  if (id == 0)
    g_printerr (_("jhkctl: The office has no storage place named “%s”.\n"), text);
  return id;
}

static int
cmd_sheet (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL, *period = NULL, *output = NULL, *storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquirySheet) sheet = NULL;
  gboolean do_register = FALSE;
  gint64 office_id, place = 0, material = 0;
  int copies = 1;
  const char *usage = _("Usage: jhkctl inquiry sheet --office CODE --period YYYY-MM -o FILE.pdf "
                        "[--register --storage PLACE [--copies N]]");
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("The office"), "CODE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month"), "YYYY-MM" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), "FILE" },
    { "register", 0, 0, G_OPTION_ARG_NONE, &do_register,
      N_("Register the printed sheet as an output material of the office’s ledger (R14-7)"),
      NULL },
    { "storage", 0, 0, G_OPTION_ARG_STRING, &storage,
      N_("With --register: the locked storage place, its name or ID"), "PLACE" },
    { "copies", 0, 0, G_OPTION_ARG_INT, &copies, N_("With --register: copies printed"), "N" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry sheet", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || output == NULL || do_register != (storage != NULL) || copies < 1)
    return jhk_cli_usage_error ("%s", usage);
  if ((status = office_and_period (run, office, period, usage, &office_id)) != JHK_CLI_OK)
    return status;
  if (do_register && (place = find_storage_place (run->db, office_id, storage)) == 0)
    return JHK_CLI_RULE_ERROR;
  sheet = jhk_inquiry_sheet_load (run->db, run->session, office_id, period, &error);
  if (sheet == NULL || !jhk_inquiry_sheet_write_pdf (sheet, output, &error))
    return jhk_cli_rule_error (error);
  if (do_register)
    {
      material = jhk_inquiries_register_sheet (run->db, run->session, office_id, period, place,
                                               copies, &error);
      if (material == 0)
        {
          /* Exit status 1: nothing was made. */
          g_unlink (output);
          return jhk_cli_rule_error (error);
        }
    }
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "file", output);
      jhk_cli_json_add_int (builder, "pages", jhk_inquiry_sheet_get_n_pages (sheet));
      jhk_cli_json_add_id (builder, "material_id", material);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
      return JHK_CLI_OK;
    }
  g_print (_("Wrote the check sheet of %s for %s (%u pages) to %s.\n"), office, period,
           jhk_inquiry_sheet_get_n_pages (sheet), output);
  if (material != 0)
    g_print (_("Registered it as material %lld.\n"), (long long) material);
  return JHK_CLI_OK;
}

/* inquiry purge / rescreen -------------------------------------------------------- */

static int
cmd_purge (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  gint64 office_id = 0;
  guint records = 0, trails = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office,
      N_("Only this office’s records and trails (default: every office’s)"), "CODE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquiry purge", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl inquiry purge [--office CODE]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  if (!jhk_inquiries_purge (run->db, run->session, office_id, &records, &trails, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_ints ("records", (gint64) records, "trails", (gint64) trails, NULL);
  else
    g_print (_("Purged %u inquiry records and %u access trails older than the retention "
               "period.\n"), records, trails);
  return JHK_CLI_OK;
}

static int
cmd_rescreen (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  guint flagged = 0;
  int status;

  if (!jhk_cli_parse_options ("inquiry rescreen", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl inquiry rescreen"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (!jhk_inquiry_rescreen (run->db, run->session, &flagged, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_ints ("flagged", (gint64) flagged, NULL);
  else
    g_print (_("Screened every record again: %u flagged.\n"), flagged);
  return JHK_CLI_OK;
}

int
jhk_cli_inquiry (JhkCliContext *context,
                 int            argc,
                 char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "show", cmd_show },
    { "confirm", cmd_confirm },
    { "check", cmd_check },
    { "resolve", cmd_resolve },
    { "summary", cmd_summary },
    { "sign-off", cmd_sign_off },
    { "sheet", cmd_sheet },
    { "purge", cmd_purge },
    { "rescreen", cmd_rescreen },
    { "periods", cmd_periods },
  };

  return jhk_cli_dispatch (
    context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
    _("inquiry needs a subcommand: list, show, confirm, check, resolve, summary, sign-off, "
      "sheet, purge, rescreen or periods."),
    _("Unknown inquiry subcommand “%s”."));
}

/* inquirer (R14-1) ------------------------------------------------------------------ */

static void
add_scope (JsonBuilder            *builder,
           const JhkInquirerScope *s)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", s->id);
  jhk_cli_json_add_int (builder, "staff_id", s->staff_id);
  jhk_cli_json_add_string (builder, "staff_no", s->staff_no);
  jhk_cli_json_add_string (builder, "staff_name", s->staff_name);
  jhk_cli_json_add_string (builder, "office_name", s->office_name);
  jhk_cli_json_add_string (builder, "kind", s->kind);
  jhk_cli_json_add_string (builder, "valid_from", s->valid_from);
  jhk_cli_json_add_string (builder, "valid_to", s->valid_to);
  json_builder_end_object (builder);
}

static int
cmd_inquirer_list (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean history = FALSE;
  gint64 office_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Only this office’s inquirers"), "CODE" },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("Ended rows too"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquirer list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl inquirer list [--office CODE] [--history]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  list = jhk_inquirers_list (run->db, run->session, office_id, history, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_scope);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkInquirerScope *s = g_ptr_array_index (list, i);

      g_autofree char *staff_no = jhk_cli_pad (s->staff_no, 8);
      g_autofree char *name = jhk_cli_pad (s->staff_name, 12);
      g_autofree char *office_name = jhk_cli_pad (s->office_name, 14);
      g_autofree char *kind = jhk_cli_pad (s->kind, 14);

      g_print ("%-5" G_GINT64_FORMAT " %s %s %s %s %s – %s\n", s->id, staff_no, name,
               office_name, kind, jhk_cli_or_dash (s->valid_from), s->valid_to != NULL ? s->valid_to : "");
    }
  return JHK_CLI_OK;
}

static int
cmd_inquirer_grant (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *from = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id, id;
  int status;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquirer grant", N_("STAFF_NO KIND"), entries, &argc, &argv,
                              &status))
    return status;
  if (argc != 3)
    return jhk_cli_usage_error (_("Usage: jhkctl inquirer grant STAFF_NO KIND [--from YYYY-MM-DD]"));
  if (from != NULL && !jhk_date_is_valid (from))
    return jhk_cli_usage_error (_("--from is a date, YYYY-MM-DD."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if ((staff_id = jhk_cli_find_staff (run->db, argv[1], &error)) == 0)
    return jhk_cli_rule_error (error);
  if (from == NULL)
    from = jhk_today ();
  id = jhk_inquirers_grant (run->db, run->session, staff_id, argv[2], from, &error);
  if (id == 0)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_ints ("id", id, NULL);
  else
    g_print (_("Registered %s for the inquiry kind “%s” from %s (%lld).\n"), argv[1], argv[2],
             from, (long long) id);
  return JHK_CLI_OK;
}

static int
cmd_inquirer_end (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("inquirer end", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id))
    return jhk_cli_usage_error (_("Usage: jhkctl inquirer end ID [--to YYYY-MM-DD]"));
  if (to != NULL && !jhk_date_is_valid (to))
    return jhk_cli_usage_error (_("--to is a date, YYYY-MM-DD."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (to == NULL)
    to = jhk_today ();
  if (!jhk_inquirers_end (run->db, run->session, id, to, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_ints ("id", id, NULL);
  else
    g_print (_("Ended the inquirer registration %lld on %s.\n"), (long long) id, to);
  return JHK_CLI_OK;
}

int
jhk_cli_inquirer (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_inquirer_list },
    { "grant", cmd_inquirer_grant },
    { "end", cmd_inquirer_end },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("inquirer needs a subcommand: list, grant or end."),
                           _("Unknown inquirer subcommand “%s”."));
}

/* holiday ----------------------------------------------------------------------------- */

static int
cmd_holiday_list (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int year = 0;
  int status;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("Only this year’s days"), "YYYY" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("holiday list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || year < 0 || year > 9999)
    return jhk_cli_usage_error (_("Usage: jhkctl holiday list [--year YYYY]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  list = jhk_holidays_list (run->db, year, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (list, i), "\t", 2);

          json_builder_begin_object (builder);
          jhk_cli_json_add_string (builder, "day", parts[0]);
          jhk_cli_json_add_string (builder, "name", parts[0] != NULL ? parts[1] : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      jhk_cli_print_json_built (builder);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *line = g_strdup (g_ptr_array_index (list, i));

      g_strdelimit (line, "\t", ' ');
      g_print ("%s\n", line);
    }
  return JHK_CLI_OK;
}

static int
cmd_holiday_add (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("holiday add", N_("YYYY-MM-DD NAME"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 3 || !jhk_date_is_valid (argv[1]))
    return jhk_cli_usage_error (_("Usage: jhkctl holiday add YYYY-MM-DD NAME"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (!jhk_holidays_add (run->db, run->session, argv[1], argv[2], &error))
    return jhk_cli_rule_error (error);
  if (!run->context->json)
    g_print (_("Added the holiday %s %s.\n"), argv[1], argv[2]);
  else
    g_print ("{\n  \"day\" : \"%s\"\n}\n", argv[1]);
  return JHK_CLI_OK;
}

static int
cmd_holiday_remove (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!jhk_cli_parse_options ("holiday remove", N_("YYYY-MM-DD"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_date_is_valid (argv[1]))
    return jhk_cli_usage_error (_("Usage: jhkctl holiday remove YYYY-MM-DD"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (!jhk_holidays_remove (run->db, run->session, argv[1], &error))
    return jhk_cli_rule_error (error);
  if (!run->context->json)
    g_print (_("Removed the holiday %s.\n"), argv[1]);
  else
    g_print ("{\n  \"day\" : \"%s\"\n}\n", argv[1]);
  return JHK_CLI_OK;
}

int
jhk_cli_holiday (JhkCliContext *context,
                 int            argc,
                 char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_holiday_list },
    { "add", cmd_holiday_add },
    { "remove", cmd_holiday_remove },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("holiday needs a subcommand: list, add or remove."),
                           _("Unknown holiday subcommand “%s”."));
}
