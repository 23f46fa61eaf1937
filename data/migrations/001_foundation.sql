-- frontdesk schema 1: staff, directory, the generic event and correction records,
-- and the audit chain. Record tables are append-only: triggers refuse UPDATE and
-- DELETE. entity_state is derived (rebuilt from event by verify) and may change.

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    number     TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('receptionist','assistant','duty_manager','cs_manager','admin')),
    at         INTEGER NOT NULL,
    created_by INTEGER REFERENCES staff(id)
);

-- The newest row is the staff member's PIN.
CREATE TABLE staff_pin (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    hash     TEXT NOT NULL,
    at       INTEGER NOT NULL,
    set_by   INTEGER REFERENCES staff(id)
);
CREATE INDEX staff_pin_by_staff ON staff_pin(staff_id, id);

-- Logins and unlocks: the lock-out is counted from these rows.
CREATE TABLE login_event (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    outcome  TEXT NOT NULL CHECK (outcome IN ('ok','bad_pin','locked_out','unlock')),
    at       INTEGER NOT NULL,
    by_staff INTEGER REFERENCES staff(id)
);
CREATE INDEX login_event_by_staff ON login_event(staff_id, id);

CREATE TABLE building (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    at       INTEGER NOT NULL,
    staff_id INTEGER REFERENCES staff(id)
);

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES building(id),
    floor       INTEGER NOT NULL,
    room        TEXT NOT NULL,
    code        TEXT NOT NULL UNIQUE, -- "A-1203": building-room, what people say
    at          INTEGER NOT NULL,
    staff_id    INTEGER REFERENCES staff(id)
);

-- Owners, tenants, companies, and people of a company (kind 'employee').
CREATE TABLE occupant (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    kind          TEXT NOT NULL CHECK (kind IN ('owner','tenant','company','employee')),
    name          TEXT NOT NULL,
    phone         TEXT,
    company_id    INTEGER REFERENCES occupant(id),
    department_id INTEGER REFERENCES department(id),
    position      TEXT,
    at            INTEGER NOT NULL,
    staff_id      INTEGER REFERENCES staff(id)
);
CREATE INDEX occupant_by_unit ON occupant(unit_id);
CREATE INDEX occupant_by_name ON occupant(name);

CREATE TABLE department (
    id         INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES occupant(id),
    name       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    staff_id   INTEGER REFERENCES staff(id),
    UNIQUE (company_id, name)
);

-- Emergency contacts of a unit (业户紧急联系表).
CREATE TABLE contact (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    occupant_id INTEGER REFERENCES occupant(id),
    name        TEXT NOT NULL,
    relation    TEXT,
    phone       TEXT NOT NULL,
    at          INTEGER NOT NULL,
    staff_id    INTEGER REFERENCES staff(id)
);
CREATE INDEX contact_by_unit ON contact(unit_id);

-- Spare keys held under a signed entrustment (业户钥匙委托书).
CREATE TABLE key_entrustment (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    occupant_id INTEGER REFERENCES occupant(id),
    signed_on   TEXT NOT NULL, -- YYYY-MM-DD
    at          INTEGER NOT NULL,
    staff_id    INTEGER REFERENCES staff(id)
);
CREATE INDEX key_entrustment_by_unit ON key_entrustment(unit_id);

-- State changes of every procedure's entities.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    event       TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    approver_id INTEGER REFERENCES staff(id),
    at          INTEGER NOT NULL,
    note        TEXT,
    data        TEXT
);
CREATE INDEX event_by_entity ON event(kind, entity_id, id);

-- Derived: each entity's current state, the target of its last event.
CREATE TABLE entity_state (
    kind      TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    state     TEXT NOT NULL,
    event_id  INTEGER NOT NULL REFERENCES event(id),
    PRIMARY KEY (kind, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_state_by_state ON entity_state(kind, state, entity_id);

-- A correction names the row and field it corrects; the row itself never changes.
CREATE TABLE correction (
    id       INTEGER PRIMARY KEY,
    tbl      TEXT NOT NULL,
    row_id   INTEGER NOT NULL,
    field    TEXT NOT NULL,
    value    TEXT,
    reason   TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    at       INTEGER NOT NULL
);
CREATE INDEX correction_by_row ON correction(tbl, row_id, field, id);

-- The audit chain: hash = HMAC(secret, prev hash ‖ this entry ‖ the row's content).
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    staff_id INTEGER REFERENCES staff(id),
    action   TEXT NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   INTEGER NOT NULL,
    hash     BLOB NOT NULL
);
CREATE INDEX audit_by_row ON audit(tbl, row_id);

CREATE TRIGGER staff_no_update BEFORE UPDATE ON staff BEGIN SELECT RAISE(ABORT, 'staff is append-only'); END;
CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff BEGIN SELECT RAISE(ABORT, 'staff is append-only'); END;
CREATE TRIGGER staff_pin_no_update BEFORE UPDATE ON staff_pin BEGIN SELECT RAISE(ABORT, 'staff_pin is append-only'); END;
CREATE TRIGGER staff_pin_no_delete BEFORE DELETE ON staff_pin BEGIN SELECT RAISE(ABORT, 'staff_pin is append-only'); END;
CREATE TRIGGER login_event_no_update BEFORE UPDATE ON login_event BEGIN SELECT RAISE(ABORT, 'login_event is append-only'); END;
CREATE TRIGGER login_event_no_delete BEFORE DELETE ON login_event BEGIN SELECT RAISE(ABORT, 'login_event is append-only'); END;
CREATE TRIGGER building_no_update BEFORE UPDATE ON building BEGIN SELECT RAISE(ABORT, 'building is append-only'); END;
CREATE TRIGGER building_no_delete BEFORE DELETE ON building BEGIN SELECT RAISE(ABORT, 'building is append-only'); END;
CREATE TRIGGER unit_no_update BEFORE UPDATE ON unit BEGIN SELECT RAISE(ABORT, 'unit is append-only'); END;
CREATE TRIGGER unit_no_delete BEFORE DELETE ON unit BEGIN SELECT RAISE(ABORT, 'unit is append-only'); END;
CREATE TRIGGER occupant_no_update BEFORE UPDATE ON occupant BEGIN SELECT RAISE(ABORT, 'occupant is append-only'); END;
CREATE TRIGGER occupant_no_delete BEFORE DELETE ON occupant BEGIN SELECT RAISE(ABORT, 'occupant is append-only'); END;
CREATE TRIGGER department_no_update BEFORE UPDATE ON department BEGIN SELECT RAISE(ABORT, 'department is append-only'); END;
CREATE TRIGGER department_no_delete BEFORE DELETE ON department BEGIN SELECT RAISE(ABORT, 'department is append-only'); END;
CREATE TRIGGER contact_no_update BEFORE UPDATE ON contact BEGIN SELECT RAISE(ABORT, 'contact is append-only'); END;
CREATE TRIGGER contact_no_delete BEFORE DELETE ON contact BEGIN SELECT RAISE(ABORT, 'contact is append-only'); END;
CREATE TRIGGER key_entrustment_no_update BEFORE UPDATE ON key_entrustment BEGIN SELECT RAISE(ABORT, 'key_entrustment is append-only'); END;
CREATE TRIGGER key_entrustment_no_delete BEFORE DELETE ON key_entrustment BEGIN SELECT RAISE(ABORT, 'key_entrustment is append-only'); END;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event BEGIN SELECT RAISE(ABORT, 'event is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event BEGIN SELECT RAISE(ABORT, 'event is append-only'); END;
CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
