-- Renovations, workers' passes, hot-work permits and the daily tools register (migration
-- 120). Renovations, passes and tools are read through the views renovation_now,
-- work_pass_now and work_tools_now, which apply extensions, renewals and ends.

-- name: works_unit_by_code
-- ---- a renovation ----
-- A unit of the directory by its code as it reads now.
-- row: works_unit
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

-- name: works_unit_by_id
-- row: works_unit
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
WHERE u.id = :id;

-- name: renovation_insert
INSERT INTO renovation (
  unit_id, unit, owner, contractor, site_manager, starts_on, ends_on, deposit, deposit_receipt,
  at, staff_id
) VALUES (
  :unit_id, :unit, :owner, :contractor, :site_manager, :starts_on, :ends_on, :deposit,
  :deposit_receipt, :at, :staff_id
);

-- name: renovation_extension_insert
INSERT INTO renovation_extension (renovation_id, event_id, until_on, request, at, staff_id)
VALUES (:renovation_id, :event_id, :until_on, :request, :at, :staff_id);

-- name: renovation_close_insert
INSERT INTO renovation_close (renovation_id, event_id, refunded, refund_receipt, at, staff_id)
VALUES (:renovation_id, :event_id, :refunded, :refund_receipt, :at, :staff_id);

-- name: renovation_get
-- row: renovation_row
SELECT
  id, state, unit_id, unit, owner, contractor, site_manager, starts_on, ends_on, extensions,
  deposit, deposit_receipt, passes_out, refunded, refund_receipt, at, completed_at, opened_by,
  corrected
FROM renovation_now
WHERE id = :id;

-- name: renovation_list_active
-- Every renovation still active, by its term's last day.
-- row: renovation_row
SELECT
  id, state, unit_id, unit, owner, contractor, site_manager, starts_on, ends_on, extensions,
  deposit, deposit_receipt, passes_out, refunded, refund_receipt, at, completed_at, opened_by,
  corrected
FROM renovation_now
WHERE id IN (SELECT s.entity_id FROM entity_state s WHERE s.kind = 'renovation' AND s.state = 'active')
ORDER BY ends_on, id;

-- name: renovation_search
-- Every renovation, finished ones too, whose unit, owner or contractor (as corrected)
-- contains :text, letters in any case: those under way first, by their last day.
-- row: renovation_row
SELECT
  id, state, unit_id, unit, owner, contractor, site_manager, starts_on, ends_on, extensions,
  deposit, deposit_receipt, passes_out, refunded, refund_receipt, at, completed_at, opened_by,
  corrected
FROM renovation_now
WHERE instr(upper(unit), upper(:text)) > 0 OR instr(owner, :text) > 0
OR instr(upper(contractor), upper(:text)) > 0
ORDER BY state = 'completed', ends_on, id
LIMIT :limit;

-- name: work_pass_insert
-- ---- passes ----
INSERT INTO work_pass (
  renovation_id, worker, doc_type, doc_number_clear, doc_number_hmac, doc_number_masked,
  pii_salt, pii_commit, signer_role, signer, valid_until, received, deposit, receipt, at, staff_id
) VALUES (
  :renovation_id, :worker, :doc_type, :doc_number_clear, :doc_number_hmac, :doc_number_masked,
  :pii_salt, :pii_commit, :signer_role, :signer, :valid_until, :received, :deposit, :receipt,
  :at, :staff_id
);

-- name: work_pass_photo_insert
INSERT INTO work_pass_photo (pass_id, at, staff_id) VALUES (:pass_id, :at, :staff_id);

-- name: work_pass_renewal_insert
INSERT INTO work_pass_renewal (pass_id, event_id, until_on, at, staff_id)
VALUES (:pass_id, :event_id, :until_on, :at, :staff_id);

-- name: work_pass_end_insert
INSERT INTO work_pass_end (pass_id, event_id, pass_back, receipt_shown, refunded, refund_receipt, at, staff_id)
VALUES (:pass_id, :event_id, :pass_back, :receipt_shown, :refunded, :refund_receipt, :at, :staff_id);

-- name: work_pass_get
-- row: work_pass_row
SELECT
  id, renovation_id, state, unit, contractor, worker, doc_type, doc_number_clear,
  doc_number_masked, signer_role, signer, valid_until, received, deposit, refunded, receipt,
  refund_receipt, at, ended_at, issued_by, photo, corrected
FROM work_pass_now
WHERE id = :id;

