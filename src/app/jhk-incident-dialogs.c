/* jhk-incident-dialogs.c: see jhk-incident-dialogs.h.
 *
 * Every form is a JhkFormDialog: the check function reads the form and
 * asks the core's pure checks (jhk_incident_facts_check) and the action's
 * refusal as the user types; the apply function calls one service. Text
 * views and check buttons, which the form dialog does not watch, pass
 * their changes on through a hidden entry of each form ("changed_proxy"). */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-incident-dialogs.h"
#include "jhk-lists.h"
#include "jhk-playbooks.h"
#include "jhk-row.h"
#include "jhk-settings.h"
#include "jhk-util.h"

#define OPEN_FORM   "/org/example/Jhk/ui/jhk-incident-open-form.ui"
#define ACTION_FORM "/org/example/Jhk/ui/jhk-incident-action-form.ui"
#define REPORT_FORM "/org/example/Jhk/ui/jhk-incident-report-form.ui"

/* How many materials a search offers at once. */
#define MATERIAL_RESULTS 6

/* What a dialog works on. */
typedef struct
{
  GtkWidget             *parent;
  JhkDb                 *db;
  JhkSession            *session;
  gint64                 incident_id;
  JhkIncident           *incident;        /* as the dialog opened, or NULL (a new one) */
  JhkIncidentAction      action;
  JhkIncidentStepAction  step_action;
  gint64                 step_id;         /* 0: an action on the incident */
  char                  *refusal;         /* the service's reason, NULL when allowed */
  JhkIncidentDialogDone  done;
  gpointer               user_data;
  JhkFormDialog         *dialog;          /* not a reference: it owns this */
  guint                  pokes;

  /* The facts dialog. */
  GArray                *office_ids;      /* gint64 per office_row item */
  JhkQueryModel         *playbooks;
  gint64                 playbook_id;     /* of the cached version */
  JhkPlaybook           *playbook;
  GArray                *business_ids;    /* gint64 per check button */
  GPtrArray             *business_checks; /* GtkCheckButton */
  GArray                *material_ids;    /* chosen, gint64 */
  GPtrArray             *material_labels; /* chosen, char * */
  JhkQueryModel         *materials;       /* the search, of materials_office */
  gint64                 materials_office;
  GPtrArray             *material_results;/* AdwActionRow shown under the search */

  /* The recovery request. */
  GArray                *recipient_business_ids; /* 0 for the システム管理者 */

  /* The dispatch: the instant the time entries were filled with, used
   * as it is while they still say so (they show the minute only). */
  gint64                 at_default;

  /* The step dialog: attachments added while it is open. */
  GPtrArray             *attached;        /* char * file names */
} Ctx;

static Ctx *
ctx_new (GtkWidget             *parent,
         JhkDb                 *db,
         JhkSession            *session,
         JhkIncidentDialogDone  done,
         gpointer               user_data)
{
  Ctx *ctx = g_new0 (Ctx, 1);

  ctx->parent = g_object_ref (parent);
  ctx->db = g_object_ref (db);
  ctx->session = g_object_ref (session);
  ctx->done = done;
  ctx->user_data = user_data;
  return ctx;
}

static void
ctx_free (gpointer data)
{
  Ctx *ctx = data;

  g_clear_object (&ctx->parent);
  g_clear_object (&ctx->db);
  g_clear_object (&ctx->session);
  g_clear_pointer (&ctx->incident, jhk_incident_free);
  g_free (ctx->refusal);
  g_clear_pointer (&ctx->office_ids, g_array_unref);
  g_clear_object (&ctx->playbooks);
  g_clear_pointer (&ctx->playbook, jhk_playbook_free);
  g_clear_pointer (&ctx->business_ids, g_array_unref);
  g_clear_pointer (&ctx->business_checks, g_ptr_array_unref);
  g_clear_pointer (&ctx->material_ids, g_array_unref);
  g_clear_pointer (&ctx->material_labels, g_ptr_array_unref);
  g_clear_object (&ctx->materials);
  g_clear_pointer (&ctx->material_results, g_ptr_array_unref);
  g_clear_pointer (&ctx->recipient_business_ids, g_array_unref);
  g_clear_pointer (&ctx->attached, g_ptr_array_unref);
  g_free (ctx);
}

/* Reads the dialog's own copy of the incident (the caller's may go while
 * the dialog is open). When it cannot, shows why to the parent, frees ctx
 * and returns FALSE. */
static gboolean
ctx_read_incident (Ctx    *ctx,
                   gint64  incident_id)
{
  g_autoptr(GError) error = NULL;

  ctx->incident_id = incident_id;
  ctx->incident = jhk_incidents_get (ctx->db, ctx->session, incident_id, &error);
  if (ctx->incident != NULL)
    return TRUE;
  if (error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("The incident cannot be read."));
  jhk_widget_show_error (ctx->parent, error);
  ctx_free (ctx);
  return FALSE;
}

/* After a write that succeeded. */
static void
written (Ctx        *ctx,
         gint64      incident_id,
         const char *message)
{
  jhk_widget_show_toast (ctx->parent, message);
  if (ctx->done != NULL)
    ctx->done (incident_id, ctx->user_data);
}

/* ---- small helpers ---- */

static GObject *
object (Ctx        *ctx,
        const char *id)
{
  return jhk_form_dialog_get_object (ctx->dialog, id);
}

static char *
text_of (Ctx        *ctx,
         const char *id)
{
  GObject *widget = object (ctx, id);

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
    }
  return jhk_editable_dup_text (widget);
}

static void
set_text (Ctx        *ctx,
          const char *id,
          const char *text)
{
  GObject *widget = object (ctx, id);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text != NULL ? text : "");
}

static void
show (Ctx        *ctx,
      const char *id,
      gboolean    visible)
{
  gtk_widget_set_visible (GTK_WIDGET (object (ctx, id)), visible);
}

/* Tells the form dialog that something it does not watch changed. */
static void
poke (Ctx *ctx)
{
  g_autofree char *text = g_strdup_printf ("%u", ++ctx->pokes);

  gtk_editable_set_text (GTK_EDITABLE (object (ctx, "changed_proxy")), text);
}

static void
watch_text_view (Ctx        *ctx,
                 const char *id)
{
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (object (ctx, id))),
                            "changed", G_CALLBACK (poke), ctx);
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* "No. 12 · 中央警察署 · 端末が起動しない" */
static char *
incident_label (const JhkIncident *incident)
{
  return g_strdup_printf (_("No. %lld · %s · %s"), (long long) incident->id,
                          jhk_or_dash (incident->office_name), jhk_or_dash (incident->title));
}

static void
set_when (GtkEntry *date,
          GtkEntry *time,
          gint64    us)
{
  g_autoptr(GDateTime) t = us != 0 ? g_date_time_new_from_unix_local (us / G_USEC_PER_SEC)
                                   : g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (t, "%Y-%m-%d");
  g_autofree char *minute = g_date_time_format (t, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (date), day);
  gtk_editable_set_text (GTK_EDITABLE (time), minute);
}

/* Digits, colons and separators as an IME types them (０９：３０,
 * ２０２６／１１／２６) and dates with slashes, as ASCII; a new string. */
