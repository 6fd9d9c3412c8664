/* jhk-inquiry-screening.c: the screening rules of 照会点検 (R14-9).
 *
 * jhk_inquiry_screen_range() reads the records of the range and of the
 * windows around it in one query ordered by time, computes every rule in
 * C with hash tables and arrays, and rewrites only the records whose flags
 * or flag_data change, in batches of one statement each.
 *
 * "Within N days" means the first and the last lookup of a window lie
 * less than N × 24 hours apart. Japan time is Asia/Tokyo.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-inquiries.h"
#include "jhk-inquiry-screening.h"
#include "jhk-inquiry-screening-private.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"

#define DAY_US ((gint64) 86400 * G_USEC_PER_SEC)
#define VOLUME_DAYS 30
#define KEPT_FLAGS (JHK_INQUIRY_FLAG_UNKNOWN_STAFF | JHK_INQUIRY_FLAG_UNKNOWN_OFFICE)
#define UPDATE_BATCH 200
/* The ids screen_range() gives an import's new records: after every
 * stored one, in the order of insertion. */
#define NEW_ID_BASE (G_MAXINT64 / 4)

/* ---- labels and explanations ------------------------------------------- */

const char *
jhk_inquiry_flag_label (JhkInquiryFlags flag)
{
  switch (flag)
    {
    case JHK_INQUIRY_FLAG_NO_REASON:
      return _("No reason");
    case JHK_INQUIRY_FLAG_NO_CASE:
      return _("No case number");
    case JHK_INQUIRY_FLAG_OFF_HOURS:
      return _("Off duty hours");
    case JHK_INQUIRY_FLAG_REPEAT_SELF:
      return _("Repeated lookup");
    case JHK_INQUIRY_FLAG_REPEAT_MANY:
      return _("Many inquirers");
    case JHK_INQUIRY_FLAG_VOLUME:
      return _("Unusual volume");
    case JHK_INQUIRY_FLAG_OUT_OF_SCOPE:
      return _("Outside registered scope");
    case JHK_INQUIRY_FLAG_FAMILY_NAME:
      return _("Same family name");
    case JHK_INQUIRY_FLAG_UNKNOWN_STAFF:
      return _("Unknown staff number");
    case JHK_INQUIRY_FLAG_UNKNOWN_OFFICE:
      return _("Unknown office code");
    default:
      return NULL;
    }
}

/* flag_data is "key=value;key=value": values escape '%', ';' and '='. */
static void
data_add (GString    *data,
          const char *key,
          const char *value)
{
  if (data->len > 0)
    g_string_append_c (data, ';');
  g_string_append (data, key);
  g_string_append_c (data, '=');
  for (const char *p = value; *p; p++)
    {
      if (*p == '%' || *p == ';' || *p == '=')
        g_string_append_printf (data, "%%%02X", (guchar) *p);
      else
        g_string_append_c (data, *p);
    }
}

static void
data_add_int (GString    *data,
              const char *key,
              gint64      value)
{
  char buf[24];
  char *p = buf + sizeof buf - 1;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  *p = '\0';
  do
    *--p = '0' + v % 10;
  while ((v /= 10) != 0);
  if (value < 0)
    *--p = '-';
  data_add (data, key, p);
}

static GHashTable *
data_parse (const char *data)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = NULL;

  if (data == NULL || *data == '\0')
    return table;
  pairs = g_strsplit (data, ";", -1);
  for (int i = 0; pairs[i]; i++)
    {
      char *eq = strchr (pairs[i], '=');
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      value = g_uri_unescape_string (eq + 1, NULL);
      if (value != NULL)
        g_hash_table_replace (table, g_strdup (pairs[i]), value);
    }
  return table;
}

static const char *
data_get (GHashTable *table,
          const char *key)
{
  const char *value = g_hash_table_lookup (table, key);

  return value != NULL ? value : "?";
}

