// One layer of the bidirectional search of access paths (queries/diagonal.py paths_between), both sides in one
// round trip: the steps leaving the nodes $out (the forward frontier) and the steps entering the nodes $in (the
// backward frontiers), by element id. A step walks a relationship from its start node when its type is in
// $forward, from its end node when its type is in $backward (graph/model.py INFLUENCE); the relationship and
// the node entered are valid at $asOf. One row (a record each would cost more than the data): each step as
// [node left, relationship, node entered, id and degree of the node it reaches on its side (entered going out,
// left going in; the degree is what expanding it in turn costs), true going out].
// params: $out, $in, $forward, $backward, $asOf
// returns: steps
// mode: read
CALL () {
  UNWIND $out AS key
  MATCH (x) WHERE elementId(x) = key
  CALL (x) {
    MATCH (x)-[r]->(n) WHERE type(r) IN $forward
    RETURN r, n
    UNION ALL
    MATCH (x)<-[r]-(n) WHERE type(r) IN $backward
    RETURN r, n
  }
  WITH key, r, n
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
  RETURN key AS from, elementId(r) AS rel, elementId(n) AS to, n AS reached, true AS outward
  UNION ALL
  UNWIND $in AS key
  MATCH (x) WHERE elementId(x) = key
    AND (x.validFrom IS NULL OR x.validFrom <= $asOf) AND (x.validTo IS NULL OR x.validTo >= $asOf)
  CALL (x) {
    MATCH (x)<-[r]-(n) WHERE type(r) IN $forward
    RETURN r, n
    UNION ALL
    MATCH (x)-[r]->(n) WHERE type(r) IN $backward
    RETURN r, n
  }
  WITH key, r, n
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  RETURN elementId(n) AS from, elementId(r) AS rel, key AS to, n AS reached, false AS outward
}
RETURN collect([from, rel, to, reached.id, COUNT { (reached)--() }, outward]) AS steps
