// The edges of the chosen mesh layers valid at $asOf, with both endpoints, for the network view.
// People are never part of it (personal data). A mandate counts only while it is valid. Each endpoint carries
// the province it lies in (through the territory it is located in, covers or serves), for grouping. The whole
// graph, cut at $limit; around one territory is network.edges_in_territory.
// params: $types, $asOf, $limit, $provinceLevel
// returns: source, target, type, properties
// mode: read
MATCH (a)-[r]->(b)
WHERE type(r) IN $types
  AND NOT a:Person AND NOT b:Person
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
