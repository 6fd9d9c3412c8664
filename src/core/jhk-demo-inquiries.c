/* jhk-demo-inquiries.c: the demo's 照会点検 (第13, 第14), through the
 * services as a real office would use them: the システム管理者 keeps the
 * holidays and imports the inquiry system's file each month, the 総括責任者
 * keeps the register of inquirers (R14-1), the officers, their 担当幹部 and
 * the 運用管理者 take the months through the check (R14-6).
 *
 * Every screening rule (R14-9) has a planted case in the last full month:
 * see plant_cases().
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jhk-accounts.h"
#include "jhk-demo-private.h"
#include "jhk-settings.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-import.h"
#include "jhk-inquiry-screening.h"
#include "jhk-org.h"
#include "jhk-service-private.h"
#include "jhk-session.h"

typedef struct
{
  const char *staff_no;
  const char *name;
  const char *kana;
  const char *rank;
  const char *title;
  const char *unit;
  const char *extension;
} DemoOfficer;

/* Officers added for the inquiries; none shares a family name with the
 * subjects' pool below. */
static const DemoOfficer more_staff[] = {
  { "C9121", "藤原 由美", "フジワラ ユミ", "巡査部長", "生活安全課", "912", "9121" },
  { "C9133", "前田 健一", "マエダ ケンイチ", "巡査部長", "刑事課強行犯係", "913", "9133" },
  { "C9134", "中川 美咲", "ナカガワ ミサキ", "巡査", "刑事課強行犯係", "913", "9134" },
  { "C9145", "小川 拓也", "オガワ タクヤ", "巡査長", "地域課", "914", "9145" },
  { "C9146", "大野 直樹", "オオノ ナオキ", "巡査", "地域課", "914", "9146" },
  { "C9211", "山口 隆", "ヤマグチ タカシ", "巡査部長", "警務課", "921", "9211" },
  { "C9221", "松田 聡子", "マツダ サトコ", "巡査部長", "刑事課", "922", "9221" },
  { "C9222", "藤井 健", "フジイ ケン", "巡査", "刑事課", "922", "9222" },
  { "C9311", "村上 亮", "ムラカミ リョウ", "巡査部長", "警務課", "931", "9311" },
  { "C9321", "橋本 大樹", "ハシモト ダイキ", "巡査長", "交通課", "932", "9321" },
  { "C9322", "石川 真由", "イシカワ マユ", "巡査", "交通課", "932", "9322" },
};

typedef struct
{
  const char *staff_no;
  const char *office;      /* 所属コード */
  int         per_day;     /* inquiries on a working day, about */
  gboolean    wanted;      /* registered for 指名手配照会 and 盗難車両照会 too */
  gboolean    registered;  /* in the register of inquirers at all */
} DemoInquirer;

static const DemoInquirer inquirers[] = {
  { "C9131", "910", 2, TRUE, TRUE },
  { "C9132", "910", 4, TRUE, TRUE },
  { "C9133", "910", 4, TRUE, TRUE },
  { "C9134", "910", 3, TRUE, TRUE },
  { "C9121", "910", 2, FALSE, TRUE },
  { "C9141", "910", 3, FALSE, TRUE },
  { "C9145", "910", 3, FALSE, TRUE },
  { "C9146", "910", 0, FALSE, FALSE },   /* not registered: planted only */
  { "C9211", "920", 2, FALSE, TRUE },
  { "C9221", "920", 4, TRUE, TRUE },
  { "C9222", "920", 3, TRUE, TRUE },
  { "C9311", "930", 2, FALSE, TRUE },
  { "C9321", "930", 4, FALSE, TRUE },
  { "C9322", "930", 3, FALSE, TRUE },
};

static const char *const basic_kinds[] = { "犯歴照会", "運転免許照会", "車両照会" };
static const char *const wanted_kinds[] = { "指名手配照会", "盗難車両照会" };

