-- Key loans: the register, custody, loans and their hand-overs, returns, emergency
-- calls, losses and lock changes. Every list is driven by an index: entity_state
-- (kind, state, entity_id) for what is out, requested or waiting to be sealed — sets
-- bounded by the keys physically out — and key_item(tag) for the register.

-- Patterns the statements below repeat, written out in each:
--
-- ---- views ----
--
-- id, tag, unit, description, kind, state, department, person, copy_of, replaces,
-- loan id, borrower, company, out at, due (or sealing deadline), emergency, overdue.
-- CROSS JOIN fixes which table drives: the register walks key_item by tag, the other
-- views walk entity_state by state.
--
-- :tag_glob and :unit_glob are prefix patterns (upper case), :contains a LIKE pattern;
-- all three NULL when there is no search.
--
-- id, state, emergency, borrower kind, borrower, department, company, phone, reason,
-- note, keys, key count, requested at, expected return, approved at, out at, due,
-- returned at, requested by, approved by, returned by, received by, notices,
-- units waiting, overdue
--
-- Per custodian at the time (the newest custody row no later than the event): keys
-- handed over in [:from, :to), of those returned late or still out past due, and keys
-- damaged or lost.

-- name: key_insert
-- ---- writing ----
INSERT INTO key_item (
  tag, unit_id, description, kind, entrustment_id, copy_of, replaces, at, staff_id
)
VALUES (
  :tag, :unit_id, :description, :kind, :entrustment_id, :copy_of, :replaces, :at, :staff_id
);

-- name: key_custody_insert
INSERT INTO key_custody (key_id, department, person, note, at, staff_id)
VALUES (:key_id, :department, :person, :note, :at, :staff_id);

-- name: key_loan_insert
INSERT INTO key_loan (
  borrower_kind, borrower, department, company, phone_clear, phone_hmac, reason, note, expected_return, emergency, at, staff_id
)
VALUES (
  :borrower_kind, :borrower, :department, :company, :phone_clear, :phone_hmac, :reason, :note, :expected_return, :emergency, :at, :staff_id
);

-- name: key_loan_item_insert
INSERT INTO key_loan_item (loan_id, key_id)
VALUES (:loan_id, :key_id);

-- name: key_loan_out_insert
INSERT INTO key_loan_out (loan_id, due_at, at, staff_id)
VALUES (:loan_id, :due_at, :at, :staff_id);

-- name: key_loan_return_insert
INSERT INTO key_loan_return (loan_id, returned_by, note, at, staff_id)
VALUES (:loan_id, :returned_by, :note, :at, :staff_id);

-- name: key_notice_insert
INSERT INTO key_notice (
  loan_id, unit_id, target, occupant_id, contact_id, name, phone_clear, phone_hmac, outcome, called_at, note, at, staff_id
)
VALUES (
  :loan_id, :unit_id, :target, :occupant_id, :contact_id, :name, :phone_clear, :phone_hmac, :outcome, :called_at, :note, :at, :staff_id
);

-- name: key_incident_insert
INSERT INTO key_incident (key_id, kind, responsible, loan_id, note, at, staff_id)
VALUES (:key_id, :kind, :responsible, :loan_id, :note, :at, :staff_id);

-- name: key_lock_change_insert
INSERT INTO key_lock_change (key_id, due_at, note, at, staff_id)
VALUES (:key_id, :due_at, :note, :at, :staff_id);

-- name: key_by_tag
-- row: key_found
-- ---- looking up, inside the operations ----
SELECT id
FROM key_item
WHERE tag = :tag;

-- name: key_base
-- id, tag, unit_id, description, kind, entrustment_id, state
SELECT
  k.id,
  k.tag,
  k.unit_id,
  k.description,
  k.kind,
  k.entrustment_id,
  coalesce(s.state, '') AS state
FROM key_item k
LEFT JOIN entity_state s ON s.kind = 'key' AND s.entity_id = k.id
WHERE k.id = :id;

-- name: key_custodian
SELECT department, person
FROM key_custody
WHERE key_id = :key_id
ORDER BY id DESC
LIMIT 1;

-- name: key_unit_code
SELECT code
FROM unit
WHERE id = :id;

-- name: key_entrustment_latest
-- row: key_found
SELECT id
FROM key_entrustment
WHERE unit_id = :unit_id
ORDER BY id DESC
LIMIT 1;

-- name: key_entrustment_of_unit
SELECT 1 AS found
FROM key_entrustment
WHERE id = :id AND unit_id = :unit_id;

-- name: key_open_loan
-- row: key_found
-- The open loan (requested, approved or out) a key is part of, if any.
SELECT li.loan_id AS id
FROM key_loan_item li
JOIN  entity_state s
  ON s.kind = 'loan'
  AND s.entity_id = li.loan_id
  AND s.state IN ('requested', 'approved', 'out')
