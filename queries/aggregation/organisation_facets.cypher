// The facets of the organisations of a filtered set, one row per organisation, for counting in groups:
// kind, sector, the territory of its seat at $level, the themes it works on, the meshes it has ties in.
// Filters: $kinds and $sectors (lists: every value when the caller gives none, so the kind index is used),
// $theme (a theme id, or null), $territory (a territory id the organisation is located in, covers or
// serves, directly or below, or null). $layerOf maps each relationship type to its mesh.
// params: $kinds, $sectors, $theme, $territory, $level, $layerOf
// returns: kind, sector, territory, territoryName, theme, layer (theme and layer: lists)
// mode: read
MATCH (o:Organisation)
WHERE o.kind IN $kinds AND o.sector IN $sectors
  AND ($theme IS NULL OR exists { (o)-[:WORKS_ON]->(:Theme {id: $theme}) })
  AND ($territory IS NULL OR exists {
        (o)-[:LOCATED_IN|COVERS]->(:Territory)-[:PART_OF*0..4]->(:Territory {id: $territory}) })
WITH o, COLLECT {
       MATCH (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..4]->(t:Territory {level: $level})
       RETURN t LIMIT 1
     } AS seat
RETURN o.kind AS kind,
       o.sector AS sector,
       seat[0].id AS territory,
       seat[0].name AS territoryName,
       COLLECT { MATCH (o)-[:WORKS_ON]->(theme:Theme) RETURN theme.id ORDER BY theme.id } AS theme,
       COLLECT { MATCH (o)-[r]-(:Entity) WITH DISTINCT $layerOf[type(r)] AS layer WHERE layer IS NOT NULL
                 RETURN layer ORDER BY layer } AS layer
