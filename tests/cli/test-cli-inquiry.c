/* test-cli-inquiry.c: 照会点検 and the access trails on the command line
 * (R13-3, R13-4, R14-1, R14-5..7, R14-9), issue 6, run as an operator runs
 * jhkctl, on a copy of the demo database, under the accounts that hold
 * each role: admin (システム管理者: imports, purges, holidays, trail
 * outputs), chuo-shokuin (C9132, 照会者 of 刑事課), chuo-kanbu (C9131,
 * 担当幹部 of 刑事課), chuo-unyo (運用管理者 of 中央警察署 910), soukatsu
 * (総括責任者: the register of 照会者), gyomu (対象業務管理者 of B101).
 *
 * The files imported are written by the tests, in a month the demo does
 * not use (2024-06). A refusal or a malformed file must exit 1 and leave
 * the database as it was (every table but the audit log and the users'
 * login columns, which record the login itself by design, R13-5; the
 * audit entries after it are exactly that login and logout).
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
  CliTest cli;
} Fixture;

#define HEADER "照会番号,照会日時,所属コード,照会者職員番号,照会者氏名,照会種別,事由,事件番号," \
               "照会内容,端末番号\r\n"

/* Three inquiries of C9132 (刑事課, 中央警察署) in June 2024: two with a
 * reason and a case, one without (flagged). */
static const char records_csv[] =
  HEADER
  "CLI-0001,2024-06-04 10:00,913,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R6-200,佐藤 次郎,T910-01\r\n"
  "CLI-0002,2024/06/04 10:30:15,913,C9132,井上 翔太,運転免許照会,窃盗事件捜査,R6-200,\"佐藤, 三郎\",T910-01\r\n"
  "CLI-0003,2024-06-05 11:00,913,C9132,井上 翔太,犯歴照会,,,鈴木 一郎,T910-01\r\n";

static const char trails_csv[] =
  "日時,所属コード,職員番号,氏名,端末番号,業務,操作内容\n"
  "2024-06-04 09:15:00,910,C9132,井上 翔太,T910-01,B101,\"指紋照会, 照合番号123\"\n"
  "2024/06/04 09:16,910,C9132,井上 翔太,T910-01,B101,照合結果の閲覧\n"
  "2024-06-05 09:17,910,C9131,髙橋 修,T910-02,B101,ログイン\n";

/* Writes text into the test's folder as name; returns "@name". */
static char *
write_file (Fixture    *f,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->cli.dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return g_strconcat ("@", name, NULL);
}

/* The rows of table where the condition holds (NULL: all). */
static gint64
count_rows (Fixture    *f,
            const char *table,
            const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE %s", table,
                                          where != NULL ? where : "1 = 1");

  return jhk_test_query_int (f->cli.db, sql, JHK_DB_END);
}

static gint64
record_id (Fixture    *f,
           const char *source_no)
{
  gint64 id = 0;

  g_assert_true (jhk_db_query_int64 (f->cli.db, &id, NULL,
                                     "SELECT id FROM inquiry_records WHERE source_no = ?",
                                     JHK_T (source_no), JHK_DB_END));
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
record_text (Fixture    *f,
             const char *column,
             const char *source_no)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM inquiry_records WHERE source_no = ?",
                                          column);

  return jhk_test_query_text (f->cli.db, sql, JHK_T (source_no), JHK_DB_END);
}

/* Imports records_csv as admin; asserts it was imported whole. */
static void
import_records (Fixture *f)
{
  g_autofree char *file = write_file (f, "records.csv", records_csv, -1);

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 3, imported 3, already present 0, flagged ");
  cli_test_assert_in (f->cli.out, "(UTF-8)");
}

/* Runs jhkctl expecting a refusal, or a usage error, that changes nothing. */
#define ASSERT_REFUSED(f, ...) CLI_TEST_ASSERT_REFUSED (&(f)->cli, __VA_ARGS__)
#define ASSERT_USAGE(f, ...)   CLI_TEST_ASSERT_USAGE (&(f)->cli, __VA_ARGS__)

