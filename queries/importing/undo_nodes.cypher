// Rollback: give a batch of the entities an import updated their properties back (from its ImportUndo copies),
// and drop those copies.
// params: $run, $size
// returns: count
// mode: write
MATCH (undo:ImportUndo {_import: $run, _kind: 'node'})
WITH undo LIMIT $size
OPTIONAL MATCH (n:Entity {id: undo.id})
FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END |
  SET n = properties(undo)
  REMOVE n._import, n._kind
)
DELETE undo
RETURN count(*) AS count
