/* test-demo-ledger.c: the demo's materials ledger (issue 4, "Done when": a
 * realistic ledger of hundreds of materials across the demo offices, every
 * kind of event, personal-data transfers, disposals), made through the
 * services, so that it obeys R15-R17 and every row is audited. */
#include <glib/gi18n-lib.h>

#include "jhk-audit.h"
#include "jhk-demo.h"
#include "jhk-org.h"
#include "jhk-test-util.h"

#define count(db, sql) jhk_test_query_int ((db), (sql), JHK_DB_END)

/* The ledger's contents without ids and clock times, one line a row. */
static char *
ledger_text (JhkDb *db)
{
  static const char *const queries[] = {
    "SELECT o.code, m.direction, m.name, CAST(m.quantity AS TEXT), m.acquired_on, m.status,"
    " CAST(m.personal_data AS TEXT), CAST(m.designated AS TEXT), CAST(m.quantity_on_hand AS TEXT),"
    " m.last_entry_on FROM materials m JOIN org_units o ON o.id = m.org_unit_id ORDER BY m.id",
    "SELECT m.name, e.kind, e.happened_on, CAST(e.quantity AS TEXT), e.counterpart, e.note"
    " FROM material_events e JOIN materials m ON m.id = e.material_id ORDER BY e.id",
    "SELECT m.name, d.kind, d.happened_on, COALESCE(d.method, ''), d.counterpart"
    " FROM material_dispositions d JOIN materials m ON m.id = d.material_id ORDER BY d.material_id",
  };
  GString *text = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JhkDbStmt) stmt = jhk_db_query (db, &error, queries[q], JHK_DB_END);

      g_assert_no_error (error);
      while (jhk_db_stmt_step (stmt, &error) == JHK_DB_ROW)
        {
          for (int c = 0; c < jhk_db_stmt_get_n_columns (stmt); c++)
            {
              g_autofree char *value = jhk_db_stmt_dup_text (stmt, c);

              g_string_append_printf (text, "%s|", value ? value : "");
            }
          g_string_append_c (text, '\n');
        }
      g_assert_no_error (error);
    }
  return g_string_free (text, FALSE);
}

/* Issue 4: hundreds of materials in more than one office, over two years. */
static void
test_size (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  gint64 n = count (db, "SELECT COUNT(*) FROM materials");
  gint64 offices = count (db, "SELECT COUNT(DISTINCT org_unit_id) FROM materials");
  gint64 events = count (db, "SELECT COUNT(*) FROM material_events");
  gint64 closed = count (db, "SELECT COUNT(*) FROM materials WHERE status = 'closed'");
  gint64 lent = count (db, "SELECT COUNT(*) FROM materials WHERE status = 'lent'");
  g_autofree char *oldest = NULL;

  g_assert_true (jhk_db_query_text (db, &oldest, NULL, "SELECT MIN(acquired_on) FROM materials",
                                    JHK_DB_END));
  g_test_message ("demo ledger: %" G_GINT64_FORMAT " materials in %" G_GINT64_FORMAT " offices, %"
                  G_GINT64_FORMAT " events, %" G_GINT64_FORMAT " closed, %" G_GINT64_FORMAT
                  " lent out, oldest %s", n, offices, events, closed, lent, oldest);
  g_assert_cmpint (n, >=, 200);
  g_assert_cmpint (offices, >=, 2);
  g_assert_cmpint (events, >=, n);
  g_assert_cmpint (closed, >, 0);
  /* R15-1: some lent and still out. */
  g_assert_cmpint (lent, >, 0);
}

/* Every kind of event and of final disposition (R15-1, R15-6). */
static void
test_every_kind (void)
{
  static const char *const events[] = { "lend", "return", "copy", "hand_over", "receive",
                                        "partial_dispose", "other" };
  static const char *const finals[] = { "dispose", "return", "hand_over" };
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_events"
                                              " WHERE kind = '%s'", events[i]);
      gint64 n = count (db, sql);

      g_test_message ("event %s: %" G_GINT64_FORMAT, events[i], n);
      g_assert_cmpint (n, >, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (finals); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM material_dispositions"
                                              " WHERE kind = '%s'", finals[i]);
      gint64 n = count (db, sql);

      g_test_message ("final disposition %s: %" G_GINT64_FORMAT, finals[i], n);
      g_assert_cmpint (n, >, 0);
    }
  /* 保管せず廃棄: registered with its disposal, closed from the start. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE measure = 'dispose_without_storing'"
                              " AND status = 'closed'"), >, 0);
  /* R17-6/7: copies are materials of their own, linked to the original. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE original_id IS NOT NULL"), ==,
                   count (db, "SELECT COUNT(*) FROM material_events WHERE kind = 'copy'"));
}

/* R17-1, R15-3, R15-5, R16-3, R17-3 hold for every demo row. */
static void
test_rules (void)
{
  static const char *const reasons[] = { "law", "procedure", "maintenance_test" };
  g_autoptr(JhkDb) db = jhk_test_demo_db ();

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM materials WHERE personal_data = 1"
                                              " AND direction = 'output' AND creation_reason = '%s'",
                                              reasons[i]);

      g_assert_cmpint (count (db, sql), >, 0);
    }
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE personal_data = 1"
                              " AND direction = 'output' AND creation_reason IS NULL"), ==, 0);
  /* R15-3, R15-5: designated ones exist, all in locked places. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE designated = 1"), >, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials m JOIN storage_places p"
                              " ON p.id = m.storage_place_id WHERE (m.designated = 1"
                              " OR m.personal_data = 1) AND p.locked = 0"), ==, 0);
  /* R16-3, R17-3: personal data disposed of before a witness, not the handler. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM material_dispositions d JOIN materials m"
                              " ON m.id = d.material_id WHERE d.kind = 'dispose'"
                              " AND m.personal_data = 1"), >, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM material_dispositions d JOIN materials m"
                              " ON m.id = d.material_id WHERE d.kind = 'dispose'"
                              " AND m.personal_data = 1 AND (d.witness_staff_id IS NULL"
                              " OR d.witness_staff_id = d.handler_staff_id)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM material_events e JOIN materials m"
                              " ON m.id = e.material_id WHERE e.kind = 'partial_dispose'"
                              " AND m.personal_data = 1 AND (e.witness_staff_id IS NULL"
                              " OR e.witness_staff_id = e.handler_staff_id)"), ==, 0);
  /* Nothing lent out of a closed material, no quantity below zero. */
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE quantity_on_hand < 0"
                              " OR quantity_lent < 0 OR quantity_lent > quantity_on_hand"
                              " OR (status = 'closed' AND quantity_lent > 0)"), ==, 0);
}

