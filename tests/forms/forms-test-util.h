/* forms-test-util.h: reading PDFs back with poppler-utils. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs a poppler tool (arguments end with NULL); returns its standard
 * output, or fails the test. */
char     *forms_test_run_tool           (const char *tool,
                                         const char *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;
/* FALSE, having skipped the test with a message, when pdffonts, pdftotext
 * or pdfinfo is missing. */
gboolean  forms_test_have_poppler_utils (void);

G_END_DECLS
