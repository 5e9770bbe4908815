// Every domain node and bookkeeping node (not the schema migrations), with its labels and properties.
// params: $labels
// returns: labels, properties
// mode: read
MATCH (n)
WHERE NOT n:SchemaMigration AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
RETURN labels(n) AS labels, properties(n) AS properties
ORDER BY n.id
