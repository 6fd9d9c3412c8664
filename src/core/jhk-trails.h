/* jhk-trails.h: access trails (アクセスの証跡, R13-3, R13-4).
 *
 * The システム管理者 imports the trails of the 対象業務等 (jhk-inquiry-
 * import.h, kind TRAILS) and keeps them five years per 所属. 管理者等
 * (システム管理者, 対象業務管理者等, 主管業務管理者) search them to see
 * whether access was proper: the システム管理者 every trail, the others
 * the trails of their own businesses (the trail's 業務 is the business's
 * code or name). An output of trails (a file) is produced only by the
 * システム管理者: the others ask for it with a trail request, which the
 * システム管理者 produces or declines; each request keeps its record.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* A search; NULL or "" members do not filter. */
typedef struct
{
  const char *staff_no;     /* 職員番号, exact */
  const char *office_code;  /* 所属コード, exact */
  const char *terminal;     /* 端末番号, exact */
  const char *date_from;    /* YYYY-MM-DD, Japan time, inclusive */
  const char *date_to;      /* YYYY-MM-DD, inclusive */
  const char *text;         /* in 氏名, 業務, 操作内容 */
  gint64      business_id;  /* 0: every business the actor may search */
} JhkTrailQuery;

/* Whether the actor may search trails at all. */
gboolean       jhk_trails_may_search   (JhkSession          *actor);

/* A lazy list of the trails the actor may search, newest first. Columns:
 * id, at (µs), office_code, office, staff_no, staff_name, terminal,
 * business, operation, flags. NULL with an error when the actor may not
 * search or the query is malformed (dates). */
JhkQueryModel *jhk_trails_search       (JhkDb               *db,
                                        JhkSession          *actor,
                                        const JhkTrailQuery *query,
                                        GError             **error);

/* The システム管理者 writes the trails of the query to a CSV file (UTF-8
 * with BOM, the import's columns, mode 0600); returns the number of rows
 * and, when asked, the file's SHA-256 (hex). Audited. */
gboolean       jhk_trails_export       (JhkDb               *db,
                                        JhkSession          *actor,
                                        const JhkTrailQuery *query,
                                        const char          *path,
                                        guint               *out_rows,
                                        char               **out_sha256,
                                        GError             **error);

/* R13-4: trail requests. status "requested", "produced", "declined". */
typedef struct
{
  gint64  id;
  gint64  requested_by;      /* staff id */
  char   *requester_name;
  gint64  business_id;
  char   *business_name;
  char   *reason;
  char   *staff_no;
  char   *office_code;
  char   *terminal;
  char   *date_from;
  char   *date_to;
  char   *text;
  char   *status;
  gint64  requested_at;
  gint64  handled_by;        /* staff id, 0 */
  char   *handler_name;
  gint64  handled_at;
  guint   n_rows;            /* produced */
  char   *sha256;            /* of the produced file */
  char   *comment;           /* why declined */
} JhkTrailRequest;

void             jhk_trail_request_free (JhkTrailRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkTrailRequest, jhk_trail_request_free)
const char      *jhk_trail_request_status_label (const char *status);

/* A 対象業務管理者等 or 主管業務管理者 asks for an output of the trails of
 * one of their businesses; a reason and a date range are required. */
gint64           jhk_trail_requests_create  (JhkDb               *db,
                                             JhkSession          *actor,
                                             gint64               business_id,
                                             const JhkTrailQuery *query,
                                             const char          *reason,
                                             GError             **error);
/* The システム管理者 produces it: the file as jhk_trails_export. */
gboolean         jhk_trail_requests_produce (JhkDb               *db,
                                             JhkSession          *actor,
                                             gint64               request_id,
                                             const char          *path,
                                             GError             **error);
gboolean         jhk_trail_requests_decline (JhkDb               *db,
                                             JhkSession          *actor,
                                             gint64               request_id,
                                             const char          *comment,
                                             GError             **error);
JhkTrailRequest *jhk_trail_requests_get     (JhkDb               *db,
                                             JhkSession          *actor,
                                             gint64               request_id,
                                             GError             **error);
/* The requests the actor made, or (システム管理者) all, newest first.
 * Columns: id, requester, business, reason, date_from, date_to, status,
 * requested_at, n_rows. */
JhkQueryModel   *jhk_trail_requests_list_model (JhkDb      *db,
                                                JhkSession *actor);

G_END_DECLS
