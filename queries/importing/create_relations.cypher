// Create relationships between nodes staged by the same import (bulk first load: every end is new) with their
// audit entries, in one pass. Each row is {type, from, to, key, props, entry, target, after, file, row}: the
// relationship and its audit entry's id, target ("TYPE:from->to"), `after` (JSON), file and row; $actor, $role
// and $run are the same for every entry. Rows whose ends are not staged are left out of the count.
// params: $rows, $run, $actor, $role
// returns: count
// mode: write
UNWIND $rows AS row
MATCH (a:ImportStaged {id: row.from})
MATCH (b:ImportStaged {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
CREATE (e:AuditEntry {id: row.entry, at: datetime(), actor: $actor, role: $role, operation: 'import',
                      target: row.target, after: row.after, importRun: $run, file: row.file, row: row.row,
                      from: row.from, to: row.to})
RETURN count(*) AS count