/* Import (R14-5, R13-3) ------------------------------------------------------ */

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *file = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *report;

  import_records (f);
  g_assert_cmpint (count_rows (f, "inquiry_records",
                                        "source_no LIKE 'CLI-%'"), ==, 3);

  /* Importing the same file again adds nothing: each 照会番号 once. */
  file = g_strdup ("@records.csv");
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "import", "inquiries", file, NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  report = json_node_get_object (json);
  g_assert_cmpint (json_object_get_int_member (report, "read"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (report, "imported"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (report, "present"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (report, "encoding"), ==, "UTF-8");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (report, "errors")), ==, 0);
  g_assert_cmpint (count_rows (f, "inquiry_records",
                                        "source_no LIKE 'CLI-%'"), ==, 3);
}

/* CP932 with the NEC and IBM extension characters, named or detected. */
static void
test_import_cp932 (Fixture       *f,
                   gconstpointer  data)
{
  static const char utf8[] =
    HEADER
    "CLI-0101,2024-06-06 09:00,910,C9131,髙橋 修,運転免許照会,\"傷害事件, 被疑者特定\",R6-300,"
    "\"﨑山 ①号\r\n二行目\",T910-03\r\n";
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree char *cp932 = g_convert (utf8, -1, "CP932", "UTF-8", NULL, &length, &error);
  g_autofree char *file = NULL;
  g_autofree char *content = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  file = write_file (f, "cp932.csv", cp932, length);
  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file,
                   "--encoding", "cp932", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 1, imported 1, already present 0");
  cli_test_assert_in (f->cli.out, "(CP932)");
  content = record_text (f, "content", "CLI-0101");
  name = record_text (f, "inquirer_name", "CLI-0101");
  g_assert_cmpstr (content, ==, "﨑山 ①号\n二行目");
  g_assert_cmpstr (name, ==, "髙橋 修");

  /* Detected without --encoding: already there. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 1, imported 0, already present 1, flagged 0 (CP932)");
}

/* A malformed file imports nothing and names every bad line. */
static void
test_import_bad_lines (Fixture       *f,
                       gconstpointer  data)
{
  static const char bad[] =
    HEADER
    "CLI-0201,2024-06-04 10:00,913,C9132,井上 翔太,運転免許照会,捜査,R6-1,佐藤 次郎,T910-01\r\n"
    "CLI-0202,2024-13-04 10:00,913,C9132,井上 翔太,運転免許照会,捜査,R6-1,佐藤 次郎,T910-01\r\n"
    "CLI-0203,2024-06-04 10:00,913,,井上 翔太,運転免許照会,捜査,R6-1,佐藤 次郎,T910-01\r\n"
    "CLI-0204,2024-06-04 10:00,913\r\n";
  g_autofree char *file = write_file (f, "bad.csv", bad, -1);
  g_autofree char *before = cli_test_dump (&f->cli);
  gint64 seq = cli_test_last_seq (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file, NULL);
  cli_test_assert_unchanged (&f->cli, before, seq, "bad.csv:3: 照会日時: ");
  cli_test_assert_in (f->cli.err, "bad.csv:4: 照会者職員番号: ");
  cli_test_assert_in (f->cli.err, "bad.csv:5: ");
  cli_test_assert_in (f->cli.err, "jhkctl: Nothing was imported: 3 errors.");
  g_assert_null (strstr (f->cli.err, "bad.csv:2:"));

  /* --dry-run of a good file writes nothing either. */
  g_free (file);
  file = write_file (f, "records.csv", records_csv, -1);
  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "--dry-run", "inquiries", file, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 3, imported 0");
  cli_test_assert_in (f->cli.out, "--dry-run");
  {
    g_autofree char *after = cli_test_dump (&f->cli);
    g_assert_cmpstr (after, ==, before);
  }

  /* Only the システム管理者 imports. */
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "import", "inquiries", file);
  /* Usage: an unknown encoding, no file. */
  ASSERT_USAGE (f, "--user", "admin", "import", "inquiries", file, "--encoding", "latin1");
  ASSERT_USAGE (f, "--user", "admin", "import", "inquiries");
  ASSERT_USAGE (f, "--user", "admin", "import", "trails", file, "extra");
}

/* --progress shows the rows read on standard error. */
static void
test_import_progress (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = write_file (f, "records.csv", records_csv, -1);

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file, "--progress", NULL);
  g_assert_cmpint (f->cli.status, ==, 0);
  cli_test_assert_in (f->cli.err, "rows read");
  cli_test_assert_in (f->cli.out, "imported 3");
}

