/* jhk-work-requests.c: 作業依頼書, requests for input and output work
 * (R15-4, RF2; R15-1 and R17-1 for the output they produce).
 *
 * Every write is one transaction: the request is read again inside it,
 * jhk_work_requests_refusal() decides whether the actor may take the
 * action now, the conditional UPDATE changes it only from the state read,
 * and one audit entry goes with it.
 */
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jhk-ledger-private.h"
#include "jhk-org.h"
#include "jhk-policy.h"
#include "jhk-service.h"
#include "jhk-service-private.h"
#include "jhk-settings.h"
#include "jhk-util.h"
#include "jhk-work-requests.h"

/* Lead time when fewer than LEAD_MIN_SAMPLES requests were completed, of
 * the last LEAD_SAMPLES. */
#define LEAD_DEFAULT_US   (3 * G_TIME_SPAN_DAY)
#define LEAD_MIN_SAMPLES  5
#define LEAD_SAMPLES      20

#define MAX_TITLE   100
#define MAX_NAME    100
#define MAX_PHONE   50
#define MAX_SUMMARY 1000
#define MAX_PURPOSE 500
#define MAX_CONTENT 200
#define MAX_FORM    100
#define MAX_NOTE    500
#define MAX_REMARKS 1000

/* Labels ------------------------------------------------------------------ */

static const char *const statuses[] = {
  "draft", "consent_pending", "submitted", "in_progress", "completed", "returned", "withdrawn",
  NULL
};
static const char *const item_kinds[] = { "input", "output", "correction", NULL };
static const char *const recipients[] = { "sysadmin", "business", NULL };

const char *const *
jhk_work_request_statuses (void)
{
  return statuses;
}

const char *
jhk_work_request_status_label (const char *status)
{
  static const JhkServiceLabel labels[] = {
    { "draft", N_("Draft") },
    { "consent_pending", N_("Awaiting consent") },
    { "submitted", N_("Awaiting reception") },
    { "in_progress", N_("In progress") },
    { "completed", N_("Completed") },
    { "returned", N_("Sent back") },
    { "withdrawn", N_("Withdrawn") },
    { NULL }
  };

  return jhk_service_label (labels, status);
}

const char *const *
jhk_work_request_item_kinds (void)
{
  return item_kinds;
}

const char *
jhk_work_request_item_kind_label (const char *kind)
{
  static const JhkServiceLabel labels[] = {
    { "input", N_("Input") },
    { "output", N_("Output") },
    { "correction", N_("Correction") },
    { NULL }
  };

  return jhk_service_label (labels, kind);
}

const char *
jhk_work_request_recipient_label (const char *recipient)
{
  static const JhkServiceLabel labels[] = {
    { "sysadmin", N_("System administrator") },
    { "business", N_("Manager of the business") },
    { NULL }
  };
  const char *label = jhk_service_label (labels, recipient);

  return label != NULL ? label : "";
}

/* Memory ------------------------------------------------------------------ */

JhkWorkRequestItem *
jhk_work_request_item_new (const char *kind,
                           const char *content,
                           int         quantity,
                           const char *form,
                           const char *note)
{
  JhkWorkRequestItem *item = g_new0 (JhkWorkRequestItem, 1);

  item->kind = g_strdup (kind != NULL ? kind : "");
  item->content = g_strdup (content != NULL ? content : "");
  item->quantity = quantity;
  item->form = g_strdup (form != NULL ? form : "");
  item->note = g_strdup (note != NULL ? note : "");
  return item;
}

void
jhk_work_request_item_free (JhkWorkRequestItem *item)
{
  if (item == NULL)
    return;
  g_free (item->kind);
  g_free (item->content);
  g_free (item->form);
  g_free (item->note);
  g_free (item);
}

void
jhk_work_request_free (JhkWorkRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->office_name);
  g_free (r->status);
  g_free (r->recipient);
  g_free (r->business_name);
  g_free (r->to_title);
  g_free (r->from_title);
  g_free (r->summary);
  g_free (r->purpose);
  g_free (r->wanted_at);
  g_free (r->manager_title);
  g_free (r->manager_name);
  g_free (r->contact_name);
  g_free (r->contact_phone);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_free (r->consent_title);
  g_free (r->consent_name);
  g_free (r->consent_phone);
  g_free (r->received_at);
  g_free (r->received_handler);
  g_free (r->received_note);
  g_free (r->processed_at);
  g_free (r->processed_handler);
  g_free (r->processed_note);
  g_free (r->input_returned_at);
  g_free (r->input_returned_handler);
  g_free (r->input_returned_to_office);
  g_free (r->input_returned_to_name);
  g_free (r->output_delivered_at);
  g_free (r->output_delivered_handler);
  g_free (r->output_delivered_to_office);
  g_free (r->output_delivered_to_name);
  g_free (r->paper_other_text);
  g_free (r->remarks);
  g_free (r->return_comment);
  g_free (r->creator_name);
  g_free (r);
}

static GPtrArray *
new_item_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_work_request_item_free);
}

/* Times ------------------------------------------------------------------- */

/* A local "YYYY-MM-DD HH:MM" that names a real minute. */
static GDateTime *
parse_local (const char *text)
{
  int y, mo, d, h, mi;

  if (text == NULL || strlen (text) != 16 || text[4] != '-' || text[7] != '-' ||
      text[10] != ' ' || text[13] != ':')
    return NULL;
  for (int i = 0; i < 16; i++)
    if (i != 4 && i != 7 && i != 10 && i != 13 && !g_ascii_isdigit (text[i]))
      return NULL;
  y = atoi (text);
  mo = atoi (text + 5);
  d = atoi (text + 8);
  h = atoi (text + 11);
  mi = atoi (text + 14);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
      d > g_date_get_days_in_month (mo, y))
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

static gboolean
time_is_valid (const char *text)
{
  g_autoptr(GDateTime) t = parse_local (text);

  return t != NULL;
}

static char *
now_local (void)
{
  return jhk_format_time (jhk_now_us ());
}

/* Pure checks --------------------------------------------------------------- */

/* The field of row i's member: "items.I.MEMBER", interned. */
static const char *
item_field (guint       i,
            const char *member)
{
  g_autofree char *field = g_strdup_printf ("items.%u.%s", i, member);

  return g_intern_string (field);
}

static gboolean
text_fits (const char  *value,
           int          max_chars,
           const char **out_field,
           const char  *field,
           GError     **error)
{
  if (value == NULL || jhk_service_text_fits (value, max_chars))
    return TRUE;
  return jhk_service_refuse_field (error, out_field, field,
                                   _("The text is too long (%d characters at most)."), max_chars);
}

static gboolean
required (const char  *value,
          int          max_chars,
          const char **out_field,
          const char  *field,
          const char  *message,
          GError     **error)
{
  if (jhk_is_blank (value))
    return jhk_service_refuse_field (error, out_field, field, "%s", message);
  return text_fits (value, max_chars, out_field, field, error);
}

static gboolean
has_personal_output (const JhkWorkRequest *r)
{
  for (guint i = 0; r->items != NULL && i < r->items->len; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

      if (item->personal_data && g_strcmp0 (item->kind, "output") == 0)
        return TRUE;
    }
  return FALSE;
}

