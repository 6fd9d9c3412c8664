/* test-cli-incident.c: issue 7, jhkctl incident … and playbook … (第19,
 * R19-1..5), run as an operator runs them, on copies of the demo
 * database and its incidents (jhk-demo-incidents.c).
 *
 * Every --json output is parsed and checked against the database; a
 * refused import leaves the database as it was; playbooks exported from
 * one database and imported into a fresh one come out the same.
 */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-org.h"
#include "jhk-playbooks.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest cli;
} Fixture;

#define ADD_TEST(path, func) CLI_TEST_ADD (path, Fixture, func)

/* The demo's incident of 中央警察署 with that title. */
static gint64
demo_incident (Fixture    *f,
               const char *title)
{
  gint64 id = jhk_test_query_int (f->cli.db, "SELECT id FROM incidents WHERE title = ?",
                                  JHK_T (title), JHK_DB_END);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* The array of the last run's standard output. */
static JsonArray *
out_array (Fixture *f)
{
  JsonNode *node;
  JsonArray *array;

  cli_test_assert_success (&f->cli);
  node = cli_test_parse_json (f->cli.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_array_ref (json_node_get_array (node));
  json_node_unref (node);
  return array;
}

/* R19-2: incident list, with its filters, as the actor may see. */
static void
test_incident_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) open = NULL;
  g_autoptr(JsonArray) serious = NULL;
  g_autoptr(JsonArray) higashi = NULL;
  g_autoptr(JsonArray) office = NULL;
  gint64 chuo = jhk_org_find_unit (f->cli.db, "910");
  gint64 n_chuo = jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incidents"
                                      " WHERE org_unit_id = ?", JHK_I (chuo), JHK_DB_END);

  /* The システム管理者 sees them all, newest discovery first. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "incident", "list", NULL);
  all = out_array (f);
  g_assert_cmpint (json_array_get_length (all), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incidents", JHK_DB_END));
  g_assert_cmpint (json_array_get_length (all), >=, 7);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *row = json_array_get_object_element (all, i);

      g_assert_cmpint (json_object_get_int_member (row, "id"), >, 0);
      g_assert_nonnull (json_object_get_string_member (row, "title"));
      g_assert_nonnull (json_object_get_string_member (row, "playbook"));
      g_assert_cmpint (json_object_get_int_member (row, "steps_resolved"), <=,
                       json_object_get_int_member (row, "steps_total"));
      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (row, "discovered_at"), <=,
                         json_object_get_string_member (json_array_get_object_element (all, i - 1),
                                                        "discovered_at"));
    }

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "incident", "list", "--open", NULL);
  open = out_array (f);
  g_assert_cmpint (json_array_get_length (open), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incidents"
                                       " WHERE status = 'open'", JHK_DB_END));
  g_assert_cmpint (json_array_get_length (open), <, json_array_get_length (all));
  for (guint i = 0; i < json_array_get_length (open); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (open, i),
                                                    "status"), ==, "open");

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "incident", "list", "--serious", NULL);
  serious = out_array (f);
  g_assert_cmpint (json_array_get_length (serious), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incidents"
                                       " WHERE serious = 1", JHK_DB_END));
  g_assert_cmpint (json_array_get_length (serious), >=, 3);
  for (guint i = 0; i < json_array_get_length (serious); i++)
    {
      JsonObject *row = json_array_get_object_element (serious, i);

      g_assert_true (json_object_get_boolean_member (row, "serious"));
      g_assert_cmpstr (json_object_get_string_member (row, "report_state"), !=, "");
    }

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "incident", "list", "--office", "920",
                   NULL);
  higashi = out_array (f);
  g_assert_cmpint (json_array_get_length (higashi), >=, 1);
  for (guint i = 0; i < json_array_get_length (higashi); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (higashi, i),
                                                    "office"), ==, "東警察署");

  /* An officer of 中央警察署 sees the office's, not 東警察署's. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "--json", "incident", "list", NULL);
  office = out_array (f);
  g_assert_cmpint (json_array_get_length (office), ==, n_chuo);
  for (guint i = 0; i < json_array_get_length (office); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (office, i),
                                                 "office_id"), ==, chuo);

  /* Text: one incident in two lines. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "incident", "list", "--open", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "刑事課の照合端末が起動しない");
  cli_test_assert_in (f->cli.out, "中央警察署");

  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "incident", "list", "--bogus");
  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "incident");
  CLI_TEST_ASSERT_REFUSED (&f->cli, "999", "--user", "admin", "incident", "list", "--office",
                           "999");
}

/* R19-2..5: incident show, with steps, report and timeline. */
static void
test_incident_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *other_text = NULL;
  gint64 id = demo_incident (f, "個人情報を含む出力資料の所在不明");
  gint64 other = demo_incident (f, "落雷による停電");
  JsonObject *object, *report;
  JsonArray *steps, *timeline;
  gboolean opened = FALSE, acknowledged = FALSE;

  id_text = cli_test_id_text (id);
  cli_test_jhkctl (&f->cli, "--user", "keiji-bucho", "--json", "incident", "show", id_text,
                   NULL);
  cli_test_assert_success (&f->cli);
  node = cli_test_parse_json (f->cli.out);
  object = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "open");
  g_assert_true (json_object_get_boolean_member (object, "serious"));
  g_assert_true (json_object_get_boolean_member (object, "leak"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "material_ids")),
                   ==, 1);
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpint (json_array_get_length (steps), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incident_steps"
                                       " WHERE incident_id = ?", JHK_I (id), JHK_DB_END));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 0),
                                                  "state"), ==, "done");
  report = json_object_get_object_member (object, "report");
  g_assert_cmpstr (json_object_get_string_member (report, "state"), ==, "reported");
  timeline = json_object_get_array_member (object, "timeline");
  g_assert_cmpint (json_array_get_length (timeline), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM incident_events"
                                       " WHERE incident_id = ?", JHK_I (id), JHK_DB_END));
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      const char *kind = json_object_get_string_member (json_array_get_object_element (timeline, i),
                                                        "kind");

      opened |= g_strcmp0 (kind, "opened") == 0;
      acknowledged |= g_strcmp0 (kind, "acknowledged") == 0;
    }
  g_assert_true (opened);
  g_assert_true (acknowledged);

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "incident", "show", id_text, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "個人情報を含む出力資料の所在不明");
  cli_test_assert_in (f->cli.out, "高橋 一郎");   /* the 総括責任者's acknowledgement */

  /* Another office's incident is not there for 中央警察署's officer. */
  other_text = cli_test_id_text (other);
  CLI_TEST_ASSERT_REFUSED (&f->cli, "", "--user", "chuo-shokuin", "incident", "show", other_text);
  CLI_TEST_ASSERT_REFUSED (&f->cli, "", "--user", "admin", "incident", "show", "99999");
  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "incident", "show", "x");
}

