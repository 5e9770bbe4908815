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
// Common partners are read from the target's partners (a bounded expansion), not from every candidate:
// each organisation tied to a partner of the target, with those partners.
CALL (targetPartners) {
  UNWIND targetPartners AS partner
  MATCH (partner)-[r]-(near:Organisation)
  WHERE type(r) IN $meshTypes
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  WITH near, collect(DISTINCT partner) AS common
  RETURN collect(near) AS nearby, collect({near: near, common: common}) AS commons
}
// The candidates: organisations working on $themes, joined (on the organisation) with those located in or
// covering the places inside $territory or covering a wider one; both sides are read from the theme and
// territory nodes, never from each organisation's own relationships. Without a territory, every
// organisation of the themes is inside.
CALL (place, inside, wider, target) {
  WITH place, target WHERE place IS NULL
  MATCH (c:Organisation)-[:WORKS_ON]->(theme:Theme)
  WHERE theme.id IN $themes AND c <> target
  RETURN c, collect(DISTINCT theme) AS sharedThemes, 'inside' AS territoryFit
  UNION
  WITH place, target, [t IN inside | t.id] AS insideIds, [t IN wider | t.id] AS widerIds WHERE place IS NOT NULL
  MATCH (theme:Theme)<-[:WORKS_ON]-(c:Organisation)-[link:LOCATED_IN|COVERS]->(t:Territory)
  USING JOIN ON c
  WHERE theme.id IN $themes AND c <> target AND (t.id IN insideIds OR (t.id IN widerIds AND link:COVERS))
  WITH c, collect(DISTINCT theme) AS sharedThemes, max(CASE WHEN t.id IN insideIds THEN 2 ELSE 1 END) AS fit
  RETURN c, sharedThemes, CASE fit WHEN 2 THEN 'inside' ELSE 'wider' END AS territoryFit
}
WITH targetPartners, tied, nearby, commons, c, sharedThemes, territoryFit
WHERE NOT c IN tied
// Bounds first, exact values only where they can change the answer: the count of a node's relationships of
// the mesh types whatever their dates (`bound`: a typed COUNT without predicate reads the node's own counts,
// no relationship; the types are those of $meshTypes, written out because the degree store is read only for
// types known when the query is planned, checked by tests/test_reference_answers.py) bounds its degree at $asOf.
WITH nearby, commons, c, sharedThemes, territoryFit,
     CASE WHEN c IN nearby THEN head([m IN commons WHERE m.near = c]).common ELSE [] END AS common,
     COUNT { (c)-[:ACCOMPANIES|COORDINATES|MEMBER_OF|PARTICIPATES_IN|PARTNER_OF|REFERS_TO]-() } AS bound,
     toFloat(size(sharedThemes)) / size($themes) * $weights.themes
       + CASE territoryFit WHEN 'inside' THEN 1.0 ELSE 0.5 END * $weights.territory AS base
WITH collect({c: c, sharedThemes: sharedThemes, territoryFit: territoryFit, common: common, bound: bound,
       base: base + CASE WHEN size(common) >= $commonForFull THEN 1.0
                         ELSE toFloat(size(common)) / $commonForFull END * $weights.common_partners}) AS candidates
// The highest degree among candidates (mostConnected): only a candidate whose bound exceeds the highest exact
// degree of the ten best bounded (the floor) can hold a higher one.
CALL (candidates) {
  UNWIND candidates AS k
  WITH k ORDER BY k.bound DESC LIMIT 10
  WITH k.c AS c
  RETURN max(COUNT {
    (c)-[r]-() WHERE type(r) IN $meshTypes
      AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  }) AS floor
}
CALL (candidates, floor) {
  UNWIND candidates AS k
  WITH k.c AS c WHERE k.bound > floor
  RETURN coalesce(max(COUNT {
    (c)-[r]-() WHERE type(r) IN $meshTypes
      AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  }), 0) AS above
}
WITH candidates, CASE WHEN above > floor THEN above ELSE coalesce(floor, 0) END AS mostConnected
// A candidate can be among the $limit best only if its score with its bound for a degree reaches the
// $limit-th best score without any degree: the others are dropped before their relationships are read.
WITH candidates, mostConnected,
     [k IN candidates | {k: k, low: round(k.base, 4),
       high: round(k.base + CASE WHEN mostConnected = 0 THEN 0.0
                         ELSE $weights.centrality * CASE WHEN k.bound > mostConnected THEN 1.0
                                                         ELSE toFloat(k.bound) / mostConnected END END, 4)}]
       AS bounded
CALL (bounded) {
  UNWIND bounded AS b
  WITH b.low AS low ORDER BY low DESC LIMIT $limit
  RETURN min(low) AS threshold
}
// Survivors are then read best bound first: the exact scores of the first $limit give the key (score, name,
// id) of the $limit-th; only a survivor whose bound could still beat that key is read after them.
CALL (bounded, threshold) {
  UNWIND bounded AS b
  WITH b WHERE b.high >= threshold
  WITH b, toLower(coalesce(b.k.c.name, b.k.c.acronym, '')) AS name, b.k.c.id AS id
  ORDER BY b.high DESC, name, id
  RETURN collect({k: b.k, high: b.high, name: name, id: id}) AS survivors
}
CALL (survivors, mostConnected) {
  UNWIND survivors[..$limit] AS s
  WITH s, s.k.c AS c
  WITH s, round(s.k.base + CASE WHEN mostConnected = 0 THEN 0.0
                               ELSE toFloat(COUNT {
                                 (c)-[r:ACCOMPANIES|COORDINATES|MEMBER_OF|PARTICIPATES_IN|PARTNER_OF|REFERS_TO]-()
                                 WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf)
                                   AND (r.validTo IS NULL OR r.validTo >= $asOf)
                               }) / mostConnected END * $weights.centrality, 4) AS score
  ORDER BY score DESC, s.name, s.id
  RETURN last(collect({score: score, name: s.name, id: s.id})) AS kth
}
UNWIND range(0, size(survivors) - 1) AS i
WITH survivors[i] AS s, i, kth, mostConnected
WHERE i < $limit OR s.high > kth.score
   OR (s.high = kth.score AND (s.name < kth.name OR (s.name = kth.name AND s.id < kth.id)))
WITH s.k AS k, s.k.c AS c, mostConnected
WITH {c: c, sharedThemes: k.sharedThemes, territoryFit: k.territoryFit, common: k.common,
      degree: COUNT {
        (c)-[r:ACCOMPANIES|COORDINATES|MEMBER_OF|PARTICIPATES_IN|PARTNER_OF|REFERS_TO]-()
        WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
      }} AS k,
     mostConnected
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
       [id IN $themes WHERE any(t IN k.sharedThemes WHERE t.id = id)
         | head([t IN k.sharedThemes WHERE t.id = id | {id: t.id, name: t.name}])] AS sharedThemes,
       k.territoryFit AS territoryFit,
       [x IN k.common | {id: x.id, label: 'Organisation', name: coalesce(x.name, x.acronym), kind: x.kind}]
         AS commonPartners,
       k.degree AS degree, mostConnected, values, score
