/* jhk-playbooks.c: see jhk-playbooks.h. SCAFFOLD: every function returns "not written yet" until its owner writes it. */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "jhk-playbooks.h"

JhkPlaybookStep *
jhk_playbook_step_new (const char *text, const char *role, int minutes, gboolean needs_confirmation, const char *evidence)
{
  (void) text;
  (void) role;
  (void) minutes;
  (void) needs_confirmation;
  (void) evidence;
  return NULL;
}

void
jhk_playbook_step_free (JhkPlaybookStep *step)
{
  (void) step;
}

JhkPlaybookContact *
jhk_playbook_contact_new (const char *role, const char *name, const char *extension)
{
  (void) role;
  (void) name;
  (void) extension;
  return NULL;
}

void
jhk_playbook_contact_free (JhkPlaybookContact *contact)
{
  (void) contact;
}

JhkPlaybook *
jhk_playbook_new (void)
{
  return NULL;
}

JhkPlaybook *
jhk_playbook_copy (const JhkPlaybook *playbook)
{
  (void) playbook;
  return NULL;
}

void
jhk_playbook_free (JhkPlaybook *playbook)
{
  (void) playbook;
}

gboolean
jhk_playbook_check (const JhkPlaybook *playbook, const char **out_field, GError **error)
{
  (void) playbook;
  (void) out_field;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbook_check: not written yet");
  return FALSE;
}

JhkPlaybook *
jhk_playbooks_get (JhkDb *db, gint64 playbook_id, int version, GError **error)
{
  (void) db;
  (void) playbook_id;
  (void) version;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_get: not written yet");
  return NULL;
}

JhkPlaybook *
jhk_playbooks_get_version (JhkDb *db, gint64 version_id, GError **error)
{
  (void) db;
  (void) version_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_get_version: not written yet");
  return NULL;
}

JhkPlaybook *
jhk_playbooks_get_by_code (JhkDb *db, const char *code, GError **error)
{
  (void) db;
  (void) code;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_get_by_code: not written yet");
  return NULL;
}

gint64
jhk_playbooks_save (JhkDb *db, JhkSession *actor, const JhkPlaybook *playbook, GError **error)
{
  (void) db;
  (void) actor;
  (void) playbook;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_save: not written yet");
  return 0;
}

gboolean
jhk_playbooks_set_retired (JhkDb *db, JhkSession *actor, gint64 playbook_id, gboolean retired, GError **error)
{
  (void) db;
  (void) actor;
  (void) playbook_id;
  (void) retired;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_set_retired: not written yet");
  return FALSE;
}

const char *
jhk_playbooks_refusal (JhkDb *db, JhkSession *actor, const JhkPlaybook *playbook, JhkPlaybookAction action)
{
  (void) db;
  (void) actor;
  (void) playbook;
  (void) action;
  return NULL;
}

JhkQueryModel *
jhk_playbooks_list_model (JhkDb *db, gboolean include_retired)
{
  (void) db;
  (void) include_retired;
  return NULL;
}

GPtrArray *
jhk_playbooks_versions (JhkDb *db, gint64 playbook_id, GError **error)
{
  (void) db;
  (void) playbook_id;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_versions: not written yet");
  return NULL;
}

void
jhk_shared_step_free (JhkSharedStep *shared)
{
  (void) shared;
}

GPtrArray *
jhk_playbooks_shared_steps (JhkDb *db, GError **error)
{
  (void) db;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_shared_steps: not written yet");
  return NULL;
}

gint64
jhk_playbooks_save_shared_step (JhkDb *db, JhkSession *actor, const JhkSharedStep *shared, GError **error)
{
  (void) db;
  (void) actor;
  (void) shared;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_save_shared_step: not written yet");
  return 0;
}

JsonNode *
jhk_playbooks_export (JhkDb *db, const gint64 *playbook_ids, guint n_ids, GError **error)
{
  (void) db;
  (void) playbook_ids;
  (void) n_ids;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_export: not written yet");
  return NULL;
}

void
jhk_playbook_import_free (JhkPlaybookImport *result)
{
  (void) result;
}

JhkPlaybookImport *
jhk_playbooks_import (JhkDb *db, JhkSession *actor, const char *json_text, gsize length, gboolean dry_run, GError **error)
{
  (void) db;
  (void) actor;
  (void) json_text;
  (void) length;
  (void) dry_run;
  (void) error;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "jhk_playbooks_import: not written yet");
  return NULL;
}
