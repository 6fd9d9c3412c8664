/* jhk-db-watch.c: tells when the data changed, whoever changed it.
 *
 * Listening (PostgreSQL): the watch waits on the connection's socket in the
 * main context it was made in. When the socket has something, libpq reads
 * it (PQconsumeInput) and the backend hands over the names of the tables
 * that others changed; notifications that came with a statement's result
 * wake the watch through an idle (jhk_db_listen's wake function), since the
 * socket will not. "changed" follows at once when the last one is 100 ms
 * past, else when they are: a burst of writes elsewhere refreshes the pages
 * at most ten times a second, each time with every table of the burst.
 *
 * A lost session is noticed on the socket; the watch then tries to replace
 * it every two seconds, and once it is back says that anything may have
 * changed (tables NULL), since what happened meanwhile went unheard.
 */
#include <glib-unix.h>

#include "jhk-db-private.h"
#include "jhk-db-watch.h"

/* At most one "changed" per this many µs while listening. */
#define EMIT_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)
/* How often a lost session is tried again. */
#define RECONNECT_INTERVAL_MS 2000

struct _JhkDbWatch
{
  GObject       parent_instance;
  JhkDb        *db;
  GMainContext *context;
  guint         interval_ms;

  /* Polling: the data version at the last check. */
  gint64        version;
  GSource      *poll_source;

  /* Listening. */
  gboolean      listening;
  int           fd;
  GSource      *fd_source;
  GSource      *wake_source;
  GSource      *emit_source;
  GSource      *reconnect_source;
  /* Changed tables not yet told; all: anything may have changed. */
  GHashTable   *pending;
  gboolean      pending_all;
  gint64        last_emit;
  /* During "changed": what changed (NULL: not known). */
  GStrv         tables;
  gboolean      emitting;
};

G_DEFINE_FINAL_TYPE (JhkDbWatch, jhk_db_watch, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static GSource *
add_source (JhkDbWatch  *self,
            GSource     *source,
            GSourceFunc  func,
            const char  *name)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_set_name (source, name);
  g_source_attach (source, self->context);
  return source;
}

gboolean
jhk_db_watch_tables_include (const char * const *tables,
                             const char         *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return tables == NULL || g_strv_contains (tables, table);
}

const char * const *
jhk_db_watch_get_tables (JhkDbWatch *self)
{
  g_return_val_if_fail (JHK_IS_DB_WATCH (self), NULL);
  g_return_val_if_fail (self->emitting, NULL);
  return (const char * const *) self->tables;
}

gboolean
jhk_db_watch_is_listening (JhkDbWatch *self)
{
  g_return_val_if_fail (JHK_IS_DB_WATCH (self), FALSE);
  return self->listening;
}

static gboolean
has_pending (JhkDbWatch *self)
{
  return self->pending_all || g_hash_table_size (self->pending) > 0;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Tells what is pending, in one emission. */
static void
emit_pending (JhkDbWatch *self)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JhkDbWatch) keep = g_object_ref (self);
  GStrv outer = g_steal_pointer (&self->tables);
  gboolean was_emitting = self->emitting;

  if (!self->pending_all)
    {
      GHashTableIter iter;
      gpointer name;

      names = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      g_ptr_array_add (names, NULL);
    }
  g_hash_table_remove_all (self->pending);
  self->pending_all = FALSE;
  self->last_emit = g_get_monotonic_time ();
  self->tables = names != NULL ? (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE)
                                : NULL;
  self->emitting = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
  /* A handler may have checked again, emitting inside this emission. */
  g_clear_pointer (&self->tables, g_strfreev);
  self->tables = outer;
  self->emitting = was_emitting;
}

static gboolean emit_cb (gpointer data);

/* Emits now when the last emission is far enough behind and this thread is
 * between transactions (what a handler reads then is current); else
 * later. */
static void
schedule_emit (JhkDbWatch *self)
{
  gint64 wait;

  if (!has_pending (self) || self->emit_source != NULL)
    return;
  wait = self->last_emit + EMIT_INTERVAL_US - g_get_monotonic_time ();
  if (jhk_db_in_transaction (self->db))
    wait = MAX (wait, EMIT_INTERVAL_US);
  if (wait <= 0)
    {
      emit_pending (self);
      return;
    }
  self->emit_source = add_source (self, g_timeout_source_new (MAX (wait / 1000, 1)), emit_cb,
                                  "[jhk] database watch: changed");
}

static gboolean
emit_cb (gpointer data)
{
  JhkDbWatch *self = data;

  g_clear_pointer (&self->emit_source, g_source_unref);
  schedule_emit (self);
  return G_SOURCE_REMOVE;
}

static gboolean socket_cb (int fd, GIOCondition condition, gpointer data);
static gboolean reconnect_cb (gpointer data);

/* Waits on the connection's current socket: a new session has a new one. */
static void
follow_socket (JhkDbWatch *self)
{
  int fd = jhk_db_get_socket (self->db);

  if (fd == self->fd && self->fd_source != NULL)
    return;
  clear_source (&self->fd_source);
  self->fd = fd;
  if (fd < 0)
    return;
  self->fd_source = add_source (self, g_unix_fd_source_new (fd, G_IO_IN | G_IO_HUP | G_IO_ERR),
                                (GSourceFunc) (void (*) (void)) socket_cb,
                                "[jhk] database watch: socket");
}

