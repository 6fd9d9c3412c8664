/* jhk-delivery.h: transfers of personal-data output material (第17-4,
 * 第17-5, R17-4, R17-5, R17-8, R17-9) and their registers.
 *
 * Registers (R17-5): per office, the 交付等担当者 designated for each
 * business; designated terminals; shared folders (one business each, with
 * the officers allowed in); registered e-mail addresses and fax numbers;
 * each channel with the date of its test transmission. 第17-5 makes the
 * office's 運用管理者 designate them: only the 運用管理者 of the office
 * (or the system) adds, tests and retires register entries.
 *
 * Transfers (R17-4, R17-8): recorded by a keeper of the sending office's
 * ledger (the roles of jhk_ledger_may_keep_office()), naming the
 * designated 交付等担当者 who sends; one transaction holds the transfer
 * row, the material's hand_over event and the audit entry. The sending
 * office's 運用管理者 confirms each transfer (R17-9). An electronic
 * transfer leaves a deletion to confirm (R17-5(1)エ, (2)) until the
 * transfer's 交付等担当者 (or a keeper of the office for them) confirms
 * it. The receiving office's ledger keepers record 受入, once.
 */
#pragma once

#include "jhk-db.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* The keyring's schema for transfer passwords; attribute "transfer" is
 * the transfer's id in decimal, "database" the database's URI without
 * any password. */
#define JHK_DELIVERY_SECRET_SCHEMA "org.example.Jhk.Transfer"

/* ---- registers ---- */

typedef struct
{
  gint64        org_unit_id;  /* the office */
  const char   *kind;         /* "terminal", "folder", "email", "fax" */
  gint64        business_id;  /* folder: its business (required); else 0 */
  const char   *name;         /* terminal name, folder name, addressee, fax addressee */
  const char   *address;      /* folder path, e-mail address, fax number; terminal: "" */
  const char   *tested_on;    /* date of the test transmission, NULL for not yet */
  const gint64 *officers;     /* folder: the officers allowed in, 0-terminated */
} JhkDeliveryChannelSpec;

gint64   jhk_delivery_add_officer     (JhkDb                         *db,
                                       JhkSession                    *actor,
                                       gint64                         office_id,
                                       gint64                         business_id,
                                       gint64                         staff_id,
                                       GError                       **error);
gboolean jhk_delivery_retire_officer  (JhkDb                         *db,
                                       JhkSession                    *actor,
                                       gint64                         officer_id,
                                       GError                       **error);
gint64   jhk_delivery_add_channel     (JhkDb                         *db,
                                       JhkSession                    *actor,
                                       const JhkDeliveryChannelSpec  *spec,
                                       GError                       **error);
/* Records (or renews) the date of a channel's test transmission. */
gboolean jhk_delivery_record_test     (JhkDb                         *db,
                                       JhkSession                    *actor,
                                       gint64                         channel_id,
                                       const char                    *tested_on,
                                       GError                       **error);
gboolean jhk_delivery_retire_channel  (JhkDb                         *db,
                                       JhkSession                    *actor,
                                       gint64                         channel_id,
                                       GError                       **error);

/* One register entry, as listed. */
typedef struct
{
  gint64  id;
  gint64  office_id;
  char   *office_name;
  char   *kind;           /* "officer", "terminal", "folder", "email", "fax" */
  gint64  business_id;    /* officer, folder; 0 otherwise */
  char   *business_code;
  char   *business_name;
  gint64  staff_id;       /* officer */
  char   *staff_no;
  char   *staff_name;
  char   *name;           /* channel */
  char   *address;        /* channel */
  char   *tested_on;      /* channel, NULL when not tested */
  GArray *officers;       /* folder: gint64 staff ids allowed in; else NULL */
  char   *valid_from;
  char   *valid_to;       /* NULL while current */
} JhkDeliveryEntry;

void       jhk_delivery_entry_free    (JhkDeliveryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkDeliveryEntry, jhk_delivery_entry_free)

/* The register of one office (0 for every office the actor may see), of
 * one kind ("officer", "terminal", "folder", "email", "fax"; NULL for
 * all), current entries only unless include_retired. GPtrArray of
 * JhkDeliveryEntry, in kind then id order. */
GPtrArray *jhk_delivery_list_register (JhkDb       *db,
                                       JhkSession  *actor,
                                       gint64       office_id,
                                       const char  *kind,
                                       gboolean     include_retired,
                                       GError     **error);

/* ---- transfers ---- */

typedef struct
{
  gint64      material_id;
  const char *method;          /* "courier" 文書集配便, "carried" 職員携行, "file_server",
                                * "email", "fax", "registered_mail" 書留郵便,
                                * "contractor" 委託業者 */
  const char *sent_on;         /* YYYY-MM-DD */
  int         quantity;
  gint64      officer_staff_id;  /* the designated 交付等担当者 who sends */
  gint64      to_office_id;    /* the receiving office, 0 for a recipient outside */
  const char *recipient;       /* to whom (required when to_office_id is 0) */
  const char *purpose;         /* R17-8: 使用目的 of the transfer; NULL: the material's */
  gint64      channel_id;      /* folder, e-mail address or fax number (register) */
  gint64      terminal_id;     /* file_server, email: the designated terminal */
  gint64      approved_by;     /* registered_mail, contractor: the 総括責任者 (R17-4(4)) */
  const char *fax_reason;      /* fax: "inquiry_record" or "urgent_serious_crime" */
  const char *fax_reason_text; /* fax: why (required for urgent_serious_crime) */
  const char *note;
  /* file_server, email: the PDF to send and where Jhk writes it encrypted. */
  const char *file;
  const char *out_file;
} JhkTransferSpec;

