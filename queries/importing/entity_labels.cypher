// The labels of the entities among these ids (ids that name nothing are left out).
// params: $ids
// returns: id, labels
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'] AS labels
