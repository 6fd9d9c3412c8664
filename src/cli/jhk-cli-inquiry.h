/* jhk-cli-inquiry.h: jhkctl import inquiries|trails, inquiry …, inquirer …
 * and holiday …: 照会点検 (R14-1, R14-5..7, R14-9), issue 6. */
#pragma once

#include "jhk-cli-material.h"
#include "jhk-query-model.h"

G_BEGIN_DECLS

/* argv[0] is "import", and the first argument not an option is
 * "inquiries" or "trails". */
int      jhk_cli_import_inquiries (JhkCliContext *context,
                                   int            argc,
                                   char         **argv);
/* Whether `jhkctl import ARGS` imports inquiries or trails (the first
 * argument not an option names them). */
gboolean jhk_cli_import_is_inquiries (int    argc,
                                      char **argv);

int      jhk_cli_inquiry  (JhkCliContext *context,
                           int            argc,
                           char         **argv);
int      jhk_cli_inquirer (JhkCliContext *context,
                           int            argc,
                           char         **argv);
int      jhk_cli_holiday  (JhkCliContext *context,
                           int            argc,
                           char         **argv);

/* A column of a list printed from a JhkQueryModel: its name and how its
 * text is printed in JSON: 's' a string, 'i' an integer, 't' a time in µs
 * (as jhk_format_time), 'j' a time in µs in Japan time (照会日時, 日時, as
 * the inquiry system writes them), 'b' a boolean (0/1). */
typedef struct
{
  const char *name;
  char        type;
} JhkCliColumn;

/* Prints at most limit (0: all) rows of model as a JSON array of objects
 * with "id" and the columns. */
void     jhk_cli_print_model_json (JhkQueryModel      *model,
                                   const JhkCliColumn *columns,
                                   guint               limit);
/* The unit with that code, or 0 after printing "no such office" (the
 * caller returns JHK_CLI_RULE_ERROR). */
gint64   jhk_cli_find_office      (JhkDb              *db,
                                   const char         *code);
/* text (or "-") padded with spaces to width terminal columns, counting
 * wide characters as two. */
char    *jhk_cli_pad              (const char         *text,
                                   guint               width);
/* A time column's text (µs) as jhk_format_time, "-" when empty. */
char    *jhk_cli_format_us_text   (const char         *us);
/* µs as "YYYY-MM-DD HH:MM" in Japan time (Asia/Tokyo), and the same for a
 * column's text ("-" when empty). */
char    *jhk_cli_format_japan_time (gint64             us);
char    *jhk_cli_format_japan_text (const char        *us);

G_END_DECLS
