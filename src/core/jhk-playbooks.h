/* jhk-playbooks.h: 対処要領, the response playbooks of 第19-1 (R19-1).
 *
 * The 管理者等 (システム管理者, 対象業務管理者等, 主管業務管理者) write in
 * advance what an office does when the information management system
 * breaks: what the playbook covers, the trigger and symptoms, what makes
 * an incident serious (R19-5), the ordered steps and whom to call.
 *
 * A playbook has a stable code (it moves between offices by that code,
 * jhk_playbooks_export / jhk_playbooks_import) and versions: every save
 * makes a new version and never changes an old one, so an incident keeps
 * the version it ran (incidents.playbook_version_id). A playbook is
 * retired, never deleted; a retired one is not offered for new incidents.
 *
 * Shared steps (共通手順) are steps written once and used by several
 * playbooks ("運用管理者へ報告する"...). A playbook version copies the text
 * of each step it uses and remembers which shared step it came from;
 * saving a shared step makes a new version of every current playbook
 * that uses it, with the new text, in the same transaction.
 *
 * Jhk ships a library of eight playbooks (端末装置の故障, サーバ等の障害,
 * ネットワーク断, 個人情報出力資料の紛失・盗難, FAX・電子メールの誤送信,
 * 不正アクセス・不正照会の疑い, マルウェア感染の疑い, 停電・災害) and their
 * shared steps, in Japanese, seeded by migration 0020-playbook-library.sql
 * (builtin = 1, editable as any other).
 *
 * Who writes: the システム管理者 any playbook; a 対象業務管理者等 or
 * 主管業務管理者 playbooks whose businesses are all businesses they manage
 * (at least one), and shared steps not at all. Everyone with a login reads
 * them. Every write is one transaction with its audit entry; each refusal
 * is one of the jhk_playbooks_refusal() texts.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* Limits, checked by jhk_playbook_check (and import). */
#define JHK_PLAYBOOK_MAX_STEPS     60
#define JHK_PLAYBOOK_MAX_CONTACTS  20
#define JHK_PLAYBOOK_TEXT_MAX      2000   /* characters of a long text */
#define JHK_PLAYBOOK_TITLE_MAX     100

/* One step: text, the role that does it, expected minutes, whether a
 * second person confirms it (see jhk-incidents.h), the evidence to
 * attach. */
typedef struct
{
  char     *text;
  char     *role;              /* a jhk_role_to_key() key ("ops_manager"...), "" anyone */
  int       minutes;           /* expected time, 0 unknown */
  gboolean  needs_confirmation;
  char     *evidence;          /* what to attach, "" none */
  gint64    shared_step_id;    /* the shared step it copies, 0 its own */
} JhkPlaybookStep;

JhkPlaybookStep *jhk_playbook_step_new  (const char *text,
                                         const char *role,
                                         int         minutes,
                                         gboolean    needs_confirmation,
                                         const char *evidence);
void             jhk_playbook_step_free (JhkPlaybookStep *step);

/* One contact: a role or post, a name (may be ""), an extension. */
typedef struct
{
  char *role;                  /* free text: "システム管理者", "保守業者"... */
  char *name;
  char *extension;             /* 内線 */
} JhkPlaybookContact;

JhkPlaybookContact *jhk_playbook_contact_new  (const char *role,
                                               const char *name,
                                               const char *extension);
void                jhk_playbook_contact_free (JhkPlaybookContact *contact);

/* One version of a playbook. */
typedef struct
{
  gint64     id;                  /* the playbook, 0 for a new one */
  char      *code;                /* stable key, [a-z0-9-]{1,40} */
  gint64     version_id;          /* this version's row, 0 unsaved */
  int        version;             /* 1, 2, ... (0 unsaved) */
  gboolean   builtin;             /* shipped with Jhk */
  gboolean   retired;
  char      *title;
  char      *systems;             /* the systems it covers, free text */
  GArray    *business_ids;        /* gint64: the businesses it covers, may be empty */
  char      *trigger;             /* trigger / symptoms */

  /* Severity criteria (R19-5): an incident meeting one is serious. */
  gboolean   serious_damage;      /* 情報管理システムの損壊 */
  int        serious_stop_minutes;/* a 対象業務 stopped longer than this; 0 not a criterion */
  gboolean   serious_leak;        /* personal data leaked or may have */
  char      *serious_other;       /* other criteria, judged by a manager; "" */
  int        report_hours;        /* the serious report is due this many hours
                                   * after discovery; 0: JHK_SETTING_INCIDENT_REPORT_HOURS */

  GPtrArray *steps;               /* JhkPlaybookStep, in order, at least one */
  GPtrArray *contacts;            /* JhkPlaybookContact */
  char      *change_note;         /* why this version, "" */
  gint64     created_by;          /* staff id of the version's author, 0 seeded */
  char      *creator_name;
  gint64     created_at;          /* µs */
} JhkPlaybook;

JhkPlaybook *jhk_playbook_new  (void);    /* empty, for a new one */
JhkPlaybook *jhk_playbook_copy (const JhkPlaybook *playbook);
void         jhk_playbook_free (JhkPlaybook *playbook);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkPlaybook, jhk_playbook_free)

/* The input rules, without the database: code, title, lengths, at least
 * one step, each step with text and a known role key, minutes 0..10080,
 * report_hours 0..720, the limits above. On a refusal *out_field (when not
 * NULL) receives the member ("title", "steps.3.text"...). */
gboolean jhk_playbook_check (const JhkPlaybook  *playbook,
                             const char        **out_field,
                             GError            **error);

