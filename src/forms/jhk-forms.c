/* jhk-forms.c: shared form helpers and the audit verification report. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "jhk-forms.h"

G_DEFINE_QUARK (jhk-forms-error-quark, jhk_forms_error)

static const struct
{
  const char *name;
  int         year, month, day;  /* first day of the era */
} eras[] = {
  { "令和", 2019, 5, 1 },
  { "平成", 1989, 1, 8 },
  { "昭和", 1926, 12, 25 },
  { "大正", 1912, 7, 30 },
  { "明治", 1873, 1, 1 },  /* the Gregorian calendar from 明治6年 */
};

static GTimeZone *
japan_time (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tokyo = g_time_zone_new_identifier ("Asia/Tokyo");

      /* No zone database: Japan has kept +09:00 since 1951. */
      g_once_init_leave (&zone, tokyo != NULL ? tokyo : g_time_zone_new_offset (9 * 3600));
    }
  return zone;
}

GDateTime *
jhk_forms_japan_date_time (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return utc != NULL ? g_date_time_to_timezone (utc, japan_time ()) : NULL;
}

char *
jhk_forms_format_wareki (int      year,
                         int      month,
                         int      day,
                         GError **error)
{
  /* GDate takes an 8-bit day and a 16-bit year: range-check before they are
   * narrowed, or 2019-05-257 would pass as 2019-05-01. */
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_DATE, "invalid date %04d-%02d-%02d",
                   year, month, day);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      int era_year;

      if (year * 10000 + month * 100 + day < eras[i].year * 10000 + eras[i].month * 100 + eras[i].day)
        continue;
      /* 明治元年 is 1868; the table starts 明治 at its 6th year. */
      era_year = year - (eras[i].year == 1873 ? 1868 : eras[i].year) + 1;
      if (era_year == 1)
        return g_strdup_printf ("%s元年%d月%d日", eras[i].name, month, day);
      return g_strdup_printf ("%s%d年%d月%d日", eras[i].name, era_year, month, day);
    }
  g_set_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_DATE,
               "%04d-%02d-%02d is before the Gregorian calendar was adopted in Japan", year,
               month, day);
  return NULL;
}

static void
draw_text (cairo_t    *cr,
           const char *font,
           double      size,
           double      x,
           double      y,
           double      width,
           const char *text)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
jhk_forms_draw_audit_report (cairo_t    *cr,
                             const char *database,
                             gboolean    ok,
                             gint64      n_entries,
                             gint64      first_bad_seq,
                             const char *head,
                             const char *problem,
                             GDateTime  *when)
{
  const double left = 72, width = JHK_FORMS_A4_WIDTH - 144;
  const double label_w = 130, row_h = 30;
  g_autofree char *date = jhk_forms_format_wareki (g_date_time_get_year (when),
                                                   g_date_time_get_month (when),
                                                   g_date_time_get_day_of_month (when), NULL);
  g_autofree char *time = g_date_time_format (when, "%H時%M分");
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_entries);
  g_autofree char *bad = first_bad_seq > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, first_bad_seq)
                                           : g_strdup ("なし");
  g_autofree char *stamp = g_strdup_printf ("%s %s", date ? date : "", time);
  const char *labels[] = { "検証日時", "データベース", "記録件数", "検証結果",
                           "最初の異常番号", "末尾ハッシュ", "所見" };
  const char *values[] = { stamp, database, count, ok ? "異常なし" : "異常あり", bad,
                           head ? head : "", problem ? problem : "連鎖及びファイルの整合性に異常は認められない。" };
  double y = 150;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  draw_text (cr, JHK_FORMS_MINCHO, 18, left, 90, width, "監査ログ検証結果報告書");
  cairo_set_line_width (cr, 0.8);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double h = i == G_N_ELEMENTS (labels) - 1 ? row_h * 3 : row_h;

      cairo_rectangle (cr, left, y, label_w, h);
      cairo_rectangle (cr, left + label_w, y, width - label_w, h);
      cairo_stroke (cr);
      draw_text (cr, JHK_FORMS_MINCHO, 10.5, left + 6, y + 8, label_w - 12, labels[i]);
      /* The head hash in 7 pt: 64 of IPAexGothic's widest hex digits (0.625 em)
       * then fit the cell on one line, so it can be copied and compared. */
      draw_text (cr, i == 5 ? JHK_FORMS_GOTHIC : JHK_FORMS_MINCHO, i == 5 ? 7 : 10.5,
                 left + label_w + 6, y + 8, width - label_w - 12, values[i]);
      y += h;
    }
  draw_text (cr, JHK_FORMS_MINCHO, 9, left, y + 16, width,
             "注 記録件数及び末尾ハッシュを控えておけば、後日「jhkctl verify --checkpoint」により"
             "末尾の削除又は履歴の書換えを検出できる。");
  cairo_restore (cr);
}

