/* jhk-delivery-private.h: transfers for other parts of src/core. */
#pragma once

#include "jhk-delivery.h"

G_BEGIN_DECLS

/* jhk_delivery_send() for the demo database: an electronic transfer's file
 * is encrypted and its SHA-256 recorded as usual, but its password is
 * wiped at once instead of going to the keyring, so the demo holds no
 * password anywhere and needs no keyring. */
gint64 jhk_delivery_send_discarding_password (JhkDb                  *db,
                                              JhkSession             *actor,
                                              const JhkTransferSpec  *spec,
                                              GError                **error);

G_END_DECLS
