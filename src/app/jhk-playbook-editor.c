/* jhk-playbook-editor.c: the editor of a response playbook (R19-1). */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-lists.h"
#include "jhk-playbook-editor.h"
#include "jhk-roles.h"

#define OBJ(dialog, id) jhk_form_dialog_get_object ((dialog), (id))

typedef struct
{
  JhkFormDialog        *dialog;       /* not held: the dialog holds this */
  JhkDb                *db;
  JhkSession           *session;
  JhkPlaybook          *playbook;     /* the working copy */
  GPtrArray            *shared;       /* JhkSharedStep, by code */
  GArray               *business_ids; /* gint64, in the order of the check rows */
  GPtrArray            *business_checks;
  GPtrArray            *business_codes; /* char *, as the check rows */
  GtkWidget            *error_widget; /* the field marked in error */
  JhkPlaybookSavedFunc  saved;
  GObject              *user_data;
  gboolean              building;     /* rows being made: no updates */
} Editor;

static void rebuild_steps (Editor *ed);
static void rebuild_contacts (Editor *ed);

static void
editor_free (gpointer data)
{
  Editor *ed = data;

  g_clear_object (&ed->db);
  g_clear_object (&ed->session);
  g_clear_pointer (&ed->playbook, jhk_playbook_free);
  g_clear_pointer (&ed->shared, g_ptr_array_unref);
  g_clear_pointer (&ed->business_ids, g_array_unref);
  g_clear_pointer (&ed->business_checks, g_ptr_array_unref);
  g_clear_pointer (&ed->business_codes, g_ptr_array_unref);
  g_clear_object (&ed->user_data);
  g_free (ed);
}

static Editor *
editor_of (JhkFormDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "jhk-playbook-editor");
}

/* Tells the dialog the form changed, so that it checks it again: the rows
 * made here are not in its builder. */
static void
touch (Editor *ed)
{
  if (!ed->building)
    g_signal_emit_by_name (OBJ (ed->dialog, "title_row"), "changed");
}

/* Roles: index 0 is anyone, then the roles in their order. */

static guint
role_index (const char *key)
{
  JhkRole role;

  if (key == NULL || *key == '\0')
    return 0;
  role = jhk_role_from_key (key);
  return role == JHK_ROLE_INVALID ? 0 : (guint) role + 1;
}

static const char *
role_key (guint index)
{
  if (index == 0 || index > JHK_N_ROLES)
    return "";
  return jhk_role_to_key ((JhkRole) (index - 1));
}

static GtkStringList *
role_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Anyone"));
  for (int r = 0; r < JHK_N_ROLES; r++)
    gtk_string_list_append (list, jhk_role_get_label ((JhkRole) r));
  return list;
}

/* The index a row's widget stands for. */
static guint
widget_index (gpointer widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "index"));
}

static void
set_field (gpointer    widget,
           const char *prefix,
           guint       index,
           const char *member)
{
  g_autofree char *name = g_strdup_printf ("%s.%u.%s", prefix, index, member);

  gtk_widget_set_name (GTK_WIDGET (widget), name);
  g_object_set_data (G_OBJECT (widget), "index", GUINT_TO_POINTER (index));
}

