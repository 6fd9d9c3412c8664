/* jhk-inquiries.c: the check of inquiry records (R14-6). SCAFFOLD: replaced by its owner. */
#include "jhk-inquiries.h"
#include <gio/gio.h>

void
jhk_inquiry_record_free (JhkInquiryRecord *record)
{
  (void) record;
}

const char *
jhk_inquiry_confirm_state_label (const char *state)
{
  (void) state;
  return NULL;
}

const char *
jhk_inquiry_check_state_label (const char *state)
{
  (void) state;
  return NULL;
}

const char *
jhk_inquiry_resolution_label (const char *resolution)
{
  (void) resolution;
  return NULL;
}

const char *
jhk_inquiries_refusal (JhkDb *db, JhkSession *actor, const JhkInquiryRecord *record, JhkInquiryAction action)
{
  (void) db;
  (void) actor;
  (void) record;
  (void) action;
  return NULL;
}

gboolean
jhk_inquiries_confirm (JhkDb *db, JhkSession *actor, const gint64 *ids, guint n_ids, gboolean disputed, const char *comment, GError **error)
{
  (void) db;
  (void) actor;
  (void) ids;
  (void) n_ids;
  (void) disputed;
  (void) comment;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_confirm: not written yet");
  return FALSE;
}

gboolean
jhk_inquiries_check (JhkDb *db, JhkSession *actor, const gint64 *ids, guint n_ids, gboolean query, const char *comment, GError **error)
{
  (void) db;
  (void) actor;
  (void) ids;
  (void) n_ids;
  (void) query;
  (void) comment;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_check: not written yet");
  return FALSE;
}

gboolean
jhk_inquiries_resolve (JhkDb *db, JhkSession *actor, const gint64 *ids, guint n_ids, gboolean improper, const char *comment, GError **error)
{
  (void) db;
  (void) actor;
  (void) ids;
  (void) n_ids;
  (void) improper;
  (void) comment;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_resolve: not written yet");
  return FALSE;
}

JhkInquiryRecord *
jhk_inquiries_get (JhkDb *db, JhkSession *actor, gint64 id, GError **error)
{
  (void) db;
  (void) actor;
  (void) id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_get: not written yet");
  return NULL;
}

gboolean
jhk_inquiries_may_view_scope (JhkSession *actor, JhkInquiriesScope scope)
{
  (void) actor;
  (void) scope;
  return FALSE;
}

JhkQueryModel *
jhk_inquiries_list_model (JhkDb *db, JhkSession *actor, JhkInquiriesScope scope, const JhkInquiryFilter *filter)
{
  (void) db;
  (void) actor;
  (void) scope;
  (void) filter;
  return NULL;
}

void
jhk_inquiries_list_model_set_filter (JhkQueryModel *model, const JhkInquiryFilter *filter)
{
  (void) model;
  (void) filter;
}

void
jhk_inquiry_summary_free (JhkInquirySummary *summary)
{
  (void) summary;
}

JhkInquirySummary *
jhk_inquiries_summary (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_summary: not written yet");
  return NULL;
}

GPtrArray *
jhk_inquiries_list_period (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_list_period: not written yet");
  return NULL;
}

GStrv
jhk_inquiries_periods (JhkDb *db, JhkSession *actor, gint64 office_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_periods: not written yet");
  return NULL;
}

char *
jhk_inquiries_sign_off_refusal (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  return NULL;
}

gboolean
jhk_inquiries_sign_off (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period, const char *comment, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  (void) comment;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_sign_off: not written yet");
  return FALSE;
}

gint64
jhk_inquiries_register_sheet (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period, gint64 storage_place_id, int copies, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  (void) storage_place_id;
  (void) copies;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_register_sheet: not written yet");
  return 0;
}
