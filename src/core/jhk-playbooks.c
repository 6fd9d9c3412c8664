/* jhk-playbooks.c: 対処要領, the response playbooks of 第19-1 (R19-1); see
 * jhk-playbooks.h.
 *
 * A save inserts a new playbook_versions row with its businesses, steps
 * and contacts and points playbooks.current_version_id at it; an old
 * version is never updated. Every write is one transaction with one audit
 * entry; jhk_playbooks_refusal() words every refusal for the services and
 * the UI alike.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jhk-org.h"
#include "jhk-playbooks.h"
#include "jhk-policy.h"
#include "jhk-roles.h"
#include "jhk-service.h"
#include "jhk-service-private.h"

#define MAX_MINUTES      10080   /* a week */
#define MAX_REPORT_HOURS 720     /* thirty days */
#define MAX_CODE         40
#define MAX_SHORT        200     /* a contact's members, a step's evidence */

/* Memory ------------------------------------------------------------------ */

JhkPlaybookStep *
jhk_playbook_step_new (const char *text,
                       const char *role,
                       int         minutes,
                       gboolean    needs_confirmation,
                       const char *evidence)
{
  JhkPlaybookStep *step = g_new0 (JhkPlaybookStep, 1);

  step->text = g_strdup (text != NULL ? text : "");
  step->role = g_strdup (role != NULL ? role : "");
  step->minutes = minutes;
  step->needs_confirmation = needs_confirmation;
  step->evidence = g_strdup (evidence != NULL ? evidence : "");
  return step;
}

void
jhk_playbook_step_free (JhkPlaybookStep *step)
{
  if (step == NULL)
    return;
  g_free (step->text);
  g_free (step->role);
  g_free (step->evidence);
  g_free (step);
}

static JhkPlaybookStep *
step_copy (const JhkPlaybookStep *step)
{
  JhkPlaybookStep *copy = jhk_playbook_step_new (step->text, step->role, step->minutes,
                                                 step->needs_confirmation, step->evidence);

  copy->shared_step_id = step->shared_step_id;
  return copy;
}

JhkPlaybookContact *
jhk_playbook_contact_new (const char *role,
                          const char *name,
                          const char *extension)
{
  JhkPlaybookContact *contact = g_new0 (JhkPlaybookContact, 1);

  contact->role = g_strdup (role != NULL ? role : "");
  contact->name = g_strdup (name != NULL ? name : "");
  contact->extension = g_strdup (extension != NULL ? extension : "");
  return contact;
}

void
jhk_playbook_contact_free (JhkPlaybookContact *contact)
{
  if (contact == NULL)
    return;
  g_free (contact->role);
  g_free (contact->name);
  g_free (contact->extension);
  g_free (contact);
}

JhkPlaybook *
jhk_playbook_new (void)
{
  JhkPlaybook *p = g_new0 (JhkPlaybook, 1);

  p->code = g_strdup ("");
  p->title = g_strdup ("");
  p->systems = g_strdup ("");
  p->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  p->trigger = g_strdup ("");
  p->serious_other = g_strdup ("");
  p->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_step_free);
  p->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_contact_free);
  p->change_note = g_strdup ("");
  p->creator_name = g_strdup ("");
  return p;
}

static void
set_text (char       **member,
          const char  *value)
{
  g_free (*member);
  *member = g_strdup (value != NULL ? value : "");
}

JhkPlaybook *
jhk_playbook_copy (const JhkPlaybook *playbook)
{
  JhkPlaybook *p;

  g_return_val_if_fail (playbook != NULL, NULL);

  p = jhk_playbook_new ();
  p->id = playbook->id;
  set_text (&p->code, playbook->code);
  p->version_id = playbook->version_id;
  p->version = playbook->version;
  p->builtin = playbook->builtin;
  p->retired = playbook->retired;
  set_text (&p->title, playbook->title);
  set_text (&p->systems, playbook->systems);
  if (playbook->business_ids != NULL)
    g_array_append_vals (p->business_ids, playbook->business_ids->data,
                         playbook->business_ids->len);
  set_text (&p->trigger, playbook->trigger);
  p->serious_damage = playbook->serious_damage;
  p->serious_stop_minutes = playbook->serious_stop_minutes;
  p->serious_leak = playbook->serious_leak;
  set_text (&p->serious_other, playbook->serious_other);
  p->report_hours = playbook->report_hours;
  for (guint i = 0; playbook->steps != NULL && i < playbook->steps->len; i++)
    g_ptr_array_add (p->steps, step_copy (g_ptr_array_index (playbook->steps, i)));
  for (guint i = 0; playbook->contacts != NULL && i < playbook->contacts->len; i++)
    {
      const JhkPlaybookContact *c = g_ptr_array_index (playbook->contacts, i);

      g_ptr_array_add (p->contacts, jhk_playbook_contact_new (c->role, c->name, c->extension));
    }
  set_text (&p->change_note, playbook->change_note);
  p->created_by = playbook->created_by;
  set_text (&p->creator_name, playbook->creator_name);
  p->created_at = playbook->created_at;
  return p;
}

