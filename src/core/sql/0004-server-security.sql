-- 0004: the head of the audit chain, readable on its own.
-- Appending needs the last entry's hash. On a shared server a user may not
-- read every entry (0004-server-security.pg.sql), so appends read the head
-- through this view, which shows nothing but the newest sequence number and
-- hash.
CREATE VIEW audit_chain_head AS
  SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
