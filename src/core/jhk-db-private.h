/* jhk-db-private.h: the interface a database backend implements. */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  /* Suffix of backend-specific migration resources, e.g. "sqlite". */
  const char *migration_suffix;
  /* Statement that starts the outermost (write) transaction. */
  const char *begin_sql;
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
} JhkDbBackend;

extern const JhkDbBackend jhk_db_sqlite_backend;
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
