/* jhk-util.h: small text helpers shared by the services. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for NULL, "" or only white space (ASCII or the ideographic space). */
gboolean jhk_is_blank (const char *text);

G_END_DECLS