/* The current version of a playbook (version 0) or a given one. */
JhkPlaybook *jhk_playbooks_get          (JhkDb       *db,
                                         gint64       playbook_id,
                                         int          version,
                                         GError     **error);
JhkPlaybook *jhk_playbooks_get_version  (JhkDb       *db,
                                         gint64       version_id,
                                         GError     **error);
JhkPlaybook *jhk_playbooks_get_by_code  (JhkDb       *db,
                                         const char  *code,
                                         GError     **error);

/* Saves playbook as a new version (playbook->id 0: a new playbook, with a
 * code not yet used). Returns the new version's id, 0 on error. Refused
 * when nothing changed since the current version. */
gint64   jhk_playbooks_save      (JhkDb              *db,
                                  JhkSession         *actor,
                                  const JhkPlaybook  *playbook,
                                  GError            **error);
/* Retires (TRUE) or restores (FALSE) a playbook. */
gboolean jhk_playbooks_set_retired (JhkDb       *db,
                                    JhkSession  *actor,
                                    gint64       playbook_id,
                                    gboolean     retired,
                                    GError     **error);

typedef enum
{
  JHK_PLAYBOOK_EDIT,     /* save a new version */
  JHK_PLAYBOOK_RETIRE,   /* retire or restore */
  JHK_PLAYBOOK_CREATE,   /* a new playbook (playbook NULL in refusal) */
} JhkPlaybookAction;

/* NULL when the actor may take the action now; otherwise the reason,
 * translated, as the services refuse it. */
const char *jhk_playbooks_refusal (JhkDb              *db,
                                   JhkSession         *actor,
                                   const JhkPlaybook  *playbook,
                                   JhkPlaybookAction   action);

/* Lists. Columns: id, code, version, title, systems, builtin, retired,
 * n_steps, updated_at (µs), by title. include_retired FALSE for the
 * choice of a new incident. */
JhkQueryModel *jhk_playbooks_list_model (JhkDb    *db,
                                         gboolean  include_retired);
/* Every version of a playbook, newest first: GPtrArray of JhkPlaybook
 * with steps and contacts loaded. */
GPtrArray     *jhk_playbooks_versions   (JhkDb    *db,
                                         gint64    playbook_id,
                                         GError  **error);

/* Shared steps (共通手順): a JhkPlaybookStep with its own id. */
typedef struct
{
  gint64           id;
  char            *code;          /* stable key, as a playbook's */
  JhkPlaybookStep *step;          /* shared_step_id is id */
  guint            n_playbooks;   /* current playbooks using it */
} JhkSharedStep;

void       jhk_shared_step_free     (JhkSharedStep *shared);
/* GPtrArray of JhkSharedStep, by code. */
GPtrArray *jhk_playbooks_shared_steps (JhkDb *db, GError **error);
/* NULL when the actor may save shared steps (the システム管理者); otherwise
 * the reason, translated, as jhk_playbooks_save_shared_step refuses it.
 * (Added by the playbooks engineer.) */
const char *jhk_playbooks_shared_refusal (JhkDb      *db,
                                          JhkSession *actor);
/* Saves a shared step (shared->id 0: new) and makes a new version of every
 * current playbook that uses it (change note "共通手順「…」の更新"); the
 * システム管理者 only. Returns its id, 0 on error. */
gint64     jhk_playbooks_save_shared_step (JhkDb                *db,
                                           JhkSession           *actor,
                                           const JhkSharedStep  *shared,
                                           GError              **error);

/* Export: the current versions of the given playbooks (NULL: all not
 * retired) as one JSON document:
 *   { "format": "jhk-playbooks", "version": 1,
 *     "playbooks": [ { "code", "title", "systems", "businesses": [codes],
 *       "trigger", "severity": { "damage", "stop_minutes", "leak",
 *       "other", "report_hours" }, "steps": [ { "text", "role",
 *       "minutes", "needs_confirmation", "evidence", "shared": code|null } ],
 *       "contacts": [ { "role", "name", "extension" } ] } ],
 *     "shared_steps": [ { "code", "text", "role", "minutes",
 *       "needs_confirmation", "evidence" } ] }
 * Businesses travel by their code. */
JsonNode *jhk_playbooks_export (JhkDb         *db,
                                const gint64  *playbook_ids,
                                guint          n_ids,
                                GError       **error);

/* What an import did or would do. */
typedef struct
{
  guint      created;        /* new playbooks */
  guint      updated;        /* a new version of a playbook with that code */
  guint      unchanged;      /* the same as the current version */
  guint      shared_created;
  guint      shared_updated;
  GPtrArray *errors;         /* char *, translated, each naming the playbook and
                              * field ("playbooks[2].steps[0].role: …"); when not
                              * empty nothing was written */
} JhkPlaybookImport;

void jhk_playbook_import_free (JhkPlaybookImport *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkPlaybookImport, jhk_playbook_import_free)

/* Imports a document of jhk_playbooks_export: checks all of it first
 * (format, every playbook by jhk_playbook_check, business codes known,
 * codes unique) and writes nothing if anything is wrong; otherwise one
 * transaction and one audit entry. dry_run: only checks and counts.
 * Returns NULL only for an error before any check (not JSON, refused:
 * error set); a result with errors otherwise. */
JhkPlaybookImport *jhk_playbooks_import (JhkDb        *db,
                                         JhkSession   *actor,
                                         const char   *json_text,
                                         gsize         length,
                                         gboolean      dry_run,
                                         GError      **error);

G_END_DECLS
