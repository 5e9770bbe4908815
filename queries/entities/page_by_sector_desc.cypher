// One page of the organisations whose sector is one of $sectors, in descending name order: for each
// value, a range of the Organisation(sector, sortKey) index read in order and cut at $limit, then the
// values merged, so a page reads at most $limit organisations per value. The page starts strictly after
// the sortKey $after (for the first page, a bound of the label range).
// params: $sectors, $after, $limit
// returns: total, items
// mode: read
RETURN count { MATCH (n:Organisation) WHERE n.sector IN $sectors  } AS total,
       COLLECT {
         UNWIND $sectors AS value
         CALL (value) {
           MATCH (n:Organisation)
           WHERE n.sector = value AND n.sortKey < $after 
           WITH n
           ORDER BY n.sortKey DESC
           LIMIT $limit
           RETURN n
         }
         WITH n
         ORDER BY n.sortKey DESC
         LIMIT $limit
         RETURN {key: n.sortKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
       } AS items
