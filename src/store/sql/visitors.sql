-- The visitor log: visits, their slips, the do-not-admit list and the privacy purge.
-- Lists are keyset-paged, newest first: a view's page is chosen in a CTE p(key, id)
-- that walks an index, and only those rows are then read in full.

-- Patterns the statements below repeat, written out in each:
--
-- A field as it reads now: its latest correction (which may have emptied it, to NULL),
-- else the visit's own value. Each is one seek in correction_by_row, with no sort.
--
-- The columns of a visit row, as fd_visit holds them: v.* of the view visit_now
-- (schema 95), each visit with its corrections applied, then the page's key. A visit's
-- last event (entity_state.event_id) says how it ended: the sign-out of one that left,
-- the refusal, with its reason, of one refused — both states are final. The page p
-- drives (CROSS JOIN keeps it the outer loop): only its rows are read in full.
--
-- One search arm over a correctable field: visits whose own value matches and was never
-- corrected, and visits whose latest correction matches.
--
-- The do-not-admit list. An entry is in force while no row lifts it; :any_unit matches
-- entries for any unit (recognition, before the unit is known). Site-wide first.

-- name: visit_page_inside
-- row: visit
WITH p(key, id) AS (
  SELECT '', s.entity_id
  FROM entity_state s
  WHERE s.kind = 'visit' AND s.state = 'admitted' AND s.entity_id < :last_id
  ORDER BY s.entity_id DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY v.id DESC;

-- name: visit_page_waiting
-- row: visit
WITH p(key, id) AS (
  SELECT '', s.entity_id
  FROM entity_state s
  WHERE s.kind = 'visit' AND s.state = 'registered' AND s.entity_id < :last_id
  ORDER BY s.entity_id DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY v.id DESC;

-- name: visit_page_today
-- row: visit
WITH p(key, id) AS (
  SELECT '', v.id
  FROM visit v
  WHERE  v.registered_at >= :start
    AND v.registered_at < :end
    AND (v.registered_at, v.id) < (:last_at, :last_id)
  ORDER BY v.registered_at DESC, v.id DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY v.registered_at DESC, v.id DESC;

-- name: visit_page_name
-- row: visit
-- The names holding the text are found in the list of names (schema 170, a ninth of
-- the visits), then their visits, newest first within a name; the page is taken from
-- them in order (the inner LIMIT: a common character's thousands of visits are not
-- gathered and sorted). Names as corrected are few and read from the corrections.
WITH p(key, id) AS (
  SELECT * FROM (
    SELECT v.visitor_name AS key, v.id AS id
    FROM visitor_name n
    CROSS JOIN visit v ON v.visitor_name = n.name
    WHERE instr(n.name, :part) > 0
      AND n.name <= :last_key
      AND (v.visitor_name, v.id) < (:last_key, :last_id)
      AND NOT EXISTS (
        SELECT 1
        FROM correction c
        WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitor_name'
      )
    ORDER BY n.name DESC, v.id DESC
    LIMIT :limit
  )
  UNION ALL SELECT c.value, c.row_id
  FROM correction c
  WHERE  c.tbl = 'visit'
    AND c.field = 'visitor_name'
    AND instr(c.value, :part) > 0
    AND (c.value, c.row_id) < (:last_key, :last_id)
    AND c.id = (
      SELECT max(c2.id)
      FROM correction c2
      WHERE c2.tbl = 'visit' AND c2.row_id = c.row_id AND c2.field = 'visitor_name'
    )
  ORDER BY 1 DESC, 2 DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY p.key DESC, p.id DESC;

-- name: visit_page_phone
-- Digits anywhere in the phone for a reader of phones in full (:in_full); for any other
-- the whole number, or the digits a mask shows: up to three at its start, four at its end.
-- row: visit
WITH p(key, id) AS (
  SELECT v.phone AS key, v.id AS id
  FROM visit v
  WHERE  instr(v.phone, :part) > 0
    AND (:in_full OR v.phone = :part
         OR (length(:part) <= 3 AND substr(v.phone, 1, length(:part)) = :part)
         OR (length(:part) <= 4 AND substr(v.phone, -length(:part)) = :part))
    AND (v.phone, v.id) < (:last_key, :last_id)
    AND NOT EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'phone'
    )
  UNION ALL SELECT c.value, c.row_id
  FROM correction c
  WHERE  c.tbl = 'visit'
    AND c.field = 'phone'
    AND instr(c.value, :part) > 0
    AND (:in_full OR c.value = :part
         OR (length(:part) <= 3 AND substr(c.value, 1, length(:part)) = :part)
         OR (length(:part) <= 4 AND substr(c.value, -length(:part)) = :part))
    AND (c.value, c.row_id) < (:last_key, :last_id)
    AND c.id = (
      SELECT max(c2.id)
      FROM correction c2
      WHERE c2.tbl = 'visit' AND c2.row_id = c.row_id AND c2.field = 'phone'
    )
  ORDER BY 1 DESC, 2 DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY p.key DESC, p.id DESC;

-- name: visit_page_document
-- row: visit
-- Documents are matched whole, through the HMAC of their normal form.
WITH p(key, id) AS (
  SELECT v.doc_number_hmac, v.id
  FROM visit v
  WHERE v.doc_number_hmac = :hmac AND v.id < :last_id
  ORDER BY v.id DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY v.id DESC;

-- name: visit_page_visitee
-- row: visit
-- The visitee's name (as corrected), else the unit code (:ulo, :uhi: the text in upper
-- case, as codes are stored), else the company: a visit found by an earlier arm is left
-- out of the later ones, so it appears once.
WITH p(key, id) AS (
  SELECT v.visitee_name AS key, v.id AS id
  FROM visit v
  WHERE  v.visitee_name >= :lo
    AND v.visitee_name < :hi
    AND (v.visitee_name, v.id) < (:last_key, :last_id)
    AND NOT EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitee_name'
    )
  UNION ALL SELECT c.value, c.row_id
  FROM correction c
  WHERE  c.tbl = 'visit'
    AND c.field = 'visitee_name'
    AND c.value >= :lo
    AND c.value < :hi
    AND (c.value, c.row_id) < (:last_key, :last_id)
    AND c.id = (
      SELECT max(c2.id)
      FROM correction c2
      WHERE c2.tbl = 'visit' AND c2.row_id = c.row_id AND c2.field = 'visitee_name'
    )
  UNION ALL SELECT v.visitee_unit, v.id
  FROM visit v
  WHERE  v.visitee_unit >= :ulo
    AND v.visitee_unit < :uhi
    AND (v.visitee_unit, v.id) < (:last_key, :last_id)
    AND NOT (
      SELECT coalesce(w.visitee_name, '') >= :lo AND coalesce(w.visitee_name, '') < :hi
      FROM visit_now w
      WHERE w.id = v.id
    )
  UNION ALL SELECT v.visitee_company, v.id
  FROM visit v
  WHERE  v.visitee_company >= :lo
    AND v.visitee_company < :hi
    AND (v.visitee_company, v.id) < (:last_key, :last_id)
    AND NOT (
      SELECT coalesce(w.visitee_name, '') >= :lo AND coalesce(w.visitee_name, '') < :hi
      FROM visit_now w
      WHERE w.id = v.id
    )
    AND NOT (coalesce(v.visitee_unit, '') >= :ulo AND coalesce(v.visitee_unit, '') < :uhi)
  ORDER BY 1 DESC, 2 DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY p.key DESC, p.id DESC;

-- name: visit_page_slip
-- row: visit
WITH p(key, id) AS (
  SELECT sl.number, sl.visit_id
  FROM visit_slip sl
  WHERE  sl.number >= :lo
    AND sl.number < :hi
    AND (:seq IS NULL OR sl.seq = :seq)
    AND (sl.number, sl.visit_id) < (:last_key, :last_id)
  ORDER BY 1 DESC, 2 DESC
  LIMIT :limit
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY p.key DESC, p.id DESC;

-- name: visit_all_inside
-- Every visitor inside, oldest first, with only what a handover keeps
-- (fd_visits_inside): the visit's other columns, and their corrections, are not read.
SELECT v.id, v.slip, v.visitor_name, v.visitee_unit, v.visitee_company, v.visitee_department,
  v.visitee_name, v.admitted_at
FROM entity_state s
CROSS JOIN visit_now v ON v.id = s.entity_id
WHERE s.kind = 'visit' AND s.state = 'admitted'
ORDER BY v.id;

-- name: visit_one
-- row: visit
WITH p(key, id) AS (SELECT '', :id)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id;

-- name: visit_between
-- row: visit
-- Registered in [:from, :to), oldest first: a day's log (fd_visits_between), an export.
WITH p(key, id) AS (
  SELECT '', v.id FROM visit v WHERE v.registered_at >= :from AND v.registered_at < :to
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
ORDER BY v.registered_at, v.id;

-- name: visit_carried_over
-- row: visit
-- Registered before the day [:from, :to) but inside when it began, or let in during it:
-- a visitor who stayed the night, whom the day's log lists beside the day's own. One
-- still inside comes through its state however old; one gone since through the thirty
-- days of registrations before the day (no visit lasts longer), an index walk.
WITH p(key, id) AS (
  SELECT '', s.entity_id FROM entity_state s WHERE s.kind = 'visit' AND s.state = 'admitted'
  UNION
  SELECT '', v.id FROM visit v WHERE v.registered_at >= :from - 30 * 86400 AND v.registered_at < :from
)
SELECT v.*, p.key AS key
FROM p
CROSS JOIN visit_now v ON v.id = p.id
WHERE v.registered_at < :from AND v.admitted_at < :to AND (v.left_at IS NULL OR v.left_at >= :from)
ORDER BY v.registered_at, v.id;

-- name: visit_count_state
-- row: visit_tally
SELECT count(*) AS visits
FROM entity_state
WHERE kind = 'visit' AND state = :state;

-- name: visit_count_since
-- row: visit_tally
SELECT count(*) AS visits
FROM visit
WHERE registered_at >= :start AND registered_at < :end;

-- name: visit_events
SELECT
  e.id,
  e.event,
  e.to_state,
  e.note,
  s.name AS staff_name,
  a.name AS approver_name,
  e.at
FROM event e
JOIN staff s ON s.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
WHERE e.kind = 'visit' AND e.entity_id = :id
ORDER BY e.id;

-- name: visit_corrections
SELECT c.id, c.field, c.value, c.reason, s.name, c.at
FROM correction c
JOIN staff s ON s.id = c.staff_id
WHERE c.tbl = 'visit' AND c.row_id = :id
ORDER BY c.id;

-- name: visit_unit_by_id
-- row: visit_look_up
-- Registering.
SELECT id AS unit_id, code
FROM unit
WHERE id = :id;

-- name: visit_unit_by_code
SELECT id, code
FROM unit
WHERE code = upper(:code);

-- name: visit_occupant_unit
-- row: visit_look_up
SELECT unit_id, NULL AS code
FROM occupant
WHERE id = :id;

-- name: visit_department_exists
-- row: visit_look_up
SELECT NULL AS unit_id, NULL AS code
FROM department
WHERE id = :id;

-- name: visit_returning_phone
SELECT w.phone
FROM visit v
CROSS JOIN visit_now w ON w.id = v.id
WHERE v.id = :id AND v.doc_number_hmac = :hmac;

-- name: visit_insert
INSERT INTO visit (
  visitor_name, doc_type, doc_number_clear, doc_number_hmac, doc_number_masked, phone, party_size, purpose, unit_id, company_id, department_id, person_id, visitee_unit, visitee_company, visitee_department, visitee_name, visitee_position, registered_at, staff_id, approver_id, pii_salt, pii_commit
)
VALUES (
  :visitor_name, :doc_type, :doc_number_clear, :doc_number_hmac, :doc_number_masked, :phone, :party_size, :purpose, :unit_id, :company_id, :department_id, :person_id, :visitee_unit, :visitee_company, :visitee_department, :visitee_name, :visitee_position, :registered_at, :staff_id, :approver_id, :pii_salt, :pii_commit
);

-- name: visit_exists
SELECT 1 AS found
FROM visit
WHERE id = :id;

-- name: visit_left_at
-- row: visit_time
SELECT at
FROM event
WHERE kind = 'visit' AND entity_id = :id AND to_state = 'left'
ORDER BY id DESC
LIMIT 1;

-- name: visit_admitted_at
-- row: visit_time
SELECT at
FROM visit_slip
WHERE visit_id = :id;

-- name: visit_slip_next
SELECT coalesce(max(seq), 0) + 1 AS seq
FROM visit_slip
WHERE day = :day;

-- name: visit_slip_insert
INSERT INTO visit_slip (visit_id, day, seq, number, gate, event_id, at, staff_id)
VALUES (:visit_id, :day, :seq, :number, :gate, :event_id, :at, :staff_id);

-- name: visit_latest_by_document
-- Recognition: the visitor's latest visit and how many there were.
SELECT
  v.id,
  w.visitor_name,
  w.phone,
  v.registered_at,
  (SELECT count(*) FROM visit x WHERE x.doc_number_hmac = :hmac) AS visits
FROM visit v
CROSS JOIN visit_now w ON w.id = v.id
WHERE v.doc_number_hmac = :hmac
ORDER BY v.id DESC
LIMIT 1;

-- name: visit_open_by_document
-- The visitor's latest visit not yet over (waiting to be let in, or inside): a second
-- registration while it is open is asked about.
SELECT v.id, v.registered_at, s.state, w.visitee_unit, w.visitee_name
FROM visit v
JOIN entity_state s ON s.kind = 'visit' AND s.entity_id = v.id
CROSS JOIN visit_now w ON w.id = v.id
WHERE v.doc_number_hmac = :hmac AND s.state IN ('registered', 'admitted')
ORDER BY v.id DESC
LIMIT 1;

-- name: visitor_ban_match
SELECT b.id, b.visitor_name, u.code, b.reason, s.name, b.at
FROM visitor_ban b
LEFT JOIN unit u ON u.id = b.unit_id
JOIN staff s ON s.id = b.staff_id
WHERE  b.doc_number_hmac = :hmac
  AND b.lifts IS NULL
  AND NOT EXISTS (SELECT 1 FROM visitor_ban l WHERE l.lifts = b.id)
  AND (b.unit_id IS NULL OR b.unit_id IS :unit_id OR :any_unit)
ORDER BY b.unit_id IS NOT NULL, b.id DESC
LIMIT 1;

-- name: visitor_ban_get
SELECT b.id, b.lifts, EXISTS (SELECT 1 FROM visitor_ban l WHERE l.lifts = b.id) AS lifted,
  b.doc_type, b.doc_number_hmac, b.doc_number_masked, b.visitor_name, b.unit_id
FROM visitor_ban b
WHERE b.id = :id;

-- name: visitor_ban_insert
-- An entry (lifts NULL), or the row that lifts one, with the entry's document.
INSERT INTO visitor_ban (
  lifts, doc_type, doc_number_hmac, doc_number_masked, visitor_name, unit_id, reason, at, staff_id, pii_salt, pii_commit
)
VALUES (
  :lifts, :doc_type, :doc_number_hmac, :doc_number_masked, :visitor_name, :unit_id, :reason, :at, :staff_id, :pii_salt, :pii_commit
);

-- name: visitor_ban_list
SELECT b.id, b.visitor_name, b.doc_type, b.doc_number_masked, u.code, b.reason, s.name, b.at
FROM visitor_ban b
LEFT JOIN unit u ON u.id = b.unit_id
JOIN staff s ON s.id = b.staff_id
WHERE  b.id < :after_id
  AND b.lifts IS NULL
  AND NOT EXISTS (SELECT 1 FROM visitor_ban l WHERE l.lifts = b.id)
ORDER BY b.id DESC
LIMIT :limit;

-- The privacy purge. Each table's rows still to forget are counted, then taken a batch
-- at a time (those cleared drop out of the next batch), each cleared by the one UPDATE
-- its trigger lets through.

-- name: visit_forget_count
-- row: forget_count
SELECT count(*) AS rows
FROM visit
WHERE doc_number_hmac <> '' AND registered_at < :cutoff;

-- name: visit_forget_next
-- row: forget
SELECT id, pii_commit IS NULL AS uncommitted
FROM visit
WHERE doc_number_hmac <> '' AND registered_at < :cutoff
ORDER BY registered_at
LIMIT :limit;

-- name: visit_forget
UPDATE visit
SET doc_number_clear = NULL, doc_number_hmac = '', doc_number_masked = '********', pii_salt = NULL
WHERE id = :id;

-- name: visitor_ban_forget_count
-- An entry lifted before the cutoff, and the row that lifted it.
-- row: forget_count
SELECT count(*) AS rows
FROM visitor_ban b
WHERE b.doc_number_hmac <> ''
  AND ((b.lifts IS NOT NULL AND b.at < :cutoff)
    OR EXISTS (SELECT 1 FROM visitor_ban l WHERE l.lifts = b.id AND l.at < :cutoff));

-- name: visitor_ban_forget_next
-- row: forget
SELECT b.id, b.pii_commit IS NULL AS uncommitted
FROM visitor_ban b
WHERE b.doc_number_hmac <> ''
  AND ((b.lifts IS NOT NULL AND b.at < :cutoff)
    OR EXISTS (SELECT 1 FROM visitor_ban l WHERE l.lifts = b.id AND l.at < :cutoff))
ORDER BY b.id
LIMIT :limit;

-- name: visitor_ban_forget
UPDATE visitor_ban
SET doc_number_hmac = '', doc_number_masked = '********', pii_salt = NULL
WHERE id = :id;

-- name: visit_purge_insert
INSERT INTO visit_purge (cutoff, retention_days, cleared, at, staff_id)
VALUES (:cutoff, :retention_days, :cleared, :at, :staff_id);

-- name: visit_export_history
-- What an export adds to each visit registered in [:from, :to), by visit then time:
-- its events with who did them and who approved (the duty manager at night), and its
-- corrections with the value each replaced (the correction before it, else the visit's
-- own value).
SELECT
  v.id AS visit_id,
  e.at,
  e.event,
  s.name AS staff,
  a.name AS approver,
  NULL AS field,
  NULL AS old_value,
  NULL AS new_value,
  NULL AS reason
FROM visit v
JOIN event e ON e.kind = 'visit' AND e.entity_id = v.id
JOIN staff s ON s.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
WHERE v.registered_at >= :from AND v.registered_at < :to
UNION ALL
SELECT
  v.id,
  c.at,
  NULL,
  s.name,
  NULL,
  c.field,
  CASE
    WHEN EXISTS (
      SELECT 1 FROM correction p
      WHERE p.tbl = 'visit' AND p.row_id = v.id AND p.field = c.field AND p.id < c.id
    ) THEN (
      SELECT p.value FROM correction p
      WHERE p.tbl = 'visit' AND p.row_id = v.id AND p.field = c.field AND p.id < c.id
      ORDER BY p.id DESC
      LIMIT 1
    )
    ELSE CASE c.field
      WHEN 'visitor_name' THEN v.visitor_name
      WHEN 'phone' THEN v.phone
      WHEN 'party_size' THEN CAST(v.party_size AS TEXT)
      WHEN 'purpose' THEN v.purpose
      WHEN 'visitee_name' THEN v.visitee_name
      WHEN 'visitee_position' THEN v.visitee_position
    END
  END,
  c.value,
  c.reason
FROM visit v
JOIN correction c ON c.tbl = 'visit' AND c.row_id = v.id
JOIN staff s ON s.id = c.staff_id
WHERE v.registered_at >= :from AND v.registered_at < :to
ORDER BY 1, 2;

-- name: derived_visitor_name
-- row: derived
-- Visits whose name is missing from the list of names: the search would not find them.
SELECT 'visitor_name' AS tbl, v.id AS row_id, 'expected' AS side
FROM visit v
WHERE v.visitor_name NOT IN (SELECT name FROM visitor_name)
ORDER BY 2;
