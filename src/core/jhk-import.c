/* jhk-import.c: a spreadsheet ledger's CSV export into the materials ledger.
 *
 * The accepted columns and values are listed in jhk-import.h. This file
 * only reads cells into a JhkMaterialSpec; every rule is the ledger's
 * (jhk_ledger_register_material_full), which refuses a row with its
 * message and the member of the spec at fault. Every error names its
 * column: a cell's while reading it, the ledger's by that member; only a
 * refusal of the whole row (who imports, the database) names none.
 */
#include <glib/gi18n-lib.h>

#include "jhk-csv.h"
#include "jhk-import.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-util.h"

typedef enum
{
  COL_DIRECTION,
  COL_NAME,
  COL_QUANTITY,
  COL_BREAKDOWN,
  COL_SUMMARY,
  COL_BUSINESS,
  COL_OFFICE,
  COL_HANDLER,
  COL_PURPOSE,
  COL_DESIGNATED,
  COL_DESIGNATED_BY,
  COL_PERSONAL,
  COL_REASON,
  COL_ACQUIRED_ON,
  COL_METHOD,
  COL_RECEIVED_FROM,
  COL_MEASURE,
  COL_STORAGE,
  COL_DISPOSED_ON,
  COL_DISPOSAL_METHOD,
  COL_WITNESS,
  COL_CATEGORY,
  N_COLUMNS
} Column;

static const struct
{
  const char *header;
  gboolean    required;
} columns[N_COLUMNS] = {
  [COL_DIRECTION] = { "資料区分", TRUE },
  [COL_NAME] = { "資料名", TRUE },
  [COL_QUANTITY] = { "数量", TRUE },
  [COL_BREAKDOWN] = { "内訳", FALSE },
  [COL_SUMMARY] = { "資料概要", FALSE },
  [COL_BUSINESS] = { "業務", TRUE },
  [COL_OFFICE] = { "所属", TRUE },
  [COL_HANDLER] = { "取扱者", TRUE },
  [COL_PURPOSE] = { "使用目的", TRUE },
  [COL_DESIGNATED] = { "特に重要", FALSE },
  [COL_DESIGNATED_BY] = { "指定者", FALSE },
  [COL_PERSONAL] = { "個人情報", FALSE },
  [COL_REASON] = { "作成理由", FALSE },
  [COL_ACQUIRED_ON] = { "入手年月日", TRUE },
  [COL_METHOD] = { "入手方法", TRUE },
  [COL_RECEIVED_FROM] = { "受領先", FALSE },
  [COL_MEASURE] = { "入手後の措置", TRUE },
  [COL_STORAGE] = { "保管先", FALSE },
  [COL_DISPOSED_ON] = { "廃棄年月日", FALSE },
  [COL_DISPOSAL_METHOD] = { "廃棄方法", FALSE },
  [COL_WITNESS] = { "立会者", FALSE },
  /* R18-1: 入出力資料 (empty), システムドキュメント, プログラム, 取扱説明書,
   * or 取扱説明書（印刷） for one printed from an electronic manual. */
  [COL_CATEGORY] = { "種別", FALSE },
};

/* The column of each member of JhkMaterialSpec that the ledger may refuse
 * (jhk_ledger_register_material_full's out_field). */
static const struct
{
  const char *member;
  Column      column;
} member_columns[] = {
  { "direction", COL_DIRECTION },
  { "name", COL_NAME },
  { "quantity", COL_QUANTITY },
  { "breakdown", COL_BREAKDOWN },
  { "summary", COL_SUMMARY },
  { "business_id", COL_BUSINESS },
  { "org_unit_id", COL_OFFICE },
  { "handler_staff_id", COL_HANDLER },
  { "purpose", COL_PURPOSE },
  { "designated", COL_DESIGNATED },
  { "designated_by", COL_DESIGNATED_BY },
  { "personal_data", COL_PERSONAL },
  { "creation_reason", COL_REASON },
  { "acquired_on", COL_ACQUIRED_ON },
  { "acquisition_method", COL_METHOD },
  { "acquisition_text", COL_RECEIVED_FROM },
  { "measure", COL_MEASURE },
  { "measure_text", COL_MEASURE },
  { "storage_place_id", COL_STORAGE },
  { "disposed_on", COL_DISPOSED_ON },
  { "disposal_method", COL_DISPOSAL_METHOD },
  { "disposal_witness_id", COL_WITNESS },
  { "category", COL_CATEGORY },
  { "printed_manual", COL_CATEGORY },
};

