/* test-csv.c: issue 4, `jhkctl import materials`: the CSV reader that
 * migrates a spreadsheet ledger (RFC 4180 quoting, UTF-8 with or without a
 * BOM or CP932, line numbers of each record) and the dates it accepts.
 */
#include "jhk-csv.h"
#include "jhk-import.h"
#include "jhk-test-util.h"

static const JhkCsvRecord *
record (GPtrArray *records,
        guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return g_ptr_array_index (records, i);
}

static GPtrArray *
parse_ok (const char  *text,
          const char **out_encoding)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = jhk_csv_parse (text, strlen (text), out_encoding, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

/* RFC 4180: commas, doubled quotes and line breaks in quoted fields; a
 * record's line is the physical line it starts on. */
static void
test_quoting (void)
{
  g_autoptr(GPtrArray) records =
    parse_ok ("a,b,c\r\n"
              "\"x, y\",\"say \"\"hi\"\"\",\"one\r\ntwo\nthree\"\r\n"
              "\r\n"
              "last,,\r\n"
              "end", NULL);

  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpuint (record (records, 0)->line, ==, 1);
  g_assert_cmpuint (record (records, 1)->n_fields, ==, 3);
  g_assert_cmpstr (record (records, 1)->fields[0], ==, "x, y");
  g_assert_cmpstr (record (records, 1)->fields[1], ==, "say \"hi\"");
  g_assert_cmpstr (record (records, 1)->fields[2], ==, "one\ntwo\nthree");
  g_assert_cmpuint (record (records, 1)->line, ==, 2);
  /* Lines 2-4 are one record, line 5 is blank. */
  g_assert_cmpuint (record (records, 2)->line, ==, 6);
  g_assert_cmpuint (record (records, 2)->n_fields, ==, 3);
  g_assert_cmpstr (record (records, 2)->fields[2], ==, "");
  g_assert_cmpuint (record (records, 3)->line, ==, 7);
  g_assert_cmpstr (record (records, 3)->fields[0], ==, "end");
}

static void
test_bom_and_lf (void)
{
  const char *encoding = NULL;
  g_autoptr(GPtrArray) records = parse_ok ("\xEF\xBB\xBF資料名,数量\n髙﨑①～‐,3\n", &encoding);

  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (record (records, 0)->fields[0], ==, "資料名");
  g_assert_cmpstr (record (records, 1)->fields[0], ==, "髙﨑①～‐");
  g_assert_cmpuint (record (records, 1)->line, ==, 2);
}

/* Excel on a Japanese desktop writes CP932, with its NEC and IBM
 * extensions (①, 髙, 﨑) and its own tilde and hyphen. */
static void
test_cp932 (void)
{
  const char *utf8 = "資料名,資料概要\r\n\"髙﨑①～‐\",\"一行目\r\n二行目\"\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *cp932 = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *encoding = NULL;
  gsize length = 0;

  cp932 = g_convert (utf8, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate_len (cp932, length, NULL));
  records = jhk_csv_parse (cp932, length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "CP932");
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (record (records, 1)->fields[0], ==, "髙﨑①～‐");
  g_assert_cmpstr (record (records, 1)->fields[1], ==, "一行目\n二行目");
}

static void
test_fixture_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *encoding = NULL;

  records = jhk_csv_load (TEST_DATA_DIR "/materials-cp932.csv", &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "CP932");
  g_assert_cmpuint (records->len, >=, 3);
  g_assert_cmpstr (record (records, 0)->fields[0], ==, "資料区分");
}

static void
test_syntax_errors (void)
{
  const char *open_quote = "a,b\nc,\"never\nclosed\n";
  const char *after_quote = "a,b\n\"x\"y,z\n";
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  records = jhk_csv_parse (open_quote, strlen (open_quote), NULL, &error);
  g_assert_null (records);
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  records = jhk_csv_parse (after_quote, strlen (after_quote), NULL, &error);
  g_assert_null (records);
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX);
  g_clear_error (&error);

  /* Not text in either encoding: a lone lead byte of CP932 at the end. */
  records = jhk_csv_parse ("a,\x82", 3, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING);
}