static void
replace_text (char       **field,
              const char  *text)
{
  g_free (*field);
  *field = g_strdup (text != NULL ? text : "");
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Steps. */

static JhkPlaybookStep *
step_at (Editor *ed,
         guint   index)
{
  if (index >= ed->playbook->steps->len)
    return NULL;
  return g_ptr_array_index (ed->playbook->steps, index);
}

static void
step_text_changed_cb (GtkEditable *entry,
                      Editor      *ed)
{
  JhkPlaybookStep *step = step_at (ed, widget_index (entry));

  if (ed->building || step == NULL)
    return;
  replace_text (&step->text, gtk_editable_get_text (entry));
  touch (ed);
}

static void
step_evidence_changed_cb (GtkEditable *entry,
                          Editor      *ed)
{
  JhkPlaybookStep *step = step_at (ed, widget_index (entry));

  if (ed->building || step == NULL)
    return;
  replace_text (&step->evidence, gtk_editable_get_text (entry));
  touch (ed);
}

static void
step_role_changed_cb (GtkDropDown *dropdown,
                      GParamSpec  *pspec,
                      Editor      *ed)
{
  JhkPlaybookStep *step = step_at (ed, widget_index (dropdown));

  if (ed->building || step == NULL)
    return;
  replace_text (&step->role, role_key (gtk_drop_down_get_selected (dropdown)));
  touch (ed);
}

static void
step_minutes_changed_cb (GtkSpinButton *spin,
                         Editor        *ed)
{
  JhkPlaybookStep *step = step_at (ed, widget_index (spin));

  if (ed->building || step == NULL)
    return;
  step->minutes = gtk_spin_button_get_value_as_int (spin);
  touch (ed);
}

static void
step_confirm_toggled_cb (GtkCheckButton *check,
                         Editor         *ed)
{
  JhkPlaybookStep *step = step_at (ed, widget_index (check));

  if (ed->building || step == NULL)
    return;
  step->needs_confirmation = gtk_check_button_get_active (check);
  touch (ed);
}

/* Focuses the widget named name in the steps or contacts, if there is one. */
static void
focus_named (Editor     *ed,
             const char *list_id,
             const char *name)
{
  GtkWidget *list = GTK_WIDGET (OBJ (ed->dialog, list_id));
  GtkWidget *found = NULL;
  GPtrArray *stack = g_ptr_array_new ();

  g_ptr_array_add (stack, list);
  while (stack->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  if (found != NULL)
    gtk_widget_grab_focus (found);
}

gboolean
jhk_playbook_editor_move_step (JhkFormDialog *dialog,
                               guint          index,
                               int            delta)
{
  Editor *ed = editor_of (dialog);
  GPtrArray *steps;
  gpointer step;
  guint to;

  g_return_val_if_fail (ed != NULL, FALSE);

  steps = ed->playbook->steps;
  if (index >= steps->len || (delta < 0 && index == 0) ||
      (delta > 0 && index + 1 >= steps->len))
    return FALSE;
  to = delta < 0 ? index - 1 : index + 1;
  step = steps->pdata[index];
  steps->pdata[index] = steps->pdata[to];
  steps->pdata[to] = step;
  rebuild_steps (ed);
  {
    g_autofree char *name = g_strdup_printf ("steps.%u.%s", to, delta < 0 ? "up" : "down");
    g_autofree char *text = g_strdup_printf ("steps.%u.text", to);

    /* Keep the focus on the moved step: on its button when it can move on,
     * else on its text. */
    focus_named (ed, "steps_list", text);
    if ((delta < 0 && to > 0) || (delta > 0 && to + 1 < steps->len))
      focus_named (ed, "steps_list", name);
  }
  touch (ed);
  return TRUE;
}

static void
step_up_clicked_cb (GtkButton *button,
                    Editor    *ed)
{
  jhk_playbook_editor_move_step (ed->dialog, widget_index (button), -1);
}

static void
step_down_clicked_cb (GtkButton *button,
                      Editor    *ed)
{
  jhk_playbook_editor_move_step (ed->dialog, widget_index (button), +1);
}

static void
step_remove_clicked_cb (GtkButton *button,
                        Editor    *ed)
{
  guint index = widget_index (button);

  if (index >= ed->playbook->steps->len)
    return;
  g_ptr_array_remove_index (ed->playbook->steps, index);
  rebuild_steps (ed);
  touch (ed);
}

/* Alt+Up / Alt+Down: the step the focus is in. */
static gboolean
move_focused_step (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  Editor *ed = editor_of (JHK_FORM_DIALOG (widget));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));
  GtkWidget *row;
  int delta = g_variant_get_int32 (args);

  if (ed == NULL || focus == NULL)
    return FALSE;
  row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (OBJ (ed->dialog, "steps_list")))
    return FALSE;
  jhk_playbook_editor_move_step (ed->dialog, widget_index (row), delta);
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
step_row (Editor *ed,
          guint   index)
{
  JhkPlaybookStep *step = step_at (ed, index);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *row_name = g_strdup_printf ("steps.%u", index);
  GtkWidget *label = gtk_label_new (number);
  GtkWidget *text = gtk_entry_new ();
  GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up (Alt+Up)"));
  GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down (Alt+Down)"));
  GtkWidget *remove = icon_button ("list-remove-symbolic", _("Remove the Step"));
  g_autoptr(GtkStringList) roles = role_labels ();
  GtkWidget *role = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, 10080, 5);
  GtkWidget *minutes_label = gtk_label_new (_("min"));
  GtkWidget *confirm = gtk_check_button_new_with_mnemonic (_("_Confirmed by a second person"));
  GtkWidget *evidence = gtk_entry_new ();
  g_autofree char *step_label = g_strdup_printf (_("Step %u"), index + 1);

  gtk_widget_set_name (row, row_name);
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 6);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);

  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);

  gtk_editable_set_text (GTK_EDITABLE (text), step->text != NULL ? step->text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (text), _("What to do"));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  step_label, -1);
  set_field (text, "steps", index, "text");
  if (step->shared_step_id != 0)
    {
      /* A shared step's text is the shared step's: it changes there. */
      GtkWidget *badge = gtk_label_new (_("Shared"));

      gtk_editable_set_editable (GTK_EDITABLE (text), FALSE);
      gtk_widget_set_tooltip_text (text, _("A shared step: its text is changed under Shared Steps"));
      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), badge, 2, 0, 1, 1);
    }
  gtk_grid_attach (GTK_GRID (grid), text, 1, 0, 1, 1);

  set_field (up, "steps", index, "up");
  set_field (down, "steps", index, "down");
  set_field (remove, "steps", index, "remove");
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < ed->playbook->steps->len);
  gtk_grid_attach (GTK_GRID (grid), up, 3, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), down, 4, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), remove, 5, 0, 1, 1);

  {
    GtkWidget *second = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_drop_down_set_selected (GTK_DROP_DOWN (role), role_index (step->role));
    gtk_widget_set_tooltip_text (role, _("Who does it"));
    set_field (role, "steps", index, "role");
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (minutes), step->minutes);
    gtk_widget_set_tooltip_text (minutes, _("Expected minutes (0: unknown)"));
    set_field (minutes, "steps", index, "minutes");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (confirm), step->needs_confirmation);
    set_field (confirm, "steps", index, "needs_confirmation");
    gtk_editable_set_text (GTK_EDITABLE (evidence), step->evidence != NULL ? step->evidence : "");
    gtk_entry_set_placeholder_text (GTK_ENTRY (evidence), _("Evidence to attach"));
    gtk_widget_set_hexpand (evidence, TRUE);
    set_field (evidence, "steps", index, "evidence");
    gtk_box_append (GTK_BOX (second), role);
    gtk_box_append (GTK_BOX (second), minutes);
    gtk_box_append (GTK_BOX (second), minutes_label);
    gtk_box_append (GTK_BOX (second), confirm);
    gtk_grid_attach (GTK_GRID (grid), second, 1, 1, 5, 1);
    gtk_grid_attach (GTK_GRID (grid), evidence, 1, 2, 5, 1);
  }

  g_signal_connect (text, "changed", G_CALLBACK (step_text_changed_cb), ed);
  g_signal_connect (evidence, "changed", G_CALLBACK (step_evidence_changed_cb), ed);
  g_signal_connect (role, "notify::selected", G_CALLBACK (step_role_changed_cb), ed);
  g_signal_connect (minutes, "value-changed", G_CALLBACK (step_minutes_changed_cb), ed);
  g_signal_connect (confirm, "toggled", G_CALLBACK (step_confirm_toggled_cb), ed);
  g_signal_connect (up, "clicked", G_CALLBACK (step_up_clicked_cb), ed);
  g_signal_connect (down, "clicked", G_CALLBACK (step_down_clicked_cb), ed);
  g_signal_connect (remove, "clicked", G_CALLBACK (step_remove_clicked_cb), ed);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  return row;
}

