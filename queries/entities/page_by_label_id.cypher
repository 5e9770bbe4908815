// One page of the entities of a label, unfiltered, in ascending idKey order: a range of the Entity(idKey)
// index, whose keys start with the label (see graph/folding.py), so the page is read in index order and
// stops after $limit items. Every key of the label lies strictly below $end; the page starts strictly after
// $after (the last key seen, or the label's lowest bound for the first page).
// The total is counted apart, from the count store (entities.label_total).
// params: $end, $after, $limit
// returns: items
// mode: read
RETURN COLLECT {
  MATCH (n:Entity)
  WHERE n.idKey > $after AND n.idKey < $end
  WITH n
  ORDER BY n.idKey ASC
  LIMIT $limit
  RETURN {key: n.idKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
} AS items
