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
#include "jhk-util.h"

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
  /* Full-width spaces (U+3000) are blank too; a text that is not UTF-8 is
   * left to the text checks, which refuse it. */
  return text == NULL || (g_utf8_validate (text, -1, NULL) && jhk_is_blank (text));
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
  else if (step->role != NULL && step->role[0] != '\0' &&
           jhk_role_from_key (step->role) == JHK_ROLE_INVALID)
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

/* Who writes --------------------------------------------------------------- */

static gboolean
is_sysadmin (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

static gboolean
manages_any_business (JhkSession *actor)
{
  if (jhk_session_get_staff_id (actor) == 0)
    return FALSE;
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if ((grant->role == JHK_ROLE_BIZ_OWNER || grant->role == JHK_ROLE_EGOV_OWNER ||
           grant->role == JHK_ROLE_LEAD_OWNER) && grant->business_id != 0)
        return TRUE;
    }
  return FALSE;
}

/* The businesses are all the actor's, and there is one at least. */
static gboolean
manages_all (JhkSession   *actor,
             const GArray *business_ids)
{
  if (jhk_session_get_staff_id (actor) == 0 || business_ids == NULL || business_ids->len == 0)
    return FALSE;
  for (guint i = 0; i < business_ids->len; i++)
    if (!jhk_org_manages_business (actor, g_array_index (business_ids, gint64, i)))
      return FALSE;
  return TRUE;
}

static const char *
refusal (JhkSession        *actor,
         const JhkPlaybook *playbook,
         JhkPlaybookAction  action,
         int               *out_code)
{
  *out_code = JHK_POLICY_ERROR_DENIED;
  if (is_sysadmin (actor))
    return NULL;
  if (!manages_any_business (actor))
    return _("Only the system administrator and the managers of businesses write playbooks.");
  switch (action)
    {
    case JHK_PLAYBOOK_CREATE:
    case JHK_PLAYBOOK_EDIT:
    case JHK_PLAYBOOK_RETIRE:
      if (playbook == NULL)
        return action == JHK_PLAYBOOK_CREATE ? NULL
               : _("Only the system administrator and the managers of businesses write playbooks.");
      if (playbook->business_ids == NULL || playbook->business_ids->len == 0)
        return _("A playbook that covers no business is written by the system administrator "
                 "only.");
      if (!manages_all (actor, playbook->business_ids))
        return _("A business manager writes only playbooks whose businesses they all manage.");
      return NULL;
    }
  *out_code = JHK_POLICY_ERROR_INVALID;
  return _("This action on a playbook is unknown.");
}

const char *
jhk_playbooks_refusal (JhkDb              *db,
                       JhkSession         *actor,
                       const JhkPlaybook  *playbook,
                       JhkPlaybookAction   action)
{
  int code;

  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  (void) db;

  return refusal (actor, playbook, action, &code);
}

static gboolean
require (JhkSession         *actor,
         const JhkPlaybook  *playbook,
         JhkPlaybookAction   action,
         GError            **error)
{
  int code = 0;
  const char *message = refusal (actor, playbook, action, &code);

  if (message == NULL)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
  return FALSE;
}

static const char *
shared_refusal (JhkSession *actor)
{
  return is_sysadmin (actor) ? NULL : _("Only the system administrator writes the shared steps.");
}

const char *
jhk_playbooks_shared_refusal (JhkDb      *db,
                              JhkSession *actor)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  (void) db;

  return shared_refusal (actor);
}

/* Writing ----------------------------------------------------------------- */

static gboolean
steps_equal (const JhkPlaybookStep *a,
             const JhkPlaybookStep *b)
{
  return g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (jhk_service_or_empty (a->role), jhk_service_or_empty (b->role)) == 0 &&
         a->minutes == b->minutes && !a->needs_confirmation == !b->needs_confirmation &&
         g_strcmp0 (jhk_service_or_empty (a->evidence), jhk_service_or_empty (b->evidence)) == 0 &&
         a->shared_step_id == b->shared_step_id;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The businesses, sorted and without duplicates. */
static GArray *
business_set (const GArray *ids)
{
  GArray *set = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < set->len && !seen; j++)
        seen = g_array_index (set, gint64, j) == id;
      if (!seen)
        g_array_append_val (set, id);
    }
  g_array_sort (set, compare_ids);
  return set;
}

