/* jhk-cli-incident.h: jhkctl incident … and playbook …: 事故対処 (第19,
 * R19-1..5), issue 7. */
#pragma once

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int jhk_cli_incident (JhkCliContext *context,
                      int            argc,
                      char         **argv);
int jhk_cli_playbook (JhkCliContext *context,
                      int            argc,
                      char         **argv);

G_END_DECLS
