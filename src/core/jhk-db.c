/* jhk-db.c: backend-neutral connection, statement cache, transactions and
 * numbered migrations. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-db-private.h"

struct _JhkDbStmt
{
  JhkDb    *db;
  gpointer  impl;
  char     *sql;
  gboolean  cached;
  gboolean  in_use;
};

struct _JhkDb
{
  GObject             parent_instance;
  const JhkDbBackend *backend;
  gpointer            conn;
  /* Never holds a password: what jhk_db_get_uri() shows. */
  char               *uri;
  /* The server's password, in memory only, for jhk_db_open_again(). */
  char               *password;
  GHashTable         *stmt_cache; /* sql → JhkDbStmt */
  /* The JhkDbWatch listening for changes by others, if any. */
  gpointer            listener;
  guint               depth;
  int                 schema_version;
};

G_DEFINE_FINAL_TYPE (JhkDb, jhk_db, G_TYPE_OBJECT)
G_DEFINE_QUARK (jhk-db-error-quark, jhk_db_error)

static gint64 clock_override;

gint64
jhk_now_us (void)
{
  if (clock_override != 0)
    return clock_override;
  return g_get_real_time ();
}

void
jhk_set_clock_override (gint64 now_us)
{
  clock_override = now_us;
}

static void
stmt_free (JhkDbStmt *stmt)
{
  if (stmt->impl != NULL)
    stmt->db->backend->finalize_stmt (stmt->impl);
  g_free (stmt->sql);
  g_free (stmt);
}

/* A password leaves no copy in freed memory. */
static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
jhk_db_finalize (GObject *object)
{
  JhkDb *self = JHK_DB (object);

  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  if (self->conn != NULL)
    self->backend->close (self->conn);
  g_free (self->uri);
  g_clear_pointer (&self->password, secret_free);

  G_OBJECT_CLASS (jhk_db_parent_class)->finalize (object);
}

static void
jhk_db_class_init (JhkDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jhk_db_finalize;
}

static void
jhk_db_init (JhkDb *self)
{
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) stmt_free);
}

/* The migrations' own bookkeeping. */
static const char schema_migrations_ddl[] =
  "CREATE TABLE IF NOT EXISTS schema_migrations ("
  " version INTEGER PRIMARY KEY,"
  " name TEXT NOT NULL,"
  " applied_at BIGINT NOT NULL)";

static gboolean apply_migrations (JhkDb *self, JhkDbOpenFlags flags, GError **error);

gboolean
jhk_db_uri_is_server (const char *uri)
{
  g_return_val_if_fail (uri != NULL, FALSE);
  return g_str_has_prefix (uri, "postgresql:") || g_str_has_prefix (uri, "postgres:");
}

/* Takes the password out of a server URI, read the way libpq reads it: the
 * user part ends at the first '@' before any '/', and a `password`
 * parameter after '?' wins over it. Returns the URI without either; the
 * password, decoded, goes to *out_password (NULL when there is none). */
static char *
split_password (const char  *uri,
                char       **out_password)
{
  const char *authority = strstr (uri, "://");
  const char *rest;
  const char *at;
  const char *query;
  GString *out;

  *out_password = NULL;
  if (authority == NULL)
    return g_strdup (uri);
  authority += strlen ("://");
  out = g_string_new_len (uri, authority - uri);

  rest = authority;
  at = authority + strcspn (authority, "@/");
  if (*at == '@')
    {
      const char *colon = memchr (authority, ':', at - authority);

      if (colon != NULL)
        {
          g_string_append_len (out, authority, colon - authority);
          *out_password = g_uri_unescape_segment (colon + 1, at, NULL);
        }
      else
        g_string_append_len (out, authority, at - authority);
      g_string_append_c (out, '@');
      rest = at + 1;
    }

  query = strchr (rest, '?');
  if (query == NULL)
    g_string_append (out, rest);
  else
    {
      g_auto(GStrv) params = g_strsplit (query + 1, "&", -1);
      gboolean first = TRUE;

      g_string_append_len (out, rest, query - rest);
      for (guint i = 0; params[i] != NULL; i++)
        {
          if (g_str_has_prefix (params[i], "password="))
            {
              g_clear_pointer (out_password, secret_free);
              *out_password = g_uri_unescape_string (params[i] + strlen ("password="), NULL);
              continue;
            }
          g_string_append_c (out, first ? '?' : '&');
          g_string_append (out, params[i]);
          first = FALSE;
        }
    }
  /* An empty password is none: libpq then looks in ~/.pgpass. */
  if (*out_password != NULL && **out_password == '\0')
    g_clear_pointer (out_password, secret_free);
  return g_string_free (out, FALSE);
}