/* R19-2..5: the 事故報告書 as a PDF. */
static void
test_incident_report (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id_text = cli_test_id_text (demo_incident (f, "端末でのマルウェア検知"));
  g_autofree char *path = g_build_filename (f->cli.dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  cli_test_jhkctl (&f->cli, "--user", "admin", "incident", "report", id_text, "--pdf",
                   "@report.pdf", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "incident", "report", id_text);
  CLI_TEST_ASSERT_REFUSED (&f->cli, "", "--user", "admin", "incident", "report", "99999", "--pdf",
                           "@none.pdf");
  {
    g_autofree char *none = g_build_filename (f->cli.dir, "none.pdf", NULL);

    g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
  }
}

/* R19-1: playbook list: the library, for everyone with a login. */
static void
test_playbook_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonArray) list = NULL;
  gboolean terminal = FALSE;

  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "--json", "playbook", "list", NULL);
  list = out_array (f);
  g_assert_cmpint (json_array_get_length (list), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM playbooks", JHK_DB_END));
  g_assert_cmpint (json_array_get_length (list), >=, 8);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *row = json_array_get_object_element (list, i);

      g_assert_cmpint (json_object_get_int_member (row, "version"), >=, 1);
      g_assert_cmpint (json_object_get_int_member (row, "n_steps"), >=, 1);
      if (g_strcmp0 (json_object_get_string_member (row, "code"), "terminal-failure") == 0)
        {
          terminal = TRUE;
          g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, "端末装置の故障");
          g_assert_true (json_object_get_boolean_member (row, "builtin"));
        }
    }
  g_assert_true (terminal);

  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "playbook", "list", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "terminal-failure");
  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "playbook", "list", "extra");
}