/* The lengths a draft must keep, and the kinds its rows are of. */
static gboolean
check_draft_texts (const JhkWorkRequest  *r,
                   const char           **f,
                   GError               **error)
{
  guint n = r->items != NULL ? r->items->len : 0;

  if (r->recipient != NULL && r->recipient[0] != '\0' &&
      !g_strv_contains (recipients, r->recipient))
    return jhk_service_refuse_field (
      error, f, "recipient",
      _("Choose whom the request is addressed to: the system administrator "
        "or the manager of a business."));
  if (!text_fits (r->to_title, MAX_TITLE, f, "to_title", error) ||
      !text_fits (r->from_title, MAX_TITLE, f, "from_title", error) ||
      !text_fits (r->summary, MAX_SUMMARY, f, "summary", error) ||
      !text_fits (r->purpose, MAX_PURPOSE, f, "purpose", error) ||
      !text_fits (r->wanted_at, 16, f, "wanted_at", error) ||
      !text_fits (r->manager_title, MAX_TITLE, f, "manager_title", error) ||
      !text_fits (r->manager_name, MAX_NAME, f, "manager_name", error) ||
      !text_fits (r->contact_name, MAX_NAME, f, "contact_name", error) ||
      !text_fits (r->contact_phone, MAX_PHONE, f, "contact_phone", error))
    return FALSE;
  if (n > JHK_WORK_REQUEST_MAX_ITEMS)
    return jhk_service_refuse_field (error, f, "items",
                                     _("A request holds at most %d rows of materials."),
                                     JHK_WORK_REQUEST_MAX_ITEMS);
  for (guint i = 0; i < n; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

      if (!g_strv_contains (item_kinds, item->kind != NULL ? item->kind : ""))
        return jhk_service_refuse_field (error, f, item_field (i, "kind"),
                                         _("Row %u: choose input, output or correction."), i + 1);
      if (item->quantity < 0)
        return jhk_service_refuse_field (error, f, item_field (i, "quantity"),
                                         _("Row %u: the quantity must be at least one."), i + 1);
      if (!text_fits (item->content, MAX_CONTENT, f, item_field (i, "content"), error) ||
          !text_fits (item->form, MAX_FORM, f, item_field (i, "form"), error) ||
          !text_fits (item->note, MAX_NOTE, f, item_field (i, "note"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_step_1 (const JhkWorkRequest  *r,
              const char           **f,
              GError               **error)
{
  if (!g_strv_contains (recipients, r->recipient != NULL ? r->recipient : ""))
    return jhk_service_refuse_field (
      error, f, "recipient",
      _("Choose whom the request is addressed to: the system administrator "
        "or the manager of a business."));
  if (r->business_id == 0)
    return jhk_service_refuse_field (error, f, "business_id",
                                     _("Choose the business the work is for."));
  return TRUE;
}

static gboolean
check_step_2 (const JhkWorkRequest  *r,
              const char           **f,
              GError               **error)
{
  g_autofree char *now = NULL;

  if (!required (r->summary, MAX_SUMMARY, f, "summary", _("Describe the work requested."), error) ||
      !required (r->purpose, MAX_PURPOSE, f, "purpose", _("Give the purpose of the work."), error))
    return FALSE;
  if (!time_is_valid (r->wanted_at))
    return jhk_service_refuse_field (error, f, "wanted_at",
                                     _("Enter the completion wanted as YYYY-MM-DD HH:MM."));
  now = now_local ();
  if (strcmp (r->wanted_at, now) < 0)
    return jhk_service_refuse_field (error, f, "wanted_at",
                                     _("The completion wanted lies in the past."));
  return TRUE;
}

static gboolean
check_step_3 (const JhkWorkRequest  *r,
              const char           **f,
              GError               **error)
{
  guint n = r->items != NULL ? r->items->len : 0;

  if (n == 0)
    return jhk_service_refuse_field (error, f, "items", _("Add at least one row of materials."));
  if (!check_draft_texts (r, f, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

      if (jhk_is_blank (item->content))
        return jhk_service_refuse_field (error, f, item_field (i, "content"),
                                         _("Row %u: describe the material."), i + 1);
      if (item->quantity < 1)
        return jhk_service_refuse_field (error, f, item_field (i, "quantity"),
                                         _("Row %u: the quantity must be at least one."), i + 1);
      if (jhk_is_blank (item->form))
        return jhk_service_refuse_field (
          error, f, item_field (i, "form"),
          _("Row %u: give the form of the material (paper, CD-R…)."), i + 1);
    }
  /* R15-5: personal-data output is stored under lock. */
  if (has_personal_output (r) && r->storage_place_id == 0)
    return jhk_service_refuse_field (
      error, f, "storage_place_id",
      _("Output with personal data needs a locked storage place of the "
        "office."));
  return TRUE;
}

static gboolean
check_step_4 (const JhkWorkRequest  *r,
              const char           **f,
              GError               **error)
{
  return required (r->to_title, MAX_TITLE, f, "to_title",
                   _("Enter the title of the head the request is addressed to."), error) &&
         required (r->from_title, MAX_TITLE, f, "from_title",
                   _("Enter the title of the requesting office's head."), error) &&
         required (r->manager_title, MAX_TITLE, f, "manager_title",
                   _("Enter the title of the office's information manager."), error) &&
         required (r->manager_name, MAX_NAME, f, "manager_name",
                   _("Enter the name of the office's information manager."), error) &&
         required (r->contact_name, MAX_NAME, f, "contact_name",
                   _("Enter the name of the person in charge."), error) &&
         required (r->contact_phone, MAX_PHONE, f, "contact_phone",
                   _("Enter the phone number of the person in charge."), error);
}

gboolean
jhk_work_requests_check_step (const JhkWorkRequest  *request,
                              int                    step,
                              const char           **out_field,
                              GError               **error)
{
  g_return_val_if_fail (request != NULL, FALSE);

  if (out_field != NULL)
    *out_field = NULL;
  switch (step)
    {
    case 1:
      return check_step_1 (request, out_field, error);
    case 2:
      return check_step_2 (request, out_field, error);
    case 3:
      return check_step_3 (request, out_field, error);
    case 4:
      return check_step_4 (request, out_field, error);
    default:
      return check_step_1 (request, out_field, error) &&
             check_step_2 (request, out_field, error) &&
             check_step_3 (request, out_field, error) &&
             check_step_4 (request, out_field, error);
    }
}

/* Roles ------------------------------------------------------------------- */

/* The 運用管理者 or 情報管理者 of the office (R15-4: the requester). */
static gboolean
is_requester (JhkDb      *db,
              JhkSession *actor,
              gint64      office_id)
{
  return office_id != 0 && jhk_session_get_staff_id (actor) != 0 &&
         (jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_OPS_MANAGER, office_id) ||
          jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_MANAGER, office_id));
}

/* The 対象業務管理者等 of the business. */
static gboolean
is_manager (JhkSession *actor,
            gint64      business_id)
{
  return business_id != 0 && jhk_session_get_staff_id (actor) != 0 &&
         jhk_org_manages_business (actor, business_id);
}

/* The receiving side: the システム管理者 or the business's manager. */
static gboolean
is_receiver (JhkSession           *actor,
             const JhkWorkRequest *r)
{
  if (jhk_session_get_staff_id (actor) == 0)
    return FALSE;
  if (g_strcmp0 (r->recipient, "sysadmin") == 0)
    return jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
  if (g_strcmp0 (r->recipient, "business") == 0)
    return is_manager (actor, r->business_id);
  return FALSE;
}

static gboolean
is_admin (JhkSession *actor)
{
  return jhk_session_is_system (actor) || jhk_session_has_role (actor, JHK_ROLE_SUPERVISOR) ||
         jhk_session_has_role (actor, JHK_ROLE_SYSADMIN);
}

/* As the server's policy (0013-work-requests.pg.sql): the requesting
 * office, the administrators, and past the draft the business's managers. */
static gboolean
may_see (JhkDb                *db,
         JhkSession           *actor,
         const JhkWorkRequest *r)
{
  if (is_admin (actor))
    return TRUE;
  if (g_strcmp0 (r->status, "draft") != 0 && is_manager (actor, r->business_id))
    return TRUE;
  return jhk_service_sees_office (db, actor, r->office_id);
}

/* Refusals ------------------------------------------------------------------ */

static gboolean
status_is (const JhkWorkRequest *r,
           const char           *status)
{
  return g_strcmp0 (r->status, status) == 0;
}

static gboolean
is_blank_step (const char *at)
{
  return at == NULL || at[0] == '\0';
}

/* Whether a row is of the kind (input also covers correction: both are
 * material handed to the receiving side and returned). */
static gboolean
has_rows (JhkDb                *db,
          const JhkWorkRequest *r,
          gboolean              output)
{
  gint64 found = 0;

  if (r->items != NULL)
    {
      for (guint i = 0; i < r->items->len; i++)
        {
          const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);

          if (output == (g_strcmp0 (item->kind, "output") == 0))
            return TRUE;
        }
      return FALSE;
    }
  return jhk_db_query_int64 (db, &found, NULL,
                             output ? "SELECT 1 FROM work_request_items WHERE request_id = ?"
                                      " AND kind = 'output' LIMIT 1"
                                    : "SELECT 1 FROM work_request_items WHERE request_id = ?"
                                      " AND kind <> 'output' LIMIT 1",
                             JHK_I (r->id), JHK_DB_END) && found != 0;
}

static const char *
not_receiver (const JhkWorkRequest *r)
{
  if (g_strcmp0 (r->recipient, "sysadmin") == 0)
    return _("Only the system administrator receives and processes a work request addressed "
             "to them.");
  return _("Only the manager of the request's business receives and processes a work request "
           "addressed to them.");
}

/* The refusal and its JHK_POLICY_ERROR code. */
static const char *
refusal (JhkDb                *db,
         JhkSession           *actor,
         const JhkWorkRequest *r,
         JhkWorkRequestAction  action,
         int                  *out_code)
{
  int unused_code;
  int *code = out_code != NULL ? out_code : &unused_code;

  *code = JHK_POLICY_ERROR_DENIED;
  switch (action)
    {
    case JHK_WORK_REQUEST_EDIT:
    case JHK_WORK_REQUEST_SUBMIT:
    case JHK_WORK_REQUEST_WITHDRAW:
    case JHK_WORK_REQUEST_REVISE:
      if (!is_requester (db, actor, r->office_id))
        return _("Only the office's operations manager or information manager files and "
                 "changes its work requests.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (action == JHK_WORK_REQUEST_EDIT && !status_is (r, "draft"))
        return _("Only a draft can be changed.");
      if (action == JHK_WORK_REQUEST_SUBMIT && !status_is (r, "draft"))
        return _("Only a draft can be submitted.");
      if (action == JHK_WORK_REQUEST_REVISE && !status_is (r, "returned"))
        return _("Only a request sent back can be revised.");
      if (action == JHK_WORK_REQUEST_WITHDRAW && !status_is (r, "draft") &&
          !status_is (r, "consent_pending") && !status_is (r, "submitted") &&
          !status_is (r, "returned"))
        return _("A request already received or closed can no longer be withdrawn.");
      return NULL;

    case JHK_WORK_REQUEST_CONSENT:
      if (!is_manager (actor, r->business_id))
        return _("Only the manager of the request's business consents to it or declines it.");
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (g_strcmp0 (r->recipient, "sysadmin") != 0)
        return _("A request addressed to the business's manager needs no consent.");
      if (!status_is (r, "consent_pending"))
        return _("This request is not waiting for consent.");
      return NULL;

    case JHK_WORK_REQUEST_SEND_BACK:
      if (status_is (r, "consent_pending"))
        {
          if (!is_manager (actor, r->business_id))
            return _("Only the manager of the request's business consents to it or declines "
                     "it.");
          return NULL;
        }
      if (status_is (r, "submitted"))
        return is_receiver (actor, r) ? NULL : not_receiver (r);
      if (!is_manager (actor, r->business_id) && !is_receiver (actor, r))
        return not_receiver (r);
      *code = JHK_POLICY_ERROR_CONFLICT;
      return _("Only a request awaiting consent or reception can be sent back.");

    case JHK_WORK_REQUEST_RECEIVE:
      if (!is_receiver (actor, r))
        return not_receiver (r);
      *code = JHK_POLICY_ERROR_CONFLICT;
      /* R15-4: the business's manager consents first. */
      if (status_is (r, "consent_pending"))
        return _("A request to the system administrator is received only once the manager of "
                 "its business has consented.");
      if (!status_is (r, "submitted"))
        return _("Only a submitted request can be received.");
      return NULL;

    case JHK_WORK_REQUEST_PROCESS:
    case JHK_WORK_REQUEST_RETURN_INPUT:
    case JHK_WORK_REQUEST_DELIVER_OUTPUT:
    case JHK_WORK_REQUEST_SET_PAPER:
    case JHK_WORK_REQUEST_COMPLETE:
      if (!is_receiver (actor, r))
        return not_receiver (r);
      *code = JHK_POLICY_ERROR_CONFLICT;
      if (!status_is (r, "in_progress"))
        return _("This request is not in progress.");
      if (action == JHK_WORK_REQUEST_PROCESS && !is_blank_step (r->processed_at))
        return _("The processing of this request is recorded already.");
      if (action == JHK_WORK_REQUEST_RETURN_INPUT)
        {
          if (!is_blank_step (r->input_returned_at))
            return _("The return of the input material is recorded already.");
          if (!has_rows (db, r, FALSE))
            return _("The request has no input or correction rows to return.");
        }
      if (action == JHK_WORK_REQUEST_DELIVER_OUTPUT)
        {
          if (!is_blank_step (r->output_delivered_at))
            return _("The hand-over of the output material is recorded already.");
          if (!has_rows (db, r, TRUE))
            return _("The request has no output rows to hand over.");
          if (is_blank_step (r->processed_at))
            return _("The output is handed over after the processing is recorded.");
        }
      if (action == JHK_WORK_REQUEST_COMPLETE)
        {
          if (is_blank_step (r->processed_at))
            return _("Record the processing before completing the request.");
          if (is_blank_step (r->input_returned_at) && has_rows (db, r, FALSE))
            return _("Record the return of the input material before completing the request.");
          if (is_blank_step (r->output_delivered_at) && has_rows (db, r, TRUE))
            return _("Record the hand-over of the output material before completing the "
                     "request.");
        }
      return NULL;
    }
  /* An action this version does not know is never allowed. */
  *code = JHK_POLICY_ERROR_INVALID;
  return _("This action on a work request is unknown.");
}

const char *
jhk_work_requests_refusal (JhkDb                *db,
                           JhkSession           *actor,
                           const JhkWorkRequest *request,
                           JhkWorkRequestAction  action)
{
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  return refusal (db, actor, request, action, NULL);
}

static gboolean
require_action (JhkDb                *db,
                JhkSession           *actor,
                const JhkWorkRequest *r,
                JhkWorkRequestAction  action,
                GError              **error)
{
  int code = 0;
  const char *message = refusal (db, actor, r, action, &code);

  if (message == NULL)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, code, message);
  return FALSE;
}

gboolean
jhk_work_request_is_overdue_row (const char *status,
                                 const char *wanted_at,
                                 const char *now)
{
  g_autofree char *local = NULL;

  if (g_strcmp0 (status, "consent_pending") != 0 && g_strcmp0 (status, "submitted") != 0 &&
      g_strcmp0 (status, "in_progress") != 0)
    return FALSE;
  if (wanted_at == NULL || wanted_at[0] == '\0')
    return FALSE;
  if (now == NULL)
    now = local = now_local ();
  return strcmp (wanted_at, now) < 0;
}

gboolean
jhk_work_request_is_overdue (const JhkWorkRequest *request,
                             const char           *now)
{
  g_return_val_if_fail (request != NULL, FALSE);

  return jhk_work_request_is_overdue_row (request->status, request->wanted_at, now);
}

/* Reading ------------------------------------------------------------------- */

#define REQUEST_COLUMNS \
  "w.id, w.org_unit_id, o.name, w.status, w.recipient, w.business_id, b.name," \
  " w.to_title, w.from_title, w.summary, w.purpose, w.wanted_at, w.manager_title," \
  " w.manager_name, w.contact_name, w.contact_phone, w.storage_place_id," \
  " w.consent_by, w.consent_title, w.consent_name, w.consent_phone, w.consent_at," \
  " w.received_at, w.received_handler, w.received_note," \
  " w.processed_at, w.processed_handler, w.processed_note," \
  " w.input_returned_at, w.input_returned_handler, w.input_returned_to_office," \
  " w.input_returned_to_name, w.output_delivered_at, w.output_delivered_handler," \
  " w.output_delivered_to_office, w.output_delivered_to_name," \
  " w.paper_continuous, w.paper_standard, w.paper_a4, w.paper_other, w.paper_other_text," \
  " w.remarks, w.return_comment, w.created_by, s.name, w.created_at, w.updated_at," \
  " w.submitted_at, w.completed_at" \
  " FROM work_requests w" \
  " LEFT JOIN org_units o ON o.id = w.org_unit_id" \
  " LEFT JOIN businesses b ON b.id = w.business_id" \
  " LEFT JOIN staff s ON s.id = w.created_by"

static JhkWorkRequest *
request_from_row (JhkDbStmt *stmt)
{
  JhkWorkRequest *r = g_new0 (JhkWorkRequest, 1);
  int c = 0;

  r->id = jhk_db_stmt_get_int64 (stmt, c++);
  r->office_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->office_name = jhk_service_dup_text (stmt, c++);
  r->status = jhk_service_dup_text (stmt, c++);
  r->recipient = jhk_service_dup_text (stmt, c++);
  r->business_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->business_name = jhk_service_dup_text (stmt, c++);
  r->to_title = jhk_service_dup_text (stmt, c++);
  r->from_title = jhk_service_dup_text (stmt, c++);
  r->summary = jhk_service_dup_text (stmt, c++);
  r->purpose = jhk_service_dup_text (stmt, c++);
  r->wanted_at = jhk_service_dup_text (stmt, c++);
  r->manager_title = jhk_service_dup_text (stmt, c++);
  r->manager_name = jhk_service_dup_text (stmt, c++);
  r->contact_name = jhk_service_dup_text (stmt, c++);
  r->contact_phone = jhk_service_dup_text (stmt, c++);
  r->storage_place_id = jhk_db_stmt_get_int64 (stmt, c++);
  r->consent_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->consent_title = jhk_service_dup_text (stmt, c++);
  r->consent_name = jhk_service_dup_text (stmt, c++);
  r->consent_phone = jhk_service_dup_text (stmt, c++);
  r->consent_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->received_at = jhk_service_dup_text (stmt, c++);
  r->received_handler = jhk_service_dup_text (stmt, c++);
  r->received_note = jhk_service_dup_text (stmt, c++);
  r->processed_at = jhk_service_dup_text (stmt, c++);
  r->processed_handler = jhk_service_dup_text (stmt, c++);
  r->processed_note = jhk_service_dup_text (stmt, c++);
  r->input_returned_at = jhk_service_dup_text (stmt, c++);
  r->input_returned_handler = jhk_service_dup_text (stmt, c++);
  r->input_returned_to_office = jhk_service_dup_text (stmt, c++);
  r->input_returned_to_name = jhk_service_dup_text (stmt, c++);
  r->output_delivered_at = jhk_service_dup_text (stmt, c++);
  r->output_delivered_handler = jhk_service_dup_text (stmt, c++);
  r->output_delivered_to_office = jhk_service_dup_text (stmt, c++);
  r->output_delivered_to_name = jhk_service_dup_text (stmt, c++);
  r->paper_continuous = jhk_db_stmt_get_int64 (stmt, c++);
  r->paper_standard = jhk_db_stmt_get_int64 (stmt, c++);
  r->paper_a4 = jhk_db_stmt_get_int64 (stmt, c++);
  r->paper_other = jhk_db_stmt_get_int64 (stmt, c++);
  r->paper_other_text = jhk_service_dup_text (stmt, c++);
  r->remarks = jhk_service_dup_text (stmt, c++);
  r->return_comment = jhk_service_dup_text (stmt, c++);
  r->created_by = jhk_db_stmt_get_int64 (stmt, c++);
  r->creator_name = jhk_service_dup_text (stmt, c++);
  r->created_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->updated_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->submitted_at = jhk_db_stmt_get_int64 (stmt, c++);
  r->completed_at = jhk_db_stmt_get_int64 (stmt, c++);
  return r;
}

static gboolean
load_items (JhkDb           *db,
            JhkWorkRequest  *r,
            GError         **error)
{
  g_autoptr(JhkDbStmt) stmt = NULL;
  JhkDbStep step;

  r->items = new_item_array ();
  stmt = jhk_db_query (db, error,
                       "SELECT kind, content, quantity, form, note, personal_data, material_id"
                       " FROM work_request_items WHERE request_id = ? ORDER BY position",
                       JHK_I (r->id), JHK_DB_END);
  if (stmt == NULL)
    return FALSE;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    {
      JhkWorkRequestItem *item = g_new0 (JhkWorkRequestItem, 1);

      item->kind = jhk_service_dup_text (stmt, 0);
      item->content = jhk_service_dup_text (stmt, 1);
      item->quantity = jhk_db_stmt_get_int64 (stmt, 2);
      item->form = jhk_service_dup_text (stmt, 3);
      item->note = jhk_service_dup_text (stmt, 4);
      item->personal_data = jhk_db_stmt_get_int64 (stmt, 5) != 0;
      item->material_id = jhk_db_stmt_get_int64 (stmt, 6);
      g_ptr_array_add (r->items, item);
    }
  return step != JHK_DB_FAILED;
}

static void
set_not_found (GError **error,
               gint64   request_id)
{
  g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
               _("There is no work request %lld."), (long long) request_id);
}

/* The request with its rows as the actor may see it; NULL with error set. */
static JhkWorkRequest *
load_request (JhkDb       *db,
              JhkSession  *actor,
              gint64       request_id,
              GError     **error)
{
  g_autoptr(JhkWorkRequest) r = NULL;

  if (!jhk_service_query_object (db, (JhkServiceFromRow) request_from_row, (gpointer *) &r, error,
                                 "SELECT " REQUEST_COLUMNS " WHERE w.id = ?",
                                 JHK_I (request_id), JHK_DB_END))
    return NULL;
  if (r == NULL || !may_see (db, actor, r))
    {
      set_not_found (error, request_id);
      return NULL;
    }
  if (!load_items (db, r, error))
    return NULL;
  return g_steal_pointer (&r);
}

JhkWorkRequest *
jhk_work_requests_get (JhkDb       *db,
                       JhkSession  *actor,
                       gint64       request_id,
                       GError     **error)
{
  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  return load_request (db, actor, request_id, error);
}

/* ", id" for each office the actor sees (requester: requests for), for
 * an SQL list after "IN (0". */
static void
append_offices (JhkDb      *db,
                JhkSession *actor,
                gboolean    requester,
                GString    *sql)
{
  g_autoptr(GArray) offices =
    jhk_service_query_ids (db, NULL, "SELECT id FROM org_units WHERE kind = 'office' ORDER BY id",
                           JHK_DB_END);

  for (guint i = 0; offices != NULL && i < offices->len; i++)
    {
      gint64 office = g_array_index (offices, gint64, i);

      if (requester ? is_requester (db, actor, office)
                    : jhk_service_sees_office (db, actor, office))
        g_string_append_printf (sql, ", %" G_GINT64_FORMAT, office);
    }
}

/* ", id" for each business the actor manages. */
static void
append_businesses (JhkSession *actor,
                   GString    *sql)
{
  if (jhk_session_get_staff_id (actor) == 0)
    return;
  for (guint i = 0; i < jhk_session_get_n_grants (actor); i++)
    {
      const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

      if ((grant->role == JHK_ROLE_BIZ_OWNER || grant->role == JHK_ROLE_EGOV_OWNER ||
           grant->role == JHK_ROLE_LEAD_OWNER) && grant->business_id != 0)
        g_string_append_printf (sql, ", %" G_GINT64_FORMAT, grant->business_id);
    }
}

/* The condition of a scope's list, for jhk_work_requests_list() and its
 * model alike, or NULL for every request: filtered in SQL, on the indexes
 * of 0013, by the offices and businesses the actor's roles give, so that
 * a list of a million requests asks nothing per row. */
static char *
scope_condition (JhkDb                *db,
                 JhkSession           *actor,
                 JhkWorkRequestsScope  scope)
{
  g_autoptr(GString) sql = g_string_new ("(");

  switch (scope)
    {
    case JHK_WORK_REQUESTS_TO_CONSENT:
      g_string_append (sql, "w.status = 'consent_pending' AND w.recipient = 'sysadmin'"
                            " AND w.business_id IN (0");
      append_businesses (actor, sql);
      g_string_append (sql, ")");
      break;
    case JHK_WORK_REQUESTS_TO_PROCESS:
      g_string_append (sql, "w.status IN ('submitted', 'in_progress') AND (");
      if (jhk_session_get_staff_id (actor) != 0 &&
          jhk_session_has_role (actor, JHK_ROLE_SYSADMIN))
        g_string_append (sql, "w.recipient = 'sysadmin' OR ");
      g_string_append (sql, "(w.recipient = 'business' AND w.business_id IN (0");
      append_businesses (actor, sql);
      g_string_append (sql, ")))");
      break;
    case JHK_WORK_REQUESTS_OFFICE:
      g_string_append (sql, "w.org_unit_id IN (0");
      append_offices (db, actor, TRUE, sql);
      g_string_append (sql, ")");
      break;
    case JHK_WORK_REQUESTS_VISIBLE:
    default:
      if (is_admin (actor))
        return NULL;
      g_string_append (sql, "w.org_unit_id IN (0");
      append_offices (db, actor, FALSE, sql);
      g_string_append (sql, ") OR (w.status <> 'draft' AND w.business_id IN (0");
      append_businesses (actor, sql);
      g_string_append (sql, "))");
      break;
    }
  g_string_append_c (sql, ')');
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

GPtrArray *
jhk_work_requests_list (JhkDb                 *db,
                        JhkSession            *actor,
                        JhkWorkRequestsScope   scope,
                        GError               **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jhk_work_request_free);
  g_autoptr(JhkDbStmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " REQUEST_COLUMNS);
  g_autofree char *condition = NULL;
  JhkDbStep step;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  condition = scope_condition (db, actor, scope);
  if (condition != NULL)
    g_string_append_printf (sql, " WHERE %s", condition);
  g_string_append (sql, " ORDER BY w.id DESC");
  stmt = jhk_db_query (db, error, sql->str, JHK_DB_END);
  if (stmt == NULL)
    return NULL;
  while ((step = jhk_db_stmt_step (stmt, error)) == JHK_DB_ROW)
    g_ptr_array_add (list, request_from_row (stmt));
  if (step == JHK_DB_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

/* The flow's order of the states, for sorting by 状態: the same
 * expression as the index work_requests_flow of 0015, so that the order
 * is read from it. */
#define STATUS_FLOW_ORDER \
  "(CASE w.status WHEN 'draft' THEN 0 WHEN 'consent_pending' THEN 1" \
  " WHEN 'submitted' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'returned' THEN 4" \
  " WHEN 'completed' THEN 5 ELSE 6 END)"

#define FILTERED_KEY "jhk-work-requests-filtered"

JhkQueryModel *
jhk_work_requests_list_model (JhkDb                *db,
                              JhkSession           *actor,
                              JhkWorkRequestsScope  scope)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *condition = NULL;
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  model = jhk_query_model_new (db,
                               "w.org_unit_id AS office_id, o.name AS office, w.status,"
                               " w.recipient, w.business_id, b.name AS business, w.summary,"
                               " w.wanted_at, w.created_at, w.id AS id",
                               "work_requests w"
                               " LEFT JOIN org_units o ON o.id = w.org_unit_id"
                               " LEFT JOIN businesses b ON b.id = w.business_id",
                               "w.id");
  /* The condition and the orders need the requests alone. */
  jhk_query_model_set_id_from (model, "work_requests w");
  condition = scope_condition (db, actor, scope);
  jhk_query_model_set_filter (model, condition, NULL);
  if (condition != NULL)
    g_object_set_data (G_OBJECT (model), FILTERED_KEY, GINT_TO_POINTER (TRUE));
  jhk_query_model_set_order (model, "w.id DESC");
  if (!jhk_query_model_refresh (model, &error))
    g_warning ("Could not read the work requests: %s", error->message);
  return model;
}

void
jhk_work_requests_list_model_sort (JhkQueryModel       *model,
                                   JhkWorkRequestsSort  sort,
                                   gboolean             descending)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  const char *dir = descending ? " DESC" : "";
  gboolean filtered;

  g_return_if_fail (JHK_IS_QUERY_MODEL (model));

  /* Every term runs the same way, the id last, so that one index read
   * forwards or backwards gives the order of every request. A scope's
   * condition picks its rows from the indexes of 0013 instead, and they
   * are sorted: the order's index would visit every request to find
   * them (3 s at a million), so the terms are written not to match it. */
  filtered = g_object_get_data (G_OBJECT (model), FILTERED_KEY) != NULL;
  switch (sort)
    {
    case JHK_WORK_REQUESTS_SORT_WANTED_AT:
      order = g_strdup_printf ("w.wanted_at%s%s, w.id%s", filtered ? " || ''" : "", dir, dir);
      break;
    case JHK_WORK_REQUESTS_SORT_STATUS:
      order = g_strdup_printf (STATUS_FLOW_ORDER "%s%s, w.id%s", filtered ? " + 0" : "", dir,
                               dir);
      break;
    case JHK_WORK_REQUESTS_SORT_NUMBER:
    default:
      order = g_strdup_printf ("w.id%s", dir);
      break;
    }
  jhk_query_model_set_order (model, order);
  if (!jhk_query_model_refresh (model, &error))
    g_warning ("Could not read the work requests: %s", error->message);
}

/* Addressable businesses ------------------------------------------------------ */

/* R8-1, R9-1: approved 対象業務等 (a 主管業務 needs no approval, so it has
 * none and is not one). */
#define BUSINESS_APPROVED "b.approved_at IS NOT NULL AND b.kind IN ('target', 'egov', 'lead')"

JhkQueryModel *
jhk_work_requests_addressable_businesses (JhkDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *today = jhk_today ();
  gboolean takes_today;
  JhkQueryModel *model;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  model = jhk_query_model_new (db, "b.code, b.name, b.kind, b.id AS id", "businesses b", "b.id");
  where = g_strdup_printf ("%s AND %s", BUSINESS_APPROVED,
                           jhk_service_business_managed (db, &takes_today));
  jhk_query_model_set_filter (model, where,
                              takes_today ? g_variant_new ("(ss)", today, today) : NULL);
  jhk_query_model_set_order (model, "b.code");
  if (!jhk_query_model_refresh (model, &error))
    g_warning ("Could not read the businesses: %s", error->message);
  return model;
}

const char *
jhk_work_requests_business_refusal (JhkDb  *db,
                                    gint64  business_id)
{
  gint64 found = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (business_id == 0 ||
      !jhk_db_query_int64 (db, &found, NULL,
                           "SELECT 1 FROM businesses b WHERE b.id = ? AND " BUSINESS_APPROVED,
                           JHK_I (business_id), JHK_DB_END) || found == 0)
    return _("A work request is made for an approved business.");
  if (!jhk_service_business_has_manager (db, business_id))
    return _("The business has no manager to consent to or process the request.");
  return NULL;
}

/* The draft as the wizard starts --------------------------------------------- */

/* The office above a unit (or the unit itself). */
static gint64
office_of (JhkDb  *db,
           gint64  unit)
{
  for (int depth = 0; unit != 0 && depth < 16; depth++)
    {
      g_autofree char *kind = NULL;
      gint64 parent = 0;

      if (!jhk_db_query_text (db, &kind, NULL, "SELECT kind FROM org_units WHERE id = ?",
                              JHK_I (unit), JHK_DB_END))
        return 0;
      if (g_strcmp0 (kind, "office") == 0)
        return unit;
      jhk_db_query_int64 (db, &parent, NULL, "SELECT parent_id FROM org_units WHERE id = ?",
                          JHK_I (unit), JHK_DB_END);
      unit = parent;
    }
  return 0;
}

/* The head's title of the unit or, when it has none, of the nearest unit
 * above it that has one. */
static char *
head_title_of (JhkDb  *db,
               gint64  unit)
{
  for (int depth = 0; unit != 0 && depth < 16; depth++)
    {
      g_autofree char *title = NULL;
      gint64 parent = 0;

      if (jhk_db_query_text (db, &title, NULL, "SELECT head_title FROM org_units WHERE id = ?",
                             JHK_I (unit), JHK_DB_END) && !jhk_is_blank (title))
        return g_steal_pointer (&title);
      jhk_db_query_int64 (db, &parent, NULL, "SELECT parent_id FROM org_units WHERE id = ?",
                          JHK_I (unit), JHK_DB_END);
      unit = parent;
    }
  return NULL;
}

static char *
staff_text (JhkDb      *db,
            gint64      staff_id,
            const char *sql)
{
  char *text = NULL;

  if (staff_id == 0 || !jhk_db_query_text (db, &text, NULL, sql, JHK_I (staff_id), JHK_DB_END) ||
      text == NULL)
    return g_strdup ("");
  return text;
}

JhkWorkRequest *
jhk_work_requests_new_draft (JhkDb       *db,
                             JhkSession  *actor,
                             GError     **error)
{
  g_autoptr(JhkWorkRequest) r = g_new0 (JhkWorkRequest, 1);
  g_autofree char *today = jhk_today ();
  gint64 office = 0, manager = 0, staff = jhk_session_get_staff_id (actor);

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (JHK_IS_SESSION (actor), NULL);

  /* The actor's own office first, else the office of a role's unit. */
  office = office_of (db, jhk_session_get_org_unit_id (actor));
  if (!is_requester (db, actor, office))
    {
      office = 0;
      for (guint i = 0; office == 0 && i < jhk_session_get_n_grants (actor); i++)
        {
          const JhkRoleGrant *grant = jhk_session_get_grant (actor, i);

          if ((grant->role == JHK_ROLE_OPS_MANAGER || grant->role == JHK_ROLE_INFO_MANAGER) &&
              grant->org_unit_id != 0)
            office = office_of (db, grant->org_unit_id);
        }
    }
  if (office == 0 || !is_requester (db, actor, office))
    {
      g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                           _("Only the office's operations manager or information manager files "
                             "and changes its work requests."));
      return NULL;
    }

  r->office_id = office;
  r->status = g_strdup ("draft");
  r->recipient = g_strdup ("");
  r->items = new_item_array ();
  r->created_by = staff;
  r->creator_name = g_strdup (jhk_session_get_name (actor));
  if (!jhk_db_query_text (db, &r->office_name, NULL, "SELECT name FROM org_units WHERE id = ?",
                          JHK_I (office), JHK_DB_END) || r->office_name == NULL)
    r->office_name = g_strdup ("");
  r->from_title = head_title_of (db, office);
  if (r->from_title == NULL)
    r->from_title = g_strdup ("");
  r->to_title = g_strdup ("");

  /* 情報管理者: the actor when they are one, else the office's. */
  if (jhk_ledger_holds_role_for_office (db, actor, JHK_ROLE_INFO_MANAGER, office))
    manager = staff;
  else
    {
      g_autoptr(JhkDbStmt) stmt = NULL;

      stmt = jhk_db_query (db, NULL,
                           "SELECT r.staff_id, r.org_unit_id FROM role_assignments r"
                           " WHERE r.role = 'info_manager' AND r.org_unit_id IS NOT NULL"
                           " AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to >= ?)"
                           " ORDER BY r.id",
                           JHK_T (today), JHK_T (today), JHK_DB_END);
      while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
        {
          gint64 unit = jhk_db_stmt_get_int64 (stmt, 1);

          if (jhk_policy_org_is_within (db, unit, office))
            {
              manager = jhk_db_stmt_get_int64 (stmt, 0);
              break;
            }
        }
    }
  /* An office with no 情報管理者 today: the actor, to be corrected. */
  if (manager == 0)
    manager = staff;
  r->manager_title = staff_text (db, manager, "SELECT title FROM staff WHERE id = ?");
  r->manager_name = staff_text (db, manager, "SELECT name FROM staff WHERE id = ?");
  r->contact_name = staff_text (db, staff, "SELECT name FROM staff WHERE id = ?");
  r->contact_phone = staff_text (db, staff, "SELECT extension FROM staff WHERE id = ?");

  /* The office's first current locked place, in case an output row
   * holds personal data (dropped at submission when none does). */
  jhk_db_query_int64 (db, &r->storage_place_id, NULL,
                      "SELECT id FROM storage_places WHERE org_unit_id = ? AND locked = 1"
                      " AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id LIMIT 1",
                      JHK_I (office), JHK_T (today), JHK_DB_END);

  r->summary = g_strdup ("");
  r->purpose = g_strdup ("");
  r->wanted_at = g_strdup ("");
  r->consent_title = g_strdup ("");
  r->consent_name = g_strdup ("");
  r->consent_phone = g_strdup ("");
  r->received_at = g_strdup ("");
  r->received_handler = g_strdup ("");
  r->received_note = g_strdup ("");
  r->processed_at = g_strdup ("");
  r->processed_handler = g_strdup ("");
  r->processed_note = g_strdup ("");
  r->input_returned_at = g_strdup ("");
  r->input_returned_handler = g_strdup ("");
  r->input_returned_to_office = g_strdup ("");
  r->input_returned_to_name = g_strdup ("");
  r->output_delivered_at = g_strdup ("");
  r->output_delivered_handler = g_strdup ("");
  r->output_delivered_to_office = g_strdup ("");
  r->output_delivered_to_name = g_strdup ("");
  r->paper_other_text = g_strdup ("");
  r->remarks = g_strdup ("");
  r->return_comment = g_strdup ("");
  r->business_name = g_strdup ("");
  return g_steal_pointer (&r);
}

char *
jhk_work_requests_recipient_title (JhkDb      *db,
                                   const char *recipient,
                                   gint64      business_id)
{
  g_autofree char *today = jhk_today ();
  gint64 unit = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);

  if (g_strcmp0 (recipient, "sysadmin") == 0)
    {
      if (!jhk_db_query_int64 (db, &unit, NULL,
                               "SELECT s.org_unit_id FROM role_assignments r"
                               " JOIN staff s ON s.id = r.staff_id"
                               " WHERE r.role = 'sysadmin' AND r.valid_from <= ?"
                               " AND (r.valid_to IS NULL OR r.valid_to >= ?)"
                               " ORDER BY r.id LIMIT 1",
                               JHK_T (today), JHK_T (today), JHK_DB_END))
        return NULL;
    }
  else if (g_strcmp0 (recipient, "business") == 0)
    {
      if (!jhk_db_query_int64 (db, &unit, NULL,
                               "SELECT owner_org_id FROM businesses WHERE id = ?",
                               JHK_I (business_id), JHK_DB_END))
        return NULL;
    }
  else
    return NULL;
  return head_title_of (db, unit);
}

/* Lead time ------------------------------------------------------------------- */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The median time from submission to completion of the last completed
 * requests to the same receiving side; *out_samples their number (the
 * default below LEAD_MIN_SAMPLES). */
static gint64
usual_lead_time (JhkDb                *db,
                 const JhkWorkRequest *r,
                 int                  *out_samples)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JhkDbStmt) stmt = NULL;
  gboolean sysadmin = g_strcmp0 (r->recipient, "sysadmin") == 0;

  stmt = jhk_db_query (db, NULL,
                       "SELECT completed_at - submitted_at FROM work_requests"
                       " WHERE status = 'completed' AND recipient = ?"
                       " AND (? = 1 OR business_id = ?) AND submitted_at IS NOT NULL"
                       " ORDER BY completed_at DESC, id DESC LIMIT " G_STRINGIFY (LEAD_SAMPLES),
                       JHK_T (r->recipient), JHK_I (sysadmin ? 1 : 0), JHK_I (r->business_id),
                       JHK_DB_END);
  while (stmt != NULL && jhk_db_stmt_step (stmt, NULL) == JHK_DB_ROW)
    {
      gint64 span = jhk_db_stmt_get_int64 (stmt, 0);

      g_array_append_val (spans, span);
    }
  *out_samples = spans->len;
  if (spans->len < LEAD_MIN_SAMPLES)
    return LEAD_DEFAULT_US;
  g_array_sort (spans, compare_int64);
  if (spans->len % 2 == 1)
    return g_array_index (spans, gint64, spans->len / 2);
  return (g_array_index (spans, gint64, spans->len / 2 - 1) +
          g_array_index (spans, gint64, spans->len / 2)) / 2;
}

