-- 0019: 事故発生時の措置 (第19, R19-1..5): playbooks (対処要領) with their
-- versions and shared steps, incidents with their checklist, recovery
-- request, seriousness and report, attachments and timeline.
-- Portable SQL as 0001: instants BIGINT µs, booleans INTEGER 0/1.
-- Nothing is deleted: a playbook is retired, a version never changes,
-- an incident is closed. The state machines are kept by the services
-- (jhk-playbooks.c, jhk-incidents.c); the checks below hold what is cheap
-- to hold in every row.

-- Shared steps (共通手順), editable; playbook versions copy their text.
CREATE TABLE shared_steps (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  text               TEXT NOT NULL CHECK (text <> ''),
  role               TEXT NOT NULL DEFAULT '',
  minutes            INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  needs_confirmation INTEGER NOT NULL DEFAULT 0 CHECK (needs_confirmation IN (0, 1)),
  evidence           TEXT NOT NULL DEFAULT '',
  updated_at         BIGINT NOT NULL
);

CREATE TABLE playbooks (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  current_version_id INTEGER,            -- playbook_versions.id, set by the save
  builtin            INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  retired            INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL
);

CREATE TABLE playbook_versions (
  id                   INTEGER PRIMARY KEY,
  playbook_id          INTEGER NOT NULL REFERENCES playbooks (id),
  version              INTEGER NOT NULL CHECK (version >= 1),
  title                TEXT NOT NULL CHECK (title <> ''),
  systems              TEXT NOT NULL DEFAULT '',
  trigger_text         TEXT NOT NULL DEFAULT '',
  serious_damage       INTEGER NOT NULL DEFAULT 0 CHECK (serious_damage IN (0, 1)),
  serious_stop_minutes INTEGER NOT NULL DEFAULT 0 CHECK (serious_stop_minutes >= 0),
  serious_leak         INTEGER NOT NULL DEFAULT 0 CHECK (serious_leak IN (0, 1)),
  serious_other        TEXT NOT NULL DEFAULT '',
  report_hours         INTEGER NOT NULL DEFAULT 0 CHECK (report_hours >= 0),
  change_note          TEXT NOT NULL DEFAULT '',
  created_by           INTEGER REFERENCES staff (id),   -- NULL: seeded with Jhk
  created_at           BIGINT NOT NULL,
  UNIQUE (playbook_id, version)
);

CREATE TABLE playbook_version_businesses (
  version_id         INTEGER NOT NULL REFERENCES playbook_versions (id),
  business_id        INTEGER NOT NULL REFERENCES businesses (id),
  PRIMARY KEY (version_id, business_id)
);

CREATE TABLE playbook_steps (
  id                 INTEGER PRIMARY KEY,
  version_id         INTEGER NOT NULL REFERENCES playbook_versions (id),
  position           INTEGER NOT NULL CHECK (position >= 1),
  text               TEXT NOT NULL CHECK (text <> ''),
  role               TEXT NOT NULL DEFAULT '',
  minutes            INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  needs_confirmation INTEGER NOT NULL DEFAULT 0 CHECK (needs_confirmation IN (0, 1)),
  evidence           TEXT NOT NULL DEFAULT '',
  shared_step_id     INTEGER REFERENCES shared_steps (id),
  UNIQUE (version_id, position)
);
CREATE INDEX playbook_steps_shared ON playbook_steps (shared_step_id);

CREATE TABLE playbook_contacts (
  id                 INTEGER PRIMARY KEY,
  version_id         INTEGER NOT NULL REFERENCES playbook_versions (id),
  position           INTEGER NOT NULL CHECK (position >= 1),
  role               TEXT NOT NULL CHECK (role <> ''),
  name               TEXT NOT NULL DEFAULT '',
  extension          TEXT NOT NULL DEFAULT '',
  UNIQUE (version_id, position)
);

