/* test-retention.c: issue 4, the end of retention and the purge (R15-3).
 *
 * A closed material is kept five years from its last entry; the list shows
 * those whose retention has ended; the office's 運用管理者 purges them to a
 * tombstone with one audit entry. Every refusal leaves every table as it
 * was (jhk_test_dump_tables). SQLite, and PostgreSQL with
 * `meson test --setup postgresql`.
 */
#include <string.h>

#include "jhk-ledger.h"
#include "jhk-ledger-query.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;        /* 運用管理者, 中央警察署 */
  JhkSession *kanri;       /* 情報管理者, 中央警察署 */
  JhkSession *higashi;     /* 運用管理者, 東警察署 */
  JhkSession *soukatsu;    /* 総括責任者 */
  JhkSession *shokuin;     /* no office role */
  gint64      office;
  gint64      b101;
  gint64      handler;
  gint64      shelf;
  char       *cutoff;
} Fixture;

static char *
shift_days (const char *date,
            int         days)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  if (days < 0)
    g_date_subtract_days (&d, -days);
  else
    g_date_add_days (&d, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri",
                       &f->higashi, "higashi-unyo", &f->soukatsu, "soukatsu",
                       &f->shokuin, "chuo-shokuin", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->handler = jhk_test_staff_id (f->db, "C9113");
  f->cutoff = jhk_retention_cutoff ();
  f->shelf = jhk_ledger_add_storage_place (f->db, f->unyo, f->office, "試験用 保存書庫", TRUE,
                                           &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->higashi, &f->soukatsu, &f->shokuin, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->cutoff, g_free);
}

/* A material acquired and stored on `on`, lent and returned that day, and
 * (close) disposed of that day: its last entry is `on`. */
static gint64
material_on (Fixture    *f,
             const char *on,
             gboolean    close)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec spec = {
    .org_unit_id = f->office,
    .direction = "output",
    .name = "保存期間試験資料",
    .quantity = 2,
    .breakdown = "A4 2枚",
    .summary = "保存期間の試験",
    .business_id = f->b101,
    .handler_staff_id = f->handler,
    .purpose = "試験",
    .acquired_on = on,
    .acquisition_method = "printed",
    .measure = "store",
    .storage_place_id = f->shelf,
  };
  gint64 id = jhk_ledger_register_material (f->db, f->unyo, &spec, &error);

  g_assert_no_error (error);
  jhk_ledger_record_event (f->db, f->unyo, id, &(JhkMaterialEvent) {
                             .kind = "lend", .happened_on = on, .quantity = 1,
                             .handler_staff_id = f->handler, .counterpart = "刑事課" },
                           NULL, &error);
  g_assert_no_error (error);
  jhk_ledger_record_event (f->db, f->unyo, id, &(JhkMaterialEvent) {
                             .kind = "return", .happened_on = on, .quantity = 1,
                             .handler_staff_id = f->handler, .counterpart = "刑事課" },
                           NULL, &error);
  g_assert_no_error (error);
  if (close)
    {
      jhk_ledger_final_disposition (f->db, f->unyo, id, &(JhkMaterialDisposition) {
                                      .kind = "dispose", .happened_on = on, .method = "shred",
                                      .handler_staff_id = f->handler },
                                    &error);
      g_assert_no_error (error);
    }
  return id;
}

static gboolean
list_has (GPtrArray *list,
          gint64     id)
{
  for (guint i = 0; i < list->len; i++)
    if (((JhkLedgerMaterial *) g_ptr_array_index (list, i))->id == id)
      return TRUE;
  return FALSE;
}

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

/* Five years from the last entry, 29 February to the 28th. */
static void
test_ends_on (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *ends = jhk_retention_ends_on ("2020-02-29");
  g_autofree char *ends2 = jhk_retention_ends_on ("2021-11-27");
  g_autofree char *today = jhk_today ();
  g_autofree char *back = jhk_retention_ends_on (f->cutoff);

  g_assert_cmpstr (ends, ==, "2025-02-28");
  g_assert_cmpstr (ends2, ==, "2026-11-27");
  /* The cutoff is the last entry whose retention ends today (or ended). */
  g_assert_cmpstr (back, <=, today);
}

/* The list: closed and five years old only; open materials never; one
 * day younger than the cutoff not yet; other offices' not; staff without
 * an office role get nothing. */
