// Create new entities of a bulk first load (the graph held no entity when the import began) with their audit
// entries, in one pass: no lookup, no staging, no change accounting (every row is a creation). Each row is
// {id, label, props, entry, after, file, row}: the entity's id, label and properties, and its audit entry's id,
// `after` (JSON) and the file and row it comes from; who made the import ($actor, $role) and its id ($run) are
// the same for every entry. The entities are visible once their batch commits; their entries stay hidden until
// the import ends (its ImportRun is open), and a rollback deletes both, found through the entries
// (importing.discard_created).
// params: $rows, $run, $actor, $role
// returns: count
// mode: write
UNWIND $rows AS row
CREATE (n:Entity:$(row.label) {id: row.id})
SET n += row.props
CREATE (a:AuditEntry {id: row.entry, at: datetime(), actor: $actor, role: $role, operation: 'import',
                      target: row.id, after: row.after, importRun: $run, file: row.file, row: row.row})
RETURN count(*) AS count
