-- frontdesk schema 40: complaints, satisfaction-survey opinions and paid special
-- services, with their assignments, rectifications, return visits and deadlines
-- (投诉记录表, 回访记录表). Record tables are append-only; complaint_open is derived
-- (rebuilt from the records by fd_complaints_verify) and may change.

-- Intake (投诉记录表). sort: a complaint, an opinion from a satisfaction survey, or a
-- paid special service (特约服务) awaiting its phone return visit.
CREATE TABLE complaint (
    id          INTEGER PRIMARY KEY,
    sort        TEXT NOT NULL CHECK (sort IN ('complaint','survey','special')),
    occupant_id INTEGER REFERENCES occupant(id),
    complainant TEXT NOT NULL,
    unit_id     INTEGER REFERENCES unit(id),
    unit        TEXT NOT NULL,  -- the unit code, or what the complainant said
    phone_clear TEXT,           -- contact phone: personal data the purge may clear
    phone_hmac  TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('phone','visit','letter','other')),
    content     TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('facilities','emergency','service_attitude',
                    'service_mail','service_vehicles','service_carry_out','other')),
    severity    TEXT CHECK (severity IN ('major','general')),
    received_at INTEGER NOT NULL, -- when the complaint was made; deadlines count from it
    at          INTEGER NOT NULL, -- when it was recorded
    staff_id    INTEGER NOT NULL REFERENCES staff(id), -- who received it
    CHECK ((sort = 'complaint') = (severity IS NOT NULL))
);
CREATE INDEX complaint_by_received ON complaint(received_at, id);
CREATE INDEX complaint_by_complainant ON complaint(complainant, id);
CREATE INDEX complaint_by_unit ON complaint(unit, id);
CREATE INDEX complaint_by_phone ON complaint(phone_hmac);

