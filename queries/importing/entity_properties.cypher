// The stored properties of the entities among these ids (what an id merged into one of them may only complete).
// params: $ids
// returns: id, properties
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, properties(n) AS properties
