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

/* The count of "SELECT COUNT(*) FROM <from> WHERE <where>", or of the rows
 * of a whole query (where starting with "SELECT"); where is made of
 * format. 0 when the query fails (logged with g_debug). */
guint jhk_attention_count (JhkDb      *db,
                           const char *from,
                           const char *format,
                           ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
