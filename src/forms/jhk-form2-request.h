/* jhk-form2-request.h: 様式第2号 of one 作業依頼書.
 *
 * Fills a JhkForm2 from a JhkWorkRequest (jhk-work-requests.h): the
 * heading from to_title and from_title, 区分 from each row's kind, 数量 as
 * a number (empty when 0), the 対象業務管理者 row from the consent, and
 * the 受理所属記入 rows as the receiving side recorded them.
 */
#pragma once

#include "jhk-form2.h"
#include "jhk-work-requests.h"

G_BEGIN_DECLS

typedef struct _JhkForm2Request JhkForm2Request;

/* The form and copies of the strings it borrows; @request may go
 * afterwards. */
JhkForm2Request *jhk_form2_request_new       (const JhkWorkRequest *request);
void             jhk_form2_request_free      (JhkForm2Request      *self);
const JhkForm2  *jhk_form2_request_get_form  (JhkForm2Request      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkForm2Request, jhk_form2_request_free)

/* Reads request @request_id as @actor may see it (jhk_work_requests_get)
 * and writes its 様式第2号 to @path (mode 0600). */
gboolean         jhk_form2_request_write_pdf (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       request_id,
                                              const char  *path,
                                              GError     **error);

G_END_DECLS
