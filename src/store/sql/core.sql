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
INSERT INTO audit (id, at, staff_id, action, tbl, row_id, hash, format, epoch, seal, bridge)
VALUES (:id, :at, :staff_id, :action, :tbl, :row_id, :hash, 2, :epoch, :seal, :bridge);

-- name: audit_walk
SELECT id, at, staff_id, action, tbl, row_id, hash, format, epoch, seal, bridge
FROM audit
ORDER BY id;

-- name: audit_first_of_row
-- The entry a row was recorded by, and the hash before it.
SELECT a.id, a.at, a.staff_id, a.action, a.hash, a.format, a.epoch, a.seal,
  (SELECT p.hash FROM audit p WHERE p.id = a.id - 1) AS prev_hash
FROM audit a
WHERE a.tbl = :tbl AND a.row_id = :row_id
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

-- name: unaudited_staff
-- row: unaudited
SELECT id
FROM staff t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'staff' AND a.row_id = t.id);

-- name: row_staff_pin
-- columns: any
SELECT *
FROM staff_pin
WHERE id = :id;

-- name: unaudited_staff_pin
-- row: unaudited
SELECT id
FROM staff_pin t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'staff_pin' AND a.row_id = t.id);

-- name: row_login_event
-- columns: any
SELECT *
FROM login_event
WHERE id = :id;

-- name: unaudited_login_event
-- row: unaudited
SELECT id
FROM login_event t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'login_event' AND a.row_id = t.id);

-- name: row_desk_mark
-- columns: any
SELECT *
FROM desk_mark
WHERE id = :id;

-- name: unaudited_desk_mark
-- row: unaudited
SELECT id
FROM desk_mark t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'desk_mark' AND a.row_id = t.id);

-- name: row_login_unknown
-- columns: any
SELECT *
FROM login_unknown
WHERE id = :id;

-- name: unaudited_login_unknown
-- row: unaudited
SELECT id
FROM login_unknown t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'login_unknown' AND a.row_id = t.id);

-- name: row_building
-- columns: any
SELECT *
FROM building
WHERE id = :id;

-- name: unaudited_building
-- row: unaudited
SELECT id
FROM building t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'building' AND a.row_id = t.id);

-- name: row_unit
-- columns: any
SELECT *
FROM unit
WHERE id = :id;

-- name: unaudited_unit
-- row: unaudited
SELECT id
FROM unit t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'unit' AND a.row_id = t.id);

-- name: row_occupant
-- columns: any
SELECT *
FROM occupant
WHERE id = :id;

-- name: unaudited_occupant
-- row: unaudited
SELECT id
FROM occupant t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'occupant' AND a.row_id = t.id);

-- name: row_department
-- columns: any
SELECT *
FROM department
WHERE id = :id;

-- name: unaudited_department
-- row: unaudited
SELECT id
FROM department t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'department' AND a.row_id = t.id);

-- name: row_contact
-- columns: any
SELECT *
FROM contact
WHERE id = :id;

-- name: unaudited_contact
-- row: unaudited
SELECT id
FROM contact t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'contact' AND a.row_id = t.id);

-- name: row_key_entrustment
-- columns: any
SELECT *
FROM key_entrustment
WHERE id = :id;

-- name: unaudited_key_entrustment
-- row: unaudited
SELECT id
FROM key_entrustment t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_entrustment' AND a.row_id = t.id);

-- name: row_visit
-- columns: any
SELECT *
FROM visit
WHERE id = :id;

-- name: unaudited_visit
-- row: unaudited
SELECT id
FROM visit t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'visit' AND a.row_id = t.id);

-- name: row_visit_slip
-- columns: any
SELECT *
FROM visit_slip
WHERE id = :id;

-- name: unaudited_visit_slip
-- row: unaudited
SELECT id
FROM visit_slip t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'visit_slip' AND a.row_id = t.id);

-- name: row_visitor_ban
-- columns: any
SELECT *
FROM visitor_ban
WHERE id = :id;

-- name: unaudited_visitor_ban
-- row: unaudited
SELECT id
FROM visitor_ban t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'visitor_ban' AND a.row_id = t.id);

-- name: row_visit_purge
-- columns: any
SELECT *
FROM visit_purge
WHERE id = :id;

-- name: unaudited_visit_purge
-- row: unaudited
SELECT id
FROM visit_purge t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'visit_purge' AND a.row_id = t.id);

-- name: row_key_item
-- columns: any
SELECT *
FROM key_item
WHERE id = :id;

-- name: unaudited_key_item
-- row: unaudited
SELECT id
FROM key_item t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_item' AND a.row_id = t.id);

-- name: row_key_custody
-- columns: any
SELECT *
FROM key_custody
WHERE id = :id;

-- name: unaudited_key_custody
-- row: unaudited
SELECT id
FROM key_custody t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_custody' AND a.row_id = t.id);

-- name: row_key_loan
-- columns: any
SELECT *
FROM key_loan
WHERE id = :id;

-- name: unaudited_key_loan
-- row: unaudited
SELECT id
FROM key_loan t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_loan' AND a.row_id = t.id);

