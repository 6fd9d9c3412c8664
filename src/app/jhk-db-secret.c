/* jhk-db-secret.c: database servers' passwords in the Secret Service. */
#include <glib/gi18n.h>

#include "jhk-db.h"
#include "jhk-db-secret.h"

const SecretSchema *
jhk_db_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "org.example.Jhk.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/* The attributes of the server a URI leads to; a label for the keyring's
 * own window when out_label is not NULL. */
static GHashTable *
server_attributes (const char  *uri,
                   char       **out_label,
                   GError     **error)
{
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *user = NULL;
  GHashTable *attributes;

  if (!jhk_db_uri_get_server (uri, &host, &port, &dbname, &user, error))
    return NULL;
  if (out_label != NULL)
    /* Translators: in the keyring: user, database, server, port. */
    *out_label = g_strdup_printf (_("Jhk: password of %s for the database %s on %s:%s"), user,
                                  dbname, *host != '\0' ? host : "localhost", port);
  attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_hash_table_insert (attributes, "host", g_steal_pointer (&host));
  g_hash_table_insert (attributes, "port", g_steal_pointer (&port));
  g_hash_table_insert (attributes, "dbname", g_steal_pointer (&dbname));
  g_hash_table_insert (attributes, "user", g_steal_pointer (&user));
  return attributes;
}

/* A task for one keyring call on the server a URI leads to; NULL when the
 * URI cannot be read, the task having returned the error already. */
static GTask *
start_task (const char           *uri,
            gpointer              source_tag,
            char                **out_label,
            GHashTable          **out_attributes,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  *out_attributes = server_attributes (uri, out_label, &error);
  if (*out_attributes == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  return g_steal_pointer (&task);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

void
jhk_db_secret_lookup_async (const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (uri != NULL);

  task = start_task (uri, jhk_db_secret_lookup_async, NULL, &attributes, cancellable, callback,
                     user_data);
  if (task == NULL)
    return;
  secret_password_lookupv (jhk_db_secret_get_schema (), attributes, cancellable, lookup_cb,
                           g_steal_pointer (&task));
}

char *
jhk_db_secret_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jhk_db_secret_store_async (const char          *uri,
                           const char          *password,
                           const char          *collection,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (password != NULL);

  task = start_task (uri, jhk_db_secret_store_async, &label, &attributes, cancellable, callback,
                     user_data);
  if (task == NULL)
    return;
  secret_password_storev (jhk_db_secret_get_schema (), attributes, collection, label, password,
                          cancellable, store_cb, g_steal_pointer (&task));
}

gboolean
jhk_db_secret_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to forget. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
jhk_db_secret_clear_async (const char          *uri,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (uri != NULL);

  task = start_task (uri, jhk_db_secret_clear_async, NULL, &attributes, cancellable, callback,
                     user_data);
  if (task == NULL)
    return;
  secret_password_clearv (jhk_db_secret_get_schema (), attributes, cancellable, clear_cb,
                          g_steal_pointer (&task));
}

gboolean
jhk_db_secret_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
