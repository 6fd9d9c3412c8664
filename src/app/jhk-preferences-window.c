/* jhk-preferences-window.c: the database, the idle lock, the password
 * policy, and the 照会点検's settings: the screening's rules, the business
 * of the check sheets (R14-7) and the holidays register (R14-9). */
#include <stdlib.h>

#include <glib/gi18n.h>

#include "jhk-app-util.h"
#include "jhk-form-dialog.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-inquiry-screening.h"
#include "jhk-preferences-window.h"
#include "jhk-settings.h"

struct _JhkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *database_row;
  GtkSpinButton        *idle_spin;
  AdwPreferencesGroup  *policy_group;
  GtkWidget            *apply_button;
  GtkSpinButton        *min_length_spin;
  GtkSpinButton        *max_age_spin;
  GtkSpinButton        *history_spin;
  GtkSpinButton        *threshold_spin;
  GtkSpinButton        *lockout_minutes_spin;
  GtkWidget            *inquiry_apply_button;
  GtkSpinButton        *duty_start_spin;
  GtkSpinButton        *duty_end_spin;
  GtkSpinButton        *repeat_days_spin;
  GtkSpinButton        *repeat_self_spin;
  GtkSpinButton        *repeat_many_spin;
  GtkSpinButton        *volume_min_spin;
  GtkSpinButton        *volume_percent_spin;
  GtkSpinButton        *due_days_spin;
  AdwComboRow          *business_row;
  AdwPreferencesGroup  *holidays_group;
  GtkWidget            *add_holiday_button;

  GArray               *business_ids;   /* of business_row's items; 0: none */
  GPtrArray            *holiday_rows;   /* the rows of holidays_group */
  gboolean              sysadmin;

  GSettings            *settings;
  JhkDb                *db;
  JhkSession           *session;
};

G_DEFINE_FINAL_TYPE (JhkPreferencesWindow, jhk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_DB,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  JhkSetting  setting;
  gsize       offset;
} PolicyField;

static const PolicyField policy_fields[] = {
  { JHK_SETTING_PASSWORD_MIN_LENGTH, G_STRUCT_OFFSET (JhkPreferencesWindow, min_length_spin) },
  { JHK_SETTING_PASSWORD_MAX_AGE_DAYS, G_STRUCT_OFFSET (JhkPreferencesWindow, max_age_spin) },
  { JHK_SETTING_PASSWORD_HISTORY, G_STRUCT_OFFSET (JhkPreferencesWindow, history_spin) },
  { JHK_SETTING_LOCKOUT_THRESHOLD, G_STRUCT_OFFSET (JhkPreferencesWindow, threshold_spin) },
  { JHK_SETTING_LOCKOUT_MINUTES, G_STRUCT_OFFSET (JhkPreferencesWindow, lockout_minutes_spin) },
  /* 照会点検 (R14-9): a change screens the records again. */
  { JHK_SETTING_INQUIRY_DUTY_START, G_STRUCT_OFFSET (JhkPreferencesWindow, duty_start_spin) },
  { JHK_SETTING_INQUIRY_DUTY_END, G_STRUCT_OFFSET (JhkPreferencesWindow, duty_end_spin) },
  { JHK_SETTING_INQUIRY_REPEAT_DAYS, G_STRUCT_OFFSET (JhkPreferencesWindow, repeat_days_spin) },
  { JHK_SETTING_INQUIRY_REPEAT_SELF, G_STRUCT_OFFSET (JhkPreferencesWindow, repeat_self_spin) },
  { JHK_SETTING_INQUIRY_REPEAT_MANY, G_STRUCT_OFFSET (JhkPreferencesWindow, repeat_many_spin) },
  { JHK_SETTING_INQUIRY_VOLUME_MIN, G_STRUCT_OFFSET (JhkPreferencesWindow, volume_min_spin) },
  { JHK_SETTING_INQUIRY_VOLUME_PERCENT, G_STRUCT_OFFSET (JhkPreferencesWindow, volume_percent_spin) },
  { JHK_SETTING_INQUIRY_DUE_DAYS, G_STRUCT_OFFSET (JhkPreferencesWindow, due_days_spin) },
};

/* The settings whose change screens the inquiry records again. */
static gboolean
setting_screens (JhkSetting setting)
{
  return setting >= JHK_SETTING_INQUIRY_DUTY_START && setting <= JHK_SETTING_INQUIRY_VOLUME_PERCENT;
}

