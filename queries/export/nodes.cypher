// Every domain node and bookkeeping node as readers see it: not the schema migrations, not what an import under
// way keeps ($left_out: its staged nodes, undo records, journal and lock), not the audit entries of a run still open
// (hidden from the trail until the import ends, deleted by its rollback). In store order, not sorted: a backup
// streams them as they are read (sorting would hold them all in the server's memory).
// params: $left_out
// returns: labels, properties
// mode: read
MATCH (n)
WHERE NOT n:SchemaMigration
  AND NOT any(l IN labels(n) WHERE l IN $left_out)
  AND NOT (n:AuditEntry AND n.importRun IS NOT NULL AND EXISTS { MATCH (:ImportRun {id: n.importRun}) })
RETURN labels(n) AS labels, properties(n) AS properties
