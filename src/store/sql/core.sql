-- Store set-up, the audit chain, events and corrections.

-- Patterns the statements below repeat, written out in each:
--
-- Per record table: the row as it is now, and rows that have no audit entry.

-- name: begin_immediate
BEGIN IMMEDIATE;

-- name: begin_read
BEGIN;

-- name: commit
COMMIT;

-- name: rollback
ROLLBACK;

-- name: application_id
PRAGMA application_id;

-- name: user_version
PRAGMA user_version;

-- name: data_version
-- Changes when another connection commits (never for this connection's own commits).
PRAGMA data_version;

-- name: table_count
SELECT count(*) AS tables
FROM sqlite_schema;

-- name: integrity_check
PRAGMA integrity_check;

-- name: foreign_key_check
PRAGMA foreign_key_check;

-- name: schema_objects
-- Every table, index, trigger and view, SQLite's own included, as verify compares
-- them with what the migrations create.
SELECT type, name, tbl_name, sql
FROM sqlite_schema
ORDER BY type, name;

-- name: audit_last
SELECT id, hash, epoch, seal
FROM audit
ORDER BY id DESC
LIMIT 1;

-- name: audit_insert
-- Format 2: the entry records one row; format 3: the row and its first event.
INSERT INTO audit (id, at, staff_id, action, tbl, row_id, hash, format, epoch, seal, bridge,
  event_id)
VALUES (:id, :at, :staff_id, :action, :tbl, :row_id, :hash, :format, :epoch, :seal, :bridge,
  :event_id);

-- name: audit_walk
SELECT id, at, staff_id, action, tbl, row_id, hash, format, epoch, seal, bridge, event_id
FROM audit
ORDER BY id;

-- name: audit_first_of_row
-- The entry a row written before commitments was recorded by (a format 1 entry), and
-- the hash before it.
SELECT a.id, a.at, a.staff_id, a.action, a.hash, a.format, a.epoch, a.seal,
  (SELECT p.hash FROM audit p WHERE p.id = a.id - 1) AS prev_hash
FROM audit a
WHERE a.tbl = :tbl AND a.row_id = :row_id AND a.format = 1
ORDER BY a.id
LIMIT 1;

-- name: audit_forgotten
-- A later entry recording the row as the purge left it.
SELECT 1 AS found
FROM audit
WHERE tbl = :tbl AND row_id = :row_id AND id > :id AND action LIKE '%.forget'
LIMIT 1;

-- name: secure_delete_on
-- What is deleted or overwritten is zeroed in the file, not left in its free space.
PRAGMA secure_delete = ON;

-- name: temp_store_memory
-- SQLite's temporary data (sorts, temporary tables, statement journals) kept in memory.
PRAGMA temp_store = MEMORY;

-- name: temp_store
-- Where the connection keeps its temporary data: 2 is memory.
PRAGMA temp_store;

-- name: wal_truncate
-- The write-ahead log copied into the database and emptied, old page images and all.
PRAGMA wal_checkpoint(TRUNCATE);

-- name: audit_sealing_insert
INSERT INTO audit_sealing (how, epoch, at, staff_id)
VALUES (:how, :epoch, :at, :staff_id);

-- name: event_insert
INSERT INTO event (
  kind, entity_id, event, from_state, to_state, staff_id, approver_id, at, note, data
)
VALUES (
  :kind, :entity_id, :event, :from_state, :to_state, :staff_id, :approver_id, :at, :note, :data
);

-- name: event_history
SELECT id, event, from_state, to_state, note, data, staff_id, approver_id, at
FROM event
WHERE kind = :kind AND entity_id = :entity_id
ORDER BY id;

-- name: state_get
SELECT state
FROM entity_state
WHERE kind = :kind AND entity_id = :entity_id;

-- name: state_insert
INSERT INTO entity_state (kind, entity_id, state, event_id)
VALUES (:kind, :entity_id, :state, :event_id);

-- name: state_set
INSERT INTO entity_state (kind, entity_id, state, event_id)
VALUES (:kind, :entity_id, :state, :event_id)
ON CONFLICT (kind, entity_id) DO
UPDATE
SET state = excluded.state, event_id = excluded.event_id;

-- name: state_drift
-- Derived-state drift: entities whose cached state is not their last event's target.
WITH last AS (
  SELECT kind, entity_id, max(id) AS event_id FROM event GROUP BY kind, entity_id
)
SELECT last.kind, last.entity_id, e.to_state, s.state
FROM last
JOIN event e ON e.id = last.event_id
LEFT JOIN entity_state s ON s.kind = last.kind AND s.entity_id = last.entity_id
WHERE s.state IS NOT e.to_state OR s.event_id IS NOT last.event_id
UNION ALL SELECT s.kind, s.entity_id, NULL, s.state
FROM entity_state s
WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.kind = s.kind AND e.entity_id = s.entity_id);