/* Japan's national holidays of 2026 and the year-end days off (年末年始). */
static const struct
{
  const char *day;
  const char *name;
} holidays_2026[] = {
  { "2026-01-01", "元日" },
  { "2026-01-02", "年末年始" },
  { "2026-01-03", "年末年始" },
  { "2026-01-12", "成人の日" },
  { "2026-02-11", "建国記念の日" },
  { "2026-02-23", "天皇誕生日" },
  { "2026-03-20", "春分の日" },
  { "2026-04-29", "昭和の日" },
  { "2026-05-03", "憲法記念日" },
  { "2026-05-04", "みどりの日" },
  { "2026-05-05", "こどもの日" },
  { "2026-05-06", "振替休日" },
  { "2026-07-20", "海の日" },
  { "2026-08-11", "山の日" },
  { "2026-09-21", "敬老の日" },
  { "2026-09-22", "国民の休日" },
  { "2026-09-23", "秋分の日" },
  { "2026-10-12", "スポーツの日" },
  { "2026-11-03", "文化の日" },
  { "2026-11-23", "勤労感謝の日" },
  { "2026-12-29", "年末年始" },
  { "2026-12-30", "年末年始" },
  { "2026-12-31", "年末年始" },
};

static const char *const family_names[] = {
  "佐藤", "鈴木", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田",
  "山田", "佐々木", "松本", "林", "清水", "森", "池田", "阿部", "斎藤", "坂本",
  "遠藤", "青木", "西村", "福田", "太田", "三浦", "原田", "中野", "小野", "竹内",
};
static const char *const given_names[] = {
  "太郎", "花子", "一郎", "美香", "大輔", "翔", "陽子", "健太", "直美", "誠",
  "さくら", "亮介", "裕子", "浩", "恵", "拓海", "由紀", "達也", "智子", "剛",
};
static const char *const reasons[] = {
  "窃盗事件捜査", "交通違反取締り", "職務質問", "盗難届受理", "傷害事件捜査",
  "遺失物照会", "詐欺事件捜査", "交通事故処理",
};

typedef struct
{
  JhkDb      *db;
  GRand      *rand;
  GTimeZone  *tz;
  GHashTable *off_days;     /* "YYYY-MM-DD" of the holidays */
  GHashTable *scopes;       /* staff_no -> GPtrArray of kinds */
  GHashTable *names;        /* staff_no -> name */
  GString    *csv;          /* the month's file */
  guint       serial;
  guint       n_files;
} Demo;

static const char *
pick (Demo              *d,
      const char *const *list,
      guint              n)
{
  return list[g_rand_int_range (d->rand, 0, n)];
}

static void
csv_add (Demo       *d,
         GDateTime  *at,
         const char *office,
         const char *staff_no,
         const char *kind,
         const char *reason,
         const char *case_no,
         const char *content)
{
  g_autofree char *when = g_date_time_format (at, "%Y-%m-%d %H:%M:%S");
  const char *name = g_hash_table_lookup (d->names, staff_no);

  g_string_append_printf (d->csv, "Q%s%06u,%s,%s,%s,%s,%s,%s,%s,%s,T%s-%02d\r\n",
                          office, ++d->serial, when, office, staff_no,
                          name != NULL ? name : "不明 職員", kind, reason, case_no, content,
                          office, g_rand_int_range (d->rand, 1, 6));
}

static char *
random_subject (Demo *d)
{
  return g_strdup_printf ("%s %s %04d-%02d-%02d",
                          pick (d, family_names, G_N_ELEMENTS (family_names)),
                          pick (d, given_names, G_N_ELEMENTS (given_names)),
                          g_rand_int_range (d->rand, 1950, 2006),
                          g_rand_int_range (d->rand, 1, 13), g_rand_int_range (d->rand, 1, 29));
}

static char *
random_case (Demo      *d,
             GDateTime *at)
{
  return g_strdup_printf ("R%d-%04d", g_date_time_get_year (at) - 2018,
                          g_rand_int_range (d->rand, 1, 3000));
}

