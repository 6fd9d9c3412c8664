/* jhk-form-preview.c: the preview of a printed form, with 印刷… and
 * PDFとして保存….
 *
 * The PDF is written once, in memory, by the form's own drawing routine;
 * the pages on screen are that PDF as Poppler renders it, one page per idle
 * call so that a long form does not hold up the window. Printing draws each
 * page again with the same routine, on the printer's surface.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <poppler.h>

#include "jhk-form-preview.h"
#include "jhk-form1-material.h"
#include "jhk-forms.h"
#include "jhk-ledger-query.h"
#include "jhk-app-util.h"

#define ZOOM_STEP      1.2
#define ZOOM_MIN       0.25
#define ZOOM_MAX       4.0
#define PAGE_SPACING   24
#define VIEW_MARGIN    24
/* Pixels of a point at zoom 1.0: the page at its printed size at 96 dpi. */
#define PIXELS_PER_POINT (96.0 / 72.0)

struct _JhkFormPreview
{
  AdwWindow         parent_instance;

  char             *title;
  char             *file_name;
  guint             n_pages;
  JhkFormDrawFunc   draw;
  gpointer          user_data;
  GDestroyNotify    destroy;

  /* The PDF being written, a page per idle call, then its bytes. */
  cairo_surface_t  *pdf_surface;
  cairo_t          *pdf_cr;
  GByteArray       *pdf_buffer;
  guint             pdf_next;
  guint             pdf_id;
  GBytes           *pdf;
  PopplerDocument  *document;
  GError           *pdf_error;

  double            zoom;
  guint             page;
  GArray           *drawn_zoom;     /* of double: the zoom each page is drawn at, 0 if not */
  guint             render_id;
  guint             keep_page_id;   /* puts page back at the top after a zoom */
  guint             keep_page_tries;
  gboolean          going_to_page;

  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toasts;
  GtkScrolledWindow *scroller;
  GtkWidget        *pages_box;
  GtkLabel         *zoom_label;
  GPtrArray        *pictures;       /* of GtkPicture, one a page */
  GtkFileChooserNative *chooser;
  GtkPrintOperation *print_operation;
  gboolean          print_finished;
};

G_DEFINE_FINAL_TYPE (JhkFormPreview, jhk_form_preview, ADW_TYPE_WINDOW)

/* What the session's prints keep: the printer and its settings, and the
 * page setup once the user has chosen one. */
static GtkPrintSettings *session_print_settings;
static GtkPageSetup *session_page_setup;