/* The duty hours show and take minutes after midnight as HH:MM. */
static gboolean
time_spin_output (GtkSpinButton *spin)
{
  int minutes = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
time_spin_input (GtkSpinButton *spin,
                 double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint hours = 0, minutes = 0;
  char *end = NULL;

  hours = (guint) g_ascii_strtoull (text, &end, 10);
  if (end == text)
    return GTK_INPUT_ERROR;
  if (*end == ':')
    {
      const char *m = end + 1;

      minutes = (guint) g_ascii_strtoull (m, &end, 10);
      if (end == m)
        return GTK_INPUT_ERROR;
    }
  while (*end == ' ')
    end++;
  if (*end != '\0' || hours > 24 || minutes > 59)
    return GTK_INPUT_ERROR;
  *new_value = hours * 60 + minutes;
  return TRUE;
}

static GtkSpinButton *
field_spin (JhkPreferencesWindow *self,
            const PolicyField    *field)
{
  return G_STRUCT_MEMBER (GtkSpinButton *, self, field->offset);
}

static void
load_policy (JhkPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_fields); i++)
    {
      GtkSpinButton *spin = field_spin (self, &policy_fields[i]);
      JhkSetting setting = policy_fields[i].setting;

      gtk_spin_button_set_range (spin, jhk_setting_get_minimum (setting),
                                 jhk_setting_get_maximum (setting));
      gtk_spin_button_set_value (spin, jhk_settings_get_int (self->db, setting));
    }
}

/* R14-7: the business of the check sheets, chosen among the approved
 * ones (by code and name) or none; a business set before that is not
 * approved (any more) is shown as it is, to be replaced. */
static void
load_business (JhkPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(JhkDbStmt) stmt = NULL;
  gint64 current = jhk_settings_get_int (self->db, JHK_SETTING_INQUIRY_BUSINESS);
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->business_ids, 0);
  gtk_string_list_append (names, _("None"));
  g_array_append_val (self->business_ids, none);
  stmt = jhk_db_query (self->db, NULL,
                       "SELECT id, code, name, approved_at IS NOT NULL FROM businesses"
                       " WHERE approved_at IS NOT NULL OR id = ? ORDER BY code",
                       JHK_I (current), JHK_DB_END);
  while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 id = jhk_db_stmt_get_int64 (stmt, 0);
      g_autofree char *label = NULL;

      if (jhk_db_stmt_get_int64 (stmt, 3) != 0)
        label = g_strdup_printf ("%s %s", jhk_db_stmt_get_text (stmt, 1),
                                 jhk_db_stmt_get_text (stmt, 2));
      else
        /* TRANSLATORS: a business's code and name. */
        label = g_strdup_printf (_("%s %s (not approved)"), jhk_db_stmt_get_text (stmt, 1),
                                 jhk_db_stmt_get_text (stmt, 2));
      if (id == current)
        selected = self->business_ids->len;
      gtk_string_list_append (names, label);
      g_array_append_val (self->business_ids, id);
    }
  adw_combo_row_set_model (self->business_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->business_row, selected);
}

static gint64
selected_business (JhkPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->business_row);

  return i < self->business_ids->len ? g_array_index (self->business_ids, gint64, i) : 0;
}

/* R14-9: the holidays of this year and the next. */
static void
load_holidays (JhkPreferencesWindow *self)
{
  g_autofree char *today = jhk_today ();
  int year = atoi (today);
  guint n = 0;

  for (guint i = 0; i < self->holiday_rows->len; i++)
    adw_preferences_group_remove (self->holidays_group, g_ptr_array_index (self->holiday_rows, i));
  g_ptr_array_set_size (self->holiday_rows, 0);

  for (int y = year; y <= year + 1; y++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = jhk_holidays_list (self->db, y, &error);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (list, i), "\t", 2);
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parts[0]);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parts[0] != NULL && parts[1] != NULL
                                                             ? parts[1] : "");
          if (self->sysadmin)
            {
              GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

              gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
              gtk_widget_add_css_class (remove, "flat");
              gtk_widget_set_tooltip_text (remove, _("Remove"));
              gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "prefs.remove-holiday");
              gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", parts[0]);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
            }
          adw_preferences_group_add (self->holidays_group, row);
          g_ptr_array_add (self->holiday_rows, row);
          n++;
        }
      if (list == NULL)
        g_warning ("The holidays of %d: %s", y, error->message);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("No holidays registered for %d and %d"),
                                                year, year + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   self->sysadmin
                                     ? _("Add the national holidays and the year-end days off.")
                                     : _("The system administrator keeps the holidays."));
      adw_preferences_group_add (self->holidays_group, row);
      g_ptr_array_add (self->holiday_rows, row);
    }
}

