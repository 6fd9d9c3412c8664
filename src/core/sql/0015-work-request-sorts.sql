-- 0015: the 作業依頼 page's list sorted in SQL at a million requests
-- (jhk_work_requests_list_model_sort): by 完成希望日時 and by 状態 in the
-- order of the flow, each read from an index forwards or backwards, the
-- id breaking ties. The flow's expression is the one the model orders by
-- (STATUS_FLOW_ORDER in jhk-work-requests.c), written alike so that both
-- SQLite and PostgreSQL match it.
CREATE INDEX work_requests_wanted ON work_requests (wanted_at, id);
CREATE INDEX work_requests_flow ON work_requests
  ((CASE status WHEN 'draft' THEN 0 WHEN 'consent_pending' THEN 1
    WHEN 'submitted' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'returned' THEN 4
    WHEN 'completed' THEN 5 ELSE 6 END), id);
