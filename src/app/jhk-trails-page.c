/* jhk-trails-page.c: the アクセス証跡 workspace (R13-3, R13-4).
 *
 * A search of the access trails (jhk_trails_search, a lazy list: the view
 * asks only for the rows it shows) by staff number, office, terminal,
 * period and text, and for the managers of businesses by business. The
 * システム管理者 imports trails, writes the trails of a search to a CSV
 * file, and produces or declines the output requests; a manager asks for
 * an output of the current search. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-inquiry-import-dialog.h"
#include "jhk-settings.h"
#include "jhk-trails.h"
#include "jhk-trails-page.h"
#include "jhk-util.h"

struct _JhkTrailsPage
{
  JhkPage             parent_instance;

  GtkStack           *view_stack;
  GtkSearchEntry     *staff_no_entry;
  GtkSearchEntry     *office_entry;
  GtkSearchEntry     *terminal_entry;
  GtkEntry           *from_entry;
  GtkEntry           *to_entry;
  GtkSearchEntry     *text_entry;
  GtkDropDown        *business_dropdown;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkLabel           *count_label;
  GtkWidget          *export_button;
  GtkWidget          *import_button;
  GtkWidget          *request_button;
  GtkStack           *requests_stack;
  GtkColumnView      *requests_view;
  AdwStatusPage      *requests_empty_page;
  GtkLabel           *requests_count_label;
  GtkWidget          *produce_button;
  GtkWidget          *decline_button;

  gboolean            sysadmin;
  GArray             *business_ids;   /* gint64: the dropdown's, 0 first */
  GPtrArray          *business_labels;

  JhkQueryModel      *trails;         /* NULL when the search failed */
  GtkNoSelection     *trail_selection;
  JhkQueryModel      *requests;
  GtkSingleSelection *request_selection;
};

G_DEFINE_FINAL_TYPE (JhkTrailsPage, jhk_trails_page, JHK_TYPE_PAGE)

#define DB(self)      jhk_page_get_db (JHK_PAGE (self))
#define SESSION(self) jhk_page_get_session (JHK_PAGE (self))
#define OBJ(dialog, id) jhk_form_dialog_get_object (JHK_FORM_DIALOG (dialog), id)

/* A search as typed: the strings of a JhkTrailQuery, owned. */
typedef struct
{
  char   *staff_no;
  char   *office_code;
  char   *terminal;
  char   *date_from;
  char   *date_to;
  char   *text;
  gint64  business_id;
} Search;

