/* jhk-form1-material.c: 様式第1号 of one material of the ledger. */
#include "jhk-form1-material.h"
#include "jhk-signoffs.h"

struct _JhkForm1Material
{
  JhkForm1   form;
  GPtrArray *strings;  /* what the form borrows */
  GArray    *rows;     /* of JhkForm1Row */
};

static const char *
keep (JhkForm1Material *self,
      char             *text)
{
  g_ptr_array_add (self->strings, text);
  return text;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* The form's own words for the irrecoverable methods (R15-6). */
static const char *
method_label (const char *method)
{
  static const struct { const char *key, *label; } labels[] = {
    { "shred", "裁断" }, { "incinerate", "焼却" }, { "dissolve", "溶解" },
    { "erase", "消去" }, { "destroy", "物理的破壊" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (method, labels[i].key) == 0)
      return labels[i].label;
  return method;
}

/* 備考: the counterpart, the disposal method, then the note. */
static const char *
remarks (JhkForm1Material *self,
         const char       *counterpart,
         const char       *method,
         const char       *note)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (is_set (counterpart))
    g_ptr_array_add (parts, (gpointer) counterpart);
  if (is_set (method))
    g_ptr_array_add (parts, (gpointer) method_label (method));
  if (is_set (note))
    g_ptr_array_add (parts, (gpointer) note);
  g_ptr_array_add (parts, NULL);
  return keep (self, g_strjoinv ("　", (char **) parts->pdata));
}

/* The form is printed in Japanese whatever the locale: its own words. */
static JhkForm1EventKind
event_kind (const char  *kind,
            const char **other)
{
  *other = NULL;
  if (g_strcmp0 (kind, "lend") == 0)
    return JHK_FORM1_EVENT_LEND;
  if (g_strcmp0 (kind, "return") == 0)
    return JHK_FORM1_EVENT_RETURN;
  if (g_strcmp0 (kind, "partial_dispose") == 0)
    return JHK_FORM1_EVENT_PARTIAL_DISPOSAL;
  if (g_strcmp0 (kind, "copy") == 0)
    *other = "複写";
  else if (g_strcmp0 (kind, "hand_over") == 0)
    *other = "交付";
  else if (g_strcmp0 (kind, "receive") == 0)
    *other = "受入";
  return JHK_FORM1_EVENT_OTHER;
}

static JhkForm1FinalKind
final_kind (const char *kind)
{
  if (g_strcmp0 (kind, "dispose") == 0)
    return JHK_FORM1_FINAL_DISPOSAL;
  if (g_strcmp0 (kind, "return") == 0)
    return JHK_FORM1_FINAL_RETURN;
  if (g_strcmp0 (kind, "hand_over") == 0)
    return JHK_FORM1_FINAL_HAND_OVER;
  return JHK_FORM1_FINAL_OTHER;
}

JhkForm1Material *
jhk_form1_material_new (const JhkLedgerMaterial *m)
{
  JhkForm1Material *self = g_new0 (JhkForm1Material, 1);
  JhkForm1 *form = &self->form;

  g_return_val_if_fail (m != NULL, NULL);

  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_array_new (FALSE, TRUE, sizeof (JhkForm1Row));

  /* 資料内容欄 */
  form->direction = g_strcmp0 (m->direction, "input") == 0 ? JHK_FORM1_DIRECTION_INPUT
                                                          : JHK_FORM1_DIRECTION_OUTPUT;
  form->name = keep (self, g_strdup (m->name));
  form->quantity = keep (self, is_set (m->breakdown)
                                 ? g_strdup_printf ("%" G_GINT64_FORMAT "（%s）", m->quantity,
                                                    m->breakdown)
                                 : g_strdup_printf ("%" G_GINT64_FORMAT, m->quantity));
  form->summary = keep (self, g_strdup (m->summary));
  form->handler.section = keep (self, g_strdup (m->handler_section));
  form->handler.name = keep (self, g_strdup (m->handler_name));
  form->purpose = keep (self, g_strdup (m->purpose));

  /* 入手時の状況欄 */
  form->acquired_date = keep (self, g_strdup (m->acquired_on));
  if (g_strcmp0 (m->acquisition_method, "received") == 0)
    {
      form->acquisition = JHK_FORM1_ACQUISITION_RECEIVED;
      form->acquired_from = keep (self, g_strdup (m->acquisition_text));
    }
  else if (g_strcmp0 (m->acquisition_method, "printed") == 0)
    form->acquisition = JHK_FORM1_ACQUISITION_PRINTED;
  else
    {
      form->acquisition = JHK_FORM1_ACQUISITION_OTHER;
      form->acquired_other = keep (self, g_strdup (m->acquisition_text));
    }
  form->acquired_handler.section = keep (self, g_strdup (m->acquired_by_section));
  form->acquired_handler.name = keep (self, g_strdup (m->acquired_by_name));
  if (g_strcmp0 (m->measure, "store") == 0)
    {
      form->measure = JHK_FORM1_MEASURE_STORED;
      form->storage_place = keep (self, g_strdup (m->storage_place));
    }
  else if (g_strcmp0 (m->measure, "dispose_without_storing") == 0)
    form->measure = JHK_FORM1_MEASURE_DISCARDED;
  else
    {
      form->measure = JHK_FORM1_MEASURE_OTHER;
      form->measure_other = keep (self, g_strdup (m->measure_text));
    }

  /* 保管後の経過欄 */
  for (guint i = 0; m->events != NULL && i < m->events->len; i++)
    {
      const JhkLedgerEvent *e = g_ptr_array_index (m->events, i);
      JhkForm1Row row = { 0 };

      row.date = keep (self, g_strdup (e->happened_on));
      row.kind = event_kind (e->kind, &row.other);
      row.quantity = keep (self, g_strdup_printf ("%" G_GINT64_FORMAT, e->quantity));
      row.handler.section = keep (self, g_strdup (e->handler_section));
      row.handler.name = keep (self, g_strdup (e->handler_name));
      row.confirmer = keep (self, g_strdup (is_set (e->confirmer_name) ? e->confirmer_name
                                                                        : e->witness_name));
      row.note = remarks (self, e->counterpart, e->method, e->note);
      g_array_append_val (self->rows, row);
    }
  form->rows = (const JhkForm1Row *) self->rows->data;
  form->n_rows = self->rows->len;

  /* 最終処理 */
  if (m->disposition != NULL)
    {
      const JhkLedgerDisposition *d = m->disposition;

      form->final.date = keep (self, g_strdup (d->happened_on));
      form->final.kind = final_kind (d->kind);
      if (form->final.kind == JHK_FORM1_FINAL_OTHER)
        form->final.other = "その他";
      form->final.handler.section = keep (self, g_strdup (d->handler_section));
      form->final.handler.name = keep (self, g_strdup (d->handler_name));
      form->final.confirmer = keep (self, g_strdup (d->witness_name));
      form->final.note = remarks (self, d->counterpart, d->method, d->note);
    }
  /* 作成時確認欄 and 最終処理確認欄: who confirmed, and when (the
   * electronic confirmation); an unsigned box stays empty. */
  for (guint i = 0; m->signoffs != NULL && i < m->signoffs->len; i++)
    {
      const JhkSignoff *signoff = g_ptr_array_index (m->signoffs, i);
      JhkForm1Stamp *stamps = g_strcmp0 (signoff->stage, "final") == 0 ? form->final_stamps
                                                                        : form->created_stamps;
      JhkRole role = jhk_role_from_key (signoff->role);

      for (guint r = 0; r < JHK_FORM1_N_ROLES; r++)
        if (jhk_signoff_roles[r] == role)
          {
            stamps[r].name = keep (self, g_strdup (signoff->staff_name));
            stamps[r].date = keep (self, g_strdup (signoff->signed_on));
          }
    }
  return self;
}

void
jhk_form1_material_free (JhkForm1Material *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->strings);
  g_array_unref (self->rows);
  g_free (self);
}

const JhkForm1 *
jhk_form1_material_get_form (JhkForm1Material *self)
{
  return &self->form;
}

gboolean
jhk_form1_material_write_pdf (JhkDb       *db,
                              JhkSession  *actor,
                              gint64       material_id,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(JhkLedgerMaterial) material = NULL;
  g_autoptr(JhkForm1Material) form = NULL;

  material = jhk_ledger_query_material (db, actor, material_id, error);
  if (material == NULL)
    return FALSE;
  form = jhk_form1_material_new (material);
  return jhk_form1_write_pdf (jhk_form1_material_get_form (form), path, error);
}
