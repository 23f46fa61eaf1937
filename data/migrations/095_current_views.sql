-- frontdesk schema 95: the records as they read now. A corrected record never changes;
-- its corrections are rows of their own (correction, schema 1), and what the desk shows
-- is each field's latest correction, else the record's own value. Each view below is
-- one record type as the program reads it (corrections applied, state and the names it
-- shows looked up), so that the statements (src/store/sql) select from it instead of
-- spelling the look-ups out again.
--
-- A view of a corrected record joins cx, some correction of the record if any: a
-- record never corrected (nearly all) costs no seek per field. The views are simple
-- enough for SQLite to flatten into the statements that use them, so a statement's
-- WHERE and ORDER BY still walk the base table's indexes. A name looked up by a NOT
-- NULL foreign key is a LEFT JOIN all the same (it always finds its row): SQLite then
-- skips the look-up for a statement that does not read the name.

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
  esh.start_at AS shift_start_at,
  e.staff_id
FROM shift_entry e
LEFT JOIN staff au ON au.id = e.staff_id
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT c.id FROM correction c WHERE c.tbl = 'shift_entry' AND c.row_id = e.id LIMIT 1
  )
LEFT JOIN shift esh ON esh.id = e.shift_id
LEFT JOIN staff em ON em.id = esh.manager_id;

-- A shift as the book shows it (what fd_handover_read_shift reads, in its order): its
-- state, its manager, when it was signed over and to whom, the shift it took over and
-- who handed that over, and how many entries it has.
CREATE VIEW shift_now AS
SELECT
  s.id,
  (SELECT st.state FROM entity_state st WHERE st.kind = 'shift' AND st.entity_id = s.id) AS state,
  s.manager_id,
  m.name AS manager,
  s.start_at,
  (
    SELECT he.at
    FROM shift_handover h
    JOIN shift_handover_end he ON he.handover_id = h.id AND he.outcome = 'signed'
    WHERE h.shift_id = s.id
  ) AS signed_at,
  (SELECT h.shift_id FROM shift_handover h WHERE h.id = s.handover_id) AS previous_shift_id,
  (
    SELECT o.name
    FROM shift_handover h
    JOIN staff o ON o.id = h.staff_id
    WHERE h.id = s.handover_id
  ) AS handed_over_by,
  (
    SELECT i.name
    FROM shift_handover h
    JOIN shift_handover_end he ON he.handover_id = h.id AND he.outcome = 'signed'
    JOIN staff i ON i.id = he.incoming_id
    WHERE h.shift_id = s.id
  ) AS taken_over_by,
  (SELECT count(*) FROM shift_entry e WHERE e.shift_id = s.id) AS entries
FROM shift s
LEFT JOIN staff m ON m.id = s.manager_id;

-- A visit as the log shows it (the columns of fd_visit, in its order): its state, its
-- fields as corrected (a correction may empty one, to NULL), its slip, who registered
-- it, and from its last event (entity_state.event_id) how it ended: the sign-out of one
-- that left, the refusal, with its reason, of one refused.
CREATE VIEW visit_now AS
SELECT
  v.id,
  s.state,
  CASE
    WHEN cx.id IS NULL THEN v.visitor_name
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitor_name'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitor_name'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.visitor_name
  END
  END AS visitor_name,
  v.doc_type,
  v.doc_number_clear,
  v.doc_number_masked,
  CASE
    WHEN cx.id IS NULL THEN v.phone
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'phone'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'phone'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.phone
  END
  END AS phone,
  CASE
    WHEN cx.id IS NULL THEN v.party_size
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'party_size'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'party_size'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.party_size
  END
  END AS party_size,
  CASE
    WHEN cx.id IS NULL THEN v.purpose
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'purpose'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'purpose'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.purpose
  END
  END AS purpose,
  v.visitee_unit,
  v.visitee_company,
  v.visitee_department,
  CASE
    WHEN cx.id IS NULL THEN v.visitee_name
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitee_name'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitee_name'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.visitee_name
  END
  END AS visitee_name,
  CASE
    WHEN cx.id IS NULL THEN v.visitee_position
    ELSE CASE
    WHEN EXISTS (
      SELECT 1
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitee_position'
    ) THEN (
      SELECT c.value
      FROM correction c
      WHERE c.tbl = 'visit' AND c.row_id = v.id AND c.field = 'visitee_position'
      ORDER BY c.id DESC
      LIMIT 1
    )
    ELSE v.visitee_position
  END
  END AS visitee_position,
  sl.number AS slip,
  sl.gate AS gate,
  sl.at AS admitted_at,
  CASE WHEN s.state = 'refused' THEN ev.note END AS refusal,
  (SELECT st.name FROM staff st WHERE st.id = v.staff_id) AS registered_by,
  v.registered_at,
  CASE WHEN s.state = 'left' THEN ev.at END AS left_at,
  CASE WHEN s.state = 'left' THEN ev.event END AS left_event,
  cx.id IS NOT NULL AS corrected
