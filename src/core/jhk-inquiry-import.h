/* jhk-inquiry-import.h: importing 個人情報照会記録 (R14-5) and access
 * trails (R13-3) exported by other systems.
 *
 * The file is CSV (RFC 4180: quoted fields may hold commas, doubled quotes
 * and line breaks), CRLF or LF, UTF-8 with or without BOM, or CP932 with
 * its NEC and IBM extension characters (髙 﨑 ①), detected or named. The
 * header row names the columns, in any order:
 *
 *   inquiries: 照会番号 照会日時 所属コード 照会者職員番号 照会者氏名 照会種別
 *              事由 事件番号 照会内容 端末番号
 *   trails:    日時 所属コード 職員番号 氏名 端末番号 業務 操作内容
 *
 * 照会日時 and 日時 are "YYYY-MM-DD HH:MM[:SS]" or "YYYY/MM/DD HH:MM[:SS]",
 * Japan time. Every column is required and every value but 事由 and
 * 事件番号.
 *
 * All or nothing, in one transaction on the caller's connection: a file
 * with any bad line (columns, date, encoding, a missing value, a record of
 * an office's month already signed off) imports nothing and the report
 * lists every bad line with its number and reason. A record whose 照会番号
 * is already stored is counted as present and not imported again; a trail
 * row identical to a stored one likewise. An unknown 職員番号 or 所属コード
 * is imported and flagged (JHK_INQUIRY_FLAG_UNKNOWN_*). The new records
 * are screened (jhk-inquiry-screening.h) in the same transaction. One
 * audit entry and one inquiry_imports row record the import.
 *
 * Only the システム管理者 imports. It may run in a worker thread with its
 * own JhkDb; progress is reported from that thread.
 */
#pragma once

#include <gio/gio.h>

#include "jhk-db.h"
#include "jhk-import.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef enum
{
  JHK_INQUIRY_IMPORT_INQUIRIES,
  JHK_INQUIRY_IMPORT_TRAILS,
} JhkInquiryImportKind;

typedef struct
{
  const char *encoding;    /* "UTF-8" or "CP932" */
  guint       n_read;      /* data rows read */
  guint       n_imported;  /* rows written (0 unless committed) */
  guint       n_present;   /* rows already stored */
  guint       n_flagged;   /* rows imported with a flag */
  gboolean    committed;   /* FALSE with errors, and for a dry run */
  gint64      import_id;   /* the inquiry_imports row, 0 */
  GPtrArray  *errors;      /* JhkImportError *, in line order */
} JhkInquiryImportReport;

void jhk_inquiry_import_report_free (JhkInquiryImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkInquiryImportReport, jhk_inquiry_import_report_free)

/* Called now and then with the share of the file read (0..1) and the
 * rows read so far. */
typedef void (*JhkImportProgressFunc) (double   fraction,
                                       guint    n_read,
                                       gpointer user_data);

/* encoding: NULL to detect, "UTF-8" or "CP932". file_name is what the
 * import row records (the path's basename). Returns NULL with error when
 * the actor may not import, the file cannot be read, it was cancelled
 * (G_IO_ERROR_CANCELLED) or the database fails; nothing is written then.
 * Bad lines are in the report, and then nothing was written either. */
JhkInquiryImportReport *jhk_inquiry_import_data (JhkDb                 *db,
                                                 JhkSession            *actor,
                                                 JhkInquiryImportKind   kind,
                                                 const char            *data,
                                                 gsize                  length,
                                                 const char            *encoding,
                                                 const char            *file_name,
                                                 gboolean               dry_run,
                                                 JhkImportProgressFunc  progress,
                                                 gpointer               user_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
/* The same for a file, mapped, not read into memory. */
JhkInquiryImportReport *jhk_inquiry_import_file (JhkDb                 *db,
                                                 JhkSession            *actor,
                                                 JhkInquiryImportKind   kind,
                                                 const char            *path,
                                                 const char            *encoding,
                                                 gboolean               dry_run,
                                                 JhkImportProgressFunc  progress,
                                                 gpointer               user_data,
                                                 GCancellable          *cancellable,
                                                 GError               **error);

/* Reads 照会日時 / 日時 (Japan time) into µs since the epoch; FALSE when
 * malformed. Exposed for tests. */
gboolean jhk_inquiry_import_parse_time (const char *text,
                                        gint64     *out_us);

G_END_DECLS
