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
#include "jhk-test-pg.h"
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

/* A copy of the library's playbook, to change. */
static JhkPlaybook *
library_copy (Fixture    *f,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) p = jhk_playbooks_get_by_code (f->db, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return jhk_playbook_copy (p);
}

/* A new playbook of the businesses given (ids, ending with 0). */
static JhkPlaybook *
new_playbook (const char *code,
              ...)
{
  JhkPlaybook *p = jhk_playbook_new ();
  va_list args;
  gint64 id;

  g_free (p->code);
  p->code = g_strdup (code);
  g_free (p->title);
  p->title = g_strdup ("指紋照合端末の故障");
  g_free (p->systems);
  p->systems = g_strdup ("指紋照合端末");
  p->serious_stop_minutes = 60;
  g_ptr_array_add (p->steps, jhk_playbook_step_new ("照合業務を中止する", "staff", 5, FALSE, ""));
  g_ptr_array_add (p->steps, jhk_playbook_step_new ("端末を隔離する", "info_manager", 10, TRUE,
                                                    "写真"));
  g_ptr_array_add (p->contacts, jhk_playbook_contact_new ("システム管理者", "", "2341"));
  va_start (args, code);
  while ((id = va_arg (args, gint64)) != 0)
    g_array_append_val (p->business_ids, id);
  va_end (args);
  return p;
}

/* R19-1: a save makes a new version; the old one is unchanged; a save of
 * the same content is refused. */
static void
test_versioned (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) before = library_copy (f, "server-failure");
  g_autoptr(JhkPlaybook) edit = jhk_playbook_copy (before);
  g_autoptr(JhkPlaybook) v1 = NULL;
  g_autoptr(JhkPlaybook) v2 = NULL;
  g_autoptr(JhkPlaybook) current = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  JhkPlaybookStep *step;
  gint64 audit = jhk_test_audit_count (f->db);
  gint64 version_id;

  g_free (edit->title);
  edit->title = g_strdup ("サーバ等の障害（改訂）");
  step = g_ptr_array_index (edit->steps, 0);
  g_free (step->text);
  step->text = g_strdup ("障害の発生時刻と症状を記録する");
  edit->serious_stop_minutes = 60;
  g_free (edit->change_note);
  edit->change_note = g_strdup ("停止時間の基準を改めた");

  version_id = jhk_playbooks_save (f->db, f->admin, edit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version_id, >, 0);
  jhk_test_assert_last_action (f->db, audit, "playbook.save");

  v1 = jhk_playbooks_get (f->db, before->id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1->version_id, ==, before->version_id);
  g_assert_cmpstr (v1->title, ==, before->title);
  g_assert_cmpint (v1->serious_stop_minutes, ==, 120);
  g_assert_cmpstr (((JhkPlaybookStep *) g_ptr_array_index (v1->steps, 0))->text, ==,
                   ((JhkPlaybookStep *) g_ptr_array_index (before->steps, 0))->text);
  g_assert_cmpuint (v1->steps->len, ==, before->steps->len);

  v2 = jhk_playbooks_get_version (f->db, version_id, &error);
  g_assert_no_error (error);
  current = jhk_playbooks_get (f->db, before->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (current->version_id, ==, version_id);
  g_assert_cmpint (v2->version, ==, 2);
  g_assert_cmpstr (v2->title, ==, "サーバ等の障害（改訂）");
  g_assert_cmpstr (v2->change_note, ==, "停止時間の基準を改めた");
  g_assert_cmpint (v2->created_by, ==, jhk_session_get_staff_id (f->admin));
  g_assert_cmpstr (v2->creator_name, ==, jhk_session_get_name (f->admin));
  g_assert_cmpint (v2->serious_stop_minutes, ==, 60);
  g_assert_cmpuint (v2->contacts->len, ==, before->contacts->len);
  /* The shared steps stay linked. */
  for (guint i = 0; i < v2->steps->len; i++)
    g_assert_cmpint (((JhkPlaybookStep *) g_ptr_array_index (v2->steps, i))->shared_step_id, ==,
                     ((JhkPlaybookStep *) g_ptr_array_index (before->steps, i))->shared_step_id);

  versions = jhk_playbooks_versions (f->db, before->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpint (((JhkPlaybook *) g_ptr_array_index (versions, 0))->version, ==, 2);
  g_assert_cmpint (((JhkPlaybook *) g_ptr_array_index (versions, 1))->version, ==, 1);

  /* Nothing changed: refused, and the change note alone is no change. */
  g_free (current->change_note);
  current->change_note = g_strdup ("もう一度");
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_playbooks_save (f->db, f->admin, current, refusal));
  /* The code never changes. */
  g_free (current->code);
  current->code = g_strdup ("server-trouble");
  current->report_hours = 6;
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_playbooks_save (f->db, f->admin, current, refusal));
}

