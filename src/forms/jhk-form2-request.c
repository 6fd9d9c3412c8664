/* jhk-form2-request.c: 様式第2号 of one 作業依頼書. */
#include "jhk-form2-request.h"

struct _JhkForm2Request
{
  JhkForm2   form;
  GPtrArray *strings;  /* what the form borrows */
  GArray    *rows;     /* of JhkForm2Row */
};

/* A copy the form borrows, or NULL for an empty text. */
static const char *
keep (JhkForm2Request *self,
      const char      *text)
{
  char *copy;

  if (text == NULL || *text == '\0')
    return NULL;
  copy = g_strdup (text);
  g_ptr_array_add (self->strings, copy);
  return copy;
}

/* The form prints in Japanese whatever the locale: its own words. */
static JhkForm2Kind
item_kind (const char *kind)
{
  if (g_strcmp0 (kind, "input") == 0)
    return JHK_FORM2_KIND_INPUT;
  if (g_strcmp0 (kind, "output") == 0)
    return JHK_FORM2_KIND_OUTPUT;
  if (g_strcmp0 (kind, "correction") == 0)
    return JHK_FORM2_KIND_CORRECTION;
  return JHK_FORM2_KIND_NONE;
}

static void
step (JhkForm2Request *self,
      JhkForm2Step    *to,
      const char      *at,
      const char      *handler,
      const char      *note,
      const char      *to_office,
      const char      *to_name)
{
  to->at = keep (self, at);
  to->handler = keep (self, handler);
  to->note = keep (self, note);
  to->to_office = keep (self, to_office);
  to->to_name = keep (self, to_name);
}

JhkForm2Request *
jhk_form2_request_new (const JhkWorkRequest *request)
{
  JhkForm2Request *self;
  JhkForm2 *form;
  guint n_items;

  g_return_val_if_fail (request != NULL, NULL);

  self = g_new0 (JhkForm2Request, 1);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_array_new (FALSE, TRUE, sizeof (JhkForm2Row));
  form = &self->form;

  form->to_title = keep (self, request->to_title);
  form->from_title = keep (self, request->from_title);
  form->business = keep (self, request->business_name);
  form->summary = keep (self, request->summary);
  form->purpose = keep (self, request->purpose);
  form->wanted_at = keep (self, request->wanted_at);
  form->manager_title = keep (self, request->manager_title);
  form->manager_name = keep (self, request->manager_name);
  form->contact_name = keep (self, request->contact_name);
  form->contact_phone = keep (self, request->contact_phone);
  /* The 対象業務管理者 row is theirs to fill by consenting (R15-4). */
  form->consent_title = keep (self, request->consent_title);
  form->consent_name = keep (self, request->consent_name);
  form->consent_phone = keep (self, request->consent_phone);

  n_items = request->items != NULL ? request->items->len : 0;
  g_array_set_size (self->rows, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (request->items, i);
      JhkForm2Row *row = &g_array_index (self->rows, JhkForm2Row, i);
      g_autofree char *quantity = item->quantity > 0 ? g_strdup_printf ("%d", item->quantity)
                                                     : NULL;

      row->kind = item_kind (item->kind);
      row->content = keep (self, item->content);
      row->quantity = keep (self, quantity);
      row->form = keep (self, item->form);
      row->note = keep (self, item->note);
    }
  form->rows = n_items > 0 ? (const JhkForm2Row *) self->rows->data : NULL;
  form->n_rows = n_items;

  step (self, &form->received, request->received_at, request->received_handler,
        request->received_note, NULL, NULL);
  step (self, &form->processed, request->processed_at, request->processed_handler,
        request->processed_note, NULL, NULL);
  step (self, &form->input_returned, request->input_returned_at,
        request->input_returned_handler, NULL, request->input_returned_to_office,
        request->input_returned_to_name);
  step (self, &form->output_delivered, request->output_delivered_at,
        request->output_delivered_handler, NULL, request->output_delivered_to_office,
        request->output_delivered_to_name);

  form->paper_continuous = request->paper_continuous;
  form->paper_standard = request->paper_standard;
  form->paper_a4 = request->paper_a4;
  form->paper_other = request->paper_other;
  form->paper_other_text = keep (self, request->paper_other_text);
  form->remarks = keep (self, request->remarks);
  return self;
}

void
jhk_form2_request_free (JhkForm2Request *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->strings);
  g_array_unref (self->rows);
  g_free (self);
}

const JhkForm2 *
jhk_form2_request_get_form (JhkForm2Request *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->form;
}

gboolean
jhk_form2_request_write_pdf (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       request_id,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(JhkWorkRequest) request = NULL;
  g_autoptr(JhkForm2Request) form = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  request = jhk_work_requests_get (db, actor, request_id, error);
  if (request == NULL)
    return FALSE;
  form = jhk_form2_request_new (request);
  return jhk_form2_write_pdf (jhk_form2_request_get_form (form), path, error);
}
