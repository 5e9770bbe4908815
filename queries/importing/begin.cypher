// Open the journal of an import: its id and state ('writing' until every element is written and checked, then
// 'publishing'; a run found 'writing' after its importer died is rolled back, one found 'publishing' is finished).
// Also says whether the graph holds any entity (an empty graph takes the bulk first-load path).
// params: $run
// returns: empty
// mode: write
CREATE (:ImportRun {id: $run, state: 'writing', startedAt: datetime()})
WITH 1 AS one
OPTIONAL MATCH (n:Entity)
WITH n LIMIT 1
RETURN n IS NULL AS empty
