// One page of the entities of a label, filtered and sorted, with the total count of matches.
// Filters (each null to ignore): $kinds (kind values), $sectors (sector values), $theme (a theme id the
// entity works on or is about), $territory (a territory id the entity is located in, covers or serves,
// directly or below), $platform (a platform the organisation takes part in or coordinates), $body (a body
// the organisation sits in or holds a seat in), $text (folded substring of name or acronym).
// Sorted by $sortKey ('name' or 'id'), $descending; $skip and $limit give the page.
// params: $label, $kinds, $sectors, $theme, $territory, $platform, $body, $text, $sortKey, $descending, $skip, $limit
// returns: total, items
// mode: read
MATCH (n:$($label))
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($sectors IS NULL OR n.sector IN $sectors)
  AND ($theme IS NULL OR exists { (n)-[:WORKS_ON|HAS_THEME]->(:Theme {id: $theme}) })
  AND ($territory IS NULL OR exists {
        (n)-[:LOCATED_IN|COVERS|SERVES]->(:Territory)-[:PART_OF*0..4]->(:Territory {id: $territory}) }
      OR n.id = $territory)
  AND ($platform IS NULL OR exists { (n)-[:PARTICIPATES_IN|COORDINATES]->(:Platform {id: $platform}) })
  AND ($body IS NULL OR exists { (n)-[:SITS_IN]->(:Body {id: $body}) }
      OR exists { (n)-[:HOLDS]->(:Mandate)-[:SEAT_IN]->(:Body {id: $body}) })
  AND ($text IS NULL OR toLower(coalesce(n.name, n.title, '')) CONTAINS $text
      OR toLower(coalesce(n.acronym, '')) CONTAINS $text)
WITH n, CASE $sortKey WHEN 'id' THEN n.id ELSE toLower(coalesce(n.name, n.title, n.id)) END AS key
ORDER BY key, n.id
WITH collect(n) AS matched
WITH size(matched) AS total, CASE WHEN $descending THEN reverse(matched) ELSE matched END AS ordered
RETURN total,
       [n IN ordered[$skip..($skip + $limit)] |
         {id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)}] AS items
