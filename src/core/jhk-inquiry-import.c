/* jhk-inquiry-import.c: SCAFFOLD: replaced by its owner. */
#include "jhk-inquiry-import.h"
#include <gio/gio.h>

void
jhk_inquiry_import_report_free (JhkInquiryImportReport *report)
{
  (void) report;
}

JhkInquiryImportReport *
jhk_inquiry_import_data (JhkDb *db, JhkSession *actor, JhkInquiryImportKind kind, const char *data, gsize length, const char *encoding, const char *file_name, gboolean dry_run, JhkImportProgressFunc progress, gpointer user_data, GCancellable *cancellable, GError **error)
{
  (void) db;
  (void) actor;
  (void) kind;
  (void) data;
  (void) length;
  (void) encoding;
  (void) file_name;
  (void) dry_run;
  (void) progress;
  (void) user_data;
  (void) cancellable;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_import_data: not written yet");
  return NULL;
}

JhkInquiryImportReport *
jhk_inquiry_import_file (JhkDb *db, JhkSession *actor, JhkInquiryImportKind kind, const char *path, const char *encoding, gboolean dry_run, JhkImportProgressFunc progress, gpointer user_data, GCancellable *cancellable, GError **error)
{
  (void) db;
  (void) actor;
  (void) kind;
  (void) path;
  (void) encoding;
  (void) dry_run;
  (void) progress;
  (void) user_data;
  (void) cancellable;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_import_file: not written yet");
  return NULL;
}

gboolean
jhk_inquiry_import_parse_time (const char *text, gint64 *out_us)
{
  (void) text;
  (void) out_us;
  return FALSE;
}
