// Rollback: delete a batch of the audit entries an import wrote (a rolled-back import leaves no history).
// params: $run, $size
// returns: count
// mode: write
MATCH (a:AuditEntry {importRun: $run})
WITH a LIMIT $size
DELETE a
RETURN count(*) AS count
