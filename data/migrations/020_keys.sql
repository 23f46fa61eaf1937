-- frontdesk schema 20: key loans (钥匙管理制度). Keys are registered once and their
-- state moves by events (kind 'key'); a loan is requested once and moves by events
-- (kind 'loan'). Everything else — custody, hand-overs, returns, notification
-- attempts, losses and lock changes — is a row of its own. All of it is append-only.

-- The register (建档). A key opens a unit of the directory or a place named in
-- description (public area, plant room); a unit key's description says which door.
CREATE TABLE key_item (
    id             INTEGER PRIMARY KEY,
    tag            TEXT NOT NULL UNIQUE,        -- upper case, what the barcode scanner types
    unit_id        INTEGER REFERENCES unit(id),
    description    TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('spare','public','master')),
    entrustment_id INTEGER REFERENCES key_entrustment(id), -- an owner's spare key is held under one
    copy_of        INTEGER REFERENCES key_item(id),
    replaces       INTEGER REFERENCES key_item(id),        -- sealed after a lock change
    at             INTEGER NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff(id),
    CHECK (unit_id IS NOT NULL OR length(description) > 0),
    CHECK (kind <> 'spare' OR (unit_id IS NOT NULL AND entrustment_id IS NOT NULL))
);
CREATE INDEX key_item_by_unit ON key_item(unit_id, tag);
CREATE INDEX key_item_by_replaces ON key_item(replaces) WHERE replaces IS NOT NULL;

