/* crash-writer.c: the child of test-crash. Commits transactions through
 * JhkDb until it is killed.
 *
 *   crash-writer DB CYCLE SEED
 *
 * The database and its crash_txn / crash_part tables exist already (the test
 * creates them). Transaction k of cycle c has the id c * 1000000 + k and
 * writes, in one transaction: a crash_txn row that says how many parts it
 * has, that many crash_part rows, and an audit entry through the audit chain.
 * A transaction seen half-written would break one of those counts.
 *
 * Protocol on stdout, one line per write(2), never buffered:
 *   "ready"   the database is open; transactions start now;
 *   "<id>"    the commit of <id> has returned: it is acknowledged.
 * Anything else it has to say goes to stderr, with a non-zero exit. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "jhk-audit.h"
#include "jhk-db.h"

#define CRASH_TXN_STRIDE G_GINT64_CONSTANT (1000000)

/* One line, one write(2): nothing waits in a stdio buffer, and a line this
 * short reaches the pipe whole (PIPE_BUF). */
static void
say (const char *line)
{
  char buf[64];
  gsize len = g_strlcpy (buf, line, sizeof buf - 1);
  gsize done = 0;

  buf[len++] = '\n';
  while (done < len)
    {
      gssize n = write (STDOUT_FILENO, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);  /* The test is gone; nobody is listening. */
      done += n;
    }
}

static gboolean
write_txn (JhkDb    *db,
           GRand    *rand,
           gint64    txn,
           GError  **error)
{
  int parts = g_rand_int_range (rand, 2, 7);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, txn);

  if (!jhk_db_begin (db, error))
    return FALSE;
  if (!jhk_db_run (db, error, "INSERT INTO crash_txn (txn, parts) VALUES (?, ?)", JHK_I (txn),
                   JHK_I (parts), JHK_DB_END))
    goto fail;
  for (int part = 0; part < parts; part++)
    {
      /* Mostly small rows, to keep the file (and each check) small; now and
       * then one that spills into overflow pages. */
      int size = g_rand_int_range (rand, 0, 256) == 0 ? g_rand_int_range (rand, 1100, 2500)
                                                      : g_rand_int_range (rand, 1, 48);
      g_autofree char *payload = g_malloc (size + 1);

      memset (payload, 'a' + (int) ((txn + part) % 26), size);
      payload[size] = '\0';
      if (!jhk_db_run (db, error, "INSERT INTO crash_part (txn, part, payload) VALUES (?, ?, ?)",
                       JHK_I (txn), JHK_I (part), JHK_T (payload), JHK_DB_END))
        goto fail;
    }
  if (!jhk_audit_append_raw (db, "crash", "test", "910", "crash-writer", "staff.add",
                             "crash", id, NULL, error))
    goto fail;
  return jhk_db_commit (db, error);

fail:
  if (jhk_db_in_transaction (db))
    jhk_db_rollback (db);
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 first;

  if (argc != 4)
    {
      g_printerr ("usage: crash-writer DB CYCLE SEED\n");
      return 2;
    }
  /* Never outlive the test, whatever happens to it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return 3;

  first = g_ascii_strtoll (argv[2], NULL, 10) * CRASH_TXN_STRIDE;
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));

  db = jhk_db_open (argv[1], JHK_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }
  say ("ready");

  for (gint64 txn = first + 1; txn < first + CRASH_TXN_STRIDE; txn++)
    {
      char id[32];

      if (!write_txn (db, rand, txn, &error))
        {
          g_printerr ("crash-writer: transaction %" G_GINT64_FORMAT ": %s\n", txn,
                      error->message);
          return 1;
        }
      /* The commit has returned: only now is it acknowledged. */
      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, txn);
      say (id);
    }
  g_printerr ("crash-writer: ran out of transaction ids\n");
  return 1;
}
