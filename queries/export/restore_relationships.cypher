// Create relationships exactly as exported between entities found by id: each row {type, from, to, properties}.
// Rows whose ends are missing are not created (the count tells).
// params: $rows
// returns: created
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.properties
RETURN count(r) AS created