-- name: correction_insert
INSERT INTO correction (tbl, row_id, field, value, reason, staff_id, at)
VALUES (:tbl, :row_id, :field, :value, :reason, :staff_id, :at);

-- name: correction_list
SELECT id, field, value, reason, staff_id, at
FROM correction
WHERE tbl = :tbl AND row_id = :row_id
ORDER BY id;

-- name: correction_latest
SELECT value
FROM correction
WHERE tbl = :tbl AND row_id = :row_id AND field = :field
ORDER BY id DESC
LIMIT 1;

-- name: row_staff
-- columns: any
SELECT *
FROM staff
WHERE id = :id;

-- name: ids_staff
-- row: record_ids
SELECT id
FROM staff
ORDER BY id;

-- name: row_staff_pin
-- columns: any
SELECT *
FROM staff_pin
WHERE id = :id;

-- name: ids_staff_pin
-- row: record_ids
SELECT id
FROM staff_pin
ORDER BY id;

-- name: row_login_event
-- columns: any
SELECT *
FROM login_event
WHERE id = :id;

-- name: ids_login_event
-- row: record_ids
SELECT id
FROM login_event
ORDER BY id;

-- name: row_desk_mark
-- columns: any
SELECT *
FROM desk_mark
WHERE id = :id;

-- name: ids_desk_mark
-- row: record_ids
SELECT id
FROM desk_mark
ORDER BY id;

-- name: row_login_unknown
-- columns: any
SELECT *
FROM login_unknown
WHERE id = :id;

-- name: ids_login_unknown
-- row: record_ids
SELECT id
FROM login_unknown
ORDER BY id;

-- name: row_building
-- columns: any
SELECT *
FROM building
WHERE id = :id;

-- name: ids_building
-- row: record_ids
SELECT id
FROM building
ORDER BY id;

-- name: row_unit
-- columns: any
SELECT *
FROM unit
WHERE id = :id;

-- name: ids_unit
-- row: record_ids
SELECT id
FROM unit
ORDER BY id;

-- name: row_occupant
-- columns: any
SELECT *
FROM occupant
WHERE id = :id;

-- name: ids_occupant
-- row: record_ids
SELECT id
FROM occupant
ORDER BY id;

-- name: row_department
-- columns: any
SELECT *
FROM department
WHERE id = :id;

-- name: ids_department
-- row: record_ids
SELECT id
FROM department
ORDER BY id;

-- name: row_contact
-- columns: any
SELECT *
FROM contact
WHERE id = :id;

-- name: ids_contact
-- row: record_ids
SELECT id
FROM contact
ORDER BY id;

-- name: row_key_entrustment
-- columns: any
SELECT *
FROM key_entrustment
WHERE id = :id;

-- name: ids_key_entrustment
-- row: record_ids
SELECT id
FROM key_entrustment
ORDER BY id;

-- name: row_visit
-- columns: any
SELECT *
FROM visit
WHERE id = :id;

-- name: ids_visit
-- row: record_ids
SELECT id
FROM visit
ORDER BY id;

-- name: row_visit_slip
-- columns: any
SELECT *
FROM visit_slip
WHERE id = :id;

-- name: ids_visit_slip
-- row: record_ids
SELECT id
FROM visit_slip
ORDER BY id;

-- name: row_visitor_ban
-- columns: any
SELECT *
FROM visitor_ban
WHERE id = :id;

-- name: ids_visitor_ban
-- row: record_ids
SELECT id
FROM visitor_ban
ORDER BY id;

-- name: row_visit_purge
-- columns: any
SELECT *
FROM visit_purge
WHERE id = :id;

-- name: ids_visit_purge
-- row: record_ids
SELECT id
FROM visit_purge
ORDER BY id;

-- name: row_key_item
-- columns: any
SELECT *
FROM key_item
WHERE id = :id;

-- name: ids_key_item
-- row: record_ids
SELECT id
FROM key_item
ORDER BY id;

-- name: row_key_custody
-- columns: any
SELECT *
FROM key_custody
WHERE id = :id;

