/* test-cli-transfer.c: jhkctl delivery … and jhkctl transfer … (issue 4,
 * R17-4, R17-5, R17-8, R17-9), run as an operator runs them.
 *
 * Each test works on its own copy of the demo database. A refusal must
 * exit 1 and leave the database as it was: every table is compared, apart
 * from the audit log and the users' login columns, which record the login
 * itself by design (R13-5). The encrypted sending itself is proved in
 * tests/core/test-delivery.c, with a keyring; here only its refusal
 * without one.
 */

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-delivery.h"
#include "jhk-demo.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest     cli;        /* the database and the last jhkctl run */
  gint64      office;     /* 中央警察署 */
  gint64      locked;     /* a locked storage place of the office */
  gint64      nishi_locked; /* a locked storage place of 西警察署 */
  gint64      material;   /* a stored personal-data output material, 3 of it */
  char       *acquired;   /* its acquisition date, ten days ago */
  char       *today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;
  g_autoptr(JhkSession) nishi = NULL;

  cli_test_set_up (&f->cli);
  f->acquired = cli_test_local_date (10);
  f->today = cli_test_local_date (0);
  f->office = jhk_org_find_unit (f->cli.db, "910");
  kanri = jhk_test_login (f->cli.db, "chuo-kanri");
  f->locked = cli_test_add_locked_place (&f->cli, kanri, f->office, "試験用 施錠保管庫 CLI");
  f->material = cli_test_register_output (&f->cli, kanri, f->office, f->locked, f->acquired);
  nishi = jhk_test_login (f->cli.db, "nishi-unyo");
  f->nishi_locked = cli_test_add_locked_place (&f->cli, nishi,
                                                jhk_org_find_unit (f->cli.db, "930"),
                                                "試験用 施錠保管庫 CLI");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_test_tear_down (&f->cli);
  g_free (f->acquired);
  g_free (f->today);
}

static gint64
output_id (Fixture *f)
{
  gint64 id = g_ascii_strtoll (f->cli.out, NULL, 10);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* R17-5, R17-4, R17-8, R17-9: the registers by the 運用管理者, a transfer
 * by document courier, its confirmation, and 受入 at 西警察署; each
 * waiting list shows and empties. */
static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *material = cli_test_id_text (f->material);
  g_autofree char *transfer = NULL;
  g_autofree char *place = cli_test_id_text (f->nishi_locked);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonObject *object;

  /* The demo designates C9113 for B101 already; a second officer. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "delivery", "officer", "add", "--office", "910",
          "--business", "B101", "--staff", "C9112", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "delivery", "folder", "add", "--office", "910",
          "--business", "B101", "--name", "指紋照合業務 共有フォルダ", "--address",
          "\\\\fs01\\B101", "--officer", "C9113", "--tested", f->today, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "delivery", "officer", "list",
                   "--office", "910", NULL);
  cli_test_assert_success (&f->cli);
  list = cli_test_parse_json (f->cli.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  g_clear_pointer (&list, json_node_unref);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "transfer", "send", material, "--method",
                   "courier", "--officer", "C9113", "--to", "930", "--quantity", "2", "--purpose",
                   "合同捜査", NULL);
  cli_test_assert_success (&f->cli);
  transfer = cli_test_id_text (output_id (f));

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "transfer", "list", "--waiting",
                   "confirmation", NULL);
  cli_test_assert_success (&f->cli);
  list = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_node_get_array (list), 0), "id"), ==, g_ascii_strtoll (transfer, NULL, 10));
  g_clear_pointer (&list, json_node_unref);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "transfer", "confirm", transfer, NULL);
  cli_test_assert_success (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "nishi-unyo", "transfer", "receive", transfer, "--handler",
                   "C9301", "--place", place, NULL);
  cli_test_assert_success (&f->cli);
  output_id (f);

  cli_test_jhkctl (&f->cli, "--user", "chuo-kanri", "--json", "transfer", "show", transfer, NULL);
  cli_test_assert_success (&f->cli);
  shown = cli_test_parse_json (f->cli.out);
  object = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "courier");
  g_assert_cmpstr (json_object_get_string_member (object, "purpose"), ==, "合同捜査");
  g_assert_cmpstr (json_object_get_string_member (object, "officer"), ==, "C9113");
  g_assert_cmpint (json_object_get_int_member (object, "quantity"), ==, 2);
  g_assert_false (json_object_get_boolean_member (object, "waits_confirmation"));
  g_assert_false (json_object_get_boolean_member (object, "waits_receipt"));
  g_assert_true (json_object_has_member (object, "received_material_id"));
}

typedef struct
{
  const char *path;
  const char *user;
  gboolean    no_bus;
  const char *args[24];
} Refusal;

/* Run with the officer C9113 designated for B101 at 中央警察署 (by the
 * demo) and a tested e-mail address and terminal added by the test. */
static const Refusal refusals[] = {
  { "/cli/transfer/R17-5/officer-not-designated", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "courier", "--officer", "C9112",
      "--to", "930", NULL } },
  { "/cli/transfer/R17-4/registered-mail-without-approval", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "registered_mail", "--officer", "C9113",
      "--recipient", "地方検察庁", NULL } },
  { "/cli/transfer/R17-5/fax-without-reason", "chuo-kanri", FALSE,
    { "transfer", "send", "@material", "--method", "fax", "--officer", "C9113",
      "--recipient", "本部", NULL } },
  { "/cli/transfer/R17-5/registers-by-operations-manager-only", "chuo-kanri", FALSE,
    { "delivery", "terminal", "add", "--office", "910", "--name", "端末", NULL } },
  { "/cli/transfer/R17-9/confirm-by-operations-manager-only", "chuo-kanri", FALSE,
    { "transfer", "confirm", "@transfer", NULL } },
  { "/cli/transfer/R17-5/electronic-without-keyring", "chuo-kanri", TRUE,
    { "transfer", "send", "@material", "--method", "email", "--officer", "C9113",
      "--recipient", "西警察署", "--channel", "@email", "--terminal", "@terminal",
      "--file", "@in.pdf", "-o", "@out.pdf", NULL } },
};

