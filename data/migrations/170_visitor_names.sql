-- frontdesk schema 170: every visitor's name once, for the visitor log's search by any
-- part of a name. The search read the whole name index to find two characters few
-- names hold (2,000,000 entries at ten years, about 100 ms a keystroke); the names
-- themselves are a ninth of it, and the search reads the visits of the names that match.
-- The database keeps the list as each visit is written, as it keeps an index; verify
-- finds a visit whose name is missing from it (it would not be found).
CREATE TABLE visitor_name (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO visitor_name (name) SELECT DISTINCT visitor_name FROM visit ORDER BY 1;

CREATE TRIGGER visitor_name_kept AFTER INSERT ON visit BEGIN
  INSERT OR IGNORE INTO visitor_name (name) VALUES (NEW.visitor_name);
END;
CREATE TRIGGER visitor_name_no_update BEFORE UPDATE ON visitor_name BEGIN SELECT RAISE(ABORT, 'visitor_name is append-only'); END;
CREATE TRIGGER visitor_name_no_delete BEFORE DELETE ON visitor_name BEGIN SELECT RAISE(ABORT, 'visitor_name is append-only'); END;
