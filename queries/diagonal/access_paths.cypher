// The straightforward search of access paths (queries/access.py searched): per pair of entities, the shortest
// walks through the channels of influence valid at $asOf, up to $depth relationships (1 to 6). A step walks a
// relationship from its start node to its end node only when its type is in $forward, and from its end node back
// to its start node only when its type is in $backward (the directions in which each type carries influence,
// graph/model.py INFLUENCE); every relationship and node on the path (dated relationships, Mandate nodes) must
// be valid at $asOf; endpoints are not revisited. Per pair, the 40 shortest walks of at most $depth relationships
// are searched (`walks` says how many were found: 40 means the search was cut there; which walks of the last
// length kept are kept is then the database's choice) and paths with a repeated node are dropped; the $k best
// paths come back, shortest first, then by the ids along them, as the keys (element ids) of their nodes and
// relationships. The depth is a bound of the search itself (one branch per depth: a quantifier takes no
// parameter). The bidirectional search of queries/access.py gives the same answers (deciding by ids where this
// leaves the choice to the database); this query stays as its reference, for the tests and the equality bench.
// params: $pairs, $forward, $backward, $asOf, $k, $depth
// returns: source, target, walks, paths
// mode: read
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair.source})
MATCH (z:Entity {id: pair.target})
CALL (a, z) {
  CALL (a, z) {
    WITH a, z WHERE $depth = 1
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,1}
      (z)
    RETURN p
    UNION ALL
    WITH a, z WHERE $depth = 2
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,2}
      (z)
    RETURN p
    UNION ALL
    WITH a, z WHERE $depth = 3
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,3}
      (z)
    RETURN p
    UNION ALL
    WITH a, z WHERE $depth = 4
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,4}
      (z)
    RETURN p
    UNION ALL
    WITH a, z WHERE $depth = 5
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,5}
      (z)
    RETURN p
    UNION ALL
    WITH a, z WHERE $depth = 6
    MATCH p = SHORTEST 40 (a)
      ((x)-[r]-(n)
       WHERE x <> z AND n <> a
         AND ((startNode(r) = x AND type(r) IN $forward) OR (endNode(r) = x AND type(r) IN $backward))
         AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
         AND (n.validFrom IS NULL OR n.validFrom <= $asOf) AND (n.validTo IS NULL OR n.validTo >= $asOf)
      ){1,6}
      (z)
    RETURN p
  }
  WITH collect(p) AS walks
  CALL (walks) {
    UNWIND walks AS p
    WITH p, [node IN nodes(p) | node.id] AS ids
    WHERE all(i IN range(0, size(ids) - 2) WHERE NOT ids[i] IN ids[i + 1..])
    ORDER BY length(p), ids
    LIMIT $k
    RETURN collect(p) AS paths
  }
  RETURN size(walks) AS walks, paths
}
RETURN a.id AS source,
       z.id AS target,
       walks,
       [p IN paths | {
         nodes: [node IN nodes(p) | {key: elementId(node), id: node.id}],
         relationships: [rel IN relationships(p) | elementId(rel)]
       }] AS paths
