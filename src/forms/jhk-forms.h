/* jhk-forms.h: printed output drawn with Cairo and Pango.
 *
 * Every form is one function that draws on a cairo_t in A4 points; the same
 * function serves PDF, printing and previews. Forms are fixed Japanese
 * layouts and use the IPAex fonts.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

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

G_END_DECLS