static void
search_clear (Search *s)
{
  g_clear_pointer (&s->staff_no, g_free);
  g_clear_pointer (&s->office_code, g_free);
  g_clear_pointer (&s->terminal, g_free);
  g_clear_pointer (&s->date_from, g_free);
  g_clear_pointer (&s->date_to, g_free);
  g_clear_pointer (&s->text, g_free);
  s->business_id = 0;
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

static void
search_free (Search *s)
{
  search_clear (s);
  g_free (s);
}

static Search *
search_copy (const Search *s)
{
  Search *copy = g_new0 (Search, 1);

  copy->staff_no = g_strdup (s->staff_no);
  copy->office_code = g_strdup (s->office_code);
  copy->terminal = g_strdup (s->terminal);
  copy->date_from = g_strdup (s->date_from);
  copy->date_to = g_strdup (s->date_to);
  copy->text = g_strdup (s->text);
  copy->business_id = s->business_id;
  return copy;
}

static JhkTrailQuery
search_query (const Search *s)
{
  JhkTrailQuery q = {
    .staff_no = s->staff_no,
    .office_code = s->office_code,
    .terminal = s->terminal,
    .date_from = s->date_from,
    .date_to = s->date_to,
    .text = s->text,
    .business_id = s->business_id,
  };

  return q;
}

static const char *
business_label (JhkTrailsPage *self,
                gint64         id)
{
  for (guint i = 1; i < self->business_ids->len; i++)
    if (g_array_index (self->business_ids, gint64, i) == id)
      return g_ptr_array_index (self->business_labels, i);
  return NULL;
}

/* "2026-04-01 to 2026-04-30", "… to 2026-04-30": a period whose ends
 * may be NULL or empty. */
static char *
period_describe (const char *from,
                 const char *to)
{
  return g_strdup_printf (_("%s to %s"), from != NULL && *from != '\0' ? from : "…",
                          to != NULL && *to != '\0' ? to : "…");
}

/* "Staff no. 1234 · Office 910 · 2026-04-01 to 2026-04-30", for the
 * dialogs that act on a search. */
static char *
search_describe (JhkTrailsPage *self,
                 const Search  *s)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (s->staff_no != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("staff no. %s"), s->staff_no));
  if (s->office_code != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("office %s"), s->office_code));
  if (s->terminal != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("terminal %s"), s->terminal));
  if (s->date_from != NULL || s->date_to != NULL)
    g_ptr_array_add (parts, period_describe (s->date_from, s->date_to));
  if (s->text != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("containing “%s”"), s->text));
  if (s->business_id != 0 && business_label (self, s->business_id) != NULL)
    g_ptr_array_add (parts, g_strdup (business_label (self, s->business_id)));
  if (parts->len == 0)
    return g_strdup (_("Every trail you may search"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Cells. */

static char *
time_text (JhkRow *row)
{
  /* Japan time, as the trail was written and as the search's days are. */
  return jhk_format_japan_time (jhk_row_int64 (row, "at"));
}

static char *
office_text (JhkRow *row)
{
  const char *office = jhk_row_get_by_name (row, "office");
  const char *code = jhk_row_get_by_name (row, "office_code");

  if (office == NULL || *office == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s %s", code != NULL ? code : "", office);
}

static char *
requested_at_text (JhkRow *row)
{
  return jhk_format_time (jhk_row_int64 (row, "requested_at"));
}

static char *
period_text (JhkRow *row)
{
  return period_describe (jhk_row_get_by_name (row, "date_from"),
                          jhk_row_get_by_name (row, "date_to"));
}

static char *
status_text (JhkRow *row)
{
  const char *status = jhk_row_get_by_name (row, "status");
  const char *label = jhk_trail_request_status_label (status);

  return g_strdup (label != NULL ? label : status);
}

static char *
rows_text (JhkRow *row)
{
  if (g_strcmp0 (jhk_row_get_by_name (row, "status"), "produced") != 0)
    return NULL;
  return g_strdup (jhk_row_get_by_name (row, "n_rows"));
}

/* The search. */

static char *
read_text (gpointer editable)
{
  char *text = jhk_editable_dup_text (editable);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* FALSE while a date is unfinished or malformed. */
static gboolean
read_search (JhkTrailsPage *self,
             Search        *s)
{
  guint selected = gtk_drop_down_get_selected (self->business_dropdown);
  gboolean from_ok = jhk_date_entry_read (self->from_entry, &s->date_from, NULL);
  gboolean to_ok = jhk_date_entry_read (self->to_entry, &s->date_to, NULL);

  s->staff_no = read_text (self->staff_no_entry);
  s->office_code = read_text (self->office_entry);
  s->terminal = read_text (self->terminal_entry);
  s->text = read_text (self->text_entry);
  s->business_id = selected < self->business_ids->len
                     ? g_array_index (self->business_ids, gint64, selected)
                     : 0;
  return from_ok && to_ok;
}

static void
update_actions (JhkTrailsPage *self)
{
  JhkRow *request = gtk_single_selection_get_selected_item (self->request_selection);
  gboolean waiting = request != NULL &&
                     g_strcmp0 (jhk_row_get_by_name (request, "status"), "requested") == 0;
  const char *why = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trails.export",
                                 self->sysadmin && self->trails != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trails.import", self->sysadmin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trails.request",
                                 !self->sysadmin && self->business_ids->len > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trails.produce", self->sysadmin && waiting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trails.decline", self->sysadmin && waiting);
  if (request == NULL)
    why = _("Select a request first.");
  else if (!waiting)
    why = _("This request was already handled.");
  gtk_widget_set_tooltip_text (self->produce_button,
                               why != NULL ? why : _("Write the file the request asks for"));
  gtk_widget_set_tooltip_text (self->decline_button,
                               why != NULL ? why : _("Decline the request, saying why"));
}

static void
update_count (JhkTrailsPage *self)
{
  guint n = self->trails != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->trails)) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u trail", "%u trails", n), n);

  gtk_label_set_text (self->count_label, self->trails != NULL ? text : "");
  if (self->trails != NULL)
    gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "empty" : "list");
}

