/* test-form-preview.c: the preview of 様式第1号 (issue 4, R17: the
 * 入出力資料管理票 printed from the ledger), its pages, zoom and page keys,
 * and the PDF that PDFとして保存… writes. */
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "app-test-util.h"
#include "jhk-form-preview.h"
#include "jhk-form1-material.h"
#include "jhk-forms.h"
#include "jhk-ledger-query.h"

/* Runs the main loop until the pages in view are drawn. */
static void
wait_rendered (JhkFormPreview *preview)
{
  app_test_wait (20);
  for (guint i = 0; i < 500 && jhk_form_preview_is_rendering (preview); i++)
    app_test_wait (20);
  g_assert_false (jhk_form_preview_is_rendering (preview));
  g_assert_cmpuint (jhk_form_preview_get_n_rendered (preview), >=, 1);
}

/* The picture of page (from 0). */
static GtkPicture *
page_picture (JhkFormPreview *preview,
              guint           page)
{
  GtkWidget *picture = app_test_find_descendant (GTK_WIDGET (preview), GTK_TYPE_PICTURE);

  g_assert_nonnull (picture);
  for (guint i = 0; i < page; i++)
    picture = gtk_widget_get_next_sibling (picture);
  g_assert_true (GTK_IS_PICTURE (picture));
  return GTK_PICTURE (picture);
}

/* The share of pixels of a page's picture that are not white. */
static double
ink_share (JhkFormPreview *preview,
           guint           page)
{
  GtkPicture *picture = page_picture (preview, page);
  GdkPaintable *paintable;
  g_autofree guchar *pixels = NULL;
  gsize stride;
  int width, height;
  guint64 ink = 0;

  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  width = gdk_texture_get_width (GDK_TEXTURE (paintable));
  height = gdk_texture_get_height (GDK_TEXTURE (paintable));
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (GDK_TEXTURE (paintable), pixels, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * 4;

        if (p[0] < 200 || p[1] < 200 || p[2] < 200)
          ink++;
      }
  return (double) ink / ((double) width * height);
}

/* The material of 中央警察署 with the most history rows, so that the form
 * has continuation sheets when the demo has them. */
static gint64
pick_material (JhkWindow *window,
               guint     *out_rows)
{
  JhkDb *db = jhk_window_get_database (window);
  JhkSession *session = jhk_window_get_session (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = jhk_ledger_query_list (db, session, 0, NULL, &error);
  gint64 best = 0;
  guint best_rows = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 0);
  for (guint i = 0; i < MIN (list->len, 60); i++)
    {
      const JhkLedgerMaterial *m = g_ptr_array_index (list, i);
      g_autoptr(JhkLedgerMaterial) full = NULL;

      if (m->name == NULL || m->name[0] == '\0')
        continue;
      full = jhk_ledger_query_material (db, session, m->id, &error);
      g_assert_no_error (error);
      if (best == 0 || full->events->len > best_rows)
        {
          best = m->id;
          best_rows = full->events->len;
        }
    }
  g_assert_cmpint (best, >, 0);
  *out_rows = best_rows;
  return best;
}

/* Issue 4 (R17, 様式第1号): the preview of a demo material shows its
 * sheets as printed, and PDFとして保存… writes the same PDF, owner-only,
 * with the form's title text in it. */
