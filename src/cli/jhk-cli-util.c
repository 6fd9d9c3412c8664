/* jhk-cli-util.c: what every jhkctl command shares. */
#include <glib/gi18n.h>

#include "jhk-cli.h"
#include "jhk-cli-util.h"

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
