/* test-trails.c: issue 6, access trails (R13-3, R13-4).
 *
 * Trails are put in with a small SQL helper (the import is jhk-inquiry-
 * import.c's). The システム管理者 searches every trail, a business's
 * manager those of their businesses; each filter gives what a plain query
 * gives; the output file is UTF-8 with a BOM, RFC 4180, mode 0600, with the
 * SHA-256 the call and the audit entry name; trail requests go requested
 * → produced or declined, and every refusal leaves the database as it
 * was. The purge deletes the records and trails of an office older than
 * five years, one audit entry per office. Runs on SQLite and, with
 * `meson test --setup postgresql`, on PostgreSQL; the last test goes
 * through the users' own server roles (0018-trails.pg.sql).
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jhk-inquiries.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-pg.h"
#include "jhk-test-util.h"
#include "jhk-trails.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *admin;     /* システム管理者 */
  JhkSession *gyomu;     /* 対象業務管理者 of B101 */
  JhkSession *denshi;    /* manager of E201 */
  JhkSession *unyo;      /* 運用管理者 of 中央警察署: no trails */
  gint64      import_id;
  gint64      b101;
  gint64      b103;
  gint64      ids[7];    /* the trails, 1-based */
} Fixture;

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)
/* The plain conditions the searches must match. */
#define B101 "business_id = (SELECT id FROM businesses WHERE code = 'B101')"
#define TEXT_WHERE(pattern) \
  "(staff_name LIKE " pattern " OR business LIKE " pattern " OR operation LIKE " pattern ")"

/* One trail as the import would store it: the office and business found
 * by code (NULL when unknown). */
static gint64
add_trail (JhkDb      *db,
           gint64      import_id,
           gint64      at,
           const char *office_code,
           const char *staff_no,
           const char *name,
           const char *terminal,
           const char *business,
           const char *operation)
{
  static int n;
  g_autofree char *key = g_strdup_printf ("test-%d-%" G_GINT64_FORMAT, ++n, at);

  return jhk_test_query_int (db, "INSERT INTO access_trails (at, office_code, office_id, staff_no,"
                             " staff_id, staff_name, terminal, business, business_id, operation,"
                             " row_key, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                             " RETURNING id",
                             JHK_I (at), JHK_T (office_code),
                             JHK_IZ (jhk_org_find_unit (db, office_code)), JHK_T (staff_no),
                             JHK_IZ (jhk_org_find_staff (db, staff_no)), JHK_T (name),
                             JHK_T (terminal), JHK_T (business),
                             JHK_IZ (jhk_org_find_business (db, business)), JHK_T (operation),
                             JHK_T (key), JHK_I (import_id), JHK_DB_END);
}

static void
add_trails (JhkDb  *db,
            gint64  import_id,
            gint64 *ids)
{
  ids[1] = add_trail (db, import_id, jhk_test_jst (2030, 10, 1, 9, 0), "910", "C9132", "井上 翔太",
                      "T-01", "B101", "指紋照会 事件A");
  ids[2] = add_trail (db, import_id, jhk_test_jst (2030, 10, 1, 23, 30), "910", "C9132", "井上 翔太",
                      "T-02", "B101", "指紋照会, \"再\"");
  ids[3] = add_trail (db, import_id, jhk_test_jst (2030, 10, 2, 0, 30), "920", "C9201", "林 英明",
                      "T-09", "B103", "免許照会");
  ids[4] = add_trail (db, import_id, jhk_test_jst (2030, 10, 3, 10, 0), "910", "C9141", "木村 彩",
                      "T-01", "B101", "照合結果閲覧\n二行目");
  ids[5] = add_trail (db, import_id, jhk_test_jst (2030, 10, 3, 11, 0), "999", "X0001", "不明 職員",
                      "T-99", "未登録業務", "閲覧");
  ids[6] = add_trail (db, import_id, jhk_test_jst (2030, 10, 4, 8, 0), "410", "A4101", "山本 裕子",
                      "T-50", "E201", "電子申請確認 100%");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->admin, "admin", &f->gyomu, "gyomu", &f->denshi, "denshi",
                       &f->unyo, "chuo-unyo", NULL);
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->b103 = jhk_org_find_business (f->db, "B103");
  f->import_id = jhk_test_add_inquiry_import (f->db, "trails", 0);
  add_trails (f->db, f->import_id, f->ids);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->admin, &f->gyomu, &f->denshi, &f->unyo, NULL);
  g_clear_object (&f->db);
}

