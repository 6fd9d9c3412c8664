/* jhk-request-wizard.c: the wizard that files a 作業依頼書 (issue 5,
 * R15-4, 別記様式第2号 RF2).
 *
 * The widgets are the request: collect() reads them into self->request,
 * fill() writes a request into them. Each step is checked by the core's
 * jhk_work_requests_check_step() before the wizard moves on; the member it
 * names is marked and focused. The draft is saved on every step change, on
 * close and a couple of seconds after typing stops. The last step shows
 * the PDF of 様式第2号 that the forms code writes, as Poppler renders it.
 */
#include <glib/gi18n.h>
#include <poppler.h>

#include "jhk-request-wizard.h"
#include "jhk-app-util.h"
#include "jhk-form-preview.h"
#include "jhk-form2-request.h"
#include "jhk-forms.h"
#include "jhk-lists.h"
#include "jhk-policy.h"
#include "jhk-work-requests.h"

#define N_STEPS           5
#define STEP_REVIEW       5
#define AUTOSAVE_SECONDS  2
/* The review's pages, in pixels at scale 1. */
#define REVIEW_PAGE_WIDTH 680

/* One row of 資料等 on step 3. */
typedef struct
{
  GtkWidget *row;
  GtkWidget *number;
  GtkWidget *kind;
  GtkWidget *content;
  GtkWidget *quantity;
  GtkWidget *form;
  GtkWidget *note;
  GtkWidget *personal;
  GtkWidget *up;
  GtkWidget *down;
  GtkWidget *remove;
} ItemRow;

struct _JhkRequestWizard
{
  AdwWindow          parent_instance;

  JhkDb             *db;
  JhkSession        *session;
  JhkWorkRequest    *request;        /* as the widgets were last read */

  int                step;           /* 1 … N_STEPS */
  gboolean           loading;        /* fill() is writing the widgets */
  gboolean           dirty;          /* changed since the last save */
  gboolean           saved_any;
  gboolean           submitted;
  gboolean           finished_sent;
  gboolean           close_failed;   /* a save on close failed once */
  guint              autosave_id;

  GArray            *business_ids;   /* gint64, the dropdown's order */
  GPtrArray         *business_names;
  GArray            *place_ids;      /* gint64, the place row's order */
  GPtrArray         *rows;           /* ItemRow, in order */
  GtkWidget         *step_buttons[N_STEPS];
  GPtrArray         *marked;         /* widgets with the error style, held */

  JhkForm2Request   *form;           /* of the review */
  GBytes            *pdf;
  PopplerDocument   *document;

  /* Template children. */
  AdwWindowTitle    *window_title;
  GtkWidget         *steps_box;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  GtkStack          *stack;
  GtkCheckButton    *sysadmin_check;
  GtkCheckButton    *business_check;
  GtkDropDown       *business_dropdown;
  AdwActionRow      *to_title_row;
  GtkTextView       *summary_view;
  AdwEntryRow       *purpose_row;
  AdwActionRow      *wanted_row;
  GtkEntry          *wanted_date_entry;
  GtkPopover        *calendar_popover;
  GtkCalendar       *calendar;
  GtkSpinButton     *hour_spin;
  GtkSpinButton     *minute_spin;
  GtkLabel          *lead_time_label;
  GtkScrolledWindow *items_scroller;
  GtkListBox        *items_list;
  GtkWidget         *add_row_button;
  GtkWidget         *place_group;
  AdwComboRow       *place_row;
  AdwEntryRow       *to_title_entry;
  AdwEntryRow       *from_title_entry;
  AdwEntryRow       *manager_title_entry;
  AdwEntryRow       *manager_name_entry;
  AdwEntryRow       *contact_name_entry;
  AdwEntryRow       *contact_phone_entry;
  GtkScrolledWindow *review_scroller;
  GtkWidget         *review_pages;
  GtkLabel          *status_label;
  GtkWidget         *print_button;
  GtkWidget         *back_button;
  GtkWidget         *next_button;
  GtkWidget         *submit_button;
};

G_DEFINE_FINAL_TYPE (JhkRequestWizard, jhk_request_wizard, ADW_TYPE_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the msgctxt "wizard step": step_name() translates them. */
static const char *const step_names[N_STEPS] = {
  NC_("wizard step", "Addressee"),
  NC_("wizard step", "Work"),
  NC_("wizard step", "Materials"),
  NC_("wizard step", "Your Office"),
  NC_("wizard step", "Review"),
};

static const char *
step_name (int index)
{
  return g_dpgettext2 (NULL, "wizard step", step_names[index]);
}

static void mark_changed (JhkRequestWizard *self);
static void update_rows  (JhkRequestWizard *self);

static void
set_string (char       **member,
            const char  *value)
{
  char *copy = g_strdup (value != NULL ? value : "");

  g_free (*member);
  *member = copy;
}

static char *
text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

/* The banner and the marked fields. */

static void
show_banner (JhkRequestWizard *self,
             const char       *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
clear_marks (JhkRequestWizard *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->marked, i), "error");
  g_ptr_array_set_size (self->marked, 0);
}

static void
hide_banner (JhkRequestWizard *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  clear_marks (self);
}

/* The widget of a member as jhk_work_requests_check_step() names it, and
 * the step it is on; NULL when unknown. */