static gint64
data_get_int (GHashTable *table,
              const char *key)
{
  const char *value = g_hash_table_lookup (table, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static const char *
weekday_name (int wday)
{
  switch (wday)
    {
    case 0: return _("Sunday");
    case 1: return _("Monday");
    case 2: return _("Tuesday");
    case 3: return _("Wednesday");
    case 4: return _("Thursday");
    case 5: return _("Friday");
    case 6: return _("Saturday");
    default: return "?";
    }
}

char **
jhk_inquiry_record_explain (const JhkInquiryRecord *record)
{
  g_autoptr(GHashTable) data = NULL;
  GPtrArray *lines;

  g_return_val_if_fail (record != NULL, NULL);

  data = data_parse (record->flag_data);
  lines = g_ptr_array_new ();
  for (int i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    {
      guint flag = 1u << i;

      if ((record->flags & flag) == 0)
        continue;
      switch (flag)
        {
        case JHK_INQUIRY_FLAG_NO_REASON:
          g_ptr_array_add (lines, g_strdup (_("No reason is recorded.")));
          break;
        case JHK_INQUIRY_FLAG_NO_CASE:
          g_ptr_array_add (lines, g_strdup (_("No case number is recorded.")));
          break;
        case JHK_INQUIRY_FLAG_OFF_HOURS:
          {
            const char *holiday = g_hash_table_lookup (data, "holiday");
            const char *day = holiday != NULL ? holiday
                              : weekday_name ((int) data_get_int (data, "wday"));

            /* TRANSLATORS: the day (a weekday or a holiday's name) and the time */
            g_ptr_array_add (lines, g_strdup_printf (_("The inquiry was made outside duty hours (%s %s)."),
                                                     day, data_get (data, "time")));
          }
          break;
        case JHK_INQUIRY_FLAG_REPEAT_SELF:
          g_ptr_array_add (lines,
                           g_strdup_printf (_("The officer looked the same subject up %lld times within %lld days."),
                                            (long long) data_get_int (data, "repeat"),
                                            (long long) data_get_int (data, "days")));
          break;
        case JHK_INQUIRY_FLAG_REPEAT_MANY:
          g_ptr_array_add (lines,
                           g_strdup_printf (_("%lld officers looked the same subject up within %lld days."),
                                            (long long) data_get_int (data, "officers"),
                                            (long long) data_get_int (data, "days")));
          break;
        case JHK_INQUIRY_FLAG_VOLUME:
          {
            gint64 count = data_get_int (data, "count");
            double usual = g_ascii_strtod (data_get (data, "usual"), NULL);
            g_autofree char *usual_text = g_strdup_printf ("%g", usual);
            gint64 times = usual > 0 ? (gint64) (count / usual) : 0;

            /* TRANSLATORS: the day's count, the usual (median) count, how many times that */
            g_ptr_array_add (lines,
                             g_strdup_printf (_("The officer made %lld inquiries this day, %lld times their usual (median %s)."),
                                              (long long) count, (long long) times, usual_text));
          }
          break;
        case JHK_INQUIRY_FLAG_OUT_OF_SCOPE:
          if (data_get_int (data, "registered") == 0)
            g_ptr_array_add (lines, g_strdup (_("The officer is not in the register of inquirers.")));
          else
            g_ptr_array_add (lines,
                             g_strdup_printf (_("The inquiry kind “%s” is not in the officer’s registered scope."),
                                              g_hash_table_contains (data, "kind") ? data_get (data, "kind")
                                              : record->kind));
          break;
        case JHK_INQUIRY_FLAG_FAMILY_NAME:
          g_ptr_array_add (lines,
                           g_strdup_printf (_("The subject’s family name is the officer’s own (%s)."),
                                            data_get (data, "family")));
          break;
        case JHK_INQUIRY_FLAG_UNKNOWN_STAFF:
          g_ptr_array_add (lines,
                           g_strdup_printf (_("Staff number %s is not in the staff register."),
                                            record->staff_no != NULL ? record->staff_no : ""));
          break;
        case JHK_INQUIRY_FLAG_UNKNOWN_OFFICE:
          g_ptr_array_add (lines,
                           g_strdup_printf (_("Office code %s is not a known office."),
                                            record->office_code != NULL ? record->office_code : ""));
          break;
        default:
          break;
        }
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}

/* ---- the screening ----------------------------------------------------- */

typedef struct
{
  gint64  id;
  gint64  at;
  gint64  staff_id;
  int     day;          /* Japan-time days since 1970-01-01 */
  int     minute;       /* Japan-time minute of the day */
  guint   staff;        /* interned 照会者職員番号 */
  guint64 subject_hash; /* of the subject's text */
  const char *subject;  /* the subject's text, not interned */
  const char *kind;     /* interned */
  const char *family;   /* the officer's family name when the subject's is it */
  const char *old_data; /* interned */
  guint   old_flags;
  guint   statics;      /* NO_REASON, NO_CASE */
  gboolean locked;      /* its office's month is signed off */
  guint   repeat;       /* REPEAT_SELF's count, 0 */
  guint   officers;     /* REPEAT_MANY's count, 0 */
  guint   day_count;    /* VOLUME's figures */
  double  usual;
  gboolean volume;
} Rec;

typedef struct
{
  const char *kind;
  int         from_day;
  int         to_day;
} Scope;

typedef struct
{
  GStringChunk *chunk;
  GHashTable   *strings;     /* text -> interned text */
  GHashTable   *staff_nos;   /* text -> index + 1 */
  guint         n_staff;
  GHashTable   *families;    /* staff id (gint64 *) -> family name */
  GHashTable   *scopes;      /* staff id -> GArray of Scope */
  GHashTable   *holidays;    /* day + 1 -> name */
  GHashTable   *signed_off;  /* "office_id/period" set */
  GArray       *recs;
  GTimeZone    *tz;
} Screen;

static void
screen_clear (Screen *s)
{
  g_clear_pointer (&s->strings, g_hash_table_unref);
  g_clear_pointer (&s->staff_nos, g_hash_table_unref);
  g_clear_pointer (&s->families, g_hash_table_unref);
  g_clear_pointer (&s->scopes, g_hash_table_unref);
  g_clear_pointer (&s->holidays, g_hash_table_unref);
  g_clear_pointer (&s->signed_off, g_hash_table_unref);
  g_clear_pointer (&s->recs, g_array_unref);
  g_clear_pointer (&s->tz, g_time_zone_unref);
  if (s->chunk != NULL)
    g_string_chunk_free (s->chunk);
  s->chunk = NULL;
}

static const char *
intern (Screen     *s,
        const char *text)
{
  const char *found;

  if (text == NULL)
    text = "";
  found = g_hash_table_lookup (s->strings, text);
  if (found == NULL)
    {
      found = g_string_chunk_insert (s->chunk, text);
      g_hash_table_add (s->strings, (gpointer) found);
    }
  return found;
}

/* The index of text among those seen by table (text -> index + 1). */
static guint
index_of (Screen     *s,
          GHashTable *table,
          guint      *n,
          const char *text)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (table, text != NULL ? text : ""));

  if (i == 0)
    {
      i = ++*n;
      g_hash_table_insert (table, g_string_chunk_insert (s->chunk, text != NULL ? text : ""),
                           GUINT_TO_POINTER (i));
    }
  return i - 1;
}

/* Days since 1970-01-01 of "YYYY-MM-DD", or G_MININT when malformed. */
static int
parse_day (const char *text)
{
  static guint32 epoch = 0;
  int y, m, d;
  GDate date;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return G_MININT;
  if (epoch == 0)
    {
      GDate e;
      g_date_clear (&e, 1);
      g_date_set_dmy (&e, 1, 1, 1970);
      epoch = g_date_get_julian (&e);
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return (int) g_date_get_julian (&date) - (int) epoch;
}

static GTimeZone *
japan_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

  return tz != NULL ? tz : g_time_zone_new_offset (9 * 3600);
}

/* Characters NFKC leaves as they are and never joins to a neighbour:
 * those of most names. */
static inline gboolean
nfkc_stable (gunichar c)
{
  return (c >= 0x21 && c < 0x7F)
         || (c >= 0x3041 && c <= 0x3096)
         || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC
         || (c >= 0x4E00 && c <= 0x9FFF);
}

/* first_word() without normalising when the text starts with ASCII
 * white space or U+3000 and then a word of such characters ended by the
 * same white space or the end: NFKC would leave it as it is. NULL
 * otherwise. */
static char *
first_word_fast (const char *text)
{
  const char *p = text;
  const char *start;

  for (;;)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      else if (strncmp (p, "\xE3\x80\x80", 3) == 0)
        p += 3;
      else
        break;
    }
  start = p;
  while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'
         && strncmp (p, "\xE3\x80\x80", 3) != 0)
    {
      if ((guchar) *p < 0x80)
        {
          if (!nfkc_stable ((guchar) *p))
            return NULL;
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2 || !nfkc_stable (c))
            return NULL;
          p = g_utf8_next_char (p);
        }
    }
  return g_strndup (start, p - start);
}