static void
test_material_preview (void)
{
  JhkWindow *window = app_test_new_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  JhkLedgerMaterial *material;
  JhkFormPreview *preview;
  g_autoptr(JhkForm1Material) form = NULL;
  GStatBuf st;
  guint n_rows = 0;
  gint64 id;
  double ink;

  app_test_log_in (window, "chuo-kanri", "jhk-demo");
  id = pick_material (window, &n_rows);
  material = jhk_ledger_query_material (jhk_window_get_database (window),
                                        jhk_window_get_session (window), id, &error);
  g_assert_no_error (error);

  preview = jhk_form_preview_show_material (GTK_WINDOW (window),
                                            jhk_window_get_database (window),
                                            jhk_window_get_session (window), id, &error);
  g_assert_no_error (error);
  g_assert_true (JHK_IS_FORM_PREVIEW (preview));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preview)) == GTK_WINDOW (window));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (preview)), material->name));

  /* The sheets 様式第1号 needs for that many history rows. */
  form = jhk_form1_material_new (material);
  g_assert_cmpuint (jhk_form_preview_get_n_pages (preview), ==,
                    jhk_form1_n_pages (jhk_form1_material_get_form (form)));
  wait_rendered (preview);
  g_assert_cmpuint (jhk_form_preview_get_n_rendered (preview), ==,
                    jhk_form_preview_get_n_pages (preview));
  ink = ink_share (preview, 0);
  g_test_message ("material %" G_GINT64_FORMAT ": %u history rows, %u pages, %.1f%% ink on page 1",
                  id, n_rows, jhk_form_preview_get_n_pages (preview), ink * 100);
  g_assert_cmpfloat (ink, >, 0.01);
  app_test_save_png (GTK_WIDGET (preview), "form-preview");

  /* What PDFとして保存… does with the chosen file. */
  dir = g_dir_make_tmp ("jhk-form-preview-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sheet.pdf", NULL);
  g_assert_true (jhk_form_preview_save_pdf (preview, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  uri = g_filename_to_uri (path, NULL, &error);
  document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (document)), ==,
                   jhk_form_preview_get_n_pages (preview));
  first = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  text = poppler_page_get_text (POPPLER_PAGE (first));
  g_assert_nonnull (strstr (text, "入出力資料管理票"));
  g_assert_nonnull (strstr (text, material->name));

  /* What 印刷… sends to the printer, exported to a file by the print
   * system: A4 portrait, the same sheets and text, no margins added. */
  {
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *printed_uri = g_filename_to_uri (printed, NULL, NULL);
    g_autoptr(GObject) printed_doc = NULL;
    g_autoptr(GObject) printed_page = NULL;
    g_autofree char *printed_text = NULL;
    double width, height;

    g_assert_true (jhk_form_preview_print_to_file (preview, printed, &error));
    g_assert_no_error (error);
    printed_doc = G_OBJECT (poppler_document_new_from_file (printed_uri, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (printed_doc)), ==,
                     jhk_form_preview_get_n_pages (preview));
    printed_page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (printed_doc), 0));
    poppler_page_get_size (POPPLER_PAGE (printed_page), &width, &height);
    g_test_message ("printed page: %.1f x %.1f pt", width, height);
    g_assert_cmpfloat_with_epsilon (width, JHK_FORMS_A4_WIDTH, 1.0);
    g_assert_cmpfloat_with_epsilon (height, JHK_FORMS_A4_HEIGHT, 1.0);
    printed_text = poppler_page_get_text (POPPLER_PAGE (printed_page));
    g_assert_nonnull (strstr (printed_text, "入出力資料管理票"));
    g_assert_nonnull (strstr (printed_text, material->name));
    g_unlink (printed);
  }

  /* A folder that is not there: an error, nothing written. */
  {
    g_autofree char *bad = g_build_filename (dir, "missing", "sheet.pdf", NULL);
    g_autoptr(GError) bad_error = NULL;

    g_assert_false (jhk_form_preview_save_pdf (preview, bad, &bad_error));
    g_assert_error (bad_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }

  g_unlink (path);
  g_rmdir (dir);
  jhk_ledger_material_free (material);
  gtk_window_destroy (GTK_WINDOW (preview));
  app_test_destroy_window (window);
}

/* The longest time the main loop went without running a 5 ms timeout. */
typedef struct
{
  gint64 last;
  gint64 longest;
} Stall;

static gboolean
stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static void
draw_form1 (cairo_t  *cr,
            guint     page,
            gpointer  user_data)
{
  jhk_form1_draw (user_data, cr, page);
}

/* Issue 4: a 30-sheet 様式第1号 opens at once and is drawn a page at a time,
 * only the pages in view and next to them; the keys of the preview zoom and
 * move between its pages. */
