// One page of the bridge organisations of a sector, with their ties to the other sectors: organisations of
// sector $sector with horizontal ties valid at $asOf to organisations of at least $minSectors of the sectors
// $towards. A tie is a direct relationship of $directTypes (either direction), a platform both take part in,
// or a reception office one refers people to and the other runs (see ties); only ties to partners of a
// sector of $towards are built. Organisations are walked in sort-key order on the (sector, sortKey) index,
// starting strictly after $after ('' for the first page), and the walk stops at the $limit-th bridge: a page
// reads only the organisations up to its last bridge and their own ties, whatever the size of the graph.
// Each tie is a path of one or two relationships from the bridge to its partner, with the partner's sector.
// params: $sector, $towards, $minSectors, $directTypes, $asOf, $after, $limit
// returns: id, key, ties
// mode: read
MATCH (o:Organisation {sector: $sector})
WHERE o.sortKey > $after
WITH o
ORDER BY o.sector, o.sortKey
CALL (o) {
  CALL (o) {
    MATCH p = (o)-[r]-(partner:Organisation)
    WHERE type(r) IN $directTypes AND partner.sector IN $towards AND partner <> o
      AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    RETURN p, partner
    UNION
    MATCH p = (o)-[r1:PARTICIPATES_IN]->(:Platform)<-[r2:PARTICIPATES_IN]-(partner:Organisation)
    WHERE partner.sector IN $towards AND partner <> o
      AND (r1.validFrom IS NULL OR r1.validFrom <= $asOf) AND (r1.validTo IS NULL OR r1.validTo >= $asOf)
      AND (r2.validFrom IS NULL OR r2.validFrom <= $asOf) AND (r2.validTo IS NULL OR r2.validTo >= $asOf)
    RETURN p, partner
    UNION
    MATCH p = (o)-[:REFERS_TO]->(:ReceptionOffice)<-[:RUNS]-(partner:Organisation)
    WHERE partner.sector IN $towards AND partner <> o
    RETURN p, partner
    UNION
    MATCH p = (o)-[:RUNS]->(:ReceptionOffice)<-[:REFERS_TO]-(partner:Organisation)
    WHERE partner.sector IN $towards AND partner <> o
    RETURN p, partner
  }
  RETURN collect({p: p, partner: partner}) AS found, count(DISTINCT partner.sector) AS sectors
}
WITH o, found
WHERE sectors >= $minSectors
ORDER BY o.sector, o.sortKey
LIMIT $limit
RETURN o.id AS id, o.sortKey AS key,
       [tie IN found | {
         partner: {id: tie.partner.id, label: 'Organisation', name: coalesce(tie.partner.name, tie.partner.acronym),
                   kind: tie.partner.kind, sector: tie.partner.sector, ring: tie.partner.ring},
         nodes: [node IN nodes(tie.p) | {
           id: node.id,
           label: head([l IN labels(node) WHERE l <> 'Entity']),
           name: coalesce(node.name, node.title, node.acronym),
           kind: node.kind
         }],
         relationships: [rel IN relationships(tie.p) | {
           type: type(rel), source: startNode(rel).id, target: endNode(rel).id, properties: properties(rel)
         }]
       }] AS ties
