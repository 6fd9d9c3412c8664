/* jhk-settings.h: organisation-wide policy stored in the database.
 *
 * Per-workstation preferences (idle lock) are GSettings in the app; what
 * must be the same for everyone (password policy) lives here.
 */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

typedef struct _JhkSession JhkSession;

typedef enum
{
  JHK_SETTING_PASSWORD_MIN_LENGTH,
  JHK_SETTING_PASSWORD_MAX_AGE_DAYS,  /* R13-8; 0 = never expires */
  JHK_SETTING_PASSWORD_HISTORY,       /* R13-8: the last N passwords refused */
  JHK_SETTING_LOCKOUT_THRESHOLD,      /* R13-5: failures before lockout */
  JHK_SETTING_LOCKOUT_MINUTES,        /* lifted after this delay; 0 = only by an admin */
  JHK_SETTING_PWHASH_OPSLIMIT,
  JHK_SETTING_PWHASH_MEMLIMIT_KIB,
  /* 照会点検 (第14, jhk-inquiry-screening.h) */
  JHK_SETTING_INQUIRY_DUTY_START,     /* minutes after midnight, 8:30 */
  JHK_SETTING_INQUIRY_DUTY_END,       /* minutes after midnight, 17:15 */
  JHK_SETTING_INQUIRY_REPEAT_DAYS,    /* window of the repeat rules */
  JHK_SETTING_INQUIRY_REPEAT_SELF,    /* lookups of one subject by one officer */
  JHK_SETTING_INQUIRY_REPEAT_MANY,    /* officers looking one subject up */
  JHK_SETTING_INQUIRY_VOLUME_MIN,     /* a day's inquiries before VOLUME can flag */
  JHK_SETTING_INQUIRY_VOLUME_PERCENT, /* of the officer's usual day */
  JHK_SETTING_INQUIRY_DUE_DAYS,       /* a record is overdue after, from import */
  JHK_SETTING_INQUIRY_BUSINESS,       /* business id of the check sheets (R14-7), 0 */
  /* 事故対処 (第19, jhk-incidents.h) */
  JHK_SETTING_INCIDENT_REPORT_HOURS,  /* R19-5: a serious incident's report is due, 24 */
  JHK_N_SETTINGS,
} JhkSetting;

const char *jhk_setting_get_key     (JhkSetting   setting);
JhkSetting  jhk_setting_from_key    (const char  *key);
gint64      jhk_setting_get_default (JhkSetting   setting);
gint64      jhk_setting_get_minimum (JhkSetting   setting);
gint64      jhk_setting_get_maximum (JhkSetting   setting);
gint64      jhk_settings_get_int    (JhkDb       *db,
                                     JhkSetting   setting);
/* Only the システム管理者 may change the policy; audited. */
gboolean    jhk_settings_set_int    (JhkDb       *db,
                                     JhkSession  *actor,
                                     JhkSetting   setting,
                                     gint64       value,
                                     GError     **error);

/* Today's date in the local time zone, 'YYYY-MM-DD'. */
char       *jhk_today               (void);
/* Local date-time text for display, "YYYY-MM-DD HH:MM". */
char       *jhk_format_time         (gint64       us);
/* The same in Japan time (Asia/Tokyo), the time of the inquiry system's
 * records and trails (R13-3, R14-5), whatever the workstation's zone. */
char       *jhk_format_japan_time   (gint64       us);

G_END_DECLS