WHERE li.key_id = :key_id
ORDER BY li.loan_id DESC
LIMIT 1;

-- name: key_loan_base
-- reason, expected_return, emergency
SELECT reason, expected_return, emergency
FROM key_loan
WHERE id = :id;

-- name: key_loan_keys
SELECT k.id, k.tag, coalesce(s.state, '') AS state
FROM key_loan_item li
JOIN key_item k ON k.id = li.key_id
LEFT JOIN entity_state s ON s.kind = 'key' AND s.entity_id = k.id
WHERE li.loan_id = :loan_id
ORDER BY k.tag;

-- name: key_loan_units
-- The units of the loan's spare keys, and how many calls each has had.
SELECT
  u.id,
  u.code,
  (SELECT count(*) FROM key_notice n WHERE n.loan_id = :loan_id AND n.unit_id = u.id) AS notices
FROM unit u
WHERE  u.id IN (
  SELECT k.unit_id
  FROM key_loan_item li
  JOIN key_item k ON k.id = li.key_id
  WHERE li.loan_id = :loan_id AND k.kind = 'spare'
)
ORDER BY u.code;

-- name: key_notice_occupant_called
SELECT 1 AS found
FROM key_notice
WHERE loan_id = :loan_id AND unit_id = :unit_id AND target = 'occupant'
LIMIT 1;

-- name: key_notice_reached
-- Whether anyone was reached about a unit of the loan (its owner, a contact or another
-- number).
SELECT 1 AS found
FROM key_notice
WHERE loan_id = :loan_id AND unit_id = :unit_id AND outcome = 'reached'
LIMIT 1;

-- name: key_notice_attempts
-- The calls of a loan to one directory entry (:target 'occupant' or 'contact'), and
-- the outcome of the latest.
SELECT
  count(*) AS attempts,
  (
    SELECT n2.outcome FROM key_notice n2
    WHERE  n2.loan_id = :loan_id
      AND n2.target = :target
      AND coalesce(n2.occupant_id, n2.contact_id) = :target_id
    ORDER BY n2.called_at DESC, n2.id DESC
    LIMIT 1
  ) AS outcome
FROM key_notice n
WHERE  n.loan_id = :loan_id
  AND n.target = :target
  AND coalesce(n.occupant_id, n.contact_id) = :target_id;

-- name: key_loan_keys_kept
-- How many of the loan's keys were not registered lost on it.
SELECT count(*) AS keys
FROM key_loan_item li
WHERE  li.loan_id = :loan_id
  AND NOT EXISTS (
    SELECT 1 FROM key_incident i
    WHERE i.loan_id = li.loan_id AND i.key_id = li.key_id AND i.kind = 'lost'
  );

-- name: key_current_loan
-- row: key_found
-- The loan a key on loan is out on (a key is in one open loan at a time).
SELECT max(loan_id) AS id
FROM key_loan_item
WHERE key_id = :key_id;

-- name: key_lock_family
-- The other keys still in use that open :key_id's lock: the first key of its line of
-- copies (following copy_of up) and every copy made from it, copies of copies too.
-- Copies are found through their source's "copied" events (event_by_entity), as
-- key_item.copy_of has no index.
WITH RECURSIVE line(id, copy_of) AS (
  SELECT id, copy_of
  FROM key_item
  WHERE id = :key_id
  UNION SELECT k.id, k.copy_of
  FROM key_item k
  JOIN line l ON k.id = l.copy_of
), family(id) AS (
  SELECT id
  FROM line
  WHERE copy_of IS NULL
  UNION SELECT json_extract(e.data, '$.key')
  FROM family f
  JOIN event e ON e.kind = 'key' AND e.entity_id = f.id AND e.event = 'copied'
)
SELECT k.id
FROM family f
JOIN key_item k ON k.id = f.id
JOIN entity_state s ON s.kind = 'key' AND s.entity_id = k.id
WHERE k.id <> :key_id AND s.state IN ('in_store', 'on_loan', 'damaged', 'lost')
ORDER BY k.id;

-- name: keys_out
-- row: key_list
SELECT k.*, k.due_at < :now AS overdue
FROM entity_state s
CROSS JOIN key_item_now k ON k.id = s.entity_id
WHERE  s.kind = 'key'
  AND s.state = 'on_loan'
  AND (:overdue_only = 0 OR k.due_at < :now)
  AND (
    :tag_glob IS NULL OR k.tag GLOB :tag_glob OR k.unit GLOB :unit_glob OR k.description LIKE :contains ESCAPE '\'
  )
  AND (:after = 0 OR (k.due_at, k.id) > (:after_due, :after_id))
ORDER BY k.due_at, k.id
LIMIT :limit;

