/* jhk-db.h: backend-neutral database connection.
 *
 * One JhkDb is one connection. SQL handed to it is one portable dialect:
 * positional parameters are written `?`, identifiers are plain, and anything
 * a backend spells differently lives in the backend, not in the caller.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JHK_DB_ERROR (jhk_db_error_quark ())

typedef enum
{
  JHK_DB_ERROR_FAILED,
  JHK_DB_ERROR_OPEN,
  JHK_DB_ERROR_UNSUPPORTED,
  JHK_DB_ERROR_NETWORK_FS,
  JHK_DB_ERROR_TOO_NEW,
  JHK_DB_ERROR_CONSTRAINT,
  JHK_DB_ERROR_BUSY,
  JHK_DB_ERROR_NOT_FOUND,
  JHK_DB_ERROR_CORRUPT,
  JHK_DB_ERROR_READONLY,
  JHK_DB_ERROR_CANCELLED,
  /* A unique or primary key constraint: the value exists already. */
  JHK_DB_ERROR_UNIQUE,
  /* The server asks for a password that was not given, or refused the one
   * given: ask the user and try again. */
  JHK_DB_ERROR_AUTH,
  /* The server refused it to the connection's role (privileges, row-level
   * security): Jhk's own rules should have refused it first. */
  JHK_DB_ERROR_DENIED,
  /* A restore into a database that holds tables already. */
  JHK_DB_ERROR_NOT_EMPTY,
} JhkDbError;

GQuark jhk_db_error_quark (void);

/* Types for the variadic helpers; use the JHK_I/JHK_T/JHK_N/JHK_D macros. */
typedef enum
{
  JHK_DB_END = 0,
  JHK_DB_INT64,
  JHK_DB_TEXT,
  JHK_DB_NULL,
  JHK_DB_DOUBLE,
  JHK_DB_INT64_OR_NULL,
} JhkDbType;

#define JHK_I(v) JHK_DB_INT64, ((gint64) (v))
#define JHK_T(v) JHK_DB_TEXT, ((const char *) (v))
#define JHK_N    JHK_DB_NULL
#define JHK_D(v) JHK_DB_DOUBLE, ((double) (v))
/* An integer that binds SQL NULL when it is 0 (optional references). */
#define JHK_IZ(v) JHK_DB_INT64_OR_NULL, ((gint64) (v))
/* A text that is NULL binds SQL NULL. */
#define JHK_TN(v) JHK_DB_TEXT, ((const char *) (v))

typedef enum
{
  JHK_DB_OPEN_DEFAULT = 0,
  /* Create the database file when it does not exist. */
  JHK_DB_OPEN_CREATE = 1 << 0,
  /* Do not apply migrations (for tools that inspect a file). */
  JHK_DB_OPEN_NO_MIGRATE = 1 << 1,
  /* Open read-only. */
  JHK_DB_OPEN_READONLY = 1 << 2,
} JhkDbOpenFlags;

typedef enum
{
  JHK_DB_ROW,
  JHK_DB_DONE,
  JHK_DB_FAILED,
} JhkDbStep;

typedef struct _JhkDbStmt JhkDbStmt;

#define JHK_TYPE_DB (jhk_db_get_type ())
G_DECLARE_FINAL_TYPE (JhkDb, jhk_db, JHK, DB, GObject)

JhkDb      *jhk_db_open                (const char      *uri,
                                        JhkDbOpenFlags   flags,
                                        GError         **error);
/* Opens with the server's password (NULL: none, or the one in the URI, or
 * libpq's own sources: PGPASSWORD, ~/.pgpass). The password is never kept
 * in the URI or on disk, only in memory, for jhk_db_open_again(); a file
 * ignores it. JHK_DB_ERROR_AUTH when the server wants one or refused it. */
JhkDb      *jhk_db_open_with_password  (const char      *uri,
                                        const char      *password,
                                        JhkDbOpenFlags   flags,
                                        GError         **error);
/* Another connection to the same database with the same credentials.
 * Reads only what never changes after the open, so a worker thread may
 * call it while self is in use elsewhere. */
JhkDb      *jhk_db_open_again          (JhkDb           *self,
                                        JhkDbOpenFlags   flags,
                                        GError         **error);
/* What the database was opened as, without any password: safe to show. */
const char *jhk_db_get_uri             (JhkDb           *self);
/* TRUE for a database server's URI (postgresql:, postgres:). */
gboolean    jhk_db_uri_is_server       (const char      *uri);
/* The URI without a password in its user part or its parameters: what to
 * show, log or store of a URI that a user typed. */
char       *jhk_db_uri_strip_password  (const char      *uri);
/* TRUE when the URI holds a password (which Jhk never stores). */
gboolean    jhk_db_uri_has_password    (const char      *uri);
/* Where a server URI leads, as the server's client library reads it, with
 * its defaults ($PGHOST, $PGPORT, $PGUSER, the login name) filled in; host
 * is "" for the local socket's default. FALSE with an error for a file or
 * a URI the library cannot read. */
gboolean    jhk_db_uri_get_server      (const char      *uri,
                                        char           **out_host,
                                        char           **out_port,
                                        char           **out_dbname,
                                        char           **out_user,
                                        GError         **error);
const char *jhk_db_get_backend_name    (JhkDb           *self);
int         jhk_db_get_schema_version  (JhkDb           *self);
int         jhk_db_get_latest_schema_version (void);

gboolean    jhk_db_exec                (JhkDb           *self,
                                        const char      *sql,
                                        GError         **error);

