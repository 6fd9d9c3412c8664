/* jhk-cli-setting.h: jhkctl setting list | set, the organisation-wide
 * settings (jhk-settings.h), issue 6. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int jhk_cli_setting (JhkCliContext *context,
                     int            argc,
                     char         **argv);

G_END_DECLS
