/* test-cli-request.c: jhkctl request … and jhkctl form2, the 作業依頼書
 * (R15-4, 別記様式第2号 RF2), run as an operator runs them, on a copy of
 * the demo database, under the accounts that hold each role: chuo-kanri
 * (情報管理者 of 中央警察署, the requester), gyomu (対象業務管理者 of B101
 * 指紋照合業務) and admin (システム管理者).
 *
 * A refusal must exit 1 with the service's reason and leave the database
 * as it was (every table but the audit log and the users' login columns,
 * which record the login itself by design, R13-5; the audit entries after
 * it are exactly that login and logout).
 */
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-demo.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest     cli;        /* the database and the last jhkctl run */
  gint64      place;      /* a locked storage place of 中央警察署 */
  char       *wanted;     /* 完成希望日時 a month ahead */
  char       *soon;       /* an hour ahead */
  char       *past;       /* a day ago */
  char       *now;        /* the last minute now() gave */
} Fixture;

static char *
local_minute (GTimeSpan offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add (now, offset);

  return g_date_time_format (then, "%Y-%m-%d %H:%M");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JhkSession) kanri = NULL;
  gint64 office;

  cli_test_set_up (&f->cli);
  office = jhk_org_find_unit (f->cli.db, "910");
  kanri = jhk_test_login (f->cli.db, "chuo-kanri");
  f->place = cli_test_add_locked_place (&f->cli, kanri, office, "試験用 施錠保管庫 作業依頼");
  f->wanted = local_minute (30 * G_TIME_SPAN_DAY);
  f->soon = local_minute (G_TIME_SPAN_HOUR);
  f->past = local_minute (-G_TIME_SPAN_DAY);
}

/* This minute, for a step of the receiving side: taken as the step is
 * recorded, never before the step it follows. */
static const char *
now (Fixture *f)
{
  g_free (f->now);
  f->now = local_minute (0);
  return f->now;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cli_test_tear_down (&f->cli);
  g_free (f->wanted);
  g_free (f->soon);
  g_free (f->past);
  g_free (f->now);
}

/* Helpers */

/* Writes a request's JSON into the test's folder as name (pass "@name" to
 * jhkctl). items is the JSON array of rows; with_output adds the locked
 * storage place. */
static void
write_request (Fixture    *f,
               const char *name,
               const char *recipient,
               const char *wanted_at,
               const char *items,
               gboolean    with_place)
{
  g_autofree char *path = g_build_filename (f->cli.dir, name, NULL);
  g_autofree char *place = g_strdup_printf ("%" G_GINT64_FORMAT, f->place);
  g_autofree char *text = g_strdup_printf (
    "{\n"
    "  \"recipient\": \"%s\",\n"
    "  \"business\": \"B101\",\n"
    "  \"summary\": \"試験用 照合結果の出力\",\n"
    "  \"purpose\": \"事件捜査のため\",\n"
    "  \"wanted_at\": \"%s\",\n"
    "  \"contact_name\": \"松本 大輔\",\n"
    "  \"contact_phone\": \"9113\",\n"
    "  %s%s%s"
    "  \"items\": %s\n"
    "}\n",
    recipient, wanted_at, with_place ? "\"storage_place\": " : "", with_place ? place : "",
    with_place ? ",\n" : "", items);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* An input row and a personal-data output row. */
static const char both_rows[] =
  "[ { \"kind\": \"input\", \"content\": \"試験用 遺留指紋資料\", \"quantity\": 2,"
  "    \"form\": \"紙\", \"note\": \"\" },"
  "  { \"kind\": \"output\", \"content\": \"試験用 照合結果一覧表\", \"quantity\": 1,"
  "    \"form\": \"紙\", \"note\": \"至急\", \"personal_data\": true } ]";

/* One output row without personal data. */
static const char output_row[] =
  "[ { \"kind\": \"output\", \"content\": \"試験用 統計表\", \"quantity\": 3,"
  "    \"form\": \"紙\" } ]";

/* Runs `jhkctl --user user --json request create --file @name [--submit]`;
 * asserts success and the status; returns the id. */
static gint64
create (Fixture    *f,
        const char *user,
        const char *name,
        gboolean    submit,
        const char *status)
{
  g_autofree char *file = g_strconcat ("@", name, NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  cli_test_jhkctl (&f->cli, "--user", user, "--json", "request", "create", "--file", file,
                   submit ? "--submit" : NULL, NULL);
  cli_test_assert_success (&f->cli);
  node = cli_test_parse_json (f->cli.out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  g_assert_cmpint (json_object_get_int_member (object, "id"), >, 0);
  return json_object_get_int_member (object, "id");
}

/* `request show ID --json` as user. */
static JsonNode *
show (Fixture    *f,
      const char *user,
      gint64      id)
{
  g_autofree char *text = cli_test_id_text (id);

  cli_test_jhkctl (&f->cli, "--user", user, "--json", "request", "show", text, NULL);
  cli_test_assert_success (&f->cli);
  return cli_test_parse_json (f->cli.out);
}

/* Whether `request list --scope scope --json` as user holds id; asserts
 * every item's shape. */
static gboolean
listed (Fixture    *f,
        const char *user,
        const char *scope,
        gint64      id)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  gboolean found = FALSE;

  cli_test_jhkctl (&f->cli, "--user", user, "--json", "request", "list", "--scope", scope, NULL);
  cli_test_assert_success (&f->cli);
  node = cli_test_parse_json (f->cli.out);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (r, "status"));
      g_assert_true (json_object_has_member (r, "wanted_at"));
      g_assert_true (json_object_has_member (r, "overdue"));
      g_assert_false (json_object_has_member (r, "items"));
      if (json_object_get_int_member (r, "id") == id)
        found = TRUE;
    }
  return found;
}

