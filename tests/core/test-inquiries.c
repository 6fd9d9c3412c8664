/* test-inquiries.c: issue 6, the check of 個人情報照会記録 (R14-6) and the
 * check sheet as a material (R14-7).
 *
 * Records are written with a small SQL helper (the import is tested in
 * test-inquiry-import.c), into the demo's 中央警察署 (910): C9132
 * (chuo-shokuin, 刑事課 913) makes inquiries, C9131 (chuo-kanbu) is the
 * 担当幹部 of 913, chuo-unyo the 運用管理者; C9141 (地域課 914) has no
 * user ID, and one record's 職員番号 is unknown. Every refusal leaves the
 * database unchanged.
 */
#include <string.h>

#include "jhk-attention.h"
#include "jhk-inquiries.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-row.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"

#define PERIOD "2026-10"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;     /* システム管理者 */
  JhkSession *soukatsu;  /* 総括責任者 */
  JhkSession *unyo;      /* 運用管理者, 中央警察署 */
  JhkSession *higashi;   /* 運用管理者, 東警察署 */
  JhkSession *kanbu;     /* 担当幹部, 刑事課 (also 照会者) */
  JhkSession *shokuin;   /* 照会者, 刑事課 */
  JhkSession *koufu;     /* staff, 警務課 */
  gint64      office;    /* 中央警察署 */
  gint64      import_id;
  int         serial;
} Fixture;

/* Japan time, 2026-10-day hh:00. */
static gint64
at_jst (int day,
        int hour)
{
  return jhk_test_jst (2026, 10, day, hour, 0);
}

/* A record of staff_no (NULL: an unknown 職員番号) at day and hour of
 * PERIOD in office (0: 中央警察署), imported at imported_at (0: now). */
static gint64
add_record_full (Fixture    *f,
                 const char *staff_no,
                 int         day,
                 int         hour,
                 guint       flags,
                 gint64      office,
                 gint64      imported_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *no = g_strdup_printf ("T-%05d", ++f->serial);
  gint64 staff = 0, section = 0, id;

  if (staff_no != NULL)
    {
      staff = jhk_test_staff_id (f->db, staff_no);
      section = jhk_test_query_int (f->db, "SELECT org_unit_id FROM staff WHERE id = ?",
                                    JHK_I (staff), JHK_DB_END);
    }
  g_assert_true (jhk_db_run (f->db, &error,
                             "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                             " office_id, staff_no, staff_id, section_id, inquirer_name, kind,"
                             " reason, case_no, content, subject, terminal, import_id,"
                             " imported_at, flags)"
                             " VALUES (?, ?, ?, '910', ?, ?, ?, ?, '照会 太郎', '運転免許',"
                             " '捜査', '第1号', '山田 一郎 昭和50年1月1日', '山田 一郎', 'T01',"
                             " ?, ?, ?)",
                             JHK_T (no), JHK_I (at_jst (day, hour)), JHK_T (PERIOD),
                             JHK_I (office != 0 ? office : f->office),
                             JHK_T (staff_no != NULL ? staff_no : "X9999"), JHK_IZ (staff),
                             JHK_IZ (section), JHK_I (f->import_id),
                             JHK_I (imported_at != 0 ? imported_at : jhk_now_us ()),
                             JHK_I (flags), JHK_DB_END));
  g_assert_no_error (error);
  id = jhk_test_query_int (f->db, "SELECT id FROM inquiry_records WHERE source_no = ?",
                           JHK_T (no), JHK_DB_END);
  return id;
}

