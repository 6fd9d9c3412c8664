-- 0017 on PostgreSQL: 照会点検 and access trails under the rules of 0004.
--
-- inquiry_records (R14-5, R14-6): a staff member sees their own
-- inquiries, a 担当幹部 those of their 係, the 運用管理者 those of their
-- office, the システム管理者 and the 総括責任者 all. The システム管理者
-- imports (INSERT), screens (flags) and purges (DELETE); the officer
-- confirms, the 担当幹部 checks and the 運用管理者 settles, each only the
-- columns of their step, in their own name. The 運用管理者 signs the
-- office's month off (inquiry_periods); after that no row of the month is
-- updated, by anybody (the trigger at the end; deletes stay allowed for
-- the purge).

-- The units within those for which the user holds p_role today, once per
-- statement: policies call it as `(SELECT jhk_units_of_role ('...'))`.
CREATE FUNCTION jhk_units_of_role (p_role text) RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE tree (id, depth) AS (
    SELECT g.org_unit_id, 0 FROM jhk_my_grants () g
     WHERE g.role = p_role AND g.org_unit_id IS NOT NULL
    UNION
    SELECT o.id, t.depth + 1 FROM org_units o JOIN tree t ON o.parent_id = t.id
     WHERE t.depth < 16)
  SELECT COALESCE (array_agg (DISTINCT id), '{}') FROM tree
$$;

-- Whether the staff member has an active user ID: the 運用管理者 settles
-- the records of an officer without one (R14-6), whose users row may lie
-- outside the user's rows.
CREATE FUNCTION jhk_staff_has_login (p_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM users WHERE staff_id = p_staff AND status = 'active')
$$;
REVOKE ALL ON FUNCTION jhk_staff_has_login (bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_staff_has_login (bigint) TO jhk_staff;

-- Whether no 担当幹部 but the officer holds the record's 係 (or the office
-- or department above it) today: nobody checks the record, since no
-- 担当幹部 checks their own, and the 運用管理者 settles it (R14-6).
CREATE FUNCTION jhk_nobody_checks (p_section bigint, p_staff bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT NOT EXISTS (
    SELECT 1 FROM role_assignments ra
     WHERE ra.role = 'inquiry_supervisor' AND ra.staff_id IS DISTINCT FROM p_staff
       AND ra.valid_from <= jhk_today ()
       AND (ra.valid_to IS NULL OR ra.valid_to >= jhk_today ())
       AND ra.org_unit_id IN (SELECT p_section
                              UNION ALL SELECT o1.parent_id FROM org_units o1 WHERE o1.id = p_section
                              UNION ALL SELECT o2.parent_id FROM org_units o1
                                          JOIN org_units o2 ON o2.id = o1.parent_id
                                         WHERE o1.id = p_section))
$$;
REVOKE ALL ON FUNCTION jhk_nobody_checks (bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_nobody_checks (bigint, bigint) TO jhk_staff;

GRANT SELECT, INSERT, DELETE ON inquiry_records TO jhk_staff;
-- The steps' columns and the screening's; what was imported never changes.
GRANT UPDATE (flags, flag_data,
              confirm_state, confirmed_by, confirmed_at, confirm_comment,
              check_state, checked_by, checked_at, check_comment,
              resolution, resolved_by, resolved_at, resolution_comment, done)
  ON inquiry_records TO jhk_staff;
GRANT SELECT, INSERT ON inquiry_periods TO jhk_staff;
GRANT SELECT, INSERT ON inquiry_imports TO jhk_staff;
-- The import writes its counts into its own row once the rows are in.
GRANT UPDATE (n_read, n_imported, n_present, n_flagged) ON inquiry_imports TO jhk_staff;
GRANT SELECT, INSERT, UPDATE, DELETE ON holidays TO jhk_staff;
GRANT SELECT, INSERT, UPDATE ON inquirer_scopes TO jhk_staff;
GRANT SELECT, INSERT, UPDATE, DELETE ON access_trails TO jhk_staff;
GRANT SELECT, INSERT, UPDATE ON trail_requests TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE inquiry_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE inquiry_periods ENABLE ROW LEVEL SECURITY;
ALTER TABLE inquiry_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE holidays ENABLE ROW LEVEL SECURITY;
ALTER TABLE inquirer_scopes ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_trails ENABLE ROW LEVEL SECURITY;
ALTER TABLE trail_requests ENABLE ROW LEVEL SECURITY;

-- Records -------------------------------------------------------------------------

CREATE POLICY in_scope ON inquiry_records FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR staff_id = (SELECT jhk_my_staff_id ())
         OR section_id = ANY ((SELECT jhk_units_of_role ('inquiry_supervisor'))::bigint[])
         OR office_id = ANY ((SELECT jhk_units_of_role ('ops_manager'))::bigint[]));
-- R14-5: the import, as the システム管理者.
CREATE POLICY sysadmin_imports ON inquiry_records FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));
-- R14-9: the screening sets the flags, as the システム管理者.
CREATE POLICY sysadmin_screens ON inquiry_records FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')))
  WITH CHECK ((SELECT jhk_holds ('sysadmin')));