static void
apply_search (JhkTrailsPage *self)
{
  g_auto(Search) s = { 0 };
  g_autoptr(GError) error = NULL;
  JhkTrailQuery q;
  JhkQueryModel *model;

  /* An unfinished date leaves the list as it was until it is valid. */
  if (!read_search (self, &s))
    return;
  q = search_query (&s);
  model = jhk_trails_search (DB (self), SESSION (self), &q, &error);
  g_clear_object (&self->trails);
  self->trails = model;
  gtk_no_selection_set_model (self->trail_selection, G_LIST_MODEL (model));
  if (model == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  adw_status_page_set_description (self->empty_page,
                                   s.staff_no != NULL || s.office_code != NULL ||
                                       s.terminal != NULL || s.date_from != NULL ||
                                       s.date_to != NULL || s.text != NULL || s.business_id != 0
                                     ? _("Change or clear the filters.")
                                     : _("No trails were imported yet."));
  update_count (self);
  update_actions (self);
}

static void
update_requests (JhkTrailsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  guint waiting = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (self->requests), i);

      if (g_strcmp0 (jhk_row_get_by_name (row, "status"), "requested") == 0)
        waiting++;
    }
  text = g_strdup_printf (ngettext ("%u request, %u waiting", "%u requests, %u waiting", n), n,
                          waiting);
  gtk_label_set_text (self->requests_count_label, text);
  gtk_stack_set_visible_child_name (self->requests_stack, n == 0 ? "empty" : "list");
  update_actions (self);
}

static void
refresh_requests (JhkTrailsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->requests == NULL)
    return;
  if (!jhk_query_model_refresh (self->requests, &error))
    g_debug ("The trail requests were not read again: %s", error->message);
  update_requests (self);
}

static void
filter_changed_cb (JhkTrailsPage *self)
{
  /* The template sets the drop-down before the page is set up. */
  if (self->trail_selection != NULL)
    apply_search (self);
}

static void
date_changed_cb (JhkTrailsPage *self,
                 GtkEntry      *entry)
{
  /* Search when the date is complete or cleared, not at every digit. */
  if (jhk_date_entry_settled (entry) && self->trail_selection != NULL)
    apply_search (self);
}

/* Enter in a field moves on to the results. */
static void
search_activate_cb (JhkTrailsPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
stop_search_cb (JhkTrailsPage  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
clear_filters_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);
  GtkNoSelection *selection = g_steal_pointer (&self->trail_selection);

  /* Search once, not once per cleared field. */
  gtk_editable_set_text (GTK_EDITABLE (self->staff_no_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->office_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->terminal_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), "");
  gtk_drop_down_set_selected (self->business_dropdown, 0);
  self->trail_selection = selection;
  apply_search (self);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->staff_no_entry));
}

/* Import (R13-3). */

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jhk_inquiry_import_dialog_present (widget, DB (widget), SESSION (widget),
                                     JHK_INQUIRY_IMPORT_TRAILS);
}

/* A file to write, chosen or typed. */

