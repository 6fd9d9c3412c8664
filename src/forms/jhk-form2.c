/* jhk-form2.c: 別記様式第2号 作業依頼書.
 *
 * The layout follows the original (../shared/FORMS.md): the addressee at
 * the top left and the sender at the right over the title, then one ruled
 * table in two blocks, 依頼所属記入 and 受理所属記入, each with its name
 * printed vertically in the left column. Labels are in IPAex Mincho, filled
 * values in IPAex Gothic inside their boxes; the chosen one of 入力・出力・
 * 修正 is circled. The 月 日 時 分 of the times are printed on the form
 * whether filled or not, the numbers before them. Nothing moves when a box
 * is empty: a value that does not fit its box wraps, then shrinks, then is
 * cut with an ellipsis, never spilling into the next one.
 */
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "jhk-form2.h"
#include "jhk-forms.h"

#define MARGIN      40.0
#define WIDTH       (JHK_FORMS_A4_WIDTH - 2 * MARGIN)
#define LINE_WIDTH  0.5
#define PAD         2.5
#define LABEL_SIZE  8.5
#define SMALL_SIZE  6.5
#define VALUE_SIZE  9.0
#define MIN_SIZE    4.5

/* Columns: the vertical block names, the row labels, then the values. */
#define X0  MARGIN
#define XV  (X0 + 22)
#define XL  (XV + 96)
#define XR  (MARGIN + WIDTH)
/* 依頼所属記入: the right-hand label (完成希望日時, 担当者...) and its value. */
#define XM  (XL + 180)
#define XMV (XM + 72)

/* Heights of the rows of 依頼所属記入. */
#define H_BUSINESS 28.0
#define H_SUMMARY  48.0
#define H_PURPOSE  40.0
#define H_PERSON   38.0
#define H_HEAD     20.0
#define H_ROW      32.0
/* ... and of 受理所属記入. */
#define H_STEP     32.0
#define H_PAPER    26.0
#define H_REMARKS  84.0

#define TABLE_TOP  128.0
#define CONTINUATION_TOP TABLE_TOP

/* The columns of the materials table: 区分, 資料等の内容, 数量, 資料の形態,
 * 備考. */
static const double item_edges[] = { XV, XL, XM, XM + 40, XM + 126, XR };
/* The columns of 受理所属記入: 項目, 処理日時, 担当者, 特記事項. */
static const double step_edges[] = { XV, XL, XL + 135, XL + 205, XR };

G_STATIC_ASSERT (JHK_FORM2_KIND_INPUT == 1 && JHK_FORM2_KIND_CORRECTION == 3);

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
} Sheet;

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Parses "YYYY-MM-DD HH:MM" into its parts and the 和暦 year ("令和8年");
 * FALSE when it is not such a time. */
static gboolean
parse_when (const char  *when,
            char       **era_year,
            int         *month,
            int         *day,
            int         *hour,
            int         *minute)
{
  static const char pattern[] = "0000-00-00 00:00";
  g_autofree char *date = NULL;
  const char *nen;
  int year;

  if (is_empty (when) || strlen (when) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == '0' ? !g_ascii_isdigit (when[i]) : when[i] != pattern[i])
      return FALSE;
  if (sscanf (when, "%4d-%2d-%2d %2d:%2d", &year, month, day, hour, minute) != 5 ||
      *hour > 23 || *minute > 59)
    return FALSE;
  date = jhk_forms_format_wareki (year, *month, *day, NULL);
  if (date == NULL || (nen = strstr (date, "年")) == NULL)
    return FALSE;
  *era_year = g_strndup (date, nen + strlen ("年") - date);
  return TRUE;
}

char *
jhk_form2_format_when (const char *when)
{
  g_autofree char *era_year = NULL;
  int month, day, hour, minute;

  if (!parse_when (when, &era_year, &month, &day, &hour, &minute))
    return NULL;
  return g_strdup_printf ("%s%d月%d日%d時%d分", era_year, month, day, hour, minute);
}

