// One page of the CPAS (organisations of kind $cpasKind) with no direct relationship valid at $asOf, in either
// direction, with a CRI of their territory: a CRI (kind $criKind) whose reception office serves the territory
// the CPAS is located in, or which covers a territory containing it (PART_OF, 5 levels at most). A referral
// to one of the CRI's offices counts as a link. Platforms where both take part are listed as indirect ties.
// The whole graph, a page at a time: CPAS are walked in sort-key order on the (kind, sortKey) index from
// $afterCpas (the CPAS of the last row seen, or ''), each with its CRIs, so a page reads only the CPAS it
// shows; rows are in (CPAS, CRI, place) order and start strictly after the row key $after (null: first page).
// params: $cpasKind, $criKind, $asOf, $afterCpas, $after, $limit
// returns: key, cpas, place, cri, sharedPlatforms
// mode: read
MATCH (cpas:Organisation {kind: $cpasKind})
WHERE cpas.sortKey >= $afterCpas
CALL (cpas) {
  MATCH (cpas)-[:LOCATED_IN]->(place:Territory)
  CALL (place) {
    MATCH (place)<-[:SERVES]-(:ReceptionOffice)<-[:RUNS]-(cri:Organisation)
    WHERE cri.kind = $criKind
    RETURN cri
    UNION
    MATCH (place)-[:PART_OF*0..5]->(:Territory)<-[:COVERS]-(cri:Organisation)
    WHERE cri.kind = $criKind
    RETURN cri
  }
  WITH place, cri
  WHERE NOT EXISTS {
      MATCH (cpas)-[r]-(cri)
      WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
    }
    AND NOT EXISTS {
      MATCH (cpas)-[:REFERS_TO]->(office:ReceptionOffice)
      WHERE EXISTS { (office)<-[:RUNS]-(cri) }
    }
  WITH place, cri, cpas.sortKey + '\u001d' + cri.sortKey + '\u001e' + place.sortKey AS key
  WHERE $after IS NULL OR key > $after
  RETURN place, cri, key
  ORDER BY key
}
WITH cpas, place, cri, key
ORDER BY cpas.sortKey, key
LIMIT $limit
RETURN key,
       {id: cpas.id, label: 'Organisation', name: coalesce(cpas.name, cpas.acronym), kind: cpas.kind} AS cpas,
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
