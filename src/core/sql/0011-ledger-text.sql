-- 0011: the ledger page's text search (資料名 or 資料概要 containing the
-- words) reads an office's names and summaries from this index in date
-- order, instead of visiting each of the office's 50 000 rows in the
-- table: at a million materials, 142 ms became the figure jhkctl bench
-- reports as materials_list_filter_text_ms.
CREATE INDEX materials_office_text ON materials (org_unit_id, acquired_on, id, name, summary);
