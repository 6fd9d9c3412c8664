/* test-cli-approval.c: jhkctl approval … (R15-2, R16-2) and jhkctl
 * material signoff / request-signoffs (様式第1号, R17-11), run as an
 * operator runs them, on a copy of the demo database.
 *
 * A refusal must exit 1 and leave the database as it was (every table but
 * the audit log and the users' login columns, which record the login
 * itself by design, R13-5; the audit entries after it are exactly that
 * login and logout).
 */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest     cli;        /* the database and the last jhkctl run */
  gint64      material;   /* personal-data input of 中央警察署 */
  char       *today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(GError) error = NULL;
  gint64 office, place;

  cli_test_set_up (&f->cli);
  f->today = jhk_today ();
  office = jhk_org_find_unit (f->cli.db, "910");
  kanri = jhk_test_login (f->cli.db, "chuo-kanri");
  place = cli_test_add_locked_place (&f->cli, kanri, office, "試験用 施錠保管庫 CLI");
  f->material = jhk_ledger_register_material (f->cli.db, kanri, &(JhkMaterialSpec) {
      .org_unit_id = office, .direction = "input", .name = "試験用 照会回答書",
      .quantity = 3, .business_id = jhk_org_find_business (f->cli.db, "B101"),
      .handler_staff_id = jhk_org_find_staff (f->cli.db, "C9113"), .purpose = "捜査",
      .personal_data = TRUE, .acquired_on = f->today, .acquisition_method = "received",
      .acquisition_text = "交通課", .measure = "store", .storage_place_id = place }, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->material, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_test_tear_down (&f->cli);
  g_free (f->today);
}

/* Tests */

/* R16-2 end to end: ask, list pending as the 総括責任者, approve, copy with
 * the approval, see it used in material show --json. */
static void
test_request_approve_copy (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *material = cli_test_id_text (f->material);
  g_autofree char *approval = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *array, *approvals;
  JsonObject *a;
  gboolean found = FALSE;
  gint64 id;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "approval", "request", material,
                   "--kind", "copy", "--reason", "送致のため", NULL);
  cli_test_assert_success (&f->cli);
  id = cli_test_json_id (f->cli.out);
  g_assert_cmpint (id, >, 0);
  approval = cli_test_id_text (id);

  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "--json", "approval", "list", "--pending", NULL);
  cli_test_assert_success (&f->cli);
  list = cli_test_parse_json (f->cli.out);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      a = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "pending");
      if (json_object_get_int_member (a, "id") == id)
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (a, "kind"), ==, "copy");
          g_assert_cmpstr (json_object_get_string_member (a, "reason"), ==, "送致のため");
        }
    }
  g_assert_true (found);

  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "approval", "approve", approval, "--comment",
                   "了承", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, approval);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "event", material, "--kind", "copy",
                   "--date", f->today, "--quantity", "1", "--handler", "C9113", "--copy-basis",
                   "maintenance_test", "--approval", approval, NULL);
  cli_test_assert_success (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", material, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  approvals = json_object_get_array_member (json_node_get_object (shown), "approvals");
  g_assert_cmpuint (json_array_get_length (approvals), ==, 1);
  a = json_array_get_object_element (approvals, 0);
  g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (a, "comment"), ==, "了承");
  g_assert_false (json_object_get_null_member (a, "used_by_event"));
  g_assert_nonnull (json_object_get_array_member (json_node_get_object (shown), "signoffs"));
}

/* R15-2: a view request names the person; declined with a comment; the
 * requester withdraws another. */
static void
test_view_decline_withdraw (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *material = cli_test_id_text (f->material);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *before = NULL;
  gint64 seq;

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "approval", "request", material,
                   "--kind", "view", "--reason", "照合のため", "--for", "地域課 木村 彩", NULL);
  cli_test_assert_success (&f->cli);
  first = cli_test_id_text (cli_test_json_id (f->cli.out));
  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "approval", "decline", first, "--comment", "業務外",
                   NULL);
  cli_test_assert_success (&f->cli);

  /* Decided once. */
  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "approval", "approve", first, NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "no longer pending");

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "approval", "request", material,
                   "--kind", "hand_over", "--reason", "送致のため", NULL);
  cli_test_assert_success (&f->cli);
  second = cli_test_id_text (cli_test_json_id (f->cli.out));
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "approval", "withdraw", second, NULL);
  cli_test_assert_success (&f->cli);
}

