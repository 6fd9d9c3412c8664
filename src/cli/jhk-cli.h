/* jhk-cli.h: jhkctl, the command-line front end. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of jhkctl. */
enum
{
  JHK_CLI_OK = 0,
  JHK_CLI_RULE_ERROR = 1,   /* a rule or input error: nothing was changed */
  JHK_CLI_USAGE_ERROR = 2,  /* the command line itself is wrong */
};

int jhk_cli_run (int    argc,
                 char **argv);

G_END_DECLS
