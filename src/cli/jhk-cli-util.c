/* jhk-cli-util.c: what every jhkctl command shares. */
#include <glib/gi18n.h>

#include "jhk-cli.h"
#include "jhk-cli-util.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-row.h"
#include "jhk-settings.h"

int
jhk_cli_usage_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("jhkctl: %s\n", message);
  g_printerr (_("Run “jhkctl --help” for usage.\n"));
  return JHK_CLI_USAGE_ERROR;
}

int
jhk_cli_rule_error (GError *error)
{
  g_printerr ("jhkctl: %s\n", error->message);
  return JHK_CLI_RULE_ERROR;
}

gboolean
jhk_cli_parse_options (const char    *command,
                       const char    *parameter_string,
                       GOptionEntry  *entries,
                       int           *argc,
                       char        ***argv,
                       int           *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("jhkctl %s", command);

  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = jhk_cli_usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

int
jhk_cli_run_login (JhkCliRun *run)
{
  return run->context->login (run->context->data, &run->db, &run->session);
}

int
jhk_cli_run_id_command (JhkCliRun     *run,
                        const char    *command,
                        GOptionEntry  *entries,
                        const char    *usage,
                        int            argc,
                        char         **argv,
                        gint64        *id)
{
  return jhk_cli_run_id_command_requiring (run, command, entries, NULL, usage, argc, argv, id);
}

int
jhk_cli_run_id_command_requiring (JhkCliRun     *run,
                                  const char    *command,
                                  GOptionEntry  *entries,
                                  char         **required,
                                  const char    *usage,
                                  int            argc,
                                  char         **argv,
                                  gint64        *id)
{
  int status;

  if (!jhk_cli_parse_options (command, N_("ID"), entries, &argc, &argv, &status))
    return status;
  if (argc != 2 || !jhk_cli_parse_id (argv[1], id) || (required != NULL && *required == NULL))
    return jhk_cli_usage_error ("%s", usage);
  return jhk_cli_run_login (run);
}

int
jhk_cli_dispatch (JhkCliContext          *context,
                  const JhkCliSubcommand *subcommands,
                  guint                   n_subcommands,
                  int                     argc,
                  char                  **argv,
                  const char             *missing,
                  const char             *unknown)
{
  JhkCliRun run = { context, NULL, NULL };

  if (argc < 2)
    return jhk_cli_usage_error ("%s", missing);
  for (guint i = 0; i < n_subcommands; i++)
    if (g_strcmp0 (argv[1], subcommands[i].name) == 0)
      return subcommands[i].func (&run, argc - 1, argv + 1);
  /* unknown is each family's translated "Unknown … subcommand “%s”." */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return jhk_cli_usage_error (unknown, argv[1]);
#pragma GCC diagnostic pop
}

int
jhk_cli_show_command (JhkCliRun       *run,
                      const char      *command,
                      const char      *usage,
                      int              argc,
                      char           **argv,
                      JhkCliGetFunc    get,
                      GDestroyNotify   free_func,
                      JhkCliJsonAdd    add,
                      JhkCliPrintFunc  print)
{
  g_autoptr(GError) error = NULL;
  gpointer item;
  gint64 id;
  int status;

  status = jhk_cli_run_id_command (run, command, NULL, usage, argc, argv, &id);
  if (status != JHK_CLI_OK)
    return status;
  item = get (run->db, run->session, id, &error);
  if (item == NULL)
    return jhk_cli_rule_error (error);
  if (run->context->json)
    jhk_cli_print_json_item (item, add);
  else
    print (item);
  free_func (item);
  return JHK_CLI_OK;
}

gboolean
jhk_cli_parse_id (const char *text,
                  gint64     *id)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

const char *
jhk_cli_or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "-";
}

void
jhk_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
jhk_cli_print_json_built (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  jhk_cli_print_json (root);
}

void
jhk_cli_print_json_item (gconstpointer item,
                         JhkCliJsonAdd add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add (builder, item);
  jhk_cli_print_json_built (builder);
}

void
jhk_cli_print_json_list (GPtrArray     *list,
                         JhkCliJsonAdd  add)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    add (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);
  jhk_cli_print_json_built (builder);
}