static void
choose_output_clicked_cb (GtkButton     *button,
                          JhkFormDialog *dialog)
{
  jhk_path_entry_choose (GTK_EDITABLE (OBJ (dialog, "path_row")), GTK_WINDOW (dialog),
                         _("Write the Trails To"), TRUE, _("CSV files"), "text/csv", "csv",
                         NULL);
}

static gboolean
output_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));
  g_autofree char *dir = NULL;

  if (*path == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose the file to write."));
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  if (!g_path_is_absolute (path) || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no folder %s."), dir);
      return FALSE;
    }
  return TRUE;
}

static JhkFormDialog *
output_dialog_new (const char *title,
                   const char *apply_label,
                   const char *what,
                   const char *file_stem)
{
  JhkFormDialog *dialog = jhk_form_dialog_new (title, apply_label,
                                               "/org/example/Jhk/ui/jhk-trails-output-form.ui");
  g_autofree char *today = jhk_today ();
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", file_stem, today);
  const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *path = g_build_filename (folder != NULL ? folder : g_get_home_dir (), name,
                                            NULL);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (OBJ (dialog, "filters_row")), what);
  gtk_editable_set_text (GTK_EDITABLE (OBJ (dialog, "path_row")), path);
  g_signal_connect_object (OBJ (dialog, "choose_button"), "clicked",
                           G_CALLBACK (choose_output_clicked_cb), dialog, 0);
  return dialog;
}

/* Export (R13-4, the システム管理者). */

/* What a dialog of the page acts on: a search (export, request) or a
 * request (produce, decline). */
typedef struct
{
  JhkTrailsPage *page;
  Search        *search;
  gint64         request_id;
} OutputData;

static void
output_data_free (gpointer data)
{
  OutputData *d = data;

  g_clear_object (&d->page);
  g_clear_pointer (&d->search, search_free);
  g_free (d);
}

/* Presents a dialog of the page whose apply (and check, if any) acts on a
 * copy of the search s or on the request request_id. */
static void
present_output_dialog (JhkTrailsPage    *self,
                       JhkFormDialog    *dialog,
                       JhkFormApplyFunc  apply,
                       JhkFormApplyFunc  check,
                       const Search     *s,
                       gint64            request_id)
{
  OutputData *d = g_new0 (OutputData, 1);

  d->page = g_object_ref (self);
  d->search = s != NULL ? search_copy (s) : NULL;
  d->request_id = request_id;
  jhk_form_dialog_set_apply_func (dialog, apply, d, output_data_free);
  if (check != NULL)
    jhk_form_dialog_set_check_func (dialog, check);
  jhk_present_dialog (GTK_WIDGET (self), GTK_WINDOW (dialog));
}

static void
show_written (JhkTrailsPage *self,
              const char    *path,
              guint          n_rows,
              const char    *sha256)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf (ngettext ("%u row written to %s (SHA-256 %s)",
                                                        "%u rows written to %s (SHA-256 %s)",
                                                        n_rows),
                                              n_rows, base, sha256 != NULL ? sha256 : "");

  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

static gboolean
export_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  OutputData *d = user_data;
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));
  g_autofree char *sha256 = NULL;
  JhkTrailQuery q = search_query (d->search);
  guint n_rows = 0;

  if (!output_check (dialog, user_data, error))
    return FALSE;
  if (!jhk_trails_export (DB (d->page), SESSION (d->page), &q, path, &n_rows, &sha256, error))
    return FALSE;
  show_written (d->page, path, n_rows, sha256);
  return TRUE;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);
  g_auto(Search) s = { 0 };
  g_autofree char *what = NULL;
  JhkFormDialog *dialog;

  if (!read_search (self, &s))
    return;
  what = search_describe (self, &s);
  dialog = output_dialog_new (_("Export Trails"), _("_Export"), what, "trails");
  present_output_dialog (self, dialog, export_apply, output_check, &s, 0);
}

/* Requests (R13-4): a manager asks. */

