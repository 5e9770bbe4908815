// Create relationships between existing entities unless one of the same type and key already joins them
// (the one there wins). Each row is {type, from, to, key, props}.
// params: $rows
// returns: key, created
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[existing:$(row.type) {key: row.key}]->(b)
WITH a, b, row, existing IS NULL AS absent
FOREACH (_ IN CASE WHEN absent THEN [1] ELSE [] END |
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props)
RETURN row.key AS key, absent AS created
