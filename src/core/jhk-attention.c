/* jhk-attention.c: what waits for the logged-in user in the ledgers. */
#include <glib/gi18n-lib.h>

#include "jhk-approvals.h"
#include "jhk-attention.h"
#include "jhk-ledger-private.h"
#include "jhk-attention-private.h"
#include "jhk-retention.h"
#include "jhk-settings.h"
#include "jhk-signoffs.h"

void
jhk_attention_item_free (JhkAttentionItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->subtitle);
  g_free (item);
}

/* The offices for which the actor holds one of the roles (a role over a
 * 係 of the office, or over the department above it, counts). */
static GArray *
offices_of (JhkDb      *db,
            JhkSession *actor,
            JhkRole     roles[],
            guint       n_roles)
{
  GArray *offices = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JhkDbStmt) stmt = NULL;

  stmt = jhk_db_query (db, NULL, "SELECT id FROM org_units WHERE kind = 'office'", JHK_DB_END);
  while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 office = jhk_db_stmt_get_int64 (stmt, 0);

      for (guint r = 0; r < n_roles; r++)
        if (jhk_ledger_holds_role_for_office (db, actor, roles[r], office))
          {
            g_array_append_val (offices, office);
            break;
          }
    }
  return offices;
}

static guint
count_in_offices (JhkDb      *db,
                  GArray     *offices,
                  const char *sql,
                  const char *date)
{
  gint64 total = 0;

  for (guint i = 0; i < offices->len; i++)
    {
      gint64 n = 0;

      if (date != NULL)
        jhk_db_query_int64 (db, &n, NULL, sql, JHK_I (g_array_index (offices, gint64, i)),
                            JHK_T (date), JHK_DB_END);
      else
        jhk_db_query_int64 (db, &n, NULL, sql, JHK_I (g_array_index (offices, gint64, i)),
                            JHK_DB_END);
      total += n;
    }
  return (guint) CLAMP (total, 0, G_MAXUINT);
}

void
jhk_attention_add_item (GPtrArray  *items,
                        const char *workspace,
                        const char *key,
                        guint       count,
                        const char *title,
                        char       *subtitle,
                        const char *icon)
{
  JhkAttentionItem *item;

  if (count == 0)
    {
      g_free (subtitle);
      return;
    }
  item = g_new0 (JhkAttentionItem, 1);
  item->key = key;
  item->count = count;
  item->title = g_strdup (title);
  item->subtitle = subtitle;
  item->icon = icon;
  item->workspace = workspace;
  g_ptr_array_add (items, item);
}

guint
jhk_attention_count (JhkDb      *db,
                     const char *from,
                     const char *format,
                     ...)
{
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;
  va_list args;

  va_start (args, format);
  where = g_strdup_vprintf (format, args);
  va_end (args);
  sql = g_str_has_prefix (where, "SELECT")
        ? g_strconcat ("SELECT COUNT(*) FROM (", where, ") u", NULL)
        : g_strconcat ("SELECT COUNT(*) FROM ", from, " WHERE ", where, NULL);
  if (!jhk_db_query_int64 (db, &n, &error, sql, JHK_DB_END))
    {
      g_debug ("Cannot count the %s waiting: %s", from, error->message);
      return 0;
    }
  return (guint) CLAMP (n, 0, G_MAXUINT);
}

static void jhk_attention_approvals (JhkDb *db, JhkSession *actor, GPtrArray *items);

GPtrArray *
jhk_attention_ledger (JhkDb      *db,
                      JhkSession *actor)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_attention_item_free);
  JhkRole managers[] = { JHK_ROLE_INFO_MANAGER };
  JhkRole keepers[] = { JHK_ROLE_OPS_MANAGER, JHK_ROLE_INFO_LEAD, JHK_ROLE_INFO_MANAGER,
                        JHK_ROLE_INFO_ASSISTANT };
  g_autoptr(GArray) managed = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -JHK_ATTENTION_LENT_DAYS);
  g_autofree char *since = g_date_time_format (then, "%Y-%m-%d");
  guint n;

  g_return_val_if_fail (JHK_IS_SESSION (actor), items);

  /* 様式第1号 保管後の経過欄: the 情報管理者 confirms each step. */
  managed = offices_of (db, actor, managers, G_N_ELEMENTS (managers));
  n = count_in_offices (db, managed,
                        "SELECT COUNT(*) FROM material_events e"
                        " JOIN materials m ON m.id = e.material_id"
                        " WHERE e.confirmed_by IS NULL AND m.org_unit_id = ?",
                        NULL);
  jhk_attention_add_item (items, "ledger", "ledger.unconfirmed", n,
                          _("Steps Waiting for Your Confirmation"),
                          g_strdup_printf (ngettext ("%u step of a material has no information manager's "
                                                     "confirmation yet",
                                                     "%u steps of materials have no information manager's "
                                                     "confirmation yet", n), n),
                          "object-select-symbolic");

  /* Lent out and untouched for a month: is it coming back? */
  kept = offices_of (db, actor, keepers, G_N_ELEMENTS (keepers));
  n = count_in_offices (db, kept,
                        "SELECT COUNT(*) FROM materials"
                        " WHERE org_unit_id = ? AND status = 'lent' AND last_entry_on < ?",
                        since);
  jhk_attention_add_item (items, "ledger", "ledger.lent", n, _("Materials Lent Out for Long"),
                          g_strdup_printf (ngettext ("%u material has been lent out for more than %d days",
                                                     "%u materials have been lent out for more than %d days",
                                                     n), n, JHK_ATTENTION_LENT_DAYS),
                          "document-send-symbolic");

  /* R15-3: what the office's 運用管理者 may purge now. */
  {
    g_autofree char *cutoff = jhk_retention_cutoff ();
    g_autoptr(GArray) purgeable = g_array_new (FALSE, FALSE, sizeof (gint64));

    for (guint i = 0; i < kept->len; i++)
      if (jhk_retention_may_purge (db, actor, g_array_index (kept, gint64, i)))
        g_array_append_val (purgeable, g_array_index (kept, gint64, i));
    n = count_in_offices (db, purgeable,
                          "SELECT COUNT(*) FROM materials WHERE org_unit_id = ?"
                          " AND status = 'closed' AND purged_at IS NULL AND last_entry_on <= ?",
                          cutoff);
    jhk_attention_add_item (items, "ledger", "ledger.expired", n,
                            _("Materials Past Their Retention"),
                            g_strdup_printf (ngettext ("%u material's five years of retention have ended: "
                                                       "purge it from the ledger",
                                                       "%u materials' five years of retention have ended: "
                                                       "purge them from the ledger", n), n),
                            "user-trash-symbolic");
  }
  jhk_attention_approvals (db, actor, items);
  return items;
}

