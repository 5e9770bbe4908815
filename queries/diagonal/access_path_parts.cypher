// The nodes and relationships of the access paths found (queries/access.py), by key (element id), as paths
// show them: a node's id, main label, name and kind; a relationship's type, stored ends and properties.
// params: $keys, $relKeys
// returns: nodes, relationships
// mode: read
CALL () {
  UNWIND $keys AS key
  MATCH (n) WHERE elementId(n) = key
  RETURN collect({
    key: key,
    id: n.id,
    label: head([l IN labels(n) WHERE l <> 'Entity']),
    name: coalesce(n.name, n.title, n.acronym),
    kind: n.kind
  }) AS nodes
}
CALL () {
  UNWIND $relKeys AS key
  MATCH ()-[r]->() WHERE elementId(r) = key
  RETURN collect({
    key: key, type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)
  }) AS relationships
}
RETURN nodes, relationships
