// The best candidate partners for an organisation or a platform: organisations that work on at least one
// of $themes and are located in, or cover, $territory (or a place below it — or, less closely, a wider
// territory containing it), with no relationship to the target valid at $asOf (for a platform: not
// already taking part in it). Each candidate gets the value (0 to 1) of every factor of its score —
// themes: share of $themes it works on; territory: 1 inside, 0.5 wider; common_partners: organisations
// tied to both in $meshTypes, full mark at $commonForFull; centrality: its degree in $meshTypes over the
// highest degree among candidates — and the score, their sum weighted by $weights. The $limit best come
// back, by score (rounded to 4 decimals), then name, then id. The target's own relationships are read once
// (the candidates tied to it are left out by that list, not by a search between each candidate and the target).
// params: $id, $themes, $territory, $asOf, $meshTypes, $weights, $commonForFull, $limit
// returns: organisation, sharedThemes, territoryFit, commonPartners, degree, mostConnected, values, score
// mode: read
MATCH (target:Entity {id: $id})
OPTIONAL MATCH (place:Territory {id: $territory})
CALL (place) {
  OPTIONAL MATCH (place)<-[:PART_OF*0..4]-(t:Territory)
  RETURN collect(DISTINCT t) AS inside
}
CALL (place) {
  OPTIONAL MATCH (place)-[:PART_OF*1..4]->(t:Territory)
  RETURN collect(DISTINCT t) AS wider
}
CALL (target) {
  OPTIONAL MATCH (target)-[r]-(x)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  RETURN collect(DISTINCT CASE WHEN x:Organisation AND type(r) IN $meshTypes THEN x END) AS targetPartners,
         collect(DISTINCT x) AS tied
}
MATCH (c:Organisation)-[:WORKS_ON]->(theme:Theme)
WHERE theme.id IN $themes AND c <> target
WITH place, inside, wider, targetPartners, tied, c,
     collect(DISTINCT {id: theme.id, name: theme.name}) AS sharedThemes
WITH targetPartners, tied, c, sharedThemes,
     CASE WHEN place IS NULL OR exists { (c)-[:LOCATED_IN|COVERS]->(t) WHERE t IN inside } THEN 'inside'
          WHEN exists { (c)-[:COVERS]->(t) WHERE t IN wider } THEN 'wider' END AS territoryFit
WHERE territoryFit IS NOT NULL
WITH targetPartners, tied, c, sharedThemes, territoryFit
WHERE NOT c IN tied
CALL (c, targetPartners) {
  OPTIONAL MATCH (c)-[r]-(x)
  WHERE type(r) IN $meshTypes
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  WITH count(r) AS degree, collect(DISTINCT x) AS neighbours
  RETURN degree, [x IN neighbours WHERE x IN targetPartners] AS common
}
WITH collect({c: c, sharedThemes: sharedThemes, territoryFit: territoryFit, common: common, degree: degree})
       AS candidates
WITH candidates, reduce(most = 0, k IN candidates | CASE WHEN k.degree > most THEN k.degree ELSE most END)
       AS mostConnected
UNWIND candidates AS k
WITH k, mostConnected, {
       themes: toFloat(size(k.sharedThemes)) / size($themes),
       territory: CASE k.territoryFit WHEN 'inside' THEN 1.0 ELSE 0.5 END,
       common_partners: CASE WHEN size(k.common) >= $commonForFull THEN 1.0
                             ELSE toFloat(size(k.common)) / $commonForFull END,
       centrality: CASE WHEN mostConnected = 0 THEN 0.0 ELSE toFloat(k.degree) / mostConnected END
     } AS values
WITH k, mostConnected, values,
     round(values.themes * $weights.themes + values.territory * $weights.territory
           + values.common_partners * $weights.common_partners + values.centrality * $weights.centrality, 4) AS score
ORDER BY score DESC, toLower(coalesce(k.c.name, k.c.acronym, '')), k.c.id
LIMIT $limit
RETURN {id: k.c.id, label: 'Organisation', name: coalesce(k.c.name, k.c.acronym), kind: k.c.kind} AS organisation,
       k.sharedThemes AS sharedThemes, k.territoryFit AS territoryFit,
       [x IN k.common | {id: x.id, label: 'Organisation', name: coalesce(x.name, x.acronym), kind: x.kind}]
         AS commonPartners,
       k.degree AS degree, mostConnected, values, score
