/* test-concurrency.c: many workstations writing at once lose no update and
 * keep one audit chain (issue 3, "Concurrency"; R13-5, R13-10, R5-1).
 *
 * Eight concurrency-client processes on one PostgreSQL database and two on
 * one SQLite file, all at once, make random real writes through the
 * services for JHK_CONCURRENCY_SECONDS (30 by default), most of them
 * read-modify-writes on the same few records (see concurrency-client.c).
 * Afterwards, on each database:
 *   - the audit chain verifies, is gap-free, and holds exactly the entries
 *     the clients reported (per action, and in all);
 *   - failed_attempts of the attacked account counted every failed login
 *     until each lockout: walked in the chain's order, each failure records
 *     one more than the one before (a lost update records the same count
 *     twice), the lockout comes at the threshold and only then, an unlock
 *     starts again from zero, and the row ends as the chain says;
 *   - the restricted user's row holds the last restriction recorded;
 *   - every role granted is there, and each assignment ended was ended once;
 *   - every staff member added is there.
 *
 * The client program is the argument --client=PATH (meson passes it), by
 * default the one next to this program. Without a PostgreSQL server the
 * SQLite part still runs and the test is then reported as skipped, except
 * with JHK_TEST_REQUIRE_PG=1, where jhk-test-pg fails it. */
#include <stdlib.h>

#include "jhk-audit.h"
#include "jhk-demo.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define N_PG_CLIENTS     8
#define N_SQLITE_CLIENTS 2
#define TARGET_LOCKOUT   "higashi-unyo"
#define TARGET_RESTRICT  "nishi-unyo"
/* On top of the run time: the clients log in (Argon2id) before they start
 * and must all have finished this long after the run. Generous, for the
 * sanitizer build. */
#define GRACE_SECONDS    240

/* This test found two kinds of lost update, both from a record read before
 * the write transaction and written back inside it:
 *   - R13-5: jhk_accounts_authenticate() reads failed_attempts and
 *     locked_until, checks the password, then record_failure() writes the
 *     old count + 1: concurrent failures are lost, and counted after a
 *     lockout or an unlock;
 *   - R5-1: jhk_org_end_role() checks that the assignment is current, then
 *     ends it without checking again: two people end it twice.
 * Both now count from the row as it is inside the write transaction, and
 * this test fails if either comes back. */

static char *client_path;

typedef struct
{
  const char  *label;     /* "PostgreSQL" or "SQLite" */
  char        *uri;
  int          n_clients;
  gint64       start_seq; /* the chain's length before the clients ran */
  GHashTable  *totals;    /* kind → gint64 *, summed over the clients */
} Target;

typedef struct
{
  Target      *target;
  int          number;
  GSubprocess *process;
  char        *out;
  char        *problem;
  gboolean     done;
} Client;

static void
target_clear (Target *t)
{
  g_free (t->uri);
  g_clear_pointer (&t->totals, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static gint64
total (Target     *t,
       const char *kind)
{
  gint64 *value = g_hash_table_lookup (t->totals, kind);

  return value != NULL ? *value : 0;
}

static void
add_total (Target     *t,
           const char *kind,
           gint64      value)
{
  gint64 *sum = g_hash_table_lookup (t->totals, kind);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (t->totals, g_strdup (kind), sum);
    }
  *sum += value;
}

/* A demo database with the lockout lifted only by the システム管理者
 * (R13-5), so that a lockout lasts until a client lifts it. */
static void
prepare (Target *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (t->uri, JHK_DB_OPEN_CREATE, &error);
  g_autoptr(JhkSession) admin = NULL;

  g_assert_no_error (error);
  g_assert_true (jhk_demo_populate (db, &error));
  g_assert_no_error (error);
  admin = jhk_test_login (db, "admin");
  g_assert_true (jhk_settings_set_int (db, admin, JHK_SETTING_LOCKOUT_MINUTES, 0, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_accounts_record_logout (db, admin, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_query_int64 (db, &t->start_seq, &error,
                                     "SELECT COALESCE(MAX(seq), 0) FROM audit_log", JHK_DB_END));
  g_assert_no_error (error);
  t->totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
client_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Client *c = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, NULL,
                                             &error))
    c->problem = g_strdup_printf ("reading its output: %s", error->message);
  else if (!g_subprocess_get_if_exited (c->process))
    c->problem = g_strdup_printf ("ended by signal %d", g_subprocess_get_term_sig (c->process));
  else if (g_subprocess_get_exit_status (c->process) != 0)
    c->problem = g_strdup_printf ("exited with status %d (its message is above)",
                                  g_subprocess_get_exit_status (c->process));
  c->done = TRUE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Adds up what a client said it did: "KIND COUNT" lines. */
static void
parse_report (Client *c)
{
  g_auto(GStrv) lines = g_strsplit (c->out != NULL ? c->out : "", "\n", -1);
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);
      char *end = NULL;
      gint64 value;

      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      value = g_ascii_strtoll (fields[1], &end, 10);
      g_assert_true (*end == '\0');
      add_total (c->target, fields[0], value);
      g_string_append_printf (summary, " %s=%" G_GINT64_FORMAT, fields[0], value);
    }
  g_test_message ("%s client %d:%s", c->target->label, c->number, summary->str);
}

