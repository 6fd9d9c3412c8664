/* jhk-form1.c: 別記様式第1号 入出力資料管理票.
 *
 * The layout follows the original (../shared/FORMS.md): ruled boxes with
 * thin lines, labels in IPAex Mincho in the left cells, filled values in
 * IPAex Gothic inside their boxes, □ and ■ for the choice boxes. Nothing
 * moves when a box is empty: a value that does not fit its box wraps, then
 * shrinks, then is cut with an ellipsis, never spilling into the next one.
 */
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "jhk-form1.h"
#include "jhk-forms.h"

#define MARGIN     40.0
#define WIDTH      (JHK_FORMS_A4_WIDTH - 2 * MARGIN)
#define LINE_WIDTH 0.5
#define PAD        2.5
#define LABEL_SIZE 8.5
#define VALUE_SIZE 8.5
#define MIN_SIZE   4.5
#define ROW_H      46.0   /* one history row */
#define HEAD_H     28.0   /* two-line column headings */
#define STAMP_W    62.0
#define STAMP_HEAD_H 26.0
#define STAMP_H    52.0

/* Columns of 保管後の経過欄: 処理年月日, 処理区分, 数量, 取扱者, 情報管理者確認;
 * 備考 takes the rest. */
static const double history_cols[] = { 78, 122, 42, 112, 68 };

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
} Sheet;

static const char *const role_labels[JHK_FORM1_N_ROLES] = {
  "運用管理者", "情報管理\n責 任 者", "情報管理者", "情報管理補\n助    者",
};

static const char *const final_role_labels[JHK_FORM1_N_ROLES] = {
  "運用管理者", "情報管理\n責任者", "情報管理者", "情報管理\n補 助 者",
};

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* An ISO date in 和暦; text that is not a date prints as it is, so a wrong
 * value shows on the form instead of vanishing. */
static char *
format_date (const char *iso)
{
  int year, month, day;
  char *text;

  if (is_empty (iso))
    return g_strdup ("");
  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      (text = jhk_forms_format_wareki (year, month, day, NULL)) != NULL)
    return text;
  return g_strdup (iso);
}

static const char *
box (gboolean checked)
{
  return checked ? "■" : "□";
}

/* A filled value inside a label's markup; an empty one keeps its room. */
static char *
value_markup (const char *text,
              const char *empty)
{
  g_autofree char *one_line = NULL;

  if (is_empty (text))
    return g_strdup (empty);
  /* mixed() lays out line by line: a value stays on its line. */
  one_line = g_strdelimit (g_strdup (text), "\r\n", ' ');
  return g_markup_printf_escaped ("<span font_family=\"" JHK_FORMS_GOTHIC "\">%s</span>",
                                  one_line);
}

static PangoLayout *
new_layout (Sheet      *sheet,
            const char *family,
            double      size)
{
  return jhk_forms_new_layout (sheet->context, family, size);
}

/* jhk_forms_draw_in_box() with the form's padding and smallest size. */
static void
draw_in_box (Sheet         *sheet,
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

static void
label (Sheet      *sheet,
       double      x,
       double      y,
       double      w,
       double      h,
       const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  draw_in_box (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, x, y, w, h, markup, JHK_FORMS_ALIGN_CENTER,
               TRUE);
}

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
  g_autofree char *markup = NULL;

  if (is_empty (text))
    return;
  markup = g_markup_escape_text (text, -1);
  draw_in_box (sheet, JHK_FORMS_GOTHIC, VALUE_SIZE, x, y, w, h, markup, align, wrap);
}

/* Left-aligned mixed text, labels in Mincho and values spanned in Gothic,
 * one line of the box for each line of @markup as printed on the form:
 * each line wraps and shrinks in its own place, so a long value does not
 * shrink the choices around it. */
static void
mixed (Sheet      *sheet,
       double      x,
       double      y,
       double      w,
       double      h,
       const char *markup)
{
  g_auto(GStrv) lines = g_strsplit (markup, "\n", -1);
  guint n = g_strv_length (lines);
  double slot_h = (h - 2 * PAD) / MAX (n, 1);

  for (guint i = 0; i < n; i++)
    draw_in_box (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, x, y + i * slot_h, w, slot_h + 2 * PAD,
                 lines[i], JHK_FORMS_ALIGN_LEFT, TRUE);
}

