/* jhk-playbooks-page.c: the 対処要領 workspace (R19-1). */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-lists.h"
#include "jhk-playbook-editor.h"
#include "jhk-playbooks-page.h"
#include "jhk-playbooks.h"
#include "jhk-roles.h"
#include "jhk-settings.h"

#define OBJ(dialog, id) jhk_form_dialog_get_object ((dialog), (id))

struct _JhkPlaybooksPage
{
  JhkPage             parent_instance;

  GtkDropDown        *show_dropdown;
  GtkWidget          *new_button;
  GtkStack           *list_stack;
  GtkColumnView      *playbooks_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *shared_button;
  GtkWidget          *export_button;
  GtkWidget          *import_button;
  GtkStack           *detail_stack;
  GtkLabel           *heading_label;
  GtkLabel           *status_label;
  GtkWidget          *old_version_box;
  GtkLabel           *old_version_label;
  GtkWidget          *actions_box;
  GtkWidget          *edit_button;
  GtkWidget          *retire_button;
  GtkBox             *detail_box;

  JhkQueryModel      *model;
  GtkSingleSelection *selection;
  JhkPlaybook        *current;    /* the selected playbook's current version */
  GPtrArray          *versions;   /* JhkPlaybook, newest first */
  int                 shown;      /* the version shown, 0 the current */
};

G_DEFINE_FINAL_TYPE (JhkPlaybooksPage, jhk_playbooks_page, JHK_TYPE_PAGE)

#define DB(self)      jhk_page_get_db (JHK_PAGE (self))
#define SESSION(self) jhk_page_get_session (JHK_PAGE (self))

static void show_selected (JhkPlaybooksPage *self);

/* The list. */

static char *
version_text (JhkRow *row)
{
  /* Translators: a playbook's version in the list of playbooks (第2版). */
  return g_strdup_printf (_("v%d"), (int) jhk_row_int64 (row, "version"));
}

static char *
kind_text (JhkRow *row)
{
  gboolean builtin = jhk_row_int64 (row, "builtin") != 0;
  gboolean retired = jhk_row_int64 (row, "retired") != 0;

  if (retired && builtin)
    return g_strdup (_("Built-in, retired"));
  if (retired)
    return g_strdup (_("Retired"));
  if (builtin)
    return g_strdup (_("Built-in"));
  return NULL;
}

static gint64
selected_id (JhkPlaybooksPage *self)
{
  JhkRow *row = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection)
                                        : NULL;

  return row != NULL ? jhk_row_get_id (row) : 0;
}

static void
reload (JhkPlaybooksPage *self,
        gint64            select_id)
{
  gboolean retired = gtk_drop_down_get_selected (self->show_dropdown) == 1;
  guint position = G_MAXUINT;

  g_clear_object (&self->model);
  self->model = jhk_playbooks_list_model (DB (self), retired);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  if (self->model != NULL && select_id != 0)
    position = jhk_query_model_find (self->model, select_id);
  gtk_single_selection_set_selected (self->selection,
                                     position != G_MAXUINT ? position
                                                           : GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    self->model != NULL &&
                                      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0
                                      ? "list"
                                      : "empty");
  show_selected (self);
}

static void
show_changed_cb (JhkPlaybooksPage *self)
{
  if (self->selection != NULL)
    reload (self, selected_id (self));
}

gboolean
jhk_playbooks_page_select (JhkPlaybooksPage *self,
                           gint64            playbook_id)
{
  g_return_val_if_fail (JHK_IS_PLAYBOOKS_PAGE (self), FALSE);

  reload (self, playbook_id);
  if (selected_id (self) != playbook_id && gtk_drop_down_get_selected (self->show_dropdown) == 0)
    {
      /* A retired one is behind the other choice of the list. */
      gtk_drop_down_set_selected (self->show_dropdown, 1);
      reload (self, playbook_id);
    }
  return selected_id (self) == playbook_id;
}

/* What may be done. */

static void
set_action (JhkPlaybooksPage *self,
            const char       *action,
            GtkWidget        *button,
            const char       *why_not,
            const char       *what)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, why_not == NULL);
  gtk_widget_set_tooltip_text (button, why_not != NULL ? why_not : what);
}