/* Runs jhkctl as user with the NULL-ended args of ap. */
static void
run_as (Fixture    *f,
        const char *user,
        va_list     ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--user");
  g_ptr_array_add (args, (gpointer) user);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  cli_test_jhkctl_argv (&f->cli, (const char * const *) args->pdata);
}

/* Runs jhkctl as user with the NULL-ended args; asserts success. */
static void
run_ok (Fixture    *f,
        const char *user,
        ...)
{
  va_list ap;

  va_start (ap, user);
  run_as (f, user, ap);
  va_end (ap);
  cli_test_assert_success (&f->cli);
}

/* Runs jhkctl as user with the NULL-ended args and asserts a refusal that
 * names message and changes nothing. */
static void
run_refused (Fixture    *f,
             const char *message,
             const char *user,
             ...)
{
  g_autofree char *before = cli_test_dump (&f->cli);
  gint64 seq = cli_test_last_seq (&f->cli);
  va_list ap;

  va_start (ap, user);
  run_as (f, user, ap);
  va_end (ap);
  cli_test_assert_refused_unchanged (&f->cli, before, seq, message);
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_null_member (object, name) ? NULL
                                                    : json_object_get_string_member (object, name);
}

/* The services' reasons (jhk-work-requests.c), as jhkctl prints them. */
#define MSG_NOT_REQUESTER "Only the office's operations manager or information manager"
#define MSG_NOT_CONSENTER "Only the manager of the request's business consents"
#define MSG_NO_CONSENT    "only once the manager of its business has consented"
#define MSG_PAST          "The completion wanted lies in the past."
#define MSG_NO_ROWS       "Add at least one row of materials."

/* Tests */

/* R15-4 through to 完了, addressed to the システム管理者: the business's
 * manager consents first; the receiving side records every step; the
 * personal-data output becomes a ledger material of 中央警察署 (R15-1,
 * R17-1). */
