/* jhk-incident-report.c: 情報管理システム事故報告書 (第19, R19-2..5).
 *
 * The report reads as a government 報告書 does: the title in Gothic, a
 * ruled heading table (所属, 事故番号, 状態, 発生・発見日時, 報告者, 対処要領
 * and its version), then numbered sections, each a Gothic heading over
 * ruled label / value rows (labels Gothic on a light grey, values Mincho):
 * the facts, the checklist as a table, the recovery request, the
 * investigation and dispatch, the seriousness with the report to the
 * 総括責任者 and 主管部長, the 再発防止策 and closing, and the timeline as a
 * table. Sections with nothing to tell (no recovery asked, not serious)
 * are left out. The last sheet ends with boxes for the seals of the
 * 運用管理者 and the システム管理者; every sheet is numbered "n / N".
 *
 * The whole report is laid out once when made: every text is measured at
 * the width of its cell, so a box grows with its text and nothing is cut;
 * a text too long for one box goes on in the box under it ("（続）"), so
 * that it can break across sheets. Rows then flow onto sheets; a heading
 * stays with what follows it, and a table broken across sheets repeats
 * its column heads. Drawing needs neither the database nor the incident,
 * and the same data always gives the same sheets.
 *
 * The report prints in Japanese whatever the locale (its own words, as
 * the 別記様式 do); times are Japan time.
 */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "jhk-forms.h"
#include "jhk-incident-report.h"
#include "jhk-roles.h"

#define TITLE        "情報管理システム事故報告書"

#define MARGIN       40.0
#define WIDTH        (JHK_FORMS_A4_WIDTH - 2 * MARGIN)
#define XR           (MARGIN + WIDTH)
#define LINE_WIDTH   0.5
#define THICK_WIDTH  1.0
#define PAD          2.5
#define MIN_SIZE     5.0

#define LABEL_SIZE   8.0
#define VALUE_SIZE   8.5
#define TABLE_SIZE   7.0
#define HEADING_SIZE 10.5

#define ROW_MIN_H    17.0
#define HEADING_H    22.0
#define GAP_H        8.0

/* A text longer than this many lines goes on in the next box. */
#define CHUNK_LINES  8

/* Where the rows flow: under the title on the first sheet, under the
 * running head on the others, above the page number. */
#define FIRST_TOP    74.0
#define NEXT_TOP     56.0
#define BOTTOM       (JHK_FORMS_A4_HEIGHT - 50)

/* The seals on the last sheet. */
#define SEAL_W       66.0
#define SEAL_LABEL_H 13.0
#define SEAL_H       (SEAL_LABEL_H + 45)

/* The label column of the field rows, and of a second pair on the row. */
#define LABEL_W      78.0
#define HALF_W       ((WIDTH - 2 * LABEL_W) / 2)

typedef enum
{
  ROW_FIELDS,       /* ruled cells */
  ROW_TABLE_HEAD,   /* column heads of a table, repeated on each sheet */
  ROW_HEADING,      /* a section's heading */
  ROW_GAP,          /* air between sections */
  ROW_SEALS,        /* the seal boxes, at the foot of the last sheet */
} RowKind;

typedef struct
{
  double         x;
  double         w;
  const char    *family;
  double         size;
  char          *text;
  JhkFormsAlign  align;
  gboolean       shaded;
  gboolean       label;     /* printed once for a row and its continuations */
  gboolean       key;       /* the same, not shaded, and without "（続）":
                             * a table's No., a short text beside a long one */
} Cell;

typedef struct
{
  RowKind  kind;
  double   h;
  GArray  *cells;           /* Cell */
  int      head;            /* index of its table's head row, -1 */
  gboolean keep_with_next;
  gboolean continued;       /* goes on from the row above: no rule between */
  double   top_pad;         /* above and below its texts: less between a */
  double   bottom_pad;      /* row and its continuation, as between lines */
  guint    page;
  double   y;
} Row;

/* What a cell shows, to build rows with. */
typedef struct
{
  double         w;
  gboolean       label;     /* Gothic on grey; "（続）" when continued */
  const char    *text;
  JhkFormsAlign  align;
  double         size;      /* 0: the row's */
  gboolean       key;       /* a table's No.: printed as a label is */
} CellSpec;

struct _JhkIncidentReportForm
{
  char      *title;          /* "事故報告書 第12号 中央警察署" */
  char      *running_head;   /* the head of the sheets after the first */
  GPtrArray *rows;           /* Row */
  GArray    *repeat_heads;   /* int per sheet: the head row to draw first, -1 */
  guint      n_pages;
  char      *as_of;          /* the record's last change, ISO 8601, NULL */
};

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
  GPtrArray       *rows;
  int              table_head;   /* rows added now belong to this table, -1 */
} Builder;

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
} Sheet;

/* Words */

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* "令和8年11月5日 14時30分", Japan time; "" for 0. */
static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) t = us != 0 ? jhk_forms_japan_date_time (us) : NULL;
  g_autofree char *date = NULL;

  if (t == NULL)
    return g_strdup ("");
  date = jhk_forms_format_wareki (g_date_time_get_year (t), g_date_time_get_month (t),
                                  g_date_time_get_day_of_month (t), NULL);
  if (date == NULL)
    date = g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (t), g_date_time_get_month (t),
                            g_date_time_get_day_of_month (t));
  return g_strdup_printf ("%s %d時%02d分", date, g_date_time_get_hour (t),
                          g_date_time_get_minute (t));
}

/* "11月5日 14:30" for the cells of the checklist; "" for 0. */
static char *
format_short (gint64 us)
{
  g_autoptr(GDateTime) t = us != 0 ? jhk_forms_japan_date_time (us) : NULL;

  if (t == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%d月%d日 %d:%02d", g_date_time_get_month (t),
                          g_date_time_get_day_of_month (t), g_date_time_get_hour (t),
                          g_date_time_get_minute (t));
}

