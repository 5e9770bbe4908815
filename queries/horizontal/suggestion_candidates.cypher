// Candidate partners for an organisation or a platform: organisations that work on at least one of
// $themes and are located in, or cover, $territory (or a place below it — or, less closely, a wider
// territory containing it), with no relationship to the target valid at $asOf (for a platform: not
// already taking part in it). For each: the shared themes, how closely it fits the territory ('inside'
// or 'wider'), the partners it shares with the target and its degree in the horizontal and vertical meshes.
// params: $id, $themes, $territory, $asOf, $meshTypes
// returns: organisation, sharedThemes, territoryFit, commonPartners, degree
// mode: read
MATCH (target:Entity {id: $id})
MATCH (c:Organisation)-[:WORKS_ON]->(theme:Theme)
WHERE theme.id IN $themes AND c <> target
WITH target, c, collect(DISTINCT {id: theme.id, name: theme.name}) AS sharedThemes
CALL (c) {
  OPTIONAL MATCH (c)-[:LOCATED_IN|COVERS]->(:Territory)-[:PART_OF*0..4]->(inside:Territory {id: $territory})
  OPTIONAL MATCH (c)-[:COVERS]->(wide:Territory)<-[:PART_OF*1..4]-(:Territory {id: $territory})
  RETURN CASE WHEN $territory IS NULL OR inside IS NOT NULL THEN 'inside'
              WHEN wide IS NOT NULL THEN 'wider' END AS territoryFit
  ORDER BY territoryFit LIMIT 1
}
WITH target, c, sharedThemes, territoryFit
WHERE territoryFit IS NOT NULL
  AND NOT exists {
    (c)-[r]-(target)
    WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  }
CALL (c, target) {
  OPTIONAL MATCH (c)-[r1]-(x:Organisation)-[r2]-(target)
  WHERE type(r1) IN $meshTypes AND type(r2) IN $meshTypes AND x <> c AND x <> target
    AND (r1.validFrom IS NULL OR r1.validFrom <= $asOf) AND (r1.validTo IS NULL OR r1.validTo >= $asOf)
    AND (r2.validFrom IS NULL OR r2.validFrom <= $asOf) AND (r2.validTo IS NULL OR r2.validTo >= $asOf)
  WITH DISTINCT x WHERE x IS NOT NULL
  ORDER BY x.id
  RETURN collect({id: x.id, label: 'Organisation', name: coalesce(x.name, x.acronym), kind: x.kind}) AS commonPartners
}
CALL (c) {
  OPTIONAL MATCH (c)-[r]-()
  WHERE type(r) IN $meshTypes
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  RETURN count(r) AS degree
}
RETURN {id: c.id, label: 'Organisation', name: coalesce(c.name, c.acronym), kind: c.kind} AS organisation,
       sharedThemes, territoryFit, commonPartners, degree
