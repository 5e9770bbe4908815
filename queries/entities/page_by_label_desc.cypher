// One page of the entities of a label, unfiltered, in descending sortKey order: a range of the Entity(sortKey)
// index, whose keys start with the label (see graph/folding.py), so the page is read in index order and
// stops after $limit items. Every key of the label lies strictly between $start and $end; the page starts
// strictly after $after (the last key seen, or $end for the first page).
// params: $start, $end, $after, $limit
// returns: total, items
// mode: read
RETURN count { MATCH (n:Entity) WHERE n.sortKey > $start AND n.sortKey < $end } AS total,
       COLLECT {
         MATCH (n:Entity)
         WHERE n.sortKey < $after AND n.sortKey > $start
         WITH n
         ORDER BY n.sortKey DESC
         LIMIT $limit
         RETURN {key: n.sortKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
       } AS items