static void
test_import_trails (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = write_file (f, "trails.csv", trails_csv, -1);
  g_autofree char *bad = write_file (f, "trails-bad.csv",
                                     "日時,所属コード,職員番号,氏名,端末番号,業務,操作内容\n"
                                     "2024-06-05 25:15,910,C9132,井上 翔太,T910-01,B101,a\n",
                                     -1);
  gint64 before = count_rows (f, "access_trails", NULL);

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "trails", file, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 3, imported 3, already present 0");
  g_assert_cmpint (count_rows (f, "access_trails", NULL), ==, before + 3);

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "trails", file, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "read 3, imported 0, already present 3");

  {
    g_autofree char *dump = cli_test_dump (&f->cli);
    gint64 seq = cli_test_last_seq (&f->cli);

    cli_test_jhkctl (&f->cli, "--user", "admin", "import", "trails", bad, NULL);
    cli_test_assert_unchanged (&f->cli, dump, seq, "trails-bad.csv:2: 日時: ");
  }
}

/* The confirmation flow (R14-6, R14-7) ------------------------------------------ */

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *id1 = NULL, *id2 = NULL, *id3 = NULL, *range = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JhkSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  gint64 r1, r2, r3, material;
  JsonObject *object;

  import_records (f);
  r1 = record_id (f, "CLI-0001");
  r2 = record_id (f, "CLI-0002");
  r3 = record_id (f, "CLI-0003");
  id1 = cli_test_id_text (r1);
  id2 = cli_test_id_text (r2);
  id3 = cli_test_id_text (r3);
  range = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, r1, r2);

  /* 照会者: their own records, to confirm. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "inquiry", "list", "--scope", "mine",
                   "--period", "2024-06", "--stage", "confirm", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "CLI-0001");
  cli_test_assert_in (f->cli.out, "CLI-0003");

  /* The flags explain themselves (R14-9). */
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "--json", "inquiry", "show", id3, NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "source_no"), ==, "CLI-0003");
  g_assert_cmpint (json_object_get_int_member (object, "flags") & 3, ==, 3);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object,
                                                                        "explanations")), >=, 2);
  g_clear_pointer (&json, json_node_unref);
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "inquiry", "show", id3, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "Flags: ");
  cli_test_assert_in (f->cli.out, "  - ");

  /* The 担当幹部 cannot check before the officer confirmed. */
  ASSERT_REFUSED (f, "CLI-0001", "--user", "chuo-kanbu", "inquiry", "check", id1);

  /* Bulk confirm of a range, and 相違あり with a comment. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "inquiry", "confirm", "--range", range,
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "2 records: confirmed.");
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "inquiry", "confirm", id3, "--dispute",
                   "--comment", "照会していない", NULL);
  cli_test_assert_success (&f->cli);
  {
    g_autofree char *state = record_text (f, "confirm_state", "CLI-0003");
    g_autofree char *comment = record_text (f, "confirm_comment", "CLI-0003");
    g_assert_cmpstr (state, ==, "disputed");
    g_assert_cmpstr (comment, ==, "照会していない");
  }

  /* 担当幹部: disputed and flagged first; 適正 and 要確認. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanbu", "--json", "inquiry", "list", "--scope",
                   "check", "--period", "2024-06", "--stage", "check", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (json)), ==, 3);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (json_node_get_array (json), 0), "id"),
                   ==, r3);
  g_clear_pointer (&json, json_node_unref);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanbu", "inquiry", "check", id1, id3, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanbu", "inquiry", "check", id2, "--query",
                   "--comment", "目的を確認", NULL);
  cli_test_assert_success (&f->cli);

  /* 運用管理者: not yet all done, so no sign-off. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "inquiry", "summary", "--office",
                   "910", "--period", "2024-06", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  object = json_object_get_object_member (json_node_get_object (json), "total");
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "done"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "disputed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "queried"), ==, 1);
  g_clear_pointer (&json, json_node_unref);
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "inquiry", "sign-off", "--office", "910",
                  "--period", "2024-06");

  /* 不適正 with a comment settles the 要確認 record; then the month. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "inquiry", "resolve", id2, "--improper",
                   "--comment", "私的照会の疑い", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "inquiry", "list", "--scope", "office",
                   "--period", "2024-06", "--stage", "open", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_cmpstr (f->cli.out, ==, "");
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "inquiry", "sign-off", "--office", "910",
                   "--period", "2024-06", "--comment", "点検済み", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "inquiry", "summary", "--office", "910",
                   "--period", "2024-06", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "点検済み");
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "inquiry", "periods", "--office", "910",
                   NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "2024-06\n");

  /* After sign-off nothing of the month changes, not by an import either. */
  ASSERT_REFUSED (f, "CLI-0002", "--user", "chuo-unyo", "inquiry", "resolve", id2, "--comment", "x");
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "inquiry", "sign-off", "--office", "910",
                  "--period", "2024-06");
  {
    g_autofree char *late = write_file (
      f, "late.csv",
      HEADER "CLI-0009,2024-06-20 10:00,913,C9132,井上 翔太,運転免許照会,捜査,R6-9,山田 花子,T910-01\r\n",
      -1);
    g_autofree char *before = cli_test_dump (&f->cli);
    gint64 seq = cli_test_last_seq (&f->cli);

    cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", late, NULL);
    cli_test_assert_unchanged (&f->cli, before, seq, "late.csv:2: ");
  }

  /* R14-7: the check sheet, printed and kept in a locked place. */
  admin = jhk_test_login (f->cli.db, "admin");
  g_assert_true (jhk_settings_set_int (f->cli.db, admin, JHK_SETTING_INQUIRY_BUSINESS,
                                       jhk_org_find_business (f->cli.db, "B101"), &error));
  g_assert_no_error (error);
  cli_test_jhkctl (&f->cli, "--user", "chuo-unyo", "--json", "inquiry", "sheet", "--office",
                   "910", "--period", "2024-06", "-o", "@sheet.pdf", "--register", "--storage",
                   "刑事課 施錠保管庫", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  material = json_object_get_int_member (json_node_get_object (json), "material_id");
  g_assert_cmpint (material, >, 0);
  g_assert_cmpint (count_rows (f, "materials", "personal_data = 1"), >, 0);
  pdf = g_build_filename (f->cli.dir, "sheet.pdf", NULL);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&json, json_node_unref);

  /* A place that is not the office's: refused, and no PDF left behind. */
  {
    g_autofree char *other = g_build_filename (f->cli.dir, "other.pdf", NULL);

    ASSERT_REFUSED (f, "存在しない保管庫", "--user", "chuo-unyo", "inquiry", "sheet", "--office", "910",
                    "--period", "2024-06", "-o", "@other.pdf", "--register", "--storage",
                    "存在しない保管庫");
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  /* R14-5: nothing of 2024 is five years old: the purge removes nothing. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "inquiry", "purge", "--office", "910",
                   NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "records"), ==, 0);
  g_assert_cmpint (count_rows (f, "inquiry_records",
                                        "source_no LIKE 'CLI-%'"), ==, 3);
}

/* Every refusal of the flow exits 1 and changes nothing; wrong usage 2. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id1 = NULL, *range = NULL;

  import_records (f);
  id1 = cli_test_id_text (record_id (f, "CLI-0001"));
  range = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, record_id (f, "CLI-0001"),
                           record_id (f, "CLI-0003"));

  /* Not theirs: another officer, the 担当幹部 for step 1, the 照会者 for 2. */
  ASSERT_REFUSED (f, "", "--user", "chuo-koufu", "inquiry", "confirm", id1);
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquiry", "check", id1);
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquiry", "resolve", id1, "--comment", "x");
  ASSERT_REFUSED (f, "", "--user", "chuo-kanbu", "inquiry", "sign-off", "--office", "910",
                  "--period", "2024-06");
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquiry", "purge");
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquiry", "rescreen");
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquiry", "show", "999999");
  ASSERT_REFUSED (f, "no office", "--user", "chuo-unyo", "inquiry", "summary", "--office",
                  "999", "--period", "2024-06");
  /* A range (of C9132's records) with nothing of theirs in it. */
  ASSERT_REFUSED (f, "No record of yours", "--user", "chuo-koufu", "inquiry", "confirm", "--range",
                  range);

  ASSERT_USAGE (f, "--user", "chuo-shokuin", "inquiry", "confirm", id1, "--dispute");
  ASSERT_USAGE (f, "--user", "chuo-shokuin", "inquiry", "confirm");
  ASSERT_USAGE (f, "--user", "chuo-shokuin", "inquiry", "confirm", "--range", "5-2");
  ASSERT_USAGE (f, "--user", "chuo-kanbu", "inquiry", "check", id1, "--query");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "resolve", id1);
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "summary", "--office", "910");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "summary", "--office", "910", "--period",
                "2024-13");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "list", "--stage", "later");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "list", "--scope", "everyone");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "sheet", "--office", "910", "--period",
                "2024-06", "-o", "@x.pdf", "--register");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry", "frobnicate");
  ASSERT_USAGE (f, "--user", "chuo-unyo", "inquiry");
}

