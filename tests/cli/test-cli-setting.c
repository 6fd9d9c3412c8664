/* test-cli-setting.c: jhkctl setting list | set, the organisation-wide
 * settings, issue 6: the business of the inquiry check sheets (R14-7) and
 * the screening's duty hours (R14-9), run as an operator runs jhkctl on a
 * copy of the demo database. Only the システム管理者 (admin) sets a value,
 * within its range; inquiry.business takes a code or an id of an approved
 * business. Each refusal exits 1 and leaves the database as it was but for
 * the login's own record (R13-5).
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "jhk-org.h"
#include "jhk-settings.h"
#include "cli-test-util.h"

typedef struct
{
  CliTest cli;
} Fixture;

/* Runs jhkctl expecting a refusal, or a usage error, that changes nothing. */
#define ASSERT_REFUSED(f, ...) CLI_TEST_ASSERT_REFUSED (&(f)->cli, __VA_ARGS__)
#define ASSERT_USAGE(f, ...)   CLI_TEST_ASSERT_USAGE (&(f)->cli, __VA_ARGS__)

/* The object of the JSON list whose "key" is key. */
static JsonObject *
find_setting (JsonArray  *list,
              const char *key)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (o, "key"), key) == 0)
        return o;
    }
  g_error ("no setting %s in the list", key);
  return NULL;
}

/* Every setting, with its value, default and range, in text and JSON. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  JsonObject *o;

  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "setting", "list", NULL);
  cli_test_assert_success (&f->cli);
  for (int i = 0; i < JHK_N_SETTINGS; i++)
    cli_test_assert_in (f->cli.out, jhk_setting_get_key (i));
  cli_test_assert_in (f->cli.out, "(default 510, 0 to 1439)");

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "setting", "list", NULL);
  cli_test_assert_success (&f->cli);
  root = cli_test_parse_json (f->cli.out);
  list = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (list), ==, JHK_N_SETTINGS);
  o = find_setting (list, "inquiry.duty_end");
  g_assert_cmpint (json_object_get_int_member (o, "value"), ==,
                   jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_DUTY_END));
  g_assert_cmpint (json_object_get_int_member (o, "default"), ==, 1035);
  g_assert_cmpint (json_object_get_int_member (o, "minimum"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "maximum"), ==, 1440);
  g_assert_true (json_object_has_member (find_setting (list, "inquiry.business"), "business"));

  ASSERT_USAGE (f, "--user", "admin", "setting", "list", "extra");
  ASSERT_USAGE (f, "--user", "admin", "setting");
  ASSERT_USAGE (f, "--user", "admin", "setting", "show");
}

/* R14-7: the business of the check sheets, by code or id; an unknown or
 * unapproved one, or anyone but the システム管理者, refused. */
static void
test_sheet_business (Fixture       *f,
                     gconstpointer  data)
{
  gint64 b101 = jhk_org_find_business (f->cli.db, "B101");
  gint64 b103 = jhk_org_find_business (f->cli.db, "B103");
  g_autofree char *b101_text = cli_test_id_text (b101);
  g_autoptr(JsonNode) root = NULL;

  cli_test_jhkctl (&f->cli, "--user", "admin", "setting", "set", "inquiry.business", "B103",
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "(B103)");
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_BUSINESS), ==, b103);
  cli_test_jhkctl (&f->cli, "--user", "admin", "setting", "list", NULL);
  cli_test_assert_in (f->cli.out, "(B103)");

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "setting", "set", "inquiry.business",
                   b101_text, NULL);
  cli_test_assert_success (&f->cli);
  root = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "value"), ==, b101);
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_BUSINESS), ==, b101);

  ASSERT_REFUSED (f, "not approved", "--user", "admin", "setting", "set", "inquiry.business",
                  "B104");
  ASSERT_REFUSED (f, "B999", "--user", "admin", "setting", "set", "inquiry.business", "B999");
  ASSERT_REFUSED (f, "999999", "--user", "admin", "setting", "set", "inquiry.business",
                  "999999");
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "setting", "set", "inquiry.business", "B103");
  ASSERT_REFUSED (f, "", "--user", "soukatsu", "setting", "set", "inquiry.business", "0");
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_BUSINESS), ==, b101);

  /* 0: none. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "setting", "set", "inquiry.business", "0", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_BUSINESS), ==, 0);
}

/* R14-9: the screening's duty hours, minutes after midnight, within
 * their range, audited. */
static void
test_duty_hours (Fixture       *f,
                 gconstpointer  data)
{
  gint64 seq = cli_test_last_seq (&f->cli);
  g_autofree char *actions = NULL;

  cli_test_jhkctl (&f->cli, "--user", "admin", "setting", "set", "inquiry.duty_start", "480",
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "inquiry.duty_start");
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_DUTY_START), ==, 480);
  actions = cli_test_actions_since (&f->cli, seq);
  cli_test_assert_in (actions, "settings.set");

  ASSERT_REFUSED (f, "between 1 and 1440", "--user", "admin", "setting", "set",
                  "inquiry.duty_end", "1441");
  ASSERT_REFUSED (f, "between 0 and 1439", "--user", "admin", "setting", "set",
                  "inquiry.duty_start", "-1");
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "setting", "set", "inquiry.duty_end", "1000");
  ASSERT_USAGE (f, "--user", "admin", "setting", "set", "inquiry.duty_end", "17:15");
  ASSERT_USAGE (f, "--user", "admin", "setting", "set", "inquiry.no_such", "1");
  ASSERT_USAGE (f, "--user", "admin", "setting", "set", "inquiry.duty_end");
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_DUTY_END), ==, 1035);
  g_assert_cmpint (jhk_settings_get_int (f->cli.db, JHK_SETTING_INQUIRY_DUTY_START), ==, 480);
}

#define ADD_TEST(path, func) CLI_TEST_ADD (path, Fixture, func)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/R14-9/setting-list", test_list);
  ADD_TEST ("/cli/R14-7/sheet-business", test_sheet_business);
  ADD_TEST ("/cli/R14-9/duty-hours", test_duty_hours);
  return jhk_test_run ();
}