static void
draw_markup (Sheet         *sheet,
             const char    *family,
             double         size,
             double         x,
             double         y,
             double         w,
             double         h,
             const char    *markup,
             JhkFormsAlign  align,
             gboolean       wrap)
{
  jhk_forms_draw_in_box (sheet->cr, sheet->context, family, size, MIN_SIZE, PAD, x, y, w, h,
                         markup, align, wrap);
}

/* A printed label of the form, centred in its box. */
static void
label (Sheet      *sheet,
       double      x,
       double      y,
       double      w,
       double      h,
       const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  draw_markup (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, x, y, w, h, markup, JHK_FORMS_ALIGN_CENTER,
               TRUE);
}

/* A printed word placed on one line in its box. */
static void
word (Sheet         *sheet,
      double         size,
      double         x,
      double         y,
      double         w,
      double         h,
      const char    *text,
      JhkFormsAlign  align)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  draw_markup (sheet, JHK_FORMS_MINCHO, size, x, y, w, h, markup, align, FALSE);
}

/* A filled value; a line break in it does not move the lines of the box
 * when it is kept on one line. */
static void
value (Sheet         *sheet,
       double         x,
       double         y,
       double         w,
       double         h,
       const char    *text,
       JhkFormsAlign  align,
       gboolean       wrap)
{
  g_autofree char *one_line = NULL;
  g_autofree char *markup = NULL;

  if (is_empty (text))
    return;
  one_line = wrap ? g_strdup (text) : g_strdelimit (g_strdup (text), "\r\n", ' ');
  markup = g_markup_escape_text (one_line, -1);
  draw_markup (sheet, JHK_FORMS_GOTHIC, VALUE_SIZE, x, y, w, h, markup, align, wrap);
}

/* The name of a block printed downwards in the left column, its
 * characters spread over the block's height. */
static void
vertical_label (Sheet      *sheet,
                double      y0,
                double      y1,
                const char *text)
{
  glong n = g_utf8_strlen (text, -1);
  double slot = MIN ((y1 - y0) / MAX (n, 1), 36.0);
  double top = y0 + ((y1 - y0) - slot * n) / 2;
  const char *p = text;

  for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
    {
      g_autofree char *one = g_strndup (p, g_utf8_next_char (p) - p);

      word (sheet, 10, X0, top + i * slot, XV - X0, slot, one, JHK_FORMS_ALIGN_CENTER);
    }
}

/* "<to_title> 殿" at the top left, the sender at the right, both on a
 * ruled line of their own width, then the title. */
