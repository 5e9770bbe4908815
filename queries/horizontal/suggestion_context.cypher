// What a partner search from the suggestion index reads of the graph, all of it depending on the target (the
// rest is in the index, see queries/suggestion_index.py), in one transaction with the graph's version (the
// index answers only when it was built at that version): the territories inside $territory (itself and the
// places below it) and those wider (containing it), the ids of the nodes tied to the target at $asOf, the
// organisations tied (in $meshTypes, at $asOf) to partners of the target with those partners, and the names
// of $themes. The same reads, with the same patterns, as suggestion_candidates.
// params: $id, $territory, $themes, $asOf, $meshTypes
// returns: epoch, version, placed, inside, wider, tied, commons, themes
// mode: read
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
MATCH (target:Entity {id: $id})
OPTIONAL MATCH (place:Territory {id: $territory})
CALL (place) {
  OPTIONAL MATCH (place)<-[:PART_OF*0..4]-(t:Territory)
  RETURN collect(DISTINCT t.id) AS inside
}
CALL (place) {
  OPTIONAL MATCH (place)-[:PART_OF*1..4]->(t:Territory)
  RETURN collect(DISTINCT t.id) AS wider
}
CALL (target) {
  OPTIONAL MATCH (target)-[r]-(x)
  WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  RETURN collect(DISTINCT CASE WHEN x:Organisation AND type(r) IN $meshTypes THEN x END) AS targetPartners,
         collect(DISTINCT x.id) AS tied
}
CALL (targetPartners) {
  UNWIND targetPartners AS partner
  MATCH (partner)-[r]-(near:Organisation)
  WHERE type(r) IN $meshTypes
    AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  WITH near, collect(DISTINCT partner) AS common
  RETURN collect({id: near.id, common: [p IN common |
           {id: p.id, label: 'Organisation', name: coalesce(p.name, p.acronym), kind: p.kind}]}) AS commons
}
CALL () {
  UNWIND $themes AS themeId
  MATCH (theme:Theme {id: themeId})
  RETURN collect(DISTINCT {id: theme.id, name: theme.name}) AS themes
}
RETURN v.epoch AS epoch, coalesce(v.version, 0) AS version, place IS NOT NULL AS placed, inside, wider, tied,
       commons, themes
