/* jhk-service-private.h: the input checks the write services share.
 *
 * Each refusal is a JHK_POLICY_ERROR_INVALID with the caller's message, so
 * every service keeps its own wording.
 */
#pragma once

#include <glib.h>

#include "jhk-db.h"
#include "jhk-query-model.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* Sets a JHK_POLICY_ERROR_INVALID with message; returns FALSE. */
gboolean    jhk_service_invalid     (GError            **error,
                                     const char         *message);
/* jhk_service_invalid() with a message of format, naming the refused
 * field through *out_field (may be NULL). */
gboolean    jhk_service_refuse_field (GError           **error,
                                      const char       **out_field,
                                      const char        *field,
                                      const char        *format,
                                      ...) G_GNUC_PRINTF (4, 5);
/* Whether value is one of the NULL-terminated keys (FALSE for NULL). */
gboolean    jhk_service_is_one_of   (const char         *value,
                                     const char *const  *keys);
/* text, or "" for NULL. */
const char *jhk_service_or_empty    (const char         *text);
/* Whether value is valid UTF-8 of at most max_chars characters. */
gboolean    jhk_service_text_fits   (const char         *value,
                                     int                 max_chars);
/* A valid YYYY-MM-DD date, not in the future, and not before not_before
 * (may be NULL; refused with before_message). */
gboolean    jhk_service_check_date  (const char         *date,
                                     const char         *not_before,
                                     const char         *before_message,
                                     GError            **error);
/* jhk_db_query() for the one row that must be there: returns the statement
 * on that row, or NULL with error set (JHK_POLICY_ERROR_NOT_FOUND and
 * not_found_message when there is no row). */
JhkDbStmt  *jhk_service_query_row   (JhkDb              *db,
                                     const char         *not_found_message,
                                     GError            **error,
                                     const char         *sql,
                                     ...);
/* Whether the last statement changed exactly one row: FALSE with a
 * JHK_POLICY_ERROR_CONFLICT and conflict_message when it did not (the
 * row changed meanwhile). */
gboolean    jhk_service_changed_once (JhkDb             *db,
                                      const char        *conflict_message,
                                      GError           **error);
/* A key and its label, marked with N_(). */
typedef struct
{
  const char *key;
  const char *label;
} JhkServiceLabel;
/* The translated label of key in labels (ended by { NULL }), or key
 * itself when none has it. */
const char *jhk_service_label        (const JhkServiceLabel *labels,
                                      const char            *key);
/* Makes a new object of a statement's row. */
typedef gpointer (*JhkServiceFromRow) (JhkDbStmt *stmt);
/* jhk_db_query() for at most one row: *out_object is that row as from_row
 * makes it, or NULL when there is none; FALSE with error set when the
 * query fails. */
gboolean    jhk_service_query_object (JhkDb             *db,
                                      JhkServiceFromRow  from_row,
                                      gpointer          *out_object,
                                      GError           **error,
                                      const char        *sql,
                                      ...);
/* The text of a statement's column, "" for NULL. */
char       *jhk_service_dup_text     (JhkDbStmt         *stmt,
                                      int                column);
/* The first column (an id) of each row of sql, run with the arguments of
 * jhk_db_query(): an array of gint64, or NULL with error set. */
GArray     *jhk_service_query_ids    (JhkDb             *db,
                                      GError           **error,
                                      const char        *sql,
                                      ...);
/* Filters model by where (none when "") with the tuple params ends (NULL
 * when it has none), and refreshes it: FALSE with error set when that
 * fails. */
gboolean    jhk_service_set_filter   (JhkQueryModel     *model,
                                      const char        *where,
                                      GVariantBuilder   *params,
                                      GError           **error);
/* A LIKE pattern (with ESCAPE '\\') matching search anywhere, LIKE's
 * wildcards in search escaped. */
char       *jhk_service_like_pattern (const char        *search);
/* The actor sees the office, as jhk_visible_orgs() on the server: works
 * in it (or below it), or holds a role over a unit it lies within. */
gboolean    jhk_service_sees_office  (JhkDb             *db,
                                      JhkSession        *actor,
                                      gint64             office_id);
/* The SQL condition that the business b (businesses b) has a manager
 * (対象業務管理者等) today: on a server the function of 0013 answers (the
 * manager's assignments may lie outside the user's rows); on SQLite it
 * takes today twice as parameters (*out_takes_today). */
const char *jhk_service_business_managed (JhkDb             *db,
                                          gboolean          *out_takes_today);
/* Whether the business has a manager today, as
 * jhk_service_business_managed() decides it. */
gboolean    jhk_service_business_has_manager (JhkDb         *db,
                                              gint64         business_id);
/* ", id" for every org unit the actor holds role for, for an SQL list
 * after "IN (0"; "" when none (or the actor is no staff member). Each
 * such unit is also appended to out (a GArray of gint64; may be NULL). */
char       *jhk_service_role_units   (JhkDb             *db,
                                      JhkSession        *actor,
                                      JhkRole            role,
                                      GArray            *out);

G_END_DECLS
