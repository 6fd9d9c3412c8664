/* jhk-ledger-signoffs.c: the ledger page's part for the confirmations of
 * 様式第1号 and the requests for the 総括責任者's approval.
 *
 * Each box of a stage is a row in the form's order: who confirmed it and
 * when, or a 確認 button, insensitive with the reason when the user may
 * not sign it now (jhk_signoffs_sign_refusal). One who holds several of
 * the office's roles sees a button on each of their boxes and so chooses
 * the role by the row. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-approvals.h"
#include "jhk-form-dialog.h"
#include "jhk-ledger-page-private.h"
#include "jhk-ledger-signoffs.h"
#include "jhk-page.h"
#include "jhk-policy.h"
#include "jhk-signoffs.h"
#include "jhk-util.h"

#define DB(page)      jhk_page_get_db (JHK_PAGE (page))
#define SESSION(page) jhk_page_get_session (JHK_PAGE (page))

static const JhkSignoff *
find_signoff (const JhkLedgerMaterial *m,
              const char              *stage,
              JhkRole                  role)
{
  for (guint i = 0; m->signoffs != NULL && i < m->signoffs->len; i++)
    {
      const JhkSignoff *s = g_ptr_array_index (m->signoffs, i);

      if (g_strcmp0 (s->stage, stage) == 0 && jhk_role_from_key (s->role) == role)
        return s;
    }
  return NULL;
}

/* Signing a box. */

static void
sign_clicked_cb (GtkButton     *button,
                 JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);
  const char *stage = g_object_get_data (G_OBJECT (button), "jhk-stage");
  JhkRole role = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jhk-role"));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (m == NULL)
    return;
  if (!jhk_signoffs_sign (DB (page), SESSION (page), m->id, stage, role, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (page), error);
      return;
    }
  message = g_strdup_printf (_("Confirmed as %s."), jhk_role_get_label (role));
  jhk_ledger_page_material_changed (page, 0, message);
}

static void
add_stage (JhkLedgerPage           *page,
           const JhkLedgerMaterial *m,
           const char              *stage,
           const char              *title)
{
  AdwPreferencesGroup *group = jhk_ledger_page_add_group (page, title);

  if (g_str_equal (stage, "final"))
    adw_preferences_group_set_description (group,
                                           m->final_signoff_requested
                                             ? _("Asked for by the one who made the final "
                                                 "disposition; waiting on the signers.")
                                             : _("The one who made the final disposition "
                                                 "asks for these confirmations."));
  for (guint i = 0; i < G_N_ELEMENTS (jhk_signoff_roles); i++)
    {
      JhkRole role = jhk_signoff_roles[i];
      const JhkSignoff *s = find_signoff (m, stage, role);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), jhk_role_get_label (role));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (s != NULL)
        {
          g_autofree char *who = g_strdup_printf (_("%s, %s"), s->staff_name != NULL
                                                                 ? s->staff_name : "",
                                                  s->signed_on);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), who);
        }
      else
        {
          const char *why = jhk_signoffs_sign_refusal (DB (page), SESSION (page), m, stage, role);
          GtkWidget *button = gtk_button_new_with_label (_("Confirm"));
          g_autofree char *name = g_strdup_printf (_("Confirm as %s"), jhk_role_get_label (role));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not confirmed yet"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_sensitive (button, why == NULL);
          gtk_widget_set_tooltip_text (button, why != NULL ? why : name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          if (why == NULL)
            gtk_widget_add_css_class (button, "suggested-action");
          g_object_set_data (G_OBJECT (button), "jhk-stage", (gpointer) (g_str_equal (stage, "final")
                                                                           ? "final" : "created"));
          g_object_set_data (G_OBJECT (button), "jhk-role", GINT_TO_POINTER (role));
          g_signal_connect_object (button, "clicked", G_CALLBACK (sign_clicked_cb), page, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (group, row);
    }
}

/* Asking for the final confirmations. */

static void
request_final_clicked_cb (GtkButton     *button,
                          JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);
  g_autoptr(GError) error = NULL;

  if (m == NULL)
    return;
  if (!jhk_signoffs_request_final (DB (page), SESSION (page), m->id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (page), error);
      return;
    }
  jhk_ledger_page_material_changed (page, 0,
                                    _("The final confirmations were asked for: they wait on "
                                      "the signers' dashboards."));
}

/* Asking for approval. */

typedef struct
{
  JhkLedgerPage *page;
  gint64         material_id;
  GPtrArray     *kinds;   /* the kinds offered, in the combo's order */
} RequestData;

static void
request_data_free (gpointer data)
{
  RequestData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->kinds, g_ptr_array_unref);
  g_free (d);
}

static const char *
request_kind (JhkFormDialog *dialog,
              RequestData   *d)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                   "kind_row")));

  return i < d->kinds->len ? g_ptr_array_index (d->kinds, i) : NULL;
}

static gboolean
request_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  RequestData *d = user_data;
  const char *kind = request_kind (dialog, d);
  g_autofree char *reason = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                               "reason_row"));
  g_autofree char *for_name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                 "for_row"));

  /* The service's own messages, in its order. */
  if (kind == NULL)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Choose what the approval is for: viewing, handing over or "
                             "copying."));
      return FALSE;
    }
  if (jhk_is_blank (reason))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Give the reason for the request."));
      return FALSE;
    }
  if (g_str_equal (kind, "view") && jhk_is_blank (for_name))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Name the person or staff who are to see or receive the "
                             "material."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
