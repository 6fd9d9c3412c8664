/* test-sysdocs.c: issue 4, the system documents ledger (第18, R18-1..5) on
 * the materials ledger's own model, services and lists.
 *
 * Every refusal leaves every table as it was (jhk_test_dump_tables).
 * SQLite, and PostgreSQL with `meson test --setup postgresql`.
 */
#include <string.h>

#include "jhk-import.h"
#include "jhk-ledger.h"
#include "jhk-ledger-query.h"
#include "jhk-lists.h"
#include "jhk-query-model.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-sysdocs.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;        /* 運用管理者, 中央警察署 */
  JhkSession *kanri;       /* 情報管理者, 中央警察署 */
  JhkSession *shokuin;     /* アクセス権者 of 中央警察署, no office role */
  JhkSession *admin;       /* システム管理者 */
  gint64      office;
  gint64      b101;
  gint64      handler, shokuin_staff, gyomu_staff;
  gint64      locked, shelf;
  char       *today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri",
                       &f->shokuin, "chuo-shokuin", &f->admin, "admin", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->handler = jhk_test_staff_id (f->db, "C9113");
  f->shokuin_staff = jhk_test_staff_id (f->db, "C9132");
  f->gyomu_staff = jhk_test_staff_id (f->db, "A3101");
  f->today = jhk_today ();
  f->locked = jhk_ledger_add_storage_place (f->db, f->unyo, f->office, "試験用 文書庫", TRUE,
                                            &error);
  g_assert_no_error (error);
  f->shelf = jhk_ledger_add_storage_place (f->db, f->unyo, f->office, "試験用 警務課 説明書棚",
                                           FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->shokuin, &f->admin, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
}

static JhkMaterialSpec
sysdoc (Fixture    *f,
        const char *category)
{
  JhkMaterialSpec spec = {
    .org_unit_id = f->office,
    .direction = "input",
    .name = "指紋照合システム 設計書",
    .quantity = 1,
    .business_id = f->b101,
    .handler_staff_id = f->handler,
    .purpose = "システムの保守",
    .acquired_on = f->today,
    .acquisition_method = "received",
    .acquisition_text = "情報管理課",
    .measure = "store",
    .storage_place_id = f->locked,
    .category = category,
  };

  return spec;
}

static gint64
register_ok (Fixture               *f,
             const JhkMaterialSpec *spec)
{
  g_autoptr(GError) error = NULL;
  gint64 id = jhk_ledger_register_material (f->db, f->unyo, spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
list_has (GPtrArray *list,
          gint64     id)
{
  for (guint i = 0; i < list->len; i++)
    if (((JhkLedgerMaterial *) g_ptr_array_index (list, i))->id == id)
      return TRUE;
  return FALSE;
}

/* A registration refused for the member `field`, database unchanged. */
static void
assert_spec_refused (Fixture               *f,
                     const JhkMaterialSpec *spec,
                     const char            *field)
{
  g_autofree char *before = jhk_test_dump_tables (f->db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  const char *refused = NULL;

  g_assert_cmpint (jhk_ledger_register_material_full (f->db, f->unyo, spec, &refused, &error),
                   ==, 0);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID);
  g_test_message ("refused (%s): %s", refused, error->message);
  g_assert_cmpstr (refused, ==, field);
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);
}

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

/* R18-1: documents, programs and manuals in the one ledger, by category,
 * with the ledger's own list and history; a copy keeps its category. */
static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec doc_spec = sysdoc (f, "system_document");
  JhkMaterialSpec prog_spec = sysdoc (f, "program");
  JhkMaterialSpec manual_spec = sysdoc (f, "manual");
  JhkMaterialSpec io_spec = sysdoc (f, NULL);
  gint64 doc, prog, manual, io, copy = 0;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(JhkLedgerMaterial) m = NULL;
  g_autoptr(JhkLedgerMaterial) c = NULL;

  prog_spec.name = "指紋照合プログラム 媒体";
  manual_spec.name = "指紋照合端末 取扱説明書";
  manual_spec.storage_place_id = f->shelf;
  io_spec.name = "照合依頼書";
  io_spec.storage_place_id = f->shelf;
  doc = register_ok (f, &doc_spec);
  prog = register_ok (f, &prog_spec);
  manual = register_ok (f, &manual_spec);
  io = register_ok (f, &io_spec);

  docs = jhk_ledger_query_list_full (f->db, f->unyo,
                                     &(JhkLedgerFilter) { .office_id = f->office,
                                                          .category = "system_document" },
                                     &error);
  g_assert_no_error (error);
  g_assert_true (list_has (docs, doc));
  g_assert_false (list_has (docs, prog));
  g_assert_false (list_has (docs, manual));
  g_assert_false (list_has (docs, io));
  for (guint i = 0; i < docs->len; i++)
    g_assert_cmpstr (((JhkLedgerMaterial *) g_ptr_array_index (docs, i))->category, ==,
                     "system_document");

  /* 複写 on the ledger's own event: the copy is a system document too. */
  g_assert_true (jhk_sysdocs_add_viewer (f->db, f->unyo, doc, f->shokuin_staff, &error));
  g_assert_no_error (error);
  jhk_ledger_record_event (f->db, f->unyo, doc, &(JhkMaterialEvent) {
                             .kind = "copy", .happened_on = f->today, .quantity = 1,
                             .handler_staff_id = f->handler, .copy_basis = "maintenance_test" },
                           &copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, 0);
  /* The ledger page's list, filtered by category. */
  {
    g_autoptr(JhkQueryModel) model = jhk_lists_materials (f->db, f->office);
    JhkMaterialsFilter filter = JHK_MATERIALS_FILTER_ANY;
    gint64 n = 0;

    filter.category = "program";
    jhk_lists_materials_filter (model, &filter);
    g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                       "SELECT COUNT(*) FROM materials WHERE org_unit_id = ?"
                                       " AND category = 'program'",
                                       JHK_I (f->office), JHK_DB_END));
    g_assert_cmpint (n, >=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  }
  c = jhk_ledger_query_material (f->db, f->shokuin, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->category, ==, "system_document");
  m = jhk_ledger_query_material (f->db, f->unyo, io, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (m->category, ==, "io");
}

