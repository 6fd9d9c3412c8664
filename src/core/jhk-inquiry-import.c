/* jhk-inquiry-import.c: 個人情報照会記録 (R14-5) and access trails (R13-3)
 * from the inquiry system's CSV files.
 *
 * The file is read a record at a time (jhk-csv.h's streaming reader over a
 * mapped file) and every row is written in one transaction through one
 * prepared statement; any error rolls it all back. Rows of inquiries are
 * checked and kept first (their cells in one chunk), screened in memory
 * with the stored records around them (jhk_inquiry_screen_new(): nothing
 * read back, stored neighbours rewritten only when they change), then
 * inserted with their flags. Decisions:
 *  - 所属コード of an office gives office_id; the code of a 係 (section)
 *    gives the office above it; any other code (unknown, or a 部) is
 *    imported with JHK_INQUIRY_FLAG_UNKNOWN_OFFICE and office_id NULL.
 *  - section_id is the staff member's org unit when that is a section.
 *  - 照会日時 is Japan time: Japan has kept UTC+9 without summer time since
 *    1952, so the instant is the civil time less nine hours and the
 *    period is the text's own year and month.
 *  - On SQLite the import turns foreign key checks off (outside its
 *    transaction, as SQLite wants it) and skips the CHECKs of the rows'
 *    defaulted columns while inserting: the ids it writes are read from
 *    the same transaction, and the checks cost more than the insert.
 *  - On SQLite a large import (at least 20 000 rows and as many as the
 *    table holds) drops the secondary indexes of inquiry_records inside
 *    the transaction (after the screening has read the stored rows) and
 *    creates them again (as sqlite_schema lists them): one sort per index
 *    instead of a million scattered inserts. A cancel or an error rolls
 *    that back with the rows.
 */
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "jhk-csv.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-import.h"
#include "jhk-inquiry-screening.h"
#include "jhk-inquiry-screening-private.h"
#include "jhk-policy.h"
#include "jhk-service.h"

/* The debug log's time of a phase: wall and process CPU seconds since
 * the start (t0, monotonic µs; cpu0). */
static void
log_phase (const char *phase,
           gint64      t0,
           double      cpu0)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  g_debug ("inquiry import: %s at %.3f s (cpu %.3f s)", phase,
           (g_get_monotonic_time () - t0) / 1e6, ts.tv_sec + ts.tv_nsec / 1e9 - cpu0);
}

static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Rows at least, for dropping the indexes around the insert. */
#define DROP_INDEXES_MIN_ROWS 20000

typedef struct
{
  const char *header;
  guint       max_chars;
  gboolean    required;
} Column;

enum
{
  Q_SOURCE_NO,
  Q_AT,
  Q_OFFICE,
  Q_STAFF_NO,
  Q_NAME,
  Q_KIND,
  Q_REASON,
  Q_CASE_NO,
  Q_CONTENT,
  Q_TERMINAL,
  N_Q_COLUMNS
};

static const Column inquiry_columns[N_Q_COLUMNS] = {
  { "照会番号", 64, TRUE },
  { "照会日時", 32, TRUE },
  { "所属コード", 32, TRUE },
  { "照会者職員番号", 32, TRUE },
  { "照会者氏名", 100, TRUE },
  { "照会種別", 100, TRUE },
  { "事由", 1000, FALSE },
  { "事件番号", 100, FALSE },
  { "照会内容", 2000, TRUE },
  { "端末番号", 64, TRUE },
};

enum
{
  T_AT,
  T_OFFICE,
  T_STAFF_NO,
  T_NAME,
  T_TERMINAL,
  T_BUSINESS,
  T_OPERATION,
  N_T_COLUMNS
};

static const Column trail_columns[N_T_COLUMNS] = {
  { "日時", 32, TRUE },
  { "所属コード", 32, TRUE },
  { "職員番号", 32, TRUE },
  { "氏名", 100, TRUE },
  { "端末番号", 64, TRUE },
  { "業務", 200, TRUE },
  { "操作内容", 4000, TRUE },
};

typedef struct
{
  gint64 office_id;   /* the office, 0 when the code leads to none */
} OrgInfo;

typedef struct
{
  gint64 staff_id;
  gint64 section_id;  /* 0 unless the staff member's unit is a section */
} StaffInfo;

/* A checked row of inquiries waiting for its flags (the screening of
 * the new rows runs before they are inserted). */
typedef struct
{
  const char *text;       /* the cells Q_SOURCE_NO..Q_TERMINAL, each ended by NUL */
  gint64      office_id;  /* 0: none */
  gint64      section_id; /* 0: none */
  guint       line;
  char        period[8];
} Pending;

typedef struct
{
  JhkDb                  *db;
  JhkInquiryImportKind    kind;
  JhkInquiryImportReport *report;
  gint64                  import_id;
  gint64                  now;
  GHashTable             *orgs;       /* code → OrgInfo */
  GHashTable             *staff;      /* staff_no → StaffInfo */
  GHashTable             *signed_off; /* "office_id period" */
  GHashTable             *businesses; /* code or name → id */
  JhkDbStmt              *insert;
  gint64                  min_at;
  gint64                  max_at;
  guint                   n_inserted;
  guint                   n_flagged;  /* inquiries inserted with flags */
  /* inquiries: the rows checked, inserted once screened */
  GArray                 *pending;    /* Pending */
  GArray                 *news;       /* JhkInquiryScreenNew, parallel */
  GStringChunk           *chunk;
  GString                *scratch;
  GHashTable             *seen;       /* 照会番号 of the new rows */
  gint64                  n_stored;   /* rows in the table before */
  GHashTable             *stored;     /* their 照会番号, when read at once */
  GStringChunk           *stored_chunk;
  GStringChunk           *chunk2;     /* the second half's rows (read_halves) */
  JhkDbStmt              *present;
} Import;

void
jhk_inquiry_import_report_free (JhkInquiryImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->errors, g_ptr_array_unref);
  g_free (report);
}

/* Days from 1970-01-01 to the civil date (proleptic Gregorian). */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (gint64) era * 146097 + doe - 719468;
}

