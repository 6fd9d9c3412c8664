/* jhk-demo.h: a realistic demo organisation for trying Jhk. */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

#define JHK_DEMO_PASSWORD "jhk-demo"

/* Fills an empty database with the demo organisation: 総務部 and its
 * 情報管理課, 刑事部, 交通部, three police stations with their 係, people for
 * every role, and the business register. Every account's password is
 * JHK_DEMO_PASSWORD. Fails, changing nothing, if the database has users. */
gboolean jhk_demo_populate (JhkDb   *db,
                            GError **error);

typedef struct
{
  const char *login;
  const char *role;      /* role key */
  const char *describe;  /* Japanese: who this is */
} JhkDemoAccount;

/* The demo accounts, NULL-terminated by login. */
const JhkDemoAccount *jhk_demo_accounts (void);

G_END_DECLS
