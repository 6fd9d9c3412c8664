/* test-inquirers.c: issue 6, the register of 照会者 and their 照会種別
 * (R14-1), and the 照会種別 known.
 *
 * The 総括責任者 and the システム管理者 keep it for every member of staff,
 * the 主管部長 for the staff of their department; rows are ended, never
 * deleted; each refusal leaves the database as it was. Runs on SQLite and,
 * with `meson test --setup postgresql`, on PostgreSQL; the last test goes
 * through the users' own server roles (0018-trails.pg.sql).
 */
#include <string.h>

#include "jhk-inquiries.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *soukatsu;  /* 総括責任者 */
  JhkSession *admin;     /* システム管理者 */
  JhkSession *bucho;     /* 主管部長, 刑事部 (300) */
  JhkSession *unyo;      /* 運用管理者, 中央警察署 */
  JhkSession *shokuin;   /* 照会者 */
  gint64      inoue;     /* C9132, 中央警察署 刑事課 */
  gint64      watanabe;  /* A3101, 刑事総務課 under 刑事部 */
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->soukatsu, "soukatsu", &f->admin, "admin",
                       &f->bucho, "keiji-bucho", &f->unyo, "chuo-unyo",
                       &f->shokuin, "chuo-shokuin", NULL);
  f->inoue = jhk_test_staff_id (f->db, "C9132");
  f->watanabe = jhk_test_staff_id (f->db, "A3101");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->soukatsu, &f->admin, &f->bucho, &f->unyo, &f->shokuin, NULL);
  g_clear_object (&f->db);
}