static gint64
add_record (Fixture    *f,
            const char *staff_no,
            int         day)
{
  return add_record_full (f, staff_no, day, 10, 0, 0, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->soukatsu, "soukatsu",
                       &f->unyo, "chuo-unyo", &f->higashi, "higashi-unyo",
                       &f->kanbu, "chuo-kanbu", &f->shokuin, "chuo-shokuin",
                       &f->koufu, "chuo-koufu", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  g_assert_cmpint (f->office, >, 0);
  /* Only this test's records. */
  g_assert_true (jhk_db_run (f->db, &error, "DELETE FROM inquiry_periods", JHK_DB_END));
  g_assert_true (jhk_db_run (f->db, &error, "DELETE FROM inquiry_records", JHK_DB_END));
  f->import_id = jhk_test_add_inquiry_import (f->db, "inquiries", jhk_now_us ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_set_clock_override (0);
  jhk_test_clear_sessions (&f->admin, &f->soukatsu, &f->unyo, &f->higashi, &f->kanbu,
                           &f->shokuin, &f->koufu, NULL);
  g_clear_object (&f->db);
}

static char *
state_of (Fixture *f,
          gint64   id)
{
  return jhk_test_query_text (f->db,
                              "SELECT confirm_state || '/' || check_state || '/' || resolution"
                              " || '/' || done FROM inquiry_records WHERE id = ?",
                              JHK_I (id), JHK_DB_END);
}

#define ASSERT_STATE(f, id, expected)                 \
  G_STMT_START {                                      \
    g_autofree char *state_ = state_of ((f), (id));   \
    g_assert_cmpstr (state_, ==, (expected));         \
  } G_STMT_END

/* R14-6 step 1 -------------------------------------------------------------------- */

static void
test_confirm_own_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mine[3], other, before;
  g_autofree char *source = NULL;

  for (int i = 0; i < 3; i++)
    mine[i] = add_record (f, "C9132", i + 1);
  other = add_record (f, "C9113", 1);

  /* Somebody else's inquiry: the 担当幹部, the 運用管理者, the
   * システム管理者 alike. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_inquiries_confirm (f->db, f->koufu, mine, 1, FALSE, NULL,
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_confirm (f->db, f->kanbu, mine, 1, FALSE, NULL,
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_confirm (f->db, f->unyo, mine, 1, FALSE, NULL,
                                                  refusal));
  /* All or none: one refused record refuses the call, naming it. */
  {
    gint64 done_already = add_record (f, "C9132", 9);
    gint64 mixed[] = { mine[0], mine[1], done_already };

    g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &done_already, 1, FALSE, NULL,
                                          &error));
    g_assert_no_error (error);
    source = jhk_test_query_text (f->db, "SELECT source_no FROM inquiry_records WHERE id = ?",
                                  JHK_I (done_already), JHK_DB_END);
    JHK_TEST_ASSERT_REFUSED_WITH (f->db,
                                  jhk_inquiries_confirm (f->db, f->shokuin, mixed, 3, FALSE, NULL,
                                                         refusal),
                                  g_assert_nonnull (strstr (error_->message, source)));
    /* One the officer cannot see, the same. */
    mixed[2] = other;
    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                             jhk_inquiries_confirm (f->db, f->shokuin, mixed, 3, FALSE, NULL,
                                                    refusal));
  }
  /* 相違あり needs a comment. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_confirm (f->db, f->shokuin, mine, 1, TRUE, "  ",
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_confirm (f->db, f->shokuin, mine, 0, FALSE, NULL,
                                                  refusal));

  /* Bulk: one call, one audit entry naming the records. */
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, mine, 2, FALSE, NULL, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquiry.confirm");
  ASSERT_STATE (f, mine[0], "confirmed/pending//0");
  ASSERT_STATE (f, mine[1], "confirmed/pending//0");
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &mine[2], 1, TRUE, "していない",
                                        &error));
  g_assert_no_error (error);
  ASSERT_STATE (f, mine[2], "disputed/pending//0");
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT confirmed_by FROM inquiry_records"
                                       " WHERE id = ?", JHK_I (mine[2]), JHK_DB_END), ==,
                   jhk_test_staff_id (f->db, "C9132"));

  /* Once only. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_confirm (f->db, f->shokuin, mine, 1, FALSE, NULL,
                                                  refusal));
}

/* R14-6 step 2 -------------------------------------------------------------------- */

static void
test_check_after_confirm (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquiryRecord) r = NULL;
  gint64 a = add_record (f, "C9132", 1), b = add_record (f, "C9132", 2);
  gint64 koufu_rec = add_record (f, "C9113", 2);
  gint64 both[] = { a, b };
  gint64 before;

  /* Not before step 1. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, refusal));
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, both, 2, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_confirm (f->db, f->koufu, &koufu_rec, 1, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Only a 担当幹部 of the record's 係. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_check (f->db, f->unyo, &a, 1, FALSE, NULL, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_check (f->db, f->shokuin, &a, 1, FALSE, NULL, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_inquiries_check (f->db, f->kanbu, &koufu_rec, 1, FALSE, NULL,
                                                refusal));
  /* 要確認 needs a comment. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_check (f->db, f->kanbu, &b, 1, TRUE, "", refusal));

  r = jhk_inquiries_get (f->db, f->kanbu, a, &error);
  g_assert_no_error (error);
  g_assert_null (jhk_inquiries_refusal (f->db, f->kanbu, r, JHK_INQUIRY_CHECK));
  g_assert_nonnull (jhk_inquiries_refusal (f->db, f->shokuin, r, JHK_INQUIRY_CHECK));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquiry.check");
  ASSERT_STATE (f, a, "confirmed/proper//1");
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &b, 1, TRUE, "目的を確認", &error));
  g_assert_no_error (error);
  ASSERT_STATE (f, b, "confirmed/query//0");
  /* Once only, and a done record stays done. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_check (f->db, f->kanbu, &a, 1, TRUE, "x", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_check (f->db, f->kanbu, &b, 1, FALSE, NULL, refusal));
}

/* R14-6 step 3 -------------------------------------------------------------------- */

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 own = add_record (f, "C9132", 1);       /* has a login */
  gint64 nologin = add_record (f, "C9141", 1);   /* no user ID */
  gint64 unknown = add_record (f, NULL, 1);      /* 職員番号 unknown */
  gint64 queried = add_record (f, "C9132", 2);
  gint64 both[] = { nologin, unknown };
  gint64 before;

  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &queried, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &queried, 1, TRUE, "要確認", &error));
  g_assert_no_error (error);

  /* Only the office's 運用管理者, with a comment, for the records nobody
   * else can take. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_resolve (f->db, f->unyo, &own, 1, FALSE, "適正",
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_inquiries_resolve (f->db, f->higashi, &nologin, 1, FALSE, "適正",
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_resolve (f->db, f->kanbu, &queried, 1, FALSE, "適正",
                                                  refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_resolve (f->db, f->unyo, both, 2, FALSE, NULL, refusal));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, both, 2, FALSE, "所属で確認した",
                                        &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquiry.resolve");
  ASSERT_STATE (f, nologin, "pending/pending/proper/1");
  ASSERT_STATE (f, unknown, "pending/pending/proper/1");
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &queried, 1, TRUE, "私的照会",
                                        &error));
  g_assert_no_error (error);
  ASSERT_STATE (f, queried, "confirmed/query/improper/1");
  /* A 担当幹部's own inquiry, once confirmed, the 運用管理者 settles too. */
  {
    gint64 kanbu_rec = add_record (f, "C9131", 4);

    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                             jhk_inquiries_resolve (f->db, f->unyo, &kanbu_rec, 1, FALSE, "適正",
                                                    refusal));
    g_assert_true (jhk_inquiries_confirm (f->db, f->kanbu, &kanbu_rec, 1, FALSE, NULL, &error));
    g_assert_no_error (error);
    /* No 担当幹部 checks their own inquiry. */
    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                             jhk_inquiries_check (f->db, f->kanbu, &kanbu_rec, 1, FALSE, NULL,
                                                  refusal));
    g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &kanbu_rec, 1, FALSE, "適正",
                                          &error));
    g_assert_no_error (error);
    ASSERT_STATE (f, kanbu_rec, "confirmed/pending/proper/1");
  }
  /* A 係 without a 担当幹部 (警務課): nobody checks its officer's inquiry,
   * so once confirmed the 運用管理者 settles it, or the month could never
   * be signed off. */
  {
    gint64 koufu_rec = add_record (f, "C9113", 5);

    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                             jhk_inquiries_resolve (f->db, f->unyo, &koufu_rec, 1, FALSE, "適正",
                                                    refusal));
    g_assert_true (jhk_inquiries_confirm (f->db, f->koufu, &koufu_rec, 1, FALSE, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &koufu_rec, 1, FALSE, "適正",
                                          &error));
    g_assert_no_error (error);
    ASSERT_STATE (f, koufu_rec, "confirmed/pending/proper/1");
  }
  /* The officer's step is closed once settled. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_resolve (f->db, f->unyo, &queried, 1, FALSE, "x",
                                                  refusal));
}

/* R14-6 sign-off ------------------------------------------------------------------ */

