/* forms-test-util.c: reading PDFs back with poppler-utils. */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include <string.h>

#include "jhk-forms.h"
#include "forms-test-util.h"

char *
forms_test_run_tool (const char *tool,
                     const char *first_arg,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) tool);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %s", tool, err);
  return out;
}

gboolean
forms_test_have_poppler_utils (void)
{
  const char *tools[] = { "pdffonts", "pdftotext", "pdfinfo" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s (poppler-utils) is not installed",
                                                       tools[i]);
          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

void
forms_test_assert_ipaex_fonts_embedded (const char *path,
                                        gboolean    with_gothic)
{
  g_autofree char *out = forms_test_run_tool ("pdffonts", path, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  gboolean in_table = FALSE, mincho = FALSE, gothic = FALSE;
  guint n_fonts = 0;

  g_test_message ("pdffonts:\n%s", out);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      const char *name, *plus;

      if (g_str_has_prefix (lines[i], "----"))
        {
          in_table = TRUE;
          continue;
        }
      if (!in_table || *g_strstrip (lines[i]) == '\0')
        continue;

      /* name type encoding emb sub uni object ID; the type may have a
       * space in it ("CID TrueType"), so count from the right. */
      fields = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (words, fields[j]);
      g_assert_cmpuint (words->len, >=, 7);
      g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");

      /* Subset fonts are named ABCDEF+Family. */
      name = words->pdata[0];
      plus = strchr (name, '+');
      name = plus != NULL ? plus + 1 : name;
      if (g_str_has_prefix (name, JHK_FORMS_MINCHO))
        mincho = TRUE;
      else if (g_str_has_prefix (name, JHK_FORMS_GOTHIC))
        gothic = TRUE;
      else
        g_error ("%s uses the font %s, not an IPAex font", path, name);
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  g_assert_true (mincho);
  g_assert_true (gothic == with_gothic);
}

/* pdfinfo prints "Field:" padded with spaces, then the value. */
void
forms_test_assert_pdfinfo_field (const char *info,
                                 const char *field,
                                 const char *expected)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        g_assert_cmpstr (g_strstrip (lines[i] + strlen (prefix)), ==, expected);
        return;
      }
  g_error ("pdfinfo shows no %s", field);
}

void
forms_test_assert_pages (const char *path,
                         guint       n_pages,
                         const char *title)
{
  g_autofree char *info = forms_test_run_tool ("pdfinfo", path, NULL);
  g_autofree char *pages = g_strdup_printf ("%u", n_pages);

  forms_test_assert_pdfinfo_field (info, "Pages", pages);
  forms_test_assert_pdfinfo_field (info, "Page size", "595.276 x 841.89 pts (A4)");
  forms_test_assert_pdfinfo_field (info, "Title", title);
}

gint64
forms_test_assert_private_pdf (const char *path,
                               guint       n_pages,
                               const char *title)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  forms_test_assert_pages (path, n_pages, title);
  return st.st_size;
}

/* pdftotext of one page (or all, @page 0), laid out when @layout. */
static char *
pdftotext (const char *path,
           guint       page,
           gboolean    layout)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  char *text;

  if (page == 0 && !layout)
    text = forms_test_run_tool ("pdftotext", "-enc", "UTF-8", path, "-", NULL);
  else if (page == 0)
    text = forms_test_run_tool ("pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL);
  else if (!layout)
    text = forms_test_run_tool ("pdftotext", "-enc", "UTF-8", "-f", number, "-l", number, path,
                                "-", NULL);
  else
    text = forms_test_run_tool ("pdftotext", "-enc", "UTF-8", "-layout", "-f", number, "-l",
                                number, path, "-", NULL);
  g_test_message ("pdftotext%s page %u:\n%s", layout ? " -layout" : "", page, text);
  return text;
}

char *
forms_test_page_text (const char *path,
                      guint       page)
{
  return pdftotext (path, page, FALSE);
}

char *
forms_test_layout_text (const char *path,
                        guint       page)
{
  return pdftotext (path, page, TRUE);
}

char *
forms_test_squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return g_string_free (out, FALSE);
}

guint
forms_test_count_of (const char *haystack,
                     const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

char *
forms_test_words (const char *path,
                  guint       page)
{
  g_autofree char *text = forms_test_page_text (path, page);
  g_autofree char *layout = forms_test_layout_text (path, page);
  g_autofree char *flat = forms_test_squeeze (text);
  g_autofree char *flat_layout = forms_test_squeeze (layout);

  return g_strconcat (flat, "\n", flat_layout, NULL);
}
