-- 0016: the requests a member of staff filed or consented to, found by
-- index: the server's row-level security asks it for every staff row it
-- shows (0016-work-request-parties.pg.sql).
CREATE INDEX work_requests_creator ON work_requests (created_by);
CREATE INDEX work_requests_consenter ON work_requests (consent_by);