/* The list's filters, its text and JSON forms, and --help naming the commands. */
static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *id3 = NULL;
  JsonArray *rows;

  import_records (f);
  id3 = cli_test_id_text (record_id (f, "CLI-0003"));

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "inquiry", "list", "--scope", "all",
                   "--office", "910", "--period", "2024-06", "--text", "鈴木", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  rows = json_node_get_array (json);
  g_assert_cmpint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0),
                                                  "source_no"), ==, "CLI-0003");
  /* 照会日時 in Japan time, as the file wrote it, whatever the local zone. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "at"),
                   ==, "2024-06-05 11:00");
  g_clear_pointer (&json, json_node_unref);

  /* 事由 and 事件番号 empty: flagged; the text list shows the flags. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "inquiry", "list", "--period",
                   "2024-06", "--flagged", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "CLI-0003");
  cli_test_jhkctl (&f->cli, "--user", "admin", "inquiry", "list", "--period", "2024-06",
                   "--text", "CLI-0003", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "CLI-0003");
  cli_test_assert_in (f->cli.out, " [");

  /* Nothing disputed yet; then one. */
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanbu", "inquiry", "list", "--period", "2024-06",
                   "--disputed", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_cmpstr (f->cli.out, ==, "");
  cli_test_jhkctl (&f->cli, "--user", "chuo-shokuin", "inquiry", "confirm", id3, "--dispute",
                   "--comment", "記憶にない", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "chuo-kanbu", "inquiry", "list", "--period", "2024-06",
                   "--disputed", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "CLI-0003");
  g_assert_null (strstr (f->cli.out, "CLI-0001"));

  /* --limit: the first N and the count. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "inquiry", "list", "--period", "2024-06",
                   "--limit", "1", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "3 records in all");

  cli_test_jhkctl (&f->cli, "--help", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "\n  inquiry ");
  cli_test_assert_in (f->cli.out, "\n  inquirer ");
  cli_test_assert_in (f->cli.out, "\n  holiday ");
  cli_test_assert_in (f->cli.out, "\n  trails ");
  cli_test_assert_in (f->cli.out, "\n  trail-request ");
}

/* R14-1: the register of 照会者 --------------------------------------------------- */