static GtkWidget *
field_widget (JhkRequestWizard *self,
              const char       *field,
              int              *out_step)
{
  static const struct
  {
    const char *name;
    int         step;
    gsize       offset;
  } fields[] = {
    { "recipient", 1, G_STRUCT_OFFSET (JhkRequestWizard, sysadmin_check) },
    { "business_id", 1, G_STRUCT_OFFSET (JhkRequestWizard, business_dropdown) },
    { "business", 1, G_STRUCT_OFFSET (JhkRequestWizard, business_dropdown) },
    { "summary", 2, G_STRUCT_OFFSET (JhkRequestWizard, summary_view) },
    { "purpose", 2, G_STRUCT_OFFSET (JhkRequestWizard, purpose_row) },
    { "wanted_at", 2, G_STRUCT_OFFSET (JhkRequestWizard, wanted_date_entry) },
    { "items", 3, G_STRUCT_OFFSET (JhkRequestWizard, add_row_button) },
    { "storage_place_id", 3, G_STRUCT_OFFSET (JhkRequestWizard, place_row) },
    { "storage_place", 3, G_STRUCT_OFFSET (JhkRequestWizard, place_row) },
    { "to_title", 4, G_STRUCT_OFFSET (JhkRequestWizard, to_title_entry) },
    { "from_title", 4, G_STRUCT_OFFSET (JhkRequestWizard, from_title_entry) },
    { "manager_title", 4, G_STRUCT_OFFSET (JhkRequestWizard, manager_title_entry) },
    { "manager_name", 4, G_STRUCT_OFFSET (JhkRequestWizard, manager_name_entry) },
    { "contact_name", 4, G_STRUCT_OFFSET (JhkRequestWizard, contact_name_entry) },
    { "contact_phone", 4, G_STRUCT_OFFSET (JhkRequestWizard, contact_phone_entry) },
  };

  if (field == NULL)
    return NULL;
  if (g_str_has_prefix (field, "items."))
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (field + 6, &end, 10);
      ItemRow *r;

      *out_step = 3;
      if (end == field + 6 || n >= self->rows->len)
        return self->add_row_button;
      r = g_ptr_array_index (self->rows, n);
      if (*end != '.')
        return r->content;
      end++;
      if (g_str_equal (end, "kind"))
        return r->kind;
      if (g_str_equal (end, "quantity"))
        return r->quantity;
      if (g_str_equal (end, "form"))
        return r->form;
      if (g_str_equal (end, "note"))
        return r->note;
      if (g_str_equal (end, "personal_data"))
        return r->personal;
      return r->content;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].name))
      {
        *out_step = fields[i].step;
        return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);
      }
  return NULL;
}

static void
mark_widget (JhkRequestWizard *self,
             GtkWidget        *widget)
{
  GtkWidget *styled = widget;

  /* A text view shows its frame; a check button its row. */
  if (GTK_IS_TEXT_VIEW (widget))
    styled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  else if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_DROP_DOWN (widget))
    styled = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  if (styled == NULL)
    styled = widget;
  gtk_widget_add_css_class (styled, "error");
  g_ptr_array_add (self->marked, g_object_ref (styled));
  gtk_widget_grab_focus (widget);
}

/* Reading and writing the widgets. */

static const char *
selected_recipient (JhkRequestWizard *self)
{
  if (gtk_check_button_get_active (self->sysadmin_check))
    return "sysadmin";
  if (gtk_check_button_get_active (self->business_check))
    return "business";
  return "";
}

static gint64
selected_id (GArray *ids,
             guint   selected)
{
  if (ids == NULL || selected >= ids->len)
    return 0;
  return g_array_index (ids, gint64, selected);
}

static gboolean
needs_place (JhkRequestWizard *self)
{
  const char *const *kinds = jhk_work_request_item_kinds ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      ItemRow *r = g_ptr_array_index (self->rows, i);
      guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->kind));

      if (kind != GTK_INVALID_LIST_POSITION && g_strcmp0 (kinds[kind], "output") == 0 &&
          gtk_check_button_get_active (GTK_CHECK_BUTTON (r->personal)))
        return TRUE;
    }
  return FALSE;
}

static char *
collect_wanted_at (JhkRequestWizard *self)
{
  g_autofree char *date = jhk_editable_dup_text (self->wanted_date_entry);

  if (date[0] == '\0')
    return g_strdup ("");
  return g_strdup_printf ("%s %02d:%02d", date,
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));
}

/* The widgets into self->request. */
static void
collect (JhkRequestWizard *self)
{
  JhkWorkRequest *r = self->request;
  const char *const *kinds = jhk_work_request_item_kinds ();
  guint business = gtk_drop_down_get_selected (self->business_dropdown);
  g_autofree char *summary = text_view_dup_text (self->summary_view);
  g_autofree char *wanted_at = collect_wanted_at (self);
  static const struct
  {
    gsize widget;
    gsize member;
  } entries[] = {
    { G_STRUCT_OFFSET (JhkRequestWizard, purpose_row), G_STRUCT_OFFSET (JhkWorkRequest, purpose) },
    { G_STRUCT_OFFSET (JhkRequestWizard, to_title_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, to_title) },
    { G_STRUCT_OFFSET (JhkRequestWizard, from_title_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, from_title) },
    { G_STRUCT_OFFSET (JhkRequestWizard, manager_title_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, manager_title) },
    { G_STRUCT_OFFSET (JhkRequestWizard, manager_name_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, manager_name) },
    { G_STRUCT_OFFSET (JhkRequestWizard, contact_name_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, contact_name) },
    { G_STRUCT_OFFSET (JhkRequestWizard, contact_phone_entry),
      G_STRUCT_OFFSET (JhkWorkRequest, contact_phone) },
  };

  set_string (&r->recipient, selected_recipient (self));
  r->business_id = selected_id (self->business_ids, business);
  set_string (&r->business_name, r->business_id != 0
                                 ? g_ptr_array_index (self->business_names, business) : "");
  set_string (&r->summary, summary);
  set_string (&r->wanted_at, wanted_at);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gpointer editable = G_STRUCT_MEMBER (gpointer, self, entries[i].widget);
      g_autofree char *text = jhk_editable_dup_text (editable);

      set_string (&G_STRUCT_MEMBER (char *, r, entries[i].member), text);
    }
  r->storage_place_id = 0;
  if (needs_place (self))
    r->storage_place_id = selected_id (self->place_ids,
                                       adw_combo_row_get_selected (self->place_row));

  g_ptr_array_set_size (r->items, 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ItemRow *row = g_ptr_array_index (self->rows, i);
      guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->kind));
      g_autofree char *content = jhk_editable_dup_text (row->content);
      g_autofree char *form = jhk_editable_dup_text (row->form);
      g_autofree char *note = jhk_editable_dup_text (row->note);
      int quantity = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row->quantity));
      JhkWorkRequestItem *item;

      item = jhk_work_request_item_new (kind != GTK_INVALID_LIST_POSITION ? kinds[kind] : "",
                                        content, quantity, form, note);
      item->personal_data = g_strcmp0 (item->kind, "output") == 0 &&
                            gtk_check_button_get_active (GTK_CHECK_BUTTON (row->personal));
      g_ptr_array_add (r->items, item);
    }
}

