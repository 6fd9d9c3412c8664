/* test-ledger.c: issue 4, the materials ledger's model and rules
 * (R15-1, R15-3, R15-5, R15-6, R16-3, R17-1, R17-3, R17-6/7, R17-11), and
 * 保管せず廃棄 registered with its disposal.
 *
 * Every successful write adds one audit entry; every refusal leaves every
 * table as it was (jhk_test_dump_tables). Runs on SQLite and, with
 * `meson test --setup postgresql`, on PostgreSQL.
 */
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *kanri;       /* 情報管理者, 中央警察署 警務課 (C9111) */
  JhkSession *unyo;        /* 運用管理者, 中央警察署 */
  JhkSession *higashi;     /* 運用管理者, 東警察署 */
  JhkSession *shokuin;     /* アクセス権者 of 中央警察署: no office role */
  gint64      office;      /* 中央警察署 */
  gint64      b101;        /* approved target business */
  gint64      b104;        /* target business awaiting approval */
  gint64      kanri_staff, koufu_staff, shokuin_staff, gyomu_staff, hojo_staff, higashi_staff;
  gint64      locked, open_shelf;
  char       *today;
  char       *week_ago;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -7);

  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->kanri, "chuo-kanri", &f->unyo, "chuo-unyo",
                       &f->higashi, "higashi-unyo", &f->shokuin, "chuo-shokuin", NULL);
  f->office = jhk_org_find_unit (f->db, "910");
  f->b101 = jhk_org_find_business (f->db, "B101");
  f->b104 = jhk_org_find_business (f->db, "B104");
  f->kanri_staff = jhk_test_staff_id (f->db, "C9111");
  f->hojo_staff = jhk_test_staff_id (f->db, "C9112");
  f->koufu_staff = jhk_test_staff_id (f->db, "C9113");
  f->shokuin_staff = jhk_test_staff_id (f->db, "C9132");
  f->gyomu_staff = jhk_test_staff_id (f->db, "A3101");
  f->higashi_staff = jhk_test_staff_id (f->db, "C9201");
  f->today = jhk_today ();
  f->week_ago = g_date_time_format (then, "%Y-%m-%d");

  f->locked = jhk_ledger_add_storage_place (f->db, f->unyo, f->office, "試験用 施錠保管庫",
                                            TRUE, &error);
  g_assert_no_error (error);
  f->open_shelf = jhk_ledger_add_storage_place (f->db, f->kanri, f->office, "試験用 書棚",
                                                FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->locked, >, 0);
  g_assert_cmpint (f->open_shelf, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->kanri, &f->unyo, &f->higashi, &f->shokuin, NULL);
  g_clear_object (&f->db);
  g_clear_pointer (&f->today, g_free);
  g_clear_pointer (&f->week_ago, g_free);
}

/* A valid personal-data output material of 中央警察署, handled by C9113. */
static JhkMaterialSpec
personal_output (Fixture *f)
{
  JhkMaterialSpec spec = {
    .org_unit_id = f->office,
    .direction = "output",
    .name = "指紋照合結果一覧表",
    .quantity = 3,
    .breakdown = "A4 3枚",
    .summary = "遺留指紋の照合結果",
    .business_id = f->b101,
    .handler_staff_id = f->koufu_staff,
    .purpose = "捜査資料",
    .personal_data = TRUE,
    .creation_reason = "procedure",
    .acquired_on = f->week_ago,
    .acquisition_method = "printed",
    .measure = "store",
    .storage_place_id = f->locked,
  };

  return spec;
}

static gint64
register_ok (Fixture               *f,
             const JhkMaterialSpec *spec)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_ledger_register_material (f->db, f->kanri, spec, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "material.register");
  return id;
}

