/* jhk-ledger-page.c: the 入出力資料台帳 workspace. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-attention.h"
#include "jhk-approvals.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-ledger.h"
#include "jhk-ledger-actions.h"
#include "jhk-ledger-page-private.h"
#include "jhk-ledger-query.h"
#include "jhk-ledger-signoffs.h"
#include "jhk-ledger-transfer.h"
#include "jhk-lists.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-sysdocs.h"
#include "jhk-settings.h"
#include "jhk-util.h"

struct _JhkLedgerPage
{
  JhkPage             parent_instance;

  GtkDropDown        *office_dropdown;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *direction_dropdown;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *business_dropdown;
  GtkDropDown        *personal_dropdown;
  GtkDropDown        *designated_dropdown;
  GtkDropDown        *category_dropdown;
  GtkEntry           *from_entry;
  GtkEntry           *to_entry;
  GtkWidget          *register_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GtkBox             *detail_box;
  GtkFlowBox         *actions_flow;  /* the steps of the material shown */

  GArray             *office_ids;    /* gint64 per office_dropdown item */
  GArray             *business_ids;  /* gint64 per business_dropdown item, 0 first */
  JhkQueryModel      *model;
  GtkSingleSelection *selection;
  JhkLedgerMaterial  *material;      /* the selected one, with its history */

  /* Which column the view sorts by: see sort_changed_cb. */
  GtkColumnViewColumn *sort_columns[4];
  gboolean             filling;
  gboolean             unconfirmed;   /* the dashboard's filter, see attention_activated */
  GArray              *attention_ids; /* the same: a dashboard item's materials, or NULL */
};

G_DEFINE_FINAL_TYPE (JhkLedgerPage, jhk_ledger_page, JHK_TYPE_PAGE)

static void show_material (JhkLedgerPage *self);
static void purge_clicked_cb (JhkLedgerPage *self);

/* Labels. */

static const char *
direction_label (const char *direction)
{
  if (g_strcmp0 (direction, "input") == 0)
    return _("Input");
  if (g_strcmp0 (direction, "output") == 0)
    return _("Output");
  return "";
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "stored") == 0)
    return _("Stored");
  if (g_strcmp0 (status, "lent") == 0)
    return _("Lent Out");
  if (g_strcmp0 (status, "closed") == 0)
    return _("Final Disposition Made");
  if (g_strcmp0 (status, "purged") == 0)
    return _("Purged");
  return status != NULL ? status : "";
}

static const char *
event_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "lend", N_("Lent") },
    { "return", N_("Returned") },
    { "copy", N_("Copied") },
    { "hand_over", N_("Handed Over") },
    { "receive", N_("Received") },
    { "partial_dispose", N_("Partly Disposed Of") },
    { "other", N_("Other") },
    { "dispose", N_("Disposed Of") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind != NULL ? kind : "";
}

static const char *
acquisition_label (const char *method)
{
  if (g_strcmp0 (method, "received") == 0)
    return _("Received");
  if (g_strcmp0 (method, "printed") == 0)
    return _("Printed Out");
  return _("Other");
}

static const char *
measure_label (const char *measure)
{
  if (g_strcmp0 (measure, "store") == 0)
    return _("Stored");
  if (g_strcmp0 (measure, "dispose_without_storing") == 0)
    return _("Disposed of Without Storing");
  return _("Other");
}

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "law") == 0)
    return _("Required by Law");
  if (g_strcmp0 (reason, "procedure") == 0)
    return _("Business by a Set Procedure");
  if (g_strcmp0 (reason, "maintenance_test") == 0)
    return _("Maintenance or Testing");
  return NULL;
}

/* 入力 / 出力, or the kind of a system document, program or manual. */
static char *
direction_text (JhkRow *row)
{
  const char *category = jhk_row_get_by_name (row, "category");

  if (category != NULL && g_strcmp0 (category, "io") != 0)
    return g_strdup (jhk_ledger_category_label (category));
  return g_strdup (direction_label (jhk_row_get_by_name (row, "direction")));
}

static char *
status_text (JhkRow *row)
{
  return g_strdup (status_label (jhk_row_get_by_name (row, "status")));
}

/* A person of jhk_lists_staff() and of jhk_lists_roles(). */
static char *
staff_row_label (JhkRow *row)
{
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "staff_no"),
                          jhk_row_get_by_name (row, "name"));
}

static char *
holder_row_label (JhkRow *row)
{
  return g_strdup_printf ("%s %s", jhk_row_get_by_name (row, "staff_no"),
                          jhk_row_get_by_name (row, "staff_name"));
}

static char *
place_row_label (JhkRow *row)
{
  const char *name = jhk_row_get_by_name (row, "name");

  if (jhk_row_int64 (row, "locked") != 0)
    return g_strdup_printf (_("%s (locked)"), name);
  return g_strdup (name);
}

/* Choices of a combo row: labels shown, ids kept on the row. */

typedef gboolean (*KeepRowFunc) (JhkRow *row, gpointer data);

