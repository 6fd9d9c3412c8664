/* test-forms.c: the 和暦 formatter and the audit verification report.
 *
 * Forms print dates in the Japanese era calendar (DESIGN.md, "Time"), so the
 * era boundaries and 元年 are checked day by day. The report is read back
 * from the PDF with poppler-utils: the IPAex fonts must be embedded (a
 * printed form must look the same on every machine, DESIGN.md "forms") and
 * the Japanese text must come out as text, not as unmapped glyphs.
 */
#include <locale.h>

#include <cairo-pdf.h>

#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-forms.h"
#include "forms-test-util.h"
#include "jhk-test-util.h"

#define REPORT_TITLE "監査ログ検証結果報告書"

/* Helpers */

static void
assert_wareki (int         year,
               int         month,
               int         day,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = jhk_forms_format_wareki (year, month, day, &error);

  g_test_message ("%04d-%02d-%02d → %s", year, month, day, text ? text : "(refused)");
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_wareki_refused (int year,
                       int month,
                       int day)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = jhk_forms_format_wareki (year, month, day, &error);

  g_test_message ("%d-%d-%d → %s", year, month, day, text ? text : "(refused)");
  g_assert_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_DATE);
  g_assert_null (text);
}

static void
assert_is_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
}

static char *
scratch_file (const char *name)
{
  g_autofree char *db_path = jhk_test_new_path (name);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);

  /* jhk_test_new_path() names databases; keep its folder and counter. */
  base[strlen (base) - strlen (".db")] = '\0';
  return g_strdup_printf ("%s/%s.pdf", dir, base);
}

/* 和暦 */

/* The changes of era, each checked on the last day of the old era and the
 * first day of the new one, which is 元年 (year 1 is never "1年"). */
static void
test_wareki_era_boundaries (void)
{
  assert_wareki (1989, 1, 7, "昭和64年1月7日");
  assert_wareki (1989, 1, 8, "平成元年1月8日");
  assert_wareki (2019, 4, 30, "平成31年4月30日");
  assert_wareki (2019, 5, 1, "令和元年5月1日");
  assert_wareki (1926, 12, 24, "大正15年12月24日");
  assert_wareki (1926, 12, 25, "昭和元年12月25日");
  assert_wareki (1912, 7, 29, "明治45年7月29日");
  assert_wareki (1912, 7, 30, "大正元年7月30日");
}

/* 元年 covers the rest of the first calendar year; the next 1 January
 * starts 2年. */
static void
test_wareki_gannen (void)
{
  assert_wareki (2019, 12, 31, "令和元年12月31日");
  assert_wareki (2020, 1, 1, "令和2年1月1日");
  assert_wareki (1989, 12, 31, "平成元年12月31日");
  assert_wareki (1990, 1, 1, "平成2年1月1日");
  assert_wareki (1926, 12, 31, "昭和元年12月31日");
  assert_wareki (1927, 1, 1, "昭和2年1月1日");
}

static void
test_wareki_ordinary_dates (void)
{
  assert_wareki (2026, 11, 26, "令和8年11月26日");
  assert_wareki (2024, 2, 29, "令和6年2月29日");
  assert_wareki (2000, 2, 29, "平成12年2月29日");
  assert_wareki (1964, 10, 10, "昭和39年10月10日");
  assert_wareki (2099, 12, 31, "令和81年12月31日");
  /* The Gregorian calendar, and with it this formatter, starts on 明治6年1月1日. */
  assert_wareki (1873, 1, 1, "明治6年1月1日");
  assert_wareki (1900, 1, 1, "明治33年1月1日");
}

