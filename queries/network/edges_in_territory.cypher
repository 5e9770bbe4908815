// The edges of the chosen mesh layers valid at $asOf around one territory, with both endpoints, for the network
// view: an edge is kept when one endpoint lies in $territory or below it (located in, covering or serving it),
// or is a mandate held by such an organisation. Read by expansion from those endpoints only. People are never
// part of it (personal data); a mandate counts only while it is valid. Ordered by source, type, target, cut at
// $limit. Each endpoint carries its province, as in network.edges. The whole graph is network.edges.
// params: $types, $asOf, $territory, $limit, $provinceLevel
// returns: source, target, type, properties
// mode: read
MATCH (:Territory {id: $territory})<-[:PART_OF*0..4]-(:Territory)<-[:LOCATED_IN|COVERS|SERVES]-(x)
WITH DISTINCT x
CALL (x) {
  MATCH (x)-[r]-()
  WHERE type(r) IN $types
  RETURN r
  UNION
  MATCH (x)-[:HOLDS]->(:Mandate)-[r]-()
  WHERE type(r) IN $types
  RETURN r
}
WITH DISTINCT r
WITH startNode(r) AS a, r, endNode(r) AS b
WHERE NOT a:Person AND NOT b:Person
  AND (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
  AND all(m IN [a, b] WHERE NOT m:Mandate
      OR ((m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)))
WITH a, r, b
ORDER BY a.id, type(r), b.id
LIMIT $limit
RETURN {id: a.id, label: head([l IN labels(a) WHERE l <> 'Entity']), name: coalesce(a.name, a.title, a.acronym),
        kind: a.kind, sector: a.sector,
        province: coalesce(
          head([(a)-[:PART_OF*0..4]->(p:Territory {level: $provinceLevel}) | p.name]),
          head([(a)-[:LOCATED_IN|COVERS|SERVES]->(:Territory)-[:PART_OF*0..4]->(p:Territory {level: $provinceLevel}) | p.name]))} AS source,
       {id: b.id, label: head([l IN labels(b) WHERE l <> 'Entity']), name: coalesce(b.name, b.title, b.acronym),
        kind: b.kind, sector: b.sector,
        province: coalesce(
          head([(b)-[:PART_OF*0..4]->(p:Territory {level: $provinceLevel}) | p.name]),
          head([(b)-[:LOCATED_IN|COVERS|SERVES]->(:Territory)-[:PART_OF*0..4]->(p:Territory {level: $provinceLevel}) | p.name]))} AS target,
       type(r) AS type,
       properties(r) AS properties
