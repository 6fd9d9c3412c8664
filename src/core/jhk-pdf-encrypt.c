/* jhk-pdf-encrypt.c: AES-256 PDF encryption with libqpdf's C API. */
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qpdf/qpdf-c.h>
#include <sodium.h>
#include <string.h>

#include "jhk-pdf-encrypt.h"

G_DEFINE_QUARK (jhk-pdf-encrypt-error-quark, jhk_pdf_encrypt_error)

/* No characters that read alike on paper or screen: 0 O o, 1 l I. */
static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

char *
jhk_pdf_password_new (void)
{
  char *password = g_malloc0 (JHK_PDF_PASSWORD_LENGTH + 1);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  for (int i = 0; i < JHK_PDF_PASSWORD_LENGTH; i++)
    password[i] = alphabet[randombytes_uniform (sizeof alphabet - 1)];
  return password;
}

void
jhk_pdf_password_free (char *password)
{
  if (password == NULL)
    return;
  sodium_memzero (password, strlen (password));
  g_free (password);
}

/* Takes qpdf's pending error, if any, into error. */
static gboolean
qpdf_failed (qpdf_data    q,
             int          code,
             const char  *path,
             GError     **error)
{
  g_autofree char *detail = NULL;

  if (!qpdf_has_error (q))
    return FALSE;
  detail = g_strdup (qpdf_get_error_full_text (q, qpdf_get_error (q)));
  if (code == JHK_PDF_ENCRYPT_ERROR_READ)
    g_set_error (error, JHK_PDF_ENCRYPT_ERROR, code,
                 _("“%s” cannot be read as a PDF file: %s"), path, detail);
  else
    g_set_error (error, JHK_PDF_ENCRYPT_ERROR, code, _("“%s” cannot be written: %s"), path,
                 detail);
  return TRUE;
}

gboolean
jhk_pdf_encrypt_file (const char  *in_path,
                      const char  *out_path,
                      const char  *password,
                      GError     **error)
{
  qpdf_data q;
  gboolean ok = FALSE, created = FALSE;

  g_return_val_if_fail (in_path != NULL && out_path != NULL, FALSE);
  g_return_val_if_fail (password != NULL && strlen (password) >= 20, FALSE);

  q = qpdf_init ();
  qpdf_silence_errors (q);
  qpdf_set_suppress_warnings (q, QPDF_TRUE);
  qpdf_read (q, in_path, NULL);
  if (qpdf_failed (q, JHK_PDF_ENCRYPT_ERROR_READ, in_path, error))
    goto out;
  qpdf_init_write (q, out_path);
  created = TRUE;
  if (qpdf_failed (q, JHK_PDF_ENCRYPT_ERROR_WRITE, out_path, error))
    goto out;
  /* R17-5: the password is what protects it; once open, nothing more is
   * withheld from the receiving officer. */
  qpdf_set_r6_encryption_parameters2 (q, password, password, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
                                      QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, qpdf_r3p_full, QPDF_TRUE);
  qpdf_write (q);
  if (qpdf_failed (q, JHK_PDF_ENCRYPT_ERROR_WRITE, out_path, error))
    goto out;
  ok = TRUE;

out:
  qpdf_cleanup (&q);
  if (!ok && created)
    g_unlink (out_path);
  return ok;
}

char *
jhk_pdf_file_sha256 (const char  *path,
                     GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);

  if (file == NULL)
    return NULL;
  g_checksum_update (sum, (const guchar *) g_mapped_file_get_contents (file),
                     g_mapped_file_get_length (file));
  return g_strdup (g_checksum_get_string (sum));
}