request_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  RequestData *d = user_data;
  g_autofree char *reason = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                               "reason_row"));
  g_autofree char *for_name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                 "for_row"));

  if (jhk_approvals_request (DB (d->page), SESSION (d->page), d->material_id,
                             request_kind (dialog, d), reason, for_name, error) == 0)
    return FALSE;
  jhk_ledger_page_material_changed (d->page, d->material_id,
                                    _("The request went to the general supervisor."));
  return TRUE;
}

static void
request_clicked_cb (GtkButton     *button,
                    JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  JhkFormDialog *dialog;
  RequestData *d;

  if (m == NULL)
    return;
  d = g_new0 (RequestData, 1);
  d->page = g_object_ref (page);
  d->material_id = m->id;
  d->kinds = g_ptr_array_new ();
  /* Only the kinds the service takes for this material. */
  for (const char *const *k = jhk_approval_kinds (); *k != NULL; k++)
    if (jhk_approvals_request_refusal (DB (page), SESSION (page), m, *k) == NULL)
      {
        g_ptr_array_add (d->kinds, (gpointer) *k);
        gtk_string_list_append (labels, jhk_approval_kind_label (*k));
      }

  dialog = jhk_form_dialog_new (_("Request Approval"), _("_Request"),
                                "/org/example/Jhk/ui/jhk-approval-request-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, m->name);
  adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row")),
                           G_LIST_MODEL (labels));
  jhk_form_dialog_set_apply_func (dialog, request_apply, d, request_data_free);
  jhk_form_dialog_set_check_func (dialog, request_check);
  jhk_present_dialog (GTK_WIDGET (page), GTK_WINDOW (dialog));
}

/* The material's requests. */

static void
withdraw_clicked_cb (GtkButton     *button,
                     JhkLedgerPage *page)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-approval"));
  g_autoptr(GError) error = NULL;

  if (!jhk_approvals_withdraw (DB (page), SESSION (page), id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (page), error);
      return;
    }
  jhk_ledger_page_material_changed (page, 0, _("The request was withdrawn."));
}

static void
show_approvals (JhkLedgerPage           *page,
                const JhkLedgerMaterial *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_approvals_list_material (DB (page), SESSION (page), m->id,
                                                           &error);
  AdwPreferencesGroup *group;

  if (list == NULL)
    {
      g_warning ("The material's approval requests: %s", error->message);
      return;
    }
  if (list->len == 0)
    return;
  group = jhk_ledger_page_add_group (page, _("Approval Requests"));
  for (guint i = 0; i < list->len; i++)
    {
      const JhkApproval *a = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = g_strdup_printf (_("%s: %s"), jhk_approval_kind_label (a->kind),
                                                jhk_approval_status_label (a->status));
      g_autofree char *asked = jhk_format_date (a->requested_at);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (a->for_name != NULL && *a->for_name != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("For %s"), a->for_name));
      g_ptr_array_add (parts, g_strdup (a->reason));
      g_ptr_array_add (parts, g_strdup_printf (_("asked by %s on %s"),
                                               a->requester_name != NULL ? a->requester_name : "",
                                               asked));
      if (a->decided_at != 0)
        {
          g_autofree char *decided = jhk_format_date (a->decided_at);

          g_ptr_array_add (parts, g_strdup_printf (_("decided by %s on %s"),
                                                   a->decider_name != NULL ? a->decider_name : "",
                                                   decided));
        }
      if (a->comment != NULL && *a->comment != '\0')
        g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), a->comment));
      if (a->used_by_event_id != 0)
        g_ptr_array_add (parts, g_strdup (_("used")));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      if (jhk_approvals_withdraw_refusal (SESSION (page), a) == NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Take back this request"));
          g_object_set_data (G_OBJECT (button), "jhk-approval", GSIZE_TO_POINTER (a->id));
          g_signal_connect_object (button, "clicked", G_CALLBACK (withdraw_clicked_cb), page, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_preferences_group_add (group, row);
    }
}

void
jhk_ledger_signoffs_show (JhkLedgerPage *page)
{
  const JhkLedgerMaterial *m = jhk_ledger_page_get_material (page);

  g_return_if_fail (JHK_IS_LEDGER_PAGE (page));

  if (m == NULL || g_strcmp0 (m->status, "purged") == 0)
    return;

  /* The steps: asking for approval, and for the final confirmations. */
  {
    GtkWidget *button = gtk_button_new_with_mnemonic (_("Request _Approval…"));

    g_signal_connect_object (button, "clicked", G_CALLBACK (request_clicked_cb), page, 0);
    jhk_ledger_page_add_action (page, button,
                                jhk_approvals_request_refusal (DB (page), SESSION (page), m,
                                                              NULL));
  }
  if (g_strcmp0 (m->status, "closed") == 0)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Request Final Confirmations"));

      g_signal_connect_object (button, "clicked", G_CALLBACK (request_final_clicked_cb), page, 0);
      jhk_ledger_page_add_action (page, button,
                                  jhk_signoffs_request_final_refusal (DB (page), SESSION (page),
                                                                      m));
    }

  show_approvals (page, m);
  add_stage (page, m, "created", _("Confirmation at Creation"));
  if (g_strcmp0 (m->status, "closed") == 0)
    add_stage (page, m, "final", _("Confirmation of Final Disposition"));
}