static char *
normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)         /* ０..９ */
        g_string_append_c (out, '0' + (c - 0xFF10));
      else if (c == 0xFF1A)                   /* ： */
        g_string_append_c (out, ':');
      else if (c == 0xFF0F || c == '/' || c == 0xFF0D || c == 0x2212)  /* ／ － − */
        g_string_append_c (out, '-');
      else if (c == 0x3000)                   /* the ideographic space */
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static gboolean
parse_minute (const char *text,
              int        *hour,
              int        *minute)
{
  g_autofree char *ascii = normalize (text);
  int h, m, n = 0;

  if (sscanf (ascii, "%2d:%2d%n", &h, &m, &n) != 2 || ascii[n] != '\0')
    return FALSE;
  if (h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;
  *hour = h;
  *minute = m;
  return TRUE;
}

/* The local midnight of a date typed as YYYY-MM-DD, also with slashes, in
 * full-width digits or without the leading zeros (2026/1/5). */
static gboolean
parse_day (const char *text,
           gint64     *out_us)
{
  g_autofree char *ascii = normalize (text);
  g_autofree char *canonical = NULL;
  int y, m, d, n = 0;

  if (sscanf (ascii, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || ascii[n] != '\0')
    return FALSE;
  canonical = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return jhk_parse_date (canonical, out_us);
}

static void
mark_entry (GtkEntry   *entry,
            const char *tooltip)
{
  if (tooltip != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), tooltip);
}

/* The instant of a date entry and a time entry, local time; what marks
 * the error, e.g. "Occurred At". Entries that cannot be read are marked,
 * as jhk_date_entry_read() does. */
static gboolean
read_when (GtkEntry    *date,
           GtkEntry    *time,
           const char  *what,
           gint64      *out_us,
           GError     **error)
{
  g_autofree char *day = jhk_editable_dup_text (date);
  g_autofree char *minute = jhk_editable_dup_text (time);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) t = NULL;
  gint64 us = 0;
  int h, m;

  if (*day == '\0')
    {
      mark_entry (date, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: give the date."), what);
      return FALSE;
    }
  if (!parse_day (day, &us))
    {
      mark_entry (date, _("Dates are written YYYY-MM-DD."));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: write the date as YYYY-MM-DD."), what);
      return FALSE;
    }
  mark_entry (date, NULL);
  if (!parse_minute (minute, &h, &m))
    {
      mark_entry (time, _("Times are written HH:MM."));
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: write the time as HH:MM."), what);
      return FALSE;
    }
  mark_entry (time, NULL);
  midnight = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  t = g_date_time_new_local (g_date_time_get_year (midnight), g_date_time_get_month (midnight),
                             g_date_time_get_day_of_month (midnight), h, m, 0);
  *out_us = g_date_time_to_unix (t) * G_USEC_PER_SEC;
  return TRUE;
}

static void
show_refusal (GtkWidget  *parent,
              const char *why)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, why);

  jhk_widget_show_error (parent, error);
}

/* ---- the facts: 事故の報告 and 事実の変更 ---- */

static char *
playbook_row_label (JhkRow *row)
{
  return g_strdup (jhk_row_get_by_name (row, "title"));
}

/* The severity criteria of a playbook version, in one line. */
static char *
criteria_text (const JhkPlaybook *playbook)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (playbook->serious_damage)
    g_ptr_array_add (parts, g_strdup (_("the system is damaged")));
  if (playbook->serious_stop_minutes > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("a business stops longer than %d minutes"),
                                             playbook->serious_stop_minutes));
  if (playbook->serious_leak)
    g_ptr_array_add (parts, g_strdup (_("personal data leaks or may have")));
  if (!jhk_is_blank (playbook->serious_other))
    g_ptr_array_add (parts, g_strdup (playbook->serious_other));
  if (parts->len == 0)
    return g_strdup (_("none"));
  g_ptr_array_add (parts, NULL);
  /* The criteria's separator. */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

static void
show_playbook (Ctx *ctx)
{
  AdwActionRow *row = ADW_ACTION_ROW (object (ctx, "playbook_info_row"));
  g_autofree char *criteria = NULL;
  g_autofree char *text = NULL;

  if (ctx->playbook == NULL)
    {
      adw_action_row_set_subtitle (row, "—");
      return;
    }
  criteria = criteria_text (ctx->playbook);
  text = g_strdup_printf (_("Trigger: %s\nSerious when: %s"),
                          jhk_or_dash (ctx->playbook->trigger), criteria);
  adw_action_row_set_subtitle (row, text);
}

/* The chosen playbook's current version (a new incident) or the
 * incident's own version. */
static void
load_playbook (Ctx *ctx)
{
  g_autoptr(GError) error = NULL;
  gint64 playbook_id = 0;

  if (ctx->incident != NULL)
    {
      if (ctx->playbook == NULL)
        ctx->playbook = jhk_playbooks_get_version (ctx->db, ctx->incident->playbook_version_id,
                                                   &error);
      show_playbook (ctx);
      return;
    }
  {
    JhkRow *row = adw_combo_row_get_selected_item (ADW_COMBO_ROW (object (ctx, "playbook_row")));

    if (row != NULL)
      playbook_id = jhk_row_get_id (row);
  }
  if (playbook_id == ctx->playbook_id && ctx->playbook != NULL)
    return;
  g_clear_pointer (&ctx->playbook, jhk_playbook_free);
  ctx->playbook_id = playbook_id;
  if (playbook_id != 0)
    ctx->playbook = jhk_playbooks_get (ctx->db, playbook_id, 0, &error);
  if (ctx->playbook == NULL && error != NULL)
    g_debug ("playbook %lld: %s", (long long) playbook_id, error->message);
  show_playbook (ctx);
}

static gint64
chosen_office (Ctx *ctx)
{
  guint selected;

  if (ctx->incident != NULL)
    return ctx->incident->office_id;
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (object (ctx, "office_row")));
  if (ctx->office_ids == NULL || selected >= ctx->office_ids->len)
    return 0;
  return g_array_index (ctx->office_ids, gint64, selected);
}

/* The offices the actor may open an incident of: the office their unit is
 * in, and those they are the 運用管理者 of (or of a unit above); theirs
 * first. */
static void
fill_offices (Ctx *ctx)
{
  AdwComboRow *row = ADW_COMBO_ROW (object (ctx, "office_row"));
  g_autoptr(JhkQueryModel) units = jhk_lists_org_units (ctx->db);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (units));
  gint64 own = jhk_session_get_org_unit_id (ctx->session);
  guint selected = 0;

  ctx->office_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) unit = g_list_model_get_item (G_LIST_MODEL (units), i);
      gint64 *key = g_new (gint64, 1);
      gint64 *parent = g_new (gint64, 1);

      *key = jhk_row_get_id (unit);
      *parent = jhk_row_int64 (unit, "parent_id");
      g_hash_table_insert (parents, key, parent);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) unit = g_list_model_get_item (G_LIST_MODEL (units), i);
      gint64 id = jhk_row_get_id (unit);
      gboolean member = FALSE, manages = FALSE;

      if (g_strcmp0 (jhk_row_get_by_name (unit, "kind"), "office") != 0)
        continue;
      /* Staff of the office: their unit is it or below it. */
      for (gint64 u = own, depth = 0; u != 0 && depth < 16; depth++)
        {
          gint64 *parent;

          if (u == id)
            {
              member = TRUE;
              break;
            }
          parent = g_hash_table_lookup (parents, &u);
          u = parent != NULL ? *parent : 0;
        }
      /* Its 運用管理者: the role for it or a unit above it. */
      for (guint g = 0; !member && !manages && g < jhk_session_get_n_grants (ctx->session); g++)
        {
          const JhkRoleGrant *grant = jhk_session_get_grant (ctx->session, g);

          if (grant->role != JHK_ROLE_OPS_MANAGER)
            continue;
          for (gint64 u = id, depth = 0; u != 0 && depth < 16; depth++)
            {
              gint64 *parent;

              if (u == grant->org_unit_id)
                {
                  manages = TRUE;
                  break;
                }
              parent = g_hash_table_lookup (parents, &u);
              u = parent != NULL ? *parent : 0;
            }
        }
      if (!member && !manages)
        continue;
      if (member)
        selected = ctx->office_ids->len;
      gtk_string_list_append (labels, jhk_row_get_by_name (unit, "name"));
      g_array_append_val (ctx->office_ids, id);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  if (ctx->office_ids->len > 0)
    adw_combo_row_set_selected (row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (row), ctx->office_ids->len > 1);
}

