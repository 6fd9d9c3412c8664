/* main.c: the Jhk desktop application. */
#include <locale.h>

#include <glib/gi18n.h>

#include "jhk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JhkApplication) app = NULL;
  const char *localedir = g_getenv ("JHK_LOCALEDIR");

  /* Tests and uninstalled runs point JHK_LOCALEDIR at the build's po folder. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = jhk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
