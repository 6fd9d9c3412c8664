/* jhk-attention-private.h: what the dashboard's sources of items share. */
#pragma once

#include "jhk-attention.h"

G_BEGIN_DECLS

/* Adds an item of workspace to items when count is not 0; takes subtitle
 * either way. key, icon and workspace are static strings. */
void jhk_attention_add_item (GPtrArray  *items,
                             const char *workspace,
                             const char *key,
                             guint       count,
                             const char *title,
                             char       *subtitle,
                             const char *icon);

G_END_DECLS
