/* jhk-attention-inquiries.c: the 個人情報照会記録 that wait for the
 * logged-in user (R14-6), for the dashboard.
 *
 * Each item is one count in SQL over inquiry_records, on the indexes of
 * 0017: the actor's own records (staff_id), those of the 係 the actor is
 * 担当幹部 of (section_id) and those of the offices the actor is 運用管理者
 * of (office_id, period, done).
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jhk-attention-private.h"
#include "jhk-inquiries-private.h"
#include "jhk-policy.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"

/* The count of inquiry_records r WHERE <format…> (jhk_attention_count). */
#define count(db, ...) jhk_attention_count ((db), "inquiry_records r", __VA_ARGS__)

/* The Japan-time month of an instant, "YYYY-MM", months_back before it. */
static char *
period_of (gint64 us,
           int    months_back)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) then = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_offset (9 * 3600);
  local = g_date_time_to_timezone (utc, tz);
  then = g_date_time_add_months (local, -months_back);
  return g_date_time_format (then, "%Y-%m");
}

/* How many months back the office's items look: an office's months are
 * read on the index of 0017 by month, and older months are signed off. */
#define SIGN_OFF_MONTHS 13

/* "('YYYY-MM', …)": the office's months the items look at. */
static char *
recent_periods (void)
{
  GString *list = g_string_new ("(");

  for (int back = 0; back < SIGN_OFF_MONTHS; back++)
    {
      g_autofree char *period = period_of (jhk_now_us (), back);

      g_string_append_printf (list, "%s'%s'", back > 0 ? ", " : "", period);
    }
  g_string_append_c (list, ')');
  return g_string_free (list, FALSE);
}

/* The months of the offices, of the last SIGN_OFF_MONTHS, that have
 * records, every one done, and are not signed off. */
static guint
count_sign_off (JhkDb  *db,
                GArray *offices)
{
  guint n = 0;

  for (guint i = 0; i < offices->len; i++)
    {
      gint64 office = g_array_index (offices, gint64, i);

      for (int back = 0; back < SIGN_OFF_MONTHS; back++)
        {
          g_autofree char *period = period_of (jhk_now_us (), back);
          gint64 state = 0;

          if (jhk_db_query_int64 (db, &state, NULL,
                                  "SELECT CASE"
                                  " WHEN EXISTS (SELECT 1 FROM inquiry_periods"
                                  "  WHERE office_id = ? AND period = ?) THEN 0"
                                  " WHEN EXISTS (SELECT 1 FROM inquiry_records"
                                  "  WHERE office_id = ? AND period = ? AND done = 0) THEN 0"
                                  " WHEN EXISTS (SELECT 1 FROM inquiry_records"
                                  "  WHERE office_id = ? AND period = ? AND done = 1) THEN 1"
                                  " ELSE 0 END",
                                  JHK_I (office), JHK_T (period), JHK_I (office), JHK_T (period),
                                  JHK_I (office), JHK_T (period), JHK_DB_END) &&
              state == 1)
            n++;
        }
    }
  return n;
}

