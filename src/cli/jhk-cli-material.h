/* jhk-cli-material.h: jhkctl material and form1 (the materials ledger). */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* What the commands need of jhkctl: --json, and a login that opens the
 * database and authenticates --user, returning an exit status. */
typedef struct
{
  gboolean json;
  int    (*login) (gpointer     data,
                   JhkDb      **db,
                   JhkSession **session);
  gpointer data;
} JhkCliContext;

int jhk_cli_material (JhkCliContext *context,
                      int            argc,
                      char         **argv);
int jhk_cli_form1    (JhkCliContext *context,
                      int            argc,
                      char         **argv);

G_END_DECLS