static void
set_editable (gpointer    editable,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static void
select_id (GtkDropDown *dropdown,
           AdwComboRow *combo,
           GArray      *ids,
           gint64       id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      position = i;
  if (dropdown != NULL)
    gtk_drop_down_set_selected (dropdown, position);
  else if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (combo, position);
}

/* The rows of step 3. */

static guint
row_index (JhkRequestWizard *self,
           ItemRow          *r)
{
  guint index = 0;

  g_ptr_array_find (self->rows, r, &index);
  return index;
}

static void
remove_row (JhkRequestWizard *self,
            ItemRow          *r)
{
  guint index = row_index (self, r);

  gtk_list_box_remove (self->items_list, r->row);
  g_ptr_array_remove_index (self->rows, index);
  update_rows (self);
  mark_changed (self);
  /* The focus goes to the row that took its place, or the one before. */
  if (self->rows->len > 0)
    {
      ItemRow *next = g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1));

      gtk_widget_grab_focus (next->content);
    }
  else
    gtk_widget_grab_focus (self->add_row_button);
}

static void
move_row (JhkRequestWizard *self,
          ItemRow          *r,
          int               delta)
{
  guint index = row_index (self, r);
  int to = (int) index + delta;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (to < 0 || to >= (int) self->rows->len)
    return;
  g_object_ref (r->row);
  gtk_list_box_remove (self->items_list, r->row);
  gtk_list_box_insert (self->items_list, r->row, to);
  g_object_unref (r->row);
  g_ptr_array_steal_index (self->rows, index);
  g_ptr_array_insert (self->rows, to, r);
  update_rows (self);
  mark_changed (self);
  /* Keep the focus where it was, or on the button that still works. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, r->row) && gtk_widget_get_sensitive (focus))
    gtk_widget_grab_focus (focus);
  else
    gtk_widget_grab_focus (r->content);
}

static void
row_up_cb (GtkButton *button,
           ItemRow   *r)
{
  move_row (g_object_get_data (G_OBJECT (r->row), "jhk-wizard"), r, -1);
}

static void
row_down_cb (GtkButton *button,
             ItemRow   *r)
{
  move_row (g_object_get_data (G_OBJECT (r->row), "jhk-wizard"), r, 1);
}

static void
row_remove_cb (GtkButton *button,
               ItemRow   *r)
{
  remove_row (g_object_get_data (G_OBJECT (r->row), "jhk-wizard"), r);
}

static gboolean
row_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  ItemRow *r = user_data;
  JhkRequestWizard *self = g_object_get_data (G_OBJECT (r->row), "jhk-wizard");
  int what = g_variant_get_int32 (args);

  if (what == 0)
    remove_row (self, r);
  else
    move_row (self, r, what);
  return TRUE;
}

static void
row_changed_cb (JhkRequestWizard *self)
{
  if (self->loading)
    return;
  update_rows (self);
  mark_changed (self);
}

/* Hours and minutes with two digits. */
static gboolean
two_digits_cb (GtkSpinButton *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Enter in a spin button moves on, as in an entry. */
static void
spin_activates_default (gpointer spin)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (spin));

  if (GTK_IS_TEXT (text))
    gtk_text_set_activates_default (GTK_TEXT (text), TRUE);
}

static GtkWidget *
row_entry (const char *placeholder,
           int         width_chars)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width_chars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  return entry;
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* Ctrl+Up and Ctrl+Down move a row (@what -1, 1); Alt+Delete removes it
 * (0): Ctrl+Delete stays the entries' own, deleting a word. */
static void
add_row_shortcut (GtkEventController *controller,
                  guint               key,
                  int                 what,
                  ItemRow            *r)
{
  GdkModifierType modifiers = what == 0 ? GDK_ALT_MASK : GDK_CONTROL_MASK;

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (key, modifiers),
                                     gtk_callback_action_new (row_shortcut_cb, r, NULL),
                                     "i", what));
}