static void
rebuild_steps (Editor *ed)
{
  GtkWidget *list = GTK_WIDGET (OBJ (ed->dialog, "steps_list"));

  ed->building = TRUE;
  ed->error_widget = NULL;
  list_box_clear (GTK_LIST_BOX (list));
  for (guint i = 0; i < ed->playbook->steps->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), step_row (ed, i));
  ed->building = FALSE;
}

static void
add_step_clicked_cb (Editor *ed)
{
  g_autofree char *name = NULL;

  g_ptr_array_add (ed->playbook->steps, jhk_playbook_step_new ("", "", 0, FALSE, ""));
  rebuild_steps (ed);
  name = g_strdup_printf ("steps.%u.text", ed->playbook->steps->len - 1);
  focus_named (ed, "steps_list", name);
  touch (ed);
}

static void
insert_shared_clicked_cb (Editor *ed)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (OBJ (ed->dialog,
                                                                   "shared_dropdown")));
  JhkSharedStep *shared;
  JhkPlaybookStep *step;
  g_autofree char *name = NULL;

  if (ed->shared == NULL || selected >= ed->shared->len)
    return;
  shared = g_ptr_array_index (ed->shared, selected);
  step = jhk_playbook_step_new (shared->step->text, shared->step->role, shared->step->minutes,
                                shared->step->needs_confirmation, shared->step->evidence);
  step->shared_step_id = shared->id;
  g_ptr_array_add (ed->playbook->steps, step);
  rebuild_steps (ed);
  name = g_strdup_printf ("steps.%u.text", ed->playbook->steps->len - 1);
  focus_named (ed, "steps_list", name);
  touch (ed);
}

