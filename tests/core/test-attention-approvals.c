/* test-attention-approvals.c: issue 4, the dashboard's items for the
 * requests for approval (R15-2, R16-2) and the confirmations of 様式第1号
 * (R17-11): the 総括責任者's pending requests (workspace "approvals"), the
 * final boxes waiting for a signer, and the requester's decided requests.
 * Runs on SQLite and, with `meson test --setup postgresql`, on PostgreSQL.
 */
#include "jhk-approvals.h"
#include "jhk-attention.h"
#include "jhk-signoffs.h"
#include "jhk-test-util.h"

static const JhkAttentionItem *
require_item (GPtrArray  *items,
              const char *key)
{
  const JhkAttentionItem *item = jhk_test_attention_item (items, key);

  if (item == NULL)
    g_error ("No dashboard item %s", key);
  return item;
}

static void
test_items (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(JhkSession) soukatsu = jhk_test_login (db, "soukatsu");
  g_autoptr(JhkSession) unyo = jhk_test_login (db, "chuo-unyo");
  g_autoptr(JhkSession) kanri = jhk_test_login (db, "chuo-kanri");
  g_autoptr(JhkSession) hojo = jhk_test_login (db, "chuo-hojo");
  g_autoptr(GPtrArray) pending = jhk_approvals_list_pending_for (db, soukatsu, NULL);
  g_autoptr(GPtrArray) boxes = jhk_signoffs_waiting_for (db, unyo, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const JhkAttentionItem *item;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The 総括責任者: the pending requests, in the Approvals workspace. */
  g_assert_nonnull (pending);
  g_assert_cmpuint (pending->len, >, 0);
  items = jhk_attention_ledger (db, soukatsu);
  item = require_item (items, "approvals.pending");
  g_assert_cmpuint (item->count, ==, pending->len);
  g_assert_cmpstr (item->workspace, ==, "approvals");
  g_test_message ("%s: %s", item->title, item->subtitle);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Nobody else decides: no such item for the office's keepers. */
  items = jhk_attention_ledger (db, kanri);
  g_assert_null (jhk_test_attention_item (items, "approvals.pending"));
  /* The demo's declined request, decided today, is the requester's news. */
  item = require_item (items, "ledger.approvals");
  g_assert_cmpuint (item->count, >=, 1);
  g_assert_cmpstr (item->workspace, ==, "ledger");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The 運用管理者's final box waits; the 補助者 signed theirs. */
  g_assert_nonnull (boxes);
  g_assert_cmpuint (boxes->len, >, 0);
  items = jhk_attention_ledger (db, unyo);
  item = require_item (items, "ledger.signoffs");
  g_assert_cmpuint (item->count, ==, boxes->len);
  g_assert_cmpstr (item->workspace, ==, "ledger");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = jhk_attention_ledger (db, hojo);
  g_assert_null (jhk_test_attention_item (items, "ledger.signoffs"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Once decided, the request leaves the 総括責任者's list; reading the
   * items writes nothing. */
  g_assert_true (jhk_approvals_approve (db, soukatsu,
                                        ((JhkApproval *) g_ptr_array_index (pending, 0))->id,
                                        NULL, &error));
  g_assert_no_error (error);
  before = jhk_test_dump_tables (db);
  items = jhk_attention_ledger (db, soukatsu);
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (after, ==, before);
  item = jhk_test_attention_item (items, "approvals.pending");
  if (pending->len == 1)
    g_assert_null (item);
  else
    g_assert_cmpuint (item != NULL ? item->count : 0, ==, pending->len - 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attention/R15-2/R16-2/R17-11/approvals-and-signoffs", test_items);
  return jhk_test_run ();
}
