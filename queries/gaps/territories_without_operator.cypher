// Territories of level $level (inside $withinId when given) where no organisation working on theme $themeId
// is located in or covers the territory or a territory inside it, nor, when $includeWider is true, a
// territory containing it (an operator for the whole province serves each of its communes).
// params: $themeId, $level, $withinId, $includeWider
// returns: territory, parent
// mode: read
CALL () {
  OPTIONAL MATCH (:Theme {id: $themeId})<-[:WORKS_ON]-(:Organisation)-[:LOCATED_IN|COVERS]->(place:Territory)
  WITH collect(DISTINCT place) AS places
  CALL (places) {
    UNWIND places AS place
    MATCH (place)-[:PART_OF*0..5]->(up:Territory)
    RETURN up AS served
    UNION
    UNWIND places AS place
    MATCH (place)<-[:PART_OF*1..5]-(down:Territory)
    WHERE $includeWider
    RETURN down AS served
  }
  RETURN collect(DISTINCT served) AS served
}
MATCH (t:Territory {level: $level})
WHERE NOT t IN served
  AND ($withinId IS NULL OR EXISTS { (t)-[:PART_OF*0..5]->(:Territory {id: $withinId}) })
RETURN {id: t.id, label: 'Territory', name: t.name, kind: t.level} AS territory,
       head(COLLECT {
         MATCH (t)-[:PART_OF]->(p:Territory)
         RETURN {id: p.id, label: 'Territory', name: p.name, kind: p.level} AS ref ORDER BY ref.id
       }) AS parent
ORDER BY t.name, t.id