/* The Japanese header of the column a refused member comes from; NULL for
 * the whole row. */
static const char *
column_of_member (const char *member)
{
  for (guint i = 0; member != NULL && i < G_N_ELEMENTS (member_columns); i++)
    if (g_str_equal (member, member_columns[i].member))
      return columns[member_columns[i].column].header;
  return NULL;
}

static void
import_error_free (gpointer data)
{
  JhkImportError *error = data;

  g_free (error->column);
  g_free (error->message);
  g_free (error);
}

GPtrArray *
jhk_import_errors_new (void)
{
  return g_ptr_array_new_with_free_func (import_error_free);
}

void
jhk_import_error_add (GPtrArray  *errors,
                      guint       line,
                      const char *column,
                      const char *format,
                      ...)
{
  JhkImportError *error = g_new0 (JhkImportError, 1);
  va_list args;

  error->line = line;
  error->column = g_strdup (column);
  va_start (args, format);
  error->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (errors, error);
}

void
jhk_import_report_free (JhkImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->errors);
  g_free (report);
}

/* A cell's text for codes, numbers, dates and marks: NFKC, trimmed. */
static char *
normalized (const char *text)
{
  char *norm = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return g_strstrip (norm != NULL ? norm : g_strdup (""));
}

static gboolean
matches (const char *pattern,
         const char *text,
         GMatchInfo **out_info)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

  g_assert (regex != NULL);
  return g_regex_match (regex, text, 0, out_info);
}

static int
group_int (GMatchInfo *info,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (info, group);

  if (g_strcmp0 (text, "元") == 0)
    return 1;
  return text != NULL && *text != '\0' ? atoi (text) : 0;
}

char *
jhk_import_parse_date (const char *text)
{
  static const struct
  {
    const char *names;   /* a regex alternative */
    int         offset;  /* western year = era year + offset */
    const char *first;   /* the era's first and last day */
    const char *last;
  } eras[] = {
    { "令和|R", 2018, "2019-05-01", NULL },
    { "平成|H", 1988, "1989-01-08", "2019-04-30" },
    { "昭和|S", 1925, "1926-12-25", "1989-01-07" },
  };
  g_autofree char *norm = normalized (text);
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *date = NULL;
  int year = 0, month = 0, day = 0;
  const char *time = "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?$";
  g_autofree char *western = g_strconcat ("^(\\d{4})(?:[-/.](\\d{1,2})[-/.](\\d{1,2})"
                                          "|年(\\d{1,2})月(\\d{1,2})日)", time, NULL);

  if (matches (western, norm, &info))
    {
      year = group_int (info, 1);
      month = group_int (info, 2) != 0 ? group_int (info, 2) : group_int (info, 4);
      day = group_int (info, 3) != 0 ? group_int (info, 3) : group_int (info, 5);
    }
  else
    for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
      {
        g_autofree char *pattern = g_strconcat ("^(?:", eras[i].names, ")\\s*(\\d{1,2}|元)"
                                                "(?:年(\\d{1,2})月(\\d{1,2})日"
                                                "|[-/.](\\d{1,2})[-/.](\\d{1,2}))", time, NULL);

        g_clear_pointer (&info, g_match_info_free);
        if (!matches (pattern, norm, &info))
          continue;
        year = group_int (info, 1) + eras[i].offset;
        month = group_int (info, 2) != 0 ? group_int (info, 2) : group_int (info, 4);
        day = group_int (info, 3) != 0 ? group_int (info, 3) : group_int (info, 5);
        date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
        if (strcmp (date, eras[i].first) < 0 ||
            (eras[i].last != NULL && strcmp (date, eras[i].last) > 0))
          return NULL;
        break;
      }
  if (year == 0)
    return NULL;
  g_free (date);
  date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return jhk_date_is_valid (date) ? g_steal_pointer (&date) : NULL;
}