static gint64
event_ok (Fixture                *f,
          gint64                  material,
          const JhkMaterialEvent *event)
{
  g_autoptr(GError) error = NULL;
  gint64 before = jhk_test_audit_count (f->db);
  gint64 id = jhk_ledger_record_event (f->db, f->kanri, material, event, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  jhk_test_assert_last_action (f->db, before, "material.event");
  return id;
}

#define ASSERT_REFUSED(f, code, call) JHK_TEST_ASSERT_REFUSED ((f)->db, code, call)

static gint64
material_int (Fixture    *f,
              gint64      material,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM materials WHERE id = ?", column);
  gint64 value = -1;

  g_assert_true (jhk_db_query_int64 (f->db, &value, NULL, sql, JHK_I (material), JHK_DB_END));
  return value;
}

static char *
material_text (Fixture    *f,
               gint64      material,
               const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM materials WHERE id = ?", column);
  char *value = NULL;

  g_assert_true (jhk_db_query_text (f->db, &value, NULL, sql, JHK_I (material), JHK_DB_END));
  return value;
}

/* R15-1, R17-11: a material is registered with its audit entry; R17-1:
 * personal-data output needs its creation reason; the business must be
 * approved (R8-1). */
static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);
  g_autofree char *status = NULL;
  gint64 id;

  spec.creation_reason = NULL;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec.creation_reason = "curiosity";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.business_id = f->b104;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.quantity = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.name = "  ";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.acquired_on = "2999-01-01";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.acquisition_method = "received";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec = personal_output (f);
  spec.measure = "store";
  spec.storage_place_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));

  /* Input material needs no reason (R17-1 is about output). */
  spec = personal_output (f);
  spec.direction = "input";
  spec.creation_reason = NULL;
  spec.acquisition_method = "received";
  spec.acquisition_text = "本部鑑識課";
  register_ok (f, &spec);

  spec = personal_output (f);
  id = register_ok (f, &spec);
  status = material_text (f, id, "status");
  g_assert_cmpstr (status, ==, "stored");
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 3);
  g_assert_cmpint (material_int (f, id, "handler_section_id"), ==,
                   jhk_org_find_unit (f->db, "911"));
}

/* 入手後の措置 保管せず廃棄: the material was destroyed at once, so its
 * registration records the final disposition in the same transaction and
 * the material is closed. R15-6: an irrecoverable method; R16-3, R17-3:
 * personal data before the office's 情報管理者, not the handler. Each
 * refusal names the member of the spec at fault and changes nothing. */
static void
test_dispose_without_storing (Fixture       *f,
                              gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);
  JhkMaterialEvent lend = {
    .kind = "lend", .happened_on = f->today, .quantity = 1, .handler_staff_id = f->koufu_staff,
  };
  g_autofree char *status = NULL;
  g_autofree char *method = NULL;
  const char *field = NULL;
  gint64 id, n = -1;

  spec.measure = "dispose_without_storing";
  spec.storage_place_id = 0;
  spec.disposal_method = "shred";
  spec.disposal_witness_id = f->kanri_staff;

  /* No date, a date before the acquisition, or in the future. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposed_on");
  spec.disposed_on = "2000-01-01";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposed_on");
  spec.disposed_on = "2999-01-01";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposed_on");
  spec.disposed_on = f->today;

  /* R15-6: no method, or a recoverable one. */
  spec.disposal_method = NULL;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposal_method");
  spec.disposal_method = "bin";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposal_method");
  spec.disposal_method = "shred";

  /* R16-3, R17-3: no witness, one who is not the 情報管理者, the handler. */
  spec.disposal_witness_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposal_witness_id");
  spec.disposal_witness_id = f->shokuin_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposal_witness_id");
  spec.handler_staff_id = f->kanri_staff;
  spec.disposal_witness_id = f->kanri_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field, refusal));
  g_assert_cmpstr (field, ==, "disposal_witness_id");
  spec.handler_staff_id = f->koufu_staff;
  spec.disposal_witness_id = f->kanri_staff;

  /* A disposal belongs to this measure only. */
  {
    JhkMaterialSpec stored = personal_output (f);

    stored.disposal_method = "shred";
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_ledger_register_material_full (f->db, f->kanri, &stored, &field,
                                                       refusal));
    g_assert_cmpstr (field, ==, "measure");
  }

  /* Registered closed, with its disposition, in one audit entry. */
  id = register_ok (f, &spec);
  status = material_text (f, id, "status");
  g_assert_cmpstr (status, ==, "closed");
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 0);
  g_assert_true (jhk_db_query_text (f->db, &method, NULL,
                                    "SELECT method FROM material_dispositions"
                                    " WHERE material_id = ? AND kind = 'dispose'"
                                    " AND quantity = 3 AND witness_staff_id = ?",
                                    JHK_I (id), JHK_I (f->kanri_staff), JHK_DB_END));
  g_assert_cmpstr (method, ==, "shred");
  /* Nothing but viewing afterwards. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_ledger_record_event (f->db, f->kanri, id, &lend, NULL, refusal));

  /* Without personal data no witness is needed. */
  spec.personal_data = FALSE;
  spec.creation_reason = NULL;
  spec.disposal_witness_id = 0;
  spec.disposal_method = "erase";
  id = register_ok (f, &spec);
  g_assert_true (jhk_db_query_int64 (f->db, &n, NULL,
                                     "SELECT COUNT(*) FROM material_dispositions"
                                     " WHERE material_id = ? AND witness_staff_id IS NULL",
                                     JHK_I (id), JHK_DB_END));
  g_assert_cmpint (n, ==, 1);
}

