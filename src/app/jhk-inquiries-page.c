/* jhk-inquiries-page.c: the 照会点検 workspace (R14-6, issue 6).
 *
 * It opens on the view of the user's role (jhk_inquiries_may_view_scope):
 * the 照会者's own inquiries to confirm, one keystroke each (Enter or
 * Ctrl+Return confirms the selected ones and moves on, Ctrl+D says
 * 相違あり with a comment); the 担当幹部's records to check, disputed and
 * flagged first (適正 / 要確認…); the 運用管理者's office and month with
 * its summary, progress per 係 and officer, the daily chart, 適正… /
 * 不適正… on the records left to settle, the sign-off and the check sheet;
 * everything for the システム管理者 and 総括責任者. Each step that the
 * user may not take is insensitive with the service's reason
 * (jhk_inquiries_refusal). The lists filter in SQL
 * (jhk_inquiries_list_model_set_filter). */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-form-preview.h"
#include "jhk-inquirer-register-dialog.h"
#include "jhk-inquiries-page.h"
#include "jhk-inquiries.h"
#include "jhk-inquiry-chart.h"
#include "jhk-inquiry-import-dialog.h"
#include "jhk-inquiry-screening.h"
#include "jhk-inquiry-sheet.h"
#include "jhk-lists.h"
#include "jhk-policy.h"
#include "jhk-retention.h"
#include "jhk-roles.h"
#include "jhk-settings.h"
#include "jhk-util.h"
#include "jhk-window.h"

#define N_SCOPES 4
#define ALL_FLAGS ((1u << JHK_INQUIRY_N_FLAGS) - 1)

struct _JhkInquiriesPage
{
  JhkPage             parent_instance;

  GtkDropDown        *scope_dropdown;
  GtkStringList      *scope_list;
  GtkDropDown        *office_dropdown;
  GtkStringList      *office_list;
  GtkDropDown        *period_dropdown;
  GtkStringList      *period_list;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *stage_dropdown;
  GtkStringList      *stage_list;
  GtkToggleButton    *flagged_toggle;
  GtkToggleButton    *disputed_toggle;
  GtkToggleButton    *overdue_toggle;
  GtkWidget          *register_button;
  GtkWidget          *import_button;
  GtkWidget          *purge_button;
  GtkRevealer        *summary_revealer;
  GtkLabel           *summary_label;
  GtkProgressBar     *total_bar;
  GtkWidget          *counts_box;
  GtkWidget          *overdue_button;
  GtkWidget          *disputed_button;
  GtkWidget          *flagged_button;
  GtkWidget          *resolve_button;
  GtkLabel           *sign_off_label;
  GtkWidget          *sign_off_button;
  GtkWidget          *sheet_button;
  GtkWidget          *register_sheet_button;
  JhkInquiryChart    *chart;
  GtkGrid            *progress_grid;
  GtkStack           *list_stack;
  GtkColumnView      *inquiries_view;
  AdwStatusPage      *empty_page;
  GtkWidget          *actions_box;
  GtkWidget          *positive_button;
  GtkWidget          *negative_button;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GtkBox             *detail_box;

  JhkInquiriesScope   scope;
  JhkInquiriesScope   shown[N_SCOPES];  /* the drop-down's scopes, in its order */
  guint               n_shown;
  gboolean            filling;          /* drop-downs being set: no reaction */
  JhkQueryModel      *models[N_SCOPES];
  GtkMultiSelection  *selection;
  GArray             *office_ids;       /* gint64, as in office_list */
  GPtrArray          *periods;          /* char *, as in period_list; "" for all */
  gint64              office_id;        /* chosen, 0 for all */
  char               *period;           /* chosen, NULL for all */
  char               *text;             /* the search, kept for the filter */
  JhkInquiryRecord   *current;          /* the first selected, read whole */
  JhkInquirySummary  *summary;          /* of office_id and period, or NULL */
  gboolean            positive_enabled;
};

G_DEFINE_FINAL_TYPE (JhkInquiriesPage, jhk_inquiries_page, JHK_TYPE_PAGE)

static void reload          (JhkInquiriesPage *self);
static void refresh_list    (JhkInquiriesPage *self);
static void update_actions  (JhkInquiriesPage *self);

static JhkDb *
page_db (JhkInquiriesPage *self)
{
  return jhk_page_get_db (JHK_PAGE (self));
}

static JhkSession *
page_session (JhkInquiriesPage *self)
{
  return jhk_page_get_session (JHK_PAGE (self));
}

static const char *
scope_label (JhkInquiriesScope scope)
{
  switch (scope)
    {
    case JHK_INQUIRIES_MINE:
      return _("My Inquiries");
    case JHK_INQUIRIES_TO_CHECK:
      return _("To Check");
    case JHK_INQUIRIES_OFFICE:
      return _("My Office");
    case JHK_INQUIRIES_ALL:
    default:
      return _("All");
    }
}

/* The step of the view, and whether the view takes steps at all. */
static gboolean
scope_action (JhkInquiriesScope  scope,
              JhkInquiryAction  *out)
{
  switch (scope)
    {
    case JHK_INQUIRIES_MINE:
      *out = JHK_INQUIRY_CONFIRM;
      return TRUE;
    case JHK_INQUIRIES_TO_CHECK:
      *out = JHK_INQUIRY_CHECK;
      return TRUE;
    case JHK_INQUIRIES_OFFICE:
      *out = JHK_INQUIRY_RESOLVE;
      return TRUE;
    case JHK_INQUIRIES_ALL:
    default:
      return FALSE;
    }
}

static gboolean
scope_has_period (JhkInquiriesScope scope)
{
  return scope == JHK_INQUIRIES_OFFICE || scope == JHK_INQUIRIES_ALL;
}

/* ---- the list ---- */

static char *
at_text (JhkRow *row)
{
  return jhk_format_japan_time (jhk_row_int64 (row, "at"));
}

static char *
dash_text (JhkRow     *row,
           const char *column)
{
  return g_strdup (jhk_or_dash (jhk_row_get_by_name (row, column)));
}

static char *
reason_text (JhkRow *row)
{
  return dash_text (row, "reason");
}

static char *
case_text (JhkRow *row)
{
  return dash_text (row, "case_no");
}

static char *
inquirer_text (JhkRow *row)
{
  return dash_text (row, "inquirer_name");
}

static char *
terminal_text (JhkRow *row)
{
  return dash_text (row, "terminal");
}

/* "確認済 · 適正", the steps so far. */
static char *
state_text (JhkRow *row)
{
  const char *confirm = jhk_row_get_by_name (row, "confirm_state");
  const char *check = jhk_row_get_by_name (row, "check_state");
  const char *resolution = jhk_row_get_by_name (row, "resolution");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  g_ptr_array_add (parts, (gpointer) jhk_inquiry_confirm_state_label (confirm != NULL
                                                                        ? confirm : "pending"));
  if (check != NULL && g_strcmp0 (check, "pending") != 0)
    g_ptr_array_add (parts, (gpointer) jhk_inquiry_check_state_label (check));
  if (resolution != NULL && *resolution != '\0')
    g_ptr_array_add (parts, (gpointer) jhk_inquiry_resolution_label (resolution));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The flags' labels, one a line; NULL without flags. */
static char *
flags_text (guint flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < JHK_INQUIRY_N_FLAGS; i++)
    if (flags & (1u << i))
      {
        const char *label = jhk_inquiry_flag_label (1u << i);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, label != NULL ? label : "?");
      }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* The flags column: a warning icon with the flags as tooltip, and the
 * overdue mark. */
static void
flags_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *overdue = gtk_image_new_from_icon_name ("alarm-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_add_css_class (overdue, "error");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), overdue);
  gtk_list_item_set_child (item, box);
}

static void
flags_update (GtkListItem *item)
{
  JhkRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *overdue = gtk_widget_get_next_sibling (icon);
  guint flags = row != NULL ? (guint) jhk_row_int64 (row, "flags") : 0;
  gboolean late = row != NULL && jhk_row_int64 (row, "overdue") != 0;
  g_autofree char *text = flags_text (flags);
  g_autofree char *tip = NULL;

  gtk_widget_set_visible (icon, flags != 0);
  gtk_widget_set_visible (overdue, late);
  if (late)
    tip = g_strdup_printf ("%s%s%s", _("Overdue: the check is not done in time."),
                           text != NULL ? "\n" : "", text != NULL ? text : "");
  else
    tip = g_steal_pointer (&text);
  gtk_widget_set_tooltip_text (box, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tip != NULL ? tip : _("No flags"), -1);
}