static void
draw_heading (Sheet          *sheet,
              const JhkForm2 *form,
              double          title_size,
              const char     *title_note)
{
  cairo_t *cr = sheet->cr;
  const double to_w = 200, from_w = 190, to_y = 40, from_y = 64, h = 20;
  g_autoptr(PangoLayout) layout = jhk_forms_new_layout (sheet->context, JHK_FORMS_MINCHO,
                                                        title_size);
  g_autofree char *markup = g_markup_printf_escaped ("<span letter_spacing=\"%d\">作業依頼書</span>",
                                                     (int) (title_size * 0.6 * PANGO_SCALE));

  jhk_forms_hline (cr, MARGIN, MARGIN + to_w, to_y + h);
  jhk_forms_hline (cr, XR - from_w, XR, from_y + h);
  cairo_stroke (cr);
  value (sheet, MARGIN, to_y, to_w, h, form->to_title, JHK_FORMS_ALIGN_LEFT, FALSE);
  word (sheet, 11, MARGIN + to_w, to_y, 24, h, "殿", JHK_FORMS_ALIGN_LEFT);
  value (sheet, XR - from_w, from_y, from_w, h, form->from_title, JHK_FORMS_ALIGN_RIGHT, FALSE);

  pango_layout_set_width (layout, (int) (WIDTH * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (cr, MARGIN, 92);
  pango_cairo_show_layout (cr, layout);
  if (title_note != NULL)
    word (sheet, LABEL_SIZE, XR - 120, 100, 120, 16, title_note, JHK_FORMS_ALIGN_RIGHT);
}

/* A time in the form's 月 日 時 分 box: the four words always printed at
 * their places, the numbers right before them and the 和暦 year in front.
 * A text that is not a time prints as it is in the year's place, so a
 * wrong value shows instead of vanishing. */
static void
draw_when (Sheet      *sheet,
           double      x,
           double      y,
           double      w,
           double      h,
           const char *when)
{
  const char *const units[] = { "月", "日", "時", "分" };
  const double unit_w = 9;
  double year_w = w * 0.26, slot_w = (w - year_w) / G_N_ELEMENTS (units);
  g_autofree char *era_year = NULL;
  int numbers[4];

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    word (sheet, LABEL_SIZE, x + year_w + (i + 1) * slot_w - unit_w - 2 * PAD, y,
          unit_w + 2 * PAD, h, units[i], JHK_FORMS_ALIGN_CENTER);
  if (is_empty (when))
    return;
  if (!parse_when (when, &era_year, &numbers[0], &numbers[1], &numbers[2], &numbers[3]))
    {
      value (sheet, x, y, year_w, h, when, JHK_FORMS_ALIGN_LEFT, FALSE);
      return;
    }
  value (sheet, x, y, year_w, h, era_year, JHK_FORMS_ALIGN_RIGHT, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", numbers[i]);

      /* The number's right padding is the unit's left one. */
      value (sheet, x + year_w + i * slot_w, y, slot_w - unit_w, h, number,
             JHK_FORMS_ALIGN_RIGHT, FALSE);
    }
}

/* A 職名 and 氏名 box: the two words small at the top, as printed, the
 * values under them. */
static void
draw_title_name (Sheet      *sheet,
                 double      x,
                 double      y,
                 double      w,
                 double      h,
                 const char *title,
                 const char *name)
{
  const double head_h = 12, title_w = w * 0.5;

  word (sheet, SMALL_SIZE, x, y, title_w, head_h, "職名", JHK_FORMS_ALIGN_LEFT);
  word (sheet, SMALL_SIZE, x + title_w, y, w - title_w, head_h, "氏名", JHK_FORMS_ALIGN_LEFT);
  value (sheet, x + 4, y + head_h - 2, title_w - 4, h - head_h + 2, title, JHK_FORMS_ALIGN_LEFT,
         FALSE);
  value (sheet, x + title_w + 4, y + head_h - 2, w - title_w - 4, h - head_h + 2, name,
         JHK_FORMS_ALIGN_LEFT, FALSE);
}

/* 入力・出力・修正 centred in the box, each word placed by itself and the
 * chosen one circled. */
static void
draw_kind (Sheet        *sheet,
           double        x,
           double        y,
           double        w,
           double        h,
           JhkForm2Kind  kind)
{
  cairo_t *cr = sheet->cr;
  const char *const words[] = { "入力", "出力", "修正" };
  const double gap = 2.5;  /* room for the circle on either side of a word */
  g_autoptr(PangoLayout) layout = jhk_forms_new_layout (sheet->context, JHK_FORMS_MINCHO,
                                                        LABEL_SIZE);
  g_autoptr(PangoLayout) dot = pango_layout_copy (layout);
  double widths[G_N_ELEMENTS (words)], dot_w, total = 0, wx, wy, lh_pt;
  int lw, lh;


  pango_layout_set_text (dot, "・", -1);
  pango_layout_get_size (dot, &lw, &lh);
  /* The full-width dot's own side bearings are room enough. */
  dot_w = (double) lw / PANGO_SCALE * 0.6;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_size (layout, &lw, &lh);
      widths[i] = (double) lw / PANGO_SCALE;
      total += widths[i] + 2 * gap + (i + 1 < G_N_ELEMENTS (words) ? dot_w : 0);
    }
  lh_pt = (double) lh / PANGO_SCALE;
  wx = x + MAX (0, (w - total) / 2);
  wy = y + (h - lh_pt) / 2;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      wx += gap;
      pango_layout_set_text (layout, words[i], -1);
      cairo_move_to (cr, wx, wy);
      pango_cairo_show_layout (cr, layout);
      if ((int) kind == (int) i + 1)
        jhk_forms_circle (cr, wx, wy, widths[i], lh_pt, gap);
      wx += widths[i] + gap;
      if (i + 1 < G_N_ELEMENTS (words))
        {
          cairo_move_to (cr, wx - dot_w / 3, wy);
          pango_cairo_show_layout (cr, dot);
          wx += dot_w;
        }
    }
}

