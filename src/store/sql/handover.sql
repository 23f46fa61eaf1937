-- The duty handover book: shifts, entries, follow-ups and their progress, handover
-- attempts with their open items, marks and inventory counts, and the full-text index
-- of the entries. Lists are keyset-paged along an index; a shift's own lines (entries
-- for the report, open items, counts) are bounded by the shift.

-- Entries and shifts are read from the views of schema 95: shift_entry_now, each entry
-- with its corrections applied (a field's latest correction, else the entry's own
-- value; a correction to "" clears it), whose e.* are the columns
-- fd_handover_read_entry reads, in its order; and shift_now, each shift with its state,
-- people and end, whose s.* are the columns fd_handover_read_shift reads.

-- name: ho_shift_insert
-- ---- shifts ----
INSERT INTO shift (manager_id, start_at, handover_id, at, staff_id)
VALUES (:manager_id, :start_at, :handover_id, :at, :staff_id);

-- name: ho_shift_in_hand
-- The shift in hand (open or handing over); there is at most one.
SELECT entity_id
FROM entity_state
WHERE kind = 'shift' AND state IN ('open', 'handing_over')
ORDER BY entity_id DESC
LIMIT 1;

-- name: ho_shift_latest
-- The newest shift's start and, when it was signed over, its end.
SELECT s.start_at, s.signed_at
FROM shift_now s
ORDER BY s.start_at DESC, s.id DESC
LIMIT 1;

-- name: ho_shift_basics
SELECT manager_id, start_at
FROM shift
WHERE id = :id;

-- name: ho_shift_get
-- row: shift
SELECT s.*
FROM shift_now s
WHERE s.id = :id;

-- name: ho_shift_page
-- row: shift
SELECT s.*
FROM shift_now s
WHERE (s.start_at, s.id) < (:last_start, :last_id)
ORDER BY s.start_at DESC, s.id DESC
LIMIT :limit;

-- name: ho_entry_insert
-- ---- entries ----
INSERT INTO shift_entry (
  shift_id, kind, at, content, reporter, given_by, relayed_to, handling, superior, result, follow_up, follow_mark, reported_to, reported_at, recorded_at, staff_id
)
VALUES (
  :shift_id, :kind, :at, :content, :reporter, :given_by, :relayed_to, :handling, :superior, :result, :follow_up, :follow_mark, :reported_to, :reported_at, :recorded_at, :staff_id
);

-- name: ho_entry_basics
-- What the rules about an entry need: its shift, kind, author, mark and time.
SELECT shift_id, kind, staff_id, follow_mark, at
FROM shift_entry
WHERE id = :id;

-- name: ho_entry_get
-- row: shift_entry
SELECT e.*
FROM shift_entry_now e
WHERE e.id = :id;

-- name: ho_entry_page
-- row: shift_entry
SELECT e.*
FROM shift_entry_now e
WHERE e.shift_id = :shift_id AND (e.at, e.id) > (:last_at, :last_id)
ORDER BY e.at, e.id
LIMIT :limit;

-- name: ho_entry_by_kind
-- row: shift_entry
-- The report: a shift's entries by kind, in the manual's order, then by time.
SELECT e.*
FROM shift_entry_now e
WHERE e.shift_id = :shift_id
ORDER BY CASE e.kind WHEN 'duty' THEN 0 WHEN 'incident' THEN 1 WHEN 'memo' THEN 2 WHEN 'instruction' THEN 3 ELSE 4 END, e.at, e.id;

-- name: ho_entry_corrections
SELECT c.field, c.value, c.reason, st.name, c.at
FROM correction c
JOIN staff st ON st.id = c.staff_id
WHERE c.tbl = 'shift_entry' AND c.row_id = :id
ORDER BY c.id;

-- name: ho_staff_name
SELECT name
FROM staff
WHERE id = :id;

-- name: ho_search_index
-- ---- search ----
INSERT INTO shift_entry_search (rowid, body)
VALUES (:rowid, :body);

