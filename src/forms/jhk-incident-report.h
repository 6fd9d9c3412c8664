/* jhk-incident-report.h: 事故報告書, the record of one incident (第19,
 * R19-2..5) on paper and in PDF.
 *
 * A4 portrait, drawn by one routine for PDF, printing and the preview:
 * the heading (title, 所属, number, state, 発生・発見日時, 対処要領 and its
 * version, who opened it), the facts (what happened, systems, terminals,
 * businesses, materials, 損壊 / 停止 / 漏えい), the checklist (each step
 * with its state, who and when, confirmation, reason or notes), the
 * recovery request, investigation and dispatch (R19-3, R19-4), the
 * seriousness and the report to the 総括責任者 and 主管部長 with its eight
 * fields, due time and acknowledgements (R19-5), the 再発防止策 and
 * closing, then the timeline; page numbers "n / N"; boxes for the seals
 * of the 運用管理者 and the システム管理者 on the last page.
 */
#pragma once

#include <cairo.h>

#include "jhk-db.h"
#include "jhk-incidents.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct _JhkIncidentReportForm JhkIncidentReportForm;

/* Reads the incident and its timeline as the actor may see them. */
JhkIncidentReportForm *jhk_incident_report_form_load      (JhkDb        *db,
                                                           JhkSession   *actor,
                                                           gint64        incident_id,
                                                           GError      **error);
/* Of data already read (copied; the caller keeps both). timeline: a
 * GPtrArray of JhkIncidentEvent, may be NULL. */
JhkIncidentReportForm *jhk_incident_report_form_new       (const JhkIncident *incident,
                                                           GPtrArray         *timeline);
void                   jhk_incident_report_form_free      (JhkIncidentReportForm *form);
guint                  jhk_incident_report_form_get_n_pages (JhkIncidentReportForm *form);
/* Draws page (from 0) in A4 portrait points from the origin of cr. */
void                   jhk_incident_report_form_draw_page (JhkIncidentReportForm *form,
                                                           cairo_t               *cr,
                                                           guint                  page);
/* The PDF (IPAex fonts embedded), mode 0600. */
gboolean               jhk_incident_report_form_write_pdf (JhkIncidentReportForm *form,
                                                           const char            *path,
                                                           GError               **error);
/* "事故報告書 第12号 中央警察署", the title and file name. */
char                  *jhk_incident_report_form_get_title (JhkIncidentReportForm *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkIncidentReportForm, jhk_incident_report_form_free)

G_END_DECLS
