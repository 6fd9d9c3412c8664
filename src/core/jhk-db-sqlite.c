/* jhk-db-sqlite.c: the SQLite backend of JhkDb. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jhk-db-private.h"

static int
map_code (int rc)
{
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return JHK_DB_ERROR_UNIQUE;
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return JHK_DB_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return JHK_DB_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return JHK_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return JHK_DB_ERROR_READONLY;
    case SQLITE_CANTOPEN:
      return JHK_DB_ERROR_OPEN;
    default:
      return JHK_DB_ERROR_FAILED;
    }
}

static void
set_error (GError  **error,
           sqlite3  *db,
           int       rc)
{
  g_set_error (error, JHK_DB_ERROR, map_code (db != NULL ? sqlite3_extended_errcode (db) : rc),
               "%s", db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* Magic numbers of network filesystems (statfs(2)); SQLite's locking is not
 * reliable on them, so a database there would risk silent corruption. */
gboolean
jhk_db_fs_type_is_network (gint64 f_type)
{
  switch ((guint32) f_type)
    {
    case 0x6969:      /* NFS */
    case 0x517B:      /* SMB */
    case 0xFF534D42:  /* CIFS */
    case 0xFE534D42:  /* SMB2 */
    case 0x564C:      /* NCP */
    case 0x5346414F:  /* AFS */
    case 0x73757245:  /* CODA */
    case 0x01021997:  /* 9P */
    case 0x00C36400:  /* CEPH */
    case 0x47504653:  /* GPFS */
    case 0x6B414653:  /* kAFS */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
check_location (const char      *path,
                JhkDbOpenFlags   flags,
                GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statfs sfs;

  if (g_strcmp0 (path, ":memory:") == 0)
    return TRUE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !(flags & JHK_DB_OPEN_CREATE))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("There is no database at %s. Create one with “jhkctl init” or "
                     "“jhkctl demo”."), path);
      return FALSE;
    }

  if (statfs (dir, &sfs) != 0)
    {
      int saved = errno;
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("Cannot open the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (jhk_db_fs_type_is_network (sfs.f_type))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NETWORK_FS,
                   _("%s is on a network filesystem. A database file there can be "
                     "corrupted; keep it on a local disk or use a PostgreSQL server."), path);
      return FALSE;
    }

  /* Create the file ourselves so that it is private from its first byte; SQLite
   * gives the -wal and -shm files the same mode. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                       _("Cannot create %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }
  else if (!(flags & JHK_DB_OPEN_READONLY))
    {
      g_chmod (path, 0600);
    }
  return TRUE;
}

/* Waits up to 10 s for another connection's write lock, looking again every
 * millisecond. SQLite's own busy_timeout backs off to 100 ms naps, so a
 * writer that has waited long keeps losing the lock to newcomers: with 8
 * writers on one file some waited over 6 s while others wrote on. */
#define BUSY_WAIT_MS 10000

static int
busy_handler (void *data,
              int   count)
{
  if (count >= BUSY_WAIT_MS)
    return 0;
  g_usleep (1000);
  return 1;
}

