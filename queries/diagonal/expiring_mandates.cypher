// Mandates valid at $asOf whose period ends by $until (inclusive), soonest first.
// params: $asOf, $until
// returns: seat
// mode: read
MATCH (holder:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)
WHERE m.validTo IS NOT NULL
  AND m.validTo >= $asOf AND m.validTo <= $until
  AND (m.validFrom IS NULL OR m.validFrom <= $asOf)
RETURN {
  id: m.id,
  title: m.title,
  seat: m.seat,
  validFrom: m.validFrom,
  validTo: m.validTo,
  provenance: {source: m.source, locator: m.locator, confidence: m.confidence},
  body: {id: b.id, label: 'Body', name: b.name, kind: b.kind},
  holder: {id: holder.id, label: 'Organisation', name: coalesce(holder.name, holder.acronym), kind: holder.kind},
  people: [(p:Person)-[e:EXERCISES]->(m) | {role: e.role, id: p.id, label: 'Person', name: p.name}],
  onBehalfOf: [(m)-[:ON_BEHALF_OF]->(o) |
    {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}]
} AS seat
ORDER BY m.validTo, b.name, holder.name, m.id
