// Create a batch of the relationships of a snapshot between entities the same restore staged (found by id). Each
// row is {at, type, from, to, properties}; returns the `at` of the rows whose ends are not staged (not created).
// params: $rows, $run
// returns: missing
// mode: write
UNWIND $rows AS row
OPTIONAL MATCH (a:ImportStaged {id: row.from})
  WHERE a._import = $run
OPTIONAL MATCH (b:ImportStaged {id: row.to})
  WHERE b._import = $run
FOREACH (_ IN CASE WHEN a IS NOT NULL AND b IS NOT NULL THEN [1] ELSE [] END |
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.properties
)
WITH row
  WHERE a IS NULL OR b IS NULL
RETURN collect(row.at) AS missing