static gint64
count_entries (JhkDb      *db,
               Target     *t,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (jhk_db_query_int64 (db, &n, &error,
                                     "SELECT COUNT(*) FROM audit_log WHERE seq > ? AND action = ?",
                                     JHK_I (t->start_seq), JHK_T (action), JHK_DB_END));
  g_assert_no_error (error);
  return n;
}

static JsonObject *
parse_details (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (text == NULL || *text == '\0' || g_str_equal (text, "null"))
    return json_object_new ();
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

/* R13-5: walks the attacked account's entries in the chain's order and
 * adds what went wrong to problems: each lost or misplaced count, the first
 * few in detail. */
static void
check_failed_attempts (JhkDb     *db,
                       Target    *t,
                       GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GString) examples = g_string_new (NULL);
  g_autofree char *user_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              jhk_accounts_lookup (db, TARGET_LOCKOUT));
  gint64 threshold = jhk_settings_get_int (db, JHK_SETTING_LOCKOUT_THRESHOLD);
  gint64 counter = 0, failures = 0, lockouts = 0, unlocks = 0, refused = 0;
  gint64 lost = 0, misplaced = 0;
  gint64 stored = -1, locked_until = -1;
  gboolean locked = FALSE, lockout_due = FALSE;
  JhkDbStep step;

#define WRONG(counter, ...)                                      \
  G_STMT_START {                                                \
    (counter)++;                                                \
    if (lost + misplaced <= 5)                                  \
      g_string_append_printf (examples, "; " __VA_ARGS__);      \
  } G_STMT_END

  stmt = jhk_db_query (db, &error,
                       "SELECT seq, action, details FROM audit_log WHERE seq > ? AND"
                       " ((action IN ('session.login_failed', 'user.lockout') AND object_id = ?)"
                       " OR (action = 'user.unlock' AND object_id = ?)) ORDER BY seq",
                       JHK_I (t->start_seq), JHK_T (TARGET_LOCKOUT), JHK_T (user_id),
                       JHK_DB_END);
  g_assert_no_error (error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      gint64 seq = jhk_db_stmt_get_int64 (stmt, 0);
      const char *action = jhk_db_stmt_get_text (stmt, 1);
      g_autoptr(JsonObject) details = parse_details (jhk_db_stmt_get_text (stmt, 2));

      if (lockout_due && !g_str_equal (action, "user.lockout"))
        {
          WRONG (misplaced, "entry %" G_GINT64_FORMAT ": no lockout after the failure that "
                 "reached the threshold", seq);
          lockout_due = FALSE;
        }
      if (g_str_equal (action, "user.unlock"))
        {
          counter = 0;
          locked = FALSE;
          unlocks++;
        }
      else if (g_str_equal (action, "user.lockout"))
        {
          if (!lockout_due)
            WRONG (misplaced, "entry %" G_GINT64_FORMAT ": a lockout after %" G_GINT64_FORMAT
                   " failures", seq, counter);
          lockout_due = FALSE;
          locked = TRUE;
          lockouts++;
        }
      else if (json_object_has_member (details, "refused"))
        {
          /* A login refused for a lockout is not counted. It may be
           * recorded just after an unlock: the lockout was read when the
           * attempt began. Never before any lockout. */
          if (!locked && lockouts == 0)
            WRONG (misplaced, "entry %" G_GINT64_FORMAT ": a login refused as “%s” while the "
                   "account was not locked", seq,
                   json_object_get_string_member (details, "refused"));
          refused++;
        }
      else
        {
          gint64 recorded = json_object_get_int_member_with_default (details,
                                                                     "failed_attempts", -1);
          if (locked)
            WRONG (misplaced, "entry %" G_GINT64_FORMAT ": a failure counted (%" G_GINT64_FORMAT
                   ") while the account was locked out", seq, recorded);
          else if (recorded != counter + 1)
            WRONG (lost, "entry %" G_GINT64_FORMAT ": failed_attempts = %" G_GINT64_FORMAT
                   " recorded after %" G_GINT64_FORMAT, seq, recorded, counter);
          /* Go on from what the row holds now, to count each loss once. */
          counter = recorded;
          failures++;
          lockout_due = counter >= threshold && !locked;
        }
    }