/* R18-1: the fields of input and output materials that do not apply are
 * refused: personal data (第16, 第17), the creation reason (R17-1). */
static void
test_io_fields (Fixture       *f,
                gconstpointer  data)
{
  JhkMaterialSpec spec = sysdoc (f, "system_document");

  spec.personal_data = TRUE;
  assert_spec_refused (f, &spec, "personal_data");
  spec = sysdoc (f, "program");
  spec.creation_reason = "law";
  assert_spec_refused (f, &spec, "creation_reason");
  spec = sysdoc (f, "blueprint");
  assert_spec_refused (f, &spec, "category");
}

/* R18-2: stored system documents and programs only under lock. */
static void
test_locked (Fixture       *f,
             gconstpointer  data)
{
  JhkMaterialSpec spec = sysdoc (f, "system_document");

  spec.storage_place_id = f->shelf;
  assert_spec_refused (f, &spec, "storage_place_id");
  spec = sysdoc (f, "program");
  spec.storage_place_id = f->shelf;
  assert_spec_refused (f, &spec, "storage_place_id");
}

/* R18-4: a manual is stored in its department's set place; a designated
 * one under lock. */
static void
test_manual_place (Fixture       *f,
                   gconstpointer  data)
{
  JhkMaterialSpec spec = sysdoc (f, "manual");

  spec.measure = "other";
  spec.measure_text = "机上に置く";
  spec.storage_place_id = 0;
  assert_spec_refused (f, &spec, "measure");
  spec = sysdoc (f, "manual");
  spec.storage_place_id = f->shelf;
  spec.designated = TRUE;
  spec.designated_by = f->gyomu_staff;
  assert_spec_refused (f, &spec, "storage_place_id");
  spec.storage_place_id = f->locked;
  register_ok (f, &spec);
}

/* R18-5: a manual printed from an electronic one is tracked and ends
 * shredded, by no other disposition. */