/* The materials table from @y: its header, then @n_slots rows of 資料等
 * filled from @rows; returns the bottom. The rules are drawn by the
 * caller. */
static double
draw_items (Sheet             *sheet,
            const JhkForm2Row *rows,
            guint              n_rows,
            guint              n_slots,
            double             y)
{
  const char *const heads[] = { "区　　分", "資料等の内容", "数　量", "資料の形態", "備　　考" };
  static const JhkForm2Row empty = { 0 };
  const double *e = item_edges;

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    label (sheet, e[i], y, e[i + 1] - e[i], H_HEAD, heads[i]);
  y += H_HEAD;
  for (guint i = 0; i < n_slots; i++)
    {
      const JhkForm2Row *row = i < n_rows ? &rows[i] : &empty;
      double top = y + i * H_ROW;

      draw_kind (sheet, e[0], top, e[1] - e[0], H_ROW, row->kind);
      value (sheet, e[1], top, e[2] - e[1], H_ROW, row->content, JHK_FORMS_ALIGN_LEFT, TRUE);
      value (sheet, e[2], top, e[3] - e[2], H_ROW, row->quantity, JHK_FORMS_ALIGN_CENTER, FALSE);
      value (sheet, e[3], top, e[4] - e[3], H_ROW, row->form, JHK_FORMS_ALIGN_CENTER, TRUE);
      value (sheet, e[4], top, e[5] - e[4], H_ROW, row->note, JHK_FORMS_ALIGN_LEFT, TRUE);
    }
  return y + n_slots * H_ROW;
}

/* The rules of the materials table from @y (its header) with @n_slots
 * rows; the vertical ones between the columns from @y. */
static void
rule_items (cairo_t *cr,
            double   y,
            guint    n_slots)
{
  double bottom = y + H_HEAD + n_slots * H_ROW;

  jhk_forms_hline (cr, XV, XR, y);
  for (guint i = 0; i <= n_slots; i++)
    jhk_forms_hline (cr, XV, XR, y + H_HEAD + i * H_ROW);
  for (guint i = 1; i + 1 < G_N_ELEMENTS (item_edges); i++)
    jhk_forms_vline (cr, item_edges[i], y, bottom);
}

