-- The audit table refuses changes even from a program that bypasses Jhk's
-- services; SQLITE_DBCONFIG_DEFENSIVE keeps writable_schema off.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'audit entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE (ABORT, 'audit entries cannot be deleted');
END;
