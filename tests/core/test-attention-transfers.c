/* test-attention-transfers.c: issue 4, the dashboard's transfer items and
 * the 交付等 page's "why not" (R17-5, R17-8, R17-9).
 *
 * The demo's 中央警察署 has two transfers its 運用管理者 has not
 * confirmed (職員携行, ファイルサーバ) and one file still to be deleted
 * from the shared folder; a transfer to 西警察署 waits for its 受入. Each
 * item counts what the user may act on now, and goes when it is done.
 */
#include "jhk-attention.h"
#include "jhk-delivery-actions.h"
#include "jhk-ledger.h"
#include "jhk-org.h"
#include "jhk-settings.h"
#include "jhk-test-util.h"

typedef struct
{
  JhkDb      *db;
  JhkSession *unyo;      /* 運用管理者, 中央警察署 */
  JhkSession *kanri;     /* 情報管理者, 中央警察署 */
  JhkSession *koufu;     /* 交付等担当者 C9113 */
  JhkSession *shokuin;   /* アクセス権者, 中央警察署 */
  JhkSession *nishi;     /* 運用管理者, 西警察署 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = jhk_test_demo_db ();
  jhk_test_login_many (f->db, &f->unyo, "chuo-unyo", &f->kanri, "chuo-kanri",
                       &f->koufu, "chuo-koufu", &f->shokuin, "chuo-shokuin",
                       &f->nishi, "nishi-unyo", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  jhk_test_clear_sessions (&f->unyo, &f->kanri, &f->koufu, &f->shokuin, &f->nishi, NULL);
  g_clear_object (&f->db);
}

/* The count of the item key for the session, 0 when it is not listed. */
static guint
item_count (Fixture    *f,
            JhkSession *session,
            const char *key)
{
  g_autoptr(GPtrArray) items = jhk_attention_transfers (f->db, session);

  jhk_test_assert_attention_items (items, "transfers");
  return jhk_test_attention_count (items, key);
}

static JhkTransferRecord *
find_transfer (Fixture    *f,
               const char *method)
{
  g_autoptr(GPtrArray) list = jhk_delivery_list_transfers (f->db, f->unyo, 0,
                                                           JHK_TRANSFER_LIST_ALL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      JhkTransferRecord *r = g_ptr_array_index (list, i);

      if (g_str_equal (r->method, method))
        {
          JhkTransferRecord *copy = jhk_delivery_get_transfer (f->db, f->unyo, r->id, &error);

          g_assert_no_error (error);
          return copy;
        }
    }
  g_assert_not_reached ();
}

static JhkTransferRecord *
reload (Fixture           *f,
        JhkTransferRecord *r)
{
  g_autoptr(GError) error = NULL;
  JhkTransferRecord *copy = jhk_delivery_get_transfer (f->db, f->unyo, r->id, &error);

  g_assert_no_error (error);
  jhk_transfer_record_free (r);
  return copy;
}

/* R17-9: the 運用管理者 sees what to confirm; nobody else may. */
static void
test_confirm (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTransferRecord) carried = find_transfer (f, "carried");
  g_autoptr(JhkTransferRecord) courier = find_transfer (f, "courier");

  g_assert_cmpuint (item_count (f, f->unyo, "transfers.confirm"), ==, 2);
  g_assert_cmpuint (item_count (f, f->kanri, "transfers.confirm"), ==, 0);
  g_assert_cmpuint (item_count (f, f->koufu, "transfers.confirm"), ==, 0);
  g_assert_cmpuint (item_count (f, f->nishi, "transfers.confirm"), ==, 0);

  g_assert_null (jhk_delivery_confirm_refusal (f->db, f->unyo, carried));
  g_assert_nonnull (jhk_delivery_confirm_refusal (f->db, f->kanri, carried));
  g_assert_nonnull (jhk_delivery_confirm_refusal (f->db, f->nishi, carried));
  /* Confirmed already. */
  g_assert_nonnull (jhk_delivery_confirm_refusal (f->db, f->unyo, courier));

  /* The refusal is the service's own. */
  {
    g_autofree char *before = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;

    g_assert_false (jhk_delivery_confirm (f->db, f->kanri, carried->id, &error));
    g_assert_cmpstr (error->message, ==,
                     jhk_delivery_confirm_refusal (f->db, f->kanri, carried));
    g_clear_error (&error);
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (jhk_delivery_confirm (f->db, f->unyo, carried->id, &error));
  g_assert_no_error (error);
  carried = reload (f, carried);
  g_assert_nonnull (jhk_delivery_confirm_refusal (f->db, f->unyo, carried));
  g_assert_cmpuint (item_count (f, f->unyo, "transfers.confirm"), ==, 1);
}

/* R17-5(1)エ, (2): the sent file's deletion waits on its officer and the
 * office's keepers; a transfer on paper has nothing to delete. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTransferRecord) file = find_transfer (f, "file_server");
  g_autoptr(JhkTransferRecord) courier = find_transfer (f, "courier");
  g_autofree char *today = jhk_today ();

  g_assert_cmpuint (item_count (f, f->koufu, "transfers.deleted"), ==, 1);
  g_assert_cmpuint (item_count (f, f->kanri, "transfers.deleted"), ==, 1);
  g_assert_cmpuint (item_count (f, f->unyo, "transfers.deleted"), ==, 1);
  g_assert_cmpuint (item_count (f, f->shokuin, "transfers.deleted"), ==, 0);
  g_assert_cmpuint (item_count (f, f->nishi, "transfers.deleted"), ==, 0);

  g_assert_null (jhk_delivery_deleted_refusal (f->db, f->koufu, file));
  g_assert_nonnull (jhk_delivery_deleted_refusal (f->db, f->nishi, file));
  g_assert_nonnull (jhk_delivery_deleted_refusal (f->db, f->koufu, courier));

  {
    g_autofree char *before = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;

    g_assert_false (jhk_delivery_confirm_deleted (f->db, f->kanri, courier->id, today, &error));
    g_assert_cmpstr (error->message, ==,
                     jhk_delivery_deleted_refusal (f->db, f->kanri, courier));
    g_clear_error (&error);
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (jhk_delivery_confirm_deleted (f->db, f->koufu, file->id, today, &error));
  g_assert_no_error (error);
  file = reload (f, file);
  g_assert_nonnull (jhk_delivery_deleted_refusal (f->db, f->koufu, file));
  g_assert_cmpuint (item_count (f, f->koufu, "transfers.deleted"), ==, 0);
  g_assert_cmpuint (item_count (f, f->kanri, "transfers.deleted"), ==, 0);
}

/* R17-8: 受入 is for the receiving office's keepers, once; a transfer
 * outside the organisation is received by nobody. */
static void
test_receive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkTransferRecord) fax = find_transfer (f, "fax");
  g_autoptr(JhkTransferRecord) sent = NULL;
  g_autofree char *today = jhk_today ();
  gint64 nishi_office = jhk_org_find_unit (f->db, "930");
  gint64 material = 0, place, t;

  g_assert_true (jhk_db_query_int64 (f->db, &material, NULL,
                                     "SELECT id FROM materials WHERE name = ?",
                                     JHK_T ("被疑者指紋照会結果"), JHK_DB_END));
  t = jhk_delivery_send (f->db, f->kanri, &(JhkTransferSpec) {
      .material_id = material, .method = "courier", .sent_on = today, .quantity = 1,
      .officer_staff_id = jhk_org_find_staff (f->db, "C9113"), .to_office_id = nishi_office },
      NULL, &error);
  g_assert_no_error (error);
  sent = jhk_delivery_get_transfer (f->db, f->nishi, t, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (item_count (f, f->nishi, "transfers.receive"), ==, 1);
  g_assert_cmpuint (item_count (f, f->unyo, "transfers.receive"), ==, 0);
  g_assert_cmpuint (item_count (f, f->kanri, "transfers.receive"), ==, 0);
  g_assert_null (jhk_delivery_receive_refusal (f->db, f->nishi, sent));
  g_assert_nonnull (jhk_delivery_receive_refusal (f->db, f->unyo, sent));
  g_assert_nonnull (jhk_delivery_receive_refusal (f->db, f->nishi, fax));

  {
    g_autofree char *before = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;

    g_assert_cmpint (jhk_delivery_receive (f->db, f->unyo, t, today,
                                           jhk_org_find_staff (f->db, "C9301"), 0, &error), ==, 0);
    g_assert_cmpstr (error->message, ==, jhk_delivery_receive_refusal (f->db, f->unyo, sent));
    g_clear_error (&error);
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, before);
  }

  place = jhk_ledger_add_storage_place (f->db, f->nishi, nishi_office, "試験用 施錠保管庫", TRUE,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (jhk_delivery_receive (f->db, f->nishi, t, today,
                                         jhk_org_find_staff (f->db, "C9301"), place, &error), >, 0);
  g_assert_no_error (error);
  sent = jhk_delivery_get_transfer (f->db, f->nishi, t, &error);
  g_assert_nonnull (jhk_delivery_receive_refusal (f->db, f->nishi, sent));
  g_assert_cmpuint (item_count (f, f->nishi, "transfers.receive"), ==, 0);
}

