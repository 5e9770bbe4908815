// After an import is published: drop a batch of its ImportUndo records (nothing to roll back any more).
// params: $run, $size
// returns: count
// mode: write
MATCH (undo:ImportUndo {_import: $run})
WITH undo LIMIT $size
DELETE undo
RETURN count(*) AS count