char *
jhk_db_uri_strip_password (const char *uri)
{
  char *password = NULL;
  char *stripped;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!jhk_db_uri_is_server (uri))
    return g_strdup (uri);
  stripped = split_password (uri, &password);
  secret_free (password);
  return stripped;
}

gboolean
jhk_db_uri_has_password (const char *uri)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  stripped = jhk_db_uri_strip_password (uri);
  return !g_str_equal (stripped, uri);
}

gboolean
jhk_db_uri_get_server (const char  *uri,
                       char       **out_host,
                       char       **out_port,
                       char       **out_dbname,
                       char       **out_user,
                       GError     **error)
{
  g_return_val_if_fail (uri != NULL, FALSE);

  if (!jhk_db_uri_is_server (uri))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                   _("“%s” is a database file, not a database server."), uri);
      return FALSE;
    }
  return jhk_db_pg_uri_get_server (uri, out_host, out_port, out_dbname, out_user, error);
}

JhkDb *
jhk_db_open (const char      *uri,
             JhkDbOpenFlags   flags,
             GError         **error)
{
  return jhk_db_open_with_password (uri, NULL, flags, error);
}

JhkDb *
jhk_db_open_with_password (const char      *uri,
                           const char      *password,
                           JhkDbOpenFlags   flags,
                           GError         **error)
{
  g_autoptr(JhkDb) self = NULL;
  const char *location = uri;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (JHK_TYPE_DB, NULL);
  if (jhk_db_uri_is_server (uri))
    {
      char *in_uri = NULL;

      /* libpq reads the whole URI: host, port, database, user, sslmode.
       * The password travels beside it, so that the URI can be shown. */
      self->backend = &jhk_db_pg_backend;
      self->uri = split_password (uri, &in_uri);
      self->password = password != NULL ? g_strdup (password) : g_steal_pointer (&in_uri);
      secret_free (in_uri);
      location = self->uri;
    }
  else
    {
      if (g_str_has_prefix (uri, "sqlite:"))
        location = uri + strlen ("sqlite:");
      if (*location == '\0')
        {
          g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("No database file was given."));
          return NULL;
        }
      self->backend = &jhk_db_sqlite_backend;
      self->uri = g_strdup (location);
    }
  self->conn = self->backend->open (location, self->password, flags, error);
  if (self->conn == NULL)
    return NULL;

  if (!apply_migrations (self, flags, error))
    return NULL;

  return g_steal_pointer (&self);
}

JhkDb *
jhk_db_open_again (JhkDb           *self,
                   JhkDbOpenFlags   flags,
                   GError         **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), NULL);
  return jhk_db_open_with_password (self->uri, self->password, flags, error);
}

const char *
jhk_db_get_uri (JhkDb *self)
{
  g_return_val_if_fail (JHK_IS_DB (self), NULL);
  return self->uri;
}

const char *
jhk_db_get_backend_name (JhkDb *self)
{
  g_return_val_if_fail (JHK_IS_DB (self), NULL);
  return self->backend->name;
}

int
jhk_db_get_schema_version (JhkDb *self)
{
  g_return_val_if_fail (JHK_IS_DB (self), 0);
  return self->schema_version;
}

gboolean
jhk_db_exec (JhkDb       *self,
             const char  *sql,
             GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  return self->backend->exec (self->conn, sql, error);
}