static void
update_actions (JhkPlaybooksPage *self)
{
  JhkDb *db = DB (self);
  JhkSession *session = SESSION (self);
  const char *create = jhk_playbooks_refusal (db, session, NULL, JHK_PLAYBOOK_CREATE);
  const char *edit = NULL;
  const char *retire = NULL;

  if (self->current == NULL)
    edit = retire = _("Select a playbook first.");
  else
    {
      edit = jhk_playbooks_refusal (db, session, self->current, JHK_PLAYBOOK_EDIT);
      retire = jhk_playbooks_refusal (db, session, self->current, JHK_PLAYBOOK_RETIRE);
    }
  set_action (self, "playbooks.new", self->new_button, create,
              _("Write a new response playbook"));
  set_action (self, "playbooks.edit", self->edit_button, edit,
              _("Save a new version of this playbook; incidents keep the version they ran"));
  set_action (self, "playbooks.retire", self->retire_button, retire,
              self->current != NULL && self->current->retired
                ? _("Offer this playbook for new incidents again")
                : _("Offer this playbook no more for new incidents; it is kept"));
  gtk_button_set_label (GTK_BUTTON (self->retire_button),
                        self->current != NULL && self->current->retired ? _("_Restore…")
                                                                        : _("_Retire…"));
  set_action (self, "playbooks.shared-steps", self->shared_button,
              jhk_playbooks_shared_refusal (db, session),
              _("Change the steps that several playbooks share"));
  set_action (self, "playbooks.import", self->import_button, create,
              _("Read playbooks from another office's file"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "playbooks.export",
                                 self->model != NULL &&
                                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0);
  gtk_widget_set_tooltip_text (self->export_button,
                               _("Write playbooks to a file for another office"));
}

/* The playbook, read-only. */

static const char *
role_text (const char *key)
{
  JhkRole role;

  if (key == NULL || *key == '\0')
    return _("Anyone");
  role = jhk_role_from_key (key);
  return role == JHK_ROLE_INVALID ? key : jhk_role_get_label (role);
}

static char *
businesses_text (JhkPlaybooksPage *self,
                 const JhkPlaybook *pb)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JhkQueryModel) businesses = NULL;
  guint n;

  if (pb->business_ids == NULL || pb->business_ids->len == 0)
    return g_strdup (_("Any business"));
  businesses = jhk_lists_businesses (DB (self));
  n = businesses != NULL ? g_list_model_get_n_items (G_LIST_MODEL (businesses)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (businesses), i);

      for (guint j = 0; j < pb->business_ids->len; j++)
        if (g_array_index (pb->business_ids, gint64, j) == jhk_row_get_id (row))
          {
            g_autofree char *label = jhk_business_row_label (row);

            if (text->len > 0)
              g_string_append (text, "\n");
            g_string_append (text, label);
          }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A cell of the steps' table; wrap: the width in characters it wraps at
 * (the step's text also takes the room left), 0 none. */
static GtkWidget *
cell (const char *text,
      gboolean    heading,
      int         wrap)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  /* Not selectable: Tab would stop at every cell. */
  if (wrap > 0)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN (wrap, 12));
      gtk_label_set_max_width_chars (GTK_LABEL (label), wrap);
      gtk_widget_set_hexpand (label, wrap >= 30);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The ordered steps as a table: No., 手順, 担当, 目安, 要確認, 証跡. */
