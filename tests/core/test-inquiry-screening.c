/* test-inquiry-screening.c: issue 6, the screening of 照会点検 (R14-9)
 * and the holidays register it reads.
 *
 * Crafted records of 中央警察署 in June 2025 (before anything of the demo),
 * written straight into inquiry_records as an import would, then screened
 * by jhk_inquiry_screen_range() in a transaction as the import does: each
 * rule just below and just at its threshold, with settings changed, and
 * the explanations' text (C locale). Refusals leave every table as it
 * was.
 */
#include <stdio.h>
#include <string.h>

#include "jhk-inquiries.h"
#include "jhk-inquiry-screening.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;
  JhkSession *unyo;
  gint64      office;
  gint64      import_id;
  int         serial;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->unyo, "chuo-unyo", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->import_id = jhk_test_add_inquiry_import (f->db, "inquiries", 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->admin, &f->unyo, NULL);
  g_clear_object (&f->db);
}

/* µs of a Japan time "YYYY-MM-DD HH:MM". */
static gint64
jst (const char *text)
{
  int y, mo, d, h, mi;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  return jhk_test_jst (y, mo, d, h, mi);
}

/* Adds a record as the import writes it; returns its id. */
static gint64
add (Fixture    *f,
     const char *at,
     const char *staff_no,
     const char *kind,
     const char *reason,
     const char *case_no,
     const char *content)
{
  g_autofree char *no = g_strdup_printf ("T%06d", ++f->serial);
  g_autofree char *norm = g_utf8_normalize (content, -1, G_NORMALIZE_NFKC);
  g_autoptr(GString) subject = g_string_new (NULL);
  gint64 staff = jhk_org_find_staff (f->db, staff_no);
  g_autofree char *period = g_strndup (at, 7);

  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (subject, g_utf8_get_char (p));
  g_assert_true (jhk_db_run (f->db, NULL,
                             "INSERT INTO inquiry_records (source_no, at, period, office_code,"
                             " office_id, staff_no, staff_id, inquirer_name, kind, reason, case_no,"
                             " content, subject, terminal, import_id, imported_at, flags)"
                             " VALUES (?, ?, ?, '910', ?, ?, ?, '試験', ?, ?, ?, ?, ?, 'T01', ?, 0, ?)",
                             JHK_T (no), JHK_I (jst (at)), JHK_T (period), JHK_I (f->office),
                             JHK_T (staff_no), JHK_IZ (staff), JHK_T (kind), JHK_T (reason),
                             JHK_T (case_no), JHK_T (content), JHK_T (subject->str),
                             JHK_I (f->import_id),
                             JHK_I (staff > 0 ? 0 : JHK_INQUIRY_FLAG_UNKNOWN_STAFF),
                             JHK_DB_END));
  return jhk_test_query_int (f->db, "SELECT id FROM inquiry_records WHERE source_no = ?",
                             JHK_T (no), JHK_DB_END);
}

/* A plain record: in duty hours, with reason and case, of C9132. */
static gint64
add_plain (Fixture    *f,
           const char *at,
           const char *staff_no,
           const char *content)
{
  return add (f, at, staff_no, "犯歴照会", "捜査", "R7-100", content);
}

/* Screens June 2025 in a transaction, as the import does. */
static guint
screen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint flagged = 0;

  g_assert_true (jhk_db_begin (f->db, &error));
  g_assert_true (jhk_inquiry_screen_range (f->db, jst ("2025-06-01 00:00"), jst ("2025-07-01 00:00"),
                                           &flagged, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_db_commit (f->db, &error));
  return flagged;
}

static guint
flags_of (Fixture *f,
          gint64   id)
{
  return (guint) jhk_test_query_int (f->db, "SELECT flags FROM inquiry_records WHERE id = ?",
                                     JHK_I (id), JHK_DB_END);
}

/* Registers every kind used here for staff_no from 2025-01-01. */
static void
register_scope (Fixture    *f,
                const char *staff_no,
                const char *kind,
                const char *from,
                const char *to)
{
  g_assert_true (jhk_db_run (f->db, NULL,
                             "INSERT INTO inquirer_scopes (staff_id, kind, valid_from, valid_to,"
                             " granted_by, granted_at) VALUES (?, ?, ?, ?, 'admin', 0)",
                             JHK_I (jhk_test_staff_id (f->db, staff_no)), JHK_T (kind), JHK_T (from),
                             JHK_TN (to), JHK_DB_END));
}

