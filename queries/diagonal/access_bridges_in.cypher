// The access steps from the nodes $from to the nodes $keys (element ids) at $asOf: where the forward and the
// backward layers of the access-path search (queries/diagonal.py paths_between) meet, read from the backward
// side (the cheaper one to expand). Steps as in access_layers.cypher; only those leaving a node of $from come
// back, in one row: [node left, relationship, node entered] each.
// params: $keys, $from, $forward, $backward, $asOf
// returns: steps
// mode: read
UNWIND $keys AS key
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
WHERE elementId(n) IN $from
WITH key, r, n
WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
RETURN collect([elementId(n), elementId(r), key]) AS steps