static void
flags_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  jhk_list_item_bind_row (item, flags_update);
}

static void
flags_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  jhk_list_item_unbind_row (item, flags_update);
}

static void
add_flags_column (JhkInquiriesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (flags_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (flags_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (flags_unbind_cb), NULL);
  column = gtk_column_view_column_new (_("Flags"), factory);
  gtk_column_view_column_set_fixed_width (column, 56);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->inquiries_view, column);
}

static JhkQueryModel *
shown_model (JhkInquiriesPage *self)
{
  return self->models[self->scope];
}

/* The ids selected, in list order, at most max of them; out_total: how
 * many are selected. Only the rows asked are read. */
static GArray *
selected_ids_max (JhkInquiriesPage *self,
                  guint             max,
                  guint            *out_total)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) set = NULL;
  GtkBitsetIter iter;
  guint position;

  if (out_total != NULL)
    *out_total = 0;
  if (gtk_multi_selection_get_model (self->selection) == NULL)
    return ids;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (out_total != NULL)
    *out_total = (guint) MIN (gtk_bitset_get_size (set), G_MAXUINT);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok && ids->len < max;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (row != NULL)
        {
          gint64 id = jhk_row_get_id (row);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static GArray *
selected_ids (JhkInquiriesPage *self)
{
  return selected_ids_max (self, G_MAXUINT, NULL);
}

static guint
first_selected (JhkInquiriesPage *self)
{
  g_autoptr(GtkBitset) set = NULL;

  if (gtk_multi_selection_get_model (self->selection) == NULL)
    return G_MAXUINT;
  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return gtk_bitset_is_empty (set) ? G_MAXUINT : gtk_bitset_get_minimum (set);
}

/* Selects only position, scrolled to. */
static void
select_position (JhkInquiriesPage *self,
                 guint             position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  GtkWidget *list_view;

  if (n == 0)
    return;
  position = MIN (position, n - 1);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  list_view = gtk_widget_get_first_child (GTK_WIDGET (self->inquiries_view));
  while (list_view != NULL && !GTK_IS_LIST_VIEW (list_view))
    list_view = gtk_widget_get_next_sibling (list_view);
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

/* ---- the detail pane ---- */

/* "確認済 · 2026-11-27 14:30 · 山田 太郎 · comment". */
static char *
step_text (const char *label,
           gint64      at,
           const char *by,
           const char *comment)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (label));
  if (at != 0)
    g_ptr_array_add (parts, jhk_format_time (at));
  if (by != NULL && *by != '\0')
    g_ptr_array_add (parts, g_strdup_printf (C_("inquiry step", "by %s"), by));
  if (comment != NULL && *comment != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("“%s”"), comment));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
fill_detail (JhkInquiriesPage *self)
{
  const JhkInquiryRecord *r = self->current;
  AdwPreferencesGroup *group;
  GtkWidget *heading;

  jhk_widget_remove_children (GTK_WIDGET (self->detail_box));
  if (r == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");

  {
    g_autofree char *title = g_strdup_printf (_("Inquiry %s"), jhk_or_dash (r->source_no));

    heading = gtk_label_new (title);
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
    gtk_label_set_selectable (GTK_LABEL (heading), TRUE);
    gtk_widget_add_css_class (heading, "title-2");
    gtk_box_append (self->detail_box, heading);
  }

  /* What points the eye at it, first. */
  if (r->flags != 0)
    {
      g_auto(GStrv) sentences = jhk_inquiry_record_explain (r);

      group = jhk_detail_add_group (self->detail_box, _("Why It Is Flagged"));
      if (sentences == NULL || sentences[0] == NULL)
        {
          g_autofree char *text = flags_text (r->flags);

          jhk_detail_add_field (group, _("Flags"), text);
        }
      for (guint i = 0; sentences != NULL && sentences[i] != NULL; i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sentences[i]);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          gtk_widget_add_css_class (row, "warning");
          adw_preferences_group_add (group, row);
        }
    }

  group = jhk_detail_add_group (self->detail_box, _("Check"));
  {
    g_autofree char *confirm = step_text (jhk_inquiry_confirm_state_label (r->confirm_state),
                                          r->confirmed_at, r->confirmed_by_name,
                                          r->confirm_comment);
    g_autofree char *check = step_text (jhk_inquiry_check_state_label (r->check_state),
                                        r->checked_at, r->checked_by_name, r->check_comment);
    g_autofree char *resolution = r->resolution != NULL && *r->resolution != '\0'
      ? step_text (jhk_inquiry_resolution_label (r->resolution), r->resolved_at,
                   r->resolved_by_name, r->resolution_comment)
      : NULL;
    GtkWidget *row;

    row = jhk_detail_add_field (group, _("Inquirer's Confirmation"), confirm);
    if (g_strcmp0 (r->confirm_state, "disputed") == 0)
      gtk_widget_add_css_class (row, "error");
    row = jhk_detail_add_field (group, _("Supervisor's Check"), check);
    if (g_strcmp0 (r->check_state, "query") == 0)
      gtk_widget_add_css_class (row, "warning");
    /* Whether the 運用管理者 must settle it is a rule of the services (the
     * 適正 / 不適正 buttons say): here only what was done. */
    row = jhk_detail_add_field (group, _("Operations Manager"), resolution != NULL ? resolution
                                                     : r->done ? _("Not needed")
                                                     : _("Not settled"));
    if (g_strcmp0 (r->resolution, "improper") == 0)
      gtk_widget_add_css_class (row, "error");
    jhk_detail_add_field (group, _("State"), r->signed_off ? _("Done; the month is signed off")
                                  : r->done ? _("Done") : _("Not done"));
  }

  group = jhk_detail_add_group (self->detail_box, _("Inquiry Record"));
  {
    g_autofree char *at = jhk_format_japan_time (r->at);
    g_autofree char *who = g_strdup_printf ("%s (%s)", jhk_or_dash (r->inquirer_name),
                                            jhk_or_dash (r->staff_no));
    g_autofree char *office = g_strdup_printf ("%s (%s)", jhk_or_dash (r->office_name),
                                               jhk_or_dash (r->office_code));

    jhk_detail_add_field (group, _("Time of Inquiry"), at);
    jhk_detail_add_field (group, _("Inquiry Number"), r->source_no);
    jhk_detail_add_field (group, _("Inquirer"), who);
    jhk_detail_add_field (group, _("Office"), office);
    jhk_detail_add_field (group, _("Section"), r->section_name);
    jhk_detail_add_field (group, _("Inquiry Type"), r->kind);
    jhk_detail_add_field (group, _("Grounds"), r->reason);
    jhk_detail_add_field (group, _("Case Number"), r->case_no);
    jhk_detail_add_field (group, _("Content"), r->content);
    jhk_detail_add_field (group, _("Terminal"), r->terminal);
  }
}

static void
selection_changed_cb (JhkInquiriesPage *self)
{
  guint position = first_selected (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->current, jhk_inquiry_record_free);
  if (position != G_MAXUINT)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (row != NULL)
        {
          self->current = jhk_inquiries_get (page_db (self), page_session (self),
                                             jhk_row_get_id (row), &error);
          if (self->current == NULL)
            jhk_widget_show_error (GTK_WIDGET (self), error);
        }
    }
  fill_detail (self);
  update_actions (self);
}

/* ---- the steps ---- */

/* NULL when the user may take the view's step on every selected record
 * (the first 50 are asked; the service refuses the others itself), else
 * the first reason. */
