/* jhk-forms.h: printed output drawn with Cairo and Pango.
 *
 * Every form is one function that draws on a cairo_t in A4 points; the same
 * function serves PDF, printing and previews. Forms are fixed Japanese
 * layouts and use the IPAex fonts.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define JHK_FORMS_A4_WIDTH  595.276
#define JHK_FORMS_A4_HEIGHT 841.890
#define JHK_FORMS_MINCHO    "IPAexMincho"
#define JHK_FORMS_GOTHIC    "IPAexGothic"

#define JHK_FORMS_ERROR (jhk_forms_error_quark ())

typedef enum
{
  JHK_FORMS_ERROR_FAILED,
  JHK_FORMS_ERROR_DATE,
} JhkFormsError;

GQuark   jhk_forms_error_quark (void);

/* A date in the Japanese era calendar, e.g. 令和8年11月26日 (元年 for the
 * first year). Dates before 明治 6 (1873) are refused. */
char    *jhk_forms_format_wareki      (int          year,
                                       int          month,
                                       int          day,
                                       GError     **error);

/* µs since the epoch as a date and time in Japan time (Asia/Tokyo, +09:00
 * without a zone database), the time the forms print; NULL when out of
 * range. */
GDateTime *jhk_forms_japan_date_time  (gint64       us);

/* The audit verification report: what was checked, when, and the result. */
void     jhk_forms_draw_audit_report  (cairo_t     *cr,
                                       const char  *database,
                                       gboolean     ok,
                                       gint64       n_entries,
                                       gint64       first_bad_seq,
                                       const char  *head,
                                       const char  *problem,
                                       GDateTime   *when);
gboolean jhk_forms_audit_report_pdf   (const char  *path,
                                       const char  *database,
                                       gboolean     ok,
                                       gint64       n_entries,
                                       gint64       first_bad_seq,
                                       const char  *head,
                                       const char  *problem,
                                       GError     **error);

/* Helpers shared by the 別記様式. */

typedef enum
{
  JHK_FORMS_ALIGN_LEFT,
  JHK_FORMS_ALIGN_CENTER,
  JHK_FORMS_ALIGN_RIGHT,
} JhkFormsAlign;

/* Draws one sheet (from 0) of a form. */
typedef void (*JhkFormsDrawPage) (gconstpointer  form,
                                  cairo_t       *cr,
                                  guint          page);

/* A Pango context for drawing on @cr with unhinted metrics, so a sheet is
 * laid out the same on paper, in a PDF and on screen. */
PangoContext *jhk_forms_create_context (cairo_t       *cr);

/* A layout on @context in @family at @size points, with some air between
 * its lines as on a typed original. */
PangoLayout *jhk_forms_new_layout    (PangoContext  *context,
                                      const char    *family,
                                      double         size);

/* Draws @markup inside the box (x, y, w, h) less @pad on each side: on one
 * line, or wrapped to the box's width when @wrap; shrunk from @size until
 * it fits, down to @min_size, then cut with an ellipsis; centred
 * vertically. Nothing is drawn outside the box. */
void     jhk_forms_draw_in_box       (cairo_t       *cr,
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
                                      gboolean       wrap);

/* Saves @cr and clears it to a white sheet with black lines @line_width
 * wide and no path; returns the context to lay out its text with (see
 * jhk_forms_create_context()). jhk_forms_end_sheet() undoes both. */
PangoContext *jhk_forms_begin_sheet  (cairo_t       *cr,
                                      double         line_width);
void     jhk_forms_end_sheet         (cairo_t       *cr,
                                      PangoContext  *context);

/* Adds a horizontal line from (x0, y) to (x1, y), or a vertical one from
 * (x, y0) to (x, y1), to the path of @cr. */
void     jhk_forms_hline             (cairo_t       *cr,
                                      double         x0,
                                      double         x1,
                                      double         y);
void     jhk_forms_vline             (cairo_t       *cr,
                                      double         x,
                                      double         y0,
                                      double         y1);

/* Strokes an ellipse around the box (x, y, w, h), @margin wider on
 * either side and 1.5 pt taller above and below: a printed word circled
 * as the chosen one. */
void     jhk_forms_circle            (cairo_t       *cr,
                                      double         x,
                                      double         y,
                                      double         w,
                                      double         h,
                                      double         margin);

/* Sheets a form of @n_rows rows needs: 1 up to @first_rows on the first
 * sheet, then one more for each @continuation_rows. */
guint    jhk_forms_n_sheets          (guint          n_rows,
                                      guint          first_rows,
                                      guint          continuation_rows);

/* The rows sheet @page (from 0) holds: their count, and in @first the
 * index of the first of them (0 when it holds none). */
guint    jhk_forms_sheet_rows        (guint          n_rows,
                                      guint          first_rows,
                                      guint          continuation_rows,
                                      guint          page,
                                      guint         *first);

/* Sets @title (may be NULL), @subject (may be NULL or empty) and the
 * creator, Jhk, in the metadata of the PDF @surface. */
void     jhk_forms_set_pdf_metadata  (cairo_surface_t *surface,
                                      const char      *title,
                                      const char      *subject);

/* Destroys @cr, then finishes and destroys its PDF @surface; returns the
 * first error of either, or CAIRO_STATUS_SUCCESS. */
cairo_status_t jhk_forms_finish_pdf  (cairo_t         *cr,
                                      cairo_surface_t *surface);

/* Writes the @n_pages sheets @draw draws of @form to a PDF at @path,
 * created readable by its owner only (mode 0600), the fonts embedded;
 * @title and @subject (may be NULL) go to its metadata. */
gboolean jhk_forms_write_pages_pdf   (const char       *path,
                                      const char       *title,
                                      const char       *subject,
                                      guint             n_pages,
                                      JhkFormsDrawPage  draw,
                                      gconstpointer     form,
                                      GError          **error);

G_END_DECLS