static void
update_businesses_subtitle (Ctx *ctx)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < ctx->business_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (ctx->business_checks, i)))
      {
        GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (ctx->business_checks, i),
                                                  ADW_TYPE_ACTION_ROW);

        if (names->len > 0)
          g_string_append (names, _(", "));
        g_string_append (names, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (object (ctx, "businesses_row")),
                                 names->len > 0 ? names->str : _("None"));
}

static void
business_toggled_cb (Ctx *ctx)
{
  update_businesses_subtitle (ctx);
  poke (ctx);
}

static void
fill_businesses (Ctx *ctx)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (object (ctx, "businesses_row"));
  g_autoptr(JhkQueryModel) businesses = jhk_lists_businesses (ctx->db);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (businesses));

  ctx->business_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  ctx->business_checks = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JhkRow) business = g_list_model_get_item (G_LIST_MODEL (businesses), i);
      g_autofree char *label = jhk_business_row_label (business);
      g_autofree char *name = g_strdup_printf ("business-%s",
                                               jhk_row_get_by_name (business, "code"));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gint64 id = jhk_row_get_id (business);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_name (check, name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (expander, row);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (business_toggled_cb), ctx);
      g_array_append_val (ctx->business_ids, id);
      g_ptr_array_add (ctx->business_checks, check);
    }
  update_businesses_subtitle (ctx);
}

static void
check_business (Ctx    *ctx,
                gint64  business_id)
{
  for (guint i = 0; i < ctx->business_ids->len; i++)
    if (g_array_index (ctx->business_ids, gint64, i) == business_id)
      gtk_check_button_set_active (g_ptr_array_index (ctx->business_checks, i), TRUE);
}

/* Materials: the chosen ones as chips, the search's results as rows. */

static void add_material (Ctx *ctx, gint64 id, const char *label);

static void
chip_clicked_cb (GtkButton *chip,
                 Ctx       *ctx)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chip), "material-id"));
  GtkFlowBox *chips = GTK_FLOW_BOX (object (ctx, "material_chips"));

  for (guint i = 0; i < ctx->material_ids->len; i++)
    if (g_array_index (ctx->material_ids, gint64, i) == id)
      {
        g_array_remove_index (ctx->material_ids, i);
        g_ptr_array_remove_index (ctx->material_labels, i);
        break;
      }
  gtk_flow_box_remove (chips, gtk_widget_get_parent (GTK_WIDGET (chip)));
  gtk_widget_grab_focus (GTK_WIDGET (object (ctx, "material_search_row")));
  poke (ctx);
}

static void
add_material (Ctx        *ctx,
              gint64      id,
              const char *label)
{
  GtkFlowBox *chips = GTK_FLOW_BOX (object (ctx, "material_chips"));
  GtkWidget *chip, *box, *text;
  g_autofree char *name = g_strdup_printf ("chip-%lld", (long long) id);
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), label);

  for (guint i = 0; i < ctx->material_ids->len; i++)
    if (g_array_index (ctx->material_ids, gint64, i) == id)
      return;
  g_array_append_val (ctx->material_ids, id);
  g_ptr_array_add (ctx->material_labels, g_strdup (label));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  text = gtk_label_new (label);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 24);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  chip = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (chip), box);
  gtk_widget_set_name (chip, name);
  gtk_widget_set_tooltip_text (chip, tooltip);
  gtk_widget_add_css_class (chip, "pill");
  gtk_widget_add_css_class (chip, "small");
  g_object_set_data (G_OBJECT (chip), "material-id", GSIZE_TO_POINTER (id));
  g_signal_connect (chip, "clicked", G_CALLBACK (chip_clicked_cb), ctx);
  gtk_flow_box_append (chips, chip);
  poke (ctx);
}

static void
clear_material_results (Ctx *ctx)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (object (ctx, "materials_group"));

  for (guint i = 0; i < ctx->material_results->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (ctx->material_results, i));
  g_ptr_array_set_size (ctx->material_results, 0);
}

static void
material_result_activated_cb (AdwActionRow *row,
                              Ctx          *ctx)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "material-id"));
  g_autofree char *label = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  add_material (ctx, id, label);
  /* Clearing the search removes this row: focus goes back to it first. */
  gtk_widget_grab_focus (GTK_WIDGET (object (ctx, "material_search_row")));
  set_text (ctx, "material_search_row", "");
}

static void
search_materials (Ctx *ctx)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (object (ctx, "materials_group"));
  g_autofree char *text = text_of (ctx, "material_search_row");
  JhkMaterialsFilter filter = JHK_MATERIALS_FILTER_ANY;
  g_autoptr(GArray) ids = NULL;
  gint64 office = chosen_office (ctx);
  guint n;

  clear_material_results (ctx);
  if (*text == '\0' || office == 0)
    return;
  if (ctx->materials == NULL || ctx->materials_office != office)
    {
      g_clear_object (&ctx->materials);
      ctx->materials = jhk_lists_materials (ctx->db, office);
      ctx->materials_office = office;
    }
  /* A number is the material's 番号; anything else is searched in its
   * name and summary. */
  if (strspn (text, "0123456789") == strlen (text))
    {
      gint64 id = g_ascii_strtoll (text, NULL, 10);

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, id);
      filter.ids = ids;
    }
  else
    filter.text = text;
  jhk_lists_materials_filter (ctx->materials, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (ctx->materials));
  for (guint i = 0; i < n && i < MATERIAL_RESULTS; i++)
    {
      g_autoptr(JhkRow) material = g_list_model_get_item (G_LIST_MODEL (ctx->materials), i);
      gint64 id = jhk_row_get_id (material);
      g_autofree char *title = g_strdup_printf (_("No. %lld %s"), (long long) id,
                                                jhk_row_get_by_name (material, "name"));
      g_autofree char *name = g_strdup_printf ("material-%lld", (long long) id);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   jhk_or_dash (jhk_row_get_by_name (material, "acquired_on")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Add to the related materials"));
      gtk_widget_set_name (row, name);
      g_object_set_data (G_OBJECT (row), "material-id", GSIZE_TO_POINTER (id));
      g_signal_connect (row, "activated", G_CALLBACK (material_result_activated_cb), ctx);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (ctx->material_results, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No material of the office matches"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (group, row);
      g_ptr_array_add (ctx->material_results, row);
    }
}

/* Enter in the search takes the material when only one matches. */
static void
search_activated_cb (Ctx *ctx)
{
  if (ctx->material_results->len == 1 &&
      g_object_get_data (g_ptr_array_index (ctx->material_results, 0), "material-id") != NULL)
    g_signal_emit_by_name (g_ptr_array_index (ctx->material_results, 0), "activated");
}

static void
office_changed_cb (Ctx *ctx)
{
  GtkFlowBox *chips = GTK_FLOW_BOX (object (ctx, "material_chips"));
  GtkWidget *child;

  /* The materials are the office's own. */
  g_array_set_size (ctx->material_ids, 0);
  g_ptr_array_set_size (ctx->material_labels, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (chips))) != NULL)
    gtk_flow_box_remove (chips, child);
  search_materials (ctx);
}

/* The texts of the facts as the dialog holds them. */
typedef struct
{
  char *title;
  char *description;
  char *systems;
  char *terminals;
} FactsTexts;

static void
facts_texts_clear (FactsTexts *texts)
{
  g_free (texts->title);
  g_free (texts->description);
  g_free (texts->systems);
  g_free (texts->terminals);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FactsTexts, facts_texts_clear)

/* The facts typed; FALSE when a time cannot be read. The arrays are the
 * caller's. */