static const char *
role_word (const char *key)
{
  static const char *const words[JHK_N_ROLES] = {
    [JHK_ROLE_SUPERVISOR] = "総括責任者",
    [JHK_ROLE_SYSADMIN] = "システム管理者",
    [JHK_ROLE_BIZ_OWNER] = "対象業務管理者",
    [JHK_ROLE_EGOV_OWNER] = "主管業務管理者（電子化業務）",
    [JHK_ROLE_LEAD_OWNER] = "主管業務管理者",
    [JHK_ROLE_DEPT_HEAD] = "主管部長",
    [JHK_ROLE_OPS_MANAGER] = "運用管理者",
    [JHK_ROLE_INFO_LEAD] = "情報管理責任者",
    [JHK_ROLE_INFO_MANAGER] = "情報管理者",
    [JHK_ROLE_INFO_ASSISTANT] = "情報管理補助者",
    [JHK_ROLE_INQUIRY_SUPERVISOR] = "担当幹部",
    [JHK_ROLE_TRANSFER_OFFICER] = "交付等担当者",
    [JHK_ROLE_STAFF] = "職員",
  };
  JhkRole role;

  if (is_empty (key))
    return "指定なし";
  role = jhk_role_from_key (key);
  if (role < 0 || role >= JHK_N_ROLES)
    return key;
  return words[role];
}

static const char *
status_word (const char *status)
{
  if (g_strcmp0 (status, "closed") == 0)
    return "終結";
  if (g_strcmp0 (status, "open") == 0)
    return "対処中";
  return or_empty (status);
}

static const char *
step_state_word (const char *state)
{
  if (g_strcmp0 (state, "done") == 0)
    return "済";
  if (g_strcmp0 (state, "skipped") == 0)
    return "省略";
  return "未";
}

static const char *
recovery_state_word (const char *state)
{
  if (g_strcmp0 (state, "requested") == 0)
    return "依頼中";
  if (g_strcmp0 (state, "investigating") == 0)
    return "調査中";
  if (g_strcmp0 (state, "finished") == 0)
    return "復旧完了";
  return or_empty (state);
}

static const char *
report_state_word (const char *state)
{
  if (g_strcmp0 (state, "draft") == 0)
    return "作成中";
  if (g_strcmp0 (state, "reported") == 0)
    return "報告済";
  if (g_strcmp0 (state, "acknowledged") == 0)
    return "確認済";
  return or_empty (state);
}

static const char *
event_word (const char *kind)
{
  static const struct
  {
    const char *kind;
    const char *word;
  } words[] = {
    { "opened", "事故登録" },
    { "facts", "状況変更" },
    { "note", "記事" },
    { "step_done", "手順実施" },
    { "step_skipped", "手順省略" },
    { "step_confirmed", "手順確認" },
    { "attachment", "資料添付" },
    { "recovery_requested", "復旧依頼" },
    { "investigation", "調査" },
    { "dispatch", "職員派遣" },
    { "recovery_finished", "復旧完了" },
    { "serious", "重大事故認定" },
    { "report_edited", "報告書編集" },
    { "reported", "報告" },
    { "acknowledged", "報告確認" },
    { "closed", "終結" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (kind, words[i].kind) == 0)
      return words[i].word;
  return or_empty (kind);
}

/* "山田太郎\n令和8年11月5日 14時30分", or either alone. */
static char *
who_when (const char *name,
          gint64      at,
          gboolean    short_time)
{
  g_autofree char *when = short_time ? format_short (at) : format_time (at);

  if (is_empty (name))
    return g_steal_pointer (&when);
  if (*when == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s\n%s", name, when);
}

/* Layout */

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < row->cells->len; i++)
    g_free (g_array_index (row->cells, Cell, i).text);
  g_array_unref (row->cells);
  g_free (row);
}

static Row *
row_new (RowKind kind)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  row->head = -1;
  return row;
}

