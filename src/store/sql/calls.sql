-- The hotline and walk-in register: intake, answers, referrals, the lists, one entry and
-- its history. Entries are read through the view call_now (migration 100), which applies
-- the corrections.
--
-- Lists page by keyset on (received_at, id): newest first, except the open view.

-- name: call_unit_by_code
-- ---- intake ----
-- A unit of the directory by its code as it reads now.
SELECT u.id, coalesce(
  (
    SELECT k.value
    FROM correction k
    WHERE k.tbl = 'unit' AND k.row_id = u.id AND k.field = 'code'
    ORDER BY k.id DESC
    LIMIT 1
  ), u.code
) AS code
FROM unit u
WHERE u.code = upper(:code) OR u.id IN (
  SELECT k.row_id FROM correction k WHERE k.tbl = 'unit' AND k.field = 'code' AND k.value = upper(:code)
)
ORDER BY u.id
LIMIT 1;

-- name: call_occupant_phone
-- The phone of the caller picked from the directory, as it reads now (NULL: none).
SELECT phone
FROM occupant_now
WHERE id = :id;

-- name: call_unit_by_id
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

-- name: call_facts
-- What a step needs: that the entry exists, and whether it has an answer.
SELECT (SELECT count(*) FROM call_answer a WHERE a.call_id = c.id) AS answers
FROM call_entry c
WHERE c.id = :id;

-- name: call_for_complaint
-- What the complaint's intake takes from the entry, as it reads now, the phone in clear;
-- the complaint came in when the entry did.
SELECT caller, unit_id, unit, phone, channel, question, received_at, complaint_id
FROM call_now
WHERE id = :id;

-- name: call_complaint_insert
INSERT INTO call_complaint (call_id, event_id, complaint_id, at, staff_id)
VALUES (:call_id, :event_id, :complaint_id, :at, :staff_id);

-- name: call_insert
INSERT INTO call_entry (
  received_at, channel, caller, unit_id, unit, phone_clear, phone_hmac, matter, question, at, staff_id
) VALUES (
  :received_at, :channel, :caller, :unit_id, :unit, :phone_clear, :phone_hmac, :matter, :question, :at, :staff_id
);

-- name: call_answer_insert
INSERT INTO call_answer (call_id, event_id, answer, at, staff_id)
VALUES (:call_id, :event_id, :answer, :at, :staff_id);

-- name: call_referral_insert
INSERT INTO call_referral (call_id, event_id, department, person, at, staff_id)
VALUES (:call_id, :event_id, :department, :person, :at, :staff_id);

-- name: call_get
-- ---- reading ----
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id = :id;

-- name: call_list_desk
-- Received since :since, and every entry still open from before: newest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id IN (
  SELECT c.id FROM call_entry c WHERE c.received_at >= :since
  UNION
  SELECT s.entity_id FROM entity_state s WHERE s.kind = 'call' AND s.state = 'open'
)
AND (:after = 0 OR received_at < :after_key OR (received_at = :after_key AND id < :after_id))
ORDER BY received_at DESC, id DESC
LIMIT :limit;

-- name: call_list_open
-- Every entry still open, oldest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id IN (SELECT s.entity_id FROM entity_state s WHERE s.kind = 'call' AND s.state = 'open')
AND (:after = 0 OR received_at > :after_key OR (received_at = :after_key AND id > :after_id))
ORDER BY received_at, id
LIMIT :limit;

-- name: call_search_phone
-- The whole phone as taken in, by its HMAC (so also once purged), or :part in the
-- phone as it reads now: anywhere for a reader of phones in full (:in_full), for any
-- other among the digits a mask shows (up to three at its start, four at its end).
-- Newest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE (phone_hmac = :phone_hmac
       OR (instr(phone, :part) > 0
           AND (:in_full OR (length(:part) <= 3 AND substr(phone, 1, length(:part)) = :part)
                OR (length(:part) <= 4 AND substr(phone, -length(:part)) = :part))))
AND (:after = 0 OR received_at < :after_key OR (received_at = :after_key AND id < :after_id))
ORDER BY received_at DESC, id DESC
LIMIT :limit;