FROM visit v
LEFT JOIN entity_state s ON s.kind = 'visit' AND s.entity_id = v.id
LEFT JOIN event ev ON ev.id = s.event_id
LEFT JOIN visit_slip sl ON sl.visit_id = v.id
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT c.id FROM correction c WHERE c.tbl = 'visit' AND c.row_id = v.id LIMIT 1
  );

-- A complaint's deadline as it reads now: its rule and due time as corrected (a
-- severity correction re-derives them, schema 40), the due time as an integer.
CREATE VIEW complaint_deadline_now AS
SELECT
  dl.id,
  dl.complaint_id,
  dl.what,
  coalesce(
    (
      SELECT k.value
      FROM correction k
      WHERE k.tbl = 'complaint_deadline' AND k.row_id = dl.id AND k.field = 'rule'
      ORDER BY k.id DESC
      LIMIT 1
    ), dl.rule
  ) AS rule,
  CAST(
    coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint_deadline' AND k.row_id = dl.id AND k.field = 'counted_from'
        ORDER BY k.id DESC
        LIMIT 1
      ), dl.counted_from
    ) AS INTEGER
  ) AS counted_from,
  CAST(
    coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint_deadline' AND k.row_id = dl.id AND k.field = 'due_at'
        ORDER BY k.id DESC
        LIMIT 1
      ), dl.due_at
    ) AS INTEGER
  ) AS due_at,
  dl.event_id
FROM complaint_deadline dl;

-- A mail item's own record as it reads now: who received it, its fields as corrected
-- (fd_mail_correct never stores NULL) and the shelf it lies on now (its newest
-- shelving). The two views after it add its state and what closed it, making the
-- columns of an fd_mail_item but its search key.
CREATE VIEW mail_item_now AS
SELECT
  m.id AS id,
  m.at AS at,
  st.name AS staff_name,
  m.kind AS kind,
  m.quantity AS quantity,
  CASE
    WHEN cx.id IS NULL THEN m.carrier
    ELSE coalesce(
      (
        SELECT c.value
        FROM correction c
        WHERE c.tbl = 'mail_item' AND c.row_id = m.id AND c.field = 'carrier'
        ORDER BY c.id DESC
        LIMIT 1
      ), m.carrier
    )
  END AS carrier,
  m.tracking AS tracking,
  m.recipient_kind AS recipient_kind,
  m.recipient_id AS recipient_id,
  m.recipient_unit AS recipient_unit,
  m.recipient_name AS recipient_name,
  m.recipient_org AS recipient_org,
  (
    SELECT sh.shelf
    FROM mail_shelving sh
    WHERE sh.item_id = m.id
    ORDER BY sh.id DESC
    LIMIT 1
  ) AS shelf,
  CASE
    WHEN cx.id IS NULL THEN m.note
    ELSE coalesce(
      (
        SELECT c.value
        FROM correction c
        WHERE c.tbl = 'mail_item' AND c.row_id = m.id AND c.field = 'note'
        ORDER BY c.id DESC
        LIMIT 1
      ), m.note
    )
  END AS note,
  m.damaged AS damaged,
  CASE
    WHEN cx.id IS NULL THEN m.damage_note
    ELSE coalesce(
      (
        SELECT c.value
        FROM correction c
        WHERE c.tbl = 'mail_item' AND c.row_id = m.id AND c.field = 'damage_note'
        ORDER BY c.id DESC
        LIMIT 1
      ), m.damage_note
    )
  END AS damage_note,
  m.damage_ack AS damage_ack,
  cx.id IS NOT NULL AS corrected
