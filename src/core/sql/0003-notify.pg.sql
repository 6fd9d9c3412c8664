-- 0003 on PostgreSQL: live updates over LISTEN/NOTIFY.
--
-- Every statement that writes a table of Jhk (not schema_migrations) sends
-- a notification on the channel jhk_changed whose payload is the table's
-- name. The server sends notifications at commit, only to sessions of the
-- same database, never for a transaction that rolled back, and folds
-- identical ones of one transaction into one: a service that writes a row
-- and its audit entry sends two, whatever the number of rows. The
-- workstations LISTEN (JhkDbWatch) and refresh what shows those tables.
--
-- The trigger function needs no privilege: pg_notify is open to every role,
-- so a staff role's writes notify as the owner's do.

CREATE FUNCTION jhk_notify_changed () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify ('jhk_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- Gives every table that has none the notifying trigger. Run here for the
-- tables of 0001 and 0002, and by the backend after each later migration,
-- so a table that a migration adds notifies from its first day.
CREATE FUNCTION jhk_notify_attach () RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid::regclass AS tab
             FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
              AND n.nspname = ANY (current_schemas (false))
              AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                               WHERE t.tgrelid = c.oid AND t.tgname = 'jhk_notify_changed') LOOP
    EXECUTE format ('CREATE TRIGGER jhk_notify_changed'
                    ' AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s'
                    ' FOR EACH STATEMENT EXECUTE FUNCTION jhk_notify_changed ()', r.tab);
  END LOOP;
END
$$;

SELECT jhk_notify_attach ();