-- name: ids_key_custody
-- row: record_ids
SELECT id
FROM key_custody
ORDER BY id;

-- name: row_key_loan
-- columns: any
SELECT *
FROM key_loan
WHERE id = :id;

-- name: ids_key_loan
-- row: record_ids
SELECT id
FROM key_loan
ORDER BY id;

-- name: row_key_loan_item
-- columns: any
SELECT *
FROM key_loan_item
WHERE id = :id;

-- name: ids_key_loan_item
-- row: record_ids
SELECT id
FROM key_loan_item
ORDER BY id;

-- name: row_key_loan_out
-- columns: any
SELECT *
FROM key_loan_out
WHERE id = :id;

-- name: ids_key_loan_out
-- row: record_ids
SELECT id
FROM key_loan_out
ORDER BY id;

-- name: row_key_loan_return
-- columns: any
SELECT *
FROM key_loan_return
WHERE id = :id;

-- name: ids_key_loan_return
-- row: record_ids
SELECT id
FROM key_loan_return
ORDER BY id;

-- name: row_key_notice
-- columns: any
SELECT *
FROM key_notice
WHERE id = :id;

-- name: ids_key_notice
-- row: record_ids
SELECT id
FROM key_notice
ORDER BY id;

-- name: row_key_incident
-- columns: any
SELECT *
FROM key_incident
WHERE id = :id;

-- name: ids_key_incident
-- row: record_ids
SELECT id
FROM key_incident
ORDER BY id;

-- name: row_key_lock_change
-- columns: any
SELECT *
FROM key_lock_change
WHERE id = :id;

-- name: ids_key_lock_change
-- row: record_ids
SELECT id
FROM key_lock_change
ORDER BY id;

-- name: row_mail_item
-- columns: any
SELECT *
FROM mail_item
WHERE id = :id;

-- name: ids_mail_item
-- row: record_ids
SELECT id
FROM mail_item
ORDER BY id;

-- name: row_mail_shelving
-- columns: any
SELECT *
FROM mail_shelving
WHERE id = :id;

-- name: ids_mail_shelving
-- row: record_ids
SELECT id
FROM mail_shelving
ORDER BY id;

-- name: row_mail_handout
-- columns: any
SELECT *
FROM mail_handout
WHERE id = :id;

-- name: ids_mail_handout
-- row: record_ids
SELECT id
FROM mail_handout
ORDER BY id;

-- name: row_mail_handout_item
-- columns: any
SELECT *
FROM mail_handout_item
WHERE id = :id;

-- name: ids_mail_handout_item
-- row: record_ids
SELECT id
FROM mail_handout_item
ORDER BY id;

-- name: row_mail_return
-- columns: any
SELECT *
FROM mail_return
WHERE id = :id;

-- name: ids_mail_return
-- row: record_ids
SELECT id
FROM mail_return
ORDER BY id;

-- name: row_mail_paper
-- columns: any
SELECT *
FROM mail_paper
WHERE id = :id;

-- name: ids_mail_paper
-- row: record_ids
SELECT id
FROM mail_paper
ORDER BY id;

-- name: row_event
-- columns: any
SELECT *
FROM event
WHERE id = :id;

-- name: ids_event
-- row: record_ids
SELECT id
FROM event
ORDER BY id;

-- name: row_correction
-- columns: any
SELECT *
FROM correction
WHERE id = :id;

-- name: ids_correction
-- row: record_ids
SELECT id
FROM correction
ORDER BY id;

-- name: row_complaint
-- columns: any
SELECT *
FROM complaint
WHERE id = :id;

-- name: ids_complaint
-- row: record_ids
SELECT id
FROM complaint
ORDER BY id;

-- name: row_complaint_deadline
-- columns: any
SELECT *
FROM complaint_deadline
WHERE id = :id;

-- name: ids_complaint_deadline
-- row: record_ids
SELECT id
FROM complaint_deadline
ORDER BY id;

-- name: row_complaint_assignment
-- columns: any
SELECT *
FROM complaint_assignment
WHERE id = :id;

-- name: ids_complaint_assignment
-- row: record_ids
SELECT id
FROM complaint_assignment
ORDER BY id;

-- name: row_complaint_rectification
-- columns: any
SELECT *
FROM complaint_rectification
WHERE id = :id;

-- name: ids_complaint_rectification
-- row: record_ids
SELECT id
FROM complaint_rectification
ORDER BY id;

-- name: row_complaint_visit
-- columns: any
SELECT *
FROM complaint_visit
WHERE id = :id;

