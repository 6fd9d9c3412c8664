/* jhk-db-password-dialog.h: asks for a database server's password. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JHK_TYPE_DB_PASSWORD_DIALOG (jhk_db_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JhkDbPasswordDialog, jhk_db_password_dialog, JHK, DB_PASSWORD_DIALOG,
                      AdwMessageDialog)

/* Says which server, database and user the password is for; notice, when
 * not NULL, says why it is asked again. Responses: "connect", "cancel". */
GtkWidget      *jhk_db_password_dialog_new                 (GtkWindow           *parent,
                                                            const char          *uri,
                                                            const char          *notice);
const char     *jhk_db_password_dialog_get_uri             (JhkDbPasswordDialog *self);
const char     *jhk_db_password_dialog_get_notice          (JhkDbPasswordDialog *self);
void            jhk_db_password_dialog_set_notice          (JhkDbPasswordDialog *self,
                                                            const char          *notice);
const char     *jhk_db_password_dialog_get_password        (JhkDbPasswordDialog *self);
/* Whether the user asked to keep the password in the keyring (off unless
 * asked). */
gboolean        jhk_db_password_dialog_get_remember        (JhkDbPasswordDialog *self);
/* The widgets, for tests that fill the dialog as a person would. */
GtkEditable    *jhk_db_password_dialog_get_password_entry  (JhkDbPasswordDialog *self);
GtkCheckButton *jhk_db_password_dialog_get_remember_button (JhkDbPasswordDialog *self);

G_END_DECLS
