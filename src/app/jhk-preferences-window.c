/* jhk-preferences-window.c: the database, the idle lock and the password
 * policy. */
#include <glib/gi18n.h>

#include "jhk-app-util.h"
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
  gtk_widget_class_bind_template_callback (widget_class, time_spin_output);
  gtk_widget_class_bind_template_callback (widget_class, time_spin_input);
  gtk_widget_class_bind_template_child (widget_class, JhkPreferencesWindow,
                                        lockout_minutes_spin);

  gtk_widget_class_install_action (widget_class, "prefs.apply-policy", NULL,
                                   apply_policy_activated);
}

static void
jhk_preferences_window_init (JhkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
}

GtkWidget *
jhk_preferences_window_new (JhkDb      *db,
                            JhkSession *session)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (session == NULL || JHK_IS_SESSION (session), NULL);

  return g_object_new (JHK_TYPE_PREFERENCES_WINDOW, "db", db, "session", session, NULL);
}
