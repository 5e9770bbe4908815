// Stage new nodes of an import (bulk first load): created hidden, under ImportStaged only, until published.
// Each row is {id, label, props}; the node keeps its label to come in _label and the import's id in _import.
// No lookup and no change accounting: the caller knows every row is a creation.
// params: $rows, $run
// returns: count
// mode: write
UNWIND $rows AS row
CREATE (n:ImportStaged {id: row.id})
SET n += row.props, n._import = $run, n._label = row.label
RETURN count(*) AS count