-- name: call_search_text
-- The caller or the unit code starting with :text (a code of the directory, kept in
-- upper case, also in lower case), or the matter one of :matters (the names, a JSON
-- array, of those whose label starts with it), as taken in or as corrected; empty text
-- lists the whole history. Newest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id IN (
  SELECT c.id FROM call_entry c WHERE c.caller >= :text AND c.caller < :text || char(1114111)
  UNION
  SELECT c.id FROM call_entry c WHERE c.unit >= :text AND c.unit < :text || char(1114111)
  UNION
  SELECT c.id FROM call_entry c WHERE c.unit >= upper(:text) AND c.unit < upper(:text) || char(1114111)
  UNION
  SELECT c.id FROM call_entry c WHERE c.matter IN (SELECT value FROM json_each(:matters))
  UNION
  SELECT k.row_id FROM correction k
  WHERE k.tbl = 'call_entry' AND k.field IN ('caller', 'unit')
  AND k.value >= :text AND k.value < :text || char(1114111)
  UNION
  SELECT k.row_id FROM correction k
  WHERE k.tbl = 'call_entry' AND k.field = 'unit'
  AND k.value >= upper(:text) AND k.value < upper(:text) || char(1114111)
  UNION
  SELECT k.row_id FROM correction k
  WHERE k.tbl = 'call_entry' AND k.field = 'matter'
  AND k.value IN (SELECT value FROM json_each(:matters))
)
AND (:after = 0 OR received_at < :after_key OR (received_at = :after_key AND id < :after_id))
ORDER BY received_at DESC, id DESC
LIMIT :limit;

-- name: call_list_suggestions
-- Every entry whose matter is (or was corrected to) a suggestion: newest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE matter = 'suggestion'
AND (:after = 0 OR received_at < :after_key OR (received_at = :after_key AND id < :after_id))
ORDER BY received_at DESC, id DESC
LIMIT :limit;

-- name: call_events
-- An entry's events with what each recorded, oldest first: the taking, its question as
-- taken in (corrections follow as lines of their own).
SELECT
  e.id, e.event, e.note, e.at, f.name AS staff,
  a.answer, r.department, r.person, x.complaint_id, p.id AS repair_id,
  CASE e.event WHEN 'take' THEN c.question END AS question
FROM event e
JOIN staff f ON f.id = e.staff_id
JOIN call_entry c ON c.id = e.entity_id
LEFT JOIN call_answer a ON a.event_id = e.id
LEFT JOIN call_referral r ON r.event_id = e.id
LEFT JOIN call_complaint x ON x.event_id = e.id
LEFT JOIN call_repair p ON p.event_id = e.id
WHERE e.kind = 'call' AND e.entity_id = :id
ORDER BY e.id;

-- name: call_corrections
-- An entry's corrections, oldest first, with the value as taken in for the first.
SELECT
  k.id, k.field, k.value, k.reason, k.at, f.name AS staff,
  CASE k.field
    WHEN 'caller' THEN c.caller
    WHEN 'unit' THEN c.unit
    WHEN 'phone' THEN c.phone_clear
    WHEN 'channel' THEN c.channel
    WHEN 'matter' THEN c.matter
    WHEN 'question' THEN c.question
  END AS original
FROM correction k
JOIN staff f ON f.id = k.staff_id
JOIN call_entry c ON c.id = k.row_id
WHERE k.tbl = 'call_entry' AND k.row_id = :id
ORDER BY k.id;

-- name: call_between
-- ---- a day's entries: the daily log and the export ----
-- The entries received in [:from, :to), by number.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id IN (SELECT c.id FROM call_entry c WHERE c.received_at >= :from AND c.received_at < :to)
ORDER BY id;

-- name: call_export_steps
-- The answers and referrals of those entries, in the order given.
SELECT e.entity_id AS call_id, e.at, f.name AS staff, a.answer, r.department, r.person
FROM call_entry c
JOIN event e ON e.kind = 'call' AND e.entity_id = c.id
JOIN staff f ON f.id = e.staff_id
LEFT JOIN call_answer a ON a.event_id = e.id
LEFT JOIN call_referral r ON r.event_id = e.id
WHERE c.received_at >= :from AND c.received_at < :to
AND (a.id IS NOT NULL OR r.id IS NOT NULL)
ORDER BY e.id;

-- name: call_export_corrections
-- The corrections of those entries, each with the value it replaced: the correction of
-- the same field before it, else the value taken in.
SELECT
  k.row_id AS call_id, k.field, k.value AS new_value, k.reason, k.at, f.name AS staff,
  coalesce(
    (
      SELECT p.value
      FROM correction p
      WHERE p.tbl = 'call_entry' AND p.row_id = k.row_id AND p.field = k.field AND p.id < k.id
      ORDER BY p.id DESC
      LIMIT 1
    ),
    CASE k.field
      WHEN 'caller' THEN c.caller
      WHEN 'unit' THEN c.unit
      WHEN 'phone' THEN c.phone_clear
      WHEN 'channel' THEN c.channel
      WHEN 'matter' THEN c.matter
      WHEN 'question' THEN c.question
    END
  ) AS old_value
FROM call_entry c
JOIN correction k ON k.tbl = 'call_entry' AND k.row_id = c.id
JOIN staff f ON f.id = k.staff_id
WHERE c.received_at >= :from AND c.received_at < :to
ORDER BY k.id;

