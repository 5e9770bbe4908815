// One page of the history of an entity, newest first: the audit entries (mutations, merges, imports) whose
// target is one of $ids (the entity and the ids merged into it) or that touch one of them as a relationship's
// end, after the keyset ($afterAt, $afterId) of the previous page (null: the first page). Entries of an import
// still running are left out. Each lookup goes through an index (target, from, to).
// params: $ids, $afterAt, $afterId, $limit
// returns: id, at, actor, role, operation, target, before, after, importRun, file, row
// mode: read
CALL () {
  UNWIND $ids AS id
  MATCH (a:AuditEntry {target: id})
  RETURN a
  UNION
  UNWIND $ids AS id
  MATCH (a:AuditEntry {from: id})
  RETURN a
  UNION
  UNWIND $ids AS id
  MATCH (a:AuditEntry {to: id})
  RETURN a
}
WITH a
WHERE (a.importRun IS NULL OR NOT EXISTS { MATCH (:ImportRun {id: a.importRun}) })
  AND ($afterAt IS NULL OR a.at < datetime($afterAt) OR (a.at = datetime($afterAt) AND a.id < $afterId))
RETURN a.id AS id, a.at AS at, a.actor AS actor, a.role AS role, a.operation AS operation, a.target AS target,
       a.before AS before, a.after AS after, a.importRun AS importRun, a.file AS file, a.row AS row
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
