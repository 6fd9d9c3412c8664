/* jhk-cli-request.c: jhkctl request … and jhkctl form2, the 作業依頼書
 * (R15-4, 別記様式第2号 RF2), issue 5.
 *
 * Every write goes through jhk-work-requests.h, so each rule, refusal and
 * audit entry is the service's. `request create --submit` saves the draft
 * and submits it in one outer transaction: a refused submission leaves no
 * draft behind.
 *
 * In --json output a text the request leaves empty ("" in the model: a
 * step not recorded yet, a member not filled) is null, as are the ids of
 * things not there (business, storage place, consent, a row's material).
 */
#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-request.h"
#include "jhk-cli-util.h"
#include "jhk-form2-request.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-work-requests.h"

/* JSON output ---------------------------------------------------------------- */

/* A text member: null when NULL or empty. */
static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  jhk_cli_json_add_string (builder, name, value != NULL && *value != '\0' ? value : NULL);
}

/* One recording of the receiving side as an object, or null when it has
 * not been recorded. */
static void
add_step (JsonBuilder *builder,
          const char  *name,
          const char  *at,
          const char  *handler,
          const char  *note,
          const char  *to_office,
          const char  *to_name,
          gboolean     receiver)
{
  json_builder_set_member_name (builder, name);
  if (at == NULL || *at == '\0')
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_text (builder, "at", at);
  add_text (builder, "handler", handler);
  if (receiver)
    {
      add_text (builder, "to_office", to_office);
      add_text (builder, "to_name", to_name);
    }
  else
    add_text (builder, "note", note);
  json_builder_end_object (builder);
}

