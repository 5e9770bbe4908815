// Delete relationships by type and key between two entities. Each row is {type, from, to, key}.
// params: $rows
// returns: deleted
// mode: write
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r:$(row.type) {key: row.key}]->(:Entity {id: row.to})
DELETE r
RETURN count(*) AS deleted