static char *
selection_refusal (JhkInquiriesPage *self,
                   guint            *out_n)
{
  g_autoptr(GArray) ids = selected_ids_max (self, 50, out_n);
  JhkInquiryAction action;

  if (!scope_action (self->scope, &action))
    return g_strdup (_("This view only shows the inquiries."));
  if (ids->len == 0)
    return g_strdup (_("Select one or more inquiries first."));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(JhkInquiryRecord) record = NULL;
      const char *why;

      if (self->current != NULL && self->current->id == id)
        why = jhk_inquiries_refusal (page_db (self), page_session (self), self->current, action);
      else
        {
          record = jhk_inquiries_get (page_db (self), page_session (self), id, NULL);
          why = record != NULL
            ? jhk_inquiries_refusal (page_db (self), page_session (self), record, action)
            : _("The inquiry cannot be read.");
        }
      if (why != NULL)
        {
          if (ids->len > 1 && (record != NULL || self->current != NULL))
            return g_strdup_printf (_("%s: %s"),
                                    record != NULL ? record->source_no : self->current->source_no,
                                    why);
          return g_strdup (why);
        }
    }
  return NULL;
}

static void
update_actions (JhkInquiriesPage *self)
{
  JhkInquiryAction action;
  gboolean takes_steps = scope_action (self->scope, &action);
  guint n = 0;
  g_autofree char *why = takes_steps ? selection_refusal (self, &n) : NULL;
  guint listed = shown_model (self) != NULL
    ? g_list_model_get_n_items (G_LIST_MODEL (shown_model (self))) : 0;
  const char *positive = NULL, *negative = NULL, *positive_tip = NULL, *negative_tip = NULL;
  g_autofree char *count = NULL;

  switch (self->scope)
    {
    case JHK_INQUIRIES_MINE:
      positive = n > 1 ? _("_Confirm Selected") : _("_Confirm");
      negative = _("_Dispute…");
      positive_tip = _("Confirm that you made the selected inquiries as recorded "
                       "(Enter or Ctrl+Return), then go on to the next");
      negative_tip = _("Say that the inquiry did not happen as recorded, with a comment (Ctrl+D)");
      break;
    case JHK_INQUIRIES_TO_CHECK:
      positive = _("_Proper");
      negative = _("_Query…");
      positive_tip = _("The fact and purpose of the selected inquiries are proper "
                       "(Enter or Ctrl+Return)");
      negative_tip = _("The inquiry needs a closer look by the operations manager, "
                       "with a comment (Ctrl+D)");
      break;
    case JHK_INQUIRIES_OFFICE:
      positive = _("_Proper…");
      negative = _("_Improper…");
      positive_tip = _("Settle the selected inquiries as proper, with a comment (Enter)");
      negative_tip = _("Settle the selected inquiries as improper, with a comment (Ctrl+D)");
      break;
    case JHK_INQUIRIES_ALL:
    default:
      break;
    }
  gtk_widget_set_visible (self->positive_button, takes_steps);
  gtk_widget_set_visible (self->negative_button, takes_steps);
  if (takes_steps)
    {
      gtk_button_set_label (GTK_BUTTON (self->positive_button), positive);
      gtk_button_set_label (GTK_BUTTON (self->negative_button), negative);
      gtk_widget_set_tooltip_text (self->positive_button, why != NULL ? why : positive_tip);
      gtk_widget_set_tooltip_text (self->negative_button, why != NULL ? why : negative_tip);
    }
  self->positive_enabled = takes_steps && why == NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.positive",
                                 self->positive_enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.negative",
                                 takes_steps && why == NULL);
  if (n > 1)
    count = g_strdup_printf (ngettext ("%u selected of %u inquiry", "%u selected of %u inquiries",
                                       listed), n, listed);
  else
    count = g_strdup_printf (ngettext ("%u inquiry", "%u inquiries", listed), listed);
  gtk_label_set_text (self->count_label, count);
}

/* Runs the view's step on ids; moves the selection on to the next record
 * after the first of them. */
static gboolean
run_step (JhkInquiriesPage  *self,
          GArray            *ids,
          gboolean           negative,
          const char        *comment,
          GError           **error)
{
  JhkDb *db = page_db (self);
  JhkSession *session = page_session (self);
  guint position = first_selected (self);
  const gint64 *data = (const gint64 *) (gpointer) ids->data;
  gint64 last = ids->len > 0 ? g_array_index (ids, gint64, ids->len - 1) : 0;
  guint last_position;
  gboolean ok = FALSE;
  const char *message = NULL;

  switch (self->scope)
    {
    case JHK_INQUIRIES_MINE:
      ok = jhk_inquiries_confirm (db, session, data, ids->len, negative, comment, error);
      message = negative ? ngettext ("The inquiry is marked as disputed.",
                                     "The inquiries are marked as disputed.", ids->len)
                         : ngettext ("The inquiry is confirmed.",
                                     "The inquiries are confirmed.", ids->len);
      break;
    case JHK_INQUIRIES_TO_CHECK:
      ok = jhk_inquiries_check (db, session, data, ids->len, negative, comment, error);
      message = negative ? ngettext ("The inquiry goes to the operations manager.",
                                     "The inquiries go to the operations manager.", ids->len)
                         : ngettext ("The inquiry is checked as proper.",
                                     "The inquiries are checked as proper.", ids->len);
      break;
    case JHK_INQUIRIES_OFFICE:
      ok = jhk_inquiries_resolve (db, session, data, ids->len, negative, comment, error);
      message = negative ? ngettext ("The inquiry is settled as improper.",
                                     "The inquiries are settled as improper.", ids->len)
                         : ngettext ("The inquiry is settled as proper.",
                                     "The inquiries are settled as proper.", ids->len);
      break;
    case JHK_INQUIRIES_ALL:
    default:
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("This view only shows the inquiries."));
      return FALSE;
    }
  if (!ok)
    {
      reload (self);
      return FALSE;
    }

  /* The next record: where the last one done was, or after it when the
   * list still shows it. */
  last_position = shown_model (self) != NULL ? jhk_query_model_find (shown_model (self), last)
                                             : G_MAXUINT;
  if (last_position != G_MAXUINT)
    position = last_position;
  reload (self);
  if (shown_model (self) != NULL && position != G_MAXUINT)
    {
      guint now = jhk_query_model_find (shown_model (self), last);

      select_position (self, now != G_MAXUINT ? now + 1 : position);
    }
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

/* The comment dialog of a step. */

typedef struct
{
  JhkInquiriesPage *page;
  GArray           *ids;
  gboolean          negative;
  gboolean          required;
} StepData;

static void
step_data_free (gpointer data)
{
  StepData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->ids, g_array_unref);
  g_free (d);
}

static gboolean
comment_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  StepData *d = user_data;
  g_autofree char *comment = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                "comment_row"));

  if (d->required && jhk_is_blank (comment))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Write a comment: it says what was wrong or what to look at."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
comment_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  StepData *d = user_data;
  g_autofree char *comment = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                "comment_row"));

  if (!comment_check (dialog, user_data, error))
    return FALSE;
  return run_step (d->page, d->ids, d->negative, jhk_is_blank (comment) ? NULL : comment, error);
}

static char *
ids_summary (JhkInquiriesPage *self,
             GArray           *ids)
{
  if (ids->len == 1 && self->current != NULL && self->current->id == g_array_index (ids, gint64, 0))
    {
      g_autofree char *at = jhk_format_japan_time (self->current->at);

      return g_strdup_printf ("%s · %s · %s · %s", jhk_or_dash (self->current->source_no), at,
                              jhk_or_dash (self->current->inquirer_name),
                              jhk_or_dash (self->current->content));
    }
  return g_strdup_printf (ngettext ("%u inquiry selected", "%u inquiries selected", ids->len),
                          ids->len);
}