static void
test_sign_off (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 a = add_record (f, "C9132", 1), b = add_record (f, "C9141", 3);
  gint64 before;

  /* Not until every record is done. */
  message = jhk_inquiries_sign_off_refusal (f->db, f->unyo, f->office, PERIOD);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "2"));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_sign_off (f->db, f->unyo, f->office, PERIOD, NULL,
                                                   refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_sign_off (f->db, f->kanbu, f->office, PERIOD, NULL,
                                                   refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_sign_off (f->db, f->higashi, f->office, PERIOD, NULL,
                                                   refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_sign_off (f->db, f->unyo, f->office, "2026-09", NULL,
                                                   refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_sign_off (f->db, f->unyo, f->office, "2026-13", NULL,
                                                   refusal));

  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &b, 1, FALSE, "確認済み", &error));
  g_assert_no_error (error);
  g_assert_null (jhk_inquiries_sign_off_refusal (f->db, f->unyo, f->office, PERIOD));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiries_sign_off (f->db, f->unyo, f->office, PERIOD, "適正と認める",
                                         &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquiry.sign_off");

  /* Then nothing of the month changes: the services ... */
  {
    g_autoptr(JhkInquiryRecord) r = jhk_inquiries_get (f->db, f->unyo, a, &error);

    g_assert_no_error (error);
    g_assert_true (r->signed_off);
    g_assert_true (r->done);
    g_assert_nonnull (jhk_inquiries_refusal (f->db, f->unyo, r, JHK_INQUIRY_RESOLVE));
  }
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_sign_off (f->db, f->unyo, f->office, PERIOD, NULL,
                                                   refusal));
  /* ... and the trigger, on either backend, whoever writes. */
  {
    g_autofree char *dump = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;

    g_assert_false (jhk_db_run (f->db, &error,
                                "UPDATE inquiry_records SET flags = 1 WHERE id = ?",
                                JHK_I (a), JHK_DB_END));
    g_assert_nonnull (error);
    g_test_message ("trigger: %s", error->message);
    g_clear_error (&error);
    g_assert_false (jhk_db_run (f->db, &error,
                                "UPDATE inquiry_records SET done = 0, resolution = ''"
                                " WHERE id = ?", JHK_I (b), JHK_DB_END));
    g_clear_error (&error);
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, dump);
  }
  /* A record of another month still changes; deleting stays allowed
   * (the purge). */
  g_assert_true (jhk_db_run (f->db, &error,
                             "UPDATE inquiry_records SET flags = 1 WHERE period <> ?",
                             JHK_T (PERIOD), JHK_DB_END));
  g_assert_true (jhk_db_run (f->db, &error, "DELETE FROM inquiry_records WHERE id = ?",
                             JHK_I (b), JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records WHERE id = ?",
                                       JHK_I (b), JHK_DB_END), ==, 0);
}

/* Lists ------------------------------------------------------------------------------ */

/* The ids of a model, in order. */
static GArray *
model_ids (JhkQueryModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = jhk_row_get_id (row);

      g_array_append_val (ids, id);
    }
  return ids;
}

