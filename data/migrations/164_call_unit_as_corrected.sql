-- frontdesk schema 164: an entry's unit, once corrected, is the directory's unit of the
-- corrected code (found as intake finds a typed one: by its code, or a code it was
-- corrected from), or none when the directory has no such unit; never the unit it was
-- taken in with. The page said "not in the directory" of a unit corrected to a known
-- one, and the complaint or repair request made of the entry went without its unit.
-- An entry whose unit was never corrected keeps the unit it was taken in with; reading
-- it costs one more seek of the correction index. The view is otherwise schema 140's.
DROP VIEW call_now;
CREATE VIEW call_now AS
SELECT
  c.id, c.received_at, c.at, c.staff_id,
  nullif(coalesce(
    (SELECT coalesce((SELECT u.id FROM unit u
                      WHERE u.code = k.value
                      OR u.id IN (SELECT n.row_id FROM correction n
                                  WHERE n.tbl = 'unit' AND n.field = 'code' AND n.value = k.value)
                      ORDER BY u.id LIMIT 1), -1)
     FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
     AND k.field = 'unit' ORDER BY k.id DESC LIMIT 1),
    c.unit_id), -1) AS unit_id,
  c.phone_hmac,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'channel' ORDER BY k.id DESC LIMIT 1), c.channel) AS channel,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'caller' ORDER BY k.id DESC LIMIT 1), c.caller) AS caller,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'unit' ORDER BY k.id DESC LIMIT 1), c.unit) AS unit,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'phone' ORDER BY k.id DESC LIMIT 1), c.phone_clear) AS phone,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'matter' ORDER BY k.id DESC LIMIT 1), c.matter) AS matter,
  coalesce((SELECT k.value FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id
            AND k.field = 'question' ORDER BY k.id DESC LIMIT 1), c.question) AS question,
  EXISTS (SELECT 1 FROM correction k WHERE k.tbl = 'call_entry' AND k.row_id = c.id) AS corrected,
  (SELECT s.state FROM entity_state s WHERE s.kind = 'call' AND s.entity_id = c.id) AS state,
  (SELECT a.answer FROM call_answer a WHERE a.call_id = c.id ORDER BY a.id DESC LIMIT 1) AS answer,
  (SELECT count(*) FROM call_answer a WHERE a.call_id = c.id) AS answers,
  (SELECT r.department FROM call_referral r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1) AS department,
  (SELECT r.person FROM call_referral r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1) AS person,
  (SELECT e.at FROM event e WHERE e.kind = 'call' AND e.entity_id = c.id AND e.event IN ('close', 'complain', 'repair')
   ORDER BY e.id DESC LIMIT 1) AS closed_at,
  (SELECT f.name FROM staff f WHERE f.id = c.staff_id) AS received_by,
  (SELECT x.complaint_id FROM call_complaint x WHERE x.call_id = c.id) AS complaint_id,
  (SELECT p.id FROM call_repair p WHERE p.call_id = c.id) AS repair_id,
  (SELECT s.state FROM entity_state s JOIN call_repair p ON s.kind = 'repair' AND s.entity_id = p.id
   WHERE p.call_id = c.id) AS repair_state
FROM call_entry c;