-- name: row_key_loan_item
-- columns: any
SELECT *
FROM key_loan_item
WHERE id = :id;

-- name: unaudited_key_loan_item
-- row: unaudited
SELECT id
FROM key_loan_item t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_loan_item' AND a.row_id = t.id);

-- name: row_key_loan_out
-- columns: any
SELECT *
FROM key_loan_out
WHERE id = :id;

-- name: unaudited_key_loan_out
-- row: unaudited
SELECT id
FROM key_loan_out t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_loan_out' AND a.row_id = t.id);

-- name: row_key_loan_return
-- columns: any
SELECT *
FROM key_loan_return
WHERE id = :id;

-- name: unaudited_key_loan_return
-- row: unaudited
SELECT id
FROM key_loan_return t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_loan_return' AND a.row_id = t.id);

-- name: row_key_notice
-- columns: any
SELECT *
FROM key_notice
WHERE id = :id;

-- name: unaudited_key_notice
-- row: unaudited
SELECT id
FROM key_notice t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_notice' AND a.row_id = t.id);

-- name: row_key_incident
-- columns: any
SELECT *
FROM key_incident
WHERE id = :id;

-- name: unaudited_key_incident
-- row: unaudited
SELECT id
FROM key_incident t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_incident' AND a.row_id = t.id);

-- name: row_key_lock_change
-- columns: any
SELECT *
FROM key_lock_change
WHERE id = :id;

-- name: unaudited_key_lock_change
-- row: unaudited
SELECT id
FROM key_lock_change t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'key_lock_change' AND a.row_id = t.id);

-- name: row_mail_item
-- columns: any
SELECT *
FROM mail_item
WHERE id = :id;

-- name: unaudited_mail_item
-- row: unaudited
SELECT id
FROM mail_item t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'mail_item' AND a.row_id = t.id);

-- name: row_mail_shelving
-- columns: any
SELECT *
FROM mail_shelving
WHERE id = :id;

-- name: unaudited_mail_shelving
-- row: unaudited
SELECT id
FROM mail_shelving t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'mail_shelving' AND a.row_id = t.id);

-- name: row_mail_handout
-- columns: any
SELECT *
FROM mail_handout
WHERE id = :id;

-- name: unaudited_mail_handout
-- row: unaudited
SELECT id
FROM mail_handout t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'mail_handout' AND a.row_id = t.id);

-- name: row_mail_handout_item
-- columns: any
SELECT *
FROM mail_handout_item
WHERE id = :id;

-- name: unaudited_mail_handout_item
-- row: unaudited
SELECT id
FROM mail_handout_item t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'mail_handout_item' AND a.row_id = t.id
);

-- name: row_mail_return
-- columns: any
SELECT *
FROM mail_return
WHERE id = :id;

-- name: unaudited_mail_return
-- row: unaudited
SELECT id
FROM mail_return t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'mail_return' AND a.row_id = t.id);

-- name: row_mail_paper
-- columns: any
SELECT *
FROM mail_paper
WHERE id = :id;

-- name: unaudited_mail_paper
-- row: unaudited
SELECT id
FROM mail_paper t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'mail_paper' AND a.row_id = t.id);

-- name: row_event
-- columns: any
SELECT *
FROM event
WHERE id = :id;

-- name: unaudited_event
-- row: unaudited
SELECT id
FROM event t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'event' AND a.row_id = t.id);

-- name: row_correction
-- columns: any
SELECT *
FROM correction
WHERE id = :id;

-- name: unaudited_correction
-- row: unaudited
SELECT id
FROM correction t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'correction' AND a.row_id = t.id);

-- name: row_complaint
-- columns: any
SELECT *
FROM complaint
WHERE id = :id;

-- name: unaudited_complaint
-- row: unaudited
SELECT id
FROM complaint t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'complaint' AND a.row_id = t.id);

-- name: row_complaint_deadline
-- columns: any
SELECT *
FROM complaint_deadline
WHERE id = :id;

-- name: unaudited_complaint_deadline
-- row: unaudited
SELECT id
FROM complaint_deadline t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'complaint_deadline' AND a.row_id = t.id
);

-- name: row_complaint_assignment
-- columns: any
SELECT *
FROM complaint_assignment
WHERE id = :id;

-- name: unaudited_complaint_assignment
-- row: unaudited
SELECT id
FROM complaint_assignment t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'complaint_assignment' AND a.row_id = t.id
);

-- name: row_complaint_rectification
-- columns: any
SELECT *
FROM complaint_rectification
WHERE id = :id;

-- name: unaudited_complaint_rectification
-- row: unaudited
SELECT id
FROM complaint_rectification t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'complaint_rectification' AND a.row_id = t.id
);

-- name: row_complaint_visit
-- columns: any
SELECT *
FROM complaint_visit
WHERE id = :id;

-- name: unaudited_complaint_visit
-- row: unaudited
SELECT id
FROM complaint_visit t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'complaint_visit' AND a.row_id = t.id);

-- name: row_shift
-- columns: any
SELECT *
FROM shift
WHERE id = :id;

