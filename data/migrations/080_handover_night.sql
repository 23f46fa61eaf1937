-- frontdesk schema 80: the duty manager's night (issue 16).
--
-- When progress on a follow-up was made, as the duty manager says it (noted at 03:00,
-- written up at 07:40): shift_progress.at is when it was recorded. A progress row with
-- no time of its own here was made when it was recorded.
CREATE TABLE shift_progress_time (
    id          INTEGER PRIMARY KEY,
    progress_id INTEGER NOT NULL UNIQUE REFERENCES shift_progress(id),
    done_at     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);

-- A handover the outgoing duty manager abandoned (left without signing), taken over
-- under a customer-service manager's or an administrator's supervision: the attempt
-- ends as signed by the supervisor in the outgoing manager's place (its
-- shift_handover_end row), and this row says so, with the reason.
CREATE TABLE shift_takeover (
    id            INTEGER PRIMARY KEY,
    handover_id   INTEGER NOT NULL UNIQUE REFERENCES shift_handover(id),
    holder_id     INTEGER NOT NULL REFERENCES staff(id), -- who left the book half-handed
    supervisor_id INTEGER NOT NULL REFERENCES staff(id),
    incoming_id   INTEGER NOT NULL REFERENCES staff(id),
    reason        TEXT NOT NULL CHECK (length(reason) > 0),
    at            INTEGER NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id)
);

CREATE TRIGGER shift_progress_time_no_update BEFORE UPDATE ON shift_progress_time BEGIN SELECT RAISE(ABORT, 'shift_progress_time is append-only'); END;
CREATE TRIGGER shift_progress_time_no_delete BEFORE DELETE ON shift_progress_time BEGIN SELECT RAISE(ABORT, 'shift_progress_time is append-only'); END;
CREATE TRIGGER shift_takeover_no_update BEFORE UPDATE ON shift_takeover BEGIN SELECT RAISE(ABORT, 'shift_takeover is append-only'); END;
CREATE TRIGGER shift_takeover_no_delete BEFORE DELETE ON shift_takeover BEGIN SELECT RAISE(ABORT, 'shift_takeover is append-only'); END;
