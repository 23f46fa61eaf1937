-- Carry-out and carry-in passes: the companies' authority on file, issuing, the steps at
-- the door, the lists, one pass and its history, the purge of carriers' documents.
-- Passes are read through the view pass_now (migration 110).
--
-- Lists page by keyset on (window_from, id).

-- name: pass_company
-- ---- a company and its authority ----
-- A company of the directory: its unit and its name as they read now.
SELECT o.id, o.unit_id,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'occupant' AND k.row_id = o.id
            AND k.field = 'name' ORDER BY k.id DESC LIMIT 1), o.name) AS name
FROM occupant o
WHERE o.id = :id AND o.kind = 'company';

-- name: pass_authority_current
-- row: pass_authority_row
SELECT a.id, a.company_id, a.kind, a.signer, a.valid_until, a.reason, a.at, f.name AS staff,
  NULL AS replaced_at, NULL AS replaced_by, NULL AS replaced_reason
FROM pass_authority_now a
JOIN staff f ON f.id = a.staff_id
WHERE a.company_id = :company_id;

-- name: pass_authority_history
-- Each record with the one that replaced it: when, by whom, why.
-- row: pass_authority_row
SELECT a.id, a.company_id, a.kind, a.signer, a.valid_until, a.reason, a.at, f.name AS staff,
  n.at AS replaced_at, nf.name AS replaced_by, n.reason AS replaced_reason
FROM pass_authority a
JOIN staff f ON f.id = a.staff_id
LEFT JOIN pass_authority n ON n.id = (SELECT min(b.id) FROM pass_authority b
                                      WHERE b.company_id = a.company_id AND b.id > a.id)
LEFT JOIN staff nf ON nf.id = n.staff_id
WHERE a.company_id = :company_id
ORDER BY a.id;

-- name: pass_authority_at
-- The record on file at :at: the latest filed before it, with the one that replaced it.
-- row: pass_authority_row
SELECT a.id, a.company_id, a.kind, a.signer, a.valid_until, a.reason, a.at, f.name AS staff,
  n.at AS replaced_at, nf.name AS replaced_by, n.reason AS replaced_reason
FROM pass_authority a
JOIN staff f ON f.id = a.staff_id
LEFT JOIN pass_authority n ON n.id = (SELECT min(b.id) FROM pass_authority b
                                      WHERE b.company_id = a.company_id AND b.id > a.id)
LEFT JOIN staff nf ON nf.id = n.staff_id
WHERE a.company_id = :company_id AND a.at < :at
ORDER BY a.id DESC
LIMIT 1;

-- name: pass_authority_insert
INSERT INTO pass_authority (company_id, kind, signer, valid_until, replaces, reason, at, staff_id)
VALUES (:company_id, :kind, :signer, :valid_until, :replaces, :reason, :at, :staff_id);

-- name: pass_insert
-- ---- issuing and the steps ----
INSERT INTO pass (
  direction, company_id, unit_id, carrier, doc_type, doc_number_clear, doc_number_hmac,
  doc_number_masked, pii_salt, pii_commit, day, window_from, window_to, scheduled, sealed,
  signer, authority_id, at, staff_id
) VALUES (
  :direction, :company_id, :unit_id, :carrier, :doc_type, :doc_number_clear, :doc_number_hmac,
  :doc_number_masked, :pii_salt, :pii_commit, :day, :window_from, :window_to, :scheduled, :sealed,
  :signer, :authority_id, :at, :staff_id
);

-- name: pass_item_insert
INSERT INTO pass_item (pass_id, line, name, quantity, measure)
VALUES (:pass_id, :line, :name, :quantity, :measure);

-- name: pass_refusal_insert
INSERT INTO pass_refusal (pass_id, event_id, hazard, reason, at, staff_id)
VALUES (:pass_id, :event_id, :hazard, :reason, :at, :staff_id);

-- name: pass_facts
-- What a step needs: that the pass exists, and its window.
SELECT window_from, window_to
FROM pass
WHERE id = :id;

-- name: pass_get
-- ---- reading ----
-- row: pass_row
SELECT
  id, state, direction, company_id, unit_id, company, unit, carrier, doc_type,
  doc_number_clear, doc_number_masked, day, window_from, window_to, scheduled, sealed, signer,
  at, issued_by, closed_at, closed_by, void_reason, hazard, refusal_reason, lines, goods
FROM pass_now
WHERE id = :id;

-- name: pass_list_desk
-- Today's passes, and every one still issued from another day: by window.
-- row: pass_row
SELECT
  id, state, direction, company_id, unit_id, company, unit, carrier, doc_type,
  doc_number_clear, doc_number_masked, day, window_from, window_to, scheduled, sealed, signer,
  at, issued_by, closed_at, closed_by, void_reason, hazard, refusal_reason, lines, goods
FROM pass_now
WHERE id IN (
  SELECT p.id FROM pass p WHERE p.day = :today
  UNION
  SELECT s.entity_id FROM entity_state s WHERE s.kind = 'pass' AND s.state = 'issued'
)
AND (:after = 0 OR window_from > :after_key OR (window_from = :after_key AND id > :after_id))
ORDER BY window_from, id
LIMIT :limit;

