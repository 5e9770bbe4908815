// Delete an entity and its relationships (their copies are already on the kept entity).
// params: $id
// returns: deleted
// mode: write
MATCH (n:Entity {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
