// The audit trail of one target ($target, an entity id or a relationship key), newest first.
// params: $target, $limit
// returns: id, at, actor, role, operation, target, before, after
// mode: read
MATCH (a:AuditEntry {target: $target})
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.operation AS operation, a.target AS target,
       a.before AS before, a.after AS after
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