/* The ids of a search's rows in its order, "3 2 1". */
static char *
model_ids (JhkQueryModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i == 0 ? "" : " ", jhk_row_get_id (row));
    }
  return g_string_free (s, FALSE);
}

/* The same ids, of a plain query's condition, newest first. */
static char *
plain_ids (JhkDb      *db,
           const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM access_trails WHERE %s"
                                          " ORDER BY at DESC, id DESC", where);
  g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, NULL, sql, JHK_DB_END);
  GString *s = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, s->len == 0 ? "" : " ",
                            jhk_db_stmt_get_int64 (stmt, 0));
  return g_string_free (s, FALSE);
}

static char *
search_ids (JhkDb               *db,
            JhkSession          *actor,
            const JhkTrailQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) model = jhk_trails_search (db, actor, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model_ids (model);
}

static void
assert_search (Fixture             *f,
               JhkSession          *actor,
               const JhkTrailQuery *query,
               const char          *where)
{
  g_autofree char *got = search_ids (f->db, actor, query);
  g_autofree char *want = plain_ids (f->db, where);

  g_test_message ("%s: %s", where, got);
  g_assert_cmpstr (got, ==, want);
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *day1 = NULL;
  g_autofree char *day3 = NULL;
  g_autofree char *all = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(JhkQueryModel) model = NULL;
  g_autoptr(JhkRow) first = NULL;

  g_assert_true (jhk_trails_may_search (f->admin));
  /* Everything, newest first, with the office's name. */
  all = search_ids (f->db, f->admin, NULL);
  plain = plain_ids (f->db, "1 = 1");
  g_assert_cmpstr (all, ==, plain);
  {
    g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                                             G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                                             G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                             f->ids[6], f->ids[5], f->ids[4], f->ids[3],
                                             f->ids[2], f->ids[1]);
    g_autofree char *mine = plain_ids (f->db, "import_id = (SELECT MAX(id) FROM inquiry_imports)");

    g_assert_cmpstr (mine, ==, want);
  }
  model = jhk_trails_search (f->db, f->admin, &(JhkTrailQuery) { .terminal = "T-02" }, NULL);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (jhk_row_get_by_name (first, "office"), ==, "中央警察署");
  g_assert_cmpstr (jhk_row_get_by_name (first, "staff_name"), ==, "井上 翔太");
  g_assert_cmpstr (jhk_row_get_by_name (first, "operation"), ==, "指紋照会, \"再\"");

  assert_search (f, f->admin, &(JhkTrailQuery) { .staff_no = "C9132" }, "staff_no = 'C9132'");
  assert_search (f, f->admin, &(JhkTrailQuery) { .office_code = "910" }, "office_code = '910'");
  assert_search (f, f->admin, &(JhkTrailQuery) { .terminal = "T-01" }, "terminal = 'T-01'");
  assert_search (f, f->admin, &(JhkTrailQuery) { .business_id = f->b103 },
                 "business_id = (SELECT id FROM businesses WHERE code = 'B103')");
  /* Days are Japan-time days, whatever the zone of the machine: 23:30
   * of the 1st is in, 00:30 of the 2nd out. */
  day1 = g_strdup_printf ("at >= %" G_GINT64_FORMAT " AND at < %" G_GINT64_FORMAT,
                          jhk_test_jst (2030, 10, 1, 0, 0), jhk_test_jst (2030, 10, 2, 0, 0));
  assert_search (f, f->admin, &(JhkTrailQuery) { .date_from = "2030-10-01",
                                                 .date_to = "2030-10-01" }, day1);
  g_clear_pointer (&plain, g_free);
  plain = search_ids (f->db, f->admin, &(JhkTrailQuery) { .date_from = "2030-10-01",
                                                          .date_to = "2030-10-01" });
  g_free (day3);
  day3 = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, f->ids[2], f->ids[1]);
  g_assert_cmpstr (plain, ==, day3);
  g_free (day3);
  day3 = g_strdup_printf ("at >= %" G_GINT64_FORMAT, jhk_test_jst (2030, 10, 3, 0, 0));
  assert_search (f, f->admin, &(JhkTrailQuery) { .date_from = "2030-10-03" }, day3);
  /* Text in the name, the business or the operation; % is a character. */
  assert_search (f, f->admin, &(JhkTrailQuery) { .text = "井上" }, TEXT_WHERE ("'%井上%'"));
  assert_search (f, f->admin, &(JhkTrailQuery) { .text = "B10" }, TEXT_WHERE ("'%B10%'"));
  assert_search (f, f->admin, &(JhkTrailQuery) { .text = "照会" }, TEXT_WHERE ("'%照会%'"));
  assert_search (f, f->admin, &(JhkTrailQuery) { .text = "100%" },
                 TEXT_WHERE ("'%100\\%%' ESCAPE '\\'"));
  assert_search (f, f->admin, &(JhkTrailQuery) { .text = "%" },
                 TEXT_WHERE ("'%\\%%' ESCAPE '\\'"));
  /* Filters together. */
  g_free (day3);
  day3 = g_strdup_printf ("office_code = '910' AND terminal = 'T-01' AND at < %" G_GINT64_FORMAT,
                          jhk_test_jst (2030, 10, 3, 0, 0));
  assert_search (f, f->admin, &(JhkTrailQuery) { .office_code = "910", .terminal = "T-01",
                                                 .date_to = "2030-10-02" }, day3);
}