/* Reads 1 or 2 (max_digits) digits at *p. */
static gboolean
read_number (const char **p,
             int          min_digits,
             int          max_digits,
             int         *out)
{
  int n = 0, value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits)
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
parse_time_parts (const char *text,
                  gint64     *out_us,
                  int        *out_year,
                  int        *out_month)
{
  const char *p = text;
  int y, mo, d, h, mi, s = 0;
  char sep;

  if (text == NULL)
    return FALSE;
  if (!read_number (&p, 4, 4, &y))
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &mo) || *p++ != sep || !read_number (&p, 1, 2, &d))
    return FALSE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  while (*p == ' ' || *p == 'T')
    p++;
  if (!read_number (&p, 1, 2, &h) || *p++ != ':' || !read_number (&p, 2, 2, &mi))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!read_number (&p, 2, 2, &s))
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > g_date_get_days_in_month (mo, y)
      || h > 23 || mi > 59 || s > 59)
    return FALSE;
  *out_us = ((days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s) - 9 * 3600)
            * G_USEC_PER_SEC;
  if (out_year != NULL)
    *out_year = y;
  if (out_month != NULL)
    *out_month = mo;
  return TRUE;
}

gboolean
jhk_inquiry_import_parse_time (const char *text,
                               gint64     *out_us)
{
  gint64 us = 0;

  if (!parse_time_parts (text, &us, NULL, NULL))
    return FALSE;
  if (out_us != NULL)
    *out_us = us;
  return TRUE;
}

/* Characters NFKC leaves as they are: the common ones of an inquiry's
 * subject, so that most subjects need no normalisation call. */
static inline gboolean
nfkc_stable (gunichar c)
{
  return (c >= 0x21 && c < 0x7F)
         || (c >= 0x3041 && c <= 0x3096)
         || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC
         || (c >= 0x4E00 && c <= 0x9FFF);
}

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || g_unichar_isspace (c);
}

/* 照会内容 after NFKC with white space removed. */
static char *
make_subject (const char *content)
{
  g_autofree char *normalized = NULL;
  const guchar *p;
  char *subject, *out;
  gboolean fast = TRUE;

  for (p = (const guchar *) content; *p != '\0' && fast; )
    {
      if (*p < 0x80)
        {
          p++;
          continue;
        }
      fast = nfkc_stable (g_utf8_get_char ((const char *) p)) || memcmp (p, "\xE3\x80\x80", 3) == 0;
      p = (const guchar *) g_utf8_next_char (p);
    }
  if (!fast)
    {
      normalized = g_utf8_normalize (content, -1, G_NORMALIZE_NFKC);
      if (normalized != NULL)
        content = normalized;
    }
  out = subject = g_malloc (strlen (content) + 1);
  for (p = (const guchar *) content; *p != '\0'; )
    {
      if (*p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            *out++ = *p;
          p++;
        }
      else
        {
          const guchar *next = (const guchar *) g_utf8_next_char (p);

          if (!is_space (g_utf8_get_char ((const char *) p)))
            {
              memcpy (out, p, next - p);
              out += next - p;
            }
          p = next;
        }
    }
  *out = '\0';
  return subject;
}

static gboolean
text_fits (const char *text,
           guint       max_chars)
{
  gsize bytes = strlen (text);

  return bytes <= max_chars || (guint) g_utf8_strlen (text, bytes) <= max_chars;
}

/* Trims ASCII white space (and the ideographic space) around a field, in
 * place. */
static char *
trim (char *text)
{
  char *end;

  for (;;)
    {
      if (*text == ' ' || *text == '\t')
        text++;
      else if (strncmp (text, "\xE3\x80\x80", 3) == 0)
        text += 3;
      else
        break;
    }
  end = text + strlen (text);
  for (;;)
    {
      if (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      else if (end - text >= 3 && memcmp (end - 3, "\xE3\x80\x80", 3) == 0)
        end -= 3;
      else
        break;
    }
  *end = '\0';
  return text;
}

static gboolean
load_lookups (Import   *im,
              GError  **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  JhkDbStep step;

  /* org units: id → (kind, parent, code) */
  typedef struct { gint64 id, parent; char kind; char *code; } Unit;
  stmt = jhk_db_query (im->db, error, "SELECT id, parent_id, kind, code FROM org_units", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      Unit *u = g_new0 (Unit, 1);

      u->id = jhk_db_stmt_get_int64 (stmt, 0);
      u->parent = jhk_db_stmt_is_null (stmt, 1) ? 0 : jhk_db_stmt_get_int64 (stmt, 1);
      u->kind = jhk_db_stmt_get_text (stmt, 2)[0];
      u->code = jhk_db_stmt_dup_text (stmt, 3);
      g_hash_table_insert (units, g_memdup2 (&u->id, sizeof u->id), u);
    }
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (step == JHK_DB_FAILED)
    return FALSE;
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, units);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        Unit *u = value, *up = u;
        OrgInfo *info = g_new0 (OrgInfo, 1);

        /* A section's office is the office above it. */
        for (guint depth = 0; up != NULL && up->kind == 's' && depth < 16; depth++)
          up = up->parent != 0 ? g_hash_table_lookup (units, &up->parent) : NULL;
        info->office_id = up != NULL && up->kind == 'o' ? up->id : 0;
        g_hash_table_insert (im->orgs, u->code, info);
        u->code = NULL;
      }
    g_hash_table_iter_init (&iter, units);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_free (((Unit *) value)->code);
  }

  stmt = jhk_db_query (im->db, error,
                       "SELECT s.staff_no, s.id, CASE WHEN o.kind = 'section' THEN o.id ELSE 0 END"
                       " FROM staff s JOIN org_units o ON o.id = s.org_unit_id", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      StaffInfo *info = g_new0 (StaffInfo, 1);

      info->staff_id = jhk_db_stmt_get_int64 (stmt, 1);
      info->section_id = jhk_db_stmt_get_int64 (stmt, 2);
      g_hash_table_insert (im->staff, jhk_db_stmt_dup_text (stmt, 0), info);
    }
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (step == JHK_DB_FAILED)
    return FALSE;

  if (im->kind == JHK_INQUIRY_IMPORT_INQUIRIES)
    {
      stmt = jhk_db_query (im->db, error, "SELECT office_id, period FROM inquiry_periods",
                           JHK_DB_END);
      if (stmt == NULL)
        return FALSE;
      while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
        g_hash_table_add (im->signed_off,
                          g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                           jhk_db_stmt_get_int64 (stmt, 0),
                                           jhk_db_stmt_get_text (stmt, 1)));
    }
  else
    {
      stmt = jhk_db_query (im->db, error, "SELECT id, code, name FROM businesses ORDER BY id DESC",
                           JHK_DB_END);
      if (stmt == NULL)
        return FALSE;
      while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
        {
          gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

          g_hash_table_insert (im->businesses, jhk_db_stmt_dup_text (stmt, 2),
                               g_memdup2 (&id, sizeof id));
        }
      g_clear_pointer (&stmt, jhk_db_stmt_release);
      if (step == JHK_DB_FAILED)
        return FALSE;
      /* Codes win over names. */
      stmt = jhk_db_query (im->db, error, "SELECT id, code FROM businesses", JHK_DB_END);
      if (stmt == NULL)
        return FALSE;
      while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
        {
          gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

          g_hash_table_insert (im->businesses, jhk_db_stmt_dup_text (stmt, 1),
                               g_memdup2 (&id, sizeof id));
        }
    }
  return step != JHK_DB_FAILED;
}