#undef WRONG
  g_assert_no_error (error);
  g_assert_true (step == JHK_DB_DONE);
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  g_assert_true (jhk_db_query_int64 (db, &stored, &error,
                                     "SELECT failed_attempts FROM users WHERE login = ?",
                                     JHK_T (TARGET_LOCKOUT), JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &locked_until, &error,
                                     "SELECT COALESCE(locked_until, 0) FROM users WHERE login = ?",
                                     JHK_T (TARGET_LOCKOUT), JHK_DB_END));
  g_assert_no_error (error);
  g_test_message ("%s: %" G_GINT64_FORMAT " counted failures, %" G_GINT64_FORMAT
                  " refused while locked, %" G_GINT64_FORMAT " lockouts, %" G_GINT64_FORMAT
                  " unlocks; failed_attempts ends at %" G_GINT64_FORMAT,
                  t->label, failures, refused, lockouts, unlocks, stored);

  if (lost > 0 || misplaced > 0)
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s, R13-5: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                      " failed logins were lost updates of failed_attempts, %"
                                      G_GINT64_FORMAT " counts or lockouts misplaced%s",
                                      t->label, lost, failures, misplaced, examples->str));
  if (stored != counter)
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s, R13-5: failed_attempts is %" G_GINT64_FORMAT
                                      ", the chain counts %" G_GINT64_FORMAT,
                                      t->label, stored, counter));
  if ((locked_until != 0) != locked)
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s, R13-5: the account is %s, the chain says %s",
                                      t->label, locked_until != 0 ? "locked" : "not locked",
                                      locked ? "locked" : "not locked"));
  if (failures + refused != total (t, "failed_login"))
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s: the clients reported %" G_GINT64_FORMAT
                                      " failed logins, the chain has %" G_GINT64_FORMAT,
                                      t->label, total (t, "failed_login"), failures + refused));
}

/* R13-10: the row holds the last restriction recorded. */
static void
check_restriction (JhkDb  *db,
                   Target *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              jhk_accounts_lookup (db, TARGET_RESTRICT));
  g_autofree char *last = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(JsonObject) details = NULL;

  if (total (t, "restrict") == 0)
    return;
  g_assert_true (jhk_db_query_text (db, &last, &error,
                                    "SELECT details FROM audit_log WHERE action = 'user.restrict'"
                                    " AND object_id = ? ORDER BY seq DESC LIMIT 1",
                                    JHK_T (user_id), JHK_DB_END));
  g_assert_true (jhk_db_query_text (db, &stored, &error,
                                    "SELECT restriction FROM users WHERE login = ?",
                                    JHK_T (TARGET_RESTRICT), JHK_DB_END));
  g_assert_no_error (error);
  details = parse_details (last);
  g_assert_cmpstr (stored, ==, json_object_get_string_member (details, "restriction"));
}