static GArray *
query_ids (JhkDb      *db,
           const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT r.id FROM inquiry_records r WHERE %s"
                                          " ORDER BY r.at, r.id", where);
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, NULL, sql, JHK_DB_END);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_same_ids (GArray     *a,
                 GArray     *b,
                 const char *what)
{
  g_test_message ("%s: %u records", what, b->len);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 higashi_office = jhk_org_find_unit (f->db, "920");
  gint64 a = add_record (f, "C9132", 5);
  gint64 b = add_record_full (f, "C9132", 2, 22, JHK_INQUIRY_FLAG_OFF_HOURS, 0, 0);
  gint64 c = add_record (f, "C9131", 3);
  gint64 d = add_record_full (f, "C9141", 4, 9, 0, 0, jhk_now_us () - 400 * G_TIME_SPAN_DAY);
  gint64 e = add_record (f, NULL, 6);
  gint64 g = add_record (f, "C9113", 1);
  gint64 section = jhk_test_query_int (f->db, "SELECT section_id FROM inquiry_records"
                                       " WHERE id = ?", JHK_I (a), JHK_DB_END);
  struct
  {
    JhkSession        *actor;
    JhkInquiriesScope  scope;
    const char        *where;
  } scopes[] = {
    { f->shokuin, JHK_INQUIRIES_MINE, "r.staff_id = %S9132" },
    { f->kanbu, JHK_INQUIRIES_MINE, "r.staff_id = %S9131" },
    { f->kanbu, JHK_INQUIRIES_TO_CHECK, "r.section_id = %SEC" },
    { f->unyo, JHK_INQUIRIES_OFFICE, "r.office_id = %OFF" },
    { f->higashi, JHK_INQUIRIES_OFFICE, "r.office_id = %HIG" },
    { f->admin, JHK_INQUIRIES_ALL, "1 = 1" },
    { f->soukatsu, JHK_INQUIRIES_ALL, "1 = 1" },
    { f->shokuin, JHK_INQUIRIES_ALL, "1 = 0" },
  };
  struct
  {
    JhkInquiryFilter  filter;
    const char       *where;
  } filters[] = {
    { { 0 }, "1 = 1" },
    { { .office_id = 1, .period = PERIOD }, "r.office_id = %OFF AND r.period = '" PERIOD "'" },
    { { .period = "2026-09" }, "1 = 0" },
    { { .section_id = 1 }, "r.section_id = %SEC" },
    { { .staff_id = 1 }, "r.staff_id = %S9132" },
    { { .stage = JHK_INQUIRY_STAGE_TO_CONFIRM }, "r.confirm_state = 'pending' AND r.done = 0" },
    { { .stage = JHK_INQUIRY_STAGE_TO_CHECK },
      "r.confirm_state <> 'pending' AND r.check_state = 'pending' AND r.done = 0" },
    { { .stage = JHK_INQUIRY_STAGE_TO_RESOLVE },
      "r.done = 0 AND (r.check_state = 'query' OR r.staff_id IS NULL"
      " OR r.staff_id = %S9141)" },
    { { .stage = JHK_INQUIRY_STAGE_OPEN }, "r.done = 0" },
    { { .stage = JHK_INQUIRY_STAGE_DONE }, "r.done = 1" },
    { { .disputed = TRUE }, "r.confirm_state = 'disputed'" },
    { { .flags = JHK_INQUIRY_FLAG_OFF_HOURS | JHK_INQUIRY_FLAG_VOLUME }, "r.flags <> 0" },
    { { .overdue = TRUE }, "r.done = 0 AND r.imported_at < %CUT" },
    { { .text = "T-0000" }, "r.source_no LIKE 'T-0000%'" },
    { { .text = "山田" }, "1 = 1" },
    { { .text = "%" }, "1 = 0" },
  };
  gint64 cutoff = jhk_now_us () - 30 * G_TIME_SPAN_DAY;

  /* Some steps, so that each stage has records. */
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &b, 1, TRUE, "違う", &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &a, 1, TRUE, "確認", &error));
  g_assert_no_error (error);
  (void) c;
  (void) d;
  (void) e;
  add_record_full (f, "C9201", 7, 10, 0, higashi_office, 0);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records", JHK_DB_END),
                   ==, 7);
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &g, 1, FALSE, "x", &error) == FALSE);
  g_clear_error (&error);

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        JhkInquiryFilter filter = filters[i].filter;
        g_autoptr(GString) where = g_string_new (NULL);
        g_autofree char *what = NULL;
        g_autoptr(JhkQueryModel) model = NULL;
        g_autoptr(GArray) got = NULL;
        g_autoptr(GArray) expected = NULL;
        gint64 due = jhk_settings_get_int (f->db, JHK_SETTING_INQUIRY_DUE_DAYS);

        cutoff = jhk_now_us () - due * G_TIME_SPAN_DAY;
        if (filter.office_id != 0)
          filter.office_id = f->office;
        if (filter.section_id != 0)
          filter.section_id = section;
        if (filter.staff_id != 0)
          filter.staff_id = jhk_test_staff_id (f->db, "C9132");
        g_string_printf (where, "(%s) AND (%s)", scopes[s].where, filters[i].where);
#define SUB(key, value) \
        g_string_replace (where, key, value, 0)
        {
          g_autofree char *s9132 = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    jhk_test_staff_id (f->db, "C9132"));
          g_autofree char *s9131 = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    jhk_test_staff_id (f->db, "C9131"));
          g_autofree char *s9141 = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    jhk_test_staff_id (f->db, "C9141"));
          g_autofree char *sec = g_strdup_printf ("%" G_GINT64_FORMAT, section);
          g_autofree char *off = g_strdup_printf ("%" G_GINT64_FORMAT, f->office);
          g_autofree char *hig = g_strdup_printf ("%" G_GINT64_FORMAT, higashi_office);
          g_autofree char *cut = g_strdup_printf ("%" G_GINT64_FORMAT, cutoff);

          SUB ("%S9132", s9132);
          SUB ("%S9131", s9131);
          SUB ("%S9141", s9141);
          SUB ("%SEC", sec);
          SUB ("%OFF", off);
          SUB ("%HIG", hig);
          SUB ("%CUT", cut);
        }
