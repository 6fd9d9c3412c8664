-- 0016 on PostgreSQL: the staff named on a request the user sees (the
-- requester, the manager who consented) are looked up per staff row by
-- the indexes of the portable part, instead of gathering the ids of every
-- request in sight for each query of the staff table (a scan of the
-- requests each time, a million rows read for a list of names).
DROP POLICY request_parties ON staff;
CREATE POLICY request_parties ON staff FOR SELECT TO jhk_staff
  USING (EXISTS (SELECT 1 FROM work_requests w WHERE w.created_by = staff.id)
         OR EXISTS (SELECT 1 FROM work_requests w WHERE w.consent_by = staff.id));