/* Finds each column of the header by name; FALSE (with the errors in the
 * report) when one is unknown, missing or twice there. */
static gboolean
read_header (const JhkCsvRecord     *header,
             const Column           *columns,
             guint                   n_columns,
             int                    *index,
             JhkInquiryImportReport *report)
{
  guint n_errors = report->errors->len;

  for (guint c = 0; c < n_columns; c++)
    index[c] = -1;
  for (guint i = 0; i < header->n_fields; i++)
    {
      g_autofree char *name = g_strdup (header->fields[i]);
      const char *trimmed = trim (name);
      gboolean known = FALSE;

      for (guint c = 0; c < n_columns && !known; c++)
        if (g_str_equal (trimmed, columns[c].header))
          {
            known = TRUE;
            if (index[c] >= 0)
              jhk_import_error_add (report->errors, header->line, columns[c].header,
                         _("The column “%s” appears twice."), columns[c].header);
            else
              index[c] = i;
          }
      if (!known && *trimmed == '\0' && i == header->n_fields - 1 && i > 0)
        continue;  /* a trailing comma */
      if (!known)
        jhk_import_error_add (report->errors, header->line, trimmed, _("Unknown column “%s”."), trimmed);
    }
  for (guint c = 0; c < n_columns; c++)
    if (index[c] < 0)
      jhk_import_error_add (report->errors, header->line, columns[c].header,
                 _("The column “%s” is missing."), columns[c].header);
  return report->errors->len == n_errors;
}

/* The row's cells, trimmed and checked for presence and length. */
static gboolean
read_cells (Import             *im,
            const JhkCsvRecord *record,
            const Column       *columns,
            guint               n_columns,
            const int          *index,
            guint               n_header_fields,
            char              **cells)
{
  gboolean ok = TRUE;

  if (record->n_fields != n_header_fields
      && !(record->n_fields > n_header_fields
           && *record->fields[n_header_fields] == '\0'
           && record->n_fields == n_header_fields + 1))
    {
      jhk_import_error_add (im->report->errors, record->line, NULL,
                 _("The line has %u values where the first line names %u columns."),
                 record->n_fields, n_header_fields);
      return FALSE;
    }
  for (guint c = 0; c < n_columns; c++)
    {
      cells[c] = trim (record->fields[index[c]]);
      if (columns[c].required && *cells[c] == '\0')
        {
          jhk_import_error_add (im->report->errors, record->line, columns[c].header,
                     _("%s needs a value."), columns[c].header);
          ok = FALSE;
        }
      else if (!text_fits (cells[c], columns[c].max_chars))
        {
          jhk_import_error_add (im->report->errors, record->line, columns[c].header,
                     _("%s is longer than %u characters."), columns[c].header,
                     columns[c].max_chars);
          ok = FALSE;
        }
    }
  return ok;
}

static void
bad_time (Import     *im,
          guint       line,
          const char *column,
          const char *text)
{
  jhk_import_error_add (im->report->errors, line, column,
             _("“%s” is not a time: write YYYY-MM-DD HH:MM[:SS] or YYYY/MM/DD HH:MM[:SS]."),
             text);
}

static void
note_time (Import *im,
           gint64  at)
{
  if (im->n_inserted == 0 || at < im->min_at)
    im->min_at = at;
  if (im->n_inserted == 0 || at > im->max_at)
    im->max_at = at;
  im->n_inserted++;
}

