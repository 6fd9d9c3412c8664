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
 */
#include <libpq-fe.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "jhk-db-private.h"

/* The advisory lock every Jhk write transaction takes: "JHKWRITE" in ASCII
 * as a 64-bit number. Other applications on the database must not use it. */
#define JHK_WRITE_LOCK "5352610995544609861"

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
  return TRUE;
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
  return version;
}

static gboolean
pg_backup (gpointer            conn,
           const char         *dest,
           JhkDbProgressFunc   progress,
           gpointer            user_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                       _("A PostgreSQL database is backed up on the server with pg_dump "
                         "(for example “pg_dump -Fc -f jhk.dump DATABASE”)."));
  return FALSE;
}

static gboolean
pg_restore (gpointer            conn,
            const char         *src,
            JhkDbProgressFunc   progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            GError            **error)
{
  g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED,
                       _("A PostgreSQL database is restored on the server with pg_restore "
                         "(for example “pg_restore -d DATABASE jhk.dump”) into a new, empty "
                         "database."));
  return FALSE;
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
};