static void
test_long_form_keys (void)
{
  JhkWindow *window = app_test_new_window ();
  const guint n_rows = JHK_FORM1_FIRST_SHEET_ROWS + 29 * JHK_FORM1_CONTINUATION_SHEET_ROWS;
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (JhkForm1Row), n_rows);
  JhkForm1 form = {
    .direction = JHK_FORM1_DIRECTION_OUTPUT,
    .name = "犯罪統計原票",
    .quantity = "5 (A4 5冊)",
    .acquired_date = "2026-04-01",
    .acquisition = JHK_FORM1_ACQUISITION_PRINTED,
    .measure = JHK_FORM1_MEASURE_STORED,
    .storage_place = "書庫",
  };
  JhkFormPreview *preview;
  GtkWidget *widget;
  gint64 start, made, shown;
  Stall stall = { 0 };
  guint tick;
  double zoom;

  for (guint i = 0; i < n_rows; i++)
    {
      JhkForm1Row row = {
        .date = "2026-05-01",
        .kind = i % 2 == 0 ? JHK_FORM1_EVENT_LEND : JHK_FORM1_EVENT_RETURN,
        .quantity = "1",
        .handler = { "警務課", "松本 大輔" },
        .note = "交通課",
      };

      g_array_append_val (rows, row);
    }
  form.rows = (const JhkForm1Row *) rows->data;
  form.n_rows = rows->len;
  g_assert_cmpuint (jhk_form1_n_pages (&form), ==, 30);

  start = g_get_monotonic_time ();
  preview = jhk_form_preview_new ("30 sheets", "thirty", jhk_form1_n_pages (&form),
                                  draw_form1, &form, NULL);
  jhk_form_preview_present (preview, GTK_WIDGET (window));
  made = g_get_monotonic_time ();
  widget = GTK_WIDGET (preview);
  tick = g_timeout_add (5, stall_tick_cb, &stall);
  wait_rendered (preview);
  g_source_remove (tick);
  shown = g_get_monotonic_time ();
  g_test_message ("30 sheets: window up in %.0f ms; PDF of %" G_GSIZE_FORMAT " bytes written "
                  "and the pages in view drawn %.0f ms later; the main loop never waited "
                  "more than %.0f ms meanwhile (this machine, under Xvfb)",
                  (made - start) / 1000.0,
                  g_bytes_get_size (jhk_form_preview_get_pdf (preview)),
                  (shown - made) / 1000.0, stall.longest / 1000.0);
  g_assert_cmpuint (jhk_form_preview_get_n_pages (preview), ==, 30);
  /* Only the pages in view and next to them hold pixels. */
  g_assert_cmpuint (jhk_form_preview_get_n_rendered (preview), <, 30);
  g_assert_cmpfloat (ink_share (preview, 0), >, 0.01);

  zoom = jhk_form_preview_get_zoom (preview);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-in", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), >, zoom);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-out", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), <, zoom);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-fit", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), >, 0.25);
  wait_rendered (preview);

  /* Page Down to the 21st sheet: it is drawn, the first one let go. */
  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 0);
  for (guint i = 0; i < 21; i++)
    g_assert_true (gtk_widget_activate_action (widget, "preview.next-page", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "preview.previous-page", NULL));
  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 20);
  wait_rendered (preview);
  g_assert_nonnull (gtk_picture_get_paintable (page_picture (preview, 20)));
  g_assert_null (gtk_picture_get_paintable (page_picture (preview, 0)));
  g_assert_cmpfloat (ink_share (preview, 20), >, 0.01);
  /* Zooming keeps the sheet in view. */
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-in", NULL));
  app_test_wait (200);
  wait_rendered (preview);
  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 20);
  g_assert_nonnull (gtk_picture_get_paintable (page_picture (preview, 20)));
  app_test_save_png (widget, "form-preview-30-pages");

  /* Escape closes the preview. */
  g_assert_true (gtk_widget_activate_action (widget, "window.close", NULL));
  app_test_wait (50);
  g_assert_null (app_test_find_toplevel (JHK_TYPE_FORM_PREVIEW));
  app_test_destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/form-preview/R17/material-sheet-and-pdf", test_material_preview);
  g_test_add_func ("/form-preview/issue4/long-form-and-keys", test_long_form_keys);
  return app_test_run ();
}
