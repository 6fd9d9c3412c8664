/* jhk-db-pg.c: the PostgreSQL backend of JhkDb, on libpq.
 *
 * One JhkDb is one server session. Statements written with `?` are
 * rewritten to $1..$n (and LIKE to ILIKE) and prepared on the server (PQprepare) under names of
 * our own; parameters travel as text and the server converts them to the
 * column's type, results come back as text and are parsed here.
 *
 * Transactions and concurrency. The outermost transaction of a JhkDb is
 *
 *   BEGIN ISOLATION LEVEL READ COMMITTED;
 *   SET LOCAL lock_timeout = '10s';
 *   SELECT pg_advisory_xact_lock(JHK_WRITE_LOCK);
 *
 * so every write transaction of Jhk, from any workstation, holds one
 * transaction-scoped advisory lock and they run one at a time. Each
 * statement after the lock sees everything the previous writer committed
 * (READ COMMITTED takes a snapshot per statement), which keeps the audit
 * chain (seq = max + 1, prev_hash = the last hash) one gap-free chain, and
 * rules out deadlocks and lost updates among Jhk's writers: there is nothing
 * to retry. Reads outside a transaction are plain MVCC reads and never wait.
 * A writer that waits more than 10 s for the lock gets JHK_DB_ERROR_BUSY,
 * as SQLite's busy timeout gives.
 *
 * A failed statement aborts the whole PostgreSQL transaction (SQLite only
 * undoes the statement): callers roll back on any error, as Jhk's services
 * do; nested jhk_db_begin() savepoints undo a failed inner part only.
 *
 * Dialect. The shared migrations are portable SQL; translate_ddl() turns
 * `INTEGER PRIMARY KEY` into a 64-bit identity column and every other
 * INTEGER into BIGINT (ids and µs timestamps need 64 bits); at open, each
 * identity's sequence catches up with ids that were inserted explicitly
 * (copies from SQLite keep their ids). Backend-specific parts are in
 * sql/NNNN-name.pg.sql.
 *
 * Text ordering and case follow the database's locale: create it with
 * ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' to sort as SQLite does (by
 * code point) and for LIKE, which runs as ILIKE, to ignore the case of ASCII
 * letters only, as SQLite's LIKE does.
 *
 * Live updates. Migration 0003 gives every table a statement-level trigger
 * that sends NOTIFY jhk_changed with the table's name; a connection that a
 * JhkDbWatch listens on runs LISTEN jhk_changed (again on every new
 * session) and hands the names over. The connection's own writes count
 * too, so that every list on that connection follows a write made through
 * it, wherever it was made (SQLite's data_version leaves them out, and two
 * windows there have two connections). Notifications that arrive while a statement
 * runs are read off the socket by libpq with the statement's result; they
 * are collected after every statement and the listener is woken, since the
 * socket will not wake it for them.
 *
 * Backup and restore run pg_dump and pg_restore (custom format) with this
 * connection's parameters; a password the connection knows goes to the
 * child's environment (PGPASSWORD), never onto its command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jhk-db-private.h"

/* The advisory lock every Jhk write transaction takes: "JHKWRITE" in ASCII
 * as a 64-bit number. Other applications on the database must not use it. */
#define JHK_WRITE_LOCK "5352610995544609861"

/* The channel of 0003-notify.pg.sql. */
#define JHK_CHANGED_CHANNEL "jhk_changed"

/* The relations of a database's own schemas (not the system's, not an
 * extension's), for the catalog queries of restore. */
#define USER_RELATIONS \
  " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" \
  " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')" \
  " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'" \
  " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass" \
  "                 AND d.objid = c.oid AND d.deptype = 'e')"
#define USER_ROUTINES \
  " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace" \
  " WHERE p.prokind IN ('f', 'p')" \
  " AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'" \
  " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass" \
  "                 AND d.objid = p.oid AND d.deptype = 'e')"

/* Type OIDs from the server's catalog (pg_type.dat); they are fixed. */
#define BOOLOID   16
#define INT8OID   20
#define TEXTOID   25
#define FLOAT8OID 701

typedef struct
{
  PGconn    *pg;
  gboolean   readonly;
  guint      next_stmt;
  /* Names of statements to DEALLOCATE at the next chance. */
  GPtrArray *dead;
  int        changes;
  /* Bumped when a lost session is replaced: statements prepared in an
   * older one are prepared again. */
  guint      generation;
  /* The session went away inside a transaction: until the caller rolls
   * back, nothing runs on a new one. */
  gboolean   lost_in_transaction;

  /* LISTEN jhk_changed is on (wake set): changed tables' names gather in
   * `changed` until read_changes() takes them. */
  JhkDbWakeFunc wake;
  gpointer   wake_data;
  GHashTable *changed;
  /* A session was replaced while listening: what others changed meanwhile
   * was not heard. */
  gboolean   missed;

  /* The last restore into an empty database: the routines that were there
   * before it (an array literal of OIDs), for undo_restore(). */
  char      *before_restore;
} PgConn;

typedef enum
{
  BIND_UNSET,
  BIND_NULL,
  BIND_INT64,
  BIND_DOUBLE,
  BIND_TEXT,
} BindKind;

typedef struct
{
  PgConn    *conn;
  char      *name;
  char      *sql;       /* with $n placeholders */
  int        n_params;
  char     **values;    /* n_params text values, NULL for SQL NULL */
  BindKind  *kinds;
  /* The statement is prepared once its parameter types are known when the
   * server cannot infer them from the text (`SELECT ? IS NULL`). */
  gboolean   prepared;
  guint      generation;
  gboolean   executed;
  PGresult  *result;
  int        row;
  PGresult  *desc;      /* column description before the first step */
} PgStmt;

/* Errors ------------------------------------------------------------------ */

static int
map_sqlstate (const char *state)
{
  if (state == NULL)
    return JHK_DB_ERROR_FAILED;
  if (g_str_equal (state, "23505"))
    return JHK_DB_ERROR_UNIQUE;
  /* Other integrity violations (not null, foreign key, check) and a RAISE
   * from a trigger, such as the audit log's refusals. */
  if (g_str_has_prefix (state, "23") || g_str_equal (state, "P0001"))
    return JHK_DB_ERROR_CONSTRAINT;
  /* Serialisation failure, deadlock, lock timeout. */
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") ||
      g_str_equal (state, "55P03"))
    return JHK_DB_ERROR_BUSY;
  if (g_str_equal (state, "25006"))
    return JHK_DB_ERROR_READONLY;
  /* Insufficient privilege, and rows that row-level security refuses. */
  if (g_str_equal (state, "42501"))
    return JHK_DB_ERROR_DENIED;
  if (g_str_equal (state, "57014"))
    return JHK_DB_ERROR_CANCELLED;
  /* Connection exceptions, the server shutting down or crashing. */
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P"))
    return JHK_DB_ERROR_OPEN;
  if (g_str_equal (state, "XX001") || g_str_equal (state, "XX002"))
    return JHK_DB_ERROR_CORRUPT;
  return JHK_DB_ERROR_FAILED;
}

