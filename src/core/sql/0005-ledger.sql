-- 0005: the materials ledger (入出力資料台帳, 第15-第17, R15-1, R17-11).
-- Portable SQL as 0001: instants BIGINT µs, dates TEXT 'YYYY-MM-DD'.
-- Rows are never deleted: a material ends with one final disposition,
-- after which it is only viewed.

-- R15-5: the register of storage places of an office; personal-data and
-- designated materials go only into a locked one.
CREATE TABLE storage_places (
  id          INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
  name        TEXT NOT NULL,
  locked      INTEGER NOT NULL CHECK (locked IN (0, 1)),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  created_at  BIGINT NOT NULL,
  created_by  TEXT NOT NULL,
  UNIQUE (org_unit_id, name)
);

-- R15-1: one row per input or output material (copies included, linked to
-- their original). quantity_on_hand and quantity_lent follow the events;
-- status is 'stored', 'lent' (some of it lent out) or 'closed' (final
-- disposition made).
CREATE TABLE materials (
  id                  INTEGER PRIMARY KEY,
  org_unit_id         INTEGER NOT NULL REFERENCES org_units (id),
  direction           TEXT NOT NULL CHECK (direction IN ('input', 'output')),
  name                TEXT NOT NULL,
  quantity            INTEGER NOT NULL CHECK (quantity > 0),
  breakdown           TEXT NOT NULL DEFAULT '',
  summary             TEXT NOT NULL DEFAULT '',
  business_id         INTEGER NOT NULL REFERENCES businesses (id),
  handler_staff_id    INTEGER NOT NULL REFERENCES staff (id),
  handler_section_id  INTEGER NOT NULL REFERENCES org_units (id),
  purpose             TEXT NOT NULL,
  -- R15-3: designated 特に重要 by the business's manager.
  designated          INTEGER NOT NULL DEFAULT 0 CHECK (designated IN (0, 1)),
  designated_by       INTEGER REFERENCES staff (id),
  personal_data       INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),
  -- R17-1: why personal-data output was created.
  creation_reason     TEXT CHECK (creation_reason IN ('law', 'procedure', 'maintenance_test')),
  acquired_on         TEXT NOT NULL,
  acquisition_method  TEXT NOT NULL CHECK (acquisition_method IN ('received', 'printed', 'other')),
  acquisition_text    TEXT NOT NULL DEFAULT '',
  acquired_by         INTEGER NOT NULL REFERENCES staff (id),
  measure             TEXT NOT NULL CHECK (measure IN ('store', 'dispose_without_storing', 'other')),
  measure_text        TEXT NOT NULL DEFAULT '',
  storage_place_id    INTEGER REFERENCES storage_places (id),
  original_id         INTEGER REFERENCES materials (id),
  quantity_on_hand    INTEGER NOT NULL CHECK (quantity_on_hand >= 0),
  quantity_lent       INTEGER NOT NULL DEFAULT 0 CHECK (quantity_lent >= 0),
  status              TEXT NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'lent', 'closed')),
  last_entry_on       TEXT NOT NULL,
  created_at          BIGINT NOT NULL,
  created_by          TEXT NOT NULL,
  CHECK (quantity_lent <= quantity_on_hand),
  CHECK (designated = 0 OR designated_by IS NOT NULL),
  CHECK (personal_data = 0 OR direction = 'input' OR creation_reason IS NOT NULL),
  CHECK (measure <> 'store' OR storage_place_id IS NOT NULL)
);
-- The ledger page: an office's materials newest first, all of them or by
-- status (with a million materials, 50 000 an office, either first page
-- reads 50 rows instead of sorting the office's).
CREATE INDEX materials_office ON materials (org_unit_id, status, acquired_on, id);
CREATE INDEX materials_office_date ON materials (org_unit_id, acquired_on, id);
CREATE INDEX materials_business ON materials (business_id, acquired_on, id);
CREATE INDEX materials_handler ON materials (handler_staff_id, acquired_on, id);
CREATE INDEX materials_original ON materials (original_id);
CREATE INDEX materials_retention ON materials (status, last_entry_on);

-- 保管後の経過: each step after acquisition (様式第1号).
CREATE TABLE material_events (
  id                   INTEGER PRIMARY KEY,
  material_id          INTEGER NOT NULL REFERENCES materials (id),
  happened_on          TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('lend', 'return', 'copy', 'hand_over',
                                                     'receive', 'partial_dispose', 'other')),
  quantity             INTEGER NOT NULL CHECK (quantity >= 0),
  handler_staff_id     INTEGER NOT NULL REFERENCES staff (id),
  confirmed_by         INTEGER REFERENCES staff (id),
  counterpart          TEXT NOT NULL DEFAULT '',
  method               TEXT CHECK (method IN ('shred', 'incinerate', 'dissolve', 'erase', 'destroy')),
  witness_staff_id     INTEGER REFERENCES staff (id),
  copy_basis           TEXT CHECK (copy_basis IN ('manager_approval', 'maintenance_test')),
  approved_by          INTEGER REFERENCES staff (id),
  copy_material_id     INTEGER REFERENCES materials (id),
  note                 TEXT NOT NULL DEFAULT '',
  created_at           BIGINT NOT NULL,
  created_by           TEXT NOT NULL
);
CREATE INDEX material_events_material ON material_events (material_id, happened_on, id);
CREATE INDEX material_events_handler ON material_events (handler_staff_id, happened_on);

-- 最終処理: at most one per material (the primary key), after which the
-- material only shows. R15-6: disposal by an irrecoverable method;
-- R16-3, R17-3: personal data disposed of before the 情報管理者.
CREATE TABLE material_dispositions (
  material_id      INTEGER PRIMARY KEY REFERENCES materials (id),
  happened_on      TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('dispose', 'return', 'hand_over', 'other')),
  method           TEXT CHECK (method IN ('shred', 'incinerate', 'dissolve', 'erase', 'destroy')),
  quantity         INTEGER NOT NULL CHECK (quantity >= 0),
  handler_staff_id INTEGER NOT NULL REFERENCES staff (id),
  witness_staff_id INTEGER REFERENCES staff (id),
  counterpart      TEXT NOT NULL DEFAULT '',
  note             TEXT NOT NULL DEFAULT '',
  created_at       BIGINT NOT NULL,
  created_by       TEXT NOT NULL,
  CHECK (kind <> 'dispose' OR method IS NOT NULL)
);
CREATE INDEX material_dispositions_on ON material_dispositions (happened_on);
