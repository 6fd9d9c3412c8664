-- 0019 on PostgreSQL: incidents under the rules of 0004 (see
-- jhk-incidents.h for who sees and writes what).
GRANT SELECT ON shared_steps, playbooks, playbook_versions, playbook_version_businesses,
                playbook_steps, playbook_contacts TO jhk_staff;
GRANT SELECT, INSERT, UPDATE ON incidents, incident_steps TO jhk_staff;
GRANT SELECT, INSERT ON incident_businesses, incident_materials, incident_attachments,
                        incident_events TO jhk_staff;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jhk_staff;