-- name: ho_search_page
-- row: shift_entry
-- A page of entries matching :query, newest first: entries whose own text matches
-- (rowid > 0), entries one of whose corrections matches (rowid < 0), and entries one of
-- whose progress notes holds the words (:like, a walk of the progress notes).
WITH p(id) AS (
  SELECT id
  FROM (
    SELECT rowid AS id
    FROM shift_entry_search
    WHERE shift_entry_search MATCH :query AND rowid > 0 AND rowid < :after_id
    ORDER BY rowid DESC
    LIMIT :limit
  )
  UNION SELECT c.row_id
  FROM shift_entry_search x
  JOIN correction c ON c.id = -x.rowid
  WHERE shift_entry_search MATCH :query AND x.rowid < 0 AND c.row_id < :after_id
  UNION SELECT pr.entry_id
  FROM shift_progress pr
  WHERE pr.note LIKE :like ESCAPE '\' AND pr.entry_id < :after_id
  ORDER BY 1 DESC
  LIMIT :limit
)
SELECT e.*
FROM p
JOIN shift_entry_now e ON e.id = p.id
ORDER BY e.id DESC;

-- name: ho_progress_insert
-- ---- follow-ups ----
INSERT INTO shift_progress (
  entry_id, shift_id, note, done, reported_to, reported_at, at, staff_id
)
VALUES (:entry_id, :shift_id, :note, :done, :reported_to, :reported_at, :at, :staff_id);

-- name: ho_followup_unprogressed
-- The first follow-up carried into :shift_id that has no progress recorded there.
SELECT
  e.id,
  e.content,
  (
    SELECT m.name
    FROM shift sh
    JOIN staff m ON m.id = sh.manager_id
    WHERE sh.id = e.shift_id
  ) AS manager,
  count(*) OVER () AS waiting
FROM entity_state s
JOIN shift_entry e ON e.id = s.entity_id
WHERE  s.kind = 'shift_followup'
  AND s.state IN ('open', 'progress')
  AND e.shift_id <> :shift_id
  AND NOT EXISTS (
    SELECT 1 FROM shift_progress p WHERE p.entry_id = e.id AND p.shift_id = :shift_id
  )
ORDER BY e.id
LIMIT 1;

-- name: ho_followup_count
SELECT count(*) AS followups
FROM entity_state
WHERE kind = 'shift_followup' AND state IN ('open', 'progress');

-- name: ho_followup_page
-- row: shift_entry
WITH p(id) AS (
  SELECT entity_id
  FROM entity_state
  WHERE kind = 'shift_followup' AND state IN ('open', 'progress') AND entity_id > :after_id
  ORDER BY entity_id
  LIMIT :limit
)
SELECT
  e.*,
  (
    SELECT pr.note
    FROM shift_progress pr
    WHERE pr.entry_id = e.id
    ORDER BY pr.id DESC
    LIMIT 1
  ) AS progress_note,
  (
    SELECT coalesce(pt.done_at, pr.at)
    FROM shift_progress pr
    LEFT JOIN shift_progress_time pt ON pt.progress_id = pr.id
    WHERE pr.entry_id = e.id
    ORDER BY pr.id DESC
    LIMIT 1
  ) AS progress_at,
  (
    SELECT count(*)
    FROM shift_handover_item hi
    JOIN shift_handover_end he ON he.handover_id = hi.handover_id AND he.outcome = 'signed'
    WHERE hi.source = 'followup' AND hi.ref_id = e.id
  ) AS carried,
  EXISTS (
    SELECT 1 FROM shift_progress pr WHERE pr.entry_id = e.id AND pr.shift_id = :shift_id
  ) AS progressed_here
FROM p
JOIN shift_entry_now e ON e.id = p.id
ORDER BY e.id;

-- name: ho_followup_trail
-- An item's trail across shifts, in time order: 0 written, 1 progress, 2 done, 3 carried
-- on by a signed handover. At the same instant a shift's own steps come before the next
-- shift's (a carry is filed under the shift that handed over).
SELECT
  step,
  at,
  shift_id,
  (
    SELECT m.name
    FROM shift sh
    JOIN staff m ON m.id = sh.manager_id
    WHERE sh.id = t.shift_id
  ) AS manager,
  (SELECT name FROM staff WHERE id = t.staff_id) AS staff_name,
  (SELECT name FROM staff WHERE id = t.taken_by) AS taken_by_name,
  text,
  reported_to,
  reported_at
