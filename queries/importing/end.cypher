// Close the journal of an import (published, or rolled back).
// params: $run
// returns: count
// mode: write
MATCH (run:ImportRun {id: $run})
DELETE run
RETURN count(*) AS count
