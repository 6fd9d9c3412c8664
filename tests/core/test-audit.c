/* test-audit.c: the hash chain detects every kind of tampering and names
 * the first bad entry. */
#include <libpq-fe.h>
#include <sqlite3.h>

#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define CHAIN_LENGTH 10000

static char *chain_template; /* SQLite: a file; PostgreSQL: a database name */
static gint64 chain_size;

static void
append_entries (JhkDb  *db,
                gint64  n)
{
  g_autoptr(GError) error = NULL;

  for (gint64 done = 0; done < n;)
    {
      g_assert_true (jhk_db_begin (db, &error));
      for (int i = 0; i < 2000 && done < n; i++, done++)
        {
          g_autoptr(JsonObject) details = json_object_new ();
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, done);

          json_object_set_int_member (details, "n", done);
          json_object_set_string_member (details, "note", "監査テスト");
          jhk_audit_append_raw (db, done % 2 ? "admin" : "chuo-unyo", "sysadmin", "910", "ws-1",
                                "staff.add", "staff", id, details, &error);
          g_assert_no_error (error);
        }
      g_assert_true (jhk_db_commit (db, &error));
    }
}

/* A 10,000-entry chain, built once and copied for each tampering. */
static char *
fresh_chain (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char *path;
  gsize length;

  if (chain_template == NULL)
    {
      g_autoptr(JhkDb) db = jhk_test_demo_db ();
      gint64 have = 0;

      jhk_db_query_int64 (db, &have, &error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
      append_entries (db, CHAIN_LENGTH - have);
      chain_size = CHAIN_LENGTH;
      if (jhk_test_backend_is_pg ())
        {
          /* Copied by CREATE DATABASE … TEMPLATE once db is closed. */
          g_assert_true (jhk_db_uri_get_server (jhk_db_get_uri (db), NULL, NULL, &chain_template,
                                                NULL, &error));
          g_assert_no_error (error);
        }
      else
        {
          jhk_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
          g_assert_no_error (error);
          chain_template = g_strdup (jhk_db_get_uri (db));
        }
    }
  if (jhk_test_backend_is_pg ())
    {
      g_autofree char *dbname = jhk_test_pg_new_database (chain_template);
      return jhk_test_pg_uri (dbname, NULL, NULL);
    }
  path = jhk_test_new_path ("chain");
  g_file_get_contents (chain_template, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* PostgreSQL: as the server's superuser would, switching off the
 * triggers that guard the table and switching them on again after. */
static void
tamper_pg (const char *uri,
           const char *sql)
{
  PGconn *pg = PQconnectdb (uri);
  g_autofree char *all = NULL;
  PGresult *res;

  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  all = g_strconcat ("BEGIN;"
                     " ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;"
                     " ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete;",
                     sql,
                     "; ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update;"
                     " ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_delete;"
                     " COMMIT", NULL);
  res = PQexec (pg, all);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("tamper: %s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (pg);
}

/* Runs SQL on a raw connection, as an attacker with file access would,
 * after dropping the triggers that guard the table. */
static void
tamper (const char *path,
        const char *sql)
{
  sqlite3 *raw = NULL;
  char *message = NULL;

  if (jhk_test_backend_is_pg ())
    {
      tamper_pg (path, sql);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sqlite3_exec (raw, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
                NULL, NULL, NULL);
  if (sqlite3_exec (raw, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tamper: %s: %s", sql, message);
  sqlite3_close (raw);
}

static gint64
verify_bad_seq (const char               *path,
                const JhkAuditCheckpoint *checkpoint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
  JhkAuditReport report = { 0 };
  gboolean ok;
  gint64 bad;

  g_assert_no_error (error);
  ok = jhk_audit_verify (db, checkpoint, NULL, NULL, NULL, &report, &error);
  bad = report.first_bad_seq;
  if (ok)
    {
      g_assert_no_error (error);
      g_assert_cmpint (bad, ==, 0);
    }
  else
    {
      g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, bad);

      g_assert_error (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_BROKEN);
      /* The message a person reads names the entry too. */
      g_assert_nonnull (strstr (error->message, seq_text));
    }
  jhk_audit_report_clear (&report);
  return bad;
}

static void
test_intact (void)
{
  g_autofree char *path = fresh_chain ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
  JhkAuditReport report = { 0 };

  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_cmpint (report.n_entries, ==, chain_size);
  g_assert_cmpstr (report.integrity, ==, "ok");
  g_assert_cmpint (strlen (report.head), ==, 64);
  jhk_audit_report_clear (&report);
}

static void
test_triggers_refuse_changes (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;

  g_assert_false (jhk_db_run (db, &error, "UPDATE audit_log SET actor = 'x' WHERE seq = 1",
                              JHK_DB_END));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cannot be changed"));
  g_clear_error (&error);
  g_assert_false (jhk_db_run (db, &error, "DELETE FROM audit_log WHERE seq = 1", JHK_DB_END));
  g_assert_nonnull (strstr (error->message, "cannot be deleted"));
  g_clear_error (&error);
  if (jhk_test_backend_is_pg ())
    {
      /* Nor can it be emptied at one go. */
      g_assert_false (jhk_db_exec (db, "TRUNCATE audit_log", &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "cannot be emptied"));
      return;
    }
  /* Defensive mode: the schema cannot be edited behind SQLite's back. */
  g_assert_false (jhk_db_exec (db, "PRAGMA writable_schema = ON; "
                                   "UPDATE sqlite_schema SET sql = '' WHERE name = 'audit_log_no_update'",
                               &error));
  g_assert_nonnull (error);
}

static const char *columns[] = { "at", "actor", "role", "org", "workstation", "action",
                                 "object_type", "object_id", "details", "prev_hash", "hash" };

static void
test_flipped_bytes (void)
{
  GRand *rand = g_rand_new_with_seed (20261126);
  /* On PostgreSQL each round copies a database: fewer rounds check the
   * server's spelling of the tampering, the chain's logic is the same. */
  int rounds = g_test_slow () ? 200 : jhk_test_backend_is_pg () ? 20 : 60;

  for (int round = 0; round < rounds; round++)
    {
      g_autofree char *path = fresh_chain ();
      gint64 seq = g_rand_int_range (rand, 1, chain_size + 1);
      const char *column = columns[g_rand_int_range (rand, 0, G_N_ELEMENTS (columns))];
      int bit = g_rand_int_range (rand, 0, 7);
      g_autofree char *sql = NULL;
      gboolean pg = jhk_test_backend_is_pg ();

      if (g_str_equal (column, "at"))
        sql = g_strdup_printf ("UPDATE audit_log SET at = (at | %d) - (at & %d) WHERE seq = %" G_GINT64_FORMAT,
                               1 << bit, 1 << bit, seq);
      else
        /* Flip one bit of one byte of the text, keeping it ASCII-free of NUL. */
        {
          /* Flip one bit of one character of the text. */
          g_autofree char *p = g_strdup_printf ("%s(%d, length(%s))", pg ? "LEAST" : "min",
                                                g_rand_int_range (rand, 1, 9), column);
          const char *chr = pg ? "chr" : "char";
          const char *code = pg ? "ascii" : "unicode";

          sql = g_strdup_printf ("UPDATE audit_log SET %s = substr(%s, 1, %s - 1) ||"
                                 " %s((%s(substr(%s, %s, 1)) | %d) -"
                                 " (%s(substr(%s, %s, 1)) & %d)) || substr(%s, %s + 1)"
                                 " WHERE seq = %" G_GINT64_FORMAT,
                                 column, column, p, chr, code, column, p, 1 << bit, code, column,
                                 p, 1 << bit, column, p, seq);
        }
      tamper (path, sql);
      g_test_message ("round %d: bit %d of %s in entry %" G_GINT64_FORMAT, round, bit, column, seq);
      g_assert_cmpint (verify_bad_seq (path, NULL), ==, seq);
    }
  g_rand_free (rand);
}

static void
test_changed_seq (void)
{
  g_autofree char *path = fresh_chain ();

  /* Renumbering one entry makes its place empty. */
  tamper (path, "UPDATE audit_log SET seq = 99999999 WHERE seq = 4321");
  g_assert_cmpint (verify_bad_seq (path, NULL), ==, 4321);
}

static void
test_deleted (void)
{
  gint64 victims[] = { 1, 2, 777, 5000, CHAIN_LENGTH - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (victims); i++)
    {
      g_autofree char *path = fresh_chain ();
      g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE seq = %" G_GINT64_FORMAT,
                                              victims[i]);
      tamper (path, sql);
      g_assert_cmpint (verify_bad_seq (path, NULL), ==, victims[i]);
    }
}

static void
test_reordered (void)
{
  g_autofree char *path = fresh_chain ();

  /* Swap two entries' contents, keeping their numbers. */
  tamper (path,
          "CREATE TEMP TABLE a AS SELECT * FROM audit_log WHERE seq = 3000;"
          "CREATE TEMP TABLE b AS SELECT * FROM audit_log WHERE seq = 3001;"
          "DELETE FROM audit_log WHERE seq IN (3000, 3001);"
          "INSERT INTO audit_log SELECT 3000, at, actor, role, org, workstation, action,"
          " object_type, object_id, details, prev_hash, hash FROM b;"
          "INSERT INTO audit_log SELECT 3001, at, actor, role, org, workstation, action,"
          " object_type, object_id, details, prev_hash, hash FROM a;");
  g_assert_cmpint (verify_bad_seq (path, NULL), ==, 3000);
}

static void
test_inserted (void)
{
  g_autofree char *path = fresh_chain ();

  /* Make room at 6000 and insert a copy of entry 5999 there. */
  tamper (path,
          "UPDATE audit_log SET seq = -seq WHERE seq >= 6000;"
          "UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0;"
          "INSERT INTO audit_log SELECT 6000, at, actor, role, org, workstation, action,"
          " object_type, object_id, details, prev_hash, hash FROM audit_log WHERE seq = 5999;");
  g_assert_cmpint (verify_bad_seq (path, NULL), ==, 6000);
}

static void
test_tail_cut_against_checkpoint (void)
{
  g_autofree char *path = fresh_chain ();
  g_autofree char *checkpoint_path = jhk_test_new_file ("checkpoint");
  g_autoptr(GError) error = NULL;
  JhkAuditCheckpoint checkpoint, loaded;

  {
    g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    g_assert_true (jhk_audit_get_head (db, &checkpoint, &error));
    g_assert_cmpint (checkpoint.size, ==, chain_size);
    g_assert_true (jhk_audit_checkpoint_save (&checkpoint, checkpoint_path, &error));
  }
  g_assert_true (jhk_audit_checkpoint_load (checkpoint_path, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (loaded.size, ==, checkpoint.size);
  g_assert_cmpstr (loaded.head, ==, checkpoint.head);

  /* An intact chain that grew since the checkpoint still passes. */
  g_assert_cmpint (verify_bad_seq (path, &loaded), ==, 0);

  tamper (path, "DELETE FROM audit_log WHERE seq > 9990");
  /* Without a checkpoint a clean cut cannot be seen... */
  g_assert_cmpint (verify_bad_seq (path, NULL), ==, 0);
  /* ...with one, the first missing entry is named. */
  g_assert_cmpint (verify_bad_seq (path, &loaded), ==, 9991);
}

static void
test_rewritten_history_against_checkpoint (void)
{
  g_autofree char *path = fresh_chain ();
  g_autoptr(GError) error = NULL;
  JhkAuditCheckpoint checkpoint;

  {
    g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    jhk_audit_get_head (db, &checkpoint, &error);
    g_assert_no_error (error);
  }
  /* Someone with the code rewrites entries from 8000 on into a chain that
   * verifies on its own. */
  tamper (path, "DELETE FROM audit_log WHERE seq >= 8000");
  {
    g_autoptr(JhkDb) db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    append_entries (db, chain_size - 7999);
  }
  g_assert_cmpint (verify_bad_seq (path, NULL), ==, 0);
  g_assert_cmpint (verify_bad_seq (path, &checkpoint), ==, chain_size);
}

static void
test_checkpoint_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("bad-checkpoint");
  JhkAuditCheckpoint checkpoint;

  g_file_set_contents (path, "jhk-audit-checkpoint 1\nsize ten\nhead abc\n", -1, &error);
  g_assert_false (jhk_audit_checkpoint_load (path, &checkpoint, &error));
  g_assert_error (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_CHECKPOINT);
  g_clear_error (&error);
  g_assert_false (jhk_audit_checkpoint_load ("/nonexistent", &checkpoint, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_canonical_json (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{ \"b\": [1, {\"z\": null, \"a\": \"髙\"}], "
                                               "\"a\": true, \"c\": \"x\\\"y\" }", NULL);
  g_autofree char *canonical = jhk_audit_canonical_json (node);
  g_autofree char *empty = jhk_audit_canonical_json (NULL);

  g_assert_cmpstr (canonical, ==, "{\"a\":true,\"b\":[1,{\"a\":\"髙\",\"z\":null}],\"c\":\"x\\\"y\"}");
  g_assert_cmpstr (empty, ==, "{}");
}

static void
test_every_write_audited (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(GError) error = NULL;
  gint64 before = 0, after = 0;
  g_autofree char *action = NULL;
  JhkAuditVerification last;

  /* Never verified yet: no answer, no error. */
  g_assert_false (jhk_audit_get_last_verification (db, &last, &error));
  g_assert_no_error (error);

  jhk_db_query_int64 (db, &before, &error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  g_assert_true (jhk_audit_record_verification (db, admin, FALSE, before, 17, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_audit_get_last_verification (db, &last, &error));
  g_assert_false (last.ok);
  g_assert_cmpint (last.first_bad_seq, ==, 17);
  jhk_audit_verification_clear (&last);

  jhk_db_query_int64 (db, &before, &error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  g_assert_true (jhk_audit_record_verification (db, admin, TRUE, before, 0, &error));
  g_assert_no_error (error);
  jhk_db_query_int64 (db, &after, &error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  g_assert_cmpint (after, ==, before + 1);
  jhk_db_query_text (db, &action, &error,
                     "SELECT action || '/' || actor || '/' || org FROM audit_log"
                     " ORDER BY seq DESC LIMIT 1", JHK_DB_END);
  g_assert_cmpstr (action, ==, "audit.verify/admin/110");

  /* The dashboard reads the newest one. */
  g_assert_true (jhk_audit_get_last_verification (db, &last, &error));
  g_assert_no_error (error);
  g_assert_true (last.ok);
  g_assert_cmpint (last.n_entries, ==, before);
  g_assert_cmpint (last.first_bad_seq, ==, 0);
  g_assert_cmpstr (last.actor, ==, "admin");
  g_assert_cmpint (last.at, >, 0);
  jhk_audit_verification_clear (&last);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/audit/chain/intact", test_intact);
  g_test_add_func ("/audit/chain/triggers-refuse-changes", test_triggers_refuse_changes);
  g_test_add_func ("/audit/tamper/flipped-bytes", test_flipped_bytes);
  g_test_add_func ("/audit/tamper/changed-seq", test_changed_seq);
  g_test_add_func ("/audit/tamper/deleted", test_deleted);
  g_test_add_func ("/audit/tamper/reordered", test_reordered);
  g_test_add_func ("/audit/tamper/inserted", test_inserted);
  g_test_add_func ("/audit/checkpoint/tail-cut", test_tail_cut_against_checkpoint);
  g_test_add_func ("/audit/checkpoint/rewritten-history", test_rewritten_history_against_checkpoint);
  g_test_add_func ("/audit/checkpoint/file-errors", test_checkpoint_file_errors);
  g_test_add_func ("/audit/canonical-json", test_canonical_json);
  g_test_add_func ("/audit/record-verification", test_every_write_audited);

  status = jhk_test_run ();
  g_free (chain_template);
  return status;
}