static void
show_error (JhkFormPreview *self,
            const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* Errors stay until dismissed: the user must be able to read them. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* The PDF. */

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void queue_render (JhkFormPreview *self);

/* A PDF surface writing into @buffer, titled; cairo embeds the subsets of
 * the fonts the form uses. */
static cairo_surface_t *
pdf_surface_new (const char *title,
                 GByteArray *buffer)
{
  cairo_surface_t *surface;

  surface = cairo_pdf_surface_create_for_stream (append_cb, buffer,
                                                 JHK_FORMS_A4_WIDTH, JHK_FORMS_A4_HEIGHT);
  jhk_forms_set_pdf_metadata (surface, title, NULL);
  return surface;
}

/* Every page through the form's routine into a PDF in memory. */
static void
start_pdf (JhkFormPreview *self)
{
  self->pdf_buffer = g_byte_array_new ();
  self->pdf_surface = pdf_surface_new (self->title, self->pdf_buffer);
  self->pdf_cr = cairo_create (self->pdf_surface);
  self->pdf_next = 0;
}

GBytes *
jhk_form_write_pdf (const char       *title,
                    guint             n_pages,
                    JhkFormDrawFunc   draw,
                    gpointer          user_data,
                    GError          **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  surface = pdf_surface_new (title, buffer);
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_save (cr);
      draw (cr, i, user_data);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  status = jhk_forms_finish_pdf (cr, surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static void
finish_pdf (JhkFormPreview *self)
{
  cairo_status_t status;

  g_clear_handle_id (&self->pdf_id, g_source_remove);
  status = jhk_forms_finish_pdf (g_steal_pointer (&self->pdf_cr),
                                 g_steal_pointer (&self->pdf_surface));
  if (status == CAIRO_STATUS_SUCCESS)
    {
      self->pdf = g_byte_array_free_to_bytes (g_steal_pointer (&self->pdf_buffer));
      self->document = poppler_document_new_from_bytes (self->pdf, NULL, &self->pdf_error);
    }
  else
    {
      g_clear_pointer (&self->pdf_buffer, g_byte_array_unref);
      g_set_error (&self->pdf_error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
    }
  if (self->pdf_error != NULL)
    {
      show_error (self, self->pdf_error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save", FALSE);
      return;
    }
  queue_render (self);
}

/* Writes the next page; TRUE while pages are left. */
static gboolean
pdf_step (JhkFormPreview *self)
{
  if (self->pdf_next < self->n_pages)
    {
      cairo_save (self->pdf_cr);
      self->draw (self->pdf_cr, self->pdf_next, self->user_data);
      cairo_restore (self->pdf_cr);
      cairo_show_page (self->pdf_cr);
      self->pdf_next++;
    }
  if (self->pdf_next < self->n_pages)
    return TRUE;
  finish_pdf (self);
  return FALSE;
}

static gboolean
pdf_step_cb (gpointer user_data)
{
  JhkFormPreview *self = user_data;

  if (pdf_step (self))
    return G_SOURCE_CONTINUE;
  /* finish_pdf() has cleared the id. */
  return G_SOURCE_REMOVE;
}

/* The rest of the PDF at once, for saving before the preview is done. */
static void
ensure_pdf (JhkFormPreview *self)
{
  if (self->pdf_cr == NULL)
    return;
  /* Keep the source from being removed twice: finish_pdf() clears it. */
  while (pdf_step (self))
    ;
}

gboolean
jhk_form_preview_save_pdf (JhkFormPreview  *self,
                           const char      *path,
                           GError         **error)
{
  const guint8 *data;
  gsize size;
  int fd;

  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ensure_pdf (self);
  if (self->pdf == NULL)
    {
      g_set_error_literal (error, JHK_FORMS_ERROR, JHK_FORMS_ERROR_FAILED,
                           self->pdf_error->message);
      return FALSE;
    }

  /* A form names people and materials: readable by its owner only, also
   * when it replaces a file that was not. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0)
    goto failed;
  data = g_bytes_get_data (self->pdf, &size);
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      data += n;
      size -= n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  return TRUE;

failed:
  {
    int saved = errno;

    if (fd >= 0)
      close (fd);
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Could not save the PDF to %s: %s"), path, g_strerror (saved));
    return FALSE;
  }
}

/* The pages on screen. */

static int
page_width_px (JhkFormPreview *self)
{
  return (int) (JHK_FORMS_A4_WIDTH * PIXELS_PER_POINT * self->zoom + 0.5);
}

static int
page_height_px (JhkFormPreview *self)
{
  return (int) (JHK_FORMS_A4_HEIGHT * PIXELS_PER_POINT * self->zoom + 0.5);
}

GdkTexture *
jhk_form_render_page (PopplerDocument *document,
                      guint            index,
                      int              width,
                      int              height)
{
  PopplerPage *page;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int stride;

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  page = poppler_document_get_page (document, index);
  if (page == NULL)
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) width / JHK_FORMS_A4_WIDTH, (double) height / JHK_FORMS_A4_HEIGHT);
  poppler_page_render (page, cr);
  g_object_unref (page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in the machine's byte order. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static GdkTexture *
render_page (JhkFormPreview *self,
             guint           index)
{
  int scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  return jhk_form_render_page (self->document, index,
                               page_width_px (self) * scale, page_height_px (self) * scale);
}

/* The pages in view and the one on either side of them: only these are
 * kept drawn, so that a long form takes the memory of a few pages. */
static void
pages_near_view (JhkFormPreview *self,
                 guint          *first,
                 guint          *last)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double pitch = page_height_px (self) + PAGE_SPACING;
  double top = gtk_adjustment_get_value (adjustment) - VIEW_MARGIN;
  double bottom = top + MAX (gtk_adjustment_get_page_size (adjustment), pitch);

  *first = (guint) MAX (0.0, top / pitch);
  *last = (guint) MAX (0.0, bottom / pitch);
  *first = *first > 0 ? *first - 1 : 0;
  *last = MIN (*last + 1, self->n_pages - 1);
  *first = MIN (*first, *last);
}

static gboolean
render_next_cb (gpointer user_data)
{
  JhkFormPreview *self = user_data;
  guint first, last, index;

  pages_near_view (self, &first, &last);
  /* Pages far from the view give their pixels back. */
  for (guint i = 0; i < self->n_pages; i++)
    if ((i + 2 < first || i > last + 2) && g_array_index (self->drawn_zoom, double, i) != 0)
      {
        gtk_picture_set_paintable (g_ptr_array_index (self->pictures, i), NULL);
        g_array_index (self->drawn_zoom, double, i) = 0;
      }
  /* One page a call, the page at the top first. */
  index = MIN (MAX (self->page, first), last);
  if (g_array_index (self->drawn_zoom, double, index) == self->zoom)
    for (index = first; index <= last; index++)
      if (g_array_index (self->drawn_zoom, double, index) != self->zoom)
        break;
  if (index <= last)
    {
      g_autoptr(GdkTexture) texture = render_page (self, index);

      gtk_picture_set_paintable (g_ptr_array_index (self->pictures, index),
                                 GDK_PAINTABLE (texture));
      g_array_index (self->drawn_zoom, double, index) = self->zoom;
      return G_SOURCE_CONTINUE;
    }
  self->render_id = 0;
  return G_SOURCE_REMOVE;
}

static void
queue_render (JhkFormPreview *self)
{
  if (self->render_id == 0 && self->document != NULL && self->n_pages > 0)
    self->render_id = g_idle_add_full (G_PRIORITY_LOW, render_next_cb, self, NULL);
}

static void
update_page_label (JhkFormPreview *self)
{
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (_("Page %u of %u"), self->page + 1, MAX (self->n_pages, 1));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 self->page + 1 < self->n_pages);
}

static void go_to_page (JhkFormPreview *self,
                        guint           page);

static gboolean
keep_page_cb (gpointer user_data)
{
  JhkFormPreview *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double pitch = page_height_px (self) + PAGE_SPACING;
  double needed = self->n_pages * pitch;

  /* Wait for the layout to give the pages their new size, a few turns at
   * most: before that, the scroll position would be cut short. */
  if (gtk_adjustment_get_upper (adjustment) + 1 < needed && self->keep_page_tries++ < 20)
    return G_SOURCE_CONTINUE;
  self->keep_page_id = 0;
  self->keep_page_tries = 0;
  go_to_page (self, self->page);
  return G_SOURCE_REMOVE;
}

static void
set_zoom (JhkFormPreview *self,
          double          zoom)
{
  g_autofree char *label = NULL;
  guint page = self->page;

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  self->zoom = zoom;
  for (guint i = 0; i < self->pictures->len; i++)
    gtk_widget_set_size_request (g_ptr_array_index (self->pictures, i),
                                 page_width_px (self), page_height_px (self));
  label = g_strdup_printf ("%d%%", (int) (zoom * 100 + 0.5));
  gtk_label_set_text (self->zoom_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", zoom > ZOOM_MIN);
  queue_render (self);
  /* Stay on the page that was in view, once the pages have their new size. */
  self->page = page;
  update_page_label (self);
  if (self->keep_page_id == 0)
    self->keep_page_id = g_idle_add (keep_page_cb, self);
}

static void
go_to_page (JhkFormPreview *self,
            guint           page)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (self->n_pages == 0)
    return;
  page = MIN (page, self->n_pages - 1);
  self->page = page;
  /* The last pages may not reach the top: the page asked for is the page. */
  self->going_to_page = TRUE;
  gtk_adjustment_set_value (adjustment, page * (double) (page_height_px (self) + PAGE_SPACING));
  self->going_to_page = FALSE;
  update_page_label (self);
  queue_render (self);
}

static void
scrolled_cb (GtkAdjustment  *adjustment,
             JhkFormPreview *self)
{
  double pitch = page_height_px (self) + PAGE_SPACING;
  /* The page whose upper half is at the top of the view. */
  double top = gtk_adjustment_get_value (adjustment) + pitch / 2;
  guint page = (guint) MAX (0.0, (top - VIEW_MARGIN) / pitch);

  queue_render (self);
  if (self->going_to_page)
    return;

  page = MIN (page, MAX (self->n_pages, 1) - 1);
  if (page != self->page)
    {
      self->page = page;
      update_page_label (self);
    }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);

  set_zoom (self, self->zoom * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);

  set_zoom (self, self->zoom / ZOOM_STEP);
}

/* The page's width in the view's. */
static void
zoom_fit_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);
  int width = gtk_widget_get_width (GTK_WIDGET (self->scroller)) - 2 * VIEW_MARGIN;

  if (width <= 0)
    return;
  set_zoom (self, width / (JHK_FORMS_A4_WIDTH * PIXELS_PER_POINT));
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);

  if (self->page > 0)
    go_to_page (self, self->page - 1);
}