static ItemRow *
add_row (JhkRequestWizard         *self,
         const JhkWorkRequestItem *item)
{
  const char *const *kinds = jhk_work_request_item_kinds ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  ItemRow *r = g_new0 (ItemRow, 1);
  GtkEventController *shortcuts;
  GtkWidget *grid;
  guint kind = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (labels, jhk_work_request_item_kind_label (kinds[i]));
      if (item != NULL && g_strcmp0 (item->kind, kinds[i]) == 0)
        kind = i;
    }

  r->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (r->row), FALSE);
  gtk_widget_set_focusable (r->row, FALSE);
  g_object_set_data (G_OBJECT (r->row), "jhk-wizard", self);
  g_object_set_data_full (G_OBJECT (r->row), "jhk-item-row", r, g_free);
  gtk_widget_add_css_class (r->row, "jhk-wizard-item");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 8);
  gtk_widget_set_margin_bottom (grid, 8);
  gtk_widget_set_margin_start (grid, 10);
  gtk_widget_set_margin_end (grid, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (r->row), grid);

  r->number = gtk_label_new ("");
  gtk_label_set_width_chars (GTK_LABEL (r->number), 2);
  gtk_widget_add_css_class (r->number, "numeric");
  gtk_widget_add_css_class (r->number, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), r->number, 0, 0, 1, 1);

  r->kind = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  /* The same width in every row, and room for the check below it. */
  gtk_widget_set_size_request (r->kind, 130, -1);
  gtk_widget_set_name (r->kind, "kind");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (r->kind), kind);
  gtk_accessible_update_property (GTK_ACCESSIBLE (r->kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("work request", "Kind"), -1);
  gtk_widget_set_tooltip_text (r->kind, _("Input, output or correction"));
  gtk_grid_attach (GTK_GRID (grid), r->kind, 1, 0, 1, 1);

  r->content = row_entry (_("Content of the material"), 24);
  gtk_widget_set_name (r->content, "content");
  gtk_widget_set_hexpand (r->content, TRUE);
  gtk_grid_attach (GTK_GRID (grid), r->content, 2, 0, 2, 1);

  r->quantity = gtk_spin_button_new_with_range (0, 99999, 1);
  gtk_widget_set_name (r->quantity, "quantity");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (r->quantity), item != NULL ? item->quantity : 1);
  spin_activates_default (r->quantity);
  gtk_editable_set_width_chars (GTK_EDITABLE (r->quantity), 3);
  gtk_widget_set_tooltip_text (r->quantity, _("Quantity"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (r->quantity), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Quantity"), -1);
  gtk_grid_attach (GTK_GRID (grid), r->quantity, 4, 0, 1, 1);

  r->personal = gtk_check_button_new_with_label (_("Personal data"));
  gtk_widget_set_name (r->personal, "personal");
  gtk_widget_set_tooltip_text (r->personal,
                               _("The output holds personal data: it is entered in the ledger"));
  gtk_grid_attach (GTK_GRID (grid), r->personal, 1, 1, 1, 1);

  r->form = row_entry (_("Form (paper, CD-R…)"), 12);
  gtk_widget_set_name (r->form, "form");
  gtk_grid_attach (GTK_GRID (grid), r->form, 2, 1, 1, 1);

  r->note = row_entry (_("Note"), 12);
  gtk_widget_set_name (r->note, "note");
  gtk_widget_set_hexpand (r->note, TRUE);
  gtk_grid_attach (GTK_GRID (grid), r->note, 3, 1, 2, 1);

  r->up = row_button ("go-up-symbolic", _("Move up (Ctrl+Up)"));
  r->down = row_button ("go-down-symbolic", _("Move down (Ctrl+Down)"));
  r->remove = row_button ("user-trash-symbolic", _("Remove the row (Alt+Delete)"));
  gtk_widget_set_name (r->up, "up");
  gtk_widget_set_name (r->down, "down");
  gtk_widget_set_name (r->remove, "remove");
  gtk_grid_attach (GTK_GRID (grid), r->up, 5, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), r->down, 5, 1, 1, 1);
  /* On the second line: Tab reaches it last, after the row's fields. */
  gtk_grid_attach (GTK_GRID (grid), r->remove, 6, 1, 1, 1);
  g_signal_connect (r->up, "clicked", G_CALLBACK (row_up_cb), r);
  g_signal_connect (r->down, "clicked", G_CALLBACK (row_down_cb), r);
  g_signal_connect (r->remove, "clicked", G_CALLBACK (row_remove_cb), r);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_row_shortcut (shortcuts, GDK_KEY_Up, -1, r);
  add_row_shortcut (shortcuts, GDK_KEY_KP_Up, -1, r);
  add_row_shortcut (shortcuts, GDK_KEY_Down, 1, r);
  add_row_shortcut (shortcuts, GDK_KEY_KP_Down, 1, r);
  add_row_shortcut (shortcuts, GDK_KEY_Delete, 0, r);
  add_row_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, r);
  gtk_widget_add_controller (r->row, shortcuts);

  if (item != NULL)
    {
      set_editable (r->content, item->content);
      set_editable (r->form, item->form);
      set_editable (r->note, item->note);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (r->personal), item->personal_data);
    }

  g_signal_connect_swapped (r->kind, "notify::selected", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (r->personal, "notify::active", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (r->content, "changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (r->quantity, "value-changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (r->form, "changed", G_CALLBACK (row_changed_cb), self);
  g_signal_connect_swapped (r->note, "changed", G_CALLBACK (row_changed_cb), self);

  gtk_list_box_append (self->items_list, r->row);
  g_ptr_array_add (self->rows, r);
  update_rows (self);
  return r;
}

/* Numbers, the personal-data checks of output rows, the move buttons and
 * the storage place. */
static void
update_rows (JhkRequestWizard *self)
{
  const char *const *kinds = jhk_work_request_item_kinds ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      ItemRow *r = g_ptr_array_index (self->rows, i);
      guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (r->kind));
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *label = g_strdup_printf (_("Row %u"), i + 1);

      gtk_label_set_text (GTK_LABEL (r->number), number);
      gtk_accessible_update_property (GTK_ACCESSIBLE (r->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_set_visible (r->personal, kind != GTK_INVALID_LIST_POSITION &&
                                           g_strcmp0 (kinds[kind], "output") == 0);
      gtk_widget_set_sensitive (r->up, i > 0);
      gtk_widget_set_sensitive (r->down, i + 1 < self->rows->len);
    }
  gtk_widget_set_visible (self->place_group, needs_place (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.add-row",
                                 self->rows->len < JHK_WORK_REQUEST_MAX_ITEMS);
}

/* The request into the widgets. */
static void
fill (JhkRequestWizard *self)
{
  JhkWorkRequest *r = self->request;

  self->loading = TRUE;
  gtk_check_button_set_active (self->sysadmin_check, g_strcmp0 (r->recipient, "sysadmin") == 0);
  gtk_check_button_set_active (self->business_check, g_strcmp0 (r->recipient, "business") == 0);
  select_id (self->business_dropdown, NULL, self->business_ids, r->business_id);
  adw_action_row_set_subtitle (self->to_title_row, r->to_title != NULL ? r->to_title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view),
                            r->summary != NULL ? r->summary : "", -1);
  set_editable (self->purpose_row, r->purpose);
  if (r->wanted_at != NULL && strlen (r->wanted_at) >= 16)
    {
      g_autofree char *date = g_strndup (r->wanted_at, 10);

      set_editable (self->wanted_date_entry, date);
      gtk_spin_button_set_value (self->hour_spin, g_ascii_strtod (r->wanted_at + 11, NULL));
      gtk_spin_button_set_value (self->minute_spin, g_ascii_strtod (r->wanted_at + 14, NULL));
    }
  else
    set_editable (self->wanted_date_entry, r->wanted_at);
  set_editable (self->to_title_entry, r->to_title);
  set_editable (self->from_title_entry, r->from_title);
  set_editable (self->manager_title_entry, r->manager_title);
  set_editable (self->manager_name_entry, r->manager_name);
  set_editable (self->contact_name_entry, r->contact_name);
  set_editable (self->contact_phone_entry, r->contact_phone);
  select_id (NULL, self->place_row, self->place_ids, r->storage_place_id);
  for (guint i = 0; r->items != NULL && i < r->items->len; i++)
    add_row (self, g_ptr_array_index (r->items, i));
  if (self->rows->len == 0)
    add_row (self, NULL);
  self->loading = FALSE;
  update_rows (self);
}

/* Saving. */

static void
update_title (JhkRequestWizard *self)
{
  g_autofree char *subtitle = NULL;

  if (self->request->id != 0)
    subtitle = g_strdup_printf (_("Step %d of %d: %s — draft no. %lld"),
                                self->step, N_STEPS, step_name (self->step - 1),
                                (long long) self->request->id);
  else
    subtitle = g_strdup_printf (_("Step %d of %d: %s"), self->step, N_STEPS,
                                step_name (self->step - 1));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Saves the draft as the widgets hold it. */
static gboolean
save (JhkRequestWizard  *self,
      GError           **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autofree char *status = NULL;
  gint64 id;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  collect (self);
  id = jhk_work_requests_save_draft (self->db, self->session, self->request, error);
  if (id == 0)
    return FALSE;
  self->request->id = id;
  self->dirty = FALSE;
  self->saved_any = TRUE;
  now = g_date_time_new_now_local ();
  time = g_date_time_format (now, "%H:%M");
  status = g_strdup_printf (_("Draft saved at %s"), time);
  gtk_label_set_text (self->status_label, status);
  update_title (self);
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  JhkRequestWizard *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (self->dirty && !self->submitted && !save (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"),
                                                  error->message);

      gtk_label_set_text (self->status_label, message);
    }
  return G_SOURCE_REMOVE;
}

static void
mark_changed (JhkRequestWizard *self)
{
  if (self->loading || self->submitted)
    return;
  /* The last refusal is about what was there before. */
  hide_banner (self);
  self->dirty = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_cb, self);
}

/* Step 1: the recipient's head and the lead time of step 2. */

static void
update_lead_time (JhkRequestWizard *self)
{
  g_autofree char *warning = NULL;

  collect (self);
  if (self->request->wanted_at[0] != '\0' && self->request->recipient[0] != '\0')
    warning = jhk_work_requests_lead_time_warning (self->db, self->request);
  gtk_label_set_text (self->lead_time_label, warning != NULL ? warning : "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->lead_time_label)),
                          warning != NULL);
}

static void
recipient_changed_cb (JhkRequestWizard *self)
{
  g_autofree char *title = NULL;
  const char *recipient;
  gint64 business;

  if (self->loading)
    return;
  recipient = selected_recipient (self);
  business = selected_id (self->business_ids, gtk_drop_down_get_selected (self->business_dropdown));
  if (recipient[0] != '\0')
    title = jhk_work_requests_recipient_title (self->db, recipient, business);
  if (title != NULL)
    {
      set_editable (self->to_title_entry, title);
      adw_action_row_set_subtitle (self->to_title_row, title);
    }
  else
    adw_action_row_set_subtitle (self->to_title_row, "");
  mark_changed (self);
}

static void
wanted_changed_cb (JhkRequestWizard *self)
{
  if (self->loading)
    return;
  update_lead_time (self);
  mark_changed (self);
}

static void
calendar_shown_cb (JhkRequestWizard *self)
{
  g_autofree char *text = jhk_editable_dup_text (self->wanted_date_entry);
  gint64 us;

  if (jhk_parse_date (text, &us))
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);

      gtk_calendar_select_day (self->calendar, date);
    }
}

