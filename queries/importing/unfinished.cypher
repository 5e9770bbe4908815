// Imports whose journal is still open (their importer died, or is running now): id and state.
// returns: id, state, startedAt
// mode: read
MATCH (run:ImportRun)
RETURN run.id AS id, run.state AS state, run.startedAt AS startedAt
ORDER BY run.startedAt