static void
register_all (Fixture *f)
{
  const char *staff[] = { "C9131", "C9132", "C9141", "C9112", "C9113" };

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    register_scope (f, staff[i], "犯歴照会", "2025-01-01", NULL);
}

static void
set_setting (Fixture    *f,
             JhkSetting  setting,
             gint64      value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jhk_settings_set_int (f->db, f->admin, setting, value, &error));
  g_assert_no_error (error);
}

/* The record's explanations, joined with "|". */
static char *
explain (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkInquiryRecord) record = g_new0 (JhkInquiryRecord, 1);
  g_auto(GStrv) lines = NULL;

  record->flags = flags_of (f, id);
  record->flag_data = jhk_test_query_text (f->db, "SELECT flag_data FROM inquiry_records WHERE id = ?",
                                           JHK_I (id), JHK_DB_END);
  record->staff_no = jhk_test_query_text (f->db, "SELECT staff_no FROM inquiry_records WHERE id = ?",
                                          JHK_I (id), JHK_DB_END);
  record->office_code = jhk_test_query_text (f->db, "SELECT office_code FROM inquiry_records WHERE id = ?",
                                             JHK_I (id), JHK_DB_END);
  record->kind = jhk_test_query_text (f->db, "SELECT kind FROM inquiry_records WHERE id = ?",
                                      JHK_I (id), JHK_DB_END);
  lines = jhk_inquiry_record_explain (record);
  g_assert_nonnull (lines);
  return g_strjoinv ("|", lines);
}

#define MASK_RULES (JHK_INQUIRY_FLAG_OFF_HOURS | JHK_INQUIRY_FLAG_REPEAT_SELF | \
                    JHK_INQUIRY_FLAG_REPEAT_MANY | JHK_INQUIRY_FLAG_VOLUME |     \
                    JHK_INQUIRY_FLAG_FAMILY_NAME)

static void
test_no_reason (Fixture       *f,
                gconstpointer  data)
{
  gint64 both, reason, none, blank;
  g_autofree char *text = NULL;

  register_all (f);
  both = add (f, "2025-06-02 10:00", "C9132", "犯歴照会", "捜査", "R7-1", "山田 一");
  reason = add (f, "2025-06-02 10:01", "C9132", "犯歴照会", "", "R7-1", "山田 二");
  none = add (f, "2025-06-02 10:02", "C9132", "犯歴照会", "", "", "山田 三");
  blank = add (f, "2025-06-02 10:03", "C9132", "犯歴照会", "捜査", "　", "山田 四");
  g_assert_cmpuint (screen (f), ==, 3);
  g_assert_cmpuint (flags_of (f, both), ==, 0);
  g_assert_cmpuint (flags_of (f, reason), ==, JHK_INQUIRY_FLAG_NO_REASON);
  g_assert_cmpuint (flags_of (f, none), ==, JHK_INQUIRY_FLAG_NO_REASON | JHK_INQUIRY_FLAG_NO_CASE);
  g_assert_cmpuint (flags_of (f, blank), ==, JHK_INQUIRY_FLAG_NO_CASE);
  text = explain (f, none);
  g_assert_cmpstr (text, ==, "No reason is recorded.|No case number is recorded.");

  /* What an import may write with the record, as the screening finds it. */
  g_assert_cmpuint (jhk_inquiry_screen_own_flags ("", "　"), ==,
                    JHK_INQUIRY_FLAG_NO_REASON | JHK_INQUIRY_FLAG_NO_CASE);
  g_assert_cmpuint (jhk_inquiry_screen_own_flags ("捜査", NULL), ==, JHK_INQUIRY_FLAG_NO_CASE);
  g_assert_cmpuint (jhk_inquiry_screen_own_flags ("捜査", "R7-1"), ==, 0);
}

