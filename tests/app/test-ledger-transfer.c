/* test-ledger-transfer.c: sending a material from the ledger page's
 * detail pane (交付・送付, R17-4, R17-5, R17-8), driven through the 送付…
 * button and its dialog; the database checked after each send, and left
 * unchanged by a refusal. */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "app-test-util.h"
#include "jhk-accounts.h"
#include "jhk-delivery.h"
#include "jhk-form-dialog.h"
#include "jhk-ledger-page.h"
#include "jhk-org.h"
#include "jhk-session.h"
#include "jhk-settings.h"
#include "tests/jhk-test-util.h"

static gboolean english = TRUE;

static gint64
material_id (JhkWindow  *window,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (jhk_db_query_int64 (jhk_window_get_database (window), &id, &error,
                                     "SELECT MIN(m.id) FROM materials m JOIN org_units u ON u.id = m.org_unit_id"
                                     " WHERE m.name = ? AND u.code = '910'", JHK_T (name),
                                     JHK_DB_END));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Scrolls the detail pane to the group of that title. */
static void
show_group (GtkWidget  *page,
            const char *title)
{
  GtkWidget *found = NULL;
  GtkWidget *scrolled;
  graphene_point_t point;

  for (GtkWidget *w = app_test_find_descendant (page, ADW_TYPE_PREFERENCES_GROUP); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_PREFERENCES_GROUP (w) &&
        g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (w)), title) == 0)
      found = w;
  g_assert_nonnull (found);
  scrolled = gtk_widget_get_ancestor (found, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (found, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            point.y);
  app_test_wait (100);
}

static void
select_method (JhkFormDialog *dialog,
               const char    *method)
{
  const char *const *methods = jhk_delivery_methods ();

  for (guint i = 0; methods[i] != NULL; i++)
    if (g_str_equal (methods[i], method))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog,
                                                                              "method_row")),
                                    i);
        app_test_wait (50);
        return;
      }
  g_error ("No method %s", method);
}

static GtkWidget *
open_material (JhkWindow  *window,
               const char *login,
               gint64      id)
{
  GtkWidget *page;

  app_test_log_in (window, login, "jhk-demo");
  page = app_test_show_workspace (window, "ledger");
  g_assert_true (JHK_IS_LEDGER_PAGE (page));
  app_test_wait (100);
  g_assert_true (jhk_ledger_page_select_material (JHK_LEDGER_PAGE (page), id));
  app_test_wait (100);
  return page;
}

/* Clicks 送付… (sensitive) and returns its dialog. */
static JhkFormDialog *
open_dialog (GtkWidget *page)
{
  GtkWidget *button = app_test_find_button (page, g_dgettext (GETTEXT_PACKAGE, "Sen_d…"));
  JhkFormDialog *dialog;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  app_test_wait (100);
  dialog = JHK_FORM_DIALOG (app_test_find_toplevel (JHK_TYPE_FORM_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* Selects the item of a combo row whose label contains text. */
static void
select_item (JhkFormDialog *dialog,
             const char    *row,
             const char    *text)
{
  AdwComboRow *combo = ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, row));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) != NULL)
      {
        adw_combo_row_set_selected (combo, i);
        app_test_wait (50);
        return;
      }
  g_error ("No item “%s” in %s", text, row);
}

/* Applies: the send runs in a thread; waits until the dialog is gone
 * (TRUE) or shows the service's refusal (FALSE). */
static gboolean
send_and_wait (JhkFormDialog *dialog)
{
  GtkWidget *progress = GTK_WIDGET (jhk_form_dialog_get_object (dialog, "progress_row"));
  JhkFormDialog *weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_false (jhk_form_dialog_apply (dialog));
  g_assert_null (jhk_form_dialog_get_error (dialog));
  for (int i = 0; i < 600 && weak != NULL && gtk_widget_get_visible (progress); i++)
    app_test_wait (50);
  if (weak == NULL)
    return TRUE;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  g_assert_false (gtk_widget_get_visible (progress));
  return FALSE;
}

