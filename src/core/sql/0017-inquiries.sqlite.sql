-- 0017 on SQLite: R14-6, nothing of a signed-off month changes. A record
-- whose office and month have an inquiry_periods row is never updated
-- (nor moved into such a month); deleting it stays allowed for the purge
-- (R14-5). The same rule as the trigger of 0017-inquiries.pg.sql.
CREATE TRIGGER inquiry_records_signed_off BEFORE UPDATE ON inquiry_records
  WHEN EXISTS (SELECT 1 FROM inquiry_periods p
                WHERE (p.office_id = OLD.office_id AND p.period = OLD.period)
                   OR (p.office_id = NEW.office_id AND p.period = NEW.period))
BEGIN
  SELECT RAISE (ABORT, 'the month of this inquiry record is signed off: it does not change');
END;