-- name: work_pass_list_due
-- The passes still issued whose last day is on or before :by, and whose unit, worker or
-- contractor contains :text ('': any), letters in any case: soonest first.
-- row: work_pass_row
SELECT
  id, renovation_id, state, unit, contractor, worker, doc_type, doc_number_clear,
  doc_number_masked, signer_role, signer, valid_until, received, deposit, refunded, receipt,
  refund_receipt, at, ended_at, issued_by, photo, corrected
FROM work_pass_now
WHERE id IN (SELECT s.entity_id FROM entity_state s WHERE s.kind = 'work_pass' AND s.state = 'issued')
AND valid_until <= :by
AND (:text = '' OR instr(upper(unit), upper(:text)) > 0 OR instr(upper(worker), upper(:text)) > 0
     OR instr(upper(contractor), upper(:text)) > 0)
ORDER BY valid_until, id
LIMIT :limit;

-- name: work_pass_list_of
-- row: work_pass_row
SELECT
  id, renovation_id, state, unit, contractor, worker, doc_type, doc_number_clear,
  doc_number_masked, signer_role, signer, valid_until, received, deposit, refunded, receipt,
  refund_receipt, at, ended_at, issued_by, photo, corrected
FROM work_pass_now
WHERE renovation_id = :renovation_id
ORDER BY id;

-- name: hot_work_insert
-- ---- hot-work permits ----
INSERT INTO hot_work (renovation_id, welder, certificate, work, starts_at, ends_at, approver_id, at, staff_id)
VALUES (:renovation_id, :welder, :certificate, :work, :starts_at, :ends_at, :approver_id, :at, :staff_id);

-- name: hot_work_facts
SELECT renovation_id FROM hot_work WHERE id = :id;

-- name: hot_work_list_of
-- row: hot_work_row
SELECT
  h.id, h.renovation_id, r.unit, h.welder, h.certificate, h.work, h.starts_at, h.ends_at,
  f.name AS approver,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'hot_work' AND s.entity_id = h.id) AS state
FROM hot_work h
JOIN renovation r ON r.id = h.renovation_id
JOIN staff f ON f.id = h.approver_id
WHERE h.renovation_id = :renovation_id
ORDER BY h.id;

-- name: hot_work_list_open
-- Every permit whose site is not yet cleared.
-- row: hot_work_row
SELECT
  h.id, h.renovation_id, r.unit, h.welder, h.certificate, h.work, h.starts_at, h.ends_at,
  f.name AS approver, s.state
FROM hot_work h
JOIN entity_state s ON s.kind = 'hot_work' AND s.entity_id = h.id AND s.state = 'approved'
JOIN renovation r ON r.id = h.renovation_id
JOIN staff f ON f.id = h.approver_id
ORDER BY h.id;

-- name: renovation_loose_end
-- What stops a renovation from completing: a hot-work site not cleared, else tools not
-- carried out; the first of them.
SELECT kind, id, what FROM (
  SELECT 'hot_work' AS kind, h.id AS id, h.welder AS what
  FROM hot_work h
  JOIN entity_state s ON s.kind = 'hot_work' AND s.entity_id = h.id AND s.state = 'approved'
  WHERE h.renovation_id = :id
  UNION ALL
  SELECT 'tools', t.id, t.items
  FROM work_tools t
  JOIN entity_state s ON s.kind = 'tools' AND s.entity_id = t.id AND s.state = 'in'
  WHERE t.renovation_id = :id
)
ORDER BY kind, id
LIMIT 1;

-- name: work_tools_insert
-- ---- the daily tools register ----
INSERT INTO work_tools (renovation_id, pass_id, day, items, at, staff_id)
VALUES (:renovation_id, :pass_id, :day, :items, :at, :staff_id);

-- name: work_tools_out_insert
INSERT INTO work_tools_out (tools_id, event_id, as_listed, note, at, staff_id)
VALUES (:tools_id, :event_id, :as_listed, :note, :at, :staff_id);

-- name: work_tools_get
-- row: work_tools_row
SELECT
  id, renovation_id, pass_id, state, day, unit, contractor, worker, items, as_listed, out_note,
  at, out_at
FROM work_tools_now
WHERE id = :id;

-- name: work_tools_list_today
-- Registered on :day, and every list from before not yet checked out, whose unit,
-- worker, contractor or tools contain :text ('': any), letters in any case.
-- row: work_tools_row
SELECT
  id, renovation_id, pass_id, state, day, unit, contractor, worker, items, as_listed, out_note,
  at, out_at
