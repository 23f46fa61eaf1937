-- frontdesk schema 168: a key loan as it reads now says how it ended when it was
-- refused or cancelled (when, by whom — the manager who gave the word in place, else
-- who recorded it — and why) and what the desk noted when its keys came back. Both
-- were written (the loan's event, key_loan_return.note) but no reader saw them: the
-- loan's page and the daily log showed a refused loan with no one refusing it, and a
-- return without its note. The columns are schema 95's, in its order, with the four
-- new ones last.
DROP VIEW key_loan_now;
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
  ) AS lost_tags,
  ended.at AS ended_at,
  (SELECT name FROM staff WHERE id = coalesce(ended.approver_id, ended.staff_id)) AS ended_by,
  ended.note AS ended_note,
  r.note AS return_note
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
LEFT JOIN  event ended
  ON ended.id = (
    SELECT max(id)
    FROM event
    WHERE kind = 'loan' AND entity_id = l.id AND event IN ('refuse', 'cancel')
  )
WHERE s.kind = 'loan';
