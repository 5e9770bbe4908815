// Close an edit of an entity: release the lock property, count one more revision and say who and when.
// params: $id, $actor
// returns: properties
// mode: write
MATCH (n:Entity {id: $id})
REMOVE n.`_lock`
SET n.revision = coalesce(n.revision, 0) + 1, n.updatedAt = datetime(), n.updatedBy = $actor
RETURN properties(n) AS properties
