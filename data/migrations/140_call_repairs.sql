-- frontdesk schema 140: a repair request handed to engineering from the register (报修单;
-- 物业前台岗位职责 一、八). The desk's hand-off and its close-out only, not engineering's
-- work orders. A request is made of one entry whose matter is a repair: the entry moves
-- by its event (kind 'call') repair → closed, and the request, a row of its own, moves by
-- events of kind 'repair': hand → handed, then done → done (engineering's report, a row
-- of its own) or cancel → cancelled (the reason is the event's note). It holds no
-- personal data of the caller: the entry keeps the phone. All append-only.

CREATE TABLE call_repair (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL UNIQUE REFERENCES call_entry(id),
    event_id   INTEGER NOT NULL REFERENCES event(id),  -- the entry's 'repair' event
    what       TEXT NOT NULL CHECK (length(what) > 0), -- what is to be repaired
    unit_id    INTEGER REFERENCES unit(id),            -- NULL: not a unit of the directory
    unit       TEXT NOT NULL,                          -- the place: its code, or as given
    department TEXT NOT NULL CHECK (length(department) > 0),
    person     TEXT,                                   -- whom in the department, NULL: nobody named
    at         INTEGER NOT NULL,                       -- handed over
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX call_repair_by_at ON call_repair(at, id);

-- Engineering's report that the repair is done: who reported it, when the work was
-- finished, and what was done. A request is reported done once.
CREATE TABLE call_repair_done (
    id          INTEGER PRIMARY KEY,
    repair_id   INTEGER NOT NULL UNIQUE REFERENCES call_repair(id),
    event_id    INTEGER NOT NULL REFERENCES event(id),
    reported_by TEXT NOT NULL CHECK (length(reported_by) > 0),
    done_at     INTEGER NOT NULL,
    work        TEXT NOT NULL CHECK (length(work) > 0),
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);

-- A request as it reads now: what and the person their latest correction; its state;
-- engineering's report; when it was cancelled and why.
CREATE VIEW call_repair_now AS
SELECT
  r.id, r.call_id, r.unit_id, r.unit, r.department, r.at, r.staff_id,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_repair' AND k.row_id = r.id
            AND k.field = 'what' ORDER BY k.id DESC LIMIT 1), r.what) AS what,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_repair' AND k.row_id = r.id
            AND k.field = 'person' ORDER BY k.id DESC LIMIT 1), r.person) AS person,
  EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'call_repair' AND k.row_id = r.id) AS corrected,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'repair' AND s.entity_id = r.id) AS state,
  (SELECT f.name FROM staff f WHERE f.id = r.staff_id) AS handed_by,
  d.reported_by, d.done_at, d.work, d.at AS reported_at,
  (SELECT e.at FROM event e WHERE e.kind = 'repair' AND e.entity_id = r.id AND e.event = 'cancel'
   ORDER BY e.id DESC LIMIT 1) AS cancelled_at,
  (SELECT e.note FROM event e WHERE e.kind = 'repair' AND e.entity_id = r.id AND e.event = 'cancel'
   ORDER BY e.id DESC LIMIT 1) AS cancel_reason
FROM call_repair r
LEFT JOIN call_repair_done d ON d.repair_id = r.id;

-- The entry as it reads now gains the request made of it.
DROP VIEW call_now;
CREATE VIEW call_now AS
SELECT
  c.id, c.received_at, c.at, c.staff_id, c.unit_id, c.phone_hmac,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'channel' ORDER BY k.id DESC LIMIT 1), c.channel) AS channel,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'caller' ORDER BY k.id DESC LIMIT 1), c.caller) AS caller,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'unit' ORDER BY k.id DESC LIMIT 1), c.unit) AS unit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'phone' ORDER BY k.id DESC LIMIT 1), c.phone_clear) AS phone,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'matter' ORDER BY k.id DESC LIMIT 1), c.matter) AS matter,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'question' ORDER BY k.id DESC LIMIT 1), c.question) AS question,
  EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id) AS corrected,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'call' AND s.entity_id = c.id) AS state,
  (SELECT a.answer FROM call_answer a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1) AS answer,
  (SELECT count(*) FROM call_answer a WHERE a.call_id = c.id) AS answers,
  (SELECT r.department FROM call_referral r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1) AS department,
  (SELECT r.person FROM call_referral r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1) AS person,
  (SELECT e.at FROM event e WHERE e.kind = 'call' AND e.entity_id = c.id AND e.event IN ('close', 'complain', 'repair')
   ORDER BY e.id DESC LIMIT 1) AS closed_at,
  (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS received_by,
  (SELECT x.complaint_id FROM call_complaint x WHERE x.call_id = c.id) AS complaint_id,
  (SELECT p.id FROM call_repair p WHERE p.call_id = c.id) AS repair_id,
  (SELECT s.state FROM entity_state s JOIN call_repair p ON s.kind = 'repair' AND s.entity_id = p.id
   WHERE p.call_id = c.id) AS repair_state
FROM call_entry c;

CREATE TRIGGER call_repair_no_update BEFORE UPDATE ON call_repair BEGIN SELECT RAISE(ABORT, 'call_repair is append-only'); END;
CREATE TRIGGER call_repair_no_delete BEFORE DELETE ON call_repair BEGIN SELECT RAISE(ABORT, 'call_repair is append-only'); END;
CREATE TRIGGER call_repair_done_no_update BEFORE UPDATE ON call_repair_done BEGIN SELECT RAISE(ABORT, 'call_repair_done is append-only'); END;
CREATE TRIGGER call_repair_done_no_delete BEFORE DELETE ON call_repair_done BEGIN SELECT RAISE(ABORT, 'call_repair_done is append-only'); END;