static void
test_off_hours (Fixture       *f,
                gconstpointer  data)
{
  /* 2025-06-02 is a Monday, 06-07 a Saturday, 06-08 a Sunday. */
  gint64 before, start, last, end, saturday, sunday, holiday;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  g_autoptr(GError) error = NULL;
  guint flagged = 0;

  register_all (f);
  before = add_plain (f, "2025-06-02 08:29", "C9132", "佐藤 一");
  start = add_plain (f, "2025-06-02 08:30", "C9132", "佐藤 二");
  last = add_plain (f, "2025-06-02 17:14", "C9132", "佐藤 三");
  end = add_plain (f, "2025-06-02 17:15", "C9132", "佐藤 四");
  saturday = add_plain (f, "2025-06-07 23:14", "C9132", "佐藤 五");
  sunday = add_plain (f, "2025-06-08 10:00", "C9132", "佐藤 六");
  holiday = add_plain (f, "2025-06-10 10:00", "C9132", "佐藤 七");
  g_assert_cmpuint (screen (f), ==, 4);
  g_assert_cmpuint (flags_of (f, before), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
  g_assert_cmpuint (flags_of (f, start), ==, 0);
  g_assert_cmpuint (flags_of (f, last), ==, 0);
  g_assert_cmpuint (flags_of (f, end), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
  g_assert_cmpuint (flags_of (f, saturday), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
  g_assert_cmpuint (flags_of (f, sunday), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
  g_assert_cmpuint (flags_of (f, holiday), ==, 0);
  text = explain (f, saturday);
  g_assert_cmpstr (text, ==, "The inquiry was made outside duty hours (Saturday 23:14).");

  /* A holiday added screens its day again at once. */
  g_assert_true (jhk_holidays_add (f->db, f->admin, "2025-06-10", "試験の日", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flags_of (f, holiday), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
  text2 = explain (f, holiday);
  g_assert_cmpstr (text2, ==, "The inquiry was made outside duty hours (試験の日 10:00).");
  g_assert_true (jhk_holidays_remove (f->db, f->admin, "2025-06-10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flags_of (f, holiday), ==, 0);

  /* Other duty hours, screened again by the システム管理者. */
  set_setting (f, JHK_SETTING_INQUIRY_DUTY_START, 8 * 60 + 29);
  set_setting (f, JHK_SETTING_INQUIRY_DUTY_END, 17 * 60 + 14);
  g_assert_true (jhk_inquiry_rescreen (f->db, f->admin, &flagged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flags_of (f, before), ==, 0);
  g_assert_cmpuint (flags_of (f, last), ==, JHK_INQUIRY_FLAG_OFF_HOURS);
}

static void
test_repeat_self (Fixture       *f,
                  gconstpointer  data)
{
  gint64 a1, a2, b1, b2, b3, c1, c2, c3, other;
  g_autofree char *text = NULL;

  register_all (f);
  /* Two lookups: below the threshold of 3. */
  a1 = add_plain (f, "2025-06-02 10:00", "C9132", "鈴木 一郎");
  a2 = add_plain (f, "2025-06-03 10:00", "C9132", "鈴木　一郎");
  /* Three within 7 days, less a minute: at the threshold. */
  b1 = add_plain (f, "2025-06-02 10:00", "C9132", "田中 二郎");
  b2 = add_plain (f, "2025-06-05 10:00", "C9132", "田中 二郎");
  b3 = add_plain (f, "2025-06-09 09:59", "C9132", "田中 二郎");
  /* Three spanning exactly 7 days: not within 7 days. */
  c1 = add_plain (f, "2025-06-16 10:00", "C9132", "中島 三郎");
  c2 = add_plain (f, "2025-06-18 10:00", "C9132", "中島 三郎");
  c3 = add_plain (f, "2025-06-23 10:00", "C9132", "中島 三郎");
  /* Another officer's lookup does not count for C9132. */
  other = add_plain (f, "2025-06-03 11:00", "C9141", "鈴木 一郎");
  screen (f);
  g_assert_cmpuint (flags_of (f, a1) & MASK_RULES, ==, 0);
  g_assert_cmpuint (flags_of (f, a2) & MASK_RULES, ==, 0);
  g_assert_cmpuint (flags_of (f, other) & MASK_RULES, ==, 0);
  g_assert_cmpuint (flags_of (f, b1), ==, JHK_INQUIRY_FLAG_REPEAT_SELF);
  g_assert_cmpuint (flags_of (f, b2), ==, JHK_INQUIRY_FLAG_REPEAT_SELF);
  g_assert_cmpuint (flags_of (f, b3), ==, JHK_INQUIRY_FLAG_REPEAT_SELF);
  g_assert_cmpuint (flags_of (f, c1), ==, 0);
  g_assert_cmpuint (flags_of (f, c2), ==, 0);
  g_assert_cmpuint (flags_of (f, c3), ==, 0);
  text = explain (f, b2);
  g_assert_cmpstr (text, ==, "The officer looked the same subject up 3 times within 7 days.");

  /* A fourth lookup, imported later: the neighbours' counts change too. */
  {
    gint64 b4 = add_plain (f, "2025-06-04 10:00", "C9132", "田中 二郎");
    g_autofree char *text4 = NULL;
    g_autofree char *text1 = NULL;

    screen (f);
    text4 = explain (f, b4);
    text1 = explain (f, b1);
    g_assert_cmpstr (text4, ==, "The officer looked the same subject up 4 times within 7 days.");
    g_assert_cmpstr (text1, ==, text4);
  }

  /* A window of 8 days takes the third set in. */
  set_setting (f, JHK_SETTING_INQUIRY_REPEAT_DAYS, 8);
  screen (f);
  g_assert_cmpuint (flags_of (f, c1), ==, JHK_INQUIRY_FLAG_REPEAT_SELF);
  g_assert_cmpuint (flags_of (f, c3), ==, JHK_INQUIRY_FLAG_REPEAT_SELF);
}

static void
test_repeat_many (Fixture       *f,
                  gconstpointer  data)
{
  gint64 a1, a2, b1, b2, b3, b4;
  g_autofree char *text = NULL;

  register_all (f);
  /* Two officers: below 3. */
  a1 = add_plain (f, "2025-06-02 10:00", "C9132", "森 花子");
  a2 = add_plain (f, "2025-06-02 11:00", "C9141", "森 花子");
  /* Three officers within 7 days (one of them twice). */
  b1 = add_plain (f, "2025-06-09 10:00", "C9132", "森 次郎");
  b2 = add_plain (f, "2025-06-09 11:00", "C9132", "森 次郎");
  b3 = add_plain (f, "2025-06-12 10:00", "C9141", "森 次郎");
  b4 = add_plain (f, "2025-06-16 09:59", "C9112", "森 次郎");
  screen (f);
  g_assert_cmpuint (flags_of (f, a1), ==, 0);
  g_assert_cmpuint (flags_of (f, a2), ==, 0);
  g_assert_cmpuint (flags_of (f, b1), ==, JHK_INQUIRY_FLAG_REPEAT_MANY);
  g_assert_cmpuint (flags_of (f, b2), ==, JHK_INQUIRY_FLAG_REPEAT_MANY);
  g_assert_cmpuint (flags_of (f, b3), ==, JHK_INQUIRY_FLAG_REPEAT_MANY);
  g_assert_cmpuint (flags_of (f, b4), ==, JHK_INQUIRY_FLAG_REPEAT_MANY);
  text = explain (f, b4);
  g_assert_cmpstr (text, ==, "3 officers looked the same subject up within 7 days.");

  set_setting (f, JHK_SETTING_INQUIRY_REPEAT_MANY, 4);
  screen (f);
  g_assert_cmpuint (flags_of (f, b1), ==, 0);
}

static void
test_volume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GArray) heavy = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) below = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  int serial = 0;

  register_all (f);
  /* C9132's usual: 8 a day on five weekdays (median 8). */
  for (int d = 2; d <= 6; d++)
    for (int i = 0; i < 8; i++)
      {
        g_autofree char *at = g_strdup_printf ("2025-06-%02d %02d:%02d", d, 9 + i / 6, (i % 6) * 5);
        g_autofree char *who = g_strdup_printf ("量 %d", serial++);
        add_plain (f, at, "C9132", who);
      }
  /* 06-09: 24 = 300 % of 8 and at least 20: flagged. */
  for (int i = 0; i < 24; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-06-09 %02d:%02d", 9 + i / 6, (i % 6) * 5);
      g_autofree char *who = g_strdup_printf ("量 %d", serial++);
      gint64 id = add_plain (f, at, "C9132", who);
      g_array_append_val (heavy, id);
    }
  /* C9141's usual is 8 too; 06-09: 23 < 300 %: not flagged. */
  for (int d = 2; d <= 6; d++)
    for (int i = 0; i < 8; i++)
      {
        g_autofree char *at = g_strdup_printf ("2025-06-%02d %02d:%02d", d, 9 + i / 6, (i % 6) * 5);
        g_autofree char *who = g_strdup_printf ("量 %d", serial++);
        add_plain (f, at, "C9141", who);
      }
  for (int i = 0; i < 23; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-06-09 %02d:%02d", 9 + i / 6, (i % 6) * 5);
      g_autofree char *who = g_strdup_printf ("量 %d", serial++);
      gint64 id = add_plain (f, at, "C9141", who);
      g_array_append_val (below, id);
    }
  screen (f);
  for (guint i = 0; i < heavy->len; i++)
    g_assert_cmpuint (flags_of (f, g_array_index (heavy, gint64, i)), ==, JHK_INQUIRY_FLAG_VOLUME);
  for (guint i = 0; i < below->len; i++)
    g_assert_cmpuint (flags_of (f, g_array_index (below, gint64, i)), ==, 0);
  text = explain (f, g_array_index (heavy, gint64, 0));
  g_assert_cmpstr (text, ==, "The officer made 24 inquiries this day, 3 times their usual (median 8).");

  /* A minimum of 25 a day: 24 is below it. */
  set_setting (f, JHK_SETTING_INQUIRY_VOLUME_MIN, 25);
  screen (f);
  g_assert_cmpuint (flags_of (f, g_array_index (heavy, gint64, 0)), ==, 0);
  /* 280 %: 23 of 8 is enough now (with the minimum at 20). */
  set_setting (f, JHK_SETTING_INQUIRY_VOLUME_MIN, 20);
  set_setting (f, JHK_SETTING_INQUIRY_VOLUME_PERCENT, 280);
  screen (f);
  g_assert_cmpuint (flags_of (f, g_array_index (below, gint64, 0)), ==, JHK_INQUIRY_FLAG_VOLUME);
}

static void
test_out_of_scope (Fixture       *f,
                   gconstpointer  data)
{
  gint64 in, out, ended, before, unregistered, unknown;
  g_autofree char *text_out = NULL;
  g_autofree char *text_unreg = NULL;
  g_autofree char *text_unknown = NULL;

  register_scope (f, "C9132", "犯歴照会", "2025-06-03", NULL);
  register_scope (f, "C9132", "車両照会", "2025-01-01", "2025-06-04");
  before = add (f, "2025-06-02 10:00", "C9132", "犯歴照会", "捜査", "R7-1", "石井 一");
  in = add (f, "2025-06-03 10:00", "C9132", "犯歴照会", "捜査", "R7-1", "石井 二");
  out = add (f, "2025-06-03 10:00", "C9132", "運転免許照会", "捜査", "R7-1", "石井 三");
  ended = add (f, "2025-06-05 10:00", "C9132", "車両照会", "捜査", "R7-1", "石井 四");
  unregistered = add (f, "2025-06-03 10:00", "C9141", "犯歴照会", "捜査", "R7-1", "石井 五");
  unknown = add (f, "2025-06-03 10:00", "X9999", "犯歴照会", "捜査", "R7-1", "石井 六");
  g_assert_cmpuint (screen (f), ==, 5);
  g_assert_cmpuint (flags_of (f, in), ==, 0);
  g_assert_cmpuint (flags_of (f, before), ==, JHK_INQUIRY_FLAG_OUT_OF_SCOPE);
  g_assert_cmpuint (flags_of (f, out), ==, JHK_INQUIRY_FLAG_OUT_OF_SCOPE);
  g_assert_cmpuint (flags_of (f, ended), ==, JHK_INQUIRY_FLAG_OUT_OF_SCOPE);
  g_assert_cmpuint (flags_of (f, unregistered), ==, JHK_INQUIRY_FLAG_OUT_OF_SCOPE);
  g_assert_cmpuint (flags_of (f, unknown), ==,
                    JHK_INQUIRY_FLAG_OUT_OF_SCOPE | JHK_INQUIRY_FLAG_UNKNOWN_STAFF);
  text_out = explain (f, out);
  g_assert_cmpstr (text_out, ==, "The inquiry kind “運転免許照会” is not in the officer’s registered scope.");
  text_unreg = explain (f, unregistered);
  g_assert_cmpstr (text_unreg, ==, "The officer is not in the register of inquirers.");
  text_unknown = explain (f, unknown);
  g_assert_cmpstr (text_unknown, ==, "The officer is not in the register of inquirers."
                   "|Staff number X9999 is not in the staff register.");
}

static void
test_family_name (Fixture       *f,
                  gconstpointer  data)
{
  gint64 same, width, other, middle;
  g_autofree char *text = NULL;

  register_all (f);
  /* C9131 is 髙橋 修. */
  same = add_plain (f, "2025-06-02 10:00", "C9131", "髙橋 花子 1980-01-01");
  width = add_plain (f, "2025-06-02 10:01", "C9131", "髙橋　次郎");
  other = add_plain (f, "2025-06-02 10:02", "C9131", "高橋 花子");
  middle = add_plain (f, "2025-06-02 10:03", "C9131", "花子 髙橋");
  g_assert_cmpuint (screen (f), ==, 2);
  g_assert_cmpuint (flags_of (f, same), ==, JHK_INQUIRY_FLAG_FAMILY_NAME);
  g_assert_cmpuint (flags_of (f, width), ==, JHK_INQUIRY_FLAG_FAMILY_NAME);
  g_assert_cmpuint (flags_of (f, other), ==, 0);
  g_assert_cmpuint (flags_of (f, middle), ==, 0);
  text = explain (f, same);
  g_assert_cmpstr (text, ==, "The subject’s family name is the officer’s own (髙橋).");
}

static void
test_explain_all (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JhkInquiryRecord) record = g_new0 (JhkInquiryRecord, 1);
  g_auto(GStrv) lines = NULL;

  record->flags = (1u << JHK_INQUIRY_N_FLAGS) - 1;
  record->flag_data = g_strdup ("time=23:14;wday=6;repeat=4;officers=3;days=7;count=52;usual=8;"
                                "kind=%3B照会;registered=1;family=髙橋");
  record->staff_no = g_strdup ("X1");
  record->office_code = g_strdup ("999");
  record->kind = g_strdup (";照会");
  lines = jhk_inquiry_record_explain (record);
  g_assert_cmpuint (g_strv_length (lines), ==, JHK_INQUIRY_N_FLAGS);
  g_assert_cmpstr (lines[2], ==, "The inquiry was made outside duty hours (Saturday 23:14).");
  g_assert_cmpstr (lines[5], ==, "The officer made 52 inquiries this day, 6 times their usual (median 8).");
  g_assert_cmpstr (lines[6], ==, "The inquiry kind “;照会” is not in the officer’s registered scope.");
  g_assert_cmpstr (lines[9], ==, "Office code 999 is not a known office.");
  for (int i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    g_assert_nonnull (jhk_inquiry_flag_label (1u << i));
  g_assert_null (jhk_inquiry_flag_label (1u << JHK_INQUIRY_N_FLAGS));
}

static void
test_signed_off (Fixture       *f,
                 gconstpointer  data)
{
  gint64 kept, open;
  g_autoptr(GError) error = NULL;
  guint flagged = 0;

  register_all (f);
  kept = add (f, "2025-05-20 10:00", "C9132", "犯歴照会", "", "R7-1", "上田 一");
  open = add (f, "2025-06-02 10:00", "C9132", "犯歴照会", "", "R7-1", "上田 二");
  g_assert_true (jhk_db_run (f->db, NULL,
                             "INSERT INTO inquiry_periods (office_id, period, signed_off_by,"
                             " signed_off_at) VALUES (?, '2025-05', ?, 0)",
                             JHK_I (f->office), JHK_I (jhk_test_staff_id (f->db, "C9101")),
                             JHK_DB_END));
  g_assert_true (jhk_inquiry_rescreen (f->db, f->admin, &flagged, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (flags_of (f, kept), ==, 0);
  g_assert_cmpuint (flags_of (f, open), ==, JHK_INQUIRY_FLAG_NO_REASON);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) y2025 = NULL;
  gint64 before;

  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_inquiry_rescreen (f->db, f->unyo, NULL, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_holidays_add (f->db, f->unyo, "2025-06-10", "休", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_holidays_add (f->db, f->admin, "2025-02-30", "休", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_holidays_add (f->db, f->admin, "2025-6-10", "休", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_holidays_add (f->db, f->admin, "2025-06-10", "  ", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_holidays_remove (f->db, f->admin, "2025-06-10", refusal));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_holidays_add (f->db, f->admin, "2025-06-10", "試験の日", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "holidays.add");
  g_assert_true (jhk_holidays_add (f->db, f->admin, "2024-12-31", "大晦日", &error));
  g_assert_no_error (error);
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_holidays_add (f->db, f->admin, "2025-06-10", "別", refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_holidays_remove (f->db, f->unyo, "2025-06-10", refusal));

  y2025 = jhk_holidays_list (f->db, 2025, &error);
  g_assert_no_error (error);
  g_assert_true (g_ptr_array_find_with_equal_func (y2025, "2025-06-10\t試験の日", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (y2025, "2024-12-31\t大晦日", g_str_equal, NULL));
  all = jhk_holidays_list (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, jhk_test_query_int (f->db, "SELECT COUNT(*) FROM holidays", JHK_DB_END));
  g_assert_true (g_ptr_array_find_with_equal_func (all, "2024-12-31\t大晦日", g_str_equal, NULL));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_holidays_remove (f->db, f->admin, "2025-06-10", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "holidays.remove");
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiry_rescreen (f->db, f->admin, NULL, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "inquiries.rescreen");
}

/* The demo holds a planted case of every rule, and months in every state. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  for (int i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    {
      gint64 n = jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records WHERE (flags & ?) <> 0",
                                     JHK_I (1 << i), JHK_DB_END);

      g_test_message ("%s: %lld", jhk_inquiry_flag_label (1u << i), (long long) n);
      g_assert_cmpint (n, >, 0);
    }
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records", JHK_DB_END),
                   >, 2000);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(DISTINCT office_id) FROM inquiry_records",
                                       JHK_DB_END), ==, 3);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_periods WHERE office_id = ?",
                                       JHK_I (f->office), JHK_DB_END), ==, 2);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records"
                                              " WHERE confirm_state = 'disputed'", JHK_DB_END), >, 0);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records"
                                              " WHERE check_state = 'query'", JHK_DB_END), ==, 1);
  /* R14-1: OUT_OF_SCOPE has both sides: registered kinds are not flagged. */
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records r"
                                              " JOIN inquirer_scopes i ON i.staff_id = r.staff_id"
                                              " AND i.kind = r.kind WHERE (r.flags & 64) = 0",
                                       JHK_DB_END), >, 1000);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM holidays WHERE day LIKE '2026-%'",
                                       JHK_DB_END), ==, 23);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/inquiry-screening/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("R14-9/no-reason", test_no_reason);
  ADD ("R14-9/off-hours", test_off_hours);
  ADD ("R14-9/repeat-self", test_repeat_self);
  ADD ("R14-9/repeat-many", test_repeat_many);
  ADD ("R14-9/volume", test_volume);
  ADD ("R14-9/out-of-scope", test_out_of_scope);
  ADD ("R14-9/family-name", test_family_name);
  ADD ("R14-9/explain", test_explain_all);
  ADD ("R14-6/signed-off-untouched", test_signed_off);
  ADD ("R14-9/holidays-refusals", test_refusals);
  ADD ("R14-9/demo-planted", test_demo);
#undef ADD

  return jhk_test_run ();
}
