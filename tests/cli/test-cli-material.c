/* test-cli-material.c: jhkctl material … and jhkctl form1 (issue 4, R15-1,
 * R15-5, R15-6, R16-3, R17-1, R17-6, RF1), run as an operator runs them.
 *
 * Each test works on its own copy of the demo database; the storage place
 * and the material a test acts on are made through the ledger's services.
 * A refusal must exit 1 and leave the database as it was: every table is
 * compared, apart from the audit log and the users' login columns, which
 * record the login itself by design (R13-5); the audit entries after the
 * refusal must be exactly that login and logout.
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest     cli;        /* the database and the last jhkctl run */
  gint64      office;     /* 中央警察署 */
  gint64      locked;     /* a locked storage place of the office */
  gint64      material;   /* a stored personal-data output material, 3 of it */
  char       *acquired;   /* its acquisition date, ten days ago */
  char       *today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;

  cli_test_set_up (&f->cli);
  f->acquired = cli_test_local_date (10);
  f->today = cli_test_local_date (0);
  f->office = jhk_org_find_unit (f->cli.db, "910");
  kanri = jhk_test_login (f->cli.db, "chuo-kanri");
  f->locked = cli_test_add_locked_place (&f->cli, kanri, f->office, "試験用 施錠保管庫 CLI");
  f->material = cli_test_register_output (&f->cli, kanri, f->office, f->locked, f->acquired);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_test_tear_down (&f->cli);
  g_free (f->acquired);
  g_free (f->today);
}

/* Tests */

/* R15-1: a material registered from jhkctl is in the ledger, with every
 * field of --json; list filters by office and status. */
static void
test_add_show_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *place = cli_test_id_text (f->locked);
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) listed = NULL;
  JsonObject *m;
  JsonArray *list;
  gint64 new_id;
  gboolean found = FALSE;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "add", "--office", "910",
                   "--direction", "input", "--name", "運転免許照会依頼書 CLI", "--quantity", "2",
                   "--breakdown", "A4 2枚", "--business", "B103", "--handler", "C9113", "--purpose",
                   "照会", "--personal-data", "--acquired", f->acquired, "--method", "received",
                   "--method-text", "交通課", "--store", place, NULL);
  cli_test_assert_success (&f->cli);
  new_id = g_ascii_strtoll (f->cli.out, NULL, 10);
  g_assert_cmpint (new_id, >, f->material);
  id = cli_test_id_text (new_id);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  m = json_node_get_object (shown);
  g_assert_cmpint (json_object_get_int_member (m, "id"), ==, new_id);
  g_assert_cmpstr (json_object_get_string_member (m, "name"), ==, "運転免許照会依頼書 CLI");
  g_assert_cmpstr (json_object_get_string_member (m, "direction"), ==, "input");
  g_assert_cmpstr (json_object_get_string_member (m, "office"), ==, "910");
  g_assert_cmpstr (json_object_get_string_member (m, "business"), ==, "B103");
  g_assert_cmpstr (json_object_get_string_member (m, "handler"), ==, "C9113");
  g_assert_cmpstr (json_object_get_string_member (m, "acquisition_method"), ==, "received");
  g_assert_cmpstr (json_object_get_string_member (m, "acquisition_text"), ==, "交通課");
  g_assert_cmpstr (json_object_get_string_member (m, "storage_place"), ==,
                   "試験用 施錠保管庫 CLI");
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "stored");
  g_assert_true (json_object_get_boolean_member (m, "personal_data"));
  g_assert_cmpint (json_object_get_int_member (m, "quantity_on_hand"), ==, 2);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (m, "events")), ==, 0);
  g_assert_true (json_object_get_null_member (m, "disposition"));
  g_assert_true (json_object_get_null_member (m, "original_id"));

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "list", "--office", "910",
          "--status", "stored", NULL);
  cli_test_assert_success (&f->cli);
  listed = cli_test_parse_json (f->cli.out);
  list = json_node_get_array (listed);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);

      g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "stored");
      g_assert_cmpstr (json_object_get_string_member (item, "office"), ==, "910");
      g_assert_false (json_object_has_member (item, "events"));
      found |= json_object_get_int_member (item, "id") == new_id;
    }
  g_assert_true (found);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "list", "--status", "closed", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_null (strstr (f->cli.out, "運転免許照会依頼書 CLI"));
}

/* R15-1, R17-6, R15-6, R16-3: lend, return with the 情報管理者's
 * confirmation, copy for maintenance (a new material linked to it), and
 * the final disposition by shredding before the 情報管理者. */
