-- 0004 on PostgreSQL: security in the server, not only in the app.
--
-- Every user ID is a server role of the same name, a member of jhk_staff
-- (jhk_sync_server_role, called by the services that issue, restrict and
-- retire IDs). A person who connects with their own credentials, bypassing
-- Jhk, reads and changes no more than Jhk lets them:
--  * no role may change or delete audit entries (grants, and the triggers of
--    0001); entries are read by the 総括責任者 and the システム管理者, each
--    user reads their own;
--  * personnel rows (staff, users, role assignments) are limited to the
--    user's 所属 and to the offices their roles cover;
--  * the code tables are read by all, and written by the roles that Jhk lets
--    write them; user IDs and restrictions only by the 総括責任者 and the
--    システム管理者; a restricted user (R13-10) writes nothing but their own
--    login bookkeeping and audit entries.
-- The role running this migration owns the tables, so row-level security
-- does not apply to it: that is the administrator's connection (jhkctl).
-- It needs CREATEROLE (or to be a superuser) to create the roles.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jhk_staff') THEN
    CREATE ROLE jhk_staff NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;  -- created meanwhile by another database's migration
END
$$;

-- Who is connected ------------------------------------------------------------

CREATE FUNCTION jhk_today () RETURNS text
LANGUAGE sql STABLE AS $$ SELECT to_char (current_date, 'YYYY-MM-DD') $$;

-- The connection is a Jhk staff role (not the owner or a DBA).
CREATE FUNCTION jhk_is_staff_role (p_role name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM pg_auth_members m
                   JOIN pg_roles g ON g.oid = m.roleid
                   JOIN pg_roles r ON r.oid = m.member
                  WHERE g.rolname = 'jhk_staff' AND r.rolname = p_role)
$$;

CREATE FUNCTION jhk_my_user_id () RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT id FROM users WHERE login = session_user
$$;

CREATE FUNCTION jhk_my_staff_id () RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT staff_id FROM users WHERE login = session_user AND status = 'active'
$$;

-- R13-10: an active, unrestricted user.
CREATE FUNCTION jhk_may_write () RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM users WHERE login = session_user
                    AND status = 'active' AND restriction = 'none')
$$;

CREATE FUNCTION jhk_org_within (p_org bigint, p_ancestor bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE up (id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM org_units WHERE id = p_org
    UNION ALL
    SELECT o.id, o.parent_id, up.depth + 1
      FROM org_units o JOIN up ON o.id = up.parent_id
     WHERE up.depth < 16)
  SELECT EXISTS (SELECT 1 FROM up WHERE id = p_ancestor)
$$;

-- The role assignments the session's user holds today (R5-1).
CREATE FUNCTION jhk_my_grants () RETURNS TABLE (role text, org_unit_id bigint, business_id bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT r.role, r.org_unit_id, r.business_id
    FROM role_assignments r JOIN users u ON u.staff_id = r.staff_id
   WHERE u.login = session_user AND u.status = 'active'
     AND r.valid_from <= jhk_today () AND (r.valid_to IS NULL OR r.valid_to >= jhk_today ())
$$;

CREATE FUNCTION jhk_holds (p_role text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g WHERE g.role = p_role)
$$;

-- The 総括責任者 or the システム管理者: the organisation-wide registers.
CREATE FUNCTION jhk_is_admin () RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g WHERE g.role IN ('supervisor', 'sysadmin'))
$$;

-- The role is held with a scope covering the unit (an organisation-wide
-- role covers every unit).
CREATE FUNCTION jhk_holds_for_org (p_role text, p_org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g
                  WHERE g.role = p_role
                    AND ((g.org_unit_id IS NULL AND g.business_id IS NULL)
                         OR (g.org_unit_id IS NOT NULL AND jhk_org_within (p_org, g.org_unit_id))))
$$;

-- The 所属 of the session's user: the office above their unit (or the unit
-- itself when no office is above it).
CREATE FUNCTION jhk_my_office () RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE up (id, parent_id, kind, depth) AS (
    SELECT o.id, o.parent_id, o.kind, 0
      FROM org_units o
      JOIN staff s ON s.org_unit_id = o.id
      JOIN users u ON u.staff_id = s.id
     WHERE u.login = session_user AND u.status = 'active'
    UNION ALL
    SELECT o.id, o.parent_id, o.kind, up.depth + 1
      FROM org_units o JOIN up ON o.id = up.parent_id
     WHERE up.depth < 16)
  SELECT COALESCE ((SELECT id FROM up WHERE kind = 'office' ORDER BY depth LIMIT 1),
                   (SELECT id FROM up WHERE depth = 0))