static void
test_sysadmin_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *material = NULL;
  g_autofree char *received_at = NULL;
  JsonObject *r, *consent, *step, *paper;
  JsonArray *items;
  gint64 id;

  write_request (f, "sys.json", "sysadmin", f->wanted, both_rows, TRUE);
  id = create (f, "chuo-kanri", "sys.json", TRUE, "consent_pending");
  id_text = cli_test_id_text (id);

  g_assert_true (listed (f, "chuo-kanri", "office", id));
  g_assert_true (listed (f, "gyomu", "consent", id));
  g_assert_false (listed (f, "admin", "process", id));

  run_ok (f, "gyomu", "request", "consent", id_text, "--phone", "3101", NULL);
  cli_test_assert_in (f->cli.out, id_text);
  g_assert_true (listed (f, "admin", "process", id));

  run_ok (f, "admin", "request", "receive", id_text, "--at", now (f), "--note", "受付済", NULL);
  received_at = g_strdup (f->now);
  run_ok (f, "admin", "request", "process", id_text, "--at", now (f), "--handler", "中村 真理",
          NULL);
  run_ok (f, "admin", "request", "return-input", id_text, "--at", now (f), "--to-office",
          "中央警察署", "--to-name", "松本 大輔", NULL);
  run_ok (f, "admin", "--json", "request", "deliver-output", id_text, "--at", now (f),
          "--to-office", "中央警察署", "--to-name", "松本 大輔", NULL);
  g_assert_cmpint (cli_test_json_id (f->cli.out), ==, id);
  run_ok (f, "admin", "request", "paper", id_text, "--a4", "2", "--remarks", "試験用 記事", NULL);
  run_ok (f, "admin", "request", "paper", id_text, "--other", "1", "--other-text", "CD-R", NULL);
  run_ok (f, "admin", "--json", "request", "complete", id_text, NULL);
  {
    g_autoptr(JsonNode) done = cli_test_parse_json (f->cli.out);

    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (done), "status"), ==,
                     "completed");
  }

  /* show --json: every member of the form. */
  shown = show (f, "chuo-kanri", id);
  r = json_node_get_object (shown);
  g_assert_cmpint (json_object_get_int_member (r, "id"), ==, id);
  g_assert_cmpstr (member_text (r, "status"), ==, "completed");
  g_assert_cmpstr (member_text (r, "recipient"), ==, "sysadmin");
  g_assert_cmpstr (member_text (r, "business_name"), ==, "指紋照合業務");
  g_assert_cmpstr (member_text (r, "summary"), ==, "試験用 照合結果の出力");
  g_assert_cmpstr (member_text (r, "wanted_at"), ==, f->wanted);
  g_assert_cmpstr (member_text (r, "contact_phone"), ==, "9113");
  g_assert_nonnull (member_text (r, "to_title"));
  g_assert_nonnull (member_text (r, "from_title"));
  g_assert_nonnull (member_text (r, "manager_name"));
  g_assert_cmpint (json_object_get_int_member (r, "storage_place_id"), ==, f->place);
  g_assert_false (json_object_get_boolean_member (r, "overdue"));
  g_assert_nonnull (member_text (r, "submitted_at"));
  g_assert_nonnull (member_text (r, "completed_at"));
  consent = json_object_get_object_member (r, "consent");
  g_assert_nonnull (consent);
  g_assert_cmpstr (member_text (consent, "phone"), ==, "3101");
  g_assert_nonnull (member_text (consent, "name"));
  step = json_object_get_object_member (r, "received");
  g_assert_cmpstr (member_text (step, "at"), ==, received_at);
  g_assert_cmpstr (member_text (step, "note"), ==, "受付済");
  step = json_object_get_object_member (r, "processed");
  g_assert_cmpstr (member_text (step, "handler"), ==, "中村 真理");
  step = json_object_get_object_member (r, "input_returned");
  g_assert_cmpstr (member_text (step, "to_name"), ==, "松本 大輔");
  step = json_object_get_object_member (r, "output_delivered");
  g_assert_cmpstr (member_text (step, "to_office"), ==, "中央警察署");
  paper = json_object_get_object_member (r, "paper");
  g_assert_cmpint (json_object_get_int_member (paper, "a4"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (paper, "other"), ==, 1);
  g_assert_cmpstr (member_text (paper, "other_text"), ==, "CD-R");
  g_assert_cmpstr (member_text (r, "remarks"), ==, "試験用 記事");
  items = json_object_get_array_member (r, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (member_text (json_array_get_object_element (items, 0), "kind"), ==, "input");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (items, 0),
                                              "material_id"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (items, 1),
                                                 "personal_data"));
  g_assert_false (json_object_get_null_member (json_array_get_object_element (items, 1),
                                               "material_id"));

  /* The hand-over made a material of the requesting office (R15-1). */
  material = cli_test_id_text (json_object_get_int_member (json_array_get_object_element (items, 1),
                                                           "material_id"));
  run_ok (f, "chuo-kanri", "--json", "material", "show", material, NULL);
  {
    g_autoptr(JsonNode) m = cli_test_parse_json (f->cli.out);
    JsonObject *o = json_node_get_object (m);

    g_assert_cmpstr (json_object_get_string_member (o, "direction"), ==, "output");
    g_assert_true (json_object_get_boolean_member (o, "personal_data"));
    g_assert_cmpstr (json_object_get_string_member (o, "creation_reason"), ==, "procedure");
  }

  /* The text forms. */
  run_ok (f, "chuo-kanri", "request", "show", id_text, NULL);
  cli_test_assert_in (f->cli.out, "試験用 照合結果一覧表");
  cli_test_assert_in (f->cli.out, "松本 大輔");
  run_ok (f, "chuo-kanri", "request", "list", NULL);
  cli_test_assert_in (f->cli.out, "試験用 照合結果の出力");
}

