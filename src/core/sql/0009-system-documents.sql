-- 0009: the system documents ledger (第18, R18-1..5) on the materials
-- ledger's own tables, and the purge of materials whose retention has
-- ended (R15-3).

-- R18-1: what a material is. 'io' is an input or output material (第15-
-- 第17, every material before 0009); the others are the system documents
-- ledger: 'system_document', 'program' and 'manual' (取扱説明書).
ALTER TABLE materials ADD COLUMN category TEXT NOT NULL DEFAULT 'io'
  CHECK (category IN ('io', 'system_document', 'program', 'manual'));
-- R18-5: a 取扱説明書 printed from an electronic one, tracked until shredded.
ALTER TABLE materials ADD COLUMN printed_manual INTEGER NOT NULL DEFAULT 0
  CHECK (printed_manual IN (0, 1));
-- R15-3: when and by whom (login) the content of a material was purged
-- after its retention ended. The row stays as a tombstone: its id, office,
-- direction, category, dates and status; name, summary, breakdown, purpose
-- and the texts are emptied, its history and final disposition deleted.
ALTER TABLE materials ADD COLUMN purged_at BIGINT;
ALTER TABLE materials ADD COLUMN purged_by TEXT;
-- The ledger page filtered by category, newest first.
CREATE INDEX materials_office_category ON materials (org_unit_id, category, acquired_on, id);

-- R18-3: the staff named as allowed to view a system document or program.
CREATE TABLE material_viewers (
  material_id INTEGER NOT NULL REFERENCES materials (id),
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  created_at  BIGINT NOT NULL,
  created_by  TEXT NOT NULL,
  PRIMARY KEY (material_id, staff_id)
);
CREATE INDEX material_viewers_staff ON material_viewers (staff_id, material_id);