/* 依頼所属記入 from @y; returns its bottom. */
static double
draw_request_block (Sheet          *sheet,
                    const JhkForm2 *form,
                    double          y)
{
  cairo_t *cr = sheet->cr;
  const double y1 = y + H_BUSINESS, y2 = y1 + H_SUMMARY, y3 = y2 + H_PURPOSE;
  const double y4 = y3 + H_PERSON, y5 = y4 + H_PERSON;
  const double bottom = y5 + H_HEAD + JHK_FORM2_FIRST_SHEET_ROWS * H_ROW;
  guint n = MIN (form->n_rows, JHK_FORM2_FIRST_SHEET_ROWS);

  /* Rules: the rows, the label column, the right-hand labels of the three
   * rows that have them, then the materials table. */
  jhk_forms_hline (cr, XV, XR, y1);
  jhk_forms_hline (cr, XV, XR, y2);
  jhk_forms_hline (cr, XV, XR, y3);
  jhk_forms_hline (cr, XV, XR, y4);
  jhk_forms_vline (cr, XV, y, bottom);
  jhk_forms_vline (cr, XL, y, y5);
  jhk_forms_vline (cr, XM, y2, y5);
  jhk_forms_vline (cr, XMV, y2, y5);
  rule_items (cr, y5, JHK_FORM2_FIRST_SHEET_ROWS);
  cairo_stroke (cr);

  vertical_label (sheet, y, bottom, "依頼所属記入");

  label (sheet, XV, y, XL - XV, H_BUSINESS, "対象業務名");
  value (sheet, XL, y, XR - XL, H_BUSINESS, form->business, JHK_FORMS_ALIGN_LEFT, TRUE);

  label (sheet, XV, y1, XL - XV, H_SUMMARY, "作業概要");
  value (sheet, XL, y1, XR - XL, H_SUMMARY, form->summary, JHK_FORMS_ALIGN_LEFT, TRUE);

  label (sheet, XV, y2, XL - XV, H_PURPOSE, "目　　的");
  value (sheet, XL, y2, XM - XL, H_PURPOSE, form->purpose, JHK_FORMS_ALIGN_LEFT, TRUE);
  label (sheet, XM, y2, XMV - XM, H_PURPOSE, "完成希望日時");
  draw_when (sheet, XMV, y2, XR - XMV, H_PURPOSE, form->wanted_at);

  label (sheet, XV, y3, XL - XV, H_PERSON, "依頼所属\n情報管理者");
  draw_title_name (sheet, XL, y3, XM - XL, H_PERSON, form->manager_title, form->manager_name);
  label (sheet, XM, y3, XMV - XM, H_PERSON, "担 当 者\n氏名・電話");
  value (sheet, XMV, y3, XR - XMV, H_PERSON / 2 + PAD, form->contact_name, JHK_FORMS_ALIGN_LEFT,
         FALSE);
  value (sheet, XMV, y3 + H_PERSON / 2 - PAD, XR - XMV, H_PERSON / 2 + PAD, form->contact_phone,
         JHK_FORMS_ALIGN_LEFT, FALSE);

  label (sheet, XV, y4, XL - XV, H_PERSON, "対象業務\n管 理 者");
  draw_title_name (sheet, XL, y4, XM - XL, H_PERSON, form->consent_title, form->consent_name);
  label (sheet, XM, y4, XMV - XM, H_PERSON, "電　　話");
  value (sheet, XMV, y4, XR - XMV, H_PERSON, form->consent_phone, JHK_FORMS_ALIGN_LEFT, FALSE);

  draw_items (sheet, form->rows, n, JHK_FORM2_FIRST_SHEET_ROWS, y5);
  return bottom;
}

/* The 受領者 所属 and 氏名 of a hand-over, in the 特記事項 box. */
static void
draw_receiver (Sheet              *sheet,
               double              x,
               double              y,
               double              w,
               double              h,
               const JhkForm2Step *step)
{
  const double head_w = 30, word_w = 19;
  double rest = w - head_w - 2 * word_w, office_w = rest * 0.58;
  double xo = x + head_w, xn = xo + word_w + office_w;

  word (sheet, LABEL_SIZE, x, y, head_w, h, "受領者", JHK_FORMS_ALIGN_LEFT);
  word (sheet, LABEL_SIZE, xo, y, word_w, h, "所属", JHK_FORMS_ALIGN_LEFT);
  value (sheet, xo + word_w, y, office_w, h, step->to_office, JHK_FORMS_ALIGN_LEFT, FALSE);
  word (sheet, LABEL_SIZE, xn, y, word_w, h, "氏名", JHK_FORMS_ALIGN_LEFT);
  value (sheet, xn + word_w, y, rest - office_w, h, step->to_name, JHK_FORMS_ALIGN_LEFT, FALSE);
}

/* A count of sheets and its 枚 at the right of a box of 用紙. */
static void
draw_sheets (Sheet  *sheet,
             double  x,
             double  y,
             double  w,
             double  h,
             int     count)
{
  const double unit_w = 12, count_w = 30;

  word (sheet, LABEL_SIZE, x + w - unit_w - PAD, y, unit_w + PAD, h, "枚", JHK_FORMS_ALIGN_LEFT);
  if (count > 0)
    {
      g_autofree char *number = g_strdup_printf ("%d", count);

      value (sheet, x + w - unit_w - count_w, y, count_w, h, number, JHK_FORMS_ALIGN_RIGHT, FALSE);
    }
}

