/* jhk-dashboard-page.c: what needs the logged-in user now. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-attention.h"
#include "jhk-audit.h"
#include "jhk-dashboard-page.h"
#include "jhk-lists.h"
#include "jhk-policy.h"
#include "jhk-settings.h"

/* R13-8: the password expiry is shown as a warning this many days before. */
#define EXPIRY_WARNING_DAYS 14

struct _JhkDashboardPage
{
  JhkPage              parent_instance;

  AdwActionRow        *name_row;
  AdwActionRow        *password_row;
  AdwActionRow        *restriction_row;
  AdwActionRow        *lockouts_row;
  AdwActionRow        *approvals_row;
  AdwActionRow        *nothing_row;
  AdwPreferencesGroup *attention_group;
  GPtrArray           *item_rows;     /* rows of the ledgers' items */
  AdwPreferencesGroup *audit_group;
  AdwActionRow        *chain_row;
};

G_DEFINE_FINAL_TYPE (JhkDashboardPage, jhk_dashboard_page, JHK_TYPE_PAGE)

static void
update_account (JhkDashboardPage *self)
{
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gint64 expires = jhk_session_get_password_expires_at (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gboolean warn = FALSE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row),
                                 jhk_session_get_name (session));
  subtitle = g_strdup_printf (_("User ID %s · %s"), jhk_session_get_login (session),
                              jhk_session_get_org_name (session));
  adw_action_row_set_subtitle (self->name_row, subtitle);
  g_clear_pointer (&subtitle, g_free);

  /* R13-8: passwords expire after the configured age. */
  if (expires == 0)
    subtitle = g_strdup (_("Does not expire"));
  else
    {
      g_autofree char *date = jhk_format_date (expires);
      gint64 days = (expires - jhk_now_us ()) / G_TIME_SPAN_DAY;

      if (days < 0)
        subtitle = g_strdup_printf (_("Expired on %s"), date);
      else
        subtitle = g_strdup_printf (ngettext ("Expires in %d day, on %s",
                                              "Expires in %d days, on %s", (gulong) days),
                                    (int) days, date);
      warn = days < EXPIRY_WARNING_DAYS;
    }
  adw_action_row_set_subtitle (self->password_row, subtitle);
  adw_action_row_set_icon_name (self->password_row,
                                warn ? "dialog-warning-symbolic" : "dialog-password-symbolic");
  if (warn)
    gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "warning");

  /* R13-10: read from the database, so that a restriction made meanwhile
   * shows at once. */
  if (!jhk_policy_check_can_write (jhk_page_get_db (JHK_PAGE (self)), session, &error))
    {
      adw_action_row_set_subtitle (self->restriction_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->restriction_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->restriction_row), FALSE);
}

static void
update_attention (JhkDashboardPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean sysadmin = jhk_session_has_role (session, JHK_ROLE_SYSADMIN);
  gboolean supervisor = jhk_session_has_role (session, JHK_ROLE_SUPERVISOR);
  guint locked = sysadmin ? jhk_lists_count_locked_out (db) : 0;
  guint waiting = supervisor ? jhk_lists_count_unapproved_businesses (db) : 0;

  if (locked > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u user ID is locked out after failed logins",
                                   "%u user IDs are locked out after failed logins", locked),
                         locked);
      adw_action_row_set_subtitle (self->lockouts_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lockouts_row), locked > 0);

  if (waiting > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u business cannot be used until you approve it",
                                   "%u businesses cannot be used until you approve them",
                                   waiting),
                         waiting);
      adw_action_row_set_subtitle (self->approvals_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->approvals_row), waiting > 0);
  /* What waits in the ledgers, each row leading to its workspace. */
  {
    g_autoptr(GPtrArray) items = jhk_attention_ledger (db, session);
    g_autoptr(GPtrArray) transfers = jhk_attention_transfers (db, session);
    g_autoptr(GPtrArray) requests = jhk_attention_requests (db, session);
    g_autoptr(GPtrArray) inquiries = jhk_attention_inquiries (db, session);
    g_autoptr(GPtrArray) incidents = jhk_attention_incidents (db, session);

    g_ptr_array_extend_and_steal (items, g_steal_pointer (&transfers));
    g_ptr_array_extend_and_steal (items, g_steal_pointer (&requests));
    g_ptr_array_extend_and_steal (items, g_steal_pointer (&inquiries));
    g_ptr_array_extend_and_steal (items, g_steal_pointer (&incidents));

    for (guint i = 0; i < self->item_rows->len; i++)
      adw_preferences_group_remove (self->attention_group,
                                    g_ptr_array_index (self->item_rows, i));
    g_ptr_array_set_size (self->item_rows, 0);
    for (guint i = 0; i < items->len; i++)
      {
        JhkAttentionItem *item = g_ptr_array_index (items, i);
        GtkWidget *row = adw_action_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->subtitle);
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), item->icon);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("go-next-symbolic"));
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.attention");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", item->workspace,
                                          item->key);
        g_object_set_data_full (G_OBJECT (row), "jhk-attention", g_strdup (item->key), g_free);
        adw_preferences_group_add (self->attention_group, row);
        g_ptr_array_add (self->item_rows, row);
      }
    gtk_widget_set_visible (GTK_WIDGET (self->nothing_row),
                            locked == 0 && waiting == 0 && items->len == 0);
  }
}

