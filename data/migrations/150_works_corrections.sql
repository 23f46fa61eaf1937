-- frontdesk schema 150: corrections of a renovation file and of a worker's pass, and
-- the photo a pass may carry. A
-- mistyped name or receipt number is corrected as every record is (schema 1): a row of
-- correction naming the field (tbl 'renovation': owner, contractor, site_manager,
-- deposit_receipt; tbl 'work_pass': worker, receipt), its new value and the reason. A
-- worker's document is personal data the purge must be able to forget, which a
-- correction row cannot be (it is never updated): a corrected document is a row of
-- work_pass_document, kept like the pass's own (in clear with its HMAC and mask,
-- committed to through pii_salt / pii_commit) and forgotten with it. The state, the
-- term and the money are not corrected: they move by the steps of schema 120.

CREATE TABLE work_pass_document (
    id                INTEGER PRIMARY KEY,
    pass_id           INTEGER NOT NULL REFERENCES work_pass(id),
    doc_type          TEXT NOT NULL CHECK (doc_type IN ('resident_id','passport','hk_macau','taiwan','other')),
    doc_number_clear  TEXT,          -- normal form; NULL once purged
    doc_number_hmac   TEXT NOT NULL, -- '' once purged
    doc_number_masked TEXT NOT NULL, -- '********' once purged
    pii_salt          BLOB,          -- NULL once purged
    pii_commit        BLOB NOT NULL,
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at                INTEGER NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX work_pass_document_by_pass ON work_pass_document(pass_id, id);
CREATE INDEX work_pass_document_by_document ON work_pass_document(doc_number_hmac);
CREATE INDEX work_pass_document_unforgotten ON work_pass_document(pass_id) WHERE doc_number_hmac <> '';

CREATE TRIGGER work_pass_document_no_delete BEFORE DELETE ON work_pass_document BEGIN SELECT RAISE(ABORT, 'work_pass_document is append-only'); END;
-- The one UPDATE allowed: the privacy purge's, as the pass's own (schema 120).
CREATE TRIGGER work_pass_document_no_update BEFORE UPDATE ON work_pass_document
WHEN NEW.doc_number_clear IS NOT NULL
  OR NEW.doc_number_hmac IS NOT ''
  OR NEW.doc_number_masked IS NOT '********'
  OR NEW.pii_salt IS NOT NULL
  OR NEW.pii_commit IS NOT OLD.pii_commit
  OR NEW.id IS NOT OLD.id
  OR NEW.pass_id IS NOT OLD.pass_id
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.reason IS NOT OLD.reason
  OR NEW.at IS NOT OLD.at
  OR NEW.staff_id IS NOT OLD.staff_id
BEGIN SELECT RAISE(ABORT, 'work_pass_document is append-only: only the privacy purge may clear the document number'); END;

-- A worker's pass that carries the worker's photo (装修管理制度 一.5: 照片可选), as the
-- desk saw it at issue: a row when it does. The pass itself never changes.
CREATE TABLE work_pass_photo (
    id       INTEGER PRIMARY KEY,
    pass_id  INTEGER NOT NULL UNIQUE REFERENCES work_pass(id),
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE TRIGGER work_pass_photo_no_update BEFORE UPDATE ON work_pass_photo BEGIN SELECT RAISE(ABORT, 'work_pass_photo is append-only'); END;
CREATE TRIGGER work_pass_photo_no_delete BEFORE DELETE ON work_pass_photo BEGIN SELECT RAISE(ABORT, 'work_pass_photo is append-only'); END;

-- The views of schema 120 again, each corrected field its latest correction, else the
-- record's own value; corrected says whether there is any; a pass's photo.
DROP VIEW renovation_now;
CREATE VIEW renovation_now AS
SELECT
  r.id, r.unit_id, r.unit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'owner' ORDER BY k.id DESC LIMIT 1), r.owner) AS owner,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'contractor' ORDER BY k.id DESC LIMIT 1), r.contractor) AS contractor,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'site_manager' ORDER BY k.id DESC LIMIT 1), r.site_manager) AS site_manager,
  r.starts_on, r.deposit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'deposit_receipt' ORDER BY k.id DESC LIMIT 1), r.deposit_receipt) AS deposit_receipt,
  r.at, r.staff_id,
  coalesce((SELECT x.until_on FROM renovation_extension x WHERE x.renovation_id = r.id
            ORDER BY x.id DESC LIMIT 1), r.ends_on) AS ends_on,
  (SELECT count(*) FROM renovation_extension x WHERE x.renovation_id = r.id) AS extensions,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'renovation' AND s.entity_id = r.id) AS state,
  (SELECT count(*) FROM work_pass p JOIN entity_state s ON s.kind = 'work_pass' AND s.entity_id = p.id
   WHERE p.renovation_id = r.id AND s.state = 'issued') AS passes_out,
  (SELECT c.refunded FROM renovation_close c WHERE c.renovation_id = r.id) AS refunded,
  (SELECT c.refund_receipt FROM renovation_close c WHERE c.renovation_id = r.id) AS refund_receipt,
  (SELECT c.at FROM renovation_close c WHERE c.renovation_id = r.id) AS completed_at,
  (SELECT f.name FROM staff f WHERE f.id = r.staff_id) AS opened_by,
  EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id) AS corrected
