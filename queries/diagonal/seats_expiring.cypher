// Seats valid at $asOf whose mandate ends by $until, grouped by body (see seats_by_body): found from the
// index on the mandates' end date, not by walking every body.
// $details false leaves each seat's people and onBehalfOf empty, unread (a caller not showing them).
// params: $asOf, $until, $details
// returns: body, organisations, seats
// mode: read
MATCH (m:Mandate)
WHERE m.validTo >= $asOf AND m.validTo <= $until
  AND (m.validFrom IS NULL OR m.validFrom <= $asOf)
MATCH (holder:Organisation)-[:HOLDS]->(m)-[:SEAT_IN]->(b:Body)
WITH b, holder, m
ORDER BY holder.name, m.seat, m.id
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
RETURN {id: b.id, label: 'Body', name: b.name, kind: b.kind} AS body,
       [(b)-[:BODY_OF]->(o) |
         {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}
       ] AS organisations,
       seats
ORDER BY body.name, body.id
