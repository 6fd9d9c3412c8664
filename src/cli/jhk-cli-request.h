/* jhk-cli-request.h: jhkctl request … and jhkctl form2, the 作業依頼書
 * (R15-4, 別記様式第2号 RF2), issue 5. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int jhk_cli_request (JhkCliContext *context,
                     int            argc,
                     char         **argv);
int jhk_cli_form2   (JhkCliContext *context,
                     int            argc,
                     char         **argv);

G_END_DECLS