/* R19-1: a business manager writes the playbooks of their businesses, no
 * other; the システム管理者 every one; others none. Each refusal is
 * worded as jhk_playbooks_refusal() and leaves the database unchanged. */
static void
test_who_writes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) mine = new_playbook ("fingerprint-terminal", f->b101, (gint64) 0);
  g_autoptr(JhkPlaybook) both = new_playbook ("both-businesses", f->b101, f->e201, (gint64) 0);
  g_autoptr(JhkPlaybook) none = new_playbook ("no-business", (gint64) 0);
  g_autoptr(JhkPlaybook) library = library_copy (f, "misdelivery");
  g_autoptr(JhkPlaybook) saved = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  gint64 audit = jhk_test_audit_count (f->db);
  gint64 version_id;

  g_assert_null (jhk_playbooks_refusal (f->db, f->gyomu, NULL, JHK_PLAYBOOK_CREATE));
  g_assert_null (jhk_playbooks_refusal (f->db, f->gyomu, mine, JHK_PLAYBOOK_CREATE));
  g_assert_nonnull (jhk_playbooks_refusal (f->db, f->unyo, NULL, JHK_PLAYBOOK_CREATE));
  g_assert_nonnull (jhk_playbooks_refusal (f->db, f->gyomu, library, JHK_PLAYBOOK_EDIT));
  g_assert_null (jhk_playbooks_refusal (f->db, f->admin, library, JHK_PLAYBOOK_EDIT));

  version_id = jhk_playbooks_save (f->db, f->gyomu, mine, &error);
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "playbook.save");
  saved = jhk_playbooks_get_version (f->db, version_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->version, ==, 1);
  g_assert_false (saved->builtin);
  g_assert_cmpuint (saved->business_ids->len, ==, 1);

  /* The code is taken. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_playbooks_save (f->db, f->admin, mine, refusal));
  /* Another business, or none, or the library's: not the manager's. */
  JHK_TEST_ASSERT_REFUSED_WITH (f->db, jhk_playbooks_save (f->db, f->gyomu, both, refusal),
                                g_assert_cmpstr (error_->message, ==,
                                                 jhk_playbooks_refusal (f->db, f->gyomu, both,
                                                                        JHK_PLAYBOOK_CREATE)));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_playbooks_save (f->db, f->gyomu, none, refusal));
  g_free (library->title);
  library->title = g_strdup ("誤送信");
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_playbooks_save (f->db, f->gyomu, library, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_playbooks_set_retired (f->db, f->gyomu, library->id, TRUE, refusal));
  /* The manager of E201 does not write the B101 playbook; the 運用管理者 none. */
  g_free (saved->title);
  saved->title = g_strdup ("指紋照合端末の障害");
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_playbooks_save (f->db, f->denshi, saved, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_DENIED,
                           jhk_playbooks_save (f->db, f->unyo, saved, refusal));
  /* Nor shared steps, but the システム管理者. */
  shared = jhk_playbooks_shared_steps (f->db, &error);
  g_assert_no_error (error);
  {
    JhkSharedStep *s = g_ptr_array_index (shared, 0);

    g_free (s->step->text);
    s->step->text = g_strdup ("変更");
    g_assert_null (jhk_playbooks_shared_refusal (f->db, f->admin));
    JHK_TEST_ASSERT_REFUSED_WITH (f->db,
                                  jhk_playbooks_save_shared_step (f->db, f->gyomu, s, refusal),
                                  g_assert_cmpstr (error_->message, ==,
                                                   jhk_playbooks_shared_refusal (f->db,
                                                                                 f->gyomu)));
  }

  /* The manager edits and retires their own; the システム管理者 any. */
  version_id = jhk_playbooks_save (f->db, f->gyomu, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version_id, >, 0);
  g_assert_true (jhk_playbooks_set_retired (f->db, f->gyomu, saved->id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_playbooks_set_retired (f->db, f->admin, library->id, TRUE, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_actions (f->db, audit, 4, "playbook.retire");
}

/* R19-1: input checks name the field and write nothing. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const char *field = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 11; i++)
    {
      g_autoptr(JhkPlaybook) p = new_playbook ("checked", f->b101, (gint64) 0);
      JhkPlaybookStep *step = g_ptr_array_index (p->steps, 1);
      const char *expected = NULL;

      switch (i)
        {
        case 0: g_free (p->code); p->code = g_strdup ("Bad Code"); expected = "code"; break;
        case 1: g_free (p->title); p->title = g_strdup ("  "); expected = "title"; break;
        case 2:
          g_free (p->title);
          p->title = g_strnfill (JHK_PLAYBOOK_TITLE_MAX + 1, 'x');
          expected = "title";
          break;
        case 3: g_free (step->role); step->role = g_strdup ("chief"); expected = "steps.1.role"; break;
        case 4: step->minutes = -1; expected = "steps.1.minutes"; break;
        case 5: g_free (step->text); step->text = g_strdup (""); expected = "steps.1.text"; break;
        case 6: g_ptr_array_set_size (p->steps, 0); expected = "steps"; break;
        case 7: p->report_hours = 721; expected = "report_hours"; break;
        case 9:
          /* Full-width spaces, as a Japanese input method types them. */
          g_free (p->title); p->title = g_strdup ("\u3000\u3000"); expected = "title";
          break;
        case 10: g_free (step->text); step->text = g_strdup ("\u3000"); expected = "steps.1.text"; break;
        case 8:
          for (int j = 0; j < JHK_PLAYBOOK_MAX_STEPS; j++)
            g_ptr_array_add (p->steps, jhk_playbook_step_new ("手順", "", 0, FALSE, ""));
          expected = "steps";
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_false (jhk_playbook_check (p, &field, &error));
      g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
      g_assert_cmpstr (field, ==, expected);
      g_clear_error (&error);
      JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                               jhk_playbooks_save (f->db, f->admin, p, refusal));
    }
  {
    /* A business that does not exist. */
    g_autoptr(JhkPlaybook) p = new_playbook ("ghost-business", (gint64) 999999, (gint64) 0);

    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                             jhk_playbooks_save (f->db, f->admin, p, refusal));
  }
  {
    g_autoptr(JhkPlaybook) p = new_playbook ("ghost-shared", (gint64) 0);

    ((JhkPlaybookStep *) g_ptr_array_index (p->steps, 0))->shared_step_id = 999999;
    JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                             jhk_playbooks_save (f->db, f->admin, p, refusal));
  }
}

