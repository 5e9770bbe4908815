// Record one write in the audit trail: who, with which role, when, what, on which target, before and after (JSON).
// params: $id, $actor, $role, $operation, $target, $before, $after
// returns: id, at
// mode: write
CREATE (a:AuditEntry {id: $id, at: datetime(), actor: $actor, role: $role, operation: $operation, target: $target,
                      before: $before, after: $after})
RETURN a.id AS id, a.at AS at