static gboolean
is_off_day (Demo      *d,
            GDateTime *day)
{
  g_autofree char *key = g_date_time_format (day, "%Y-%m-%d");
  int wday = g_date_time_get_day_of_week (day);

  return wday >= 6 || g_hash_table_contains (d->off_days, key);
}

/* One ordinary inquiry of the officer at the time. */
static void
add_ordinary (Demo               *d,
              const DemoInquirer *who,
              GDateTime          *at)
{
  GPtrArray *kinds = g_hash_table_lookup (d->scopes, who->staff_no);
  const char *kind = kinds != NULL && kinds->len > 0
                     ? g_ptr_array_index (kinds, g_rand_int_range (d->rand, 0, kinds->len))
                     : basic_kinds[0];
  g_autofree char *subject = random_subject (d);
  g_autofree char *case_no = random_case (d, at);

  csv_add (d, at, who->office, who->staff_no, kind,
           pick (d, reasons, G_N_ELEMENTS (reasons)), case_no, subject);
}

/* The ordinary inquiries of every officer over [from, to) (days). */
static void
add_days (Demo      *d,
          GDateTime *from,
          GDateTime *to)
{
  g_autoptr(GDateTime) day = g_date_time_ref (from);

  while (g_date_time_compare (day, to) < 0)
    {
      GDateTime *next;

      if (!is_off_day (d, day))
        for (guint i = 0; i < G_N_ELEMENTS (inquirers); i++)
          {
            int n = inquirers[i].per_day == 0 ? 0
                    : g_rand_int_range (d->rand, MAX (inquirers[i].per_day - 2, 0),
                                        inquirers[i].per_day + 3);

            for (int k = 0; k < n; k++)
              {
                /* 08:40 to 17:05 */
                int minute = g_rand_int_range (d->rand, 8 * 60 + 40, 17 * 60 + 5);
                g_autoptr(GDateTime) at = g_date_time_add_full (day, 0, 0, 0, minute / 60,
                                                                minute % 60,
                                                                g_rand_int_range (d->rand, 0, 60));
                add_ordinary (d, &inquirers[i], at);
              }
          }
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

/* csv_add() at hour:minute of day. */
static void
csv_add_at (Demo       *d,
            GDateTime  *day,
            int         hour,
            int         minute,
            const char *office,
            const char *staff_no,
            const char *kind,
            const char *reason,
            const char *case_no,
            const char *content)
{
  g_autoptr(GDateTime) at = g_date_time_add_full (day, 0, 0, 0, hour, minute, 0);

  csv_add (d, at, office, staff_no, kind, reason, case_no, content);
}

/* The n-th working day (0: the first) of the month that starts at month. */
static GDateTime *
working_day (Demo      *d,
             GDateTime *month,
             int        n)
{
  GDateTime *day = g_date_time_ref (month);

  for (;;)
    {
      GDateTime *next;

      if (!is_off_day (d, day) && n-- == 0)
        return day;
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

/* A planted case of every screening rule, in the month that starts at
 * month (R14-9). */
static void
plant_cases (Demo      *d,
             GDateTime *month)
{
  const DemoInquirer *shokuin = &inquirers[1];   /* C9132 井上 */
  g_autoptr(GDateTime) day3 = working_day (d, month, 3);
  g_autoptr(GDateTime) day5 = working_day (d, month, 5);
  g_autoptr(GDateTime) day8 = working_day (d, month, 8);
  g_autoptr(GDateTime) day13 = working_day (d, month, 13);
  g_autoptr(GDateTime) day12 = working_day (d, month, 12);
  g_autoptr(GDateTime) day15 = working_day (d, month, 15);

  /* NO_REASON, NO_CASE */
  csv_add_at (d, day3, 10, 12, "910", "C9133", "犯歴照会", "", "R8-0412", "佐藤 一郎 1971-04-02");
  csv_add_at (d, day3, 14, 40, "910", "C9145", "運転免許照会", "職務質問", "", "中村 翔 1998-11-30");

  /* OFF_HOURS: a Saturday night, and early on a working day; a holiday
   * when the month has one. */
  {
    g_autoptr(GDateTime) day = g_date_time_ref (month);

    while (g_date_time_get_day_of_week (day) != 6)
      {
        GDateTime *next = g_date_time_add_days (day, 1);
        g_date_time_unref (day);
        day = next;
      }
    csv_add_at (d, day, 23, 14, "910", shokuin->staff_no, "車両照会", "盗難届受理", "R8-0520",
                "青木 健太 1990-06-15");
  }
  csv_add_at (d, day5, 6, 50, "910", "C9141", "運転免許照会", "交通違反取締り", "R8-0601", "森 直美 1984-02-09");
  for (guint i = 0; i < G_N_ELEMENTS (holidays_2026); i++)
    {
      g_autoptr(GDateTime) h = NULL;
      int y, m, dd;

      if (sscanf (holidays_2026[i].day, "%d-%d-%d", &y, &m, &dd) != 3 ||
          y != g_date_time_get_year (month) || m != g_date_time_get_month (month))
        continue;
      h = g_date_time_new (d->tz, y, m, dd, 11, 5, 0);
      csv_add (d, h, "910", "C9134", "犯歴照会", "傷害事件捜査", "R8-0777", "原田 誠 1966-08-21");
      break;
    }

  /* REPEAT_SELF: C9132 looks one person up four times in five days. */
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(GDateTime) day = working_day (d, month, 8 + i);
      csv_add_at (d, day, 9 + 2 * i, 20, "910", shokuin->staff_no, "犯歴照会", "窃盗事件捜査", "R8-0833",
                  "佐藤 美香 1988-07-07");
    }

  /* REPEAT_MANY: three officers look one person up within three days. */
  {
    const char *who[] = { "C9133", "C9141", "C9145" };

    for (int i = 0; i < 3; i++)
      csv_add_at (d, i == 0 ? day12 : day13, 13 + i, 10 + i, "910", who[i], "運転免許照会",
                  "交通事故処理", "R8-0910", "山本 大輔 1979-05-21");
  }

  /* VOLUME: C9134, usually about three a day, makes forty one day. */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *subject = random_subject (d);
      g_autofree char *case_no = random_case (d, day15);

      csv_add_at (d, day15, 9 + i / 6, (i % 6) * 9 + 2, "910", "C9134", "車両照会", "盗難届受理", case_no,
                  subject);
    }

  /* OUT_OF_SCOPE: 地域課's C9141 is not registered for 指名手配照会, and
   * C9146 is not in the register at all. */
  csv_add_at (d, day5, 15, 30, "910", "C9141", "指名手配照会", "職務質問", "R8-0615", "池田 亮介 1993-01-18");
  csv_add_at (d, day8, 11, 45, "910", "C9146", "犯歴照会", "職務質問", "R8-0844", "小野 由紀 1979-12-03");

  /* FAMILY_NAME: the officer's own family name. */
  csv_add_at (d, day5, 10, 3, "910", "C9131", "犯歴照会", "傷害事件捜査", "R8-0633", "髙橋 美和 1975-03-30");
  csv_add_at (d, day12, 16, 20, "910", shokuin->staff_no, "運転免許照会", "交通違反取締り", "R8-0955",
              "井上 和子 1952-10-10");

  /* UNKNOWN_STAFF and UNKNOWN_OFFICE. */
  csv_add_at (d, day3, 11, 0, "910", "C9199", "犯歴照会", "窃盗事件捜査", "R8-0401", "太田 剛 1969-09-09");
  csv_add_at (d, day3, 11, 30, "990", "C9211", "車両照会", "交通事故処理", "R8-0402", "竹内 恵 2001-05-05");
}

/* Imports csv as the システム管理者 would, as file; a bad line fails the
 * demo with what and the line's number. */
static gboolean
import_csv (Demo                  *d,
            JhkSession            *admin,
            JhkInquiryImportKind   kind,
            GString               *csv,
            const char            *file,
            const char            *what,
            GError               **error)
{
  g_autoptr(JhkInquiryImportReport) report =
    jhk_inquiry_import_data (d->db, admin, kind, csv->str, csv->len, "UTF-8", file, FALSE, NULL,
                             NULL, NULL, error);

  if (report == NULL)
    return FALSE;
  if (report->errors != NULL && report->errors->len > 0)
    {
      JhkImportError *e = g_ptr_array_index (report->errors, 0);

      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_FAILED, "demo %s, line %u: %s", what,
                   e->line, e->message);
      return FALSE;
    }
  return TRUE;
}

/* Imports the month's file as the システム管理者 would, two days after the
 * month (or now for the current one). */
static gboolean
import_month (Demo        *d,
              JhkSession  *admin,
              const char  *period,
              gint64       import_at,
              GError     **error)
{
  g_autofree char *file = g_strdup_printf ("shokai-%s-%u.csv", period, ++d->n_files);
  gint64 saved = jhk_now_us ();
  gboolean overridden = ABS (saved - g_get_real_time ()) > 10 * G_USEC_PER_SEC;
  gboolean ok;

  if (strchr (d->csv->str, '\n') == d->csv->str + d->csv->len - 1)
    return TRUE;   /* no record: the first day of a month */
  jhk_set_clock_override (import_at);
  ok = import_csv (d, admin, JHK_INQUIRY_IMPORT_INQUIRIES, d->csv, file, "inquiries", error);
  jhk_set_clock_override (overridden ? saved : 0);
  g_string_truncate (d->csv, 0);
  g_string_append (d->csv, "照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,事由,"
                           "事件番号,照会内容,端末番号\r\n");
  return ok;
}

/* The ids of an office's records of a month for which sql_where holds
 * (r is inquiry_records, s its officer's staff row). */
static GArray *
ids_where (Demo       *d,
           const char *office,
           const char *period,
           const char *where,
           GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT r.id FROM inquiry_records r"
                                          " JOIN org_units o ON o.id = r.office_id"
                                          " LEFT JOIN staff s ON s.id = r.staff_id"
                                          " WHERE o.code = ? AND r.period = ? AND (%s)"
                                          " ORDER BY r.at, r.id", where);

  return jhk_service_query_ids (d->db, error, sql, JHK_T (office), JHK_T (period), JHK_DB_END);
}