/* The first word of text (split on white space, after NFKC). */
static char *
first_word (const char *text)
{
  g_autofree char *norm = NULL;
  const char *p;
  const char *start;
  char *fast = first_word_fast (text != NULL ? text : "");

  if (fast != NULL)
    return fast;
  norm = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFKC);

  if (norm == NULL)
    return g_strdup ("");
  p = norm;
  while (*p && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  start = p;
  while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return g_strndup (start, p - start);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
load_context (Screen  *s,
              JhkDb   *db,
              GError **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  stmt = jhk_db_query (db, error, "SELECT id, name FROM staff", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      g_autofree char *family = first_word (jhk_db_stmt_get_text (stmt, 1));

      *id = jhk_db_stmt_get_int64 (stmt, 0);
      g_hash_table_insert (s->families, id, (gpointer) intern (s, family));
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  stmt = jhk_db_query (db, error, "SELECT staff_id, kind, valid_from, valid_to FROM inquirer_scopes",
                       JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 staff_id = jhk_db_stmt_get_int64 (stmt, 0);
      GArray *list = g_hash_table_lookup (s->scopes, &staff_id);
      Scope scope;

      scope.kind = intern (s, jhk_db_stmt_get_text (stmt, 1));
      scope.from_day = parse_day (jhk_db_stmt_get_text (stmt, 2));
      scope.to_day = jhk_db_stmt_is_null (stmt, 3) ? G_MAXINT
                     : parse_day (jhk_db_stmt_get_text (stmt, 3));
      if (list == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = staff_id;
          list = g_array_new (FALSE, FALSE, sizeof (Scope));
          g_hash_table_insert (s->scopes, key, list);
        }
      g_array_append_val (list, scope);
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  stmt = jhk_db_query (db, error, "SELECT day, name FROM holidays", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      int day = parse_day (jhk_db_stmt_get_text (stmt, 0));

      if (day != G_MININT)
        g_hash_table_insert (s->holidays, GINT_TO_POINTER (day + 1),
                             (gpointer) intern (s, jhk_db_stmt_get_text (stmt, 1)));
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  stmt = jhk_db_query (db, error, "SELECT office_id, period FROM inquiry_periods", JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                              jhk_db_stmt_get_int64 (stmt, 0),
                                              jhk_db_stmt_get_text (stmt, 1));
      g_hash_table_add (s->signed_off, (gpointer) intern (s, key));
    }
  return step != JHK_DB_FAILED;
}

/* A record's derived fields: its officer, subject, kind, own flags,
 * family name and Japan-time day and minute. subject is kept as given. */
static void
rec_fill (Screen     *s,
          Rec        *r,
          gint64      id,
          gint64      at,
          const char *staff_no,
          gint64      staff_id,
          const char *subject,
          const char *kind,
          const char *reason,
          const char *case_no,
          const char *content)
{
  guint64 h = 14695981039346656037ull;
  const char *family;
  gint64 secs;
  gint64 local;
  int interval;

  r->id = id;
  r->at = at;
  r->staff = index_of (s, s->staff_nos, &s->n_staff, staff_no);
  r->staff_id = staff_id;
  for (const guchar *p = (const guchar *) subject; *p; p++)
    h = (h ^ *p) * 1099511628211ull;
  r->subject_hash = h;
  r->subject = subject;
  r->kind = intern (s, kind);
  if (is_blank (reason))
    r->statics |= JHK_INQUIRY_FLAG_NO_REASON;
  if (is_blank (case_no))
    r->statics |= JHK_INQUIRY_FLAG_NO_CASE;
  family = r->staff_id != 0 ? g_hash_table_lookup (s->families, &r->staff_id) : NULL;
  if (family != NULL && *family != '\0')
    {
      g_autofree char *word = first_word (content);

      if (strcmp (word, family) == 0)
        r->family = family;
    }
  secs = r->at >= 0 ? r->at / G_USEC_PER_SEC : -((-r->at + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  interval = g_time_zone_find_interval (s->tz, G_TIME_TYPE_UNIVERSAL, secs);
  local = secs + (interval >= 0 ? g_time_zone_get_offset (s->tz, interval) : 9 * 3600);
  r->day = (int) (local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
  r->minute = (int) ((local - (gint64) r->day * 86400) / 60);
}

static gboolean
load_records (Screen  *s,
              JhkDb   *db,
              gint64   from_us,
              gint64   to_us,
              GError **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;
  gboolean any_signed_off = g_hash_table_size (s->signed_off) > 0;
  gint64 n_range = 0;
  gint64 n_all = 0;

  /* A range holding much of the table (its size told by its ids, without
   * counting) is read in the table's order (the index would visit the rows
   * at random): `+at` keeps SQLite off it. */
  if (!jhk_db_query_int64 (db, &n_range, error,
                           "SELECT COUNT(*) FROM inquiry_records WHERE at >= ? AND at < ?",
                           JHK_I (from_us), JHK_I (to_us), JHK_DB_END) ||
      !jhk_db_query_int64 (db, &n_all, error,
                           "SELECT COALESCE (MAX (id) - MIN (id) + 1, 0) FROM inquiry_records",
                           JHK_DB_END))
    return FALSE;
  if (n_range == 0)
    return TRUE;
  g_array_set_size (s->recs, 0);
  g_array_set_size (s->recs, (guint) MIN (n_range * 2, n_all));
  g_array_set_size (s->recs, 0);
  stmt = jhk_db_query (db, error,
                       n_range * 4 > n_all
                       ? "SELECT id, at, staff_no, staff_id, subject, kind, reason, case_no, content,"
                         " office_id, period, flags, flag_data"
                         " FROM inquiry_records WHERE +at >= ? AND +at < ?"
                       : "SELECT id, at, staff_no, staff_id, subject, kind, reason, case_no, content,"
                         " office_id, period, flags, flag_data"
                         " FROM inquiry_records WHERE at >= ? AND at < ?",
                       JHK_I (from_us), JHK_I (to_us), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      Rec r = { 0 };

      rec_fill (s, &r, jhk_db_stmt_get_int64 (stmt, 0), jhk_db_stmt_get_int64 (stmt, 1),
                jhk_db_stmt_get_text (stmt, 2),
                jhk_db_stmt_is_null (stmt, 3) ? 0 : jhk_db_stmt_get_int64 (stmt, 3),
                g_string_chunk_insert (s->chunk, jhk_db_stmt_get_text (stmt, 4) != NULL
                                                 ? jhk_db_stmt_get_text (stmt, 4) : ""),
                jhk_db_stmt_get_text (stmt, 5), jhk_db_stmt_get_text (stmt, 6),
                jhk_db_stmt_get_text (stmt, 7), jhk_db_stmt_get_text (stmt, 8));
      if (any_signed_off && !jhk_db_stmt_is_null (stmt, 9))
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%s",
                                                  jhk_db_stmt_get_int64 (stmt, 9),
                                                  jhk_db_stmt_get_text (stmt, 10));
          r.locked = g_hash_table_contains (s->signed_off, key);
        }
      r.old_flags = (guint) jhk_db_stmt_get_int64 (stmt, 11);
      {
        const char *old_data = jhk_db_stmt_get_text (stmt, 12);

        r.old_data = old_data == NULL || *old_data == '\0' ? ""
                     : g_string_chunk_insert (s->chunk, old_data);
      }
      g_array_append_val (s->recs, r);
    }
  return step != JHK_DB_FAILED;
}

static int
cmp_by_staff (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Rec *recs = user_data;
  const Rec *ra = &recs[*(const guint *) a];
  const Rec *rb = &recs[*(const guint *) b];

  if (ra->staff != rb->staff)
    return ra->staff < rb->staff ? -1 : 1;
  if (ra->at != rb->at)
    return ra->at < rb->at ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

static int
cmp_by_time (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Rec *recs = user_data;
  const Rec *ra = &recs[*(const guint *) a];
  const Rec *rb = &recs[*(const guint *) b];

  if (ra->at != rb->at)
    return ra->at < rb->at ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

/* order[] holds record indices grouped by officer, each group in time order;
 * starts[k]..starts[k + 1] is group k. Groups smaller than min_size are
 * left unsorted: nobody looks at them. */
static void
group_by (Rec       *recs,
          guint      n,
          guint      n_keys,
          guint      min_size,
          guint    **out_order,
          guint    **out_starts)
{
  guint *starts = g_new0 (guint, n_keys + 1);
  guint *fill = g_new0 (guint, n_keys + 1);
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    starts[recs[i].staff + 1]++;
  for (guint k = 0; k < n_keys; k++)
    starts[k + 1] += starts[k];
  memcpy (fill, starts, sizeof (guint) * (n_keys + 1));
  for (guint i = 0; i < n; i++)
    order[fill[recs[i].staff]++] = i;
  g_free (fill);
  for (guint k = 0; k < n_keys; k++)
    if (starts[k + 1] - starts[k] >= MAX (min_size, 2))
      g_qsort_with_data (order + starts[k], starts[k + 1] - starts[k], sizeof (guint),
                         cmp_by_time, recs);
  *out_order = order;
  *out_starts = starts;
}

typedef struct
{
  guint64 hash;
  guint   index;
} SubjectKey;

static int
cmp_subject_key (const void *a,
                 const void *b)
{
  const SubjectKey *ka = a;
  const SubjectKey *kb = b;

  if (ka->hash != kb->hash)
    return ka->hash < kb->hash ? -1 : 1;
  return (ka->index > kb->index) - (ka->index < kb->index);
}

static int
cmp_by_text (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Rec *recs = user_data;
  const Rec *ra = &recs[*(const guint *) a];
  const Rec *rb = &recs[*(const guint *) b];
  int c = strcmp (ra->subject, rb->subject);

  if (c != 0)
    return c;
  if (ra->at != rb->at)
    return ra->at < rb->at ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

static int
cmp_by_subject (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Rec *recs = user_data;
  const Rec *ra = &recs[*(const guint *) a];
  const Rec *rb = &recs[*(const guint *) b];

  if (ra->subject_hash != rb->subject_hash)
    return ra->subject_hash < rb->subject_hash ? -1 : 1;
  if (ra->at != rb->at)
    return ra->at < rb->at ? -1 : 1;
  return (ra->id > rb->id) - (ra->id < rb->id);
}

/* REPEAT_SELF and REPEAT_MANY over the records of one subject, in time
 * order: each record gets the largest count of a window holding it. */
static void
screen_subject (Rec    *recs,
                guint  *idx,
                guint   n,
                gint64  window_us,
                guint   self_min,
                guint   many_min)
{
  g_autoptr(GHashTable) officers = NULL;
  g_autofree guint *by_staff = NULL;
  guint end = 0;

  /* Many officers: a sliding window [j, end) of less than window_us. */
  if (n >= many_min)
    {
      officers = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint j = 0; j < n; j++)
        {
          guint distinct;

          while (end < n && recs[idx[end]].at - recs[idx[j]].at < window_us)
            {
              gpointer key = GUINT_TO_POINTER (recs[idx[end]].staff + 1);
              g_hash_table_insert (officers, key,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (officers, key)) + 1));
              end++;
            }
          distinct = g_hash_table_size (officers);
          if (distinct >= many_min)
            for (guint k = j; k < end; k++)
              recs[idx[k]].officers = MAX (recs[idx[k]].officers, distinct);
          {
            gpointer key = GUINT_TO_POINTER (recs[idx[j]].staff + 1);
            guint left = GPOINTER_TO_UINT (g_hash_table_lookup (officers, key)) - 1;

            if (left == 0)
              g_hash_table_remove (officers, key);
            else
              g_hash_table_insert (officers, key, GUINT_TO_POINTER (left));
          }
        }
    }

  /* One officer: the same per officer. */
  by_staff = g_memdup2 (idx, sizeof (guint) * n);
  g_qsort_with_data (by_staff, n, sizeof (guint), cmp_by_staff, recs);
  for (guint g = 0; g < n;)
    {
      guint h = g;

      while (h < n && recs[by_staff[h]].staff == recs[by_staff[g]].staff)
        h++;
      if (h - g >= self_min)
        {
          end = g;
          for (guint j = g; j < h; j++)
            {
              if (end < j)
                end = j;
              while (end < h && recs[by_staff[end]].at - recs[by_staff[j]].at < window_us)
                end++;
              if (end - j >= self_min)
                for (guint k = j; k < end; k++)
                  recs[by_staff[k]].repeat = MAX (recs[by_staff[k]].repeat, end - j);
            }
        }
      g = h;
    }
}

static int
cmp_uint (gconstpointer a,
          gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return (ua > ub) - (ua < ub);
}

/* VOLUME over the records of one officer, in time order. */
static void
screen_officer (Rec   *recs,
                guint *idx,
                guint  n,
                guint  volume_min,
                guint  volume_percent)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *window = NULL;
  guint first = 0;

  for (guint i = 0; i < n; i++)
    {
      int day = recs[idx[i]].day;

      if (days->len == 0 || g_array_index (days, int, days->len - 1) != day)
        {
          guint zero = 0;
          g_array_append_val (days, day);
          g_array_append_val (counts, zero);
          g_array_append_val (starts, i);
        }
      g_array_index (counts, guint, counts->len - 1)++;
    }
  g_array_append_val (starts, n);
  window = g_new (guint, MAX (days->len, 1));

  for (guint k = 0; k < days->len; k++)
    {
      int day = g_array_index (days, int, k);
      guint count = g_array_index (counts, guint, k);
      guint m = 0;
      double usual;

      while (g_array_index (days, int, first) < day - VOLUME_DAYS)
        first++;
      if (count < volume_min || first == k)
        continue;
      for (guint j = first; j < k; j++)
        window[m++] = g_array_index (counts, guint, j);
      qsort (window, m, sizeof (guint), cmp_uint);
      usual = (m % 2 == 1) ? window[m / 2] : (window[m / 2 - 1] + window[m / 2]) / 2.0;
      if ((double) count * 100.0 < usual * volume_percent)
        continue;
      for (guint i = g_array_index (starts, guint, k); i < g_array_index (starts, guint, k + 1); i++)
        {
          recs[idx[i]].volume = TRUE;
          recs[idx[i]].day_count = count;
          recs[idx[i]].usual = usual;
        }
    }
}

static gboolean
in_scope (Screen    *s,
          const Rec *r,
          gboolean  *out_registered)
{
  GArray *list = r->staff_id != 0 ? g_hash_table_lookup (s->scopes, &r->staff_id) : NULL;
  gboolean registered = FALSE;

  if (list != NULL)
    for (guint i = 0; i < list->len; i++)
      {
        const Scope *scope = &g_array_index (list, Scope, i);

        if (scope->from_day > r->day || scope->to_day < r->day)
          continue;
        registered = TRUE;
        if (scope->kind == r->kind)
          {
            *out_registered = TRUE;
            return TRUE;
          }
      }
  *out_registered = registered;
  return FALSE;
}

typedef struct
{
  gint64      id;
  guint       flags;
  const char *data;   /* in the Screen's chunk */
} Change;

static int
cmp_change (gconstpointer a,
            gconstpointer b)
{
  gint64 ia = ((const Change *) a)->id;
  gint64 ib = ((const Change *) b)->id;

  return (ia > ib) - (ia < ib);
}

static gboolean
write_changes (JhkDb   *db,
               GArray  *changes,
               GError **error)
{
  guint done = 0;

  while (done < changes->len)
    {
      guint n = changes->len - done >= UPDATE_BATCH ? UPDATE_BATCH : 1;
      g_autoptr(GString) sql = g_string_new ("WITH v (id, f, d) AS (VALUES ");
      g_autoptr(JhkDbStmt) stmt = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append (sql, i == 0 ? "(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT))"
                                     : ", (?, ?, ?)");
      g_string_append (sql, ") UPDATE inquiry_records SET flags = v.f, flag_data = v.d"
                            " FROM v WHERE inquiry_records.id = v.id");
      if (n == 1)
        {
          g_string_assign (sql, "UPDATE inquiry_records SET flags = ?, flag_data = ? WHERE id = ?");
        }
      stmt = jhk_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const Change *c = &g_array_index (changes, Change, done + i);

          if (n == 1)
            {
              jhk_db_stmt_bind_int64 (stmt, 1, c->flags);
              jhk_db_stmt_bind_text (stmt, 2, c->data);
              jhk_db_stmt_bind_int64 (stmt, 3, c->id);
            }
          else
            {
              jhk_db_stmt_bind_int64 (stmt, 3 * i + 1, c->id);
              jhk_db_stmt_bind_int64 (stmt, 3 * i + 2, c->flags);
              jhk_db_stmt_bind_text (stmt, 3 * i + 3, c->data);
            }
        }
      if (jhk_db_stmt_step (stmt, error) == JHK_DB_FAILED)
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
screen_range (JhkDb               *db,
              gint64               from_us,
              gint64               to_us,
              JhkInquiryScreenNew *news,
              guint                n_news,
              GStringChunk        *news_chunk,
              guint               *out_flagged,
              GError             **error)
{
  Screen s = { 0 };
  gint64 duty_start = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_DUTY_START);
  gint64 duty_end = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_DUTY_END);
  gint64 repeat_days = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_REPEAT_DAYS);
  guint self_min = (guint) jhk_settings_get_int (db, JHK_SETTING_INQUIRY_REPEAT_SELF);
  guint many_min = (guint) jhk_settings_get_int (db, JHK_SETTING_INQUIRY_REPEAT_MANY);
  guint volume_min = (guint) jhk_settings_get_int (db, JHK_SETTING_INQUIRY_VOLUME_MIN);
  guint volume_percent = (guint) jhk_settings_get_int (db, JHK_SETTING_INQUIRY_VOLUME_PERCENT);
  gint64 window_us = repeat_days * DAY_US;
  /* Records whose flags may change: the range and the windows around it;
   * read: those and the windows around them. */
  gint64 reach = MAX (repeat_days, VOLUME_DAYS + 1) * DAY_US + DAY_US;
  gint64 lo = from_us > G_MININT64 / 2 ? from_us - reach : G_MININT64 / 2;
  gint64 hi = to_us < G_MAXINT64 / 2 ? to_us + reach : G_MAXINT64 / 2;
  g_autoptr(GArray) changes = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *starts = NULL;
  Rec *recs;
  guint n;
  guint flagged = 0;
  gboolean ok = FALSE;
  gint64 t_start;

  t_start = g_get_monotonic_time ();
  s.chunk = g_string_chunk_new (64 * 1024);
  s.strings = g_hash_table_new (g_str_hash, g_str_equal);
  s.staff_nos = g_hash_table_new (g_str_hash, g_str_equal);
  s.families = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  s.scopes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  s.holidays = g_hash_table_new (g_direct_hash, g_direct_equal);
  s.signed_off = g_hash_table_new (g_str_hash, g_str_equal);
  s.recs = g_array_new (FALSE, FALSE, sizeof (Rec));
  s.tz = japan_zone ();

  if (!load_context (&s, db, error) ||
      !load_records (&s, db, lo > G_MININT64 / 2 ? lo - reach : lo,
                     hi < G_MAXINT64 / 2 ? hi + reach : hi, error))
    goto out;
  for (guint i = 0; i < n_news; i++)
    {
      const JhkInquiryScreenNew *nr = &news[i];
      Rec r = { 0 };

      rec_fill (&s, &r, NEW_ID_BASE + i, nr->at, nr->staff_no, nr->staff_id,
                nr->subject != NULL ? nr->subject : "", nr->kind, nr->reason, nr->case_no,
                nr->content);
      r.old_flags = nr->flags;
      r.old_data = "";
      g_array_append_val (s.recs, r);
    }

  recs = (Rec *) s.recs->data;
  n = s.recs->len;
  g_debug ("screen: read %u records in %.3f s", n, (g_get_monotonic_time () - t_start) / 1e6);

  /* The subjects' groups: records sorted by the subject's hash, then
   * text (the same hash of two texts), then time. */
  {
    /* Sorted as (hash, index) pairs, each group then by time. */
    SubjectKey *keys = g_new (SubjectKey, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      {
        keys[i].hash = recs[i].subject_hash;
        keys[i].index = i;
      }
    qsort (keys, n, sizeof (SubjectKey), cmp_subject_key);
    order = g_new (guint, MAX (n, 1));
    for (guint i = 0; i < n; i++)
      order[i] = keys[i].index;
    g_free (keys);
    for (guint g = 0; g < n;)
      {
        guint h = g + 1;

        while (h < n && recs[order[h]].subject_hash == recs[order[g]].subject_hash)
          h++;
        if (h - g > 1)
          g_qsort_with_data (order + g, h - g, sizeof (guint), cmp_by_subject, recs);
        g = h;
      }
  }
  for (guint g = 0; g < n;)
    {
      guint h = g + 1;
      gboolean same = TRUE;

      while (h < n && recs[order[h]].subject_hash == recs[order[g]].subject_hash)
        h++;
      if (h - g < MIN (self_min, many_min))
        {
          g = h;
          continue;
        }
      for (guint k = g + 1; k < h && same; k++)
        same = strcmp (recs[order[k]].subject, recs[order[g]].subject) == 0;
      if (!same)
        g_qsort_with_data (order + g, h - g, sizeof (guint), cmp_by_text, recs);
      /* Each text of the hash's group (one but for a collision). */
      for (guint t = g; t < h;)
        {
          guint u = t + 1;

          while (u < h && (same || strcmp (recs[order[u]].subject, recs[order[t]].subject) == 0))
            u++;
          if (u - t >= MIN (self_min, many_min))
            screen_subject (recs, order + t, u - t, window_us, self_min, many_min);
          t = u;
        }
      g = h;
    }
  g_clear_pointer (&order, g_free);

  group_by (recs, n, s.n_staff, volume_min, &order, &starts);
  for (guint k = 0; k < s.n_staff; k++)
    if (starts[k + 1] - starts[k] >= volume_min)
      screen_officer (recs, order + starts[k], starts[k + 1] - starts[k],
                      volume_min, volume_percent);

  changes = g_array_new (FALSE, FALSE, sizeof (Change));
  data = g_string_sized_new (256);
  for (guint i = 0; i < n; i++)
    {
      Rec *r = &recs[i];
      gboolean in_range = r->at >= from_us && r->at < to_us;
      guint flags;
      const char *holiday;
      int wday;
      gboolean registered;

      if (r->at < lo || r->at >= hi)
        continue;
      if (r->locked)
        {
          if (in_range && r->old_flags != 0)
            flagged++;
          continue;
        }

      g_string_truncate (data, 0);
      flags = r->statics | (r->old_flags & KEPT_FLAGS);
      holiday = g_hash_table_lookup (s.holidays, GINT_TO_POINTER (r->day + 1));
      wday = ((r->day % 7) + 7 + 4) % 7;
      if (r->minute < duty_start || r->minute >= duty_end || wday == 0 || wday == 6 ||
          holiday != NULL)
        {
          char time[8];

          flags |= JHK_INQUIRY_FLAG_OFF_HOURS;
          g_snprintf (time, sizeof time, "%02d:%02d", r->minute / 60, r->minute % 60);
          data_add (data, "time", time);
          data_add_int (data, "wday", wday);
          if (holiday != NULL)
            data_add (data, "holiday", holiday);
        }
      if (r->repeat >= self_min)
        {
          flags |= JHK_INQUIRY_FLAG_REPEAT_SELF;
          data_add_int (data, "repeat", r->repeat);
        }
      if (r->officers >= many_min)
        {
          flags |= JHK_INQUIRY_FLAG_REPEAT_MANY;
          data_add_int (data, "officers", r->officers);
        }
      if (flags & (JHK_INQUIRY_FLAG_REPEAT_SELF | JHK_INQUIRY_FLAG_REPEAT_MANY))
        data_add_int (data, "days", repeat_days);
      if (r->volume)
        {
          char usual[G_ASCII_DTOSTR_BUF_SIZE];

          flags |= JHK_INQUIRY_FLAG_VOLUME;
          data_add_int (data, "count", r->day_count);
          g_ascii_formatd (usual, sizeof usual, "%g", r->usual);
          data_add (data, "usual", usual);
        }
      if (!in_scope (&s, r, &registered))
        {
          flags |= JHK_INQUIRY_FLAG_OUT_OF_SCOPE;
          data_add (data, "kind", r->kind);
          data_add_int (data, "registered", registered);
        }
      if (r->family != NULL)
        {
          flags |= JHK_INQUIRY_FLAG_FAMILY_NAME;
          data_add (data, "family", r->family);
        }

      if (in_range && flags != 0)
        flagged++;
      if (r->id >= NEW_ID_BASE)
        {
          JhkInquiryScreenNew *nr = &news[r->id - NEW_ID_BASE];

          nr->new_flags = flags;
          nr->new_data = g_string_chunk_insert_len (news_chunk, data->str, data->len);
        }
      else if (flags != r->old_flags || strcmp (data->str, r->old_data) != 0)
        {
          Change c = { r->id, flags, g_string_chunk_insert_len (s.chunk, data->str, data->len) };
          g_array_append_val (changes, c);
        }
    }

  g_debug ("screen: computed in %.3f s, %u changes", (g_get_monotonic_time () - t_start) / 1e6, changes->len);
  /* In the table's order: each page is written once. */
  g_array_sort (changes, cmp_change);
  ok = write_changes (db, changes, error);
  g_debug ("screen: written in %.3f s", (g_get_monotonic_time () - t_start) / 1e6);
  if (ok && out_flagged != NULL)
    *out_flagged = flagged;

out:
  screen_clear (&s);
  return ok;
}

gboolean
jhk_inquiry_screen_range (JhkDb   *db,
                          gint64   from_us,
                          gint64   to_us,
                          guint   *out_flagged,
                          GError **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), FALSE);

  if (out_flagged != NULL)
    *out_flagged = 0;
  if (from_us >= to_us)
    return TRUE;
  return screen_range (db, from_us, to_us, NULL, 0, NULL, out_flagged, error);
}