static const char *
send_error (JhkFormDialog *dialog)
{
  GtkWidget *label = GTK_WIDGET (jhk_form_dialog_get_object (dialog, "send_error"));

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* R17-4(1), R17-8: by the document courier to another office: the
 * transfer, the hand_over step and the audit entry, one write; the
 * detail pane lists it, waiting for confirmation and receipt. */
static void
test_courier (void)
{
  JhkWindow *window = app_test_new_window ();
  gint64 id = material_id (window, "指紋照合結果一覧表（交付用）");
  GtkWidget *page = open_material (window, "chuo-kanri", id);
  g_autofree char *sql = NULL;
  gint64 transfers = app_test_count (window, "SELECT COUNT(*) FROM transfers");
  gint64 events, audit;
  JhkFormDialog *dialog;

  sql = g_strdup_printf ("SELECT COUNT(*) FROM material_events WHERE kind = 'hand_over'"
                         " AND material_id = %lld", (long long) id);
  events = app_test_count (window, sql);
  audit = app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'transfer.send'");
  app_test_save_png (GTK_WIDGET (window), "ledger-transfer-before");

  dialog = open_dialog (page);
  select_method (dialog, "courier");
  select_item (dialog, "office_row", "310");
  select_item (dialog, "officer_row", "C9113");
  app_test_set_row (dialog, "quantity_row", "");
  app_test_wait (100);
  /* As the user types: the core's own message. */
  if (english)
    g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==, "The quantity must be at least one.");
  else
    g_assert_nonnull (jhk_form_dialog_get_error (dialog));
  app_test_set_row (dialog, "quantity_row", "1");
  app_test_set_row (dialog, "recipient_row", "鑑識係長");
  app_test_wait (100);
  g_assert_null (jhk_form_dialog_get_error (dialog));
  /* Only the rows the courier needs. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                   "channel_row"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                   "file_row"))));
  app_test_save_png (GTK_WIDGET (dialog), "ledger-transfer-dialog-courier");
  g_assert_true (send_and_wait (dialog));
  app_test_wait (200);

  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM transfers"), ==, transfers + 1);
  g_assert_cmpint (app_test_count (window, sql), ==, events + 1);
  g_assert_cmpint (app_test_count (window, "SELECT COUNT(*) FROM audit_log WHERE action = 'transfer.send'"),
                   ==, audit + 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM transfers t JOIN org_units u ON u.id = t.to_office_id"
                         " WHERE t.material_id = %lld AND t.method = 'courier' AND t.quantity = 1"
                         " AND u.code = '310' AND t.recipient = '鑑識係長'"
                         " AND t.event_id IN (SELECT id FROM material_events WHERE kind = 'hand_over')",
                         (long long) id);
  g_assert_cmpint (app_test_count (window, sql), ==, 1);
  app_test_save_png (GTK_WIDGET (window), "ledger-transfer-sent");
  show_group (page, g_dgettext (GETTEXT_PACKAGE, "Transfers"));
  app_test_save_png (GTK_WIDGET (window), "ledger-transfer-group");
  app_test_destroy_window (window);
}

/* R17-5(3): a fax number registered but without a test transmission is
 * refused by the service, with its reason in the dialog; a form the
 * core's checks refuse is not sent. The database stays as it was. */
static void
test_untested_refused (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkDb *db = jhk_window_get_database (window);
  gint64 id = material_id (window, "被疑者指紋照会結果");
  g_autoptr(GError) error = NULL;
  g_autoptr(JhkSession) unyo = jhk_session_load (db, jhk_accounts_lookup (db, "chuo-unyo"), NULL,
                                                 &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  JhkFormDialog *dialog;

  g_assert_no_error (error);
  g_assert_cmpint (jhk_delivery_add_channel (db, unyo, &(JhkDeliveryChannelSpec) {
                     .org_unit_id = jhk_org_find_unit (db, "910"), .kind = "fax",
                     .name = "試験送信前のファクシミリ", .address = "03-0000-0000" }, &error),
                   >, 0);
  g_assert_no_error (error);
  page = open_material (window, "chuo-kanri", id);
  before = jhk_test_dump_tables (db);

  dialog = open_dialog (page);
  select_method (dialog, "fax");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                  "fax_reason_row"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "office_row")), 0);
  select_item (dialog, "channel_row", "試験送信前のファクシミリ");
  adw_combo_row_set_selected (ADW_COMBO_ROW (jhk_form_dialog_get_object (dialog, "fax_reason_row")), 1);
  /* The core's pure check: the urgent reason needs its text. */
  g_assert_false (jhk_form_dialog_apply (dialog));
  if (english)
    g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==,
                     "Name the recipient, or choose the receiving office.");
  app_test_set_row (dialog, "recipient_row", "本部 刑事総務課");
  g_assert_false (jhk_form_dialog_apply (dialog));
  if (english)
    g_assert_cmpstr (jhk_form_dialog_get_error (dialog), ==,
                     "Say why the material is urgently needed for a serious crime or an "
                     "arrest.");
  app_test_set_row (dialog, "fax_text_row", "逮捕状請求に至急必要");
  app_test_wait (100);
  g_assert_false (send_and_wait (dialog));
  g_assert_nonnull (send_error (dialog));
  if (english)
    g_assert_cmpstr (send_error (dialog), ==,
                     "No test transmission is recorded for this channel before the transfer: "
                     "send a test first and record its date.");
  app_test_save_png (GTK_WIDGET (dialog), "ledger-transfer-refused");
  after = jhk_test_dump_tables (db);
  g_assert_cmpstr (before, ==, after);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (window);
}