static GtkWidget *
steps_table (const JhkPlaybook *pb)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  const char *headings[] = { N_("No."), N_("Step"), N_("Role"), N_("Minutes"),
                             N_("Confirmed"), N_("Evidence") };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 10);
  gtk_widget_set_margin_bottom (grid, 10);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (GTK_GRID (grid), cell (_(headings[c]), TRUE, 0), c, 0, 1, 1);
  for (guint i = 0; pb->steps != NULL && i < pb->steps->len; i++)
    {
      JhkPlaybookStep *step = g_ptr_array_index (pb->steps, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *minutes = step->minutes > 0 ? g_strdup_printf ("%d", step->minutes)
                                                   : NULL;
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *role;

      gtk_box_append (GTK_BOX (text), cell (step->text, FALSE, 40));
      if (step->shared_step_id != 0)
        {
          GtkWidget *badge = cell (_("Shared step"), FALSE, 0);

          gtk_widget_add_css_class (badge, "caption-heading");
          gtk_widget_add_css_class (badge, "accent");
          gtk_box_append (GTK_BOX (text), badge);
        }
      gtk_grid_attach (GTK_GRID (grid), cell (number, FALSE, 0), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), text, 1, i + 1, 1, 1);
      role = cell (role_text (step->role), FALSE, 12);
      /* Role names break between words only ("Information manager"). */
      gtk_label_set_wrap_mode (GTK_LABEL (role), PANGO_WRAP_WORD);
      gtk_grid_attach (GTK_GRID (grid), role, 2, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (minutes, FALSE, 0), 3, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid),
                       cell (step->needs_confirmation ? _("Yes") : NULL, FALSE, 0), 4, i + 1,
                       1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (step->evidence, FALSE, 12), 5, i + 1, 1, 1);
    }
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  gtk_widget_set_name (frame, "steps");
  gtk_accessible_update_property (GTK_ACCESSIBLE (frame), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Steps"), -1);
  return frame;
}

static void
version_activated_cb (AdwActionRow     *row,
                      JhkPlaybooksPage *self)
{
  int version = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "version"));

  gtk_widget_activate_action (GTK_WIDGET (self), "playbooks.show-version", "i", version);
}