/* Issue 4: a refused spec names its member (for the import's columns);
 * a refusal of the actor names none. */
static void
test_refusal_field (Fixture       *f,
                    gconstpointer  data)
{
  static const char *const expected[] = {
    "quantity", "business_id", "storage_place_id", "creation_reason", "handler_staff_id",
    "acquired_on", "acquisition_text", "designated_by", "name",
  };
  const char *field = "unset";

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JhkMaterialSpec spec = personal_output (f);

      switch (i)
        {
        case 0: spec.quantity = 0; break;
        case 1: spec.business_id = f->b104; break;
        case 2: spec.storage_place_id = f->open_shelf; break;
        case 3: spec.creation_reason = NULL; break;
        case 4: spec.handler_staff_id = f->higashi_staff; break;
        case 5: spec.acquired_on = "2026-02-30"; break;
        case 6: spec.acquisition_method = "received"; break;
        case 7: spec.designated = TRUE; spec.designated_by = f->kanri_staff; break;
        case 8: spec.name = ""; break;
        default: g_assert_not_reached ();
        }
      ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                      jhk_ledger_register_material_full (f->db, f->kanri, &spec, &field,
                                                         refusal));
      g_assert_cmpstr (field, ==, expected[i]);
    }
  {
    JhkMaterialSpec spec = personal_output (f);

    ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                    jhk_ledger_register_material_full (f->db, f->shokuin, &spec, &field,
                                                       refusal));
    g_assert_null (field);
  }
}

/* Who keeps the ledger: the office's roles, in their own office only. */
static void
test_who (Fixture       *f,
          gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_register_material (f->db, f->higashi, &spec, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_register_material (f->db, f->shokuin, &spec, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_add_storage_place (f->db, f->shokuin, f->office, "机", FALSE,
                                                refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_ledger_add_storage_place (f->db, f->kanri, f->office, "試験用 書棚", FALSE,
                                                refusal));
  /* The handler works in the office. */
  spec.handler_staff_id = f->higashi_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  /* A storage place of another office. */
  {
    g_autoptr(GError) error = NULL;
    gint64 other = jhk_ledger_add_storage_place (f->db, f->higashi, jhk_org_find_unit (f->db, "920"),
                                                 "東署 保管庫", TRUE, &error);

    g_assert_no_error (error);
    spec = personal_output (f);
    spec.storage_place_id = other;
    ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                    jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  }
}

/* R15-5: personal-data and designated materials only in a locked place;
 * R15-3: designated only by the manager of the material's business. */
static void
test_locked_and_designated (Fixture       *f,
                            gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);

  spec.storage_place_id = f->open_shelf;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));

  spec.personal_data = FALSE;
  spec.creation_reason = NULL;
  spec.designated = TRUE;
  spec.designated_by = f->gyomu_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));

  /* Not the business's manager. */
  spec.storage_place_id = f->locked;
  spec.designated_by = f->kanri_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));
  spec.designated = FALSE;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_register_material (f->db, f->kanri, &spec, refusal));

  spec.designated = TRUE;
  spec.designated_by = f->gyomu_staff;
  register_ok (f, &spec);

  /* Neither personal nor designated: any shelf will do. */
  spec.designated = FALSE;
  spec.designated_by = 0;
  spec.storage_place_id = f->open_shelf;
  register_ok (f, &spec);
}

