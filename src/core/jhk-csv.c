/* jhk-csv.c: RFC 4180 records from UTF-8 or CP932 bytes.
 *
 * The reader scans the raw bytes for the CSV syntax: in CP932 the second
 * byte of a double-byte character is never below 0x40, so a comma, a
 * quotation mark or a line break is always one. Each field's bytes are
 * then decoded: UTF-8 is copied (validated once for the whole text when
 * detected, else per field; text that is UTF-8 up to a bad byte is read
 * as UTF-8, that byte an error of its line), CP932 goes through a table of every code,
 * built once through iconv's own "CP932" (so the NEC and IBM extension
 * characters 髙 﨑 ① ⅰ come out as glibc maps them), ASCII straight. */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-csv.h"

G_DEFINE_QUARK (jhk-csv-error-quark, jhk_csv_error)

/* CP932 to UTF-8: entry (lead << 8 | trail) for double-byte codes, entry
 * b for single bytes from 0x80 (lead bytes are 0x81..0xFC, so the ranges
 * do not meet). An entry is the UTF-8 bytes, first byte lowest, and their
 * count in the top byte; 0 is not a character. */

static guint32
pack_utf8 (const char *utf8,
           gsize       length)
{
  guint32 packed = 0;

  if (length == 0 || length > 3)
    return 0;
  for (gsize i = 0; i < length; i++)
    packed |= (guint32) (guchar) utf8[i] << (8 * i);
  return packed | (guint32) length << 24;
}

static guint32
convert_code (GIConv       cd,
              const guchar *code,
              gsize         length)
{
  char in[2], out[16];
  gchar *inp = in, *outp = out;
  gsize in_left = length, out_left = sizeof out;
  gunichar c;

  memcpy (in, code, length);
  if (g_iconv (cd, &inp, &in_left, &outp, &out_left) == (gsize) -1 || in_left != 0)
    {
      g_iconv (cd, NULL, NULL, NULL, NULL);
      return 0;
    }
  /* One character exactly. */
  c = g_utf8_get_char_validated (out, outp - out);
  if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0
      || g_utf8_next_char (out) != outp)
    return 0;
  return pack_utf8 (out, outp - out);
}

static gpointer
build_cp932_table (gpointer data)
{
  guint32 *table = g_new0 (guint32, 65536);
  GIConv cd;

  (void) data;
  cd = g_iconv_open ("UTF-8", "CP932");
  if (cd == (GIConv) -1)
    {
      g_warning ("iconv cannot convert from CP932");
      return table;
    }
  for (guint b = 0x80; b <= 0xFF; b++)
    {
      guchar code[1] = { b };

      table[b] = convert_code (cd, code, 1);
    }
  for (guint lead = 0x81; lead <= 0xFC; lead++)
    {
      if (lead >= 0xA0 && lead < 0xE0)
        continue;
      for (guint trail = 0x40; trail <= 0xFC; trail++)
        {
          guchar code[2] = { lead, trail };

          if (trail == 0x7F)
            continue;
          table[lead << 8 | trail] = convert_code (cd, code, 2);
        }
    }
  g_iconv_close (cd);
  return table;
}

static const guint32 *
get_cp932_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_cp932_table, NULL);
}

struct _JhkCsvReader
{
  const guchar *data;
  const guchar *p;
  const guchar *end;
  const char   *encoding;
  gboolean      cp932;
  gboolean      validated;  /* the whole text is valid UTF-8 */
  const guint32 *table;
  guint         line;       /* the line p is on */

  /* The current record's fields, decoded, each ended by a NUL. */
  char         *out;
  gsize         out_len;
  gsize         out_size;
  GArray       *starts;     /* gsize: where each field starts in out */
  GPtrArray    *fields;
  gboolean      bad_text;
};

static gboolean
is_cp932_name (const char *encoding)
{
  static const char *const names[] = {
    "CP932", "SHIFT_JIS", "SHIFT-JIS", "SJIS", "WINDOWS-31J", "MS932", "MS_KANJI", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (encoding, names[i]) == 0)
      return TRUE;
  return FALSE;
}

