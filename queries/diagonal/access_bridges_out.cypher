// The access steps from the nodes $keys to the nodes $into (element ids) at $asOf: where the forward and the
// backward layers of the access-path search (queries/diagonal.py paths_between) meet, read from the forward
// side (the cheaper one to expand). Steps as in access_layers.cypher; only those entering a node of $into come
// back, in one row: [node left, relationship, node entered] each.
// params: $keys, $into, $forward, $backward, $asOf
// returns: steps
// mode: read
UNWIND $keys AS key
MATCH (x) WHERE elementId(x) = key
CALL (x) {
  MATCH (x)-[r]->(n) WHERE type(r) IN $forward
  RETURN r, n
  UNION ALL
  MATCH (x)<-[r]-(n) WHERE type(r) IN $backward
  RETURN r, n
}
WITH key, r, n
WHERE elementId(n) IN $into
WITH key, r, n
WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
RETURN collect([key, elementId(r), elementId(n)]) AS steps
