/* jhk-delivery.c: transfers of personal-data output material and their
 * registers (第17-4, 第17-5; R17-4, R17-5, R17-8, R17-9). */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "jhk-audit.h"
#include "jhk-delivery-private.h"
#include "jhk-ledger-actions.h"
#include "jhk-ledger-private.h"
#include "jhk-org.h"
#include "jhk-pdf-encrypt.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"

static const char *const methods[] = {
  "courier", "carried", "file_server", "email", "fax", "registered_mail", "contractor", NULL
};
static const char *const channel_kinds[] = { "terminal", "folder", "email", "fax", NULL };
static const char *const fax_reasons[] = { "inquiry_record", "urgent_serious_crime", NULL };

static char *secret_collection = NULL;

const char *const *
jhk_delivery_methods (void)
{
  return methods;
}

const char *
jhk_delivery_method_label (const char *method)
{
  if (g_strcmp0 (method, "courier") == 0)
    return _("Document courier");
  if (g_strcmp0 (method, "carried") == 0)
    return _("Carried by staff");
  if (g_strcmp0 (method, "file_server") == 0)
    return _("File server");
  if (g_strcmp0 (method, "email") == 0)
    return _("E-mail");
  if (g_strcmp0 (method, "fax") == 0)
    return _("Fax");
  if (g_strcmp0 (method, "registered_mail") == 0)
    return _("Registered mail");
  if (g_strcmp0 (method, "contractor") == 0)
    return _("Contracted carrier");
  return method;
}

static gboolean
fail_with (GError     **error,
           int          code,
           const char  *message)
{
  g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
  return FALSE;
}

static gboolean
check_text (const char  *value,
            gboolean     required,
            int          max_chars,
            const char  *message_if_missing,
            GError     **error)
{
  if (value == NULL || jhk_is_blank (value))
    return required ? jhk_service_invalid (error, message_if_missing) : TRUE;
  if (!jhk_service_text_fits (value, max_chars))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("A text is too long (%d characters at most)."), max_chars);
      return FALSE;
    }
  return TRUE;
}

/* A valid date, not in the future, not before not_before (may be NULL). */
static gboolean
check_date (const char  *date,
            const char  *not_before,
            GError     **error)
{
  return jhk_service_check_date (date, not_before, _("The date cannot be before the transfer."),
                                 error);
}

static gboolean
require_current_office (JhkDb   *db,
                        gint64   office_id,
                        GError **error)
{
  g_autofree char *today = jhk_today ();

  if (office_id > 0 &&
      jhk_db_query_int64 (db, NULL, NULL,
                          "SELECT id FROM org_units WHERE id = ? AND kind = 'office'"
                          " AND (valid_to IS NULL OR valid_to >= ?)",
                          JHK_I (office_id), JHK_T (today), JHK_DB_END))
    return TRUE;
  return fail_with (error, JHK_POLICY_ERROR_NOT_FOUND, _("Choose a current office."));
}

/* 第17-5: the office's 運用管理者 designates officers and channels. */
static gboolean
require_ops_manager (JhkDb       *db,
                     JhkSession  *actor,
                     gint64       office_id,
                     GError     **error)
{
  if (jhk_session_is_system (actor) ||
      jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, office_id))
    return TRUE;
  return fail_with (error, JHK_POLICY_ERROR_DENIED,
                    _("Only the office's operations manager keeps its transfer registers "
                      "and confirms its transfers."));
}

static gboolean
require_keeper (JhkDb       *db,
                JhkSession  *actor,
                gint64       office_id,
                GError     **error)
{
  if (jhk_ledger_may_keep_office (db, actor, office_id))
    return TRUE;
  return fail_with (error, JHK_POLICY_ERROR_DENIED,
                    _("Only the office's operations manager, information management lead, "
                      "information manager or assistant keep its materials ledger."));
}

static gboolean
staff_in_office (JhkDb  *db,
                 gint64  staff_id,
                 gint64  office_id)
{
  gint64 unit = 0;

  return staff_id > 0 &&
         jhk_db_query_int64 (db, &unit, NULL, "SELECT org_unit_id FROM staff WHERE id = ?",
                             JHK_I (staff_id), JHK_DB_END) &&
         jhk_policy_org_is_within (db, unit, office_id);
}

