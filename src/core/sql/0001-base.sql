-- 0001: organisation, staff, user IDs, roles, businesses, settings, audit.
-- Portable SQL: instants are BIGINT microseconds since the epoch (UTC);
-- calendar dates are TEXT 'YYYY-MM-DD'. Backend specifics live in
-- 0001-base.<backend>.sql.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- R11-1: 所属 and 係 codes are never reused, so codes are unique for ever.
CREATE TABLE org_units (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('department', 'office', 'section')),
  parent_id  INTEGER REFERENCES org_units (id),
  head_title TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX org_units_parent ON org_units (parent_id, code);

CREATE TABLE staff (
  id          INTEGER PRIMARY KEY,
  staff_no    TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kana        TEXT NOT NULL DEFAULT '',
  rank        TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  org_unit_id INTEGER NOT NULL REFERENCES org_units (id),
  extension   TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX staff_org ON staff (org_unit_id, staff_no);
CREATE INDEX staff_kana ON staff (kana, id);

-- R12-1: user IDs are issued by the 総括責任者 (or on their approval) and are
-- never deleted, so a login name can never be issued twice.
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  login               TEXT NOT NULL UNIQUE,
  staff_id            INTEGER NOT NULL REFERENCES staff (id),
  password_hash       TEXT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  must_change         INTEGER NOT NULL DEFAULT 0,
  status              TEXT NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'suspended', 'retired')),
  restriction         TEXT NOT NULL DEFAULT 'none'
                        CHECK (restriction IN ('none', 'no_login', 'read_only')),
  restriction_reason  TEXT NOT NULL DEFAULT '',
  restricted_by       TEXT,
  restricted_at       BIGINT,
  failed_attempts     INTEGER NOT NULL DEFAULT 0,
  locked_until        BIGINT,
  last_login_at       BIGINT,
  issued_at           BIGINT NOT NULL,
  issued_by           TEXT NOT NULL,
  issue_reason        TEXT NOT NULL,
  approved_by         INTEGER REFERENCES staff (id)
);
CREATE INDEX users_staff ON users (staff_id);

CREATE TABLE password_history (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  password_hash TEXT NOT NULL,
  changed_at    BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, changed_at);

-- R8-1, R9-1, R8-2: one register, a kind column.
CREATE TABLE businesses (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('target', 'egov', 'lead')),
  category     INTEGER CHECK (category BETWEEN 1 AND 4),
  basis        INTEGER CHECK (basis BETWEEN 1 AND 2),
  owner_org_id INTEGER NOT NULL REFERENCES org_units (id),
  description  TEXT NOT NULL DEFAULT '',
  approved_at  BIGINT,
  approved_by  TEXT,
  created_at   BIGINT NOT NULL,
  CHECK ((kind = 'target' AND category IS NOT NULL AND basis IS NULL) OR
         (kind = 'egov' AND basis IS NOT NULL AND category IS NULL) OR
         (kind = 'lead' AND category IS NULL AND basis IS NULL))
);
CREATE INDEX businesses_kind ON businesses (kind, code);

-- R5-1: who holds each role, with scope and period; rows are ended, never
-- deleted, so the history stays.
CREATE TABLE role_assignments (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  role        TEXT NOT NULL,
  org_unit_id INTEGER REFERENCES org_units (id),
  business_id INTEGER REFERENCES businesses (id),
  valid_from  TEXT NOT NULL,
  valid_to    TEXT,
  note        TEXT NOT NULL DEFAULT '',
  granted_by  TEXT NOT NULL,
  granted_at  BIGINT NOT NULL,
  ended_by    TEXT,
  ended_at    BIGINT
);
CREATE INDEX role_assignments_staff ON role_assignments (staff_id, role);
CREATE INDEX role_assignments_role ON role_assignments (role, org_unit_id);

-- The audit chain: append-only, hash-chained.
CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          BIGINT NOT NULL,
  actor       TEXT NOT NULL,
  role        TEXT NOT NULL,
  org         TEXT NOT NULL,
  workstation TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  details     TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_org ON audit_log (org, seq);
CREATE INDEX audit_log_at ON audit_log (at);
