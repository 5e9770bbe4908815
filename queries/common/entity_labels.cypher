// The labels of the entity with this id (empty when there is none).
// params: $id
// returns: labels
// mode: read
MATCH (n:Entity {id: $id})
RETURN [label IN labels(n) WHERE label <> 'Entity'] AS labels