-- name: call_open_count
-- ---- counters ----
-- row: call_tally
SELECT count(*) AS entries
FROM entity_state
WHERE kind = 'call' AND state = 'open';

-- name: call_suggestions_between
-- ---- suggestions collected for the office ----
-- The suggestions received in [:from, :to), oldest first.
-- row: call_row
SELECT
  id, state, channel, matter, received_at, received_by, caller, unit_id, unit, phone,
  question, answer, answers, department, person, closed_at, corrected, complaint_id,
  repair_id, repair_state
FROM call_now
WHERE id IN (SELECT c.id FROM call_entry c WHERE c.received_at >= :from AND c.received_at < :to)
AND matter = 'suggestion'
ORDER BY received_at, id;

-- name: call_for_repair
-- ---- repair requests (migration 140) ----
-- What the request takes from the entry, as it reads now.
SELECT unit_id, unit, matter, question, repair_id
FROM call_now
WHERE id = :id;

-- name: call_repair_insert
INSERT INTO call_repair (call_id, event_id, what, unit_id, unit, department, person, at, staff_id)
VALUES (:call_id, :event_id, :what, :unit_id, :unit, :department, :person, :at, :staff_id);

-- name: call_repair_done_insert
INSERT INTO call_repair_done (repair_id, event_id, reported_by, done_at, work, at, staff_id)
VALUES (:repair_id, :event_id, :reported_by, :done_at, :work, :at, :staff_id);

-- name: call_repair_get
-- row: repair_row
SELECT
  r.id, r.call_id, r.state, r.what, r.unit, r.department, r.person, r.at, r.handed_by,
  r.reported_by, r.done_at, r.work, r.cancelled_at, r.cancel_reason, r.corrected,
  (SELECT c.caller FROM call_now c WHERE c.id = r.call_id) AS caller
FROM call_repair_now r
WHERE r.id = :id;

-- name: call_repairs_open
-- Requests still with engineering, oldest first.
-- row: repair_row
SELECT
  r.id, r.call_id, r.state, r.what, r.unit, r.department, r.person, r.at, r.handed_by,
  r.reported_by, r.done_at, r.work, r.cancelled_at, r.cancel_reason, r.corrected,
  (SELECT c.caller FROM call_now c WHERE c.id = r.call_id) AS caller
FROM call_repair_now r
WHERE r.id IN (SELECT s.entity_id FROM entity_state s WHERE s.kind = 'repair' AND s.state = 'handed')
ORDER BY r.at, r.id;

-- name: call_repairs_open_count
-- row: call_tally
SELECT count(*) AS entries
FROM entity_state
WHERE kind = 'repair' AND state = 'handed';

-- name: call_repair_events
-- A request's events with what each recorded, oldest first.
SELECT
  e.id, e.event, e.note, e.at, f.name AS staff, r.department, r.person, d.reported_by, d.work
FROM event e
JOIN staff f ON f.id = e.staff_id
LEFT JOIN call_repair r ON r.id = e.entity_id AND e.event = 'hand'
LEFT JOIN call_repair_done d ON d.event_id = e.id
WHERE e.kind = 'repair' AND e.entity_id = :id
ORDER BY e.id;

-- name: call_repair_corrections
-- A request's corrections, oldest first, with the value as handed over.
SELECT
  k.id, k.field, k.value, k.reason, k.at, f.name AS staff,
  CASE k.field WHEN 'what' THEN r.what WHEN 'person' THEN r.person END AS original
FROM correction k
JOIN staff f ON f.id = k.staff_id
JOIN call_repair r ON r.id = k.row_id
WHERE k.tbl = 'call_repair' AND k.row_id = :id
ORDER BY k.id;

-- name: call_export_repairs
-- The requests made of the entries received in [:from, :to), with their close-out.
SELECT
  r.call_id, r.id, r.state, r.what, r.department, r.person, r.at, r.handed_by,
  r.reported_by, r.done_at, r.work, r.cancelled_at, r.cancel_reason
FROM call_repair_now r
JOIN call_entry c ON c.id = r.call_id
WHERE c.received_at >= :from AND c.received_at < :to
ORDER BY r.id;

-- name: row_call_repair
-- columns: any
SELECT *
FROM call_repair
WHERE id = :id;

-- name: ids_call_repair
-- row: record_ids
SELECT id
FROM call_repair
ORDER BY id;

-- name: row_call_repair_done
-- columns: any
SELECT *
FROM call_repair_done
WHERE id = :id;

-- name: ids_call_repair_done
-- row: record_ids
SELECT id
FROM call_repair_done
ORDER BY id;
