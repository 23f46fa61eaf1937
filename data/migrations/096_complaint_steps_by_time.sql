-- frontdesk schema 96: a day's complaints log lists every step written that day, also
-- of a complaint nothing else happened to (a correction, a hand-over to the CS manager,
-- an assignment: issue 16). Those ranges walk the time of the event and of the
-- correction, by kind, rather than the whole history.
CREATE INDEX event_by_kind_time ON event(kind, at, entity_id);
CREATE INDEX correction_by_table_time ON correction(tbl, at, row_id);
