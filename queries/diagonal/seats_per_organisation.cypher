// Organisations holding at least $threshold mandates valid at $asOf, most first, with the bodies.
// params: $asOf, $threshold
// returns: organisation, seats, bodies
// mode: read
MATCH (o:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)
WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
WITH o, count(DISTINCT m) AS seats, collect(DISTINCT b) AS bodies
WHERE seats >= $threshold
RETURN {id: o.id, label: 'Organisation', name: coalesce(o.name, o.acronym), kind: o.kind} AS organisation,
       seats,
       [b IN bodies | {id: b.id, label: 'Body', name: b.name, kind: b.kind}] AS bodies
ORDER BY seats DESC, o.name, o.id
