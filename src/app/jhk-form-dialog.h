/* jhk-form-dialog.h: a dialog around a form that a core service checks.
 *
 * The form is a GtkBuilder file with an object "form"; the apply function
 * calls the service. On an error the dialog stays open with the message
 * under the form, so that nothing typed is lost. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JHK_TYPE_FORM_DIALOG (jhk_form_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JhkFormDialog, jhk_form_dialog, JHK, FORM_DIALOG, AdwWindow)

/* Returns TRUE when applied (the dialog closes), FALSE with error set. */
typedef gboolean (*JhkFormApplyFunc) (JhkFormDialog  *dialog,
                                      gpointer        user_data,
                                      GError        **error);

JhkFormDialog *jhk_form_dialog_new           (const char       *title,
                                              const char       *apply_label,
                                              const char       *form_resource);
GObject       *jhk_form_dialog_get_object    (JhkFormDialog    *self,
                                              const char       *id);
void           jhk_form_dialog_set_subtitle  (JhkFormDialog    *self,
                                              const char       *subtitle);
void           jhk_form_dialog_set_apply_func (JhkFormDialog   *self,
                                               JhkFormApplyFunc func,
                                               gpointer         user_data,
                                               GDestroyNotify   destroy);
/* Checks the form as the user types: func (called with the apply
 * function's user_data) runs after each change; while it fails the apply
 * button is insensitive and, once the user has changed something, its
 * message shows under the form. Set after the apply function. */
void           jhk_form_dialog_set_check_func (JhkFormDialog   *self,
                                               JhkFormApplyFunc func);
/* Runs the apply function as the Apply button does. */
gboolean       jhk_form_dialog_apply         (JhkFormDialog    *self);
const char    *jhk_form_dialog_get_error     (JhkFormDialog    *self);

G_END_DECLS