static gboolean
officer_is_designated (JhkDb  *db,
                       gint64  office_id,
                       gint64  business_id,
                       gint64  staff_id)
{
  return jhk_db_query_int64 (db, NULL, NULL,
                             "SELECT id FROM delivery_officers WHERE org_unit_id = ?"
                             " AND business_id = ? AND staff_id = ? AND valid_to IS NULL",
                             JHK_I (office_id), JHK_I (business_id), JHK_I (staff_id),
                             JHK_DB_END);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ---- registers ---- */

gint64
jhk_delivery_add_officer (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       office_id,
                          gint64       business_id,
                          gint64       staff_id,
                          GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *today = jhk_today ();
  gint64 id;

  g_return_val_if_fail (JHK_IS_DB (db), 0);

  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!require_current_office (db, office_id, error) ||
      !require_ops_manager (db, actor, office_id, error))
    goto fail;
  if (!jhk_org_business_is_usable (db, business_id))
    {
      jhk_service_invalid (error, _("Officers are designated for an approved business."));
      goto fail;
    }
  if (!staff_in_office (db, staff_id, office_id))
    {
      jhk_service_invalid (error, _("The transfer officer must be a member of the office's staff."));
      goto fail;
    }
  if (officer_is_designated (db, office_id, business_id, staff_id))
    {
      fail_with (error, JHK_POLICY_ERROR_CONFLICT,
                 _("This staff member is a transfer officer of the business already."));
      goto fail;
    }
  id = jhk_service_insert (db, error,
                           "INSERT INTO delivery_officers (org_unit_id, business_id, staff_id,"
                           " valid_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)"
                           " RETURNING id",
                           JHK_I (office_id), JHK_I (business_id), JHK_I (staff_id),
                           JHK_T (today), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_DB_END);
  if (id == 0)
    goto fail;
  json_object_set_int_member (details, "org_unit_id", office_id);
  json_object_set_int_member (details, "business_id", business_id);
  json_object_set_int_member (details, "staff_id", staff_id);
  return jhk_service_commit_new (db, actor, id, "delivery.officer.add", "delivery_officer",
                                 details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

/* Retires a current row of a register table: officer or channel. */
static gboolean
retire (JhkDb       *db,
        JhkSession  *actor,
        const char  *table,
        const char  *action,
        gint64       id,
        GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *today = jhk_today ();
  g_autofree char *select = g_strdup_printf ("SELECT org_unit_id FROM %s WHERE id = ?"
                                             " AND valid_to IS NULL", table);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET valid_to = ? WHERE id = ?", table);
  gint64 office_id = 0;

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &office_id, NULL, select, JHK_I (id), JHK_DB_END))
    {
      fail_with (error, JHK_POLICY_ERROR_NOT_FOUND, _("There is no such current register entry."));
      goto fail;
    }
  if (!require_ops_manager (db, actor, office_id, error) ||
      !jhk_db_run (db, error, update, JHK_T (today), JHK_I (id), JHK_DB_END))
    goto fail;
  json_object_set_int_member (details, "org_unit_id", office_id);
  json_object_set_string_member (details, "valid_to", today);
  return jhk_service_commit_id (db, actor, action, table, id, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_delivery_retire_officer (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       officer_id,
                             GError     **error)
{
  return retire (db, actor, "delivery_officers", "delivery.officer.retire", officer_id, error);
}

gboolean
jhk_delivery_retire_channel (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       channel_id,
                             GError     **error)
{
  return retire (db, actor, "delivery_channels", "delivery.channel.retire", channel_id, error);
}

static gboolean
check_channel_spec (const JhkDeliveryChannelSpec  *spec,
                    GError                       **error)
{
  const char *kind = spec->kind;

  if (!jhk_service_is_one_of (kind, channel_kinds))
    return jhk_service_invalid (error, _("Choose a terminal, shared folder, e-mail address or fax number."));
  if (!check_text (spec->name, TRUE, 100, _("Enter the name of the register entry."), error) ||
      !check_text (spec->address, !g_str_equal (kind, "terminal"), 200,
                   _("Enter the folder's path, the e-mail address or the fax number."), error))
    return FALSE;
  if (g_str_equal (kind, "email") && strchr (spec->address, '@') == NULL)
    return jhk_service_invalid (error, _("Enter the e-mail address as name@domain."));
  if (g_str_equal (kind, "fax"))
    {
      int digits = 0;

      for (const char *p = spec->address; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            digits++;
          else if (*p != '-' && *p != ' ' && *p != '(' && *p != ')')
            return jhk_service_invalid (error, _("Enter the fax number with digits and hyphens only."));
        }
      if (digits < 3)
        return jhk_service_invalid (error, _("Enter the fax number with digits and hyphens only."));
    }
  if (g_str_equal (kind, "folder") != (spec->business_id != 0))
    return jhk_service_invalid (error, _("A shared folder, and only a folder, belongs to one business."));
  if (g_str_equal (kind, "folder") && (spec->officers == NULL || spec->officers[0] == 0))
    return jhk_service_invalid (error, _("Name the transfer officers allowed into the shared folder."));
  if (!g_str_equal (kind, "folder") && spec->officers != NULL && spec->officers[0] != 0)
    return jhk_service_invalid (error, _("Only a shared folder has officers allowed into it."));
  if (spec->tested_on != NULL && !check_date (spec->tested_on, NULL, error))
    return FALSE;
  return TRUE;
}

gint64
jhk_delivery_add_channel (JhkDb                         *db,
                          JhkSession                    *actor,
                          const JhkDeliveryChannelSpec  *spec,
                          GError                       **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonArray) officers = json_array_new ();
  g_autofree char *today = jhk_today ();
  gint64 id;

  g_return_val_if_fail (spec != NULL, 0);

  if (!check_channel_spec (spec, error))
    return 0;
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!require_current_office (db, spec->org_unit_id, error) ||
      !require_ops_manager (db, actor, spec->org_unit_id, error))
    goto fail;
  /* R17-5(1)イ: a business's folder opens only to its 交付等担当者. */
  for (const gint64 *o = spec->officers; o != NULL && *o != 0; o++)
    if (!officer_is_designated (db, spec->org_unit_id, spec->business_id, *o))
      {
        jhk_service_invalid (error, _("Only the business's designated transfer officers may be allowed "
                                      "into its shared folder."));
        goto fail;
      }
  id = jhk_service_insert (db, error,
                           "INSERT INTO delivery_channels (org_unit_id, kind, business_id, name,"
                           " address, tested_on, valid_from, created_at, created_by)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (spec->org_unit_id), JHK_T (spec->kind),
                           JHK_IZ (spec->business_id), JHK_T (spec->name),
                           JHK_T (jhk_service_or_empty (spec->address)), JHK_TN (spec->tested_on),
                           JHK_T (today), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_DB_END);
  if (id == 0)
    goto fail;
  for (const gint64 *o = spec->officers; o != NULL && *o != 0; o++)
    {
      if (!jhk_db_run (db, error,
                       "INSERT INTO delivery_folder_officers (channel_id, staff_id) VALUES (?, ?)",
                       JHK_I (id), JHK_I (*o), JHK_DB_END))
        goto fail;
      json_array_add_int_element (officers, *o);
    }
  json_object_set_int_member (details, "org_unit_id", spec->org_unit_id);
  json_object_set_string_member (details, "kind", spec->kind);
  json_object_set_string_member (details, "name", spec->name);
  json_object_set_string_member (details, "address", jhk_service_or_empty (spec->address));
  if (spec->business_id != 0)
    json_object_set_int_member (details, "business_id", spec->business_id);
  if (spec->tested_on != NULL)
    json_object_set_string_member (details, "tested_on", spec->tested_on);
  if (json_array_get_length (officers) > 0)
    json_object_set_array_member (details, "officers", g_steal_pointer (&officers));
  return jhk_service_commit_new (db, actor, id, "delivery.channel.add", "delivery_channel",
                                 details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

gboolean
jhk_delivery_record_test (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       channel_id,
                          const char  *tested_on,
                          GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  gint64 office_id = 0;

  if (!check_date (tested_on, NULL, error))
    return FALSE;
  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!jhk_db_query_int64 (db, &office_id, NULL,
                           "SELECT org_unit_id FROM delivery_channels WHERE id = ?"
                           " AND valid_to IS NULL",
                           JHK_I (channel_id), JHK_DB_END))
    {
      fail_with (error, JHK_POLICY_ERROR_NOT_FOUND,
                 _("There is no such current register entry."));
      goto fail;
    }
  if (!require_ops_manager (db, actor, office_id, error) ||
      !jhk_db_run (db, error, "UPDATE delivery_channels SET tested_on = ? WHERE id = ?",
                   JHK_T (tested_on), JHK_I (channel_id), JHK_DB_END))
    goto fail;
  json_object_set_string_member (details, "tested_on", tested_on);
  return jhk_service_commit_id (db, actor, "delivery.channel.test", "delivery_channel",
                                channel_id, details, error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

void
jhk_delivery_entry_free (JhkDeliveryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->office_name);
  g_free (entry->kind);
  g_free (entry->business_code);
  g_free (entry->business_name);
  g_free (entry->staff_no);
  g_free (entry->staff_name);
  g_free (entry->name);
  g_free (entry->address);
  g_free (entry->tested_on);
  g_clear_pointer (&entry->officers, g_array_unref);
  g_free (entry->valid_from);
  g_free (entry->valid_to);
  g_free (entry);
}

/* Who reads an office's registers and transfers: its ledger keepers, the
 * 総括責任者 and the システム管理者. */
static gboolean
may_view_office (JhkDb      *db,
                 JhkSession *actor,
                 gint64      office_id)
{
  return office_id != 0 &&
         (jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
          jhk_session_has_role (actor, JHK_ROLE_SYSADMIN) ||
          jhk_ledger_may_keep_office (db, actor, office_id));
}

GPtrArray *
jhk_delivery_list_register (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       office_id,
                            const char  *kind,
                            gboolean     include_retired,
                            GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_delivery_entry_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (kind != NULL && !g_str_equal (kind, "officer") && !jhk_service_is_one_of (kind, channel_kinds))
    {
      jhk_service_invalid (error, _("Choose officers, terminals, folders, e-mail addresses or fax numbers."));
      return NULL;
    }
  if (kind == NULL || g_str_equal (kind, "officer"))
    {
      stmt = jhk_db_query (db, error,
                           "SELECT d.id, d.org_unit_id, o.name, d.business_id, b.code, b.name,"
                           " d.staff_id, s.staff_no, s.name, d.valid_from, d.valid_to"
                           " FROM delivery_officers d"
                           " LEFT JOIN org_units o ON o.id = d.org_unit_id"
                           " LEFT JOIN businesses b ON b.id = d.business_id"
                           " LEFT JOIN staff s ON s.id = d.staff_id"
                           " WHERE (? = 0 OR d.org_unit_id = ?) AND (? = 1 OR d.valid_to IS NULL)"
                           " ORDER BY d.id",
                           JHK_I (office_id), JHK_I (office_id), JHK_I (include_retired ? 1 : 0),
                           JHK_DB_END);
      if (stmt == NULL)
        return NULL;
      while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
        {
          JhkDeliveryEntry *e;
          int c = 0;

          if (!may_view_office (db, actor, jhk_db_stmt_get_int64 (stmt, 1)))
            continue;
          e = g_new0 (JhkDeliveryEntry, 1);
          e->kind = g_strdup ("officer");
          e->id = jhk_db_stmt_get_int64 (stmt, c++);
          e->office_id = jhk_db_stmt_get_int64 (stmt, c++);
          e->office_name = jhk_db_stmt_dup_text (stmt, c++);
          e->business_id = jhk_db_stmt_get_int64 (stmt, c++);
          e->business_code = jhk_db_stmt_dup_text (stmt, c++);
          e->business_name = jhk_db_stmt_dup_text (stmt, c++);
          e->staff_id = jhk_db_stmt_get_int64 (stmt, c++);
          e->staff_no = jhk_db_stmt_dup_text (stmt, c++);
          e->staff_name = jhk_db_stmt_dup_text (stmt, c++);
          e->valid_from = jhk_db_stmt_dup_text (stmt, c++);
          e->valid_to = jhk_db_stmt_dup_text (stmt, c++);
          g_ptr_array_add (entries, e);
        }
      if (step == JHK_DB_FAILED)
        return NULL;
      g_clear_pointer (&stmt, jhk_db_stmt_release);
    }
  if (kind == NULL || !g_str_equal (kind, "officer"))
    {
      guint first = entries->len;

      stmt = jhk_db_query (db, error,
                           "SELECT c.id, c.org_unit_id, o.name, c.kind, c.business_id, b.code,"
                           " b.name, c.name, c.address, c.tested_on, c.valid_from, c.valid_to"
                           " FROM delivery_channels c"
                           " LEFT JOIN org_units o ON o.id = c.org_unit_id"
                           " LEFT JOIN businesses b ON b.id = c.business_id"
                           " WHERE (? = 0 OR c.org_unit_id = ?) AND (? = 1 OR c.valid_to IS NULL)"
                           " AND (? = '' OR c.kind = ?)"
                           " ORDER BY CASE c.kind WHEN 'terminal' THEN 1 WHEN 'folder' THEN 2"
                           " WHEN 'email' THEN 3 ELSE 4 END, c.id",
                           JHK_I (office_id), JHK_I (office_id), JHK_I (include_retired ? 1 : 0),
                           JHK_T (jhk_service_or_empty (kind)), JHK_T (jhk_service_or_empty (kind)), JHK_DB_END);
      if (stmt == NULL)
        return NULL;
      while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
        {
          JhkDeliveryEntry *e;
          int c = 0;

          if (!may_view_office (db, actor, jhk_db_stmt_get_int64 (stmt, 1)))
            continue;
          e = g_new0 (JhkDeliveryEntry, 1);
          e->id = jhk_db_stmt_get_int64 (stmt, c++);
          e->office_id = jhk_db_stmt_get_int64 (stmt, c++);
          e->office_name = jhk_db_stmt_dup_text (stmt, c++);
          e->kind = jhk_db_stmt_dup_text (stmt, c++);
          e->business_id = jhk_db_stmt_get_int64 (stmt, c++);
          e->business_code = jhk_db_stmt_dup_text (stmt, c++);
          e->business_name = jhk_db_stmt_dup_text (stmt, c++);
          e->name = jhk_db_stmt_dup_text (stmt, c++);
          e->address = jhk_db_stmt_dup_text (stmt, c++);
          e->tested_on = jhk_db_stmt_dup_text (stmt, c++);
          e->valid_from = jhk_db_stmt_dup_text (stmt, c++);
          e->valid_to = jhk_db_stmt_dup_text (stmt, c++);
          g_ptr_array_add (entries, e);
        }
      if (step == JHK_DB_FAILED)
        return NULL;
      g_clear_pointer (&stmt, jhk_db_stmt_release);
      for (guint i = first; i < entries->len; i++)
        {
          JhkDeliveryEntry *e = g_ptr_array_index (entries, i);

          if (!g_str_equal (e->kind, "folder"))
            continue;
          e->officers = g_array_new (FALSE, FALSE, sizeof (gint64));
          stmt = jhk_db_query (db, error,
                               "SELECT staff_id FROM delivery_folder_officers WHERE channel_id = ?"
                               " ORDER BY staff_id", JHK_I (e->id), JHK_DB_END);
          if (stmt == NULL)
            return NULL;
          while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
            {
              gint64 staff = jhk_db_stmt_get_int64 (stmt, 0);

              g_array_append_val (e->officers, staff);
            }
          g_clear_pointer (&stmt, jhk_db_stmt_release);
        }
    }
  return g_steal_pointer (&entries);
}

/* ---- the keyring ---- */

static const SecretSchema *
transfer_schema (void)
{
  static const SecretSchema schema = {
    JHK_DELIVERY_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
    {
      { "transfer", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

void
jhk_delivery_set_secret_collection (const char *collection)
{
  g_free (secret_collection);
  secret_collection = g_strdup (collection);
}

/* No session bus, no Secret Service: say so, and never start one (a
 * D-Bus autolaunch) or fall back to anything else. */
static gboolean
keyring_reachable (GError **error)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                       _("The password of an encrypted transfer is kept in the keyring, and "
                         "no keyring (Secret Service) is reachable in this session: nothing "
                         "was sent or stored."));
  return FALSE;
}

static GHashTable *
transfer_attributes (JhkDb  *db,
                     gint64  transfer_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "transfer", id_text (transfer_id));
  g_hash_table_insert (attributes, "database", jhk_db_uri_strip_password (jhk_db_get_uri (db)));
  return attributes;
}

static gboolean
keyring_store (JhkDb       *db,
               gint64       transfer_id,
               const char  *password,
               GError     **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *label = NULL;

  if (!keyring_reachable (error))
    return FALSE;
  attributes = transfer_attributes (db, transfer_id);
  /* Translators: in the keyring's own window. */
  {
    g_autofree char *number = id_text (transfer_id);

    label = g_strdup_printf (_("Jhk: password of transfer %s"), number);
  }
  if (!secret_password_storev_sync (transfer_schema (), attributes,
                                    secret_collection != NULL ? secret_collection
                                                              : SECRET_COLLECTION_DEFAULT,
                                    label, password, NULL, &local))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The password could not be stored in the keyring (%s): nothing was sent "
                     "or stored."), local != NULL ? local->message : "");
      return FALSE;
    }
  return TRUE;
}

