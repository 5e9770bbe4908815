// One page of the organisations whose kind is one of $kinds ($sectors, or null, also filters), in ascending name order: for each
// value, a range of the Organisation(kind, sortKey) index read in order and cut at $limit, then the
// values merged, so a page reads at most $limit organisations per value. The page starts strictly after
// the sortKey $after (for the first page, a bound of the label range).
// params: $kinds, $sectors, $after, $limit
// returns: total, items
// mode: read
RETURN count { MATCH (n:Organisation) WHERE n.kind IN $kinds AND ($sectors IS NULL OR n.sector IN $sectors) } AS total,
       COLLECT {
         UNWIND $kinds AS value
         CALL (value) {
           MATCH (n:Organisation)
           WHERE n.kind = value AND n.sortKey > $after AND ($sectors IS NULL OR n.sector IN $sectors)
           WITH n
           ORDER BY n.sortKey ASC
           LIMIT $limit
           RETURN n
         }
         WITH n
         ORDER BY n.sortKey ASC
         LIMIT $limit
         RETURN {key: n.sortKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
       } AS items