static void
calendar_day_cb (JhkRequestWizard *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  set_editable (self->wanted_date_entry, text);
  gtk_popover_popdown (self->calendar_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->hour_spin));
}

/* The review. */

static void
draw_form_cb (cairo_t  *cr,
              guint     page,
              gpointer  user_data)
{
  jhk_form2_draw (jhk_form2_request_get_form (user_data), cr, page);
}

static char *
form_title (JhkRequestWizard *self)
{
  if (self->request->id != 0)
    return g_strdup_printf (_("Work Request no. %lld"), (long long) self->request->id);
  return g_strdup (_("Work Request"));
}

static void
show_review (JhkRequestWizard *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = form_title (self);
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  int width = REVIEW_PAGE_WIDTH;
  int height = (int) (REVIEW_PAGE_WIDTH * JHK_FORMS_A4_HEIGHT / JHK_FORMS_A4_WIDTH + 0.5);
  GtkWidget *child;
  guint n_pages;

  collect (self);
  while ((child = gtk_widget_get_first_child (self->review_pages)) != NULL)
    gtk_box_remove (GTK_BOX (self->review_pages), child);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->form, jhk_form2_request_free);

  self->form = jhk_form2_request_new (self->request);
  n_pages = jhk_form2_n_pages (jhk_form2_request_get_form (self->form));
  self->pdf = jhk_form_write_pdf (title, n_pages, draw_form_cb, self->form, &error);
  if (self->pdf != NULL)
    self->document = poppler_document_new_from_bytes (self->pdf, NULL, &error);
  if (self->document == NULL)
    {
      show_banner (self, error->message);
      return;
    }
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GdkTexture) texture = jhk_form_render_page (self->document, i,
                                                           width * scale, height * scale);
      g_autofree char *alt = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
      gtk_widget_set_size_request (picture, width, height);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "jhk-wizard-page");
      gtk_box_append (GTK_BOX (self->review_pages), picture);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->review_scroller), 0);
}

/* Moving between steps. */