-- name: unaudited_shift
-- row: unaudited
SELECT id
FROM shift t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'shift' AND a.row_id = t.id);

-- name: row_shift_entry
-- columns: any
SELECT *
FROM shift_entry
WHERE id = :id;

-- name: unaudited_shift_entry
-- row: unaudited
SELECT id
FROM shift_entry t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'shift_entry' AND a.row_id = t.id);

-- name: row_shift_progress
-- columns: any
SELECT *
FROM shift_progress
WHERE id = :id;

-- name: unaudited_shift_progress
-- row: unaudited
SELECT id
FROM shift_progress t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'shift_progress' AND a.row_id = t.id);

-- name: row_shift_handover
-- columns: any
SELECT *
FROM shift_handover
WHERE id = :id;

-- name: unaudited_shift_handover
-- row: unaudited
SELECT id
FROM shift_handover t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'shift_handover' AND a.row_id = t.id);

-- name: row_shift_handover_item
-- columns: any
SELECT *
FROM shift_handover_item
WHERE id = :id;

-- name: unaudited_shift_handover_item
-- row: unaudited
SELECT id
FROM shift_handover_item t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_handover_item' AND a.row_id = t.id
);

-- name: row_shift_handover_mark
-- columns: any
SELECT *
FROM shift_handover_mark
WHERE id = :id;

-- name: unaudited_shift_handover_mark
-- row: unaudited
SELECT id
FROM shift_handover_mark t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_handover_mark' AND a.row_id = t.id
);

-- name: row_shift_handover_count
-- columns: any
SELECT *
FROM shift_handover_count
WHERE id = :id;

-- name: unaudited_shift_handover_count
-- row: unaudited
SELECT id
FROM shift_handover_count t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_handover_count' AND a.row_id = t.id
);

-- name: row_shift_handover_end
-- columns: any
SELECT *
FROM shift_handover_end
WHERE id = :id;

-- name: unaudited_shift_handover_end
-- row: unaudited
SELECT id
FROM shift_handover_end t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_handover_end' AND a.row_id = t.id
);

-- name: row_shift_progress_time
-- columns: any
SELECT *
FROM shift_progress_time
WHERE id = :id;

-- name: unaudited_shift_progress_time
-- row: unaudited
SELECT id
FROM shift_progress_time t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_progress_time' AND a.row_id = t.id
);

-- name: row_shift_takeover
-- columns: any
SELECT *
FROM shift_takeover
WHERE id = :id;

-- name: unaudited_shift_takeover
-- row: unaudited
SELECT id
FROM shift_takeover t
WHERE  NOT EXISTS (
  SELECT 1 FROM audit a WHERE a.tbl = 'shift_takeover' AND a.row_id = t.id
);

-- name: row_call_entry
-- columns: any
SELECT *
FROM call_entry
WHERE id = :id;

-- name: unaudited_call_entry
-- row: unaudited
SELECT id
FROM call_entry t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'call_entry' AND a.row_id = t.id);

-- name: row_call_answer
-- columns: any
SELECT *
FROM call_answer
WHERE id = :id;

-- name: unaudited_call_answer
-- row: unaudited
SELECT id
FROM call_answer t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'call_answer' AND a.row_id = t.id);

-- name: row_call_referral
-- columns: any
SELECT *
FROM call_referral
WHERE id = :id;

-- name: unaudited_call_referral
-- row: unaudited
SELECT id
FROM call_referral t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'call_referral' AND a.row_id = t.id);

-- name: row_call_complaint
-- columns: any
SELECT *
FROM call_complaint
WHERE id = :id;

-- name: unaudited_call_complaint
-- row: unaudited
SELECT id
FROM call_complaint t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'call_complaint' AND a.row_id = t.id);

-- name: row_audit_sealing
-- columns: any
SELECT *
FROM audit_sealing
WHERE id = :id;

-- name: unaudited_audit_sealing
-- row: unaudited
SELECT id
FROM audit_sealing t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'audit_sealing' AND a.row_id = t.id);

-- name: row_pass_authority
-- columns: any
SELECT *
FROM pass_authority
WHERE id = :id;

-- name: unaudited_pass_authority
-- row: unaudited
SELECT id
FROM pass_authority t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'pass_authority' AND a.row_id = t.id);

-- name: row_pass
-- columns: any
SELECT *
FROM pass
WHERE id = :id;

-- name: unaudited_pass
-- row: unaudited
SELECT id
FROM pass t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'pass' AND a.row_id = t.id);

-- name: row_pass_item
-- columns: any
SELECT *
FROM pass_item
WHERE id = :id;

-- name: unaudited_pass_item
-- row: unaudited
SELECT id
FROM pass_item t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'pass_item' AND a.row_id = t.id);

-- name: row_pass_refusal
-- columns: any
SELECT *
FROM pass_refusal
WHERE id = :id;

-- name: unaudited_pass_refusal
-- row: unaudited
SELECT id
FROM pass_refusal t
WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.tbl = 'pass_refusal' AND a.row_id = t.id);