/* The same content (the change note aside). */
static gboolean
playbooks_equal (const JhkPlaybook *a,
                 const JhkPlaybook *b)
{
  g_autoptr(GArray) ba = business_set (a->business_ids);
  g_autoptr(GArray) bb = business_set (b->business_ids);
  guint n_contacts_a = a->contacts != NULL ? a->contacts->len : 0;
  guint n_contacts_b = b->contacts != NULL ? b->contacts->len : 0;

  if (g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (jhk_service_or_empty (a->systems), jhk_service_or_empty (b->systems)) != 0 ||
      g_strcmp0 (jhk_service_or_empty (a->trigger), jhk_service_or_empty (b->trigger)) != 0 ||
      !a->serious_damage != !b->serious_damage || !a->serious_leak != !b->serious_leak ||
      a->serious_stop_minutes != b->serious_stop_minutes ||
      g_strcmp0 (jhk_service_or_empty (a->serious_other),
                 jhk_service_or_empty (b->serious_other)) != 0 ||
      a->report_hours != b->report_hours || ba->len != bb->len ||
      a->steps->len != b->steps->len || n_contacts_a != n_contacts_b)
    return FALSE;
  if (ba->len > 0 && memcmp (ba->data, bb->data, ba->len * sizeof (gint64)) != 0)
    return FALSE;
  for (guint i = 0; i < a->steps->len; i++)
    if (!steps_equal (g_ptr_array_index (a->steps, i), g_ptr_array_index (b->steps, i)))
      return FALSE;
  for (guint i = 0; i < n_contacts_a; i++)
    {
      const JhkPlaybookContact *x = g_ptr_array_index (a->contacts, i);
      const JhkPlaybookContact *y = g_ptr_array_index (b->contacts, i);

      if (g_strcmp0 (x->role, y->role) != 0 ||
          g_strcmp0 (jhk_service_or_empty (x->name), jhk_service_or_empty (y->name)) != 0 ||
          g_strcmp0 (jhk_service_or_empty (x->extension), jhk_service_or_empty (y->extension)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The businesses and the shared steps a playbook names exist. */
static gboolean
check_references (JhkDb              *db,
                  const JhkPlaybook  *p,
                  GError            **error)
{
  for (guint i = 0; p->business_ids != NULL && i < p->business_ids->len; i++)
    {
      gint64 found = 0;

      if (!jhk_db_query_int64 (db, &found, error, "SELECT COUNT(*) FROM businesses WHERE id = ?",
                               JHK_I (g_array_index (p->business_ids, gint64, i)), JHK_DB_END))
        return FALSE;
      if (found == 0)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                               _("A business of the playbook does not exist."));
          return FALSE;
        }
    }
  for (guint i = 0; i < p->steps->len; i++)
    {
      const JhkPlaybookStep *s = g_ptr_array_index (p->steps, i);
      gint64 found = 0;

      if (s->shared_step_id == 0)
        continue;
      if (!jhk_db_query_int64 (db, &found, error, "SELECT COUNT(*) FROM shared_steps WHERE id = ?",
                               JHK_I (s->shared_step_id), JHK_DB_END))
        return FALSE;
      if (found == 0)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                               _("A shared step of the playbook does not exist."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Inserts p as version `version` of playbook_id with its parts, and makes
 * it the current one. Returns the version's id, 0 with error set. */
static gint64
insert_version (JhkDb              *db,
                JhkSession         *actor,
                gint64              playbook_id,
                int                 version,
                const JhkPlaybook  *p,
                const char         *change_note,
                gint64              now,
                GError            **error)
{
  g_autoptr(GArray) businesses = business_set (p->business_ids);
  gint64 version_id;

  version_id = jhk_service_insert (db, error,
                                   "INSERT INTO playbook_versions (playbook_id, version, title,"
                                   " systems, trigger_text, serious_damage, serious_stop_minutes,"
                                   " serious_leak, serious_other, report_hours, change_note,"
                                   " created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                   JHK_I (playbook_id), JHK_I (version), JHK_T (p->title),
                                   JHK_T (jhk_service_or_empty (p->systems)),
                                   JHK_T (jhk_service_or_empty (p->trigger)),
                                   JHK_I (p->serious_damage ? 1 : 0),
                                   JHK_I (p->serious_stop_minutes),
                                   JHK_I (p->serious_leak ? 1 : 0),
                                   JHK_T (jhk_service_or_empty (p->serious_other)),
                                   JHK_I (p->report_hours),
                                   JHK_T (jhk_service_or_empty (change_note)),
                                   JHK_IZ (jhk_session_get_staff_id (actor)), JHK_I (now),
                                   JHK_DB_END);
  if (version_id == 0)
    return 0;
  for (guint i = 0; i < businesses->len; i++)
    if (!jhk_db_run (db, error,
                     "INSERT INTO playbook_version_businesses (version_id, business_id)"
                     " VALUES (?, ?)",
                     JHK_I (version_id), JHK_I (g_array_index (businesses, gint64, i)),
                     JHK_DB_END))
      return 0;
  for (guint i = 0; i < p->steps->len; i++)
    {
      const JhkPlaybookStep *s = g_ptr_array_index (p->steps, i);

      if (!jhk_db_run (db, error,
                       "INSERT INTO playbook_steps (version_id, position, text, role, minutes,"
                       " needs_confirmation, evidence, shared_step_id)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       JHK_I (version_id), JHK_I (i + 1), JHK_T (s->text),
                       JHK_T (jhk_service_or_empty (s->role)), JHK_I (s->minutes),
                       JHK_I (s->needs_confirmation ? 1 : 0),
                       JHK_T (jhk_service_or_empty (s->evidence)), JHK_IZ (s->shared_step_id),
                       JHK_DB_END))
        return 0;
    }
  for (guint i = 0; p->contacts != NULL && i < p->contacts->len; i++)
    {
      const JhkPlaybookContact *c = g_ptr_array_index (p->contacts, i);

      if (!jhk_db_run (db, error,
                       "INSERT INTO playbook_contacts (version_id, position, role, name, extension)"
                       " VALUES (?, ?, ?, ?, ?)",
                       JHK_I (version_id), JHK_I (i + 1), JHK_T (c->role),
                       JHK_T (jhk_service_or_empty (c->name)),
                       JHK_T (jhk_service_or_empty (c->extension)), JHK_DB_END))
        return 0;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE playbooks SET current_version_id = ?, updated_at = ? WHERE id = ?",
                   JHK_I (version_id), JHK_I (now), JHK_I (playbook_id), JHK_DB_END))
    return 0;
  if (!jhk_service_changed_once (db, _("The playbook changed meanwhile; try again."), error))
    return 0;
  return version_id;
}

/* Whether a playbook with this code exists: 1, 0, or -1 with error set. */
static int
code_used (JhkDb       *db,
           const char  *table,
           const char  *code,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE code = ?", table);
  gint64 found = 0;

  if (!jhk_db_query_int64 (db, &found, error, sql, JHK_T (code), JHK_DB_END))
    return -1;
  return found != 0;
}

/* Writes p (checked, references known, allowed) as a new playbook or a
 * new version of stored (NULL: new); returns the version id. */
static gint64
write_playbook (JhkDb              *db,
                JhkSession         *actor,
                const JhkPlaybook  *p,
                const JhkPlaybook  *stored,
                gint64              now,
                GError            **error)
{
  gint64 playbook_id;

  if (stored != NULL)
    return insert_version (db, actor, stored->id, stored->version + 1, p, p->change_note, now,
                           error);
  playbook_id = jhk_service_insert (db, error,
                                    "INSERT INTO playbooks (code, builtin, retired, created_at,"
                                    " updated_at) VALUES (?, 0, 0, ?, ?) RETURNING id",
                                    JHK_T (p->code), JHK_I (now), JHK_I (now), JHK_DB_END);
  if (playbook_id == 0)
    return 0;
  return insert_version (db, actor, playbook_id, 1, p, p->change_note, now, error);
}

gint64
jhk_playbooks_save (JhkDb              *db,
                    JhkSession         *actor,
                    const JhkPlaybook  *playbook,
                    GError            **error)
{
  g_autoptr(JhkPlaybook) stored = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 version_id;
  int used;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);
  g_return_val_if_fail (playbook != NULL, 0);

  if (!jhk_playbook_check (playbook, NULL, error))
    return 0;
  if (!require (actor, playbook, playbook->id == 0 ? JHK_PLAYBOOK_CREATE : JHK_PLAYBOOK_EDIT,
                error))
    return 0;
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (playbook->id != 0)
    {
      stored = jhk_playbooks_get (db, playbook->id, 0, error);
      if (stored == NULL || !require (actor, stored, JHK_PLAYBOOK_EDIT, error))
        goto fail;
      if (g_strcmp0 (stored->code, playbook->code) != 0)
        {
          jhk_service_invalid (error, _("A playbook's code never changes."));
          goto fail;
        }
      if (playbooks_equal (stored, playbook))
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                               _("Nothing changed since the current version."));
          goto fail;
        }
    }
  else
    {
      used = code_used (db, "playbooks", playbook->code, error);
      if (used < 0)
        goto fail;
      if (used > 0)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                               _("A playbook with this code exists already."));
          goto fail;
        }
    }
  if (!check_references (db, playbook, error))
    goto fail;
  version_id = write_playbook (db, actor, playbook, stored, jhk_now_us (), error);
  if (version_id == 0)
    goto fail;
  json_object_set_string_member (details, "code", playbook->code);
  json_object_set_int_member (details, "version", stored != NULL ? stored->version + 1 : 1);
  json_object_set_int_member (details, "version_id", version_id);
  if (!jhk_service_commit_id (db, actor, "playbook.save", "playbook",
                              stored != NULL ? stored->id : playbook->id, details, error))
    return 0;
  return version_id;

