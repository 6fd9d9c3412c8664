-- 0014 on PostgreSQL: the request for the 総括責任者's approval names its
-- material's own office. In 0007's office_asks the subquery's unqualified
-- org_unit_id was the material's own column, so the condition held for any
-- material; the policy now compares the new row's columns by name.
DROP POLICY office_asks ON material_approvals;
CREATE POLICY office_asks ON material_approvals FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND status = 'pending'
              AND requested_by = (SELECT jhk_my_staff_id ())
              AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND EXISTS (SELECT 1 FROM materials m
                           WHERE m.id = material_approvals.material_id
                             AND m.org_unit_id = material_approvals.org_unit_id));
