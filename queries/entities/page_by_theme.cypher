// One page of the entities of a label working on or about a theme ($theme): the candidates come from the theme's WORKS_ON and HAS_THEME relationships, the other
// filters are checked on them (each null to ignore: $theme, $territory, $platform, $body ids, $kinds,
// $sectors values). Sorted by $sortKey ('name': the stored sortKey, 'id': the stored idKey), $descending; the page
// starts strictly after the key $after (null: first page) and holds at most $limit items.
// One row always: missing (the id arguments naming nothing of their label), total (all matches), items
// (each with its sort key, the next page's cursor).
// params: $label, $theme, $territory, $platform, $body, $kinds, $sectors, $sortKey, $descending, $after, $limit
// returns: missing, total, items
// mode: read
OPTIONAL MATCH (anchor:Theme {id: $theme})
CALL (anchor) {
  CALL (anchor) {
    MATCH (anchor)<-[:WORKS_ON|HAS_THEME]-(n:$($label))
    RETURN n
  }
  WITH DISTINCT n
  WHERE ($kinds IS NULL OR n.kind IN $kinds)
    AND ($sectors IS NULL OR n.sector IN $sectors)
    AND ($territory IS NULL OR n.id = $territory
         OR EXISTS { (n)-[:LOCATED_IN|COVERS|SERVES]->(:Territory)-[:PART_OF*0..4]->(:Territory {id: $territory}) })
    AND ($platform IS NULL OR EXISTS { (n)-[:PARTICIPATES_IN|COORDINATES]->(:Platform {id: $platform}) })
    AND ($body IS NULL OR EXISTS { (n)-[:SITS_IN]->(:Body {id: $body}) }
         OR EXISTS { (n)-[:HOLDS]->(:Mandate)-[:SEAT_IN]->(:Body {id: $body}) })
  RETURN collect(n) AS matched
}
WITH matched,
     [check IN [{argument: 'theme', id: $theme, label: 'Theme'}, {argument: 'territory', id: $territory, label: 'Territory'},
                {argument: 'platform', id: $platform, label: 'Platform'}, {argument: 'body', id: $body, label: 'Body'}]
      WHERE check.id IS NOT NULL AND NOT EXISTS { MATCH (x:Entity {id: check.id}) WHERE check.label IN labels(x) }
      | check.argument] AS missing
RETURN missing, size(matched) AS total, COLLECT {
  UNWIND matched AS n
  WITH n, CASE $sortKey WHEN 'id' THEN n.idKey ELSE n.sortKey END AS key
  WHERE $after IS NULL OR CASE WHEN $descending THEN key < $after ELSE key > $after END
  WITH n, key
  ORDER BY CASE WHEN $descending THEN null ELSE key END, CASE WHEN $descending THEN key END DESC
  LIMIT $limit
  RETURN {key: key, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
} AS items