fail:
  jhk_service_abort (db);
  return 0;
}

gboolean
jhk_playbooks_set_retired (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       playbook_id,
                           gboolean     retired,
                           GError     **error)
{
  g_autoptr(JhkPlaybook) stored = NULL;
  g_autoptr(JsonObject) details = json_object_new ();

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  stored = jhk_playbooks_get (db, playbook_id, 0, error);
  if (stored == NULL || !require (actor, stored, JHK_PLAYBOOK_RETIRE, error))
    goto fail;
  if (!stored->retired == !retired)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           retired ? _("The playbook is retired already.")
                                   : _("The playbook is not retired."));
      goto fail;
    }
  if (!jhk_db_run (db, error, "UPDATE playbooks SET retired = ?, updated_at = ? WHERE id = ?",
                   JHK_I (retired ? 1 : 0), JHK_I (jhk_now_us ()), JHK_I (playbook_id),
                   JHK_DB_END))
    goto fail;
  json_object_set_string_member (details, "code", stored->code);
  return jhk_service_commit_id (db, actor, retired ? "playbook.retire" : "playbook.restore",
                                "playbook", playbook_id, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

/* Shared steps ------------------------------------------------------------ */

static gboolean
check_shared (const JhkSharedStep  *shared,
              const char          **out_field,
              GError              **error)
{
  if (shared == NULL || !code_is_valid (shared->code))
    {
      if (out_field != NULL)
        *out_field = "code";
      return jhk_service_invalid (error, _("The code must be 1 to 40 lower-case letters, digits "
                                           "or hyphens."));
    }
  return check_step (shared->step, "", out_field, error);
}

/* "共通手順「…」の更新", naming the step by the start of its text. */
static char *
shared_change_note (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) > 30)
    {
      g_autofree char *head = g_utf8_substring (text, 0, 30);

      start = g_strconcat (head, "…", NULL);
    }
  else
    start = g_strdup (text);
  return g_strdup_printf (_("Update of the shared step “%s”"), start);
}

/* Makes a new version of every current playbook that uses the shared
 * step, with its new text, unless the text is the same already. Counts
 * the versions made in *out_n. */
static gboolean
bump_users (JhkDb                  *db,
            JhkSession             *actor,
            const JhkPlaybookStep  *step,
            gint64                  shared_id,
            gint64                  now,
            GHashTable             *skip_codes,
            guint                  *out_n,
            GError                **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *note = shared_change_note (step->text);

  ids = jhk_service_query_ids (db, error,
                               "SELECT DISTINCT p.id FROM playbooks p"
                               " JOIN playbook_steps st ON st.version_id = p.current_version_id"
                               " WHERE st.shared_step_id = ? ORDER BY p.id",
                               JHK_I (shared_id), JHK_DB_END);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JhkPlaybook) stored = jhk_playbooks_get (db, g_array_index (ids, gint64, i), 0,
                                                         error);
      g_autoptr(JhkPlaybook) next = NULL;

      if (stored == NULL)
        return FALSE;
      if (skip_codes != NULL && g_hash_table_contains (skip_codes, stored->code))
        continue;
      next = jhk_playbook_copy (stored);
      for (guint j = 0; j < next->steps->len; j++)
        {
          JhkPlaybookStep *s = g_ptr_array_index (next->steps, j);

          if (s->shared_step_id != shared_id)
            continue;
          set_text (&s->text, step->text);
          set_text (&s->role, step->role);
          s->minutes = step->minutes;
          s->needs_confirmation = step->needs_confirmation;
          set_text (&s->evidence, step->evidence);
        }
      if (playbooks_equal (stored, next))
        continue;
      if (insert_version (db, actor, stored->id, stored->version + 1, next, note, now,
                          error) == 0)
        return FALSE;
      if (out_n != NULL)
        (*out_n)++;
    }
  return TRUE;
}

