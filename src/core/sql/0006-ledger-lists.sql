-- 0006: indexes for the 入出力資料台帳 page's list (issue 4, UI and
-- Benchmark). The list model reads every id of its result in order, so an
-- office's 50 000 materials must come out of an index already ordered,
-- under each filter and each sort: (office, filter column, date, id) for
-- the equality filters with the default newest-first order, and (office,
-- sort column, ..., id) for each sort. The status filter and the date
-- order use 0005's materials_office and materials_office_date.
CREATE INDEX materials_office_direction ON materials (org_unit_id, direction, acquired_on, id);
CREATE INDEX materials_office_business ON materials (org_unit_id, business_id, acquired_on, id);
CREATE INDEX materials_office_personal ON materials (org_unit_id, personal_data, acquired_on, id);
CREATE INDEX materials_office_designated ON materials (org_unit_id, designated, acquired_on, id);
CREATE INDEX materials_office_name ON materials (org_unit_id, name, id);