JhkCsvReader *
jhk_csv_reader_new (const char  *data,
                    gsize        length,
                    const char  *encoding,
                    GError     **error)
{
  JhkCsvReader *reader;
  gboolean bom = FALSE, cp932 = FALSE, validated = FALSE;
  const char *text = data;
  gsize text_length = length;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      bom = TRUE;
      text += 3;
      text_length -= 3;
    }
  if (encoding == NULL)
    {
      const char *invalid = NULL;

      validated = g_utf8_validate_len (text, text_length, &invalid);
      /* UTF-8 text with a bad byte further on (valid multi-byte text
       * before it) stays UTF-8, with that byte its line's error: CP932's
       * first Japanese character is almost never UTF-8. */
      cp932 = !validated && !bom;
      for (const char *q = text; cp932 && q < invalid; q++)
        if ((guchar) *q >= 0x80)
          cp932 = FALSE;
    }
  else if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    cp932 = FALSE;
  else if (is_cp932_name (encoding))
    {
      cp932 = TRUE;
      /* A byte order mark is UTF-8's, not CP932 text. */
      text = data;
      text_length = length;
    }
  else
    {
      g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING,
                   _("Unknown encoding “%s”: the file is read as UTF-8 or CP932 (Shift_JIS)."),
                   encoding);
      return NULL;
    }

  reader = g_new0 (JhkCsvReader, 1);
  reader->data = (const guchar *) data;
  reader->p = (const guchar *) text;
  reader->end = (const guchar *) text + text_length;
  reader->cp932 = cp932;
  reader->encoding = cp932 ? "CP932" : "UTF-8";
  reader->validated = validated;
  reader->table = cp932 ? get_cp932_table () : NULL;
  reader->line = 1;
  reader->out_size = 4096;
  reader->out = g_malloc (reader->out_size);
  reader->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader->fields = g_ptr_array_new ();
  return reader;
}

void
jhk_csv_reader_free (JhkCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->out);
  g_array_unref (reader->starts);
  g_ptr_array_unref (reader->fields);
  g_free (reader);
}

const char *
jhk_csv_reader_get_encoding (JhkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->encoding;
}

gsize
jhk_csv_reader_get_offset (JhkCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);
  return reader->p - reader->data;
}

static inline void
reserve (JhkCsvReader *reader,
         gsize         more)
{
  if (reader->out_len + more > reader->out_size)
    {
      while (reader->out_len + more > reader->out_size)
        reader->out_size *= 2;
      reader->out = g_realloc (reader->out, reader->out_size);
    }
}

static inline void
append_byte (JhkCsvReader *reader,
             char          c)
{
  reserve (reader, 1);
  reader->out[reader->out_len++] = c;
}

/* Appends the bytes [s, s + n) of one field, decoded. */
static void
append_text (JhkCsvReader *reader,
             const guchar *s,
             gsize         n)
{
  const guint32 *table = reader->table;
  char *out;
  gsize i = 0;

  if (n == 0)
    return;
  if (!reader->cp932)
    {
      reserve (reader, n);
      memcpy (reader->out + reader->out_len, s, n);
      reader->out_len += n;
      return;
    }

  reserve (reader, 3 * n);
  out = reader->out + reader->out_len;
  while (i < n)
    {
      guchar c = s[i];
      guint32 entry;

      if (c < 0x80)
        {
          if (G_UNLIKELY (c == 0))
            reader->bad_text = TRUE;
          *out++ = c;
          i++;
          continue;
        }
      entry = table[c];
      if (entry != 0)
        i++;
      else if (i + 1 < n && (entry = table[c << 8 | s[i + 1]]) != 0)
        i += 2;
      else
        {
          /* Not CP932: the record is reported, its text dropped. */
          reader->bad_text = TRUE;
          i++;
          continue;
        }
      out[0] = entry & 0xFF;
      out[1] = (entry >> 8) & 0xFF;
      out[2] = (entry >> 16) & 0xFF;
      out += entry >> 24;
    }
  reader->out_len = out - reader->out;
}

static void
begin_field (JhkCsvReader *reader)
{
  g_array_append_val (reader->starts, reader->out_len);
}

static void
end_field (JhkCsvReader *reader)
{
  if (!reader->cp932 && !reader->validated)
    {
      gsize start = g_array_index (reader->starts, gsize, reader->starts->len - 1);

      if (!g_utf8_validate_len (reader->out + start, reader->out_len - start, NULL))
        reader->bad_text = TRUE;
    }
  append_byte (reader, '\0');
}

/* Past a line break at p (CRLF, LF or CR), counting the line. */
static inline void
skip_line_break (JhkCsvReader *reader)
{
  if (reader->p[0] == '\r' && reader->p + 1 < reader->end && reader->p[1] == '\n')
    reader->p++;
  reader->p++;
  reader->line++;
}

/* Skips what is left of a broken record: up to the next line break. */
static void
skip_rest_of_line (JhkCsvReader *reader)
{
  while (reader->p < reader->end && *reader->p != '\r' && *reader->p != '\n')
    reader->p++;
  if (reader->p < reader->end)
    skip_line_break (reader);
}

