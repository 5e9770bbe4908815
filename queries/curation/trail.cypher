// The audit trail, newest first: every write, read in the order of the AuditEntry(at) index and cut at
// $limit (one target's writes are trail_of_target). Entries of an import still running (its ImportRun open)
// are left out: they appear when it finishes, and go if it is rolled back.
// params: $limit
// returns: id, at, actor, role, operation, target, before, after, importRun, file, row
// mode: read
MATCH (a:AuditEntry)
WHERE a.at IS NOT NULL
  AND (a.importRun IS NULL OR NOT EXISTS { MATCH (:ImportRun {id: a.importRun}) })
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.operation AS operation, a.target AS target,
       a.before AS before, a.after AS after, a.importRun AS importRun, a.file AS file, a.row AS row
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