static PangoLayout *
measure_layout (Builder    *b,
                const char *family,
                double      size,
                double      w,
                const char *text)
{
  PangoLayout *layout = jhk_forms_new_layout (b->context, family, size);

  pango_layout_set_width (layout, (int) ((w - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The height of @text wrapped in a box @w wide, without the padding. */
static double
text_height (Builder    *b,
             const char *family,
             double      size,
             double      w,
             const char *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  int lw, lh;

  if (is_empty (text))
    return 0;
  layout = measure_layout (b, family, size, w, text);
  pango_layout_get_size (layout, &lw, &lh);
  return (double) lh / PANGO_SCALE;
}

/* @text as laid out in a box @w wide, in pieces of at most CHUNK_LINES
 * lines each; one piece, maybe "", at least. */
static GPtrArray *
split_text (Builder    *b,
            const char *family,
            double      size,
            double      w,
            const char *text)
{
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PangoLayout) layout = NULL;
  GSList *lines;
  guint n_lines;

  if (is_empty (text))
    {
      g_ptr_array_add (chunks, g_strdup (""));
      return chunks;
    }
  layout = measure_layout (b, family, size, w, text);
  n_lines = pango_layout_get_line_count (layout);
  if (n_lines <= CHUNK_LINES)
    {
      g_ptr_array_add (chunks, g_strdup (text));
      return chunks;
    }
  lines = pango_layout_get_lines_readonly (layout);
  for (guint first = 0; first < n_lines; first += CHUNK_LINES)
    {
      guint last = MIN (first + CHUNK_LINES, n_lines) - 1;
      PangoLayoutLine *a = g_slist_nth_data (lines, first);
      PangoLayoutLine *z = g_slist_nth_data (lines, last);
      int start = a->start_index, end = z->start_index + z->length;
      g_autofree char *piece = g_strndup (text + start, end - start);

      g_ptr_array_add (chunks, g_strdup (g_strstrip (piece)));
    }
  return chunks;
}

/* Adds a ruled row of @n cells, in as many rows as its longest text
 * needs (see CHUNK_LINES). */
static void
add_cells (Builder        *b,
           RowKind         kind,
           double          size,
           const CellSpec *specs,
           guint           n)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint n_rows = 1;

  for (guint i = 0; i < n; i++)
    {
      const char *family = specs[i].label || kind == ROW_TABLE_HEAD ? JHK_FORMS_GOTHIC
                                                                     : JHK_FORMS_MINCHO;
      double s = specs[i].size > 0 ? specs[i].size : specs[i].label ? LABEL_SIZE : size;
      GPtrArray *chunks = split_text (b, family, s, specs[i].w, specs[i].text);

      n_rows = MAX (n_rows, chunks->len);
      g_ptr_array_add (pieces, chunks);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      Row *row = row_new (kind);
      double x = MARGIN;

      row->head = kind == ROW_TABLE_HEAD ? -1 : b->table_head;
      row->continued = r > 0;
      row->keep_with_next = kind == ROW_TABLE_HEAD;
      /* Between the pieces of a long text, the air between its lines
       * (jhk_forms_new_layout: a quarter of the size); a point of slack
       * at the end, so that the box's own measure never finds it too
       * tall. */
      row->top_pad = r > 0 ? size * 0.125 : PAD;
      row->bottom_pad = r + 1 < n_rows ? size * 0.125 : PAD + 1;
      row->h = r + 1 < n_rows ? 0 : kind == ROW_TABLE_HEAD ? ROW_MIN_H + 2 : ROW_MIN_H;
      for (guint i = 0; i < n; i++)
        {
          GPtrArray *chunks = g_ptr_array_index (pieces, i);
          Cell cell = { 0 };

          cell.x = x;
          cell.w = specs[i].w;
          cell.family = specs[i].label || kind == ROW_TABLE_HEAD ? JHK_FORMS_GOTHIC
                                                                 : JHK_FORMS_MINCHO;
          cell.size = specs[i].size > 0 ? specs[i].size : specs[i].label ? LABEL_SIZE : size;
          cell.align = specs[i].align;
          cell.shaded = specs[i].label || kind == ROW_TABLE_HEAD;
          cell.label = specs[i].label;
          /* Beside a long text, a short one is printed once, as a key. */
          cell.key = kind != ROW_TABLE_HEAD && !cell.label &&
                     (specs[i].key || (n_rows > 1 && chunks->len == 1));
          if (cell.label || cell.key)
            cell.text = g_strdup (or_empty (specs[i].text));
          else if (r < chunks->len)
            cell.text = g_strdup (g_ptr_array_index (chunks, r));
          else
            cell.text = g_strdup ("");
          /* A label of a long text is printed in the height of all its
           * pieces (see draw_cells). */
          if (cell.key && r == 0)
            row->h = MAX (row->h, text_height (b, cell.family, cell.size, cell.w, cell.text) +
                                  row->top_pad + row->bottom_pad);
          else if (!cell.label && !cell.key)
            row->h = MAX (row->h, text_height (b, cell.family, cell.size, cell.w, cell.text) +
                                  row->top_pad + row->bottom_pad);
          else if (n_rows == 1)
            row->h = MAX (row->h, text_height (b, cell.family, cell.size, cell.w, cell.text) +
                                  2 * PAD + 1);
          g_array_append_val (row->cells, cell);
          x += specs[i].w;
        }
      g_ptr_array_add (b->rows, row);
    }
}

/* A label and its value across the sheet. */
static void
add_field (Builder    *b,
           const char *label,
           const char *value)
{
  const CellSpec specs[] = {
    { LABEL_W, TRUE, label, JHK_FORMS_ALIGN_CENTER, 0 },
    { WIDTH - LABEL_W, FALSE, or_empty (value), JHK_FORMS_ALIGN_LEFT, 0 },
  };

  add_cells (b, ROW_FIELDS, VALUE_SIZE, specs, G_N_ELEMENTS (specs));
}

/* Two labels and values on a row. */
static void
add_fields2 (Builder    *b,
             const char *label1,
             const char *value1,
             const char *label2,
             const char *value2)
{
  const CellSpec specs[] = {
    { LABEL_W, TRUE, label1, JHK_FORMS_ALIGN_CENTER, 0 },
    { HALF_W, FALSE, or_empty (value1), JHK_FORMS_ALIGN_LEFT, 0 },
    { LABEL_W, TRUE, label2, JHK_FORMS_ALIGN_CENTER, 0 },
    { HALF_W, FALSE, or_empty (value2), JHK_FORMS_ALIGN_LEFT, 0 },
  };

  add_cells (b, ROW_FIELDS, VALUE_SIZE, specs, G_N_ELEMENTS (specs));
}

static void
add_gap (Builder *b)
{
  Row *row = row_new (ROW_GAP);

  row->h = GAP_H;
  g_ptr_array_add (b->rows, row);
}

/* A numbered section's heading: "３　復旧依頼（R19-3）". */
static void
add_heading (Builder    *b,
             guint      *number,
             const char *heading)
{
  static const char *const digits[] = { "０", "１", "２", "３", "４", "５", "６", "７", "８", "９" };
  Row *row = row_new (ROW_HEADING);
  Cell cell = { 0 };

  ++*number;
  add_gap (b);
  cell.x = MARGIN;
  cell.w = WIDTH;
  cell.family = JHK_FORMS_GOTHIC;
  cell.size = HEADING_SIZE;
  cell.align = JHK_FORMS_ALIGN_LEFT;
  cell.text = *number < 10 ? g_strdup_printf ("%s　%s", digits[*number], heading)
                           : g_strdup_printf ("%u　%s", *number, heading);
  g_array_append_val (row->cells, cell);
  row->h = HEADING_H;
  row->keep_with_next = TRUE;
  b->table_head = -1;
  g_ptr_array_add (b->rows, row);
}

/* Column heads: rows added after it, up to the next heading, are its
 * table's. */
static void
add_table_head (Builder        *b,
                const CellSpec *specs,
                guint           n)
{
  b->table_head = -1;
  add_cells (b, ROW_TABLE_HEAD, LABEL_SIZE, specs, n);
  b->table_head = b->rows->len - 1;
}

/* The report */

static void
build_heading (Builder           *b,
               const JhkIncident *incident)
{
  g_autofree char *number = g_strdup_printf ("第%lld号", (long long) incident->id);
  g_autofree char *occurred = format_time (incident->occurred_at);
  g_autofree char *discovered = format_time (incident->discovered_at);
  g_autofree char *opened = who_when (incident->reported_by_name, incident->created_at, FALSE);
  g_autofree char *state = NULL;
  g_autofree char *playbook = NULL;

  state = g_strdup_printf ("%s%s", status_word (incident->status),
                           incident->serious ? "（重大事故）" : "");
  if (!is_empty (incident->playbook_title))
    playbook = g_strdup_printf ("%s（第%d版）", incident->playbook_title,
                                incident->playbook_version);
  add_fields2 (b, "所　　属", incident->office_name, "事故番号", number);
  add_fields2 (b, "状　　態", state, "報　告　者", opened);
  add_fields2 (b, "発生日時", occurred, "発見日時", discovered);
  add_field (b, "件　　名", incident->title);
  add_field (b, "対処要領", playbook);
}

static char *
join_names (GPtrArray  *names,
            const char *separator)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, or_empty (g_ptr_array_index (names, i)));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
build_facts (Builder           *b,
             guint             *section,
             const JhkIncident *incident)
{
  g_autofree char *businesses = join_names (incident->business_names, "、");
  g_autofree char *materials = join_names (incident->material_names, "\n");
  g_autofree char *stop = NULL;
  g_autofree char *damage = NULL;

  stop = incident->stop_minutes > 0
           ? g_strdup_printf ("■ 対象業務の停止（%d分）", incident->stop_minutes)
           : g_strdup ("□ 対象業務の停止");
  damage = g_strdup_printf ("%s システムの損壊　　%s　　%s 個人情報の漏えい（おそれを含む）",
                            incident->damage ? "■" : "□", stop, incident->leak ? "■" : "□");

  add_heading (b, section, "事故の状況");
  add_field (b, "何が起きたか", incident->description);
  add_fields2 (b, "影響システム", incident->systems, "端　　末", incident->terminals);
  add_field (b, "対象業務", businesses);
  add_field (b, "関係資料", materials);
  add_field (b, "被害の区分", damage);
  if (incident->attachments != NULL && incident->attachments->len > 0)
    {
      g_autoptr(GString) files = g_string_new (NULL);

      for (guint i = 0; i < incident->attachments->len; i++)
        {
          const JhkIncidentAttachment *a = g_ptr_array_index (incident->attachments, i);

          g_string_append_printf (files, "%s%s", i > 0 ? "、" : "", or_empty (a->filename));
        }
      add_field (b, "添付資料", files->str);
    }
}

enum
{
  STEP_NO,
  STEP_TEXT,
  STEP_ROLE,
  STEP_STATE,
  STEP_DONE_BY,
  STEP_DONE_AT,
  STEP_CONFIRMED,
  STEP_NOTE,
  N_STEP_COLS
};

static const double step_widths[N_STEP_COLS] = { 22, 132, 56, 28, 56, 60, 62, 0 };

static void
build_checklist (Builder           *b,
                 guint             *section,
                 const JhkIncident *incident)
{
  static const char *const heads[N_STEP_COLS] = {
    "No.", "手　順", "担当", "状態", "実施者", "日時", "確認者", "備考・省略理由",
  };
  static const JhkFormsAlign aligns[N_STEP_COLS] = {
    JHK_FORMS_ALIGN_RIGHT, JHK_FORMS_ALIGN_LEFT, JHK_FORMS_ALIGN_LEFT, JHK_FORMS_ALIGN_CENTER,
    JHK_FORMS_ALIGN_LEFT, JHK_FORMS_ALIGN_LEFT, JHK_FORMS_ALIGN_LEFT, JHK_FORMS_ALIGN_LEFT,
  };
  CellSpec specs[N_STEP_COLS];
  double rest = WIDTH;

  for (guint c = 0; c + 1 < N_STEP_COLS; c++)
    rest -= step_widths[c];
  for (guint c = 0; c < N_STEP_COLS; c++)
    {
      specs[c] = (CellSpec) { c + 1 < N_STEP_COLS ? step_widths[c] : rest, FALSE, heads[c],
                              JHK_FORMS_ALIGN_CENTER, TABLE_SIZE };
    }
  add_heading (b, section, "対処手順の実施状況");
  add_table_head (b, specs, N_STEP_COLS);

  if (incident->steps == NULL || incident->steps->len == 0)
    {
      add_field (b, "手　　順", "対処手順はない。");
      return;
    }
  for (guint i = 0; i < incident->steps->len; i++)
    {
      const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);
      g_autofree char *no = g_strdup_printf ("%d", step->position > 0 ? step->position : (int) i + 1);
      g_autofree char *done_at = format_short (step->done_at);
      g_autofree char *confirmed = NULL;
      g_autoptr(GString) note = g_string_new (NULL);
      const char *cells[N_STEP_COLS];

      if (step->confirmed_at != 0 || !is_empty (step->confirmed_by_name))
        confirmed = who_when (step->confirmed_by_name, step->confirmed_at, TRUE);
      else if (step->needs_confirmation && g_strcmp0 (step->state, "skipped") != 0)
        confirmed = g_strdup (g_strcmp0 (step->state, "done") == 0 ? "未確認" : "要確認");
      else
        confirmed = g_strdup ("－");
      if (!is_empty (step->reason))
        g_string_append_printf (note, "省略理由：%s", step->reason);
      if (!is_empty (step->note))
        g_string_append_printf (note, "%s%s", note->len > 0 ? "\n" : "", step->note);

      cells[STEP_NO] = no;
      cells[STEP_TEXT] = or_empty (step->text);
      cells[STEP_ROLE] = role_word (step->role);
      cells[STEP_STATE] = step_state_word (step->state);
      cells[STEP_DONE_BY] = or_empty (step->done_by_name);
      cells[STEP_DONE_AT] = done_at;
      cells[STEP_CONFIRMED] = confirmed;
      cells[STEP_NOTE] = note->str;
      for (guint c = 0; c < N_STEP_COLS; c++)
        {
          specs[c].text = cells[c];
          specs[c].align = aligns[c];
          specs[c].key = c == STEP_NO;
        }
      add_cells (b, ROW_FIELDS, TABLE_SIZE, specs, N_STEP_COLS);
    }
}

