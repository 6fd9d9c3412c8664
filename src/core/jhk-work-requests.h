/* jhk-work-requests.h: 作業依頼書, requests for input and output work
 * (R15-4, 別記様式第2号 RF2).
 *
 * The 運用管理者 or 情報管理者 of an office (the requester) asks either the
 * システム管理者 ("sysadmin") or the 対象業務管理者等 of an approved business
 * ("business") to enter, print or correct data. A request to the
 * システム管理者 first needs the consent of the business's 対象業務管理者等
 * (R15-4); a request to the business's manager goes straight to them.
 *
 *   draft ──submit──▶ consent_pending ──consent──▶ submitted   (sysadmin)
 *   draft ──submit──────────────────────────────▶ submitted   (business)
 *   submitted ──receive──▶ in_progress ──complete──▶ completed
 *   consent_pending, submitted ──send_back──▶ returned ──revise──▶ draft
 *   draft, consent_pending, submitted, returned ──withdraw──▶ withdrawn
 *
 * While in_progress the receiving side records 処理, 入力資料返却 and
 * 出力資料交付 and the paper used (用紙, 記事欄); complete needs 処理, the
 * return of the input (when a row is 入力) and the hand-over of the output
 * (when a row is 出力). Handing over output rows marked personal data
 * registers each as an output material in the requesting office's ledger
 * (R15-1; R17-1 reason "procedure"), stored in the request's locked
 * storage place and linked to the request (materials.work_request_id).
 *
 * Every write is one transaction with its audit entry, the request's
 * state read again inside it. Each refusal is one of the
 * jhk_work_requests_refusal() texts, so the UI's insensitive buttons give
 * the services' own reasons.
 *
 * Times of the form (完成希望日時, 受付, 処理...) are local wall-clock
 * "YYYY-MM-DD HH:MM" strings; instants (created_at...) are µs since the
 * epoch as elsewhere.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* The most material rows one request holds. */
#define JHK_WORK_REQUEST_MAX_ITEMS 50

/* One row of 資料等 (区分, 資料等の内容, 数量, 資料の形態, 備考). */
typedef struct
{
  char     *kind;           /* "input", "output", "correction" (入力・出力・修正) */
  char     *content;        /* 資料等の内容 */
  int       quantity;       /* 数量, 1 or more (0 only in a draft) */
  char     *form;           /* 資料の形態 (紙, CD-R...) */
  char     *note;           /* 備考 */
  gboolean  personal_data;  /* an output row: the output holds personal data */
  gint64    material_id;    /* the ledger material made of it at hand-over, 0 */
} JhkWorkRequestItem;

JhkWorkRequestItem *jhk_work_request_item_new  (const char *kind,
                                                const char *content,
                                                int         quantity,
                                                const char *form,
                                                const char *note);
void                jhk_work_request_item_free (JhkWorkRequestItem *item);

/* One recording of the receiving side (a row of 受理所属記入). */
typedef struct
{
  const char *at;           /* "YYYY-MM-DD HH:MM", not in the future */
  const char *handler;      /* 担当者; NULL or "" for the actor's name */
  const char *note;         /* 特記事項 (受付, 処理) */
  const char *to_office;    /* 受領者 所属 (入力資料返却, 出力資料交付) */
  const char *to_name;      /* 受領者 氏名 */
} JhkWorkRequestStep;

/* 用紙 and 記事欄. */
typedef struct
{
  int         continuous;   /* 連続用紙 枚 */
  int         standard;     /* 定型用紙 枚 */
  int         a4;           /* A4 枚 */
  int         other;        /* その他 枚 */
  const char *other_text;   /* その他( ) */
  const char *remarks;      /* 記事欄 */
} JhkWorkRequestPaper;