-- name: ids_complaint_visit
-- row: record_ids
SELECT id
FROM complaint_visit
ORDER BY id;

-- name: row_shift
-- columns: any
SELECT *
FROM shift
WHERE id = :id;

-- name: ids_shift
-- row: record_ids
SELECT id
FROM shift
ORDER BY id;

-- name: row_shift_entry
-- columns: any
SELECT *
FROM shift_entry
WHERE id = :id;

-- name: ids_shift_entry
-- row: record_ids
SELECT id
FROM shift_entry
ORDER BY id;

-- name: row_shift_progress
-- columns: any
SELECT *
FROM shift_progress
WHERE id = :id;

-- name: ids_shift_progress
-- row: record_ids
SELECT id
FROM shift_progress
ORDER BY id;

-- name: row_shift_handover
-- columns: any
SELECT *
FROM shift_handover
WHERE id = :id;

-- name: ids_shift_handover
-- row: record_ids
SELECT id
FROM shift_handover
ORDER BY id;

-- name: row_shift_handover_item
-- columns: any
SELECT *
FROM shift_handover_item
WHERE id = :id;

-- name: ids_shift_handover_item
-- row: record_ids
SELECT id
FROM shift_handover_item
ORDER BY id;

-- name: row_shift_handover_mark
-- columns: any
SELECT *
FROM shift_handover_mark
WHERE id = :id;

-- name: ids_shift_handover_mark
-- row: record_ids
SELECT id
FROM shift_handover_mark
ORDER BY id;

-- name: row_shift_handover_count
-- columns: any
SELECT *
FROM shift_handover_count
WHERE id = :id;

-- name: ids_shift_handover_count
-- row: record_ids
SELECT id
FROM shift_handover_count
ORDER BY id;

-- name: row_shift_handover_end
-- columns: any
SELECT *
FROM shift_handover_end
WHERE id = :id;

-- name: ids_shift_handover_end
-- row: record_ids
SELECT id
FROM shift_handover_end
ORDER BY id;

-- name: row_shift_progress_time
-- columns: any
SELECT *
FROM shift_progress_time
WHERE id = :id;

-- name: ids_shift_progress_time
-- row: record_ids
SELECT id
FROM shift_progress_time
ORDER BY id;

-- name: row_shift_takeover
-- columns: any
SELECT *
FROM shift_takeover
WHERE id = :id;

-- name: ids_shift_takeover
-- row: record_ids
SELECT id
FROM shift_takeover
ORDER BY id;

-- name: row_call_entry
-- columns: any
SELECT *
FROM call_entry
WHERE id = :id;

-- name: ids_call_entry
-- row: record_ids
SELECT id
FROM call_entry
ORDER BY id;

-- name: row_call_answer
-- columns: any
SELECT *
FROM call_answer
WHERE id = :id;

-- name: ids_call_answer
-- row: record_ids
SELECT id
FROM call_answer
ORDER BY id;

-- name: row_call_referral
-- columns: any
SELECT *
FROM call_referral
WHERE id = :id;

-- name: ids_call_referral
-- row: record_ids
SELECT id
FROM call_referral
ORDER BY id;

-- name: row_call_complaint
-- columns: any
SELECT *
FROM call_complaint
WHERE id = :id;

-- name: ids_call_complaint
-- row: record_ids
SELECT id
FROM call_complaint
ORDER BY id;

-- name: row_audit_sealing
-- columns: any
SELECT *
FROM audit_sealing
WHERE id = :id;

-- name: ids_audit_sealing
-- row: record_ids
SELECT id
FROM audit_sealing
ORDER BY id;

-- name: row_pass_authority
-- columns: any
SELECT *
FROM pass_authority
WHERE id = :id;

-- name: ids_pass_authority
-- row: record_ids
SELECT id
FROM pass_authority
ORDER BY id;

-- name: row_pass
-- columns: any
SELECT *
FROM pass
WHERE id = :id;

-- name: ids_pass
-- row: record_ids
SELECT id
FROM pass
ORDER BY id;

-- name: row_pass_item
-- columns: any
SELECT *
FROM pass_item
WHERE id = :id;

-- name: ids_pass_item
-- row: record_ids
SELECT id
FROM pass_item
ORDER BY id;

-- name: row_pass_refusal
-- columns: any
SELECT *
FROM pass_refusal
WHERE id = :id;

-- name: ids_pass_refusal
-- row: record_ids
SELECT id
FROM pass_refusal
ORDER BY id;
