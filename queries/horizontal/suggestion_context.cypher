// Everything a partner search from the suggestion index reads of the graph, in one transaction with the
// graph's version (the index answers only when it was built at that version; the rest is in the index, see
// queries/suggestion_index.py): what target_profile reads of the target (its labels, themes and territories,
// the requested territory $territory) and whether $theme is a theme, the ids of the nodes tied to the target
// at $asOf, and the organisations tied (in $meshTypes, at $asOf) to partners of the target with those
// partners — with the same patterns as target_profile and suggestion_candidates. No row: no such target.
// params: $id, $theme, $territory, $asOf, $meshTypes
// returns: epoch, version, labels, themes, territories, requested, themeFound, tied, commons
// mode: read
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
MATCH (target:Entity {id: $id})
OPTIONAL MATCH (requested:Territory {id: $territory})
OPTIONAL MATCH (theme:Theme {id: $theme})
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
RETURN v.epoch AS epoch, coalesce(v.version, 0) AS version,
       [l IN labels(target) WHERE l <> 'Entity'] AS labels,
       [(target)-[:WORKS_ON|HAS_THEME]->(t:Theme) | t.id] AS themes,
       [(target)-[:LOCATED_IN|COVERS]->(p:Territory) | {id: p.id, name: p.name, level: p.level}] AS territories,
       CASE WHEN requested IS NULL THEN NULL ELSE {id: requested.id, name: requested.name} END AS requested,
       theme IS NOT NULL AS themeFound, tied, commons
