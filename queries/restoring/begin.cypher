// Open the journal of a restore: an ImportRun (kind 'restore') in state 'writing' until every node and relationship
// is staged, then 'publishing'; $previous is the file that holds the data a forced restore replaces (null when the
// database was empty), from which a failed or interrupted restore puts it back.
// params: $run, $previous
// returns: state
// mode: write
CREATE (run:ImportRun {id: $run, state: 'writing', startedAt: datetime(), kind: 'restore', previous: $previous})
RETURN run.state AS state
