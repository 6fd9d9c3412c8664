/* test-playbooks.c: issue 7, 対処要領 (R19-1): the library shipped with
 * Jhk, versions, shared steps, who writes, export and import.
 *
 * Every write adds one audit entry; every refusal leaves every table as it
 * was. Runs on SQLite and, with `meson test --setup postgresql`, on
 * PostgreSQL.
 */
#include <string.h>

#include "jhk-org.h"
#include "jhk-playbooks.h"
#include "jhk-policy.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;      /* システム管理者 */
  JhkSession *gyomu;      /* 対象業務管理者 of B101 */
  JhkSession *denshi;     /* manager of E201, not of B101 */
  JhkSession *unyo;       /* 運用管理者, 中央警察署 */
  gint64      b101;
  gint64      e201;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->gyomu, "gyomu", &f->denshi, "denshi",
                       &f->unyo, "chuo-unyo", NULL);
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->e201 = jhk_org_find_business (f->db, "E201");
  g_assert_cmpint (f->b101, >, 0);
  g_assert_cmpint (f->e201, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->admin, &f->gyomu, &f->denshi, &f->unyo, NULL);
  g_clear_object (&f->db);
}

static const char *const library_codes[] = {
  "terminal-failure", "server-failure", "network-down", "output-loss", "misdelivery",
  "unauthorized-access", "malware", "power-disaster", NULL
};

/* R19-1: the eight playbooks of the library, each with its ordered steps
 * of known roles, its contacts and severity criteria, and the shared steps
 * that several of them use. */
static void
test_library (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(GPtrArray) shared = NULL;

  for (guint i = 0; library_codes[i] != NULL; i++)
    {
      g_autoptr(JhkPlaybook) p = jhk_playbooks_get_by_code (f->db, library_codes[i], &error);
      const char *field = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (p);
      g_assert_cmpstr (p->code, ==, library_codes[i]);
      g_assert_cmpint (p->version, ==, 1);
      g_assert_true (p->builtin);
      g_assert_false (p->retired);
      g_assert_cmpint (p->created_by, ==, 0);
      g_assert_cmpuint (p->steps->len, >=, 5);
      g_assert_cmpuint (p->steps->len, <=, 9);
      g_assert_cmpuint (p->contacts->len, >=, 1);
      g_assert_true (p->serious_damage || p->serious_leak || p->serious_stop_minutes > 0 ||
                     p->serious_other[0] != '\0');
      g_assert_true (jhk_playbook_check (p, &field, &error));
      g_assert_no_error (error);
      g_test_message ("%s: %s, %u steps, %u contacts", p->code, p->title, p->steps->len,
                      p->contacts->len);
    }
  {
    g_autoptr(JhkPlaybook) loss = jhk_playbooks_get_by_code (f->db, "output-loss", &error);
    g_autoptr(JhkPlaybook) server = jhk_playbooks_get_by_code (f->db, "server-failure", &error);
    g_autoptr(JhkPlaybook) power = jhk_playbooks_get_by_code (f->db, "power-disaster", &error);

    g_assert_true (loss->serious_leak);
    g_assert_cmpint (loss->report_hours, ==, 12);
    g_assert_true (server->serious_damage);
    g_assert_cmpint (server->serious_stop_minutes, ==, 120);
    g_assert_true (power->serious_damage);
    g_assert_cmpint (power->serious_stop_minutes, ==, 240);
  }

  model = jhk_playbooks_list_model (f->db, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 8);

  shared = jhk_playbooks_shared_steps (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shared->len, >=, 5);
  for (guint i = 0; i < shared->len; i++)
    {
      JhkSharedStep *s = g_ptr_array_index (shared, i);

      g_assert_cmpint (s->step->shared_step_id, ==, s->id);
      g_assert_cmpuint (s->n_playbooks, >=, 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/playbooks/R19-1/library", test_library);
#undef ADD

  return jhk_test_run ();
}
