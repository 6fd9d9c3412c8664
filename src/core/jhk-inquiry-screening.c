/* jhk-inquiry-screening.c: SCAFFOLD: replaced by its owner. */
#include "jhk-inquiries.h"
#include "jhk-inquiry-screening.h"
#include <gio/gio.h>

const char *
jhk_inquiry_flag_label (JhkInquiryFlags flag)
{
  (void) flag;
  return NULL;
}

char **
jhk_inquiry_record_explain (const JhkInquiryRecord *record)
{
  (void) record;
  return NULL;
}
gboolean
jhk_inquiry_screen_range (JhkDb *db, gint64 from_us, gint64 to_us, guint *out_flagged, GError **error)
{
  (void) db;
  (void) from_us;
  (void) to_us;
  (void) out_flagged;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_screen_range: not written yet");
  return FALSE;
}

gboolean
jhk_inquiry_rescreen (JhkDb *db, JhkSession *actor, guint *out_flagged, GError **error)
{
  (void) db;
  (void) actor;
  (void) out_flagged;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_rescreen: not written yet");
  return FALSE;
}

gboolean
jhk_holidays_add (JhkDb *db, JhkSession *actor, const char *day, const char *name, GError **error)
{
  (void) db;
  (void) actor;
  (void) day;
  (void) name;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_holidays_add: not written yet");
  return FALSE;
}

gboolean
jhk_holidays_remove (JhkDb *db, JhkSession *actor, const char *day, GError **error)
{
  (void) db;
  (void) actor;
  (void) day;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_holidays_remove: not written yet");
  return FALSE;
}

GPtrArray *
jhk_holidays_list (JhkDb *db, int year, GError **error)
{
  (void) db;
  (void) year;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_holidays_list: not written yet");
  return NULL;
}
