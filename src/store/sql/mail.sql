-- Mail, parcels and newspapers. An item's state is its entity_state row (kind 'mail');
-- the items at the desk are those received or held, a set the lists walk through
-- entity_state's (kind, state) index however long the history grows.

-- Patterns the statements below repeat, written out in each:
--
-- A field of mail_item as it reads now: its latest correction (one seek in
-- correction_by_row; fd_mail_correct never stores NULL), else the row's value.
--
-- A recipient picked from the directory reads its names as they are now, from the
-- views occupant_now and department_now (schema 95).
--
-- The columns of an fd_mail_item, in the order the mail module reads them: m.* of the
-- view mail_item_listed, or of mail_item_at_desk for the items at the desk (schema 95):
-- each item with its corrections applied, its state and what closed it; the caller
-- adds the search key as the last.
--
-- Searches walk an index: codes from the text ([lo, hi) is every value starting with
-- it), tracking numbers and names containing it from the lowest value; newest first
-- within one value; a page goes on after (:after_key, :after_id).

-- name: mail_tracking_find
-- ---- intake ----
SELECT m.id, m.at, m.recipient_unit, m.recipient_name
FROM mail_item m
WHERE m.tracking = :tracking;

-- name: mail_item_insert
INSERT INTO mail_item (
  at, staff_id, carrier, kind, quantity, tracking, recipient_kind, recipient_id, recipient_unit_id, recipient_unit, recipient_name, recipient_org, note, damaged, damage_note, damage_ack
)
VALUES (
  :at, :staff_id, :carrier, :kind, :quantity, :tracking, :recipient_kind, :recipient_id, :recipient_unit_id, :recipient_unit, :recipient_name, :recipient_org, :note, :damaged, :damage_note, :damage_ack
);

-- name: mail_shelving_insert
INSERT INTO mail_shelving (item_id, shelf, event_id, at, staff_id)
VALUES (:item_id, :shelf, :event_id, :at, :staff_id);

-- name: mail_dir_unit
-- row: mail_recipient
-- The recipient picked from the directory: unit id, unit code, name, organisation.
SELECT u.id, u.code, '' AS name, NULL AS organisation
FROM unit u
WHERE u.id = :id;

-- name: mail_dir_occupant
-- row: mail_recipient
SELECT
  u.id,
  u.code,
  o.name,
  CASE
    WHEN c.id IS NULL THEN NULL
    WHEN dp.id IS NULL THEN c.name
    ELSE c.name || ' ' || dp.name
  END AS organisation
FROM occupant_now o
JOIN unit u ON u.id = o.unit_id
LEFT JOIN occupant_now c ON c.id = o.company_id
LEFT JOIN department_now dp ON dp.id = o.department_id
WHERE o.id = :id AND o.kind IN (:kind_a, :kind_b);

-- name: mail_dir_department
-- row: mail_recipient
SELECT u.id, u.code, dp.name, c.name AS organisation
FROM department_now dp
JOIN occupant_now c ON c.id = dp.company_id
JOIN unit u ON u.id = c.unit_id
WHERE dp.id = :id;

-- name: mail_handout_insert
-- ---- hand-out and return ----
INSERT INTO mail_handout (
  at, staff_id, collector, signed, proxy_phone_clear, proxy_phone_hmac, proxy_relation, note
)
VALUES (
  :at, :staff_id, :collector, 1, :proxy_phone_clear, :proxy_phone_hmac, :proxy_relation, :note
);

-- name: mail_handout_item_insert
INSERT INTO mail_handout_item (handout_id, item_id, by_proxy, event_id)
VALUES (:handout_id, :item_id, :by_proxy, :event_id);

-- name: mail_return_insert
INSERT INTO mail_return (item_id, carrier, event_id, at, staff_id)
VALUES (:item_id, :carrier, :event_id, :at, :staff_id);

-- name: mail_get
-- row: mail_item
-- ---- lists ----
SELECT m.*, '' AS sort_key
FROM mail_item_listed m
WHERE m.id = :id;

-- name: mail_list_held
-- row: mail_item
-- At the desk, grouped by recipient. text narrows: tracking or shelf from the start
-- (:prefix), the unit or name anywhere (:contains: "1203" finds A-1203).
SELECT m.*, '' AS sort_key
FROM mail_item_at_desk m
WHERE (
    :text = ''
    OR m.tracking LIKE :prefix ESCAPE '\'
    OR m.recipient_unit LIKE :contains ESCAPE '\'
    OR m.recipient_name LIKE :contains ESCAPE '\'
    OR m.shelf LIKE :prefix ESCAPE '\'
  )
  AND (m.recipient_unit, m.recipient_name, m.id) > (:after_unit, :after_name, :after_id)