static void
add_request (JsonBuilder          *builder,
             const JhkWorkRequest *r)
{
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "id", r->id);
  jhk_cli_json_add_string (builder, "status", r->status);
  jhk_cli_json_add_bool (builder, "overdue", jhk_work_request_is_overdue (r, NULL));
  jhk_cli_json_add_id (builder, "office_id", r->office_id);
  add_text (builder, "office_name", r->office_name);
  add_text (builder, "recipient", r->recipient);
  jhk_cli_json_add_id (builder, "business_id", r->business_id);
  add_text (builder, "business_name", r->business_name);
  add_text (builder, "to_title", r->to_title);
  add_text (builder, "from_title", r->from_title);
  add_text (builder, "summary", r->summary);
  add_text (builder, "purpose", r->purpose);
  add_text (builder, "wanted_at", r->wanted_at);
  add_text (builder, "manager_title", r->manager_title);
  add_text (builder, "manager_name", r->manager_name);
  add_text (builder, "contact_name", r->contact_name);
  add_text (builder, "contact_phone", r->contact_phone);
  jhk_cli_json_add_id (builder, "storage_place_id", r->storage_place_id);

  /* 対象業務管理者 (R15-4) */
  json_builder_set_member_name (builder, "consent");
  if (r->consent_at != 0)
    {
      json_builder_begin_object (builder);
      jhk_cli_json_add_id (builder, "by", r->consent_by);
      add_text (builder, "title", r->consent_title);
      add_text (builder, "name", r->consent_name);
      add_text (builder, "phone", r->consent_phone);
      jhk_cli_json_add_time (builder, "at", r->consent_at);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  /* 受理所属記入 */
  add_step (builder, "received", r->received_at, r->received_handler, r->received_note, NULL,
            NULL, FALSE);
  add_step (builder, "processed", r->processed_at, r->processed_handler, r->processed_note, NULL,
            NULL, FALSE);
  add_step (builder, "input_returned", r->input_returned_at, r->input_returned_handler, NULL,
            r->input_returned_to_office, r->input_returned_to_name, TRUE);
  add_step (builder, "output_delivered", r->output_delivered_at, r->output_delivered_handler,
            NULL, r->output_delivered_to_office, r->output_delivered_to_name, TRUE);
  json_builder_set_member_name (builder, "paper");
  json_builder_begin_object (builder);
  jhk_cli_json_add_int (builder, "continuous", r->paper_continuous);
  jhk_cli_json_add_int (builder, "standard", r->paper_standard);
  jhk_cli_json_add_int (builder, "a4", r->paper_a4);
  jhk_cli_json_add_int (builder, "other", r->paper_other);
  add_text (builder, "other_text", r->paper_other_text);
  json_builder_end_object (builder);
  add_text (builder, "remarks", r->remarks);

  add_text (builder, "return_comment", r->return_comment);
  jhk_cli_json_add_id (builder, "created_by", r->created_by);
  add_text (builder, "creator_name", r->creator_name);
  jhk_cli_json_add_time (builder, "created_at", r->created_at);
  jhk_cli_json_add_time (builder, "updated_at", r->updated_at);
  jhk_cli_json_add_time (builder, "submitted_at", r->submitted_at);
  jhk_cli_json_add_time (builder, "completed_at", r->completed_at);

  if (r->items != NULL)
    {
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < r->items->len; i++)
        {
          const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

          json_builder_begin_object (builder);
          jhk_cli_json_add_string (builder, "kind", item->kind);
          add_text (builder, "content", item->content);
          jhk_cli_json_add_int (builder, "quantity", item->quantity);
          add_text (builder, "form", item->form);
          add_text (builder, "note", item->note);
          jhk_cli_json_add_bool (builder, "personal_data", item->personal_data);
          jhk_cli_json_add_id (builder, "material_id", item->material_id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* JSON input (request create --file) ------------------------------------------ */

static const char *const request_members[] = {
  "recipient", "business", "summary", "purpose", "wanted_at", "manager_title", "manager_name",
  "contact_name", "contact_phone", "to_title", "from_title", "storage_place", "items", NULL
};

static const char *const item_members[] = {
  "kind", "content", "quantity", "form", "note", "personal_data", NULL
};

/* Refuses a member not in known: a misspelt one would be lost silently. */
static gboolean
check_members (JsonObject         *object,
               const char *const  *known,
               const char         *where,
               GError            **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                     _("%s: unknown member “%s”."), where, (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* A text member into *field (null is ""); absent leaves it as it is. */
static gboolean
take_text (JsonObject  *object,
           const char  *name,
           const char  *where,
           char       **field,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      g_free (*field);
      *field = g_strdup ("");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("%s: “%s” must be a text."), where, name);
      return FALSE;
    }
  g_free (*field);
  *field = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* An integer member, 0 to max; absent or null leaves *value. */
static gboolean
take_int (JsonObject  *object,
          const char  *name,
          const char  *where,
          gint64       max,
          gint64      *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (number = json_node_get_int (node)) < 0 || number > max)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("%s: “%s” must be a whole number from 0 to %lld."), where, name,
                   (long long) max);
      return FALSE;
    }
  *value = number;
  return TRUE;
}

static gboolean
take_bool (JsonObject  *object,
           const char  *name,
           const char  *where,
           gboolean    *value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("%s: “%s” must be true or false."), where, name);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

static JhkWorkRequestItem *
item_from_json (JsonNode    *node,
                const char  *file,
                guint        index,
                GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s: items[%u]", file, index);
  g_autofree char *kind = g_strdup (""), *content = g_strdup (""), *form = g_strdup ("");
  g_autofree char *note = g_strdup ("");
  gint64 quantity = 0;
  gboolean personal = FALSE;
  JsonObject *object;
  JhkWorkRequestItem *item;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("%s must be an object."), where);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_members (object, item_members, where, error) ||
      !take_text (object, "kind", where, &kind, error) ||
      !take_text (object, "content", where, &content, error) ||
      !take_int (object, "quantity", where, G_MAXINT, &quantity, error) ||
      !take_text (object, "form", where, &form, error) ||
      !take_text (object, "note", where, &note, error) ||
      !take_bool (object, "personal_data", where, &personal, error))
    return NULL;
  item = jhk_work_request_item_new (kind, content, (int) quantity, form, note);
  item->personal_data = personal;
  return item;
}

/* Reads the whole of standard input. */
static char *
read_stdin (gsize *length)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_string_append_len (text, buffer, n);
  *length = text->len;
  return g_string_free (text, FALSE);
}

/* A new draft of the actor's office (the service's defaults) with the
 * members of the JSON file ("-": standard input) over it. */