static void
test_search_business_scope (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkQueryModel) none = NULL;

  /* R13-4: a manager sees the trails of their own business only. */
  g_assert_true (jhk_trails_may_search (f->gyomu));
  assert_search (f, f->gyomu, NULL, B101);
  assert_search (f, f->gyomu, &(JhkTrailQuery) { .business_id = f->b101, .terminal = "T-01" },
                 B101 " AND terminal = 'T-01'");
  assert_search (f, f->gyomu, &(JhkTrailQuery) { .office_code = "920" },
                 B101 " AND office_code = '920'");
  assert_search (f, f->denshi, NULL,
                 "business_id = (SELECT id FROM businesses WHERE code = 'E201')");
  /* Another business, by name, is refused. */
  none = jhk_trails_search (f->db, f->gyomu, &(JhkTrailQuery) { .business_id = f->b103 },
                            &error);
  g_assert_null (none);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  /* Who is no manager does not search. */
  g_assert_false (jhk_trails_may_search (f->unyo));
  none = jhk_trails_search (f->db, f->unyo, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
  g_clear_error (&error);
}

static void
test_search_bad_dates (Fixture       *f,
                       gconstpointer  data)
{
  static const JhkTrailQuery bad[] = {
    { .date_from = "2030-13-01" },
    { .date_to = "2030/10/01" },
    { .date_from = "yesterday" },
    { .date_from = "2030-10-05", .date_to = "2030-10-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkQueryModel) model = jhk_trails_search (f->db, f->admin, &bad[i], &error);

      g_assert_null (model);
      g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
      g_test_message ("refused: %s", error->message);
    }
}

static gint64
audit_int (JhkDb      *db,
           const char *member)
{
  g_autofree char *details = jhk_test_query_text (db, "SELECT details FROM audit_log"
                                                  " ORDER BY seq DESC LIMIT 1", JHK_DB_END);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, details, -1, NULL));
  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)),
                                     member);
}