-- name: keys_to_seal
-- row: key_list
SELECT k.*, k.due_at < :now AS overdue
FROM entity_state s
CROSS JOIN key_item_now k ON k.id = s.entity_id
WHERE  s.kind = 'key'
  AND s.state = 'to_seal'
  AND (
    :tag_glob IS NULL OR k.tag GLOB :tag_glob OR k.unit GLOB :unit_glob OR k.description LIKE :contains ESCAPE '\'
  )
  AND (:after = 0 OR (k.due_at, k.id) > (:after_due, :after_id))
ORDER BY k.due_at, k.id
LIMIT :limit;

-- name: keys_register
-- row: key_list
SELECT k.*, k.due_at < :now AS overdue
FROM key_item_now k
WHERE  k.tag > :after_tag
  AND (
    :tag_glob IS NULL OR k.tag GLOB :tag_glob OR k.unit GLOB :unit_glob OR k.description LIKE :contains ESCAPE '\'
  )
ORDER BY k.tag
LIMIT :limit;

-- name: key_row
-- row: key_list
SELECT k.*, k.due_at < :now AS overdue
FROM key_item_now k
WHERE k.id = :id;

-- name: keys_seal_overdue
-- row: key_list
SELECT k.*, k.due_at < :now AS overdue
FROM entity_state s
CROSS JOIN key_item_now k ON k.id = s.entity_id
WHERE s.kind = 'key' AND s.state = 'to_seal' AND k.due_at < :now
ORDER BY k.due_at, k.id;

-- name: keys_count_state
-- row: key_tally
SELECT count(*) AS keys
FROM entity_state
WHERE kind = :kind AND state = :state;

-- name: keys_count_overdue
-- row: key_tally
SELECT count(*) AS keys
FROM entity_state s
JOIN  key_loan_out o
  ON o.loan_id = (SELECT max(loan_id) FROM key_loan_item WHERE key_id = s.entity_id)
WHERE s.kind = 'key' AND s.state = 'on_loan' AND o.due_at < :now;

-- name: keys_count_seal_overdue
-- row: key_tally
SELECT count(*) AS keys
FROM entity_state s
JOIN key_lock_change lc ON lc.key_id = s.entity_id
WHERE s.kind = 'key' AND s.state = 'to_seal' AND lc.due_at < :now;

-- name: key_history
-- id, event, from, to, note, at, staff, approver, custodian, responsible, other tag,
-- loan id, borrower, emergency
-- The key's own events and, of its loans, each refusal and cancellation: those change
-- the loan alone, and a key's history would otherwise not say that it was asked for.
-- CROSS JOIN drives the loans' side from the key's loans, not from every loan's
-- events.
SELECT
  e.id,
  e.event,
  e.from_state,
  e.to_state,
  -- A key's return says what the desk noted when the loan came back.
  coalesce(
    e.note,
    CASE WHEN e.event = 'return' THEN (SELECT r.note FROM key_loan_return r WHERE r.loan_id = l.id) END
  ) AS note,
  e.at,
  st.name AS staff_name,
  ap.name AS approver_name,
  c.department || ' ' || c.person AS custodian,
  i.responsible,
  other.tag AS other_tag,
  l.id AS loan_id,
  l.borrower,
  l.emergency
FROM (
  SELECT id, json_extract(data, '$.loan') AS loan_id
  FROM event
  WHERE kind = 'key' AND entity_id = :key_id AND id < :before
  UNION ALL
  SELECT le.id, le.entity_id
  FROM key_loan_item li
  CROSS JOIN  event le
    ON le.kind = 'loan' AND le.entity_id = li.loan_id AND le.event IN ('refuse', 'cancel')
  WHERE li.key_id = :key_id AND le.id < :before
  ORDER BY 1 DESC
  LIMIT :limit
) h
CROSS JOIN event e ON e.id = h.id
JOIN staff st ON st.id = e.staff_id
LEFT JOIN staff ap ON ap.id = e.approver_id
LEFT JOIN key_custody c ON c.id = json_extract(e.data, '$.custody')
LEFT JOIN key_incident i ON i.id = json_extract(e.data, '$.incident')
LEFT JOIN key_item other ON other.id = json_extract(e.data, '$.key')
LEFT JOIN key_loan l ON l.id = h.loan_id
ORDER BY e.id DESC;

-- name: key_loans_by_state
-- row: loan_list
SELECT l.*, coalesce(l.returned_at, :now) > l.due_at AS overdue
FROM key_loan_now l
WHERE l.state = :state AND l.id > :after
ORDER BY l.id
LIMIT :limit;

-- name: key_loan_row
-- row: loan_list
SELECT l.*, coalesce(l.returned_at, :now) > l.due_at AS overdue
FROM key_loan_now l
WHERE l.id = :id;

