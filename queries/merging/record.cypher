// Record a merge: which entity was kept, which one merged into it, and everything needed to undo it
// (JSON snapshots of the merged entity, its relationships, the kept entity before, the keys created).
// params: $id, $kept, $merged, $actor, $snapshot
// returns: at
// mode: write
CREATE (m:EntityMerge {id: $id, kept: $kept, merged: $merged, by: $actor, at: datetime(), status: 'active',
                      snapshot: $snapshot})
RETURN m.at AS at