static void
choices_set (AdwComboRow    *combo,
             GListModel     *rows,
             JhkRowTextFunc  label_func,
             const char     *id_column,
             const char     *none_label,
             KeepRowFunc     keep,
             gpointer        keep_data,
             gint64          select_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  guint n = rows != NULL ? g_list_model_get_n_items (rows) : 0;
  guint selected = 0;

  if (none_label != NULL)
    {
      gint64 none = 0;

      gtk_string_list_append (labels, none_label);
      g_array_append_val (ids, none);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (rows, i);
      g_autofree char *label = NULL;
      gint64 id;

      if (keep != NULL && !keep (row, keep_data))
        continue;
      id = id_column != NULL ? jhk_row_int64 (row, id_column) : jhk_row_get_id (row);
      /* One line for a person who holds a role more than once. */
      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == id && id != 0)
          goto next;
      label = label_func (row);
      if (id == select_id)
        selected = ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (ids, id);
    next:
      ;
    }
  g_object_set_data_full (G_OBJECT (combo), "jhk-choice-ids", ids,
                          (GDestroyNotify) g_array_unref);
  adw_combo_row_set_model (combo, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (combo, ids->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
}

static gint64
choice_get_id (gpointer combo)
{
  GArray *ids = g_object_get_data (G_OBJECT (combo), "jhk-choice-ids");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (combo));

  if (ids == NULL || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

static gboolean
keep_in_office (JhkRow   *row,
                gpointer  data)
{
  gint64 office_id = *(gint64 *) data;

  return jhk_row_int64 (row, "org_unit_id") == office_id;
}

static gboolean
keep_managing_business (JhkRow   *row,
                        gpointer  data)
{
  gint64 business_id = *(gint64 *) data;
  const char *role = jhk_row_get_by_name (row, "role");

  return jhk_row_int64 (row, "business_id") == business_id &&
         (g_strcmp0 (role, "biz_owner") == 0 || g_strcmp0 (role, "egov_owner") == 0 ||
          g_strcmp0 (role, "lead_owner") == 0);
}

static gboolean
keep_approved_business (JhkRow   *row,
                        gpointer  data)
{
  /* R8-1, R9-1: an approved business, or a lead business (R8-2). */
  return jhk_row_int64 (row, "approved_at") != 0 ||
         g_strcmp0 (jhk_row_get_by_name (row, "kind"), "lead") == 0;
}

/* The office's staff, for 取扱者. */
static void
set_staff_choices (JhkLedgerPage *self,
                   gpointer       combo,
                   gint64         office_id)
{
  g_autoptr(JhkQueryModel) staff = jhk_lists_staff (jhk_page_get_db (JHK_PAGE (self)));

  jhk_lists_staff_filter (staff, NULL, office_id);
  choices_set (ADW_COMBO_ROW (combo), G_LIST_MODEL (staff), staff_row_label, NULL, NULL, NULL,
               NULL, jhk_session_get_staff_id (jhk_page_get_session (JHK_PAGE (self))));
}

/* The holders of an office role in the office, e.g. its 情報管理者. */
static void
set_role_choices (JhkLedgerPage *self,
                  gpointer       combo,
                  JhkRole        role,
                  gint64         office_id,
                  const char    *none_label)
{
  g_autoptr(JhkQueryModel) holders = jhk_lists_roles (jhk_page_get_db (JHK_PAGE (self)));

  jhk_lists_roles_filter_role (holders, role);
  choices_set (ADW_COMBO_ROW (combo), G_LIST_MODEL (holders), holder_row_label, "staff_id",
               none_label, keep_in_office, &office_id, 0);
}

/* The managers of a business (R15-3, R17-6/7). */
static void
set_manager_choices (JhkLedgerPage *self,
                     gpointer       combo,
                     gint64         business_id)
{
  g_autoptr(JhkQueryModel) roles = jhk_lists_roles (jhk_page_get_db (JHK_PAGE (self)));

  choices_set (ADW_COMBO_ROW (combo), G_LIST_MODEL (roles), holder_row_label, "staff_id", NULL,
               keep_managing_business, &business_id, 0);
}

static void
set_disposal_choices (gpointer combo)
{
  const char *const *methods = jhk_ledger_disposal_methods ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; methods[i] != NULL; i++)
    gtk_string_list_append (labels, jhk_ledger_disposal_method_label (methods[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
}

static const char *
disposal_choice (gpointer combo)
{
  const char *const *methods = jhk_ledger_disposal_methods ();
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (combo));

  for (guint i = 0; methods[i] != NULL; i++)
    if (i == selected)
      return methods[i];
  return NULL;
}

/* An entry row's text as a count; -1 when it is not one. */
static int
quantity_from (gpointer row)
{
  g_autofree char *text = jhk_editable_dup_text (row);
  char *end = NULL;
  gint64 n;

  if (text == NULL || *text == '\0')
    return -1;
  n = g_ascii_strtoll (text, &end, 10);
  if (end == NULL || *end != '\0' || n < 0 || n > G_MAXINT)
    return -1;
  return (int) n;
}

/* The list. */

static gint64
current_office (JhkLedgerPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->office_dropdown);

  if (self->office_ids == NULL || selected >= self->office_ids->len)
    return -1;
  return g_array_index (self->office_ids, gint64, selected);
}

static void
update_count (JhkLedgerPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text =
    self->unconfirmed
      ? g_strdup_printf (ngettext ("%u material with a step waiting for confirmation "
                                   "(Clear Filters shows all)",
                                   "%u materials with steps waiting for confirmation "
                                   "(Clear Filters shows all)", n), n)
    : self->attention_ids != NULL
      ? g_strdup_printf (ngettext ("%u material of the dashboard's item "
                                   "(Clear Filters shows all)",
                                   "%u materials of the dashboard's item "
                                   "(Clear Filters shows all)", n), n)
      : g_strdup_printf (ngettext ("%u material", "%u materials", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "empty" : "list");
}

static void
apply_filter (JhkLedgerPage *self)
{
  static const char *const directions[] = { NULL, "input", "output" };
  static const char *const statuses[] = { NULL, "stored", "lent", "closed", "expired",
                                          "purged" };
  static const int tristate[] = { -1, 1, 0 };
  JhkMaterialsFilter filter = JHK_MATERIALS_FILTER_ANY;
  guint direction = gtk_drop_down_get_selected (self->direction_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint business = gtk_drop_down_get_selected (self->business_dropdown);
  guint personal = gtk_drop_down_get_selected (self->personal_dropdown);
  guint designated = gtk_drop_down_get_selected (self->designated_dropdown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  gboolean filtered;
  gint64 unused;

  if (self->model == NULL)
    return;
  filter.direction = direction < G_N_ELEMENTS (directions) ? directions[direction] : NULL;
  filter.status = status < G_N_ELEMENTS (statuses) ? statuses[status] : NULL;
  filter.business_id = self->business_ids != NULL && business < self->business_ids->len
                         ? g_array_index (self->business_ids, gint64, business)
                         : 0;
  filter.personal_data = personal < G_N_ELEMENTS (tristate) ? tristate[personal] : -1;
  filter.designated = designated < G_N_ELEMENTS (tristate) ? tristate[designated] : -1;
  filter.text = text;
  filter.unconfirmed = self->unconfirmed;
  filter.ids = self->attention_ids;
  {
    const char *const *categories = jhk_ledger_categories ();
    guint category = gtk_drop_down_get_selected (self->category_dropdown);

    /* 0 is every kind; then the categories in their order. */
    for (guint i = 0; category != GTK_INVALID_LIST_POSITION && categories[i] != NULL; i++)
      if (i + 1 == category)
        filter.category = categories[i];
  }
  /* A date is used once it is whole; a half-typed one is marked. */
  filter.from = jhk_parse_date (from, &unused) ? from : NULL;
  filter.to = jhk_parse_date (to, &unused) ? to : NULL;
  if (*from != '\0' && filter.from == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  if (*to != '\0' && filter.to == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");

  jhk_lists_materials_filter (self->model, &filter);

  filtered = *text != '\0' || filter.unconfirmed || filter.ids != NULL ||
             filter.category != NULL ||
             filter.direction != NULL ||
             filter.status != NULL ||
             filter.business_id != 0 || filter.personal_data >= 0 || filter.designated >= 0 ||
             filter.from != NULL || filter.to != NULL;
  if (filtered)
    adw_status_page_set_description (self->empty_page,
                                     _("No material matches. Try other words or fewer filters."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Register a material with the + button (Ctrl+N) when a "
                                       "printout or an input document is made or received."));
  update_count (self);
}

static void
filter_changed_cb (JhkLedgerPage *self)
{
  if (!self->filling)
    apply_filter (self);
}

static void
search_activate_cb (JhkLedgerPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
stop_search_cb (JhkLedgerPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
selection_changed_cb (JhkLedgerPage *self)
{
  JhkRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->material, jhk_ledger_material_free);
  if (row != NULL)
    {
      self->material = jhk_ledger_query_material (jhk_page_get_db (JHK_PAGE (self)),
                                                  jhk_page_get_session (JHK_PAGE (self)),
                                                  jhk_row_get_id (row), &error);
      if (self->material == NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
    }
  show_material (self);
}

/* The list of another office. */
static void
set_office (JhkLedgerPage *self)
{
  gint64 office = current_office (self);
  g_autoptr(JhkQueryModel) old = self->model;

  if (office < 0)
    {
      self->model = NULL;
      gtk_single_selection_set_model (self->selection, NULL);
      adw_status_page_set_description (self->empty_page,
                                       _("You keep no office's materials ledger."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }
  self->model = jhk_lists_materials (jhk_page_get_db (JHK_PAGE (self)), office);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  /* The order the view shows. */
  {
    GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

    if (sorter != NULL)
      gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
  }
  apply_filter (self);
}

static void
office_changed_cb (JhkLedgerPage *self)
{
  if (!self->filling)
    set_office (self);
}

/* Sorting: the view's sorter tells which column is the primary one and in
 * which direction (jhk_column_view_probe_sort); the list itself is sorted
 * by the database. */

static const JhkMaterialsSort sort_keys[] = {
  JHK_MATERIALS_SORT_NAME, JHK_MATERIALS_SORT_BUSINESS, JHK_MATERIALS_SORT_DATE,
  JHK_MATERIALS_SORT_STATUS,
};

static void
sort_changed_cb (GtkSorter     *sorter,
                 GtkSorterChange change,
                 JhkLedgerPage *self)
{
  guint column;
  gboolean descending;

  if (self->model == NULL)
    return;
  if (!jhk_column_view_probe_sort (sorter, &column, &descending))
    jhk_lists_materials_sort (self->model, JHK_MATERIALS_SORT_DATE, TRUE);
  else
    jhk_lists_materials_sort (self->model, sort_keys[column], descending);
  update_count (self);
}

static void
setup_sorting (JhkLedgerPage *self)
{
  /* Columns in the order of the entries below: 資料名, 業務, 入手日, 状態. */
  static const guint positions[] = { 1, 2, 5, 6 };

  G_STATIC_ASSERT (G_N_ELEMENTS (positions) == G_N_ELEMENTS (sort_keys));
  jhk_column_view_set_sort_probes (self->column_view, positions, G_N_ELEMENTS (positions),
                                   self->sort_columns);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, 0);
  /* Newest first, as the model starts. */
  gtk_column_view_sort_by_column (self->column_view, self->sort_columns[2], GTK_SORT_DESCENDING);
}

/* After a write: the list read again, the material selected and shown. */
void
jhk_ledger_page_material_changed (JhkLedgerPage *self,
                                  gint64         material_id,
                                  const char    *message)
{
  if (material_id == 0 && self->material != NULL)
    material_id = self->material->id;
  apply_filter (self);
  if (!jhk_ledger_page_select_material (self, material_id))
    selection_changed_cb (self);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

/* Steps of a material. */

typedef struct
{
  JhkLedgerPage   *page;
  gint64           material_id;
  gint64           office_id;
  JhkLedgerAction  action;
} StepData;

static void
step_data_free (gpointer data)
{
  StepData *d = data;

  g_clear_object (&d->page);
  g_free (d);
}

static const char *const final_kinds[] = { "dispose", "return", "hand_over", "other" };

static void
step_final_kind_changed_cb (AdwComboRow   *row,
                            GParamSpec    *pspec,
                            JhkFormDialog *dialog)
{
  gboolean dispose = adw_combo_row_get_selected (row) == 0;

  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "method_row")),
                          dispose);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "witness_row")),
                          dispose);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "counterpart_row")),
                          !dispose);
}

static void
step_basis_changed_cb (AdwComboRow   *row,
                       GParamSpec    *pspec,
                       JhkFormDialog *dialog)
{
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "approved_row")),
                          adw_combo_row_get_selected (row) == 0);
}