$$;

-- The units the user sees: their 所属 and the units their roles cover, with
-- everything below them. Policies call it once per statement, as
-- `(SELECT jhk_visible_orgs ())`, and test each row against the array, so
-- a list of a million rows costs no query per row.
CREATE FUNCTION jhk_visible_orgs () RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  WITH RECURSIVE roots (id) AS (
    SELECT jhk_my_office ()
    UNION
    SELECT g.org_unit_id FROM jhk_my_grants () g WHERE g.org_unit_id IS NOT NULL),
  tree (id, depth) AS (
    SELECT id, 0 FROM roots WHERE id IS NOT NULL
    UNION
    SELECT o.id, t.depth + 1 FROM org_units o JOIN tree t ON o.parent_id = t.id
     WHERE t.depth < 16)
  SELECT COALESCE (array_agg (DISTINCT id), '{}') FROM tree
$$;

-- Holders of an organisation-wide role, whom every office deals with.
CREATE FUNCTION jhk_officers () RETURNS bigint[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT COALESCE (array_agg (DISTINCT r.staff_id), '{}')
    FROM role_assignments r
   WHERE r.org_unit_id IS NULL AND r.business_id IS NULL
     AND r.role IN ('supervisor', 'sysadmin')
     AND r.valid_from <= jhk_today ()
     AND (r.valid_to IS NULL OR r.valid_to >= jhk_today ())
$$;

-- R6-2: the business's manager.
CREATE FUNCTION jhk_manages_business (p_business bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g
                  WHERE g.business_id = p_business
                    AND g.role IN ('biz_owner', 'egov_owner', 'lead_owner'))
$$;

-- Server roles for user IDs ----------------------------------------------------

-- Makes the server role of a user ID match the register: created when
-- missing (a member of jhk_staff), LOGIN while the ID is active and not
-- barred from logging in, the password set when a verifier is given.
-- Called inside the service's transaction, so it is undone with it.
CREATE FUNCTION jhk_sync_server_role (p_login text, p_verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
  u users%ROWTYPE;
BEGIN
  SELECT * INTO u FROM users WHERE login = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'there is no user ID "%"', p_login USING ERRCODE = 'no_data_found';
  END IF;
  -- Only the owner's connection, the 総括責任者 and the システム管理者
  -- manage other people's roles; anybody may set their own password.
  IF jhk_is_staff_role (session_user)
     AND NOT (p_login = session_user AND p_verifier IS NOT NULL)
     AND NOT (jhk_is_admin () AND jhk_may_write ()) THEN
    RAISE EXCEPTION 'only the general supervisor or the system administrator manage server roles'
      USING ERRCODE = 'insufficient_privilege';
  END IF;

  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    BEGIN
      EXECUTE format ('CREATE ROLE %I NOLOGIN IN ROLE jhk_staff', p_login);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;  -- created meanwhile for another Jhk database on this server
    END;
  END IF;
  IF NOT jhk_is_staff_role (p_login::name) THEN
    RAISE EXCEPTION 'the server has a role "%" that is not a Jhk user ID', p_login
      USING ERRCODE = 'duplicate_object';
  END IF;

  IF u.status = 'active' AND u.restriction <> 'no_login' THEN
    EXECUTE format ('ALTER ROLE %I LOGIN', p_login);
  ELSE
    EXECUTE format ('ALTER ROLE %I NOLOGIN', p_login);
  END IF;
  IF p_verifier IS NOT NULL THEN
    IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
      RAISE EXCEPTION 'a server password is given as a SCRAM verifier, never in clear';
    END IF;
    EXECUTE format ('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
  END IF;
END
$$;

-- Personnel rows: what a user may not change in their own ID.
CREATE FUNCTION users_guard () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT jhk_is_staff_role (session_user) OR (jhk_is_admin () AND jhk_may_write ()) THEN
    RETURN NEW;
  END IF;
  IF NEW.login IS DISTINCT FROM OLD.login OR NEW.staff_id IS DISTINCT FROM OLD.staff_id
     OR NEW.status IS DISTINCT FROM OLD.status
     OR NEW.restriction IS DISTINCT FROM OLD.restriction
     OR NEW.restriction_reason IS DISTINCT FROM OLD.restriction_reason
     OR NEW.restricted_by IS DISTINCT FROM OLD.restricted_by
     OR NEW.restricted_at IS DISTINCT FROM OLD.restricted_at
     OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
     OR NEW.issued_by IS DISTINCT FROM OLD.issued_by
     OR NEW.issue_reason IS DISTINCT FROM OLD.issue_reason
     OR NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
    RAISE EXCEPTION 'only the general supervisor or the system administrator change a user ID'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER users_guard BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_guard ();

-- Grants ------------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON FUNCTION jhk_sync_server_role (text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_sync_server_role (text, text) TO jhk_staff;
GRANT USAGE ON SCHEMA public TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;
GRANT SELECT ON schema_migrations, audit_chain_head TO jhk_staff;
GRANT SELECT, INSERT, UPDATE ON settings, org_units, staff, users, businesses,
  role_assignments, alt_structures TO jhk_staff;
-- Never UPDATE, DELETE or TRUNCATE: the history is kept.
GRANT SELECT, INSERT ON audit_log, password_history TO jhk_staff;

-- Row-level security ------------------------------------------------------------

ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE businesses ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE alt_structures ENABLE ROW LEVEL SECURITY;

-- The code tables are read by everybody.
CREATE POLICY read_all ON settings FOR SELECT TO jhk_staff USING (true);
CREATE POLICY read_all ON org_units FOR SELECT TO jhk_staff USING (true);
CREATE POLICY read_all ON businesses FOR SELECT TO jhk_staff USING (true);
CREATE POLICY read_all ON alt_structures FOR SELECT TO jhk_staff USING (true);

-- Settings and the 所属/係 codes (R11-1): the システム管理者.
CREATE POLICY sysadmin_writes ON settings FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_holds ('sysadmin')) AND (SELECT jhk_may_write ()));
CREATE POLICY sysadmin_updates ON settings FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_holds ('sysadmin')) AND (SELECT jhk_may_write ()));
CREATE POLICY sysadmin_writes ON org_units FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_holds ('sysadmin')) AND (SELECT jhk_may_write ()));
CREATE POLICY sysadmin_updates ON org_units FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_holds ('sysadmin')) AND (SELECT jhk_may_write ()));

