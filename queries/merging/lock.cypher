// Lock a merge record and read it (a concurrent undo waits, then sees the outcome).
// params: $id
// returns: kept, merged, status, snapshot
// mode: write
MATCH (m:EntityMerge {id: $id})
SET m._lock = true
REMOVE m._lock
RETURN m.kept AS kept, m.merged AS merged, m.status AS status, m.snapshot AS snapshot