static JhkWorkRequest *
request_from_json (JhkDb       *db,
                   JhkSession  *session,
                   const char  *file,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JhkWorkRequest) request = NULL;
  g_autofree char *business = NULL;
  gboolean loaded;
  gint64 place;
  JsonObject *root;
  JsonNode *items;

  if (g_str_equal (file, "-"))
    {
      gsize length = 0;
      g_autofree char *text = read_stdin (&length);

      loaded = json_parser_load_from_data (parser, text, length, error);
    }
  else
    loaded = json_parser_load_from_file (parser, file, error);
  if (!loaded)
    {
      g_prefix_error (error, "%s: ", file);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("%s must hold one JSON object."), file);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_members (root, request_members, file, error))
    return NULL;

  request = jhk_work_requests_new_draft (db, session, error);
  if (request == NULL)
    return NULL;
  place = request->storage_place_id;
  if (!take_text (root, "recipient", file, &request->recipient, error) ||
      !take_text (root, "business", file, &business, error) ||
      !take_text (root, "summary", file, &request->summary, error) ||
      !take_text (root, "purpose", file, &request->purpose, error) ||
      !take_text (root, "wanted_at", file, &request->wanted_at, error) ||
      !take_text (root, "manager_title", file, &request->manager_title, error) ||
      !take_text (root, "manager_name", file, &request->manager_name, error) ||
      !take_text (root, "contact_name", file, &request->contact_name, error) ||
      !take_text (root, "contact_phone", file, &request->contact_phone, error) ||
      !take_text (root, "to_title", file, &request->to_title, error) ||
      !take_text (root, "from_title", file, &request->from_title, error) ||
      !take_int (root, "storage_place", file, G_MAXINT64, &place, error))
    return NULL;
  request->storage_place_id = place;

  if (business != NULL && *business != '\0')
    {
      request->business_id = jhk_cli_find_business (db, business, error);
      if (request->business_id == 0)
        return NULL;
    }
  /* The addressee defaults to the head of the receiving office. */
  if (json_object_get_member (root, "to_title") == NULL && request->recipient != NULL &&
      *request->recipient != '\0')
    {
      g_autofree char *title = jhk_work_requests_recipient_title (db, request->recipient,
                                                                  request->business_id);
      if (title != NULL)
        {
          g_free (request->to_title);
          request->to_title = g_steal_pointer (&title);
        }
    }

  items = json_object_get_member (root, "items");
  if (items != NULL && !JSON_NODE_HOLDS_NULL (items))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (items))
        {
          g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("%s: “items” must be an array of rows."), file);
          return NULL;
        }
      array = json_node_get_array (items);
      g_clear_pointer (&request->items, g_ptr_array_unref);
      request->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_work_request_item_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JhkWorkRequestItem *item = item_from_json (json_array_get_element (array, i), file, i,
                                                     error);
          if (item == NULL)
            return NULL;
          g_ptr_array_add (request->items, item);
        }
    }
  return g_steal_pointer (&request);
}

/* Output of a write ----------------------------------------------------------- */

/* Prints the request's state after a write: {"id", "status"} or a line. */
static int
print_done (JhkCliRun  *run,
            gint64      id,
            const char *status)
{
  g_autofree char *read_status = NULL;

  /* After submit the state depends on the recipient: read it. */
  if (status == NULL)
    {
      g_autoptr(JhkWorkRequest) r = jhk_work_requests_get (run->db, run->session, id, NULL);

      read_status = g_strdup (r != NULL ? r->status : "submitted");
      status = read_status;
    }
  if (run->context->json)
    g_print ("{\n  \"id\" : %" G_GINT64_FORMAT ",\n  \"status\" : \"%s\"\n}\n", id, status);
  else
    g_print (_("Request %lld: %s.\n"), (long long) id,
             jhk_work_request_status_label (status));
  return JHK_CLI_OK;
}

