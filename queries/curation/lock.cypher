// Take the write lock of an entity before reading it, so that two concurrent edits are serialised and the
// second one sees the first one's revision (optimistic concurrency needs a fresh read).
// params: $id
// returns: found
// mode: write
MATCH (n:Entity {id: $id})
SET n.`_lock` = true
RETURN count(n) AS found