/* "staff_no kind from..to" of each row of the list. */
static char *
list_text (JhkDb      *db,
           JhkSession *actor,
           gint64      office_id,
           gboolean    history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_inquirers_list (db, actor, office_id, history, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  /* The demo's own rows left aside. */
  for (guint i = 0; i < list->len; i++)
    {
      JhkInquirerScope *scope = g_ptr_array_index (list, i);

      if (!g_str_has_prefix (scope->kind, "試験"))
        continue;
      g_string_append_printf (s, "%s%s %s %s..%s", s->len == 0 ? "" : "; ", scope->staff_no,
                              scope->kind, scope->valid_from,
                              scope->valid_to != NULL ? scope->valid_to : "");
    }
  return g_string_free (s, FALSE);
}

static void
test_grant_and_end (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  gint64 before, licence, crime, again;
  JhkInquirerScope *first;

  before = jhk_test_audit_count (f->db);
  licence = jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, " 試験照会甲 ", "2026-04-01",
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (licence, >, 0);
  jhk_test_assert_last_action (f->db, before, "inquirer.grant");
  crime = jhk_inquirers_grant (f->db, f->admin, f->inoue, "試験照会乙", "2026-04-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_inquirers_grant (f->db, f->bucho, f->watanabe, "試験照会乙", "2026-05-01",
                                        &error), >, 0);
  g_assert_no_error (error);

  /* By staff number, then kind; the office of the staff member. */
  text = list_text (f->db, f->soukatsu, 0, FALSE);
  g_assert_cmpstr (text, ==, "A3101 試験照会乙 2026-05-01..; C9132 試験照会乙 2026-04-01..; "
                             "C9132 試験照会甲 2026-04-01..");
  list = jhk_inquirers_list (f->db, f->admin, jhk_org_find_unit (f->db, "910"), FALSE, &error);
  g_assert_no_error (error);
  first = NULL;
  for (guint i = 0; i < list->len && first == NULL; i++)
    if (g_str_has_prefix (((JhkInquirerScope *) g_ptr_array_index (list, i))->kind, "試験"))
      first = g_ptr_array_index (list, i);
  g_assert_nonnull (first);
  g_assert_cmpstr (first->office_name, ==, "中央警察署");
  g_assert_cmpstr (first->staff_name, ==, "井上 翔太");
  g_assert_cmpint (first->staff_id, ==, f->inoue);
  g_assert_null (first->valid_to);
  /* The office's 運用管理者 reads their office's part. */
  g_free (text);
  text = list_text (f->db, f->unyo, 0, FALSE);
  g_assert_cmpstr (text, ==, "C9132 試験照会乙 2026-04-01..; C9132 試験照会甲 2026-04-01..");

  /* Ended, kept as history; granted again afterwards. */
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquirers_end (f->db, f->soukatsu, licence, "2026-09-30", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquirer.end");
  g_free (text);
  text = list_text (f->db, f->soukatsu, jhk_org_find_unit (f->db, "910"), FALSE);
  g_assert_cmpstr (text, ==, "C9132 試験照会乙 2026-04-01..");
  again = jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, "試験照会甲", "2026-10-01", &error);
  g_assert_no_error (error);
  g_free (text);
  text = list_text (f->db, f->soukatsu, jhk_org_find_unit (f->db, "910"), TRUE);
  g_assert_cmpstr (text, ==, "C9132 試験照会乙 2026-04-01..; "
                             "C9132 試験照会甲 2026-04-01..2026-09-30; "
                             "C9132 試験照会甲 2026-10-01..");
  g_assert_cmpint (again, >, crime);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_kind = NULL;
  GString *s = g_string_new (NULL);
  gint64 id;

  for (int i = 0; i < 41; i++)
    g_string_append (s, "照");
  long_kind = g_string_free (s, FALSE);

  /* Who keeps it. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquirers_grant (f->db, f->unyo, f->inoue, "試験照会丙", "2026-04-01",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquirers_grant (f->db, f->shokuin, f->inoue, "試験照会丙", "2026-04-01",
                                       refusal));
  /* The 主管部長 keeps the register of their department's staff only. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquirers_grant (f->db, f->bucho, f->inoue, "試験照会丙", "2026-04-01",
                                       refusal));
  /* What is entered. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_inquirers_grant (f->db, f->soukatsu, 999999, "試験照会丙", "2026-04-01",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, " 　", "2026-04-01",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, NULL, "2026-04-01",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, long_kind, "2026-04-01",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, "試験照会丙", "2026-4-1",
                                       refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, "試験照会丙", NULL, refusal));
  /* Forty characters are enough. */
  long_kind[strlen ("照") * 40] = '\0';
  g_assert_cmpint (jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, long_kind, "2026-04-01",
                                        &error), >, 0);
  g_assert_no_error (error);

  id = jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, "試験照会丙", "2026-04-01", &error);
  g_assert_no_error (error);
  /* No second current row of a kind. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_inquirers_grant (f->db, f->admin, f->inoue, "試験照会丙 ", "2026-06-01",
                                       refusal));
  /* Ending. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquirers_end (f->db, f->unyo, id, "2026-09-30", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_end (f->db, f->soukatsu, id, "2026-03-31", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_inquirers_end (f->db, f->soukatsu, id, "30/09/2026", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_inquirers_end (f->db, f->soukatsu, id + 1000, "2026-09-30", refusal));
  g_assert_true (jhk_inquirers_end (f->db, f->soukatsu, id, "2026-04-01", &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_inquirers_end (f->db, f->soukatsu, id, "2026-09-30", refusal));
  /* Who may not keep it may not read it either. */
  {
    g_autoptr(GPtrArray) list = jhk_inquirers_list (f->db, f->shokuin, 0, FALSE, &error);

    g_assert_null (list);
    g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  }
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) kinds = NULL;
  g_auto(GStrv) before = NULL;
  g_autofree char *joined = NULL;
  gint64 import_id;

  before = jhk_inquiry_kinds (f->db, &error);
  g_assert_no_error (error);
  jhk_inquirers_grant (f->db, f->soukatsu, f->inoue, "Z照会", "2026-04-01", &error);
  g_assert_no_error (error);
  jhk_inquirers_grant (f->db, f->soukatsu, f->watanabe, "A照会", "2026-04-01", &error);
  g_assert_no_error (error);
  jhk_inquirers_grant (f->db, f->admin, f->watanabe, "Z照会", "2026-04-01", &error);
  g_assert_no_error (error);
  import_id = jhk_test_add_inquiry_import (f->db, "inquiries", 0);
  jhk_test_query_int (f->db, "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                      " staff_no, inquirer_name, kind, content, subject, terminal, import_id,"
                      " imported_at) VALUES ('KIND-1', 0, '1970-01', '910', 'C9132', '井上 翔太',"
                      " 'M照会', 'x', 'x', 'T', ?, 0) RETURNING id", JHK_I (import_id),
                      JHK_DB_END);

  kinds = jhk_inquiry_kinds (f->db, &error);
  g_assert_no_error (error);
  joined = g_strjoinv (" ", kinds);
  g_test_message ("kinds: %s", joined);
  g_assert_cmpuint (g_strv_length (kinds), ==, g_strv_length (before) + 3 -
                    (g_strv_contains ((const char *const *) before, "A照会") ? 1 : 0) -
                    (g_strv_contains ((const char *const *) before, "M照会") ? 1 : 0) -
                    (g_strv_contains ((const char *const *) before, "Z照会") ? 1 : 0));
  for (guint i = 1; kinds[i] != NULL; i++)
    g_assert_cmpint (strcmp (kinds[i - 1], kinds[i]), <, 0);
  g_assert_true (g_strv_contains ((const char *const *) kinds, "A照会"));
  g_assert_true (g_strv_contains ((const char *const *) kinds, "M照会"));
  g_assert_true (g_strv_contains ((const char *const *) kinds, "Z照会"));
}