static void
update_steps (JhkRequestWizard *self)
{
  for (int i = 0; i < N_STEPS; i++)
    {
      GtkWidget *button = self->step_buttons[i];
      GtkWidget *number = g_object_get_data (G_OBJECT (button), "jhk-number");
      g_autofree char *text = g_strdup_printf ("%d", i + 1);
      g_autofree char *label = NULL;

      gtk_widget_remove_css_class (button, "current");
      gtk_widget_remove_css_class (button, "done");
      if (i + 1 == self->step)
        {
          gtk_widget_add_css_class (button, "current");
          label = g_strdup_printf (_("Step %d, %s: current"), i + 1, step_name (i));
        }
      else if (i + 1 < self->step)
        {
          gtk_widget_add_css_class (button, "done");
          g_free (text);
          text = g_strdup ("✓");
          label = g_strdup_printf (_("Step %d, %s: done"), i + 1, step_name (i));
        }
      else
        label = g_strdup_printf (_("Step %d, %s"), i + 1, step_name (i));
      gtk_label_set_text (GTK_LABEL (number), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
}

static GtkWidget *
first_field (JhkRequestWizard *self,
             int               step)
{
  switch (step)
    {
    case 1:
      return gtk_check_button_get_active (self->business_check)
             ? GTK_WIDGET (self->business_check) : GTK_WIDGET (self->sysadmin_check);
    case 2:
      return GTK_WIDGET (self->summary_view);
    case 3:
      return self->rows->len > 0 ? ((ItemRow *) g_ptr_array_index (self->rows, 0))->content
                                 : self->add_row_button;
    case 4:
      return GTK_WIDGET (self->to_title_entry);
    default:
      return GTK_WIDGET (self->review_scroller);
    }
}

static void
show_step (JhkRequestWizard *self,
           int               step)
{
  static const char *const pages[N_STEPS] = { "recipient", "work", "items", "office", "review" };

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, pages[step - 1]);
  update_steps (self);
  update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", step > 1);
  gtk_widget_set_visible (self->next_button, step < STEP_REVIEW);
  gtk_widget_set_visible (self->submit_button, step == STEP_REVIEW);
  gtk_widget_set_visible (self->print_button, step == STEP_REVIEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.print", step == STEP_REVIEW);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.submit", step == STEP_REVIEW);
  /* Enter moves on; on the review it does nothing: submitting is a choice. */
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 step < STEP_REVIEW ? self->next_button : NULL);
  if (step == 2)
    update_lead_time (self);
  if (step == STEP_REVIEW)
    show_review (self);
  gtk_widget_grab_focus (first_field (self, step));
}

/* Checks @step; on a refusal shows it, marks and focuses the field on its
 * own step. */
static gboolean
check_step (JhkRequestWizard *self,
            int               step)
{
  g_autoptr(GError) error = NULL;
  const char *field = NULL;
  GtkWidget *widget;
  int field_step = step;

  clear_marks (self);
  collect (self);
  if (jhk_work_requests_check_step (self->request, step, &field, &error))
    {
      const char *refused;

      /* 宛先: a business a request can be addressed to now (a draft's may
       * have lost its manager since), as the submission will check. */
      if ((step != 0 && step != 1) ||
          (refused = jhk_work_requests_business_refusal (self->db,
                                                         self->request->business_id)) == NULL)
        return TRUE;
      g_set_error_literal (&error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID, refused);
      field = "business_id";
      field_step = 1;
    }
  widget = field_widget (self, field, &field_step);
  if (field_step != self->step && field_step >= 1 && field_step < STEP_REVIEW)
    show_step (self, field_step);
  else if (widget == NULL && step >= 1 && step != self->step)
    show_step (self, step);
  show_banner (self, error->message);
  if (widget != NULL)
    mark_widget (self, widget);
  return FALSE;
}

/* Moves to @step, checking each step before it on the way forward; the
 * draft is saved (a draft may be incomplete, so also when going back). */
static gboolean
go_to_step (JhkRequestWizard *self,
            int               step)
{
  g_autoptr(GError) error = NULL;

  step = CLAMP (step, 1, N_STEPS);
  if (step == self->step)
    return TRUE;
  for (int s = self->step; s < step; s++)
    if (!check_step (self, s))
      return FALSE;
  if (!self->submitted && (self->dirty || self->request->id == 0) && !save (self, &error))
    {
      show_banner (self, error->message);
      return FALSE;
    }
  hide_banner (self);
  show_step (self, step);
  return TRUE;
}

static void
next_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (widget);

  go_to_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (widget);

  if (self->step > 1)
    go_to_step (self, self->step - 1);
}

static void
step_clicked_cb (GtkButton        *button,
                 JhkRequestWizard *self)
{
  go_to_step (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jhk-step")));
}

static void
add_row_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (widget);
  ItemRow *r;

  if (self->step != 3 || self->rows->len >= JHK_WORK_REQUEST_MAX_ITEMS)
    return;
  r = add_row (self, NULL);
  mark_changed (self);
  gtk_widget_grab_focus (r->kind);
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (widget);
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  JhkForm2Request *form;
  JhkFormPreview *preview;

  collect (self);
  title = form_title (self);
  file_name = self->request->id != 0
              ? g_strdup_printf (_("work-request-%lld.pdf"), (long long) self->request->id)
              : g_strdup (_("work-request.pdf"));
  form = jhk_form2_request_new (self->request);
  preview = jhk_form_preview_new (title, file_name,
                                  jhk_form2_n_pages (jhk_form2_request_get_form (form)),
                                  draw_form_cb, form, (GDestroyNotify) jhk_form2_request_free);
  jhk_form_preview_present (preview, widget);
}

static void
submit_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (widget);
  g_autoptr(GError) error = NULL;

  if (self->submitted || !check_step (self, 0))
    return;
  if ((self->dirty || self->request->id == 0) && !save (self, &error))
    {
      show_banner (self, error->message);
      return;
    }
  if (!jhk_work_requests_submit (self->db, self->session, self->request->id, &error))
    {
      /* The wizard stays open: the draft is kept, the refusal shown. */
      show_banner (self, error->message);
      return;
    }
  self->submitted = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing. */