static void
open_comment_dialog (JhkInquiriesPage *self,
                     GArray           *ids,
                     gboolean          negative)
{
  const char *title = NULL, *apply = NULL, *comment_title = NULL;
  g_autofree char *subtitle = ids_summary (self, ids);
  JhkFormDialog *dialog;
  StepData *d;

  switch (self->scope)
    {
    case JHK_INQUIRIES_MINE:
      title = _("Dispute Inquiry");
      apply = _("_Dispute");
      comment_title = _("_What Is Different");
      break;
    case JHK_INQUIRIES_TO_CHECK:
      title = _("Query Inquiry");
      apply = _("_Query");
      comment_title = _("_What to Look At");
      break;
    case JHK_INQUIRIES_OFFICE:
      title = negative ? _("Settle as Improper") : _("Settle as Proper");
      apply = negative ? _("_Improper") : _("_Proper");
      comment_title = _("_Comment");
      break;
    case JHK_INQUIRIES_ALL:
    default:
      return;
    }
  dialog = jhk_form_dialog_new (title, apply, "/org/example/Jhk/ui/jhk-inquiry-comment-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (jhk_form_dialog_get_object (dialog, "record_row")),
                               subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (jhk_form_dialog_get_object (dialog,
                                                                                  "comment_row")),
                                 comment_title);
  d = g_new0 (StepData, 1);
  d->page = g_object_ref (self);
  d->ids = g_array_ref (ids);
  d->negative = negative;
  d->required = TRUE;
  jhk_form_dialog_set_apply_func (dialog, comment_apply, d, step_data_free);
  jhk_form_dialog_set_check_func (dialog, comment_check);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static void
bulk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  JhkInquiriesPage *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  /* The selection as it is now: the dialog was modal. */
  ids = selected_ids (self);
  if (ids->len != GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "jhk-n")))
    {
      jhk_widget_show_toast (GTK_WIDGET (self),
                             _("The list changed meanwhile: nothing was confirmed. Select the "
                               "inquiries again."));
      return;
    }
  if (!run_step (self, ids, FALSE, NULL, &error))
    jhk_widget_show_error (GTK_WIDGET (self), error);
}

static void
positive_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  /* Many selected: asked first, read once confirmed. */
  g_array_unref (selected_ids_max (self, 0, &n));
  if (n == 0)
    return;
  if (self->scope == JHK_INQUIRIES_OFFICE)
    {
      ids = selected_ids (self);
      open_comment_dialog (self, ids, FALSE);
      return;
    }
  if (n > 1)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      if (self->scope == JHK_INQUIRIES_MINE)
        {
          heading = g_strdup_printf (ngettext ("Confirm %u Inquiry?", "Confirm %u Inquiries?",
                                               n), n);
          body = g_strdup (_("You confirm that you made each of them as recorded, "
                             "for the reason recorded."));
        }
      else
        {
          heading = g_strdup_printf (ngettext ("Check %u Inquiry as Proper?",
                                               "Check %u Inquiries as Proper?", n),
                                     n);
          body = g_strdup (_("You confirm that the fact and purpose of each of them are "
                             "proper."));
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                                : NULL,
                                                           heading, body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                        "apply", self->scope == JHK_INQUIRIES_MINE
                                                   ? _("_Confirm") : _("_Proper"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "apply");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_object_set_data (G_OBJECT (dialog), "jhk-n", GUINT_TO_POINTER (n));
      g_signal_connect_object (dialog, "response", G_CALLBACK (bulk_response_cb), self, 0);
      jhk_present_dialog (widget, GTK_WINDOW (dialog));
      return;
    }
  ids = selected_ids (self);
  if (!run_step (self, ids, FALSE, NULL, &error))
    jhk_widget_show_error (widget, error);
}

static void
negative_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  g_autoptr(GArray) ids = selected_ids (self);

  if (ids->len > 0)
    open_comment_dialog (self, ids, TRUE);
}

/* Enter on a row: the view's step on the selected records. */
static void
row_activated_cb (JhkInquiriesPage *self,
                  guint             position)
{
  if (first_selected (self) == G_MAXUINT)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  if (!self->positive_enabled)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "inquiries.positive", NULL);
}

/* ---- the office and month ---- */

static JhkInquiryFilter
current_filter (JhkInquiriesPage *self)
{
  JhkInquiryFilter filter = { 0 };
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);

  if (scope_has_period (self->scope))
    {
      filter.office_id = self->office_id;
      filter.period = self->period;
    }
  filter.stage = stage <= JHK_INQUIRY_STAGE_DONE ? (JhkInquiryStage) stage
                                                 : JHK_INQUIRY_STAGE_ANY;
  filter.disputed = gtk_toggle_button_get_active (self->disputed_toggle);
  filter.flags = gtk_toggle_button_get_active (self->flagged_toggle) ? ALL_FLAGS : 0;
  filter.overdue = gtk_toggle_button_get_active (self->overdue_toggle);
  g_free (self->text);
  self->text = jhk_editable_dup_text (self->search_entry);
  filter.text = jhk_is_blank (self->text) ? NULL : self->text;
  return filter;
}

/* The offices of the view: those the user is 運用管理者 of, or all. */
static void
fill_offices (JhkInquiriesPage *self)
{
  g_autoptr(JhkQueryModel) units = jhk_lists_org_units (page_db (self));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gboolean all = self->scope == JHK_INQUIRIES_ALL;

  g_array_set_size (self->office_ids, 0);
  if (all)
    {
      gint64 none = 0;

      g_array_append_val (self->office_ids, none);
      g_ptr_array_add (labels, g_strdup (_("All Offices")));
    }
  jhk_lists_org_units_filter (units, "office");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (units)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (units), i);
      gint64 id = jhk_row_get_id (row);

      if (!all && !jhk_policy_has_role_for_org (page_db (self), page_session (self),
                                                JHK_ROLE_OPS_MANAGER, id))
        continue;
      if (id == self->office_id)
        selected = self->office_ids->len;
      g_array_append_val (self->office_ids, id);
      g_ptr_array_add (labels, jhk_org_unit_row_label (row));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->office_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->office_list)),
                          (const char *const *) labels->pdata);
  self->office_id = self->office_ids->len > 0 ? g_array_index (self->office_ids, gint64, selected)
                                              : 0;
  gtk_drop_down_set_selected (self->office_dropdown, selected);
}

/* The months of the office, newest first; the chosen one kept. */
static void
fill_periods (JhkInquiriesPage *self)
{
  g_auto(GStrv) periods = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gboolean all = self->scope == JHK_INQUIRIES_ALL || self->office_id == 0;

  if (self->office_id != 0 || self->scope == JHK_INQUIRIES_ALL)
    periods = jhk_inquiries_periods (page_db (self), page_session (self), self->office_id, NULL);
  g_ptr_array_set_size (self->periods, 0);
  if (all)
    {
      g_ptr_array_add (self->periods, g_strdup (""));
      g_ptr_array_add (labels, g_strdup (_("All Months")));
    }
  for (guint i = 0; periods != NULL && periods[i] != NULL; i++)
    {
      if (g_strcmp0 (periods[i], self->period) == 0)
        selected = self->periods->len;
      g_ptr_array_add (self->periods, g_strdup (periods[i]));
      g_ptr_array_add (labels, g_strdup (periods[i]));
    }
  if (self->periods->len == 0)
    {
      g_ptr_array_add (self->periods, g_strdup (""));
      g_ptr_array_add (labels, g_strdup (_("No Months")));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->period_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->period_list)),
                          (const char *const *) labels->pdata);
  g_free (self->period);
  self->period = g_strdup (g_ptr_array_index (self->periods, selected));
  if (*self->period == '\0')
    g_clear_pointer (&self->period, g_free);
  gtk_drop_down_set_selected (self->period_dropdown, selected);
}

static void
set_count_button (GtkWidget  *button,
                  const char *text,
                  guint       n,
                  const char *css)
{
  gtk_button_set_label (GTK_BUTTON (button), text);
  gtk_widget_set_sensitive (button, n > 0);
  if (n > 0)
    gtk_widget_add_css_class (button, css);
  else
    gtk_widget_remove_css_class (button, css);
}

static void
add_progress_row (JhkInquiriesPage         *self,
                  int                       row,
                  const JhkInquiryProgress *p,
                  gboolean                  officer)
{
  g_autofree char *name = officer && p->staff_no != NULL && *p->staff_no != '\0'
    ? g_strdup_printf ("%s (%s)", jhk_or_dash (p->name), p->staff_no)
    : g_strdup (p->id != 0 ? jhk_or_dash (p->name) : _("Unknown"));
  g_autofree char *text = g_strdup_printf ("%u / %u", p->done, p->total);
  g_autofree char *tip = g_strdup_printf (_("%u inquiries: %u confirmed by their officer, "
                                            "%u checked, %u done; %u disputed, %u queried, "
                                            "%u flagged, %u overdue"),
                                          p->total, p->confirmed, p->checked, p->done,
                                          p->disputed, p->queried, p->flagged, p->overdue);
  g_autofree char *accessible = g_strdup_printf (_("%s: %s done"), name, text);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar),
                                 p->total > 0 ? (double) p->done / p->total : 0);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), text);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label, tip);
  gtk_widget_set_tooltip_text (bar, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  if (p->overdue > 0 || p->disputed > 0)
    gtk_widget_add_css_class (label, p->overdue > 0 ? "error" : "warning");
  gtk_grid_attach (self->progress_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->progress_grid, bar, 1, row, 1, 1);
}