/* Personal-data output handed over by 中央警察署 to 西警察署 is in the
 * receiving ledger on the same day (R17-4/5 until transfers exist). */
static void
test_transfers (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  gint64 sent = count (db, "SELECT COUNT(*) FROM material_events e JOIN materials m"
                           " ON m.id = e.material_id WHERE e.kind = 'hand_over'"
                           " AND m.personal_data = 1 AND e.counterpart LIKE '西警察署%'");
  gint64 received = count (db, "SELECT COUNT(*) FROM material_events e"
                               " JOIN materials m ON m.id = e.material_id"
                               " JOIN org_units o ON o.id = m.org_unit_id"
                               " WHERE e.kind = 'hand_over' AND e.counterpart LIKE '西警察署%'"
                               " AND o.code = '910' AND EXISTS (SELECT 1 FROM materials r"
                               " JOIN org_units ro ON ro.id = r.org_unit_id WHERE ro.code = '930'"
                               " AND r.direction = 'input' AND r.personal_data = 1"
                               " AND r.name = m.name AND r.acquired_on = e.happened_on"
                               " AND r.quantity = e.quantity AND r.acquisition_method = 'received'"
                               " AND r.acquisition_text LIKE '中央警察署%')");

  g_test_message ("personal-data hand-overs to office 930: %" G_GINT64_FORMAT ", received there: %"
                  G_GINT64_FORMAT, sent, received);
  g_assert_cmpint (sent, >, 0);
  g_assert_cmpint (received, ==, sent);
}

/* Every ledger row was made by a service: one audit entry each (保管せず廃棄
 * is registered and disposed of in one; the output a 作業依頼書's hand-over
 * registers is in the hand-over's entry, R15-1), and the chain verifies. */
static void
test_audited (void)
{
  g_autoptr(JhkDb) db = jhk_test_demo_db ();
  g_autoptr(GError) error = NULL;
  JhkAuditReport report = { 0 };

  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.register'"),
                   ==, count (db, "SELECT COUNT(*) FROM materials WHERE original_id IS NULL"
                                  " AND work_request_id IS NULL"));
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials WHERE work_request_id IS NOT NULL"),
                   >, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM materials m WHERE m.work_request_id IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM audit_log a"
                              " WHERE a.action = 'work_request.deliver_output'"
                              " AND a.object_id = CAST(m.work_request_id AS TEXT))"), ==, 0);
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.event'"),
                   ==, count (db, "SELECT COUNT(*) FROM material_events"));
  g_assert_cmpint (count (db, "SELECT COUNT(*) FROM audit_log WHERE action = 'material.dispose'"),
                   ==, count (db, "SELECT COUNT(*) FROM material_dispositions d JOIN materials m"
                                  " ON m.id = d.material_id"
                                  " WHERE m.measure <> 'dispose_without_storing'"));
  g_assert_true (jhk_audit_verify (db, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_test_message ("audit chain: %" G_GINT64_FORMAT " entries", (gint64) report.n_entries);
  jhk_audit_report_clear (&report);
}

/* The demo is the same every time (a fixed seed), and its cost is logged. */
static void
test_deterministic (void)
{
  g_autoptr(JhkDb) template_copy = jhk_test_demo_db ();
  g_autofree char *path = jhk_test_new_path ("again");
  g_autoptr(JhkDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gint64 start;

  db = jhk_db_open (path, JHK_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (jhk_demo_populate (db, &error));
  g_assert_no_error (error);
  g_test_message ("jhk_demo_populate on %s: %.0f ms", jhk_db_get_backend_name (db),
                  (g_get_monotonic_time () - start) / 1000.0);
  first = ledger_text (template_copy);
  second = ledger_text (db);
  g_assert_cmpstr (first, ==, second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/demo-ledger/issue-4/hundreds-of-materials", test_size);
  g_test_add_func ("/demo-ledger/issue-4/R15-1-every-kind-of-event", test_every_kind);
  g_test_add_func ("/demo-ledger/issue-4/R15-3-R15-5-R16-3-R17-1-R17-3-rules", test_rules);
  g_test_add_func ("/demo-ledger/issue-4/R17-4-5-transfers-as-hand-over-and-receipt",
                   test_transfers);
  g_test_add_func ("/demo-ledger/issue-4/audited", test_audited);
  g_test_add_func ("/demo-ledger/issue-4/deterministic", test_deterministic);

  return jhk_test_run ();
}