static gboolean
read_facts (Ctx               *ctx,
            JhkIncidentFacts  *facts,
            FactsTexts        *texts,
            GArray            *businesses,
            GError           **error)
{
  memset (facts, 0, sizeof *facts);
  facts->title = texts->title = text_of (ctx, "title_row");
  facts->description = texts->description = text_of (ctx, "description_view");
  facts->systems = texts->systems = text_of (ctx, "systems_row");
  facts->terminals = texts->terminals = text_of (ctx, "terminals_row");
  for (guint i = 0; i < ctx->business_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (ctx->business_checks, i)))
      g_array_append_val (businesses, g_array_index (ctx->business_ids, gint64, i));
  facts->business_ids = (const gint64 *) businesses->data;
  facts->n_business_ids = businesses->len;
  facts->material_ids = (const gint64 *) ctx->material_ids->data;
  facts->n_material_ids = ctx->material_ids->len;
  facts->damage = gtk_switch_get_active (GTK_SWITCH (object (ctx, "damage_switch")));
  gtk_spin_button_update (GTK_SPIN_BUTTON (object (ctx, "stop_spin")));
  facts->stop_minutes =
    gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (object (ctx, "stop_spin")));
  facts->leak = gtk_switch_get_active (GTK_SWITCH (object (ctx, "leak_switch")));
  if (!read_when (GTK_ENTRY (object (ctx, "occurred_date")),
                  GTK_ENTRY (object (ctx, "occurred_time")), _("Occurred at"),
                  &facts->occurred_at, error))
    return FALSE;
  if (!read_when (GTK_ENTRY (object (ctx, "discovered_date")),
                  GTK_ENTRY (object (ctx, "discovered_time")), _("Discovered at"),
                  &facts->discovered_at, error))
    return FALSE;
  return TRUE;
}

/* The live line: whether the facts meet the playbook's criteria. */
static void
show_criteria_met (Ctx                    *ctx,
                   const JhkIncidentFacts *facts)
{
  GtkLabel *label = GTK_LABEL (object (ctx, "criteria_label"));
  g_autofree char *met = NULL;
  g_autofree char *text = NULL;

  if (ctx->playbook != NULL && ctx->playbook->version_id != 0)
    met = jhk_incidents_criteria_met (ctx->db, ctx->playbook->version_id, facts);
  if (met == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  text = g_strdup_printf (_("Meets the criteria of a serious incident: %s"), met);
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static gboolean
facts_check (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  Ctx *ctx = user_data;
  g_auto(FactsTexts) texts = { 0 };
  g_autoptr(GArray) businesses = g_array_new (FALSE, TRUE, sizeof (gint64));
  JhkIncidentFacts facts;
  const char *field = NULL;
  gboolean read;

  load_playbook (ctx);
  read = read_facts (ctx, &facts, &texts, businesses, error);
  show_criteria_met (ctx, &facts);
  if (!read)
    return FALSE;
  if (ctx->refusal != NULL)
    return fail (error, ctx->refusal);
  if (chosen_office (ctx) == 0)
    return fail (error, _("You may report incidents of no office."));
  if (ctx->incident == NULL && ctx->playbook_id == 0)
    return fail (error, _("Choose the playbook to follow."));
  return jhk_incident_facts_check (&facts, &field, error);
}

static gboolean
facts_apply (JhkFormDialog  *dialog,
             gpointer        user_data,
             GError        **error)
{
  Ctx *ctx = user_data;
  g_auto(FactsTexts) texts = { 0 };
  g_autoptr(GArray) businesses = g_array_new (FALSE, TRUE, sizeof (gint64));
  JhkIncidentFacts facts;
  gint64 id;

  if (!facts_check (dialog, user_data, error))
    return FALSE;
  read_facts (ctx, &facts, &texts, businesses, NULL);
  if (ctx->incident != NULL)
    {
      if (!jhk_incidents_update_facts (ctx->db, ctx->session, ctx->incident->id, &facts, error))
        return FALSE;
      written (ctx, ctx->incident->id, _("The facts of the incident were changed."));
      return TRUE;
    }
  id = jhk_incidents_open (ctx->db, ctx->session, chosen_office (ctx), ctx->playbook_id, &facts,
                           error);
  if (id == 0)
    return FALSE;
  written (ctx, id, _("The incident was reported; its checklist is ready."));
  return TRUE;
}

/* Fills the form from an incident (事実の変更). */
static void
fill_facts (Ctx               *ctx,
            const JhkIncident *incident)
{
  g_autoptr(GtkStringList) office = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) playbook = gtk_string_list_new (NULL);
  g_autofree char *playbook_label = g_strdup_printf (_("%s (version %d)"),
                                                     jhk_or_dash (incident->playbook_title),
                                                     incident->playbook_version);

  gtk_string_list_append (office, jhk_or_dash (incident->office_name));
  adw_combo_row_set_model (ADW_COMBO_ROW (object (ctx, "office_row")), G_LIST_MODEL (office));
  gtk_widget_set_sensitive (GTK_WIDGET (object (ctx, "office_row")), FALSE);
  gtk_string_list_append (playbook, playbook_label);
  adw_combo_row_set_model (ADW_COMBO_ROW (object (ctx, "playbook_row")), G_LIST_MODEL (playbook));
  gtk_widget_set_sensitive (GTK_WIDGET (object (ctx, "playbook_row")), FALSE);

  set_text (ctx, "title_row", incident->title);
  set_text (ctx, "description_view", incident->description);
  set_text (ctx, "systems_row", incident->systems);
  set_text (ctx, "terminals_row", incident->terminals);
  set_when (GTK_ENTRY (object (ctx, "occurred_date")), GTK_ENTRY (object (ctx, "occurred_time")),
            incident->occurred_at);
  set_when (GTK_ENTRY (object (ctx, "discovered_date")),
            GTK_ENTRY (object (ctx, "discovered_time")), incident->discovered_at);
  for (guint i = 0; incident->business_ids != NULL && i < incident->business_ids->len; i++)
    check_business (ctx, g_array_index (incident->business_ids, gint64, i));
  for (guint i = 0; incident->material_ids != NULL && i < incident->material_ids->len; i++)
    {
      const char *name = incident->material_names != NULL && i < incident->material_names->len
                           ? g_ptr_array_index (incident->material_names, i)
                           : NULL;
      g_autofree char *label = g_strdup_printf (_("No. %s"), jhk_or_dash (name));

      add_material (ctx, g_array_index (incident->material_ids, gint64, i), label);
    }
  gtk_switch_set_active (GTK_SWITCH (object (ctx, "damage_switch")), incident->damage);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (object (ctx, "stop_spin")),
                             incident->stop_minutes);
  gtk_switch_set_active (GTK_SWITCH (object (ctx, "leak_switch")), incident->leak);
}

