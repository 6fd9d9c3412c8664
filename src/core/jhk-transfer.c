/* jhk-transfer.c: copying a whole Jhk database to another backend. */
#include <glib/gi18n-lib.h>

#include "jhk-accounts.h"
#include "jhk-audit.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-transfer.h"

/* Referenced tables first.  A migration that adds a table adds it here;
 * test-db checks that the list covers the schema. */
static const char * const tables[] = {
  "settings",
  "org_units",
  "staff",
  "users",
  "password_history",
  "businesses",
  "role_assignments",
  "alt_structures",
  "storage_places",
  "work_requests",
  "materials",
  "material_events",
  "material_dispositions",
  "material_viewers",
  "delivery_officers",
  "delivery_channels",
  "delivery_folder_officers",
  "transfers",
  "material_approvals",
  "material_signoffs",
  "material_signoff_requests",
  "work_request_items",
  "inquirer_scopes",
  "holidays",
  "inquiry_imports",
  "inquiry_records",
  "inquiry_periods",
  "access_trails",
  "trail_requests",
  "shared_steps",
  "playbooks",
  "playbook_versions",
  "playbook_version_businesses",
  "playbook_steps",
  "playbook_contacts",
  "incidents",
  "incident_businesses",
  "incident_materials",
  "incident_steps",
  "incident_attachments",
  "incident_events",
  "audit_log",
  NULL
};

/* What the migrations themselves fill (the library of 対処要領 of 0020),
 * so also in a new database: the copy replaces it by the source's, which
 * holds it as edited. Referencing tables first. */
static const char * const seeded_tables[] = {
  "playbook_contacts",
  "playbook_steps",
  "playbook_version_businesses",
  "playbook_versions",
  "playbooks",
  "shared_steps",
  NULL
};

const char * const *
jhk_transfer_tables (void)
{
  return tables;
}

static gboolean
count_rows (JhkDb       *db,
            const char  *table,
            gint64      *out,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", table);

  return jhk_db_query_int64 (db, out, error, sql, JHK_DB_END);
}