FROM mail_item m
LEFT JOIN staff st ON st.id = m.staff_id
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT c.id FROM correction c WHERE c.tbl = 'mail_item' AND c.row_id = m.id LIMIT 1
  );

-- Any mail item: its state, looked up per item (so that a list walks mail_item's own
-- index, never all of the mail's entity_state rows), and what closed it, if anything:
-- its hand-out or its return.
CREATE VIEW mail_item_listed AS
SELECT
  m.*,
  (SELECT es.state FROM entity_state es WHERE es.kind = 'mail' AND es.entity_id = m.id) AS state,
  coalesce(h.at, r.at, 0) AS closed_at,
  coalesce(h.collector, r.carrier, '') AS closed_by,
  coalesce(hi.by_proxy, 0) AS by_proxy
FROM mail_item_now m
LEFT JOIN mail_handout_item hi ON hi.item_id = m.id
LEFT JOIN mail_handout h ON h.id = hi.handout_id
LEFT JOIN mail_return r ON r.item_id = m.id;

-- The items at the desk (received or held), walked through entity_state's (kind,
-- state) index however long the history grows: nothing has closed them, so no closing
-- row is looked for.
CREATE VIEW mail_item_at_desk AS
SELECT
  m.*,
  s.state AS state,
  0 AS closed_at,
  '' AS closed_by,
  0 AS by_proxy
FROM entity_state s
JOIN mail_item_now m ON m.id = s.entity_id
WHERE s.kind = 'mail' AND s.state IN ('received', 'held');

-- A complaint as it reads now: first the columns of a complaint row (what the lists
-- show, in the complaints module's order; its state looked up by key, so that no plan
-- walks entity_state), then what one complaint's page and the export add, and the
-- phone's HMAC, which a search by phone walks complaint_by_phone for. Its fields as
-- corrected: the latest correction, else the complaint's own value (the contact phone
-- in the clear, as phones are never purged).
CREATE VIEW complaint_now AS
SELECT
  c.id,
  c.sort,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'complaint' AND s.entity_id = c.id) AS state,
  CASE
    WHEN cx.id IS NULL THEN c.complainant
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'complainant'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.complainant
    )
  END AS complainant,
  CASE
    WHEN cx.id IS NULL THEN c.unit
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'unit'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.unit
    )
  END AS unit,
  CASE
    WHEN cx.id IS NULL THEN c.content
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'content'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.content
    )
  END AS content,
  CASE
    WHEN cx.id IS NULL THEN c.category
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'category'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.category
    )
  END AS category,
  CASE
    WHEN cx.id IS NULL THEN c.severity
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'severity'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.severity
    )
  END AS severity,
  (
    SELECT a.department
    FROM complaint_assignment a
    WHERE a.complaint_id = c.id
    ORDER BY a.id DESC
    LIMIT 1
  ) AS department,
  c.received_at,
  -- The time taken in as corrected: what the page, the export and the rules read.
  -- received_at stays as first taken in, the key the lists are ordered and paged by.
  CASE
    WHEN cx.id IS NULL THEN c.received_at
    ELSE CAST(
      coalesce(
        (
          SELECT k.value
          FROM correction k
          WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'received_at'
          ORDER BY k.id DESC
          LIMIT 1
        ), c.received_at
      ) AS INTEGER
    )
  END AS taken_at,
  c.occupant_id,
  c.unit_id,
  CASE
    WHEN cx.id IS NULL THEN c.phone_clear
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'phone'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.phone_clear
    )
  END AS phone,
  CASE
    WHEN cx.id IS NULL THEN c.channel
    ELSE coalesce(
      (
        SELECT k.value
        FROM correction k
        WHERE k.tbl = 'complaint' AND k.row_id = c.id AND k.field = 'channel'
        ORDER BY k.id DESC
        LIMIT 1
      ), c.channel
    )
  END AS channel,
  c.staff_id,
  c.phone_hmac
