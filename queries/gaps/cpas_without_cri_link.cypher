// CPAS (organisations of kind $cpasKind) with no direct relationship valid at $asOf, in either direction, with
// the CRI of their territory: a CRI (kind $criKind) whose reception office serves the territory the CPAS is
// located in, or which covers a territory containing it. A referral to one of the CRI's offices counts as a
// link. $criId (or null) keeps one CRI. Platforms where both take part are listed as indirect ties.
// params: $cpasKind, $criKind, $criId, $asOf
// returns: cpas, place, cri, sharedPlatforms
// mode: read
CALL () {
  MATCH (cri:Organisation {id: $criId}) WHERE cri.kind = $criKind RETURN cri
  UNION
  MATCH (cri:Organisation {kind: $criKind}) WHERE $criId IS NULL RETURN cri
}
CALL (cri) {
  MATCH (cri)-[:RUNS]->(:ReceptionOffice)-[:SERVES]->(place:Territory)
  RETURN place
  UNION
  MATCH (cri)-[:COVERS]->(:Territory)<-[:PART_OF*0..5]-(place:Territory)
  RETURN place
}
CALL (place) {
  MATCH (cpas:Organisation)-[:LOCATED_IN]->(place)
  WHERE cpas.kind = $cpasKind
  RETURN cpas
}
WITH cpas, place, cri
WHERE NOT EXISTS {
    MATCH (cpas)-[r]-(cri)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  }
  AND NOT EXISTS {
    MATCH (cpas)-[:REFERS_TO]->(office:ReceptionOffice)
    WHERE EXISTS { (office)<-[:RUNS]-(cri) }
  }
RETURN {id: cpas.id, label: 'Organisation', name: coalesce(cpas.name, cpas.acronym), kind: cpas.kind} AS cpas,
       {id: place.id, label: 'Territory', name: place.name, kind: place.level} AS place,
       {id: cri.id, label: 'Organisation', name: coalesce(cri.name, cri.acronym), kind: cri.kind} AS cri,
       COLLECT {
         MATCH (cpas)-[a:PARTICIPATES_IN]->(platform:Platform)
         WHERE (a.validFrom IS NULL OR a.validFrom <= $asOf) AND (a.validTo IS NULL OR a.validTo >= $asOf)
           AND EXISTS {
             (platform)<-[b:PARTICIPATES_IN]-(cri)
             WHERE (b.validFrom IS NULL OR b.validFrom <= $asOf) AND (b.validTo IS NULL OR b.validTo >= $asOf)
           }
         RETURN DISTINCT {id: platform.id, label: 'Platform', name: platform.name, kind: platform.kind} AS ref
         ORDER BY ref.name
       } AS sharedPlatforms
ORDER BY cri.name, place.name, cpas.name, cpas.id