static void
show_playbook (JhkPlaybooksPage  *self,
               const JhkPlaybook *pb)
{
  AdwPreferencesGroup *group;
  g_autofree char *status = NULL;
  g_autofree char *businesses = businesses_text (self, pb);
  g_autofree char *stop = NULL;
  g_autofree char *due = NULL;
  g_autofree char *saved = pb->created_at != 0 ? jhk_format_time (pb->created_at) : NULL;
  gboolean current = self->current != NULL && pb->version == self->current->version;
  int hours = pb->report_hours > 0
                ? pb->report_hours
                : (int) jhk_settings_get_int (DB (self), JHK_SETTING_INCIDENT_REPORT_HOURS);

  jhk_widget_remove_children (GTK_WIDGET (self->detail_box));
  gtk_label_set_text (self->heading_label, pb->title);
  {
    g_autoptr(GString) s = g_string_new (NULL);

    g_string_append_printf (s, _("Version %d"), pb->version);
    if (saved != NULL)
      /* Translators: after "Version 2": when and by whom it was saved. */
      g_string_append_printf (s, _(", saved %s by %s"), saved,
                              pb->creator_name != NULL && *pb->creator_name != '\0'
                                ? pb->creator_name
                                : _("Jhk"));
    if (pb->builtin)
      g_string_append_printf (s, " · %s", _("Built-in"));
    if (self->current != NULL && self->current->retired)
      g_string_append_printf (s, " · %s", _("Retired: not offered for new incidents"));
    status = g_string_free (g_steal_pointer (&s), FALSE);
  }
  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (self->old_version_box, !current);
  gtk_widget_set_visible (self->actions_box, current);
  if (!current && self->current != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("An earlier version, read-only: version %d of %d."), pb->version,
                         self->current->version);

      gtk_label_set_text (self->old_version_label, text);
    }

  group = jhk_detail_add_group (self->detail_box, _("What It Covers"));
  jhk_detail_add_field (group, _("Code"), pb->code);
  jhk_detail_add_field (group, _("Systems"), pb->systems);
  jhk_detail_add_field (group, _("Businesses"), businesses);
  jhk_detail_add_field (group, _("Trigger and Symptoms"), pb->trigger);

  group = jhk_detail_add_group (self->detail_box, _("Serious Incident Criteria (R19-5)"));
  jhk_detail_add_field (group, _("Damage to the system"), pb->serious_damage ? _("Yes") : _("No"));
  if (pb->serious_stop_minutes > 0)
    stop = g_strdup_printf (_("Longer than %d minutes"), pb->serious_stop_minutes);
  jhk_detail_add_field (group, _("Business stopped"), stop != NULL ? stop : _("Not a criterion"));
  jhk_detail_add_field (group, _("Personal data leaked"), pb->serious_leak ? _("Yes") : _("No"));
  jhk_detail_add_field (group, _("Other criteria"), pb->serious_other);
  due = g_strdup_printf (g_dngettext (NULL, "%d hour after discovery",
                                      "%d hours after discovery", hours), hours);
  jhk_detail_add_field (group, _("Report due"), due);

  group = jhk_detail_add_group (self->detail_box, _("Steps"));
  adw_preferences_group_add (group, steps_table (pb));

  group = jhk_detail_add_group (self->detail_box, _("Contacts"));
  if (pb->contacts == NULL || pb->contacts->len == 0)
    jhk_detail_add_field (group, _("No contacts written"), NULL);
  for (guint i = 0; pb->contacts != NULL && i < pb->contacts->len; i++)
    {
      JhkPlaybookContact *contact = g_ptr_array_index (pb->contacts, i);
      g_autofree char *value = NULL;

      gboolean named = contact->name != NULL && *contact->name != '\0';

      if (contact->extension != NULL && *contact->extension != '\0')
        value = named ? g_strdup_printf (_("%s, extension %s"), contact->name,
                                         contact->extension)
                      : g_strdup_printf (_("Extension %s"), contact->extension);
      else
        value = g_strdup (contact->name);
      jhk_detail_add_field (group, contact->role, value);
    }

  group = jhk_detail_add_group (self->detail_box, _("Versions"));
  for (guint i = 0; self->versions != NULL && i < self->versions->len; i++)
    {
      JhkPlaybook *v = g_ptr_array_index (self->versions, i);
      g_autofree char *at = v->created_at != 0 ? jhk_format_time (v->created_at) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = g_strdup_printf (_("Version %d, %s, %s"), v->version, jhk_or_dash (at),
                               v->creator_name != NULL && *v->creator_name != '\0'
                                 ? v->creator_name
                                 : _("Jhk"));
      if (v->change_note != NULL && *v->change_note != '\0')
        subtitle = g_strdup (v->change_note);
      else
        subtitle = g_strdup (v->created_by == 0 ? _("As shipped with Jhk") : _("No reason given"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_name (row, "version");
      g_object_set_data (G_OBJECT (row), "version", GINT_TO_POINTER (v->version));
      if (v->version == pb->version)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   gtk_image_new_from_icon_name ("object-select-symbolic"));
      else
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_widget_set_tooltip_text (row, _("Show this version, read-only"));
          g_signal_connect (row, "activated", G_CALLBACK (version_activated_cb), self);
        }
      adw_preferences_group_add (group, row);
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
show_selected (JhkPlaybooksPage *self)
{
  gint64 id = selected_id (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->current, jhk_playbook_free);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->shown = 0;
  if (id != 0)
    {
      self->current = jhk_playbooks_get (DB (self), id, 0, &error);
      if (self->current == NULL)
        g_warning ("Reading playbook %" G_GINT64_FORMAT ": %s", id,
                   error != NULL ? error->message : "?");
      else
        {
          self->versions = jhk_playbooks_versions (DB (self), id, NULL);
          show_playbook (self, self->current);
        }
    }
  if (self->current == NULL)
    gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_actions (self);
}

static void
show_version_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);
  int version = g_variant_get_int32 (parameter);

  for (guint i = 0; self->versions != NULL && i < self->versions->len; i++)
    {
      JhkPlaybook *v = g_ptr_array_index (self->versions, i);

      if (v->version == version)
        {
          self->shown = version;
          show_playbook (self, v);
          gtk_widget_grab_focus (GTK_WIDGET (self->old_version_box));
          gtk_widget_child_focus (self->old_version_box, GTK_DIR_TAB_FORWARD);
          return;
        }
    }
}

static void
show_current_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);

  if (self->current != NULL)
    {
      self->shown = 0;
      show_playbook (self, self->current);
    }
}