static char *
format_span (gint64 span)
{
  gint64 hours = (span + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR;
  int days = hours / 24, rest = hours % 24;
  g_autofree char *day_text = NULL;
  g_autofree char *hour_text = NULL;

  day_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  hour_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", rest), rest);
  if (days == 0)
    return g_steal_pointer (&hour_text);
  if (rest == 0)
    return g_steal_pointer (&day_text);
  /* TRANSLATORS: a duration of days and hours, "2 days 5 hours" */
  return g_strdup_printf (_("%s %s"), day_text, hour_text);
}

char *
jhk_work_requests_lead_time_warning (JhkDb                *db,
                                     const JhkWorkRequest *request)
{
  g_autoptr(GDateTime) wanted = NULL;
  g_autofree char *lead_text = NULL;
  gint64 lead, left;
  int samples = 0;

  g_return_val_if_fail (JHK_IS_DB (db), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!g_strv_contains (recipients, request->recipient != NULL ? request->recipient : "") ||
      (wanted = parse_local (request->wanted_at)) == NULL)
    return NULL;
  lead = usual_lead_time (db, request, &samples);
  left = g_date_time_to_unix (wanted) * G_USEC_PER_SEC - jhk_now_us ();
  /* A time passed is no warning but check_step's refusal. */
  if (left >= lead || left < 0)
    return NULL;
  lead_text = format_span (lead);
  if (g_str_equal (request->recipient, "sysadmin"))
    {
      if (samples < LEAD_MIN_SAMPLES)
        /* TRANSLATORS: %s are the completion wanted and a duration ("3 days") */
        return g_strdup_printf (_("The completion wanted, %s, leaves the system administrator "
                                  "less than %s, the time a request is given while too few "
                                  "were completed to tell the usual one."),
                                request->wanted_at, lead_text);
      /* TRANSLATORS: %s are the completion wanted and a duration, %d a number */
      return g_strdup_printf (_("The completion wanted, %s, leaves the system administrator less "
                                "than the %s they usually need (the median of their last %d "
                                "completed requests)."),
                              request->wanted_at, lead_text, samples);
    }
  if (samples < LEAD_MIN_SAMPLES)
    /* TRANSLATORS: %s are the completion wanted and a duration ("3 days") */
    return g_strdup_printf (_("The completion wanted, %s, leaves the manager of the business "
                              "less than %s, the time a request is given while too few were "
                              "completed to tell the usual one."),
                            request->wanted_at, lead_text);
  /* TRANSLATORS: %s are the completion wanted and a duration, %d a number */
  return g_strdup_printf (_("The completion wanted, %s, leaves the manager of the business less "
                            "than the %s they usually need (the median of their last %d "
                            "completed requests)."),
                          request->wanted_at, lead_text, samples);
}

/* Writing ------------------------------------------------------------------- */

static gboolean
changed_once (JhkDb   *db,
              GError **error)
{
  return jhk_service_changed_once (db, _("This work request was changed meanwhile."), error);
}

static gboolean
write_items (JhkDb                *db,
             gint64                request_id,
             const JhkWorkRequest *r,
             GError              **error)
{
  if (!jhk_db_run (db, error, "DELETE FROM work_request_items WHERE request_id = ?",
                   JHK_I (request_id), JHK_DB_END))
    return FALSE;
  for (guint i = 0; r->items != NULL && i < r->items->len; i++)
    {
      const JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);
      gboolean personal = item->personal_data && g_strcmp0 (item->kind, "output") == 0;

      if (!jhk_db_run (db, error,
                       "INSERT INTO work_request_items (request_id, position, kind, content,"
                       " quantity, form, note, personal_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       JHK_I (request_id), JHK_I (i), JHK_T (item->kind),
                       JHK_T (jhk_service_or_empty (item->content)), JHK_I (item->quantity),
                       JHK_T (jhk_service_or_empty (item->form)),
                       JHK_T (jhk_service_or_empty (item->note)),
                       JHK_I (personal ? 1 : 0), JHK_DB_END))
        return FALSE;
    }
  return TRUE;
}

