/* jhk-cli-transfer.c: jhkctl delivery … (the registers of R17-5) and
 * jhkctl transfer … (R17-4, R17-5, R17-8, R17-9), issue 4.
 *
 * Every write goes through jhk-delivery.h, so each rule and audit entry
 * applies. The password of an encrypted transfer is printed once, on
 * standard output, for the transfer officer; it is kept only in the
 * keyring.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-transfer.h"
#include "jhk-cli-util.h"
#include "jhk-delivery.h"
#include "jhk-org.h"
#include "jhk-pdf-encrypt.h"
#include "jhk-policy.h"
#include "jhk-settings.h"

/* delivery ----------------------------------------------------------------- */

static int
delivery_list (JhkCliRun  *run,
               const char *kind,
               int         argc,
               char      **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean all = FALSE;
  gint64 office_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Retired entries too"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("delivery list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl delivery KIND list [--office CODE] [--all]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  list = jhk_delivery_list_register (run->db, run->session, office_id, kind, all, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < list->len; i++)
        {
          JhkDeliveryEntry *e = g_ptr_array_index (list, i);

          json_builder_begin_object (builder);
          jhk_cli_json_add_int (builder, "id", e->id);
          jhk_cli_json_add_string (builder, "kind", e->kind);
          jhk_cli_json_add_string (builder, "office_name", e->office_name);
          jhk_cli_json_add_string (builder, "business", e->business_code);
          jhk_cli_json_add_string (builder, "staff_no", e->staff_no);
          jhk_cli_json_add_string (builder, "staff_name", e->staff_name);
          jhk_cli_json_add_string (builder, "name", e->name);
          jhk_cli_json_add_string (builder, "address", e->address);
          jhk_cli_json_add_string (builder, "tested_on", e->tested_on);
          if (e->officers != NULL)
            {
              json_builder_set_member_name (builder, "officers");
              json_builder_begin_array (builder);
              for (guint j = 0; j < e->officers->len; j++)
                json_builder_add_int_value (builder, g_array_index (e->officers, gint64, j));
              json_builder_end_array (builder);
            }
          jhk_cli_json_add_string (builder, "valid_from", e->valid_from);
          jhk_cli_json_add_string (builder, "valid_to", e->valid_to);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      jhk_cli_print_json_built (builder);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      JhkDeliveryEntry *e = g_ptr_array_index (list, i);

      if (g_str_equal (e->kind, "officer"))
        g_print ("%-6" G_GINT64_FORMAT " %-8s %s %s %s %s\n", e->id, e->kind, e->office_name,
                 e->business_code, e->staff_no, e->staff_name);
      else
        g_print ("%-6" G_GINT64_FORMAT " %-8s %s %s %s %s %s\n", e->id, e->kind,
                 e->office_name, jhk_cli_or_dash (e->business_code), e->name, jhk_cli_or_dash (e->address),
                 jhk_cli_or_dash (e->tested_on));
    }
  return JHK_CLI_OK;
}

