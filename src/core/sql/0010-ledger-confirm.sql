-- 0010: the 情報管理者確認 of a step given after the step was recorded
-- (jhk_ledger_confirm_event). The dashboard counts the steps of an office
-- still waiting for it: few among millions, found through this index.
CREATE INDEX material_events_unconfirmed ON material_events (confirmed_by, material_id);