/* Invalid dates are refused with JHK_FORMS_ERROR_DATE, never printed. */
static void
test_wareki_invalid (void)
{
  assert_wareki_refused (2019, 2, 29);   /* not a leap year */
  assert_wareki_refused (1900, 2, 29);   /* centuries are not, unless divisible by 400 */
  assert_wareki_refused (2019, 4, 31);
  assert_wareki_refused (2019, 13, 1);
  assert_wareki_refused (2019, 0, 1);
  assert_wareki_refused (2019, 1, 0);
  assert_wareki_refused (2019, -1, 1);
  assert_wareki_refused (2019, 1, -1);
  assert_wareki_refused (0, 1, 1);
  assert_wareki_refused (-2019, 5, 1);
  /* Before the Gregorian calendar was adopted. */
  assert_wareki_refused (1872, 12, 31);
  assert_wareki_refused (1868, 10, 23);
  /* Values that only look valid once narrowed to GDate's 8-bit day and
   * 16-bit year: 257 is 1 and 67555 is 2019 in those types. */
  assert_wareki_refused (2019, 5, 257);
  assert_wareki_refused (67555, 5, 1);
  assert_wareki_refused (G_MAXINT, 1, 1);
  assert_wareki_refused (G_MININT, 1, 1);
}

/* The audit verification report */

/* The report for a verified demo database, as `jhkctl verify --pdf` writes
 * it: a PDF with the IPAex fonts embedded and the findings as text. */
