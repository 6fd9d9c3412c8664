/* jhk-form-preview.h: the preview of a printed form, with 印刷… and
 * PDFとして保存….
 *
 * A form source is a number of A4 portrait pages and one routine that draws
 * page N in points (see jhk-forms.h). The preview writes the PDF once, in
 * memory, from that routine and shows its pages as Poppler renders them, so
 * that what is seen is the PDF; printing calls the same routine for each
 * page, and saving writes the same PDF bytes.
 */
#pragma once

#include <adwaita.h>
#include <cairo.h>
#include <poppler.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* Draws page @page (from 0) in A4 portrait points from the origin of @cr. */
typedef void (*JhkFormDrawFunc) (cairo_t  *cr,
                                 guint     page,
                                 gpointer  user_data);

/* The PDF of @n_pages pages drawn by @draw, written at once in memory
 * with the subsets of its fonts embedded: the same PDF the preview shows,
 * saves and prints. NULL with @error when cairo fails. */
GBytes     *jhk_form_write_pdf   (const char       *title,
                                  guint             n_pages,
                                  JhkFormDrawFunc   draw,
                                  gpointer          user_data,
                                  GError          **error);
/* Page @index (from 0) of @document as Poppler renders it on white paper,
 * @width × @height pixels; NULL when there is no such page. */
GdkTexture *jhk_form_render_page (PopplerDocument  *document,
                                  guint             index,
                                  int               width,
                                  int               height);

#define JHK_TYPE_FORM_PREVIEW (jhk_form_preview_get_type ())
G_DECLARE_FINAL_TYPE (JhkFormPreview, jhk_form_preview, JHK, FORM_PREVIEW, AdwWindow)

/* A preview of @n_pages pages drawn by @draw. @title is the window's and the
 * PDF's title; @file_name the name the save dialog suggests (".pdf" is
 * added when missing). @destroy frees @user_data with the window. The
 * window is not shown: see jhk_form_preview_present(). */
JhkFormPreview *jhk_form_preview_new          (const char      *title,
                                               const char      *file_name,
                                               guint            n_pages,
                                               JhkFormDrawFunc  draw,
                                               gpointer         user_data,
                                               GDestroyNotify   destroy);
/* Shows the preview for the window of @parent. */
void            jhk_form_preview_present      (JhkFormPreview  *self,
                                               GtkWidget       *parent);

guint           jhk_form_preview_get_n_pages  (JhkFormPreview  *self);
/* The page at the top of the view, from 0. */
guint           jhk_form_preview_get_page     (JhkFormPreview  *self);
/* Pages drawn on screen at the current zoom. Only the pages in view and
 * those next to them are drawn, one per idle call; the others are drawn
 * when scrolled to. */
guint           jhk_form_preview_get_n_rendered (JhkFormPreview *self);
/* TRUE while pages in view are still to be drawn. */
gboolean        jhk_form_preview_is_rendering (JhkFormPreview *self);
/* 1.0 is the page at its printed size on a 96 dpi screen. */
double          jhk_form_preview_get_zoom     (JhkFormPreview  *self);
/* The PDF the preview shows and saves. */
GBytes         *jhk_form_preview_get_pdf      (JhkFormPreview  *self);
/* What PDFとして保存… does once a file is chosen: writes the PDF to @path,
 * readable by its owner only (mode 0600). */
gboolean        jhk_form_preview_save_pdf     (JhkFormPreview  *self,
                                               const char      *path,
                                               GError         **error);

/* What 印刷… sends to the printer, A4 portrait and drawn by the same routine,
 * written to a PDF file by the print system instead (GtkPrintOperation's
 * export). */
gboolean        jhk_form_preview_print_to_file (JhkFormPreview *self,
                                                const char     *path,
                                                GError        **error);

/* 様式第1号 of material @material_id as @actor may see it, titled
 * "入出力資料管理票 — <資料名>", shown for the window of @parent. NULL
 * with @error set when the material cannot be read. */
JhkFormPreview *jhk_form_preview_show_material (GtkWindow      *parent,
                                                JhkDb          *db,
                                                JhkSession     *actor,
                                                gint64          material_id,
                                                GError        **error);

G_END_DECLS
