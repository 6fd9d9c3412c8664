/* jhk-inquirer-register-dialog.h: the register of 照会者 and the 照会種別
 * each may make (R14-1), kept by the 総括責任者 and 主管部長 (and the
 * システム管理者): the current rows or the whole history, a row added
 * for a member of staff, a row ended. */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_INQUIRER_REGISTER_DIALOG (jhk_inquirer_register_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JhkInquirerRegisterDialog, jhk_inquirer_register_dialog, JHK,
                      INQUIRER_REGISTER_DIALOG, AdwWindow)

/* Opens the register, modal for the window of parent. */
void jhk_inquirer_register_dialog_present (GtkWidget  *parent,
                                           JhkDb      *db,
                                           JhkSession *session);

/* For the tests. */
JhkInquirerRegisterDialog *jhk_inquirer_register_dialog_new (JhkDb      *db,
                                                             JhkSession *session);

G_END_DECLS
