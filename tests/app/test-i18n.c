/* test-i18n.c: the Japanese translation is complete. Every file with
 * translatable strings is in po/POTFILES.in, every msgid that xgettext finds
 * there is translated in po/ja.po and not fuzzy, the help translation is
 * complete, and the built catalogue turns the UI into Japanese. */
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

/* The environment the test was started with. G_TEST_OPTION_ISOLATE_DIRS points
 * XDG_DATA_DIRS at an empty folder, where xgettext would not find the ITS
 * rules for .ui, metainfo and schema files. */
static char **tool_env;

/* The keywords and flags of meson's i18n 'glib' preset (po/meson.build). */
static const char *const xgettext_args[] = {
  "--package-name=" GETTEXT_PACKAGE,
  "--from-code=UTF-8",
  "--add-comments",
  "--keyword=_",
  "--keyword=N_",
  "--keyword=C_:1c,2",
  "--keyword=NC_:1c,2",
  "--keyword=g_dcgettext:2",
  "--keyword=g_dngettext:2,3",
  "--keyword=g_dpgettext2:2c,3",
  "--flag=N_:1:pass-c-format",
  "--flag=C_:2:pass-c-format",
  "--flag=NC_:2:pass-c-format",
  "--flag=g_dngettext:2:pass-c-format",
  "--flag=g_strdup_printf:1:c-format",
  "--flag=g_string_printf:2:c-format",
  "--flag=g_string_append_printf:2:c-format",
  "--flag=g_error_new:3:c-format",
  "--flag=g_set_error:4:c-format",
  "--flag=g_markup_printf_escaped:1:c-format",
  "--flag=g_log:3:c-format",
  "--flag=g_print:1:c-format",
  "--flag=g_printerr:1:c-format",
  "--flag=g_printf:1:c-format",
  "--flag=g_fprintf:2:c-format",
  "--flag=g_sprintf:2:c-format",
  "--flag=g_snprintf:3:c-format",
};

static char *
source_path (const char *first,
             ...)
{
  va_list args;
  GPtrArray *parts = g_ptr_array_new ();
  const char *part;
  char *path;

  g_ptr_array_add (parts, (gpointer) JHK_SOURCE_ROOT);
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  path = g_build_filenamev ((char **) parts->pdata);
  g_ptr_array_unref (parts);
  return path;
}

/* Finds a gettext tool; the test is skipped without it. */
static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed", name);
      g_test_skip (message);
    }
  return path;
}

/* Each problem goes to the log as well: the TAP result line shows only the
 * last one of a test. */
static void report_problem (const char *format,
                            ...) G_GNUC_PRINTF (1, 2);

static void
report_problem (const char *format,
                ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", text);
  g_test_fail_printf ("%s", text);
}

/* Logs a tool's output line by line, so that it stays TAP comments. */
static void
log_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);
}

/* Runs a tool in the source root with the C locale, so that its messages
 * and statistics are in English; returns its exit status. */
static int
run_tool (const char *const *argv,
          char              **out,
          char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, tool_env);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_set_cwd (launcher, JHK_SOURCE_ROOT);

  g_test_message ("Running %s", command);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* msgfmt --check must pass and its statistics must show neither fuzzy nor
 * untranslated messages; no entry, the header included, may be fuzzy. */
static void
assert_po_complete (const char *po_path)
{
  g_autofree char *msgfmt = find_tool ("msgfmt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (msgfmt == NULL)
    return;

  {
    const char *argv[] = { msgfmt, "--check", "--statistics", "-o", "/dev/null", po_path, NULL };

    status = run_tool (argv, &out, &err);
  }
  log_lines (err);
  if (status != 0)
    report_problem ("msgfmt --check failed on %s", po_path);
  else if (strstr (err, "untranslated") != NULL || strstr (err, "fuzzy") != NULL)
    report_problem ("%s has untranslated or fuzzy messages", po_path);
  else if (strstr (err, "translated message") == NULL)
    report_problem ("Unexpected statistics for %s", po_path);

  g_file_get_contents (po_path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "#,") && strstr (lines[i], "fuzzy") != NULL)
      {
        report_problem ("%s:%u is marked fuzzy", po_path, i + 1);
        break;
      }
}

