// Mark a merge as undone, by whom and when.
// params: $id, $actor
// returns: at
// mode: write
MATCH (m:EntityMerge {id: $id})
SET m.status = 'undone', m.undoneBy = $actor, m.undoneAt = datetime()
RETURN m.undoneAt AS at
