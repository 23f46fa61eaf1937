-- Complaints, survey opinions and special services: intake, deadlines, assignments,
-- rectifications, return visits, the derived table of open complaints, the views, the
-- export and the monthly figures.

-- Patterns the statements below repeat, written out in each:
--
-- A field of a record as it reads now: its latest correction, else the row's value
-- (in column, when the field is not stored under its own name). A complaint's fields
-- are read so from the view complaint_now, a deadline's from complaint_deadline_now
-- (schema 95).
--
-- A complaint row: id, sort, state, complainant, unit, content, category, severity,
-- department and received_at of complaint_now, then due_at and escalated_by from
-- complaint_open. Named, not c.*: the view's columns for one complaint's page would
-- cost every list row (complaints.open went from 1.30 to 1.47 of its floor).
--
-- Open views walk complaint_open in (due_at, complaint_id) order from the keyset.
--
-- Searches cover the whole history, newest first, keyed on (received_at, id).
--
-- The first deadline of a kind (what the in-time shares measure against) and the
-- newest one.

-- name: complaint_occupant
-- ---- intake ----
SELECT
  o.id,
  o.unit_id,
  coalesce(
    (
      SELECT k.value
      FROM correction k
      WHERE k.tbl = 'unit' AND k.row_id = u.id AND k.field = 'code'
      ORDER BY k.id DESC
      LIMIT 1
    ), u.code
  ) AS unit,
  coalesce(
    (
      SELECT k.value
      FROM correction k
      WHERE k.tbl = 'occupant' AND k.row_id = o.id AND k.field = 'name'
      ORDER BY k.id DESC
      LIMIT 1
    ), o.name
  ) AS name,
  coalesce(
    (
      SELECT k.value
      FROM correction k
      WHERE k.tbl = 'occupant' AND k.row_id = o.id AND k.field = 'phone'
      ORDER BY k.id DESC
      LIMIT 1
    ), o.phone
  ) AS phone
FROM occupant o
JOIN unit u ON u.id = o.unit_id
WHERE o.id = :id;

-- name: complaint_unit
SELECT coalesce(
  (
    SELECT k.value
    FROM correction k
    WHERE k.tbl = 'unit' AND k.row_id = u.id AND k.field = 'code'
    ORDER BY k.id DESC
    LIMIT 1
  ), u.code
) AS code
FROM unit u
WHERE u.id = :id;

-- name: complaint_phone
SELECT c.phone
FROM complaint_now c
WHERE c.id = :id;

-- name: complaint_insert
INSERT INTO complaint (
  sort, occupant_id, complainant, unit_id, unit, phone_clear, phone_hmac, channel, content, category, severity, received_at, at, staff_id
)
VALUES (
  :sort, :occupant_id, :complainant, :unit_id, :unit, :phone_clear, :phone_hmac, :channel, :content, :category, :severity, :received_at, :at, :staff_id
);

-- name: complaint_deadline_insert
INSERT INTO complaint_deadline (
  complaint_id, event_id, what, rule, counted_from, due_at, at, staff_id
)
VALUES (:complaint_id, :event_id, :what, :rule, :counted_from, :due_at, :at, :staff_id);

-- name: complaint_assignment_insert
INSERT INTO complaint_assignment (complaint_id, event_id, department, at, staff_id)
VALUES (:complaint_id, :event_id, :department, :at, :staff_id);

-- name: complaint_rectification_insert
INSERT INTO complaint_rectification (
  complaint_id, event_id, measures, result, done_by, done_at, at, staff_id
)
VALUES (:complaint_id, :event_id, :measures, :result, :done_by, :done_at, :at, :staff_id);

-- name: complaint_visit_insert
INSERT INTO complaint_visit (
  complaint_id, event_id, visited_at, method, result, satisfaction, ack, ack_phone_clear, ack_phone_hmac, at, staff_id
)
VALUES (
  :complaint_id, :event_id, :visited_at, :method, :result, :satisfaction, :ack, :ack_phone_clear, :ack_phone_hmac, :at, :staff_id
);

-- name: complaint_facts
-- What the rules of a later step need: sort, severity, when it was received, the
-- current department, when it was last rectified, and who took it over.
SELECT
  c.sort,
  c.severity,
  c.taken_at AS received_at,
  c.department,
  (
    SELECT r.done_at
    FROM complaint_rectification r
    WHERE r.complaint_id = c.id
    ORDER BY r.id DESC
    LIMIT 1
  ) AS rectified_at,
  (
    SELECT s.name
    FROM complaint_open o
    JOIN staff s ON s.id = o.escalated_by
    WHERE o.complaint_id = c.id
  ) AS escalated_by
