// The start of the bidirectional search of access paths (queries/diagonal.py paths_between), in one round trip:
// each of the $sources and $targets ids naming an entity, with its key (element id), its degree and its first
// layer: the steps leaving a source, the steps entering a target valid at $asOf (as in access_layers.cypher),
// each with the key, id and degree of the node it reaches.
// params: $sources, $targets, $forward, $backward, $asOf
// returns: id, key, degree, outward, steps
// mode: read
CALL () {
  UNWIND $sources AS id
  MATCH (x:Entity {id: id})
  OPTIONAL CALL (x) {
    CALL (x) {
      MATCH (x)-[r]->(n) WHERE type(r) IN $forward
      RETURN r, n
      UNION ALL
      MATCH (x)<-[r]-(n) WHERE type(r) IN $backward
      RETURN r, n
    }
    WITH r, n
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
      AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
    RETURN r, n
  }
  RETURN id, x, true AS outward, r, n
  UNION ALL
  UNWIND $targets AS id
  MATCH (x:Entity {id: id})
  OPTIONAL CALL (x) {
    WITH x WHERE (x.validFrom IS NULL OR x.validFrom <= $asOf) AND (x.validTo IS NULL OR x.validTo >= $asOf)
    CALL (x) {
      MATCH (x)<-[r]-(n) WHERE type(r) IN $forward
      RETURN r, n
      UNION ALL
      MATCH (x)-[r]->(n) WHERE type(r) IN $backward
      RETURN r, n
    }
    WITH r, n
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    RETURN r, n
  }
  RETURN id, x, false AS outward, r, n
}
WITH id, x, outward,
     collect(CASE WHEN r IS NOT NULL THEN {rel: elementId(r), node: elementId(n), id: n.id, degree: COUNT { (n)--() }}
             END) AS steps
RETURN id, elementId(x) AS key, COUNT { (x)--() } AS degree, outward, steps