static void
test_inquirers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *id = NULL;
  gint64 scope;
  gboolean found = FALSE;

  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "--json", "inquirer", "grant", "C9132",
                   "試験照会", "--from", "2024-01-01", NULL);
  cli_test_assert_success (&f->cli);
  scope = cli_test_json_id (f->cli.out);
  g_assert_cmpint (scope, >, 0);
  id = cli_test_id_text (scope);

  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "--json", "inquirer", "list", "--office",
                   "910", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (json)); i++)
    {
      JsonObject *row = json_array_get_object_element (json_node_get_array (json), i);

      if (json_object_get_int_member (row, "id") == scope)
        {
          g_assert_cmpstr (json_object_get_string_member (row, "staff_no"), ==, "C9132");
          g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==, "試験照会");
          found = TRUE;
        }
    }
  g_assert_true (found);

  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "inquirer", "grant", "C9132", "犯歴照会");
  ASSERT_REFUSED (f, "no staff", "--user", "soukatsu", "inquirer", "grant", "Z9999", "犯歴照会");
  ASSERT_USAGE (f, "--user", "soukatsu", "inquirer", "grant", "C9132");
  ASSERT_USAGE (f, "--user", "soukatsu", "inquirer", "end", id, "--to", "2024-02-30");

  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "inquirer", "end", id, "--to", "2024-12-31",
                   NULL);
  cli_test_assert_success (&f->cli);
  {
    g_autofree char *to = jhk_test_query_text (f->cli.db,
                                               "SELECT valid_to FROM inquirer_scopes WHERE id = ?",
                                               JHK_I (scope), JHK_DB_END);
    g_assert_cmpstr (to, ==, "2024-12-31");
  }
  cli_test_jhkctl (&f->cli, "--user", "soukatsu", "inquirer", "list", "--history", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "試験照会");
}

