// The audit trail, newest first: every write, read in the order of the AuditEntry(at) index and cut at
// $limit (one target's writes are trail_of_target).
// params: $limit
// returns: id, at, actor, role, operation, target, before, after
// mode: read
MATCH (a:AuditEntry)
WHERE a.at IS NOT NULL
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.operation AS operation, a.target AS target,
       a.before AS before, a.after AS after
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
