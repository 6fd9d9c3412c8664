-- 0013 on PostgreSQL: 作業依頼書 under the rules of 0004 and 0005.
-- A request is seen by its requesting office, by the 総括責任者 and the
-- システム管理者, and, once past the draft, by the managers of its
-- business. It is written by the office's 運用管理者 or 情報管理者 (drafts,
-- submission, withdrawal, revision), by the business's manager (consent,
-- sending back, and the processing of a request addressed to them) and by
-- the システム管理者 (the processing of a request addressed to them). The
-- receiving side registers the personal-data output in the requesting
-- office's ledger at hand-over (R15-1, R17-1), so it may insert that
-- material, see it, the storage place and the requester while the request
-- is in progress. The notifying trigger of 0003 comes with
-- jhk_notify_attach after this migration: the dashboards watch
-- work_requests.

-- The businesses the user manages today (R6-2), once per statement.
CREATE FUNCTION jhk_managed_businesses () RETURNS bigint[]
LANGUAGE sql STABLE AS $$
  SELECT COALESCE (array_agg (DISTINCT g.business_id), '{}') FROM jhk_my_grants () g
   WHERE g.business_id IS NOT NULL AND g.role IN ('biz_owner', 'egov_owner', 'lead_owner')
$$;

-- The user is the 運用管理者 or 情報管理者 of a unit within the office or
-- above it, as jhk_ledger_holds_role_for_office() in C.
CREATE FUNCTION jhk_requests_for_office (p_org bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM jhk_my_grants () g
                  WHERE g.role IN ('ops_manager', 'info_manager') AND g.org_unit_id IS NOT NULL
                    AND (jhk_org_within (p_org, g.org_unit_id)
                         OR jhk_org_within (g.org_unit_id, p_org)))
$$;

-- Whether the business has a manager today: their assignments lie outside
-- the user's rows, so the owner answers yes or no.
CREATE FUNCTION jhk_business_has_manager (p_business bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog AS $$
  SELECT EXISTS (SELECT 1 FROM role_assignments r
                  WHERE r.business_id = p_business
                    AND r.role IN ('biz_owner', 'egov_owner', 'lead_owner')
                    AND r.valid_from <= jhk_today ()
                    AND (r.valid_to IS NULL OR r.valid_to >= jhk_today ()))
$$;
REVOKE ALL ON FUNCTION jhk_business_has_manager (bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_business_has_manager (bigint) TO jhk_staff;

-- The receiving side of a request: the システム管理者 or the business's
-- manager, as the request is addressed.
CREATE FUNCTION jhk_receives_request (p_recipient text, p_business bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT (p_recipient = 'sysadmin' AND jhk_holds ('sysadmin'))
      OR (p_recipient = 'business' AND p_business = ANY (jhk_managed_businesses ()))
$$;

GRANT SELECT, INSERT, UPDATE ON work_requests TO jhk_staff;
-- A draft's rows are replaced by its save; otherwise only the material
-- made of a row at hand-over is filled in.
GRANT SELECT, INSERT, DELETE ON work_request_items TO jhk_staff;
GRANT UPDATE (material_id) ON work_request_items TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;

ALTER TABLE work_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE work_request_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY in_scope ON work_requests FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ())
         OR org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         OR (status <> 'draft'
             AND business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[])));
-- The office files drafts in the name of the user.
CREATE POLICY office_drafts ON work_requests FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND status = 'draft'
              AND created_by = (SELECT jhk_my_staff_id ())
              AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
              AND jhk_requests_for_office (org_unit_id));
-- The office edits its drafts, submits, withdraws and revises.
CREATE POLICY office_updates ON work_requests FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND status IN ('draft', 'consent_pending', 'submitted', 'returned')
         AND org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])
         AND jhk_requests_for_office (org_unit_id))
  WITH CHECK (jhk_requests_for_office (org_unit_id)
              AND (status IN ('draft', 'withdrawn')
                   -- R15-4: the office never gives the consent itself.
                   OR (status = 'consent_pending' AND recipient = 'sysadmin'
                       AND consent_by IS NULL)
                   OR (status = 'submitted' AND recipient = 'business')));
-- R15-4: the business's manager consents or sends back, and processes
-- what is addressed to them.
CREATE POLICY manager_updates ON work_requests FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND status IN ('consent_pending', 'submitted', 'in_progress')
         AND business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[]))
  WITH CHECK (business_id = ANY ((SELECT jhk_managed_businesses ())::bigint[])
              AND (status IN ('submitted', 'returned') OR recipient = 'business'));