/* R14-9: the holidays the screening knows ------------------------------------------ */

static void
test_holidays (Fixture       *f,
               gconstpointer  data)
{
  cli_test_jhkctl (&f->cli, "--user", "admin", "holiday", "add", "2024-06-03", "試験休日", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "admin", "holiday", "list", "--year", "2024", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "2024-06-03 試験休日\n");

  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "holiday", "add", "2024-06-10", "休日");
  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "holiday", "remove", "2024-06-03");
  ASSERT_USAGE (f, "--user", "admin", "holiday", "add", "2024-6-3", "休日");

  cli_test_jhkctl (&f->cli, "--user", "admin", "inquiry", "rescreen", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "admin", "holiday", "remove", "2024-06-03", NULL);
  cli_test_assert_success (&f->cli);
  g_assert_cmpint (count_rows (f, "holidays", "day = '2024-06-03'"), ==, 0);
}

/* R13-3, R13-4: trails and the requests for their output ---------------------------- */

static void
test_trails (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *file = write_file (f, "trails.csv", trails_csv, -1);
  g_autofree char *out = g_build_filename (f->cli.dir, "out.csv", NULL);
  g_autofree char *denied = g_build_filename (f->cli.dir, "denied.csv", NULL);
  g_autoptr(JsonNode) json = NULL;

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "trails", file, NULL);
  cli_test_assert_success (&f->cli);

  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "trails", "search", "--staff", "C9132",
                   "--from", "2024-06-01", "--to", "2024-06-30", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (json)), ==, 2);
  g_clear_pointer (&json, json_node_unref);

  cli_test_jhkctl (&f->cli, "--user", "gyomu", "trails", "search", "--business", "B101",
                   "--text", "ログイン", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "C9131");

  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "trails", "search");
  ASSERT_USAGE (f, "--user", "admin", "trails", "search", "--from", "2024-06");
  ASSERT_REFUSED (f, "no business", "--user", "admin", "trails", "search", "--business", "B999");

  /* Only the システム管理者 outputs trails. */
  cli_test_jhkctl (&f->cli, "--user", "admin", "trails", "export", "--from", "2024-06-01", "--to",
                   "2024-06-30", "-o", "@out.csv", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "Wrote 3 trails");
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  ASSERT_REFUSED (f, "", "--user", "gyomu", "trails", "export", "-o", "@denied.csv");
  g_assert_false (g_file_test (denied, G_FILE_TEST_EXISTS));
}

static void
test_trail_requests (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = write_file (f, "trails.csv", trails_csv, -1);
  g_autofree char *out = g_build_filename (f->cli.dir, "produced.csv", NULL);
  g_autofree char *id_text = NULL, *second_text = NULL;
  g_autoptr(JsonNode) json = NULL;
  gint64 id, second;

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "trails", file, NULL);
  cli_test_assert_success (&f->cli);

  ASSERT_USAGE (f, "--user", "gyomu", "trail-request", "create", "--business", "B101",
                "--from", "2024-06-01", "--reason", "点検");
  ASSERT_REFUSED (f, "", "--user", "chuo-shokuin", "trail-request", "create", "--business",
                  "B101", "--from", "2024-06-01", "--to", "2024-06-30", "--reason", "点検");

  cli_test_jhkctl (&f->cli, "--user", "gyomu", "--json", "trail-request", "create", "--business",
                   "B101", "--from", "2024-06-01", "--to", "2024-06-30", "--staff", "C9132",
                   "--reason", "不適正な照会の疑い", NULL);
  cli_test_assert_success (&f->cli);
  id = cli_test_json_id (f->cli.out);
  id_text = cli_test_id_text (id);
  cli_test_jhkctl (&f->cli, "--user", "gyomu", "--json", "trail-request", "create", "--business",
                   "B101", "--from", "2024-06-01", "--to", "2024-06-30", "--reason", "二件目",
                   NULL);
  cli_test_assert_success (&f->cli);
  second = cli_test_json_id (f->cli.out);
  second_text = cli_test_id_text (second);

  cli_test_jhkctl (&f->cli, "--user", "gyomu", "--json", "trail-request", "list", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_array_get_length (json_node_get_array (json)), >=, 2);
  g_clear_pointer (&json, json_node_unref);

  /* The requester may not produce it; the システム管理者 does. */
  ASSERT_REFUSED (f, "", "--user", "gyomu", "trail-request", "produce", id_text, "-o",
                  "@produced.csv");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "trail-request", "produce", id_text,
                   "-o", "@produced.csv", NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "status"), ==,
                   "produced");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "rows"), ==, 2);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&json, json_node_unref);

  ASSERT_USAGE (f, "--user", "admin", "trail-request", "decline", second_text);
  ASSERT_REFUSED (f, "", "--user", "gyomu", "trail-request", "decline", second_text, "--comment",
                  "x");
  cli_test_jhkctl (&f->cli, "--user", "admin", "trail-request", "decline", second_text,
                   "--comment", "範囲が広すぎる", NULL);
  cli_test_assert_success (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "gyomu", "trail-request", "show", second_text, NULL);
  cli_test_assert_success (&f->cli);
  cli_test_assert_in (f->cli.out, "範囲が広すぎる");
  /* Handled once only. */
  ASSERT_REFUSED (f, "", "--user", "admin", "trail-request", "decline", id_text, "--comment", "x");
}