static gboolean
close_request_cb (GtkWindow *window)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (window);
  g_autoptr(GError) error = NULL;

  if (!self->submitted && self->dirty && !save (self, &error))
    {
      /* Once: the user sees why, and closing again lets it go. */
      if (!self->close_failed)
        {
          g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"),
                                                      error->message);

          self->close_failed = TRUE;
          show_banner (self, message);
          return TRUE;
        }
    }
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if ((self->saved_any || self->submitted) && !self->finished_sent)
    {
      self->finished_sent = TRUE;
      g_signal_emit (self, signals[FINISHED], 0, self->request->id, self->submitted);
    }
  return FALSE;
}

/* The widget. */

static void
jhk_request_wizard_dispose (GObject *object)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (object);

  /* Destroyed without closing (the window's lock closes its dialogs,
   * R13-9): what was typed was saved a moment after, as ever. */
  if ((self->saved_any || self->submitted) && !self->finished_sent)
    {
      self->finished_sent = TRUE;
      g_signal_emit (self, signals[FINISHED], 0, self->request->id, self->submitted);
    }
  /* What the widgets say as they go is no change of the request. */
  self->loading = TRUE;
  self->submitted = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_REQUEST_WIZARD);
  G_OBJECT_CLASS (jhk_request_wizard_parent_class)->dispose (object);
}

static void
jhk_request_wizard_finalize (GObject *object)
{
  JhkRequestWizard *self = JHK_REQUEST_WIZARD (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->form, jhk_form2_request_free);
  g_clear_pointer (&self->request, jhk_work_request_free);
  g_clear_pointer (&self->business_ids, g_array_unref);
  g_clear_pointer (&self->business_names, g_ptr_array_unref);
  g_clear_pointer (&self->place_ids, g_array_unref);
  /* The rows own their ItemRow (object data). */
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (jhk_request_wizard_parent_class)->finalize (object);
}

static void
jhk_request_wizard_class_init (JhkRequestWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jhk_request_wizard_dispose;
  object_class->finalize = jhk_request_wizard_finalize;
  window_class->close_request = close_request_cb;

  /* ::finished (request_id, submitted): the window closes after the
   * request was saved at least once. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-request-wizard.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JhkRequestWizard, name)
  BIND (window_title);
  BIND (steps_box);
  BIND (banner_revealer);
  BIND (banner_label);
  BIND (stack);
  BIND (sysadmin_check);
  BIND (business_check);
  BIND (business_dropdown);
  BIND (to_title_row);
  BIND (summary_view);
  BIND (purpose_row);
  BIND (wanted_row);
  BIND (wanted_date_entry);
  BIND (calendar_popover);
  BIND (calendar);
  BIND (hour_spin);
  BIND (minute_spin);
  BIND (lead_time_label);
  BIND (items_scroller);
  BIND (items_list);
  BIND (add_row_button);
  BIND (place_group);
  BIND (place_row);
  BIND (to_title_entry);
  BIND (from_title_entry);
  BIND (manager_title_entry);
  BIND (manager_name_entry);
  BIND (contact_name_entry);
  BIND (contact_phone_entry);
  BIND (review_scroller);
  BIND (review_pages);
  BIND (status_label);
  BIND (print_button);
  BIND (back_button);
  BIND (next_button);
  BIND (submit_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "wizard.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "wizard.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "wizard.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "wizard.print", NULL);
}

static void
build_steps (JhkRequestWizard *self)
{
  for (int i = 0; i < N_STEPS; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *number = gtk_label_new ("");
      GtkWidget *name = gtk_label_new (step_name (i));

      if (i > 0)
        {
          GtkWidget *line = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

          gtk_widget_set_size_request (line, 24, -1);
          gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
          gtk_box_append (GTK_BOX (self->steps_box), line);
        }
      gtk_widget_add_css_class (number, "jhk-wizard-step-number");
      gtk_widget_add_css_class (name, "jhk-wizard-step-name");
      gtk_box_append (GTK_BOX (box), number);
      gtk_box_append (GTK_BOX (box), name);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "jhk-wizard-step");
      /* Back and Next are the keyboard's way; the indicator is for the eye
       * and the pointer. */
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "jhk-number", number);
      g_object_set_data (G_OBJECT (button), "jhk-step", GINT_TO_POINTER (i + 1));
      g_signal_connect (button, "clicked", G_CALLBACK (step_clicked_cb), self);
      gtk_box_append (GTK_BOX (self->steps_box), button);
      self->step_buttons[i] = button;
    }
}

