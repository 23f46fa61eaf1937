-- frontdesk schema 167: the wrong PIN that locks an account is written as the lock-out
-- alone, one row and one audit entry like every other wrong answer. It had been written
-- as a wrong PIN and then the lock-out, two entries, so the chain's count of entries
-- (which verify tells anyone) grew by one more for a number that exists than for one
-- nobody has, and told the two apart. The lock-out is therefore also a wrong PIN among
-- the failures. The columns are those of schema 95, in its order.
DROP VIEW staff_now;
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
      AND e.outcome IN ('bad_pin', 'locked_out')
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
