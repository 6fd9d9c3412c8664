/* jhk-csv.h: a reader for spreadsheet exports (CSV, RFC 4180).
 *
 * Quoted fields may hold commas, doubled quotes ("") and line breaks;
 * records end with CRLF, LF or CR; a UTF-8 byte order mark is dropped.
 * The text is UTF-8 when it validates as such, else it is read as CP932
 * (Windows' Shift_JIS, what Excel writes on a Japanese desktop) and
 * converted. Line breaks inside quoted fields come out as "\n".
 *
 * Each record knows the physical line (from 1) it starts on, so that
 * errors can point to the line an editor shows. Blank lines are skipped.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JHK_CSV_ERROR (jhk_csv_error_quark ())

typedef enum
{
  JHK_CSV_ERROR_ENCODING,  /* neither UTF-8 nor CP932 */
  JHK_CSV_ERROR_SYNTAX,    /* a quotation mark left open, or text after one */
} JhkCsvError;

GQuark jhk_csv_error_quark (void);

typedef struct
{
  guint   line;      /* physical line the record starts on, from 1 */
  guint   n_fields;
  char  **fields;    /* n_fields UTF-8 strings, NULL-terminated */
} JhkCsvRecord;

/* Parses a whole file's bytes. Returns an array of JhkCsvRecord * (freed
 * with the array); *out_encoding gets "UTF-8" or "CP932" when not NULL. */
GPtrArray *jhk_csv_parse (const char   *data,
                          gsize         length,
                          const char  **out_encoding,
                          GError      **error);
GPtrArray *jhk_csv_load  (const char   *path,
                          const char  **out_encoding,
                          GError      **error);

/* A streaming reader for large files (a million rows): records one at a
 * time from the caller's bytes (a mapped file), without holding the file
 * twice. encoding: NULL to detect (UTF-8 when the whole text validates,
 * else CP932), "UTF-8" or "CP932". A byte sequence that is not text in the
 * encoding is an error of its record's line, and reading goes on with the
 * next record, so that every bad line can be reported. */
typedef struct _JhkCsvReader JhkCsvReader;

JhkCsvReader *jhk_csv_reader_new          (const char    *data,
                                           gsize          length,
                                           const char    *encoding,
                                           GError       **error);
void          jhk_csv_reader_free         (JhkCsvReader  *reader);
const char   *jhk_csv_reader_get_encoding (JhkCsvReader  *reader);
/* The next record into *record, its fields valid until the next call.
 * Returns FALSE at the end (error unset) or on a record that cannot be
 * read (error set, record->line its line; call again for the next). */
gboolean      jhk_csv_reader_next         (JhkCsvReader  *reader,
                                           JhkCsvRecord  *record,
                                           GError       **error);
/* Bytes consumed so far, for progress. */
gsize         jhk_csv_reader_get_offset   (JhkCsvReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkCsvReader, jhk_csv_reader_free)

G_END_DECLS
