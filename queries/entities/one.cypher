// One entity by id: its id, main label and every stored property (provenance included); no row if unknown.
// params: $id
// returns: id, label, properties
// mode: read
MATCH (n:Entity {id: $id})
RETURN n.id AS id, head([l IN labels(n) WHERE l <> 'Entity']) AS label, properties(n) AS properties
