/* jhk-pdf-encrypt.h: the encrypted PDF of an electronic transfer.
 *
 * R17-5(1)ウ, (2)ウ: a personal-data output material sent through a shared
 * folder or by e-mail is encrypted so that only a password opens it
 * (自己復号型暗号化). Jhk writes it as a PDF with AES-256 (security
 * handler revision 6) through libqpdf, with a random password that the
 * caller shows once and keeps only in the Secret Service.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JHK_PDF_ENCRYPT_ERROR (jhk_pdf_encrypt_error_quark ())

typedef enum
{
  JHK_PDF_ENCRYPT_ERROR_READ,   /* the source is not a PDF that can be read */
  JHK_PDF_ENCRYPT_ERROR_WRITE,  /* the encrypted file could not be written */
} JhkPdfEncryptError;

/* At least 20 characters (R17-5). */
#define JHK_PDF_PASSWORD_LENGTH 24

GQuark  jhk_pdf_encrypt_error_quark (void);

/* A new random password of JHK_PDF_PASSWORD_LENGTH characters from an
 * alphabet without look-alikes (no 0/O, 1/l/I), from libsodium's random
 * source. Free it with jhk_pdf_password_free(), which wipes it. */
char   *jhk_pdf_password_new        (void);
void    jhk_pdf_password_free       (char *password);

/* Writes in_path to out_path encrypted with AES-256 (R6): the password
 * opens it and is also its owner password, every use allowed once open.
 * On an error after out_path was created, it is removed. */
gboolean jhk_pdf_encrypt_file       (const char  *in_path,
                                     const char  *out_path,
                                     const char  *password,
                                     GError     **error);

/* The SHA-256 of a file, in lower-case hex. */
char    *jhk_pdf_file_sha256        (const char  *path,
                                     GError     **error);

G_END_DECLS
