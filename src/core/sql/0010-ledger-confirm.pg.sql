-- 0010 on PostgreSQL: events stay history (0005), except that the empty
-- 情報管理者確認 of one is filled once, by a user who may write in the
-- material's office; no other column of an event can be changed.
GRANT UPDATE (confirmed_by) ON material_events TO jhk_staff;
CREATE POLICY office_confirms ON material_events FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND confirmed_by IS NULL
         AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                        AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])))
  WITH CHECK (confirmed_by IS NOT NULL);