-- Businesses (R8-1, R9-1): registered by the システム管理者 or the
-- 総括責任者, approved by the 総括責任者.
CREATE POLICY admin_writes ON businesses FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_is_admin ()) AND (SELECT jhk_may_write ()));
CREATE POLICY admin_updates ON businesses FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_is_admin ()) AND (SELECT jhk_may_write ()));

-- R6-2: another structure is designated by the business's manager.
CREATE POLICY manager_writes ON alt_structures FOR INSERT TO jhk_staff
  WITH CHECK (jhk_manages_business (business_id) AND (SELECT jhk_may_write ()));
CREATE POLICY manager_updates ON alt_structures FOR UPDATE TO jhk_staff
  USING (jhk_manages_business (business_id) AND (SELECT jhk_may_write ()));

-- Staff: seen within the 所属 and the roles' scopes (the policies on users
-- and role_assignments reuse this one through `EXISTS (... staff ...)`);
-- added by the システム管理者 or the office's 運用管理者.
CREATE POLICY in_scope ON staff FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         OR id = ANY ((SELECT jhk_officers ())::bigint[])
         OR id = (SELECT jhk_my_staff_id ()));
CREATE POLICY office_writes ON staff FOR INSERT TO jhk_staff
  WITH CHECK (((SELECT jhk_holds ('sysadmin')) OR jhk_holds_for_org ('ops_manager', org_unit_id))
              AND (SELECT jhk_may_write ()));