typedef struct
{
  const char *database;
  gboolean    ok;
  gint64      n_entries;
  gint64      first_bad_seq;
  const char *head;
  const char *problem;
  GDateTime  *when;
} AuditReport;

static void
draw_audit_page (gconstpointer  data,
                 cairo_t       *cr,
                 guint          page)
{
  const AuditReport *r = data;

  jhk_forms_draw_audit_report (cr, r->database, r->ok, r->n_entries, r->first_bad_seq, r->head,
                               r->problem, r->when);
}

gboolean
jhk_forms_audit_report_pdf (const char  *path,
                            const char  *database,
                            gboolean     ok,
                            gint64       n_entries,
                            gint64       first_bad_seq,
                            const char  *head,
                            const char  *problem,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AuditReport report = { database, ok, n_entries, first_bad_seq, head, problem, now };

  /* Reports name the database and its state: readable by the owner only,
   * like the database. */
  return jhk_forms_write_pages_pdf (path, "監査ログ検証結果報告書", NULL, 1, draw_audit_page,
                                    &report, error);
}

PangoContext *
jhk_forms_create_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

PangoContext *
jhk_forms_begin_sheet (cairo_t *cr,
                       double   line_width)
{
  PangoContext *context;

  cairo_save (cr);
  context = jhk_forms_create_context (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, line_width);
  cairo_new_path (cr);
  return context;
}

void
jhk_forms_end_sheet (cairo_t      *cr,
                     PangoContext *context)
{
  g_object_unref (context);
  cairo_restore (cr);
}

void
jhk_forms_hline (cairo_t *cr,
                 double   x0,
                 double   x1,
                 double   y)
{
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
}

void
jhk_forms_vline (cairo_t *cr,
                 double   x,
                 double   y0,
                 double   y1)
{
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
}

void
jhk_forms_circle (cairo_t *cr,
                  double   x,
                  double   y,
                  double   w,
                  double   h,
                  double   margin)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, x + w / 2, y + h / 2);
  cairo_scale (cr, w / 2 + margin, h / 2 + 1.5);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_stroke (cr);
}

guint
jhk_forms_n_sheets (guint n_rows,
                    guint first_rows,
                    guint continuation_rows)
{
  g_return_val_if_fail (continuation_rows > 0, 1);

  if (n_rows <= first_rows)
    return 1;
  return 1 + (n_rows - first_rows + continuation_rows - 1) / continuation_rows;
}

guint
jhk_forms_sheet_rows (guint  n_rows,
                      guint  first_rows,
                      guint  continuation_rows,
                      guint  page,
                      guint *first)
{
  guint start = page == 0 ? 0 : first_rows + (page - 1) * continuation_rows;
  guint n = start < n_rows ? MIN (n_rows - start, page == 0 ? first_rows : continuation_rows) : 0;

  *first = n > 0 ? start : 0;
  return n;
}