#undef SUB
        what = g_strdup_printf ("scope %u filter %u: %s", s, i, where->str);
        model = jhk_inquiries_list_model (f->db, scopes[s].actor, scopes[s].scope, &filter);
        got = model_ids (model);
        if (scopes[s].scope == JHK_INQUIRIES_TO_CHECK)
          {
            /* Disputed, then flagged, then the rest: here b (disputed and
             * flagged) comes first when it is in. */
            expected = query_ids (f->db, where->str);
            for (guint k = 0; k < expected->len; k++)
              if (g_array_index (expected, gint64, k) == b)
                {
                  g_array_remove_index (expected, k);
                  g_array_prepend_val (expected, b);
                  break;
                }
          }
        else
          expected = query_ids (f->db, where->str);
        assert_same_ids (got, expected, what);

        /* The same filter set on a model of no filter. */
        if (i > 0)
          {
            g_autoptr(JhkQueryModel) other =
              jhk_inquiries_list_model (f->db, scopes[s].actor, scopes[s].scope, NULL);
            g_autoptr(GArray) again = NULL;

            jhk_inquiries_list_model_set_filter (other, &filter);
            again = model_ids (other);
            assert_same_ids (again, got, what);
          }
      }
}

/* Summary --------------------------------------------------------------------------- */

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquirySummary) s = NULL;
  gint64 a = add_record_full (f, "C9132", 1, 8, JHK_INQUIRY_FLAG_OFF_HOURS, 0, 0);
  gint64 b = add_record (f, "C9132", 1);
  gint64 c = add_record_full (f, "C9141", 31, 23, JHK_INQUIRY_FLAG_NO_CASE, 0,
                              jhk_now_us () - 400 * G_TIME_SPAN_DAY);
  gint64 d = add_record (f, "C9113", 15);
  gint64 e = add_record_full (f, "C9132", 1, 0, 0, 0, 0);  /* 00:00 Japan time: day 1 */
  guint sum = 0;

  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &b, 1, TRUE, "違う", &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &b, 1, TRUE, "要確認", &error));
  g_assert_no_error (error);
  (void) d;
  (void) e;

  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_summary (f->db, f->kanbu, f->office, PERIOD, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_summary (f->db, f->higashi, f->office, PERIOD, refusal));
  s = jhk_inquiries_summary (f->db, f->unyo, f->office, PERIOD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->total.total, ==, 5);
  g_assert_cmpuint (s->total.confirmed, ==, 2);
  g_assert_cmpuint (s->total.checked, ==, 2);
  g_assert_cmpuint (s->total.done, ==, 1);
  g_assert_cmpuint (s->total.disputed, ==, 1);
  g_assert_cmpuint (s->total.queried, ==, 1);
  g_assert_cmpuint (s->total.flagged, ==, 2);
  g_assert_cmpuint (s->total.overdue, ==, 1);
  g_assert_cmpstr (s->total.name, ==, "中央警察署");
  /* 警務課 911, 刑事課 913, 地域課 914 by code. */
  g_assert_cmpuint (s->sections->len, ==, 3);
  g_assert_cmpstr (((JhkInquiryProgress *) s->sections->pdata[0])->name, ==, "警務課");
  g_assert_cmpstr (((JhkInquiryProgress *) s->sections->pdata[1])->name, ==, "刑事課");
  g_assert_cmpuint (((JhkInquiryProgress *) s->sections->pdata[1])->total, ==, 3);
  g_assert_cmpuint (((JhkInquiryProgress *) s->sections->pdata[1])->done, ==, 1);
  g_assert_cmpuint (((JhkInquiryProgress *) s->sections->pdata[2])->overdue, ==, 1);
  /* C9113, C9132, C9141 by staff number. */
  g_assert_cmpuint (s->officers->len, ==, 3);
  g_assert_cmpstr (((JhkInquiryProgress *) s->officers->pdata[0])->staff_no, ==, "C9113");
  g_assert_cmpstr (((JhkInquiryProgress *) s->officers->pdata[1])->staff_no, ==, "C9132");
  g_assert_cmpstr (((JhkInquiryProgress *) s->officers->pdata[1])->name, ==, "井上 翔太");
  g_assert_cmpuint (((JhkInquiryProgress *) s->officers->pdata[1])->total, ==, 3);
  g_assert_cmpuint (((JhkInquiryProgress *) s->officers->pdata[1])->disputed, ==, 1);
  /* Japan-time days: three on the 1st (one at 00:00), one on the 15th,
   * one at 23:00 on the 31st. */
  g_assert_cmpuint (s->n_days, ==, 31);
  g_assert_cmpuint (s->daily[0], ==, 3);
  g_assert_cmpuint (s->daily_flagged[0], ==, 1);
  g_assert_cmpuint (s->daily[14], ==, 1);
  g_assert_cmpuint (s->daily[30], ==, 1);
  g_assert_cmpuint (s->daily_flagged[30], ==, 1);
  for (guint i = 0; i < s->n_days; i++)
    sum += s->daily[i];
  g_assert_cmpuint (sum, ==, 5);
  g_assert_cmpint (s->signed_off_at, ==, 0);

  {
    g_autoptr(GPtrArray) list = jhk_inquiries_list_period (f->db, f->unyo, f->office, PERIOD,
                                                           &error);
    g_auto(GStrv) periods = jhk_inquiries_periods (f->db, f->unyo, f->office, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 5);
    g_assert_cmpstr (((JhkInquiryRecord *) list->pdata[0])->staff_no, ==, "C9113");
    g_assert_cmpint (((JhkInquiryRecord *) list->pdata[4])->id, ==, c);
    g_assert_cmpuint (g_strv_length (periods), ==, 1);
    g_assert_cmpstr (periods[0], ==, PERIOD);
  }
  {
    g_autoptr(JhkInquirySummary) all = jhk_inquiries_summary (f->db, f->soukatsu, f->office,
                                                               PERIOD, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->total.total, ==, 5);
  }
}

