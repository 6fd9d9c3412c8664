/* test-two-desks.c: issue 3, done when two Jhk windows on two user
 * accounts, pointed at one PostgreSQL server, see each other's changes live.
 *
 * Each window connects as its user's own server role (row-level security
 * applies to it), logs in, and shows the staff workspace; what one desk
 * writes appears in the other's list within a second, without a reload of
 * the whole list.
 */
#include "app-test-util.h"
#include "jhk-demo.h"
#include "jhk-org.h"
#include "tests/jhk-test-pg.h"

typedef gboolean (*WindowCheck) (JhkWindow *window);

static gboolean
not_connecting (JhkWindow *window)
{
  return g_strcmp0 (jhk_window_get_view (window), "connecting") != 0;
}

static void
wait_for (JhkWindow   *window,
          WindowCheck  check)
{
  for (int i = 0; i < 600 && !check (window); i++)
    app_test_wait (50);
  g_assert_true (check (window));
}

/* A window at one desk: the user's own server role, logged in, on the staff
 * workspace. */
static JhkWindow *
open_desk (const char  *dbname,
           const char  *login,
           GListModel **out_staff)
{
  g_autofree char *uri = jhk_test_pg_uri (dbname, login, NULL);
  JhkWindow *window = jhk_window_new (NULL);
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_assert_true (jhk_window_open_database (window, uri));
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window, not_connecting);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "login");
  app_test_log_in (window, login, JHK_DEMO_PASSWORD);
  g_assert_cmpstr (jhk_window_get_view (window), ==, "main");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.workspace", "s", "staff"));
  app_test_wait (100);
  page = jhk_window_get_page (window, "staff");
  g_assert_nonnull (page);
  *out_staff = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (
    app_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW))));
  return window;
}

/* Waits until the list has `expected` rows; returns how long it took. */
static double
wait_for_rows (GListModel *list,
               guint       expected)
{
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < 200 && g_list_model_get_n_items (list) != expected; i++)
    app_test_wait (10);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
test_two_desks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *owner_uri = NULL;
  JhkWindow *headquarters, *office;
  GListModel *hq_staff, *office_staff;
  guint n_hq, n_office;
  double ms;

  if (jhk_test_pg_admin_uri () == NULL)
    {
      g_test_skip (JHK_TEST_PG_SKIP_MESSAGE);
      return;
    }

  /* The organisation's server, set up by its administrator. */
  dbname = jhk_test_pg_new_database (NULL);
  owner_uri = jhk_test_pg_uri (dbname, NULL, NULL);
  {
    g_autoptr(JhkDb) owner = jhk_db_open (owner_uri, JHK_DB_OPEN_CREATE, &error);

    g_assert_no_error (error);
    jhk_demo_populate (owner, &error);
    g_assert_no_error (error);
  }

  /* The システム管理者 at headquarters, the 中央警察署's 運用管理者 at theirs. */
  headquarters = open_desk (dbname, "admin", &hq_staff);
  office = open_desk (dbname, "chuo-unyo", &office_staff);
  n_hq = g_list_model_get_n_items (hq_staff);
  n_office = g_list_model_get_n_items (office_staff);
  /* The office sees its own people and the officers, not the whole force. */
  g_assert_cmpuint (n_office, <, n_hq);

  /* The office adds a newcomer through its own connection and session. */
  g_assert_cmpint (jhk_org_add_staff (jhk_window_get_database (office),
                                      jhk_window_get_session (office), "C9142", "石井 亮",
                                      "イシイ リョウ", "巡査", "地域課",
                                      jhk_org_find_unit (jhk_window_get_database (office), "914"),
                                      "9142", &error), >, 0);
  g_assert_no_error (error);
  ms = wait_for_rows (hq_staff, n_hq + 1);
  wait_for_rows (office_staff, n_office + 1);
  g_test_message ("Headquarters saw the office's new staff member after %.0f ms", ms);
  app_test_save_png (GTK_WIDGET (headquarters), "two-desks-headquarters");
  app_test_save_png (GTK_WIDGET (office), "two-desks-office");

  /* And the other way: headquarters adds one at the office's 地域課. */
  g_assert_cmpint (jhk_org_add_staff (jhk_window_get_database (headquarters),
                                      jhk_window_get_session (headquarters), "C9143",
                                      "岡田 直樹", "オカダ ナオキ", "巡査", "地域課",
                                      jhk_org_find_unit (jhk_window_get_database (headquarters),
                                                         "914"),
                                      "9143", &error), >, 0);
  g_assert_no_error (error);
  ms = wait_for_rows (office_staff, n_office + 2);
  g_test_message ("The office saw headquarters' new staff member after %.0f ms", ms);
  /* One at another office stays out of the office's sight. */
  g_assert_cmpint (jhk_org_add_staff (jhk_window_get_database (headquarters),
                                      jhk_window_get_session (headquarters), "C9202",
                                      "東 太一", "アズマ タイチ", "巡査", "警務課",
                                      jhk_org_find_unit (jhk_window_get_database (headquarters),
                                                         "921"),
                                      "9202", &error), >, 0);
  g_assert_no_error (error);
  wait_for_rows (hq_staff, n_hq + 3);
  app_test_wait (500);
  g_assert_cmpuint (g_list_model_get_n_items (office_staff), ==, n_office + 2);

  app_test_destroy_window (office);
  app_test_destroy_window (headquarters);
}

int
main (int   argc,
      char *argv[])
{
  /* Server roles belong to the whole cluster and other suites change the
   * demo users' roles: keep a private cluster when this machine has one. */
  if (g_file_test ("/usr/lib/postgresql", G_FILE_TEST_IS_DIR))
    g_unsetenv ("JHK_TEST_PG_URI");
  app_test_init (&argc, &argv);
  g_test_add_func ("/app/two-desks/see-each-other-live", test_two_desks);
  return app_test_run ();
}