static gboolean
request_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  OutputData *d = user_data;
  JhkTrailsPage *self = d->page;
  g_autofree char *reason = jhk_editable_dup_text (OBJ (dialog, "reason_row"));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (OBJ (dialog, "business_row")));
  JhkTrailQuery q = search_query (d->search);
  gint64 business_id;
  gint64 id;

  /* The combo lists the dropdown's businesses without its "all". */
  business_id = selected + 1 < self->business_ids->len
                  ? g_array_index (self->business_ids, gint64, selected + 1)
                  : 0;
  q.business_id = business_id;
  id = jhk_trail_requests_create (DB (self), SESSION (self), business_id, &q, reason, error);
  if (id == 0)
    return FALSE;
  refresh_requests (self);
  jhk_widget_show_toast (GTK_WIDGET (self),
                         _("The request was sent to the system administrator."));
  return TRUE;
}

static void
request_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);
  g_auto(Search) s = { 0 };
  g_autofree char *what = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  JhkFormDialog *dialog;
  AdwComboRow *business_row;

  if (!read_search (self, &s))
    return;
  dialog = jhk_form_dialog_new (_("Request an Output"), _("_Send Request"),
                                "/org/example/Jhk/ui/jhk-trail-request-form.ui");

  for (guint i = 1; i < self->business_labels->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (self->business_labels, i));
  business_row = ADW_COMBO_ROW (OBJ (dialog, "business_row"));
  adw_combo_row_set_model (business_row, G_LIST_MODEL (labels));
  if (s.business_id != 0)
    for (guint i = 1; i < self->business_ids->len; i++)
      if (g_array_index (self->business_ids, gint64, i) == s.business_id)
        adw_combo_row_set_selected (business_row, i - 1);
  /* The business is chosen in its own row. */
  s.business_id = 0;
  what = search_describe (self, &s);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (OBJ (dialog, "filters_row")), what);
  present_output_dialog (self, dialog, request_apply, NULL, &s, 0);
}

/* Requests: the システム管理者 produces or declines. */

static char *
request_describe (JhkRow *row)
{
  g_autofree char *period = period_text (row);

  return g_strdup_printf (_("No. %s of %s for %s, %s: %s"), jhk_row_get_by_name (row, "id"),
                          jhk_row_get_by_name (row, "requester"),
                          jhk_row_get_by_name (row, "business"), period,
                          jhk_row_get_by_name (row, "reason"));
}

static void
request_handled (JhkTrailsPage *self,
                 gint64         id)
{
  jhk_query_model_row_changed (self->requests, id);
  refresh_requests (self);
}

static gboolean
produce_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  OutputData *d = user_data;
  g_autofree char *path = jhk_editable_dup_text (OBJ (dialog, "path_row"));
  g_autoptr(JhkTrailRequest) request = NULL;

  if (!output_check (dialog, user_data, error))
    return FALSE;
  if (!jhk_trail_requests_produce (DB (d->page), SESSION (d->page), d->request_id, path, error))
    return FALSE;
  request_handled (d->page, d->request_id);
  request = jhk_trail_requests_get (DB (d->page), SESSION (d->page), d->request_id, NULL);
  show_written (d->page, path, request != NULL ? request->n_rows : 0,
                request != NULL ? request->sha256 : NULL);
  return TRUE;
}

static void
produce_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);
  JhkRow *row = gtk_single_selection_get_selected_item (self->request_selection);
  g_autofree char *what = NULL;
  g_autofree char *stem = NULL;
  JhkFormDialog *dialog;

  if (row == NULL)
    return;
  what = request_describe (row);
  stem = g_strdup_printf ("trails-request-%s", jhk_row_get_by_name (row, "id"));
  dialog = output_dialog_new (_("Produce the Requested Trails"), _("_Produce"), what, stem);
  present_output_dialog (self, dialog, produce_apply, output_check, NULL, jhk_row_get_id (row));
}