static void
test_list_expired (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *six_years = shift_days (f->cutoff, -365);
  g_autofree char *day_after = shift_days (f->cutoff, 1);
  gint64 old_closed = material_on (f, six_years, TRUE);
  gint64 on_cutoff = material_on (f, f->cutoff, TRUE);
  gint64 young = material_on (f, day_after, TRUE);
  gint64 old_open = material_on (f, six_years, FALSE);
  g_autoptr(GPtrArray) list = jhk_retention_list_expired (f->db, f->unyo, f->office, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) east = NULL;
  g_autoptr(GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_true (list_has (list, old_closed));
  g_assert_true (list_has (list, on_cutoff));
  g_assert_false (list_has (list, young));
  g_assert_false (list_has (list, old_open));
  for (guint i = 0; i < list->len; i++)
    {
      JhkLedgerMaterial *m = g_ptr_array_index (list, i);

      g_assert_cmpstr (m->status, ==, "closed");
      g_assert_cmpstr (m->last_entry_on, <=, f->cutoff);
      if (i > 0)
        g_assert_cmpstr (((JhkLedgerMaterial *) g_ptr_array_index (list, i - 1))->last_entry_on,
                         <=, m->last_entry_on);
    }
  g_test_message ("%u materials of 中央警察署 past their retention", list->len);

  /* Every office the actor may view: the 総括責任者 sees them too. */
  all = jhk_retention_list_expired (f->db, f->soukatsu, 0, &error);
  g_assert_no_error (error);
  g_assert_true (list_has (all, old_closed));
  east = jhk_retention_list_expired (f->db, f->higashi, 0, &error);
  g_assert_no_error (error);
  g_assert_false (list_has (east, old_closed));

  /* Staff without an office role: at most the system documents they are
   * named for (the demo names this one for one), never the ledger. */
  none = jhk_retention_list_expired (f->db, f->shokuin, f->office, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* The purge leaves a tombstone and one audit entry; the read side shows
 * status "purged" with nothing of the content. */
static void
test_purge_tombstone (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *six_years = shift_days (f->cutoff, -400);
  gint64 id = material_on (f, six_years, TRUE);
  g_autoptr(JhkLedgerMaterial) m = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GPtrArray) purged = NULL;
  g_autoptr(GPtrArray) closed = NULL;
  g_autofree char *action = NULL;
  g_autofree char *details = NULL;
  g_autofree char *name = NULL;
  gint64 n = -1;

  g_assert_true (jhk_retention_may_purge (f->db, f->unyo, f->office));
  g_assert_false (jhk_retention_may_purge (f->db, f->kanri, f->office));
  jhk_retention_purge (f->db, f->unyo, id, &error);
  g_assert_no_error (error);

  g_assert_true (jhk_db_query_text (f->db, &action, NULL,
                                    "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_assert_cmpstr (action, ==, "material.purge");
  g_assert_true (jhk_db_query_text (f->db, &details, NULL,
                                    "SELECT details FROM audit_log ORDER BY seq DESC LIMIT 1",
                                    JHK_DB_END));
  g_test_message ("audit: %s", details);
  g_assert_nonnull (strstr (details, "\"events\":2"));

  /* The row stays, emptied; the history is gone. */
  g_assert_true (jhk_db_query_text (f->db, &name, NULL, "SELECT name FROM materials WHERE id = ?",
                                    JHK_I (id), JHK_DB_END));
  g_assert_cmpstr (name, ==, "");
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT COUNT(*) FROM material_events WHERE material_id = ?",
                                     JHK_I (id), JHK_DB_END));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT COUNT(*) FROM material_dispositions"
                                     " WHERE material_id = ?", JHK_I (id), JHK_DB_END));
  g_assert_cmpint (n, ==, 0);

  m = jhk_ledger_query_material (f->db, f->unyo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->status, ==, "purged");
  g_assert_cmpstr (m->name, ==, "");
  g_assert_cmpstr (m->summary, ==, "");
  g_assert_cmpstr (m->purpose, ==, "");
  g_assert_null (m->handler_name);
  g_assert_null (m->business_code);
  g_assert_cmpstr (m->direction, ==, "output");
  g_assert_cmpstr (m->acquired_on, ==, six_years);
  g_assert_cmpstr (m->last_entry_on, ==, six_years);
  g_assert_cmpint (m->office_id, ==, f->office);
  g_assert_cmpint (m->purged_at, >, 0);
  g_assert_cmpstr (m->purged_by, ==, "chuo-unyo");
  g_assert_cmpuint (m->events->len, ==, 0);
  g_assert_null (m->disposition);

  expired = jhk_retention_list_expired (f->db, f->unyo, f->office, &error);
  g_assert_no_error (error);
  g_assert_false (list_has (expired, id));
  purged = jhk_ledger_query_list_full (f->db, f->unyo,
                                       &(JhkLedgerFilter) { .office_id = f->office,
                                                            .status = "purged" }, &error);
  g_assert_no_error (error);
  g_assert_true (list_has (purged, id));
  g_assert_cmpuint (purged->len, ==, 1);
  closed = jhk_ledger_query_list_full (f->db, f->unyo,
                                       &(JhkLedgerFilter) { .office_id = f->office,
                                                            .status = "closed" }, &error);
  g_assert_no_error (error);
  g_assert_false (list_has (closed, id));
}

