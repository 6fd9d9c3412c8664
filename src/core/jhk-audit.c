/* jhk-audit.c: append and verify the audit chain.
 *
 * hash(n) = SHA-256 ("jhk-audit-v1" NUL, prev_hash, each field as
 * "<length>:<bytes>"), so no two different entries can serialise to the
 * same bytes and a hash of this chain is never valid in another context.
 */
#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jhk-audit.h"
#include "jhk-policy.h"
#include "jhk-service.h"

G_DEFINE_QUARK (jhk-audit-error-quark, jhk_audit_error)

#define DOMAIN_TAG "jhk-audit-v1"

static void
canonical_append (GString  *out,
                  JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        members = g_list_sort (members, (GCompareFunc) strcmp);
        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);

            if (l != members)
              g_string_append_c (out, ',');
            canonical_append (out, key);
            g_string_append_c (out, ':');
            canonical_append (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            canonical_append (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      {
        g_autofree char *text = json_to_string (node, FALSE);
        g_string_append (out, text);
        break;
      }
    }
}

char *
jhk_audit_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node == NULL)
    g_string_append (out, "{}");
  else
    canonical_append (out, node);
  return g_string_free (out, FALSE);
}

static void
hash_field (GChecksum  *checksum,
            const char *value)
{
  char prefix[32];
  gsize len = strlen (value);

  g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":", len);
  g_checksum_update (checksum, (const guchar *) prefix, -1);
  g_checksum_update (checksum, (const guchar *) value, len);
}

static void
compute_hash (const char *prev_hash,
              gint64      seq,
              gint64      at,
              const char *actor,
              const char *role,
              const char *org,
              const char *workstation,
              const char *action,
              const char *object_type,
              const char *object_id,
              const char *details,
              char        out[65])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char number[32];

  g_checksum_update (checksum, (const guchar *) DOMAIN_TAG, sizeof DOMAIN_TAG);
  hash_field (checksum, prev_hash);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
  hash_field (checksum, number);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, at);
  hash_field (checksum, number);
  hash_field (checksum, actor);
  hash_field (checksum, role);
  hash_field (checksum, org);
  hash_field (checksum, workstation);
  hash_field (checksum, action);
  hash_field (checksum, object_type);
  hash_field (checksum, object_id);
  hash_field (checksum, details);
  g_strlcpy (out, g_checksum_get_string (checksum), 65);
}

gboolean
jhk_audit_append_raw (JhkDb       *db,
                      const char  *actor,
                      const char  *role,
                      const char  *org,
                      const char  *workstation,
                      const char  *action,
                      const char  *object_type,
                      const char  *object_id,
                      JsonObject  *details,
                      GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *prev_hash = NULL;
  char hash[65];
  gint64 seq = 0;
  gint64 at = jhk_now_us ();
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  /* Entries are appended only inside the write transaction of the change
   * they record: the write lock serialises appends into one chain. */
  g_return_val_if_fail (jhk_db_in_transaction (db), FALSE);

  stmt = jhk_db_query (db, error, "SELECT seq, hash FROM audit_chain_head",
                       JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_ROW)
    {
      seq = jhk_db_stmt_get_int64 (stmt, 0);
      prev_hash = jhk_db_stmt_dup_text (stmt, 1);
    }
  else
    {
      prev_hash = g_strdup (JHK_AUDIT_GENESIS_HASH);
    }
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  seq++;

  if (details != NULL)
    node = json_node_init_object (json_node_alloc (), details);
  canonical = jhk_audit_canonical_json (node);

  compute_hash (prev_hash, seq, at, actor, role, org, workstation, action, object_type,
                object_id, canonical, hash);

  return jhk_db_run (db, error,
                     "INSERT INTO audit_log (seq, at, actor, role, org, workstation, action,"
                     " object_type, object_id, details, prev_hash, hash)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     JHK_I (seq), JHK_I (at), JHK_T (actor), JHK_T (role), JHK_T (org),
                     JHK_T (workstation), JHK_T (action), JHK_T (object_type),
                     JHK_T (object_id), JHK_T (canonical), JHK_T (prev_hash), JHK_T (hash),
                     JHK_DB_END);
}