CREATE TABLE incidents (
  id                    INTEGER PRIMARY KEY,
  org_unit_id           INTEGER NOT NULL REFERENCES org_units (id),
  status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  title                 TEXT NOT NULL CHECK (title <> ''),
  description           TEXT NOT NULL DEFAULT '',
  occurred_at           BIGINT NOT NULL,
  discovered_at         BIGINT NOT NULL,
  systems               TEXT NOT NULL DEFAULT '',
  terminals             TEXT NOT NULL DEFAULT '',
  damage                INTEGER NOT NULL DEFAULT 0 CHECK (damage IN (0, 1)),
  stop_minutes          INTEGER NOT NULL DEFAULT 0 CHECK (stop_minutes >= 0),
  leak                  INTEGER NOT NULL DEFAULT 0 CHECK (leak IN (0, 1)),
  playbook_version_id   INTEGER NOT NULL REFERENCES playbook_versions (id),
  -- Recovery (R19-3, R19-4)
  recovery_state        TEXT NOT NULL DEFAULT ''
                        CHECK (recovery_state IN ('', 'requested', 'investigating', 'finished')),
  recovery_to           TEXT NOT NULL DEFAULT '' CHECK (recovery_to IN ('', 'sysadmin', 'business')),
  recovery_business_id  INTEGER REFERENCES businesses (id),
  recovery_request      TEXT NOT NULL DEFAULT '',
  recovery_requested_by INTEGER REFERENCES staff (id),
  recovery_requested_at BIGINT,
  investigation         TEXT NOT NULL DEFAULT '',
  investigated_by       INTEGER REFERENCES staff (id),
  investigated_at       BIGINT,
  dispatched_staff      TEXT NOT NULL DEFAULT '',
  dispatched_at         BIGINT,
  recovery_result       TEXT NOT NULL DEFAULT '',
  recovery_finished_at  BIGINT,
  -- Seriousness and the report (R19-5)
  serious               INTEGER NOT NULL DEFAULT 0 CHECK (serious IN (0, 1)),
  serious_reason        TEXT NOT NULL DEFAULT '',
  serious_by            INTEGER REFERENCES staff (id),
  serious_at            BIGINT,
  report_state          TEXT NOT NULL DEFAULT ''
                        CHECK (report_state IN ('', 'draft', 'reported', 'acknowledged')),
  report_summary        TEXT NOT NULL DEFAULT '',
  report_leaked_items   TEXT NOT NULL DEFAULT '',
  report_persons        INTEGER NOT NULL DEFAULT -1 CHECK (report_persons >= -1),
  report_cause          TEXT NOT NULL DEFAULT '',
  report_secondary_risk TEXT NOT NULL DEFAULT '',
  report_response       TEXT NOT NULL DEFAULT '',
  report_publication    TEXT NOT NULL DEFAULT '',
  report_prevention     TEXT NOT NULL DEFAULT '',
  report_due_at         BIGINT,
  reported_by           INTEGER REFERENCES staff (id),
  reported_at           BIGINT,
  supervisor_ack_by     INTEGER REFERENCES staff (id),
  supervisor_ack_at     BIGINT,
  dept_head_ack_by      INTEGER REFERENCES staff (id),
  dept_head_ack_at      BIGINT,
  prevention            TEXT NOT NULL DEFAULT '',
  opened_by             INTEGER NOT NULL REFERENCES staff (id),
  opened_login          TEXT NOT NULL,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  closed_by             INTEGER REFERENCES staff (id),
  closed_at             BIGINT,
  CHECK (occurred_at <= discovered_at),
  CHECK ((recovery_state = '') = (recovery_to = '')),
  CHECK (recovery_state = '' OR recovery_requested_at IS NOT NULL),
  CHECK (recovery_to <> 'business' OR recovery_business_id IS NOT NULL),
  CHECK (serious = 1 OR report_state = ''),
  CHECK (serious = 0 OR (report_state <> '' AND report_due_at IS NOT NULL)),
  CHECK (report_state NOT IN ('reported', 'acknowledged') OR reported_at IS NOT NULL),
  CHECK (report_state <> 'acknowledged'
         OR (supervisor_ack_at IS NOT NULL AND dept_head_ack_at IS NOT NULL)),
  CHECK (status <> 'closed'
         OR (closed_at IS NOT NULL AND prevention <> ''
             AND recovery_state IN ('', 'finished')
             AND (serious = 0 OR report_state IN ('reported', 'acknowledged'))))
);
-- An office's incidents newest first (the list), and its open ones.
CREATE INDEX incidents_office ON incidents (org_unit_id, discovered_at, id);
CREATE INDEX incidents_office_status ON incidents (org_unit_id, status, discovered_at);
CREATE INDEX incidents_discovered ON incidents (discovered_at, id);
-- All open incidents newest first (the OPEN list, the dashboard's count),
-- and the recovery requests (the RECOVERY list, the dashboard).
CREATE INDEX incidents_open ON incidents (status, discovered_at);
CREATE INDEX incidents_recovery ON incidents (recovery_state, recovery_to);
-- The reports to make and acknowledge (the REPORTS list, the dashboard),
-- and the serious ones of all or of an office (the list's switch).
CREATE INDEX incidents_report ON incidents (report_state, serious);
CREATE INDEX incidents_serious ON incidents (serious, org_unit_id, discovered_at);

CREATE TABLE incident_businesses (
  incident_id        INTEGER NOT NULL REFERENCES incidents (id),
  business_id        INTEGER NOT NULL REFERENCES businesses (id),
  PRIMARY KEY (incident_id, business_id)
);
CREATE INDEX incident_businesses_business ON incident_businesses (business_id);

CREATE TABLE incident_materials (
  incident_id        INTEGER NOT NULL REFERENCES incidents (id),
  material_id        INTEGER NOT NULL REFERENCES materials (id),
  PRIMARY KEY (incident_id, material_id)
);
CREATE INDEX incident_materials_material ON incident_materials (material_id);

-- The checklist: the playbook version's steps, copied at opening.
CREATE TABLE incident_steps (
  id                 INTEGER PRIMARY KEY,
  incident_id        INTEGER NOT NULL REFERENCES incidents (id),
  position           INTEGER NOT NULL CHECK (position >= 1),
  text               TEXT NOT NULL,
  role               TEXT NOT NULL DEFAULT '',
  minutes            INTEGER NOT NULL DEFAULT 0,
  needs_confirmation INTEGER NOT NULL DEFAULT 0 CHECK (needs_confirmation IN (0, 1)),
  evidence           TEXT NOT NULL DEFAULT '',
  state              TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'done', 'skipped')),
  reason             TEXT NOT NULL DEFAULT '',
  note               TEXT NOT NULL DEFAULT '',
  done_by            INTEGER REFERENCES staff (id),
  done_at            BIGINT,
  confirmed_by       INTEGER REFERENCES staff (id),
  confirmed_at       BIGINT,
  UNIQUE (incident_id, position),
  CHECK ((state = 'pending') = (done_at IS NULL)),
  CHECK (state <> 'skipped' OR reason <> ''),
  CHECK (confirmed_at IS NULL OR (state = 'done' AND needs_confirmation = 1
                                  AND confirmed_by IS DISTINCT FROM done_by))
);
-- The steps waiting, for the dashboards.
CREATE INDEX incident_steps_waiting ON incident_steps (state, role, incident_id);
-- The steps waiting for their confirmation (jhk_incidents_steps_waiting_sql):
-- few, where incident_steps_waiting's "done" would read every closed
-- incident's steps.
CREATE INDEX incident_steps_unconfirmed ON incident_steps (state, incident_id)
  WHERE state = 'done' AND needs_confirmation = 1 AND confirmed_at IS NULL;

-- Attachments, base64 in text on both backends (at most 5 MiB each).
CREATE TABLE incident_attachments (
  id                 INTEGER PRIMARY KEY,
  incident_id        INTEGER NOT NULL REFERENCES incidents (id),
  step_id            INTEGER REFERENCES incident_steps (id),
  filename           TEXT NOT NULL CHECK (filename <> ''),
  mime_type          TEXT NOT NULL DEFAULT 'application/octet-stream',
  size               BIGINT NOT NULL CHECK (size >= 0),
  sha256             TEXT NOT NULL,
  data               TEXT NOT NULL,
  added_by           INTEGER NOT NULL REFERENCES staff (id),
  added_at           BIGINT NOT NULL
);
CREATE INDEX incident_attachments_incident ON incident_attachments (incident_id, id);

-- The timeline: one event per write, in the same transaction.
CREATE TABLE incident_events (
  id                 INTEGER PRIMARY KEY,
  incident_id        INTEGER NOT NULL REFERENCES incidents (id),
  at                 BIGINT NOT NULL,
  staff_id           INTEGER REFERENCES staff (id),
  actor_name         TEXT NOT NULL DEFAULT '',
  kind               TEXT NOT NULL,
  text               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, at, id);