/* Contacts. */

static void
contact_changed_cb (GtkEditable *entry,
                    Editor      *ed)
{
  guint index = widget_index (entry);
  const char *member = g_object_get_data (G_OBJECT (entry), "member");
  JhkPlaybookContact *contact;

  if (ed->building || index >= ed->playbook->contacts->len)
    return;
  contact = g_ptr_array_index (ed->playbook->contacts, index);
  if (g_strcmp0 (member, "role") == 0)
    replace_text (&contact->role, gtk_editable_get_text (entry));
  else if (g_strcmp0 (member, "name") == 0)
    replace_text (&contact->name, gtk_editable_get_text (entry));
  else
    replace_text (&contact->extension, gtk_editable_get_text (entry));
  touch (ed);
}

static void
contact_remove_clicked_cb (GtkButton *button,
                           Editor    *ed)
{
  guint index = widget_index (button);

  if (index >= ed->playbook->contacts->len)
    return;
  g_ptr_array_remove_index (ed->playbook->contacts, index);
  rebuild_contacts (ed);
  touch (ed);
}

static GtkWidget *
contact_entry (Editor     *ed,
               guint       index,
               const char *member,
               const char *text,
               const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder, -1);
  set_field (entry, "contacts", index, member);
  g_object_set_data (G_OBJECT (entry), "member", (gpointer) member);
  g_signal_connect (entry, "changed", G_CALLBACK (contact_changed_cb), ed);
  return entry;
}

static void
rebuild_contacts (Editor *ed)
{
  GtkWidget *list = GTK_WIDGET (OBJ (ed->dialog, "contacts_list"));

  ed->building = TRUE;
  ed->error_widget = NULL;
  list_box_clear (GTK_LIST_BOX (list));
  for (guint i = 0; i < ed->playbook->contacts->len; i++)
    {
      JhkPlaybookContact *contact = g_ptr_array_index (ed->playbook->contacts, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *role = contact_entry (ed, i, "role", contact->role, _("Role or post"));
      GtkWidget *name = contact_entry (ed, i, "name", contact->name, _("Name"));
      GtkWidget *extension = contact_entry (ed, i, "extension", contact->extension,
                                            _("Extension"));
      GtkWidget *remove = icon_button ("list-remove-symbolic", _("Remove the Contact"));

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_hexpand (role, TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (extension), 8);
      set_field (remove, "contacts", i, "remove");
      g_signal_connect (remove, "clicked", G_CALLBACK (contact_remove_clicked_cb), ed);
      gtk_box_append (GTK_BOX (box), role);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), extension);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  ed->building = FALSE;
}

static void
add_contact_clicked_cb (Editor *ed)
{
  g_autofree char *name = NULL;

  g_ptr_array_add (ed->playbook->contacts, jhk_playbook_contact_new ("", "", ""));
  rebuild_contacts (ed);
  name = g_strdup_printf ("contacts.%u.role", ed->playbook->contacts->len - 1);
  focus_named (ed, "contacts_list", name);
  touch (ed);
}

