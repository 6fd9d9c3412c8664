/* jhk-row.h: one row of a JhkQueryModel, its values as text. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JHK_TYPE_ROW (jhk_row_get_type ())
G_DECLARE_FINAL_TYPE (JhkRow, jhk_row, JHK, ROW, GObject)

/* columns is shared between the rows of a model; values are copied. */
JhkRow     *jhk_row_new        (gint64             id,
                                GStrv              columns,
                                const char *const *values);
gint64      jhk_row_get_id     (JhkRow     *self);
guint       jhk_row_get_n_values (JhkRow   *self);
/* NULL for SQL NULL. */
const char *jhk_row_get        (JhkRow     *self,
                                guint       column);
const char *jhk_row_get_by_name(JhkRow     *self,
                                const char *name);
gint64      jhk_row_get_int64  (JhkRow     *self,
                                guint       column);
/* Replaces the values (after the row was re-read); notifies "values". */
void        jhk_row_update     (JhkRow             *self,
                                const char *const  *values);

G_END_DECLS