FROM complaint_now c
WHERE c.id = :id;

-- name: complaint_referral
-- The hand-over to the CS manager still waiting for one to accept it: the newest
-- refer event with no escalate (a taking-over) after it.
SELECT
  e.at,
  st.name AS staff_name,
  e.note
FROM event e
JOIN staff st ON st.id = e.staff_id
WHERE e.kind = 'complaint' AND e.entity_id = :id AND e.event = 'refer'
  AND NOT EXISTS (
    SELECT 1
    FROM event x
    WHERE x.kind = 'complaint' AND x.entity_id = e.entity_id AND x.event = 'escalate' AND x.id > e.id
  )
ORDER BY e.id DESC
LIMIT 1;

-- name: complaint_deadlines
SELECT
  dl.id,
  dl.what,
  dl.rule,
  dl.counted_from,
  dl.due_at
FROM complaint_deadline_now dl
WHERE dl.complaint_id = :id
ORDER BY dl.id;

-- name: complaint_open_delete
-- ---- the derived table ----
DELETE FROM complaint_open
WHERE complaint_id = :id;

-- name: complaint_open_refresh
INSERT INTO complaint_open (complaint_id, due_at, department, escalated_by)
SELECT complaint_id, due_at, department, escalated_by
FROM complaint_open_expected
WHERE complaint_id = :id;

-- name: derived_complaint_open
-- row: derived
-- Rows that differ from what the records derive, from either side.
SELECT 'complaint_open' AS tbl, complaint_id AS row_id, 'expected' AS side
FROM (SELECT * FROM complaint_open_expected EXCEPT SELECT * FROM complaint_open)
UNION ALL SELECT 'complaint_open', complaint_id, 'stored'
FROM (SELECT * FROM complaint_open EXCEPT SELECT * FROM complaint_open_expected)
ORDER BY 2, 3;

-- name: complaint_list_open
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_open o
JOIN complaint_now c ON c.id = o.complaint_id
WHERE (o.due_at, o.complaint_id) > (:after_key, :after_id)
ORDER BY o.due_at, o.complaint_id
LIMIT :limit;

-- name: complaint_list_overdue
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_open o
JOIN complaint_now c ON c.id = o.complaint_id
WHERE o.due_at < :now AND (o.due_at, o.complaint_id) > (:after_key, :after_id)
ORDER BY o.due_at, o.complaint_id
LIMIT :limit;

-- name: complaint_list_department
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_open o
JOIN complaint_now c ON c.id = o.complaint_id
WHERE o.department = :department AND (o.due_at, o.complaint_id) > (:after_key, :after_id)
ORDER BY o.due_at, o.complaint_id
LIMIT :limit;

-- name: complaint_list_referred
-- Open complaints handed to the CS manager and not yet accepted, soonest due first.
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_open o
JOIN complaint_now c ON c.id = o.complaint_id
WHERE o.escalated_by IS NULL
  AND EXISTS (
    SELECT 1
    FROM event e
    WHERE e.kind = 'complaint' AND e.entity_id = o.complaint_id AND e.event = 'refer'
  )
  AND (o.due_at, o.complaint_id) > (:after_key, :after_id)
ORDER BY o.due_at, o.complaint_id
LIMIT :limit;

-- name: complaint_count_overdue
SELECT count(*) AS overdue
FROM complaint_open
WHERE due_at < :now;

-- The searches below find within a view (:scope): 'all' history, the 'open', the
-- 'overdue' at :now, one 'department''s, or those 'referred' to the CS manager and not
-- yet accepted — what the lists above show.