gboolean
jhk_csv_reader_next (JhkCsvReader  *reader,
                     JhkCsvRecord  *record,
                     GError       **error)
{
  const guchar *end;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  end = reader->end;
  for (;;)
    {
      guint record_line;
      gboolean ended = FALSE;

      reader->out_len = 0;
      reader->bad_text = FALSE;
      g_array_set_size (reader->starts, 0);
      g_ptr_array_set_size (reader->fields, 0);
      record->line = reader->line;
      record->n_fields = 0;
      record->fields = NULL;

      if (reader->p >= end)
        return FALSE;
      record_line = reader->line;

      while (!ended)
        {
          const guchar *p = reader->p;

          begin_field (reader);
          if (p < end && *p == '"')
            {
              guint quote_line = reader->line;

              p++;
              for (;;)
                {
                  const guchar *s = p;

                  while (p < end && *p != '"' && *p != '\r' && *p != '\n')
                    p++;
                  append_text (reader, s, p - s);
                  if (p >= end)
                    {
                      reader->p = end;
                      record->line = quote_line;
                      g_set_error_literal (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX,
                                           _("A quotation mark is never closed."));
                      return FALSE;
                    }
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          append_byte (reader, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  /* A line break inside the quotes. */
                  append_byte (reader, '\n');
                  reader->p = p;
                  skip_line_break (reader);
                  p = reader->p;
                }
              reader->p = p;
              if (p < end && *p != ',' && *p != '\r' && *p != '\n')
                {
                  skip_rest_of_line (reader);
                  record->line = record_line;
                  g_set_error_literal (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX,
                                       _("Text follows a closing quotation mark; a quotation "
                                         "mark inside a quoted field is written twice (\"\")."));
                  return FALSE;
                }
            }
          else
            {
              const guchar *s = p;

              /* Unquoted: up to the next comma or line break; a quotation
               * mark inside stays as it is, as spreadsheets read it. */
              while (p < end && *p != ',' && *p != '\r' && *p != '\n')
                p++;
              append_text (reader, s, p - s);
              reader->p = p;
            }
          end_field (reader);

          if (reader->p >= end)
            ended = TRUE;
          else if (*reader->p == ',')
            {
              reader->p++;
              if (reader->p >= end)
                {
                  begin_field (reader);
                  end_field (reader);
                  ended = TRUE;
                }
            }
          else
            {
              skip_line_break (reader);
              ended = TRUE;
            }
        }

      /* A blank line is no record. */
      if (reader->starts->len == 1 && reader->out[0] == '\0' && !reader->bad_text)
        continue;

      for (guint i = 0; i < reader->starts->len; i++)
        g_ptr_array_add (reader->fields,
                         reader->out + g_array_index (reader->starts, gsize, i));
      g_ptr_array_add (reader->fields, NULL);
      record->line = record_line;
      record->n_fields = reader->starts->len;
      record->fields = (char **) reader->fields->pdata;
      if (reader->bad_text)
        {
          g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING,
                       reader->cp932
                       ? _("The line holds bytes that are not Shift_JIS (CP932) text.")
                       : _("The line holds bytes that are not UTF-8 text."));
          return FALSE;
        }
      return TRUE;
    }
}

static void
record_free (gpointer data)
{
  JhkCsvRecord *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

GPtrArray *
jhk_csv_parse (const char   *data,
               gsize         length,
               const char  **out_encoding,
               GError      **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(JhkCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  JhkCsvRecord record;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = jhk_csv_reader_new (data, length, NULL, error);
  if (reader == NULL)
    return NULL;
  while (jhk_csv_reader_next (reader, &record, &local_error))
    {
      JhkCsvRecord *copy = g_new0 (JhkCsvRecord, 1);

      copy->line = record.line;
      copy->n_fields = record.n_fields;
      copy->fields = g_strdupv (record.fields);
      g_ptr_array_add (records, copy);
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING))
        g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING,
                     _("The file is neither UTF-8 nor Shift_JIS (CP932) text: line %u: %s"),
                     record.line, local_error->message);
      else
        g_set_error (error, local_error->domain, local_error->code, _("Line %u: %s"),
                     record.line, local_error->message);
      return NULL;
    }
  if (out_encoding != NULL)
    *out_encoding = jhk_csv_reader_get_encoding (reader);
  return g_steal_pointer (&records);
}

GPtrArray *
jhk_csv_load (const char   *path,
              const char  **out_encoding,
              GError      **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  return jhk_csv_parse (g_mapped_file_get_contents (file) != NULL
                        ? g_mapped_file_get_contents (file) : "",
                        g_mapped_file_get_length (file), out_encoding, error);
}
