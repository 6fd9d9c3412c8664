-- 0020: the library of 対処要領 shipped with Jhk (R19-1), see
-- jhk-playbooks.h; written by the playbooks engineer.
SELECT 1;
