// One page of the CPAS (organisations of kind $cpasKind) with no direct relationship valid at $asOf, in either
// direction, with one CRI ($criId, of kind $criKind): CPAS located in a territory its reception offices serve
// or inside a territory it covers. A referral to one of its offices counts as a link. The linked organisations
// (those tied to the CRI at $asOf, and those who refer people to its offices) are read once, from the CRI,
// never from each CPAS. Platforms where both take part are listed as indirect ties.
// Rows in (place, CPAS) sort-key order; the page starts strictly after the row key $after (null: first page)
// and holds at most $limit rows.
// The page is read place by place in sort-key order, stopping once it is full: a row's key is the place's
// sortKey, U+001E, then the CPAS's, and a sortKey holds U+001E only after its label and U+001F only before its
// id (graph/folding.py; names hold no control character, ids none below '-'), so every key of a place sorts
// before every key of the next place, and a place holds a key after $after only if its sortKey + U+001E sorts
// after $after or begins it. Only the organisations located in the places the page reaches are read.
// One row always: found (false when $criId names no CRI), rows (each with its key, the next page's cursor).
// params: $cpasKind, $criKind, $criId, $asOf, $after, $limit
// returns: found, rows
// mode: read
OPTIONAL MATCH (cri:Organisation {id: $criId})
WHERE cri.kind = $criKind
CALL (cri) {
  WITH cri,
       [(cri)-[r]-(x)
        WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf) | x]
       + [(cri)-[:RUNS]->(:ReceptionOffice)<-[:REFERS_TO]-(referrer) | referrer] AS linked
  CALL (cri) {
    MATCH (cri)-[:RUNS]->(:ReceptionOffice)-[:SERVES]->(place:Territory)
    RETURN place
    UNION
    MATCH (cri)-[:COVERS]->(:Territory)<-[:PART_OF*0..5]-(place:Territory)
    RETURN place
  }
  WITH cri, linked, place, place.sortKey + '\u001e' AS prefix
  WHERE $after IS NULL OR prefix > $after OR $after STARTS WITH prefix
  WITH cri, linked, place, prefix
  ORDER BY prefix
  CALL (linked, place, prefix) {
    MATCH (cpas:Organisation)-[:LOCATED_IN]->(place)
    WHERE cpas.kind = $cpasKind AND NOT cpas IN linked
    WITH cpas, prefix + cpas.sortKey AS key
    WHERE $after IS NULL OR key > $after
    RETURN cpas, key
    ORDER BY key
    LIMIT $limit
  }
  WITH cri, cpas, place, key
  LIMIT $limit
  WITH cri, cpas, place, key
  ORDER BY key
  RETURN collect({
    key: key,
    cpas: {id: cpas.id, label: 'Organisation', name: coalesce(cpas.name, cpas.acronym), kind: cpas.kind},
    place: {id: place.id, label: 'Territory', name: place.name, kind: place.level},
    cri: {id: cri.id, label: 'Organisation', name: coalesce(cri.name, cri.acronym), kind: cri.kind},
    sharedPlatforms: COLLECT {
      MATCH (cpas)-[a:PARTICIPATES_IN]->(platform:Platform)
      WHERE (a.validFrom IS NULL OR a.validFrom <= $asOf) AND (a.validTo IS NULL OR a.validTo >= $asOf)
        AND EXISTS {
          (platform)<-[b:PARTICIPATES_IN]-(cri)
          WHERE (b.validFrom IS NULL OR b.validFrom <= $asOf) AND (b.validTo IS NULL OR b.validTo >= $asOf)
        }
      RETURN DISTINCT {id: platform.id, label: 'Platform', name: platform.name, kind: platform.kind} AS ref
      ORDER BY ref.name
    }
  }) AS rows
}
RETURN cri IS NOT NULL AS found, rows