static gboolean
shared_equal (JhkDb                  *db,
              gint64                  id,
              const JhkPlaybookStep  *step,
              char                  **out_code,
              gboolean               *out_equal,
              GError                **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkPlaybookStep stored = { 0 };

  stmt = jhk_service_query_row (db, _("The shared step does not exist."), error,
                                "SELECT code, text, role, minutes, needs_confirmation, evidence"
                                " FROM shared_steps WHERE id = ?",
                                JHK_I (id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  *out_code = g_strdup (jhk_db_stmt_get_text (stmt, 0));
  stored.text = (char *) jhk_db_stmt_get_text (stmt, 1);
  stored.role = (char *) jhk_db_stmt_get_text (stmt, 2);
  stored.minutes = (int) jhk_db_stmt_get_int64 (stmt, 3);
  stored.needs_confirmation = jhk_db_stmt_get_int64 (stmt, 4) != 0;
  stored.evidence = (char *) jhk_db_stmt_get_text (stmt, 5);
  stored.shared_step_id = step->shared_step_id;
  *out_equal = steps_equal (&stored, step);
  return TRUE;
}

/* Inserts or updates a shared step (checked, allowed); returns its id. */
static gint64
write_shared (JhkDb                  *db,
              gint64                  id,
              const char             *code,
              const JhkPlaybookStep  *step,
              gint64                  now,
              GError                **error)
{
  if (id == 0)
    return jhk_service_insert (db, error,
                               "INSERT INTO shared_steps (code, text, role, minutes,"
                               " needs_confirmation, evidence, updated_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                               JHK_T (code), JHK_T (step->text),
                               JHK_T (jhk_service_or_empty (step->role)), JHK_I (step->minutes),
                               JHK_I (step->needs_confirmation ? 1 : 0),
                               JHK_T (jhk_service_or_empty (step->evidence)), JHK_I (now),
                               JHK_DB_END);
  if (!jhk_db_run (db, error,
                   "UPDATE shared_steps SET text = ?, role = ?, minutes = ?,"
                   " needs_confirmation = ?, evidence = ?, updated_at = ? WHERE id = ?",
                   JHK_T (step->text), JHK_T (jhk_service_or_empty (step->role)),
                   JHK_I (step->minutes), JHK_I (step->needs_confirmation ? 1 : 0),
                   JHK_T (jhk_service_or_empty (step->evidence)), JHK_I (now), JHK_I (id),
                   JHK_DB_END))
    return 0;
  return id;
}

gint64
jhk_playbooks_save_shared_step (JhkDb                *db,
                                JhkSession           *actor,
                                const JhkSharedStep  *shared,
                                GError              **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  const char *message;
  gint64 now = jhk_now_us ();
  gint64 id;
  guint n = 0;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);

  if (!check_shared (shared, NULL, error))
    return 0;
  message = shared_refusal (actor);
  if (message != NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED, message);
      return 0;
    }
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (shared->id != 0)
    {
      g_autofree char *code = NULL;
      JhkPlaybookStep step = *shared->step;
      gboolean equal = FALSE;

      step.shared_step_id = shared->id;
      if (!shared_equal (db, shared->id, &step, &code, &equal, error))
        goto fail;
      if (g_strcmp0 (code, shared->code) != 0)
        {
          jhk_service_invalid (error, _("A shared step's code never changes."));
          goto fail;
        }
      if (equal)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                               _("Nothing changed in the shared step."));
          goto fail;
        }
    }
  else
    {
      int used = code_used (db, "shared_steps", shared->code, error);

      if (used < 0)
        goto fail;
      if (used > 0)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                               _("A shared step with this code exists already."));
          goto fail;
        }
    }
  id = write_shared (db, shared->id, shared->code, shared->step, now, error);
  if (id == 0 || !bump_users (db, actor, shared->step, id, now, NULL, &n, error))
    goto fail;
  json_object_set_string_member (details, "code", shared->code);
  json_object_set_int_member (details, "playbooks", n);
  if (!jhk_service_commit_id (db, actor, "shared_step.save", "shared_step", id, details, error))
    return 0;
  return id;

fail:
  jhk_service_abort (db);
  return 0;
}

/* Export ------------------------------------------------------------------ */

#define FORMAT_NAME    "jhk-playbooks"
#define FORMAT_VERSION 1
#define MAX_IMPORT_BYTES     (16 * 1024 * 1024)
#define MAX_IMPORT_DEPTH     32
#define MAX_IMPORT_PLAYBOOKS 1000
#define MAX_IMPORT_SHARED    1000
#define MAX_IMPORT_ERRORS    100

static char *
business_code (JhkDb  *db,
               gint64  id)
{
  char *code = NULL;

  jhk_db_query_text (db, &code, NULL, "SELECT code FROM businesses WHERE id = ?", JHK_I (id),
                     JHK_DB_END);
  return code;
}

static void
add_step_members (JsonBuilder           *b,
                  const JhkPlaybookStep *s)
{
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, s->text);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, jhk_service_or_empty (s->role));
  json_builder_set_member_name (b, "minutes");
  json_builder_add_int_value (b, s->minutes);
  json_builder_set_member_name (b, "needs_confirmation");
  json_builder_add_boolean_value (b, s->needs_confirmation);
  json_builder_set_member_name (b, "evidence");
  json_builder_add_string_value (b, jhk_service_or_empty (s->evidence));
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, jhk_service_or_empty (value));
}

