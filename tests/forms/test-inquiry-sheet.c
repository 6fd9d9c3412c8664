/* test-inquiry-sheet.c: 個人情報照会記録点検表, the check sheet of one
 * office and month (issue 6, R14-6, R14-7).
 *
 * The sheets are made from data already read (jhk_inquiry_sheet_new) and
 * read back from the PDF with poppler-utils: the page count for 0, 1 and
 * many records, every record printed once and in order with the heads
 * repeated and the sheets numbered "n / N", the values and the state
 * words, the 和暦, the legend of the flags, the confirmation on the last
 * sheet only, a long 照会内容 cut at its cell, and the file its owner's.
 */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "jhk-db.h"
#include "jhk-forms.h"
#include "jhk-inquiry-import.h"
#include "jhk-inquiry-sheet.h"
#include "forms-test-util.h"
#include "jhk-test-util.h"

#define SHEET_TITLE "個人情報照会記録点検表"
#define FULL_TITLE  SHEET_TITLE " 中央警察署 2026年10月"
#define STATEMENT   "照会が適正であることを確認した"

/* Helpers */

/* An empty array of records, which it owns. */
static GPtrArray *
records_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_inquiry_record_free);
}

static JhkInquiryRecord *
record_new (guint       n,
            const char *name,
            const char *content)
{
  JhkInquiryRecord *r = g_new0 (JhkInquiryRecord, 1);

  r->id = n;
  r->source_no = g_strdup_printf ("Q%07u", n);
  r->at = jhk_test_jst (2026, 10, 1 + n % 28, 9 + n % 8, n % 60);
  r->period = g_strdup ("2026-10");
  r->office_id = 1;
  r->office_name = g_strdup ("中央警察署");
  r->staff_no = g_strdup ("910123");
  r->staff_id = 7;
  r->inquirer_name = g_strdup (name);
  r->kind = g_strdup ("運転免許");
  r->reason = g_strdup ("交通事故捜査");
  r->case_no = g_strdup ("R8-1234");
  r->content = g_strdup (content);
  r->confirm_state = g_strdup ("pending");
  r->check_state = g_strdup ("pending");
  r->resolution = g_strdup ("");
  return r;
}

static JhkInquirySummary
sample_summary (guint n)
{
  JhkInquirySummary summary = { 0 };

  summary.office_id = 1;
  summary.office_name = "中央警察署";
  summary.period = "2026-10";
  summary.total.name = "中央警察署";
  summary.total.total = n;
  return summary;
}

/* @n records numbered from 1, "照会対象NNNN" each; with @notes, every
 * third has a 担当幹部's comment "点検所見NNNN". */
static GPtrArray *
numbered_records (guint    n,
                  gboolean notes)
{
  GPtrArray *records = records_new ();

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *content = g_strdup_printf ("照会対象%04u", i);
      JhkInquiryRecord *r = record_new (i, "山田太郎", content);

      if (notes && i % 3 == 0)
        r->check_comment = g_strdup_printf ("点検所見%04u", i);
      g_ptr_array_add (records, r);
    }
  return records;
}

