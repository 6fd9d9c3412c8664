/* crash-writer.c: commits transactions until it is killed. After each
 * commit returns it prints the transaction number: an acknowledged commit. */
#include <stdio.h>

#include "jhk-audit.h"
#include "jhk-db.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  GRand *rand;
  gint64 txn = 0;

  if (argc != 3)
    {
      g_printerr ("usage: crash-writer DB SEED\n");
      return 2;
    }
  db = jhk_db_open (argv[1], JHK_DB_OPEN_CREATE, &error);
  if (db == NULL ||
      !jhk_db_exec (db, "CREATE TABLE IF NOT EXISTS crash_test (txn BIGINT, part INTEGER,"
                        " payload TEXT)", &error) ||
      !jhk_db_query_int64 (db, &txn, &error, "SELECT COALESCE(MAX(txn), 0) FROM crash_test",
                           JHK_DB_END))
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return 1;
    }
  rand = g_rand_new_with_seed (atoi (argv[2]));

  for (;;)
    {
      int size = g_rand_int_range (rand, 10, 4000);
      g_autofree char *payload = g_malloc (size + 1);
      g_autofree char *id = NULL;

      memset (payload, 'a' + (int) (txn % 26), size);
      payload[size] = '\0';
      txn++;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, txn);

      if (!jhk_db_begin (db, &error))
        break;
      for (int part = 0; part < 3; part++)
        if (!jhk_db_run (db, &error, "INSERT INTO crash_test VALUES (?, ?, ?)", JHK_I (txn),
                         JHK_I (part), JHK_T (payload), JHK_DB_END))
          break;
      if (error != NULL ||
          !jhk_audit_append_raw (db, "crash", "test", "910", "crash", "staff.add", "crash", id,
                                 NULL, &error) ||
          !jhk_db_commit (db, &error))
        break;
      printf ("%" G_GINT64_FORMAT "\n", txn);
      fflush (stdout);
    }
  g_printerr ("crash-writer: %s\n", error ? error->message : "stopped");
  g_rand_free (rand);
  return 1;
}