CREATE POLICY office_updates ON staff FOR UPDATE TO jhk_staff
  USING (((SELECT jhk_holds ('sysadmin')) OR jhk_holds_for_org ('ops_manager', org_unit_id))
         AND (SELECT jhk_may_write ()));

-- User IDs (R12-1, R13-10): each user sees and keeps their own (password,
-- login bookkeeping: users_guard keeps the rest); the 総括責任者 and the
-- システム管理者 issue and restrict; the 運用管理者 sees their office's.
CREATE POLICY own_or_scope ON users FOR SELECT TO jhk_staff
  USING (login = session_user OR (SELECT jhk_is_admin ())
         OR ((SELECT jhk_holds ('ops_manager'))
             AND EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id)));
CREATE POLICY admin_issues ON users FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_is_admin ()) AND (SELECT jhk_may_write ()));
CREATE POLICY own_or_admin ON users FOR UPDATE TO jhk_staff
  USING (login = session_user OR ((SELECT jhk_is_admin ()) AND (SELECT jhk_may_write ())));

CREATE POLICY own_or_admin ON password_history FOR SELECT TO jhk_staff
  USING (user_id = (SELECT jhk_my_user_id ()) OR (SELECT jhk_is_admin ()));
CREATE POLICY own_or_admin_adds ON password_history FOR INSERT TO jhk_staff
  WITH CHECK (user_id = (SELECT jhk_my_user_id ())
              OR ((SELECT jhk_is_admin ()) AND (SELECT jhk_may_write ())));

-- Role assignments (R5-1, R6-1, R13-2): seen with the staff member; made by
-- the 総括責任者 and the システム管理者, and by the 運用管理者 for the office's
-- own roles within their office.
CREATE POLICY in_scope ON role_assignments FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ()) OR EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id));
CREATE POLICY granted_in_scope ON role_assignments FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND ((SELECT jhk_is_admin ())
                   OR (role IN ('info_lead', 'info_manager', 'info_assistant',
                                'inquiry_supervisor', 'staff')
                       AND org_unit_id IS NOT NULL
                       AND jhk_holds_for_org ('ops_manager', org_unit_id))));
CREATE POLICY ended_in_scope ON role_assignments FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND ((SELECT jhk_is_admin ())
              OR (role IN ('info_lead', 'info_manager', 'info_assistant',
                           'inquiry_supervisor', 'staff')
                  AND org_unit_id IS NOT NULL
                  AND jhk_holds_for_org ('ops_manager', org_unit_id))));

-- The audit log: read whole by the 総括責任者 and the システム管理者, each
-- user reads their own entries; every user appends entries in their own
-- name (a restricted user's login is recorded too).
CREATE POLICY own_or_admin ON audit_log FOR SELECT TO jhk_staff
  USING (actor = session_user OR (SELECT jhk_is_admin ()));
CREATE POLICY own_name ON audit_log FOR INSERT TO jhk_staff
  WITH CHECK (actor = session_user OR (SELECT jhk_is_admin ()));
