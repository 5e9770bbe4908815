// How many nodes (schema bookkeeping aside) the database holds.
// returns: nodes
// mode: read
MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS nodes