FROM complaint c
LEFT JOIN  correction cx
  ON cx.id = (
    SELECT k.id FROM correction k WHERE k.tbl = 'complaint' AND k.row_id = c.id LIMIT 1
  );

-- A key loan as the desk shows it (what the keys module reads for a loan, in its
-- order, but whether it is overdue, which depends on the time asked): its state, its
-- keys, who asked, approved, took and returned it, when, and for an emergency loan how
-- many units are still to be told. Its id is the state's entity_id, so that a list by
-- state walks entity_state's (kind, state, entity_id) index.
CREATE VIEW key_loan_now AS
SELECT
  s.entity_id AS id,
  s.state,
  l.emergency,
  l.borrower_kind,
  l.borrower,
  l.department,
  l.company,
  l.phone_clear,
  l.reason,
  l.note,
  (
    SELECT group_concat(tag, ', ')
    FROM (
      SELECT k.tag
      FROM key_loan_item li
      JOIN key_item k ON k.id = li.key_id
      WHERE li.loan_id = l.id
      ORDER BY k.tag
    )
  ) AS tags,
  (SELECT count(*) FROM key_loan_item li WHERE li.loan_id = l.id) AS key_count,
  l.at AS requested_at,
  l.expected_return,
  ap.at AS approved_at,
  o.at AS out_at,
  o.due_at AS due_at,
  r.at AS returned_at,
  rq.name AS requested_by,
  (SELECT name FROM staff WHERE id = coalesce(ap.approver_id, ap.staff_id)) AS approved_by,
  r.returned_by,
  rv.name AS received_by,
  (SELECT count(*) FROM key_notice n WHERE n.loan_id = l.id) AS notices,
  CASE
    WHEN l.emergency THEN (
      SELECT count(DISTINCT k.unit_id)
      FROM key_loan_item li
      JOIN key_item k ON k.id = li.key_id
      WHERE  li.loan_id = l.id
        AND k.kind = 'spare'
        AND NOT EXISTS (
          SELECT 1 FROM key_notice n WHERE n.loan_id = l.id AND n.unit_id = k.unit_id
        )
    )
    ELSE 0
  END AS units_waiting,
  (
    SELECT group_concat(k.tag, ', ')
    FROM key_incident i
    JOIN key_item k ON k.id = i.key_id
    WHERE i.loan_id = l.id AND i.kind = 'lost'
  ) AS lost_tags
FROM entity_state s
JOIN key_loan l ON l.id = s.entity_id
LEFT JOIN staff rq ON rq.id = l.staff_id
LEFT JOIN  event ap
  ON ap.id = (
    SELECT max(id) FROM event WHERE kind = 'loan' AND entity_id = l.id AND event = 'approve'
  )
LEFT JOIN key_loan_out o ON o.loan_id = l.id
LEFT JOIN key_loan_return r ON r.loan_id = l.id
LEFT JOIN staff rv ON rv.id = r.staff_id
WHERE s.kind = 'loan';

-- A key as the desk shows it (what the keys module reads for a key, in its order, but
-- whether it is overdue, which depends on the time asked): its state, its unit, its
-- custodian now (the newest custody), and the loan it is out on (the newest of its
-- loans, when on loan) or the lock change it waits to be sealed for. due_at is the
-- loan's return or the sealing's deadline, whichever applies. Every key has its state
-- row; the LEFT JOIN keeps the key the outer loop, so that a list by tag walks the
-- tags, and a list by state drives from entity_state itself.
CREATE VIEW key_item_now AS
SELECT
  k.id AS id,
  k.tag,
  u.code AS unit,
  k.description,
  k.kind,
  s.state,
  c.department,
  c.person,
  k.copy_of,
  k.replaces,
  l.id AS loan_id,
  l.borrower,
  l.company,
  o.at AS out_at,
  coalesce(o.due_at, lc.due_at) AS due_at,
  l.emergency