GPtrArray *
jhk_attention_inquiries (JhkDb      *db,
                         JhkSession *actor)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_attention_item_free);
  g_autoptr(GArray) offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sections = NULL;
  g_autofree char *office_list = NULL;
  gint64 staff, cutoff;
  guint n;

  g_return_val_if_fail (JHK_IS_SESSION (actor), items);

  staff = jhk_session_get_staff_id (actor);
  sections = jhk_service_role_units (db, actor, JHK_ROLE_INQUIRY_SUPERVISOR, NULL);
  office_list = jhk_service_role_units (db, actor, JHK_ROLE_OPS_MANAGER, offices);
  cutoff = jhk_now_us () -
           jhk_settings_get_int (db, JHK_SETTING_INQUIRY_DUE_DAYS) * G_TIME_SPAN_DAY;

  /* Step 1: the actor's own inquiries. */
  n = 0;
  if (staff != 0)
    n = count (db, "r.staff_id = %" G_GINT64_FORMAT " AND r.done = 0"
                   " AND r.confirm_state = 'pending' AND r.resolution = ''", staff);
  jhk_attention_add_item (items, "inquiries", "inquiries.confirm", n,
                          _("Inquiries to Confirm"),
                          g_strdup_printf (ngettext ("%u of your inquiries waits for your "
                                                     "confirmation",
                                                     "%u of your inquiries wait for your "
                                                     "confirmation", n), n),
                          "emblem-ok-symbolic");

  /* Step 2: the 係 the actor is 担当幹部 of. */
  n = 0;
  if (sections[0] != '\0')
    n = count (db, "r.section_id IN (0%s) AND r.done = 0"
                   " AND r.confirm_state <> 'pending' AND r.check_state = 'pending'"
                   " AND r.resolution = '' AND (r.staff_id IS NULL"
                   " OR r.staff_id <> %" G_GINT64_FORMAT ")", sections,
                   staff != 0 ? staff : -1);
  jhk_attention_add_item (items, "inquiries", "inquiries.check", n,
                          _("Inquiries to Check"),
                          g_strdup_printf (ngettext ("%u inquiry of your section waits for your "
                                                     "check",
                                                     "%u inquiries of your section wait for your "
                                                     "check", n), n),
                          "edit-find-symbolic");

  /* Step 3: 要確認, and those nobody else can take. */
  n = 0;
  if (office_list[0] != '\0')
    {
      g_autofree char *to_resolve = jhk_inquiries_to_resolve_sql (db);
      g_autofree char *periods = recent_periods ();

      n = count (db, "r.office_id IN (0%s) AND r.period IN %s AND r.done = 0 AND %s",
                     office_list, periods, to_resolve);
    }
  jhk_attention_add_item (items, "inquiries", "inquiries.resolve", n,
                          _("Inquiries to Settle"),
                          g_strdup_printf (ngettext ("%u inquiry of your office waits for you to "
                                                     "settle it",
                                                     "%u inquiries of your office wait for you to "
                                                     "settle them", n), n),
                          "dialog-question-symbolic");

  /* Not done, JHK_SETTING_INQUIRY_DUE_DAYS after the import: of the
   * actor's own, section's or office's inquiries. */
  n = 0;
  if (staff != 0 || sections[0] != '\0' || office_list[0] != '\0')
    {
      g_autofree char *periods = recent_periods ();
      g_autofree char *in_office = NULL;
      g_autofree char *in_section = NULL;

      /* The union of the three, counted as three disjoint parts, each on
       * its index (an OR, or a UNION of ids, reads far more). A record is
       * imported after it was made: at < cutoff narrows the index's range
       * before the table is read for imported_at. */
      in_office = g_strdup_printf ("(COALESCE (office_id, -1) IN (0%s) AND period IN %s)",
                                   office_list, periods);
      in_section = g_strdup_printf ("COALESCE (section_id, -1) IN (0%s)", sections);
      n = count (db, "SELECT id FROM inquiry_records WHERE office_id IN (0%s)"
                     " AND period IN %s AND done = 0 AND at < %" G_GINT64_FORMAT
                     " AND imported_at < %" G_GINT64_FORMAT,
                     office_list, periods, cutoff, cutoff);
      n += count (db, "SELECT id FROM inquiry_records WHERE section_id IN (0%s)"
                      " AND done = 0 AND at < %" G_GINT64_FORMAT
                      " AND imported_at < %" G_GINT64_FORMAT " AND NOT %s", sections,
                      cutoff, cutoff, in_office);
      n += count (db, "SELECT id FROM inquiry_records WHERE staff_id = %"
                      G_GINT64_FORMAT " AND done = 0 AND at < %" G_GINT64_FORMAT
                      " AND imported_at < %" G_GINT64_FORMAT " AND NOT %s AND NOT %s",
                      staff != 0 ? staff : -1, cutoff, cutoff, in_section, in_office);
    }
  jhk_attention_add_item (items, "inquiries", "inquiries.overdue", n,
                          _("Overdue Inquiries"),
                          g_strdup_printf (ngettext ("%u inquiry is not checked to the end in "
                                                     "time",
                                                     "%u inquiries are not checked to the end in "
                                                     "time", n), n),
                          "alarm-symbolic");

  /* R14-6: months ready for the 運用管理者's sign-off. */
  n = offices->len > 0 ? count_sign_off (db, offices) : 0;
  jhk_attention_add_item (items, "inquiries", "inquiries.sign_off", n,
                          _("Months to Sign Off"),
                          g_strdup_printf (ngettext ("%u month of your office's inquiries is "
                                                     "checked and waits for your sign-off",
                                                     "%u months of your office's inquiries are "
                                                     "checked and wait for your sign-off", n), n),
                          "document-edit-symbolic");
  return items;
}
