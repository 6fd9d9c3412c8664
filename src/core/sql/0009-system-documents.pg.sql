-- 0009 on PostgreSQL: the viewers of a system document under the rules of
-- 0004/0005, and the purge of R15-3. History is never deleted, except
-- that of a material whose tombstone is written first in the same
-- transaction (purged_at set), through jhk_purge_material_history().

ALTER TABLE materials ADD CONSTRAINT materials_purged_closed
  CHECK (purged_at IS NULL OR status = 'closed');

GRANT SELECT, INSERT, DELETE ON material_viewers TO jhk_staff;

ALTER TABLE material_viewers ENABLE ROW LEVEL SECURITY;
CREATE POLICY in_scope ON material_viewers FOR SELECT TO jhk_staff
  USING ((SELECT jhk_is_admin ()) OR EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id));
CREATE POLICY office_writes ON material_viewers FOR INSERT TO jhk_staff
  WITH CHECK ((SELECT jhk_may_write ())
              AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                             AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));
CREATE POLICY office_deletes ON material_viewers FOR DELETE TO jhk_staff
  USING ((SELECT jhk_may_write ())
         AND EXISTS (SELECT 1 FROM materials m WHERE m.id = material_id
                        AND m.org_unit_id = ANY ((SELECT jhk_visible_orgs ())::bigint[])));

-- R15-3: history stays undeletable by users (0005); only the history of
-- a material the user has just purged (its tombstone written in the same
-- transaction) and may write is deleted, by this function alone.
CREATE FUNCTION jhk_purge_material_history (p_material bigint) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  -- Users as their rows allow (0004); Jhk's own owner connection (no
  -- staff role) for any purged material.
  IF NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = p_material
                    AND m.purged_at IS NOT NULL AND m.status = 'closed')
     OR (jhk_is_staff_role (session_user)
         AND (NOT jhk_may_write ()
              OR NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = p_material
                                AND m.org_unit_id = ANY (jhk_visible_orgs ())))) THEN
    RAISE EXCEPTION 'only the history of a purged material of the user''s offices is deleted'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- What refers to the history first: approvals (0007) name the events
  -- they were used for, transfers (0008) their hand-over event.
  DELETE FROM material_approvals WHERE material_id = p_material;
  DELETE FROM material_signoffs WHERE material_id = p_material;
  DELETE FROM material_signoff_requests WHERE material_id = p_material;
  DELETE FROM transfers WHERE material_id = p_material;
  DELETE FROM material_events WHERE material_id = p_material;
  DELETE FROM material_dispositions WHERE material_id = p_material;
  RETURN true;
END
$$;
REVOKE ALL ON FUNCTION jhk_purge_material_history (bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION jhk_purge_material_history (bigint) TO jhk_staff;

-- A copy is of the same category as its original and allows the same
-- viewers (R18-3).
CREATE FUNCTION jhk_material_copy_category () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.original_id IS NOT NULL THEN
    SELECT category, printed_manual INTO NEW.category, NEW.printed_manual
      FROM materials WHERE id = NEW.original_id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER materials_copy_category BEFORE INSERT ON materials
  FOR EACH ROW WHEN (NEW.original_id IS NOT NULL)
  EXECUTE FUNCTION jhk_material_copy_category ();

CREATE FUNCTION jhk_material_copy_viewers () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO material_viewers (material_id, staff_id, created_at, created_by)
    SELECT NEW.id, staff_id, NEW.created_at, NEW.created_by
      FROM material_viewers WHERE material_id = NEW.original_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER materials_copy_viewers AFTER INSERT ON materials
  FOR EACH ROW WHEN (NEW.original_id IS NOT NULL)
  EXECUTE FUNCTION jhk_material_copy_viewers ();

-- R18-5: a printed 取扱説明書 ends shredded, in part or whole.
CREATE FUNCTION jhk_printed_manual_shredded () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_TABLE_NAME = 'material_dispositions' AND (NEW.kind <> 'dispose' OR NEW.method <> 'shred'))
     OR (TG_TABLE_NAME = 'material_events' AND NEW.kind = 'partial_dispose'
         AND NEW.method <> 'shred') THEN
    IF EXISTS (SELECT 1 FROM materials WHERE id = NEW.material_id AND printed_manual = 1) THEN
      RAISE EXCEPTION 'a printed manual is disposed of by shredding'
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER material_dispositions_printed_manual BEFORE INSERT ON material_dispositions
  FOR EACH ROW EXECUTE FUNCTION jhk_printed_manual_shredded ();
CREATE TRIGGER material_events_printed_manual BEFORE INSERT ON material_events
  FOR EACH ROW EXECUTE FUNCTION jhk_printed_manual_shredded ();
