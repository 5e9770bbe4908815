// Rollback: give a batch of the relationships an import updated their properties back, and delete those it created
// between existing entities (both recorded by ImportUndo nodes, found from their start by type and key); drop the
// records.
// params: $run, $size
// returns: count
// mode: write
MATCH (undo:ImportUndo {_import: $run})
  WHERE undo._kind IN ['relation', 'created']
WITH undo LIMIT $size
OPTIONAL MATCH (:Entity {id: undo._from})-[r]->()
  WHERE type(r) = undo._type AND r.key = undo.key
FOREACH (_ IN CASE WHEN r IS NOT NULL AND undo._kind = 'relation' THEN [1] ELSE [] END |
  SET r = properties(undo)
  REMOVE r._import, r._kind, r._type, r._from
)
FOREACH (_ IN CASE WHEN r IS NOT NULL AND undo._kind = 'created' THEN [1] ELSE [] END |
  DELETE r
)
DELETE undo
RETURN count(*) AS count