static char *
audit_text (JhkDb      *db,
            const char *member)
{
  g_autofree char *details = jhk_test_query_text (db, "SELECT details FROM audit_log"
                                                  " ORDER BY seq DESC LIMIT 1", JHK_DB_END);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, details, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (o, member) &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (o, member)))
    return g_strdup (json_object_get_string_member (o, member));
  return json_to_string (json_object_get_member (o, member), FALSE);
}

/* The file: mode 0600, BOM, header, the rows; its SHA-256. */
static char *
assert_trail_file (const char *path,
                   guint       rows)
{
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "日時,所属コード,職員番号,氏名,"
                                             "端末番号,業務,操作内容\r\n"));
  /* Lines end in CRLF; a field's own newline is inside quotes. */
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, rows + 2);
    g_assert_cmpstr (lines[rows + 1], ==, "");
  }
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = jhk_test_new_file ("trails.csv");
  g_autofree char *sha = NULL;
  g_autofree char *file_sha = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *query = NULL;
  JhkTrailQuery q = { .office_code = "910", .date_from = "2030-10-01",
                      .date_to = "2030-10-31" };
  gint64 before = jhk_test_audit_count (f->db);
  guint rows = 0;

  /* Only the システム管理者 outputs; a manager asks (R13-4). */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trails_export (f->db, f->gyomu, &q, path, &rows, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_trails_export (f->db, f->admin, &(JhkTrailQuery) { .date_from = "2030-1-1" },
                                     path, &rows, NULL, refusal));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* A folder that is not there: nothing written, no entry. */
  JHK_TEST_ASSERT_REFUSED_WITH (f->db,
                                jhk_trails_export (f->db, f->admin, &q,
                                                   "/nonexistent-jhk/trails.csv", &rows, NULL,
                                                   refusal),
                                g_assert_error (error_, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));

  g_assert_true (jhk_trails_export (f->db, f->admin, &q, path, &rows, &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);
  file_sha = assert_trail_file (path, 3);
  g_assert_cmpstr (sha, ==, file_sha);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* RFC 4180: quotes doubled, commas and newlines quoted; Japan time. */
  g_assert_nonnull (strstr (contents, "2030-10-01 23:30:00,910,C9132,井上 翔太,T-02,B101,"
                                      "\"指紋照会, \"\"再\"\"\"\r\n"));
  g_assert_nonnull (strstr (contents, "2030-10-03 10:00:00,910,C9141,木村 彩,T-01,B101,"
                                      "\"照合結果閲覧\n二行目\"\r\n"));
  g_assert_null (strstr (contents, "C9201"));
  /* Newest first, as the search. */
  g_assert_true (strstr (contents, "2030-10-03 10:00") < strstr (contents, "2030-10-01 09:00"));

  jhk_test_assert_last_action (f->db, before, "trail.export");
  g_assert_cmpint (audit_int (f->db, "rows"), ==, 3);
  g_clear_pointer (&sha, g_free);
  sha = audit_text (f->db, "sha256");
  g_assert_cmpstr (sha, ==, file_sha);
  query = audit_text (f->db, "query");
  g_assert_nonnull (strstr (query, "\"office_code\":\"910\""));

  /* Written again over the old file: replaced whole. */
  g_clear_pointer (&sha, g_free);
  g_assert_true (jhk_trails_export (f->db, f->admin,
                                    &(JhkTrailQuery) { .staff_no = "nobody" }, path, &rows,
                                    &sha, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 0);
  g_free (file_sha);
  file_sha = assert_trail_file (path, 0);
  g_assert_cmpstr (sha, ==, file_sha);
}

static void
test_requests_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTrailRequest) r = NULL;
  g_autoptr(JhkQueryModel) mine = NULL;
  g_autoptr(JhkQueryModel) theirs = NULL;
  g_autoptr(JhkQueryModel) all = NULL;
  g_autofree char *path = jhk_test_new_file ("request.csv");
  g_autofree char *other = jhk_test_new_file ("refused.csv");
  g_autofree char *file_sha = NULL;
  JhkTrailQuery q = { .date_from = "2030-10-01", .date_to = "2030-10-03" };
  gint64 before, id, id2;

  /* Refusals: no manager of it, no reason, no or reversed dates. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trail_requests_create (f->db, f->gyomu, f->b103, &q, "確認", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trail_requests_create (f->db, f->unyo, f->b101, &q, "確認", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trail_requests_create (f->db, f->admin, f->b101, &q, "確認", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_trail_requests_create (f->db, f->gyomu, f->b101, &q, "　 ", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_trail_requests_create (f->db, f->gyomu, f->b101,
                                             &(JhkTrailQuery) { .date_from = "2030-10-01" },
                                             "確認", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_trail_requests_create (f->db, f->gyomu, f->b101,
                                             &(JhkTrailQuery) { .date_from = "2030-10-03",
                                                                .date_to = "2030-10-01" },
                                             "確認", refusal));

  before = jhk_test_audit_count (f->db);
  id = jhk_trail_requests_create (f->db, f->gyomu, f->b101, &q, " 不適正な照会の疑い ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "trail_request.create");

  r = jhk_trail_requests_get (f->db, f->gyomu, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->status, ==, "requested");
  g_assert_cmpstr (r->reason, ==, "不適正な照会の疑い");
  g_assert_cmpstr (r->business_name, ==, "指紋照合業務");
  g_assert_cmpstr (r->requester_name, ==, "渡辺 誠");
  g_assert_cmpstr (jhk_trail_request_status_label (r->status), ==, "Awaiting Output");
  g_clear_pointer (&r, jhk_trail_request_free);
  /* The requester and the システム管理者 see it, nobody else. */
  r = jhk_trail_requests_get (f->db, f->denshi, id, &error);
  g_assert_null (r);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  mine = jhk_trail_requests_list_model (f->db, f->gyomu);
  theirs = jhk_trail_requests_list_model (f->db, f->denshi);
  all = jhk_trail_requests_list_model (f->db, f->admin);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (mine)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (theirs)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1);
  {
    g_autoptr(JhkRow) row = g_list_model_get_item (G_LIST_MODEL (mine), 0);

    g_assert_cmpstr (jhk_row_get_by_name (row, "business"), ==, "指紋照合業務");
    g_assert_cmpstr (jhk_row_get_by_name (row, "status"), ==, "requested");
  }

  /* Only the システム管理者 produces; no file is written on a refusal. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trail_requests_produce (f->db, f->gyomu, id, other, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_trail_requests_produce (f->db, f->admin, id + 100, other, refusal));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_trail_requests_produce (f->db, f->admin, id, path, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "trail_request.produce");
  /* The request's business only, within its days: trails 1, 2 and 4. */
  file_sha = assert_trail_file (path, 3);
  r = jhk_trail_requests_get (f->db, f->gyomu, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->status, ==, "produced");
  g_assert_cmpuint (r->n_rows, ==, 3);
  g_assert_cmpstr (r->sha256, ==, file_sha);
  g_assert_cmpint (r->handled_by, ==, jhk_session_get_staff_id (f->admin));
  g_assert_cmpstr (r->handler_name, ==, "佐藤 浩二");
  g_assert_cmpint (r->handled_at, >, 0);

  /* Handled once. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_trail_requests_produce (f->db, f->admin, id, other, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_trail_requests_decline (f->db, f->admin, id, "重複", refusal));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Declined, with a comment. */
  id2 = jhk_trail_requests_create (f->db, f->gyomu, f->b101,
                                   &(JhkTrailQuery) { .date_from = "2030-10-01",
                                                      .date_to = "2030-10-01",
                                                      .staff_no = "C9132" },
                                   "再確認", &error);
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_trail_requests_decline (f->db, f->admin, id2, " ", refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_trail_requests_decline (f->db, f->gyomu, id2, "取下げ", refusal));
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_trail_requests_decline (f->db, f->admin, id2, "既に出力済み", &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "trail_request.decline");
  g_clear_pointer (&r, jhk_trail_request_free);
  r = jhk_trail_requests_get (f->db, f->admin, id2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->status, ==, "declined");
  g_assert_cmpstr (r->comment, ==, "既に出力済み");
  g_assert_cmpstr (r->staff_no, ==, "C9132");
  g_assert_true (jhk_query_model_refresh (all, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 2);
}

