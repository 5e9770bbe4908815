// Delete every node but the schema bookkeeping (used by a forced restore, inside its transaction).
// returns: deleted
// mode: write
MATCH (n) WHERE NOT n:SchemaMigration
DETACH DELETE n
RETURN count(*) AS deleted
