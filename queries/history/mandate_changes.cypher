// The mandates that began (validFrom in ($since, $until]) or ended (validTo in [$since, $until)) between two
// dates, oldest change first, with the holding organisation, the body and the mandate's provenance.
// Each half seeks its own index (mandate_valid_from, mandate_valid_to).
// params: $since, $until, $limit
// returns: change, date, id, title, holder, holderName, body, bodyName, source, locator
// mode: read
CALL () {
  MATCH (m:Mandate) WHERE m.validFrom > $since AND m.validFrom <= $until
  RETURN m, 'began' AS change, m.validFrom AS date
  UNION ALL
  MATCH (m:Mandate) WHERE m.validTo >= $since AND m.validTo < $until
  RETURN m, 'ended' AS change, m.validTo AS date
}
WITH change, date, m
ORDER BY date, change, m.id
LIMIT $limit
OPTIONAL MATCH (holder:Organisation)-[:HOLDS]->(m)
OPTIONAL MATCH (m)-[:SEAT_IN]->(body:Body)
RETURN change, date, m.id AS id, m.title AS title, holder.id AS holder, holder.name AS holderName,
       body.id AS body, body.name AS bodyName, m.source AS source, m.locator AS locator
