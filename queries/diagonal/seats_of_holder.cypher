// The seats one organisation ($holderId) holds at a date, grouped by body (see seats_by_body); bodies where
// it holds no matching seat are left out. One row with found false and no bodies when the id names no
// organisation. $until (a date or null) keeps only mandates ending by that date.
// $details false leaves each seat's people and onBehalfOf empty, unread (a caller not showing them).
// params: $asOf, $holderId, $until, $details
// returns: found, bodies
// mode: read
OPTIONAL MATCH (holder:Organisation {id: $holderId})
CALL (holder) {
  MATCH (holder)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)
  WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf)
    AND (m.validTo IS NULL OR m.validTo >= $asOf)
    AND ($until IS NULL OR m.validTo <= $until)
  WITH b, holder, m
  ORDER BY m.seat, m.id
  WITH b, collect({
    id: m.id,
    title: m.title,
    seat: m.seat,
    validFrom: m.validFrom,
    validTo: m.validTo,
    provenance: {source: m.source, locator: m.locator, confidence: m.confidence},
    body: {id: b.id, label: 'Body', name: b.name, kind: b.kind},
    holder: {id: holder.id, label: 'Organisation', name: coalesce(holder.name, holder.acronym), kind: holder.kind},
    people: CASE WHEN $details THEN [(p:Person)-[e:EXERCISES]->(m) |
      {role: e.role, id: p.id, label: 'Person', name: p.name}] ELSE [] END,
    onBehalfOf: CASE WHEN $details THEN [(m)-[:ON_BEHALF_OF]->(o) |
      {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}
    ] ELSE [] END
  }) AS seats
  ORDER BY b.name, b.id
  RETURN collect({
    body: {id: b.id, label: 'Body', name: b.name, kind: b.kind},
    organisations: [(b)-[:BODY_OF]->(o) |
      {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}],
    seats: seats
  }) AS bodies
}
RETURN holder IS NOT NULL AS found, bodies