/* The state machine: lend, return, hand over, receive; nothing returned
 * that was not lent, nothing more than exists. */
static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);
  gint64 id = register_ok (f, &spec);
  JhkMaterialEvent ev = {
    .happened_on = f->today,
    .handler_staff_id = f->koufu_staff,
    .counterpart = "刑事課",
  };
  g_autofree char *status = NULL;

  ev.kind = "return";
  ev.quantity = 1;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.kind = "lend";
  ev.quantity = 4;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.quantity = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.quantity = 2;
  ev.happened_on = "2000-01-01";  /* before it was acquired */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.happened_on = f->today;
  ev.kind = "mislaid";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_NOT_FOUND,
                  jhk_ledger_record_event (f->db, f->kanri, id + 1000, &(JhkMaterialEvent) {
                                             .kind = "other", .happened_on = f->today,
                                             .handler_staff_id = f->koufu_staff }, NULL, refusal));
  ev.kind = "lend";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_record_event (f->db, f->higashi, id, &ev, NULL, refusal));

  event_ok (f, id, &ev);  /* 2 of 3 lent */
  status = material_text (f, id, "status");
  g_assert_cmpstr (status, ==, "lent");
  g_assert_cmpint (material_int (f, id, "quantity_lent"), ==, 2);

  /* One left at hand. */
  ev.quantity = 2;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.kind = "hand_over";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.kind = "return";
  ev.quantity = 3;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.quantity = 1;
  ev.confirmed_by = f->kanri_staff;
  event_ok (f, id, &ev);
  ev.confirmed_by = f->hojo_staff;  /* 情報管理者確認 is the 情報管理者's */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.confirmed_by = 0;
  event_ok (f, id, &ev);
  g_clear_pointer (&status, g_free);
  status = material_text (f, id, "status");
  g_assert_cmpstr (status, ==, "stored");
  g_assert_cmpint (material_int (f, id, "quantity_lent"), ==, 0);

  ev.kind = "receive";
  ev.quantity = 2;
  event_ok (f, id, &ev);
  ev.kind = "hand_over";
  ev.quantity = 4;
  event_ok (f, id, &ev);
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 1);
  ev.kind = "other";
  ev.quantity = 0;
  ev.note = "所在確認";
  event_ok (f, id, &ev);
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 1);
}

/* R15-6: partial disposal only by an irrecoverable method; R16-3, R17-3:
 * personal data before the office's 情報管理者, not the handler. */
static void
test_partial_disposal (Fixture       *f,
                       gconstpointer  data)
{
  JhkMaterialSpec spec = personal_output (f);
  gint64 id = register_ok (f, &spec);
  JhkMaterialEvent ev = {
    .kind = "partial_dispose",
    .happened_on = f->today,
    .quantity = 1,
    .handler_staff_id = f->koufu_staff,
    .method = "recycle_bin",
    .witness_staff_id = f->kanri_staff,
  };

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.method = "shred";
  ev.witness_staff_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.witness_staff_id = f->hojo_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.handler_staff_id = f->kanri_staff;
  ev.witness_staff_id = f->kanri_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.handler_staff_id = f->koufu_staff;
  ev.quantity = 4;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.quantity = 1;
  event_ok (f, id, &ev);
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 2);

  /* Not personal data: any irrecoverable method, no witness needed. */
  spec.personal_data = FALSE;
  spec.creation_reason = NULL;
  id = register_ok (f, &spec);
  ev.witness_staff_id = 0;
  ev.method = "dissolve";
  event_ok (f, id, &ev);
}

/* R17-6/7: copies with the business manager's approval or for
 * maintenance and testing; a copy is a material linked to its original. */
