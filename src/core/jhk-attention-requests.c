/* jhk-attention-requests.c: the 作業依頼書 that wait for the logged-in
 * user (R15-4), for the dashboard.
 *
 * Each item is one count in SQL over work_requests, on the indexes of
 * 0013: the requests of the offices the actor files for (運用管理者 or
 * 情報管理者 of the office), those addressed to the actor (the システム管理者,
 * or the manager of the business), and those whose consent is the
 * actor's (the business's 対象業務管理者等, for a request to the
 * システム管理者). */
#include <glib/gi18n-lib.h>

#include "jhk-attention-private.h"
#include "jhk-ledger-private.h"
#include "jhk-org.h"

/* The open states, as jhk_work_request_is_overdue() reads them. */
#define OPEN_STATES "('consent_pending', 'submitted', 'in_progress')"

/* Where the actor stands towards the requests. */
typedef struct
{
  GArray   *offices;     /* gint64: the offices the actor files requests for */
  GArray   *businesses;  /* gint64: the businesses the actor manages */
  gboolean  sysadmin;    /* requests to the システム管理者 are addressed to the actor */
} Reach;

static void
reach_clear (Reach *reach)
{
  g_clear_pointer (&reach->offices, g_array_unref);
  g_clear_pointer (&reach->businesses, g_array_unref);
}

static void
reach_init (Reach      *reach,
            JhkDb      *db,
            JhkSession *actor)
{
  g_autoptr(JhkDbStmt) stmt = NULL;

  reach->offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  reach->businesses = g_array_new (FALSE, FALSE, sizeof (gint64));
  reach->sysadmin = jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);

  if (jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER) ||
      jhk_session_has_role (actor, JHK_ROLE_INFO_MANAGER))
    {
      stmt = jhk_db_query (db, NULL, "SELECT id FROM org_units WHERE kind = 'office'",
                           JHK_DB_END);
      while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
        {
          gint64 office = jhk_db_stmt_get_int64 (stmt, 0);

          if (jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_OPS_MANAGER, office) ||
              jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_MANAGER, office))
            g_array_append_val (reach->offices, office);
        }
    }

  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if (grant->business_id != 0 && jhk_org_manages_business (actor, grant->business_id))
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < reach->businesses->len && !seen; j++)
            seen = g_array_index (reach->businesses, gint64, j) == grant->business_id;
          if (!seen)
            g_array_append_val (reach->businesses, grant->business_id);
        }
    }
}

