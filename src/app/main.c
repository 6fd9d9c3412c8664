/* main.c: the Jhk desktop application. */
#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "jhk-application.h"

/* JHK_STARTUP_PROBE=1 (build-aux/measure-startup): print the wall-clock
 * time of the first frame the first window paints, in µs since the epoch,
 * and quit. The probe measures; it changes nothing else. */
static void
first_frame_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, app);
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_real_time ());
  fflush (stdout);
  g_application_quit (app);
}

static void
window_realized_cb (GtkWidget    *window,
                    GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_cb), app);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window), G_APPLICATION (app));
  else
    g_signal_connect_after (window, "realize", G_CALLBACK (window_realized_cb), app);
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
}

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
  if (g_strcmp0 (g_getenv ("JHK_STARTUP_PROBE"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