/* Prepared statements. Statements are cached per SQL text; release returns
 * them to the cache. */
JhkDbStmt  *jhk_db_prepare             (JhkDb           *self,
                                        const char      *sql,
                                        GError         **error);
void        jhk_db_stmt_release        (JhkDbStmt       *stmt);
void        jhk_db_stmt_reset          (JhkDbStmt       *stmt);
void        jhk_db_stmt_bind_int64     (JhkDbStmt       *stmt,
                                        int              index,
                                        gint64           value);
void        jhk_db_stmt_bind_text      (JhkDbStmt       *stmt,
                                        int              index,
                                        const char      *value);
void        jhk_db_stmt_bind_double    (JhkDbStmt       *stmt,
                                        int              index,
                                        double           value);
void        jhk_db_stmt_bind_null      (JhkDbStmt       *stmt,
                                        int              index);
gboolean    jhk_db_stmt_bind_valist    (JhkDbStmt       *stmt,
                                        va_list          args);
JhkDbStep   jhk_db_stmt_step           (JhkDbStmt       *stmt,
                                        GError         **error);
int         jhk_db_stmt_get_n_columns  (JhkDbStmt       *stmt);
const char *jhk_db_stmt_get_column_name(JhkDbStmt       *stmt,
                                        int              column);
gboolean    jhk_db_stmt_is_null        (JhkDbStmt       *stmt,
                                        int              column);
gint64      jhk_db_stmt_get_int64      (JhkDbStmt       *stmt,
                                        int              column);
double      jhk_db_stmt_get_double     (JhkDbStmt       *stmt,
                                        int              column);
const char *jhk_db_stmt_get_text       (JhkDbStmt       *stmt,
                                        int              column);
char       *jhk_db_stmt_dup_text       (JhkDbStmt       *stmt,
                                        int              column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkDbStmt, jhk_db_stmt_release)

/* Variadic helpers: parameters are JHK_I(), JHK_T(), JHK_N, JHK_D(),
 * terminated by JHK_DB_END. */
JhkDbStmt  *jhk_db_query               (JhkDb           *self,
                                        GError         **error,
                                        const char      *sql,
                                        ...);
gboolean    jhk_db_run                 (JhkDb           *self,
                                        GError         **error,
                                        const char      *sql,
                                        ...);
gboolean    jhk_db_query_int64         (JhkDb           *self,
                                        gint64          *out_value,
                                        GError         **error,
                                        const char      *sql,
                                        ...);
/* Returns NULL with JHK_DB_ERROR_NOT_FOUND when there is no row; a NULL
 * column gives "" is never invented: it is returned as NULL without error. */
gboolean    jhk_db_query_text          (JhkDb           *self,
                                        char           **out_value,
                                        GError         **error,
                                        const char      *sql,
                                        ...);
int         jhk_db_changes             (JhkDb           *self);

/* Transactions nest: the outermost is a write transaction that takes the
 * write lock at once, inner ones are savepoints. */
gboolean    jhk_db_begin               (JhkDb           *self,
                                        GError         **error);
gboolean    jhk_db_commit              (JhkDb           *self,
                                        GError         **error);
void        jhk_db_rollback            (JhkDb           *self);
gboolean    jhk_db_in_transaction      (JhkDb           *self);

gboolean    jhk_db_integrity_check     (JhkDb           *self,
                                        char           **out_report,
                                        GError         **error);

/* User IDs are also roles of the database server (PostgreSQL): the
 * services keep them in step with the register. */
gboolean    jhk_db_has_server_roles    (JhkDb           *self);
/* What the server stores for a role's password (never the password). */
char       *jhk_db_password_verifier   (JhkDb           *self,
                                        const char      *user,
                                        const char      *password,
                                        GError         **error);

/* Current data version: changes when another connection commits. */
gint64      jhk_db_get_data_version    (JhkDb           *self);

typedef void (*JhkDbProgressFunc) (double   fraction,
                                   gpointer user_data);

/* A copy of the whole database: on SQLite a database file, on PostgreSQL a
 * pg_dump archive (custom format), made by pg_dump with the connection's
 * parameters. Cancelling stops it and leaves no file. */
gboolean    jhk_db_backup              (JhkDb           *self,
                                        const char      *dest_path,
                                        JhkDbProgressFunc progress,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* On SQLite, replaces the database with the backup file. On PostgreSQL,
 * restores the archive into this database, which must be empty (no tables:
 * JHK_DB_ERROR_NOT_EMPTY otherwise, and nothing changes), in one
 * transaction. Then brings the schema up to date. */
gboolean    jhk_db_restore             (JhkDb           *self,
                                        const char      *src_path,
                                        JhkDbProgressFunc progress,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);
/* Applies the migrations a database opened with JHK_DB_OPEN_NO_MIGRATE
 * lacks. Inside a transaction, they are undone with it (both backends undo
 * DDL): `jhkctl init` creates the schema and the first user together. */
gboolean    jhk_db_migrate             (JhkDb           *self,
                                        GError         **error);
/* Empties the database again after a restore into an empty one (on
 * PostgreSQL) whose data failed the checks that follow it (the audit
 * chain). Removes only what that restore made. */
gboolean    jhk_db_undo_restore        (JhkDb           *self,
                                        GError         **error);

/* Filesystem check used at open; exposed for tests. */
gboolean    jhk_db_fs_type_is_network  (gint64           f_type);

/* Current time in microseconds since the epoch (UTC); tests may override. */
gint64      jhk_now_us                 (void);
void        jhk_set_clock_override     (gint64           now_us);

G_END_DECLS
