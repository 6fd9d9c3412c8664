-- 0018 on PostgreSQL: the rules of jhk-trails.c and jhk-inquirers.c in the
-- server too, narrowing the policies of 0017-inquiries.pg.sql.
--
-- R13-4: the システム管理者 reads every trail; a 対象業務管理者等 or
-- 主管業務管理者 only the trails of the businesses they manage today, so a
-- manager's own server role sees no more than jhk_trails_search() shows.
DROP POLICY IF EXISTS managers_read ON access_trails;
CREATE POLICY sysadmin_or_business_read ON access_trails FOR SELECT TO jhk_staff
  USING ((SELECT jhk_holds ('sysadmin'))
         OR business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[]));

-- A trail request is made in the requester's own name, for a business they
-- manage, as requested; the システム管理者 produces or declines it once.
DROP POLICY IF EXISTS own_request ON trail_requests;
CREATE POLICY manager_requests ON trail_requests FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND requested_by = (SELECT jhk_my_staff_id ())
              AND status = 'requested' AND handled_by IS NULL
              AND business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[]));
DROP POLICY IF EXISTS sysadmin_handles ON trail_requests;
CREATE POLICY sysadmin_handles_once ON trail_requests FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')) AND status = 'requested')
  WITH CHECK (status IN ('produced', 'declined') AND handled_by = (SELECT jhk_my_staff_id ()));

-- R14-1: the 総括責任者 and the システム管理者 keep the register of every
-- member of staff, a 主管部長 that of the staff within their department.
DROP POLICY IF EXISTS register_adds ON inquirer_scopes;
CREATE POLICY keeper_adds ON inquirer_scopes FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND ((SELECT jhk_is_admin ())
                   OR EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id
                                 AND jhk_holds_for_org ('dept_head', s.org_unit_id))));
DROP POLICY IF EXISTS register_ends ON inquirer_scopes;
CREATE POLICY keeper_ends ON inquirer_scopes FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND ((SELECT jhk_is_admin ())
              OR EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id
                            AND jhk_holds_for_org ('dept_head', s.org_unit_id))));