/* R14-5: records older than five years are purged, with the range audited. */
static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) old = g_date_time_add_years (now, -6);
  g_autofree char *old_day = g_date_time_format (old, "%Y-%m-%d 10:00");
  g_autofree char *csv = g_strdup_printf (
    HEADER "CLI-0301,%s,913,C9132,井上 翔太,運転免許照会,捜査,R1-1,佐藤 次郎,T910-01\r\n",
    old_day);
  g_autofree char *file = write_file (f, "old.csv", csv, -1);
  g_autoptr(JsonNode) json = NULL;
  gint64 seq;

  cli_test_jhkctl (&f->cli, "--user", "admin", "import", "inquiries", file, NULL);
  cli_test_assert_success (&f->cli);
  import_records (f);

  ASSERT_REFUSED (f, "", "--user", "chuo-unyo", "inquiry", "purge", "--office", "910");
  seq = cli_test_last_seq (&f->cli);
  cli_test_jhkctl (&f->cli, "--user", "admin", "--json", "inquiry", "purge", "--office", "910",
                   NULL);
  cli_test_assert_success (&f->cli);
  json = cli_test_parse_json (f->cli.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "records"), >=, 1);
  g_assert_cmpint (count_rows (f, "inquiry_records",
                                        "source_no = 'CLI-0301'"), ==, 0);
  g_assert_cmpint (count_rows (f, "inquiry_records",
                                        "source_no LIKE 'CLI-%'"), ==, 3);
  /* Its audit entry, between the login and the logout. */
  {
    g_autofree char *actions = cli_test_actions_since (&f->cli, seq);
    g_auto(GStrv) list = g_strsplit (actions, ",", -1);

    g_assert_cmpuint (g_strv_length (list), >=, 3);
  }
}

#define ADD_TEST(path, func) CLI_TEST_ADD (path, Fixture, func)

int
main (int    argc,
      char **argv)
{
  cli_test_init (&argc, &argv);

  ADD_TEST ("/cli/R14-5/import-inquiries", test_import);
  ADD_TEST ("/cli/R14-5/import-cp932", test_import_cp932);
  ADD_TEST ("/cli/R14-5/import-bad-lines-unchanged", test_import_bad_lines);
  ADD_TEST ("/cli/R14-5/import-progress", test_import_progress);
  ADD_TEST ("/cli/R13-3/import-trails", test_import_trails);
  ADD_TEST ("/cli/R14-6/flow-confirm-check-sign-off-sheet", test_flow);
  ADD_TEST ("/cli/R14-6/refusals-unchanged", test_refusals);
  ADD_TEST ("/cli/R14-6/list-filters", test_list_filters);
  ADD_TEST ("/cli/R14-1/inquirers", test_inquirers);
  ADD_TEST ("/cli/R14-9/holidays", test_holidays);
  ADD_TEST ("/cli/R13-3/trails-search-export", test_trails);
  ADD_TEST ("/cli/R13-4/trail-requests", test_trail_requests);
  ADD_TEST ("/cli/R14-5/purge", test_purge);
  return jhk_test_run ();
}
