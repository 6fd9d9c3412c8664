/* test-cli-retention.c: jhkctl material expired, purge and viewers, and the
 * categories of material list and add (issue 4, R15-3, R18-1..5), run as an
 * operator runs them.
 *
 * Each test works on its own copy of the demo database. A refusal must
 * exit 1 and leave the database as it was: every table is compared, apart
 * from the audit log and the users' login columns, which record the login
 * itself by design (R13-5); the audit entries after the refusal must be
 * exactly that login and logout.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-retention.h"
#include "jhk-settings.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest     cli;        /* the database and the last jhkctl run */
  gint64      office;     /* 中央警察署 */
  gint64      locked;     /* a locked storage place of the office */
  gint64      expired;    /* closed, last entry six years ago */
  gint64      young;      /* closed, last entry four years ago */
  char       *today;
} Fixture;

static char *
years_ago (int years)
{
  g_autofree char *today = jhk_today ();
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, today);
  g_date_subtract_years (&d, years);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

static gint64
closed_material (JhkDb      *db,
                 JhkSession *actor,
                 gint64      office,
                 const char *on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_ledger_register_material (db, actor, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "output", .name = "試験用 保存期間 CLI",
      .quantity = 1, .business_id = jhk_org_find_business (db, "B101"),
      .handler_staff_id = jhk_org_find_staff (db, "C9113"), .purpose = "試験",
      .acquired_on = on, .acquisition_method = "printed",
      .measure = "dispose_without_storing", .disposed_on = on, .disposal_method = "shred" },
    &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) unyo = NULL;
  g_autofree char *six = years_ago (6);
  g_autofree char *four = years_ago (4);

  cli_test_set_up (&f->cli);
  f->today = jhk_today ();
  f->office = jhk_org_find_unit (f->cli.db, "910");
  unyo = jhk_test_login (f->cli.db, "chuo-unyo");
  f->locked = cli_test_add_locked_place (&f->cli, unyo, f->office, "試験用 文書庫 CLI");
  f->expired = closed_material (f->cli.db, unyo, f->office, six);
  f->young = closed_material (f->cli.db, unyo, f->office, four);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_test_tear_down (&f->cli);
  g_free (f->today);
}

static gboolean
array_has_id (JsonArray *array,
              gint64     id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_object_get_int_member (json_array_get_object_element (array, i), "id") == id)
      return TRUE;
  return FALSE;
}

/* R15-3: material expired lists the closed materials five years past their
 * last entry; material purge leaves the tombstone that show and list give. */
static void
test_expired_and_purge (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = cli_test_id_text (f->expired);
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) purged = NULL;
  JsonObject *m;

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "material", "expired", "--office",
                   "910", NULL);
  cli_test_assert_success (&f->cli);
  expired = cli_test_parse_json (f->cli.out);
  g_assert_true (array_has_id (json_node_get_array (expired), f->expired));
  g_assert_false (array_has_id (json_node_get_array (expired), f->young));
  g_test_message ("%u materials of 中央警察署 past their retention",
                  json_array_get_length (json_node_get_array (expired)));

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "purge", id, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "purged");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  m = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "purged");
  g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (m, "purged_by"), ==, "chuo-unyo");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (m, "events")), ==, 0);
  g_assert_true (json_object_get_null_member (m, "disposition"));

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "chuo-unyo");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "material", "list", "--office", "910",
          "--status", "purged", NULL);
  cli_test_assert_success (&f->cli);
  purged = cli_test_parse_json (f->cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (purged)), ==, 1);
  g_assert_true (array_has_id (json_node_get_array (purged), f->expired));
}

/* R15-3: refused, database unchanged: retention not ended, not the
 * office's 運用管理者, purged already. */
static void
test_purge_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *young = cli_test_id_text (f->young);
  g_autofree char *old = cli_test_id_text (f->expired);
  g_autofree char *before = NULL;
  gint64 seq;

  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "purge", young, NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "five years after its last entry");

  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "purge", old, NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "operations manager");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "purge", old, NULL);
  cli_test_assert_success (&f->cli);
  g_clear_pointer (&before, g_free);
  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "purge", old, NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "purged already");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "purge", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "expired", "extra", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
}

/* R18-1, R18-2: material add --category and list --category; a system
 * document on an unlocked shelf or with personal data is refused. */
static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *place = cli_test_id_text (f->locked);
  g_autofree char *before = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonArray *list;
  gint64 seq, id;

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "add", "--office", "910",
                   "--direction", "input", "--name", "照合システム 運用手順書 CLI", "--quantity", "1",
                   "--business", "B101", "--handler", "C9113", "--purpose", "運用", "--method",
                   "received", "--method-text", "情報管理課", "--store", place, "--category",
                   "system_document", NULL);
  cli_test_assert_success (&f->cli);
  id = g_ascii_strtoll (f->cli.out, NULL, 10);

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "material", "list", "--office", "910",
          "--category", "system_document", NULL);
  cli_test_assert_success (&f->cli);
  listed = cli_test_parse_json (f->cli.out);
  list = json_node_get_array (listed);
  g_assert_true (array_has_id (list, id));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i),
                                                    "category"), ==, "system_document");

  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "add", "--office", "910",
                   "--direction", "input", "--name", "照合プログラム CLI", "--quantity", "1", "--business",
                   "B101", "--handler", "C9113", "--purpose", "運用", "--personal-data", "--store",
                   place, "--category", "program", NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "not personal-data");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "list", "--category", "blueprint",
                   NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
}

/* R18-3: the office's 運用管理者 names the staff who may view a system
 * document; they then see it, and the 情報管理者 cannot name anyone. */
static void
test_viewers (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *place = cli_test_id_text (f->locked);
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  gint64 seq;

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "add", "--office", "910",
                   "--direction", "input", "--name", "照合システム 設計書 CLI", "--quantity", "1",
                   "--business", "B101", "--handler", "C9113", "--purpose", "保守", "--method",
                   "received", "--method-text", "情報管理課", "--store", place, "--category",
                   "system_document", NULL);
  cli_test_assert_success (&f->cli);
  id = cli_test_id_text (g_ascii_strtoll (f->cli.out, NULL, 10));

  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "material", "show", id, NULL);
  g_assert_cmpint (f->cli.status, ==, 1);

  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "viewers", id, "--add", "C9132",
                   NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "operations manager");

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "viewers", id, "--add", "C9132",
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "C9132");
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "設計書 CLI");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/retention/R15-3/expired-and-purge", test_expired_and_purge);
  ADD_TEST ("/cli/retention/R15-3/purge-refused", test_purge_refused);
  ADD_TEST ("/cli/sysdocs/R18-1/add-and-list-by-category", test_categories);
  ADD_TEST ("/cli/sysdocs/R18-3/viewers", test_viewers);
  return jhk_test_run ();
}