/* 用紙: 連続用紙, 定型用紙, A4 and その他( ), each with its count. */
static void
draw_paper (Sheet          *sheet,
            const JhkForm2 *form,
            double          y)
{
  cairo_t *cr = sheet->cr;
  const double x1 = XL + 96, x2 = x1 + 96, x3 = x2 + 72;
  const double open_w = 34, close_w = 8, unit_w = 54;
  double text_x = x3 + open_w, text_w = XR - unit_w - close_w - text_x;

  jhk_forms_vline (cr, x1, y, y + H_PAPER);
  jhk_forms_vline (cr, x2, y, y + H_PAPER);
  jhk_forms_vline (cr, x3, y, y + H_PAPER);
  cairo_stroke (cr);

  word (sheet, LABEL_SIZE, XL, y, 48, H_PAPER, "連続用紙", JHK_FORMS_ALIGN_LEFT);
  draw_sheets (sheet, XL, y, x1 - XL, H_PAPER, form->paper_continuous);
  word (sheet, LABEL_SIZE, x1, y, 48, H_PAPER, "定型用紙", JHK_FORMS_ALIGN_LEFT);
  draw_sheets (sheet, x1, y, x2 - x1, H_PAPER, form->paper_standard);
  word (sheet, LABEL_SIZE, x2, y, 24, H_PAPER, "A4", JHK_FORMS_ALIGN_LEFT);
  draw_sheets (sheet, x2, y, x3 - x2, H_PAPER, form->paper_a4);
  word (sheet, LABEL_SIZE, x3, y, open_w, H_PAPER, "その他(", JHK_FORMS_ALIGN_LEFT);
  value (sheet, text_x - PAD, y, text_w + PAD, H_PAPER, form->paper_other_text,
         JHK_FORMS_ALIGN_CENTER, FALSE);
  word (sheet, LABEL_SIZE, text_x + text_w - PAD, y, close_w + PAD, H_PAPER, ")",
        JHK_FORMS_ALIGN_LEFT);
  draw_sheets (sheet, XR - unit_w, y, unit_w, H_PAPER, form->paper_other);
}

/* 受理所属記入 from @y; returns its bottom. */
static double
draw_receipt_block (Sheet          *sheet,
                    const JhkForm2 *form,
                    double          y)
{
  cairo_t *cr = sheet->cr;
  const char *const heads[] = { "項　　目", "処 理 日 時", "担 当 者", "特 記 事 項" };
  const char *const items[] = { "受　　付", "処　　理", "入力資料\n返　　却", "出力資料\n交　　付" };
  const JhkForm2Step *steps[] = { &form->received, &form->processed, &form->input_returned,
                                  &form->output_delivered };
  const double steps_bottom = y + H_HEAD + G_N_ELEMENTS (items) * H_STEP;
  const double bottom = steps_bottom + H_PAPER + H_REMARKS;
  const double *e = step_edges;

  for (guint i = 0; i <= G_N_ELEMENTS (items); i++)
    jhk_forms_hline (cr, XV, XR, y + H_HEAD + i * H_STEP);
  jhk_forms_hline (cr, XV, XR, steps_bottom + H_PAPER);
  jhk_forms_vline (cr, XV, y, bottom);
  jhk_forms_vline (cr, XL, y, bottom);
  for (guint i = 2; i + 1 < G_N_ELEMENTS (step_edges); i++)
    jhk_forms_vline (cr, e[i], y, steps_bottom);
  cairo_stroke (cr);

  vertical_label (sheet, y, bottom, "受理所属記入");
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    label (sheet, e[i], y, e[i + 1] - e[i], H_HEAD, heads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      double top = y + H_HEAD + i * H_STEP;

      label (sheet, e[0], top, e[1] - e[0], H_STEP, items[i]);
      draw_when (sheet, e[1], top, e[2] - e[1], H_STEP, steps[i]->at);
      value (sheet, e[2], top, e[3] - e[2], H_STEP, steps[i]->handler, JHK_FORMS_ALIGN_CENTER,
             TRUE);
      if (i < 2)
        value (sheet, e[3], top, e[4] - e[3], H_STEP, steps[i]->note, JHK_FORMS_ALIGN_LEFT, TRUE);
      else
        draw_receiver (sheet, e[3], top, e[4] - e[3], H_STEP, steps[i]);
    }

  label (sheet, XV, steps_bottom, XL - XV, H_PAPER, "用　　紙");
  draw_paper (sheet, form, steps_bottom);
  label (sheet, XV, steps_bottom + H_PAPER, XL - XV, H_REMARKS, "記 事 欄");
  value (sheet, XL, steps_bottom + H_PAPER, XR - XL, H_REMARKS, form->remarks,
         JHK_FORMS_ALIGN_LEFT, TRUE);
  return bottom;
}

