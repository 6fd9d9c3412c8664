/* jhk-inquiry-sheet.c: 個人情報照会記録 点検表 (R14-6, R14-7).
 *
 * A ruled table on A4 portrait, as a government check list reads: the
 * title in Gothic, the 所属 and the month, on the first sheet the numbers
 * of the month, then one row a record, the column heads (Gothic) repeated
 * on every sheet and the values in Mincho. The screening flags are one
 * character each, explained by a legend at the foot of every sheet; a
 * 相違あり, 要確認 or 不適正 cell is shaded so that it stands out, and the
 * 番号 of an overdue record. The comments of the steps go on a 所見 line
 * under their record. The last sheet ends with the 運用管理者's
 * confirmation and boxes for seals. Every sheet is numbered "n / N".
 *
 * The sheet prints in Japanese whatever the locale (its own words, as
 * the 別記様式 do); times are Japan time. It copies what it prints when
 * made, so drawing needs neither the database nor the records.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "jhk-forms.h"
#include "jhk-inquiry-sheet.h"
#include "jhk-settings.h"

#define TITLE       "個人情報照会記録点検表"

#define MARGIN      34.0
#define WIDTH       (JHK_FORMS_A4_WIDTH - 2 * MARGIN)
#define XR          (MARGIN + WIDTH)
#define LINE_WIDTH  0.5
#define THICK_WIDTH 1.0
#define PAD         2.0
#define HEAD_SIZE   7.0
#define BODY_SIZE   7.0
#define MIN_SIZE    4.5

/* Heights: the column heads, a record, and the rows of the numbers. */
#define HEAD_H      22.0
#define ROW_H       26.0
#define NOTE_H      13.0
#define COUNT_H     30.0

/* The table starts under the numbers on the first sheet, under the 所属
 * line on the others, and ends above the legend; on the last sheet it
 * ends above the confirmation. */
#define INFO_TOP        58.0
#define COUNTS_TOP      80.0
#define FIRST_TOP       (COUNTS_TOP + COUNT_H + 10)
#define NEXT_TOP        80.0
#define LEGEND_H        24.0
#define LEGEND_TOP      (JHK_FORMS_A4_HEIGHT - 40 - LEGEND_H)
#define CONFIRM_H       92.0
#define CONFIRM_TOP     (LEGEND_TOP - 8 - CONFIRM_H)
#define TABLE_LIMIT     (LEGEND_TOP - 6)
#define LAST_LIMIT      (CONFIRM_TOP - 8)

enum
{
  COL_NO,
  COL_AT,
  COL_SOURCE_NO,
  COL_INQUIRER,
  COL_KIND,
  COL_REASON,
  COL_CONTENT,
  COL_FLAGS,
  COL_CONFIRM,
  COL_CHECK,
  COL_RESOLVE,
  N_COLS
};

static const char *const column_heads[N_COLS] = {
  "番号", "照会日時", "照会番号", "照会者", "照会種別", "事由\n事件番号", "照会内容", "抽出",
  "照会者確認", "担当幹部点検", "運用管理者\n確認",
};

static const double column_widths[N_COLS] = {
  18, 36, 50, 54, 48, 58, 68, 26, 54, 54, 61,
};

/* The flags' one-character codes and their meaning, in flag order: the
 * sheet's own words (jhk_inquiry_flag_label() follows the locale). */
static const struct
{
  const char *code;
  const char *label;
} flag_codes[JHK_INQUIRY_N_FLAGS] = {
  { "由", "事由なし" },
  { "件", "事件番号なし" },
  { "時", "勤務時間外" },
  { "反", "同一対象の反復" },
  { "多", "多数の照会者" },
  { "量", "件数過多" },
  { "範", "照会範囲外" },
  { "姓", "照会者と同姓" },
  { "職", "職員番号不明" },
  { "所", "所属コード不明" },
};

/* The numbers of the month on the first sheet. */
#define N_COUNTS 8

