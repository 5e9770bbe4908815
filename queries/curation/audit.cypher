// Record one write in the audit trail: who, with which role, when, what, on which target, before and after (JSON);
// for a relationship, its two ends ($from, $to: an entity's history finds the relationship by either; null else).
// params: $id, $actor, $role, $operation, $target, $before, $after, $from, $to
// returns: id, at
// mode: write
CREATE (a:AuditEntry {id: $id, at: datetime(), actor: $actor, role: $role, operation: $operation, target: $target,
                      before: $before, after: $after, from: $from, to: $to})
RETURN a.id AS id, a.at AS at
