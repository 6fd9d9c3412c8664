-- 0007: approvals of the 総括責任者 (R15-2, R16-2) and the sign-offs of
-- 様式第1号 (作成時確認欄, 最終処理確認欄). Portable SQL as 0001.
-- Nothing is deleted: a request ends approved, declined or withdrawn, an
-- approval is used once, a box once signed stays signed.

-- R15-2: viewing or handing a material to staff outside its business
-- ('view', naming the person in for_name); R16-2: handing over or copying
-- personal-data input material ('hand_over', 'copy'). org_unit_id is the
-- material's office (for lists and, on a server, row-level security).
CREATE TABLE material_approvals (
  id               INTEGER PRIMARY KEY,
  material_id      INTEGER NOT NULL REFERENCES materials (id),
  org_unit_id      INTEGER NOT NULL REFERENCES org_units (id),
  kind             TEXT NOT NULL CHECK (kind IN ('view', 'hand_over', 'copy')),
  reason           TEXT NOT NULL,
  for_name         TEXT NOT NULL DEFAULT '',
  requested_by     INTEGER NOT NULL REFERENCES staff (id),
  requested_at     BIGINT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'declined', 'withdrawn')),
  decided_by       INTEGER REFERENCES staff (id),
  decided_at       BIGINT,
  comment          TEXT NOT NULL DEFAULT '',
  used_by_event_id INTEGER REFERENCES material_events (id),
  created_by       TEXT NOT NULL,
  CHECK (kind <> 'view' OR for_name <> ''),
  CHECK ((status IN ('pending', 'withdrawn')) = (decided_by IS NULL)),
  CHECK (used_by_event_id IS NULL OR status = 'approved')
);
CREATE INDEX material_approvals_material ON material_approvals (material_id);
CREATE INDEX material_approvals_office ON material_approvals (org_unit_id, status);
CREATE INDEX material_approvals_status ON material_approvals (status);

-- The boxes of 作成時確認欄 ('created') and 最終処理確認欄 ('final'): one
-- per role, signed by a holder of that role for the material's office.
CREATE TABLE material_signoffs (
  id          INTEGER PRIMARY KEY,
  material_id INTEGER NOT NULL REFERENCES materials (id),
  stage       TEXT NOT NULL CHECK (stage IN ('created', 'final')),
  role        TEXT NOT NULL
              CHECK (role IN ('ops_manager', 'info_lead', 'info_manager', 'info_assistant')),
  staff_id    INTEGER NOT NULL REFERENCES staff (id),
  signed_at   BIGINT NOT NULL,
  signed_by   TEXT NOT NULL,
  UNIQUE (material_id, stage, role)
);

-- The note of 様式第1号: the one who made the final disposition collects
-- the confirmations up to the 運用管理者; the request shows on the
-- signers' dashboards until the four boxes are signed.
CREATE TABLE material_signoff_requests (
  material_id  INTEGER PRIMARY KEY REFERENCES materials (id),
  org_unit_id  INTEGER NOT NULL REFERENCES org_units (id),
  requested_by INTEGER NOT NULL REFERENCES staff (id),
  requested_at BIGINT NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX material_signoff_requests_office ON material_signoff_requests (org_unit_id);