/* libpq's messages end in a newline; ours do not. */
static char *
chomp_message (const char *message)
{
  return g_strchomp (g_strdup (message != NULL && *message != '\0' ? message
                                                                   : _("Unknown error")));
}

static void
set_result_error (GError   **error,
                  PgConn    *conn,
                  PGresult  *res)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *detail = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  g_autofree char *message = NULL;

  if (PQstatus (conn->pg) == CONNECTION_BAD)
    {
      g_autofree char *why = chomp_message (PQerrorMessage (conn->pg));
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("The connection to the database server was lost: %s"), why);
      return;
    }
  if (primary == NULL)
    {
      message = chomp_message (res != NULL ? PQresultErrorMessage (res)
                                           : PQerrorMessage (conn->pg));
      g_set_error_literal (error, JHK_DB_ERROR, map_sqlstate (state), message);
      return;
    }
  if (detail != NULL)
    message = g_strdup_printf ("%s (%s)", primary, detail);
  else
    message = g_strdup (primary);
  if (map_sqlstate (state) == JHK_DB_ERROR_DENIED)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_DENIED,
                   _("The database server does not let your user ID do this (%s). Ask the "
                     "system administrator."), message);
      return;
    }
  g_set_error_literal (error, JHK_DB_ERROR, map_sqlstate (state), message);
}

static gboolean
result_ok (PGresult *res)
{
  ExecStatusType status = PQresultStatus (res);

  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ||
         status == PGRES_EMPTY_QUERY;
}

/* Placeholders and DDL ------------------------------------------------------ */

/* Length of the token at p that the rewriters copy unchanged: a string
 * literal, a quoted identifier, a comment or a dollar-quoted body; 0 when p
 * starts none of them. */
static gsize
opaque_length (const char *p)
{
  const char *q;

  if (*p == '\'' || *p == '"')
    {
      char quote = *p;

      /* Plain strings do not escape with backslashes
       * (standard_conforming_strings is on); E'...' is handled apart. */
      for (q = p + 1; *q != '\0'; q++)
        {
          if (*q == quote)
            {
              if (q[1] == quote)
                q++;
              else
                return q + 1 - p;
            }
        }
      return q - p;
    }
  if (p[0] == '-' && p[1] == '-')
    {
      q = strchr (p, '\n');
      return q != NULL ? (gsize) (q - p) : strlen (p);
    }
  if (p[0] == '/' && p[1] == '*')
    {
      int depth = 0;

      /* PostgreSQL's block comments nest. */
      for (q = p; *q != '\0'; q++)
        {
          if (q[0] == '/' && q[1] == '*')
            {
              depth++;
              q++;
            }
          else if (q[0] == '*' && q[1] == '/')
            {
              q++;
              if (--depth == 0)
                return q + 1 - p;
            }
        }
      return q - p;
    }
  if (p[0] == '$')
    {
      /* $tag$ ... $tag$, the tag an identifier or empty; $1 is a parameter. */
      g_autofree char *tag = NULL;
      const char *end;

      for (q = p + 1; g_ascii_isalnum (*q) || *q == '_'; q++)
        ;
      if (*q != '$' || g_ascii_isdigit (p[1]))
        return 0;
      tag = g_strndup (p, q + 1 - p);
      end = strstr (q + 1, tag);
      return end != NULL ? (gsize) (end + strlen (tag) - p) : strlen (p);
    }
  return 0;
}