typedef struct
{
  gint64     id;                 /* 0 for a draft not yet saved */
  gint64     office_id;          /* the requesting 所属 */
  char      *office_name;
  char      *status;             /* see above */
  char      *recipient;          /* "sysadmin", "business"; "" in a new draft */
  gint64     business_id;        /* 対象業務名: an approved business, 0 unset */
  char      *business_name;

  /* Heading: "<to_title> 殿" and the sender "<from_title>". */
  char      *to_title;           /* e.g. 情報管理課長 */
  char      *from_title;         /* e.g. 中央警察署長 */

  /* 依頼所属記入 */
  char      *summary;            /* 作業概要 */
  char      *purpose;            /* 目的 */
  char      *wanted_at;          /* 完成希望日時, "YYYY-MM-DD HH:MM" or "" */
  char      *manager_title;      /* 依頼所属 情報管理者 職名 */
  char      *manager_name;       /*                     氏名 */
  char      *contact_name;       /* 担当者 氏名 */
  char      *contact_phone;      /*        電話 */
  gint64     storage_place_id;   /* locked place of the office for personal-data output, 0 */
  GPtrArray *items;              /* JhkWorkRequestItem, in order */

  /* 対象業務管理者 (consent, R15-4): filled by consent */
  gint64     consent_by;         /* staff id, 0 */
  char      *consent_title;
  char      *consent_name;
  char      *consent_phone;
  gint64     consent_at;         /* 0 */

  /* 受理所属記入 */
  char      *received_at;        /* "" until recorded */
  char      *received_handler;
  char      *received_note;
  char      *processed_at;
  char      *processed_handler;
  char      *processed_note;
  char      *input_returned_at;
  char      *input_returned_handler;
  char      *input_returned_to_office;
  char      *input_returned_to_name;
  char      *output_delivered_at;
  char      *output_delivered_handler;
  char      *output_delivered_to_office;
  char      *output_delivered_to_name;
  int        paper_continuous;
  int        paper_standard;
  int        paper_a4;
  int        paper_other;
  char      *paper_other_text;
  char      *remarks;            /* 記事欄 */

  char      *return_comment;     /* why it was sent back (returned), or "" */
  gint64     created_by;         /* staff id of the requester */
  char      *creator_name;
  gint64     created_at;
  gint64     updated_at;
  gint64     submitted_at;       /* 0 while a draft */
  gint64     completed_at;       /* 0 */
} JhkWorkRequest;

void jhk_work_request_free (JhkWorkRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkWorkRequest, jhk_work_request_free)

/* Labels, translated. */
const char *const *jhk_work_request_statuses        (void);
const char        *jhk_work_request_status_label    (const char *status);
const char *const *jhk_work_request_item_kinds      (void);
const char        *jhk_work_request_item_kind_label (const char *kind);
const char        *jhk_work_request_recipient_label (const char *recipient);

/* A new, unsaved draft of the actor's office, filled as the wizard starts:
 * from_title the office's head (所属長), manager the office's 情報管理者
 * (the actor when they are one, or when the office has none today),
 * contact the actor's name and extension, storage_place_id the office's
 * first current locked place (0 when it has none; the submission drops
 * it when no output row holds personal data).
 * Refused (JHK_POLICY_ERROR_DENIED) unless the actor is the 運用管理者 or
 * 情報管理者 of an office. */
JhkWorkRequest *jhk_work_requests_new_draft (JhkDb       *db,
                                             JhkSession  *actor,
                                             GError     **error);

/* The head of the receiving office, "〇〇長": the システム管理者's office
 * head, or the head of the office owning the business. NULL when unknown. */
char *jhk_work_requests_recipient_title (JhkDb      *db,
                                         const char *recipient,
                                         gint64      business_id);

/* The wizard's steps, checked before moving on (pure; the services check
 * again with the database):
 *   1 宛先: recipient and business;
 *   2 作業概要, 目的, 完成希望日時 (well formed, not in the past);
 *   3 the rows: at least one, each complete; a locked storage place when an
 *     output row holds personal data;
 *   4 依頼所属: titles, 情報管理者, 担当者 and phone.
 * Step 0 checks them all. On a refusal *out_field (when not NULL)
 * receives the member's name ("recipient", "wanted_at", "items"...), or
 * "items.N.content" for row N (from 0). */
gboolean jhk_work_requests_check_step (const JhkWorkRequest  *request,
                                       int                    step,
                                       const char           **out_field,
                                       GError               **error);

/* When the completion wanted is sooner than the receiving side usually
 * needs (the median time from submission to completion of its last
 * completed requests, or three days when it has fewer than five), the
 * warning, translated; NULL otherwise (and for a time already passed,
 * which check_step refuses). */