static void
test_printed_manual (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec spec = sysdoc (f, "system_document");
  gint64 printed;

  spec.acquisition_method = "printed";
  spec.acquisition_text = NULL;
  spec.printed_manual = TRUE;
  assert_spec_refused (f, &spec, "printed_manual");
  spec = sysdoc (f, "manual");
  spec.printed_manual = TRUE;   /* received, not printed */
  assert_spec_refused (f, &spec, "printed_manual");

  spec = sysdoc (f, "manual");
  spec.acquisition_method = "printed";
  spec.acquisition_text = NULL;
  spec.printed_manual = TRUE;
  spec.measure = "dispose_without_storing";
  spec.storage_place_id = 0;
  spec.disposed_on = f->today;
  spec.disposal_method = "incinerate";
  assert_spec_refused (f, &spec, "disposal_method");
  spec.disposal_method = "shred";
  register_ok (f, &spec);

  spec = sysdoc (f, "manual");
  spec.acquisition_method = "printed";
  spec.acquisition_text = NULL;
  spec.printed_manual = TRUE;
  spec.storage_place_id = f->shelf;
  printed = register_ok (f, &spec);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->unyo, printed,
                                                &(JhkMaterialDisposition) {
                                                  .kind = "dispose", .happened_on = f->today,
                                                  .method = "incinerate",
                                                  .handler_staff_id = f->handler }, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->unyo, printed,
                                                &(JhkMaterialDisposition) {
                                                  .kind = "hand_over", .happened_on = f->today,
                                                  .counterpart = "東警察署",
                                                  .handler_staff_id = f->handler }, refusal));
  g_assert_true (jhk_ledger_final_disposition (f->db, f->unyo, printed,
                                               &(JhkMaterialDisposition) {
                                                 .kind = "dispose", .happened_on = f->today,
                                                 .method = "shred",
                                                 .handler_staff_id = f->handler }, &error));
  g_assert_no_error (error);
}

/* R18-3: a system document is seen by the office's ledger keepers, the
 * システム管理者 and the staff named for it, by nobody else; the office's
 * 運用管理者 names them. */
static void
test_viewers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec doc_spec = sysdoc (f, "system_document");
  JhkMaterialSpec io_spec = sysdoc (f, NULL);
  JhkMaterialSpec manual_spec = sysdoc (f, "manual");
  gint64 doc, io, manual;
  g_autoptr(JhkLedgerMaterial) seen = NULL;
  g_autoptr(JhkLedgerMaterial) by_admin = NULL;
  g_autoptr(JhkLedgerMaterial) none = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) viewers = NULL;

  io_spec.storage_place_id = f->shelf;
  manual_spec.storage_place_id = f->shelf;
  doc = register_ok (f, &doc_spec);
  io = register_ok (f, &io_spec);
  manual = register_ok (f, &manual_spec);

  none = jhk_ledger_query_material (f->db, f->shokuin, doc, &error);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);

  /* Named by the 情報管理者 or for an input material: refused. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_sysdocs_add_viewer (f->db, f->kanri, doc, f->shokuin_staff, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_sysdocs_add_viewer (f->db, f->unyo, io, f->shokuin_staff, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_sysdocs_add_viewer (f->db, f->unyo, manual, f->shokuin_staff, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_sysdocs_add_viewer (f->db, f->unyo, doc, 999999999, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_sysdocs_remove_viewer (f->db, f->unyo, doc, f->shokuin_staff, refusal));

  g_assert_true (jhk_sysdocs_add_viewer (f->db, f->unyo, doc, f->shokuin_staff, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_sysdocs_add_viewer (f->db, f->unyo, doc, f->shokuin_staff, refusal));

  seen = jhk_ledger_query_material (f->db, f->shokuin, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->name, ==, doc_spec.name);
  by_admin = jhk_ledger_query_material (f->db, f->admin, doc, &error);
  g_assert_no_error (error);
  viewers = jhk_sysdocs_list_viewers (f->db, f->unyo, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viewers->len, ==, 1);
  g_assert_cmpint (((JhkSysdocViewer *) g_ptr_array_index (viewers, 0))->staff_id, ==,
                   f->shokuin_staff);

  /* The viewer's list: the documents they are named for (the demo names
   * them for one more) and nothing else of the office. */
  list = jhk_ledger_query_list (f->db, f->shokuin, f->office, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (list_has (list, doc));
  g_assert_false (list_has (list, io));
  for (guint i = 0; i < list->len; i++)
    {
      JhkLedgerMaterial *m = g_ptr_array_index (list, i);

      g_assert_true (jhk_sysdocs_is_restricted (m->category));
      g_assert_true (jhk_db_query_int64 (f->db, NULL, NULL,
                                         "SELECT staff_id FROM material_viewers"
                                         " WHERE material_id = ? AND staff_id = ?",
                                         JHK_I (m->id), JHK_I (f->shokuin_staff), JHK_DB_END));
    }
  g_clear_pointer (&list, g_ptr_array_unref);
  none = jhk_ledger_query_material (f->db, f->shokuin, io, &error);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (jhk_sysdocs_remove_viewer (f->db, f->unyo, doc, f->shokuin_staff, &error));
  g_assert_no_error (error);
  none = jhk_ledger_query_material (f->db, f->shokuin, doc, &error);
  g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = jhk_ledger_query_list (f->db, f->shokuin, f->office, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (list_has (list, doc));
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Another member of staff named for nothing: the ledger is not theirs. */
  {
    g_autoptr(JhkSession) kanbu = jhk_test_login (f->db, "chuo-kanbu");

    list = jhk_ledger_query_list (f->db, kanbu, f->office, NULL, &error);
    g_assert_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED);
    g_assert_null (list);
  }
}

