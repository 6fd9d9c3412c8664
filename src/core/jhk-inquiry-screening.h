/* jhk-inquiry-screening.h: rules that point the eye at inquiry records
 * worth a closer look (R14-9, beyond the text of 第14).
 *
 * Each rule sets one JhkInquiryFlags bit of a record and leaves in
 * flag_data the figures its explanation quotes
 * (jhk_inquiry_record_explain):
 *   NO_REASON, NO_CASE  事由 / 事件番号 empty;
 *   OFF_HOURS     before JHK_SETTING_INQUIRY_DUTY_START or from
 *                 JHK_SETTING_INQUIRY_DUTY_END (minutes after midnight,
 *                 Japan time), or on a Saturday, Sunday or a day of the
 *                 holidays register;
 *   REPEAT_SELF   the officer looked the same subject up at least
 *                 JHK_SETTING_INQUIRY_REPEAT_SELF times within
 *                 JHK_SETTING_INQUIRY_REPEAT_DAYS days;
 *   REPEAT_MANY   at least JHK_SETTING_INQUIRY_REPEAT_MANY officers looked
 *                 the same subject up within those days;
 *   VOLUME        the officer's inquiries that day are at least
 *                 JHK_SETTING_INQUIRY_VOLUME_MIN and at least
 *                 JHK_SETTING_INQUIRY_VOLUME_PERCENT % of their usual
 *                 (the median of their days with inquiries in the 30
 *                 days before);
 *   OUT_OF_SCOPE  the 照会種別 is not one the officer is registered for on
 *                 that day (R14-1), or the officer is not registered;
 *   FAMILY_NAME   the subject's first word (its family name) is the
 *                 officer's family name (first word of staff.name);
 *   UNKNOWN_*     set by the import.
 * The subject of a record is its 照会内容 after NFKC normalisation with
 * white space removed (inquiry_records.subject).
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* Screens again every record whose time lies in [from_us, to_us): the
 * rules look at the records around them (the windows above) too, and
 * flags of neighbours that change are rewritten. Runs inside the
 * caller's transaction (the import), writes no audit entry. Returns the
 * number of records of the range flagged. */
gboolean jhk_inquiry_screen_range (JhkDb       *db,
                                   gint64       from_us,
                                   gint64       to_us,
                                   guint       *out_flagged,
                                   GError     **error);

/* The flags a record has from its own 事由 and 事件番号 alone (NO_REASON,
 * NO_CASE; they need no flag_data): an import that writes them with the
 * record leaves jhk_inquiry_screen_range() fewer rows to rewrite. */
guint    jhk_inquiry_screen_own_flags (const char *reason,
                                       const char *case_no);

/* The システム管理者 screens everything again after changing a setting or
 * the holidays (records of signed-off months keep their flags); one
 * transaction and audit entry. */
gboolean jhk_inquiry_rescreen      (JhkDb       *db,
                                    JhkSession  *actor,
                                    guint       *out_flagged,
                                    GError     **error);

/* The holidays register (祝日, 年末年始...), kept by the システム管理者. */
gboolean jhk_holidays_add          (JhkDb       *db,
                                    JhkSession  *actor,
                                    const char  *day,     /* YYYY-MM-DD */
                                    const char  *name,
                                    GError     **error);
gboolean jhk_holidays_remove       (JhkDb       *db,
                                    JhkSession  *actor,
                                    const char  *day,
                                    GError     **error);
/* GPtrArray of "YYYY-MM-DD\tname" strings, by day, of one year (0: all). */
GPtrArray *jhk_holidays_list       (JhkDb       *db,
                                    int          year,
                                    GError     **error);

G_END_DECLS
