-- frontdesk schema 110: carry-out and carry-in passes (携物出入门证; 业户物品出、入管理规定).
-- A pass is issued once and moves by events (kind 'pass'): issue → issued; the desk's
-- 盖章确认 at the door, pass → passed; refuse → refused (flammable, explosive, toxic or
-- corrosive goods, with the reason); void → voided (with the reason). A wrong pass is
-- voided and a new one issued, as on paper. All append-only.
--
-- What authorises a company's passes out (条款一、二): its seal, or, for a company
-- without one, a letter on file naming who may sign, until when. A later record
-- replaces the one before, with its reason; none is ever changed.

CREATE TABLE pass_authority (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES occupant(id),
    kind        TEXT NOT NULL CHECK (kind IN ('seal','letter','none')),
    signer      TEXT,                       -- letter: the person it names
    valid_until INTEGER,                    -- letter: its last day (days since 1970, Beijing)
    replaces    INTEGER REFERENCES pass_authority(id),
    reason      TEXT,                       -- why it replaces the record before
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK ((kind = 'letter') = (signer IS NOT NULL AND valid_until IS NOT NULL)),
    CHECK ((replaces IS NULL) = (reason IS NULL))
);
CREATE INDEX pass_authority_by_company ON pass_authority(company_id, id);

CREATE TABLE pass (
    id                INTEGER PRIMARY KEY,
    direction         TEXT NOT NULL CHECK (direction IN ('out','in')),
    company_id        INTEGER NOT NULL REFERENCES occupant(id),
    unit_id           INTEGER NOT NULL REFERENCES unit(id),
    carrier           TEXT NOT NULL CHECK (length(carrier) > 0),
    doc_type          TEXT NOT NULL CHECK (doc_type IN ('resident_id','passport','hk_macau','taiwan','other')),
    doc_number_clear  TEXT,          -- normal form; NULL once purged
    doc_number_hmac   TEXT NOT NULL, -- '' once purged
    doc_number_masked TEXT NOT NULL, -- '********' once purged
    pii_salt          BLOB,          -- the commitment's salt (frontdesk/audit.h); NULL once purged
    pii_commit        BLOB NOT NULL,
    day               INTEGER NOT NULL,           -- the day the goods move
    window_from       INTEGER NOT NULL,           -- the time window, instants
    window_to         INTEGER NOT NULL CHECK (window_to > window_from),
    scheduled         INTEGER NOT NULL CHECK (scheduled IN (0,1)), -- a moving time the desk arranged
    sealed            INTEGER NOT NULL CHECK (sealed IN (0,1)),    -- the form bears the company's seal
    signer            TEXT,                        -- who signed it, for a company with a letter
    authority_id      INTEGER REFERENCES pass_authority(id), -- what a pass out was checked against
    at                INTEGER NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX pass_by_window ON pass(window_from, id);
CREATE INDEX pass_by_day ON pass(day, id);
CREATE INDEX pass_by_carrier ON pass(carrier, id);
CREATE INDEX pass_by_company ON pass(company_id);
CREATE INDEX pass_by_unit ON pass(unit_id);
CREATE INDEX pass_by_document ON pass(doc_number_hmac);
CREATE INDEX pass_unforgotten ON pass(window_to) WHERE doc_number_hmac <> '';

-- The goods, a line each as the form lists them.
CREATE TABLE pass_item (
    id       INTEGER PRIMARY KEY,
    pass_id  INTEGER NOT NULL REFERENCES pass(id),
    line     INTEGER NOT NULL CHECK (line > 0),
    name     TEXT NOT NULL CHECK (length(name) > 0),
    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
    measure  TEXT NOT NULL,           -- 件, 箱, 台 … or ''
    UNIQUE (pass_id, line)
);

-- Goods stopped at the door (条款四): what kind of danger, and the reason, with its event.
CREATE TABLE pass_refusal (
    id       INTEGER PRIMARY KEY,
    pass_id  INTEGER NOT NULL UNIQUE REFERENCES pass(id),
    event_id INTEGER NOT NULL REFERENCES event(id),
    hazard   TEXT NOT NULL CHECK (hazard IN ('flammable','explosive','toxic','corrosive')),
    reason   TEXT NOT NULL CHECK (length(reason) > 0),
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);

-- A company's authority as it stands: its latest record.
CREATE VIEW pass_authority_now AS
SELECT a.*
FROM pass_authority a
WHERE a.id = (SELECT max(b.id) FROM pass_authority b WHERE b.company_id = a.company_id);

-- A pass as it reads now: its state, when and by whom it was closed, the company and the
-- unit as the directory names them now, its goods in one line, the refusal. Every list,
-- the page and the export read it, so the rule is written once.
CREATE VIEW pass_now AS
SELECT
  p.id, p.direction, p.company_id, p.unit_id, p.carrier, p.doc_type,
  p.doc_number_clear, p.doc_number_masked, p.doc_number_hmac,
  p.day, p.window_from, p.window_to, p.scheduled, p.sealed, p.signer, p.at, p.staff_id,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'occupant' AND k.row_id = p.company_id
            AND k.field = 'name' ORDER BY k.id DESC LIMIT 1), o.name) AS company,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'unit' AND k.row_id = p.unit_id
            AND k.field = 'code' ORDER BY k.id DESC LIMIT 1), u.code) AS unit,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'pass' AND s.entity_id = p.id) AS state,
  f.name AS issued_by,
  c.at AS closed_at,
  cs.name AS closed_by,
  CASE WHEN c.event = 'void' THEN c.note END AS void_reason,
  r.hazard,
  r.reason AS refusal_reason,
  (SELECT count(*) FROM pass_item i WHERE i.pass_id = p.id) AS lines,
  (SELECT group_concat(g, '、') FROM (
     SELECT i.name || ' ' || i.quantity || i.measure AS g FROM pass_item i
     WHERE i.pass_id = p.id ORDER BY i.line)) AS goods