/* What the database must hold for the draft's references. */
static gboolean
check_references (JhkDb                *db,
                  gint64                office_id,
                  const JhkWorkRequest *r,
                  GError              **error)
{
  if (r->business_id != 0 &&
      !jhk_db_query_int64 (db, NULL, NULL, "SELECT id FROM businesses WHERE id = ?",
                           JHK_I (r->business_id), JHK_DB_END))
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_NOT_FOUND,
                   _("There is no business %lld."), (long long) r->business_id);
      return FALSE;
    }
  if (r->storage_place_id != 0 &&
      !jhk_db_query_int64 (db, NULL, NULL,
                           "SELECT id FROM storage_places WHERE id = ? AND org_unit_id = ?",
                           JHK_I (r->storage_place_id), JHK_I (office_id), JHK_DB_END))
    return jhk_service_invalid (error, _("The storage place must be one of the office's."));
  return TRUE;
}

gint64
jhk_work_requests_save_draft (JhkDb                *db,
                              JhkSession           *actor,
                              const JhkWorkRequest *request,
                              GError              **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkWorkRequest) stored = NULL;
  gint64 id = request != NULL ? request->id : 0, office;
  gint64 now = jhk_now_us ();

  g_return_val_if_fail (JHK_IS_DB (db), 0);
  g_return_val_if_fail (JHK_IS_SESSION (actor), 0);
  g_return_val_if_fail (request != NULL, 0);

  if (!check_draft_texts (request, NULL, error))
    return 0;
  if (id == 0)
    {
      JhkWorkRequest probe = { .office_id = request->office_id, .status = (char *) "draft" };

      if (!require_action (db, actor, &probe, JHK_WORK_REQUEST_EDIT, error))
        return 0;
    }
  if (!jhk_service_begin (db, actor, error))
    return 0;
  if (id != 0)
    {
      stored = load_request (db, actor, id, error);
      if (stored == NULL || !require_action (db, actor, stored, JHK_WORK_REQUEST_EDIT, error))
        goto fail;
      office = stored->office_id;
    }
  else
    office = request->office_id;
  if (!check_references (db, office, request, error))
    goto fail;

  if (id == 0)
    {
      id = jhk_service_insert (db, error,
                               "INSERT INTO work_requests (org_unit_id, status, recipient,"
                               " business_id, to_title, from_title, summary, purpose, wanted_at,"
                               " manager_title, manager_name, contact_name, contact_phone,"
                               " storage_place_id, created_by, created_login, created_at,"
                               " updated_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                               " ?, ?, ?, ?, ?, ?) RETURNING id",
                               JHK_I (office), JHK_T (jhk_service_or_empty (request->recipient)),
                               JHK_IZ (request->business_id),
                               JHK_T (jhk_service_or_empty (request->to_title)),
                               JHK_T (jhk_service_or_empty (request->from_title)),
                               JHK_T (jhk_service_or_empty (request->summary)),
                               JHK_T (jhk_service_or_empty (request->purpose)),
                               JHK_T (jhk_service_or_empty (request->wanted_at)),
                               JHK_T (jhk_service_or_empty (request->manager_title)),
                               JHK_T (jhk_service_or_empty (request->manager_name)),
                               JHK_T (jhk_service_or_empty (request->contact_name)),
                               JHK_T (jhk_service_or_empty (request->contact_phone)),
                               JHK_IZ (request->storage_place_id),
                               JHK_I (jhk_session_get_staff_id (actor)),
                               JHK_T (jhk_session_get_login (actor)), JHK_I (now), JHK_I (now),
                               JHK_DB_END);
      if (id == 0)
        goto fail;
      json_object_set_boolean_member (details, "new", TRUE);
    }
  else if (!jhk_db_run (db, error,
                        "UPDATE work_requests SET recipient = ?, business_id = ?, to_title = ?,"
                        " from_title = ?, summary = ?, purpose = ?, wanted_at = ?,"
                        " manager_title = ?, manager_name = ?, contact_name = ?,"
                        " contact_phone = ?, storage_place_id = ?, updated_at = ?"
                        " WHERE id = ? AND status = 'draft'",
                        JHK_T (jhk_service_or_empty (request->recipient)),
                        JHK_IZ (request->business_id),
                        JHK_T (jhk_service_or_empty (request->to_title)),
                        JHK_T (jhk_service_or_empty (request->from_title)),
                        JHK_T (jhk_service_or_empty (request->summary)),
                        JHK_T (jhk_service_or_empty (request->purpose)),
                        JHK_T (jhk_service_or_empty (request->wanted_at)),
                        JHK_T (jhk_service_or_empty (request->manager_title)),
                        JHK_T (jhk_service_or_empty (request->manager_name)),
                        JHK_T (jhk_service_or_empty (request->contact_name)),
                        JHK_T (jhk_service_or_empty (request->contact_phone)),
                        JHK_IZ (request->storage_place_id), JHK_I (now), JHK_I (id), JHK_DB_END) ||
           !changed_once (db, error))
    goto fail;
  if (!write_items (db, id, request, error))
    goto fail;
  json_object_set_int_member (details, "office_id", office);
  if (request->recipient != NULL && request->recipient[0] != '\0')
    json_object_set_string_member (details, "recipient", request->recipient);
  if (request->business_id != 0)
    json_object_set_int_member (details, "business_id", request->business_id);
  json_object_set_int_member (details, "items", request->items != NULL ? request->items->len : 0);
  return jhk_service_commit_new (db, actor, id, "work_request.save", "work_request", details,
                                 error);

