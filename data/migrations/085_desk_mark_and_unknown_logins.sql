-- frontdesk schema 85 (issue 14): what kind of desk a database is, and wrong PINs
-- typed for staff numbers nobody has.

-- A database made by `frontdesk demo` (or a test's generator) is marked 'demo' when it
-- is created, before anyone is on its staff. Only such a practice desk honours the
-- clock override (FRONTDESK_NOW), site policy from a file of the user's own choosing,
-- and the demo's 4-digit PINs; a real site's database never carries the mark, and the
-- program will not add it once there are staff. The row is audited like any record,
-- so a mark added behind the program's back fails `verify`.
CREATE TABLE desk_mark (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL UNIQUE CHECK (kind IN ('demo')),
    at   INTEGER NOT NULL
);
CREATE TRIGGER desk_mark_no_update BEFORE UPDATE ON desk_mark BEGIN SELECT RAISE(ABORT, 'desk_mark is append-only'); END;
CREATE TRIGGER desk_mark_no_delete BEFORE DELETE ON desk_mark BEGIN SELECT RAISE(ABORT, 'desk_mark is append-only'); END;

-- A login with a staff number nobody has. It is written, as a wrong PIN for a real
-- number is, so that the two take the same time and nobody can tell numbers that
-- exist by the answer or its delay; and the office can see numbers being guessed. The
-- number typed is not kept: people type their PIN into the wrong field.
CREATE TABLE login_unknown (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL
);
CREATE TRIGGER login_unknown_no_update BEFORE UPDATE ON login_unknown BEGIN SELECT RAISE(ABORT, 'login_unknown is append-only'); END;
CREATE TRIGGER login_unknown_no_delete BEFORE DELETE ON login_unknown BEGIN SELECT RAISE(ABORT, 'login_unknown is append-only'); END;