/* E'...' literals: the backslash escapes the quote too. */
static gsize
escape_string_length (const char *p)
{
  const char *q;

  for (q = p + 2; *q != '\0'; q++)
    {
      if (*q == '\\' && q[1] != '\0')
        q++;
      else if (*q == '\'')
        {
          if (q[1] == '\'')
            q++;
          else
            return q + 1 - p;
        }
    }
  return q - p;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

char *
jhk_db_pg_rewrite_placeholders (const char *sql,
                                int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int n = 0;

  for (const char *p = sql; *p != '\0';)
    {
      gsize len;

      if ((p[0] == 'E' || p[0] == 'e') && p[1] == '\'' && (p == sql || !is_word_char (p[-1])))
        len = escape_string_length (p);
      else
        len = opaque_length (p);
      if (len > 0)
        {
          g_string_append_len (out, p, len);
          p += len;
        }
      else if (is_word_char (*p))
        {
          /* A whole word, so that a$1 style identifiers stay whole. */
          const char *start = p;
          while (is_word_char (*p) || *p == '$')
            p++;
          /* SQLite's LIKE ignores the case of ASCII letters; ILIKE does the
           * same in a database whose LC_CTYPE is C. */
          if (p - start == 4 && g_ascii_strncasecmp (start, "LIKE", 4) == 0)
            g_string_append (out, "ILIKE");
          else
            g_string_append_len (out, start, p - start);
        }
      else if (*p == '?')
        {
          g_string_append_printf (out, "$%d", ++n);
          p++;
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }
  if (n_params != NULL)
    *n_params = n;
  return g_string_free (out, FALSE);
}

static gboolean
word_at (const char *p,
         const char *word)
{
  gsize len = strlen (word);

  return g_ascii_strncasecmp (p, word, len) == 0 && !is_word_char (p[len]);
}

static const char *
skip_space (const char *p)
{
  for (;;)
    {
      gsize len;

      while (g_ascii_isspace (*p))
        p++;
      if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*'))
        {
          len = opaque_length (p);
          p += len;
          continue;
        }
      return p;
    }
}

char *
jhk_db_pg_translate_ddl (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql) + 256);

  for (const char *p = sql; *p != '\0';)
    {
      gsize len = opaque_length (p);
      const char *start = p;

      if (len > 0)
        {
          g_string_append_len (out, p, len);
          p += len;
        }
      else if (!is_word_char (*p))
        {
          g_string_append_c (out, *p++);
        }
      else if (word_at (p, "INTEGER"))
        {
          const char *after = skip_space (p + strlen ("INTEGER"));
          const char *key = word_at (after, "PRIMARY") ? skip_space (after + strlen ("PRIMARY"))
                                                       : NULL;

          /* SQLite's rowid alias: a 64-bit key numbered by the server. */
          if (key != NULL && word_at (key, "KEY"))
            {
              g_string_append (out, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
              p = key + strlen ("KEY");
            }
          else
            {
              g_string_append (out, "BIGINT");
              p += strlen ("INTEGER");
            }
        }
      else
        {
          while (is_word_char (*p))
            p++;
          g_string_append_len (out, start, p - start);
        }
    }
  return g_string_free (out, FALSE);
}

/* Connection ------------------------------------------------------------ */

/* Moves each identity's sequence past the highest id in its table. Rows
 * inserted with their ids (a database copied from SQLite by jhkctl migrate,
 * a hand-made import) do not advance the sequence, and the next row without
 * an id would collide. Done at open rather than by a trigger on every
 * insert, which would halve the audit log's write rate. */
static const char identity_catch_up_sql[] =
  "DO $jhk$\n"
  "DECLARE\n"
  "  r record;\n"
  "  top bigint;\n"
  "BEGIN\n"
  "  FOR r IN SELECT a.attrelid::regclass AS tab, a.attname AS col,\n"
  "             pg_get_serial_sequence (a.attrelid::regclass::text, a.attname)::regclass AS seq\n"
  "           FROM pg_attribute a\n"
  "           JOIN pg_class c ON c.oid = a.attrelid\n"
  "           JOIN pg_namespace n ON n.oid = c.relnamespace\n"
  "           WHERE a.attidentity <> '' AND NOT a.attisdropped\n"
  "             AND n.nspname = ANY (current_schemas (false)) LOOP\n"
  "    EXECUTE format ('SELECT max(%I) FROM %s', r.col, r.tab) INTO top;\n"
  "    IF top > COALESCE (pg_sequence_last_value (r.seq), 0) THEN\n"
  "      PERFORM setval (r.seq, top);\n"
  "    END IF;\n"
  "  END LOOP;\n"
  "END\n"
  "$jhk$";

static void
notice_cb (void       *user_data,
           const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

static gboolean
session_setup (PGconn   *pg,
               gboolean  readonly,
               GError  **error)
{
  PGresult *res;

  PQsetNoticeProcessor (pg, notice_cb, NULL);
  /* Times are stored as µs since the epoch and dates as text, so the time
   * zone only matters to what the server prints; keep it fixed anyway. The
   * application name defaults to "jhk" (fallback_application_name), so a
   * URI may name the workstation instead. */
  res = PQexec (pg, readonly ? "SET TimeZone = 'UTC'; SET standard_conforming_strings = on;"
                               " SET default_transaction_read_only = on"
                             : "SET TimeZone = 'UTC'; SET standard_conforming_strings = on");
  if (!result_ok (res))
    {
      g_autofree char *why = chomp_message (PQresultErrorMessage (res));
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("Cannot connect to the database server: %s"), why);
      PQclear (res);
      return FALSE;
    }
  PQclear (res);
  return TRUE;
}

/* The password goes to libpq as its own keyword, never into the URI; the
 * PGconn keeps it for PQreset() when a lost session is replaced. TLS is
 * libpq's too: sslmode, sslrootcert and the rest come from the URI. */
static gpointer
pg_open (const char      *location,
         const char      *password,
         JhkDbOpenFlags   flags,
         GError         **error)
{
  /* Defaults before dbname, so that the URI may override them; what Jhk
   * relies on after it, so that the URI cannot. */
  const char *keywords[] = {
    "connect_timeout", "fallback_application_name", "dbname", "client_encoding",
    password != NULL ? "password" : NULL, NULL
  };
  const char *values[] = { "10", "jhk", location, "UTF8", password, NULL };
  PgConn *conn;
  PGconn *pg;
  PGresult *res;

  pg = PQconnectdbParams (keywords, values, TRUE);
  if (pg == NULL)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                           _("Cannot connect to the database server: out of memory."));
      return NULL;
    }
  if (PQstatus (pg) != CONNECTION_OK)
    {
      g_autofree char *why = chomp_message (PQerrorMessage (pg));

      /* Asked for a password that the URI (or ~/.pgpass) does not hold, or
       * refused the one given: the caller can ask the user. */
      if (PQconnectionNeedsPassword (pg) ||
          (PQconnectionUsedPassword (pg) && strstr (why, "password") != NULL))
        g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH,
                     _("The database server needs a valid password: %s"), why);
      else
        g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                     _("Cannot connect to the database server: %s"), why);
      PQfinish (pg);
      return NULL;
    }
  if (!session_setup (pg, flags & JHK_DB_OPEN_READONLY, error))
    {
      PQfinish (pg);
      return NULL;
    }

  if (!(flags & JHK_DB_OPEN_READONLY))
    {
      /* A user who may not move sequences is not the one who copies a
       * database in; the catch-up is best effort. */
      res = PQexec (pg, identity_catch_up_sql);
      if (!result_ok (res))
        g_debug ("PostgreSQL: identity catch-up: %s", PQresultErrorMessage (res));
      PQclear (res);
    }

  conn = g_new0 (PgConn, 1);
  conn->pg = pg;
  conn->readonly = (flags & JHK_DB_OPEN_READONLY) != 0;
  conn->dead = g_ptr_array_new_with_free_func (g_free);
  return conn;
}

gboolean
jhk_db_pg_uri_get_server (const char  *uri,
                          char       **out_host,
                          char       **out_port,
                          char       **out_dbname,
                          char       **out_user,
                          GError     **error)
{
  PQconninfoOption *options;
  PQconninfoOption *defaults;
  char *why = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *user = NULL;

  options = PQconninfoParse (uri, &why);
  if (options == NULL)
    {
      g_autofree char *message = why != NULL ? chomp_message (why) : NULL;

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("The database server’s address cannot be read: %s"),
                   message != NULL ? message : _("out of memory"));
      PQfreemem (why);
      return FALSE;
    }
  /* What the URI leaves out, libpq takes from the environment and from
   * the login name, as it will when it connects. */
  defaults = PQconndefaults ();
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      const char *value = o->val;

      for (PQconninfoOption *d = defaults; (value == NULL || *value == '\0') &&
                                           d != NULL && d->keyword != NULL; d++)
        if (g_str_equal (d->keyword, o->keyword))
          value = d->val;
      if (g_str_equal (o->keyword, "host"))
        host = g_strdup (value);
      else if (g_str_equal (o->keyword, "port"))
        port = g_strdup (value);
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = g_strdup (value);
      else if (g_str_equal (o->keyword, "user"))
        user = g_strdup (value);
    }
  PQconninfoFree (options);
  PQconninfoFree (defaults);

  if (out_host != NULL)
    *out_host = g_strdup (host != NULL ? host : "");
  if (out_port != NULL)
    *out_port = g_strdup (port != NULL && *port != '\0' ? port : "5432");
  if (out_user != NULL)
    *out_user = g_strdup (user != NULL ? user : g_get_user_name ());
  /* The database is named after the user unless the URI names it. */
  if (out_dbname != NULL)
    *out_dbname = g_strdup (dbname != NULL && *dbname != '\0' ? dbname
                            : user != NULL ? user : g_get_user_name ());
  return TRUE;
}

static void
pg_close (gpointer data)
{
  PgConn *conn = data;

  /* Prepared statements end with the session. */
  PQfinish (conn->pg);
  g_ptr_array_unref (conn->dead);
  g_clear_pointer (&conn->changed, g_hash_table_unref);
  g_free (conn->before_restore);
  g_free (conn);
}