fail:
  jhk_service_abort (db);
  return 0;
}

/* The staff member manages the business today, as the register says. */
static gboolean
staff_manages_business (JhkDb  *db,
                        gint64  staff_id,
                        gint64  business_id)
{
  g_autofree char *today = jhk_today ();
  gint64 yes = 0;

  /* On a server the manager's assignments may lie outside the user's
   * rows: the function of 0005-ledger.pg.sql answers. */
  if (g_str_equal (jhk_db_get_backend_name (db), "postgresql"))
    return jhk_db_query_int64 (db, &yes, NULL,
                               "SELECT CASE WHEN jhk_staff_manages_business (?, ?)"
                               " THEN 1 ELSE 0 END",
                               JHK_I (staff_id), JHK_I (business_id), JHK_DB_END) && yes != 0;
  return jhk_db_query_int64 (db, NULL, NULL,
                             "SELECT id FROM role_assignments WHERE staff_id = ?"
                             " AND business_id = ? AND role IN ('biz_owner', 'egov_owner',"
                             " 'lead_owner') AND valid_from <= ?"
                             " AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1",
                             JHK_I (staff_id), JHK_I (business_id), JHK_T (today),
                             JHK_T (today), JHK_DB_END);
}

/* R5-1: the consenting manager's and the receiving side's roles as the
 * register says now, not as they were at login. */