typedef struct
{
  char     *cells[N_COLS];
  gboolean  shaded[N_COLS];
  char     *note;    /* the steps' comments, a line under the row; NULL */
} Row;

struct _JhkInquirySheet
{
  char      *office_name;
  char      *period;            /* "YYYY-MM" */
  guint      counts[N_COUNTS];  /* see count_labels */
  gint64     signed_off_at;
  char      *signed_off_by;
  char      *sign_off_comment;
  GPtrArray *rows;              /* of Row */
  GArray    *page_starts;       /* guint: each sheet's first row, then the count */
  char      *legend[JHK_INQUIRY_N_FLAGS];  /* "由＝事由なし" */
};

static const char *const count_labels[N_COUNTS] = {
  "照会件数", "照会者確認済", "担当幹部点検済", "点検完了", "相違あり", "要確認", "抽出",
  "期限超過",
};

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
} Sheet;

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_COLS; i++)
    g_free (row->cells[i]);
  g_free (row->note);
  g_free (row);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* "10/03 14:32" or "10/03" (@with_time FALSE), Japan time; "" for 0. */
static char *
format_short (gint64   us,
              gboolean with_time)
{
  g_autoptr(GDateTime) t = us != 0 ? jhk_forms_japan_date_time (us) : NULL;

  if (t == NULL)
    return g_strdup ("");
  return g_date_time_format (t, with_time ? "%m/%d %H:%M" : "%-m/%-d");
}

/* "令和8年11月5日 14時30分", Japan time. */
static char *
format_wareki_time (gint64 us)
{
  g_autoptr(GDateTime) t = jhk_forms_japan_date_time (us);
  g_autofree char *date = NULL;

  if (t == NULL)
    return g_strdup ("");
  date = jhk_forms_format_wareki (g_date_time_get_year (t), g_date_time_get_month (t),
                                  g_date_time_get_day_of_month (t), NULL);
  return g_strdup_printf ("%s %d時%02d分", date != NULL ? date : "", g_date_time_get_hour (t),
                          g_date_time_get_minute (t));
}

/* "令和8年10月（2026年10月）" of "2026-10"; the text as it is when it is
 * not such a month. */
static char *
format_period (const char *period)
{
  g_autofree char *date = NULL;
  int year, month;
  const char *nen;

  if (is_empty (period))
    return g_strdup ("");
  if (strlen (period) != 7 || sscanf (period, "%4d-%2d", &year, &month) != 2 ||
      (date = jhk_forms_format_wareki (year, month, 1, NULL)) == NULL ||
      (nen = strstr (date, "年")) == NULL)
    return g_strdup (period);
  return g_strdup_printf ("%.*s%d月（%d年%d月）", (int) (nen + strlen ("年") - date), date, month,
                          year, month);
}

/* "2026年10月" of "2026-10". */
static char *
format_period_plain (const char *period)
{
  int year, month;

  if (!is_empty (period) && strlen (period) == 7 && sscanf (period, "%4d-%2d", &year, &month) == 2)
    return g_strdup_printf ("%d年%d月", year, month);
  return g_strdup (period != NULL ? period : "");
}

/* The second line of a step's cell: when and by whom. */
static char *
step_line (gint64      at,
           const char *name)
{
  g_autofree char *when = format_short (at, FALSE);

  if (at == 0 && is_empty (name))
    return g_strdup ("");
  return g_strstrip (g_strdup_printf ("%s %s", when, name != NULL ? name : ""));
}

/* A step's state as the sheet names it: good_label for good, bad_label
 * for bad (shading the cell), other_label for anything else. */
static const char *
step_state (const char *value,
            const char *good,
            const char *good_label,
            const char *bad,
            const char *bad_label,
            const char *other_label,
            gboolean   *shaded)
{
  if (g_strcmp0 (value, good) == 0)
    return good_label;
  if (g_strcmp0 (value, bad) == 0)
    {
      *shaded = TRUE;
      return bad_label;
    }
  return other_label;
}

