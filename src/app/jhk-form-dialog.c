/* jhk-form-dialog.c: a dialog around a form that a core service checks. */
#include <glib/gi18n.h>

#include "jhk-form-dialog.h"

struct _JhkFormDialog
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *window_title;
  GtkButton        *apply_button;
  GtkBox           *form_box;
  GtkLabel         *error_label;

  GtkBuilder       *builder;
  JhkFormApplyFunc  apply_func;
  gpointer          apply_data;
  GDestroyNotify    apply_destroy;
  JhkFormApplyFunc  check_func;
  guint             check_idle;
  gboolean          touched;     /* the user changed something */
};

G_DEFINE_FINAL_TYPE (JhkFormDialog, jhk_form_dialog, ADW_TYPE_WINDOW)

static void
show_message (JhkFormDialog *self,
              const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

gboolean
jhk_form_dialog_apply (JhkFormDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (JHK_IS_FORM_DIALOG (self), FALSE);
  g_return_val_if_fail (self->apply_func != NULL, FALSE);

  if (!self->apply_func (self, self->apply_data, &error))
    {
      show_message (self, error != NULL ? error->message : NULL);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

const char *
jhk_form_dialog_get_error (JhkFormDialog *self)
{
  g_return_val_if_fail (JHK_IS_FORM_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  jhk_form_dialog_apply (JHK_FORM_DIALOG (widget));
}

static gboolean
check_cb (gpointer data)
{
  JhkFormDialog *self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  self->check_idle = 0;
  if (self->check_func == NULL)
    return G_SOURCE_REMOVE;
  ok = self->check_func (self, self->apply_data, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.apply", ok);
  if (self->touched)
    show_message (self, ok || error == NULL ? NULL : error->message);
  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (JhkFormDialog *self)
{
  self->touched = TRUE;
  if (self->check_idle == 0)
    self->check_idle = g_idle_add (check_cb, self);
}

void
jhk_form_dialog_set_check_func (JhkFormDialog    *self,
                                JhkFormApplyFunc  func)
{
  g_autoptr(GSList) objects = NULL;

  g_return_if_fail (JHK_IS_FORM_DIALOG (self));

  self->check_func = func;
  objects = gtk_builder_get_objects (self->builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      if (GTK_IS_EDITABLE (l->data))
        g_signal_connect_object (l->data, "changed", G_CALLBACK (form_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      else if (ADW_IS_COMBO_ROW (l->data))
        g_signal_connect_object (l->data, "notify::selected", G_CALLBACK (form_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      else if (GTK_IS_SWITCH (l->data))
        g_signal_connect_object (l->data, "notify::active", G_CALLBACK (form_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  /* As the form opens: the button tells, the message waits for the user. */
  check_cb (self);
}

static void
jhk_form_dialog_dispose (GObject *object)
{
  JhkFormDialog *self = JHK_FORM_DIALOG (object);

  g_clear_handle_id (&self->check_idle, g_source_remove);
  self->check_func = NULL;

  if (self->apply_destroy != NULL)
    g_clear_pointer (&self->apply_data, self->apply_destroy);
  self->apply_func = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), JHK_TYPE_FORM_DIALOG);
  g_clear_object (&self->builder);

  G_OBJECT_CLASS (jhk_form_dialog_parent_class)->dispose (object);
}

static void
jhk_form_dialog_class_init (JhkFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jhk_form_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Jhk/ui/jhk-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JhkFormDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JhkFormDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, JhkFormDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, JhkFormDialog, error_label);

  gtk_widget_class_install_action (widget_class, "form.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jhk_form_dialog_init (JhkFormDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
}

JhkFormDialog *
jhk_form_dialog_new (const char *title,
                     const char *apply_label,
                     const char *form_resource)
{
  JhkFormDialog *self = g_object_new (JHK_TYPE_FORM_DIALOG, "title", title, NULL);
  GtkWidget *form;

  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (self->apply_button, apply_label);
  self->builder = gtk_builder_new_from_resource (form_resource);
  form = GTK_WIDGET (gtk_builder_get_object (self->builder, "form"));
  g_assert (form != NULL);
  gtk_box_prepend (self->form_box, form);
  return self;
}

GObject *
jhk_form_dialog_get_object (JhkFormDialog *self,
                            const char    *id)
{
  GObject *object;

  g_return_val_if_fail (JHK_IS_FORM_DIALOG (self), NULL);

  object = gtk_builder_get_object (self->builder, id);
  g_assert (object != NULL);
  return object;
}

void
jhk_form_dialog_set_subtitle (JhkFormDialog *self,
                              const char    *subtitle)
{
  g_return_if_fail (JHK_IS_FORM_DIALOG (self));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

void
jhk_form_dialog_set_apply_func (JhkFormDialog    *self,
                                JhkFormApplyFunc  func,
                                gpointer          user_data,
                                GDestroyNotify    destroy)
{
  g_return_if_fail (JHK_IS_FORM_DIALOG (self));

  if (self->apply_destroy != NULL)
    g_clear_pointer (&self->apply_data, self->apply_destroy);
  self->apply_func = func;
  self->apply_data = user_data;
  self->apply_destroy = destroy;
}