static void
test_po_complete (void)
{
  g_autofree char *po = source_path ("po", "ja.po", NULL);

  assert_po_complete (po);
}

static void
test_help_po_complete (void)
{
  g_autofree char *po = source_path ("help", "ja", "ja.po", NULL);

  assert_po_complete (po);
}

static GPtrArray *
read_potfiles (void)
{
  g_autofree char *path = source_path ("po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_ptr_array_add (files, g_strdup (line));
    }
  return files;
}

static gboolean
has_translatable_strings (const char *relative_path,
                          GRegex     *c_keyword,
                          GRegex     *macro_in_msgid)
{
  g_autofree char *path = source_path (relative_path, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  if (g_str_has_suffix (relative_path, ".c"))
    {
      g_autoptr(GMatchInfo) match = NULL;

      /* xgettext cuts a msgid at a macro such as G_GINT64_FORMAT, so the
       * translation would never match what the program asks for. */
      if (g_regex_match (macro_in_msgid, contents, 0, &match))
        {
          g_autofree char *text = g_match_info_fetch (match, 0);

          report_problem ("%s: a macro inside a translatable string, which xgettext cannot "
                          "see; format the number with a plain literal such as %%lld: %s",
                          relative_path, text);
        }
      return g_regex_match (c_keyword, contents, 0, NULL);
    }
  if (g_str_has_suffix (relative_path, ".ui"))
    return strstr (contents, "translatable=\"yes\"") != NULL;
  return g_str_has_suffix (relative_path, ".desktop.in") ||
         g_str_has_suffix (relative_path, ".metainfo.xml.in") ||
         g_str_has_suffix (relative_path, ".gschema.xml");
}

static void
collect_translatable (const char *relative_dir,
                      GRegex     *c_keyword,
                      GRegex     *macro_in_msgid,
                      GPtrArray  *found)
{
  g_autofree char *dir_path = source_path (relative_dir, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename (relative_dir, name, NULL);
      g_autofree char *path = source_path (relative, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_translatable (relative, c_keyword, macro_in_msgid, found);
      else if (has_translatable_strings (relative, c_keyword, macro_in_msgid))
        g_ptr_array_add (found, g_steal_pointer (&relative));
    }
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), str))
      return TRUE;
  return FALSE;
}

/* Every source file with translatable strings is listed, sorted, and every
 * listed file exists. */
static void
test_potfiles_complete (void)
{
  g_autoptr(GPtrArray) listed = read_potfiles ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) c_keyword = NULL;
  g_autoptr(GRegex) macro_in_msgid = NULL;
  g_autoptr(GError) error = NULL;

  c_keyword = g_regex_new ("(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dgettext|g_dngettext"
                           "|g_dpgettext2)\\s*\\(",
                           0, 0, &error);
  g_assert_no_error (error);
  macro_in_msgid = g_regex_new ("(?<![A-Za-z0-9_])(_|N_|ngettext)\\s*\\(\\s*"
                                "(\"(?:[^\"\\\\\\n]|\\\\.)*\"\\s*)+[A-Za-z_][A-Za-z0-9_]*",
                                0, 0, &error);
  g_assert_no_error (error);

  collect_translatable ("src", c_keyword, macro_in_msgid, found);
  collect_translatable ("data", c_keyword, macro_in_msgid, found);

  for (guint i = 0; i < found->len; i++)
    if (!str_array_contains (listed, g_ptr_array_index (found, i)))
      report_problem ("%s has translatable strings but is not in po/POTFILES.in",
                      (const char *) g_ptr_array_index (found, i));

  for (guint i = 0; i < listed->len; i++)
    {
      const char *file = g_ptr_array_index (listed, i);
      g_autofree char *path = source_path (file, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        report_problem ("po/POTFILES.in lists %s, which does not exist", file);
      if (i > 0 && strcmp (g_ptr_array_index (listed, i - 1), file) >= 0)
        report_problem ("po/POTFILES.in is not sorted at %s", file);
    }
}

/* A fresh template from the sources: each of its msgids must be in ja.po,
 * translated and not fuzzy (msgcmp counts untranslated and fuzzy entries as
 * missing). */