static char *
step_cell (const char *state,
           gint64      at,
           const char *name)
{
  g_autofree char *line = step_line (at, name);

  return *line != '\0' ? g_strdup_printf ("%s\n%s", state, line) : g_strdup (state);
}

static const char *
or_dash (const char *text)
{
  return is_empty (text) ? "―" : text;
}

/* "照会者：…" after the notes so far, on one line. */
static void
add_note (GString    *notes,
          const char *who,
          const char *comment)
{
  g_autofree char *one_line = NULL;

  if (is_empty (comment))
    return;
  one_line = g_strdelimit (g_strdup (comment), "\r\n\t", ' ');
  g_string_append_printf (notes, "%s%s：%s", notes->len > 0 ? "　" : "", who,
                          g_strstrip (one_line));
}

static Row *
row_new (const JhkInquiryRecord *record,
         guint                   number)
{
  Row *row = g_new0 (Row, 1);
  g_autoptr(GString) flags = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *state;

  row->cells[COL_NO] = g_strdup_printf ("%u", number);
  row->cells[COL_AT] = format_short (record->at, TRUE);
  g_strdelimit (row->cells[COL_AT], " ", '\n');
  row->cells[COL_SOURCE_NO] = g_strdup (record->source_no != NULL ? record->source_no : "");
  row->cells[COL_INQUIRER] = g_strdup_printf ("%s\n%s", or_dash (record->inquirer_name),
                                              record->staff_no != NULL ? record->staff_no : "");
  row->cells[COL_KIND] = g_strdup (record->kind != NULL ? record->kind : "");
  row->cells[COL_REASON] = g_strdup_printf ("%s\n%s", or_dash (record->reason),
                                            or_dash (record->case_no));
  /* Kept to the cell's two lines when drawn. */
  row->cells[COL_CONTENT] = g_strdelimit (g_strdup (record->content != NULL ? record->content : ""),
                                          "\r\n\t", ' ');
  for (guint i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    if (record->flags & (1u << i))
      g_string_append (flags, flag_codes[i].code);
  row->cells[COL_FLAGS] = g_strdup (flags->str);

  state = step_state (record->confirm_state, "confirmed", "確認", "disputed", "相違あり",
                      "未確認", &row->shaded[COL_CONFIRM]);
  row->cells[COL_CONFIRM] = step_cell (state, record->confirmed_at, record->confirmed_by_name);

  state = step_state (record->check_state, "proper", "適正", "query", "要確認", "未点検",
                      &row->shaded[COL_CHECK]);
  row->cells[COL_CHECK] = step_cell (state, record->checked_at, record->checked_by_name);

  state = step_state (record->resolution, "proper", "適正", "improper", "不適正",
                      record->done ? "" : g_strcmp0 (record->check_state, "query") == 0 ||
                                          record->staff_id == 0 ? "未処理" : "",
                      &row->shaded[COL_RESOLVE]);
  row->cells[COL_RESOLVE] = *state != '\0' ? step_cell (state, record->resolved_at,
                                                        record->resolved_by_name)
                                           : g_strdup ("");

  add_note (notes, "照会者", record->confirm_comment);
  add_note (notes, "担当幹部", record->check_comment);
  add_note (notes, "運用管理者", record->resolution_comment);
  if (notes->len > 0)
    row->note = g_strdup (notes->str);
  return row;
}

/* Pagination */

static double
table_top (guint page)
{
  return page == 0 ? FIRST_TOP : NEXT_TOP;
}

static double
row_height (const Row *row)
{
  return ROW_H + (row->note != NULL ? NOTE_H : 0);
}

/* Sheets for the rows, and in @first and @n the rows of sheet @page: each
 * sheet full but the last, which leaves room for the confirmation (when
 * the rows fill a sheet to its foot, the confirmation gets a sheet of its
 * own). */
static GArray *
paginate (GPtrArray *rows)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_rows = rows->len, start = 0;
  double rest = 0;

  for (guint i = 0; i < n_rows; i++)
    rest += row_height (g_ptr_array_index (rows, i));
  for (guint p = 0;; p++)
    {
      double room = TABLE_LIMIT - table_top (p) - HEAD_H;
      gboolean last = rest <= LAST_LIMIT - table_top (p) - HEAD_H;
      guint here = 0;

      if (last)
        here = n_rows - start;
      else
        for (double used = 0; start + here < n_rows; here++)
          {
            double h = row_height (g_ptr_array_index (rows, start + here));

            /* At least one row a sheet, so that it ends. */
            if (here > 0 && used + h > room)
              break;
            used += h;
            rest -= h;
          }
      g_array_append_val (starts, start);
      start += here;
      if (last)
        break;
    }
  g_array_append_val (starts, start);
  return starts;
}