static void
update_audit (JhkDashboardPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  JhkAuditVerification last;
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean visible = jhk_session_has_role (session, JHK_ROLE_SYSADMIN) ||
                     jhk_session_has_role (session, JHK_ROLE_SUPERVISOR);

  gtk_widget_set_visible (GTK_WIDGET (self->audit_group), visible);
  if (!visible)
    return;

  if (!jhk_audit_get_last_verification (jhk_page_get_db (JHK_PAGE (self)), &last, &error))
    {
      if (error != NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
      adw_action_row_set_subtitle (self->chain_row, _("The audit log has never been verified."));
      adw_action_row_set_icon_name (self->chain_row, "dialog-warning-symbolic");
      return;
    }
  when = jhk_format_time (last.at);
  if (last.ok)
    {
      subtitle = g_strdup_printf (_("%s by %s: intact, %lld entries"), when, last.actor,
                                  (long long) last.n_entries);
      adw_action_row_set_icon_name (self->chain_row, "security-high-symbolic");
    }
  else
    {
      subtitle = g_strdup_printf (_("%s by %s: broken at entry %lld"), when, last.actor,
                                  (long long) last.first_bad_seq);
      adw_action_row_set_icon_name (self->chain_row, "dialog-warning-symbolic");
    }
  adw_action_row_set_subtitle (self->chain_row, subtitle);
  jhk_audit_verification_clear (&last);
}

static void
jhk_dashboard_page_refresh (JhkDashboardPage *self)
{
  update_account (self);
  update_attention (self);
  update_audit (self);
}

/* The dashboard is read again each time it is shown. */
static void
jhk_dashboard_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jhk_dashboard_page_parent_class)->map (widget);
  jhk_dashboard_page_refresh (JHK_DASHBOARD_PAGE (widget));
}

static void
jhk_dashboard_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (jhk_dashboard_page_parent_class)->constructed (object);
  jhk_dashboard_page_refresh (JHK_DASHBOARD_PAGE (object));
}

static void
jhk_dashboard_page_dispose (GObject *object)
{
  JhkDashboardPage *self = JHK_DASHBOARD_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_DASHBOARD_PAGE);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (jhk_dashboard_page_parent_class)->dispose (object);
}

static void
jhk_dashboard_page_reload (JhkPage *page)
{
  jhk_dashboard_page_refresh (JHK_DASHBOARD_PAGE (page));
}

static void
jhk_dashboard_page_class_init (JhkDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_dashboard_page_reload;

  object_class->constructed = jhk_dashboard_page_constructed;
  object_class->dispose = jhk_dashboard_page_dispose;
  widget_class->map = jhk_dashboard_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, restriction_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, lockouts_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, approvals_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, nothing_row);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, attention_group);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, audit_group);
  gtk_widget_class_bind_template_child (widget_class, JhkDashboardPage, chain_row);
}

static void
jhk_dashboard_page_init (JhkDashboardPage *self)
{
  self->item_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_dashboard_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_DASHBOARD_PAGE, db, session);
}