/* A session that the server, the network or a fail-over ended is replaced
 * by a new one, between transactions only: a transaction that was lost is
 * the caller's to roll back and run again. */
static gboolean
ensure_session (PgConn  *conn,
                GError **error)
{
  if (PQstatus (conn->pg) == CONNECTION_OK)
    return TRUE;
  if (conn->lost_in_transaction)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                           _("The connection to the database server was lost before the "
                             "change was confirmed; check whether it was saved and try "
                             "again."));
      return FALSE;
    }
  PQreset (conn->pg);
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_autofree char *why = chomp_message (PQerrorMessage (conn->pg));
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("Cannot connect to the database server: %s"), why);
      return FALSE;
    }
  if (!session_setup (conn->pg, conn->readonly, error))
    return FALSE;
  /* The old session's prepared statements went with it. */
  g_ptr_array_set_size (conn->dead, 0);
  conn->generation++;
  /* So did its LISTEN, and what others changed meanwhile went unheard. */
  if (conn->wake != NULL)
    {
      PGresult *res = PQexec (conn->pg, "LISTEN " JHK_CHANGED_CHANNEL);

      if (!result_ok (res))
        g_debug ("PostgreSQL: LISTEN on a new session: %s", PQresultErrorMessage (res));
      PQclear (res);
      conn->missed = TRUE;
      conn->wake (conn->wake_data);
    }
  return TRUE;
}

/* Moves the notifications that libpq holds into conn->changed. With `wake`, tells the listener that some came:
 * after a statement, whose result they arrived with. */
static void
collect_changes (PgConn   *conn,
                 gboolean  wake)
{
  PGnotify *notify;
  gboolean any = FALSE;

  while ((notify = PQnotifies (conn->pg)) != NULL)
    {
      if (conn->wake != NULL && g_str_equal (notify->relname, JHK_CHANGED_CHANNEL))
        {
          g_hash_table_add (conn->changed, g_strdup (notify->extra));
          any = TRUE;
        }
      PQfreemem (notify);
    }
  if (any && wake)
    conn->wake (conn->wake_data);
}

/* After a command failed: was the session lost, and may the command run
 * again on a new one? Only what cannot have changed anything: a read or
 * the start of a transaction, sent outside any transaction. */
static gboolean
lost_and_retryable (PgConn                  *conn,
                    PGTransactionStatusType  before,
                    const char              *sql)
{
  if (PQstatus (conn->pg) == CONNECTION_OK)
    return FALSE;
  conn->lost_in_transaction = before != PQTRANS_IDLE;
  while (g_ascii_isspace (*sql))
    sql++;
  return before == PQTRANS_IDLE &&
         (g_ascii_strncasecmp (sql, "SELECT", 6) == 0 ||
          g_ascii_strncasecmp (sql, "BEGIN", 5) == 0);
}

/* Statements are deallocated in one batch, before the next command and only
 * outside a failed transaction, where the server would refuse. */
static void
flush_dead (PgConn *conn)
{
  g_autoptr(GString) sql = NULL;
  PGresult *res;

  if (conn->dead->len == 0 || PQtransactionStatus (conn->pg) == PQTRANS_INERROR)
    return;
  sql = g_string_new (NULL);
  for (guint i = 0; i < conn->dead->len; i++)
    g_string_append_printf (sql, "DEALLOCATE %s;", (char *) g_ptr_array_index (conn->dead, i));
  res = PQexec (conn->pg, sql->str);
  if (!result_ok (res))
    g_debug ("PostgreSQL: %s", PQresultErrorMessage (res));
  PQclear (res);
  g_ptr_array_set_size (conn->dead, 0);
}

static void
note_changes (PgConn   *conn,
              PGresult *res)
{
  const char *status = PQcmdStatus (res);

  /* Like sqlite3_changes(): rows of the last INSERT, UPDATE or DELETE. */
  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE") ||
      g_str_has_prefix (status, "DELETE") || g_str_has_prefix (status, "MERGE"))
    conn->changes = atoi (PQcmdTuples (res));
}

static gboolean
pg_exec (gpointer     data,
         const char  *sql,
         GError     **error)
{
  PgConn *conn = data;
  PGTransactionStatusType before;
  PGresult *res = NULL;
  gboolean ok;

  /* The server ended the lost transaction when the session went. */
  if (PQstatus (conn->pg) != CONNECTION_OK && conn->lost_in_transaction &&
      g_str_has_prefix (sql, "ROLLBACK"))
    {
      if (!g_str_has_prefix (sql, "ROLLBACK TO"))
        conn->lost_in_transaction = FALSE;
      return TRUE;
    }

  for (int attempt = 0;; attempt++)
    {
      if (!ensure_session (conn, error))
        return FALSE;
      flush_dead (conn);
      before = PQtransactionStatus (conn->pg);
      res = PQexec (conn->pg, sql);
      ok = result_ok (res);
      if (ok || attempt > 0 || !lost_and_retryable (conn, before, sql))
        break;
      PQclear (res);
    }
  if (ok)
    note_changes (conn, res);
  else
    set_result_error (error, conn, res);
  PQclear (res);
  collect_changes (conn, TRUE);

  /* A script that opened a transaction and failed inside it (the begin
   * statement waiting for the write lock, say) leaves nothing open. */
  if (!ok && before == PQTRANS_IDLE && PQstatus (conn->pg) == CONNECTION_OK &&
      PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
  return ok;
}

/* Prepares the statement. At tier 0 the server infers every parameter's
 * type from the text; when it cannot (`SELECT ? IS NULL`), preparing waits
 * for the binds: tier 1 declares the numbers' types, tier 2 the texts' and
 * NULLs' too. Returns FALSE with error set on failure; TRUE with
 * stmt->prepared still FALSE when a higher tier is worth trying. */
static gboolean
stmt_prepare (PgStmt   *stmt,
              int       tier,
              GError  **error)
{
  g_autofree Oid *types = NULL;
  PGresult *res;
  gboolean ok;

  if (tier > 0)
    {
      types = g_new0 (Oid, MAX (stmt->n_params, 1));
      for (int i = 0; i < stmt->n_params; i++)
        {
          if (stmt->kinds[i] == BIND_INT64)
            types[i] = INT8OID;
          else if (stmt->kinds[i] == BIND_DOUBLE)
            types[i] = FLOAT8OID;
          else if (tier > 1)
            types[i] = TEXTOID;
        }
    }
  flush_dead (stmt->conn);
  res = PQprepare (stmt->conn->pg, stmt->name, stmt->sql, stmt->n_params, types);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (ok)
    {
      stmt->prepared = TRUE;
      stmt->generation = stmt->conn->generation;
    }
  else if (tier < 2 && g_strcmp0 (PQresultErrorField (res, PG_DIAG_SQLSTATE), "42P18") == 0)
    ok = TRUE;
  else
    set_result_error (error, stmt->conn, res);
  PQclear (res);
  return ok;
}

static void pg_finalize_stmt (gpointer data);

static gboolean
prepare_first (PgStmt  *stmt,
               GError **error)
{
  PGTransactionStatusType before;
  GError *local = NULL;

  if (!ensure_session (stmt->conn, error))
    return FALSE;
  before = PQtransactionStatus (stmt->conn->pg);
  if (stmt_prepare (stmt, 0, &local))
    return TRUE;
  /* Preparing changes nothing: after a lost session, once more on a new
   * one (a read names the case to lost_and_retryable). */
  if (lost_and_retryable (stmt->conn, before, "SELECT") && ensure_session (stmt->conn, NULL))
    {
      g_clear_error (&local);
      return stmt_prepare (stmt, 0, error);
    }
  g_propagate_error (error, local);
  return FALSE;
}

static gpointer
pg_prepare (gpointer     data,
            const char  *sql,
            GError     **error)
{
  PgConn *conn = data;
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->conn = conn;
  stmt->name = g_strdup_printf ("jhk_%u", ++conn->next_stmt);
  stmt->sql = jhk_db_pg_rewrite_placeholders (sql, &stmt->n_params);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->kinds = g_new0 (BindKind, stmt->n_params + 1);
  stmt->row = -1;
  if (!prepare_first (stmt, error))
    {
      pg_finalize_stmt (stmt);
      return NULL;
    }
  return stmt;
}

static void
clear_binds (PgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->kinds[i] = BIND_UNSET;
    }
}