/* The rows of sheet @page: in @first the first, in @n their count. */
static void
page_rows (const JhkInquirySheet *self,
           guint                  page,
           guint                 *first,
           guint                 *n)
{
  if (page + 1 < self->page_starts->len)
    {
      *first = g_array_index (self->page_starts, guint, page);
      *n = g_array_index (self->page_starts, guint, page + 1) - *first;
    }
  else
    {
      *first = self->rows->len;
      *n = 0;
    }
}

guint
jhk_inquiry_sheet_get_n_pages (JhkInquirySheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 1);

  return sheet->page_starts->len - 1;
}

/* The sheet; records not done and imported before @overdue_before (µs,
 * 0: none) are marked overdue. */
static JhkInquirySheet *
sheet_new (const JhkInquirySummary *summary,
           GPtrArray               *records,
           gint64                   overdue_before)
{
  JhkInquirySheet *sheet;
  const JhkInquiryProgress *total;

  g_return_val_if_fail (summary != NULL, NULL);

  sheet = g_new0 (JhkInquirySheet, 1);
  sheet->office_name = g_strdup (summary->office_name != NULL ? summary->office_name : "");
  sheet->period = g_strdup (summary->period != NULL ? summary->period : "");
  total = &summary->total;
  sheet->counts[0] = total->total;
  sheet->counts[1] = total->confirmed;
  sheet->counts[2] = total->checked;
  sheet->counts[3] = total->done;
  sheet->counts[4] = total->disputed;
  sheet->counts[5] = total->queried;
  sheet->counts[6] = total->flagged;
  sheet->counts[7] = total->overdue;
  sheet->signed_off_at = summary->signed_off_at;
  sheet->signed_off_by = g_strdup (summary->signed_off_by_name);
  sheet->sign_off_comment = g_strdup (summary->sign_off_comment);
  sheet->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const JhkInquiryRecord *record = g_ptr_array_index (records, i);
      Row *row = row_new (record, i + 1);

      /* As jhk_inquiries_summary counts them. */
      if (!record->done && record->imported_at < overdue_before)
        row->shaded[COL_NO] = TRUE;
      g_ptr_array_add (sheet->rows, row);
    }
  sheet->page_starts = paginate (sheet->rows);
  for (guint i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    sheet->legend[i] = g_strdup_printf ("%s＝%s", flag_codes[i].code, flag_codes[i].label);
  return sheet;
}

JhkInquirySheet *
jhk_inquiry_sheet_new (const JhkInquirySummary *summary,
                       GPtrArray               *records)
{
  g_return_val_if_fail (summary != NULL, NULL);

  return sheet_new (summary, records, 0);
}