static void
set_size (PangoLayout *layout,
          double       size)
{
  PangoFontDescription *desc;

  desc = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  /* Some air between the lines of a box, as on a typed original. */
  pango_layout_set_spacing (layout, (int) (size * 0.25 * PANGO_SCALE));
}

PangoLayout *
jhk_forms_new_layout (PangoContext *context,
                      const char   *family,
                      double        size)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  set_size (layout, size);
  return layout;
}

void
jhk_forms_draw_in_box (cairo_t       *cr,
                       PangoContext  *context,
                       const char    *family,
                       double         size,
                       double         min_size,
                       double         pad,
                       double         x,
                       double         y,
                       double         w,
                       double         h,
                       const char    *markup,
                       JhkFormsAlign  align,
                       gboolean       wrap)
{
  g_autoptr(PangoLayout) layout = NULL;
  double inner_w = w - 2 * pad, inner_h = h - 2 * pad;
  int lw, lh;

  g_return_if_fail (cr != NULL && context != NULL && family != NULL);

  if (markup == NULL || *markup == '\0' || inner_w <= 0 || inner_h <= 0)
    return;
  layout = jhk_forms_new_layout (context, family, size);
  pango_layout_set_alignment (layout, align == JHK_FORMS_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                                      : align == JHK_FORMS_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                       : PANGO_ALIGN_LEFT);
  if (wrap)
    {
      pango_layout_set_width (layout, (int) (inner_w * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_size (layout, &lw, &lh);
  while ((lh > inner_h * PANGO_SCALE || lw > inner_w * PANGO_SCALE) && size > min_size)
    {
      /* Unwrapped text scales with its size: one step to the size that
       * fits. Wrapped text goes down half a point at a time. */
      if (wrap)
        size -= 0.5;
      else
        size = floor (2 * size * MIN (inner_w * PANGO_SCALE / lw, inner_h * PANGO_SCALE / lh)) / 2;
      size = MAX (size, min_size);
      set_size (layout, size);
      pango_layout_get_size (layout, &lw, &lh);
    }
  if (lh > inner_h * PANGO_SCALE || lw > inner_w * PANGO_SCALE)
    {
      /* Still too long at the smallest size: cut it at the box. */
      pango_layout_set_width (layout, (int) (inner_w * PANGO_SCALE));
      pango_layout_set_height (layout, wrap ? (int) (inner_h * PANGO_SCALE) : -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_size (layout, &lw, &lh);
    }
  if (!wrap && align == JHK_FORMS_ALIGN_CENTER)
    x += (inner_w - (double) lw / PANGO_SCALE) / 2;
  else if (!wrap && align == JHK_FORMS_ALIGN_RIGHT)
    x += inner_w - (double) lw / PANGO_SCALE;
  cairo_move_to (cr, x + pad, y + pad + MAX (0, (inner_h - (double) lh / PANGO_SCALE) / 2));
  pango_cairo_show_layout (cr, layout);
}

void
jhk_forms_set_pdf_metadata (cairo_surface_t *surface,
                            const char      *title,
                            const char      *subject)
{
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (subject != NULL && *subject != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jhk " PACKAGE_VERSION);
}

cairo_status_t
jhk_forms_finish_pdf (cairo_t         *cr,
                      cairo_surface_t *surface)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
jhk_forms_write_pages_pdf (const char       *path,
                           const char       *title,
                           const char       *subject,
                           guint             n_pages,
                           JhkFormsDrawPage  draw,
                           gconstpointer     form,
                           GError          **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Forms name people and what they handle: readable by the owner only.
   * Cairo then writes into the file as it is. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED, "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (path, JHK_FORMS_A4_WIDTH, JHK_FORMS_A4_HEIGHT);
  jhk_forms_set_pdf_metadata (surface, title, subject);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      draw (form, cr, page);
      cairo_show_page (cr);
    }
  status = jhk_forms_finish_pdf (cr, surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
