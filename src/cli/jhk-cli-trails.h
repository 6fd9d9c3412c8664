/* jhk-cli-trails.h: jhkctl trails … and trail-request …, the access trails
 * (R13-3, R13-4), issue 6. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int jhk_cli_trails        (JhkCliContext *context,
                           int            argc,
                           char         **argv);
int jhk_cli_trail_request (JhkCliContext *context,
                           int            argc,
                           char         **argv);

G_END_DECLS