static void
build_recovery (Builder           *b,
                guint             *section,
                const JhkIncident *incident)
{
  g_autofree char *to = NULL;
  g_autofree char *requested_at = format_time (incident->recovery_requested_at);
  g_autofree char *investigated_at = format_time (incident->investigated_at);
  g_autofree char *dispatched_at = format_time (incident->dispatched_at);
  g_autofree char *finished_at = format_time (incident->recovery_finished_at);
  const char *dispatched;

  if (g_strcmp0 (incident->recovery_to, "sysadmin") == 0)
    to = g_strdup ("システム管理者");
  else if (g_strcmp0 (incident->recovery_to, "business") == 0)
    to = g_strdup_printf ("対象業務管理者等（%s）", or_empty (incident->recovery_business_name));
  else
    to = g_strdup (or_empty (incident->recovery_to));

  add_heading (b, section, "復旧依頼");
  add_fields2 (b, "依　頼　先", to, "状　　態", recovery_state_word (incident->recovery_state));
  add_fields2 (b, "依　頼　者", incident->recovery_requested_by_name, "依頼日時", requested_at);
  add_field (b, "依頼内容", incident->recovery_request);

  add_heading (b, section, "調査・職員派遣");
  add_fields2 (b, "調　査　者", incident->investigated_by_name, "調査日時", investigated_at);
  add_field (b, "調査結果", incident->investigation);
  if (!is_empty (incident->dispatched_staff))
    dispatched = incident->dispatched_staff;
  else if (g_strcmp0 (incident->recovery_state, "finished") == 0)
    dispatched = "派遣なし";
  else
    dispatched = "";
  add_fields2 (b, "派遣職員", dispatched, "派遣日時", dispatched_at);
  add_fields2 (b, "復旧結果", incident->recovery_result, "完了日時", finished_at);
}