-- The システム管理者 processes what is addressed to them.
CREATE POLICY sysadmin_updates ON work_requests FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ()) AND (SELECT jhk_holds ('sysadmin'))
         AND recipient = 'sysadmin' AND status IN ('submitted', 'in_progress'))
  WITH CHECK (recipient = 'sysadmin' AND status IN ('in_progress', 'completed', 'returned'));

-- Rows go with their request (the policies above).
CREATE POLICY in_scope ON work_request_items FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM work_requests w WHERE w.id = request_id));
CREATE POLICY office_drafts ON work_request_items FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM work_requests w
                           WHERE w.id = request_id AND w.status = 'draft'
                             AND jhk_requests_for_office (w.org_unit_id)));
CREATE POLICY office_replaces ON work_request_items FOR DELETE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM work_requests w
                      WHERE w.id = request_id AND w.status = 'draft'
                        AND jhk_requests_for_office (w.org_unit_id)));
CREATE POLICY receiver_delivers ON work_request_items FOR UPDATE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM work_requests w
                      WHERE w.id = request_id AND w.status = 'in_progress'
                        AND jhk_receives_request (w.recipient, w.business_id)))
  WITH CHECK (material_id IS NOT NULL);

-- R15-1, R17-1: the receiving side registers the output in the requesting
-- office's ledger, linked to the request in progress, and sees it (INSERT
-- … RETURNING), the place it is stored in and the staff named on it.
CREATE POLICY request_output_added ON materials FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ()) AND work_request_id IS NOT NULL
              AND direction = 'output'
              AND EXISTS (SELECT 1 FROM work_requests w
                           WHERE w.id = work_request_id AND w.status = 'in_progress'
                             AND w.org_unit_id = materials.org_unit_id
                             AND jhk_receives_request (w.recipient, w.business_id)));
CREATE POLICY request_output_seen ON materials FOR SELECT TO jhk_staff
  USING (work_request_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM work_requests w
                      WHERE w.id = work_request_id AND w.status = 'in_progress'
                        AND jhk_receives_request (w.recipient, w.business_id)));
CREATE POLICY request_place ON storage_places FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM work_requests w
                  WHERE w.storage_place_id = storage_places.id AND w.status = 'in_progress'
                    AND jhk_receives_request (w.recipient, w.business_id)));
-- The requester, and the manager who consented, are named on the form.
CREATE POLICY request_parties ON staff FOR SELECT TO jhk_staff
  USING (id = ANY ((SELECT array_agg (w.created_by) FROM work_requests w)::bigint[])
         OR id = ANY ((SELECT array_agg (w.consent_by) FROM work_requests w
                        WHERE w.consent_by IS NOT NULL)::bigint[]));

-- What the requesting office wrote is fixed once the request leaves the
-- draft: the consenting manager and the receiving side update the request
-- (policies above) but never its 依頼所属記入, and nobody moves it to
-- another office or requester.
CREATE FUNCTION work_requests_guard () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT jhk_is_staff_role (session_user) THEN
    RETURN NEW;
  END IF;
  IF NEW.org_unit_id IS DISTINCT FROM OLD.org_unit_id
     OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR NEW.created_login IS DISTINCT FROM OLD.created_login
     OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR (OLD.status <> 'draft'
         AND (NEW.recipient IS DISTINCT FROM OLD.recipient
              OR NEW.business_id IS DISTINCT FROM OLD.business_id
              OR NEW.to_title IS DISTINCT FROM OLD.to_title
              OR NEW.from_title IS DISTINCT FROM OLD.from_title
              OR NEW.summary IS DISTINCT FROM OLD.summary
              OR NEW.purpose IS DISTINCT FROM OLD.purpose
              OR NEW.wanted_at IS DISTINCT FROM OLD.wanted_at
              OR NEW.manager_title IS DISTINCT FROM OLD.manager_title
              OR NEW.manager_name IS DISTINCT FROM OLD.manager_name
              OR NEW.contact_name IS DISTINCT FROM OLD.contact_name
              OR NEW.contact_phone IS DISTINCT FROM OLD.contact_phone
              OR NEW.storage_place_id IS DISTINCT FROM OLD.storage_place_id)) THEN
    RAISE EXCEPTION 'a work request changes its requesting part only as a draft'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER work_requests_guard BEFORE UPDATE ON work_requests
  FOR EACH ROW EXECUTE FUNCTION work_requests_guard ();
