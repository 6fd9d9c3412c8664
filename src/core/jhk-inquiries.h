/* jhk-inquiries.h: 照会点検, the check of personal-data inquiries (第14).
 *
 * The inquiry system writes 個人情報照会記録 (R14-5); the システム管理者
 * imports them (jhk-inquiry-import.h) and each record goes to the 所属 of
 * its 所属コード. There (R14-6):
 *
 *   1 照会者確認  the officer who made the inquiry confirms it happened
 *                 (confirmed) or says it did not happen as recorded
 *                 (disputed, 相違あり, with a comment);
 *   2 担当幹部点検 a 担当幹部 (inquiry_supervisor) of the officer's 係 checks
 *                 fact and purpose: 適正 (proper) or 要確認 (query, with a
 *                 comment), once step 1 is done;
 *   3 運用管理者確認 the office's 運用管理者 settles each 要確認 record, and
 *                 each record nobody else can take (its officer unknown or
 *                 without a login): 適正 or 不適正 (improper), with a
 *                 comment; then signs the office's month off.
 *
 * A record is done when it is confirmed or disputed and checked 適正, or
 * when the 運用管理者 settled it. The month of an office (period
 * "YYYY-MM", the inquiries' Japan-time month) is signed off only when
 * every record of it is done; after that nothing of that month changes
 * (the services refuse, and a trigger on both backends). A record is
 * overdue when it is not done JHK_SETTING_INQUIRY_DUE_DAYS days after it
 * was imported.
 *
 * Screening (R14-9, jhk-inquiry-screening.h) sets each record's flags;
 * each flag explains itself in one sentence.
 *
 * Every write is one transaction with its audit entry; a bulk step over
 * many records is one transaction and one audit entry naming them all.
 * Each refusal is one of the jhk_inquiries_refusal() texts.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* The screening flags of a record (inquiry_records.flags). */
typedef enum
{
  JHK_INQUIRY_FLAG_NO_REASON      = 1 << 0,  /* 事由 empty */
  JHK_INQUIRY_FLAG_NO_CASE        = 1 << 1,  /* 事件番号 empty */
  JHK_INQUIRY_FLAG_OFF_HOURS      = 1 << 2,  /* outside duty hours, a weekend or holiday */
  JHK_INQUIRY_FLAG_REPEAT_SELF    = 1 << 3,  /* the same subject, again by this officer */
  JHK_INQUIRY_FLAG_REPEAT_MANY    = 1 << 4,  /* the same subject, by many officers */
  JHK_INQUIRY_FLAG_VOLUME         = 1 << 5,  /* the officer's day far above their usual */
  JHK_INQUIRY_FLAG_OUT_OF_SCOPE   = 1 << 6,  /* 照会種別 outside the officer's scope (R14-1) */
  JHK_INQUIRY_FLAG_FAMILY_NAME    = 1 << 7,  /* the subject shares the officer's family name */
  JHK_INQUIRY_FLAG_UNKNOWN_STAFF  = 1 << 8,  /* 照会者職員番号 not in the staff register */
  JHK_INQUIRY_FLAG_UNKNOWN_OFFICE = 1 << 9,  /* 所属コード not a known 所属 */
} JhkInquiryFlags;

#define JHK_INQUIRY_N_FLAGS 10

/* The flag's short label (列 and filter), translated. */
const char *jhk_inquiry_flag_label (JhkInquiryFlags flag);

/* One 個人情報照会記録 with its check. States are keys:
 *   confirm_state "pending", "confirmed", "disputed";
 *   check_state   "pending", "proper", "query";
 *   resolution    "", "proper", "improper". */