static int
add_progress_heading (JhkInquiriesPage *self,
                      int               row,
                      const char       *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  if (row > 0)
    gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (self->progress_grid, label, 0, row, 2, 1);
  return row + 1;
}

static void
fill_summary (JhkInquiriesPage *self)
{
  JhkDb *db = page_db (self);
  JhkSession *session = page_session (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  JhkInquirySummary *s;
  int row = 0;

  g_clear_pointer (&self->summary, jhk_inquiry_summary_free);
  jhk_widget_remove_children (GTK_WIDGET (self->progress_grid));
  if (!scope_has_period (self->scope) || self->office_id == 0 || self->period == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_revealer), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.sign-off", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.sheet", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.register-sheet", FALSE);
      return;
    }
  s = self->summary = jhk_inquiries_summary (db, session, self->office_id, self->period, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_revealer), s != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.sheet", s != NULL);
  {
    /* R14-7: the sheets are materials of the business the settings name. */
    gboolean business = jhk_settings_get_int (db, JHK_SETTING_INQUIRY_BUSINESS) != 0;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.register-sheet",
                                   s != NULL && self->scope == JHK_INQUIRIES_OFFICE && business);
    gtk_widget_set_tooltip_text (self->register_sheet_button,
                                 business ? _("Register the printed check sheet as an output "
                                              "material kept in a locked place (R14-7)")
                                          : _("No approved business is set for the inquiry "
                                              "check sheets: the system administrator sets it "
                                              "in the settings first."));
  }
  gtk_widget_set_visible (self->register_sheet_button, self->scope == JHK_INQUIRIES_OFFICE);
  gtk_widget_set_visible (self->sign_off_button, self->scope == JHK_INQUIRIES_OFFICE);
  if (s == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.sign-off", FALSE);
      return;
    }

  {
    g_autofree char *heading = g_strdup_printf (ngettext ("%s, %s: %u inquiry",
                                                          "%s, %s: %u inquiries", s->total.total),
                                                jhk_or_dash (s->office_name), s->period,
                                                s->total.total);
    g_autofree char *done = g_strdup_printf (_("%u / %u done"), s->total.done, s->total.total);
    g_autofree char *text = NULL;

    gtk_label_set_text (self->summary_label, heading);
    gtk_progress_bar_set_fraction (self->total_bar, s->total.total > 0
                                                      ? (double) s->total.done / s->total.total
                                                      : 0);
    gtk_progress_bar_set_text (self->total_bar, done);

    text = g_strdup_printf (_("Overdue: %u"), s->total.overdue);
    set_count_button (self->overdue_button, text, s->total.overdue, "error");
    g_free (text);
    text = g_strdup_printf (_("Disputed: %u"), s->total.disputed);
    set_count_button (self->disputed_button, text, s->total.disputed, "error");
    g_free (text);
    text = g_strdup_printf (_("Flagged: %u"), s->total.flagged);
    set_count_button (self->flagged_button, text, s->total.flagged, "warning");
    g_free (text);
    text = g_strdup_printf (_("Queried: %u"), s->total.queried);
    set_count_button (self->resolve_button, text, s->total.queried, "warning");
    gtk_widget_set_tooltip_text (self->overdue_button, _("Show the overdue inquiries"));
    gtk_widget_set_tooltip_text (self->disputed_button, _("Show the disputed inquiries"));
    gtk_widget_set_tooltip_text (self->flagged_button, _("Show the flagged inquiries"));
    gtk_widget_set_tooltip_text (self->resolve_button,
                                 _("Show the inquiries left for the operations manager to "
                                   "settle"));
  }

  if (s->signed_off_at != 0)
    {
      g_autofree char *at = jhk_format_time (s->signed_off_at);
      g_autofree char *text = s->sign_off_comment != NULL && *s->sign_off_comment != '\0'
        ? g_strdup_printf (_("Signed off by %s on %s: “%s”"), jhk_or_dash (s->signed_off_by_name),
                           at, s->sign_off_comment)
        : g_strdup_printf (_("Signed off by %s on %s."), jhk_or_dash (s->signed_off_by_name), at);

      gtk_label_set_text (self->sign_off_label, text);
    }
  else
    gtk_label_set_text (self->sign_off_label, _("The month is not signed off yet."));

  why = jhk_inquiries_sign_off_refusal (db, session, self->office_id, self->period);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.sign-off",
                                 why == NULL && self->scope == JHK_INQUIRIES_OFFICE);
  gtk_widget_set_tooltip_text (self->sign_off_button,
                               why != NULL ? why
                                           : _("Confirm that the office's inquiries of the "
                                               "month were proper (R14-6)"));

  {
    g_autoptr(GPtrArray) holidays = NULL;
    int year = 0;

    if (sscanf (s->period, "%d", &year) == 1)
      holidays = jhk_holidays_list (db, year, NULL);
    jhk_inquiry_chart_set_data (self->chart, s->period, s->n_days, s->daily, s->daily_flagged,
                                holidays);
  }

  if (s->sections != NULL && s->sections->len > 0)
    {
      row = add_progress_heading (self, row, _("By Section"));
      for (guint i = 0; i < s->sections->len; i++)
        add_progress_row (self, row++, g_ptr_array_index (s->sections, i), FALSE);
    }
  if (s->officers != NULL && s->officers->len > 0)
    {
      row = add_progress_heading (self, row, _("By Officer"));
      for (guint i = 0; i < s->officers->len; i++)
        add_progress_row (self, row++, g_ptr_array_index (s->officers, i), TRUE);
    }
}

/* ---- loading ---- */

static const char *
empty_text (JhkInquiriesPage *self)
{
  gboolean filtered;

  filtered = gtk_drop_down_get_selected (self->stage_dropdown) != JHK_INQUIRY_STAGE_ANY ||
             gtk_toggle_button_get_active (self->flagged_toggle) ||
             gtk_toggle_button_get_active (self->disputed_toggle) ||
             gtk_toggle_button_get_active (self->overdue_toggle) ||
             !jhk_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (filtered)
    switch (self->scope)
      {
      case JHK_INQUIRIES_MINE:
        return _("Nothing is left for you to confirm here. To see the inquiries you have "
                 "already confirmed, choose “Any step” and clear the search.");
      case JHK_INQUIRIES_TO_CHECK:
        return _("Nothing is left for you to check here. To see the inquiries already "
                 "checked, choose “Any step” and clear the search.");
      default:
        return _("No inquiry matches the filters. Choose “Any step”, turn off the buttons "
                 "and clear the search to see them all.");
      }
  switch (self->scope)
    {
    case JHK_INQUIRIES_MINE:
      return _("You have no inquiry records. The system administrator imports them from "
               "the inquiry system each month; yours then wait here for your confirmation.");
    case JHK_INQUIRIES_TO_CHECK:
      return _("Your sections have no inquiry records yet. They come here once the "
               "system administrator imports them.");
    case JHK_INQUIRIES_OFFICE:
      return _("The office has no inquiry records for this month. Choose another month, or "
               "ask the system administrator to import the inquiry system's records.");
    case JHK_INQUIRIES_ALL:
    default:
      return gtk_widget_get_visible (self->import_button)
               ? _("There are no inquiry records. Use “Import Inquiry Records…” to read the "
                   "inquiry system's CSV file.")
               : _("There are no inquiry records yet.");
    }
}

/* The list of the view with the filter of the widgets, read again. */
static void
refresh_list (JhkInquiriesPage *self)
{
  JhkInquiryFilter filter = current_filter (self);
  JhkQueryModel *model = self->models[self->scope];
  guint n;

  if (model == NULL)
    model = self->models[self->scope] = jhk_inquiries_list_model (page_db (self),
                                                                  page_session (self),
                                                                  self->scope, &filter);
  else
    jhk_inquiries_list_model_set_filter (model, &filter);
  if (gtk_multi_selection_get_model (self->selection) != G_LIST_MODEL (model))
    gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (model));
  n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  adw_status_page_set_description (self->empty_page, empty_text (self));
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "empty" : "list");
  selection_changed_cb (self);
}

