-- Staff, their PINs and their logins. Staff numbers match whatever the case people
-- type them in.

-- Patterns the statements below repeat, written out in each:
--
-- A login_event id after which wrong PINs count: the staff member's last good login
-- or unlock.
--
-- id, number, name, role, failures, locked

-- name: staff_count
SELECT count(*) AS staff
FROM staff;

-- name: staff_find
-- row: staff_info
SELECT
  s.id,
  s.number,
  s.name,
  s.role,
  (
    SELECT count(*)
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'bad_pin'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS failures,
  EXISTS (
    SELECT 1
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'locked_out'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS locked
FROM staff s
WHERE s.number = :number COLLATE NOCASE;

-- name: staff_list
-- row: staff_info
SELECT
  s.id,
  s.number,
  s.name,
  s.role,
  (
    SELECT count(*)
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'bad_pin'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS failures,
  EXISTS (
    SELECT 1
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'locked_out'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS locked
FROM staff s
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
