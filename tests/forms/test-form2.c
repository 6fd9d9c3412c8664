/* test-form2.c: 別記様式第2号 作業依頼書 (issue 5, RF2, R15-4).
 *
 * The sheets are read back from the PDF with poppler-utils: the page count
 * for the number of rows, the IPAex fonts embedded, every filled value and
 * printed label as text, the times in 和暦 and 月 日 時 分. What text
 * cannot show is checked on images drawn by the same routine: the circle
 * around the chosen 区分, and that nothing printed moves when boxes are
 * filled.
 */
#include <locale.h>
#include <math.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "jhk-form2.h"
#include "jhk-form2-request.h"
#include "jhk-forms.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "forms-test-util.h"
#include "jhk-test-util.h"

#define FORM_TITLE "作業依頼書"

/* Helpers */

/* Writes @form to @path and reads its first sheet back: returns its words
 * (forms_test_words()), and its text squeezed in @flat unless NULL. */
static char *
write_and_read (const JhkForm2  *form,
                const char      *path,
                char           **flat)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jhk_form2_write_pdf (form, path, &error));
  g_assert_no_error (error);
  if (flat != NULL)
    {
      g_autofree char *text = forms_test_page_text (path, 0);

      *flat = forms_test_squeeze (text);
    }
  return forms_test_words (path, 0);
}

/* A request as the service will fill it: addressed to the システム管理者
 * with the business manager's consent, received, processed, the input
 * returned and the output handed over. */
static const JhkForm2Row sample_rows[] = {
  { JHK_FORM2_KIND_INPUT, "住所変更届の写し", "12", "紙", "個人情報を含む" },
  { JHK_FORM2_KIND_OUTPUT, "運転免許更新対象者一覧表", "2", "CD-R", "施錠保管" },
  { JHK_FORM2_KIND_CORRECTION, "更新案内発送先の訂正", "1", "紙(A4)", NULL },
};

static JhkForm2
sample_form (void)
{
  JhkForm2 form = { 0 };

  form.to_title = "情報管理課長";
  form.from_title = "中央警察署長";
  form.business = "運転免許更新事務";
  form.summary = "管内の運転免許更新対象者一覧表の出力及び住所変更分の修正入力";
  form.purpose = "免許更新案内の発送準備";
  form.wanted_at = "2026-12-04 17:00";
  form.manager_title = "警務課長";
  form.manager_name = "鈴木 花子";
  form.contact_name = "山本 和子";
  form.contact_phone = "内線2345";
  form.consent_title = "交通企画課長";
  form.consent_name = "田中 一郎";
  form.consent_phone = "内線3101";
  form.rows = sample_rows;
  form.n_rows = G_N_ELEMENTS (sample_rows);
  form.received = (JhkForm2Step) { "2026-11-30 09:15", "高橋 三郎", "至急扱い", NULL, NULL };
  form.processed = (JhkForm2Step) { "2026-12-01 14:05", "伊藤 健", "修正12件", NULL, NULL };
  form.input_returned = (JhkForm2Step) { "2026-12-02 10:00", "高橋 三郎", NULL,
                                         "中央署警務課", "山本 和子" };
  form.output_delivered = (JhkForm2Step) { "2026-12-02 10:05", "伊藤 健", NULL,
                                           "中央署交通課", "小林 誠" };
  form.paper_continuous = 120;
  form.paper_standard = 7;
  form.paper_a4 = 3;
  form.paper_other = 2;
  form.paper_other_text = "B4";
  form.remarks = "出力資料は入出力資料台帳に登録した。";
  return form;
}

static JhkForm2Row *
numbered_rows (guint n)
{
  JhkForm2Row *rows = g_new0 (JhkForm2Row, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *content = g_strdup_printf ("資料%03u", i + 1);

      rows[i].kind = JHK_FORM2_KIND_INPUT + i % 3;
      /* g_intern_string: the struct borrows its strings. */
      rows[i].content = g_intern_string (content);
      rows[i].quantity = "1";
      rows[i].form = "紙";
    }
  return rows;
}