static void
next_page_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);

  go_to_page (self, self->page + 1);
}

/* 印刷… */

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              JhkFormPreview    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale;

  /* The form draws its own margins on A4; on other paper it is scaled to
   * fit, never cut. */
  scale = MIN (width / JHK_FORMS_A4_WIDTH, height / JHK_FORMS_A4_HEIGHT);
  if (scale > 0 && (scale < 0.999 || scale > 1.001))
    cairo_scale (cr, scale, scale);
  self->draw (cr, page, self->user_data);
}

static GtkPageSetup *
a4_portrait (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

/* What a print ends with: the settings are kept for the session, an error
 * is shown. Called once, from "done" or after a run that did not emit it. */
static void
print_finished (JhkFormPreview          *self,
                GtkPrintOperation       *operation,
                GtkPrintOperationResult  result,
                const GError            *run_error)
{
  if (self->print_finished)
    return;
  self->print_finished = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error == NULL && run_error != NULL)
        error = g_error_copy (run_error);
      message = g_strdup_printf (_("Could not print: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      show_error (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY &&
           gtk_print_operation_get_print_settings (operation) != NULL)
    {
      g_set_object (&session_print_settings, gtk_print_operation_get_print_settings (operation));
      g_set_object (&session_page_setup, gtk_print_operation_get_default_page_setup (operation));
    }
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               JhkFormPreview          *self)
{
  print_finished (self, operation, result, NULL);
}

/* 印刷… in @action: the print dialog, or a PDF file through the print
 * system when @export_path is set. */
static GtkPrintOperationResult
run_print (JhkFormPreview           *self,
           GtkPrintOperationAction   action,
           const char               *export_path,
           GError                  **error)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;

  if (self->print_operation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->print_operation, self);
      g_clear_object (&self->print_operation);
    }
  operation = self->print_operation = gtk_print_operation_new ();
  setup = session_page_setup != NULL ? g_object_ref (session_page_setup) : a4_portrait ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  if (session_print_settings != NULL && export_path == NULL)
    gtk_print_operation_set_print_settings (operation, session_print_settings);
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_n_pages (operation, self->n_pages);
  /* Points from the corner of the paper: the form has its own margins. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, export_path == NULL);
  gtk_print_operation_set_current_page (operation, self->page);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), self);
  self->print_finished = FALSE;
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && export_path == NULL)
    print_finished (self, operation, result, error != NULL ? *error : NULL);
  return result;
}

gboolean
jhk_form_preview_print_to_file (JhkFormPreview  *self,
                                const char      *path,
                                GError         **error)
{
  GtkPrintOperationResult result;

  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  result = run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path, error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (error != NULL && *error == NULL)
        gtk_print_operation_get_error (self->print_operation, error);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("unknown error"));
      return FALSE;
    }
  return TRUE;
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);

  if (self->n_pages > 0)
    run_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, NULL);
}

/* PDFとして保存… */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     JhkFormPreview  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_error (self, _("The PDF can only be saved to a folder of this computer."));
      else if (!jhk_form_preview_save_pdf (self, path, &error))
        show_error (self, error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *message = g_strdup_printf (_("Saved %s"), base);

          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
        }
    }
  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), self->file_name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The window. */

