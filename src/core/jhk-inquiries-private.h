/* jhk-inquiries-private.h: what the dashboard's inquiry items share with
 * the inquiry services. */
#pragma once

#include "jhk-db.h"

G_BEGIN_DECLS

/* The condition, on inquiry_records r, of the records waiting for the
 * 運用管理者 (R14-6 step 3): not done, not settled, and 要確認, or their
 * officer unknown or without an active user, or their officer a 担当幹部
 * (confirmed, not checked: no 担当幹部 checks their own inquiries). */
char *jhk_inquiries_to_resolve_sql (JhkDb *db);

G_END_DECLS