-- name: key_loans_between
-- row: loan_list
-- Loans requested, handed over or returned in [:from, :to), by number: the day's
-- rows, found by time in the three tables, drive the rest.
SELECT l.*, coalesce(l.returned_at, :now) > l.due_at AS overdue
FROM (
  SELECT id
  FROM key_loan
  WHERE at >= :from AND at < :to
  UNION SELECT loan_id
  FROM key_loan_out
  WHERE at >= :from AND at < :to
  UNION SELECT loan_id
  FROM key_loan_return
  WHERE at >= :from AND at < :to
) m
CROSS JOIN key_loan_now l ON l.id = m.id
WHERE m.id > :after
ORDER BY m.id
LIMIT :limit;

-- name: key_notices
SELECT
  n.id,
  n.unit_id,
  u.code,
  n.target,
  n.name,
  n.phone_clear,
  n.outcome,
  n.called_at,
  n.note,
  st.name AS staff_name
FROM key_notice n
JOIN unit u ON u.id = n.unit_id
JOIN staff st ON st.id = n.staff_id
WHERE n.loan_id = :loan_id
ORDER BY n.called_at, n.id;

-- name: key_export_loans
-- A row per key of every loan requested in [:from, :to), walking key_loan by time.
SELECT
  l.id AS loan_id,
  l.at AS requested_at,
  k.tag,
  u.code AS unit,
  k.description,
  k.kind,
  l.borrower_kind,
  l.borrower,
  l.department,
  l.company,
  l.phone_clear,
  l.reason,
  l.note,
  l.emergency,
  s.state,
  (SELECT name FROM staff WHERE id = coalesce(ap.approver_id, ap.staff_id)) AS approved_by,
  ap.at AS approved_at,
  o.at AS out_at,
  o.due_at,
  r.at AS returned_at,
  r.returned_by,
  rv.name AS received_by,
  rq.name AS requested_by,
  (SELECT count(*) FROM key_notice n WHERE n.loan_id = l.id) AS notices,
  coalesce(r.at, :now) > o.due_at AS overdue,
  (
    SELECT e.note FROM event e
    WHERE e.kind = 'loan' AND e.entity_id = l.id AND e.event IN ('refuse', 'cancel')
    ORDER BY e.id DESC
    LIMIT 1
  ) AS refusal,
  EXISTS (
    SELECT 1 FROM key_incident i
    WHERE i.loan_id = l.id AND i.key_id = k.id AND i.kind = 'lost'
  ) AS lost
FROM key_loan l
CROSS JOIN entity_state s ON s.kind = 'loan' AND s.entity_id = l.id
JOIN key_loan_item li ON li.loan_id = l.id
JOIN key_item k ON k.id = li.key_id
LEFT JOIN unit u ON u.id = k.unit_id
JOIN staff rq ON rq.id = l.staff_id
LEFT JOIN  event ap
  ON ap.id = (
    SELECT max(id) FROM event WHERE kind = 'loan' AND entity_id = l.id AND event = 'approve'
  )
LEFT JOIN key_loan_out o ON o.loan_id = l.id
LEFT JOIN key_loan_return r ON r.loan_id = l.id
LEFT JOIN staff rv ON rv.id = r.staff_id
WHERE l.at >= :from AND l.at < :to
ORDER BY l.at, l.id, k.tag;

-- name: key_export_custodians
WITH acts AS (
  SELECT
    (SELECT max(id) FROM key_custody WHERE key_id = li.key_id AND at <= o.at) AS custody,
    1 AS lent,
    coalesce(r.at, :now) > o.due_at AS late,
    0 AS damaged,
    0 AS lost
  FROM key_loan_out o
  JOIN key_loan_item li ON li.loan_id = o.loan_id
  LEFT JOIN key_loan_return r ON r.loan_id = o.loan_id
  WHERE o.at >= :from AND o.at < :to
  UNION ALL SELECT
    (SELECT max(id) FROM key_custody WHERE key_id = i.key_id AND at <= i.at),
    0,
    0,
    i.kind = 'damaged',
    i.kind = 'lost'
  FROM key_incident i
  WHERE i.at >= :from AND i.at < :to
)
SELECT
  c.department,
  c.person,
  sum(a.lent) AS lent,
  sum(a.late) AS late,
  sum(a.damaged) AS damaged,
  sum(a.lost) AS lost
FROM acts a
JOIN key_custody c ON c.id = a.custody
GROUP BY c.department, c.person
ORDER BY c.department, c.person;

-- name: key_demo_entrustments
-- Units whose owner left a spare key with the desk, with the entrustment.
SELECT e.id, e.unit_id, u.code
FROM key_entrustment e
JOIN unit u ON u.id = e.unit_id
ORDER BY u.code
LIMIT :limit;