JhkDbStmt *
jhk_db_prepare (JhkDb       *self,
                const char  *sql,
                GError     **error)
{
  JhkDbStmt *stmt;
  gpointer impl;

  g_return_val_if_fail (JHK_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->stmt_cache, sql);
  if (stmt != NULL && !stmt->in_use)
    {
      stmt->in_use = TRUE;
      return stmt;
    }

  impl = self->backend->prepare (self->conn, sql, error);
  if (impl == NULL)
    return NULL;

  stmt = g_new0 (JhkDbStmt, 1);
  stmt->db = self;
  stmt->impl = impl;
  stmt->sql = g_strdup (sql);
  stmt->in_use = TRUE;
  if (!g_hash_table_contains (self->stmt_cache, sql))
    {
      stmt->cached = TRUE;
      g_hash_table_insert (self->stmt_cache, stmt->sql, stmt);
    }
  return stmt;
}

void
jhk_db_stmt_reset (JhkDbStmt *stmt)
{
  stmt->db->backend->reset (stmt->impl);
}

void
jhk_db_stmt_release (JhkDbStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->cached)
    {
      stmt->db->backend->reset (stmt->impl);
      stmt->in_use = FALSE;
    }
  else
    stmt_free (stmt);
}

void
jhk_db_stmt_bind_int64 (JhkDbStmt *stmt, int index, gint64 value)
{
  stmt->db->backend->bind_int64 (stmt->impl, index, value);
}

void
jhk_db_stmt_bind_text (JhkDbStmt *stmt, int index, const char *value)
{
  if (value == NULL)
    stmt->db->backend->bind_null (stmt->impl, index);
  else
    stmt->db->backend->bind_text (stmt->impl, index, value);
}

void
jhk_db_stmt_bind_double (JhkDbStmt *stmt, int index, double value)
{
  stmt->db->backend->bind_double (stmt->impl, index, value);
}

void
jhk_db_stmt_bind_null (JhkDbStmt *stmt, int index)
{
  stmt->db->backend->bind_null (stmt->impl, index);
}

gboolean
jhk_db_stmt_bind_valist (JhkDbStmt *stmt,
                         va_list    args)
{
  int index = 1;

  for (;;)
    {
      JhkDbType type = va_arg (args, int);

      switch (type)
        {
        case JHK_DB_END:
          return TRUE;
        case JHK_DB_INT64:
          jhk_db_stmt_bind_int64 (stmt, index, va_arg (args, gint64));
          break;
        case JHK_DB_INT64_OR_NULL:
          {
            gint64 value = va_arg (args, gint64);
            if (value == 0)
              jhk_db_stmt_bind_null (stmt, index);
            else
              jhk_db_stmt_bind_int64 (stmt, index, value);
          }
          break;
        case JHK_DB_TEXT:
          jhk_db_stmt_bind_text (stmt, index, va_arg (args, const char *));
          break;
        case JHK_DB_DOUBLE:
          jhk_db_stmt_bind_double (stmt, index, va_arg (args, double));
          break;
        case JHK_DB_NULL:
          jhk_db_stmt_bind_null (stmt, index);
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
      index++;
    }
}

JhkDbStep
jhk_db_stmt_step (JhkDbStmt  *stmt,
                  GError    **error)
{
  return stmt->db->backend->step (stmt->impl, error);
}

int
jhk_db_stmt_get_n_columns (JhkDbStmt *stmt)
{
  return stmt->db->backend->n_columns (stmt->impl);
}

const char *
jhk_db_stmt_get_column_name (JhkDbStmt *stmt, int column)
{
  return stmt->db->backend->column_name (stmt->impl, column);
}

gboolean
jhk_db_stmt_is_null (JhkDbStmt *stmt, int column)
{
  return stmt->db->backend->is_null (stmt->impl, column);
}

gint64
jhk_db_stmt_get_int64 (JhkDbStmt *stmt, int column)
{
  return stmt->db->backend->get_int64 (stmt->impl, column);
}

double
jhk_db_stmt_get_double (JhkDbStmt *stmt, int column)
{
  return stmt->db->backend->get_double (stmt->impl, column);
}

const char *
jhk_db_stmt_get_text (JhkDbStmt *stmt, int column)
{
  return stmt->db->backend->get_text (stmt->impl, column);
}

char *
jhk_db_stmt_dup_text (JhkDbStmt *stmt, int column)
{
  return g_strdup (jhk_db_stmt_get_text (stmt, column));
}

static JhkDbStmt *
query_valist (JhkDb       *self,
              GError     **error,
              const char  *sql,
              va_list      args)
{
  JhkDbStmt *stmt = jhk_db_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  jhk_db_stmt_bind_valist (stmt, args);
  return stmt;
}

JhkDbStmt *
jhk_db_query (JhkDb       *self,
              GError     **error,
              const char  *sql,
              ...)
{
  JhkDbStmt *stmt;
  va_list args;

  va_start (args, sql);
  stmt = query_valist (self, error, sql, args);
  va_end (args);
  return stmt;
}

gboolean
jhk_db_run (JhkDb       *self,
            GError     **error,
            const char  *sql,
            ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;
  va_list args;

  va_start (args, sql);
  stmt = query_valist (self, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;

  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    ;
  return step == JHK_DB_DONE;
}

static JhkDbStmt *
query_one_valist (JhkDb       *self,
                  GError     **error,
                  const char  *sql,
                  va_list      args)
{
  g_autoptr(JhkDbStmt) stmt = query_valist (self, error, sql, args);
  JhkDbStep step;

  if (stmt == NULL)
    return NULL;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return NULL;
  if (step == JHK_DB_DONE)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND, _("No such record."));
      return NULL;
    }
  return g_steal_pointer (&stmt);
}