/* One data row of inquiries: FALSE only when the database fails. */
static gboolean
import_inquiry (Import              *im,
                const JhkCsvRecord  *record,
                const int           *index,
                guint                n_header_fields,
                GError             **error)
{
  char *cells[N_Q_COLUMNS];
  g_autofree char *subject = NULL;
  const OrgInfo *org;
  const StaffInfo *staff;
  char period[16];
  gint64 at = 0;
  int year = 0, month = 0;
  guint flags = 0;

  if (!read_cells (im, record, inquiry_columns, N_Q_COLUMNS, index, n_header_fields, cells))
    return TRUE;
  if (!parse_time_parts (cells[Q_AT], &at, &year, &month))
    {
      bad_time (im, record->line, inquiry_columns[Q_AT].header, cells[Q_AT]);
      return TRUE;
    }
  period[0] = '0' + year / 1000 % 10;
  period[1] = '0' + year / 100 % 10;
  period[2] = '0' + year / 10 % 10;
  period[3] = '0' + year % 10;
  period[4] = '-';
  period[5] = '0' + month / 10;
  period[6] = '0' + month % 10;
  period[7] = '\0';

  org = g_hash_table_lookup (im->orgs, cells[Q_OFFICE]);
  if (org == NULL || org->office_id == 0)
    flags |= JHK_INQUIRY_FLAG_UNKNOWN_OFFICE;
  staff = g_hash_table_lookup (im->staff, cells[Q_STAFF_NO]);
  if (staff == NULL)
    flags |= JHK_INQUIRY_FLAG_UNKNOWN_STAFF;

  if (org != NULL && org->office_id != 0 && g_hash_table_size (im->signed_off) > 0)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", org->office_id, period);

      if (g_hash_table_contains (im->signed_off, key))
        {
          gint64 present = 0;

          /* Stored already: counted as present, not refused. */
          if (im->stored != NULL || im->n_stored == 0)
            present = im->stored != NULL && g_hash_table_contains (im->stored, cells[Q_SOURCE_NO]);
          else if (!jhk_db_query_int64 (im->db, &present, error,
                                        "SELECT COUNT(*) FROM inquiry_records WHERE source_no = ?",
                                        JHK_T (cells[Q_SOURCE_NO]), JHK_DB_END))
            return FALSE;
          if (present > 0)
            im->report->n_present++;
          else
            jhk_import_error_add (im->report->errors, record->line, inquiry_columns[Q_AT].header,
                       _("The month %s of the office %s is signed off: no record of it can be "
                         "added."), period, cells[Q_OFFICE]);
          return TRUE;
        }
    }

  /* Stored by an earlier import: counted as present. */
  if (im->stored != NULL)
    {
      if (g_hash_table_contains (im->stored, cells[Q_SOURCE_NO]))
        {
          im->report->n_present++;
          return TRUE;
        }
    }
  else if (im->n_stored > 0)
    {
      JhkDbStep step;

      jhk_db_stmt_reset (im->present);
      jhk_db_stmt_bind_text (im->present, 1, cells[Q_SOURCE_NO]);
      step = jhk_db_stmt_step (im->present, error);
      if (step == JHK_DB_FAILED)
        return FALSE;
      if (step == JHK_DB_ROW)
        {
          im->report->n_present++;
          return TRUE;
        }
    }

  if (g_hash_table_contains (im->seen, cells[Q_SOURCE_NO]))
    {
      jhk_import_error_add (im->report->errors, record->line, inquiry_columns[Q_SOURCE_NO].header,
                 _("照会番号 %s appears more than once in the file."), cells[Q_SOURCE_NO]);
      return TRUE;
    }

  subject = make_subject (cells[Q_CONTENT]);
  {
    Pending pending = { 0 };
    JhkInquiryScreenNew news = { 0 };
    const char *text;
    const char *cell[N_Q_COLUMNS + 1];

    g_string_truncate (im->scratch, 0);
    for (guint c = 0; c < N_Q_COLUMNS; c++)
      g_string_append_len (im->scratch, cells[c], strlen (cells[c]) + 1);
    g_string_append (im->scratch, subject);
    text = g_string_chunk_insert_len (im->chunk, im->scratch->str, im->scratch->len);
    for (guint c = 0, off = 0; c <= N_Q_COLUMNS; c++)
      {
        cell[c] = text + off;
        off += strlen (cell[c]) + 1;
      }
    pending.text = text;
    pending.office_id = org != NULL ? org->office_id : 0;
    pending.section_id = staff != NULL ? staff->section_id : 0;
    pending.line = record->line;
    memcpy (pending.period, period, sizeof pending.period);
    news.at = at;
    news.staff_no = cell[Q_STAFF_NO];
    news.staff_id = staff != NULL ? staff->staff_id : 0;
    news.subject = cell[N_Q_COLUMNS];
    news.kind = cell[Q_KIND];
    news.reason = cell[Q_REASON];
    news.case_no = cell[Q_CASE_NO];
    news.content = cell[Q_CONTENT];
    news.flags = flags | jhk_inquiry_screen_own_flags (cell[Q_REASON], cell[Q_CASE_NO]);
    g_array_append_val (im->pending, pending);
    g_array_append_val (im->news, news);
    g_hash_table_add (im->seen, (gpointer) cell[Q_SOURCE_NO]);
  }
  return TRUE;
}

/* Inserts the screened rows of inquiries: FALSE only when the database
 * fails. A 照会番号 twice in the file is an error of its second line. */
