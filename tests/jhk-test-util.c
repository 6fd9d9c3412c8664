/* jhk-test-util.c: shared set-up for the test suites. */
#include <glib/gstdio.h>

#include "jhk-demo.h"
#include "jhk-test-util.h"

static char *template_path;
static char *last_path;
static char *private_path;
static guint counter;

/* One private folder per test process: parallel tests never share files. */
static const char *
private_dir (void)
{
  if (private_path == NULL)
    private_path = g_dir_make_tmp ("jhk-test-XXXXXX", NULL);
  g_assert_nonnull (private_path);
  return private_path;
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

int
jhk_test_run (void)
{
  int status = g_test_run ();

  if (private_path != NULL)
    remove_tree (private_path);
  g_clear_pointer (&private_path, g_free);
  g_clear_pointer (&template_path, g_free);
  return status;
}

char *
jhk_test_new_path (const char *name)
{
  return g_strdup_printf ("%s/%s-%u.db", private_dir (), name, ++counter);
}

JhkDb *
jhk_test_demo_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (template_path == NULL)
    {
      g_autoptr(JhkDb) db = NULL;

      template_path = g_build_filename (private_dir (), "demo-template.db", NULL);
      db = jhk_db_open (template_path, JHK_DB_OPEN_CREATE, &error);
      g_assert_no_error (error);
      jhk_demo_populate (db, &error);
      g_assert_no_error (error);
      /* Fold the WAL back so the file alone is the whole database. */
      jhk_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error);
      g_assert_no_error (error);
    }

  path = jhk_test_new_path ("demo");
  g_file_get_contents (template_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_free (last_path);
  last_path = g_strdup (path);
  {
    JhkDb *db = jhk_db_open (path, JHK_DB_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    return db;
  }
}

const char *
jhk_test_last_path (void)
{
  return last_path;
}

JhkSession *
jhk_test_login (JhkDb      *db,
                const char *login)
{
  g_autoptr(GError) error = NULL;
  JhkSession *session = jhk_accounts_authenticate (db, login, JHK_DEMO_PASSWORD, "test", &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}