/* What the step dialog holds, as the services take it. */
typedef struct
{
  char                   *date;
  char                   *counterpart;
  char                   *note;
  gboolean                quantity_ok;
  JhkMaterialEvent        event;
  JhkMaterialDisposition  disposition;
} StepForm;

static void
step_form_clear (StepForm *f)
{
  g_clear_pointer (&f->date, g_free);
  g_clear_pointer (&f->counterpart, g_free);
  g_clear_pointer (&f->note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StepForm, step_form_clear)

static void
step_read (JhkFormDialog *dialog,
           StepData      *d,
           StepForm      *f)
{
  gint64 handler = choice_get_id (jhk_form_dialog_get_object (dialog, "handler_row"));
  gint64 witness = choice_get_id (jhk_form_dialog_get_object (dialog, "witness_row"));
  const char *method = disposal_choice (jhk_form_dialog_get_object (dialog, "method_row"));

  f->date = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "date_row"));
  f->counterpart = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "counterpart_row"));
  f->note = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, "note_row"));
  f->quantity_ok = TRUE;

  if (d->action == JHK_LEDGER_ACTION_FINAL)
    {
      guint kind = adw_combo_row_get_selected (
        ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "final_kind_row")));

      f->disposition.kind = kind < G_N_ELEMENTS (final_kinds) ? final_kinds[kind] : NULL;
      f->disposition.happened_on = f->date;
      f->disposition.handler_staff_id = handler;
      if (kind == 0)
        {
          f->disposition.method = method;
          f->disposition.witness_staff_id = witness;
        }
      else
        f->disposition.counterpart = f->counterpart;
      f->disposition.note = f->note;
      return;
    }

  f->event.kind = jhk_ledger_action_kind (d->action);
  f->event.happened_on = f->date;
  f->event.quantity = quantity_from (jhk_form_dialog_get_object (dialog, "quantity_row"));
  f->quantity_ok = f->event.quantity >= 0;
  f->event.handler_staff_id = handler;
  f->event.confirmed_by = choice_get_id (jhk_form_dialog_get_object (dialog, "confirmed_row"));
  f->event.counterpart = f->counterpart;
  f->event.note = f->note;
  /* R16-2: the approved request the step uses, when one is needed. */
  if (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "approval_row"))))
    f->event.approval_id = choice_get_id (jhk_form_dialog_get_object (dialog, "approval_row"));
  if (d->action == JHK_LEDGER_ACTION_PARTIAL_DISPOSE)
    {
      f->event.method = method;
      f->event.witness_staff_id = witness;
    }
  if (d->action == JHK_LEDGER_ACTION_COPY)
    {
      guint basis = adw_combo_row_get_selected (
        ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "basis_row")));

      f->event.copy_basis = basis == 0 ? "manager_approval" : "maintenance_test";
      if (basis == 0)
        f->event.approved_by = choice_get_id (jhk_form_dialog_get_object (dialog,
                                                                          "approved_row"));
    }
}

/* What can be told before the database is asked, as the user types. */
static gboolean
step_check_form (StepData  *d,
                 StepForm  *f,
                 GError   **error)
{
  gint64 unused;

  if (!jhk_parse_date (f->date, &unused))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Enter the date as YYYY-MM-DD."));
      return FALSE;
    }
  if (!f->quantity_ok)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The quantity must be a whole number."));
      return FALSE;
    }
  return d->action == JHK_LEDGER_ACTION_FINAL || jhk_ledger_check_event (&f->event, error);
}

static gboolean
step_check (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  g_auto(StepForm) f = { 0 };

  step_read (dialog, user_data, &f);
  return step_check_form (user_data, &f, error);
}

static gboolean
step_apply (JhkFormDialog  *dialog,
            gpointer        user_data,
            GError        **error)
{
  StepData *d = user_data;
  JhkDb *db = jhk_page_get_db (JHK_PAGE (d->page));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (d->page));
  g_auto(StepForm) f = { 0 };
  g_autofree char *message = NULL;
  gint64 copy_id = 0;

  step_read (dialog, d, &f);
  if (!step_check_form (d, &f, error))
    return FALSE;
  if (d->action == JHK_LEDGER_ACTION_FINAL)
    {
      if (!jhk_ledger_final_disposition (db, session, d->material_id, &f.disposition, error))
        return FALSE;
      jhk_ledger_page_material_changed (d->page, d->material_id,
                                        _("The final disposition was recorded."));
      return TRUE;
    }
  if (jhk_ledger_record_event (db, session, d->material_id, &f.event, &copy_id, error) == 0)
    return FALSE;
  if (copy_id != 0)
    message = g_strdup_printf (_("The copy was registered as material %lld."),
                               (long long) copy_id);
  else
    message = g_strdup_printf (_("“%s” was recorded."), event_label (f.event.kind));
  jhk_ledger_page_material_changed (d->page, d->material_id, message);
  return TRUE;
}