static gboolean
insert_inquiries (Import        *im,
                  GCancellable  *cancellable,
                  GError       **error)
{
  JhkDbStmt *stmt = im->insert;

  for (guint i = 0; i < im->pending->len; i++)
    {
      const Pending *pending = &g_array_index (im->pending, Pending, i);
      const JhkInquiryScreenNew *news = &g_array_index (im->news, JhkInquiryScreenNew, i);
      const char *cell[N_Q_COLUMNS + 1];

      if ((i & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint c = 0, off = 0; c <= N_Q_COLUMNS; c++)
        {
          cell[c] = pending->text + off;
          off += strlen (cell[c]) + 1;
        }
      jhk_db_stmt_reset (stmt);
      jhk_db_stmt_bind_text (stmt, 1, cell[Q_SOURCE_NO]);
      jhk_db_stmt_bind_int64 (stmt, 2, news->at);
      jhk_db_stmt_bind_text (stmt, 3, pending->period);
      jhk_db_stmt_bind_text (stmt, 4, cell[Q_OFFICE]);
      if (pending->office_id != 0)
        jhk_db_stmt_bind_int64 (stmt, 5, pending->office_id);
      else
        jhk_db_stmt_bind_null (stmt, 5);
      jhk_db_stmt_bind_text (stmt, 6, cell[Q_STAFF_NO]);
      if (news->staff_id != 0)
        jhk_db_stmt_bind_int64 (stmt, 7, news->staff_id);
      else
        jhk_db_stmt_bind_null (stmt, 7);
      if (pending->section_id != 0)
        jhk_db_stmt_bind_int64 (stmt, 8, pending->section_id);
      else
        jhk_db_stmt_bind_null (stmt, 8);
      jhk_db_stmt_bind_text (stmt, 9, cell[Q_NAME]);
      jhk_db_stmt_bind_text (stmt, 10, cell[Q_KIND]);
      jhk_db_stmt_bind_text (stmt, 11, cell[Q_REASON]);
      jhk_db_stmt_bind_text (stmt, 12, cell[Q_CASE_NO]);
      jhk_db_stmt_bind_text (stmt, 13, cell[Q_CONTENT]);
      jhk_db_stmt_bind_text (stmt, 14, cell[N_Q_COLUMNS]);
      jhk_db_stmt_bind_text (stmt, 15, cell[Q_TERMINAL]);
      jhk_db_stmt_bind_int64 (stmt, 16, im->import_id);
      jhk_db_stmt_bind_int64 (stmt, 17, im->now);
      jhk_db_stmt_bind_int64 (stmt, 18, news->new_flags);
      jhk_db_stmt_bind_text (stmt, 19, news->new_data != NULL ? news->new_data : "");
      if (jhk_db_stmt_step (stmt, error) == JHK_DB_FAILED)
        return FALSE;
      if (jhk_db_changes (im->db) > 0)
        {
          note_time (im, news->at);
          if (news->new_flags != 0)
            im->n_flagged++;
        }
      else
        jhk_import_error_add (im->report->errors, pending->line, inquiry_columns[Q_SOURCE_NO].header,
                   _("照会番号 %s appears more than once in the file."), cell[Q_SOURCE_NO]);
    }
  return TRUE;
}

/* One data row of trails: FALSE only when the database fails. */
static gboolean
import_trail (Import              *im,
              const JhkCsvRecord  *record,
              const int           *index,
              guint                n_header_fields,
              GError             **error)
{
  char *cells[N_T_COLUMNS];
  g_autoptr(GChecksum) checksum = NULL;
  char at_text[32];
  const OrgInfo *org;
  const StaffInfo *staff;
  const gint64 *business_id;
  gint64 at = 0;
  guint flags = 0;
  JhkDbStmt *stmt = im->insert;

  if (!read_cells (im, record, trail_columns, N_T_COLUMNS, index, n_header_fields, cells))
    return TRUE;
  if (!parse_time_parts (cells[T_AT], &at, NULL, NULL))
    {
      bad_time (im, record->line, trail_columns[T_AT].header, cells[T_AT]);
      return TRUE;
    }

  org = g_hash_table_lookup (im->orgs, cells[T_OFFICE]);
  if (org == NULL || org->office_id == 0)
    flags |= JHK_INQUIRY_FLAG_UNKNOWN_OFFICE;
  staff = g_hash_table_lookup (im->staff, cells[T_STAFF_NO]);
  if (staff == NULL)
    flags |= JHK_INQUIRY_FLAG_UNKNOWN_STAFF;
  business_id = g_hash_table_lookup (im->businesses, cells[T_BUSINESS]);

  /* The row's key: its normalised values, each ended by a unit
   * separator. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_snprintf (at_text, sizeof at_text, "%" G_GINT64_FORMAT, at);
  g_checksum_update (checksum, (const guchar *) at_text, -1);
  for (guint c = T_OFFICE; c < N_T_COLUMNS; c++)
    {
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      g_checksum_update (checksum, (const guchar *) cells[c], -1);
    }

  jhk_db_stmt_reset (stmt);
  jhk_db_stmt_bind_int64 (stmt, 1, at);
  jhk_db_stmt_bind_text (stmt, 2, cells[T_OFFICE]);
  if (org != NULL && org->office_id != 0)
    jhk_db_stmt_bind_int64 (stmt, 3, org->office_id);
  else
    jhk_db_stmt_bind_null (stmt, 3);
  jhk_db_stmt_bind_text (stmt, 4, cells[T_STAFF_NO]);
  if (staff != NULL)
    jhk_db_stmt_bind_int64 (stmt, 5, staff->staff_id);
  else
    jhk_db_stmt_bind_null (stmt, 5);
  jhk_db_stmt_bind_text (stmt, 6, cells[T_NAME]);
  jhk_db_stmt_bind_text (stmt, 7, cells[T_TERMINAL]);
  jhk_db_stmt_bind_text (stmt, 8, cells[T_BUSINESS]);
  if (business_id != NULL)
    jhk_db_stmt_bind_int64 (stmt, 9, *business_id);
  else
    jhk_db_stmt_bind_null (stmt, 9);
  jhk_db_stmt_bind_text (stmt, 10, cells[T_OPERATION]);
  jhk_db_stmt_bind_text (stmt, 11, g_checksum_get_string (checksum));
  jhk_db_stmt_bind_int64 (stmt, 12, im->import_id);
  jhk_db_stmt_bind_int64 (stmt, 13, flags);
  if (jhk_db_stmt_step (stmt, error) == JHK_DB_FAILED)
    return FALSE;
  if (jhk_db_changes (im->db) > 0)
    note_time (im, at);
  else
    im->report->n_present++;
  return TRUE;
}

/* The CREATE INDEX statements of inquiry_records' own indexes, after
 * dropping them; NULL on error. */
static GPtrArray *
drop_indexes (JhkDb   *db,
              GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  stmt = jhk_db_query (db, error,
                       "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                       " AND tbl_name = 'inquiry_records' AND sql IS NOT NULL", JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      g_ptr_array_add (names, jhk_db_stmt_dup_text (stmt, 0));
      g_ptr_array_add (sqls, jhk_db_stmt_dup_text (stmt, 1));
    }
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (step == JHK_DB_FAILED)
    return NULL;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"",
                                              (char *) g_ptr_array_index (names, i));

      if (!jhk_db_exec (db, sql, error))
        return NULL;
    }
  return g_steal_pointer (&sqls);
}

static gboolean
create_indexes (JhkDb      *db,
                GPtrArray  *sqls,
                GError    **error)
{
  for (guint i = 0; sqls != NULL && i < sqls->len; i++)
    if (!jhk_db_exec (db, g_ptr_array_index (sqls, i), error))
      return FALSE;
  return TRUE;
}

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->orgs, g_hash_table_unref);
  g_clear_pointer (&im->staff, g_hash_table_unref);
  g_clear_pointer (&im->signed_off, g_hash_table_unref);
  g_clear_pointer (&im->businesses, g_hash_table_unref);
  g_clear_pointer (&im->insert, jhk_db_stmt_release);
  g_clear_pointer (&im->present, jhk_db_stmt_release);
  g_clear_pointer (&im->stored, g_hash_table_unref);
  if (im->stored_chunk != NULL)
    g_string_chunk_free (g_steal_pointer (&im->stored_chunk));
  if (im->chunk2 != NULL)
    g_string_chunk_free (g_steal_pointer (&im->chunk2));
  g_clear_pointer (&im->pending, g_array_unref);
  g_clear_pointer (&im->news, g_array_unref);
  g_clear_pointer (&im->seen, g_hash_table_unref);
  if (im->scratch != NULL)
    g_string_free (g_steal_pointer (&im->scratch), TRUE);
  if (im->chunk != NULL)
    g_string_chunk_free (g_steal_pointer (&im->chunk));
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* Undoes the import's PRAGMAs (after the transaction). */
static void
restore_pragmas (JhkDb    *db,
                 gboolean  pragmas,
                 gboolean  foreign_keys_off)
{
  if (pragmas)
    jhk_db_exec (db, "PRAGMA cache_size = -2000; PRAGMA threads = 0;"
                 " PRAGMA ignore_check_constraints = OFF", NULL);
  if (foreign_keys_off)
    jhk_db_exec (db, "PRAGMA foreign_keys = ON", NULL);
}

static const char *const insert_inquiry_sql =
  "INSERT INTO inquiry_records (source_no, at, period, office_code, office_id, staff_no,"
  " staff_id, section_id, inquirer_name, kind, reason, case_no, content, subject, terminal,"
  " import_id, imported_at, flags, flag_data)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
  " ON CONFLICT (source_no) DO NOTHING";

static const char *const insert_trail_sql =
  "INSERT INTO access_trails (at, office_code, office_id, staff_no, staff_id, staff_name,"
  " terminal, business, business_id, operation, row_key, import_id, flags)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
  " ON CONFLICT (row_key) DO NOTHING";

/* Reads the data rows after the header: FALSE when the database fails
 * or on a cancel. line_offset is added to the reader's lines. */
