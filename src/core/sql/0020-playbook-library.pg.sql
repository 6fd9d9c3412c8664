-- 0020 on PostgreSQL: who writes the 対処要領 (R19-1), as jhk-playbooks.c
-- decides. Everyone with a login reads them (the grants of 0019); the
-- システム管理者 writes every playbook and the shared steps; a business
-- manager (対象業務管理者等, 主管業務管理者) writes the playbooks whose
-- businesses are all businesses they manage (one at least), never the
-- shared steps. A version never changes once it is current: its rows are
-- added only while it is being made, by its author, in the save's
-- transaction.

-- Every business of the version is one the user manages, and it has one.
CREATE FUNCTION jhk_playbook_version_managed (p_version bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM playbook_version_businesses b WHERE b.version_id = p_version)
     AND NOT EXISTS (SELECT 1 FROM playbook_version_businesses b
                      WHERE b.version_id = p_version
                        AND NOT (b.business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[])))
$$;

-- The version is the user's own and not yet the current one of its
-- playbook: the save is still adding its rows.
CREATE FUNCTION jhk_playbook_version_open (p_version bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM playbook_versions v
                  WHERE v.id = p_version AND v.created_by = jhk_my_staff_id ()
                    AND NOT EXISTS (SELECT 1 FROM playbooks p WHERE p.current_version_id = v.id))
$$;

-- The user writes playbooks at all: the システム管理者 or a business manager.
CREATE FUNCTION jhk_playbook_writer () RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT jhk_may_write ()
     AND (jhk_holds ('sysadmin') OR cardinality (jhk_managed_businesses ()) > 0)
$$;

GRANT INSERT ON shared_steps, playbooks, playbook_versions, playbook_version_businesses,
                playbook_steps, playbook_contacts TO jhk_staff;
GRANT UPDATE (text, role, minutes, needs_confirmation, evidence, updated_at) ON shared_steps
  TO jhk_staff;
GRANT UPDATE (current_version_id, retired, updated_at) ON playbooks TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE shared_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE playbooks ENABLE ROW LEVEL SECURITY;
ALTER TABLE playbook_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE playbook_version_businesses ENABLE ROW LEVEL SECURITY;
ALTER TABLE playbook_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE playbook_contacts ENABLE ROW LEVEL SECURITY;

CREATE POLICY everyone_reads ON shared_steps FOR SELECT TO jhk_staff USING (true);
CREATE POLICY everyone_reads ON playbooks FOR SELECT TO jhk_staff USING (true);
CREATE POLICY everyone_reads ON playbook_versions FOR SELECT TO jhk_staff USING (true);
CREATE POLICY everyone_reads ON playbook_version_businesses FOR SELECT TO jhk_staff USING (true);
CREATE POLICY everyone_reads ON playbook_steps FOR SELECT TO jhk_staff USING (true);
CREATE POLICY everyone_reads ON playbook_contacts FOR SELECT TO jhk_staff USING (true);

-- Shared steps: the システム管理者 only.
CREATE POLICY sysadmin_writes ON shared_steps FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));
CREATE POLICY sysadmin_updates ON shared_steps FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin')));

-- A new playbook starts without a version; a manager's is never builtin.
CREATE POLICY writers_create ON playbooks FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_playbook_writer ()) AND current_version_id IS NULL
              AND ((SELECT jhk_holds ('sysadmin')) OR builtin = 0));
-- The current version, retired: the システム管理者, or the manager of all
-- the businesses of the current version and of the next.
CREATE POLICY writers_update ON playbooks FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_playbook_writer ())
         AND ((SELECT jhk_holds ('sysadmin')) OR current_version_id IS NULL
              OR jhk_playbook_version_managed (current_version_id)))
  WITH CHECK ((SELECT jhk_holds ('sysadmin')) OR jhk_playbook_version_managed (current_version_id));

-- A version is added in its author's name, to a playbook the user writes.
CREATE POLICY writers_add ON playbook_versions FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_playbook_writer ()) AND created_by = (SELECT jhk_my_staff_id ())
              AND ((SELECT jhk_holds ('sysadmin'))
                   OR EXISTS (SELECT 1 FROM playbooks p
                               WHERE p.id = playbook_id
                                 AND (p.current_version_id IS NULL
                                      OR jhk_playbook_version_managed (p.current_version_id)))));
CREATE POLICY writers_add ON playbook_version_businesses FOR INSERT TO jhk_staff
  WITH CHECK (jhk_playbook_version_open (version_id)
              AND ((SELECT jhk_holds ('sysadmin'))
                   OR business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[])));
CREATE POLICY writers_add ON playbook_steps FOR INSERT TO jhk_staff
  WITH CHECK (jhk_playbook_version_open (version_id));
CREATE POLICY writers_add ON playbook_contacts FOR INSERT TO jhk_staff
  WITH CHECK (jhk_playbook_version_open (version_id));
