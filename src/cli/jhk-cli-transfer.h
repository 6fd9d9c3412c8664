/* jhk-cli-transfer.h: jhkctl delivery … and transfer … (第17-4, 第17-5). */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int jhk_cli_delivery (JhkCliContext *context,
                      int            argc,
                      char         **argv);
int jhk_cli_transfer (JhkCliContext *context,
                      int            argc,
                      char         **argv);

G_END_DECLS