FROM work_tools_now
WHERE id IN (
  SELECT t.id FROM work_tools t WHERE t.day = :day
  UNION
  SELECT s.entity_id FROM entity_state s WHERE s.kind = 'tools' AND s.state = 'in'
)
AND (:text = '' OR instr(upper(unit), upper(:text)) > 0 OR instr(upper(worker), upper(:text)) > 0
     OR instr(upper(contractor), upper(:text)) > 0 OR instr(upper(items), upper(:text)) > 0)
ORDER BY id;

-- name: renovation_events
-- ---- history ----
-- A renovation's events and those of its passes, permits and tools, oldest first, with
-- what each recorded.
-- row: works_event
SELECT
  e.id, e.kind, e.event, e.note, e.at, f.name AS staff, a.name AS approver,
  x.until_on AS extended_to, x.request,
  c.refunded AS renovation_refunded, c.refund_receipt AS renovation_refund_receipt,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'worker' ORDER BY k.id DESC LIMIT 1), p.worker) AS worker,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'receipt' ORDER BY k.id DESC LIMIT 1), p.receipt) AS receipt,
  w.until_on AS renewed_to,
  EXISTS (SELECT 1 FROM work_pass_photo ph WHERE ph.pass_id = p.id) AS photo,
  pe.refunded AS pass_refunded, pe.refund_receipt AS pass_refund_receipt,
  h.welder, h.certificate, t.items, o.note AS out_note, r.id AS renovation_id, r.unit,
  r.owner, r.contractor, r.site_manager, r.ends_on AS term_ends_on, r.deposit, r.deposit_receipt,
  o.as_listed AS out_as_listed, p.id AS pass_id
FROM event e
JOIN staff f ON f.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
LEFT JOIN renovation_extension x ON x.event_id = e.id
LEFT JOIN renovation_close c ON c.event_id = e.id
LEFT JOIN work_pass p ON e.kind = 'work_pass' AND p.id = e.entity_id
LEFT JOIN work_pass_renewal w ON w.event_id = e.id
LEFT JOIN work_pass_end pe ON pe.event_id = e.id
LEFT JOIN hot_work h ON e.kind = 'hot_work' AND h.id = e.entity_id
LEFT JOIN work_tools t ON e.kind = 'tools' AND t.id = e.entity_id
LEFT JOIN work_tools_out o ON o.event_id = e.id
JOIN renovation r ON r.id = CASE e.kind
  WHEN 'renovation' THEN e.entity_id WHEN 'work_pass' THEN p.renovation_id
  WHEN 'hot_work' THEN h.renovation_id ELSE t.renovation_id END
WHERE (e.kind = 'renovation' AND e.entity_id = :id)
   OR (e.kind = 'work_pass' AND e.entity_id IN (SELECT id FROM work_pass WHERE renovation_id = :id))
   OR (e.kind = 'hot_work' AND e.entity_id IN (SELECT id FROM hot_work WHERE renovation_id = :id))
   OR (e.kind = 'tools' AND e.entity_id IN (SELECT id FROM work_tools WHERE renovation_id = :id))
ORDER BY e.id;

-- name: works_events_between
-- ---- a day's events: the daily log ----
-- Every event of the renovations in [:from, :to), oldest first.
-- row: works_event
SELECT
  e.id, e.kind, e.event, e.note, e.at, f.name AS staff, a.name AS approver,
  x.until_on AS extended_to, x.request,
  c.refunded AS renovation_refunded, c.refund_receipt AS renovation_refund_receipt,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'worker' ORDER BY k.id DESC LIMIT 1), p.worker) AS worker,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'receipt' ORDER BY k.id DESC LIMIT 1), p.receipt) AS receipt,
  w.until_on AS renewed_to,
  EXISTS (SELECT 1 FROM work_pass_photo ph WHERE ph.pass_id = p.id) AS photo,
  pe.refunded AS pass_refunded, pe.refund_receipt AS pass_refund_receipt,
  h.welder, h.certificate, t.items, o.note AS out_note, r.id AS renovation_id, r.unit,
  r.owner, r.contractor, r.site_manager, r.ends_on AS term_ends_on, r.deposit, r.deposit_receipt,
  o.as_listed AS out_as_listed, p.id AS pass_id