static cairo_surface_t *
draw_image (const JhkForm2 *form,
            guint           page,
            double          dpi)
{
  double scale = dpi / 72;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (JHK_FORMS_A4_WIDTH * scale),
                                        (int) (JHK_FORMS_A4_HEIGHT * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  jhk_form2_draw (form, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
grey (cairo_surface_t *surface,
      int              x,
      int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  return (((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff)) / 3;
}

/* Tests */

/* RF2: a filled form is one A4 sheet, its owner's only, with the IPAex
 * fonts embedded; the heading, every printed label and every value is on
 * it, the times in 和暦 and 月日時分. */
static void
test_form2_filled (void)
{
  JhkForm2 form = sample_form ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("form2-filled.pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *words = NULL;
  const char *values[] = {
    "情報管理課長殿", "中央警察署長", "運転免許更新事務",
    "管内の運転免許更新対象者一覧表の出力及び住所変更分の修正入力", "免許更新案内の発送準備",
    "警務課長", "鈴木花子", "山本和子", "内線2345", "交通企画課長", "田中一郎", "内線3101",
    "住所変更届の写し", "12", "個人情報を含む", "運転免許更新対象者一覧表", "CD-R", "施錠保管",
    "更新案内発送先の訂正", "紙(A4)", "高橋三郎", "伊藤健", "至急扱い", "修正12件",
    "中央署警務課", "中央署交通課", "小林誠", "連続用紙120枚", "定型用紙7枚", "A43枚",
    "その他(B4)2枚", "出力資料は入出力資料台帳に登録した。",
    /* 完成希望日時, 受付, 処理, 入力資料返却, 出力資料交付 */
    "令和8年12月4日17時0分", "令和8年11月30日9時15分", "令和8年12月1日14時5分",
    "令和8年12月2日10時0分", "令和8年12月2日10時5分",
  };
  const char *labels[] = {
    "対象業務名", "作業概要", "目的", "完成希望日時", "依頼所属", "情報管理者", "担当者",
    "氏名・電話", "対象業務", "管理者", "電話", "職名", "氏名", "区分", "資料等の内容", "数量",
    "資料の形態", "備考", "項目", "処理日時", "特記事項", "受付", "処理", "入力資料", "返却",
    "出力資料", "交付", "受領者", "所属", "用紙", "記事欄",
  };

  if (!forms_test_have_poppler_utils ())
    return;

  g_assert_cmpuint (jhk_form2_n_pages (&form), ==, 1);
  g_assert_true (jhk_form2_write_pdf (&form, path, &error));
  g_assert_no_error (error);
  forms_test_assert_private_pdf (path, 1, FORM_TITLE);
  forms_test_assert_ipaex_fonts_embedded (path, TRUE);

  text = forms_test_page_text (path, 0);
  flat = forms_test_squeeze (text);
  words = forms_test_words (path, 0);
  g_assert_nonnull (strstr (words, FORM_TITLE));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (strstr (words, values[i]) == NULL)
      g_error ("the value %s is not on the sheet", values[i]);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strstr (words, labels[i]) == NULL)
      g_error ("the label %s is not on the sheet", labels[i]);
  /* The two blocks' names, printed downwards one character a line. */
  g_assert_nonnull (strstr (text, "依\n"));
  g_assert_nonnull (strstr (text, "受\n"));
  /* 区分 on each of the five rows of the first sheet. */
  g_assert_cmpuint (forms_test_count_of (flat, "入力・出力・修正"), ==,
                    JHK_FORM2_FIRST_SHEET_ROWS);
  /* Both hand-overs name their receiver: 受領者 所属 … 氏名 …. */
  g_assert_cmpuint (forms_test_count_of (flat, "受領者"), ==, 2);
  g_unlink (path);
}

/* RF2: a blank form (to fill by hand) has every label, the 月 日 時 分 of
 * its five times, 枚 of its four counts, and needs no Gothic font. */
static void
test_form2_blank (void)
{
  JhkForm2 form = { 0 };
  g_autofree char *path = jhk_test_new_file ("form2-blank.pdf");
  g_autofree char *flat = NULL;
  g_autofree char *words = NULL;

  if (!forms_test_have_poppler_utils ())
    return;

  g_assert_cmpuint (jhk_form2_n_pages (&form), ==, 1);
  words = write_and_read (&form, path, &flat);
  forms_test_assert_pages (path, 1, FORM_TITLE);
  forms_test_assert_ipaex_fonts_embedded (path, FALSE);
  g_assert_nonnull (strstr (words, "殿"));
  g_assert_nonnull (strstr (words, FORM_TITLE));
  {
    g_autofree char *lines = forms_test_layout_text (path, 0);
    g_autofree char *flat_lines = forms_test_squeeze (lines);

    /* Each time's words on its line, in their order. */
    g_assert_cmpuint (forms_test_count_of (flat_lines, "月日時分"), ==, 5);
  }
  g_assert_cmpuint (forms_test_count_of (flat, "枚"), ==, 4);
  g_assert_cmpuint (forms_test_count_of (flat, "入力・出力・修正"), ==,
                    JHK_FORM2_FIRST_SHEET_ROWS);
  g_assert_null (strstr (words, "令和"));
  g_unlink (path);
}

/* RF2: the times of the form, "YYYY-MM-DD HH:MM", in 和暦 and 月日時分; anything
 * else is not a time. */
static void
test_form2_when (void)
{
  const struct
  {
    const char *when, *expected;
  } cases[] = {
    { "2026-11-27 14:30", "令和8年11月27日14時30分" },
    { "2026-01-05 09:05", "令和8年1月5日9時5分" },
    { "2019-05-01 00:00", "令和元年5月1日0時0分" },
    { "2019-04-30 23:59", "平成31年4月30日23時59分" },
    { "2028-02-29 12:00", "令和10年2月29日12時0分" },
    { NULL, NULL }, { "", NULL }, { "2026-11-27", NULL }, { "2026-11-27T14:30", NULL },
    { "2026-11-27 14:30:00", NULL }, { "2026-13-01 10:00", NULL }, { "2026-02-29 10:00", NULL },
    { "2026-11-27 24:00", NULL }, { "2026-11-27 10:60", NULL }, { "2026-+1-27 10:00", NULL },
    { "2026-1-2 3:04", NULL }, { " 2026-11-27 14:3", NULL }, { "1870-01-01 10:00", NULL },
    { "来週の月曜日", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jhk_form2_format_when (cases[i].when);

      g_test_message ("%s → %s", cases[i].when ? cases[i].when : "(null)", text ? text : "(none)");
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* RF2: a time in a 月 日 時 分 box prints its numbers and its 和暦 year; a
 * text that is not a time prints as given rather than vanish. */
static void
test_form2_when_printed (void)
{
  JhkForm2 form = sample_form ();
  g_autofree char *path = jhk_test_new_file ("form2-when.pdf");
  g_autofree char *words = NULL;

  if (!forms_test_have_poppler_utils ())
    return;

  form.wanted_at = "2019-05-01 08:30";
  form.received.at = "2019-04-30 23:59";
  form.processed.at = "明日の朝";
  words = write_and_read (&form, path, NULL);
  g_assert_nonnull (strstr (words, "令和元年5月1日8時30分"));
  g_assert_nonnull (strstr (words, "平成31年4月30日23時59分"));
  g_assert_nonnull (strstr (words, "明日の朝"));
  g_unlink (path);
}

/* RF2: five rows fit the first sheet; more continue on sheets of
 * JHK_FORM2_CONTINUATION_SHEET_ROWS that repeat the heading, the 対象業務名
 * and the materials table's header, each row printed exactly once and in
 * order, the sheets numbered. */
static void
test_form2_page_count (void)
{
  const guint first = JHK_FORM2_FIRST_SHEET_ROWS, more = JHK_FORM2_CONTINUATION_SHEET_ROWS;
  const struct
  {
    guint n_rows, n_pages;
  } cases[] = {
    { 0, 1 }, { 1, 1 }, { first, 1 }, { first + 1, 2 }, { first + more, 2 },
    { first + more + 1, 3 }, { first + 2 * more, 3 }, { 50, 4 },
  };

  if (!forms_test_have_poppler_utils ())
    return;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      JhkForm2 form = sample_form ();
      g_autofree JhkForm2Row *rows = numbered_rows (cases[c].n_rows);
      g_autofree char *name = g_strdup_printf ("form2-%u.pdf", cases[c].n_rows);
      g_autofree char *path = jhk_test_new_file (name);
      g_autoptr(GError) error = NULL;
      g_autofree char *all = NULL;
      const char *last = NULL;
      gint64 size;

      form.rows = rows;
      form.n_rows = cases[c].n_rows;
      g_test_message ("%u rows → %u sheets", cases[c].n_rows, cases[c].n_pages);
      g_assert_cmpuint (jhk_form2_n_pages (&form), ==, cases[c].n_pages);
      g_assert_true (jhk_form2_write_pdf (&form, path, &error));
      g_assert_no_error (error);
      size = forms_test_assert_private_pdf (path, cases[c].n_pages, FORM_TITLE);
      g_test_message ("%u sheets: %" G_GINT64_FORMAT " bytes", cases[c].n_pages, size);
      forms_test_assert_ipaex_fonts_embedded (path, TRUE);

      all = forms_test_layout_text (path, 0);
      for (guint i = 0; i < cases[c].n_rows; i++)
        {
          const char *where = strstr (all, rows[i].content);

          g_assert_cmpuint (forms_test_count_of (all, rows[i].content), ==, 1);
          g_assert_true (where > last);
          last = where;
        }

      for (guint page = 2; page <= cases[c].n_pages; page++)
        {
          g_autofree char *text = forms_test_page_text (path, page);
          g_autofree char *flat = forms_test_squeeze (text);
          g_autofree char *words = forms_test_words (path, page);
          g_autofree char *sheet_no = g_strdup_printf ("続き%u／%u枚", page, cases[c].n_pages);
          g_autofree char *row = g_strdup_printf ("資料%03u", first + 1 + (page - 2) * more);
          guint on_sheet = MIN (cases[c].n_rows - first - (page - 2) * more, more);

          g_assert_nonnull (strstr (words, FORM_TITLE));
          g_assert_nonnull (strstr (words, "情報管理課長殿"));
          g_assert_nonnull (strstr (words, "中央警察署長"));
          g_assert_nonnull (strstr (words, "運転免許更新事務"));
          g_assert_nonnull (strstr (words, "区分資料等の内容数量資料の形態備考"));
          g_assert_nonnull (strstr (words, sheet_no));
          g_assert_nonnull (strstr (words, row));
          /* Every slot of the sheet, filled or not, has its 区分. */
          g_assert_cmpuint (forms_test_count_of (flat, "入力・出力・修正"), ==, more);
          g_assert_cmpuint (forms_test_count_of (flat, "資料"), >=, on_sheet);
          /* The receiving office's block is on the first sheet only. */
          g_assert_null (strstr (words, "受付"));
        }
      if (cases[c].n_pages > 1)
        {
          g_autofree char *words = forms_test_words (path, 1);
          g_autofree char *sheet_no = g_strdup_printf ("1／%u枚", cases[c].n_pages);

          g_assert_nonnull (strstr (words, sheet_no));
        }
      g_unlink (path);
    }
}

/* RF2: the chosen 区分 is circled: drawn with 入力, 出力 or 修正 chosen, the
 * first row differs from the same row with none chosen by one small ring,
 * further right for each of the three in the form's order. */
static void
test_form2_kind_circled (void)
{
  JhkForm2Row row = { JHK_FORM2_KIND_NONE, "資料", "1", "紙", NULL };
  JhkForm2 form = sample_form ();
  cairo_surface_t *none;
  double last_x = 0, first_y = -1;
  const double dpi = 144;

  form.rows = &row;
  form.n_rows = 1;
  none = draw_image (&form, 0, dpi);
  for (JhkForm2Kind kind = JHK_FORM2_KIND_INPUT; kind <= JHK_FORM2_KIND_CORRECTION; kind++)
    {
      cairo_surface_t *chosen;
      int width, height, min_x = G_MAXINT, max_x = -1, min_y = G_MAXINT, max_y = -1;
      double sum_x = 0, sum_y = 0;
      guint n = 0;

      row.kind = kind;
      chosen = draw_image (&form, 0, dpi);
      width = cairo_image_surface_get_width (chosen);
      height = cairo_image_surface_get_height (chosen);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            int a = grey (none, x, y), b = grey (chosen, x, y);

            /* The ring only adds ink. */
            g_assert_cmpint (b, <=, a);
            if (a - b > 64)
              {
                n++;
                sum_x += x;
                sum_y += y;
                min_x = MIN (min_x, x);
                max_x = MAX (max_x, x);
                min_y = MIN (min_y, y);
                max_y = MAX (max_y, y);
              }
          }
      cairo_surface_destroy (chosen);
      g_test_message ("kind %d: %u pixels in %d×%d at (%d, %d), centre (%.0f, %.0f)", kind, n,
                      max_x - min_x + 1, max_y - min_y + 1, min_x, min_y, sum_x / n, sum_y / n);
      g_assert_cmpuint (n, >, 0);
      /* A ring about one word wide (two characters of 8.5 pt, 17 pt) and
       * one line high, its centre in its middle. */
      g_assert_cmpint (max_x - min_x, <, 30 * dpi / 72);
      g_assert_cmpint (max_x - min_x, >, 15 * dpi / 72);
      g_assert_cmpint (max_y - min_y, <, 16 * dpi / 72);
      g_assert_cmpfloat (fabs (sum_x / n - (min_x + max_x) / 2.0), <, 2 * dpi / 72);
      g_assert_cmpfloat (sum_x / n, >, last_x);
      last_x = sum_x / n;
      /* All three on the same line. */
      if (first_y < 0)
        first_y = sum_y / n;
      g_assert_cmpfloat (fabs (sum_y / n - first_y), <, 1);
    }
  cairo_surface_destroy (none);
}

/* RF2: nothing printed moves when boxes are filled: every inked pixel of
 * the blank form (its rules and labels) is inked on the filled one too,
 * on the first sheet and a continuation sheet. */
static void
test_form2_fixed_layout (void)
{
  JhkForm2 form = sample_form ();
  JhkForm2 blank = { 0 };
  g_autofree JhkForm2Row *rows = numbered_rows (JHK_FORM2_FIRST_SHEET_ROWS + 3);

  form.rows = rows;
  form.n_rows = JHK_FORM2_FIRST_SHEET_ROWS + 3;
  for (guint page = 0; page < 2; page++)
    {
      cairo_surface_t *filled = draw_image (&form, page, 96);
      cairo_surface_t *empty = draw_image (&blank, page, 96);
      int width = cairo_image_surface_get_width (filled);
      int height = cairo_image_surface_get_height (filled);
      guint inked = 0, lost = 0, added = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint a = grey (empty, x, y), b = grey (filled, x, y);

            if (a < 128)
              {
                inked++;
                /* Ink over ink stays ink; it can only darken. */
                if (b > a + 8)
                  lost++;
              }
            else if (b < 128)
              added++;
          }
      g_test_message ("sheet %u at 96 dpi: %u pixels of the blank form inked, %u of them "
                      "lighter when filled, %u more inked by the values",
                      page + 1, inked, lost, added);
      g_assert_cmpuint (inked, >, 0);
      g_assert_cmpuint (added, >, 0);
      g_assert_cmpuint (lost, ==, 0);
      cairo_surface_destroy (filled);
      cairo_surface_destroy (empty);
    }
}

/* RF2: texts too long for their box wrap and shrink inside it, all of
 * them still on the one sheet. */
static void
test_form2_long_text (void)
{
  JhkForm2 form = sample_form ();
  g_autofree char *path = jhk_test_new_file ("form2-long.pdf");
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *words = NULL;
  JhkForm2Row row = sample_rows[0];

  if (!forms_test_have_poppler_utils ())
    return;

  for (guint i = 0; i < 5; i++)
    g_string_append (summary, "管内の運転免許更新対象者のうち住所変更の届出があった者の住所を修正し、");
  g_string_append (summary, "終わり");
  form.summary = summary->str;
  form.business = "運転免許更新事務(更新案内の発送、講習予約及び更新手続に係る事務の全部)";
  form.to_title = "本部情報管理課システム運用係長兼情報管理課長補佐";
  row.content = "令和8年度第1四半期の管内運転免許更新対象者の氏名、住所、生年月日及び免許の種類の一覧";
  row.note = "個人情報を含むため施錠保管し、用済後直ちに返却";
  form.rows = &row;
  form.n_rows = 1;
  form.contact_phone = "代表 012-345-6789 内線 2345";

  words = write_and_read (&form, path, NULL);
  forms_test_assert_pages (path, 1, FORM_TITLE);
  g_assert_nonnull (strstr (words, "住所を修正し、終わり"));
  g_assert_nonnull (strstr (words, "係る事務の全部)"));
  g_assert_nonnull (strstr (words, "兼情報管理課長補佐殿"));
  g_assert_nonnull (strstr (words, "生年月日及び免許の種類の一覧"));
  g_assert_nonnull (strstr (words, "用済後直ちに返却"));
  g_assert_nonnull (strstr (words, "内線2345"));
  g_unlink (path);
}

/* RF2: values print as they are, never read as markup. */
static void
test_form2_literal_values (void)
{
  JhkForm2 form = sample_form ();
  g_autofree char *path = jhk_test_new_file ("form2-literal.pdf");
  g_autofree char *words = NULL;

  if (!forms_test_have_poppler_utils ())
    return;

  form.purpose = "<b>A&B</b> 照会";
  form.manager_name = "O'Brien \"Jr\"";
  form.paper_other_text = "<i>";
  words = write_and_read (&form, path, NULL);
  g_assert_nonnull (strstr (words, "<b>A&B</b>照会"));
  g_assert_nonnull (strstr (words, "O'Brien\"Jr\""));
  g_assert_nonnull (strstr (words, "その他(<i>)2枚"));
  g_unlink (path);
}

/* A file that cannot be written is an error, not a half-written PDF. */
static void
test_form2_unwritable (void)
{
  JhkForm2 form = sample_form ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = jhk_test_new_file ("missing");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "form2.pdf", NULL);

  g_assert_false (jhk_form2_write_pdf (&form, path, &error));
  g_assert_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The bridge from the model (jhk-form2-request) */

static JhkWorkRequest *
sample_request (void)
{
  JhkWorkRequest *r = g_new0 (JhkWorkRequest, 1);

  r->status = g_strdup ("completed");
  r->recipient = g_strdup ("sysadmin");
  r->business_name = g_strdup ("運転免許更新事務");
  r->to_title = g_strdup ("情報管理課長");
  r->from_title = g_strdup ("中央警察署長");
  r->summary = g_strdup ("更新対象者一覧表の出力");
  r->purpose = g_strdup ("更新案内の発送");
  r->wanted_at = g_strdup ("2026-12-04 17:00");
  r->manager_title = g_strdup ("警務課長");
  r->manager_name = g_strdup ("鈴木 花子");
  r->contact_name = g_strdup ("山本 和子");
  r->contact_phone = g_strdup ("2345");
  r->consent_title = g_strdup ("交通企画課長");
  r->consent_name = g_strdup ("田中 一郎");
  r->consent_phone = g_strdup ("3101");
  r->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_work_request_item_free);
  g_ptr_array_add (r->items, jhk_work_request_item_new ("input", "住所変更届", 12, "紙", ""));
  g_ptr_array_add (r->items, jhk_work_request_item_new ("output", "更新対象者一覧表", 2, "CD-R",
                                                        "施錠保管"));
  g_ptr_array_add (r->items, jhk_work_request_item_new ("correction", "発送先訂正票", 1, "紙",
                                                        NULL));
  /* A draft's row not filled in yet. */
  g_ptr_array_add (r->items, jhk_work_request_item_new ("", "", 0, "", ""));
  r->received_at = g_strdup ("2026-11-30 09:15");
  r->received_handler = g_strdup ("高橋 三郎");
  r->received_note = g_strdup ("至急扱い");
  r->processed_at = g_strdup ("2026-12-01 14:05");
  r->processed_handler = g_strdup ("伊藤 健");
  r->processed_note = g_strdup ("");
  r->input_returned_at = g_strdup ("2026-12-02 10:00");
  r->input_returned_handler = g_strdup ("高橋 三郎");
  r->input_returned_to_office = g_strdup ("中央署警務課");
  r->input_returned_to_name = g_strdup ("山本 和子");
  r->output_delivered_at = g_strdup ("2026-12-02 10:05");
  r->output_delivered_handler = g_strdup ("伊藤 健");
  r->output_delivered_to_office = g_strdup ("中央署交通課");
  r->output_delivered_to_name = g_strdup ("小林 誠");
  r->paper_continuous = 120;
  r->paper_a4 = 3;
  r->paper_other = 2;
  r->paper_other_text = g_strdup ("B4");
  r->remarks = g_strdup ("台帳に登録した。");
  r->return_comment = g_strdup ("");
  return r;
}

/* RF2: the form of a request has its texts, 区分 from each row's kind,
 * 数量 as a number (empty while 0), the consent in the 対象業務管理者 row
 * and the receiving side's records, and keeps them after the request is
 * freed, as the wizard's preview does. */
static void
test_form2_request_fill (void)
{
  JhkWorkRequest *request = sample_request ();
  g_autoptr(JhkForm2Request) bridge = jhk_form2_request_new (request);
  const JhkForm2 *form;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("form2-request.pdf");
  g_autofree char *words = NULL;

  jhk_work_request_free (request);
  form = jhk_form2_request_get_form (bridge);
  g_assert_cmpstr (form->to_title, ==, "情報管理課長");
  g_assert_cmpstr (form->from_title, ==, "中央警察署長");
  g_assert_cmpstr (form->business, ==, "運転免許更新事務");
  g_assert_cmpstr (form->wanted_at, ==, "2026-12-04 17:00");
  g_assert_cmpstr (form->contact_phone, ==, "2345");
  g_assert_cmpstr (form->consent_name, ==, "田中 一郎");
  g_assert_cmpuint (form->n_rows, ==, 4);
  g_assert_cmpint (form->rows[0].kind, ==, JHK_FORM2_KIND_INPUT);
  g_assert_cmpint (form->rows[1].kind, ==, JHK_FORM2_KIND_OUTPUT);
  g_assert_cmpint (form->rows[2].kind, ==, JHK_FORM2_KIND_CORRECTION);
  g_assert_cmpint (form->rows[3].kind, ==, JHK_FORM2_KIND_NONE);
  g_assert_cmpstr (form->rows[0].quantity, ==, "12");
  g_assert_null (form->rows[3].quantity);
  g_assert_null (form->rows[0].note);
  g_assert_cmpstr (form->rows[1].form, ==, "CD-R");
  g_assert_cmpstr (form->received.note, ==, "至急扱い");
  g_assert_null (form->processed.note);
  g_assert_cmpstr (form->input_returned.to_office, ==, "中央署警務課");
  g_assert_cmpstr (form->output_delivered.to_name, ==, "小林 誠");
  g_assert_cmpint (form->paper_continuous, ==, 120);
  g_assert_cmpint (form->paper_standard, ==, 0);
  g_assert_cmpstr (form->paper_other_text, ==, "B4");
  g_assert_cmpstr (form->remarks, ==, "台帳に登録した。");

  if (!forms_test_have_poppler_utils ())
    return;
  g_assert_true (jhk_form2_write_pdf (form, path, &error));
  g_assert_no_error (error);
  forms_test_assert_private_pdf (path, 1, FORM_TITLE);
  words = forms_test_words (path, 0);
  g_assert_nonnull (strstr (words, "住所変更届"));
  g_assert_nonnull (strstr (words, "発送先訂正票"));
  g_assert_nonnull (strstr (words, "令和8年12月4日17時0分"));
  g_assert_nonnull (strstr (words, "小林誠"));
  g_unlink (path);
}

/* Replaces a member of a JhkWorkRequest. */
static void
replace (char      **member,
         const char *value)
{
  g_free (*member);
  *member = g_strdup (value);
}

/* RF2, R15-4: a request of 中央警察署 to the システム管理者, consented,
 * processed and completed through the service, prints for its requester
 * with what every side recorded: the consent in the 対象業務管理者 row,
 * the receiving side's times and 受領者. For someone who may not see it,
 * it is refused as not found, writes no file and changes nothing. */
static void
test_form2_request_pdf (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  JhkSession *kanri = NULL, *gyomu = NULL, *admin = NULL, *stranger = NULL;
  g_autoptr(JhkWorkRequest) draft = NULL;
  g_autoptr(JhkWorkRequest) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("form2-service.pdf");
  g_autofree char *refused = jhk_test_new_file ("form2-refused.pdf");
  g_autofree char *words = NULL;
  /* The form's times are minutes, and a step may not be in the future. */
  gint64 now = jhk_now_us () / G_TIME_SPAN_MINUTE * G_TIME_SPAN_MINUTE;
  g_autofree char *at = jhk_format_time (now);
  g_autofree char *wanted = jhk_format_time (now + 7 * G_TIME_SPAN_DAY);
  JhkWorkRequestStep step = { .at = at, .to_office = "中央警察署 警務課", .to_name = "山田 太郎" };
  JhkWorkRequestPaper paper = { .a4 = 12, .other = 1, .other_text = "CD-R",
                                .remarks = "至急分を先行処理" };
  JhkWorkRequestItem *item;
  gint64 id;

  /* A still clock on a whole minute, as the service's own tests. */
  jhk_set_clock_override (now);
  jhk_test_login_many (db, &kanri, "chuo-kanri", &gyomu, "gyomu", &admin, "admin",
                       &stranger, "higashi-unyo", NULL);
  draft = jhk_work_requests_new_draft (db, kanri, &error);
  g_assert_no_error (error);
  replace (&draft->recipient, "sysadmin");
  draft->business_id = jhk_org_find_business (db, "B101");
  g_free (draft->to_title);
  draft->to_title = jhk_work_requests_recipient_title (db, "sysadmin", draft->business_id);
  replace (&draft->summary, "遺留指紋データの入力と照合結果の出力");
  replace (&draft->purpose, "強盗事件の捜査");
  replace (&draft->wanted_at, wanted);
  g_ptr_array_add (draft->items, jhk_work_request_item_new ("input", "遺留指紋票", 5, "紙", ""));
  item = jhk_work_request_item_new ("output", "指紋照合結果一覧表", 1, "紙", "施錠保管");
  item->personal_data = TRUE;
  g_ptr_array_add (draft->items, item);
  id = jhk_work_requests_save_draft (db, kanri, draft, &error);
  g_assert_no_error (error);
  jhk_work_requests_submit (db, kanri, id, &error);
  g_assert_no_error (error);
  jhk_work_requests_consent (db, gyomu, id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  jhk_work_requests_receive (db, admin, id, &step, &error);
  g_assert_no_error (error);
  jhk_work_requests_process (db, admin, id, &step, &error);
  g_assert_no_error (error);
  jhk_work_requests_return_input (db, admin, id, &step, &error);
  g_assert_no_error (error);
  jhk_work_requests_deliver_output (db, admin, id, &step, &error);
  g_assert_no_error (error);
  jhk_work_requests_set_paper (db, admin, id, &paper, &error);
  g_assert_no_error (error);
  jhk_work_requests_complete (db, admin, id, &error);
  g_assert_no_error (error);
  done = jhk_work_requests_get (db, kanri, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done->status, ==, "completed");

  g_assert_true (jhk_form2_request_write_pdf (db, kanri, id, path, &error));
  g_assert_no_error (error);
  JHK_TEST_ASSERT_REFUSED (db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_form2_request_write_pdf (db, stranger, id, refused, refusal));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  jhk_test_clear_sessions (&kanri, &gyomu, &admin, &stranger, NULL);
  jhk_set_clock_override (0);

  if (!forms_test_have_poppler_utils ())
    return;
  forms_test_assert_pages (path, 1, FORM_TITLE);
  forms_test_assert_ipaex_fonts_embedded (path, TRUE);
  words = forms_test_words (path, 0);
  {
    g_autofree char *business = forms_test_squeeze (done->business_name);
    g_autofree char *consent = forms_test_squeeze (done->consent_name);
    g_autofree char *manager = forms_test_squeeze (done->manager_name);
    g_autofree char *to = g_strconcat (done->to_title, "殿", NULL);
    g_autofree char *when = jhk_form2_format_when (at);
    g_autofree char *wanted_when = jhk_form2_format_when (wanted);

    g_test_message ("%s, consent of %s, to %s", business, consent, to);
    g_assert_nonnull (strstr (words, "遺留指紋データの入力と照合結果の出力"));
    g_assert_nonnull (strstr (words, "強盗事件の捜査"));
    g_assert_nonnull (strstr (words, business));
    g_assert_nonnull (strstr (words, to));
    g_assert_nonnull (strstr (words, done->from_title));
    g_assert_nonnull (strstr (words, manager));
    g_assert_nonnull (strstr (words, "遺留指紋票"));
    g_assert_nonnull (strstr (words, "指紋照合結果一覧表"));
    g_assert_nonnull (strstr (words, wanted_when));
    /* The consent of R15-4 in the 対象業務管理者 row. */
    g_assert_cmpstr (consent, !=, "");
    g_assert_nonnull (strstr (words, consent));
    /* 受付, 処理, 入力資料返却, 出力資料交付 at the same minute. */
    g_assert_cmpuint (forms_test_count_of (words, when), >=, 4);
    g_assert_nonnull (strstr (words, "中央警察署警務課"));
    g_assert_nonnull (strstr (words, "A412枚"));
    g_assert_nonnull (strstr (words, "その他(CD-R)1枚"));
    g_assert_nonnull (strstr (words, "至急分を先行処理"));
  }
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forms/RF2/filled", test_form2_filled);
  g_test_add_func ("/forms/RF2/blank", test_form2_blank);
  g_test_add_func ("/forms/RF2/when", test_form2_when);
  g_test_add_func ("/forms/RF2/when-printed", test_form2_when_printed);
  g_test_add_func ("/forms/RF2/page-count", test_form2_page_count);
  g_test_add_func ("/forms/RF2/kind-circled", test_form2_kind_circled);
  g_test_add_func ("/forms/RF2/fixed-layout", test_form2_fixed_layout);
  g_test_add_func ("/forms/RF2/long-text", test_form2_long_text);
  g_test_add_func ("/forms/RF2/literal-values", test_form2_literal_values);
  g_test_add_func ("/forms/RF2/unwritable", test_form2_unwritable);
  g_test_add_func ("/forms/RF2/request-fill", test_form2_request_fill);
  g_test_add_func ("/forms/RF2/request-pdf", test_form2_request_pdf);

  return jhk_test_run ();
}
