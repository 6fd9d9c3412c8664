-- 0019 on PostgreSQL: incidents under the rules of 0004 (see
-- jhk-incidents.h for who sees and writes what).
--
-- Who sees: an office's incidents the units that see the office
-- (jhk_visible_orgs: its staff, the holders of its roles); every incident
-- the システム管理者, the 総括責任者, the 主管部長 and the managers of
-- businesses (管理者等). Who writes: those who see it, while it is open,
-- each row in their own name; the services keep the finer rules (who does
-- a step, who confirms it, who requests and answers the recovery, who
-- reports), the server what the rows may never be. A closed incident is
-- read-only, but for the acknowledgement of its report (the trigger at
-- the end).
GRANT SELECT ON shared_steps, playbooks, playbook_versions, playbook_version_businesses,
                playbook_steps, playbook_contacts TO jhk_staff;
GRANT SELECT, INSERT, UPDATE ON incidents, incident_steps TO jhk_staff;
GRANT SELECT, INSERT ON incident_businesses, incident_materials, incident_attachments,
                        incident_events TO jhk_staff;
-- update_facts replaces the links.
GRANT DELETE ON incident_businesses, incident_materials TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

-- The user sees every incident (jhk-incidents.c: sees_all).
CREATE FUNCTION jhk_sees_all_incidents () RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g
                  WHERE g.role IN ('supervisor', 'sysadmin', 'dept_head', 'biz_owner',
                                   'egov_owner', 'lead_owner'))
$$;

-- The user opens incidents of the office: its 運用管理者 (of a unit
-- within the office or above it, as jhk_ledger_holds_role_for_office) or
-- one of its staff.
CREATE FUNCTION jhk_opens_incidents (p_org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT jhk_my_office () = p_org
         OR EXISTS (SELECT 1 FROM jhk_my_grants () g
                     WHERE g.role = 'ops_manager' AND g.org_unit_id IS NOT NULL
                       AND (jhk_org_within (p_org, g.org_unit_id)
                            OR jhk_org_within (g.org_unit_id, p_org)))
$$;

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_businesses ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_materials ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY in_scope ON incidents FOR SELECT TO jhk_staff
  USING ((SELECT jhk_sees_all_incidents ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));
CREATE POLICY office_opens ON incidents FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND status = 'open'
              AND opened_by = (SELECT jhk_my_staff_id ())
              AND jhk_opens_incidents (org_unit_id));
-- Every write of the services reads the row FOR UPDATE first, which needs
-- this policy as well: whoever sees the incident and may write.
CREATE POLICY in_scope_updates ON incidents FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND ((SELECT jhk_sees_all_incidents ())
              OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])))
  WITH CHECK ((SELECT jhk_sees_all_incidents ())
              OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[]));

-- The rows of an incident go with it: seen with it, written while it is
-- open (the subqueries see only the incidents of the policies above).
CREATE POLICY in_scope ON incident_steps FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));
CREATE POLICY copied_at_opening ON incident_steps FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND state = 'pending'
              AND EXISTS (SELECT 1 FROM incidents i
                           WHERE i.id = incident_id AND i.status = 'open'
                             AND i.opened_by = (SELECT jhk_my_staff_id ())));
CREATE POLICY while_open ON incident_steps FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id AND i.status = 'open'))
  WITH CHECK (confirmed_by IS NULL OR confirmed_by IS DISTINCT FROM done_by);

CREATE POLICY in_scope ON incident_businesses FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));
CREATE POLICY while_open ON incident_businesses FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM incidents i
                           WHERE i.id = incident_id AND i.status = 'open'));
CREATE POLICY while_open_replaced ON incident_businesses FOR DELETE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id AND i.status = 'open'));

CREATE POLICY in_scope ON incident_materials FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));
-- Materials of the office's own ledger.
CREATE POLICY while_open ON incident_materials FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM incidents i JOIN materials m ON m.id = material_id
                           WHERE i.id = incident_id AND i.status = 'open'
                             AND jhk_org_within (m.org_unit_id, i.org_unit_id)));
CREATE POLICY while_open_replaced ON incident_materials FOR DELETE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id AND i.status = 'open'));

CREATE POLICY in_scope ON incident_attachments FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));
CREATE POLICY while_open ON incident_attachments FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND added_by = (SELECT jhk_my_staff_id ())
              AND EXISTS (SELECT 1 FROM incidents i
                           WHERE i.id = incident_id AND i.status = 'open'));

-- Events: in the user's name, or in Jhk's (the criteria, staff_id NULL).
CREATE POLICY in_scope ON incident_events FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));
CREATE POLICY own_name ON incident_events FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND (staff_id IS NULL OR staff_id = (SELECT jhk_my_staff_id ()))
              AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = incident_id));

-- The staff named on an incident's timeline are seen with it (the names
-- of who did a step, investigated, reported...), looked up per staff row.
CREATE INDEX incident_events_staff ON incident_events (staff_id);
CREATE POLICY incident_parties ON staff FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM incident_events e WHERE e.staff_id = staff.id));

-- A closed incident changes no more, but for the acknowledgement of its
-- report (R19-2, R19-5); nor do its steps.
CREATE FUNCTION jhk_incident_closed_check () RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ack_columns CONSTANT text[] := ARRAY['report_state', 'supervisor_ack_by', 'supervisor_ack_at',
                                       'dept_head_ack_by', 'dept_head_ack_at', 'updated_at'];
BEGIN
  IF OLD.status = 'closed'
     AND (to_jsonb (NEW) - ack_columns) IS DISTINCT FROM (to_jsonb (OLD) - ack_columns) THEN
    RAISE EXCEPTION 'incident % is closed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER incidents_closed BEFORE UPDATE ON incidents
  FOR EACH ROW EXECUTE FUNCTION jhk_incident_closed_check ();