static void
fill_scopes (JhkInquiriesPage *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = 0;

  self->n_shown = 0;
  for (guint s = 0; s < N_SCOPES; s++)
    {
      if (!jhk_inquiries_may_view_scope (page_session (self), s))
        continue;
      if (s == self->scope)
        selected = self->n_shown;
      self->shown[self->n_shown++] = s;
      g_ptr_array_add (labels, (gpointer) scope_label (s));
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->scope_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->scope_list)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->scope_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_dropdown), self->n_shown > 1);
}

static void
reload (JhkInquiriesPage *self)
{
  self->filling = TRUE;
  fill_scopes (self);
  gtk_widget_set_visible (GTK_WIDGET (self->office_dropdown), scope_has_period (self->scope));
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), scope_has_period (self->scope));
  if (scope_has_period (self->scope))
    {
      fill_offices (self);
      fill_periods (self);
    }
  self->filling = FALSE;
  fill_summary (self);
  refresh_list (self);
}

/* The steps a view starts on. */
static JhkInquiryStage
default_stage (JhkInquiriesScope scope)
{
  switch (scope)
    {
    case JHK_INQUIRIES_MINE:
      return JHK_INQUIRY_STAGE_TO_CONFIRM;
    case JHK_INQUIRIES_TO_CHECK:
      return JHK_INQUIRY_STAGE_TO_CHECK;
    case JHK_INQUIRIES_OFFICE:
    case JHK_INQUIRIES_ALL:
    default:
      return JHK_INQUIRY_STAGE_ANY;
    }
}

/* Shows a view with its starting filter, or the given one. */
static void
set_scope (JhkInquiriesPage *self,
           JhkInquiriesScope scope,
           JhkInquiryStage   stage,
           gboolean          disputed,
           gboolean          flagged,
           gboolean          overdue)
{
  self->filling = TRUE;
  if (scope != self->scope || self->office_ids->len == 0)
    {
      /* The office of the user's own unit for the 運用管理者, all offices
       * and months for the others. */
      self->office_id = scope == JHK_INQUIRIES_OFFICE
                          ? jhk_session_get_org_unit_id (page_session (self)) : 0;
      g_clear_pointer (&self->period, g_free);
    }
  self->scope = scope;
  gtk_drop_down_set_selected (self->stage_dropdown, stage);
  gtk_toggle_button_set_active (self->disputed_toggle, disputed);
  gtk_toggle_button_set_active (self->flagged_toggle, flagged);
  gtk_toggle_button_set_active (self->overdue_toggle, overdue);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->filling = FALSE;
  reload (self);
  /* The first record selected, for Enter at once. */
  if (first_selected (self) == G_MAXUINT &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    select_position (self, 0);
}

static void
scope_changed_cb (JhkInquiriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  if (self->filling || self->selection == NULL || selected >= self->n_shown ||
      self->shown[selected] == self->scope)
    return;
  set_scope (self, self->shown[selected], default_stage (self->shown[selected]),
             FALSE, FALSE, FALSE);
}

static void
office_changed_cb (JhkInquiriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->office_dropdown);

  if (self->filling || self->selection == NULL || selected >= self->office_ids->len)
    return;
  self->office_id = g_array_index (self->office_ids, gint64, selected);
  self->filling = TRUE;
  fill_periods (self);
  self->filling = FALSE;
  fill_summary (self);
  refresh_list (self);
}

static void
period_changed_cb (JhkInquiriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  const char *period;

  if (self->filling || self->selection == NULL || selected >= self->periods->len)
    return;
  period = g_ptr_array_index (self->periods, selected);
  g_free (self->period);
  self->period = *period != '\0' ? g_strdup (period) : NULL;
  fill_summary (self);
  refresh_list (self);
}

static void
filter_changed_cb (JhkInquiriesPage *self)
{
  if (!self->filling && self->selection != NULL)
    refresh_list (self);
}

/* Ctrl+F: the search; Escape there clears it and goes back to the list. */
static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JHK_INQUIRIES_PAGE (widget)->search_entry));
}

static void
stop_search_cb (JhkInquiriesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refresh_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->inquiries_view));
}

/* A count of the summary: the list shows those records. */
static void
count_clicked_cb (GtkButton        *button,
                  JhkInquiriesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (button);

  set_scope (self, self->scope,
             widget == self->resolve_button ? JHK_INQUIRY_STAGE_TO_RESOLVE
                                            : JHK_INQUIRY_STAGE_ANY,
             widget == self->disputed_button, widget == self->flagged_button,
             widget == self->overdue_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->inquiries_view));
}

/* ---- sign-off, the check sheet and its registration ---- */

static char *
period_subtitle (JhkInquiriesPage *self)
{
  return g_strdup_printf ("%s · %s",
                          self->summary != NULL ? jhk_or_dash (self->summary->office_name) : "—",
                          jhk_or_dash (self->period));
}

static gboolean
sign_off_apply (JhkFormDialog  *dialog,
                gpointer        user_data,
                GError        **error)
{
  JhkInquiriesPage *self = user_data;
  g_autofree char *comment = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                                "comment_row"));

  if (!jhk_inquiries_sign_off (page_db (self), page_session (self), self->office_id,
                               self->period, jhk_is_blank (comment) ? NULL : comment, error))
    {
      reload (self);
      return FALSE;
    }
  reload (self);
  jhk_widget_show_toast (GTK_WIDGET (self), _("The month is signed off."));
  return TRUE;
}

static void
sign_off_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  g_autofree char *subtitle = period_subtitle (self);
  JhkFormDialog *dialog;

  if (self->period == NULL || self->office_id == 0)
    return;
  dialog = jhk_form_dialog_new (_("Sign Off the Month"), _("_Sign Off"),
                                "/org/example/Jhk/ui/jhk-inquiry-sign-off-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (jhk_form_dialog_get_object (dialog, "period_row")),
                               subtitle);
  jhk_form_dialog_set_apply_func (dialog, sign_off_apply, g_object_ref (self), g_object_unref);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
draw_sheet_cb (cairo_t  *cr,
               guint     page,
               gpointer  user_data)
{
  jhk_inquiry_sheet_draw_page (user_data, cr, page);
}

static void
register_toast_clicked_cb (AdwToast         *toast,
                           JhkInquiriesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "inquiries.register-sheet", NULL);
}

/* R14-7: a printed or saved sheet is a material; once the preview closes,
 * the toast offers to register it. */
static gboolean
preview_closed_cb (JhkInquiriesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!JHK_IS_WINDOW (root) ||
      !gtk_widget_is_sensitive (self->register_sheet_button))
    return FALSE;
  toast = adw_toast_new (_("A printed or saved check sheet holds personal data: register it "
                           "in the ledger (R14-7)."));
  adw_toast_set_button_label (toast, _("_Register…"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (register_toast_clicked_cb), self,
                           0);
  g_object_set_data_full (G_OBJECT (self), "jhk-last-toast", g_object_ref (toast),
                          g_object_unref);
  jhk_window_add_toast (JHK_WINDOW (root), toast);
  return FALSE;
}

static void
sheet_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  JhkInquirySheet *sheet;
  g_autofree char *title = NULL;
  JhkFormPreview *preview;

  if (self->period == NULL || self->office_id == 0)
    return;
  sheet = jhk_inquiry_sheet_load (page_db (self), page_session (self), self->office_id,
                                  self->period, &error);
  if (sheet == NULL)
    {
      jhk_widget_show_error (widget, error);
      return;
    }
  title = jhk_inquiry_sheet_get_title (sheet);
  if (title == NULL)
    title = g_strdup_printf (_("Inquiry Check Sheet %s"), self->period);
  preview = jhk_form_preview_new (title, title, jhk_inquiry_sheet_get_n_pages (sheet),
                                  draw_sheet_cb, sheet, (GDestroyNotify) jhk_inquiry_sheet_free);
  if (self->scope == JHK_INQUIRIES_OFFICE)
    g_signal_connect_object (preview, "close-request", G_CALLBACK (preview_closed_cb), self,
                             G_CONNECT_SWAPPED);
  jhk_form_preview_present (preview, widget);
}

typedef struct
{
  JhkInquiriesPage *page;
  GArray           *place_ids;
} SheetData;

static void
sheet_data_free (gpointer data)
{
  SheetData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->place_ids, g_array_unref);
  g_free (d);
}

