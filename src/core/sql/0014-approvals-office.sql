-- 0014: nothing changes in the portable schema; see 0014-approvals-office.pg.sql.
SELECT 1;
