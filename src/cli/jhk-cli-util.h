/* jhk-cli-util.h: what every jhkctl command shares: its exit statuses'
 * messages, option parsing, the login of a command family's run, ids on
 * the command line, --json output, and lists printed in columns. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "jhk-cli-material.h"
#include "jhk-query-model.h"

G_BEGIN_DECLS

/* Prints "jhkctl: MESSAGE" and where the usage is; returns
 * JHK_CLI_USAGE_ERROR. */
int      jhk_cli_usage_error    (const char    *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* Prints the error's message; returns JHK_CLI_RULE_ERROR. */
int      jhk_cli_rule_error     (GError        *error);
/* Parses a command's options; argv[0] is the command name. On a usage
 * error returns FALSE with *status set. */
gboolean jhk_cli_parse_options  (const char    *command,
                                 const char    *parameter_string,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 int           *status);

/* A command family's run: jhkctl's context, and the database and session
 * once logged in. */
typedef struct
{
  JhkCliContext *context;
  JhkDb         *db;
  JhkSession    *session;
} JhkCliRun;

/* Opens the database and authenticates --user into run; returns an exit
 * status. */
int         jhk_cli_run_login      (JhkCliRun     *run);
/* A command of one ID and the options of entries (may be NULL): parses
 * them into *id and the entries' variables, refuses anything else with
 * the usage message, and logs in. Returns an exit status, JHK_CLI_OK to
 * go on. */
int         jhk_cli_run_id_command (JhkCliRun     *run,
                                    const char    *command,
                                    GOptionEntry  *entries,
                                    const char    *usage,
                                    int            argc,
                                    char         **argv,
                                    gint64        *id);
/* The same, with the option whose variable is *required (a string or
 * file name of entries) required too. */
int         jhk_cli_run_id_command_requiring (JhkCliRun     *run,
                                              const char    *command,
                                              GOptionEntry  *entries,
                                              char         **required,
                                              const char    *usage,
                                              int            argc,
                                              char         **argv,
                                              gint64        *id);

/* A subcommand of a command family: its name and what runs it, given
 * argv from its name on. */
typedef struct
{
  const char *name;
  int       (*func) (JhkCliRun  *run,
                     int         argc,
                     char      **argv);
} JhkCliSubcommand;

/* Runs the subcommand argv[1] names in a run of context; no name is
 * refused with missing, a name none has with unknown (a format of the
 * name). Returns its exit status. */
int         jhk_cli_dispatch       (JhkCliContext          *context,
                                    const JhkCliSubcommand *subcommands,
                                    guint                   n_subcommands,
                                    int                     argc,
                                    char                  **argv,
                                    const char             *missing,
                                    const char             *unknown);
/* What a show command prints: an item got by its id (NULL with error), as
 * JSON by add, as text by print; free_func frees it. */
typedef gpointer (*JhkCliGetFunc)  (JhkDb        *db,
                                    JhkSession   *actor,
                                    gint64        id,
                                    GError      **error);
typedef void     (*JhkCliPrintFunc) (gconstpointer item);
typedef void     (*JhkCliJsonAdd)   (JsonBuilder  *builder,
                                     gconstpointer item);
/* `COMMAND ID` and nothing else: logs in, gets the item and prints it (as
 * JSON with --json). Returns an exit status. */
int         jhk_cli_show_command   (JhkCliRun       *run,
                                    const char      *command,
                                    const char      *usage,
                                    int              argc,
                                    char           **argv,
                                    JhkCliGetFunc    get,
                                    GDestroyNotify   free_func,
                                    JhkCliJsonAdd    add,
                                    JhkCliPrintFunc  print);
/* A positive id in decimal; FALSE for NULL or anything else. */
gboolean    jhk_cli_parse_id       (const char    *text,
                                    gint64        *id);
/* text, or "-" when it is NULL or empty. */
const char *jhk_cli_or_dash        (const char    *text);
/* Prints node as pretty JSON and a newline on standard output. */
void        jhk_cli_print_json     (JsonNode      *node);
/* Prints what builder has built as jhk_cli_print_json() does. */
void        jhk_cli_print_json_built (JsonBuilder *builder);
/* Prints item as pretty JSON, added by add. */
void        jhk_cli_print_json_item (gconstpointer item,
                                     JhkCliJsonAdd add);
/* Prints list as a pretty JSON array, each item added by add. */
void        jhk_cli_print_json_list (GPtrArray    *list,
                                     JhkCliJsonAdd add);
/* Prints {"NAME": VALUE, …} of gint64 values, pretty, on standard output;
 * the list of names and values ends with NULL. */
void        jhk_cli_print_json_ints (const char   *first_name,
                                     ...) G_GNUC_NULL_TERMINATED;
/* Members of a JSON object being built: a string (null for NULL), an
 * integer, an id (null for 0), a boolean and a time (null for 0). */
void        jhk_cli_json_add_string (JsonBuilder  *builder,
                                     const char   *name,
                                     const char   *value);
void        jhk_cli_json_add_int    (JsonBuilder  *builder,
                                     const char   *name,
                                     gint64        value);
void        jhk_cli_json_add_id     (JsonBuilder  *builder,
                                     const char   *name,
                                     gint64        id);
void        jhk_cli_json_add_bool   (JsonBuilder  *builder,
                                     const char   *name,
                                     gboolean      value);
void        jhk_cli_json_add_time   (JsonBuilder  *builder,
                                     const char   *name,
                                     gint64        us);

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
/* The office (unit) or business with that code, the staff member with
 * that number; 0 with a JHK_POLICY_ERROR_NOT_FOUND error when there is
 * none. */
gint64   jhk_cli_find_office      (JhkDb              *db,
                                   const char         *code,
                                   GError            **error);
gint64   jhk_cli_find_business    (JhkDb              *db,
                                   const char         *code,
                                   GError            **error);
gint64   jhk_cli_find_staff       (JhkDb              *db,
                                   const char         *staff_no,
                                   GError            **error);
/* text (or "-") padded with spaces to width terminal columns, counting
 * wide characters as two. */
char    *jhk_cli_pad              (const char         *text,
                                   guint               width);
/* µs as jhk_format_time, "-" for 0; the same for a time column's text
 * ("-" when empty). */
char    *jhk_cli_format_us        (gint64              us);
char    *jhk_cli_format_us_text   (const char         *us);
/* µs as "YYYY-MM-DD HH:MM" in Japan time (Asia/Tokyo), and the same for a
 * column's text ("-" when empty). */
char    *jhk_cli_format_japan_time (gint64             us);
char    *jhk_cli_format_japan_text (const char        *us);

G_END_DECLS