gboolean
jhk_db_query_int64 (JhkDb       *self,
                    gint64      *out_value,
                    GError     **error,
                    const char  *sql,
                    ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = query_one_valist (self, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  if (out_value != NULL)
    *out_value = jhk_db_stmt_get_int64 (stmt, 0);
  return TRUE;
}

gboolean
jhk_db_query_text (JhkDb       *self,
                   char       **out_value,
                   GError     **error,
                   const char  *sql,
                   ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;

  va_start (args, sql);
  stmt = query_one_valist (self, error, sql, args);
  va_end (args);
  if (stmt == NULL)
    return FALSE;
  if (out_value != NULL)
    *out_value = jhk_db_stmt_dup_text (stmt, 0);
  return TRUE;
}

int
jhk_db_changes (JhkDb *self)
{
  return self->backend->changes (self->conn);
}

gboolean
jhk_db_begin (JhkDb   *self,
              GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (JHK_IS_DB (self), FALSE);

  if (self->depth == 0)
    sql = g_strdup (self->backend->begin_sql);
  else
    sql = g_strdup_printf ("SAVEPOINT jhk_sp%u", self->depth);
  if (!self->backend->exec (self->conn, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
jhk_db_commit (JhkDb   *self,
               GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE SAVEPOINT jhk_sp%u", self->depth - 1);
  if (!self->backend->exec (self->conn, sql, error))
    {
      jhk_db_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

void
jhk_db_rollback (JhkDb *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (JHK_IS_DB (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      if (!self->backend->exec (self->conn, "ROLLBACK", &error))
        g_debug ("Rollback: %s", error->message);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT jhk_sp%u; "
                                              "RELEASE SAVEPOINT jhk_sp%u",
                                              self->depth - 1, self->depth - 1);
      if (!self->backend->exec (self->conn, sql, &error))
        g_debug ("Rollback to savepoint: %s", error->message);
    }
  self->depth--;
}

gboolean
jhk_db_in_transaction (JhkDb *self)
{
  return self->depth > 0;
}

gboolean
jhk_db_integrity_check (JhkDb   *self,
                        char   **out_report,
                        GError **error)
{
  return self->backend->integrity_check (self->conn, out_report, error);
}

gboolean
jhk_db_has_server_roles (JhkDb *self)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  return self->backend->password_verifier != NULL;
}

char *
jhk_db_password_verifier (JhkDb       *self,
                          const char  *user,
                          const char  *password,
                          GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), NULL);
  g_return_val_if_fail (jhk_db_has_server_roles (self), NULL);
  return self->backend->password_verifier (self->conn, user, password, error);
}

gint64
jhk_db_get_data_version (JhkDb *self)
{
  return self->backend->data_version (self->conn);
}

gboolean
jhk_db_backup (JhkDb             *self,
               const char        *dest_path,
               JhkDbProgressFunc  progress,
               gpointer           user_data,
               GCancellable      *cancellable,
               GError           **error)
{
  return self->backend->backup (self->conn, dest_path, progress, user_data, cancellable, error);
}

gboolean
jhk_db_restore (JhkDb             *self,
                const char        *src_path,
                JhkDbProgressFunc  progress,
                gpointer           user_data,
                GCancellable      *cancellable,
                GError           **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  g_hash_table_remove_all (self->stmt_cache);
  if (!self->backend->restore (self->conn, src_path, progress, user_data, cancellable, error))
    return FALSE;
  /* The restored file may be older than this build: bring it up to date. */
  return apply_migrations (self, JHK_DB_OPEN_DEFAULT, error);
}

gboolean
jhk_db_undo_restore (JhkDb   *self,
                     GError **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (self->backend->undo_restore == NULL)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                   _("A restore into %s cannot be undone; restore a good backup instead."),
                   self->uri);
      return FALSE;
    }
  g_hash_table_remove_all (self->stmt_cache);
  if (!self->backend->undo_restore (self->conn, error))
    return FALSE;
  self->schema_version = 0;
  return TRUE;
}

gboolean
jhk_db_migrate (JhkDb   *self,
                GError **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);

  /* Inside the caller's transaction a failed read of a missing table would
   * abort it on PostgreSQL: make sure the bookkeeping table is there. */
  if (jhk_db_in_transaction (self) && !jhk_db_exec (self, schema_migrations_ddl, error))
    return FALSE;
  return apply_migrations (self, JHK_DB_OPEN_DEFAULT, error);
}