static JhkSession *
login (JhkDb       *db,
       const char  *name,
       GError     **error)
{
  return jhk_session_load (db, jhk_accounts_lookup (db, name), NULL, error);
}

#define IDS(a) ((const gint64 *) (a)->data), (a)->len

/* A month of 中央 taken through the whole check and signed off: the
 * 担当幹部's own inquiries and those of officers without a login are
 * settled by the 運用管理者. */
static gboolean
settle_month (Demo        *d,
              JhkSession  *shokuin,
              JhkSession  *kanbu,
              JhkSession  *unyo,
              const char  *period,
              GError     **error)
{
  g_autoptr(GArray) mine = NULL;
  g_autoptr(GArray) kanbu_own = NULL;
  g_autoptr(GArray) to_check = NULL;
  g_autoptr(GArray) rest = NULL;

  mine = ids_where (d, "910", period, "s.staff_no = 'C9132'", error);
  kanbu_own = mine != NULL ? ids_where (d, "910", period, "s.staff_no = 'C9131'", error) : NULL;
  if (kanbu_own == NULL ||
      (mine->len > 0 && !jhk_inquiries_confirm (d->db, shokuin, IDS (mine), FALSE, "", error)) ||
      (kanbu_own->len > 0 &&
       !jhk_inquiries_confirm (d->db, kanbu, IDS (kanbu_own), FALSE, "", error)))
    return FALSE;
  to_check = ids_where (d, "910", period,
                        "s.staff_no = 'C9132' AND r.check_state = 'pending'", error);
  if (to_check == NULL ||
      (to_check->len > 0 && !jhk_inquiries_check (d->db, kanbu, IDS (to_check), FALSE, "", error)))
    return FALSE;
  rest = ids_where (d, "910", period, "r.done = 0", error);
  if (rest == NULL ||
      (rest->len > 0 &&
       !jhk_inquiries_resolve (d->db, unyo, IDS (rest), FALSE, "照会簿と突合し適正と確認", error)))
    return FALSE;
  return jhk_inquiries_sign_off (d->db, unyo, jhk_org_find_unit (d->db, "910"), period,
                                 "当月分の照会は適正に行われたことを確認した。", error);
}