void
jhk_cli_print_json_ints (const char *first_name,
                         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  va_list ap;

  json_builder_begin_object (builder);
  va_start (ap, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (ap, const char *))
    jhk_cli_json_add_int (builder, name, va_arg (ap, gint64));
  va_end (ap);
  json_builder_end_object (builder);
  jhk_cli_print_json_built (builder);
}

void
jhk_cli_json_add_string (JsonBuilder *builder,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
jhk_cli_json_add_int (JsonBuilder *builder,
                      const char  *name,
                      gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
jhk_cli_json_add_id (JsonBuilder *builder,
                     const char  *name,
                     gint64       id)
{
  json_builder_set_member_name (builder, name);
  if (id != 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

void
jhk_cli_json_add_bool (JsonBuilder *builder,
                       const char  *name,
                       gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
jhk_cli_json_add_time (JsonBuilder *builder,
                       const char  *name,
                       gint64       us)
{
  g_autofree char *text = us != 0 ? jhk_format_time (us) : NULL;

  jhk_cli_json_add_string (builder, name, text);
}

gint64
jhk_cli_find_office (JhkDb       *db,
                     const char  *code,
                     GError     **error)
{
  gint64 id = jhk_org_find_unit (db, code);

  if (id == 0)
    g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                 _("There is no office with the code %s."), code);
  return id;
}

gint64
jhk_cli_find_business (JhkDb       *db,
                       const char  *code,
                       GError     **error)
{
  gint64 id = jhk_org_find_business (db, code);

  if (id == 0)
    g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                 _("There is no business with the code %s."), code);
  return id;
}

gint64
jhk_cli_find_staff (JhkDb       *db,
                    const char  *staff_no,
                    GError     **error)
{
  gint64 id = jhk_org_find_staff (db, staff_no);

  if (id == 0)
    g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                 _("There is no staff member with the number %s."), staff_no);
  return id;
}

/* A time column's text as µs; 0 when NULL or empty. */
static gint64
us_of_text (const char *us)
{
  return us != NULL ? g_ascii_strtoll (us, NULL, 10) : 0;
}

char *
jhk_cli_format_us (gint64 us)
{
  return us != 0 ? jhk_format_time (us) : g_strdup ("-");
}

char *
jhk_cli_format_us_text (const char *us)
{
  return jhk_cli_format_us (us_of_text (us));
}

char *
jhk_cli_format_japan_time (gint64 us)
{
  return jhk_format_japan_time (us);
}

char *
jhk_cli_format_japan_text (const char *us)
{
  gint64 value = us_of_text (us);

  return value != 0 ? jhk_cli_format_japan_time (value) : g_strdup ("-");
}

void
jhk_cli_print_model_json (JhkQueryModel      *model,
                          const JhkCliColumn *columns,
                          guint               limit)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (limit > 0 && limit < n)
    n = limit;
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      json_builder_begin_object (builder);
      jhk_cli_json_add_int (builder, "id", jhk_row_get_id (row));
      for (const JhkCliColumn *c = columns; c->name != NULL; c++)
        {
          int index = jhk_query_model_column (model, c->name);
          const char *value = index >= 0 ? jhk_row_get (row, index) : NULL;

          json_builder_set_member_name (builder, c->name);
          if (value == NULL)
            json_builder_add_null_value (builder);
          else if (c->type == 'i')
            json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
          else if (c->type == 'b')
            json_builder_add_boolean_value (builder, g_ascii_strtoll (value, NULL, 10) != 0);
          else if (c->type == 't' || c->type == 'j')
            {
              gint64 us = g_ascii_strtoll (value, NULL, 10);
              g_autofree char *text = us == 0 ? NULL
                                      : c->type == 'j' ? jhk_cli_format_japan_time (us)
                                      : jhk_format_time (us);

              if (text != NULL)
                json_builder_add_string_value (builder, text);
              else
                json_builder_add_null_value (builder);
            }
          else
            json_builder_add_string_value (builder, value);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  jhk_cli_print_json_built (builder);
}

char *
jhk_cli_pad (const char *text,
             guint       width)
{
  GString *out = g_string_new (text != NULL && *text != '\0' ? text : "-");
  guint used = 0;

  for (const char *p = out->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      used += g_unichar_iswide (c) ? 2 : g_unichar_iszerowidth (c) ? 0 : 1;
    }
  while (used++ < width)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}