-- name: pass_list_open
-- Scheduled passes whose window ended before :now, still issued: by window.
-- row: pass_row
SELECT
  id, state, direction, company_id, unit_id, company, unit, carrier, doc_type,
  doc_number_clear, doc_number_masked, day, window_from, window_to, scheduled, sealed, signer,
  at, issued_by, closed_at, closed_by, void_reason, hazard, refusal_reason, lines, goods
FROM pass_now
WHERE id IN (
  SELECT p.id FROM entity_state s JOIN pass p ON p.id = s.entity_id
  WHERE s.kind = 'pass' AND s.state = 'issued' AND p.scheduled = 1 AND p.window_to <= :now
)
AND (:after = 0 OR window_from > :after_key OR (window_from = :after_key AND id > :after_id))
ORDER BY window_from, id
LIMIT :limit;

-- name: pass_search_text
-- The carrier, the company or the unit code starting with :text (the company and unit
-- as the directory names them now; a unit code, kept in upper case, also typed in lower
-- case); empty text lists the whole history. Newest window
-- first. The candidates come by index, from the names as stored and as corrected; the
-- last test keeps those whose name reads so now.
-- row: pass_row
SELECT
  id, state, direction, company_id, unit_id, company, unit, carrier, doc_type,
  doc_number_clear, doc_number_masked, day, window_from, window_to, scheduled, sealed, signer,
  at, issued_by, closed_at, closed_by, void_reason, hazard, refusal_reason, lines, goods
FROM pass_now
WHERE id IN (
  SELECT p.id FROM pass p WHERE p.carrier >= :text AND p.carrier < :text || char(1114111)
  UNION
  SELECT p.id FROM occupant o JOIN pass p ON p.company_id = o.id
  WHERE o.name >= :text AND o.name < :text || char(1114111)
  UNION
  SELECT p.id FROM unit u JOIN pass p ON p.unit_id = u.id
  WHERE u.code >= upper(:text) AND u.code < upper(:text) || char(1114111)
  UNION
  SELECT p.id FROM correction k JOIN pass p ON p.company_id = k.row_id
  WHERE k.tbl = 'occupant' AND k.field = 'name' AND k.value >= :text AND k.value < :text || char(1114111)
  UNION
  SELECT p.id FROM correction k JOIN pass p ON p.unit_id = k.row_id
  WHERE k.tbl = 'unit' AND k.field = 'code' AND k.value >= upper(:text)
  AND k.value < upper(:text) || char(1114111)
)
AND (carrier >= :text AND carrier < :text || char(1114111)
     OR company >= :text AND company < :text || char(1114111)
     OR unit >= upper(:text) AND unit < upper(:text) || char(1114111))
AND (:after = 0 OR window_from < :after_key OR (window_from = :after_key AND id < :after_id))
ORDER BY window_from DESC, id DESC
LIMIT :limit;

-- name: pass_between
-- The passes whose day is in [:from, :to), by number: the daily log and the export.
-- row: pass_row
SELECT
  id, state, direction, company_id, unit_id, company, unit, carrier, doc_type,
  doc_number_clear, doc_number_masked, day, window_from, window_to, scheduled, sealed, signer,
  at, issued_by, closed_at, closed_by, void_reason, hazard, refusal_reason, lines, goods
FROM pass_now
WHERE id IN (SELECT p.id FROM pass p WHERE p.day >= :from AND p.day < :to)
ORDER BY id;

-- name: pass_items
SELECT line, name, quantity, measure
FROM pass_item
WHERE pass_id = :id
ORDER BY line;

-- name: pass_events
-- A pass's events, oldest first, with the refusal's danger and reason.
SELECT e.event, e.note, e.at, f.name AS staff, r.hazard, r.reason
FROM event e
JOIN staff f ON f.id = e.staff_id
LEFT JOIN pass_refusal r ON r.event_id = e.id
WHERE e.kind = 'pass' AND e.entity_id = :id
ORDER BY e.id;

-- name: pass_forget_count
-- ---- the privacy purge (see visitors.sql): carriers' documents ----
-- A pass whose window ended before the cutoff.
-- row: forget_count
SELECT count(*) AS rows
FROM pass
WHERE doc_number_hmac <> '' AND window_to < :cutoff;

-- name: pass_forget_next
-- row: forget
SELECT id, pii_commit IS NULL AS uncommitted
FROM pass
WHERE doc_number_hmac <> '' AND window_to < :cutoff
ORDER BY window_to
LIMIT :limit;

-- name: pass_forget
UPDATE pass
SET doc_number_clear = NULL, doc_number_hmac = '', doc_number_masked = '********', pii_salt = NULL
WHERE id = :id;

-- name: pass_overdue_count
-- ---- the counter ----
-- Scheduled passes whose window ended before :now, still issued.
SELECT count(*) AS passes
FROM entity_state s
JOIN pass p ON p.id = s.entity_id
WHERE s.kind = 'pass' AND s.state = 'issued' AND p.scheduled = 1 AND p.window_to <= :now;