/* The last full month: partly confirmed, some disputed, some checked, one
 * 要確認; the rest is overdue by now. */
static gboolean
partial_month (Demo        *d,
               JhkSession  *shokuin,
               JhkSession  *kanbu,
               const char  *period,
               GError     **error)
{
  g_autoptr(GArray) mine = ids_where (d, "910", period, "s.staff_no = 'C9132'", error);
  g_autoptr(GArray) confirm = NULL;
  g_autoptr(GArray) check = NULL;
  guint n;

  if (mine == NULL)
    return FALSE;
  /* Two disputed, then the first two thirds confirmed. */
  n = mine->len * 2 / 3;
  if (n < 4)
    return TRUE;
  if (!jhk_inquiries_confirm (d->db, shokuin, &g_array_index (mine, gint64, 0), 1, TRUE,
                              "この日時は当直明けで照会していない。端末の共用を確認されたい。", error) ||
      !jhk_inquiries_confirm (d->db, shokuin, &g_array_index (mine, gint64, 1), 1, TRUE,
                              "事件番号の記載誤り（正しくは R8-0811）。", error) ||
      !jhk_inquiries_confirm (d->db, shokuin, &g_array_index (mine, gint64, 2), n - 2, FALSE, "",
                              error))
    return FALSE;
  /* The 担当幹部 checks half of what is confirmed; one needs looking into. */
  confirm = ids_where (d, "910", period,
                       "s.staff_no = 'C9132' AND r.confirm_state = 'confirmed'", error);
  if (confirm == NULL)
    return FALSE;
  check = g_array_sized_new (FALSE, FALSE, sizeof (gint64), confirm->len);
  for (guint i = 1; i < confirm->len; i += 2)
    g_array_append_val (check, g_array_index (confirm, gint64, i));
  if (confirm->len == 0)
    return TRUE;
  if (!jhk_inquiries_check (d->db, kanbu, &g_array_index (confirm, gint64, 0), 1, TRUE,
                            "同一人物への照会が続いている。事由を本人に確認すること。", error) ||
      (check->len > 0 && !jhk_inquiries_check (d->db, kanbu, IDS (check), FALSE, "", error)))
    return FALSE;
  return TRUE;
}

