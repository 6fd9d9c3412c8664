/* jhk-db-watch.c: tells when the data changed, whoever changed it. */
#include "jhk-db-watch.h"

struct _JhkDbWatch
{
  GObject  parent_instance;
  JhkDb   *db;
  gint64   version;
  guint    source_id;
};

G_DEFINE_FINAL_TYPE (JhkDbWatch, jhk_db_watch, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
jhk_db_watch_check (JhkDbWatch *self)
{
  gint64 version;

  g_return_val_if_fail (JHK_IS_DB_WATCH (self), FALSE);

  /* Not while this connection is inside a transaction of its own: what it
   * sees then is its own snapshot. */
  if (jhk_db_in_transaction (self->db))
    return FALSE;
  version = jhk_db_get_data_version (self->db);
  if (version == self->version)
    return FALSE;
  self->version = version;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
poll_cb (gpointer data)
{
  jhk_db_watch_check (data);
  return G_SOURCE_CONTINUE;
}

static void
jhk_db_watch_dispose (GObject *object)
{
  JhkDbWatch *self = JHK_DB_WATCH (object);

  g_clear_handle_id (&self->source_id, g_source_remove);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (jhk_db_watch_parent_class)->dispose (object);
}

static void
jhk_db_watch_class_init (JhkDbWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jhk_db_watch_dispose;

  /* The data changed: refresh what is shown. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jhk_db_watch_init (JhkDbWatch *self)
{
}

JhkDbWatch *
jhk_db_watch_new (JhkDb *db,
                  guint  interval_ms)
{
  JhkDbWatch *self;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  self = g_object_new (JHK_TYPE_DB_WATCH, NULL);
  self->db = g_object_ref (db);
  self->version = jhk_db_get_data_version (db);
  if (interval_ms > 0)
    {
      self->source_id = g_timeout_add (interval_ms, poll_cb, self);
      g_source_set_name_by_id (self->source_id, "[jhk] database watch");
    }
  return self;
}