/* Commands -------------------------------------------------------------------- */

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *scope_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JhkWorkRequestsScope scope = JHK_WORK_REQUESTS_VISIBLE;
  int status;
  GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_name,
      N_("visible (all you may see), office (your offices’ requests), consent (waiting for "
         "your consent) or process (waiting for you to process them)"), "SCOPE" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("request list", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (
      _("Usage: jhkctl request list [--scope visible|office|consent|process]"));
  if (scope_name == NULL || g_str_equal (scope_name, "visible"))
    scope = JHK_WORK_REQUESTS_VISIBLE;
  else if (g_str_equal (scope_name, "office"))
    scope = JHK_WORK_REQUESTS_OFFICE;
  else if (g_str_equal (scope_name, "consent"))
    scope = JHK_WORK_REQUESTS_TO_CONSENT;
  else if (g_str_equal (scope_name, "process"))
    scope = JHK_WORK_REQUESTS_TO_PROCESS;
  else
    return jhk_cli_usage_error (_("--scope is visible, office, consent or process."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  list = jhk_work_requests_list (run->db, run->session, scope, &error);
  if (list == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      jhk_cli_print_json_list (list, (JhkCliJsonAdd) add_request);
      return JHK_CLI_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const JhkWorkRequest *r = g_ptr_array_index (list, i);

      g_print ("%-5" G_GINT64_FORMAT " %-15s %-8s %-16s %s%s %s: %s\n", r->id, r->status,
               jhk_cli_or_dash (r->recipient), jhk_cli_or_dash (r->wanted_at),
               jhk_work_request_is_overdue (r, NULL) ? "!" : "",
               jhk_cli_or_dash (r->office_name), jhk_cli_or_dash (r->business_name),
               jhk_cli_or_dash (r->summary));
    }
  return JHK_CLI_OK;
}

/* One line of 受理所属記入, when recorded. */
static void
print_step (const char *label,
            const char *at,
            const char *handler,
            const char *note,
            const char *to_office,
            const char *to_name)
{
  if (at == NULL || *at == '\0')
    return;
  g_print ("%s: %s %s", label, at, jhk_cli_or_dash (handler));
  if ((to_office != NULL && *to_office != '\0') || (to_name != NULL && *to_name != '\0'))
    g_print (_(" → %s %s"), jhk_cli_or_dash (to_office), jhk_cli_or_dash (to_name));
  if (note != NULL && *note != '\0')
    g_print (" (%s)", note);
  g_print ("\n");
}

static void
print_request (const JhkWorkRequest *r)
{
  g_autofree char *created = jhk_format_time (r->created_at);

  g_print (_("Request %lld: %s (%s)%s\n"), (long long) r->id,
           jhk_work_request_status_label (r->status), r->status,
           jhk_work_request_is_overdue (r, NULL) ? _(", overdue") : "");
  g_print (_("Office: %s; created by %s at %s\n"), jhk_cli_or_dash (r->office_name),
           jhk_cli_or_dash (r->creator_name), created);
  g_print (_("To: %s 殿 (%s); from: %s\n"), jhk_cli_or_dash (r->to_title),
           r->recipient != NULL && *r->recipient != '\0'
             ? jhk_work_request_recipient_label (r->recipient) : "-",
           jhk_cli_or_dash (r->from_title));
  g_print (_("Business: %s\n"), jhk_cli_or_dash (r->business_name));
  g_print (_("Summary: %s\n"), jhk_cli_or_dash (r->summary));
  g_print (_("Purpose: %s\n"), jhk_cli_or_dash (r->purpose));
  g_print (_("Wanted by: %s\n"), jhk_cli_or_dash (r->wanted_at));
  g_print (_("Information manager: %s %s; contact: %s (%s)\n"),
           jhk_cli_or_dash (r->manager_title), jhk_cli_or_dash (r->manager_name),
           jhk_cli_or_dash (r->contact_name), jhk_cli_or_dash (r->contact_phone));
  if (r->consent_at != 0)
    {
      g_autofree char *when = jhk_format_time (r->consent_at);

      g_print (_("Consent: %s %s (%s) at %s\n"), jhk_cli_or_dash (r->consent_title),
               jhk_cli_or_dash (r->consent_name), jhk_cli_or_dash (r->consent_phone), when);
    }
  for (guint i = 0; r->items != NULL && i < r->items->len; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

      g_print ("  %2u %s %s %d %s %s", i + 1,
               item->kind != NULL && *item->kind != '\0'
                 ? jhk_work_request_item_kind_label (item->kind) : "-",
               jhk_cli_or_dash (item->content), item->quantity, jhk_cli_or_dash (item->form),
               jhk_cli_or_dash (item->note));
      if (item->personal_data)
        g_print (_(" [personal data]"));
      if (item->material_id != 0)
        g_print (_(" [material %lld]"), (long long) item->material_id);
      g_print ("\n");
    }
  print_step (C_("work request", "Received"), r->received_at, r->received_handler, r->received_note, NULL, NULL);
  print_step (_("Processed"), r->processed_at, r->processed_handler, r->processed_note, NULL,
              NULL);
  print_step (_("Input returned"), r->input_returned_at, r->input_returned_handler, NULL,
              r->input_returned_to_office, r->input_returned_to_name);
  print_step (_("Output handed over"), r->output_delivered_at, r->output_delivered_handler, NULL,
              r->output_delivered_to_office, r->output_delivered_to_name);
  if (r->paper_continuous != 0 || r->paper_standard != 0 || r->paper_a4 != 0 ||
      r->paper_other != 0)
    g_print (_("Paper: continuous %d, standard %d, A4 %d, other %d %s\n"), r->paper_continuous,
             r->paper_standard, r->paper_a4, r->paper_other,
             r->paper_other_text != NULL ? r->paper_other_text : "");
  if (r->remarks != NULL && *r->remarks != '\0')
    g_print (_("Remarks: %s\n"), r->remarks);
  if (r->return_comment != NULL && *r->return_comment != '\0')
    g_print (_("Sent back: %s\n"), r->return_comment);
}

static int
cmd_show (JhkCliRun *run, int argc, char **argv)
{
  return jhk_cli_show_command (run, "request show", _("Usage: jhkctl request show ID"), argc, argv,
                               (JhkCliGetFunc) jhk_work_requests_get,
                               (GDestroyNotify) jhk_work_request_free,
                               (JhkCliJsonAdd) add_request, (JhkCliPrintFunc) print_request);
}

static int
cmd_create (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *file = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkWorkRequest) request = NULL;
  gboolean submit = FALSE;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("The request as a JSON object (“-” for standard input)"), "REQUEST.json" },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit, N_("Submit it at once"), NULL },
    { NULL }
  };

  if (!jhk_cli_parse_options ("request create", NULL, entries, &argc, &argv, &status))
    return status;
  if (argc != 1 || file == NULL)
    return jhk_cli_usage_error (_("Usage: jhkctl request create --file REQUEST.json [--submit]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  request = request_from_json (run->db, run->session, file, &error);
  if (request == NULL)
    return jhk_cli_rule_error (error);

  /* The draft and its submission together, or neither. */
  if (!jhk_db_begin (run->db, &error) ||
      (id = jhk_work_requests_save_draft (run->db, run->session, request, &error)) == 0 ||
      (submit && !jhk_work_requests_submit (run->db, run->session, id, &error)) ||
      !jhk_db_commit (run->db, &error))
    {
      if (jhk_db_in_transaction (run->db))
        jhk_db_rollback (run->db);
      return jhk_cli_rule_error (error);
    }

  /* Sooner than the receiving side usually needs: said, not refused. */
  warning = jhk_work_requests_lead_time_warning (run->db, request);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JhkWorkRequest) saved = NULL;

      if (submit)
        saved = jhk_work_requests_get (run->db, run->session, id, NULL);
      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "id", id);
      jhk_cli_json_add_string (builder, "status", !submit ? "draft"
                               : saved != NULL ? saved->status : "submitted");
      if (warning != NULL)
        jhk_cli_json_add_string (builder, "warning", warning);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
      return JHK_CLI_OK;
    }
  if (warning != NULL)
    g_printerr ("jhkctl: %s\n", warning);
  if (!submit)
    {
      g_print ("%" G_GINT64_FORMAT "\n", id);
      return JHK_CLI_OK;
    }
  return print_done (run, id, NULL);
}

