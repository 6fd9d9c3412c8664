/* jhk-attention-incidents.c: the incidents that wait for the logged-in
 * user (第19, R19-2..5), for the dashboard (jhk-attention.h).
 *
 * The open incidents of the 運用管理者's offices (whose 運用管理者 the
 * actor is, as the services decide it) and the reports are counted in SQL
 * over incidents (index incidents_open, incidents_office).
 * Which steps the actor may do or confirm is the services' rule
 * (jhk_incidents_step_refusal) written as SQL beside it
 * (jhk_incidents_steps_waiting_sql), counted over the pending steps
 * (index incident_steps_waiting) and the unconfirmed ones (index
 * incident_steps_unconfirmed); the recovery requests are the list the
 * incidents page shows (JHK_INCIDENTS_RECOVERY).
 */
#include <glib/gi18n-lib.h>

#include "jhk-attention-private.h"
#include "jhk-incidents-private.h"
#include "jhk-policy.h"
#include "jhk-service-private.h"

/* The count of incidents i WHERE <format…> (jhk_attention_count). */
#define count(db, ...) jhk_attention_count ((db), "incidents i", __VA_ARGS__)

/* The steps of the open incidents the actor sees that the actor may do
 * now (pending) or confirm (done, waiting for a second person): the
 * services' rule (jhk_incidents_step_refusal) as SQL
 * (jhk_incidents_steps_waiting_sql), one count per action. */
static guint
count_steps (JhkDb      *db,
             JhkSession *actor)
{
  static const JhkIncidentStepAction actions[] = {
    JHK_INCIDENT_STEP_ACTION_DONE, JHK_INCIDENT_STEP_ACTION_CONFIRM,
  };
  guint n = 0;

  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      g_autofree char *waiting = jhk_incidents_steps_waiting_sql (db, actor, actions[a]);

      if (waiting != NULL)
        n += jhk_attention_count (db, "incident_steps t JOIN incidents i ON i.id = t.incident_id",
                                  "%s", waiting);
    }
  return n;
}

/* The open incidents of the offices the actor is 運用管理者 of (or of a
 * unit above them), as the services decide it. */
static guint
count_open (JhkDb      *db,
            JhkSession *actor)
{
  g_autoptr(GArray) offices = NULL;
  guint n = 0;

  if (!jhk_session_has_role (actor, JHK_ROLE_OPS_MANAGER))
    return 0;
  offices = jhk_service_query_ids (db, NULL, "SELECT DISTINCT org_unit_id FROM incidents"
                                   " WHERE status = 'open'", JHK_DB_END);
  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      gint64 office = g_array_index (offices, gint64, i);

      if (jhk_incidents_is_office_manager (db, actor, office))
        n += count (db, "i.status = 'open' AND i.org_unit_id = %" G_GINT64_FORMAT, office);
    }
  return n;
}

static guint
count_recovery (JhkDb      *db,
                JhkSession *actor)
{
  g_autoptr(JhkQueryModel) model = NULL;

  if (count (db, "i.recovery_state IN ('requested', 'investigating')") == 0)
    return 0;
  model = jhk_incidents_list_model (db, actor, JHK_INCIDENTS_RECOVERY);
  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

GPtrArray *
jhk_attention_incidents (JhkDb      *db,
                         JhkSession *actor)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_attention_item_free);
  gint64 now;
  guint n;

  g_return_val_if_fail (JHK_IS_DB (db), items);
  g_return_val_if_fail (JHK_IS_SESSION (actor), items);

  if (jhk_session_get_staff_id (actor) == 0)
    return items;
  now = jhk_now_us ();

  /* R19-2: the open incidents the 運用管理者 runs. */
  n = count_open (db, actor);
  jhk_attention_add_item (items, "incidents", "incidents.open", n,
                          _("Open Incidents"),
                          g_strdup_printf (ngettext ("%u incident of your office is open",
                                                     "%u incidents of your office are open", n),
                                           n),
                          "dialog-warning-symbolic");

  /* R19-2: the checklist's steps the actor may do or confirm. */
  n = count_steps (db, actor);
  jhk_attention_add_item (items, "incidents", "incidents.steps", n,
                          _("Incident Steps"),
                          g_strdup_printf (ngettext ("%u step of an incident waits for you",
                                                     "%u steps of incidents wait for you", n),
                                           n),
                          "checkbox-checked-symbolic");

  /* R19-3, R19-4: recovery asked of the actor, or under investigation. */
  n = count_recovery (db, actor);
  jhk_attention_add_item (items, "incidents", "incidents.recovery", n,
                          _("Recovery Requests"),
                          g_strdup_printf (ngettext ("%u office asks for help to recover",
                                                     "%u offices ask for help to recover", n),
                                           n),
                          "emblem-system-symbolic");

  /* R19-5: serious incidents whose report the システム管理者 has not made. */
  n = 0;
  if (jhk_session_has_role (actor, JHK_ROLE_SYSADMIN))
    n = count (db, "i.serious = 1 AND i.report_state = 'draft'");
  if (n > 0)
    {
      guint overdue = count (db, "i.serious = 1 AND i.report_state = 'draft'"
                                 " AND i.report_due_at < %" G_GINT64_FORMAT, now);
      g_autofree char *reports = g_strdup_printf (
        ngettext ("%u report of a serious incident is not reported",
                  "%u reports of serious incidents are not reported", n), n);

      jhk_attention_add_item (items, "incidents", "incidents.report", n,
                              _("Incident Reports"),
                              overdue > 0
                              ? g_strdup_printf (ngettext ("%s; %u is overdue",
                                                           "%s; %u are overdue", overdue),
                                                 reports, overdue)
                              : g_steal_pointer (&reports),
                              overdue > 0 ? "alarm-symbolic" : "document-send-symbolic");
    }

  /* R19-5: reported, not yet acknowledged by the actor's post. */
  n = 0;
  if (jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR))
    n += count (db, "i.report_state = 'reported' AND i.supervisor_ack_at IS NULL");
  if (jhk_session_has_role (actor, JHK_ROLE_DEPT_HEAD))
    n += count (db, "i.report_state = 'reported' AND i.dept_head_ack_at IS NULL"
                    " AND (i.supervisor_ack_by IS NULL OR i.supervisor_ack_by <> %"
                    G_GINT64_FORMAT ")", jhk_session_get_staff_id (actor));
  jhk_attention_add_item (items, "incidents", "incidents.acknowledge", n,
                          _("Incident Reports to Acknowledge"),
                          g_strdup_printf (ngettext ("%u report of a serious incident waits "
                                                     "for your acknowledgement",
                                                     "%u reports of serious incidents wait "
                                                     "for your acknowledgement", n), n),
                          "emblem-ok-symbolic");
  return items;
}
