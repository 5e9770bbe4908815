// Write relationships of an import into a graph that already holds data; says per type how many are created,
// updated or unchanged. Each end is an entity or a node staged by the import. A relationship with a staged end
// is new (a rollback deletes it with that end); between two existing entities, the existing relationship is looked
// up by key from the end with fewer relationships (not MERGE, nor one OPTIONAL MATCH between both ends: they walk
// every relationship created earlier in the transaction on a hub, which makes a large import quadratic), its
// properties copied to an ImportUndo node before it is updated, and a created one recorded by an ImportUndo node
// too. Each row is {type, from, to, key, props}; rows whose ends do not exist are left out of the counts. Also
// returns the relationships created or updated ({key, before}: before holds an updated one's properties as they
// were), for the audit trail.
// params: $rows, $run
// returns: type, outcome, count, changed
// mode: write
UNWIND $rows AS row
OPTIONAL MATCH (entityFrom:Entity {id: row.from})
OPTIONAL MATCH (stagedFrom:ImportStaged {id: row.from})
OPTIONAL MATCH (entityTo:Entity {id: row.to})
OPTIONAL MATCH (stagedTo:ImportStaged {id: row.to})
WITH row, coalesce(entityFrom, stagedFrom) AS a, coalesce(entityTo, stagedTo) AS b,
     stagedFrom IS NOT NULL OR stagedTo IS NOT NULL AS fresh
WHERE a IS NOT NULL AND b IS NOT NULL
WITH row, a, b, fresh, NOT fresh AND COUNT { (a)-->() } <= COUNT { (b)<--() } AS fromSource
OPTIONAL MATCH (a)-[outgoing:$(row.type) {key: row.key}]->()
  WHERE NOT fresh AND fromSource
OPTIONAL MATCH ()-[incoming:$(row.type) {key: row.key}]->(b)
  WHERE NOT fresh AND NOT fromSource
WITH a, b, row, fresh, coalesce(outgoing, incoming) AS old
WITH a, b, row, fresh, old,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k] OR (old[k] IS NULL AND row.props[k] IS NULL))
         THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
WITH a, b, row, fresh, old, outcome, CASE WHEN outcome = 'updated' THEN properties(old) END AS before
FOREACH (_ IN CASE WHEN outcome = 'created' THEN [1] ELSE [] END |
  CREATE (a)-[r:$(row.type)]->(b)
  SET r = row.props
)
FOREACH (_ IN CASE WHEN outcome = 'created' AND NOT fresh THEN [1] ELSE [] END |
  CREATE (:ImportUndo {_import: $run, _kind: 'created', _type: row.type, _from: row.from, key: row.key})
)
FOREACH (_ IN CASE WHEN outcome = 'updated' THEN [1] ELSE [] END |
  CREATE (undo:ImportUndo)
  SET undo = properties(old), undo._import = $run, undo._kind = 'relation', undo._type = row.type,
      undo._from = row.from
  SET old += row.props
)
RETURN row.type AS type, outcome, count(*) AS count,
       collect(CASE WHEN outcome <> 'unchanged' THEN {key: row.key, before: before} END) AS changed
