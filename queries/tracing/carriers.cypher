// Who can carry a recommendation: organisations holding a mandate valid at $asOf in, or sitting in, a body
// where one of its addressees sits (SITS_IN), holds a valid mandate, or which is a body of the addressee.
// One row per (carrier, body, addressee, way in); an addressee is never its own carrier.
// params: $id, $asOf
// returns: carrier, body, addressee, carrierLink, mandate, seat, addresseeLink
// mode: read
MATCH (:Recommendation {id: $id})-[:ADDRESSED_TO]->(addressee:Organisation)
CALL (addressee) {
  MATCH (addressee)-[s:SITS_IN]->(b:Body)
  WHERE (s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo >= $asOf)
  RETURN b, type(s) AS addresseeLink
  UNION
  MATCH (addressee)-[h:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)
  WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
  RETURN b, type(h) AS addresseeLink
  UNION
  MATCH (b:Body)-[of:BODY_OF]->(addressee)
  RETURN b, type(of) AS addresseeLink
}
CALL (b) {
  MATCH (carrier:Organisation)-[s:SITS_IN]->(b)
  WHERE (s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo >= $asOf)
  RETURN carrier, type(s) AS carrierLink, NULL AS mandate
  UNION
  MATCH (carrier:Organisation)-[h:HOLDS]->(mandate:Mandate)-[:SEAT_IN]->(b)
  WHERE (mandate.validFrom IS NULL OR mandate.validFrom <= $asOf)
    AND (mandate.validTo IS NULL OR mandate.validTo >= $asOf)
  RETURN carrier, type(h) AS carrierLink, mandate
}
WITH carrier, b, addressee, carrierLink, mandate, addresseeLink
WHERE carrier <> addressee
RETURN {id: carrier.id, label: 'Organisation', name: coalesce(carrier.name, carrier.acronym), kind: carrier.kind}
         AS carrier,
       {id: b.id, label: 'Body', name: b.name, kind: b.kind} AS body,
       {id: addressee.id, label: 'Organisation', name: coalesce(addressee.name, addressee.acronym), kind: addressee.kind}
         AS addressee,
       carrierLink,
       mandate.id AS mandate,
       mandate.seat AS seat,
       addresseeLink
ORDER BY carrier.name, carrier.id, b.name, addressee.name, carrierLink, mandate