-- Who keeps a key: the newest row is the custodian; the rows are the transfers.
CREATE TABLE key_custody (
    id         INTEGER PRIMARY KEY,
    key_id     INTEGER NOT NULL REFERENCES key_item(id),
    department TEXT NOT NULL,
    person     TEXT NOT NULL,
    note       TEXT,
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX key_custody_by_key ON key_custody(key_id, id);

-- A loan as requested (借用钥匙登记表). The phone may be cleared by the privacy
-- purge; its HMAC stays.
CREATE TABLE key_loan (
    id              INTEGER PRIMARY KEY,
    borrower_kind   TEXT NOT NULL CHECK (borrower_kind IN ('staff','contractor')),
    borrower        TEXT NOT NULL,
    department      TEXT,
    company         TEXT,
    phone_clear     TEXT,
    phone_hmac      TEXT,
    reason          TEXT NOT NULL CHECK (reason IN ('repair','cleaning','inspection','meter','viewing','other')),
    note            TEXT,
    expected_return INTEGER,
    emergency       INTEGER NOT NULL CHECK (emergency IN (0, 1)),
    at              INTEGER NOT NULL,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    CHECK (borrower_kind <> 'contractor' OR (company IS NOT NULL AND phone_hmac IS NOT NULL))
);
CREATE INDEX key_loan_by_at ON key_loan(at, id);

CREATE TABLE key_loan_item (
    id      INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES key_loan(id),
    key_id  INTEGER NOT NULL REFERENCES key_item(id),
    UNIQUE (loan_id, key_id)
);
CREATE INDEX key_loan_item_by_key ON key_loan_item(key_id, loan_id);

-- The keys handed over, and when they are due back (the curfew, or an engineering
-- repair's expected return).
CREATE TABLE key_loan_out (
    id       INTEGER PRIMARY KEY,
    loan_id  INTEGER NOT NULL UNIQUE REFERENCES key_loan(id),
    due_at   INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX key_loan_out_by_at ON key_loan_out(at);

-- Who brought the keys back, to whom (staff_id) and when.
CREATE TABLE key_loan_return (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL UNIQUE REFERENCES key_loan(id),
    returned_by TEXT NOT NULL,
    note        TEXT,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX key_loan_return_by_at ON key_loan_return(at);

-- Emergency use of an owner's spare key: every call made before it, with its outcome.
CREATE TABLE key_notice (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL REFERENCES key_loan(id),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    target      TEXT NOT NULL CHECK (target IN ('occupant','contact','other')),
    occupant_id INTEGER REFERENCES occupant(id),
    contact_id  INTEGER REFERENCES contact(id),
    name        TEXT NOT NULL,
    phone_clear TEXT,
    phone_hmac  TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('reached','no_answer','busy','unreachable','wrong_number','message')),
    called_at   INTEGER NOT NULL,
    note        TEXT,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX key_notice_by_loan ON key_notice(loan_id, unit_id, id);

-- A key lost or damaged, and who is responsible.
CREATE TABLE key_incident (
    id          INTEGER PRIMARY KEY,
    key_id      INTEGER NOT NULL REFERENCES key_item(id),
    kind        TEXT NOT NULL CHECK (kind IN ('lost','damaged')),
    responsible TEXT NOT NULL,
    loan_id     INTEGER REFERENCES key_loan(id),
    note        TEXT,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX key_incident_by_at ON key_incident(at, id);

-- A lock cylinder changed: the old key is retired and the new one must reach the duty
-- manager to be sealed by due_at (24 hours on). Sealed when a key replaces key_id.
CREATE TABLE key_lock_change (
    id       INTEGER PRIMARY KEY,
    key_id   INTEGER NOT NULL UNIQUE REFERENCES key_item(id),
    due_at   INTEGER NOT NULL,
    note     TEXT,
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);

CREATE TRIGGER key_item_no_update BEFORE UPDATE ON key_item BEGIN SELECT RAISE(ABORT, 'key_item is append-only'); END;
CREATE TRIGGER key_item_no_delete BEFORE DELETE ON key_item BEGIN SELECT RAISE(ABORT, 'key_item is append-only'); END;
CREATE TRIGGER key_custody_no_update BEFORE UPDATE ON key_custody BEGIN SELECT RAISE(ABORT, 'key_custody is append-only'); END;
CREATE TRIGGER key_custody_no_delete BEFORE DELETE ON key_custody BEGIN SELECT RAISE(ABORT, 'key_custody is append-only'); END;
-- The privacy purge may only empty a *_clear column; nothing else changes.
CREATE TRIGGER key_loan_no_update BEFORE UPDATE OF id, borrower_kind, borrower, department, company, phone_hmac, reason, note, expected_return, emergency, at, staff_id ON key_loan BEGIN SELECT RAISE(ABORT, 'key_loan is append-only'); END;
CREATE TRIGGER key_loan_purge_only BEFORE UPDATE OF phone_clear ON key_loan WHEN NEW.phone_clear IS NOT NULL BEGIN SELECT RAISE(ABORT, 'key_loan is append-only'); END;
CREATE TRIGGER key_loan_no_delete BEFORE DELETE ON key_loan BEGIN SELECT RAISE(ABORT, 'key_loan is append-only'); END;
CREATE TRIGGER key_loan_item_no_update BEFORE UPDATE ON key_loan_item BEGIN SELECT RAISE(ABORT, 'key_loan_item is append-only'); END;
CREATE TRIGGER key_loan_item_no_delete BEFORE DELETE ON key_loan_item BEGIN SELECT RAISE(ABORT, 'key_loan_item is append-only'); END;
CREATE TRIGGER key_loan_out_no_update BEFORE UPDATE ON key_loan_out BEGIN SELECT RAISE(ABORT, 'key_loan_out is append-only'); END;
CREATE TRIGGER key_loan_out_no_delete BEFORE DELETE ON key_loan_out BEGIN SELECT RAISE(ABORT, 'key_loan_out is append-only'); END;
CREATE TRIGGER key_loan_return_no_update BEFORE UPDATE ON key_loan_return BEGIN SELECT RAISE(ABORT, 'key_loan_return is append-only'); END;
CREATE TRIGGER key_loan_return_no_delete BEFORE DELETE ON key_loan_return BEGIN SELECT RAISE(ABORT, 'key_loan_return is append-only'); END;
CREATE TRIGGER key_notice_no_update BEFORE UPDATE OF id, loan_id, unit_id, target, occupant_id, contact_id, name, phone_hmac, outcome, called_at, note, at, staff_id ON key_notice BEGIN SELECT RAISE(ABORT, 'key_notice is append-only'); END;
CREATE TRIGGER key_notice_purge_only BEFORE UPDATE OF phone_clear ON key_notice WHEN NEW.phone_clear IS NOT NULL BEGIN SELECT RAISE(ABORT, 'key_notice is append-only'); END;
CREATE TRIGGER key_notice_no_delete BEFORE DELETE ON key_notice BEGIN SELECT RAISE(ABORT, 'key_notice is append-only'); END;
CREATE TRIGGER key_incident_no_update BEFORE UPDATE ON key_incident BEGIN SELECT RAISE(ABORT, 'key_incident is append-only'); END;
CREATE TRIGGER key_incident_no_delete BEFORE DELETE ON key_incident BEGIN SELECT RAISE(ABORT, 'key_incident is append-only'); END;
CREATE TRIGGER key_lock_change_no_update BEFORE UPDATE ON key_lock_change BEGIN SELECT RAISE(ABORT, 'key_lock_change is append-only'); END;
CREATE TRIGGER key_lock_change_no_delete BEFORE DELETE ON key_lock_change BEGIN SELECT RAISE(ABORT, 'key_lock_change is append-only'); END;
