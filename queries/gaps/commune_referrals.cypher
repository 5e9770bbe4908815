// Communes of a CRI's territory that referred fewer than $threshold people to it in $year. The territory is
// the communes its reception offices serve plus the communes (level $level) inside the territories it covers;
// referrals are the REFERS_TO counts of $year from organisations located in the commune to one of the
// CRI's offices or to the CRI itself. Fewest first. The referrals are read once, from the CRI and its offices,
// then counted per commune (never by expanding every organisation located in the CRI's territory).
// params: $criId, $year, $threshold, $level
// Provenance: each referrer's REFERS_TO relationships counted; for the commune, the links that put it in the
// CRI's territory (SERVES of the CRI's offices, COVERS of the CRI).
// returns: commune, referrals, referrers, offices, provenance
// mode: read
MATCH (cri:Organisation {id: $criId})
CALL (cri) {
  CALL (cri) {
    MATCH (o:Organisation)-[ref:REFERS_TO {year: $year}]->(cri)
    RETURN o, ref
    UNION
    MATCH (cri)-[:RUNS]->()<-[ref:REFERS_TO {year: $year}]-(o:Organisation)
    RETURN o, ref
  }
  MATCH (o)-[:LOCATED_IN]->(place:Territory)
  RETURN collect({place: place, o: o, ref: ref}) AS received
}
// The communes of the CRI's territory, each with the offices that serve it and the links that put it there, all
// read from the CRI's side (a commune may be served by many offices of other CRIs: never expanded from it).
CALL (cri) {
  CALL (cri) {
    MATCH (cri)-[:RUNS]->(office:ReceptionOffice)-[link:SERVES]->(commune:Territory)
    RETURN commune, office, link
    UNION
    MATCH (cri)-[link:COVERS]->(:Territory)<-[:PART_OF*0..5]-(commune:Territory {level: $level})
    RETURN commune, null AS office, link
  }
  RETURN commune, collect(DISTINCT office) AS servedBy,
         collect(DISTINCT {source: link.source, locator: link.locator, confidence: link.confidence}) AS provenance
}
CALL (commune, received) {
  UNWIND received AS r
  WITH r
  WHERE r.place = commune
  WITH r.o AS o, sum(r.ref.count) AS sent,
       collect({source: r.ref.source, locator: r.ref.locator, confidence: r.ref.confidence}) AS provenance
  WHERE sent > 0
  RETURN sum(sent) AS referrals,
         collect({organisation: {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind},
                  count: sent, provenance: provenance}) AS referrers
}
WITH commune, servedBy, provenance, referrals, referrers
WHERE referrals < $threshold
RETURN {id: commune.id, label: 'Territory', name: commune.name, kind: commune.level} AS commune,
       referrals,
       referrers,
       COLLECT {
         UNWIND servedBy AS office
         RETURN {id: office.id, label: 'ReceptionOffice', name: office.name} AS ref ORDER BY ref.name
       } AS offices,
       provenance
ORDER BY referrals, commune.name, commune.id
