// Create or update relationships by key between existing entities; says per type how many were created, updated or unchanged.
// Each row is {type, from, to, key, props}; rows whose endpoints do not exist are left out of the counts.
// params: $rows
// returns: type, outcome, count
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:$(row.type) {key: row.key}]->(b)
WITH a, b, row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k] OR (old[k] IS NULL AND row.props[k] IS NULL))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
CALL (a, b, row, outcome) {
  WITH a, b, row, outcome
  WHERE outcome <> 'unchanged'
  MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
  SET r += row.props
}
RETURN row.type AS type, outcome, count(*) AS count