FROM pass p
JOIN occupant o ON o.id = p.company_id
JOIN unit u ON u.id = p.unit_id
JOIN staff f ON f.id = p.staff_id
-- the event that closed it: every event after the issue closes a pass
LEFT JOIN event c ON c.id = (SELECT max(e.id) FROM event e WHERE e.kind = 'pass' AND e.entity_id = p.id
                             AND e.event <> 'issue')
LEFT JOIN staff cs ON cs.id = c.staff_id
LEFT JOIN pass_refusal r ON r.pass_id = p.id;

CREATE TRIGGER pass_authority_no_update BEFORE UPDATE ON pass_authority BEGIN SELECT RAISE(ABORT, 'pass_authority is append-only'); END;
CREATE TRIGGER pass_authority_no_delete BEFORE DELETE ON pass_authority BEGIN SELECT RAISE(ABORT, 'pass_authority is append-only'); END;
CREATE TRIGGER pass_item_no_update BEFORE UPDATE ON pass_item BEGIN SELECT RAISE(ABORT, 'pass_item is append-only'); END;
CREATE TRIGGER pass_item_no_delete BEFORE DELETE ON pass_item BEGIN SELECT RAISE(ABORT, 'pass_item is append-only'); END;
CREATE TRIGGER pass_refusal_no_update BEFORE UPDATE ON pass_refusal BEGIN SELECT RAISE(ABORT, 'pass_refusal is append-only'); END;
CREATE TRIGGER pass_refusal_no_delete BEFORE DELETE ON pass_refusal BEGIN SELECT RAISE(ABORT, 'pass_refusal is append-only'); END;
CREATE TRIGGER pass_no_delete BEFORE DELETE ON pass BEGIN SELECT RAISE(ABORT, 'pass is append-only'); END;
-- The one UPDATE a pass allows: the privacy purge's, as a visit's (schema 90): the
-- carrier's number, its HMAC and the salt emptied and the mask made whole, every other
-- column as it was. (A migration that adds a column to pass must add it here too.)
CREATE TRIGGER pass_no_update BEFORE UPDATE ON pass
WHEN NEW.doc_number_clear IS NOT NULL
  OR NEW.doc_number_hmac IS NOT ''
  OR NEW.doc_number_masked IS NOT '********'
  OR NEW.pii_salt IS NOT NULL
  OR NEW.pii_commit IS NOT OLD.pii_commit
  OR NEW.id IS NOT OLD.id
  OR NEW.direction IS NOT OLD.direction
  OR NEW.company_id IS NOT OLD.company_id
  OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.carrier IS NOT OLD.carrier
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.day IS NOT OLD.day
  OR NEW.window_from IS NOT OLD.window_from
  OR NEW.window_to IS NOT OLD.window_to
  OR NEW.scheduled IS NOT OLD.scheduled
  OR NEW.sealed IS NOT OLD.sealed
  OR NEW.signer IS NOT OLD.signer
  OR NEW.authority_id IS NOT OLD.authority_id
  OR NEW.at IS NOT OLD.at
  OR NEW.staff_id IS NOT OLD.staff_id
BEGIN SELECT RAISE(ABORT, 'pass is append-only: only the privacy purge may clear the document number'); END;