/* R15-4: addressed to the business's 対象業務管理者等 directly, there is no
 * consent step; the business's manager receives and completes it. */
static void
test_business_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *id_text = NULL;
  JsonObject *r;
  gint64 id;

  /* Sooner than the usual lead time: warned of, not refused. */
  write_request (f, "soon.json", "business", f->soon, output_row, FALSE);
  create (f, "chuo-kanri", "soon.json", FALSE, "draft");
  {
    g_autoptr(JsonNode) node = cli_test_parse_json (f->cli.out);

    cli_test_assert_in (member_text (json_node_get_object (node), "warning"), f->soon);
  }

  write_request (f, "biz.json", "business", f->wanted, output_row, FALSE);
  id = create (f, "chuo-kanri", "biz.json", FALSE, "draft");
  id_text = cli_test_id_text (id);
  run_ok (f, "chuo-kanri", "--json", "request", "submit", id_text, NULL);
  cli_test_assert_in (f->cli.out, "\"submitted\"");
  g_assert_false (listed (f, "gyomu", "consent", id));
  g_assert_true (listed (f, "gyomu", "process", id));

  run_ok (f, "gyomu", "request", "receive", id_text, "--at", now (f), NULL);
  run_ok (f, "gyomu", "request", "process", id_text, "--at", now (f), NULL);
  run_ok (f, "gyomu", "request", "deliver-output", id_text, "--at", now (f), "--to-office",
          "中央警察署", "--to-name", "松本 大輔", NULL);
  run_ok (f, "gyomu", "request", "complete", id_text, NULL);

  shown = show (f, "chuo-kanri", id);
  r = json_node_get_object (shown);
  g_assert_cmpstr (member_text (r, "status"), ==, "completed");
  g_assert_cmpstr (member_text (r, "recipient"), ==, "business");
  g_assert_true (json_object_get_null_member (r, "consent"));
  g_assert_true (json_object_get_null_member (r, "input_returned"));
  /* Output without personal data is no ledger material. */
  g_assert_true (json_object_get_null_member (
    json_array_get_object_element (json_object_get_array_member (r, "items"), 0),
    "material_id"));
  /* The handler defaults to the person recording. */
  g_assert_nonnull (member_text (json_object_get_object_member (r, "received"), "handler"));
}

/* R15-4: sent back by the consenting manager, revised, submitted again
 * and withdrawn by the requesting office. */
static void
test_send_back_revise_withdraw (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  write_request (f, "sys.json", "sysadmin", f->wanted, both_rows, TRUE);
  id = create (f, "chuo-kanri", "sys.json", TRUE, "consent_pending");
  id_text = cli_test_id_text (id);

  run_ok (f, "gyomu", "--json", "request", "send-back", id_text, "--comment", "目的を具体的に",
          NULL);
  cli_test_assert_in (f->cli.out, "\"returned\"");
  shown = show (f, "chuo-kanri", id);
  g_assert_cmpstr (member_text (json_node_get_object (shown), "return_comment"), ==,
                   "目的を具体的に");

  run_ok (f, "chuo-kanri", "--json", "request", "revise", id_text, NULL);
  cli_test_assert_in (f->cli.out, "\"draft\"");
  run_ok (f, "chuo-kanri", "--json", "request", "submit", id_text, NULL);
  cli_test_assert_in (f->cli.out, "\"consent_pending\"");
  run_ok (f, "chuo-kanri", "--json", "request", "withdraw", id_text, NULL);
  cli_test_assert_in (f->cli.out, "\"withdrawn\"");

  /* send-back needs its comment: a usage error. */
  cli_test_jhkctl (&f->cli, "--user", "gyomu", "request", "send-back", id_text, NULL);
  g_assert_cmpint (f->cli.status, ==, 2);
}

