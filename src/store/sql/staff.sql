-- Staff, their PINs and their logins. Staff numbers match whatever the case people
-- type them in.

-- A staff row, id, number, name, role, failures, locked: s.* of the view staff_now
-- (schema 95).

-- name: staff_count
SELECT count(*) AS staff
FROM staff;

-- name: staff_find
-- row: staff_info
SELECT s.*
FROM staff_now s
WHERE s.number = :number COLLATE NOCASE;

-- name: staff_list
-- row: staff_info
SELECT s.*
FROM staff_now s
ORDER BY s.number COLLATE NOCASE;

-- name: staff_insert
INSERT INTO staff (number, name, role, at, created_by)
VALUES (:number, :name, :role, :at, :created_by);

-- name: staff_pin_latest
SELECT hash
FROM staff_pin
WHERE staff_id = :staff_id
ORDER BY id DESC
LIMIT 1;

-- name: staff_pin_insert
INSERT INTO staff_pin (staff_id, hash, at, set_by)
VALUES (:staff_id, :hash, :at, :set_by);

-- name: login_event_insert
INSERT INTO login_event (staff_id, outcome, at, by_staff)
VALUES (:staff_id, :outcome, :at, :by_staff);

-- name: login_unknown_insert
INSERT INTO login_unknown (at)
VALUES (:at);

-- name: desk_mark_insert
INSERT INTO desk_mark (kind, at)
VALUES (:kind, :at);

-- name: desk_mark_find
SELECT EXISTS (SELECT 1 FROM desk_mark WHERE kind = :kind) AS marked;
