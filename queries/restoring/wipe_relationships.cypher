// Delete every relationship, ten thousand per transaction (run on its own, not in a transaction): what a forced
// restore replaces, or what a failed restore wrote. Nodes next (restoring.wipe_nodes).
// mode: write
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 10000 ROWS
