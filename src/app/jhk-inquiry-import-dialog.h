/* jhk-inquiry-import-dialog.h: the システム管理者 imports 個人情報照会記録
 * (R14-5) or access trails (R13-3) from a CSV file: a file, its encoding
 * and "check only", then the import in a worker thread on its own
 * connection, with progress and cancel, and at the end a summary or the
 * file's bad lines (jhk-inquiry-import.h). */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-inquiry-import.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_INQUIRY_IMPORT_DIALOG (jhk_inquiry_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JhkInquiryImportDialog, jhk_inquiry_import_dialog, JHK,
                      INQUIRY_IMPORT_DIALOG, AdwWindow)

/* Opens the dialog, modal for the window of parent. */
void jhk_inquiry_import_dialog_present (GtkWidget            *parent,
                                        JhkDb                *db,
                                        JhkSession           *session,
                                        JhkInquiryImportKind  kind);

/* For the tests, which drive the dialog as a person would. */
JhkInquiryImportDialog       *jhk_inquiry_import_dialog_new        (JhkDb                  *db,
                                                                    JhkSession             *session,
                                                                    JhkInquiryImportKind    kind);
/* What the dialog shows: "form", "running", "summary", "errors",
 * "cancelled" or "failed". */
const char                   *jhk_inquiry_import_dialog_get_state  (JhkInquiryImportDialog *self);
/* The report of the last run, or NULL. */
const JhkInquiryImportReport *jhk_inquiry_import_dialog_get_report (JhkInquiryImportDialog *self);

G_END_DECLS