static void
open_step (JhkLedgerPage   *self,
           JhkLedgerAction  action)
{
  JhkLedgerMaterial *m = self->material;
  g_autofree char *today = jhk_today ();
  g_autofree char *quantity = NULL;
  gboolean final = action == JHK_LEDGER_ACTION_FINAL;
  gboolean dispose = action == JHK_LEDGER_ACTION_PARTIAL_DISPOSE;
  gboolean copy = action == JHK_LEDGER_ACTION_COPY;
  gboolean counterpart = action == JHK_LEDGER_ACTION_LEND || action == JHK_LEDGER_ACTION_RETURN ||
                         action == JHK_LEDGER_ACTION_HAND_OVER ||
                         action == JHK_LEDGER_ACTION_RECEIVE || action == JHK_LEDGER_ACTION_OTHER;
  JhkFormDialog *dialog;
  StepData *d;
  gint64 suggested;

  if (m == NULL || jhk_ledger_action_refusal (jhk_page_get_db (JHK_PAGE (self)),
                                              jhk_page_get_session (JHK_PAGE (self)), m,
                                              action) != NULL)
    return;

  dialog = jhk_form_dialog_new (jhk_ledger_action_label (action), _("_Record"),
                                "/org/example/Jhk/ui/jhk-material-event-form.ui");
  jhk_form_dialog_set_subtitle (dialog, m->name);
  d = g_new0 (StepData, 1);
  d->page = g_object_ref (self);
  d->material_id = m->id;
  d->office_id = m->office_id;
  d->action = action;

  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "date_row")), today);
  /* What the step most likely concerns: all that is at hand, or lent. */
  suggested = action == JHK_LEDGER_ACTION_RETURN ? m->quantity_lent
              : action == JHK_LEDGER_ACTION_OTHER ? 0
                                                  : m->quantity_on_hand - m->quantity_lent;
  if (action == JHK_LEDGER_ACTION_LEND || action == JHK_LEDGER_ACTION_RECEIVE)
    suggested = 1;
  quantity = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (suggested, 0));
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")),
                         quantity);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "quantity_row")),
                          !final);

  set_staff_choices (self, jhk_form_dialog_get_object (dialog, "handler_row"), m->office_id);
  set_disposal_choices (jhk_form_dialog_get_object (dialog, "method_row"));
  set_role_choices (self, jhk_form_dialog_get_object (dialog, "witness_row"),
                    JHK_ROLE_INFO_MANAGER, m->office_id, _("No Witness"));
  set_role_choices (self, jhk_form_dialog_get_object (dialog, "confirmed_row"),
                    JHK_ROLE_INFO_MANAGER, m->office_id, _("Not Yet Confirmed"));
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "confirmed_row")),
                          !final);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "method_row")),
                          dispose || final);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "witness_row")),
                          (dispose || final));
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "counterpart_row")),
                          counterpart || final);

  /* R16-2: personal-data input is copied or handed over with an approved
   * request of the 総括責任者, chosen here, used once. */
  {
    g_autoptr(GPtrArray) approvals =
      jhk_ledger_action_approvals (jhk_page_get_db (JHK_PAGE (self)),
                                   jhk_page_get_session (JHK_PAGE (self)), m, action);
    AdwComboRow *approval_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                           "approval_row"));

    if (approvals != NULL)
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));

        for (guint i = 0; i < approvals->len; i++)
          {
            JhkApproval *approval = g_ptr_array_index (approvals, i);
            g_autofree char *label = g_strdup_printf (_("No. %lld: %s"), (long long) approval->id,
                                                      approval->reason);

            gtk_string_list_append (labels, label);
            g_array_append_val (ids, approval->id);
          }
        g_object_set_data_full (G_OBJECT (approval_row), "jhk-choice-ids", ids,
                                (GDestroyNotify) g_array_unref);
        adw_combo_row_set_model (approval_row, G_LIST_MODEL (labels));
        gtk_widget_set_visible (GTK_WIDGET (approval_row), TRUE);
      }
  }

  /* R17-6/7: the basis of a copy. */
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "basis_row")), copy);
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, "approved_row")), copy);
  if (copy)
    {
      g_autoptr(GtkStringList) bases = gtk_string_list_new (NULL);
      AdwComboRow *basis_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "basis_row"));
      gint64 business_id = 0;
      g_autoptr(JhkQueryModel) businesses =
        jhk_lists_businesses (jhk_page_get_db (JHK_PAGE (self)));

      gtk_string_list_append (bases, _("Approved by the Business's Manager"));
      gtk_string_list_append (bases, _("For Maintenance or Testing"));
      adw_combo_row_set_model (basis_row, G_LIST_MODEL (bases));
      g_signal_connect_object (basis_row, "notify::selected", G_CALLBACK (step_basis_changed_cb),
                               dialog, 0);
      /* The material's business by its code. */
      jhk_lists_businesses_filter (businesses, NULL, m->business_code);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (businesses)); i++)
        {
          g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);

          if (g_strcmp0 (jhk_row_get_by_name (row, "code"), m->business_code) == 0)
            business_id = jhk_row_get_id (row);
        }
      set_manager_choices (self, jhk_form_dialog_get_object (dialog, "approved_row"),
                           business_id);
    }

  if (final)
    {
      g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
      AdwComboRow *kind_row = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                         "final_kind_row"));

      gtk_string_list_append (kinds, _("Disposal"));
      gtk_string_list_append (kinds, _("Return"));
      gtk_string_list_append (kinds, _("Hand Over"));
      gtk_string_list_append (kinds, _("Other"));
      adw_combo_row_set_model (kind_row, G_LIST_MODEL (kinds));
      gtk_widget_set_visible (GTK_WIDGET (kind_row), TRUE);
      g_signal_connect_object (kind_row, "notify::selected",
                               G_CALLBACK (step_final_kind_changed_cb), dialog, 0);
      step_final_kind_changed_cb (kind_row, NULL, dialog);
    }

  jhk_form_dialog_set_apply_func (dialog, step_apply, d, step_data_free);
  jhk_form_dialog_set_check_func (dialog, step_check);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static void
