// Territories of level $level (inside $withinId when given) where no organisation working on theme $themeId
// is located in or covers the territory itself or a territory inside it (a local operator). Each comes
// with the operators of the theme located in or covering a territory containing it (wider coverage: a CRI
// for its whole province); with $includeWider true, a territory that has such an operator is not listed.
// params: $themeId, $level, $withinId, $includeWider
// returns: territory, parent, provenance, parentProvenance, wider
// mode: read
MATCH (t:Territory {level: $level})
WHERE ($withinId IS NULL OR EXISTS { (t)-[:PART_OF*0..5]->(:Territory {id: $withinId}) })
  AND NOT EXISTS {
    MATCH (:Theme {id: $themeId})<-[:WORKS_ON]-(:Organisation)-[:LOCATED_IN|COVERS]->(:Territory)-[:PART_OF*0..5]->(t)
  }
WITH t, COLLECT {
  MATCH (t)-[:PART_OF*1..5]->(up:Territory)<-[link:LOCATED_IN|COVERS]-(o:Organisation)
        -[works:WORKS_ON]->(:Theme {id: $themeId})
  RETURN {
    organisation: {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind},
    territory: {id: up.id, label: 'Territory', name: up.name, kind: up.level},
    link: type(link),
    provenance: {source: link.source, locator: link.locator, confidence: link.confidence},
    themeProvenance: {source: works.source, locator: works.locator, confidence: works.confidence}
  } AS operator
  ORDER BY operator.organisation.name, operator.organisation.id, operator.territory.id, operator.link
} AS wider
WHERE NOT $includeWider OR size(wider) = 0
OPTIONAL MATCH (t)-[part:PART_OF]->(p:Territory)
WITH t, wider, part, p ORDER BY p.id
WITH t, wider, head(collect({part: part, p: p})) AS up
RETURN {id: t.id, label: 'Territory', name: t.name, kind: t.level} AS territory,
       CASE WHEN up.p IS NULL THEN NULL
            ELSE {id: up.p.id, label: 'Territory', name: up.p.name, kind: up.p.level} END AS parent,
       {source: t.source, locator: t.locator, confidence: t.confidence} AS provenance,
       CASE WHEN up.part IS NULL THEN NULL
            ELSE {source: up.part.source, locator: up.part.locator, confidence: up.part.confidence} END
         AS parentProvenance,
       wider
ORDER BY t.name, t.id
