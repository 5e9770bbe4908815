// One page of the organisations whose kind is one of $kinds (or null) and whose sector is one of $sectors (or
// null), in id order ($sortKey 'id') or name order, $descending: the organisations of those kinds (or, without
// kinds, of those sectors) are read from the kind or sector index and the page is the first $limit after the
// key $after (null: first page). The name order with kinds or sectors is page_by_kind and page_by_sector.
// params: $kinds, $sectors, $sortKey, $descending, $after, $limit
// returns: total, items
// mode: read
CALL () {
  UNWIND coalesce($kinds, []) AS kind
  MATCH (n:Organisation {kind: kind})
  WHERE $sectors IS NULL OR n.sector IN $sectors
  RETURN n
  UNION
  UNWIND CASE WHEN $kinds IS NULL THEN $sectors ELSE [] END AS sector
  MATCH (n:Organisation {sector: sector})
  RETURN n
}
WITH collect(n) AS matched
RETURN size(matched) AS total, COLLECT {
  UNWIND matched AS n
  WITH n, CASE $sortKey WHEN 'id' THEN n.idKey ELSE n.sortKey END AS key
  WHERE $after IS NULL OR CASE WHEN $descending THEN key < $after ELSE key > $after END
  WITH n, key
  ORDER BY CASE WHEN $descending THEN null ELSE key END, CASE WHEN $descending THEN key END DESC
  LIMIT $limit
  RETURN {key: key, id: n.id, label: head([l IN labels(n) WHERE l <> 'Entity']), properties: properties(n)} AS item
} AS items