static void
pg_reset (gpointer data)
{
  PgStmt *stmt = data;

  g_clear_pointer (&stmt->result, PQclear);
  stmt->executed = FALSE;
  stmt->row = -1;
  clear_binds (stmt);
}

static void
pg_finalize_stmt (gpointer data)
{
  PgStmt *stmt = data;

  if (stmt->prepared && stmt->generation == stmt->conn->generation)
    g_ptr_array_add (stmt->conn->dead, g_steal_pointer (&stmt->name));
  g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&stmt->desc, PQclear);
  clear_binds (stmt);
  g_free (stmt->values);
  g_free (stmt->kinds);
  g_free (stmt->name);
  g_free (stmt->sql);
  g_free (stmt);
}

static void
set_bind (PgStmt   *stmt,
          int       index,
          BindKind  kind,
          char     *value)
{
  g_autofree char *owned = value;

  g_return_if_fail (index >= 1 && index <= stmt->n_params);
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = g_steal_pointer (&owned);
  stmt->kinds[index - 1] = kind;
}

static void
pg_bind_int64 (gpointer stmt, int index, gint64 value)
{
  set_bind (stmt, index, BIND_INT64, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_text (gpointer stmt, int index, const char *value)
{
  set_bind (stmt, index, BIND_TEXT, g_strdup (value));
}

static void
pg_bind_double (gpointer stmt, int index, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  set_bind (stmt, index, BIND_DOUBLE, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)));
}

static void
pg_bind_null (gpointer stmt, int index)
{
  set_bind (stmt, index, BIND_NULL, NULL);
}

static JhkDbStep
pg_step (gpointer   data,
         GError   **error)
{
  PgStmt *stmt = data;

  if (!stmt->executed)
    {
      PgConn *conn = stmt->conn;
      PGTransactionStatusType before;
      PGresult *res;

      for (int attempt = 0;; attempt++)
        {
          if (!ensure_session (conn, error))
            return JHK_DB_FAILED;
          if (stmt->generation != conn->generation)
            {
              stmt->prepared = FALSE;
              g_clear_pointer (&stmt->desc, PQclear);
            }
          before = PQtransactionStatus (conn->pg);
          for (int tier = 1; !stmt->prepared; tier++)
            if (!stmt_prepare (stmt, tier, error))
              return JHK_DB_FAILED;
          flush_dead (conn);
          res = PQexecPrepared (conn->pg, stmt->name, stmt->n_params,
                                (const char * const *) stmt->values, NULL, NULL, 0);
          if (result_ok (res) || attempt > 0 || !lost_and_retryable (conn, before, stmt->sql))
            break;
          PQclear (res);
        }
      if (!result_ok (res))
        {
          set_result_error (error, conn, res);
          PQclear (res);
          return JHK_DB_FAILED;
        }
      note_changes (conn, res);
      collect_changes (conn, TRUE);
      g_clear_pointer (&stmt->result, PQclear);
      stmt->result = res;
      stmt->executed = TRUE;
      stmt->row = -1;
    }

  if (++stmt->row < PQntuples (stmt->result))
    return JHK_DB_ROW;

  /* As SQLite does, the next step after the last runs the statement again
   * with the same parameters. */
  stmt->executed = FALSE;
  return JHK_DB_DONE;
}

/* The result that describes the columns: the last execution's, or before
 * the first one the prepared statement's description. */
static PGresult *
columns_of (PgStmt *stmt)
{
  if (stmt->result != NULL)
    return stmt->result;
  if (stmt->desc == NULL && stmt->prepared)
    {
      PGresult *res = PQdescribePrepared (stmt->conn->pg, stmt->name);

      if (PQresultStatus (res) == PGRES_COMMAND_OK)
        stmt->desc = res;
      else
        PQclear (res);
    }
  return stmt->desc;
}

static int
pg_n_columns (gpointer data)
{
  PGresult *res = columns_of (data);

  return res != NULL ? PQnfields (res) : 0;
}

static const char *
pg_column_name (gpointer data, int column)
{
  PGresult *res = columns_of (data);

  return res != NULL ? PQfname (res, column) : NULL;
}

/* The current row's value, NULL for SQL NULL or when there is no row. */
static const char *
value_at (PgStmt *stmt,
          int     column)
{
  PGresult *res = stmt->result;

  if (res == NULL || stmt->row < 0 || stmt->row >= PQntuples (res) || column < 0 ||
      column >= PQnfields (res) || PQgetisnull (res, stmt->row, column))
    return NULL;
  return PQgetvalue (res, stmt->row, column);
}

static gboolean
pg_is_null (gpointer stmt, int column)
{
  return value_at (stmt, column) == NULL;
}

static gint64
pg_get_int64 (gpointer data, int column)
{
  PgStmt *stmt = data;
  const char *value = value_at (stmt, column);

  if (value == NULL)
    return 0;
  /* Jhk's schema has no booleans, but an expression may give one. */
  if (PQftype (stmt->result, column) == BOOLOID)
    return value[0] == 't';
  return g_ascii_strtoll (value, NULL, 10);
}