/* R19-1: a retired playbook is not offered for a new incident. */
static void
test_retire (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) p = library_copy (f, "network-down");
  g_autoptr(JhkQueryModel) offered = NULL;
  g_autoptr(JhkQueryModel) all = NULL;
  g_autoptr(JhkPlaybook) again = NULL;

  g_assert_true (jhk_playbooks_set_retired (f->db, f->admin, p->id, TRUE, &error));
  g_assert_no_error (error);
  offered = jhk_playbooks_list_model (f->db, FALSE);
  all = jhk_playbooks_list_model (f->db, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (offered)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 8);
  again = jhk_playbooks_get (f->db, p->id, 0, &error);
  g_assert_true (again->retired);
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_playbooks_set_retired (f->db, f->admin, p->id, TRUE, refusal));
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_NOT_FOUND,
                           jhk_playbooks_set_retired (f->db, f->admin, 999999, TRUE, refusal));
  g_assert_true (jhk_playbooks_set_retired (f->db, f->admin, p->id, FALSE, &error));
  g_assert_no_error (error);
}

static JhkSharedStep *
find_shared (GPtrArray  *shared,
             const char *code)
{
  for (guint i = 0; i < shared->len; i++)
    if (g_strcmp0 (((JhkSharedStep *) g_ptr_array_index (shared, i))->code, code) == 0)
      return g_ptr_array_index (shared, i);
  g_assert_not_reached ();
}