static void
build_serious (Builder           *b,
               guint             *section,
               const JhkIncident *incident)
{
  const JhkIncidentReport *report = &incident->report;
  g_autofree char *serious_at = format_time (incident->serious_at);
  g_autofree char *by = NULL;

  by = incident->serious_by == 0 && is_empty (incident->serious_by_name)
         ? g_strdup ("認定基準による")
         : g_strdup (or_empty (incident->serious_by_name));
  add_heading (b, section, "重大事故の認定及び報告");
  add_fields2 (b, "認　定　者", by, "認定日時", serious_at);
  add_field (b, "理　　由", incident->serious_reason);

  if (!is_empty (report->state))
    {
      g_autofree char *due = format_time (report->due_at);
      g_autofree char *persons = report->persons < 0 ? g_strdup ("不明")
                                                     : g_strdup_printf ("%d人", report->persons);
      g_autofree char *reported = who_when (report->reported_by_name, report->reported_at, FALSE);
      g_autofree char *supervisor = who_when (report->supervisor_ack_name,
                                              report->supervisor_ack_at, FALSE);
      g_autofree char *dept_head = who_when (report->dept_head_ack_name,
                                             report->dept_head_ack_at, FALSE);
      g_autofree char *state = NULL;

      if (report->reported_at != 0 && report->due_at != 0 && report->reported_at > report->due_at)
        state = g_strdup_printf ("%s（期限後の報告）", report_state_word (report->state));
      else
        state = g_strdup (report_state_word (report->state));

      add_heading (b, section, "総括責任者・主管部長への報告");
      add_fields2 (b, "報告の状態", state, "報告期限", due);
      add_field (b, "概　　要", report->summary);
      add_field (b, "漏えい等した項目", report->leaked_items);
      add_field (b, "本人の数", persons);
      add_field (b, "原　　因", report->cause);
      add_field (b, "二次被害のおそれ", report->secondary_risk);
      add_field (b, "本人への対応", report->response_to_persons);
      add_field (b, "公　　表", report->publication);
      add_field (b, "再発防止策", report->prevention);
      add_field (b, "報告者・報告日時", reported);
      add_fields2 (b, "確認\n（総括責任者）", supervisor, "確認\n（主管部長）", dept_head);
    }
}