typedef gboolean (*SimpleAction) (JhkDb       *db,
                                  JhkSession  *actor,
                                  gint64       request_id,
                                  GError     **error);

/* submit, withdraw, revise, complete: ID and nothing else. */
static int
simple_action (JhkCliRun    *run,
               int           argc,
               char        **argv,
               const char   *name,
               SimpleAction  action,
               const char   *new_status)
{
  g_autofree char *command = g_strdup_printf ("request %s", name);
  g_autofree char *usage = g_strdup_printf (_("Usage: jhkctl request %s ID"), name);
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, command, NULL, usage, argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!action (run->db, run->session, id, &error))
    return jhk_cli_rule_error (error);
  return print_done (run, id, new_status);
}

static int
cmd_submit (JhkCliRun *run, int argc, char **argv)
{
  return simple_action (run, argc, argv, "submit", jhk_work_requests_submit, NULL);
}

static int
cmd_withdraw (JhkCliRun *run, int argc, char **argv)
{
  return simple_action (run, argc, argv, "withdraw", jhk_work_requests_withdraw, "withdrawn");
}

static int
cmd_revise (JhkCliRun *run, int argc, char **argv)
{
  return simple_action (run, argc, argv, "revise", jhk_work_requests_revise, "draft");
}

static int
cmd_complete (JhkCliRun *run, int argc, char **argv)
{
  return simple_action (run, argc, argv, "complete", jhk_work_requests_complete, "completed");
}