static void
keyring_clear (JhkDb  *db,
               gint64  transfer_id)
{
  g_autoptr(GHashTable) attributes = transfer_attributes (db, transfer_id);

  secret_password_clearv_sync (transfer_schema (), attributes, NULL, NULL);
}

char *
jhk_delivery_lookup_password (JhkDb   *db,
                              gint64   transfer_id,
                              GError **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) local = NULL;
  char *found, *password;

  if (!keyring_reachable (error))
    return NULL;
  attributes = transfer_attributes (db, transfer_id);
  found = secret_password_lookupv_sync (transfer_schema (), attributes, NULL, &local);
  if (found == NULL)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("The keyring holds no password for this transfer (%s)."),
                   local != NULL ? local->message : "");
      return NULL;
    }
  password = g_strdup (found);
  secret_password_free (found);
  return password;
}

/* ---- transfers ---- */

static gboolean
is_electronic (const char *method)
{
  return g_str_equal (method, "file_server") || g_str_equal (method, "email");
}

static gboolean
check_transfer_spec (const JhkTransferSpec  *spec,
                     GError                **error)
{
  const char *method = spec->method;

  if (!jhk_service_is_one_of (method, methods))
    return jhk_service_invalid (error, _("Choose how the material is sent: document courier, carried by "
                                         "staff, file server, e-mail or fax (registered mail or a contracted "
                                         "carrier with the general supervisor's special approval)."));
  if (spec->quantity <= 0)
    return jhk_service_invalid (error, _("The quantity must be at least one."));
  if (spec->officer_staff_id == 0)
    return jhk_service_invalid (error, _("Name the transfer officer who sends the material."));
  if (!check_text (spec->recipient, spec->to_office_id == 0, 200,
                   _("Name the recipient, or choose the receiving office."), error) ||
      !check_text (spec->purpose, FALSE, 200, NULL, error) ||
      !check_text (spec->note, FALSE, 500, NULL, error) ||
      !check_text (spec->fax_reason_text, FALSE, 500, NULL, error))
    return FALSE;
  /* R17-4(4): 書留郵便 or a contracted carrier only when the 総括責任者
   * specially approves it. */
  if ((g_str_equal (method, "registered_mail") || g_str_equal (method, "contractor")) &&
      spec->approved_by == 0)
    return jhk_service_invalid (error, _("Registered mail and a contracted carrier need the general "
                                         "supervisor's special approval: name who approved it."));
  /* R17-5(3): fax only for 個人情報照会記録 or urgent serious-crime or
   * arrest material. */
  if (g_str_equal (method, "fax"))
    {
      if (!jhk_service_is_one_of (spec->fax_reason, fax_reasons))
        return jhk_service_invalid (error, _("A fax is sent only for an inquiry record, or for material "
                                             "urgently needed for a serious crime or an arrest."));
      if (g_str_equal (spec->fax_reason, "urgent_serious_crime") &&
          jhk_is_blank (spec->fax_reason_text))
        return jhk_service_invalid (error, _("Say why the material is urgently needed for a serious crime "
                                             "or an arrest."));
    }
  else if (spec->fax_reason != NULL)
    return jhk_service_invalid (error, _("Only a fax gives a fax reason."));
  if ((g_str_equal (method, "file_server") || g_str_equal (method, "email") ||
       g_str_equal (method, "fax")) && spec->channel_id == 0)
    return jhk_service_invalid (error, g_str_equal (method, "file_server")
                                       ? _("Choose the registered shared folder.")
                           : g_str_equal (method, "email")
                           ? _("Choose the registered e-mail address.")
                           : _("Choose the registered fax number."));
  if (is_electronic (method) && spec->terminal_id == 0)
    return jhk_service_invalid (error, _("Choose the designated terminal the file is sent from."));
  if (is_electronic (method) && (jhk_is_blank (spec->file) || jhk_is_blank (spec->out_file)))
    return jhk_service_invalid (error, _("Name the PDF file to send and where to write it encrypted."));
  if (is_electronic (method) && g_strcmp0 (spec->file, spec->out_file) == 0)
    return jhk_service_invalid (error, _("Write the encrypted file to another path than the PDF it "
                                         "encrypts."));
  if (!is_electronic (method) && (spec->file != NULL || spec->terminal_id != 0))
    return jhk_service_invalid (error, _("Only a file server or e-mail transfer sends a file from a "
                                         "terminal."));
  if (!g_str_equal (method, "file_server") && !g_str_equal (method, "email") &&
      !g_str_equal (method, "fax") && spec->channel_id != 0)
    return jhk_service_invalid (error, _("Only a file server, e-mail or fax transfer uses a registered "
                                         "channel."));
  return TRUE;
}

