/* test-db-password.c: issue 3, the database server's password: kept in the
 * Secret Service on request only, asked for when the server wants it, never
 * in a URI that is shown or stored. */
#include <string.h>

#include "app-test-util.h"
#include "jhk-db-password-dialog.h"
#include "jhk-db-secret.h"
#include "jhk-preferences-window.h"
#include "jhk-test-pg.h"

/* A Jhk database on the test server, and a role that must give its
 * password there (jhk-test-pg.h: names starting with jhk_pw). */
typedef struct
{
  char *role;
  char *dbname;
  /* The role's URI, without a password. */
  char *uri;
} PgFixture;

static gboolean
pg_fixture_init (PgFixture *pg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autofree char *admin_uri = NULL;
  g_autofree char *create = NULL;

  if (jhk_test_pg_admin_uri () == NULL)
    {
      g_test_skip (JHK_TEST_PG_SKIP_MESSAGE);
      return FALSE;
    }
  if (!jhk_test_pg_is_private ())
    {
      g_test_skip ("The PostgreSQL server's pg_hba.conf is not the tests' own: no role of it "
                   "is known to need a password.");
      return FALSE;
    }
  pg->role = g_strdup_printf ("jhk_pw_app_%d", (int) getpid ());
  /* A superuser, so that migrations and every table are its to use: what
   * is tested here is the password, not the server's limits. */
  create = g_strdup_printf ("DO $$ BEGIN"
                            "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN"
                            "    CREATE ROLE %s LOGIN SUPERUSER PASSWORD 'secret';"
                            "  END IF;"
                            " END $$",
                            pg->role, pg->role);
  jhk_test_pg_admin_exec (create);
  pg->dbname = jhk_test_pg_new_database (NULL);
  admin_uri = jhk_test_pg_uri (pg->dbname, NULL, NULL);
  db = jhk_db_open (admin_uri, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pg->uri = jhk_test_pg_uri (pg->dbname, pg->role, NULL);
  /* Only what the test gives: no ~/.pgpass, no $PGPASSWORD. */
  g_setenv ("PGPASSFILE", "/nonexistent", TRUE);
  g_unsetenv ("PGPASSWORD");
  return TRUE;
}

static void
pg_fixture_clear (PgFixture *pg)
{
  g_free (pg->role);
  g_free (pg->dbname);
  g_free (pg->uri);
}

static void
set_role_password (PgFixture  *pg,
                   const char *password)
{
  g_autofree char *sql = g_strdup_printf ("ALTER ROLE %s PASSWORD '%s'", pg->role, password);

  jhk_test_pg_admin_exec (sql);
}

/* Runs the main loop until *flag or the condition function says so. The
 * bound only keeps a broken test from running forever. */
typedef gboolean (*Condition) (JhkWindow *window);

static void
wait_for (JhkWindow *window,
          Condition  condition)
{
  for (guint i = 0; i < 3000 && !condition (window); i++)
    app_test_wait (10);
  g_assert_true (condition (window));
}

static gboolean
dialog_shown (JhkWindow *window)
{
  return jhk_window_get_password_dialog (window) != NULL;
}

static gboolean
not_connecting (JhkWindow *window)
{
  return g_strcmp0 (jhk_window_get_view (window), "connecting") != 0;
}

/* Whether a Secret Service answers; the test environment (build-aux/test)
 * has one, in a private D-Bus session with an unlocked gnome-keyring. */
static gboolean
keyring_reachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  if (service == NULL)
    {
      g_test_message ("No Secret Service: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static char *
keyring_lookup (const char *uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  jhk_db_secret_lookup_async (uri, NULL, result_cb, &result);
  password = jhk_db_secret_lookup_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  return password;
}

static void
keyring_store (const char *uri,
               const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  jhk_db_secret_store_async (uri, password, SECRET_COLLECTION_SESSION, NULL, result_cb, &result);
  g_assert_true (jhk_db_secret_store_finish (wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
keyring_clear (const char *uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  jhk_db_secret_clear_async (uri, NULL, result_cb, &result);
  g_assert_true (jhk_db_secret_clear_finish (wait_result (&result), &error));
  g_assert_no_error (error);
}

/* What is shown of a URI never holds its password; the password is read
 * the way libpq reads it. */
static void
test_uri_without_password (void)
{
  static const struct
  {
    const char *uri;
    const char *shown;
  } cases[] = {
    { "postgresql://jhk:s3cret@db.example.org:5433/jhk?sslmode=require",
      "postgresql://jhk@db.example.org:5433/jhk?sslmode=require" },
    { "postgresql://jhk@db.example.org/jhk?password=s3cret&sslmode=verify-full",
      "postgresql://jhk@db.example.org/jhk?sslmode=verify-full" },
    { "postgres://jhk:a%40b@/jhk?host=/run/postgresql&password=x",
      "postgres://jhk@/jhk?host=/run/postgresql" },
    { "postgresql:///jhk?host=/tmp", "postgresql:///jhk?host=/tmp" },
    { "postgresql://db.example.org/jhk", "postgresql://db.example.org/jhk" },
    { "/var/lib/jhk/jhk.db", "/var/lib/jhk/jhk.db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = jhk_db_uri_strip_password (cases[i].uri);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_true (jhk_db_uri_has_password (cases[i].uri) ==
                     !g_str_equal (cases[i].uri, cases[i].shown));
    }

  {
    g_autofree char *host = NULL;
    g_autofree char *port = NULL;
    g_autofree char *dbname = NULL;
    g_autofree char *user = NULL;
    g_autoptr(GError) error = NULL;

    g_unsetenv ("PGHOST");
    g_unsetenv ("PGPORT");
    g_unsetenv ("PGUSER");
    g_unsetenv ("PGDATABASE");
    g_assert_true (jhk_db_uri_get_server (cases[0].uri, &host, &port, &dbname, &user, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (host, ==, "db.example.org");
    g_assert_cmpstr (port, ==, "5433");
    g_assert_cmpstr (dbname, ==, "jhk");
    g_assert_cmpstr (user, ==, "jhk");
    g_clear_pointer (&host, g_free);
    g_clear_pointer (&port, g_free);
    g_clear_pointer (&dbname, g_free);
    g_clear_pointer (&user, g_free);

    /* What the URI leaves out is libpq's default. */
    g_assert_true (jhk_db_uri_get_server ("postgresql:///", &host, &port, &dbname, &user,
                                          &error));
    g_assert_cmpstr (host, ==, "");
    g_assert_cmpstr (port, ==, "5432");
    g_assert_cmpstr (user, ==, g_get_user_name ());
    g_assert_cmpstr (dbname, ==, user);

    g_assert_false (jhk_db_uri_get_server ("/var/lib/jhk/jhk.db", NULL, NULL, NULL, NULL,
                                           &error));
    g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_UNSUPPORTED);
  }
}

/* The password travels beside the URI: the server takes it, the URI shown
 * has none, and a second connection opens with the same credentials. */
static void
test_open_with_password (void)
{
  PgFixture pg = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(JhkDb) again = NULL;
  g_autofree char *in_uri = NULL;

  if (!pg_fixture_init (&pg))
    return;

  db = jhk_db_open (pg.uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH);
  g_assert_null (db);
  g_clear_error (&error);

  db = jhk_db_open_with_password (pg.uri, "wrong", JHK_DB_OPEN_DEFAULT, &error);
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH);
  g_assert_null (db);
  g_clear_error (&error);

  db = jhk_db_open_with_password (pg.uri, "secret", JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jhk_db_get_uri (db), ==, pg.uri);
  again = jhk_db_open_again (db, JHK_DB_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_db_get_schema_version (again), ==, jhk_db_get_latest_schema_version ());
  g_clear_object (&again);
  g_clear_object (&db);

  /* A password written into the URI by the user works, and is not shown. */
  in_uri = jhk_test_pg_uri (pg.dbname, pg.role, "secret");
  db = jhk_db_open (in_uri, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jhk_db_get_uri (db), ==, pg.uri);
  g_assert_null (strstr (jhk_db_get_uri (db), "secret"));
  again = jhk_db_open_again (db, JHK_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  pg_fixture_clear (&pg);
}

/* A password kept for a server is found again for that server only, and
 * is gone once cleared. */
static void
test_keyring_store_find_clear (void)
{
  const char *uri = "postgresql://jhk_staff@db.example.org:5433/jhk?sslmode=require";
  g_autofree char *found = NULL;
  g_autofree char *other = NULL;

  if (!keyring_reachable ())
    {
      g_test_skip ("No Secret Service is reachable on the D-Bus session bus (build-aux/test "
                   "runs one): the keyring cannot be tested.");
      return;
    }

  keyring_clear (uri);
  g_assert_null (keyring_lookup (uri));
  keyring_store (uri, "s3cret");

  found = keyring_lookup (uri);
  g_assert_cmpstr (found, ==, "s3cret");
  /* Another spelling of the same server, database and user. */
  g_clear_pointer (&found, g_free);
  found = keyring_lookup ("postgres://jhk_staff@db.example.org:5433/jhk");
  g_assert_cmpstr (found, ==, "s3cret");
  /* Another database, user or port is another secret. */
  other = keyring_lookup ("postgresql://jhk_staff@db.example.org:5433/other");
  g_assert_null (other);
  other = keyring_lookup ("postgresql://someone@db.example.org:5433/jhk");
  g_assert_null (other);
  other = keyring_lookup ("postgresql://jhk_staff@db.example.org/jhk");
  g_assert_null (other);

  keyring_clear (uri);
  g_assert_null (keyring_lookup (uri));
}

static JhkDbPasswordDialog *
window_dialog (JhkWindow *window)
{
  return JHK_DB_PASSWORD_DIALOG (jhk_window_get_password_dialog (window));
}

/* Types into the dialog and presses Connect, as a person would. */
static void
answer_dialog (JhkWindow  *window,
               const char *password,
               gboolean    remember)
{
  JhkDbPasswordDialog *dialog = window_dialog (window);

  gtk_editable_set_text (jhk_db_password_dialog_get_password_entry (dialog), password);
  gtk_check_button_set_active (jhk_db_password_dialog_get_remember_button (dialog), remember);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "connect"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  g_assert_null (jhk_window_get_password_dialog (window));
}

/* The server wants a password: the window asks which server and user it
 * is for, retries, keeps it in the keyring when asked; a kept password the
 * server refuses is removed and asked again; Cancel leaves no database. */
static void
test_dialog (void)
{
  PgFixture pg = { 0 };
  JhkWindow *window;
  JhkDbPasswordDialog *dialog;
  gboolean keyring;
  const char *body;

  if (!pg_fixture_init (&pg))
    return;
  keyring = keyring_reachable ();
  if (keyring)
    keyring_clear (pg.uri);
  else
    g_test_message ("No Secret Service: the keyring's part is left out.");

  window = jhk_window_new (NULL);
  jhk_window_set_secret_collection (window, SECRET_COLLECTION_SESSION);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (jhk_window_open_database (window, pg.uri));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "connecting");

  /* Nothing kept: asked, with the server, database and user named. */
  wait_for (window, dialog_shown);
  dialog = window_dialog (window);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, pg.role));
  g_assert_nonnull (strstr (body, pg.dbname));
  g_assert_null (jhk_db_password_dialog_get_notice (dialog));
  /* Kept only on request. */
  g_assert_false (jhk_db_password_dialog_get_remember (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "connect"));

  /* A wrong password is refused, and said so. */
  answer_dialog (window, "wrong", TRUE);
  wait_for (window, dialog_shown);
  dialog = window_dialog (window);
  g_assert_nonnull (jhk_db_password_dialog_get_notice (dialog));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "connecting");
  if (keyring)
    g_assert_null (keyring_lookup (pg.uri));

  /* The right one opens the database, and is kept as asked. */
  answer_dialog (window, "secret", TRUE);
  wait_for (window, not_connecting);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  g_assert_cmpstr (jhk_db_get_uri (jhk_window_get_database (window)), ==, pg.uri);
  if (keyring)
    {
      g_autofree char *kept = NULL;

      for (guint i = 0; i < 500 && kept == NULL; i++)
        {
          app_test_wait (10);
          kept = keyring_lookup (pg.uri);
        }
      g_assert_cmpstr (kept, ==, "secret");

      /* Next time the kept password opens it without a question. */
      g_assert_true (jhk_window_open_database (window, pg.uri));
      wait_for (window, not_connecting);
      g_assert_null (jhk_window_get_password_dialog (window));
      g_assert_cmpstr (jhk_window_get_view (window), ==, "login");

      /* The server's password changed: the kept one is refused, removed
       * from the keyring, and the user is told and asked. */
      set_role_password (&pg, "changed");
      g_assert_true (jhk_window_open_database (window, pg.uri));
      wait_for (window, dialog_shown);
      dialog = window_dialog (window);
      g_assert_nonnull (strstr (jhk_db_password_dialog_get_notice (dialog), "keyring"));
      for (guint i = 0; i < 500 && kept != NULL; i++)
        {
          app_test_wait (10);
          g_clear_pointer (&kept, g_free);
          kept = keyring_lookup (pg.uri);
        }
      g_assert_null (kept);

      /* Entered without "Remember": opens, and nothing is kept. */
      answer_dialog (window, "changed", FALSE);
      wait_for (window, not_connecting);
      g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
      app_test_wait (100);
      g_assert_null (keyring_lookup (pg.uri));
    }

  /* Cancel: no database, and a message that says why. */
  g_assert_true (jhk_window_open_database (window, pg.uri));
  wait_for (window, dialog_shown);
  dialog = window_dialog (window);
  gtk_editable_set_text (jhk_db_password_dialog_get_password_entry (dialog), "half typed");
  app_test_save_png (GTK_WIDGET (dialog), "password-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_null (jhk_window_get_password_dialog (window));
  g_assert_cmpstr (jhk_window_get_view (window), ==, "error");
  g_assert_null (jhk_window_get_database (window));
  g_assert_nonnull (strstr (adw_status_page_get_description (window->error_page), "password"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  app_test_save_png (GTK_WIDGET (window), "password-cancelled");

  app_test_destroy_window (window);
  pg_fixture_clear (&pg);
}

/* Closing the window while it connects or asks leaves nothing behind. */
static void
test_close_while_asking (void)
{
  PgFixture pg = { 0 };
  JhkWindow *window;

  if (!pg_fixture_init (&pg))
    return;

  window = jhk_window_new (NULL);
  jhk_window_set_secret_collection (window, SECRET_COLLECTION_SESSION);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (jhk_window_open_database (window, pg.uri));
  app_test_destroy_window (window);

  window = jhk_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (jhk_window_open_database (window, pg.uri));
  wait_for (window, dialog_shown);
  app_test_destroy_window (window);
  app_test_wait (200);
  pg_fixture_clear (&pg);
}

/* The preferences take a server's URI, and refuse one with a password:
 * it belongs in the keyring, never in the settings. */
static void
test_preferences_database (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  JhkPreferencesWindow *prefs;
  AdwEntryRow *row;

  prefs = JHK_PREFERENCES_WINDOW (jhk_preferences_window_new (jhk_window_get_database (window),
                                                              NULL));
  row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                      JHK_TYPE_PREFERENCES_WINDOW,
                                                      "database_row"));
  gtk_window_present (GTK_WINDOW (prefs));

  gtk_editable_set_text (GTK_EDITABLE (row), "postgresql://jhk@db.example.org/jhk?sslmode=require");
  g_assert_true (jhk_preferences_window_apply_database (prefs, &error));
  g_assert_no_error (error);
  saved = g_settings_get_string (settings, "database");
  g_assert_cmpstr (saved, ==, "postgresql://jhk@db.example.org/jhk?sslmode=require");
  g_clear_pointer (&saved, g_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "postgresql://jhk:s3cret@db.example.org/jhk");
  g_assert_false (jhk_preferences_window_apply_database (prefs, &error));
  g_assert_error (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH);
  saved = g_settings_get_string (settings, "database");
  g_assert_cmpstr (saved, ==, "postgresql://jhk@db.example.org/jhk?sslmode=require");
  g_assert_null (strstr (saved, "s3cret"));

  app_test_save_png (GTK_WIDGET (prefs), "preferences-database");
  g_settings_reset (settings, "database");
  gtk_window_destroy (GTK_WINDOW (prefs));
  app_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/db-password/uri-without-password", test_uri_without_password);
  g_test_add_func ("/app/db-password/open-with-password", test_open_with_password);
  g_test_add_func ("/app/db-password/keyring-store-find-clear", test_keyring_store_find_clear);
  g_test_add_func ("/app/db-password/dialog", test_dialog);
  g_test_add_func ("/app/db-password/close-while-asking", test_close_while_asking);
  g_test_add_func ("/app/db-password/preferences-database", test_preferences_database);

  return app_test_run ();
}
