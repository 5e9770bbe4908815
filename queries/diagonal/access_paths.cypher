// The shortest access paths between pairs of entities through the channels of influence valid at $asOf.
// A step walks a relationship from its start node to its end node only when its type is in $forward, and
// from its end node back to its start node only when its type is in $backward (the directions in which
// each type carries influence, graph/model.py INFLUENCE); every relationship and node on the path (dated
// relationships, Mandate nodes) must be valid at $asOf; endpoints are not revisited and paths with a
// repeated node are dropped. Hard bounds: the 40 shortest walks of at most 6 relationships are searched
// per pair; at most $k paths of at most $maxDepth relationships are kept, shortest first.
// params: $pairs, $forward, $backward, $asOf, $k, $maxDepth
// returns: source, target, nodes, relationships
// mode: read
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair.source})
MATCH (z:Entity {id: pair.target})
CALL (a, z) {
  MATCH p = SHORTEST 40 (a)
    ((x)-[r]-(n)
     WHERE x <> z AND n <> a
       AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
       AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
       AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
    ){1,6}
    (z)
  WHERE length(p) <= $maxDepth
  WITH p, [node IN nodes(p) | node.id] AS ids
  WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
  ORDER BY length(p), ids
  LIMIT $k
  RETURN p
}
RETURN a.id AS source,
       z.id AS target,
       [node IN nodes(p) | {
         id: node.id,
         label: head([l IN labels(node) WHERE l <> 'Entity']),
         name: coalesce(node.name, node.title, node.acronym),
         kind: node.kind
       }] AS nodes,
       [rel IN relationships(p) | {
         type: type(rel), source: startNode(rel).id, target: endNode(rel).id, properties: properties(rel)
       }] AS relationships