/* Refused, database unchanged: retention not ended, an open material
 * however old, someone other than the office's 運用管理者, no such
 * material, purged already. */
static void
test_purge_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *six_years = shift_days (f->cutoff, -365);
  g_autofree char *day_after = shift_days (f->cutoff, 1);
  gint64 young = material_on (f, day_after, TRUE);
  gint64 old_open = material_on (f, six_years, FALSE);
  gint64 old = material_on (f, six_years, TRUE);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID, jhk_retention_purge (f->db, f->unyo, young, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_retention_purge (f->db, f->unyo, old_open, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED, jhk_retention_purge (f->db, f->kanri, old, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_retention_purge (f->db, f->soukatsu, old, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_retention_purge (f->db, f->shokuin, old, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_retention_purge (f->db, f->unyo, 999999999, refusal));
  /* Another office's 運用管理者. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_retention_purge (f->db, f->higashi, old, refusal));

  jhk_retention_purge (f->db, f->unyo, old, &error);
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT, jhk_retention_purge (f->db, f->unyo, old, refusal));
}

/* The purge takes the material's approvals and sign-offs (0007) with its
 * history; another material's stay. */
static void
test_purge_related (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *six_years = shift_days (f->cutoff, -500);
  gint64 id = material_on (f, six_years, TRUE);
  gint64 other = material_on (f, six_years, TRUE);
  gint64 n = -1;
  gint64 ids[] = { id, other };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (jhk_db_run (f->db, &error,
                                 "INSERT INTO material_approvals (material_id, org_unit_id, kind,"
                                 " reason, requested_by, requested_at, created_by)"
                                 " VALUES (?, ?, 'copy', '試験', ?, 1, 'test')",
                                 JHK_I (ids[i]), JHK_I (f->office), JHK_I (f->handler),
                                 JHK_DB_END));
      g_assert_no_error (error);
      g_assert_true (jhk_db_run (f->db, &error,
                                 "INSERT INTO material_signoffs (material_id, stage, role, staff_id,"
                                 " signed_at, signed_by) VALUES (?, 'final', 'info_manager', ?, 1,"
                                 " 'test')",
                                 JHK_I (ids[i]), JHK_I (f->handler), JHK_DB_END));
      g_assert_no_error (error);
    }
  jhk_retention_purge (f->db, f->unyo, id, &error);
  g_assert_no_error (error);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT (SELECT COUNT(*) FROM material_approvals"
                                     " WHERE material_id = ?) + (SELECT COUNT(*)"
                                     " FROM material_signoffs WHERE material_id = ?)",
                                     JHK_I (id), JHK_I (id), JHK_DB_END));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT (SELECT COUNT(*) FROM material_approvals"
                                     " WHERE material_id = ?) + (SELECT COUNT(*)"
                                     " FROM material_signoffs WHERE material_id = ?)",
                                     JHK_I (other), JHK_I (other), JHK_DB_END));
  g_assert_cmpint (n, ==, 2);
}

/* The demo ledger: 中央 and 西警察署 each have materials past their
 * retention for jhkctl material expired and the dashboard, and 中央 has
 * its system documents, programs and manuals (第18). */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) nishi = jhk_test_login (f->db, "nishi-unyo");
  g_autoptr(GPtrArray) chuo = jhk_retention_list_expired (f->db, f->unyo, f->office, &error);
  g_autoptr(GPtrArray) west = NULL;
  gint64 n = 0;

  g_assert_no_error (error);
  west = jhk_retention_list_expired (f->db, nishi, jhk_org_find_unit (f->db, "930"), &error);
  g_assert_no_error (error);
  g_test_message ("expired in the demo: 中央 %u, 西 %u", chuo->len, west->len);
  g_assert_cmpuint (chuo->len, >=, 2);
  g_assert_cmpuint (west->len, >=, 1);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT COUNT(DISTINCT category) FROM materials"
                                     " WHERE org_unit_id = ?", JHK_I (f->office), JHK_DB_END));
  g_assert_cmpint (n, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/retention/R15-3/ends-five-years-after-last-entry", test_ends_on);
  ADD ("/retention/R15-3/list-expired", test_list_expired);
  ADD ("/retention/R15-3/purge-leaves-tombstone", test_purge_tombstone);
  ADD ("/retention/R15-3/purge-refusals", test_purge_refusals);
  ADD ("/retention/R15-3/purge-takes-approvals-and-signoffs", test_purge_related);
  ADD ("/retention/R15-3/demo-has-expired-materials", test_demo);
#undef ADD

  return jhk_test_run ();
}