/* ○ for yes, blank or × for no; -1 for anything else. */
static int
parse_mark (const char *text)
{
  static const char *const yes[] = { "○", "◯", "〇", "●", "■", "レ", "✓", "✔", "有", "あり",
                                     "有り", "はい", "1", "Y", "y", "YES", "yes", "Yes", NULL };
  static const char *const no[] = { "", "×", "✕", "無", "なし", "無し", "いいえ", "0", "N", "n",
                                    "NO", "no", "No", "-", "ー", "―", NULL };
  g_autofree char *norm = normalized (text);

  if (g_strv_contains (yes, norm))
    return 1;
  if (g_strv_contains (no, norm))
    return 0;
  return -1;
}

/* The description in "その他（…）", "その他: …"; NULL when none. */
static char *
other_text (const char *cell)
{
  g_autofree char *rest = NULL;
  static const char *const opening[] = { "（", "(", "：", ":", "・", "　", NULL };

  if (!g_str_has_prefix (cell, "その他"))
    return NULL;
  rest = g_strdup (cell + strlen ("その他"));
  g_strstrip (rest);
  for (guint i = 0; opening[i] != NULL; i++)
    if (g_str_has_prefix (rest, opening[i]))
      {
        memmove (rest, rest + strlen (opening[i]), strlen (rest) - strlen (opening[i]) + 1);
        break;
      }
  if (g_str_has_suffix (rest, "）"))
    rest[strlen (rest) - strlen ("）")] = '\0';
  else if (g_str_has_suffix (rest, ")"))
    rest[strlen (rest) - 1] = '\0';
  g_strstrip (rest);
  return *rest != '\0' ? g_steal_pointer (&rest) : NULL;
}

