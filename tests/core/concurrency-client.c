/* concurrency-client.c: one of the clients of test-concurrency. Makes
 * random real writes through Jhk's services on a demo database for a while,
 * side by side with other clients on the same database, then says what it
 * did.
 *
 *   concurrency-client DB CLIENT SECONDS SEED
 *
 * Most writes are contended read-modify-writes on a few shared records, so
 * that a lost update shows in the counts the test checks afterwards:
 *   - failed logins on one account (TARGET_LOCKOUT) from every client,
 *     which count towards its lockout (R13-5), and the システム管理者
 *     lifting the lockout when a client finds it locked;
 *   - the 総括責任者 restricting and freeing one user (TARGET_RESTRICT,
 *     R13-10) from every client;
 *   - the 運用管理者 of 中央警察署 granting the アクセス権者 role in that
 *     office and ending assignments any client granted (R5-1, R6-1);
 *   - new staff in that office, and whole logins with their logout.
 *
 * On stdout at the end, one "KIND COUNT" line each (see the kinds below);
 * "writes" is the number of audit entries this client's successful calls
 * appended, not counting the user.lockout entry that the failed login which
 * reaches the threshold adds (the test counts those from the chain).
 * Warnings (such as a failed login that could not be recorded) go to stderr
 * and are counted as "warnings". Any unexpected error ends the client with
 * status 1 and a message on stderr. */
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "jhk-accounts.h"
#include "jhk-demo.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-settings.h"

#define TARGET_LOCKOUT  "higashi-unyo"
#define TARGET_RESTRICT "nishi-unyo"
#define OFFICE          "910"
#define LOGIN_USER      "chuo-shokuin"

typedef enum
{
  KIND_FAILED_LOGIN,   /* one session.login_failed entry each */
  KIND_LOCKED_OUT,     /* of those, how many were answered "locked out" */
  KIND_UNLOCK,         /* user.unlock */
  KIND_RESTRICT,       /* user.restrict */
  KIND_GRANT,          /* role.grant */
  KIND_END,            /* role.end */
  KIND_END_GONE,       /* ended by another client first: no write */
  KIND_ADD_STAFF,      /* staff.add */
  KIND_LOGIN,          /* session.login */
  KIND_LOGOUT,         /* session.logout */
  KIND_WRITES,
  KIND_WARNINGS,
  N_KINDS,
} Kind;

static const char *kind_names[N_KINDS] = {
  "failed_login", "locked_out", "unlock", "restrict", "grant", "end", "end_gone", "add_staff",
  "login", "logout", "writes", "warnings",
};

static gint64 counts[N_KINDS];
static int client;

static void
count (Kind kind,
       int  entries)
{
  counts[kind]++;
  counts[KIND_WRITES] += entries;
}

static void
log_cb (const char     *log_domain,
        GLogLevelFlags  log_level,
        const char     *message,
        gpointer        user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      counts[KIND_WARNINGS]++;
      g_printerr ("concurrency-client %d: %s\n", client, message);
    }
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    abort ();
}

G_GNUC_NORETURN static void
fail (const char *what,
      GError     *error)
{
  g_printerr ("concurrency-client %d: %s: %s (%s %d)\n", client, what,
              error != NULL ? error->message : "no error set",
              error != NULL ? g_quark_to_string (error->domain) : "-",
              error != NULL ? error->code : 0);
  exit (1);
}

static JhkSession *
login (JhkDb      *db,
       const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workstation = g_strdup_printf ("concurrency-%d", client);
  JhkSession *session = jhk_accounts_authenticate (db, user, JHK_DEMO_PASSWORD, workstation,
                                                   &error);

  if (session == NULL)
    fail (user, error);
  count (KIND_LOGIN, 1);
  return session;
}

static void
logout (JhkDb      *db,
        JhkSession *session)
{
  g_autoptr(GError) error = NULL;

  if (!jhk_accounts_record_logout (db, session, &error))
    fail ("logout", error);
  count (KIND_LOGOUT, 1);
}

/* R13-5: a wrong password always fails; it counts until the lockout, after
 * which the attempt is refused (and still recorded). */
static void
failed_login (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *workstation = g_strdup_printf ("concurrency-%d", client);
  g_autoptr(JhkSession) session = jhk_accounts_authenticate (db, TARGET_LOCKOUT,
                                                             "not-the-password", workstation,
                                                             &error);

  if (session != NULL)
    fail ("a wrong password logged in", NULL);
  if (g_error_matches (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_LOCKED_OUT))
    counts[KIND_LOCKED_OUT]++;
  else if (!g_error_matches (error, JHK_AUTH_ERROR, JHK_AUTH_ERROR_BAD_CREDENTIALS))
    fail ("failed login", error);
  count (KIND_FAILED_LOGIN, 1);
}

static void
unlock (JhkDb      *db,
        JhkSession *admin)
{
  g_autoptr(GError) error = NULL;

  if (!jhk_accounts_unlock (db, admin, TARGET_LOCKOUT, &error))
    fail ("unlock", error);
  count (KIND_UNLOCK, 1);
}