-- name: complaint_search_content
-- What is typed found anywhere, newest first: complainants containing it, units starting
-- with it, and any part of what the complaint says, as taken in or corrected. The
-- history is walked from the newest and the walk ends at a page: a name the desk
-- hears often is found among the last complaints, where gathering every match first
-- read all of them for every search; a rare one walks the whole history, as the
-- gathering did. The view is checked only in a view (complaint_open, one seek a row).
-- row: complaint_row
WITH m(id) AS (
  SELECT c.id
  FROM complaint c
  WHERE (c.received_at, c.id) < (:after_key, :after_id)
    AND (instr(c.complainant, :text) > 0
      OR (c.unit >= :unit_lo AND c.unit < :unit_hi)
      OR instr(c.content, :text) > 0
      OR c.id IN (
        SELECT row_id
        FROM correction
        WHERE tbl = 'complaint' AND field = 'content' AND instr(value, :text) > 0
      ))
    AND (:scope = 'all' OR EXISTS (
      SELECT 1
      FROM complaint_open o
      WHERE o.complaint_id = c.id
        AND (:scope = 'open'
          OR (:scope = 'overdue' AND o.due_at < :now)
          OR (:scope = 'department' AND o.department = :department)
          OR (:scope = 'referred' AND o.escalated_by IS NULL AND EXISTS (
            SELECT 1 FROM event e WHERE e.kind = 'complaint' AND e.entity_id = o.complaint_id AND e.event = 'refer')))))
  ORDER BY c.received_at DESC, c.id DESC
  LIMIT :limit
)
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM m
CROSS JOIN complaint_now c ON c.id = m.id
LEFT JOIN complaint_open o ON o.complaint_id = c.id
ORDER BY c.received_at DESC, c.id DESC;

-- name: complaint_search_phone
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_now c
LEFT JOIN complaint_open o ON o.complaint_id = c.id
WHERE c.phone_hmac = :phone_hmac AND (c.received_at, c.id) < (:after_key, :after_id)
  AND (:scope = 'all'
    OR (:scope = 'open' AND o.complaint_id IS NOT NULL)
    OR (:scope = 'overdue' AND o.due_at < :now)
    OR (:scope = 'department' AND o.department = :department)
    OR (:scope = 'referred' AND o.escalated_by IS NULL AND EXISTS (
      SELECT 1 FROM event e WHERE e.kind = 'complaint' AND e.entity_id = o.complaint_id AND e.event = 'refer')))
ORDER BY c.received_at DESC, c.id DESC
LIMIT :limit;

-- name: complaint_search_id
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_now c
LEFT JOIN complaint_open o ON o.complaint_id = c.id
WHERE c.id = :id AND (c.received_at, c.id) < (:after_key, :after_id)
  AND (:scope = 'all'
    OR (:scope = 'open' AND o.complaint_id IS NOT NULL)
    OR (:scope = 'overdue' AND o.due_at < :now)
    OR (:scope = 'department' AND o.department = :department)
    OR (:scope = 'referred' AND o.escalated_by IS NULL AND EXISTS (
      SELECT 1 FROM event e WHERE e.kind = 'complaint' AND e.entity_id = o.complaint_id AND e.event = 'refer')))
LIMIT :limit;

-- name: complaint_search_all
-- row: complaint_row
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM complaint_now c
LEFT JOIN complaint_open o ON o.complaint_id = c.id
WHERE (c.received_at, c.id) < (:after_key, :after_id)
ORDER BY c.received_at DESC, c.id DESC
LIMIT :limit;