void
jhk_playbook_free (JhkPlaybook *playbook)
{
  if (playbook == NULL)
    return;
  g_free (playbook->code);
  g_free (playbook->title);
  g_free (playbook->systems);
  g_clear_pointer (&playbook->business_ids, g_array_unref);
  g_free (playbook->trigger);
  g_free (playbook->serious_other);
  g_clear_pointer (&playbook->steps, g_ptr_array_unref);
  g_clear_pointer (&playbook->contacts, g_ptr_array_unref);
  g_free (playbook->change_note);
  g_free (playbook->creator_name);
  g_free (playbook);
}

void
jhk_shared_step_free (JhkSharedStep *shared)
{
  if (shared == NULL)
    return;
  g_free (shared->code);
  jhk_playbook_step_free (shared->step);
  g_free (shared);
}

void
jhk_playbook_import_free (JhkPlaybookImport *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  g_free (result);
}

/* Input checks ------------------------------------------------------------ */

static gboolean
code_is_valid (const char *code)
{
  size_t len;

  if (code == NULL)
    return FALSE;
  len = strlen (code);
  if (len == 0 || len > MAX_CODE)
    return FALSE;
  for (size_t i = 0; i < len; i++)
    if (!(g_ascii_islower (code[i]) || g_ascii_isdigit (code[i]) || code[i] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A step's rules; prefix names it ("steps.3", "" for a shared step). */
static gboolean
check_step (const JhkPlaybookStep  *step,
            const char             *prefix,
            const char            **out_field,
            GError                **error)
{
  g_autofree char *text_field = g_strconcat (prefix, "text", NULL);
  g_autofree char *role_field = g_strconcat (prefix, "role", NULL);
  g_autofree char *minutes_field = g_strconcat (prefix, "minutes", NULL);
  g_autofree char *evidence_field = g_strconcat (prefix, "evidence", NULL);
  const char *field = NULL;
  const char *message = NULL;

  if (step == NULL || is_blank (step->text))
    field = text_field, message = _("A step needs its text.");
  else if (!jhk_service_text_fits (step->text, JHK_PLAYBOOK_TEXT_MAX))
    field = text_field, message = _("A step's text is too long.");
  else if (step->role == NULL ||
           (step->role[0] != '\0' && jhk_role_from_key (step->role) == JHK_ROLE_INVALID))
    field = role_field, message = _("A step's role is not one Jhk knows.");
  else if (step->minutes < 0 || step->minutes > MAX_MINUTES)
    field = minutes_field, message = _("A step's expected time must be between 0 and 10080 minutes.");
  else if (!jhk_service_text_fits (jhk_service_or_empty (step->evidence), MAX_SHORT))
    field = evidence_field, message = _("A step's evidence is too long.");
  if (message == NULL)
    return TRUE;
  /* out_field points at a static string: the field names are interned. */
  if (out_field != NULL)
    *out_field = g_intern_string (field);
  return jhk_service_invalid (error, message);
}

gboolean
jhk_playbook_check (const JhkPlaybook  *playbook,
                    const char        **out_field,
                    GError            **error)
{
  const char *field = NULL;
  const char *message = NULL;

  g_return_val_if_fail (playbook != NULL, FALSE);

  if (out_field != NULL)
    *out_field = NULL;
  if (!code_is_valid (playbook->code))
    field = "code", message = _("The code must be 1 to 40 lower-case letters, digits or hyphens.");
  else if (is_blank (playbook->title))
    field = "title", message = _("The playbook needs a title.");
  else if (!jhk_service_text_fits (playbook->title, JHK_PLAYBOOK_TITLE_MAX))
    field = "title", message = _("The title is too long.");
  else if (!jhk_service_text_fits (jhk_service_or_empty (playbook->systems), JHK_PLAYBOOK_TEXT_MAX))
    field = "systems", message = _("The systems text is too long.");
  else if (!jhk_service_text_fits (jhk_service_or_empty (playbook->trigger), JHK_PLAYBOOK_TEXT_MAX))
    field = "trigger", message = _("The trigger and symptoms text is too long.");
  else if (!jhk_service_text_fits (jhk_service_or_empty (playbook->serious_other),
                                   JHK_PLAYBOOK_TEXT_MAX))
    field = "serious_other", message = _("The other severity criteria are too long.");
  else if (!jhk_service_text_fits (jhk_service_or_empty (playbook->change_note),
                                   JHK_PLAYBOOK_TEXT_MAX))
    field = "change_note", message = _("The note on the change is too long.");
  else if (playbook->serious_stop_minutes < 0 || playbook->serious_stop_minutes > MAX_MINUTES)
    field = "serious_stop_minutes",
    message = _("The stop that makes an incident serious must be between 0 and 10080 minutes.");
  else if (playbook->report_hours < 0 || playbook->report_hours > MAX_REPORT_HOURS)
    field = "report_hours", message = _("The report's time limit must be between 0 and 720 hours.");
  else if (playbook->steps == NULL || playbook->steps->len == 0)
    field = "steps", message = _("A playbook needs at least one step.");
  else if (playbook->steps->len > JHK_PLAYBOOK_MAX_STEPS)
    field = "steps", message = _("A playbook has at most 60 steps.");
  else if (playbook->contacts != NULL && playbook->contacts->len > JHK_PLAYBOOK_MAX_CONTACTS)
    field = "contacts", message = _("A playbook has at most 20 contacts.");
  if (message != NULL)
    {
      if (out_field != NULL)
        *out_field = field;
      return jhk_service_invalid (error, message);
    }

  for (guint i = 0; i < playbook->steps->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("steps.%u.", i);

      if (!check_step (g_ptr_array_index (playbook->steps, i), prefix, out_field, error))
        return FALSE;
    }
  for (guint i = 0; playbook->contacts != NULL && i < playbook->contacts->len; i++)
    {
      const JhkPlaybookContact *c = g_ptr_array_index (playbook->contacts, i);
      g_autofree char *f = NULL;

      message = NULL;
      if (c == NULL || is_blank (c->role))
        f = g_strdup_printf ("contacts.%u.role", i), message = _("A contact needs its role or post.");
      else if (!jhk_service_text_fits (c->role, MAX_SHORT))
        f = g_strdup_printf ("contacts.%u.role", i), message = _("A contact's role is too long.");
      else if (!jhk_service_text_fits (jhk_service_or_empty (c->name), MAX_SHORT))
        f = g_strdup_printf ("contacts.%u.name", i), message = _("A contact's name is too long.");
      else if (!jhk_service_text_fits (jhk_service_or_empty (c->extension), MAX_SHORT))
        f = g_strdup_printf ("contacts.%u.extension", i),
        message = _("A contact's extension is too long.");
      if (message != NULL)
        {
          if (out_field != NULL)
            *out_field = g_intern_string (f);
          return jhk_service_invalid (error, message);
        }
    }
  return TRUE;
}

/* Reading ----------------------------------------------------------------- */

#define VERSION_COLUMNS                                                         \
  "v.id, v.playbook_id, p.code, v.version, p.builtin, p.retired, v.title,"      \
  " v.systems, v.trigger_text, v.serious_damage, v.serious_stop_minutes,"       \
  " v.serious_leak, v.serious_other, v.report_hours, v.change_note,"            \
  " v.created_by, s.name, v.created_at"
#define VERSION_FROM                                                            \
  " FROM playbook_versions v JOIN playbooks p ON p.id = v.playbook_id"          \
  " LEFT JOIN staff s ON s.id = v.created_by"

static gpointer
version_from_row (JhkDbStmt *stmt)
{
  JhkPlaybook *p = jhk_playbook_new ();

  p->version_id = jhk_db_stmt_get_int64 (stmt, 0);
  p->id = jhk_db_stmt_get_int64 (stmt, 1);
  set_text (&p->code, jhk_db_stmt_get_text (stmt, 2));
  p->version = (int) jhk_db_stmt_get_int64 (stmt, 3);
  p->builtin = jhk_db_stmt_get_int64 (stmt, 4) != 0;
  p->retired = jhk_db_stmt_get_int64 (stmt, 5) != 0;
  set_text (&p->title, jhk_db_stmt_get_text (stmt, 6));
  set_text (&p->systems, jhk_db_stmt_get_text (stmt, 7));
  set_text (&p->trigger, jhk_db_stmt_get_text (stmt, 8));
  p->serious_damage = jhk_db_stmt_get_int64 (stmt, 9) != 0;
  p->serious_stop_minutes = (int) jhk_db_stmt_get_int64 (stmt, 10);
  p->serious_leak = jhk_db_stmt_get_int64 (stmt, 11) != 0;
  set_text (&p->serious_other, jhk_db_stmt_get_text (stmt, 12));
  p->report_hours = (int) jhk_db_stmt_get_int64 (stmt, 13);
  set_text (&p->change_note, jhk_db_stmt_get_text (stmt, 14));
  p->created_by = jhk_db_stmt_is_null (stmt, 15) ? 0 : jhk_db_stmt_get_int64 (stmt, 15);
  set_text (&p->creator_name, jhk_db_stmt_get_text (stmt, 16));
  p->created_at = jhk_db_stmt_get_int64 (stmt, 17);
  return p;
}

/* The businesses, steps and contacts of p's version. */
static gboolean
load_parts (JhkDb        *db,
            JhkPlaybook  *p,
            GError      **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  JhkDbStep step;

  ids = jhk_service_query_ids (db, error,
                               "SELECT business_id FROM playbook_version_businesses"
                               " WHERE version_id = ? ORDER BY business_id",
                               JHK_I (p->version_id), JHK_DB_END);
  if (ids == NULL)
    return FALSE;
  g_array_append_vals (p->business_ids, ids->data, ids->len);

  stmt = jhk_db_query (db, error,
                       "SELECT text, role, minutes, needs_confirmation, evidence, shared_step_id"
                       " FROM playbook_steps WHERE version_id = ? ORDER BY position",
                       JHK_I (p->version_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkPlaybookStep *s = jhk_playbook_step_new (jhk_db_stmt_get_text (stmt, 0),
                                                  jhk_db_stmt_get_text (stmt, 1),
                                                  (int) jhk_db_stmt_get_int64 (stmt, 2),
                                                  jhk_db_stmt_get_int64 (stmt, 3) != 0,
                                                  jhk_db_stmt_get_text (stmt, 4));

      s->shared_step_id = jhk_db_stmt_is_null (stmt, 5) ? 0 : jhk_db_stmt_get_int64 (stmt, 5);
      g_ptr_array_add (p->steps, s);
    }
  if (step == JHK_DB_FAILED)
    return FALSE;
  g_clear_pointer (&stmt, jhk_db_stmt_release);

  stmt = jhk_db_query (db, error,
                       "SELECT role, name, extension FROM playbook_contacts"
                       " WHERE version_id = ? ORDER BY position",
                       JHK_I (p->version_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (p->contacts,
                     jhk_playbook_contact_new (jhk_db_stmt_get_text (stmt, 0),
                                               jhk_db_stmt_get_text (stmt, 1),
                                               jhk_db_stmt_get_text (stmt, 2)));
  return step != JHK_DB_FAILED;
}

static JhkPlaybook *
load_version (JhkDb   *db,
              gint64   version_id,
              GError **error)
{
  g_autoptr(JhkPlaybook) p = NULL;

  if (!jhk_service_query_object (db, version_from_row, (gpointer *) &p, error,
                                 "SELECT " VERSION_COLUMNS VERSION_FROM " WHERE v.id = ?",
                                 JHK_I (version_id), JHK_DB_END))
    return NULL;
  if (p == NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                           _("The playbook does not exist."));
      return NULL;
    }
  if (!load_parts (db, p, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* The version id that a query of one int64 finds, 0 with error set. */
static gint64
find_version_id (JhkDb       *db,
                 GError     **error,
                 const char  *sql,
                 ...)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  va_list args;
  gint64 id = 0;
  JhkDbStep step;

  stmt = jhk_db_prepare (db, sql, error);
  if (stmt == NULL)
    return 0;
  va_start (args, sql);
  jhk_db_stmt_bind_valist (stmt, args);
  va_end (args);
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return 0;
  if (step == JHK_DB_ROW && !jhk_db_stmt_is_null (stmt, 0))
    id = jhk_db_stmt_get_int64 (stmt, 0);
  if (id == 0)
    g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                         _("The playbook does not exist."));
  return id;
}

JhkPlaybook *
jhk_playbooks_get (JhkDb   *db,
                   gint64   playbook_id,
                   int      version,
                   GError **error)
{
  gint64 version_id;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (version <= 0)
    version_id = find_version_id (db, error,
                                  "SELECT current_version_id FROM playbooks WHERE id = ?",
                                  JHK_I (playbook_id), JHK_DB_END);
  else
    version_id = find_version_id (db, error,
                                  "SELECT id FROM playbook_versions"
                                  " WHERE playbook_id = ? AND version = ?",
                                  JHK_I (playbook_id), JHK_I (version), JHK_DB_END);
  return version_id != 0 ? load_version (db, version_id, error) : NULL;
}

JhkPlaybook *
jhk_playbooks_get_version (JhkDb   *db,
                           gint64   version_id,
                           GError **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  return load_version (db, version_id, error);
}

JhkPlaybook *
jhk_playbooks_get_by_code (JhkDb       *db,
                           const char  *code,
                           GError     **error)
{
  gint64 version_id;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  version_id = find_version_id (db, error,
                                "SELECT current_version_id FROM playbooks WHERE code = ?",
                                JHK_T (code != NULL ? code : ""), JHK_DB_END);
  return version_id != 0 ? load_version (db, version_id, error) : NULL;
}

JhkQueryModel *
jhk_playbooks_list_model (JhkDb    *db,
                          gboolean  include_retired)
{
  g_autoptr(GError) error = NULL;
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  model = jhk_query_model_new (db,
                               "p.id AS id, p.code, v.version, v.title, v.systems, p.builtin,"
                               " p.retired, (SELECT COUNT(*) FROM playbook_steps st"
                               " WHERE st.version_id = v.id) AS n_steps, p.updated_at",
                               "playbooks p JOIN playbook_versions v ON v.id = p.current_version_id",
                               "p.id");
  if (!include_retired)
    jhk_query_model_set_filter (model, "p.retired = 0", NULL);
  jhk_query_model_set_order (model, "v.title");
  if (!jhk_query_model_refresh (model, &error))
    g_warning ("Could not read the playbooks: %s", error->message);
  return model;
}

GPtrArray *
jhk_playbooks_versions (JhkDb   *db,
                        gint64   playbook_id,
                        GError **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  ids = jhk_service_query_ids (db, error,
                               "SELECT id FROM playbook_versions WHERE playbook_id = ?"
                               " ORDER BY version DESC",
                               JHK_I (playbook_id), JHK_DB_END);
  if (ids == NULL)
    return NULL;
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_free);
  for (guint i = 0; i < ids->len; i++)
    {
      JhkPlaybook *p = load_version (db, g_array_index (ids, gint64, i), error);

      if (p == NULL)
        return NULL;
      g_ptr_array_add (versions, p);
    }
  return g_steal_pointer (&versions);
}

GPtrArray *
jhk_playbooks_shared_steps (JhkDb   *db,
                            GError **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  stmt = jhk_db_query (db, error,
                       "SELECT s.id, s.code, s.text, s.role, s.minutes, s.needs_confirmation,"
                       " s.evidence, (SELECT COUNT(DISTINCT p.id) FROM playbooks p"
                       "  JOIN playbook_steps st ON st.version_id = p.current_version_id"
                       "  WHERE st.shared_step_id = s.id)"
                       " FROM shared_steps s ORDER BY s.code",
                       JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_shared_step_free);
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkSharedStep *shared = g_new0 (JhkSharedStep, 1);

      shared->id = jhk_db_stmt_get_int64 (stmt, 0);
      shared->code = g_strdup (jhk_db_stmt_get_text (stmt, 1));
      shared->step = jhk_playbook_step_new (jhk_db_stmt_get_text (stmt, 2),
                                            jhk_db_stmt_get_text (stmt, 3),
                                            (int) jhk_db_stmt_get_int64 (stmt, 4),
                                            jhk_db_stmt_get_int64 (stmt, 5) != 0,
                                            jhk_db_stmt_get_text (stmt, 6));
      shared->step->shared_step_id = shared->id;
      shared->n_playbooks = (guint) jhk_db_stmt_get_int64 (stmt, 7);
      g_ptr_array_add (list, shared);
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

/* Not written yet --------------------------------------------------------- */

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
