/* jhk-inquiry-sheet.h: 個人情報照会記録 点検表, the check sheet of one
 * office and month (R14-6, R14-7).
 *
 * A4 portrait, drawn by one routine for PDF, printing and the preview:
 * the heading (所属, 対象期間, the numbers of the summary), then one row per
 * record (照会日時, 照会番号, 照会者, 照会種別, 事由・事件番号, 照会内容, the
 * flags, 照会者確認, 担当幹部点検, 運用管理者) with who and when, page
 * numbers "n / N", and on the last page the 運用管理者's confirmation
 * (signed off by whom, when, comment) with boxes for seals. Printed
 * sheets are output materials with personal data (R14-7: see
 * jhk_inquiries_register_sheet).
 */
#pragma once

#include <cairo.h>

#include "jhk-db.h"
#include "jhk-inquiries.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct _JhkInquirySheet JhkInquirySheet;

/* Reads the summary and every record of the office's month as the actor
 * may see them (jhk_inquiries_summary, jhk_inquiries_list_period). */
JhkInquirySheet *jhk_inquiry_sheet_load      (JhkDb            *db,
                                              JhkSession       *actor,
                                              gint64            office_id,
                                              const char       *period,
                                              GError          **error);
/* The sheet of data already read: the summary and a GPtrArray of
 * JhkInquiryRecord (may be NULL: none), in the order to print. The sheet
 * copies what it prints; the caller keeps both. Overdue records are
 * marked only by jhk_inquiry_sheet_load (the rule needs the database's
 * JHK_SETTING_INQUIRY_DUE_DAYS). */
JhkInquirySheet *jhk_inquiry_sheet_new       (const JhkInquirySummary *summary,
                                              GPtrArray        *records);
void             jhk_inquiry_sheet_free      (JhkInquirySheet  *sheet);
guint            jhk_inquiry_sheet_get_n_pages (JhkInquirySheet *sheet);
/* Draws page (from 0) in A4 portrait points from the origin of cr. */
void             jhk_inquiry_sheet_draw_page (JhkInquirySheet  *sheet,
                                              cairo_t          *cr,
                                              guint             page);
/* The PDF (IPAex fonts embedded), mode 0600. */
gboolean         jhk_inquiry_sheet_write_pdf (JhkInquirySheet  *sheet,
                                              const char       *path,
                                              GError          **error);
/* "個人情報照会記録点検表 中央警察署 2026年10月", the title and file name. */
char            *jhk_inquiry_sheet_get_title (JhkInquirySheet  *sheet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkInquirySheet, jhk_inquiry_sheet_free)

G_END_DECLS
