// Rollback of a bulk first load: delete a batch of the entities it created (with their relationships), found
// through its audit entries of entities (no `from`), which go with them. Only for a run in bulk mode: every
// entity such an entry names was created by it (the graph held none when it began; an id another writer took
// first made the batch that would have created it fail). Entries are found through the AuditEntry(at) index,
// from the time the run started.
// params: $run, $size
// returns: count
// mode: write
MATCH (run:ImportRun {id: $run})
WHERE run.bulk
MATCH (a:AuditEntry)
WHERE a.at >= run.startedAt AND a.importRun = $run AND a.from IS NULL
WITH a LIMIT $size
OPTIONAL MATCH (n:Entity {id: a.target})
DETACH DELETE n, a
RETURN count(*) AS count