/* Businesses. */

/* The expander's subtitle: the codes chosen. */
static void
show_businesses_chosen (Editor *ed)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < ed->business_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (ed->business_checks, i)))
      {
        if (codes->len > 0)
          g_string_append (codes, ", ");
        g_string_append (codes, g_ptr_array_index (ed->business_codes, i));
      }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (OBJ (ed->dialog, "businesses_row")),
                                 codes->len > 0 ? codes->str : _("None chosen: any business"));
}

static void
business_toggled_cb (GtkCheckButton *check,
                     Editor         *ed)
{
  if (ed->building)
    return;
  g_array_set_size (ed->playbook->business_ids, 0);
  for (guint i = 0; i < ed->business_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (ed->business_checks, i)))
      g_array_append_val (ed->playbook->business_ids,
                          g_array_index (ed->business_ids, gint64, i));
  show_businesses_chosen (ed);
  touch (ed);
}

static gboolean
has_business (const JhkPlaybook *playbook,
              gint64             id)
{
  for (guint i = 0; playbook->business_ids != NULL && i < playbook->business_ids->len; i++)
    if (g_array_index (playbook->business_ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
fill_businesses (Editor *ed)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (OBJ (ed->dialog, "businesses_row"));
  g_autoptr(JhkQueryModel) businesses = jhk_lists_businesses (ed->db);
  guint n = businesses != NULL ? g_list_model_get_n_items (G_LIST_MODEL (businesses)) : 0;

  ed->building = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);
      gint64 id = jhk_row_get_id (row);
      g_autofree char *label = jhk_business_row_label (row);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), has_business (ed->playbook, id));
      g_signal_connect (check, "toggled", G_CALLBACK (business_toggled_cb), ed);
      adw_expander_row_add_row (expander, action_row);
      g_array_append_val (ed->business_ids, id);
      g_ptr_array_add (ed->business_checks, check);
      g_ptr_array_add (ed->business_codes, g_strdup (jhk_row_get_by_name (row, "code")));
    }
  ed->building = FALSE;
  show_businesses_chosen (ed);
}

/* Reading the form, checking and saving. */

static void
read_form (Editor *ed)
{
  JhkFormDialog *dialog = ed->dialog;
  JhkPlaybook *pb = ed->playbook;

  if (pb->id == 0)
    {
      g_free (pb->code);
      pb->code = jhk_editable_dup_text (OBJ (dialog, "code_row"));
    }
  g_free (pb->title);
  pb->title = jhk_editable_dup_text (OBJ (dialog, "title_row"));
  g_free (pb->systems);
  pb->systems = jhk_editable_dup_text (OBJ (dialog, "systems_row"));
  g_free (pb->trigger);
  pb->trigger = jhk_editable_dup_text (OBJ (dialog, "trigger_row"));
  pb->serious_damage = gtk_switch_get_active (GTK_SWITCH (OBJ (dialog, "damage_switch")));
  pb->serious_leak = gtk_switch_get_active (GTK_SWITCH (OBJ (dialog, "leak_switch")));
  pb->serious_stop_minutes =
    gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (OBJ (dialog, "stop_spin")));
  g_free (pb->serious_other);
  pb->serious_other = jhk_editable_dup_text (OBJ (dialog, "other_row"));
  pb->report_hours = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (OBJ (dialog,
                                                                           "report_spin")));
  g_free (pb->change_note);
  pb->change_note = jhk_editable_dup_text (OBJ (dialog, "note_row"));
}

/* The widget of a field jhk_playbook_check names ("steps.3.text"), or of
 * the nearest whole it is part of ("steps.3", "steps"). */
static GtkWidget *
find_field (Editor     *ed,
            const char *field)
{
  GtkWidget *form = GTK_WIDGET (OBJ (ed->dialog, "form"));
  g_autofree char *name = g_strdup (field);

  while (name != NULL && *name != '\0')
    {
      GPtrArray *stack = g_ptr_array_new ();
      GtkWidget *found = NULL;
      char *dot;

      g_ptr_array_add (stack, form);
      while (stack->len > 0 && found == NULL)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

          if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
            found = w;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
               c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
      g_ptr_array_unref (stack);
      if (found != NULL)
        return found;
      dot = strrchr (name, '.');
      if (dot == NULL)
        break;
      *dot = '\0';
    }
  return NULL;
}