FROM renovation r;

DROP VIEW work_pass_now;
CREATE VIEW work_pass_now AS
SELECT
  p.id, p.renovation_id,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'worker' ORDER BY k.id DESC LIMIT 1), p.worker) AS worker,
  CASE WHEN d.id IS NULL THEN p.doc_type ELSE d.doc_type END AS doc_type,
  CASE WHEN d.id IS NULL THEN p.doc_number_clear ELSE d.doc_number_clear END AS doc_number_clear,
  CASE WHEN d.id IS NULL THEN p.doc_number_masked ELSE d.doc_number_masked END AS doc_number_masked,
  CASE WHEN d.id IS NULL THEN p.doc_number_hmac ELSE d.doc_number_hmac END AS doc_number_hmac,
  p.signer_role, p.signer, p.received, p.deposit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
            AND k.field = 'receipt' ORDER BY k.id DESC LIMIT 1), p.receipt) AS receipt,
  p.at, p.staff_id,
  r.unit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'contractor' ORDER BY k.id DESC LIMIT 1), r.contractor) AS contractor,
  coalesce((SELECT w.until_on FROM work_pass_renewal w WHERE w.pass_id = p.id
            ORDER BY w.id DESC LIMIT 1), p.valid_until) AS valid_until,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'work_pass' AND s.entity_id = p.id) AS state,
  (SELECT e.refunded FROM work_pass_end e WHERE e.pass_id = p.id) AS refunded,
  (SELECT e.refund_receipt FROM work_pass_end e WHERE e.pass_id = p.id) AS refund_receipt,
  (SELECT e.at FROM work_pass_end e WHERE e.pass_id = p.id) AS ended_at,
  (SELECT f.name FROM staff f WHERE f.id = p.staff_id) AS issued_by,
  EXISTS (SELECT 1 FROM work_pass_photo ph WHERE ph.pass_id = p.id) AS photo,
  d.id IS NOT NULL
    OR EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id) AS corrected
FROM work_pass p
JOIN renovation r ON r.id = p.renovation_id
LEFT JOIN work_pass_document d
  ON d.id = (SELECT max(x.id) FROM work_pass_document x WHERE x.pass_id = p.id);

DROP VIEW work_tools_now;
CREATE VIEW work_tools_now AS
SELECT
  t.id, t.renovation_id, t.pass_id, t.day, t.items, t.at, t.staff_id,
  r.unit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'renovation' AND k.row_id = r.id
            AND k.field = 'contractor' ORDER BY k.id DESC LIMIT 1), r.contractor) AS contractor,
  (SELECT coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'work_pass' AND k.row_id = p.id
                    AND k.field = 'worker' ORDER BY k.id DESC LIMIT 1), p.worker)
   FROM work_pass p WHERE p.id = t.pass_id) AS worker,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'tools' AND s.entity_id = t.id) AS state,
  (SELECT o.as_listed FROM work_tools_out o WHERE o.tools_id = t.id) AS as_listed,
  (SELECT o.note FROM work_tools_out o WHERE o.tools_id = t.id) AS out_note,
  (SELECT o.at FROM work_tools_out o WHERE o.tools_id = t.id) AS out_at,
  (SELECT f.name FROM staff f WHERE f.id = t.staff_id) AS registered_by
FROM work_tools t
JOIN renovation r ON r.id = t.renovation_id;

-- Every correction of a renovation file or of a worker's pass, as one kind of line:
-- what it corrects, the new value (a document: its type, number and mask) and the
-- value as first recorded, for the history to tell old from new.
CREATE VIEW works_correction_line AS
SELECT 'renovation' AS kind, k.id AS seq, k.row_id, r.id AS renovation_id, r.unit, k.field,
       k.value, NULL AS doc_type, NULL AS doc_number_clear, NULL AS doc_number_masked,
       CASE k.field WHEN 'owner' THEN r.owner WHEN 'contractor' THEN r.contractor
                    WHEN 'site_manager' THEN r.site_manager ELSE r.deposit_receipt END AS original,
       NULL AS original_doc_type, NULL AS original_clear, NULL AS original_masked,
       k.reason, k.at, k.staff_id
FROM correction k
JOIN renovation r ON r.id = k.row_id
WHERE k.tbl = 'renovation'
UNION ALL
SELECT 'work_pass', k.id, k.row_id, p.renovation_id, r.unit, k.field,
       k.value, NULL, NULL, NULL,
       CASE k.field WHEN 'worker' THEN p.worker ELSE p.receipt END,
       NULL, NULL, NULL,
       k.reason, k.at, k.staff_id
FROM correction k
JOIN work_pass p ON p.id = k.row_id
JOIN renovation r ON r.id = p.renovation_id
WHERE k.tbl = 'work_pass'
UNION ALL
SELECT 'work_pass', d.id, d.pass_id, p.renovation_id, r.unit, 'document',
       NULL, d.doc_type, d.doc_number_clear, d.doc_number_masked,
       NULL, p.doc_type, p.doc_number_clear, p.doc_number_masked,
       d.reason, d.at, d.staff_id
FROM work_pass_document d
JOIN work_pass p ON p.id = d.pass_id
JOIN renovation r ON r.id = p.renovation_id;
