-- 0007 on PostgreSQL: approvals and sign-offs under the rules of 0004 and
-- 0005. The notifying trigger of 0003 is attached by the backend after
-- this migration (jhk_notify_attach): the dashboards watch these tables.

GRANT SELECT, INSERT ON material_approvals, material_signoffs, material_signoff_requests
  TO jhk_staff;
-- A request changes only by its decision, its withdrawal and its use.
GRANT UPDATE (status, decided_by, decided_at, comment, used_by_event_id)
  ON material_approvals TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE material_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_signoffs ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_signoff_requests ENABLE ROW LEVEL SECURITY;

-- Requests are seen by the 総括責任者 (and the システム管理者), by the staff
-- of the material's office, and by whoever asked.
CREATE POLICY in_scope ON material_approvals FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         OR requested_by = (SELECT jhk_my_staff_id ()));
CREATE POLICY office_asks ON material_approvals FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND status = 'pending'
              AND requested_by = (SELECT jhk_my_staff_id ())
              AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND EXISTS (SELECT 1 FROM materials m
                           WHERE m.id = material_id AND m.org_unit_id = org_unit_id));
-- The 総括責任者 decides; the requester withdraws; the office uses an
-- approval with the step it allows.
CREATE POLICY supervisor_decides ON material_approvals FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('supervisor')))
  WITH CHECK (decided_by = (SELECT jhk_my_staff_id ()));
CREATE POLICY requester_withdraws ON material_approvals FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND status = 'pending'
         AND requested_by = (SELECT jhk_my_staff_id ()))
  WITH CHECK (status = 'withdrawn');
CREATE POLICY office_uses ON material_approvals FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND status = 'approved' AND used_by_event_id IS NULL
         AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]))
  WITH CHECK (status = 'approved' AND used_by_event_id IS NOT NULL);

-- Sign-offs go with their material; a box is signed by the user in person.
CREATE POLICY in_scope ON material_signoffs FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ()) OR EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id));
CREATE POLICY signer_signs ON material_signoffs FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND staff_id = (SELECT jhk_my_staff_id ())
              AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                             AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));
CREATE POLICY in_scope ON material_signoff_requests FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_requests ON material_signoff_requests FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND requested_by = (SELECT jhk_my_staff_id ())
              AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