JsonNode *
jhk_playbooks_export (JhkDb         *db,
                      const gint64  *playbook_ids,
                      guint          n_ids,
                      GError       **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) playbooks = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_free);

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (playbook_ids == NULL)
    {
      ids = jhk_service_query_ids (db, error,
                                   "SELECT id FROM playbooks WHERE retired = 0 ORDER BY code",
                                   JHK_DB_END);
      if (ids == NULL)
        return NULL;
    }
  else
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (ids, playbook_ids, n_ids);
    }
  shared = jhk_playbooks_shared_steps (db, error);
  if (shared == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      JhkPlaybook *p = jhk_playbooks_get (db, g_array_index (ids, gint64, i), 0, error);

      if (p == NULL)
        return NULL;
      g_ptr_array_add (playbooks, p);
    }

  json_builder_begin_object (b);
  add_string (b, "format", FORMAT_NAME);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, FORMAT_VERSION);
  json_builder_set_member_name (b, "playbooks");
  json_builder_begin_array (b);
  for (guint i = 0; i < playbooks->len; i++)
    {
      const JhkPlaybook *p = g_ptr_array_index (playbooks, i);

      json_builder_begin_object (b);
      add_string (b, "code", p->code);
      add_string (b, "title", p->title);
      add_string (b, "systems", p->systems);
      json_builder_set_member_name (b, "businesses");
      json_builder_begin_array (b);
      for (guint j = 0; j < p->business_ids->len; j++)
        {
          g_autofree char *code = business_code (db, g_array_index (p->business_ids, gint64, j));

          if (code != NULL)
            json_builder_add_string_value (b, code);
        }
      json_builder_end_array (b);
      add_string (b, "trigger", p->trigger);
      json_builder_set_member_name (b, "severity");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "damage");
      json_builder_add_boolean_value (b, p->serious_damage);
      json_builder_set_member_name (b, "stop_minutes");
      json_builder_add_int_value (b, p->serious_stop_minutes);
      json_builder_set_member_name (b, "leak");
      json_builder_add_boolean_value (b, p->serious_leak);
      add_string (b, "other", p->serious_other);
      json_builder_set_member_name (b, "report_hours");
      json_builder_add_int_value (b, p->report_hours);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "steps");
      json_builder_begin_array (b);
      for (guint j = 0; j < p->steps->len; j++)
        {
          const JhkPlaybookStep *s = g_ptr_array_index (p->steps, j);
          const char *code = NULL;

          for (guint k = 0; k < shared->len && s->shared_step_id != 0; k++)
            {
              JhkSharedStep *sh = g_ptr_array_index (shared, k);

              if (sh->id == s->shared_step_id)
                {
                  code = sh->code;
                  g_hash_table_add (used, &sh->id);
                }
            }
          json_builder_begin_object (b);
          add_step_members (b, s);
          json_builder_set_member_name (b, "shared");
          if (code != NULL)
            json_builder_add_string_value (b, code);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "contacts");
      json_builder_begin_array (b);
      for (guint j = 0; j < p->contacts->len; j++)
        {
          const JhkPlaybookContact *c = g_ptr_array_index (p->contacts, j);

          json_builder_begin_object (b);
          add_string (b, "role", c->role);
          add_string (b, "name", c->name);
          add_string (b, "extension", c->extension);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  /* All the shared steps with all the playbooks, else those used. */
  json_builder_set_member_name (b, "shared_steps");
  json_builder_begin_array (b);
  for (guint k = 0; k < shared->len; k++)
    {
      JhkSharedStep *sh = g_ptr_array_index (shared, k);

      if (playbook_ids != NULL && !g_hash_table_contains (used, &sh->id))
        continue;
      json_builder_begin_object (b);
      add_string (b, "code", sh->code);
      add_step_members (b, sh->step);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Import ------------------------------------------------------------------ */

typedef struct
{
  JhkDb             *db;
  JhkSession        *actor;
  JhkPlaybookImport *result;
  GHashTable        *shared_codes;   /* code -> SharedIn (document's) */
  GPtrArray         *shared_order;   /* SharedIn, as the document has them */
  GHashTable        *codes;          /* the document's playbook codes */
} Import;

typedef struct
{
  char            *code;
  JhkPlaybookStep *step;
  gint64           id;       /* in the database, 0 new */
  gboolean         changed;  /* new or different */
} SharedIn;

static void
shared_in_free (SharedIn *s)
{
  g_free (s->code);
  jhk_playbook_step_free (s->step);
  g_free (s);
}

typedef struct
{
  JhkPlaybook *p;              /* as the document has it; steps' shared ids filled in */
  GPtrArray   *step_shared;    /* char * code or NULL, per step */
  JhkPlaybook *stored;         /* the current version, NULL new */
} PlaybookIn;

static void
playbook_in_free (PlaybookIn *in)
{
  jhk_playbook_free (in->p);
  g_clear_pointer (&in->step_shared, g_ptr_array_unref);
  jhk_playbook_free (in->stored);
  g_free (in);
}

static void G_GNUC_PRINTF (3, 4)
add_error (Import     *im,
           const char *where,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (im->result->errors->len >= MAX_IMPORT_ERRORS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (im->result->errors->len == MAX_IMPORT_ERRORS - 1)
    g_ptr_array_add (im->result->errors, g_strdup (_("Too many errors; the rest are not listed.")));
  else
    g_ptr_array_add (im->result->errors, g_strdup_printf ("%s: %s", where, message));
}

/* The depth of nesting of the JSON text, strings skipped; stops counting
 * past limit. */
static int
json_depth (const char *text,
            gsize       length,
            int         limit)
{
  int depth = 0, max = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          max = MAX (max, depth);
          if (max > limit)
            return max;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return max;
}

typedef enum { WANT_STRING, WANT_INT, WANT_BOOL } Want;

/* The member of object as wanted: absent or null gives the default (FALSE
 * when required); a wrong type is an error naming where.name. */
static gboolean
get_member (Import      *im,
            JsonObject  *object,
            const char  *where,
            const char  *name,
            Want         want,
            gboolean     required,
            const char **out_string,
            gint64      *out_int,
            gboolean    *out_bool)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *path = g_strdup_printf ("%s.%s", where, name);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          add_error (im, path, "%s", _("missing"));
          return FALSE;
        }
      return TRUE;
    }
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  switch (want)
    {
    case WANT_STRING:
      if (type == G_TYPE_STRING)
        {
          *out_string = json_node_get_string (node);
          return TRUE;
        }
      add_error (im, path, "%s", _("must be a text"));
      return FALSE;
    case WANT_INT:
      if (type == G_TYPE_INT64)
        {
          *out_int = json_node_get_int (node);
          return TRUE;
        }
      add_error (im, path, "%s", _("must be a whole number"));
      return FALSE;
    case WANT_BOOL:
      if (type == G_TYPE_BOOLEAN)
        {
          *out_bool = json_node_get_boolean (node);
          return TRUE;
        }
      add_error (im, path, "%s", _("must be true or false"));
      return FALSE;
    }
  return FALSE;
}

static gboolean
get_text (Import      *im,
          JsonObject  *object,
          const char  *where,
          const char  *name,
          gboolean     required,
          char       **member)
{
  const char *value = NULL;

  if (!get_member (im, object, where, name, WANT_STRING, required, &value, NULL, NULL))
    return FALSE;
  if (value != NULL)
    set_text (member, value);
  return TRUE;
}

/* An int member into an int; out of range gives -1 (refused by the
 * checks). */
