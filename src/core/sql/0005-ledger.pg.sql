-- 0005 on PostgreSQL: the ledger's tables under the rules of 0004.
-- Rows are seen within the user's 所属 and the units their roles cover
-- (jhk_visible_orgs, evaluated once per statement), written by active,
-- unrestricted users within those units; nothing is ever deleted. The
-- notifying trigger of 0003 is added by the backend after this migration
-- (jhk_notify_attach), as for every later table.

GRANT SELECT, INSERT, UPDATE ON storage_places, materials TO jhk_staff;
-- Events and final dispositions are history: appended, never changed.
GRANT SELECT, INSERT ON material_events, material_dispositions TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE storage_places ENABLE ROW LEVEL SECURITY;
ALTER TABLE materials ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE material_dispositions ENABLE ROW LEVEL SECURITY;

CREATE POLICY in_scope ON storage_places FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_writes ON storage_places FOR INSERT TO jhk_staff
  WITH CHECK (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON storage_places FOR UPDATE TO jhk_staff
  USING (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         AND (SELECT jhk_may_write ()));

CREATE POLICY in_scope ON materials FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_writes ON materials FOR INSERT TO jhk_staff
  WITH CHECK (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON materials FOR UPDATE TO jhk_staff
  USING (org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         AND (SELECT jhk_may_write ()));

-- Events and dispositions go with their material (the policy above).
CREATE POLICY in_scope ON material_events FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ()) OR EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id));
CREATE POLICY office_writes ON material_events FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                             AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));
CREATE POLICY in_scope ON material_dispositions FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ()) OR EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id));
CREATE POLICY office_writes ON material_dispositions FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                             AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));

-- R15-3, R17-6/7: whether a staff member manages a business today. The
-- manager works in another office, whose role assignments the user does
-- not see (0004), so the question is answered by the owner: yes or no,
-- nothing more.
CREATE FUNCTION jhk_staff_manages_business (p_staff bigint, p_business bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM role_assignments r
                  WHERE r.staff_id = p_staff AND r.business_id = p_business
                    AND r.role IN ('biz_owner', 'egov_owner', 'lead_owner')
                    AND r.valid_from <= jhk_today ()
                    AND (r.valid_to IS NULL OR r.valid_to >= jhk_today ()))
$$;
REVOKE ALL ON FUNCTION jhk_staff_manages_business (bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_staff_manages_business (bigint, bigint) TO jhk_staff;
