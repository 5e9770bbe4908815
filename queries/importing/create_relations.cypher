// Create relationships between nodes staged by the same import (bulk first load: every end is new).
// Each row is {type, from, to, key, props}; rows whose ends are not staged are left out of the count.
// params: $rows
// returns: count
// mode: write
UNWIND $rows AS row
MATCH (a:ImportStaged {id: row.from})
MATCH (b:ImportStaged {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(*) AS count