FROM (
  SELECT
    0 AS step,
    e.at AS at,
    e.shift_id AS shift_id,
    e.staff_id AS staff_id,
    NULL AS taken_by,
    e.content AS text,
    e.reported_to AS reported_to,
    e.reported_at AS reported_at,
    0 AS seq
  FROM shift_entry_now e
  WHERE e.id = :entry_id
  UNION ALL SELECT
    1 + p.done,
    coalesce((SELECT pt.done_at FROM shift_progress_time pt WHERE pt.progress_id = p.id), p.at),
    p.shift_id,
    p.staff_id,
    NULL,
    p.note,
    p.reported_to,
    p.reported_at,
    p.id
  FROM shift_progress p
  WHERE p.entry_id = :entry_id
  UNION ALL SELECT
    3,
    he.at,
    h.shift_id,
    he.outgoing_id,
    he.incoming_id,
    (
      SELECT mk.note
      FROM shift_handover_mark mk
      WHERE mk.item_id = hi.id
      ORDER BY mk.id DESC
      LIMIT 1
    ),
    NULL,
    NULL,
    hi.id
  FROM shift_handover_item hi
  JOIN shift_handover h ON h.id = hi.handover_id
  JOIN shift_handover_end he ON he.handover_id = h.id AND he.outcome = 'signed'
  WHERE hi.source = 'followup' AND hi.ref_id = :entry_id
) t
ORDER BY at, shift_id, step, seq;

-- name: ho_progress_by_shift
-- The report: progress recorded in a shift.
SELECT
  p.id,
  p.entry_id,
  e.kind,
  e.content,
  e.shift_id,
  p.note,
  p.done,
  p.reported_to,
  p.reported_at,
  st.name AS staff_name,
  coalesce((SELECT pt.done_at FROM shift_progress_time pt WHERE pt.progress_id = p.id), p.at) AS at
FROM shift_progress p
JOIN shift_entry_now e ON e.id = p.entry_id
JOIN staff st ON st.id = p.staff_id
WHERE p.shift_id = :shift_id
ORDER BY p.id;

-- name: ho_handover_insert
-- ---- handing over ----
INSERT INTO shift_handover (shift_id, at, staff_id)
VALUES (:shift_id, :at, :staff_id);

-- name: ho_handover_latest
-- The shift's latest attempt, and whether it has ended.
SELECT
  h.id,
  EXISTS (SELECT 1 FROM shift_handover_end he WHERE he.handover_id = h.id) AS ended
FROM shift_handover h
WHERE h.shift_id = :shift_id
ORDER BY h.id DESC
LIMIT 1;

-- name: ho_handover_attempts
-- A supervised takeover ends its attempt as signed by the supervisor; it reads as taken
-- over, naming the holder who left, with the takeover's reason.
SELECT
  h.id,
  h.at,
  coalesce(hd.name, o.name) AS staff_name,
  CASE WHEN tk.id IS NOT NULL THEN 'taken_over' ELSE he.outcome END AS outcome,
  i.name AS incoming_name,
  coalesce(tk.reason, he.reason) AS reason,
  he.at AS ended_at,
  sv.name AS supervisor_name
FROM shift_handover h
JOIN staff o ON o.id = h.staff_id
LEFT JOIN shift_handover_end he ON he.handover_id = h.id
LEFT JOIN staff i ON i.id = he.incoming_id
LEFT JOIN shift_takeover tk ON tk.handover_id = h.id
LEFT JOIN staff hd ON hd.id = tk.holder_id
LEFT JOIN staff sv ON sv.id = tk.supervisor_id
WHERE h.shift_id = :shift_id
ORDER BY h.id;

-- name: ho_handover_previous
-- The attempt before this one in the same shift: its marks and counts are kept.
SELECT h.id
FROM shift_handover h
WHERE h.shift_id = :shift_id AND h.id < :handover_id
ORDER BY h.id DESC
LIMIT 1;