GtkWindow *
jhk_incident_open_dialog_new (GtkWidget             *parent,
                              JhkDb                 *db,
                              JhkSession            *session,
                              gint64                 incident_id,
                              JhkIncidentDialogDone  done,
                              gpointer               user_data)
{
  Ctx *ctx;
  JhkFormDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (session), NULL);

  ctx = ctx_new (parent, db, session, done, user_data);
  ctx->incident_id = incident_id;
  ctx->action = JHK_INCIDENT_UPDATE_FACTS;
  if (incident_id != 0)
    {
      if (!ctx_read_incident (ctx, incident_id))
        return NULL;
      ctx->refusal = g_strdup (jhk_incidents_refusal (db, session, ctx->incident,
                                                      JHK_INCIDENT_UPDATE_FACTS));
    }

  dialog = jhk_form_dialog_new (incident_id != 0 ? _("Change the Facts") : _("Report an Incident"),
                                incident_id != 0 ? _("_Save") : _("_Report"), OPEN_FORM);
  ctx->dialog = dialog;
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 720);
  ctx->material_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  ctx->material_labels = g_ptr_array_new_with_free_func (g_free);
  ctx->material_results = g_ptr_array_new ();
  fill_businesses (ctx);
  watch_text_view (ctx, "description_view");

  if (ctx->incident != NULL)
    {
      g_autofree char *subtitle = incident_label (ctx->incident);

      jhk_form_dialog_set_subtitle (dialog, subtitle);
      fill_facts (ctx, ctx->incident);
    }
  else
    {
      AdwComboRow *playbook_row = ADW_COMBO_ROW (object (ctx, "playbook_row"));
      g_autoptr(GtkExpression) expression = jhk_row_expression_new (playbook_row_label);

      fill_offices (ctx);
      ctx->playbooks = jhk_playbooks_list_model (db, FALSE);
      adw_combo_row_set_expression (playbook_row, expression);
      if (ctx->playbooks != NULL)
        adw_combo_row_set_model (playbook_row, G_LIST_MODEL (ctx->playbooks));
      set_when (GTK_ENTRY (object (ctx, "occurred_date")),
                GTK_ENTRY (object (ctx, "occurred_time")), 0);
      set_when (GTK_ENTRY (object (ctx, "discovered_date")),
                GTK_ENTRY (object (ctx, "discovered_time")), 0);
      g_signal_connect_swapped (object (ctx, "office_row"), "notify::selected",
                                G_CALLBACK (office_changed_cb), ctx);
      g_signal_connect_swapped (playbook_row, "notify::selected", G_CALLBACK (load_playbook),
                                ctx);
    }
  load_playbook (ctx);
  g_signal_connect_swapped (object (ctx, "material_search_row"), "changed",
                            G_CALLBACK (search_materials), ctx);
  g_signal_connect_swapped (object (ctx, "material_search_row"), "entry-activated",
                            G_CALLBACK (search_activated_cb), ctx);

  jhk_form_dialog_set_apply_func (dialog, facts_apply, ctx, ctx_free);
  jhk_form_dialog_set_check_func (dialog, facts_check);
  jhk_present_dialog (parent, GTK_WINDOW (dialog));
  /* A new incident starts from the playbook that fits it. */
  gtk_widget_grab_focus (GTK_WIDGET (object (ctx, ctx->incident != NULL ? "title_row"
                                                                        : "playbook_row")));
  return GTK_WINDOW (dialog);
}

/* ---- attachments ---- */

gint64
jhk_incident_dialogs_attach_file (JhkDb       *db,
                                  JhkSession  *session,
                                  gint64       incident_id,
                                  gint64       step_id,
                                  GFile       *file,
                                  GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *mime = NULL;
  const char *content_type;
  const char *name;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return 0;
  name = g_file_info_get_display_name (info);
  /* Said before anything is read or sent. */
  if (g_file_info_get_size (info) > JHK_INCIDENT_ATTACHMENT_MAX)
    {
      GFormatSizeFlags flags = G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT;
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info), flags);
      g_autofree char *limit = g_format_size_full (JHK_INCIDENT_ATTACHMENT_MAX, flags);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is %s; an attachment may be at most %s."), name, size, limit);
      return 0;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return 0;
  data = g_bytes_new_take (contents, length);
  content_type = g_file_info_get_content_type (info);
  mime = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  return jhk_incidents_attach (db, session, incident_id, step_id,
                               name != NULL ? name : basename,
                               mime != NULL ? mime : "application/octet-stream", data, error);
}

static void evidence_update (Ctx *ctx);

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Ctx             *ctx)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_basename (file);

      if (jhk_incident_dialogs_attach_file (ctx->db, ctx->session, ctx->incident_id, ctx->step_id,
                                            file, &error) == 0)
        jhk_widget_show_error (ctx->parent, error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("“%s” was attached."), name);

          if (ctx->attached != NULL)
            {
              g_ptr_array_add (ctx->attached, g_strdup (name));
              evidence_update (ctx);
            }
          written (ctx, ctx->incident_id, message);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* ctx is the chooser's while it is open when own_ctx. */
static void
choose_file (Ctx       *ctx,
             GtkWidget *over,
             gboolean   own_ctx)
{
  GtkRoot *root = gtk_widget_get_root (over);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Attach a File"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (own_ctx)
    g_object_set_data_full (G_OBJECT (chooser), "jhk-ctx", ctx, ctx_free);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), ctx);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- actions with a form ---- */

static const char *
required_message (Ctx *ctx)
{
  if (ctx->step_id != 0)
    switch (ctx->step_action)
      {
      case JHK_INCIDENT_STEP_ACTION_SKIP:
        return _("Give the reason for skipping the step.");
      case JHK_INCIDENT_STEP_ACTION_NOTE:
        return _("Write the note.");
      default:
        return NULL;
      }
  switch (ctx->action)
    {
    case JHK_INCIDENT_ADD_NOTE:
      return _("Write the note.");
    case JHK_INCIDENT_REQUEST_RECOVERY:
      return _("Write what you ask for.");
    case JHK_INCIDENT_INVESTIGATE:
      return _("Write the findings of the investigation.");
    case JHK_INCIDENT_FINISH_RECOVERY:
      return _("Write how the recovery ended.");
    case JHK_INCIDENT_DECLARE_SERIOUS:
      return _("Give the reason why the incident is serious.");
    case JHK_INCIDENT_CLOSE:
      return _("Write the prevention of recurrence.");
    default:
      return NULL;
    }
}

static gboolean
action_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Ctx *ctx = user_data;
  g_autofree char *text = text_of (ctx, "text_view");
  const char *required = required_message (ctx);

  if (ctx->refusal != NULL)
    return fail (error, ctx->refusal);
  if (required != NULL && jhk_is_blank (text))
    return fail (error, required);
  if (g_utf8_strlen (text, -1) > JHK_INCIDENT_TEXT_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The text may be at most %d characters long."), JHK_INCIDENT_TEXT_MAX);
      return FALSE;
    }
  if (ctx->step_id == 0 && ctx->action == JHK_INCIDENT_DISPATCH)
    {
      g_autofree char *staff = text_of (ctx, "line_row");
      gint64 at;

      if (jhk_is_blank (staff))
        return fail (error, _("Name the staff sent."));
      if (!read_when (GTK_ENTRY (object (ctx, "at_date")), GTK_ENTRY (object (ctx, "at_time")),
                      _("Sent at"), &at, error))
        return FALSE;
    }
  if (ctx->step_id == 0 && ctx->action == JHK_INCIDENT_REQUEST_RECOVERY &&
      adw_combo_row_get_selected (ADW_COMBO_ROW (object (ctx, "recipient_row"))) ==
        GTK_INVALID_LIST_POSITION)
    return fail (error, _("Choose whom to ask."));
  return TRUE;
}