static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) bucho_db = NULL, admin_db = NULL, shokuin_db = NULL;
  g_autoptr(JhkSession) bucho = NULL, admin = NULL;
  gint64 watanabe, inoue, id, n;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  watanabe = jhk_test_staff_id (owner, "A3101");
  inoue = jhk_test_staff_id (owner, "C9132");
  bucho_db = jhk_test_pg_open_as (dbname, "keiji-bucho");
  bucho = jhk_test_login (bucho_db, "keiji-bucho");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  shokuin_db = jhk_test_pg_open_as (dbname, "chuo-shokuin");
  n = jhk_test_query_int (owner, "SELECT COUNT(*) FROM inquirer_scopes", JHK_DB_END);

  /* Through Jhk as their own roles. */
  id = jhk_inquirers_grant (bucho_db, bucho, watanabe, "試験照会乙", "2026-04-01", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (jhk_inquirers_grant (admin_db, admin, inoue, "試験照会乙", "2026-04-01",
                                        &error), >, 0);
  g_assert_no_error (error);
  /* Around Jhk: the 主管部長 adds no row for staff outside their
   * department, a 照会者 none at all. */
  g_assert_false (jhk_db_run (bucho_db, NULL,
                              "INSERT INTO inquirer_scopes (staff_id, kind, valid_from,"
                              " granted_by, granted_at) VALUES (?, 'x', '2026-04-01', 'b', 0)",
                              JHK_I (inoue), JHK_DB_END));
  g_assert_false (jhk_db_run (shokuin_db, NULL,
                              "INSERT INTO inquirer_scopes (staff_id, kind, valid_from,"
                              " granted_by, granted_at) VALUES (?, 'x', '2026-04-01', 'b', 0)",
                              JHK_I (inoue), JHK_DB_END));
  g_assert_false (jhk_db_run (shokuin_db, NULL,
                              "UPDATE inquirer_scopes SET valid_to = '2026-04-02'", JHK_DB_END) &&
                  jhk_db_changes (shokuin_db) > 0);
  g_assert_true (jhk_inquirers_end (bucho_db, bucho, id, "2026-09-30", &error));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM inquirer_scopes",
                                       JHK_DB_END), ==, n + 2);
}

/* R14-5, R13-3: the preview of the purge tells what the purge then
 * deletes, writes nothing, and refuses whom the purge refuses. */
static gint64
add_old_row (JhkDb      *db,
             const char *table,
             gint64      import_id,
             gint64      at,
             const char *office_code)
{
  static int n;
  g_autofree char *key = g_strdup_printf ("PREVIEW-%06d", ++n);

  if (g_str_equal (table, "access_trails"))
    return jhk_test_query_int (db, "INSERT INTO access_trails (at, office_code, office_id,"
                               " staff_no, staff_name, terminal, business, operation, row_key,"
                               " import_id) VALUES (?, ?, ?, 'C9132', '井上 翔太', 'T-01', 'B101',"
                               " '古い照会', ?, ?) RETURNING id",
                               JHK_I (at), JHK_T (office_code),
                               JHK_IZ (jhk_org_find_unit (db, office_code)), JHK_T (key),
                               JHK_I (import_id), JHK_DB_END);
  return jhk_test_add_inquiry_record (db, import_id, key, at, "2020-01", office_code);
}

