/* jhk-csv.c: RFC 4180 records from UTF-8 or CP932 bytes. */
#include <glib/gi18n-lib.h>

#include "jhk-csv.h"

G_DEFINE_QUARK (jhk-csv-error-quark, jhk_csv_error)

static void
record_free (gpointer data)
{
  JhkCsvRecord *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

/* Ends the current record unless it is one empty field (a blank line). */
static void
end_record (GPtrArray *records,
            GPtrArray *fields,
            guint      line)
{
  JhkCsvRecord *record;

  if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }
  record = g_new0 (JhkCsvRecord, 1);
  record->line = line;
  record->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  record->fields = (char **) g_ptr_array_steal (fields, NULL);
  g_ptr_array_add (records, record);
}

static GPtrArray *
parse_utf8 (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text, *end = text + length;
  guint line = 1, record_line = 1;

  while (p < end)
    {
      /* At the start of a field. */
      if (*p == '"')
        {
          guint quote_line = line;

          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX,
                               _("Line %u: a quotation mark is never closed."), quote_line);
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\r' || *p == '\n')
                {
                  if (*p == '\r' && p + 1 < end && p[1] == '\n')
                    p++;
                  g_string_append_c (field, '\n');
                  line++;
                  p++;
                  continue;
                }
              g_string_append_c (field, *p++);
            }
          if (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_SYNTAX,
                           _("Line %u: text follows a closing quotation mark; a quotation mark "
                             "inside a quoted field is written twice (\"\")."), line);
              return NULL;
            }
        }
      else
        {
          /* Unquoted: up to the next comma or line break; a quotation mark
           * inside stays as it is, as spreadsheets read it. */
          while (p < end && *p != ',' && *p != '\r' && *p != '\n')
            g_string_append_c (field, *p++);
        }

      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      field = g_string_new (NULL);
      if (p >= end)
        break;
      if (*p == ',')
        {
          p++;
          if (p >= end)
            g_ptr_array_add (fields, g_strdup (""));
          continue;
        }
      /* A line break ends the record. */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      end_record (records, fields, record_line);
      line++;
      record_line = line;
    }
  if (fields->len > 0)
    end_record (records, fields, record_line);
  return g_steal_pointer (&records);
}

GPtrArray *
jhk_csv_parse (const char   *data,
               gsize         length,
               const char  **out_encoding,
               GError      **error)
{
  g_autofree char *converted = NULL;
  const char *encoding = "UTF-8";
  GPtrArray *records;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_autoptr(GError) local_error = NULL;
      gsize written = 0;

      converted = g_convert (data, length, "UTF-8", "CP932", NULL, &written, &local_error);
      if (converted == NULL)
        {
          g_set_error (error, JHK_CSV_ERROR, JHK_CSV_ERROR_ENCODING,
                       _("The file is neither UTF-8 nor Shift_JIS (CP932) text: %s"),
                       local_error->message);
          return NULL;
        }
      encoding = "CP932";
      data = converted;
      length = written;
    }
  records = parse_utf8 (data, length, error);
  if (records != NULL && out_encoding != NULL)
    *out_encoding = encoding;
  return records;
}

GPtrArray *
jhk_csv_load (const char   *path,
              const char  **out_encoding,
              GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return jhk_csv_parse (contents, length, out_encoding, error);
}

/* SCAFFOLD: the streaming reader, replaced by its owner. */
#include <gio/gio.h>
JhkCsvReader *
jhk_csv_reader_new (const char *data, gsize length, const char *encoding, GError **error)
{
  (void) data;
  (void) length;
  (void) encoding;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_csv_reader_new: not written yet");
  return NULL;
}

void
jhk_csv_reader_free (JhkCsvReader *reader)
{
  (void) reader;
}

const char *
jhk_csv_reader_get_encoding (JhkCsvReader *reader)
{
  (void) reader;
  return NULL;
}

gboolean
jhk_csv_reader_next (JhkCsvReader *reader, JhkCsvRecord *record, GError **error)
{
  (void) reader;
  (void) record;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_csv_reader_next: not written yet");
  return FALSE;
}

gsize
jhk_csv_reader_get_offset (JhkCsvReader *reader)
{
  (void) reader;
  return 0;
}