step_clicked_cb (GtkButton     *button,
                 JhkLedgerPage *self)
{
  open_step (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jhk-action")));
}

/* The detail pane. */

void
jhk_ledger_page_add_field (AdwPreferencesGroup *group,
                           const char          *title,
                           const char          *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

AdwPreferencesGroup *
jhk_ledger_page_add_group (JhkLedgerPage *self,
                           const char    *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->detail_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static char *
history_line (const char *date,
              const char *what,
              gint64      quantity)
{
  return g_strdup_printf ("%s  %s  %" G_GINT64_FORMAT, date, what, quantity);
}

static GtkWidget *
add_history_row (AdwPreferencesGroup *group,
                 const char          *title,
                 GPtrArray           *parts)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  return row;
}

static void
confirm_clicked_cb (GtkButton     *button,
                    JhkLedgerPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-event"));
  gint64 material_id = self->material != NULL ? self->material->id : 0;

  if (!jhk_ledger_confirm_event (jhk_page_get_db (JHK_PAGE (self)),
                                 jhk_page_get_session (JHK_PAGE (self)), event_id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_ledger_page_material_changed (self, material_id, _("The step was confirmed."));
}

/* "label value", or the value alone. */
static void
add_part (GPtrArray  *parts,
          const char *label,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_ptr_array_add (parts, label != NULL ? g_strconcat (label, " ", value, NULL) : g_strdup (value));
}

static void
show_history (JhkLedgerPage *self)
{
  JhkLedgerMaterial *m = self->material;
  AdwPreferencesGroup *group = jhk_ledger_page_add_group (self, _("History After Acquisition"));

  if (m->events == NULL || m->events->len == 0)
    adw_preferences_group_set_description (group, _("Nothing has happened to it since."));
  for (guint i = 0; m->events != NULL && i < m->events->len; i++)
    {
      JhkLedgerEvent *e = g_ptr_array_index (m->events, i);
      GtkWidget *row;
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title = history_line (e->happened_on, event_label (e->kind), e->quantity);

      add_part (parts, _("Handler"), e->handler_name);
      add_part (parts, NULL, e->counterpart);
      add_part (parts, NULL, e->method != NULL ? jhk_ledger_disposal_method_label (e->method)
                                               : NULL);
      add_part (parts, _("Witness"), e->witness_name);
      add_part (parts, _("Confirmed By"), e->confirmer_name);
      if (e->confirmer_name == NULL)
        add_part (parts, NULL, _("Not yet confirmed"));
      if (e->copy_material_id != 0)
        g_ptr_array_add (parts, g_strdup_printf (_("Copy: material %lld"),
                                                 (long long) e->copy_material_id));
      add_part (parts, NULL, e->note);
      row = add_history_row (group, title, parts);
      /* 情報管理者確認 given afterwards, by the office's 情報管理者. */
      if (jhk_ledger_confirm_refusal (jhk_page_get_db (JHK_PAGE (self)),
                                      jhk_page_get_session (JHK_PAGE (self)), m, e) == NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Confirm"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Confirm this step as the information manager"));
          g_object_set_data (G_OBJECT (button), "jhk-event", GSIZE_TO_POINTER (e->id));
          g_signal_connect_object (button, "clicked", G_CALLBACK (confirm_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
  if (m->disposition != NULL)
    {
      JhkLedgerDisposition *f = m->disposition;
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      const char *what = g_strcmp0 (f->kind, "dispose") == 0 ? event_label ("dispose")
                         : g_strcmp0 (f->kind, "return") == 0 ? _("Returned")
                         : g_strcmp0 (f->kind, "hand_over") == 0 ? _("Handed Over")
                                                                  : _("Other");
      g_autofree char *kind = g_strdup_printf (_("Final disposition: %s"), what);
      g_autofree char *title = history_line (f->happened_on, kind, f->quantity);

      add_part (parts, _("Handler"), f->handler_name);
      add_part (parts, NULL, f->method != NULL ? jhk_ledger_disposal_method_label (f->method)
                                               : NULL);
      add_part (parts, _("Witness"), f->witness_name);
      add_part (parts, NULL, f->counterpart);
      add_part (parts, NULL, f->note);
      add_history_row (group, title, parts);
    }
}

static void
show_actions (JhkLedgerPage *self)
{
  JhkLedgerMaterial *m = self->material;
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  for (JhkLedgerAction a = 0; a < JHK_LEDGER_N_ACTIONS; a++)
    {
      const char *why = jhk_ledger_action_refusal (jhk_page_get_db (JHK_PAGE (self)),
                                                   jhk_page_get_session (JHK_PAGE (self)), m, a);
      g_autofree char *label = g_strdup_printf (_("%s…"), jhk_ledger_action_label (a));
      GtkWidget *button = gtk_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "jhk-action", GINT_TO_POINTER (a));
      gtk_widget_set_sensitive (button, why == NULL);
      if (why != NULL)
        gtk_widget_set_tooltip_text (button, why);
      if (a == JHK_LEDGER_ACTION_FINAL)
        gtk_widget_add_css_class (button, "destructive-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (step_clicked_cb), self, 0);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
    }
  gtk_box_append (self->detail_box, flow);
  self->actions_flow = GTK_FLOW_BOX (flow);

  /* R15-3: after the final disposition, the purge once the retention ended. */
  if (g_strcmp0 (m->status, "closed") == 0)
    {
      g_autofree char *why = jhk_ledger_purge_refusal (jhk_page_get_db (JHK_PAGE (self)),
                                                       jhk_page_get_session (JHK_PAGE (self)),
                                                       m);
      GtkWidget *purge = gtk_button_new_with_mnemonic (_("P_urge…"));

      /* Not the action: a button with one is as sensitive as the action. */
      g_signal_connect_object (purge, "clicked", G_CALLBACK (purge_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_sensitive (purge, why == NULL);
      gtk_widget_set_tooltip_text (purge, why != NULL ? why
                                                      : _("Purge the material from the ledger, "
                                                          "its retention having ended"));
      gtk_widget_add_css_class (purge, "destructive-action");
      gtk_flow_box_append (GTK_FLOW_BOX (flow), purge);
    }

  /* 様式第1号, to look at, print or save, whatever the material's state. */
  {
    GtkWidget *form = gtk_button_new_with_mnemonic (_("_Print Sheet (Form 1)…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (form), "ledger.form1");
    gtk_widget_set_tooltip_text (form, _("Preview, print or save the material's sheet "
                                         "(Ctrl+P)"));
    gtk_flow_box_append (GTK_FLOW_BOX (flow), form);
  }
}

static void
purge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   JhkLedgerPage    *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "jhk-material"));

  if (g_strcmp0 (response, "purge") != 0)
    return;
  if (!jhk_retention_purge (jhk_page_get_db (JHK_PAGE (self)),
                            jhk_page_get_session (JHK_PAGE (self)), id, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_ledger_page_material_changed (self, id, _("The material was purged from the ledger."));
}

/* R15-3: a purge cannot be undone; the dialog says what goes. */
static void
purge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *why = NULL;
  AdwMessageDialog *dialog;

  if (self->material == NULL)
    return;
  why = jhk_ledger_purge_refusal (jhk_page_get_db (JHK_PAGE (self)),
                                  jhk_page_get_session (JHK_PAGE (self)), self->material);
  if (why != NULL)
    {
      jhk_widget_show_toast (widget, why);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Purge Material?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The retention of “%s” has ended. Its name, contents, "
                                    "history and final disposition will be removed from the "
                                    "ledger for good; only its number, dates and quantities "
                                    "stay, with who purged it and when. This cannot be "
                                    "undone."),
                                  self->material->name);
  g_object_set_data (G_OBJECT (dialog), "jhk-material",
                     GSIZE_TO_POINTER (self->material->id));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "purge", _("P_urge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
purge_clicked_cb (JhkLedgerPage *self)
{
  purge_activated (GTK_WIDGET (self), NULL, NULL);
}

/* R18-3: who may view a system document or program besides the keepers;
 * the office's 運用管理者 names them. */

static void
viewer_remove_clicked_cb (GtkButton     *button,
                          JhkLedgerPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 staff = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "jhk-staff"));

  if (self->material == NULL ||
      !jhk_sysdocs_remove_viewer (jhk_page_get_db (JHK_PAGE (self)),
                                  jhk_page_get_session (JHK_PAGE (self)), self->material->id,
                                  staff, &error))
    {
      if (error != NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_ledger_page_material_changed (self, 0, _("The viewer was taken off."));
}

static void
viewer_add_clicked_cb (GtkButton     *button,
                       JhkLedgerPage *self)
{
  g_autoptr(GError) error = NULL;
  gpointer staff_row = g_object_get_data (G_OBJECT (button), "jhk-staff-row");
  gint64 staff = choice_get_id (staff_row);

  if (self->material == NULL ||
      !jhk_sysdocs_add_viewer (jhk_page_get_db (JHK_PAGE (self)),
                               jhk_page_get_session (JHK_PAGE (self)), self->material->id, staff,
                               &error))
    {
      if (error != NULL)
        jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_ledger_page_material_changed (self, 0, _("The viewer was named."));
}

static void
show_viewers (JhkLedgerPage *self)
{
  JhkLedgerMaterial *m = self->material;
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  g_autoptr(GPtrArray) viewers = NULL;
  AdwPreferencesGroup *group;
  gboolean manages;

  if (!jhk_sysdocs_is_restricted (m->category))
    return;
  manages = jhk_sysdocs_is_ops_manager (db, session, m->office_id);
  viewers = jhk_sysdocs_list_viewers (db, session, m->id, NULL);
  group = jhk_ledger_page_add_group (self, _("Staff Allowed to View"));
  adw_preferences_group_set_description (group,
                                         _("Besides those who keep the ledger, only the staff "
                                           "named here view this material (R18-3)."));
  for (guint i = 0; viewers != NULL && i < viewers->len; i++)
    {
      JhkSysdocViewer *v = g_ptr_array_index (viewers, i);
      g_autofree char *title = g_strdup_printf ("%s %s", v->staff_no, v->name);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (v->unit != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), v->unit);
      if (manages)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, _("Take this viewer off"));
          gtk_widget_add_css_class (remove, "flat");
          g_object_set_data (G_OBJECT (remove), "jhk-staff", GSIZE_TO_POINTER (v->staff_id));
          g_signal_connect_object (remove, "clicked", G_CALLBACK (viewer_remove_clicked_cb),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      adw_preferences_group_add (group, row);
    }
  if (manages)
    {
      GtkWidget *staff_row = adw_combo_row_new ();
      GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (staff_row), _("Name a Viewer"));
      set_staff_choices (self, staff_row, m->office_id);
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (add), "jhk-staff-row", staff_row);
      g_signal_connect_object (add, "clicked", G_CALLBACK (viewer_add_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (staff_row), add);
      adw_preferences_group_add (group, staff_row);
    }
}

static void
form1_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (self->material == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  if (jhk_form_preview_show_material (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      jhk_page_get_db (JHK_PAGE (self)),
                                      jhk_page_get_session (JHK_PAGE (self)),
                                      self->material->id, &error) == NULL)
    jhk_widget_show_error (widget, error);
}

void
jhk_ledger_page_add_action (JhkLedgerPage *self,
                            GtkWidget     *button,
                            const char    *why)
{
  g_return_if_fail (JHK_IS_LEDGER_PAGE (self));
  g_return_if_fail (self->actions_flow != NULL);

  gtk_widget_set_sensitive (button, why == NULL);
  if (why != NULL)
    gtk_widget_set_tooltip_text (button, why);
  gtk_flow_box_append (self->actions_flow, button);
}

const JhkLedgerMaterial *
jhk_ledger_page_get_material (JhkLedgerPage *self)
{
  g_return_val_if_fail (JHK_IS_LEDGER_PAGE (self), NULL);
  return self->material;
}

static void
show_material (JhkLedgerPage *self)
{
  JhkLedgerMaterial *m = self->material;
  GtkWidget *child;
  AdwPreferencesGroup *group;
  g_autofree char *heading = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *on_hand = NULL;
  g_autofree char *handler = NULL;
  g_autofree char *acquired_by = NULL;
  g_autofree char *original = NULL;

  self->actions_flow = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.form1", m != NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  if (m == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  {
    GtkWidget *title = gtk_label_new (m->purged_at != 0 ? _("Purged Material") : m->name);
    GtkWidget *subtitle;

    gtk_label_set_wrap (GTK_LABEL (title), TRUE);
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_label_set_selectable (GTK_LABEL (title), TRUE);
    gtk_widget_add_css_class (title, "title-2");
    heading = g_strdup_printf (_("No. %lld · %s · %s"), (long long) m->id, m->office_name,
                               status_label (m->status));
    subtitle = gtk_label_new (heading);
    gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
    gtk_widget_add_css_class (subtitle, "dim-label");
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), subtitle);
      gtk_box_append (self->detail_box, box);
    }
  }
  /* R15-3: a tombstone, nothing more to do or to see. */
  if (m->purged_at != 0)
    {
      g_autofree char *when = jhk_format_date (m->purged_at);
      g_autofree char *range = g_strdup_printf (_("Acquired %s, last entry %s"), m->acquired_on,
                                                m->last_entry_on);

      group = jhk_ledger_page_add_group (self, _("Purged"));
      adw_preferences_group_set_description (group,
                                             _("Its retention of five years after the last "
                                               "entry ended, and its contents and history were "
                                               "purged from the ledger. The audit log records "
                                               "what was removed."));
      jhk_ledger_page_add_field (group, _("Purged On"), when);
      jhk_ledger_page_add_field (group, _("Purged By"), m->purged_by);
      jhk_ledger_page_add_field (group, _("Dates"), range);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.form1", FALSE);
      return;
    }
  show_actions (self);

  group = jhk_ledger_page_add_group (self, _("Material"));
  /* R18-1: the system documents ledger on the same page. */
  if (m->category != NULL && g_strcmp0 (m->category, "io") != 0)
    jhk_ledger_page_add_field (group, _("Kind of Material"),
                               jhk_ledger_category_label (m->category));
  if (m->printed_manual)
    jhk_ledger_page_add_field (group, _("Printed Manual"),
                               _("Printed from an electronic manual: shredded when no longer "
                                 "needed (R18-5)"));
  jhk_ledger_page_add_field (group, _("Input or Output"),
                             m->direction != NULL ? direction_label (m->direction) : NULL);
  quantity = m->breakdown != NULL && *m->breakdown != '\0'
               ? g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", m->quantity, m->breakdown)
               : g_strdup_printf ("%" G_GINT64_FORMAT, m->quantity);
  jhk_ledger_page_add_field (group, _("Quantity"), quantity);
  on_hand = g_strdup_printf (_("%lld held, %lld of them lent out"),
                             (long long) m->quantity_on_hand, (long long) m->quantity_lent);
  jhk_ledger_page_add_field (group, _("Now"), on_hand);
  jhk_ledger_page_add_field (group, _("Summary"), m->summary);
  if (m->business_code != NULL)
    {
      g_autofree char *business = g_strdup_printf ("%s %s", m->business_code,
                                                   m->business_name != NULL ? m->business_name
                                                                            : "");
      jhk_ledger_page_add_field (group, _("Business"), business);
    }
  handler = m->handler_section != NULL
              ? g_strdup_printf ("%s %s", m->handler_section, m->handler_name)
              : g_strdup (m->handler_name);
  jhk_ledger_page_add_field (group, _("Handler"), handler);
  jhk_ledger_page_add_field (group, _("Purpose of Use"), m->purpose);
  if (m->personal_data)
    jhk_ledger_page_add_field (group, _("Personal Data"), reason_label (m->creation_reason) != NULL
                                            ? reason_label (m->creation_reason)
                                            : _("Contains personal data"));
  if (m->designated)
    jhk_ledger_page_add_field (group, _("Designation"), _("Especially important (R15-3)"));
  if (m->original_id != 0)
    {
      original = g_strdup_printf (_("A copy of material %lld"), (long long) m->original_id);
      jhk_ledger_page_add_field (group, _("Original"), original);
    }

  group = jhk_ledger_page_add_group (self, _("Acquisition"));
  jhk_ledger_page_add_field (group, _("Acquired On"), m->acquired_on);
  {
    g_autofree char *how = m->acquisition_text != NULL && *m->acquisition_text != '\0'
                             ? g_strdup_printf ("%s (%s)",
                                                acquisition_label (m->acquisition_method),
                                                m->acquisition_text)
                             : g_strdup (acquisition_label (m->acquisition_method));
    jhk_ledger_page_add_field (group, _("How Acquired"), how);
  }
  acquired_by = m->acquired_by_section != NULL
                  ? g_strdup_printf ("%s %s", m->acquired_by_section, m->acquired_by_name)
                  : g_strdup (m->acquired_by_name);
  jhk_ledger_page_add_field (group, _("Acquired By"), acquired_by);
  {
    g_autofree char *measure = m->storage_place != NULL
                                 ? g_strdup_printf ("%s (%s)", measure_label (m->measure),
                                                    m->storage_place)
                                 : m->measure_text != NULL && *m->measure_text != '\0'
                                     ? g_strdup_printf ("%s (%s)", measure_label (m->measure),
                                                        m->measure_text)
                                     : g_strdup (measure_label (m->measure));
    jhk_ledger_page_add_field (group, _("After Acquisition"), measure);
  }

  show_history (self);
  show_viewers (self);
  jhk_ledger_signoffs_show (self);
  jhk_ledger_transfer_show (self);
}

/* Register a material. */

typedef struct
{
  JhkLedgerPage *page;
  gint64         office_id;
  GtkWidget     *error_row;
} RegisterData;

static void
register_data_free (gpointer data)
{
  RegisterData *d = data;

  g_clear_object (&d->page);
  g_clear_object (&d->error_row);
  g_free (d);
}

static void
register_update_rows (JhkFormDialog *dialog)
{
  gboolean personal = gtk_switch_get_active (
    GTK_SWITCH (jhk_form_dialog_get_object (dialog, "personal_switch")));
  gboolean designated = gtk_switch_get_active (
    GTK_SWITCH (jhk_form_dialog_get_object (dialog, "designated_switch")));
  guint direction = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "direction_row")));
  guint acquisition = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "acquisition_row")));
  guint measure = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "measure_row")));

  guint category = adw_combo_row_get_selected (
    ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "category_row")));
  gboolean io = category == 0 || category == GTK_INVALID_LIST_POSITION;