/* R19-1: playbook export: the given playbooks, or all, as one document. */
static void
test_playbook_export (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (f->cli.dir, "two.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *playbooks;

  cli_test_jhkctl (&f->cli, "--user", "admin", "playbook", "export", NULL);
  cli_test_assert_success (&f->cli);
  all = cli_test_parse_json (f->cli.out);
  root = json_node_get_object (all);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "jhk-playbooks");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "playbooks")), ==,
                   jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM playbooks"
                                       " WHERE retired = 0", JHK_DB_END));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "shared_steps")),
                   >, 0);

  cli_test_jhkctl (&f->cli, "--user", "gyomu", "playbook", "export", "terminal-failure",
                   "output-loss", "-o", "@two.json", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  playbooks = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "playbooks");
  g_assert_cmpint (json_array_get_length (playbooks), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (playbooks, 0),
                                                  "code"), ==, "terminal-failure");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (playbooks, 1),
                                                  "code"), ==, "output-loss");

  CLI_TEST_ASSERT_REFUSED (&f->cli, "no-such-playbook", "--user", "admin", "playbook", "export",
                           "no-such-playbook");
}

/* Writes text into the test's folder as name. */
static void
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (f->cli.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* R19-1: a broken file is refused whole, each error on a line, nothing
 * written; --dry-run writes nothing either. */
static void
test_playbook_import_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) lines = NULL;
  guint errors = 0;
  gint64 seq;

  /* A good playbook and two bad ones: nothing of the three is written. */
  write_file (f, "broken.json",
              "{ \"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": ["
              " { \"code\": \"good-one\", \"title\": \"良い要領\", \"steps\": ["
              "   { \"text\": \"報告する\", \"role\": \"ops_manager\" } ] },"
              " { \"code\": \"Bad Code\", \"title\": \"悪い要領\", \"steps\": ["
              "   { \"text\": \"報告する\", \"role\": \"\" } ] },"
              " { \"code\": \"bad-role\", \"title\": \"役割の誤り\", \"steps\": ["
              "   { \"text\": \"報告する\", \"role\": \"no_such_role\" } ] } ],"
              " \"shared_steps\": [] }");
  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "admin", "playbook", "import", "@broken.json", NULL);
  cli_test_assert_unchanged (&f->cli, before, seq, "nothing was imported");
  lines = g_strsplit (f->cli.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "playbooks[") != NULL)
      errors++;
  g_assert_cmpuint (errors, >=, 2);
  cli_test_assert_in (f->cli.err, "playbooks[1]");
  cli_test_assert_in (f->cli.err, "playbooks[2]");

  write_file (f, "not.json", "{ this is not JSON");
  CLI_TEST_ASSERT_REFUSED (&f->cli, "not.json", "--user", "admin", "playbook", "import",
                           "@not.json");
  write_file (f, "wrong.json", "{ \"format\": \"something-else\", \"version\": 1 }");
  CLI_TEST_ASSERT_REFUSED (&f->cli, "", "--user", "admin", "playbook", "import", "@wrong.json");

  /* A good file, but an officer writes no playbooks. */
  write_file (f, "good.json",
              "{ \"format\": \"jhk-playbooks\", \"version\": 1, \"playbooks\": ["
              " { \"code\": \"good-one\", \"title\": \"良い要領\", \"steps\": ["
              "   { \"text\": \"報告する\", \"role\": \"ops_manager\" } ] } ],"
              " \"shared_steps\": [] }");
  CLI_TEST_ASSERT_REFUSED (&f->cli, "", "--user", "chuo-shokuin", "playbook", "import",
                           "@good.json");

  /* --dry-run says what it would do and writes nothing. */
  g_clear_pointer (&before, g_free);
  before = cli_test_dump (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "playbook", "import", "@good.json",
                   "--dry-run", NULL);
  cli_test_assert_success (&f->cli);
  {
    g_autoptr(JsonNode) node = cli_test_parse_json (f->cli.out);
    JsonObject *counts = json_node_get_object (node);

    g_assert_true (json_object_get_boolean_member (counts, "dry_run"));
    g_assert_cmpint (json_object_get_int_member (counts, "created"), ==, 1);
  }
  after = cli_test_dump (&f->cli);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (jhk_test_query_int (f->cli.db, "SELECT COUNT(*) FROM playbooks"
                                       " WHERE code = 'good-one'", JHK_DB_END), ==, 0);
  CLI_TEST_ASSERT_USAGE (&f->cli, "--user", "admin", "playbook", "import");
}