static void
test_audit_report_demo_db (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *path = scratch_file ("report");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *count = NULL;
  g_autofree char *date_before = NULL;
  g_autofree char *date_after = NULL;
  g_autofree char *db_name = g_path_get_basename (jhk_db_get_uri (db));
  JhkAuditReport report = { 0 };
  gint64 n_entries = 0;

  if (!forms_test_have_poppler_utils ())
    return;

  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  jhk_db_query_int64 (db, &n_entries, &error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END);
  g_assert_no_error (error);
  g_assert_cmpint (report.n_entries, ==, n_entries);
  g_assert_cmpint (n_entries, >, 0);

  before = g_date_time_new_now_local ();
  g_assert_true (jhk_forms_audit_report_pdf (path, jhk_db_get_uri (db), TRUE, report.n_entries,
                                             report.first_bad_seq, report.head, NULL, &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_local ();

  assert_is_pdf (path);
  forms_test_assert_ipaex_fonts_embedded (path, TRUE);

  text = forms_test_page_text (path, 0);
  g_assert_nonnull (strstr (text, REPORT_TITLE));
  g_assert_nonnull (strstr (text, "検証日時"));
  g_assert_nonnull (strstr (text, "記録件数"));
  g_assert_nonnull (strstr (text, "末尾ハッシュ"));
  g_assert_nonnull (strstr (text, "異常なし"));
  g_assert_null (strstr (text, "異常あり"));
  g_assert_nonnull (strstr (text, "連鎖及びファイルの整合性に異常は認められない。"));
  g_assert_nonnull (strstr (text, db_name));
  g_assert_nonnull (strstr (text, report.head));
  count = g_strdup_printf ("\n%" G_GINT64_FORMAT "\n", report.n_entries);
  g_assert_nonnull (strstr (text, count));

  /* The date is printed in 和暦; the run may straddle midnight. */
  date_before = jhk_forms_format_wareki (g_date_time_get_year (before),
                                         g_date_time_get_month (before),
                                         g_date_time_get_day_of_month (before), NULL);
  date_after = jhk_forms_format_wareki (g_date_time_get_year (after),
                                        g_date_time_get_month (after),
                                        g_date_time_get_day_of_month (after), NULL);
  g_assert_true (strstr (text, date_before) != NULL || strstr (text, date_after) != NULL);

  /* The document title, for the PDF viewer's title bar and indexing. */
  info = forms_test_run_tool ("pdfinfo", path, NULL);
  g_test_message ("pdfinfo:\n%s", info);
  forms_test_assert_pdfinfo_field (info, "Title", REPORT_TITLE);
  forms_test_assert_pdfinfo_field (info, "Pages", "1");
  forms_test_assert_pdfinfo_field (info, "Page size", "595.276 x 841.89 pts (A4)");

  jhk_audit_report_clear (&report);
  g_unlink (path);
}

/* A failed verification: the report says 異常あり, names the first bad entry
 * and carries the problem in place of the all-clear sentence. */
static void
test_audit_report_broken (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = scratch_file ("broken");
  g_autofree char *text = NULL;
  const char *problem = "Audit entry 40 has been altered.";

  if (!forms_test_have_poppler_utils ())
    return;

  g_assert_true (jhk_forms_audit_report_pdf (path, "/var/lib/jhk/jhk.db", FALSE, 81, 40, "",
                                             problem, &error));
  g_assert_no_error (error);
  assert_is_pdf (path);
  /* A broken chain has no head to print (jhkctl passes ""). */
  forms_test_assert_ipaex_fonts_embedded (path, FALSE);

  text = forms_test_page_text (path, 0);
  g_assert_nonnull (strstr (text, REPORT_TITLE));
  g_assert_nonnull (strstr (text, "異常あり"));
  g_assert_null (strstr (text, "異常なし"));
  g_assert_nonnull (strstr (text, "最初の異常番号"));
  g_assert_nonnull (strstr (text, "\n40\n"));
  g_assert_nonnull (strstr (text, "\n81\n"));
  g_assert_nonnull (strstr (text, problem));
  g_assert_null (strstr (text, "異常は認められない"));
  g_assert_nonnull (strstr (text, "/var/lib/jhk/jhk.db"));
  g_unlink (path);
}

/* The drawing routine prints the time it is given, in 和暦, so previews and
 * reprints show the time of the verification, not of the printing. */
static void
test_audit_report_given_time (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) when = g_date_time_new (tz, 2019, 5, 1, 9, 5, 0);
  g_autofree char *path = scratch_file ("given-time");
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!forms_test_have_poppler_utils ())
    return;

  surface = cairo_pdf_surface_create (path, JHK_FORMS_A4_WIDTH, JHK_FORMS_A4_HEIGHT);
  cr = cairo_create (surface);
  jhk_forms_draw_audit_report (cr, "jhk.db", TRUE, 12, 0, JHK_AUDIT_GENESIS_HASH, NULL, when);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  forms_test_assert_ipaex_fonts_embedded (path, TRUE);
  text = forms_test_page_text (path, 0);
  g_assert_nonnull (strstr (text, "令和元年5月1日 09時05分"));
  /* The head hash is on one line whatever its digits: it is copied by hand
   * and compared with a checkpoint. All zeros is the widest there is. */
  g_assert_nonnull (strstr (text, "\n" JHK_AUDIT_GENESIS_HASH "\n"));
  /* No bad entry is written なし, not 0. */
  g_assert_nonnull (strstr (text, "なし"));
  g_assert_null (strstr (text, "\n0\n"));
  g_unlink (path);
}

/* A file that cannot be written is an error the caller can report, not a
 * half-written PDF. */
static void
test_audit_report_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = jhk_test_new_path ("missing");
  g_autofree char *path = g_build_filename (db_path, "no-such-folder", "report.pdf", NULL);

  g_assert_false (jhk_forms_audit_report_pdf (path, "jhk.db", TRUE, 1, 0,
                                              JHK_AUDIT_GENESIS_HASH, NULL, &error));
  g_assert_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 test messages, so the dates in the log read as dates. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forms/wareki/era-boundaries", test_wareki_era_boundaries);
  g_test_add_func ("/forms/wareki/gannen", test_wareki_gannen);
  g_test_add_func ("/forms/wareki/ordinary-dates", test_wareki_ordinary_dates);
  g_test_add_func ("/forms/wareki/invalid", test_wareki_invalid);
  g_test_add_func ("/forms/audit-report/demo-db", test_audit_report_demo_db);
  g_test_add_func ("/forms/audit-report/broken-chain", test_audit_report_broken);
  g_test_add_func ("/forms/audit-report/given-time", test_audit_report_given_time);
  g_test_add_func ("/forms/audit-report/unwritable", test_audit_report_unwritable);

  return jhk_test_run ();
}