#define SHOW(id, visible) \
  gtk_widget_set_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog, id)), (visible))
  /* 第16, 第17 are of input and output materials only. */
  SHOW ("personal_row", io);
  /* R17-1: the reason is asked of personal-data output. */
  SHOW ("reason_row", io && personal && direction == 1);
  /* R18-5: a manual printed from an electronic one. */
  SHOW ("printed_manual_row", !io && acquisition == 1 &&
                                g_strcmp0 (jhk_ledger_categories ()[MIN (category, 3)],
                                           "manual") == 0);
  SHOW ("designated_by_row", designated);
  SHOW ("acquisition_text_row", acquisition != 1);
  SHOW ("place_row", measure == 0);
  SHOW ("measure_text_row", measure == 2);
  SHOW ("disposed_on_row", measure == 1);
  SHOW ("method_row", measure == 1);
  SHOW ("witness_row", measure == 1 && personal);
#undef SHOW
}

static void
register_business_changed_cb (AdwComboRow   *row,
                              GParamSpec    *pspec,
                              JhkFormDialog *dialog)
{
  RegisterData *d = g_object_get_data (G_OBJECT (dialog), "jhk-register");

  set_manager_choices (d->page, jhk_form_dialog_get_object (dialog, "designated_by_row"),
                       choice_get_id (row));
}

/* What the register dialog holds, as the service takes it. */
typedef struct
{
  GPtrArray       *texts;   /* the strings spec points to */
  JhkMaterialSpec  spec;
} RegisterForm;

static void
register_form_clear (RegisterForm *f)
{
  g_clear_pointer (&f->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RegisterForm, register_form_clear)

static const char *
register_text (JhkFormDialog *dialog,
               RegisterForm  *f,
               const char    *row)
{
  char *text = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog, row));

  g_ptr_array_add (f->texts, text);
  return text;
}

static void
register_read (JhkFormDialog *dialog,
               RegisterData  *d,
               RegisterForm  *f)
{
  static const char *const acquisitions[] = { "received", "printed", "other" };
  static const char *const measures[] = { "store", "dispose_without_storing", "other" };
  static const char *const reasons[] = { "law", "procedure", "maintenance_test" };
  JhkMaterialSpec *spec = &f->spec;
  guint acquisition, measure, reason;

  f->texts = g_ptr_array_new_with_free_func (g_free);
#define SELECTED(id) \
  adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, id)))
  acquisition = SELECTED ("acquisition_row");
  measure = SELECTED ("measure_row");
  reason = SELECTED ("reason_row");
  spec->org_unit_id = d->office_id;
  {
    const char *const *categories = jhk_ledger_categories ();
    guint category = SELECTED ("category_row");

    for (guint i = 0; categories[i] != NULL; i++)
      if (i == category)
        spec->category = categories[i];
  }
  spec->direction = SELECTED ("direction_row") == 1 ? "output" : "input";
