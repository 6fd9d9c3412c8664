/* cli-test-util.h: running jhkctl as an operator runs it, on a copy of the
 * demo database, for the tests of tests/cli. */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-test-util.h"

G_BEGIN_DECLS

/* One test's database and its last jhkctl run. Put it first in a test's
 * fixture as `CliTest cli;`. */
typedef struct
{
  JhkDb      *db;
  char       *path;       /* the database as jhkctl gets it */
  char       *dir;        /* a private folder for files */
  gboolean    no_bus;     /* run jhkctl without a session bus */
  int         status;     /* the last run's exit status */
  char       *out;        /* its standard output */
  char       *err;        /* its standard error */
} CliTest;

/* Takes --jhkctl PATH (or JHKCTL=PATH) from the command line, sets the
 * locale and g_test_init()s with private folders; fails without a jhkctl. */
void        cli_test_init          (int    *argc,
                                    char ***argv);
/* A fresh copy of the demo database and an empty folder for files. */
void        cli_test_set_up        (CliTest *t);
void        cli_test_tear_down     (CliTest *t);
/* The same as a test's fixture functions, for a fixture that starts with
 * its CliTest and needs nothing else set up. */
void        cli_test_fixture_set_up    (gpointer      fixture,
                                        gconstpointer data);
void        cli_test_fixture_tear_down (gpointer      fixture,
                                        gconstpointer data);
/* g_test_add()s func (taking a Fixture *) with those. */
#define CLI_TEST_ADD(path, Fixture, func)                                      \
  g_test_add_vtable ((path), sizeof (Fixture), NULL, cli_test_fixture_set_up, \
                     (GTestFixtureFunc) (func), cli_test_fixture_tear_down)

/* Runs `jhkctl --database PATH ARGS…` with the demo password, neither
 * JHK_USER nor JHK_DATABASE set; an argument "@name" stands for a file in
 * the test's folder. Logs the command and its output; returns the exit
 * status (also in t->status, its output in t->out and t->err). */
int         cli_test_jhkctl_argv   (CliTest            *t,
                                    const char * const *args);
int         cli_test_jhkctl        (CliTest    *t,
                                    const char *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;

/* A locked storage place of office, added by actor; asserts success. */
gint64      cli_test_add_locked_place (CliTest    *t,
                                       JhkSession *actor,
                                       gint64      office,
                                       const char *name);
/* Registers "試験用 照合結果一覧表", 3 of it: personal-data output of
 * office for B101, printed for a procedure on `acquired`, handled by
 * C9113 and stored in place, by keeper; returns its id. */
gint64      cli_test_register_output  (CliTest    *t,
                                       JhkSession *keeper,
                                       gint64      office,
                                       gint64      place,
                                       const char *acquired);

/* g_error()s naming both texts unless needle is in haystack. */
void        cli_test_assert_in      (const char *haystack,
                                     const char *needle);
/* Exit 0 and nothing on standard error. */
void        cli_test_assert_success (CliTest *t);
/* The JSON text parsed; asserts it parses. */
JsonNode   *cli_test_parse_json     (const char *text);
/* The "id" member of the JSON object in text. */
gint64      cli_test_json_id        (const char *text);
char       *cli_test_id_text        (gint64 id);
/* The local date days_ago days before today, as YYYY-MM-DD. */
char       *cli_test_local_date     (int days_ago);

/* "Nothing changed": jhkctl's login and logout are recorded by design
 * (R13-5), so a refusal is compared on every table but audit_log, and on
 * users without its login columns, and the audit entries after it must be
 * exactly that login and logout. */
gint64      cli_test_last_seq       (CliTest *t);
char       *cli_test_dump           (CliTest *t);
/* The audit actions after seq, comma-separated. */
char       *cli_test_actions_since  (CliTest *t,
                                     gint64   seq);
/* Exit 1, nothing on standard output, message on standard error, and
 * nothing changed since before/seq but the login's own record. */
void        cli_test_assert_unchanged         (CliTest    *t,
                                               const char *before,
                                               gint64      seq,
                                               const char *message);
/* The same, the message as "jhkctl: …message…". */
void        cli_test_assert_refused_unchanged (CliTest    *t,
                                               const char *before,
                                               gint64      seq,
                                               const char *message);

/* Runs jhkctl with the arguments after message (no NULL) expecting a
 * refusal that changes nothing, as cli_test_assert_refused_unchanged(). */
#define CLI_TEST_ASSERT_REFUSED(t, message, ...)                               \
  G_STMT_START {                                                               \
    g_autofree char *before_ = cli_test_dump (t);                              \
    gint64 seq_ = cli_test_last_seq (t);                                       \
    cli_test_jhkctl ((t), __VA_ARGS__, NULL);                                  \
    cli_test_assert_refused_unchanged ((t), before_, seq_, (message));         \
  } G_STMT_END

/* Runs jhkctl with the arguments (no NULL) expecting a usage error (exit
 * 2, pointing to --help) that changes nothing. */
#define CLI_TEST_ASSERT_USAGE(t, ...)                                          \
  G_STMT_START {                                                               \
    g_autofree char *before_ = cli_test_dump (t);                              \
    g_autofree char *after_ = NULL;                                            \
    cli_test_jhkctl ((t), __VA_ARGS__, NULL);                                  \
    g_assert_cmpint ((t)->status, ==, 2);                                      \
    cli_test_assert_in ((t)->err, "jhkctl --help");                            \
    after_ = cli_test_dump (t);                                                \
    g_assert_cmpstr (after_, ==, before_);                                     \
  } G_STMT_END

G_END_DECLS