/* R5-1: the assignments granted are all there; each ended once. */
static void
check_roles_and_staff (JhkDb     *db,
                       Target    *t,
                       GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  gint64 granted = -1, ended = -1, staff = -1;

  g_assert_true (jhk_db_query_int64 (db, &granted, &error,
                                     "SELECT COUNT(*) FROM role_assignments"
                                     " WHERE note LIKE 'cc%'", JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &ended, &error,
                                     "SELECT COUNT(*) FROM role_assignments"
                                     " WHERE note LIKE 'cc%' AND ended_at IS NOT NULL",
                                     JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &staff, &error,
                                     "SELECT COUNT(*) FROM staff WHERE staff_no LIKE 'Z%'",
                                     JHK_DB_END));
  g_assert_no_error (error);

  /* Two clients that end the same assignment at once: one of them is told
   * it is gone, never both recorded. */
  stmt = jhk_db_query (db, &error,
                       "SELECT object_id, COUNT(*) FROM audit_log WHERE seq > ? AND"
                       " action = 'role.end' GROUP BY object_id HAVING COUNT(*) > 1"
                       " ORDER BY object_id", JHK_I (t->start_seq), JHK_DB_END);
  g_assert_no_error (error);
  while (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s, R5-1: role assignment %s was ended %" G_GINT64_FORMAT
                                      " times, each by a client that had seen it current:"
                                      " a lost update", t->label,
                                      jhk_db_stmt_get_text (stmt, 0),
                                      jhk_db_stmt_get_int64 (stmt, 1)));
  g_assert_no_error (error);

  g_assert_cmpint (granted, ==, total (t, "grant"));
  if (ended != total (t, "end"))
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s, R5-1: %" G_GINT64_FORMAT " assignments ended, the "
                                      "clients reported %" G_GINT64_FORMAT " ends", t->label,
                                      ended, total (t, "end")));
  g_assert_cmpint (staff, ==, total (t, "add_staff"));
}

static void
check_target (Target    *t,
              GPtrArray *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = jhk_db_open (t->uri, JHK_DB_OPEN_DEFAULT, &error);
  JhkAuditReport report = { 0 };
  gint64 n_entries = -1, max_seq = -1, lockouts;
  static const struct
  {
    const char *action;
    const char *kind;
  } per_action[] = {
    { "session.login_failed", "failed_login" },
    { "user.unlock", "unlock" },
    { "user.restrict", "restrict" },
    { "role.grant", "grant" },
    { "role.end", "end" },
    { "staff.add", "add_staff" },
    { "session.login", "login" },
    { "session.logout", "logout" },
  };

  g_assert_no_error (error);

  /* One chain, gap-free, that verifies. */
  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_query_int64 (db, &n_entries, &error, "SELECT COUNT(*) FROM audit_log",
                                     JHK_DB_END));
  g_assert_true (jhk_db_query_int64 (db, &max_seq, &error, "SELECT MAX(seq) FROM audit_log",
                                     JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, ==, n_entries);
  g_assert_cmpint (max_seq, ==, n_entries);
  jhk_audit_report_clear (&report);

  /* Exactly the entries the clients reported, action by action; the
   * lockouts are the failures' own, checked by check_failed_attempts(). */
  for (guint i = 0; i < G_N_ELEMENTS (per_action); i++)
    {
      gint64 found = count_entries (db, t, per_action[i].action);

      if (found != total (t, per_action[i].kind))
        g_error ("%s: %" G_GINT64_FORMAT " “%s” entries in the chain, the clients reported %"
                 G_GINT64_FORMAT, t->label, found, per_action[i].action,
                 total (t, per_action[i].kind));
    }
  lockouts = count_entries (db, t, "user.lockout");
  g_assert_cmpint (n_entries - t->start_seq, ==, total (t, "writes") + lockouts);
  g_test_message ("%s: %" G_GINT64_FORMAT " audited writes by %d clients (%" G_GINT64_FORMAT
                  " lockouts among them); the chain of %" G_GINT64_FORMAT " entries verifies",
                  t->label, n_entries - t->start_seq, t->n_clients, lockouts, n_entries);

  check_failed_attempts (db, t, problems);
  check_restriction (db, t);
  check_roles_and_staff (db, t, problems);
  g_assert_cmpint (total (t, "warnings"), ==, 0);
}

