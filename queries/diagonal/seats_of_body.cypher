// The seats held in one body at a date (see seats_by_body), the body listed even without a seat; one row
// always, saying which of the ids given is unknown: $bodyId (a Body) and $holderId (an Organisation, or
// null for every holder). $until (a date or null) keeps only mandates ending by that date.
// $details false leaves each seat's people and onBehalfOf empty, unread (a caller not showing them).
// params: $asOf, $bodyId, $holderId, $until, $details
// returns: missing, body, organisations, seats
// mode: read
OPTIONAL MATCH (b:Body {id: $bodyId})
CALL (b) {
  OPTIONAL MATCH (holder:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b)
  WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf)
    AND (m.validTo IS NULL OR m.validTo >= $asOf)
    AND ($holderId IS NULL OR holder.id = $holderId)
    AND ($until IS NULL OR m.validTo <= $until)
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
RETURN [check IN [{argument: 'bodyId', found: b IS NOT NULL},
                  {argument: 'holderId', found: $holderId IS NULL OR EXISTS { (:Organisation {id: $holderId}) }}]
        WHERE NOT check.found | check.argument] AS missing,
       CASE WHEN b IS NOT NULL THEN {id: b.id, label: 'Body', name: b.name, kind: b.kind} END AS body,
       [(b)-[:BODY_OF]->(o) |
         {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}
       ] AS organisations,
       seats