static gboolean
get_int (Import     *im,
         JsonObject *object,
         const char *where,
         const char *name,
         int        *member)
{
  gint64 value = 0;

  if (!get_member (im, object, where, name, WANT_INT, FALSE, NULL, &value, NULL))
    return FALSE;
  *member = value < 0 || value > G_MAXINT / 2 ? -1 : (int) value;
  return TRUE;
}

static gboolean
get_bool (Import     *im,
          JsonObject *object,
          const char *where,
          const char *name,
          gboolean   *member)
{
  return get_member (im, object, where, name, WANT_BOOL, FALSE, NULL, NULL, member);
}

/* The array member (absent: NULL, fine), or FALSE with an error. */
static gboolean
get_array (Import      *im,
           JsonObject  *object,
           const char  *where,
           const char  *name,
           gboolean     required,
           JsonArray  **out_array)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *out_array = json_node_get_array (node);
      return TRUE;
    }
  {
    g_autofree char *path = *where != '\0' ? g_strdup_printf ("%s.%s", where, name)
                                           : g_strdup (name);

    add_error (im, path, "%s", node == NULL ? _("missing") : _("must be a list"));
  }
  return FALSE;
}

/* "steps.3.text" as "steps[3].text". */
static char *
field_path (const char *where,
            const char *field)
{
  GString *path = g_string_new (where);
  g_auto(GStrv) parts = g_strsplit (field != NULL ? field : "", ".", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_ascii_isdigit (parts[i][0]))
        g_string_append_printf (path, "[%s]", parts[i]);
      else
        g_string_append_printf (path, ".%s", parts[i]);
    }
  return g_string_free (path, FALSE);
}

/* A step object of the document into a JhkPlaybookStep (NULL on errors). */
static JhkPlaybookStep *
read_step (Import      *im,
           JsonNode    *node,
           const char  *where,
           char       **out_shared)
{
  JhkPlaybookStep *step;
  JsonObject *o;
  gboolean ok = TRUE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (im, where, "%s", _("must be an object"));
      return NULL;
    }
  o = json_node_get_object (node);
  step = jhk_playbook_step_new ("", "", 0, FALSE, "");
  ok &= get_text (im, o, where, "text", TRUE, &step->text);
  ok &= get_text (im, o, where, "role", FALSE, &step->role);
  ok &= get_int (im, o, where, "minutes", &step->minutes);
  ok &= get_bool (im, o, where, "needs_confirmation", &step->needs_confirmation);
  ok &= get_text (im, o, where, "evidence", FALSE, &step->evidence);
  if (out_shared != NULL)
    {
      const char *shared = NULL;

      ok &= get_member (im, o, where, "shared", WANT_STRING, FALSE, &shared, NULL, NULL);
      *out_shared = g_strdup (shared);
    }
  if (!ok)
    {
      jhk_playbook_step_free (step);
      return NULL;
    }
  return step;
}

static void
read_shared_steps (Import    *im,
                   JsonArray *array)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("shared_steps[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      const char *code = NULL;
      const char *field = NULL;
      g_autoptr(GError) error = NULL;
      JhkSharedStep probe = { 0 };
      JhkPlaybookStep *step;
      SharedIn *in;

      if (i >= MAX_IMPORT_SHARED)
        {
          add_error (im, "shared_steps", "%s", _("too many shared steps"));
          return;
        }
      step = read_step (im, node, where, NULL);
      if (step == NULL)
        continue;
      if (!get_member (im, json_node_get_object (node), where, "code", WANT_STRING, TRUE, &code,
                       NULL, NULL))
        {
          jhk_playbook_step_free (step);
          continue;
        }
      probe.code = (char *) code;
      probe.step = step;
      if (!check_shared (&probe, &field, &error))
        {
          g_autofree char *path = field_path (where, field);

          add_error (im, path, "%s", error->message);
          jhk_playbook_step_free (step);
          continue;
        }
      if (g_hash_table_contains (im->shared_codes, code))
        {
          g_autofree char *path = g_strdup_printf ("%s.code", where);

          add_error (im, path, _("the code “%s” is in the document twice"), code);
          jhk_playbook_step_free (step);
          continue;
        }
      in = g_new0 (SharedIn, 1);
      in->code = g_strdup (code);
      in->step = step;
      g_hash_table_insert (im->shared_codes, in->code, in);
      g_ptr_array_add (im->shared_order, in);
    }
}

/* The database's id of the shared step code, 0 none. */
static gint64
shared_id_of (JhkDb      *db,
              const char *code)
{
  gint64 id = 0;

  if (!jhk_db_query_int64 (db, &id, NULL, "SELECT id FROM shared_steps WHERE code = ?",
                           JHK_T (code), JHK_DB_END))
    return 0;
  return id;
}

