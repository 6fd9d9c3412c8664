/* jhk-cli-util.h: what every jhkctl command shares: its exit statuses'
 * messages and option parsing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints "jhkctl: MESSAGE" and where the usage is; returns
 * JHK_CLI_USAGE_ERROR. */
int      jhk_cli_usage_error    (const char    *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* Prints the error's message; returns JHK_CLI_RULE_ERROR. */
int      jhk_cli_rule_error     (GError        *error);
/* Parses a command's options; argv[0] is the command name. On a usage
 * error returns FALSE with *status set. */
gboolean jhk_cli_parse_options  (const char    *command,
                                 const char    *parameter_string,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 int           *status);

G_END_DECLS
