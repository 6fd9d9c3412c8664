/* jhk-page.c: the database and the session a workspace page works with. */
#include "jhk-page.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *session;
  gboolean    stale;
} JhkPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JhkPage, jhk_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DB,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The subclasses' dispose runs first and may still use both. */
static void
jhk_page_dispose (GObject *object)
{
  JhkPagePrivate *priv = jhk_page_get_instance_private (JHK_PAGE (object));

  g_clear_object (&priv->session);
  g_clear_object (&priv->db);

  G_OBJECT_CLASS (jhk_page_parent_class)->dispose (object);
}

static void
jhk_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  JhkPagePrivate *priv = jhk_page_get_instance_private (JHK_PAGE (object));

  switch (prop_id)
    {
    case PROP_DB:
      priv->db = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JhkPagePrivate *priv = jhk_page_get_instance_private (JHK_PAGE (object));

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, priv->db);
      break;
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reload (JhkPage *self)
{
  JhkPagePrivate *priv = jhk_page_get_instance_private (self);

  priv->stale = FALSE;
  if (JHK_PAGE_GET_CLASS (self)->reload != NULL)
    JHK_PAGE_GET_CLASS (self)->reload (self);
}

static void
jhk_page_map (GtkWidget *widget)
{
  JhkPagePrivate *priv = jhk_page_get_instance_private (JHK_PAGE (widget));

  GTK_WIDGET_CLASS (jhk_page_parent_class)->map (widget);
  if (priv->stale)
    reload (JHK_PAGE (widget));
}

void
jhk_page_data_changed (JhkPage *self)
{
  JhkPagePrivate *priv;

  g_return_if_fail (JHK_IS_PAGE (self));

  priv = jhk_page_get_instance_private (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    priv->stale = TRUE;
}

static void
jhk_page_class_init (JhkPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  GTK_WIDGET_CLASS (klass)->map = jhk_page_map;

  object_class->dispose = jhk_page_dispose;
  object_class->set_property = jhk_page_set_property;
  object_class->get_property = jhk_page_get_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, JHK_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JHK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jhk_page_init (JhkPage *self)
{
}

GtkWidget *
jhk_page_new (GType       page_type,
              JhkDb      *db,
              JhkSession *session)
{
  g_return_val_if_fail (g_type_is_a (page_type, JHK_TYPE_PAGE), NULL);
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (session), NULL);

  return g_object_new (page_type, "db", db, "session", session, NULL);
}

JhkDb *
jhk_page_get_db (JhkPage *self)
{
  JhkPagePrivate *priv;

  g_return_val_if_fail (JHK_IS_PAGE (self), NULL);

  priv = jhk_page_get_instance_private (self);
  return priv->db;
}

JhkSession *
jhk_page_get_session (JhkPage *self)
{
  JhkPagePrivate *priv;

  g_return_val_if_fail (JHK_IS_PAGE (self), NULL);

  priv = jhk_page_get_instance_private (self);
  return priv->session;
}