static gboolean
read_rows (Import                *im,
           JhkCsvReader          *reader,
           guint                  line_offset,
           const int             *index,
           guint                  n_header_fields,
           gsize                  length,
           JhkImportProgressFunc  progress,
           gpointer               user_data,
           GCancellable          *cancellable,
           GError               **error)
{
  JhkInquiryImportReport *report = im->report;
  gsize progress_step = MAX (length / 100, 1);
  gsize next_progress = progress_step;
  JhkCsvRecord record;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (!jhk_csv_reader_next (reader, &record, &local_error))
        {
          if (local_error == NULL)
            break;
          report->n_read++;
          jhk_import_error_add (report->errors, record.line + line_offset, NULL, "%s", local_error->message);
          continue;
        }
      record.line += line_offset;
      report->n_read++;
      if ((report->n_read & 255) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (im->kind == JHK_INQUIRY_IMPORT_INQUIRIES)
        ok = import_inquiry (im, &record, index, n_header_fields, error);
      else
        ok = import_trail (im, &record, index, n_header_fields, error);
      if (!ok)
        return FALSE;
      if (progress != NULL && jhk_csv_reader_get_offset (reader) >= next_progress)
        {
          progress ((double) jhk_csv_reader_get_offset (reader) / MAX (length, 1),
                    report->n_read, user_data);
          next_progress = jhk_csv_reader_get_offset (reader) + progress_step;
        }
    }
  return TRUE;
}

/* Files of inquiries from this size are read in two halves, one in a
 * thread of its own, when checking a row needs no query. */
#define HALVES_MIN_BYTES (4 * 1024 * 1024)

/* The start of a line about the middle of data that is not inside a
 * quoted field (an even number of quotation marks before it: CP932's
 * second bytes are never '"'), or 0. */
static gsize
find_middle (const char *data,
             gsize       length)
{
  gsize mid = length / 2, quotes = 0;

  for (const char *p = data; (p = memchr (p, '"', data + mid - p)) != NULL; p++)
    quotes++;
  for (gsize i = mid; i + 1 < length; i++)
    {
      if (data[i] == '"')
        quotes++;
      else if (data[i] == '\n' && quotes % 2 == 0)
        return i + 1;
    }
  return 0;
}

typedef struct
{
  Import        im;
  JhkCsvReader *reader;
  guint         line_offset;
  const int    *index;
  guint         n_header_fields;
  GCancellable *cancellable;
  GError       *error;
  gboolean      ok;
} Half;

static gpointer
read_half (gpointer data)
{
  Half *half = data;

  half->ok = read_rows (&half->im, half->reader, half->line_offset, half->index,
                        half->n_header_fields, 0, NULL, NULL, half->cancellable, &half->error);
  return NULL;
}

/* Reads the rows of inquiries in two halves at once, the second in a
 * thread (the checks only look up hash tables then). TRUE with
 * *out_done FALSE when that cannot be (or the halves find any error: the
 * file is then read again in one piece, for the report of one reading);
 * FALSE on a cancel. */
static gboolean
read_halves (Import                *im,
             const char            *data,
             gsize                  length,
             const int             *index,
             guint                  n_header_fields,
             JhkImportProgressFunc  progress,
             gpointer               user_data,
             GCancellable          *cancellable,
             gboolean              *out_done,
             GError               **error)
{
  g_autoptr(JhkCsvReader) first = NULL;
  g_autoptr(JhkInquiryImportReport) report2 = g_new0 (JhkInquiryImportReport, 1);
  JhkCsvRecord header;
  Half half = { 0 };
  GThread *thread;
  gsize middle;
  gboolean ok, clean;

  *out_done = FALSE;
  if (im->kind != JHK_INQUIRY_IMPORT_INQUIRIES || length < HALVES_MIN_BYTES
      || (im->stored == NULL && im->n_stored > 0))
    return TRUE;
  middle = find_middle (data, length);
  if (middle == 0)
    return TRUE;
  first = jhk_csv_reader_new (data, middle, im->report->encoding, NULL);
  if (first == NULL || !jhk_csv_reader_next (first, &header, NULL))
    return TRUE;

  report2->errors = jhk_import_errors_new ();
  report2->encoding = im->report->encoding;
  half.im = *im;
  half.im.report = report2;
  half.im.insert = NULL;
  half.im.present = NULL;
  half.im.pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), (length - middle) / 150 + 16);
  half.im.news = g_array_sized_new (FALSE, FALSE, sizeof (JhkInquiryScreenNew),
                                    (length - middle) / 150 + 16);
  half.im.chunk = g_string_chunk_new (1024 * 1024);
  half.im.scratch = g_string_sized_new (1024);
  half.im.seen = g_hash_table_new (g_str_hash, g_str_equal);
  half.reader = jhk_csv_reader_new (data + middle, length - middle, im->report->encoding, NULL);
  for (const char *p = data; (p = memchr (p, '\n', data + middle - p)) != NULL; p++)
    half.line_offset++;
  half.index = index;
  half.n_header_fields = n_header_fields;
  half.cancellable = cancellable;
  if (half.reader == NULL)
    {
      half.ok = FALSE;
      ok = TRUE;
      clean = FALSE;
    }
  else
    {
      thread = g_thread_new ("jhk-inquiry-import", read_half, &half);
      ok = read_rows (im, first, 0, index, n_header_fields, length, progress, user_data,
                      cancellable, error);
      g_thread_join (thread);
      clean = half.ok && im->report->errors->len == 0 && report2->errors->len == 0;
      for (guint i = 0; clean && i < half.im.pending->len; i++)
        clean = !g_hash_table_contains (im->seen,
                                        g_array_index (half.im.pending, Pending, i).text);
    }
  if (ok && !half.ok && half.error != NULL && g_error_matches (half.error, G_IO_ERROR,
                                                               G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&half.error));
      ok = FALSE;
    }
  if (ok && clean)
    {
      im->report->n_read += report2->n_read;
      im->report->n_present += report2->n_present;
      g_array_append_vals (im->pending, half.im.pending->data, half.im.pending->len);
      g_array_append_vals (im->news, half.im.news->data, half.im.news->len);
      im->chunk2 = g_steal_pointer (&half.im.chunk);
      *out_done = TRUE;
    }
  else if (ok)
    {
      /* Read again in one piece. */
      im->report->n_read = 0;
      im->report->n_present = 0;
      g_ptr_array_set_size (im->report->errors, 0);
      g_array_set_size (im->pending, 0);
      g_array_set_size (im->news, 0);
      g_hash_table_remove_all (im->seen);
      g_string_chunk_clear (im->chunk);
    }
  g_clear_error (&half.error);
  g_clear_pointer (&half.reader, jhk_csv_reader_free);
  g_array_unref (half.im.pending);
  g_array_unref (half.im.news);
  if (half.im.chunk != NULL)
    g_string_chunk_free (half.im.chunk);
  g_string_free (half.im.scratch, TRUE);
  g_hash_table_unref (half.im.seen);
  return ok;
}

