-- Notices: drafting, the steps, deliveries, the lists, one notice and its history.
-- Notices are read through the view notice_now (migration 130), which applies the
-- corrections. Lists page by keyset on (key, id).

-- name: notice_facts
-- What a step needs: the notice's kind and start, and whether a manager let its start
-- through.
SELECT n.kind, n.starts_at,
  EXISTS (SELECT 1 FROM notice_override o WHERE o.notice_id = n.id) AS overridden
FROM notice n
WHERE n.id = :id;

-- name: notice_insert
INSERT INTO notice (kind, title, body, place, starts_at, ends_at, at, staff_id)
VALUES (:kind, :title, :body, :place, :starts_at, :ends_at, :at, :staff_id);

-- name: notice_override_insert
INSERT INTO notice_override (notice_id, event_id, manager_id, reason, earliest, at, staff_id)
VALUES (:notice_id, :event_id, :manager_id, :reason, :earliest, :at, :staff_id);

-- name: notice_unit_by_code
-- A unit of the directory by its code as it reads now.
SELECT u.id, coalesce(
  (
    SELECT k.value FROM correction k
    WHERE k.tbl = 'unit' AND k.row_id = u.id AND k.field = 'code'
    ORDER BY k.id DESC LIMIT 1
  ), u.code
) AS code
FROM unit u
WHERE u.code = upper(:code) OR u.id IN (
  SELECT k.row_id FROM correction k WHERE k.tbl = 'unit' AND k.field = 'code' AND k.value = upper(:code)
)
ORDER BY u.id
LIMIT 1;

-- name: notice_delivered_to
SELECT id, event_id FROM notice_delivery WHERE notice_id = :notice_id AND unit_id = :unit_id;

-- name: notice_delivery_insert
INSERT INTO notice_delivery (notice_id, event_id, unit_id, unit, delivered_at, at, staff_id)
VALUES (:notice_id, :event_id, :unit_id, :unit, :delivered_at, :at, :staff_id);

-- name: notice_get
-- ---- reading ----
-- row: notice_full
SELECT
  n.id, n.kind, n.state, n.title, n.place, n.starts_at, n.ends_at, n.at, n.drafted_by,
  n.approved_by, n.deliveries, t.body, t.approved_at, t.issued_at, t.posted_at,
  t.taken_down_at, t.overridden_by, t.override_reason, t.corrected
FROM notice_now n
JOIN notice_steps t ON t.id = n.id
WHERE n.id = :id;

-- name: notice_list_current
-- Everything not taken down, newest first.
-- row: notice_row
SELECT
  id, kind, state, title, place, starts_at, ends_at, at, drafted_by, approved_by, deliveries
FROM notice_now
WHERE state IN ('draft', 'approved', 'issued', 'posted')
AND (:after = 0 OR id < :after_id)
AND (:text = '' OR instr(title, :text) > 0)
ORDER BY id DESC
LIMIT :limit;

-- name: notice_list_drafts
-- Awaiting approval, oldest first.
-- row: notice_row
SELECT
  id, kind, state, title, place, starts_at, ends_at, at, drafted_by, approved_by, deliveries
FROM notice_now
WHERE state = 'draft'
AND (:after = 0 OR id > :after_id)
AND (:text = '' OR instr(title, :text) > 0)
ORDER BY id
LIMIT :limit;

-- name: notice_list_posted
-- On the board, newest first.
-- row: notice_row
SELECT
  id, kind, state, title, place, starts_at, ends_at, at, drafted_by, approved_by, deliveries
FROM notice_now
WHERE state = 'posted'
AND (:after = 0 OR id < :after_id)
AND (:text = '' OR instr(title, :text) > 0)
ORDER BY id DESC
LIMIT :limit;

-- name: notice_list_take_down
-- Posted, and the event over by :now: the earliest ended first.
-- row: notice_row
SELECT
  id, kind, state, title, place, starts_at, ends_at, at, drafted_by, approved_by, deliveries
FROM notice_now
WHERE state = 'posted'
AND ends_at <= :now
AND (:after = 0 OR ends_at > :after_key OR (ends_at = :after_key AND id > :after_id))
AND (:text = '' OR instr(title, :text) > 0)
ORDER BY ends_at, id
LIMIT :limit;

-- name: notice_book_take_down
-- The handover book's: every notice posted whose event is over by :now, the earliest
-- ended first, with what the book shows of each (the lists' paging, search, signer and
-- deliveries cost it twice the reading).
-- row: notice_book_row
SELECT id, kind, state, title, place, starts_at, ends_at, at
FROM notice_now
WHERE state = 'posted' AND ends_at <= :now
ORDER BY ends_at, id;

-- name: notice_book_drafts
-- The handover book's: every draft awaiting its signature, oldest first.
-- row: notice_book_row
SELECT id, kind, state, title, place, starts_at, ends_at, at
FROM notice_now
WHERE state = 'draft'
ORDER BY id;

-- name: notice_list_all
-- All history, newest first.
-- row: notice_row
SELECT
  id, kind, state, title, place, starts_at, ends_at, at, drafted_by, approved_by, deliveries
FROM notice_now
WHERE (:after = 0 OR id < :after_id)
AND (:text = '' OR instr(title, :text) > 0)
ORDER BY id DESC
LIMIT :limit;

