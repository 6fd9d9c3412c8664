/* jhk-cli-import.c: `jhkctl import materials FILE.csv [--dry-run]`
 * (`import inquiries|trails` are jhk-cli-inquiry.c's).
 *
 * Migrates a materials ledger kept in a spreadsheet (its CSV export, UTF-8
 * or CP932; the columns are listed in jhk-import.h and README.md). All
 * rows or none: on any error nothing is written and every error is listed
 * with its line and column. --dry-run checks everything the same way and
 * writes nothing. Exit status 0, 1 for errors in the file, 2 for usage.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-import.h"
#include "jhk-cli-inquiry.h"
#include "jhk-import.h"

static int
usage (const char *message)
{
  g_printerr ("jhkctl: %s\n", message);
  g_printerr (_("Run “jhkctl --help” for usage.\n"));
  return JHK_CLI_USAGE_ERROR;
}

static void
print_json_report (const JhkImportReport *report,
                   gboolean               dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, report->encoding != NULL ? report->encoding : "");
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, report->n_rows);
  json_builder_set_member_name (builder, "imported");
  json_builder_add_int_value (builder, report->n_imported);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->errors->len; i++)
    {
      const JhkImportError *error = g_ptr_array_index (report->errors, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, error->line);
      json_builder_set_member_name (builder, "column");
      if (error->column != NULL)
        json_builder_add_string_value (builder, error->column);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, error->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
jhk_cli_import (JhkCliContext *context,
                int            argc,
                char         **argv)
{
  g_autoptr(GOptionContext) options = g_option_context_new (_("materials FILE.csv"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkImportReport) report = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the whole file without writing anything"), NULL },
    { NULL }
  };
  JhkDb *db = NULL;
  JhkSession *session = NULL;
  const char *path;
  int status;

  /* Inquiry records and access trails have their own command
   * (jhk-cli-inquiry.c). */
  if (jhk_cli_import_is_inquiries (argc, argv))
    return jhk_cli_import_inquiries (context, argc, argv);

  g_option_context_set_summary (options, _("jhkctl import materials: migrate a materials ledger "
                                           "kept in a spreadsheet (CSV, UTF-8 or CP932), all "
                                           "rows or none"));
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return usage (error->message);
  if (argc < 2 || g_strcmp0 (argv[1], "materials") != 0)
    return usage (_("What to import: “jhkctl import materials|inquiries|trails FILE.csv”."));
  if (argc != 3)
    return usage (_("Name one CSV file: “jhkctl import materials FILE.csv”."));
  path = argv[2];

  if ((status = context->login (context->data, &db, &session)) != JHK_CLI_OK)
    return status;

  report = jhk_import_materials_file (db, session, path, dry_run, &error);
  if (report == NULL)
    {
      g_printerr ("jhkctl: %s: %s\n", path, error->message);
      return JHK_CLI_RULE_ERROR;
    }
  if (context->json)
    print_json_report (report, dry_run);

  if (report->errors->len > 0)
    {
      for (guint i = 0; i < report->errors->len; i++)
        {
          const JhkImportError *e = g_ptr_array_index (report->errors, i);

          if (e->column != NULL)
            g_printerr (_("jhkctl: %s: line %u, column %s: %s\n"), path, e->line, e->column,
                        e->message);
          else
            g_printerr (_("jhkctl: %s: line %u: %s\n"), path, e->line, e->message);
        }
      g_printerr (ngettext ("jhkctl: Nothing was imported: %u error.\n",
                            "jhkctl: Nothing was imported: %u errors.\n", report->errors->len),
                  report->errors->len);
      return JHK_CLI_RULE_ERROR;
    }
  if (context->json)
    return JHK_CLI_OK;
  if (dry_run)
    g_print (ngettext ("%s (%s): %u row checked, no errors. Nothing was written (--dry-run).\n",
                       "%s (%s): %u rows checked, no errors. Nothing was written (--dry-run).\n",
                       report->n_rows),
             path, report->encoding, report->n_rows);
  else
    g_print (ngettext ("%s (%s): imported %u material.\n",
                       "%s (%s): imported %u materials.\n", report->n_imported),
             path, report->encoding, report->n_imported);
  return JHK_CLI_OK;
}
