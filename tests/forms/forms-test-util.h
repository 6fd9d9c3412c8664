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

/* Every font pdffonts lists in @path is embedded and is IPAex Mincho
 * (labels) or, exactly when @with_gothic, IPAex Gothic (values) too: a
 * substituted font would print differently on the next machine. */
void      forms_test_assert_ipaex_fonts_embedded (const char *path,
                                                  gboolean    with_gothic);

/* The line "@field:" of pdfinfo's output @info shows @expected. */
void      forms_test_assert_pdfinfo_field (const char *info,
                                           const char *field,
                                           const char *expected);

/* @path has @n_pages A4 pages and the title @title. */
void      forms_test_assert_pages       (const char *path,
                                         guint       n_pages,
                                         const char *title);

/* @path is its owner's only (mode 0600) and has @n_pages A4 pages and the
 * title @title; returns its size in bytes. */
gint64    forms_test_assert_private_pdf (const char *path,
                                         guint       n_pages,
                                         const char *title);

/* The text of one page (or all, @page 0), in pdftotext's reading order. */
char     *forms_test_page_text          (const char *path,
                                         guint       page);

/* The text of one page (or all, @page 0) as laid out on the sheets, line
 * by line from the top, whatever order the columns are read in. */
char     *forms_test_layout_text        (const char *path,
                                         guint       page);

/* @text without line breaks and spaces (ideographic ones too), for values
 * that may wrap and labels printed spaced out. */
char     *forms_test_squeeze            (const char *text);

/* The words of one page (or all, @page 0) squeezed, read in both orders:
 * pdftotext's own (a wrapped value in one piece), then line by line (the
 * words of one line of the form together, such as a time's numbers and
 * 月 日 時 分, or an addressee and 殿). For finding texts, not counting them. */
char     *forms_test_words              (const char *path,
                                         guint       page);

/* How many times @needle stands in @haystack. */
guint     forms_test_count_of           (const char *haystack,
                                         const char *needle);

G_END_DECLS
