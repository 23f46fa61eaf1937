-- frontdesk schema 30: mail, parcels and newspapers (收发报纸工作规定, 前台职责 §10).
-- An item signed for at the desk is registered once and moves by events (kind 'mail'):
-- received → held (put on a shelf) → collected | collected_by_proxy | returned.
-- Shelving, hand-outs and returns are rows of their own; newspapers signed for in
-- bundles are counted per day and title in mail_paper. All of it is append-only.

CREATE TABLE mail_item (
    id                INTEGER PRIMARY KEY,
    at                INTEGER NOT NULL,           -- signed for at the desk
    staff_id          INTEGER NOT NULL REFERENCES staff(id),
    carrier           TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('letter','newspaper','magazine','express','other')),
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    tracking          TEXT,                       -- normal form: upper case, no blanks
    -- The recipient as picked from the directory (recipient_kind is enum fd_dir_kind,
    -- 0 for free text) and as it read at intake, which is what the lists show.
    recipient_kind    INTEGER NOT NULL CHECK (recipient_kind IN (0, 1, 2, 4, 8, 16)),
    recipient_id      INTEGER,
    recipient_unit_id INTEGER REFERENCES unit(id),
    recipient_unit    TEXT NOT NULL,              -- "A-1203", '' when not known
    recipient_name    TEXT NOT NULL,              -- the person or company, '' for a unit
    recipient_org     TEXT,                       -- a person's company, a department's
    note              TEXT,
    damaged           INTEGER NOT NULL CHECK (damaged IN (0, 1)),
    damage_note       TEXT,
    damage_ack        TEXT,                       -- the courier who acknowledged the damage
    CHECK (recipient_kind = 0 OR recipient_id IS NOT NULL),
    CHECK (length(recipient_unit) > 0 OR length(recipient_name) > 0),
    CHECK (damaged = 0 OR (length(damage_note) > 0 AND length(damage_ack) > 0))
);
-- A tracking number is registered once: the duplicate check and the scanner's search.
CREATE UNIQUE INDEX mail_item_by_tracking ON mail_item(tracking) WHERE tracking IS NOT NULL;
CREATE INDEX mail_item_by_at ON mail_item(at);
-- History searches by recipient list the newest first within a unit or name.
CREATE INDEX mail_item_by_unit ON mail_item(recipient_unit, id DESC);
CREATE INDEX mail_item_by_name ON mail_item(recipient_name, id DESC);

-- Where an item lies: the newest row is its shelf; the rows are its moves.
CREATE TABLE mail_shelving (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES mail_item(id),
    shelf    TEXT NOT NULL CHECK (length(shelf) > 0),
    event_id INTEGER NOT NULL REFERENCES event(id), -- the shelve or move it records
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX mail_shelving_by_item ON mail_shelving(item_id, id);
CREATE INDEX mail_shelving_by_shelf ON mail_shelving(shelf, item_id DESC);

-- A hand-out: one collector signs for one or several items. A proxy's phone may be
-- cleared by the privacy purge; its HMAC stays.
CREATE TABLE mail_handout (
    id                INTEGER PRIMARY KEY,
    at                INTEGER NOT NULL,
    staff_id          INTEGER NOT NULL REFERENCES staff(id),
    collector         TEXT NOT NULL CHECK (length(collector) > 0),
    signed            INTEGER NOT NULL CHECK (signed = 1),
    proxy_phone_clear TEXT,
    proxy_phone_hmac  TEXT,
    proxy_relation    TEXT,
    note              TEXT,
    CHECK ((proxy_phone_hmac IS NULL) = (proxy_relation IS NULL))
);
CREATE INDEX mail_handout_by_at ON mail_handout(at);

-- The items of a hand-out; an item is handed out once.
CREATE TABLE mail_handout_item (
    id         INTEGER PRIMARY KEY,
    handout_id INTEGER NOT NULL REFERENCES mail_handout(id),
    item_id    INTEGER NOT NULL UNIQUE REFERENCES mail_item(id),
    by_proxy   INTEGER NOT NULL CHECK (by_proxy IN (0, 1)),
    event_id   INTEGER NOT NULL REFERENCES event(id)
);
CREATE INDEX mail_handout_item_by_handout ON mail_handout_item(handout_id);

-- An item sent back: which carrier took it, and when.
CREATE TABLE mail_return (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL UNIQUE REFERENCES mail_item(id),
    carrier  TEXT NOT NULL CHECK (length(carrier) > 0),
    event_id INTEGER NOT NULL REFERENCES event(id), -- its note gives the reason, if early
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX mail_return_by_at ON mail_return(at);

-- Newspapers signed for in bundles ('in') and handed on ('out'), per Beijing day
-- (fd_date) and title: the daily tally.
CREATE TABLE mail_paper (
    id        INTEGER PRIMARY KEY,
    day       INTEGER NOT NULL,
    title     TEXT NOT NULL CHECK (length(title) > 0),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    quantity  INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
    party     TEXT,                               -- who delivered them, or took them
    at        INTEGER NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX mail_paper_by_day ON mail_paper(day, title, direction);

CREATE TRIGGER mail_item_no_update BEFORE UPDATE ON mail_item BEGIN SELECT RAISE(ABORT, 'mail_item is append-only'); END;
CREATE TRIGGER mail_item_no_delete BEFORE DELETE ON mail_item BEGIN SELECT RAISE(ABORT, 'mail_item is append-only'); END;
CREATE TRIGGER mail_shelving_no_update BEFORE UPDATE ON mail_shelving BEGIN SELECT RAISE(ABORT, 'mail_shelving is append-only'); END;
CREATE TRIGGER mail_shelving_no_delete BEFORE DELETE ON mail_shelving BEGIN SELECT RAISE(ABORT, 'mail_shelving is append-only'); END;
CREATE TRIGGER mail_handout_no_update BEFORE UPDATE ON mail_handout BEGIN SELECT RAISE(ABORT, 'mail_handout is append-only'); END;
CREATE TRIGGER mail_handout_no_delete BEFORE DELETE ON mail_handout BEGIN SELECT RAISE(ABORT, 'mail_handout is append-only'); END;
CREATE TRIGGER mail_handout_item_no_update BEFORE UPDATE ON mail_handout_item BEGIN SELECT RAISE(ABORT, 'mail_handout_item is append-only'); END;
CREATE TRIGGER mail_handout_item_no_delete BEFORE DELETE ON mail_handout_item BEGIN SELECT RAISE(ABORT, 'mail_handout_item is append-only'); END;
CREATE TRIGGER mail_return_no_update BEFORE UPDATE ON mail_return BEGIN SELECT RAISE(ABORT, 'mail_return is append-only'); END;
CREATE TRIGGER mail_return_no_delete BEFORE DELETE ON mail_return BEGIN SELECT RAISE(ABORT, 'mail_return is append-only'); END;
CREATE TRIGGER mail_paper_no_update BEFORE UPDATE ON mail_paper BEGIN SELECT RAISE(ABORT, 'mail_paper is append-only'); END;
CREATE TRIGGER mail_paper_no_delete BEFORE DELETE ON mail_paper BEGIN SELECT RAISE(ABORT, 'mail_paper is append-only'); END;
