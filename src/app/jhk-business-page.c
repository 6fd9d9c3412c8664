/* jhk-business-page.c: the register of businesses and their approval. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-business-page.h"
#include "jhk-form-dialog.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-settings.h"

struct _JhkBusinessPage
{
  JhkPage             parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *approve_button;
  GtkWidget          *register_button;
  GtkWidget          *structure_button;
  GtkWidget          *end_structure_button;

  JhkQueryModel      *model;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (JhkBusinessPage, jhk_business_page, JHK_TYPE_PAGE)

/* In the order of the kind filter and the kind row of the form. */
static const char *kinds[] = { "target", "egov", "lead" };

static char *
kind_text (JhkRow *row)
{
  return g_strdup (jhk_business_kind_label (jhk_row_get_by_name (row, "kind")));
}

static char *
category_text (JhkRow *row)
{
  const char *kind = jhk_row_get_by_name (row, "kind");

  if (g_strcmp0 (kind, "target") == 0)
    return g_strdup (jhk_business_category_label (jhk_row_int64 (row, "category")));
  if (g_strcmp0 (kind, "egov") == 0)
    return g_strdup (jhk_business_basis_label (jhk_row_int64 (row, "basis")));
  return NULL;
}

static gboolean
needs_approval (JhkRow *row)
{
  /* R8-2: a lead business is not a target business and is not approved. */
  return g_strcmp0 (jhk_row_get_by_name (row, "kind"), "lead") != 0;
}

static char *
approval_text (JhkRow *row)
{
  gint64 approved_at = jhk_row_int64 (row, "approved_at");

  if (!needs_approval (row))
    return g_strdup (_("Not needed"));
  if (approved_at == 0)
    return g_strdup (_("Waiting for approval"));
  {
    g_autofree char *date = jhk_format_date (approved_at);
    return g_strdup_printf (_("Approved on %s"), date);
  }
}

static char *
structure_text (JhkRow *row)
{
  if (jhk_row_int64 (row, "alt_structures") == 0)
    return NULL;
  return g_strdup (_("Other structure designated"));
}

/* R6-2: only the business's own manager designates another structure. */
static gboolean
session_manages_any_business (JhkSession *session)
{
  return jhk_session_has_role (session, JHK_ROLE_BIZ_OWNER) ||
         jhk_session_has_role (session, JHK_ROLE_EGOV_OWNER) ||
         jhk_session_has_role (session, JHK_ROLE_LEAD_OWNER);
}

static void
update_actions (JhkBusinessPage *self)
{
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean supervisor = jhk_session_has_role (session, JHK_ROLE_SUPERVISOR);
  gboolean manages = row != NULL && jhk_org_manages_business (session, jhk_row_get_id (row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "business.designate-structure", manages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "business.end-structure",
                                 manages && jhk_row_int64 (row, "alt_structures") > 0);

  /* R8-1, R9-1: the 総括責任者 approves; registering is for the
   * システム管理者 and the 総括責任者. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "business.approve",
                                 supervisor && row != NULL && needs_approval (row) &&
                                   jhk_row_int64 (row, "approved_at") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "business.register",
                                 supervisor || jhk_session_has_role (session, JHK_ROLE_SYSADMIN));
}

static void
apply_filter (JhkBusinessPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *kind = selected >= 1 && selected <= G_N_ELEMENTS (kinds) ? kinds[selected - 1]
                                                                        : NULL;

  jhk_lists_businesses_filter (self->model, kind, search);
  if (*search != '\0')
    adw_status_page_set_description (self->empty_page,
                                     _("Try a different code or name, or another kind."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("No business of this kind is registered."));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0
                                      ? "empty"
                                      : "list");
  update_actions (self);
}

static void
filter_changed_cb (JhkBusinessPage *self)
{
  /* The template sets the drop-down before the model exists. */
  if (self->model != NULL)
    apply_filter (self);
}

/* Enter in the search entry moves on to the results. */
static void
search_activate_cb (JhkBusinessPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
stop_search_cb (JhkBusinessPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JHK_BUSINESS_PAGE (widget)->search_entry));
}

/* R8-1, R9-1: approval. */