/* R19-1: saving a shared step makes a new version of every current
 * playbook that uses it, in the same transaction; old versions keep the
 * old text. */
static void
test_shared_step (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shared = jhk_playbooks_shared_steps (f->db, &error);
  g_autoptr(JhkPlaybook) loss = NULL;
  JhkSharedStep *report = find_shared (shared, "report-ops-manager");
  g_autofree char *old_text = g_strdup (report->step->text);
  gint64 audit = jhk_test_audit_count (f->db);
  guint users = report->n_playbooks;
  JhkSharedStep fresh = { 0 };

  g_assert_cmpuint (users, ==, 8);
  g_free (report->step->text);
  report->step->text = g_strdup ("運用管理者へ直ちに報告する");
  report->step->minutes = 3;
  g_assert_cmpint (jhk_playbooks_save_shared_step (f->db, f->admin, report, &error), ==,
                   report->id);
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, audit, "shared_step.save");
  g_assert_cmpint (jhk_test_audit_count (f->db), ==, audit + 1);

  for (guint i = 0; library_codes[i] != NULL; i++)
    {
      g_autoptr(JhkPlaybook) p = jhk_playbooks_get_by_code (f->db, library_codes[i], &error);
      g_autoptr(JhkPlaybook) v1 = jhk_playbooks_get (f->db, p->id, 1, &error);
      guint found = 0;

      g_assert_cmpint (p->version, ==, 2);
      g_assert_cmpstr (p->change_note, !=, "");
      for (guint j = 0; j < p->steps->len; j++)
        {
          JhkPlaybookStep *now = g_ptr_array_index (p->steps, j);
          JhkPlaybookStep *then = g_ptr_array_index (v1->steps, j);

          if (now->shared_step_id != report->id)
            continue;
          found++;
          g_assert_cmpstr (now->text, ==, "運用管理者へ直ちに報告する");
          g_assert_cmpint (now->minutes, ==, 3);
          g_assert_cmpstr (then->text, ==, old_text);
        }
      g_assert_cmpuint (found, ==, 1);
    }
  loss = jhk_playbooks_get_by_code (f->db, "output-loss", &error);
  g_test_message ("change note: %s", loss->change_note);

  /* Unchanged, a taken code, an unknown role: refused. */
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_playbooks_save_shared_step (f->db, f->admin, report, refusal));
  fresh.code = (char *) "report-ops-manager";
  fresh.step = jhk_playbook_step_new ("別の手順", "", 0, FALSE, "");
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_CONFLICT,
                           jhk_playbooks_save_shared_step (f->db, f->admin, &fresh, refusal));
  fresh.code = (char *) "new-shared";
  g_free (fresh.step->role);
  fresh.step->role = g_strdup ("boss");
  JHK_TEST_ASSERT_REFUSED (f->db, JHK_POLICY_ERROR_INVALID,
                           jhk_playbooks_save_shared_step (f->db, f->admin, &fresh, refusal));
  g_free (fresh.step->role);
  fresh.step->role = g_strdup ("sysadmin");
  g_assert_cmpint (jhk_playbooks_save_shared_step (f->db, f->admin, &fresh, &error), >, 0);
  g_assert_no_error (error);
  jhk_playbook_step_free (fresh.step);
}

