// Publish a batch of the nodes a restore staged: each takes its labels and its id back and drops the staging label
// and bookkeeping properties (the uniqueness constraints apply here).
// params: $run, $size
// returns: count
// mode: write
MATCH (n:ImportStaged {_import: $run})
WITH n LIMIT $size
SET n:$(n._labels)
SET n.id = coalesce(n.id, n._id)
REMOVE n:ImportStaged, n._import, n._labels, n._id
RETURN count(*) AS count
