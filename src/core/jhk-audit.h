/* jhk-audit.h: the append-only, hash-chained audit log. */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_AUDIT_ERROR (jhk_audit_error_quark ())

typedef enum
{
  JHK_AUDIT_ERROR_BROKEN,      /* the chain does not verify */
  JHK_AUDIT_ERROR_CHECKPOINT,  /* the checkpoint file is unreadable */
} JhkAuditError;

GQuark jhk_audit_error_quark (void);

#define JHK_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/* Appends one entry inside the caller's transaction. details may be NULL. */
gboolean jhk_audit_append       (JhkDb        *db,
                                 JhkSession   *actor,
                                 const char   *action,
                                 const char   *object_type,
                                 const char   *object_id,
                                 JsonObject   *details,
                                 GError      **error);
/* For events without a session, such as a failed login. */
gboolean jhk_audit_append_raw   (JhkDb        *db,
                                 const char   *actor,
                                 const char   *role,
                                 const char   *org,
                                 const char   *workstation,
                                 const char   *action,
                                 const char   *object_type,
                                 const char   *object_id,
                                 JsonObject   *details,
                                 GError      **error);

/* Canonical JSON: object members sorted by key, no whitespace. */
char    *jhk_audit_canonical_json (JsonNode   *node);

typedef struct
{
  gint64 size;       /* number of entries covered */
  char   head[65];   /* hash of entry `size` (hex) */
} JhkAuditCheckpoint;

typedef struct
{
  gint64 n_entries;
  gint64 first_bad_seq;   /* 0 when the chain is good */
  char   head[65];
  char  *problem;         /* translated sentence, NULL when good */
  char  *integrity;       /* integrity_check output */
} JhkAuditReport;

void     jhk_audit_report_clear (JhkAuditReport *report);

/* Re-walks the whole chain and runs the database integrity check. Returns
 * FALSE with JHK_AUDIT_ERROR_BROKEN naming the first bad seq. */
gboolean jhk_audit_verify       (JhkDb              *db,
                                 const JhkAuditCheckpoint *checkpoint,
                                 JhkDbProgressFunc   progress,
                                 gpointer            user_data,
                                 GCancellable       *cancellable,
                                 JhkAuditReport     *report,
                                 GError            **error);

gboolean jhk_audit_get_head     (JhkDb              *db,
                                 JhkAuditCheckpoint *out,
                                 GError            **error);
gboolean jhk_audit_checkpoint_save (const JhkAuditCheckpoint *checkpoint,
                                    const char               *path,
                                    GError                  **error);
gboolean jhk_audit_checkpoint_load (const char         *path,
                                    JhkAuditCheckpoint *out,
                                    GError            **error);

/* Records the result of a verification in the chain itself, so that the
 * dashboard can show when the chain was last verified and how it went.
 * Only the システム管理者 and the 総括責任者 verify. */
gboolean jhk_audit_record_verification (JhkDb       *db,
                                        JhkSession  *actor,
                                        gboolean     ok,
                                        gint64       n_entries,
                                        gint64       first_bad_seq,
                                        GError     **error);

/* The last verification recorded in the chain, read through the action
 * index (cheap on any size of log). */
typedef struct
{
  gint64  at;             /* µs since the epoch */
  char   *actor;
  gboolean ok;
  gint64  n_entries;
  gint64  first_bad_seq;  /* 0 when ok */
} JhkAuditVerification;

/* FALSE (no error) when the chain has never been verified. */
gboolean jhk_audit_get_last_verification (JhkDb                *db,
                                          JhkAuditVerification *out,
                                          GError              **error);
void     jhk_audit_verification_clear    (JhkAuditVerification *verification);

/* A translated, human label for an action key such as "user.issue". */
const char *jhk_audit_action_label (const char *action);
/* All known action keys, NULL-terminated, for filters. */
const char * const *jhk_audit_list_actions (void);

G_END_DECLS