static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec spec = personal_output (f);
  gint64 id = register_ok (f, &spec);
  JhkMaterialEvent ev = {
    .kind = "copy",
    .happened_on = f->today,
    .quantity = 1,
    .handler_staff_id = f->koufu_staff,
  };
  gint64 copy = 0, before;

  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.copy_basis = "manager_approval";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.approved_by = f->kanri_staff;  /* not the business's manager */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
  ev.approved_by = f->gyomu_staff;
  before = jhk_test_audit_count (f->db);
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, id, &ev, &copy, &error), >, 0);
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "material.event");
  g_assert_cmpint (copy, >, id);
  g_assert_cmpint (material_int (f, copy, "original_id"), ==, id);
  g_assert_cmpint (material_int (f, copy, "quantity_on_hand"), ==, 1);
  g_assert_cmpint (material_int (f, copy, "personal_data"), ==, 1);
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 3);

  /* The copy has its own history. */
  ev.copy_basis = "maintenance_test";
  ev.approved_by = 0;
  event_ok (f, copy, &ev);
}

/* The final disposition: witnessed and irrecoverable for personal data
 * (R15-6, R16-3, R17-3), not while lent out, once; after it nothing but
 * viewing. */
static void
test_final_disposition (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec spec = personal_output (f);
  gint64 id = register_ok (f, &spec);
  JhkMaterialEvent lend = {
    .kind = "lend", .happened_on = f->today, .quantity = 1, .handler_staff_id = f->koufu_staff,
  };
  JhkMaterialDisposition d = {
    .kind = "dispose",
    .happened_on = f->today,
    .method = "incinerate",
    .handler_staff_id = f->koufu_staff,
    .witness_staff_id = f->kanri_staff,
  };
  g_autofree char *status = NULL;
  gint64 before;

  event_ok (f, id, &lend);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  lend.kind = "return";
  event_ok (f, id, &lend);

  d.method = "bin";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.method = NULL;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.method = "incinerate";
  d.witness_staff_id = 0;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.witness_staff_id = f->shokuin_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.handler_staff_id = f->kanri_staff;
  d.witness_staff_id = f->kanri_staff;
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.handler_staff_id = f->koufu_staff;
  d.witness_staff_id = f->kanri_staff;
  d.kind = "lost";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  d.kind = "dispose";
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_DENIED,
                  jhk_ledger_final_disposition (f->db, f->higashi, id, &d, refusal));

  before = jhk_test_audit_count (f->db);
  g_assert_true (jhk_ledger_final_disposition (f->db, f->kanri, id, &d, &error));
  g_assert_no_error (error);
  jhk_test_assert_last_action (f->db, before, "material.dispose");
  status = material_text (f, id, "status");
  g_assert_cmpstr (status, ==, "closed");
  g_assert_cmpint (material_int (f, id, "quantity_on_hand"), ==, 0);

  /* Closed: no event of any kind, no second disposition. */
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  for (const char *const *k = (const char *const[]) { "lend", "return", "copy", "hand_over",
                                                        "receive", "other", NULL }; *k; k++)
    {
      JhkMaterialEvent ev = {
        .kind = *k, .happened_on = f->today, .quantity = 1, .handler_staff_id = f->koufu_staff,
        .copy_basis = "maintenance_test",
      };

      ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                      jhk_ledger_record_event (f->db, f->kanri, id, &ev, NULL, refusal));
    }

  /* A return to its sender needs no method or witness. */
  spec.personal_data = FALSE;
  spec.creation_reason = NULL;
  id = register_ok (f, &spec);
  d.kind = "return";
  d.method = NULL;
  d.witness_staff_id = 0;
  d.counterpart = "本部鑑識課";
  g_assert_true (jhk_ledger_final_disposition (f->db, f->kanri, id, &d, &error));
  g_assert_no_error (error);
}

/* Two workstations: the second acts on what the first did, read inside
 * its own write transaction, not on what it saw before (no lost update). */