static void
approve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JhkBusinessPage  *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "business"));

  if (g_strcmp0 (response, "approve") != 0)
    return;
  if (!jhk_org_approve_business (jhk_page_get_db (JHK_PAGE (self)),
                                 jhk_page_get_session (JHK_PAGE (self)), id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_query_model_row_changed (self->model, id);
  update_actions (self);
  jhk_widget_show_toast (GTK_WIDGET (self), _("The business was approved."));
}

static void
approve_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (widget);
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (row == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Approve Business?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Once approved, %s %s (%s) can be used for ledgers, "
                                    "inquiries and requests. The approval is recorded in "
                                    "your name."),
                                  jhk_row_get_by_name (row, "code"),
                                  jhk_row_get_by_name (row, "name"),
                                  jhk_business_kind_label (jhk_row_get_by_name (row, "kind")));
  g_object_set_data (G_OBJECT (dialog), "business", GSIZE_TO_POINTER (jhk_row_get_id (row)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "approve", _("_Approve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "approve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "approve");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_response_cb), self, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R8-1, R8-2, R9-1: register a business. */

typedef struct
{
  JhkBusinessPage *page;
  JhkQueryModel   *offices;
} RegisterData;

static void
register_data_free (gpointer data)
{
  RegisterData *d = data;

  g_clear_object (&d->page);
  g_clear_object (&d->offices);
  g_free (d);
}

static void
register_kind_changed_cb (AdwComboRow   *kind_row,
                          GParamSpec    *pspec,
                          JhkFormDialog *dialog)
{
  guint kind = adw_combo_row_get_selected (kind_row);

  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "category_row")),
                          kind == 0);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "basis_row")),
                          kind == 1);
}

static gboolean
register_apply (JhkFormDialog  *dialog,
                gpointer        user_data,
                GError        **error)
{
  RegisterData *d = user_data;
  JhkBusinessPage *self = d->page;
  g_autofree char *code = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "code_row"));
  g_autofree char *name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "name_row"));
  g_autofree char *description =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "description_row"));
  g_autofree char *message = NULL;
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                      "kind_row")));
  guint category = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "category_row")));
  guint basis = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "basis_row")));
  JhkRow *owner = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "owner_row")));
  gint64 id;

  if (kind >= G_N_ELEMENTS (kinds))
    kind = 0;
  id = jhk_org_add_business (jhk_page_get_db (JHK_PAGE (self)),
                             jhk_page_get_session (JHK_PAGE (self)), code, name, kinds[kind],
                             kind == 0 && category != GTK_INVALID_LIST_POSITION ? category + 1 : 0,
                             kind == 1 && basis != GTK_INVALID_LIST_POSITION ? basis + 1 : 0,
                             owner != NULL ? jhk_row_get_id (owner) : 0, description, error);
  if (id == 0)
    return FALSE;
  apply_filter (self);
  {
    guint position = jhk_query_model_find (self->model, id);

    if (position != G_MAXUINT)
      gtk_single_selection_set_selected (self->selection, position);
  }
  message = g_strdup_printf (_("The business %s %s was registered."), code, name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
register_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (widget);
  JhkFormDialog *dialog;
  RegisterData *d = g_new0 (RegisterData, 1);
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) bases = gtk_string_list_new (NULL);
  AdwComboRow *kind_row;
  AdwComboRow *owner_row;

  dialog = jhk_form_dialog_new (_("Register Business"), _("_Register"),
                                "/org/example/Jhk/ui/jhk-add-business-form.ui");
  d->page = g_object_ref (self);
  d->offices = jhk_lists_org_units (jhk_page_get_db (JHK_PAGE (self)));
  jhk_lists_org_units_filter (d->offices, "office");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_labels, jhk_business_kind_label (kinds[i]));
  for (int i = 1; i <= 4; i++)
    gtk_string_list_append (categories, jhk_business_category_label (i));
  for (int i = 1; i <= 2; i++)
    gtk_string_list_append (bases, jhk_business_basis_label (i));
  adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "category_row")),
                           G_LIST_MODEL (categories));
  adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "basis_row")),
                           G_LIST_MODEL (bases));
  owner_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "owner_row"));
  adw_combo_row_set_expression (owner_row, jhk_row_expression_new (jhk_org_unit_row_label));
  adw_combo_row_set_model (owner_row, G_LIST_MODEL (d->offices));

  kind_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row"));
  adw_combo_row_set_model (kind_row, G_LIST_MODEL (kind_labels));
  g_signal_connect_object (kind_row, "notify::selected", G_CALLBACK (register_kind_changed_cb),
                           dialog, 0);
  register_kind_changed_cb (kind_row, NULL, dialog);

  jhk_form_dialog_set_apply_func (dialog, register_apply, d, register_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* R6-2: another structure for the business, agreed with the システム管理者. */

typedef struct
{
  JhkBusinessPage *page;
  gint64           business_id;
  GArray          *office_ids;   /* gint64, 0 first for every office */
  JhkQueryModel   *list;         /* sysadmins, or designations in force */
} StructureData;

static void
structure_data_free (gpointer data)
{
  StructureData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->office_ids, g_array_unref);
  g_clear_object (&d->list);
  g_free (d);
}

