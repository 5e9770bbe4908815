// The status history of a recommendation, oldest first.
// params: $id
// returns: id, status, date, note, source, locator
// mode: read
MATCH (:Recommendation {id: $id})-[:HAS_STATUS]->(s:StatusChange)
RETURN s.id AS id, s.status AS status, s.date AS date, s.note AS note, s.source AS source, s.locator AS locator
ORDER BY s.date, s.id
