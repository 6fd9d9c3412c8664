-- 0008 on PostgreSQL: the registers and transfers under the rules of 0004.
-- A register row is seen and written within its office; a transfer is
-- seen by the sending and the receiving office, written by the sender and
-- updated (confirmation, deletion, 受入) by either. Nothing is deleted.
-- The notifying trigger of 0003 comes with jhk_notify_attach after this
-- migration: the dashboard watches transfers.

GRANT SELECT, INSERT, UPDATE ON delivery_officers, delivery_channels, transfers TO jhk_staff;
GRANT SELECT, INSERT ON delivery_folder_officers TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE delivery_officers ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE delivery_folder_officers ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;

CREATE POLICY in_scope ON delivery_officers FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_writes ON delivery_officers FOR INSERT TO jhk_staff
  WITH CHECK (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON delivery_officers FOR UPDATE TO jhk_staff
  USING (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         AND (SELECT jhk_may_write ()));

CREATE POLICY in_scope ON delivery_channels FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_writes ON delivery_channels FOR INSERT TO jhk_staff
  WITH CHECK (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON delivery_channels FOR UPDATE TO jhk_staff
  USING (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         AND (SELECT jhk_may_write ()));

CREATE POLICY in_scope ON delivery_folder_officers FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR EXISTS (SELECT 1 FROM delivery_channels c WHERE c.id = channel_id));
CREATE POLICY office_writes ON delivery_folder_officers FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM delivery_channels c WHERE c.id = channel_id
                             AND c.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));

CREATE POLICY in_scope ON transfers FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR from_office_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         OR to_office_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_writes ON transfers FOR INSERT TO jhk_staff
  WITH CHECK (from_office_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON transfers FOR UPDATE TO jhk_staff
  USING ((from_office_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
          OR to_office_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]))
         AND (SELECT jhk_may_write ()));