ORDER BY m.recipient_unit, m.recipient_name, m.id
LIMIT :limit;

-- name: mail_list_oldest
-- row: mail_item
-- At the desk, oldest first: the handover's open items.
SELECT m.*, '' AS sort_key
FROM mail_item_at_desk m
WHERE (m.at, m.id) > (:after_at, :after_id)
ORDER BY m.at, m.id
LIMIT :limit;

-- name: mail_at_desk
-- At the desk, oldest first, with only what a handover keeps (fd_mail_at_desk).
SELECT
  m.id,
  m.kind,
  m.quantity,
  m.tracking,
  m.recipient_unit,
  m.recipient_org,
  m.recipient_name,
  m.shelf,
  m.at
FROM mail_item_at_desk m
ORDER BY m.at, m.id;

-- name: mail_list_today
-- row: mail_item
SELECT m.*, '' AS sort_key
FROM mail_item_listed m
WHERE m.at >= :from AND m.at < :to AND (m.at, m.id) < (:after_at, :after_id)
ORDER BY m.at DESC, m.id DESC
LIMIT :limit;

-- name: mail_list_between
-- row: mail_item
-- Received in [:from, :to), oldest first: a day's register (fd_mail_between).
SELECT m.*, '' AS sort_key
FROM mail_item_listed m
WHERE m.at >= :from AND m.at < :to
ORDER BY m.at, m.id;

-- name: mail_list_all
-- row: mail_item
SELECT m.*, '' AS sort_key
FROM mail_item_listed m
WHERE m.id < :after_id
ORDER BY m.id DESC
LIMIT :limit;

-- name: mail_list_tracking
-- row: mail_item
SELECT m.*, m.tracking AS sort_key
FROM mail_item_listed m
WHERE  instr(m.tracking, :part) > 0
  AND m.tracking >= :after_key
  AND (m.tracking > :after_key OR m.id < :after_id)
ORDER BY m.tracking, m.id DESC
LIMIT :limit;

-- name: mail_list_recipient
-- row: mail_item
-- A unit code or a name: the two index walks merged on the value they matched.
SELECT *
FROM (
  SELECT m.*, m.recipient_unit AS sort_key
  FROM mail_item_listed m
  WHERE  m.recipient_unit >= :lo
    AND m.recipient_unit < :hi
    AND m.recipient_unit >= :after_key
    AND (m.recipient_unit > :after_key OR m.id < :after_id)
  ORDER BY m.recipient_unit, m.id DESC
  LIMIT :limit
)
UNION ALL SELECT *
FROM (
  SELECT m.*, m.recipient_name AS sort_key
  FROM mail_item_listed m
  WHERE  instr(m.recipient_name, :name) > 0
    AND m.recipient_name >= :after_key
    AND (m.recipient_name > :after_key OR m.id < :after_id)
  ORDER BY m.recipient_name, m.id DESC
  LIMIT :limit
)
ORDER BY sort_key, id DESC
LIMIT :limit;

-- name: mail_list_shelf
-- row: mail_item
-- The shelf an item lies on now: its newest shelving.
SELECT m.*, sh0.shelf AS sort_key
FROM mail_shelving sh0
JOIN mail_item_listed m ON m.id = sh0.item_id
WHERE  sh0.shelf >= :lo
  AND sh0.shelf < :hi
  AND sh0.shelf >= :after_key
  AND (sh0.shelf > :after_key OR sh0.item_id < :after_id)
  AND NOT EXISTS (
    SELECT 1
    FROM mail_shelving later
    WHERE later.item_id = sh0.item_id AND later.id > sh0.id
  )
ORDER BY sh0.shelf, sh0.item_id DESC
LIMIT :limit;

-- name: mail_held_count
-- row: mail_tally
-- ---- counters ----
SELECT count(*) AS items
FROM entity_state
WHERE kind = 'mail' AND state IN ('received', 'held');

-- name: mail_to_return_count
-- row: mail_tally
SELECT count(*) AS items
FROM entity_state s
JOIN mail_item m ON m.id = s.entity_id
WHERE s.kind = 'mail' AND s.state IN ('received', 'held') AND m.at < :cutoff;

-- name: mail_events
-- ---- an item's history ----
SELECT
  e.id,
  e.event,
  e.to_state,
  st.name,
  e.at,
  coalesce(sh.shelf, h.collector, r.carrier) AS detail,
  coalesce(h.note, e.note) AS note