/* The insert statement. The rows' checked columns (confirm_state,
 * check_state, resolution) take their defaults: the CHECKs' IN lists, an
 * ephemeral table each per row, are skipped while the rows go in (the
 * PRAGMA expires the prepared statements, so none keeps it). */
static gboolean
prepare_insert (Import      *im,
                gboolean     sqlite,
                const char  *sql,
                GError     **error)
{
  if (sqlite && !jhk_db_exec (im->db, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  im->insert = jhk_db_prepare (im->db, sql, error);
  return im->insert != NULL;
}

JhkInquiryImportReport *
jhk_inquiry_import_data (JhkDb                 *db,
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
                         GError               **error)
{
  g_autoptr(JhkInquiryImportReport) report = g_new0 (JhkInquiryImportReport, 1);
  g_autoptr(JhkCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) index_sqls = NULL;
  g_autoptr(JsonObject) details = NULL;
  g_auto(Import) im = { 0 };
  const Column *columns = kind == JHK_INQUIRY_IMPORT_INQUIRIES ? inquiry_columns : trail_columns;
  guint n_columns = kind == JHK_INQUIRY_IMPORT_INQUIRIES ? N_Q_COLUMNS : N_T_COLUMNS;
  const char *table = kind == JHK_INQUIRY_IMPORT_INQUIRIES ? "inquiry_records" : "access_trails";
  gboolean sqlite, pragmas = FALSE, foreign_keys_off = FALSE;
  JhkCsvRecord record;
  int index[N_Q_COLUMNS];
  guint n_header_fields;
  gint64 n_flagged = 0;
  gint64 t0 = g_get_monotonic_time ();
  double cpu0 = cpu_now ();

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return NULL;

  report->errors = jhk_import_errors_new ();
  reader = jhk_csv_reader_new (data, length, encoding, error);
  if (reader == NULL)
    return NULL;
  report->encoding = jhk_csv_reader_get_encoding (reader);

  /* The header. */
  if (!jhk_csv_reader_next (reader, &record, &local_error))
    {
      if (local_error != NULL)
        jhk_import_error_add (report->errors, record.line, NULL, "%s", local_error->message);
      else
        jhk_import_error_add (report->errors, 1, NULL, _("The file is empty: its first line names the columns."));
      return g_steal_pointer (&report);
    }
  n_header_fields = record.n_fields;
  if (n_header_fields > 1 && *trim (record.fields[n_header_fields - 1]) == '\0')
    n_header_fields--;
  if (!read_header (&record, columns, n_columns, index, report))
    return g_steal_pointer (&report);

  im.db = db;
  im.kind = kind;
  im.report = report;
  im.now = jhk_now_us ();
  im.orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.signed_off = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.businesses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite = g_str_equal (jhk_db_get_backend_name (db), "sqlite");

  /* Outside the transaction, where SQLite takes it: the references the
   * rows carry are read in the transaction itself. */
  if (sqlite && !jhk_db_in_transaction (db))
    {
      if (!jhk_db_exec (db, "PRAGMA foreign_keys = OFF", error))
        return NULL;
      foreign_keys_off = TRUE;
    }
  if (!jhk_service_begin (db, actor, error))
    {
      if (foreign_keys_off)
        jhk_db_exec (db, "PRAGMA foreign_keys = ON", NULL);
      return NULL;
    }
  if (!load_lookups (&im, error))
    goto failed;
  im.import_id = jhk_service_insert (db, error,
                                     "INSERT INTO inquiry_imports (kind, file_name, encoding, n_read,"
                                     " n_imported, n_present, n_flagged, imported_by, imported_at)"
                                     " VALUES (?, ?, ?, 0, 0, 0, 0, ?, ?) RETURNING id",
                                     JHK_T (kind == JHK_INQUIRY_IMPORT_INQUIRIES ? "inquiries" : "trails"),
                                     JHK_T (file_name != NULL ? file_name : ""),
                                     JHK_T (report->encoding),
                                     JHK_T (jhk_session_get_login (actor)),
                                     JHK_I (im.now), JHK_DB_END);
  if (im.import_id == 0)
    goto failed;

  if (sqlite)
    {
      /* For the import alone: a cache of some three times the file's
       * bytes, 64 to 256 MiB (at 1M rows more holds the table but spares
       * no CPU, and the new rows are kept in memory besides); sorting
       * threads for the indexes. */
      gsize cache_kib = CLAMP (length / 1024 * 3, 65536, 262144);
      g_autofree char *pragma_sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GSIZE_FORMAT ";"
                                                     " PRAGMA threads = 2", cache_kib);
      if (!jhk_db_exec (db, pragma_sql, error))
        goto failed;
      pragmas = TRUE;
    }
  if (kind == JHK_INQUIRY_IMPORT_INQUIRIES)
    {
      /* A stored row is counted as present: their 照会番号 read at once
       * when they are not many more than the file's rows (some 150
       * bytes each; or 50,000 at most), else a query per row; the new
       * ones wait for their screening. */
      im.chunk = g_string_chunk_new (1024 * 1024);
      if (!jhk_db_query_int64 (db, &im.n_stored, error, "SELECT COUNT(*) FROM inquiry_records",
                               JHK_DB_END))
        goto failed;
      if (im.n_stored > 0 && (gsize) im.n_stored <= MAX (length / 150 * 4, 50000))
        {
          g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, error,
                                                    "SELECT source_no FROM inquiry_records",
                                                    JHK_DB_END);
          JhkDbStep step;

          if (stmt == NULL)
            goto failed;
          im.stored = g_hash_table_new (g_str_hash, g_str_equal);
          im.stored_chunk = g_string_chunk_new (1024 * 1024);
          while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
            g_hash_table_add (im.stored, g_string_chunk_insert (im.stored_chunk,
                                                                jhk_db_stmt_get_text (stmt, 0)));
          if (step == JHK_DB_FAILED)
            goto failed;
        }
      else if (im.n_stored > 0)
        {
          im.present = jhk_db_prepare (db, "SELECT 1 FROM inquiry_records WHERE source_no = ?",
                                       error);
          if (im.present == NULL)
            goto failed;
        }
      im.pending = g_array_sized_new (FALSE, FALSE, sizeof (Pending), length / 150 + 16);
      im.news = g_array_sized_new (FALSE, FALSE, sizeof (JhkInquiryScreenNew), length / 150 + 16);
      im.scratch = g_string_sized_new (1024);
      im.seen = g_hash_table_new (g_str_hash, g_str_equal);
    }
  if (kind == JHK_INQUIRY_IMPORT_TRAILS && !prepare_insert (&im, sqlite, insert_trail_sql, error))
    goto failed;

  {
    gboolean done = FALSE;

    if (!read_halves (&im, data, length, index, n_header_fields, progress, user_data, cancellable,
                      &done, error))
      goto failed;
    if (done)
      log_phase ("rows read in two halves", t0, cpu0);
    else
      {
        /* In one piece, from the record after the header. */
        if (!read_rows (&im, reader, 0, index, n_header_fields, length, progress, user_data,
                        cancellable, error))
          goto failed;
      }
  }
  g_clear_pointer (&im.present, jhk_db_stmt_release);
  g_clear_pointer (&im.stored, g_hash_table_unref);
  if (progress != NULL)
    progress (1.0, report->n_read, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (report->errors->len == 0 && kind == JHK_INQUIRY_IMPORT_INQUIRIES && im.pending->len > 0)
    {
      guint flagged = 0;

      g_debug ("inquiry import: %u rows read", report->n_read);
      log_phase ("rows read", t0, cpu0);
      /* The new rows' flags, before they go in; stored neighbours whose
       * flags change are rewritten. */
      if (!jhk_inquiry_screen_new (db, (JhkInquiryScreenNew *) im.news->data, im.news->len,
                                   im.chunk, &flagged, error))
        goto failed;
      log_phase ("screened", t0, cpu0);
      /* A large import into a table holding fewer rows drops the indexes
       * and makes them again after: one sort per index. */
      if (sqlite && im.pending->len >= DROP_INDEXES_MIN_ROWS)
        {
          gint64 n_stored = 0;

          if (!jhk_db_query_int64 (db, &n_stored, error, "SELECT COUNT(*) FROM inquiry_records",
                                   JHK_DB_END))
            goto failed;
          if (im.pending->len >= n_stored)
            {
              index_sqls = drop_indexes (db, error);
              if (index_sqls == NULL)
                goto failed;
            }
        }
      if (!prepare_insert (&im, sqlite, insert_inquiry_sql, error)
          || !insert_inquiries (&im, cancellable, error))
        goto failed;
      g_clear_pointer (&im.pending, g_array_unref);
      g_clear_pointer (&im.news, g_array_unref);
      g_clear_pointer (&im.seen, g_hash_table_unref);
      g_string_chunk_free (g_steal_pointer (&im.chunk));
      log_phase ("rows inserted", t0, cpu0);
    }
  g_clear_pointer (&im.insert, jhk_db_stmt_release);
  if (sqlite && !jhk_db_exec (db, "PRAGMA ignore_check_constraints = OFF", error))
    goto failed;

  if (report->errors->len > 0)
    {
      jhk_service_abort (db);
      restore_pragmas (db, pragmas, foreign_keys_off);
      return g_steal_pointer (&report);
    }

  if (!create_indexes (db, index_sqls, error))
    goto failed;
  log_phase ("indexes made", t0, cpu0);
  /* The new inquiry records' flags are counted as they go in. */
  if (kind == JHK_INQUIRY_IMPORT_INQUIRIES)
    n_flagged = im.n_flagged;
  else if (!jhk_db_query_int64 (db, &n_flagged, error,
                                "SELECT COUNT(*) FROM access_trails WHERE import_id = ? AND flags <> 0",
                                JHK_I (im.import_id), JHK_DB_END))
    goto failed;
  report->n_flagged = n_flagged;

  if (dry_run)
    {
      jhk_service_abort (db);
      restore_pragmas (db, pragmas, foreign_keys_off);
      return g_steal_pointer (&report);
    }

  if (!jhk_db_run (db, error,
                   "UPDATE inquiry_imports SET n_read = ?, n_imported = ?, n_present = ?,"
                   " n_flagged = ? WHERE id = ?",
                   JHK_I (report->n_read), JHK_I (im.n_inserted), JHK_I (report->n_present),
                   JHK_I (report->n_flagged), JHK_I (im.import_id), JHK_DB_END))
    goto failed;
  details = json_object_new ();
  json_object_set_string_member (details, "table", table);
  json_object_set_string_member (details, "file_name", file_name != NULL ? file_name : "");
  json_object_set_string_member (details, "encoding", report->encoding);
  json_object_set_int_member (details, "n_read", report->n_read);
  json_object_set_int_member (details, "n_imported", im.n_inserted);
  json_object_set_int_member (details, "n_present", report->n_present);
  json_object_set_int_member (details, "n_flagged", report->n_flagged);
  log_phase ("counted", t0, cpu0);
  if (!jhk_service_commit_id (db, actor,
                              kind == JHK_INQUIRY_IMPORT_INQUIRIES ? "inquiry.import"
                                                                   : "trail.import",
                              "inquiry_import", im.import_id, details, error))
    goto failed_after_rollback;
  log_phase ("committed", t0, cpu0);
  restore_pragmas (db, pragmas, foreign_keys_off);
  report->committed = TRUE;
  report->n_imported = im.n_inserted;
  report->import_id = im.import_id;
  return g_steal_pointer (&report);

failed:
  jhk_service_abort (db);
failed_after_rollback:
  restore_pragmas (db, pragmas, foreign_keys_off);
  return NULL;
}

JhkInquiryImportReport *
jhk_inquiry_import_file (JhkDb                 *db,
                         JhkSession            *actor,
                         JhkInquiryImportKind   kind,
                         const char            *path,
                         const char            *encoding,
                         gboolean               dry_run,
                         JhkImportProgressFunc  progress,
                         gpointer               user_data,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autofree char *name = NULL;
  const char *contents;

  g_return_val_if_fail (path != NULL, NULL);

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return NULL;
  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  contents = g_mapped_file_get_contents (file);
  name = g_path_get_basename (path);
  return jhk_inquiry_import_data (db, actor, kind, contents != NULL ? contents : "",
                                  g_mapped_file_get_length (file), encoding, name, dry_run,
                                  progress, user_data, cancellable, error);
}