static void
mark_field (Editor     *ed,
            const char *field)
{
  GtkWidget *widget = field != NULL ? find_field (ed, field) : NULL;

  if (ed->error_widget != NULL && ed->error_widget != widget)
    gtk_widget_remove_css_class (ed->error_widget, "error");
  ed->error_widget = widget;
  if (widget != NULL)
    gtk_widget_add_css_class (widget, "error");
}

/* "A step needs its text." says which: "Step 3: …". */
static void
prefix_error (const char  *field,
              GError     **error)
{
  guint index;

  if (error == NULL || *error == NULL || field == NULL)
    return;
  if (sscanf (field, "steps.%u.", &index) == 1)
    g_prefix_error (error, _("Step %u: "), index + 1);
  else if (sscanf (field, "contacts.%u.", &index) == 1)
    g_prefix_error (error, _("Contact %u: "), index + 1);
}

static gboolean
editor_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Editor *ed = user_data;
  const char *field = NULL;
  gboolean ok;

  read_form (ed);
  ok = jhk_playbook_check (ed->playbook, &field, error);
  if (ok)
    {
      /* A business manager writes only playbooks of their businesses: said
       * as they choose them, not at Save. */
      const char *why = jhk_playbooks_refusal (ed->db, ed->session, ed->playbook,
                                               ed->playbook->id == 0 ? JHK_PLAYBOOK_CREATE
                                                                     : JHK_PLAYBOOK_EDIT);

      if (why != NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, why);
          field = "businesses";
          ok = FALSE;
        }
    }
  mark_field (ed, ok ? NULL : field);
  if (!ok)
    prefix_error (field, error);
  return ok;
}

static gboolean
editor_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Editor *ed = user_data;
  gint64 version_id;
  g_autofree char *message = NULL;

  if (!editor_check (dialog, ed, error))
    return FALSE;
  version_id = jhk_playbooks_save (ed->db, ed->session, ed->playbook, error);
  if (version_id == 0)
    return FALSE;
  if (ed->playbook->id == 0)
    {
      g_autoptr(JhkPlaybook) saved = jhk_playbooks_get_by_code (ed->db, ed->playbook->code, NULL);

      if (saved != NULL)
        ed->playbook->id = saved->id;
      message = g_strdup_printf (_("The playbook %s was written."), ed->playbook->title);
    }
  else
    message = g_strdup_printf (_("A new version of %s was saved."), ed->playbook->title);
  if (ed->saved != NULL)
    ed->saved (ed->user_data, ed->playbook->id);
  if (ed->user_data != NULL && GTK_IS_WIDGET (ed->user_data))
    jhk_widget_show_toast (GTK_WIDGET (ed->user_data), message);
  return TRUE;
}

const JhkPlaybook *
jhk_playbook_editor_get_playbook (JhkFormDialog *dialog)
{
  Editor *ed = editor_of (dialog);

  g_return_val_if_fail (ed != NULL, NULL);
  read_form (ed);
  return ed->playbook;
}

static void
set_text (JhkFormDialog *dialog,
          const char    *id,
          const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, id)), text != NULL ? text : "");
}

