-- R6-2 (第6 ただし書き): where the usual 所属 structure does not suit a business,
-- its manager may designate another one after consulting the システム管理者.
-- The record keeps who designated it, which システム管理者 agreed and when; it is
-- ended, never deleted.
CREATE TABLE alt_structures (
  id              INTEGER PRIMARY KEY,
  business_id     INTEGER NOT NULL REFERENCES businesses (id),
  org_unit_id     INTEGER REFERENCES org_units (id),
  structure       TEXT NOT NULL,
  reason          TEXT NOT NULL,
  agreed_by       INTEGER NOT NULL REFERENCES staff (id),
  agreed_on       TEXT NOT NULL,
  valid_from      TEXT NOT NULL,
  designated_by   TEXT NOT NULL,
  designated_at   BIGINT NOT NULL,
  ended_by        TEXT,
  ended_at        BIGINT
);
CREATE INDEX alt_structures_business ON alt_structures (business_id);
