// What writing these nodes would do (dry run): per label, how many would be created, updated or unchanged.
// Each row is {id, label, props}, as for importing.write_nodes.
// params: $rows
// returns: label, outcome, count
// mode: read
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k] OR (old[k] IS NULL AND row.props[k] IS NULL))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
RETURN row.label AS label, outcome, count(*) AS count