static gboolean
add_trails (Demo        *d,
            JhkSession  *admin,
            GDateTime   *from,
            GDateTime   *to,
            GError     **error)
{
  int span = (int) (g_date_time_difference (to, from) / G_TIME_SPAN_DAY);
  g_autoptr(GString) csv = g_string_new ("日時,所属コード,職員番号,氏名,端末番号,業務,操作内容\r\n");
  static const char *const operations[] = {
    "ログイン", "照会画面表示", "犯歴照会実行", "運転免許照会実行", "照会結果印刷", "ログアウト",
    "指紋照合依頼", "照合結果表示",
  };
  static const char *const businesses[] = { "B101", "B103", "指紋照合業務", "運転免許照会業務" };

  for (int i = 0; i < 300; i++)
    {
      const DemoInquirer *who = &inquirers[g_rand_int_range (d->rand, 0, G_N_ELEMENTS (inquirers))];
      g_autoptr(GDateTime) day = g_date_time_add_days (from, g_rand_int_range (d->rand, 0, MAX (span, 1)));
      g_autoptr(GDateTime) at = g_date_time_add_full (day, 0, 0, 0, g_rand_int_range (d->rand, 8, 18),
                                                      g_rand_int_range (d->rand, 0, 60),
                                                      g_rand_int_range (d->rand, 0, 60));
      g_autofree char *when = g_date_time_format (at, "%Y/%m/%d %H:%M:%S");

      g_string_append_printf (csv, "%s,%s,%s,%s,T%s-%02d,%s,%s\r\n", when, who->office,
                              who->staff_no, (const char *) g_hash_table_lookup (d->names, who->staff_no),
                              who->office, g_rand_int_range (d->rand, 1, 6),
                              pick (d, businesses, G_N_ELEMENTS (businesses)),
                              pick (d, operations, G_N_ELEMENTS (operations)));
    }
  return import_csv (d, admin, JHK_INQUIRY_IMPORT_TRAILS, csv, "access-trails.csv", "trails",
                     error);
}