-- R13-3, R14-5: the purge of records older than five years.
CREATE POLICY sysadmin_purges ON inquiry_records FOR DELETE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));
-- R14-6 step 1: the officer confirms their own inquiry.
CREATE POLICY officer_confirms ON inquiry_records FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND staff_id = (SELECT jhk_my_staff_id ())
         AND confirm_state = 'pending' AND done = 0)
  WITH CHECK (staff_id = (SELECT jhk_my_staff_id ())
              AND confirmed_by = (SELECT jhk_my_staff_id ())
              AND check_state = 'pending' AND resolution = '' AND done = 0);
-- Step 2: a 担当幹部 of the officer's 係, once step 1 is done.
CREATE POLICY supervisor_checks ON inquiry_records FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND section_id = ANY ((SELECT jhk_units_of_role ('inquiry_supervisor'))::bigint[])
         AND staff_id IS DISTINCT FROM (SELECT jhk_my_staff_id ())
         AND confirm_state <> 'pending' AND check_state = 'pending' AND done = 0)
  WITH CHECK (checked_by = (SELECT jhk_my_staff_id ()) AND resolution = ''
              AND confirm_state <> 'pending');
-- Step 3: the office's 運用管理者 settles a 要確認 record, or one nobody
-- else can take (its officer unknown or without a login, or nobody checks it).
CREATE POLICY manager_settles ON inquiry_records FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND office_id = ANY ((SELECT jhk_units_of_role ('ops_manager'))::bigint[])
         AND resolution = '' AND done = 0
         AND (check_state = 'query' OR staff_id IS NULL OR NOT jhk_staff_has_login (staff_id)
              OR (confirm_state <> 'pending' AND check_state = 'pending'
                  AND jhk_nobody_checks (section_id, staff_id))))
  WITH CHECK (resolved_by = (SELECT jhk_my_staff_id ()) AND resolution <> '' AND done = 1);

-- Months signed off --------------------------------------------------------------

CREATE POLICY in_scope ON inquiry_periods FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR office_id = ANY ((SELECT jhk_units_of_role ('ops_manager'))::bigint[])
         OR EXISTS (SELECT 1 FROM inquiry_records r
                     WHERE r.office_id = inquiry_periods.office_id
                       AND r.period = inquiry_periods.period));
CREATE POLICY manager_signs ON inquiry_periods FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND office_id = ANY ((SELECT jhk_units_of_role ('ops_manager'))::bigint[])
              AND signed_off_by = (SELECT jhk_my_staff_id ()));

-- Imports, holidays, the register of 照会者 --------------------------------------

CREATE POLICY read_all ON inquiry_imports FOR SELECT TO jhk_staff USING (true);
CREATE POLICY sysadmin_imports ON inquiry_imports FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));
CREATE POLICY sysadmin_counts ON inquiry_imports FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')))
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));

CREATE POLICY read_all ON holidays FOR SELECT TO jhk_staff USING (true);
CREATE POLICY sysadmin_writes ON holidays FOR ALL TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')))
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));

-- R14-1: read by everybody who reads inquiries; kept by the 総括責任者, the
-- 主管部長 and the システム管理者.
CREATE POLICY read_all ON inquirer_scopes FOR SELECT TO jhk_staff USING (true);
CREATE POLICY register_adds ON inquirer_scopes FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND ((SELECT jhk_is_admin ()) OR (SELECT jhk_holds ('dept_head'))));
CREATE POLICY register_ends ON inquirer_scopes FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND ((SELECT jhk_is_admin ()) OR (SELECT jhk_holds ('dept_head'))));

-- Access trails (R13-3, R13-4) ---------------------------------------------------

-- Searched by the システム管理者 and the 管理者等 of businesses; imported
-- and purged by the システム管理者.
CREATE POLICY managers_read ON access_trails FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR (SELECT jhk_holds ('biz_owner')) OR (SELECT jhk_holds ('egov_owner'))
         OR (SELECT jhk_holds ('lead_owner')));
CREATE POLICY sysadmin_writes ON access_trails FOR ALL TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')))
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));

-- A request is seen by its requester and the システム管理者, made in the
-- requester's own name, handled by the システム管理者.
CREATE POLICY own_or_sysadmin ON trail_requests FOR SELECT TO jhk_staff
  USING (requested_by = (SELECT jhk_my_staff_id ()) OR (SELECT jhk_is_admin ()));
CREATE POLICY own_request ON trail_requests FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND requested_by = (SELECT jhk_my_staff_id ()));
CREATE POLICY sysadmin_handles ON trail_requests FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));

-- R14-6: nothing of a signed-off month changes, whoever writes; deleting
-- stays allowed for the purge. As 0017-inquiries.sqlite.sql.
CREATE FUNCTION inquiry_records_signed_off () RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inquiry_periods p
              WHERE (p.office_id = OLD.office_id AND p.period = OLD.period)
                 OR (p.office_id = NEW.office_id AND p.period = NEW.period)) THEN
    RAISE EXCEPTION 'the month of this inquiry record is signed off: it does not change'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER inquiry_records_signed_off BEFORE UPDATE ON inquiry_records
  FOR EACH ROW EXECUTE FUNCTION inquiry_records_signed_off ();
