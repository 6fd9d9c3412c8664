/* jhk-csv-fuzz.c: a libFuzzer target for the CSV reader (src/core/jhk-csv.h,
 * issue 6).
 *
 * One input is read by the streaming reader three times (the encoding
 * detected, then forced to UTF-8 and to CP932, each reading on past bad
 * lines to the end) and by jhk_csv_parse(). Beyond the sanitizers'
 * findings, a run fails (abort) when the reader breaks its contract:
 * a record whose fields are not UTF-8 or not NULL-terminated, line numbers
 * that do not grow or point past the text, an offset that goes back or
 * past the end, a reader that does not come to an end, jhk_csv_parse()
 * disagreeing with the reader, or records that do not read back the same
 * once written out again as CSV.
 *
 * Build and run (clang only; the sanitizers need a build of their own):
 *
 *   CC=clang meson setup build-fuzz -Dfuzz=true
 *   meson compile -C build-fuzz jhk-csv-fuzz
 *   mkdir -p /tmp/csv-corpus
 *   build-fuzz/tests/fuzz/jhk-csv-fuzz /tmp/csv-corpus tests/data/fuzz-csv \
 *       -max_total_time=300 -max_len=4096 -dict=tests/fuzz/csv.dict
 *
 * New inputs go to the first folder (/tmp/csv-corpus), the seeds in
 * tests/data/fuzz-csv stay as they are. A crash is written to
 * ./crash-<sha1>; replay one with `build-fuzz/tests/fuzz/jhk-csv-fuzz
 * crash-<sha1>`. Once the reader is fixed, add the input to
 * tests/data/fuzz-csv: test-csv-corpus (suite core, built by the normal
 * build with any compiler) replays every file there through this same
 * function.
 */
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "jhk-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Lines of the text: line breaks (CRLF, LF or CR) plus one. */
static guint
count_lines (const guint8 *data,
             gsize         size)
{
  guint n = 1;

  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n')))
      n++;
  return n;
}

static void
check_fields (const JhkCsvRecord *record,
              const char         *encoding)
{
  if (record->n_fields == 0 || record->fields == NULL)
    g_error ("%s: line %u: a record without fields", encoding, record->line);
  if (record->fields[record->n_fields] != NULL)
    g_error ("%s: line %u: fields not NULL-terminated", encoding, record->line);
  for (guint i = 0; i < record->n_fields; i++)
    {
      if (record->fields[i] == NULL)
        g_error ("%s: line %u: field %u is NULL", encoding, record->line, i);
      if (!g_utf8_validate (record->fields[i], -1, NULL))
        g_error ("%s: line %u: field %u is not UTF-8", encoding, record->line, i);
      if (strchr (record->fields[i], '\r') != NULL)
        g_error ("%s: line %u: field %u holds a CR", encoding, record->line, i);
    }
}

/* Reads the whole input with @encoding; returns the records (copies) when
 * every line read without an error, else NULL. */
static GPtrArray *
read_all (const guint8 *data,
          gsize         size,
          const char   *encoding)
{
  const char *name = encoding != NULL ? encoding : "detected";
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkCsvReader) reader = jhk_csv_reader_new ((const char *) data, size, encoding,
                                                       &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint max_line = count_lines (data, size), last_line = 0, n_errors = 0;
  gsize last_offset = 0;
  const char *got;

  if (reader == NULL)
    g_error ("%s: the reader refused the input: %s", name, error->message);
  got = jhk_csv_reader_get_encoding (reader);
  if (g_strcmp0 (got, "UTF-8") != 0 && g_strcmp0 (got, "CP932") != 0)
    g_error ("%s: encoding %s", name, got != NULL ? got : "(null)");

  /* Each call reads at least one byte, or ends. */
  for (gsize calls = 0;; calls++)
    {
      JhkCsvRecord record = { 0 };
      gboolean ok;
      gsize offset;

      if (calls > size + 1)
        g_error ("%s: the reader does not come to an end", name);
      g_clear_error (&error);
      ok = jhk_csv_reader_next (reader, &record, &error);
      offset = jhk_csv_reader_get_offset (reader);
      if (offset < last_offset || offset > size)
        g_error ("%s: offset %" G_GSIZE_FORMAT " after %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                 name, offset, last_offset, size);
      last_offset = offset;
      if (!ok && error == NULL)
        break;
      if (record.line <= last_line || record.line > max_line)
        g_error ("%s: line %u after line %u, of %u lines", name, record.line, last_line,
                 max_line);
      last_line = record.line;
      if (!ok)
        {
          if (error->domain != JHK_CSV_ERROR)
            g_error ("%s: line %u: an error not of the reader: %s", name, record.line,
                     error->message);
          n_errors++;
          continue;
        }
      check_fields (&record, name);
      g_ptr_array_add (records, g_strdupv (record.fields));
    }
  if (last_offset != size)
    g_error ("%s: the reader ended at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, name,
             last_offset, size);
  return n_errors == 0 ? g_steal_pointer (&records) : NULL;
}

/* The records written out again as CSV, every field quoted. */
static GString *
write_csv (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      char **fields = g_ptr_array_index (records, i);

      for (guint j = 0; fields[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '"');
          for (const char *p = fields[j]; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      g_string_append (out, i % 2 == 0 ? "\r\n" : "\n");
    }
  return out;
}

/* @parsed (JhkCsvRecord) holds the same fields as @records (GStrv). */
static void
assert_same (GPtrArray  *parsed,
             GPtrArray  *records,
             const char *what)
{
  if (parsed->len != records->len)
    g_error ("%s: %u records, not %u", what, parsed->len, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      const JhkCsvRecord *a = g_ptr_array_index (parsed, i);
      char **b = g_ptr_array_index (records, i);

      if (a->n_fields != g_strv_length (b) || !g_strv_equal ((const char * const *) a->fields,
                                                              (const char * const *) b))
        g_error ("%s: record %u differs", what, i + 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) detected = NULL;
  g_autoptr(GPtrArray) utf8 = NULL;
  g_autoptr(GPtrArray) cp932 = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const char *encoding = NULL;

  /* jhk_csv_reader_new takes NULL only for no bytes. */
  if (data == NULL)
    data = (const uint8_t *) "";

  detected = read_all (data, size, NULL);
  utf8 = read_all (data, size, "UTF-8");
  cp932 = read_all (data, size, "CP932");

  parsed = jhk_csv_parse ((const char *) data, size, &encoding, &error);
  if ((parsed == NULL) != (detected == NULL))
    g_error ("jhk_csv_parse %s where the reader %s", parsed != NULL ? "read" : "failed",
             detected != NULL ? "read" : "failed");
  if (parsed == NULL)
    {
      if (error == NULL || error->domain != JHK_CSV_ERROR)
        g_error ("jhk_csv_parse failed without a reader's error");
      return 0;
    }
  if (g_strcmp0 (encoding, "UTF-8") != 0 && g_strcmp0 (encoding, "CP932") != 0)
    g_error ("jhk_csv_parse: encoding %s", encoding != NULL ? encoding : "(null)");
  assert_same (parsed, detected, "jhk_csv_parse");

  /* Written out again, the records read back the same. */
  {
    g_autoptr(GString) again = write_csv (detected);
    g_autoptr(GPtrArray) reparsed = jhk_csv_parse (again->str, again->len, &encoding, &error);

    if (reparsed == NULL)
      g_error ("the records written out again do not read: %s", error->message);
    if (g_strcmp0 (encoding, "UTF-8") != 0)
      g_error ("the records written out again read as %s", encoding);
    assert_same (reparsed, detected, "written out again");
  }
  return 0;
}