/* R15-4: the business's manager consents. */
static int
cmd_consent (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *title = NULL, *name = NULL, *phone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Your title on the form (default: from your staff record)"), "TITLE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Your name on the form (default: from your staff record)"), "NAME" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone,
      N_("Your telephone on the form (default: from your staff record)"), "PHONE" },
    { NULL }
  };

  status = jhk_cli_run_id_command (
    run, "request consent", entries,
    _("Usage: jhkctl request consent ID [--title TITLE --name NAME --phone PHONE]"), argc, argv,
    &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_work_requests_consent (run->db, run->session, id, title, name, phone, &error))
    return jhk_cli_rule_error (error);
  return print_done (run, id, "submitted");
}

static int
cmd_send_back (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Why it is sent back"), "TEXT" },
    { NULL }
  };

  status = jhk_cli_run_id_command_requiring (
    run, "request send-back", entries, &comment,
    _("Usage: jhkctl request send-back ID --comment TEXT"), argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  if (!jhk_work_requests_send_back (run->db, run->session, id, comment, &error))
    return jhk_cli_rule_error (error);
  return print_done (run, id, "returned");
}

typedef gboolean (*StepAction) (JhkDb                    *db,
                                JhkSession               *actor,
                                gint64                    request_id,
                                const JhkWorkRequestStep *step,
                                GError                  **error);

/* receive, process (--note) and return-input, deliver-output (--to-office,
 * --to-name): one recording of 受理所属記入. */
static int
step_action (JhkCliRun   *run,
             int          argc,
             char       **argv,
             const char  *name,
             StepAction   action,
             gboolean     hand_over)
{
  g_autofree char *command = g_strdup_printf ("request %s", name);
  g_autofree char *at = NULL, *handler = NULL, *note = NULL, *to_office = NULL, *to_name = NULL;
  g_autoptr(GError) error = NULL;
  JhkWorkRequestStep step = { 0 };
  gint64 id;
  int status;
  GOptionEntry note_entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When, in local time"), "\"YYYY-MM-DD HH:MM\"" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler,
      N_("The person in charge (default: you)"), "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Particulars"), "TEXT" },
    { NULL }
  };
  GOptionEntry hand_over_entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When, in local time"), "\"YYYY-MM-DD HH:MM\"" },
    { "handler", 0, 0, G_OPTION_ARG_STRING, &handler,
      N_("The person in charge (default: you)"), "NAME" },
    { "to-office", 0, 0, G_OPTION_ARG_STRING, &to_office, N_("The receiver’s office"),
      "OFFICE" },
    { "to-name", 0, 0, G_OPTION_ARG_STRING, &to_name, N_("The receiver’s name"), "NAME" },
    { NULL }
  };

  if (!jhk_cli_parse_options (command, N_("ID"), hand_over ? hand_over_entries : note_entries,
                              &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || at == NULL ||
      (hand_over && (to_office == NULL || to_name == NULL)))
    return hand_over
      ? jhk_cli_usage_error (_("Usage: jhkctl request %s ID --at \"YYYY-MM-DD HH:MM\" "
                               "--to-office OFFICE --to-name NAME [--handler NAME]"), name)
      : jhk_cli_usage_error (_("Usage: jhkctl request %s ID --at \"YYYY-MM-DD HH:MM\" "
                               "[--handler NAME] [--note TEXT]"), name);
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  step.at = at;
  step.handler = handler;
  step.note = note;
  step.to_office = to_office;
  step.to_name = to_name;
  if (!action (run->db, run->session, id, &step, &error))
    return jhk_cli_rule_error (error);
  return print_done (run, id, "in_progress");
}

static int
cmd_receive (JhkCliRun *run, int argc, char **argv)
{
  return step_action (run, argc, argv, "receive", jhk_work_requests_receive, FALSE);
}

static int
cmd_process (JhkCliRun *run, int argc, char **argv)
{
  return step_action (run, argc, argv, "process", jhk_work_requests_process, FALSE);
}

static int
cmd_return_input (JhkCliRun *run, int argc, char **argv)
{
  return step_action (run, argc, argv, "return-input", jhk_work_requests_return_input, TRUE);
}

static int
cmd_deliver_output (JhkCliRun *run, int argc, char **argv)
{
  return step_action (run, argc, argv, "deliver-output", jhk_work_requests_deliver_output, TRUE);
}

