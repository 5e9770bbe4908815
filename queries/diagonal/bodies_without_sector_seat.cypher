// Bodies where no organisation of ring $ring (the integration sector) holds a mandate valid at $asOf,
// with the seats others hold there and the end of the sector's last expired seat, if any.
// params: $asOf, $ring
// returns: body, organisations, otherSeats, lastSectorSeatEnd
// mode: read
MATCH (b:Body)
WHERE NOT EXISTS {
  MATCH (holder:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b)
  WHERE holder.ring = $ring
    AND (m.validFrom IS NULL OR m.validFrom <= $asOf)
    AND (m.validTo IS NULL OR m.validTo >= $asOf)
}
RETURN {id: b.id, label: 'Body', name: b.name, kind: b.kind} AS body,
       [(b)-[:BODY_OF]->(o) |
         {id: o.id, label: head([l IN labels(o) WHERE l <> 'Entity']), name: coalesce(o.name, o.acronym), kind: o.kind}
       ] AS organisations,
       COUNT {
         MATCH (:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b)
         WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
       } AS otherSeats,
       head(COLLECT {
         MATCH (holder:Organisation)-[:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b)
         WHERE holder.ring = $ring AND m.validTo < $asOf
         RETURN m.validTo ORDER BY m.validTo DESC
       }) AS lastSectorSeatEnd
ORDER BY b.name, b.id
