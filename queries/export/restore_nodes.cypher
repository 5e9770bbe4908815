// Create nodes exactly as exported: each row {labels, properties}.
// params: $rows
// returns: created
// mode: write
UNWIND $rows AS row
CREATE (n)
SET n = row.properties
SET n:$(row.labels)
RETURN count(n) AS created
