-- frontdesk schema 169: the marks that carry a note, found by an index of their own.
-- The handover list shows, beside every open item, the note the outgoing manager
-- handed it over with; it looked at the newest mark of every item of that handover to
-- find the few with one (two thirds of a ten-year building's items carry none).
CREATE INDEX shift_handover_mark_noted ON shift_handover_mark(item_id, id)
  WHERE note IS NOT NULL AND note <> '';