static void
section_title (Sheet      *sheet,
               double      y,
               const char *text)
{
  g_autoptr(PangoLayout) layout = new_layout (sheet, JHK_FORMS_MINCHO, 9.5);

  pango_layout_set_text (layout, text, -1);
  cairo_move_to (sheet->cr, MARGIN, y);
  pango_cairo_show_layout (sheet->cr, layout);
}

static char *
handler_markup (const JhkForm1Handler *handler)
{
  g_autofree char *section = value_markup (handler->section, "");
  g_autofree char *name = value_markup (handler->name, "");

  return g_strdup_printf ("係　%s\n氏名　%s", section, name);
}

/* 係 and 氏名 on two lines, kept together as one block. */
static void
draw_handler (Sheet                 *sheet,
              double                 x,
              double                 y,
              double                 w,
              double                 h,
              const JhkForm1Handler *handler)
{
  g_autofree char *markup = handler_markup (handler);

  draw_in_box (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, x, y, w, h, markup, JHK_FORMS_ALIGN_LEFT, TRUE);
}

/* A confirmation drawn like a seal impression: a red circle with the family
 * name (the part before the first space), the date under it. */
static void
draw_stamp (Sheet               *sheet,
            double               x,
            double               y,
            const JhkForm1Stamp *stamp)
{
  cairo_t *cr = sheet->cr;
  const double r = 15, cx = x + STAMP_W / 2, cy = y + 4 + r;
  g_autofree char *family = NULL;
  g_autofree char *date = NULL;
  const char *space;

  if (is_empty (stamp->name))
    return;
  space = strpbrk (stamp->name, " 　");
  family = space != NULL && space != stamp->name ? g_strndup (stamp->name, space - stamp->name)
                                                  : g_strdup (stamp->name);
  date = format_date (stamp->date);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.80, 0.10, 0.10);
  cairo_set_line_width (cr, 1.0);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  {
    g_autofree char *markup = g_markup_escape_text (family, -1);
    /* The square inside the circle. */
    double side = r * 1.414;

    /* Names of four characters or more go on two lines, as seals do. */
    draw_in_box (sheet, JHK_FORMS_GOTHIC, 9, cx - side / 2 - PAD, cy - side / 2 - PAD,
                 side + 2 * PAD, side + 2 * PAD, markup, JHK_FORMS_ALIGN_CENTER,
                 g_utf8_strlen (family, -1) >= 4);
  }
  cairo_restore (cr);
  value (sheet, x, cy + r, STAMP_W, y + STAMP_H - cy - r, date, JHK_FORMS_ALIGN_CENTER, FALSE);
}

/* The four sign-off boxes at the right margin, the section title on the
 * left; returns the bottom. */
static double
draw_stamp_boxes (Sheet               *sheet,
                  double               y,
                  const char          *title,
                  const char *const   *labels,
                  const JhkForm1Stamp *stamps)
{
  cairo_t *cr = sheet->cr;
  double x0 = MARGIN + WIDTH - JHK_FORM1_N_ROLES * STAMP_W;

  section_title (sheet, y, title);
  cairo_rectangle (cr, x0, y, JHK_FORM1_N_ROLES * STAMP_W, STAMP_HEAD_H + STAMP_H);
  jhk_forms_hline (cr, x0, x0 + JHK_FORM1_N_ROLES * STAMP_W, y + STAMP_HEAD_H);
  for (guint i = 1; i < JHK_FORM1_N_ROLES; i++)
    jhk_forms_vline (cr, x0 + i * STAMP_W, y, y + STAMP_HEAD_H + STAMP_H);
  cairo_stroke (cr);
  for (guint i = 0; i < JHK_FORM1_N_ROLES; i++)
    {
      label (sheet, x0 + i * STAMP_W, y, STAMP_W, STAMP_HEAD_H, labels[i]);
      draw_stamp (sheet, x0 + i * STAMP_W, y + STAMP_HEAD_H, &stamps[i]);
    }
  return y + STAMP_HEAD_H + STAMP_H;
}