static void
jhk_form_preview_dispose (GObject *object)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (object);

  g_clear_handle_id (&self->render_id, g_source_remove);
  g_clear_handle_id (&self->keep_page_id, g_source_remove);
  if (self->print_operation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->print_operation, self);
      g_clear_object (&self->print_operation);
    }
  g_clear_handle_id (&self->pdf_id, g_source_remove);
  g_clear_pointer (&self->pdf_cr, cairo_destroy);
  g_clear_pointer (&self->pdf_surface, cairo_surface_destroy);
  g_clear_pointer (&self->pdf_buffer, g_byte_array_unref);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  G_OBJECT_CLASS (jhk_form_preview_parent_class)->dispose (object);
}

static void
jhk_form_preview_finalize (GObject *object)
{
  JhkFormPreview *self = JHK_FORM_PREVIEW (object);

  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->drawn_zoom, g_array_unref);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_error (&self->pdf_error);
  g_free (self->title);
  g_free (self->file_name);
  G_OBJECT_CLASS (jhk_form_preview_parent_class)->finalize (object);
}

static void
add_shortcut (GtkWidgetClass  *widget_class,
              guint            key,
              GdkModifierType  modifiers,
              const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, key, modifiers, action, NULL);
}

static void
jhk_form_preview_class_init (JhkFormPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jhk_form_preview_dispose;
  object_class->finalize = jhk_form_preview_finalize;

  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL,
                                   previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);

  add_shortcut (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in");
  add_shortcut (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "preview.zoom-in");
  add_shortcut (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in");
  add_shortcut (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in");
  add_shortcut (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out");
  add_shortcut (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out");
  add_shortcut (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-fit");
  add_shortcut (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "preview.zoom-fit");
  add_shortcut (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print");
  add_shortcut (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save");
  add_shortcut (widget_class, GDK_KEY_Escape, 0, "window.close");
}

static void
ensure_style (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done)
    return;
  done = TRUE;
  /* A document viewer's grey desk, and paper with a shadow on it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".jhk-form-preview-desk { background-color: #5e5c64; }\n"
                                   ".jhk-form-page { background-color: white;"
                                   " box-shadow: 0 2px 10px 1px alpha(black, 0.6); }\n",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static void
jhk_form_preview_init (JhkFormPreview *self)
{
  GtkWidget *content;
  GtkWidget *header;
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *label;

  ensure_style ();
  /* Page Up and Page Down go a sheet at a time, before the scrolled window
   * would scroll a screenful. */
  {
    GtkEventController *pages = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (pages, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (pages),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                        gtk_named_action_new ("preview.previous-page")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (pages),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                        gtk_named_action_new ("preview.next-page")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (pages),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Page_Up, 0),
                        gtk_named_action_new ("preview.previous-page")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (pages),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Page_Down, 0),
                        gtk_named_action_new ("preview.next-page")));
    gtk_widget_add_controller (GTK_WIDGET (self), pages);
  }
  self->zoom = 1.0;
  self->pictures = g_ptr_array_new ();
  self->drawn_zoom = g_array_new (FALSE, TRUE, sizeof (double));

  gtk_window_set_default_size (GTK_WINDOW (self), 900, 960);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (self), content);

  header = adw_header_bar_new ();
  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new ("", ""));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  gtk_box_append (GTK_BOX (content), header);

  button = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "preview.print");
  gtk_widget_set_tooltip_text (button, _("Print the form (Ctrl+P)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button);

  /* Page navigation. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), icon_button ("go-up-symbolic", "preview.previous-page",
                                              _("Previous page (Page Up)")));
  gtk_box_append (GTK_BOX (box), icon_button ("go-down-symbolic", "preview.next-page",
                                              _("Next page (Page Down)")));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), box);

  button = gtk_button_new_with_mnemonic (_("_Save as PDF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "preview.save");
  gtk_widget_set_tooltip_text (button, _("Save the form as a PDF file (Ctrl+S)"));
  gtk_widget_add_css_class (button, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);

  /* Zoom. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), icon_button ("zoom-out-symbolic", "preview.zoom-out",
                                              _("Zoom out (Ctrl+−)")));
  button = gtk_button_new ();
  label = gtk_label_new ("100%");
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_widget_add_css_class (label, "numeric");
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "preview.zoom-fit");
  gtk_widget_set_tooltip_text (button, _("Fit the page to the window (Ctrl+0)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fit the page to the window (Ctrl+0)"), -1);
  self->zoom_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), icon_button ("zoom-in-symbolic", "preview.zoom-in",
                                              _("Zoom in (Ctrl++)")));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), box);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->toasts));

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->scroller), "jhk-form-preview-desk");
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->scroller));
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                    G_CALLBACK (scrolled_cb), self);
  /* A taller window shows more pages. */
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                            G_CALLBACK (queue_render), self);

  self->pages_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, PAGE_SPACING);
  gtk_widget_set_halign (self->pages_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->pages_box, VIEW_MARGIN);
  gtk_widget_set_margin_bottom (self->pages_box, VIEW_MARGIN);
  gtk_widget_set_margin_start (self->pages_box, VIEW_MARGIN);
  gtk_widget_set_margin_end (self->pages_box, VIEW_MARGIN);
  gtk_scrolled_window_set_child (self->scroller, self->pages_box);
}