FROM event e
JOIN staff st ON st.id = e.staff_id
LEFT JOIN mail_shelving sh ON sh.item_id = :id AND sh.event_id = e.id
LEFT JOIN mail_handout_item hi ON hi.item_id = :id AND hi.event_id = e.id
LEFT JOIN mail_handout h ON h.id = hi.handout_id
LEFT JOIN mail_return r ON r.item_id = :id AND r.event_id = e.id
WHERE e.kind = 'mail' AND e.entity_id = :id
ORDER BY e.id;

-- name: mail_corrections
SELECT c.id, c.field, c.value, c.reason, st.name, c.at
FROM correction c
JOIN staff st ON st.id = c.staff_id
WHERE c.tbl = 'mail_item' AND c.row_id = :id
ORDER BY c.id;

-- name: mail_collection
SELECT
  h.id,
  h.collector,
  hi.by_proxy,
  h.proxy_phone_clear,
  h.proxy_relation,
  h.note,
  st.name,
  h.at
FROM mail_handout_item hi
JOIN mail_handout h ON h.id = hi.handout_id
JOIN staff st ON st.id = h.staff_id
WHERE hi.item_id = :id;

-- name: mail_paper_insert
-- ---- newspapers ----
INSERT INTO mail_paper (day, title, direction, quantity, party, at, staff_id)
VALUES (:day, :title, :direction, :quantity, :party, :at, :staff_id);

-- name: mail_paper_count
-- Copies of a title signed for on a day, and handed on.
SELECT
  coalesce(sum(CASE direction WHEN 'in' THEN quantity END), 0) AS received,
  coalesce(sum(CASE direction WHEN 'out' THEN quantity END), 0) AS handed_out
FROM mail_paper
WHERE day = :day AND title = :title;

-- name: mail_paper_tally
SELECT
  title,
  coalesce(sum(CASE direction WHEN 'in' THEN quantity END), 0) AS received,
  coalesce(sum(CASE direction WHEN 'out' THEN quantity END), 0) AS handed_out
FROM mail_paper
WHERE day = :day
GROUP BY title
ORDER BY title;

-- name: mail_register_received
-- row: mail_pieces
-- ---- the daily register: pieces per kind in [:from, :to) ----
SELECT kind, sum(quantity) AS quantity
FROM mail_item
WHERE at >= :from AND at < :to
GROUP BY kind;

-- name: mail_register_handed_out
-- row: mail_pieces
SELECT m.kind, sum(m.quantity) AS quantity
FROM mail_handout h
JOIN mail_handout_item hi ON hi.handout_id = h.id
JOIN mail_item m ON m.id = hi.item_id
WHERE h.at >= :from AND h.at < :to
GROUP BY m.kind;

-- name: mail_register_returned
-- row: mail_pieces
SELECT m.kind, sum(m.quantity) AS quantity
FROM mail_return r
JOIN mail_item m ON m.id = r.item_id
WHERE r.at >= :from AND r.at < :to
GROUP BY m.kind;

-- name: mail_export
-- row: mail_item
-- ---- export ----
SELECT
  m.*,
  '' AS sort_key,
  h.proxy_phone_clear,
  h.proxy_relation,
  h.note AS handout_note,
  (SELECT e.note FROM event e WHERE e.id = r.event_id) AS return_note,
  (SELECT s.name FROM staff s WHERE s.id = h.staff_id) AS handed_out_by,
  (SELECT s.name FROM staff s WHERE s.id = r.staff_id) AS returned_by
FROM mail_item_listed m
LEFT JOIN mail_handout_item hi ON hi.item_id = m.id
LEFT JOIN mail_handout h ON h.id = hi.handout_id
LEFT JOIN mail_return r ON r.item_id = m.id
WHERE m.at >= :from AND m.at < :to
ORDER BY m.at, m.id;

-- name: mail_export_corrections
-- The corrections of the items received in [:from, :to), by item, each with the value
-- it replaced (the correction before it, else the item's own value).
SELECT
  m.id AS item_id,
  c.field,
  CASE
    WHEN c.has_previous THEN c.previous
    ELSE CASE c.field
      WHEN 'carrier' THEN m.carrier
      WHEN 'note' THEN m.note
      WHEN 'damage_note' THEN m.damage_note
    END
  END AS old_value,
  c.value AS new_value,
  c.reason,
  s.name AS staff,
  c.at
FROM mail_item m
JOIN correction_previous c ON c.tbl = 'mail_item' AND c.row_id = m.id
JOIN staff s ON s.id = c.staff_id
WHERE m.at >= :from AND m.at < :to
ORDER BY m.id, c.id;
