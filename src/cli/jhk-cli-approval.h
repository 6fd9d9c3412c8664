/* jhk-cli-approval.h: jhkctl approval … (R15-2, R16-2) and the sign-offs of
 * 様式第1号 (jhkctl material signoff, material request-signoffs). */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-cli-material.h"

G_BEGIN_DECLS

int  jhk_cli_approval              (JhkCliContext *context,
                                    int            argc,
                                    char         **argv);
/* jhkctl material signoff ID --stage created|final [--role ROLE] */
int  jhk_cli_material_signoff      (JhkCliContext *context,
                                    int            argc,
                                    char         **argv);
/* jhkctl material request-signoffs ID: the disposer asks for the final
 * confirmations. */
int  jhk_cli_material_request_signoffs (JhkCliContext *context,
                                        int            argc,
                                        char         **argv);
/* For material show --json: "signoffs" and "approvals" members of the
 * material's object. */
void jhk_cli_add_signoffs_json     (JsonBuilder   *builder,
                                    GPtrArray     *signoffs);
gboolean jhk_cli_add_approvals_json (JsonBuilder  *builder,
                                     JhkDb        *db,
                                     JhkSession   *session,
                                     gint64        material_id,
                                     GError      **error);

G_END_DECLS
