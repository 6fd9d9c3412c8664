/* jhk-test-util.h: shared set-up for the test suites. */
#pragma once

#include "jhk-accounts.h"
#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* g_test_run(), then removes the process's private temporary folder. */
int         jhk_test_run        (void);
/* A path for a new database file in the test's private temporary folder. */
char       *jhk_test_new_path   (const char *name);
/* A fresh copy of the demo database (built once per process). */
JhkDb      *jhk_test_demo_db    (void);
/* The path of the last database jhk_test_demo_db() returned. */
const char *jhk_test_last_path  (void);
/* Logs in a demo account (password jhk-demo); asserts success. */
JhkSession *jhk_test_login      (JhkDb      *db,
                                 const char *login);

G_END_DECLS
