/* jhk-form1.h: 別記様式第1号 入出力資料管理票, the materials ledger sheet.
 *
 * The form is drawn from a plain struct that the ledger model fills; the
 * drawing routine serves the PDF, printing and thumbnails alike. The first
 * sheet is the whole form with four history rows; further history rows go
 * to continuation sheets that repeat the header of 保管後の経過欄.
 *
 * Dates are ISO 8601 strings ("2026-11-26"; a time after the date is
 * ignored) and print in 和暦; NULL or "" leaves a box empty. Every string is
 * borrowed: the struct owns nothing.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* History rows on the first sheet and on each continuation sheet. */
#define JHK_FORM1_FIRST_SHEET_ROWS        4
#define JHK_FORM1_CONTINUATION_SHEET_ROWS 14

typedef enum
{
  JHK_FORM1_DIRECTION_NONE,
  JHK_FORM1_DIRECTION_INPUT,   /* 入力資料 */
  JHK_FORM1_DIRECTION_OUTPUT,  /* 出力資料 */
} JhkForm1Direction;

typedef enum
{
  JHK_FORM1_ACQUISITION_NONE,
  JHK_FORM1_ACQUISITION_RECEIVED,  /* 受領 (受領先) */
  JHK_FORM1_ACQUISITION_PRINTED,   /* 印字出力 */
  JHK_FORM1_ACQUISITION_OTHER,     /* その他 (text) */
} JhkForm1Acquisition;

typedef enum
{
  JHK_FORM1_MEASURE_NONE,
  JHK_FORM1_MEASURE_STORED,     /* 保管 (保管先) */
  JHK_FORM1_MEASURE_DISCARDED,  /* 保管せず廃棄 */
  JHK_FORM1_MEASURE_OTHER,      /* その他 (text) */
} JhkForm1Measure;

/* The form's own choices; the ledger's 複写, 交付 and 受入 print as その他
 * with their name as the text. */
typedef enum
{
  JHK_FORM1_EVENT_NONE,
  JHK_FORM1_EVENT_LEND,             /* 貸出 */
  JHK_FORM1_EVENT_RETURN,           /* 返却 */
  JHK_FORM1_EVENT_PARTIAL_DISPOSAL, /* 一部廃棄 */
  JHK_FORM1_EVENT_OTHER,            /* その他 (text) */
} JhkForm1EventKind;

typedef enum
{
  JHK_FORM1_FINAL_NONE,
  JHK_FORM1_FINAL_DISPOSAL,   /* 廃棄 */
  JHK_FORM1_FINAL_RETURN,     /* 返却 */
  JHK_FORM1_FINAL_HAND_OVER,  /* 交付 */
  JHK_FORM1_FINAL_OTHER,      /* その他 (text) */
} JhkForm1FinalKind;

/* The four roles of the sign-off boxes, in the form's order. */
typedef enum
{
  JHK_FORM1_ROLE_OPERATIONS_MANAGER,   /* 運用管理者 */
  JHK_FORM1_ROLE_INFO_MANAGER_CHIEF,   /* 情報管理責任者 */
  JHK_FORM1_ROLE_INFO_MANAGER,         /* 情報管理者 */
  JHK_FORM1_ROLE_INFO_ASSISTANT,       /* 情報管理補助者 */
  JHK_FORM1_N_ROLES,
} JhkForm1Role;

/* One confirmation (電子的な確認): an empty name leaves the box unstamped. */
typedef struct
{
  const char *name;
  const char *date;
} JhkForm1Stamp;

/* 取扱者: 係 and 氏名. */
typedef struct
{
  const char *section;
  const char *name;
} JhkForm1Handler;

typedef struct
{
  const char        *date;
  JhkForm1EventKind  kind;
  const char        *other;      /* the text of その他( ) */
  const char        *quantity;
  JhkForm1Handler    handler;
  const char        *confirmer;  /* 情報管理者確認 */
  const char        *note;       /* 備考 */
} JhkForm1Row;

typedef struct
{
  const char        *date;
  JhkForm1FinalKind  kind;
  const char        *other;
  JhkForm1Handler    handler;
  const char        *confirmer;
  const char        *note;
} JhkForm1Final;

typedef struct
{
  JhkForm1Stamp        created_stamps[JHK_FORM1_N_ROLES];  /* 作成時確認欄 */

  /* 資料内容欄 */
  JhkForm1Direction    direction;
  const char          *name;
  const char          *quantity;   /* 数量 (内訳) */
  const char          *summary;    /* 資料概要 */
  JhkForm1Handler      handler;
  const char          *purpose;    /* 使用目的 */

  /* 入手時の状況欄 */
  const char          *acquired_date;
  JhkForm1Acquisition  acquisition;
  const char          *acquired_from;   /* 受領先 */
  const char          *acquired_other;  /* その他( ) of 入手方法 */
  JhkForm1Handler      acquired_handler;
  JhkForm1Measure      measure;
  const char          *storage_place;   /* 保管先 */
  const char          *measure_other;   /* その他( ) of 入手後の措置 */

  /* 保管後の経過欄 */
  const JhkForm1Row   *rows;
  guint                n_rows;

  /* 最終処理確認欄 and the final disposition */
  JhkForm1Stamp        final_stamps[JHK_FORM1_N_ROLES];
  JhkForm1Final        final;
} JhkForm1;

/* Sheets the form needs: 1 up to JHK_FORM1_FIRST_SHEET_ROWS history rows,
 * then one more for each JHK_FORM1_CONTINUATION_SHEET_ROWS. */
guint    jhk_form1_n_pages    (const JhkForm1  *form);

/* Draws sheet @page (from 0) in A4 portrait points on @cr, from its
 * origin; scale @cr beforehand for previews. Pages past the last are
 * drawn as empty continuation sheets. */
void     jhk_form1_draw       (const JhkForm1  *form,
                               cairo_t         *cr,
                               guint            page);

/* Writes every sheet to a PDF readable by its owner only (mode 0600), the
 * IPAex fonts embedded. */
gboolean jhk_form1_write_pdf  (const JhkForm1  *form,
                               const char      *path,
                               GError         **error);

G_END_DECLS
