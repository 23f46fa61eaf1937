-- The directory: buildings, units, occupants, departments, emergency contacts and key
-- entrustments. Codes are stored in upper case (ASCII), so lookups match exactly.

-- A field as it reads now: its latest correction (see fd_current_value), else the row's
-- own value. The base value gets id 0, so any correction wins over it. Occupants and
-- contacts are read so from the views occupant_now and contact_now (schema 95).

-- name: building_find
-- row: dir_found
SELECT id
FROM building
WHERE code = :code;

-- name: building_insert
INSERT INTO building (code, at, staff_id)
VALUES (:code, :at, :staff_id);

-- name: unit_find
-- row: dir_found
SELECT id
FROM unit
WHERE code = :code;

-- name: unit_exists
-- row: dir_found
SELECT id
FROM unit
WHERE id = :id;

-- name: unit_insert
INSERT INTO unit (building_id, floor, room, code, at, staff_id)
VALUES (:building_id, :floor, :room, :code, :at, :staff_id);

-- name: company_find
-- row: dir_found
SELECT id
FROM occupant
WHERE unit_id = :unit_id AND kind = 'company' AND name = :name
ORDER BY id
LIMIT 1;

-- name: department_find
-- row: dir_found
SELECT id
FROM department
WHERE company_id = :company_id AND name = :name;

-- name: department_insert
INSERT INTO department (company_id, name, at, staff_id)
VALUES (:company_id, :name, :at, :staff_id);

-- name: occupant_duplicate
-- row: dir_found
-- The same person recorded twice: same unit, kind and name, and for company staff the
-- same company and department.
SELECT id
FROM occupant
WHERE  unit_id = :unit_id
  AND kind = :kind
  AND name = :name
  AND company_id IS :company_id
  AND department_id IS :department_id;

-- name: occupant_insert
INSERT INTO occupant (
  unit_id, kind, name, phone, company_id, department_id, position, at, staff_id
)
VALUES (
  :unit_id, :kind, :name, :phone, :company_id, :department_id, :position, :at, :staff_id
);

-- name: contact_insert
INSERT INTO contact (unit_id, occupant_id, name, relation, phone, at, staff_id)
VALUES (:unit_id, :occupant_id, :name, :relation, :phone, :at, :staff_id);

-- name: key_entrustment_insert
INSERT INTO key_entrustment (unit_id, occupant_id, signed_on, at, staff_id)
VALUES (:unit_id, :occupant_id, :signed_on, :at, :staff_id);

-- name: directory_search
-- The kind numbers are enum fd_dir_kind's. :prefix matches unit codes, :contains names;
-- both are LIKE patterns escaped with '\'.
SELECT kind, id, unit_id, unit, name, company, department, position, phone
FROM (
  SELECT
    1 AS kind,
    u.id,
    u.id AS unit_id,
    u.code AS unit,
    '' AS name,
    NULL AS company,
    NULL AS department,
    NULL AS position,
    NULL AS phone
  FROM unit u
  WHERE (:kinds & 1) != 0 AND u.code LIKE :prefix ESCAPE '\'
  UNION ALL SELECT
    CASE o.kind WHEN 'company' THEN 4 ELSE 2 END,
    o.id,
    o.unit_id,
    u.code,
    o.name,
    NULL,
    NULL,
    NULL,
    o.phone
  FROM occupant_now o
  JOIN unit u ON u.id = o.unit_id
  WHERE  o.kind IN ('owner', 'tenant', 'company')
    AND (:kinds & CASE o.kind WHEN 'company' THEN 4 ELSE 2 END) != 0
    AND (u.code LIKE :prefix ESCAPE '\' OR o.name LIKE :contains ESCAPE '\')
  UNION ALL SELECT 8, dp.id, c.unit_id, u.code, dp.name, c.name, NULL, NULL, NULL
  FROM department dp
  JOIN occupant_now c ON c.id = dp.company_id
  JOIN unit u ON u.id = c.unit_id
  WHERE  (:kinds & 8) != 0
    AND (u.code LIKE :prefix ESCAPE '\' OR dp.name LIKE :contains ESCAPE '\')
  UNION ALL SELECT 16, e.id, e.unit_id, u.code, e.name, c.name, dp.name, e.position, e.phone
  FROM occupant_now e
  JOIN unit u ON u.id = e.unit_id
  LEFT JOIN occupant_now c ON c.id = e.company_id
  LEFT JOIN department dp ON dp.id = e.department_id
  WHERE  (:kinds & 16) != 0
    AND e.kind = 'employee'
    AND (u.code LIKE :prefix ESCAPE '\' OR e.name LIKE :contains ESCAPE '\')
)
ORDER BY unit, name, kind, id
LIMIT :limit;

-- name: directory_contacts
-- Whom to call for a unit: owners, then tenants (kind 2), then its emergency contacts
-- (kind 32, FD_DIR_CONTACT, with the relation as position).
SELECT kind, id, unit, name, position, phone
FROM (
  SELECT
    2 AS kind,
    o.id,
    u.code AS unit,
    o.name,
    NULL AS position,
    o.phone,
    CASE o.kind WHEN 'owner' THEN 0 ELSE 1 END AS rank
  FROM occupant_now o
  JOIN unit u ON u.id = o.unit_id
  WHERE o.unit_id = :unit_id AND o.kind IN ('owner', 'tenant')
  UNION ALL SELECT
    32,
    k.id,
    u.code,
    k.name,
    k.relation,
    k.phone,
    2
  FROM contact_now k
  JOIN unit u ON u.id = k.unit_id
  WHERE k.unit_id = :unit_id
)
ORDER BY rank, id;
