/* jhk-row.c: a row of text values. */
#include "jhk-row.h"

struct _JhkRow
{
  GObject  parent_instance;
  gint64   id;
  GStrv    columns;  /* shared, reference-counted with g_atomic_rc_box */
  char   **values;
  guint    n_values;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_VALUES_CHANGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (JhkRow, jhk_row, G_TYPE_OBJECT)

static void
free_values (JhkRow *self)
{
  for (guint i = 0; i < self->n_values; i++)
    g_free (self->values[i]);
  g_free (self->values);
  self->values = NULL;
}

static void
columns_clear (gpointer data)
{
  char **columns = data;

  for (guint i = 0; columns[i] != NULL; i++)
    g_free (columns[i]);
}

static void
jhk_row_finalize (GObject *object)
{
  JhkRow *self = JHK_ROW (object);

  free_values (self);
  g_atomic_rc_box_release_full (self->columns, columns_clear);

  G_OBJECT_CLASS (jhk_row_parent_class)->finalize (object);
}

static void
jhk_row_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JhkRow *self = JHK_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_VALUES_CHANGED:
      g_value_set_boolean (value, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_row_class_init (JhkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jhk_row_finalize;
  object_class->get_property = jhk_row_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified when jhk_row_update() replaced the values. */
  properties[PROP_VALUES_CHANGED] =
    g_param_spec_boolean ("values", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jhk_row_init (JhkRow *self)
{
}

static void
set_values (JhkRow             *self,
            const char *const  *values)
{
  self->values = g_new0 (char *, self->n_values);
  for (guint i = 0; i < self->n_values; i++)
    self->values[i] = g_strdup (values[i]);
}

JhkRow *
jhk_row_new (gint64             id,
             GStrv              columns,
             const char *const *values)
{
  JhkRow *self = g_object_new (JHK_TYPE_ROW, NULL);

  self->id = id;
  self->columns = g_atomic_rc_box_acquire (columns);
  self->n_values = g_strv_length (columns);
  set_values (self, values);
  return self;
}

gint64
jhk_row_get_id (JhkRow *self)
{
  g_return_val_if_fail (JHK_IS_ROW (self), 0);
  return self->id;
}

guint
jhk_row_get_n_values (JhkRow *self)
{
  return self->n_values;
}

const char *
jhk_row_get (JhkRow *self,
             guint   column)
{
  g_return_val_if_fail (JHK_IS_ROW (self), NULL);
  g_return_val_if_fail (column < self->n_values, NULL);
  return self->values[column];
}

const char *
jhk_row_get_by_name (JhkRow     *self,
                     const char *name)
{
  g_return_val_if_fail (JHK_IS_ROW (self), NULL);

  for (guint i = 0; i < self->n_values; i++)
    if (g_strcmp0 (self->columns[i], name) == 0)
      return self->values[i];
  g_return_val_if_reached (NULL);
}

gint64
jhk_row_get_int64 (JhkRow *self,
                   guint   column)
{
  const char *value = jhk_row_get (self, column);
  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

void
jhk_row_update (JhkRow            *self,
                const char *const *values)
{
  gboolean same = TRUE;

  g_return_if_fail (JHK_IS_ROW (self));

  for (guint i = 0; i < self->n_values && same; i++)
    same = g_strcmp0 (self->values[i], values[i]) == 0;
  if (same)
    return;
  free_values (self);
  set_values (self, values);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUES_CHANGED]);
}