static void
test_events_and_dispose (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = cli_test_id_text (f->material);
  g_autoptr(JsonNode) event = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *m, *d;
  JsonArray *events;
  gint64 copy_id;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "event", id, "--kind",
                   "lend", "--date", f->today, "--quantity", "2", "--handler", "C9113",
                   "--counterpart", "刑事課", NULL);
  cli_test_assert_success (&f->cli);
  event = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (event), "id"), >, 0);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "event", id, "--kind", "return",
                   "--date", f->today, "--quantity", "2", "--handler", "C9113", "--confirmed-by",
                   "C9111", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "Recorded event");

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "event", id, "--kind",
                   "copy", "--date", f->today, "--quantity", "1", "--handler", "C9113",
                   "--copy-basis", "maintenance_test", NULL);
  cli_test_assert_success (&f->cli);
  copy = cli_test_parse_json (f->cli.out);
  copy_id = json_object_get_int_member (json_node_get_object (copy), "copy_id");
  g_assert_cmpint (copy_id, >, f->material);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "dispose", id, "--kind", "dispose",
                   "--date", f->today, "--method", "shred", "--handler", "C9113", "--witness",
                   "C9111", NULL);
  cli_test_assert_success (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  m = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "closed");
  g_assert_cmpint (json_object_get_int_member (m, "quantity_on_hand"), ==, 0);
  events = json_object_get_array_member (m, "events");
  g_assert_cmpint (json_array_get_length (events), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0),
                                                  "kind"), ==, "lend");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1),
                                                  "confirmed_by"), ==, "山田 太郎");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 2),
                                               "copy_id"), ==, copy_id);
  d = json_object_get_object_member (m, "disposition");
  g_assert_cmpstr (json_object_get_string_member (d, "kind"), ==, "dispose");
  g_assert_cmpstr (json_object_get_string_member (d, "method"), ==, "shred");
  g_assert_cmpstr (json_object_get_string_member (d, "witness"), ==, "山田 太郎");
  g_assert_cmpint (json_object_get_int_member (d, "quantity"), ==, 3);

  /* The copy is a material of its own, linked to its original. */
  {
    g_autofree char *copy_text = cli_test_id_text (copy_id);
    g_autoptr(JsonNode) copy_shown = NULL;

    cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", copy_text,
                     NULL);
    cli_test_assert_success (&f->cli);
    copy_shown = cli_test_parse_json (f->cli.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (copy_shown),
                                                 "original_id"), ==, f->material);
  }
}

/* RF1: 様式第1号 of a real material, as a PDF readable by its owner only,
 * with the material's name, its history and the 和暦 date on it. */