static gboolean
role_still_held (JhkDb                *db,
                 JhkSession           *actor,
                 const JhkWorkRequest *r,
                 JhkWorkRequestAction  action,
                 GError              **error)
{
  gint64 staff = jhk_session_get_staff_id (actor);
  g_autofree char *today = jhk_today ();
  gboolean held;

  switch (action)
    {
    case JHK_WORK_REQUEST_EDIT:
    case JHK_WORK_REQUEST_SUBMIT:
    case JHK_WORK_REQUEST_WITHDRAW:
    case JHK_WORK_REQUEST_REVISE:
      return TRUE;
    case JHK_WORK_REQUEST_CONSENT:
      held = staff_manages_business (db, staff, r->business_id);
      break;
    case JHK_WORK_REQUEST_SEND_BACK:
      if (g_str_equal (r->status, "consent_pending"))
        {
          held = staff_manages_business (db, staff, r->business_id);
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      held = g_str_equal (r->recipient, "sysadmin")
             ? jhk_policy_staff_held_role (db, staff, JHK_ROLE_SYSADMIN, today)
             : staff_manages_business (db, staff, r->business_id);
      break;
    }
  if (held)
    return TRUE;
  g_set_error_literal (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_DENIED,
                       action == JHK_WORK_REQUEST_CONSENT ||
                       g_str_equal (r->status, "consent_pending")
                       ? _("Only the manager of the request's business consents to it or "
                           "declines it.")
                       : not_receiver (r));
  return FALSE;
}

/* One transition: the request read inside the transaction, the action's
 * refusal, then the caller's write (apply) and the audit entry. */
typedef gboolean (*ApplyFunc) (JhkDb           *db,
                               JhkSession      *actor,
                               JhkWorkRequest  *r,
                               gpointer         data,
                               JsonObject      *details,
                               GError         **error);

static gboolean
transition (JhkDb                *db,
            JhkSession           *actor,
            gint64                request_id,
            JhkWorkRequestAction  action,
            const char           *audit_action,
            ApplyFunc             apply,
            gpointer              data,
            GError              **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JhkWorkRequest) r = NULL;

  g_return_val_if_fail (JHK_IS_DB (db), FALSE);
  g_return_val_if_fail (JHK_IS_SESSION (actor), FALSE);

  if (!jhk_service_begin (db, actor, error))
    return FALSE;
  r = load_request (db, actor, request_id, error);
  if (r == NULL || !require_action (db, actor, r, action, error) ||
      !role_still_held (db, actor, r, action, error) ||
      !apply (db, actor, r, data, details, error))
    {
      jhk_service_abort (db);
      return FALSE;
    }
  json_object_set_string_member (details, "status", r->status);
  return jhk_service_commit_id (db, actor, audit_action, "work_request", request_id, details,
                                error);
}