static char *
write_sheet (JhkInquirySheet *sheet,
             const char      *name)
{
  g_autoptr(GError) error = NULL;
  char *path = jhk_test_new_file (name);

  g_assert_true (jhk_inquiry_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Tests */

/* R14-7: no records, one, and many: one sheet for none (saying so) and
 * one; many paginate, every record printed exactly once and in order,
 * each sheet with the title, the 所属, the heads and "n / N", the numbers
 * of the month on the first sheet and the confirmation on the last. With
 * the comments of the steps under their rows (@data), each printed once
 * too, and the sheets hold fewer rows. */
static void
test_sheet_pages (gconstpointer data)
{
  const guint cases[] = { 0, 1, 20, 21, 24, 25, 45, 46, 120 };
  gboolean notes = GPOINTER_TO_INT (data);
  guint last_pages = 1;

  if (!forms_test_have_poppler_utils ())
    return;
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint n = cases[c];
      JhkInquirySummary summary = sample_summary (n);
      g_autoptr(GPtrArray) records = numbered_records (n, notes);
      g_autoptr(GPtrArray) plain = numbered_records (n, FALSE);
      g_autoptr(JhkInquirySheet) plain_sheet = jhk_inquiry_sheet_new (&summary, plain);
      g_autoptr(JhkInquirySheet) sheet = jhk_inquiry_sheet_new (&summary, records);
      g_autofree char *name = g_strdup_printf ("inquiry-sheet-%u%s.pdf", n, notes ? "-notes" : "");
      g_autofree char *path = NULL;
      g_autofree char *all = NULL;
      guint n_pages = jhk_inquiry_sheet_get_n_pages (sheet);
      const char *last = NULL;
      gint64 size;

      g_test_message ("%u records → %u sheets", n, n_pages);
      if (n <= 1)
        g_assert_cmpuint (n_pages, ==, 1);
      /* A sheet holds a few dozen rows, never fewer than 20. */
      g_assert_cmpuint (n_pages, <=, 1 + n / 20 + 1);
      g_assert_cmpuint (n_pages, >=, (n + 29) / 30);
      g_assert_cmpuint (n_pages, >=, last_pages);
      g_assert_cmpuint (n_pages, >=, jhk_inquiry_sheet_get_n_pages (plain_sheet));
      last_pages = n_pages;

      path = write_sheet (sheet, name);
      size = forms_test_assert_private_pdf (path, n_pages, FULL_TITLE);
      g_test_message ("%u sheets: %" G_GINT64_FORMAT " bytes", n_pages, size);
      all = forms_test_layout_text (path, 0);
      for (guint i = 1; i <= n; i++)
        {
          g_autofree char *source_no = g_strdup_printf ("Q%07u", i);
          g_autofree char *content = g_strdup_printf ("照会対象%04u", i);
          const char *where = strstr (all, source_no);

          g_assert_cmpuint (forms_test_count_of (all, source_no), ==, 1);
          g_assert_cmpuint (forms_test_count_of (all, content), ==, 1);
          if (notes && i % 3 == 0)
            {
              g_autofree char *note = g_strdup_printf ("担当幹部：点検所見%04u", i);

              g_assert_cmpuint (forms_test_count_of (all, note), ==, 1);
            }
          g_assert_true (where > last);
          last = where;
        }
      for (guint page = 1; page <= n_pages; page++)
        {
          g_autofree char *words = forms_test_words (path, page);
          g_autofree char *number = g_strdup_printf ("%u/%u", page, n_pages);
          gboolean has_rows = strstr (words, "Q0") != NULL;

          g_assert_nonnull (strstr (words, SHEET_TITLE));
          g_assert_nonnull (strstr (words, "所属中央警察署"));
          g_assert_nonnull (strstr (words, "令和8年10月"));
          /* At the top and at the foot. */
          g_assert_cmpuint (forms_test_count_of (words, number), >=, 2);
          /* The heads on every sheet with rows (a last sheet may hold the
           * confirmation alone). */
          if (has_rows || page == 1)
            g_assert_nonnull (strstr (words, "照会日時照会番号照会者照会種別"));
          else
            g_assert_cmpuint (page, ==, n_pages);
          g_assert_true ((strstr (words, "照会件数") != NULL) == (page == 1));
          g_assert_true ((strstr (words, STATEMENT) != NULL) == (page == n_pages));
          g_assert_nonnull (strstr (words, "抽出欄の略号"));
          g_assert_true ((strstr (words, "該当する照会記録はない") != NULL) == (n == 0));
        }
      g_unlink (path);
    }
}

/* R14-6, R14-7: the sheet prints each record's values and its three
 * steps with who and when, the flags by their codes with the legend, the
 * numbers of the month, and the 運用管理者's sign-off in 和暦. */
static void
test_sheet_text (void)
{
  JhkInquirySummary summary = sample_summary (3);
  g_autoptr(GPtrArray) records = records_new ();
  g_autoptr(JhkInquirySheet) sheet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  g_autofree char *title = NULL;
  JhkInquiryRecord *r;
  const char *values[] = {
    "所属中央警察署", "令和8年10月（2026年10月）", "照会件数", "3件", "相違あり", "1件",
    "Q0000001", "Q0000002", "Q0000003", "山田太郎", "佐藤花子", "910123", "運転免許",
    "交通事故捜査", "R8-1234", "鈴木一郎", "高橋二郎",
    /* the three steps, their states and who */
    "確認", "適正", "要確認", "不適正", "未確認", "未点検", "未処理",
    "10/4山田太郎", "10/6高橋二郎", "11/2中村三郎",
    /* flags: codes in the row, the legend at the foot */
    "由時", "抽出欄の略号", "由＝", "件＝", "時＝", "所＝",
    /* the comments under the record */
    "所見", "照会者：その時刻は当直で照会していない", "担当幹部：本人に確認する",
    "運用管理者：私的照会と認めた",
    /* the confirmation */
    "運用管理者", "所属長", "確認日時", "令和8年11月5日14時30分", "中村三郎",
    "全件適正と認める。", STATEMENT,
  };

  if (!forms_test_have_poppler_utils ())
    return;

  r = record_new (1, "山田太郎", "鈴木一郎");
  g_free (r->confirm_state);
  r->confirm_state = g_strdup ("confirmed");
  r->confirmed_at = jhk_test_jst (2026, 10, 4, 10, 0);
  r->confirmed_by_name = g_strdup ("山田太郎");
  g_free (r->check_state);
  r->check_state = g_strdup ("proper");
  r->checked_at = jhk_test_jst (2026, 10, 6, 11, 0);
  r->checked_by_name = g_strdup ("高橋二郎");
  r->done = TRUE;
  g_ptr_array_add (records, r);

  r = record_new (2, "佐藤花子", "高橋二郎");
  g_free (r->reason);
  r->reason = g_strdup ("");
  r->flags = JHK_INQUIRY_FLAG_NO_REASON | JHK_INQUIRY_FLAG_OFF_HOURS;
  g_free (r->confirm_state);
  r->confirm_state = g_strdup ("disputed");
  g_free (r->check_state);
  r->check_state = g_strdup ("query");
  g_free (r->resolution);
  r->resolution = g_strdup ("improper");
  r->resolved_at = jhk_test_jst (2026, 11, 2, 9, 0);
  r->resolved_by_name = g_strdup ("中村三郎");
  r->confirm_comment = g_strdup ("その時刻は\n当直で照会していない");
  r->check_comment = g_strdup ("本人に確認する");
  r->resolution_comment = g_strdup ("私的照会と認めた");
  g_ptr_array_add (records, r);

  r = record_new (3, "山田太郎", "田中");
  r->staff_id = 0;
  g_ptr_array_add (records, r);

  summary.total.disputed = 1;
  summary.signed_off_at = jhk_test_jst (2026, 11, 5, 14, 30);
  summary.signed_off_by_name = "中村三郎";
  summary.sign_off_comment = "全件適正と認める。";
  sheet = jhk_inquiry_sheet_new (&summary, records);
  /* The sheet keeps its own copies. */
  g_ptr_array_set_size (records, 0);

  title = jhk_inquiry_sheet_get_title (sheet);
  g_assert_cmpstr (title, ==, FULL_TITLE);
  g_assert_cmpuint (jhk_inquiry_sheet_get_n_pages (sheet), ==, 1);
  path = write_sheet (sheet, "inquiry-sheet-text.pdf");
  forms_test_assert_private_pdf (path, 1, FULL_TITLE);
  forms_test_assert_ipaex_fonts_embedded (path, TRUE);
  words = forms_test_words (path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (strstr (words, values[i]) == NULL)
      g_error ("%s is not on the sheet", values[i]);
  /* An empty 事由 prints as a dash, not as nothing. */
  g_assert_nonnull (strstr (words, "―R8-1234"));
  g_unlink (path);
}

/* R14-7: the PDF is its owner's only, even over a file readable by
 * others; a path that cannot be written is an error. */
static void
test_sheet_private (void)
{
  JhkInquirySummary summary = sample_summary (2);
  g_autoptr(GPtrArray) records = numbered_records (2, FALSE);
  g_autoptr(JhkInquirySheet) sheet = jhk_inquiry_sheet_new (&summary, records);
  g_autofree char *path = jhk_test_new_file ("inquiry-sheet-mode.pdf");
  g_autofree char *dir = jhk_test_new_file ("missing");
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "inquiry-sheet.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  if (!forms_test_have_poppler_utils ())
    return;
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (jhk_inquiry_sheet_write_pdf (sheet, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  forms_test_assert_private_pdf (path, 1, FULL_TITLE);

  g_assert_false (jhk_inquiry_sheet_write_pdf (sheet, bad, &error));
  g_assert_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

/* Page 0 of @sheet drawn on an image at 72 dpi. */
static cairo_surface_t *
draw_sheet_image (JhkInquirySheet *sheet)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) JHK_FORMS_A4_WIDTH,
                                                         (int) JHK_FORMS_A4_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  jhk_inquiry_sheet_draw_page (sheet, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Page 0 of a sheet of @records drawn on an image at 72 dpi. */
static cairo_surface_t *
draw_image (GPtrArray *records)
{
  JhkInquirySummary summary = sample_summary (records->len);
  g_autoptr(JhkInquirySheet) sheet = jhk_inquiry_sheet_new (&summary, records);

  return draw_sheet_image (sheet);
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4)
         & 0xffffff;
}

/* R14-7: a long 照会内容 keeps to its cell, two lines cut with an
 * ellipsis: the sheet drawn with it differs from the sheet with a short
 * one only inside one cell (a row high, the column wide), and the sheet
 * count stays. */
static void
test_sheet_long_content (void)
{
  g_autoptr(GPtrArray) short_records = records_new ();
  g_autoptr(GPtrArray) long_records = records_new ();
  g_autoptr(GString) content = g_string_new ("長文始まり");
  JhkInquirySummary summary = sample_summary (1);
  g_autoptr(JhkInquirySheet) sheet = NULL;
  cairo_surface_t *a, *b;
  int min_x = G_MAXINT, max_x = -1, min_y = G_MAXINT, max_y = -1;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;

  for (guint i = 0; i < 40; i++)
    g_string_append (content, "東京都千代田区霞が関二丁目一番地\n");
  g_string_append (content, "長文終わり");
  g_ptr_array_add (short_records, record_new (1, "山田太郎", "長文始まり"));
  g_ptr_array_add (long_records, record_new (1, "山田太郎", content->str));
  sheet = jhk_inquiry_sheet_new (&summary, long_records);
  g_assert_cmpuint (jhk_inquiry_sheet_get_n_pages (sheet), ==, 1);

  a = draw_image (short_records);
  b = draw_image (long_records);
  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (pixel (a, x, y) != pixel (b, x, y))
        {
          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
          min_y = MIN (min_y, y);
          max_y = MAX (max_y, y);
        }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  g_test_message ("the long text inks %d×%d pt at (%d, %d)", max_x - min_x + 1,
                  max_y - min_y + 1, min_x, min_y);
  g_assert_cmpint (max_x, >=, 0);
  /* Two lines, inside a row of 26 pt and a column of 68. */
  g_assert_cmpint (max_y - min_y + 1, >, 10);
  g_assert_cmpint (max_y - min_y + 1, <, 26);
  g_assert_cmpint (max_x - min_x + 1, <, 68);

  if (!forms_test_have_poppler_utils ())
    return;
  path = write_sheet (sheet, "inquiry-sheet-long.pdf");
  forms_test_assert_pages (path, 1, FULL_TITLE);
  words = forms_test_words (path, 0);
  g_assert_nonnull (strstr (words, "長文始まり"));
  g_unlink (path);
}

/* R14-6: 相違あり, 要確認 and 不適正 stand out: their cells are shaded,
 * the same record confirmed and checked 適正 is not. */
static void
test_sheet_shaded (void)
{
  const double dpi = 72;
  cairo_surface_t *surfaces[2];

  for (guint k = 0; k < 2; k++)
    {
      JhkInquirySummary summary = sample_summary (1);
      g_autoptr(GPtrArray) records = records_new ();
      g_autoptr(JhkInquirySheet) sheet = NULL;
      JhkInquiryRecord *r = record_new (1, "山田太郎", "鈴木一郎");
      cairo_t *cr;

      g_free (r->confirm_state);
      r->confirm_state = g_strdup (k == 0 ? "confirmed" : "disputed");
      g_ptr_array_add (records, r);
      sheet = jhk_inquiry_sheet_new (&summary, records);
      surfaces[k] = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                (int) (JHK_FORMS_A4_WIDTH * dpi / 72),
                                                (int) (JHK_FORMS_A4_HEIGHT * dpi / 72));
      cr = cairo_create (surfaces[k]);
      jhk_inquiry_sheet_draw_page (sheet, cr, 0);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (surfaces[k]);
    }
  {
    int w = cairo_image_surface_get_width (surfaces[0]);
    int h = cairo_image_surface_get_height (surfaces[0]);
    int stride = cairo_image_surface_get_stride (surfaces[0]);
    const guchar *a = cairo_image_surface_get_data (surfaces[0]);
    const guchar *b = cairo_image_surface_get_data (surfaces[1]);
    guint grey = 0;

    /* Pixels a light grey in the disputed sheet and white in the other. */
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          guint32 pa = *(const guint32 *) (a + y * stride + x * 4) & 0xffffff;
          guint32 pb = *(const guint32 *) (b + y * stride + x * 4) & 0xffffff;

          if (pa == 0xffffff && (pb & 0xff) > 0xc0 && (pb & 0xff) < 0xf0)
            grey++;
        }
    g_test_message ("%u pixels shaded", grey);
    /* A cell of about 54 × 26 pt. */
    g_assert_cmpuint (grey, >, 40 * 20);
  }
  cairo_surface_destroy (surfaces[0]);
  cairo_surface_destroy (surfaces[1]);
}

#define LOAD_PERIOD "2024-04"
#define LOAD_TITLE  SHEET_TITLE " 中央警察署 2024年4月"

static const char load_csv[] =
  "照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,事由,事件番号,照会内容,端末番号\n"
  "T6-0001,2024-04-05 09:15:00,910,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R6-123,"
  "山田 花子 昭和60年1月1日生,T910-01\n"
  "T6-0002,2024/04/05 10:20,910,Z9999,不明 職員,犯歴照会,,,鈴木 一郎,T910-02\n"
  "T6-0003,2024-04-06 11:00,999,C9131,髙橋 修,車両照会,交通事故捜査,R6-124,品川３００あ１２３４,"
  "T999-01\n";

/* R14-7, R14-6: the sheet of an office's month read from the database as
 * its 運用管理者 sees it: the office's records imported from the inquiry
 * system, not another office's, the overdue ones marked; one who may not
 * see the office's month gets an error and no sheet. */
static void
test_sheet_load (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) admin = jhk_test_login (db, "admin");
  g_autoptr(JhkSession) unyo = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) koufu = jhk_test_login (db, "chuo-koufu");
  g_autoptr(JhkInquiryImportReport) report = NULL;
  g_autoptr(JhkInquirySheet) sheet = NULL;
  g_autoptr(JhkInquirySheet) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *office = NULL;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  g_autofree char *words = NULL;
  gint64 office_id;

  /* A month of its own, which the demo's months do not reach. */
  report = jhk_inquiry_import_data (db, admin, JHK_INQUIRY_IMPORT_INQUIRIES, load_csv,
                                    strlen (load_csv), NULL, "sheet-load.csv", FALSE, NULL, NULL,
                                    NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_imported, ==, 3);
  office = jhk_test_query_text (db, "SELECT id FROM org_units WHERE code = '910'", JHK_DB_END);
  office_id = g_ascii_strtoll (office, NULL, 10);
  g_assert_cmpint (office_id, >, 0);

  sheet = jhk_inquiry_sheet_load (db, unyo, office_id, LOAD_PERIOD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  g_assert_cmpuint (jhk_inquiry_sheet_get_n_pages (sheet), ==, 1);
  title = jhk_inquiry_sheet_get_title (sheet);
  g_assert_cmpstr (title, ==, LOAD_TITLE);

  refused = jhk_inquiry_sheet_load (db, koufu, office_id, LOAD_PERIOD, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  if (!forms_test_have_poppler_utils ())
    return;
  path = write_sheet (sheet, "inquiry-sheet-load.pdf");
  forms_test_assert_private_pdf (path, 1, LOAD_TITLE);
  words = forms_test_words (path, 0);
  g_assert_nonnull (strstr (words, "T6-0001"));
  g_assert_nonnull (strstr (words, "井上翔太"));
  g_assert_nonnull (strstr (words, "運転免許照会"));
  g_assert_nonnull (strstr (words, "窃盗事件捜査"));
  g_assert_nonnull (strstr (words, "T6-0002"));
  /* Of an office code nobody knows: not 中央警察署's. */
  g_assert_null (strstr (words, "T6-0003"));
  g_unlink (path);

  /* A year on, the two open records are overdue: their 番号 are shaded. */
  {
    g_autoptr(JhkInquirySheet) later = NULL;
    cairo_surface_t *now_image = draw_sheet_image (sheet);
    cairo_surface_t *later_image;
    guint now_grey = 0, later_grey = 0;

    jhk_set_clock_override (g_get_real_time () + 365 * G_TIME_SPAN_DAY);
    later = jhk_inquiry_sheet_load (db, unyo, office_id, LOAD_PERIOD, &error);
    jhk_set_clock_override (0);
    g_assert_no_error (error);
    later_image = draw_sheet_image (later);
    /* The left of the 番号 column of the rows, under the heads, where
     * the right-aligned numbers do not reach. */
    for (int y = 150; y < 300; y++)
      for (int x = 36; x < 42; x++)
        {
          guint32 a = pixel (now_image, x, y), b = pixel (later_image, x, y);

          now_grey += (a & 0xff) > 0xc0 && (a & 0xff) < 0xf0;
          later_grey += (b & 0xff) > 0xc0 && (b & 0xff) < 0xf0;
        }
    g_test_message ("番号 shaded: %u pixels now, %u a year on", now_grey, later_grey);
    g_assert_cmpuint (now_grey, ==, 0);
    /* Two rows of 26 pt. */
    g_assert_cmpuint (later_grey, >, 2 * 6 * 20);
    cairo_surface_destroy (now_image);
    cairo_surface_destroy (later_image);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/forms/R14-7/pages", GINT_TO_POINTER (FALSE), test_sheet_pages);
  g_test_add_data_func ("/forms/R14-7/pages-with-comments", GINT_TO_POINTER (TRUE),
                        test_sheet_pages);
  g_test_add_func ("/forms/R14-7/text", test_sheet_text);
  g_test_add_func ("/forms/R14-7/private", test_sheet_private);
  g_test_add_func ("/forms/R14-7/long-content", test_sheet_long_content);
  g_test_add_func ("/forms/R14-6/shaded", test_sheet_shaded);
  g_test_add_func ("/forms/R14-7/load", test_sheet_load);

  return jhk_test_run ();
}