static char *
staff_row_label (JhkRow *row)
{
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "staff_no"),
                          jhk_row_get_by_name (row, "staff_name"));
}

static char *
designation_row_label (JhkRow *row)
{
  const char *office = jhk_row_get_by_name (row, "org_name");

  return g_strdup_printf ("%s: %s (%s)",
                          office != NULL && *office != '\0' ? office : _("All offices"),
                          jhk_row_get_by_name (row, "structure"),
                          jhk_row_get_by_name (row, "valid_from"));
}

static void
structure_changed (JhkBusinessPage *self,
                   gint64           business_id,
                   const char      *message)
{
  jhk_query_model_row_changed (self->model, business_id);
  update_actions (self);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

static gboolean
designate_apply (JhkFormDialog  *dialog,
                 gpointer        user_data,
                 GError        **error)
{
  StructureData *d = user_data;
  g_autofree char *structure =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "structure_row"));
  g_autofree char *reason = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                              "reason_row"));
  g_autofree char *agreed_on =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "agreed_on_row"));
  g_autofree char *valid_from =
    jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "valid_from_row"));
  guint office = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row")));
  JhkRow *sysadmin = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "agreed_by_row")));

  if (jhk_org_designate_alt_structure (jhk_page_get_db (JHK_PAGE (d->page)),
                                       jhk_page_get_session (JHK_PAGE (d->page)), d->business_id,
                                       office < d->office_ids->len
                                         ? g_array_index (d->office_ids, gint64, office)
                                         : 0,
                                       structure, reason,
                                       sysadmin != NULL ? jhk_row_int64 (sysadmin, "staff_id")
                                                        : 0,
                                       agreed_on, valid_from, error) == 0)
    return FALSE;
  structure_changed (d->page, d->business_id, _("The other structure was designated."));
  return TRUE;
}

static void
designate_structure_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (widget);
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  g_autoptr(JhkQueryModel) offices = NULL;
  g_autoptr(GtkStringList) office_labels = gtk_string_list_new (NULL);
  g_autofree char *today = jhk_today ();
  g_autofree char *subtitle = NULL;
  StructureData *d;
  JhkFormDialog *dialog;
  AdwComboRow *agreed_by_row;
  guint n;

  if (row == NULL)
    return;
  d = g_new0 (StructureData, 1);
  d->page = g_object_ref (self);
  d->business_id = jhk_row_get_id (row);
  d->office_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  dialog = jhk_form_dialog_new (_("Designate Other Structure"), _("_Designate"),
                                "/org/example/Jhk/ui/jhk-designate-structure-form.ui");
  subtitle = jhk_business_row_label (row);
  jhk_form_dialog_set_subtitle (dialog, subtitle);

  /* Every office, or one. */
  offices = jhk_lists_org_units (db);
  jhk_lists_org_units_filter (offices, "office");
  gtk_string_list_append (office_labels, _("All offices"));
  g_array_set_size (d->office_ids, 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (offices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) office = g_list_model_get_item (G_LIST_MODEL (offices), i);
      g_autofree char *label = jhk_org_unit_row_label (office);
      gint64 id = jhk_row_get_id (office);

      gtk_string_list_append (office_labels, label);
      g_array_append_val (d->office_ids, id);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row")),
                           G_LIST_MODEL (office_labels));

  /* The システム管理者 in office now. */
  d->list = jhk_lists_roles (db);
  jhk_lists_roles_filter_role (d->list, JHK_ROLE_SYSADMIN);
  agreed_by_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "agreed_by_row"));
  adw_combo_row_set_expression (agreed_by_row, jhk_row_expression_new (staff_row_label));
  adw_combo_row_set_model (agreed_by_row, G_LIST_MODEL (d->list));

  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "agreed_on_row")),
                         today);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "valid_from_row")),
                         today);

  jhk_form_dialog_set_apply_func (dialog, designate_apply, d, structure_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static gboolean
end_structure_apply (JhkFormDialog  *dialog,
                     gpointer        user_data,
                     GError        **error)
{
  StructureData *d = user_data;
  JhkRow *designation = adw_combo_row_get_selected_item (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "designation_row")));

  if (!jhk_org_end_alt_structure (jhk_page_get_db (JHK_PAGE (d->page)),
                                  jhk_page_get_session (JHK_PAGE (d->page)),
                                  designation != NULL ? jhk_row_get_id (designation) : 0, error))
    return FALSE;
  structure_changed (d->page, d->business_id, _("The other structure was ended."));
  return TRUE;
}