/* 入手年月日 as spreadsheets hold it: western, slashed, 和暦. */
static void
test_dates (void)
{
  static const struct { const char *text, *date; } cases[] = {
    { "2026-04-01", "2026-04-01" },
    { "2026/4/1", "2026-04-01" },
    { "2026/04/01 0:00", "2026-04-01" },
    { "２０２６／０４／０１", "2026-04-01" },
    { "2026年4月1日", "2026-04-01" },
    { "令和8年4月1日", "2026-04-01" },
    { "令和元年5月1日", "2019-05-01" },
    { "R8.4.1", "2026-04-01" },
    { "平成31年4月30日", "2019-04-30" },
    { "昭和64年1月7日", "1989-01-07" },
    { "令和元年4月30日", NULL },
    { "平成31年5月1日", NULL },
    { "2026/2/30", NULL },
    { "4月1日", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = jhk_import_parse_date (cases[i].text);

      g_test_message ("%s -> %s", cases[i].text, date);
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

/* Issue 6: the streaming reader, a record at a time. CP932's NEC and IBM
 * extension characters survive its table; a byte that is not CP932 is an
 * error of its line and reading goes on. */
static void
test_reader_cp932 (void)
{
  const char *utf8 = "番号,氏名\r\n1,\"髙﨑 ①ⅰ\"\r\n2,\"a, \"\"b\"\"\nc\"\r\n3,ｶﾀｶﾅ～∥－￢\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *cp932 = NULL;
  g_autoptr(JhkCsvReader) reader = NULL;
  JhkCsvRecord record;
  gsize length = 0;

  cp932 = g_convert (utf8, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  reader = jhk_csv_reader_new (cp932, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jhk_csv_reader_get_encoding (reader), ==, "CP932");
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpuint (record.n_fields, ==, 2);
  g_assert_cmpstr (record.fields[1], ==, "氏名");
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpstr (record.fields[1], ==, "髙﨑 ①ⅰ");
  g_assert_cmpuint (record.line, ==, 2);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpstr (record.fields[1], ==, "a, \"b\"\nc");
  g_assert_cmpuint (record.line, ==, 3);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpuint (record.line, ==, 5);
  g_assert_cmpstr (record.fields[1], ==, "ｶﾀｶﾅ～∥－￢");
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jhk_csv_reader_get_offset (reader), ==, length);
}

static void
test_reader_errors (void)
{
  /* Line 2 has a lone lead byte, line 3 text after a closing quote, line
   * 5 (after a blank line 4, CR line ends) is fine. */
  const char text[] = "a,b\n\x82,x\n\"q\"z,y\r\r\x83\x40,w\r";
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkCsvReader) reader = NULL;
  JhkCsvRecord record;

  reader = jhk_csv_reader_new (text, sizeof text - 1, "CP932", &error);
  g_assert_no_error (error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING);
  g_assert_cmpuint (record.line, ==, 2);
  g_clear_error (&error);
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX);
  g_assert_cmpuint (record.line, ==, 3);
  g_clear_error (&error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpuint (record.line, ==, 5);
  g_assert_cmpstr (record.fields[0], ==, "ァ");
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_no_error (error);

  /* Named UTF-8: a byte that is not UTF-8 is its line's error. */
  g_clear_pointer (&reader, jhk_csv_reader_free);
  reader = jhk_csv_reader_new ("\xEF\xBB\xBF" "a\n\xFF\nb", 8, "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpstr (record.fields[0], ==, "a");
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING);
  g_assert_cmpuint (record.line, ==, 2);
  g_clear_error (&error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpstr (record.fields[0], ==, "b");
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_no_error (error);

  /* Detected: UTF-8 up to a bad byte stays UTF-8, the byte its line's
   * error. */
  g_clear_pointer (&reader, jhk_csv_reader_free);
  reader = jhk_csv_reader_new ("名前\n\xFF\n髙", strlen ("名前\n\xFF\n髙"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jhk_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING);
  g_assert_cmpuint (record.line, ==, 2);
  g_clear_error (&error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_cmpstr (record.fields[0], ==, "髙");

  /* An unclosed quotation mark ends the reading. */
  g_clear_pointer (&reader, jhk_csv_reader_free);
  reader = jhk_csv_reader_new ("a\n\"b\nc\n", 7, NULL, &error);
  g_assert_true (jhk_csv_reader_next (reader, &record, &error));
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX);
  g_assert_cmpuint (record.line, ==, 2);
  g_clear_error (&error);
  g_assert_false (jhk_csv_reader_next (reader, &record, &error));
  g_assert_no_error (error);

  g_assert_null (jhk_csv_reader_new ("a", 1, "EUC-JP", &error));
  g_assert_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/bom-and-lf", test_bom_and_lf);
  g_test_add_func ("/csv/cp932", test_cp932);
  g_test_add_func ("/csv/cp932-fixture", test_fixture_file);
  g_test_add_func ("/csv/syntax-errors", test_syntax_errors);
  g_test_add_func ("/import/dates", test_dates);
  g_test_add_func ("/csv/R14-5/reader-cp932", test_reader_cp932);
  g_test_add_func ("/csv/R14-5/reader-errors", test_reader_errors);
  return jhk_test_run ();
}