static double
pg_get_double (gpointer stmt, int column)
{
  const char *value = value_at (stmt, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0.0;
}

static const char *
pg_get_text (gpointer stmt, int column)
{
  return value_at (stmt, column);
}

static int
pg_changes (gpointer data)
{
  PgConn *conn = data;

  return conn->changes;
}

/* What can be checked cheaply and means something on a server whose pages
 * PostgreSQL itself checks (data checksums, WAL): the connection answers,
 * the audit log's refusing triggers are there and fire always (even with
 * session_replication_role = replica), and no index was left invalid by a
 * failed CREATE INDEX CONCURRENTLY. A damaged heap is the server's to find
 * (amcheck, pg_checksums), not a client's. */
static gboolean
pg_integrity_check (gpointer   data,
                    char     **report,
                    GError   **error)
{
  PgConn *conn = data;
  g_autoptr(GString) problems = g_string_new (NULL);
  PGresult *res;

  if (!ensure_session (conn, error))
    return FALSE;
  flush_dead (conn);
  res = PQexec (conn->pg,
                "SELECT 'audit_log trigger ' || t.name || ' is missing or disabled'"
                " FROM (VALUES ('audit_log_no_update'), ('audit_log_no_delete'),"
                "              ('audit_log_no_truncate')) AS t (name)"
                " WHERE to_regclass ('audit_log') IS NOT NULL AND NOT EXISTS ("
                "   SELECT 1 FROM pg_trigger g WHERE g.tgrelid = to_regclass ('audit_log')"
                "   AND g.tgname = t.name AND g.tgenabled = 'A')"
                " UNION ALL"
                " SELECT 'index ' || i.indexrelid::regclass::text || ' is invalid'"
                " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE NOT i.indisvalid AND n.nspname = ANY (current_schemas (false))");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      set_result_error (error, conn, res);
      PQclear (res);
      return FALSE;
    }
  for (int i = 0; i < PQntuples (res); i++)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, PQgetvalue (res, i, 0));
    }
  PQclear (res);

  if (problems->len > 0)
    g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT,
                 _("The database has been tampered with or damaged: %s"), problems->str);
  if (report != NULL)
    *report = g_strdup (problems->len > 0 ? problems->str : "ok");
  return problems->len == 0;
}

/* A number that changes whenever a transaction that wrote anything ends on
 * the server, read from the current snapshot: its xmax is one past the
 * newest finished transaction, and with xmax unchanged a transaction can
 * only finish by leaving the in-progress list, so (xmax, number in
 * progress) changes with every commit and never comes back. It costs no
 * table access. It also changes for this connection's own commits and for
 * other databases of the cluster: a spurious refresh, never a missed one. */
static gint64
pg_data_version (gpointer data)
{
  PgConn *conn = data;
  PGresult *res;
  gint64 version = -1;

  if (!ensure_session (conn, NULL))
    return -1;
  flush_dead (conn);
  res = PQexec (conn->pg,
                "SELECT pg_snapshot_xmax (s)::text,"
                " (SELECT count(*) FROM pg_snapshot_xip (s))"
                " FROM pg_current_snapshot () AS s");
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    {
      gint64 xmax = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      gint64 running = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);

      version = (xmax << 20) | (0xFFFFF - MIN (running, 0xFFFFF));
    }
  PQclear (res);
  collect_changes (conn, TRUE);
  return version;
}

/* Live updates ------------------------------------------------------------ */

static gboolean
pg_listen (gpointer       data,
           JhkDbWakeFunc  wake,
           gpointer       user_data,
           GError       **error)
{
  PgConn *conn = data;
  PGresult *res;

  if (wake == NULL)
    {
      conn->wake = NULL;
      conn->wake_data = NULL;
      g_clear_pointer (&conn->changed, g_hash_table_unref);
      if (PQstatus (conn->pg) == CONNECTION_OK &&
          PQtransactionStatus (conn->pg) == PQTRANS_IDLE)
        PQclear (PQexec (conn->pg, "UNLISTEN " JHK_CHANGED_CHANNEL));
      return TRUE;
    }

  if (!ensure_session (conn, error))
    return FALSE;
  res = PQexec (conn->pg, "LISTEN " JHK_CHANGED_CHANNEL);
  if (!result_ok (res))
    {
      /* A hot standby refuses LISTEN: nothing is written there. */
      g_autofree char *why = chomp_message (PQresultErrorMessage (res));

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                   _("The database server does not tell about changes: %s"), why);
      PQclear (res);
      return FALSE;
    }
  PQclear (res);
  conn->wake = wake;
  conn->wake_data = user_data;
  conn->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  conn->missed = FALSE;
  return TRUE;
}

static int
pg_socket (gpointer data)
{
  PgConn *conn = data;

  return PQstatus (conn->pg) == CONNECTION_OK ? PQsocket (conn->pg) : -1;
}

static gboolean
pg_read_changes (gpointer     data,
                 gboolean     sync,
                 GHashTable  *tables,
                 gboolean    *out_missed,
                 GError     **error)
{
  PgConn *conn = data;
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (conn->wake != NULL, FALSE);

  /* A session that went is replaced here too (ensure_session listens
   * again and notes the gap), so that a watch on an idle connection finds
   * the server again by itself. */
  if (!ensure_session (conn, error))
    return FALSE;
  if (sync)
    {
      /* The server sends the notifications it holds before it answers, so
       * every commit that ended before this call is heard. */
      PGresult *res = PQexec (conn->pg, "");

      PQclear (res);
    }
  else if (!PQconsumeInput (conn->pg))
    {
      g_autofree char *why = chomp_message (PQerrorMessage (conn->pg));

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("The connection to the database server was lost: %s"), why);
      return FALSE;
    }
  if (PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_autofree char *why = chomp_message (PQerrorMessage (conn->pg));

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN,
                   _("The connection to the database server was lost: %s"), why);
      return FALSE;
    }
  collect_changes (conn, FALSE);

  g_hash_table_iter_init (&iter, conn->changed);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_hash_table_add (tables, g_strdup (name));
      g_hash_table_iter_remove (&iter);
    }
  *out_missed = conn->missed;
  conn->missed = FALSE;
  return TRUE;
}

/* Backup and restore ------------------------------------------------------ */

/* One value of a connection string, quoted as libpq reads it. */
static void
append_conninfo_value (GString    *out,
                       const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* The parameters the session was opened with (host, port, database, user,
 * sslmode...), as a connection string for pg_dump and pg_restore, without
 * the password, which goes to *out_password (NULL when there is none). */
static char *
conninfo_for_tools (PgConn  *conn,
                    char   **out_password)
{
  PQconninfoOption *options = PQconninfo (conn->pg);
  GString *out = g_string_new (NULL);

  *out_password = NULL;
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (g_str_equal (o->keyword, "password"))
        {
          *out_password = g_strdup (o->val);
          continue;
        }
      if (g_str_equal (o->keyword, "fallback_application_name") ||
          g_str_equal (o->keyword, "application_name"))
        continue;
      g_string_append_printf (out, "%s=", o->keyword);
      append_conninfo_value (out, o->val);
      g_string_append_c (out, ' ');
    }
  g_string_append (out, "application_name='jhk'");
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

/* The client program of the server's major version, where Debian installs
 * it, else the one on PATH (Debian's wrapper picks the newest). */
static char *
find_tool (PgConn     *conn,
           const char *name)
{
  g_autofree char *dir = g_strdup_printf ("/usr/lib/postgresql/%d/bin",
                                          PQserverVersion (conn->pg) / 10000);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&path);
  return g_find_program_in_path (name);
}

