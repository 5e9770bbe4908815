// What writing these relationships would do (dry run): per type, how many would be created, updated or unchanged.
// Each row is {type, from, to, key, props}, as for importing.write_relations. An end that is not in the database
// yet is one the import creates: the relationship would be created.
// params: $rows
// returns: type, outcome, count
// mode: read
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
WITH row, a, b, a IS NOT NULL AND b IS NOT NULL AND COUNT { (a)-->() } <= COUNT { (b)<--() } AS fromSource
OPTIONAL MATCH (a)-[outgoing:$(row.type) {key: row.key}]->()
  WHERE fromSource
OPTIONAL MATCH ()-[incoming:$(row.type) {key: row.key}]->(b)
  WHERE a IS NOT NULL AND NOT fromSource
WITH row, coalesce(outgoing, incoming) AS old
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k] OR (old[k] IS NULL AND row.props[k] IS NULL))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
RETURN row.type AS type, outcome, count(*) AS count