static void
end_structure_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (widget);
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *subtitle = NULL;
  StructureData *d;
  JhkFormDialog *dialog;
  AdwComboRow *designation_row;

  if (row == NULL)
    return;
  d = g_new0 (StructureData, 1);
  d->page = g_object_ref (self);
  d->business_id = jhk_row_get_id (row);
  d->list = jhk_lists_alt_structures (jhk_page_get_db (JHK_PAGE (self)));
  jhk_lists_alt_structures_filter (d->list, d->business_id, TRUE);

  dialog = jhk_form_dialog_new (_("End Other Structure"), _("_End"),
                                "/org/example/Jhk/ui/jhk-end-structure-form.ui");
  subtitle = jhk_business_row_label (row);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  designation_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "designation_row"));
  adw_combo_row_set_expression (designation_row, jhk_row_expression_new (designation_row_label));
  adw_combo_row_set_model (designation_row, G_LIST_MODEL (d->list));

  jhk_form_dialog_set_apply_func (dialog, end_structure_apply, d, structure_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* GObject. */

static void
jhk_business_page_constructed (GObject *object)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("Code"), "code", NULL, 70, FALSE },
    { N_("Name"), "name", NULL, 170, TRUE },
    { N_("Kind"), NULL, kind_text, 150, FALSE },
    { N_("Category or Basis"), NULL, category_text, 220, FALSE },
    { N_("Owning Office"), "owner_name", NULL, 130, FALSE },
    { N_("Approval"), NULL, approval_text, 170, FALSE },
    { N_("Structure"), NULL, structure_text, 150, FALSE },
    { N_("Description"), "description", NULL, 200, TRUE },
  };
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));

  G_OBJECT_CLASS (jhk_business_page_parent_class)->constructed (object);

  self->model = jhk_lists_businesses (jhk_page_get_db (JHK_PAGE (self)));
  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  /* Managers of businesses read the register; they never approve it. */
  gtk_widget_set_visible (self->approve_button,
                          jhk_session_has_role (session, JHK_ROLE_SUPERVISOR));
  gtk_widget_set_visible (self->structure_button, session_manages_any_business (session));
  gtk_widget_set_visible (self->end_structure_button, session_manages_any_business (session));
  gtk_widget_set_visible (self->register_button,
                          jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ||
                            jhk_session_has_role (session, JHK_ROLE_SYSADMIN));
  apply_filter (self);
}

static void
jhk_business_page_dispose (GObject *object)
{
  JhkBusinessPage *self = JHK_BUSINESS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_BUSINESS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jhk_business_page_parent_class)->dispose (object);
}

static void
jhk_business_page_reload (JhkPage *page)
{
  apply_filter (JHK_BUSINESS_PAGE (page));
}

static void
jhk_business_page_class_init (JhkBusinessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_business_page_reload;

  object_class->constructed = jhk_business_page_constructed;
  object_class->dispose = jhk_business_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-business-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, structure_button);
  gtk_widget_class_bind_template_child (widget_class, JhkBusinessPage, end_structure_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "business.approve", NULL, approve_activated);
  gtk_widget_class_install_action (widget_class, "business.register", NULL, register_activated);
  gtk_widget_class_install_action (widget_class, "business.designate-structure", NULL,
                                   designate_structure_activated);
  gtk_widget_class_install_action (widget_class, "business.end-structure", NULL,
                                   end_structure_activated);
}

static void
jhk_business_page_init (JhkBusinessPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_business_page_new (JhkDb      *db,
                       JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_BUSINESS_PAGE, db, session);
}
