-- 0009 on SQLite. A copy (made by the ledger's copy step) is of the same
-- category as its original and allows the same viewers (R18-3).
CREATE TRIGGER materials_copy_category AFTER INSERT ON materials
  WHEN NEW.original_id IS NOT NULL
BEGIN
  UPDATE materials SET category = (SELECT category FROM materials WHERE id = NEW.original_id),
                       printed_manual = (SELECT printed_manual FROM materials
                                          WHERE id = NEW.original_id)
   WHERE id = NEW.id;
  INSERT INTO material_viewers (material_id, staff_id, created_at, created_by)
    SELECT NEW.id, staff_id, NEW.created_at, NEW.created_by
      FROM material_viewers WHERE material_id = NEW.original_id;
END;
-- R18-5: a printed 取扱説明書 ends shredded, in part or whole.
CREATE TRIGGER material_dispositions_printed_manual BEFORE INSERT ON material_dispositions
  WHEN EXISTS (SELECT 1 FROM materials WHERE id = NEW.material_id AND printed_manual = 1)
       AND (NEW.kind <> 'dispose' OR NEW.method <> 'shred')
BEGIN
  SELECT RAISE (ABORT, 'a printed manual is disposed of by shredding');
END;
CREATE TRIGGER material_events_printed_manual BEFORE INSERT ON material_events
  WHEN NEW.kind = 'partial_dispose' AND NEW.method <> 'shred'
       AND EXISTS (SELECT 1 FROM materials WHERE id = NEW.material_id AND printed_manual = 1)
BEGIN
  SELECT RAISE (ABORT, 'a printed manual is disposed of by shredding');
END;