static void
test_concurrent_clients (void)
{
  g_auto(Target) pg = { "PostgreSQL", NULL, N_PG_CLIENTS, 0, NULL };
  g_auto(Target) lite = { "SQLite", NULL, N_SQLITE_CLIENTS, 0, NULL };
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) clients = g_ptr_array_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  const char *env = g_getenv ("JHK_CONCURRENCY_SECONDS");
  int seconds = env != NULL && *env != '\0' ? atoi (env) : 30;
  g_autofree char *seconds_text = NULL;
  gboolean have_pg = jhk_test_pg_admin_uri () != NULL;
  gboolean expired = FALSE;
  guint deadline;
  gint64 started;

  /* The normal setup runs it on both backends already. */
  if (jhk_test_backend_is_pg ())
    {
      g_test_skip ("Runs in the normal setup, on PostgreSQL and SQLite at once.");
      return;
    }
  g_assert_cmpint (seconds, >, 0);
  seconds_text = g_strdup_printf ("%d", seconds);

  if (have_pg)
    {
      g_autofree char *dbname = jhk_test_pg_new_database (NULL);

      pg.uri = jhk_test_pg_uri (dbname, NULL, NULL);
      prepare (&pg);
      g_ptr_array_add (targets, &pg);
    }
  /* A file whatever the suite's backend (meson test --setup postgresql). */
  lite.uri = jhk_test_new_file ("concurrency.db");
  prepare (&lite);
  g_ptr_array_add (targets, &lite);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < targets->len; i++)
    {
      Target *t = targets->pdata[i];

      for (int n = 1; n <= t->n_clients; n++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *number = g_strdup_printf ("%d", n);
          g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
          Client *c = g_new0 (Client, 1);

          c->target = t;
          c->number = n;
          c->process = g_subprocess_launcher_spawn (launcher, &error, client_path, t->uri,
                                                    number, seconds_text, seed, NULL);
          g_assert_no_error (error);
          g_subprocess_communicate_utf8_async (c->process, NULL, NULL, client_done_cb, c);
          g_ptr_array_add (clients, c);
        }
    }

  /* Every client must have finished well after its run time. */
  deadline = g_timeout_add_seconds (seconds + GRACE_SECONDS, deadline_cb, &expired);
  for (guint i = 0; i < clients->len; i++)
    {
      Client *c = clients->pdata[i];

      while (!c->done && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (!c->done)
        {
          for (guint j = 0; j < clients->len; j++)
            g_subprocess_force_exit (((Client *) clients->pdata[j])->process);
          g_error ("%s client %d had not finished %d s after its %d s run", c->target->label,
                   c->number, GRACE_SECONDS, seconds);
        }
      if (c->problem != NULL)
        g_error ("%s client %d %s", c->target->label, c->number, c->problem);
    }
  if (!expired)
    g_source_remove (deadline);
  g_test_message ("%d clients ran for %d s, all done after %.1f s", (int) clients->len, seconds,
                  (g_get_monotonic_time () - started) / 1e6);

  for (guint i = 0; i < clients->len; i++)
    parse_report (clients->pdata[i]);
  for (guint i = 0; i < targets->len; i++)
    check_target (targets->pdata[i], problems);

  for (guint i = 0; i < clients->len; i++)
    {
      Client *c = clients->pdata[i];

      g_object_unref (c->process);
      g_free (c->out);
      g_free (c->problem);
      g_free (c);
    }
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  if (problems->len > 0)
    {
      g_test_fail_printf ("%u lost updates (above)", problems->len);
      return;
    }
  if (!have_pg)
    g_test_skip ("The SQLite clients passed; the PostgreSQL part did not run. "
                 JHK_TEST_PG_SKIP_MESSAGE);
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;

  /* --client=PATH comes from meson; the default is our neighbour. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--client="))
      {
        client_path = g_strdup (argv[i] + strlen ("--client="));
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }
  if (client_path == NULL)
    {
      dir = g_path_get_dirname (argv[0]);
      client_path = g_build_filename (dir, "concurrency-client", NULL);
    }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/concurrency/pg-8-sqlite-2-clients", test_concurrent_clients);
  return jhk_test_run ();
}