#undef SELECTED
  spec->name = register_text (dialog, f, "name_row");
  spec->quantity = quantity_from (jhk_form_dialog_get_object (dialog, "quantity_row"));
  spec->breakdown = register_text (dialog, f, "breakdown_row");
  spec->summary = register_text (dialog, f, "summary_row");
  spec->business_id = choice_get_id (jhk_form_dialog_get_object (dialog, "business_row"));
  spec->handler_staff_id = choice_get_id (jhk_form_dialog_get_object (dialog, "handler_row"));
  spec->purpose = register_text (dialog, f, "purpose_row");
  spec->personal_data = gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (
                                                  dialog, "personal_row"))) &&
                        gtk_switch_get_active (
                          GTK_SWITCH (jhk_form_dialog_get_object (dialog, "personal_switch")));
  spec->printed_manual = gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (
                                                   dialog, "printed_manual_row"))) &&
                         gtk_switch_get_active (
                           GTK_SWITCH (jhk_form_dialog_get_object (dialog,
                                                                   "printed_manual_switch")));
  spec->designated = gtk_switch_get_active (
    GTK_SWITCH (jhk_form_dialog_get_object (dialog, "designated_switch")));
  if (spec->designated)
    spec->designated_by = choice_get_id (jhk_form_dialog_get_object (dialog,
                                                                     "designated_by_row"));
  if (spec->personal_data && g_str_equal (spec->direction, "output") &&
      reason < G_N_ELEMENTS (reasons))
    spec->creation_reason = reasons[reason];
  spec->acquired_on = register_text (dialog, f, "acquired_on_row");
  spec->acquisition_method = acquisition < G_N_ELEMENTS (acquisitions)
                               ? acquisitions[acquisition]
                               : NULL;
  if (acquisition != 1)
    spec->acquisition_text = register_text (dialog, f, "acquisition_text_row");
  spec->measure = measure < G_N_ELEMENTS (measures) ? measures[measure] : NULL;
  if (measure == 0)
    spec->storage_place_id = choice_get_id (jhk_form_dialog_get_object (dialog, "place_row"));
  if (measure == 2)
    spec->measure_text = register_text (dialog, f, "measure_text_row");
  if (measure == 1)
    {
      spec->disposed_on = register_text (dialog, f, "disposed_on_row");
      spec->disposal_method = disposal_choice (jhk_form_dialog_get_object (dialog, "method_row"));
      if (spec->personal_data)
        spec->disposal_witness_id = choice_get_id (jhk_form_dialog_get_object (dialog,
                                                                               "witness_row"));
    }
}

/* The row of the field a refusal is about is marked (and focused when
 * the refusal came from pressing the button). */
static void
register_mark (JhkFormDialog *dialog,
               RegisterData  *d,
               const char    *field,
               gboolean       focus)
{
  static const struct { const char *field; const char *row; } rows[] = {
    { "category", "category_row" }, { "printed_manual", "printed_manual_row" },
    { "personal_data", "personal_row" }, { "designated", "designated_by_row" },
    { "direction", "direction_row" }, { "name", "name_row" }, { "quantity", "quantity_row" },
    { "breakdown", "breakdown_row" }, { "summary", "summary_row" },
    { "business_id", "business_row" }, { "handler_staff_id", "handler_row" },
    { "purpose", "purpose_row" }, { "designated_by", "designated_by_row" },
    { "creation_reason", "reason_row" }, { "acquired_on", "acquired_on_row" },
    { "acquisition_method", "acquisition_row" }, { "acquisition_text", "acquisition_text_row" },
    { "measure", "measure_row" }, { "measure_text", "measure_text_row" },
    { "storage_place_id", "place_row" }, { "disposed_on", "disposed_on_row" },
    { "disposal_method", "method_row" }, { "disposal_witness_id", "witness_row" },
  };

  if (d->error_row != NULL)
    gtk_widget_remove_css_class (d->error_row, "error");
  g_clear_object (&d->error_row);
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (field, rows[i].field))
      {
        d->error_row = g_object_ref (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                             rows[i].row)));
        gtk_widget_add_css_class (d->error_row, "error");
        if (focus)
          gtk_widget_grab_focus (d->error_row);
      }
}

static gboolean
register_check_form (RegisterForm  *f,
                     const char   **field,
                     GError       **error)
{
  if (f->spec.quantity < 0)
    {
      *field = "quantity";
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The quantity must be a whole number."));
      return FALSE;
    }
  return jhk_ledger_check_material (&f->spec, field, error);
}

static gboolean
register_check (JhkFormDialog  *dialog,
                gpointer        user_data,
                GError        **error)
{
  g_auto(RegisterForm) f = { 0 };
  const char *field = NULL;
  gboolean ok;

  register_read (dialog, user_data, &f);
  ok = register_check_form (&f, &field, error);
  /* Marked as the user types only once they have typed the name: an
   * empty form is not an error. */
  register_mark (dialog, user_data, ok || jhk_is_blank (f.spec.name) ? NULL : field, FALSE);
  return ok;
}

static gboolean
register_apply (JhkFormDialog  *dialog,
                gpointer        user_data,
                GError        **error)
{
  RegisterData *d = user_data;
  g_auto(RegisterForm) f = { 0 };
  g_autofree char *message = NULL;
  const char *field = NULL;
  gint64 id = 0;

  register_read (dialog, d, &f);
  if (register_check_form (&f, &field, error))
    id = jhk_ledger_register_material_full (jhk_page_get_db (JHK_PAGE (d->page)),
                                            jhk_page_get_session (JHK_PAGE (d->page)), &f.spec,
                                            &field, error);
  if (id == 0)
    {
      register_mark (dialog, d, field, TRUE);
      return FALSE;
    }
  message = g_strdup_printf (_("“%s” was registered as material %lld."), f.spec.name,
                             (long long) id);
  jhk_ledger_page_material_changed (d->page, id, message);
  return TRUE;
}

static void
register_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (widget);
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  g_autoptr(JhkQueryModel) businesses = NULL;
  g_autoptr(JhkQueryModel) places = NULL;
  g_autofree char *today = jhk_today ();
  gint64 office = current_office (self);
  JhkFormDialog *dialog;
  RegisterData *d;
  const char *const switches[] = { "personal_switch", "designated_switch" };
  const char *const combos[] = { "category_row", "direction_row", "acquisition_row",
                                 "measure_row" };

  if (office <= 0 || !jhk_ledger_may_keep_office (db, jhk_page_get_session (JHK_PAGE (self)),
                                                  office))
    return;
  dialog = jhk_form_dialog_new (_("Register Material"), _("_Register"),
                                "/org/example/Jhk/ui/jhk-material-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  {
    const char *office_name = gtk_string_object_get_string (
      GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (self->office_dropdown)));
    jhk_form_dialog_set_subtitle (dialog, office_name);
  }
  d = g_new0 (RegisterData, 1);
  d->page = g_object_ref (self);
  d->office_id = office;
  g_object_set_data (G_OBJECT (dialog), "jhk-register", d);

  businesses = jhk_lists_businesses (db);
  choices_set (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "business_row")),
               G_LIST_MODEL (businesses), jhk_business_row_label, NULL, NULL,
               keep_approved_business, NULL, 0);
  set_staff_choices (self, jhk_form_dialog_get_object (dialog, "handler_row"), office);
  {
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
    const char *const *categories = jhk_ledger_categories ();

    for (guint i = 0; categories[i] != NULL; i++)
      gtk_string_list_append (labels, jhk_ledger_category_label (categories[i]));
    adw_combo_row_set_model (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "category_row")),
                             G_LIST_MODEL (labels));
  }
  places = jhk_lists_storage_places (db, office);
  choices_set (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "place_row")),
               G_LIST_MODEL (places), place_row_label, NULL, NULL, NULL, NULL, 0);
  set_disposal_choices (jhk_form_dialog_get_object (dialog, "method_row"));
  set_role_choices (self, jhk_form_dialog_get_object (dialog, "witness_row"),
                    JHK_ROLE_INFO_MANAGER, office, NULL);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "acquired_on_row")),
                         today);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "disposed_on_row")),
                         today);
  gtk_editable_set_text (GTK_EDITABLE (jhk_form_dialog_get_object (dialog, "quantity_row")), "1");
  /* 印字出力 is the usual way an output material comes about. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                         "acquisition_row")), 1);

  g_signal_connect_object (jhk_form_dialog_get_object (dialog, "business_row"), "notify::selected",
                           G_CALLBACK (register_business_changed_cb), dialog, 0);
  register_business_changed_cb (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                           "business_row")),
                                NULL, dialog);
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_signal_connect_object (jhk_form_dialog_get_object (dialog, switches[i]), "notify::active",
                             G_CALLBACK (register_update_rows), dialog, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_object (jhk_form_dialog_get_object (dialog, combos[i]), "notify::selected",
                             G_CALLBACK (register_update_rows), dialog, G_CONNECT_SWAPPED);
  register_update_rows (dialog);

  jhk_form_dialog_set_apply_func (dialog, register_apply, d, register_data_free);
  jhk_form_dialog_set_check_func (dialog, register_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JHK_LEDGER_PAGE (widget)->search_entry));
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->direction_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->business_dropdown, 0);
  gtk_drop_down_set_selected (self->personal_dropdown, 0);
  gtk_drop_down_set_selected (self->designated_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  self->unconfirmed = FALSE;
  g_clear_pointer (&self->attention_ids, g_array_unref);
  self->filling = FALSE;
  apply_filter (self);
}

/* From the dashboard: the materials an item of jhk_attention_ledger()
 * is about. */