-- A deadline, set by the event named here: what must happen by due_at, counted from
-- counted_from under rule. A severity correction re-derives it as a correction of due_at.
CREATE TABLE complaint_deadline (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    event_id     INTEGER NOT NULL REFERENCES event(id),
    what         TEXT NOT NULL CHECK (what IN ('assign','rectify','visit')),
    rule         TEXT NOT NULL CHECK (rule IN ('major','general','survey')),
    counted_from INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX complaint_deadline_by_complaint ON complaint_deadline(complaint_id, id);
CREATE INDEX complaint_deadline_by_event ON complaint_deadline(event_id);

-- The responsible department; a later row is a reassignment.
CREATE TABLE complaint_assignment (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    event_id     INTEGER NOT NULL REFERENCES event(id),
    department   TEXT NOT NULL,
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX complaint_assignment_by_complaint ON complaint_assignment(complaint_id, id);
CREATE INDEX complaint_assignment_by_event ON complaint_assignment(event_id);

-- Rectification: the measures taken, the result, who did it and when.
CREATE TABLE complaint_rectification (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    event_id     INTEGER NOT NULL REFERENCES event(id),
    measures     TEXT NOT NULL,
    result       TEXT NOT NULL,
    done_by      TEXT NOT NULL,
    done_at      INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX complaint_rectification_by_complaint ON complaint_rectification(complaint_id, id);
CREATE INDEX complaint_rectification_by_event ON complaint_rectification(event_id);

-- Return visit (回访记录表) and the customer's acknowledgement (签字认可): signed on
-- paper, or confirmed by phone with the number called.
CREATE TABLE complaint_visit (
    id              INTEGER PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaint(id),
    event_id        INTEGER NOT NULL REFERENCES event(id),
    visited_at      INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('phone','visit')),
    result          TEXT NOT NULL,
    satisfaction    TEXT NOT NULL CHECK (satisfaction IN ('satisfied','basically_satisfied','dissatisfied')),
    ack             TEXT NOT NULL CHECK (ack IN ('signed','phone')),
    ack_phone_clear TEXT,
    ack_phone_hmac  TEXT,
    at              INTEGER NOT NULL,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    CHECK ((ack = 'phone') = (ack_phone_hmac IS NOT NULL))
);
CREATE INDEX complaint_visit_by_complaint ON complaint_visit(complaint_id, id);
CREATE INDEX complaint_visit_by_event ON complaint_visit(event_id);
CREATE INDEX complaint_visit_by_time ON complaint_visit(visited_at, id);

-- Derived: every complaint not yet closed, with its current deadline (the newest
-- deadline row, corrections applied; none once visited), its department and who took
-- it over. Keeps the open, overdue and department views and the overdue counter index
-- walks however long the history grows. due_at is 9223372036854775807 when there is no
-- deadline, so those sort last.
CREATE TABLE complaint_open (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
    due_at       INTEGER NOT NULL,
    department   TEXT,
    escalated_by INTEGER REFERENCES staff(id)
);
CREATE INDEX complaint_open_by_due ON complaint_open(due_at, complaint_id);
CREATE INDEX complaint_open_by_department ON complaint_open(department, due_at, complaint_id);

-- What complaint_open must hold, derived from the records: the write path refreshes a
-- complaint's row from it, and fd_complaints_verify compares the whole table with it.
CREATE VIEW complaint_open_expected AS
SELECT c.id AS complaint_id,
       CASE WHEN s.state IN ('visited', 'served') THEN 9223372036854775807
            ELSE coalesce((SELECT CAST(coalesce(
                     (SELECT k.value FROM correction k WHERE k.tbl = 'complaint_deadline'
                      AND k.row_id = dl.id AND k.field = 'due_at' ORDER BY k.id DESC LIMIT 1),
                     dl.due_at) AS INTEGER)
                 FROM complaint_deadline dl WHERE dl.complaint_id = c.id
                 ORDER BY dl.id DESC LIMIT 1), 9223372036854775807)
       END AS due_at,
       (SELECT a.department FROM complaint_assignment a WHERE a.complaint_id = c.id
        ORDER BY a.id DESC LIMIT 1) AS department,
       (SELECT coalesce(e.approver_id, e.staff_id) FROM event e WHERE e.kind = 'complaint'
        AND e.entity_id = c.id AND e.event = 'escalate' ORDER BY e.id DESC LIMIT 1) AS escalated_by
FROM complaint c
JOIN entity_state s ON s.kind = 'complaint' AND s.entity_id = c.id
WHERE s.state <> 'closed';

CREATE TRIGGER complaint_no_update BEFORE UPDATE ON complaint BEGIN SELECT RAISE(ABORT, 'complaint is append-only'); END;
CREATE TRIGGER complaint_no_delete BEFORE DELETE ON complaint BEGIN SELECT RAISE(ABORT, 'complaint is append-only'); END;
CREATE TRIGGER complaint_deadline_no_update BEFORE UPDATE ON complaint_deadline BEGIN SELECT RAISE(ABORT, 'complaint_deadline is append-only'); END;
CREATE TRIGGER complaint_deadline_no_delete BEFORE DELETE ON complaint_deadline BEGIN SELECT RAISE(ABORT, 'complaint_deadline is append-only'); END;
CREATE TRIGGER complaint_assignment_no_update BEFORE UPDATE ON complaint_assignment BEGIN SELECT RAISE(ABORT, 'complaint_assignment is append-only'); END;
CREATE TRIGGER complaint_assignment_no_delete BEFORE DELETE ON complaint_assignment BEGIN SELECT RAISE(ABORT, 'complaint_assignment is append-only'); END;
CREATE TRIGGER complaint_rectification_no_update BEFORE UPDATE ON complaint_rectification BEGIN SELECT RAISE(ABORT, 'complaint_rectification is append-only'); END;
CREATE TRIGGER complaint_rectification_no_delete BEFORE DELETE ON complaint_rectification BEGIN SELECT RAISE(ABORT, 'complaint_rectification is append-only'); END;
CREATE TRIGGER complaint_visit_no_update BEFORE UPDATE ON complaint_visit BEGIN SELECT RAISE(ABORT, 'complaint_visit is append-only'); END;
CREATE TRIGGER complaint_visit_no_delete BEFORE DELETE ON complaint_visit BEGIN SELECT RAISE(ABORT, 'complaint_visit is append-only'); END;