/* "column IN (?, ?...)" for ids, its values appended to params. */
static void
append_in (GString    *sql,
           const char *column,
           GArray     *ids,
           GArray     *params)
{
  g_string_append_printf (sql, "%s IN (", column);
  for (guint i = 0; i < ids->len; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append_c (sql, ')');
  g_array_append_vals (params, ids->data, ids->len);
}

/* "(...)" true for the requests addressed to the actor, or FALSE when
 * none can be. */
static gboolean
append_addressed (GString *sql,
                  Reach   *reach,
                  GArray  *params)
{
  if (!reach->sysadmin && reach->businesses->len == 0)
    return FALSE;
  g_string_append_c (sql, '(');
  if (reach->sysadmin)
    g_string_append (sql, "recipient = 'sysadmin'");
  if (reach->sysadmin && reach->businesses->len > 0)
    g_string_append (sql, " OR ");
  if (reach->businesses->len > 0)
    {
      g_string_append (sql, "(recipient = 'business' AND ");
      append_in (sql, "business_id", reach->businesses, params);
      g_string_append_c (sql, ')');
    }
  g_string_append_c (sql, ')');
  return TRUE;
}

/* The count of "SELECT COUNT(*) FROM work_requests WHERE <where>", with
 * params bound in order and then now_local, when given. */
static guint
count (JhkDb      *db,
       GString    *where,
       GArray     *params,
       const char *now_local)
{
  g_autofree char *sql = g_strconcat ("SELECT COUNT(*) FROM work_requests WHERE ", where->str,
                                      NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkDbStmt) stmt = jhk_db_prepare (db, sql, &error);
  gint64 n = 0;
  guint i;

  if (stmt == NULL)
    {
      g_debug ("Cannot count the requests waiting: %s", error->message);
      return 0;
    }
  for (i = 0; i < params->len; i++)
    jhk_db_stmt_bind_int64 (stmt, i + 1, g_array_index (params, gint64, i));
  if (now_local != NULL)
    jhk_db_stmt_bind_text (stmt, i + 1, now_local);
  if (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
    n = jhk_db_stmt_get_int64 (stmt, 0);
  else if (error != NULL)
    g_debug ("Cannot count the requests waiting: %s", error->message);
  jhk_db_stmt_reset (stmt);
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

/* The requests in status addressed to the actor. */
static guint
count_addressed (JhkDb      *db,
                 Reach      *reach,
                 const char *status)
{
  g_autoptr(GString) where = g_string_new ("status = '");
  g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_string_append_printf (where, "%s' AND ", status);
  if (!append_addressed (where, reach, params))
    return 0;
  return count (db, where, params, NULL);
}

static char *
now_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (jhk_now_us () / G_USEC_PER_SEC);

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

GPtrArray *
jhk_attention_requests (JhkDb      *db,
                        JhkSession *actor)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_attention_item_free);
  Reach reach = { 0 };
  guint n = 0;

  g_return_val_if_fail (JHK_IS_SESSION (actor), items);

  reach_init (&reach, db, actor);

  /* R15-4: a request to the システム管理者 waits for the consent of the
   * business's 対象業務管理者等. */
  if (reach.businesses->len > 0)
    {
      g_autoptr(GString) where =
        g_string_new ("status = 'consent_pending' AND recipient = 'sysadmin' AND ");
      g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (gint64));

      append_in (where, "business_id", reach.businesses, params);
      n = count (db, where, params, NULL);
    }
  jhk_attention_add_item (items, "requests", "requests.consent", n,
                          _("Work Requests Waiting for Your Consent"),
                          g_strdup_printf (ngettext ("%u work request to the system administrator "
                                                     "waits for your consent",
                                                     "%u work requests to the system administrator "
                                                     "wait for your consent", n), n),
                          "emblem-ok-symbolic");

  /* 受付 by the receiving side. */
  n = count_addressed (db, &reach, "submitted");
  jhk_attention_add_item (items, "requests", "requests.receive", n,
                          _("Work Requests to Receive"),
                          g_strdup_printf (ngettext ("%u work request addressed to you is not "
                                                     "received yet",
                                                     "%u work requests addressed to you are not "
                                                     "received yet", n), n),
                          "mail-unread-symbolic");

  /* 処理, 入力資料返却, 出力資料交付 and completion. */
  n = count_addressed (db, &reach, "in_progress");
  jhk_attention_add_item (items, "requests", "requests.in_progress", n,
                          _("Work Requests in Progress"),
                          g_strdup_printf (ngettext ("%u work request addressed to you is in "
                                                     "progress",
                                                     "%u work requests addressed to you are in "
                                                     "progress", n), n),
                          "emblem-synchronizing-symbolic");

  /* Declined or sent back: the requesting office revises or withdraws. */
  n = 0;
  if (reach.offices->len > 0)
    {
      g_autoptr(GString) where = g_string_new ("status = 'returned' AND ");
      g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (gint64));

      append_in (where, "org_unit_id", reach.offices, params);
      n = count (db, where, params, NULL);
    }
  jhk_attention_add_item (items, "requests", "requests.returned", n,
                          _("Work Requests Sent Back"),
                          g_strdup_printf (ngettext ("%u work request of your office was sent "
                                                     "back",
                                                     "%u work requests of your office were sent "
                                                     "back", n), n),
                          "edit-undo-symbolic");

  /* Open, and the 完成希望日時 has passed: of the actor's offices, to be
   * received or processed by the actor, or waiting for the actor's
   * consent. */
  n = 0;
  if (reach.offices->len > 0 || reach.sysadmin || reach.businesses->len > 0)
    {
      g_autoptr(GString) where = g_string_new ("status IN " OPEN_STATES " AND (");
      g_autoptr(GArray) params = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *now = now_local ();
      const char *or = "";

      if (reach.offices->len > 0)
        {
          append_in (where, "org_unit_id", reach.offices, params);
          or = " OR ";
        }
      if (reach.sysadmin)
        {
          g_string_append_printf (where,
                                  "%s(recipient = 'sysadmin' AND status <> 'consent_pending')",
                                  or);
          or = " OR ";
        }
      if (reach.businesses->len > 0)
        {
          g_string_append_printf (where, "%s(", or);
          append_in (where, "business_id", reach.businesses, params);
          g_string_append (where, " AND (recipient = 'business' OR status = 'consent_pending'))");
        }
      g_string_append (where, ") AND wanted_at <> '' AND wanted_at < ?");
      n = count (db, where, params, now);
    }
  jhk_attention_add_item (items, "requests", "requests.overdue", n,
                          _("Overdue Work Requests"),
                          g_strdup_printf (ngettext ("%u open work request is past its wanted "
                                                     "completion",
                                                     "%u open work requests are past their wanted "
                                                     "completion", n), n),
                          "alarm-symbolic");

  reach_clear (&reach);
  return items;
}