/* Writing: the editor, retire and restore. */

static void
saved_cb (gpointer user_data,
          gint64   playbook_id)
{
  JhkPlaybooksPage *self = user_data;

  reload (self, playbook_id);
  if (selected_id (self) != playbook_id)
    jhk_playbooks_page_select (self, playbook_id);
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);

  jhk_playbook_editor_present (widget, DB (self), SESSION (self), NULL, saved_cb,
                               G_OBJECT (self));
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);

  if (self->current == NULL)
    return;
  jhk_playbook_editor_present (widget, DB (self), SESSION (self), self->current, saved_cb,
                               G_OBJECT (self));
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JhkPlaybooksPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "playbook"));
  gboolean retire = g_strcmp0 (response, "retire") == 0;

  if (!retire && g_strcmp0 (response, "restore") != 0)
    return;
  if (!jhk_playbooks_set_retired (DB (self), SESSION (self), id, retire, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  jhk_playbooks_page_select (self, id);
  jhk_widget_show_toast (GTK_WIDGET (self), retire ? _("The playbook was retired.")
                                                   : _("The playbook is offered again."));
}

static void
retire_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  gboolean retire;

  if (self->current == NULL)
    return;
  retire = !self->current->retired;
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            retire ? _("Retire Playbook?") : _("Restore Playbook?"), NULL));
  if (retire)
    adw_message_dialog_format_body (dialog,
                                    _("%s is kept with its versions, and incidents that ran it "
                                      "keep it, but it is no more offered for new incidents."),
                                    self->current->title);
  else
    adw_message_dialog_format_body (dialog,
                                    _("%s is offered again for new incidents."),
                                    self->current->title);
  g_object_set_data (G_OBJECT (dialog), "playbook", GSIZE_TO_POINTER (self->current->id));
  if (retire)
    {
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore",
                                        _("_Restore"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Shared steps (共通手順): the システム管理者 only. */

typedef struct
{
  JhkPlaybooksPage *page;
  GPtrArray        *shared;   /* JhkSharedStep */
} SharedData;

static void
shared_data_free (gpointer data)
{
  SharedData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->shared, g_ptr_array_unref);
  g_free (d);
}

static JhkSharedStep *
shared_chosen (JhkFormDialog *dialog,
               SharedData    *d)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (OBJ (dialog, "shared_row")));

  if (d->shared == NULL || selected >= d->shared->len)
    return NULL;
  return g_ptr_array_index (d->shared, selected);
}

static void
shared_row_changed_cb (AdwComboRow   *row,
                       GParamSpec    *pspec,
                       JhkFormDialog *dialog)
{
  SharedData *d = g_object_get_data (G_OBJECT (dialog), "shared-data");
  JhkSharedStep *shared = shared_chosen (dialog, d);
  JhkPlaybookStep *step = shared != NULL ? shared->step : NULL;
  g_autofree char *uses = NULL;
  JhkRole role;

  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "code_row")),
                         shared != NULL ? shared->code : "");
  gtk_widget_set_sensitive (GTK_WIDGET (OBJ (dialog, "code_row")), shared == NULL);
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "text_row")),
                         step != NULL ? step->text : "");
  role = step != NULL && step->role != NULL && *step->role != '\0'
           ? jhk_role_from_key (step->role)
           : JHK_ROLE_INVALID;
  adw_combo_row_set_selected (ADW_COMBO_ROW (OBJ (dialog, "role_row")),
                              role == JHK_ROLE_INVALID ? 0 : (guint) role + 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (OBJ (dialog, "minutes_spin")),
                             step != NULL ? step->minutes : 0);
  gtk_switch_set_active (GTK_SWITCH (OBJ (dialog, "confirm_switch")),
                         step != NULL && step->needs_confirmation);
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "evidence_row")),
                         step != NULL ? step->evidence : "");
  if (shared == NULL)
    uses = g_strdup (_("A new shared step, inserted into playbooks from their editor."));
  else
    uses = g_strdup_printf (g_dngettext (NULL,
                                         "Used by %u playbook: saving gives it a new version.",
                                         "Used by %u playbooks: saving gives each a new version.",
                                         shared->n_playbooks),
                            shared->n_playbooks);
  gtk_label_set_text (GTK_LABEL (OBJ (dialog, "uses_label")), uses);
}

