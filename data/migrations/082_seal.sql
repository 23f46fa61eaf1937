-- frontdesk schema 80: the sealed audit chain. Each entry now also names the day whose
-- key sealed it (epoch: Beijing days since 1970) and carries the seal, an HMAC of its
-- hash under that day's key. The key moves on each day and the day before's is
-- destroyed, so the key on the machine seals only from its own day on; the sealing
-- code kept in the office safe derives every day's key again. The first entry of a
-- new day is sealed under the day before's key too (bridge), before that key goes:
-- whoever holds only a later key cannot carry the chain across a day it did not see.
-- Entries written before this schema keep format 1 and no seal; format 2 covers the
-- epoch too.
ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN epoch INTEGER;
ALTER TABLE audit ADD COLUMN seal BLOB;
ALTER TABLE audit ADD COLUMN bridge BLOB;

-- Sealing begun on a database made before it ('begun': its entry is the first one
-- sealed), or its key rebuilt from the code after the key file was lost ('rebuilt').
CREATE TABLE audit_sealing (
    id       INTEGER PRIMARY KEY,
    how      TEXT NOT NULL CHECK (how IN ('begun','rebuilt')),
    epoch    INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id)
);

CREATE TRIGGER audit_sealing_no_update BEFORE UPDATE ON audit_sealing BEGIN SELECT RAISE(ABORT, 'audit_sealing is append-only'); END;
CREATE TRIGGER audit_sealing_no_delete BEFORE DELETE ON audit_sealing BEGIN SELECT RAISE(ABORT, 'audit_sealing is append-only'); END;
