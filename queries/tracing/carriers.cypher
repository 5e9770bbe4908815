// Who can carry a recommendation: organisations holding a mandate valid at $asOf in, or sitting in, a body
// where one of its addressees sits (SITS_IN), holds a valid mandate, or which is a body of the addressee.
// One row per (carrier, body, addressee, way in); an addressee is never its own carrier.
// params: $id, $asOf
// Provenance: of the carrier's seat (SITS_IN, or the mandate) and of the addressee's link to the body.
// returns: carrier, body, addressee, carrierLink, mandate, seat, addresseeLink, carrierProvenance,
//          addresseeProvenance
// mode: read
MATCH (:Recommendation {id: $id})-[:ADDRESSED_TO]->(addressee:Organisation)
CALL (addressee) {
  MATCH (addressee)-[s:SITS_IN]->(b:Body)
  WHERE (s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo >= $asOf)
  RETURN b, type(s) AS addresseeLink,
         {source: s.source, locator: s.locator, confidence: s.confidence} AS addresseeProvenance
  UNION
  MATCH (addressee)-[h:HOLDS]->(m:Mandate)-[:SEAT_IN]->(b:Body)
  WHERE (m.validFrom IS NULL OR m.validFrom <= $asOf) AND (m.validTo IS NULL OR m.validTo >= $asOf)
  RETURN b, type(h) AS addresseeLink,
         {source: m.source, locator: m.locator, confidence: m.confidence} AS addresseeProvenance
  UNION
  MATCH (b:Body)-[of:BODY_OF]->(addressee)
  RETURN b, type(of) AS addresseeLink,
         {source: of.source, locator: of.locator, confidence: of.confidence} AS addresseeProvenance
}
CALL (b) {
  MATCH (carrier:Organisation)-[s:SITS_IN]->(b)
  WHERE (s.validFrom IS NULL OR s.validFrom <= $asOf) AND (s.validTo IS NULL OR s.validTo >= $asOf)
  RETURN carrier, type(s) AS carrierLink, NULL AS mandate,
         {source: s.source, locator: s.locator, confidence: s.confidence} AS carrierProvenance
  UNION
  MATCH (carrier:Organisation)-[h:HOLDS]->(mandate:Mandate)-[:SEAT_IN]->(b)
  WHERE (mandate.validFrom IS NULL OR mandate.validFrom <= $asOf)
    AND (mandate.validTo IS NULL OR mandate.validTo >= $asOf)
  RETURN carrier, type(h) AS carrierLink, mandate,
         {source: mandate.source, locator: mandate.locator, confidence: mandate.confidence} AS carrierProvenance
}
WITH carrier, b, addressee, carrierLink, mandate, addresseeLink, carrierProvenance, addresseeProvenance
WHERE carrier <> addressee
RETURN {id: carrier.id, label: 'Organisation', name: coalesce(carrier.name, carrier.acronym), kind: carrier.kind}
         AS carrier,
       {id: b.id, label: 'Body', name: b.name, kind: b.kind} AS body,
       {id: addressee.id, label: 'Organisation', name: coalesce(addressee.name, addressee.acronym), kind: addressee.kind}
         AS addressee,
       carrierLink,
       mandate.id AS mandate,
       mandate.seat AS seat,
       addresseeLink,
       carrierProvenance,
       addresseeProvenance
ORDER BY carrier.name, carrier.id, b.name, addressee.name, carrierLink, mandate
