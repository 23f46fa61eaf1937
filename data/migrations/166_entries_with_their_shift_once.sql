-- frontdesk schema 166: a shift's entries as they read now, their shift and its manager
-- found once a page. Schema 95 joined the shift and its manager to each entry after
-- it, LEFT JOINs that SQLite must nest inside the entry: a page of the handover book
-- sought the same shift and the same manager again for every entry, and at 2,000,000
-- visits cost twice its floor's reading. Every entry has its shift (shift_id NOT NULL
-- REFERENCES shift, rows never deleted), so the shift is joined first, as an inner join
-- the planner may read once for the shift the page asks for; the manager stays a LEFT
-- JOIN on the shift alone, which SQLite leaves out where no column of it is read. The
-- columns are those of schema 95, in its order.
DROP VIEW shift_entry_now;
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
  esh.start_at AS shift_start_at,
  e.staff_id
FROM shift esh
LEFT JOIN staff em ON em.id = esh.manager_id
JOIN shift_entry e ON e.shift_id = esh.id
LEFT JOIN staff au ON au.id = e.staff_id
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT c.id FROM correction c WHERE c.tbl = 'shift_entry' AND c.row_id = e.id LIMIT 1
  );
