-- frontdesk schema 10: the visitor log (访客登记). A visit is registered once; its
-- state (registered → admitted | refused; admitted → left) lives in event, its
-- slip (访客登记单) is its own row, corrections are correction rows. The only change
-- a visit row ever sees is the privacy purge clearing doc_number_clear.

CREATE TABLE visit (
    id                 INTEGER PRIMARY KEY,
    visitor_name       TEXT NOT NULL,
    doc_type           TEXT NOT NULL CHECK (doc_type IN ('resident_id','passport','hk_macau','taiwan','other')),
    doc_number_clear   TEXT,          -- normal form; NULL once purged
    doc_number_hmac    TEXT NOT NULL, -- fd_desk_hmac_hex of the normal form: recognition and search
    doc_number_masked  TEXT NOT NULL, -- what stays visible after the purge
    phone              TEXT NOT NULL,
    party_size         INTEGER NOT NULL CHECK (party_size BETWEEN 1 AND 99),
    purpose            TEXT NOT NULL,
    -- whom they visit: picked from the directory (ids) or typed (ids NULL); the text
    -- is kept either way, as the slip showed it
    unit_id            INTEGER REFERENCES unit(id),
    company_id         INTEGER REFERENCES occupant(id),
    department_id      INTEGER REFERENCES department(id),
    person_id          INTEGER REFERENCES occupant(id),
    visitee_unit       TEXT,
    visitee_company    TEXT,
    visitee_department TEXT,
    visitee_name       TEXT NOT NULL,
    visitee_position   TEXT,
    registered_at      INTEGER NOT NULL,
    staff_id           INTEGER NOT NULL REFERENCES staff(id),
    approver_id        INTEGER REFERENCES staff(id)
);
CREATE INDEX visit_by_time ON visit(registered_at);
CREATE INDEX visit_by_name ON visit(visitor_name);
CREATE INDEX visit_by_phone ON visit(phone);
CREATE INDEX visit_by_document ON visit(doc_number_hmac);
CREATE INDEX visit_by_visitee ON visit(visitee_name);
CREATE INDEX visit_by_visitee_unit ON visit(visitee_unit);
CREATE INDEX visit_by_visitee_company ON visit(visitee_company);
-- What the purge still has to clear, so it never rereads what it cleared before.
CREATE INDEX visit_unpurged ON visit(registered_at) WHERE doc_number_clear IS NOT NULL;
-- Searches find a visit by a corrected name, phone or visitee too.
CREATE INDEX correction_visit_value ON correction(field, value, row_id) WHERE tbl = 'visit';

-- The slip issued at admission: numbered per Beijing day ("20261127-007").
CREATE TABLE visit_slip (
    id       INTEGER PRIMARY KEY,
    visit_id INTEGER NOT NULL UNIQUE REFERENCES visit(id),
    day      INTEGER NOT NULL, -- days since 1970-01-01, Beijing
    seq      INTEGER NOT NULL CHECK (seq > 0),
    number   TEXT NOT NULL UNIQUE,
    gate     TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES event(id),
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    UNIQUE (day, seq)
);

-- The do-not-admit list: a row with lifts NULL puts a visitor (by document) on it, for
-- one unit or (unit_id NULL) the whole site; a row naming lifts takes that entry off.
CREATE TABLE visitor_ban (
    id                INTEGER PRIMARY KEY,
    lifts             INTEGER REFERENCES visitor_ban(id),
    doc_type          TEXT NOT NULL CHECK (doc_type IN ('resident_id','passport','hk_macau','taiwan','other')),
    doc_number_hmac   TEXT NOT NULL,
    doc_number_masked TEXT NOT NULL,
    visitor_name      TEXT NOT NULL,
    unit_id           INTEGER REFERENCES unit(id),
    reason            TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at                INTEGER NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX visitor_ban_by_document ON visitor_ban(doc_number_hmac, id);
CREATE UNIQUE INDEX visitor_ban_lifted ON visitor_ban(lifts) WHERE lifts IS NOT NULL;

-- Each run of the privacy purge: what it cleared, by whose order.
CREATE TABLE visit_purge (
    id             INTEGER PRIMARY KEY,
    cutoff         INTEGER NOT NULL, -- visits registered before this instant were cleared
    retention_days INTEGER NOT NULL,
    cleared        INTEGER NOT NULL,
    at             INTEGER NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff(id)
);

-- The one UPDATE a visit allows: doc_number_clear set to NULL, every other column as
-- it was. (A migration that adds a column to visit must add it here too.)
CREATE TRIGGER visit_no_update BEFORE UPDATE ON visit
WHEN NEW.doc_number_clear IS NOT NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.visitor_name IS NOT OLD.visitor_name
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.doc_number_hmac IS NOT OLD.doc_number_hmac
  OR NEW.doc_number_masked IS NOT OLD.doc_number_masked
  OR NEW.phone IS NOT OLD.phone
  OR NEW.party_size IS NOT OLD.party_size
  OR NEW.purpose IS NOT OLD.purpose
  OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.company_id IS NOT OLD.company_id
  OR NEW.department_id IS NOT OLD.department_id
  OR NEW.person_id IS NOT OLD.person_id
  OR NEW.visitee_unit IS NOT OLD.visitee_unit
  OR NEW.visitee_company IS NOT OLD.visitee_company
  OR NEW.visitee_department IS NOT OLD.visitee_department
  OR NEW.visitee_name IS NOT OLD.visitee_name
  OR NEW.visitee_position IS NOT OLD.visitee_position
  OR NEW.registered_at IS NOT OLD.registered_at
  OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.approver_id IS NOT OLD.approver_id
BEGIN SELECT RAISE(ABORT, 'visit is append-only: only the privacy purge may clear doc_number_clear'); END;
CREATE TRIGGER visit_no_delete BEFORE DELETE ON visit BEGIN SELECT RAISE(ABORT, 'visit is append-only'); END;
CREATE TRIGGER visit_slip_no_update BEFORE UPDATE ON visit_slip BEGIN SELECT RAISE(ABORT, 'visit_slip is append-only'); END;
CREATE TRIGGER visit_slip_no_delete BEFORE DELETE ON visit_slip BEGIN SELECT RAISE(ABORT, 'visit_slip is append-only'); END;
CREATE TRIGGER visitor_ban_no_update BEFORE UPDATE ON visitor_ban BEGIN SELECT RAISE(ABORT, 'visitor_ban is append-only'); END;
CREATE TRIGGER visitor_ban_no_delete BEFORE DELETE ON visitor_ban BEGIN SELECT RAISE(ABORT, 'visitor_ban is append-only'); END;
CREATE TRIGGER visit_purge_no_update BEFORE UPDATE ON visit_purge BEGIN SELECT RAISE(ABORT, 'visit_purge is append-only'); END;
CREATE TRIGGER visit_purge_no_delete BEFORE DELETE ON visit_purge BEGIN SELECT RAISE(ABORT, 'visit_purge is append-only'); END;