/* A file has no password: the one given, if any, is not used. */
static gpointer
sqlite_open (const char      *location,
             const char      *password,
             JhkDbOpenFlags   flags,
             GError         **error)
{
  sqlite3 *db = NULL;
  int open_flags;
  int rc;

  if (!check_location (location, flags, error))
    return NULL;

  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  open_flags |= (flags & JHK_DB_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  rc = sqlite3_open_v2 (location, &db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("Cannot open %s: %s"),
                   location, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_handler (db, busy_handler, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);

  rc = sqlite3_exec (db,
                     (flags & JHK_DB_OPEN_READONLY)
                       ? "PRAGMA foreign_keys=ON;"
                       : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                         "PRAGMA foreign_keys=ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      int code = map_code (rc);
      g_set_error (error, JHK_DB_ERROR, code,
                   code == JHK_DB_ERROR_CORRUPT
                     ? _("%s is not a Jhk database or it is damaged: %s")
                     : _("Cannot open %s: %s"),
                   location, sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static void
sqlite_close (gpointer conn)
{
  sqlite3_close_v2 (conn);
}

static gboolean
sqlite_exec (gpointer     conn,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (conn, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (error, conn, rc);
      return FALSE;
    }
  return TRUE;
}

static gpointer
sqlite_prepare (gpointer     conn,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (error, conn, rc);
      return NULL;
    }
  return stmt;
}

static void
sqlite_finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sqlite_reset (gpointer stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
sqlite_bind_int64 (gpointer stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (stmt, index, value);
}

static void
sqlite_bind_text (gpointer stmt, int index, const char *value)
{
  sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_double (gpointer stmt, int index, double value)
{
  sqlite3_bind_double (stmt, index, value);
}

static void
sqlite_bind_null (gpointer stmt, int index)
{
  sqlite3_bind_null (stmt, index);
}

static JhkDbStep
sqlite_step (gpointer   stmt,
             GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return JHK_DB_ROW;
  if (rc == SQLITE_DONE)
    return JHK_DB_DONE;
  set_error (error, sqlite3_db_handle (stmt), rc);
  return JHK_DB_FAILED;
}

static int
sqlite_n_columns (gpointer stmt)
{
  return sqlite3_column_count (stmt);
}

static const char *
sqlite_column_name (gpointer stmt, int column)
{
  return sqlite3_column_name (stmt, column);
}

static gboolean
sqlite_is_null (gpointer stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL;
}

static gint64
sqlite_get_int64 (gpointer stmt, int column)
{
  return sqlite3_column_int64 (stmt, column);
}

static double
sqlite_get_double (gpointer stmt, int column)
{
  return sqlite3_column_double (stmt, column);
}

static const char *
sqlite_get_text (gpointer stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
sqlite_changes (gpointer conn)
{
  return sqlite3_changes (conn);
}

static gboolean
sqlite_integrity_check (gpointer   conn,
                        char     **report,
                        GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (conn, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (error, conn, rc);
      g_string_free (out, TRUE);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        ok = FALSE;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  if (rc != SQLITE_DONE)
    {
      set_error (error, conn, rc);
      ok = FALSE;
    }
  else if (!ok)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT,
                   _("The database file is damaged: %s"), out->str);
    }
  sqlite3_finalize (stmt);
  if (report != NULL)
    *report = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
  return ok;
}

static gint64
sqlite_data_version (gpointer conn)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  /* PRAGMA data_version looks at the file itself, so it notices another
   * connection's commit without any other read in between (the file
   * control's counter is only brought up to date by a read). */
  if (sqlite3_prepare_v2 (conn, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Copies the main database of src into dst a few pages at a time, so that
 * writers are not blocked for long and progress can be reported. */
static gboolean
copy_database (sqlite3            *dst,
               sqlite3            *src,
               JhkDbProgressFunc   progress,
               gpointer            user_data,
               GCancellable       *cancellable,
               GError            **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dst, "main", src, "main");
  int rc;

  if (backup == NULL)
    {
      set_error (error, dst, sqlite3_errcode (dst));
      return FALSE;
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_backup_finish (backup);
          return FALSE;
        }
      rc = sqlite3_backup_step (backup, 256);
      if (progress != NULL && sqlite3_backup_pagecount (backup) > 0)
        progress (1.0 - (double) sqlite3_backup_remaining (backup) /
                          sqlite3_backup_pagecount (backup),
                  user_data);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_error (error, dst, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_plain (const char  *path,
            int          flags,
            GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("Cannot open %s: %s"), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_handler (db, busy_handler, NULL);
  return db;
}

static gboolean
sqlite_backup (gpointer            conn,
               const char         *dest,
               JhkDbProgressFunc   progress,
               gpointer            user_data,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  sqlite3 *dst;
  gboolean ok;
  int fd;

  g_unlink (tmp);
  fd = g_open (tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("Cannot create %s: %s"), tmp,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  dst = open_plain (tmp, SQLITE_OPEN_READWRITE, error);
  if (dst == NULL)
    return FALSE;
  ok = copy_database (dst, conn, progress, user_data, cancellable, error);
  /* A backup is one self-contained file, not a WAL pair. */
  if (ok)
    ok = sqlite_exec (dst, "PRAGMA journal_mode=DELETE", error);
  if (ok)
    ok = sqlite_integrity_check (dst, NULL, error);
  sqlite3_close_v2 (dst);

  if (ok && g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED, _("Cannot write %s: %s"), dest,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

static gboolean
sqlite_restore (gpointer            conn,
                const char         *src_path,
                JhkDbProgressFunc   progress,
                gpointer            user_data,
                GCancellable       *cancellable,
                GError            **error)
{
  sqlite3 *src;
  gboolean ok;

  if (!g_file_test (src_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("There is no backup at %s."),
                   src_path);
      return FALSE;
    }
  src = open_plain (src_path, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return FALSE;

  /* Refuse a damaged backup before touching the live database. */
  ok = sqlite_integrity_check (src, NULL, error);
  if (ok)
    ok = copy_database (conn, src, progress, user_data, cancellable, error);
  sqlite3_close_v2 (src);
  if (ok)
    ok = sqlite_integrity_check (conn, NULL, error);
  return ok;
}

const JhkDbBackend jhk_db_sqlite_backend = {
  .name = "sqlite",
  .migration_suffix = "sqlite",
  .begin_sql = "BEGIN IMMEDIATE",
  .open = sqlite_open,
  .close = sqlite_close,
  .exec = sqlite_exec,
  .prepare = sqlite_prepare,
  .finalize_stmt = sqlite_finalize_stmt,
  .reset = sqlite_reset,
  .bind_int64 = sqlite_bind_int64,
  .bind_text = sqlite_bind_text,
  .bind_double = sqlite_bind_double,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .n_columns = sqlite_n_columns,
  .column_name = sqlite_column_name,
  .is_null = sqlite_is_null,
  .get_int64 = sqlite_get_int64,
  .get_double = sqlite_get_double,
  .get_text = sqlite_get_text,
  .changes = sqlite_changes,
  .integrity_check = sqlite_integrity_check,
  .data_version = sqlite_data_version,
  .backup = sqlite_backup,
  .restore = sqlite_restore,
};