static void
ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done)
    return;
  done = TRUE;
  /* The step indicator: a numbered disc per step, the current one in the
   * accent colour, the done ones ticked; the review's grey desk and paper
   * as in the form preview; the banner and the lead-time warning. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
    ".jhk-wizard-step-number { min-width: 22px; min-height: 22px; border-radius: 11px;"
    " padding: 0 2px; background-color: alpha(currentColor, 0.12); font-weight: bold; }\n"
    ".jhk-wizard-step.current .jhk-wizard-step-number { background-color: @accent_bg_color;"
    " color: @accent_fg_color; }\n"
    ".jhk-wizard-step.current .jhk-wizard-step-name { font-weight: bold; }\n"
    ".jhk-wizard-step.done .jhk-wizard-step-number { background-color: @success_bg_color;"
    " color: @success_fg_color; }\n"
    ".jhk-wizard-step:not(.current):not(.done) { opacity: 0.7; }\n"
    ".jhk-wizard-banner { background-color: @error_bg_color; color: @error_fg_color;"
    " border-radius: 6px; padding: 8px 12px; }\n"
    ".jhk-wizard-warning { background-color: alpha(@warning_color, 0.15);"
    " border-radius: 6px; padding: 8px 12px; }\n"
    ".jhk-wizard-warning image { color: @warning_color; }\n"
    ".jhk-wizard-desk { background-color: #5e5c64; }\n"
    ".jhk-wizard-page { background-color: white;"
    " box-shadow: 0 2px 10px 1px alpha(black, 0.6); }\n"
    "scrolledwindow.jhk-wizard-text.error { outline: 2px solid @error_color;"
    " outline-offset: -2px; }\n"
    "row.error { background-color: alpha(@error_color, 0.12); }\n",
    -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
jhk_request_wizard_init (JhkRequestWizard *self)
{
  GtkExpression *expression;

  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->step = 1;
  self->rows = g_ptr_array_new ();
  self->marked = g_ptr_array_new_with_free_func (g_object_unref);
  self->business_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->business_names = g_ptr_array_new_with_free_func (g_free);
  self->place_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  build_steps (self);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->business_dropdown, expression);
  gtk_expression_unref (expression);

  {
    AdwEntryRow *rows[] = { self->purpose_row, self->to_title_entry, self->from_title_entry,
                            self->manager_title_entry, self->manager_name_entry,
                            self->contact_name_entry, self->contact_phone_entry };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        adw_entry_row_set_activates_default (rows[i], TRUE);
        g_signal_connect_swapped (rows[i], "changed", G_CALLBACK (mark_changed), self);
      }
  }
  spin_activates_default (self->hour_spin);
  spin_activates_default (self->minute_spin);
  g_signal_connect (self->hour_spin, "output", G_CALLBACK (two_digits_cb), NULL);
  g_signal_connect (self->minute_spin, "output", G_CALLBACK (two_digits_cb), NULL);
  g_signal_connect_swapped (self->sysadmin_check, "notify::active",
                            G_CALLBACK (recipient_changed_cb), self);
  g_signal_connect_swapped (self->business_check, "notify::active",
                            G_CALLBACK (recipient_changed_cb), self);
  g_signal_connect_swapped (self->business_dropdown, "notify::selected",
                            G_CALLBACK (recipient_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (mark_changed), self);
  g_signal_connect_swapped (self->wanted_date_entry, "changed",
                            G_CALLBACK (wanted_changed_cb), self);
  g_signal_connect_swapped (self->hour_spin, "value-changed",
                            G_CALLBACK (wanted_changed_cb), self);
  g_signal_connect_swapped (self->minute_spin, "value-changed",
                            G_CALLBACK (wanted_changed_cb), self);
  g_signal_connect_swapped (self->place_row, "notify::selected",
                            G_CALLBACK (mark_changed), self);
  g_signal_connect_swapped (self->wanted_row, "activated",
                            G_CALLBACK (gtk_widget_grab_focus), self->wanted_date_entry);
  g_signal_connect_swapped (self->calendar_popover, "show",
                            G_CALLBACK (calendar_shown_cb), self);
  g_signal_connect_swapped (self->calendar, "day-selected",
                            G_CALLBACK (calendar_day_cb), self);
}

/* The businesses a request can be addressed to (approved, with a manager
 * today: the rule submit applies) into the dropdown, the office's locked
 * storage places into the place row. */
static void
load_choices (JhkRequestWizard *self)
{
  g_autoptr(JhkQueryModel) businesses = jhk_work_requests_addressable_businesses (self->db);
  g_autoptr(JhkQueryModel) places = jhk_lists_storage_places (self->db, self->request->office_id);
  g_autoptr(GtkStringList) business_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) place_labels = gtk_string_list_new (NULL);
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (businesses));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);
      g_autofree char *label = jhk_business_row_label (row);
      gint64 id = jhk_row_get_id (row);

      gtk_string_list_append (business_labels, label);
      g_array_append_val (self->business_ids, id);
      g_ptr_array_add (self->business_names, g_strdup (jhk_row_get_by_name (row, "name")));
    }
  gtk_drop_down_set_model (self->business_dropdown, G_LIST_MODEL (business_labels));
  gtk_drop_down_set_selected (self->business_dropdown, GTK_INVALID_LIST_POSITION);

  n = g_list_model_get_n_items (G_LIST_MODEL (places));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (places), i);
      gint64 id = jhk_row_get_id (row);

      /* R15-5: output holding personal data is locked away. */
      if (jhk_row_int64 (row, "locked") == 0)
        continue;
      gtk_string_list_append (place_labels, jhk_row_get_by_name (row, "name"));
      g_array_append_val (self->place_ids, id);
    }
  adw_combo_row_set_model (self->place_row, G_LIST_MODEL (place_labels));
  if (self->place_ids->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->place_row),
                                 _("The office has no locked storage place in its register"));
}

JhkRequestWizard *
jhk_request_wizard_new (GtkWidget   *parent,
                        JhkDb       *db,
                        JhkSession  *session,
                        gint64       draft_id,
                        GError     **error)
{
  g_autoptr(JhkWorkRequest) request = NULL;
  JhkRequestWizard *self;
  GtkRoot *root;

  g_return_val_if_fail (parent == NULL || GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (draft_id == 0)
    request = jhk_work_requests_new_draft (db, session, error);
  else
    {
      const char *why;

      request = jhk_work_requests_get (db, session, draft_id, error);
      if (request == NULL)
        return NULL;
      why = jhk_work_requests_refusal (db, session, request, JHK_WORK_REQUEST_EDIT);
      if (why != NULL)
        {
          g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED, why);
          return NULL;
        }
    }
  if (request == NULL)
    return NULL;
  if (request->items == NULL)
    request->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_work_request_item_free);

  self = g_object_new (JHK_TYPE_REQUEST_WIZARD, NULL);
  self->db = g_object_ref (db);
  self->session = g_object_ref (session);
  self->request = g_steal_pointer (&request);
  /* Setting the choices' models is no change of the request either. */
  self->loading = TRUE;
  load_choices (self);
  fill (self);
  if (self->request->id != 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Work Request Draft"));
      adw_window_title_set_title (self->window_title, _("Work Request Draft"));
      gtk_label_set_text (self->status_label, _("Draft resumed"));
    }
  show_step (self, 1);

  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  /* jhk_present_dialog() shows it and counts typing into it against the
   * idle lock (R13-9). */
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  return self;
}

gint64
jhk_request_wizard_get_request_id (JhkRequestWizard *self)
{
  g_return_val_if_fail (JHK_IS_REQUEST_WIZARD (self), 0);
  return self->request->id;
}
