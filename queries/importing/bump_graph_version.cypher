// Count one more change of the graph (the analysis cache keys on this number and on the epoch, a random
// id given when the counter is created, so that a wiped and refilled graph never reuses a cached result).
// returns: version
// mode: write
MERGE (v:GraphVersion {id: 'graph'})
  ON CREATE SET v.epoch = randomUUID()
SET v.version = coalesce(v.version, 0) + 1
RETURN v.version AS version
