/* jhk-ledger.h: the materials ledger (入出力資料台帳, 第15-第17).
 *
 * Each service is one write transaction with its audit entry. The state of
 * a material is read again inside that transaction, so two workstations
 * acting on one material at once cannot both lend the last copy, return
 * twice or record anything after the final disposition.
 *
 * Who keeps an office's ledger: the holders of its office roles
 * (運用管理者, 情報管理責任者, 情報管理者, 情報管理補助者).
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* A new material (資料内容欄 and 入手時の状況欄 of 様式第1号). */
typedef struct
{
  gint64      org_unit_id;         /* the office (所属) whose ledger it is in */
  const char *direction;           /* "input" or "output" */
  const char *name;
  int         quantity;
  const char *breakdown;           /* 内訳, may be NULL */
  const char *summary;             /* 資料概要, may be NULL */
  gint64      business_id;         /* an approved business (R8-1, R9-1) */
  gint64      handler_staff_id;    /* 取扱者 */
  gint64      handler_section_id;  /* 取扱者の係; 0 for the handler's own unit */
  const char *purpose;             /* 使用目的 */
  gboolean    designated;          /* 特に重要 (R15-3) */
  gint64      designated_by;       /* the business's manager who designated it */
  gboolean    personal_data;       /* 個人情報 (第16, 第17) */
  const char *creation_reason;     /* R17-1: "law", "procedure", "maintenance_test" */
  const char *acquired_on;         /* YYYY-MM-DD */
  const char *acquisition_method;  /* "received" (from whom in text), "printed", "other" */
  const char *acquisition_text;
  gint64      acquired_by;         /* 0 for the handler */
  const char *measure;             /* "store", "dispose_without_storing", "other" */
  const char *measure_text;
  gint64      storage_place_id;    /* with "store" (R15-5) */
  /* With "dispose_without_storing" the material was destroyed at once:
   * the registration records its final disposition too, and the material
   * is closed from the start. The handler disposed of it. */
  const char *disposed_on;         /* YYYY-MM-DD, not before acquired_on */
  const char *disposal_method;     /* an irrecoverable method (R15-6) */
  gint64      disposal_witness_id; /* personal data: the office's 情報管理者,
                                    * not the handler (R16-3, R17-3) */
  /* Which ledger (R18-1): NULL or "io" for an input or output material
   * (第15-第17); "system_document", "program" or "manual" (取扱説明書) for
   * the system documents ledger (第18). These have no personal data and
   * no creation reason (第16, 第17 are of input and output materials);
   * stored system documents and programs lie in a locked place (R18-2); a
   * manual is stored in its department's set place (R18-4), a designated
   * one locked. Viewing a system document or program is restricted
   * (R18-3, see jhk-sysdocs.h). */
  const char *category;
  /* R18-5: a 取扱説明書 printed from an electronic one (category
   * "manual", acquired "printed"): its disposal is by shredding. */
  gboolean    printed_manual;
} JhkMaterialSpec;

/* One step of 保管後の経過. */
typedef struct
{
  const char *kind;              /* lend return copy hand_over receive partial_dispose other */
  const char *happened_on;       /* YYYY-MM-DD */
  int         quantity;
  gint64      handler_staff_id;
  gint64      confirmed_by;      /* 情報管理者確認, 0 for none yet */
  const char *counterpart;       /* to or from whom */
  const char *method;            /* partial_dispose: an irrecoverable method (R15-6) */
  gint64      witness_staff_id;  /* partial_dispose of personal data (R16-3, R17-3) */
  const char *copy_basis;        /* copy: "manager_approval" or "maintenance_test" */
  gint64      approved_by;       /* copy with "manager_approval": the business's manager */
  const char *note;
  /* R16-2: a copy or hand_over of personal-data input material names the
   * 総括責任者's approved request of that kind for the material (see
   * jhk-approvals.h), which the step uses up; 0 for none. */
  gint64      approval_id;
} JhkMaterialEvent;

/* The final disposition (最終処理), after which the material only shows. */
typedef struct
{
  const char *kind;              /* "dispose", "return", "hand_over", "other" */
  const char *happened_on;
  const char *method;            /* dispose: an irrecoverable method (R15-6) */
  gint64      handler_staff_id;
  gint64      witness_staff_id;  /* personal data (R16-3, R17-3) */
  const char *counterpart;
  const char *note;
} JhkMaterialDisposition;

/* Whether the actor keeps the office's ledger (the rule of every writer
 * here): a holder of an office role for a unit within the office or above
 * it, or the system. The read side adds the 総括責任者 and システム管理者. */
gboolean    jhk_ledger_may_keep_office    (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           gint64                        office_id);

gint64      jhk_ledger_add_storage_place  (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           gint64                        org_unit_id,
                                           const char                   *name,
                                           gboolean                      locked,
                                           GError                      **error);
gint64      jhk_ledger_register_material  (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           const JhkMaterialSpec        *spec,
                                           GError                      **error);
/* The same; when the spec is refused for one of its members, *out_field
 * receives that member's name in JhkMaterialSpec ("quantity",
 * "storage_place_id", "disposal_witness_id"...), a static string; NULL
 * for a refusal of the whole (the actor's roles, the database). */
gint64      jhk_ledger_register_material_full (JhkDb                    *db,
                                               JhkSession               *actor,
                                               const JhkMaterialSpec    *spec,
                                               const char              **out_field,
                                               GError                  **error);
/* Returns the event's id; a copy also makes a new material linked to the
 * original (R17-6/7), whose id *out_copy_id receives when not NULL. */
gint64      jhk_ledger_record_event       (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           gint64                        material_id,
                                           const JhkMaterialEvent       *event,
                                           gint64                       *out_copy_id,
                                           GError                      **error);
gboolean    jhk_ledger_final_disposition  (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           gint64                        material_id,
                                           const JhkMaterialDisposition *disposition,
                                           GError                      **error);

/* What the services check of a spec or a step before they read the
 * database, for forms that check as the user types; the services check it
 * all again. *out_field as with jhk_ledger_register_material_full(). */
gboolean    jhk_ledger_check_material     (const JhkMaterialSpec        *spec,
                                           const char                  **out_field,
                                           GError                      **error);
gboolean    jhk_ledger_check_event        (const JhkMaterialEvent       *event,
                                           GError                      **error);

/* 情報管理者確認 of a step recorded without it: by the office's
 * 情報管理者, once. Also after the final disposition, since it adds a
 * confirmation and changes nothing of what happened. */
gboolean    jhk_ledger_confirm_event      (JhkDb                        *db,
                                           JhkSession                   *actor,
                                           gint64                        event_id,
                                           GError                      **error);

/* The categories of materials (R18-1): keys ("io" first) and translated
 * labels; a spec's category, "io" when NULL. */
const char *const *jhk_ledger_categories          (void);
const char        *jhk_ledger_category_label      (const char            *category);
const char        *jhk_ledger_spec_category       (const JhkMaterialSpec *spec);

/* The irrecoverable disposal methods (R15-6): keys and translated labels. */
const char *const *jhk_ledger_disposal_methods     (void);
const char        *jhk_ledger_disposal_method_label (const char *method);

G_END_DECLS