char *jhk_work_requests_lead_time_warning (JhkDb                *db,
                                           const JhkWorkRequest *request);

/* Saves a draft (request->id 0: a new one; returns its id). A draft may
 * be incomplete; its texts are checked for length only. Only the office's
 * 運用管理者 or 情報管理者, only in "draft". */
gint64   jhk_work_requests_save_draft  (JhkDb                *db,
                                        JhkSession           *actor,
                                        const JhkWorkRequest *request,
                                        GError              **error);
/* draft → consent_pending or submitted, after check_step (0). */
gboolean jhk_work_requests_submit      (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        GError     **error);
/* R15-4: the business's manager consents; title, name and phone print in
 * the 対象業務管理者 row (NULL: from the actor's staff record). */
gboolean jhk_work_requests_consent     (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        const char  *title,
                                        const char  *name,
                                        const char  *phone,
                                        GError     **error);
/* The consenting manager declines, or the receiving side sends the request
 * back; a comment is required. */
gboolean jhk_work_requests_send_back   (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        const char  *comment,
                                        GError     **error);
/* The requesting office takes the request back. */
gboolean jhk_work_requests_withdraw    (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        GError     **error);
/* returned → draft, to be changed and submitted again (consent cleared). */
gboolean jhk_work_requests_revise      (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        GError     **error);
/* The receiving side: 受付 (submitted → in_progress). */
gboolean jhk_work_requests_receive     (JhkDb                    *db,
                                        JhkSession               *actor,
                                        gint64                    request_id,
                                        const JhkWorkRequestStep *step,
                                        GError                  **error);
/* 処理, while in_progress. */
gboolean jhk_work_requests_process     (JhkDb                    *db,
                                        JhkSession               *actor,
                                        gint64                    request_id,
                                        const JhkWorkRequestStep *step,
                                        GError                  **error);
/* 入力資料返却 (a row is 入力 or 修正; 受領者 required). */
gboolean jhk_work_requests_return_input (JhkDb                    *db,
                                         JhkSession               *actor,
                                         gint64                    request_id,
                                         const JhkWorkRequestStep *step,
                                         GError                  **error);
/* 出力資料交付 (a row is 出力, after 処理; 受領者 required): personal-data
 * output rows become ledger materials of the requesting office. */
gboolean jhk_work_requests_deliver_output (JhkDb                    *db,
                                           JhkSession               *actor,
                                           gint64                    request_id,
                                           const JhkWorkRequestStep *step,
                                           GError                  **error);
/* 用紙 and 記事欄, while in_progress. */
gboolean jhk_work_requests_set_paper   (JhkDb                     *db,
                                        JhkSession                *actor,
                                        gint64                     request_id,
                                        const JhkWorkRequestPaper *paper,
                                        GError                   **error);
/* in_progress → completed. */
gboolean jhk_work_requests_complete    (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        GError     **error);

/* One request with its rows, as the actor may see it
 * (JHK_POLICY_ERROR_NOT_FOUND else). */
JhkWorkRequest *jhk_work_requests_get  (JhkDb       *db,
                                        JhkSession  *actor,
                                        gint64       request_id,
                                        GError     **error);

typedef enum
{
  JHK_WORK_REQUESTS_VISIBLE,      /* all the actor may see */
  JHK_WORK_REQUESTS_OFFICE,       /* of the offices the actor requests for */
  JHK_WORK_REQUESTS_TO_CONSENT,   /* consent_pending, the actor's business */
  JHK_WORK_REQUESTS_TO_PROCESS,   /* submitted or in_progress, addressed to the actor */
} JhkWorkRequestsScope;

/* GPtrArray of JhkWorkRequest (rows not loaded: items NULL), newest first. */
GPtrArray *jhk_work_requests_list      (JhkDb                 *db,
                                        JhkSession            *actor,
                                        JhkWorkRequestsScope   scope,
                                        GError               **error);