static gboolean
decline_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  OutputData *d = user_data;
  g_autofree char *comment = jhk_editable_dup_text (OBJ (dialog, "comment_row"));

  if (!jhk_trail_requests_decline (DB (d->page), SESSION (d->page), d->request_id, comment,
                                   error))
    return FALSE;
  request_handled (d->page, d->request_id);
  jhk_widget_show_toast (GTK_WIDGET (d->page), _("The request was declined."));
  return TRUE;
}

static void
decline_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (widget);
  JhkRow *row = gtk_single_selection_get_selected_item (self->request_selection);
  g_autofree char *what = NULL;
  JhkFormDialog *dialog;

  if (row == NULL)
    return;
  dialog = jhk_form_dialog_new (_("Decline the Request"), _("_Decline"),
                                "/org/example/Jhk/ui/jhk-trail-decline-form.ui");
  what = request_describe (row);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (OBJ (dialog, "request_row")), what);
  present_output_dialog (self, dialog, decline_apply, NULL, NULL, jhk_row_get_id (row));
}

/* GObject. */

static void
setup_businesses (JhkTrailsPage *self)
{
  JhkSession *session = SESSION (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 zero = 0;

  self->business_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->business_labels = g_ptr_array_new_with_free_func (g_free);
  g_array_append_val (self->business_ids, zero);
  g_ptr_array_add (self->business_labels, g_strdup (_("All my businesses")));
  if (self->sysadmin)
    return;

  /* The businesses the session manages, as the service reads them. */
  for (guint i = 0; i < jhk_session_get_n_grants (session); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (session, i);
      g_autofree char *label = NULL;
      gboolean seen = FALSE;

      if ((grant->role != JHK_ROLE_BIZ_OWNER && grant->role != JHK_ROLE_EGOV_OWNER &&
           grant->role != JHK_ROLE_LEAD_OWNER) ||
          grant->business_id == 0)
        continue;
      for (guint j = 1; j < self->business_ids->len; j++)
        seen = seen || g_array_index (self->business_ids, gint64, j) == grant->business_id;
      if (seen)
        continue;
      jhk_db_query_text (DB (self), &label, NULL,
                         "SELECT code || ' ' || name FROM businesses WHERE id = ?",
                         JHK_I (grant->business_id), JHK_DB_END);
      g_array_append_val (self->business_ids, grant->business_id);
      g_ptr_array_add (self->business_labels,
                       label != NULL ? g_steal_pointer (&label)
                                     : g_strdup_printf ("%" G_GINT64_FORMAT, grant->business_id));
    }
  for (guint i = 0; i < self->business_labels->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (self->business_labels, i));
  gtk_drop_down_set_model (self->business_dropdown, G_LIST_MODEL (labels));
  gtk_widget_set_visible (GTK_WIDGET (self->business_dropdown), self->business_ids->len > 2);
}

static void
jhk_trails_page_constructed (GObject *object)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (object);
  static const JhkColumnEntry columns[] = {
    { N_("Time"), NULL, time_text, 140, FALSE },
    { N_("Office"), NULL, office_text, 150, FALSE },
    { N_("Staff No."), "staff_no", NULL, 90, FALSE },
    { N_("Staff Name"), "staff_name", NULL, 110, FALSE },
    { N_("Terminal"), "terminal", NULL, 90, FALSE },
    { N_("Business"), "business", NULL, 140, FALSE },
    { N_("Operation"), "operation", NULL, 240, TRUE },
  };
  static const JhkColumnEntry request_columns[] = {
    { N_("No."), "id", NULL, 50, FALSE },
    { N_("Requested At"), NULL, requested_at_text, 140, FALSE },
    { N_("Requester"), "requester", NULL, 110, FALSE },
    { N_("Business"), "business", NULL, 140, FALSE },
    { N_("Period"), NULL, period_text, 190, FALSE },
    { N_("Reason"), "reason", NULL, 200, TRUE },
    { N_("Status"), NULL, status_text, 100, FALSE },
    { N_("Rows"), NULL, rows_text, 70, FALSE },
  };
  JhkSession *session = SESSION (self);
  gboolean owner;

  G_OBJECT_CLASS (jhk_trails_page_parent_class)->constructed (object);

  self->sysadmin = jhk_session_has_role (session, JHK_ROLE_SYSADMIN);
  setup_businesses (self);
  owner = !self->sysadmin && self->business_ids->len > 1;

  jhk_column_view_add_columns (self->column_view, columns, G_N_ELEMENTS (columns));
  jhk_column_view_add_columns (self->requests_view, request_columns,
                               G_N_ELEMENTS (request_columns));

  self->requests = jhk_trail_requests_list_model (DB (self), session);
  self->request_selection = gtk_single_selection_new (self->requests != NULL
                                                        ? g_object_ref (G_LIST_MODEL (self->requests))
                                                        : NULL);
  gtk_single_selection_set_autoselect (self->request_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->request_selection, TRUE);
  gtk_single_selection_set_selected (self->request_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->request_selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->requests_view, GTK_SELECTION_MODEL (self->request_selection));
  adw_status_page_set_description (self->requests_empty_page,
                                   self->sysadmin
                                     ? _("The managers of businesses ask here for files of "
                                         "trails.")
                                     : _("Search the trails, then ask for a file of them with "
                                         "“Request Output…”."));

  gtk_widget_set_visible (self->import_button, self->sysadmin);
  gtk_widget_set_visible (self->export_button, self->sysadmin);
  gtk_widget_set_visible (self->produce_button, self->sysadmin);
  gtk_widget_set_visible (self->decline_button, self->sysadmin);
  gtk_widget_set_visible (self->request_button, owner);

  /* The list stays lazy: the view asks only for the rows it shows. */
  self->trail_selection = gtk_no_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->trail_selection));
  gtk_search_entry_set_key_capture_widget (self->staff_no_entry, GTK_WIDGET (self->column_view));
  apply_search (self);
  if (self->requests != NULL)
    update_requests (self);
  else
    gtk_stack_set_visible_child_name (self->requests_stack, "empty");
}

