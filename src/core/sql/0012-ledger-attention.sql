-- 0012: the dashboard's "lent out for long" (jhk-attention.c) counts an
-- office's lent materials by the date of their last entry from this
-- index, instead of every office's lent materials from
-- materials_retention.
CREATE INDEX materials_office_lent ON materials (org_unit_id, status, last_entry_on);