/* Live updates ------------------------------------------------------------ */

gboolean
jhk_db_listen (JhkDb          *self,
               JhkDbWakeFunc   wake,
               gpointer        user_data,
               GError        **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  g_return_val_if_fail (wake != NULL && user_data != NULL, FALSE);

  if (self->backend->listen == NULL)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                   _("The %s backend does not tell about changes; it is polled."),
                   self->backend->name);
      return FALSE;
    }
  if (self->listener != NULL)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_BUSY,
                           _("Another watch is listening on this connection already."));
      return FALSE;
    }
  /* Inside a transaction, LISTEN would only start at its commit, and not
   * at all if it rolled back. */
  if (self->depth > 0)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_BUSY,
                           _("Cannot start listening for changes inside a transaction."));
      return FALSE;
    }
  if (!self->backend->listen (self->conn, wake, user_data, error))
    return FALSE;
  self->listener = user_data;
  return TRUE;
}

void
jhk_db_unlisten (JhkDb    *self,
                 gpointer  user_data)
{
  g_return_if_fail (JHK_IS_DB (self));

  if (self->listener == NULL || self->listener != user_data)
    return;
  self->listener = NULL;
  self->backend->listen (self->conn, NULL, NULL, NULL);
}

int
jhk_db_get_socket (JhkDb *self)
{
  g_return_val_if_fail (JHK_IS_DB (self), -1);
  return self->backend->socket != NULL ? self->backend->socket (self->conn) : -1;
}

gboolean
jhk_db_read_changes (JhkDb       *self,
                     gboolean     sync,
                     GHashTable  *tables,
                     gboolean    *out_missed,
                     GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (self), FALSE);
  g_return_val_if_fail (self->backend->read_changes != NULL, FALSE);

  *out_missed = FALSE;
  return self->backend->read_changes (self->conn, sync && self->depth == 0, tables, out_missed,
                                      error);
}

/* Migrations -------------------------------------------------------------- */

#define MIGRATIONS_PATH "/org/example/Jhk/sql/"

typedef struct
{
  int   version;
  char *name;
} Migration;

static int
migration_compare (gconstpointer a,
                   gconstpointer b)
{
  const Migration *ma = a, *mb = b;
  return ma->version - mb->version;
}

/* Bundled migrations are NNNN-name.sql, with an optional backend-specific
 * part NNNN-name.<backend>.sql run after it in the same transaction. */
static GArray *
list_migrations (void)
{
  g_auto(GStrv) children = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Migration));

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    {
      const char *child = children[i];
      Migration m;

      /* Skip anything but NNNN-name.sql; NNNN-name.<backend>.sql are parts. */
      if (!g_ascii_isdigit (child[0]) || !g_str_has_suffix (child, ".sql") ||
          strchr (child, '.') != strrchr (child, '.'))
        continue;
      m.version = atoi (child);
      m.name = g_strndup (child, strlen (child) - strlen (".sql"));
      g_array_append_val (list, m);
    }
  g_array_sort (list, migration_compare);
  return list;
}

