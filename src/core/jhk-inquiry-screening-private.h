/* jhk-inquiry-screening-private.h: screening records an import is about
 * to write (issue 6, "Scale and speed").
 *
 * The import hands its new rows over before inserting them: the rules
 * run in C over those rows and the stored ones in the windows around
 * them (none on an empty table), the stored ones whose flags change are
 * rewritten, and the new rows get their flags and flag_data to write
 * with the INSERT itself. The result is that of
 * jhk_inquiry_screen_range() over the rows once inserted, which stays the
 * reference (and the rescreen).
 */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

typedef struct
{
  /* in: the row as the import writes it */
  gint64      at;
  const char *staff_no;
  gint64      staff_id;   /* 0: not a known officer */
  const char *subject;
  const char *kind;
  const char *reason;
  const char *case_no;
  const char *content;
  guint       flags;      /* the import's own (UNKNOWN_*) */
  /* out */
  guint       new_flags;
  const char *new_data;   /* in the caller's chunk */
} JhkInquiryScreenNew;

/* Screens news[0..n) (in the order they will be inserted, after every
 * stored row) with the stored records around them, inside the caller's
 * transaction; data strings go into chunk. */
gboolean jhk_inquiry_screen_new (JhkDb               *db,
                                 JhkInquiryScreenNew *news,
                                 guint                n,
                                 GStringChunk        *chunk,
                                 guint               *out_flagged,
                                 GError             **error);

G_END_DECLS
