-- frontdesk schema 50: the duty handover book (总值交接班记录本, 值班日志). A shift is the
-- book in one duty manager's hands, from taking it over to handing it on; its state
-- moves by events (kind 'shift'). Entries are written once; an entry marked 请继续跟进 /
-- 请继续监管 is a follow-up whose state moves by events (kind 'shift_followup', entity
-- = the entry) and whose progress, shift after shift, is a row of its own. Each attempt
-- to hand over keeps a snapshot of the open items and the inventory counted at that
-- moment. Every record table is append-only; shift_entry_search is a derived index.

CREATE TABLE shift (
    id         INTEGER PRIMARY KEY,
    manager_id INTEGER NOT NULL REFERENCES staff(id), -- the duty manager holding the book
    start_at   INTEGER NOT NULL,
    handover_id INTEGER REFERENCES shift_handover(id), -- how it was taken over; NULL: opened afresh
    at         INTEGER NOT NULL,
    staff_id   INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX shift_by_start ON shift(start_at, id);
CREATE UNIQUE INDEX shift_by_handover ON shift(handover_id) WHERE handover_id IS NOT NULL;

-- One line of the book. at is the duty's time, the time an incident was reported, or
-- the time work was given. result is the result (duty, incident) or the completion
-- (memo, instructions). reported_to/at: whom a finished instruction was reported back
-- to, and when. The author is a duty manager, or desk staff keeping the duty log.
CREATE TABLE shift_entry (
    id          INTEGER PRIMARY KEY,
    shift_id    INTEGER NOT NULL REFERENCES shift(id),
    kind        TEXT NOT NULL CHECK (kind IN ('duty','incident','memo','instruction','leadership')),
    at          INTEGER NOT NULL,
    content     TEXT NOT NULL CHECK (length(content) > 0),
    reporter    TEXT,
    given_by    TEXT,
    relayed_to  TEXT,
    handling    TEXT,
    superior    TEXT,
    result      TEXT,
    follow_up   TEXT,
    follow_mark TEXT CHECK (follow_mark IN ('follow','supervise')),
    reported_to TEXT,
    reported_at INTEGER,
    recorded_at INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK ((follow_mark IS NULL) = (follow_up IS NULL)),
    CHECK ((reported_to IS NULL) = (reported_at IS NULL))
);
CREATE INDEX shift_entry_by_shift ON shift_entry(shift_id, at, id);

-- Progress on a follow-up, recorded in the shift that made it; done closes it.
CREATE TABLE shift_progress (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES shift_entry(id),
    shift_id    INTEGER NOT NULL REFERENCES shift(id),
    note        TEXT NOT NULL CHECK (length(note) > 0),
    done        INTEGER NOT NULL CHECK (done IN (0, 1)),
    reported_to TEXT,
    reported_at INTEGER,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK ((reported_to IS NULL) = (reported_at IS NULL))
);
CREATE INDEX shift_progress_by_entry ON shift_progress(entry_id, shift_id, id);
CREATE INDEX shift_progress_by_shift ON shift_progress(shift_id, id);

-- An attempt to hand the shift over, begun by the outgoing duty manager.
CREATE TABLE shift_handover (
    id       INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shift(id),
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX shift_handover_by_shift ON shift_handover(shift_id, id);

-- The open items as they stood when the handover began: the follow-ups carried on and
-- what the other procedures had open (source: the gatherer's name). sort is the
-- record's kind within its procedure as stored there (a mail item's kind), so it is
-- shown in the reader's language; ref names the record (slip, tag, tracking number,
-- complaint number), name whom it concerns.
CREATE TABLE shift_handover_item (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES shift_handover(id),
    source      TEXT NOT NULL,
    sort        TEXT,
    ref_id      INTEGER NOT NULL,
    ref         TEXT,
    name        TEXT,
    detail      TEXT,
    since       INTEGER,
    due_at      INTEGER,
    age_days    INTEGER,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX shift_handover_item_by_handover ON shift_handover_item(handover_id, id);
CREATE INDEX shift_handover_item_by_ref ON shift_handover_item(source, ref_id, handover_id);

-- The outgoing manager's word on an open item: carried on as it is, or a note. The
-- newest row counts.
CREATE TABLE shift_handover_mark (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES shift_handover_item(id),
    mark     TEXT NOT NULL CHECK (mark IN ('carried','noted')),
    note     TEXT,
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    CHECK (mark <> 'noted' OR length(note) > 0)
);
CREATE INDEX shift_handover_mark_by_item ON shift_handover_mark(item_id, id);

-- Inventory counted face to face: side 'out' by the outgoing manager (expected: what
-- was taken over at the last handover), side 'in' by the incoming one (expected: the
-- outgoing count). A count that differs from expected carries its explanation. The
-- newest row per item and side counts.
CREATE TABLE shift_handover_count (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES shift_handover(id),
    item        TEXT NOT NULL,
    side        TEXT NOT NULL CHECK (side IN ('out','in')),
    counted     INTEGER NOT NULL CHECK (counted >= 0),
    expected    INTEGER,
    explanation TEXT,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK (expected IS NULL OR expected = counted OR length(explanation) > 0)
);
CREATE INDEX shift_handover_count_by_handover ON shift_handover_count(handover_id, item, side, id);

-- How an attempt ended: signed by both (the incoming manager takes the book), refused
-- by the incoming manager with a reason, or withdrawn by the outgoing one.
CREATE TABLE shift_handover_end (
    id          INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL UNIQUE REFERENCES shift_handover(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('signed','refused','withdrawn')),
    outgoing_id INTEGER NOT NULL REFERENCES staff(id),
    incoming_id INTEGER REFERENCES staff(id),
    reason      TEXT,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    CHECK (outcome = 'withdrawn' OR incoming_id IS NOT NULL),
    CHECK (outcome <> 'refused' OR length(reason) > 0)
);

-- Derived full-text index of the entries: one document per entry (rowid = entry id)
-- and one per correction of an entry (rowid = -correction id). Tokens are character
-- bigrams written as hex by src/handover_search.c, so Chinese, which has no spaces
-- between words, is searchable by any substring. Contentless: it holds the index only.
CREATE VIRTUAL TABLE shift_entry_search USING fts5(body, content='', prefix='7', tokenize='ascii');

CREATE TRIGGER shift_no_update BEFORE UPDATE ON shift BEGIN SELECT RAISE(ABORT, 'shift is append-only'); END;
CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift BEGIN SELECT RAISE(ABORT, 'shift is append-only'); END;
CREATE TRIGGER shift_entry_no_update BEFORE UPDATE ON shift_entry BEGIN SELECT RAISE(ABORT, 'shift_entry is append-only'); END;
CREATE TRIGGER shift_entry_no_delete BEFORE DELETE ON shift_entry BEGIN SELECT RAISE(ABORT, 'shift_entry is append-only'); END;
CREATE TRIGGER shift_progress_no_update BEFORE UPDATE ON shift_progress BEGIN SELECT RAISE(ABORT, 'shift_progress is append-only'); END;
CREATE TRIGGER shift_progress_no_delete BEFORE DELETE ON shift_progress BEGIN SELECT RAISE(ABORT, 'shift_progress is append-only'); END;
CREATE TRIGGER shift_handover_no_update BEFORE UPDATE ON shift_handover BEGIN SELECT RAISE(ABORT, 'shift_handover is append-only'); END;
CREATE TRIGGER shift_handover_no_delete BEFORE DELETE ON shift_handover BEGIN SELECT RAISE(ABORT, 'shift_handover is append-only'); END;
CREATE TRIGGER shift_handover_item_no_update BEFORE UPDATE ON shift_handover_item BEGIN SELECT RAISE(ABORT, 'shift_handover_item is append-only'); END;
CREATE TRIGGER shift_handover_item_no_delete BEFORE DELETE ON shift_handover_item BEGIN SELECT RAISE(ABORT, 'shift_handover_item is append-only'); END;
CREATE TRIGGER shift_handover_mark_no_update BEFORE UPDATE ON shift_handover_mark BEGIN SELECT RAISE(ABORT, 'shift_handover_mark is append-only'); END;
CREATE TRIGGER shift_handover_mark_no_delete BEFORE DELETE ON shift_handover_mark BEGIN SELECT RAISE(ABORT, 'shift_handover_mark is append-only'); END;
CREATE TRIGGER shift_handover_count_no_update BEFORE UPDATE ON shift_handover_count BEGIN SELECT RAISE(ABORT, 'shift_handover_count is append-only'); END;
CREATE TRIGGER shift_handover_count_no_delete BEFORE DELETE ON shift_handover_count BEGIN SELECT RAISE(ABORT, 'shift_handover_count is append-only'); END;
CREATE TRIGGER shift_handover_end_no_update BEFORE UPDATE ON shift_handover_end BEGIN SELECT RAISE(ABORT, 'shift_handover_end is append-only'); END;
CREATE TRIGGER shift_handover_end_no_delete BEFORE DELETE ON shift_handover_end BEGIN SELECT RAISE(ABORT, 'shift_handover_end is append-only'); END;
