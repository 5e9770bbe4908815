// Delete every node but the schema's bookkeeping and the import journal, ten thousand per transaction (run on its
// own, after restoring.wipe_relationships): what a forced restore replaces, or what a failed restore wrote.
// mode: write
MATCH (n)
  WHERE NOT n:SchemaMigration AND NOT n:ImportRun AND NOT n:ImportLock
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
