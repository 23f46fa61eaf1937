-- frontdesk schema 95: the records as they read now. A corrected record never changes;
-- its corrections are rows of their own (correction, schema 1), and what the desk shows
-- is each field's latest correction, else the record's own value. Each view below is
-- one record type as the program reads it, corrections applied, so that the statements
-- (src/store/sql) select from it instead of spelling the lookups out again.
--
-- Every view joins cx, some correction of the record if any: a record never corrected
-- (nearly all) costs no seek per field. The views are simple enough for SQLite to
-- flatten into the statements that use them, so a statement's WHERE and ORDER BY still
-- walk the base table's indexes.

-- A handover entry as the book shows it (what fd_handover_read_entry reads, in its
-- order): its fields as corrected (a correction to "" clears one), its author, its
-- follow-up's state, its shift's manager and start.
CREATE VIEW shift_entry_now AS
SELECT
  e.id,
  e.shift_id,
  e.kind,
  e.at,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.content, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'content'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'content'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.content
      END, ''
    )
  END AS content,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.reporter, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'reporter'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'reporter'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.reporter
      END, ''
    )
  END AS reporter,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.given_by, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'given_by'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'given_by'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.given_by
      END, ''
    )
  END AS given_by,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.relayed_to, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'relayed_to'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'relayed_to'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.relayed_to
      END, ''
    )
  END AS relayed_to,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.handling, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'handling'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'handling'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.handling
      END, ''
    )
  END AS handling,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.superior, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'superior'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'superior'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.superior
      END, ''
    )
  END AS superior,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.result, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'result'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'result'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.result
      END, ''
    )
  END AS result,
  e.follow_mark,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.follow_up, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'follow_up'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'follow_up'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.follow_up
      END, ''
    )
  END AS follow_up,
  CASE
    WHEN cx.id IS NULL THEN nullif(e.reported_to, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'reported_to'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'reported_to'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE e.reported_to
      END, ''
    )
  END AS reported_to,
  e.reported_at,
  CASE
    WHEN cx.id IS NULL THEN nullif(NULL, '')
    ELSE nullif(
      CASE
        WHEN EXISTS (
          SELECT 1
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'note'
        ) THEN (
          SELECT c.value
          FROM correction c
          WHERE c.tbl = 'shift_entry' AND c.row_id = e.id AND c.field = 'note'
          ORDER BY c.id DESC
          LIMIT 1
        )
        ELSE NULL
      END, ''
    )
  END AS note,
  au.name AS author,
  au.role AS author_role,
  e.recorded_at,
  cx.id IS NOT NULL AS corrected,
  CASE
    WHEN e.follow_mark IS NOT NULL THEN (
      SELECT fs.state
      FROM entity_state fs
      WHERE fs.kind = 'shift_followup' AND fs.entity_id = e.id
    )
  END AS follow_state,
  em.name AS manager,
  esh.start_at AS shift_start_at
FROM shift_entry e
JOIN staff au ON au.id = e.staff_id
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT c.id FROM correction c WHERE c.tbl = 'shift_entry' AND c.row_id = e.id LIMIT 1
  )
LEFT JOIN shift esh ON esh.id = e.shift_id
LEFT JOIN staff em ON em.id = esh.manager_id;
