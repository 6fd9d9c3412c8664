/* jhk-inquiry-sheet.c: SCAFFOLD: replaced by its owner. */
#include "jhk-inquiry-sheet.h"
#include <gio/gio.h>

JhkInquirySheet *
jhk_inquiry_sheet_load (JhkDb *db, JhkSession *actor, gint64 office_id, const char *period, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) period;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_sheet_load: not written yet");
  return NULL;
}

void
jhk_inquiry_sheet_free (JhkInquirySheet *sheet)
{
  (void) sheet;
}

guint
jhk_inquiry_sheet_get_n_pages (JhkInquirySheet *sheet)
{
  (void) sheet;
  return 0;
}

void
jhk_inquiry_sheet_draw_page (JhkInquirySheet *sheet, cairo_t *cr, guint page)
{
  (void) sheet;
  (void) cr;
  (void) page;
}

gboolean
jhk_inquiry_sheet_write_pdf (JhkInquirySheet *sheet, const char *path, GError **error)
{
  (void) sheet;
  (void) path;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_sheet_write_pdf: not written yet");
  return FALSE;
}

char *
jhk_inquiry_sheet_get_title (JhkInquirySheet *sheet)
{
  (void) sheet;
  return NULL;
}
