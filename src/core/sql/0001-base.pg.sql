-- The audit table refuses changes even from a program that bypasses Jhk's
-- services: no UPDATE, DELETE or TRUNCATE, for any role. ENABLE ALWAYS makes
-- the triggers fire under session_replication_role = replica too, and
-- jhk_db_integrity_check() checks that they are there and enabled.
CREATE FUNCTION audit_log_refuse () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'audit entries cannot be changed';
  ELSIF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit entries cannot be deleted';
  END IF;
  RAISE EXCEPTION 'the audit log cannot be emptied';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse ();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse ();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse ();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_delete;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