gboolean
jhk_inquiry_screen_new (JhkDb               *db,
                        JhkInquiryScreenNew *news,
                        guint                n,
                        GStringChunk        *chunk,
                        guint               *out_flagged,
                        GError             **error)
{
  gint64 from_us = G_MAXINT64, to_us = G_MININT64;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (news != NULL || n == 0, FALSE);
  g_return_val_if_fail (chunk != NULL, FALSE);

  if (out_flagged != NULL)
    *out_flagged = 0;
  if (n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      from_us = MIN (from_us, news[i].at);
      to_us = MAX (to_us, news[i].at + 1);
    }
  return screen_range (db, from_us, to_us, news, n, chunk, out_flagged, error);
}

guint
jhk_inquiry_screen_own_flags (const char *reason,
                              const char *case_no)
{
  return (is_blank (reason) ? JHK_INQUIRY_FLAG_NO_REASON : 0) |
         (is_blank (case_no) ? JHK_INQUIRY_FLAG_NO_CASE : 0);
}

gboolean
jhk_inquiry_rescreen (JhkDb       *db,
                      JhkSession  *actor,
                      guint       *out_flagged,
                      GError     **error)
{
  g_autoptr(JsonObject) details = NULL;
  guint flagged = 0;

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!screen_range (db, G_MININT64 / 2, G_MAXINT64 / 2, NULL, 0, NULL, &flagged, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  details = json_object_new ();
  json_object_set_int_member (details, "flagged", flagged);
  if (!jhk_service_commit (db, actor, "inquiries.rescreen", "inquiry_records", "", details, error))
    return FALSE;
  if (out_flagged != NULL)
    *out_flagged = flagged;
  return TRUE;
}

/* ---- holidays ---------------------------------------------------------- */

static gboolean
check_day (const char  *day,
           GError     **error)
{
  if (parse_day (day) == G_MININT)
    return jhk_service_invalid (error, _("The day must be a date written YYYY-MM-DD."));
  return TRUE;
}

/* The holiday's day screened again: the day is off now, or not. */
static gboolean
screen_day (JhkDb       *db,
            const char  *day,
            GError     **error)
{
  g_autoptr(GTimeZone) tz = japan_zone ();
  int y, m, d;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (sscanf (day, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return TRUE;
  start = g_date_time_new (tz, y, m, d, 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  return jhk_inquiry_screen_range (db, g_date_time_to_unix (start) * G_USEC_PER_SEC,
                                   g_date_time_to_unix (end) * G_USEC_PER_SEC, NULL, error);
}

gboolean
jhk_holidays_add (JhkDb       *db,
                  JhkSession  *actor,
                  const char  *day,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *clean = NULL;
  gint64 present = 0;

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (!check_day (day, error))
    return FALSE;
  clean = g_strstrip (g_strdup (jhk_service_or_empty (name)));
  if (*clean == '\0')
    return jhk_service_invalid (error, _("The holiday needs a name."));
  if (!jhk_service_text_fits (clean, 100))
    return jhk_service_invalid (error, _("The holiday’s name is too long (at most 100 characters)."));

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &present, error, "SELECT COUNT(*) FROM holidays WHERE day = ?",
                           JHK_T (day), JHK_DB_END))
    goto fail;
  if (present > 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("That day is in the holidays register already."));
      goto fail;
    }
  if (!jhk_db_run (db, error, "INSERT INTO holidays (day, name) VALUES (?, ?)",
                   JHK_T (day), JHK_T (clean), JHK_DB_END) ||
      !screen_day (db, day, error))
    goto fail;
  details = json_object_new ();
  json_object_set_string_member (details, "day", day);
  json_object_set_string_member (details, "name", clean);
  return jhk_service_commit (db, actor, "holidays.add", "holiday", day, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_holidays_remove (JhkDb       *db,
                     JhkSession  *actor,
                     const char  *day,
                     GError     **error)
{
  g_autoptr(JsonObject) details = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (!check_day (day, error))
    return FALSE;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_query_text (db, &name, &local, "SELECT name FROM holidays WHERE day = ?",
                          JHK_T (day), JHK_DB_END))
    {
      if (g_error_matches (local, JHK_DB_ERROR, JHK_DB_ERROR_NOT_FOUND))
        g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                             _("That day is not in the holidays register."));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (!jhk_db_run (db, error, "DELETE FROM holidays WHERE day = ?", JHK_T (day), JHK_DB_END) ||
      !screen_day (db, day, error))
    goto fail;
  details = json_object_new ();
  json_object_set_string_member (details, "day", day);
  json_object_set_string_member (details, "name", name != NULL ? name : "");
  return jhk_service_commit (db, actor, "holidays.remove", "holiday", day, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

GPtrArray *
jhk_holidays_list (JhkDb   *db,
                   int      year,
                   GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", year + 1);
  JhkDbStep step;

  if (year == 0)
    stmt = jhk_db_query (db, error, "SELECT day, name FROM holidays ORDER BY day", JHK_DB_END);
  else
    stmt = jhk_db_query (db, error, "SELECT day, name FROM holidays WHERE day >= ? AND day < ?"
                         " ORDER BY day", JHK_T (from), JHK_T (to), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (list, g_strdup_printf ("%s\t%s", jhk_db_stmt_get_text (stmt, 0),
                                            jhk_db_stmt_get_text (stmt, 1)));
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}