static gboolean
action_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Ctx *ctx = user_data;
  g_autofree char *text = text_of (ctx, "text_view");
  gint64 id = ctx->incident_id;
  const char *message = NULL;
  gboolean ok = FALSE;

  if (!action_check (dialog, user_data, error))
    return FALSE;
  if (ctx->step_id != 0)
    {
      switch (ctx->step_action)
        {
        case JHK_INCIDENT_STEP_ACTION_DONE:
          ok = jhk_incidents_step_done (ctx->db, ctx->session, ctx->step_id,
                                        jhk_is_blank (text) ? NULL : text, error);
          message = _("The step was recorded as done.");
          break;
        case JHK_INCIDENT_STEP_ACTION_SKIP:
          ok = jhk_incidents_step_skip (ctx->db, ctx->session, ctx->step_id, text, error);
          message = _("The step was skipped.");
          break;
        case JHK_INCIDENT_STEP_ACTION_NOTE:
          ok = jhk_incidents_step_add_note (ctx->db, ctx->session, ctx->step_id, text, error);
          message = _("The note was added to the step.");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  else
    switch (ctx->action)
      {
      case JHK_INCIDENT_ADD_NOTE:
        ok = jhk_incidents_add_note (ctx->db, ctx->session, id, text, error);
        message = _("The note was added.");
        break;
      case JHK_INCIDENT_REQUEST_RECOVERY:
        {
          guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (object (ctx, "recipient_row")));
          gint64 business = g_array_index (ctx->recipient_business_ids, gint64, i);

          ok = jhk_incidents_request_recovery (ctx->db, ctx->session, id,
                                               business == 0 ? "sysadmin" : "business", business,
                                               text, error);
          message = _("The recovery was requested; it shows on the recipient's dashboard.");
        }
        break;
      case JHK_INCIDENT_INVESTIGATE:
        ok = jhk_incidents_investigate (ctx->db, ctx->session, id, text, error);
        message = _("The investigation was recorded.");
        break;
      case JHK_INCIDENT_DISPATCH:
        {
          g_autofree char *staff = text_of (ctx, "line_row");
          gint64 at = 0;

          read_when (GTK_ENTRY (object (ctx, "at_date")), GTK_ENTRY (object (ctx, "at_time")),
                     _("Sent at"), &at, NULL);
          if (ctx->at_default != 0 &&
              at / (60 * G_USEC_PER_SEC) == ctx->at_default / (60 * G_USEC_PER_SEC))
            at = ctx->at_default;
          ok = jhk_incidents_dispatch (ctx->db, ctx->session, id, staff, at, error);
          message = _("The staff sent were recorded.");
        }
        break;
      case JHK_INCIDENT_FINISH_RECOVERY:
        ok = jhk_incidents_finish_recovery (ctx->db, ctx->session, id, text, error);
        message = _("The recovery was recorded as finished.");
        break;
      case JHK_INCIDENT_DECLARE_SERIOUS:
        ok = jhk_incidents_declare_serious (ctx->db, ctx->session, id, text, error);
        message = _("The incident is serious; its report was drafted.");
        break;
      case JHK_INCIDENT_CLOSE:
        ok = jhk_incidents_close (ctx->db, ctx->session, id, text, error);
        message = _("The incident was closed.");
        break;
      default:
        g_assert_not_reached ();
      }
  if (!ok)
    return FALSE;
  written (ctx, id, message);
  return TRUE;
}

/* A form for one action: the incident named at the top, a text below. */
static JhkFormDialog *
action_dialog_new (Ctx        *ctx,
                   const char *title,
                   const char *apply_label,
                   const char *text_label)
{
  JhkFormDialog *dialog = jhk_form_dialog_new (title, apply_label, ACTION_FORM);
  g_autofree char *label = incident_label (ctx->incident);

  ctx->dialog = dialog;
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  jhk_form_dialog_set_subtitle (dialog, label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (object (ctx, "incident_row")), label);
  gtk_label_set_text_with_mnemonic (GTK_LABEL (object (ctx, "text_label")), text_label);
  watch_text_view (ctx, "text_view");
  jhk_form_dialog_set_apply_func (dialog, action_apply, ctx, ctx_free);
  return dialog;
}