static void
test_refusal (Fixture       *f,
              gconstpointer  data)
{
  const Refusal *r = data;
  g_autoptr(JhkSession) unyo = jhk_test_login (f->cli.db, "chuo-unyo");
  g_autoptr(JhkSession) kanri = jhk_test_login (f->cli.db, "chuo-kanri");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *in = g_build_filename (f->cli.dir, "in.pdf", NULL);
  g_autofree char *out = g_build_filename (f->cli.dir, "out.pdf", NULL);
  gint64 office = jhk_org_find_unit (f->cli.db, "910");
  gint64 koufu = jhk_org_find_staff (f->cli.db, "C9113");
  gint64 terminal, email, transfer;

  terminal = jhk_delivery_add_channel (f->cli.db, unyo, &(JhkDeliveryChannelSpec) {
      .org_unit_id = office, .kind = "terminal", .name = "交付用端末", .tested_on = f->today },
      &error);
  g_assert_no_error (error);
  email = jhk_delivery_add_channel (f->cli.db, unyo, &(JhkDeliveryChannelSpec) {
      .org_unit_id = office, .kind = "email", .name = "西警察署", .address = "k@nishi.example",
      .tested_on = f->today }, &error);
  g_assert_no_error (error);
  transfer = jhk_delivery_send (f->cli.db, kanri, &(JhkTransferSpec) {
      .material_id = f->material, .method = "carried", .sent_on = f->today, .quantity = 1,
      .officer_staff_id = koufu, .to_office_id = jhk_org_find_unit (f->cli.db, "930") }, NULL,
      &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (in, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> "
                                      "endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
                                      "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", -1, NULL));

  g_ptr_array_add (argv, g_strdup ("--user"));
  g_ptr_array_add (argv, g_strdup (r->user));
  for (guint i = 0; r->args[i] != NULL; i++)
    {
      const char *arg = r->args[i];

      if (g_str_equal (arg, "@material"))
        g_ptr_array_add (argv, cli_test_id_text (f->material));
      else if (g_str_equal (arg, "@transfer"))
        g_ptr_array_add (argv, cli_test_id_text (transfer));
      else if (g_str_equal (arg, "@email"))
        g_ptr_array_add (argv, cli_test_id_text (email));
      else if (g_str_equal (arg, "@terminal"))
        g_ptr_array_add (argv, cli_test_id_text (terminal));
      else
        g_ptr_array_add (argv, g_strdup (arg));
    }
  g_ptr_array_add (argv, NULL);

  f->cli.no_bus = r->no_bus;
  before = cli_test_dump (&f->cli);
  cli_test_jhkctl_argv (&f->cli, (const char * const *) argv->pdata);
  g_assert_cmpint (f->cli.status, ==, 1);
  g_assert_cmpstr (f->cli.err, !=, "");
  if (r->no_bus)
    cli_test_assert_in (f->cli.err, "keyring");
  after = cli_test_dump (&f->cli);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  cli_test_jhkctl (&f->cli, "transfer", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "transfer", "send", "1", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "delivery", "printer", "list", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
  cli_test_jhkctl (&f->cli, "transfer", "list", "--waiting", "nothing", NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/transfer/R17-4-R17-9/registers-send-confirm-receive", test_flow);
  ADD_TEST ("/cli/transfer/usage-errors", test_usage);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    g_test_add (refusals[i].path, Fixture, &refusals[i], fixture_set_up, test_refusal,
                fixture_tear_down);
  return jhk_test_run ();
}