static gboolean
sheet_read (JhkFormDialog  *dialog,
            SheetData      *d,
            gint64         *out_place,
            int            *out_copies,
            GError        **error)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                                          "place_row")));
  g_autofree char *copies = jhk_editable_dup_text (jhk_form_dialog_get_object (dialog,
                                                                               "copies_row"));
  char *end = NULL;
  gint64 n = copies != NULL ? g_ascii_strtoll (copies, &end, 10) : 0;

  if (selected >= d->place_ids->len)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The office has no locked storage place: register one in the "
                             "Materials Ledger first."));
      return FALSE;
    }
  if (copies == NULL || end == copies || *end != '\0' || n < 1 || n > 99)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("Enter the number of copies, from 1 to 99."));
      return FALSE;
    }
  *out_place = g_array_index (d->place_ids, gint64, selected);
  *out_copies = (int) n;
  return TRUE;
}

static gboolean
sheet_check (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  gint64 place;
  int copies;

  return sheet_read (dialog, user_data, &place, &copies, error);
}

static void
material_toast_clicked_cb (AdwToast         *toast,
                           JhkInquiriesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "jhk-material"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;

  if (jhk_form_preview_show_material (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      page_db (self), page_session (self), id, &error) == NULL)
    jhk_widget_show_error (GTK_WIDGET (self), error);
}

/* The toast says where the sheet went, with its 入出力資料管理票 a click
 * away. */
static void
show_material_toast (JhkInquiriesPage *self,
                     const char       *message,
                     gint64            material)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!JHK_IS_WINDOW (root))
    {
      jhk_widget_show_toast (GTK_WIDGET (self), message);
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Materials Sheet"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data (G_OBJECT (toast), "jhk-material", GSIZE_TO_POINTER (material));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (material_toast_clicked_cb), self,
                           0);
  /* For the tests. */
  g_object_set_data_full (G_OBJECT (self), "jhk-last-toast", g_object_ref (toast),
                          g_object_unref);
  jhk_window_add_toast (JHK_WINDOW (root), toast);
}

static gboolean
sheet_apply (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  SheetData *d = user_data;
  JhkInquiriesPage *self = d->page;
  gint64 place, material;
  int copies;
  g_autofree char *message = NULL;

  if (!sheet_read (dialog, d, &place, &copies, error))
    return FALSE;
  material = jhk_inquiries_register_sheet (page_db (self), page_session (self), self->office_id,
                                           self->period, place, copies, error);
  if (material == 0)
    return FALSE;
  message = g_strdup_printf (_("The check sheet is registered in the ledger as material %lld."),
                             (long long) material);
  show_material_toast (self, message, material);
  reload (self);
  return TRUE;
}

static void
register_sheet_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  g_autoptr(JhkQueryModel) places = NULL;
  g_autofree char *subtitle = period_subtitle (self);
  g_autoptr(GError) error = NULL;
  GtkStringList *list;
  JhkFormDialog *dialog;
  SheetData *d;

  if (self->period == NULL || self->office_id == 0)
    return;
  dialog = jhk_form_dialog_new (_("Register Check Sheet"), _("_Register"),
                                "/org/example/Jhk/ui/jhk-inquiry-sheet-form.ui");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, subtitle);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (jhk_form_dialog_get_object (dialog, "period_row")),
                               subtitle);
  d = g_new0 (SheetData, 1);
  d->page = g_object_ref (self);
  d->place_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  list = GTK_STRING_LIST (jhk_form_dialog_get_object (dialog, "place_list"));
  places = jhk_lists_storage_places (page_db (self), self->office_id);
  if (!jhk_query_model_refresh (places, &error))
    jhk_widget_show_error (widget, error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (places)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (places), i);
      gint64 id = jhk_row_get_id (row);

      if (jhk_row_int64 (row, "locked") == 0)
        continue;
      g_array_append_val (d->place_ids, id);
      gtk_string_list_append (list, jhk_or_dash (jhk_row_get_by_name (row, "name")));
    }
  jhk_form_dialog_set_apply_func (dialog, sheet_apply, d, sheet_data_free);
  jhk_form_dialog_set_check_func (dialog, sheet_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

/* ---- the register of 照会者 (R14-1) and the import (R14-5) ---- */

static void
register_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);

  jhk_inquirer_register_dialog_present (widget, page_db (self), page_session (self));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);

  jhk_inquiry_import_dialog_present (widget, page_db (self), page_session (self),
                                     JHK_INQUIRY_IMPORT_INQUIRIES);
}

/* ---- the purge of expired records (R13-3, R14-5) ---- */

/* The dialog's offices: 0 (all) first, then each office by code. */
typedef struct
{
  JhkInquiriesPage *self;
  GArray           *office_ids;
  AdwComboRow      *office_row;
} PurgeData;

static void
purge_data_free (gpointer data)
{
  PurgeData *d = data;

  g_object_unref (d->self);
  g_array_unref (d->office_ids);
  g_free (d);
}

static gint64
purge_office (PurgeData *d)
{
  guint i = adw_combo_row_get_selected (d->office_row);

  return i < d->office_ids->len ? g_array_index (d->office_ids, gint64, i) : 0;
}

/* The preview of the office chosen: the body says what is deleted, and
 * the purge is possible only when something is due. */
static void
purge_preview (AdwMessageDialog *dialog,
               PurgeData        *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  guint records = 0, trails = 0;
  gint64 oldest = 0, newest = 0;

  if (!jhk_inquiries_purge_preview (page_db (d->self), page_session (d->self), purge_office (d),
                                    &records, &trails, &oldest, &newest, &error))
    body = g_strdup (error->message);
  else if (records == 0 && trails == 0)
    body = g_strdup_printf (_("Nothing is due: no inquiry record or access trail of this choice "
                              "is older than %d years."), JHK_RETENTION_YEARS);
  else
    {
      g_autofree char *from = jhk_format_japan_time (oldest);
      g_autofree char *to = jhk_format_japan_time (newest);

      body = g_strdup_printf (_("%u inquiry records and %u access trails from %s to %s, older "
                                "than %d years, will be deleted. This cannot be undone; the "
                                "audit log records the range deleted for each office."),
                              records, trails, from, to, JHK_RETENTION_YEARS);
    }
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "purge",
                                           error == NULL && (records > 0 || trails > 0));
}

static void
purge_office_changed_cb (AdwComboRow      *row,
                         GParamSpec       *pspec,
                         AdwMessageDialog *dialog)
{
  purge_preview (dialog, g_object_get_data (G_OBJECT (dialog), "purge-data"));
}

