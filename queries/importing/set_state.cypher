// Move an import's journal to another state ('publishing': the commit point).
// params: $run, $state
// returns: state
// mode: write
MATCH (run:ImportRun {id: $run})
SET run.state = $state
RETURN run.state AS state