/* R19-1: playbooks move between offices: what one database exports, a
 * fresh one imports (a new playbook, a new version of a shipped one, the
 * rest unchanged) and exports again the same. */
static void
test_playbook_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) admin = jhk_test_login (f->cli.db, "admin");
  g_autoptr(JhkPlaybook) edited = jhk_playbooks_get_by_code (f->cli.db, "terminal-failure",
                                                             &error);
  g_autoptr(JhkPlaybook) made = jhk_playbook_new ();
  g_autofree char *exported = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  gint64 business = jhk_org_find_business (f->cli.db, "B101");
  gint64 n_playbooks;
  CliTest fresh = { 0 };

  g_assert_no_error (error);
  g_free (edited->title);
  edited->title = g_strdup ("端末装置の故障（改訂）");
  g_free (edited->change_note);
  edited->change_note = g_strdup ("試験");
  g_assert_cmpint (jhk_playbooks_save (f->cli.db, admin, edited, &error), >, 0);
  g_assert_no_error (error);

  made->code = g_strdup ("test-round-trip");
  made->title = g_strdup ("往復試験の要領");
  made->systems = g_strdup ("指紋照合システム");
  made->trigger = g_strdup ("試験");
  made->serious_leak = TRUE;
  made->report_hours = 6;
  g_array_append_val (made->business_ids, business);
  g_ptr_array_add (made->steps, jhk_playbook_step_new ("端末を止める", "staff", 5, FALSE, ""));
  g_ptr_array_add (made->steps, jhk_playbook_step_new ("資料を確認する", "info_manager", 15,
                                                       TRUE, "記録"));
  g_ptr_array_add (made->contacts, jhk_playbook_contact_new ("システム管理者", "", "2341"));
  g_assert_cmpint (jhk_playbooks_save (f->cli.db, admin, made, &error), >, 0);
  g_assert_no_error (error);

  cli_test_jhkctl (&f->cli, "--user", "admin", "playbook", "export", "-o", "@all.json", NULL);
  cli_test_assert_success (&f->cli);
  path = g_build_filename (f->cli.dir, "all.json", NULL);
  g_assert_true (g_file_get_contents (path, &exported, NULL, NULL));

  /* A fresh database. */
  cli_test_set_up (&fresh);
  n_playbooks = jhk_test_query_int (fresh.db, "SELECT COUNT(*) FROM playbooks", JHK_DB_END);
  copy = g_build_filename (fresh.dir, "all.json", NULL);
  g_assert_true (g_file_set_contents (copy, exported, -1, NULL));
  cli_test_jhkctl (&fresh, "--user", "admin", "--json", "playbook", "import", "@all.json", NULL);
  cli_test_assert_success (&fresh);
  {
    g_autoptr(JsonNode) node = cli_test_parse_json (fresh.out);
    JsonObject *counts = json_node_get_object (node);

    g_assert_false (json_object_get_boolean_member (counts, "dry_run"));
    g_assert_cmpint (json_object_get_int_member (counts, "created"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "updated"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "unchanged"), ==, n_playbooks - 1);
  }
  g_assert_cmpint (jhk_test_query_int (fresh.db, "SELECT COUNT(*) FROM playbooks", JHK_DB_END),
                   ==, n_playbooks + 1);

  /* The same document out of the fresh one. */
  cli_test_jhkctl (&fresh, "--user", "admin", "playbook", "export", NULL);
  cli_test_assert_success (&fresh);
  g_assert_cmpstr (fresh.out, ==, exported);

  /* Imported again: nothing to change. */
  cli_test_jhkctl (&fresh, "--user", "admin", "playbook", "import", "@all.json", NULL);
  cli_test_assert_success (&fresh);
  cli_test_assert_in (fresh.out, "0 new, 0 updated");
  cli_test_tear_down (&fresh);
}

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/R19-2/incident-list", test_incident_list);
  ADD_TEST ("/cli/R19-2/incident-show", test_incident_show);
  ADD_TEST ("/cli/R19-5/incident-report-pdf", test_incident_report);
  ADD_TEST ("/cli/R19-1/playbook-list", test_playbook_list);
  ADD_TEST ("/cli/R19-1/playbook-export", test_playbook_export);
  ADD_TEST ("/cli/R19-1/playbook-import-refused", test_playbook_import_refused);
  ADD_TEST ("/cli/R19-1/playbook-round-trip", test_playbook_round_trip);
  return jhk_test_run ();
}