int
jhk_db_get_latest_schema_version (void)
{
  g_autoptr(GArray) list = list_migrations ();
  int latest = 0;

  for (guint i = 0; i < list->len; i++)
    {
      Migration *m = &g_array_index (list, Migration, i);
      latest = MAX (latest, m->version);
      g_free (m->name);
    }
  return latest;
}

static char *
load_resource (const char *path)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
read_schema_version (JhkDb   *self,
                     gint64  *out_version,
                     GError **error)
{
  return jhk_db_query_int64 (self, out_version, error,
                             "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                             JHK_DB_END);
}

static gboolean
apply_migrations (JhkDb           *self,
                  JhkDbOpenFlags   flags,
                  GError         **error)
{
  g_autoptr(GArray) list = NULL;
  gint64 current = 0;
  int latest = 0;
  gboolean ok = TRUE;

  if (!read_schema_version (self, &current, NULL))
    {
      /* A database to inspect, or to restore into, stays as it is. */
      if (flags & JHK_DB_OPEN_NO_MIGRATE)
        {
          self->schema_version = 0;
          return TRUE;
        }
      /* A new, empty database. The bookkeeping table is created in a write
       * transaction so that two clients opening the same new PostgreSQL
       * database at once do not race to create it. */
      if ((flags & JHK_DB_OPEN_READONLY) || !jhk_db_begin (self, error))
        return read_schema_version (self, &current, error);
      if (!jhk_db_exec (self, schema_migrations_ddl, error) ||
          !jhk_db_commit (self, error))
        {
          if (jhk_db_in_transaction (self))
            jhk_db_rollback (self);
          return FALSE;
        }
      if (!read_schema_version (self, &current, error))
        return FALSE;
    }

  list = list_migrations ();
  for (guint i = 0; i < list->len; i++)
    latest = MAX (latest, g_array_index (list, Migration, i).version);

  if (current > latest)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Jhk (schema %d; this "
                     "version knows schema %d at most). Update Jhk before opening it."),
                   (int) current, latest);
      ok = FALSE;
    }

  for (guint i = 0; ok && i < list->len; i++)
    {
      Migration *m = &g_array_index (list, Migration, i);
      g_autofree char *common_path = NULL;
      g_autofree char *backend_path = NULL;
      g_autofree char *common = NULL;
      g_autofree char *specific = NULL;

      if (m->version <= current || (flags & JHK_DB_OPEN_NO_MIGRATE))
        continue;

      common_path = g_strconcat (MIGRATIONS_PATH, m->name, ".sql", NULL);
      backend_path = g_strconcat (MIGRATIONS_PATH, m->name, ".",
                                  self->backend->migration_suffix, ".sql", NULL);
      common = load_resource (common_path);
      specific = load_resource (backend_path);

      if (self->backend->translate_ddl != NULL)
        {
          char *translated = self->backend->translate_ddl (common);
          g_free (common);
          common = translated;
        }

      if (!jhk_db_begin (self, error))
        {
          ok = FALSE;
          break;
        }
      /* Another client may have applied it while this one waited for the
       * write lock. */
      if (!read_schema_version (self, &current, error))
        {
          jhk_db_rollback (self);
          ok = FALSE;
          break;
        }
      if (m->version <= current)
        {
          jhk_db_rollback (self);
          continue;
        }
      if (!jhk_db_exec (self, common, error) ||
          (specific != NULL && !jhk_db_exec (self, specific, error)) ||
          (self->backend->migration_epilogue != NULL &&
           !jhk_db_exec (self, self->backend->migration_epilogue, error)) ||
          !jhk_db_run (self, error,
                       "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       JHK_I (m->version), JHK_T (m->name), JHK_I (jhk_now_us ()), JHK_DB_END) ||
          !jhk_db_commit (self, error))
        {
          if (jhk_db_in_transaction (self))
            jhk_db_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database to schema %d: "), m->version);
          ok = FALSE;
          break;
        }
      current = m->version;
    }

  for (guint i = 0; i < list->len; i++)
    g_free (g_array_index (list, Migration, i).name);

  self->schema_version = (int) current;
  return ok;
}
