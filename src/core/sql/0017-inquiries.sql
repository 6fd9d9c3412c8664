-- 0017: 照会点検 (第14) and access trails (第13-3, 13-4).

-- R14-1: the register of 照会者 and the 照会種別 each may make. Rows are
-- ended, never deleted.
CREATE TABLE inquirer_scopes (
  id           INTEGER PRIMARY KEY,
  staff_id     INTEGER NOT NULL REFERENCES staff (id),
  kind         TEXT NOT NULL,
  valid_from   TEXT NOT NULL,
  valid_to     TEXT,
  granted_by   TEXT NOT NULL,
  granted_at   BIGINT NOT NULL,
  ended_by     TEXT,
  ended_at     BIGINT
);
CREATE INDEX inquirer_scopes_staff ON inquirer_scopes (staff_id, kind);

-- Days off besides Saturdays and Sundays (screening, R14-9).
CREATE TABLE holidays (
  day  TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

-- One row per import of a file.
CREATE TABLE inquiry_imports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('inquiries', 'trails')),
  file_name   TEXT NOT NULL,
  encoding    TEXT NOT NULL,
  n_read      INTEGER NOT NULL,
  n_imported  INTEGER NOT NULL,
  n_present   INTEGER NOT NULL,
  n_flagged   INTEGER NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at BIGINT NOT NULL
);

-- R14-5: 個人情報照会記録, and their check (R14-6).
CREATE TABLE inquiry_records (
  id                 INTEGER PRIMARY KEY,
  source_no          TEXT NOT NULL UNIQUE,
  at                 BIGINT NOT NULL,
  period             TEXT NOT NULL,
  office_code        TEXT NOT NULL,
  office_id          INTEGER REFERENCES org_units (id),
  staff_no           TEXT NOT NULL,
  staff_id           INTEGER REFERENCES staff (id),
  section_id         INTEGER REFERENCES org_units (id),
  inquirer_name      TEXT NOT NULL,
  kind               TEXT NOT NULL,
  reason             TEXT NOT NULL DEFAULT '',
  case_no            TEXT NOT NULL DEFAULT '',
  content            TEXT NOT NULL,
  subject            TEXT NOT NULL,
  terminal           TEXT NOT NULL,
  import_id          INTEGER NOT NULL REFERENCES inquiry_imports (id),
  imported_at        BIGINT NOT NULL,
  flags              INTEGER NOT NULL DEFAULT 0,
  flag_data          TEXT NOT NULL DEFAULT '',
  confirm_state      TEXT NOT NULL DEFAULT 'pending'
                       CHECK (confirm_state IN ('pending', 'confirmed', 'disputed')),
  confirmed_by       INTEGER REFERENCES staff (id),
  confirmed_at       BIGINT,
  confirm_comment    TEXT NOT NULL DEFAULT '',
  check_state        TEXT NOT NULL DEFAULT 'pending'
                       CHECK (check_state IN ('pending', 'proper', 'query')),
  checked_by         INTEGER REFERENCES staff (id),
  checked_at         BIGINT,
  check_comment      TEXT NOT NULL DEFAULT '',
  resolution         TEXT NOT NULL DEFAULT ''
                       CHECK (resolution IN ('', 'proper', 'improper')),
  resolved_by        INTEGER REFERENCES staff (id),
  resolved_at        BIGINT,
  resolution_comment TEXT NOT NULL DEFAULT '',
  done               INTEGER NOT NULL DEFAULT 0
);
-- An office's month: the lists by time read their ids from it alone, the
-- summary groups its rows, the sign-off counts the open ones
-- (jhk-inquiries.c).
CREATE INDEX inquiry_records_office ON inquiry_records (office_id, period, done, at);
CREATE INDEX inquiry_records_staff ON inquiry_records (staff_id, at);
CREATE INDEX inquiry_records_section ON inquiry_records (section_id, done, at);
CREATE INDEX inquiry_records_at ON inquiry_records (at);

-- R14-6: the 運用管理者 signs an office's month off.
CREATE TABLE inquiry_periods (
  id            INTEGER PRIMARY KEY,
  office_id     INTEGER NOT NULL REFERENCES org_units (id),
  period        TEXT NOT NULL,
  signed_off_by INTEGER NOT NULL REFERENCES staff (id),
  signed_off_at BIGINT NOT NULL,
  comment       TEXT NOT NULL DEFAULT '',
  UNIQUE (office_id, period)
);

-- R13-3: access trails, kept five years per 所属. row_key is a digest of
-- the row's values, so that importing the same rows again adds nothing.
CREATE TABLE access_trails (
  id          INTEGER PRIMARY KEY,
  at          BIGINT NOT NULL,
  office_code TEXT NOT NULL,
  office_id   INTEGER REFERENCES org_units (id),
  staff_no    TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff (id),
  staff_name  TEXT NOT NULL,
  terminal    TEXT NOT NULL,
  business    TEXT NOT NULL,
  business_id INTEGER REFERENCES businesses (id),
  operation   TEXT NOT NULL,
  row_key     TEXT NOT NULL UNIQUE,
  import_id   INTEGER NOT NULL REFERENCES inquiry_imports (id),
  flags       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX access_trails_at ON access_trails (at);
CREATE INDEX access_trails_office ON access_trails (office_id, at);
CREATE INDEX access_trails_staff ON access_trails (staff_no, at);
CREATE INDEX access_trails_business ON access_trails (business_id, at);

-- R13-4: 対象業務管理者等 and 主管業務管理者 ask the システム管理者 for an
-- output of trails.
CREATE TABLE trail_requests (
  id           INTEGER PRIMARY KEY,
  requested_by INTEGER NOT NULL REFERENCES staff (id),
  business_id  INTEGER NOT NULL REFERENCES businesses (id),
  reason       TEXT NOT NULL,
  staff_no     TEXT NOT NULL DEFAULT '',
  office_code  TEXT NOT NULL DEFAULT '',
  terminal     TEXT NOT NULL DEFAULT '',
  date_from    TEXT NOT NULL,
  date_to      TEXT NOT NULL,
  text         TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'requested'
                 CHECK (status IN ('requested', 'produced', 'declined')),
  requested_at BIGINT NOT NULL,
  handled_by   INTEGER REFERENCES staff (id),
  handled_at   BIGINT,
  n_rows       INTEGER,
  sha256       TEXT,
  comment      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX trail_requests_requester ON trail_requests (requested_by, id);