static JhkSharedStep *
shared_from_form (JhkFormDialog *dialog,
                  SharedData    *d)
{
  JhkSharedStep *chosen = shared_chosen (dialog, d);
  JhkSharedStep *shared = g_new0 (JhkSharedStep, 1);
  g_autofree char *text = jhk_editable_dup_text (OBJ (dialog, "text_row"));
  g_autofree char *evidence = jhk_editable_dup_text (OBJ (dialog, "evidence_row"));
  guint role = adw_combo_row_get_selected (ADW_COMBO_ROW (OBJ (dialog, "role_row")));

  shared->id = chosen != NULL ? chosen->id : 0;
  shared->code = jhk_editable_dup_text (OBJ (dialog, "code_row"));
  shared->step = jhk_playbook_step_new (
    text, role == 0 || role > JHK_N_ROLES ? "" : jhk_role_to_key ((JhkRole) (role - 1)),
    gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (OBJ (dialog, "minutes_spin"))),
    gtk_switch_get_active (GTK_SWITCH (OBJ (dialog, "confirm_switch"))), evidence);
  shared->step->shared_step_id = shared->id;
  shared->n_playbooks = chosen != NULL ? chosen->n_playbooks : 0;
  return shared;
}

static gboolean
shared_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  SharedData *d = user_data;
  JhkSharedStep *shared = shared_from_form (dialog, d);
  g_autofree char *message = NULL;
  gint64 id;
  guint n = shared->n_playbooks;

  id = jhk_playbooks_save_shared_step (DB (d->page), SESSION (d->page), shared, error);
  jhk_shared_step_free (shared);
  if (id == 0)
    return FALSE;
  message = g_strdup_printf (g_dngettext (NULL,
                                          "The shared step was saved; %u playbook has a new "
                                          "version.",
                                          "The shared step was saved; %u playbooks have a new "
                                          "version.",
                                          n),
                             n);
  reload (d->page, selected_id (d->page));
  jhk_widget_show_toast (GTK_WIDGET (d->page), message);
  return TRUE;
}

static gboolean
shared_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  g_autofree char *code = jhk_editable_dup_text (OBJ (dialog, "code_row"));
  g_autofree char *text = jhk_editable_dup_text (OBJ (dialog, "text_row"));

  if (*code == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the shared step a code."));
      return FALSE;
    }
  if (*text == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Write what the step does."));
      return FALSE;
    }
  return TRUE;
}

