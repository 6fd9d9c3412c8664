/* jhk-demo-private.h: parts of the demo built in their own files. */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

/* 照会点検 (第13, 第14): more officers, the holidays of 2026, the register
 * of inquirers, four months of inquiry records of 中央, 東 and 西 with a
 * planted case of every screening rule, imported month by month, the
 * check in several states (two months of 中央 signed off), the check
 * sheets' business, and access trails. Runs inside the demo's
 * transaction. */
gboolean jhk_demo_inquiries (JhkDb   *db,
                             GError **error);

/* 事故対処 (第19): incidents in every state, written through the services
 * under the demo's logins at past times (jhk-demo-incidents.c). Runs
 * inside the demo's transaction, after everything else. */
gboolean jhk_demo_incidents (JhkDb   *db,
                             GError **error);

G_END_DECLS
