/* jhk-db-password-dialog.c: asks for a database server's password. */
#include <glib/gi18n.h>

#include "jhk-db.h"
#include "jhk-db-password-dialog.h"

struct _JhkDbPasswordDialog
{
  AdwMessageDialog  parent_instance;

  GtkLabel         *notice_label;
  GtkPasswordEntry *password_entry;
  GtkCheckButton   *remember_check;

  char             *uri;
  char             *notice;
};

G_DEFINE_FINAL_TYPE (JhkDbPasswordDialog, jhk_db_password_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  PROP_0,
  PROP_URI,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "the database jhk on db.example.org, port 5432, as the user jhk_pw" */
static char *
describe_server (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *user = NULL;
  g_autofree char *shown = NULL;

  if (!jhk_db_uri_get_server (uri, &host, &port, &dbname, &user, &error))
    {
      shown = jhk_db_uri_strip_password (uri);
      return g_strdup_printf (_("The database server of “%s” asks for a password."), shown);
    }
  /* An empty host or a folder is the server's socket on this computer. */
  if (*host == '\0' || *host == '/')
    return g_strdup_printf (_("The database server on this computer asks for the password "
                              "of the user “%s” for the database “%s” (port %s)."),
                            user, dbname, port);
  return g_strdup_printf (_("The database server %s (port %s) asks for the password of the "
                            "user “%s” for the database “%s”."),
                          host, port, user, dbname);
}

static void
password_changed_cb (JhkDbPasswordDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "connect", *text != '\0');
}

const char *
jhk_db_password_dialog_get_uri (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), NULL);
  return self->uri;
}

const char *
jhk_db_password_dialog_get_notice (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), NULL);
  return self->notice;
}

void
jhk_db_password_dialog_set_notice (JhkDbPasswordDialog *self,
                                   const char          *notice)
{
  g_return_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self));

  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_strdup (notice);
  gtk_label_set_text (self->notice_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

const char *
jhk_db_password_dialog_get_password (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
}

gboolean
jhk_db_password_dialog_get_remember (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->remember_check);
}

GtkEditable *
jhk_db_password_dialog_get_password_entry (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), NULL);
  return GTK_EDITABLE (self->password_entry);
}

GtkCheckButton *
jhk_db_password_dialog_get_remember_button (JhkDbPasswordDialog *self)
{
  g_return_val_if_fail (JHK_IS_DB_PASSWORD_DIALOG (self), NULL);
  return self->remember_check;
}

static void
jhk_db_password_dialog_constructed (GObject *object)
{
  JhkDbPasswordDialog *self = JHK_DB_PASSWORD_DIALOG (object);
  g_autofree char *body = describe_server (self->uri);

  G_OBJECT_CLASS (jhk_db_password_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
jhk_db_password_dialog_dispose (GObject *object)
{
  /* GTK 4.8's GtkPasswordEntry listens to its text's has-focus: disposed
   * while focused (Enter answers the dialog from the entry), it is told of
   * the focus leaving after it is gone. Take the focus away first. */
  gtk_window_set_focus (GTK_WINDOW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), JHK_TYPE_DB_PASSWORD_DIALOG);

  G_OBJECT_CLASS (jhk_db_password_dialog_parent_class)->dispose (object);
}

static void
jhk_db_password_dialog_finalize (GObject *object)
{
  JhkDbPasswordDialog *self = JHK_DB_PASSWORD_DIALOG (object);

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (jhk_db_password_dialog_parent_class)->finalize (object);
}

static void
jhk_db_password_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  JhkDbPasswordDialog *self = JHK_DB_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_db_password_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  JhkDbPasswordDialog *self = JHK_DB_PASSWORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_URI:
      /* What the dialog shows never holds a password. */
      self->uri = jhk_db_uri_strip_password (g_value_get_string (value));
      break;
    case PROP_NOTICE:
      jhk_db_password_dialog_set_notice (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jhk_db_password_dialog_class_init (JhkDbPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jhk_db_password_dialog_constructed;
  object_class->dispose = jhk_db_password_dialog_dispose;
  object_class->finalize = jhk_db_password_dialog_finalize;
  object_class->get_property = jhk_db_password_dialog_get_property;
  object_class->set_property = jhk_db_password_dialog_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-db-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkDbPasswordDialog, notice_label);
  gtk_widget_class_bind_template_child (widget_class, JhkDbPasswordDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, JhkDbPasswordDialog, remember_check);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
}

static void
jhk_db_password_dialog_init (JhkDbPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jhk_db_password_dialog_new (GtkWindow  *parent,
                            const char *uri,
                            const char *notice)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (JHK_TYPE_DB_PASSWORD_DIALOG,
                       "transient-for", parent,
                       "uri", uri,
                       "notice", notice,
                       NULL);
}
