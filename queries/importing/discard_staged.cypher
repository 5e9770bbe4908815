// Rollback: delete a batch of the nodes an import staged, with their relationships.
// params: $run, $size
// returns: count
// mode: write
MATCH (n:ImportStaged {_import: $run})
WITH n LIMIT $size
DETACH DELETE n
RETURN count(*) AS count