/* R15-4 refusals, one per kind: wrong role, missing consent, past
 * deadline, empty rows, and a request file that does not parse. Each
 * exits 1 with the service's reason and changes nothing; a refused
 * `create --submit` leaves no draft behind. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pending = NULL;
  g_autofree char *late = NULL;

  write_request (f, "sys.json", "sysadmin", f->wanted, both_rows, TRUE);
  write_request (f, "past.json", "business", f->past, output_row, FALSE);
  write_request (f, "empty.json", "business", f->wanted, "[]", FALSE);
  {
    g_autofree char *path = g_build_filename (f->cli.dir, "typo.json", NULL);

    g_assert_true (g_file_set_contents (path, "{ \"recipent\": \"business\" }", -1, NULL));
  }
  pending = cli_test_id_text (create (f, "chuo-kanri", "sys.json", TRUE, "consent_pending"));
  /* A draft may be incomplete: its deadline is checked on submission. */
  late = cli_test_id_text (create (f, "chuo-kanri", "past.json", FALSE, "draft"));

  /* Wrong role. */
  run_refused (f, MSG_NOT_REQUESTER, "chuo-hojo", "request", "create", "--file", "@sys.json",
               NULL);
  run_refused (f, MSG_NOT_CONSENTER, "chuo-kanri", "request", "consent", pending, NULL);
  run_refused (f, MSG_NOT_CONSENTER, "admin", "request", "consent", pending, NULL);
  /* Missing consent: the システム管理者 cannot receive it yet. */
  run_refused (f, MSG_NO_CONSENT, "admin", "request", "receive", pending, "--at", now (f), NULL);
  /* Past deadline. */
  run_refused (f, MSG_PAST, "chuo-kanri", "request", "create", "--file", "@past.json", "--submit",
               NULL);
  run_refused (f, MSG_PAST, "chuo-kanri", "request", "submit", late, NULL);
  /* Empty rows. */
  run_refused (f, MSG_NO_ROWS, "chuo-kanri", "request", "create", "--file", "@empty.json",
               "--submit", NULL);
  /* A misspelt member of the file. */
  run_refused (f, "recipent", "chuo-kanri", "request", "create", "--file", "@typo.json", NULL);
}

/* RF2: 様式第2号 as a PDF, readable by its writer only. */
static void
test_form2_pdf (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id_text = NULL;
  g_autofree char *pdf = g_build_filename (f->cli.dir, "form2.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int wait_status = 0;

  write_request (f, "sys.json", "sysadmin", f->wanted, both_rows, TRUE);
  id_text = cli_test_id_text (create (f, "chuo-kanri", "sys.json", TRUE, "consent_pending"));
  run_ok (f, "gyomu", "request", "consent", id_text, NULL);
  run_ok (f, "chuo-kanri", "form2", id_text, "-o", "@form2.pdf", NULL);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_test_message ("様式第2号 PDF: %lld bytes", (long long) st.st_size);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_spawn_sync (NULL, (char *[]) { pdftotext, pdf, "-", NULL }, NULL, G_SPAWN_DEFAULT, NULL,
                NULL, &text, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  /* The title is spaced out; the business, the summary, a row and the
   * consenting manager (刑事総務課長 渡辺 誠) print. */
  cli_test_assert_in (text, "作 業 依 頼 書");
  cli_test_assert_in (text, "指紋照合業務");
  cli_test_assert_in (text, "試験用 照合結果の出力");
  cli_test_assert_in (text, "試験用 照合結果一覧表");
  cli_test_assert_in (text, "渡辺 誠");

  /* Someone who may not see the request gets nothing. */
  {
    g_autofree char *other = g_build_filename (f->cli.dir, "other.pdf", NULL);

    cli_test_jhkctl (&f->cli, "--user", "higashi-unyo", "form2", id_text, "-o", "@other.pdf",
                     NULL);
    g_assert_cmpint (f->cli.status, ==, 1);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/R15-4/sysadmin-consent-flow", test_sysadmin_flow);
  ADD_TEST ("/cli/R15-4/business-direct-flow", test_business_flow);
  ADD_TEST ("/cli/R15-4/send-back-revise-withdraw", test_send_back_revise_withdraw);
  ADD_TEST ("/cli/R15-4/refusals-unchanged", test_refusals);
  ADD_TEST ("/cli/RF2/form2-pdf", test_form2_pdf);
  return jhk_test_run ();
}
