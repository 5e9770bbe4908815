// Territories of level $level (inside $withinId when given) where no organisation working on theme $themeId
// is located in or covers the territory itself or a territory inside it (a local operator), with the
// operators of the theme that may serve them from a territory containing them (wider coverage: a CRI for
// its whole province); with $includeWider true, a territory that has such an operator is not listed.
// The operators of the theme are read once, from the theme (an index seek): one row comes back with
// operators (each operator of the theme whose place, located in or covered, is above a listed territory, in
// (organisation name, organisation id, place id, link) order) and territories (sorted by name then id, each
// with the ids of the territories containing it, `above`): a territory's wider operators are those whose
// place is above it, so the operators of a province are sent once, not once per commune, and the operators
// serving no listed territory are not described at all.
// params: $themeId, $level, $withinId, $includeWider
// returns: operators, territories
// mode: read
OPTIONAL MATCH (theme:Theme {id: $themeId})
CALL (theme) {
  MATCH (theme)<-[works:WORKS_ON]-(o:Organisation)-[link:LOCATED_IN|COVERS]->(up:Territory)
  RETURN collect({works: works, o: o, link: link, up: up, place: up.id}) AS found, collect(DISTINCT up.id) AS places
}
CALL (places) {
  MATCH (t:Territory {level: $level})
  WHERE ($withinId IS NULL OR EXISTS { (t)-[:PART_OF*0..5]->(:Territory {id: $withinId}) })
    AND NOT EXISTS { (t)<-[:PART_OF*0..5]-(inside:Territory) WHERE inside.id IN places }
  WITH t, [(t)-[:PART_OF*1..5]->(up:Territory) WHERE up.id IN places | up.id] AS above
  WHERE NOT $includeWider OR size(above) = 0
  OPTIONAL MATCH (t)-[part:PART_OF]->(p:Territory)
  WITH t, above, part, p ORDER BY p.id
  WITH t, above, head(collect({part: part, p: p})) AS up
  ORDER BY t.name, t.id
  RETURN collect({
    territory: {id: t.id, label: 'Territory', name: t.name, kind: t.level},
    parent: CASE WHEN up.p IS NULL THEN NULL
                 ELSE {id: up.p.id, label: 'Territory', name: up.p.name, kind: up.p.level} END,
    provenance: {source: t.source, locator: t.locator, confidence: t.confidence},
    parentProvenance: CASE WHEN up.part IS NULL THEN NULL
                           ELSE {source: up.part.source, locator: up.part.locator, confidence: up.part.confidence} END,
    above: above
  }) AS territories
}
// Only the operators of a place above a listed territory are described and sent.
WITH found, territories, reduce(served = [], t IN territories | served + t.above) AS served
CALL (found, served) {
  UNWIND found AS f
  WITH f WHERE f.place IN served
  WITH {
    organisation: {id: f.o.id, label: 'Organisation', name: coalesce(f.o.name, f.o.acronym), kind: f.o.kind},
    territory: {id: f.up.id, label: 'Territory', name: f.up.name, kind: f.up.level},
    link: type(f.link),
    provenance: {source: f.link.source, locator: f.link.locator, confidence: f.link.confidence},
    themeProvenance: {source: f.works.source, locator: f.works.locator, confidence: f.works.confidence}
  } AS operator
  ORDER BY operator.organisation.name, operator.organisation.id, operator.territory.id, operator.link
  RETURN collect(operator) AS operators
}
RETURN operators, territories