static void
test_two_workstations (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JhkMaterialSpec spec = personal_output (f);
  gint64 id = register_ok (f, &spec);
  g_autoptr(JhkDb) other = jhk_db_open_again (f->db, JHK_DB_OPEN_DEFAULT, &error);
  g_autoptr(JhkSession) unyo = NULL;
  JhkMaterialEvent lend = {
    .kind = "lend", .happened_on = f->today, .quantity = 2, .handler_staff_id = f->koufu_staff,
  };
  JhkMaterialDisposition d = {
    .kind = "dispose", .happened_on = f->today, .method = "shred",
    .handler_staff_id = f->koufu_staff, .witness_staff_id = f->kanri_staff,
  };

  g_assert_no_error (error);
  unyo = jhk_test_login (other, "chuo-unyo");
  /* Both see 3 at hand; each lends 2: the second is refused. */
  g_assert_cmpint (jhk_ledger_record_event (f->db, f->kanri, id, &lend, NULL, &error), >, 0);
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_INVALID,
                  jhk_ledger_record_event (other, unyo, id, &lend, NULL, refusal));
  lend.kind = "return";
  g_assert_cmpint (jhk_ledger_record_event (other, unyo, id, &lend, NULL, &error), >, 0);
  g_assert_no_error (error);
  /* Both dispose: one disposition. */
  g_assert_true (jhk_ledger_final_disposition (other, unyo, id, &d, &error));
  g_assert_no_error (error);
  ASSERT_REFUSED (f, JHK_POLICY_ERROR_CONFLICT,
                  jhk_ledger_final_disposition (f->db, f->kanri, id, &d, refusal));
  g_assert_cmpint (material_int (f, id, "quantity_lent"), ==, 0);
}

/* On PostgreSQL the ledger's tables are under row-level security (0004's
 * rules) and notify the workstations of changes (0003's trigger, added by
 * the backend after each later migration). */
static void
test_pg_tables (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  static const char *const tables[] = { "storage_places", "materials", "material_events",
                                        "material_dispositions" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 rls = 0, triggers = 0, policies = 0;

      g_assert_true (jhk_db_query_int64 (db, &rls, NULL,
                                         "SELECT CASE WHEN relrowsecurity THEN 1 ELSE 0 END"
                                         " FROM pg_class WHERE oid = to_regclass (?)",
                                         JHK_T (tables[i]), JHK_DB_END));
      g_assert_true (jhk_db_query_int64 (db, &triggers, NULL,
                                         "SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = to_regclass (?)"
                                         " AND tgname = 'jhk_notify_changed'",
                                         JHK_T (tables[i]), JHK_DB_END));
      g_assert_true (jhk_db_query_int64 (db, &policies, NULL,
                                         "SELECT COUNT(*) FROM pg_policy WHERE polrelid = to_regclass (?)",
                                         JHK_T (tables[i]), JHK_DB_END));
      g_test_message ("%s: rls %" G_GINT64_FORMAT ", notify %" G_GINT64_FORMAT
                      ", %" G_GINT64_FORMAT " policies", tables[i], rls, triggers, policies);
      g_assert_cmpint (rls, ==, 1);
      g_assert_cmpint (triggers, ==, 1);
      g_assert_cmpint (policies, >=, 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ledger/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register/R15-1-R17-1", test_register);
  ADD ("register/who-keeps-the-ledger", test_who);
  ADD ("register/R15-3-R15-5", test_locked_and_designated);
  ADD ("register/issue-4-refusal-names-its-field", test_refusal_field);
  ADD ("register/R15-6-R16-3-R17-3-dispose-without-storing", test_dispose_without_storing);
  ADD ("events/state-machine", test_events);
  ADD ("events/R15-6-R16-3-R17-3-partial-disposal", test_partial_disposal);
  ADD ("events/R17-6-7-copy", test_copy);
  ADD ("final/R15-6-R16-3-R17-3", test_final_disposition);
  ADD ("final/two-workstations", test_two_workstations);
#undef ADD
  if (jhk_test_backend_is_pg ())
    g_test_add_func ("/ledger/pg/security-and-notify", test_pg_tables);

  return jhk_test_run ();
}
