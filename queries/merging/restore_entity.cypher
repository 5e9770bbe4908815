// Create an entity again with the labels and properties it had before a merge.
// params: $labels, $properties
// returns: id
// mode: write
CREATE (n:Entity:$($labels))
SET n = $properties
RETURN n.id AS id
