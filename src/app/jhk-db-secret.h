/* jhk-db-secret.h: database servers' passwords in the Secret Service.
 *
 * A password is kept only when the user asks for it, under the schema
 * "org.example.Jhk.Database" with the server's host, port, database and
 * user as attributes, as libpq reads them from the URI: never in settings
 * or files.
 */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *jhk_db_secret_get_schema   (void);

/* The password kept for the server of uri; NULL without an error when
 * none is kept. Free it with secret_password_free(). */
void                jhk_db_secret_lookup_async  (const char          *uri,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char               *jhk_db_secret_lookup_finish (GAsyncResult        *result,
                                                 GError             **error);

/* Keeps the password for the server of uri in collection (NULL: the
 * default keyring; tests use SECRET_COLLECTION_SESSION, which lives in
 * memory only), replacing one kept before. */
void                jhk_db_secret_store_async   (const char          *uri,
                                                 const char          *password,
                                                 const char          *collection,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean            jhk_db_secret_store_finish  (GAsyncResult        *result,
                                                 GError             **error);

/* Forgets the password kept for the server of uri; TRUE also when none
 * was kept. */
void                jhk_db_secret_clear_async   (const char          *uri,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean            jhk_db_secret_clear_finish  (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
