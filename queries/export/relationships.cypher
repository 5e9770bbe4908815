// Every relationship between two entities, with its type, ends (ids) and properties; in store order, not sorted
// (a backup streams them as they are read).
// params: $types
// returns: type, from, to, properties
// mode: read
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties
