// Seats held in each body at a date: holder, persons exercising the mandate (with their role), seat type,
// period and on whose behalf. Bodies without a valid seat are left out. The whole registry: one body is
// seats_of_body, one holder seats_of_holder, mandates ending soon seats_expiring.
// $details false leaves each seat's people and onBehalfOf empty, unread (a caller not showing them).
// params: $asOf, $details
// returns: body, organisations, seats
// mode: read
MATCH (b:Body)
CALL (b) {
  MATCH (holder:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b)
  WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf)
    AND (m.validTo IS NULL OR m.validTo >= $asOf)
  WITH holder, m
  ORDER BY holder.name, m.seat, m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN {
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
  } END) AS seats
}
WITH b, seats
WHERE size(seats) > 0
RETURN {id: b.id, label: 'Body', name: b.name, kind: b.kind} AS body,
       [(b)-[:BODY_OF]->(o) |
         {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}
       ] AS organisations,
       seats
ORDER BY body.name, body.id