-- name: ho_progress_time_insert
INSERT INTO shift_progress_time (progress_id, done_at, at, staff_id)
VALUES (:progress_id, :done_at, :at, :staff_id);

-- name: ho_takeover_insert
INSERT INTO shift_takeover (
  handover_id, holder_id, supervisor_id, incoming_id, reason, at, staff_id
)
VALUES (:handover_id, :holder_id, :supervisor_id, :incoming_id, :reason, :at, :staff_id);

-- name: ho_handover_end_insert
INSERT INTO shift_handover_end (
  handover_id, outcome, outgoing_id, incoming_id, reason, at, staff_id
)
VALUES (:handover_id, :outcome, :outgoing_id, :incoming_id, :reason, :at, :staff_id);

-- name: ho_item_insert
INSERT INTO shift_handover_item (
  handover_id, source, sort, ref_id, ref, name, detail, since, due_at, age_days, at, staff_id
)
VALUES (
  :handover_id, :source, :sort, :ref_id, :ref, :name, :detail, :since, :due_at, :age_days, :at, :staff_id
);

-- name: ho_item_handover
SELECT h.shift_id, h.id
FROM shift_handover_item hi
JOIN shift_handover h ON h.id = hi.handover_id
WHERE hi.id = :id;

-- name: ho_item_list
SELECT
  hi.id,
  hi.source,
  hi.ref_id,
  hi.ref,
  hi.name,
  hi.detail,
  hi.since,
  hi.due_at,
  hi.age_days,
  (
    SELECT mk.mark
    FROM shift_handover_mark mk
    WHERE mk.item_id = hi.id
    ORDER BY mk.id DESC
    LIMIT 1
  ) AS mark,
  (
    SELECT mk.note
    FROM shift_handover_mark mk
    WHERE mk.item_id = hi.id
    ORDER BY mk.id DESC
    LIMIT 1
  ) AS note,
  (
    SELECT st.name
    FROM shift_handover_mark mk
    JOIN staff st ON st.id = mk.staff_id
    WHERE mk.item_id = hi.id
    ORDER BY mk.id DESC
    LIMIT 1
  ) AS marked_by,
  hi.sort
FROM shift_handover_item hi
WHERE hi.handover_id = :handover_id
ORDER BY hi.id;

-- name: ho_item_marks
-- The marks an attempt keeps: each marked item's latest mark, its note and who made it
-- (fd_handover_kept_marks). One look at the marks per item, where ho_item_list's three
-- columns took three: the handover list reads these for every item of the handover
-- that began the shift.
-- row: ho_mark
SELECT hi.source, hi.ref_id, mk.mark, mk.note, st.name AS marked_by
FROM shift_handover_item hi
JOIN shift_handover_mark mk
  ON mk.id = (SELECT max(m.id) FROM shift_handover_mark m WHERE m.item_id = hi.id)
LEFT JOIN staff st ON st.id = mk.staff_id
WHERE hi.handover_id = :handover_id AND mk.mark IS NOT NULL
ORDER BY hi.id;

-- name: ho_item_notes
-- The notes a handover handed its items over with: each item whose newest mark has one
-- (fd_handover_handed_notes). Only the items with a noted mark are looked at.
-- row: ho_mark
SELECT hi.source, hi.ref_id, mk.mark, mk.note, st.name AS marked_by
FROM shift_handover_item hi
JOIN shift_handover_mark mk ON mk.item_id = hi.id AND mk.note IS NOT NULL AND mk.note <> ''
LEFT JOIN staff st ON st.id = mk.staff_id
WHERE hi.handover_id = :handover_id
  AND NOT EXISTS (SELECT 1 FROM shift_handover_mark later WHERE later.item_id = hi.id AND later.id > mk.id)
ORDER BY hi.id;

-- name: ho_shift_taken_over_with
-- The handover that began the shift: the marks and notes it was handed over with.
SELECT handover_id
FROM shift
WHERE id = :shift_id AND handover_id IS NOT NULL;