static void
shared_steps_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);
  SharedData *d = g_new0 (SharedData, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  JhkFormDialog *dialog;
  AdwComboRow *shared_row;

  d->page = g_object_ref (self);
  d->shared = jhk_playbooks_shared_steps (DB (self), &error);
  if (d->shared == NULL)
    {
      jhk_widget_show_error (widget, error);
      shared_data_free (d);
      return;
    }
  dialog = jhk_form_dialog_new (_("Shared Steps"), _("_Save"),
                                "/org/example/Jhk/ui/jhk-playbook-shared-form.ui");
  for (guint i = 0; i < d->shared->len; i++)
    {
      JhkSharedStep *shared = g_ptr_array_index (d->shared, i);
      g_autofree char *label = g_strdup_printf ("%s: %s", shared->code, shared->step->text);

      gtk_string_list_append (names, label);
    }
  gtk_string_list_append (names, _("New Shared Step"));
  gtk_string_list_append (roles, _("Anyone"));
  for (int r = 0; r < JHK_N_ROLES; r++)
    gtk_string_list_append (roles, jhk_role_get_label ((JhkRole) r));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "role_row")), G_LIST_MODEL (roles));
  shared_row = ADW_COMBO_ROW (OBJ (dialog, "shared_row"));
  adw_combo_row_set_model (shared_row, G_LIST_MODEL (names));
  g_object_set_data (G_OBJECT (dialog), "shared-data", d);
  g_signal_connect_object (shared_row, "notify::selected", G_CALLBACK (shared_row_changed_cb),
                           dialog, 0);
  shared_row_changed_cb (shared_row, NULL, dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  jhk_form_dialog_set_apply_func (dialog, shared_apply, d, shared_data_free);
  jhk_form_dialog_set_check_func (dialog, shared_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* Export and import (JSON). */

static void
choose_file (JhkFormDialog *dialog,
             gboolean       save)
{
  jhk_path_entry_choose (GTK_EDITABLE (OBJ (dialog, "path_row")), GTK_WINDOW (dialog),
                         save ? _("Export Playbooks To") : _("Import Playbooks From"), save,
                         _("JSON files"), "application/json", "json", "playbooks.json");
}

static void
choose_save_clicked_cb (GtkButton     *button,
                        JhkFormDialog *dialog)
{
  choose_file (dialog, TRUE);
}

static void
choose_open_clicked_cb (GtkButton     *button,
                        JhkFormDialog *dialog)
{
  choose_file (dialog, FALSE);
}

static gboolean
export_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose the file to write."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
export_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  JhkPlaybooksPage *self = user_data;
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));
  gboolean all = adw_combo_row_get_selected (ADW_COMBO_ROW (OBJ (dialog, "scope_row"))) == 1 ||
                 self->current == NULL;
  gint64 id = self->current != NULL ? self->current->id : 0;
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *json = NULL;
  g_autofree char *message = NULL;

  if (!export_check (dialog, NULL, error))
    return FALSE;
  document = jhk_playbooks_export (DB (self), all ? NULL : &id, all ? 0 : 1, error);
  if (document == NULL)
    return FALSE;
  json = json_to_string (document, TRUE);
  if (!g_file_set_contents (path, json, -1, error))
    return FALSE;
  message = g_strdup_printf (_("The playbooks were written to %s."), path);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  JhkFormDialog *dialog;

  dialog = jhk_form_dialog_new (_("Export Playbooks"), _("E_xport"),
                                "/org/example/Jhk/ui/jhk-playbook-export-form.ui");
  if (self->current != NULL)
    {
      g_autofree char *one = g_strdup_printf (_("This playbook: %s"), self->current->title);

      gtk_string_list_append (scopes, one);
    }
  gtk_string_list_append (scopes, _("All playbooks in use"));
  adw_combo_row_set_model (ADW_COMBO_ROW (OBJ (dialog, "scope_row")), G_LIST_MODEL (scopes));
  if (self->current == NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (OBJ (dialog, "scope_row")), FALSE);
  g_signal_connect_object (OBJ (dialog, "choose_button"), "clicked",
                           G_CALLBACK (choose_save_clicked_cb), dialog, 0);
  jhk_form_dialog_set_apply_func (dialog, export_apply, g_object_ref (self), g_object_unref);
  jhk_form_dialog_set_check_func (dialog, export_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* The dry run of the file named, shown under the form; FALSE with error
 * while it cannot be imported. */
static JhkPlaybookImport *
import_run (JhkFormDialog     *dialog,
            JhkPlaybooksPage  *self,
            gboolean           dry_run,
            GError           **error)
{
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose the file to import."));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return jhk_playbooks_import (DB (self), SESSION (self), contents, length, dry_run, error);
}

static void
import_show (JhkFormDialog     *dialog,
             JhkPlaybookImport *result,
             const GError      *error)
{
  GtkListBox *list = GTK_LIST_BOX (OBJ (dialog, "errors_list"));
  GtkWidget *child;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  if (result == NULL)
    summary = g_strdup (error != NULL ? error->message : "");
  else if (result->errors != NULL && result->errors->len > 0)
    summary = g_strdup (_("Nothing can be imported until these errors are corrected in the "
                          "file:"));
  else
    summary = g_strdup_printf (_("New playbooks: %u. New versions: %u. Unchanged: %u. "
                                 "New shared steps: %u. Changed shared steps: %u."),
                               result->created, result->updated, result->unchanged,
                               result->shared_created, result->shared_updated);
  gtk_label_set_text (GTK_LABEL (OBJ (dialog, "summary_label")), summary);
  for (guint i = 0; result != NULL && result->errors != NULL && i < result->errors->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (result->errors, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "error");
      gtk_list_box_append (list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (OBJ (dialog, "errors_window")),
                          result != NULL && result->errors != NULL && result->errors->len > 0);
}

static gboolean
import_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  JhkPlaybooksPage *self = user_data;
  g_autoptr(GError) local = NULL;
  g_autoptr(JhkPlaybookImport) result = import_run (dialog, self, TRUE, &local);

  import_show (dialog, result, local);
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (result->errors != NULL && result->errors->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_dngettext (NULL, "The file has %u error; nothing can be imported.",
                                "The file has %u errors; nothing can be imported.",
                                result->errors->len),
                   result->errors->len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  JhkPlaybooksPage *self = user_data;
  g_autoptr(JhkPlaybookImport) result = NULL;
  g_autofree char *message = NULL;

  /* Checked again: the file or the database may have changed since. */
  if (!import_check (dialog, user_data, error))
    return FALSE;
  result = import_run (dialog, self, FALSE, error);
  if (result == NULL)
    return FALSE;
  if (result->errors != NULL && result->errors->len > 0)
    {
      import_show (dialog, result, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The file has errors; nothing was imported."));
      return FALSE;
    }
  message = g_strdup_printf (_("Imported: %u new playbooks, %u new versions, %u unchanged."),
                             result->created, result->updated, result->unchanged);
  reload (self, selected_id (self));
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (widget);
  JhkFormDialog *dialog;

  dialog = jhk_form_dialog_new (_("Import Playbooks"), _("_Import"),
                                "/org/example/Jhk/ui/jhk-playbook-import-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  g_signal_connect_object (OBJ (dialog, "choose_button"), "clicked",
                           G_CALLBACK (choose_open_clicked_cb), dialog, 0);
  jhk_form_dialog_set_apply_func (dialog, import_apply, g_object_ref (self), g_object_unref);
  jhk_form_dialog_set_check_func (dialog, import_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* The page. */

static void
selection_changed_cb (JhkPlaybooksPage *self)
{
  show_selected (self);
}

static void
jhk_playbooks_page_constructed (GObject *object)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("Playbook"), "title", NULL, 180, TRUE },
    { N_("Version"), NULL, version_text, 70, FALSE },
    { N_("Kind"), NULL, kind_text, 90, FALSE },
  };

  G_OBJECT_CLASS (jhk_playbooks_page_parent_class)->constructed (object);

  jhk_column_view_add_columns (self->playbooks_view, columns, G_N_ELEMENTS (columns));
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->playbooks_view, GTK_SELECTION_MODEL (self->selection));
  reload (self, 0);
}

static void
jhk_playbooks_page_dispose (GObject *object)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_PLAYBOOKS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->current, jhk_playbook_free);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (jhk_playbooks_page_parent_class)->dispose (object);
}

static void
jhk_playbooks_page_reload (JhkPage *page)
{
  JhkPlaybooksPage *self = JHK_PLAYBOOKS_PAGE (page);

  reload (self, selected_id (self));
}

static void
jhk_playbooks_page_class_init (JhkPlaybooksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_playbooks_page_reload;

  object_class->constructed = jhk_playbooks_page_constructed;
  object_class->dispose = jhk_playbooks_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-playbooks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, playbooks_view);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, shared_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, old_version_box);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, old_version_label);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, retire_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPlaybooksPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, show_changed_cb);

  gtk_widget_class_install_action (widget_class, "playbooks.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.retire", NULL, retire_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.shared-steps", NULL,
                                   shared_steps_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.show-version", "i",
                                   show_version_activated);
  gtk_widget_class_install_action (widget_class, "playbooks.show-current", NULL,
                                   show_current_activated);
}

static void
jhk_playbooks_page_init (JhkPlaybooksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_playbooks_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_PLAYBOOKS_PAGE, db, session);
}