static gboolean
dest_is_empty (JhkDb   *dest,
               GError **error)
{
  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 n = 0;

      if (g_strv_contains (seeded_tables, tables[i]))
        continue;
      if (!count_rows (dest, tables[i], &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT,
                       _("The destination already holds data (table %s); copy only into a "
                         "new, empty database."), tables[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Copies one table as text (every column of the schema is text or a whole
 * number; the audit chain's hashes are over the exact text). */
static gboolean
copy_table (JhkDb         *src,
            JhkDb         *dest,
            const char    *table,
            GCancellable  *cancellable,
            gint64        *copied,
            GError       **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", table);
  g_autoptr(JhkDbStmt) rows = jhk_db_prepare (src, select_sql, error);
  g_autoptr(JhkDbStmt) insert = NULL;
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  JhkDbStep step;
  int n_columns;

  if (rows == NULL)
    return FALSE;
  step = jhk_db_stmt_step (rows, error);
  if (step == JHK_DB_FAILED)
    return FALSE;
  if (step == JHK_DB_DONE)
    return TRUE;

  n_columns = jhk_db_stmt_get_n_columns (rows);
  g_string_append_printf (insert_sql, "INSERT INTO %s (", table);
  for (int c = 0; c < n_columns; c++)
    g_string_append_printf (insert_sql, "%s%s", c > 0 ? ", " : "",
                            jhk_db_stmt_get_column_name (rows, c));
  g_string_append (insert_sql, ") VALUES (");
  for (int c = 0; c < n_columns; c++)
    g_string_append (insert_sql, c > 0 ? ", ?" : "?");
  g_string_append_c (insert_sql, ')');
  insert = jhk_db_prepare (dest, insert_sql->str, error);
  if (insert == NULL)
    return FALSE;

  for (; step == JHK_DB_ROW; step = jhk_db_stmt_step (rows, error))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      jhk_db_stmt_reset (insert);
      for (int c = 0; c < n_columns; c++)
        {
          if (jhk_db_stmt_is_null (rows, c))
            jhk_db_stmt_bind_null (insert, c + 1);
          else
            jhk_db_stmt_bind_text (insert, c + 1, jhk_db_stmt_get_text (rows, c));
        }
      if (jhk_db_stmt_step (insert, error) == JHK_DB_FAILED)
        return FALSE;
      (*copied)++;
    }
  return step == JHK_DB_DONE;
}

static char *
head_hash (JhkDb   *db,
           GError **error)
{
  char *head = NULL;

  if (!jhk_db_query_text (db, &head, error,
                          "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", JHK_DB_END))
    return NULL;
  return head;
}

gboolean
jhk_transfer_copy (JhkDb              *src,
                   JhkDb              *dest,
                   JhkDbProgressFunc   progress,
                   gpointer            user_data,
                   GCancellable       *cancellable,
                   JhkTransferReport  *report,
                   GError            **error)
{
  g_autofree char *src_head = NULL;
  JhkAuditReport verified = { 0 };
  gint64 total = 0, copied = 0;
  guint n_tables = g_strv_length ((char **) tables);

  g_return_val_if_fail (JHK_IS_DB (src) && JHK_IS_DB (dest), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (jhk_db_get_schema_version (src) != jhk_db_get_schema_version (dest))
    {
      g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT,
                   _("The two databases have different schema versions (%d and %d)."),
                   jhk_db_get_schema_version (src), jhk_db_get_schema_version (dest));
      return FALSE;
    }
  /* The source is read in one snapshot, so what is copied is consistent. */
  if (!jhk_db_begin (src, error))
    return FALSE;
  if (!jhk_db_begin (dest, error))
    {
      jhk_db_rollback (src);
      return FALSE;
    }
  if (!dest_is_empty (dest, error))
    goto fail;
  for (guint i = 0; seeded_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", seeded_tables[i]);

      if (!jhk_db_exec (dest, sql, error))
        goto fail;
    }

  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 n_src = 0, n_dest = 0;

      if (!copy_table (src, dest, tables[i], cancellable, &copied, error) ||
          !count_rows (src, tables[i], &n_src, error) ||
          !count_rows (dest, tables[i], &n_dest, error))
        goto fail;
      if (n_src != n_dest)
        {
          g_set_error (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT,
                       _("Table %s has %lld rows in the source but %lld in the copy."),
                       tables[i], (long long) n_src, (long long) n_dest);
          goto fail;
        }
      total += n_src;
      if (g_str_equal (tables[i], "audit_log"))
        report->n_audit = n_src;
      if (progress != NULL)
        progress ((double) (i + 1) / n_tables, user_data);
    }
  /* The copy's chain must verify on its own and end where the source's
   * does: nothing lost, nothing changed, nothing reordered. */
  src_head = head_hash (src, NULL);
  if (!jhk_audit_verify (dest, NULL, NULL, NULL, cancellable, &verified, error))
    goto fail;
  if (g_strcmp0 (verified.head, src_head) != 0 && report->n_audit > 0)
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_CONSTRAINT,
                           _("The copy's audit chain does not end in the source's head hash."));
      jhk_audit_report_clear (&verified);
      goto fail;
    }
  jhk_audit_report_clear (&verified);
  if (!jhk_accounts_sync_server_roles (dest, error) || !jhk_db_commit (dest, error))
    goto fail;
  jhk_db_rollback (src);

  report->n_rows = total;
  report->head = g_steal_pointer (&src_head);
  return TRUE;

fail:
  if (jhk_db_in_transaction (dest))
    jhk_db_rollback (dest);
  jhk_db_rollback (src);
  return FALSE;
}

void
jhk_transfer_report_clear (JhkTransferReport *report)
{
  g_clear_pointer (&report->head, g_free);
}

/* The destination as the audit log names it: never with a password. */
static char *
redacted_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_QUERY,
                                        NULL);
  g_autoptr(GString) query = NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup (uri);  /* a file path */
  if (g_uri_get_query (parsed) != NULL)
    {
      g_auto(GStrv) params = g_strsplit (g_uri_get_query (parsed), "&", -1);

      query = g_string_new (NULL);
      for (guint i = 0; params[i] != NULL; i++)
        if (!g_str_has_prefix (params[i], "password="))
          g_string_append_printf (query, "%s%s", query->len > 0 ? "&" : "", params[i]);
    }
  return g_uri_join (G_URI_FLAGS_ENCODED_QUERY, g_uri_get_scheme (parsed), g_uri_get_user (parsed),
                     g_uri_get_host (parsed), g_uri_get_port (parsed), g_uri_get_path (parsed),
                     query != NULL && query->len > 0 ? query->str : NULL, NULL);
}

gboolean
jhk_transfer_migrate (JhkDb              *src,
                      JhkSession         *actor,
                      JhkDb              *dest,
                      JhkDbProgressFunc   progress,
                      gpointer            user_data,
                      JhkTransferReport  *report,
                      GError            **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *target = redacted_uri (jhk_db_get_uri (dest));

  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_policy_require_role (actor, JHK_ROLE_SYSADMIN, error))
    return FALSE;
  if (!dest_is_empty (dest, error))
    return FALSE;
  json_object_set_string_member (details, "to_backend", jhk_db_get_backend_name (dest));
  /* The record and the copy stand or fall together: the entry is written
   * in the source's transaction, which the copy reads, and is committed
   * only once the copy has been checked. */
  if (!jhk_service_begin (src, actor, error))
    return FALSE;
  if (!jhk_audit_append (src, actor, "db.migrate", "database", target, details, error) ||
      !jhk_transfer_copy (src, dest, progress, user_data, NULL, report, error) ||
      !jhk_db_commit (src, error))
    {
      if (jhk_db_in_transaction (src))
        jhk_service_abort (src);
      jhk_transfer_report_clear (report);
      return FALSE;
    }
  return TRUE;
}