static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);

  clear_filters_activated (widget, NULL, NULL);
  if (g_str_equal (key, "ledger.unconfirmed"))
    self->unconfirmed = TRUE;
  else if ((self->attention_ids = jhk_attention_material_ids (jhk_page_get_db (JHK_PAGE (self)),
                                                              jhk_page_get_session (
                                                                JHK_PAGE (self)),
                                                              key)) != NULL)
    ;
  else if (g_str_equal (key, "ledger.expired"))
    {
      self->filling = TRUE;
      gtk_drop_down_set_selected (self->status_dropdown, 4);
      self->filling = FALSE;
    }
  else if (g_str_equal (key, "ledger.lent"))
    {
      /* Lent out, the longest lent first. */
      self->filling = TRUE;
      gtk_drop_down_set_selected (self->status_dropdown, 2);
      self->filling = FALSE;
      gtk_column_view_sort_by_column (self->column_view, self->sort_columns[2],
                                      GTK_SORT_ASCENDING);
    }
  apply_filter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* The offices the session keeps a ledger of; every office for those who
 * read them all (R15-1 for the 総括責任者 and the システム管理者). */
static void
fill_offices (JhkLedgerPage *self)
{
  JhkDb *db = jhk_page_get_db (JHK_PAGE (self));
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));
  gboolean reads_all = jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ||
                       jhk_session_has_role (session, JHK_ROLE_SYSADMIN);
  g_autoptr(JhkQueryModel) offices = jhk_lists_org_units (db);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint first_kept = G_MAXUINT;
  guint selected;
  guint n;

  self->office_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  if (reads_all)
    {
      gint64 all = 0;

      gtk_string_list_append (labels, _("All Offices"));
      g_array_append_val (self->office_ids, all);
    }
  jhk_lists_org_units_filter (offices, "office");
  n = g_list_model_get_n_items (G_LIST_MODEL (offices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) office = g_list_model_get_item (G_LIST_MODEL (offices), i);
      gint64 id = jhk_row_get_id (office);
      gboolean keeps = jhk_ledger_may_keep_office (db, session, id);

      if (!keeps && !reads_all)
        continue;
      if (keeps && first_kept == G_MAXUINT)
        first_kept = self->office_ids->len;
      gtk_string_list_append (labels, jhk_row_get_by_name (office, "name"));
      g_array_append_val (self->office_ids, id);
    }
  /* The office the user keeps; for one who keeps none, the first office:
   * every office's list reads every material (0.7 s at a million), one
   * office's takes milliseconds. */
  if (first_kept != G_MAXUINT)
    selected = first_kept;
  else
    selected = reads_all && self->office_ids->len > 1 ? 1 : 0;
  self->filling = TRUE;
  gtk_drop_down_set_model (self->office_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->office_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->office_dropdown), self->office_ids->len > 1);
  self->filling = FALSE;
}

static void
fill_businesses (JhkLedgerPage *self)
{
  g_autoptr(JhkQueryModel) businesses = jhk_lists_businesses (jhk_page_get_db (JHK_PAGE (self)));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (businesses));
  gint64 any = 0;

  self->business_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (labels, _("All Businesses"));
  g_array_append_val (self->business_ids, any);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);
      g_autofree char *label = jhk_business_row_label (row);
      gint64 id = jhk_row_get_id (row);

      gtk_string_list_append (labels, label);
      g_array_append_val (self->business_ids, id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->business_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->business_dropdown, 0);
  self->filling = FALSE;
}

gboolean
jhk_ledger_page_select_material (JhkLedgerPage *self,
                                 gint64         material_id)
{
  guint position;

  g_return_val_if_fail (JHK_IS_LEDGER_PAGE (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  position = jhk_query_model_find (self->model, material_id);
  if (position == G_MAXUINT)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  /* Selecting the row already selected re-reads it all the same. */
  selection_changed_cb (self);
  return TRUE;
}

/* GObject. */

static void
jhk_ledger_page_constructed (GObject *object)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("In/Out"), NULL, direction_text, 50, FALSE },
    { N_("Material Name"), "name", NULL, 170, TRUE },
    { N_("Business"), "business_code", NULL, 55, FALSE },
    { N_("Held"), "quantity_on_hand", NULL, 45, FALSE },
    { N_("Handler"), "handler_name", NULL, 85, FALSE },
    { N_("Acquired"), "acquired_on", NULL, 95, FALSE },
    { N_("Status"), NULL, status_text, 90, FALSE },
  };
  JhkSession *session = jhk_page_get_session (JHK_PAGE (self));

  G_OBJECT_CLASS (jhk_ledger_page_parent_class)->constructed (object);

  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  fill_businesses (self);
  {
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
    const char *const *categories = jhk_ledger_categories ();

    gtk_string_list_append (labels, _("All Kinds"));
    for (guint i = 0; categories[i] != NULL; i++)
      gtk_string_list_append (labels, jhk_ledger_category_label (categories[i]));
    self->filling = TRUE;
    gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (labels));
    gtk_drop_down_set_selected (self->category_dropdown, 0);
    self->filling = FALSE;
  }
  fill_offices (self);
  set_office (self);
  setup_sorting (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  /* Registering is for those who keep an office's ledger. */
  gtk_widget_set_visible (self->register_button,
                          jhk_session_has_role (session, JHK_ROLE_OPS_MANAGER) ||
                            jhk_session_has_role (session, JHK_ROLE_INFO_LEAD) ||
                            jhk_session_has_role (session, JHK_ROLE_INFO_MANAGER) ||
                            jhk_session_has_role (session, JHK_ROLE_INFO_ASSISTANT));
  show_material (self);
}

static void
jhk_ledger_page_dispose (GObject *object)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_LEDGER_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->material, jhk_ledger_material_free);
  g_clear_pointer (&self->office_ids, g_array_unref);
  g_clear_pointer (&self->business_ids, g_array_unref);
  g_clear_pointer (&self->attention_ids, g_array_unref);

  G_OBJECT_CLASS (jhk_ledger_page_parent_class)->dispose (object);
}

static void
jhk_ledger_page_reload (JhkPage *page)
{
  JhkLedgerPage *self = JHK_LEDGER_PAGE (page);
  gint64 selected = self->material != NULL ? self->material->id : 0;

  apply_filter (self);
  if (selected == 0 || !jhk_ledger_page_select_material (self, selected))
    selection_changed_cb (self);
}

static void
jhk_ledger_page_class_init (JhkLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_ledger_page_reload;

  object_class->constructed = jhk_ledger_page_constructed;
  object_class->dispose = jhk_ledger_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, office_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, business_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, personal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, designated_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkLedgerPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, office_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "ledger.register", NULL, register_activated);
  gtk_widget_class_install_action (widget_class, "ledger.clear-filters", NULL,
                                   clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "page.attention", "s", attention_activated);
  gtk_widget_class_install_action (widget_class, "ledger.form1", NULL, form1_activated);
  gtk_widget_class_install_action (widget_class, "ledger.purge", NULL, purge_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "ledger.register", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "ledger.form1", NULL);
}

static void
jhk_ledger_page_init (JhkLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_ledger_page_new (JhkDb      *db,
                     JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_LEDGER_PAGE, db, session);
}