static void
secret_clear (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* Runs pg_dump or pg_restore with -v and reads its messages as they come:
 * each line holding `marker` is one of `total` steps of progress; errors
 * are kept for the message. Cancelling kills the child. Messages are in
 * English (LC_MESSAGES=C) so that the progress can be read. */
static gboolean
run_tool (PgConn             *conn,
          const char         *tool,
          GPtrArray          *args,
          const char         *marker,
          int                 total,
          char              **out_stdout,
          JhkDbProgressFunc   progress,
          gpointer            user_data,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) messages = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = find_tool (conn, tool);
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *password = NULL;
  char *conninfo;
  int done = 0;
  char *line;

  if (path == NULL)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                   _("%s is not installed: install the package postgresql-client-%d."), tool,
                   PQserverVersion (conn->pg) / 10000);
      return FALSE;
    }
  conninfo = conninfo_for_tools (conn, &password);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (out_stdout != NULL ? G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                            : G_SUBPROCESS_FLAGS_STDOUT_SILENCE));
  g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
  g_subprocess_launcher_setenv (launcher, "LC_MESSAGES", "C", TRUE);
  /* In the child's environment only, never on its command line, where
   * every user of the machine could read it. */
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  secret_clear (password);

  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, (char *) "--no-password");
  g_ptr_array_add (argv, (char *) "--dbname");
  g_ptr_array_add (argv, conninfo);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  g_free (conninfo);
  if (proc == NULL)
    return FALSE;

  if (out_stdout != NULL)
    {
      /* pg_restore -l: a short listing, read whole before the messages. */
      g_autoptr(GDataInputStream) listing =
        g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

      while ((line = g_data_input_stream_read_line_utf8 (listing, NULL, cancellable,
                                                         &local_error)) != NULL)
        {
          g_string_append (out, line);
          g_string_append_c (out, '\n');
          g_free (line);
        }
    }

  messages = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
  /* Lines already buffered come without a look at the cancellable. */
  while (local_error == NULL &&
         !g_cancellable_set_error_if_cancelled (cancellable, &local_error) &&
         (line = g_data_input_stream_read_line_utf8 (messages, NULL, cancellable,
                                                     &local_error)) != NULL)
    {
      if (marker != NULL && strstr (line, marker) != NULL)
        {
          done++;
          if (progress != NULL && total > 0)
            progress (MIN ((double) done / total, 0.99), user_data);
        }
      else if (strstr (line, ": error: ") != NULL || strstr (line, ": detail: ") != NULL ||
               strstr (line, ": hint: ") != NULL || strstr (line, "ERROR: ") != NULL)
        {
          if (problems->len > 0)
            g_string_append_c (problems, ' ');
          g_string_append (problems, line);
        }
      g_free (last);
      last = line;
    }
  if (local_error != NULL)
    {
      /* Cancelled, or the pipe failed: the child stops here. */
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!g_subprocess_wait (proc, cancellable, error))
    {
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, NULL);
      return FALSE;
    }
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED, _("%s failed: %s"), tool,
                   problems->len > 0 ? problems->str
                   : last != NULL    ? last
                                     : _("it stopped without saying why"));
      return FALSE;
    }
  if (out_stdout != NULL)
    *out_stdout = g_strdup (out->str);
  return TRUE;
}

static gboolean
query_count (PgConn      *conn,
             const char  *sql,
             gint64      *out_count,
             GError     **error)
{
  PGresult *res;

  if (!ensure_session (conn, error))
    return FALSE;
  flush_dead (conn);
  res = PQexec (conn->pg, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      set_result_error (error, conn, res);
      PQclear (res);
      return FALSE;
    }
  *out_count = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  return TRUE;
}

