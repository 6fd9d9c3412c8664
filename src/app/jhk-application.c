/* jhk-application.c: the Jhk application. */
#include <glib/gi18n.h>

#include "jhk-application.h"
#include "jhk-window.h"

struct _JhkApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  char           *database_uri;
};

G_DEFINE_FINAL_TYPE (JhkApplication, jhk_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DATABASE_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("The database to open: a file path, sqlite:PATH, or a server as "
       "postgresql://HOST/DATABASE, whose password is asked for"),
    N_("URI") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

char *
jhk_application_default_database_uri (GSettings *settings)
{
  const char *env = g_getenv ("JHK_DATABASE");
  g_autofree char *configured = NULL;

  /* $JHK_DATABASE lets tests and administrators point at another file
   * without touching the user's settings. */
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (settings != NULL)
    {
      configured = g_settings_get_string (settings, "database");
      if (configured != NULL && *configured != '\0')
        return g_steal_pointer (&configured);
    }
  return g_build_filename (g_get_user_data_dir (), "jhk", "jhk.db", NULL);
}

const char *
jhk_application_get_database_uri (JhkApplication *self)
{
  g_return_val_if_fail (JHK_IS_APPLICATION (self), NULL);

  if (self->database_uri == NULL)
    self->database_uri = jhk_application_default_database_uri (self->settings);
  return self->database_uri;
}

void
jhk_application_set_database_uri (JhkApplication *self,
                                  const char     *uri)
{
  g_return_if_fail (JHK_IS_APPLICATION (self));

  if (g_strcmp0 (self->database_uri, uri) == 0)
    return;
  g_free (self->database_uri);
  self->database_uri = g_strdup (uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_URI]);
}

static GtkWindow *
get_window (JhkApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JhkApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window records the logout of its session (R13-6/7) and
   * saves its size before the application ends. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *window = get_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-preferences", NULL);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  gtk_show_uri (get_window (user_data), "help:jhk", GDK_CURRENT_TIME);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "Jhk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_window (user_data),
                        "modal", TRUE,
                        "application-name", _("Information Management"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", "Jhk developers",
                        "developers", developers,
                        "copyright", "© Jhk developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Keeps the ledgers, forms and records that the "
                                      "information management operating rules ask for."),
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "help", help_activated },
  { "about", about_activated },
};

static void
jhk_application_startup (GApplication *application)
{
  JhkApplication *self = JHK_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.lock", { "<Control>l", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.workspace::dashboard", { "<Control>1", NULL } },
    { "win.workspace::ledger", { "<Control>2", NULL } },
    { "win.workspace::staff", { "<Control>3", NULL } },
    { "win.workspace::organisation", { "<Control>4", NULL } },
    { "win.workspace::businesses", { "<Control>5", NULL } },
    { "win.workspace::audit", { "<Control>6", NULL } },
    { "win.workspace::transfers", { "<Control>7", NULL } },
    { "win.workspace::approvals", { "<Control>8", NULL } },
    { "win.workspace::requests", { "<Control>9", NULL } },
    { "win.workspace::inquiries", { "<Control>0", NULL } },
  };

  G_APPLICATION_CLASS (jhk_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
jhk_application_activate (GApplication *application)
{
  JhkApplication *self = JHK_APPLICATION (application);
  GtkWindow *window = get_window (self);

  if (window == NULL)
    {
      window = GTK_WINDOW (jhk_window_new (GTK_APPLICATION (self)));
      jhk_window_open_database (JHK_WINDOW (window), jhk_application_get_database_uri (self));
    }
  gtk_window_present (window);
}

static int
jhk_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  JhkApplication *self = JHK_APPLICATION (application);
  const char *uri = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jhk %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "&s", &uri))
    jhk_application_set_database_uri (self, uri);

  return -1;
}

static void
jhk_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JhkApplication *self = JHK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_URI:
      g_value_set_string (value, jhk_application_get_database_uri (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JhkApplication *self = JHK_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_URI:
      jhk_application_set_database_uri (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_application_finalize (GObject *object)
{
  JhkApplication *self = JHK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_uri, g_free);

  G_OBJECT_CLASS (jhk_application_parent_class)->finalize (object);
}

static void
jhk_application_class_init (JhkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = jhk_application_finalize;
  object_class->get_property = jhk_application_get_property;
  object_class->set_property = jhk_application_set_property;

  app_class->startup = jhk_application_startup;
  app_class->activate = jhk_application_activate;
  app_class->handle_local_options = jhk_application_handle_local_options;

  properties[PROP_DATABASE_URI] =
    g_param_spec_string ("database-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jhk_application_init (JhkApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Information management for the operating rules."));
}

JhkApplication *
jhk_application_new (void)
{
  return g_object_new (JHK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/Jhk",
                       NULL);
}