FROM event e
JOIN staff f ON f.id = e.staff_id
LEFT JOIN staff a ON a.id = e.approver_id
LEFT JOIN renovation_extension x ON x.event_id = e.id
LEFT JOIN renovation_close c ON c.event_id = e.id
LEFT JOIN work_pass p ON e.kind = 'work_pass' AND p.id = e.entity_id
LEFT JOIN work_pass_renewal w ON w.event_id = e.id
LEFT JOIN work_pass_end pe ON pe.event_id = e.id
LEFT JOIN hot_work h ON e.kind = 'hot_work' AND h.id = e.entity_id
LEFT JOIN work_tools t ON e.kind = 'tools' AND t.id = e.entity_id
LEFT JOIN work_tools_out o ON o.event_id = e.id
JOIN renovation r ON r.id = CASE e.kind
  WHEN 'renovation' THEN e.entity_id WHEN 'work_pass' THEN p.renovation_id
  WHEN 'hot_work' THEN h.renovation_id ELSE t.renovation_id END
WHERE e.kind IN ('renovation', 'work_pass', 'hot_work', 'tools') AND e.at >= :from AND e.at < :to
ORDER BY e.id;

-- name: works_corrections_of
-- ---- corrections (migration 150) ----
-- The corrections of a renovation file and of its passes, oldest first.
-- row: works_correction
SELECT
  c.kind, c.seq, c.row_id, c.renovation_id, c.unit, c.field, c.value, c.doc_type,
  c.doc_number_clear, c.doc_number_masked, c.original, c.original_doc_type, c.original_clear,
  c.original_masked, c.reason, c.at, (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS staff
FROM works_correction_line c
WHERE c.renovation_id = :id
ORDER BY c.at, c.kind, c.seq;

-- name: works_corrections_between
-- Every correction written in [:from, :to), oldest first, each after the ones before it
-- of the same field (the history's old values).
-- row: works_correction
SELECT
  c.kind, c.seq, c.row_id, c.renovation_id, c.unit, c.field, c.value, c.doc_type,
  c.doc_number_clear, c.doc_number_masked, c.original, c.original_doc_type, c.original_clear,
  c.original_masked, c.reason, c.at, (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS staff
FROM works_correction_line c
WHERE c.renovation_id IN (SELECT l.renovation_id FROM works_correction_line l
                          WHERE l.at >= :from AND l.at < :to)
ORDER BY c.at, c.kind, c.seq;

-- name: works_corrections_exported
-- The corrections of the files whose passes were issued or ended in [:from, :to) (as
-- work_pass_between), and of those files' passes, oldest first (an export's corrections
-- column).
-- row: works_correction
SELECT
  c.kind, c.seq, c.row_id, c.renovation_id, c.unit, c.field, c.value, c.doc_type,
  c.doc_number_clear, c.doc_number_masked, c.original, c.original_doc_type, c.original_clear,
  c.original_masked, c.reason, c.at, (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS staff
FROM works_correction_line c
WHERE c.renovation_id IN (SELECT p.renovation_id FROM work_pass p WHERE p.at >= :from AND p.at < :to
                          UNION
                          SELECT p.renovation_id FROM work_pass_end e JOIN work_pass p ON p.id = e.pass_id
                          WHERE e.at >= :from AND e.at < :to)
ORDER BY c.at, c.kind, c.seq;

-- name: work_pass_document_insert
INSERT INTO work_pass_document (
  pass_id, doc_type, doc_number_clear, doc_number_hmac, doc_number_masked, pii_salt, pii_commit,
  reason, at, staff_id
) VALUES (
  :pass_id, :doc_type, :doc_number_clear, :doc_number_hmac, :doc_number_masked, :pii_salt,
  :pii_commit, :reason, :at, :staff_id
);

-- name: work_pass_document_forget_count
-- A corrected document of a pass that ended before the cutoff (the purge, as the pass's).
-- row: forget_count
SELECT count(*) AS rows
FROM work_pass_document d
WHERE d.doc_number_hmac <> ''
  AND EXISTS (SELECT 1 FROM work_pass_end e WHERE e.pass_id = d.pass_id AND e.at < :cutoff);

-- name: work_pass_document_forget_next
-- row: forget
SELECT d.id, d.pii_commit IS NULL AS uncommitted
FROM work_pass_document d
WHERE d.doc_number_hmac <> ''
  AND EXISTS (SELECT 1 FROM work_pass_end e WHERE e.pass_id = d.pass_id AND e.at < :cutoff)
ORDER BY d.id
LIMIT :limit;

-- name: work_pass_document_forget
UPDATE work_pass_document
SET doc_number_clear = NULL, doc_number_hmac = '', doc_number_masked = '********', pii_salt = NULL
WHERE id = :id;

-- name: work_pass_between
-- ---- the export ----
-- The passes issued or ended (given back, the deposit refunded or kept) in [:from, :to),
-- by number: a month's deposits taken and paid back are both in that month's export.
-- row: work_pass_row
SELECT
  id, renovation_id, state, unit, contractor, worker, doc_type, doc_number_clear,
  doc_number_masked, signer_role, signer, valid_until, received, deposit, refunded, receipt,
  refund_receipt, at, ended_at, issued_by, photo, corrected
FROM work_pass_now
WHERE id IN (SELECT p.id FROM work_pass p WHERE p.at >= :from AND p.at < :to
             UNION
             SELECT e.pass_id FROM work_pass_end e WHERE e.at >= :from AND e.at < :to)
ORDER BY id;

-- name: work_tools_between
-- The tools lists registered in [:from, :to), by number.
-- row: work_tools_export
SELECT
  id, renovation_id, state, unit, contractor, worker, items, as_listed, out_note, at, out_at,
  registered_by
FROM work_tools_now
WHERE id IN (SELECT t.id FROM work_tools t WHERE t.at >= :from AND t.at < :to)
ORDER BY id;

-- name: work_pass_forget_count
-- ---- the privacy purge (src/visitors/visitors_ban.c) ----
-- A pass that ended before the cutoff.
-- row: forget_count
SELECT count(*) AS rows
FROM work_pass p
WHERE p.doc_number_hmac <> ''
  AND EXISTS (SELECT 1 FROM work_pass_end e WHERE e.pass_id = p.id AND e.at < :cutoff);

-- name: work_pass_forget_next
-- row: forget
SELECT p.id, p.pii_commit IS NULL AS uncommitted
FROM work_pass p
WHERE p.doc_number_hmac <> ''
  AND EXISTS (SELECT 1 FROM work_pass_end e WHERE e.pass_id = p.id AND e.at < :cutoff)
ORDER BY p.id
LIMIT :limit;

-- name: work_pass_forget
UPDATE work_pass
SET doc_number_clear = NULL, doc_number_hmac = '', doc_number_masked = '********', pii_salt = NULL
WHERE id = :id;

-- name: row_renovation
-- columns: any
SELECT *
FROM renovation
WHERE id = :id;

-- name: ids_renovation
-- row: record_ids
SELECT id
FROM renovation
ORDER BY id;

-- name: row_renovation_extension
-- columns: any
SELECT *
FROM renovation_extension
WHERE id = :id;

-- name: ids_renovation_extension
-- row: record_ids
SELECT id
FROM renovation_extension
ORDER BY id;

-- name: row_renovation_close
-- columns: any
SELECT *
FROM renovation_close
WHERE id = :id;

-- name: ids_renovation_close
-- row: record_ids
SELECT id
FROM renovation_close
ORDER BY id;

-- name: row_work_pass
-- columns: any
SELECT *
FROM work_pass
WHERE id = :id;

-- name: ids_work_pass
-- row: record_ids
SELECT id
FROM work_pass
ORDER BY id;

-- name: row_work_pass_renewal
-- columns: any
SELECT *
FROM work_pass_renewal
WHERE id = :id;

-- name: ids_work_pass_renewal
-- row: record_ids
SELECT id
FROM work_pass_renewal
ORDER BY id;

-- name: row_work_pass_end
-- columns: any
SELECT *
FROM work_pass_end
WHERE id = :id;

-- name: ids_work_pass_end
-- row: record_ids
SELECT id
FROM work_pass_end
ORDER BY id;

-- name: row_hot_work
-- columns: any
SELECT *
FROM hot_work
WHERE id = :id;

-- name: ids_hot_work
-- row: record_ids
SELECT id
FROM hot_work
ORDER BY id;

-- name: row_work_tools
-- columns: any
SELECT *
FROM work_tools
WHERE id = :id;

-- name: ids_work_tools
-- row: record_ids
SELECT id
FROM work_tools
ORDER BY id;

-- name: row_work_tools_out
-- columns: any
SELECT *
FROM work_tools_out
WHERE id = :id;

-- name: ids_work_tools_out
-- row: record_ids
SELECT id
FROM work_tools_out
ORDER BY id;

-- name: row_work_pass_document
-- columns: any
SELECT *
FROM work_pass_document
WHERE id = :id;

-- name: ids_work_pass_document
-- row: record_ids
SELECT id
FROM work_pass_document
ORDER BY id;

-- name: row_work_pass_photo
-- columns: any
SELECT *
FROM work_pass_photo
WHERE id = :id;

-- name: ids_work_pass_photo
-- row: record_ids
SELECT id
FROM work_pass_photo
ORDER BY id;
