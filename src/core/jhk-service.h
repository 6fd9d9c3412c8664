/* jhk-service.h: the one way every service writes.
 *
 * jhk_service_begin() checks that the actor may write at all (R13-10) and
 * starts a transaction; jhk_service_commit() appends the audit entry and
 * commits both together; jhk_service_abort() rolls everything back.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

gboolean jhk_service_begin  (JhkDb       *db,
                             JhkSession  *actor,
                             GError     **error);
gboolean jhk_service_commit (JhkDb       *db,
                             JhkSession  *actor,
                             const char  *action,
                             const char  *object_type,
                             const char  *object_id,
                             JsonObject  *details,
                             GError     **error);
void     jhk_service_abort  (JhkDb       *db);

/* Runs an `INSERT … RETURNING id` with JHK_I()/JHK_T()… parameters ended by
 * JHK_DB_END; returns the new id, or 0 with error set. */
gint64   jhk_service_insert (JhkDb       *db,
                             GError     **error,
                             const char  *sql,
                             ...);
/* jhk_service_commit() for an object named by its id. */
gboolean jhk_service_commit_id (JhkDb       *db,
                                JhkSession  *actor,
                                const char  *action,
                                const char  *object_type,
                                gint64       object_id,
                                JsonObject  *details,
                                GError     **error);
/* jhk_service_commit() for a new object: returns its id, or 0. */
gint64   jhk_service_commit_new (JhkDb       *db,
                                 JhkSession  *actor,
                                 gint64       id,
                                 const char  *action,
                                 const char  *object_type,
                                 JsonObject  *details,
                                 GError     **error);

G_END_DECLS
