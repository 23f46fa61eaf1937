-- frontdesk schema 163: the register's search finds entries by their matter too (报修
-- finds the repairs): read by this index, not by reading every entry at each key typed.
CREATE INDEX call_entry_by_matter ON call_entry(matter, id);