/* Sets the status, from the one read. */
static gboolean
update_status (JhkDb          *db,
               JhkWorkRequest *r,
               const char     *status,
               GError        **error)
{
  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                   JHK_T (status), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_T (r->status),
                   JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  g_free (r->status);
  r->status = g_strdup (status);
  return TRUE;
}

/* Submit */

static gboolean
apply_submit (JhkDb           *db,
              JhkSession      *actor,
              JhkWorkRequest  *r,
              gpointer         data,
              JsonObject      *details,
              GError         **error)
{
  g_autofree char *today = jhk_today ();
  gint64 locked = -1;
  const char *refused;
  const char *next;

  if (!jhk_work_requests_check_step (r, 0, NULL, error))
    return FALSE;
  /* R8-1, R9-1: an approved business with a manager today, the rule the
   * wizard offers its businesses by. */
  if ((refused = jhk_work_requests_business_refusal (db, r->business_id)) != NULL)
    return jhk_service_invalid (error, refused);
  /* R15-5: the office's current locked place for personal-data output. */
  if (has_personal_output (r) &&
      (!jhk_db_query_int64 (db, &locked, NULL,
                            "SELECT locked FROM storage_places WHERE id = ? AND org_unit_id = ?"
                            " AND (valid_to IS NULL OR valid_to >= ?)",
                            JHK_I (r->storage_place_id), JHK_I (r->office_id), JHK_T (today),
                            JHK_DB_END) || locked != 1))
    return jhk_service_invalid (error, _("Output with personal data needs a locked storage "
                                         "place of the office."));

  /* R15-4: to the システム管理者 through the business's manager. */
  next = g_str_equal (r->recipient, "sysadmin") ? "consent_pending" : "submitted";
  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = ?, submitted_at = ?, return_comment = '',"
                   " storage_place_id = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                   JHK_T (next), JHK_I (jhk_now_us ()),
                   JHK_IZ (has_personal_output (r) ? r->storage_place_id : 0),
                   JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  g_free (r->status);
  r->status = g_strdup (next);
  json_object_set_string_member (details, "recipient", r->recipient);
  json_object_set_int_member (details, "business_id", r->business_id);
  json_object_set_string_member (details, "wanted_at", r->wanted_at);
  return TRUE;
}

gboolean
jhk_work_requests_submit (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       request_id,
                          GError     **error)
{
  return transition (db, actor, request_id, JHK_WORK_REQUEST_SUBMIT, "work_request.submit",
                     apply_submit, NULL, error);
}

/* Consent */

typedef struct
{
  const char *title;
  const char *name;
  const char *phone;
} Consent;

static gboolean
apply_consent (JhkDb           *db,
               JhkSession      *actor,
               JhkWorkRequest  *r,
               gpointer         data,
               JsonObject      *details,
               GError         **error)
{
  const Consent *c = data;
  gint64 staff = jhk_session_get_staff_id (actor);
  g_autofree char *title = NULL, *name = NULL, *phone = NULL;

  title = c->title != NULL ? g_strstrip (g_strdup (c->title))
                           : staff_text (db, staff, "SELECT title FROM staff WHERE id = ?");
  name = c->name != NULL ? g_strstrip (g_strdup (c->name))
                         : g_strdup (jhk_session_get_name (actor));
  phone = c->phone != NULL ? g_strstrip (g_strdup (c->phone))
                           : staff_text (db, staff, "SELECT extension FROM staff WHERE id = ?");
  if (jhk_is_blank (name))
    return jhk_service_invalid (error, _("Enter the name of the manager who consents."));
  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = 'submitted', consent_by = ?,"
                   " consent_title = ?, consent_name = ?, consent_phone = ?, consent_at = ?,"
                   " updated_at = ? WHERE id = ? AND status = 'consent_pending'",
                   JHK_I (staff), JHK_T (title), JHK_T (name), JHK_T (phone),
                   JHK_I (jhk_now_us ()), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  g_free (r->status);
  r->status = g_strdup ("submitted");
  json_object_set_string_member (details, "consent_name", name);
  return TRUE;
}

gboolean
jhk_work_requests_consent (JhkDb       *db,
                           JhkSession  *actor,
                           gint64       request_id,
                           const char  *title,
                           const char  *name,
                           const char  *phone,
                           GError     **error)
{
  Consent c = { title, name, phone };

  if (!text_fits (title, MAX_TITLE, NULL, NULL, error) ||
      !text_fits (name, MAX_NAME, NULL, NULL, error) ||
      !text_fits (phone, MAX_PHONE, NULL, NULL, error))
    return FALSE;
  return transition (db, actor, request_id, JHK_WORK_REQUEST_CONSENT, "work_request.consent",
                     apply_consent, &c, error);
}

/* Send back, withdraw, revise */

static gboolean
apply_send_back (JhkDb           *db,
                 JhkSession      *actor,
                 JhkWorkRequest  *r,
                 gpointer         data,
                 JsonObject      *details,
                 GError         **error)
{
  g_autofree char *comment = g_strstrip (g_strdup (data));
  const char *from = g_str_equal (r->status, "consent_pending") ? "consent_pending" : "submitted";

  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = 'returned', return_comment = ?,"
                   " updated_at = ? WHERE id = ? AND status = ?",
                   JHK_T (comment), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_T (from),
                   JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  json_object_set_string_member (details, "from", from);
  json_object_set_string_member (details, "comment", comment);
  g_free (r->status);
  r->status = g_strdup ("returned");
  return TRUE;
}

gboolean
jhk_work_requests_send_back (JhkDb       *db,
                             JhkSession  *actor,
                             gint64       request_id,
                             const char  *comment,
                             GError     **error)
{
  if (!required (comment, MAX_NOTE, NULL, NULL, _("Give the reason for sending the request back."),
                 error))
    return FALSE;
  return transition (db, actor, request_id, JHK_WORK_REQUEST_SEND_BACK, "work_request.send_back",
                     apply_send_back, (gpointer) comment, error);
}

static gboolean
apply_withdraw (JhkDb           *db,
                JhkSession      *actor,
                JhkWorkRequest  *r,
                gpointer         data,
                JsonObject      *details,
                GError         **error)
{
  json_object_set_string_member (details, "from", r->status);
  return update_status (db, r, "withdrawn", error);
}

gboolean
jhk_work_requests_withdraw (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       request_id,
                            GError     **error)
{
  return transition (db, actor, request_id, JHK_WORK_REQUEST_WITHDRAW, "work_request.withdraw",
                     apply_withdraw, NULL, error);
}

static gboolean
apply_revise (JhkDb           *db,
              JhkSession      *actor,
              JhkWorkRequest  *r,
              gpointer         data,
              JsonObject      *details,
              GError         **error)
{
  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = 'draft', consent_by = NULL,"
                   " consent_title = '', consent_name = '', consent_phone = '', consent_at = NULL,"
                   " submitted_at = NULL, updated_at = ? WHERE id = ? AND status = 'returned'",
                   JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  g_free (r->status);
  r->status = g_strdup ("draft");
  return TRUE;
}

gboolean
jhk_work_requests_revise (JhkDb       *db,
                          JhkSession  *actor,
                          gint64       request_id,
                          GError     **error)
{
  return transition (db, actor, request_id, JHK_WORK_REQUEST_REVISE, "work_request.revise",
                     apply_revise, NULL, error);
}

/* The receiving side's steps */

typedef enum
{
  STEP_RECEIVE,
  STEP_PROCESS,
  STEP_RETURN_INPUT,
  STEP_DELIVER_OUTPUT,
} StepKind;

typedef struct
{
  StepKind                  kind;
  const JhkWorkRequestStep *step;
} StepData;

gboolean
jhk_work_requests_check_step_input (const JhkWorkRequestStep  *step,
                                    JhkWorkRequestAction       action,
                                    GError                   **error)
{
  g_autofree char *now = NULL;
  gboolean to_whom = action == JHK_WORK_REQUEST_RETURN_INPUT ||
                     action == JHK_WORK_REQUEST_DELIVER_OUTPUT;

  if (step == NULL || !time_is_valid (step->at))
    return jhk_service_invalid (error, _("Enter the time as YYYY-MM-DD HH:MM."));
  now = now_local ();
  if (strcmp (step->at, now) > 0)
    return jhk_service_invalid (error, _("The time of a step cannot lie in the future."));
  if (!text_fits (step->handler, MAX_NAME, NULL, NULL, error) ||
      !text_fits (step->note, MAX_NOTE, NULL, NULL, error) ||
      !text_fits (step->to_office, MAX_NAME, NULL, NULL, error) ||
      !text_fits (step->to_name, MAX_NAME, NULL, NULL, error))
    return FALSE;
  if (to_whom && (jhk_is_blank (step->to_office) || jhk_is_blank (step->to_name)))
    return jhk_service_invalid (error, _("Name the office and the person who received the "
                                         "material."));
  return TRUE;
}

/* The time of the step before: 受付 after the submission (and consent),
 * 処理 after 受付, the return of input after 処理 or 受付, the hand-over
 * after 処理. */
static char *
previous_step_time (const JhkWorkRequest *r,
                    StepKind              kind)
{
  switch (kind)
    {
    case STEP_RECEIVE:
      return jhk_format_time (MAX (r->submitted_at, r->consent_at));
    case STEP_PROCESS:
      return g_strdup (r->received_at);
    case STEP_RETURN_INPUT:
    case STEP_DELIVER_OUTPUT:
    default:
      return g_strdup (is_blank_step (r->processed_at) ? r->received_at : r->processed_at);
    }
}

/* R15-1, R17-1: each personal-data output row becomes an output material
 * of the requesting office, received from the receiving side. */
