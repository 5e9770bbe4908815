// Every relationship of an entity, as it is: type, direction, the node at the other end, properties.
// params: $id
// returns: type, outgoing, other, properties
// mode: read
MATCH (n:Entity {id: $id})-[r]-(other)
RETURN type(r) AS type, startNode(r) = n AS outgoing, other.id AS other, properties(r) AS properties
ORDER BY type, other, properties.key
