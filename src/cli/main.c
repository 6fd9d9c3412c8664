/* main.c: jhkctl. */
#include <locale.h>

#include <glib/gi18n.h>

#include "jhk-cli.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("JHK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return jhk_cli_run (argc, argv);
}
