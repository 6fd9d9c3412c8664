/* jhk-form2.h: 別記様式第2号 作業依頼書, a request for input and output work.
 *
 * Drawn from a plain struct that jhk-form2-request fills from a
 * JhkWorkRequest (or the wizard from its draft); one routine draws the
 * PDF, printing and previews. The first sheet is the whole form with
 * JHK_FORM2_FIRST_SHEET_ROWS rows of 資料等; further rows go to
 * continuation sheets that repeat the heading and the header of the
 * materials table, JHK_FORM2_CONTINUATION_SHEET_ROWS rows each.
 *
 * Times are local wall-clock "YYYY-MM-DD HH:MM" strings and print in the
 * form's 月 日 時 分 boxes, the year in 和暦 before them; NULL or "" leaves
 * a box empty. Every string is borrowed: the struct owns nothing.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Rows of 資料等 on the first sheet and on each continuation sheet. */
#define JHK_FORM2_FIRST_SHEET_ROWS        5
#define JHK_FORM2_CONTINUATION_SHEET_ROWS 18

/* 区分: the chosen one of 入力・出力・修正 is circled. */
typedef enum
{
  JHK_FORM2_KIND_NONE,
  JHK_FORM2_KIND_INPUT,       /* 入力 */
  JHK_FORM2_KIND_OUTPUT,      /* 出力 */
  JHK_FORM2_KIND_CORRECTION,  /* 修正 */
} JhkForm2Kind;

/* One row of 資料等. */
typedef struct
{
  JhkForm2Kind  kind;
  const char   *content;   /* 資料等の内容 */
  const char   *quantity;  /* 数量, as printed */
  const char   *form;      /* 資料の形態 */
  const char   *note;      /* 備考 */
} JhkForm2Row;

/* One row of 受理所属記入: 処理日時, 担当者, and 特記事項 (受付, 処理) or
 * the 受領者 所属 and 氏名 (入力資料返却, 出力資料交付). */
typedef struct
{
  const char *at;          /* "YYYY-MM-DD HH:MM" */
  const char *handler;     /* 担当者 */
  const char *note;        /* 特記事項 */
  const char *to_office;   /* 受領者 所属 */
  const char *to_name;     /* 受領者 氏名 */
} JhkForm2Step;

typedef struct
{
  /* Heading: "<to_title> 殿" at the top left, the sender at the right. */
  const char        *to_title;
  const char        *from_title;

  /* 依頼所属記入 */
  const char        *business;        /* 対象業務名 */
  const char        *summary;         /* 作業概要 */
  const char        *purpose;         /* 目的 */
  const char        *wanted_at;       /* 完成希望日時 */
  const char        *manager_title;   /* 依頼所属 情報管理者 職名 */
  const char        *manager_name;    /*                     氏名 */
  const char        *contact_name;    /* 担当者 氏名 */
  const char        *contact_phone;   /*        電話 */
  const char        *consent_title;   /* 対象業務管理者 職名 */
  const char        *consent_name;    /*                氏名 */
  const char        *consent_phone;   /*                電話 */
  const JhkForm2Row *rows;
  guint              n_rows;

  /* 受理所属記入 */
  JhkForm2Step       received;          /* 受付 */
  JhkForm2Step       processed;         /* 処理 */
  JhkForm2Step       input_returned;    /* 入力資料返却 */
  JhkForm2Step       output_delivered;  /* 出力資料交付 */

  /* 用紙: sheet counts, 0 leaves the count empty. */
  int                paper_continuous;  /* 連続用紙 */
  int                paper_standard;    /* 定型用紙 */
  int                paper_a4;          /* A4 */
  int                paper_other;       /* その他 */
  const char        *paper_other_text;  /* その他( ) */
  const char        *remarks;           /* 記事欄 */
} JhkForm2;

/* Sheets the form needs: 1 up to JHK_FORM2_FIRST_SHEET_ROWS rows, then one
 * more for each JHK_FORM2_CONTINUATION_SHEET_ROWS. */
guint    jhk_form2_n_pages   (const JhkForm2  *form);

/* Draws sheet @page (from 0) in A4 portrait points on @cr, from its
 * origin; scale @cr beforehand for previews. Pages past the last are
 * drawn as empty continuation sheets. */
void     jhk_form2_draw      (const JhkForm2  *form,
                              cairo_t         *cr,
                              guint            page);

/* Writes every sheet to a PDF readable by its owner only (mode 0600), the
 * IPAex fonts embedded. */
gboolean jhk_form2_write_pdf (const JhkForm2  *form,
                              const char      *path,
                              GError         **error);

/* "2026-11-27 14:30" as the form prints it, "令和8年11月27日14時30分";
 * NULL when @when is not such a time. */
char    *jhk_form2_format_when (const char *when);

G_END_DECLS