static PlaybookIn *
read_playbook (Import     *im,
               JsonNode   *node,
               const char *where)
{
  g_autoptr(JhkPlaybook) p = jhk_playbook_new ();
  g_autoptr(GPtrArray) step_shared = g_ptr_array_new_with_free_func (g_free);
  JsonObject *o, *severity = NULL;
  JsonArray *array = NULL;
  gboolean ok = TRUE;
  guint n_errors = im->result->errors->len;
  PlaybookIn *in;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (im, where, "%s", _("must be an object"));
      return NULL;
    }
  o = json_node_get_object (node);
  ok &= get_text (im, o, where, "code", TRUE, &p->code);
  ok &= get_text (im, o, where, "title", TRUE, &p->title);
  ok &= get_text (im, o, where, "systems", FALSE, &p->systems);
  ok &= get_text (im, o, where, "trigger", FALSE, &p->trigger);
  ok &= get_text (im, o, where, "change_note", FALSE, &p->change_note);

  if (get_array (im, o, where, "businesses", FALSE, &array))
    for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
      {
        JsonNode *b = json_array_get_element (array, i);
        g_autofree char *path = g_strdup_printf ("%s.businesses[%u]", where, i);
        gint64 id;

        if (i >= 1000)
          {
            add_error (im, path, "%s", _("too many businesses"));
            ok = FALSE;
            break;
          }
        if (!JSON_NODE_HOLDS_VALUE (b) || json_node_get_value_type (b) != G_TYPE_STRING)
          {
            add_error (im, path, "%s", _("must be a business code"));
            ok = FALSE;
            continue;
          }
        id = jhk_org_find_business (im->db, json_node_get_string (b));
        if (id <= 0)
          {
            add_error (im, path, _("no business has the code “%s”"), json_node_get_string (b));
            ok = FALSE;
            continue;
          }
        g_array_append_val (p->business_ids, id);
      }
  else
    ok = FALSE;

  {
    JsonNode *s = json_object_get_member (o, "severity");

    if (s != NULL && JSON_NODE_HOLDS_OBJECT (s))
      severity = json_node_get_object (s);
    else if (s != NULL && !JSON_NODE_HOLDS_NULL (s))
      {
        g_autofree char *path = g_strdup_printf ("%s.severity", where);

        add_error (im, path, "%s", _("must be an object"));
        ok = FALSE;
      }
  }
  if (severity != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.severity", where);

      ok &= get_bool (im, severity, path, "damage", &p->serious_damage);
      ok &= get_int (im, severity, path, "stop_minutes", &p->serious_stop_minutes);
      ok &= get_bool (im, severity, path, "leak", &p->serious_leak);
      ok &= get_text (im, severity, path, "other", FALSE, &p->serious_other);
      ok &= get_int (im, severity, path, "report_hours", &p->report_hours);
    }

  if (get_array (im, o, where, "steps", TRUE, &array))
    for (guint i = 0; i < json_array_get_length (array) && i <= JHK_PLAYBOOK_MAX_STEPS; i++)
      {
        g_autofree char *path = g_strdup_printf ("%s.steps[%u]", where, i);
        char *shared = NULL;
        JhkPlaybookStep *step = read_step (im, json_array_get_element (array, i), path, &shared);

        if (step == NULL)
          {
            ok = FALSE;
            continue;
          }
        g_ptr_array_add (p->steps, step);
        g_ptr_array_add (step_shared, shared);
      }
  else
    ok = FALSE;

  if (get_array (im, o, where, "contacts", FALSE, &array))
    for (guint i = 0; array != NULL && i < json_array_get_length (array) &&
                      i <= JHK_PLAYBOOK_MAX_CONTACTS; i++)
      {
        JsonNode *c = json_array_get_element (array, i);
        g_autofree char *path = g_strdup_printf ("%s.contacts[%u]", where, i);
        JhkPlaybookContact *contact;
        JsonObject *co;

        if (!JSON_NODE_HOLDS_OBJECT (c))
          {
            add_error (im, path, "%s", _("must be an object"));
            ok = FALSE;
            continue;
          }
        co = json_node_get_object (c);
        contact = jhk_playbook_contact_new ("", "", "");
        g_ptr_array_add (p->contacts, contact);
        ok &= get_text (im, co, path, "role", TRUE, &contact->role);
        ok &= get_text (im, co, path, "name", FALSE, &contact->name);
        ok &= get_text (im, co, path, "extension", FALSE, &contact->extension);
      }
  else
    ok = FALSE;

  if (!ok || im->result->errors->len != n_errors)
    return NULL;
  {
    g_autoptr(GError) error = NULL;
    const char *field = NULL;

    if (!jhk_playbook_check (p, &field, &error))
      {
        g_autofree char *path = field_path (where, field);

        add_error (im, path, "%s", error->message);
        return NULL;
      }
  }
  in = g_new0 (PlaybookIn, 1);
  in->p = g_steal_pointer (&p);
  in->step_shared = g_steal_pointer (&step_shared);
  return in;
}

/* The shared steps the playbook names exist (in the document or the
 * database); fills in the known ids. */
static gboolean
resolve_shared (Import     *im,
                PlaybookIn *in,
                const char *where)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < in->p->steps->len; i++)
    {
      const char *code = g_ptr_array_index (in->step_shared, i);
      JhkPlaybookStep *s = g_ptr_array_index (in->p->steps, i);
      SharedIn *doc;

      if (code == NULL)
        continue;
      doc = g_hash_table_lookup (im->shared_codes, code);
      s->shared_step_id = doc != NULL ? doc->id : shared_id_of (im->db, code);
      if (doc == NULL && s->shared_step_id == 0)
        {
          g_autofree char *path = g_strdup_printf ("%s.steps[%u].shared", where, i);

          add_error (im, path, _("no shared step has the code “%s”"), code);
          ok = FALSE;
        }
    }
  return ok;
}

/* Writes what the checks let through, in the open transaction. */
static gboolean
import_write (Import     *im,
              GPtrArray  *playbooks,
              GError    **error)
{
  gint64 now = jhk_now_us ();
  SharedIn *shared;

  /* Shared steps first, in the document's order, so the playbooks can
   * point at them. */
  for (guint i = 0; i < im->shared_order->len; i++)
    {
      shared = g_ptr_array_index (im->shared_order, i);
      if (!shared->changed)
        continue;
      shared->id = write_shared (im->db, shared->id, shared->code, shared->step, now, error);
      if (shared->id == 0)
        return FALSE;
    }
  for (guint i = 0; i < playbooks->len; i++)
    {
      PlaybookIn *in = g_ptr_array_index (playbooks, i);

      for (guint j = 0; j < in->p->steps->len; j++)
        {
          const char *code = g_ptr_array_index (in->step_shared, j);
          JhkPlaybookStep *s = g_ptr_array_index (in->p->steps, j);
          SharedIn *doc = code != NULL ? g_hash_table_lookup (im->shared_codes, code) : NULL;

          if (doc != NULL)
            s->shared_step_id = doc->id;
        }
      if (in->stored != NULL && playbooks_equal (in->stored, in->p))
        continue;
      if (write_playbook (im->db, im->actor, in->p, in->stored, now, error) == 0)
        return FALSE;
    }
  /* Playbooks outside the document follow their shared steps. */
  for (guint i = 0; i < im->shared_order->len; i++)
    {
      shared = g_ptr_array_index (im->shared_order, i);
      if (shared->changed &&
          !bump_users (im->db, im->actor, shared->step, shared->id, now, im->codes, NULL, error))
        return FALSE;
    }
  return TRUE;
}

