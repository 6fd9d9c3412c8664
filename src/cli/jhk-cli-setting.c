/* jhk-cli-setting.c: the organisation-wide settings on the command line,
 * issue 6 (R14-7, R14-9):
 *
 *   jhkctl setting list [--json]
 *   jhkctl setting set KEY VALUE
 *
 * Every JhkSetting with its key, value, default and range; a value is set
 * through jhk_settings_set_int(), whose rules (the システム管理者 only, the
 * range) are the command's. inquiry.business (the business of the check
 * sheets, R14-7) takes a business's code (B103) or id, or 0 for none; an
 * unknown or unapproved business is refused.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "jhk-cli.h"
#include "jhk-cli-setting.h"
#include "jhk-cli-util.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"

/* The code of business id (NULL when there is none). */
static char *
business_code (JhkDb  *db,
               gint64  id)
{
  char *code = NULL;

  if (id == 0)
    return NULL;
  jhk_db_query_text (db, &code, NULL, "SELECT code FROM businesses WHERE id = ?", JHK_I (id),
                     JHK_DB_END);
  return code;
}

static int
cmd_list (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(JsonBuilder) builder = NULL;
  int status;

  if (!jhk_cli_parse_options ("setting list", NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return jhk_cli_usage_error (_("Usage: jhkctl setting list [--json]"));
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;

  if (run->context->json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (int i = 0; i < JHK_N_SETTINGS; i++)
    {
      gint64 value = jhk_settings_get_int (run->db, i);
      g_autofree char *code = i == JHK_SETTING_INQUIRY_BUSINESS
                                ? business_code (run->db, value) : NULL;

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          jhk_cli_json_add_string (builder, "key", jhk_setting_get_key (i));
          jhk_cli_json_add_int (builder, "value", value);
          jhk_cli_json_add_int (builder, "default", jhk_setting_get_default (i));
          jhk_cli_json_add_int (builder, "minimum", jhk_setting_get_minimum (i));
          jhk_cli_json_add_int (builder, "maximum", jhk_setting_get_maximum (i));
          if (i == JHK_SETTING_INQUIRY_BUSINESS)
            jhk_cli_json_add_string (builder, "business", code);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *key = g_strdup_printf ("%-24s", jhk_setting_get_key (i));

          /* TRANSLATORS: a setting's key, value, default, and range. */
          g_print (_("%s %lld%s%s%s (default %lld, %lld to %lld)\n"), key, (long long) value,
                   code != NULL ? " (" : "", code != NULL ? code : "", code != NULL ? ")" : "",
                   (long long) jhk_setting_get_default (i),
                   (long long) jhk_setting_get_minimum (i),
                   (long long) jhk_setting_get_maximum (i));
        }
    }
  if (builder != NULL)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      jhk_cli_print_json (root);
    }
  return JHK_CLI_OK;
}

/* A whole decimal integer, sign allowed. */
static gboolean
parse_int (const char *text,
           gint64     *value)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

/* inquiry.business: a code or an id; the service refuses an unknown or
 * unapproved business. */
static gboolean
parse_business (JhkDb       *db,
                const char  *text,
                gint64      *value,
                GError     **error)
{
  if (parse_int (text, value))
    return TRUE;
  if ((*value = jhk_org_find_business (db, text)) == 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no business with the code %s."), text);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_set (JhkCliRun *run, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  JhkSetting setting;
  gint64 value = 0;
  int status;

  /* A negative value is not an option. */
  if (!(argc == 3 && parse_int (argv[2], &value)) &&
      !jhk_cli_parse_options ("setting set", N_("KEY VALUE"), NULL, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return jhk_cli_usage_error (_("Usage: jhkctl setting set KEY VALUE"));
  setting = jhk_setting_from_key (argv[1]);
  if (setting == JHK_N_SETTINGS)
    return jhk_cli_usage_error (_("There is no setting “%s”: jhkctl setting list shows them."),
                                argv[1]);
  if (setting != JHK_SETTING_INQUIRY_BUSINESS && !parse_int (argv[2], &value))
    return jhk_cli_usage_error (_("The value of %s is a whole number."), argv[1]);
  if ((status = jhk_cli_run_login (run)) != JHK_CLI_OK)
    return status;
  if (setting == JHK_SETTING_INQUIRY_BUSINESS &&
      !parse_business (run->db, argv[2], &value, &error))
    return jhk_cli_rule_error (error);
  if (!jhk_settings_set_int (run->db, run->session, setting, value, &error))
    return jhk_cli_rule_error (error);
  if (run->context->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      jhk_cli_json_add_string (builder, "key", argv[1]);
      jhk_cli_json_add_int (builder, "value", value);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      jhk_cli_print_json (root);
    }
  else if (setting == JHK_SETTING_INQUIRY_BUSINESS && value != 0)
    {
      g_autofree char *code = business_code (run->db, value);

      g_print (_("Set %s to %lld (%s).\n"), argv[1], (long long) value, jhk_cli_or_dash (code));
    }
  else
    g_print (_("Set %s to %lld.\n"), argv[1], (long long) value);
  return JHK_CLI_OK;
}

int
jhk_cli_setting (JhkCliContext *context,
                 int            argc,
                 char         **argv)
{
  static const JhkCliSubcommand subcommands[] = {
    { "list", cmd_list },
    { "set", cmd_set },
  };

  return jhk_cli_dispatch (context, subcommands, G_N_ELEMENTS (subcommands), argc, argv,
                           _("setting needs a subcommand: list or set."),
                           _("Unknown setting subcommand “%s”."));
}