gboolean
jhk_audit_append (JhkDb       *db,
                  JhkSession  *actor,
                  const char  *action,
                  const char  *object_type,
                  const char  *object_id,
                  JsonObject  *details,
                  GError     **error)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  return jhk_audit_append_raw (db, jhk_session_get_login (actor),
                               jhk_session_get_role_keys (actor),
                               jhk_session_get_org_code (actor),
                               jhk_session_get_workstation (actor), action, object_type,
                               object_id, details, error);
}

void
jhk_audit_report_clear (JhkAuditReport *report)
{
  g_clear_pointer (&report->problem, g_free);
  g_clear_pointer (&report->integrity, g_free);
}

static gboolean
report_broken (JhkAuditReport  *report,
               gint64           seq,
               GError         **error,
               char            *problem)
{
  report->first_bad_seq = seq;
  report->problem = problem;
  g_set_error_literal (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_BROKEN, problem);
  return FALSE;
}

/* On a shared server a user's own connection reads only some entries
 * (row-level security); a walk over those would report gaps that are not
 * there. */
static gboolean
check_reads_whole_chain (JhkDb   *db,
                         gint64   n_readable,
                         GError **error)
{
  gint64 limited = 0;
  gint64 head_seq = 0;

  if (!jhk_db_has_server_roles (db))
    return TRUE;
  if (!jhk_db_query_int64 (db, &limited, error,
                           "SELECT CASE WHEN row_security_active ('audit_log')"
                           " AND NOT jhk_is_admin () THEN 1 ELSE 0 END", JHK_DB_END) ||
      !jhk_db_query_int64 (db, &head_seq, error,
                           "SELECT COALESCE(MAX(seq), 0) FROM audit_chain_head", JHK_DB_END))
    return FALSE;
  if (limited && head_seq > n_readable)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                   _("This connection may read only %lld of the %lld audit entries. Verify "
                     "as the general supervisor or the system administrator, or as the "
                     "database's owner."),
                   (long long) n_readable, (long long) head_seq);
      return FALSE;
    }
  return TRUE;
}

gboolean
jhk_audit_verify (JhkDb                    *db,
                  const JhkAuditCheckpoint *checkpoint,
                  JhkDbProgressFunc         progress,
                  gpointer                  user_data,
                  GCancellable             *cancellable,
                  JhkAuditReport           *report,
                  GError                  **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkAuditReport local = { 0 };
  char prev[65];
  gint64 expected = 1;
  gint64 total = 0;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);

  if (report == NULL)
    report = &local;
  memset (report, 0, sizeof *report);
  g_strlcpy (prev, JHK_AUDIT_GENESIS_HASH, sizeof prev);

  if (!jhk_db_integrity_check (db, &report->integrity, error))
    {
      jhk_audit_report_clear (&local);
      return FALSE;
    }

  if (!jhk_db_query_int64 (db, &total, error, "SELECT COUNT(*) FROM audit_log", JHK_DB_END))
    return FALSE;
  if (!check_reads_whole_chain (db, total, error))
    {
      jhk_audit_report_clear (&local);
      return FALSE;
    }

  stmt = jhk_db_query (db, error,
                       "SELECT seq, at, actor, role, org, workstation, action, object_type,"
                       " object_id, details, prev_hash, hash FROM audit_log ORDER BY seq",
                       JHK_DB_END);
  if (stmt == NULL)
    return FALSE;

  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      gint64 seq = jhk_db_stmt_get_int64 (stmt, 0);
      const char *stored_prev = jhk_db_stmt_get_text (stmt, 10);
      const char *stored_hash = jhk_db_stmt_get_text (stmt, 11);
      char hash[65];

      if (seq != expected)
        {
          jhk_audit_report_clear (&local);
          return report_broken (report, expected, error,
                                g_strdup_printf (seq > expected
                                                   ? _("Audit entry %lld is missing.")
                                                   : _("Audit entry %lld is out of order."),
                                                 (long long) expected));
        }
      if (g_strcmp0 (stored_prev, prev) != 0)
        {
          jhk_audit_report_clear (&local);
          return report_broken (report, seq, error,
                                g_strdup_printf (_("Audit entry %lld does not follow the "
                                                   "entry before it."),
                                                 (long long) seq));
        }
      compute_hash (prev, seq, jhk_db_stmt_get_int64 (stmt, 1),
                    jhk_db_stmt_get_text (stmt, 2), jhk_db_stmt_get_text (stmt, 3),
                    jhk_db_stmt_get_text (stmt, 4), jhk_db_stmt_get_text (stmt, 5),
                    jhk_db_stmt_get_text (stmt, 6), jhk_db_stmt_get_text (stmt, 7),
                    jhk_db_stmt_get_text (stmt, 8), jhk_db_stmt_get_text (stmt, 9), hash);
      if (g_strcmp0 (hash, stored_hash) != 0)
        {
          jhk_audit_report_clear (&local);
          return report_broken (report, seq, error,
                                g_strdup_printf (_("Audit entry %lld has been altered."),
                                                 (long long) seq));
        }
      if (checkpoint != NULL && seq == checkpoint->size &&
          g_strcmp0 (hash, checkpoint->head) != 0)
        {
          jhk_audit_report_clear (&local);
          return report_broken (report, seq, error,
                                g_strdup_printf (_("The history up to audit entry %lld "
                                                   "differs from the checkpoint: it has "
                                                   "been rewritten."),
                                                 (long long) seq));
        }
      g_strlcpy (prev, hash, sizeof prev);
      report->n_entries = seq;
      expected++;

      if ((seq & 0x3fff) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              jhk_audit_report_clear (&local);
              return FALSE;
            }
          if (progress != NULL && total > 0)
            progress ((double) seq / total, user_data);
        }
    }
  if (step == JHK_DB_FAILED)
    {
      jhk_audit_report_clear (&local);
      return FALSE;
    }
  g_strlcpy (report->head, prev, sizeof report->head);

  if (checkpoint != NULL && report->n_entries < checkpoint->size)
    {
      jhk_audit_report_clear (&local);
      return report_broken (report, report->n_entries + 1, error,
                            g_strdup_printf (_("The audit log ends at entry %lld but the "
                                               "checkpoint covers %lld entries: entries "
                                               "from %lld on were cut off."),
                                             (long long) report->n_entries,
                                             (long long) checkpoint->size,
                                             (long long) report->n_entries + 1));
    }
  if (progress != NULL)
    progress (1.0, user_data);
  jhk_audit_report_clear (&local);
  return TRUE;
}