static void
test_po_up_to_date (void)
{
  g_autofree char *xgettext = find_tool ("xgettext");
  g_autofree char *msgcmp = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *po = source_path ("po", "ja.po", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (xgettext == NULL || (msgcmp = find_tool ("msgcmp")) == NULL)
    return;

  tmp_dir = g_dir_make_tmp ("jhk-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  pot = g_build_filename (tmp_dir, GETTEXT_PACKAGE ".pot", NULL);

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, xgettext);
  for (guint i = 0; i < G_N_ELEMENTS (xgettext_args); i++)
    g_strv_builder_add (builder, xgettext_args[i]);
  g_strv_builder_add_many (builder, "-D", JHK_SOURCE_ROOT, "-f", "po/POTFILES.in", "-o", pot,
                           NULL);
  argv = g_strv_builder_end (builder);
  status = run_tool ((const char *const *) argv, &out, &err);
  log_lines (err);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (pot, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *cmp_argv[] = { msgcmp, po, pot, NULL };

    status = run_tool (cmp_argv, &out, &err);
  }
  log_lines (err);
  if (status != 0)
    g_test_fail_printf ("po/ja.po lacks translations of the current sources; run "
                        "`meson compile -C build jhk-pot jhk-update-po` and translate");

  g_remove (pot);
  g_rmdir (tmp_dir);
}

/* The help translation matches the current Mallard pages. */
static void
test_help_po_up_to_date (void)
{
  g_autofree char *itstool = find_tool ("itstool");
  g_autofree char *msgcmp = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *po = source_path ("help", "ja", "ja.po", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) pages = g_strsplit (JHK_HELP_PAGES, ",", -1);
  g_autoptr(GError) error = NULL;
  int status;

  if (itstool == NULL || (msgcmp = find_tool ("msgcmp")) == NULL)
    return;
  if (pages[0] == NULL)
    {
      g_test_skip ("The build does not list the help pages");
      return;
    }

  tmp_dir = g_dir_make_tmp ("jhk-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  pot = g_build_filename (tmp_dir, "help.pot", NULL);

  builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, itstool, "-o", pot, NULL);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autofree char *page = g_build_filename ("help", "C", pages[i], NULL);

      g_strv_builder_add (builder, page);
    }
  argv = g_strv_builder_end (builder);
  status = run_tool ((const char *const *) argv, &out, &err);
  log_lines (err);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    const char *cmp_argv[] = { msgcmp, po, pot, NULL };

    status = run_tool (cmp_argv, &out, &err);
  }
  log_lines (err);
  if (status != 0)
    g_test_fail_printf ("help/ja/ja.po lacks translations of the current help pages; run "
                        "`meson compile -C build help-jhk-pot help-jhk-update-po` and "
                        "translate");

  g_remove (pot);
  g_rmdir (tmp_dir);
}

/* With the build's catalogue, a Japanese locale gets a Japanese UI. */
static void
test_japanese_locale (void)
{
  const char *localedir = g_getenv ("JHK_LOCALEDIR");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (localedir == NULL || *localedir == '\0')
    localedir = JHK_BUILD_LOCALEDIR;
  if (setlocale (LC_ALL, "ja_JP.UTF-8") == NULL)
    {
      g_test_skip ("The ja_JP.UTF-8 locale is not installed");
      return;
    }
  /* LANGUAGE would take precedence over the locale. */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Cancel"), ==, "キャンセル(_C)");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Log _Out"), ==, "ログアウト(_O)");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "General supervisor"), ==, "総括責任者");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "System administrator"), ==, "システム管理者");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Audit log"), ==,
                   "監査ログ");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", 2), ==, "%u 件");

  setlocale (LC_ALL, saved);
}

int
main (int   argc,
      char *argv[])
{
  tool_env = g_get_environ ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/i18n/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/i18n/po/complete", test_po_complete);
  g_test_add_func ("/i18n/po/up-to-date", test_po_up_to_date);
  g_test_add_func ("/i18n/help/complete", test_help_po_complete);
  g_test_add_func ("/i18n/help/up-to-date", test_help_po_up_to_date);
  g_test_add_func ("/i18n/locale/japanese", test_japanese_locale);

  return g_test_run ();
}
