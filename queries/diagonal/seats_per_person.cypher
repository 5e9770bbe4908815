// People exercising at least $threshold mandates valid at $asOf (as titulaire or suppléant), most first,
// with the bodies and the holding organisations.
// params: $asOf, $threshold
// returns: person, seats, roles, bodies, holders
// mode: read
MATCH (p:Person)-[e:EXERCISES]->(m:Mandate)-[:SEAT_IN]->(b:Body)
WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
MATCH (holder:Organisation)-[:HOLDS]->(m)
WITH p, count(DISTINCT m) AS seats, collect(e.role) AS roles, collect(DISTINCT b) AS bodies,
     collect(DISTINCT holder) AS holders
WHERE seats >= $threshold
RETURN {id: p.id, label: 'Person', name: p.name} AS person,
       seats,
       roles,
       [b IN bodies | {id: b.id, label: 'Body', name: b.name, kind: b.kind}] AS bodies,
       [o IN holders | {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind}] AS holders
ORDER BY seats DESC, p.name, p.id