static char *
export_text (JhkDb        *db,
             const gint64 *ids,
             guint         n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jhk_playbooks_export (db, ids, n_ids, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_to_string (node, TRUE);
}

/* R19-1: export, then import into another database: dry run first (no
 * write), then the import; again: all unchanged; a changed title: one
 * update. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) mine = new_playbook ("fingerprint-terminal", f->b101, (gint64) 0);
  g_autoptr(GPtrArray) shared = jhk_playbooks_shared_steps (f->db, &error);
  g_autoptr(JhkDb) other = NULL;
  g_autoptr(JhkSession) other_admin = NULL;
  g_autoptr(JhkPlaybookImport) result = NULL;
  g_autoptr(JhkPlaybook) copy = NULL;
  g_autoptr(JhkPlaybook) original = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JhkSharedStep *report = find_shared (shared, "report-ops-manager");
  JhkPlaybookStep *linked = jhk_playbook_step_new (report->step->text, report->step->role,
                                                   report->step->minutes,
                                                   report->step->needs_confirmation,
                                                   report->step->evidence);
  gint64 audit;

  linked->shared_step_id = report->id;
  g_ptr_array_add (mine->steps, linked);
  g_assert_cmpint (jhk_playbooks_save (f->db, f->admin, mine, &error), >, 0);
  g_assert_no_error (error);
  original = jhk_playbooks_get_by_code (f->db, "fingerprint-terminal", &error);
  text = export_text (f->db, NULL, 0);
  g_test_message ("export: %zu bytes", strlen (text));

  other = jhk_test_demo_db ();
  other_admin = jhk_test_login (other, "admin");

  before = jhk_test_dump_tables (other);
  result = jhk_playbooks_import (other, other_admin, text, strlen (text), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->errors->len, ==, 0);
  g_assert_cmpuint (result->created, ==, 1);
  g_assert_cmpuint (result->updated, ==, 0);
  g_assert_cmpuint (result->unchanged, ==, 8);
  g_assert_cmpuint (result->shared_created, ==, 0);
  g_assert_cmpuint (result->shared_updated, ==, 0);
  after = jhk_test_dump_tables (other);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&result, jhk_playbook_import_free);

  audit = jhk_test_audit_count (other);
  result = jhk_playbooks_import (other, other_admin, text, strlen (text), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->errors->len, ==, 0);
  g_assert_cmpuint (result->created, ==, 1);
  g_assert_cmpuint (result->unchanged, ==, 8);
  jhk_test_assert_last_action (other, audit, "playbook.import");
  g_assert_cmpint (jhk_test_audit_count (other), ==, audit + 1);
  copy = jhk_playbooks_get_by_code (other, "fingerprint-terminal", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->title, ==, original->title);
  g_assert_cmpuint (copy->steps->len, ==, original->steps->len);
  g_assert_cmpuint (copy->contacts->len, ==, original->contacts->len);
  g_assert_cmpint (g_array_index (copy->business_ids, gint64, 0), ==,
                   jhk_org_find_business (other, "B101"));
  g_assert_cmpint (((JhkPlaybookStep *) g_ptr_array_index (copy->steps, 2))->shared_step_id, ==,
                   find_shared (shared, "report-ops-manager")->id);
  g_clear_pointer (&result, jhk_playbook_import_free);

  /* Again: nothing new. */
  result = jhk_playbooks_import (other, other_admin, text, strlen (text), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->created, ==, 0);
  g_assert_cmpuint (result->updated, ==, 0);
  g_assert_cmpuint (result->unchanged, ==, 9);
  g_clear_pointer (&result, jhk_playbook_import_free);

  /* One playbook changed at the source: one update. */
  g_free (mine->title);
  mine->title = g_strdup ("指紋照合端末の故障（改訂）");
  mine->id = original->id;
  g_assert_cmpint (jhk_playbooks_save (f->db, f->admin, mine, &error), >, 0);
  g_assert_no_error (error);
  g_free (text);
  text = export_text (f->db, &original->id, 1);
  result = jhk_playbooks_import (other, other_admin, text, strlen (text), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->errors->len, ==, 0);
  g_assert_cmpuint (result->updated, ==, 1);
  g_assert_cmpuint (result->created, ==, 0);
  g_clear_object (&other_admin);
}

typedef struct
{
  const char *json;
  const char *error_start;   /* the first error begins with it; NULL: NULL result */
} Broken;

/* R19-1: a broken document is refused with errors naming the place, and
 * nothing is written. */
