// The provenance of entities by id (for the API's per-request loader): where each comes from.
// params: $ids
// returns: id, source, locator, confidence
// mode: read
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.source AS source, n.locator AS locator, n.confidence AS confidence
