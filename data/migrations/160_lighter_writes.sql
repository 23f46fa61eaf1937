-- frontdesk schema 160: indexes that every registration, loan and parcel paid for, and
-- only a rare reader used.
-- Verify now finds rows without an audit entry during its walk of the chain, so it
-- looks no entry up by its row. What still does is rare: the purge re-recording a row
-- written before commitments (its first entry is format 1), verify finding the entry of
-- its '.forget', and a complaint's timeline placing a correction among the events (by
-- its entry). Only those entries are indexed by row.
DROP INDEX audit_by_row;
CREATE INDEX audit_legacy_by_row ON audit(tbl, row_id) WHERE format = 1 OR action LIKE '%.forget';
CREATE INDEX audit_of_correction ON audit(row_id) WHERE tbl = 'correction';

-- Schema 120 indexed every kind's events by time for the renovations' daily log,
-- undoing schema 101 for visits, keys and parcels; the renovations' kinds alone now.
DROP INDEX event_by_kind_at;
CREATE INDEX works_event_by_time ON event(kind, at)
  WHERE kind IN ('renovation', 'work_pass', 'hot_work', 'tools');