-- name: ho_item_unmarked
SELECT hi.id
FROM shift_handover_item hi
WHERE  hi.handover_id = :handover_id
  AND NOT EXISTS (SELECT 1 FROM shift_handover_mark mk WHERE mk.item_id = hi.id)
ORDER BY hi.id;

-- name: ho_item_unmarked_count
-- The one count of the items without a mark: the held mail (summed up on one line of
-- the book) apart from the items listed one by one.
SELECT
  coalesce(sum(hi.source = :held_source), 0) AS held_mail,
  coalesce(sum(hi.source <> :held_source), 0) AS items
FROM shift_handover_item hi
WHERE  hi.handover_id = :handover_id
  AND NOT EXISTS (SELECT 1 FROM shift_handover_mark mk WHERE mk.item_id = hi.id);

-- name: ho_item_unmarked_source
SELECT hi.id
FROM shift_handover_item hi
WHERE  hi.handover_id = :handover_id
  AND hi.source = :source
  AND NOT EXISTS (SELECT 1 FROM shift_handover_mark mk WHERE mk.item_id = hi.id)
ORDER BY hi.id;

-- name: ho_mark_insert
INSERT INTO shift_handover_mark (item_id, mark, note, at, staff_id)
VALUES (:item_id, :mark, :note, :at, :staff_id);

-- name: ho_count_insert
INSERT INTO shift_handover_count (
  handover_id, item, side, counted, expected, explanation, at, staff_id
)
VALUES (:handover_id, :item, :side, :counted, :expected, :explanation, :at, :staff_id);

-- name: ho_count_latest
SELECT counted, expected, explanation
FROM shift_handover_count
WHERE handover_id = :handover_id AND item = :item AND side = :side
ORDER BY id DESC
LIMIT 1;

-- name: ho_count_taken_over
-- The count of an item confirmed when the shift was taken over.
SELECT c.counted
FROM shift s
JOIN shift_handover_count c ON c.handover_id = s.handover_id
WHERE s.id = :shift_id AND c.item = :item AND c.side = 'in'
ORDER BY c.id DESC
LIMIT 1;

-- name: ho_count_items
SELECT DISTINCT item
FROM shift_handover_count
WHERE handover_id = :handover_id
ORDER BY item;

-- name: ho_export_entries
-- row: shift_entry
-- Streamed row by row into the export file.
SELECT e.*, s.taken_over_by, s.signed_at
FROM shift_now s
JOIN shift_entry_now e ON e.shift_id = s.id
WHERE s.start_at >= :from AND s.start_at < :to
ORDER BY s.start_at, s.id, e.at, e.id;

-- name: ho_export_shifts
-- The shifts that started in [:from, :to), whose entries an export writes.
SELECT id
FROM shift
WHERE start_at >= :from AND start_at < :to
ORDER BY start_at, id;

-- name: ho_export_corrections
-- The corrections of the entries of those shifts, by entry, each with the value it
-- replaced (the correction before it, else the entry's own value; a later note has
-- none before its first).
SELECT
  e.id AS entry_id,
  e.kind,
  c.field,
  CASE
    WHEN c.has_previous THEN c.previous
    ELSE CASE c.field
      WHEN 'content' THEN e.content
      WHEN 'reporter' THEN e.reporter
      WHEN 'given_by' THEN e.given_by
      WHEN 'relayed_to' THEN e.relayed_to
      WHEN 'handling' THEN e.handling
      WHEN 'superior' THEN e.superior
      WHEN 'result' THEN e.result
      WHEN 'follow_up' THEN e.follow_up
      WHEN 'reported_to' THEN e.reported_to
    END
  END AS old_value,
  c.value AS new_value,
  c.reason,
  s.name AS staff,
  c.at
FROM shift sh
JOIN shift_entry e ON e.shift_id = sh.id
JOIN correction_previous c ON c.tbl = 'shift_entry' AND c.row_id = e.id
JOIN staff s ON s.id = c.staff_id
WHERE sh.start_at >= :from AND sh.start_at < :to
ORDER BY e.id, c.id;