static void
jhk_trails_page_dispose (GObject *object)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_TRAILS_PAGE);
  g_clear_object (&self->trail_selection);
  g_clear_object (&self->trails);
  g_clear_object (&self->request_selection);
  g_clear_object (&self->requests);
  g_clear_pointer (&self->business_ids, g_array_unref);
  g_clear_pointer (&self->business_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (jhk_trails_page_parent_class)->dispose (object);
}

static void
jhk_trails_page_reload (JhkPage *page)
{
  JhkTrailsPage *self = JHK_TRAILS_PAGE (page);

  apply_search (self);
  refresh_requests (self);
}

static void
jhk_trails_page_class_init (JhkTrailsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  JHK_PAGE_CLASS (klass)->reload = jhk_trails_page_reload;

  object_class->constructed = jhk_trails_page_constructed;
  object_class->dispose = jhk_trails_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-trails-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, staff_no_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, office_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, terminal_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, text_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, business_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, request_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, requests_stack);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, requests_view);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, requests_empty_page);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, requests_count_label);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, produce_button);
  gtk_widget_class_bind_template_child (widget_class, JhkTrailsPage, decline_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "trails.clear-filters", NULL,
                                   clear_filters_activated);
  gtk_widget_class_install_action (widget_class, "trails.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "trails.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "trails.request", NULL, request_activated);
  gtk_widget_class_install_action (widget_class, "trails.produce", NULL, produce_activated);
  gtk_widget_class_install_action (widget_class, "trails.decline", NULL, decline_activated);
}

static void
jhk_trails_page_init (JhkTrailsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_trails_page_new (JhkDb      *db,
                     JhkSession *session)
{
  return jhk_page_new (JHK_TYPE_TRAILS_PAGE, db, session);
}