static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  static const Broken cases[] = {
    { "not json", NULL },
    { "", NULL },
    { "{\"format\": \"jhk-playbooks\xff\", \"version\": 1}", NULL },
    { "[1, 2]", "$:" },
    { "{\"format\": \"other\", \"version\": 1, \"playbooks\": []}", "format:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 2, \"playbooks\": []}", "version:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": \"1\", \"playbooks\": []}", "$.version:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1}", "playbooks:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": {}}", "playbooks:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [3]}", "playbooks[0]:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\", \"role\": \"chief\"}]}]}",
      "playbooks[0].steps[0].role:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\"}]}, {\"code\": \"b\", \"title\": 5,"
      " \"steps\": [{\"text\": \"x\"}]}]}",
      "playbooks[1].title:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": \"x\"}]}", "playbooks[0].steps:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\", \"minutes\": \"ten\"}]}]}",
      "playbooks[0].steps[0].minutes:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\", \"minutes\": 1e300}]}]}",
      "playbooks[0].steps[0].minutes:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\", \"minutes\": 99999999999999}]}]}",
      "playbooks[0].steps[0].minutes:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"severity\": [], \"steps\": [{\"text\": \"x\"}]}]}",
      "playbooks[0].severity:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"businesses\": [\"NOPE\"], \"steps\": [{\"text\": \"x\"}]}]}",
      "playbooks[0].businesses[0]:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\", \"shared\": \"nowhere\"}]}]}",
      "playbooks[0].steps[0].shared:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\"}]}, {\"code\": \"a\", \"title\": \"u\","
      " \"steps\": [{\"text\": \"y\"}]}]}",
      "playbooks[1].code:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"Bad!\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\"}]}]}", "playbooks[0].code:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": []}]}", "playbooks[0].steps:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [], \"shared_steps\":"
      " [{\"code\": \"s\", \"text\": \"\"}]}", "shared_steps[0].text:" },
    { "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": [{\"code\": \"a\","
      " \"title\": \"t\", \"steps\": [{\"text\": \"x\"}], \"contacts\": [{\"name\": \"n\"}]}]}",
      "playbooks[0].contacts[0].role:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = jhk_test_dump_tables (f->db);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkPlaybookImport) result = NULL;

      result = jhk_playbooks_import (f->db, f->admin, cases[i].json, strlen (cases[i].json),
                                     FALSE, &error);
      if (cases[i].error_start == NULL)
        {
          g_assert_null (result);
          g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
          g_test_message ("%u: %s", i, error->message);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
          g_assert_cmpuint (result->errors->len, >, 0);
          g_test_message ("%u: %s", i, (char *) g_ptr_array_index (result->errors, 0));
          g_assert_true (g_str_has_prefix (g_ptr_array_index (result->errors, 0),
                                           cases[i].error_start));
        }
      after = jhk_test_dump_tables (f->db);
      g_assert_cmpstr (after, ==, before);
    }

  {
    /* Deep nesting and a huge string: refused without a crash. */
    GString *deep = g_string_new ("{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": ");
    g_autofree char *huge_title = g_strnfill (100000, 'x');
    g_autofree char *huge = NULL;
    g_autofree char *before = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JhkPlaybookImport) result = NULL;

    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    result = jhk_playbooks_import (f->db, f->admin, deep->str, deep->len, FALSE, &error);
    g_assert_null (result);
    g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
    g_clear_error (&error);
    g_string_free (deep, TRUE);

    huge = g_strdup_printf ("{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\":"
                            " [{\"code\": \"a\", \"title\": \"%s\", \"steps\": [{\"text\":"
                            " \"x\"}]}]}", huge_title);
    result = jhk_playbooks_import (f->db, f->admin, huge, strlen (huge), FALSE, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (result->errors, 0),
                                     "playbooks[0].title:"));
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, before);
  }
}

/* R19-1: a manager imports the playbooks of their businesses only; one
 * error anywhere and nothing of the document is written. */
static void
test_import_manager (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybookImport) result = NULL;
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  const char *doc =
    "{\"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": ["
    " {\"code\": \"mine\", \"title\": \"t\", \"businesses\": [\"B101\"],"
    "  \"steps\": [{\"text\": \"x\", \"role\": \"staff\"}]},"
    " {\"code\": \"theirs\", \"title\": \"t\", \"businesses\": [\"E201\"],"
    "  \"steps\": [{\"text\": \"x\"}]}]}";

  result = jhk_playbooks_import (f->db, f->gyomu, doc, strlen (doc), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->errors->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->errors, 0), "playbooks[1]:"));
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&result, jhk_playbook_import_free);

  /* Not a manager at all: refused before any check. */
  g_assert_null (jhk_playbooks_import (f->db, f->unyo, doc, strlen (doc), FALSE, &error));
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
}

/* A copy of node with its target-th node (in a walk of the tree, node
 * itself first) replaced by replacement; counts the nodes in *count. */