JhkPlaybookImport *
jhk_playbooks_import (JhkDb        *db,
                      JhkSession   *actor,
                      const char   *json_text,
                      gsize         length,
                      gboolean      dry_run,
                      GError      **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JhkPlaybookImport) result = NULL;
  g_autoptr(GHashTable) shared_codes = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GPtrArray) shared_order = NULL;
  g_autoptr(GPtrArray) playbooks = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *o;
  JsonArray *array = NULL;
  Import im = { 0 };

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (json_text == NULL)
    json_text = "", length = 0;
  if (length == (gsize) -1)
    length = strlen (json_text);
  if (!is_sysadmin (actor) && !manages_any_business (actor))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the system administrator and the managers of businesses "
                             "write playbooks."));
      return NULL;
    }
  if (length > MAX_IMPORT_BYTES)
    {
      jhk_service_invalid (error, _("The file is too large for a playbook document."));
      return NULL;
    }
  if (!g_utf8_validate_len (json_text, length, NULL))
    {
      jhk_service_invalid (error, _("The file is not UTF-8 text."));
      return NULL;
    }
  if (json_depth (json_text, length, MAX_IMPORT_DEPTH) > MAX_IMPORT_DEPTH)
    {
      jhk_service_invalid (error, _("The file is nested too deeply for a playbook document."));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json_text, (gssize) length, &local))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The file is not JSON: %s"), local->message);
      return NULL;
    }

  result = g_new0 (JhkPlaybookImport, 1);
  result->errors = g_ptr_array_new_with_free_func (g_free);
  shared_codes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) shared_in_free);
  codes = g_hash_table_new (g_str_hash, g_str_equal);
  playbooks = g_ptr_array_new_with_free_func ((GDestroyNotify) playbook_in_free);
  im.db = db;
  im.actor = actor;
  im.result = result;
  im.shared_codes = shared_codes;
  im.shared_order = shared_order = g_ptr_array_new ();
  im.codes = codes;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      jhk_service_invalid (error, _("The file is empty."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      add_error (&im, "$", "%s", _("the document must be an object"));
      return g_steal_pointer (&result);
    }
  o = json_node_get_object (root);
  {
    const char *format = NULL;
    gint64 version = 0;

    if (!get_member (&im, o, "$", "format", WANT_STRING, TRUE, &format, NULL, NULL) ||
        g_strcmp0 (format, FORMAT_NAME) != 0)
      {
        if (format != NULL)
          add_error (&im, "format", _("must be “%s”"), FORMAT_NAME);
        return g_steal_pointer (&result);
      }
    if (!get_member (&im, o, "$", "version", WANT_INT, TRUE, NULL, &version, NULL))
      return g_steal_pointer (&result);
    if (version != FORMAT_VERSION)
      {
        add_error (&im, "version", _("version %lld of the format is not one Jhk reads"),
                   (long long) version);
        return g_steal_pointer (&result);
      }
  }

  /* Shared steps: checked, compared with the database. */
  if (get_array (&im, o, "", "shared_steps", FALSE, &array))
    read_shared_steps (&im, array);
  for (guint i = 0; i < shared_order->len; i++)
      {
        SharedIn *shared = g_ptr_array_index (shared_order, i);

        shared->id = shared_id_of (db, shared->code);
        if (shared->id != 0)
          {
            g_autofree char *code = NULL;
            gboolean equal = FALSE;

            shared->step->shared_step_id = shared->id;
            if (!shared_equal (db, shared->id, shared->step, &code, &equal, error))
              return NULL;
            shared->changed = !equal;
            if (!equal)
              result->shared_updated++;
          }
        else
          {
            shared->changed = TRUE;
            result->shared_created++;
          }
        if (shared->changed && shared_refusal (actor) != NULL)
          {
            g_autofree char *path = g_strdup_printf ("shared_steps (%s)", shared->code);

            add_error (&im, path, "%s", shared_refusal (actor));
          }
      }

  /* Playbooks. */
  if (get_array (&im, o, "", "playbooks", TRUE, &array))
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        g_autofree char *where = g_strdup_printf ("playbooks[%u]", i);
        PlaybookIn *in;
        int code = 0;
        const char *message;

        if (i >= MAX_IMPORT_PLAYBOOKS)
          {
            add_error (&im, "playbooks", "%s", _("too many playbooks"));
            break;
          }
        in = read_playbook (&im, json_array_get_element (array, i), where);
        if (in == NULL)
          continue;
        g_ptr_array_add (playbooks, in);
        if (g_hash_table_contains (codes, in->p->code))
          {
            g_autofree char *path = g_strdup_printf ("%s.code", where);

            add_error (&im, path, _("the code “%s” is in the document twice"), in->p->code);
            continue;
          }
        g_hash_table_add (codes, in->p->code);
        if (!resolve_shared (&im, in, where))
          continue;
        in->stored = jhk_playbooks_get_by_code (db, in->p->code, &local);
        if (in->stored == NULL)
          {
            if (!g_error_matches (local, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND))
              {
                g_propagate_error (error, g_steal_pointer (&local));
                return NULL;
              }
            g_clear_error (&local);
          }
        message = refusal (actor, in->p, in->stored != NULL ? JHK_PLAYBOOK_EDIT
                                                            : JHK_PLAYBOOK_CREATE, &code);
        if (message == NULL && in->stored != NULL)
          message = refusal (actor, in->stored, JHK_PLAYBOOK_EDIT, &code);
        if (message != NULL)
          {
            add_error (&im, where, "%s", message);
            continue;
          }
        if (in->stored == NULL)
          result->created++;
        else if (playbooks_equal (in->stored, in->p))
          result->unchanged++;
        else
          result->updated++;
      }

  if (result->errors->len > 0 || dry_run)
    return g_steal_pointer (&result);
  if (!jhk_service_begin (db, actor, error))
    return NULL;
  if (!import_write (&im, playbooks, error))
    {
      jhk_service_abort (db);
      return NULL;
    }
  {
    g_autoptr(JsonObject) details = json_object_new ();

    json_object_set_int_member (details, "created", result->created);
    json_object_set_int_member (details, "updated", result->updated);
    json_object_set_int_member (details, "unchanged", result->unchanged);
    json_object_set_int_member (details, "shared_created", result->shared_created);
    json_object_set_int_member (details, "shared_updated", result->shared_updated);
    if (!jhk_service_commit (db, actor, "playbook.import", "playbook", "import", details, error))
      return NULL;
  }
  return g_steal_pointer (&result);
}