static void
test_form1_pdf (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = cli_test_id_text (f->material);
  g_autofree char *pdf = g_build_filename (f->cli.dir, "form1.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int wait_status = 0;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "event", id, "--kind", "hand_over",
                   "--date", f->today, "--quantity", "1", "--handler", "C9113", "--counterpart",
                   "生活安全課", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "form1", id, "-o", "@form1.pdf", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_test_message ("様式第1号 PDF: %lld bytes", (long long) st.st_size);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_spawn_sync (NULL, (char *[]) { pdftotext, "-layout", pdf, "-", NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  cli_test_assert_in (text, "入出力資料管理票");
  cli_test_assert_in (text, "試験用 照合結果一覧表");
  cli_test_assert_in (text, "試験用 施錠保管庫 CLI");
  cli_test_assert_in (text, "■出力資料");
  cli_test_assert_in (text, "■その他(交付)");
  cli_test_assert_in (text, "生活安全課");
  cli_test_assert_in (text, "令和");
}

/* One refusal per command: exit 1, the rule's message, nothing changed. */
typedef struct
{
  const char *path;
  const char *message;
  const char *args[24];   /* "%id" is the fixture's material, "%place" its locked place,
                           * "%today" today, "%acquired" the acquisition date */
} Refusal;

static const Refusal refusals[] = {
  { "/cli/material/list/refused-other-office", "keep its materials ledger",
    { "--user", "chuo-kanri", "material", "list", "--office", "920", NULL } },
  { "/cli/material/show/refused-no-such-material", "There is no material 999999",
    { "--user", "chuo-kanri", "material", "show", "999999", NULL } },
  { "/cli/material/show/refused-other-office", "There is no material",
    { "--user", "higashi-unyo", "material", "show", "%id", NULL } },
  { "/cli/material/R17-1/add-refused-without-reason", "choose the reason",
    { "--user", "chuo-kanri", "material", "add", "--office", "910", "--direction", "output",
      "--name", "理由なし", "--quantity", "1", "--business", "B101", "--handler", "C9113",
      "--purpose", "試験", "--personal-data", "--store", "%place", NULL } },
  { "/cli/material/add/refused-unknown-handler", "There is no staff member with the number X0000",
    { "--user", "chuo-kanri", "material", "add", "--office", "910", "--direction", "output",
      "--name", "不明", "--quantity", "1", "--business", "B101", "--handler", "X0000",
      "--purpose", "試験", "--store", "%place", NULL } },
  { "/cli/material/event/refused-return-not-lent", "Nothing of this material is lent out",
    { "--user", "chuo-kanri", "material", "event", "%id", "--kind", "return", "--date",
      "%today", "--quantity", "1", "--handler", "C9113", NULL } },
  { "/cli/material/event/refused-more-than-at-hand", "Only 3 of this material are at hand",
    { "--user", "chuo-kanri", "material", "event", "%id", "--kind", "lend", "--date",
      "%today", "--quantity", "4", "--handler", "C9113", NULL } },
  { "/cli/material/R16-3/dispose-refused-without-witness", "information manager as witness",
    { "--user", "chuo-kanri", "material", "dispose", "%id", "--kind", "dispose", "--date",
      "%today", "--method", "shred", "--handler", "C9113", NULL } },
  { "/cli/material/R15-6/dispose-refused-recoverable-method", "irrecoverable",
    { "--user", "chuo-kanri", "material", "dispose", "%id", "--kind", "dispose", "--date",
      "%today", "--method", "recycle", "--handler", "C9113", "--witness", "C9111", NULL } },
  { "/cli/material/form1/refused-no-such-material", "There is no material 999999",
    { "--user", "chuo-kanri", "form1", "999999", "-o", "@none.pdf", NULL } },
};

static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const Refusal *refusal = data;
  g_autofree char *id = cli_test_id_text (f->material);
  g_autofree char *place = cli_test_id_text (f->locked);
  g_autofree char *before = cli_test_dump (&f->cli);
  g_autofree char *none = g_build_filename (f->cli.dir, "none.pdf", NULL);
  const char *args[G_N_ELEMENTS (refusal->args)] = { NULL };
  gint64 seq = cli_test_last_seq (&f->cli);

  for (guint i = 0; refusal->args[i] != NULL; i++)
    {
      const char *arg = refusal->args[i];

      args[i] = g_str_equal (arg, "%id") ? id : g_str_equal (arg, "%place") ? place
                : g_str_equal (arg, "%today") ? f->today : arg;
    }
  cli_test_jhkctl (&f->cli, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
                   args[8], args[9], args[10], args[11], args[12], args[13], args[14], args[15],
                   args[16], args[17], args[18], args[19], args[20], args[21], args[22], NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, refusal->message);
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));
}

/* Usage errors exit 2 before anything is opened. */
static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "frobnicate", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "add", "--office", "910", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_assert_in (f->cli.err, "jhkctl --help");
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "show", "abc", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "list", "--status", "lost", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "form1", "1", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  g_assert_cmpstr (f->cli.out, ==, "");
}

/* R15-6, R16-3, R17-3: personal-data output 保管せず廃棄 is registered with
 * its disposal, witnessed by the office's 情報管理者, and is closed at once. */
static void
test_add_disposed_without_storing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *m;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "add", "--office", "910",
                   "--direction", "output", "--name", "照合端末 試験出力 CLI", "--quantity", "1",
                   "--business", "B101", "--handler", "C9113", "--purpose", "端末の試験",
                   "--personal-data", "--reason", "maintenance_test", "--acquired", f->acquired,
                   "--dispose-without-storing", "--disposal-method", "shred", "--witness", "C9111",
                   NULL);
  cli_test_assert_success (&f->cli);
  id = cli_test_id_text (g_ascii_strtoll (f->cli.out, NULL, 10));

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", id, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  m = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (m, "measure"), ==, "dispose_without_storing");
  g_assert_cmpstr (json_object_get_string_member (m, "status"), ==, "closed");
  g_assert_cmpint (json_object_get_int_member (m, "quantity_on_hand"), ==, 0);
  g_assert_false (json_object_get_null_member (m, "disposition"));
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/material/R15-1/add-show-list-json", test_add_show_list);
  ADD_TEST ("/cli/material/R15-1/events-copy-and-dispose", test_events_and_dispose);
  ADD_TEST ("/cli/material/R16-3/add-disposed-without-storing",
            test_add_disposed_without_storing);
  ADD_TEST ("/cli/material/RF1/form1-pdf", test_form1_pdf);
  ADD_TEST ("/cli/material/usage-errors", test_usage);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    g_test_add (refusals[i].path, Fixture, &refusals[i], fixture_set_up, test_refusal,
                fixture_tear_down);
  return jhk_test_run ();
}
