/* jhk-staff-page-private.h: what jhk-staff-page.c and
 * jhk-staff-page-dialogs.c share. */
#pragma once

#include "jhk-lists.h"
#include "jhk-staff-page.h"

G_BEGIN_DECLS

struct _JhkStaffPage
{
  JhkPage              parent_instance;

  GtkSearchEntry      *search_entry;
  GtkWidget           *add_button;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkStack            *details_stack;
  AdwPreferencesGroup *staff_group;
  AdwActionRow        *org_row;
  AdwActionRow        *rank_row;
  AdwActionRow        *extension_row;
  AdwActionRow        *login_row;
  AdwActionRow        *status_row;
  AdwActionRow        *restriction_row;
  AdwActionRow        *lockout_row;
  AdwActionRow        *last_login_row;
  GtkWidget           *user_actions;
  GtkWidget           *issue_button;
  GtkWidget           *reset_button;
  GtkWidget           *unlock_button;
  GtkWidget           *restrict_button;
  GtkWidget           *lift_button;
  GtkListBox          *roles_list;

  JhkQueryModel       *staff_model;
  GtkSingleSelection  *selection;
  JhkQueryModel       *roles_model;
  JhkRow              *selected;
};

gboolean jhk_staff_page_has_role             (JhkStaffPage   *self,
                                              JhkRole         role);
/* Reads the list again with the current search. */
void     jhk_staff_page_refresh              (JhkStaffPage   *self);
/* The actions that open the dialogs: user IDs, restrictions, roles. */
void     jhk_staff_page_class_install_dialogs (GtkWidgetClass *widget_class);

G_END_DECLS