/* The actions, as the UI and jhkctl name them. */
typedef enum
{
  JHK_WORK_REQUEST_EDIT,          /* change a draft (save_draft) */
  JHK_WORK_REQUEST_SUBMIT,
  JHK_WORK_REQUEST_CONSENT,
  JHK_WORK_REQUEST_SEND_BACK,
  JHK_WORK_REQUEST_WITHDRAW,
  JHK_WORK_REQUEST_REVISE,
  JHK_WORK_REQUEST_RECEIVE,
  JHK_WORK_REQUEST_PROCESS,
  JHK_WORK_REQUEST_RETURN_INPUT,
  JHK_WORK_REQUEST_DELIVER_OUTPUT,
  JHK_WORK_REQUEST_SET_PAPER,
  JHK_WORK_REQUEST_COMPLETE,
} JhkWorkRequestAction;

/* The checks of a step's own input that the services above make first,
 * without the database, for dialogs that check as the user types: a well
 * formed time not in the future, the lengths, and the 受領者 of
 * RETURN_INPUT and DELIVER_OUTPUT (action is one of the four steps). */
gboolean jhk_work_requests_check_step_input (const JhkWorkRequestStep  *step,
                                             JhkWorkRequestAction       action,
                                             GError                   **error);
/* The same for 用紙 and 記事欄 (jhk_work_requests_set_paper). */
gboolean jhk_work_requests_check_paper      (const JhkWorkRequestPaper *paper,
                                             GError                   **error);

/* NULL when the actor may take the action on the request now; otherwise
 * the reason, translated, exactly as the service refuses it (role, state,
 * missing consent, missing steps). Input checks (texts, times) are the
 * services' and check_step's. */
const char *jhk_work_requests_refusal  (JhkDb                *db,
                                        JhkSession           *actor,
                                        const JhkWorkRequest *request,
                                        JhkWorkRequestAction  action);

/* Whether the completion wanted has passed and the request is still open
 * (consent_pending, submitted or in_progress). now_local is
 * "YYYY-MM-DD HH:MM", NULL for the present. */
gboolean jhk_work_request_is_overdue   (const JhkWorkRequest *request,
                                        const char           *now_local);

/* The same rule for a list's row (jhk_work_requests_list_model), pure:
 * status and wanted_at as stored ("" or NULL for none), now_local
 * "YYYY-MM-DD HH:MM" or NULL for the present. jhk_work_request_is_overdue
 * answers with it. */
gboolean jhk_work_request_is_overdue_row (const char *status,
                                          const char *wanted_at,
                                          const char *now_local);

/* The rows of jhk_work_requests_list() as a lazy list for the pages:
 * the same condition (one function builds it for both), newest first,
 * rows read a page at a time by id. Columns: id, office_id, office,
 * status, recipient, business_id, business, summary, wanted_at,
 * created_at (µs). Refresh it with jhk_query_model_refresh(); a database
 * error leaves it empty with a warning. */
JhkQueryModel *jhk_work_requests_list_model (JhkDb                *db,
                                             JhkSession           *actor,
                                             JhkWorkRequestsScope  scope);

typedef enum
{
  JHK_WORK_REQUESTS_SORT_NUMBER,     /* 番号 (the default, descending: newest first) */
  JHK_WORK_REQUESTS_SORT_WANTED_AT,  /* 完成希望日時 ("" first ascending), then 番号 */
  JHK_WORK_REQUESTS_SORT_STATUS,     /* 状態 in the order of the flow (下書き ... 取下げ),
                                      * then 番号 */
} JhkWorkRequestsSort;

/* Orders a list model in SQL (on the indexes of 0015) and refreshes it,
 * with exact items-changed. */
void           jhk_work_requests_list_model_sort (JhkQueryModel        *model,
                                                  JhkWorkRequestsSort   sort,
                                                  gboolean              descending);

/* The businesses a request can be addressed to: approved 対象業務等
 * (target, egov, lead) with a manager (対象業務管理者等) today, by code.
 * Columns: id, code, name, kind. Submit applies the same rule. */
JhkQueryModel *jhk_work_requests_addressable_businesses (JhkDb *db);

/* NULL when a request can be addressed to the business now, otherwise
 * the reason, translated, as submit refuses it. */
const char    *jhk_work_requests_business_refusal (JhkDb  *db,
                                                   gint64  business_id);

G_END_DECLS