typedef struct
{
  gint64  id;
  char   *source_no;         /* 照会番号, unique */
  gint64  at;                /* 照会日時, µs since the epoch */
  char   *period;            /* "YYYY-MM", Japan time */
  char   *office_code;       /* 所属コード as imported */
  gint64  office_id;         /* 0: unknown code */
  char   *office_name;       /* "" when unknown */
  char   *staff_no;          /* 照会者職員番号 as imported */
  gint64  staff_id;          /* 0: unknown */
  char   *inquirer_name;     /* 照会者氏名 as imported */
  gint64  section_id;        /* the officer's 係 when imported, 0 */
  char   *section_name;
  char   *kind;              /* 照会種別 */
  char   *reason;            /* 事由, may be "" */
  char   *case_no;           /* 事件番号, may be "" */
  char   *content;           /* 照会内容: the subject, name first */
  char   *terminal;          /* 端末番号 */
  gint64  imported_at;
  guint   flags;             /* JhkInquiryFlags */
  char   *flag_data;         /* the figures the explanations quote */

  char   *confirm_state;
  gint64  confirmed_by;      /* staff id, 0 */
  char   *confirmed_by_name;
  gint64  confirmed_at;
  char   *confirm_comment;

  char   *check_state;
  gint64  checked_by;
  char   *checked_by_name;
  gint64  checked_at;
  char   *check_comment;

  char   *resolution;
  gint64  resolved_by;
  char   *resolved_by_name;
  gint64  resolved_at;
  char   *resolution_comment;

  gboolean done;             /* see above */
  gboolean signed_off;       /* its office's month is signed off */
} JhkInquiryRecord;

void jhk_inquiry_record_free (JhkInquiryRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkInquiryRecord, jhk_inquiry_record_free)

/* Labels of the state keys above, translated. */
const char *jhk_inquiry_confirm_state_label (const char *state);
const char *jhk_inquiry_check_state_label   (const char *state);
const char *jhk_inquiry_resolution_label    (const char *resolution);

/* The record's flags, one translated sentence each, in flag order
 * (NULL-terminated; g_strfreev). */
char **jhk_inquiry_record_explain (const JhkInquiryRecord *record);

typedef enum
{
  JHK_INQUIRY_CONFIRM,   /* 照会者: confirmed / disputed */
  JHK_INQUIRY_CHECK,     /* 担当幹部: proper / query */
  JHK_INQUIRY_RESOLVE,   /* 運用管理者: proper / improper */
} JhkInquiryAction;

/* NULL when the actor may take the action on the record now, else the
 * reason, translated, exactly as the services refuse it (not theirs,
 * wrong step, signed off). */
const char *jhk_inquiries_refusal (JhkDb                  *db,
                                   JhkSession             *actor,
                                   const JhkInquiryRecord *record,
                                   JhkInquiryAction        action);

/* Step 1, over one or many records of the actor (a range selected in the
 * list): disputed needs a comment. All or none: one refused record
 * refuses the call, naming its 照会番号. */
gboolean jhk_inquiries_confirm (JhkDb         *db,
                                JhkSession    *actor,
                                const gint64  *ids,
                                guint          n_ids,
                                gboolean       disputed,
                                const char    *comment,
                                GError       **error);
/* Step 2, by a 担当幹部 of the records' 係: query needs a comment. */
gboolean jhk_inquiries_check   (JhkDb         *db,
                                JhkSession    *actor,
                                const gint64  *ids,
                                guint          n_ids,
                                gboolean       query,
                                const char    *comment,
                                GError       **error);
/* Step 3, by the office's 運用管理者: a comment is required. */
gboolean jhk_inquiries_resolve (JhkDb         *db,
                                JhkSession    *actor,
                                const gint64  *ids,
                                guint          n_ids,
                                gboolean       improper,
                                const char    *comment,
                                GError       **error);

/* One record, as the actor may see it (JHK_POLICY_ERROR_NOT_FOUND else). */
JhkInquiryRecord *jhk_inquiries_get (JhkDb       *db,
                                     JhkSession  *actor,
                                     gint64       id,
                                     GError     **error);