/* 用紙 and 記事欄: the options given change, the others stay as recorded. */
static int
cmd_paper (JhkCliRun *run, int argc, char **argv)
{
  g_autofree char *other_text = NULL, *remarks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkWorkRequest) r = NULL;
  JhkWorkRequestPaper paper = { 0 };
  int continuous = G_MININT, standard = G_MININT, a4 = G_MININT, other = G_MININT;
  gint64 id;
  int status;
  GOptionEntry entries[] = {
    { "continuous", 0, 0, G_OPTION_ARG_INT, &continuous, N_("Sheets of continuous paper"),
      "N" },
    { "standard", 0, 0, G_OPTION_ARG_INT, &standard, N_("Sheets of standard-form paper"), "N" },
    { "a4", 0, 0, G_OPTION_ARG_INT, &a4, N_("Sheets of A4 paper"), "N" },
    { "other", 0, 0, G_OPTION_ARG_INT, &other, N_("Sheets of other paper"), "N" },
    { "other-text", 0, 0, G_OPTION_ARG_STRING, &other_text, N_("What the other paper is"),
      "TEXT" },
    { "remarks", 0, 0, G_OPTION_ARG_STRING, &remarks, N_("The remarks column (記事欄)"),
      "TEXT" },
    { NULL }
  };

  if (!jhk_cli_parse_options ("request paper", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id))
    return jhk_cli_usage_error (
      _("Usage: jhkctl request paper ID [--continuous N] [--standard N] [--a4 N] [--other N] "
        "[--other-text TEXT] [--remarks TEXT]"));
  if ((continuous != G_MININT && continuous < 0) || (standard != G_MININT && standard < 0) ||
      (a4 != G_MININT && a4 < 0) || (other != G_MININT && other < 0))
    return jhk_cli_usage_error (_("The sheet counts are 0 or more."));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  r = jhk_work_requests_get (run->db, run->session, id, &error);
  if (r == NULL)
    return jhk_cli_rule_error (error);
  paper.continuous = continuous != G_MININT ? continuous : r->paper_continuous;
  paper.standard = standard != G_MININT ? standard : r->paper_standard;
  paper.a4 = a4 != G_MININT ? a4 : r->paper_a4;
  paper.other = other != G_MININT ? other : r->paper_other;
  paper.other_text = other_text != NULL ? other_text : r->paper_other_text;
  paper.remarks = remarks != NULL ? remarks : r->remarks;
  if (!jhk_work_requests_set_paper (run->db, run->session, id, &paper, &error))
    return jhk_cli_rule_error (error);
  return print_done (run, id, r->status);
}

int
jhk_cli_request (JhkCliContext *context,
                 int            argc,
                 char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "show", cmd_show },
    { "create", cmd_create },
    { "submit", cmd_submit },
    { "consent", cmd_consent },
    { "send-back", cmd_send_back },
    { "withdraw", cmd_withdraw },
    { "revise", cmd_revise },
    { "receive", cmd_receive },
    { "process", cmd_process },
    { "return-input", cmd_return_input },
    { "deliver-output", cmd_deliver_output },
    { "paper", cmd_paper },
    { "complete", cmd_complete },
  };

  return jhk_cli_dispatch (
    context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
    _("request needs a subcommand: list, show, create, submit, consent, send-back, withdraw, "
      "revise, receive, process, return-input, deliver-output, paper or complete."),
    _("Unknown request subcommand “%s”."));
}

/* 別記様式第2号 as a PDF (RF2). */
int
jhk_cli_form2 (JhkCliContext *context,
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

  if (!jhk_cli_parse_options ("form2", N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], &id) || output == NULL)
    return jhk_cli_usage_error (_("Usage: jhkctl form2 ID -o FILE.pdf"));
  if ((status = jhk_cli_run_login (&run)) != JHK_CLI_OK)
    return status;
  if (!jhk_form2_request_write_pdf (run.db, run.session, id, output, &error))
    return jhk_cli_rule_error (error);
  if (context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "id", id);
      jhk_cli_json_add_string (builder, "file", output);
      json_builder_end_object (builder);
      jhk_cli_print_json_built (builder);
    }
  else
    g_print (_("Wrote form 2 (work request) of request %lld to %s.\n"), (long long) id, output);
  return JHK_CLI_OK;
}