guint
jhk_form2_n_pages (const JhkForm2 *form)
{
  g_return_val_if_fail (form != NULL, 1);

  return jhk_forms_n_sheets (form->n_rows, JHK_FORM2_FIRST_SHEET_ROWS,
                             JHK_FORM2_CONTINUATION_SHEET_ROWS);
}

static void
draw_first_sheet (Sheet          *sheet,
                  const JhkForm2 *form)
{
  guint n_pages = jhk_form2_n_pages (form);
  g_autofree char *note = n_pages > 1 ? g_strdup_printf ("（1／%u枚）", n_pages) : NULL;
  double y;

  draw_heading (sheet, form, 18, note);
  y = draw_request_block (sheet, form, TABLE_TOP);
  y = draw_receipt_block (sheet, form, y);
  cairo_rectangle (sheet->cr, X0, TABLE_TOP, XR - X0, y - TABLE_TOP);
  cairo_stroke (sheet->cr);
}

/* A continuation sheet: the heading, the 対象業務名, then the materials
 * table with its header, continuing the rows. */
static void
draw_continuation_sheet (Sheet          *sheet,
                         const JhkForm2 *form,
                         guint           page)
{
  cairo_t *cr = sheet->cr;
  guint n_pages = MAX (jhk_form2_n_pages (form), page + 1);
  guint first;
  guint n = jhk_forms_sheet_rows (form->n_rows, JHK_FORM2_FIRST_SHEET_ROWS,
                                  JHK_FORM2_CONTINUATION_SHEET_ROWS, page, &first);
  g_autofree char *note = g_strdup_printf ("（続き　%u／%u枚）", page + 1, n_pages);
  const double y = CONTINUATION_TOP, y1 = y + H_BUSINESS;
  const double bottom = y1 + H_HEAD + JHK_FORM2_CONTINUATION_SHEET_ROWS * H_ROW;

  draw_heading (sheet, form, 18, note);
  cairo_rectangle (cr, X0, y, XR - X0, bottom - y);
  jhk_forms_vline (cr, XV, y, bottom);
  jhk_forms_vline (cr, XL, y, y1);
  rule_items (cr, y1, JHK_FORM2_CONTINUATION_SHEET_ROWS);
  cairo_stroke (cr);

  vertical_label (sheet, y, bottom, "依頼所属記入");
  label (sheet, XV, y, XL - XV, H_BUSINESS, "対象業務名");
  value (sheet, XL, y, XR - XL, H_BUSINESS, form->business, JHK_FORMS_ALIGN_LEFT, TRUE);
  draw_items (sheet, form->rows + first, n, JHK_FORM2_CONTINUATION_SHEET_ROWS, y1);
}

void
jhk_form2_draw (const JhkForm2 *form,
                cairo_t        *cr,
                guint           page)
{
  Sheet sheet = { cr, NULL };

  g_return_if_fail (form != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (form->n_rows == 0 || form->rows != NULL);

  sheet.context = jhk_forms_begin_sheet (cr, LINE_WIDTH);
  if (page == 0)
    draw_first_sheet (&sheet, form);
  else
    draw_continuation_sheet (&sheet, form, page);
  jhk_forms_end_sheet (cr, sheet.context);
}

static void
draw_page (gconstpointer  form,
           cairo_t       *cr,
           guint          page)
{
  jhk_form2_draw (form, cr, page);
}

gboolean
jhk_form2_write_pdf (const JhkForm2  *form,
                     const char      *path,
                     GError         **error)
{
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return jhk_forms_write_pages_pdf (path, "作業依頼書", form->business, jhk_form2_n_pages (form),
                                    draw_page, form, error);
}
