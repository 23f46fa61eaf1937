-- frontdesk schema 100: the hotline and walk-in register (接听接待登记; 物业前台岗位职责
-- 一、三、八, 值班管理制度 六, form 客户部接听接待登记表). An entry is recorded once and
-- moves by events (kind 'call'): take → open, answer and refer keep it open, close → closed,
-- or complain → closed when it is handed to the complaints procedure. Answers, referrals
-- and the complaint made of it are rows of their own, each with its event. All append-only.

CREATE TABLE call_entry (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,             -- when the call came, or the visitor stood at the desk
    channel     TEXT NOT NULL CHECK (channel IN ('phone','visit')),
    caller      TEXT NOT NULL CHECK (length(caller) > 0),
    unit_id     INTEGER REFERENCES unit(id),  -- NULL: not a unit of the directory
    unit        TEXT NOT NULL,                -- its code, what the caller said, or ''
    phone_clear TEXT,                         -- personal data; NULL when none was given
    phone_hmac  TEXT,
    matter      TEXT NOT NULL CHECK (matter IN ('enquiry','help','repair','complaint','suggestion','other')),
    question    TEXT NOT NULL CHECK (length(question) > 0),
    at          INTEGER NOT NULL,             -- when it was recorded
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK (phone_clear IS NULL OR phone_hmac IS NOT NULL)
);
CREATE INDEX call_entry_by_received ON call_entry(received_at, id);
CREATE INDEX call_entry_by_caller ON call_entry(caller, id);
CREATE INDEX call_entry_by_unit ON call_entry(unit, id);
CREATE INDEX call_entry_by_phone ON call_entry(phone_hmac);

-- An answer given: at intake, or later (a call back, a second visit).
CREATE TABLE call_answer (
    id       INTEGER PRIMARY KEY,
    call_id  INTEGER NOT NULL REFERENCES call_entry(id),
    event_id INTEGER NOT NULL REFERENCES event(id),
    answer   TEXT NOT NULL CHECK (length(answer) > 0),
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX call_answer_by_call ON call_answer(call_id, id);
CREATE INDEX call_answer_by_event ON call_answer(event_id);

-- Referred to a department, and a person there; a later row is another referral.
CREATE TABLE call_referral (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES call_entry(id),
    event_id   INTEGER NOT NULL REFERENCES event(id),
    department TEXT NOT NULL CHECK (length(department) > 0),
    person     TEXT,
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX call_referral_by_call ON call_referral(call_id, id);
CREATE INDEX call_referral_by_event ON call_referral(event_id);

-- An entry handed to the complaints procedure (投诉记录表): the complaint taken in from
-- it. An entry becomes one complaint at most.
CREATE TABLE call_complaint (
    id           INTEGER PRIMARY KEY,
    call_id      INTEGER NOT NULL UNIQUE REFERENCES call_entry(id),
    event_id     INTEGER NOT NULL REFERENCES event(id),
    complaint_id INTEGER NOT NULL UNIQUE REFERENCES complaint(id),
    at           INTEGER NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id)
);

-- An entry as it reads now: each correctable field its latest correction, else the
-- row's; its state; its latest answer and referral; when it was closed; the complaint
-- made of it. Every list and
-- the page read it, so the rule is written once.
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
  (SELECT e.at FROM event e WHERE e.kind = 'call' AND e.entity_id = c.id AND e.event IN ('close', 'complain')
   ORDER BY e.id DESC LIMIT 1) AS closed_at,
  (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS received_by,
  (SELECT x.complaint_id FROM call_complaint x WHERE x.call_id = c.id) AS complaint_id
FROM call_entry c;

CREATE TRIGGER call_entry_no_update BEFORE UPDATE ON call_entry BEGIN SELECT RAISE(ABORT, 'call_entry is append-only'); END;
CREATE TRIGGER call_entry_no_delete BEFORE DELETE ON call_entry BEGIN SELECT RAISE(ABORT, 'call_entry is append-only'); END;
CREATE TRIGGER call_answer_no_update BEFORE UPDATE ON call_answer BEGIN SELECT RAISE(ABORT, 'call_answer is append-only'); END;
CREATE TRIGGER call_answer_no_delete BEFORE DELETE ON call_answer BEGIN SELECT RAISE(ABORT, 'call_answer is append-only'); END;
CREATE TRIGGER call_referral_no_update BEFORE UPDATE ON call_referral BEGIN SELECT RAISE(ABORT, 'call_referral is append-only'); END;
CREATE TRIGGER call_referral_no_delete BEFORE DELETE ON call_referral BEGIN SELECT RAISE(ABORT, 'call_referral is append-only'); END;
CREATE TRIGGER call_complaint_no_update BEFORE UPDATE ON call_complaint BEGIN SELECT RAISE(ABORT, 'call_complaint is append-only'); END;
CREATE TRIGGER call_complaint_no_delete BEFORE DELETE ON call_complaint BEGIN SELECT RAISE(ABORT, 'call_complaint is append-only'); END;