static void
test_purge_preview (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 year = 365 * G_TIME_SPAN_DAY;
  gint64 now = jhk_now_us ();
  gint64 six = now - 6 * year, seven = now - 7 * year;
  gint64 chuo = jhk_org_find_unit (f->db, "910");
  gint64 oldest = -1, newest = -1, import_id;
  guint records = 99, trails = 99, purged_records = 0, purged_trails = 0;

  /* What the demo holds older than five years goes first: nothing is due. */
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_purge_preview (f->db, f->admin, 0, &records, &trails, &oldest,
                                              &newest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 0);
  g_assert_cmpuint (trails, ==, 0);
  g_assert_cmpint (oldest, ==, 0);
  g_assert_cmpint (newest, ==, 0);

  import_id = jhk_test_add_inquiry_import (f->db, "inquiries", 0);
  add_old_row (f->db, "inquiry_records", import_id, seven, "910");
  add_old_row (f->db, "inquiry_records", import_id, six, "910");
  add_old_row (f->db, "inquiry_records", import_id, now - 4 * year, "910");
  add_old_row (f->db, "access_trails", import_id, six + G_TIME_SPAN_HOUR, "910");
  add_old_row (f->db, "inquiry_records", import_id, six, "920");
  add_old_row (f->db, "access_trails", import_id, seven - G_TIME_SPAN_HOUR, "999");

  /* The preview writes nothing. */
  before = jhk_test_dump_tables (f->db);
  g_assert_true (jhk_inquiries_purge_preview (f->db, f->admin, chuo, &records, &trails, &oldest,
                                              &newest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 2);
  g_assert_cmpuint (trails, ==, 1);
  g_assert_cmpint (oldest, ==, seven);
  g_assert_cmpint (newest, ==, six + G_TIME_SPAN_HOUR);
  g_assert_true (jhk_inquiries_purge_preview (f->db, f->admin, 0, &records, &trails, &oldest,
                                              &newest, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 3);
  g_assert_cmpuint (trails, ==, 2);
  g_assert_cmpint (oldest, ==, seven - G_TIME_SPAN_HOUR);
  g_assert_cmpint (newest, ==, six + G_TIME_SPAN_HOUR);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);

  /* Refused as the purge is. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquiries_purge_preview (f->db, f->unyo, chuo, &records, &trails, &oldest,
                                               &newest, refusal));
  g_assert_cmpuint (records, ==, 0);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquiries_purge_preview (f->db, f->soukatsu, 0, NULL, NULL, NULL, NULL,
                                               refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_inquiries_purge_preview (f->db, f->admin, 999999, NULL, NULL, NULL, NULL,
                                               refusal));

  /* The purge deletes what the preview said. */
  g_assert_true (jhk_inquiries_purge_preview (f->db, f->admin, chuo, &records, &trails, NULL,
                                              NULL, &error));
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, chuo, &purged_records, &purged_trails,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged_records, ==, records);
  g_assert_cmpuint (purged_trails, ==, trails);
  g_assert_true (jhk_inquiries_purge_preview (f->db, f->admin, 0, &records, &trails, &oldest,
                                              &newest, &error));
  g_assert_cmpuint (records, ==, 1);
  g_assert_cmpuint (trails, ==, 1);
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, &purged_records, &purged_trails,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (purged_records, ==, 1);
  g_assert_cmpuint (purged_trails, ==, 1);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records"
                                       " WHERE source_no LIKE 'PREVIEW-%'", JHK_DB_END), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/inquirers/R14-1/grant-list-end", test_grant_and_end);
  ADD ("/inquirers/R14-1/refusals", test_refusals);
  ADD ("/inquirers/R14-1/kinds", test_kinds);
  ADD ("/inquiries/R14-5/purge-preview", test_purge_preview);
#undef ADD
  g_test_add_func ("/inquirers/R14-1/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
