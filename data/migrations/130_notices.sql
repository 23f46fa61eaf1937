-- frontdesk schema 130: notices (通告发放管理制度). A notice is drafted once and moves by
-- events (kind 'notice'): draft → draft, approve → approved (the event names the approver),
-- issue → issued, post → posted, take_down → taken_down; an emergency notice is created
-- posted (emergency, with its approver). An override of the notice period and each unit a
-- notice was handed to are rows of their own, each with its event. All append-only.

CREATE TABLE notice (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('works','general','emergency')),
    title     TEXT NOT NULL CHECK (length(title) > 0),
    body      TEXT NOT NULL CHECK (length(body) > 0),
    place     TEXT NOT NULL,
    starts_at INTEGER NOT NULL,               -- the event's start
    ends_at   INTEGER NOT NULL,               -- the event's end: then it comes down
    at        INTEGER NOT NULL,               -- when it was drafted
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    CHECK (ends_at > starts_at)
);
CREATE INDEX notice_by_at ON notice(at, id);

-- A start earlier than the notice period allows, let through by a manager (their PIN
-- entered) at drafting or at issue; earliest is what the rule allowed then.
CREATE TABLE notice_override (
    id         INTEGER PRIMARY KEY,
    notice_id  INTEGER NOT NULL REFERENCES notice(id),
    event_id   INTEGER NOT NULL REFERENCES event(id),
    manager_id INTEGER NOT NULL REFERENCES staff(id),
    reason     TEXT NOT NULL CHECK (length(reason) > 0),
    earliest   INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX notice_override_by_notice ON notice_override(notice_id, id);

-- Handed to a unit door to door: which, when, by whom. Each unit once per notice.
CREATE TABLE notice_delivery (
    id           INTEGER PRIMARY KEY,
    notice_id    INTEGER NOT NULL REFERENCES notice(id),
    event_id     INTEGER NOT NULL REFERENCES event(id),
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    unit         TEXT NOT NULL,               -- its code when delivered
    delivered_at INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    UNIQUE (notice_id, unit_id)
);
CREATE INDEX notice_delivery_by_event ON notice_delivery(event_id);

-- A notice as it reads now, as its lists show it: each correctable field its latest
-- correction, else the row's; its state; who drafted and who signed it; how many units it
-- was handed to. Every list reads it; what only a notice's page and the papers show is in
-- notice_steps below, so that a page of the list costs no more than it shows.
CREATE VIEW notice_now AS
SELECT
  n.id, n.kind, n.starts_at, n.at, n.staff_id, s.state, f.name AS drafted_by,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'notice' AND k.row_id = n.id
            AND k.field = 'title' ORDER BY k.id DESC LIMIT 1), n.title) AS title,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'notice' AND k.row_id = n.id
            AND k.field = 'place' ORDER BY k.id DESC LIMIT 1), n.place) AS place,
  coalesce((SELECT CAST(k.value AS INTEGER) FROM correction k WHERE k.tbl = 'notice'
            AND k.row_id = n.id AND k.field = 'ends_at' ORDER BY k.id DESC LIMIT 1), n.ends_at) AS ends_at,
  (SELECT a.name FROM event e JOIN staff a ON a.id = e.approver_id WHERE e.kind = 'notice'
   AND e.entity_id = n.id AND e.event IN ('approve', 'emergency') ORDER BY e.id DESC LIMIT 1) AS approved_by,
  (SELECT count(*) FROM notice_delivery v WHERE v.notice_id = n.id) AS deliveries
FROM notice n
JOIN entity_state s ON s.kind = 'notice' AND s.entity_id = n.id
JOIN staff f ON f.id = n.staff_id;

-- The rest of a notice as it reads now: its text, when each step was taken, its latest
-- override of the notice period, whether anything was corrected.
CREATE VIEW notice_steps AS
SELECT
  n.id,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'notice' AND k.row_id = n.id
            AND k.field = 'body' ORDER BY k.id DESC LIMIT 1), n.body) AS body,
  (SELECT e.at FROM event e WHERE e.kind = 'notice' AND e.entity_id = n.id
   AND e.event IN ('approve', 'emergency') ORDER BY e.id DESC LIMIT 1) AS approved_at,
  (SELECT e.at FROM event e WHERE e.kind = 'notice' AND e.entity_id = n.id
   AND e.event = 'issue' ORDER BY e.id DESC LIMIT 1) AS issued_at,
  (SELECT e.at FROM event e WHERE e.kind = 'notice' AND e.entity_id = n.id
   AND e.event IN ('post', 'emergency') ORDER BY e.id DESC LIMIT 1) AS posted_at,
  (SELECT e.at FROM event e WHERE e.kind = 'notice' AND e.entity_id = n.id
   AND e.event = 'take_down' ORDER BY e.id DESC LIMIT 1) AS taken_down_at,
  (SELECT f.name FROM notice_override o JOIN staff f ON f.id = o.manager_id
   WHERE o.notice_id = n.id ORDER BY o.id DESC LIMIT 1) AS overridden_by,
  (SELECT o.reason FROM notice_override o WHERE o.notice_id = n.id ORDER BY o.id DESC LIMIT 1) AS override_reason,
  EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'notice' AND k.row_id = n.id) AS corrected
FROM notice n;

CREATE TRIGGER notice_no_update BEFORE UPDATE ON notice BEGIN SELECT RAISE(ABORT, 'notice is append-only'); END;
CREATE TRIGGER notice_no_delete BEFORE DELETE ON notice BEGIN SELECT RAISE(ABORT, 'notice is append-only'); END;
CREATE TRIGGER notice_override_no_update BEFORE UPDATE ON notice_override BEGIN SELECT RAISE(ABORT, 'notice_override is append-only'); END;
CREATE TRIGGER notice_override_no_delete BEFORE DELETE ON notice_override BEGIN SELECT RAISE(ABORT, 'notice_override is append-only'); END;
CREATE TRIGGER notice_delivery_no_update BEFORE UPDATE ON notice_delivery BEGIN SELECT RAISE(ABORT, 'notice_delivery is append-only'); END;
CREATE TRIGGER notice_delivery_no_delete BEFORE DELETE ON notice_delivery BEGIN SELECT RAISE(ABORT, 'notice_delivery is append-only'); END;
