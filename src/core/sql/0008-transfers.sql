-- 0008: transfers of personal-data output material (第17-4, 第17-5, R17-4,
-- R17-5, R17-8, R17-9) and the registers they rely on. Portable SQL as
-- 0001: instants BIGINT µs, dates TEXT 'YYYY-MM-DD'. Nothing is deleted:
-- a register entry is retired (valid_to), a transfer keeps its history.

-- R17-5: the 交付等担当者 an office's 運用管理者 designates per business.
CREATE TABLE delivery_officers (
  id          INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
  business_id INTEGER NOT NULL REFERENCES businesses (id),
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  created_at  BIGINT NOT NULL,
  created_by  TEXT NOT NULL
);
CREATE INDEX delivery_officers_office ON delivery_officers (org_unit_id, business_id, staff_id);

-- R17-5: designated terminals, shared folders (one business each, with
-- the officers allowed in), registered e-mail addresses and fax numbers,
-- each with the date of its test transmission (NULL: not tested yet).
CREATE TABLE delivery_channels (
  id          INTEGER PRIMARY KEY,
  org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
  kind        TEXT NOT NULL CHECK (kind IN ('terminal', 'folder', 'email', 'fax')),
  business_id INTEGER REFERENCES businesses (id),
  name        TEXT NOT NULL,
  address     TEXT NOT NULL DEFAULT '',
  tested_on   TEXT,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  created_at  BIGINT NOT NULL,
  created_by  TEXT NOT NULL,
  CHECK (kind <> 'folder' OR business_id IS NOT NULL)
);
CREATE INDEX delivery_channels_office ON delivery_channels (org_unit_id, kind, id);

-- R17-5(1)イ: who may open a shared folder.
CREATE TABLE delivery_folder_officers (
  channel_id INTEGER NOT NULL REFERENCES delivery_channels (id),
  staff_id   INTEGER NOT NULL REFERENCES staff (id),
  PRIMARY KEY (channel_id, staff_id)
);

-- One transfer (交付) of a personal-data output material, recorded with its
-- hand_over event; R17-8: purpose, handler, summary and quantity. The
-- receiving office's 受入 fills received_*, once (the unique key).
CREATE TABLE transfers (
  id                   INTEGER PRIMARY KEY,
  material_id          INTEGER NOT NULL REFERENCES materials (id),
  event_id             INTEGER NOT NULL REFERENCES material_events (id),
  from_office_id       INTEGER NOT NULL REFERENCES org_units (id),
  to_office_id         INTEGER REFERENCES org_units (id),
  recipient            TEXT NOT NULL DEFAULT '',
  business_id          INTEGER NOT NULL REFERENCES businesses (id),
  method               TEXT NOT NULL CHECK (method IN ('courier', 'carried', 'file_server',
                                                       'email', 'fax', 'registered_mail',
                                                       'contractor')),
  sent_on              TEXT NOT NULL,
  quantity             INTEGER NOT NULL CHECK (quantity > 0),
  officer_staff_id     INTEGER NOT NULL REFERENCES staff (id),
  name                 TEXT NOT NULL,
  purpose              TEXT NOT NULL,
  summary              TEXT NOT NULL DEFAULT '',
  creation_reason      TEXT,
  personal_data        INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),
  designated_by        INTEGER REFERENCES staff (id),
  channel_id           INTEGER REFERENCES delivery_channels (id),
  terminal_id          INTEGER REFERENCES delivery_channels (id),
  -- R17-4(4): 書留郵便 and 委託業者 only with the 総括責任者's special approval.
  approved_by          INTEGER REFERENCES staff (id),
  -- R17-5(3): fax only for inquiry records or urgent serious-crime material.
  fax_reason           TEXT CHECK (fax_reason IN ('inquiry_record', 'urgent_serious_crime')),
  fax_reason_text      TEXT NOT NULL DEFAULT '',
  file_sha256          TEXT,
  deletion_required    INTEGER NOT NULL DEFAULT 0 CHECK (deletion_required IN (0, 1)),
  deleted_on           TEXT,
  deleted_by           INTEGER REFERENCES staff (id),
  confirmed_on         TEXT,
  confirmed_by         INTEGER REFERENCES staff (id),
  received_material_id INTEGER UNIQUE REFERENCES materials (id),
  received_on          TEXT,
  note                 TEXT NOT NULL DEFAULT '',
  created_at           BIGINT NOT NULL,
  created_by           TEXT NOT NULL,
  CHECK (method NOT IN ('registered_mail', 'contractor') OR approved_by IS NOT NULL),
  CHECK (method <> 'fax' OR fax_reason IS NOT NULL),
  CHECK (method NOT IN ('file_server', 'email', 'fax') OR channel_id IS NOT NULL)
);
CREATE INDEX transfers_from ON transfers (from_office_id, sent_on, id);
CREATE INDEX transfers_to ON transfers (to_office_id, sent_on, id);
CREATE INDEX transfers_material ON transfers (material_id);