static gboolean
pg_backup (gpointer            data,
           const char         *dest,
           JhkDbProgressFunc   progress,
           gpointer            user_data,
           GCancellable       *cancellable,
           GError            **error)
{
  PgConn *conn = data;
  g_autofree char *tmp = g_strconcat (dest, ".part", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gint64 n_tables = 0;
  gboolean ok;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!query_count (conn, "SELECT count(*)" USER_RELATIONS " AND c.relkind IN ('r', 'p')",
                    &n_tables, error))
    return FALSE;

  /* The file is created here, readable by its owner only: pg_dump writes
   * into it and keeps the mode. */
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

  g_ptr_array_add (args, (char *) "--format=custom");
  g_ptr_array_add (args, (char *) "--verbose");
  g_ptr_array_add (args, (char *) "--file");
  g_ptr_array_add (args, tmp);
  ok = run_tool (conn, "pg_dump", args, "dumping contents of table", (int) n_tables, NULL,
                 progress, user_data, cancellable, error);

  /* The archive must read back before it replaces anything. */
  if (ok)
    {
      g_autoptr(GPtrArray) check = g_ptr_array_new ();
      g_autofree char *listing = NULL;

      g_ptr_array_add (check, (char *) "--list");
      g_ptr_array_add (check, tmp);
      ok = run_tool (conn, "pg_restore", check, NULL, 0, &listing, NULL, NULL, cancellable,
                     error);
    }
  if (ok && g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED, _("Cannot write %s: %s"), dest,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  else if (progress != NULL)
    progress (1.0, user_data);
  return ok;
}

/* The role that 0004's grants and policies name; pg_dump leaves the roles
 * of the server out. Made when missing (needs CREATEROLE), so that a
 * backup restores on a new server; when it cannot be made, pg_restore
 * says what is missing. */
static const char ensure_staff_role_sql[] =
  "DO $jhk$\n"
  "BEGIN\n"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jhk_staff') THEN\n"
  "    CREATE ROLE jhk_staff NOLOGIN;\n"
  "  END IF;\n"
  "EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN\n"
  "  NULL;\n"
  "END\n"
  "$jhk$";

static gboolean
pg_restore (gpointer            data,
            const char         *src,
            JhkDbProgressFunc   progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            GError            **error)
{
  PgConn *conn = data;
  g_autoptr(GPtrArray) list_args = g_ptr_array_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *before = NULL;
  g_auto(GStrv) entries = NULL;
  gint64 n_relations = 0;
  int n_data = 0;
  PGresult *res;

  if (!g_file_test (src, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_OPEN, _("There is no backup at %s."), src);
      return FALSE;
    }
  if (PQtransactionStatus (conn->pg) != PQTRANS_IDLE && PQstatus (conn->pg) == CONNECTION_OK)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_BUSY,
                           _("Cannot restore inside a transaction."));
      return FALSE;
    }

  /* Refuse what is not an archive before touching the database. */
  g_ptr_array_add (list_args, (char *) "--list");
  g_ptr_array_add (list_args, (char *) src);
  if (!run_tool (conn, "pg_restore", list_args, NULL, 0, &listing, NULL, NULL, cancellable,
                 &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (local_error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT,
                     _("%s is not a readable PostgreSQL backup (pg_dump custom format): %s"),
                     src, local_error->message);
      return FALSE;
    }
  entries = g_strsplit (listing, "\n", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    if (strstr (entries[i], " TABLE DATA ") != NULL)
      n_data++;

  /* Only into an empty database: a restore adds, it does not merge. */
  if (!query_count (conn, "SELECT count(*)" USER_RELATIONS, &n_relations, error))
    return FALSE;
  if (n_relations > 0)
    {
      g_autofree char *dbname = g_strdup (PQdb (conn->pg));

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_NOT_EMPTY,
                   _("The database %s holds tables already, so nothing was restored. Restore "
                     "into a new, empty database (CREATE DATABASE … TEMPLATE template0), "
                     "then point Jhk at it."), dbname);
      return FALSE;
    }
  res = PQexec (conn->pg, "SELECT COALESCE (array_agg (p.oid), '{}')::text" USER_ROUTINES);
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      set_result_error (error, conn, res);
      PQclear (res);
      return FALSE;
    }
  before = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  PQclear (PQexec (conn->pg, ensure_staff_role_sql));

  /* One transaction: a restore that fails leaves the database empty.
   * Objects are owned by the restoring role, whatever they were before. */
  g_ptr_array_add (args, (char *) "--single-transaction");
  g_ptr_array_add (args, (char *) "--exit-on-error");
  g_ptr_array_add (args, (char *) "--no-owner");
  g_ptr_array_add (args, (char *) "--verbose");
  g_ptr_array_add (args, (char *) src);
  if (!run_tool (conn, "pg_restore", args, "processing data for table", n_data, NULL,
                 progress, user_data, cancellable, &local_error))
    {
      /* --list reads only the table of contents at the start: a file cut
       * short is found here, on reading its data. */
      if (g_error_matches (local_error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED) &&
          strstr (local_error->message, "input file") != NULL)
        g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CORRUPT,
                     _("%s is not a readable PostgreSQL backup (pg_dump custom format): %s"),
                     src, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (conn->before_restore);
  conn->before_restore = g_steal_pointer (&before);
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

/* Drops what the last restore made: every relation (the database was empty
 * before it) and the routines that were not there before. */
static gboolean
pg_undo_restore (gpointer   data,
                 GError   **error)
{
  PgConn *conn = data;
  g_autofree char *sql = NULL;
  PGresult *res;
  gboolean ok;

  if (conn->before_restore == NULL)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED,
                           _("This connection restored nothing that could be undone."));
      return FALSE;
    }
  if (!ensure_session (conn, error))
    return FALSE;
  flush_dead (conn);
  /* The OIDs are the server's own numbers, written by array_agg. */
  sql = g_strconcat (
    "BEGIN;\n"
    "DO $jhk$\n"
    "DECLARE\n"
    "  r record;\n"
    "BEGIN\n"
    "  FOR r IN SELECT n.nspname, c.relname,\n"
    "                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'\n"
    "                    WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'\n"
    "                    ELSE 'TABLE' END AS kind\n"
    "           " USER_RELATIONS "\n"
    "           ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 0 WHEN 'S' THEN 2\n"
    "                    ELSE 1 END LOOP\n"
    "    EXECUTE format ('DROP %s IF EXISTS %I.%I CASCADE', r.kind, r.nspname, r.relname);\n"
    "  END LOOP;\n"
    "  FOR r IN SELECT p.oid::regprocedure::text AS routine\n"
    "           " USER_ROUTINES " AND NOT p.oid = ANY ('",
    conn->before_restore,
    "'::oid[]) LOOP\n"
    "    IF to_regprocedure (r.routine) IS NOT NULL THEN\n"
    "      EXECUTE format ('DROP ROUTINE %s CASCADE', r.routine);\n"
    "    END IF;\n"
    "  END LOOP;\n"
    "END\n"
    "$jhk$;\n"
    "COMMIT",
    NULL);
  res = PQexec (conn->pg, sql);
  ok = result_ok (res);
  if (!ok)
    set_result_error (error, conn, res);
  PQclear (res);
  if (PQstatus (conn->pg) == CONNECTION_OK && PQtransactionStatus (conn->pg) != PQTRANS_IDLE)
    PQclear (PQexec (conn->pg, "ROLLBACK"));
  if (ok)
    g_clear_pointer (&conn->before_restore, g_free);
  return ok;
}

/* SCRAM-SHA-256, computed here so that the password never travels to the
 * server or into its logs. */
static char *
pg_password_verifier (gpointer     data,
                      const char  *user,
                      const char  *password,
                      GError     **error)
{
  PgConn *conn = data;
  char *verifier = PQencryptPasswordConn (conn->pg, password, user, "scram-sha-256");
  char *copy;

  if (verifier == NULL)
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED,
                   _("Could not prepare the server password: %s"), PQerrorMessage (conn->pg));
      return NULL;
    }
  copy = g_strdup (verifier);
  PQfreemem (verifier);
  return copy;
}

const JhkDbBackend jhk_db_pg_backend = {
  .name = "postgresql",
  .migration_suffix = "pg",
  .begin_sql = "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '10s';"
               " SELECT pg_advisory_xact_lock (" JHK_WRITE_LOCK ")",
  /* A table that a migration after 0003 adds notifies too. */
  .migration_epilogue = "DO $jhk$ BEGIN IF to_regprocedure ('jhk_notify_attach()') IS NOT NULL"
                        " THEN PERFORM jhk_notify_attach (); END IF; END $jhk$",
  .translate_ddl = jhk_db_pg_translate_ddl,
  .open = pg_open,
  .close = pg_close,
  .exec = pg_exec,
  .prepare = pg_prepare,
  .finalize_stmt = pg_finalize_stmt,
  .reset = pg_reset,
  .bind_int64 = pg_bind_int64,
  .bind_text = pg_bind_text,
  .bind_double = pg_bind_double,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .n_columns = pg_n_columns,
  .column_name = pg_column_name,
  .is_null = pg_is_null,
  .get_int64 = pg_get_int64,
  .get_double = pg_get_double,
  .get_text = pg_get_text,
  .changes = pg_changes,
  .integrity_check = pg_integrity_check,
  .data_version = pg_data_version,
  .backup = pg_backup,
  .restore = pg_restore,
  .password_verifier = pg_password_verifier,
  .listen = pg_listen,
  .socket = pg_socket,
  .read_changes = pg_read_changes,
  .undo_restore = pg_undo_restore,
};