gboolean
jhk_audit_get_head (JhkDb              *db,
                    JhkAuditCheckpoint *out,
                    GError            **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  memset (out, 0, sizeof *out);
  g_strlcpy (out->head, JHK_AUDIT_GENESIS_HASH, sizeof out->head);
  stmt = jhk_db_query (db, error, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                       JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  step = jhk_db_stmt_step (stmt, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_ROW)
    {
      out->size = jhk_db_stmt_get_int64 (stmt, 0);
      g_strlcpy (out->head, jhk_db_stmt_get_text (stmt, 1), sizeof out->head);
    }
  return TRUE;
}

gboolean
jhk_audit_checkpoint_save (const JhkAuditCheckpoint *checkpoint,
                           const char               *path,
                           GError                  **error)
{
  g_autofree char *text = g_strdup_printf ("jhk-audit-checkpoint 1\n"
                                           "size %" G_GINT64_FORMAT "\n"
                                           "head %s\n",
                                           checkpoint->size, checkpoint->head);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

gboolean
jhk_audit_checkpoint_load (const char         *path,
                           JhkAuditCheckpoint *out,
                           GError            **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  char *end = NULL;

  memset (out, 0, sizeof *out);
  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", 0);
  if (g_strv_length (lines) < 3 || g_strcmp0 (lines[0], "jhk-audit-checkpoint 1") != 0 ||
      !g_str_has_prefix (lines[1], "size ") || !g_str_has_prefix (lines[2], "head ") ||
      strlen (lines[2] + 5) != 64)
    goto bad;
  out->size = g_ascii_strtoll (lines[1] + 5, &end, 10);
  if (end == NULL || *end != '\0' || out->size < 0)
    goto bad;
  g_strlcpy (out->head, lines[2] + 5, sizeof out->head);
  return TRUE;

bad:
  g_set_error (error, JHK_AUDIT_ERROR, JHK_AUDIT_ERROR_CHECKPOINT,
               _("%s is not a Jhk audit checkpoint."), path);
  return FALSE;
}

gboolean
jhk_audit_record_verification (JhkDb       *db,
                               JhkSession  *actor,
                               gboolean     ok,
                               gint64       n_entries,
                               gint64       first_bad_seq,
                               GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();

  if (!jhk_policy_require_either (actor, JHK_ROLE_SYSADMIN, JHK_ROLE_SUPERVISOR, error))
    return FALSE;
  json_object_set_boolean_member (details, "ok", ok);
  json_object_set_int_member (details, "entries", n_entries);
  if (!ok)
    json_object_set_int_member (details, "first_bad_seq", first_bad_seq);
  /* A verification is recorded even by a read-only user: it changes no data. */
  if (!jhk_db_begin (db, error))
    return FALSE;
  return jhk_service_commit (db, actor, "audit.verify", "audit_log", "", details, error);
}

static const struct
{
  const char *action;
  const char *label;
} action_labels[] = {
  { "db.init", N_("Database created") },
  { "db.restore", N_("Database restored") },
  { "db.backup", N_("Database backed up") },
  { "db.migrate", N_("Database copied to another backend") },
  { "audit.verify", N_("Audit log verified") },
  { "session.login", N_("Logged in") },
  { "session.login_failed", N_("Login failed") },
  { "session.logout", N_("Logged out") },
  { "session.lock", N_("Screen locked") },
  { "session.unlock", N_("Screen unlocked") },
  { "session.unlock_failed", N_("Unlock failed") },
  { "user.issue", N_("User ID issued") },
  { "user.password", N_("Password changed") },
  { "user.password_reset", N_("Password reset") },
  { "user.restrict", N_("User restricted") },
  { "user.unlock", N_("Lockout lifted") },
  { "user.lockout", N_("User locked out") },
  { "user.status", N_("User ID suspended or retired") },
  { "user.rehash", N_("Password hash upgraded") },
  { "org.add", N_("Org unit added") },
  { "org.update", N_("Org unit changed") },
  { "staff.add", N_("Staff member added") },
  { "staff.update", N_("Staff member changed") },
  { "role.grant", N_("Role assigned") },
  { "role.end", N_("Role ended") },
  { "structure.designate", N_("Other structure designated") },
  { "structure.end", N_("Other structure ended") },
  { "business.add", N_("Business registered") },
  { "business.approve", N_("Business approved") },
  { "approval.request", N_("Approval requested") },
  { "approval.approve", N_("Request approved") },
  { "approval.decline", N_("Request declined") },
  { "approval.withdraw", N_("Request withdrawn") },
  { "material.signoff", N_("Material sheet confirmed") },
  { "material.signoff_request", N_("Final confirmations requested") },
  { "settings.set", N_("Policy changed") },
};

gboolean
jhk_audit_get_last_verification (JhkDb                *db,
                                 JhkAuditVerification *out,
                                 GError              **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *details = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  stmt = jhk_db_query (db, error,
                       "SELECT at, actor, details FROM audit_log WHERE action = 'audit.verify'"
                       " ORDER BY seq DESC LIMIT 1", JHK_DB_END);
  if (stmt == NULL || jhk_db_stmt_step (stmt, error) != JHK_DB_ROW)
    return FALSE;
  out->at = jhk_db_stmt_get_int64 (stmt, 0);
  out->actor = jhk_db_stmt_dup_text (stmt, 1);
  if (json_parser_load_from_data (parser, jhk_db_stmt_get_text (stmt, 2), -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    details = json_node_get_object (json_parser_get_root (parser));
  if (details != NULL)
    {
      out->ok = json_object_get_boolean_member_with_default (details, "ok", FALSE);
      out->n_entries = json_object_get_int_member_with_default (details, "entries", 0);
      out->first_bad_seq = json_object_get_int_member_with_default (details, "first_bad_seq", 0);
    }
  return TRUE;
}

void
jhk_audit_verification_clear (JhkAuditVerification *verification)
{
  g_clear_pointer (&verification->actor, g_free);
}

const char *
jhk_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action_labels[i].action, action) == 0)
      return _(action_labels[i].label);
  return action;
}

const char * const *
jhk_audit_list_actions (void)
{
  static const char *keys[G_N_ELEMENTS (action_labels) + 1];

  if (keys[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
      keys[i] = action_labels[i].action;
  return keys;
}