static void
build_closing (Builder           *b,
               guint             *section,
               const JhkIncident *incident)
{
  g_autofree char *closed = NULL;

  if (incident->closed_at != 0)
    closed = who_when (incident->closed_by_name, incident->closed_at, FALSE);
  else
    closed = g_strdup ("未終結");
  add_heading (b, section, "再発防止策及び終結");
  add_field (b, "再発防止策", incident->prevention);
  add_field (b, "終　　結", closed);
}

enum
{
  EVENT_AT,
  EVENT_ACTOR,
  EVENT_KIND,
  EVENT_TEXT,
  N_EVENT_COLS
};

static void
build_timeline (Builder   *b,
                guint     *section,
                GPtrArray *timeline)
{
  static const char *const heads[N_EVENT_COLS] = { "日　時", "記録者", "区分", "内　容" };
  static const double widths[N_EVENT_COLS] = { 104, 70, 58, WIDTH - 104 - 70 - 58 };
  CellSpec specs[N_EVENT_COLS];

  for (guint c = 0; c < N_EVENT_COLS; c++)
    specs[c] = (CellSpec) { widths[c], FALSE, heads[c], JHK_FORMS_ALIGN_CENTER, TABLE_SIZE };
  add_heading (b, section, "経過記録");
  add_table_head (b, specs, N_EVENT_COLS);
  if (timeline == NULL || timeline->len == 0)
    {
      add_field (b, "経　　過", "記録はない。");
      return;
    }
  for (guint i = 0; i < timeline->len; i++)
    {
      const JhkIncidentEvent *event = g_ptr_array_index (timeline, i);
      g_autofree char *at = format_time (event->at);

      specs[EVENT_AT].text = at;
      specs[EVENT_ACTOR].text = or_empty (event->actor_name);
      specs[EVENT_KIND].text = event_word (event->kind);
      specs[EVENT_TEXT].text = or_empty (event->text);
      for (guint c = 0; c < N_EVENT_COLS; c++)
        {
          specs[c].align = JHK_FORMS_ALIGN_LEFT;
          specs[c].key = c == EVENT_AT;
        }
      add_cells (b, ROW_FIELDS, TABLE_SIZE, specs, N_EVENT_COLS);
    }
}

/* The last change of the record, as the PDF's creation date: the same
 * record makes the same file. */
