-- frontdesk schema 90: a purge that forgets. A visit's document number, and a
-- do-not-admit entry's, enter the audit chain no longer as their HMAC (which, with the
-- site key, let anyone test every birth date against a purged number) but through a
-- commitment: pii_commit, BLAKE2b keyed with the row's own random salt (pii_salt) over
-- its *_clear, *_hmac and *_masked columns. The purge clears the number, its HMAC and
-- the salt, and masks the number whole: what is left tests no guess, and the chain,
-- which holds the commitment, still verifies. Rows written before this schema have no
-- commitment; the purge records an audit entry for each of them as it clears it.
ALTER TABLE visit ADD COLUMN pii_salt BLOB;
ALTER TABLE visit ADD COLUMN pii_commit BLOB;
ALTER TABLE visitor_ban ADD COLUMN pii_salt BLOB;
ALTER TABLE visitor_ban ADD COLUMN pii_commit BLOB;

-- What the purge still has to clear: every number whose HMAC is not yet cleared (those
-- of schema 10's purge too, which cleared the number alone).
DROP INDEX visit_unpurged;
CREATE INDEX visit_unforgotten ON visit(registered_at) WHERE doc_number_hmac <> '';

-- The one UPDATE a visit allows: the purge's, which empties the number, its HMAC and
-- the salt and masks the number whole (HMAC and mask are NOT NULL columns: '' and
-- '********' say cleared), every other column as it was. (A migration that adds a
-- column to visit must add it here too.)
DROP TRIGGER visit_no_update;
CREATE TRIGGER visit_no_update BEFORE UPDATE ON visit
WHEN NEW.doc_number_clear IS NOT NULL
  OR NEW.doc_number_hmac IS NOT ''
  OR NEW.doc_number_masked IS NOT '********'
  OR NEW.pii_salt IS NOT NULL
  OR NEW.pii_commit IS NOT OLD.pii_commit
  OR NEW.id IS NOT OLD.id
  OR NEW.visitor_name IS NOT OLD.visitor_name
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.phone IS NOT OLD.phone
  OR NEW.party_size IS NOT OLD.party_size
  OR NEW.purpose IS NOT OLD.purpose
  OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.company_id IS NOT OLD.company_id
  OR NEW.department_id IS NOT OLD.department_id
  OR NEW.person_id IS NOT OLD.person_id
  OR NEW.visitee_unit IS NOT OLD.visitee_unit
  OR NEW.visitee_company IS NOT OLD.visitee_company
  OR NEW.visitee_department IS NOT OLD.visitee_department
  OR NEW.visitee_name IS NOT OLD.visitee_name
  OR NEW.visitee_position IS NOT OLD.visitee_position
  OR NEW.registered_at IS NOT OLD.registered_at
  OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.approver_id IS NOT OLD.approver_id
BEGIN SELECT RAISE(ABORT, 'visit is append-only: only the privacy purge may clear the document number'); END;

-- A do-not-admit entry keeps its number for as long as it is in force; the purge
-- clears it from an entry lifted more than the retention period ago, and from the row
-- that lifted it, as above.
DROP TRIGGER visitor_ban_no_update;
CREATE TRIGGER visitor_ban_no_update BEFORE UPDATE ON visitor_ban
WHEN NEW.doc_number_hmac IS NOT ''
  OR NEW.doc_number_masked IS NOT '********'
  OR NEW.pii_salt IS NOT NULL
  OR NEW.pii_commit IS NOT OLD.pii_commit
  OR NEW.id IS NOT OLD.id
  OR NEW.lifts IS NOT OLD.lifts
  OR NEW.doc_type IS NOT OLD.doc_type
  OR NEW.visitor_name IS NOT OLD.visitor_name
  OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.reason IS NOT OLD.reason
  OR NEW.at IS NOT OLD.at
  OR NEW.staff_id IS NOT OLD.staff_id
BEGIN SELECT RAISE(ABORT, 'visitor_ban is append-only: only the privacy purge may clear the document number'); END;
