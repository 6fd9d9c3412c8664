/* jhk-trails.c: SCAFFOLD: replaced by its owner. */
#include "jhk-trails.h"
#include <gio/gio.h>

gboolean
jhk_trails_may_search (JhkSession *actor)
{
  (void) actor;
  return FALSE;
}

JhkQueryModel *
jhk_trails_search (JhkDb *db, JhkSession *actor, const JhkTrailQuery *query, GError **error)
{
  (void) db;
  (void) actor;
  (void) query;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trails_search: not written yet");
  return NULL;
}

gboolean
jhk_trails_export (JhkDb *db, JhkSession *actor, const JhkTrailQuery *query, const char *path, guint *out_rows, char **out_sha256, GError **error)
{
  (void) db;
  (void) actor;
  (void) query;
  (void) path;
  (void) out_rows;
  (void) out_sha256;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trails_export: not written yet");
  return FALSE;
}

void
jhk_trail_request_free (JhkTrailRequest *request)
{
  (void) request;
}

const char *
jhk_trail_request_status_label (const char *status)
{
  (void) status;
  return NULL;
}

gint64
jhk_trail_requests_create (JhkDb *db, JhkSession *actor, gint64 business_id, const JhkTrailQuery *query, const char *reason, GError **error)
{
  (void) db;
  (void) actor;
  (void) business_id;
  (void) query;
  (void) reason;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trail_requests_create: not written yet");
  return 0;
}

gboolean
jhk_trail_requests_produce (JhkDb *db, JhkSession *actor, gint64 request_id, const char *path, GError **error)
{
  (void) db;
  (void) actor;
  (void) request_id;
  (void) path;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trail_requests_produce: not written yet");
  return FALSE;
}

gboolean
jhk_trail_requests_decline (JhkDb *db, JhkSession *actor, gint64 request_id, const char *comment, GError **error)
{
  (void) db;
  (void) actor;
  (void) request_id;
  (void) comment;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trail_requests_decline: not written yet");
  return FALSE;
}

JhkTrailRequest *
jhk_trail_requests_get (JhkDb *db, JhkSession *actor, gint64 request_id, GError **error)
{
  (void) db;
  (void) actor;
  (void) request_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_trail_requests_get: not written yet");
  return NULL;
}

JhkQueryModel *
jhk_trail_requests_list_model (JhkDb *db, JhkSession *actor)
{
  (void) db;
  (void) actor;
  return NULL;
}