static void
set_info (Ctx        *ctx,
          const char *title,
          const char *text)
{
  AdwActionRow *row = ADW_ACTION_ROW (object (ctx, "info_row"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, jhk_or_dash (text));
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

static void
present (Ctx       *ctx,
         GtkWidget *focus)
{
  jhk_form_dialog_set_check_func (ctx->dialog, action_check);
  jhk_present_dialog (ctx->parent, GTK_WINDOW (ctx->dialog));
  gtk_widget_grab_focus (focus);
}

static void
fill_recipients (Ctx *ctx)
{
  AdwComboRow *row = ADW_COMBO_ROW (object (ctx, "recipient_row"));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const JhkIncident *incident = ctx->incident;
  gint64 none = 0;

  ctx->recipient_business_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (labels, jhk_role_get_label (JHK_ROLE_SYSADMIN));
  g_array_append_val (ctx->recipient_business_ids, none);
  for (guint i = 0; incident->business_ids != NULL && i < incident->business_ids->len; i++)
    {
      const char *name = incident->business_names != NULL && i < incident->business_names->len
                           ? g_ptr_array_index (incident->business_names, i)
                           : NULL;
      g_autofree char *label = g_strdup_printf (_("Manager of %s"), jhk_or_dash (name));

      gtk_string_list_append (labels, label);
      g_array_append_val (ctx->recipient_business_ids,
                          g_array_index (incident->business_ids, gint64, i));
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, 0);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

/* Confirmations: SUBMIT_REPORT, ACKNOWLEDGE and a step's CONFIRM. */

static void
confirm_response_cb (AdwMessageDialog *message,
                     const char       *response,
                     Ctx              *ctx)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *done_message;

  if (g_strcmp0 (response, "cancel") == 0 || g_strcmp0 (response, "close") == 0)
    return;
  if (ctx->step_id != 0)
    {
      ok = jhk_incidents_step_confirm (ctx->db, ctx->session, ctx->step_id, &error);
      done_message = _("The step was confirmed by a second person.");
    }
  else if (ctx->action == JHK_INCIDENT_SUBMIT_REPORT)
    {
      ok = jhk_incidents_submit_report (ctx->db, ctx->session, ctx->incident_id, &error);
      done_message = _("The report was sent to the supervisor and the department head.");
    }
  else
    {
      ok = jhk_incidents_acknowledge_report (ctx->db, ctx->session, ctx->incident_id, &error);
      done_message = _("You acknowledged the report.");
    }
  if (!ok)
    {
      jhk_widget_show_error (ctx->parent, error);
      return;
    }
  written (ctx, ctx->incident_id, done_message);
}

static void
confirm (Ctx        *ctx,
         const char *heading,
         const char *body,
         const char *response,
         const char *response_label)
{
  GtkRoot *root = gtk_widget_get_root (ctx->parent);
  GtkWidget *message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message), "cancel", _("_Cancel"),
                                    response, response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  g_object_set_data_full (G_OBJECT (message), "jhk-ctx", ctx, ctx_free);
  g_signal_connect (message, "response", G_CALLBACK (confirm_response_cb), ctx);
  jhk_present_dialog (ctx->parent, GTK_WINDOW (message));
}

void
jhk_incident_action_dialog_run (GtkWidget             *parent,
                                JhkDb                 *db,
                                JhkSession            *session,
                                const JhkIncident     *incident,
                                JhkIncidentAction      action,
                                JhkIncidentDialogDone  done,
                                gpointer               user_data)
{
  Ctx *ctx;
  const char *why;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (incident != NULL);

  switch (action)
    {
    case JHK_INCIDENT_UPDATE_FACTS:
      jhk_incident_open_dialog_new (parent, db, session, incident->id, done, user_data);
      return;
    case JHK_INCIDENT_EDIT_REPORT:
      jhk_incident_report_dialog_new (parent, db, session, incident->id, done, user_data);
      return;
    case JHK_INCIDENT_STEP_DONE:
      /* The first pending step the actor may do. */
      for (guint i = 0; incident->steps != NULL && i < incident->steps->len; i++)
        {
          const JhkIncidentStep *step = g_ptr_array_index (incident->steps, i);

          if (g_strcmp0 (step->state, "pending") == 0 &&
              jhk_incidents_step_refusal (db, session, incident, step,
                                          JHK_INCIDENT_STEP_ACTION_DONE) == NULL)
            {
              jhk_incident_step_dialog_run (parent, db, session, incident, step,
                                            JHK_INCIDENT_STEP_ACTION_DONE, done, user_data);
              return;
            }
        }
      why = jhk_incidents_refusal (db, session, incident, action);
      show_refusal (parent, why != NULL ? why : _("No step waits for you."));
      return;
    default:
      break;
    }

  why = jhk_incidents_refusal (db, session, incident, action);
  /* Closing shows what is missing in its own form; the others are refused
   * here as the page's insensitive button says. */
  if (why != NULL && action != JHK_INCIDENT_CLOSE)
    {
      show_refusal (parent, why);
      return;
    }

  ctx = ctx_new (parent, db, session, done, user_data);
  ctx->action = action;
  ctx->refusal = g_strdup (why);
  if (!ctx_read_incident (ctx, incident->id))
    return;

  switch (action)
    {
    case JHK_INCIDENT_ADD_NOTE:
      action_dialog_new (ctx, _("Add a Note"), _("_Add"), _("_Note"));
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_ATTACH:
      choose_file (ctx, parent, TRUE);
      break;
    case JHK_INCIDENT_REQUEST_RECOVERY:
      action_dialog_new (ctx, _("Request Recovery"), C_("recovery", "_Request"),
                         _("_What the Office Asks For"));
      fill_recipients (ctx);
      set_info (ctx, _("When the office cannot recover alone"),
                _("The system administrator or the business's manager sees the request on "
                  "their dashboard, investigates and may send staff (R19-3, R19-4)."));
      present (ctx, GTK_WIDGET (object (ctx, "recipient_row")));
      break;
    case JHK_INCIDENT_INVESTIGATE:
      action_dialog_new (ctx, _("Record the Investigation"), _("_Record"),
                         _("_Findings"));
      set_info (ctx, _("Recovery Request"), ctx->incident->recovery_request);
      set_text (ctx, "text_view", ctx->incident->investigation);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_DISPATCH:
      action_dialog_new (ctx, _("Record the Staff Sent"), _("_Record"), _("_Note"));
      gtk_widget_set_visible (GTK_WIDGET (object (ctx, "text_box")), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (object (ctx, "line_row")),
                                     _("_Staff Sent"));
      show (ctx, "line_row", TRUE);
      show (ctx, "at_row", TRUE);
      set_text (ctx, "line_row", ctx->incident->dispatched_staff);
      ctx->at_default = ctx->incident->dispatched_at != 0 ? ctx->incident->dispatched_at
                                                          : g_get_real_time ();
      set_when (GTK_ENTRY (object (ctx, "at_date")), GTK_ENTRY (object (ctx, "at_time")),
                ctx->at_default);
      present (ctx, GTK_WIDGET (object (ctx, "line_row")));
      break;
    case JHK_INCIDENT_FINISH_RECOVERY:
      action_dialog_new (ctx, _("Finish the Recovery"), _("_Finish"), _("_Result"));
      set_info (ctx, _("Findings"), ctx->incident->investigation);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_DECLARE_SERIOUS:
      action_dialog_new (ctx, _("Declare the Incident Serious"), _("_Declare"),
                         _("_Reason"));
      set_info (ctx, _("What follows"),
                _("A report to the supervisor and the department head is drafted from the "
                  "record, due a set number of hours after the discovery (R19-5)."));
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_CLOSE:
      action_dialog_new (ctx, _("Close the Incident"), _("C_lose"),
                         _("Pre_vention of Recurrence"));
      if (why != NULL)
        {
          set_info (ctx, _("Missing before closing"), why);
          gtk_widget_add_css_class (GTK_WIDGET (object (ctx, "info_row")), "warning");
        }
      set_text (ctx, "text_view",
                !jhk_is_blank (ctx->incident->prevention) ? ctx->incident->prevention
                                                          : ctx->incident->report.prevention);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_SUBMIT_REPORT:
      {
        g_autofree char *heading = g_strdup_printf (_("Report Incident No. %lld?"),
                                                    (long long) incident->id);
        g_autofree char *body =
          g_strdup_printf (_("The report goes to the %s and the %s, who each acknowledge it. "
                             "Once reported it can no longer be changed."),
                           jhk_role_get_label (JHK_ROLE_SUPERVISOR),
                           jhk_role_get_label (JHK_ROLE_DEPT_HEAD));

        confirm (ctx, heading, body, "submit", _("_Report"));
      }
      break;
    case JHK_INCIDENT_ACKNOWLEDGE:
      {
        JhkRole role = jhk_session_has_role (session, JHK_ROLE_SUPERVISOR) ? JHK_ROLE_SUPERVISOR
                                                                          : JHK_ROLE_DEPT_HEAD;
        g_autofree char *heading =
          g_strdup_printf (_("Acknowledge the Report of Incident No. %lld?"),
                           (long long) incident->id);
        g_autofree char *body =
          g_strdup_printf (_("You acknowledge as the %s that you have received the report. It "
                             "is acknowledged once both the %s and the %s have."),
                           jhk_role_get_label (role), jhk_role_get_label (JHK_ROLE_SUPERVISOR),
                           jhk_role_get_label (JHK_ROLE_DEPT_HEAD));

        confirm (ctx, heading, body, "acknowledge", _("_Acknowledge"));
      }
      break;
    default:
      g_warning ("No dialog for incident action %d", action);
      ctx_free (ctx);
      break;
    }
}

/* ---- steps ---- */

static void
evidence_update (Ctx *ctx)
{
  const JhkIncidentStep *step = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (ctx->dialog == NULL)
    return;
  for (guint i = 0; ctx->incident->steps != NULL && i < ctx->incident->steps->len; i++)
    if (((JhkIncidentStep *) g_ptr_array_index (ctx->incident->steps, i))->id == ctx->step_id)
      step = g_ptr_array_index (ctx->incident->steps, i);
  g_string_append (text, step != NULL && !jhk_is_blank (step->evidence) ? step->evidence
                                                                       : _("None named"));
  for (guint i = 0; i < ctx->attached->len; i++)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Attached: %s"),
                              (char *) g_ptr_array_index (ctx->attached, i));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (object (ctx, "evidence_row")), text->str);
}

static void
attach_clicked_cb (Ctx *ctx)
{
  choose_file (ctx, GTK_WIDGET (ctx->dialog), FALSE);
}

static char *
step_summary (const JhkIncidentStep *step)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (lines, g_strdup (step->text));
  if (!jhk_is_blank (step->role))
    {
      JhkRole role = jhk_role_from_key (step->role);

      if (role != JHK_ROLE_INVALID)
        g_ptr_array_add (lines, g_strdup_printf (_("By: %s"), jhk_role_get_label (role)));
    }
  if (step->minutes > 0)
    g_ptr_array_add (lines, g_strdup_printf (_("Expected time: %d minutes"), step->minutes));
  if (!jhk_is_blank (step->note))
    g_ptr_array_add (lines, g_strdup_printf (_("Notes: %s"), step->note));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

void
jhk_incident_step_dialog_run (GtkWidget             *parent,
                              JhkDb                 *db,
                              JhkSession            *session,
                              const JhkIncident     *incident,
                              const JhkIncidentStep *step,
                              JhkIncidentStepAction  action,
                              JhkIncidentDialogDone  done,
                              gpointer               user_data)
{
  Ctx *ctx;
  const char *why;
  g_autofree char *step_title = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (incident != NULL);
  g_return_if_fail (step != NULL);

  why = jhk_incidents_step_refusal (db, session, incident, step, action);
  if (why != NULL)
    {
      show_refusal (parent, why);
      return;
    }
  ctx = ctx_new (parent, db, session, done, user_data);
  ctx->step_id = step->id;
  ctx->step_action = action;
  if (!ctx_read_incident (ctx, incident->id))
    return;
  step_title = g_strdup_printf (_("Step %d"), step->position);
  summary = step_summary (step);

  switch (action)
    {
    case JHK_INCIDENT_STEP_ACTION_DONE:
      action_dialog_new (ctx, _("Record the Step as Done"), C_("incident step", "_Done"),
                         _("_Note (Optional)"));
      set_info (ctx, step_title, summary);
      ctx->attached = g_ptr_array_new_with_free_func (g_free);
      show (ctx, "evidence_row", TRUE);
      evidence_update (ctx);
      g_signal_connect_swapped (object (ctx, "attach_button"), "clicked",
                                G_CALLBACK (attach_clicked_cb), ctx);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_STEP_ACTION_SKIP:
      action_dialog_new (ctx, _("Skip the Step"), _("_Skip"), _("_Reason"));
      set_info (ctx, step_title, summary);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_STEP_ACTION_NOTE:
      action_dialog_new (ctx, _("Add a Note to the Step"), _("_Add"), _("_Note"));
      set_info (ctx, step_title, summary);
      present (ctx, GTK_WIDGET (object (ctx, "text_view")));
      break;
    case JHK_INCIDENT_STEP_ACTION_CONFIRM:
      {
        g_autofree char *heading = g_strdup_printf (_("Confirm Step %d?"), step->position);
        g_autofree char *when = jhk_format_time (step->done_at);
        g_autofree char *body =
          g_strdup_printf (_("%s\n\nDone by %s at %s. You confirm, as a second person, that it "
                             "was done as written."),
                           step->text, jhk_or_dash (step->done_by_name), when);

        confirm (ctx, heading, body, "confirm", _("C_onfirm"));
      }
      break;
    default:
      ctx_free (ctx);
      break;
    }
}