/* R14-7: the check sheet ------------------------------------------------------------ */

static void
test_sheet (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = jhk_today ();
  g_autofree char *name = NULL;
  gint64 locked, open, material, before;
  gint64 business = jhk_org_find_business (f->db, "B101");

  add_record (f, "C9132", 1);
  locked = jhk_test_query_int (f->db, "SELECT MIN(id) FROM storage_places WHERE org_unit_id = ?"
                               " AND locked = 1", JHK_I (f->office), JHK_DB_END);
  open = jhk_ledger_add_storage_place (f->db, f->unyo, f->office, "試験用 開放棚", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (open, >, 0);

  /* No business set. */
  g_assert_true (jhk_settings_set_int (f->db, f->admin, JHK_SETTING_INQUIRY_BUSINESS, 0, &error));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_register_sheet (f->db, f->unyo, f->office, PERIOD,
                                                         locked, 1, refusal));
  g_assert_true (jhk_settings_set_int (f->db, f->admin, JHK_SETTING_INQUIRY_BUSINESS, business,
                                       &error));
  g_assert_no_error (error);
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_register_sheet (f->db, f->kanbu, f->office, PERIOD,
                                                         locked, 1, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_register_sheet (f->db, f->admin, f->office, PERIOD,
                                                         locked, 1, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_register_sheet (f->db, f->unyo, f->office, PERIOD,
                                                         open, 1, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_inquiries_register_sheet (f->db, f->unyo, f->office, PERIOD,
                                                         locked, 0, refusal));

  before = jhk_test_audit_count (f->db);
  material = jhk_inquiries_register_sheet (f->db, f->unyo, f->office, PERIOD, locked, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (material, >, 0);
  jhk_test_assert_last_action (f->db, before, "inquiry.sheet");
  name = jhk_test_query_text (f->db, "SELECT name || '/' || direction || '/' || personal_data"
                              " || '/' || quantity || '/' || creation_reason FROM materials"
                              " WHERE id = ?", JHK_I (material), JHK_DB_END);
  g_assert_cmpstr (name, ==, "個人情報照会記録点検表 中央警察署 2026年10月/output/1/2/procedure");
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT storage_place_id FROM materials"
                                       " WHERE id = ?", JHK_I (material), JHK_DB_END), ==, locked);
}

/* The dashboard ---------------------------------------------------------------------- */

static guint
item (Fixture    *f,
      JhkSession *session,
      const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_inquiries (f->db, session);

  jhk_test_assert_attention_items (items, "inquiries");
  return jhk_test_attention_count (items, key);
}

static void
test_attention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (jhk_now_us () / G_USEC_PER_SEC);
  g_autofree char *period = NULL;
  gint64 a = add_record (f, "C9132", 1), b = add_record (f, "C9132", 2);
  gint64 c = add_record_full (f, "C9141", 3, 10, 0, 0, jhk_now_us () - 400 * G_TIME_SPAN_DAY);
  gint64 both[] = { a, b };

  /* The office's items look at the last 13 months: the records are of
   * this month. */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
    g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);

    period = g_date_time_format (local, "%Y-%m");
  }
  g_assert_true (jhk_db_run (f->db, &error, "UPDATE inquiry_records SET period = ?",
                             JHK_T (period), JHK_DB_END));
  g_assert_no_error (error);

  g_assert_cmpuint (item (f, f->shokuin, "inquiries.confirm"), ==, 2);
  g_assert_cmpuint (item (f, f->kanbu, "inquiries.confirm"), ==, 0);
  g_assert_cmpuint (item (f, f->kanbu, "inquiries.check"), ==, 0);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.resolve"), ==, 1);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.overdue"), ==, 1);
  g_assert_cmpuint (item (f, f->shokuin, "inquiries.overdue"), ==, 0);
  g_assert_cmpuint (item (f, f->higashi, "inquiries.resolve"), ==, 0);

  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, both, 2, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item (f, f->shokuin, "inquiries.confirm"), ==, 0);
  g_assert_cmpuint (item (f, f->kanbu, "inquiries.check"), ==, 2);
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, &error));
  g_assert_true (jhk_inquiries_check (f->db, f->kanbu, &b, 1, TRUE, "要確認", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item (f, f->kanbu, "inquiries.check"), ==, 0);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.resolve"), ==, 2);

  /* The month is ready for the sign-off once every record is done. */
  g_assert_cmpuint (item (f, f->unyo, "inquiries.sign_off"), ==, 0);
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, both + 1, 1, FALSE, "確認", &error));
  g_assert_true (jhk_inquiries_resolve (f->db, f->unyo, &c, 1, FALSE, "確認", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.resolve"), ==, 0);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.overdue"), ==, 0);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.sign_off"), ==, 1);
  g_assert_cmpuint (item (f, f->higashi, "inquiries.sign_off"), ==, 0);
  g_assert_true (jhk_inquiries_sign_off (f->db, f->unyo, f->office, period, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (item (f, f->unyo, "inquiries.sign_off"), ==, 0);
}

/* PostgreSQL: the server's rules (0017-inquiries.pg.sql) ------------------------------ */

static gint64
pg_add (JhkDb      *owner,
        gint64      import_id,
        const char *no,
        const char *office_code,
        const char *staff_no)
{
  g_autoptr(GError) error = NULL;
  gint64 office = jhk_org_find_unit (owner, office_code);
  gint64 staff = jhk_test_staff_id (owner, staff_no);
  gint64 section = jhk_test_query_int (owner, "SELECT org_unit_id FROM staff WHERE id = ?",
                                       JHK_I (staff), JHK_DB_END);

  g_assert_true (jhk_db_run (owner, &error,
                             "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                             " office_id, staff_no, staff_id, section_id, inquirer_name, kind,"
                             " content, subject, terminal, import_id, imported_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, '照会 太郎', '運転免許',"
                             " '山田 一郎', '山田 一郎', 'T01', ?, ?)",
                             JHK_T (no), JHK_I (at_jst (2, 10)), JHK_T (PERIOD),
                             JHK_T (office_code), JHK_I (office), JHK_T (staff_no), JHK_I (staff),
                             JHK_I (section), JHK_I (import_id), JHK_I (jhk_now_us ()),
                             JHK_DB_END));
  g_assert_no_error (error);
  return jhk_test_query_int (owner, "SELECT id FROM inquiry_records WHERE source_no = ?",
                             JHK_T (no), JHK_DB_END);
}

static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) shokuin_db = NULL, kanbu_db = NULL, unyo_db = NULL, admin_db = NULL;
  g_autoptr(JhkDb) higashi_db = NULL, koufu_db = NULL;
  g_autoptr(JhkSession) shokuin = NULL, kanbu = NULL, unyo = NULL, admin = NULL;
  g_autoptr(JhkSession) higashi = NULL, koufu = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  gint64 import_id, r1, r2, r3, r4, office, locked, material;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  g_assert_true (jhk_db_run (owner, &error, "DELETE FROM inquiry_records", JHK_DB_END));
  g_assert_true (jhk_db_run (owner, &error,
                             "INSERT INTO inquiry_imports (kind, file_name, encoding, n_read,"
                             " n_imported, n_present, n_flagged, imported_by, imported_at)"
                             " VALUES ('inquiries', 'pg.csv', 'utf-8', 4, 4, 0, 0, 'admin', ?)",
                             JHK_I (jhk_now_us ()), JHK_DB_END));
  g_assert_no_error (error);
  import_id = jhk_test_query_int (owner, "SELECT MAX(id) FROM inquiry_imports", JHK_DB_END);
  r1 = pg_add (owner, import_id, "P-1", "910", "C9132");  /* 刑事課, chuo-shokuin */
  r2 = pg_add (owner, import_id, "P-2", "910", "C9113");  /* 警務課, chuo-koufu */
  r3 = pg_add (owner, import_id, "P-3", "910", "C9141");  /* 地域課, no user ID */
  r4 = pg_add (owner, import_id, "P-4", "920", "C9201");  /* 東警察署 */
  office = jhk_org_find_unit (owner, "910");

  shokuin_db = jhk_test_pg_open_as (dbname, "chuo-shokuin");
  shokuin = jhk_test_login (shokuin_db, "chuo-shokuin");
  kanbu_db = jhk_test_pg_open_as (dbname, "chuo-kanbu");
  kanbu = jhk_test_login (kanbu_db, "chuo-kanbu");
  unyo_db = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (unyo_db, "chuo-unyo");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  higashi_db = jhk_test_pg_open_as (dbname, "higashi-unyo");
  higashi = jhk_test_login (higashi_db, "higashi-unyo");
  koufu_db = jhk_test_pg_open_as (dbname, "chuo-koufu");
  koufu = jhk_test_login (koufu_db, "chuo-koufu");

  /* Who sees which records. */
  g_assert_cmpint (jhk_test_count_rows (shokuin_db, "inquiry_records"), ==, 1);
  g_assert_cmpint (jhk_test_count_rows (kanbu_db, "inquiry_records"), ==, 1);
  g_assert_cmpint (jhk_test_count_rows (koufu_db, "inquiry_records"), ==, 1);
  g_assert_cmpint (jhk_test_count_rows (unyo_db, "inquiry_records"), ==, 3);
  g_assert_cmpint (jhk_test_count_rows (higashi_db, "inquiry_records"), ==, 1);
  g_assert_cmpint (jhk_test_count_rows (admin_db, "inquiry_records"), ==, 4);
  model = jhk_inquiries_list_model (unyo_db, unyo, JHK_INQUIRIES_OFFICE,
                                    &(JhkInquiryFilter) { .stage = JHK_INQUIRY_STAGE_TO_RESOLVE });
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  (void) r4;

  /* The steps through each user's own server role. */
  g_assert_true (jhk_inquiries_confirm (shokuin_db, shokuin, &r1, 1, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_check (kanbu_db, kanbu, &r1, 1, TRUE, "目的を確認", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_resolve (unyo_db, unyo, &r1, 1, FALSE, "適正", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_resolve (unyo_db, unyo, &r3, 1, FALSE, "適正", &error));
  g_assert_no_error (error);
  g_assert_true (jhk_inquiries_confirm (koufu_db, koufu, &r2, 1, FALSE, NULL, &error));
  g_assert_no_error (error);
  JHK_TEST_ASSERT_REFUSED (unyo_db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_inquiries_sign_off (unyo_db, unyo, office, PERIOD, NULL, refusal));

  /* Around the services: no step of another's, no imported column. */
  g_assert_true (jhk_db_run (shokuin_db, &error,
                             "UPDATE inquiry_records SET check_state = 'proper', done = 1,"
                             " checked_by = confirmed_by WHERE id = ?", JHK_I (r2), JHK_DB_END));
  g_assert_cmpint (jhk_db_changes (shokuin_db), ==, 0);
  g_assert_true (jhk_db_run (koufu_db, &error,
                             "UPDATE inquiry_records SET check_state = 'proper', done = 1,"
                             " checked_by = confirmed_by WHERE id = ?", JHK_I (r2), JHK_DB_END));
  g_assert_cmpint (jhk_db_changes (koufu_db), ==, 0);
  g_assert_false (jhk_db_run (shokuin_db, &error,
                              "UPDATE inquiry_records SET content = 'x' WHERE id = ?",
                              JHK_I (r1), JHK_DB_END));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  g_assert_false (jhk_db_run (shokuin_db, &error,
                              "INSERT INTO inquiry_periods (office_id, period, signed_off_by,"
                              " signed_off_at) VALUES (?, ?, ?, 0)",
                              JHK_I (office), JHK_T (PERIOD),
                              JHK_I (jhk_session_get_staff_id (shokuin)), JHK_DB_END));
  g_clear_error (&error);

  /* The owner settles the last one (警務課 has no 担当幹部 here), the
   * 運用管理者 signs off, and then nobody changes the month. */
  g_assert_true (jhk_db_run (owner, &error, "UPDATE inquiry_records SET check_state = 'proper',"
                             " done = 1 WHERE id = ?", JHK_I (r2), JHK_DB_END));
  g_assert_true (jhk_inquiries_sign_off (unyo_db, unyo, office, PERIOD, "適正", &error));
  g_assert_no_error (error);
  g_assert_false (jhk_db_run (admin_db, &error, "UPDATE inquiry_records SET flags = 1"
                              " WHERE id = ?", JHK_I (r1), JHK_DB_END));
  g_clear_error (&error);
  g_assert_false (jhk_db_run (owner, &error, "UPDATE inquiry_records SET flags = 1"
                              " WHERE id = ?", JHK_I (r1), JHK_DB_END));
  g_clear_error (&error);

  /* R14-7 through the 運用管理者's role. */
  /* (Through the owner: jhk_settings_set_int() replaces the row with a
   * DELETE, which 0004 does not grant.) */
  g_assert_true (jhk_settings_set_int (owner, admin, JHK_SETTING_INQUIRY_BUSINESS,
                                       jhk_org_find_business (owner, "B101"), &error));
  g_assert_no_error (error);
  locked = jhk_test_query_int (unyo_db, "SELECT MIN(id) FROM storage_places"
                               " WHERE org_unit_id = ? AND locked = 1", JHK_I (office),
                               JHK_DB_END);
  material = jhk_inquiries_register_sheet (unyo_db, unyo, office, PERIOD, locked, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (material, >, 0);
  (void) higashi;
}

/* A role ended at another workstation counts at once: the services read
 * it inside their transaction. */
static void
test_role_ended (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_record (f, "C9132", 1);

  g_assert_true (jhk_inquiries_confirm (f->db, f->shokuin, &a, 1, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_run (f->db, &error,
                             "UPDATE role_assignments SET valid_to = '2000-01-01'"
                             " WHERE staff_id = ? AND role = 'inquiry_supervisor'",
                             JHK_I (jhk_test_staff_id (f->db, "C9131")), JHK_DB_END));
  g_assert_no_error (error);
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiries_check (f->db, f->kanbu, &a, 1, FALSE, NULL, refusal));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)
  ADD ("/inquiries/R14-6/confirm-own-only", test_confirm_own_only);
  ADD ("/inquiries/R14-6/check-after-confirm", test_check_after_confirm);
  ADD ("/inquiries/R14-6/resolve-what-nobody-else-can", test_resolve);
  ADD ("/inquiries/R14-6/role-ended-meanwhile", test_role_ended);
  ADD ("/inquiries/R14-6/sign-off-then-frozen", test_sign_off);
  ADD ("/inquiries/R14-6/lists-equal-queries", test_lists);
  ADD ("/inquiries/R14-6/summary", test_summary);
  ADD ("/inquiries/R14-7/check-sheet-material", test_sheet);
  ADD ("/inquiries/R14-6/attention", test_attention);
#undef ADD
  if (jhk_test_backend_is_pg ())
    g_test_add_func ("/inquiries/R14-6/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
