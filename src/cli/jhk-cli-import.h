/* jhk-cli-import.h: `jhkctl import materials FILE.csv`. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

/* argv[0] is "import". Returns jhkctl's exit status. */
int jhk_cli_import (JhkCliContext *context,
                    int            argc,
                    char         **argv);

G_END_DECLS
