// Record, in the audit trail, what one batch of an import created or changed: one AuditEntry per entity or
// relationship (operation 'import'), written in the batch's own transaction. Each entry is {id, actor, role,
// operation, target, before, after (JSON, before null for a creation), importRun, file, row, from, to (the ends
// of a relationship; null for an entity)}. A rollback deletes the entries of its run (importing.discard_audit);
// the trail hides them while the run is open.
// params: $entries
// returns: count
// mode: write
UNWIND $entries AS entry
CREATE (a:AuditEntry)
SET a = entry, a.at = datetime()
RETURN count(*) AS count