-- name: complaint_touched
-- row: complaint_row
-- Received, rectified or visited in [:from, :to) — a day's log — or with another step
-- (assigned, handed over, taken over, closed) or a correction written then, by number: the ranges walk their time indexes (the
-- rectification's: migration 070; the event's and correction's: 096) and only their
-- complaints are read.
SELECT
  c.id, c.sort, c.state, c.complainant, c.unit, c.content, c.category, c.severity,
  c.department, c.received_at, o.due_at, o.escalated_by
FROM (
  SELECT id
  FROM complaint
  WHERE received_at >= :from AND received_at < :to
  UNION SELECT complaint_id
  FROM complaint_rectification
  WHERE done_at >= :from AND done_at < :to
  UNION SELECT complaint_id
  FROM complaint_visit
  WHERE visited_at >= :from AND visited_at < :to
  UNION SELECT entity_id
  FROM event
  WHERE kind = 'complaint' AND at >= :from AND at < :to
    AND event NOT IN ('receive', 'serve', 'rectify', 'reopen', 'visit')
  UNION SELECT row_id
  FROM correction
  WHERE tbl = 'complaint' AND at >= :from AND at < :to
) m
CROSS JOIN complaint_now c ON c.id = m.id
LEFT JOIN complaint_open o ON o.complaint_id = c.id
ORDER BY c.id;

-- name: complaint_get
-- ---- one complaint ----
SELECT
  c.id,
  c.sort,
  c.state,
  c.occupant_id,
  c.unit_id,
  c.complainant,
  c.unit,
  c.phone,
  c.content,
  c.channel,
  c.category,
  c.severity,
  c.department,
  r.name AS received_by,
  c.taken_at AS received_at,
  o.due_at,
  (
    SELECT dl.what
    FROM complaint_deadline_now dl
    WHERE dl.complaint_id = c.id
    ORDER BY dl.id DESC
    LIMIT 1
  ) AS deadline_what,
  x.name AS escalated_by
FROM complaint_now c
JOIN staff r ON r.id = c.staff_id
LEFT JOIN complaint_open o ON o.complaint_id = c.id
LEFT JOIN staff x ON x.id = o.escalated_by
WHERE c.id = :id;

-- name: complaint_as_taken
-- The intake's fields as taken in, before any correction: where a timeline's
-- corrections start from, to show each one's old value.
SELECT
  c.complainant,
  c.unit,
  c.phone_clear AS phone,
  c.channel,
  c.category,
  c.severity,
  c.content,
  c.received_at
FROM complaint c
WHERE c.id = :id;

-- name: complaint_timeline
-- Events with what each recorded, and corrections of the intake, in the order they
-- were written: a correction goes after the last event written before it (the chain's
-- entries give the order; events are written in the order of their ids).
SELECT
  e.at,
  e.id AS written_after,
  e.id,
  e.event,
  e.from_state,
  e.to_state,
  st.name AS staff_name,
  ap.name AS approver_name,
  e.note,
  a.department,
  r.measures,
  coalesce(r.result, v.result) AS result,
  r.done_by,
  coalesce(r.done_at, v.visited_at) AS done_at,
  v.method,
  v.satisfaction,
  v.ack,
  v.ack_phone_clear,
  dl.due_at,
  dl.what,
  NULL AS field,
  NULL AS value
FROM event e
JOIN staff st ON st.id = e.staff_id
LEFT JOIN staff ap ON ap.id = e.approver_id
LEFT JOIN complaint_assignment a ON a.event_id = e.id
LEFT JOIN complaint_rectification r ON r.event_id = e.id
LEFT JOIN complaint_visit v ON v.event_id = e.id
LEFT JOIN complaint_deadline_now dl ON dl.event_id = e.id
WHERE e.kind = 'complaint' AND e.entity_id = :id
UNION ALL SELECT
  k.at,
  coalesce((
    SELECT p.row_id FROM audit p
    WHERE p.tbl = 'event' AND p.id < (SELECT c.id FROM audit c WHERE c.tbl = 'correction' AND c.row_id = k.id)
    ORDER BY p.id DESC
    LIMIT 1
  ), 0) + 0.5,
  k.id,
  'correct',
  NULL,
  NULL,
  st.name,
  NULL,
  k.reason,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  k.field,
  k.value
FROM correction k
JOIN staff st ON st.id = k.staff_id
WHERE k.tbl = 'complaint' AND k.row_id = :id
ORDER BY 2, 3;

-- name: complaint_export
SELECT
  c.id,
  c.sort,
  c.taken_at AS received_at,
  rs.name AS received_by,
  c.complainant,
  c.unit,
  c.phone,
  c.channel,
  c.category,
  c.severity,
  c.content,
  c.department,
  c.state,
  (
    SELECT dl.due_at
    FROM complaint_deadline_now dl
    WHERE dl.complaint_id = c.id AND dl.what = 'rectify'
    ORDER BY dl.id
    LIMIT 1
  ) AS rectify_due,
  (
    SELECT t.done_at
    FROM complaint_rectification t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS rectified_at,
  (
    SELECT t.measures
    FROM complaint_rectification t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS measures,
  (
    SELECT t.result
    FROM complaint_rectification t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS result,
  (
    SELECT dl.due_at
    FROM complaint_deadline_now dl
    WHERE dl.complaint_id = c.id AND dl.what = 'visit'
    ORDER BY dl.id
    LIMIT 1
  ) AS visit_due,
  (
    SELECT t.visited_at
    FROM complaint_visit t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS visited_at,
  (
    SELECT t.satisfaction
    FROM complaint_visit t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS satisfaction,
  (
    SELECT t.ack
    FROM complaint_visit t
    WHERE t.complaint_id = c.id
    ORDER BY t.id DESC
    LIMIT 1
  ) AS ack,
  (
    SELECT xs.name
    FROM event e
    JOIN staff xs ON xs.id = coalesce(e.approver_id, e.staff_id)
    WHERE e.kind = 'complaint' AND e.entity_id = c.id AND e.event = 'escalate'
    ORDER BY e.id DESC
    LIMIT 1
  ) AS escalated_by,
  o.due_at,
  (
    SELECT e.at
    FROM event e
    WHERE e.kind = 'complaint' AND e.entity_id = c.id AND e.event = 'close'
    ORDER BY e.id DESC
    LIMIT 1
  ) AS closed_at,
  f.complainant AS first_complainant,
  f.unit AS first_unit,
  f.phone_clear AS first_phone,
  f.channel AS first_channel,
  f.category AS first_category,
  f.severity AS first_severity,
  f.content AS first_content
FROM complaint_now c
JOIN complaint f ON f.id = c.id
JOIN staff rs ON rs.id = c.staff_id
LEFT JOIN complaint_open o ON o.complaint_id = c.id
WHERE c.received_at >= :from AND c.received_at < :to
ORDER BY c.received_at, c.id;

-- name: complaint_month_counts
SELECT c.sort, c.category, c.severity, count(*) AS complaints
FROM complaint_now c
WHERE c.received_at >= :from AND c.received_at < :to
GROUP BY c.sort, c.category, c.severity
ORDER BY c.sort, c.category, c.severity;

-- name: complaint_month_in_time
-- Of the month's complaints and survey opinions (by the month received): those to be
-- rectified whose first rectify-by has passed or that were rectified (the share's
-- denominator), those rectified by it, and those neither rectified nor yet due; the
-- same for return visits, whose visit-by is set once rectified. A complaint not yet
-- due is in no share: it can still be on time.
SELECT
  count(*) FILTER (
    WHERE sort <> 'special' AND (rectify_due <= :now OR EXISTS (
      SELECT 1 FROM complaint_rectification r WHERE r.complaint_id = x.id
    ))
  ) AS to_rectify,
  count(*) FILTER (
    WHERE sort <> 'special' AND EXISTS (
      SELECT 1
      FROM complaint_rectification r
      WHERE r.complaint_id = x.id AND r.done_at <= x.rectify_due
    )
  ) AS rectified_in_time,
  count(*) FILTER (
    WHERE sort <> 'special' AND NOT coalesce(rectify_due <= :now, 0) AND NOT EXISTS (
      SELECT 1 FROM complaint_rectification r WHERE r.complaint_id = x.id
    )
  ) AS rectify_not_due,
  count(*) FILTER (
    WHERE visit_due IS NOT NULL AND (visit_due <= :now OR EXISTS (
      SELECT 1 FROM complaint_visit v WHERE v.complaint_id = x.id
    ))
  ) AS to_visit,
  count(*) FILTER (
    WHERE visit_due IS NOT NULL AND EXISTS (
      SELECT 1
      FROM complaint_visit v
      WHERE  v.complaint_id = x.id
        AND v.visited_at >= x.visit_from
        AND v.visited_at <= x.visit_due
    )
  ) AS visited_in_time,
  count(*) FILTER (
    WHERE visit_due IS NOT NULL AND NOT visit_due <= :now AND NOT EXISTS (
      SELECT 1 FROM complaint_visit v WHERE v.complaint_id = x.id
    )
  ) AS visit_not_due
FROM (
  SELECT
    c.id,
    c.sort,
    (
      SELECT dl.due_at
      FROM complaint_deadline_now dl
      WHERE dl.complaint_id = c.id AND dl.what = 'rectify'
      ORDER BY dl.id
      LIMIT 1
    ) AS rectify_due,
    (
      SELECT dl.due_at
      FROM complaint_deadline_now dl
      WHERE dl.complaint_id = c.id AND dl.what = 'visit'
      ORDER BY dl.id
      LIMIT 1
    ) AS visit_due,
    (
      SELECT dl.counted_from
      FROM complaint_deadline_now dl
      WHERE dl.complaint_id = c.id AND dl.what = 'visit'
      ORDER BY dl.id
      LIMIT 1
    ) AS visit_from
  FROM complaint c
  WHERE c.received_at >= :from AND c.received_at < :to
) x;

-- name: complaint_month_satisfaction
-- The month's complaints (by the month received, like every figure of the month) by
-- the satisfaction of their latest return visit.
SELECT v.satisfaction, count(*) AS visits
FROM complaint c
JOIN complaint_visit v ON v.id = (
  SELECT max(l.id) FROM complaint_visit l WHERE l.complaint_id = c.id
)
WHERE c.received_at >= :from AND c.received_at < :to
GROUP BY v.satisfaction;
