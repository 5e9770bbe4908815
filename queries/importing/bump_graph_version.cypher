// Count one more change of the graph (the analysis cache keys on this number).
// returns: version
// mode: write
MERGE (v:GraphVersion {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1
RETURN v.version AS version