/* ---- the report (R19-5) ---- */

static const struct
{
  const char *view;
  gsize       offset;
} report_texts[] = {
  { "summary_view", G_STRUCT_OFFSET (JhkIncidentReport, summary) },
  { "leaked_items_view", G_STRUCT_OFFSET (JhkIncidentReport, leaked_items) },
  { "cause_view", G_STRUCT_OFFSET (JhkIncidentReport, cause) },
  { "secondary_risk_view", G_STRUCT_OFFSET (JhkIncidentReport, secondary_risk) },
  { "response_view", G_STRUCT_OFFSET (JhkIncidentReport, response_to_persons) },
  { "publication_view", G_STRUCT_OFFSET (JhkIncidentReport, publication) },
  { "prevention_view", G_STRUCT_OFFSET (JhkIncidentReport, prevention) },
};

#define REPORT_TEXT(report, i) G_STRUCT_MEMBER (char *, (report), report_texts[i].offset)

static void
read_report (Ctx               *ctx,
             JhkIncidentReport *report)
{
  memset (report, 0, sizeof *report);
  for (guint i = 0; i < G_N_ELEMENTS (report_texts); i++)
    REPORT_TEXT (report, i) = text_of (ctx, report_texts[i].view);
  gtk_spin_button_update (GTK_SPIN_BUTTON (object (ctx, "persons_spin")));
  report->persons =
    gtk_check_button_get_active (GTK_CHECK_BUTTON (object (ctx, "persons_unknown")))
      ? -1
      : gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (object (ctx, "persons_spin")));
}

static void
clear_report_texts (JhkIncidentReport *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_texts); i++)
    g_clear_pointer (&REPORT_TEXT (report, i), g_free);
}

static gboolean
report_check (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Ctx *ctx = user_data;
  JhkIncidentReport report;
  gboolean ok = TRUE;

  if (ctx->refusal != NULL)
    return fail (error, ctx->refusal);
  read_report (ctx, &report);
  for (guint i = 0; ok && i < G_N_ELEMENTS (report_texts); i++)
    if (g_utf8_strlen (REPORT_TEXT (&report, i), -1) > JHK_INCIDENT_TEXT_MAX)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Each field may be at most %d characters long."), JHK_INCIDENT_TEXT_MAX);
        ok = FALSE;
      }
  clear_report_texts (&report);
  return ok;
}

static gboolean
report_apply (JhkFormDialog  *dialog,
              gpointer        user_data,
              GError        **error)
{
  Ctx *ctx = user_data;
  JhkIncidentReport report;
  gboolean ok;

  if (!report_check (dialog, user_data, error))
    return FALSE;
  read_report (ctx, &report);
  ok = jhk_incidents_save_report (ctx->db, ctx->session, ctx->incident_id, &report, error);
  clear_report_texts (&report);
  if (!ok)
    return FALSE;
  written (ctx, ctx->incident_id, _("The report was saved."));
  return TRUE;
}

static void
persons_unknown_cb (Ctx *ctx)
{
  gboolean unknown = gtk_check_button_get_active (GTK_CHECK_BUTTON (object (ctx,
                                                                            "persons_unknown")));

  gtk_widget_set_sensitive (GTK_WIDGET (object (ctx, "persons_spin")), !unknown);
  poke (ctx);
}

static gboolean
report_is_empty (const JhkIncidentReport *report)
{
  for (guint i = 0; i < G_N_ELEMENTS (report_texts); i++)
    if (!jhk_is_blank (REPORT_TEXT (report, i)))
      return FALSE;
  return TRUE;
}

GtkWindow *
jhk_incident_report_dialog_new (GtkWidget             *parent,
                                JhkDb                 *db,
                                JhkSession            *session,
                                gint64                 incident_id,
                                JhkIncidentDialogDone  done,
                                gpointer               user_data)
{
  JhkIncidentReport *draft = NULL;
  const JhkIncidentReport *from;
  JhkFormDialog *dialog;
  AdwActionRow *due_row;
  Ctx *ctx;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  ctx = ctx_new (parent, db, session, done, user_data);
  ctx->action = JHK_INCIDENT_EDIT_REPORT;
  if (!ctx_read_incident (ctx, incident_id))
    return NULL;
  ctx->refusal = g_strdup (jhk_incidents_refusal (db, session, ctx->incident,
                                                  JHK_INCIDENT_EDIT_REPORT));

  dialog = jhk_form_dialog_new (_("Serious Incident Report"), _("_Save"),
                                REPORT_FORM);
  ctx->dialog = dialog;
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 720);
  {
    g_autofree char *label = incident_label (ctx->incident);

    jhk_form_dialog_set_subtitle (dialog, label);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (object (ctx, "incident_row")), label);
  }

  /* Empty fields start from the record: each one from the draft; the
   * number of persons too when nothing was written yet. */
  from = &ctx->incident->report;
  draft = jhk_incidents_draft_report (db, ctx->incident);
  for (guint i = 0; i < G_N_ELEMENTS (report_texts); i++)
    {
      const char *text = REPORT_TEXT (from, i);

      if (jhk_is_blank (text) && draft != NULL)
        text = REPORT_TEXT (draft, i);
      set_text (ctx, report_texts[i].view, text);
      watch_text_view (ctx, report_texts[i].view);
    }
  if (report_is_empty (from) && draft != NULL)
    from = draft;
  if (from->persons < 0)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (object (ctx, "persons_unknown")), TRUE);
  else
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (object (ctx, "persons_spin")), from->persons);
  gtk_widget_set_sensitive (GTK_WIDGET (object (ctx, "persons_spin")), from->persons >= 0);
  g_signal_connect_swapped (object (ctx, "persons_unknown"), "toggled",
                            G_CALLBACK (persons_unknown_cb), ctx);
  g_clear_pointer (&draft, jhk_incident_report_free);

  /* The due time, red when it has passed without the report. */
  due_row = ADW_ACTION_ROW (object (ctx, "due_row"));
  if (ctx->incident->report.due_at != 0)
    {
      g_autofree char *due = jhk_format_time (ctx->incident->report.due_at);

      if (jhk_incident_report_is_overdue (ctx->incident, 0))
        {
          g_autofree char *text = g_strdup_printf (_("%s — overdue"), due);

          adw_action_row_set_subtitle (due_row, text);
          gtk_widget_add_css_class (GTK_WIDGET (due_row), "error");
        }
      else
        adw_action_row_set_subtitle (due_row, due);
    }
  else
    adw_action_row_set_subtitle (due_row, "—");

  jhk_form_dialog_set_apply_func (dialog, report_apply, ctx, ctx_free);
  jhk_form_dialog_set_check_func (dialog, report_check);
  jhk_present_dialog (parent, GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (object (ctx, "summary_view")));
  return GTK_WINDOW (dialog);
}