JhkFormPreview *
jhk_form_preview_new (const char      *title,
                      const char      *file_name,
                      guint            n_pages,
                      JhkFormDrawFunc  draw,
                      gpointer         user_data,
                      GDestroyNotify   destroy)
{
  JhkFormPreview *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (draw != NULL, NULL);

  self = g_object_new (JHK_TYPE_FORM_PREVIEW, NULL);
  self->title = g_strdup (title);
  self->file_name = g_str_has_suffix (file_name, ".pdf") ? g_strdup (file_name)
                                                         : g_strconcat (file_name, ".pdf", NULL);
  self->n_pages = n_pages;
  self->draw = draw;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  /* The window shows at once; the PDF is written a page per idle call. */
  start_pdf (self);
  self->pdf_id = g_idle_add (pdf_step_cb, self);

  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *picture = gtk_picture_new ();
      g_autofree char *alt = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);

      gtk_widget_add_css_class (picture, "jhk-form-page");
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), alt);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (self->pages_box), picture);
      g_ptr_array_add (self->pictures, picture);
    }
  g_array_set_size (self->drawn_zoom, n_pages);
  set_zoom (self, 1.0);
  return self;
}

void
jhk_form_preview_present (JhkFormPreview *self,
                          GtkWidget      *parent)
{
  g_return_if_fail (JHK_IS_FORM_PREVIEW (self));

  if (parent != NULL)
    jhk_present_dialog (parent, GTK_WINDOW (self));
  else
    gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->scroller));
}

