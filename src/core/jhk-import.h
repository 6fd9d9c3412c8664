/* jhk-import.h: migrating an existing spreadsheet ledger into Jhk.
 *
 * jhk_import_materials() reads a CSV export (see jhk-csv.h: UTF-8 or
 * CP932) of a materials ledger kept in a spreadsheet and registers every
 * row through jhk_ledger_register_material(), inside ONE transaction: all
 * rows or none. The rows are checked to the end, so that the report lists
 * every error at once, each with its line and column.
 *
 * The first record is the header. Columns are found by their Japanese
 * names, in any order; blank header cells (Excel's empty trailing columns)
 * are ignored, any other unknown name is an error. Cells are trimmed;
 * codes, numbers, dates and marks are read after NFKC normalisation
 * (全角 digits and letters count as half-width).
 *
 *   資料区分 *    入力 / 出力 (入力資料 / 出力資料)
 *   資料名 *      text (200 characters)
 *   数量 *        a whole number, at least 1 (単位 such as 部, 枚, 件 may follow)
 *   内訳          text
 *   資料概要      text; line breaks in a quoted cell are kept
 *   業務 *        the business's code (業務コード), an approved business
 *   所属 *        the office's code (所属コード): whose ledger it goes into
 *   取扱者 *      the handler's staff number (職員番号), of that office
 *   使用目的 *    text
 *   特に重要      a mark for yes: ○ ◯ 〇 ● ■ レ ✓ 有 あり はい 1 Y;
 *                 blank, × 無 なし いいえ 0 N - for no
 *   指定者        with 特に重要: staff number of the business's manager who
 *                 designated it (R15-3)
 *   個人情報      a mark, as 特に重要
 *   作成理由      法令 / 定められた手続 (手続) / 保守・試験 (保守試験, 保守又は試験);
 *                 required for personal-data output (R17-1)
 *   入手年月日 *  2026-04-01, 2026/4/1, 2026年4月1日, or 和暦 令和8年4月1日
 *                 (also R8.4.1, 令和元年, 平成, 昭和)
 *   入手方法 *    受領 (受領先 names from whom) / 印字出力 / その他 (受領先, or
 *                 その他（…） in the cell, says how)
 *   受領先        text: from whom, or how for その他
 *   入手後の措置 * 保管 / 保管せず廃棄 (廃棄) / その他（…）
 *   保管先        with 保管: the name of a current storage place of the office
 *                 (locked for personal data and designated material, R15-5)
 *   廃棄年月日    with 保管せず廃棄 (required then): when it was destroyed
 *   廃棄方法      with 保管せず廃棄 (required then, R15-6): 裁断 / 焼却 / 溶解 /
 *                 消去 / 物理破壊
 *   立会者        with 保管せず廃棄 of personal data (required then, R16-3,
 *                 R17-3): staff number of the office's 情報管理者, not the 取扱者
 *
 * (* required column.) The same list is in README.md.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

typedef struct
{
  guint  line;     /* physical line of the file, from 1 */
  char  *column;   /* the column's header, or NULL for the whole row */
  char  *message;  /* translated */
} JhkImportError;

/* The errors of a report: a GPtrArray of JhkImportError freeing them, and
 * one more added (message from format, translated by the caller). Shared
 * with the inquiry and trail import (jhk-inquiry-import.h). */
GPtrArray *jhk_import_errors_new (void);
void       jhk_import_error_add  (GPtrArray  *errors,
                                  guint       line,
                                  const char *column,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (4, 5);

typedef struct
{
  const char *encoding;     /* "UTF-8" or "CP932" */
  guint       n_rows;       /* data rows read */
  guint       n_imported;   /* rows registered (0 unless committed) */
  gboolean    committed;    /* FALSE with errors, and for a dry run */
  GPtrArray  *errors;       /* JhkImportError *, in line order */
} JhkImportReport;

void             jhk_import_report_free (JhkImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkImportReport, jhk_import_report_free)

/* Returns NULL with error only when the file cannot be read at all (I/O,
 * encoding, CSV syntax); rule errors are in the report, and then nothing
 * was written. With dry_run everything is checked, in the same
 * transaction, which is then rolled back. */
JhkImportReport *jhk_import_materials      (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *data,
                                            gsize         length,
                                            gboolean      dry_run,
                                            GError      **error);
JhkImportReport *jhk_import_materials_file (JhkDb        *db,
                                            JhkSession   *actor,
                                            const char   *path,
                                            gboolean      dry_run,
                                            GError      **error);

/* Reads 入手年月日 as YYYY-MM-DD (newly allocated), or NULL. Exposed for tests. */
char            *jhk_import_parse_date     (const char   *text);

G_END_DECLS
