/* jhk-application.h: the Jhk application: options, app actions, windows. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JHK_TYPE_APPLICATION (jhk_application_get_type ())
G_DECLARE_FINAL_TYPE (JhkApplication, jhk_application, JHK, APPLICATION, AdwApplication)

JhkApplication *jhk_application_new                (void);
/* The database the windows open: --database, else $JHK_DATABASE, else the
 * GSettings key "database", else $XDG_DATA_HOME/jhk/jhk.db. */
const char     *jhk_application_get_database_uri   (JhkApplication *self);
void            jhk_application_set_database_uri   (JhkApplication *self,
                                                    const char     *uri);
/* The same rule without the command line, for tests and the window. */
char           *jhk_application_default_database_uri (GSettings    *settings);

G_END_DECLS
