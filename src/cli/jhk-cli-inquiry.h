/* jhk-cli-inquiry.h: jhkctl import inquiries|trails, inquiry …, inquirer …
 * and holiday …: 照会点検 (R14-1, R14-5..7, R14-9), issue 6. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

/* argv[0] is "import", and the first argument not an option is
 * "inquiries" or "trails". */
int      jhk_cli_import_inquiries (JhkCliContext *context,
                                   int            argc,
                                   char         **argv);
/* Whether `jhkctl import ARGS` imports inquiries or trails (the first
 * argument not an option names them). */
gboolean jhk_cli_import_is_inquiries (int    argc,
                                      char **argv);

int      jhk_cli_inquiry  (JhkCliContext *context,
                           int            argc,
                           char         **argv);
int      jhk_cli_inquirer (JhkCliContext *context,
                           int            argc,
                           char         **argv);
int      jhk_cli_holiday  (JhkCliContext *context,
                           int            argc,
                           char         **argv);

G_END_DECLS
