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

/* Runs the main loop until every page is drawn on screen. */
static void
wait_rendered (JhkFormPreview *preview)
{
  for (guint i = 0; i < 200 && jhk_form_preview_get_n_rendered (preview) <
                              jhk_form_preview_get_n_pages (preview); i++)
    app_test_wait (20);
  g_assert_cmpuint (jhk_form_preview_get_n_rendered (preview), ==,
                    jhk_form_preview_get_n_pages (preview));
}

/* The share of pixels of the first page's picture that are not white. */
static double
ink_share (JhkFormPreview *preview)
{
  GtkWidget *picture = app_test_find_descendant (GTK_WIDGET (preview), GTK_TYPE_PICTURE);
  GdkPaintable *paintable;
  g_autofree guchar *pixels = NULL;
  gsize stride;
  int width, height;
  guint64 ink = 0;

  g_assert_nonnull (picture);
  paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
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
  ink = ink_share (preview);
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

static void
draw_numbered (cairo_t  *cr,
               guint     page,
               gpointer  user_data)
{
  g_autofree char *label = g_strdup_printf ("%u", page + 1);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 40, 40, JHK_FORMS_A4_WIDTH - 80, JHK_FORMS_A4_HEIGHT - 80);
  cairo_stroke (cr);
  cairo_move_to (cr, 60, 100);
  cairo_set_font_size (cr, 40);
  cairo_show_text (cr, label);
}

/* Issue 4: a long form is drawn a page at a time, and the keys of the
 * preview zoom and move between its pages. */
static void
test_long_form_keys (void)
{
  JhkWindow *window = app_test_new_window ();
  JhkFormPreview *preview;
  GtkWidget *widget;
  double zoom;

  preview = jhk_form_preview_new ("30 pages", "thirty", 30, draw_numbered, NULL, NULL);
  jhk_form_preview_present (preview, GTK_WIDGET (window));
  widget = GTK_WIDGET (preview);
  app_test_wait (50);
  /* Drawn in idle calls: the window shows before the thirtieth page. */
  g_assert_cmpuint (jhk_form_preview_get_n_rendered (preview), <, 30);
  wait_rendered (preview);
  g_assert_cmpuint (g_bytes_get_size (jhk_form_preview_get_pdf (preview)), >, 0);

  zoom = jhk_form_preview_get_zoom (preview);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-in", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), >, zoom);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-out", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), <, zoom);
  g_assert_true (gtk_widget_activate_action (widget, "preview.zoom-fit", NULL));
  g_assert_cmpfloat (jhk_form_preview_get_zoom (preview), >, 0.25);

  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 0);
  g_assert_true (gtk_widget_activate_action (widget, "preview.next-page", NULL));
  g_assert_true (gtk_widget_activate_action (widget, "preview.next-page", NULL));
  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 2);
  g_assert_true (gtk_widget_activate_action (widget, "preview.previous-page", NULL));
  g_assert_cmpuint (jhk_form_preview_get_page (preview), ==, 1);
  app_test_wait (100);
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