/* The purge (R13-3, R14-5) ------------------------------------------------------- */

static void
add_record (JhkDb      *db,
            gint64      import_id,
            gint64      at,
            const char *office_code,
            const char *period)
{
  static int n;
  g_autofree char *source_no = g_strdup_printf ("PURGE-%06d", ++n);

  jhk_test_add_inquiry_record (db, import_id, source_no, at, period, office_code);
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *before_dump = NULL;
  g_autofree char *after_dump = NULL;
  gint64 now = jhk_now_us ();
  gint64 year = 365 * G_TIME_SPAN_DAY;
  gint64 chuo = jhk_org_find_unit (f->db, "910");
  gint64 six = now - 6 * year, five = now - 5 * year - 3 * G_TIME_SPAN_DAY;
  gint64 before, n_trails;
  guint records = 99, trails = 99;

  /* What the demo holds older than five years goes first. */
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, &records, &trails, &error));
  g_assert_no_error (error);
  add_record (f->db, f->import_id, six, "910", "2020-01");
  add_record (f->db, f->import_id, five, "910", "2021-11");
  add_record (f->db, f->import_id, now - 4 * year, "910", "2022-11");
  add_record (f->db, f->import_id, six, "920", "2020-01");
  add_record (f->db, f->import_id, six + G_TIME_SPAN_HOUR, "999", "2020-01");
  add_trail (f->db, f->import_id, six, "910", "C9132", "井上 翔太", "T-01", "B101", "古い照会");
  add_trail (f->db, f->import_id, six, "999", "X0001", "不明 職員", "T-99", "B101", "古い閲覧");
  /* A month signed off is purged too (the freeze forbids updates only). */
  jhk_db_run (f->db, &error, "INSERT INTO inquiry_periods (office_id, period, signed_off_by,"
              " signed_off_at) VALUES (?, '2020-01', ?, 0)", JHK_I (chuo),
              JHK_I (jhk_org_find_staff (f->db, "C9101")), JHK_DB_END);
  g_assert_no_error (error);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquiries_purge (f->db, f->unyo, chuo, &records, &trails, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_inquiries_purge (f->db, f->gyomu, 0, &records, &trails, refusal));

  /* One office: its two old records and old trail, one audit entry. */
  before = jhk_test_audit_count (f->db);
  n_trails = jhk_test_query_int (f->db, "SELECT COUNT(*) FROM access_trails", JHK_DB_END);
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, chuo, &records, &trails, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 2);
  g_assert_cmpuint (trails, ==, 1);
  jhk_test_assert_last_action (f->db, before, "inquiry.purge");
  g_assert_cmpint (audit_int (f->db, "records"), ==, 2);
  g_assert_cmpint (audit_int (f->db, "trails"), ==, 1);
  g_assert_cmpint (audit_int (f->db, "oldest_us"), ==, six);
  g_assert_cmpint (audit_int (f->db, "newest_us"), ==, five);
  newest = audit_text (f->db, "newest");
  g_assert_cmpuint (strlen (newest), ==, strlen ("2021-11-24 10:00:00"));
  g_free (newest);
  newest = audit_text (f->db, "office_code");
  g_assert_cmpstr (newest, ==, "910");
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records"
                                       " WHERE office_id = ? AND source_no LIKE 'PURGE-%'",
                                       JHK_I (chuo), JHK_DB_END), ==, 1);
  /* The newer trails stay. */
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM access_trails", JHK_DB_END),
                   ==, n_trails - 1);

  /* Every office: 東警察署's record, and an unknown office's record and
   * trail, one entry each. */
  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, &records, &trails, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 2);
  g_assert_cmpuint (trails, ==, 1);
  jhk_test_assert_last_actions (f->db, before, 2, "inquiry.purge");
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT COUNT(*) FROM inquiry_records"
                                       " WHERE source_no LIKE 'PURGE-%'", JHK_DB_END), ==, 1);

  /* Nothing left to purge: nothing written, 0 said. */
  before_dump = jhk_test_dump_tables (f->db);
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, &records, &trails, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 0);
  g_assert_cmpuint (trails, ==, 0);
  after_dump = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after_dump, ==, before_dump);
}