#define OBJ(dialog, id) jhk_form_dialog_get_object (JHK_FORM_DIALOG (dialog), id)

/* The holiday typed, checked as the service checks it. */
static gboolean
holiday_check (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  JhkPreferencesWindow *self = user_data;
  g_autofree char *day = g_strstrip (jhk_editable_dup_text (OBJ (dialog, "day_row")));
  g_autofree char *name = g_strstrip (jhk_editable_dup_text (OBJ (dialog, "name_row")));
  gint64 present = 0;

  if (!jhk_date_is_valid (day))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The day must be a date written YYYY-MM-DD."));
      return FALSE;
    }
  if (*name == '\0')
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The holiday needs a name."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > 100)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                           _("The holiday’s name is too long (at most 100 characters)."));
      return FALSE;
    }
  if (jhk_db_query_int64 (self->db, &present, NULL, "SELECT COUNT(*) FROM holidays WHERE day = ?",
                          JHK_T (day), JHK_DB_END) && present > 0)
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_CONFLICT,
                           _("That day is in the holidays register already."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
holiday_apply (JhkFormDialog  *dialog,
               gpointer        user_data,
               GError        **error)
{
  JhkPreferencesWindow *self = user_data;
  g_autofree char *day = g_strstrip (jhk_editable_dup_text (OBJ (dialog, "day_row")));
  g_autofree char *name = g_strstrip (jhk_editable_dup_text (OBJ (dialog, "name_row")));
  g_autofree char *message = NULL;

  if (!jhk_holidays_add (self->db, self->session, day, name, error))
    return FALSE;
  load_holidays (self);
  message = g_strdup_printf (_("The holiday %s %s was added."), day, name);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
add_holiday_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (widget);
  JhkFormDialog *dialog = jhk_form_dialog_new (_("Add a Holiday"), _("_Add"),
                                               "/org/example/Jhk/ui/jhk-holiday-form.ui");

  jhk_form_dialog_set_apply_func (dialog, holiday_apply, g_object_ref (self), g_object_unref);
  jhk_form_dialog_set_check_func (dialog, holiday_check);
  jhk_present_dialog (widget, GTK_WINDOW (dialog));
}

static void
remove_holiday_response_cb (AdwMessageDialog     *dialog,
                            const char           *response,
                            JhkPreferencesWindow *self)
{
  const char *day = g_object_get_data (G_OBJECT (dialog), "day");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!jhk_holidays_remove (self->db, self->session, day, &error))
    {
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  load_holidays (self);
  message = g_strdup_printf (_("The holiday %s was removed."), day);
  jhk_widget_show_toast (GTK_WIDGET (self), message);
}

static void
remove_holiday_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (widget);
  const char *day = g_variant_get_string (parameter, NULL);
  const char *name = "";
  AdwMessageDialog *dialog;

  for (guint i = 0; i < self->holiday_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->holiday_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), day) == 0)
        name = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Remove the Holiday?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s %s becomes a working day for the screening: the "
                                    "records of that day are screened again, but those of "
                                    "signed-off months."), day, name != NULL ? name : "");
  g_object_set_data_full (G_OBJECT (dialog), "day", g_strdup (day), g_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_holiday_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
jhk_preferences_window_apply_policy (JhkPreferencesWindow  *self,
                                     GError               **error)
{
  gboolean rescreen = FALSE;

  g_return_val_if_fail (JHK_IS_PREFERENCES_WINDOW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (policy_fields); i++)
    {
      GtkSpinButton *spin = field_spin (self, &policy_fields[i]);
      JhkSetting setting = policy_fields[i].setting;
      gint64 value;

      gtk_spin_button_update (spin);
      value = gtk_spin_button_get_value_as_int (spin);
      /* Each change is its own audit entry; unchanged values are left. */
      if (value == jhk_settings_get_int (self->db, setting))
        continue;
      if (!jhk_settings_set_int (self->db, self->session, setting, value, error))
        return FALSE;
      rescreen = rescreen || setting_screens (setting);
    }
  /* R14-7: the check sheets' business (no screening depends on it). */
  if (selected_business (self) != jhk_settings_get_int (self->db, JHK_SETTING_INQUIRY_BUSINESS) &&
      !jhk_settings_set_int (self->db, self->session, JHK_SETTING_INQUIRY_BUSINESS,
                             selected_business (self), error))
    return FALSE;
  /* R14-9: the records screened by the rules as they are now. */
  if (rescreen && !jhk_inquiry_rescreen (self->db, self->session, NULL, error))
    return FALSE;
  return TRUE;
}

static void
apply_policy_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!jhk_preferences_window_apply_policy (self, &error))
    {
      jhk_widget_show_error (widget, error);
      load_policy (self);
      load_business (self);
      return;
    }
  jhk_widget_show_toast (widget, _("The settings were saved."));
}

