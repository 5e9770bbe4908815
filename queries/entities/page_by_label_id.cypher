// One page of the entities of a label, unfiltered, in ascending idKey order: a range of the Entity(idKey)
// index, whose keys start with the label (see graph/folding.py), so the page is read in index order and
// stops after $limit items. Every key of the label lies strictly between $start and $end; the page starts
// strictly after $after (the last key seen, or $start for the first page).
// params: $start, $end, $after, $limit
// returns: total, items
// mode: read
RETURN count { MATCH (n:Entity) WHERE n.idKey > $start AND n.idKey < $end } AS total,
       COLLECT {
         MATCH (n:Entity)
         WHERE n.idKey > $after AND n.idKey < $end
         WITH n
         ORDER BY n.idKey ASC
         LIMIT $limit
         RETURN {key: n.idKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
       } AS items