JhkInquirySheet *
jhk_inquiry_sheet_load (JhkDb       *db,
                        JhkSession  *actor,
                        gint64       office_id,
                        const char  *period,
                        GError     **error)
{
  g_autoptr(JhkInquirySummary) summary = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 due_days;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  summary = jhk_inquiries_summary (db, actor, office_id, period, error);
  if (summary == NULL)
    return NULL;
  records = jhk_inquiries_list_period (db, actor, office_id, period, error);
  if (records == NULL)
    return NULL;
  due_days = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_DUE_DAYS);
  return sheet_new (summary, records, jhk_now_us () - due_days * G_TIME_SPAN_DAY);
}

void
jhk_inquiry_sheet_free (JhkInquirySheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->office_name);
  g_free (sheet->period);
  g_free (sheet->signed_off_by);
  g_free (sheet->sign_off_comment);
  g_ptr_array_unref (sheet->rows);
  g_array_unref (sheet->page_starts);
  for (guint i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    g_free (sheet->legend[i]);
  g_free (sheet);
}

/* Drawing */

static void
text (Sheet         *sheet,
      const char    *family,
      double         size,
      double         min_size,
      double         x,
      double         y,
      double         w,
      double         h,
      const char    *plain,
      JhkFormsAlign  align,
      gboolean       wrap)
{
  g_autofree char *markup = NULL;

  if (is_empty (plain))
    return;
  markup = g_markup_escape_text (plain, -1);
  jhk_forms_draw_in_box (sheet->cr, sheet->context, family, size, min_size, PAD, x, y, w, h,
                         markup, align, wrap);
}

