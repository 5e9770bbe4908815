// The ties of the horizontal mesh valid at $asOf from each organisation of $ids to other organisations:
// a direct relationship of $directTypes (either direction), a platform both take part in, or a reception
// office one refers people to and the other runs. Each tie is a path of one or two relationships that
// starts at the organisation and ends at its partner; every relationship must be valid at $asOf.
// params: $ids, $directTypes, $asOf
// returns: origin, partner, nodes, relationships
// mode: read
UNWIND $ids AS originId
MATCH (o:Organisation {id: originId})
CALL (o) {
  MATCH p = (o)-[r]-(partner:Organisation)
  WHERE type(r) IN $directTypes AND partner <> o
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  RETURN p, partner
  UNION
  MATCH p = (o)-[r1:PARTICIPATES_IN]->(platform:Platform)<-[r2:PARTICIPATES_IN]-(partner:Organisation)
  WHERE partner <> o
    AND (r1.validFrom IS NULL OR r1.validFrom <= $asOf) AND (r1.validTo IS NULL OR r1.validTo >= $asOf)
    AND (r2.validFrom IS NULL OR r2.validFrom <= $asOf) AND (r2.validTo IS NULL OR r2.validTo >= $asOf)
  RETURN p, partner
  UNION
  MATCH p = (o)-[:REFERS_TO]->(:ReceptionOffice)<-[:RUNS]-(partner:Organisation)
  WHERE partner <> o
  RETURN p, partner
  UNION
  MATCH p = (o)-[:RUNS]->(:ReceptionOffice)<-[:REFERS_TO]-(partner:Organisation)
  WHERE partner <> o
  RETURN p, partner
}
RETURN o.id AS origin,
       {id: partner.id, label: 'Organisation', name: coalesce(partner.name, partner.acronym), kind: partner.kind,
        sector: partner.sector, ring: partner.ring} AS partner,
       [node IN nodes(p) | {
         id: node.id,
         label: head([l IN labels(node) WHERE l <> 'Entity']),
         name: coalesce(node.name, node.title, node.acronym),
         kind: node.kind
       }] AS nodes,
       [rel IN relationships(p) | {
         type: type(rel), source: startNode(rel).id, target: endNode(rel).id, properties: properties(rel)
       }] AS relationships
