// End a relationship at a date: set its validTo (the relationship and its history are kept).
// params: $type, $from, $to, $key, $validTo, $actor
// returns: before, after
// mode: write
MATCH (:Entity {id: $from})-[r:$($type) {key: $key}]->(:Entity {id: $to})
WITH r, properties(r) AS before
SET r.validTo = $validTo, r.updatedAt = datetime(), r.updatedBy = $actor
RETURN before, properties(r) AS after
