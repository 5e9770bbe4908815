// Rollback of a publish that failed midway: delete the entities it had already published (by id), with their
// relationships. Only ids the import created are given.
// params: $ids
// returns: count
// mode: write
UNWIND $ids AS id
MATCH (n:Entity {id: id})
DETACH DELETE n
RETURN count(*) AS count