static gboolean
register_outputs (JhkDb           *db,
                  JhkSession      *actor,
                  JhkWorkRequest  *r,
                  const char      *day,
                  JsonObject      *details,
                  GError         **error)
{
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autofree char *acquisition = NULL;
  const char *from = jhk_session_get_org_name (actor);

  acquisition = g_strdup_printf ("%s 作業依頼書 第%lld号", from != NULL ? from : "",
                                 (long long) r->id);
  for (guint i = 0; i < r->items->len; i++)
    {
      JhkWorkRequestItem *item = g_ptr_array_index (r->items, i);
      g_autoptr(JsonObject) ignored = json_object_new ();
      JhkMaterialSpec spec = {
        .org_unit_id = r->office_id, .direction = "output", .name = item->content,
        .quantity = item->quantity, .breakdown = item->form, .summary = r->summary,
        .business_id = r->business_id, .handler_staff_id = r->created_by,
        .purpose = r->purpose, .personal_data = TRUE, .creation_reason = "procedure",
        .acquired_on = day, .acquisition_method = "received", .acquisition_text = acquisition,
        .measure = "store", .storage_place_id = r->storage_place_id,
      };
      gint64 material;

      if (!item->personal_data || g_strcmp0 (item->kind, "output") != 0)
        continue;
      material = jhk_ledger_register_material_locked (db, actor, &spec, r->id, ignored, NULL,
                                                      error);
      if (material == 0)
        return FALSE;
      if (!jhk_db_run (db, error,
                       "UPDATE work_request_items SET material_id = ?"
                       " WHERE request_id = ? AND position = ?",
                       JHK_I (material), JHK_I (r->id), JHK_I (i), JHK_DB_END))
        return FALSE;
      item->material_id = material;
      json_array_add_int_element (ids, material);
    }
  if (json_array_get_length (ids) > 0)
    json_object_set_array_member (details, "material_ids", g_steal_pointer (&ids));
  return TRUE;
}

static gboolean
apply_step (JhkDb           *db,
            JhkSession      *actor,
            JhkWorkRequest  *r,
            gpointer         data,
            JsonObject      *details,
            GError         **error)
{
  const StepData *d = data;
  const JhkWorkRequestStep *step = d->step;
  g_autofree char *previous = previous_step_time (r, d->kind);
  g_autofree char *day = g_strndup (step->at, 10);
  const char *handler = jhk_is_blank (step->handler) ? jhk_session_get_name (actor)
                                                      : step->handler;
  gboolean ok;

  if (previous != NULL && previous[0] != '\0' && strcmp (step->at, previous) < 0)
    {
      g_set_error (error, JHK_POLICY_ERROR, JHK_POLICY_ERROR_INVALID,
                   _("The time lies before the step it follows (%s)."), previous);
      return FALSE;
    }
  switch (d->kind)
    {
    case STEP_RECEIVE:
      ok = jhk_db_run (db, error,
                       "UPDATE work_requests SET status = 'in_progress', received_at = ?,"
                       " received_handler = ?, received_note = ?, updated_at = ?"
                       " WHERE id = ? AND status = 'submitted'",
                       JHK_T (step->at), JHK_T (handler), JHK_T (jhk_service_or_empty (step->note)),
                       JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END);
      if (ok)
        {
          g_free (r->status);
          r->status = g_strdup ("in_progress");
        }
      break;
    case STEP_PROCESS:
      ok = jhk_db_run (db, error,
                       "UPDATE work_requests SET processed_at = ?, processed_handler = ?,"
                       " processed_note = ?, updated_at = ?"
                       " WHERE id = ? AND status = 'in_progress' AND processed_at = ''",
                       JHK_T (step->at), JHK_T (handler), JHK_T (jhk_service_or_empty (step->note)),
                       JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END);
      break;
    case STEP_RETURN_INPUT:
      ok = jhk_db_run (db, error,
                       "UPDATE work_requests SET input_returned_at = ?, input_returned_handler = ?,"
                       " input_returned_to_office = ?, input_returned_to_name = ?, updated_at = ?"
                       " WHERE id = ? AND status = 'in_progress' AND input_returned_at = ''",
                       JHK_T (step->at), JHK_T (handler), JHK_T (step->to_office),
                       JHK_T (step->to_name), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END);
      break;
    case STEP_DELIVER_OUTPUT:
    default:
      ok = jhk_db_run (db, error,
                       "UPDATE work_requests SET output_delivered_at = ?,"
                       " output_delivered_handler = ?, output_delivered_to_office = ?,"
                       " output_delivered_to_name = ?, updated_at = ?"
                       " WHERE id = ? AND status = 'in_progress' AND output_delivered_at = ''",
                       JHK_T (step->at), JHK_T (handler), JHK_T (step->to_office),
                       JHK_T (step->to_name), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END);
      break;
    }
  if (!ok || !changed_once (db, error))
    return FALSE;
  json_object_set_string_member (details, "at", step->at);
  json_object_set_string_member (details, "handler", handler);
  if (!jhk_is_blank (step->to_name))
    {
      json_object_set_string_member (details, "to_office", step->to_office);
      json_object_set_string_member (details, "to_name", step->to_name);
    }
  if (d->kind == STEP_DELIVER_OUTPUT)
    return register_outputs (db, actor, r, day, details, error);
  return TRUE;
}

static gboolean
record_step (JhkDb                    *db,
             JhkSession               *actor,
             gint64                    request_id,
             StepKind                  kind,
             const JhkWorkRequestStep *step,
             GError                  **error)
{
  static const JhkWorkRequestAction actions[] = {
    JHK_WORK_REQUEST_RECEIVE, JHK_WORK_REQUEST_PROCESS, JHK_WORK_REQUEST_RETURN_INPUT,
    JHK_WORK_REQUEST_DELIVER_OUTPUT,
  };
  static const char *const audit[] = {
    "work_request.receive", "work_request.process", "work_request.return_input",
    "work_request.deliver_output",
  };
  StepData d = { kind, step };

  if (!jhk_work_requests_check_step_input (step, actions[kind], error))
    return FALSE;
  return transition (db, actor, request_id, actions[kind], audit[kind], apply_step, &d, error);
}

gboolean
jhk_work_requests_receive (JhkDb                    *db,
                           JhkSession               *actor,
                           gint64                    request_id,
                           const JhkWorkRequestStep *step,
                           GError                  **error)
{
  return record_step (db, actor, request_id, STEP_RECEIVE, step, error);
}

gboolean
jhk_work_requests_process (JhkDb                    *db,
                           JhkSession               *actor,
                           gint64                    request_id,
                           const JhkWorkRequestStep *step,
                           GError                  **error)
{
  return record_step (db, actor, request_id, STEP_PROCESS, step, error);
}

gboolean
jhk_work_requests_return_input (JhkDb                    *db,
                                JhkSession               *actor,
                                gint64                    request_id,
                                const JhkWorkRequestStep *step,
                                GError                  **error)
{
  return record_step (db, actor, request_id, STEP_RETURN_INPUT, step, error);
}

gboolean
jhk_work_requests_deliver_output (JhkDb                    *db,
                                  JhkSession               *actor,
                                  gint64                    request_id,
                                  const JhkWorkRequestStep *step,
                                  GError                  **error)
{
  return record_step (db, actor, request_id, STEP_DELIVER_OUTPUT, step, error);
}

/* Paper and completion */

static gboolean
apply_paper (JhkDb           *db,
             JhkSession      *actor,
             JhkWorkRequest  *r,
             gpointer         data,
             JsonObject      *details,
             GError         **error)
{
  const JhkWorkRequestPaper *p = data;

  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET paper_continuous = ?, paper_standard = ?,"
                   " paper_a4 = ?, paper_other = ?, paper_other_text = ?, remarks = ?,"
                   " updated_at = ? WHERE id = ? AND status = 'in_progress'",
                   JHK_I (p->continuous), JHK_I (p->standard), JHK_I (p->a4), JHK_I (p->other),
                   JHK_T (jhk_service_or_empty (p->other_text)),
                   JHK_T (jhk_service_or_empty (p->remarks)),
                   JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  json_object_set_int_member (details, "continuous", p->continuous);
  json_object_set_int_member (details, "standard", p->standard);
  json_object_set_int_member (details, "a4", p->a4);
  json_object_set_int_member (details, "other", p->other);
  return TRUE;
}

gboolean
jhk_work_requests_check_paper (const JhkWorkRequestPaper  *paper,
                               GError                    **error)
{
  if (paper == NULL || paper->continuous < 0 || paper->standard < 0 || paper->a4 < 0 ||
      paper->other < 0)
    return jhk_service_invalid (error, _("The paper counts cannot be negative."));
  return text_fits (paper->other_text, MAX_FORM, NULL, NULL, error) &&
         text_fits (paper->remarks, MAX_REMARKS, NULL, NULL, error);
}

gboolean
jhk_work_requests_set_paper (JhkDb                     *db,
                             JhkSession                *actor,
                             gint64                     request_id,
                             const JhkWorkRequestPaper *paper,
                             GError                   **error)
{
  if (!jhk_work_requests_check_paper (paper, error))
    return FALSE;
  return transition (db, actor, request_id, JHK_WORK_REQUEST_SET_PAPER, "work_request.paper",
                     apply_paper, (gpointer) paper, error);
}

static gboolean
apply_complete (JhkDb           *db,
                JhkSession      *actor,
                JhkWorkRequest  *r,
                gpointer         data,
                JsonObject      *details,
                GError         **error)
{
  if (!jhk_db_run (db, error,
                   "UPDATE work_requests SET status = 'completed', completed_at = ?,"
                   " updated_at = ? WHERE id = ? AND status = 'in_progress'",
                   JHK_I (jhk_now_us ()), JHK_I (jhk_now_us ()), JHK_I (r->id), JHK_DB_END) ||
      !changed_once (db, error))
    return FALSE;
  g_free (r->status);
  r->status = g_strdup ("completed");
  return TRUE;
}

gboolean
jhk_work_requests_complete (JhkDb       *db,
                            JhkSession  *actor,
                            gint64       request_id,
                            GError     **error)
{
  return transition (db, actor, request_id, JHK_WORK_REQUEST_COMPLETE, "work_request.complete",
                     apply_complete, NULL, error);
}