/* Who sees which records:
 *   MINE      the actor's own inquiries (照会者);
 *   TO_CHECK  the records of the 係 the actor is 担当幹部 of, those
 *             needing the check first: disputed, then flagged, then the
 *             rest, each oldest first;
 *   OFFICE    the records of the offices the actor is 運用管理者 of;
 *   ALL       every record (システム管理者, 総括責任者). */
typedef enum
{
  JHK_INQUIRIES_MINE,
  JHK_INQUIRIES_TO_CHECK,
  JHK_INQUIRIES_OFFICE,
  JHK_INQUIRIES_ALL,
} JhkInquiriesScope;

/* The scopes the actor has, in the order above. */
gboolean jhk_inquiries_may_view_scope (JhkSession        *actor,
                                       JhkInquiriesScope  scope);

typedef enum
{
  JHK_INQUIRY_STAGE_ANY,
  JHK_INQUIRY_STAGE_TO_CONFIRM,   /* step 1 pending */
  JHK_INQUIRY_STAGE_TO_CHECK,     /* step 1 done, step 2 pending */
  JHK_INQUIRY_STAGE_TO_RESOLVE,   /* 要確認, or nobody else can take it */
  JHK_INQUIRY_STAGE_OPEN,         /* not done */
  JHK_INQUIRY_STAGE_DONE,
} JhkInquiryStage;

/* A list's filter; zero/NULL members do not filter. */
typedef struct
{
  gint64           office_id;
  const char      *period;       /* "YYYY-MM" */
  gint64           section_id;
  gint64           staff_id;
  JhkInquiryStage  stage;
  gboolean         disputed;     /* only 相違あり */
  guint            flags;        /* only records with any of these flags */
  gboolean         overdue;
  const char      *text;         /* in 照会番号, 氏名, 照会内容, 事由, 事件番号, 端末番号 */
} JhkInquiryFilter;

/* A lazy list (one page at a time) of the scope, filtered. Columns: id,
 * source_no, at (µs), period, office_id, office, staff_id, staff_no,
 * inquirer_name, section, kind, reason, case_no, content, terminal,
 * flags, confirm_state, check_state, resolution, done, overdue. Order: the
 * scope's. */
JhkQueryModel *jhk_inquiries_list_model     (JhkDb                  *db,
                                             JhkSession             *actor,
                                             JhkInquiriesScope       scope,
                                             const JhkInquiryFilter *filter);
/* Changes a model's filter and refreshes it (exact items-changed). */
void           jhk_inquiries_list_model_set_filter (JhkQueryModel          *model,
                                                    const JhkInquiryFilter *filter);

/* The progress of one 係 or one officer within a summary. */
typedef struct
{
  gint64  id;            /* section or staff id, 0 for unknown */
  char   *name;
  char   *staff_no;      /* officers only */
  guint   total;
  guint   confirmed;     /* step 1 done (confirmed or disputed) */
  guint   checked;       /* step 2 done */
  guint   done;
  guint   disputed;
  guint   queried;       /* 要確認 */
  guint   flagged;
  guint   overdue;
} JhkInquiryProgress;

/* The 運用管理者's view of one office and month. */
typedef struct
{
  gint64      office_id;
  char       *office_name;
  char       *period;
  JhkInquiryProgress total;   /* id 0, name the office's */
  GPtrArray  *sections;       /* JhkInquiryProgress, by section code */
  GPtrArray  *officers;       /* JhkInquiryProgress, by staff number */
  guint       n_days;         /* days of the month */
  guint      *daily;          /* n_days counts of inquiries, day 1 first */
  guint      *daily_flagged;  /* n_days counts of flagged ones */
  gint64      signed_off_at;  /* 0 while open */
  char       *signed_off_by_name;
  char       *sign_off_comment;
} JhkInquirySummary;

void jhk_inquiry_summary_free (JhkInquirySummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkInquirySummary, jhk_inquiry_summary_free)

/* For the office's 運用管理者 (and ALL viewers). */
JhkInquirySummary *jhk_inquiries_summary (JhkDb       *db,
                                          JhkSession  *actor,
                                          gint64       office_id,
                                          const char  *period,
                                          GError     **error);