/* R18-1: a spreadsheet ledger imports with its 種別 column; an unknown
 * 種別, or a system document on an open shelf (R18-2), refuses the whole
 * file, database unchanged. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkImportReport) report = NULL;
  g_autoptr(JhkImportReport) bad = NULL;
  g_autoptr(JhkImportReport) open_shelf = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const char header[] =
    "資料区分,資料名,数量,業務,所属,取扱者,使用目的,入手年月日,入手方法,受領先,"
    "入手後の措置,保管先,種別\n";
  g_autofree char *good = g_strconcat (header,
    "入力,照合システム 設計書（取込）,1,B101,910,C9113,保守,2026/04/01,受領,情報管理課,保管,"
    "試験用 文書庫,システムドキュメント\n"
    "入力,照合端末 操作手順（取込）,1,B101,910,C9113,運用,2026/04/01,印字出力,,保管,"
    "試験用 警務課 説明書棚,取扱説明書（印刷）\n"
    "出力,照合結果（取込）,1,B101,910,C9113,捜査,2026/04/01,印字出力,,保管,"
    "試験用 文書庫,\n", NULL);
  g_autofree char *unknown = g_strconcat (header,
    "入力,設計図（取込）,1,B101,910,C9113,保守,2026/04/01,受領,情報管理課,保管,"
    "試験用 文書庫,設計図\n", NULL);
  g_autofree char *unlocked = g_strconcat (header,
    "入力,設計書（書棚）,1,B101,910,C9113,保守,2026/04/01,受領,情報管理課,保管,"
    "試験用 警務課 説明書棚,システムドキュメント\n", NULL);
  gint64 n = 0;

  before = jhk_test_dump_tables (f->db);
  bad = jhk_import_materials (f->db, f->unyo, unknown, strlen (unknown), FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (bad->committed);
  g_assert_cmpuint (bad->errors->len, ==, 1);
  g_assert_cmpstr (((JhkImportError *) g_ptr_array_index (bad->errors, 0))->column, ==, "種別");
  open_shelf = jhk_import_materials (f->db, f->unyo, unlocked, strlen (unlocked), FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (open_shelf->committed);
  g_assert_cmpuint (open_shelf->errors->len, ==, 1);
  g_assert_cmpstr (((JhkImportError *) g_ptr_array_index (open_shelf->errors, 0))->column, ==,
                   "保管先");
  after = jhk_test_dump_tables (f->db);
  g_assert_cmpstr (after, ==, before);

  report = jhk_import_materials (f->db, f->unyo, good, strlen (good), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < report->errors->len; i++)
    g_test_message ("line %u %s: %s",
                    ((JhkImportError *) g_ptr_array_index (report->errors, i))->line,
                    ((JhkImportError *) g_ptr_array_index (report->errors, i))->column,
                    ((JhkImportError *) g_ptr_array_index (report->errors, i))->message);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT COUNT(*) FROM materials WHERE name LIKE '%（取込）'"
                                     " AND ((category = 'system_document' AND printed_manual = 0)"
                                     " OR (category = 'manual' AND printed_manual = 1)"
                                     " OR (category = 'io' AND printed_manual = 0))", JHK_DB_END));
  g_assert_cmpint (n, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/sysdocs/R18-1/categories-on-the-ledger", test_categories);
  ADD ("/sysdocs/R18-1/io-only-fields-refused", test_io_fields);
  ADD ("/sysdocs/R18-2/locked-place", test_locked);
  ADD ("/sysdocs/R18-4/manual-set-place", test_manual_place);
  ADD ("/sysdocs/R18-5/printed-manual-shredded", test_printed_manual);
  ADD ("/sysdocs/R18-3/viewing-restricted", test_viewers);
  ADD ("/sysdocs/R18-1/import-with-category", test_import);
#undef ADD

  return jhk_test_run ();
}
