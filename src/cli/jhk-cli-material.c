/* jhk-cli-material.c: jhkctl material … and jhkctl form1 (issue 4).
 *
 * Every write goes through the ledger's services (jhk-ledger.h), so each
 * rule and audit entry applies; reads go through jhk-ledger-query.h.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-util.h"
#include "jhk-cli-material.h"
#include "jhk-cli-approval.h"
#include "jhk-form1-material.h"
#include "jhk-ledger.h"
#include "jhk-ledger-query.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-sysdocs.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"

/* Optional staff: NULL is 0 and fine. */
static gboolean
find_optional_staff (JhkDb       *db,
                     const char  *staff_no,
                     gint64      *id,
                     GError     **error)
{
  *id = 0;
  if (staff_no == NULL)
    return TRUE;
  *id = jhk_cli_find_staff (db, staff_no, error);
  return *id != 0;
}

/* JSON --------------------------------------------------------------------- */

static void
add_material (JsonBuilder             *builder,
              const JhkLedgerMaterial *m)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", m->id);
  jhk_cli_json_add_string (builder, "office", m->office_code);
  jhk_cli_json_add_string (builder, "office_name", m->office_name);
  jhk_cli_json_add_string (builder, "direction", m->direction);
  jhk_cli_json_add_string (builder, "name", m->name);
  jhk_cli_json_add_int (builder, "quantity", m->quantity);
  jhk_cli_json_add_string (builder, "breakdown", m->breakdown);
  jhk_cli_json_add_string (builder, "summary", m->summary);
  jhk_cli_json_add_string (builder, "business", m->business_code);
  jhk_cli_json_add_string (builder, "business_name", m->business_name);
  jhk_cli_json_add_string (builder, "handler", m->handler_staff_no);
  jhk_cli_json_add_string (builder, "handler_name", m->handler_name);
  jhk_cli_json_add_string (builder, "handler_section", m->handler_section);
  jhk_cli_json_add_string (builder, "purpose", m->purpose);
  jhk_cli_json_add_bool (builder, "designated", m->designated);
  jhk_cli_json_add_bool (builder, "personal_data", m->personal_data);
  jhk_cli_json_add_string (builder, "creation_reason", m->creation_reason);
  jhk_cli_json_add_string (builder, "acquired_on", m->acquired_on);
  jhk_cli_json_add_string (builder, "acquisition_method", m->acquisition_method);
  jhk_cli_json_add_string (builder, "acquisition_text", m->acquisition_text);
  jhk_cli_json_add_string (builder, "measure", m->measure);
  jhk_cli_json_add_string (builder, "measure_text", m->measure_text);
  jhk_cli_json_add_string (builder, "storage_place", m->storage_place);
  jhk_cli_json_add_id (builder, "original_id", m->original_id);
  jhk_cli_json_add_int (builder, "quantity_on_hand", m->quantity_on_hand);
  jhk_cli_json_add_int (builder, "quantity_lent", m->quantity_lent);
  jhk_cli_json_add_string (builder, "status", m->status);
  jhk_cli_json_add_string (builder, "last_entry_on", m->last_entry_on);
  jhk_cli_json_add_string (builder, "category", m->category);
  jhk_cli_json_add_bool (builder, "printed_manual", m->printed_manual);
  if (m->last_entry_on != NULL && g_str_equal (m->status, "closed"))
    {
      g_autofree char *ends = jhk_retention_ends_on (m->last_entry_on);

      jhk_cli_json_add_string (builder, "retention_ends_on", ends);
    }
  if (m->purged_at != 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (m->purged_at / G_USEC_PER_SEC);
      g_autofree char *text = g_date_time_format_iso8601 (at);

      jhk_cli_json_add_string (builder, "purged_at", text);
      jhk_cli_json_add_string (builder, "purged_by", m->purged_by);
    }

  if (m->events != NULL)
    {
      json_builder_set_member_name (builder, "events");
      json_builder_begin_array (builder);
      for (guint i = 0; i < m->events->len; i++)
        {
          const JhkLedgerEvent *e = g_ptr_array_index (m->events, i);

          json_builder_begin_object (builder);
          jhk_cli_json_add_int (builder, "id", e->id);
          jhk_cli_json_add_string (builder, "date", e->happened_on);
          jhk_cli_json_add_string (builder, "kind", e->kind);
          jhk_cli_json_add_int (builder, "quantity", e->quantity);
          jhk_cli_json_add_string (builder, "handler", e->handler_staff_no);
          jhk_cli_json_add_string (builder, "handler_name", e->handler_name);
          jhk_cli_json_add_string (builder, "confirmed_by", e->confirmer_name);
          jhk_cli_json_add_string (builder, "counterpart", e->counterpart);
          jhk_cli_json_add_string (builder, "method", e->method);
          jhk_cli_json_add_string (builder, "witness", e->witness_name);
          jhk_cli_json_add_string (builder, "copy_basis", e->copy_basis);
          jhk_cli_json_add_id (builder, "copy_id", e->copy_material_id);
          jhk_cli_json_add_string (builder, "note", e->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "disposition");
      if (m->disposition != NULL)
        {
          const JhkLedgerDisposition *d = m->disposition;

          json_builder_begin_object (builder);
          jhk_cli_json_add_string (builder, "date", d->happened_on);
          jhk_cli_json_add_string (builder, "kind", d->kind);
          jhk_cli_json_add_string (builder, "method", d->method);
          jhk_cli_json_add_int (builder, "quantity", d->quantity);
          jhk_cli_json_add_string (builder, "handler", d->handler_staff_no);
          jhk_cli_json_add_string (builder, "handler_name", d->handler_name);
          jhk_cli_json_add_string (builder, "witness", d->witness_name);
          jhk_cli_json_add_string (builder, "counterpart", d->counterpart);
          jhk_cli_json_add_string (builder, "note", d->note);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

/* Commands ------------------------------------------------------------------ */

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autofree char *state = NULL;
  g_autofree char *category = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JhkLedgerFilter filter = { 0 };
  gint64 office_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &state, N_("stored, lent, closed or purged"),
      "STATUS" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("io, system_document, program or manual"), "CATEGORY" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (
      _("Usage: jhkctl material list [--office CODE] "
        "[--status stored|lent|closed|purged] "
        "[--category io|system_document|program|manual]"));
  if (state != NULL && !g_str_equal (state, "stored") && !g_str_equal (state, "lent") &&
      !g_str_equal (state, "closed") && !g_str_equal (state, "purged"))
    return jhk_cli_usage_error (_("--status is stored, lent, closed or purged."));
  if (category != NULL && !g_strv_contains (jhk_ledger_categories (), category))
    return jhk_cli_usage_error (_("--category is io, system_document, program or manual."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  filter.office_id = office_id;
  filter.status = state;
  filter.category = category;
  list = jhk_ledger_query_list_full (run->db, run->session, &filter, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);

  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_material);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkLedgerMaterial *m = g_ptr_array_index (list, i);

      g_print ("%-6" G_GINT64_FORMAT " %s %-4s %-6s %-6s %s\n", m->id, m->acquired_on,
               m->office_code, m->direction, m->status, m->name);
    }
  return JHK_CLI_OK;
}

static int
cmd_show (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkLedgerMaterial) m = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, "material show", NULL,
                                   _("Usage: jhkctl material show ID"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  m = jhk_ledger_query_material (run->db, run->session, id, &error);
  if (m == NULL)
    return jhk_cli_rule_error (error);

  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      add_material (builder, m);
      root = json_builder_get_root (builder);
      /* 作成時確認欄, 最終処理確認欄 and the 総括責任者's approvals. */
      {
        g_autoptr(JsonBuilder) extra = json_builder_new ();
        g_autoptr(JsonNode) more = NULL;
        JsonObject *object = json_node_get_object (root);
        JsonObject *added;

        json_builder_begin_object (extra);
        jhk_cli_add_signoffs_json (extra, m->signoffs);
        if (!jhk_cli_add_approvals_json (extra, run->db, run->session, m->id, &error))
          return jhk_cli_rule_error (error);
        json_builder_end_object (extra);
        more = json_builder_get_root (extra);
        added = json_node_get_object (more);
        json_object_set_member (object, "signoffs",
                                json_node_copy (json_object_get_member (added, "signoffs")));
        json_object_set_member (object, "approvals",
                                json_node_copy (json_object_get_member (added, "approvals")));
      }
      jhk_cli_print_json (root);
      return JHK_CLI_OK;
    }
  if (m->purged_at != 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (m->purged_at / G_USEC_PER_SEC);
      g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M");

      g_print (_("Material %lld of %s %s (%s, %s): purged on %s by %s after its retention "
                 "ended; last entry %s.\n"),
               (long long) m->id, m->office_code, m->office_name,
               jhk_ledger_category_label (m->category), m->direction, when,
               jhk_cli_or_dash (m->purged_by), m->last_entry_on);
      return JHK_CLI_OK;
    }
  g_print (_("Material %lld: %s (%s, %s)\n"), (long long) m->id, m->name, m->direction,
           m->status);
  if (!g_str_equal (m->category, "io"))
    g_print (_("Category: %s%s\n"), jhk_ledger_category_label (m->category),
             m->printed_manual ? _(" (printed from an electronic manual)") : "");
  g_print (_("Office: %s %s; business: %s %s\n"), m->office_code, m->office_name,
           jhk_cli_or_dash (m->business_code), jhk_cli_or_dash (m->business_name));
  g_print (_("Quantity: %lld (on hand %lld, lent %lld)\n"), (long long) m->quantity,
           (long long) m->quantity_on_hand, (long long) m->quantity_lent);
  g_print (_("Handler: %s %s; purpose: %s\n"), jhk_cli_or_dash (m->handler_section),
           jhk_cli_or_dash (m->handler_name), m->purpose);
  g_print (_("Acquired: %s (%s %s); measure: %s %s\n"), m->acquired_on, m->acquisition_method,
           jhk_cli_or_dash (m->acquisition_text), m->measure,
           jhk_cli_or_dash (m->storage_place != NULL ? m->storage_place : m->measure_text));
  for (guint i = 0; i < m->events->len; i++)
    {
      const JhkLedgerEvent *e = g_ptr_array_index (m->events, i);

      g_print ("  %s %-15s %3" G_GINT64_FORMAT " %s %s\n", e->happened_on, e->kind,
               e->quantity, jhk_cli_or_dash (e->handler_name), jhk_cli_or_dash (e->counterpart));
    }
  if (m->disposition != NULL)
    g_print (_("Final disposition: %s %s %s by %s\n"), m->disposition->happened_on,
             m->disposition->kind, jhk_cli_or_dash (m->disposition->method),
             jhk_cli_or_dash (m->disposition->handler_name));
  for (guint i = 0; i < m->signoffs->len; i++)
    {
      const JhkSignoff *s = g_ptr_array_index (m->signoffs, i);

      g_print (_("Confirmed (%s, %s): %s %s\n"), s->stage, s->role, jhk_cli_or_dash (s->staff_name),
               s->signed_on);
    }
  return JHK_CLI_OK;
}

static int
cmd_add (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL, *direction = NULL, *name = NULL, *business = NULL;
  g_autofree char *handler = NULL, *purpose = NULL, *reason = NULL, *acquired = NULL;
  g_autofree char *method = NULL, *method_text = NULL, *measure_text = NULL;
  g_autofree char *breakdown = NULL, *summary = NULL, *designated_by = NULL;
  g_autofree char *disposed_on = NULL, *disposal_method = NULL, *witness = NULL;
  g_autofree char *today = jhk_today ();
  g_autofree char *category = NULL;
  g_autoptr(GError) error = NULL;
  gboolean personal = FALSE, discard = FALSE, printed_manual = FALSE;
  gint64 store = 0, id;
  int quantity = 0, status, n_measures;
  JhkMaterialSpec spec = { 0 };
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, N_("input or output"), "DIRECTION" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the material"), "TEXT" },
    { "quantity", 0, 0, G_OPTION_ARG_INT, &quantity, N_("Quantity"), "N" },
    { "breakdown", 0, 0, G_OPTION_ARG_STRING, &breakdown, N_("Breakdown of the quantity"), "TEXT" },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, N_("Summary of the material"), "TEXT" },
    { "business", 0, 0, G_OPTION_ARG_STRING, &business, N_("Code of the business"), "CODE" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler, N_("Staff number of the handler"), "NO" },
    { "purpose", 0, 0, G_OPTION_ARG_STRING, &purpose, N_("Purpose of use"), "TEXT" },
    { "designated-by", 0, 0, G_OPTION_ARG_STRING, &designated_by,
      N_("Staff number of the business's manager who designated it especially important"), "NO" },
    { "personal-data", 0, 0, G_OPTION_ARG_NONE, &personal, N_("The material holds personal data"),
      NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why personal-data output is made: law, procedure or maintenance_test"), "REASON" },
    { "acquired", 0, 0, G_OPTION_ARG_STRING, &acquired, N_("Date acquired (default today)"),
      "YYYY-MM-DD" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("How it was acquired: received, printed or other (default printed)"), "METHOD" },
    { "method-text", 0, 0, G_OPTION_ARG_STRING, &method_text,
      N_("From whom it was received, or how it was acquired"), "TEXT" },
    { "store", 0, 0, G_OPTION_ARG_INT64, &store, N_("Stored in this storage place"), "PLACE_ID" },
    { "dispose-without-storing", 0, 0, G_OPTION_ARG_NONE, &discard,
      N_("Disposed of without storing"), NULL },
    { "disposed-on", 0, 0, G_OPTION_ARG_STRING, &disposed_on,
      N_("With --dispose-without-storing: the date of the disposal (default the acquisition's)"),
      "YYYY-MM-DD" },
    { "disposal-method", 0, 0, G_OPTION_ARG_STRING, &disposal_method,
      N_("With --dispose-without-storing: shred, incinerate, dissolve, erase or destroy"),
      "METHOD" },
    { "witness", 0, 0, G_OPTION_ARG_STRING, &witness,
      N_("With --dispose-without-storing of personal data: staff number of the witness"), "NO" },
    { "measure-text", 0, 0, G_OPTION_ARG_STRING, &measure_text,
      N_("Another measure after acquisition"), "TEXT" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("io (default), system_document, program or manual"), "CATEGORY" },
    { "printed-manual", 0, 0, G_OPTION_ARG_NONE, &printed_manual,
      N_("A manual printed from an electronic one"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material add", NULL, entries, &argc, &argv, &status))
    return status;
  n_measures = (store != 0) + (discard ? 1 : 0) + (measure_text != NULL);
  if (argc != 1 || office == NULL || direction == NULL || name == NULL || quantity == 0 ||
      business == NULL || handler == NULL || purpose == NULL || n_measures != 1)
    return jhk_cli_usage_error (
      _("Usage: jhkctl material add --office CODE --direction input|output "
        "--name TEXT --quantity N --business CODE --handler NO --purpose TEXT "
        "(--store PLACE_ID | --dispose-without-storing | --measure-text TEXT)"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;

  spec.direction = direction;
  spec.name = name;
  spec.quantity = quantity;
  spec.breakdown = breakdown;
  spec.summary = summary;
  spec.purpose = purpose;
  spec.personal_data = personal;
  spec.creation_reason = reason;
  spec.acquired_on = acquired != NULL ? acquired : today;
  spec.acquisition_method = method != NULL ? method : "printed";
  spec.acquisition_text = method_text;
  spec.measure = store != 0 ? "store" : discard ? "dispose_without_storing" : "other";
  spec.measure_text = measure_text;
  spec.storage_place_id = store;
  spec.category = category;
  spec.printed_manual = printed_manual;
  if (discard)
    {
      spec.disposed_on = disposed_on != NULL ? disposed_on : spec.acquired_on;
      spec.disposal_method = disposal_method;
    }
  if ((spec.org_unit_id = jhk_cli_find_office (run->db, office, &error)) == 0 ||
      (spec.handler_staff_id = jhk_cli_find_staff (run->db, handler, &error)) == 0 ||
      !find_optional_staff (run->db, designated_by, &spec.designated_by, &error) ||
      !find_optional_staff (run->db, witness, &spec.disposal_witness_id, &error))
    return jhk_cli_rule_error (error);
  spec.designated = spec.designated_by != 0;
  spec.business_id = jhk_org_find_business (run->db, business);
  if (spec.business_id == 0)
    {
      g_printerr (_("jhkctl: There is no business with the code %s.\n"), business);
      return JHK_CLI_RULE_ERROR;
    }
  id = jhk_ledger_register_material (run->db, run->session, &spec, &error);
  if (id == 0)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT "\n}\n", id);
  else
    g_print ("%" G_GINT64_FORMAT "\n", id);
  return JHK_CLI_OK;
}

static int
cmd_event (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *kind = NULL, *date = NULL, *handler = NULL, *confirmed_by = NULL;
  g_autofree char *method = NULL, *witness = NULL, *note = NULL, *counterpart = NULL;
  g_autofree char *copy_basis = NULL, *approved_by = NULL;
  g_autoptr(GError) error = NULL;
  JhkMaterialEvent event = { 0 };
  gint64 id, event_id, copy_id = 0, approval = 0;
  int quantity = -1, status;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("lend, return, copy, hand_over, receive, partial_dispose or other"), "KIND" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the event"), "YYYY-MM-DD" },
    { "quantity", 0, 0, G_OPTION_ARG_INT, &quantity, N_("Quantity"), "N" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler, N_("Staff number of the handler"), "NO" },
    { "confirmed-by", 0, 0, G_OPTION_ARG_STRING, &confirmed_by,
      N_("Staff number of the information manager who confirmed it"), "NO" },
    { "counterpart", 0, 0, G_OPTION_ARG_STRING, &counterpart, N_("To or from whom"), "TEXT" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("Method of a partial disposal"), "METHOD" },
    { "witness", 0, 0, G_OPTION_ARG_STRING, &witness,
      N_("Staff number of the witness of a partial disposal"), "NO" },
    { "copy-basis", 0, 0, G_OPTION_ARG_STRING, &copy_basis,
      N_("Basis of a copy: manager_approval or maintenance_test"), "BASIS" },
    { "approved-by", 0, 0, G_OPTION_ARG_STRING, &approved_by,
      N_("Staff number of the business's manager who approved the copy"), "NO" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), "TEXT" },
    { "approval", 0, 0, G_OPTION_ARG_INT64, &approval,
      N_("The general supervisor's approved request that allows a copy or hand-over of "
         "personal-data input"), "ID" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material event", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || kind == NULL || date == NULL || quantity < 0 ||
      handler == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl material event ID --kind KIND --date YYYY-MM-DD "
        "--quantity N --handler NO [--confirmed-by NO] [--method METHOD] "
        "[--witness NO] [--approval ID] [--note TEXT]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;

  event.kind = kind;
  event.happened_on = date;
  event.quantity = quantity;
  event.counterpart = counterpart;
  event.method = method;
  event.copy_basis = copy_basis;
  event.note = note;
  event.approval_id = approval;
  if ((event.handler_staff_id = jhk_cli_find_staff (run->db, handler, &error)) == 0 ||
      !find_optional_staff (run->db, confirmed_by, &event.confirmed_by, &error) ||
      !find_optional_staff (run->db, witness, &event.witness_staff_id, &error) ||
      !find_optional_staff (run->db, approved_by, &event.approved_by, &error))
    return jhk_cli_rule_error (error);
  event_id = jhk_ledger_record_event (run->db, run->session, id, &event, &copy_id, &error);
  if (event_id == 0)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_print ("{\n  \"id\" : %" G_GINT64_FORMAT, event_id);
      if (copy_id != 0)
        g_print (",\n  \"copy_id\" : %" G_GINT64_FORMAT, copy_id);
      g_print ("\n}\n");
    }
  else if (copy_id != 0)
    g_print (_("Recorded event %lld; the copy is material %lld.\n"), (long long) event_id,
             (long long) copy_id);
  else
    g_print (_("Recorded event %lld.\n"), (long long) event_id);
  return JHK_CLI_OK;
}

static int
cmd_dispose (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *kind = NULL, *date = NULL, *method = NULL, *handler = NULL;
  g_autofree char *witness = NULL, *note = NULL, *counterpart = NULL;
  g_autoptr(GError) error = NULL;
  JhkMaterialDisposition disposition = { 0 };
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("dispose, return, hand_over or other"), "KIND" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the final disposition"),
      "YYYY-MM-DD" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("shred, incinerate, dissolve, erase or destroy"), "METHOD" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler, N_("Staff number of the handler"), "NO" },
    { "witness", 0, 0, G_OPTION_ARG_STRING, &witness,
      N_("Staff number of the information manager as witness"), "NO" },
    { "counterpart", 0, 0, G_OPTION_ARG_STRING, &counterpart, N_("To whom"), "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material dispose", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || kind == NULL || date == NULL || handler == NULL)
    return jhk_cli_usage_error (
      _("Usage: jhkctl material dispose ID --kind dispose|return|hand_over|other "
        "--date YYYY-MM-DD [--method METHOD] --handler NO [--witness NO] "
        "[--note TEXT]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;

  disposition.kind = kind;
  disposition.happened_on = date;
  disposition.method = method;
  disposition.counterpart = counterpart;
  disposition.note = note;
  if ((disposition.handler_staff_id = jhk_cli_find_staff (run->db, handler, &error)) == 0 ||
      !find_optional_staff (run->db, witness, &disposition.witness_staff_id, &error))
    return jhk_cli_rule_error (error);
  if (!jhk_ledger_final_disposition (run->db, run->session, id, &disposition, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"closed\"\n}\n", id);
  else
    g_print (_("Material %lld has had its final disposition.\n"), (long long) id);
  return JHK_CLI_OK;
}

/* R15-3: the materials whose retention has ended. */
static int
cmd_expired (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 office_id = 0;
  int status;
  GOptionEntry entries[] = {
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, N_("Code of the office"), "CODE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material expired", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl material expired [--office CODE]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (office != NULL && (office_id = jhk_cli_find_office (run->db, office, &error)) == 0)
    return jhk_cli_rule_error (error);
  list = jhk_retention_list_expired (run->db, run->session, office_id, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_material);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkLedgerMaterial *m = g_ptr_array_index (list, i);
      g_autofree char *ends = jhk_retention_ends_on (m->last_entry_on);

      g_print ("%-6" G_GINT64_FORMAT " %s %s %-4s %s\n", m->id, m->last_entry_on, ends,
               m->office_code, m->name);
    }
  return JHK_CLI_OK;
}

static int
cmd_purge (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, "material purge", NULL,
                                   _("Usage: jhkctl material purge ID"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_retention_purge (run->db, run->session, id, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"purged\"\n}\n", id);
  else
    g_print (_("Material %lld has been purged: only its tombstone is left.\n"), (long long) id);
  return JHK_CLI_OK;
}

/* R18-3: who may view a system document or program. */
static int
cmd_viewers (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *add = NULL, *remove = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) viewers = NULL;
  gint64 id, staff = 0;
  int status;
  GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_STRING, &add, N_("Staff number allowed to view it"), "NO" },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove, N_("Staff number no longer allowed"), "NO" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("material viewers", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || (add != NULL && remove != NULL))
    return jhk_cli_usage_error (_("Usage: jhkctl material viewers ID [--add NO | --remove NO]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if ((add != NULL || remove != NULL) &&
      ((staff = jhk_cli_find_staff (run->db, add != NULL ? add : remove, &error)) == 0 ||
       !(add != NULL ? jhk_sysdocs_add_viewer (run->db, run->session, id, staff, &error)
                     : jhk_sysdocs_remove_viewer (run->db, run->session, id, staff, &error))))
    return jhk_cli_rule_error (error);
  viewers = jhk_sysdocs_list_viewers (run->db, run->session, id, &error);
  if (viewers == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < viewers->len; i++)
        {
          const JhkSysdocViewer *v = g_ptr_array_index (viewers, i);

          json_builder_begin_object (builder);
          jhk_cli_json_add_string (builder, "staff_no", v->staff_no);
          jhk_cli_json_add_string (builder, "name", v->name);
          jhk_cli_json_add_string (builder, "unit", v->unit);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      jhk_cli_print_json_built (builder);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < viewers->len; i++)
    {
      const JhkSysdocViewer *v = g_ptr_array_index (viewers, i);

      g_print ("%s %s %s\n", v->staff_no, v->name, jhk_cli_or_dash (v->unit));
    }
  return JHK_CLI_OK;
}

int
jhk_cli_material (JhkCliContext *context,
                  int            argc,
                  char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "show", cmd_show },
    { "add", cmd_add },
    { "event", cmd_event },
    { "dispose", cmd_dispose },
    { "expired", cmd_expired },
    { "purge", cmd_purge },
    { "viewers", cmd_viewers },
  };

  /* The sign-offs of 様式第1号 (jhk-cli-approval.c). */
  if (argc >= 2 && g_strcmp0 (argv[1], "signoff") == 0)
    return jhk_cli_material_signoff (context, argc - 1, argv + 1);
  if (argc >= 2 && g_strcmp0 (argv[1], "request-signoffs") == 0)
    return jhk_cli_material_request_signoffs (context, argc - 1, argv + 1);
  return jhk_cli_dispatch (
    context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
    _("material needs a subcommand: list, show, add, event, dispose, expired, purge or "
      "viewers."),
    _("Unknown material subcommand “%s”."));
}

int
jhk_cli_form1 (JhkCliContext *context,
               int            argc,
               char         **argv)
{
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  JhkCliRun run = { context, NULL, NULL };
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), "FILE" },
    { NULL }
  };

  status = jhk_cli_run_id_command_requiring (&run, "form1", entries, &output,
                                             _("Usage: jhkctl form1 ID -o FILE.pdf"), argc, argv,
                                             &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_form1_material_write_pdf (run.db, run.session, id, output, &error))
    return jhk_cli_rule_error (error);
  g_print (_("Wrote form 1 (materials control sheet) of material %lld to %s.\n"),
           (long long) id, output);
  return JHK_CLI_OK;
}