static int
delivery_add (JhkCliRun  *run,
              const char *kind,
              int         argc,
              char      **argv)
{
  g_autofree char *office = NULL;
  g_autofree char *business = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *tested = NULL;
  g_auto(GStrv) officer_nos = NULL;
  g_autoptr(GArray) officers = g_array_new (TRUE, TRUE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 office_id, business_id = 0, id;
  gboolean is_officer = g_str_equal (kind, "officer");
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { "business", 0, 0, G_OPTION_ARG_STRING, &business, N_("Code of the business"), "CODE" },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("Staff number of the officer"), "NO" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the entry"), "TEXT" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address,
      N_("Folder path, e-mail address or fax number"), "TEXT" },
    { "officer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &officer_nos,
      N_("A transfer officer allowed into the folder (repeat)"), "NO" },
    { "tested", 0, 0, G_OPTION_ARG_STRING, &tested, N_("Date of the test transmission"),
      "YYYY-MM-DD" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("delivery add", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || office == NULL || (is_officer && (business == NULL || staff == NULL)) ||
      (!is_officer && name == NULL))
    return jhk_cli_usage_error (
      _("Usage: jhkctl delivery officer add --office CODE --business CODE --staff NO\n"
        "       jhkctl delivery terminal|folder|email|fax add --office CODE --name TEXT "
        "[--address TEXT] [--business CODE --officer NO…] [--tested YYYY-MM-DD]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if ((office_id = jhk_cli_find_office (run->db, office, &error)) == 0 ||
      (business != NULL &&
       (business_id = jhk_cli_find_business (run->db, business, &error)) == 0))
    return jhk_cli_rule_error (error);
  if (is_officer)
    {
      gint64 staff_id = jhk_cli_find_staff (run->db, staff, &error);

      if (staff_id == 0)
        return jhk_cli_rule_error (error);
      id = jhk_delivery_add_officer (run->db, run->session, office_id, business_id, staff_id,
                                     &error);
    }
  else
    {
      for (guint i = 0; officer_nos != NULL && officer_nos[i] != NULL; i++)
        {
          gint64 staff_id = jhk_cli_find_staff (run->db, officer_nos[i], &error);

          if (staff_id == 0)
            return jhk_cli_rule_error (error);
          g_array_append_val (officers, staff_id);
        }
      id = jhk_delivery_add_channel (run->db, run->session, &(JhkDeliveryChannelSpec) {
          .org_unit_id = office_id, .kind = kind, .business_id = business_id, .name = name,
          .address = address != NULL ? address : "", .tested_on = tested,
          .officers = (const gint64 *) officers->data }, &error);
    }
  if (id == 0)
    return jhk_cli_rule_error (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return JHK_CLI_OK;
}

static int
delivery_by_id (JhkCliRun  *run,
                const char *kind,
                const char *verb,
                int         argc,
                char      **argv)
{
  g_autofree char *on = NULL;
  g_autoptr(GError) error = NULL;
  gboolean test = g_str_equal (verb, "test");
  gboolean ok;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Date (default today)"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("delivery", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || (test && g_str_equal (kind, "officer")))
    return jhk_cli_usage_error (_("Usage: jhkctl delivery KIND retire ID\n"
                                  "       jhkctl delivery terminal|folder|email|fax test ID "
                                  "[--on YYYY-MM-DD]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (test)
    {
      g_autofree char *today = jhk_today ();

      ok = jhk_delivery_record_test (run->db, run->session, id, on != NULL ? on : today, &error);
    }
  else if (g_str_equal (kind, "officer"))
    ok = jhk_delivery_retire_officer (run->db, run->session, id, &error);
  else
    ok = jhk_delivery_retire_channel (run->db, run->session, id, &error);
  return ok ? JHK_CLI_OK : jhk_cli_rule_error (error);
}

int
jhk_cli_delivery (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const char *const kinds[] = { "officer", "terminal", "folder", "email", "fax", NULL };
  JhkCliRun run = { context, NULL, NULL };

  if (argc < 3 || !g_strv_contains (kinds, argv[1]))
    return jhk_cli_usage_error (
      _("Usage: jhkctl delivery officer|terminal|folder|email|fax add|list|retire|test …"));
  if (g_str_equal (argv[2], "list"))
    return delivery_list (&run, argv[1], argc - 2, argv + 2);
  if (g_str_equal (argv[2], "add"))
    return delivery_add (&run, argv[1], argc - 2, argv + 2);
  if (g_str_equal (argv[2], "retire") || g_str_equal (argv[2], "test"))
    return delivery_by_id (&run, argv[1], argv[2], argc - 2, argv + 2);
  return jhk_cli_usage_error (_("Unknown delivery subcommand “%s”."), argv[2]);
}

/* transfer ----------------------------------------------------------------- */

static void
add_transfer (JsonBuilder             *builder,
              const JhkTransferRecord *r)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", r->id);
  jhk_cli_json_add_int (builder, "material_id", r->material_id);
  jhk_cli_json_add_string (builder, "material_name", r->material_name);
  jhk_cli_json_add_string (builder, "from_office_name", r->from_office_name);
  jhk_cli_json_add_string (builder, "to_office_name", r->to_office_name);
  jhk_cli_json_add_string (builder, "recipient", r->recipient);
  jhk_cli_json_add_string (builder, "business", r->business_code);
  jhk_cli_json_add_string (builder, "method", r->method);
  jhk_cli_json_add_string (builder, "sent_on", r->sent_on);
  jhk_cli_json_add_int (builder, "quantity", r->quantity);
  jhk_cli_json_add_string (builder, "officer", r->officer_staff_no);
  jhk_cli_json_add_string (builder, "officer_name", r->officer_name);
  jhk_cli_json_add_string (builder, "purpose", r->purpose);
  jhk_cli_json_add_string (builder, "summary", r->summary);
  if (r->channel_id != 0)
    jhk_cli_json_add_int (builder, "channel_id", r->channel_id);
  if (r->terminal_id != 0)
    jhk_cli_json_add_int (builder, "terminal_id", r->terminal_id);
  jhk_cli_json_add_string (builder, "approved_by_name", r->approved_by_name);
  jhk_cli_json_add_string (builder, "fax_reason", r->fax_reason);
  jhk_cli_json_add_string (builder, "file_sha256", r->file_sha256);
  jhk_cli_json_add_string (builder, "deleted_on", r->deleted_on);
  jhk_cli_json_add_string (builder, "confirmed_on", r->confirmed_on);
  jhk_cli_json_add_string (builder, "confirmed_by_name", r->confirmed_by_name);
  if (r->received_material_id != 0)
    jhk_cli_json_add_int (builder, "received_material_id", r->received_material_id);
  jhk_cli_json_add_string (builder, "received_on", r->received_on);
  jhk_cli_json_add_bool (builder, "waits_confirmation", r->waits_confirmation);
  jhk_cli_json_add_bool (builder, "waits_deletion", r->waits_deletion);
  jhk_cli_json_add_bool (builder, "waits_receipt", r->waits_receipt);
  json_builder_end_object (builder);
}

static void
print_transfer_line (const JhkTransferRecord *r)
{
  g_print ("%-6" G_GINT64_FORMAT " %s %-12s %s → %s %" G_GINT64_FORMAT " %s%s%s%s\n", r->id,
           r->sent_on, r->method, r->material_name,
           r->to_office_name != NULL ? r->to_office_name : r->recipient, r->quantity,
           r->officer_name, r->waits_confirmation ? " [confirmation]" : "",
           r->waits_deletion ? " [deletion]" : "", r->waits_receipt ? " [receipt]" : "");
}

static int
transfer_send (JhkCliRun  *run,
               int         argc,
               char      **argv)
{
  g_autofree char *method = NULL, *officer = NULL, *to = NULL, *recipient = NULL;
  g_autofree char *on = NULL, *purpose = NULL, *approved = NULL, *fax_reason = NULL;
  g_autofree char *fax_text = NULL, *note = NULL, *file = NULL, *output = NULL;
  g_autofree char *today = jhk_today ();
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gint64 material, channel = 0, terminal = 0, id;
  int quantity = 1, status;
  JhkTransferSpec spec = { 0 };
  GOptionEntry entries[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("courier, carried, file_server, email, fax, registered_mail or contractor"), "METHOD" },
    { "officer", 0, 0, G_OPTION_ARG_STRING, &officer, N_("Staff number of the transfer officer"),
      "NO" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Code of the receiving office"), "CODE" },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &recipient, N_("To whom"), "TEXT" },
    { "quantity", 0, 0, G_OPTION_ARG_INT, &quantity, N_("Quantity (default 1)"), "N" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Date (default today)"), "YYYY-MM-DD" },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose, N_("Purpose of the transfer"), "TEXT" },
    { "channel", 0, 0, G_OPTION_ARG_INT64, &channel,
      N_("Registered folder, e-mail address or fax number"), "ID" },
    { "terminal", 0, 0, G_OPTION_ARG_INT64, &terminal, N_("Designated terminal"), "ID" },
    { "approved-by", 0, 0, G_OPTION_ARG_STRING, &approved,
      N_("Staff number of the general supervisor who approved it"), "NO" },
    { "fax-reason", 0, 0, G_OPTION_ARG_STRING, &fax_reason,
      N_("inquiry_record or urgent_serious_crime"), "REASON" },
    { "fax-reason-text", 0, 0, G_OPTION_ARG_STRING, &fax_text, N_("Why the fax"), "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), "TEXT" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("PDF file to send"), "FILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("transfer send", N_("MATERIAL"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &material) || method == NULL || officer == NULL ||
      (file == NULL) != (output == NULL))
    return jhk_cli_usage_error (
      _("Usage: jhkctl transfer send MATERIAL --method METHOD --officer NO "
        "[--to CODE | --recipient TEXT] [--channel ID] [--terminal ID] [--file X.pdf -o OUT.pdf] "
        "[--quantity N] [--on YYYY-MM-DD] [--approved-by NO] [--fax-reason REASON]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  spec.material_id = material;
  spec.method = method;
  spec.sent_on = on != NULL ? on : today;
  spec.quantity = quantity;
  spec.recipient = recipient;
  spec.purpose = purpose;
  spec.channel_id = channel;
  spec.terminal_id = terminal;
  spec.fax_reason = fax_reason;
  spec.fax_reason_text = fax_text;
  spec.note = note;
  spec.file = file;
  spec.out_file = output;
  if ((spec.officer_staff_id = jhk_cli_find_staff (run->db, officer, &error)) == 0 ||
      (to != NULL && (spec.to_office_id = jhk_cli_find_office (run->db, to, &error)) == 0) ||
      (approved != NULL &&
       (spec.approved_by = jhk_cli_find_staff (run->db, approved, &error)) == 0))
    return jhk_cli_rule_error (error);
  id = jhk_delivery_send (run->db, run->session, &spec, &password, &error);
  if (id == 0)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "id", id);
      if (password != NULL)
        jhk_cli_json_add_string (builder, "password", password);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    {
      g_print ("%" G_GINT64_FORMAT "\n", id);
      if (password != NULL)
        g_print (_("Password of %s (shown once; give it only to the transfer officers): %s\n"),
                 output, password);
    }
  jhk_pdf_password_free (password);
  return JHK_CLI_OK;
}

static int
transfer_by_id (JhkCliRun  *run,
                const char *verb,
                int         argc,
                char      **argv)
{
  g_autofree char *on = NULL;
  g_autofree char *handler = NULL;
  g_autofree char *today = jhk_today ();
  g_autoptr(GError) error = NULL;
  gint64 id, place = 0;
  gboolean ok;
  int status;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Date (default today)"), "YYYY-MM-DD" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler, N_("Staff number of the handler"), "NO" },
    { "place", 0, 0, G_OPTION_ARG_INT64, &place, N_("Storage place"), "ID" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("transfer", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) ||
      (g_str_equal (verb, "receive") && (handler == NULL || place == 0)))
    return jhk_cli_usage_error (_("Usage: jhkctl transfer confirm ID\n"
                                  "       jhkctl transfer deleted ID [--on YYYY-MM-DD]\n"
                                  "       jhkctl transfer receive ID --handler NO --place ID "
                                  "[--on YYYY-MM-DD]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (g_str_equal (verb, "confirm"))
    ok = jhk_delivery_confirm (run->db, run->session, id, &error);
  else if (g_str_equal (verb, "deleted"))
    ok = jhk_delivery_confirm_deleted (run->db, run->session, id, on != NULL ? on : today, &error);
  else
    {
      gint64 staff = jhk_cli_find_staff (run->db, handler, &error);
      gint64 material = staff == 0 ? 0
                        : jhk_delivery_receive (run->db, run->session, id,
                                                on != NULL ? on : today, staff, place, &error);

      ok = material != 0;
      if (ok)
        g_print ("%" G_GINT64_FORMAT "\n", material);
    }
  return ok ? JHK_CLI_OK : jhk_cli_rule_error (error);
}

static int
transfer_list (JhkCliRun  *run,
               int         argc,
               char      **argv)
{
  g_autofree char *office = NULL;
  g_autofree char *waiting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JhkTransferFilter filter = JHK_TRANSFER_LIST_ALL;
  gint64 office_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { "waiting", 0, 0, G_OPTION_ARG_STRING, &waiting,
      N_("confirmation, deletion or receipt"), "WHAT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("transfer list", NULL, entries, &argc, &argv, &status))
    return status;
  if (waiting != NULL)
    filter = g_str_equal (waiting, "confirmation") ? JHK_TRANSFER_LIST_TO_CONFIRM
             : g_str_equal (waiting, "deletion") ? JHK_TRANSFER_LIST_DELETION_PENDING
             : g_str_equal (waiting, "receipt") ? JHK_TRANSFER_LIST_TO_RECEIVE
             : (JhkTransferFilter) -1;
  if (argc != 1 || (int) filter < 0)
    return jhk_cli_usage_error (_("Usage: jhkctl transfer list [--office CODE] "
                                  "[--waiting confirmation|deletion|receipt]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  list = jhk_delivery_list_transfers (run->db, run->session, office_id, filter, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_transfer);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    print_transfer_line (g_ptr_array_index (list, i));
  return JHK_CLI_OK;
}

static int
transfer_show (JhkCliRun  *run,
               int         argc,
               char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTransferRecord) r = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, "transfer show", NULL,
                                   _("Usage: jhkctl transfer show ID"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  r = jhk_delivery_get_transfer (run->db, run->session, id, &error);
  if (r == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_item (r, (JhkCliJsonAdd) add_transfer);
      return JHK_CLI_OK;
    }
  print_transfer_line (r);
  if (r->file_sha256 != NULL)
    g_print ("SHA-256 %s\n", r->file_sha256);
  return JHK_CLI_OK;
}

int
jhk_cli_transfer (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  JhkCliRun run = { context, NULL, NULL };

  if (argc < 2)
    return jhk_cli_usage_error (
      _("Usage: jhkctl transfer send|confirm|deleted|receive|list|show …"));
  if (g_str_equal (argv[1], "send"))
    return transfer_send (&run, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "confirm") || g_str_equal (argv[1], "deleted") ||
      g_str_equal (argv[1], "receive"))
    return transfer_by_id (&run, argv[1], argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return transfer_list (&run, argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return transfer_show (&run, argc - 1, argv + 1);
  return jhk_cli_usage_error (_("Unknown transfer subcommand “%s”."), argv[1]);
}