static gboolean
keyring_works (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  return service != NULL;
}

static GtkWindow *
find_password_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_widget_get_name (l->data), "jhk-transfer-password") == 0 &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* R17-5(2): by e-mail to a registered, tested address from the designated
 * terminal: the file is written encrypted, the password shown once and
 * kept in the keyring, the deletion waits. */
static void
test_email (void)
{
  static const char pdf[] =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";
  JhkWindow *window;
  JhkDb *db;
  GtkWidget *page;
  GtkWindow *shown;
  GtkWidget *label;
  JhkFormDialog *dialog;
  g_autofree char *dir = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, transfer = 0, started;

  if (!keyring_works ())
    {
      g_test_skip ("No Secret Service in this session (run under dbus-run-session with "
                   "gnome-keyring)");
      return;
    }
  jhk_delivery_set_secret_collection (SECRET_COLLECTION_SESSION);
  dir = g_dir_make_tmp ("jhk-test-transfer-XXXXXX", &error);
  g_assert_no_error (error);
  in = g_build_filename (dir, "material.pdf", NULL);
  out = g_build_filename (dir, "material-encrypted.pdf", NULL);
  g_assert_true (g_file_set_contents (in, pdf, -1, NULL));

  window = app_test_new_window ();
  db = jhk_window_get_database (window);
  id = material_id (window, "遺留指紋照合回答書（写）");
  page = open_material (window, "chuo-kanri", id);
  dialog = open_dialog (page);
  select_method (dialog, "email");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (jhk_form_dialog_get_object (dialog,
                                                                                  "file_row"))));
  select_item (dialog, "office_row", "310");
  select_item (dialog, "channel_row", "kanshiki@keiji.police.example");
  select_item (dialog, "terminal_row", "KM-01");
  app_test_set_row (dialog, "quantity_row", "1");
  app_test_set_row (dialog, "file_row", in);
  app_test_set_row (dialog, "out_row", out);
  app_test_wait (100);
  g_assert_null (jhk_form_dialog_get_error (dialog));
  app_test_save_png (GTK_WIDGET (dialog), "ledger-transfer-dialog-email");
  started = g_get_monotonic_time ();
  g_assert_true (send_and_wait (dialog));
  /* A figure, not a check: the send in its thread (qpdf, keyring, one
   * write), as the user waits for it, polled every 50 ms. */
  g_test_message ("e-mail send from the dialog, encrypted, to the password shown: about %.0f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  app_test_wait (200);

  shown = find_password_window ();
  g_assert_nonnull (shown);
  label = app_test_find_named (GTK_WIDGET (shown), "jhk-transfer-password-label");
  g_assert_nonnull (label);
  g_assert_cmpint (strlen (gtk_label_get_text (GTK_LABEL (label))), >=, 20);
  g_assert_true (jhk_db_query_int64 (db, &transfer, &error,
                                     "SELECT MAX(id) FROM transfers WHERE material_id = ?"
                                     " AND method = 'email' AND deletion_required = 1"
                                     " AND file_sha256 IS NOT NULL AND deleted_on IS NULL",
                                     JHK_I (id), JHK_DB_END));
  g_assert_cmpint (transfer, >, 0);
  kept = jhk_delivery_lookup_password (db, transfer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, gtk_label_get_text (GTK_LABEL (label)));
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  app_test_save_png (GTK_WIDGET (shown), "ledger-transfer-password");
  gtk_window_destroy (shown);
  app_test_wait (100);
  app_test_save_png (GTK_WIDGET (window), "ledger-transfer-email-sent");
  app_test_destroy_window (window);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* In Japanese (JHK_TEST_LANG) the messages are checked only for being there. */
  english = !app_test_set_test_lang ();
  app_test_init (&argc, &argv);

  g_test_add_func ("/app/ledger/R17-4/R17-8/send-by-courier", test_courier);
  g_test_add_func ("/app/ledger/R17-5/untested-channel-refused", test_untested_refused);
  g_test_add_func ("/app/ledger/R17-5/email-encrypted", test_email);
  return app_test_run ();
}