static void
draw_title (Sheet                 *sheet,
            const JhkInquirySheet *self,
            guint                  page,
            guint                  n_pages)
{
  g_autoptr(PangoLayout) layout = jhk_forms_new_layout (sheet->context, JHK_FORMS_GOTHIC, 15);
  g_autofree char *markup = g_markup_printf_escaped ("<span letter_spacing=\"%d\">%s</span>",
                                                     (int) (15 * 0.3 * PANGO_SCALE), TITLE);
  g_autofree char *office = g_strdup_printf ("所属　%s", self->office_name);
  g_autofree char *when = format_period (self->period);
  g_autofree char *period = g_strdup_printf ("対象期間　%s", when);
  g_autofree char *number = g_strdup_printf ("%u / %u", page + 1, n_pages);

  pango_layout_set_width (layout, (int) (WIDTH * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (sheet->cr, MARGIN, 26);
  pango_cairo_show_layout (sheet->cr, layout);

  text (sheet, JHK_FORMS_MINCHO, 9.5, MIN_SIZE, MARGIN, INFO_TOP, WIDTH * 0.45, 16, office,
        JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 9.5, MIN_SIZE, MARGIN + WIDTH * 0.45, INFO_TOP, WIDTH * 0.45, 16,
        period, JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 9, MIN_SIZE, XR - 60, INFO_TOP, 60, 16, number,
        JHK_FORMS_ALIGN_RIGHT, FALSE);
  /* Again at the foot, where a stack of sheets is checked. */
  text (sheet, JHK_FORMS_MINCHO, 9, MIN_SIZE, MARGIN, JHK_FORMS_A4_HEIGHT - 34, WIDTH, 14,
        number, JHK_FORMS_ALIGN_CENTER, FALSE);
}

/* The numbers of the month: a label row over a number row. */
static void
draw_counts (Sheet                 *sheet,
             const JhkInquirySheet *self)
{
  cairo_t *cr = sheet->cr;
  guint n = N_COUNTS;
  double w = WIDTH / n, label_h = 13;

  cairo_rectangle (cr, MARGIN, COUNTS_TOP, WIDTH, COUNT_H);
  jhk_forms_hline (cr, MARGIN, XR, COUNTS_TOP + label_h);
  for (guint i = 1; i < n; i++)
    jhk_forms_vline (cr, MARGIN + i * w, COUNTS_TOP, COUNTS_TOP + COUNT_H);
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u件", self->counts[i]);

      text (sheet, JHK_FORMS_GOTHIC, HEAD_SIZE, MIN_SIZE, MARGIN + i * w, COUNTS_TOP, w,
            label_h, count_labels[i], JHK_FORMS_ALIGN_CENTER, FALSE);
      text (sheet, JHK_FORMS_MINCHO, 9, MIN_SIZE, MARGIN + i * w, COUNTS_TOP + label_h, w,
            COUNT_H - label_h, count, JHK_FORMS_ALIGN_RIGHT, FALSE);
    }
}

/* The table from @top: the heads, then @n rows from @first; the box in a
 * thicker line. */
static void
draw_table (Sheet                 *sheet,
            const JhkInquirySheet *self,
            double                 top,
            guint                  first,
            guint                  n)
{
  cairo_t *cr = sheet->cr;
  const double note_label_w = 24;
  double bottom = top + HEAD_H, x, y;

  for (guint i = 0; i < n; i++)
    bottom += row_height (g_ptr_array_index (self->rows, first + i));
  if (n == 0)
    bottom += ROW_H;

  /* Shading first, under the rules and the text. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
  cairo_rectangle (cr, MARGIN, top, WIDTH, HEAD_H);
  y = top + HEAD_H;
  for (guint i = 0; i < n; i++)
    {
      const Row *row = g_ptr_array_index (self->rows, first + i);

      x = MARGIN;
      for (guint c = 0; c < N_COLS; x += column_widths[c], c++)
        if (row->shaded[c])
          cairo_rectangle (cr, x, y, column_widths[c], ROW_H);
      y += row_height (row);
    }
  cairo_fill (cr);
  cairo_restore (cr);

  /* The rules: the heads' columns, then each row's, its note under it
   * (after the 番号) in one box with a thinner line between. */
  jhk_forms_hline (cr, MARGIN, XR, top + HEAD_H);
  x = MARGIN;
  for (guint c = 0; c + 1 < N_COLS; c++)
    {
      x += column_widths[c];
      jhk_forms_vline (cr, x, top, top + HEAD_H);
    }
  y = top + HEAD_H;
  for (guint i = 0; i < n; i++)
    {
      const Row *row = g_ptr_array_index (self->rows, first + i);
      double h = row_height (row);

      x = MARGIN;
      for (guint c = 0; c + 1 < N_COLS; c++)
        {
          x += column_widths[c];
          jhk_forms_vline (cr, x, y, y + (c == COL_NO ? h : ROW_H));
        }
      if (row->note != NULL)
        {
          jhk_forms_vline (cr, MARGIN + column_widths[COL_NO] + note_label_w, y + ROW_H, y + h);
          jhk_forms_hline (cr, MARGIN + column_widths[COL_NO], XR, y + ROW_H);
        }
      y += h;
      if (i + 1 < n)
        jhk_forms_hline (cr, MARGIN, XR, y);
    }
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_set_line_width (cr, THICK_WIDTH);
  cairo_rectangle (cr, MARGIN, top, WIDTH, bottom - top);
  cairo_stroke (cr);
  cairo_restore (cr);

  x = MARGIN;
  for (guint c = 0; c < N_COLS; x += column_widths[c], c++)
    text (sheet, JHK_FORMS_GOTHIC, HEAD_SIZE, MIN_SIZE, x, top, column_widths[c], HEAD_H,
          column_heads[c], JHK_FORMS_ALIGN_CENTER, TRUE);

  if (n == 0)
    {
      text (sheet, JHK_FORMS_MINCHO, 9, MIN_SIZE, MARGIN, top + HEAD_H, WIDTH, ROW_H,
            "該当する照会記録はない。", JHK_FORMS_ALIGN_CENTER, FALSE);
      return;
    }
  y = top + HEAD_H;
  for (guint i = 0; i < n; i++)
    {
      const Row *row = g_ptr_array_index (self->rows, first + i);
      double xn = MARGIN + column_widths[COL_NO];

      x = MARGIN;
      for (guint c = 0; c < N_COLS; x += column_widths[c], c++)
        {
          JhkFormsAlign align = c == COL_NO ? JHK_FORMS_ALIGN_RIGHT
                              : c == COL_AT || c == COL_FLAGS ? JHK_FORMS_ALIGN_CENTER
                                                              : JHK_FORMS_ALIGN_LEFT;

          /* 照会内容 keeps its size and is cut after two lines; the other
           * cells shrink to fit. */
          text (sheet, JHK_FORMS_MINCHO, BODY_SIZE, c == COL_CONTENT ? BODY_SIZE : MIN_SIZE, x, y,
                column_widths[c], ROW_H, row->cells[c], align, c != COL_SOURCE_NO);
        }
      if (row->note != NULL)
        {
          text (sheet, JHK_FORMS_GOTHIC, 6.5, MIN_SIZE, xn, y + ROW_H, note_label_w, NOTE_H,
                "所見", JHK_FORMS_ALIGN_CENTER, FALSE);
          text (sheet, JHK_FORMS_MINCHO, 6.5, 5.5, xn + note_label_w, y + ROW_H,
                XR - xn - note_label_w, NOTE_H, row->note, JHK_FORMS_ALIGN_LEFT, FALSE);
        }
      y += row_height (row);
    }
}

/* The codes of the flags and what they mean at the foot, and what the
 * shading means. */
static void
draw_legend (Sheet                 *sheet,
             const JhkInquirySheet *self)
{
  const double head_w = 52, line_h = LEGEND_H / 2, shading_w = 124;
  const guint per_line = (JHK_INQUIRY_N_FLAGS + 1) / 2;
  double w = (WIDTH - head_w - shading_w) / per_line;

  text (sheet, JHK_FORMS_MINCHO, 6.5, MIN_SIZE, XR - shading_w, LEGEND_TOP, shading_w, line_h,
        "網掛け＝相違あり・要確認・不適正", JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 6.5, MIN_SIZE, XR - shading_w, LEGEND_TOP + line_h, shading_w,
        line_h, "番号の網掛け＝期限超過（未了）", JHK_FORMS_ALIGN_LEFT, FALSE);

  text (sheet, JHK_FORMS_GOTHIC, 6.5, MIN_SIZE, MARGIN, LEGEND_TOP, head_w, LEGEND_H,
        "抽出欄の略号", JHK_FORMS_ALIGN_LEFT, FALSE);
  for (guint i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    text (sheet, JHK_FORMS_MINCHO, 6.5, MIN_SIZE, MARGIN + head_w + (i % per_line) * w,
          LEGEND_TOP + (i / per_line) * line_h, w, line_h, self->legend[i], JHK_FORMS_ALIGN_LEFT,
          FALSE);
}

/* The 運用管理者's confirmation: the statement, 確認日時, 確認者 and 所見
 * (blank to fill by hand while the month is open), and the seal boxes. */
static void
draw_confirmation (Sheet                 *sheet,
                   const JhkInquirySheet *self)
{
  cairo_t *cr = sheet->cr;
  const double top = CONFIRM_TOP, side_w = 20, label_w = 56, seal_w = 58;
  const double statement_h = 20, line_h = 18;
  const double x1 = MARGIN + side_w, x2 = x1 + label_w, xs = XR - 2 * seal_w;
  const double y1 = top + statement_h, y2 = y1 + line_h, y3 = y2 + line_h, bottom = top + CONFIRM_H;
  const char *const seals[] = { "運用管理者", "所属長" };
  g_autofree char *when = self->signed_off_at != 0 ? format_wareki_time (self->signed_off_at)
                                                   : NULL;

  jhk_forms_vline (cr, x1, top, bottom);
  jhk_forms_hline (cr, x1, xs, y1);
  jhk_forms_hline (cr, x1, xs, y2);
  jhk_forms_hline (cr, x1, xs, y3);
  jhk_forms_vline (cr, x2, y1, bottom);
  jhk_forms_vline (cr, xs, top, bottom);
  jhk_forms_vline (cr, xs + seal_w, top, bottom);
  jhk_forms_hline (cr, xs, XR, top + 14);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_set_line_width (cr, THICK_WIDTH);
  cairo_rectangle (cr, MARGIN, top, WIDTH, CONFIRM_H);
  cairo_stroke (cr);
  cairo_restore (cr);

  text (sheet, JHK_FORMS_GOTHIC, 8, MIN_SIZE, MARGIN, top, side_w, CONFIRM_H,
        "運\n用\n管\n理\n者\n確\n認", JHK_FORMS_ALIGN_CENTER, TRUE);
  text (sheet, JHK_FORMS_MINCHO, 8, MIN_SIZE, x1, top, xs - x1, statement_h,
        "上記のとおり当所属の個人情報照会記録を点検し、照会が適正であることを確認した。",
        JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_GOTHIC, 7.5, MIN_SIZE, x1, y1, label_w, line_h, "確認日時",
        JHK_FORMS_ALIGN_CENTER, FALSE);
  text (sheet, JHK_FORMS_GOTHIC, 7.5, MIN_SIZE, x1, y2, label_w, line_h, "確　認　者",
        JHK_FORMS_ALIGN_CENTER, FALSE);
  text (sheet, JHK_FORMS_GOTHIC, 7.5, MIN_SIZE, x1, y3, label_w, bottom - y3, "所　　見",
        JHK_FORMS_ALIGN_CENTER, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 8.5, MIN_SIZE, x2, y1, xs - x2, line_h, when,
        JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 8.5, MIN_SIZE, x2, y2, xs - x2, line_h, self->signed_off_by,
        JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 8, MIN_SIZE, x2, y3, xs - x2, bottom - y3,
        self->sign_off_comment, JHK_FORMS_ALIGN_LEFT, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (seals); i++)
    text (sheet, JHK_FORMS_GOTHIC, 7, MIN_SIZE, xs + i * seal_w, top, seal_w, 14, seals[i],
          JHK_FORMS_ALIGN_CENTER, FALSE);
}

void
jhk_inquiry_sheet_draw_page (JhkInquirySheet *self,
                             cairo_t         *cr,
                             guint            page)
{
  Sheet sheet = { cr, NULL };
  guint n_pages, first = 0, n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = jhk_inquiry_sheet_get_n_pages (self);
  page_rows (self, page, &first, &n);
  sheet.context = jhk_forms_begin_sheet (cr, LINE_WIDTH);
  draw_title (&sheet, self, page, MAX (n_pages, page + 1));
  if (page == 0)
    draw_counts (&sheet, self);
  /* A last sheet of the confirmation alone has no table. */
  if (n > 0 || self->rows->len == 0 || page == 0)
    draw_table (&sheet, self, table_top (page), first, n);
  draw_legend (&sheet, self);
  if (page + 1 == n_pages)
    draw_confirmation (&sheet, self);
  jhk_forms_end_sheet (cr, sheet.context);
}

static void
draw_page (gconstpointer  form,
           cairo_t       *cr,
           guint          page)
{
  jhk_inquiry_sheet_draw_page ((JhkInquirySheet *) form, cr, page);
}

gboolean
jhk_inquiry_sheet_write_pdf (JhkInquirySheet  *sheet,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  title = jhk_inquiry_sheet_get_title (sheet);
  return jhk_forms_write_pages_pdf (path, title, NULL, jhk_inquiry_sheet_get_n_pages (sheet),
                                    draw_page, sheet, error);
}

char *
jhk_inquiry_sheet_get_title (JhkInquirySheet *sheet)
{
  g_autofree char *period = NULL;

  g_return_val_if_fail (sheet != NULL, NULL);

  period = format_period_plain (sheet->period);
  return g_strdup_printf ("%s %s %s", TITLE, sheet->office_name, period);
}