/* Five years back from a 29 February is the 28th, the start of that day
 * in Japan time, whatever the zone of the machine. */
static void
test_purge_cutoff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint records = 0, trails = 0;

  g_assert_true (jhk_inquiries_purge (f->db, f->admin, 0, &records, &trails, &error));
  g_assert_no_error (error);
  jhk_set_clock_override (jhk_test_jst (2028, 2, 29, 12, 0));
  add_record (f->db, f->import_id, jhk_test_jst (2023, 2, 27, 23, 59), "920", "2023-02");
  add_record (f->db, f->import_id, jhk_test_jst (2023, 2, 28, 0, 0), "920", "2023-02");
  g_assert_true (jhk_inquiries_purge (f->db, f->admin, jhk_org_find_unit (f->db, "920"),
                                      &records, &trails, &error));
  jhk_set_clock_override (0);
  g_assert_no_error (error);
  g_assert_cmpuint (records, ==, 1);
  g_assert_cmpuint (trails, ==, 0);
  g_assert_cmpint (jhk_test_query_int (f->db, "SELECT at FROM inquiry_records"
                                       " WHERE source_no LIKE 'PURGE-%'", JHK_DB_END), ==,
                   jhk_test_jst (2023, 2, 28, 0, 0));
}

/* PostgreSQL: the users' own server roles --------------------------------------- */