static JsonNode *
copy_replacing (JsonNode *node,
                guint    *count,
                guint     target,
                JsonNode *replacement)
{
  if ((*count)++ == target)
    return json_node_copy (replacement);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (o);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (copy, l->data,
                                copy_replacing (json_object_get_member (o, l->data), count,
                                                target, replacement));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (a); i++)
        json_array_add_element (copy, copy_replacing (json_array_get_element (a, i), count,
                                                      target, replacement));
      return json_node_init_array (json_node_alloc (), copy);
    }
  return json_node_copy (node);
}

/* R19-1: whatever member of a document has a value of another type, the
 * import reports it (or takes it) and never crashes; nothing is written. */
static void
test_import_any_json (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkPlaybook) p = library_copy (f, "malware");
  g_autoptr(JsonNode) doc = jhk_playbooks_export (f->db, &p->id, 1, &error);
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  const char *const replacements[] = { "null", "7", "\"x\"", "{}", "[[]]", "-1", "1.5" };
  guint n_nodes = 0, n_refused = 0, n_runs = 0;

  g_assert_no_error (error);
  json_node_unref (copy_replacing (doc, &n_nodes, G_MAXUINT, NULL));
  for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
    {
      g_autoptr(JsonNode) replacement = json_from_string (replacements[r], NULL);

      for (guint i = 0; i < n_nodes; i++)
        {
          g_autoptr(JsonNode) copy = NULL;
          g_autoptr(JhkPlaybookImport) result = NULL;
          g_autofree char *text = NULL;
          guint count = 0;

          copy = copy_replacing (doc, &count, i, replacement);
          text = json_to_string (copy, FALSE);
          result = jhk_playbooks_import (f->db, f->admin, text, strlen (text), TRUE, &error);
          g_assert_true ((result == NULL) == (error != NULL));
          if (result == NULL || result->errors->len > 0)
            n_refused++;
          g_clear_error (&error);
          n_runs++;
        }
    }
  g_test_message ("%u documents, %u refused", n_runs, n_refused);
  g_assert_cmpuint (n_refused, >, 0);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* Runs sql on db; asserts it fails (the server refuses it) or changes no
 * row. */
static void
assert_server_refuses (JhkDb      *db,
                       const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (jhk_db_run (db, &error, sql, JHK_DB_END))
    g_assert_cmpint (jhk_db_changes (db), ==, 0);
  else
    g_test_message ("refused by the server: %s", error->message);
}

/* R19-1 on PostgreSQL, through the users' own server roles
 * (0020-playbook-library.pg.sql): everyone reads the playbooks; a manager
 * writes those of their businesses, the システム管理者 all and the shared
 * steps; nobody changes a version once it is current. */