static char *
format_as_of (const JhkIncident *incident,
              GPtrArray         *timeline)
{
  g_autoptr(GDateTime) t = NULL;
  gint64 last = MAX (MAX (incident->created_at, incident->updated_at), incident->closed_at);

  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    last = MAX (last, ((const JhkIncidentEvent *) g_ptr_array_index (timeline, i))->at);
  t = last > 0 ? jhk_forms_japan_date_time (last) : NULL;
  return t != NULL ? g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

/* Pagination */

/* The height the row @i needs on the sheet it starts: itself and the
 * rows it keeps with. */
static double
needed_height (GPtrArray *rows,
               guint      i)
{
  double h = 0;

  for (; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      h += row->h;
      if (!row->keep_with_next)
        break;
    }
  return h;
}

static void
paginate (JhkIncidentReportForm *form)
{
  guint page = 0;
  double top = FIRST_TOP, y = top;
  int repeat = -1;

  g_array_set_size (form->repeat_heads, 0);
  g_array_append_val (form->repeat_heads, repeat);
  for (guint i = 0; i < form->rows->len; i++)
    {
      Row *row = g_ptr_array_index (form->rows, i);
      double need = needed_height (form->rows, i);

      if (row->kind == ROW_GAP)
        {
          /* Air at the top of a sheet is wasted. */
          row->page = page;
          row->y = y;
          if (y > top)
            y += row->h;
          continue;
        }
      if (row->kind == ROW_SEALS)
        {
          /* At the foot of the last sheet. */
          if (y + row->h > BOTTOM)
            {
              page++;
              repeat = -1;
              g_array_append_val (form->repeat_heads, repeat);
            }
          row->page = page;
          row->y = BOTTOM - row->h;
          continue;
        }
      if (y + need > BOTTOM && y > top)
        {
          page++;
          top = y = NEXT_TOP;
          repeat = row->head;
          g_array_append_val (form->repeat_heads, repeat);
          if (repeat >= 0)
            y += ((Row *) g_ptr_array_index (form->rows, repeat))->h;
        }
      row->page = page;
      row->y = y;
      y += row->h;
    }
  form->n_pages = page + 1;
}

static JhkIncidentReportForm *
form_build (const JhkIncident *incident,
            GPtrArray         *timeline)
{
  JhkIncidentReportForm *form = g_new0 (JhkIncidentReportForm, 1);
  Builder b = { 0 };
  guint section = 0;
  Row *seals;

  b.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  b.cr = cairo_create (b.surface);
  b.context = jhk_forms_create_context (b.cr);
  b.rows = g_ptr_array_new_with_free_func (row_free);
  b.table_head = -1;

  form->title = g_strstrip (g_strdup_printf ("事故報告書 第%lld号 %s", (long long) incident->id,
                                             or_empty (incident->office_name)));
  form->running_head = g_strdup_printf ("%s（続き）　第%lld号　%s", TITLE,
                                        (long long) incident->id,
                                        or_empty (incident->office_name));

  build_heading (&b, incident);
  build_facts (&b, &section, incident);
  build_checklist (&b, &section, incident);
  if (!is_empty (incident->recovery_state))
    build_recovery (&b, &section, incident);
  if (incident->serious)
    build_serious (&b, &section, incident);
  build_closing (&b, &section, incident);
  build_timeline (&b, &section, timeline);
  add_gap (&b);
  seals = row_new (ROW_SEALS);
  seals->h = SEAL_H;
  g_ptr_array_add (b.rows, seals);

  form->as_of = format_as_of (incident, timeline);
  form->rows = b.rows;
  form->repeat_heads = g_array_new (FALSE, FALSE, sizeof (int));
  paginate (form);

  g_object_unref (b.context);
  cairo_destroy (b.cr);
  cairo_surface_destroy (b.surface);
  return form;
}

JhkIncidentReportForm *
jhk_incident_report_form_new (const JhkIncident *incident,
                              GPtrArray         *timeline)
{
  g_return_val_if_fail (incident != NULL, NULL);

  return form_build (incident, timeline);
}

JhkIncidentReportForm *
jhk_incident_report_form_load (JhkDb       *db,
                               JhkSession  *actor,
                               gint64       incident_id,
                               GError     **error)
{
  JhkIncident *incident;
  GPtrArray *timeline;
  JhkIncidentReportForm *form;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  incident = jhk_incidents_get (db, actor, incident_id, error);
  if (incident == NULL)
    return NULL;
  timeline = jhk_incidents_timeline (db, actor, incident_id, error);
  if (timeline == NULL)
    {
      jhk_incident_free (incident);
      return NULL;
    }
  form = form_build (incident, timeline);
  g_ptr_array_unref (timeline);
  jhk_incident_free (incident);
  return form;
}

void
jhk_incident_report_form_free (JhkIncidentReportForm *form)
{
  if (form == NULL)
    return;
  g_free (form->title);
  g_free (form->running_head);
  g_free (form->as_of);
  g_ptr_array_unref (form->rows);
  g_array_unref (form->repeat_heads);
  g_free (form);
}

guint
jhk_incident_report_form_get_n_pages (JhkIncidentReportForm *form)
{
  g_return_val_if_fail (form != NULL, 0);

  return form->n_pages;
}

/* Drawing */

static void
text (Sheet         *sheet,
      const char    *family,
      double         size,
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
  jhk_forms_draw_in_box (sheet->cr, sheet->context, family, size, MIN_SIZE, PAD, x, y, w, h,
                         markup, align, wrap);
}

static void
draw_title (Sheet                       *sheet,
            const JhkIncidentReportForm *form,
            guint                        page)
{
  g_autofree char *number = g_strdup_printf ("%u / %u", page + 1, form->n_pages);

  if (page == 0)
    {
      g_autoptr(PangoLayout) layout = jhk_forms_new_layout (sheet->context, JHK_FORMS_GOTHIC, 16);
      g_autofree char *markup = g_markup_printf_escaped ("<span letter_spacing=\"%d\">%s</span>",
                                                         (int) (16 * 0.3 * PANGO_SCALE), TITLE);

      pango_layout_set_width (layout, (int) (WIDTH * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_markup (layout, markup, -1);
      cairo_move_to (sheet->cr, MARGIN, 34);
      pango_cairo_show_layout (sheet->cr, layout);
    }
  else
    text (sheet, JHK_FORMS_MINCHO, 8.5, MARGIN, 30, WIDTH - 70, 16, form->running_head,
          JHK_FORMS_ALIGN_LEFT, FALSE);
  text (sheet, JHK_FORMS_MINCHO, 8.5, XR - 70, page == 0 ? 54 : 30, 70, 16, number,
        JHK_FORMS_ALIGN_RIGHT, FALSE);
  /* Again at the foot, where a stack of sheets is checked. */
  text (sheet, JHK_FORMS_MINCHO, 9, MARGIN, JHK_FORMS_A4_HEIGHT - 38, WIDTH, 14, number,
        JHK_FORMS_ALIGN_CENTER, FALSE);
}

static void
draw_heading (Sheet     *sheet,
              const Row *row,
              double     y)
{
  const Cell *cell = &g_array_index (row->cells, Cell, 0);
  cairo_t *cr = sheet->cr;

  text (sheet, cell->family, cell->size, cell->x, y + 2, cell->w, row->h - 2, cell->text,
        JHK_FORMS_ALIGN_LEFT, FALSE);
  cairo_save (cr);
  cairo_set_line_width (cr, THICK_WIDTH);
  jhk_forms_hline (cr, MARGIN, XR, y + row->h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A ruled row: shading, then the rules (none between a row and its
 * continuations on the sheet), then the texts. A label is printed once,
 * in the height @span of the row and its continuations on the sheet,
 * and again with "（続）" at the top of the next sheet. */
static void
draw_cells (Sheet     *sheet,
            const Row *row,
            double     y,
            double     span,
            gboolean   first_on_sheet,
            gboolean   last_on_sheet)
{
  cairo_t *cr = sheet->cr;

  /* A label's shading over its span, once, as its text. */
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  for (guint i = 0; i < row->cells->len; i++)
    {
      const Cell *cell = &g_array_index (row->cells, Cell, i);

      if (cell->label && row->continued && !first_on_sheet)
        continue;
      if (cell->shaded)
        cairo_rectangle (cr, cell->x, y, cell->w, cell->label ? span : row->h);
    }
  cairo_fill (cr);
  cairo_restore (cr);

  for (guint i = 0; i < row->cells->len; i++)
    {
      const Cell *cell = &g_array_index (row->cells, Cell, i);

      jhk_forms_vline (cr, cell->x, y, y + row->h);
    }
  jhk_forms_vline (cr, XR, y, y + row->h);
  if (!row->continued || first_on_sheet)
    jhk_forms_hline (cr, MARGIN, XR, y);
  if (span <= row->h || last_on_sheet)
    jhk_forms_hline (cr, MARGIN, XR, y + row->h);
  cairo_stroke (cr);

  for (guint i = 0; i < row->cells->len; i++)
    {
      const Cell *cell = &g_array_index (row->cells, Cell, i);
      g_autofree char *continued = NULL;

      if ((cell->label || cell->key) && row->continued && !first_on_sheet)
        continue;
      if (cell->label && row->continued && !is_empty (cell->text))
        continued = g_strdup_printf ("%s（続）", cell->text);
      if (cell->label || cell->key)
        text (sheet, cell->family, cell->size, cell->x, y, cell->w, span,
              continued != NULL ? continued : cell->text, cell->align, TRUE);
      else
        text (sheet, cell->family, cell->size, cell->x, y - (PAD - row->top_pad), cell->w,
              row->h + 2 * PAD - row->top_pad - row->bottom_pad, cell->text, cell->align, TRUE);
    }
}

static void
draw_seals (Sheet     *sheet,
            const Row *row)
{
  static const char *const seals[] = { "運用管理者", "システム管理者" };
  cairo_t *cr = sheet->cr;
  double xs = XR - G_N_ELEMENTS (seals) * SEAL_W, y = row->y;

  text (sheet, JHK_FORMS_MINCHO, 9, MARGIN, y, xs - MARGIN - 12, 18,
        "上記のとおり事故の発生及び対処の状況を報告する。", JHK_FORMS_ALIGN_LEFT, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (seals); i++)
    {
      double x = xs + i * SEAL_W;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_rectangle (cr, x, y, SEAL_W, SEAL_LABEL_H);
      cairo_fill (cr);
      cairo_restore (cr);
      cairo_rectangle (cr, x, y, SEAL_W, SEAL_H);
      jhk_forms_hline (cr, x, x + SEAL_W, y + SEAL_LABEL_H);
      cairo_stroke (cr);
      text (sheet, JHK_FORMS_GOTHIC, 7.5, x, y, SEAL_W, SEAL_LABEL_H, seals[i],
            JHK_FORMS_ALIGN_CENTER, FALSE);
    }
}

/* The ruled rows of a section, from @top to @bottom, in a thicker line,
 * as a box on a printed form; returns -1, for the next. */
static double
close_block (Sheet  *sheet,
             double  top,
             double  bottom)
{
  cairo_t *cr = sheet->cr;

  if (top < 0 || bottom <= top)
    return -1;
  cairo_save (cr);
  cairo_set_line_width (cr, THICK_WIDTH);
  cairo_rectangle (cr, MARGIN, top, WIDTH, bottom - top);
  cairo_stroke (cr);
  cairo_restore (cr);
  return -1;
}

void
jhk_incident_report_form_draw_page (JhkIncidentReportForm *form,
                                    cairo_t               *cr,
                                    guint                  page)
{
  Sheet sheet = { cr, NULL };
  gboolean first = TRUE;
  double block_top = -1, block_bottom = 0;
  int repeat;

  g_return_if_fail (form != NULL);
  g_return_if_fail (cr != NULL);

  sheet.context = jhk_forms_begin_sheet (cr, LINE_WIDTH);
  draw_title (&sheet, form, page);
  repeat = page < form->repeat_heads->len ? g_array_index (form->repeat_heads, int, page) : -1;
  if (repeat >= 0)
    {
      const Row *head = g_ptr_array_index (form->rows, repeat);

      /* The row under it still starts the sheet (and prints its label). */
      draw_cells (&sheet, head, NEXT_TOP, head->h, TRUE, FALSE);
      block_top = NEXT_TOP;
    }
  for (guint i = 0; i < form->rows->len; i++)
    {
      const Row *row = g_ptr_array_index (form->rows, i);

      if (row->page != page)
        continue;
      switch (row->kind)
        {
        case ROW_FIELDS:
        case ROW_TABLE_HEAD:
          {
            double span = row->h;
            guint j = i + 1;

            for (; j < form->rows->len; j++)
              {
                const Row *next = g_ptr_array_index (form->rows, j);

                if (next->page != page || !next->continued)
                  break;
                span += next->h;
              }
            draw_cells (&sheet, row, row->y, span, first,
                        i + 1 >= form->rows->len ||
                        ((const Row *) g_ptr_array_index (form->rows, i + 1))->page != page);
            first = FALSE;
            if (block_top < 0)
              block_top = row->y;
            block_bottom = row->y + row->h;
          }
          continue;
        case ROW_HEADING:
          draw_heading (&sheet, row, row->y);
          first = FALSE;
          break;
        case ROW_SEALS:
          draw_seals (&sheet, row);
          break;
        case ROW_GAP:
        default:
          break;
        }
      block_top = close_block (&sheet, block_top, block_bottom);
    }
  close_block (&sheet, block_top, block_bottom);
  jhk_forms_end_sheet (cr, sheet.context);
}

/* A sheet of the PDF; the first also dates the file by the record (the
 * metadata is written when the file is finished), rather than by the
 * clock. */
static void
draw_page (gconstpointer  data,
           cairo_t       *cr,
           guint          page)
{
  JhkIncidentReportForm *form = (JhkIncidentReportForm *) data;
  cairo_surface_t *target = cairo_get_target (cr);

  if (page == 0 && form->as_of != NULL && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF)
    cairo_pdf_surface_set_metadata (target, CAIRO_PDF_METADATA_CREATE_DATE, form->as_of);
  jhk_incident_report_form_draw_page (form, cr, page);
}

gboolean
jhk_incident_report_form_write_pdf (JhkIncidentReportForm  *form,
                                    const char             *path,
                                    GError                **error)
{
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return jhk_forms_write_pages_pdf (path, form->title, TITLE, form->n_pages, draw_page, form,
                                    error);
}

char *
jhk_incident_report_form_get_title (JhkIncidentReportForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);

  return g_strdup (form->title);
}
