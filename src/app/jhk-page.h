/* jhk-page.h: what every workspace page is: an AdwBin that works on one
 * database for one session. */
#pragma once

#include <adwaita.h>

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

#define JHK_TYPE_PAGE (jhk_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (JhkPage, jhk_page, JHK, PAGE, AdwBin)

struct _JhkPageClass
{
  AdwBinClass parent_class;

  /* Reads the data shown again (lists refresh with exact changes). */
  void (*reload) (JhkPage *self);
};

/* For the constructors of the subclasses: a new page_type with both
 * construct-only properties set. */
GtkWidget  *jhk_page_new         (GType       page_type,
                                  JhkDb      *db,
                                  JhkSession *session);
/* Both are held until the page is disposed, then NULL. */
JhkDb      *jhk_page_get_db      (JhkPage    *self);
JhkSession *jhk_page_get_session (JhkPage    *self);

/* Someone changed the data (another window or workstation): a page on
 * screen reloads now, a hidden one when it is next shown. */
void        jhk_page_data_changed (JhkPage    *self);

G_END_DECLS
