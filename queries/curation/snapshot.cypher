// An entity's labels and stored properties (read after its lock is taken).
// params: $id
// returns: labels, properties
// mode: read
MATCH (n:Entity {id: $id})
RETURN [l IN labels(n) WHERE l <> 'Entity'] AS labels, properties(n) AS properties