static void
purge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PurgeData        *d)
{
  JhkInquiriesPage *self = d->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint records = 0, trails = 0;

  if (g_strcmp0 (response, "purge") != 0)
    return;
  if (!jhk_inquiries_purge (page_db (self), page_session (self), purge_office (d), &records,
                            &trails, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  message = g_strdup_printf (_("%u inquiry records and %u access trails were deleted."),
                             records, trails);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  reload (self);
}

static void
purge_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(JhkDbStmt) stmt = NULL;
  PurgeData *d = g_new0 (PurgeData, 1);
  AdwMessageDialog *dialog;
  GtkWidget *list;
  gint64 all = 0;

  d->self = g_object_ref (self);
  d->office_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, _("All offices"));
  g_array_append_val (d->office_ids, all);
  stmt = jhk_db_query (page_db (self), NULL,
                       "SELECT id, code, name FROM org_units WHERE kind = 'office'"
                       " ORDER BY code", JHK_DB_END);
  while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      g_autofree char *label = g_strdup_printf ("%s %s", jhk_db_stmt_get_text (stmt, 1),
                                                jhk_db_stmt_get_text (stmt, 2));

      gtk_string_list_append (names, label);
      g_array_append_val (d->office_ids, id);
    }

  d->office_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (d->office_row), "purge_office_row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->office_row), _("Office"));
  adw_combo_row_set_model (d->office_row, G_LIST_MODEL (names));
  if (self->office_id != 0)
    for (guint i = 0; i < d->office_ids->len; i++)
      if (g_array_index (d->office_ids, gint64, i) == self->office_id)
        adw_combo_row_set_selected (d->office_row, i);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->office_row));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                       _("Purge Expired Records?"), NULL));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "purge", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "purge-data", d, purge_data_free);
  g_signal_connect_object (d->office_row, "notify::selected",
                           G_CALLBACK (purge_office_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (purge_response_cb), d);
  purge_preview (dialog, d);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
update_tools (JhkInquiriesPage *self)
{
  JhkSession *session = page_session (self);
  gboolean sysadmin = jhk_session_has_role (session, JHK_ROLE_SYSADMIN);

  /* R14-5: the システム管理者 imports; R14-1: the 総括責任者 and 主管部長
   * (and the システム管理者) keep the register. */
  gtk_widget_set_visible (self->import_button, sysadmin);
  /* R13-3, R14-5: the システム管理者 purges what is past its retention. */
  gtk_widget_set_visible (self->purge_button, sysadmin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inquiries.purge", sysadmin);
  gtk_widget_set_visible (self->register_button,
                          sysadmin || jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ||
                          jhk_session_has_role (session, JHK_ROLE_DEPT_HEAD));
}

/* ---- from the dashboard ---- */

static void
attention_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  JhkSession *session = page_session (self);
  JhkInquiriesScope scope = self->scope;
  JhkInquiryStage stage = JHK_INQUIRY_STAGE_ANY;
  gboolean overdue = FALSE;

  if (g_strcmp0 (key, "inquiries.confirm") == 0)
    {
      scope = JHK_INQUIRIES_MINE;
      stage = JHK_INQUIRY_STAGE_TO_CONFIRM;
    }
  else if (g_strcmp0 (key, "inquiries.check") == 0)
    {
      scope = JHK_INQUIRIES_TO_CHECK;
      stage = JHK_INQUIRY_STAGE_TO_CHECK;
    }
  else if (g_strcmp0 (key, "inquiries.resolve") == 0)
    {
      scope = JHK_INQUIRIES_OFFICE;
      stage = JHK_INQUIRY_STAGE_TO_RESOLVE;
    }
  else if (g_strcmp0 (key, "inquiries.overdue") == 0)
    {
      static const JhkInquiriesScope order[] = { JHK_INQUIRIES_OFFICE, JHK_INQUIRIES_TO_CHECK,
                                                 JHK_INQUIRIES_MINE };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        if (jhk_inquiries_may_view_scope (session, order[i]))
          {
            scope = order[i];
            break;
          }
      overdue = TRUE;
    }
  else if (g_strcmp0 (key, "inquiries.sign_off") == 0)
    scope = JHK_INQUIRIES_OFFICE;
  if (!jhk_inquiries_may_view_scope (session, scope))
    scope = self->scope;
  set_scope (self, scope, stage, FALSE, FALSE, overdue);
  if (g_strcmp0 (key, "inquiries.sign_off") == 0 && self->summary != NULL)
    {
      /* The oldest month not signed off yet. */
      for (guint i = self->periods->len; i > 0; i--)
        {
          const char *period = g_ptr_array_index (self->periods, i - 1);
          g_autofree char *why = NULL;

          if (*period == '\0')
            continue;
          why = jhk_inquiries_sign_off_refusal (page_db (self), session, self->office_id, period);
          if (why == NULL)
            {
              gtk_drop_down_set_selected (self->period_dropdown, i - 1);
              break;
            }
        }
      gtk_widget_grab_focus (self->sign_off_button);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    select_position (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->inquiries_view));
}

/* ---- GObject ---- */

static void
jhk_inquiries_page_constructed (GObject *object)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("Time"), NULL, at_text, 130, FALSE },
    { N_("Inquiry No."), "source_no", NULL, 105, FALSE },
    { N_("Inquirer"), NULL, inquirer_text, 90, FALSE },
    { N_("Type"), "kind", NULL, 80, FALSE },
    { N_("Grounds"), NULL, reason_text, 90, FALSE },
    { N_("Case No."), NULL, case_text, 80, FALSE },
    { N_("Content"), "content", NULL, 140, TRUE },
    { N_("Terminal"), NULL, terminal_text, 70, FALSE },
    { N_("State"), NULL, state_text, 110, FALSE },
  };
  const char *stages[] = { _("Any step"), _("To confirm"), _("To check"), _("To settle"),
                           _("Not done"), _("Done"), NULL };

  G_OBJECT_CLASS (jhk_inquiries_page_parent_class)->constructed (object);

  gtk_string_list_splice (self->stage_list, 0, 0, stages);
  jhk_column_view_add_columns (self->inquiries_view, columns, G_N_ELEMENTS (columns));
  add_flags_column (self);
  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->inquiries_view, GTK_SELECTION_MODEL (self->selection));
  update_tools (self);

  /* The view of the user's role: the first they have. */
  self->scope = JHK_INQUIRIES_ALL;
  for (guint s = 0; s < N_SCOPES; s++)
    if (jhk_inquiries_may_view_scope (page_session (self), s))
      {
        self->scope = s;
        break;
      }
  set_scope (self, self->scope, default_stage (self->scope), FALSE, FALSE, FALSE);
}

static void
jhk_inquiries_page_dispose (GObject *object)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_INQUIRIES_PAGE);
  g_clear_object (&self->selection);
  for (guint s = 0; s < N_SCOPES; s++)
    g_clear_object (&self->models[s]);
  g_clear_pointer (&self->current, jhk_inquiry_record_free);
  g_clear_pointer (&self->summary, jhk_inquiry_summary_free);
  G_OBJECT_CLASS (jhk_inquiries_page_parent_class)->dispose (object);
}

static void
jhk_inquiries_page_finalize (GObject *object)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (object);

  g_clear_pointer (&self->office_ids, g_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_free (self->period);
  g_free (self->text);
  G_OBJECT_CLASS (jhk_inquiries_page_parent_class)->finalize (object);
}

static void
jhk_inquiries_page_reload (JhkPage *page)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (page);

  /* Others' changes: the same view and filter, read again. */
  self->filling = TRUE;
  if (scope_has_period (self->scope))
    fill_periods (self);
  self->filling = FALSE;
  fill_summary (self);
  refresh_list (self);
}

/* The keys go to the list first when the focus comes in (the workspace
 * opened by its shortcut or from the sidebar), so that Enter confirms at
 * once; Shift+Tab reaches the filters above. */
static gboolean
jhk_inquiries_page_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  JhkInquiriesPage *self = JHK_INQUIRIES_PAGE (widget);

  if (jhk_page_focus_list_first (widget, direction, self->list_stack,
                                 GTK_WIDGET (self->inquiries_view)))
    return TRUE;
  return GTK_WIDGET_CLASS (jhk_inquiries_page_parent_class)->focus (widget, direction);
}

static void
jhk_inquiries_page_class_init (JhkInquiriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_inquiries_page_reload;
  object_class->constructed = jhk_inquiries_page_constructed;
  object_class->dispose = jhk_inquiries_page_dispose;
  object_class->finalize = jhk_inquiries_page_finalize;
  widget_class->focus = jhk_inquiries_page_focus;

  g_type_ensure (JHK_TYPE_INQUIRY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-inquiries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, scope_list);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, office_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, office_list);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, period_list);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, stage_list);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, flagged_toggle);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, disputed_toggle);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, purge_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, total_bar);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, disputed_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, flagged_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, sign_off_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, sign_off_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, sheet_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, register_sheet_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, progress_grid);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, inquiries_view);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, positive_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, negative_button);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkInquiriesPage, detail_box);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, office_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "inquiries.positive", NULL, positive_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.negative", NULL, negative_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.sign-off", NULL, sign_off_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.sheet", NULL, sheet_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.register-sheet", NULL,
                                   register_sheet_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.register", NULL, register_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "inquiries.purge", NULL, purge_activated);
  gtk_widget_class_install_action (widget_class, "page.attention", "s", attention_activated);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);

  /* One keystroke a record: Ctrl+Return (and Enter on a row) takes the
   * view's step, Ctrl+D its 相違あり / 要確認 / 不適正. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "inquiries.positive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "inquiries.positive", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "inquiries.negative", NULL);
}

static void
jhk_inquiries_page_init (JhkInquiriesPage *self)
{
  self->office_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->periods = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tab goes from count to count, not to the flow box's cells. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->counts_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

GtkWidget *
jhk_inquiries_page_new (JhkDb      *db,
                        JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_INQUIRIES_PAGE, db, session);
}