gboolean
jhk_preferences_window_apply_database (JhkPreferencesWindow  *self,
                                       GError               **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (JHK_IS_PREFERENCES_WINDOW (self), FALSE);

  uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->database_row))));
  /* A server's password belongs in the keyring, never in the settings. */
  if (jhk_db_uri_has_password (uri))
    {
      g_set_error_literal (error, JHK_DB_ERROR, JHK_DB_ERROR_AUTH,
                           _("Leave the password out of the address: Jhk asks for it when it "
                             "connects and keeps it in the keyring if you ask."));
      return FALSE;
    }
  if (jhk_db_uri_is_server (uri) &&
      !jhk_db_uri_get_server (uri, NULL, NULL, NULL, NULL, error))
    return FALSE;
  g_settings_set_string (self->settings, "database", uri);
  return TRUE;
}

static void
database_row_apply_cb (JhkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!jhk_preferences_window_apply_database (self, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->database_row), "error");
      jhk_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->database_row), "error");
  jhk_widget_show_toast (GTK_WIDGET (self),
                         _("Jhk opens this database the next time it starts."));
}

static void
jhk_preferences_window_constructed (GObject *object)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (object);
  gboolean sysadmin;

  G_OBJECT_CLASS (jhk_preferences_window_parent_class)->constructed (object);

  {
    g_autofree char *database = g_settings_get_string (self->settings, "database");

    gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  }
  g_settings_bind (self->settings, "idle-lock-minutes",
                   gtk_spin_button_get_adjustment (self->idle_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  load_policy (self);
  sysadmin = self->session != NULL && jhk_session_has_role (self->session, JHK_ROLE_SYSADMIN);
  for (guint i = 0; i < G_N_ELEMENTS (policy_fields); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (field_spin (self, &policy_fields[i])), sysadmin);
  gtk_widget_set_visible (self->apply_button, sysadmin);
  gtk_widget_set_visible (self->inquiry_apply_button, sysadmin);
  self->sysadmin = sysadmin;
  load_business (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->business_row), sysadmin);
  gtk_widget_set_visible (self->add_holiday_button, sysadmin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-holiday", sysadmin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-holiday", sysadmin);
  load_holidays (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.apply-policy", sysadmin);
  adw_preferences_group_set_description (
    self->policy_group,
    sysadmin ? _("These rules apply to every user of the organisation. Each change is "
                 "recorded in the audit log.")
             : _("These rules apply to every user of the organisation. Only the system "
                 "administrator changes them."));
}

static void
jhk_preferences_window_dispose (GObject *object)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_pointer (&self->business_ids, g_array_unref);
  g_clear_pointer (&self->holiday_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (jhk_preferences_window_parent_class)->dispose (object);
}

static void
jhk_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  JhkPreferencesWindow *self = JHK_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_preferences_window_class_init (JhkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jhk_preferences_window_constructed;
  object_class->dispose = jhk_preferences_window_dispose;
  object_class->set_property = jhk_preferences_window_set_property;
  object_class->get_property = jhk_preferences_window_get_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, JHK_TYPE_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, JHK_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_callback (widget_class, database_row_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, policy_group);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, apply_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, min_length_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, max_age_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, history_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, inquiry_apply_button);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, duty_start_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, duty_end_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, repeat_days_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, repeat_self_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, repeat_many_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, volume_min_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, volume_percent_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, due_days_spin);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, business_row);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow, add_holiday_button);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_input);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow,
                                        lockout_minutes_spin);

  gtk_widget_class_install_action (widget_class, "prefs.apply-policy", NULL,
                                   apply_policy_activated);
  gtk_widget_class_install_action (widget_class, "prefs.add-holiday", NULL,
                                   add_holiday_activated);
  gtk_widget_class_install_action (widget_class, "prefs.remove-holiday", "s",
                                   remove_holiday_activated);
}

static void
jhk_preferences_window_init (JhkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->business_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->holiday_rows = g_ptr_array_new ();
}

GtkWidget *
jhk_preferences_window_new (JhkDb      *db,
                            JhkSession *session)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (session == NULL || JHK_IS_SESSION (session), NULL);

  return g_object_new (JHK_TYPE_PREFERENCES_WINDOW, "db", db, "session", session, NULL);
}