/* Takes what the backend heard into pending. FALSE when the session is
 * gone: the watch then tries again every few seconds. */
static gboolean
read_changes (JhkDbWatch *self,
              gboolean    sync)
{
  g_autoptr(GError) error = NULL;
  gboolean missed = FALSE;

  if (!jhk_db_read_changes (self->db, sync, self->pending, &missed, &error))
    {
      g_debug ("Database watch: %s", error->message);
      clear_source (&self->fd_source);
      self->fd = -1;
      if (self->reconnect_source == NULL)
        self->reconnect_source = add_source (self, g_timeout_source_new (RECONNECT_INTERVAL_MS),
                                             reconnect_cb, "[jhk] database watch: reconnect");
      return FALSE;
    }
  if (missed)
    self->pending_all = TRUE;
  follow_socket (self);
  return TRUE;
}

static gboolean
socket_cb (int          fd,
           GIOCondition condition,
           gpointer     data)
{
  JhkDbWatch *self = data;

  /* The socket was closed under the watch (a new session took another
   * one): read_changes() follows the new one. */
  if (condition & G_IO_NVAL)
    {
      g_clear_pointer (&self->fd_source, g_source_unref);
      self->fd = -1;
      if (read_changes (self, FALSE))
        schedule_emit (self);
      return G_SOURCE_REMOVE;
    }
  if (read_changes (self, FALSE))
    schedule_emit (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
reconnect_cb (gpointer data)
{
  JhkDbWatch *self = data;
  g_autoptr(GError) error = NULL;
  gboolean missed = FALSE;

  /* Not in the middle of someone's transaction: its end decides. */
  if (jhk_db_in_transaction (self->db))
    return G_SOURCE_CONTINUE;
  if (!jhk_db_read_changes (self->db, FALSE, self->pending, &missed, &error))
    {
      g_debug ("Database watch: still no session: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  g_clear_pointer (&self->reconnect_source, g_source_unref);
  self->pending_all = TRUE;
  follow_socket (self);
  schedule_emit (self);
  return G_SOURCE_REMOVE;
}

static gboolean
wake_cb (gpointer data)
{
  JhkDbWatch *self = data;

  g_clear_pointer (&self->wake_source, g_source_unref);
  if (self->reconnect_source == NULL && read_changes (self, FALSE))
    schedule_emit (self);
  return G_SOURCE_REMOVE;
}

/* Called by the backend, while a statement of this connection ends. */
static void
wake (gpointer data)
{
  JhkDbWatch *self = data;

  if (self->wake_source == NULL)
    self->wake_source = add_source (self, g_idle_source_new (), wake_cb,
                                    "[jhk] database watch: wake");
}

gboolean
jhk_db_watch_check (JhkDbWatch *self)
{
  gint64 version;

  g_return_val_if_fail (JHK_IS_DB_WATCH (self), FALSE);

  /* Not while this connection is inside a transaction of its own: what it
   * sees then is its own snapshot. */
  if (jhk_db_in_transaction (self->db))
    return FALSE;

  if (self->listening)
    {
      if (self->reconnect_source != NULL)
        reconnect_cb (self);
      else
        read_changes (self, TRUE);
      if (!has_pending (self))
        return FALSE;
      clear_source (&self->emit_source);
      emit_pending (self);
      return TRUE;
    }

  version = jhk_db_get_data_version (self->db);
  if (version == self->version)
    return FALSE;
  self->version = version;
  self->pending_all = TRUE;
  emit_pending (self);
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

  clear_source (&self->poll_source);
  clear_source (&self->fd_source);
  clear_source (&self->wake_source);
  clear_source (&self->emit_source);
  clear_source (&self->reconnect_source);
  if (self->db != NULL && self->listening)
    jhk_db_unlisten (self->db, self);
  self->listening = FALSE;
  g_clear_object (&self->db);

  G_OBJECT_CLASS (jhk_db_watch_parent_class)->dispose (object);
}

static void
jhk_db_watch_finalize (GObject *object)
{
  JhkDbWatch *self = JHK_DB_WATCH (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (jhk_db_watch_parent_class)->finalize (object);
}

static void
jhk_db_watch_class_init (JhkDbWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jhk_db_watch_dispose;
  object_class->finalize = jhk_db_watch_finalize;

  /* The data changed: refresh what is shown (of the tables that
   * jhk_db_watch_get_tables() gives meanwhile). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jhk_db_watch_init (JhkDbWatch *self)
{
  self->fd = -1;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

JhkDbWatch *
jhk_db_watch_new (JhkDb *db,
                  guint  interval_ms)
{
  g_autoptr(GError) error = NULL;
  JhkDbWatch *self;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  self = g_object_new (JHK_TYPE_DB_WATCH, NULL);
  self->db = g_object_ref (db);
  self->context = g_main_context_ref_thread_default ();
  self->interval_ms = interval_ms;

  if (jhk_db_listen (db, wake, self, &error))
    {
      self->listening = TRUE;
      follow_socket (self);
      return self;
    }
  if (!g_error_matches (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED) ||
      g_strcmp0 (jhk_db_get_backend_name (db), "sqlite") != 0)
    g_debug ("Database watch: polling every %u ms: %s", interval_ms, error->message);

  self->version = jhk_db_get_data_version (db);
  if (interval_ms > 0)
    self->poll_source = add_source (self, g_timeout_source_new (interval_ms), poll_cb,
                                    "[jhk] database watch: poll");
  return self;
}