gboolean
jhk_demo_inquiries (JhkDb   *db,
                    GError **error)
{
  g_autoptr(JhkSession) system = jhk_session_new_system ("demo");
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(JhkSession) supervisor = NULL;
  g_autoptr(JhkSession) shokuin = NULL;
  g_autoptr(JhkSession) kanbu = NULL;
  g_autoptr(JhkSession) unyo = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) this_month = NULL;
  g_autoptr(GDateTime) first_month = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *first_day = NULL;
  char *periods[4] = { NULL };
  Demo d = { 0 };
  gboolean ok = FALSE;

  d.db = db;
  d.rand = g_rand_new_with_seed (20260614);
  d.tz = g_time_zone_new_identifier ("Asia/Tokyo");
  if (d.tz == NULL)
    d.tz = g_time_zone_new_offset (9 * 3600);
  d.off_days = g_hash_table_new (g_str_hash, g_str_equal);
  d.scopes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  d.names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  d.csv = g_string_new ("照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,事由,"
                        "事件番号,照会内容,端末番号\r\n");

  now = g_date_time_new_from_unix_utc (jhk_now_us () / G_USEC_PER_SEC);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (now, d.tz);

    this_month = g_date_time_new (d.tz, g_date_time_get_year (local), g_date_time_get_month (local),
                                  1, 0, 0, 0);
    today = g_date_time_new (d.tz, g_date_time_get_year (local), g_date_time_get_month (local),
                             g_date_time_get_day_of_month (local), 0, 0, 0);
  }
  first_month = g_date_time_add_months (this_month, -3);
  first_day = g_date_time_format (first_month, "%Y-%m-%d");

  admin = login (db, "admin", error);
  supervisor = admin != NULL ? login (db, "soukatsu", error) : NULL;
  shokuin = supervisor != NULL ? login (db, "chuo-shokuin", error) : NULL;
  kanbu = shokuin != NULL ? login (db, "chuo-kanbu", error) : NULL;
  unyo = kanbu != NULL ? login (db, "chuo-unyo", error) : NULL;
  if (unyo == NULL)
    goto out;

  /* More officers of the three stations. */
  for (guint i = 0; i < G_N_ELEMENTS (more_staff); i++)
    if (jhk_org_add_staff (db, system, more_staff[i].staff_no, more_staff[i].name,
                           more_staff[i].kana, more_staff[i].rank, more_staff[i].title,
                           jhk_org_find_unit (db, more_staff[i].unit), more_staff[i].extension,
                           error) == 0)
      goto out;
  {
    g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, error, "SELECT staff_no, name FROM staff",
                                              JHK_DB_END);
    JhkDbStep step;

    if (stmt == NULL)
      goto out;
    while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
      for (guint i = 0; i < G_N_ELEMENTS (inquirers); i++)
        if (g_strcmp0 (inquirers[i].staff_no, jhk_db_stmt_get_text (stmt, 0)) == 0)
          g_hash_table_insert (d.names, (gpointer) inquirers[i].staff_no,
                               jhk_db_stmt_dup_text (stmt, 1));
    if (step == JHK_DB_FAILED)
      goto out;
  }

  /* The holidays, before any record: the screening reads them. */
  for (guint i = 0; i < G_N_ELEMENTS (holidays_2026); i++)
    {
      if (!jhk_holidays_add (db, admin, holidays_2026[i].day, holidays_2026[i].name, error))
        goto out;
      g_hash_table_add (d.off_days, (gpointer) holidays_2026[i].day);
    }

  /* R14-1: the register of inquirers. */
  for (guint i = 0; i < G_N_ELEMENTS (inquirers); i++)
    {
      GPtrArray *kinds = g_ptr_array_new ();
      gint64 staff_id = jhk_org_find_staff (db, inquirers[i].staff_no);

      g_hash_table_insert (d.scopes, (gpointer) inquirers[i].staff_no, kinds);
      if (!inquirers[i].registered)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (basic_kinds); k++)
        {
          if (jhk_inquirers_grant (db, supervisor, staff_id, basic_kinds[k], first_day, error) == 0)
            goto out;
          g_ptr_array_add (kinds, (gpointer) basic_kinds[k]);
        }
      for (guint k = 0; inquirers[i].wanted && k < G_N_ELEMENTS (wanted_kinds); k++)
        {
          if (jhk_inquirers_grant (db, supervisor, staff_id, wanted_kinds[k], first_day, error) == 0)
            goto out;
          g_ptr_array_add (kinds, (gpointer) wanted_kinds[k]);
        }
    }

  /* R14-7: the check sheets go into the ledger under 運転免許照会業務. */
  if (!jhk_settings_set_int (db, admin, JHK_SETTING_INQUIRY_BUSINESS,
                             jhk_org_find_business (db, "B103"), error))
    goto out;

  /* Four months, each imported in two files: its first ten days on the
   * 11th, the rest two days after its end (so that the last full month's
   * first part is overdue by now); the current one up to yesterday, its
   * rest imported this morning. */
  for (int m = 0; m < 4; m++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_months (first_month, m);
      g_autoptr(GDateTime) end = m < 3 ? g_date_time_add_months (first_month, m + 1)
                                       : g_date_time_ref (today);
      g_autoptr(GDateTime) mid = g_date_time_add_days (start, 10);
      g_autoptr(GDateTime) import_at = NULL;

      periods[m] = g_date_time_format (start, "%Y-%m");
      if (g_date_time_compare (mid, end) < 0)
        {
          g_autoptr(GDateTime) mid_import = g_date_time_add_full (mid, 0, 0, 0, 8, 30, 0);

          add_days (&d, start, mid);
          if (!import_month (&d, admin, periods[m],
                             g_date_time_to_unix (mid_import) * G_USEC_PER_SEC, error))
            goto out;
          add_days (&d, mid, end);
        }
      else
        add_days (&d, start, end);
      if (m == 2)
        plant_cases (&d, start);
      if (m < 3)
        import_at = g_date_time_add_full (end, 0, 0, 2, 8, 30, 0);
      else
        import_at = g_date_time_add_hours (today, 7);
      if (g_date_time_compare (import_at, now) > 0)
        import_at = g_date_time_ref (now);
      if (!import_month (&d, admin, periods[m],
                         g_date_time_to_unix (import_at) * G_USEC_PER_SEC, error))
        goto out;
    }

  /* R14-6: 中央's two older months done and signed off; the last full
   * month part way; the current month untouched. */
  if (!settle_month (&d, shokuin, kanbu, unyo, periods[0], error) ||
      !settle_month (&d, shokuin, kanbu, unyo, periods[1], error) ||
      !partial_month (&d, shokuin, kanbu, periods[2], error))
    goto out;
  /* R13-3: the access trails of the last month. */
  {
    g_autoptr(GDateTime) trails_from = g_date_time_add_months (this_month, -1);

    if (!add_trails (&d, admin, trails_from, today, error))
      goto out;
  }

  ok = TRUE;

out:
  for (int m = 0; m < 4; m++)
    g_free (periods[m]);
  g_string_free (d.csv, TRUE);
  g_hash_table_unref (d.names);
  g_hash_table_unref (d.scopes);
  g_hash_table_unref (d.off_days);
  g_time_zone_unref (d.tz);
  g_rand_free (d.rand);
  return ok;
}