static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) gyomu_db = NULL, admin_db = NULL, denshi_db = NULL, unyo_db = NULL;
  g_autoptr(JhkSession) gyomu = NULL, admin = NULL, denshi = NULL, unyo = NULL;
  g_autoptr(JhkPlaybook) mine = NULL;
  g_autoptr(JhkPlaybook) saved = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(JhkPlaybookImport) result = NULL;
  g_autofree char *text = NULL;
  gint64 version_id;

  /* Its own cluster takes seconds to start: on the PostgreSQL setup only. */
  if (!jhk_test_backend_is_pg ())
    {
      g_test_skip ("PostgreSQL only: meson test --setup postgresql");
      return;
    }
  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  gyomu_db = jhk_test_pg_open_as (dbname, "gyomu");
  gyomu = jhk_test_login (gyomu_db, "gyomu");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  denshi_db = jhk_test_pg_open_as (dbname, "denshi");
  denshi = jhk_test_login (denshi_db, "denshi");
  unyo_db = jhk_test_pg_open_as (dbname, "chuo-unyo");
  unyo = jhk_test_login (unyo_db, "chuo-unyo");

  /* Everyone reads. */
  model = jhk_playbooks_list_model (unyo_db, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 8);

  /* The manager of B101 writes a playbook of B101, edits and retires it. */
  mine = new_playbook ("fingerprint-terminal", jhk_org_find_business (gyomu_db, "B101"),
                       (gint64) 0);
  version_id = jhk_playbooks_save (gyomu_db, gyomu, mine, &error);
  g_assert_no_error (error);
  saved = jhk_playbooks_get_version (gyomu_db, version_id, &error);
  g_assert_no_error (error);
  g_free (saved->title);
  saved->title = g_strdup ("指紋照合端末の障害");
  g_assert_cmpint (jhk_playbooks_save (gyomu_db, gyomu, saved, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (jhk_playbooks_set_retired (gyomu_db, gyomu, saved->id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (jhk_playbooks_set_retired (gyomu_db, gyomu, saved->id, FALSE, &error));
  g_assert_no_error (error);

  /* The システム管理者 edits a shared step: every playbook using it follows. */
  shared = jhk_playbooks_shared_steps (admin_db, &error);
  g_assert_no_error (error);
  {
    JhkSharedStep *s = find_shared (shared, "prevention");

    g_free (s->step->text);
    s->step->text = g_strdup ("再発防止策を検討し、所属員に周知して教養を行う");
    g_assert_cmpint (jhk_playbooks_save_shared_step (admin_db, admin, s, &error), >, 0);
    g_assert_no_error (error);
  }
  {
    g_autoptr(JhkPlaybook) malware = jhk_playbooks_get_by_code (unyo_db, "malware", &error);

    g_assert_no_error (error);
    g_assert_cmpint (malware->version, ==, 2);
  }

  /* An import by the システム管理者, through the server's rules. */
  text = export_text (gyomu_db, &saved->id, 1);
  {
    g_autofree char *renamed = NULL;
    g_auto(GStrv) parts = g_strsplit (text, "fingerprint-terminal", -1);

    renamed = g_strjoinv ("fingerprint-terminal-2", parts);
    result = jhk_playbooks_import (admin_db, admin, renamed, strlen (renamed), FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->errors->len, ==, 0);
    g_assert_cmpuint (result->created, ==, 1);
  }

  /* The server's own limits, whatever a client sends. */
  assert_server_refuses (denshi_db, "UPDATE playbooks SET retired = 1"
                                    " WHERE code = 'fingerprint-terminal'");
  assert_server_refuses (gyomu_db, "UPDATE playbooks SET retired = 1 WHERE code = 'malware'");
  assert_server_refuses (gyomu_db, "UPDATE shared_steps SET text = 'x'");
  assert_server_refuses (gyomu_db, "INSERT INTO shared_steps (code, text, updated_at)"
                                   " VALUES ('mine', 'x', 0)");
  assert_server_refuses (gyomu_db, "UPDATE playbook_versions SET title = 'x'");
  assert_server_refuses (admin_db, "UPDATE playbook_steps SET text = 'x'");
  assert_server_refuses (admin_db, "DELETE FROM playbook_versions");
  assert_server_refuses (gyomu_db, "INSERT INTO playbook_steps (version_id, position, text)"
                                   " SELECT current_version_id, 99, 'x' FROM playbooks"
                                   " WHERE code = 'fingerprint-terminal'");
  assert_server_refuses (unyo_db, "INSERT INTO playbooks (code, created_at, updated_at)"
                                  " VALUES ('rogue', 0, 0)");
  {
    g_autofree char *title = jhk_test_query_text (owner, "SELECT v.title FROM playbooks p"
                                                  " JOIN playbook_versions v"
                                                  " ON v.id = p.current_version_id"
                                                  " WHERE p.code = 'fingerprint-terminal'",
                                                  JHK_DB_END);

    g_assert_cmpstr (title, ==, "指紋照合端末の障害");
    g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM playbooks WHERE retired = 1",
                                         JHK_DB_END), ==, 0);
    g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM shared_steps"
                                         " WHERE text = 'x'", JHK_DB_END), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/playbooks/R19-1/library", test_library);
  ADD ("/playbooks/R19-1/versioned", test_versioned);
  ADD ("/playbooks/R19-1/who-writes", test_who_writes);
  ADD ("/playbooks/R19-1/bad-input", test_bad_input);
  ADD ("/playbooks/R19-1/retire", test_retire);
  ADD ("/playbooks/R19-1/shared-step-bumps-users", test_shared_step);
  ADD ("/playbooks/R19-1/export-import-round-trip", test_round_trip);
  ADD ("/playbooks/R19-1/import-broken", test_import_broken);
  ADD ("/playbooks/R19-1/import-manager", test_import_manager);
  ADD ("/playbooks/R19-1/import-any-json", test_import_any_json);
  g_test_add_func ("/playbooks/R19-1/pg-row-security", test_pg_row_security);
#undef ADD

  return jhk_test_run ();
}