JhkFormDialog *
jhk_playbook_editor_present (GtkWidget           *parent,
                             JhkDb               *db,
                             JhkSession          *session,
                             const JhkPlaybook   *playbook,
                             JhkPlaybookSavedFunc saved,
                             GObject             *user_data)
{
  Editor *ed = g_new0 (Editor, 1);
  JhkFormDialog *dialog;
  JhkPlaybook *pb;
  GtkStringList *shared_list;
  g_autoptr(GError) error = NULL;
  GtkShortcutController *shortcuts;

  if (playbook != NULL)
    dialog = jhk_form_dialog_new (_("Edit Playbook"), _("_Save"),
                                  "/org/example/Jhk/ui/jhk-playbook-editor-form.ui");
  else
    dialog = jhk_form_dialog_new (_("New Playbook"), _("_Save"),
                                  "/org/example/Jhk/ui/jhk-playbook-editor-form.ui");
  ed->dialog = dialog;
  ed->db = g_object_ref (db);
  ed->session = g_object_ref (session);
  ed->saved = saved;
  ed->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;
  ed->playbook = pb = playbook != NULL ? jhk_playbook_copy (playbook) : jhk_playbook_new ();
  if (pb->steps == NULL)
    pb->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_step_free);
  if (pb->contacts == NULL)
    pb->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_playbook_contact_free);
  if (pb->business_ids == NULL)
    pb->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ed->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ed->business_checks = g_ptr_array_new ();
  ed->business_codes = g_ptr_array_new_with_free_func (g_free);
  /* Freed when the dialog is finalised, after its widgets are gone. */
  g_object_set_data_full (G_OBJECT (dialog), "jhk-playbook-editor", ed, editor_free);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, -1);

  if (playbook != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s, saved as version %d"), pb->title,
                                                   pb->version + 1);

      jhk_form_dialog_set_subtitle (dialog, subtitle);
      /* The code is how offices exchange it: it stays. */
      gtk_editable_set_editable (GTK_EDITABLE (OBJ (dialog, "code_row")), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (OBJ (dialog, "code_row")), FALSE);
    }
  set_text (dialog, "code_row", pb->code);
  set_text (dialog, "title_row", pb->title);
  set_text (dialog, "systems_row", pb->systems);
  set_text (dialog, "trigger_row", pb->trigger);
  gtk_switch_set_active (GTK_SWITCH (OBJ (dialog, "damage_switch")), pb->serious_damage);
  gtk_switch_set_active (GTK_SWITCH (OBJ (dialog, "leak_switch")), pb->serious_leak);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (OBJ (dialog, "stop_spin")),
                             pb->serious_stop_minutes);
  set_text (dialog, "other_row", pb->serious_other);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (OBJ (dialog, "report_spin")), pb->report_hours);
  set_text (dialog, "note_row", "");

  fill_businesses (ed);
  if (pb->steps->len == 0)
    g_ptr_array_add (pb->steps, jhk_playbook_step_new ("", "", 0, FALSE, ""));
  rebuild_steps (ed);
  rebuild_contacts (ed);

  shared_list = GTK_STRING_LIST (OBJ (dialog, "shared_list"));
  ed->shared = jhk_playbooks_shared_steps (db, &error);
  if (ed->shared != NULL)
    for (guint i = 0; i < ed->shared->len; i++)
      {
        JhkSharedStep *shared = g_ptr_array_index (ed->shared, i);

        gtk_string_list_append (shared_list, shared->step->text);
      }
  gtk_widget_set_sensitive (GTK_WIDGET (OBJ (dialog, "insert_shared_button")),
                            ed->shared != NULL && ed->shared->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (OBJ (dialog, "shared_dropdown")),
                            ed->shared != NULL && ed->shared->len > 0);

  g_signal_connect_swapped (OBJ (dialog, "add_step_button"), "clicked",
                            G_CALLBACK (add_step_clicked_cb), ed);
  g_signal_connect_swapped (OBJ (dialog, "insert_shared_button"), "clicked",
                            G_CALLBACK (insert_shared_clicked_cb), ed);
  g_signal_connect_swapped (OBJ (dialog, "add_contact_button"), "clicked",
                            G_CALLBACK (add_contact_clicked_cb), ed);

  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts),
                                              GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    shortcuts, gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                gtk_callback_action_new (move_focused_step, NULL,
                                                                         NULL),
                                                "i", -1));
  gtk_shortcut_controller_add_shortcut (
    shortcuts,
    gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                     gtk_callback_action_new (move_focused_step, NULL, NULL),
                                     "i", +1));
  gtk_widget_add_controller (GTK_WIDGET (dialog), GTK_EVENT_CONTROLLER (shortcuts));

  jhk_form_dialog_set_apply_func (dialog, editor_apply, ed, NULL);
  jhk_form_dialog_set_check_func (dialog, editor_check);
  jhk_present_dialog (parent, GTK_WINDOW (dialog));
  if (playbook == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (OBJ (dialog, "code_row")));
  else
    gtk_widget_grab_focus (GTK_WIDGET (OBJ (dialog, "title_row")));
  return dialog;
}