-- name: notice_between
-- ---- the daily log and the export ----
-- Drafted in [:from, :to), or with a step taken then, by number.
-- row: notice_full
SELECT
  n.id, n.kind, n.state, n.title, n.place, n.starts_at, n.ends_at, n.at, n.drafted_by,
  n.approved_by, n.deliveries, t.body, t.approved_at, t.issued_at, t.posted_at,
  t.taken_down_at, t.overridden_by, t.override_reason, t.corrected
FROM notice_now n
JOIN notice_steps t ON t.id = n.id
WHERE n.id IN (
  SELECT n.id FROM notice n WHERE n.at >= :from AND n.at < :to
  UNION
  SELECT e.entity_id FROM event e WHERE e.kind = 'notice' AND e.at >= :from AND e.at < :to
)
ORDER BY n.id;

-- name: notice_drafted_between
-- row: notice_full
SELECT
  n.id, n.kind, n.state, n.title, n.place, n.starts_at, n.ends_at, n.at, n.drafted_by,
  n.approved_by, n.deliveries, t.body, t.approved_at, t.issued_at, t.posted_at,
  t.taken_down_at, t.overridden_by, t.override_reason, t.corrected
FROM notice_now n
JOIN notice_steps t ON t.id = n.id
WHERE n.id IN (SELECT n.id FROM notice n WHERE n.at >= :from AND n.at < :to)
ORDER BY n.id;

-- name: notice_events
-- A notice's events, oldest first, with the approver, the override and the unit each
-- recorded.
SELECT
  e.id, e.event, e.at, f.name AS staff, a.name AS approver,
  m.name AS manager, o.reason, v.unit
FROM event e
JOIN staff f ON f.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
LEFT JOIN notice_override o ON o.event_id = e.id
LEFT JOIN staff m ON m.id = o.manager_id
LEFT JOIN notice_delivery v ON v.event_id = e.id
WHERE e.kind = 'notice' AND e.entity_id = :id
ORDER BY e.id, v.id;

-- name: notice_corrections
-- A notice's corrections, oldest first, each with the value it replaced.
SELECT
  k.id, k.field, k.value, k.reason, k.at, f.name AS staff,
  coalesce(
    (
      SELECT p.value FROM correction p
      WHERE p.tbl = 'notice' AND p.row_id = k.row_id AND p.field = k.field AND p.id < k.id
      ORDER BY p.id DESC LIMIT 1
    ),
    CASE k.field
      WHEN 'title' THEN n.title
      WHEN 'body' THEN n.body
      WHEN 'place' THEN n.place
      WHEN 'ends_at' THEN CAST(n.ends_at AS TEXT)
    END
  ) AS old_value
FROM correction k
JOIN staff f ON f.id = k.staff_id
JOIN notice n ON n.id = k.row_id
WHERE k.tbl = 'notice' AND k.row_id = :id
ORDER BY k.id;

-- name: notice_export_events
-- The events of the notices drafted in [:from, :to), in order, each with its approver,
-- override and unit.
SELECT
  e.entity_id AS notice_id, e.event, e.at, f.name AS staff, a.name AS approver,
  m.name AS manager, o.reason, v.unit, v.delivered_at
FROM notice n
JOIN event e ON e.kind = 'notice' AND e.entity_id = n.id
JOIN staff f ON f.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
LEFT JOIN notice_override o ON o.event_id = e.id
LEFT JOIN staff m ON m.id = o.manager_id
LEFT JOIN notice_delivery v ON v.event_id = e.id
WHERE n.at >= :from AND n.at < :to
ORDER BY e.id, v.id;

-- name: notice_export_corrections
-- The corrections of those notices, each with the value it replaced.
SELECT
  k.row_id AS notice_id, k.field, k.value AS new_value, k.reason, k.at, f.name AS staff,
  coalesce(
    (
      SELECT p.value FROM correction p
      WHERE p.tbl = 'notice' AND p.row_id = k.row_id AND p.field = k.field AND p.id < k.id
      ORDER BY p.id DESC LIMIT 1
    ),
    CASE k.field
      WHEN 'title' THEN n.title
      WHEN 'body' THEN n.body
      WHEN 'place' THEN n.place
      WHEN 'ends_at' THEN CAST(n.ends_at AS TEXT)
    END
  ) AS old_value
FROM notice n
JOIN correction k ON k.tbl = 'notice' AND k.row_id = n.id
JOIN staff f ON f.id = k.staff_id
WHERE n.at >= :from AND n.at < :to
ORDER BY k.id;

-- name: row_notice
-- ---- the audit chain's view of the rows ----
-- columns: any
SELECT * FROM notice WHERE id = :id;

-- name: ids_notice
-- row: record_ids
SELECT id FROM notice ORDER BY id;

-- name: row_notice_override
-- columns: any
SELECT * FROM notice_override WHERE id = :id;

-- name: ids_notice_override
-- row: record_ids
SELECT id FROM notice_override ORDER BY id;

-- name: row_notice_delivery
-- columns: any
SELECT * FROM notice_delivery WHERE id = :id;

-- name: ids_notice_delivery
-- row: record_ids
SELECT id FROM notice_delivery ORDER BY id;