static void
draw_title (Sheet      *sheet,
            double      y,
            const char *text,
            double      size)
{
  g_autoptr(PangoLayout) layout = new_layout (sheet, JHK_FORMS_MINCHO, size);
  g_autofree char *markup = g_markup_printf_escaped ("<span letter_spacing=\"%d\">%s</span>",
                                                     (int) (size * 0.3 * PANGO_SCALE), text);

  pango_layout_set_width (layout, (int) (WIDTH * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (sheet->cr, MARGIN, y);
  pango_cairo_show_layout (sheet->cr, layout);
}

/* 資料内容欄; returns the bottom. */
static double
draw_contents (Sheet          *sheet,
               const JhkForm1 *form,
               double          y)
{
  cairo_t *cr = sheet->cr;
  const double rows[] = { 24, 34, 28, 46 };
  const double x0 = MARGIN, x1 = x0 + 70, x2 = x1 + 190, x3 = x2 + 58, x4 = x0 + WIDTH;
  const double y1 = y + rows[0], y2 = y1 + rows[1], y3 = y2 + rows[2], y4 = y3 + rows[3];
  g_autofree char *direction = NULL;
  g_autofree char *section = value_markup (form->handler.section, "");
  g_autofree char *name = value_markup (form->handler.name, "");
  g_autofree char *section_markup = NULL;
  g_autofree char *name_markup = NULL;

  cairo_rectangle (cr, x0, y, x4 - x0, y4 - y);
  jhk_forms_hline (cr, x0, x4, y1);
  jhk_forms_hline (cr, x0, x2, y2);
  jhk_forms_hline (cr, x0, x4, y3);
  jhk_forms_vline (cr, x1, y, y4);
  jhk_forms_vline (cr, x2, y, y3);
  jhk_forms_vline (cr, x3, y, y3);
  cairo_stroke (cr);

  label (sheet, x0, y, x1 - x0, rows[0], "資料区分");
  direction = g_strdup_printf ("%s入力資料　%s出力資料",
                               box (form->direction == JHK_FORM1_DIRECTION_INPUT),
                               box (form->direction == JHK_FORM1_DIRECTION_OUTPUT));
  mixed (sheet, x1, y, x2 - x1, rows[0], direction);
  label (sheet, x2, y, x3 - x2, rows[0], "取 扱 者");
  section_markup = g_strdup_printf ("係　%s", section);
  name_markup = g_strdup_printf ("氏名　%s", name);
  mixed (sheet, x3, y, (x4 - x3) * 0.45, rows[0], section_markup);
  mixed (sheet, x3 + (x4 - x3) * 0.45, y, (x4 - x3) * 0.55, rows[0], name_markup);

  label (sheet, x0, y1, x1 - x0, rows[1], "資 料 名");
  value (sheet, x1, y1, x2 - x1, rows[1], form->name, JHK_FORMS_ALIGN_LEFT, TRUE);
  label (sheet, x2, y1, x3 - x2, rows[1] + rows[2], "使用目的");
  value (sheet, x3, y1, x4 - x3, rows[1] + rows[2], form->purpose, JHK_FORMS_ALIGN_LEFT, TRUE);

  label (sheet, x0, y2, x1 - x0, rows[2], "数量(内訳)");
  value (sheet, x1, y2, x2 - x1, rows[2], form->quantity, JHK_FORMS_ALIGN_LEFT, TRUE);

  label (sheet, x0, y3, x1 - x0, rows[3], "資料概要");
  value (sheet, x1, y3, x4 - x1, rows[3], form->summary, JHK_FORMS_ALIGN_LEFT, TRUE);
  return y4;
}

/* 入手時の状況欄; returns the bottom. */
static double
draw_acquisition (Sheet          *sheet,
                  const JhkForm1 *form,
                  double          y)
{
  cairo_t *cr = sheet->cr;
  const double head_h = 18, body_h = 46;
  const double x0 = MARGIN, x1 = x0 + 78, x2 = x1 + 160, x3 = x2 + 105, x4 = x0 + WIDTH;
  g_autofree char *date = format_date (form->acquired_date);
  g_autofree char *from = value_markup (form->acquired_from, "　　　　　　");
  g_autofree char *other = value_markup (form->acquired_other, "　　　　　　");
  g_autofree char *place = value_markup (form->storage_place, "　　　　　　");
  g_autofree char *measure_other = value_markup (form->measure_other, "　　　　　　");
  g_autofree char *method = NULL;
  g_autofree char *measure = NULL;

  cairo_rectangle (cr, x0, y, x4 - x0, head_h + body_h);
  jhk_forms_hline (cr, x0, x4, y + head_h);
  jhk_forms_vline (cr, x1, y, y + head_h + body_h);
  jhk_forms_vline (cr, x2, y, y + head_h + body_h);
  jhk_forms_vline (cr, x3, y, y + head_h + body_h);
  cairo_stroke (cr);

  label (sheet, x0, y, x1 - x0, head_h, "入手年月日");
  label (sheet, x1, y, x2 - x1, head_h, "入 手 方 法");
  label (sheet, x2, y, x3 - x2, head_h, "取 扱 者");
  label (sheet, x3, y, x4 - x3, head_h, "入手後の措置");

  y += head_h;
  value (sheet, x0, y, x1 - x0, body_h, date, JHK_FORMS_ALIGN_CENTER, FALSE);
  method = g_strdup_printf ("%s受領(受領先:%s)\n%s印字出力\n%sその他(%s)",
                            box (form->acquisition == JHK_FORM1_ACQUISITION_RECEIVED), from,
                            box (form->acquisition == JHK_FORM1_ACQUISITION_PRINTED),
                            box (form->acquisition == JHK_FORM1_ACQUISITION_OTHER), other);
  mixed (sheet, x1, y, x2 - x1, body_h, method);
  draw_handler (sheet, x2, y, x3 - x2, body_h, &form->acquired_handler);
  measure = g_strdup_printf ("%s保管(保管先:%s)\n%s保管せず廃棄\n%sその他(%s)",
                             box (form->measure == JHK_FORM1_MEASURE_STORED), place,
                             box (form->measure == JHK_FORM1_MEASURE_DISCARDED),
                             box (form->measure == JHK_FORM1_MEASURE_OTHER), measure_other);
  mixed (sheet, x3, y, x4 - x3, body_h, measure);
  return y + body_h;
}

/* The column edges of 保管後の経過欄. */
static void
history_edges (double *x)
{
  x[0] = MARGIN;
  for (guint i = 0; i < G_N_ELEMENTS (history_cols); i++)
    x[i + 1] = x[i] + history_cols[i];
  x[G_N_ELEMENTS (history_cols) + 1] = MARGIN + WIDTH;
}

/* 保管後の経過欄 with @n_slots rows, filled from @rows; returns the bottom. */
static double
draw_history (Sheet             *sheet,
              const JhkForm1Row *rows,
              guint              n_rows,
              guint              n_slots,
              double             y)
{
  cairo_t *cr = sheet->cr;
  const char *const heads[] = { "処理年月日", "処理区分", "数量", "取 扱 者",
                                "情報管理者\n確　　認", "備　考" };
  double x[G_N_ELEMENTS (history_cols) + 2];
  double bottom = y + HEAD_H + n_slots * ROW_H;

  history_edges (x);
  cairo_rectangle (cr, x[0], y, x[G_N_ELEMENTS (x) - 1] - x[0], bottom - y);
  for (guint i = 0; i <= n_slots; i++)
    jhk_forms_hline (cr, x[0], x[G_N_ELEMENTS (x) - 1], y + HEAD_H + i * ROW_H);
  for (guint i = 1; i + 1 < G_N_ELEMENTS (x); i++)
    jhk_forms_vline (cr, x[i], y, bottom);
  cairo_stroke (cr);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    label (sheet, x[i], y, x[i + 1] - x[i], HEAD_H, heads[i]);

  for (guint i = 0; i < n_slots; i++)
    {
      const JhkForm1Row *row = i < n_rows ? &rows[i] : NULL;
      static const JhkForm1Row empty = { 0 };
      double top = y + HEAD_H + i * ROW_H;
      g_autofree char *date = NULL;
      g_autofree char *other = NULL;
      g_autofree char *kind = NULL;

      if (row == NULL)
        row = &empty;
      date = format_date (row->date);
      other = value_markup (row->kind == JHK_FORM1_EVENT_OTHER ? row->other : NULL, "　　　　");
      kind = g_strdup_printf ("%s貸出　%s返却\n%s一部廃棄\n%sその他(%s)",
                              box (row->kind == JHK_FORM1_EVENT_LEND),
                              box (row->kind == JHK_FORM1_EVENT_RETURN),
                              box (row->kind == JHK_FORM1_EVENT_PARTIAL_DISPOSAL),
                              box (row->kind == JHK_FORM1_EVENT_OTHER), other);

      value (sheet, x[0], top, x[1] - x[0], ROW_H, date, JHK_FORMS_ALIGN_CENTER, FALSE);
      mixed (sheet, x[1], top, x[2] - x[1], ROW_H, kind);
      value (sheet, x[2], top, x[3] - x[2], ROW_H, row->quantity, JHK_FORMS_ALIGN_CENTER, TRUE);
      draw_handler (sheet, x[3], top, x[4] - x[3], ROW_H, &row->handler);
      value (sheet, x[4], top, x[5] - x[4], ROW_H, row->confirmer, JHK_FORMS_ALIGN_CENTER, TRUE);
      value (sheet, x[5], top, x[6] - x[5], ROW_H, row->note, JHK_FORMS_ALIGN_LEFT, TRUE);
    }
  return bottom;
}

/* The final disposition row under 最終処理確認欄; the chosen one of
 * 廃棄・返却・交付・その他 is circled, as on the paper form. */
static double
draw_final (Sheet               *sheet,
            const JhkForm1Final *final,
            double               y)
{
  cairo_t *cr = sheet->cr;
  const double body_h = 38;
  const double x0 = MARGIN, x1 = x0 + 78, x2 = x1 + 150, x3 = x2 + 112, x4 = x3 + 78;
  const double x5 = MARGIN + WIDTH;
  /* In the order of JhkForm1FinalKind, from JHK_FORM1_FINAL_DISPOSAL. */
  const char *const words[] = { "廃棄", "返却", "交付", "その他" };
  g_autofree char *date = format_date (final->date);
  g_autofree char *other = value_markup (final->kind == JHK_FORM1_FINAL_OTHER ? final->other
                                                                               : NULL,
                                         "　　　　　　");
  double wx = x1 + PAD + 3, line1 = y + HEAD_H + 7, line2 = line1 + 14;

  cairo_rectangle (cr, x0, y, x5 - x0, HEAD_H + body_h);
  jhk_forms_hline (cr, x0, x5, y + HEAD_H);
  jhk_forms_vline (cr, x1, y, y + HEAD_H + body_h);
  jhk_forms_vline (cr, x2, y, y + HEAD_H + body_h);
  jhk_forms_vline (cr, x3, y, y + HEAD_H + body_h);
  jhk_forms_vline (cr, x4, y, y + HEAD_H + body_h);
  cairo_stroke (cr);

  label (sheet, x0, y, x1 - x0, HEAD_H, "最終処理\n年 月 日");
  label (sheet, x1, y, x2 - x1, HEAD_H, "最終処理方法");
  label (sheet, x2, y, x3 - x2, HEAD_H, "取 扱 者");
  label (sheet, x3, y, x4 - x3, HEAD_H, "情報管理者\n確　　認");
  label (sheet, x4, y, x5 - x4, HEAD_H, "備　考");

  y += HEAD_H;
  value (sheet, x0, y, x1 - x0, body_h, date, JHK_FORMS_ALIGN_CENTER, FALSE);
  /* 廃棄・返却・交付 on the first line, その他( ) on the second, each word
   * placed by itself so the chosen one can be circled. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(PangoLayout) layout = new_layout (sheet, JHK_FORMS_MINCHO, LABEL_SIZE);
      double ww, wy = i < 3 ? line1 : line2;
      int lw, lh;

      /* Room for the circle on either side of each word. */
      if (i == 3)
        wx = x1 + PAD + 3;
      wx += 3;
      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_size (layout, &lw, &lh);
      ww = (double) lw / PANGO_SCALE;
      cairo_move_to (cr, wx, wy);
      pango_cairo_show_layout (cr, layout);
      if ((int) final->kind == (int) i + 1)
        jhk_forms_circle (cr, wx, wy, ww, (double) lh / PANGO_SCALE, 3);
      wx += ww + 3;
      if (i < 2)
        {
          g_autoptr(PangoLayout) dot = new_layout (sheet, JHK_FORMS_MINCHO, LABEL_SIZE);

          pango_layout_set_text (dot, "・", -1);
          pango_layout_get_size (dot, &lw, &lh);
          cairo_move_to (cr, wx, wy);
          pango_cairo_show_layout (cr, dot);
          wx += (double) lw / PANGO_SCALE;
        }
      else if (i == 3)
        {
          g_autofree char *markup = g_strdup_printf ("(%s)", other);

          draw_in_box (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, wx - PAD, wy - PAD, x2 - wx,
                       lh / PANGO_SCALE + 2 * PAD, markup, JHK_FORMS_ALIGN_LEFT, FALSE);
        }
    }
  draw_handler (sheet, x2, y, x3 - x2, body_h, &final->handler);
  value (sheet, x3, y, x4 - x3, body_h, final->confirmer, JHK_FORMS_ALIGN_CENTER, TRUE);
  value (sheet, x4, y, x5 - x4, body_h, final->note, JHK_FORMS_ALIGN_LEFT, TRUE);
  return y + body_h;
}

G_STATIC_ASSERT (JHK_FORM1_FINAL_DISPOSAL == 1 && JHK_FORM1_FINAL_OTHER == 4);

guint
jhk_form1_n_pages (const JhkForm1 *form)
{
  g_return_val_if_fail (form != NULL, 1);

  return jhk_forms_n_sheets (form->n_rows, JHK_FORM1_FIRST_SHEET_ROWS,
                             JHK_FORM1_CONTINUATION_SHEET_ROWS);
}

static void
draw_first_sheet (Sheet          *sheet,
                  const JhkForm1 *form)
{
  g_autoptr(PangoLayout) note = NULL;
  double y;

  y = draw_stamp_boxes (sheet, 40, "【作成時確認欄】", (const char *const *) role_labels,
                        form->created_stamps);
  draw_title (sheet, y + 8, "入出力資料管理票", 18);
  section_title (sheet, y + 40, "【資料内容欄】");
  y = draw_contents (sheet, form, y + 54);
  section_title (sheet, y + 8, "【入手時の状況欄】");
  y = draw_acquisition (sheet, form, y + 22);
  section_title (sheet, y + 8, "【保管後の経過欄】");
  y = draw_history (sheet, form->rows, MIN (form->n_rows, JHK_FORM1_FIRST_SHEET_ROWS),
                    JHK_FORM1_FIRST_SHEET_ROWS, y + 22);
  y = draw_stamp_boxes (sheet, y + 10, "【最終処理確認欄】",
                        (const char *const *) final_role_labels, form->final_stamps);
  y = draw_final (sheet, &form->final, y + 8);

  note = new_layout (sheet, JHK_FORMS_MINCHO, LABEL_SIZE);
  pango_layout_set_text (note, "注　最終処理をした職員は、最終処理確認欄に運用管理者までの確認を受けること。", -1);
  cairo_move_to (sheet->cr, MARGIN, y + 6);
  pango_cairo_show_layout (sheet->cr, note);
}

/* A continuation sheet: the title and the material's name, then 保管後の経過欄
 * with its header, continuing the rows. */
static void
draw_continuation_sheet (Sheet          *sheet,
                         const JhkForm1 *form,
                         guint           page)
{
  guint n_pages = MAX (jhk_form1_n_pages (form), page + 1);
  guint first;
  guint n = jhk_forms_sheet_rows (form->n_rows, JHK_FORM1_FIRST_SHEET_ROWS,
                                  JHK_FORM1_CONTINUATION_SHEET_ROWS, page, &first);
  g_autofree char *name = value_markup (form->name, "");
  g_autofree char *line = g_strdup_printf ("資 料 名　%s", name);
  g_autofree char *sheet_no = g_strdup_printf ("（続き　%u／%u枚）", page + 1, n_pages);
  g_autoptr(PangoLayout) layout = new_layout (sheet, JHK_FORMS_MINCHO, LABEL_SIZE);
  int lw, lh;

  draw_title (sheet, 40, "入出力資料管理票", 16);
  draw_in_box (sheet, JHK_FORMS_MINCHO, LABEL_SIZE, MARGIN - PAD, 72, WIDTH - 110, 18, line,
               JHK_FORMS_ALIGN_LEFT, FALSE);
  pango_layout_set_text (layout, sheet_no, -1);
  pango_layout_get_size (layout, &lw, &lh);
  cairo_move_to (sheet->cr, MARGIN + WIDTH - (double) lw / PANGO_SCALE, 72 + PAD);
  pango_cairo_show_layout (sheet->cr, layout);
  section_title (sheet, 96, "【保管後の経過欄】");
  draw_history (sheet, form->rows + first, n, JHK_FORM1_CONTINUATION_SHEET_ROWS, 110);
}

void
jhk_form1_draw (const JhkForm1 *form,
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
  jhk_form1_draw (form, cr, page);
}

gboolean
jhk_form1_write_pdf (const JhkForm1  *form,
                     const char      *path,
                     GError         **error)
{
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The sheet names the material and who handled it: readable by the owner
   * only, as the audit report. */
  return jhk_forms_write_pages_pdf (path, "入出力資料管理票", form->name,
                                    jhk_form1_n_pages (form), draw_page, form, error);
}
