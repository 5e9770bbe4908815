// Replace all the stored properties of an entity (null values are not stored).
// params: $id, $properties
// returns: found
// mode: write
MATCH (n:Entity {id: $id})
SET n = $properties
RETURN count(n) AS found
