-- 0018: the searches of access trails (R13-4) by 所属コード and 端末番号,
-- newest first, read from an index as those by 職員番号 (0017), and the
-- システム管理者's queue of trail requests.
CREATE INDEX access_trails_office_code ON access_trails (office_code, at);
CREATE INDEX access_trails_terminal ON access_trails (terminal, at);
CREATE INDEX trail_requests_status ON trail_requests (status, id);
