/* jhk-ledger-private.h: ledger steps for other services of src/core.
 *
 * A service that records a ledger event as part of its own write (a
 * transfer records the material's hand-over, a request its output) calls
 * these between its jhk_service_begin() and its commit, so the event, its
 * own rows and its audit entry are one transaction.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jhk-ledger.h"
#include "jhk-roles.h"
#include "jhk-session.h"

G_BEGIN_DECLS

/* jhk_ledger_record_event() without the transaction: checks the event and
 * the material as it is now, writes both, and adds what the audit entry
 * should say to details. Returns the event's id, or 0 with error set; the
 * caller then aborts its transaction. */
gint64 jhk_ledger_record_event_locked (JhkDb                   *db,
                                       JhkSession              *actor,
                                       gint64                   material_id,
                                       const JhkMaterialEvent  *event,
                                       JsonObject              *details,
                                       gint64                  *out_copy_id,
                                       GError                 **error);

/* jhk_ledger_register_material_full() without the transaction and
 * without requiring the actor to keep the office's ledger (the caller
 * decides who may: the receiving side of a 作業依頼書 registers its output
 * in the requesting office's ledger). work_request_id (0 for none) links
 * the material to that request. Adds what the audit entry should say to
 * details; returns the material's id, or 0 with error set, after which
 * the caller aborts its transaction. */
gint64 jhk_ledger_register_material_locked (JhkDb                  *db,
                                            JhkSession             *actor,
                                            const JhkMaterialSpec  *spec,
                                            gint64                  work_request_id,
                                            JsonObject             *details,
                                            const char            **out_field,
                                            GError                **error);

/* The actor holds role today for a unit within the office or above it
 * (either lies within the other), as the ledger's keepers do
 * (jhk_ledger_may_keep_office). */
gboolean jhk_ledger_holds_role_for_office (JhkDb      *db,
                                           JhkSession *actor,
                                           JhkRole     role,
                                           gint64      office_id);

G_END_DECLS