/* Records the transfer. For file_server and email, writes spec->out_file
 * encrypted (AES-256, R6) with a new random password, stores the password
 * in the Secret Service and returns it in *out_password (to show once to
 * the 交付等担当者; free it with jhk_pdf_password_free()); the transfer
 * records the file's SHA-256. Without a reachable keyring it fails with
 * a message and writes nothing anywhere. Returns the transfer's id. */
gint64   jhk_delivery_send            (JhkDb                  *db,
                                       JhkSession             *actor,
                                       const JhkTransferSpec  *spec,
                                       char                  **out_password,
                                       GError                **error);
/* The checks of jhk_delivery_send() that need no database, in its order
 * and with its messages: for a form checking as the user types. */
gboolean jhk_delivery_check_transfer  (const JhkTransferSpec  *spec,
                                       GError                **error);
/* R17-4, R17-5: NULL when the actor may send the material (a
 * JhkLedgerMaterial as read, taken as gconstpointer to keep this header
 * free of the ledger's) now; otherwise the reason, translated (a static
 * string): not personal-data or especially important output, a hand-over
 * the ledger refuses (jhk_ledger_action_refusal), or no designated
 * 交付等担当者 for its business in the office. */
const char *jhk_delivery_send_refusal (JhkDb                  *db,
                                       JhkSession             *actor,
                                       gconstpointer           material);
/* R17-9: the sending office's 運用管理者 confirms the transfer, once. */
gboolean jhk_delivery_confirm         (JhkDb                  *db,
                                       JhkSession             *actor,
                                       gint64                  transfer_id,
                                       GError                **error);
/* R17-5(1)エ, (2): the sent file is gone from the folder / mail server. */
gboolean jhk_delivery_confirm_deleted (JhkDb                  *db,
                                       JhkSession             *actor,
                                       gint64                  transfer_id,
                                       const char             *deleted_on,
                                       GError                **error);
/* 受入 at the receiving office: a new material of its ledger, acquired
 * "received" from the sending office, linked to the transfer; once per
 * transfer. Returns the new material's id. */
gint64   jhk_delivery_receive         (JhkDb                  *db,
                                       JhkSession             *actor,
                                       gint64                  transfer_id,
                                       const char             *received_on,
                                       gint64                  handler_staff_id,
                                       gint64                  storage_place_id,
                                       GError                **error);

/* The keyring's collection that passwords go to; NULL (the default) is the
 * user's default collection. Tests use SECRET_COLLECTION_SESSION. */
void     jhk_delivery_set_secret_collection (const char *collection);
/* The password of a transfer from the keyring (NULL with an error when
 * there is none or no keyring): for the 交付等担当者 who lost it. */
char    *jhk_delivery_lookup_password (JhkDb       *db,
                                       gint64       transfer_id,
                                       GError     **error);

typedef struct
{
  gint64  id;
  gint64  material_id;
  char   *material_name;
  gint64  from_office_id;
  char   *from_office_name;
  gint64  to_office_id;          /* 0 for outside */
  char   *to_office_name;        /* NULL for outside */
  char   *recipient;
  char   *business_code;
  char   *business_name;
  char   *method;
  char   *sent_on;
  gint64  quantity;
  char   *officer_staff_no;
  char   *officer_name;
  char   *purpose;
  char   *summary;
  gint64  channel_id;
  char   *channel_name;
  char   *channel_address;
  gint64  terminal_id;
  char   *terminal_name;
  char   *approved_by_name;
  char   *fax_reason;
  char   *fax_reason_text;
  char   *file_sha256;
  gboolean deletion_required;
  char   *deleted_on;            /* NULL while the deletion waits */
  char   *confirmed_on;          /* R17-9, NULL while waiting */
  char   *confirmed_by_name;
  gint64  received_material_id;  /* 0 until received */
  char   *received_on;
  char   *note;
  /* What the transfer waits for: "confirmation", "deletion", "receipt"
   * (in that order of listing), none when done. */
  gboolean waits_confirmation;
  gboolean waits_deletion;
  gboolean waits_receipt;
} JhkTransferRecord;

void     jhk_transfer_record_free     (JhkTransferRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JhkTransferRecord, jhk_transfer_record_free)

typedef enum
{
  JHK_TRANSFER_LIST_ALL,
  /* R17-9: what the actor's offices' 運用管理者 have to confirm. */
  JHK_TRANSFER_LIST_TO_CONFIRM,
  /* R17-5: sent files whose deletion is still to be confirmed. */
  JHK_TRANSFER_LIST_DELETION_PENDING,
  /* Sent to an office of the actor's and not received yet. */
  JHK_TRANSFER_LIST_TO_RECEIVE,
} JhkTransferFilter;

JhkTransferRecord *jhk_delivery_get_transfer (JhkDb       *db,
                                              JhkSession  *actor,
                                              gint64       transfer_id,
                                              GError     **error);
/* The transfers the actor may see (sent or received by an office the
 * actor keeps, or all for the 総括責任者 and システム管理者), newest
 * first, of office_id (sending or receiving; 0 for any), filtered.
 * GPtrArray of JhkTransferRecord. */
GPtrArray         *jhk_delivery_list_transfers (JhkDb             *db,
                                                JhkSession        *actor,
                                                gint64             office_id,
                                                JhkTransferFilter  filter,
                                                GError           **error);

/* Key and translated label of the methods, fax reasons. */
const char *const *jhk_delivery_methods        (void);
const char        *jhk_delivery_method_label   (const char *method);

G_END_DECLS