/* One data row's cells, trimmed ("" for a missing trailing cell). */
typedef struct
{
  const char *cells[N_COLUMNS];
  char       *owned[N_COLUMNS];
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (row->owned[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

/* Reads one row into spec; FALSE after adding its errors to the report. */
static gboolean
read_row (JhkDb            *db,
          const Row        *row,
          guint             line,
          JhkMaterialSpec  *spec,
          char            **out_date,
          char            **out_acquisition_text,
          char            **out_measure_text,
          char            **out_disposed_on,
          JhkImportReport  *report)
{
  const char *const *cell = row->cells;
  guint errors = report->errors->len;
  g_autofree char *direction = normalized (cell[COL_DIRECTION]);
  g_autofree char *quantity = normalized (cell[COL_QUANTITY]);
  g_autofree char *business = normalized (cell[COL_BUSINESS]);
  g_autofree char *office = normalized (cell[COL_OFFICE]);
  g_autofree char *handler = normalized (cell[COL_HANDLER]);
  g_autofree char *designated_by = normalized (cell[COL_DESIGNATED_BY]);
  g_autofree char *reason = normalized (cell[COL_REASON]);
  g_autofree char *method = normalized (cell[COL_METHOD]);
  g_autofree char *measure = normalized (cell[COL_MEASURE]);
  g_autofree char *disposal_method = normalized (cell[COL_DISPOSAL_METHOD]);
  g_autofree char *witness = normalized (cell[COL_WITNESS]);
  g_autofree char *category = normalized (cell[COL_CATEGORY]);
  g_autoptr(GMatchInfo) info = NULL;
  int mark;

#define REQUIRE(col, value)                                                         \
  ((*(value) != '\0') ? TRUE                                                        \
   : (jhk_import_error_add (report->errors, line, columns[col].header, _("This column needs a value.")), FALSE))

  if (REQUIRE (COL_DIRECTION, direction))
    {
      if (g_str_equal (direction, "入力") || g_str_equal (direction, "入力資料"))
        spec->direction = "input";
      else if (g_str_equal (direction, "出力") || g_str_equal (direction, "出力資料"))
        spec->direction = "output";
      else
        jhk_import_error_add (report->errors, line, columns[COL_DIRECTION].header, _("Write 入力 or 出力."));
    }
  spec->name = cell[COL_NAME];
  if (REQUIRE (COL_QUANTITY, quantity))
    {
      if (matches ("^([0-9]{1,6})\\s*[\\p{Han}\\p{Hiragana}\\p{Katakana}]{0,2}$", quantity, &info) &&
          (spec->quantity = group_int (info, 1)) > 0)
        ;
      else
        jhk_import_error_add (report->errors, line, columns[COL_QUANTITY].header,
                   _("Write the quantity as a whole number of at least 1."));
    }
  spec->breakdown = *cell[COL_BREAKDOWN] != '\0' ? cell[COL_BREAKDOWN] : NULL;
  spec->summary = *cell[COL_SUMMARY] != '\0' ? cell[COL_SUMMARY] : NULL;
  if (REQUIRE (COL_BUSINESS, business) &&
      (spec->business_id = jhk_org_find_business (db, business)) == 0)
    jhk_import_error_add (report->errors, line, columns[COL_BUSINESS].header,
               _("No business has the code “%s”."), business);
  if (REQUIRE (COL_OFFICE, office) && (spec->org_unit_id = jhk_org_find_unit (db, office)) == 0)
    jhk_import_error_add (report->errors, line, columns[COL_OFFICE].header,
               _("No office has the code “%s”."), office);
  if (REQUIRE (COL_HANDLER, handler) &&
      (spec->handler_staff_id = jhk_org_find_staff (db, handler)) == 0)
    jhk_import_error_add (report->errors, line, columns[COL_HANDLER].header,
               _("No staff member has the staff number “%s”."), handler);
  spec->purpose = cell[COL_PURPOSE];

  mark = parse_mark (cell[COL_DESIGNATED]);
  if (mark < 0)
    jhk_import_error_add (report->errors, line, columns[COL_DESIGNATED].header,
               _("Write ○ for yes, or leave the cell blank for no."));
  spec->designated = mark > 0;
  if (*designated_by != '\0' &&
      (spec->designated_by = jhk_org_find_staff (db, designated_by)) == 0)
    jhk_import_error_add (report->errors, line, columns[COL_DESIGNATED_BY].header,
               _("No staff member has the staff number “%s”."), designated_by);
  mark = parse_mark (cell[COL_PERSONAL]);
  if (mark < 0)
    jhk_import_error_add (report->errors, line, columns[COL_PERSONAL].header,
               _("Write ○ for yes, or leave the cell blank for no."));
  spec->personal_data = mark > 0;

  if (*reason == '\0')
    spec->creation_reason = NULL;
  else if (g_str_has_prefix (reason, "法令"))
    spec->creation_reason = "law";
  else if (strstr (reason, "手続") != NULL)
    spec->creation_reason = "procedure";
  else if (g_str_has_prefix (reason, "保守"))
    spec->creation_reason = "maintenance_test";
  else
    jhk_import_error_add (report->errors, line, columns[COL_REASON].header,
               _("Write the creation reason as 法令, 定められた手続 or 保守・試験."));

  if (REQUIRE (COL_ACQUIRED_ON, cell[COL_ACQUIRED_ON]) &&
      (*out_date = jhk_import_parse_date (cell[COL_ACQUIRED_ON])) == NULL)
    jhk_import_error_add (report->errors, line, columns[COL_ACQUIRED_ON].header,
               _("“%s” is not a date: write it as 2026/04/01, 2026-04-01 or 令和8年4月1日."),
               cell[COL_ACQUIRED_ON]);
  spec->acquired_on = *out_date;

  spec->acquisition_text = *cell[COL_RECEIVED_FROM] != '\0' ? cell[COL_RECEIVED_FROM] : NULL;
  if (REQUIRE (COL_METHOD, method))
    {
      if (g_str_has_prefix (method, "受領"))
        spec->acquisition_method = "received";
      else if (g_str_has_prefix (method, "印字") || g_str_equal (method, "出力"))
        spec->acquisition_method = "printed";
      else if (g_str_has_prefix (method, "その他"))
        {
          spec->acquisition_method = "other";
          *out_acquisition_text = other_text (cell[COL_METHOD]);
          if (*out_acquisition_text != NULL)
            spec->acquisition_text = *out_acquisition_text;
        }
      else
        jhk_import_error_add (report->errors, line, columns[COL_METHOD].header, _("Write 受領, 印字出力 or その他."));
    }

  if (REQUIRE (COL_MEASURE, measure))
    {
      if (strstr (measure, "廃棄") != NULL)
        spec->measure = "dispose_without_storing";
      else if (g_str_has_prefix (measure, "保管"))
        spec->measure = "store";
      else if (g_str_has_prefix (measure, "その他"))
        {
          spec->measure = "other";
          *out_measure_text = other_text (cell[COL_MEASURE]);
          spec->measure_text = *out_measure_text;
        }
      else
        jhk_import_error_add (report->errors, line, columns[COL_MEASURE].header,
                   _("Write 保管, 保管せず廃棄 or その他."));
    }
  if (*cell[COL_STORAGE] != '\0' && spec->org_unit_id != 0)
    {
      g_autofree char *today = jhk_today ();

      if (!jhk_db_query_int64 (db, &spec->storage_place_id, NULL,
                               "SELECT id FROM storage_places WHERE org_unit_id = ? AND name = ?"
                               " AND (valid_to IS NULL OR valid_to >= ?)",
                               JHK_I (spec->org_unit_id), JHK_T (cell[COL_STORAGE]),
                               JHK_T (today), JHK_DB_END))
        jhk_import_error_add (report->errors, line, columns[COL_STORAGE].header,
                   _("The office has no current storage place named “%s”."), cell[COL_STORAGE]);
    }

  /* 保管せず廃棄: when, how (R15-6) and before whom (R16-3, R17-3); the
   * ledger says which of them the row needs. */
  if (*cell[COL_DISPOSED_ON] != '\0' &&
      (*out_disposed_on = jhk_import_parse_date (cell[COL_DISPOSED_ON])) == NULL)
    jhk_import_error_add (report->errors, line, columns[COL_DISPOSED_ON].header,
               _("“%s” is not a date: write it as 2026/04/01, 2026-04-01 or 令和8年4月1日."),
               cell[COL_DISPOSED_ON]);
  spec->disposed_on = *out_disposed_on;
  if (*disposal_method == '\0')
    spec->disposal_method = NULL;
  else if (g_str_equal (disposal_method, "裁断") || g_str_has_prefix (disposal_method, "シュレッダ"))
    spec->disposal_method = "shred";
  else if (g_str_equal (disposal_method, "焼却"))
    spec->disposal_method = "incinerate";
  else if (g_str_equal (disposal_method, "溶解"))
    spec->disposal_method = "dissolve";
  else if (g_str_equal (disposal_method, "消去") || g_str_equal (disposal_method, "データ消去"))
    spec->disposal_method = "erase";
  else if (g_str_equal (disposal_method, "物理破壊") || g_str_equal (disposal_method, "破壊") ||
           g_str_equal (disposal_method, "破砕"))
    spec->disposal_method = "destroy";
  else
    jhk_import_error_add (report->errors, line, columns[COL_DISPOSAL_METHOD].header,
               _("Write the disposal method as 裁断, 焼却, 溶解, 消去 or 物理破壊."));
  if (*witness != '\0' && (spec->disposal_witness_id = jhk_org_find_staff (db, witness)) == 0)
    jhk_import_error_add (report->errors, line, columns[COL_WITNESS].header,
               _("No staff member has the staff number “%s”."), witness);
  spec->category = NULL;
  spec->printed_manual = FALSE;
  if (*category == '\0' || g_str_equal (category, "入出力資料"))
    spec->category = "io";
  else if (g_str_equal (category, "システムドキュメント"))
    spec->category = "system_document";
  else if (g_str_equal (category, "プログラム"))
    spec->category = "program";
  else if (g_str_equal (category, "取扱説明書"))
    spec->category = "manual";
  else if (g_str_has_prefix (category, "取扱説明書") && strstr (category, "印刷") != NULL)
    {
      spec->category = "manual";
      spec->printed_manual = TRUE;
    }
  else
    jhk_import_error_add (report->errors, line, columns[COL_CATEGORY].header,
               _("Write the category as 入出力資料, システムドキュメント, プログラム, "
                 "取扱説明書 or 取扱説明書（印刷）."));
#undef REQUIRE
  return report->errors->len == errors;
}

/* Finds each known column's index from the header; -1 when absent. */
static gboolean
read_header (const JhkCsvRecord *header,
             int                 index[N_COLUMNS],
             JhkImportReport    *report)
{
  guint errors = report->errors->len;

  for (guint c = 0; c < N_COLUMNS; c++)
    index[c] = -1;
  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *name = normalized (header->fields[i]);
      guint c;

      if (*name == '\0')
        continue;
      for (c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (name, columns[c].header))
          break;
      if (c == N_COLUMNS)
        jhk_import_error_add (report->errors, header->line, name, _("Unknown column “%s”."), name);
      else if (index[c] >= 0)
        jhk_import_error_add (report->errors, header->line, name, _("The column “%s” appears twice."), name);
      else
        index[c] = i;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && index[c] < 0)
      jhk_import_error_add (report->errors, header->line, columns[c].header,
                 _("The required column “%s” is missing."), columns[c].header);
  return report->errors->len == errors;
}

JhkImportReport *
jhk_import_materials (JhkDb        *db,
                      JhkSession   *actor,
                      const char   *data,
                      gsize         length,
                      gboolean      dry_run,
                      GError      **error)
{
  g_autoptr(JhkImportReport) report = g_new0 (JhkImportReport, 1);
  g_autoptr(GPtrArray) records = NULL;
  int index[N_COLUMNS];
  guint n_ok = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  report->errors = jhk_import_errors_new ();
  records = jhk_csv_parse (data, length, &report->encoding, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      jhk_import_error_add (report->errors, 1, NULL, _("The file is empty: its first line names the columns."));
      return g_steal_pointer (&report);
    }
  if (!read_header (g_ptr_array_index (records, 0), index, report))
    return g_steal_pointer (&report);
  report->n_rows = records->len - 1;

  /* One transaction for every row; each registration is a savepoint in
   * it, so a refused row leaves the others standing while the rest are
   * checked, and any error at all rolls everything back. */
  if (!jhk_db_begin (db, error))
    return NULL;
  for (guint r = 1; r < records->len; r++)
    {
      const JhkCsvRecord *record = g_ptr_array_index (records, r);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *date = NULL;
      g_autofree char *acquisition_text = NULL;
      g_autofree char *measure_text = NULL;
      g_autofree char *disposed_on = NULL;
      const char *field = NULL;
      g_auto(Row) row = { 0 };
      JhkMaterialSpec spec = { 0 };
      gboolean stray = FALSE;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (index[c] >= 0 && (guint) index[c] < record->n_fields)
            row.owned[c] = g_strstrip (g_strdup (record->fields[index[c]]));
          row.cells[c] = row.owned[c] != NULL ? row.owned[c] : "";
        }
      /* Anything in a column without a header would be lost. */
      for (guint i = 0; i < record->n_fields && !stray; i++)
        {
          gboolean known = FALSE;

          for (guint c = 0; c < N_COLUMNS && !known; c++)
            known = index[c] == (int) i;
          stray = !known && !jhk_is_blank (record->fields[i]);
        }
      if (stray)
        jhk_import_error_add (report->errors, record->line, NULL,
                   _("A value stands in a column without a name in the first line."));
      if (!read_row (db, &row, record->line, &spec, &date, &acquisition_text, &measure_text,
                     &disposed_on, report) || stray)
        continue;
      if (jhk_ledger_register_material_full (db, actor, &spec, &field, &local_error) == 0)
        jhk_import_error_add (report->errors, record->line, column_of_member (field), "%s", local_error->message);
      else
        n_ok++;
    }

  if (report->errors->len > 0 || dry_run)
    {
      jhk_db_rollback (db);
      return g_steal_pointer (&report);
    }
  if (!jhk_db_commit (db, error))
    return NULL;
  report->committed = TRUE;
  report->n_imported = n_ok;
  return g_steal_pointer (&report);
}

JhkImportReport *
jhk_import_materials_file (JhkDb        *db,
                           JhkSession   *actor,
                           const char   *path,
                           gboolean      dry_run,
                           GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return jhk_import_materials (db, actor, contents, length, dry_run, error);
}
