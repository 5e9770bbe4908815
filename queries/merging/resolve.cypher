// The entity an id was merged into, if a merge that is still active took it.
// params: $id
// returns: kept, merge
// mode: read
MATCH (m:EntityMerge {merged: $id, status: 'active'})
RETURN m.kept AS kept, m.id AS merge
