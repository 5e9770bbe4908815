// Rollback: delete a batch of the audit entries an import wrote (a rolled-back import leaves no history). They
// are found through the AuditEntry(at) index, from the time the run started (no index of their own to keep up).
// params: $run, $size
// returns: count
// mode: write
MATCH (run:ImportRun {id: $run})
MATCH (a:AuditEntry)
WHERE a.at >= run.startedAt AND a.importRun = $run
WITH a LIMIT $size
DELETE a
RETURN count(*) AS count
