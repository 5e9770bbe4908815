// Stage new nodes of an import (bulk first load) with their audit entries, in one pass: each node is created
// hidden, under ImportStaged only, until published; it keeps its label to come in _label and the import's id in
// _import. No lookup and no change accounting: the caller knows every row is a creation. Each row is
// {id, label, props, entry, after, file, row}: the node's id, label and properties, and its audit entry's id,
// `after` (JSON) and the file and row it comes from; who made the import ($actor, $role) and its id ($run) are
// the same for every entry (hidden until the import ends, deleted by its rollback: importing.discard_audit).
// params: $rows, $run, $actor, $role
// returns: count
// mode: write
UNWIND $rows AS row
CREATE (n:ImportStaged {id: row.id})
SET n += row.props, n._import = $run, n._label = row.label
CREATE (a:AuditEntry {id: row.entry, at: datetime(), actor: $actor, role: $role, operation: 'import',
                      target: row.id, after: row.after, importRun: $run, file: row.file, row: row.row})
RETURN count(*) AS count
