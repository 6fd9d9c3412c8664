/* jhk-inquirers.c: the register of 照会者 (R14-1). SCAFFOLD: replaced by its owner. */
#include "jhk-inquiries.h"
#include <gio/gio.h>

void
jhk_inquirer_scope_free (JhkInquirerScope *scope)
{
  (void) scope;
}

GPtrArray *
jhk_inquirers_list (JhkDb *db, JhkSession *actor, gint64 office_id, gboolean history, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) history;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquirers_list: not written yet");
  return NULL;
}

gint64
jhk_inquirers_grant (JhkDb *db, JhkSession *actor, gint64 staff_id, const char *kind, const char *valid_from, GError **error)
{
  (void) db;
  (void) actor;
  (void) staff_id;
  (void) kind;
  (void) valid_from;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquirers_grant: not written yet");
  return 0;
}

gboolean
jhk_inquirers_end (JhkDb *db, JhkSession *actor, gint64 scope_id, const char *valid_to, GError **error)
{
  (void) db;
  (void) actor;
  (void) scope_id;
  (void) valid_to;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquirers_end: not written yet");
  return FALSE;
}

GStrv
jhk_inquiry_kinds (JhkDb *db, GError **error)
{
  (void) db;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiry_kinds: not written yet");
  return NULL;
}

gboolean
jhk_inquiries_purge (JhkDb *db, JhkSession *actor, gint64 office_id, guint *out_records, guint *out_trails, GError **error)
{
  (void) db;
  (void) actor;
  (void) office_id;
  (void) out_records;
  (void) out_trails;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_inquiries_purge: not written yet");
  return FALSE;
}
