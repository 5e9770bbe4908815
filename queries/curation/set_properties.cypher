// Set some properties of an entity (null removes one).
// params: $id, $properties
// returns: found
// mode: write
MATCH (n:Entity {id: $id})
SET n += $properties
RETURN count(n) AS found