/* R17-5: the channel is registered for the office, current, of the right
 * kind and tested on or before the day. */
static gboolean
check_channel (JhkDb       *db,
               gint64       channel_id,
               const char  *kind,
               gint64       office_id,
               gint64       business_id,
               gint64       officer_id,
               const char  *day,
               GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autofree char *tested_on = NULL;
  gint64 channel_business;

  stmt = jhk_db_query (db, error,
                       "SELECT tested_on, business_id FROM delivery_channels WHERE id = ?"
                       " AND org_unit_id = ? AND kind = ? AND valid_to IS NULL",
                       JHK_I (channel_id), JHK_I (office_id), JHK_T (kind), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  if (jhk_db_stmt_step (stmt, NULL) != JHK_DB_ROW)
    return jhk_service_invalid (error,
                                g_str_equal (kind, "terminal") ? _("The terminal is not a designated "
                                                                   "terminal of the office.")
                    : g_str_equal (kind, "folder") ? _("The shared folder is not registered "
                                                       "for the office.")
                    : g_str_equal (kind, "email") ? _("The e-mail address is not registered "
                                                      "for the office.")
                    : _("The fax number is not registered for the office."));
  tested_on = jhk_db_stmt_dup_text (stmt, 0);
  channel_business = jhk_db_stmt_get_int64 (stmt, 1);
  g_clear_pointer (&stmt, jhk_db_stmt_release);
  if (tested_on == NULL || strcmp (tested_on, day) > 0)
    return jhk_service_invalid (error, _("No test transmission is recorded for this channel before the "
                                         "transfer: send a test first and record its date."));
  if (g_str_equal (kind, "folder"))
    {
      if (channel_business != business_id)
        return jhk_service_invalid (error, _("The shared folder belongs to another business."));
      if (!jhk_db_query_int64 (db, NULL, NULL,
                               "SELECT staff_id FROM delivery_folder_officers"
                               " WHERE channel_id = ? AND staff_id = ?",
                               JHK_I (channel_id), JHK_I (officer_id), JHK_DB_END))
        return jhk_service_invalid (error, _("The transfer officer is not allowed into this shared folder."));
    }
  return TRUE;
}

typedef struct
{
  gint64    office_id;
  gint64    business_id;
  gboolean  personal_data;
  gint64    designated_by;
  char     *direction;
  char     *name;
  char     *summary;
  char     *purpose;
  char     *creation_reason;
} SourceMaterial;

static void
source_material_clear (SourceMaterial *m)
{
  g_clear_pointer (&m->direction, g_free);
  g_clear_pointer (&m->name, g_free);
  g_clear_pointer (&m->summary, g_free);
  g_clear_pointer (&m->purpose, g_free);
  g_clear_pointer (&m->creation_reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SourceMaterial, source_material_clear)

static gboolean
load_source (JhkDb           *db,
             gint64           material_id,
             SourceMaterial  *m,
             GError         **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  gboolean designated;

  stmt = jhk_service_query_row (db, _("There is no such material."), error,
                                "SELECT org_unit_id, business_id, personal_data, designated, designated_by,"
                                " direction, name, summary, purpose, creation_reason"
                                " FROM materials WHERE id = ?", JHK_I (material_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  m->office_id = jhk_db_stmt_get_int64 (stmt, 0);
  m->business_id = jhk_db_stmt_get_int64 (stmt, 1);
  m->personal_data = jhk_db_stmt_get_int64 (stmt, 2) != 0;
  designated = jhk_db_stmt_get_int64 (stmt, 3) != 0;
  m->designated_by = designated ? jhk_db_stmt_get_int64 (stmt, 4) : 0;
  m->direction = jhk_db_stmt_dup_text (stmt, 5);
  m->name = jhk_db_stmt_dup_text (stmt, 6);
  m->summary = jhk_db_stmt_dup_text (stmt, 7);
  m->purpose = jhk_db_stmt_dup_text (stmt, 8);
  m->creation_reason = jhk_db_stmt_dup_text (stmt, 9);
  /* 第17-3, 第17-4: 個人情報出力資料等 are personal-data output and
   * output designated especially important. */
  if (!g_str_equal (m->direction, "output") || (!m->personal_data && !designated))
    return jhk_service_invalid (error, _("Transfers are recorded here for personal-data or especially "
                                         "important output material; record other hand-overs as a step "
                                         "of the material."));
  return TRUE;
}

static char *
office_name (JhkDb  *db,
             gint64  office_id)
{
  char *name = NULL;

  if (!jhk_db_query_text (db, &name, NULL, "SELECT name FROM org_units WHERE id = ?",
                          JHK_I (office_id), JHK_DB_END))
    return g_strdup ("");
  return name;
}

/* keep: the password goes to the keyring and the caller (every transfer
 * but the demo's, which wipes it). */
static gint64
send_transfer (JhkDb                  *db,
               JhkSession             *actor,
               const JhkTransferSpec  *spec,
               gboolean                keep,
               char                  **out_password,
               GError                **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonObject) event_details = json_object_new ();
  g_auto(SourceMaterial) m = { 0 };
  g_autofree char *counterpart = NULL;
  g_autofree char *sha256 = NULL;
  char *password = NULL;
  const char *method;
  gboolean electronic, file_written = FALSE, secret_stored = FALSE;
  gint64 event_id, id = 0;

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (out_password != NULL)
    *out_password = NULL;
  if (!check_transfer_spec (spec, error))
    return 0;
  method = spec->method;
  electronic = is_electronic (method);
  if (electronic && keep && out_password == NULL)
    {
      jhk_service_invalid (error, _("An encrypted transfer's password must be shown to its officer."));
      return 0;
    }
  if (electronic && keep && !keyring_reachable (error))
    return 0;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!load_source (db, spec->material_id, &m, error) ||
      !require_keeper (db, actor, m.office_id, error) ||
      !check_date (spec->sent_on, NULL, error))
    goto fail;
  /* R17-5: only the business's designated 交付等担当者 sends. */
  if (!officer_is_designated (db, m.office_id, m.business_id, spec->officer_staff_id))
    {
      jhk_service_invalid (error, _("The officer is not a designated transfer officer of the material's "
                                    "business in this office."));
      goto fail;
    }
  if (spec->to_office_id != 0)
    {
      if (!require_current_office (db, spec->to_office_id, error))
        goto fail;
      if (spec->to_office_id == m.office_id)
        {
          jhk_service_invalid (error, _("A transfer goes to another office."));
          goto fail;
        }
    }
  if ((g_str_equal (method, "registered_mail") || g_str_equal (method, "contractor")) &&
      !jhk_policy_staff_held_role (db, spec->approved_by, JHK_ROLE_SUPERVISOR, spec->sent_on))
    {
      jhk_service_invalid (error, _("The special approval must be the general supervisor's."));
      goto fail;
    }
  if (spec->channel_id != 0 &&
      !check_channel (db, spec->channel_id,
                      g_str_equal (method, "file_server") ? "folder" : method,
                      m.office_id, m.business_id, spec->officer_staff_id, spec->sent_on, error))
    goto fail;
  if (spec->terminal_id != 0 &&
      !check_channel (db, spec->terminal_id, "terminal", m.office_id, m.business_id,
                      spec->officer_staff_id, spec->sent_on, error))
    goto fail;

  /* R17-8: the hand-over in the ledger, with the transfer, one write. */
  if (spec->to_office_id != 0)
    {
      g_autofree char *to = office_name (db, spec->to_office_id);

      counterpart = g_strdup_printf ("%s%s%s（%s）", to, jhk_is_blank (spec->recipient) ? "" : " ",
                                     jhk_service_or_empty (spec->recipient), jhk_delivery_method_label (method));
    }
  else
    counterpart = g_strdup_printf ("%s（%s）", spec->recipient, jhk_delivery_method_label (method));
  event_id = jhk_ledger_record_event_locked (db, actor, spec->material_id, &(JhkMaterialEvent) {
      .kind = "hand_over", .happened_on = spec->sent_on, .quantity = spec->quantity,
      .handler_staff_id = spec->officer_staff_id, .counterpart = counterpart,
      .note = spec->note }, event_details, NULL, error);
  if (event_id == 0)
    goto fail;
  /* Every step of a material has its material.event entry, this one too;
   * the transfer's own entry follows at the commit, in the same write. */
  {
    g_autofree char *event_text = id_text (event_id);

    if (!jhk_audit_append (db, actor, "material.event", "material_event", event_text,
                           event_details, error))
      goto fail;
  }
  json_object_set_int_member (details, "material_id", spec->material_id);
  json_object_set_string_member (details, "date", spec->sent_on);
  json_object_set_int_member (details, "quantity", spec->quantity);
  id = jhk_service_insert (db, error,
                           "INSERT INTO transfers (material_id, event_id, from_office_id,"
                           " to_office_id, recipient, business_id, method, sent_on, quantity,"
                           " officer_staff_id, name, purpose, summary, creation_reason,"
                           " personal_data, designated_by, channel_id, terminal_id, approved_by,"
                           " fax_reason, fax_reason_text, deletion_required, note, created_at,"
                           " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                           " ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           JHK_I (spec->material_id), JHK_I (event_id), JHK_I (m.office_id),
                           JHK_IZ (spec->to_office_id), JHK_T (jhk_service_or_empty (spec->recipient)),
                           JHK_I (m.business_id), JHK_T (method), JHK_T (spec->sent_on),
                           JHK_I (spec->quantity), JHK_I (spec->officer_staff_id),
                           JHK_T (m.name),
                           JHK_T (jhk_is_blank (spec->purpose) ? m.purpose : spec->purpose),
                           JHK_T (jhk_service_or_empty (m.summary)), JHK_TN (m.creation_reason),
                           JHK_I (m.personal_data ? 1 : 0), JHK_IZ (m.designated_by),
                           JHK_IZ (spec->channel_id), JHK_IZ (spec->terminal_id),
                           JHK_IZ (spec->approved_by), JHK_TN (spec->fax_reason),
                           JHK_T (jhk_service_or_empty (spec->fax_reason_text)),
                           JHK_I (electronic ? 1 : 0), JHK_T (jhk_service_or_empty (spec->note)),
                           JHK_I (jhk_now_us ()), JHK_T (jhk_session_get_login (actor)),
                           JHK_DB_END);
  if (id == 0)
    goto fail;

  /* R17-5(1)ウ, (2)ウ: the file goes out encrypted; its password only to
   * the keyring and to the caller, never to the database or the audit. */
  if (electronic)
    {
      password = jhk_pdf_password_new ();
      if (!jhk_pdf_encrypt_file (spec->file, spec->out_file, password, error))
        goto fail;
      file_written = TRUE;
      sha256 = jhk_pdf_file_sha256 (spec->out_file, error);
      if (sha256 == NULL ||
          !jhk_db_run (db, error, "UPDATE transfers SET file_sha256 = ? WHERE id = ?",
                       JHK_T (sha256), JHK_I (id), JHK_DB_END) ||
          (keep && !keyring_store (db, id, password, error)))
        goto fail;
      secret_stored = keep;
    }

  json_object_set_int_member (details, "transfer_id", id);
  json_object_set_int_member (details, "event_id", event_id);
  json_object_set_string_member (details, "method", method);
  json_object_set_int_member (details, "officer_staff_id", spec->officer_staff_id);
  if (spec->to_office_id != 0)
    json_object_set_int_member (details, "to_office_id", spec->to_office_id);
  else
    json_object_set_string_member (details, "recipient", spec->recipient);
  if (spec->channel_id != 0)
    json_object_set_int_member (details, "channel_id", spec->channel_id);
  if (spec->terminal_id != 0)
    json_object_set_int_member (details, "terminal_id", spec->terminal_id);
  if (spec->approved_by != 0)
    json_object_set_int_member (details, "approved_by", spec->approved_by);
  if (spec->fax_reason != NULL)
    json_object_set_string_member (details, "fax_reason", spec->fax_reason);
  if (sha256 != NULL)
    json_object_set_string_member (details, "file_sha256", sha256);
  if (jhk_service_commit_new (db, actor, id, "transfer.send", "transfer", details, error) == 0)
    goto undo;
  if (out_password != NULL && keep)
    *out_password = password;
  else
    jhk_pdf_password_free (password);
  return id;

fail:
  jhk_service_abort (db);
undo:
  if (secret_stored)
    keyring_clear (db, id);
  if (file_written)
    g_unlink (spec->out_file);
  jhk_pdf_password_free (password);
  return 0;
}

gint64
jhk_delivery_send (JhkDb                  *db,
                   JhkSession             *actor,
                   const JhkTransferSpec  *spec,
                   char                  **out_password,
                   GError                **error)
{
  return send_transfer (db, actor, spec, TRUE, out_password, error);
}

gint64
jhk_delivery_send_discarding_password (JhkDb                  *db,
                                       JhkSession             *actor,
                                       const JhkTransferSpec  *spec,
                                       GError                **error)
{
  return send_transfer (db, actor, spec, FALSE, NULL, error);
}

gboolean
jhk_delivery_check_transfer (const JhkTransferSpec  *spec,
                             GError                **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  return check_transfer_spec (spec, error);
}

const char *
jhk_delivery_send_refusal (JhkDb         *db,
                           JhkSession    *actor,
                           gconstpointer  material)
{
  const JhkLedgerMaterial *m = material;
  const char *why;
  gint64 found = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (m != NULL, NULL);

  if (g_strcmp0 (m->direction, "output") != 0 || (!m->personal_data && !m->designated))
    return _("Transfers are recorded here for personal-data or especially important output "
             "material; record other hand-overs as a step of the material.");
  why = jhk_ledger_action_refusal (db, actor, m, JHK_LEDGER_ACTION_HAND_OVER);
  if (why != NULL)
    return why;
  if (!jhk_ledger_may_keep_office (db, actor, m->office_id))
    return _("Only the office's operations manager, information management lead, "
             "information manager or assistant keep its materials ledger.");
  /* R17-5: only the business's designated 交付等担当者 sends. */
  if (!jhk_db_query_int64 (db, &found, NULL,
                           "SELECT o.id FROM delivery_officers o JOIN materials m"
                           " ON m.org_unit_id = o.org_unit_id AND m.business_id = o.business_id"
                           " WHERE m.id = ? AND o.valid_to IS NULL",
                           JHK_I (m->id), JHK_DB_END) || found == 0)
    return _("No transfer officer is designated for the material's business in this office: "
             "the office's operations manager designates one.");
  return NULL;
}

typedef struct
{
  gint64  from_office_id;
  gint64  to_office_id;
  gint64  officer_staff_id;
  gboolean deletion_required;
  gboolean deleted;
  gboolean confirmed;
  gboolean received;
  char   *sent_on;
} TransferState;

static void
transfer_state_clear (TransferState *t)
{
  g_clear_pointer (&t->sent_on, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TransferState, transfer_state_clear)

static gboolean
load_transfer (JhkDb          *db,
               gint64          transfer_id,
               TransferState  *t,
               GError        **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_service_query_row (db, _("There is no such transfer."), error,
                                "SELECT from_office_id, COALESCE(to_office_id, 0), officer_staff_id,"
                                " deletion_required, deleted_on IS NOT NULL, confirmed_on IS NOT NULL,"
                                " received_material_id IS NOT NULL, sent_on FROM transfers WHERE id = ?",
                                JHK_I (transfer_id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  t->from_office_id = jhk_db_stmt_get_int64 (stmt, 0);
  t->to_office_id = jhk_db_stmt_get_int64 (stmt, 1);
  t->officer_staff_id = jhk_db_stmt_get_int64 (stmt, 2);
  t->deletion_required = jhk_db_stmt_get_int64 (stmt, 3) != 0;
  t->deleted = jhk_db_stmt_get_int64 (stmt, 4) != 0;
  t->confirmed = jhk_db_stmt_get_int64 (stmt, 5) != 0;
  t->received = jhk_db_stmt_get_int64 (stmt, 6) != 0;
  t->sent_on = jhk_db_stmt_dup_text (stmt, 7);
  return TRUE;
}

gboolean
jhk_delivery_confirm (JhkDb       *db,
                      JhkSession  *actor,
                      gint64       transfer_id,
                      GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_auto(TransferState) t = { 0 };
  g_autofree char *today = jhk_today ();

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  /* Read under the write lock: two managers confirming at once confirm once. */
  if (!load_transfer (db, transfer_id, &t, error) ||
      !require_ops_manager (db, actor, t.from_office_id, error))
    goto fail;
  if (t.confirmed)
    {
      fail_with (error, JHK_POLICY_ERROR_CONFLICT, _("This transfer has been confirmed already."));
      goto fail;
    }
  if (!jhk_db_run (db, error,
                   "UPDATE transfers SET confirmed_on = ?, confirmed_by = ?"
                   " WHERE id = ? AND confirmed_on IS NULL",
                   JHK_T (today), JHK_IZ (jhk_session_get_staff_id (actor)), JHK_I (transfer_id),
                   JHK_DB_END))
    goto fail;
  json_object_set_string_member (details, "confirmed_on", today);
  return jhk_service_commit_id (db, actor, "transfer.confirm", "transfer", transfer_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gboolean
jhk_delivery_confirm_deleted (JhkDb       *db,
                              JhkSession  *actor,
                              gint64       transfer_id,
                              const char  *deleted_on,
                              GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_auto(TransferState) t = { 0 };

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  if (!load_transfer (db, transfer_id, &t, error))
    goto fail;
  /* R17-5(1)エ: the officer who sent it removes it and says so; a keeper
   * of the office may record it for them. */
  if (!jhk_session_is_system (actor) &&
      jhk_session_get_staff_id (actor) != t.officer_staff_id &&
      !jhk_ledger_may_keep_office (db, actor, t.from_office_id))
    {
      fail_with (error, JHK_POLICY_ERROR_DENIED,
                 _("Only the transfer's officer or a keeper of the office's ledger confirms the "
                   "deletion of the sent file."));
      goto fail;
    }
  if (!t.deletion_required)
    {
      jhk_service_invalid (error, _("This transfer sent no file that must be deleted."));
      goto fail;
    }
  if (t.deleted)
    {
      fail_with (error, JHK_POLICY_ERROR_CONFLICT,
                 _("The deletion of this transfer's file has been confirmed already."));
      goto fail;
    }
  if (!check_date (deleted_on, t.sent_on, error) ||
      !jhk_db_run (db, error,
                   "UPDATE transfers SET deleted_on = ?, deleted_by = ?"
                   " WHERE id = ? AND deleted_on IS NULL",
                   JHK_T (deleted_on), JHK_IZ (jhk_session_get_staff_id (actor)),
                   JHK_I (transfer_id), JHK_DB_END))
    goto fail;
  json_object_set_string_member (details, "deleted_on", deleted_on);
  return jhk_service_commit_id (db, actor, "transfer.deleted", "transfer", transfer_id, details,
                                error);

fail:
  jhk_service_abort (db);
  return FALSE;
}

gint64
jhk_delivery_receive (JhkDb       *db,
                      JhkSession  *actor,
                      gint64       transfer_id,
                      const char  *received_on,
                      gint64       handler_staff_id,
                      gint64       storage_place_id,
                      GError     **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_auto(TransferState) t = { 0 };
  g_autofree char *today = jhk_today ();
  g_autofree char *from = NULL;
  g_autofree char *method = NULL;
  g_autofree char *acquisition = NULL;
  gint64 handler_unit = 0, locked = -1, id;

  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (!load_transfer (db, transfer_id, &t, error))
    goto fail;
  if (t.to_office_id == 0)
    {
      jhk_service_invalid (error, _("This transfer went outside the organisation: no office receives it."));
      goto fail;
    }
  if (!require_keeper (db, actor, t.to_office_id, error))
    goto fail;
  if (t.received)
    {
      fail_with (error, JHK_POLICY_ERROR_CONFLICT, _("This transfer has been received already."));
      goto fail;
    }
  if (!check_date (received_on, t.sent_on, error))
    goto fail;
  if (!jhk_db_query_int64 (db, &handler_unit, NULL, "SELECT org_unit_id FROM staff WHERE id = ?",
                           JHK_I (handler_staff_id), JHK_DB_END) ||
      !jhk_policy_org_is_within (db, handler_unit, t.to_office_id))
    {
      jhk_service_invalid (error, _("The handler must be a member of the receiving office's staff."));
      goto fail;
    }
  /* R15-5: personal data and designated material under lock. */
  if (!jhk_db_query_int64 (db, &locked, NULL,
                           "SELECT locked FROM storage_places WHERE id = ? AND org_unit_id = ?"
                           " AND (valid_to IS NULL OR valid_to >= ?)",
                           JHK_I (storage_place_id), JHK_I (t.to_office_id), JHK_T (today),
                           JHK_DB_END))
    {
      jhk_service_invalid (error, _("The storage place must be a current one of the receiving office."));
      goto fail;
    }
  if (locked == 0)
    {
      jhk_service_invalid (error, _("Personal-data and especially important materials are stored only in "
                                    "a locked place."));
      goto fail;
    }
  from = office_name (db, t.from_office_id);
  if (!jhk_db_query_text (db, &method, error, "SELECT method FROM transfers WHERE id = ?",
                          JHK_I (transfer_id), JHK_DB_END))
    goto fail;
  acquisition = g_strdup_printf ("%s（%s）", from, jhk_delivery_method_label (method));
  id = jhk_service_insert (db, error,
                           "INSERT INTO materials (org_unit_id, direction, name, quantity, breakdown,"
                           " summary, business_id, handler_staff_id, handler_section_id, purpose,"
                           " designated, designated_by, personal_data, creation_reason, acquired_on,"
                           " acquisition_method, acquisition_text, acquired_by, measure, measure_text,"
                           " storage_place_id, quantity_on_hand, quantity_lent, status,"
                           " last_entry_on, created_at, created_by)"
                           " SELECT ?, 'output', name, quantity, '', summary, business_id, ?, ?,"
                           " purpose, CASE WHEN designated_by IS NULL THEN 0 ELSE 1 END,"
                           " designated_by, personal_data, creation_reason, ?, 'received', ?, ?,"
                           " 'store', '', ?, quantity, 0, 'stored', ?, ?, ?"
                           " FROM transfers WHERE id = ? RETURNING id",
                           JHK_I (t.to_office_id), JHK_I (handler_staff_id), JHK_I (handler_unit),
                           JHK_T (received_on), JHK_T (acquisition), JHK_I (handler_staff_id),
                           JHK_I (storage_place_id), JHK_T (received_on), JHK_I (jhk_now_us ()),
                           JHK_T (jhk_session_get_login (actor)), JHK_I (transfer_id),
                           JHK_DB_END);
  if (id == 0 ||
      !jhk_db_run (db, error,
                   "UPDATE transfers SET received_material_id = ?, received_on = ?"
                   " WHERE id = ? AND received_material_id IS NULL",
                   JHK_I (id), JHK_T (received_on), JHK_I (transfer_id), JHK_DB_END))
    goto fail;
  /* The receiving ledger registers a material like any other (the
   * audit's material.register), acquired "received" through the transfer. */
  json_object_set_int_member (details, "org_unit_id", t.to_office_id);
  json_object_set_string_member (details, "acquisition_method", "received");
  json_object_set_int_member (details, "transfer_id", transfer_id);
  json_object_set_string_member (details, "received_on", received_on);
  json_object_set_int_member (details, "storage_place_id", storage_place_id);
  return jhk_service_commit_new (db, actor, id, "material.register", "material", details, error);

fail:
  jhk_service_abort (db);
  return 0;
}

void
jhk_transfer_record_free (JhkTransferRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->material_name);
  g_free (r->from_office_name);
  g_free (r->to_office_name);
  g_free (r->recipient);
  g_free (r->business_code);
  g_free (r->business_name);
  g_free (r->method);
  g_free (r->sent_on);
  g_free (r->officer_staff_no);
  g_free (r->officer_name);
  g_free (r->purpose);
  g_free (r->summary);
  g_free (r->channel_name);
  g_free (r->channel_address);
  g_free (r->terminal_name);
  g_free (r->approved_by_name);
  g_free (r->fax_reason);
  g_free (r->fax_reason_text);
  g_free (r->file_sha256);
  g_free (r->deleted_on);
  g_free (r->confirmed_on);
  g_free (r->confirmed_by_name);
  g_free (r->received_on);
  g_free (r->note);
  g_free (r);
}

#define TRANSFER_COLUMNS \
  "t.id, t.material_id, t.name, t.from_office_id, fo.name, COALESCE(t.to_office_id, 0)," \
  " too.name, t.recipient, b.code, b.name, t.method, t.sent_on, t.quantity, os.staff_no," \
  " os.name, t.purpose, t.summary, COALESCE(t.channel_id, 0), ch.name, ch.address," \
  " COALESCE(t.terminal_id, 0), te.name, ap.name, t.fax_reason, t.fax_reason_text," \
  " t.file_sha256, t.deletion_required, t.deleted_on, t.confirmed_on, cs.name," \
  " COALESCE(t.received_material_id, 0), t.received_on, t.note, t.officer_staff_id" \
  " FROM transfers t" \
  " LEFT JOIN org_units fo ON fo.id = t.from_office_id" \
  " LEFT JOIN org_units too ON too.id = t.to_office_id" \
  " LEFT JOIN businesses b ON b.id = t.business_id" \
  " LEFT JOIN staff os ON os.id = t.officer_staff_id" \
  " LEFT JOIN delivery_channels ch ON ch.id = t.channel_id" \
  " LEFT JOIN delivery_channels te ON te.id = t.terminal_id" \
  " LEFT JOIN staff ap ON ap.id = t.approved_by" \
  " LEFT JOIN staff cs ON cs.id = t.confirmed_by"

static JhkTransferRecord *
transfer_from_row (JhkDbStmt *stmt)
{
  JhkTransferRecord *r = g_new0 (JhkTransferRecord, 1);
  int c = 0;

  r->id = jhk_db_stmt_get_int64 (stmt, c++);
  r->material_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->material_name = jhk_db_stmt_dup_text (stmt, c++);
  r->from_office_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->from_office_name = jhk_db_stmt_dup_text (stmt, c++);
  r->to_office_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->to_office_name = jhk_db_stmt_dup_text (stmt, c++);
  r->recipient = jhk_db_stmt_dup_text (stmt, c++);
  r->business_code = jhk_db_stmt_dup_text (stmt, c++);
  r->business_name = jhk_db_stmt_dup_text (stmt, c++);
  r->method = jhk_db_stmt_dup_text (stmt, c++);
  r->sent_on = jhk_db_stmt_dup_text (stmt, c++);
  r->quantity = jhk_db_stmt_get_int64 (stmt, c++);
  r->officer_staff_no = jhk_db_stmt_dup_text (stmt, c++);
  r->officer_name = jhk_db_stmt_dup_text (stmt, c++);
  r->purpose = jhk_db_stmt_dup_text (stmt, c++);
  r->summary = jhk_db_stmt_dup_text (stmt, c++);
  r->channel_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->channel_name = jhk_db_stmt_dup_text (stmt, c++);
  r->channel_address = jhk_db_stmt_dup_text (stmt, c++);
  r->terminal_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->terminal_name = jhk_db_stmt_dup_text (stmt, c++);
  r->approved_by_name = jhk_db_stmt_dup_text (stmt, c++);
  r->fax_reason = jhk_db_stmt_dup_text (stmt, c++);
  r->fax_reason_text = jhk_db_stmt_dup_text (stmt, c++);
  r->file_sha256 = jhk_db_stmt_dup_text (stmt, c++);
  r->deletion_required = jhk_db_stmt_get_int64 (stmt, c++) != 0;
  r->deleted_on = jhk_db_stmt_dup_text (stmt, c++);
  r->confirmed_on = jhk_db_stmt_dup_text (stmt, c++);
  r->confirmed_by_name = jhk_db_stmt_dup_text (stmt, c++);
  r->received_material_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->received_on = jhk_db_stmt_dup_text (stmt, c++);
  r->note = jhk_db_stmt_dup_text (stmt, c++);
  r->waits_confirmation = r->confirmed_on == NULL;
  r->waits_deletion = r->deletion_required && r->deleted_on == NULL;
  r->waits_receipt = r->to_office_id != 0 && r->received_material_id == 0;
  return r;
}

/* The sending or receiving office's readers, and the transfer's officer. */
static gboolean
may_view_transfer (JhkDb             *db,
                   JhkSession        *actor,
                   JhkTransferRecord *r,
                   gint64             officer_staff_id)
{
  return may_view_office (db, actor, r->from_office_id) ||
         may_view_office (db, actor, r->to_office_id) ||
         (officer_staff_id != 0 && jhk_session_get_staff_id (actor) == officer_staff_id);
}

JhkTransferRecord *
jhk_delivery_get_transfer (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       transfer_id,
                           GError     **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(JhkTransferRecord) r = NULL;
  gint64 officer = 0;

  stmt = jhk_db_query (db, error, "SELECT " TRANSFER_COLUMNS " WHERE t.id = ?", JHK_I (transfer_id), JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  if (jhk_db_stmt_step (stmt, error) == JHK_DB_ROW)
    {
      r = transfer_from_row (stmt);
      officer = jhk_db_stmt_get_int64 (stmt, jhk_db_stmt_get_n_columns (stmt) - 1);
    }
  if (r == NULL || !may_view_transfer (db, actor, r, officer))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                             _("There is no such transfer."));
      return NULL;
    }
  return g_steal_pointer (&r);
}

GPtrArray *
jhk_delivery_list_transfers (JhkDb             *db,
                             JhkSession        *actor,
                             gint64             office_id,
                             JhkTransferFilter  filter,
                             GError           **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_transfer_record_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  const char *where;
  JhkDbStep step;

  switch (filter)
    {
    case JHK_TRANSFER_LIST_TO_CONFIRM:
      where = " AND t.confirmed_on IS NULL";
      break;
    case JHK_TRANSFER_LIST_DELETION_PENDING:
      where = " AND t.deletion_required = 1 AND t.deleted_on IS NULL";
      break;
    case JHK_TRANSFER_LIST_TO_RECEIVE:
      where = " AND t.to_office_id IS NOT NULL AND t.received_material_id IS NULL";
      break;
    case JHK_TRANSFER_LIST_ALL:
    default:
      where = "";
      break;
    }

  {
    g_autofree char *sql = g_strconcat ("SELECT " TRANSFER_COLUMNS
                                        " WHERE (? = 0 OR t.from_office_id = ?"
                                        " OR t.to_office_id = ?)", where,
                                        " ORDER BY t.sent_on DESC, t.id DESC", NULL);

    stmt = jhk_db_query (db, error, sql, JHK_I (office_id), JHK_I (office_id), JHK_I (office_id),
                         JHK_DB_END);
  }
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      g_autoptr(JhkTransferRecord) r = transfer_from_row (stmt);
      gint64 officer = jhk_db_stmt_get_int64 (stmt, jhk_db_stmt_get_n_columns (stmt) - 1);
      gboolean keep;

      switch (filter)
        {
        case JHK_TRANSFER_LIST_TO_CONFIRM:
          /* R17-9: waiting on the sending office's 運用管理者. */
          keep = jhk_session_is_system (actor) ||
                 jhk_policy_has_role_for_org (db, actor, JHK_ROLE_OPS_MANAGER, r->from_office_id);
          break;
        case JHK_TRANSFER_LIST_DELETION_PENDING:
          keep = jhk_session_get_staff_id (actor) == officer ||
                 may_view_office (db, actor, r->from_office_id);
          break;
        case JHK_TRANSFER_LIST_TO_RECEIVE:
          keep = jhk_ledger_may_keep_office (db, actor, r->to_office_id);
          break;
        case JHK_TRANSFER_LIST_ALL:
        default:
          keep = may_view_transfer (db, actor, r, officer);
          break;
        }
      if (keep)
        g_ptr_array_add (list, g_steal_pointer (&r));
    }
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}