guint
jhk_form_preview_get_n_pages (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), 0);
  return self->n_pages;
}

guint
jhk_form_preview_get_page (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), 0);
  return self->page;
}

guint
jhk_form_preview_get_n_rendered (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), 0);
  guint n = 0;

  for (guint i = 0; i < self->n_pages; i++)
    if (g_array_index (self->drawn_zoom, double, i) == self->zoom)
      n++;
  return n;
}

gboolean
jhk_form_preview_is_rendering (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), FALSE);
  return self->pdf_id != 0 || self->render_id != 0;
}

double
jhk_form_preview_get_zoom (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), 0);
  return self->zoom;
}

GBytes *
jhk_form_preview_get_pdf (JhkFormPreview *self)
{
  g_return_val_if_fail (JHK_IS_FORM_PREVIEW (self), NULL);
  ensure_pdf (self);
  return self->pdf;
}

/* 様式第1号 of one material. */

static void
draw_material_cb (cairo_t  *cr,
                  guint     page,
                  gpointer  user_data)
{
  jhk_form1_draw (jhk_form1_material_get_form (user_data), cr, page);
}

JhkFormPreview *
jhk_form_preview_show_material (GtkWindow   *parent,
                                JhkDb       *db,
                                JhkSession  *actor,
                                gint64       material_id,
                                GError     **error)
{
  g_autoptr(JhkLedgerMaterial) material = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *name = NULL;
  JhkForm1Material *form;
  JhkFormPreview *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  material = jhk_ledger_query_material (db, actor, material_id, error);
  if (material == NULL)
    return NULL;
  form = jhk_form1_material_new (material);

  /* A purged material has no name left: its number stands in. */
  if (material->name != NULL && material->name[0] != '\0')
    name = g_strdup (material->name);
  else
    name = g_strdup_printf ("%" G_GINT64_FORMAT, material->id);
  title = g_strdup_printf (_("Materials Management Sheet — %s"), name);
  g_strdelimit (name, "/\\", '_');
  file_name = g_strdup_printf (_("materials-sheet-%s.pdf"), name);

  self = jhk_form_preview_new (title, file_name,
                               jhk_form1_n_pages (jhk_form1_material_get_form (form)),
                               draw_material_cb, form,
                               (GDestroyNotify) jhk_form1_material_free);
  jhk_form_preview_present (self, parent != NULL ? GTK_WIDGET (parent) : NULL);
  return self;
}
