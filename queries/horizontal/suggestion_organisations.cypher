// What partner suggestions need of each organisation of $ids, whoever the target (read in batches once per
// graph version and day by queries/suggestion_index.py): how it is shown, the territories it is located in
// and those it covers, and its degree at $asOf — relationships of the mesh types valid at that date, either
// direction, the same count as suggestion_candidates (which names the same types, for the same reason).
// params: $ids, $asOf
// returns: id, name, kind, located, covers, degree
// mode: read
UNWIND $ids AS id
MATCH (c:Organisation {id: id})
RETURN c.id AS id, coalesce(c.name, c.acronym) AS name, c.kind AS kind,
       [(c)-[:LOCATED_IN]->(p:Territory) | p.id] AS located,
       [(c)-[:COVERS]->(p:Territory) | p.id] AS covers,
       COUNT {
         (c)-[r:ACCOMPANIES|COORDINATES|MEMBER_OF|PARTICIPATES_IN|PARTNER_OF|REFERS_TO]-()
         WHERE (r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validTo IS NULL OR r.validTo >= $asOf)
       } AS degree
