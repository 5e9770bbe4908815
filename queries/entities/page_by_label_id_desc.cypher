// One page of the entities of a label, unfiltered, in descending idKey order: a range of the Entity(idKey)
// index, whose keys start with the label (see graph/folding.py), so the page is read in index order and
// stops after $limit items. Every key of the label lies strictly above $start; the page starts strictly before
// $after (the last key seen, or the label's highest bound for the first page).
// The total is counted apart, from the count store (entities.label_total).
// params: $start, $after, $limit
// returns: items
// mode: read
RETURN COLLECT {
  MATCH (n:Entity)
  WHERE n.idKey < $after AND n.idKey > $start
  WITH n
  ORDER BY n.idKey DESC
  LIMIT $limit
  RETURN {key: n.idKey, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
} AS items
