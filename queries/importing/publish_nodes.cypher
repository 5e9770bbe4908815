// Publish a batch of the nodes an import staged: each takes the Entity label and its own, and drops the staging
// label and bookkeeping properties (the uniqueness constraints apply here: an id created meanwhile by another
// writer makes this batch fail). Returns the ids published, for a rollback of a publish that fails midway.
// params: $run, $size
// returns: id
// mode: write
MATCH (n:ImportStaged {_import: $run})
WITH n LIMIT $size
SET n:Entity:$(n._label)
REMOVE n:ImportStaged, n._import, n._label
RETURN n.id AS id