/* Refusals: each exits 1 with the reason and changes nothing. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *material = cli_test_id_text (f->material);
  g_autofree char *pending = NULL;
  struct { const char *user; const char *args[12]; const char *message; } cases[] = {
    { "chuo-kanri", { "approval", "request", material, "--kind", "view", "--reason", "照合",
                      NULL }, "Name the person" },
    { "higashi-unyo", { "approval", "request", material, "--kind", "copy", "--reason", "送致",
                        NULL }, "There is no material" },
    { "chuo-kanri", { "approval", "approve", "@pending", NULL }, "general supervisor" },
    { "chuo-hojo", { "approval", "withdraw", "@pending", NULL }, "made a request" },
    { "chuo-kanri", { "material", "event", material, "--kind", "hand_over", "--date", "@today",
                      "--quantity", "1", "--handler", "C9113", NULL }, "approval" },
    { "chuo-kanri", { "material", "signoff", material, "--stage", "final", NULL },
      "final disposition" },
    { "chuo-hojo", { "material", "signoff", material, "--stage", "created", "--role",
                     "ops_manager", NULL }, "Only the office" },
  };

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "approval", "request", material,
                   "--kind", "copy", "--reason", "送致のため", NULL);
  cli_test_assert_success (&f->cli);
  pending = cli_test_id_text (cli_test_json_id (f->cli.out));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = cli_test_dump (&f->cli);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      gint64 seq = cli_test_last_seq (&f->cli);
      const char *const *a = cases[i].args;

      g_ptr_array_add (argv, (gpointer) "--user");
      g_ptr_array_add (argv, (gpointer) cases[i].user);
      for (; *a != NULL; a++)
        g_ptr_array_add (argv, (gpointer) (g_str_equal (*a, "@pending") ? pending
                                           : g_str_equal (*a, "@today") ? f->today : *a));
      while (argv->len < 16)
        g_ptr_array_add (argv, NULL);
      cli_test_jhkctl (&f->cli, g_ptr_array_index (argv, 0), g_ptr_array_index (argv, 1),
              g_ptr_array_index (argv, 2), g_ptr_array_index (argv, 3),
              g_ptr_array_index (argv, 4), g_ptr_array_index (argv, 5),
              g_ptr_array_index (argv, 6), g_ptr_array_index (argv, 7),
              g_ptr_array_index (argv, 8), g_ptr_array_index (argv, 9),
              g_ptr_array_index (argv, 10), g_ptr_array_index (argv, 11),
              g_ptr_array_index (argv, 12), g_ptr_array_index (argv, 13), NULL);
      cli_test_assert_refused_unchanged (&f->cli, before, seq, cases[i].message);
    }
}

/* 様式第1号: the creation boxes signed by each role holder; after the final
 * disposition the disposer asks and the boxes show in material show. */
static void
test_signoffs (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *material = cli_test_id_text (f->material);
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *signoffs;
  g_autofree char *before = NULL;
  gint64 seq;

  for (const char *const *u = (const char *const[]) { "chuo-unyo", "chuo-sekinin",
                                                      "chuo-kanri", "chuo-hojo", NULL };
       *u != NULL; u++)
    {
      cli_test_jhkctl (&f->cli, "--user", *u, "material", "signoff", material, "--stage", "created",
                       NULL);
      cli_test_assert_success (&f->cli);
    }
  before = cli_test_dump (&f->cli);
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "signoff", material, "--stage",
                   "created", NULL);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, "signed already");

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "dispose", material, "--kind",
                   "return", "--date", f->today, "--handler", "C9113", "--counterpart", "交通課",
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "material", "request-signoffs", material, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "material", "signoff", material, "--stage",
                   "final", NULL);
  cli_test_assert_success (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "material", "show", material, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  signoffs = json_object_get_array_member (json_node_get_object (shown), "signoffs");
  g_assert_cmpuint (json_array_get_length (signoffs), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 0),
                                                  "role"), ==, "ops_manager");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 4),
                                                  "stage"), ==, "final");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (signoffs, 4),
                                                  "date"), ==, f->today);

  /* The printed form carries the stamps (the 運用管理者 is 加藤 正男). */
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "form1", material, "-o", "@form1.pdf", NULL);
  cli_test_assert_success (&f->cli);
  {
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autofree char *pdf = g_build_filename (f->cli.dir, "form1.pdf", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    const char *args[] = { "pdftotext", pdf, "-", NULL };
    int wait_status = 0;

    if (pdftotext == NULL)
      {
        g_test_message ("pdftotext is missing: the stamps' text is not checked");
        return;
      }
    args[0] = pdftotext;
    g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &text, NULL, &wait_status, &error));
    g_assert_no_error (error);
    cli_test_assert_in (text, "加藤");
  }
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/approval/R16-2/request-approve-copy", test_request_approve_copy);
  ADD_TEST ("/cli/approval/R15-2/view-decline-withdraw", test_view_decline_withdraw);
  ADD_TEST ("/cli/approval/R15-2/refusals-unchanged", test_refusals);
  ADD_TEST ("/cli/approval/R17-11/signoffs", test_signoffs);
  return jhk_test_run ();
}
