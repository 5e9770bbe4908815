// The audit trail of one target ($target, an entity id or a relationship's "TYPE:from->to"), newest first
// (mutations, merges and imports; entries of an import still running are left out).
// params: $target, $limit
// returns: id, at, actor, role, operation, target, before, after, importRun, file, row
// mode: read
MATCH (a:AuditEntry {target: $target})
WHERE a.importRun IS NULL OR NOT EXISTS { MATCH (:ImportRun {id: a.importRun}) }
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.operation AS operation, a.target AS target,
       a.before AS before, a.after AS after, a.importRun AS importRun, a.file AS file, a.row AS row
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
