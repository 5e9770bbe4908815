// Imports (and restores) whose journal is still open (their process died, or is running now): id, state, kind
// ('restore' for a restore, null for an import) and, for a forced restore, the file that holds the data it replaces.
// returns: id, state, startedAt, kind, previous
// mode: read
MATCH (run:ImportRun)
RETURN run.id AS id, run.state AS state, run.startedAt AS startedAt, run.kind AS kind, run.previous AS previous
ORDER BY run.startedAt