/* R17-5, 第17-5: only the office's 運用管理者 keeps its registers. */
static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  gint64 chuo = jhk_org_find_unit (f->db, "910");
  g_autoptr(GArray) offices = jhk_delivery_register_offices (f->db, f->unyo);
  g_autoptr(GArray) none = jhk_delivery_register_offices (f->db, f->kanri);
  g_autoptr(GError) error = NULL;

  g_assert_null (jhk_delivery_register_refusal (f->db, f->unyo, chuo));
  g_assert_nonnull (jhk_delivery_register_refusal (f->db, f->kanri, chuo));
  g_assert_nonnull (jhk_delivery_register_refusal (f->db, f->koufu, chuo));
  g_assert_nonnull (jhk_delivery_register_refusal (f->db, f->nishi, chuo));
  g_assert_cmpuint (offices->len, ==, 1);
  g_assert_cmpint (g_array_index (offices, gint64, 0), ==, chuo);
  g_assert_cmpuint (none->len, ==, 0);

  {
    g_autofree char *before = jhk_test_dump_tables (f->db);
    g_autofree char *after = NULL;

    g_assert_cmpint (jhk_delivery_add_channel (f->db, f->kanri, &(JhkDeliveryChannelSpec) {
        .org_unit_id = chuo, .kind = "fax", .name = "試験", .address = "03-0000-0000" },
        &error), ==, 0);
    g_assert_cmpstr (error->message, ==, jhk_delivery_register_refusal (f->db, f->kanri, chuo));
    after = jhk_test_dump_tables (f->db);
    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/attention/R17-9/transfers-to-confirm", Fixture, NULL, fixture_set_up,
              test_confirm, fixture_tear_down);
  g_test_add ("/attention/R17-5/deletions-to-confirm", Fixture, NULL, fixture_set_up,
              test_deleted, fixture_tear_down);
  g_test_add ("/attention/R17-8/transfers-to-receive", Fixture, NULL, fixture_set_up,
              test_receive, fixture_tear_down);
  g_test_add ("/transfers/R17-5/register-why-not", Fixture, NULL, fixture_set_up,
              test_register, fixture_tear_down);
  return jhk_test_run ();
}
