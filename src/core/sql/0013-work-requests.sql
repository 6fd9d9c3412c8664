-- 0013: 作業依頼書, requests for input and output work (R15-4, RF2,
-- 別記様式第2号). Portable SQL as 0001: instants BIGINT µs; the form's
-- times (完成希望日時, 受付, 処理...) local "YYYY-MM-DD HH:MM" texts, ''
-- until given. Nothing is deleted but a draft's rows, which a draft save
-- replaces: a request ends completed or withdrawn.
--
-- The state machine is kept by the services (jhk-work-requests.c); the
-- checks below hold what is cheap to hold in every row.

CREATE TABLE work_requests (
  id                         INTEGER PRIMARY KEY,
  org_unit_id                INTEGER NOT NULL REFERENCES org_units (id),
  status                     TEXT NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'consent_pending', 'submitted',
                                               'in_progress', 'completed', 'returned',
                                               'withdrawn')),
  recipient                  TEXT NOT NULL DEFAULT ''
                             CHECK (recipient IN ('', 'sysadmin', 'business')),
  business_id                INTEGER REFERENCES businesses (id),
  to_title                   TEXT NOT NULL DEFAULT '',
  from_title                 TEXT NOT NULL DEFAULT '',
  -- 依頼所属記入
  summary                    TEXT NOT NULL DEFAULT '',
  purpose                    TEXT NOT NULL DEFAULT '',
  wanted_at                  TEXT NOT NULL DEFAULT '',
  manager_title              TEXT NOT NULL DEFAULT '',
  manager_name               TEXT NOT NULL DEFAULT '',
  contact_name               TEXT NOT NULL DEFAULT '',
  contact_phone              TEXT NOT NULL DEFAULT '',
  storage_place_id           INTEGER REFERENCES storage_places (id),
  -- 対象業務管理者 (R15-4)
  consent_by                 INTEGER REFERENCES staff (id),
  consent_title              TEXT NOT NULL DEFAULT '',
  consent_name               TEXT NOT NULL DEFAULT '',
  consent_phone              TEXT NOT NULL DEFAULT '',
  consent_at                 BIGINT,
  -- 受理所属記入
  received_at                TEXT NOT NULL DEFAULT '',
  received_handler           TEXT NOT NULL DEFAULT '',
  received_note              TEXT NOT NULL DEFAULT '',
  processed_at               TEXT NOT NULL DEFAULT '',
  processed_handler          TEXT NOT NULL DEFAULT '',
  processed_note             TEXT NOT NULL DEFAULT '',
  input_returned_at          TEXT NOT NULL DEFAULT '',
  input_returned_handler     TEXT NOT NULL DEFAULT '',
  input_returned_to_office   TEXT NOT NULL DEFAULT '',
  input_returned_to_name     TEXT NOT NULL DEFAULT '',
  output_delivered_at        TEXT NOT NULL DEFAULT '',
  output_delivered_handler   TEXT NOT NULL DEFAULT '',
  output_delivered_to_office TEXT NOT NULL DEFAULT '',
  output_delivered_to_name   TEXT NOT NULL DEFAULT '',
  paper_continuous           INTEGER NOT NULL DEFAULT 0 CHECK (paper_continuous >= 0),
  paper_standard             INTEGER NOT NULL DEFAULT 0 CHECK (paper_standard >= 0),
  paper_a4                   INTEGER NOT NULL DEFAULT 0 CHECK (paper_a4 >= 0),
  paper_other                INTEGER NOT NULL DEFAULT 0 CHECK (paper_other >= 0),
  paper_other_text           TEXT NOT NULL DEFAULT '',
  remarks                    TEXT NOT NULL DEFAULT '',
  return_comment             TEXT NOT NULL DEFAULT '',
  created_by                 INTEGER NOT NULL REFERENCES staff (id),
  created_login              TEXT NOT NULL,
  created_at                 BIGINT NOT NULL,
  updated_at                 BIGINT NOT NULL,
  submitted_at               BIGINT,
  completed_at               BIGINT,
  -- Past the draft, the request names its recipient, business and wanted
  -- time (a draft may be withdrawn unfinished).
  CHECK (status IN ('draft', 'withdrawn')
         OR (recipient <> '' AND business_id IS NOT NULL AND wanted_at <> ''
             AND submitted_at IS NOT NULL)),
  -- R15-4: a request to the システム管理者 reaches them consented.
  CHECK (recipient <> 'sysadmin' OR status NOT IN ('submitted', 'in_progress', 'completed')
         OR consent_by IS NOT NULL),
  CHECK ((consent_by IS NULL) = (consent_at IS NULL)),
  CHECK (status NOT IN ('in_progress', 'completed') OR received_at <> ''),
  CHECK (status <> 'completed' OR (processed_at <> '' AND completed_at IS NOT NULL))
);
-- The office's requests, and the queues of the consenting and receiving side.
CREATE INDEX work_requests_office ON work_requests (org_unit_id, status, id);
CREATE INDEX work_requests_queue ON work_requests (status, recipient, business_id, id);

-- 資料等: the rows of the form, in order.
CREATE TABLE work_request_items (
  id            INTEGER PRIMARY KEY,
  request_id    INTEGER NOT NULL REFERENCES work_requests (id),
  position      INTEGER NOT NULL CHECK (position >= 0),
  kind          TEXT NOT NULL CHECK (kind IN ('input', 'output', 'correction')),
  content       TEXT NOT NULL DEFAULT '',
  quantity      INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  form          TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  personal_data INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),
  material_id   INTEGER REFERENCES materials (id),
  CHECK (personal_data = 0 OR kind = 'output'),
  CHECK (material_id IS NULL OR personal_data = 1),
  UNIQUE (request_id, position)
);

-- R15-1, R17-1: the output material a request's hand-over registered.
ALTER TABLE materials ADD COLUMN work_request_id INTEGER REFERENCES work_requests (id);
CREATE INDEX materials_work_request ON materials (work_request_id);
