/* jhk-db-private.h: the interface a database backend implements. */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

/* Called when changes by others arrived while a statement ran: the socket
 * will not wake anyone for them, so the listener reads them at its next
 * chance. Called in the thread that ran the statement. */
typedef void (*JhkDbWakeFunc) (gpointer user_data);

typedef struct
{
  const char *name;
  /* Suffix of backend-specific migration resources, e.g. "sqlite". */
  const char *migration_suffix;
  /* Statement that starts the outermost (write) transaction. */
  const char *begin_sql;
  /* Run after each migration, in its transaction (NULL: nothing). */
  const char *migration_epilogue;
  /* Rewrites the portable DDL of a shared migration into this backend's
   * dialect (a new string); NULL when the shared text runs as it is. */
  char      *(*translate_ddl)   (const char *sql);

  /* password: NULL, or the server's password, kept in memory only. */
  gpointer   (*open)            (const char *location, const char *password,
                                 JhkDbOpenFlags flags, GError **error);
  void       (*close)           (gpointer conn);
  gboolean   (*exec)            (gpointer conn, const char *sql, GError **error);
  gpointer   (*prepare)         (gpointer conn, const char *sql, GError **error);
  void       (*finalize_stmt)   (gpointer stmt);
  void       (*reset)           (gpointer stmt);
  void       (*bind_int64)      (gpointer stmt, int index, gint64 value);
  void       (*bind_text)       (gpointer stmt, int index, const char *value);
  void       (*bind_double)     (gpointer stmt, int index, double value);
  void       (*bind_null)       (gpointer stmt, int index);
  JhkDbStep  (*step)            (gpointer stmt, GError **error);
  int        (*n_columns)       (gpointer stmt);
  const char*(*column_name)     (gpointer stmt, int column);
  gboolean   (*is_null)         (gpointer stmt, int column);
  gint64     (*get_int64)       (gpointer stmt, int column);
  double     (*get_double)      (gpointer stmt, int column);
  const char*(*get_text)        (gpointer stmt, int column);
  int        (*changes)         (gpointer conn);
  gboolean   (*integrity_check) (gpointer conn, char **report, GError **error);
  gint64     (*data_version)    (gpointer conn);
  gboolean   (*backup)          (gpointer conn, const char *dest, JhkDbProgressFunc progress,
                                 gpointer user_data, GCancellable *cancellable, GError **error);
  gboolean   (*restore)         (gpointer conn, const char *src, JhkDbProgressFunc progress,
                                 gpointer user_data, GCancellable *cancellable, GError **error);
  /* The server's verifier of a password for the server role `user`; NULL
   * for a backend without server roles. */
  char      *(*password_verifier) (gpointer conn, const char *user, const char *password,
                                   GError **error);

  /* Live updates: NULL for a backend that cannot tell (the watch polls
   * data_version). listen() starts listening, between transactions, for
   * the changes that other connections commit (wake as above), or stops
   * when wake is NULL. */
  gboolean   (*listen)          (gpointer conn, JhkDbWakeFunc wake, gpointer user_data,
                                 GError **error);
  /* The socket to wait on for changes; -1 when there is no session. */
  int        (*socket)          (gpointer conn);
  /* Adds the names of the tables that others changed since the last call
   * to `tables` (reading what the socket holds; with `sync`, after a round
   * trip, so that every commit that ended before the call is in). A lost
   * session is replaced; *out_missed is then TRUE: changes may have been
   * missed meanwhile. FALSE with an error when there is no session. */
  gboolean   (*read_changes)    (gpointer conn, gboolean sync, GHashTable *tables,
                                 gboolean *out_missed, GError **error);
  /* Undoes the last restore into an empty database that this connection
   * made (when its data turned out bad); NULL where a restore replaces a
   * whole file that was checked before. */
  gboolean   (*undo_restore)    (gpointer conn, GError **error);
} JhkDbBackend;

extern const JhkDbBackend jhk_db_sqlite_backend;

/* For JhkDbWatch: one listener per connection. FALSE (UNSUPPORTED) when
 * the backend cannot tell (SQLite), or the server refuses (a standby);
 * BUSY when another listener is there. */
gboolean jhk_db_listen       (JhkDb          *self,
                              JhkDbWakeFunc   wake,
                              gpointer        user_data,
                              GError        **error);
/* Stops listening, when user_data is the listener's. */
void     jhk_db_unlisten     (JhkDb          *self,
                              gpointer        user_data);
int      jhk_db_get_socket   (JhkDb          *self);
gboolean jhk_db_read_changes (JhkDb          *self,
                              gboolean        sync,
                              GHashTable     *tables,
                              gboolean       *out_missed,
                              GError        **error);
extern const JhkDbBackend jhk_db_pg_backend;

/* The PostgreSQL dialect, exposed for tests: `?` placeholders become $1..$n
 * and LIKE becomes ILIKE (outside literals, quoted identifiers and comments;
 * *n_params receives n), and the shared DDL's types become PostgreSQL's. */
char *jhk_db_pg_rewrite_placeholders (const char *sql,
                                      int        *n_params);
char *jhk_db_pg_translate_ddl        (const char *sql);
/* jhk_db_uri_get_server() for a postgresql: URI. */
gboolean jhk_db_pg_uri_get_server    (const char  *uri,
                                      char       **out_host,
                                      char       **out_port,
                                      char       **out_dbname,
                                      char       **out_user,
                                      GError     **error);

G_END_DECLS