FROM key_item k
LEFT JOIN entity_state s ON s.kind = 'key' AND s.entity_id = k.id
LEFT JOIN unit u ON u.id = k.unit_id
LEFT JOIN key_custody c ON c.id = (SELECT max(id) FROM key_custody WHERE key_id = k.id)
LEFT JOIN  key_loan l
  ON s.state = 'on_loan'
  AND l.id = (SELECT max(loan_id) FROM key_loan_item WHERE key_id = k.id)
LEFT JOIN key_loan_out o ON o.loan_id = l.id
LEFT JOIN key_lock_change lc ON s.state = 'to_seal' AND lc.key_id = k.id;

-- The directory as it reads now: an occupant's and a department's fields, each its
-- latest correction (see fd_current_value), else the row's own value. The base value
-- gets id 0, so any correction wins over it.
CREATE VIEW occupant_now AS
SELECT
  o.id,
  o.unit_id,
  o.kind,
  o.company_id,
  o.department_id,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'occupant' AND c.row_id = o.id AND c.field = 'name'
      UNION ALL SELECT o.name, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS name,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'occupant' AND c.row_id = o.id AND c.field = 'phone'
      UNION ALL SELECT o.phone, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS phone,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'occupant' AND c.row_id = o.id AND c.field = 'position'
      UNION ALL SELECT o.position, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS position
FROM occupant o;

CREATE VIEW department_now AS
SELECT
  dp.id,
  dp.company_id,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'department' AND c.row_id = dp.id AND c.field = 'name'
      UNION ALL SELECT dp.name, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS name
FROM department dp;

-- A unit's emergency contact as it reads now.
CREATE VIEW contact_now AS
SELECT
  k.id,
  k.unit_id,
  k.occupant_id,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'contact' AND c.row_id = k.id AND c.field = 'name'
      UNION ALL SELECT k.name, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS name,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'contact' AND c.row_id = k.id AND c.field = 'relation'
      UNION ALL SELECT k.relation, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS relation,
  (
    SELECT value
    FROM (
      SELECT c.value, c.id
      FROM correction c
      WHERE c.tbl = 'contact' AND c.row_id = k.id AND c.field = 'phone'
      UNION ALL SELECT k.phone, 0
    )
    ORDER BY id DESC
    LIMIT 1
  ) AS phone
FROM contact k;

-- A staff member as the login reads them: the wrong PINs since their last good login
-- or unlock, and whether they are locked out since then.
CREATE VIEW staff_now AS
SELECT
  s.id,
  s.number,
  s.name,
  s.role,
  (
    SELECT count(*)
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'bad_pin'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS failures,
  EXISTS (
    SELECT 1
    FROM login_event e
    WHERE  e.staff_id = s.id
      AND e.outcome = 'locked_out'
      AND e.id > (
        SELECT coalesce(max(r.id), 0)
        FROM login_event r
        WHERE r.staff_id = s.id AND r.outcome IN ('ok', 'unlock')
      )
  ) AS locked
FROM staff s;

-- Each correction with the one before it of the same field, if any (has_previous, and
-- previous, the value that one set): what an export shows as the value a correction
-- replaced, else the record's own value.
CREATE VIEW correction_previous AS
SELECT
  c.*,
  EXISTS (
    SELECT 1 FROM correction p
    WHERE p.tbl = c.tbl AND p.row_id = c.row_id AND p.field = c.field AND p.id < c.id
  ) AS has_previous,
  (
    SELECT p.value FROM correction p
    WHERE p.tbl = c.tbl AND p.row_id = c.row_id AND p.field = c.field AND p.id < c.id
    ORDER BY p.id DESC
    LIMIT 1
  ) AS previous
FROM correction c;