static void
test_pg_row_security (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *path = jhk_test_new_file ("pg-request.csv");
  g_autoptr(JhkDb) owner = NULL;
  g_autoptr(JhkDb) gyomu_db = NULL, admin_db = NULL, denshi_db = NULL, unyo_db = NULL;
  g_autoptr(JhkSession) gyomu = NULL, admin = NULL, denshi = NULL;
  g_autoptr(JhkTrailRequest) r = NULL;
  JhkTrailQuery q = { .date_from = "2030-10-01", .date_to = "2030-10-31" };
  gint64 ids[7], import_id, id;
  guint records = 0, trails = 0;
  g_autofree char *got = NULL;

  jhk_test_pg_keep_private_cluster ();
  dbname = jhk_test_pg_new_demo_database (&owner);
  if (dbname == NULL)
    return;
  import_id = jhk_test_add_inquiry_import (owner, "trails", 0);
  add_trails (owner, import_id, ids);
  gyomu_db = jhk_test_pg_open_as (dbname, "gyomu");
  gyomu = jhk_test_login (gyomu_db, "gyomu");
  denshi_db = jhk_test_pg_open_as (dbname, "denshi");
  denshi = jhk_test_login (denshi_db, "denshi");
  admin_db = jhk_test_pg_open_as (dbname, "admin");
  admin = jhk_test_login (admin_db, "admin");
  unyo_db = jhk_test_pg_open_as (dbname, "chuo-unyo");

  /* R13-4: around Jhk, a manager's role reads its business's trails only,
   * and others none. */
  g_assert_cmpint (jhk_test_count_rows (gyomu_db, "access_trails"), ==,
                   jhk_test_query_int (owner, "SELECT COUNT(*) FROM access_trails"
                                       " WHERE business_id = ?",
                                       JHK_I (jhk_org_find_business (owner, "B101")), JHK_DB_END));
  g_assert_cmpint (jhk_test_count_rows (denshi_db, "access_trails"), ==,
                   jhk_test_query_int (owner, "SELECT COUNT(*) FROM access_trails"
                                       " WHERE business_id = ?",
                                       JHK_I (jhk_org_find_business (owner, "E201")), JHK_DB_END));
  g_assert_cmpint (jhk_test_count_rows (admin_db, "access_trails"), ==,
                   jhk_test_count_rows (owner, "access_trails"));
  g_assert_cmpint (jhk_test_count_rows (unyo_db, "access_trails"), ==, 0);
  got = search_ids (gyomu_db, gyomu, NULL);
  g_assert_cmpuint (strlen (got), >, 0);
  g_assert_false (jhk_db_run (gyomu_db, NULL, "DELETE FROM access_trails", JHK_DB_END) &&
                  jhk_db_changes (gyomu_db) > 0);

  /* A request only for a business one manages, in one's own name. */
  g_assert_false (jhk_db_run (gyomu_db, NULL,
                              "INSERT INTO trail_requests (requested_by, business_id, reason,"
                              " date_from, date_to, requested_at) VALUES (?, ?, 'x',"
                              " '2030-10-01', '2030-10-02', 0)",
                              JHK_I (jhk_session_get_staff_id (gyomu)),
                              JHK_I (jhk_org_find_business (owner, "B103")), JHK_DB_END));
  id = jhk_trail_requests_create (gyomu_db, gyomu, jhk_org_find_business (owner, "B101"), &q,
                                  "確認", &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_test_count_rows (denshi_db, "trail_requests"), ==, 0);
  /* The requester does not produce it around Jhk. */
  g_assert_false (jhk_db_run (gyomu_db, NULL,
                              "UPDATE trail_requests SET status = 'produced' WHERE id = ?",
                              JHK_I (id), JHK_DB_END) && jhk_db_changes (gyomu_db) > 0);
  jhk_trail_requests_produce (admin_db, admin, id, path, &error);
  g_assert_no_error (error);
  r = jhk_trail_requests_get (gyomu_db, gyomu, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->status, ==, "produced");
  g_assert_cmpuint (r->n_rows, ==, 3);
  /* Handled once, on the server too. */
  g_assert_false (jhk_db_run (admin_db, NULL,
                              "UPDATE trail_requests SET status = 'declined' WHERE id = ?",
                              JHK_I (id), JHK_DB_END) && jhk_db_changes (admin_db) > 0);

  /* R13-3, R14-5: the システム管理者's own role purges; nobody else
   * deletes around Jhk. */
  add_record (owner, import_id, jhk_now_us () - 6 * 365 * G_TIME_SPAN_DAY, "910", "2020-01");
  add_trail (owner, import_id, jhk_now_us () - 6 * 365 * G_TIME_SPAN_DAY, "910", "C9132",
             "井上 翔太", "T-01", "B101", "古い照会");
  g_assert_false (jhk_db_run (gyomu_db, NULL, "DELETE FROM access_trails", JHK_DB_END) &&
                  jhk_db_changes (gyomu_db) > 0);
  g_assert_true (jhk_inquiries_purge (admin_db, admin, 0, &records, &trails, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (records, >=, 1);
  g_assert_cmpuint (trails, >=, 1);
  g_assert_cmpint (jhk_test_query_int (owner, "SELECT COUNT(*) FROM inquiry_records"
                                       " WHERE source_no LIKE 'PURGE-%'", JHK_DB_END), ==, 0);
  (void) denshi;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/trails/R13-4/search-filters", test_search_filters);
  ADD ("/trails/R13-4/search-own-businesses", test_search_business_scope);
  ADD ("/trails/R13-4/search-bad-dates", test_search_bad_dates);
  ADD ("/trails/R13-4/export-file", test_export);
  ADD ("/trails/R13-4/requests-flow", test_requests_flow);
  ADD ("/trails/R13-3/purge-per-office", test_purge);
  ADD ("/trails/R13-3/purge-cutoff-japan-day", test_purge_cutoff);
#undef ADD
  g_test_add_func ("/trails/R13-4/pg-row-security", test_pg_row_security);
  return jhk_test_run ();
}
