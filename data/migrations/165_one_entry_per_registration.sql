-- frontdesk schema 165: a record and its first event, written in one transaction, are
-- recorded by one audit entry (format 3) instead of two. Its hash covers the record's
-- row and then, named and numbered, the event's row; verify counts both rows as
-- recorded by it. A visit's registration wrote two entries, each read back its row,
-- keyed an HMAC and a seal and looked up the chain's end: the second was a sixth of the
-- instructions of the write. Entries written before keep their format and verify as
-- they did.
ALTER TABLE audit ADD COLUMN event_id INTEGER;
