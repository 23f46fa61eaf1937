-- frontdesk schema 120: renovations, their workers' passes, hot-work permits and the
-- daily tools register (装修管理制度 一.1–17). A renovation file belongs to a unit of the
-- directory; its events (kind 'renovation') are open → active, extend keeps it active,
-- complete → completed. A worker's pass (kind 'work_pass') is issue → issued, renew keeps
-- it issued, return → returned (deposit refunded) or forfeit → forfeited (deposit kept).
-- A hot-work permit (kind 'hot_work') is approve → approved, clear → cleared. A morning's
-- tools (kind 'tools') are register → in, check_out → out. All append-only; dates are
-- Beijing days (fd_date), times seconds (fd_time); money is whole yuan, as received or
-- refunded against a receipt number — nothing here is accounting.

CREATE TABLE renovation (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    unit         TEXT NOT NULL,                 -- its code when the file was opened
    owner        TEXT NOT NULL CHECK (length(owner) > 0),
    contractor   TEXT NOT NULL CHECK (length(contractor) > 0),
    site_manager TEXT NOT NULL CHECK (length(site_manager) > 0),
    starts_on    INTEGER NOT NULL,              -- first day of the term
    ends_on      INTEGER NOT NULL,              -- its last day: 45 days in all
    deposit      INTEGER NOT NULL CHECK (deposit > 0),
    deposit_receipt TEXT NOT NULL CHECK (length(deposit_receipt) > 0),
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX renovation_by_unit ON renovation(unit_id, id);

-- An extension of the term, on the written request recorded before the term ended.
CREATE TABLE renovation_extension (
    id            INTEGER PRIMARY KEY,
    renovation_id INTEGER NOT NULL REFERENCES renovation(id),
    event_id      INTEGER NOT NULL REFERENCES event(id),
    until_on      INTEGER NOT NULL,             -- the new last day
    request       TEXT NOT NULL CHECK (length(request) > 0), -- the written request, as filed
    at            INTEGER NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX renovation_extension_by_renovation ON renovation_extension(renovation_id, id);

-- Completion: inspected, the passes back, the deposit refunded against its receipt.
CREATE TABLE renovation_close (
    id             INTEGER PRIMARY KEY,
    renovation_id  INTEGER NOT NULL UNIQUE REFERENCES renovation(id),
    event_id       INTEGER NOT NULL REFERENCES event(id),
    refunded       INTEGER NOT NULL CHECK (refunded >= 0),
    refund_receipt TEXT,                        -- NULL when nothing was refunded
    at             INTEGER NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff(id),
    CHECK (refunded = 0 OR refund_receipt IS NOT NULL)
);

-- A temporary worker's pass. The document is kept like a visitor's: in clear with its
-- HMAC and mask, committed to through pii_salt / pii_commit, and forgotten by the
-- privacy purge once the pass has ended longer ago than the retention period.
CREATE TABLE work_pass (
    id                INTEGER PRIMARY KEY,
    renovation_id     INTEGER NOT NULL REFERENCES renovation(id),
    worker            TEXT NOT NULL CHECK (length(worker) > 0),
    doc_type          TEXT NOT NULL CHECK (doc_type IN ('resident_id','passport','hk_macau','taiwan','other')),
    doc_number_clear  TEXT,
    doc_number_hmac   TEXT NOT NULL,
    doc_number_masked TEXT NOT NULL,
    pii_salt          BLOB,
    pii_commit        BLOB,
    signer_role       TEXT NOT NULL CHECK (signer_role IN ('owner','site_manager')),
    signer            TEXT NOT NULL CHECK (length(signer) > 0),
    valid_until       INTEGER NOT NULL,         -- the pass's last day as issued
    received          INTEGER NOT NULL CHECK (received > 0),
    deposit           INTEGER NOT NULL CHECK (deposit > 0 AND deposit <= received),
    receipt           TEXT NOT NULL CHECK (length(receipt) > 0),
    at                INTEGER NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX work_pass_by_renovation ON work_pass(renovation_id, id);
CREATE INDEX work_pass_by_document ON work_pass(doc_number_hmac);

-- A pass renewed: its new last day.
CREATE TABLE work_pass_renewal (
    id        INTEGER PRIMARY KEY,
    pass_id   INTEGER NOT NULL REFERENCES work_pass(id),
    event_id  INTEGER NOT NULL REFERENCES event(id),
    until_on  INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX work_pass_renewal_by_pass ON work_pass_renewal(pass_id, id);

-- A pass's end: returned with its deposit refunded, or the deposit forfeited (overdue
-- more than three days, the pass or the receipt lost).
CREATE TABLE work_pass_end (
    id             INTEGER PRIMARY KEY,
    pass_id        INTEGER NOT NULL UNIQUE REFERENCES work_pass(id),
    event_id       INTEGER NOT NULL REFERENCES event(id),
    pass_back      INTEGER NOT NULL CHECK (pass_back IN (0, 1)),
    receipt_shown  INTEGER NOT NULL CHECK (receipt_shown IN (0, 1)),
    refunded       INTEGER NOT NULL CHECK (refunded >= 0),
    refund_receipt TEXT,
    at             INTEGER NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff(id),
    CHECK ((refunded = 0) = (refund_receipt IS NULL))
);

-- A hot-work permit (动火证), approved in place before the work.
CREATE TABLE hot_work (
    id            INTEGER PRIMARY KEY,
    renovation_id INTEGER NOT NULL REFERENCES renovation(id),
    welder        TEXT NOT NULL CHECK (length(welder) > 0),
    certificate   TEXT NOT NULL CHECK (length(certificate) > 0),
    work          TEXT NOT NULL CHECK (length(work) > 0),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL,
    approver_id   INTEGER NOT NULL REFERENCES staff(id),
    at            INTEGER NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    CHECK (ends_at > starts_at)
);
CREATE INDEX hot_work_by_renovation ON hot_work(renovation_id, id);
CREATE INDEX hot_work_by_start ON hot_work(starts_at, id);

-- The tools a worker brings in on a morning; carried out later against this list.
CREATE TABLE work_tools (
    id            INTEGER PRIMARY KEY,
    renovation_id INTEGER NOT NULL REFERENCES renovation(id),
    pass_id       INTEGER REFERENCES work_pass(id), -- the worker; NULL: the crew's
    day           INTEGER NOT NULL,
    items         TEXT NOT NULL CHECK (length(items) > 0),
    at            INTEGER NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX work_tools_by_day ON work_tools(day, id);
CREATE INDEX work_tools_by_renovation ON work_tools(renovation_id, id);

CREATE TABLE work_tools_out (
    id        INTEGER PRIMARY KEY,
    tools_id  INTEGER NOT NULL UNIQUE REFERENCES work_tools(id),
    event_id  INTEGER NOT NULL REFERENCES event(id),
    as_listed INTEGER NOT NULL CHECK (as_listed IN (0, 1)),
    note      TEXT,                             -- what differed from the list
    at        INTEGER NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    CHECK (as_listed = 1 OR length(note) > 0)
);

-- A renovation as it reads now: its term's last day after its extensions, its state,
-- its passes still out.
CREATE VIEW renovation_now AS
SELECT
  r.id, r.unit_id, r.unit, r.owner, r.contractor, r.site_manager, r.starts_on,
  r.deposit, r.deposit_receipt, r.at, r.staff_id,
  coalesce((SELECT x.until_on FROM renovation_extension x WHERE x.renovation_id = r.id
            ORDER BY x.id DESC LIMIT 1), r.ends_on) AS ends_on,
  (SELECT count(*) FROM renovation_extension x WHERE x.renovation_id = r.id) AS extensions,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'renovation' AND s.entity_id = r.id) AS state,
  (SELECT count(*) FROM work_pass p JOIN entity_state s ON s.kind = 'work_pass' AND s.entity_id = p.id
   WHERE p.renovation_id = r.id AND s.state = 'issued') AS passes_out,
  (SELECT c.refunded FROM renovation_close c WHERE c.renovation_id = r.id) AS refunded,
  (SELECT c.refund_receipt FROM renovation_close c WHERE c.renovation_id = r.id) AS refund_receipt,
  (SELECT c.at FROM renovation_close c WHERE c.renovation_id = r.id) AS completed_at,
  (SELECT f.name FROM staff f WHERE f.id = r.staff_id) AS opened_by
FROM renovation r;

-- A pass as it reads now: its last day after its renewals, its state and its end.
CREATE VIEW work_pass_now AS
SELECT
  p.id, p.renovation_id, p.worker, p.doc_type, p.doc_number_clear, p.doc_number_masked,
  p.doc_number_hmac, p.signer_role, p.signer, p.received, p.deposit, p.receipt, p.at, p.staff_id,
  r.unit, r.contractor,
  coalesce((SELECT w.until_on FROM work_pass_renewal w WHERE w.pass_id = p.id
            ORDER BY w.id DESC LIMIT 1), p.valid_until) AS valid_until,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'work_pass' AND s.entity_id = p.id) AS state,
  (SELECT e.refunded FROM work_pass_end e WHERE e.pass_id = p.id) AS refunded,
  (SELECT e.refund_receipt FROM work_pass_end e WHERE e.pass_id = p.id) AS refund_receipt,
  (SELECT e.at FROM work_pass_end e WHERE e.pass_id = p.id) AS ended_at,
  (SELECT f.name FROM staff f WHERE f.id = p.staff_id) AS issued_by
FROM work_pass p
JOIN renovation r ON r.id = p.renovation_id;

-- A morning's tools as they read now: the worker, and whether they have gone out.
CREATE VIEW work_tools_now AS
SELECT
  t.id, t.renovation_id, t.pass_id, t.day, t.items, t.at, t.staff_id,
  r.unit, r.contractor,
  (SELECT p.worker FROM work_pass p WHERE p.id = t.pass_id) AS worker,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'tools' AND s.entity_id = t.id) AS state,
  (SELECT o.as_listed FROM work_tools_out o WHERE o.tools_id = t.id) AS as_listed,
  (SELECT o.note FROM work_tools_out o WHERE o.tools_id = t.id) AS out_note,
  (SELECT o.at FROM work_tools_out o WHERE o.tools_id = t.id) AS out_at,
  (SELECT f.name FROM staff f WHERE f.id = t.staff_id) AS registered_by
FROM work_tools t
JOIN renovation r ON r.id = t.renovation_id;

CREATE TRIGGER renovation_no_update BEFORE UPDATE ON renovation BEGIN SELECT RAISE(ABORT, 'renovation is append-only'); END;
CREATE TRIGGER renovation_no_delete BEFORE DELETE ON renovation BEGIN SELECT RAISE(ABORT, 'renovation is append-only'); END;
CREATE TRIGGER renovation_extension_no_update BEFORE UPDATE ON renovation_extension BEGIN SELECT RAISE(ABORT, 'renovation_extension is append-only'); END;
CREATE TRIGGER renovation_extension_no_delete BEFORE DELETE ON renovation_extension BEGIN SELECT RAISE(ABORT, 'renovation_extension is append-only'); END;
CREATE TRIGGER renovation_close_no_update BEFORE UPDATE ON renovation_close BEGIN SELECT RAISE(ABORT, 'renovation_close is append-only'); END;
CREATE TRIGGER renovation_close_no_delete BEFORE DELETE ON renovation_close BEGIN SELECT RAISE(ABORT, 'renovation_close is append-only'); END;
CREATE TRIGGER work_pass_renewal_no_update BEFORE UPDATE ON work_pass_renewal BEGIN SELECT RAISE(ABORT, 'work_pass_renewal is append-only'); END;
CREATE TRIGGER work_pass_renewal_no_delete BEFORE DELETE ON work_pass_renewal BEGIN SELECT RAISE(ABORT, 'work_pass_renewal is append-only'); END;
CREATE TRIGGER work_pass_end_no_update BEFORE UPDATE ON work_pass_end BEGIN SELECT RAISE(ABORT, 'work_pass_end is append-only'); END;
CREATE TRIGGER work_pass_end_no_delete BEFORE DELETE ON work_pass_end BEGIN SELECT RAISE(ABORT, 'work_pass_end is append-only'); END;
CREATE TRIGGER hot_work_no_update BEFORE UPDATE ON hot_work BEGIN SELECT RAISE(ABORT, 'hot_work is append-only'); END;
CREATE TRIGGER hot_work_no_delete BEFORE DELETE ON hot_work BEGIN SELECT RAISE(ABORT, 'hot_work is append-only'); END;
CREATE TRIGGER work_tools_no_update BEFORE UPDATE ON work_tools BEGIN SELECT RAISE(ABORT, 'work_tools is append-only'); END;
CREATE TRIGGER work_tools_no_delete BEFORE DELETE ON work_tools BEGIN SELECT RAISE(ABORT, 'work_tools is append-only'); END;
CREATE TRIGGER work_tools_out_no_update BEFORE UPDATE ON work_tools_out BEGIN SELECT RAISE(ABORT, 'work_tools_out is append-only'); END;
CREATE TRIGGER work_tools_out_no_delete BEFORE DELETE ON work_tools_out BEGIN SELECT RAISE(ABORT, 'work_tools_out is append-only'); END;

-- The one UPDATE a pass allows: the privacy purge's, as for a visit (090_forget.sql).
CREATE TRIGGER work_pass_no_update BEFORE UPDATE ON work_pass
WHEN NEW.doc_number_clear IS NOT NULL
  OR NEW.doc_number_hmac IS NOT ''
  OR NEW.doc_number_masked IS NOT '********'
  OR NEW.pii_salt IS NOT NULL
  OR NEW.pii_commit IS NOT OLD.pii_commit
  OR NEW.id IS NOT OLD.id
  OR NEW.renovation_id IS NOT OLD.renovation_id
  OR NEW.worker IS NOT OLD.worker
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.signer_role IS NOT OLD.signer_role
  OR NEW.signer IS NOT OLD.signer
  OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.received IS NOT OLD.received
  OR NEW.deposit IS NOT OLD.deposit
  OR NEW.receipt IS NOT OLD.receipt
  OR NEW.at IS NOT OLD.at
  OR NEW.staff_id IS NOT OLD.staff_id
BEGIN SELECT RAISE(ABORT, 'work_pass is append-only: only the privacy purge may clear the document number'); END;
CREATE TRIGGER work_pass_no_delete BEFORE DELETE ON work_pass BEGIN SELECT RAISE(ABORT, 'work_pass is append-only'); END;

-- A day's events of the renovations, for the daily log.
CREATE INDEX event_by_kind_at ON event(kind, at);

-- What the purge still has to clear.
CREATE INDEX work_pass_unforgotten ON work_pass(id) WHERE doc_number_hmac <> '';