/* R15-2, R16-2 and 様式第1号's confirmations: the requests waiting for the
 * 総括責任者 (workspace "approvals", key "approvals.pending"), the boxes of
 * final confirmations waiting for this user ("ledger.signoffs"), and the
 * user's own requests decided in the last 7 days ("ledger.approvals"). */
static void
jhk_attention_approvals (JhkDb      *db,
                         JhkSession *actor,
                         GPtrArray  *items)
{
  g_autoptr(GPtrArray) pending = jhk_approvals_list_pending_for (db, actor, NULL);
  g_autoptr(GPtrArray) boxes = jhk_signoffs_waiting_for (db, actor, NULL);
  gint64 decided = 0;
  guint n;

  n = pending != NULL ? pending->len : 0;
  jhk_attention_add_item (items, "approvals", "approvals.pending", n,
                          _("Requests Waiting for Your Approval"),
                          g_strdup_printf (ngettext ("%u request to view, hand over or copy a "
                                                     "material waits for your decision",
                                                     "%u requests to view, hand over or copy "
                                                     "materials wait for your decision", n), n),
                          "emblem-ok-symbolic");

  n = boxes != NULL ? boxes->len : 0;
  jhk_attention_add_item (items, "ledger", "ledger.signoffs", n,
                          _("Final Confirmations Waiting for You"),
                          g_strdup_printf (ngettext ("%u box of a final disposition's "
                                                     "confirmation waits for your signature",
                                                     "%u boxes of final dispositions' "
                                                     "confirmations wait for your signature", n),
                                           n),
                          "document-edit-symbolic");

  if (jhk_session_get_staff_id (actor) != 0)
    jhk_db_query_int64 (db, &decided, NULL,
                        "SELECT COUNT(*) FROM material_approvals WHERE requested_by = ?"
                        " AND status IN ('approved', 'declined') AND decided_at >= ?",
                        JHK_I (jhk_session_get_staff_id (actor)),
                        JHK_I (jhk_now_us () - (gint64) 7 * 24 * 3600 * G_USEC_PER_SEC),
                        JHK_DB_END);
  n = (guint) CLAMP (decided, 0, G_MAXUINT);
  jhk_attention_add_item (items, "ledger", "ledger.approvals", n, _("Your Requests Decided"),
                          g_strdup_printf (ngettext ("%u of your requests for approval was "
                                                     "decided in the last 7 days",
                                                     "%u of your requests for approval were "
                                                     "decided in the last 7 days", n), n),
                          "mail-unread-symbolic");
}

GArray *
jhk_attention_material_ids (JhkDb      *db,
                            JhkSession *actor,
                            const char *key)
{
  GArray *ids;

  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  if (g_strcmp0 (key, "ledger.signoffs") == 0)
    {
      g_autoptr(GPtrArray) boxes = jhk_signoffs_waiting_for (db, actor, NULL);

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; boxes != NULL && i < boxes->len; i++)
        {
          JhkSignoffTask *task = g_ptr_array_index (boxes, i);

          g_array_append_val (ids, task->material_id);
        }
      return ids;
    }
  if (g_strcmp0 (key, "ledger.approvals") == 0)
    {
      g_autoptr(JhkDbStmt) stmt = NULL;

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      stmt = jhk_db_query (db, NULL,
                           "SELECT DISTINCT material_id FROM material_approvals"
                           " WHERE requested_by = ? AND status IN ('approved', 'declined')"
                           " AND decided_at >= ?",
                           JHK_I (jhk_session_get_staff_id (actor)),
                           JHK_I (jhk_now_us () - (gint64) 7 * 24 * 3600 * G_USEC_PER_SEC),
                           JHK_DB_END);
      while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
        {
          gint64 id = jhk_db_stmt_get_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      return ids;
    }
  return NULL;
}