static void
restrict_user (JhkDb      *db,
               JhkSession *supervisor,
               GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  JhkRestriction restriction = g_rand_int_range (rand, JHK_RESTRICTION_NONE,
                                                 JHK_RESTRICTION_READ_ONLY + 1);
  g_autofree char *reason = g_strdup_printf ("concurrency client %d", client);

  if (!jhk_accounts_restrict (db, supervisor, TARGET_RESTRICT, restriction, reason, &error))
    fail ("restrict", error);
  count (KIND_RESTRICT, 1);
}

static void
grant_role (JhkDb      *db,
            JhkSession *ops,
            GRand      *rand,
            gint64      office_id)
{
  static const char *staff_nos[] = { "C9111", "C9112", "C9131", "C9113", "C9132", "C9141" };
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  g_autofree char *note = g_strdup_printf ("cc%d-%" G_GINT64_FORMAT, client,
                                           counts[KIND_GRANT] + 1);
  gint64 staff_id = jhk_org_find_staff (db, staff_nos[g_rand_int_range (rand, 0,
                                                                        G_N_ELEMENTS (staff_nos))]);

  if (jhk_org_grant_role (db, ops, staff_id, JHK_ROLE_STAFF, office_id, 0, today, NULL, note,
                          &error) == 0)
    fail ("grant role", error);
  count (KIND_GRANT, 1);
}

/* Ends one of the assignments the clients granted, picked as a page would
 * show it: read outside any transaction, so another client may end the same
 * one meanwhile. */
static void
end_role (JhkDb      *db,
          JhkSession *ops,
          GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = jhk_today ();
  gint64 id;
  JhkDbStep step;

  stmt = jhk_db_query (db, &error,
                       "SELECT id FROM role_assignments WHERE note LIKE 'cc%' AND ended_at IS NULL"
                       " ORDER BY id DESC LIMIT 8", JHK_DB_END);
  if (stmt == NULL)
    fail ("list assignments", error);
  while ((step = jhk_db_stmt_step (stmt, &error)) == JHK_DB_ROW)
    {
      id = jhk_db_stmt_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (step == JHK_DB_FAILED)
    fail ("list assignments", error);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (ids->len == 0)
    return;

  id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));
  if (jhk_org_end_role (db, ops, id, today, &error))
    count (KIND_END, 1);
  else if (g_error_matches (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND))
    counts[KIND_END_GONE]++;
  else
    fail ("end role", error);
}

static void
add_staff (JhkDb      *db,
           JhkSession *ops,
           gint64      office_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *staff_no = g_strdup_printf ("Z%02d%06" G_GINT64_FORMAT, client,
                                               counts[KIND_ADD_STAFF] + 1);

  if (jhk_org_add_staff (db, ops, staff_no, "並行 試験", "ヘイコウ シケン", "巡査", "地域課",
                         office_id, "", &error) == 0)
    fail ("add staff", error);
  count (KIND_ADD_STAFF, 1);
}

static void
whole_login (JhkDb *db)
{
  g_autoptr(JhkSession) session = login (db, LOGIN_USER);

  logout (db, session);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  g_autoptr(JhkSession) ops = NULL;
  gint64 deadline;
  gint64 office_id;

  if (argc != 5)
    {
      g_printerr ("usage: concurrency-client DB CLIENT SECONDS SEED\n");
      return 2;
    }
  /* Never outlive the test, whatever happens to it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return 3;

  client = atoi (argv[2]);
  g_log_set_default_handler (log_cb, NULL);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[4], NULL, 10));

  db = jhk_db_open (argv[1], JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    fail ("open", error);
  office_id = jhk_org_find_unit (db, OFFICE);
  admin = login (db, "admin");
  supervisor = login (db, "soukatsu");
  ops = login (db, "chuo-unyo");

  deadline = g_get_monotonic_time () + g_ascii_strtoll (argv[3], NULL, 10) * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      int pick = g_rand_int_range (rand, 0, 100);

      /* The システム管理者 lifts the lockout of the account under attack
       * when they see it, as the 第13 rules have them do on request. */
      if (jhk_accounts_is_locked_out (db, TARGET_LOCKOUT) && g_rand_boolean (rand))
        unlock (db, admin);
      else if (pick < 35)
        failed_login (db);
      else if (pick < 50)
        restrict_user (db, supervisor, rand);
      else if (pick < 70)
        grant_role (db, ops, rand, office_id);
      else if (pick < 85)
        end_role (db, ops, rand);
      else if (pick < 95)
        add_staff (db, ops, office_id);
      else
        whole_login (db);
    }

  logout (db, ops);
  logout (db, supervisor);
  logout (db, admin);

  for (int kind = 0; kind < N_KINDS; kind++)
    g_print ("%s %" G_GINT64_FORMAT "\n", kind_names[kind], counts[kind]);
  return 0;
}