/* Every record of an office and month, as the check sheet prints them:
 * a GPtrArray of JhkInquiryRecord, by 係 code, staff number, then time. */
GPtrArray *jhk_inquiries_list_period (JhkDb       *db,
                                      JhkSession  *actor,
                                      gint64       office_id,
                                      const char  *period,
                                      GError     **error);

/* The months of an office that have records, newest first ("YYYY-MM"). */
GStrv    jhk_inquiries_periods (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       office_id,
                                GError     **error);

/* NULL when the actor may sign the month off now, else the reason as
 * jhk_inquiries_sign_off refuses it (not the 運用管理者, records not
 * done — with their number —, already signed off, no records). */
char    *jhk_inquiries_sign_off_refusal (JhkDb       *db,
                                         JhkSession  *actor,
                                         gint64       office_id,
                                         const char  *period);
/* R14-6: the 運用管理者 confirms that the office's inquiries of the month
 * were proper; the comment may be empty. */
gboolean jhk_inquiries_sign_off (JhkDb       *db,
                                 JhkSession  *actor,
                                 gint64       office_id,
                                 const char  *period,
                                 const char  *comment,
                                 GError     **error);

/* R14-7: the printed check sheet (jhk-inquiry-sheet.h) of an office and
 * month becomes an output material of the office's ledger: personal data,
 * stored in the given locked storage place of the office, business the
 * setting JHK_SETTING_INQUIRY_BUSINESS. Returns the material's id. */
gint64   jhk_inquiries_register_sheet (JhkDb       *db,
                                       JhkSession  *actor,
                                       gint64       office_id,
                                       const char  *period,
                                       gint64       storage_place_id,
                                       int          copies,
                                       GError     **error);

/* R14-1: the register of 照会者 and the 照会種別 each may make, kept by the
 * 総括責任者 and 主管部長 (and the システム管理者). */
typedef struct
{
  gint64  id;
  gint64  staff_id;
  char   *staff_no;
  char   *staff_name;
  char   *office_name;
  char   *kind;          /* 照会種別 */
  char   *valid_from;    /* YYYY-MM-DD */
  char   *valid_to;      /* NULL while current */
} JhkInquirerScope;

void jhk_inquirer_scope_free (JhkInquirerScope *scope);

/* Current rows (all rows with history), of one office (0: all), by staff
 * number then kind. */
GPtrArray *jhk_inquirers_list  (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       office_id,
                                gboolean     history,
                                GError     **error);
gint64     jhk_inquirers_grant (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       staff_id,
                                const char  *kind,
                                const char  *valid_from,
                                GError     **error);
gboolean   jhk_inquirers_end   (JhkDb       *db,
                                JhkSession  *actor,
                                gint64       scope_id,
                                const char  *valid_to,
                                GError     **error);
/* The 照会種別 known: those registered and those seen in records. */
GStrv      jhk_inquiry_kinds   (JhkDb       *db,
                                GError     **error);

/* R13-3, R14-5: the records and trails of one office (0: of every office)
 * older than JHK_RETENTION_YEARS are deleted, by the システム管理者; one
 * audit entry per office states the range purged and the numbers. */
gboolean jhk_inquiries_purge (JhkDb       *db,
                              JhkSession  *actor,
                              gint64       office_id,
                              guint       *out_records,
                              guint       *out_trails,
                              GError     **error);
/* What jhk_inquiries_purge() would delete now, read only (same selection,
 * same refusals): the numbers, and the oldest and newest instants (µs, 0
 * when nothing is due). */
gboolean jhk_inquiries_purge_preview (JhkDb       *db,
                                      JhkSession  *actor,
                                      gint64       office_id,
                                      guint       *out_records,
                                      guint       *out_trails,
                                      gint64      *out_oldest,
                                      gint64      *out_newest,
                                      GError     **error);

G_END_DECLS
