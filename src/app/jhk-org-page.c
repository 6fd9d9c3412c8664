/* jhk-org-page.c: the org units (部, 所属, 部署/係). */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-lists.h"
#include "jhk-org.h"
#include "jhk-org-page.h"

struct _JhkOrgPage
{
  JhkPage        parent_instance;

  GtkDropDown   *kind_dropdown;
  GtkLabel      *count_label;
  GtkStack      *list_stack;
  GtkColumnView *column_view;
  GtkWidget     *add_button;

  JhkQueryModel *model;
};

G_DEFINE_FINAL_TYPE (JhkOrgPage, jhk_org_page, JHK_TYPE_PAGE)

/* In the order of the kind filter and the kind row of the form. */
static const char *kinds[] = { "department", "office", "section" };

static char *
kind_text (JhkRow *row)
{
  return g_strdup (jhk_org_kind_label (jhk_row_get_by_name (row, "kind")));
}

static void
update_count (JhkOrgPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = g_strdup_printf (ngettext ("%u unit", "%u units", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "empty" : "list");
}

static void
apply_filter (JhkOrgPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  jhk_lists_org_units_filter (self->model, selected >= 1 && selected <= G_N_ELEMENTS (kinds)
                                             ? kinds[selected - 1]
                                             : NULL);
  update_count (self);
}

static void
kind_changed_cb (JhkOrgPage *self)
{
  /* The template sets the drop-down before the model exists. */
  if (self->model != NULL)
    apply_filter (self);
}

/* R11-1: add an org unit (システム管理者). */

typedef struct
{
  JhkOrgPage    *page;
  JhkQueryModel *parents;
} AddUnitData;

static void
add_unit_data_free (gpointer data)
{
  AddUnitData *d = data;

  g_clear_object (&d->page);
  g_clear_object (&d->parents);
  g_free (d);
}

static void
add_unit_kind_changed_cb (AdwComboRow   *kind_row,
                          GParamSpec    *pspec,
                          JhkFormDialog *dialog)
{
  AddUnitData *d = g_object_get_data (G_OBJECT (dialog), "data");
  GtkWidget *parent_row = GTK_WIDGET (jhk_form_dialog_get_object (dialog, "parent_row"));
  guint kind = adw_combo_row_get_selected (kind_row);

  /* A department stands alone; an office's parent is a department, a
   * section's an office. */
  gtk_widget_set_visible (parent_row, kind > 0 && kind < G_N_ELEMENTS (kinds));
  if (kind > 0 && kind < G_N_ELEMENTS (kinds))
    jhk_lists_org_units_filter (d->parents, kinds[kind - 1]);
}

static gboolean
add_unit_apply (JhkFormDialog  *dialog,
                gpointer        user_data,
                GError        **error)
{
  AddUnitData *d = user_data;
  JhkOrgPage *self = d->page;
  g_autofree char *code = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "code_row"));
  g_autofree char *name = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "name_row"));
  g_autofree char *head = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "head_row"));
  g_autofree char *message = NULL;
  AdwComboRow *kind_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row"));
  AdwComboRow *parent_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "parent_row"));
  guint kind = adw_combo_row_get_selected (kind_row);
  gint64 parent_id = 0;
  gint64 id;

  if (kind >= G_N_ELEMENTS (kinds))
    kind = 0;
  if (kind > 0)
    {
      JhkRow *parent = adw_combo_row_get_selected_item (parent_row);

      parent_id = parent != NULL ? jhk_row_get_id (parent) : 0;
    }
  id = jhk_org_add_unit (jhk_page_get_db (JHK_PAGE (self)), jhk_page_get_session (JHK_PAGE (self)),
                         code, name, kinds[kind], parent_id, head, error);
  if (id == 0)
    return FALSE;
  apply_filter (self);
  message = g_strdup_printf (_("The org unit %s %s was added."), code, name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
add_unit_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkOrgPage *self = JHK_ORG_PAGE (widget);
  JhkFormDialog *dialog;
  AddUnitData *d = g_new0 (AddUnitData, 1);
  AdwComboRow *kind_row;
  AdwComboRow *parent_row;

  dialog = jhk_form_dialog_new (_("Add Org Unit"), _("_Add"),
                                "/org/example/Jhk/ui/jhk-add-unit-form.ui");
  d->page = g_object_ref (self);
  d->parents = jhk_lists_org_units (jhk_page_get_db (JHK_PAGE (self)));
  parent_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "parent_row"));
  adw_combo_row_set_expression (parent_row, jhk_row_expression_new (jhk_org_unit_row_label));
  adw_combo_row_set_model (parent_row, G_LIST_MODEL (d->parents));

  kind_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "kind_row"));
  g_object_set_data (G_OBJECT (dialog), "data", d);
  g_signal_connect_object (kind_row, "notify::selected", G_CALLBACK (add_unit_kind_changed_cb),
                           dialog, 0);
  /* Most new units are sections of an office. */
  adw_combo_row_set_selected (kind_row, 2);
  add_unit_kind_changed_cb (kind_row, NULL, dialog);

  jhk_form_dialog_set_apply_func (dialog, add_unit_apply, d, add_unit_data_free);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* GObject. */

static void
jhk_org_page_constructed (GObject *object)
{
  JhkOrgPage *self = JHK_ORG_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("Code"), "code", NULL, 70, FALSE },
    { N_("Name"), "name", NULL, 160, TRUE },
    { N_("Kind"), NULL, kind_text, 110, FALSE },
    { N_("Parent Unit"), "parent_name", NULL, 160, TRUE },
    { N_("Title of the Head"), "head_title", NULL, 180, TRUE },
    { N_("Valid From"), "valid_from", NULL, 110, FALSE },
  };
  GtkNoSelection *selection;
  gboolean sysadmin;

  G_OBJECT_CLASS (jhk_org_page_parent_class)->constructed (object);

  self->model = jhk_lists_org_units (jhk_page_get_db (JHK_PAGE (self)));
  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  /* R11-1: the code tables belong to the システム管理者. */
  sysadmin = jhk_session_has_role (jhk_page_get_session (JHK_PAGE (self)), JHK_ROLE_SYSADMIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.add-unit", sysadmin);
  gtk_widget_set_visible (self->add_button, sysadmin);
  update_count (self);
}

static void
jhk_org_page_dispose (GObject *object)
{
  JhkOrgPage *self = JHK_ORG_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_ORG_PAGE);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (jhk_org_page_parent_class)->dispose (object);
}

static void
jhk_org_page_reload (JhkPage *page)
{
  apply_filter (JHK_ORG_PAGE (page));
}

static void
jhk_org_page_class_init (JhkOrgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_org_page_reload;

  object_class->constructed = jhk_org_page_constructed;
  object_class->dispose = jhk_org_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-org-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkOrgPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkOrgPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkOrgPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkOrgPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkOrgPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_install_action (widget_class, "org.add-unit", NULL, add_unit_activated);
}

static void
jhk_org_page_init (JhkOrgPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_org_page_new (JhkDb      *db,
                  JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_ORG_PAGE, db, session);
}
