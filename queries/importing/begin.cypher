// Open the journal of an import: its id and state ('writing' until every element is written and checked, then
// 'publishing'; a run found 'writing' after its importer died is rolled back, one found 'publishing' is finished).
// Also says whether the graph holds any entity: an empty graph takes the bulk first-load path unless $bulk is
// false, and the run records that it does (`bulk`: its rollback deletes what its audit entries name).
// params: $run, $bulk
// returns: empty, bulk
// mode: write
CREATE (run:ImportRun {id: $run, state: 'writing', startedAt: datetime()})
WITH run
OPTIONAL MATCH (n:Entity)
WITH run, n LIMIT 1
SET run.bulk = n IS NULL AND $bulk
RETURN n IS NULL AS empty, run.bulk AS bulk
